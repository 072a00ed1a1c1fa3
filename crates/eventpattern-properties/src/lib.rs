//! The properties the fuzz targets check (`fuzz/`), one function per target,
//! shared with the stable test that replays every committed corpus input and
//! reproducer (`tests/replay.rs`), so CI checks exactly what fuzzing checks.
//!
//! Each function takes the fuzzer's bytes and panics when a property fails.

pub mod hostile;

#[path = "../../../web/src/share.rs"]
#[allow(missing_docs, clippy::all)]
pub mod share;

use eventpattern::cloudtrail::{self, Shape};
use eventpattern::json::{self, format_within, FormatError, Reader, TokenKind};
use eventpattern::splitter::Splitter;
use eventpattern::{Encoding, Pattern, PatternSet};

/// A property check: panics when the property fails for these bytes.
pub type Check = fn(&[u8]);

/// The fuzz targets, by name (the directory names under `fuzz/corpus`).
pub const TARGETS: [(&str, Check); 6] = [
    ("parse", parse),
    ("match_explain", match_explain),
    ("example", example),
    ("format", format),
    ("cloudtrail", cloudtrail_wrap),
    ("share_decode", share_decode),
];

/// The bytes as text (fuzzers produce any bytes; the engine reads `&str`).
fn text(data: &[u8]) -> String {
    String::from_utf8_lossy(data).into_owned()
}

/// Pattern text and event text: the first line, and the rest.
fn pattern_and_event(data: &[u8]) -> (String, String) {
    let t = text(data);
    match t.split_once('\n') {
        Some((p, e)) => (p.to_string(), e.to_string()),
        None => (t, String::new()),
    }
}

/// Parsing never panics; a valid pattern has alternatives, an error points
/// inside the text.
pub fn parse(data: &[u8]) {
    let t = text(data);
    match Pattern::parse(&t) {
        Ok(p) => assert!(!p.rules().is_empty()),
        Err(e) => {
            assert!(e.span.start <= e.span.end && e.span.end as usize <= t.len());
            e.position(&t, Encoding::Utf16);
            assert!(!e.reason.is_empty());
        }
    }
}

/// `matches`, the trace's verdict and `PatternSet` agree.
pub fn match_explain(data: &[u8]) {
    let (pattern, event) = pattern_and_event(data);
    let Ok(p) = Pattern::parse(&pattern) else {
        return;
    };
    let fast = p.matches(&event);
    let trace = p.explain(&event);
    let set = PatternSet::new(vec![p]).matching(&event);
    match (fast, trace, set) {
        (Ok(m), Ok(t), Ok(s)) => {
            assert_eq!(m, t.matched, "matches and explain disagree");
            assert_eq!(m, !s.is_empty(), "matches and PatternSet disagree");
        }
        (Err(_), Err(_), Err(_)) => {}
        (m, t, s) => panic!(
            "one failed, not all: matches {:?}, explain {:?}, set {:?}",
            m.err(),
            t.err(),
            s.err()
        ),
    }
}

/// An example event matches its pattern.
pub fn example(data: &[u8]) {
    let Ok(p) = Pattern::parse(&text(data)) else {
        return;
    };
    if let Some(event) = eventpattern::example::example_event(&p) {
        assert_eq!(
            p.matches(&event),
            Ok(true),
            "example does not match: {event}"
        );
    }
}

/// The tokens of the first value: kinds and text as written.
fn tokens(text: &str) -> Option<Vec<(TokenKind, String)>> {
    let mut r = Reader::new(text, usize::MAX);
    let mut out = Vec::new();
    loop {
        let t = r.next_token().ok()?;
        if t.kind == TokenKind::End {
            return Some(out);
        }
        out.push((t.kind, r.slice(t.span).to_string()));
        if r.depth() == 0 {
            return Some(out);
        }
    }
}

