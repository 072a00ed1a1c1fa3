//! `eventpattern test --rules …`: which of many rules fire for one event;
//! `--explain NAME` adds that rule's field-by-field trace.

use crate::input::read_text;
use crate::output::{event_error, event_to_test, io_error, ColorChoice, EXIT_MATCH, EXIT_NO_MATCH};
use crate::ruleset;
use eventpattern::excerpt::visible;
use eventpattern::render::trace_text;
use eventpattern::report::TraceReport;
use eventpattern::Encoding;
use serde_json::json;

/// `eventpattern test --rules`: exit 0 if at least one rule fires, 1 if none,
/// 2 if the event is invalid (or no rule could be read).
pub fn run(
    rule_paths: &[String],
    event_file: &str,
    explain: Option<&str>,
    json: bool,
    color: ColorChoice,
    wrap: bool,
) -> u8 {
    let rules = match ruleset::load(rule_paths, &[]) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if let Some(name) = explain {
        if rules.get(name).is_none() {
            return io_error(
                &format!(
                    "no valid rule named {name} (the names are those `eventpattern rules` lists)"
                ),
                json,
            );
        }
    }
    let event_text = match read_text(event_file) {
        Ok(t) => t,
        Err(m) => return io_error(&m, json),
    };
    let (event_text, _) = match event_to_test(event_file, event_text, wrap) {
        Ok(e) => e,
        Err((text, e)) => return event_error(event_file, &text, &e, json),
    };
    let matching = match rules.matching(&event_text) {
        Ok(m) => m,
        Err(e) => return event_error(event_file, &event_text, &e, json),
    };
    let names = rules.names();
    if json {
        let matched: Vec<&str> = matching.iter().map(|&i| names[i].as_str()).collect();
        let all: Vec<_> = names
            .iter()
            .enumerate()
            .map(|(i, n)| json!({"name": n, "matched": matching.contains(&i)}))
            .collect();
        let mut out = json!({"matched": matched, "rules": all});
        if let Some((text, pattern)) = explain.and_then(|n| rules.get(n)) {
            if let Ok(trace) = pattern.explain(&event_text) {
                out["explain"] = json!({
                    "name": explain,
                    "matched": trace.matched,
                    "trace": crate::output::TraceJson::from(&TraceReport::new(
                        pattern,
                        text,
                        &event_text,
                        &trace,
                        Encoding::Chars,
                    )),
                });
            }
        }
        println!("{out}");
    } else {
        let heading = if matching.is_empty() {
            "NO MATCH"
        } else {
            "MATCH"
        };
        println!("{heading}: {} of {} rules", matching.len(), names.len());
        for (i, n) in names.iter().enumerate() {
            let mark = if matching.contains(&i) { "✓" } else { "✗" };
            println!("  {mark} {}", visible(n));
        }
        if let Some((text, pattern)) = explain.and_then(|n| rules.get(n)) {
            let trace = match pattern.explain(&event_text) {
                Ok(t) => t,
                Err(e) => return event_error(event_file, &event_text, &e, false),
            };
            println!("\n{}:", visible(explain.unwrap_or_default()));
            print!("{}", trace_text(pattern, text, &trace, color.enabled()));
        }
    }
    if matching.is_empty() {
        EXIT_NO_MATCH
    } else {
        EXIT_MATCH
    }
}
