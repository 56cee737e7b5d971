// Into ChatGPT, which has no import box: memport fills its custom instructions (response
// instructions and corrections into "How would you like ChatGPT to respond?", the rest into
// "What would you like ChatGPT to know about you"), each within 1,500 characters, listing
// what does not fit. It asks before touching what is already there and never presses Save.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openClaude, pressSave, waitCaptureButton, sendViaMenu, tabAt, seedProfile, profileJson, TWO_MEMORIES, TWO_MEMORIES_MESSAGE, pressMemport, panelText, openPopup } from './steps.mjs';

const SAVED_ABOUT = "I'm a high-school chemistry teacher in Leeds. I coach the school's chess club.";
const SAVED_RESPOND = 'Keep answers short and use British spelling.';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  return env;
}

/** What ChatGPT's settings page itself knows about its custom instructions. */
function instructions(page) {
  return page.evaluate(() => {
    const s = window.replicaState.instructions;
    const value = (name) => document.querySelector(`textarea[name=${name}]`).value;
    return { about: value('about_user'), respond: value('about_model'), model: { ...s.model }, ignored: s.ignoredInputs, saved: s.saved };
  });
}

test('Claude -> ChatGPT: asked first, then added below the saved instructions; Save left to the person', async (t) => {
  const env = await setup(t);
  assert.equal(await pressSave(await openClaude(env)), 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
  const sending = sendViaMenu(env, 'chatgpt');
  const chatgpt = await tabAt(env, 'https://chatgpt.com/#settings/Personalization');
  await pressMemport(chatgpt, 'ask', 'Keep it and add below');
  const notice = await sending;
  assert.equal(notice.ok, true, notice.message);
  assert.match(notice.message, /^ChatGPT's custom instructions now hold 16 memories\. Review them, then press "Save" yourself/);
  const state = await instructions(chatgpt);
  assert.equal(state.respond, [
    SAVED_RESPOND,
    '',
    'Prefers concise answers with the code first and no emoji.',
    'Asked Claude to stop suggesting pandas; she uses Polars instead.',
    'Uses metric units and 24-hour time.',
    "Don't bring up my previous job at Northwind Traders.",
    'Stop suggesting weekend work plans.',
  ].join('\n'));
  assert.ok(state.about.startsWith(`${SAVED_ABOUT}\n\nMaya is a senior data engineer`), state.about);
  assert.ok(state.about.includes('Writes Python and Rust daily and uses Neovim with tmux.'));
  assert.deepEqual(state.model, { about_user: state.about, about_model: state.respond }, 'React saw both fields');
  assert.equal(state.ignored, 0);
  assert.equal(state.saved, false, 'memport never presses Save');
});

test('Gemini -> ChatGPT, replacing, in a ChatGPT tab that was showing a chat', async (t) => {
  const env = await setup(t);
  const saved = await env.context.newPage();
  await saved.goto('https://gemini.google.com/saved-info');
  await waitCaptureButton(saved);
  assert.equal(await pressSave(saved), 'Saved 7 memories from Gemini');
  const chat = await env.context.newPage();
  await chat.goto('https://chatgpt.com/');
  await chat.evaluate(() => { window.sameDocument = true; });
  const sending = sendViaMenu(env, 'chatgpt');
  // Should the send end without asking, its notice says why (and which tabs there were).
  const endedFirst = sending.then(async (n) => {
    const tabs = env.context.pages().map((p) => p.url()).join(', ');
    throw new Error(`the send ended before asking: ${n.message} (tabs: ${tabs})`);
  });
  await Promise.race([pressMemport(chat, 'ask', 'Replace it'), endedFirst]);
  const notice = await sending;
  assert.equal(notice.ok, true, notice.message);
  assert.equal(await chat.evaluate(() => window.sameDocument), true, 'settings opened over the page, no reload');
  const state = await instructions(chat);
  assert.equal(state.respond, "Always answer in British English.\nDon't suggest Medium articles; link official documentation instead.");
  assert.equal(state.about, [
    "I'm vegetarian and allergic to cashews.",
    'My daughter Ines is starting primary school in September 2027.',
    "I'm training for the Lisbon marathon in October.",
    'I work as a product designer at a fintech startup in Porto.',
    'Prefers Figma and Linear; uses a MacBook Air.',
  ].join('\n'));
  assert.equal(state.model.about_user, state.about);
});

test('what does not fit in 1,500 characters is listed, never cut', async (t) => {
  const env = await setup(t);
  const long = (n) => `Instruction ${n}: ${'always explain the reasoning step by step with worked examples '.repeat(5).trim()}.`;
  const items = Array.from({ length: 8 }, (_, i) => [long(i + 1), 'Response instructions']);
  await seedProfile(env, profileJson(items));
  const page = await env.context.newPage();
  await page.goto('https://chatgpt.com/#settings/Personalization');
  const sending = sendViaMenu(env, 'chatgpt');
  await pressMemport(page, 'ask', 'Replace it');
  const notice = await sending;
  assert.equal(notice.ok, false, 'the person is told something was left out');
  const state = await instructions(page);
  assert.ok(state.respond.length <= 1500, `${state.respond.length} characters`);
  const kept = state.respond.split('\n');
  assert.ok(kept.length >= 1 && kept.length < 8);
  for (const line of kept) assert.ok(items.some(([text]) => text === line), 'every kept entry whole');
  const left = items.map(([text]) => text).filter((text) => !kept.includes(text));
  assert.match(notice.message, new RegExp(`${left.length} memories did not fit in "How would you like ChatGPT to respond\\?" \\(1,500 characters\\)`));
  for (const text of left) assert.ok(notice.message.includes(`"${text}"`), `listed: ${text.slice(0, 20)}`);
  // The page is not given the memories left out, nor how many: the popup lists them.
  const shown = await panelText(page, 'notice');
  assert.match(shown, /Not every memory was placed: memport's popup lists the ones left out\.$/);
  assert.doesNotMatch(shown, /did not fit|Instruction \d/);
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#last').textContent(), `Last on a page: ${notice.message}`);
});

test('as a chat message: the composer (a ProseMirror editor) takes the text through its own input handling, unsent', async (t) => {
  const env = await setup(t);
  await seedProfile(env, profileJson(TWO_MEMORIES));
  const chat = await env.context.newPage();
  await chat.goto('https://chatgpt.com/');
  await chat.locator('#prompt-textarea').waitFor();
  const notice = await sendViaMenu(env, 'chatgpt-chat');
  assert.equal(notice.ok, true, notice.message);
  assert.match(notice.message, /^ChatGPT's message box now holds 2 memories\. Review it, then press "Send" yourself/);
  const state = await chat.evaluate(() => {
    const c = window.replicaState.composer;
    return { model: c.model.paragraphs.join('\n'), sent: c.sent, sendEnabled: !document.querySelector('[data-testid="send-button"]').disabled };
  });
  assert.equal(state.model, TWO_MEMORIES_MESSAGE.join('\n'), 'the editor\'s own model holds the message');
  assert.equal(state.sendEnabled, true);
  assert.equal(state.sent, false, 'memport never sends it');
});

test('as a chat message, never into a custom GPT\'s or a project\'s chat: a fresh chat is opened', async (t) => {
  const env = await setup(t);
  await seedProfile(env, profileJson(TWO_MEMORIES));
  const composerOf = (page) => page.evaluate(() => window.replicaState.composer.model.paragraphs.join('\n'));
  for (const url of [
    'https://chatgpt.com/g/g-p-6a1b2c3d-trip-planning/project',
    'https://chatgpt.com/g/g-abc123-writing-coach/c/68a1f0c2-0001',
  ]) {
    const there = await env.context.newPage();
    await there.goto(url);
    await there.locator('#prompt-textarea').waitFor();
    await there.bringToFront();
    const before = new Set(env.context.pages());
    const notice = await sendViaMenu(env, 'chatgpt-chat');
    assert.equal(notice.ok, true, notice.message);
    assert.equal(await composerOf(there), '', `nothing written on ${url}`);
    const fresh = env.context.pages().find((p) => !before.has(p));
    assert.ok(fresh, 'a new tab was opened');
    assert.equal(fresh.url(), 'https://chatgpt.com/');
    assert.equal(await composerOf(fresh), TWO_MEMORIES_MESSAGE.join('\n'));
    await fresh.close();
    await there.close();
  }
});
