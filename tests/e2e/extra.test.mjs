// The extra module (pkg/memport_extra.js), which does the rarer work the core hands it, is
// loaded the first time such work comes. These tests check that it is not loaded before, and
// that an extra module that cannot start is said plainly and loses nothing: the popup, the
// profile and the text in the box stay as they were. Real extension, real Chromium.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startAll } from './harness.mjs';
import { DIST, start, openPopup, popupAction, popupGroups, seedProfile, storedProfile, profileJson } from './steps.mjs';

const SEED = profileJson([['Keep answers short.', 'Response instructions']]);
const TEXT = '- Lives in Porto.\n- Uses Figma and Linear.';

/** The popup's Import text, with `TEXT` in its box and Preview pressed. */
async function preview(env) {
  const popup = await openPopup(env);
  await popupAction(popup, 'Import text');
  const box = popup.getByRole('textbox', { name: 'Text to import' });
  await box.fill(TEXT);
  await popup.getByRole('button', { name: 'Preview' }).click();
  return { popup, box };
}

/** Whether the worker or popup `page` has asked for the extra module yet (extension/extra.js). */
function asked(page) {
  return page.evaluate(() => globalThis.memportExtra.asked());
}

test('the extra module is fetched only when its work comes', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, SEED);
  const popup = await openPopup(env);
  // Opening the popup and answering a memory page's watcher use the core alone.
  await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'page_opened', url: 'https://claude.ai/settings/capabilities' }));
  assert.equal(await asked(popup), false, 'the popup loaded the extra module before any of its work');
  assert.equal(await asked(env.worker), false, 'the worker loaded the extra module before any of its work');
  // Import text's preview is the worker's work, handed to the extra module.
  await popupAction(popup, 'Import text');
  await popup.getByRole('textbox', { name: 'Text to import' }).fill(TEXT);
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .summary').waitFor();
  assert.equal(await asked(env.worker), true);
  assert.equal(await asked(popup), false, 'the popup loaded the extra module for the worker\'s work');
});

test('an extra module that cannot start is said plainly, and nothing is lost', async (t) => {
  // The built extension, its extra module replaced by bytes that are no WebAssembly.
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'memport-broken-extra-'));
  t.after(() => fs.rm(dir, { recursive: true, force: true }));
  await fs.cp(DIST, dir, { recursive: true });
  await fs.writeFile(path.join(dir, 'pkg', 'memport_extra_bg.wasm'), 'not a module');
  const env = await startAll({ extensionDir: dir });
  t.after(() => env.close());
  await seedProfile(env, SEED);
  const before = await storedProfile(env);

  const { popup, box } = await preview(env);
  const status = popup.locator('#status');
  await status.filter({ hasText: 'its module for this work did not start' }).waitFor();
  assert.equal(await status.getAttribute('class'), 'problem');
  assert.equal(await popup.locator('#import-result .summary').count(), 0, 'a preview was shown');
  assert.equal(await box.inputValue(), TEXT, 'the text in the box was lost');
  // The core still works: the profile is shown, and adding says the same and changes nothing.
  assert.deepEqual((await popupGroups(popup)).flatMap((g) => g.items), ['Keep answers short.']);
  const added = await popup.evaluate((text) => chrome.runtime.sendMessage({ kind: 'import_text', text }), TEXT);
  assert.equal(added.ok, false);
  assert.match(added.message, /its module for this work did not start/);
  assert.deepEqual(await storedProfile(env), before);
});
