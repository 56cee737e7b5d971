// "Import a data export" on the options page: the person's export files are read by the Rust
// core in a dedicated Web Worker (extension/data-export-worker.js, crate/web/data_export.rs), with a
// progress bar and Cancel, then previewed one checkbox per memory and added. Real extension,
// real Chromium; the exports are the repository's synthetic ones (`memport-synth`,
// docs/synthetic-exports.md), each with its truth file: exactly what must be recovered.
//
// - a ChatGPT export ZIP (deflated, as ChatGPT makes it) whose conversations.json is larger
//   than V8's longest string (536,870,888 characters), so it can only be read by slices;
// - that conversations.json on its own (`--kind chatgpt-json`, same seed and size: the same
//   bytes), likewise;
// - a Google Takeout "My Activity.json", dropped on the drop zone.

import test from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, openPopup, popupGroups, storedProfile, seedProfile, profileJson, screenshot } from './steps.mjs';

// ---------------------------------------------------------------------------------------------
// The fixtures: synthetic exports from `memport-synth`, made once and kept between runs.

const V8_MAX_STRING = 536_870_888;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// What the exports are made by, hashed into their cache key: the generator's crate and the
// ZIP writer it shares with memport.
const SYNTH_SOURCES = [
  ...fs.readdirSync(path.join(ROOT, 'tests/synth')).filter((f) => f.endsWith('.rs')).sort().map((f) => `tests/synth/${f}`),
  'crate/export/zip_write.rs',
];
const SYNTH_SEED = 7;
// The size of the conversations JSON: well past V8's longest string, whatever the last
// conversation's length.
const BIG = '600MB';

/** Builds `memport-synth` (once a run; cargo does nothing when it is up to date). */
let built = null;
function synthBinary() {
  if (!built) {
    execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'memport-synth', '--bin', 'memport-synth'],
      { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    built = path.join(process.env.CARGO_TARGET_DIR ?? path.join(ROOT, 'target'), 'release', 'memport-synth');
  }
  return built;
}

/**
 * The export `memport-synth --kind KIND --seed SEED --size SIZE [--level L] --out DIR/NAME`
 * writes, and its truth file, in a temp dir named by those options and the generator's
 * source (so a changed generator makes new files); made once and reused while complete.
 * Resolves with the file, its size, the truth (the recovered items, in the reader's order)
 * and the conversation count the generator reports.
 */
