// The rules × events page: typed key by key, pasted, dropped, filtered,
// shared, opened from the single view and back, at 10,000 × 100, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { env, open, paste, root, shots, settled, waitVerdict } from './harness.mjs';

const summary = (page) => page.textContent('[data-testid="matrix-summary"]');
const waitSummary = (page, start) =>
  page.waitForFunction((s) => document.querySelector('[data-testid="matrix-summary"]')?.textContent.startsWith(s), start, { timeout: 60_000 });

async function openBatch(url = env.base + 'batch.html', options = {}) {
  const context = options.context ?? (await env.browser.newContext({ viewport: { width: 1400, height: 1000 }, colorScheme: options.colorScheme }));
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  await page.waitForSelector('[data-testid="matrix-summary"]');
  return { context, page, errors };
}

const cells = (page) =>
  page.$$eval('[data-testid="matrix"] td[data-rule]', (tds) => tds.map((td) => `${td.dataset.event}:${td.dataset.rule}:${td.dataset.state}`));

test('the single view opens the batch view, which starts from a sample that shows every part', async () => {
  const { context, page } = await open();
  await page.click('[data-testid="mode-batch"]');
  await page.waitForURL(/batch\.html/);
  await waitSummary(page, '4 events × 4 rules');
  assert.match(await summary(page), /1 rule never fires; 1 event no rule catches/);
  const all = await cells(page);
  assert.equal(all.length, 16);
  assert.ok(all.includes('0:InstanceStopped:matched'), all.join());
  assert.ok(all.includes('2:BucketCreated:matched'), 'the CloudTrail record is wrapped and matched');
  assert.ok(all.includes('3:AnyEc2:unmatched'));
  assert.match(await page.textContent('[data-testid="rules-status"]'), /CloudFormation template \(JSON\): 4 rules/);
  await page.screenshot({ path: path.join(shots, 'batch-sample.png'), fullPage: true });
  await context.close();
});

test('rules and events typed key by key keep the caret, and the matrix follows', async () => {
  const { context, page, errors } = await openBatch();
  await waitSummary(page, '4 events');
  await page.focus('[data-testid="rules-input"]');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  const rules = '{"source": ["aws.ec2"]}\n{"detail": {"state": [{"anything-but": "running"}]}}\n{"source": [{"prefix": "aws.s"}]}';
  await page.keyboard.type(rules, { delay: 5 });
  assert.equal(await page.inputValue('[data-testid="rules-input"]'), rules);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'rules-input');
  await waitSummary(page, '4 events × 3 rules');
  await page.focus('[data-testid="events-input"]');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  const events = '{"source": "aws.ec2", "detail": {"state": "stopped"}}\n{"source": "aws.s3"}\n{"source": "x"';
  await page.keyboard.type(events, { delay: 5 });
  assert.equal(await page.inputValue('[data-testid="events-input"]'), events);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset?.testid), 'events-input');
  await waitSummary(page, '2 events × 3 rules: 3 matches');
  // The unfinished third line is reported, not silently dropped.
  await page.waitForSelector('[data-testid="events-skipped"]');
  assert.deepEqual(await cells(page), [
    '0:line-1:matched', '0:line-2:matched', '0:line-3:unmatched',
    '1:line-1:unmatched', '1:line-2:unmatched', '1:line-3:matched',
  ]);
  // Reload: the batch was saved.
  await page.reload();
  await waitSummary(page, '2 events × 3 rules: 3 matches');
  assert.equal(await page.inputValue('[data-testid="rules-input"]'), rules);
  assert.deepEqual(errors, []);
  await context.close();
});

test('filters show the rules that never fire and the events no rule catches', async () => {
  const { context, page } = await openBatch();
  await waitSummary(page, '4 events × 4 rules');
  await page.check('[data-testid="filter-never-fire"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="matrix"] th.rule').length === 1);
  assert.deepEqual([...new Set((await cells(page)).map((c) => c.split(':')[1]))], ['RootLogin']);
  await page.uncheck('[data-testid="filter-never-fire"]');
  await page.check('[data-testid="filter-uncaught"]');
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="matrix"] tbody tr').length === 1);
  assert.ok((await cells(page)).every((c) => c.startsWith('3:') && c.endsWith(':unmatched')));
  await context.close();
});

