//! `eventpattern filter`: events streamed one at a time from JSON Lines, a JSON
//! array, or CloudTrail log files (split by the library's `splitter`), so a
//! file of any size runs in memory proportional to its largest event.

use crate::input::{display_name, read_text};
use crate::output::{pattern_error, EXIT_INVALID, EXIT_MATCH, EXIT_NO_MATCH};
use eventpattern::cloudtrail;
use eventpattern::excerpt::visible;
use eventpattern::splitter::{Item, SplitError, Splitter};
use eventpattern::{Pattern, PatternSet};
use std::io::{Read, Write};

/// Counts for the summary line.
#[derive(Default)]
struct Counts {
    total: usize,
    matched: usize,
    skipped: usize,
    wrapped: usize,
}

/// `eventpattern filter`: events that match any of the patterns.
pub fn filter(pattern_files: &[String], files: &[String], wrap: bool) -> u8 {
    let mut patterns = Vec::new();
    for pattern_file in pattern_files {
        let text = match read_text(pattern_file) {
            Ok(t) => t,
            Err(m) => {
                eprintln!("error: {}", visible(&m));
                return EXIT_INVALID;
            }
        };
        match Pattern::parse(&text) {
            Ok(p) => patterns.push(p),
            Err(e) => return pattern_error(pattern_file, &text, &e, false),
        }
    }
    let set = PatternSet::new(patterns);
    let stdin = ["-".to_string()];
    let files = if files.is_empty() { &stdin[..] } else { files };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut counts = Counts::default();
    let mut io_errors = 0usize;
    for name in files {
        let mut reader: Box<dyn Read> = if name == "-" {
            Box::new(std::io::stdin())
        } else {
            match std::fs::File::open(name) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", visible(name));
                    io_errors += 1;
                    continue;
                }
            }
        };
        let mut split = Splitter::new();
        let mut buf = vec![0u8; 1 << 16];
        let mut items = Vec::new();
        loop {
            let n = match reader.read(&mut buf) {
                Ok(0) => break,
                Ok(n) => n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => {
                    eprintln!("error: {}: read error: {e}", visible(display_name(name)));
                    io_errors += 1;
                    break;
                }
            };
            split.feed(&buf[..n], &mut items);
            for item in items.drain(..) {
                if !one_item(&set, name, item, wrap, &mut counts, &mut out) {
                    return EXIT_INVALID;
                }
            }
        }
        if let Some(e) = split.finish() {
            one_item(&set, name, Err(e), wrap, &mut counts, &mut out);
        }
    }
    let _ = out.flush();
    if counts.wrapped > 0 {
        eprintln!(
            "note: {} CloudTrail record(s) outside a log file were wrapped in the EventBridge envelope (--no-wrap to match them as they are)",
            counts.wrapped
        );
    }
    let skipped = if counts.skipped > 0 {
        format!("; {} skipped (errors above)", counts.skipped)
    } else {
        String::new()
    };
    eprintln!(
        "{} of {} events matched{skipped}",
        counts.matched, counts.total
    );
    if counts.skipped > 0 || io_errors > 0 {
        EXIT_INVALID
    } else if counts.matched > 0 {
        EXIT_MATCH
    } else {
        EXIT_NO_MATCH
    }
}

/// Matches one event (or reports what was skipped); `false` when output failed.
fn one_item(
    set: &PatternSet,
    name: &str,
    item: Result<Item, SplitError>,
    wrap: bool,
    counts: &mut Counts,
    out: &mut impl Write,
) -> bool {
    let name = visible(display_name(name));
    let item = match item {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {name}:{}: {}", e.line, visible(&e.message));
            counts.skipped += 1;
            return true;
        }
    };
    let as_record = wrap && (item.cloudtrail || cloudtrail::is_record(&item.text));
    let event = if as_record {
        match cloudtrail::wrap(&item.text) {
            Ok(e) => {
                // Records of a log are wrapped as documented; a lone record
                // is worth a note.
                if !item.cloudtrail {
                    counts.wrapped += 1;
                }
                e
            }
            Err(e) => {
                eprintln!("error: {name}:{}: {}", item.line, visible(&e.message));
                counts.skipped += 1;
                return true;
            }
        }
    } else {
        item.text
    };
    match set.matching(&event).map(|m| !m.is_empty()) {
        Ok(true) => {
            counts.total += 1;
            counts.matched += 1;
            writeln!(out, "{event}").is_ok()
        }
        Ok(false) => {
            counts.total += 1;
            true
        }
        Err(e) => {
            eprintln!("error: {name}:{}: {}", item.line, visible(&e.message));
            counts.skipped += 1;
            true
        }
    }
}