async function fixture({ kind, size, name, level = null }) {
  const hash = crypto.createHash('sha256');
  for (const source of SYNTH_SOURCES) hash.update(fs.readFileSync(path.join(ROOT, source)));
  const key = `${kind}-seed${SYNTH_SEED}-${size}${level === null ? '' : `-level${level}`}-${hash.digest('hex').slice(0, 12)}`;
  const dir = path.join(os.tmpdir(), `memport-synth-${key}`);
  const file = path.join(dir, name);
  const done = path.join(dir, 'done.json');
  if (!fs.existsSync(done)) {
    // Made in a folder of this process's own, then renamed into place whole: another checkout's
    // run on the same machine may want the same fixture at the same time, and must never see
    // (or delete) a half-written one.
    const making = `${dir}.making-${process.pid}`;
    await fsp.rm(making, { recursive: true, force: true });
    await fsp.mkdir(making, { recursive: true });
    const args = ['--kind', kind, '--seed', String(SYNTH_SEED), '--size', size, '--out', path.join(making, name)];
    if (level !== null) args.push('--level', String(level));
    const said = execFileSync(synthBinary(), args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    const conversations = Number(/: (\d+) conversations,/.exec(said)?.[1]);
    assert.ok(Number.isInteger(conversations), `memport-synth reports its conversations: ${said}`);
    await fsp.writeFile(path.join(making, 'done.json'), JSON.stringify({ conversations }));
    if (fs.existsSync(done)) {
      await fsp.rm(making, { recursive: true, force: true }); // Another run made it first.
    } else {
      await fsp.rm(dir, { recursive: true, force: true }); // A half-made one from a run that was stopped.
      await fsp.rename(making, dir).catch(async (e) => {
        if (!fs.existsSync(done)) throw e;
        await fsp.rm(making, { recursive: true, force: true }); // Another run renamed first.
      });
    }
  }
  const { conversations } = JSON.parse(await fsp.readFile(done, 'utf8'));
  const truth = JSON.parse(await fsp.readFile(`${file}.truth.json`, 'utf8'));
  return { file, bytes: fs.statSync(file).size, truth, conversations };
}

const chatgptZip = () => fixture({ kind: 'chatgpt-zip', size: BIG, level: 1, name: 'chatgpt-export.zip' });
const chatgptJson = () => fixture({ kind: 'chatgpt-json', size: BIG, name: 'conversations.json' });
const takeout = () => fixture({ kind: 'takeout', size: '100KB', name: 'My Activity.json' });

/** A truth item or preview entry as one comparable line: its text and the day it shows. */
const line = (text, day) => `${text} · ${day ?? 'no date'}`;

/**
 * How many of `truth`'s items the preview must at least mark "already in your profile": all
 * but the first of those with one text (one text, one id), and all of those whose text the
 * profile holds. Different texts may share an id too (dedupe::key), so this is a floor.
 */
function knownAtLeast(truth, profileTexts) {
  const count = new Map();
  for (const { text } of truth) count.set(text, (count.get(text) ?? 0) + 1);
  let known = 0;
  for (const [text, n] of count) known += profileTexts.includes(text) ? n : n - 1;
  return known;
}

/** "Added 3 memories from the export (1 already in your profile)." as export::into_profile says it. */
function addedMessage(added, known) {
  const noun = added === 1 ? 'memory' : 'memories';
  if (known === 0) return `Added ${added} ${noun} from the export.`;
  if (added === 0) return `All ${known} memories from the export were already in your profile.`;
  return `Added ${added} ${noun} from the export (${known} already in your profile).`;
}

// ---------------------------------------------------------------------------------------------
// The options page.

/** A profile of `items` ([text, category]) in a fresh browser with memport. */
async function setup(t, items = [['Keep answers short.', 'Response instructions']]) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson(items));
  return env;
}

/** Opens the options page (the popup's page in a tab, as chrome.runtime.openOptionsPage does). */
async function openOptions(env, { init } = {}) {
  const page = await env.context.newPage();
  if (init) await page.addInitScript(init);
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: 10_000 });
  await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
  page.errors = errors;
  return page;
}

/** The progress bar's value, once it has one above `above`. */
async function progressAbove(page, above, timeout = 60_000) {
  const handle = await page.waitForFunction((min) => {
    const bar = document.querySelector('#export-progress');
    return bar.hasAttribute('value') && bar.value > min ? [bar.value, bar.max] : false;
  }, above, { timeout, polling: 20 });
  return handle.jsonValue();
}

/**
 * Waits for the run to end (the bar gone), then for its preview or its message: whatever
 * the run found is on the page when this returns.
 */
async function runEnded(page, timeout = 300_000) {
  await page.locator('#export-run').waitFor({ state: 'hidden', timeout });
  await page.locator('#export-result .preview, #export-status:not(:empty)').first().waitFor();
}

/** The preview's memories, in its order: [{text, meta, day, known}]. */
function preview(page) {
  return page.locator('#export-result .preview > li').evaluateAll((lis) => lis.map((li) => {
    const meta = li.querySelector('.meta').textContent;
    return {
      text: [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE).textContent,
      meta,
      day: /\b\d{4}-\d{2}-\d{2}\b/.exec(meta)?.[0] ?? null,
      known: li.classList.contains('known'),
    };
  }));
}

/**
 * Checks the preview against the truth: one entry per recovered item, the same text and day
 * (in any order), each ticked; at least the entries the truth implies are marked "already in
 * your profile", and the summary counts them. Resolves with the entries.
 */
