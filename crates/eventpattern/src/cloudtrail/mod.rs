//! CloudTrail log records → the EventBridge event that carries them: the
//! record becomes `detail`, and the envelope is derived from it as EventBridge
//! does for events "via CloudTrail" (docs/SEMANTICS.md, "Inputs"). Users usually have records
//! (from Event history or a log file), not the events their rules see.

pub mod splitter;

use crate::event::{flatten, EventError, Selector, Value};
use crate::json::{quote, Reader, TokenKind};
use std::sync::OnceLock;

const FIELDS: [&str; 6] = [
    "eventSource",
    "eventTime",
    "awsRegion",
    "recipientAccountId",
    "eventType",
    "userIdentity.accountId",
];

/// The `detail-type` EventBridge uses for a CloudTrail `eventType` (the
/// list of "…via CloudTrail" types is in
/// <https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-service-event-cloudtrail.html>;
/// Insights records have `eventType` `AwsCloudTrailInsight`, network activity
/// records `AwsVpceEvent`).
///
/// ```
/// use eventpattern::cloudtrail::detail_type;
///
/// assert_eq!(detail_type("AwsApiCall"), "AWS API Call via CloudTrail");
/// assert_eq!(detail_type("AwsConsoleSignIn"), "AWS Console Sign In via CloudTrail");
/// ```
pub fn detail_type(event_type: &str) -> &'static str {
    match event_type {
        "AwsConsoleSignIn" => "AWS Console Sign In via CloudTrail",
        "AwsServiceEvent" => "AWS Service Event via CloudTrail",
        "AwsConsoleAction" => "AWS Console Action via CloudTrail",
        "AwsCloudTrailInsight" => "AWS Insight via CloudTrail",
        "AwsVpceEvent" => "AWS Network Activity Event via CloudTrail",
        _ => "AWS API Call via CloudTrail",
    }
}

/// A UUID-shaped envelope `id` derived from the record's text. EventBridge
/// gives every event a new random UUID, unrelated to the record's `eventID`
/// (<https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-events-structure.html>);
/// the engine has no randomness, so the same record always gets the same id.
///
/// ```
/// use eventpattern::cloudtrail::envelope_id;
///
/// let id = envelope_id(r#"{"eventName": "CreateBucket"}"#);
/// assert_eq!(id.len(), 36);
/// assert_eq!(id, envelope_id(r#"{"eventName": "CreateBucket"}"#));
/// ```
pub fn envelope_id(record: &str) -> String {
    // Two FNV-1a passes with different offsets give 128 bits.
    let fnv = |offset: u64| {
        record.bytes().fold(offset, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        })
    };
    let (a, b) = (fnv(0xcbf2_9ce4_8422_2325), fnv(0x6c62_272e_07bb_0142));
    // Version 4 and the RFC 4122 variant, as a random UUID would have.
    let a = (a & !0xf000) | 0x4000;
    let b = (b & !(0xc000 << 48)) | (0x8000 << 48);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        a >> 32,
        (a >> 16) & 0xffff,
        a & 0xffff,
        b >> 48,
        b & 0xffff_ffff_ffff
    )
}

/// `s3.amazonaws.com` → `aws.s3`.
///
/// ```
/// assert_eq!(eventpattern::cloudtrail::source("s3.amazonaws.com"), "aws.s3");
/// ```
pub fn source(event_source: &str) -> String {
    let service = event_source.split('.').next().unwrap_or(event_source);
    format!("aws.{service}")
}

/// What a pasted text is, as far as CloudTrail is concerned.
///
/// ```
/// use eventpattern::cloudtrail::{shape, Shape};
///
/// let record = r#"{"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "eventType": "AwsApiCall", "awsRegion": "eu-west-1", "recipientAccountId": "123456789012"}"#;
/// assert_eq!(shape(record), Shape::Record);
/// assert_eq!(shape(&format!(r#"{{"Records": [{record}]}}"#)), Shape::Log);
/// assert_eq!(shape(r#"{"source": "aws.s3", "detail-type": "x"}"#), Shape::Other);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A CloudTrail record (`eventSource`, `eventName`, no `detail-type`).
    Record,
    /// A CloudTrail log file object: `{"Records": [...]}`.
    Log,
    /// Anything else (an EventBridge event, or not JSON).
    Other,
}

