// The page as an editor: typing key by key never loses focus, caret or
// keystrokes; edits from outside (fixes, templates, Format) keep the caret
// sensible; nothing the user did is lost (reloads, share links, a second
// tab, a full storage, templates).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import zlib from 'node:zlib';
import { env, focused, open, paste, shots, verdict, waitLineNumbers, waitVerdict, pickTemplate } from './harness.mjs';

const value = (page, testid) => page.inputValue(`[data-testid="${testid}"]`);

// Types `text` one key at a time and checks, after every key, that the editor
// still has the focus and holds exactly what was typed so far.
async function typeChecked(page, testid, text) {
  let typed = '';
  for (const ch of text) {
    await page.keyboard.type(ch);
    typed += ch;
    const state = await page.evaluate((id) => {
      const el = document.querySelector(`[data-testid="${id}"]`);
      return { active: document.activeElement === el, value: el.value, caret: el.selectionStart };
    }, testid);
    assert.ok(state.active, `focus left the editor after typing ${JSON.stringify(typed)}`);
    assert.equal(state.value, typed, 'the editor lost or reordered keystrokes');
    assert.equal(state.caret, typed.length, `the caret moved after ${JSON.stringify(typed)}`);
  }
}

async function clear(page, testid) {
  await page.click(`[data-testid="${testid}"]`);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
}

test('typing a whole pattern key by key through invalid states keeps focus, caret and every key', async () => {
  const { context, page } = await open();
  await clear(page, 'pattern-input');
  await typeChecked(page, 'pattern-input', '{"source": ["aws.ec2"], "detail": {"state": [{"prefix": "stop"}]}}');
  await waitVerdict(page, 'MATCH');
  // Fast typing (no pause between keys) through a syntax error and back.
  await clear(page, 'pattern-input');
  const fast = '{"detail-type": ["EC2 Instance State-change Notification"], "detail": {"state": [{"anything-but": ["running"]}]}}';
  await page.keyboard.type(fast);
  assert.equal(await value(page, 'pattern-input'), fast);
  assert.equal(await focused(page), 'pattern-input');
  await waitVerdict(page, 'MATCH');
  await context.close();
});

test('typing in the event editor keeps focus and keys, in the middle of the text too', async () => {
  const { context, page } = await open();
  await clear(page, 'event-input');
  await typeChecked(page, 'event-input', '{"source": "aws.ec2", "detail": {"state": "stopped"}}');
  // Edit in the middle: the caret stays where the user put it.
  const text = await value(page, 'event-input');
  const at = text.indexOf('stopped');
  await page.evaluate((i) => document.querySelector('[data-testid="event-input"]').setSelectionRange(i, i), at);
  await page.keyboard.type('\\"x');
  const after = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="event-input"]');
    return { value: el.value, caret: el.selectionStart, active: document.activeElement === el };
  });
  assert.equal(after.value, text.slice(0, at) + '\\"x' + text.slice(at));
  assert.equal(after.caret, at + 3);
  assert.ok(after.active);
  await context.close();
});

test('Apply selects the fixed condition in the pattern editor; Ctrl+Z undoes it', async () => {
  const { context, page } = await open();
  const event = await value(page, 'event-input');
  await paste(page, 'event-input', event.replace('"stopped"', '"Stopped"'));
  await waitVerdict(page, 'NO MATCH');
  const before = await value(page, 'pattern-input');
  await page.click('.apply-fix');
  await waitVerdict(page, 'MATCH');
  const sel = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="pattern-input"]');
    return { active: document.activeElement === el, text: el.value.slice(el.selectionStart, el.selectionEnd) };
  });
  assert.ok(sel.active, 'the pattern editor takes the focus after Apply');
  assert.match(sel.text, /equals-ignore-case/);
  await page.keyboard.press('ControlOrMeta+Z');
  assert.equal(await value(page, 'pattern-input'), before);
  await waitVerdict(page, 'NO MATCH');
  await context.close();
});

