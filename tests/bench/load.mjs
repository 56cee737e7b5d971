// Figures, not a test: what memport costs a chat page as it loads (issue 15, "nothing heavy on
// pages until used").
//
//   node tests/bench/load.mjs [--runs 21] [--dist dist/chromium] [--before target/dist-before]
//
// The heaviest replica, ChatGPT's chat page (tests/replicas/chatgpt, with the site's strict
// CSP), is loaded `runs` times in headless Chromium with the built extension and as many times
// in a second browser without it, taking turns (two warm-up loads each first, not counted).
// For each load: the load event (PerformanceNavigationTiming.loadEventEnd) and, once the app
// has rendered the chat and 300 ms have passed, the main thread's script time (CDP
// Performance.getMetrics' ScriptDuration, every world of the page, content scripts included).
// Printed: the medians, the ratio of the load times with and without (target: at most 1.02)
// as the median of each turn's pair (the two loads of a turn meet the machine in the same
// state, which matters on a shared machine) and as the ratio of the medians, the script time
// memport adds, and the bytes the manifest injects into every page at load.
// `--before` also measures another build (the one before this change) the same way.

import fs from 'node:fs/promises';
import path from 'node:path';
import { launchBrowser } from '../e2e/harness.mjs';
import { startReplicaServer } from '../replicas/server.mjs';
import { DIST, REPO } from '../e2e/steps.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg('--runs', 21));
const builds = [['this build', path.resolve(arg('--dist', DIST))]];
if (arg('--before', null)) builds.push(['before', path.resolve(REPO, arg('--before'))]);

const CHAT = 'https://chatgpt.com/c/68a1f0c2-0007-4b1e-9c55-2f7d3e8a1b90';
const SHOWN = 'Anything you\'d like me to update or forget?';
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The bytes every page of the sites loads as it opens: the manifest's content scripts. */
async function injectedBytes(dir) {
  const manifest = JSON.parse(await fs.readFile(path.join(dir, 'manifest.json'), 'utf8'));
  let bytes = 0;
  for (const file of new Set((manifest.content_scripts ?? []).flatMap((c) => c.js))) bytes += (await fs.stat(path.join(dir, file))).size;
  return bytes;
}

/** One load of the chat page: {load, script} in ms. */
async function loadOnce(context) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(CHAT, { waitUntil: 'load' });
  await page.getByText(SHOWN, { exact: true }).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const script = 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0);
  await page.close();
  return { load, script };
}

const server = await startReplicaServer();
const rows = [];
try {
  const plain = await launchBrowser({ port: server.port });
  try {
    for (const [name, dir] of builds) {
      const withExt = await launchBrowser({ extensionDir: dir, port: server.port });
      try {
        const runs = { with: [], without: [] };
        for (let i = 0; i < RUNS + 2; i += 1) {
          // Taking turns, each side first every other time.
          const order = i % 2 ? [['with', withExt], ['without', plain]] : [['without', plain], ['with', withExt]];
          for (const [side, browser] of order) {
            const got = await loadOnce(browser.context);
            if (i >= 2) runs[side].push(got);
          }
        }
        const m = (side, key) => median(runs[side].map((r) => r[key]));
        const pairs = runs.with.map((r, i) => r.load / runs.without[i].load);
        rows.push({
          pairRatio: median(pairs),
          name,
          bytes: await injectedBytes(dir),
          loadWith: m('with', 'load'),
          loadWithout: m('without', 'load'),
          scriptWith: m('with', 'script'),
          scriptWithout: m('without', 'script'),
        });
      } finally {
        await withExt.close();
      }
    }
  } finally {
    await plain.close();
  }
} finally {
  await server.close();
}

console.log(`\nChatGPT's chat page (replica) loading, medians of ${RUNS} loads with the extension and ${RUNS} without\n`);
console.log('| build | bytes injected at load | load event, with / without (ms) | ratio, median of pairs (target <= 1.02) | ratio of medians | script time, with / without (ms) | script time added (ms) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) {
  const f = (x) => x.toFixed(1);
  console.log(`| ${r.name} | ${r.bytes} | ${f(r.loadWith)} / ${f(r.loadWithout)} | **${r.pairRatio.toFixed(3)}** | ${(r.loadWith / r.loadWithout).toFixed(3)} | ${f(r.scriptWith)} / ${f(r.scriptWithout)} | ${f(r.scriptWith - r.scriptWithout)} |`);
}
