//! One-click fixes for invalid patterns. Each fix is a whole new pattern text,
//! and each is checked before it is offered: the fixed text is parsed again,
//! and the fix is kept only when the pattern is then valid.
//!
//! ```
//! use eventpattern::{quickfix::quick_fixes, Pattern};
//!
//! let text = r#"{"source": "aws.ec2"}"#;
//! let e = Pattern::parse(text).unwrap_err();
//! let fixes = quick_fixes(text, &e);
//! assert_eq!(fixes[0].pattern, r#"{"source": ["aws.ec2"]}"#);
//! ```

use crate::json::{decode_string, quote, JsonErrorKind, Reader, TokenKind};
use crate::pattern::{ErrorKind, PatternError};
use crate::plain::operator_meant;
use crate::span::Span;
use crate::Pattern;

/// A fix for an invalid pattern.
///
/// ```
/// use eventpattern::{quickfix::quick_fixes, Pattern};
///
/// let text = r#"{"detail": {"state": [{"startsWith": "stop"}]}}"#;
/// let fix = &quick_fixes(text, &Pattern::parse(text).unwrap_err())[0];
/// assert!(Pattern::parse(&fix.pattern).is_ok());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct QuickFix {
    /// What the fix does, for its button: ``Wrap "aws.ec2" in [ ]``.
    pub label: String,
    /// The whole pattern text with the fix applied; it is a valid pattern.
    pub pattern: String,
}

/// How many errors of one kind a fix may repair in one go (e.g. several
/// values written without `[ ]`).
const MAX_REPEATS: usize = 20;

/// The fixes for `e`, the error of `pattern_text`; each yields a valid pattern.
///
/// ```
/// use eventpattern::{quickfix::quick_fixes, Pattern};
///
/// let text = r#"{"a": ["x"], "b": "y"}"#;
/// let fixes = quick_fixes(text, &Pattern::parse(text).unwrap_err());
/// assert_eq!(fixes[0].pattern, r#"{"a": ["x"], "b": ["y"]}"#);
/// ```
pub fn quick_fixes(pattern_text: &str, e: &PatternError) -> Vec<QuickFix> {
    let mut valid: Vec<QuickFix> = Vec::new();
    let mut partial: Vec<QuickFix> = Vec::new();
    for (label, first) in candidates(pattern_text, e) {
        // Repair later errors of the same kind the same way (`"a": "x", "b": "y"`).
        let (mut text, mut labels) = (first, vec![label]);
        let remaining = loop {
            match Pattern::parse(&text) {
                Ok(_) => break None,
                Err(next) if next.kind == e.kind && labels.len() < MAX_REPEATS => {
                    match candidates(&text, &next)
                        .into_iter()
                        .find(|(l, _)| same_fix(l, &labels[0]))
                    {
                        Some((again_label, again)) => {
                            text = again;
                            labels.push(again_label);
                        }
                        None => break Some(next),
                    }
                }
                Err(next) => break Some(next),
            }
        };
        let label = repeated_label(labels);
        match remaining {
            None => valid.push(QuickFix {
                label,
                pattern: text,
            }),
            // The error is gone, but another one follows: offered, and said so.
            // (Not when only an empty pattern is left.)
            Some(next)
                if (next.kind != e.kind || next.span.start != e.span.start)
                    && !(next.kind == ErrorKind::EmptyObject && next.path.is_empty()) =>
            {
                partial.push(QuickFix {
                    label: format!("{label} (another error remains)"),
                    pattern: text,
                })
            }
            Some(_) => {}
        }
    }
    let mut out = valid;
    for f in partial {
        if !out.iter().any(|o| o.pattern == f.pattern) {
            out.push(f);
        }
    }
    out.dedup_by(|a, b| a.pattern == b.pattern);
    out
}

