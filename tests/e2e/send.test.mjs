// Sending to Gemini when things are not simple: text already in the box, a page whose box
// is gone, the popup's button, an empty profile. Real extension, real Chromium, replicas.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  start, openPopup, sendViaMenu, geminiPage, geminiState, profileJson, seedProfile, pressMemport, panelText, GEMINI_IMPORT_PAGE, popupAction,
} from './steps.mjs';

const PROFILE = profileJson([
  ['Lives in Porto.', 'Personal information'],
  ['Answer in British English.', 'Response instructions'],
]);
const RENDERED =
  'Demographics Information:\n- Lives in Porto.\n\nInstructions:\n- Answer in British English.\n\nImported from: memport';

async function withProfile(t, profile = PROFILE) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profile);
  return env;
}

async function openGemini(env, scenario) {
  const page = await env.context.newPage();
  await page.goto(`${GEMINI_IMPORT_PAGE}?scenario=${scenario}`);
  await page.waitForFunction(() => document.querySelector('h1'));
  return page;
}

test('text the person typed is never overwritten without asking: keep it and add below', async (t) => {
  const env = await withProfile(t);
  const gemini = await openGemini(env, 'prefilled');
  const sending = sendViaMenu(env);
  assert.match(await panelText(gemini, 'ask'), /Gemini's box already has text in it/);
  assert.equal((await geminiState(gemini)).value, 'My own notes about me', 'nothing touched before the answer');
  await pressMemport(gemini, 'ask', 'Keep it and add below');
  const notice = await sending;
  assert.equal(notice.ok, true, notice.message);
  const state = await geminiState(gemini);
  assert.equal(state.value, `My own notes about me\n\n${RENDERED}`);
  assert.equal(state.model, state.value);
  assert.equal(state.submitted, false);
});

test('leaving the box alone leaves it alone', async (t) => {
  const env = await withProfile(t);
  const gemini = await openGemini(env, 'prefilled');
  const sending = sendViaMenu(env);
  await pressMemport(gemini, 'ask', 'Leave the box alone');
  const notice = await sending;
  assert.equal(notice.ok, false);
  assert.match(notice.message, /left as it was/);
  assert.equal((await geminiState(gemini)).value, 'My own notes about me');
});

test('replacing asks first, then replaces', async (t) => {
  const env = await withProfile(t);
  const gemini = await openGemini(env, 'prefilled');
  const sending = sendViaMenu(env);
  await pressMemport(gemini, 'ask', 'Replace it');
  assert.equal((await sending).ok, true);
  assert.equal((await geminiState(gemini)).value, RENDERED);
});

test('a page without the box: the text goes to the clipboard when the person presses "Copy my memory", not before', async (t) => {
  const env = await withProfile(t);
  const gemini = await openGemini(env, 'nobox');
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://gemini.google.com' });
  await gemini.bringToFront();
  await gemini.evaluate(() => navigator.clipboard.writeText('what the person copied last'));
  // The replica's box-finding waits its full timeout (10 s in crate/sites/gemini.toml).
  const notice = await sendViaMenu(env);
  assert.equal(notice.ok, false);
  assert.match(notice.message, /could not find Gemini's "Paste your info here\.\.\." box/);
  assert.match(notice.message, /Press "Copy my memory" to put the text memport would have filled in on the clipboard, then paste it into the box on https:\/\/gemini\.google\.com\/import/);
  const said = await panelText(gemini, 'notice');
  assert.match(said, /Press "Copy my memory"/, 'the page\'s notice says what the button will do');
  assert.equal(await gemini.evaluate(() => navigator.clipboard.readText()), 'what the person copied last', 'nothing copied before the press');
  // The page's own script cannot press it.
  await gemini.evaluate(() => document.querySelector('[data-memport="notice"]').click());
  await gemini.waitForTimeout(300);
  assert.equal(await gemini.evaluate(() => navigator.clipboard.readText()), 'what the person copied last');
  await pressMemport(gemini, 'notice', 'Copy my memory');
  assert.match(await panelText(gemini, 'notice', { hasText: /^Your memory is on the clipboard/ }), /paste it into the box on https:\/\/gemini\.google\.com\/import, then press "Add memory"/);
  assert.equal(await gemini.evaluate(() => navigator.clipboard.readText()), RENDERED);
});

test('the popup\'s "Send to Gemini" opens Gemini\'s import page and fills it', async (t) => {
  const env = await withProfile(t);
  const popup = await openPopup(env);
  await popupAction(popup, 'Send to Gemini: Import box');
  const gemini = await geminiPage(env);
  await gemini.waitForFunction(() => document.querySelector('textarea')?.value.length > 0, null, { timeout: 15_000 });
  const state = await geminiState(gemini);
  assert.equal(state.value, RENDERED);
  assert.equal(state.model, RENDERED);
  // In a real toolbar the popup closes as Gemini's tab comes forward; as a tab it stays, and
  // shows the worker's answer.
  await popup.locator('#status.ok', { hasText: 'press "Add memory" yourself' }).waitFor({ timeout: 15_000 });
});

test('an empty profile says how to capture, and sending says there is nothing to send', async (t) => {
  const env = await withProfile(t, null);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('.empty h2').textContent(), 'Your memory profile is empty');
  assert.match(await popup.locator('.empty').textContent(), /Save memory to memport/);
  // Nothing to send: no Send control, its choices disabled.
  assert.equal(await popup.getByRole('button', { name: 'Send to …' }).isHidden(), true);
  assert.equal(await popup.locator('#send-gemini').isDisabled(), true);
  const notice = await sendViaMenu(env);
  assert.equal(notice.ok, false);
  assert.match(notice.message, /profile is empty/);
  assert.equal(env.context.pages().some((p) => p.url().startsWith(GEMINI_IMPORT_PAGE)), false, 'no tab opened for nothing');
});

test('a damaged stored profile is reported and left untouched', async (t) => {
  const env = await withProfile(t, null);
  await env.worker.evaluate(() => chrome.storage.local.set({ 'memport.profile': '{"schema":1,"items":[' }));
  const popup = await openPopup(env).catch(() => null);
  const notice = await sendViaMenu(env);
  assert.equal(notice.ok, false);
  assert.match(notice.message, /could not be read .* left untouched/);
  const stored = await env.worker.evaluate(async () => (await chrome.storage.local.get('memport.profile'))['memport.profile']);
  assert.equal(stored, '{"schema":1,"items":[');
  if (popup) assert.match(await popup.locator('#status').textContent(), /could not be read/);
});

test('a React-controlled box sees the text too (value set past React\'s tracker)', async (t) => {
  const env = await withProfile(t);
  const gemini = await openGemini(env, 'react');
  const notice = await sendViaMenu(env);
  assert.equal(notice.ok, true, notice.message);
  const state = await geminiState(gemini);
  assert.equal(state.value, RENDERED);
  assert.equal(state.model, RENDERED, 'the page\'s model has the text');
  assert.equal(await gemini.evaluate(() => window.replicaState.ignoredInputs), 0, 'no input event was dropped');
  assert.equal(state.addEnabled, true);
});
