// Picker mode: when a site's new layout hides the memory or the box from every way memport
// has of finding it, the person points at it ("Point memport at it"), memport carries on at
// once and remembers it for that site; "Check this page" shows it and can forget it.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  start, waitCaptureButton, pressSave, pressMemport, memportUi, waitMemport, waitMemportGone, uiElement, uiBox, panelText, storedProfile, sendViaMenu, profileJson, seedProfile, screenshot, GEMINI_IMPORT_PAGE,
} from './steps.mjs';

const SAVED_INFO = 'https://gemini.google.com/saved-info?scenario=renamed';
const RENDERED =
  'Demographics Information:\n- Lives in Porto.\n\nInstructions:\n- Answer in British English.\n\nImported from: memport';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);
  return env;
}

const storedPicks = (env) => env.worker.evaluate(async () => {
  const json = (await chrome.storage.local.get('memport.picked'))['memport.picked'];
  return json ? JSON.parse(json) : null;
});

/** The status line next to the in-page button, once it says something. */
const statusAfterSave = (page) => pressSave(page, { timeout: 20_000 });

async function checkTab(env, prefix) {
  return env.worker.evaluate(async (p) => {
    const [tab] = await chrome.tabs.query({ url: `${p}*` });
    return globalThis.memport.handleMessage({ kind: 'check_page', tab_id: tab.id });
  }, prefix);
}

test('a memory list nothing matches: the person points at it, it is saved, and found there next time', async (t) => {
  const env = await setup(t);
  const page = await env.context.newPage();
  await page.goto(SAVED_INFO);
  await waitCaptureButton(page);
  // A bare list memport now finds by the heading above it: rename the heading too, so that
  // nothing on the page says what the list is.
  await page.evaluate(() => {
    const heading = [...document.querySelectorAll('h1, h2, h3')].find((h) => h.textContent.trim() === 'Saved info');
    heading.textContent = 'Things to keep in mind';
  });
  // The button's anchor (that heading) is gone: memport moves the button to the page's corner.
  // Press it there, not the one it is taking away.
  await waitMemport(page, 'capture', (hosts) => hosts.length === 1 && hosts[0].classes.includes('memport-floating'));
  const said = await statusAfterSave(page);
  assert.match(said, /^Gemini's memory was not found on this page/);
  const point = 'Point memport at it';

  // Esc leaves picker mode: nothing is remembered, the offer stays.
  await pressMemport(page, 'capture', point);
  assert.match(await panelText(page, 'pick'), /Click Gemini's memory on this page/);
  await page.keyboard.press('Escape');
  await waitMemportGone(page, 'pick');
  assert.equal(await storedPicks(env), null);

  // Pointing at one entry means the whole list; the page itself never sees the click.
  await pressMemport(page, 'capture', point);
  await panelText(page, 'pick');
  const entry = page.locator('main ul li span').nth(2);
  await entry.hover();
  const frame = await waitMemport(page, 'pick', (hosts) => {
    const f = hosts.flatMap((h) => h.elements).find((e) => e.classes.includes('frame'));
    return f && !('hidden' in f.attrs) && f;
  });
  const [frameBox, listBox] = [await uiBox(page, frame), await page.locator('main ul').boundingBox()];
  assert.ok(Math.abs(frameBox.height - listBox.height) < 2, 'the frame shows the whole list');
  await screenshot(page, 'picker.png');
  await entry.click();
  // Not the failure, which names "Saved info".
  const status = await waitMemport(page, 'capture', (hosts) => uiElement(hosts, 'span', /^Saved \d+ memories/));
  assert.equal(status.text, 'Saved 7 memories from Gemini');
  assert.equal(await page.locator('main input').count(), 0, 'no entry was opened for editing by the click');
  assert.equal((await storedProfile(env)).items.length, 7);
  const picks = await storedPicks(env);
  assert.equal(picks.sites.gemini.memory.url, SAVED_INFO);
  const css = picks.sites.gemini.memory.css;
  assert.equal(await page.evaluate((c) => document.querySelectorAll(c).length, css), 1);

  // Next time (the app has rebuilt the list since): found where the person pointed.
  await page.reload();
  await waitCaptureButton(page);
  assert.equal(await statusAfterSave(page), 'Saved 7 memories from Gemini');

  // "Check this page" shows it, and forgets it on request.
  const check = await checkTab(env, 'https://gemini.google.com/saved-info');
  assert.match(check.report.lines[1].text, /^Memory: found \(where you pointed \(/);
  assert.equal(check.report.forget.button, 'Forget what you pointed at on Gemini');
  const forgot = await env.worker.evaluate(() => globalThis.memport.handleMessage({ kind: 'forget_picks', site: 'gemini' }));
  assert.equal(forgot.ok, true, forgot.message);
  assert.deepEqual((await storedPicks(env)).sites, {});
  // Forgotten: the page (its heading back since the reload) is looked at by meaning again.
  const again = await checkTab(env, 'https://gemini.google.com/saved-info');
  assert.equal(again.report.lines[1].text, 'Memory: found by meaning, not by the site file: the part under the heading "Saved info"');
  assert.equal(again.report.forget, undefined);
});

test('an import box nothing matches: the person points at it and the same text is put there', async (t) => {
  const env = await setup(t);
  await seedProfile(env, profileJson([
    ['Lives in Porto.', 'Personal information'],
    ['Answer in British English.', 'Response instructions'],
  ]));
  const gemini = await env.context.newPage();
  await gemini.goto(`${GEMINI_IMPORT_PAGE}?scenario=plaintext`);
  await gemini.locator('.x3-editor').waitFor();
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://gemini.google.com' });
  const notice = await sendViaMenu(env); // Waits the site file's 10 s for a box.
  assert.equal(notice.ok, false);
  assert.match(notice.message, /could not find Gemini's "Paste your info here\.\.\." box/);
  await gemini.bringToFront();
  assert.match(await panelText(gemini, 'notice'), /Press "Copy my memory" to put the text/, 'the text can be copied');

  await pressMemport(gemini, 'notice', 'Point memport at it');
  assert.match(await panelText(gemini, 'pick'), /Click the box memport should fill \("Paste your info here\.\.\." on Gemini's page\)/);
  // A click on something that is not a box says so and keeps picking.
  await gemini.locator('h1').click();
  assert.match(await panelText(gemini, 'pick', { hasText: /^That is not a box you can type in\./ }), /^That is not a box/);
  await gemini.locator('.x3-editor').click();
  await waitMemportGone(gemini, 'pick');

  await panelText(gemini, 'notice', { hasText: /review/i, timeout: 20_000 });
  const state = await gemini.evaluate(() => ({ model: window.replicaState.model.text, submitted: window.replicaState.submitted }));
  assert.equal(state.model.replace(/\n+$/, ''), RENDERED, 'the page\'s own model has the text');
  assert.equal(state.submitted, false, '"Add memory" is never pressed');
  const picks = await storedPicks(env);
  assert.ok(picks.sites.gemini['import/0'].css);

  // The next send finds the box at once.
  await gemini.reload();
  await gemini.locator('.x3-editor').waitFor();
  const next = await sendViaMenu(env);
  assert.equal(next.ok, true, next.message);
  assert.equal((await gemini.evaluate(() => window.replicaState.model.text)).replace(/\n+$/, ''), RENDERED);
});
