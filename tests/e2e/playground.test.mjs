// End-to-end tests of the built page (dist/) in the system's headless Chromium,
// served on 127.0.0.1 by a throwaway static server. Run: node --test tests/e2e/
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { env, open, paste, root, settled, shots, verdict, waitVerdict, pickTemplate } from './harness.mjs';

// Most tests paste whole texts; tests/e2e/authoring.test.mjs types key by key.
const setText = paste;

test('loads with the EC2 template and matches', async () => {
  const { context, page, requests } = await open();
  assert.equal(await verdict(page), 'MATCH');
  assert.equal(await page.inputValue('[data-testid="template-picker"]'), 'ec2-state-change');
  const states = await page.$$eval('[data-testid="event-view"] [data-state]', (els) => els.map((e) => [e.dataset.path, e.dataset.state]));
  assert.deepEqual(states.map((s) => s[1]), ['matched', 'matched', 'matched']);
  assert.ok(states.some(([p]) => p === 'detail.state'));
  await page.screenshot({ path: path.join(shots, 'match.png'), fullPage: true });
  const foreign = requests.filter((u) => !u.startsWith(env.base));
  assert.deepEqual(foreign, [], 'no request may leave the page');
  // With the network off, the loaded page keeps working.
  await context.setOffline(true);
  const event = await page.inputValue('[data-testid="event-input"]');
  await setText(page, 'event-input', event.replace('"stopped"', '"pending"'));
  await waitVerdict(page, 'NO MATCH');
  await context.close();
});

test('each starter template matches', async () => {
  const { context, page } = await open();
  for (const id of ['ec2-state-change', 's3-create-bucket', 'lambda-esm']) {
    await pickTemplate(page, id);
    await waitVerdict(page, 'MATCH');
  }
  const options = await page.$$eval('[data-testid="template-picker"] option', (o) => o.map((x) => x.value).filter(Boolean));
  assert.ok(options.length >= 10, `only ${options.length} templates`);
  for (const id of options) {
    await pickTemplate(page, id);
    await waitVerdict(page, 'MATCH');
  }
  await pickTemplate(page, 'lambda-esm');
  await page.screenshot({ path: path.join(shots, 'cloudtrail.png'), fullPage: true });
  await context.close();
});

test('a running instance does not match and detail.state is explained', async () => {
  const { context, page } = await open();
  const event = await page.inputValue('[data-testid="event-input"]');
  await setText(page, 'event-input', event.replace('"stopped"', '"running"'));
  await waitVerdict(page, 'NO MATCH');
  const why = await page.textContent('[data-testid="explanation"]');
  assert.match(why, /detail\.state/);
  assert.match(why, /"running"/);
  assert.equal(await page.getAttribute('[data-testid="event-view"] [data-path="detail.state"]', 'data-state'), 'failed');
  await page.hover('[data-field="detail.state"]');
  assert.match(await page.getAttribute('[data-testid="event-view"] [data-path="detail.state"]', 'class'), /linked/);
  assert.equal(await page.getAttribute('.gutter [data-linked-line]', 'data-linked-line'), '9');
  await page.hover('[data-testid="event-view"] [data-path="source"]');
  assert.match(await page.getAttribute('[data-field="source"]', 'class'), /linked/);
  await page.screenshot({ path: path.join(shots, 'no-match.png'), fullPage: true });
  await context.close();
});

