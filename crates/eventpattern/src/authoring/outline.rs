//! The event as the page's event view shows it: one walk with the engine's
//! own reader and path rule, cut to a row budget and a depth, each node with
//! its engine path, its spans and its role in an EventBridge event.
//!
//! Nodes are a flat list in document order (a pre-order walk), so the page
//! can draw them without recursion; [`OutlineNode::end`] delimits a
//! container's descendants. Fields on the way to a pattern path are always
//! kept (within the depth cut), so every marked field is visible.

use crate::event::{EventError, Selector};
use crate::json::{Reader, TokenKind};
use crate::span::Span;

/// How much of an event an outline shows.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// let few = outline(event, &Selector::new([]), Limits { rows: 1, ..Limits::default() }).unwrap();
/// assert!(few.nodes.len() < o.nodes.len());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Rows shown before the rest is summarised (fields on pattern paths are
    /// shown past it).
    pub rows: usize,
    /// Array elements on pattern paths shown past `rows` (a pattern path
    /// through a huge array would otherwise show all of it).
    pub path_elements: usize,
    /// Deepest level shown (the root's members are level 1).
    pub depth: usize,
    /// Longest value text shown, in characters; longer text is cut with `…`.
    pub value_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            rows: 1500,
            path_elements: 1000,
            depth: 48,
            value_chars: 300,
        }
    }
}

/// What a node holds.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// use eventpattern::outline::NodeKind;
/// assert_eq!(o.nodes[0].kind, NodeKind::Object);
/// assert_eq!(o.nodes[1].kind, NodeKind::String);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeKind {
    /// `{…}`.
    Object,
    /// `[…]`.
    Array,
    /// A string.
    String,
    /// A number.
    Number,
    /// `true` or `false`.
    Bool,
    /// `null`.
    Null,
    /// Entries of the parent that are not shown ([`OutlineNode::hidden`] of them).
    More,
}

impl NodeKind {
    /// `object`, `array`, `string`, `number`, `boolean`, `null` or `more`.
    ///
    /// ```
    /// assert_eq!(eventpattern::outline::NodeKind::Bool.name(), "boolean");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            NodeKind::Object => "object",
            NodeKind::Array => "array",
            NodeKind::String => "string",
            NodeKind::Number => "number",
            NodeKind::Bool => "boolean",
            NodeKind::Null => "null",
            NodeKind::More => "more",
        }
    }
}

/// What a field is in an EventBridge event.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// use eventpattern::outline::Role;
/// assert_eq!(o.nodes[1].role, Some(Role::Envelope)); // `source`
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// A top-level field every EventBridge event has (`source`, `detail`, …).
    Envelope,
    /// A field of the CloudTrail record under `detail`, in an event whose
    /// `detail-type` ends with `via CloudTrail`.
    CloudTrail,
}

/// One row of the outline.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// let b = o.nodes.iter().find(|n| n.text == "\"b\"").unwrap();
/// assert_eq!((b.path.as_deref(), b.index, b.depth), (Some("detail.tags"), Some(1), 3));
/// assert_eq!(&event[b.span.range()], "\"b\"");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutlineNode {
    /// Index of the parent node (`None` for the root).
    pub parent: Option<u32>,
    /// 0 for the root, 1 for its members, …
    pub depth: u32,
    /// The decoded key (members of objects only).
    pub key: Option<String>,
    /// The key with its quotes.
    pub key_span: Option<Span>,
    /// Position in the parent array (array elements only).
    pub index: Option<u32>,
    /// The path AWS's matcher reads this value at: keys joined with `.`,
    /// arrays adding nothing. `None` under an empty key, which the matcher
    /// never reads (SPEC §2.1). The root's path is empty.
    pub path: Option<String>,
    /// What it holds.
    pub kind: NodeKind,
    /// The value's text: from `{`/`[` to the matching close for containers;
    /// for [`NodeKind::More`], the parent's closing mark.
    pub span: Span,
    /// The JSON text of a string, number, boolean or null (cut when long);
    /// empty for containers.
    pub text: String,
    /// Whether `text` was cut.
    pub cut: bool,
    /// Envelope or CloudTrail field, if it is one.
    pub role: Option<Role>,
    /// One line on what the field is, for envelope and CloudTrail fields.
    pub note: Option<&'static str>,
    /// For [`NodeKind::More`]: how many entries are not shown.
    pub hidden: usize,
    /// One past the index of this node's last descendant.
    pub end: u32,
}

