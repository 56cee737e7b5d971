// The drift run's browser side: the built extension in Chromium over seeded memory and import
// pages (memory.mjs, import.mjs, cases.mjs), each judged by judge.mjs. drift.test.mjs runs it
// as a test; run it directly to see the tables without the test's verdict:
//
//   node tests/drift/run.mjs                               # 100 variants per site and kind
//   MEMPORT_DRIFT_N=5 node tests/drift/run.mjs             # a quick look
//   MEMPORT_DRIFT_SEED=1234 node tests/drift/run.mjs       # the same variants as a run before
//   MEMPORT_DRIFT_ONLY=memory:claude:123,import:gemini:7,case:<name> node tests/drift/run.mjs
//   MEMPORT_DRIFT_SITES=claude MEMPORT_DRIFT_KINDS=import  # a part of the run
//   MEMPORT_DRIFT_BROWSERS=1                               # browsers side by side (default 5)
//
// A few browsers serve the whole run side by side, each taking the next variant when it is
// free (each restarted only if it crashes); between variants the extension's storage is
// cleared and the variant's tabs are closed. Every wait has a limit, and a variant that takes
// longer than VARIANT_LIMIT_MS is recorded as not read / not filled and left behind.

import fs from 'node:fs/promises';
import path from 'node:path';
import os from 'node:os';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { start, seedProfile, profileJson, storedProfile, REPO, waitCaptureButton, pressMemport, memportUi, captureStatus, panelText } from '../e2e/steps.mjs';
import { rng } from './rand.mjs';
import { memoryVariant } from './memory.mjs';
import { importVariant } from './import.mjs';
import { CASES, REGRESSION_SEEDS, namedCase } from './cases.mjs';
import {
  judgeMemory, judgeImport, summarize, tables, failureLines, commonMessages, variantId,
} from './judge.mjs';

export const SITES = ['claude', 'chatgpt', 'gemini'];
export const KINDS = ['memory', 'import'];
export const OUT = path.join(REPO, 'target', 'drift', 'last-run.json');

const VARIANT_LIMIT_MS = 40_000; // One variant, everything included.
const BUTTON_MS = 10_000; // memport's in-page button to appear.
const STATUS_MS = 30_000; // Its status line after the press.
const GONE_MS = 10_000; // The button and its status away from the page this long: given up.
const READY_MS = 10_000; // An import page's driftState.ready.
const SEND_MS = 30_000; // "Send memory to" to answer.
const SETTLE_MS = 200; // After the answer, for anything memport still does (a late submit).
/**
 * Browsers run side by side. A variant mostly waits (for the page's delays and memport's own
 * time limits), so a few browsers share two cores: on two cores, 125 variants took 7.7 min on
 * 2 browsers, 4.6 on 4 and 4.1 on 6 (the cores busy from 4 on), each variant about as long.
 */
const DEFAULT_BROWSERS = 5;

// ---------------------------------------------------------------------------------------
// What to run

/** The run's settings from the environment (see the top of this file). */
export function settings(env = process.env) {
  const list = (v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : null);
  return {
    n: env.MEMPORT_DRIFT_N ? Number(env.MEMPORT_DRIFT_N) : 100,
    baseSeed: env.MEMPORT_DRIFT_SEED ? Number(env.MEMPORT_DRIFT_SEED) : Math.floor(Math.random() * 2 ** 31),
    only: list(env.MEMPORT_DRIFT_ONLY),
    sites: list(env.MEMPORT_DRIFT_SITES) ?? SITES,
    kinds: list(env.MEMPORT_DRIFT_KINDS) ?? KINDS,
    browsers: env.MEMPORT_DRIFT_BROWSERS ? Number(env.MEMPORT_DRIFT_BROWSERS) : DEFAULT_BROWSERS,
  };
}

/** A small string hash, so each site and kind gets its own seeds from the base seed. */
function hash(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.codePointAt(0), 16777619);
  return h >>> 0;
}

