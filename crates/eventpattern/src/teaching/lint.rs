//! Notes on a valid pattern that AWS accepts but that will probably not do
//! what its author wants — the mistakes people make with CloudTrail-delivered
//! events. Each note points at the condition it is about and, where the fix
//! is certain, carries the replacement.

use crate::hints::Suggestion;
use crate::json::quote;
use crate::pattern::{ConditionKind, Leaf, LeafId};
use crate::span::Span;
use crate::Pattern;

/// What a note is about.
///
/// ```
/// use eventpattern::{lint::{lint, LintKind}, Pattern};
///
/// let p = Pattern::parse(r#"{"source": ["s3.amazonaws.com"]}"#).unwrap();
/// assert_eq!(lint(&p)[0].kind, LintKind::SourceIsEventSource);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LintKind {
    /// `"Amazon API Call via CloudTrail"` and other near spellings of the detail-type.
    DetailTypeSpelling,
    /// `source` holds a CloudTrail `eventSource` (`s3.amazonaws.com`).
    SourceIsEventSource,
    /// A Lambda `eventName` without the API-version suffix CloudTrail logs.
    LambdaApiVersion,
    /// A read-only call (`Get…`, `List…`, `Describe…`).
    ReadOnlyCall,
    /// An S3 object-level call: a CloudTrail data event.
    S3DataEvent,
    /// A global service whose CloudTrail events arrive in us-east-1.
    GlobalService,
    /// `source` is `aws.cloudtrail` while `detail.eventSource` names another
    /// service: events via CloudTrail carry that service's source.
    SourceIsCloudTrail,
}

impl LintKind {
    /// Kebab-case name, stable for JSON output and tests.
    ///
    /// ```
    /// assert_eq!(eventpattern::lint::LintKind::ReadOnlyCall.name(), "read-only-call");
    /// ```
    pub fn name(self) -> &'static str {
        match self {
            LintKind::DetailTypeSpelling => "detail-type-spelling",
            LintKind::SourceIsEventSource => "source-is-event-source",
            LintKind::LambdaApiVersion => "lambda-api-version",
            LintKind::ReadOnlyCall => "read-only-call",
            LintKind::S3DataEvent => "s3-data-event",
            LintKind::GlobalService => "global-service",
            LintKind::SourceIsCloudTrail => "source-is-cloudtrail",
        }
    }
}

/// One note.
///
/// ```
/// use eventpattern::{lint::lint, Pattern};
///
/// let text = r#"{"source": ["aws.lambda"], "detail": {"eventName": ["CreateFunction"]}}"#;
/// let note = &lint(&Pattern::parse(text).unwrap())[0];
/// assert_eq!(&text[note.span.range()], r#""CreateFunction""#);
/// assert_eq!(note.suggestion.as_ref().unwrap().text, r#"{"prefix": "CreateFunction"}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lint {
    /// What it is about.
    pub kind: LintKind,
    /// The condition in the pattern text.
    pub span: Span,
    /// The field it is on.
    pub leaf: LeafId,
    /// The note in words.
    pub message: String,
    /// A replacement for the condition, when the fix is certain.
    pub suggestion: Option<Suggestion>,
}

const CLOUDTRAIL_DETAIL_TYPE: &str = "AWS API Call via CloudTrail";
const S3_OBJECT_CALLS: &[&str] = &[
    "PutObject",
    "GetObject",
    "DeleteObject",
    "DeleteObjects",
    "CopyObject",
    "HeadObject",
    "CompleteMultipartUpload",
    "CreateMultipartUpload",
    "UploadPart",
    "RestoreObject",
    "PutObjectAcl",
    "PutObjectTagging",
    "GetObjectAcl",
];
/// Services whose CloudTrail events are recorded in us-east-1: IAM,
/// Organizations, Account Management and Route 53 (re:Post knowledge-center
/// "eventbridge-rule-triggers-iam-single-region"), CloudFront (CloudTrail
/// concepts, "Global service events").
const GLOBAL_SOURCES: &[&str] = &[
    "aws.iam",
    "aws.organizations",
    "aws.account",
    "aws.cloudfront",
    "aws.route53",
];
/// STS calls named `Get…` that are change events, not read-only ones
/// (EventBridge user guide, "Receiving read-only management events").
const CHANGE_EVENTS_NAMED_GET: &[&str] = &["GetFederationToken", "GetSessionToken"];

