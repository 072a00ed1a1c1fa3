// The API's shapes and errors, through the installed package.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");
const ep = require("eventpattern");
const { ROOT } = require("./corpus.cjs");

const read = (f) => fs.readFileSync(path.join(ROOT, f), "utf8");

test("the trace mirrors the engine's: verdict, fields, outcomes, places, hints with fixes", () => {
  const pattern = '{"source": ["aws.ec2"],\n "detail": {"state": ["Stopped"], "gone": ["x"]}}';
  const event = '{"source": "aws.ec2", "detail": {"state": "stopped"}}';
  const t = ep.explain(pattern, event);
  assert.deepEqual(Object.keys(t), ["matched", "alternative", "alternatives", "fields", "inactive", "delivery"]);
  assert.equal(t.matched, false);
  assert.equal(t.alternatives, 1);
  const [source, state, gone] = t.fields;
  assert.deepEqual(Object.keys(source), ["path", "status", "pattern", "explanation", "hints", "outcome", "condition", "value"]);
  assert.equal(source.outcome, "matched");
  assert.equal(source.condition, '"aws.ec2"');
  assert.deepEqual(source.value, { path: "source", value: '"aws.ec2"', type: "string", line: 1, column: 12, start: 11, end: 20 });
  assert.equal(event.slice(source.value.start, source.value.end), '"aws.ec2"');
  assert.equal(state.status, "failed");
  assert.equal(state.outcome, "no-condition-met");
  assert.deepEqual(state.pattern, { line: 2, column: 13, start: 36, end: 43 });
  assert.equal(pattern.slice(state.pattern.start, state.pattern.end), '"state"');
  assert.match(state.explanation, /meets none of/);
  const hint = state.hints[0];
  assert.equal(hint.kind, "case-differs");
  assert.equal(hint.edit, "condition");
  assert.equal(hint.suggestion, '{"equals-ignore-case": "Stopped"}');
  assert.equal(ep.matches(hint.pattern, '{"source": "aws.ec2", "detail": {"state": "stopped", "gone": "x"}}'), true);
  assert.equal(gone.status, "missing");
  assert.equal(gone.outcome, "missing");
  assert.deepEqual(t.inactive, []);
  assert.deepEqual(t.delivery, []);
});

