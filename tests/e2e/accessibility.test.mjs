// Accessible to everyone: axe-core (WCAG 2.1 A and AA, and its best practices) finds nothing in
// the popup, the options page and memport's in-page marks, in each state a person reaches, in
// light and dark; and each of them works by keyboard alone, with the focus visible.
//
// memport's in-page marks live in closed shadow roots that a page's script cannot reach, so
// axe runs where memport's own content script runs: its isolated world, where
// `chrome.dom.openOrClosedShadowRoot` opens them. The page itself never sees axe.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import {
  start, openPopup, seedProfile, profileJson, openClaude, pressSave, pressMemport, panelText, waitMemport, waitMemportGone,
  uiElement, captureStatus, sendViaMenu, geminiState, storedProfile, GEMINI_IMPORT_PAGE, popupAction,
} from './steps.mjs';
import { contentScriptWorld } from './isolated.mjs';

const AXE = await fs.readFile(new URL('../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
const RULES = { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] };

/** axe's violations as lines a person can act on: rule, impact, where, why. */
function described(violations) {
  return violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}) at ${JSON.stringify(n.target)}: ${(n.failureSummary ?? '').replace(/\s+/g, ' ')}`));
}

/** axe's violations on one of memport's own pages, in light and in dark. */
async function pageViolations(page) {
  if (!(await page.evaluate(() => typeof globalThis.axe === 'object'))) await page.evaluate(AXE);
  const out = [];
  for (const colorScheme of ['light', 'dark']) {
    await page.emulateMedia({ colorScheme });
    const result = await page.evaluate((rules) => globalThis.axe.run(document, rules), RULES);
    out.push(...described(result.violations).map((line) => `${colorScheme}: ${line}`));
  }
  await page.emulateMedia({ colorScheme: null });
  return out;
}

/** axe's violations inside memport's marks on an assistant's page, and how many it checked. */
async function marksViolations(page) {
  const world = await contentScriptWorld(page);
  await world(`if (!globalThis.axe) {
    ${AXE}
    // In this world only: closed roots open to axe, as they do to memport's own script.
    Object.defineProperty(Element.prototype, 'shadowRoot', { configurable: true, get() { return chrome.dom.openOrClosedShadowRoot(this); } });
  }; 1`);
  return world(`(async () => {
    const hosts = [...document.querySelectorAll('[data-memport]')];
    const include = hosts.map((h) => [h.localName + '[data-memport="' + h.dataset.memport + '"]']);
    const result = await axe.run({ include }, ${JSON.stringify(RULES)});
    return {
      checked: result.passes.reduce((n, p) => n + p.nodes.length, 0),
      violations: result.violations.map((v) => v.id + ' (' + v.impact + ') ' + v.nodes.map((n) => JSON.stringify(n.target) + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | ')),
    };
  })()`);
}

/** Whether the element with the focus shows it: an outline or a ring (box-shadow). */
function focusShown(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
    return { shown: outline || s.boxShadow !== 'none', name: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 60) || el.id, tag: el.localName, id: el.id, visible: getComputedStyle(el.closest('.tools') ?? el).opacity !== '0' };
  });
}

// A profile that shows every kind of line: a disagreement side by side, a secret marked
// sensitive, a long text, two sources.
const RICH = JSON.stringify({
  schema: 1,
  items: [
    ['a1', 'Always answer in American English.', 'Response instructions', 'claude'],
    ['a2', 'Always answer in British English.', 'Response instructions', 'gemini'],
    ['a3', 'Keeps the OpenAI key sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i in a notes app.', 'Technical preferences', 'claude'],
    ['a4', `Is renovating a 1930s terraced house in Ghent: ${'the kitchen is finished, the loft conversion starts in September; '.repeat(4)}`, 'Personal information', 'chatgpt'],
    ['a5', 'Lives in Porto.', 'Personal information', 'gemini'],
  ].map(([id, text, category, assistant]) => ({
    id, text, category,
    sources: [{ assistant, url: `https://example.invalid/${assistant}`, heading: null, captured_at: '2026-11-20T10:00:00Z' }],
  })),
});