/// Tells records and log files apart from EventBridge events. This is the
/// one recogniser: the streaming [`crate::splitter`] applies the same rule
/// (see [`first_record`] and [`is_record`]) without holding a whole log.
///
/// ```
/// use eventpattern::cloudtrail::{shape, Shape};
///
/// assert_eq!(shape("not json"), Shape::Other);
/// ```
pub fn shape(text: &str) -> Shape {
    if is_record(text) {
        Shape::Record
    } else if first_record(text).is_some_and(is_record) {
        Shape::Log
    } else {
        Shape::Other
    }
}

/// Whether `text` is one CloudTrail record: an object with top-level
/// `eventSource` and `eventName` and no `detail-type` (an EventBridge event
/// delivered via CloudTrail has `detail-type`, and the record inside `detail`).
///
/// ```
/// use eventpattern::cloudtrail::is_record;
///
/// assert!(is_record(r#"{"eventSource": "s3.amazonaws.com", "eventName": "CreateBucket"}"#));
/// assert!(!is_record(r#"{"detail-type": "AWS API Call via CloudTrail", "eventSource": "x", "eventName": "y"}"#));
/// ```
pub fn is_record(text: &str) -> bool {
    // Exact shortcut (`filter` asks for every event): without a backslash no
    // key is escaped, so a record holds both names literally.
    let literal = text.contains("\"eventSource\"") && text.contains("\"eventName\"");
    if !literal && !text.contains('\\') {
        return false;
    }
    static SELECTOR: OnceLock<Selector> = OnceLock::new();
    let selector =
        SELECTOR.get_or_init(|| Selector::new(["eventSource", "eventName", "detail-type"]));
    let Ok(flat) = flatten(text, Some(selector)) else {
        return false;
    };
    let has = |name: &str| {
        let id = selector.id(name);
        flat.leaves.iter().any(|l| Some(l.path_id) == id)
            || flat.containers.iter().any(|c| c.path == name)
    };
    !has("detail-type") && has("eventSource") && has("eventName")
}

/// The text of the first record of a log: the first element of the array
/// that is the value of the object's *first* member, `"Records"` (as
/// CloudTrail writes log files). A log is recognised when that element
/// [`is_record`]: an ordinary event that happens to have a `Records` array is
/// not a log.
///
/// ```
/// use eventpattern::cloudtrail::first_record;
///
/// let log = r#"{"Records": [{"eventSource": "s3.amazonaws.com", "eventName": "A"}, {"eventSource": "s3.amazonaws.com", "eventName": "B"}]}"#;
/// assert_eq!(first_record(log), Some(r#"{"eventSource": "s3.amazonaws.com", "eventName": "A"}"#));
/// assert_eq!(first_record(r#"{"Records": [1]}"#), None);
/// ```
pub fn first_record(log: &str) -> Option<&str> {
    let mut r = Reader::new(log, usize::MAX);
    if r.next_token().ok()?.kind != TokenKind::BeginObject {
        return None;
    }
    let key = r.next_token().ok()?;
    if key.kind != TokenKind::Key || r.slice(key.span) != RECORDS_KEY {
        return None;
    }
    if r.next_token().ok()?.kind != TokenKind::BeginArray {
        return None;
    }
    let first = r.next_token().ok()?;
    if first.kind != TokenKind::BeginObject {
        return None;
    }
    let start = first.span.start as usize;
    r.skip_value(first).ok()?;
    log.get(start..r.offset())
}

/// The first member's name in a log file, exactly as CloudTrail writes it.
///
/// ```
/// assert!(r#"{"Records": []}"#[1..].starts_with(eventpattern::cloudtrail::RECORDS_KEY));
/// ```
pub const RECORDS_KEY: &str = "\"Records\"";

/// The event a pasted text stands for: `None` when it is to be used as it is
/// (not a CloudTrail record or log), else the EventBridge event wrapping the
/// record (for a log, its first record), as EventBridge would deliver it.
///
/// ```
/// use eventpattern::{cloudtrail::to_event, Pattern};
///
/// let record = r#"{"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "eventType": "AwsApiCall", "awsRegion": "eu-west-1", "recipientAccountId": "123456789012"}"#;
/// let event = to_event(record).unwrap().unwrap();
/// let rule = Pattern::parse(r#"{"source": ["aws.s3"], "detail": {"eventName": ["CreateBucket"]}}"#).unwrap();
/// assert!(rule.matches(&event).unwrap());
/// assert_eq!(to_event(r#"{"source": "x"}"#).unwrap(), None);
/// ```
pub fn to_event(text: &str) -> Result<Option<String>, EventError> {
    match shape(text) {
        Shape::Record => wrap(text).map(Some),
        Shape::Log => match first_record(text) {
            Some(record) => wrap(record).map(Some),
            None => Ok(None),
        },
        Shape::Other => Ok(None),
    }
}