async function previewMatchesTruth(t, page, truth, profileTexts) {
  const entries = await preview(page);
  assert.deepEqual(entries.map((e) => line(e.text, e.day)).sort(), truth.map((i) => line(i.text, i.first_seen)).sort(),
    'the preview lists exactly what the truth file says must be recovered');
  const sameOrder = entries.every((e, i) => e.text === truth[i].text && e.day === (truth[i].first_seen ?? null));
  t.diagnostic(`${entries.length} memories recovered, ${sameOrder ? 'in' : 'not in'} the truth file's order`);
  const known = entries.filter((e) => e.known).length;
  assert.ok(known >= knownAtLeast(truth, profileTexts), `${known} marked already in the profile`);
  for (const e of entries) {
    if (profileTexts.includes(e.text)) assert.ok(e.known, `"${e.text}" is marked already in the profile`);
  }
  const total = truth.length;
  assert.equal(await page.locator('#export-result .summary').textContent(),
    `Recovered from the export: ${total} ${total === 1 ? 'memory' : 'memories'}` +
    (known === 0 ? '' : known === total ? ' (all already in your profile)' : ` (${known} already in your profile)`) + '.');
  // Categories the contract fixes (export::category_of): instructions, and the account's name.
  const once = (text) => truth.filter((i) => i.text === text).length === 1;
  const fixed = { how_to_respond: 'Response instructions', project_instructions: 'Response instructions', account_name: 'Personal information' };
  for (const item of truth.filter((i) => fixed[i.kind] && once(i.text))) {
    const entry = entries.find((e) => e.text === item.text);
    assert.ok(entry.meta.startsWith(fixed[item.kind]), `"${item.text}" (${item.kind}) is under ${fixed[item.kind]}: ${entry.meta}`);
  }
  const boxes = page.locator('#export-result .preview input[type=checkbox]');
  assert.equal(await boxes.count(), total);
  for (const box of await boxes.all()) assert.ok(await box.isChecked(), 'ticked by default');
  return entries;
}

/**
 * Checks the stored profile after adding the preview's `entries` but `unticked` (a text): the
 * profile's own items, plus one item per kept entry not already in it (its text may be
 * another kept wording of the same memory: dedupe::preferred's), and every source from the
 * export is a truth item: its text, day, file, heading or conversation, and assistant.
 * Resolves with the new items' texts.
 */
function addedMatchTruth(profile, profileTexts, entries, unticked, truth, assistant) {
  const kept = entries.filter((e) => e.text !== unticked);
  const fresh = kept.filter((e) => !e.known).map((e) => e.text);
  const texts = profile.items.map((i) => i.text);
  assert.equal(profile.items.length, profileTexts.length + fresh.length, 'one new item per kept new entry');
  for (const text of profileTexts) assert.ok(texts.includes(text));
  const added = texts.filter((text) => !profileTexts.includes(text));
  for (const text of added) assert.ok(kept.some((e) => e.text === text), `"${text}" is a kept entry`);
  for (const text of fresh) {
    assert.ok(profile.items.some((i) => i.text === text || i.sources.some((s) => s.text === text)), `"${text}" was added`);
  }
  assert.ok(!texts.includes(unticked), `the unticked "${unticked}" was not added`);
  const wrong = [];
  for (const item of profile.items) {
    for (const source of item.sources.filter((s) => s.via === 'export')) {
      const got = { text: source.text ?? item.text, saved: source.saved ?? null, url: source.url, heading: source.heading ?? null, assistant: source.assistant };
      const truthful = truth.some((i) => JSON.stringify(got) === JSON.stringify({
        text: i.text, saved: i.first_seen ?? null, url: i.file, heading: i.heading ?? i.conversation ?? null, assistant,
      }));
      if (!truthful || got.text === unticked) wrong.push(got);
    }
  }
  assert.deepEqual(wrong, [], 'every source from the export is an item of its truth file (and none the unticked one)');
  return added;
}