fn exact_strings(leaf: &Leaf) -> impl Iterator<Item = (usize, &str, Span)> {
    leaf.conditions
        .iter()
        .enumerate()
        .filter_map(|(i, c)| match &c.kind {
            ConditionKind::Exact(s, _) => Some((i, s.as_str(), c.span)),
            _ => None,
        })
}

fn values_at<'p>(p: &'p Pattern, path: &str) -> Vec<&'p str> {
    p.tree()
        .leaves
        .iter()
        .filter(|l| l.joined == path)
        .flat_map(|l| exact_strings(l).map(|(_, s, _)| s))
        .collect()
}

/// The notes on a pattern, in pattern order.
///
/// ```
/// use eventpattern::{lint::lint, Pattern};
///
/// assert!(lint(&Pattern::parse(r#"{"source": ["aws.ec2"]}"#).unwrap()).is_empty());
/// ```
pub fn lint(p: &Pattern) -> Vec<Lint> {
    let sources = values_at(p, "source");
    let event_sources = values_at(p, "detail.eventSource");
    let via_cloudtrail = values_at(p, "detail-type").contains(&CLOUDTRAIL_DETAIL_TYPE);
    let is_service = |svc: &str| {
        let endpoint = format!("{svc}.amazonaws.com");
        sources.contains(&format!("aws.{svc}").as_str())
            || sources.contains(&endpoint.as_str())
            || event_sources.contains(&endpoint.as_str())
    };
    let mut out = Vec::new();
    for (id, leaf) in p.tree().leaves.iter().enumerate() {
        for (i, s, span) in exact_strings(leaf) {
            let mut note = |kind, message: String, fix: Option<String>| {
                out.push(Lint {
                    kind,
                    span,
                    leaf: id,
                    message,
                    suggestion: fix.and_then(|text| Suggestion::condition(i, text)),
                })
            };
            match leaf.joined.as_str() {
                "detail-type"
                    if s != CLOUDTRAIL_DETAIL_TYPE
                        && (s.eq_ignore_ascii_case(CLOUDTRAIL_DETAIL_TYPE)
                            || s.eq_ignore_ascii_case("Amazon API Call via CloudTrail")) =>
                {
                    note(
                        LintKind::DetailTypeSpelling,
                        format!("EventBridge writes this detail-type as \"{CLOUDTRAIL_DETAIL_TYPE}\", so \"{s}\" does not match (pages for the AWS China Regions print \"Amazon API Call via CloudTrail\")."),
                        Some(quote(CLOUDTRAIL_DETAIL_TYPE)),
                    );
                }
                "source" if s.ends_with(".amazonaws.com") => {
                    let service = s.split('.').next().unwrap_or(s);
                    note(
                        LintKind::SourceIsEventSource,
                        format!("`source` is \"aws.{service}\" in events from AWS services; \"{s}\" is the CloudTrail record's `detail.eventSource`."),
                        Some(quote(&format!("aws.{service}"))),
                    );
                }
                "detail.eventName" => {
                    if is_service("lambda")
                        && !s.ends_with(|c: char| c.is_ascii_digit())
                        && !s.ends_with("v2")
                    {
                        note(
                            LintKind::LambdaApiVersion,
                            format!("CloudTrail often logs Lambda API names with a version suffix (e.g. {s}20150331), which \"{s}\" does not match; a prefix matches both."),
                            Some(format!("{{\"prefix\": {}}}", quote(s))),
                        );
                    }
                    let read_only = ["Get", "List", "Describe", "Head"].iter().any(|verb| {
                        s.strip_prefix(verb)
                            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_uppercase()))
                    });
                    let s3_object_call = is_service("s3") && S3_OBJECT_CALLS.contains(&s);
                    if read_only
                        && via_cloudtrail
                        && !s3_object_call
                        && !CHANGE_EVENTS_NAMED_GET.contains(&s)
                    {
                        note(
                            LintKind::ReadOnlyCall,
                            format!("\"{s}\" looks like a read-only call: if CloudTrail records it with `readOnly: true`, EventBridge delivers it only to rules whose state is ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS."),
                            None,
                        );
                    }
                    if s3_object_call {
                        note(
                            LintKind::S3DataEvent,
                            format!("\"{s}\" is an S3 data event: CloudTrail logs it only with data events enabled for the bucket (billed separately). S3's own \"Object Created\"/\"Object Deleted\" events need no trail."),
                            None,
                        );
                    }
                }
                _ => {}
            }
        }
    }
    if via_cloudtrail {
        if let Some(leaf) = p.tree().leaves.iter().position(|l| l.joined == "source") {
            for (_, s, span) in exact_strings(&p.tree().leaves[leaf]) {
                if GLOBAL_SOURCES.contains(&s) {
                    out.push(Lint {
                        kind: LintKind::GlobalService,
                        span,
                        leaf,
                        message: format!("{s} is a global service: CloudTrail records its events in us-east-1 (US East, N. Virginia), so a rule for them usually has to live there."),
                        suggestion: None,
                    });
                }
            }
        }
    }
    cloudtrail_source(p, &event_sources, &mut out);
    crate::sort::sort_by_key(&mut out, |l| l.span.start);
    out
}

