// Checks that the chatgpt.com replica (tests/replicas/chatgpt/) behaves like the real
// pages the extension meets (no extension loaded here).
// Run: node --test tests/e2e/replicas-chatgpt.test.mjs
import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAll } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const MEMORIES = JSON.parse(fs.readFileSync(
  path.resolve(HERE, '..', 'replicas', 'chatgpt', 'memories.json'), 'utf8'));

const HOME = 'https://chatgpt.com/';
const PERSONALIZATION = 'https://chatgpt.com/#settings/Personalization';
const ABOUT_USER = 'What would you like ChatGPT to know about you to provide better responses?';
const ABOUT_MODEL = 'How would you like ChatGPT to respond?';
const SAVED_ABOUT_USER =
  'I\'m a high-school chemistry teacher in Leeds. I coach the school\'s chess club.';
const SAVED_ABOUT_MODEL = 'Keep answers short and use British spelling.';

let env;

before(async () => {
  env = await startAll({});
  env.context.setDefaultTimeout(5000);
  // Record CSP violations in every page, from before any page script runs.
  await env.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    });
  });
});

after(async () => {
  await env?.close();
});

/** Opens a page and fails the test on uncaught page errors or CSP violations. */
async function open(t, url) {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  t.after(async () => {
    const violations = await page.evaluate(() => window.__cspViolations).catch(() => []);
    await page.close();
    assert.deepEqual(errors, [], 'uncaught errors in the page');
    assert.deepEqual(violations, [], 'CSP violations in the page');
  });
  await page.goto(url);
  return page;
}

const composerModel = (page) => page.evaluate(() => window.replicaState.composer.model.paragraphs);

test('home: sidebar and chat area render late; typing updates the ProseMirror model', async (t) => {
  const page = await open(t, HOME);
  const editor = page.locator('#prompt-textarea');
  await editor.waitFor();
  assert.equal(await page.getByRole('navigation', { name: 'Chat history' }).count(), 1);
  assert.equal(await page.locator('main').count(), 1);
  assert.deepEqual(await editor.evaluate((e) => [e.className, e.contentEditable, e.getAttribute('role'),
    e.getAttribute('aria-label'), e.getAttribute('aria-multiline')]),
  ['ProseMirror', 'true', 'textbox', 'Message ChatGPT', 'true']);
  assert.equal(await page.getByRole('textbox', { name: 'Message ChatGPT' }).count(), 1);

  const send = page.locator('button[data-testid="send-button"]');
  assert.equal(await send.getAttribute('aria-label'), 'Send prompt');
  assert.equal(await send.isDisabled(), true);
  assert.deepEqual(await composerModel(page), []);

  await editor.click();
  await page.keyboard.type('Hello wor');
  await page.keyboard.press('Backspace');
  await page.keyboard.type('ld 🎻');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('second line');
  assert.deepEqual(await composerModel(page), ['Hello wold 🎻', 'second line']);
  assert.deepEqual(await editor.locator('p').allTextContents(), ['Hello wold 🎻', 'second line']);
  assert.equal(await send.isEnabled(), true);
  const types = await page.evaluate(() => window.replicaState.composer.inputTypes);
  assert.ok(types.includes('insertText') && types.includes('deleteContentBackward'), types.join());

  // Playwright's fill (select all + insertText) replaces the whole document.
  await editor.fill('Replaced');
  assert.deepEqual(await composerModel(page), ['Replaced']);

  await send.click();
  const state = await page.evaluate(() => window.replicaState.composer);
  assert.equal(state.sent, true);
  assert.equal(state.sentText, 'Replaced');
  assert.deepEqual(state.model.paragraphs, [], 'sending clears the composer');
  assert.equal(await send.isDisabled(), true);
  assert.equal(await page.locator('[data-message-author-role="user"]').textContent(), 'Replaced');
});