/// Two labels name the same kind of fix when their first word matches.
/// One button's words for a fix applied several times: "… (and 2 more like
/// it)", or, when the steps differ only in the code they end with, that code
/// listed ("Add the missing `"`, `]` and `}`").
fn repeated_label(mut labels: Vec<String>) -> String {
    let first = labels.remove(0);
    if labels.is_empty() {
        return first;
    }
    // `head` + "`code`", ending with the code.
    let split = |l: &str| -> Option<(String, String)> {
        let inner = l.strip_suffix('`')?;
        let (head, code) = inner.rsplit_once('`')?;
        Some((head.to_string(), code.to_string()))
    };
    let parts: Option<Vec<(String, String)>> = std::iter::once(&first)
        .chain(&labels)
        .map(|l| split(l))
        .collect();
    match parts {
        Some(parts)
            if parts.iter().all(|p| p.0 == parts[0].0)
                && parts.iter().any(|p| p.1 != parts[0].1) =>
        {
            let mut codes: Vec<String> = parts.iter().map(|p| format!("`{}`", p.1)).collect();
            let last = codes.pop().unwrap_or_default();
            format!("{}{} and {last}", parts[0].0, codes.join(", "))
        }
        _ => format!("{first} (and {} more like it)", labels.len()),
    }
}

fn same_fix(a: &str, b: &str) -> bool {
    a.split(' ').next() == b.split(' ').next()
}

fn replace(text: &str, span: Span, with: &str) -> String {
    let mut out = text.to_string();
    out.replace_range(span.range(), with);
    out
}

/// The span of the JSON value that starts at `start`. The value is read as
/// the first element of a list, since at the top level Jackson (and so the
/// reader) refuses a number followed by anything but white space.
fn value_span(text: &str, start: usize) -> Option<Span> {
    let framed = format!("[{}", text.get(start..)?);
    let mut r = Reader::new(&framed, usize::MAX);
    r.next_token().ok()?;
    let first = r.next_token().ok()?;
    if first.span.start != 1 {
        return None;
    }
    r.skip_value(first).ok()?;
    Some(Span::new(start, start + r.offset() - 1))
}

