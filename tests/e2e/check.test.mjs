// "Check this page": what memport finds on an assistant's page, part by part, so a person or
// a maintainer sees at once what a site changed.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openPopup, CLAUDE_MEMORY_PAGE } from './steps.mjs';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  return env;
}

/** Opens `url`, waits for `ready` (a role and name) and checks the page as the popup would. */
async function checkAt(env, url, ready) {
  const page = await env.context.newPage();
  await page.goto(url);
  await page.getByRole(ready.role, { name: ready.name }).first().waitFor({ timeout: 10_000 });
  await page.waitForTimeout(1_800); // Past the replica's re-renders.
  const reply = await env.worker.evaluate(async (u) => {
    const [tab] = await chrome.tabs.query({ url: u.split('?')[0] + '*' });
    return globalThis.memport.handleMessage({ kind: 'check_page', tab_id: tab.id });
  }, url);
  assert.equal(reply.kind, 'check');
  return reply.report;
}

test('Claude\'s settings: every part found, the memory by opening its dialog and closing it again', async (t) => {
  const env = await setup(t);
  const report = await checkAt(env, CLAUDE_MEMORY_PAGE, { role: 'button', name: 'View and edit your memory' });
  assert.equal(report.title, 'Claude: memport finds everything it needs here');
  assert.equal(report.ok, true);
  assert.deepEqual(report.lines.map((l) => l.text), [
    'Place for the "Save memory to memport" button: found (role button "View and edit your memory")',
    'Memory: found (css [role=dialog] .memory-content, after pressing "View and edit your memory")',
    'Control that shows the memory: found (role button "View and edit your memory")',
    'Import box: not on screen now; memport opens it when it sends',
    'Control that opens the import box: found (role button "Start import")',
  ]);
});

test('a redesign shows up as the missing part', async (t) => {
  const env = await setup(t);
  const report = await checkAt(env, `${CLAUDE_MEMORY_PAGE}?scenario=no-view-button`, { role: 'button', name: 'Start import' });
  assert.equal(report.ok, false);
  assert.equal(report.title, 'Claude: some parts memport needs are missing');
  const missing = report.lines.filter((l) => !l.ok).map((l) => l.text);
  assert.deepEqual(missing, [
    'Memory: not found (tried 3 ways; the site may have changed)',
    'Control that shows the memory: not found (tried 1 way; the site may have changed)',
  ]);
  assert.match(report.lines[0].text, /found \(role heading "Memory"\)/, 'the button still has a place');
});

test('Gemini\'s saved info and import pages, and a page that is no assistant\'s', async (t) => {
  const env = await setup(t);
  const saved = await checkAt(env, 'https://gemini.google.com/u/1/saved-info', { role: 'heading', name: 'Saved info' });
  assert.equal(saved.ok, true, JSON.stringify(saved));
  assert.match(saved.lines[1].text, /^Memory: found \(css ul\.saved-info-list\)/);
  const imp = await checkAt(env, 'https://gemini.google.com/import', { role: 'heading', name: 'Import memory' });
  assert.deepEqual(imp.lines.map((l) => l.text), [
    'Import box: found (css textarea[placeholder=\'Paste your info here...\'])',
    'Control that opens the import box: not needed, the box is on screen',
  ]);
  // The active tab, as the popup checks it: on ChatGPT's home, the composer memport fills
  // "as a chat message".
  const chatgpt = await env.context.newPage();
  await chatgpt.goto('https://chatgpt.com/');
  await chatgpt.locator('#prompt-textarea').waitFor();
  await chatgpt.bringToFront();
  const home = await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'check_page' }));
  assert.equal(home.report.ok, true, JSON.stringify(home.report));
  assert.deepEqual(home.report.lines.map((l) => l.text), ['Message box: found (css #prompt-textarea[contenteditable=true])']);
  // A Gemini page that is none of memport's.
  const settings = await env.context.newPage();
  await settings.goto('https://gemini.google.com/u/1/settings');
  await settings.bringToFront();
  const other = await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'check_page' }));
  assert.equal(other.report.title, 'Gemini: not a page memport reads or fills');
  assert.match(other.report.lines[0].text, /^memport uses its memory at https:\/\/gemini\.google\.com\/saved-info/);
});

test('the popup offers "Check this page" only on an assistant\'s page, and checks the page in front', async (t) => {
  const env = await setup(t);
  // No assistant's page in front (the browser's blank tab): nothing to check.
  const alone = await openPopup(env);
  assert.equal(await alone.getByRole('button', { name: 'Check this page' }).isHidden(), true);
  await alone.close();
  // ChatGPT's home, then the popup (opened in a tab, it checks the page looked at before it).
  const chatgpt = await env.context.newPage();
  await chatgpt.goto('https://chatgpt.com/');
  await chatgpt.locator('#prompt-textarea').waitFor();
  const popup = await openPopup(env);
  await popup.getByRole('button', { name: 'Check this page' }).click();
  await popup.locator('#check h2').waitFor();
  assert.equal(await popup.locator('#check h2').textContent(), 'ChatGPT: memport finds everything it needs here');
  assert.match(await popup.locator('#check li').first().textContent(), /^✓ Message box: found \(css #prompt-textarea/);
});