test('composer: setting textContent or innerHTML directly leaves the model empty', async (t) => {
  const page = await open(t, HOME);
  const editor = page.locator('#prompt-textarea');
  await editor.waitFor();
  await page.evaluate(() => {
    const e = document.querySelector('#prompt-textarea');
    e.textContent = 'Set from a script';
    e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'x' }));
  });
  assert.equal(await editor.textContent(), 'Set from a script');
  assert.deepEqual(await composerModel(page), []);
  assert.equal(await page.locator('[data-testid="send-button"]').isDisabled(), true);

  await page.evaluate(() => { document.querySelector('#prompt-textarea').innerHTML = '<p>Also stale</p>'; });
  assert.deepEqual(await composerModel(page), []);

  // The next real edit re-renders the DOM from the model: the script's text is gone.
  await editor.focus();
  await page.keyboard.type('Hi');
  assert.deepEqual(await composerModel(page), ['Hi']);
  assert.deepEqual(await editor.locator('p').allTextContents(), ['Hi']);
});

test('composer: execCommand insertText and a paste event update the model', async (t) => {
  const page = await open(t, HOME);
  const editor = page.locator('#prompt-textarea');
  await editor.waitFor();
  const ok = await page.evaluate(() => {
    const e = document.querySelector('#prompt-textarea');
    e.focus();
    return document.execCommand('insertText', false, 'Inserted by execCommand');
  });
  assert.equal(ok, true);
  assert.deepEqual(await composerModel(page), ['Inserted by execCommand']);
  assert.equal(await page.locator('[data-testid="send-button"]').isEnabled(), true);
  // Typing goes on where execCommand left the caret.
  await page.keyboard.type('!');
  assert.deepEqual(await composerModel(page), ['Inserted by execCommand!']);

  // Select all, then execCommand with newlines: one paragraph per line.
  await page.evaluate(() => {
    document.execCommand('selectAll');
    document.execCommand('insertText', false, 'one\ntwo\nthree');
  });
  assert.deepEqual(await composerModel(page), ['one', 'two', 'three']);
  assert.deepEqual(await editor.locator('p').allTextContents(), ['one', 'two', 'three']);

  // A paste event with text/plain, as a script (or Ctrl+V) delivers it.
  await page.evaluate(() => {
    const e = document.querySelector('#prompt-textarea');
    document.execCommand('selectAll');
    const dt = new DataTransfer();
    dt.setData('text/plain', 'pasted A\npasted B');
    e.dispatchEvent(new ClipboardEvent('paste', { clipboardData: dt, bubbles: true, cancelable: true }));
  });
  assert.deepEqual(await composerModel(page), ['pasted A', 'pasted B']);

  // Enter (no Shift) sends, like the real composer.
  await editor.focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => window.replicaState.composer.sentText), 'pasted A\npasted B');
});

/** Opens Personalization through the URL hash and waits for the dialog. */
async function openPersonalization(t, url = PERSONALIZATION) {
  const page = await open(t, url);
  const dialog = page.getByRole('dialog', { name: 'Settings' });
  await dialog.waitFor();
  return { page, dialog };
}

const waitPanelRerender = (page) =>
  page.waitForFunction(() => window.replicaState.settings.panelRenders >= 2, null, { timeout: 3000 });

