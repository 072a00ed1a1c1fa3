//! Error positions, data-driven: `tests/error_positions.jsonl` gives, for each
//! invalid pattern, the error's kind, byte span (and the text it covers), the
//! related span of an unclosed container, line and column in characters (what
//! the CLI shows), UTF-16 code units (what the page and JavaScript use) and
//! bytes, the pattern path, and AWS's reason. The expectations were worked
//! out by hand from the pattern text; the reasons are AWS's engine's
//! (event-ruler 2.0.1), except where `reason_basis` names AWS's service.
//! Conventions: an operand that is a list or object is pointed at by its
//! opening mark (AWS's engine stops reading there); a syntax error's path is
//! the slot the reader was filling; `related` is the opening mark of the
//! object, list or string the error leaves unclosed.

use eventpattern::pattern::PathSegment;
use eventpattern::{Encoding, LineCol, Pattern, PatternError};
use serde::Deserialize;

const POSITIONS: &str = include_str!("../error_positions.jsonl");

/// Cases in the file, so a truncated file fails.
const CASES: usize = 37;

/// A pattern-path segment as the file writes it: a key or an index.
#[derive(Deserialize, PartialEq, Debug)]
#[serde(untagged)]
enum Segment {
    Key(String),
    Index(usize),
}

#[derive(Deserialize)]
struct Case {
    id: String,
    pattern: String,
    kind: String,
    span: [usize; 2],
    covered: String,
    related: Option<[usize; 2]>,
    line: u32,
    column_chars: u32,
    column_utf16: u32,
    column_bytes: u32,
    path: Vec<Segment>,
    reason: String,
}

fn parse_error(case: &Case) -> Result<PatternError, String> {
    Pattern::parse(&case.pattern).map_or_else(Ok, |_| {
        Err(format!("{}: parsed as a valid pattern", case.id))
    })
}

/// Every case checked by `check`; all mismatches reported at once.
fn each(check: impl Fn(&Case, &PatternError, &mut Vec<String>)) {
    let mut total = 0;
    let mut report = Vec::new();
    for line in POSITIONS.lines().filter(|l| !l.trim().is_empty()) {
        total += 1;
        let case: Case = serde_json::from_str(line).expect("a case");
        match parse_error(&case) {
            Ok(e) => {
                let mut found = Vec::new();
                check(&case, &e, &mut found);
                report.extend(found.into_iter().map(|f| format!("{}: {f}", case.id)));
            }
            Err(f) => report.push(f),
        }
    }
    assert!(report.is_empty(), "{}", report.join("\n"));
    assert_eq!(total, CASES, "cases in error_positions.jsonl");
}

fn expect(out: &mut Vec<String>, what: &str, want: String, got: String) {
    if want != got {
        out.push(format!("{what}: expected {want}, got {got}"));
    }
}

#[test]
fn kind_reason_span_and_path() {
    each(|case, e, out| {
        expect(out, "kind", case.kind.clone(), e.kind.name().to_string());
        expect(out, "reason", case.reason.clone(), e.reason.clone());
        expect(
            out,
            "span",
            format!("{:?}", case.span),
            format!("{:?}", [e.span.start, e.span.end]),
        );
        expect(
            out,
            "covered",
            format!("{:?}", Some(case.covered.as_str())),
            format!("{:?}", case.pattern.get(e.span.range())),
        );
        expect(
            out,
            "related",
            format!("{:?}", case.related),
            format!("{:?}", e.related.map(|r| [r.start, r.end])),
        );
        let path: Vec<Segment> = e
            .path
            .iter()
            .map(|s| match s {
                PathSegment::Key(k) => Segment::Key(k.clone()),
                PathSegment::Index(i) => Segment::Index(*i),
            })
            .collect();
        expect(out, "path", format!("{:?}", case.path), format!("{path:?}"));
    });
}

#[test]
fn line_and_column_in_chars_utf16_and_bytes() {
    each(|case, e, out| {
        for (encoding, column) in [
            (Encoding::Chars, case.column_chars),
            (Encoding::Utf16, case.column_utf16),
            (Encoding::Utf8, case.column_bytes),
        ] {
            let want = LineCol {
                line: case.line,
                column,
            };
            expect(
                out,
                &format!("{encoding:?} position"),
                format!("{want:?}"),
                format!("{:?}", e.position(&case.pattern, encoding)),
            );
        }
    });
}
