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
        assert.equal(e.message, `Event pattern is not valid. Reason: ${e.reason}`);
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