/// The event as shown.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// assert_eq!(o.nodes.len(), 6); // root, source, detail, tags, "a", "b"
/// assert!(!o.via_cloudtrail);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outline {
    /// Nodes in document order; `nodes[0]` is the root object.
    pub nodes: Vec<OutlineNode>,
    /// Whether `detail-type` ends with `via CloudTrail` (the record is under `detail`).
    pub via_cloudtrail: bool,
}

impl Outline {
    /// Indexes of the direct children of node `i`, in order.
    ///
    /// ```
    /// use eventpattern::{event::Selector, outline::{outline, Limits}};
    ///
    /// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
    /// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
    /// let top: Vec<Option<&str>> = o.children(0).map(|i| o.nodes[i].key.as_deref()).collect();
    /// assert_eq!(top, [Some("source"), Some("detail")]);
    /// ```
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let end = self.nodes.get(i).map_or(0, |n| n.end as usize);
        let mut next = i + 1;
        std::iter::from_fn(move || {
            if next >= end {
                return None;
            }
            let at = next;
            next = self.nodes[at].end as usize;
            Some(at)
        })
    }

    /// The keys from the root to node `i` (array elements add none): the
    /// path to give [`crate::compose::add_condition`] for a clicked value.
    ///
    /// ```
    /// use eventpattern::{event::Selector, outline::{outline, Limits}};
    ///
    /// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
    /// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
    /// assert_eq!(o.segments(5), ["detail", "tags"]);
    /// ```
    pub fn segments(&self, i: usize) -> Vec<&str> {
        let mut keys = Vec::new();
        let mut at = self.nodes.get(i);
        while let Some(n) = at {
            if let Some(k) = &n.key {
                keys.push(k.as_str());
            }
            at = n.parent.and_then(|p| self.nodes.get(p as usize));
        }
        keys.reverse();
        keys
    }

    /// The node whose value starts at byte `offset`, if it is shown: where a
    /// trace's value ([`crate::explain::ValueMark::span`]) or container
    /// ([`crate::FieldOutcome::NotALeaf`]) is drawn.
    ///
    /// ```
    /// use eventpattern::{event::Selector, outline::{outline, Limits}};
    ///
    /// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
    /// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
    /// let at = event.find("\"b\"").unwrap() as u32;
    /// assert_eq!(o.node_at(at), Some(5));
    /// ```
    pub fn node_at(&self, offset: u32) -> Option<usize> {
        // Nodes start at strictly increasing offsets (a pre-order walk).
        let i = self
            .nodes
            .binary_search_by_key(&offset, |n| n.span.start)
            .ok()?;
        (self.nodes[i].kind != NodeKind::More).then_some(i)
    }
}

/// One-line explanations of the envelope fields.
///
/// ```
/// use eventpattern::outline::envelope_note;
///
/// assert!(envelope_note("detail-type").is_some());
/// assert!(envelope_note("colour").is_none());
/// ```
pub fn envelope_note(key: &str) -> Option<&'static str> {
    Some(match key {
        "version" => "Envelope: the envelope format version, always \"0\".",
        "id" => "Envelope: a unique id EventBridge gives each event.",
        "detail-type" => "Envelope: what happened; with `source` it identifies the kind of event.",
        "source" => "Envelope: the service that sent the event, e.g. aws.ec2.",
        "account" => "Envelope: the 12-digit account id, a string.",
        "time" => "Envelope: when the event happened (ISO 8601, UTC).",
        "region" => "Envelope: the region the event came from.",
        "resources" => "Envelope: ARNs of the resources involved (may be empty).",
        "detail" => {
            "Envelope: the service-specific payload; for CloudTrail events, the CloudTrail record."
        }
        _ => return None,
    })
}

