// The stored profile under pressure: many changes at once, a profile of 20,000 memories, and
// a profile that cannot be read. Each must lose nothing and leave the person a way on.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, seedProfile, profileJson, storedProfile, openPopup, popupGroups } from './steps.mjs';

const ask = (env, message) => env.worker.evaluate((m) => globalThis.memport.handleMessage(m), message);

/** A Claude memory page as the page code reads it: one heading, these lines as entries. */
function claudeRead(lines) {
  return {
    outcome: 'read',
    url: 'https://claude.ai/settings/capabilities',
    fields: [],
    lists: [],
    missing_lists: [],
    memory: { state: 'read' },
    found_by: 'test',
    blocks: [{ tag: 'p', text: 'Work context', strong: true }, ...lines.map((text) => ({ tag: 'li', text, strong: false }))],
  };
}

test('50 changes at once: deletes, edits, captures and an import all land', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const seeded = Array.from({ length: 30 }, (_, i) => [`Seeded memory number ${i} about the garden.`, 'Personal information']);
  await seedProfile(env, profileJson(seeded));
  // The first change stores the profile as memport writes it, with the ids it gives items.
  assert.equal((await ask(env, { kind: 'import_text', text: '- Imported first: grows tomatoes.' })).ok, true);
  const ids = (await storedProfile(env)).items.filter((i) => i.text.startsWith('Seeded')).map((i) => i.id);
  assert.equal(ids.length, 30);
  const requests = [];
  for (let i = 0; i < 15; i += 1) requests.push({ kind: 'delete_item', id: ids[i] });
  for (let i = 15; i < 30; i += 1) {
    requests.push({ kind: 'edit_item', id: ids[i], text: `Edited memory number ${i} about the orchard.`, category: 'Personal information' });
  }
  for (let c = 0; c < 19; c += 1) {
    requests.push({ kind: 'page_read', outcome: claudeRead([`Captured fact ${c} about the river trip.`]) });
  }
  requests.push({ kind: 'import_text', text: '- Imported: plays the cello on Sundays.' });
  assert.equal(requests.length, 50);
  // All at once, as fast as the worker takes them.
  const replies = await env.worker.evaluate((all) => Promise.all(all.map((m) => globalThis.memport.handleMessage(m))), requests);
  const failed = replies.filter((r) => r.ok === false);
  assert.deepEqual(failed, [], 'every change was made');

  const texts = new Set((await storedProfile(env)).items.map((i) => i.text));
  for (let i = 0; i < 15; i += 1) assert.ok(!texts.has(`Seeded memory number ${i} about the garden.`), `delete ${i} kept`);
  for (let i = 15; i < 30; i += 1) {
    assert.ok(texts.has(`Edited memory number ${i} about the orchard.`), `edit ${i} kept`);
    assert.ok(!texts.has(`Seeded memory number ${i} about the garden.`), `edit ${i} replaced the old text`);
  }
  for (let c = 0; c < 19; c += 1) assert.ok(texts.has(`Captured fact ${c} about the river trip.`), `capture ${c} kept`);
  assert.ok(texts.has('Imported: plays the cello on Sundays.'), 'the import kept');
  assert.equal(texts.size, 1 + 15 + 19 + 1);
});

