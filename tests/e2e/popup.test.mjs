// The popup's own features: Copy as Markdown, remembering folded groups, and the context
// menu item it points people to.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openPopup, popupGroups, profileJson, seedProfile, tabAt, popupAction } from './steps.mjs';

const PROFILE = profileJson(
  [
    ['Uses Vim keybindings everywhere.', 'Technical preferences'],
    ['Answer in French when I write in French.', 'Response instructions'],
  ],
  { heading: 'Work context', captured: '2026-11-21T08:30:00Z' },
);

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, PROFILE);
  return env;
}

test('"Copy as Markdown" puts the profile on the clipboard under category headings', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await popupAction(popup, 'Copy as Markdown');
  await popup.locator('#status.ok', { hasText: 'Copied' }).waitFor();
  const copied = await popup.evaluate(() => navigator.clipboard.readText());
  assert.equal(
    copied,
    '# My memory (memport)\n\n## Response instructions\n\n- Answer in French when I write in French.\n\n## Technical preferences\n\n- Uses Vim keybindings everywhere.\n',
  );
  await popupAction(popup, 'Copy as text');
  await popup.locator('#status.ok', { hasText: 'Copied your memory as text.' }).waitFor();
  assert.equal(
    await popup.evaluate(() => navigator.clipboard.readText()),
    'Response instructions:\n- Answer in French when I write in French.\n\nTechnical preferences:\n- Uses Vim keybindings everywhere.',
  );
});

test('a folded category stays folded the next time the popup opens', async (t) => {
  const env = await setup(t);
  const first = await openPopup(env);
  const group = first.locator('details[data-category="Technical preferences"]');
  assert.equal(await group.evaluate((d) => d.open), true);
  await group.locator('summary').click();
  assert.equal(await group.evaluate((d) => d.open), false);
  await first.close();
  const again = await openPopup(env);
  assert.equal(await again.locator('details[data-category="Technical preferences"]').evaluate((d) => d.open), false);
  assert.equal(await again.locator('details[data-category="Response instructions"]').evaluate((d) => d.open), true);
  const groups = await popupGroups(again);
  assert.deepEqual(groups.filter((g) => g.count).map((g) => g.label), ['Response instructions', 'Technical preferences']);
});

test('the popup shows new captures while it is open, and the menu item exists', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  await env.worker.evaluate(async () => {
    const json = JSON.parse((await chrome.storage.local.get('memport.profile'))['memport.profile']);
    json.items.push({ ...json.items[0], id: 'seed-new', text: 'Has two cats.', category: 'Personal information' });
    await chrome.storage.local.set({ 'memport.profile': JSON.stringify(json) });
  });
  await popup.locator('#total', { hasText: '3' }).waitFor();
  // contextMenus has no getAll: updating an item that does not exist is an error.
  const exists = (id) => env.worker.evaluate((i) => chrome.contextMenus.update(i, {}).then(() => 'exists', (e) => e.message), id);
  assert.equal(await exists('send-to-gemini'), 'exists');
  assert.equal(await exists('add-selection'), 'exists');
  assert.notEqual(await exists('no-such-item'), 'exists', 'the check can fail');
});

test('the person chooses which memories to send: an unticked one stays behind', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#chosen').textContent(), 'All 2 memories will be sent.');
  await popup.getByRole('checkbox', { name: 'Send "Uses Vim keybindings everywhere."' }).uncheck();
  assert.equal(await popup.locator('#chosen').textContent(), '1 of 2 memories will be sent.');
  await popupAction(popup, 'Send to Gemini: Import box');
  await popup.locator('#status.ok', { hasText: 'press "Add memory" yourself' }).waitFor({ timeout: 15_000 });
  const gemini = env.context.pages().find((p) => p.url().startsWith('https://gemini.google.com/import'));
  const value = await gemini.evaluate(() => document.querySelector('textarea').value);
  assert.equal(value, 'Instructions:\n- Answer in French when I write in French.\n\nImported from: memport');
  assert.match(await popup.locator('#status').textContent(), /holds 1 memory\./);
});

test('a dismissed toast takes its Undo away, not the undo step: it stays among the actions', async (t) => {
  const env = await setup(t);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#undo-again').isHidden(), true, 'nothing to undo yet');
  await popup.getByRole('button', { name: 'Delete "Uses Vim keybindings everywhere."' }).click();
  const inToast = popup.locator('#toast').getByRole('button', { name: 'Undo: Deleted "Uses Vim keybindings everywhere."' });
  await inToast.waitFor();
  assert.equal(await popup.locator('#undo-again').isHidden(), true, 'one Undo at a time: the toast has it');
  await popup.getByRole('button', { name: 'Dismiss' }).click();
  await popup.locator('#toast').waitFor({ state: 'hidden' });
  // Still there after a redraw (a filter typed and cleared), until it is used.
  await popup.getByRole('searchbox', { name: 'Search memories' }).fill('french');
  await popup.locator('#shown', { hasText: 'Showing 1 of 1.' }).waitFor();
  await popup.getByRole('searchbox', { name: 'Search memories' }).fill('');
  await popup.locator('#shown').waitFor({ state: 'hidden' });
  const again = popup.locator('.actions').getByRole('button', { name: 'Undo: Deleted "Uses Vim keybindings everywhere."' });
  assert.equal(await again.textContent(), 'Undo');
  await again.click();
  await popup.locator('#status.ok', { hasText: 'Undone: Deleted "Uses Vim keybindings everywhere."' }).waitFor();
  await popup.locator('.item', { hasText: 'Uses Vim keybindings everywhere.' }).waitFor();
  await again.waitFor({ state: 'hidden' }); // Nothing more to undo.
});

test('the options page is the same view in a tab, with room to work', async (t) => {
  const env = await setup(t);
  await env.worker.evaluate(() => chrome.runtime.openOptionsPage());
  const page = await tabAt(env, `chrome-extension://${env.extensionId}/popup.html`);
  await page.locator('#profile details').first().waitFor();
  assert.equal(await page.evaluate(() => document.body.classList.contains('page')), true);
  assert.equal(await page.getByRole('button', { name: 'Open in a tab' }).isHidden(), true, 'already in a tab');
  const groups = await popupGroups(page);
  assert.deepEqual(groups.filter((g) => g.count).map((g) => g.label), ['Response instructions', 'Technical preferences']);
  await popupAction(page, 'Import text');
  await page.getByRole('textbox', { name: 'Text to import' }).fill('- Has a dog.');
  await page.getByRole('button', { name: 'Preview' }).click();
  await page.getByRole('button', { name: 'Add 1 memory' }).click();
  await page.locator('#status.ok', { hasText: 'Added 1 memory from the text.' }).waitFor();
});