test('settings: #settings/Personalization opens the dialog on the Personalization tab', async (t) => {
  const { page, dialog } = await openPersonalization(t);
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await page.locator('#settings-title').textContent(), 'Settings');
  const tabs = dialog.getByRole('tablist').getByRole('tab');
  assert.deepEqual(await tabs.allTextContents(), ['General', 'Personalization']);
  const tab = dialog.locator('[data-testid="personalization-tab"]');
  assert.equal(await tab.getAttribute('aria-selected'), 'true');
  assert.equal(await dialog.getByRole('tab', { name: 'General' }).getAttribute('aria-selected'), 'false');

  assert.equal(await dialog.getByRole('heading', { name: 'Memory', exact: true }).count(), 1);
  const sw = dialog.getByRole('switch', { name: 'Reference saved memories' });
  assert.equal(await sw.getAttribute('aria-checked'), 'true');
  assert.equal(await dialog.getByText('Memory 73% full', { exact: true }).count(), 1);
  assert.equal(await dialog.getByRole('button', { name: 'Manage' }).count(), 1);
  assert.equal(await dialog.getByRole('heading', { name: 'Custom instructions' }).count(), 1);

  // The panel is rebuilt once: new nodes, same content.
  const first = await page.evaluateHandle(() => document.querySelector('textarea[name="about_user"]'));
  const rendersThen = await page.evaluate(() => window.replicaState.settings.panelRenders);
  await waitPanelRerender(page);
  if (rendersThen === 1) assert.equal(await first.evaluate((n) => n.isConnected), false);
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.replicaState.settings.panelRenders), 2, 'only once');
  assert.equal(await dialog.getByText('Memory 73% full', { exact: true }).count(), 1);

  // The switch toggles, and General shows through the hash.
  await sw.click();
  assert.equal(await sw.getAttribute('aria-checked'), 'false');
  await dialog.getByRole('tab', { name: 'General' }).click();
  await page.waitForFunction(() => location.hash === '#settings/General');
  assert.equal(await dialog.getByRole('tab', { name: 'General' }).getAttribute('aria-selected'), 'true');
  assert.equal(await dialog.getByRole('switch').count(), 0);
  await tab.click();
  assert.equal(await dialog.getByRole('switch', { name: 'Reference saved memories' })
    .getAttribute('aria-checked'), 'false', 'the switch state is kept');
});

