//! `test` and `validate`: text and JSON output of verdicts, traces and errors.

use crate::input::{display_name, read_text};
use eventpattern::cloudtrail;
use eventpattern::delivery::delivery_notes;
use eventpattern::excerpt::visible;
use eventpattern::plain::{event_error_sentence, pattern_error_sentence};
use eventpattern::quickfix::quick_fixes;
use eventpattern::render::{caret_report, labeled_report, trace_text, trailing_text_sentence};
use eventpattern::report::{notes, ErrorReport, EventErrorReport, FieldReport, TraceReport};
use eventpattern::{Encoding, EventError, Pattern, PatternError};
use serde_json::json;
use std::io::IsTerminal;

/// When to colour the text output.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal only.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to colour standard output.
    pub fn enabled(self) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => std::io::stdout().is_terminal(),
        }
    }
}

pub const EXIT_MATCH: u8 = 0;
pub const EXIT_NO_MATCH: u8 = 1;
pub const EXIT_INVALID: u8 = 2;

pub fn io_error(message: &str, json: bool) -> u8 {
    if json {
        println!("{}", json!({"error": {"reason": message}}));
    } else {
        eprintln!("error: {}", visible(message));
    }
    EXIT_INVALID
}

/// Prints a pattern error; returns the exit code.
pub fn pattern_error(name: &str, text: &str, e: &PatternError, json: bool) -> u8 {
    if json {
        println!(
            "{}",
            json!({"error": ErrorReport::new(text, e, Encoding::Chars)})
        );
    } else {
        eprint!(
            "{}",
            caret_report(
                display_name(name),
                text,
                e.span,
                &format!("invalid pattern: {}", e.reason)
            )
        );
        if !e.path.is_empty() {
            eprintln!("  = at pattern path: {}", visible(&e.path_display()));
        }
        eprintln!(
            "  = help: {}",
            visible(&pattern_error_sentence(text, e, Encoding::Chars))
        );
        for f in quick_fixes(text, e) {
            eprintln!("  = fix: {}", visible(&f.label));
        }
        eprintln!("  = AWS: {}", visible(&e.aws_message()));
    }
    EXIT_INVALID
}

pub fn event_error(name: &str, text: &str, e: &EventError, json: bool) -> u8 {
    if json {
        println!(
            "{}",
            json!({"error": EventErrorReport::new(text, e, Encoding::Chars)})
        );
    } else {
        eprint!(
            "{}",
            caret_report(
                display_name(name),
                text,
                e.span,
                &format!("invalid event: {}", e.message)
            )
        );
        eprintln!(
            "  = help: {}",
            visible(&event_error_sentence(text, e, Encoding::Chars))
        );
    }
    EXIT_INVALID
}

/// Notes on a valid pattern, printed to stderr before a trace.
fn print_notes(name: &str, text: &str, p: &Pattern) {
    for n in eventpattern::lint::lint(p) {
        eprint!(
            "{}",
            labeled_report("note", display_name(name), text, n.span, &n.message)
        );
    }
}

/// The event to test: a CloudTrail record or log (by the library's one
/// recogniser) wrapped in the EventBridge envelope, with a notice on stderr,
/// unless `wrap` is off; `None` as the second value when used as it is.
pub fn event_to_test(
    event_file: &str,
    text: String,
    wrap: bool,
) -> Result<(String, Option<&'static str>), (String, eventpattern::EventError)> {
    if !wrap {
        return Ok((text, None));
    }
    let shape = cloudtrail::shape(&text);
    match cloudtrail::to_event(&text) {
        Ok(Some(event)) => {
            let (what, which) = if shape == cloudtrail::Shape::Log {
                ("a CloudTrail log file", "its first record")
            } else {
                ("a CloudTrail record", "it")
            };
            eprintln!(
                "note: {} is {what}, not an EventBridge event; testing {which} wrapped in the envelope EventBridge delivers (--no-wrap to test the text as it is)",
                visible(display_name(event_file))
            );
            let kind = if shape == cloudtrail::Shape::Log {
                "log"
            } else {
                "record"
            };
            Ok((event, Some(kind)))
        }
        Ok(None) => Ok((text, None)),
        Err(e) => Err((text, e)),
    }
}

