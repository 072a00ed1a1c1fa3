// The package through a bundler: webpack 5 (from npm, installed by
// scripts/test-npm.sh) resolves `import … from "eventpattern"` for the web
// (the package's "browser" entry), emits the WebAssembly as an asset from
// `new URL(…, import.meta.url)` and keeps the top-level await; the bundle
// then runs in headless Chromium.
import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import corpus from "./corpus.cjs";

const require = createRequire(path.resolve("package.json"));
const { chromium } = await import(path.join(corpus.ROOT, "node_modules/playwright-core/index.mjs"));

test("a webpack bundle of the package runs in Chromium", async () => {
  const webpack = require("webpack");
  const out = path.resolve("bundle");
  fs.rmSync(out, { recursive: true, force: true });
  fs.writeFileSync(
    "bundle-entry.mjs",
    `import { matches, explain, validate, RuleSet, PatternError } from "eventpattern";
window.results = {
  match: matches({ source: ["aws.ec2"] }, '{"source": "aws.ec2"}'),
  outcome: explain('{"a": ["x"]}', '{"a": "y"}').fields[0].outcome,
  reason: validate('{"a": "x"}').reason,
  isError: validate("{}") instanceof PatternError,
  rules: new RuleSet({ r: { a: ["1"] } }).matching({ a: "1" }),
};`,
  );
  const stats = await new Promise((resolve, reject) =>
    webpack(
      { mode: "production", target: "web", entry: path.resolve("bundle-entry.mjs"), output: { path: out, filename: "main.js", publicPath: "/" } },
      (err, s) => (err ? reject(err) : resolve(s)),
    ),
  );
  assert.ok(!stats.hasErrors(), stats.toString("errors-only"));
  const emitted = fs.readdirSync(out);
  assert.ok(emitted.some((f) => f.endsWith(".wasm")), `no wasm asset in ${emitted}`);

  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><script src="/main.js"></script>');
      return;
    }
    const file = path.join(out, decodeURIComponent(url.pathname));
    if (!file.startsWith(out) || !fs.existsSync(file)) return res.writeHead(404).end();
    const type = file.endsWith(".wasm") ? "application/wasm" : "text/javascript";
    res.writeHead(200, { "content-type": type });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    await page.waitForFunction(() => window.results !== undefined || window.__failed, null, { timeout: 20000 });
    assert.deepEqual(errors, []);
    assert.deepEqual(await page.evaluate(() => window.results), {
      match: true,
      outcome: "no-condition-met",
      reason: '"a" must be an object or an array',
      isError: true,
      rules: ["r"],
    });
  } finally {
    await browser.close();
    server.close();
  }
});
