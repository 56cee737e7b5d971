// The browser half of the export benchmark (issue 5): the same synthetic ChatGPT exports as
// tests/bench/export.rs, read by the shipped extension (dist/chromium, `./dev build`: release,
// wasm-opt) in headless Chromium, the real way: the options page's "Import a data export"
// file input, its dedicated worker (extension/data-export-worker.js) running the WebAssembly
// reader over the browser `File` with FileReaderSync. Next to it, Node's JSON.parse of the
// same conversations.json, and the native figures; one table. Prints figures; asserts
// nothing about speed.
//
//   node tests/bench/export.mjs [--native FILE] [--dist DIR] [--sizes 50MB,200MB] [--1gb]
//                               [--runs N] [--no-wait] [--no-chromium] [--no-probe]
//                               [--no-node] [--no-firefox] [--dist-firefox DIR]
//
// --native FILE: the figures `cargo bench --bench export -- --json FILE`
// wrote (it also makes the inputs in target/bench-export/; `./dev bench` runs both).
//
// Chromium: each run opens a fresh options page (chrome-extension://<id>/popup.html in a tab),
// waits for its reader to have warmed up (the page does that as it opens), 1.5 s more and
// until the browser is idle (under 5% of a core for a second, at most 10 s),
// gives the file to its input with Playwright's setInputFiles (a local path: Chromium reads
// the file from disk, as for a person's choice), and times, inside the page with
// performance.now(), from the input's change event to the end of the run (the page hides its
// progress bar when the worker says done). MB/s are of uncompressed JSON (the reader's
// `json_bytes`). Memory: every 50 ms the resident set (VmRSS) of every process of the browser
// (Chromium's whole process tree under this Node process) is summed; the peak during the run
// minus the level just before it is the browser's extra memory. The biggest grower (almost
// always the renderer of the options page, where the worker runs) is named too.
//
// Node: `fs.readFileSync` then `JSON.parse` of the bare conversations.json, each run in a
// fresh `node` process; its peak resident set (VmHWM) minus the level before. Over V8's
// longest string (536,870,888 characters) it cannot, and says so.
//
// Then, once per file unless --no-probe, where the time goes in Chromium: how much of the run
// is the browser handing over the file's bytes (FileReaderSync), how much the WebAssembly,
// with the native split of the latter (reading, inflating, then splitting and parsing) beside it.
//
// Each figure is the median of --runs runs (3 unless told); before each run it waits up to
// three minutes (MEMPORT_BENCH_PATIENCE seconds) for the 1-minute load to drop under 1.0 (--no-wait: not).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync, execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const V8_MAX_STRING = 536_870_888;
const GOAL_MB_S = 150;
const GOAL_EXTRA_MB = 300;
const SAMPLE_MS = 50;
const PATIENCE_MS = 1000 * Number(process.env.MEMPORT_BENCH_PATIENCE ?? 180);

const args = process.argv.slice(2);
const value = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);

// ---------------------------------------------------------------------------------------------
// `--parse FILE`: one Node JSON.parse, in its own process (run by the parent below).

function statusBytes(field) {
  const line = fs.readFileSync('/proc/self/status', 'utf8').split('\n').find((l) => l.startsWith(field));
  return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
}

if (value('--parse')) {
  const file = value('--parse');
  const before = statusBytes('VmRSS:');
  const t0 = performance.now();
  let text;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    if (e.code !== 'ERR_STRING_TOO_LONG') throw e;
    console.log(JSON.stringify({ cannot: "over V8's string limit" }));
    process.exit(0);
  }
  const t1 = performance.now();
  const parsed = JSON.parse(text);
  const t2 = performance.now();
  const peak = statusBytes('VmHWM:');
  console.log(JSON.stringify({
    read: (t1 - t0) / 1000,
    parse: (t2 - t1) / 1000,
    secs: (t2 - t0) / 1000,
    peakExtraMb: (peak - before) / 1e6,
    elements: Array.isArray(parsed) ? parsed.length : 1,
  }));
  process.exit(0);
}

// ---------------------------------------------------------------------------------------------
// Helpers.

