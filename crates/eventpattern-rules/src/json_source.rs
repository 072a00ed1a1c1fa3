//! JSON source files read into a [`Node`] tree with the engine's own reader
//! (`eventpattern::json::Reader`: byte spans, Jackson's error wording), so
//! a template's syntax error reads as it would for a pattern.

use crate::map::SourceMap;
use crate::tree::{Kind, Node, Text, MAX_DEPTH};
use eventpattern::json::{Reader, TokenKind};

/// A syntax error: the reader's message and its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Jackson's wording.
    pub message: String,
    /// Where.
    pub offset: usize,
}

/// Decodes the JSON string literal `raw` (quotes included) found at source
/// offset `start`, keeping each byte's source offset: unescaped runs are
/// copied, an escape comes from its backslash.
pub fn decode(raw: &str, start: usize) -> Text {
    let inner = raw
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .unwrap_or(raw);
    let base = start + 1;
    let mut value = String::with_capacity(inner.len());
    let mut map = SourceMap::default();
    let bytes = inner.as_bytes();
    let mut i = 0;
    while i < inner.len() {
        if bytes[i] != b'\\' {
            let end = inner[i..].find('\\').map_or(inner.len(), |n| i + n);
            map.copied(value.len(), base + i);
            value.push_str(&inner[i..end]);
            i = end;
            continue;
        }
        map.produced(value.len(), base + i);
        let (ch, len) = escape(&inner[i..]);
        value.push(ch);
        i += len;
    }
    Text { value, map, start }
}

/// One escape at the start of `s`: the character and the escape's length.
fn escape(s: &str) -> (char, usize) {
    let b = s.as_bytes();
    match b.get(1) {
        Some(b'u') => {
            let unit = |at: usize| {
                s.get(at..at + 4)
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
            };
            match unit(2) {
                Some(hi @ 0xD800..=0xDBFF) if s[6..].starts_with("\\u") => match unit(8) {
                    Some(lo @ 0xDC00..=0xDFFF) => {
                        let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                        (char::from_u32(c).unwrap_or('\u{FFFD}'), 12)
                    }
                    _ => ('\u{FFFD}', 6),
                },
                Some(u) => (char::from_u32(u).unwrap_or('\u{FFFD}'), 6),
                None => ('\u{FFFD}', 2),
            }
        }
        Some(&c) => (
            match c {
                b'n' => '\n',
                b't' => '\t',
                b'r' => '\r',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                other => other as char,
            },
            2,
        ),
        None => ('\\', 1),
    }
}

/// Reads a whole JSON document (what follows its value is ignored, as the
/// engine's reader does).
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut reader = Reader::new(text, MAX_DEPTH);
    // Open containers: the node being built and, in an object, the key
    // waiting for its value.
    let mut stack: Vec<(Node, Option<Text>)> = Vec::new();
    loop {
        let token = reader.next_token().map_err(|e| SyntaxError {
            message: e.message,
            offset: e.span.start as usize,
        })?;
        let start = token.span.start as usize;
        let raw = reader.slice(token.span);
        let node = match token.kind {
            TokenKind::BeginObject | TokenKind::BeginArray => {
                let kind = if token.kind == TokenKind::BeginObject {
                    Kind::Object(Vec::new())
                } else {
                    Kind::Array(Vec::new())
                };
                stack.push((Node { kind, start }, None));
                continue;
            }
            TokenKind::Key => {
                if let Some(top) = stack.last_mut() {
                    top.1 = Some(decode(raw, start));
                }
                continue;
            }
            TokenKind::EndObject | TokenKind::EndArray => match stack.pop() {
                Some((node, _)) => node,
                None => continue,
            },
            TokenKind::String => {
                if let Some(e) = reader.string_error(token) {
                    return Err(SyntaxError {
                        message: e.message.clone(),
                        offset: e.span.start as usize,
                    });
                }
                Node {
                    kind: Kind::Str(decode(raw, start)),
                    start,
                }
            }
            TokenKind::Number => Node {
                kind: Kind::Number(raw.to_string()),
                start,
            },
            TokenKind::True | TokenKind::False => Node {
                kind: Kind::Bool(token.kind == TokenKind::True),
                start,
            },
            TokenKind::Null => Node {
                kind: Kind::Null,
                start,
            },
            TokenKind::End => {
                return Err(SyntaxError {
                    message: "no JSON value".into(),
                    offset: start,
                })
            }
        };
        match stack.last_mut() {
            None => return Ok(node),
            Some((parent, key)) => match &mut parent.kind {
                Kind::Object(entries) => {
                    let key = key.take().unwrap_or_else(|| Text::at("", node.start));
                    entries.push((key, node));
                }
                Kind::Array(items) => items.push(node),
                _ => {}
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_map_to_their_backslash() {
        let src = r#"x = "a\"b\u00e9\uD83D\uDE00c""#;
        let start = src.find('"').unwrap();
        let t = decode(&src[start..], start);
        assert_eq!(t.value, "a\"b\u{e9}\u{1F600}c");
        let at = |needle: &str| t.value.find(needle).unwrap();
        assert_eq!(t.map.locate(at("a")), start + 1);
        assert_eq!(t.map.locate(at("\"")), start + 2);
        assert_eq!(t.map.locate(at("b")), start + 4);
        assert_eq!(t.map.locate(at("\u{e9}")), start + 5);
        assert_eq!(t.map.locate(at("\u{1F600}")), start + 11);
        assert_eq!(t.map.locate(at("c")), start + 23);
    }

    #[test]
    fn tree_keeps_offsets_and_reports_syntax_errors() {
        let n = parse(r#"{"a": [1, "x"], "b": null}"#).unwrap();
        assert_eq!(n.get("a").unwrap().start, 6);
        assert_eq!(n.get("b").unwrap().kind, Kind::Null);
        let e = parse(r#"{"a": [1, }"#).unwrap_err();
        assert_eq!(e.offset, 10);
        assert!(
            e.message.starts_with("Unexpected character"),
            "{}",
            e.message
        );
    }
}
