//! A pattern written as a template object (JSON or YAML) turned into the
//! JSON text EventBridge receives, each byte mapped back to the source;
//! `Fn::If` branches chosen per variant. CloudFormation serialises the object
//! itself; compact JSON is assumed (it matters for the 4,096-character limit).

use crate::map::SourceMap;
use crate::tree::{Kind, Node, Text};

/// Most `Fn::If`s in one pattern whose branch combinations are checked
/// (2^6 = 64 variants).
pub const MAX_CONDITIONS: usize = 6;

/// Why a pattern has no text before deployment: an intrinsic function (or
/// an expression) and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unresolvable {
    /// What it is (`Fn::Sub`, `Ref`, an HCL expression, …).
    pub what: String,
    /// Its source offset.
    pub offset: usize,
}

/// One `Fn::If` of a pattern: its condition name and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// The condition's name.
    pub name: String,
    /// Source offset of the `Fn::If`.
    pub offset: usize,
}

/// The `Fn::If`s in `node`, in document order (nested ones included).
pub fn conditions(node: &Node) -> Vec<Condition> {
    let mut found = Vec::new();
    let mut stack = vec![node];
    while let Some(n) = stack.pop() {
        if let Some(("Fn::If", args)) = n.intrinsic() {
            let name = match &args.kind {
                Kind::Array(a) => a.first().and_then(Node::as_str).unwrap_or("?"),
                _ => "?",
            };
            found.push(Condition {
                name: name.to_string(),
                offset: n.start,
            });
        }
        match &n.kind {
            Kind::Array(items) => stack.extend(items.iter().rev()),
            Kind::Object(entries) => stack.extend(entries.iter().rev().map(|(_, v)| v)),
            _ => {}
        }
    }
    found.sort_by_key(|c| c.offset);
    found
}

/// The JSON text of `node` and its source map; `choice` says, per `Fn::If`
/// (by its offset), whether the true branch is taken.
pub fn render(
    node: &Node,
    choice: &dyn Fn(usize) -> bool,
) -> Result<(String, SourceMap), Unresolvable> {
    let mut out = Out {
        text: String::new(),
        map: SourceMap::default(),
        choice,
    };
    match out.chosen(node)? {
        Some(n) => out.value(n, 0)?,
        None => out.produced("null", node.start),
    }
    Ok((out.text, out.map))
}

struct Out<'a> {
    text: String,
    map: SourceMap,
    choice: &'a dyn Fn(usize) -> bool,
}

