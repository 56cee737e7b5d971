// Delete and Undo in the popup: every change to the profile can be taken back, one step.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openPopup, popupGroups, storedProfile, seedProfile, profileJson } from './steps.mjs';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson([
    ['Lives in Lisbon', 'Personal information'],
    ['Prefers short answers.', 'Response instructions'],
  ]));
  return env;
}

const texts = async (popup) => (await popupGroups(popup)).flatMap((g) => g.items).sort();

test('a deleted memory comes back with Undo', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#undo').isHidden(), true, 'nothing to undo yet');
  await popup.getByRole('button', { name: 'Delete "Lives in Lisbon"' }).click();
  await popup.locator('#status.ok', { hasText: 'Deleted "Lives in Lisbon". Undo brings it back.' }).waitFor();
  await popup.locator('.item', { hasText: 'Lives in Lisbon' }).waitFor({ state: 'detached' });
  assert.deepEqual(await texts(popup), ['Prefers short answers.']);
  assert.equal((await storedProfile(env)).items.length, 1);
  const undo = popup.getByRole('button', { name: 'Undo: Deleted "Lives in Lisbon"' });
  await undo.click();
  await popup.locator('#status.ok', { hasText: 'Undone: Deleted "Lives in Lisbon".' }).waitFor();
  await popup.locator('.item', { hasText: 'Lives in Lisbon' }).waitFor();
  assert.deepEqual(await texts(popup), ['Lives in Lisbon', 'Prefers short answers.']);
  await popup.locator('#undo').waitFor({ state: 'hidden' });
  const again = await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'undo' }));
  assert.deepEqual({ ok: again.ok, message: again.message }, { ok: false, message: 'There is nothing to undo.' });
});

test('Undo takes back the latest change: an edit, then an import', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  const item = popup.locator('.item', { hasText: 'Prefers short answers.' });
  await item.getByRole('button', { name: /^Edit/ }).click();
  await item.getByRole('textbox', { name: 'Memory text' }).fill('Prefers very short answers.');
  await item.getByRole('button', { name: 'Save' }).click();
  await popup.locator('#status.ok', { hasText: 'Saved your edit.' }).waitFor();
  await popup.getByRole('button', { name: 'Undo: Edited "Prefers short answers."' }).waitFor();

  await popup.getByRole('button', { name: 'Import text' }).click();
  await popup.getByRole('textbox', { name: 'Text to import' }).fill('- Has a dog.\n- Has a cat.');
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.getByRole('button', { name: 'Add 2 memories' }).click();
  await popup.locator('#status.ok', { hasText: 'Added 2 memories from the text.' }).waitFor();
  assert.equal((await storedProfile(env)).items.length, 4);
  await popup.getByRole('button', { name: 'Undo: Imported text' }).click();
  await popup.locator('#status.ok', { hasText: 'Undone: Imported text.' }).waitFor();
  const after = await storedProfile(env);
  assert.deepEqual(after.items.map((i) => i.text).sort(), ['Lives in Lisbon', 'Prefers very short answers.'], 'the import is gone, the edit before it stays');
});

test('past the 10 MB a browser gives by default, a change is still saved (unlimitedStorage)', async (t) => {
  const env = await setup(t);
  // Without unlimitedStorage, chrome.storage.local holds 10 MB: fill those with something else.
  await env.worker.evaluate(() => chrome.storage.local.set({ 'other.data': 'x'.repeat(10 * 1024 * 1024) }));
  const big = Array.from({ length: 2000 }, (_, i) => `- Memory number ${i} with some words to take room.`).join('\n');
  const notice = await env.worker.evaluate((text) => globalThis.memport.handleMessage({ kind: 'import_text', text }), big);
  assert.equal(notice.ok, true, notice.message);
  assert.equal((await storedProfile(env)).items.length, 2002);
  const deleted = await env.worker.evaluate((id) => globalThis.memport.handleMessage({ kind: 'delete_item', id }), (await storedProfile(env)).items[0].id);
  assert.equal(deleted.ok, true, deleted.message);
});