test('axe-core finds nothing in the popup and the options page, in each state, light and dark', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);

  // First run: nothing saved yet.
  const empty = await openPopup(env);
  assert.deepEqual(await pageViolations(empty), [], 'the first-run popup');
  await empty.close();

  await seedProfile(env, RICH);
  const popup = await openPopup(env);
  await popup.locator('.conflict').first().waitFor();
  await popup.locator('.item.sensitive').first().waitFor();
  assert.deepEqual(await pageViolations(popup), [], 'the popup with a disagreement and a sensitive memory');

  // Each menu open, over the list.
  for (const trigger of ['send-open', 'formats-open', 'add-open']) {
    await popup.locator(`#${trigger}`).click();
    assert.deepEqual(await pageViolations(popup), [], `the popup with ${trigger}'s menu open`);
    await popup.keyboard.press('Escape');
  }

  // The toast after a delete, with its Undo.
  await popup.getByRole('button', { name: 'Delete "Lives in Porto."' }).click();
  await popup.locator('#undo-label', { hasText: 'Deleted' }).waitFor();
  assert.deepEqual(await pageViolations(popup), [], 'the popup with the toast');
  await popup.locator('#undo').click();
  await popup.locator('.item .text', { hasText: 'Lives in Porto.' }).waitFor();

  // Editing a memory.
  await popup.getByRole('button', { name: 'Edit "Lives in Porto."' }).click();
  await popup.getByRole('textbox', { name: 'Memory text' }).waitFor();
  assert.deepEqual(await pageViolations(popup), [], 'the popup while editing');
  await popup.keyboard.press('Escape');

  // Import text, with its preview.
  await popupAction(popup, 'Import text');
  await popup.getByRole('textbox', { name: 'Text to import' }).fill('Personal information:\n- Has a cat called Miso.\n- Lives in Porto.');
  await popup.getByRole('button', { name: 'Preview' }).click();
  await popup.locator('#import-result .preview > li').first().waitFor();
  assert.deepEqual(await pageViolations(popup), [], 'the popup with an import preview');

  // The options page: the same view in a tab, with "Import a data export".
  const options = await env.context.newPage();
  await options.setViewportSize({ width: 1100, height: 900 });
  await options.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await options.locator('#export h2').waitFor();
  assert.deepEqual(await pageViolations(options), [], 'the options page');
});

test('axe-core finds nothing in memport\'s marks on the page: button, status, question, notice, picker', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);

  // The button beside Claude's memory, then its status line once saved.
  const claude = await openClaude(env);
  let got = await marksViolations(claude);
  assert.deepEqual(got.violations, [], 'the capture button');
  await pressSave(claude);
  got = await marksViolations(claude);
  assert.deepEqual(got.violations, [], 'the capture button with its status');
  assert.ok(got.checked >= 4, `axe looked inside the closed root (${got.checked} checks passed)`);

  // A question before touching text the person typed, then a notice.
  await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information']]));
  const gemini = await env.context.newPage();
  await gemini.goto(`${GEMINI_IMPORT_PAGE}?scenario=prefilled`);
  await gemini.waitForFunction(() => document.querySelector('h1'));
  const sending = sendViaMenu(env);
  await panelText(gemini, 'ask');
  got = await marksViolations(gemini);
  assert.deepEqual(got.violations, [], 'the question');
  await pressMemport(gemini, 'ask', 'Leave the box alone');
  await sending;

  // A send that found no box: the notice with "Copy my memory" and "Point memport at it",
  // then picker mode.
  const plain = await env.context.newPage();
  await plain.goto(`${GEMINI_IMPORT_PAGE}?scenario=plaintext`);
  await plain.waitForFunction(() => document.querySelector('h1'));
  await sendViaMenu(env);
  await plain.bringToFront();
  await panelText(plain, 'notice');
  got = await marksViolations(plain);
  assert.deepEqual(got.violations, [], 'the notice');
  await pressMemport(plain, 'notice', 'Point memport at it');
  await panelText(plain, 'pick');
  got = await marksViolations(plain);
  assert.deepEqual(got.violations, [], 'picker mode');
});

// Every action the popup offers, by the control that opens it: the top-level ones, and the
// choices inside each menu in their order.
const MENUS = {
  'send-open': ['Send to Gemini: Import box', 'Send to Gemini as a chat message', 'Send to Claude: Import box', 'Send to ChatGPT: Custom instructions', 'Send to ChatGPT as a chat message'],
  'formats-open': ['Copy as Markdown', 'Copy as text', 'Download JSON', 'Download as PAM (JSON)', 'Download as MCP memory (JSONL)', 'Download as Anthropic\'s import format (text)'],
  'add-open': ['Import text', 'Import a data export…'],
};

/** Opens the menu `trigger` with Enter and walks it with ArrowDown: the names of its choices. */
async function walkMenu(popup, trigger) {
  await popup.locator(`#${trigger}`).focus();
  await popup.keyboard.press('Enter');
  assert.equal(await popup.locator(`#${trigger}`).getAttribute('aria-expanded'), 'true', `${trigger} opens with Enter`);
  const names = [];
  for (let i = 0; i < 12; i += 1) {
    const f = await focusShown(popup);
    assert.ok(f?.shown, `no visible focus in ${trigger}'s menu`);
    if (names.includes(f.name)) break;
    names.push(f.name);
    await popup.keyboard.press('ArrowDown');
  }
  return names;
}

