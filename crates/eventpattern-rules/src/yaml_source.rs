//! YAML templates read into a [`Node`] tree.
//!
//! Crate choice: `yaml-rust2` (maintained, pure Rust, YAML 1.2, already in the
//! workspace for the export tests). Its event parser gives every node's
//! position and keeps tags, so CloudFormation's short forms (`!Ref`, `!Sub`,
//! `!If`, …) become their long forms (`{"Fn::If": …}`) instead of failing
//! or being dropped. (`serde_yaml` is deprecated and loses positions;
//! `saphyr` is the same authors' rewrite and not yet stable.)
//!
//! A scalar's bytes are mapped back to the source by reading the scalar's
//! text again (quotes, escapes, block indentation); the result is used only
//! when it decodes to the parser's value, else the scalar's start is used.

use crate::map::SourceMap;
use crate::tree::{Kind, Node, Text, MAX_DEPTH};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// A YAML syntax error: the parser's message and its byte offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// The parser's message.
    pub message: String,
    /// Where.
    pub offset: usize,
}

/// Reads the first document of a YAML text.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut builder = Builder {
        text,
        line_starts: line_starts(text),
        stack: Vec::new(),
        root: None,
        error: None,
    };
    // Events are pulled one by one (the parser's own `load` recurses once
    // per nesting level); the builder refuses nesting past MAX_DEPTH.
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd | Event::DocumentEnd, _)) => break,
            Ok((ev, mark)) => builder.on_event(ev, mark),
            Err(e) => {
                let offset = builder.offset(e.marker());
                return Err(SyntaxError {
                    message: e.info().to_string(),
                    offset,
                });
            }
        }
        if let Some(e) = builder.error.take() {
            return Err(e);
        }
    }
    builder.root.ok_or(SyntaxError {
        message: "empty YAML document".into(),
        offset: 0,
    })
}

fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

struct Builder<'a> {
    text: &'a str,
    line_starts: Vec<usize>,
    /// Open collections, with the tag they were given and, in a mapping,
    /// the key waiting for its value.
    stack: Vec<(Node, Option<Tag>, Option<Text>)>,
    root: Option<Node>,
    error: Option<SyntaxError>,
}

impl Builder<'_> {
    /// Byte offset of a marker (1-based line, 0-based column in characters).
    fn offset(&self, m: &Marker) -> usize {
        let line = m.line().max(1) - 1;
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        let rest = &self.text[start..];
        rest.char_indices()
            .nth(m.col())
            .map_or(self.text.len(), |(i, _)| start + i)
    }

    fn add(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => {
                if self.root.is_none() {
                    self.root = Some(node);
                }
            }
            Some((parent, _, key)) => match &mut parent.kind {
                Kind::Array(items) => items.push(node),
                Kind::Object(entries) => match key.take() {
                    Some(k) => entries.push((k, node)),
                    None => *key = Some(key_text(node)),
                },
                _ => {}
            },
        }
    }
}

/// A mapping key as text (complex keys keep their start only).
fn key_text(node: Node) -> Text {
    match node.kind {
        Kind::Str(t) => t,
        Kind::Number(n) => Text::at(n, node.start),
        Kind::Bool(b) => Text::at(b.to_string(), node.start),
        Kind::Null => Text::at("null", node.start),
        _ => Text::at("?", node.start),
    }
}

/// CloudFormation's short form `!Name x` as its long form: `{"Ref": x}`,
/// `{"Condition": x}`, else `{"Fn::Name": x}`. YAML's own `!!` tags keep
/// the value.
fn with_tag(tag: Option<Tag>, node: Node, tag_start: usize) -> Node {
    match tag {
        Some(tag) if tag.handle == "!" && !tag.suffix.is_empty() => {
            let name = match tag.suffix.as_str() {
                "Ref" | "Condition" => tag.suffix.clone(),
                other => format!("Fn::{other}"),
            };
            Node {
                kind: Kind::Object(vec![(Text::at(name, tag_start), node)]),
                start: tag_start,
            }
        }
        _ => node,
    }
}