test('a cell opens its pair in the single view, explained; Back returns to the batch', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  // Work already saved in the single view stays one Undo away.
  const { page } = await open(env.base, { context });
  await paste(page, 'pattern-input', '{"mine": ["kept"]}');
  await waitVerdict(page, 'NO MATCH');
  await page.waitForFunction(() => (localStorage.getItem('eventpattern-playground.v1') ?? '').includes('kept'));
  await page.goto(env.base + 'batch.html');
  await waitSummary(page, '4 events × 4 rules');
  await page.click('[data-testid="matrix"] td[data-event="1"][data-rule="InstanceStopped"] button');
  await page.waitForSelector('[data-testid="verdict"]');
  await waitVerdict(page, 'NO MATCH');
  const pattern = JSON.parse(await page.inputValue('[data-testid="pattern-input"]'));
  assert.deepEqual(pattern.detail, { state: ['stopped', 'terminated'] });
  assert.match(await page.inputValue('[data-testid="event-input"]'), /"running"/);
  assert.match(await page.textContent('.undo-bar'), /link replaced your saved pattern/);
  await page.click('[data-testid="undo"]');
  assert.equal(await page.inputValue('[data-testid="pattern-input"]'), '{"mine": ["kept"]}');
  await page.goBack();
  await page.waitForURL(/batch\.html/);
  await waitSummary(page, '4 events × 4 rules');
  await context.close();
});

test('a batch link carries the rules and events; a dropped file loads and Undo brings back the text', async () => {
  const { context, page } = await openBatch();
  await waitSummary(page, '4 events × 4 rules');
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.click('[data-testid="batch-link"]');
  const url = await (await page.waitForSelector('[data-testid="batch-url"]')).inputValue();
  assert.match(url, /batch\.html#b1\./);
  const other = await openBatch(url);
  await waitSummary(other.page, '4 events × 4 rules');
  await other.context.close();
  // Drop a YAML template on the rules.
  const yaml = fs.readFileSync(path.join(root, 'tests/fixtures/iac/cloudformation.yaml'), 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'cloudformation.yaml', { type: 'text/yaml' }));
    document.querySelector('[data-testid="rules-input"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, yaml);
  await page.waitForFunction(() => /cloudformation\.yaml/.test(document.querySelector('[data-testid="batch-loaded"]')?.textContent ?? ''));
  await page.waitForFunction(() => /YAML/.test(document.querySelector('[data-testid="rules-status"]').textContent));
  assert.equal(await page.inputValue('[data-testid="rules-input"]'), yaml);
  await page.click('[data-testid="batch-undo"]');
  await waitSummary(page, '4 events × 4 rules');
  assert.match(await page.inputValue('[data-testid="rules-input"]'), /InstanceStopped/);
  await context.close();
});

test('edits after a copied or opened link survive a reload; an opened link keeps the saved batch one Undo away', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const { page } = await openBatch(env.base + 'batch.html', { context });
  await waitSummary(page, '4 events × 4 rules');
  await paste(page, 'rules-input', '{"source": ["mine"]}');
  await waitSummary(page, '4 events × 1 rule:');
  await page.click('[data-testid="batch-link"]');
  const url = await (await page.waitForSelector('[data-testid="batch-url"]')).inputValue();
  assert.equal(new URL(page.url()).hash, '', 'copying does not put the link in the address bar');
  await page.focus('[data-testid="rules-input"]');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type('\n{"source": ["later"]}');
  await waitSummary(page, '4 events × 2 rules');
  await page.reload();
  await waitSummary(page, '4 events × 2 rules');
  // Someone else's link opened in the same browser: the saved batch is not overwritten.
  const theirs = url.replace(/#.*/, '') + '#' + (await (async () => {
    const other = await openBatch(env.base + 'batch.html');
    await paste(other.page, 'rules-input', '{"source": ["theirs"]}\n{"source": ["x"]}\n{"source": ["y"]}');
    await waitSummary(other.page, '4 events × 3 rules');
    await other.page.click('[data-testid="batch-link"]');
    const u = await (await other.page.waitForSelector('[data-testid="batch-url"]')).inputValue();
    await other.context.close();
    return u.split('#')[1];
  })());
  await page.goto('about:blank');
  await page.goto(theirs);
  await waitSummary(page, '4 events × 3 rules');
  assert.match(await page.textContent('[data-testid="batch-loaded"]'), /replaced your saved one/);
  assert.match(await page.evaluate(() => localStorage.getItem('eventpattern-playground.batch.v1')), /later/);
  await page.click('[data-testid="batch-undo"]');
  await waitSummary(page, '4 events × 2 rules');
  assert.equal(new URL(page.url()).hash, '', 'after an edit the link leaves the address bar');
  await page.reload();
  await waitSummary(page, '4 events × 2 rules');
  await context.close();
});

