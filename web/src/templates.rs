//! The template picker's entries: a realistic, complete event, a pattern that
//! matches it, and what to know before writing such a rule. The event and
//! pattern files live in `examples/templates/` (shared with the CLI's tests).
//!
//! Only the first template's texts are in the download (a first visit shows
//! it at once); the others are fetched from `templates/` beside the page when
//! picked — 20 KB of sample events kept out of the code the page loads
//! (`scripts/build-web.sh` copies them). Tests, and builds with the
//! `embed-templates` feature, embed them all.

/// How the event reaches EventBridge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// The service emits it to EventBridge itself; no trail needed.
    Native,
    /// CloudTrail records the API call and EventBridge receives the record.
    CloudTrail {
        /// CloudTrail's event category.
        data_event: bool,
    },
}

/// One template.
#[derive(Debug, Clone, Copy)]
pub struct Template {
    /// Stable id (the `<select>` value and the share-link field).
    pub id: &'static str,
    /// Shown in the picker.
    pub title: &'static str,
    /// How it is delivered.
    pub delivery: Delivery,
    /// The teaching note.
    pub note: &'static str,
    /// Fields worth keying on.
    pub key_fields: &'static [&'static str],
    /// The event's `source` (the page stops naming the template once the
    /// event has another source; a test checks it against the event file).
    pub source: &'static str,
    /// The event and pattern JSON, when embedded (else [`load`] fetches them).
    pub texts: Option<(&'static str, &'static str)>,
}

/// A template's texts, always embedded.
macro_rules! embed {
    ($id:literal) => {
        Some((
            include_str!(concat!("../../examples/templates/", $id, ".event.json")),
            include_str!(concat!("../../examples/templates/", $id, ".pattern.json")),
        ))
    };
}

/// A template's texts, embedded only in tests and `embed-templates` builds.
#[cfg(any(test, feature = "embed-templates"))]
macro_rules! files {
    ($id:literal) => {
        embed!($id)
    };
}
#[cfg(not(any(test, feature = "embed-templates")))]
macro_rules! files {
    ($id:literal) => {
        None
    };
}

const fn t(
    id: &'static str,
    title: &'static str,
    delivery: Delivery,
    note: &'static str,
    key_fields: &'static [&'static str],
    (source, texts): (&'static str, Option<(&'static str, &'static str)>),
) -> Template {
    Template {
        id,
        title,
        delivery,
        note,
        key_fields,
        source,
        texts,
    }
}

const CT_MGMT: Delivery = Delivery::CloudTrail { data_event: false };