impl MarkedEventReceiver for Builder<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let start = self.offset(&mark);
        let is_mapping = matches!(ev, Event::MappingStart(..));
        match ev {
            Event::MappingStart(_, tag) | Event::SequenceStart(_, tag) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.error = Some(SyntaxError {
                        message: format!("nesting deeper than {MAX_DEPTH} levels"),
                        offset: start,
                    });
                    return;
                }
                let kind = if is_mapping {
                    Kind::Object(Vec::new())
                } else {
                    Kind::Array(Vec::new())
                };
                let start = content_start(self.text, start);
                self.stack.push((Node { kind, start }, tag, None));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((node, tag, _)) = self.stack.pop() {
                    let tag_start = tag_start(self.text, node.start, tag.as_ref());
                    let node = with_tag(tag, node, tag_start);
                    self.add(node);
                }
            }
            Event::Scalar(value, style, _, tag) => {
                // The parser marks a tagged scalar's value, not its tag.
                let scalar_start = content_start(self.text, start);
                let tag_start = tag_start(self.text, scalar_start, tag.as_ref());
                let kind = scalar(self.text, value, style, scalar_start, tag.as_ref());
                let node = Node {
                    kind,
                    start: scalar_start,
                };
                let node = with_tag(tag, node, tag_start);
                self.add(node);
            }
            Event::Alias(_) => self.add(Node {
                kind: Kind::Opaque("a YAML alias".into()),
                start,
            }),
            _ => {}
        }
    }
}

/// Where a collection's content starts: past a tag written before it.
fn content_start(text: &str, at: usize) -> usize {
    if text[at..].starts_with('!') {
        skip_tag(text, at)
    } else {
        at
    }
}

/// Where the tag of a collection starting at `start` is (the tag precedes it).
fn tag_start(text: &str, start: usize, tag: Option<&Tag>) -> usize {
    let Some(tag) = tag else { return start };
    let written = format!("{}{}", tag.handle, tag.suffix);
    text[..start].rfind(&written).unwrap_or(start)
}

/// Past a tag and the blanks after it.
fn skip_tag(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    if !rest.starts_with('!') {
        return at;
    }
    let tag_len = rest.find([' ', '\t', '\n', '\r']).unwrap_or(rest.len());
    let after = &rest[tag_len..];
    at + tag_len + (after.len() - after.trim_start_matches([' ', '\t']).len())
}

/// A scalar's JSON kind (YAML 1.2 core schema for plain scalars) and, for a
/// string, the source offset of each byte.
fn scalar(text: &str, value: String, style: TScalarStyle, start: usize, tag: Option<&Tag>) -> Kind {
    let plain = style == TScalarStyle::Plain && tag.is_none_or(|t| t.handle == "!");
    if plain {
        match value.as_str() {
            "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
            "true" | "True" | "TRUE" => return Kind::Bool(true),
            "false" | "False" | "FALSE" => return Kind::Bool(false),
            v if is_json_number(v) => return Kind::Number(value),
            _ => {}
        }
    }
    let map = match mapped(text, style, start) {
        Some((decoded, map)) if decoded == value => map,
        _ => {
            let mut m = SourceMap::default();
            m.produced(0, start);
            m
        }
    };
    Kind::Str(Text { value, map, start })
}

