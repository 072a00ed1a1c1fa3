// Authoring tools: build a pattern by clicking the event, export it, the
// quick reference, plain errors with quick fixes, delivery notes, shortcuts,
// and accessibility (axe-core) in every state, light and dark.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import YAML from 'yaml';
import { env, focused, open, paste, shots, verdict, waitVerdict, pickTemplate } from './harness.mjs';

const value = (page, testid) => page.inputValue(`[data-testid="${testid}"]`);

async function axe(page, label) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ url: '/__test/axe.min.js' });
  }
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
  });
  assert.deepEqual(result, [], `axe violations (${label})`);
}

test('clicking event values builds a valid pattern, key by key of the menu', async () => {
  const { context, page } = await open();
  await paste(page, 'pattern-input', '{}');
  await waitVerdict(page, 'INVALID');
  // Start from the event: source and detail-type.
  await page.click('[data-testid="start-pattern"]');
  await waitVerdict(page, 'MATCH');
  const started = JSON.parse(await value(page, 'pattern-input'));
  assert.deepEqual(started, { source: ['aws.ec2'], 'detail-type': ['EC2 Instance State-change Notification'] });
  // Click detail.state, choose prefix.
  await page.click('[data-testid="event-view"] [data-path="detail.state"]');
  const ops = await page.$$eval('[data-testid="field-menu"] [data-op]', (b) => b.map((x) => x.dataset.op));
  assert.ok(ops.includes('prefix') && ops.includes('exact') && ops.includes('anything-but') && ops.includes('exists'), ops.join());
  assert.ok(!ops.includes('numeric') && !ops.includes('cidr'), 'numeric/cidr only for numbers/addresses');
  await page.screenshot({ path: path.join(shots, 'field-menu.png') });
  await page.click('[data-testid="field-menu"] [data-op="prefix"]');
  await waitVerdict(page, 'MATCH');
  const built = JSON.parse(await value(page, 'pattern-input'));
  assert.deepEqual(built.detail, { state: [{ prefix: 'stopped' }] });
  // The new condition is selected in the focused pattern editor.
  const sel = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="pattern-input"]');
    return { active: document.activeElement === el, text: el.value.slice(el.selectionStart, el.selectionEnd) };
  });
  assert.ok(sel.active);
  assert.equal(sel.text.replace(/\s+/g, ''), '{"prefix":"stopped"}');
  // Keyboard: Enter on a value opens its menu; arrows move; Esc closes it.
  await page.focus('[data-testid="event-view"] [data-path="region"]');
  await page.keyboard.press('Enter');
  await page.waitForSelector('[data-testid="field-menu"]');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.op), 'exact');
  await page.keyboard.press('ArrowDown');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.op), 'prefix');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('[data-testid="field-menu"]'), null);
  // The focus goes back to the value the menu was for.
  await page.waitForFunction(() => document.activeElement?.dataset?.path === 'region');
  await page.keyboard.press('Enter');
  await page.keyboard.press('Enter');
  await waitVerdict(page, 'MATCH');
  assert.deepEqual(JSON.parse(await value(page, 'pattern-input')).region, ['us-east-1']);
  await context.close();
});

test('numbers get numeric, addresses get cidr, and replacing a condition works', async () => {
  const { context, page } = await open();
  await paste(page, 'event-input', JSON.stringify({ source: 'aws.x', 'detail-type': 't', detail: { count: 7, ip: '10.1.2.3', tags: ['a', 'b'] } }, null, 2));
  await paste(page, 'pattern-input', '{"detail": {"count": [7]}}');
  await waitVerdict(page, 'MATCH');
  await page.click('[data-testid="event-view"] [data-path="detail.count"]');
  const ops = await page.$$eval('[data-testid="field-menu"] [data-op]', (b) => b.map((x) => x.dataset.op));
  assert.ok(ops.includes('numeric') && !ops.includes('prefix'), ops.join());
  await page.check('[data-testid="field-menu"] input[type="checkbox"]');
  await page.click('[data-testid="field-menu"] [data-op="numeric"]');
  await waitVerdict(page, 'MATCH');
  assert.deepEqual(JSON.parse(await value(page, 'pattern-input')).detail.count, [{ numeric: ['>=', 7] }]);
  await page.click('[data-testid="event-view"] [data-path="detail.ip"]');
  await page.click('[data-testid="field-menu"] [data-op="cidr"]');
  await waitVerdict(page, 'MATCH');
  assert.deepEqual(JSON.parse(await value(page, 'pattern-input')).detail.ip, [{ cidr: '10.1.2.0/24' }]);
  // Array elements are marked one by one: only the matching element is matched.
  await paste(page, 'pattern-input', '{"detail": {"tags": ["b"]}}');
  await waitVerdict(page, 'MATCH');
  const tagStates = await page.$$eval('[data-testid="event-view"] [data-path="detail.tags"]', (els) => els.map((e) => e.dataset.state));
  assert.deepEqual(tagStates, ['failed', 'matched']);
  await context.close();
});

