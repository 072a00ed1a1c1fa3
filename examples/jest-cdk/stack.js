// A CDK app's stack with an EventBridge rule: the code under test.
const { Stack } = require("aws-cdk-lib");
const events = require("aws-cdk-lib/aws-events");
const sns = require("aws-cdk-lib/aws-sns");
const targets = require("aws-cdk-lib/aws-events-targets");

class AlertsStack extends Stack {
  constructor(scope, id, props) {
    super(scope, id, props);
    const topic = new sns.Topic(this, "Alerts");
    // Instances stopped or terminated in production, and anyone deleting a bucket.
    new events.Rule(this, "InstanceStopped", {
      eventPattern: {
        source: ["aws.ec2"],
        detailType: ["EC2 Instance State-change Notification"],
        detail: {
          state: ["stopped", "terminated"],
          "instance-id": [{ prefix: "i-" }],
        },
        region: [{ "anything-but": ["us-west-1"] }],
      },
      targets: [new targets.SnsTopic(topic)],
    });
    new events.Rule(this, "BucketDeleted", {
      eventPattern: {
        source: ["aws.s3"],
        detailType: ["AWS API Call via CloudTrail"],
        detail: { eventSource: ["s3.amazonaws.com"], eventName: ["DeleteBucket"] },
      },
      targets: [new targets.SnsTopic(topic)],
    });
  }
}

module.exports = { AlertsStack };
