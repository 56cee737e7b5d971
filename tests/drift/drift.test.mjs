// The drift run as a test: the built extension (dist/chromium, ./dev build) in Chromium over
// seeded memory and import pages of every site, one test per site and page kind, a few
// browsers side by side for all of them. See run.mjs for the settings (MEMPORT_DRIFT_N,
// _SEED, _ONLY, _SITES, _KINDS, _BROWSERS) and README.md for what a variant is.
//
// A test fails on any violation (memport said it worked and it did not, or it changed what it
// should not), when fewer than 95% of its variants are fully read / filled, when a named case
// is not, or when a drift page did not render at all. The tables, one line per failing
// variant and the time taken are printed at the end, and written to target/drift/last-run.json.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { settings, plan, Pool, runGroup, reportText, writeJson } from './run.mjs';
import { featureText, variantId, normalize, violationText } from './judge.mjs';

/** The share of a site and kind's variants that must be fully read / filled. */
const REQUIRED = 0.95;

const s = settings();
const groups = plan(s);
const total = groups.reduce((n, g) => n + g.specs.length, 0);
const pool = new Pool(Math.max(1, Math.min(s.browsers, total))); // No more browsers than variants.
const results = [];
const started = new Date().toISOString();
let t0;

console.log(`drift: base seed ${s.baseSeed} (MEMPORT_DRIFT_SEED=${s.baseSeed} replays this run), ` +
  `${total} variants, ${pool.browsers.length} browsers side by side`);

before(async () => {
  t0 = Date.now();
  await pool.start();
});

after(async () => {
  await pool.close();
  const run = {
    results, seconds: (Date.now() - t0) / 1000, baseSeed: s.baseSeed, n: s.n, only: s.only, started,
    browsers: pool.browsers.length, restarts: pool.restarts, extension: pool.extension,
  };
  console.log(reportText(run));
  console.log(`drift: wrote ${await writeJson(run)}`);
});

const good = (r) => (r.kind === 'memory' ? r.verdict.fullyRead : r.verdict.filled);
const line = (r) => `${variantId(r)} | ${featureText(r.features)} | ` +
  `${normalize(r.verdict.message) || '(no message)'}${r.stall ? ` [${r.stall}]` : ''}`;

for (const group of groups) {
  const what = group.kind === 'memory' ? 'memory pages are read' : 'import pages are filled';
  test(`drift, ${group.site}: ${what} (${group.specs.length} variants)`, async () => {
    const g0 = Date.now();
    const mine = await runGroup(pool, group);
    results.push(...mine);
    const done = mine.filter(good).length;
    console.log(`drift: ${group.kind} ${group.site}: ${done}/${mine.length} ${group.kind === 'memory' ? 'fully read' : 'filled'}, ` +
      `${((Date.now() - g0) / 1000).toFixed(0)} s`);

    assert.deepEqual(mine.filter((r) => r.broken).map((r) => `${variantId(r)}: ${r.pageErrors.join('; ') || 'no driftState'}`), [],
      'drift pages that did not render (the simulator is broken, not memport)');

    assert.deepEqual(mine.filter((r) => r.verdict.violation).map((r) => `${line(r)} | ${violationText(r)}`), [],
      'memport said it worked, and it did not (or it changed what it should not)');

    assert.deepEqual(mine.filter((r) => r.caseName && !good(r)).map(line), [], 'named cases not fully read / filled');

    assert.ok(done >= REQUIRED * mine.length,
      `${done} of ${mine.length} ${group.kind} variants on ${group.site} ${group.kind === 'memory' ? 'fully read' : 'filled'} ` +
      `(${((100 * done) / mine.length).toFixed(1)}%, needs ${REQUIRED * 100}%); not:\n` +
      mine.filter((r) => !good(r)).map(line).join('\n'));
  });
}
