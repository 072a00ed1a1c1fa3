// The TypeScript declarations: a program using every export type-checks
// (tsc, strict, against the installed package) for CommonJS and ES modules.
"use strict";
const test = require("node:test");
const assert = require("node:assert/strict");
const { execFileSync } = require("node:child_process");
const fs = require("node:fs");
const path = require("node:path");

const program = `
import { matches, explain, validate, lint, RuleSet, wrapCloudTrail, example, PatternError, EventError, type Trace, type Field, type Note } from "eventpattern";
const ok: boolean = matches({ source: ["aws.ec2"] }, '{"source": "aws.ec2"}');
const t: Trace = explain("{}", "{}");
for (const f of t.fields as Field[]) {
  if (f.outcome === "matched") { const c: string = f.condition; const s: number = f.value.start; void c; void s; }
  if (f.outcome === "array-conflict") { const w: string = f.conflicts_with; void w; }
  for (const h of f.hints) { const fixed: string | null = h.pattern; void fixed; }
}
const err: PatternError | null = validate("{}");
if (err) { const where: [number, number, (string | number)[]] = [err.line, err.column, err.path]; const r: string = err.reason; void where; void r; }
const notes: Note[] = lint("{}");
const rules = new RuleSet({ a: { source: ["x"] }, b: "{}" });
const names: string[] = rules.matching({ source: "x" });
const size: number = rules.size;
const wrapped: string = wrapCloudTrail("{}");
const wrappedObject: object = wrapCloudTrail({});
const e: string | null = example("{}");
try { matches("{", "{}"); } catch (x) { if (x instanceof PatternError || x instanceof EventError) { const m: string = x.message; void m; } }
void ok; void notes; void names; void size; void wrapped; void wrappedObject; void e;
`;

for (const [kind, ext] of [["CommonJS", "cts"], ["ES module", "mts"]]) {
  test(`the declarations type-check a program using every export (${kind})`, () => {
    const file = path.join(process.cwd(), `types-check.${ext}`);
    // The ES module entries also have the whole API as their default export.
    const esm = `import eventpattern from "eventpattern";\nconst viaDefault: boolean = eventpattern.matches("{}", "{}");\nvoid viaDefault;\n`;
    fs.writeFileSync(file, ext === "mts" ? esm + program : program);
    const tsc = path.join(process.cwd(), "node_modules", "typescript", "bin", "tsc");
    try {
      execFileSync(process.execPath, [tsc, "--noEmit", "--strict", "--module", "nodenext", "--moduleResolution", "nodenext", "--target", "es2022", file], { stdio: "pipe" });
    } catch (e) {
      assert.fail(`${e.stdout}${e.stderr}`);
    }
  });
}
