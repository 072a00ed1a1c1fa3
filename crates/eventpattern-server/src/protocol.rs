//! The `TestEventPattern` operation of AWS's JSON 1.1 protocol, as a pure
//! function from the request's target header and body to the reply: what
//! AWS answers, error types and messages included. No I/O here; `http.rs`
//! carries it over HTTP.

use crate::envelope::has_envelope;
use eventpattern::pattern::MAX_PATTERN_LENGTH;
use eventpattern::Pattern;
use serde_json::{json, Value};

/// The `X-Amz-Target` of the one operation served.
pub const TARGET: &str = "AWSEvents.TestEventPattern";

/// The content type of every answer.
pub const CONTENT_TYPE: &str = "application/x-amz-json-1.1";

/// An answer: HTTP status, JSON body, and what it says (for the log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// 200, or 400 for AWS's client errors, 413 for a body over the cap, 500
    /// when the engine cannot decide.
    pub status: u16,
    /// The JSON body.
    pub body: String,
    /// `Result=true|false`, or the error type.
    pub outcome: Outcome,
}

/// What a reply says, for one log line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// `{"Result": …}`.
    Result(bool),
    /// An error reply with this `__type`.
    Error(&'static str),
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Outcome::Result(r) => write!(f, "Result={r}"),
            Outcome::Error(t) => f.write_str(t),
        }
    }
}

impl Reply {
    fn result(matched: bool) -> Reply {
        Reply {
            status: 200,
            body: json!({ "Result": matched }).to_string(),
            outcome: Outcome::Result(matched),
        }
    }

    /// An error in AWS's JSON shape: `{"__type": …, "message": …}` (no
    /// `message` where AWS sends none).
    pub fn error(status: u16, kind: &'static str, message: Option<&str>) -> Reply {
        let body = match message {
            Some(m) => json!({ "__type": kind, "message": m }),
            None => json!({ "__type": kind }),
        };
        Reply {
            status,
            body: body.to_string(),
            outcome: Outcome::Error(kind),
        }
    }
}

/// Answers one request. `target` is the `X-Amz-Target` header (any other
/// operation is `UnknownOperationException`); `body` the request body.
///
/// Checked in this order, as AWS's request layer does before the operation
/// runs: the body must be a JSON object (else `SerializationException`, as
/// AWS answers bodies it cannot read), `EventPattern` and `Event` strings
/// (absent ones and a pattern over 4,096 characters are reported together as
/// a `ValidationException` in AWS's "N validation error(s) detected" form),
/// then the event (`Parameter Event is not valid.`), then the pattern
/// (`InvalidEventPatternException` with AWS's whole message).
pub fn answer(target: Option<&str>, body: &[u8]) -> Reply {
    if target != Some(TARGET) {
        return Reply::error(400, "UnknownOperationException", None);
    }
    let Some(request) = read_request(body) else {
        return Reply::error(400, "SerializationException", None);
    };
    let (pattern, event) = match request {
        Request::Complete { pattern, event } => (pattern, event),
        Request::Invalid(message) => {
            return Reply::error(400, "ValidationException", Some(&message))
        }
    };
    if !has_envelope(&event) {
        return Reply::error(
            400,
            "ValidationException",
            Some("Parameter Event is not valid."),
        );
    }
    let compiled = match Pattern::parse(&pattern) {
        Ok(p) => p,
        Err(e) => {
            return Reply::error(
                400,
                "InvalidEventPatternException",
                Some(&e.aws_full_message(&pattern)),
            )
        }
    };
    match compiled.matches(&event) {
        Ok(matched) => Reply::result(matched),
        // The envelope check read the whole event, so this is a search the
        // engine bounds (docs/SEMANTICS.md, "Arrays"): no verdict to give.
        Err(e) => Reply::error(500, "InternalException", Some(&e.message)),
    }
}

/// A request body as read.
enum Request {
    /// Both members, each within its constraints.
    Complete { pattern: String, event: String },
    /// AWS's validation message for the members that break a constraint.
    Invalid(String),
}