/// `eventpattern test`.
pub fn test(
    pattern_file: &str,
    event_file: &str,
    json: bool,
    color: ColorChoice,
    wrap: bool,
) -> u8 {
    if pattern_file == "-" && event_file == "-" {
        return io_error(
            "the pattern and the event cannot both come from standard input",
            json,
        );
    }
    let pattern_text = match read_text(pattern_file) {
        Ok(t) => t,
        Err(m) => return io_error(&m, json),
    };
    let event_text = match read_text(event_file) {
        Ok(t) => t,
        Err(m) => return io_error(&m, json),
    };
    let pattern = match Pattern::parse(&pattern_text) {
        Ok(p) => p,
        Err(e) => return pattern_error(pattern_file, &pattern_text, &e, json),
    };
    let (event_text, wrapped) = match event_to_test(event_file, event_text, wrap) {
        Ok(e) => e,
        Err((text, e)) => return event_error(event_file, &text, &e, json),
    };
    if !json {
        print_notes(pattern_file, &pattern_text, &pattern);
    }
    if let (Some(span), Some(sentence), false) = (
        pattern.tree().trailing,
        trailing_text_sentence(&pattern, &pattern_text),
        json,
    ) {
        eprint!(
            "{}",
            labeled_report(
                "warning",
                display_name(pattern_file),
                &pattern_text,
                span,
                &sentence
            )
        );
    }
    let trace = match pattern.explain(&event_text) {
        Ok(t) => t,
        Err(e) => return event_error(event_file, &event_text, &e, json),
    };
    if json {
        let report = TraceReport::new(
            &pattern,
            &pattern_text,
            &event_text,
            &trace,
            Encoding::Chars,
        );
        let mut out = json!({"matched": report.matched, "trace": TraceJson::from(&report),
               "delivery": report.delivery});
        if let Some(kind) = wrapped {
            // Event positions in the trace refer to the wrapped event.
            out["wrapped"] = json!({"cloudtrail": kind, "event": event_text});
        }
        println!("{out}");
    } else {
        print!(
            "{}",
            trace_text(&pattern, &pattern_text, &trace, color.enabled())
        );
        for n in delivery_notes(&event_text, &trace) {
            println!("delivery: {} ({})", visible(&n.text), n.doc);
        }
    }
    if trace.matched {
        EXIT_MATCH
    } else {
        EXIT_NO_MATCH
    }
}

/// `eventpattern validate`.
pub fn validate(pattern_file: &str, json: bool) -> u8 {
    let text = match read_text(pattern_file) {
        Ok(t) => t,
        Err(m) => return io_error(&m, json),
    };
    match Pattern::parse(&text) {
        Ok(p) => {
            if json {
                let notes = notes(&p, &text, Encoding::Chars);
                println!(
                    "{}",
                    json!({"valid": true, "alternatives": p.rules().len(), "notes": notes})
                );
            } else {
                print_notes(pattern_file, &text, &p);
                println!(
                    "valid pattern ({} field{}, {} alternative{})",
                    p.tree().leaves.len(),
                    if p.tree().leaves.len() == 1 { "" } else { "s" },
                    p.rules().len(),
                    if p.rules().len() == 1 { "" } else { "s" }
                );
            }
            EXIT_MATCH
        }
        Err(e) => pattern_error(pattern_file, &text, &e, json),
    }
}

/// `eventpattern example`.
pub fn example(pattern_file: &str) -> u8 {
    let text = match read_text(pattern_file) {
        Ok(t) => t,
        Err(m) => return io_error(&m, false),
    };
    let p = match Pattern::parse(&text) {
        Ok(p) => p,
        Err(e) => return pattern_error(pattern_file, &text, &e, false),
    };
    match eventpattern::example::example_event(&p) {
        Some(event) => {
            print!("{}", eventpattern::json::format(&event).unwrap_or(event));
            EXIT_MATCH
        }
        None => {
            eprintln!("no example found: no simple value meets every field (the pattern may still match some events)");
            EXIT_NO_MATCH
        }
    }
}

/// The `trace` object of `test --json`: the report's trace without its
/// verdict and delivery notes, which sit beside it (the documented shape).
#[derive(serde::Serialize)]
pub struct TraceJson<'a> {
    alternative: usize,
    alternatives: usize,
    fields: &'a [FieldReport],
    inactive: &'a [String],
}

impl<'a> From<&'a TraceReport> for TraceJson<'a> {
    fn from(r: &'a TraceReport) -> Self {
        TraceJson {
            alternative: r.alternative,
            alternatives: r.alternatives,
            fields: &r.fields,
            inactive: &r.inactive,
        }
    }
}
