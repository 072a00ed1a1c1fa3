// The browser entry (web.mjs: the ES module glue, the WebAssembly fetched
// beside it, top-level await) in headless Chromium, from the installed
// package served over HTTP: the whole conformance corpus and the error class.
import test from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import fs from "node:fs";
import path from "node:path";
import corpus from "./corpus.cjs";

const { chromium } = await import(path.join(corpus.ROOT, "node_modules/playwright-core/index.mjs"));
const pkg = path.resolve("node_modules/eventpattern");
const types = { ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };

test("the browser entry gives AWS's answer on every case in Chromium", async () => {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === "/") {
      res.writeHead(200, { "content-type": "text/html" }).end("<!doctype html><title>eventpattern</title>");
      return;
    }
    const file = path.join(pkg, decodeURIComponent(url.pathname));
    if (!file.startsWith(pkg) || !fs.existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": types[path.extname(file)] ?? "application/octet-stream" });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const failures = await page.evaluate(async (cases) => {
      const ep = await import("/web.mjs");
      const out = [];
      for (const c of cases) {
        try {
          const verdict = ep.matches(c.pattern, c.event) ? "match" : "no-match";
          if (verdict !== c.expected) out.push(`${c.id}: ${verdict}`);
        } catch (e) {
          if (!(e instanceof ep.PatternError)) out.push(`${c.id}: ${e}`);
          else if (c.expected !== "invalid") out.push(`${c.id}: invalid (${e.reason})`);
          else if (c.errorReason !== undefined && e.reason !== c.errorReason) out.push(`${c.id}: ${e.reason}`);
        }
      }
      const t = ep.explain({ a: ["x"] }, '{"a": "😀y"}');
      if (t.fields[0].values[0].end !== 11) out.push(`UTF-16 offsets: ${JSON.stringify(t.fields[0].values[0])}`);
      return out;
    }, corpus.cases());
    assert.deepEqual(failures, []);
  } finally {
    await browser.close();
    server.close();
  }
});