test('export: every format, with the pattern inside each snippet', async () => {
  const { context, page } = await open();
  const pattern = JSON.parse(await value(page, 'pattern-input'));
  await page.click('[data-testid="export"]');
  await page.waitForSelector('[data-testid="export-format"]');
  const formats = await page.$$eval('[data-testid="export-format"] option', (o) => o.map((x) => x.value));
  assert.deepEqual(formats, ['json', 'aws-cli', 'cloudformation-yaml', 'cloudformation-json', 'sam', 'cdk-ts', 'cdk-py', 'terraform', 'serverless']);
  const texts = {};
  for (const f of formats) {
    await page.selectOption('[data-testid="export-format"]', f);
    texts[f] = await page.textContent('[data-testid="export-text"]');
    assert.ok(texts[f].length > 10, f);
  }
  assert.deepEqual(JSON.parse(texts.json), pattern);
  const cfnJson = JSON.parse(texts['cloudformation-json']);
  assert.deepEqual(Object.values(cfnJson.Resources)[0].Properties.EventPattern, pattern);
  const cfnYaml = YAML.parse(texts['cloudformation-yaml']);
  assert.deepEqual(Object.values(cfnYaml.Resources)[0].Properties.EventPattern, pattern);
  const sam = YAML.parse(texts.sam);
  const fn = Object.values(sam.Resources)[0];
  assert.deepEqual(Object.values(fn.Properties.Events)[0].Properties.Pattern, pattern);
  const sls = YAML.parse(texts.serverless);
  assert.deepEqual(Object.values(sls.functions)[0].events[0].eventBridge.pattern, pattern);
  assert.match(texts['aws-cli'], /aws events put-rule/);
  assert.match(texts.terraform, /jsonencode/);
  assert.match(texts['cdk-ts'], /detailType/);
  assert.match(texts['cdk-py'], /detail_type/);
  await page.screenshot({ path: path.join(shots, 'export.png') });
  await axe(page, 'export panel');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('[data-testid="export-format"]'), null);
  // The shortcut opens it too.
  await page.keyboard.press('Alt+Shift+X');
  await page.waitForSelector('[data-testid="export-format"]');
  await context.close();
});

test('quick reference inserts an operator at the caret', async () => {
  const { context, page } = await open();
  await paste(page, 'pattern-input', '{"detail": {"state": []}}');
  const at = (await value(page, 'pattern-input')).indexOf('[]') + 1;
  await page.evaluate((i) => document.querySelector('[data-testid="pattern-input"]').setSelectionRange(i, i), at);
  await page.click('[data-testid="quick-reference"] summary');
  await page.click('[data-testid="quick-reference"] [data-op="prefix"]');
  assert.equal(await value(page, 'pattern-input'), '{"detail": {"state": [{"prefix": "prod-"}]}}');
  assert.equal(await focused(page), 'pattern-input');
  await waitVerdict(page, 'NO MATCH');
  await page.screenshot({ path: path.join(shots, 'quick-reference.png'), fullPage: true });
  await context.close();
});

