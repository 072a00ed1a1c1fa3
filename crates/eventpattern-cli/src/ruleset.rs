//! Named rules read with `eventpattern_rules` (pattern files, templates,
//! Terraform) and matched together; invalid and unresolved rules are
//! reported on stderr and left out.

use crate::input::read_text;
use crate::output::{pattern_error, EXIT_INVALID};
use eventpattern::excerpt::visible;
use eventpattern::{EventError, Pattern, PatternSet};
use eventpattern_rules::{Rule, Status};
use std::path::Path;

/// Every rule under the given files and folders, in order, and whether
/// some file was no rule source (reported on stderr).
pub fn read_all(paths: &[String]) -> (Vec<Rule>, bool) {
    let mut rules = Vec::new();
    let mut failed = false;
    for path in paths {
        for found in eventpattern_rules::fs::read_path(Path::new(path)) {
            match found {
                Ok(f) => rules.extend(f.rules),
                Err(e) => {
                    eprintln!("error: {}", visible(&e.to_string()));
                    failed = true;
                }
            }
        }
    }
    (rules, failed)
}

/// Valid rules with their names, matched in one read of each event.
pub struct Rules {
    names: Vec<String>,
    /// The valid rules, by index.
    pub rules: Vec<(String, String, Pattern)>,
    set: PatternSet,
}

impl Rules {
    /// The names of the rules, in order.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// Indexes (into [`Rules::names`]) of the rules the event matches.
    pub fn matching(&self, event: &str) -> Result<Vec<usize>, EventError> {
        self.set.matching(event)
    }

    /// A valid rule's pattern text and pattern, by name.
    pub fn get(&self, name: &str) -> Option<(&str, &Pattern)> {
        self.rules
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, t, p)| (t.as_str(), p))
    }
}

/// Rules for matching: from `--rules` sources (invalid and unresolved ones
/// reported and skipped) or from `--pattern` files (an invalid one is an error).
pub fn load(rule_paths: &[String], pattern_files: &[String]) -> Result<Rules, u8> {
    let mut valid = Vec::new();
    for file in pattern_files {
        let text = read_text(file).map_err(|m| {
            eprintln!("error: {}", visible(&m));
            EXIT_INVALID
        })?;
        match Pattern::parse(&text) {
            Ok(p) => valid.push((file.clone(), text, p)),
            Err(e) => return Err(pattern_error(file, &text, &e, false)),
        }
    }
    let (rules, failed) = read_all(rule_paths);
    if failed {
        return Err(EXIT_INVALID);
    }
    for rule in rules {
        match rule.status {
            Status::Valid { text, pattern } => valid.push((rule.name, text, pattern)),
            Status::Invalid { error, .. } => eprintln!(
                "warning: {}:{}:{}: rule {} skipped: invalid pattern: {}",
                visible(&error.at.file),
                error.at.line,
                error.at.column,
                visible(&rule.name),
                visible(&error.reason)
            ),
            Status::Unresolved { why } => eprintln!(
                "warning: {}:{}: rule {} skipped: {}",
                visible(&rule.origin.file),
                rule.origin.line,
                visible(&rule.name),
                visible(&why)
            ),
        }
    }
    let set = PatternSet::new(valid.iter().map(|(_, _, p)| p.clone()).collect());
    Ok(Rules {
        names: valid.iter().map(|(n, _, _)| n.clone()).collect(),
        rules: valid,
        set,
    })
}
