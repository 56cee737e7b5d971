// ChatGPT: its custom instructions and its virtualized "Saved memories" list, read by the
// in-page button in Settings > Personalization, and sent on to the other assistants.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO, start, waitCaptureButton, pressSave, storedProfile, sendViaMenu, geminiPage, geminiState, tabAt } from './steps.mjs';

const SETTINGS = 'https://chatgpt.com/#settings/Personalization';
const MEMORIES = JSON.parse(await fs.readFile(path.join(REPO, 'tests', 'replicas', 'chatgpt', 'memories.json'), 'utf8'));

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  return env;
}

async function openSettings(env, url = SETTINGS) {
  const page = await env.context.newPage();
  await page.goto(url);
  await waitCaptureButton(page);
  return page;
}

test('every saved memory, though the list only ever holds a few rows, plus the custom instructions', async (t) => {
  const env = await setup(t);
  const page = await openSettings(env);
  const placed = await page.evaluate(() => document.querySelector('[data-memport="capture"]').previousElementSibling.textContent);
  assert.equal(placed.trim(), 'Manage');
  // The list really is virtualized: opened as a person opens it, it holds only a few rows.
  await page.getByRole('button', { name: 'Manage', exact: true }).click();
  await page.getByRole('dialog', { name: 'Saved memories' }).waitFor();
  await page.waitForTimeout(300);
  assert.ok(await page.evaluate(() => window.replicaState.memories.maxRendered < 40), 'the list really is virtualized');
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Saved memories' }).waitFor({ state: 'detached' });
  const status = await pressSave(page);
  const profile = await storedProfile(env);
  const texts = profile.items.map((i) => i.text);
  for (const memory of MEMORIES) assert.ok(texts.includes(memory), `missing: ${memory}`);
  const instructions = profile.items.filter((i) => i.sources[0].heading?.startsWith('What would you like') || i.sources[0].heading === 'How would you like ChatGPT to respond?');
  assert.deepEqual(instructions.map((i) => [i.text, i.category]), [
    ["I'm a high-school chemistry teacher in Leeds. I coach the school's chess club.", 'Personal information'],
    ['Keep answers short and use British spelling.', 'Response instructions'],
  ]);
  assert.equal(profile.items.length, MEMORIES.length + 2, 'nothing else taken for memory');
  assert.equal(status, `Saved ${MEMORIES.length + 2} memories from ChatGPT: 2 from your custom instructions, ${MEMORIES.length} from your saved memories`);
  assert.equal(await page.getByRole('dialog', { name: 'Saved memories' }).count(), 0, 'Saved memories closed again');
  assert.equal(await page.getByRole('dialog', { name: 'Settings' }).count(), 1, 'Settings left open');
});

test('the newer custom-instruction fields are read too, the short ones with what they mean', async (t) => {
  const env = await setup(t);
  const page = await openSettings(env, 'https://chatgpt.com/?scenario=new-fields#settings/Personalization');
  await pressSave(page);
  const texts = (await storedProfile(env)).items.map((i) => [i.text, i.category]);
  for (const expected of [
    ['Preferred name: Sam', 'Personal information'],
    ['Occupation: Chemistry teacher', 'Personal information'],
    ['Direct and encouraging.', 'Response instructions'],
    ["I coach the school's chess club.", 'Personal information'],
  ]) {
    assert.ok(texts.some(([t, c]) => t === expected[0] && c === expected[1]), `missing ${expected}`);
  }
});

test('ChatGPT -> Gemini: what ChatGPT remembered lands in Gemini\'s import box', async (t) => {
  const env = await setup(t);
  await pressSave(await openSettings(env));
  const notice = await sendViaMenu(env, 'gemini');
  assert.equal(notice.ok, true, notice.message);
  const state = await geminiState(await geminiPage(env));
  for (const memory of MEMORIES) assert.ok(state.value.includes(memory.replace(/\s+/g, ' ')), `not sent: ${memory}`);
  assert.equal(state.model, state.value);
  assert.ok(state.value.endsWith('Imported from: memport'));
});

test('no saved memories: the custom instructions are still saved', async (t) => {
  const env = await setup(t);
  const page = await openSettings(env, 'https://chatgpt.com/?scenario=no-memories#settings/Personalization');
  assert.equal(await pressSave(page), 'Saved 2 memories from ChatGPT: 2 from your custom instructions. Your saved memories are empty');
});

test('Check this page on ChatGPT\'s settings finds every part', async (t) => {
  const env = await setup(t);
  const page = await openSettings(env);
  await page.waitForTimeout(1_000);
  const reply = await env.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://chatgpt.com/*' });
    return globalThis.memport.handleMessage({ kind: 'check_page', tab_id: tab.id });
  });
  assert.equal(reply.report.ok, true, JSON.stringify(reply.report));
  assert.equal(reply.report.title, 'ChatGPT: memport finds everything it needs here');
});

test('ChatGPT -> Claude: ChatGPT\'s memories land in Claude\'s import dialog under category labels', async (t) => {
  const env = await setup(t);
  await pressSave(await openSettings(env));
  const notice = await sendViaMenu(env, 'claude');
  assert.equal(notice.ok, true, notice.message);
  const claude = await tabAt(env, 'https://claude.ai/settings/capabilities');
  const state = await claude.evaluate(() => ({
    value: document.querySelector('[role="dialog"] textarea:not([readonly])').value,
    model: window.replicaState.importDialog.model.text,
  }));
  assert.ok(state.value.startsWith('Response instructions:\n- Keep answers short and use British spelling.'), state.value.slice(0, 200));
  for (const memory of MEMORIES) assert.ok(state.value.includes(`- ${memory.replace(/\s+/g, ' ')}`), `not sent: ${memory}`);
  assert.equal(state.model, state.value);
});