const median = (v) => {
  const s = [...v].sort((a, b) => a - b);
  const n = s.length;
  return n === 0 ? NaN : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Waits, at most three minutes, for the 1-minute load to drop under 1.0; returns it then. */
async function quiet(wait) {
  const start = Date.now();
  let told = false;
  for (;;) {
    const load = os.loadavg()[0];
    if (!wait || load < 1.0 || Date.now() - start > PATIENCE_MS) {
      if (told) process.stderr.write(` ${load.toFixed(2)}\n`);
      return load;
    }
    if (!told) process.stderr.write(`  waiting for the machine to quieten (load ${load.toFixed(2)})…`);
    told = true;
    await sleep(5000);
  }
}

/** Every process under `root` (not itself): pid -> its command's --type (or 'browser'). */
function descendants(root) {
  const parent = new Map();
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid ...: comm may hold spaces, so read after its last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parent.set(Number(name), ppid);
    } catch { /* gone */ }
  }
  const under = new Map();
  for (const pid of parent.keys()) {
    let p = pid;
    for (let hops = 0; hops < 20 && p > 1; hops++) {
      p = parent.get(p);
      if (p === root) {
        let kind = 'browser';
        try {
          const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8');
          const argv = cmd.split('\0').filter(Boolean);
          kind = /--type=([\w-]+)/.exec(cmd)?.[1] ?? (cmd.includes('chrom') ? 'browser'
            // Firefox's child processes end their command line with their type ('tab', 'gpu', …).
            : /firefox/.test(argv[0] ?? '') ? (argv.includes('-contentproc') ? `Firefox ${argv.at(-1)}` : 'Firefox main')
              : path.basename(argv[0] ?? ''));
        } catch { /* gone */ }
        under.set(pid, kind);
        break;
      }
    }
  }
  return under;
}

/** CPU time (in clock ticks) used so far by every process under `root`. */
function cpuTicks(root) {
  let ticks = 0;
  for (const pid of descendants(root).keys()) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch { /* gone */ }
  }
  return ticks;
}

/** Waits, at most ten seconds, until the browser has used under 5% of a core for a second. */
async function browserIdle(root) {
  const start = Date.now();
  let last = cpuTicks(root);
  while (Date.now() - start < 10_000) {
    await sleep(1000);
    const now = cpuTicks(root);
    if (now - last < 5) return; // 5 ticks of 100 a second
    last = now;
  }
}

const PAGE = 4096;
function rssOf(pid) {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE;
  } catch {
    return 0;
  }
}