impl Out<'_> {
    fn produced(&mut self, s: &str, source: usize) {
        self.map.produced(self.text.len(), source);
        self.text.push_str(s);
    }

    /// The node after `Fn::If`s are chosen; `None` for `AWS::NoValue`.
    fn chosen<'n>(&self, mut node: &'n Node) -> Result<Option<&'n Node>, Unresolvable> {
        loop {
            match node.intrinsic() {
                Some(("Fn::If", args)) => match &args.kind {
                    Kind::Array(a) if a.len() == 3 => {
                        node = if (self.choice)(node.start) {
                            &a[1]
                        } else {
                            &a[2]
                        };
                    }
                    _ => {
                        return Err(Unresolvable {
                            what: "Fn::If without [condition, then, else]".into(),
                            offset: node.start,
                        })
                    }
                },
                Some(("Ref", v)) if v.as_str() == Some("AWS::NoValue") => return Ok(None),
                Some((name, _)) => {
                    return Err(Unresolvable {
                        what: name.to_string(),
                        offset: node.start,
                    })
                }
                None => return Ok(Some(node)),
            }
        }
    }

    fn value(&mut self, node: &Node, depth: usize) -> Result<(), Unresolvable> {
        if depth > crate::tree::MAX_DEPTH {
            return Err(Unresolvable {
                what: "nesting too deep".into(),
                offset: node.start,
            });
        }
        match &node.kind {
            Kind::Null => self.produced("null", node.start),
            Kind::Bool(b) => self.produced(if *b { "true" } else { "false" }, node.start),
            Kind::Number(n) => {
                self.map.copied(self.text.len(), node.start);
                self.text.push_str(n);
            }
            Kind::Str(t) => self.string(t),
            Kind::Opaque(what) => {
                return Err(Unresolvable {
                    what: what.clone(),
                    offset: node.start,
                })
            }
            Kind::Array(items) => {
                self.produced("[", node.start);
                let mut first = true;
                for item in items {
                    let Some(item) = self.chosen(item)? else {
                        continue;
                    };
                    if !first {
                        self.produced(",", item.start);
                    }
                    first = false;
                    self.value(item, depth + 1)?;
                }
                self.produced("]", node.start);
            }
            Kind::Object(entries) => {
                self.produced("{", node.start);
                let mut first = true;
                for (key, value) in entries {
                    let Some(value) = self.chosen(value)? else {
                        continue;
                    };
                    if !first {
                        self.produced(",", key.start);
                    }
                    first = false;
                    self.string(key);
                    self.produced(":", value.start);
                    self.value(value, depth + 1)?;
                }
                self.produced("}", node.start);
            }
        }
        Ok(())
    }

    /// A JSON string literal; unescaped characters keep their own source
    /// offsets, escapes point at the character they stand for.
    fn string(&mut self, t: &Text) {
        self.produced("\"", t.start);
        // The end of the last verbatim run written: (text end, source end).
        let mut run: Option<(usize, usize)> = None;
        for (i, c) in t.value.char_indices() {
            let (source, verbatim) = t.map.origin(i);
            let escaped = match c {
                '"' => Some("\\\"".to_string()),
                '\\' => Some("\\\\".to_string()),
                '\n' => Some("\\n".to_string()),
                '\r' => Some("\\r".to_string()),
                '\t' => Some("\\t".to_string()),
                c if (c as u32) < 0x20 => Some(format!("\\u{:04x}", c as u32)),
                _ => None,
            };
            match escaped {
                Some(e) => {
                    self.produced(&e, source);
                    run = None;
                }
                None if verbatim => {
                    if run != Some((self.text.len(), source)) {
                        self.map.copied(self.text.len(), source);
                    }
                    self.text.push(c);
                    run = Some((self.text.len(), source + c.len_utf8()));
                }
                None => {
                    self.produced(c.encode_utf8(&mut [0; 4]), source);
                    run = None;
                }
            }
        }
        self.produced("\"", t.start);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json_source::parse;

    #[test]
    fn renders_compact_json_mapped_to_the_source() {
        let src = "{\"source\" : [ \"aws.\\\"ec2\" ],\n \"n\": [1.50]}";
        let node = parse(src).unwrap();
        let (text, map) = render(&node, &|_| true).unwrap();
        assert_eq!(text, r#"{"source":["aws.\"ec2"],"n":[1.50]}"#);
        assert_eq!(
            map.locate(text.find("aws").unwrap()),
            src.find("aws").unwrap()
        );
        assert_eq!(
            map.locate(text.find("ec2").unwrap()),
            src.find("ec2").unwrap()
        );
        assert_eq!(
            map.locate(text.find("1.50").unwrap() + 2),
            src.find("1.50").unwrap() + 2
        );
    }

    #[test]
    fn if_branches_and_no_value() {
        let src = r#"{"a": {"Fn::If": ["Prod", ["x"], {"Ref": "AWS::NoValue"}]}, "b": [1]}"#;
        let node = parse(src).unwrap();
        let conds = conditions(&node);
        assert_eq!(conds.len(), 1);
        assert_eq!(conds[0].name, "Prod");
        assert_eq!(
            render(&node, &|_| true).unwrap().0,
            r#"{"a":["x"],"b":[1]}"#
        );
        assert_eq!(render(&node, &|_| false).unwrap().0, r#"{"b":[1]}"#);
        let sub = parse(r#"{"a": [{"Fn::Sub": "${X}"}]}"#).unwrap();
        let e = render(&sub, &|_| true).unwrap_err();
        assert_eq!((e.what.as_str(), e.offset), ("Fn::Sub", 7));
    }
}