test('a profile of 20,000 memories: the popup shows it, Delete and Undo work', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const many = Array.from({ length: 20_000 }, (_, i) => [
    `Memory ${i}: keeps a notebook of bird sightings from the ${i % 7 === 0 ? 'estuary' : 'hills'} walk, entry ${i * 7919 % 100_003}.`,
    i % 2 ? 'Personal information' : 'Projects and goals',
  ]);
  const json = profileJson(many);
  assert.ok(json.length > 5 * 1024 * 1024, `a profile of ${json.length} bytes: with its undo copy, past the 10 MB default quota`);
  await seedProfile(env, json);
  // Not a timing test: a profile this size takes seconds to draw on a loaded machine
  // (`node tests/bench/popup.mjs --items 20000` measures it).
  const popup = await openPopup(env, { wait: 60_000 });
  await popup.locator('#total', { hasText: '20000' }).waitFor({ timeout: 60_000 });

  // An import first: the profile is then stored as memport writes it, with its undo copy.
  const imported = await ask(env, { kind: 'import_text', text: '- Also: restores old clocks.' });
  assert.equal(imported.ok, true, imported.message);
  assert.equal((await storedProfile(env)).items.length, 20_001);
  const first = (await storedProfile(env)).items[0];
  const deleted = await ask(env, { kind: 'delete_item', id: first.id });
  assert.equal(deleted.ok, true, deleted.message);
  assert.equal((await storedProfile(env)).items.length, 20_000);
  // The profile and the copy Undo needs, together.
  const bytes = await env.worker.evaluate(() => chrome.storage.local.getBytesInUse(null));
  assert.ok(bytes > 10 * 1024 * 1024, `${bytes} bytes stored: more than the default 10 MB quota allows`);
  const undone = await ask(env, { kind: 'undo' });
  assert.equal(undone.ok, true, undone.message);
  const back = await storedProfile(env);
  assert.equal(back.items.length, 20_001);
  assert.ok(back.items.some((i) => i.text === first.text), 'Undo brought it back');
});

test('a damaged profile: download it as stored, or start a new one and keep it', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const damaged = '{"schema":1,"items":[{"id":"a","text":"Lives in Porto","categ';
  await env.worker.evaluate(async (raw) => {
    await globalThis.memport.ready;
    await chrome.storage.local.set({ 'memport.profile': raw });
  }, damaged);
  const popup = await openPopupDamaged(env);
  await popup.getByRole('heading', { name: 'Your stored profile cannot be read' }).waitFor();
  assert.match(await popup.locator('#status').textContent(), /could not be read/);

  // A change elsewhere is refused and overwrites nothing.
  const refused = await ask(env, { kind: 'import_text', text: '- Has a dog.' });
  assert.equal(refused.ok, false);
  assert.equal(await storedRaw(env), damaged);

  const [file] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: 'Download the stored data as it is' }).click(),
  ]);
  const saved = await (await import('node:fs/promises')).readFile(await file.path(), 'utf8');
  assert.equal(saved, damaged, 'the file is the stored data, byte for byte');

  await popup.getByRole('button', { name: 'Start a new profile' }).click();
  await popup.locator('#status.ok', { hasText: 'Started a new, empty profile.' }).waitFor();
  assert.deepEqual((await storedProfile(env)).items, [], 'a new, empty profile');
  const keys = await env.worker.evaluate(async () => Object.keys(await chrome.storage.local.get(null)));
  const kept = keys.filter((k) => k.startsWith('memport.profile.damaged.'));
  assert.equal(kept.length, 1);
  assert.equal(await storedRaw(env, kept[0]), damaged, 'the damaged profile is kept as it was');

  // Listed, and downloadable, from the popup of the new profile.
  await popup.reload();
  await popup.getByRole('heading', { name: 'Kept damaged profiles' }).waitFor();
  const [again] = await Promise.all([
    popup.waitForEvent('download'),
    popup.getByRole('button', { name: /^Download the damaged profile set aside / }).click(),
  ]);
  assert.equal(await (await import('node:fs/promises')).readFile(await again.path(), 'utf8'), damaged);
  // And a readable profile is never replaced this way.
  const no = await ask(env, { kind: 'start_new_profile' });
  assert.equal(no.ok, false);
});

async function storedRaw(env, key = 'memport.profile') {
  return env.worker.evaluate(async (k) => (await chrome.storage.local.get(k))[k] ?? null, key);
}

/** openPopup waits for the profile list; a damaged profile shows the way out instead. */
async function openPopupDamaged(env) {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  return page;
}