/** Moves the focus to choice `name` of menu `trigger` by keyboard alone and presses Enter. */
async function chooseByKeyboard(popup, trigger, name) {
  await popup.locator(`#${trigger}`).focus();
  await popup.keyboard.press('Enter');
  for (let i = 0; i < 12 && (await focusShown(popup))?.name !== name; i += 1) await popup.keyboard.press('ArrowDown');
  assert.equal((await focusShown(popup))?.name, name);
  await popup.keyboard.press('Enter');
}

test('the popup works by keyboard alone, every action reached through its menus, the focus always visible', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);
  await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information'], ['Answer in British English.', 'Response instructions']]));
  // An assistant's page in front, so "Check this page" applies.
  const chatgpt = await env.context.newPage();
  await chatgpt.goto('https://chatgpt.com/');
  await chatgpt.locator('#prompt-textarea').waitFor();
  const popup = await openPopup(env);
  await env.context.grantPermissions(['clipboard-read', 'clipboard-write']);

  // Tab goes through every control, each showing where the focus is (Edit and Delete too,
  // which a pointer sees only on hover).
  const reached = [];
  for (let i = 0; i < 60; i += 1) {
    await popup.keyboard.press('Tab');
    const f = await focusShown(popup);
    if (!f) break;
    assert.ok(f.shown && f.visible, `no visible focus on ${f.tag} "${f.name}"`);
    if (reached.includes(f.name)) break;
    reached.push(f.name);
  }
  for (const name of ['Send to …', 'Export', 'Add memories', 'Check this page', 'Search memories', 'Category to show', 'Source to show',
    'Send "Lives in Porto."', 'Edit "Lives in Porto."', 'Delete "Lives in Porto."']) {
    assert.ok(reached.includes(name), `Tab never reached "${name}" (reached: ${reached.join(', ')})`);
  }
  assert.equal(reached[0], 'Send to …', 'Send comes first');

  // Each menu: Enter opens it on its first choice, ArrowDown walks every choice, Escape
  // closes it and gives the focus back.
  for (const [trigger, choices] of Object.entries(MENUS)) {
    assert.deepEqual(await walkMenu(popup, trigger), choices, `the choices of ${trigger}`);
    await popup.keyboard.press('ArrowUp');
    assert.equal((await focusShown(popup)).name, choices.at(-1), 'ArrowUp goes back');
    await popup.keyboard.press('Escape');
    assert.equal(await popup.locator(`#${trigger}`).getAttribute('aria-expanded'), 'false', `${trigger} closes with Escape`);
    assert.equal((await focusShown(popup)).id, trigger, 'the focus is back on the menu button');
  }

  // Actions carried out by keyboard, one of each kind.
  await chooseByKeyboard(popup, 'formats-open', 'Copy as Markdown');
  await popup.locator('#status.ok', { hasText: 'Copied' }).waitFor();
  assert.match(await popup.evaluate(() => navigator.clipboard.readText()), /^# My memory \(memport\)/);
  await chooseByKeyboard(popup, 'add-open', 'Import text');
  assert.equal(await popup.getByRole('textbox', { name: 'Text to import' }).evaluate((el) => el === document.activeElement), true, 'Import text opens on its box');
  await popup.locator('#check-page').focus();
  await popup.keyboard.press('Enter');
  await popup.locator('#check h2', { hasText: 'ChatGPT' }).waitFor();
  await chooseByKeyboard(popup, 'send-open', 'Send to Gemini: Import box');
  await popup.locator('#status.ok', { hasText: 'press "Add memory" yourself' }).waitFor({ timeout: 20_000 });
  await popup.bringToFront();

  // Edit by keyboard: Enter on Edit, type, and save.
  await popup.getByRole('button', { name: 'Edit "Lives in Porto."' }).focus();
  await popup.keyboard.press('Enter');
  const text = popup.getByRole('textbox', { name: 'Memory text' });
  await text.waitFor();
  assert.equal(await text.evaluate((el) => el === document.activeElement), true, 'the text box has the focus');
  await popup.keyboard.press('Control+A');
  await popup.keyboard.type('Lives in Lisbon.');
  await popup.keyboard.press('Tab');
  let f = await focusShown(popup);
  while (f && f.name !== 'Save') {
    await popup.keyboard.press('Tab');
    f = await focusShown(popup);
  }
  assert.equal(f?.name, 'Save');
  await popup.keyboard.press('Enter');
  await popup.locator('.item .text', { hasText: 'Lives in Lisbon.' }).waitFor();

  // Delete by keyboard, said in the toast (role=status), and undone by keyboard.
  await popup.getByRole('button', { name: 'Delete "Lives in Lisbon."' }).focus();
  await popup.keyboard.press('Enter');
  await popup.getByRole('status').filter({ hasText: /Deleted "Lives in Lisbon\."/ }).first().waitFor();
  assert.equal((await storedProfile(env)).items.length, 1);
  await popup.locator('#undo').focus();
  await popup.keyboard.press('Enter');
  await popup.locator('.item .text', { hasText: 'Lives in Lisbon.' }).waitFor();
  assert.equal((await storedProfile(env)).items.length, 2);
});

