// Figures, not a test: how long a capture of 500 entries takes once the memory has settled.
//
//   node tests/bench/capture.mjs [--runs 3]      (after ./dev build)
//
// Two drift pages (tests/drift/cases.mjs, BENCH_CASES): 500 saved-info entries all in the page
// (Gemini), and 500 saved memories in a virtualized table that holds only the rows in view
// (ChatGPT). For each, the shipped page code (dist/chromium/page/agent.js) reads the page as
// the in-page button does, and reports how long it took from the moment the memory had
// settled (its text quiet for the settle period, no sign of loading) to the blocks in hand and
// what it opened closed again; then the worker's WebAssembly turns them into the profile
// ("Saved 500 memories"). The figure the issue asks for is the sum of the two. The whole
// press-to-message time through the real button is printed too: it adds the settle period
// itself, which is waiting, not work.

import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, start, waitCaptureButton, pressSave } from '../e2e/steps.mjs';
import { namedCase, BENCH_CASES } from '../drift/cases.mjs';

const runsAt = process.argv.indexOf('--runs');
const RUNS = runsAt > 0 ? Number(process.argv[runsAt + 1]) : 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const env = await start();
const agent = await fs.readFile(path.join(DIST, 'page', 'agent.js'), 'utf8');
const rows = [];
try {
  for (const name of BENCH_CASES) {
    const variant = namedCase(name);
    const read = [];
    const save = [];
    const press = [];
    let message = '';
    for (let run = 0; run < RUNS; run += 1) {
      await env.worker.evaluate(() => chrome.storage.local.clear());
      const plan = await env.worker.evaluate((u) => globalThis.memport.handleMessage({ kind: 'page_opened', url: u }), variant.url);
      // The page code alone, evaluated into the page (as tests/inject does).
      const page = await env.context.newPage();
      await page.goto(variant.url);
      await page.waitForFunction(() => window.driftState?.rendered === true, null, { timeout: 10_000 });
      await page.evaluate(`delete globalThis.memportAgent; ${agent}`);
      const outcome = await page.evaluate((p) => globalThis.memportAgent.read(p), plan.plan.read);
      read.push(outcome.timing.read_after_settled_ms);
      const t0 = Date.now();
      const reply = await env.worker.evaluate((o) => globalThis.memport.handleMessage({ kind: 'page_read', outcome: o }), outcome);
      save.push(Date.now() - t0);
      message = reply.message;
      await page.close();
      // The same page through the real button, press to message.
      await env.worker.evaluate(() => chrome.storage.local.clear());
      const real = await env.context.newPage();
      await real.goto(variant.url);
      await real.waitForFunction(() => window.driftState?.rendered === true, null, { timeout: 10_000 });
      await waitCaptureButton(real);
      const p0 = Date.now();
      await pressSave(real, { timeout: 60_000 });
      press.push(Date.now() - p0);
      await real.close();
    }
    rows.push({ name, why: variant.why, read: median(read), save: median(save), press: median(press), message });
  }
} finally {
  await env.close();
}

console.log(`\nCapture of 500 entries, medians of ${RUNS} runs (ms)\n`);
console.log('| page | read, from settled to closed | into the profile (WebAssembly) | after settled, total | press to message |');
console.log('|---|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.why} | ${r.read} | ${r.save} | **${r.read + r.save}** | ${r.press} |`);
}
for (const r of rows) console.log(`${r.name}: ${r.message}`);