test('the matrix is one Tab stop, and arrow keys move between cells', async () => {
  const { context, page } = await openBatch();
  await waitSummary(page, '4 events × 4 rules');
  const tabbable = await page.$$eval('[data-testid="matrix"] button', (b) => b.filter((x) => x.tabIndex === 0).length);
  assert.equal(tabbable, 1);
  await page.focus('[data-testid="matrix"] button[tabindex="0"]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const at = await page.evaluate(() => { const td = document.activeElement.closest('td'); return `${td.dataset.event}:${td.dataset.rule}`; });
  assert.equal(at, '1:BucketCreated');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="verdict"]');
  await waitVerdict(page, 'NO MATCH');
  await context.close();
});

test('10,000 events × 100 rules: matched in slices with a progress bar, then paged', async () => {
  const { context, page, errors } = await openBatch();
  await waitSummary(page, '4 events');
  const rules = Array.from({ length: 100 }, (_, i) => JSON.stringify({ detail: { n: [i] } })).join('\n');
  const events = Array.from({ length: 10_000 }, (_, i) =>
    JSON.stringify({ version: '0', id: crypto.randomUUID(), 'detail-type': 'Load', source: 'test', account: '1', time: 't', region: 'r', resources: [], detail: { n: i % 200, pad: 'x'.repeat(100) } }),
  ).join('\n');
  await paste(page, 'rules-input', rules);
  await waitSummary(page, '4 events × 100 rules');
  // Frame gaps while matching: the page keeps drawing.
  await page.evaluate(() => {
    window.__gaps = [];
    let last = performance.now();
    const loop = (t) => { window.__gaps.push(t - last); last = t; if (!window.__stop) requestAnimationFrame(loop); };
    requestAnimationFrame(loop);
  });
  // A file this size is dropped rather than typed or pasted.
  const started = Date.now();
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'events.jsonl'));
    document.querySelector('[data-testid="events-input"]').dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, events);
  await page.waitForSelector('[data-testid="batch-progress"]');
  await waitSummary(page, '10,000 events × 100 rules: 5,000 matches. 0 rules never fire; 5,000 events no rule catches.');
  const elapsed = Date.now() - started;
  const maxGap = await page.evaluate(() => { window.__stop = true; return Math.max(...window.__gaps); });
  fs.writeFileSync(path.join(shots, 'batch-10000x100.txt'), `drop to matrix: ${elapsed} ms; longest frame gap while matching: ${maxGap.toFixed(0)} ms\n`);
  assert.equal(await page.textContent('[data-testid="matrix-range"]'), 'Events #0–#49, 50 rows of 10,000 events');
  assert.equal((await cells(page)).length, 50 * 100);
  await page.click('[data-testid="matrix-next"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="matrix-range"]').textContent.startsWith('Events #50–#99'));
  assert.ok((await cells(page)).includes('60:line-61:matched'));
  // Too large for a link (random ids do not compress): said so, nothing copied.
  await page.click('[data-testid="batch-link"]');
  await page.waitForFunction(() => /too large for a link/.test(document.querySelector('[data-testid="batch-notice"]')?.textContent ?? ''));
  await page.screenshot({ path: path.join(shots, 'batch-10000x100.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('invalid and unresolved rules are listed with their lines; dark and narrow screens', async () => {
  const { context, page } = await openBatch(env.base + 'batch.html', { colorScheme: 'dark' });
  await waitSummary(page, '4 events');
  const template = '{"Resources": {\n  "Ok": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"source": ["aws.ec2"]}}},\n  "Bad": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"detail": {"n": [{"prefix": 5}]}}}},\n  "Later": {"Type": "AWS::Events::Rule", "Properties": {"EventPattern": {"Ref": "P"}}}\n}}';
  await paste(page, 'rules-input', template);
  await waitSummary(page, '4 events × 1 rule:');
  const problems = await page.textContent('[data-testid="rules-problems"]');
  assert.match(problems, /Bad \(line 3, column \d+\) left out: prefix match pattern must be a string/);
  assert.match(problems, /Later \(line 4/);
  await page.screenshot({ path: path.join(shots, 'batch-dark.png'), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await settled(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px`);
  await page.screenshot({ path: path.join(shots, 'batch-narrow.png'), fullPage: true });
  await context.close();
});