test('a data export is read in a worker with progress; Cancel adds nothing; a full run is previewed, chosen, added and undone', { timeout: 900_000 }, async (t) => {
  const files = await chatgptZip();
  const { truth } = files;
  // The profile holds one of the export's instructions already.
  const held = truth.find((i) => i.kind === 'how_to_respond').text;
  const env = await setup(t, [[held, 'Response instructions']]);
  const before = await storedProfile(env);
  const page = await openOptions(env);
  await page.getByText('Nothing leaves your browser.').waitFor();

  // The page starts its reader ahead and warms it on a built-in export (crate/export/warm.rs)
  // while the person chooses: the run takes that worker and starts none of its own.
  await page.locator('#export[data-reader="warm"]').waitFor({ state: 'attached' });
  assert.equal(page.workers().length, 1, 'one worker, started with the page');
  const startedWorkers = [];
  page.on('worker', (w) => startedWorkers.push(w.url()));

  // First run: the bar moves, then Cancel ends the worker. Nothing is added.
  const started = Date.now();
  await page.locator('#export-files').setInputFiles([files.file]);
  await page.locator('#export-run').waitFor();
  assert.equal(await page.locator('#export-status').textContent(), 'Reading chatgpt-export.zip…');
  const [first, max] = await progressAbove(page, 0);
  const [second] = await progressAbove(page, first);
  assert.ok(second > first, `the bar moved: ${first} then ${second}`);
  assert.equal(max, files.bytes, 'the bar counts the bytes of the chosen file');
  assert.match(await page.locator('#export-progress-text').textContent(), /^[\d.,]+ MB of [\d,]+ MB · [\d,]+ conversations?$/);
  assert.ok(await page.locator('#export-files').isDisabled(), 'no second run while one is reading');
  assert.deepEqual(startedWorkers, [], 'the run reads in the warm worker');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#export-status', { hasText: 'Cancelled. Nothing was added.' }).waitFor();
  t.diagnostic(`cancelled after ${Date.now() - started} ms at ${second} of ${max} bytes`);
  assert.ok(await page.locator('#export-run').isHidden());
  await page.waitForTimeout(500); // A cancelled worker's last messages must not show anything.
  assert.equal(await page.locator('#export-summary').textContent(), '');
  assert.equal(await page.locator('#export-result').textContent(), '');
  assert.deepEqual(await storedProfile(env), before, 'the stored profile is unchanged');

  // Second run, in the worker readied after the first: read to the end.
  await page.locator('#export[data-reader="warm"]').waitFor({ state: 'attached' });
  assert.equal(startedWorkers.length, 1, 'a new reader was readied once the first was cancelled');
  const begun = Date.now();
  await page.locator('#export-files').setInputFiles([files.file]);
  const readings = [];
  while (readings.length < 2) readings.push((await progressAbove(page, readings.at(-1)?.[0] ?? 0))[0]);
  await runEnded(page);
  const seconds = (Date.now() - begun) / 1000;
  const json = (await chatgptJson()).bytes; // The ZIP's conversations.json, byte for byte.
  t.diagnostic(`read ${files.bytes} bytes of ZIP (${json} of conversations.json) in ${seconds.toFixed(1)} s: ` +
    `${(json / 1e6 / seconds).toFixed(0)} MB/s of JSON`);
  assert.ok(await page.locator('#export-run').isHidden());
  const [done, total] = await page.locator('#export-progress').evaluate((bar) => [bar.value, bar.max]);
  assert.equal(done, total);

  // The summary, from the core's report: every conversation, the inflated JSON, no fault.
  const lines = await page.locator('#export-summary .line').allTextContents();
  const read = new RegExp(`^Read \\d+ files \\(([\\d,]+) MB of JSON, ${files.conversations.toLocaleString('en-US')} conversations\\)\\.$`).exec(lines[0]);
  assert.ok(read, `${lines[0]} counts ${files.conversations} conversations`);
  const mb = Number(read[1].replaceAll(',', ''));
  assert.ok(mb >= Math.round(json / 1e6) && mb <= Math.round(json / 1e6) + 1, `${lines[0]} counts the inflated JSON (${json} bytes of conversations)`);
  assert.equal(await page.locator('#export-summary .faults li').count(), 0, 'no faults');
  await page.locator('#export-summary details.files summary', { hasText: 'Files read' }).click();
  assert.match(await page.locator('#export-summary details.files').first().textContent(), /conversations\.json/);

  // The preview: exactly the truth, each ticked; the one already kept is marked so.
  const entries = await previewMatchesTruth(t, page, truth, [held]);
  assert.match((await preview(page)).find((e) => e.text === held).meta, /already in your profile$/);
  assert.equal((await storedProfile(env)).items.length, 1, 'nothing added by a preview');

  // Untick the last new entry of a text found once, add the rest.
  const unticked = entries.findLast((e) => !e.known && truth.filter((i) => i.text === e.text).length === 1).text;
  assert.equal(unticked, entries.at(-1).text, 'nothing after it can be marked known because of it');
  await page.getByRole('checkbox', { name: `Keep "${unticked}"` }).uncheck();
  await page.locator('#export-result').scrollIntoViewIfNeeded();
  await screenshot(page, 'export-import.png');
  await page.getByRole('button', { name: `Add ${truth.length - 1} memories` }).click();
  const fresh = entries.filter((e) => !e.known && e.text !== unticked).length;
  await page.locator('#export-status.ok', { hasText: addedMessage(fresh, truth.length - 1 - fresh) }).waitFor();
  assert.equal(await page.locator('#export-result').textContent(), '', 'the preview is gone once added');
  assert.deepEqual(page.errors, [], 'no uncaught errors on the options page');
  const added = addedMatchTruth(await storedProfile(env), [held], entries, unticked, truth, 'chatgpt');

  // The toolbar popup shows them, their source the export, and Undo takes the import back.
  const popup = await openPopup(env);
  const shown = (await popupGroups(popup)).flatMap((g) => g.items);
  assert.deepEqual([...shown].sort(), [held, ...added].sort(), 'the popup shows the profile and what was added');
  const metas = await popup.locator('.item').evaluateAll((items) => items.map((i) => [i.querySelector('.text').textContent, i.querySelector('.meta').textContent]));
  for (const [text, meta] of metas) {
    if (added.includes(text)) assert.match(meta, /^ChatGPT export/, `"${text}": ${meta}`);
  }

  // The real toolbar popup: the importer is the options page's; the popup links to it.
  await env.worker.evaluate(() => chrome.action.openPopup());
  const real = await (await page.waitForFunction((text) => {
    const [view] = chrome.extension.getViews({ type: 'popup' });
    const item = [...(view?.document.querySelectorAll('.item') ?? [])].find((i) => i.querySelector('.text').textContent === text);
    if (!item) return false;
    const $ = (css) => view.document.querySelector(css);
    return { link: $('#export-link').hidden ? null : $('#export-link').textContent.trim(), importer: !$('#export').hidden, meta: item.querySelector('.meta').textContent };
  }, added[0], { timeout: 15_000 })).jsonValue();
  assert.deepEqual({ ...real, meta: real.meta.split(' · ')[0] }, { link: 'Import a data export…', importer: false, meta: 'ChatGPT export' });
  await popup.getByRole('button', { name: 'Undo: Imported from an export' }).click();
  await popup.locator('#status.ok').waitFor();
  assert.deepEqual((await storedProfile(env)).items.map((i) => i.text), [held]);
  // The options page follows the stored profile too.
  await page.locator('.item .text', { hasText: added[0] }).first().waitFor({ state: 'detached' });
});