test('case and path near-misses get hints', async () => {
  const { context, page } = await open();
  const event = await page.inputValue('[data-testid="event-input"]');
  await setText(page, 'event-input', event.replace('"stopped"', '"Stopped"'));
  await waitVerdict(page, 'NO MATCH');
  assert.match(await page.textContent('[data-testid="explanation"]'), /equals-ignore-case/);
  await page.click('.apply-fix');
  await waitVerdict(page, 'MATCH');
  assert.match(await page.inputValue('[data-testid="pattern-input"]'), /"equals-ignore-case": "stopped"/);
  await setText(page, 'pattern-input', '{"detail": {"State": ["Stopped"]}}');
  await waitVerdict(page, 'NO MATCH');
  assert.match(await page.textContent('[data-testid="explanation"]'), /Did you mean `?detail\.state/);
  assert.equal(await page.getAttribute('[data-testid="event-view"] [data-path="detail.State"]', 'data-state'), 'missing');
  await context.close();
});

test('notes on a pattern that AWS accepts but that misses', async () => {
  const { context, page } = await open();
  await pickTemplate(page, 'lambda-esm');
  await waitVerdict(page, 'MATCH');
  await setText(page, 'pattern-input', '{"source": ["lambda.amazonaws.com"], "detail": {"eventName": ["UpdateEventSourceMapping"]}}');
  await waitVerdict(page, 'NO MATCH');
  const notes = await page.textContent('[data-testid="lints"]');
  assert.match(notes, /aws\.lambda/);
  assert.match(notes, /version/);
  await page.click('[data-testid="lints"] .apply-fix');
  await page.click('[data-testid="lints"] .apply-fix');
  await waitVerdict(page, 'MATCH');
  assert.equal(await page.$('[data-testid="lints"]'), null);
  await context.close();
});

test('a pasted CloudTrail record is wrapped in the EventBridge envelope', async () => {
  const { context, page } = await open();
  await pickTemplate(page, 's3-create-bucket');
  await waitVerdict(page, 'MATCH');
  const event = JSON.parse(await page.inputValue('[data-testid="event-input"]'));
  await setText(page, 'event-input', JSON.stringify({ Records: [event.detail] }, null, 2));
  await waitVerdict(page, 'NO MATCH');
  await page.click('[data-testid="cloudtrail-offer"] button');
  await waitVerdict(page, 'MATCH');
  const wrapped = JSON.parse(await page.inputValue('[data-testid="event-input"]'));
  assert.equal(wrapped['detail-type'], 'AWS API Call via CloudTrail');
  assert.equal(wrapped.source, 'aws.s3');
  assert.deepEqual(wrapped.detail, event.detail);
  assert.equal(await page.$('[data-testid="cloudtrail-offer"]'), null);
  await context.close();
});

test('an invalid pattern shows INVALID with AWS reason and position', async () => {
  const { context, page } = await open();
  await setText(page, 'pattern-input', '{\n  "detail": {"state": [{"prefix": 5}]}\n}');
  await waitVerdict(page, 'INVALID');
  const error = await page.textContent('[data-testid="error"]');
  assert.match(error, /prefix match pattern must be a string/);
  assert.match(error, /line 2, column 35/);
  assert.equal(await page.textContent('[data-testid="pattern-input-mark"]'), '5');
  await page.screenshot({ path: path.join(shots, 'invalid.png'), fullPage: true });
  await setText(page, 'pattern-input', "{\"detail\": {\"state\": ['x']}}");
  await waitVerdict(page, 'INVALID');
  assert.match(await page.textContent('[data-testid="error"]'), /Unexpected character \('''/);
  await context.close();
});

test('with both texts broken, each editor shows its own error', async () => {
  const { context, page } = await open();
  // Delete the event's closing `}`, then the pattern's, with the keyboard
  // (both files end with a new line).
  for (const id of ['event-input', 'pattern-input']) {
    await page.click(`[data-testid="${id}"]`);
    await page.keyboard.press('ControlOrMeta+End');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Backspace');
  }
  await waitVerdict(page, 'INVALID');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="error-plain"]').length === 2);
  assert.ok(await page.$('[data-testid="event-input-mark"]'));
  assert.ok(await page.$('[data-testid="pattern-input-mark"]'));
  await context.close();
});

test('share link round trip in a fresh profile', async () => {
  const { context, page } = await open();
  await pickTemplate(page, 's3-create-bucket');
  await waitVerdict(page, 'MATCH');
  const pattern = '{"source": ["aws.s3"], "detail": {"eventName": [{"prefix": "Create"}], "note": ["é 😀 \\u0041"]}}';
  await setText(page, 'pattern-input', pattern);
  await waitVerdict(page, 'NO MATCH');
  const event = await page.inputValue('[data-testid="event-input"]');
  await page.click('[data-testid="share-link"]');
  await page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const url = page.url();
  await context.close();
  const fresh = await open(url);
  assert.equal(await fresh.page.inputValue('[data-testid="pattern-input"]'), pattern);
  assert.equal(await fresh.page.inputValue('[data-testid="event-input"]'), event);
  assert.equal(await fresh.page.inputValue('[data-testid="template-picker"]'), 's3-create-bucket');
  assert.equal(await verdict(fresh.page), 'NO MATCH');
  await fresh.context.close();
});

test('a corrupt share link shows a notice and the default state', async () => {
  const { context, page } = await open(`${env.base}#v1.<script>alert(1)</script>`);
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be opened/);
  assert.equal(await verdict(page), 'MATCH');
  assert.equal(await page.inputValue('[data-testid="template-picker"]'), 'ec2-state-change');
  await context.close();
});

test('hostile event values render as text', async () => {
  const { context, page, dialogs } = await open();
  const hostile = '<img src=x onerror=alert(1)>';
  await setText(page, 'event-input', JSON.stringify({ source: 'aws.ec2', 'detail-type': hostile, detail: { state: hostile } }));
  await setText(page, 'pattern-input', JSON.stringify({ detail: { state: [hostile] } }));
  await waitVerdict(page, 'MATCH');
  assert.equal(await page.$$eval('img', (imgs) => imgs.length), 0);
  assert.match(await page.textContent('[data-testid="event-view"]'), /<img src=x onerror=alert\(1\)>/);
  // A dialog blocks the page, so once a round trip through the page's event
  // loop returns, any dialog the rendering opened has been recorded.
  await settled(page);
  assert.deepEqual(dialogs, []);
  await context.close();
});

test('reload restores the last state', async () => {
  const { context, page } = await open();
  await setText(page, 'pattern-input', '{"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}');
  await waitVerdict(page, 'NO MATCH');
  // No wait for the autosave: the page saves when it is hidden or left.
  await page.reload();
  await page.waitForSelector('[data-testid="verdict"]');
  assert.equal(await page.inputValue('[data-testid="pattern-input"]'), '{"source": ["aws.ec2"], "detail": {"state": ["terminated"]}}');
  assert.equal(await verdict(page), 'NO MATCH');
  await context.close();
});

test('keyboard: Tab indents in the editor, Esc then Tab leaves it', async () => {
  const { context, page } = await open();
  await setText(page, 'pattern-input', '{}');
  await page.focus('[data-testid="pattern-input"]');
  await page.keyboard.press('End');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('[data-testid="pattern-input"]'), '{}  ');
  await page.keyboard.press('Escape');
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.dataset?.testid ?? document.activeElement?.tagName);
  assert.notEqual(focused, 'pattern-input');
  await context.close();
});

test('works at 390 px wide', async () => {
  const { context, page } = await open(env.base, { viewport: { width: 390, height: 844 } });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page is ${overflow}px wider than the screen`);
  await page.screenshot({ path: path.join(shots, 'narrow.png'), fullPage: true });
  await context.close();
});

test('dark theme follows the system', async () => {
  const { context, page } = await open(env.base, { colorScheme: 'dark' });
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, 'rgb(15, 19, 24)');
  await page.screenshot({ path: path.join(shots, 'dark.png'), fullPage: true });
  await context.close();
});
