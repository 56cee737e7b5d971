// Gemini -> memport -> Claude: Gemini's saved info read by the in-page button, sent into
// Claude's memory import dialog. (Claude -> Gemini is transfer.test.mjs.)

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, waitCaptureButton, pressSave, storedProfile, sendViaMenu, tabAt, CLAUDE_MEMORY_PAGE, pressMemport } from './steps.mjs';

const SAVED_INFO = 'https://gemini.google.com/saved-info';
const CLAUDE_IMPORT = `${CLAUDE_MEMORY_PAGE}?open_memory_import=true`;
const CLAUDE_TEXT = [
  'Response instructions:',
  '- Always answer in British English.',
  '',
  'Personal information:',
  "- I'm vegetarian and allergic to cashews.",
  '- My daughter Ines is starting primary school in September 2027.',
  '- I work as a product designer at a fintech startup in Porto.',
  '',
  'Projects and goals:',
  "- I'm training for the Lisbon marathon in October.",
  '',
  'Technical preferences:',
  '- Prefers Figma and Linear; uses a MacBook Air.',
  '',
  'Behavioral corrections:',
  "- Don't suggest Medium articles; link official documentation instead.",
].join('\n');

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  return env;
}

async function captureGemini(env, url = SAVED_INFO) {
  const page = await env.context.newPage();
  await page.goto(url);
  await waitCaptureButton(page);
  const placed = await page.evaluate(() => document.querySelector('[data-memport="capture"]').previousElementSibling.textContent);
  assert.equal(placed.trim(), 'Saved info');
  return { page, status: await pressSave(page) };
}

/** What Claude's import dialog itself knows. */
function importState(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[role="dialog"] textarea:not([readonly])');
    const add = [...document.querySelectorAll('[role="dialog"] button')].find((b) => b.textContent.trim() === 'Add to memory');
    const s = window.replicaState.importDialog;
    return { value: box?.value ?? null, model: s.model.text, ignored: s.ignoredInputs, submitted: s.submitted, addEnabled: add ? !add.disabled : false, opens: s.opens };
  });
}

test('Gemini\'s saved info, account-scoped URL too, is saved entry by entry', async (t) => {
  const env = await setup(t);
  const { status } = await captureGemini(env, 'https://gemini.google.com/u/1/saved-info');
  assert.equal(status, 'Saved 7 memories from Gemini');
  const profile = await storedProfile(env);
  const byText = new Map(profile.items.map((i) => [i.text, i]));
  assert.equal(byText.get('Always answer in British English.').category, 'Response instructions');
  assert.equal(byText.get("I'm training for the Lisbon marathon in October.").category, 'Projects and goals');
  assert.equal(profile.items[0].sources[0].assistant, 'gemini');
  assert.equal(profile.items[0].sources[0].url, 'https://gemini.google.com/u/1/saved-info');
});

test('Gemini -> Claude: the import dialog opens from its URL and its box is filled, never submitted', async (t) => {
  const env = await setup(t);
  assert.equal((await captureGemini(env)).status, 'Saved 7 memories from Gemini');
  const notice = await sendViaMenu(env, 'claude');
  assert.equal(notice.ok, true, notice.message);
  assert.match(notice.message, /Claude's import box now holds 7 memories\. Review it, then press "Add to memory" yourself/);
  const claude = await tabAt(env, CLAUDE_IMPORT);
  const state = await importState(claude);
  assert.equal(state.value, CLAUDE_TEXT);
  assert.equal(state.model, CLAUDE_TEXT, 'React\'s model saw it');
  assert.equal(state.ignored, 0);
  assert.equal(state.addEnabled, true);
  assert.equal(state.submitted, false);
  assert.equal(state.opens, 1, 'one dialog: memport did not open a second');
});

test('an open Claude settings tab is reused: memport presses "Start import" itself', async (t) => {
  const env = await setup(t);
  await captureGemini(env);
  const claude = await env.context.newPage();
  await claude.goto(CLAUDE_MEMORY_PAGE);
  await claude.getByRole('button', { name: 'Start import' }).waitFor();
  const notice = await sendViaMenu(env, 'claude');
  assert.equal(notice.ok, true, notice.message);
  const state = await importState(claude);
  assert.equal(state.value, CLAUDE_TEXT);
  assert.equal(state.model, CLAUDE_TEXT);
  assert.equal(env.context.pages().filter((p) => p.url().startsWith('https://claude.ai/')).length, 1, 'no second Claude tab');
});

test('text typed into Claude\'s import box is not overwritten without asking', async (t) => {
  const env = await setup(t);
  await captureGemini(env);
  const claude = await env.context.newPage();
  await claude.goto(`${CLAUDE_IMPORT}&scenario=import-prefilled`);
  await claude.locator('[role="dialog"] textarea:not([readonly])').waitFor();
  const sending = sendViaMenu(env, 'claude');
  await pressMemport(claude, 'ask', 'Leave the box alone');
  assert.equal((await sending).ok, false);
  assert.equal((await importState(claude)).value, 'Notes I typed myself');
});

test('an empty saved-info page is reported as empty', async (t) => {
  const env = await setup(t);
  const { status } = await captureGemini(env, `${SAVED_INFO}?scenario=empty`);
  assert.match(status, /^Gemini's memory was not found on this page: it is empty/);
  assert.equal(await storedProfile(env), null);
});
