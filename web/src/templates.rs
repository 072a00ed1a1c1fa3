//! The template picker's entries: a realistic, complete event, a pattern that
//! matches it, and what to know before writing such a rule. The event and
//! pattern files live in `examples/templates/` (shared with the CLI's tests).

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
    /// Event JSON.
    pub event: &'static str,
    /// Pattern JSON.
    pub pattern: &'static str,
}

macro_rules! files {
    ($id:literal) => {
        (
            include_str!(concat!("../../examples/templates/", $id, ".event.json")),
            include_str!(concat!("../../examples/templates/", $id, ".pattern.json")),
        )
    };
}

const fn t(
    id: &'static str,
    title: &'static str,
    delivery: Delivery,
    note: &'static str,
    key_fields: &'static [&'static str],
    files: (&'static str, &'static str),
) -> Template {
    Template {
        id,
        title,
        delivery,
        note,
        key_fields,
        event: files.0,
        pattern: files.1,
    }
}

const CT_MGMT: Delivery = Delivery::CloudTrail { data_event: false };

/// Every template, starters first.
pub const TEMPLATES: &[Template] = &[
    t("ec2-state-change", "EC2 instance stopped or terminated", Delivery::Native,
      "EC2 sends this event to EventBridge itself, no trail needed. `detail.state` is one of pending, running, stopping, stopped, shutting-down, terminated; list several values to match any of them.",
      &["source", "detail-type", "detail.state", "detail.instance-id"], files!("ec2-state-change")),
    t("s3-create-bucket", "S3 CreateBucket (via CloudTrail)", CT_MGMT,
      "Bucket creation is an API call: EventBridge sees it only as \"AWS API Call via CloudTrail\", and only if a trail logs management events in the account. The CloudTrail record sits under `detail`: key on `detail.eventSource` and `detail.eventName`; the bucket name is in `detail.requestParameters.bucketName`.",
      &["detail.eventSource", "detail.eventName", "detail.requestParameters.bucketName"], files!("s3-create-bucket")),
    t("lambda-esm", "Lambda UpdateEventSourceMapping (via CloudTrail)", CT_MGMT,
      "CloudTrail logs Lambda API names with their API version: the call UpdateEventSourceMapping is recorded as `UpdateEventSourceMapping20150331`. An exact \"UpdateEventSourceMapping\" never matches; use {\"prefix\": \"UpdateEventSourceMapping\"}. Needs a trail.",
      &["detail.eventName", "detail.requestParameters.uUID", "detail.responseElements.state"], files!("lambda-esm")),
    t("s3-object-created", "S3 Object Created (EventBridge notifications)", Delivery::Native,
      "Sent natively once the bucket has \"Send notifications to Amazon EventBridge\" turned on; no trail needed (the CloudTrail alternative, PutObject, is a data event and costs extra). Match the key's ending with `suffix`.",
      &["detail.bucket.name", "detail.object.key", "detail.reason"], files!("s3-object-created")),
    t("iam-create-access-key", "IAM CreateAccessKey (via CloudTrail)", CT_MGMT,
      "IAM is a global service: its CloudTrail events are delivered in us-east-1, so the rule must live there. Needs a trail. The new key's owner is `detail.requestParameters.userName`.",
      &["detail.eventName", "detail.userIdentity.arn", "detail.requestParameters.userName"], files!("iam-create-access-key")),
    t("ec2-run-instances", "EC2 RunInstances that succeeded (via CloudTrail)", CT_MGMT,
      "A failed call is logged too, with `detail.errorCode` set; {\"exists\": false} on `errorCode` keeps only successes. Instances are an array of objects under `detail.responseElements.instancesSet.items`: fields from one element must match together.",
      &["detail.eventName", "detail.errorCode", "detail.responseElements.instancesSet.items.instanceType"], files!("ec2-run-instances")),
    t("guardduty-finding", "GuardDuty high-severity finding", Delivery::Native,
      "GuardDuty publishes findings natively. `detail.severity` is a JSON number, so a numeric range works; a quoted \"8\" would never match it.",
      &["detail.severity", "detail.type", "detail.resource.resourceType"], files!("guardduty-finding")),
    t("ecs-task-stopped", "ECS task stopped unexpectedly", Delivery::Native,
      "ECS emits task state changes natively. anything-but with a prefix drops scale-in stops; note that anything-but never matches a field that is absent.",
      &["detail.lastStatus", "detail.stoppedReason", "detail.group"], files!("ecs-task-stopped")),
    t("scheduled-event", "Scheduled event (legacy schedule rule)", Delivery::Native,
      "A schedule rule emits this event itself. `resources` holds the rule's ARN; a wildcard matches any region and account.",
      &["resources", "detail-type"], files!("scheduled-event")),
    t("codepipeline-failed", "CodePipeline execution failed", Delivery::Native,
      "CodePipeline emits execution state changes natively; `detail.state` is SUCCEEDED, FAILED, STOPPED, …",
      &["detail.pipeline", "detail.state"], files!("codepipeline-failed")),
    t("sts-assume-role", "STS AssumeRole into an SSO role (via CloudTrail)", CT_MGMT,
      "AssumeRole is a management event logged by CloudTrail in the region of the STS endpoint used. Needs a trail. The role is `detail.requestParameters.roleArn`; a wildcard matches the generated SSO role names.",
      &["detail.eventName", "detail.requestParameters.roleArn", "detail.userIdentity.arn"], files!("sts-assume-role")),
    t("console-sign-in", "Console sign-in without MFA, or failed", CT_MGMT,
      "Sign-ins arrive as \"AWS Console Sign In via CloudTrail\" from source aws.signin, in the region of the sign-in endpoint (often us-east-1). Needs a trail. `$or` combines \"no MFA\" with \"failed\"; `MFAUsed` is the string \"No\", not a boolean.",
      &["detail.eventName", "detail.additionalEventData.MFAUsed", "detail.responseElements.ConsoleLogin"], files!("console-sign-in")),
];

/// The template with this id.
pub fn find(id: &str) -> Option<&'static Template> {
    TEMPLATES.iter().find(|t| t.id == id)
}

/// The template shown on first load.
pub fn default_template() -> &'static Template {
    &TEMPLATES[0]
}

#[cfg(test)]
mod tests {
    use super::*;
    use eventpattern::Pattern;

    #[test]
    fn every_template_pattern_matches_its_event() {
        assert!(TEMPLATES.len() >= 10);
        for t in TEMPLATES {
            let p = Pattern::parse(t.pattern).unwrap_or_else(|e| panic!("{}: {e}", t.id));
            assert!(p.matches(t.event).unwrap(), "{} does not match", t.id);
            assert!(
                p.explain(t.event).unwrap().matched,
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
                    t.event.contains(&format!("\"{field}\"")),
                    "{} lacks {field}",
                    t.id
                );
            }
        }
        for id in ["ec2-state-change", "s3-create-bucket", "lambda-esm"] {
            assert!(find(id).is_some());
        }
    }
}
