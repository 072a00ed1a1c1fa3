// Keystroke-to-verdict latency on 10 KB, 256 KB (AWS's largest event) and
// 1 MB events, measured in the page: from one typed key in the pattern to
// the moment the verdict and the field marks have changed in the page
// (`dom_ms`, seen by a MutationObserver), and to the next animation frame
// after that (`frame_ms`, when it is painted). The
// figures go to target/screenshots/latency.json and BENCHMARKS.md; the test
// asserts only that every keystroke is answered correctly (no timed asserts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { open, paste, root, shots, waitVerdict } from './harness.mjs';

// The 1 MB CloudTrail event cut to about `bytes` by shortening its largest array.
function eventOfSize(bytes) {
  const event = JSON.parse(fs.readFileSync(path.join(root, 'bench/big_event_1mb.json'), 'utf8'));
  let largest = null;
  const walk = (v) => {
    if (Array.isArray(v)) {
      if (!largest || JSON.stringify(v).length > JSON.stringify(largest).length) largest = v;
      v.forEach(walk);
    } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(event.detail);
  while (JSON.stringify(event).length > bytes && largest.length > 1) largest.pop();
  return JSON.stringify(event);
}

async function measureKeystrokes(page, samples) {
  // In the page: keydown time, then the first animation frame after the verdict
  // and the marks of detail.eventName have both changed.
  return page.evaluate(async (n) => {
    const el = document.querySelector('[data-testid="pattern-input"]');
    const verdict = () => document.querySelector('[data-testid="verdict"]').textContent;
    const mark = () => document.querySelector('[data-testid="event-view"] [data-path="detail.eventName"]')?.dataset.state;
    const out = [];
    for (let i = 0; i < n; i++) {
      const before = verdict();
      const wantMark = before === 'MATCH' ? 'failed' : 'matched';
      const t0 = performance.now();
      // One key, as the browser delivers it: insertText fires the input event.
      el.focus();
      const at = el.value.indexOf('RunInstances') + 'RunInstances'.length;
      if (before === 'MATCH') {
        el.setSelectionRange(at, at);
        document.execCommand('insertText', false, 'x');
      } else {
        el.setSelectionRange(at, at + 1);
        document.execCommand('delete');
      }
      let domAt = null;
      await new Promise((resolve) => {
        const done = () => verdict() !== before && mark() === wantMark;
        const observer = new MutationObserver(() => {
          if (domAt === null && done()) {
            domAt = performance.now();
            observer.disconnect();
            requestAnimationFrame(resolve);
          }
        });
        observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
        if (done()) {
          domAt = performance.now();
          observer.disconnect();
          requestAnimationFrame(resolve);
        }
      });
      const r = (x) => Math.round(x * 10) / 10;
      out.push({ dom_ms: r(domAt - t0), frame_ms: r(performance.now() - t0) });
      await new Promise((r) => setTimeout(r, 50));
    }
    return out;
  }, samples);
}

test('keystroke to verdict and marks: 10 KB, 256 KB, 1 MB events', async () => {
  const { context, page } = await open();
  const results = {};
  for (const [label, bytes] of [['10 KB', 10_000], ['256 KB', 255_000], ['1 MB', 1_100_000]]) {
    const event = eventOfSize(bytes);
    await paste(page, 'event-input', event);
    await paste(page, 'pattern-input', '{"source": ["aws.ec2"], "detail": {"eventName": ["RunInstances"]}}');
    await waitVerdict(page, 'MATCH');
    const samples = await measureKeystrokes(page, 9);
    const median = (k) => [...samples].map((s) => s[k]).sort((a, b) => a - b)[Math.floor(samples.length / 2)];
    const max = (k) => Math.max(...samples.map((s) => s[k]));
    results[label] = { bytes: event.length, dom_median_ms: median('dom_ms'), dom_max_ms: max('dom_ms'), frame_median_ms: median('frame_ms'), frame_max_ms: max('frame_ms'), samples };
    assert.equal(samples.length, 9);
  }
  console.log(`LATENCY ${JSON.stringify(results)}`);
  fs.writeFileSync(path.join(shots, 'latency.json'), JSON.stringify(results, null, 2));
  await context.close();
});
