// The rules' event patterns, as CloudFormation will deploy them (read from
// the synthesised template), tested against sample events with the same
// engine semantics AWS uses: a wrong key spelling, case or operator fails here.
const { App } = require("aws-cdk-lib");
const { Template } = require("aws-cdk-lib/assertions");
const { matches, explain, lint, RuleSet } = require("eventpattern");
const { AlertsStack } = require("./stack");

const template = Template.fromStack(new AlertsStack(new App(), "Alerts")).toJSON();
/** Each rule's pattern by the start of its logical id. */
const patterns = Object.fromEntries(
  Object.entries(template.Resources)
    .filter(([, r]) => r.Type === "AWS::Events::Rule")
    .map(([id, r]) => [id.replace(/[0-9A-F]{8}$/, ""), r.Properties.EventPattern]),
);

const ec2 = (state, region = "eu-west-1") => ({
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2026-01-01T00:00:00Z",
  region,
  resources: ["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abcd1234"],
  detail: { "instance-id": "i-0abcd1234", state },
});

test("the template has both rules", () => {
  expect(Object.keys(patterns).sort()).toEqual(["BucketDeleted", "InstanceStopped"]);
});

test("a stopped instance alerts; a running one does not, and the trace says why", () => {
  expect(matches(patterns.InstanceStopped, ec2("stopped"))).toBe(true);
  expect(matches(patterns.InstanceStopped, ec2("running"))).toBe(false);
  const trace = explain(patterns.InstanceStopped, ec2("running"));
  const failed = trace.fields.filter((f) => f.status !== "matched");
  expect(failed.map((f) => f.path)).toEqual(["detail.state"]);
  expect(failed[0].explanation).toMatch(/meets none of/);
});

test("events from the excluded region do not alert", () => {
  expect(matches(patterns.InstanceStopped, ec2("terminated", "us-west-1"))).toBe(false);
});

test("a bucket deleted through the console (via CloudTrail) alerts; creating one does not", () => {
  const call = (eventName) => ({
    source: "aws.s3",
    "detail-type": "AWS API Call via CloudTrail",
    detail: { eventSource: "s3.amazonaws.com", eventName },
  });
  const rules = new RuleSet(patterns);
  expect(rules.matching(call("DeleteBucket"))).toEqual(["BucketDeleted"]);
  expect(rules.matching(call("CreateBucket"))).toEqual([]);
  expect(rules.matching(ec2("stopped"))).toEqual(["InstanceStopped"]);
});

test("the patterns have no likely mistakes", () => {
  for (const pattern of Object.values(patterns)) expect(lint(pattern)).toEqual([]);
});
