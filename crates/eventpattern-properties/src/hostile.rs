//! The hostile-input table (issue 11): each case's input, built on demand,
//! and the exact outcome it must have. `tests/hostile.rs` asserts the
//! outcomes; `eventpattern-bench`'s `hostile` binary times them for
//! BENCHMARKS.md (no test fails on time).

use eventpattern::splitter::Splitter;
use eventpattern::{Pattern, PatternSet};

/// What a case must produce.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A verdict.
    Verdict(bool),
    /// An invalid pattern: AWS's reason and the byte offset of the span.
    InvalidPattern(String, usize),
    /// An unreadable event: the message and the byte offset of the span.
    InvalidEvent(String, usize),
    /// A stream: events matched, events read, inputs skipped.
    Stream(usize, usize, usize),
    /// Formatted text of this many bytes.
    Formatted(usize),
}

/// What is done with a case's input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `Pattern::matches` on one event.
    Match,
    /// `filter`: the event bytes are a stream, fed in 64 KiB chunks.
    Stream,
    /// `json::format` of the event text.
    Format,
}

/// One row of the table.
pub struct Case {
    /// What is being tried.
    pub name: &'static str,
    /// Pattern text.
    pub pattern: String,
    /// Event text, a stream for `filter`, or text to format.
    pub event: Vec<u8>,
    /// What is done with it.
    pub kind: Kind,
    /// The exact outcome.
    pub expected: Outcome,
}

/// Runs a case: the outcome it actually has.
pub fn run(case: &Case) -> Outcome {
    if case.kind == Kind::Format {
        let text = String::from_utf8_lossy(&case.event);
        return match eventpattern::json::format(&text) {
            Ok(f) => Outcome::Formatted(f.len()),
            Err(e) => Outcome::InvalidEvent(e.message, e.span.start as usize),
        };
    }
    let pattern = match Pattern::parse(&case.pattern) {
        Ok(p) => p,
        Err(e) => return Outcome::InvalidPattern(e.reason, e.span.start as usize),
    };
    if case.kind == Kind::Stream {
        let set = PatternSet::new(vec![pattern]);
        let mut splitter = Splitter::new();
        let (mut matched, mut read, mut skipped) = (0, 0, 0);
        let mut items = Vec::new();
        let mut tally = |items: &mut Vec<_>| {
            for item in items.drain(..) {
                match item {
                    Ok(eventpattern::splitter::Item { text, .. }) => match set.matching(&text) {
                        Ok(m) => {
                            read += 1;
                            matched += usize::from(!m.is_empty());
                        }
                        Err(_) => skipped += 1,
                    },
                    Err(_) => skipped += 1,
                }
            }
        };
        for chunk in case.event.chunks(1 << 16) {
            splitter.feed(chunk, &mut items);
            tally(&mut items);
        }
        items.extend(splitter.finish().map(Err));
        tally(&mut items);
        return Outcome::Stream(matched, read, skipped);
    }
    let event = match std::str::from_utf8(&case.event) {
        Ok(e) => e,
        Err(e) => {
            return Outcome::InvalidEvent("not UTF-8".into(), e.valid_up_to());
        }
    };
    match pattern.matches(event) {
        Ok(m) => Outcome::Verdict(m),
        Err(e) => Outcome::InvalidEvent(e.message, e.span.start as usize),
    }
}

fn nested_pattern(levels: usize) -> String {
    // `levels` containers: objects around a one-element array.
    format!(
        r#"{}["x"]{}"#,
        r#"{"a":"#.repeat(levels - 1),
        "}".repeat(levels - 1)
    )
}

fn nested_event(levels: usize, leaf: &str) -> String {
    format!(
        r#"{}{leaf}{}"#,
        r#"{"a":"#.repeat(levels),
        "}".repeat(levels)
    )
}

/// The formatted length of `nested_event(levels, …)` of `compact` bytes:
/// each of the first `m` levels (up to the indentation limit) puts its key
/// and its closing brace on lines of their own (`1 + 2d` and `2d - 1` bytes
/// at depth `d`: `4d` together), every level adds a space after its colon,
/// and a line break ends the text. Linear in `levels`.
fn formatted_deep_len(levels: usize, compact: usize) -> usize {
    let m = eventpattern::json::MAX_INDENTED_DEPTH.min(levels);
    compact + 2 * m * (m + 1) + levels + 1
}

fn s(text: &str) -> String {
    text.to_string()
}