test('files dropped on the drop zone are read; a worker that fails says so and the page stays usable', { timeout: 180_000 }, async (t) => {
  const activity = await takeout();
  const { truth } = activity;
  const env = await setup(t);
  // Every worker this page starts is given a script that does not exist: the reader readied
  // ahead fails quietly, the run's own says so.
  const page = await openOptions(env, {
    init: () => {
      const RealWorker = window.Worker;
      window.Worker = class extends RealWorker {
        constructor(url, options) { super(String(url).replace('data-export-worker.js', 'no-such-worker.js'), options); }
      };
      window.restoreWorker = () => { window.Worker = RealWorker; };
    },
  });
  const zone = page.locator('#export-drop');

  // Google Takeout's My Activity for Gemini Apps, from memport-synth, dropped as a file.
  const dropped = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'My Activity.json', { type: 'application/json' }));
    return data;
  }, await fsp.readFile(activity.file, 'utf8'));

  // A worker that cannot start (its script is missing): a clear message, nothing added.
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  await page.locator('#export-status.problem', { hasText: 'Nothing was added.' }).waitFor();
  assert.match(await page.locator('#export-status').textContent(), /^memport could not read the files/);
  assert.ok(await page.locator('#export-run').isHidden());
  assert.ok(await page.locator('#export-files').isEnabled(), 'the page stays usable');
  await page.evaluate(() => window.restoreWorker());

  // A drag over the zone highlights it; leaving it does not.
  await zone.dispatchEvent('dragover', { dataTransfer: dropped });
  assert.ok(await zone.evaluate((z) => z.classList.contains('over')), 'highlighted on dragover');
  await zone.dispatchEvent('dragleave', { dataTransfer: dropped });
  assert.ok(!(await zone.evaluate((z) => z.classList.contains('over'))), 'no highlight once left');

  // The drop, read in a real worker this time: exactly the truth. One kind of item, one
  // item per id (the truth's rule), none in the profile: nothing is marked known.
  await zone.dispatchEvent('dragover', { dataTransfer: dropped });
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  assert.ok(!(await zone.evaluate((z) => z.classList.contains('over'))));
  await runEnded(page);
  assert.match((await page.locator('#export-summary .line').allTextContents())[0], /^Read 1 file /);
  const entries = await previewMatchesTruth(t, page, truth, ['Keep answers short.']);
  assert.equal(entries.filter((e) => e.known).length, 0);
  await page.getByRole('button', { name: `Add ${truth.length} memories` }).click();
  await page.locator('#export-status.ok', { hasText: addedMessage(truth.length, 0) }).waitFor();
  addedMatchTruth(await storedProfile(env), ['Keep answers short.'], entries, null, truth, 'gemini');
  assert.deepEqual(page.errors, []);
});

