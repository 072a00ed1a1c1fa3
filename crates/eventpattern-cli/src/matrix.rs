//! `eventpattern matrix`: per event (streamed, bounded memory), the rules it
//! matches; then per rule how many events it matched, and the rules that
//! matched none.

use crate::events::{for_each_event, wrapped_note, Counts};
use crate::output::EXIT_INVALID;
use crate::ruleset;
use eventpattern::excerpt::visible;
use serde_json::json;
use std::io::Write;

/// `eventpattern matrix`: exit 0 if some event matched some rule, 1 if
/// none did, 2 if input was skipped or a file could not be read.
pub fn run(rule_paths: &[String], files: &[String], json: bool, summary: bool, wrap: bool) -> u8 {
    let rules = match ruleset::load(rule_paths, &[]) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let names = rules.names();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = Counts::default();
    let mut per_rule = vec![0usize; names.len()];
    let mut matches = 0usize;
    let mut output_failed = false;
    for_each_event(files, wrap, &mut counts, |event| {
        let matching = rules.matching(event.text)?;
        matches += matching.len();
        for &i in &matching {
            per_rule[i] += 1;
        }
        let matched: Vec<&str> = matching.iter().map(|&i| names[i].as_str()).collect();
        let ok = if json {
            writeln!(out, "{}", json!({"event": event.index, "rules": matched}))
        } else {
            let list: Vec<String> = matched.iter().map(|n| visible(n).into_owned()).collect();
            writeln!(
                out,
                "{} {}:{}: {}",
                event.index,
                visible(event.file),
                event.line,
                if list.is_empty() {
                    "-".to_string()
                } else {
                    list.join(", ")
                }
            )
        }
        .is_ok();
        output_failed |= !ok;
        Ok(ok)
    });
    if output_failed {
        return EXIT_INVALID;
    }
    wrapped_note(&counts);
    let unmatched: Vec<&str> = names
        .iter()
        .zip(&per_rule)
        .filter(|(_, &n)| n == 0)
        .map(|(name, _)| name.as_str())
        .collect();
    if summary {
        let per: serde_json::Map<String, serde_json::Value> = names
            .iter()
            .zip(&per_rule)
            .map(|(n, &c)| (n.clone(), json!(c)))
            .collect();
        let _ = writeln!(
            out,
            "{}",
            json!({"summary": {"events": counts.total, "rules": names.len(), "matches": matches,
                               "skipped": counts.skipped, "per_rule": per, "unmatched": unmatched}})
        );
    }
    let _ = out.flush();
    if !summary {
        let width = names.iter().map(|n| n.chars().count()).max().unwrap_or(0);
        for (n, c) in names.iter().zip(&per_rule) {
            let pad = " ".repeat(width - n.chars().count());
            eprintln!("{}{pad}  {c}", visible(n));
        }
        if !unmatched.is_empty() {
            let list: Vec<String> = unmatched.iter().map(|n| visible(n).into_owned()).collect();
            eprintln!("matched no event: {}", list.join(", "));
        }
        let skipped = if counts.skipped > 0 {
            format!("; {} skipped (errors above)", counts.skipped)
        } else {
            String::new()
        };
        eprintln!(
            "{} events × {} rules: {matches} matches{skipped}",
            counts.total,
            names.len()
        );
    }
    counts.exit_code(matches)
}
