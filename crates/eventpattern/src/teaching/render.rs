//! Plain-text rendering of errors and traces, shared by the CLI, the web app
//! and the tests, so every front end says the same thing in the same words.

use crate::excerpt::{excerpt, visible};
use crate::explain::{FieldOutcome, FieldStatus, FieldTrace, Trace};
use crate::hints::{Hint, Quirk};
use crate::pattern::{Condition, ConditionKind, Leaf};
use crate::span::{Encoding, LineIndex, Span};
use crate::Pattern;

/// `message` with the source line and a caret under `span`, like rustc:
///
/// ```text
/// error: prefix match pattern must be a string
///  --> pattern.json:1:34
///   |
/// 1 | {"detail": {"state": [{"prefix": 5}]}}
///   |                                  ^
/// ```
///
/// ```
/// use eventpattern::{render::caret_report, Pattern};
///
/// let text = r#"{"a": [{"prefix": 5}]}"#;
/// let e = Pattern::parse(text).unwrap_err();
/// let report = caret_report("rule.json", text, e.span, &e.reason);
/// assert!(report.starts_with("error: prefix match pattern must be a string\n --> rule.json:1:19\n"));
/// ```
pub fn caret_report(source_name: &str, text: &str, span: Span, message: &str) -> String {
    labeled_report("error", source_name, text, span, message)
}

/// [`caret_report`] with another label (`warning`, `note`).
///
/// ```
/// use eventpattern::{render::labeled_report, Span};
///
/// let report = labeled_report("note", "rule.json", r#"{"a": ["x"]}"#, Span::new(1, 4), "about `a`");
/// assert!(report.starts_with("note: about `a`\n"));
/// ```
pub fn labeled_report(
    label: &str,
    source_name: &str,
    text: &str,
    span: Span,
    message: &str,
) -> String {
    let idx = LineIndex::new(text);
    let start = idx.line_col(span.start, Encoding::Chars);
    let end = idx.line_col(span.end.max(span.start), Encoding::Chars);
    let line = idx.line_text(start.line);
    let from = start.column as usize - 1;
    let to = if end.line == start.line {
        end.column as usize - 1
    } else {
        usize::MAX
    };
    let shown = excerpt(line, from, to);
    let gutter = start.line.to_string().len();
    let pad = " ".repeat(gutter);
    format!(
        "{label}: {}\n{pad}--> {}:{}:{}\n{pad} |\n{} | {}\n{pad} | {}{}\n",
        visible(message),
        visible(source_name),
        start.line,
        start.column,
        start.line,
        shown.text,
        shown.pad,
        "^".repeat(shown.carets)
    )
}

/// The text of a condition as the user wrote it, on one line.
///
/// ```
/// use eventpattern::{render::condition_text, Pattern};
///
/// let text = "{\"a\": [{\"prefix\":\n   \"x\"}]}";
/// let p = Pattern::parse(text).unwrap();
/// assert_eq!(condition_text(text, &p.tree().leaves[0].conditions[0]), r#"{"prefix": "x"}"#);
/// ```
pub fn condition_text(pattern_text: &str, c: &Condition) -> String {
    one_line(pattern_text.get(c.span.range()).unwrap_or(""))
}

/// JSON text on one line: line breaks and indentation outside strings become
/// single spaces (none just inside brackets); strings are left as written.
///
/// ```
/// assert_eq!(eventpattern::render::one_line("[\n  1,\n  \"a  b\"\n]"), r#"[1, "a  b"]"#);
/// ```
pub fn one_line(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped, mut space) = (false, false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space
            && !out.is_empty()
            && !out.ends_with(['{', '['])
            && !matches!(c, '}' | ']' | ',' | ':')
        {
            out.push(' ');
        }
        space = false;
        out.push(c);
        if c == '"' {
            in_string = true;
        }
        if c == ':' || c == ',' {
            space = true;
        }
    }
    out
}