/** `n` seeds for one site and kind, drawn from the base seed. */
export function seedsFor(baseSeed, kind, site, n) {
  const r = rng((baseSeed ^ hash(`${kind}:${site}`)) >>> 0);
  return Array.from({ length: n }, () => r.int(0, 2 ** 31 - 2));
}

/** "memory:claude:123" or "case:<name>" as a spec. */
export function parseId(id) {
  const [kind, a, b] = id.split(':');
  if (kind === 'case') {
    const v = namedCase(a);
    return { kind: v.kind, site: v.site, seed: v.seed, caseName: a };
  }
  if (!KINDS.includes(kind) || !SITES.includes(a) || !/^\d+$/.test(b ?? '')) {
    throw new Error(`MEMPORT_DRIFT_ONLY: cannot read "${id}" (kind:site:seed or case:name)`);
  }
  return { kind, site: a, seed: Number(b) };
}

/** The names of the named cases, whatever shape cases.mjs gives them in. */
function caseNames() {
  if (Array.isArray(CASES)) return CASES.map((c) => (typeof c === 'string' ? c : c.name));
  return Object.keys(CASES ?? {});
}

/**
 * The regression seeds as specs. cases.mjs holds them as { kind: { site: [seed, ...] } }; a
 * list of "memory:claude:123" strings or {kind, site, seed} is read too.
 */
function regressionSpecs() {
  const seeds = REGRESSION_SEEDS ?? [];
  if (!Array.isArray(seeds)) {
    return Object.entries(seeds).flatMap(([kind, bySite]) =>
      Object.entries(bySite ?? {}).flatMap(([site, list]) => (list ?? []).map((seed) => ({ kind, site, seed: Number(seed) }))));
  }
  return seeds.map((r) => (typeof r === 'string' ? parseId(r) : { kind: r.kind, site: r.site, seed: r.seed }));
}

/**
 * Every variant of the run, grouped by site and kind, in the order they run:
 * [{site, kind, specs: [{kind, site, seed, caseName?}]}].
 */
export function plan({ n, baseSeed, only, sites = SITES, kinds = KINDS }) {
  let specs;
  if (only) {
    specs = only.map(parseId);
  } else {
    specs = [];
    for (const site of sites) {
      for (const kind of kinds) {
        specs.push(...seedsFor(baseSeed, kind, site, n).map((seed) => ({ kind, site, seed })));
      }
    }
    specs.push(...caseNames().map((name) => parseId(`case:${name}`)));
    specs.push(...regressionSpecs());
  }
  const groups = [];
  for (const site of SITES) {
    for (const kind of KINDS) {
      const mine = specs.filter((s) => s.site === site && s.kind === kind &&
        (only || (sites.includes(site) && kinds.includes(kind))));
      // The same seed twice (drawn again, or also a regression seed) runs once.
      const unique = [...new Map(mine.map((s) => [variantId(s), s])).values()];
      if (unique.length) groups.push({ site, kind, specs: unique });
    }
  }
  return groups;
}

// ---------------------------------------------------------------------------------------
// The memories an import page is sent