/// One-line explanations of the CloudTrail record fields under `detail`.
///
/// ```
/// assert!(eventpattern::outline::cloudtrail_note("eventName").is_some());
/// ```
pub fn cloudtrail_note(key: &str) -> Option<&'static str> {
    Some(match key {
        "userIdentity" => "CloudTrail: who made the call (type, ARN, account, session).",
        "eventSource" => "CloudTrail: the service endpoint called, e.g. s3.amazonaws.com.",
        "eventName" => "CloudTrail: the API action; some services add a version suffix.",
        "requestParameters" => "CloudTrail: the parameters of the request (may be null).",
        "responseElements" => "CloudTrail: what the call returned (null for many calls).",
        "errorCode" => "CloudTrail: present only when the call failed.",
        "errorMessage" => "CloudTrail: the failure's message, when it failed.",
        "eventType" => "CloudTrail: AwsApiCall, AwsConsoleSignIn, AwsServiceEvent…",
        "readOnly" => "CloudTrail: a boolean, true for read-only calls.",
        "managementEvent" => "CloudTrail: true for management events, false for data events.",
        "awsRegion" => "CloudTrail: the region the call was made in.",
        "sourceIPAddress" => "CloudTrail: the caller's IP address (or a service name).",
        "eventTime" => "CloudTrail: when the call was made.",
        "recipientAccountId" => "CloudTrail: the account that received the call.",
        _ => return None,
    })
}

/// An open container: its node, and how many of its entries were not shown.
struct Frame {
    node: u32,
    hidden: usize,
    /// Entries read so far, shown or not (the next array element's index).
    count: u32,
}

