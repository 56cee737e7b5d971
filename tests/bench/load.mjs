// Figures, not a test: what memport costs a chat page as it loads (issue 15, "nothing heavy on
// pages until used").
//
//   node tests/bench/load.mjs [--runs 21] [--instances 1] [--dist dist/chromium] [--before target/dist-before]
//
// The heaviest replica, ChatGPT's chat page (tests/replicas/chatgpt, with the site's strict
// CSP), is loaded `runs` times in each of several headless Chromiums, taking turns (two
// warm-up loads each first, not counted): one without extensions (the reference), a second
// one just like it (how far two identical browsers differ on this machine: the bench's own
// floor), one with an extension that has an empty content script on the same pages (what any
// content script costs), and one with the built extension.
// For each load: the load event (PerformanceNavigationTiming.loadEventEnd) and, once the app
// has rendered the chat and 300 ms have passed, the main thread's script time (CDP
// Performance.getMetrics' ScriptDuration, every world of the page, content scripts included).
// Printed for each browser: the medians, the ratio of its load times to the reference's (target
// for the build: at most 1.02) as the median of each turn's pair (the loads of a turn meet the
// machine in the same state, which matters on a shared machine) and as the ratio of the
// medians, the script time added, and the bytes the manifest injects into every page at load.
// `--before` also measures another build (the one before this change) the same way.
// `--instances N` does all of it N times, each time in new browsers: each browser instance
// carries a bias of its own of some 5-10% on this machine, larger than the 2% to be judged,
// so one instance per arm cannot judge it. The last table then gives, for each arm, the
// median over the instances of its median load against the reference's in the same round,
// and the middle half of those ratios.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../e2e/harness.mjs';
import { startReplicaServer } from '../replicas/server.mjs';
import { DIST, REPO } from '../e2e/steps.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg('--runs', 21));
const INSTANCES = Number(arg('--instances', 1));
const builds = [['this build', path.resolve(arg('--dist', DIST))]];
if (arg('--before', null)) builds.push(['before', path.resolve(REPO, arg('--before'))]);

const CHAT = 'https://chatgpt.com/c/68a1f0c2-0007-4b1e-9c55-2f7d3e8a1b90';
// The same page under a name no content script matches (tests/replicas/server.mjs).
const MIRROR = CHAT.replace('chatgpt.com', 'chatgpt.example.org');
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
async function loadOnce(context, url = CHAT) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  await page.goto(url, { waitUntil: 'load' });
  await page.getByText(SHOWN, { exact: true }).waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  const load = await page.evaluate(() => performance.getEntriesByType('navigation')[0].loadEventEnd);
  const { metrics } = await cdp.send('Performance.getMetrics');
  const script = 1000 * (metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0);
  await page.close();
  return { load, script };
}

/**
 * An extension with nothing but a content script that does nothing, on the same pages as
 * memport's: what any content script costs a page (the browser's own work for an extension's
 * isolated world), for memport's cost to be read against.
 */
async function emptyExtension() {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'memport-empty-extension-'));
  const memport = JSON.parse(await fs.readFile(path.join(DIST, 'manifest.json'), 'utf8'));
  const manifest = {
    manifest_version: 3,
    name: 'Empty content script',
    version: '1.0',
    content_scripts: (memport.content_scripts ?? []).map((c) => ({ ...c, js: ['empty.js'] })),
    // An idle worker, as memport has (and the harness waits for).
    background: { service_worker: 'empty.js' },
  };
  await fs.writeFile(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  await fs.writeFile(path.join(dir, 'empty.js'), 'void 0;\n');
  return dir;
}

