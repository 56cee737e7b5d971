// Checks that the chatgpt.com replica (tests/replicas/chatgpt/) behaves like the real
// pages the extension meets (no extension loaded here).
// Run: node --test tests/e2e/replicas-chatgpt.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replicaSession } from './harness.mjs';

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

const session = replicaSession();

/** Opens a page that fails its test on uncaught page errors or CSP violations. */
const open = async (t, url) => (await session.open(t, url, { csp: true })).page;

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
async function openPersonalization(t, url = PERSONALIZATION, title = 'Settings') {
  const page = await open(t, url);
  const dialog = page.getByRole('dialog', { name: title });
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
async function openMemories(t, url, L = { settings: 'Settings', manage: 'Manage', memoriesTitle: 'Saved memories' }) {
  const { page, dialog: settings } = await openPersonalization(t, url, L.settings);
  await settings.getByRole('button', { name: L.manage }).click();
  const dialog = page.getByRole('dialog', { name: L.memoriesTitle });
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

// ---- Version 2 (?version=2) and French (?lang=fr)

/** What each language shows; `query` is added after ?version=2 (or after ? for version 1). */
const LANGS = {
  en: {
    query: '',
    composer: 'Message ChatGPT',
    send: 'Send prompt',
    settings: 'Settings',
    tabs: ['General', 'Personalization'],
    memory: 'Memory',
    switchName: 'Reference saved memories',
    full: 'Memory 73% full',
    empty: 'Memory 0% full',
    manage: 'Manage',
    memoriesTitle: 'Saved memories',
    intro: 'ChatGPT remembers useful details between chats.',
    close: 'Close',
    noMemories: 'ChatGPT doesn\'t have any memories yet.',
    aboutUser: ABOUT_USER,
    aboutModel: ABOUT_MODEL,
    save: 'Save',
    newFields: ['What should ChatGPT call you?', 'What do you do?', 'What traits should ChatGPT have?',
      'Anything else ChatGPT should know about you?'],
  },
  fr: {
    query: 'lang=fr',
    composer: 'Envoyer un message à ChatGPT',
    send: 'Envoyer le message',
    settings: 'Paramètres',
    tabs: ['Général', 'Personnalisation'],
    memory: 'Mémoire',
    switchName: 'Consulter les souvenirs enregistrés',
    full: 'Mémoire pleine à 73 %',
    empty: 'Mémoire pleine à 0 %',
    manage: 'Gérer',
    memoriesTitle: 'Souvenirs enregistrés',
    intro: 'ChatGPT se souvient de détails utiles d\'une conversation à l\'autre.',
    close: 'Fermer',
    noMemories: 'ChatGPT n\'a encore aucun souvenir.',
    aboutUser: 'Que souhaitez-vous que ChatGPT sache sur vous pour vous fournir de meilleures réponses ?',
    aboutModel: 'Comment souhaitez-vous que ChatGPT réponde ?',
    save: 'Enregistrer',
    newFields: ['Comment ChatGPT doit-il vous appeler ?', 'Que faites-vous dans la vie ?',
      'Quels traits de caractère ChatGPT doit-il avoir ?',
      'Autre chose que ChatGPT devrait savoir à votre sujet ?'],
  },
};

const tagName = (locator) => locator.evaluate((el) => el.tagName);
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);
/** The element an aria-labelledby points at, as [tagName, role, text]. */
const labelledBy = (locator) => locator.evaluate((el) => {
  const title = document.getElementById(el.getAttribute('aria-labelledby'));
  return title && [title.tagName, title.getAttribute('role'), title.textContent];
});

/** Version 2's dialogs are native <dialog open>, titled by a role=heading div. */
async function assertNativeDialog(dialog, title) {
  assert.equal(await tagName(dialog), 'DIALOG');
  assert.equal(await dialog.evaluate((d) => d.open), true);
  assert.deepEqual(await labelledBy(dialog), ['DIV', 'heading', title]);
}

for (const [lang, L] of Object.entries(LANGS)) {
  const v2 = `?version=2${L.query ? `&${L.query}` : ''}`;

  test(`v2 ${lang}: composer without #prompt-textarea; fill and execCommand update its model`, async (t) => {
    const page = await open(t, `${HOME}${v2}`);
    const editor = page.getByRole('textbox', { name: L.composer, exact: true });
    await editor.waitFor();
    assert.equal(await htmlLang(page), lang);
    assert.equal(await page.locator('#prompt-textarea, .ProseMirror').count(), 0);
    assert.deepEqual(await editor.evaluate((e) => [e.tagName, e.id, e.contentEditable, e.getAttribute('aria-multiline'),
      /^css-[a-z0-9]+$/.test(e.className)]), ['DIV', '', 'true', 'true', true]);
    const send = page.getByRole('button', { name: L.send, exact: true });
    assert.equal(await send.isDisabled(), true);

    await editor.fill('Filled');
    assert.deepEqual(await composerModel(page), ['Filled']);
    assert.equal(await send.isEnabled(), true);
    await page.evaluate(() => {
      document.execCommand('selectAll');
      document.execCommand('insertText', false, 'one\ntwo');
    });
    assert.deepEqual(await composerModel(page), ['one', 'two']);
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => window.replicaState.composer.sentText), 'one\ntwo');
    assert.equal(await page.locator('[data-message-author-role="user"]').textContent(), 'one\ntwo');
  });

  test(`v2 ${lang}: native settings dialog; Manage is a div; fields named only by aria-label`, async (t) => {
    const { page, dialog } = await openPersonalization(t, `${HOME}${v2}#settings/Personalization`, L.settings);
    assert.equal(await htmlLang(page), lang);
    const check = async (aboutModelValue) => {
      await assertNativeDialog(dialog, L.settings);
      assert.deepEqual(await dialog.getByRole('tab').allTextContents(), L.tabs);
      assert.equal(await dialog.getByRole('tab', { name: L.tabs[1] }).getAttribute('aria-selected'), 'true');
      assert.equal(await dialog.locator('[data-testid], h2, h3, section, label, .ci-counter, #settings-title').count(), 0);
      assert.equal(await tagName(dialog.getByRole('heading', { name: L.memory, exact: true })), 'DIV');
      assert.equal(await dialog.getByRole('switch', { name: L.switchName, exact: true }).getAttribute('aria-checked'), 'true');
      assert.equal(await dialog.getByText(L.full, { exact: true }).count(), 1);
      const manage = dialog.getByRole('button', { name: L.manage, exact: true });
      assert.deepEqual(await manage.evaluate((e) => [e.tagName, e.getAttribute('tabindex')]), ['DIV', '0']);
      // Textareas: no name, no id; named only by aria-label; same values and models.
      const boxes = dialog.locator('textarea');
      assert.deepEqual(await boxes.evaluateAll((els) => els.map((e) => [e.hasAttribute('name'), e.id,
        e.getAttribute('aria-label'), e.maxLength, e.labels.length])),
      [[false, '', L.aboutUser, 1500, 0], [false, '', L.aboutModel, 1500, 0]]);
      assert.equal(await dialog.getByRole('textbox', { name: L.aboutUser, exact: true }).inputValue(), SAVED_ABOUT_USER);
      assert.equal(await dialog.getByLabel(L.aboutModel, { exact: true }).inputValue(), aboutModelValue);
    };
    await check(SAVED_ABOUT_MODEL);
    const aboutModel = dialog.getByRole('textbox', { name: L.aboutModel, exact: true });
    await aboutModel.fill('Be brief.');
    await waitPanelRerender(page);
    await check('Be brief.'); // the model survives the re-render
    assert.deepEqual(await page.evaluate(() => window.replicaState.instructions.model),
      { about_user: SAVED_ABOUT_USER, about_model: 'Be brief.' });
    // A naive value set is swallowed by the value tracker, as in version 1.
    await page.evaluate((name) => {
      const el = document.querySelector(`textarea[aria-label="${name}"]`);
      el.value = 'Set naively';
      el.dispatchEvent(new Event('input', { bubbles: true }));
    }, L.aboutUser);
    assert.equal(await page.evaluate(() => window.replicaState.instructions.model.about_user), SAVED_ABOUT_USER);
    await dialog.getByRole('button', { name: L.save, exact: true }).click();
    assert.equal(await page.evaluate(() => window.replicaState.instructions.savedValues.about_model), 'Be brief.');

    // Close, then a hash change: version and language are kept.
    await dialog.getByRole('button', { name: L.close, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => location.hash), '');
    await page.evaluate(() => { location.hash = 'settings/Personalization'; });
    await dialog.waitFor();
    await assertNativeDialog(dialog, L.settings);
    assert.equal(await dialog.getByRole('textbox', { name: L.aboutModel, exact: true }).inputValue(), 'Be brief.');
    assert.equal(await dialog.locator('textarea[name]').count(), 0);
  });

  test(`v2 ${lang}: memories are a virtualized role=list in a native dialog; scrolling gives all 40`, async (t) => {
    const { page, dialog: settings } = await openPersonalization(t, `${HOME}${v2}#settings/Personalization`, L.settings);
    // Manage (a role=button div) opens with Enter.
    await settings.getByRole('button', { name: L.manage, exact: true }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: L.memoriesTitle, exact: true });
    await dialog.waitFor();
    await assertNativeDialog(dialog, L.memoriesTitle);
    assert.equal(await dialog.getByText(L.intro, { exact: true }).count(), 1);
    assert.equal(await page.locator('table, tr, .whitespace-pre-wrap, .saved-memories-scroll, .overflow-y-auto').count(), 0);
    const list = dialog.getByRole('list', { name: L.memoriesTitle, exact: true });
    assert.equal(await tagName(list), 'DIV');
    const rows = list.locator(':scope > [role="listitem"]');
    await rows.first().waitFor();
    const scroller = list.locator('xpath=..');
    assert.deepEqual(await scroller.evaluate((s) => [/^css-[a-z0-9]+$/.test(s.className),
      getComputedStyle(s).height, getComputedStyle(s).overflowY, s.scrollHeight]), [true, '360px', 'auto', 40 * 48]);
    const firstCount = await rows.count();
    assert.ok(firstCount > 0 && firstCount <= 15, `rows in the DOM: ${firstCount}`);
    assert.deepEqual(await rows.first().evaluate((r) => [r.tagName, r.offsetHeight]), ['DIV', 48]);
    assert.equal(await rows.first().evaluate((r) => r.firstElementChild.textContent), MEMORIES[0]);
    assert.equal(await rows.first().getByRole('button').count(), 1, 'a delete button per row');

    const seen = new Array(MEMORIES.length).fill(null);
    const collect = async () => {
      for (const [i, text] of await rows.evaluateAll((els) => els.map((r) => [Number(r.dataset.index), r.firstElementChild.textContent]))) {
        assert.ok(seen[i] === null || seen[i] === text, `row ${i} changed`);
        seen[i] = text;
      }
    };
    await collect();
    const maxTop = await scroller.evaluate((s) => s.scrollHeight - s.clientHeight);
    for (let top = 200; ; top = Math.min(top + 200, maxTop)) {
      await scroller.evaluate((s, y) => { s.scrollTop = y; }, top);
      const last = Math.min(39, Math.ceil((top + 358) / 48));
      await page.waitForFunction((i) => document.querySelector(`[role="listitem"][data-index="${i}"]`), last);
      await collect();
      assert.ok(await rows.count() <= 16, 'still virtualized');
      if (top === maxTop) break;
    }
    assert.deepEqual(seen, MEMORIES);
    assert.equal(await dialog.getByText(MEMORIES[0], { exact: true }).count(), 0);
    assert.ok((await page.evaluate(() => window.replicaState.memories.maxRendered)) < 20);

    // Close (a role=button div) closes only this dialog; Escape then closes settings.
    await dialog.getByRole('button', { name: L.close, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await settings.isVisible(), true);
    await page.keyboard.press('Escape');
    await settings.waitFor({ state: 'detached' });
  });

  test(`v2 ${lang}, scenario new-fields: four fields named only by aria-label`, async (t) => {
    const { page, dialog } = await openPersonalization(t,
      `${HOME}?scenario=new-fields&version=2${L.query ? `&${L.query}` : ''}#settings/Personalization`, L.settings);
    const fields = dialog.locator('input, textarea');
    assert.deepEqual(await fields.evaluateAll((els) => els.map((e) => [e.tagName, e.hasAttribute('name'),
      e.getAttribute('aria-label')])), [['INPUT', false, L.newFields[0]], ['INPUT', false, L.newFields[1]],
      ['TEXTAREA', false, L.newFields[2]], ['TEXTAREA', false, L.newFields[3]]]);
    await dialog.getByRole('textbox', { name: L.newFields[0], exact: true }).fill('Samira');
    assert.deepEqual(await page.evaluate(() => window.replicaState.instructions.model), {
      nickname: 'Samira', occupation: 'Chemistry teacher', traits: 'Direct and encouraging.',
      about_user: 'I coach the school\'s chess club.',
    });
  });
}

