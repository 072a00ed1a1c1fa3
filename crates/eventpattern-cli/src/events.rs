//! Events streamed one at a time from JSON Lines, a JSON array, or CloudTrail
//! log files (split by the library's `splitter`), so a file of any size runs
//! in memory proportional to its largest event. Used by `filter` and `matrix`.

use crate::input::display_name;
use crate::output::{EXIT_INVALID, EXIT_MATCH, EXIT_NO_MATCH};
use eventpattern::excerpt::visible;
use eventpattern::splitter::{Item, SplitError, Splitter};
use eventpattern::EventError;

/// Counts for the summary line.
#[derive(Default)]
pub struct Counts {
    /// Events matched against the rules.
    pub total: usize,
    /// Input skipped (not an event, or an invalid one), reported on stderr.
    pub skipped: usize,
    /// Lone CloudTrail records wrapped in the envelope.
    pub wrapped: usize,
    /// Files that could not be read.
    pub io_errors: usize,
}

impl Counts {
    /// The exit status of a streaming command (`filter`, `matrix`): input
    /// skipped or unreadable wins, then whether anything matched.
    pub fn exit_code(&self, matched: usize) -> u8 {
        if self.skipped > 0 || self.io_errors > 0 {
            EXIT_INVALID
        } else if matched > 0 {
            EXIT_MATCH
        } else {
            EXIT_NO_MATCH
        }
    }
}

/// One event: its text (wrapped when it was a CloudTrail record), its
/// 0-based index over the whole input, and where it starts.
pub struct Event<'a> {
    pub text: &'a str,
    pub index: usize,
    pub file: &'a str,
    pub line: usize,
}

/// Calls `on_event` for each event of `files` (standard input when empty or
/// `-`); it returns `Ok(false)` to stop (output failed) or the event's error,
/// which is reported and skipped.
pub fn for_each_event(
    files: &[String],
    wrap: bool,
    counts: &mut Counts,
    mut on_event: impl FnMut(&Event<'_>) -> Result<bool, EventError>,
) {
    let stdin = ["-".to_string()];
    let files = if files.is_empty() { &stdin[..] } else { files };
    for name in files {
        let mut reader: Box<dyn std::io::Read> = if name == "-" {
            Box::new(std::io::stdin())
        } else {
            match std::fs::File::open(name) {
                Ok(f) => Box::new(f),
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", visible(name));
                    counts.io_errors += 1;
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
                    counts.io_errors += 1;
                    break;
                }
            };
            split.feed(&buf[..n], &mut items);
            for item in items.drain(..) {
                if !one_item(name, item, wrap, counts, &mut on_event) {
                    return;
                }
            }
        }
        if let Some(e) = split.finish() {
            one_item(name, Err(e), wrap, counts, &mut on_event);
        }
    }
}

/// Reports input that is not an event and counts it; reading goes on.
fn skip(file: &str, line: usize, message: &str, counts: &mut Counts) -> bool {
    eprintln!("error: {}:{}: {}", visible(file), line, visible(message));
    counts.skipped += 1;
    true
}

/// One event (or what was skipped); `false` to stop.
fn one_item(
    name: &str,
    item: Result<Item, SplitError>,
    wrap: bool,
    counts: &mut Counts,
    on_event: &mut impl FnMut(&Event<'_>) -> Result<bool, EventError>,
) -> bool {
    let file = display_name(name);
    let item = match item {
        Ok(i) => i,
        Err(e) => {
            return skip(file, e.line, &e.message, counts);
        }
    };
    let line = item.line;
    let text = match item.into_event(wrap) {
        Ok((text, lone_record)) => {
            // Records of a log are wrapped as documented; a lone record
            // is worth a note.
            counts.wrapped += usize::from(lone_record);
            text
        }
        Err(e) => return skip(file, line, &e.message, counts),
    };
    let event = Event {
        text: &text,
        index: counts.total,
        file,
        line,
    };
    match on_event(&event) {
        Ok(go_on) => {
            counts.total += 1;
            go_on
        }
        Err(e) => skip(file, line, &e.message, counts),
    }
}

/// The note on wrapped records, for stderr.
pub fn wrapped_note(counts: &Counts) {
    if counts.wrapped > 0 {
        eprintln!(
            "note: {} CloudTrail record(s) outside a log file were wrapped in the EventBridge envelope (--no-wrap to match them as they are)",
            counts.wrapped
        );
    }
}