test('settings: custom instructions are React-controlled fields with counters and Save', async (t) => {
  const { page, dialog } = await openPersonalization(t);
  const aboutUser = dialog.getByLabel(ABOUT_USER);
  const aboutModel = dialog.getByLabel(ABOUT_MODEL);
  assert.equal(await aboutUser.inputValue(), SAVED_ABOUT_USER);
  assert.equal(await aboutModel.inputValue(), SAVED_ABOUT_MODEL);
  assert.deepEqual(await aboutUser.evaluate((e) => [e.tagName, e.name, e.maxLength]), ['TEXTAREA', 'about_user', 1500]);
  assert.deepEqual(await aboutModel.evaluate((e) => [e.tagName, e.name, e.maxLength]), ['TEXTAREA', 'about_model', 1500]);
  assert.deepEqual(await dialog.locator('.ci-counter').allTextContents(),
    [`${SAVED_ABOUT_USER.length}/1500`, `${SAVED_ABOUT_MODEL.length}/1500`]);
  const save = dialog.getByRole('button', { name: 'Save' });
  assert.equal(await save.isDisabled(), true);

  // Filled before the panel's re-render: the model survives it.
  await aboutModel.fill('Be brief.');
  await waitPanelRerender(page);
  assert.equal(await dialog.getByLabel(ABOUT_MODEL).inputValue(), 'Be brief.');
  let state = await page.evaluate(() => window.replicaState.instructions);
  assert.deepEqual(state.model, { about_user: SAVED_ABOUT_USER, about_model: 'Be brief.' });
  assert.deepEqual(await dialog.locator('.ci-counter').allTextContents(),
    [`${SAVED_ABOUT_USER.length}/1500`, '9/1500']);
  assert.equal(await save.isEnabled(), true);

  // Back to the saved value: nothing to save.
  await aboutModel.fill(SAVED_ABOUT_MODEL);
  assert.equal(await save.isDisabled(), true);

  // A naive main-world value set + input event is swallowed by the value tracker.
  const ignoredBefore = state.ignoredInputs;
  await page.evaluate(() => {
    const el = document.querySelector('textarea[name="about_user"]');
    el.value = 'Set naively';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  state = await page.evaluate(() => window.replicaState.instructions);
  assert.equal(state.model.about_user, SAVED_ABOUT_USER);
  assert.equal(state.ignoredInputs, ignoredBefore + 1);
  assert.equal(await save.isDisabled(), true);

  // The prototype's setter + input event, the way to reach a React-controlled field.
  await page.evaluate(() => {
    const el = document.querySelector('textarea[name="about_user"]');
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(el, 'Set properly');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  assert.equal(await page.evaluate(() => window.replicaState.instructions.model.about_user), 'Set properly');
  assert.equal(await dialog.locator('.ci-counter').first().textContent(), '12/1500');

  await save.click();
  state = await page.evaluate(() => window.replicaState.instructions);
  assert.equal(state.saved, true);
  assert.equal(state.savedValues.about_user, 'Set properly');
  assert.equal(await save.isDisabled(), true);
});

test('settings: Close and Escape close the dialog and drop the hash; hashchange opens it', async (t) => {
  const { page, dialog } = await openPersonalization(t);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.locator('.modal-backdrop').count(), 0);

  await page.evaluate(() => { location.hash = 'settings/Personalization'; });
  await dialog.waitFor();
  assert.equal(await dialog.locator('[data-testid="personalization-tab"]').getAttribute('aria-selected'), 'true');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => location.hash), '');
  assert.equal(await page.evaluate(() => window.replicaState.settings.opens), 2);
});

/** Opens Personalization, then "Manage", and waits for the memories dialog. */
async function openMemories(t, url) {
  const { page, dialog: settings } = await openPersonalization(t, url);
  await settings.getByRole('button', { name: 'Manage' }).click();
  const dialog = page.getByRole('dialog', { name: 'Saved memories' });
  await dialog.waitFor();
  return { page, settings, dialog };
}

test('memories: virtualized table; every scroll position together gives memories.json', async (t) => {
  assert.equal(MEMORIES.length, 40);
  assert.equal(new Set(MEMORIES).size, 40);
  const { page, dialog } = await openMemories(t);
  assert.equal(await dialog.getByText('ChatGPT remembers useful details between chats.').count(), 1);
  const scroller = dialog.locator('.saved-memories-scroll.overflow-y-auto');
  assert.deepEqual(await scroller.evaluate((s) => [getComputedStyle(s).height, getComputedStyle(s).overflowY]),
    ['360px', 'auto']);
  const rows = scroller.locator('table > tbody > tr');
  await rows.first().waitFor();
  const firstCount = await rows.count();
  assert.ok(firstCount > 0 && firstCount <= 15, `rows in the DOM: ${firstCount}`);
  assert.equal(await rows.first().locator('td div.whitespace-pre-wrap').textContent(), MEMORIES[0]);
  assert.equal(await rows.first().getByRole('button', { name: 'Delete memory' }).count(), 1);
  assert.equal(await rows.first().evaluate((r) => r.offsetHeight), 48);
  assert.equal(await scroller.evaluate((s) => s.scrollHeight), 40 * 48);

  // Scroll step by step; collect every row seen by its index.
  const seen = new Array(MEMORIES.length).fill(null);
  const collect = async () => {
    for (const [i, text] of await rows.evaluateAll((trs) => trs.map((tr) => [Number(tr.dataset.index),
      tr.querySelector('td div.whitespace-pre-wrap').textContent]))) {
      assert.ok(seen[i] === null || seen[i] === text, `row ${i} changed`);
      seen[i] = text;
    }
  };
  await collect();
  const maxTop = await scroller.evaluate((s) => s.scrollHeight - s.clientHeight);
  for (let top = 200; ; top = Math.min(top + 200, maxTop)) {
    await scroller.evaluate((s, y) => { s.scrollTop = y; }, top);
    const last = Math.min(39, Math.ceil((top + 358) / 48));
    await page.waitForFunction((i) => document.querySelector(`tr[data-index="${i}"]`), last);
    await collect();
    assert.ok(await rows.count() <= 16, 'still virtualized');
    if (top === maxTop) break;
  }
  // At the bottom the last memory shows and the first ones are gone.
  await dialog.getByText(MEMORIES[39], { exact: true }).waitFor({ state: 'visible' });
  assert.equal(await dialog.getByText(MEMORIES[0], { exact: true }).count(), 0);
  assert.deepEqual(seen, MEMORIES);
  const counts = await page.evaluate(() => window.replicaState.memories);
  assert.equal(counts.total, 40);
  assert.ok(counts.maxRendered < 20, `maxRendered ${counts.maxRendered}`);
  assert.equal(counts.rendered, await rows.count());

  // Markup in a memory stays text; the emoji comes through.
  const markup = MEMORIES.find((m) => m.includes('<b>markup</b>'));
  const emoji = MEMORIES.find((m) => /\p{Extended_Pictographic}/u.test(m));
  assert.ok(markup && emoji);
  assert.equal(await page.locator('.saved-memories-scroll b').count(), 0);
});

test('memories: Escape and Close close only the memories dialog; Delete removes a row', async (t) => {
  const { page, settings, dialog } = await openMemories(t);
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await settings.isVisible(), true);
  assert.equal(await page.evaluate(() => location.hash), '#settings/Personalization');

  await settings.getByRole('button', { name: 'Manage' }).click();
  await dialog.waitFor();
  await dialog.locator('tr[data-index="0"]').getByRole('button', { name: 'Delete memory' }).click();
  assert.equal(await dialog.locator('tr[data-index="0"] div.whitespace-pre-wrap').textContent(), MEMORIES[1]);
  const state = await page.evaluate(() => window.replicaState.memories);
  assert.equal(state.total, 39);
  assert.deepEqual(state.deleted, [MEMORIES[0]]);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await settings.isVisible(), true);
  await page.keyboard.press('Escape');
  await settings.waitFor({ state: 'detached' });
});

