//! What AWS really delivers: a pattern can match an event that a rule never
//! receives. These notes name the conditions, each checked against AWS's
//! documentation (the link is in the note):
//!
//! * Events "via CloudTrail" reach EventBridge only when a trail with logging
//!   is enabled: "To record events with one of the CloudTrail detail-type
//!   values, you must enable a CloudTrail trail with logging."
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html>
//! * Read-only management events go only to rules whose state is
//!   `ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS`; `ENABLED` rules match
//!   everything "except for read-only AWS management events delivered through
//!   CloudTrail". STS `GetFederationToken` and `GetSessionToken` are change
//!   events despite their names.
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html>
//! * Data events (S3 object calls and the like) are not logged by default;
//!   the data events a trail logs are available in EventBridge.
//!   <https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html>
//! * Network activity events "require a trail configured with network
//!   activity event selectors for the relevant event source" (same page as
//!   the first point).
//! * A `PutEvents` entry (source, detail-type, detail, resources, 14 bytes
//!   for a time) must be under 256 KB.
//!   <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html>

use crate::event::{flatten, Selector, Value};
use crate::json::{decode_string, Reader, TokenKind};
use crate::Trace;

/// A condition on delivery that applies to this event.
///
/// ```
/// use eventpattern::{delivery::delivery_notes, Pattern};
///
/// let event = r#"{"source": "aws.sts", "detail-type": "AWS API Call via CloudTrail", "detail": {"eventName": "GetCallerIdentity", "readOnly": true}}"#;
/// let trace = Pattern::parse(r#"{"source": ["aws.sts"]}"#).unwrap().explain(event).unwrap();
/// let kinds: Vec<&str> = delivery_notes(event, &trace).iter().map(|n| n.kind).collect();
/// assert_eq!(kinds, ["trail-needed", "read-only"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct DeliveryNote {
    /// A short stable id: `trail-needed`, `read-only`, `data-event`,
    /// `network-activity`, `too-large`.
    pub kind: &'static str,
    /// One sentence.
    pub text: String,
    /// The AWS documentation page that says so.
    pub doc: &'static str,
}

const TRAIL_DOC: &str =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html";
const READ_ONLY_DOC: &str = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail-management.html";
const DATA_DOC: &str = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html";
const SIZE_DOC: &str =
    "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-putevent-size.html";

/// Largest `PutEvents` entry, in bytes (the entry must be smaller).
///
/// ```
/// assert_eq!(eventpattern::delivery::MAX_ENTRY_BYTES, 262_144);
/// ```
pub const MAX_ENTRY_BYTES: usize = 256 * 1024;

/// STS calls whose names start with `Get` but that are change events.
const CHANGE_EVENTS_NAMED_GET: &[&str] = &["GetFederationToken", "GetSessionToken"];

const FIELDS: [&str; 8] = [
    "detail-type",
    "source",
    "resources",
    "detail.readOnly",
    "detail.managementEvent",
    "detail.eventCategory",
    "detail.eventName",
    "detail.eventSource",
];

/// Notes on whether a rule would receive `event`, for a trace that matched
/// (none when it did not: there is nothing to deliver).
///
/// ```
/// use eventpattern::{delivery::delivery_notes, Pattern};
///
/// let event = r#"{"source": "aws.ec2"}"#;
/// let trace = Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap().explain(event).unwrap();
/// assert!(delivery_notes(event, &trace).is_empty());
/// ```
pub fn delivery_notes(event: &str, trace: &Trace) -> Vec<DeliveryNote> {
    if !trace.matched {
        return Vec::new();
    }
    let selector = Selector::new(FIELDS);
    let Ok(flat) = flatten(event, Some(&selector)) else {
        return Vec::new();
    };
    let get = |name: &str| {
        let id = selector.id(name);
        flat.leaves
            .iter()
            .find(|l| Some(l.path_id) == id)
            .map(|l| &l.value)
    };
    let text = |name: &str| match get(name) {
        Some(Value::Str(s)) => Some(s.as_ref()),
        _ => None,
    };
    let mut notes = Vec::new();
    let detail_type = text("detail-type").unwrap_or("");
    if detail_type.ends_with("via CloudTrail") {
        notes.push(DeliveryNote {
            kind: "trail-needed",
            text: format!("EventBridge receives \"{detail_type}\" events only while a CloudTrail trail with logging is enabled."),
            doc: TRAIL_DOC,
        });
        let name = text("detail.eventName").unwrap_or("");
        let call = if name.is_empty() {
            "This call".to_string()
        } else {
            format!("`{name}`")
        };
        let data = text("detail.eventCategory") == Some("Data")
            || matches!(get("detail.managementEvent"), Some(Value::Bool(false)));
        let network = text("detail.eventCategory") == Some("NetworkActivity");
        if network {
            notes.push(DeliveryNote {
                kind: "network-activity",
                text: format!("{call} is a CloudTrail network activity event (a call through a VPC endpoint): it reaches EventBridge only if a trail logs network activity events for this event source."),
                doc: TRAIL_DOC,
            });
        } else if data {
            notes.push(DeliveryNote {
                kind: "data-event",
                text: format!("{call} is a CloudTrail data event: it reaches EventBridge only if a trail logs data events for this resource (trails do not by default, and data events cost extra)."),
                doc: DATA_DOC,
            });
        } else if matches!(get("detail.readOnly"), Some(Value::Bool(true)))
            && !CHANGE_EVENTS_NAMED_GET.contains(&name)
        {
            notes.push(DeliveryNote {
                kind: "read-only",
                text: format!("{call} is a read-only management event (`readOnly: true`): EventBridge delivers it only to rules whose state is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS, not to rules that are just ENABLED."),
                doc: READ_ONLY_DOC,
            });
        }
    }
    if event.len() >= MAX_ENTRY_BYTES {
        let size = entry_size(event, &flat, &selector);
        if size >= MAX_ENTRY_BYTES {
            notes.push(DeliveryNote {
                kind: "too-large",
                text: format!("As a PutEvents entry this event is {} KB (source, detail-type, detail and resources); an entry must be under 256 KB, so it cannot be sent with PutEvents.", size.div_ceil(1024)),
                doc: SIZE_DOC,
            });
        }
    }
    notes
}

