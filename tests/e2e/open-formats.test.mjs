// The open formats in the extension: "Download as PAM (JSON)", "Download as MCP memory (JSONL)"
// and "Download as Anthropic's import format (text)" in the popup save the profile as Rust
// writes it (crate/formats/), and opening those files brings the memories back: in Import
// text, and through the options page's "Import a data export", which recognises them by their
// content and previews them instead.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { start, openPopup, storedProfile, seedProfile, profileJson, popupAction } from './steps.mjs';

const ITEMS = [
  ['Keep answers short.', 'Response instructions'],
  ['Lives in Porto.', 'Personal information'],
  ['Uses Figma and Linear.', 'Technical preferences'],
];

/** Presses `button` in `popup` and saves what it downloads; the saved file's path and name. */
async function download(popup, button) {
  const [got] = await Promise.all([popup.waitForEvent('download'), popupAction(popup, button)]);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'memport-open-')), got.suggestedFilename());
  await got.saveAs(file);
  return { file, name: got.suggestedFilename() };
}

/** Both files, downloaded from a popup over `ITEMS`. */
async function downloadBoth(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson(ITEMS));
  const popup = await openPopup(env);
  const pam = await download(popup, 'Download as PAM (JSON)');
  await popup.locator('#status.ok', { hasText: 'Saved your profile as a Portable AI Memory (PAM) file.' }).waitFor();
  const mcp = await download(popup, 'Download as MCP memory (JSONL)');
  await popup.locator('#status.ok', { hasText: 'Saved your profile as an MCP memory server file' }).waitFor();
  return { env, popup, pam, mcp, stored: await storedProfile(env) };
}

test('the popup downloads PAM and MCP files, and Import text reads them back', async (t) => {
  const { env, popup, pam, mcp, stored } = await downloadBoth(t);

  assert.match(pam.name, /^memport-pam-\d{4}-\d{2}-\d{2}\.json$/);
  const store = JSON.parse(await fs.readFile(pam.file, 'utf8'));
  assert.equal(store.schema, 'portable-ai-memory');
  assert.equal(store.schema_version, '1.0');
  assert.deepEqual(store.memories.map((m) => [m.content, m.type]), [
    ['Keep answers short.', 'instruction'],
    ['Lives in Porto.', 'identity'],
    ['Uses Figma and Linear.', 'preference'],
  ]);
  assert.ok(store.memories.every((m) => /^sha256:[0-9a-f]{64}$/.test(m.content_hash) && m.provenance.platform === 'claude'));
  assert.equal(store.integrity.total_memories, 3);

  assert.match(mcp.name, /^memory-\d{4}-\d{2}-\d{2}\.jsonl$/);
  const lines = (await fs.readFile(mcp.file, 'utf8')).split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(lines[0], { type: 'entity', name: 'default_user', entityType: 'person', observations: ['Lives in Porto.'] });
  assert.deepEqual(lines.filter((l) => l.type === 'relation').map((l) => l.to), ['Response instructions', 'Technical preferences']);

  // A smaller profile, then the PAM file opened in Import text: two memories come back with
  // the sources they had, the one still held is not doubled.
  await seedProfile(env, profileJson([ITEMS[0]]));
  await popupAction(popup, 'Import text');
  await popup.locator('#import-file').setInputFiles(pam.file);
  await popup.locator('#status.ok', { hasText: `Read ${pam.name}` }).waitFor();
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary', {
    hasText: 'Read as a Portable AI Memory (PAM) file: 3 memories (1 already in your profile).',
  }).waitFor();
  await popup.getByRole('button', { name: 'Add 2 memories' }).click();
  await popup.locator('#status.ok', { hasText: 'Added 2 memories from the file (1 already in your profile).' }).waitFor();
  const back = await storedProfile(env);
  assert.deepEqual(back.items.map((i) => [i.text, i.category]), ITEMS);
  // The seeded profile is schema 1, whose sources leave out `via` (a memory page).
  assert.deepEqual(back.items[1].sources, [{ via: 'memory_page', ...stored.items[1].sources[0] }], 'the sources memport wrote come back');
  await popup.getByRole('button', { name: 'Undo: Imported a PAM file' }).waitFor();

  // The MCP file: everything is already there.
  await popup.locator('#import-file').setInputFiles(mcp.file);
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary', {
    hasText: 'Read as an MCP memory server file (memory.jsonl): 3 memories (all already in your profile).',
  }).waitFor();

  // A file cut short names its line and adds nothing.
  const cut = (await fs.readFile(mcp.file, 'utf8')).slice(0, 60);
  await popup.getByRole('textbox', { name: 'Text to import' }).fill(cut);
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#status.problem', { hasText: 'Line 1 is not valid JSON' }).waitFor();
  assert.equal((await storedProfile(env)).items.length, 3);
});

