// "Import text" in the popup: an assistant's answer pasted in, previewed line by line, then
// added. Real extension, real Chromium; the parsing is Rust's (crate/page/text_import.rs).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { start, openPopup, popupGroups, storedProfile, seedProfile, profileJson, screenshot, popupAction } from './steps.mjs';

// What Claude (or any assistant) answers to Anthropic's export prompt, chatter and all.
const CLAUDE_ANSWER = [
  'Here is everything I have stored about you:',
  '',
  '```',
  'Instructions:',
  '[2025-01-12] - Always answer in British English.',
  '[date saved, if available] - Keep answers short.',
  '',
  'Personal details:',
  '[2024-11-03] - Lives in Porto with her partner Rui.',
  '[unknown] - Works as a product designer',
  '  at a fintech startup.',
  '',
  'Tools, languages and frameworks:',
  '- [2025-02-01] - Uses Figma and Linear.',
  '```',
  '',
  'Let me know if anything is missing!',
].join('\n');

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson([['Keep answers short.', 'Response instructions']]));
  return env;
}

async function openImporter(env) {
  const popup = await openPopup(env);
  await popupAction(popup, 'Import text');
  await popup.getByRole('textbox', { name: 'Text to import' }).waitFor();
  return popup;
}

test('an assistant\'s answer is previewed line by line, then added with its dates', async (t) => {
  const env = await setup(t);
  const popup = await openImporter(env);
  const box = popup.getByRole('textbox', { name: 'Text to import' });
  await box.fill(CLAUDE_ANSWER);
  await popup.getByRole('button', { name: 'Preview' }).click();
  const summary = popup.locator('#import-result .summary');
  await summary.waitFor();
  assert.equal(
    await summary.textContent(),
    'Read as dated lines, as Anthropic\'s export prompt asks: 5 memories (1 already in your profile). 2 lines outside the code block are left out.',
  );
  const shown = await popup.locator('#import-result .preview > li').evaluateAll((lis) => lis.map((li) => li.firstChild.textContent));
  assert.deepEqual(shown, [
    'Always answer in British English.',
    'Keep answers short.',
    'Lives in Porto with her partner Rui.',
    'Works as a product designer at a fintech startup.',
    'Uses Figma and Linear.',
  ]);
  assert.match(await popup.locator('#import-result .preview > li').nth(1).textContent(), /already in your profile/);
  assert.match(await popup.locator('#import-result .preview > li').nth(2).textContent(), /Personal information · 2024-11-03/);
  await popup.locator('#import-result details summary', { hasText: 'Left out (2)' }).click();
  assert.match(await popup.locator('#import-result details').textContent(), /Let me know if anything is missing!/);
  await screenshot(popup, 'import-preview.png');
  assert.equal((await storedProfile(env)).items.length, 1, 'nothing added by a preview');

  await popup.getByRole('button', { name: 'Add 4 memories' }).click();
  await popup.locator('#status.ok', { hasText: 'Added 4 memories from the text (1 already in your profile).' }).waitFor();
  assert.equal(await box.inputValue(), '', 'the box is emptied once added');
  // The list is redrawn when the stored profile changes, which can be after the notice.
  await popup.locator('#profile .item .text', { hasText: 'Uses Figma and Linear.' }).waitFor();
  const groups = await popupGroups(popup);
  assert.deepEqual(groups.find((g) => g.label === 'Technical preferences').items, ['Uses Figma and Linear.']);
  const profile = await storedProfile(env);
  assert.equal(profile.items.length, 5);
  const porto = profile.items.find((i) => i.text.startsWith('Lives in Porto'));
  assert.deepEqual({ via: porto.sources[0].via, saved: porto.sources[0].saved, heading: porto.sources[0].heading },
    { via: 'import', saved: '2024-11-03', heading: 'Personal details' });
  const meta = await popup.locator('.item', { hasText: 'Lives in Porto' }).locator('.meta').textContent();
  assert.match(meta, /^Imported text · Personal details · /);
});

test('Gemini\'s format keeps Evidence with its entry and names where it came from', async (t) => {
  const env = await setup(t);
  const popup = await openImporter(env);
  await popup.getByRole('textbox', { name: 'Text to import' }).fill([
    'Demographics Information:',
    '- The user lives in Porto.',
    '  Evidence: User said "I moved to Porto last spring" Date: [2024-05-02].',
    '',
    'Instructions:',
    '- The user wants answers in British English.',
    '',
    'Imported from: ChatGPT',
  ].join('\n'));
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary', { hasText: 'Read as Gemini\'s import sections: 2 memories.' }).waitFor();
  await popup.getByRole('button', { name: 'Add 2 memories' }).click();
  await popup.locator('#status.ok', { hasText: 'Added 2 memories from the text.' }).waitFor();
  const item = (await storedProfile(env)).items.find((i) => i.text === 'The user lives in Porto.');
  assert.equal(item.sources[0].assistant, 'chatgpt');
  assert.deepEqual(item.sources[0].evidence, ['Evidence: User said "I moved to Porto last spring" Date: [2024-05-02].']);
  assert.equal(item.sources[0].saved, '2024-05-02');
  assert.match(await popup.locator('.item', { hasText: 'lives in Porto' }).locator('.meta').textContent(), /^Imported from ChatGPT/);
});

