//! `eventpattern rules`: the rules found in files and folders, each valid,
//! invalid (AWS's reason at its source position) or unresolved; as text,
//! JSON, or SARIF for code-scanning annotations.

use crate::output::{EXIT_INVALID, EXIT_MATCH, EXIT_NO_MATCH};
use crate::ruleset::read_all;
use eventpattern::excerpt::visible;
use eventpattern_rules::{Rule, Status};
use serde_json::{json, Value};

/// Output formats of `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ListFormat {
    /// One line per rule.
    Text,
    /// A JSON array.
    Json,
    /// SARIF 2.1.0 (GitHub code scanning).
    Sarif,
}

/// `eventpattern rules`: exit 1 if any rule is invalid, 2 if a file is no
/// rule source (or cannot be read), else 0 (no rules at all included).
pub fn run(paths: &[String], format: ListFormat) -> u8 {
    let (rules, failed) = read_all(paths);
    match format {
        ListFormat::Text if rules.is_empty() => {}
        ListFormat::Text => print_text(&rules),
        ListFormat::Json => println!("{}", Value::Array(rules.iter().map(rule_json).collect())),
        ListFormat::Sarif => println!(
            "{}",
            serde_json::to_string_pretty(&sarif(&rules)).unwrap_or_default()
        ),
    }
    if failed {
        return EXIT_INVALID;
    }
    if rules.is_empty() {
        // Nothing to refuse: a template without event rules passes.
        eprintln!("no rules found");
    }
    if rules
        .iter()
        .any(|r| matches!(r.status, Status::Invalid { .. }))
    {
        EXIT_NO_MATCH
    } else {
        EXIT_MATCH
    }
}

fn print_text(rules: &[Rule]) {
    let width = rules
        .iter()
        .map(|r| r.name.chars().count())
        .max()
        .unwrap_or(0);
    let (mut valid, mut invalid, mut unresolved) = (0, 0, 0);
    for r in rules {
        let name = visible(&r.name);
        let pad = " ".repeat(width.saturating_sub(r.name.chars().count()));
        let origin = format!("{}:{}", visible(&r.origin.file), r.origin.line);
        match &r.status {
            Status::Valid { .. } => {
                valid += 1;
                println!("valid       {name}{pad}  {origin}");
            }
            Status::Invalid { error, .. } => {
                invalid += 1;
                println!(
                    "invalid     {name}{pad}  {}:{}:{}: {}",
                    visible(&error.at.file),
                    error.at.line,
                    error.at.column,
                    visible(&error.reason)
                );
            }
            Status::Unresolved { why } => {
                unresolved += 1;
                println!("unresolved  {name}{pad}  {origin}: {}", visible(why));
            }
        }
    }
    eprintln!(
        "{} rule{}: {valid} valid, {invalid} invalid, {unresolved} unresolved",
        rules.len(),
        if rules.len() == 1 { "" } else { "s" }
    );
}

fn rule_json(r: &Rule) -> Value {
    let (status, error, why) = match &r.status {
        Status::Valid { .. } => ("valid", Value::Null, Value::Null),
        Status::Invalid { error, .. } => (
            "invalid",
            json!({"reason": error.reason, "line": error.at.line, "column": error.at.column}),
            Value::Null,
        ),
        Status::Unresolved { why } => ("unresolved", Value::Null, json!(why)),
    };
    json!({
        "name": r.name,
        "file": r.origin.file,
        "line": r.origin.line,
        "column": r.origin.column,
        "status": status,
        "pattern": r.status.text(),
        "error": error,
        "unresolved": why,
    })
}

/// SARIF 2.1.0: one result per invalid rule (error) and per unresolved one (note).
fn sarif(rules: &[Rule]) -> Value {
    let location = |file: &str, line: u32, column: u32| {
        json!([{"physicalLocation": {
            "artifactLocation": {"uri": file.replace('\\', "/")},
            "region": {"startLine": line, "startColumn": column},
        }}])
    };
    let results: Vec<Value> = rules
        .iter()
        .filter_map(|r| match &r.status {
            Status::Valid { .. } => None,
            Status::Invalid { error, .. } => Some(json!({
                "ruleId": "invalid-event-pattern",
                "level": "error",
                "message": {"text": format!("Rule {}: event pattern is not valid: {}", r.name, error.reason)},
                "locations": location(&error.at.file, error.at.line, error.at.column),
            })),
            Status::Unresolved { why } => Some(json!({
                "ruleId": "unresolved-event-pattern",
                "level": "note",
                "message": {"text": format!("Rule {}: not checked: {why}", r.name)},
                "locations": location(&r.origin.file, r.origin.line, r.origin.column),
            })),
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "eventpattern",
                "rules": [
                    {"id": "invalid-event-pattern",
                     "shortDescription": {"text": "EventBridge refuses this event pattern"},
                     "defaultConfiguration": {"level": "error"}},
                    {"id": "unresolved-event-pattern",
                     "shortDescription": {"text": "The event pattern is known only when deployed"},
                     "defaultConfiguration": {"level": "note"}},
                ],
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}