test('a conversations.json larger than any JavaScript string is read on its own, by slices', { timeout: 900_000 }, async (t) => {
  const files = await chatgptJson();
  assert.ok(files.bytes > V8_MAX_STRING, `conversations.json is ${files.bytes} bytes: longer than any JS string`);
  const env = await setup(t);
  const page = await openOptions(env);
  const begun = Date.now();
  await page.locator('#export-files').setInputFiles([files.file]);
  assert.equal(await page.locator('#export-status').textContent(), 'Reading conversations.json…');
  await runEnded(page);
  const seconds = (Date.now() - begun) / 1000;
  t.diagnostic(`read ${files.bytes} bytes of JSON in ${seconds.toFixed(1)} s: ${(files.bytes / 1e6 / seconds).toFixed(0)} MB/s`);
  assert.equal((await page.locator('#export-summary .line').allTextContents())[0],
    `Read 1 file (${Math.round(files.bytes / 1e6).toLocaleString('en-US')} MB of JSON, ${files.conversations.toLocaleString('en-US')} conversations).`);
  assert.equal(await page.locator('#export-summary .faults li').count(), 0, 'no faults');
  await previewMatchesTruth(t, page, files.truth, ['Keep answers short.']);
  assert.deepEqual(page.errors, []);
});

test('a secret in a data export is marked in its preview with what was found, and is not sent unless ticked', { timeout: 120_000 }, async (t) => {
  const env = await setup(t);
  const page = await openOptions(env);
  // Claude's memories.json, its memory holding an API key the person once pasted.
  const key = 'sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i';
  const secret = `Keeps the OpenAI key ${key} in a notes app.`;
  const memories = JSON.stringify([{ conversations_memory: `**Work**\n- Works at a bakery in Porto.\n- ${secret}` }]);
  const dropped = await page.evaluateHandle((text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'memories.json', { type: 'application/json' }));
    return data;
  }, memories);
  await page.locator('#export-drop').dispatchEvent('drop', { dataTransfer: dropped });
  await runEnded(page);
  const mark = 'Sensitive: an OpenAI API key (sk-…VB8i)';
  const flagged = page.locator('#export-result .preview > li.sensitive');
  assert.equal(await flagged.count(), 1, 'one entry marked');
  assert.match(await flagged.textContent(), /Keeps the OpenAI key/);
  assert.equal(await flagged.getByRole('note').textContent(), mark);
  assert.ok(!(await flagged.getByRole('note').textContent()).includes(key), 'the mark does not repeat the key');
  await page.getByRole('button', { name: 'Add 2 memories' }).click();
  await page.locator('#export-status.ok', { hasText: 'is marked sensitive' }).waitFor();
  // In the list: marked, and not ticked for sending.
  const item = page.locator('#profile .item', { hasText: 'Keeps the OpenAI key' });
  await item.waitFor();
  assert.equal(await item.getByRole('note').textContent(), mark);
  assert.equal(await item.getByRole('checkbox').isChecked(), false);
  assert.deepEqual(page.errors, []);
});
