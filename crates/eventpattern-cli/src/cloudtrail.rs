//! CloudTrail log records → the EventBridge event that carries them: the
//! record becomes `detail`, and the envelope is derived from it as EventBridge
//! does for events "via CloudTrail" (SPEC §1).

use eventpattern::event::{flatten, Selector, Value};

const FIELDS: [&str; 7] = [
    "eventID",
    "eventSource",
    "eventTime",
    "awsRegion",
    "recipientAccountId",
    "eventType",
    "userIdentity.accountId",
];

/// The `detail-type` EventBridge uses for a CloudTrail `eventType`.
pub fn detail_type(event_type: &str) -> &'static str {
    match event_type {
        "AwsConsoleSignIn" => "AWS Console Sign In via CloudTrail",
        "AwsServiceEvent" => "AWS Service Event via CloudTrail",
        "AwsConsoleAction" => "AWS Console Action via CloudTrail",
        _ => "AWS API Call via CloudTrail",
    }
}

/// `s3.amazonaws.com` → `aws.s3`.
pub fn source(event_source: &str) -> String {
    let service = event_source.split('.').next().unwrap_or(event_source);
    format!("aws.{service}")
}

/// Wraps one record (compact JSON text) in the envelope.
pub fn wrap(record: &str) -> Result<String, String> {
    let selector = Selector::new(FIELDS);
    let flat = flatten(record, Some(&selector)).map_err(|e| e.message)?;
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
    let account = Some(get("recipientAccountId"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| get("userIdentity.accountId"));
    let q = |s: &str| serde_json::to_string(s).expect("strings serialise");
    Ok(format!(
        r#"{{"version":"0","id":{},"detail-type":{},"source":{},"account":{},"time":{},"region":{},"resources":[],"detail":{}}}"#,
        q(&get("eventID")),
        q(detail_type(&get("eventType"))),
        q(&source(&get("eventSource"))),
        q(&account),
        q(&get("eventTime")),
        q(&get("awsRegion")),
        record
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_a_record() {
        let rec = r#"{"eventSource":"s3.amazonaws.com","eventName":"CreateBucket","eventType":"AwsApiCall","awsRegion":"us-east-1","eventTime":"2024-01-01T00:00:00Z","eventID":"e1","recipientAccountId":"123456789012"}"#;
        let ev = wrap(rec).unwrap();
        assert!(ev.starts_with(r#"{"version":"0","id":"e1","detail-type":"AWS API Call via CloudTrail","source":"aws.s3","account":"123456789012""#));
        assert!(ev.ends_with(&format!("\"detail\":{rec}}}")));
        assert_eq!(
            detail_type("AwsConsoleSignIn"),
            "AWS Console Sign In via CloudTrail"
        );
    }
}
