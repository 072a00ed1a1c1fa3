//! A valid pattern's text as a small value tree that keeps what the exports
//! must not change: key order, duplicate keys, the exact literal of every key,
//! string and number.

use crate::json::{Reader, TokenKind};
use std::borrow::Cow;

/// One JSON value of the pattern.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Json<'a> {
    /// Members in written order, duplicates included.
    Object(Vec<Member<'a>>),
    /// Elements in order.
    Array(Vec<Json<'a>>),
    /// A string: decoded content, and the literal as written (quotes included).
    Str(Cow<'a, str>, &'a str),
    /// A number, exactly as written.
    Num(&'a str),
    /// `true` / `false`.
    Bool(bool),
    /// `null`.
    Null,
}

/// One `key: value`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Member<'a> {
    /// The decoded key.
    pub key: Cow<'a, str>,
    /// The key's literal as written.
    pub raw_key: &'a str,
    /// Its value.
    pub value: Json<'a>,
}

/// A key read before its value: decoded, and as written.
type Key<'a> = (Cow<'a, str>, &'a str);

/// Reads the top-level value of `text`, which the caller has validated (a
/// valid pattern is at most [`crate::pattern::MAX_PATTERN_DEPTH`] deep).
/// Text after the value is left out, as AWS ignores it.
pub(crate) fn read(text: &str) -> Option<Json<'_>> {
    let mut r = Reader::new(text, crate::pattern::MAX_PATTERN_DEPTH + 1);
    // Open containers, each with the key it will be stored under.
    let mut stack: Vec<(Json<'_>, Option<Key<'_>>)> = Vec::new();
    let mut key: Option<Key<'_>> = None;
    loop {
        let t = r.next_token().ok()?;
        let raw = r.slice(t.span);
        let value = match t.kind {
            TokenKind::End => return None,
            TokenKind::Key => {
                key = Some((r.string_content(t), raw));
                continue;
            }
            TokenKind::BeginObject | TokenKind::BeginArray => {
                let empty = if t.kind == TokenKind::BeginObject {
                    Json::Object(Vec::new())
                } else {
                    Json::Array(Vec::new())
                };
                stack.push((empty, key.take()));
                continue;
            }
            TokenKind::EndObject | TokenKind::EndArray => {
                let (done, k) = stack.pop()?;
                key = k;
                done
            }
            TokenKind::String => Json::Str(r.string_content(t), raw),
            TokenKind::Number => Json::Num(raw),
            TokenKind::True => Json::Bool(true),
            TokenKind::False => Json::Bool(false),
            TokenKind::Null => Json::Null,
        };
        match stack.last_mut() {
            None => return Some(value),
            Some((Json::Object(members), _)) => {
                let (key, raw_key) = key.take()?;
                members.push(Member {
                    key,
                    raw_key,
                    value,
                });
            }
            Some((Json::Array(items), _)) => items.push(value),
            Some(_) => return None,
        }
    }
}

/// The value as compact JSON, every literal as written.
pub(crate) fn minify(v: &Json<'_>, out: &mut String) {
    match v {
        Json::Object(members) => {
            out.push('{');
            for (i, m) in members.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(m.raw_key);
                out.push(':');
                minify(&m.value, out);
            }
            out.push('}');
        }
        Json::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                minify(item, out);
            }
            out.push(']');
        }
        Json::Str(_, raw) | Json::Num(raw) => out.push_str(raw),
        Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Json::Null => out.push_str("null"),
    }
}

/// The value with repeated keys folded into one, for targets that keep only
/// one value per key: objects under a repeated key are merged (AWS reads every
/// field of both), anything else is replaced by the later value (AWS keeps
/// the later one). Returns whether anything was folded.
pub(crate) fn fold_duplicates(v: &mut Json<'_>) -> bool {
    match v {
        Json::Object(members) => {
            let mut folded = false;
            let mut out: Vec<Member<'_>> = Vec::with_capacity(members.len());
            for m in members.drain(..) {
                match out.iter_mut().find(|o| o.key == m.key) {
                    Some(prev) => {
                        folded = true;
                        match (&mut prev.value, m.value) {
                            (Json::Object(a), Json::Object(b)) => a.extend(b),
                            (slot, later) => *slot = later,
                        }
                    }
                    None => out.push(m),
                }
            }
            for m in &mut out {
                folded |= fold_duplicates(&mut m.value);
            }
            *members = out;
            folded
        }
        Json::Array(items) => items
            .iter_mut()
            .fold(false, |acc, i| fold_duplicates(i) | acc),
        _ => false,
    }
}

/// Every number literal in the value, in document order.
pub(crate) fn numbers<'a>(v: &Json<'a>, out: &mut Vec<&'a str>) {
    match v {
        Json::Object(members) => members.iter().for_each(|m| numbers(&m.value, out)),
        Json::Array(items) => items.iter().for_each(|i| numbers(i, out)),
        Json::Num(t) => out.push(t),
        _ => {}
    }
}

/// Every decoded string (keys included), in document order.
pub(crate) fn strings<'s>(v: &'s Json<'_>, out: &mut Vec<&'s str>) {
    match v {
        Json::Object(members) => members.iter().for_each(|m| {
            out.push(&m.key);
            strings(&m.value, out);
        }),
        Json::Array(items) => items.iter().for_each(|i| strings(i, out)),
        Json::Str(s, _) => out.push(s),
        _ => {}
    }
}

/// Whether a string or key escapes a lone UTF-16 surrogate (`"\ud800"`),
/// which only JSON text can carry: decoding turns it into U+FFFD.
pub(crate) fn has_lone_surrogate(v: &Json<'_>) -> bool {
    let lone = |decoded: &str, raw: &str| {
        decoded.contains('\u{fffd}')
            && !raw.contains('\u{fffd}')
            && !raw.to_ascii_lowercase().contains("\\ufffd")
    };
    match v {
        Json::Object(members) => members
            .iter()
            .any(|m| lone(&m.key, m.raw_key) || has_lone_surrogate(&m.value)),
        Json::Array(items) => items.iter().any(has_lone_surrogate),
        Json::Str(s, raw) => lone(s, raw),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minify_keeps_literals_and_drops_trailing_text() {
        let v = read("{ \"a\" : [ 1.0E2 , \"x\\u0041\" ], \"a\": {\"b\": null} } junk").unwrap();
        let mut out = String::new();
        minify(&v, &mut out);
        assert_eq!(out, r#"{"a":[1.0E2,"x\u0041"],"a":{"b":null}}"#);
    }

    #[test]
    fn repeated_keys_fold_like_aws_reads_them() {
        let mut v =
            read(r#"{"d": {"a": ["x"]}, "s": ["1"], "d": {"b": ["y"], "a": ["z"]}, "s": ["2"]}"#)
                .unwrap();
        assert!(fold_duplicates(&mut v));
        let mut out = String::new();
        minify(&v, &mut out);
        assert_eq!(out, r#"{"d":{"a":["z"],"b":["y"]},"s":["2"]}"#);
        let mut plain = read(r#"{"a": ["x"]}"#).unwrap();
        assert!(!fold_duplicates(&mut plain));
    }

    #[test]
    fn lone_surrogates_are_seen() {
        assert!(has_lone_surrogate(&read(r#"{"a": ["x\ud800"]}"#).unwrap()));
        assert!(has_lone_surrogate(&read(r#"{"\udc00": ["x"]}"#).unwrap()));
        let paired = "{\"a\": [\"\\ud83d\\ude00 \\uFFFD \u{fffd}\"]}";
        assert!(!has_lone_surrogate(&read(paired).unwrap()));
    }
}
