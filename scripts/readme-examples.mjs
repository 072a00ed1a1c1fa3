// Prints the README's examples of one language ("Use it from your code") as
// a test file: `node scripts/readme-examples.mjs javascript > readme.test.cjs`.
// A line `console.log(EXPR); // TEXT` asserts that EXPR prints as TEXT
// (util.format, as console.log prints it). The Rust example is a doctest of
// crates/eventpattern-js (its src/lib.rs includes the README).
import { readFileSync } from "node:fs";

const FENCES = { javascript: "js" };
const language = process.argv[2];
const fence = FENCES[language];
if (!fence) throw new Error(`usage: readme-examples.mjs ${Object.keys(FENCES).join("|")}`);

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const section = readme.split(/^## /m).find((s) => s.startsWith("Use it from your code"));
const blocks = [...section.matchAll(new RegExp("^```" + fence + "\\n([\\s\\S]*?)^```$", "gm"))].map((m) => m[1]);
if (blocks.length === 0) throw new Error(`no ${fence} example in the README's "Use it from your code"`);

const checked = (line) => {
  const m = /^console\.log\((.*)\); \/\/ (.*)$/.exec(line);
  return m ? `assert.equal(util.format(${m[1]}), ${JSON.stringify(m[2])});` : line;
};
const body = blocks.map((b, i) => {
  const lines = b.trimEnd().split("\n");
  if (!lines.some((l) => checked(l) !== l)) throw new Error(`README ${fence} example ${i + 1} checks nothing`);
  return `test("README ${language} example ${i + 1}", () => {\n${lines.map((l) => "  " + checked(l)).join("\n")}\n});`;
});
console.log(`"use strict";
// Generated from README.md by scripts/readme-examples.mjs.
const test = require("node:test");
const assert = require("node:assert/strict");
const util = require("node:util");
${body.join("\n")}`);