const server = await startReplicaServer();
const empty = await emptyExtension();
// The arms, all measured in turns: the reference browser without extensions; a second one
// just like it (how far two identical browsers differ: the bench's own floor); the empty
// content script; and each build.
const arms = [
  { name: 'no extension (reference)', dir: null },
  { name: 'no extension, a second browser', dir: null },
  { name: 'an empty content script', dir: empty },
  ...builds.map(([name, dir]) => ({ name, dir })),
];
/** One round: every arm in a new browser, `RUNS` loads of each page in turns. */
async function round() {
  try {
    for (const arm of arms) arm.browser = await launchBrowser({ extensionDir: arm.dir ?? undefined, port: server.port });
    for (const arm of arms) {
      arm.runs = [];
      arm.mirror = [];
      arm.bytes = arm.dir ? await injectedBytes(arm.dir) : 0;
    }
    for (let i = 0; i < RUNS + 2; i += 1) {
      // Taking turns, each arm first in its turn as often as the others.
      const order = arms.map((_, k) => arms[(i + k) % arms.length]);
      for (const arm of order) {
        // In each browser, the page where content scripts go and its mirror where none does,
        // each first every other turn.
        const context = arm.browser.context;
        let chat;
        let mirror;
        if (i % 2) {
          mirror = await loadOnce(context, MIRROR);
          chat = await loadOnce(context);
        } else {
          chat = await loadOnce(context);
          mirror = await loadOnce(context, MIRROR);
        }
        if (i >= 2) {
          arm.runs.push(chat);
          arm.mirror.push(mirror);
        }
      }
    }
  } finally {
    for (const arm of arms) {
      await arm.browser?.close();
      arm.browser = null;
    }
  }
}

// Each round's median load of each arm against the reference's in that round.
for (const arm of arms) arm.rounds = [];
try {
  for (let r = 0; r < INSTANCES; r += 1) {
    await round();
    const base = median(arms[0].runs.map((x) => x.load));
    for (const arm of arms) arm.rounds.push(median(arm.runs.map((x) => x.load)) / base);
    if (INSTANCES > 1) console.log(`round ${r + 1} of ${INSTANCES}: ${arms.map((a) => `${a.name} ${a.rounds.at(-1).toFixed(3)}`).join(', ')}`);
  }
} finally {
  await server.close();
  await fs.rm(empty, { recursive: true, force: true });
}

const [reference] = arms;
const m = (arm, key) => median(arm.runs.map((r) => r[key]));
console.log(`\nChatGPT's chat page (replica) loading, medians of ${RUNS} loads in each browser, taking turns\n`);
console.log('| browser | bytes injected at load | load event (ms) | against the reference: median of pairs | ratio of medians | script time (ms) | script time added (ms) |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const arm of arms) {
  const f = (x) => x.toFixed(1);
  const pairs = arm.runs.map((r, i) => r.load / reference.runs[i].load);
  console.log(`| ${arm.name} | ${arm.bytes} | ${f(m(arm, 'load'))} | ${arm === reference ? '' : `**${median(pairs).toFixed(3)}**`} | ${(m(arm, 'load') / m(reference, 'load')).toFixed(3)} | ${f(m(arm, 'script'))} | ${f(m(arm, 'script') - m(reference, 'script'))} |`);
}
console.log(`\nThe same page in the same browser, at chatgpt.com (where the extension's content script goes) against a mirror host no content script matches: median of the ${RUNS} pairs of loads, each pair in turn\n`);
console.log('| browser | load event, chatgpt.com / mirror (ms) | ratio, median of pairs | script time added on chatgpt.com (ms) |');
console.log('|---|---:|---:|---:|');
for (const arm of arms) {
  const f = (x) => x.toFixed(1);
  const pairs = arm.runs.map((r, i) => r.load / arm.mirror[i].load);
  const mm = (key) => median(arm.mirror.map((r) => r[key]));
  console.log(`| ${arm.name} | ${f(m(arm, 'load'))} / ${f(mm('load'))} | **${median(pairs).toFixed(3)}** | ${f(m(arm, 'script') - mm('script'))} |`);
}
console.log('\nTarget: a build at most 1.02 against the reference. Between browsers, the second one without extensions shows how far this machine lets two identical browsers differ; the empty content script, what any extension with a content script on these pages costs. Within one browser nothing but the host name differs, so the browsers without extensions show the floor of that ratio.');

if (INSTANCES > 1) {
  const quartiles = (xs) => {
    const sorted = [...xs].sort((a, b) => a - b);
    return [sorted[Math.floor((sorted.length - 1) / 4)], sorted[Math.ceil((3 * (sorted.length - 1)) / 4)]];
  };
  console.log(`\nAcross ${INSTANCES} rounds, each in new browsers (the tables above are the last round's): each round's median load event against the reference's in that round\n`);
  console.log('| browser | median of the rounds\' ratios | middle half of the rounds |');
  console.log('|---|---:|---:|');
  for (const arm of arms.slice(1)) {
    const [q1, q3] = quartiles(arm.rounds);
    console.log(`| ${arm.name} | **${median(arm.rounds).toFixed(3)}** | ${q1.toFixed(3)}–${q3.toFixed(3)} |`);
  }
}
