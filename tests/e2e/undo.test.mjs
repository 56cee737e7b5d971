// Delete and Undo in the popup: every change to the profile can be taken back, one step.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openPopup, popupGroups, storedProfile, seedProfile, profileJson, popupAction } from './steps.mjs';

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

test('a deleted memory comes back with Undo, from a toast that moves nothing', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#undo').isHidden(), true, 'nothing to undo yet');
  assert.equal(await popup.locator('#toast').isHidden(), true, 'no toast before anything happened');
  // The first item stays where it is while the toast comes and goes: it lies over the list.
  const first = popup.locator('.item').first();
  const firstText = await first.locator('.text').textContent();
  assert.equal(firstText, 'Prefers short answers.');
  const before = await first.boundingBox();
  await popup.getByRole('button', { name: 'Delete "Lives in Lisbon"' }).click();
  const toast = popup.locator('#toast');
  await toast.locator('#undo-label', { hasText: 'Deleted "Lives in Lisbon"' }).waitFor();
  assert.equal((await toast.locator('.toast-body').textContent()).trim(), 'Deleted "Lives in Lisbon" · Undo');
  await popup.locator('.item', { hasText: 'Lives in Lisbon' }).waitFor({ state: 'detached' });
  assert.deepEqual(await first.boundingBox(), before, 'the first item did not move when the toast showed');
  assert.equal(await toast.evaluate((el) => getComputedStyle(el).position), 'fixed');
  assert.deepEqual(await texts(popup), ['Prefers short answers.']);
  assert.equal((await storedProfile(env)).items.length, 1);
  const undo = popup.getByRole('button', { name: 'Undo: Deleted "Lives in Lisbon"' });
  await undo.click();
  await popup.locator('#status.ok', { hasText: 'Undone: Deleted "Lives in Lisbon".' }).waitFor();
  await popup.locator('.item', { hasText: 'Lives in Lisbon' }).waitFor();
  assert.deepEqual(await texts(popup), ['Lives in Lisbon', 'Prefers short answers.']);
  await popup.locator('#undo').waitFor({ state: 'hidden' });
  // × puts the toast away.
  await popup.getByRole('button', { name: 'Dismiss' }).click();
  await toast.waitFor({ state: 'hidden' });
  const again = await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'undo' }));
  assert.deepEqual({ ok: again.ok, message: again.message }, { ok: false, message: 'There is nothing to undo.' });
});

test('a long memory is named in the toast cut at a word, never inside one', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const long = 'Is renovating a 1930s terraced house in Ghent: the kitchen is finished, the loft conversion starts in September';
  await seedProfile(env, profileJson([[long, 'Personal information']]));
  const popup = await openPopup(env);
  await popup.getByRole('button', { name: `Delete "${long}"` }).click();
  const label = popup.locator('#undo-label');
  await label.waitFor();
  assert.equal(await label.textContent(), 'Deleted "Is renovating a 1930s terraced house in…"');
  // Shown whole: the toast wraps, it never clips the label.
  assert.equal(await label.evaluate((el) => el.scrollWidth <= el.parentElement.clientWidth), true);
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

  await popupAction(popup, 'Import text');
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