/** Samples the browser's processes every SAMPLE_MS: total now, peak total, peak per process. */
function sampler(root) {
  let tree = descendants(root);
  let treeAt = Date.now();
  const state = { total: 0, peak: 0, perPid: new Map(), samples: 0 };
  const sample = () => {
    if (Date.now() - treeAt > 1000) {
      tree = descendants(root);
      treeAt = Date.now();
    }
    let total = 0;
    for (const [pid, kind] of tree) {
      const rss = rssOf(pid);
      total += rss;
      const seen = state.perPid.get(pid);
      if (!seen) state.perPid.set(pid, { kind, first: rss, peak: rss });
      else seen.peak = Math.max(seen.peak, rss);
    }
    state.total = total;
    state.peak = Math.max(state.peak, total);
    state.samples += 1;
  };
  sample();
  const timer = setInterval(sample, SAMPLE_MS);
  return {
    state,
    /** Starts a new peak from now. */
    reset() {
      sample();
      state.peak = state.total;
      state.perPid = new Map();
      sample();
    },
    stop() {
      clearInterval(timer);
      sample();
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The inputs and the native figures.

const runs = Number(value('--runs') ?? 3);
const wait = !args.includes('--no-wait');
const nativeFile = value('--native');
const native = nativeFile && fs.existsSync(nativeFile) ? JSON.parse(fs.readFileSync(nativeFile, 'utf8')) : null;
let labels = value('--sizes')?.split(',') ?? native?.sizes.map((s) => s.label) ?? ['50MB', '200MB'];
if ((args.includes('--1gb') || process.env.MEMPORT_BENCH_1GB === '1') && !labels.some((l) => l.toUpperCase() === '1GB')) {
  labels.push('1GB');
}
const dir = path.join(ROOT, 'target/bench-export');
const inputs = labels.map((label) => {
  const tag = label.toLowerCase();
  const zip = path.join(dir, `chatgpt-${tag}.zip`);
  const json = path.join(dir, `chatgpt-${tag}`, 'conversations.json');
  for (const f of [zip, json]) {
    if (!fs.existsSync(f)) {
      console.error(`${f} is missing: cargo bench --bench export -- --sizes ${label} makes it (./dev bench runs both)`);
      process.exit(2);
    }
  }
  const n = native?.sizes.find((s) => s.label === label);
  // The reader's JSON bytes; without native figures, the conversations.json (the ZIP's other
  // JSON files add under a kilobyte).
  const jsonBytes = fs.statSync(json).size;
  return {
    label,
    zip: { path: zip, jsonBytes: n?.zip.json_bytes ?? jsonBytes, native: n?.zip },
    json: { path: json, jsonBytes: n?.json.json_bytes ?? jsonBytes, native: n?.json },
  };
});

// ---------------------------------------------------------------------------------------------
// Chromium.

async function chromiumRuns() {
  const dist = path.resolve(value('--dist') ?? path.join(ROOT, 'dist/chromium'));
  if (!fs.existsSync(path.join(dist, 'manifest.json'))) {
    console.error(`No built extension in ${dist}: run ./dev build first.`);
    process.exit(2);
  }
  const { launchBrowser } = await import('../e2e/harness.mjs');
  const env = await launchBrowser({ extensionDir: dist });
  let version = '';
  try {
    version = execFileSync(process.env.CHROMIUM || '/usr/bin/chromium', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch { /* unknown */ }
  const watch = sampler(process.pid);
  try {
    for (const input of inputs) {
      for (const which of ['zip', 'json']) {
        const it = input[which];
        it.chromium = [];
        for (let i = 0; i < runs; i++) {
          const load = await quiet(wait);
          const r = await chromiumOnce(env, watch, it.path, it.jsonBytes);
          it.chromium.push({ ...r, load });
        }
      }
    }
  } finally {
    watch.stop();
    await env.close();
  }
  return version;
}

/** One run in a fresh options page; {secs, mbS, extraMb, grower}. */
async function chromiumOnce(env, watch, file, jsonBytes) {
  const page = await env.context.newPage();
  try {
    await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
    await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: 10_000 });
    await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
    // The clock, inside the page: from the input's change (captured before the page's own
    // listener starts the worker) to the progress bar hidden (the worker said done).
    await page.evaluate(() => {
      const b = (window.__bench = { t0: 0, t1: 0, first: 0 });
      window.addEventListener('change', () => { b.t0 = performance.now(); }, { capture: true });
      const run = document.getElementById('export-run');
      new MutationObserver(() => {
        if (b.t0 && !b.first && document.getElementById('export-progress').hasAttribute('value')) b.first = performance.now();
        if (b.t0 && !b.t1 && run.hidden) {
          b.t1 = performance.now();
          b.status = document.getElementById('export-status').textContent;
          b.problem = document.getElementById('export-status').className === 'problem';
        }
      }).observe(document.getElementById('export'), { attributes: true, subtree: true, childList: true });
    });
    // The page settles (its WebAssembly loaded, the profile drawn, its reader warmed on the
    // built-in export as while a person chooses files: crate/export/warm.rs), and the browser
    // goes idle (a freshly started one keeps busy for a while: not memport's work), then the
    // level before. A person takes longer than this to choose a file.
    await page.locator('#export[data-reader="warm"]').waitFor({ state: 'attached', timeout: 10_000 })
      .catch(() => { throw new Error("the options page's reader never said it was warm"); });
    await sleep(1500);
    await browserIdle(process.pid);
    watch.reset();
    const before = watch.state.total;
    await page.locator('#export-files').setInputFiles(file);
    const b = await (await page.waitForFunction(() => window.__bench.t1 && window.__bench, null, { polling: 100, timeout: 600_000 })).jsonValue();
    const peak = watch.state.peak;
    if (b.problem) throw new Error(`${file}: ${b.status}`);
    const summary = await page.locator('#export-summary .line').first().textContent();
    let grower = null;
    for (const [pid, p] of watch.state.perPid) {
      const grew = p.peak - p.first;
      if (!grower || grew > grower.grew) grower = { pid, kind: p.kind, grew };
    }
    const secs = (b.t1 - b.t0) / 1000;
    return {
      secs,
      mbS: jsonBytes / 1e6 / secs,
      extraMb: (peak - before) / 1e6,
      beforeMb: before / 1e6,
      startSecs: b.first ? (b.first - b.t0) / 1000 : null,
      grower: grower && { kind: grower.kind, mb: grower.grew / 1e6 },
      summary,
    };
  } finally {
    await page.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Firefox: the same files, read the same way by dist/firefox/ in headless firefox-esr
// (tests/firefox/driver.mjs: a temporary add-on driven through geckodriver). Each run opens a
// fresh options page, waits for its reader to be warm, then the same 1.5 s and idle browser,
// and gives the file to the input by WebDriver (Firefox reads it from disk); the clock and the
// memory are taken as for Chromium (geckodriver and Firefox's processes are under this one).

async function firefoxRuns() {
  const { startFirefox, DIST } = await import('../firefox/driver.mjs');
  const dist = path.resolve(value('--dist-firefox') ?? DIST);
  let version = '';
  try {
    version = execFileSync(process.env.FIREFOX || '/usr/bin/firefox-esr', ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    console.error('No firefox-esr (./dev setup installs it): no Firefox column.');
    return '';
  }
  const ff = await startFirefox({ extension: dist });
  const watch = sampler(process.pid);
  try {
    for (const input of inputs) {
      for (const which of ['zip', 'json']) {
        const it = input[which];
        it.firefox = [];
        for (let i = 0; i < runs; i++) {
          const load = await quiet(wait);
          const r = await firefoxOnce(ff, watch, it.path, it.jsonBytes);
          it.firefox.push({ ...r, load });
        }
      }
    }
  } finally {
    watch.stop();
    await ff.close();
  }
  return version;
}

/** One run in a fresh options page in Firefox; {secs, mbS, extraMb, grower}. */
async function firefoxOnce(ff, watch, file, jsonBytes) {
  const first = (await ff.windows())[0];
  const tab = await ff.openExtensionPage('popup.html');
  try {
    await ff.until(() => document.querySelector('#export[data-reader="warm"]') !== null, [], { what: "the options page's reader warm" });
    await ff.run(() => {
      const b = (window.__bench = { t0: 0, t1: 0, first: 0 });
      window.addEventListener('change', () => { b.t0 = performance.now(); }, { capture: true });
      const run = document.getElementById('export-run');
      new MutationObserver(() => {
        if (b.t0 && !b.first && document.getElementById('export-progress').hasAttribute('value')) b.first = performance.now();
        if (b.t0 && !b.t1 && run.hidden) {
          b.t1 = performance.now();
          b.status = document.getElementById('export-status').textContent;
          b.problem = document.getElementById('export-status').className === 'problem';
        }
      }).observe(document.getElementById('export'), { attributes: true, subtree: true, childList: true });
    });
    await sleep(1500);
    await browserIdle(process.pid);
    watch.reset();
    const before = watch.state.total;
    await ff.type(await ff.find('#export-files'), file);
    const b = await ff.until(() => window.__bench.t1 && window.__bench, [], { timeout: 600_000, what: 'the run ended' });
    const peak = watch.state.peak;
    if (b.problem) throw new Error(`${file}: ${b.status}`);
    const summary = await ff.run(() => document.querySelector('#export-summary .line')?.textContent ?? '');
    let grower = null;
    for (const [pid, p] of watch.state.perPid) {
      const grew = p.peak - p.first;
      if (!grower || grew > grower.grew) grower = { pid, kind: p.kind, grew };
    }
    const secs = (b.t1 - b.t0) / 1000;
    return {
      secs,
      mbS: jsonBytes / 1e6 / secs,
      extraMb: (peak - before) / 1e6,
      beforeMb: before / 1e6,
      startSecs: b.first ? (b.first - b.t0) / 1000 : null,
      grower: grower && { kind: grower.kind, mb: grower.grew / 1e6 },
      summary,
    };
  } finally {
    await ff.call('DELETE', '/window').catch(() => {});
    await ff.switchTo(first).catch(() => {});
    void tab;
  }
}

// ---------------------------------------------------------------------------------------------
// Where the time goes in Chromium: a copy of the extension with one more worker,
// bench-probe-worker.js, which is data-export-worker.js with FileReaderSync.readAsArrayBuffer timed
// around each call (the core reads through it), and then the same file read by 8 MB slices
// with FileReaderSync alone, each copied into a buffer as the core's window is. The worker is
// made from the options page with the File of an input of the bench's own.

const PROBE_WORKER = `
import init, { importFiles } from './pkg/memport_export.js';
const t = performance.now();
const ready = init({ module_or_path: new URL('pkg/memport_export_bg.wasm', import.meta.url) }).then(() => performance.now() - t);
self.onmessage = async ({ data }) => {
  const initMs = await ready;
  const real = FileReaderSync.prototype.readAsArrayBuffer;
  const reads = { ms: 0, calls: 0, bytes: 0 };
  FileReaderSync.prototype.readAsArrayBuffer = function (blob) {
    const t0 = performance.now();
    const out = real.call(this, blob);
    reads.ms += performance.now() - t0;
    reads.calls += 1;
    reads.bytes += out.byteLength;
    return out;
  };
  let progress = 0;
  const t0 = performance.now();
  importFiles(data.files, () => { progress += 1; });
  const importMs = performance.now() - t0;
  FileReaderSync.prototype.readAsArrayBuffer = real;
  // The file alone, by 8 MB slices, copied out as the core's window is.
  const file = data.files[0];
  const reader = new FileReaderSync();
  const window = new Uint8Array(8 << 20);
  const t1 = performance.now();
  for (let at = 0; at < file.size; at += window.length) {
    const bytes = new Uint8Array(reader.readAsArrayBuffer(file.slice(at, at + window.length)));
    window.set(bytes);
  }
  const readOnlyMs = performance.now() - t1;
  postMessage({ initMs, importMs, reads, progress, readOnlyMs });
};
`;

async function chromiumProbe(dist) {
  const copy = path.join(dir, 'extension-probe');
  fs.rmSync(copy, { recursive: true, force: true });
  fs.cpSync(dist, copy, { recursive: true });
  fs.writeFileSync(path.join(copy, 'bench-probe-worker.js'), PROBE_WORKER);
  const { launchBrowser } = await import('../e2e/harness.mjs');
  const env = await launchBrowser({ extensionDir: copy });
  try {
    for (const input of inputs) {
      for (const which of ['zip', 'json']) {
        const it = input[which];
        await quiet(wait);
        const page = await env.context.newPage();
        try {
          await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
          await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
          await page.evaluate(() => {
            const input = document.createElement('input');
            input.type = 'file';
            input.id = 'bench-file';
            document.body.append(input);
          });
          await page.locator('#bench-file').setInputFiles(it.path);
          it.probe = await page.evaluate(() => new Promise((resolve, reject) => {
            const w = new Worker(chrome.runtime.getURL('bench-probe-worker.js'), { type: 'module' });
            w.onmessage = ({ data }) => { w.terminate(); resolve(data); };
            w.onerror = (e) => reject(new Error(e.message));
            w.postMessage({ files: [...document.getElementById('bench-file').files] });
          }));
        } finally {
          await page.close();
        }
      }
    }
  } finally {
    await env.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Node's JSON.parse.

async function nodeRuns() {
  for (const input of inputs) {
    const it = input.json;
    it.node = [];
    const size = fs.statSync(it.path).size;
    for (let i = 0; i < runs; i++) {
      if (size > V8_MAX_STRING) {
        // Checked once for real: the file does not fit in one string.
        if (i > 0) break;
      }
      const load = await quiet(wait);
      const child = spawnSync(process.execPath, ['--max-old-space-size=16384', fileURLToPath(import.meta.url), '--parse', it.path], {
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      });
      if (child.status !== 0) throw new Error(`node JSON.parse of ${it.path}: ${child.stderr}`);
      const r = JSON.parse(child.stdout);
      it.node.push(r.cannot ? r : { ...r, mbS: it.jsonBytes / 1e6 / r.secs, parseMbS: it.jsonBytes / 1e6 / r.parse, load });
      if (r.cannot) break;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The table.

const f0 = (v) => (Number.isFinite(v) ? v.toFixed(0) : '-');
const cell = (mbS, mb) => `${f0(mbS).padStart(5)} MB/s, ${f0(mb).padStart(4)} MB`;

function medianOf(list, key) {
  return median((list ?? []).map((r) => r[key]).filter(Number.isFinite));
}

function print(version, firefoxVersion = '') {
  console.log(`\nmemport's export reader: ${native?.machine ?? `${os.cpus()[0]?.model}, ${os.cpus().length} cores`}`);
  console.log(`medians of ${runs} runs; MB/s of uncompressed JSON (10^6 bytes); peak = extra resident memory over the level before the run`);
  console.log(`native: cargo bench --bench export (release); ${version || 'Chromium'}${firefoxVersion ? ` and ${firefoxVersion}` : ''}: the shipped extension's worker (release, wasm-opt), whole browser; Node ${process.version}: readFileSync + JSON.parse\n`);
  const head = ['size', 'native ZIP', 'native JSON', 'Chromium worker ZIP', 'Chromium worker JSON', 'Firefox worker ZIP', 'Firefox worker JSON', 'Node JSON.parse'];
  const widths = [6, 20, 20, 20, 20, 20, 20, 20];
  const line = (cells) => console.log(cells.map((c, i) => String(c).padEnd(widths[i])).join(' | '));
  line(head);
  line(widths.map((w) => '-'.repeat(w)));
  for (const input of inputs) {
    const n = (x) => (x.native ? cell(x.native.median.mb_s, x.native.median.peak_extra_mb) : '-');
    const c = (x) => (x.chromium ? cell(medianOf(x.chromium, 'mbS'), medianOf(x.chromium, 'extraMb')) : '-');
    const node = input.json.node;
    const nodeCell = !node ? '-' : node[0]?.cannot ? `cannot: ${node[0].cannot}` : cell(medianOf(node, 'mbS'), medianOf(node, 'peakExtraMb'));
    const f = (x) => (x.firefox ? cell(medianOf(x.firefox, 'mbS'), medianOf(x.firefox, 'extraMb')) : '-');
    line([input.label, n(input.zip), n(input.json), c(input.zip), c(input.json), f(input.zip), f(input.json), nodeCell]);
  }
  console.log();
  // The details the table leaves out.
  for (const input of inputs) {
    for (const which of ['zip', 'json']) {
      const it = input[which];
      if (it.chromium) {
        const runsText = it.chromium.map((r) => `${f0(r.mbS)} MB/s +${f0(r.extraMb)} MB`).join(', ');
        const g = it.chromium.map((r) => r.grower).filter(Boolean).sort((a, b) => b.mb - a.mb)[0];
        const start = medianOf(it.chromium, 'startSecs');
        console.log(`${input.label} ${which.toUpperCase()} in Chromium: runs ${runsText}; best ${f0(Math.max(...it.chromium.map((r) => r.mbS)))} MB/s; ` +
          `browser at ${f0(medianOf(it.chromium, 'beforeMb'))} MB before; biggest grower the ${g?.kind} process (+${f0(g?.mb)} MB); ` +
          `first progress after ${Number.isFinite(start) ? start.toFixed(2) : '-'} s; load at each run ${it.chromium.map((r) => r.load.toFixed(1)).join(', ')}; "${it.chromium.at(-1).summary}"`);
      }
    }
    for (const which of ['zip', 'json']) {
      const it = input[which];
      if (it.firefox) {
        const g = it.firefox.map((r) => r.grower).filter(Boolean).sort((a, b) => b.mb - a.mb)[0];
        console.log(`${input.label} ${which.toUpperCase()} in Firefox: runs ${it.firefox.map((r) => `${f0(r.mbS)} MB/s +${f0(r.extraMb)} MB`).join(', ')}; ` +
          `browser at ${f0(medianOf(it.firefox, 'beforeMb'))} MB before; biggest grower the ${g?.kind} process (+${f0(g?.mb)} MB); ` +
          `load at each run ${it.firefox.map((r) => r.load.toFixed(1)).join(', ')}; "${it.firefox.at(-1).summary}"`);
      }
    }
    const node = input.json.node;
    if (node?.length && !node[0].cannot) {
      console.log(`${input.label} Node: readFileSync ${medianOf(node, 'read').toFixed(2)} s + JSON.parse ${medianOf(node, 'parse').toFixed(2)} s ` +
        `(JSON.parse alone ${f0(medianOf(node, 'parseMbS'))} MB/s), peak +${f0(medianOf(node, 'peakExtraMb'))} MB`);
    }
  }
  for (const input of inputs) {
    for (const which of ['zip', 'json']) {
      const it = input[which];
      const p = it.probe;
      if (!p) continue;
      const mbS = (ms) => f0(it.jsonBytes / 1e6 / (ms / 1000));
      const fileMb = fs.statSync(it.path).size / 1e6;
      const steps = it.native?.steps;
      const nativeSplit = steps ? ` (natively, same file: ${f0(it.jsonBytes / 1e6 / steps.import)} MB/s; reading ${(100 * steps.read / steps.import).toFixed(0)}%, ` +
        `${steps.inflate != null ? `inflating ${(100 * (steps.inflate - steps.read) / steps.import).toFixed(0)}%, ` : ''}` +
        `splitting, parsing and collecting ${(100 * (steps.import - (steps.inflate ?? steps.read)) / steps.import).toFixed(0)}%)` : '';
      console.log(`${input.label} ${which.toUpperCase()} in Chromium, where the time goes (one run): importFiles ${(p.importMs / 1000).toFixed(2)} s = ${mbS(p.importMs)} MB/s; ` +
        `of which FileReaderSync ${(p.reads.ms / 1000).toFixed(2)} s (${(100 * p.reads.ms / p.importMs).toFixed(0)}%, ${p.reads.calls} calls, ${f0(p.reads.bytes / 1e6)} MB), ` +
        `the WebAssembly the rest, ${((p.importMs - p.reads.ms) / 1000).toFixed(2)} s = ${mbS(p.importMs - p.reads.ms)} MB/s${nativeSplit}; ` +
        `loading the WebAssembly ${(p.initMs / 1000).toFixed(2)} s before; FileReaderSync alone over the ${f0(fileMb)} MB file in 8 MB slices ${f0(fileMb / (p.readOnlyMs / 1000))} MB/s of file`);
    }
  }
  const chromeZip = inputs.map((i) => medianOf(i.zip.chromium, 'mbS')).filter(Number.isFinite);
  const extras = inputs.flatMap((i) => [...(i.zip.chromium ?? []), ...(i.json.chromium ?? [])].map((r) => r.extraMb));
  if (chromeZip.length) {
    const slowest = Math.min(...chromeZip);
    const most = Math.max(...extras);
    console.log(`\ngoal, >= ${GOAL_MB_S} MB/s of JSON from the ZIP in Chromium: ${slowest >= GOAL_MB_S ? 'met' : 'NOT met'} (slowest size's median ${f0(slowest)} MB/s)`);
    console.log(`goal, browser's extra memory < ${GOAL_EXTRA_MB} MB at any size: ${most < GOAL_EXTRA_MB ? 'met' : 'NOT met'} (most in any run ${f0(most)} MB)`);
  }
}

let version = '';
if (!args.includes('--no-chromium')) {
  version = await chromiumRuns();
  if (!args.includes('--no-probe')) await chromiumProbe(path.resolve(value('--dist') ?? path.join(ROOT, 'dist/chromium')));
}
let firefoxVersion = '';
if (!args.includes('--no-firefox')) firefoxVersion = await firefoxRuns();
if (!args.includes('--no-node')) await nodeRuns();
print(version, firefoxVersion);
