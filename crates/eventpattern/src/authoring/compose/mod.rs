//! Building a pattern by clicking the event: text in, text out. Each edit
//! changes only the text it must (the rest keeps its spelling, numbers
//! included), formats the result, checks that it is a valid pattern, and
//! says where the new condition is so the editor can select it.
//!
//! ```
//! use eventpattern::compose::{add_condition, Placement};
//!
//! let edit = add_condition("{}", &["detail", "state"], "\"stopped\"", Placement::Add).unwrap();
//! assert_eq!(edit.text, "{\n  \"detail\": {\n    \"state\": [\n      \"stopped\"\n    ]\n  }\n}\n");
//! assert_eq!(&edit.text[edit.selection.range()], "\"stopped\"");
//! ```

mod condition;
mod start;

pub use condition::{condition, ops_for, Op};
pub use start::start_from_event;

use crate::json::{quote, Reader, TokenKind};
use crate::pattern::{MemberValue, ObjectNode};
use crate::span::Span;
use crate::{Pattern, PatternError};

/// Where a new condition goes when the field already has conditions.
///
/// ```
/// use eventpattern::{compose::{add_condition, Placement}, Pattern};
///
/// let text = r#"{"state": ["on"]}"#;
/// let added = Pattern::parse(&add_condition(text, &["state"], r#""off""#, Placement::Add).unwrap().text).unwrap();
/// assert!(added.matches(r#"{"state": "on"}"#).unwrap() && added.matches(r#"{"state": "off"}"#).unwrap());
/// let replaced = Pattern::parse(&add_condition(text, &["state"], r#""off""#, Placement::Replace).unwrap().text).unwrap();
/// assert!(!replaced.matches(r#"{"state": "on"}"#).unwrap());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Beside the field's conditions (any one of them may be met).
    Add,
    /// Instead of them.
    Replace,
}

/// A pattern after an edit.
///
/// ```
/// use eventpattern::compose::{add_condition, Placement};
///
/// let edit = add_condition("", &["detail", "state"], r#""on""#, Placement::Add).unwrap();
/// assert_eq!(&edit.text[edit.selection.range()], r#""on""#);
/// assert!(edit.note.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The whole pattern, formatted, valid.
    pub text: String,
    /// The new condition in `text` (bytes), to select in the editor.
    pub selection: Span,
    /// What the user should know (e.g. `$or` branches naming the same field).
    pub note: Option<String>,
}

/// Why an edit could not be made.
///
/// ```
/// use eventpattern::compose::{add_condition, EditError, Placement};
///
/// let text = r#"{"state": ["on"]}"#;
/// assert_eq!(add_condition(text, &["state"], r#""on""#, Placement::Add), Err(EditError::AlreadyThere));
/// assert_eq!(add_condition(text, &["state"], "not json", Placement::Add), Err(EditError::InvalidCondition));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum EditError {
    /// The pattern text is not a valid pattern (nor empty).
    InvalidPattern(PatternError),
    /// The condition text is not one condition.
    InvalidCondition,
    /// The field already has this very condition.
    AlreadyThere,
    /// The path is empty or has an empty key: AWS's engine reads `""` as a
    /// path step of its own (docs/SEMANTICS.md), which click-to-build does
    /// not write (its dotted keys could not say it apart).
    UnmatchablePath,
    /// The pattern has fields under this path, so it holds an object, not conditions.
    PathIsAnObject,
    /// The result would not be valid; AWS's reason (e.g. the new condition
    /// cannot sit beside the others: replace them instead).
    Rejected(PatternError),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::InvalidPattern(e) => write!(f, "the pattern is not valid: {}", e.reason),
            EditError::InvalidCondition => f.write_str("the condition is not one JSON value"),
            EditError::AlreadyThere => f.write_str("the field already has this condition"),
            EditError::UnmatchablePath => f.write_str(
                "a field under an empty key cannot be added from the event; write it by hand",
            ),
            EditError::PathIsAnObject => {
                f.write_str("the pattern has fields under this path; a condition needs a value")
            }
            EditError::Rejected(e) => write!(f, "the result would not be valid: {}", e.reason),
        }
    }
}

impl std::error::Error for EditError {}

