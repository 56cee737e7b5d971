// The page code on its own: page/agent.js evaluated into the replica pages (no content
// script, so only what it does itself counts), carrying out plans the Rust core made.
// It also keeps tests/fixtures/claude-page-read.json, the recorded page data the native
// Rust tests read, true to what the agent really reads (MEMPORT_RECORD=1 rewrites it).

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO, DIST, start, CLAUDE_MEMORY_PAGE } from '../e2e/steps.mjs';

const RECORDED = path.join(REPO, 'tests', 'fixtures', 'claude-page-read.json');

async function planFor(env, url) {
  const reply = await env.worker.evaluate((u) => globalThis.memport.handleMessage({ kind: 'page_opened', url: u }), url);
  assert.equal(reply.kind, 'plan');
  return reply.plan;
}

async function injectAgent(page) {
  const source = await fs.readFile(path.join(DIST, 'page', 'agent.js'), 'utf8');
  await page.evaluate(source); // Playwright's evaluate is not bound by the page's CSP.
}

test('the agent reads Claude\'s memory dialog as blocks, and closes what it opened', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const plan = await planFor(env, CLAUDE_MEMORY_PAGE);
  assert.equal(plan.label, 'Save memory to memport');
  const page = await env.context.newPage();
  await page.goto(CLAUDE_MEMORY_PAGE);
  await page.getByRole('button', { name: 'View and edit your memory' }).waitFor();
  await injectAgent(page);
  const outcome = await page.evaluate((p) => globalThis.memportAgent.read(p), plan.read);
  assert.equal(outcome.outcome, 'read');
  assert.equal(outcome.found_by, 'css [role=dialog] .memory-content');
  assert.equal(await page.evaluate(() => window.replicaState.dialogOpens), 1);
  assert.equal(await page.locator('[role="dialog"]').count(), 0, 'closed again');
  const headings = outcome.blocks.filter((b) => b.strong).map((b) => b.text);
  assert.deepEqual(headings, ['Work context', 'Personal context', 'Top of mind', 'Brief history', 'Recent months', 'Earlier context', 'Long-term background']);
  const { timing, ...read } = outcome; // How long it took varies; the rest is the page data.
  assert.ok(timing.read_after_settled_ms >= 0);
  const recorded = { ...read, url: 'https://claude.ai/settings/capabilities' };
  if (process.env.MEMPORT_RECORD === '1') {
    await fs.writeFile(RECORDED, `${JSON.stringify(recorded, null, 2)}\n`);
  }
  assert.deepEqual(recorded, JSON.parse(await fs.readFile(RECORDED, 'utf8')), 'the recorded page data is current');
});

test('the agent reports the step that failed when the memory cannot be reached', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const plan = await planFor(env, CLAUDE_MEMORY_PAGE);
  const page = await env.context.newPage();
  await page.goto(`${CLAUDE_MEMORY_PAGE}?scenario=no-view-button`);
  await page.getByRole('heading', { name: 'Memory' }).waitFor();
  await injectAgent(page);
  const outcome = await page.evaluate((p) => globalThis.memportAgent.read(p), plan.read);
  // The edits are read and handed back; the memory itself is named as not read, by its step.
  assert.equal(outcome.outcome, 'read');
  assert.equal(outcome.memory.state, 'nothing');
  assert.equal(outcome.memory.step, 'open');
  assert.match(outcome.memory.detail, /role button "View and edit your memory"/);
  assert.deepEqual(outcome.blocks, []);
  assert.equal(outcome.lists[0].blocks.length, 4);
});

test('no plan, no button: pages that are not memory pages get nothing', async (t) => {
  const env = await start();
  t.after(() => env.close());
  for (const url of ['https://claude.ai/new', 'https://claude.ai/settings/profile', 'https://gemini.google.com/import']) {
    assert.equal(await planFor(env, url), null, url);
  }
});

test('the agent fills only the top frame of the exact origin the plan names', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const page = await env.context.newPage();
  await page.goto('https://claude.ai/new');
  await injectAgent(page);
  const inspect = {
    origin: 'https://gemini.google.com',
    boxes: [[{ by: 'largest_editable', within: null }]],
    open: [],
    open_after_ms: 500,
    wait_ms: 500,
  };
  const outcome = await page.evaluate((p) => globalThis.memportAgent.inspect(p), inspect);
  const put = {
    origin: 'https://gemini.google.com',
    boxes: [{ target: [{ by: 'largest_editable', within: null }], editor: 'textarea', text: 'should never land here' }],
  };
  assert.deepEqual(await page.evaluate((p) => globalThis.memportAgent.put(p), put), { boxes: [] });
  assert.deepEqual(outcome, { outcome: 'wrong_page', url: 'https://claude.ai/new' });
  const typed = await page.evaluate(() => [...document.querySelectorAll('textarea, [contenteditable]')].map((e) => e.value ?? e.textContent).join(''));
  assert.ok(!typed.includes('should never land here'));
});

test('put fills only a box inspect saw: not one that appeared or was swapped in since', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const page = await env.context.newPage();
  await page.goto('https://gemini.google.com/import');
  await page.locator('textarea').waitFor();
  await injectAgent(page);
  const origin = 'https://gemini.google.com';
  const textarea = [{ by: 'css', css: 'textarea' }];
  const inspect = { origin, boxes: [textarea], open: [], open_after_ms: 500, wait_ms: 2000 };
  const put = { origin, boxes: [{ target: textarea, editor: 'textarea', text: 'memport was here' }] };
  const agent = (method, arg) => page.evaluate(([m, a]) => globalThis.memportAgent[m](a), [method, arg]);

  // Inspect saw the empty box; the page then puts another box, holding the person's words,
  // in its place. put must not write there: nobody asked the person about that text.
  assert.equal((await agent('inspect', inspect)).boxes[0].value, '');
  await page.evaluate(() => {
    const old = document.querySelector('textarea');
    const swapped = document.createElement('textarea');
    swapped.value = 'What I was writing';
    old.replaceWith(swapped);
  });
  const refused = await agent('put', put);
  assert.equal(refused.boxes[0].found_by, null);
  assert.equal(await page.evaluate(() => document.querySelector('textarea').value), 'What I was writing');

  // A box inspect did not find at all is not filled when it turns up later.
  await page.evaluate(() => document.querySelector('textarea').remove());
  const none = await agent('inspect', { ...inspect, wait_ms: 300 });
  assert.equal(none.boxes[0].found_by, null);
  await page.evaluate(() => document.querySelector('main, body').append(document.createElement('textarea')));
  assert.equal((await agent('put', put)).boxes[0].found_by, null);
  assert.equal(await page.evaluate(() => document.querySelector('textarea').value), '');

  // The box inspect saw is filled.
  await agent('inspect', inspect);
  const filled = await agent('put', put);
  assert.equal(filled.boxes[0].found_by, 'css textarea');
  assert.equal(await page.evaluate(() => document.querySelector('textarea').value), 'memport was here');
});