fn is_json_number(s: &str) -> bool {
    let b = s.strip_prefix('-').unwrap_or(s).as_bytes();
    let int_len = b.iter().take_while(|c| c.is_ascii_digit()).count();
    if int_len == 0 || (b[0] == b'0' && int_len > 1) {
        return false;
    }
    let mut rest = &b[int_len..];
    if let Some(r) = rest.strip_prefix(b".") {
        let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    if let Some(r) = rest.strip_prefix(b"e").or_else(|| rest.strip_prefix(b"E")) {
        let r = r
            .strip_prefix(b"+")
            .or_else(|| r.strip_prefix(b"-"))
            .unwrap_or(r);
        let n = r.iter().take_while(|c| c.is_ascii_digit()).count();
        if n == 0 {
            return false;
        }
        rest = &r[n..];
    }
    rest.is_empty()
}

/// The scalar written at `start` decoded again, with its source map.
fn mapped(text: &str, style: TScalarStyle, start: usize) -> Option<(String, SourceMap)> {
    let rest = &text[start..];
    match style {
        TScalarStyle::Plain => flow(text, start, None),
        TScalarStyle::SingleQuoted => {
            flow(text, start + 1, Some('\'')).filter(|_| rest.starts_with('\''))
        }
        TScalarStyle::DoubleQuoted => {
            flow(text, start + 1, Some('"')).filter(|_| rest.starts_with('"'))
        }
        TScalarStyle::Literal | TScalarStyle::Folded => {
            block(text, start, style == TScalarStyle::Folded)
        }
    }
}

/// A plain or quoted (flow) scalar: lines folded (one line break → a space),
/// escapes decoded (double quotes), `''` → `'` (single quotes).
fn flow(text: &str, from: usize, quote: Option<char>) -> Option<(String, SourceMap)> {
    let mut value = String::new();
    let mut map = SourceMap::default();
    let mut copying = false;
    let mut i = from;
    let bytes = text.as_bytes();
    while i < text.len() {
        let c = text[i..].chars().next()?;
        match (quote, c) {
            (Some('"'), '"') | (Some('\''), '\'')
                if !(quote == Some('\'') && text[i + 1..].starts_with('\'')) =>
            {
                return Some((value, map));
            }
            (Some('\''), '\'') => {
                map.produced(value.len(), i);
                value.push('\'');
                copying = false;
                i += 2;
            }
            (Some('"'), '\\') => {
                let next = text[i + 1..].chars().next()?;
                if next == '\n' || next == '\r' {
                    // An escaped line break: the break and the next line's indentation vanish.
                    i = skip_break_and_indent(text, i + 1);
                    copying = false;
                    continue;
                }
                let (ch, len) = yaml_escape(&text[i..])?;
                map.produced(value.len(), i);
                value.push(ch);
                copying = false;
                i += len;
            }
            (_, '\n' | '\r') => {
                // Folding: trailing blanks are dropped, one break is a space,
                // more are line breaks less one.
                let kept = value.trim_end_matches([' ', '\t']).len();
                value.truncate(kept);
                let mut breaks = 0;
                let mut j = i;
                while j < text.len() {
                    let after = skip_break_and_indent(text, j);
                    if after == j {
                        break;
                    }
                    breaks += 1;
                    j = after;
                    if !matches!(bytes.get(j), Some(b'\n' | b'\r')) {
                        break;
                    }
                }
                map.produced(value.len(), i);
                if breaks == 1 {
                    value.push(' ');
                } else {
                    value.extend(std::iter::repeat_n('\n', breaks - 1));
                }
                copying = false;
                i = j;
                if quote.is_none() && !plain_continues(text, i) {
                    break;
                }
            }
            (None, '#') if value.ends_with([' ', '\t']) => break,
            (None, ':')
                if matches!(bytes.get(i + 1), None | Some(b' ' | b'\n' | b'\r' | b'\t')) =>
            {
                break
            }
            _ => {
                if !copying {
                    map.copied(value.len(), i);
                    copying = true;
                }
                value.push(c);
                i += c.len_utf8();
            }
        }
    }
    if quote.is_some() {
        return None;
    }
    let kept = value.trim_end().len();
    value.truncate(kept);
    Some((value, map))
}

/// A plain scalar is continued on the next line unless that line is a
/// comment, a key or a sequence entry; the verification against the
/// parser's value catches the rest.
fn plain_continues(text: &str, at: usize) -> bool {
    let line = &text[at..];
    let line = line.split('\n').next().unwrap_or("");
    !(line.starts_with('#')
        || line.starts_with("- ")
        || line.contains(": ")
        || line.trim().is_empty())
}

/// Past one line break and the blanks that indent the next line.
fn skip_break_and_indent(text: &str, at: usize) -> usize {
    let rest = &text[at..];
    let after_break = if rest.starts_with("\r\n") {
        2
    } else if rest.starts_with(['\n', '\r']) {
        1
    } else {
        return at;
    };
    let next = &rest[after_break..];
    at + after_break + (next.len() - next.trim_start_matches([' ', '\t']).len())
}

/// One YAML double-quoted escape: the character and the escape's length.
fn yaml_escape(s: &str) -> Option<(char, usize)> {
    let c = s[1..].chars().next()?;
    let hex = |n: usize| {
        let h = s.get(2..2 + n)?;
        char::from_u32(u32::from_str_radix(h, 16).ok()?).map(|c| (c, 2 + n))
    };
    Some(match c {
        'x' => hex(2)?,
        'u' => hex(4)?,
        'U' => hex(8)?,
        '0' => ('\0', 2),
        'a' => ('\u{7}', 2),
        'b' => ('\u{8}', 2),
        't' | '\t' => ('\t', 2),
        'n' => ('\n', 2),
        'v' => ('\u{b}', 2),
        'f' => ('\u{c}', 2),
        'r' => ('\r', 2),
        'e' => ('\u{1b}', 2),
        ' ' => (' ', 2),
        'N' => ('\u{85}', 2),
        '_' => ('\u{a0}', 2),
        'L' => ('\u{2028}', 2),
        'P' => ('\u{2029}', 2),
        '"' | '/' | '\\' => (c, 2),
        _ => return None,
    })
}

/// A literal (`|`) or folded (`>`) block scalar whose content starts at
/// `content` (the parser's mark; the header is on a line before it): each
/// content line copied from its indentation on.
fn block(text: &str, content: usize, folded: bool) -> Option<(String, SourceMap)> {
    let start = text[..content].rfind(['|', '>'])?;
    let header_end = text[start..].find('\n').map(|n| start + n + 1)?;
    let header = &text[start..header_end];
    let explicit = header
        .chars()
        .find(|c| c.is_ascii_digit())
        .and_then(|c| c.to_digit(10));
    let mut indent: Option<usize> = None;
    let mut value = String::new();
    let mut map = SourceMap::default();
    let mut at = header_end;
    // Line breaks seen since the last content line.
    let mut pending: Vec<usize> = Vec::new();
    let mut last_more_indented = false;
    let mut first = true;
    for line in text[header_end..].split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        let spaces = content.len() - content.trim_start_matches(' ').len();
        if content.trim().is_empty() {
            pending.push(at + content.len());
            at += line.len();
            continue;
        }
        let n = *indent.get_or_insert_with(|| {
            explicit.map_or(spaces, |e| e as usize + base_indent(text, start))
        });
        if spaces < n {
            break;
        }
        let more_indented = spaces > n || content[n..].starts_with('\t');
        if !first {
            // The break ending the previous content line, then blank lines.
            let fold = folded && pending.len() == 1 && !more_indented && !last_more_indented;
            let breaks = pending.len();
            map.produced(value.len(), pending[0]);
            if fold {
                value.push(' ');
            } else if folded && !more_indented && !last_more_indented {
                value.extend(std::iter::repeat_n('\n', breaks - 1));
            } else {
                value.extend(std::iter::repeat_n('\n', breaks));
            }
        } else {
            for &b in &pending {
                map.produced(value.len(), b);
                value.push('\n');
            }
        }
        pending.clear();
        first = false;
        last_more_indented = more_indented;
        map.copied(value.len(), at + n);
        value.push_str(&content[n..]);
        pending.push(at + content.len());
        at += line.len();
    }
    // Chomping: keep (`+`) keeps every trailing break, strip (`-`) none, clip one.
    if !first {
        if header.contains('+') {
            map.produced(value.len(), pending[0]);
            value.extend(std::iter::repeat_n('\n', pending.len()));
        } else if !header.contains('-') {
            map.produced(value.len(), pending[0]);
            value.push('\n');
        }
    }
    Some((value, map))
}

