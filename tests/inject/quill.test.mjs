// The page code against Gemini's chat composer, a Quill editor inside Angular: page/agent.js
// evaluated into the replica's /app page (no content script involved), filling the
// composer with hand-made plans. Quill keeps its own document and learns about DOM changes
// through a MutationObserver, so what counts is Quill's model (replicaState.composer), not
// the DOM: the text must arrive there line for line, the send button must come alive, and
// nothing may be sent.

import test, { before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, start } from '../e2e/steps.mjs';

const ORIGIN = 'https://gemini.google.com';
const CHAT = `${ORIGIN}/app`;
const CHAT_V2_FR = `${ORIGIN}/u/1/app?version=2&lang=fr`;

// Several lines, a blank line, markup that must stay text, and characters outside ASCII
// (an emoji is two UTF-16 units).
const TEXT = [
  'Here is what I want you to remember about me:',
  'I live in Porto and work as a product designer.',
  '',
  'Answer in British English. <b>not html</b> & no entities',
  'café — naïve 😀',
  '  indented line, then the last one',
].join('\n');

const LOCATORS = [
  { by: 'css', css: 'rich-textarea .ql-editor[contenteditable="true"]' },
  { by: 'role', role: 'textbox', names: ['Enter a prompt here', 'Saisissez une requête ici'] },
];

const squash = (s) => s.replace(/\s+/g, ' ').trim();

let env;
let agentSource;

before(async () => {
  env = await start();
  agentSource = await fs.readFile(path.join(DIST, 'page', 'agent.js'), 'utf8');
});

after(async () => {
  await env?.close();
});

/** Opens the chat page and waits for the composer (it renders ~400 ms late). */
async function openChat(t, url, label) {
  const page = await env.context.newPage();
  t.after(() => page.close());
  await page.goto(url);
  await page.getByRole('textbox', { name: label }).waitFor();
  return page;
}

async function injectAgent(page) {
  await page.evaluate(agentSource); // Playwright's evaluate is not bound by the page's CSP.
}

/** Inspects, then puts, as the worker does: put fills only a box inspect found. */
async function put(page, text) {
  return page.evaluate(async (plan) => {
    const inspect = { origin: plan.origin, boxes: [plan.boxes[0].target], open: [], open_after_ms: 0, wait_ms: 2000 };
    await globalThis.memportAgent.inspect(inspect);
    return globalThis.memportAgent.put(plan);
  }, { origin: ORIGIN, boxes: [{ target: LOCATORS, text }] });
}

/** What Quill and the Angular wrapper know, and what the DOM shows. */
async function composer(page, sendLabel) {
  return page.evaluate((label) => {
    const c = window.replicaState.composer;
    const editor = document.querySelector('[role="textbox"][contenteditable="true"]');
    const send = document.querySelector(`button[aria-label="${label}"]`);
    return {
      lines: [...c.model.lines],
      text: c.getText(),
      textChanges: c.textChanges,
      pastes: c.pastes,
      sent: c.sent,
      sentText: c.sentText,
      html: editor.innerHTML,
      classes: editor.className,
      sendEnabled: !send.disabled,
    };
  }, sendLabel);
}

/** Quill's own rendering of `lines`. */
const quillHtml = (lines) => lines
  .map((l) => (l === '' ? '<p><br></p>' : `<p>${l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</p>`))
  .join('');

test('the agent fills Gemini\'s Quill composer: Quill\'s model holds the text line for line, nothing is sent', async (t) => {
  const page = await openChat(t, CHAT, 'Enter a prompt here');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Hello, Sam');
  const empty = await composer(page, 'Send message');
  assert.deepEqual(empty.lines, ['']);
  assert.equal(empty.text, '\n');
  assert.match(empty.classes, /\bql-blank\b/);
  assert.equal(empty.sendEnabled, false, 'no text, no send button');

  await injectAgent(page);
  const result = await put(page, TEXT);
  assert.equal(result.boxes.length, 1);
  assert.equal(result.boxes[0].found_by, 'css rich-textarea .ql-editor[contenteditable="true"]');
  // read_back is the editor's innerText: every <p> line comes back with extra newlines.
  assert.equal(squash(result.boxes[0].read_back), squash(TEXT));

  const filled = await composer(page, 'Send message');
  assert.deepEqual(filled.lines, TEXT.split('\n'));
  assert.equal(filled.text, `${TEXT}\n`, 'Quill\'s getText() is the text plus its trailing newline');
  assert.equal(filled.html, quillHtml(TEXT.split('\n')), 'one <p> per line');
  assert.doesNotMatch(filled.classes, /\bql-blank\b/);
  assert.ok(filled.textChanges >= 1, 'Quill emitted text-change');
  assert.equal(filled.sendEnabled, true, 'the send button came alive');
  assert.equal(filled.sent, false, 'memport never sends');
  assert.equal(filled.sentText, null);

  // Filling again replaces the text rather than adding to it.
  await put(page, 'second\n\nthird');
  const again = await composer(page, 'Send message');
  assert.deepEqual(again.lines, ['second', '', 'third']);
  assert.equal(again.sent, false);
});

