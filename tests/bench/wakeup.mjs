// Figures, not a test: how long the service worker takes to answer when the browser has to
// start it first (MV3 stops an idle worker after 30 s, and every message after that wakes it).
//
//   node tests/bench/wakeup.mjs [--runs 15] [--before <dist dir>] [--lang fr] [--import]   (after ./dev build)
//
// In headless Chromium with the built extension (dist/chromium, or MEMPORT_DIST): an extension
// page (the popup, opened once and left to settle) has the browser stop every service worker
// through the DevTools protocol (ServiceWorker.stopAllWorkers), waits until the worker is gone,
// then sends the message a content script sends when an assistant's page opens
// (`page_opened`) and times it to the reply: the worker's start, worker.js, fetching,
// compiling and instantiating the WebAssembly, and the answer. The same message to the worker
// already running is printed beside it. `--before` runs another build the same way first (the
// one to compare against, e.g. a build of an earlier commit) and prints both. `--lang` runs
// the browser in another language (before the core asked the browser for its words, the
// worker read that language's catalog as it started). `--import` sends Import text's preview
// of two lines instead (`preview_import`): work the core hands to the extra module, which a
// woken worker fetches, compiles and instantiates first (the warm figure has it loaded).

import path from 'node:path';
import { startAll } from '../e2e/harness.mjs';
import { REPO } from '../e2e/steps.mjs';

const arg = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : null;
};
const RUNS = Number(arg('--runs') ?? 15);
const before = arg('--before');
const lang = arg('--lang');
const after = process.env.MEMPORT_DIST || path.join(REPO, 'dist', 'chromium');
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const IMPORT = process.argv.includes('--import');
const [MESSAGE, REPLY] = IMPORT
  ? [{ kind: 'preview_import', text: '- I live in Lyon\n- I prefer short answers' }, 'preview']
  : [{ kind: 'page_opened', url: 'https://claude.ai/settings/capabilities' }, 'plan'];

/** Cold and warm round trips, in milliseconds, for the extension in `dir`. */
async function measure(dir) {
  const env = await startAll({ extensionDir: dir, lang });
  try {
    const page = await env.context.newPage();
    await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
    await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: 15_000 });
    // The worker's state as the browser reports it (Playwright hears of a stop late).
    const cdp = await env.context.newCDPSession(page);
    let status = null;
    let changed = () => {};
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      const own = versions.find((v) => v.scriptURL.startsWith(`chrome-extension://${env.extensionId}/`));
      if (own) {
        status = own.runningStatus;
        changed();
      }
    });
    await cdp.send('ServiceWorker.enable');
    const until = (want) => new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`the service worker is ${status}, not ${want}`)), 15_000);
      changed = () => {
        if (status === want) {
          clearTimeout(timer);
          resolve();
        }
      };
      changed();
    });
    const roundTrip = () => page.evaluate(async (m) => {
      const t0 = performance.now();
      const reply = await chrome.runtime.sendMessage(m);
      return { ms: performance.now() - t0, kind: reply?.kind };
    }, MESSAGE);
    const cold = [];
    const warm = [];
    for (let run = 0; run < RUNS; run += 1) {
      await until('running');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await until('stopped');
      const first = await roundTrip();
      if (first.kind !== REPLY) throw new Error(`the worker answered ${first.kind}, not a ${REPLY}`);
      cold.push(first.ms);
      warm.push((await roundTrip()).ms);
    }
    return { cold, warm };
  } finally {
    await env.close();
  }
}

const rows = [];
for (const [name, dir] of before ? [['before', before], ['after', after]] : [['this build', after]]) {
  const { cold, warm } = await measure(dir);
  rows.push({ name, dir, cold, warm });
}
console.log(`\nService worker wake-up in headless Chromium${lang ? ` (${lang})` : ''}: a stopped worker, a ${MESSAGE.kind} message, to its reply (${RUNS} runs, ms)`);
console.log(`${'build'.padEnd(12)} ${'cold median'.padStart(12)} ${'cold min-max'.padStart(14)} ${'running'.padStart(9)}  dist`);
for (const { name, dir, cold, warm } of rows) {
  const range = `${Math.min(...cold).toFixed(0)}-${Math.max(...cold).toFixed(0)}`;
  console.log(`${name.padEnd(12)} ${median(cold).toFixed(1).padStart(12)} ${range.padStart(14)} ${median(warm).toFixed(1).padStart(9)}  ${path.relative(REPO, dir) || '.'}`);
}