/// The size AWS counts for a `PutEvents` entry made from this event.
fn entry_size(event: &str, flat: &crate::FlatEvent<'_>, selector: &Selector) -> usize {
    let bytes = |name: &str| -> usize {
        let id = selector.id(name);
        flat.leaves
            .iter()
            .filter(|l| Some(l.path_id) == id)
            .map(|l| match &l.value {
                Value::Str(s) => s.len(),
                _ => 0,
            })
            .sum()
    };
    let mut size = bytes("source") + bytes("detail-type") + bytes("resources");
    let mut r = Reader::new(event, usize::MAX);
    if r.next_token().map(|t| t.kind) != Ok(TokenKind::BeginObject) {
        return size;
    }
    while let Ok(key) = r.next_token() {
        if key.kind != TokenKind::Key {
            break;
        }
        let name = decode_string(r.slice(key.span)).into_owned();
        let Ok(value) = r.next_token() else { break };
        let start = value.span.start as usize;
        if r.skip_value(value).is_err() {
            break;
        }
        match name.as_str() {
            "detail" => size += r.offset() - start,
            "time" => size += 14,
            _ => {}
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Pattern;

    fn kinds(event: &str) -> Vec<&'static str> {
        let p = Pattern::parse(r#"{"source": [{"prefix": ""}]}"#).unwrap();
        let trace = p.explain(event).unwrap();
        delivery_notes(event, &trace)
            .into_iter()
            .map(|n| n.kind)
            .collect()
    }

    fn call(detail: &str) -> String {
        format!(
            r#"{{"source": "aws.sts", "detail-type": "AWS API Call via CloudTrail", "detail": {detail}}}"#
        )
    }

    #[test]
    fn notes_follow_the_record() {
        let cases: Vec<(String, Vec<&str>)> = vec![
            (
                call(r#"{"eventName": "AssumeRole", "readOnly": true, "managementEvent": true, "eventCategory": "Management"}"#),
                vec!["trail-needed", "read-only"],
            ),
            (
                call(r#"{"eventName": "GetSessionToken", "readOnly": true}"#),
                vec!["trail-needed"],
            ),
            (
                call(r#"{"eventName": "CreateBucket", "readOnly": false, "managementEvent": true}"#),
                vec!["trail-needed"],
            ),
            (
                call(r#"{"eventName": "PutObject", "readOnly": false, "managementEvent": false, "eventCategory": "Data"}"#),
                vec!["trail-needed", "data-event"],
            ),
            (
                call(r#"{"eventName": "GetObject", "readOnly": true, "eventCategory": "Data"}"#),
                vec!["trail-needed", "data-event"],
            ),
            (
                call(r#"{"eventName": "ListKeys", "eventType": "AwsVpceEvent", "eventCategory": "NetworkActivity"}"#),
                vec!["trail-needed", "network-activity"],
            ),
            (
                r#"{"source": "aws.ec2", "detail-type": "EC2 Instance State-change Notification", "detail": {"readOnly": true}}"#.into(),
                vec![],
            ),
        ];
        for (event, want) in cases {
            assert_eq!(kinds(&event), want, "{event}");
        }
    }

    #[test]
    fn no_notes_without_a_match_and_size_is_measured_as_aws_does() {
        let p = Pattern::parse(r#"{"source": ["aws.s3"]}"#).unwrap();
        let event = call(r#"{"readOnly": true}"#);
        assert_eq!(delivery_notes(&event, &p.explain(&event).unwrap()), vec![]);

        let big = "x".repeat(MAX_ENTRY_BYTES);
        let event =
            format!(r#"{{"source": "my.app", "detail-type": "T", "detail": {{"a": "{big}"}}}}"#);
        assert_eq!(kinds(&event), vec!["too-large"]);
        // Just under the limit once the envelope keys are left out.
        let small = "x".repeat(MAX_ENTRY_BYTES - 40);
        let event = format!(
            r#"{{"version": "0", "id": "1", "source": "my.app", "detail-type": "T", "detail": {{"a": "{small}"}}}}"#
        );
        assert!(event.len() >= MAX_ENTRY_BYTES);
        assert_eq!(kinds(&event), Vec::<&str>::new());
    }
}