/// `"source": ["aws.cloudtrail"]` with `"eventSource": ["s3.amazonaws.com"]`:
/// events via CloudTrail carry the called service's source (`aws.s3`); only
/// calls to CloudTrail's own API (`cloudtrail.amazonaws.com`) have
/// `aws.cloudtrail`. See the per-service pages of the EventBridge events
/// reference, e.g. <https://docs.aws.amazon.com/eventbridge/latest/ref/events-ref-cloudtrail.html>.
fn cloudtrail_source(p: &Pattern, event_sources: &[&str], out: &mut Vec<Lint>) {
    let mut services: Vec<String> = event_sources
        .iter()
        .filter(|e| **e != "cloudtrail.amazonaws.com" && e.ends_with(".amazonaws.com"))
        .map(|e| crate::cloudtrail::source(e))
        .collect();
    services.dedup();
    if services.is_empty() || event_sources.contains(&"cloudtrail.amazonaws.com") {
        return;
    }
    for (id, leaf) in p.tree().leaves.iter().enumerate() {
        if leaf.joined != "source" {
            continue;
        }
        for (i, s, span) in exact_strings(leaf) {
            if s != "aws.cloudtrail" {
                continue;
            }
            let fix = services
                .iter()
                .map(|s| quote(s))
                .collect::<Vec<_>>()
                .join(", ");
            out.push(Lint {
                kind: LintKind::SourceIsCloudTrail,
                span,
                leaf: id,
                message: format!("Events via CloudTrail carry the called service's `source` ({}, as `detail.eventSource` names it); \"aws.cloudtrail\" is only on calls to CloudTrail's own API.", services.join(", ")),
                suggestion: Suggestion::condition(i, fix),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<LintKind> {
        lint(&Pattern::parse(text).unwrap())
            .into_iter()
            .map(|l| l.kind)
            .collect()
    }

    #[test]
    fn notes_on_cloudtrail_mistakes() {
        assert_eq!(
            kinds(r#"{"detail-type": ["Amazon API Call via CloudTrail"]}"#),
            vec![LintKind::DetailTypeSpelling]
        );
        assert_eq!(
            kinds(r#"{"source": ["s3.amazonaws.com"]}"#),
            vec![LintKind::SourceIsEventSource]
        );
        assert_eq!(
            kinds(
                r#"{"source": ["aws.lambda"], "detail": {"eventName": ["UpdateEventSourceMapping"]}}"#
            ),
            vec![LintKind::LambdaApiVersion]
        );
        assert_eq!(
            kinds(
                r#"{"detail-type": ["AWS API Call via CloudTrail"], "detail": {"eventName": ["ListBuckets"]}}"#
            ),
            vec![LintKind::ReadOnlyCall]
        );
        assert_eq!(
            kinds(r#"{"source": ["aws.s3"], "detail": {"eventName": ["PutObject"]}}"#),
            vec![LintKind::S3DataEvent]
        );
        assert_eq!(
            kinds(r#"{"source": ["aws.iam"], "detail-type": ["AWS API Call via CloudTrail"]}"#),
            vec![LintKind::GlobalService]
        );
        assert_eq!(
            kinds(r#"{"source": ["aws.account"], "detail-type": ["AWS API Call via CloudTrail"]}"#),
            vec![LintKind::GlobalService]
        );
        assert_eq!(
            kinds(
                r#"{"source": ["aws.cloudtrail"], "detail": {"eventSource": ["s3.amazonaws.com"]}}"#
            ),
            vec![LintKind::SourceIsCloudTrail]
        );
    }

    #[test]
    fn read_only_names_with_exceptions() {
        let via = |name: &str, source: &str| {
            kinds(&format!(
                r#"{{"source": ["{source}"], "detail-type": ["AWS API Call via CloudTrail"], "detail": {{"eventName": ["{name}"]}}}}"#
            ))
        };
        assert_eq!(
            via("DescribeInstances", "aws.ec2"),
            vec![LintKind::ReadOnlyCall]
        );
        assert_eq!(via("GetSessionToken", "aws.sts"), vec![]);
        assert_eq!(via("GetFederationToken", "aws.sts"), vec![]);
        assert_eq!(via("GetObject", "aws.s3"), vec![LintKind::S3DataEvent]);
        assert_eq!(
            kinds(
                r#"{"source": ["aws.cloudtrail"], "detail": {"eventSource": ["cloudtrail.amazonaws.com"]}}"#
            ),
            vec![]
        );
    }

    #[test]
    fn cloudtrail_source_is_replaced_by_the_services_own() {
        let text = r#"{"source": ["aws.cloudtrail"], "detail": {"eventSource": ["s3.amazonaws.com", "ec2.amazonaws.com"]}}"#;
        let p = Pattern::parse(text).unwrap();
        let notes = lint(&p);
        let fixed = notes[0]
            .suggestion
            .as_ref()
            .unwrap()
            .apply(text, &p.tree().leaves[notes[0].leaf])
            .unwrap();
        assert_eq!(
            fixed,
            r#"{"source": ["aws.s3", "aws.ec2"], "detail": {"eventSource": ["s3.amazonaws.com", "ec2.amazonaws.com"]}}"#
        );
        let event = r#"{"source": "aws.s3", "detail": {"eventSource": "s3.amazonaws.com"}}"#;
        assert!(!p.matches(event).unwrap());
        assert!(Pattern::parse(&fixed).unwrap().matches(event).unwrap());
    }

    #[test]
    fn starters_are_clean_and_fixes_apply() {
        for t in [
            r#"{"source":["aws.ec2"],"detail-type":["EC2 Instance State-change Notification"],"detail":{"state":["stopped","terminated"]}}"#,
            r#"{"source":["aws.s3"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["s3.amazonaws.com"],"eventName":["CreateBucket"]}}"#,
            r#"{"source":["aws.lambda"],"detail-type":["AWS API Call via CloudTrail"],"detail":{"eventSource":["lambda.amazonaws.com"],"eventName":[{"prefix":"UpdateEventSourceMapping"}]}}"#,
        ] {
            assert_eq!(kinds(t), vec![], "{t}");
        }
        let text =
            r#"{"source": ["lambda.amazonaws.com"], "detail": {"eventName": ["CreateFunction"]}}"#;
        let p = Pattern::parse(text).unwrap();
        let mut fixed = text.to_string();
        for l in lint(&p).iter().rev() {
            let s = l.suggestion.as_ref().unwrap();
            fixed = s.apply(&fixed, &p.tree().leaves[l.leaf]).unwrap();
        }
        assert_eq!(
            fixed,
            r#"{"source": ["aws.lambda"], "detail": {"eventName": [{"prefix": "CreateFunction"}]}}"#
        );
    }
}
