// The whole conformance corpus through the installed package's CommonJS
// entry: every verdict and every AWS reason text, as text and (where the
// object form is the same pattern and event) as objects.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const ep = require("eventpattern");
const { cases, asObject } = require("./corpus.cjs");

function check(api, pattern, event, c) {
  if (c.expected === "invalid") {
    assert.throws(
      () => api.matches(pattern, event),
      (e) => {
        assert.ok(e instanceof api.PatternError, `${c.id}: ${e}`);
        if (c.errorReason !== undefined) assert.equal(e.reason, c.errorReason, c.id);
        // AWS's whole message: the reason, then where AWS's parser stopped if it adds that.
        assert.ok(e.message.startsWith(`Event pattern is not valid. Reason: ${e.reason}`), c.id);
        return true;
      },
      c.id,
    );
    const v = api.validate(pattern);
    assert.ok(v instanceof api.PatternError, c.id);
    if (c.errorReason !== undefined) assert.equal(v.reason, c.errorReason, c.id);
  } else {
    const want = c.expected === "match";
    assert.equal(api.matches(pattern, event), want, `${c.id}: matches`);
    assert.equal(api.explain(pattern, event).matched, want, `${c.id}: explain`);
    assert.equal(api.validate(pattern), null, c.id);
  }
}

module.exports = { check };

if (require.main === module) {
  const all = cases();
  test("the corpus has every case", () => assert.ok(all.length >= 745, `${all.length} cases`));
  test("every case gives AWS's answer, texts in", () => {
    for (const c of all) check(ep, c.pattern, c.event, c);
  });
  test("whole messages are AWS's byte for byte (the parser's location lines included)", () => {
    const fs = require("node:fs");
    const path = require("node:path");
    const file = path.join(process.env.EVENTPATTERN_ROOT, "crates", "eventpattern", "tests", "aws_messages.jsonl");
    const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.trim());
    assert.ok(lines.length >= 200, `${lines.length} messages`);
    for (const line of lines) {
      const c = JSON.parse(line);
      assert.equal(ep.validate(c.pattern).message, c.message, c.id);
    }
  });
  test("every case gives AWS's answer, objects in (where the object is the same text)", () => {
    let n = 0;
    for (const c of all) {
      const [p, e] = [asObject(c.pattern), asObject(c.event)];
      if (p === null || e === null) continue;
      check(ep, p, e, c);
      n++;
    }
    assert.ok(n >= 600, `only ${n} cases as objects`);
  });
}