test('memport\'s marks on the page work by keyboard: save, answer the question, point at a box', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);

  // Tab to "Save memory to memport" and press Enter.
  const claude = await openClaude(env);
  let onButton = false;
  for (let i = 0; i < 80 && !onButton; i += 1) {
    await claude.keyboard.press('Tab');
    onButton = await claude.evaluate(() => document.activeElement?.dataset?.memport === 'capture');
  }
  assert.ok(onButton, 'Tab reaches the in-page button');
  assert.equal((await focusShownInMark(claude)).shown, true, 'the in-page button shows the focus');
  await claude.keyboard.press('Enter');
  await waitMemport(claude, 'capture', (hosts) => uiElement(hosts, 'span', /^Saved \d+ memories/));
  assert.match((await captureStatus(claude)).text, /^Saved 16 memories from Claude/);

  // The question takes the focus, on the answer that changes nothing; Esc gives that answer,
  // and the focus goes back to the box.
  await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information']]));
  const gemini = await env.context.newPage();
  await gemini.goto(`${GEMINI_IMPORT_PAGE}?scenario=prefilled`);
  await gemini.waitForFunction(() => document.querySelector('h1'));
  await gemini.locator('textarea').focus();
  const sending = sendViaMenu(env);
  await panelText(gemini, 'ask');
  assert.equal((await focusShownInMark(gemini)).name, 'Leave the box alone');
  await gemini.keyboard.press('Escape');
  await waitMemportGone(gemini, 'ask');
  const notice = await sending;
  assert.equal((await geminiState(gemini)).value, 'My own notes about me', `the box is untouched (${notice.message})`);
  assert.equal(await gemini.evaluate(() => document.activeElement?.localName), 'textarea', 'the focus is back in the box');

  // A box memport did not find: Tab to "Point memport at it", Enter, Tab to the box, Enter.
  const plain = await env.context.newPage();
  await plain.goto(`${GEMINI_IMPORT_PAGE}?scenario=plaintext`);
  await plain.waitForFunction(() => document.querySelector('h1'));
  await plain.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: 'https://gemini.google.com' });
  const first = await sendViaMenu(env);
  assert.equal(first.ok, false);
  await plain.bringToFront();
  await panelText(plain, 'notice');
  let onPoint = false;
  for (let i = 0; i < 60 && !onPoint; i += 1) {
    await plain.keyboard.press('Tab');
    onPoint = (await focusShownInMark(plain))?.name === 'Point memport at it';
  }
  assert.ok(onPoint, 'Tab reaches "Point memport at it"');
  await plain.keyboard.press('Enter');
  assert.match(await panelText(plain, 'pick'), /By keyboard: Tab to it and press Enter/);
  let inBox = false;
  for (let i = 0; i < 60 && !inBox; i += 1) {
    await plain.keyboard.press('Tab');
    inBox = await plain.evaluate(() => document.activeElement?.matches?.('.x3-editor, [contenteditable], textarea') ?? false);
  }
  assert.ok(inBox, 'Tab reaches the box');
  await plain.keyboard.press('Enter');
  await waitMemportGone(plain, 'pick');
  await plain.waitForFunction(() => /Lives in Porto\./.test(document.querySelector('.x3-editor')?.textContent ?? ''), null, { timeout: 15_000 });
});

/** Inside memport's closed roots: what has the focus, and whether it shows (CDP pierces them). */
async function focusShownInMark(page) {
  const world = await contentScriptWorld(page);
  return world(`(() => {
    const host = document.activeElement;
    if (!host?.dataset?.memport) return null;
    const el = chrome.dom.openOrClosedShadowRoot(host)?.activeElement;
    if (!el) return null;
    const s = getComputedStyle(el);
    return { shown: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none', name: el.textContent.trim() };
  })()`);
}
