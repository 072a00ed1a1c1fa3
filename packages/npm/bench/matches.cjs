// Throughput of the installed npm package under Node, on the committed
// sample workload (bench/sample): `matches` with the three seed rules over
// 300 events (text and objects in), a RuleSet of the sample's rules, and the
// big event. Run from a project that has the package installed:
//   cd target/npm-test && node ../../packages/npm/bench/matches.cjs [passes]
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const ep = require(path.join(process.cwd(), "node_modules", "eventpattern"));

const sample = path.join(__dirname, "../../../bench/sample");
const lines = (f) => fs.readFileSync(path.join(sample, f), "utf8").split("\n").filter((l) => l.trim());
const events = lines("events.jsonl");
const objects = events.map((e) => JSON.parse(e));
const seeds = lines("seed_patterns.jsonl");
const rules = lines("patterns.jsonl");
const big = fs.readFileSync(path.join(sample, "big_event.json"), "utf8");
const passes = Number(process.argv[2] ?? 21);

/** Median over the passes of one pass's time per item, in microseconds. */
function measure(name, items, run) {
  const times = [];
  let hits = 0;
  for (let p = 0; p < passes; p++) {
    const t = process.hrtime.bigint();
    hits = 0;
    for (const item of items) hits += run(item);
    times.push(Number(process.hrtime.bigint() - t) / 1000 / items.length);
  }
  times.sort((a, b) => a - b);
  const median = times[times.length >> 1];
  console.log(`${name}: ${median.toFixed(2)} µs (best ${times[0].toFixed(2)}), ${hits} hits/pass`);
}

for (const [i, seed] of seeds.entries()) {
  measure(`seed rule ${i + 1}, matches(text, text), per event`, events, (e) => ep.matches(seed, e));
}
const seedObject = JSON.parse(seeds[0]);
measure("seed rule 1, matches(object, object), per event", objects, (e) => ep.matches(seedObject, e));
const set = new ep.RuleSet(Object.fromEntries(rules.map((r, i) => [`rule-${i}`, r])));
measure(`RuleSet of ${rules.length} rules, matching(text), per event`, events, (e) => set.matching(e).length);
measure(`${(big.length / 1e6).toFixed(2)} MB event, seed rule 2, per event`, [big], (e) => ep.matches(seeds[1], e));