test("a match says what AWS delivers; $or alternatives and fields not in play are named", () => {
  const t = ep.explain(read("examples/templates/sts-assume-role.pattern.json"), read("examples/templates/sts-assume-role.event.json"));
  assert.equal(t.matched, true);
  assert.deepEqual(t.delivery.map((n) => n.kind), ["trail-needed", "read-only"]);
  assert.match(t.delivery[1].doc, /^https:\/\/docs\.aws\.amazon\.com\//);
  const or = ep.explain({ $or: [{ a: ["1"] }, { b: ["2"] }] }, { b: "2" });
  assert.equal(or.matched, true);
  assert.equal(or.alternatives, 2);
  assert.equal(or.alternative, 1);
  assert.equal(or.inactive.length, 1);
  const conflict = ep.explain({ l: { a: ["1"], b: ["2"] } }, { l: [{ a: "1", b: "3" }, { a: "0", b: "2" }] });
  assert.equal(conflict.fields[1].outcome, "array-conflict");
  assert.equal(conflict.fields[1].conflicts_with, "l.a");
  const leaf = ep.explain({ d: ["x"] }, { d: { k: 1 } });
  assert.equal(leaf.fields[0].outcome, "not-a-leaf");
  assert.equal(leaf.fields[0].holds, "object");
  assert.equal(ep.explain({ d: [{ exists: false }] }, {}).fields[0].outcome, "absent-as-required");
});

test("PatternError: AWS's reason and message, line, UTF-16 column, path, plain words, fixes", () => {
  const text = '{"😀": ["x"],\n "a": [{"prefix": 5}]}';
  assert.throws(
    () => ep.matches(text, "{}"),
    (e) => {
      assert.ok(e instanceof ep.PatternError);
      assert.ok(e instanceof Error);
      assert.equal(e.name, "PatternError");
      assert.equal(e.reason, "prefix match pattern must be a string");
      assert.equal(
        e.message,
        'Event pattern is not valid. Reason: prefix match pattern must be a string\n at [Source: (String)"{"😀": ["x"],\n "a": [{"prefix": 5}]}"; line: 2, column: 20]',
      );
      assert.equal(e.kind, "operand-invalid");
      assert.deepEqual([e.line, e.column], [2, 19]);
      assert.deepEqual(e.path, ["a", 0, "prefix"]);
      assert.match(e.plain, /needs a string/);
      assert.equal(ep.validate(e.fixes[0].pattern), null);
      return true;
    },
  );
  // UTF-16: the emoji is two code units, so the column after it counts both.
  const emoji = ep.validate('{"😀": "x"}');
  assert.deepEqual([emoji.line, emoji.column], [1, 8]); // 7 in characters
  assert.equal(ep.validate('{"a": [\n  \'x\']}').column, 3);
  for (const f of [ep.explain, ep.lint, ep.example].map((f) => (p) => f(p, "{}"))) {
    assert.throws(() => f("{}"), ep.PatternError);
  }
});

test("EventError, TypeError for other arguments", () => {
  assert.throws(
    () => ep.matches({ a: ["x"] }, '{"a":\n tru}'),
    (e) => e instanceof ep.EventError && e.line === 2 && e.column === 2 && /tru/.test(e.reason) && /tru/.test(e.plain),
  );
  assert.throws(() => ep.explain({ a: ["x"] }, "[1"), ep.EventError);
  assert.throws(() => ep.matches(42, "{}"), TypeError);
  assert.throws(() => ep.matches({ a: ["x"] }, null), TypeError);
  assert.throws(() => ep.validate(undefined), TypeError);
  assert.throws(() => new ep.RuleSet("rules"), TypeError);
  assert.throws(() => new ep.RuleSet(null), TypeError);
});

test("texts are read as written; objects in key order", () => {
  // Number spelling: 3e2 is 300 to AWS.
  assert.equal(ep.matches('{"n": [300]}', '{"n": 3e2}'), true);
  // A repeated key: AWS keeps the last (an object cannot hold both).
  assert.equal(ep.matches('{"a": ["1"], "a": ["2"]}', '{"a": "2"}'), true);
  assert.equal(ep.matches({ source: ["aws.ec2"], detail: { state: ["stopped"] } }, { detail: { state: "stopped" }, source: "aws.ec2" }), true);
});

test("lint notes carry their kind, place and fixed pattern", () => {
  const text = '{"source": ["aws.lambda"], "detail": {"eventName": ["CreateFunction"]}}';
  const [note] = ep.lint(text);
  assert.deepEqual(Object.keys(note), ["line", "column", "note", "suggestion", "kind", "start", "end", "pattern"]);
  assert.equal(note.kind, "lambda-api-version");
  assert.equal(note.column, 53);
  assert.equal(text.slice(note.start, note.end), '"CreateFunction"');
  assert.equal(note.suggestion, '{"prefix": "CreateFunction"}');
  assert.equal(ep.matches(note.pattern, { source: "aws.lambda", detail: { eventName: "CreateFunction20150331" } }), true);
  assert.deepEqual(ep.lint({ source: ["aws.ec2"] }), []);
});

test("RuleSet: names of the matching rules in the order given; errors name the rule", () => {
  const rules = new ep.RuleSet({
    stopped: { source: ["aws.ec2"], detail: { state: ["stopped"] } },
    anyEc2: '{"source": [{"prefix": "aws.ec"}]}',
    s3: { source: ["aws.s3"] },
  });
  assert.equal(rules.size, 3);
  assert.deepEqual(rules.matching({ source: "aws.ec2", detail: { state: "stopped" } }), ["stopped", "anyEc2"]);
  assert.deepEqual(rules.matching('{"source": "aws.s3"}'), ["s3"]);
  assert.deepEqual(rules.matching("{}"), []);
  assert.throws(() => rules.matching("{"), ep.EventError);
  const fromMap = new ep.RuleSet(new Map([["m", { a: ["1"] }]]));
  assert.deepEqual(fromMap.matching({ a: "1" }), ["m"]);
  fromMap.free();
  assert.throws(
    () => new ep.RuleSet({ fine: { a: ["1"] }, broken: { a: "1" } }),
    (e) => e instanceof ep.PatternError && e.rule === "broken" && e.kind === "field-not-object-or-array",
  );
});

test("wrapCloudTrail wraps a record and a log's first record; example events match", () => {
  const log = read("examples/cloudtrail-log.json");
  const event = ep.wrapCloudTrail(log);
  assert.equal(typeof event, "string");
  const wrapped = JSON.parse(event);
  assert.equal(wrapped["detail-type"], "AWS API Call via CloudTrail");
  const record = JSON.parse(log).Records[0];
  const fromObject = ep.wrapCloudTrail(record);
  assert.equal(fromObject.source, wrapped.source);
  assert.deepEqual(fromObject.detail, record);
  assert.equal(ep.wrapCloudTrail('{"source": "x"}'), '{"source": "x"}');
  const pattern = read("examples/templates/s3-create-bucket.pattern.json");
  const example = ep.example(pattern);
  assert.equal(ep.matches(pattern, example), true);
  // Nothing is outside the wildcard "*": no event has a value for `a`.
  assert.equal(ep.example({ a: [{ "anything-but": { wildcard: "*" } }] }), null);
});