/// Wraps one record (JSON text) in the envelope; the record is copied as
/// written. The envelope's `id` is [`envelope_id`], not the record's `eventID`.
///
/// ```
/// use eventpattern::cloudtrail::wrap;
///
/// let record = r#"{"eventVersion": "1.08", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "eventType": "AwsApiCall", "awsRegion": "eu-west-1", "recipientAccountId": "123456789012"}"#;
/// let event = wrap(record).unwrap();
/// assert!(event.contains(r#""detail-type":"AWS API Call via CloudTrail""#));
/// assert!(event.contains(r#""source":"aws.s3""#));
/// ```
pub fn wrap(record: &str) -> Result<String, EventError> {
    // Built once: `filter` wraps every record of a log with it.
    static SELECTOR: OnceLock<Selector> = OnceLock::new();
    let selector = SELECTOR.get_or_init(|| Selector::new(FIELDS));
    let flat = flatten(record, Some(selector))?;
    let get = |name: &str| -> String {
        let id = selector.id(name);
        flat.leaves
            .iter()
            .find(|l| Some(l.path_id) == id)
            .and_then(|l| match &l.value {
                Value::Str(s) => Some(s.to_string()),
                _ => None,
            })
            .unwrap_or_default()
    };
    // Only the object itself: a record copied out of a log often brings its
    // trailing comma along.
    let end = object_end(record).unwrap_or(record.len());
    let record = record[..end].trim();
    let account = Some(get("recipientAccountId"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| get("userIdentity.accountId"));
    let q = quote;
    Ok(format!(
        r#"{{"version":"0","id":{},"detail-type":{},"source":{},"account":{},"time":{},"region":{},"resources":[],"detail":{}}}"#,
        q(&envelope_id(record)),
        q(detail_type(&get("eventType"))),
        q(&source(&get("eventSource"))),
        q(&account),
        q(&get("eventTime")),
        q(&get("awsRegion")),
        record.trim()
    ))
}

/// Where the top-level value of `text` ends.
fn object_end(text: &str) -> Option<usize> {
    let mut r = Reader::new(text, usize::MAX);
    let first = r.next_token().ok()?;
    r.skip_value(first).ok()?;
    Some(r.offset())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_a_record() {
        let rec = r#"{"eventSource":"s3.amazonaws.com","eventName":"CreateBucket","eventType":"AwsApiCall","awsRegion":"us-east-1","eventTime":"2024-01-01T00:00:00Z","eventID":"e1","recipientAccountId":"123456789012"}"#;
        let ev = wrap(rec).unwrap();
        let id = envelope_id(rec);
        assert!(ev.starts_with(&format!(r#"{{"version":"0","id":"{id}","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"123456789012""#)));
        // UUID-shaped (version 4, RFC 4122 variant), stable, and not the eventID.
        let parts: Vec<&str> = id.split('-').collect();
        assert_eq!(
            parts.iter().map(|p| p.len()).collect::<Vec<_>>(),
            [8, 4, 4, 4, 12]
        );
        assert!(parts[2].starts_with('4') && matches!(&parts[3][..1], "8" | "9" | "a" | "b"));
        assert_eq!(envelope_id(rec), id);
        assert_ne!(envelope_id(&rec.replace("e1", "e2")), id);
        assert_eq!(
            detail_type("AwsCloudTrailInsight"),
            "AWS Insight via CloudTrail"
        );
        assert_eq!(
            detail_type("AwsVpceEvent"),
            "AWS Network Activity Event via CloudTrail"
        );
        assert!(ev.ends_with(&format!("\"detail\":{rec}}}")));
        assert_eq!(
            detail_type("AwsConsoleSignIn"),
            "AWS Console Sign In via CloudTrail"
        );
    }
}
