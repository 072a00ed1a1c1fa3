//! "Start a pattern from this event": the fields that say what kind of
//! event it is — `source` and `detail-type`, and for a call recorded by
//! CloudTrail also `detail.eventSource` and `detail.eventName` — with the
//! event's own values.

use super::{finish, Edit};
use crate::event::{flatten, EventError, Selector, Value};
use crate::span::Span;

/// A pattern keyed on the event's kind; values are copied as written.
/// `Ok(None)` when the event has none of these fields as strings.
///
/// ```
/// use eventpattern::{compose::start_from_event, Pattern};
///
/// let event = r#"{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {}}"#;
/// let edit = start_from_event(event).unwrap().unwrap();
/// assert!(Pattern::parse(&edit.text).unwrap().matches(event).unwrap());
/// assert!(start_from_event("{}").unwrap().is_none());
/// ```
pub fn start_from_event(event: &str) -> Result<Option<Edit>, EventError> {
    const PATHS: [&str; 4] = [
        "source",
        "detail-type",
        "detail.eventSource",
        "detail.eventName",
    ];
    let selector = Selector::new(PATHS);
    let flat = flatten(event, Some(&selector))?;
    // The first string value at each path, as written in the event.
    let value = |path: &str| {
        let id = selector.id(path)?;
        flat.leaves
            .iter()
            .find(|l| l.path_id == id && matches!(l.value, Value::Str(_)))
            .map(|l| (&event[l.span.range()], &l.value))
    };
    let via_cloudtrail = matches!(
        value("detail-type"),
        Some((_, Value::Str(s))) if s.ends_with("via CloudTrail")
    );
    let mut members = Vec::new();
    for key in ["source", "detail-type"] {
        if let Some((raw, _)) = value(key) {
            members.push(format!("{}: [{raw}]", crate::json::quote(key)));
        }
    }
    if via_cloudtrail {
        let detail: Vec<String> = ["eventSource", "eventName"]
            .iter()
            .filter_map(|k| {
                let (raw, _) = value(&format!("detail.{k}"))?;
                Some(format!("\"{k}\": [{raw}]"))
            })
            .collect();
        if !detail.is_empty() {
            members.push(format!("\"detail\": {{{}}}", detail.join(", ")));
        }
    }
    if members.is_empty() {
        return Ok(None);
    }
    let text = format!("{{{}}}", members.join(", "));
    // The whole pattern is new: it is all selected.
    Ok(finish(&text, Span::new(0, text.len()), None)
        .ok()
        .map(|mut e| {
            e.selection = Span::new(0, e.text.trim_end().len());
            e
        }))
}
