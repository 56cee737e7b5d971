// What a page's own script can do with memport's in-page UI: nothing. memport's button, its
// status line, its questions and notices and the picker live in closed shadow roots and act
// only on a person's (trusted) events. Each test here plays the page's script trying
// (page.evaluate runs in the page's own world), then a person doing the same with the mouse.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  start, openClaude, pressSave, pressMemport, panelText, memportUi, waitMemport, waitMemportGone, uiElement,
  seedProfile, profileJson, sendViaMenu, waitCaptureButton, captureStatus, openPopup, GEMINI_IMPORT_PAGE,
} from './steps.mjs';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);
  return env;
}

const storage = (env) => env.worker.evaluate(() => chrome.storage.local.get(null));

/**
 * The page's script presses every memport button it can get at on the page, every way it
 * can: through the DOM (light or shadow), the host, and whatever is drawn where a button is.
 * Resolves with how many buttons it reached.
 */
function pressFromPage(page, kind) {
  return page.evaluate(async (k) => {
    const hosts = [...document.querySelectorAll(`[data-memport="${k}"]`)];
    const reached = hosts.flatMap((h) => [...h.querySelectorAll('button'), ...(h.shadowRoot?.querySelectorAll('button') ?? [])]);
    const press = (el) => {
      el.click();
      for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
        el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
      }
      el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    };
    for (const el of [...reached, ...hosts]) press(el);
    for (const h of hosts) {
      const r = h.getBoundingClientRect();
      for (let x = r.left + 2; x < r.right; x += 8) {
        const el = document.elementFromPoint(x, r.top + r.height / 2);
        if (el) press(el);
      }
    }
    await new Promise((r) => setTimeout(r, 300));
    return reached.length;
  }, kind);
}

test('the page cannot press "Save memory to memport": no capture starts, nothing is stored', async (t) => {
  const env = await setup(t);
  const page = await openClaude(env);
  const before = await storage(env);
  assert.equal(await pressFromPage(page, 'capture'), 0, 'no button within the page\'s reach');
  await page.waitForTimeout(2_000);
  assert.equal(await page.evaluate(() => window.replicaState.dialogOpens), 0, 'memport did not open the memory');
  assert.deepEqual(await storage(env), before, 'nothing stored');
  assert.equal((await captureStatus(page)).text, '', 'no status');
  // A person's click does it.
  assert.match(await pressSave(page), /^Saved 16 memories from Claude/);
});

test('the page cannot read what memport says on it', async (t) => {
  const env = await setup(t);
  const page = await openClaude(env);
  const said = await pressSave(page);
  assert.match(said, /^Saved 16 memories from Claude/);
  const seen = await page.evaluate(() => {
    const host = document.querySelector('[data-memport="capture"]');
    document.execCommand('selectAll');
    const selected = String(getSelection());
    getSelection().removeAllRanges();
    return {
      shadowRoot: host.shadowRoot,
      text: host.textContent,
      inner: host.innerText,
      children: host.children.length,
      body: document.body.innerText,
      selected,
    };
  });
  assert.equal(seen.shadowRoot, null);
  assert.equal(seen.text, '');
  assert.equal(seen.inner, '');
  assert.equal(seen.children, 0);
  assert.ok(!seen.body.includes('Saved'), 'not in the page\'s text');
  assert.ok(!seen.selected.includes('Saved'), 'not in a selection of the whole page');
  // The person sees it, and a screen reader reads it: it is a status line in the page.
  const line = uiElement(await memportUi(page, 'capture'), 'span', said);
  assert.equal(line.attrs.role, 'status');
});

