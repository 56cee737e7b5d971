// Who may ask the worker what (crate/access.rs): a content script in an assistant's page may
// only report what it saw; everything else is for memport's own pages. Each refused request
// is sent from memport's real content-script world in a real page, as a compromised page
// could, and must change and reveal nothing.

import test from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start, seedProfile, profileJson, storedProfile, CLAUDE_MEMORY_PAGE } from './steps.mjs';
import { contentScriptWorld } from './isolated.mjs';

const SECRET = 'Lives in Porto with two cats.';

// Every request a page may not make, with the harm it would do if it were answered.
const REFUSED = [
  { kind: 'send_to', target: 'gemini', way: 'chat_message' }, // put the profile in a page
  { kind: 'check_page' },
  { kind: 'forget_picks', site: 'claude' },
  { kind: 'preview_import', text: `- ${SECRET}` }, // probe what the profile holds
  { kind: 'import_text', text: '- Planted by a page.' }, // write into the profile
  { kind: 'preview_data_export', items: [] },
  { kind: 'import_data_export', items: [] },
  { kind: 'capture_answer', tab_id: 1 }, // read another tab
  { kind: 'save_memory_page', tab_id: 1 }, // read another tab's memory page into the profile
  { kind: 'delete_item', id: 'seed0' },
  { kind: 'undo' },
  { kind: 'start_new_profile' }, // set the stored profile aside
  { kind: 'edit_item', id: 'seed0', text: 'Changed by a page.', category: 'Personal information' },
  { kind: 'keep_one', keep: 'seed0', drop: ['seed1'] },
  { kind: 'keep_all', ids: ['seed0'] },
];

// What a content script may send (crate/access.rs): what it saw, what was picked, and its own
// page code (`load_agent`, which the worker injects into the sender's own tab only).
const ALLOWED = ['page_opened', 'page_read', 'picked', 'load_agent'];

test('every request the worker knows is either refused to a page here or one a page may send', () => {
  // The worker's requests, as crate/messages.rs names them: a new one fails this test until
  // it is listed above, so no request goes untried from a page.
  const source = readFileSync(new URL('../../crate/messages.rs', import.meta.url), 'utf8');
  const kinds = [...source.matchAll(/Request::\w+(?: \{ \.\. \})? => "(\w+)"/g)].map((m) => m[1]);
  assert.ok(kinds.length > 15, `found the request kinds in messages.rs: ${kinds}`);
  const listed = new Set([...REFUSED.map((r) => r.kind), ...ALLOWED]);
  assert.deepEqual(kinds.filter((k) => !listed.has(k)), [], 'requests no test sends from a page');
});

test('a page may not ask the worker for anything but what it saw', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson([[SECRET, 'Personal information'], ['Answers in French.', 'Response instructions']]));
  const before = await storedProfile(env);
  const page = await env.context.newPage();
  await page.goto(CLAUDE_MEMORY_PAGE);
  const inWorld = await contentScriptWorld(page);
  const tabsBefore = env.context.pages().length;

  for (const request of REFUSED) {
    const reply = await inWorld(`chrome.runtime.sendMessage(${JSON.stringify(request)})`);
    assert.equal(reply?.kind, 'notice', `${request.kind}: ${JSON.stringify(reply)}`);
    assert.equal(reply.ok, false, request.kind);
    assert.match(reply.message, new RegExp(`^memport refused a request from a web page \\(${request.kind}\\)`), request.kind);
    assert.ok(!JSON.stringify(reply).includes(SECRET), `${request.kind} says nothing of the profile`);
  }
  assert.deepEqual(await storedProfile(env), before, 'the profile is as it was');
  assert.equal(env.context.pages().length, tabsBefore, 'no tab was opened');

  // What a page may say, it says for itself: the plan is for the page the browser saw, not
  // the page the message names.
  const plan = await inWorld(`chrome.runtime.sendMessage({ kind: 'page_opened', url: 'https://chatgpt.com/#settings/Personalization' })`);
  assert.equal(plan.kind, 'plan');
  assert.equal(plan.plan?.site, 'claude', 'the plan is for the sending page');
  const picked = await inWorld(`chrome.runtime.sendMessage({ kind: 'picked', site: 'gemini', part: { kind: 'memory' }, css: 'main', url: 'https://gemini.google.com/saved-info' })`);
  assert.equal(picked.ok, false);
  assert.match(picked.message, /^memport refused a request from https:\/\/claude\.ai that spoke for gemini/);
  // Pointing at a box sends the memory there: a page may only answer memport's own offer.
  const box = await inWorld(`chrome.runtime.sendMessage({ kind: 'picked', site: 'claude', part: { kind: 'box', way: 'chat_message', index: 0 }, css: 'body', url: location.href })`);
  assert.equal(box.ok, false);
  assert.match(box.message, /^memport did not ask this page to point at a box/);
  assert.equal(env.context.pages().length, tabsBefore, 'no tab was opened');
});

test('the profile in browser storage is out of a content script\'s reach', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson([[SECRET, 'Personal information']]));
  const page = await env.context.newPage();
  await page.goto(CLAUDE_MEMORY_PAGE);
  const inWorld = await contentScriptWorld(page);
  const got = await inWorld(`(async () => {
    try { return JSON.stringify(await chrome.storage.local.get(null)); } catch (e) { return 'refused: ' + e.message; }
  })()`);
  assert.ok(!String(got).includes(SECRET), `a content script read storage: ${String(got).slice(0, 200)}`);
  assert.match(String(got), /^refused: /);
});

// memport's content scripts run only in the top frame of the three sites (manifest.json: no
// `all_frames`, three origins), so no real content script can send from a frame or from
// another origin; the worker still refuses both, should a browser ever run them there, and
// this asks it directly with such a sender.
test('the worker refuses a frame and a stranger origin, and names them', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const ask = (from) => env.worker.evaluate((f) => globalThis.memport.handleMessage({ kind: 'page_opened', url: 'https://claude.ai/settings/capabilities' }, f), from);
  const frame = await ask({ own: false, url: 'https://claude.ai/settings/capabilities', frame_id: 2, tab_id: 1 });
  assert.match(frame.message, /^memport refused a request from a frame inside a page/);
  const stranger = await ask({ own: false, url: 'https://claude.ai.example.org/settings/capabilities', frame_id: 0, tab_id: 1 });
  assert.match(stranger.message, /^memport refused a request from https:\/\/claude\.ai\.example\.org/);
});

test('memport\'s own pages reach nothing outside the extension (CSP)', async (t) => {
  const env = await start();
  t.after(() => env.close());
  const popup = await env.context.newPage();
  await popup.goto(`chrome-extension://${env.extensionId}/popup.html`);
  const tried = await popup.evaluate(async () => {
    const out = {};
    // A request that CORS alone would let through, opaque: only connect-src stops it.
    try {
      await fetch('https://notes.example.org/', { mode: 'no-cors' });
      out.fetch = 'sent';
    } catch (e) {
      out.fetch = 'blocked';
    }
    const own = await fetch(chrome.runtime.getURL('manifest.json')).then((r) => r.ok, () => false);
    out.own = own ? 'sent' : 'blocked';
    return out;
  });
  assert.deepEqual(tried, { fetch: 'blocked', own: 'sent' });
});