test('v1 fr: version 1 markup with the French strings', async (t) => {
  const L = LANGS.fr;
  const { page, dialog } = await openPersonalization(t, `${HOME}?lang=fr#settings/Personalization`, L.settings);
  assert.equal(await htmlLang(page), 'fr');
  assert.equal(await page.locator('#settings-title').textContent(), L.settings);
  assert.equal(await page.locator('#prompt-textarea').getAttribute('aria-label'), L.composer);
  assert.equal(await page.locator('[data-testid="send-button"]').getAttribute('aria-label'), L.send);
  assert.deepEqual(await dialog.getByRole('tab').allTextContents(), L.tabs);
  assert.equal(await tagName(dialog.getByRole('heading', { name: L.memory, exact: true })), 'H3');
  assert.equal(await dialog.getByRole('switch', { name: L.switchName, exact: true }).count(), 1);
  assert.equal(await dialog.getByText(L.full, { exact: true }).count(), 1);
  assert.equal(await tagName(dialog.getByRole('button', { name: L.manage, exact: true })), 'BUTTON');
  assert.equal(await dialog.getByLabel(L.aboutUser, { exact: true }).getAttribute('name'), 'about_user');
  assert.equal(await dialog.getByLabel(L.aboutModel, { exact: true }).getAttribute('name'), 'about_model');
  assert.equal(await dialog.getByRole('button', { name: L.save, exact: true }).count(), 1);
  await dialog.getByRole('button', { name: L.manage, exact: true }).click();
  const memories = page.getByRole('dialog', { name: L.memoriesTitle, exact: true });
  await memories.waitFor();
  assert.equal(await memories.getByText(L.intro, { exact: true }).count(), 1);
  assert.equal(await memories.locator('tr[data-index="0"] div.whitespace-pre-wrap').textContent(), MEMORIES[0]);
  assert.equal(await memories.getByRole('button', { name: L.close, exact: true }).count(), 1);
});

for (const query of ['?scenario=no-memories&lang=fr', '?lang=fr&version=2&scenario=no-memories']) {
  test(`scenario no-memories in French (${query}): the French empty text`, async (t) => {
    const L = LANGS.fr;
    const { page, settings, dialog } = await openMemories(t, `${HOME}${query}#settings/Personalization`, L);
    assert.equal(await settings.getByText(L.empty, { exact: true }).count(), 1);
    assert.equal(await dialog.getByText(L.noMemories, { exact: true }).count(), 1);
    assert.equal(await dialog.locator('table, [role="list"], [role="listitem"]').count(), 0);
    assert.equal(await page.evaluate(() => window.replicaState.memories.total), 0);
  });
}