/// The text without whitespace outside strings, to compare conditions as written.
fn solid(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
            out.push(c);
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

/// Adds `condition` (JSON text, e.g. from [`condition`]) to the field at
/// `path` (keys from the root, arrays left out, as the event's path):
/// a new field when the pattern does not name it, beside or instead of its
/// conditions when it does. `pattern_text` may be empty or `{}` to start.
///
/// ```
/// use eventpattern::{compose::{add_condition, Placement}, Pattern};
///
/// let edit = add_condition(r#"{"source": ["aws.ec2"]}"#, &["detail", "state"], r#"{"prefix": "stop"}"#, Placement::Add).unwrap();
/// assert!(Pattern::parse(&edit.text).unwrap().matches(r#"{"source": "aws.ec2", "detail": {"state": "stopped"}}"#).unwrap());
/// ```
pub fn add_condition(
    pattern_text: &str,
    path: &[&str],
    condition: &str,
    placement: Placement,
) -> Result<Edit, EditError> {
    if path.is_empty() || path.iter().any(|k| k.is_empty()) {
        return Err(EditError::UnmatchablePath);
    }
    let condition = one_value(condition).ok_or(EditError::InvalidCondition)?;
    let joined = path.join(".");
    if is_blank_object(pattern_text) {
        let (member, offset) = nested(path, condition);
        let text = format!("{{{member}}}");
        let at = 1 + offset;
        return finish(&text, Span::new(at, at + condition.len()), None);
    }
    let pattern = Pattern::parse(pattern_text).map_err(EditError::InvalidPattern)?;
    let tree = pattern.tree();
    let target = find(&tree.root, path);
    let in_or = leaves_in_or(tree)
        .into_iter()
        .any(|id| tree.leaves[id].joined == joined);
    let (text, at) = match target {
        Found::Leaf(id) => {
            let list = tree.leaves[id].list_span;
            let same = |c: &crate::pattern::Condition| {
                solid(&pattern_text[c.span.range()]) == solid(condition)
            };
            if placement == Placement::Add && tree.leaves[id].conditions.iter().any(same) {
                return Err(EditError::AlreadyThere);
            }
            match placement {
                Placement::Add => {
                    let close = list.end as usize - 1;
                    splice(pattern_text, close..close, ", ", condition, "")
                }
                Placement::Replace => splice(pattern_text, list.range(), "[", condition, "]"),
            }
        }
        Found::Object => return Err(EditError::PathIsAnObject),
        Found::Missing { object, rest } => {
            let close = object.span.end as usize - 1;
            let sep = if object.members.is_empty() { "" } else { ", " };
            // Under a key that holds conditions, the rest of the path goes in one dotted key.
            let dotted = [rest.join(".")];
            let keys: Vec<&str> = if object.members.iter().any(|m| m.key == rest[0]) {
                dotted.iter().map(String::as_str).collect()
            } else {
                rest.to_vec()
            };
            let (member, offset) = nested(&keys, condition);
            let (t, at) = splice(pattern_text, close..close, sep, &member, "");
            (t, at + offset)
        }
    };
    let note = in_or.then(|| {
        format!(
            "`$or` branches also name `{joined}`: the condition was added outside `$or`, so it applies to every branch, except where a branch's own `{joined}` replaces it."
        )
    });
    finish(&text, Span::new(at, at + condition.len()), note)
}

/// `text` with `range` replaced by `before` + `condition` + `after`, and
/// where the condition starts.
fn splice(
    text: &str,
    range: std::ops::Range<usize>,
    before: &str,
    condition: &str,
    after: &str,
) -> (String, usize) {
    let mut t = String::with_capacity(text.len() + before.len() + condition.len() + after.len());
    t.push_str(&text[..range.start]);
    t.push_str(before);
    let at = t.len();
    t.push_str(condition);
    t.push_str(after);
    t.push_str(&text[range.end..]);
    (t, at)
}

/// Formats `text`, checks it, and finds `selection` again in the formatted text.
fn finish(text: &str, selection: Span, note: Option<String>) -> Result<Edit, EditError> {
    let formatted = crate::json::format(text).unwrap_or_else(|_| text.to_string());
    let chosen = match Pattern::parse(&formatted) {
        Ok(_) => formatted,
        // Formatting can push a pattern past AWS's length limit; keep the compact text then.
        Err(_) if Pattern::parse(text).is_ok() => text.to_string(),
        Err(e) => return Err(EditError::Rejected(e)),
    };
    let selection = if chosen == text {
        selection
    } else {
        moved(text, &chosen, selection)
    };
    Ok(Edit {
        text: chosen,
        selection,
        note,
    })
}

/// `selection` (whole tokens of `from`) in `to`, which has the same tokens.
fn moved(from: &str, to: &str, selection: Span) -> Span {
    let tokens = |t: &str| {
        let mut r = Reader::new(t, usize::MAX);
        let mut spans = Vec::new();
        while let Ok(tok) = r.next_token() {
            if tok.kind == TokenKind::End {
                break;
            }
            spans.push(tok.span);
        }
        spans
    };
    let a = tokens(from);
    let b = tokens(to);
    let first = a.iter().position(|s| s.start >= selection.start);
    let last = a.iter().rposition(|s| s.end <= selection.end);
    match (first, last) {
        (Some(f), Some(l)) if f <= l && l < b.len() => b[f].cover(b[l]),
        _ => Span::empty(0),
    }
}

/// `"a": {"b": [condition]}` for the keys `path`, and where the condition starts.
fn nested(path: &[&str], condition: &str) -> (String, usize) {
    let mut out = String::new();
    for (i, k) in path.iter().enumerate() {
        out.push_str(&quote(k));
        out.push_str(": ");
        out.push_str(if i + 1 == path.len() { "[" } else { "{" });
    }
    let at = out.len();
    out.push_str(condition);
    out.push(']');
    for _ in 1..path.len() {
        out.push('}');
    }
    (out, at)
}

/// The text of one JSON value, trimmed, if that is all `text` holds.
fn one_value(text: &str) -> Option<&str> {
    let t = text.trim();
    let mut r = Reader::new(t, crate::pattern::MAX_PATTERN_DEPTH);
    let first = r.next_token().ok()?;
    if first.kind == TokenKind::End {
        return None;
    }
    r.skip_value(first).ok()?;
    let end = r.offset();
    (t[end..].trim().is_empty()).then_some(t)
}

/// Empty text, or `{}` with any spacing.
fn is_blank_object(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || (t.starts_with('{') && t.ends_with('}') && t[1..t.len() - 1].trim().is_empty())
}

/// The fields inside `$or` branches (bounded by the pattern's depth limit).
fn leaves_in_or(tree: &crate::pattern::ParsedPattern) -> Vec<crate::pattern::LeafId> {
    fn walk(o: &ObjectNode, out: &mut Vec<crate::pattern::LeafId>) {
        for m in &o.members {
            match &m.value {
                MemberValue::Leaf(id) => out.push(*id),
                MemberValue::Object(inner) => walk(inner, out),
                MemberValue::Or(or) => or.branches.iter().for_each(|b| walk(b, out)),
            }
        }
    }
    let mut out = Vec::new();
    for or in tree.or_nodes() {
        or.branches.iter().for_each(|b| walk(b, &mut out));
    }
    out
}

/// Where `path` leads in the pattern.
enum Found<'p> {
    /// A field with conditions.
    Leaf(crate::pattern::LeafId),
    /// A field that holds an object.
    Object,
    /// Not named: the deepest object on the way, and the keys still to add.
    Missing {
        object: &'p ObjectNode,
        rest: &'p [&'p str],
    },
}

/// Follows `path` through objects, outside `$or`. A key may hold several
/// segments joined with `.` (AWS reads `"a.b"` as `a` then `b`); of repeated
/// keys the last counts, as in AWS.
fn find<'p>(root: &'p ObjectNode, path: &'p [&'p str]) -> Found<'p> {
    let mut object = root;
    let mut rest = path;
    'walk: loop {
        for k in (1..=rest.len()).rev() {
            let key = rest[..k].join(".");
            let member = object.members.iter().rev().find(|m| m.key == key);
            match member.map(|m| &m.value) {
                Some(MemberValue::Leaf(id)) if k == rest.len() => return Found::Leaf(*id),
                Some(MemberValue::Object(_)) if k == rest.len() => return Found::Object,
                Some(MemberValue::Object(inner)) => {
                    object = inner;
                    rest = &rest[k..];
                    continue 'walk;
                }
                _ => {}
            }
        }
        return Found::Missing { object, rest };
    }
}

#[cfg(test)]
mod tests;