test('Format keeps the caret on the same character and refuses to pass 4,096 characters', async () => {
  const { context, page } = await open();
  await paste(page, 'pattern-input', '{"source":["aws.ec2"],"detail":{"state":["stopped"]}}');
  const text = await value(page, 'pattern-input');
  const at = text.indexOf('stopped');
  await page.evaluate((i) => document.querySelector('[data-testid="pattern-input"]').setSelectionRange(i, i), at);
  await page.click('[data-testid="pattern-input-format"]');
  await page.waitForFunction(() => document.querySelector('[data-testid="pattern-input"]').value.includes('\n'));
  const after = await page.evaluate(() => {
    const el = document.querySelector('[data-testid="pattern-input"]');
    return el.value.slice(el.selectionStart, el.selectionStart + 7);
  });
  assert.equal(after, 'stopped');
  const long = `{"k":[${Array.from({ length: 900 }, (_, i) => i % 10).join(',')}]}`;
  await paste(page, 'pattern-input', long);
  await page.click('[data-testid="pattern-input-format"]');
  assert.match(await page.textContent('[data-testid="notice"]'), /4096/);
  assert.equal(await value(page, 'pattern-input'), long);
  await context.close();
});

test('a template replaces the work only on a deliberate choice, and Undo brings it back', async () => {
  const { context, page } = await open();
  const mine = '{"source": ["aws.ec2"], "detail": {"state": ["mine"]}}';
  await paste(page, 'pattern-input', mine);
  await waitVerdict(page, 'NO MATCH');
  // Arrow keys on the focused picker only move through the list.
  await page.focus('[data-testid="template-picker"]');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  assert.equal(await value(page, 'pattern-input'), mine);
  await page.keyboard.press('Enter');
  await page.waitForFunction((m) => document.querySelector('[data-testid="pattern-input"]').value !== m, mine);
  await page.screenshot({ path: path.join(shots, 'undo.png') });
  await page.click('[data-testid="undo"]');
  await page.waitForFunction((m) => document.querySelector('[data-testid="pattern-input"]').value === m, mine);
  await waitVerdict(page, 'NO MATCH');
  assert.equal(await page.$('[data-testid="undo"]'), null);
  // A pick with the mouse loads at once; Ctrl+Z right after brings the work back.
  await pickTemplate(page, 'lambda-esm');
  await waitVerdict(page, 'MATCH');
  await page.focus('[data-testid="template-picker"]');
  await page.keyboard.press('ControlOrMeta+Z');
  await page.waitForFunction((m) => document.querySelector('[data-testid="pattern-input"]').value === m, mine);
  await context.close();
});

test('a reload right after typing keeps the last key', async () => {
  const { context, page } = await open();
  await clear(page, 'pattern-input');
  await page.keyboard.type('{"source": ["aws.ec2x"]}');
  await page.reload();
  await page.waitForSelector('[data-testid="verdict"]');
  assert.equal(await value(page, 'pattern-input'), '{"source": ["aws.ec2x"]}');
  await context.close();
});

test('edits made after opening a share link survive a reload', async () => {
  const first = await open();
  await paste(first.page, 'pattern-input', '{"source": ["aws.ec2"]}');
  await first.page.click('[data-testid="share-link"]');
  await first.page.waitForFunction(() => location.hash.startsWith('#v1.'));
  const url = first.page.url();
  await first.context.close();
  const { context, page } = await open(url);
  assert.equal(await value(page, 'pattern-input'), '{"source": ["aws.ec2"]}');
  await page.click('[data-testid="pattern-input"]');
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type(', "region": ["eu-west-1"]');
  await page.reload();
  await page.waitForSelector('[data-testid="verdict"]');
  assert.equal(await value(page, 'pattern-input'), '{"source": ["aws.ec2"], "region": ["eu-west-1"]}');
  await context.close();
});