/// The candidate fixes, before checking: (label, fixed text).
fn candidates(text: &str, e: &PatternError) -> Vec<(String, String)> {
    let tok = text.get(e.span.range()).unwrap_or("");
    let mut out = Vec::new();
    match e.kind {
        ErrorKind::FieldNotObjectOrArray => {
            if let Some(v) = value_span(text, e.span.start as usize) {
                let value = &text[v.range()];
                out.push((
                    format!("Wrap {value} in [ ]"),
                    replace(text, v, &format!("[{value}]")),
                ));
            }
        }
        ErrorKind::OperatorUnknown => {
            let name = decode_string(tok);
            if let Some(op) = operator_meant(&name) {
                out.push((
                    format!("Use `{op}` instead of `{name}`"),
                    replace(text, e.span, &quote(op)),
                ));
            }
        }
        // `"5"` where a number is needed, `"true"` where a boolean is.
        ErrorKind::NumericRange | ErrorKind::OperandInvalid
            if tok.starts_with('"') && unquotable(e, tok) =>
        {
            let bare = decode_string(tok).trim().to_string();
            out.push((
                format!("Unquote {tok}: write {bare}"),
                replace(text, e.span, &bare),
            ));
        }
        ErrorKind::EmptyArray | ErrorKind::OperandInvalid
            if e.kind == ErrorKind::EmptyArray || is_empty_list(tok) =>
        {
            let in_operator = e
                .path
                .last()
                .is_some_and(|s| s.to_string() == "anything-but");
            if in_operator {
                // `anything-but` nothing excludes nothing: any present value.
                if let Some(cond) = enclosing_object(text, e.span) {
                    out.push((
                        "Replace {\"anything-but\": []} with {\"exists\": true}: excluding nothing accepts any value".into(),
                        replace(text, cond, "{\"exists\": true}"),
                    ));
                }
            } else if let Some(fixed) = remove_member_chain(text, e.span) {
                let field = e
                    .path
                    .iter()
                    .map(|s| s.to_string())
                    .collect::<Vec<_>>()
                    .join(".");
                out.push((
                    format!(
                        "Remove `{field}`: an empty list can match nothing, and AWS rejects it"
                    ),
                    fixed,
                ));
            }
        }
        ErrorKind::OperandInvalid => {
            let operator = e.path.last().map(|s| s.to_string()).unwrap_or_default();
            let scalar = tok.starts_with(|c: char| c == '-' || c.is_ascii_digit())
                || tok == "true"
                || tok == "false";
            if scalar
                && ["prefix", "suffix", "equals-ignore-case", "wildcard", "cidr"]
                    .contains(&operator.as_str())
            {
                out.push((
                    format!("Quote {tok}: `{operator}` takes a string"),
                    replace(text, e.span, &quote(tok)),
                ));
            }
            if operator == "anything-but" && tok.starts_with('{') {
                if let Some(fix) = anything_but_object(text, e.span) {
                    out.push(fix);
                }
            }
        }
        // `[["a", "b"]]`: the inner list's values, in the field's own list.
        ErrorKind::MatchValueType if tok == "[" => {
            if let Some(inner) = value_span(text, e.span.start as usize) {
                let body = &text[inner.start as usize + 1..inner.end as usize - 1];
                if !body.trim().is_empty() {
                    out.push((
                        "Flatten the inner list into the field's list".to_string(),
                        replace(text, inner, body.trim()),
                    ));
                }
            }
        }
        ErrorKind::EmptyObject if !e.path.is_empty() => {
            if let Some(fixed) = remove_member_chain(text, e.span) {
                out.push((format!("Remove the empty `{}`", e.path_display()), fixed));
            }
        }
        ErrorKind::Syntax => {
            if let Some(fix) = syntax_fix(text, e) {
                out.push(fix);
            }
        }
        _ => {}
    }
    out
}

/// A quoted number in `numeric`, or a quoted boolean in `exists`.
fn unquotable(e: &PatternError, tok: &str) -> bool {
    let inner = decode_string(tok);
    match e.kind {
        ErrorKind::NumericRange => crate::number::comparable(inner.trim()).is_some(),
        _ => {
            e.path.last().is_some_and(|s| s.to_string() == "exists")
                && (inner == "true" || inner == "false")
        }
    }
}

/// `[]` (with any spacing).
fn is_empty_list(tok: &str) -> bool {
    tok.strip_prefix('[')
        .is_some_and(|r| r.trim_start().is_empty() || r.trim_start().starts_with(']'))
}

/// `{"anything-but": [{"prefix": "a"}, {"prefix": "b"}]}` → `{"prefix": ["a", "b"]}`
/// in place of the list: the operator was meant as an object, not a list element.
fn anything_but_object(text: &str, element: Span) -> Option<(String, String)> {
    let before = text.get(..element.start as usize)?;
    let list_start = before.rfind('[')?;
    if !before[list_start + 1..].trim().is_empty() && !before[list_start + 1..].contains('}') {
        return None;
    }
    let list = value_span(text, list_start)?;
    let mut r = Reader::new(&text[list.range()], 8);
    r.next_token().ok()?;
    let (mut op, mut values) = (None::<String>, Vec::new());
    loop {
        let t = r.next_token().ok()?;
        match t.kind {
            TokenKind::EndArray => break,
            TokenKind::BeginObject => {
                let k = r.next_token().ok()?;
                if k.kind != TokenKind::Key {
                    return None;
                }
                let name = r.string_content(k).into_owned();
                if op.as_ref().is_some_and(|o| *o != name) {
                    return None;
                }
                op = Some(name);
                let v = r.next_token().ok()?;
                if v.kind != TokenKind::String || r.next_token().ok()?.kind != TokenKind::EndObject
                {
                    return None;
                }
                values.push(r.slice(v.span).to_string());
            }
            _ => return None,
        }
    }
    let op = op?;
    let operand = if values.len() == 1 {
        values.remove(0)
    } else {
        format!("[{}]", values.join(", "))
    };
    let replacement = format!("{{{}: {operand}}}", quote(&op));
    Some((
        format!("Write `anything-but` with an object: {{\"anything-but\": {replacement}}}"),
        replace(text, list, &replacement),
    ))
}

