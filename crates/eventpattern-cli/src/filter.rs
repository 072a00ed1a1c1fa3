//! `eventpattern filter`: the events (streamed by `events`) that match any
//! of the rules, printed as they were read.

use crate::events::{for_each_event, wrapped_note, Counts};
use crate::output::EXIT_INVALID;
use crate::ruleset;
use std::io::Write;

/// `eventpattern filter`: events that match any of the patterns or rules.
pub fn filter(pattern_files: &[String], rule_paths: &[String], files: &[String], wrap: bool) -> u8 {
    let rules = match ruleset::load(rule_paths, pattern_files) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = Counts::default();
    let mut matched = 0usize;
    let mut output_failed = false;
    for_each_event(files, wrap, &mut counts, |event| {
        if rules.matching(event.text)?.is_empty() {
            return Ok(true);
        }
        matched += 1;
        let ok = writeln!(out, "{}", event.text).is_ok();
        output_failed |= !ok;
        Ok(ok)
    });
    let _ = out.flush();
    if output_failed {
        return EXIT_INVALID;
    }
    wrapped_note(&counts);
    let skipped = if counts.skipped > 0 {
        format!("; {} skipped (errors above)", counts.skipped)
    } else {
        String::new()
    };
    eprintln!("{matched} of {} events matched{skipped}", counts.total);
    counts.exit_code(matched)
}
