// Nothing heavy on pages until used (issue 15): as a page of the three sites loads, memport
// puts only its watcher (page/watch.js) there. The page code (page/agent.js) arrives through
// chrome.scripting when a capture, fill, check, picker or answer capture starts, once per
// page, and then works. Looked at from memport's own content-script world (isolated.mjs),
// where both scripts live.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, start, openClaude, pressSave, waitCaptureButton, storedProfile, CLAUDE_MEMORY_PAGE } from './steps.mjs';
import { contentScriptWorld } from './isolated.mjs';

const CHATGPT_CHAT = 'https://chatgpt.com/c/68a1f0c2-0007-4b1e-9c55-2f7d3e8a1b90';
const CHAT_SHOWN = 'Anything you\'d like me to update or forget?';

async function env(t) {
  const e = await start();
  t.after(() => e.close());
  return e;
}

/** What memport's world on `page` holds: {watch, agent}. */
const scripts = (world) => world('({ watch: globalThis.memportWatch === true, agent: typeof globalThis.memportAgent })');

test('the manifest loads only the watcher, within 8 KB, into the sites\' pages', async () => {
  const manifest = JSON.parse(await fs.readFile(path.join(DIST, 'manifest.json'), 'utf8'));
  assert.deepEqual(manifest.content_scripts.map((c) => c.js), [['page/watch.js']]);
  const { size } = await fs.stat(path.join(DIST, 'page', 'watch.js'));
  assert.ok(size <= 8192, `page/watch.js is ${size} bytes`);
});

test('a chat page gets the watcher alone; "Capture the answer" brings the page code, which reads the reply', async (t) => {
  const e = await env(t);
  const page = await e.context.newPage();
  await page.goto(CHATGPT_CHAT);
  await page.getByText(CHAT_SHOWN, { exact: true }).waitFor({ timeout: 10_000 });
  const world = await contentScriptWorld(page);
  await page.waitForTimeout(500); // Past the watcher's first look at the page.
  assert.deepEqual(await scripts(world), { watch: true, agent: 'undefined' }, 'only the watcher');
  assert.equal(await page.locator('[data-memport]').count(), 0, 'no button on a chat page');

  const reply = await e.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://chatgpt.com/c/*' });
    return globalThis.memport.handleMessage({ kind: 'capture_answer', tab_id: tab.id });
  });
  assert.equal(reply.kind, 'answer', JSON.stringify(reply));
  assert.equal(reply.answer.site, 'chatgpt');
  assert.deepEqual(await scripts(world), { watch: true, agent: 'object' }, 'the page code came when used');

  // Used again, the page code already there is the one that runs: it is not loaded twice.
  await world('globalThis.memportAgent.seen = true');
  const again = await e.worker.evaluate(async () => {
    const [tab] = await chrome.tabs.query({ url: 'https://chatgpt.com/c/*' });
    return globalThis.memport.handleMessage({ kind: 'capture_answer', tab_id: tab.id });
  });
  assert.equal(again.kind, 'answer');
  assert.equal(await world('globalThis.memportAgent.seen'), true, 'the same page code');
});

test('a memory page shows the button before any page code; pressing it brings the page code and saves', async (t) => {
  const e = await env(t);
  const page = await openClaude(e);
  const world = await contentScriptWorld(page);
  assert.deepEqual(await scripts(world), { watch: true, agent: 'undefined' }, 'the button is the watcher\'s');
  const status = await pressSave(page);
  assert.match(status, /^Saved 16 memories from Claude/);
  assert.equal((await storedProfile(e)).items.length, 16);
  assert.deepEqual(await scripts(world), { watch: true, agent: 'object' });
  // A second capture uses the same page code.
  await world('globalThis.memportAgent.seen = true');
  assert.match(await pressSave(page), /^Saved 16 memories from Claude/);
  assert.equal(await world('globalThis.memportAgent.seen'), true);
});

test('the watcher follows the app from a chat to a memory page: Claude by its path, ChatGPT by its fragment', async (t) => {
  const e = await env(t);
  const claude = await e.context.newPage();
  await claude.goto('https://claude.ai/new');
  await claude.evaluate(() => { window.sameDocument = true; });
  const world = await contentScriptWorld(claude);
  await claude.getByRole('link', { name: 'Settings' }).first().click();
  await claude.waitForURL('**/settings/capabilities');
  await waitCaptureButton(claude);
  assert.equal(await claude.evaluate(() => window.sameDocument), true, 'no reload happened');
  assert.equal((await scripts(world)).agent, 'undefined');

  const chatgpt = await e.context.newPage();
  await chatgpt.goto(CHATGPT_CHAT);
  await chatgpt.getByText(CHAT_SHOWN, { exact: true }).waitFor({ timeout: 10_000 });
  await chatgpt.evaluate(() => { location.hash = 'settings/Personalization'; });
  await waitCaptureButton(chatgpt);
  const gpt = await contentScriptWorld(chatgpt);
  assert.equal((await scripts(gpt)).agent, 'undefined');
  await chatgpt.evaluate(() => { location.hash = ''; });
  await chatgpt.waitForFunction(() => !document.querySelector('[data-memport]'), null, { timeout: 5_000 });
});

test('a page may ask for the page code only into its own tab', async (t) => {
  const e = await env(t);
  const page = await e.context.newPage();
  await page.goto(`${CLAUDE_MEMORY_PAGE}?scenario=logged-out`);
  const other = await e.context.newPage();
  await other.goto(CHATGPT_CHAT);
  await other.getByText(CHAT_SHOWN, { exact: true }).waitFor({ timeout: 10_000 });
  const otherTab = await e.worker.evaluate(async () => (await chrome.tabs.query({ url: 'https://chatgpt.com/c/*' }))[0].id);
  const world = await contentScriptWorld(page);
  const reply = await world(`chrome.runtime.sendMessage({ kind: 'load_agent', tab_id: ${otherTab} })`);
  assert.equal(reply.ok, true, JSON.stringify(reply));
  assert.equal((await scripts(world)).agent, 'object', 'its own tab got it');
  assert.equal((await scripts(await contentScriptWorld(other))).agent, 'undefined', 'the other tab did not');
});
