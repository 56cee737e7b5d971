// The WebAssembly half of `./dev bench`: the workload of tests/bench/profile.rs (the
// library's `bench` module, so the same text and the same calls), run as the WebAssembly the
// extension ships (release, `wasm-opt -Oz`) in V8, and printed next to the native figures.
//
//   node tests/bench/wasm.mjs PKG [--native FILE] [--chromium]
//
// PKG is the `wasm-bindgen --target web` output of a `--features bench` build (`./dev bench`
// makes it in target/bench-wasm/pkg, with the package.json that lets Node import it).
// --native FILE reads the figures `cargo bench --bench profile -- --json FILE` wrote and
// prints both side by side. --chromium runs the same module in a page of headless Chromium
// too, the browser the extension runs in (Node is V8 as well, but a page is where the popup
// and the worker are).
//
// Rust reads the clock (`performance.now()`) around each phase, so no JS call crosses the
// measured stretch. Each size runs once, smallest first, as one import in the extension
// would: V8 compiles a WebAssembly function when it is first called, so the 100 row includes
// that, and figures under a millisecond move with whatever else the machine is doing.
// Prints figures; asserts nothing about speed.

import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const PHASES = [
  ['parse', 'parse'],
  ['classify', 'classify'],
  ['merge', 'merge'],
  ['merge again', 'merge_again'],
];

/** Runs the whole workload through an imported wasm-bindgen module. */
function runAll(m) {
  const [chars, entries, parse] = m.benchFences();
  const sizes = Array.from(m.benchSizes(), (n) => {
    const [p, c, mg, again] = m.benchProfile(n);
    return { items: n, parse: p, classify: c, merge: mg, merge_again: again };
  });
  return { fences: { chars, entries, parse }, sizes };
}

async function inNode(pkg) {
  const m = await import(pathToFileURL(path.join(pkg, 'memport.js')).href);
  m.initSync({ module: await readFile(path.join(pkg, 'memport_bg.wasm')) });
  return runAll(m);
}

/** The same, in a page of headless Chromium served the package through Playwright. */
async function inChromium(pkg) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'], // run as root in CI and containers
  });
  try {
    const page = await browser.newPage();
    const origin = 'https://bench.memport.test';
    const types = { '.js': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html' };
    await page.route(`${origin}/**`, async (route) => {
      const file = new URL(route.request().url()).pathname;
      const body = file === '/' ? '<!doctype html><title>memport bench</title>' :
        await readFile(path.join(pkg, file)).catch(() => null);
      if (body === null) return route.fulfill({ status: 404 });
      await route.fulfill({
        body,
        contentType: types[path.extname(file) || '.html'],
        // Cross-origin isolation: Chromium then coarsens performance.now() to 5 µs, not 100.
        headers: {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        },
      });
    });
    await page.goto(`${origin}/`);
    // The page runs the very runAll above: Playwright passes functions as source text.
    const figures = await page.evaluate(async (runAllSource) => {
      const m = await import('/memport.js');
      await m.default();
      const run = (0, eval)(`(${runAllSource})`);
      return { ...run(m), isolated: crossOriginIsolated };
    }, runAll.toString());
    figures.version = browser.version();
    return figures;
  } finally {
    await browser.close();
  }
}

/** A duration: a few significant digits whatever its size (as profile.rs prints them). */
function ms(v) {
  if (v === undefined) return '-';
  if (v < 10) return `${v.toFixed(3)} ms`;
  if (v < 1000) return `${v.toFixed(1)} ms`;
  return `${v.toFixed(0)} ms`;
}

const pad = (s, w) => String(s).padStart(w);

function printOwn(label, f) {
  console.log(`${label}`);
  console.log(`a ${f.fences.chars}-character paste of fences: ${ms(f.fences.parse)} (${f.fences.entries} entries)\n`);
  console.log(`${pad('items', 8)}  ${PHASES.map(([name]) => pad(name, 12)).join('  ')}`);
  for (const s of f.sizes) {
    console.log(`${pad(s.items, 8)}  ${PHASES.map(([, key]) => pad(ms(s[key]), 12)).join('  ')}`);
  }
  console.log();
}

/** Phase × size, one column per engine, then how many times the native time each took. */
function printSideBySide(columns) {
  const native = columns.find((c) => c.label === 'native');
  const wasm = columns.filter((c) => c !== native);
  const head = ['phase'.padEnd(12), pad('items', 10), ...columns.map((c) => pad(c.label, 14))];
  if (native) head.push(...wasm.map((c) => pad(`${c.short}/native`, 14)));
  console.log(head.join('  '));
  const row = (phase, items, value) => {
    const cells = [phase.padEnd(12), pad(items, 10), ...columns.map((c) => pad(ms(value(c)), 14))];
    if (native) cells.push(...wasm.map((c) => pad(`${(value(c) / value(native)).toFixed(1)}x`, 14)));
    console.log(cells.join('  '));
  };
  for (const [name, key] of PHASES) {
    columns[0].figures.sizes.forEach((s, i) => {
      row(name, s.items.toLocaleString('en'), (c) => c.figures.sizes[i]?.[key]);
    });
  }
  row('fences', '1 MB paste', (c) => c.figures.fences.parse);
}

const args = process.argv.slice(2);
const pkg = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--native');
if (!pkg || !existsSync(path.join(pkg, 'memport_bg.wasm'))) {
  console.error('usage: node tests/bench/wasm.mjs PKG [--native FILE] [--chromium]  (see ./dev bench)');
  process.exit(2);
}
const nativeFile = args.includes('--native') ? args[args.indexOf('--native') + 1] : null;

const columns = [];
if (nativeFile) {
  columns.push({ label: 'native', figures: JSON.parse(await readFile(nativeFile, 'utf8')) });
}
const node = await inNode(pkg);
printOwn(`WebAssembly in Node ${process.version} (V8 ${process.versions.v8})`, node);
columns.push({ label: 'wasm, Node', short: 'Node', figures: node });
if (args.includes('--chromium')) {
  const chromium = await inChromium(pkg);
  const clock = chromium.isolated ? '' : ' (performance.now() to 0.1 ms)';
  printOwn(`WebAssembly in headless Chromium ${chromium.version}${clock}`, chromium);
  columns.push({ label: 'wasm, Chromium', short: 'Chromium', figures: chromium });
}
if (columns.length > 1) printSideBySide(columns);