test('version 2 in French: the role/name locator finds the composer, and Quill\'s model holds the text', async (t) => {
  const page = await openChat(t, CHAT_V2_FR, 'Saisissez une requête ici');
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Bonjour Sam');
  assert.equal(await page.locator('rich-textarea, .ql-editor').count(), 0, 'no version 1 hooks');
  assert.equal(await page.getByRole('textbox').getAttribute('data-placeholder'), 'Demander à Gemini');
  assert.equal((await composer(page, 'Envoyer le message')).sendEnabled, false);

  await injectAgent(page);
  const result = await put(page, TEXT);
  assert.equal(result.boxes[0].found_by, 'role textbox "Enter a prompt here"');
  assert.equal(squash(result.boxes[0].read_back), squash(TEXT));

  const filled = await composer(page, 'Envoyer le message');
  assert.deepEqual(filled.lines, TEXT.split('\n'));
  assert.equal(filled.text, `${TEXT}\n`);
  assert.equal(filled.html, quillHtml(TEXT.split('\n')));
  assert.equal(filled.sendEnabled, true);
  assert.equal(filled.sent, false);
});

test('the replica is honest: Quill reads the DOM, not input events, and sending is seen', async (t) => {
  const page = await openChat(t, CHAT, 'Enter a prompt here');
  const editor = page.getByRole('textbox', { name: 'Enter a prompt here' });

  // An input event alone changes nothing: Quill does not listen for it.
  await editor.evaluate((el) => el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: 'ghost' })));
  let state = await composer(page, 'Send message');
  assert.deepEqual(state.lines, ['']);
  assert.equal(state.textChanges, 0);

  // A script setting textContent: real Quill sees it through its MutationObserver and
  // takes it into its document (then normalizes the bare text node into a <p>). The
  // replica does the same.
  await editor.evaluate((el) => { el.textContent = 'x'; });
  await page.waitForFunction(() => window.replicaState.composer.textChanges === 1);
  state = await composer(page, 'Send message');
  assert.deepEqual(state.lines, ['x']);
  assert.equal(state.html, '<p>x</p>');
  assert.equal(state.sendEnabled, true);

  // <div> blocks are lines too, normalized to Quill's <p>s.
  await editor.evaluate((el) => { el.innerHTML = '<div>a</div><div>b</div>'; });
  await page.waitForFunction(() => window.replicaState.composer.model.lines.join('|') === 'a|b');
  assert.equal((await composer(page, 'Send message')).html, '<p>a</p><p>b</p>');

  // A <br> next to text inside a block is no line break for Quill: its Break blot only
  // stands for an empty line and removes itself when it has siblings. <p><br></p> is an
  // empty line.
  await editor.evaluate((el) => { el.innerHTML = '<p>a<br>b</p><p><br></p><p>c<br></p>'; });
  await page.waitForFunction(() => window.replicaState.composer.model.lines.join('|') === 'ab||c');
  assert.equal((await composer(page, 'Send message')).html, '<p>ab</p><p><br></p><p>c</p>');

  // Emptying the editor: one empty line, blank again, nothing to send.
  await editor.evaluate((el) => { el.innerHTML = ''; });
  await page.waitForFunction(() => window.replicaState.composer.model.lines.join('|') === '');
  state = await composer(page, 'Send message');
  assert.equal(state.html, '<p><br></p>');
  assert.match(state.classes, /\bql-blank\b/);
  assert.equal(state.sendEnabled, false);

  // The clipboard module handles a paste itself, through the model.
  await editor.click();
  await editor.evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted\nlines');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  state = await composer(page, 'Send message');
  assert.equal(state.pastes, 1);
  assert.deepEqual(state.lines, ['pasted', 'lines']);
  assert.equal(state.html, '<p>pasted</p><p>lines</p>');

  // Typing goes through the browser and the observer; Shift+Enter is a new line.
  await page.keyboard.press('End');
  await page.keyboard.type(' typed');
  await page.keyboard.press('Shift+Enter');
  await page.keyboard.type('more');
  await page.waitForFunction(() => window.replicaState.composer.model.lines.join('|') === 'pasted|lines typed|more');
  assert.equal((await composer(page, 'Send message')).sent, false);

  // Enter sends: the check that memport never sends would see it.
  await page.keyboard.press('Enter');
  state = await composer(page, 'Send message');
  assert.equal(state.sent, true);
  assert.equal(state.sentText, 'pasted\nlines typed\nmore\n');
  assert.deepEqual(state.lines, ['']);
  assert.equal(state.html, '<p><br></p>');
  assert.equal(state.sendEnabled, false);
  assert.equal(await page.locator('user-query').textContent(), 'pasted\nlines typed\nmore');
});
