// memport in Firefox: the same built extension (dist/firefox/) installed as a temporary
// add-on in Debian's firefox-esr, against the HTTPS replicas, driven through WebDriver
// (driver.mjs). A subset of tests/e2e/: a capture from Claude sent to Gemini, ChatGPT's
// virtualized list, Import text, a data export of a few MB, and Firefox's Unicode normal forms
// (memport's WebAssembly uses the browser's). One Firefox per test.

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFirefox, REPO, ZIP, EXTENSION } from './driver.mjs';
import { writtenForms, browserForms, differingBlocks } from '../e2e/unicode-forms.mjs';

const MEMORIES = JSON.parse(fs.readFileSync(path.join(REPO, 'tests', 'replicas', 'chatgpt', 'memories.json'), 'utf8'));

async function setup(t, options) {
  const ff = await startFirefox(options);
  t.after(() => ff.close());
  return ff;
}

test('Claude\'s memory saved with the in-page button, shown in the popup, sent to Gemini', { timeout: 120_000 }, async (t) => {
  const ff = await setup(t);
  await ff.go('https://claude.ai/settings/capabilities');
  await ff.until(() => (window.replicaState?.renders ?? 0) >= 3, [], { what: 'Claude\'s replica rendered' });
  const status = await ff.pressMemport('capture', 'Save memory to memport').then(() => ff.captureStatus());
  assert.equal(status, 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');

  await ff.openPopup();
  const groups = await ff.popupGroups();
  assert.equal(groups.reduce((n, g) => n + g.count, 0), 16);
  assert.ok(groups.some((g) => g.items.includes('Uses metric units and 24-hour time.')), JSON.stringify(groups));
  const byText = new Map((await ff.storedProfile()).items.map((i) => [i.text, i]));
  assert.equal(byText.size, 16);
  assert.equal(byText.get('Uses metric units and 24-hour time.').category, 'Response instructions');
  assert.equal(byText.get('Asked Claude to stop suggesting pandas; she uses Polars instead.').category, 'Behavioral corrections');
  assert.equal(byText.get("Don't bring up my previous job at Northwind Traders.").sources[0].heading, "Your edits to Claude's memory");
  assert.ok(byText.has('Moved from Berlin to Lisbon in 2024 — «a better life», she says 🌊.'), 'Unicode intact');
  // The README's Firefox screenshot (Install in Firefox): the popup's page in a tab, with
  // Firefox's own toolbar around it.
  await ff.screenshot('firefox-popup.png');

  // Send to … > Gemini > Import box.
  await ff.click(await ff.find('#send-open'));
  await ff.click(await ff.find('#send-gemini'));
  await ff.tabAt('https://gemini.google.com/import');
  const filled = await ff.until(() => {
    const box = document.querySelector('textarea');
    return box && box.value.includes('Imported from: memport') && { value: box.value, model: window.replicaState.model.text, submitted: window.replicaState.submitted };
  }, [], { timeout: 30_000, what: 'Gemini\'s box filled' }).catch(async (e) => {
    // What the page shows instead: its address, its box, memport's notice.
    const seen = await ff.run(() => ({ url: location.href, box: document.querySelector('textarea')?.value ?? null })).catch((x) => String(x));
    const notice = await ff.memportUi('notice').catch(() => []);
    await ff.tabAt(EXTENSION);
    const popup = await ff.run(() => document.querySelector('#status')?.textContent ?? null).catch((x) => String(x));
    throw new Error(`${e.message}; the page: ${JSON.stringify(seen)}; memport's notice: ${JSON.stringify(notice.map((n) => n.text))}; the popup: ${JSON.stringify(popup)}`);
  });
  // The same text as in Chromium (tests/e2e/transfer.test.mjs).
  const expected = fs.readFileSync(path.join(REPO, 'tests', 'fixtures', 'gemini-import.expected.txt'), 'utf8').trimEnd();
  assert.equal(filled.value, expected);
  assert.equal(filled.model, expected, 'Gemini\'s own model holds the text');
  assert.equal(filled.submitted, false, 'nothing submitted');
  const notice = await ff.until(() => document.querySelector('[data-memport="notice"]') !== null, [], { what: 'memport\'s notice' })
    .then(() => ff.memportUi('notice'));
  assert.match(notice.find((e) => e.tag === 'p')?.text ?? '', /Review it, then press "Add memory"/);
});

test('ChatGPT: every row of the virtualized Saved memories list, and the custom instructions, sent to Claude', { timeout: 120_000 }, async (t) => {
  const ff = await setup(t);
  await ff.go('https://chatgpt.com/#settings/Personalization');
  await ff.until(() => document.querySelector('[data-memport="capture"]') !== null, [], { what: 'memport\'s button' });
  // The list really is virtualized: opened as a person opens it, it holds only a few rows.
  await ff.clickXPath('//button[normalize-space()="Manage"]');
  await ff.until(() => document.getElementById('memories-title') !== null, [], { what: 'Saved memories open' });
  await new Promise((r) => setTimeout(r, 300));
  const rendered = await ff.run(() => window.replicaState.memories.maxRendered);
  assert.ok(rendered > 0 && rendered < 40, `the list really is virtualized (${rendered} rows at most)`);
  await ff.key('\uE00C'); // Escape
  await ff.until(() => document.getElementById('memories-title') === null, [], { what: 'Saved memories closed' });

  await ff.pressMemport('capture', 'Save memory to memport');
  const status = await ff.captureStatus();
  assert.equal(status, `Saved ${MEMORIES.length + 2} memories from ChatGPT: 2 from your custom instructions, ${MEMORIES.length} from your saved memories`);

  await ff.openPopup();
  const texts = (await ff.storedProfile()).items.map((i) => i.text);
  for (const memory of MEMORIES) assert.ok(texts.includes(memory), `missing: ${memory}`);
  assert.ok(texts.includes('Keep answers short and use British spelling.'));
  assert.equal(texts.length, MEMORIES.length + 2);

  // On to Claude: its memory import dialog, filled under category labels.
  await ff.click(await ff.find('#send-open'));
  await ff.click(await ff.find('#send-claude'));
  await ff.tabAt('https://claude.ai/settings/capabilities');
  const state = await ff.until(() => {
    const box = document.querySelector('[role="dialog"] textarea:not([readonly])');
    return box?.value && { value: box.value, model: window.replicaState.importDialog.model.text };
  }, [], { timeout: 30_000, what: 'Claude\'s import box filled' });
  assert.ok(state.value.startsWith('Response instructions:\n- Keep answers short and use British spelling.'), state.value.slice(0, 200));
  for (const memory of MEMORIES) assert.ok(state.value.includes(`- ${memory.replace(/\s+/g, ' ')}`), `not sent: ${memory}`);
  assert.equal(state.model, state.value);
});

test('Import text: an assistant\'s answer previewed, then added (memport installed from its zip)', { timeout: 120_000 }, async (t) => {
  const ff = await setup(t, { extension: ZIP });
  await ff.openPopup();
  // Add memories > Import text.
  await ff.click(await ff.find('#add-open'));
  await ff.click(await ff.find('#import-open'));
  const box = await ff.find('#import-text');
  await ff.type(box, [
    'Here is everything I have stored about you:',
    '',
    '```',
    'Instructions:',
    '[2025-01-12] - Always answer in British English.',
    '',
    'Personal details:',
    '[2024-11-03] - Lives in Porto with her partner Rui.',
    '```',
  ].join('\n'));
  await ff.click(await ff.find('#import-preview'));
  const summary = await ff.until(() => document.querySelector('#import-result .summary')?.textContent, [], { what: 'the preview' });
  assert.match(summary, /^Read as dated lines, as Anthropic's export prompt asks: 2 memories\./);
  await ff.click(await ff.find('#import-add'));
  await ff.until(() => document.querySelector('#status.ok')?.textContent.startsWith('Added 2 memories'), [], { what: 'added' });
  const items = (await ff.storedProfile()).items;
  assert.deepEqual(items.map((i) => i.text).sort(), ['Always answer in British English.', 'Lives in Porto with her partner Rui.']);
  assert.ok((await ff.popupGroups()).some((g) => g.items.includes('Lives in Porto with her partner Rui.')));
});

/** A synthetic ChatGPT export ZIP (`size` of JSON, deflate `level`) from memport-synth, with its truth file. */
function chatgptExport(size, level) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'memport-ff-export-'));
  const file = path.join(dir, 'chatgpt-export.zip');
  execFileSync('cargo', ['build', '--release', '--quiet', '-p', 'memport-synth', '--bin', 'memport-synth'],
    { cwd: REPO, stdio: ['ignore', 'ignore', 'inherit'] });
  const synth = path.join(process.env.CARGO_TARGET_DIR ?? path.join(REPO, 'target'), 'release', 'memport-synth');
  execFileSync(synth, ['--kind', 'chatgpt-zip', '--seed', '7', '--size', size, '--level', String(level), '--out', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { dir, file, bytes: fs.statSync(file).size, truth: JSON.parse(fs.readFileSync(`${file}.truth.json`, 'utf8')) };
}

test('Import a data export: a ChatGPT export of a few MB read in the options page\'s worker, previewed, added', { timeout: 300_000 }, async (t) => {
  const made = chatgptExport('4MB', 0);
  t.after(() => fs.rmSync(made.dir, { recursive: true, force: true }));
  const ff = await setup(t);
  await ff.openPopup(); // In a tab it is the options page, with the importer.
  await ff.until(() => !document.querySelector('#export').hidden && !document.querySelector('#export-files').disabled, [], { what: 'the importer shown, Choose files enabled' });
  const started = Date.now();
  await ff.type(await ff.find('#export-files'), made.file);
  await ff.until(() => document.querySelector('#export-run').hidden && document.querySelector('#export-result .preview, #export-status:not(:empty)'), [], { timeout: 120_000, what: 'the run ended' });
  t.diagnostic(`${made.bytes} bytes of ZIP read in ${Date.now() - started} ms`);
  const entries = await ff.run(() => [...document.querySelectorAll('#export-result .preview > li')].map((li) =>
    [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE).textContent));
  assert.deepEqual([...entries].sort(), made.truth.map((i) => i.text).sort(), 'the preview lists exactly what the truth file says');
  assert.equal(await ff.run(() => document.querySelectorAll('#export-summary .faults li').length), 0, 'no faults');
  await ff.click(await ff.find('#export-add'));
  await ff.until(() => document.querySelector('#export-status.ok')?.textContent.startsWith('Added'), [], { what: 'added' });
  const texts = new Set((await ff.storedProfile()).items.map((i) => i.text));
  for (const { text } of made.truth) assert.ok(texts.has(text), `missing: ${text}`);
});

test('Firefox\'s Unicode normal forms, which memport\'s WebAssembly uses, are the native build\'s', { timeout: 120_000 }, async (t) => {
  const ff = await setup(t);
  await ff.openPopup();
  const written = writtenForms();
  const got = await ff.run(browserForms, written.ahead);
  assert.equal(got.blocks.length, 0x110);
  assert.deepEqual(differingBlocks(got, written), [], 'blocks of 4,096 code points whose forms differ');
  if (got.known.length) t.diagnostic(`this Firefox knows ${got.known.length} of the fixture's "ahead" characters, and agrees on them`);
});