/// Sizes scale with `mb` (1 for tests in debug builds, 10 and 100 for the benchmark).
pub fn cases(mb: usize) -> Vec<Case> {
    let case = |name, pattern: String, event: String, expected| Case {
        name,
        pattern,
        event: event.into_bytes(),
        kind: Kind::Match,
        expected,
    };
    let big = "a".repeat(mb << 20);
    let digits = format!("1{}", "0".repeat(9_999));
    let million: Vec<String> = (0..1_000_000).map(|i| i.to_string()).collect();
    let million = million.join(",");
    let line = r#"{"source":"aws.ec2","detail":{"state":"running","n":1}}"#;
    let lines = (mb << 20) / (line.len() + 1);
    let mut stream = format!("{line}\n").repeat(lines).into_bytes();
    stream.extend(b"\xff\xfe\n42\n");
    stream.extend(format!("{line}\n").as_bytes());
    let or_fields: Vec<String> = (0..10)
        .map(|i| format!(r#""k{i}":{{"$or":[{{"a":["x"]}},{{"b":["y"]}}]}}"#))
        .collect();
    let alternating: Vec<String> = (0..10_000)
        .map(|i| format!(r#"{{"f{}":"x"}}"#, i % 2))
        .collect();
    let fifty = (0..50)
        .map(|f| format!(r#""f{f}":["x"]"#))
        .collect::<Vec<_>>()
        .join(",");
    let all_but_one: Vec<String> = (0..10_000)
        .map(|i| {
            let kv: Vec<String> = (0..50)
                .filter(|f| f != &(i % 50))
                .map(|f| format!(r#""f{f}":"x""#))
                .collect();
            format!("{{{}}}", kv.join(","))
        })
        .collect();
    let piece: String = (0..1070u32)
        .map(|i| char::from(b'#' + (i.wrapping_mul(2_654_435_761) >> 26) as u8 % 56))
        .filter(|c| !matches!(c, '*' | '\\' | '"'))
        .collect();
    let deep_format = 20_000;
    let deep = nested_event(deep_format, r#""x y""#);
    vec![
        // Nesting is bounded by AWS's length limit before the reader's bound
        // (`MAX_PATTERN_DEPTH`, Jackson's 1,000): 682 levels fit in 4,096 characters.
        case(
            "array search: 10,000 elements alternating two fields",
            s(r#"{"detail":{"a":{"f0":["x"],"f1":["x"]}}}"#),
            format!(r#"{{"detail":{{"a":[{}]}}}}"#, alternating.join(",")),
            Outcome::Verdict(false),
        ),
        case(
            "array search: 50 fields, 10,000 elements each lacking one",
            format!(r#"{{"detail":{{"a":{{{fifty}}}}}}}"#),
            format!(r#"{{"detail":{{"a":[{}]}}}}"#, all_but_one.join(",")),
            Outcome::Verdict(false),
        ),
        case(
            "wildcard complexity of a 2.2 KB wildcard",
            format!(r#"{{"detail":{{"k":[{{"wildcard":"{piece}*{piece}"}}]}}}}"#),
            s("{}"),
            Outcome::Verdict(false),
        ),
        Case {
            name: "formatting an event nested 20,000 deep",
            pattern: String::new(),
            expected: Outcome::Formatted(formatted_deep_len(deep_format, deep.len())),
            event: deep.into_bytes(),
            kind: Kind::Format,
        },
        case(
            "pattern nested as deep as 4,096 characters allow",
            nested_pattern(682),
            nested_event(681, r#""x""#),
            Outcome::Verdict(true),
        ),
        case(
            "pattern nested one level deeper than 4,096 characters allow",
            nested_pattern(683),
            s("{}"),
            Outcome::InvalidPattern(
                s("Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096 (this pattern has 4097 characters)"),
                4096,
            ),
        ),
        case(
            "event 100,000 objects deep, pattern on a sibling",
            s(r#"{"source":["x"]}"#),
            format!(r#"{{"source":"x","deep":{}}}"#, nested_event(100_000, "1")),
            Outcome::Verdict(true),
        ),
        case(
            "event 200,000 arrays deep, pattern inside",
            s(r#"{"a":[1]}"#),
            format!(r#"{{"a":{}1{}}}"#, "[".repeat(200_000), "]".repeat(200_000)),
            Outcome::Verdict(true),
        ),
        case(
            "event of N MB (one string)",
            s(r#"{"detail":{"big":[{"prefix":"aaa"}]}}"#),
            format!(r#"{{"detail":{{"big":"{big}"}}}}"#),
            Outcome::Verdict(true),
        ),
        case(
            "event of N MB with a syntax error at its end",
            s(r#"{"detail":{"big":[{"prefix":"aaa"}]}}"#),
            format!(r#"{{"detail":{{"big":"{big}" x}}}}"#),
            Outcome::InvalidEvent(
                s("Unexpected character ('x' (code 120)): was expecting comma to separate Object entries"),
                r#"{"detail":{"big":""#.len() + big.len() + 2,
            ),
        ),
        case(
            "lone surrogate escapes, same",
            s(r#"{"a":["\ud800"]}"#),
            s(r#"{"a":"\ud800"}"#),
            Outcome::Verdict(true),
        ),
        case(
            // A value alone on its field is compared as the Java string
            // (event-ruler 2.0.1; docs/SEMANTICS.md, "Lone surrogates").
            "lone surrogate escapes, different ones",
            s(r#"{"a":["\ud800"]}"#),
            s(r#"{"a":"\udc00"}"#),
            Outcome::Verdict(false),
        ),
        case(
            // Two values sharing their bytes (each lone surrogate is `?`) are
            // compared as bytes: any lone surrogate matches.
            "lone surrogate escapes, two values sharing their bytes",
            s(r#"{"a":["\ud800","\ud801"]}"#),
            s(r#"{"a":"\udc00"}"#),
            Outcome::Verdict(true),
        ),
        case(
            "raw NUL in a pattern string",
            s("{\"a\":[\"x\u{0}\"]}"),
            s("{}"),
            Outcome::InvalidPattern(
                s("Illegal unquoted character ((CTRL-CHAR, code 0)): has to be escaped using backslash to be included in string value"),
                8,
            ),
        ),
        case(
            "escaped NUL in pattern and event",
            s(r#"{"a":["x\u0000"]}"#),
            s(r#"{"a":"x\u0000"}"#),
            Outcome::Verdict(true),
        ),
        case(
            "10,000-digit number in an event",
            s(r#"{"n":[{"numeric":[">",0]}]}"#),
            format!(r#"{{"n":{digits}}}"#),
            Outcome::Verdict(false),
        ),
        case(
            "10,000-digit number in a pattern",
            format!(r#"{{"n":[{{"numeric":[">",{digits}]}}]}}"#),
            s("{}"),
            Outcome::InvalidPattern(
                s("Value at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096 (this pattern has 10026 characters)"),
                4096,
            ),
        ),
        case(
            "1e400 in an event",
            s(r#"{"n":[{"numeric":[">",0]}]}"#),
            s(r#"{"n":1e400}"#),
            Outcome::Verdict(false),
        ),
        case(
            "1e400 in a pattern",
            s(r#"{"n":[{"numeric":["<",1e400]}]}"#),
            s("{}"),
            Outcome::InvalidPattern(s("Cannot compare number : 1e400"), 22),
        ),
        case(
            "wildcard over AWS's complexity limit",
            s(r#"{"a":[{"wildcard":"*a*a*a*a*a*a*b"}]}"#),
            s("{}"),
            Outcome::InvalidPattern(
                s("Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character"),
                6,
            ),
        ),
        case(
            "wildcard *a*b*c against N MB of a",
            s(r#"{"a":[{"wildcard":"*a*b*c"}]}"#),
            format!(r#"{{"a":"{big}"}}"#),
            Outcome::Verdict(false),
        ),
        case(
            "$or explosion: 10 $or of 2 branches (1,024 alternatives)",
            format!("{{{}}}", or_fields.join(",")),
            s("{}"),
            Outcome::InvalidPattern(
                s("The $or lists in this pattern combine into 1024 alternatives; EventBridge allows at most 1000"),
                357,
            ),
        ),
        case(
            "1,000,000-element array, last element wanted",
            s(r#"{"a":[999999]}"#),
            format!(r#"{{"a":[{million}]}}"#),
            Outcome::Verdict(true),
        ),
        case(
            "duplicate keys in a pattern: the later one counts",
            s(r#"{"a":["x"],"a":["y"]}"#),
            s(r#"{"a":"x"}"#),
            Outcome::Verdict(false),
        ),
        case(
            "duplicate keys in an event: both values count",
            s(r#"{"a":["x"]}"#),
            s(r#"{"a":"x","a":"y"}"#),
            Outcome::Verdict(true),
        ),
        Case {
            name: "stream of N MB of JSON Lines with two bad lines (filter)",
            pattern: s(r#"{"detail":{"state":["running"]}}"#),
            event: stream,
            kind: Kind::Stream,
            expected: Outcome::Stream(lines + 1, lines + 1, 2),
        },
    ]
}