/// Reads `text` once into its outline; fields on the way to the paths that
/// `wanted` selects (a pattern's [`crate::Pattern::selector`]) are kept past
/// the row budget. No recursion: events may nest 100,000 levels.
///
/// ```
/// use eventpattern::{event::Selector, outline::{outline, Limits}};
///
/// let event = r#"{"source": "aws.ec2", "detail": {"tags": ["a", "b"]}}"#;
/// let o = outline(event, &Selector::new(["detail.tags"]), Limits::default()).unwrap();
/// assert!(outline("[1]", &Selector::new([]), Limits::default()).is_err());
/// ```
pub fn outline(text: &str, wanted: &Selector, limits: Limits) -> Result<Outline, EventError> {
    let mut r = Reader::new(text, usize::MAX);
    let first = r.next_token()?;
    if first.kind != TokenKind::BeginObject {
        return Err(EventError {
            message: "The event must be a JSON object (AWS: Parameter Event is not valid.)".into(),
            span: first.span,
        });
    }
    let mut nodes = vec![OutlineNode {
        parent: None,
        depth: 0,
        key: None,
        key_span: None,
        index: None,
        path: Some(String::new()),
        kind: NodeKind::Object,
        span: first.span,
        text: String::new(),
        cut: false,
        role: None,
        note: None,
        hidden: 0,
        end: 1,
    }];
    let mut stack = vec![Frame {
        node: 0,
        hidden: 0,
        count: 0,
    }];
    let mut rows = 0usize;
    let mut extra_elements = 0usize;
    let mut key: Option<(String, Span)> = None;
    loop {
        let t = r.next_token()?;
        match t.kind {
            TokenKind::End => break,
            TokenKind::Key => {
                key = Some((r.string_content(t).into_owned(), t.span));
                continue;
            }
            TokenKind::EndObject | TokenKind::EndArray => {
                let frame = stack.pop().expect("balanced");
                let at = frame.node as usize;
                nodes[at].span = nodes[at].span.cover(t.span);
                if frame.hidden > 0 {
                    nodes.push(OutlineNode {
                        parent: Some(frame.node),
                        depth: nodes[at].depth + 1,
                        key: None,
                        key_span: None,
                        index: None,
                        path: nodes[at].path.clone(),
                        kind: NodeKind::More,
                        span: t.span,
                        text: String::new(),
                        cut: false,
                        role: None,
                        note: None,
                        hidden: frame.hidden,
                        end: nodes.len() as u32 + 1,
                    });
                }
                nodes[at].end = nodes.len() as u32;
                if stack.is_empty() {
                    break;
                }
                continue;
            }
            _ => {}
        }
        let frame = stack.last_mut().expect("inside the root");
        let parent = &nodes[frame.node as usize];
        let key = key.take();
        let index = (parent.kind == NodeKind::Array).then_some(frame.count);
        frame.count += 1;
        // Keys join with dots below the top level, empty keys included
        // (docs/SEMANTICS.md, "Paths").
        let path = match (&key, &parent.path) {
            (_, None) => None,
            (Some((k, _)), Some(_)) if parent.depth == 0 => Some(k.clone()),
            (Some((k, _)), Some(p)) => Some(format!("{p}.{k}")),
            (None, Some(p)) => Some(p.clone()),
        };
        let depth = parent.depth + 1;
        let on_path = path.as_deref().is_some_and(|p| wanted.on_path(p));
        let keep = (depth as usize) <= limits.depth
            && (rows < limits.rows
                || on_path && (index.is_none() || extra_elements < limits.path_elements));
        if keep && rows >= limits.rows && index.is_some() {
            extra_elements += 1;
        }
        if !keep {
            r.skip_value(t)?;
            frame.hidden += 1;
            continue;
        }
        rows += 1;
        let parent_index = frame.node;
        let role = match (&key, depth) {
            (Some((k, _)), 1) => envelope_note(k).map(|n| (Role::Envelope, n)),
            _ => None,
        };
        let (kind, text, cut) = match t.kind {
            TokenKind::BeginObject => (NodeKind::Object, String::new(), false),
            TokenKind::BeginArray => (NodeKind::Array, String::new(), false),
            other => {
                let raw = r.slice(t.span);
                let (shown, cut) = shorten(raw, limits.value_chars);
                let kind = match other {
                    TokenKind::String => NodeKind::String,
                    TokenKind::Number => NodeKind::Number,
                    TokenKind::True | TokenKind::False => NodeKind::Bool,
                    _ => NodeKind::Null,
                };
                (kind, shown, cut)
            }
        };
        let at = nodes.len() as u32;
        let (key, key_span) = match key {
            Some((k, s)) => (Some(k), Some(s)),
            None => (None, None),
        };
        nodes.push(OutlineNode {
            parent: Some(parent_index),
            depth,
            key,
            key_span,
            index,
            path,
            kind,
            span: t.span,
            text,
            cut,
            role: role.map(|r| r.0),
            note: role.map(|r| r.1),
            hidden: 0,
            end: at + 1,
        });
        if matches!(kind, NodeKind::Object | NodeKind::Array) {
            stack.push(Frame {
                node: at,
                hidden: 0,
                count: 0,
            });
        }
    }
    let mut out = Outline {
        nodes,
        via_cloudtrail: false,
    };
    mark_cloudtrail(&mut out);
    Ok(out)
}

/// `raw` cut to `max` characters with `…`, and whether it was cut.
fn shorten(raw: &str, max: usize) -> (String, bool) {
    match raw.char_indices().nth(max) {
        Some((i, _)) => (format!("{}…", &raw[..i]), true),
        None => (raw.to_string(), false),
    }
}

