// Every envelope case through the AWS SDK for JavaScript v3
// (@aws-sdk/client-eventbridge) against the local endpoint, plus the
// envelope check. Usage: node js_sdk.mjs URL CASES.jsonl
import { readFileSync } from "node:fs";
import { EventBridgeClient, TestEventPatternCommand } from "@aws-sdk/client-eventbridge";

const PREFIX = "Event pattern is not valid. Reason: ";
const LOCATION =
  /^(\n at \[Source: \(String\)".*"(\[truncated \d+ chars\])?; line: \d+, column: \d+\]){0,2}$/s;

function expected(c) {
  if (c.expected === "match") return ["result", true];
  if (c.expected === "no-match") return ["result", false];
  if (c.error.startsWith("ValidationException")) return ["ValidationException", null];
  return ["InvalidEventPatternException", c.error_reason ?? null];
}

function check(c, kind, value) {
  const [wantKind, detail] = expected(c);
  if (kind !== wantKind) return `expected ${wantKind} ${JSON.stringify(detail)}, got ${kind} ${JSON.stringify(value)}`;
  if (kind === "result") return value === detail ? null : `expected Result ${detail}, got ${value}`;
  if (kind === "InvalidEventPatternException") {
    if (!value.startsWith(PREFIX)) return `message lacks AWS's prefix: ${JSON.stringify(value)}`;
    if (detail !== null) {
      const rest = value.slice(PREFIX.length);
      if (!rest.startsWith(detail) || !LOCATION.test(rest.slice(detail.length)))
        return `expected reason ${JSON.stringify(detail)} (+ location), got ${JSON.stringify(value)}`;
    }
  }
  return null;
}

const [url, path] = process.argv.slice(2);
const client = new EventBridgeClient({
  endpoint: url,
  region: "us-east-1",
  credentials: { accessKeyId: "local", secretAccessKey: "local" },
  maxAttempts: 1,
});

async function ask(pattern, event) {
  try {
    const out = await client.send(new TestEventPatternCommand({ EventPattern: pattern, Event: event }));
    return ["result", out.Result];
  } catch (e) {
    return [e.name, e.message];
  }
}

const cases = readFileSync(path, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l));
const failed = [];
// Several requests in flight at once, as a test suite's workers would send them.
const width = 16;
for (let i = 0; i < cases.length; i += width) {
  const batch = cases.slice(i, i + width);
  const answers = await Promise.all(batch.map((c) => ask(c.pattern, c.event)));
  batch.forEach((c, j) => {
    const why = check(c, ...answers[j]);
    if (why) failed.push(`${c.id}: ${why}`);
  });
}
const [kind, value] = await ask('{"source": ["aws.ec2"]}', '{"testEvent": "value"}');
if (kind !== "ValidationException" || value !== "Parameter Event is not valid.")
  failed.push(`event without the envelope: ${kind} ${JSON.stringify(value)}`);
for (const f of failed) console.error("js-sdk:", f);
const total = cases.length + 1;
console.log(`js-sdk: ${total - failed.length} passed, ${failed.length} failed`);
process.exit(failed.length ? 1 : 0);
