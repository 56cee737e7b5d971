// Merging sources in Chromium: the same memory captured from Claude and from Gemini, worded
// differently, is one item carrying both; memories that disagree are shown side by side for
// the person to pick; and a second capture from Claude says what changed since the first.
//
// Claude's replica serves its memory from the file MEMPORT_CLAUDE_MEMORY names, read on every
// request, so the test rewrites that file between two captures as Claude would rewrite its
// memory.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { start, openClaude, pressSave, openPopup, popupGroups, storedProfile, waitCaptureButton, screenshot } from './steps.mjs';

const SAVED_INFO = 'https://gemini.google.com/saved-info';

// Claude's memory, first as it is, then after Claude rewrote it.
const CLAUDE_BEFORE = `**Personal context**

- Lives in Lisbon with her partner Jonas.
- Has a dog named Pico.
- Always answer in American English.

**Tools**

- Uses a MacBook Air; prefers Linear and Figma.
`;
const CLAUDE_AFTER = `**Personal context**

- Lives in Porto with her partner Jonas.
- Always answer in American English.
- Is learning Portuguese.

**Tools**

- Uses a MacBook Air; prefers Linear and Figma.
`;

async function withClaudeMemory(t, text) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'memport-memory-'));
  const file = path.join(dir, 'memory.md');
  await fs.writeFile(file, text);
  const before = process.env.MEMPORT_CLAUDE_MEMORY;
  process.env.MEMPORT_CLAUDE_MEMORY = file;
  t.after(async () => {
    if (before === undefined) delete process.env.MEMPORT_CLAUDE_MEMORY;
    else process.env.MEMPORT_CLAUDE_MEMORY = before;
    await fs.rm(dir, { recursive: true, force: true });
  });
  return file;
}

async function captureGemini(env) {
  const page = await env.context.newPage();
  await page.goto(SAVED_INFO);
  await waitCaptureButton(page);
  return pressSave(page);
}

test('one memory from Claude and Gemini is one item with both sources; a disagreement is picked', async (t) => {
  await withClaudeMemory(t, CLAUDE_BEFORE);
  const env = await start();
  t.after(() => env.close());

  // Its four memories and the replica's four "Manage edits" corrections.
  assert.equal(await pressSave(await openClaude(env)), 'Saved 8 memories from Claude: 4 from its memory, 4 from your edits');
  // Gemini's "Prefers Figma and Linear; uses a MacBook Air." is Claude's tools line in
  // another order: already held. Gemini's page is not told so; the popup is.
  assert.equal(await captureGemini(env), 'Saved 7 memories from Gemini');
  assert.equal(await (await openPopup(env)).locator('#last').textContent(), 'Last on a page: Saved 7 memories from Gemini (6 new)');

  const stored = await storedProfile(env);
  assert.equal(stored.items.length, 14);
  const tools = stored.items.find((i) => /MacBook/.test(i.text));
  assert.deepEqual(tools.sources.map((s) => s.assistant), ['claude', 'gemini']);
  assert.deepEqual(
    [tools.text, tools.sources.map((s) => s.text ?? null)].flat(),
    ['Prefers Figma and Linear; uses a MacBook Air.', 'Uses a MacBook Air; prefers Linear and Figma.', null],
    'the item shows one wording and the other source keeps its own',
  );

  const popup = await openPopup(env);
  const item = popup.locator('.item', { hasText: 'MacBook' });
  assert.equal(await item.count(), 1, 'one item in the list');
  await item.locator('.meta', { hasText: 'Claude + Gemini' }).waitFor();
  await item.locator('.wording', { hasText: 'Also worded — Claude: Uses a MacBook Air; prefers Linear and Figma.' }).waitFor();
  // Why it is in its category, on hover.
  const why = await item.locator('.text').getAttribute('title');
  assert.match(why, /^Technical preferences: .*(figma|macbook|uses)/i);
  const total = (await popupGroups(popup)).reduce((n, g) => n + g.count, 0);
  assert.equal(total, 14);

  // American or British English: shown side by side.
  const conflict = popup.locator('.conflict', { hasText: 'The language to answer in' });
  await conflict.waitFor();
  const sides = await conflict.locator('.side .text').allTextContents();
  assert.deepEqual(sides, ['Always answer in American English.', 'Always answer in British English.']);
  assert.deepEqual(await conflict.locator('.side .meta').allTextContents(), ['Claude', 'Gemini']);
  await screenshot(popup, 'popup-disagree.png');

  // Keep British: American goes, with Undo.
  await conflict.getByRole('button', { name: 'Keep this one: "Always answer in British English."' }).click();
  await popup.locator('#status.ok', { hasText: 'Kept "Always answer in British English." and deleted the other memory. Undo brings it back.' }).waitFor();
  await popup.locator('.conflicts').waitFor({ state: 'detached' });
  assert.equal((await storedProfile(env)).items.some((i) => /American/.test(i.text)), false);
  await popup.getByRole('button', { name: 'Undo: Kept "Always answer in British English."' }).click();
  await popup.locator('#status.ok', { hasText: 'Undone' }).waitFor();
  await conflict.waitFor();

  // Keep both: both stay, and memport does not ask again, even after reopening.
  await conflict.getByRole('button', { name: 'Keep both' }).click();
  await popup.locator('#status.ok', { hasText: 'Kept both. memport will not ask about these again.' }).waitFor();
  await popup.locator('.conflicts').waitFor({ state: 'detached' });
  const kept = await storedProfile(env);
  assert.equal(kept.items.filter((i) => /answer in (American|British)/.test(i.text)).length, 2);
  assert.equal(kept.settled.length, 1);
  const again = await openPopup(env);
  assert.equal(await again.locator('.conflicts').count(), 0);
});

