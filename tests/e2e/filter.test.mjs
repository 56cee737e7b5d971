// Search and filter in the popup: by words, category and source. Sending still means every
// ticked memory, shown or not.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openPopup, popupGroups, seedProfile, profileJson } from './steps.mjs';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson([
    ['Lives in Lisbon', 'Personal information'],
    ['Runs along the river in Lisbon', 'Other context'],
    ['Uses Rust and Neovim', 'Technical preferences'],
  ], { heading: 'Personal context' }));
  await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'import_text', text: '- Has a dog called Pico.' }));
  return env;
}

const shownTexts = async (popup) => (await popupGroups(popup)).flatMap((g) => g.items);

test('words, a category and a source narrow the list; clearing them shows everything', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  const search = popup.getByRole('searchbox', { name: 'Search memories' });
  await search.fill('lisbon');
  await popup.locator('#shown', { hasText: 'Showing 2 of 4.' }).waitFor();
  assert.deepEqual(await shownTexts(popup), ['Lives in Lisbon', 'Runs along the river in Lisbon']);
  assert.match(await popup.locator('details[data-category="Technical preferences"] .none').textContent(), /Nothing here matches/);
  await search.fill('lisbon river');
  await popup.locator('#shown', { hasText: 'Showing 1 of 4.' }).waitFor();

  // Each step waits for the list to come back whole first: "Showing 1 of 4." is said by the
  // step before too.
  await search.fill('');
  await popup.locator('#shown').waitFor({ state: 'hidden' });
  await popup.getByRole('combobox', { name: 'Category to show' }).selectOption('Technical preferences');
  await popup.locator('#shown', { hasText: 'Showing 1 of 4.' }).waitFor();
  assert.deepEqual(await shownTexts(popup), ['Uses Rust and Neovim']);

  await popup.getByRole('combobox', { name: 'Category to show' }).selectOption('');
  await popup.locator('#shown').waitFor({ state: 'hidden' });
  const sources = await popup.getByRole('combobox', { name: 'Source to show' }).locator('option').allTextContents();
  assert.deepEqual(sources, ['All sources', 'Claude', 'Imported text']);
  await popup.getByRole('combobox', { name: 'Source to show' }).selectOption({ label: 'Imported text' });
  await popup.locator('#shown', { hasText: 'Showing 1 of 4.' }).waitFor();
  assert.deepEqual(await shownTexts(popup), ['Has a dog called Pico.']);

  await popup.getByRole('combobox', { name: 'Source to show' }).selectOption('');
  await popup.locator('#shown').waitFor({ state: 'hidden' }); // Nothing filtered: no count.
  assert.equal((await shownTexts(popup)).length, 4);
  // A group the filter emptied (and so closed) opens again: it was not folded by the person.
  const open = await popup.locator('details.group').evaluateAll((groups) => groups.filter((g) => g.open).map((g) => g.dataset.category));
  assert.deepEqual(open.sort(), ['Other context', 'Personal information', 'Technical preferences']);
});

test('an unticked memory stays unticked when a filter hides it and shows it again', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  const rust = popup.getByRole('checkbox', { name: 'Send "Uses Rust and Neovim"' });
  await rust.uncheck();
  const search = popup.getByRole('searchbox', { name: 'Search memories' });
  await search.fill('lisbon');
  await popup.locator('#shown', { hasText: 'Showing 2 of 4.' }).waitFor();
  await rust.waitFor({ state: 'detached' });
  await search.fill('');
  await popup.locator('#shown').waitFor({ state: 'hidden' });
  assert.equal(await rust.isChecked(), false);
  assert.equal(await popup.getByRole('checkbox', { name: 'Send "Lives in Lisbon"' }).isChecked(), true);
  assert.equal(await popup.locator('#chosen').textContent(), '3 of 4 memories will be sent.');
});

test('filtered or not, every ticked memory is sent', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  await popup.getByRole('checkbox', { name: 'Send "Uses Rust and Neovim"' }).uncheck();
  await popup.getByRole('searchbox', { name: 'Search memories' }).fill('lisbon');
  await popup.locator('#shown', { hasText: 'Showing 2 of 4.' }).waitFor();
  assert.equal(await popup.locator('#chosen').textContent(), '3 of 4 memories will be sent.');
});