/// The body's two members; `None` when the body cannot be read as AWS reads
/// it: not JSON, not an object, or a member that is not a string. An empty
/// body reads as `{}`.
fn read_request(body: &[u8]) -> Option<Request> {
    let value: Value = if body.iter().all(u8::is_ascii_whitespace) {
        Value::Object(Default::default())
    } else {
        serde_json::from_slice(body).ok()?
    };
    let object = value.as_object()?;
    let member = |name: &str| match object.get(name) {
        None | Some(Value::Null) => Some(None),
        Some(Value::String(s)) => Some(Some(s.clone())),
        Some(_) => None,
    };
    let pattern = member("EventPattern")?;
    let event = member("Event")?;
    let mut violations = Vec::new();
    match &pattern {
        None => violations.push(not_null("eventPattern")),
        Some(p) if p.encode_utf16().count() > MAX_PATTERN_LENGTH => violations.push(format!(
            "Value '{p}' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to {MAX_PATTERN_LENGTH}"
        )),
        Some(_) => {}
    }
    if event.is_none() {
        violations.push(not_null("event"));
    }
    Some(match (pattern, event) {
        (Some(pattern), Some(event)) if violations.is_empty() => {
            Request::Complete { pattern, event }
        }
        _ => Request::Invalid(validation_message(&violations)),
    })
}

fn not_null(member: &str) -> String {
    format!("Value null at '{member}' failed to satisfy constraint: Member must not be null")
}

/// AWS's wording for constraint violations: `1 validation error detected: …`
/// or `N validation errors detected: …; …`.
fn validation_message(violations: &[String]) -> String {
    let n = violations.len();
    let plural = if n == 1 { "error" } else { "errors" };
    format!(
        "{n} validation {plural} detected: {}",
        violations.join("; ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENT: &str = r#"{"id":"1","account":"123456789012","source":"aws.ec2","time":"2024-01-01T00:00:00Z","region":"us-east-1","detail-type":"x","detail":{"state":"running"}}"#;

    fn call(pattern: &str, event: &str) -> Reply {
        let body = json!({ "EventPattern": pattern, "Event": event }).to_string();
        answer(Some(TARGET), body.as_bytes())
    }

    fn body(r: &Reply) -> Value {
        serde_json::from_str(&r.body).unwrap()
    }

    #[test]
    fn verdicts() {
        let r = call(r#"{"source":["aws.ec2"]}"#, EVENT);
        assert_eq!((r.status, r.body.as_str()), (200, r#"{"Result":true}"#));
        let r = call(r#"{"detail":{"state":["stopped"]}}"#, EVENT);
        assert_eq!((r.status, r.body.as_str()), (200, r#"{"Result":false}"#));
    }

    #[test]
    fn invalid_patterns_get_aws_whole_message() {
        let r = call(r#"["not", "a", "dict", "but valid json"]"#, EVENT);
        assert_eq!(r.status, 400);
        assert_eq!(
            body(&r),
            json!({"__type": "InvalidEventPatternException", "message": "Event pattern is not valid. Reason: Filter is not an object\n at [Source: (String)\"[\"not\", \"a\", \"dict\", \"but valid json\"]\"; line: 1, column: 2]"})
        );
    }

    #[test]
    fn events_without_the_envelope() {
        for event in [r#"{"testEvent":"value"}"#, "plain string", "[1]", ""] {
            let r = call(r#"{"source":["aws.ec2"]}"#, event);
            assert_eq!(
                body(&r),
                json!({"__type": "ValidationException", "message": "Parameter Event is not valid."}),
                "{event:?}"
            );
        }
    }

    #[test]
    fn request_validation() {
        let long = format!("{{\"a\":[\"{}\"]}}", "x".repeat(4090));
        let r = call(&long, EVENT);
        assert_eq!(r.outcome, Outcome::Error("ValidationException"));
        assert_eq!(
            body(&r)["message"],
            format!("1 validation error detected: Value '{long}' at 'eventPattern' failed to satisfy constraint: Member must have length less than or equal to 4096")
        );
        let r = answer(Some(TARGET), br#"{"Event": "{}"}"#);
        assert_eq!(
            body(&r)["message"],
            "1 validation error detected: Value null at 'eventPattern' failed to satisfy constraint: Member must not be null"
        );
        let r = answer(Some(TARGET), b"");
        assert_eq!(
            body(&r)["message"],
            "2 validation errors detected: Value null at 'eventPattern' failed to satisfy constraint: Member must not be null; Value null at 'event' failed to satisfy constraint: Member must not be null"
        );
    }

    #[test]
    fn unreadable_bodies_and_other_operations() {
        for b in [
            &b"not json"[..],
            b"[1]",
            br#"{"EventPattern": 5, "Event": "{}"}"#,
            b"\xff\xfe",
        ] {
            assert_eq!(
                answer(Some(TARGET), b),
                Reply::error(400, "SerializationException", None)
            );
        }
        for t in [
            None,
            Some("AWSEvents.PutEvents"),
            Some("awsevents.testeventpattern"),
        ] {
            let r = answer(t, b"{}");
            assert_eq!(r.body, r#"{"__type":"UnknownOperationException"}"#);
        }
    }
}