test('a second capture from Claude shows what changed since the first', async (t) => {
  const file = await withClaudeMemory(t, CLAUDE_BEFORE);
  const env = await start();
  t.after(() => env.close());

  const claude = await openClaude(env);
  assert.equal(await pressSave(claude), 'Saved 8 memories from Claude: 4 from its memory, 4 from your edits');
  let popup = await openPopup(env);
  assert.equal(await popup.locator('.changes').count(), 0, 'nothing to compare after one capture');
  // The same memory read again: the capture says nothing changed, the popup adds nothing.
  assert.equal(await pressSave(await openClaude(env)), 'Saved 8 memories from Claude: 4 from its memory, 4 from your edits');
  popup = await openPopup(env);
  assert.match(await popup.locator('#last').textContent(), / — since the last capture: nothing changed$/);
  assert.equal(await popup.locator('.changes').count(), 0, 'nothing changed, nothing to show');

  // Claude rewrote its memory: moved to Porto, forgot the dog, learned of Portuguese.
  await fs.writeFile(file, CLAUDE_AFTER);
  const page = await openClaude(env);
  assert.equal(await pressSave(page), 'Saved 8 memories from Claude: 4 from its memory, 4 from your edits');

  popup = await openPopup(env);
  assert.equal(
    await popup.locator('#last').textContent(),
    'Last on a page: Saved 8 memories from Claude (2 new): 4 from its memory, 4 from your edits — since the last capture: 1 added, 1 removed, 1 changed',
  );
  const change = popup.locator('.change', { hasText: 'Claude' });
  await change.locator('summary').click();
  assert.match(await change.locator('summary').textContent(), /^Claude: 1 added, 1 removed, 1 changed \(captures of [A-Z][a-z]{2} \d{1,2}, \d{4} and [A-Z][a-z]{2} \d{1,2}, \d{4}\)$/);
  assert.deepEqual(await change.locator('li').allTextContents(), [
    'Added: Is learning Portuguese.',
    'Removed: Has a dog named Pico.',
    'Changed: Lives in Lisbon with her partner Jonas. → Lives in Porto with her partner Jonas.',
  ]);
  // The profile gave nothing up on its own: the dog and Lisbon are still there, and Lisbon
  // against Porto is now a question for the person.
  const texts = (await storedProfile(env)).items.map((i) => i.text);
  assert.ok(texts.includes('Has a dog named Pico.'));
  const home = popup.locator('.conflict', { hasText: 'Where you live' });
  assert.deepEqual(await home.locator('.side .text').allTextContents(), [
    'Lives in Lisbon with her partner Jonas.',
    'Lives in Porto with her partner Jonas.',
  ]);
});