test('a second tab on the same storage does not silently overwrite newer work', async () => {
  const a = await open();
  const b = await open(env.base, { context: a.context });
  await paste(a.page, 'pattern-input', '{"source": ["from-tab-a"]}');
  await b.page.waitForSelector('[data-testid="other-tab"]');
  // Tab B types; it must not save over tab A's work.
  await b.page.click('[data-testid="pattern-input"]');
  await b.page.keyboard.press('Enter');
  // Once tab B's state holds the edit (its line numbers count the new line),
  // make it save at once, as it does when hidden (the same save its timer
  // makes): paused, it must write nothing.
  await waitLineNumbers(b.page, 'pattern-input');
  await b.page.evaluate(() => window.dispatchEvent(new Event('pagehide')));
  const saved = await a.page.evaluate(() => localStorage.getItem('eventpattern-playground.v1'));
  assert.ok(saved.includes('{"source": ["from-tab-a"]}'), `tab A's work was overwritten: ${saved}`);
  await b.page.screenshot({ path: path.join(shots, 'other-tab.png') });
  await b.page.click('[data-testid="other-tab"] button.primary');
  await b.page.waitForFunction(() => document.querySelector('[data-testid="pattern-input"]').value === '{"source": ["from-tab-a"]}');
  assert.equal(await a.page.evaluate(() => localStorage.getItem('eventpattern-playground.v1')), saved);
  await a.context.close();
});

test('a tab waiting for that choice keeps its own edits across a reload, and still lets the user choose', async () => {
  const a = await open();
  const b = await open(env.base, { context: a.context });
  await paste(a.page, 'pattern-input', '{"source": ["from-tab-a"]}');
  await b.page.waitForSelector('[data-testid="other-tab"]');
  await b.page.click('[data-testid="pattern-input"]');
  await b.page.keyboard.press('ControlOrMeta+A');
  await b.page.keyboard.type('{"source": ["from-tab-b"]}');
  await b.page.reload();
  await b.page.waitForSelector('[data-testid="other-tab"]');
  assert.equal(await value(b.page, 'pattern-input'), '{"source": ["from-tab-b"]}');
  const stored = () => a.page.evaluate(() => localStorage.getItem('eventpattern-playground.v1'));
  assert.match(await stored(), /from-tab-a/);
  await b.page.click('[data-testid="other-tab"] button:not(.primary)');
  await b.page.waitForFunction(() => /from-tab-b/.test(localStorage.getItem('eventpattern-playground.v1') ?? ''));
  // Chosen: nothing is held any more, so a reload shows the saved work without asking.
  await b.page.reload();
  await b.page.waitForSelector('[data-testid="verdict"]');
  assert.equal(await value(b.page, 'pattern-input'), '{"source": ["from-tab-b"]}');
  assert.equal(await b.page.locator('[data-testid="other-tab"]').count(), 0);
  await a.context.close();
});

test('a failed save is said, not silent', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1400, height: 1000 } });
  await context.addInitScript(() => {
    Storage.prototype.setItem = function () { throw new DOMException('full', 'QuotaExceededError'); };
  });
  const { page } = await open(env.base, { context });
  await page.click('[data-testid="pattern-input"]');
  await page.keyboard.type(' ');
  await page.waitForSelector('[data-testid="notice"]');
  assert.match(await page.textContent('[data-testid="notice"]'), /could not be saved/);
  assert.equal(await verdict(page), 'MATCH');
  await context.close();
});

// The link format: each field as a u32 little-endian length and its UTF-8,
// raw-deflated, base64url. Made here with Node's zlib, independently of the page.
function linkPayload({ template, pattern, event }) {
  return Buffer.concat([template, pattern, event].flatMap((f) => {
    const b = Buffer.from(f, 'utf8');
    const n = Buffer.alloc(4);
    n.writeUInt32LE(b.length);
    return [n, b];
  }));
}

test('links made by earlier versions still open, and new links are standard raw deflate', async () => {
  const state = { template: 's3-create-bucket', pattern: '{"source": ["aws.s3"], "x": ["é 😀"]}', event: '{"source": "aws.s3", "x": "é 😀"}' };
  const old = 'v1.' + zlib.deflateRawSync(linkPayload(state), { level: 9 }).toString('base64url');
  const { context, page } = await open(`${env.base}#${old}`);
  assert.equal(await value(page, 'pattern-input'), state.pattern);
  assert.equal(await value(page, 'event-input'), state.event);
  assert.equal(await verdict(page), 'MATCH');
  await page.click('[data-testid="share-link"]');
  await page.waitForSelector('[data-testid="share-url"]');
  const made = new URL(page.url()).hash.slice('#v1.'.length);
  assert.deepEqual(zlib.inflateRawSync(Buffer.from(made, 'base64url')), linkPayload(state));
  await context.close();
});