/// The `{ … }` whose member value is at `inner` (searching back for its `{`).
fn enclosing_object(text: &str, inner: Span) -> Option<Span> {
    let open = text.get(..inner.start as usize)?.rfind('{')?;
    let obj = value_span(text, open)?;
    (obj.end >= inner.end).then_some(obj)
}

/// Removes the member whose value is at `value`; when that leaves its object
/// empty, removes the object's own member too, and so on up.
fn remove_member_chain(text: &str, value: Span) -> Option<String> {
    let mut out = remove_member(text, value)?;
    for _ in 0..MAX_REPEATS {
        match Pattern::parse(&out) {
            Err(e) if e.kind == ErrorKind::EmptyObject && !e.path.is_empty() => {
                out = remove_member(&out, e.span)?;
            }
            _ => return Some(out),
        }
    }
    Some(out)
}

/// Removes `"key": value` and one comma next to it.
fn remove_member(text: &str, value: Span) -> Option<String> {
    let value = value_span(text, value.start as usize)?;
    let before = text.get(..value.start as usize)?.trim_end();
    let before = before.strip_suffix(':')?.trim_end();
    let key_end = before.len();
    let body = before.strip_suffix('"')?;
    let mut key_start = body.rfind('"')?;
    while body[..key_start].ends_with('\\') {
        key_start = body[..key_start].rfind('"')?;
    }
    let _ = key_end;
    let after = &text[value.end as usize..];
    let ws_after = after.len() - after.trim_start().len();
    let (start, end) = if after.trim_start().starts_with(',') {
        let rest = &after[ws_after + 1..];
        let next = value.end as usize + ws_after + 1 + (rest.len() - rest.trim_start().len());
        (key_start, next)
    } else {
        let lead = text[..key_start].trim_end();
        match lead.strip_suffix(',') {
            Some(l) => (l.len(), value.end as usize),
            None => (key_start, value.end as usize),
        }
    };
    let mut out = text.to_string();
    out.replace_range(start..end, "");
    Some(out)
}