test('nothing to import, and a preview that no longer matches the text, add nothing', async (t) => {
  const env = await setup(t);
  const popup = await openImporter(env);
  const box = popup.getByRole('textbox', { name: 'Text to import' });
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#status.problem', { hasText: 'There is nothing to import' }).waitFor();
  await box.fill('Instructions:\n\n# Work');
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#status.problem', { hasText: 'found headings but no memories' }).waitFor();
  await box.fill('- Has a dog.');
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.getByRole('button', { name: 'Add 1 memory' }).waitFor();
  await box.fill('- Has a cat.');
  assert.equal(await popup.getByRole('button', { name: /^Add \d/ }).isHidden(), true, 'editing the text drops the preview');
  assert.equal((await storedProfile(env)).items.length, 1);
});

test('"Download JSON" saves the profile, and opening that file in Import text restores it exactly', async (t) => {
  const env = await setup(t);
  // A profile with some history: a second memory, then an edit.
  await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'import_text', text: '- [2024-11-03] - Lives in Porto.' }));
  const popup = await openPopup(env);
  const item = popup.locator('.item', { hasText: 'Lives in Porto.' });
  await item.getByRole('button', { name: /^Edit/ }).click();
  await item.getByRole('textbox', { name: 'Memory text' }).fill('Lives in Porto since 2024.');
  await item.getByRole('button', { name: 'Save' }).click();
  await popup.locator('#status.ok', { hasText: 'Saved your edit.' }).waitFor();
  const saved = await storedProfile(env);

  const [download] = await Promise.all([
    popup.waitForEvent('download'),
    popupAction(popup, 'Download JSON'),
  ]);
  assert.match(download.suggestedFilename(), /^memport-profile-\d{4}-\d{2}-\d{2}\.json$/);
  const file = path.join(await fs.mkdtemp(path.join(os.tmpdir(), 'memport-download-')), download.suggestedFilename());
  await download.saveAs(file);
  assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), saved, 'the file is the profile');

  // Later: a memory deleted, another added. Then the file is opened and restored.
  await popup.getByRole('button', { name: 'Delete "Keep answers short."' }).click();
  await popup.locator('#undo-label', { hasText: 'Deleted' }).waitFor();
  await popupAction(popup, 'Import text');
  await popup.locator('#import-file').setInputFiles(file);
  await popup.locator('#status.ok', { hasText: 'Read memport-profile-' }).waitFor();
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary', {
    hasText: 'A memport profile file with 2 memories. Restoring it replaces your profile (1 memory) exactly; Undo brings the current one back.',
  }).waitFor();
  await popup.getByRole('button', { name: 'Replace my profile with it' }).click();
  await popup.locator('#status.ok', { hasText: 'Restored a memport profile of 2 memories.' }).waitFor();
  assert.deepEqual(await storedProfile(env), saved, 'exactly as it was saved');
  await popup.getByRole('button', { name: 'Undo: Restored a profile file' }).waitFor();

  // A damaged file is refused with the reason; the profile is untouched.
  await popup.getByRole('textbox', { name: 'Text to import' }).fill(JSON.stringify(saved).slice(0, 120));
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#status.problem', { hasText: 'This looks like a memport profile file, but it could not be used' }).waitFor();
  assert.deepEqual(await storedProfile(env), saved);
});

test('"Copy the export prompt" copies memport\'s request, whose answer previews exactly', async (t) => {
  const env = await setup(t);
  const popup = await openImporter(env);
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popup.getByRole('button', { name: 'Copy the export prompt for Gemini' }).click();
  await popup.locator('#status.ok', { hasText: 'Copied the export prompt for Gemini. Paste it into a chat with Gemini' }).waitFor();
  const prompt = await popup.evaluate(() => navigator.clipboard.readText());
  assert.match(prompt, /everything in my Saved info and what you remember about me/);
  assert.match(prompt, /\nResponse instructions:\nPersonal information:\nProjects and goals:\nTechnical preferences:\nBehavioral corrections:\nOther context:\n/);
  // Answered as asked:
  await popup.getByRole('textbox', { name: 'Text to import' }).fill('```\nProjects and goals:\n[2025-03-01] - Training for the Lisbon marathon.\n```');
  await popup.getByRole('button', { name: 'Preview' }).click();
  assert.match(await popup.locator('#import-result .preview > li').first().textContent(), /Training for the Lisbon marathon\.Projects and goals · 2025-03-01/);
});
