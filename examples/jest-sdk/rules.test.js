// Code that checks a rule with EventBridge's TestEventPattern, run against the
// local endpoint instead of AWS: the same client and call, no credentials, no
// network. The answers are AWS's, exceptions and messages included.
const { EventBridgeClient, TestEventPatternCommand } = require("@aws-sdk/client-eventbridge");

const events = new EventBridgeClient({
  endpoint: process.env.EVENTBRIDGE_ENDPOINT, // set by endpoint.js
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" }, // not checked
  maxAttempts: 1,
});

const stopped = {
  version: "0",
  id: "7bf73129-1428-4cd3-a780-95db273d1602",
  "detail-type": "EC2 Instance State-change Notification",
  source: "aws.ec2",
  account: "123456789012",
  time: "2026-01-01T00:00:00Z",
  region: "eu-west-1",
  resources: ["arn:aws:ec2:eu-west-1:123456789012:instance/i-0abcd1234"],
  detail: { "instance-id": "i-0abcd1234", state: "stopped" },
};

const test_ = (EventPattern, Event) =>
  events.send(new TestEventPatternCommand({ EventPattern: JSON.stringify(EventPattern), Event: JSON.stringify(Event) }));

test("the endpoint is the local one", () => {
  expect(process.env.EVENTBRIDGE_ENDPOINT).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
});

test("a matching pattern", async () => {
  const { Result } = await test_({ source: ["aws.ec2"], detail: { state: ["stopped", "terminated"] } }, stopped);
  expect(Result).toBe(true);
});

test("a pattern that does not match", async () => {
  const { Result } = await test_({ detail: { state: [{ "anything-but": "stopped" }] } }, stopped);
  expect(Result).toBe(false);
});

test("an invalid pattern: AWS's exception and message", async () => {
  const call = test_({ detail: { state: [{ startsWith: "stop" }] } }, stopped);
  await expect(call).rejects.toMatchObject({
    name: "InvalidEventPatternException",
    message: expect.stringMatching(/^Event pattern is not valid\. Reason: Unrecognized match type startsWith/),
  });
});

test("an event without the envelope: ValidationException", async () => {
  await expect(test_({ source: ["aws.ec2"] }, { detail: {} })).rejects.toMatchObject({
    name: "ValidationException",
    message: "Parameter Event is not valid.",
  });
});