test('"Replace it?" is answered by the person only: the page\'s presses do nothing', async (t) => {
  const env = await setup(t);
  await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information']]));
  const gemini = await env.context.newPage();
  await gemini.goto(`${GEMINI_IMPORT_PAGE}?scenario=prefilled`);
  await gemini.waitForFunction(() => document.querySelector('h1'));
  const sending = sendViaMenu(env);
  assert.match(await panelText(gemini, 'ask'), /already has text in it/);
  assert.equal(await pressFromPage(gemini, 'ask'), 0);
  await gemini.waitForTimeout(1_000);
  assert.equal((await memportUi(gemini, 'ask')).length, 1, 'still asking');
  assert.equal(await gemini.evaluate(() => document.querySelector('textarea').value), 'My own notes about me');
  await pressMemport(gemini, 'ask', 'Leave the box alone');
  const notice = await sending;
  assert.match(notice.message, /left as it was/);
  assert.equal(await gemini.evaluate(() => document.querySelector('textarea').value), 'My own notes about me');
});

test('the picker takes the person\'s click and Esc, not the page\'s', async (t) => {
  const env = await setup(t);
  const page = await env.context.newPage();
  await page.goto('https://gemini.google.com/saved-info?scenario=renamed');
  await waitCaptureButton(page);
  await page.evaluate(() => {
    const heading = [...document.querySelectorAll('h1, h2, h3')].find((h) => h.textContent.trim() === 'Saved info');
    heading.textContent = 'Things to keep in mind';
  });
  // Its anchor gone, the button moves to float at the corner: press it there, as a person would.
  await waitMemport(page, 'capture', (hosts) => hosts.length === 1 && hosts[0].classes.includes('memport-floating'));
  assert.match(await pressSave(page, { timeout: 20_000 }), /^Gemini's memory was not found/);
  assert.equal(await pressFromPage(page, 'capture'), 0, 'the page cannot start the picker');
  assert.equal((await memportUi(page, 'pick')).length, 0);
  await pressMemport(page, 'capture', 'Point memport at it');
  await panelText(page, 'pick');
  const picks = () => env.worker.evaluate(async () => (await chrome.storage.local.get('memport.picked'))['memport.picked'] ?? null);
  // The page clicks an entry and presses Esc: the picker neither takes nor ends.
  await page.evaluate(() => {
    const entry = document.querySelector('main ul');
    for (const type of ['mouseover', 'pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
      entry.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
    }
    entry.click();
    document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
  });
  await page.waitForTimeout(1_000);
  assert.equal(await picks(), null, 'nothing was pointed at');
  assert.equal((await memportUi(page, 'pick')).length, 1, 'still picking');
  // The person's click on an entry means the whole list.
  await page.locator('main ul li span').nth(2).click();
  await waitMemportGone(page, 'pick');
  const status = await waitMemport(page, 'capture', (hosts) => uiElement(hosts, 'span', /^Saved \d+ memories/));
  assert.equal(status.text, 'Saved 7 memories from Gemini');
  assert.ok(await picks());
});

test('what the page is told says nothing of the profile; the popup has the details', async (t) => {
  const env = await setup(t);
  // The profile already holds two of the lines Claude's page shows, from Gemini, and one
  // memory from Gemini that Claude's page does not show.
  const fromGemini = JSON.parse(profileJson([
    ['Writes Python and Rust daily and uses Neovim with tmux.', 'Technical preferences'],
    ['Uses metric units and 24-hour time.', 'Response instructions'],
    ['Keeps a sourdough starter called Gloria.', 'Personal information'],
  ]));
  for (const item of fromGemini.items) item.sources = [{ assistant: 'gemini', url: 'https://gemini.google.com/saved-info', heading: null, captured_at: '2026-11-20T10:00:00Z' }];
  await seedProfile(env, JSON.stringify(fromGemini));
  const page = await openClaude(env);
  const said = await pressSave(page);
  // Only what was read on this page: not how many were new, not the profile's size.
  assert.equal(said, 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
  assert.doesNotMatch(said, /new|already|profile|17|Gloria/);
  // A second capture: still nothing about what the profile held, nor what changed.
  const again = await pressSave(await openClaude(env));
  assert.equal(again, said);
  // The popup says it all.
  const popup = await openPopup(env);
  assert.equal(
    await popup.locator('#last').textContent(),
    'Last on a page: Saved 16 memories from Claude (all already in your profile): 12 from its memory, 4 from your edits — since the last capture: nothing changed',
  );
});