test('an invalid pattern: one plain sentence, AWS reason below, a quick fix, no layout jump', async () => {
  const { context, page } = await open();
  await paste(page, 'pattern-input', '{"source": "aws.ec2"}');
  await waitVerdict(page, 'INVALID');
  const plain = await page.textContent('[data-testid="error-plain"]');
  assert.ok(plain.length > 20 && !/Source: \(String\)/.test(plain), plain);
  assert.equal(await page.$$eval('[data-testid="error-plain"]', (e) => e.length), 1);
  await page.click('[data-testid="quick-fixes"] button');
  await waitVerdict(page, 'MATCH');
  assert.deepEqual(JSON.parse(await value(page, 'pattern-input')), { source: ['aws.ec2'] });
  await paste(page, 'pattern-input', '{"detail": {"state": [{"startsWith": "stop"}]}}');
  await waitVerdict(page, 'INVALID');
  await page.screenshot({ path: path.join(shots, 'quick-fix.png') });
  await page.click('[data-testid="quick-fixes"] button');
  await waitVerdict(page, 'MATCH');
  // Typing a quote into a valid pattern flips it invalid: nothing below moves.
  await paste(page, 'pattern-input', '{"source": ["aws.ec2"]}');
  await waitVerdict(page, 'MATCH');
  const y0 = await page.evaluate(() => document.querySelector('[data-testid="event-input"]').getBoundingClientRect().top);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.type('"');
  await waitVerdict(page, 'INVALID');
  const y1 = await page.evaluate(() => document.querySelector('[data-testid="event-input"]').getBoundingClientRect().top);
  assert.equal(y1, y0, 'the event editor moved when the pattern became invalid');
  const described = await page.getAttribute('[data-testid="pattern-input"]', 'aria-describedby');
  assert.match(described, /pattern-input-error/);
  await axe(page, 'invalid pattern');
  await context.close();
});

test('a match on a read-only CloudTrail call says what AWS really delivers', async () => {
  const { context, page } = await open();
  await pickTemplate(page, 's3-create-bucket');
  await waitVerdict(page, 'MATCH');
  const event = JSON.parse(await value(page, 'event-input'));
  event.detail.readOnly = true;
  await paste(page, 'event-input', JSON.stringify(event, null, 2));
  await waitVerdict(page, 'MATCH');
  const note = await page.textContent('[data-testid="delivery-note"]');
  assert.match(note, /ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS/);
  await page.screenshot({ path: path.join(shots, 'delivery-note.png') });
  // Native events carry no such note.
  await pickTemplate(page, 'ec2-state-change');
  await waitVerdict(page, 'MATCH');
  assert.equal(await page.$('[data-testid="delivery-note"]'), null);
  await context.close();
});

test('shortcuts: ? lists them, Alt+Shift+P/E move between editors, Alt+Shift+F formats', async () => {
  const { context, page } = await open();
  await page.click('h1');
  await page.keyboard.press('?');
  await page.waitForSelector('[data-testid="shortcuts"]');
  await page.screenshot({ path: path.join(shots, 'shortcuts.png') });
  await axe(page, 'shortcuts');
  await page.keyboard.press('Escape');
  assert.equal(await page.$('[data-testid="shortcuts"]'), null);
  await page.keyboard.press('Alt+Shift+E');
  assert.equal(await focused(page), 'event-input');
  await page.keyboard.press('Alt+Shift+P');
  assert.equal(await focused(page), 'pattern-input');
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type('{"source":["aws.ec2"]}');
  await page.keyboard.press('Alt+Shift+F');
  await page.waitForFunction(() => document.querySelector('[data-testid="pattern-input"]').value.includes('\n'));
  assert.equal(await focused(page), 'pattern-input');
  await context.close();
});

for (const colorScheme of ['light', 'dark']) {
  test(`no axe violations, ${colorScheme}: match, no match with hints, field menu, narrow`, async () => {
    const { context, page } = await open(env.base, { colorScheme });
    await axe(page, `${colorScheme} match`);
    const event = await value(page, 'event-input');
    await paste(page, 'event-input', event.replace('"stopped"', '"Stopped"'));
    await waitVerdict(page, 'NO MATCH');
    await page.click('[data-testid="event-view"] [data-path="region"]');
    await page.waitForSelector('[data-testid="field-menu"]');
    await axe(page, `${colorScheme} no match + menu`);
    await page.setViewportSize({ width: 390, height: 844 });
    await axe(page, `${colorScheme} narrow`);
    await page.screenshot({ path: path.join(shots, `axe-${colorScheme}.png`), fullPage: true });
    await context.close();
  });
}