/// Fixes for a few common syntax errors: a missing `]`/`}`, a comma after
/// the last entry, single quotes.
fn syntax_fix(text: &str, e: &PatternError) -> Option<(String, String)> {
    let mut r = Reader::new(text, crate::pattern::MAX_PATTERN_DEPTH);
    let je = loop {
        match r.next_token() {
            Ok(t) if t.kind == TokenKind::End => return None,
            Ok(_) => {}
            Err(je) => break je,
        }
    };
    if je.span != e.span {
        return None;
    }
    let at = e.span.start as usize;
    let tok = text.get(e.span.range()).unwrap_or("");
    match (je.kind, je.related) {
        (JsonErrorKind::MismatchedClose | JsonErrorKind::UnexpectedEnd, Some(open)) => {
            let close = match text.get(open.range())? {
                "[" => "]",
                "{" => "}",
                _ => "\"",
            };
            // Right after the last entry, so the line breaks stay where they were.
            let mut out = text.to_string();
            if je.kind == JsonErrorKind::UnexpectedEnd {
                out.truncate(text.trim_end().len());
                out.push_str(close);
            } else {
                out.insert_str(text[..at].trim_end().len(), close);
            }
            Some((format!("Add the missing `{close}`"), out))
        }
        (JsonErrorKind::UnexpectedCharacter, _) if tok == "]" || tok == "}" => {
            let comma = text[..at].trim_end();
            comma.strip_suffix(',').map(|kept| {
                let mut out = text.to_string();
                out.replace_range(kept.len()..comma.len(), "");
                ("Remove the comma after the last entry".to_string(), out)
            })
        }
        (JsonErrorKind::UnexpectedCharacter, _) if tok == "'" => {
            let close = text[at + 1..].find('\'')? + at + 1;
            let inner = &text[at + 1..close];
            if inner.contains(['"', '\n']) {
                return None;
            }
            Some((
                format!("Use double quotes: \"{inner}\""),
                replace(text, Span::new(at, close + 1), &format!("\"{inner}\"")),
            ))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixes(text: &str) -> Vec<(String, String)> {
        let e = Pattern::parse(text).expect_err(text);
        quick_fixes(text, &e)
            .into_iter()
            .map(|f| (f.label, f.pattern))
            .collect()
    }

    #[test]
    fn each_fix_yields_a_valid_pattern() {
        let cases: &[(&str, &str, &str)] = &[
            (r#"{"source": "aws.ec2"}"#, "Wrap \"aws.ec2\" in [ ]", r#"{"source": ["aws.ec2"]}"#),
            (r#"{"n": 5}"#, "Wrap 5 in [ ]", r#"{"n": [5]}"#),
            (
                r#"{"source": "aws.ec2", "detail-type": "X", "detail": {"state": "stopped"}}"#,
                "Wrap \"aws.ec2\" in [ ] (and 2 more like it)",
                r#"{"source": ["aws.ec2"], "detail-type": ["X"], "detail": {"state": ["stopped"]}}"#,
            ),
            (r#"{"a": [{"startsWith": "x"}]}"#, "Use `prefix` instead of `startsWith`", r#"{"a": [{"prefix": "x"}]}"#),
            (r#"{"a": [{"endsWith": "x"}]}"#, "Use `suffix` instead of `endsWith`", r#"{"a": [{"suffix": "x"}]}"#),
            (r#"{"a": [{"wildcards": "x*"}]}"#, "Use `wildcard` instead of `wildcards`", r#"{"a": [{"wildcard": "x*"}]}"#),
            (r#"{"a": [{"anything_but": "x"}]}"#, "Use `anything-but` instead of `anything_but`", r#"{"a": [{"anything-but": "x"}]}"#),
            (r#"{"a": [{"anythingBut": "x"}]}"#, "Use `anything-but` instead of `anythingBut`", r#"{"a": [{"anything-but": "x"}]}"#),
            (r#"{"a": [{"equalsIgnoreCase": "x"}]}"#, "Use `equals-ignore-case` instead of `equalsIgnoreCase`", r#"{"a": [{"equals-ignore-case": "x"}]}"#),
            (r#"{"a": [{"Prefix": "x"}]}"#, "Use `prefix` instead of `Prefix`", r#"{"a": [{"prefix": "x"}]}"#),
            (r#"{"a": [{"prefx": "x"}]}"#, "Use `prefix` instead of `prefx`", r#"{"a": [{"prefix": "x"}]}"#),
            (r#"{"a": [{"exist": true}]}"#, "Use `exists` instead of `exist`", r#"{"a": [{"exists": true}]}"#),
            (
                r#"{"a": [{"anything-but": [{"prefix": "x"}]}]}"#,
                "Write `anything-but` with an object: {\"anything-but\": {\"prefix\": \"x\"}}",
                r#"{"a": [{"anything-but": {"prefix": "x"}}]}"#,
            ),
            (
                r#"{"a": [{"anything-but": [{"prefix": "x"}, {"prefix": "y"}]}]}"#,
                "Write `anything-but` with an object: {\"anything-but\": {\"prefix\": [\"x\", \"y\"]}}",
                r#"{"a": [{"anything-but": {"prefix": ["x", "y"]}}]}"#,
            ),
            (r#"{"a": [{"prefix": 5}]}"#, "Quote 5: `prefix` takes a string", r#"{"a": [{"prefix": "5"}]}"#),
            (r#"{"a": [{"suffix": 1.5}]}"#, "Quote 1.5: `suffix` takes a string", r#"{"a": [{"suffix": "1.5"}]}"#),
            (
                r#"{"source": ["aws.ec2"], "detail-type": []}"#,
                "Remove `detail-type`: an empty list can match nothing, and AWS rejects it",
                r#"{"source": ["aws.ec2"]}"#,
            ),
            (
                r#"{"detail-type": [], "source": ["aws.ec2"]}"#,
                "Remove `detail-type`: an empty list can match nothing, and AWS rejects it",
                r#"{"source": ["aws.ec2"]}"#,
            ),
            (
                "{\n  \"source\": [\"aws.ec2\"],\n  \"detail\": {\n    \"state\": []\n  }\n}",
                "Remove `detail.state`: an empty list can match nothing, and AWS rejects it",
                "{\n  \"source\": [\"aws.ec2\"]\n}",
            ),
            (
                r#"{"a": [{"anything-but": []}]}"#,
                "Replace {\"anything-but\": []} with {\"exists\": true}: excluding nothing accepts any value",
                r#"{"a": [{"exists": true}]}"#,
            ),
            (r#"{"a": ["x"], "b": {}}"#, "Remove the empty `b`", r#"{"a": ["x"]}"#),
            (r#"{"a": ["x"}"#, "Add the missing `]`", r#"{"a": ["x"]}"#),
            (r#"{"a": ["x"#, "Add the missing `\"`, `]` and `}`", r#"{"a": ["x"]}"#),
            (
                "{\n  \"a\": [\"x\"\n}",
                "Add the missing `]`",
                "{\n  \"a\": [\"x\"]\n}",
            ),
            (r#"{"a": ["x"]"#, "Add the missing `}`", r#"{"a": ["x"]}"#),
            (r#"{"a": ["x",]}"#, "Remove the comma after the last entry", r#"{"a": ["x"]}"#),
            (r#"{"a": ["x"],}"#, "Remove the comma after the last entry", r#"{"a": ["x"]}"#),
            (r#"{"a": ['x']}"#, "Use double quotes: \"x\"", r#"{"a": ["x"]}"#),
            (r#"{"a": [{"exists": "true"}]}"#, "Unquote \"true\": write true", r#"{"a": [{"exists": true}]}"#),
            (
                r#"{"a": [{"numeric": [">", "5", "<", "10"]}]}"#,
                "Unquote \"5\": write 5 (and 1 more like it)",
                r#"{"a": [{"numeric": [">", 5, "<", 10]}]}"#,
            ),
            (r#"{"a": [["x", "y"]]}"#, "Flatten the inner list into the field's list", r#"{"a": ["x", "y"]}"#),
        ];
        let mut wrong = Vec::new();
        for (text, label, fixed) in cases {
            let got = fixes(text);
            if got.first().map(|(l, p)| (l.as_str(), p.as_str())) != Some((*label, *fixed)) {
                wrong.push(format!("{text}\n  {got:?}"));
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }

    #[test]
    fn no_fix_is_offered_that_leaves_the_pattern_invalid() {
        for text in [
            r#"{"source": []}"#,
            r#"{"a": [{"regex": "x"}]}"#,
            r#"{"a": [{"anything-but": [{"prefix": "x"}, {"suffix": "y"}]}]}"#,
            r#"{"a": [{"numeric": [">", 5, "<", 1]}]}"#,
        ] {
            assert_eq!(fixes(text), vec![], "{text}");
        }
        // A fix that removes the error but leaves another one says so.
        assert_eq!(
            fixes(r#"{"a": "x", "b": [{"prefix": 5}]}"#),
            vec![(
                "Wrap \"x\" in [ ] (another error remains)".to_string(),
                r#"{"a": ["x"], "b": [{"prefix": 5}]}"#.to_string()
            )]
        );
    }
}