/// Every template, starters first.
pub const TEMPLATES: &[Template] = &[
    t("ec2-state-change", "EC2 instance stopped or terminated", Delivery::Native,
      "EC2 sends this event to EventBridge itself, no trail needed. `detail.state` is one of pending, running, stopping, stopped, shutting-down, terminated; list several values to match any of them.",
      &["source", "detail-type", "detail.state", "detail.instance-id"], ("aws.ec2", embed!("ec2-state-change"))),
    t("s3-create-bucket", "S3 CreateBucket (via CloudTrail)", CT_MGMT,
      "`source` is \"aws.s3\", not \"s3.amazonaws.com\" (that is the record's `detail.eventSource`). Bucket creation is an API call: EventBridge sees it only as \"AWS API Call via CloudTrail\", and only while a CloudTrail trail with logging is enabled. The CloudTrail record sits under `detail`: key on `detail.eventSource` and `detail.eventName`; the bucket name is in `detail.requestParameters.bucketName`.",
      &["detail.eventSource", "detail.eventName", "detail.requestParameters.bucketName"], ("aws.s3", files!("s3-create-bucket"))),
    t("lambda-esm", "Lambda UpdateEventSourceMapping (via CloudTrail)", CT_MGMT,
      "CloudTrail often logs Lambda API names with a version suffix: the call UpdateEventSourceMapping is recorded as `UpdateEventSourceMapping20150331`, which an exact \"UpdateEventSourceMapping\" does not match; {\"prefix\": \"UpdateEventSourceMapping\"} matches both spellings. Needs a trail.",
      &["detail.eventName", "detail.requestParameters.uUID", "detail.responseElements.state"], ("aws.lambda", files!("lambda-esm"))),
    t("s3-object-created", "S3 Object Created (EventBridge notifications)", Delivery::Native,
      "Sent natively once the bucket has \"Send notifications to Amazon EventBridge\" turned on; no trail needed (the CloudTrail alternative, PutObject, is a data event and costs extra). Match the key's ending with `suffix`.",
      &["detail.bucket.name", "detail.object.key", "detail.reason"], ("aws.s3", files!("s3-object-created"))),
    t("iam-create-access-key", "IAM CreateAccessKey (via CloudTrail)", CT_MGMT,
      "IAM is a global service: CloudTrail records its events in us-east-1 (N. Virginia), so the rule usually has to live there. Needs a trail. The new key's owner is `detail.requestParameters.userName`.",
      &["detail.eventName", "detail.userIdentity.arn", "detail.requestParameters.userName"], ("aws.iam", files!("iam-create-access-key"))),
    t("ec2-run-instances", "EC2 RunInstances that succeeded (via CloudTrail)", CT_MGMT,
      "A failed call is logged too, with `detail.errorCode` set; {\"exists\": false} on `errorCode` keeps only successes. Instances are an array of objects under `detail.responseElements.instancesSet.items`: this playground, like AWS's engine (event-ruler), requires fields of one element to match together.",
      &["detail.eventName", "detail.errorCode", "detail.responseElements.instancesSet.items.instanceType"], ("aws.ec2", files!("ec2-run-instances"))),
    t("guardduty-finding", "GuardDuty high-severity finding", Delivery::Native,
      "GuardDuty publishes findings natively. `detail.severity` is a JSON number, so a numeric range works; a quoted \"8\" would never match it.",
      &["detail.severity", "detail.type", "detail.resource.resourceType"], ("aws.guardduty", files!("guardduty-finding"))),
    t("ecs-task-stopped", "ECS task stopped unexpectedly", Delivery::Native,
      "ECS emits task state changes natively. anything-but with a prefix drops scale-in stops; note that anything-but never matches a field that is absent.",
      &["detail.lastStatus", "detail.stoppedReason", "detail.group"], ("aws.ecs", files!("ecs-task-stopped"))),
    t("scheduled-event", "Scheduled event (legacy schedule rule)", Delivery::Native,
      "A schedule rule emits this event itself. `resources` holds the rule's ARN; a wildcard matches any region and account.",
      &["resources", "detail-type"], ("aws.events", files!("scheduled-event"))),
    t("codepipeline-failed", "CodePipeline execution failed", Delivery::Native,
      "CodePipeline emits execution state changes natively; `detail.state` is SUCCEEDED, FAILED, STOPPED, …",
      &["detail.pipeline", "detail.state"], ("aws.codepipeline", files!("codepipeline-failed"))),
    t("sts-assume-role", "IAM Identity Center session in an account (STS, via CloudTrail)", CT_MGMT,
      "A user who opens an account through IAM Identity Center is federated by SAML: CloudTrail records AssumeRoleWithSAML (not AssumeRole), with `userIdentity.type` SAMLUser, in the Region of the STS endpoint. Identity Center's roles sit under the path `role/aws-reserved/sso.amazonaws.com/`, which the wildcard matches. The call is read-only, so a rule sees it only in the state ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS. Needs a trail.",
      &["detail.eventName", "detail.requestParameters.roleArn", "detail.userIdentity.userName"], ("aws.sts", files!("sts-assume-role"))),
    t("console-sign-in", "Console sign-in without MFA, or failed", CT_MGMT,
      "Sign-ins arrive as \"AWS Console Sign In via CloudTrail\" (some AWS pages write \"Signin\") from source aws.signin. Root sign-ins are recorded in us-east-1; other sign-ins in the Region of the sign-in endpoint, which for the global URL can also be us-east-2, eu-north-1 or ap-southeast-2, so put the rule in each of those. Needs a trail. `$or` combines \"no MFA\" with \"failed\"; `MFAUsed` is the string \"No\", not a boolean.",
      &["detail.eventName", "detail.additionalEventData.MFAUsed", "detail.responseElements.ConsoleLogin"], ("aws.signin", files!("console-sign-in"))),
];

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The template shown on first load (its texts are always embedded).
pub fn default_template() -> &'static Template {
    &TEMPLATES[0]
}