test('the options page takes a PAM or MCP file chosen as a data export to Import text', async (t) => {
  const { env, popup, pam, mcp } = await downloadBoth(t);
  await popup.close();
  await seedProfile(env, profileJson([]));
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
  // The heading is in the page's HTML; "Choose files" is enabled once the page can read.
  await page.locator('#export-files:enabled').waitFor({ state: 'attached' });

  // Renamed: the content says what it is, not the name.
  const renamed = path.join(path.dirname(mcp.file), 'my-graph.txt');
  await fs.copyFile(mcp.file, renamed);
  await page.locator('#export-files').setInputFiles(renamed);
  await page.locator('#status.ok', { hasText: 'my-graph.txt is an MCP memory server file (memory.jsonl): its memories are previewed under Import text.' }).waitFor();
  await page.getByRole('button', { name: 'Add 3 memories' }).click();
  await page.locator('#status.ok', { hasText: 'Added 3 memories from the file.' }).waitFor();
  const back = await storedProfile(env);
  assert.deepEqual(back.items.map((i) => [i.text, i.category]).sort(), [...ITEMS].sort());

  await page.locator('#export-files').setInputFiles(pam.file);
  await page.locator('#status.ok', { hasText: `${pam.name} is a Portable AI Memory (PAM) file` }).waitFor();
  await page.locator('#import-result .summary', { hasText: '3 memories (all already in your profile)' }).waitFor();
  assert.equal(await page.locator('#export-run').isHidden(), true, 'the export reader was not started');
});

test('the MCP file leaves out a memory marked sensitive and says so; the PAM file keeps it', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const KEY = 'My OpenAI key is sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  await seedProfile(env, profileJson([ITEMS[1], [KEY, 'Technical preferences']]));
  const popup = await openPopup(env);
  const mcp = await download(popup, 'Download as MCP memory (JSONL)');
  await popup.locator('#status.ok', { hasText: '1 memory marked sensitive was left out.' }).waitFor();
  const text = await fs.readFile(mcp.file, 'utf8');
  assert.ok(!text.includes('sk-proj'), text);
  assert.ok(text.includes('Lives in Porto.'));
  const pam = await download(popup, 'Download as PAM (JSON)');
  const store = JSON.parse(await fs.readFile(pam.file, 'utf8'));
  assert.deepEqual(store.memories.map((m) => m.content).sort(), [KEY, 'Lives in Porto.'].sort());
  assert.ok(store.memories.some((m) => m.metadata.memport.sensitive?.length === 1));
});

test('the popup downloads Anthropic\'s import format, and Import text reads it into a fresh profile', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const KEY = 'My OpenAI key is sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
  const seeded = JSON.parse(profileJson([
    ITEMS[0],
    ITEMS[1],
    ['Is writing a book\nabout <b>tea</b> & "oolong":', 'Projects and goals'],
    ['Prefère « les accents » — 日本語 🎷', 'Other context'],
    [KEY, 'Technical preferences'],
  ]));
  seeded.items[0].sources[0].saved = '2025-01-12';
  await seedProfile(env, JSON.stringify(seeded));
  const popup = await openPopup(env);
  const file = await download(popup, 'Download as Anthropic\'s import format (text)');
  await popup.locator('#status.ok', {
    hasText: 'Saved your profile as a file in Anthropic\'s import format. "Import text" reads it back. 1 memory marked sensitive was left out.',
  }).waitFor();
  assert.match(file.name, /^memport-anthropic-\d{4}-\d{2}-\d{2}\.txt$/);
  const text = await fs.readFile(file.file, 'utf8');
  // The seeded items were read on 2026-11-20; the first gave its own date.
  assert.equal(text, [
    'Response instructions:',
    '[2025-01-12] - Keep answers short.',
    '',
    'Personal information:',
    '[2026-11-20] - Lives in Porto.',
    '',
    'Projects and goals:',
    '[2026-11-20] - Is writing a book about <b>tea</b> & "oolong":',
    '',
    'Other context:',
    '[2026-11-20] - Prefère « les accents » — 日本語 🎷',
    '',
  ].join('\n'));

  // A fresh profile, then the file opened in Import text.
  await seedProfile(env, profileJson([]));
  await popup.reload();
  await popup.locator('#profile .empty').waitFor();
  await popupAction(popup, 'Import text');
  await popup.locator('#import-file').setInputFiles(file.file);
  await popup.locator('#status.ok', { hasText: `Read ${file.name}` }).waitFor();
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary', {
    hasText: 'Read as dated lines, as Anthropic\'s export prompt asks: 4 memories.',
  }).waitFor();
  await popup.getByRole('button', { name: 'Add 4 memories' }).click();
  await popup.locator('#status.ok', { hasText: 'Added 4 memories from the text.' }).waitFor();
  const back = await storedProfile(env);
  assert.deepEqual(back.items.map((i) => [i.text, i.category, i.sources[0].saved]), [
    ['Keep answers short.', 'Response instructions', '2025-01-12'],
    ['Lives in Porto.', 'Personal information', '2026-11-20'],
    ['Is writing a book about <b>tea</b> & "oolong":', 'Projects and goals', '2026-11-20'],
    ['Prefère « les accents » — 日本語 🎷', 'Other context', '2026-11-20'],
  ]);
  assert.ok(back.items.every((i) => i.sources.length === 1 && i.sources[0].via === 'import'));
  await popup.getByRole('button', { name: 'Undo: Imported text' }).waitFor();

  // Chosen on the options page as a data export, under another name: its content sends it to
  // Import text, where everything is already held.
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
  // The heading is in the page's HTML; "Choose files" is enabled once the page can read.
  await page.locator('#export-files:enabled').waitFor({ state: 'attached' });
  const renamed = path.join(path.dirname(file.file), 'for-claude.md');
  await fs.copyFile(file.file, renamed);
  await page.locator('#export-files').setInputFiles(renamed);
  await page.locator('#status.ok', { hasText: 'for-claude.md is a file in Anthropic\'s import format: its memories are previewed under Import text.' }).waitFor();
  await page.locator('#import-result .summary', { hasText: '4 memories (all already in your profile)' }).waitFor();
  assert.equal(await page.locator('#export-run').isHidden(), true, 'the export reader was not started');
});
