// Shared by the end-to-end tests: serves dist/ on 127.0.0.1, launches the
// system Chromium, and drives the page the way a person does.
import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export const root = path.resolve(import.meta.dirname, '../..');
export const dist = path.join(root, 'dist');
export const shots = path.join(root, 'target', 'screenshots');
const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
export const env = { base: '', browser: null };

before(async () => {
  assert.ok(fs.existsSync(path.join(dist, 'index.html')), 'dist/ is missing: run scripts/build-web.sh first');
  fs.mkdirSync(shots, { recursive: true });
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    // Test-only scripts, served from the page's origin so its CSP allows them.
    if (url.pathname === '/__test/axe.min.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      fs.createReadStream(path.join(root, 'node_modules/axe-core/axe.min.js')).pipe(res);
      return;
    }
    const file = path.join(dist, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
    if (!file.startsWith(dist) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  env.server = server;
  env.base = `http://127.0.0.1:${server.address().port}/`;
  env.browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
  });
});

after(async () => {
  await env.browser?.close();
  env.server?.close();
});

/// Opens the page in a fresh profile (no shared storage), or in `context` when given.
export async function open(url = env.base, { viewport = { width: 1400, height: 1000 }, context, colorScheme } = {}) {
  context ??= await env.browser.newContext({ viewport, colorScheme });
  const page = await context.newPage();
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const dialogs = [];
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });
  await page.goto(url);
  await page.waitForSelector('[data-testid="verdict"]');
  return { context, page, requests, dialogs };
}

/// Resolves once the page has painted what it was doing and run the task
/// after that paint: a round trip through the page's own event loop, not a
/// fixed wait, before asserting that something did not happen.
export const settled = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

/// Waits until an editor's line numbers count the lines its textarea holds:
/// after an edit that adds a line, the page's state holds the edit and its
/// effects (autosave included) have run.
export async function waitLineNumbers(page, testid) {
  await page.waitForFunction((id) => {
    const area = document.querySelector(`[data-testid="${id}"]`);
    const gutter = area?.closest('.editor-body')?.querySelector('.gutter');
    return gutter && gutter.textContent.split('\n').length - 1 === area.value.split('\n').length;
  }, testid);
}

export const verdict = (page) => page.textContent('[data-testid="verdict"]');

/// Replaces an editor's whole text the way a paste does (select all, insert).
export async function paste(page, testid, text) {
  await page.focus(`[data-testid="${testid}"]`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.insertText(text);
}

/// Picks a template and waits until its texts are in the editors (all but
/// the first are fetched when picked).
export async function pickTemplate(page, id) {
  const pattern = fs.readFileSync(path.join(root, 'examples/templates', `${id}.pattern.json`), 'utf8');
  await page.selectOption('[data-testid="template-picker"]', id);
  await page.waitForFunction((p) => document.querySelector('[data-testid="pattern-input"]').value === p, pattern);
}

export async function waitVerdict(page, expected) {
  await page.waitForFunction((v) => document.querySelector('[data-testid="verdict"]')?.textContent === v, expected);
}

/// The test id (or tag name) of the focused element.
export const focused = (page) => page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
