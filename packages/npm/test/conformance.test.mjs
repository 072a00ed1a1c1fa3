// The whole conformance corpus through the installed package's ES module
// entry (the same checks as the CommonJS test).
import test from "node:test";
import assert from "node:assert/strict";
import * as ep from "eventpattern";
import corpus from "./corpus.cjs";
import conformance from "./conformance.test.cjs";

const all = corpus.cases();

test("the ES module entry exports the API", () => {
  for (const name of ["matches", "explain", "validate", "lint", "RuleSet", "wrapCloudTrail", "example", "PatternError", "EventError"]) {
    assert.ok(name in ep, name);
  }
});

test("every case gives AWS's answer through the ES module entry", () => {
  assert.ok(all.length >= 745);
  for (const c of all) conformance.check(ep, c.pattern, c.event, c);
});