fn conditions_list(pattern_text: &str, leaf: &Leaf) -> String {
    leaf.conditions
        .iter()
        .map(|c| condition_text(pattern_text, c))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One sentence on what a field found.
///
/// ```
/// use eventpattern::{render::field_sentence, Pattern};
///
/// let text = r#"{"state": ["stopped"]}"#;
/// let p = Pattern::parse(text).unwrap();
/// let trace = p.explain(r#"{"state": "running"}"#).unwrap();
/// assert_eq!(field_sentence(&p, text, &trace.fields[0]), r#"`state` is "running", which meets none of: "stopped"."#);
/// ```
pub fn field_sentence(pattern: &Pattern, pattern_text: &str, f: &FieldTrace) -> String {
    let leaf = &pattern.tree().leaves[f.leaf];
    let path = &f.path;
    match &f.outcome {
        FieldOutcome::Matched { condition, value } => {
            let c = &leaf.conditions[*condition];
            match c.kind {
                ConditionKind::Exists(true) => {
                    format!("`{path}` exists (it is {}), as {} requires.", value.text, condition_text(pattern_text, c))
                }
                ConditionKind::AnythingBut(_) => format!(
                    "`{path}` is {}, which {} does not exclude.",
                    value.text,
                    condition_text(pattern_text, c)
                ),
                _ => format!(
                    "`{path}` is {}, which meets {}.",
                    value.text,
                    condition_text(pattern_text, c)
                ),
            }
        }
        FieldOutcome::AbsentAsRequired => {
            format!("`{path}` is absent, as {{\"exists\": false}} requires.")
        }
        FieldOutcome::Missing => format!(
            "The event has no `{path}`, so none of {} can match.",
            conditions_list(pattern_text, leaf)
        ),
        FieldOutcome::NotALeaf { is_object: true, .. } => format!(
            "`{path}` is an object in the event, not a value: patterns test only strings, numbers, booleans and null, so it counts as absent."
        ),
        FieldOutcome::NotALeaf { is_object: false, .. } => format!(
            "`{path}` is an empty array in the event: it holds no value, so it counts as absent."
        ),
        FieldOutcome::NoConditionMet { values } => {
            let only_absent = leaf
                .conditions
                .iter()
                .all(|c| matches!(c.kind, ConditionKind::Exists(false)));
            let shown: Vec<&str> = values.iter().map(|v| v.text.as_str()).collect();
            if only_absent {
                format!(
                    "`{path}` is present ({}), but {{\"exists\": false}} requires it to be absent.",
                    shown.join(", ")
                )
            } else if values.len() == 1 {
                format!(
                    "`{path}` is {}, which meets none of: {}.",
                    shown[0],
                    conditions_list(pattern_text, leaf)
                )
            } else {
                format!(
                    "`{path}` has the values {}; none meets any of: {}.",
                    shown.join(", "),
                    conditions_list(pattern_text, leaf)
                )
            }
        }
        FieldOutcome::ArrayConflict { value, with } => format!(
            "`{path}` = {} would match, but only in another element of the same array than the one `{with}` matched in; AWS takes all fields from one array element.",
            value.text
        ),
    }
}

/// One sentence per hint.
///
/// ```
/// use eventpattern::{render::hint_sentence, Pattern};
///
/// let p = Pattern::parse(r#"{"state": ["Stopped"]}"#).unwrap();
/// let trace = p.explain(r#"{"state": "stopped"}"#).unwrap();
/// assert!(hint_sentence(&trace.fields[0].hints[0]).starts_with("Only the letter case differs"));
/// ```
pub fn hint_sentence(h: &Hint) -> String {
    match h {
        Hint::CaseTypo { value, suggestion } => format!(
            "Only the letter case differs, and AWS always spells this value \"{value}\": correct the pattern to {}.",
            suggestion.text
        ),
        Hint::CaseDiffers { value, suggestion } => format!(
            "Only the letter case differs (the event has \"{value}\"): matching is case-sensitive; {} would match.",
            suggestion.text
        ),
        Hint::TypeDiffers { event_type, value, suggestion } => format!(
            "The event has the {event_type} {value}; a pattern value matches only the same JSON type, so write {}.",
            suggestion.text
        ),
        Hint::ApiVersionSuffix { value, suggestion } => format!(
            "CloudTrail logs this API with its version suffix (\"{value}\"); use {}.",
            suggestion.text
        ),
        Hint::LooksLikeWildcard { suggestion } => format!(
            "`*` is an ordinary character in a plain string; {} would match.",
            suggestion.text
        ),
        Hint::NumericOnString { value } => format!(
            "The event has the string {value}: numeric matches only JSON numbers, so no range can match it (a plain string value or a prefix can)."
        ),
        Hint::DidYouMean { paths, suggestion } => format!(
            "Did you mean {}?{}",
            paths.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(" or "),
            if suggestion.is_some() { " Renaming the key makes this field match." } else { "" }
        ),
        Hint::NotALeaf { children } if children.is_empty() => {
            "Name a field inside it instead.".to_string()
        }
        Hint::NotALeaf { children } => format!(
            "Name a field inside it, e.g. {}.",
            children.iter().map(|p| format!("`{p}`")).collect::<Vec<_>>().join(", ")
        ),
        Hint::AbsentNeverMatches => "anything-but needs the field to be present; add {\"exists\": false} to the list to accept absence too.".to_string(),
        Hint::Quirk(Quirk::IpSpelling) => "AWS's engine reads address-like strings as IP addresses, so another spelling of the same address matches (an engine quirk; {\"exactly\": …} would not).".to_string(),
        Hint::Quirk(Quirk::NumberSpelling) => "Numbers compare by value, so another spelling of the same number matches (300 = 300.0 = 3e2).".to_string(),
        Hint::Quirk(Quirk::FoldingOutsideBmp) => "AWS's engine folds case one UTF-16 unit at a time, so characters outside the Basic Multilingual Plane (emoji and the like) never match a case-insensitive operator; match them exactly instead (an engine quirk).".to_string(),
        Hint::NotFromCloudTrail { detail_type } => format!(
            "This event's detail-type is \"{detail_type}\": it is not a CloudTrail record, and fields like `detail.eventName` exist only in events delivered as \"AWS API Call via CloudTrail\" (and only when a trail logs the call)."
        ),
        Hint::ArrayElements => "Put both conditions on fields of the same array element, or split the rule.".to_string(),
    }
}

/// Which `$or` alternative the trace shows, and the branch of each `$or` it took:
/// `$or expands to 2 alternatives; showing the first that matches: branch 2 of the $or on line 8 (line 10).`
///
/// ```
/// use eventpattern::{render::alternatives_sentence, Pattern};
///
/// let text = r#"{"$or": [{"a": ["1"]}, {"b": ["2"]}]}"#;
/// let p = Pattern::parse(text).unwrap();
/// let trace = p.explain(r#"{"b": "2"}"#).unwrap();
/// assert!(alternatives_sentence(&p, text, &trace).unwrap().starts_with("$or expands to 2 alternatives"));
/// ```
pub fn alternatives_sentence(
    pattern: &Pattern,
    pattern_text: &str,
    trace: &Trace,
) -> Option<String> {
    if trace.alternatives < 2 {
        return None;
    }
    let idx = LineIndex::new(pattern_text);
    let line = |span: Span| idx.line_col(span.start, Encoding::Chars).line;
    let ors = pattern.tree().or_nodes();
    let branches: Vec<String> = trace
        .branches
        .iter()
        .filter_map(|&(id, b)| {
            let or = ors.get(id)?;
            Some(format!(
                "branch {} of the $or on line {} (line {})",
                b + 1,
                line(or.span),
                line(or.branches.get(b)?.span)
            ))
        })
        .collect();
    Some(format!(
        "$or expands to {} alternatives; showing {}: {}.",
        trace.alternatives,
        if trace.matched {
            "the first that matches"
        } else {
            "the closest to matching"
        },
        branches.join(", ")
    ))
}

/// The sentence on text after the pattern's closing brace, if there is any:
/// AWS's engine ignores it, and so does the playground.
///
/// ```
/// use eventpattern::{render::trailing_text_sentence, Pattern};
///
/// let text = r#"{"a": ["1"]} extra"#;
/// assert!(trailing_text_sentence(&Pattern::parse(text).unwrap(), text).is_some());
/// ```
pub fn trailing_text_sentence(pattern: &Pattern, pattern_text: &str) -> Option<String> {
    let span = pattern.tree().trailing?;
    let line = LineIndex::new(pattern_text)
        .line_col(span.start, Encoding::Chars)
        .line;
    Some(format!(
        "The text after the pattern's closing brace (line {line}) is ignored, as AWS's engine ignores it."
    ))
}

/// What in the pattern takes no part in the verdict shown, one sentence
/// each: text after the pattern, then every field outside the shown
/// alternative (replaced by a later duplicate key, or in another `$or` branch).
///
/// ```
/// use eventpattern::{render::inactive_sentences, Pattern};
///
/// let text = "{\"a\": [\"1\"],\n \"a\": [\"2\"]}";
/// let p = Pattern::parse(text).unwrap();
/// let trace = p.explain(r#"{"a": "2"}"#).unwrap();
/// assert!(inactive_sentences(&p, text, &trace)[0].contains("AWS keeps only the last"));
/// ```
pub fn inactive_sentences(pattern: &Pattern, pattern_text: &str, trace: &Trace) -> Vec<String> {
    let idx = LineIndex::new(pattern_text);
    let line_of = |span: Span| idx.line_col(span.start, Encoding::Chars).line;
    let leaves = &pattern.tree().leaves;
    let mut out: Vec<String> = trailing_text_sentence(pattern, pattern_text)
        .into_iter()
        .collect();
    for &l in &trace.inactive {
        let Some(leaf) = leaves.get(l) else { continue };
        let replaced_by = trace
            .fields
            .iter()
            .map(|f| &leaves[f.leaf])
            .find(|other| other.joined == leaf.joined);
        out.push(match replaced_by {
            Some(other) => format!(
                "`{}` on line {} is replaced by the same path on line {}: with repeated keys, AWS keeps only the last.",
                leaf.joined,
                line_of(leaf.key_span),
                line_of(other.key_span)
            ),
            None => format!(
                "`{}` on line {} belongs to another $or branch than the one shown.",
                leaf.joined,
                line_of(leaf.key_span)
            ),
        });
    }
    out
}

/// The whole trace as text, one field per line (optionally with ANSI colour).
///
/// ```
/// use eventpattern::{render::trace_text, Pattern};
///
/// let text = r#"{"source": ["aws.ec2"]}"#;
/// let p = Pattern::parse(text).unwrap();
/// let trace = p.explain(r#"{"source": "aws.ec2"}"#).unwrap();
/// assert!(trace_text(&p, text, &trace, false).starts_with("MATCH\n  ✓ matched `source`"));
/// ```
pub fn trace_text(pattern: &Pattern, pattern_text: &str, trace: &Trace, color: bool) -> String {
    let paint = |code: &str, s: &str| {
        if color {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    };
    let mut out = String::new();
    out.push_str(&if trace.matched {
        paint("1;32", "MATCH")
    } else {
        paint("1;31", "NO MATCH")
    });
    out.push('\n');
    if let Some(alt) = alternatives_sentence(pattern, pattern_text, trace) {
        out.push_str(&alt);
        out.push('\n');
    }
    // Text after the pattern is reported with the pattern; here, the fields not in play.
    let trailing = usize::from(pattern.tree().trailing.is_some());
    for s in inactive_sentences(pattern, pattern_text, trace)
        .into_iter()
        .skip(trailing)
    {
        out.push_str(&format!("  - not in play: {}\n", visible(&s)));
    }
    for f in &trace.fields {
        let (mark, code) = match f.status {
            FieldStatus::Matched => ("✓", "32"),
            FieldStatus::Failed => ("✗", "31"),
            FieldStatus::Missing => ("?", "33"),
        };
        out.push_str(&format!(
            "  {} {:<7} {}\n",
            paint(code, mark),
            f.status.name(),
            visible(&field_sentence(pattern, pattern_text, f))
        ));
        for h in &f.hints {
            out.push_str(&format!(
                "            hint: {}\n",
                visible(&hint_sentence(h))
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_are_shown_on_one_line() {
        assert_eq!(
            one_line("{\n  \"prefix\":  \"a  b\"\n}"),
            "{\"prefix\": \"a  b\"}"
        );
        assert_eq!(
            one_line("{\"numeric\":[\">\",0,\"<=\",5]}"),
            "{\"numeric\": [\">\", 0, \"<=\", 5]}"
        );
        assert_eq!(one_line("\"x\""), "\"x\"");
    }

    #[test]
    fn sentences_on_what_is_not_in_play() {
        let text = "{\"k\": [\"a\"],\n\"k\": [\"b\"],\n\"$or\": [{\"x\": [\"1\"]},\n{\"y\": [\"2\"]}]} trailing";
        let p = Pattern::parse(text).unwrap();
        let trace = p.explain(r#"{"k": "b", "y": "2"}"#).unwrap();
        assert_eq!(
            inactive_sentences(&p, text, &trace),
            vec![
                "The text after the pattern's closing brace (line 4) is ignored, as AWS's engine ignores it.",
                "`k` on line 1 is replaced by the same path on line 2: with repeated keys, AWS keeps only the last.",
                "`x` on line 3 belongs to another $or branch than the one shown.",
            ]
        );
        let shown = trace_text(&p, text, &trace, false);
        assert!(shown.contains("  - not in play: `x` on line 3 belongs to another $or branch than the one shown.\n"), "{shown}");
        assert!(!shown.contains("closing brace"), "{shown}");
    }
}