const POOL = {
  'Response instructions': [
    'Answer in British English.',
    'Keep answers short unless I ask for detail.',
    'Use metric units, and Celsius for temperatures.',
    'When you give code, explain it in one sentence first.',
    'Réponds en français quand je t\'écris en français.',
    'Cite your sources when you state a fact about "current events".',
    'Don\'t start answers with "Great question!".',
    'Use bullet points for lists of more than three things.',
  ],
  'Personal information': [
    'Lives in Porto with her partner and two cats.',
    'Name is Zoë Álvarez-Nakamura.',
    'Works as a paediatric nurse on night shifts.',
    'Is learning Japanese (日本語) — slowly 🐢.',
    'Grew up in Kraków and moved to Lisbon in 2019.',
    'Has a daughter called Inès who is seven.',
    'Is vegetarian but eats fish at family dinners.',
  ],
  'Projects and goals': [
    'Is training for the Berlin marathon in September.',
    'Is writing a cookbook of her grandmother\'s recipes.',
    'Wants to switch careers into data analysis by next year.',
    'Is restoring a 1972 Vespa 🛵 in the garage.',
    'Plans a three-week trip to Hokkaidō next spring.',
    'Runs a small newsletter called "Notes from the Night Shift".',
  ],
  'Technical preferences': [
    'Uses Python 3.12 and prefers type hints everywhere.',
    'Writes notes in Markdown; never uses <b>bold</b> tags.',
    'Prefers Vim keybindings in every editor.',
    'Uses a ThinkPad running Debian, not a Mac.',
    'Likes SQL written with lowercase keywords & trailing commas.',
    'Deploys side projects with Docker Compose on a €5 VPS.',
  ],
  'Behavioral corrections': [
    'Stop suggesting meat recipes.',
    'Do not assume I am a beginner at programming.',
    'Stop using American spellings like "color".',
    'Don\'t apologise at the start of every answer.',
    'Never round prices: give them to the cent (e.g. 4,99 €).',
  ],
  'Other context': [
    'Her manager is called Fernão and is very detail-minded.',
    'Usually asks questions late at night after a shift.',
    'Reads a lot of Ursula K. Le Guin and Terry Pratchett.',
    'Plays the cello in an amateur orchestra 🎻.',
    'Is allergic to peanuts.',
  ],
};

/** What ChatGPT's boxes hold at most, each; the whole set stays under one of them. */
const MAX_TOTAL_CHARS = 1_400;

/**
 * 3-12 memories for one import variant, drawn from `seed`, from several categories:
 * [{text, category}]. Small enough that all of them fit in any one of ChatGPT's boxes.
 */