/// The indentation of the line holding `at` (for an explicit indentation indicator).
fn base_indent(text: &str, at: usize) -> usize {
    let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
    let line = &text[line_start..];
    line.len() - line.trim_start_matches(' ').len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn string_at<'n>(n: &'n Node, path: &[&str]) -> &'n Text {
        let mut n = n;
        for p in path {
            n = n.get(p).unwrap_or_else(|| panic!("{p}"));
        }
        match &n.kind {
            Kind::Str(t) => t,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn short_form_tags_become_long_forms() {
        let text = "A:\n  B: !Ref Env\n  C: !If [IsProd, x, !Ref AWS::NoValue]\n  D: !Sub\n    - '${X}'\n    - X: 1\n";
        let root = parse(text).unwrap();
        let (name, v) = root
            .get("A")
            .unwrap()
            .get("B")
            .unwrap()
            .intrinsic()
            .unwrap();
        assert_eq!((name, v.as_str()), ("Ref", Some("Env")));
        let c = root.get("A").unwrap().get("C").unwrap();
        assert_eq!(c.intrinsic().unwrap().0, "Fn::If");
        assert_eq!(c.start, text.find("!If").unwrap());
        let d = root.get("A").unwrap().get("D").unwrap();
        assert_eq!(d.intrinsic().unwrap().0, "Fn::Sub");
        assert_eq!(d.start, text.find("!Sub").unwrap());
    }

    #[test]
    fn scalars_map_each_byte_to_the_source() {
        let text = "a: \"x\\\"y\\u00e9z\"\nb: 'it''s'\nc: |\n  {\n    \"k\": 1\n  }\nd: plain text\ne: >-\n  one\n  two\n";
        let root = parse(text).unwrap();
        let a = string_at(&root, &["a"]);
        assert_eq!(a.value, "x\"y\u{e9}z");
        assert_eq!(
            a.map.locate(a.value.find('y').unwrap()),
            text.find('y').unwrap()
        );
        assert_eq!(
            a.map.locate(a.value.find('z').unwrap()),
            text.find('z').unwrap()
        );
        assert_eq!(a.map.locate(1), text.find("\\\"").unwrap());
        let b = string_at(&root, &["b"]);
        assert_eq!(b.value, "it's");
        assert_eq!(b.map.locate(3), text.find("s'").unwrap());
        let c = string_at(&root, &["c"]);
        assert_eq!(c.value, "{\n  \"k\": 1\n}\n");
        assert_eq!(
            c.map.locate(c.value.find('k').unwrap()),
            text.find('k').unwrap()
        );
        assert_eq!(
            c.map.locate(c.value.find('1').unwrap()),
            text.find('1').unwrap()
        );
        let d = string_at(&root, &["d"]);
        assert_eq!(d.map.locate(6), text.find("text").unwrap());
        let e = string_at(&root, &["e"]);
        assert_eq!(e.value, "one two");
        assert_eq!(e.map.locate(4), text.find("two").unwrap());
    }

    #[test]
    fn deep_nesting_is_refused_without_recursion() {
        // Flow nesting: the scanner's own bound.
        let e = parse(&"[".repeat(100_000)).unwrap_err();
        assert_eq!(e.message, "recursion limit exceeded");
        // Block nesting: ours.
        let block: String = (0..1000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect();
        let e = parse(&block).unwrap_err();
        assert!(e.message.contains("nesting deeper"), "{e:?}");
    }

    #[test]
    fn multi_byte_text_and_odd_scalars_do_not_panic() {
        for text in [
            "é: ü",
            "a: \"\\_\\L é\"",
            "a: |2\n   é\n",
            "a: >\n\n  x\n\n  y\n",
            "'é",
            "a: !",
        ] {
            let _ = parse(text);
        }
    }

    #[test]
    fn scalar_types_and_errors() {
        let root = parse("n: 5\nf: 1.5e3\ns: 0x1F\nb: true\nz: ~\nq: '5'\n").unwrap();
        assert_eq!(root.get("n").unwrap().kind, Kind::Number("5".into()));
        assert_eq!(root.get("f").unwrap().kind, Kind::Number("1.5e3".into()));
        assert!(matches!(root.get("s").unwrap().kind, Kind::Str(_)));
        assert_eq!(root.get("b").unwrap().kind, Kind::Bool(true));
        assert_eq!(root.get("z").unwrap().kind, Kind::Null);
        assert!(matches!(root.get("q").unwrap().kind, Kind::Str(_)));
        let e = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(e.offset > 0, "{e:?}");
    }
}