/// A template's event and pattern: embedded, or fetched from `templates/`
/// beside the page.
pub async fn load(t: &Template) -> Result<(String, String), String> {
    if let Some((event, pattern)) = t.texts {
        return Ok((event.to_string(), pattern.to_string()));
    }
    let event = crate::dom::fetch_text(&format!("templates/{}.event.json", t.id)).await?;
    let pattern = crate::dom::fetch_text(&format!("templates/{}.pattern.json", t.id)).await?;
    Ok((event, pattern))
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventpattern::Pattern;

    #[test]
    fn every_template_pattern_matches_its_event() {
        assert!(TEMPLATES.len() >= 10);
        for t in TEMPLATES {
            let (event, pattern) = t.texts.unwrap();
            let p = Pattern::parse(pattern).unwrap_or_else(|e| panic!("{}: {e}", t.id));
            assert!(p.matches(event).unwrap(), "{} does not match", t.id);
            let source = eventpattern::outline::outline(
                event,
                &eventpattern::event::Selector::new(["source"]),
                eventpattern::outline::Limits::default(),
            )
            .unwrap();
            let source = source
                .nodes
                .iter()
                .find(|n| n.path.as_deref() == Some("source"))
                .map(|n| n.text.trim_matches('"').to_string());
            assert_eq!(source.as_deref(), Some(t.source), "{}", t.id);
            assert!(
                p.explain(event).unwrap().matched,
                "{} trace disagrees",
                t.id
            );
            for field in [
                "version",
                "id",
                "detail-type",
                "source",
                "account",
                "time",
                "region",
                "resources",
                "detail",
            ] {
                assert!(
                    event.contains(&format!("\"{field}\"")),
                    "{} lacks {field}",
                    t.id
                );
            }
        }
        for id in ["ec2-state-change", "s3-create-bucket", "lambda-esm"] {
            assert!(find(id).is_some());
        }
    }

    /// A CloudTrail template's envelope agrees with its record, as
    /// EventBridge derives one from the other.
    #[test]
    fn cloudtrail_samples_agree_with_themselves() {
        use eventpattern::cloudtrail::{detail_type, source};
        let fields = [
            "source",
            "detail-type",
            "region",
            "account",
            "detail.eventSource",
            "detail.eventType",
            "detail.awsRegion",
            "detail.recipientAccountId",
        ];
        let selector = eventpattern::event::Selector::new(fields);
        for t in TEMPLATES
            .iter()
            .filter(|t| matches!(t.delivery, Delivery::CloudTrail { .. }))
        {
            let flat = eventpattern::event::flatten(t.texts.unwrap().0, Some(&selector)).unwrap();
            let get = |name: &str| -> String {
                let id = selector.id(name);
                flat.leaves
                    .iter()
                    .find(|l| Some(l.path_id) == id)
                    .map(|l| match &l.value {
                        eventpattern::Value::Str(s) => s.to_string(),
                        _ => String::new(),
                    })
                    .unwrap_or_default()
            };
            assert_eq!(
                get("source"),
                source(&get("detail.eventSource")),
                "{}",
                t.id
            );
            assert_eq!(
                get("detail-type"),
                detail_type(&get("detail.eventType")),
                "{}",
                t.id
            );
            assert_eq!(get("region"), get("detail.awsRegion"), "{}", t.id);
            assert_eq!(get("account"), get("detail.recipientAccountId"), "{}", t.id);
        }
    }
}
