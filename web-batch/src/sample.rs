//! What the page shows before the user brings their own: a small
//! CloudFormation template and a few events, one rule that never fires and
//! one event no rule catches, so every part of the view has something to say.

/// The sample's rules (read as pasted text).
pub const RULES: &str = r#"{
  "Resources": {
    "InstanceStopped": {
      "Type": "AWS::Events::Rule",
      "Properties": {
        "EventPattern": {
          "source": ["aws.ec2"],
          "detail-type": ["EC2 Instance State-change Notification"],
          "detail": { "state": ["stopped", "terminated"] }
        }
      }
    },
    "BucketCreated": {
      "Type": "AWS::Events::Rule",
      "Properties": {
        "EventPattern": {
          "source": ["aws.s3"],
          "detail-type": ["AWS API Call via CloudTrail"],
          "detail": { "eventSource": ["s3.amazonaws.com"], "eventName": ["CreateBucket"] }
        }
      }
    },
    "AnyEc2": {
      "Type": "AWS::Events::Rule",
      "Properties": { "EventPattern": { "source": [{ "prefix": "aws.ec2" }] } }
    },
    "RootLogin": {
      "Type": "AWS::Events::Rule",
      "Properties": {
        "EventPattern": {
          "detail-type": ["AWS Console Sign In via CloudTrail"],
          "detail": { "userIdentity": { "type": ["Root"] } }
        }
      }
    }
  }
}
"#;

/// The sample's events (JSON Lines).
pub const EVENTS: &str = r#"{"version": "0", "id": "7bf73129-1428-4cd3-a780-95db273d1602", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "123456789012", "time": "2026-11-30T10:00:00Z", "region": "us-east-1", "resources": ["arn:aws:ec2:us-east-1:123456789012:instance/i-0abc"], "detail": {"instance-id": "i-0abc", "state": "stopped"}}
{"version": "0", "id": "a8f1c2d3-0000-4000-8000-000000000002", "detail-type": "EC2 Instance State-change Notification", "source": "aws.ec2", "account": "123456789012", "time": "2026-11-30T10:05:00Z", "region": "us-east-1", "resources": [], "detail": {"instance-id": "i-0def", "state": "running"}}
{"eventVersion": "1.09", "userIdentity": {"type": "IAMUser", "accountId": "123456789012", "userName": "alice"}, "eventTime": "2026-11-30T10:10:00Z", "eventSource": "s3.amazonaws.com", "eventName": "CreateBucket", "awsRegion": "us-east-1", "requestParameters": {"bucketName": "my-new-bucket"}, "eventType": "AwsApiCall", "managementEvent": true, "recipientAccountId": "123456789012"}
{"version": "0", "id": "c1d2e3f4-0000-4000-8000-000000000004", "detail-type": "Scheduled Event", "source": "aws.events", "account": "123456789012", "time": "2026-11-30T10:15:00Z", "region": "us-east-1", "resources": ["arn:aws:events:us-east-1:123456789012:rule/hourly"], "detail": {}}
"#;

#[cfg(test)]
mod tests {
    use crate::batch::{read_rules, summarise, Job, PASTED};

    #[test]
    fn the_sample_shows_every_part_of_the_view() {
        let rules = read_rules(PASTED, super::RULES);
        assert_eq!(rules.names.len(), 4);
        let mut job = Job::new(super::EVENTS.into());
        while !job.step(&rules.set, 100) {}
        assert_eq!(job.wrapped, 1, "the CloudTrail record is wrapped");
        let s = summarise(&job.rows, rules.names.len());
        assert_eq!((s.events, s.never_fire, s.uncaught), (4, 1, 1));
        assert!(s.matches >= 4);
    }
}
