//! YAML templates read into a [`Node`] tree.
//!
//! Crate choice: `yaml-rust2` (maintained, pure Rust, YAML 1.2, already in the
//! workspace for the export tests). Its event parser gives every node's
//! position and keeps tags, so CloudFormation's short forms (`!Ref`, `!Sub`,
//! `!If`, …) become their long forms (`{"Fn::If": …}`) instead of failing
//! or being dropped. (`serde_yaml` is deprecated and has no positions;
//! `saphyr`, the same authors' successor, is still at 0.0.x; `marked-yaml`
//! reduces a document to a simplified structure with spans.)
//!
//! Scalars' types and byte positions: `yaml_scalar`.

use crate::tree::{Kind, Node, Text, MAX_DEPTH};
use crate::yaml_scalar::scalar;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser, Tag};
use yaml_rust2::scanner::Marker;

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
