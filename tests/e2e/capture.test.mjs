// The in-page button on Claude's memory page when the page is not the happy path: app
// navigation, a redesign that moved the memory button, slow, empty and never-loading memory,
// and memport itself going away under the page.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openClaude, pressSave, waitCaptureButton, captureStatus, storedProfile, badgeText, CLAUDE_MEMORY_PAGE } from './steps.mjs';

async function env(t) {
  const e = await start();
  t.after(() => e.close());
  return e;
}

const buttons = (page) => page.locator('[data-memport="capture"]').count();

test('the button follows client-side navigation: gone on other settings tabs, back on Capabilities', async (t) => {
  const e = await env(t);
  const page = await openClaude(e);
  await page.evaluate(() => { window.sameDocument = true; });
  await page.getByRole('link', { name: 'Profile' }).click();
  await page.waitForURL('**/settings/profile');
  await page.waitForFunction(() => !document.querySelector('[data-memport]'), null, { timeout: 5_000 });
  await page.goBack();
  await page.waitForURL('**/settings/capabilities');
  await waitCaptureButton(page, { timeout: 5_000 });
  assert.equal(await buttons(page), 1);
  assert.equal(await page.evaluate(() => window.sameDocument), true, 'no reload happened');
  await page.getByRole('link', { name: 'New chat' }).click();
  await page.waitForURL('**/new');
  await page.waitForFunction(() => !document.querySelector('[data-memport]'), null, { timeout: 5_000 });
});

test('no button where there is no memory to save: a logged-out page', async (t) => {
  const e = await env(t);
  const page = await e.context.newPage();
  await page.goto(`${CLAUDE_MEMORY_PAGE}?scenario=logged-out`);
  await page.getByRole('heading', { name: 'Log in to Claude' }).waitFor();
  await page.waitForTimeout(2_000); // Past the app's re-renders.
  assert.equal(await buttons(page), 0);
});

test('a redesign that moved "View and edit your memory": the edits are kept, and the button says what is missing', async (t) => {
  const e = await env(t);
  const page = await openClaude(e, `${CLAUDE_MEMORY_PAGE}?scenario=no-view-button`);
  const placed = await page.evaluate(() => document.querySelector('[data-memport="capture"]').previousElementSibling.textContent);
  assert.equal(placed.trim(), 'Memory', 'fell back to the section heading');
  const status = await pressSave(page);
  assert.match(status, /^Saved 4 memories from Claude: 4 from your edits\. Claude's memory was not found on this page: there is no "View and edit your memory" button/);
  assert.match(status, /logged in/);
  const items = (await storedProfile(e)).items;
  assert.ok(items.every((i) => i.sources[0].heading === "Your edits to Claude's memory"), 'only the edits');
  assert.equal(await badgeText(e), '4');
  const shown = await captureStatus(page);
  assert.equal(shown.problem, true, 'shown as a problem, never as done');
  assert.equal(shown.point, 1, 'offers to point at the memory');
});

test('a memory that loads slowly is waited for', async (t) => {
  const e = await env(t);
  const page = await openClaude(e, `${CLAUDE_MEMORY_PAGE}?scenario=slow-memory`);
  assert.equal(await pressSave(page), 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
});

test('a memory that shows only its caption saves the person\'s own edits, and says the memory gave nothing', async (t) => {
  const e = await env(t);
  const page = await openClaude(e, `${CLAUDE_MEMORY_PAGE}?scenario=empty-memory`);
  // Claude's page has no empty-state text: a caption alone is not "empty", it is not read.
  const status = await pressSave(page);
  assert.match(status, /^Saved 4 memories from Claude: 4 from your edits\. Claude's memory was not found on this page: the memory did not appear within 8 seconds/);
  assert.match(status, /only the page.s own captions/);
  const items = (await storedProfile(e)).items;
  assert.ok(items.every((i) => i.sources[0].heading === "Your edits to Claude's memory"), 'only the edits');
});

test('a memory that never loads gives up after the site\'s timeout with a clear reason', async (t) => {
  const e = await env(t);
  const page = await openClaude(e, `${CLAUDE_MEMORY_PAGE}?scenario=never-loads`);
  const status = await pressSave(page); // Waits the 8 s of crate/sites/claude.toml.
  assert.match(status, /^Saved 4 memories from Claude: 4 from your edits\. Claude's memory was not found on this page: the memory did not appear within 8 seconds/);
  assert.match(status, /still loading/);
  assert.equal((await storedProfile(e)).items.length, 4, 'only the edits');
});

test('when memport is reloaded or removed, its button leaves the page', async (t) => {
  const e = await env(t);
  const page = await openClaude(e);
  // The old content script loses its extension; the page's next change makes it clean up.
  await e.worker.evaluate(() => chrome.runtime.reload()).catch(() => {});
  await page.getByRole('switch').first().click(); // The app re-renders on a switch click.
  await page.waitForFunction(() => !document.querySelector('[data-memport]'), null, { timeout: 5_000 });
  assert.equal(await buttons(page), 0);
});
