//! The event as a tree for the event view. Big events are cut down: at most
//! [`ROW_BUDGET`] rows and [`MAX_DEPTH`] levels, but every field on the way to
//! a pattern path is always kept, so the marked fields are always visible.

use eventpattern::event::Selector;
use eventpattern::json::{Reader, TokenKind};
use eventpattern::{EventError, Span};

/// Rows shown before the rest is summarised.
pub const ROW_BUDGET: usize = 1500;
/// Deepest level shown.
pub const MAX_DEPTH: usize = 48;

/// A node of the shown tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventNode {
    /// Its key (None for array elements and the root).
    pub key: Option<String>,
    /// Joined path (arrays add nothing, as in AWS's matcher).
    pub path: String,
    /// What it holds.
    pub kind: NodeKind,
    /// Where it is in the event text.
    pub span: Span,
}

/// What a node holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeKind {
    /// An object with its shown members.
    Object(Vec<EventNode>),
    /// An array with its shown elements.
    Array(Vec<EventNode>),
    /// A leaf: its JSON text and type.
    Value {
        /// The JSON text.
        text: String,
        /// `string`, `number`, `boolean` or `null`.
        type_name: &'static str,
    },
    /// `n` entries not shown.
    More(usize),
}

impl EventNode {
    /// The root's `detail-type` string, if any.
    pub fn detail_type(&self) -> Option<&str> {
        let NodeKind::Object(children) = &self.kind else {
            return None;
        };
        children
            .iter()
            .find(|c| c.key.as_deref() == Some("detail-type"))
            .and_then(|c| match &c.kind {
                NodeKind::Value {
                    text,
                    type_name: "string",
                } => Some(text.trim_matches('"')),
                _ => None,
            })
    }
}

struct Frame {
    node: EventNode,
    hidden: usize,
}

/// Builds the shown tree of `text`; fields on the way to the paths `wanted`
/// selects are always kept.
pub fn build_tree(text: &str, wanted: &Selector) -> Result<EventNode, EventError> {
    let mut r = Reader::new(text, usize::MAX);
    let first = r.next_token()?;
    if first.kind != TokenKind::BeginObject {
        return Err(EventError {
            message: "The event must be a JSON object".into(),
            span: first.span,
        });
    }
    let mut rows = 0usize;
    let mut stack = vec![Frame {
        node: EventNode {
            key: None,
            path: String::new(),
            kind: NodeKind::Object(Vec::new()),
            span: first.span,
        },
        hidden: 0,
    }];
    let mut pending_key: Option<String> = None;
    loop {
        let t = r.next_token()?;
        match t.kind {
            TokenKind::End => break,
            TokenKind::Key => {
                pending_key = Some(r.string_content(t).into_owned());
                continue;
            }
            TokenKind::EndObject | TokenKind::EndArray => {
                let mut frame = stack.pop().expect("balanced");
                if frame.hidden > 0 {
                    let path = frame.node.path.clone();
                    push_child(
                        &mut frame.node,
                        EventNode {
                            key: None,
                            path,
                            kind: NodeKind::More(frame.hidden),
                            span: t.span,
                        },
                    );
                }
                frame.node.span = frame.node.span.cover(t.span);
                match stack.last_mut() {
                    Some(parent) => push_child(&mut parent.node, frame.node),
                    None => return Ok(frame.node),
                }
                continue;
            }
            _ => {}
        }
        let parent = stack.last().expect("inside the root");
        let key = pending_key.take();
        let path = match &key {
            Some(k) if parent.node.path.is_empty() => k.clone(),
            Some(k) => format!("{}.{k}", parent.node.path),
            None => parent.node.path.clone(),
        };
        let keep = stack.len() < MAX_DEPTH && (rows < ROW_BUDGET || wanted.on_path(&path));
        if !keep {
            r.skip_value(t)?;
            stack.last_mut().expect("inside the root").hidden += 1;
            continue;
        }
        rows += 1;
        let kind = match t.kind {
            TokenKind::BeginObject => NodeKind::Object(Vec::new()),
            TokenKind::BeginArray => NodeKind::Array(Vec::new()),
            other => {
                let raw = r.slice(t.span);
                let text = if raw.chars().count() > 300 {
                    format!("{}…", raw.chars().take(300).collect::<String>())
                } else {
                    raw.to_string()
                };
                let type_name = match other {
                    TokenKind::String => "string",
                    TokenKind::Number => "number",
                    TokenKind::True | TokenKind::False => "boolean",
                    _ => "null",
                };
                let node = EventNode {
                    key,
                    path,
                    kind: NodeKind::Value { text, type_name },
                    span: t.span,
                };
                push_child(&mut stack.last_mut().expect("inside the root").node, node);
                continue;
            }
        };
        stack.push(Frame {
            node: EventNode {
                key,
                path,
                kind,
                span: t.span,
            },
            hidden: 0,
        });
    }
    Err(EventError {
        message: "The event ends early".into(),
        span: Span::empty(text.len()),
    })
}

fn push_child(parent: &mut EventNode, child: EventNode) {
    match &mut parent.kind {
        NodeKind::Object(c) | NodeKind::Array(c) => c.push(child),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn big_events_keep_wanted_paths() {
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"n\": {i}}}")).collect();
        let text = format!(
            "{{\"items\": [{}], \"detail\": {{\"state\": \"on\"}}}}",
            items.join(",")
        );
        let tree = build_tree(&text, &Selector::new(["detail.state"])).unwrap();
        let NodeKind::Object(children) = &tree.kind else {
            panic!()
        };
        let detail = children
            .iter()
            .find(|c| c.key.as_deref() == Some("detail"))
            .unwrap();
        let NodeKind::Object(inner) = &detail.kind else {
            panic!()
        };
        assert_eq!(inner[0].path, "detail.state");
        let NodeKind::Array(elems) = &children[0].kind else {
            panic!()
        };
        assert!(matches!(elems.last().unwrap().kind, NodeKind::More(n) if n > 3000));
    }

    #[test]
    fn deep_events_are_cut() {
        let text = format!("{{\"a\": {}1{}}}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(build_tree(&text, &Selector::default()).is_ok());
    }
}
