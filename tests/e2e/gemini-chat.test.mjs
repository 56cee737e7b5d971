// Sending to Gemini as a chat message: its composer is a Quill editor, which keeps its own
// document and learns of changes through a MutationObserver. The text must reach Quill's
// model (not just the DOM), the send button must wake up, and nothing is ever sent.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, sendViaMenu, tabAt, seedProfile, profileJson, openPopup, pressMemport, panelText, TWO_MEMORIES, TWO_MEMORIES_MESSAGE, popupAction } from './steps.mjs';

const MESSAGE = TWO_MEMORIES_MESSAGE;

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson(TWO_MEMORIES));
  return env;
}

/** What Gemini's page itself knows: Quill's lines, the send button, whether it sent. */
function composer(page) {
  return page.evaluate(() => {
    const c = window.replicaState.composer;
    const send = document.querySelector('button[aria-label="Send message"], button[aria-label="Envoyer le message"]');
    return { lines: [...c.model.lines], textChanges: c.textChanges, sent: c.sent, sendEnabled: Boolean(send && !send.disabled) };
  });
}

test('the menu opens Gemini\'s chat page and Quill\'s own model gets the message, unsent', async (t) => {
  const env = await setup(t);
  const notice = await sendViaMenu(env, 'gemini-chat');
  assert.equal(notice.ok, true, notice.message);
  assert.match(notice.message, /^Gemini's message box now holds 2 memories\. Review it, then press "Send message" yourself/);
  const gemini = await tabAt(env, 'https://gemini.google.com/app');
  const state = await composer(gemini);
  assert.deepEqual(state.lines, MESSAGE, 'Quill\'s lines, one per line of the message');
  assert.ok(state.textChanges > 0, 'Quill saw the change');
  assert.equal(state.sendEnabled, true);
  assert.equal(state.sent, false, 'memport never sends it');
  assert.equal(await gemini.locator('.ql-editor > p').count(), MESSAGE.length, 'one <p> per line, as Quill keeps it');
});

test('redesigned and in French, from the popup, in an account-scoped tab: found by its label', async (t) => {
  const env = await setup(t);
  const gemini = await env.context.newPage();
  await gemini.goto('https://gemini.google.com/u/1/app?version=2&lang=fr');
  await gemini.getByRole('textbox', { name: 'Saisissez une requête ici' }).waitFor();
  const popup = await openPopup(env);
  await popupAction(popup, 'Send to Gemini as a chat message');
  await popup.locator('#status.ok', { hasText: 'message box now holds 2 memories' }).waitFor({ timeout: 20_000 });
  const state = await composer(gemini);
  assert.deepEqual(state.lines, MESSAGE);
  assert.equal(state.sendEnabled, true);
  assert.equal(state.sent, false);
});

test('what the person typed in the composer is asked about, and kept above when they say so', async (t) => {
  const env = await setup(t);
  const gemini = await env.context.newPage();
  await gemini.goto('https://gemini.google.com/app');
  const box = gemini.getByRole('textbox', { name: 'Enter a prompt here' });
  await box.click();
  await gemini.keyboard.type('Half a question');
  const sending = sendViaMenu(env, 'gemini-chat');
  await panelText(gemini, 'ask');
  assert.deepEqual((await composer(gemini)).lines, ['Half a question'], 'nothing touched before the answer');
  await pressMemport(gemini, 'ask', 'Keep it and add below');
  const notice = await sending;
  assert.equal(notice.ok, true, notice.message);
  const state = await composer(gemini);
  assert.deepEqual(state.lines, ['Half a question', '', ...MESSAGE]);
  assert.equal(state.sent, false);
});