/// Gives the record's fields under `detail` their CloudTrail role when the
/// event is an API call (or other record) delivered via CloudTrail.
fn mark_cloudtrail(o: &mut Outline) {
    let top: Vec<usize> = o.children(0).collect();
    o.via_cloudtrail = top.iter().any(|&i| {
        let n = &o.nodes[i];
        n.key.as_deref() == Some("detail-type")
            && n.kind == NodeKind::String
            && !n.cut
            && crate::json::decode_string(&n.text).ends_with("via CloudTrail")
    });
    if !o.via_cloudtrail {
        return;
    }
    for &d in &top {
        if o.nodes[d].key.as_deref() != Some("detail") || o.nodes[d].kind != NodeKind::Object {
            continue;
        }
        let kids: Vec<usize> = o.children(d).collect();
        for k in kids {
            let note = o.nodes[k].key.as_deref().and_then(cloudtrail_note);
            if let Some(note) = note {
                o.nodes[k].role = Some(Role::CloudTrail);
                o.nodes[k].note = Some(note);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::flatten;

    fn full(text: &str) -> Outline {
        outline(text, &Selector::default(), Limits::default()).unwrap()
    }

    #[test]
    fn paths_are_the_engines_paths() {
        let text = r#"{"a": {"b": [1, {"c": "x"}, [true]]}, "d.e": null, "": {"f": "under an empty key"}, "g": {"": 5, "h": [{"": [1]}, "y"]}, "f": []}"#;
        let o = full(text);
        let flat = flatten(text, None).unwrap();
        let shown: Vec<(String, Span)> = o
            .nodes
            .iter()
            .filter(|n| !matches!(n.kind, NodeKind::Object | NodeKind::Array | NodeKind::More))
            .filter_map(|n| Some((n.path.clone()?, n.span)))
            .collect();
        let engine: Vec<(String, Span)> = flat
            .leaves
            .iter()
            .map(|l| (l.path.clone(), l.span))
            .collect();
        assert_eq!(shown, engine);
        // Empty keys are steps too: `{"": {"f": …}}` is `.f`.
        assert!(shown.iter().any(|(p, _)| p == ".f"));
        let b = o
            .nodes
            .iter()
            .position(|n| n.key.as_deref() == Some("b"))
            .unwrap();
        let elements: Vec<(Option<u32>, Option<&str>)> = o
            .children(b)
            .map(|i| (o.nodes[i].index, o.nodes[i].path.as_deref()))
            .collect();
        assert_eq!(
            elements,
            [
                (Some(0), Some("a.b")),
                (Some(1), Some("a.b")),
                (Some(2), Some("a.b"))
            ]
        );
        let c = o
            .nodes
            .iter()
            .find(|n| n.key.as_deref() == Some("c"))
            .unwrap();
        assert_eq!(c.key_span.map(|s| &text[s.range()]), Some("\"c\""));
        assert_eq!(&text[o.nodes[b].span.range()], r#"[1, {"c": "x"}, [true]]"#);
        assert_eq!(o.nodes[0].end as usize, o.nodes.len());
        assert_eq!(o.node_at(c.span.start).map(|i| &o.nodes[i]), Some(c));
        let ci = o.node_at(c.span.start).unwrap();
        assert_eq!(o.segments(ci), ["a", "b", "c"]);
    }

    #[test]
    fn template_events_have_the_engines_paths() {
        let mut n = 0;
        for &(name, _, text) in crate::test_templates::TEMPLATES {
            let o = full(text);
            let shown: Vec<(String, Span)> = o
                .nodes
                .iter()
                .filter(|n| !matches!(n.kind, NodeKind::Object | NodeKind::Array))
                .map(|n| (n.path.clone().unwrap(), n.span))
                .collect();
            let flat = flatten(text, None).unwrap();
            let engine: Vec<(String, Span)> = flat
                .leaves
                .iter()
                .map(|l| (l.path.clone(), l.span))
                .collect();
            assert_eq!(shown, engine, "{name}");
            n += 1;
        }
        assert!(n >= 10);
    }

    #[test]
    fn budget_keeps_pattern_paths_and_summarises_the_rest() {
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"n\": {i}}}")).collect();
        let text = format!(
            "{{\"items\": [{}], \"detail\": {{\"state\": \"on\"}}}}",
            items.join(",")
        );
        let limits = Limits {
            rows: 100,
            ..Limits::default()
        };
        let o = outline(&text, &Selector::new(["detail.state"]), limits).unwrap();
        let state = o
            .nodes
            .iter()
            .find(|n| n.path.as_deref() == Some("detail.state"))
            .unwrap();
        assert_eq!(state.text, "\"on\"");
        let items = o.children(0).next().unwrap();
        let last = o.children(items).last().unwrap();
        assert_eq!(o.nodes[last].kind, NodeKind::More);
        let shown = o.children(items).count() - 1;
        assert_eq!(shown + o.nodes[last].hidden, 5000);
        assert!(o.nodes.len() <= 102 + 3, "{}", o.nodes.len());
    }

    #[test]
    fn huge_arrays_on_a_pattern_path_are_cut_too() {
        let items: Vec<String> = (0..5000).map(|i| format!("{{\"n\": {i}}}")).collect();
        let text = format!(
            "{{\"items\": [{}], \"detail\": {{\"state\": \"on\"}}}}",
            items.join(",")
        );
        let limits = Limits {
            rows: 100,
            path_elements: 50,
            ..Limits::default()
        };
        let o = outline(&text, &Selector::new(["items.n", "detail.state"]), limits).unwrap();
        let items = o.children(0).next().unwrap();
        let shown: Vec<usize> = o.children(items).collect();
        let more = &o.nodes[*shown.last().unwrap()];
        assert_eq!(more.kind, NodeKind::More);
        // 50 elements in the budget (each with its `n`), 50 more on the pattern path.
        assert_eq!(shown.len() - 1, 100);
        assert_eq!(more.hidden, 4900);
        // Every element shown keeps its field on the path; later fields still show.
        assert!(shown[..100].iter().all(|&e| o.children(e).count() == 1));
        assert!(o
            .nodes
            .iter()
            .any(|n| n.path.as_deref() == Some("detail.state")));
    }

    #[test]
    fn deep_events_are_cut_without_recursion() {
        let text = format!("{{\"a\": {}1{}}}", "[".repeat(100_000), "]".repeat(100_000));
        let o = outline(&text, &Selector::new(["a"]), Limits::default()).unwrap();
        let deepest = o.nodes.iter().map(|n| n.depth).max().unwrap();
        assert_eq!(deepest, 49); // 48 levels shown, then a `More` row.
        assert!(o
            .nodes
            .iter()
            .any(|n| n.kind == NodeKind::More && n.hidden == 1));
    }

    #[test]
    fn long_values_are_cut() {
        let long = "é".repeat(400);
        let o = full(&format!("{{\"a\": \"{long}\"}}"));
        let a = &o.nodes[1];
        assert!(a.cut);
        assert_eq!(a.text.chars().count(), 301);
        assert!(a.text.ends_with('…'));
    }

    #[test]
    fn envelope_and_cloudtrail_roles() {
        let text = r#"{"source": "aws.s3", "detail": {"eventName": "PutObject", "userIdentity": {"eventName": "x"}, "custom": 1}, "detail-type": "AWS API Call via CloudTrail", "other": {"source": "x"}}"#;
        let o = full(text);
        assert!(o.via_cloudtrail);
        let roles: Vec<(&str, Option<Role>)> = o
            .nodes
            .iter()
            .filter_map(|n| Some((n.path.as_deref()?, n.role)))
            .filter(|(_, r)| r.is_some())
            .collect();
        assert_eq!(
            roles,
            [
                ("source", Some(Role::Envelope)),
                ("detail", Some(Role::Envelope)),
                ("detail.eventName", Some(Role::CloudTrail)),
                ("detail.userIdentity", Some(Role::CloudTrail)),
                ("detail-type", Some(Role::Envelope)),
            ]
        );
        assert!(o.nodes[1]
            .note
            .unwrap()
            .starts_with("Envelope: the service"));
        let plain = full(r#"{"detail-type": "Object Created", "detail": {"eventName": "x"}}"#);
        assert!(!plain.via_cloudtrail);
        assert!(plain.nodes.iter().all(|n| n.role != Some(Role::CloudTrail)));
    }

    #[test]
    fn not_an_object() {
        assert!(outline("[1]", &Selector::default(), Limits::default()).is_err());
        assert!(outline("{\"a\": ", &Selector::default(), Limits::default()).is_err());
    }
}