/// Whether the reader reads the whole text without an error (what Format
/// reads; text after a top-level number is an error, as in Jackson).
fn reads_whole(text: &str) -> bool {
    let mut r = Reader::new(text, usize::MAX);
    loop {
        match r.next_token() {
            Ok(t) if t.kind == TokenKind::End => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// Formatting keeps every token as written, and a limit is never passed
/// silently.
pub fn format(data: &[u8]) {
    let t = text(data);
    let Ok(formatted) = json::format(&t) else {
        assert!(!reads_whole(&t), "formatting refused valid JSON");
        return;
    };
    assert_eq!(
        tokens(&formatted),
        tokens(&t),
        "formatting changed the tokens"
    );
    assert_eq!(
        json::format(&formatted).as_deref(),
        Ok(formatted.as_str()),
        "not stable"
    );
    for limit in [
        0,
        t.len() / 2,
        t.len(),
        formatted.len() - 1,
        formatted.len(),
    ] {
        match format_within(&t, limit, Encoding::Utf8) {
            Ok(f) => {
                assert!(f.len() <= limit, "limit {limit} passed");
                assert_eq!(f, formatted);
            }
            Err(FormatError::TooLong { limit: l }) => {
                assert_eq!(l, limit);
                assert!(formatted.len() > limit, "refused output within the limit");
            }
            Err(FormatError::Syntax(e)) => panic!("syntax error on second reading: {e}"),
        }
    }
}

/// Whether `text` is one JSON value and nothing else but whitespace.
fn one_value(text: &str) -> bool {
    let mut r = Reader::new(text, usize::MAX);
    let Ok(first) = r.next_token() else {
        return false;
    };
    if first.kind == TokenKind::End || r.skip_value(first).is_err() {
        return false;
    }
    r.next_token().is_ok_and(|t| t.kind == TokenKind::End)
}

/// A wrapped record is one JSON object; the splitter and `shape` agree on
/// what is a log.
pub fn cloudtrail_wrap(data: &[u8]) {
    let t = text(data);
    let shape = cloudtrail::shape(&t);
    match cloudtrail::to_event(&t) {
        Ok(Some(event)) => {
            assert!(shape != Shape::Other);
            assert!(
                one_value(&event),
                "wrapped text is not one JSON value: {event}"
            );
            assert!(event.starts_with('{'));
            assert!(eventpattern::event::flatten(&event, None).is_ok());
        }
        Ok(None) => assert_eq!(shape, Shape::Other),
        Err(_) => assert_eq!(shape, Shape::Record),
    }
    if let Ok(event) = cloudtrail::wrap(&t) {
        assert!(
            one_value(&event),
            "wrapped text is not one JSON value: {event}"
        );
    }
    let items = Splitter::split_all(data);
    // On one valid JSON object (valid UTF-8: `shape` saw the same text) the
    // splitter cuts records exactly when it is a log: its first event is a
    // record. (Text after the object, which the reader ignores as AWS does,
    // is the splitter's next input and may be reported.)
    if std::str::from_utf8(data).is_ok() && one_value(&t) && t.trim_start().starts_with('{') {
        let records = items
            .first()
            .is_some_and(|i| i.as_ref().is_ok_and(|i| i.cloudtrail));
        assert_eq!(records, shape == Shape::Log, "splitter and shape disagree");
    }
}

/// A share link (inflated here with a cap, as the browser's
/// `DecompressionStream` is in the page) decodes to a state that encodes back
/// to itself, or is refused; saved work reads back the same way.
pub fn share_decode(data: &[u8]) {
    let t = text(data);
    if let Ok(compressed) = share::compressed_from_link(&t) {
        let inflated =
            miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, share::MAX_STATE_BYTES);
        if let Ok(shared) = inflated
            .map_err(|_| ())
            .and_then(|p| share::from_payload(&p).map_err(|_| ()))
        {
            assert_eq!(share::from_payload(&share::to_payload(&shared)), Ok(shared));
        }
    }
    if let Some(saved) = share::from_saved(&t) {
        assert_eq!(share::from_saved(&share::to_saved(&saved)), Some(saved));
    }
}