test('scenario new-fields: nickname, occupation, traits and about fields', async (t) => {
  const { page, dialog } = await openPersonalization(t, 'https://chatgpt.com/?scenario=new-fields#settings/Personalization');
  const expected = [
    ['What should ChatGPT call you?', 'INPUT', 'nickname', 100, 'Sam'],
    ['What do you do?', 'INPUT', 'occupation', 100, 'Chemistry teacher'],
    ['What traits should ChatGPT have?', 'TEXTAREA', 'traits', 1500, 'Direct and encouraging.'],
    ['Anything else ChatGPT should know about you?', 'TEXTAREA', 'about_user', 1500,
      'I coach the school\'s chess club.'],
  ];
  for (const [label, tag, name, max, value] of expected) {
    const field = dialog.getByLabel(label, { exact: true });
    assert.deepEqual(await field.evaluate((e) => [e.tagName, e.name, e.maxLength]), [tag, name, max], label);
    assert.equal(await field.inputValue(), value, label);
  }
  assert.equal(await dialog.getByLabel(ABOUT_MODEL).count(), 0);
  assert.equal(await dialog.getByLabel(ABOUT_USER).count(), 0);

  const nickname = dialog.getByLabel('What should ChatGPT call you?');
  await nickname.fill('Samira');
  await page.evaluate(() => {
    const el = document.querySelector('input[name="occupation"]');
    el.value = 'Naive';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const state = await page.evaluate(() => window.replicaState.instructions);
  assert.equal(state.model.nickname, 'Samira');
  assert.equal(state.model.occupation, 'Chemistry teacher');
  assert.equal(state.ignoredInputs, 1);
  await dialog.getByRole('button', { name: 'Save' }).click();
  assert.equal(await page.evaluate(() => window.replicaState.instructions.saved), true);
});

test('scenario no-memories: the dialog says there are none', async (t) => {
  const { page, settings, dialog } = await openMemories(t, 'https://chatgpt.com/?scenario=no-memories#settings/Personalization');
  assert.equal(await settings.getByText('Memory 0% full', { exact: true }).count(), 1);
  assert.equal(await dialog.getByText('ChatGPT doesn\'t have any memories yet.').count(), 1);
  assert.equal(await dialog.locator('table').count(), 0);
  assert.equal(await page.evaluate(() => window.replicaState.memories.total), 0);
});