export function seededMemories(seed) {
  const r = rng((seed ^ 0x5eed) >>> 0);
  const all = r.shuffle(Object.entries(POOL).flatMap(([category, texts]) => texts.map((text) => ({ text, category }))));
  const out = [];
  let total = 0;
  for (const m of all.slice(0, r.int(3, 12))) {
    if (total + m.text.length + 40 > MAX_TOTAL_CHARS) break; // 40: headings and bullets around it
    out.push(m);
    total += m.text.length + 40;
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The browser

/** A promise that rejects after `ms`, with `what` in its message. */
function within(promise, ms, what) {
  let timer;
  const limit = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timeout: ${what} after ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** One browser with the extension for the whole run, restarted if it crashes. */
export class Browser {
  env = null;
  starts = 0;

  /** `id`: which of the pool's browsers this is, in each result (for effects that linger). */
  constructor(id = 0) {
    this.id = id;
  }

  async start() {
    this.env = await start();
    this.starts += 1;
    this.crashed = false;
    this.env.context.on('close', () => { this.crashed = true; });
    this.watchWorker(this.env.worker);
    this.env.context.setDefaultTimeout(10_000);
  }

  // MV3 may stop the worker when idle; the next one is found again when needed.
  watchWorker(worker) {
    worker.on('close', () => { if (this.env?.worker === worker) this.env.worker = null; });
  }

  /** The extension's service worker, as it is now. */
  async worker() {
    if (!this.env.worker) {
      const context = this.env.context;
      const w = context.serviceWorkers().find((s) => s.url().startsWith('chrome-extension://')) ||
        await context.waitForEvent('serviceworker', { timeout: 10_000 });
      this.env.worker = w;
      this.watchWorker(w);
    }
    return this.env.worker;
  }

  /** Starts a new browser when the old one is gone or does not answer. */
  async healthy() {
    if (!this.crashed) {
      try {
        const w = await this.worker();
        await within(w.evaluate(() => globalThis.memport.ready.then(() => true)), 10_000, 'the worker');
        return;
      } catch {
        // Fall through: restart.
      }
    }
    console.log('drift: the browser crashed or stopped answering; starting a new one');
    await this.env?.close().catch(() => {});
    await this.start();
  }

  /** Clears memport's storage (profile, learned places, everything). */
  async clear() {
    const w = await this.worker();
    await within(w.evaluate(() => chrome.storage.local.clear()), 10_000, 'clearing storage');
  }

  async close() {
    await this.env?.close().catch(() => {});
    this.env = null;
  }
}

/** The built variant for a spec. */
function variantOf(spec) {
  if (spec.caseName) return namedCase(spec.caseName);
  return spec.kind === 'memory' ? memoryVariant(spec.site, spec.seed) : importVariant(spec.site, spec.seed);
}

/**
 * A memory page: open it, press memport's button, read the status and the stored profile.
 * `seen` is filled in as it goes, so a variant cut off by its time limit keeps what was seen.
 */
async function runMemory(browser, variant, page, seen) {
  await page.goto(variant.url, { waitUntil: 'domcontentloaded', timeout: 15_000 });
  // memport's button is in a closed shadow root: found through CDP, pressed with the mouse
  // (tests/e2e/steps.mjs).
  try {
    await waitCaptureButton(page, { timeout: BUTTON_MS });
  } catch {
    seen.stall = `no memport button within ${BUTTON_MS / 1000} s`;
    return;
  }
  await pressMemport(page, 'capture', /\S/, { timeout: 5_000 });
  // memport takes its button away and puts it back while it reads; when it stays away, no
  // message will ever be shown, and waiting the whole STATUS_MS would only cost time.
  const began = Date.now();
  let goneSince = null;
  let how = 'none';
  let line = null;
  while (Date.now() - began < STATUS_MS) {
    const here = (await memportUi(page, 'capture').catch(() => [])).length;
    if (here) {
      goneSince = null;
      line = await captureStatus(page).catch(() => null);
      if (line?.text) {
        how = 'shown';
        break;
      }
    } else {
      goneSince ??= Date.now();
      if (Date.now() - goneSince >= GONE_MS) {
        how = 'gone';
        break;
      }
    }
    await page.waitForTimeout(250).catch(() => {});
  }
  if (how === 'shown') {
    seen.message = line.text.trim();
    seen.ok = !line.problem;
  } else if (how === 'gone') {
    seen.stall = `memport's button left the page after the press (gone for ${GONE_MS / 1000} s): no message shown`;
  } else {
    seen.stall = `no status within ${STATUS_MS / 1000} s of the press`;
  }
}

/** What an import page knows of its boxes, decoys and submit button. */
function importState(page) {
  return page.evaluate(() => {
    const s = window.driftState;
    return {
      boxes: s.boxes.map((b) => ({ label: b.label, model: b.model })),
      decoys: s.decoys.map((d) => ({ label: d.label, value: d.value, initial: d.initial })),
      submitted: Boolean(s.submitted),
      domValues: s.boxes.map((_, i) => s.domValue(i)),
    };
  });
}

/** An import page: seed the profile, open the page in front, send to it, read the page. */
async function runImport(browser, variant, page, seen) {
  seen.memories = seededMemories(variant.seed ?? hash(variant.url));
  await seedProfile({ worker: await browser.worker() }, profileJson(seen.memories.map((m) => [m.text, m.category])));
  await page.goto(variant.url, { waitUntil: 'domcontentloaded', timeout: 15_000 });
  await page.bringToFront();
  try {
    await page.waitForFunction(() => window.driftState?.ready, null, { timeout: READY_MS });
  } catch {
    seen.stall = `the page was not ready within ${READY_MS / 1000} s`;
    return;
  }
  // What the decoys held to begin with (the page records it; else as they are now).
  seen.before = await importState(page);
  seen.before.decoys = seen.before.decoys.map((d) => ({ ...d, value: d.initial ?? d.value }));
  const tabs = new Set(browser.env.context.pages());
  const w = await browser.worker();
  const sending = w.evaluate((id) => globalThis.memport.onMenuClick({ menuItemId: id }, undefined), `send-to-${variant.site}`);
  sending.catch(() => {});
  // memport asks before it touches a box that already holds text. No drift page puts text in
  // its boxes, so a question means memport saw text that is not there; nobody answers it.
  const asked = panelText(page, 'ask', { timeout: SEND_MS }).then((text) => text.trim(), () => new Promise(() => {}));
  try {
    const first = await within(Promise.race([sending.then((notice) => ({ notice })), asked.then((question) => ({ question }))]), SEND_MS, '"Send memory to"');
    if (first.notice) seen.notice = first.notice;
    else seen.stall = `memport asked "${first.question}" about a box with nothing in it; nobody answered`;
  } catch (e) {
    seen.stall = e.message.startsWith('timeout') ? `no answer from "Send memory to" within ${SEND_MS / 1000} s` : `sending threw: ${e.message.split('\n')[0]}`;
  }
  await page.waitForTimeout(SETTLE_MS);
  seen.state = await importState(page);
  const opened = browser.env.context.pages().find((p) => !tabs.has(p));
  if (opened) seen.elsewhere = opened.url();
}

/** Runs one variant within VARIANT_LIMIT_MS and judges it: one result row. */
export async function runVariant(browser, spec) {
  const began = Date.now();
  await browser.healthy();
  const context = browser.env.context;
  const pages = []; // Every tab opened meanwhile (the variant's, and any memport opens).
  const track = (p) => pages.push(p);
  context.on('page', track);
  let variant;
  let page;
  const seen = { ok: false, message: '', stall: null, pageErrors: [] };
  try {
    variant = variantOf(spec);
    page = await context.newPage();
    page.on('pageerror', (e) => seen.pageErrors.push(e.message));
    const work = variant.kind === 'memory' ? runMemory(browser, variant, page, seen) : runImport(browser, variant, page, seen);
    work.catch(() => {}); // When cut off, its later failure is not this run's concern.
    await within(work, VARIANT_LIMIT_MS, 'the variant');
  } catch (e) {
    seen.stall = e.message.startsWith('timeout') ? `cut off after ${VARIANT_LIMIT_MS / 1000} s` : `runner: ${e.message.split('\n')[0]}`;
  }
  // Whether the drift page rendered at all: when it did not, the simulator is broken, not
  // memport (null: the page did not answer, which may well be memport's doing).
  const rendered = page ? await within(page.evaluate(() => Boolean(window.driftState)), 5_000, 'driftState').catch(() => null) : null;
  let verdict;
  if (spec.kind === 'memory') {
    // Lines whose Delete button was pressed: the page removed them.
    const deleted = rendered ? await within(page.evaluate(() => [...(window.driftState.deleted ?? [])]), 5_000, 'driftState').catch(() => []) : [];
    let items = [];
    try {
      items = (await within(storedProfile({ worker: await browser.worker() }), 10_000, 'reading the profile'))?.items ?? [];
    } catch (e) {
      seen.stall ??= `the profile could not be read: ${e.message}`;
    }
    verdict = judgeMemory({ truth: variant?.truth ?? { parts: {} }, ok: seen.ok, message: seen.message, items, deleted });
  } else {
    // Cut off while sending: the page as it is now.
    if (!seen.state && seen.before) seen.state = await within(importState(page), 5_000, 'driftState').catch(() => null);
    verdict = judgeImport({
      memories: (seen.memories ?? []).map((m) => m.text),
      notice: seen.notice ?? null,
      state: seen.state ?? seen.before ?? { boxes: [], decoys: [], submitted: false, domValues: [] },
      before: seen.before ?? { decoys: [] },
      elsewhere: seen.elsewhere ?? null,
    });
  }
  // Leave nothing behind for the next variant.
  context.off('page', track);
  await Promise.all(pages.map((p) => p.close().catch(() => {})));
  await browser.clear().catch(() => { browser.crashed = true; });
  return {
    kind: spec.kind,
    site: spec.site,
    seed: spec.seed ?? variant?.seed ?? null,
    caseName: spec.caseName ?? null,
    url: variant?.url ?? null,
    features: variant?.features ?? {},
    stall: seen.stall,
    broken: rendered === false, // The drift page did not render (see pageErrors).
    browser: browser.id,
    pageErrors: seen.pageErrors.slice(0, 5),
    verdict,
    ms: Date.now() - began,
  };
}

/** Several browsers side by side (each its own profile and replica server). */
export class Pool {
  constructor(size) {
    this.browsers = Array.from({ length: size }, (_, i) => new Browser(i));
  }

  async start() {
    this.extension = await extensionBuild(); // What the browsers load, as they start.
    await Promise.all(this.browsers.map((b) => b.start()));
  }

  /** How often a browser had to be started again after a crash. */
  get restarts() {
    return this.browsers.reduce((n, b) => n + Math.max(0, b.starts - 1), 0);
  }

  async close() {
    await Promise.all(this.browsers.map((b) => b.close()));
  }
}

/**
 * Runs every variant of one group (site and kind), each browser of the pool taking the next
 * one as it is free; `onResult` sees each. Results come back in the group's order.
 */
export async function runGroup(pool, group, onResult = () => {}) {
  const results = new Array(group.specs.length);
  let next = 0;
  await Promise.all(pool.browsers.map(async (browser) => {
    while (next < group.specs.length) {
      const i = next;
      next += 1;
      results[i] = await runVariant(browser, group.specs[i]);
      onResult(results[i]);
    }
  }));
  return results;
}

// ---------------------------------------------------------------------------------------
// The report

/** Which build of the extension ran: when it was built, and a hash of its WebAssembly. */
async function extensionBuild() {
  try {
    const dist = path.join(REPO, 'dist', 'chromium');
    const wasm = await fs.readFile(path.join(dist, 'pkg', 'memport_bg.wasm'));
    const built = (await fs.stat(path.join(dist, 'manifest.json'))).mtime.toISOString();
    return { built, wasmSha256: createHash('sha256').update(wasm).digest('hex').slice(0, 16) };
  } catch {
    return null;
  }
}

function chromiumVersion() {
  try {
    return execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The tables and one line per failing variant, as printed. */
export function reportText({ results, seconds, baseSeed, n, only, browsers = 1, restarts = 0, extension = null }) {
  const summary = summarize(results);
  const lines = [
    '',
    `## Drift run: base seed ${baseSeed}${only ? ` (replaying ${only.join(',')})` : ''}, ${n} variants per site and kind, ` +
      `${results.length} in all, ${(seconds / 60).toFixed(1)} min on ${browsers} browser${browsers === 1 ? '' : 's'} side by side` +
      `${restarts ? `, ${restarts} restarted after a crash` : ''}`,
    `Replay this run with MEMPORT_DRIFT_SEED=${baseSeed} MEMPORT_DRIFT_N=${n}; one variant with MEMPORT_DRIFT_ONLY=<kind:site:seed>.` +
      (extension ? ` Extension built ${extension.built}, wasm ${extension.wasmSha256}.` : ''),
    '',
    ...tables(summary).flatMap((t) => [t, '']),
  ];
  const common = commonMessages(results, 3);
  if (Object.keys(common).length) {
    lines.push('Most common messages where not read / not filled (numbers and quoted names blurred):');
    for (const [key, list] of Object.entries(common)) {
      for (const { n: count, message } of list) lines.push(`- ${key.replace(':', ' ')} ×${count}: ${message.slice(0, 200)}`);
    }
    lines.push('');
  }
  const alarms = summary.filter((r) => r.falseAlarms).map((r) => `${r.site} ${r.kind} ${r.falseAlarms}`);
  if (alarms.length) lines.push(`Reported as failed although everything was there (in the failed counts): ${alarms.join(', ')}`, '');
  const broken = results.filter((r) => r.broken);
  if (broken.length) {
    lines.push(`${broken.length} drift pages did not render (the simulator's fault, not memport's): ` +
      `${broken.slice(0, 5).map((r) => `${variantId(r)} ${r.pageErrors[0] ?? ''}`).join('; ')}`, '');
  }
  // What the runner saw besides memport's message: a wait that ran out.
  const withStall = results.map((r) => (r.stall ? { ...r, verdict: { ...r.verdict, message: `${r.verdict.message || ''} [${r.stall}]`.trim() } } : r));
  const failing = failureLines(withStall);
  if (failing.length) lines.push('Not read / not filled / violations (kind:site:seed | features | message):', ...failing, '');
  return lines.join('\n');
}

/** last-run.json: everything the tables say, and each variant. */
export async function writeJson({ results, seconds, baseSeed, n, only, started, browsers = 1, restarts = 0, extension = null }) {
  await fs.mkdir(path.dirname(OUT), { recursive: true });
  const now = await extensionBuild();
  const json = {
    started,
    seconds: Math.round(seconds),
    baseSeed,
    n,
    only,
    browsers,
    restarts,
    // The build the browsers loaded; dist/chromium rebuilt meanwhile makes the run suspect.
    extension: extension ?? now,
    rebuiltDuringRun: Boolean(extension && now && extension.wasmSha256 !== now.wasmSha256),
    machine: { cpus: os.cpus().length, node: process.version, chromium: chromiumVersion() },
    summary: summarize(results),
    commonMessages: commonMessages(results),
    variants: results.map((r) => ({
      id: variantId(r),
      kind: r.kind,
      site: r.site,
      seed: r.seed,
      caseName: r.caseName,
      url: r.url,
      features: r.features,
      good: r.kind === 'memory' ? r.verdict.fullyRead : r.verdict.filled,
      violation: r.verdict.violation,
      namedFailure: r.verdict.namedFailure,
      falseAlarm: r.verdict.falseAlarm,
      message: r.verdict.message,
      stall: r.stall,
      broken: r.broken,
      pageErrors: r.pageErrors,
      browser: r.browser,
      ms: r.ms,
      ...(r.kind === 'memory'
        ? { truthLines: r.verdict.truthLines, missing: r.verdict.missing, chrome: r.verdict.chrome, wrongEmpty: r.verdict.wrongEmpty }
        : { memories: r.verdict.memories, missing: r.verdict.missing, problems: r.verdict.problems }),
    })),
  };
  await fs.writeFile(OUT, JSON.stringify(json, null, 2) + '\n');
  return OUT;
}

// ---------------------------------------------------------------------------------------
// As a command: run, print, write the JSON; exit 1 on any violation.

async function main() {
  const s = settings();
  const groups = plan(s);
  const started = new Date().toISOString();
  const t0 = Date.now();
  const total = groups.reduce((n, g) => n + g.specs.length, 0);
  const pool = new Pool(Math.max(1, Math.min(s.browsers, total))); // No more browsers than variants.
  console.log(`drift: base seed ${s.baseSeed}, ${total} variants, ${pool.browsers.length} browsers side by side`);
  await pool.start();
  const results = [];
  try {
    for (const group of groups) {
      const g0 = Date.now();
      const mine = await runGroup(pool, group);
      results.push(...mine);
      console.log(`drift: ${group.kind} ${group.site}: ${mine.length} variants in ${((Date.now() - g0) / 1000).toFixed(0)} s`);
    }
  } finally {
    await pool.close();
  }
  const seconds = (Date.now() - t0) / 1000;
  const run = { results, seconds, baseSeed: s.baseSeed, n: s.n, only: s.only, started, browsers: pool.browsers.length, restarts: pool.restarts, extension: pool.extension };
  console.log(reportText(run));
  console.log(`drift: wrote ${await writeJson(run)}`);
  if (results.some((r) => r.verdict.violation || r.broken)) process.exitCode = 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((e) => {
    console.error(e);
    process.exit(2);
  });
}
