// The steps of a transfer as a person takes them, for the end-to-end tests and the demo:
// press the in-page button on Claude, look at the popup, send to Gemini, look at Gemini.
// Each step drives the real extension in real Chromium against the HTTPS replicas.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAll } from './harness.mjs';
import { screenshotFile } from '../screenshots.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
// MEMPORT_DIST: another built extension (to compare a change against), else dist/chromium.
export const DIST = process.env.MEMPORT_DIST || path.join(REPO, 'dist', 'chromium');
export const CLAUDE_MEMORY_PAGE = 'https://claude.ai/settings/capabilities';
export const GEMINI_IMPORT_PAGE = 'https://gemini.google.com/import';

/** Starts the replica server and Chromium with the built extension. */
export async function start({ headless = true, lang = null } = {}) {
  await fs.access(path.join(DIST, 'manifest.json')).catch(() => {
    throw new Error(`No built extension in ${DIST}: run ./dev build first.`);
  });
  return startAll({ extensionDir: DIST, headless, lang });
}

/**
 * A stored profile as memport writes it (schema 1), from [text, category] pairs, so tests
 * can start from a profile without capturing first.
 */
export function profileJson(items, { heading = null, captured = '2026-11-20T10:00:00Z' } = {}) {
  return JSON.stringify({
    schema: 1,
    items: items.map(([text, category], i) => ({
      id: `seed${i}`,
      text,
      category,
      sources: [{ assistant: 'claude', url: 'https://claude.ai/settings/capabilities', heading, captured_at: captured }],
    })),
  });
}

/** Two memories, and the chat message memport writes for them ("as a chat message"). */
export const TWO_MEMORIES = [['Lives in Porto.', 'Personal information'], ['Answer in British English.', 'Response instructions']];
export const TWO_MEMORIES_MESSAGE = [
  'Please remember the following about me for our future conversations. Save each line to your memory as it is written.',
  '',
  'Response instructions:',
  '- Answer in British English.',
  '',
  'Personal information:',
  '- Lives in Porto.',
];

/** Stores `json` as the profile (nothing when null), once the worker is up. */
export async function seedProfile(env, json) {
  await env.worker.evaluate(async (j) => {
    await globalThis.memport.ready;
    if (j) await chrome.storage.local.set({ 'memport.profile': j });
  }, json);
}

// ---- memport's in-page marks, as a person meets them -------------------------------------
//
// memport draws its button, status line, questions, notices and picker in closed shadow
// roots and acts only on trusted events, so neither a page's script nor Playwright's locators
// reach inside. The tests look in the way the browser's DevTools do (CDP's DOM domain, which
// pierces closed roots) and press a button the way a person does: a real mouse click at its
// place on the screen.

const sessions = new WeakMap();

async function cdpOf(page) {
  let session = sessions.get(page);
  if (!session) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

const attrsOf = (node) => {
  const out = {};
  for (let i = 0; i < (node.attributes ?? []).length; i += 2) out[node.attributes[i]] = node.attributes[i + 1];
  return out;
};
const classesOf = (node) => (attrsOf(node).class ?? '').split(/\s+/).filter(Boolean);
const kidsOf = (node) => [...(node.children ?? []), ...(node.shadowRoots ?? []), ...(node.contentDocument ? [node.contentDocument] : [])];
function textOf(node) {
  if (node.nodeType === 3) return node.nodeValue;
  if (node.nodeName === 'STYLE') return '';
  return kidsOf(node).map(textOf).join('');
}
function elementsIn(node, out = []) {
  if (node.nodeType === 1) out.push(node);
  kidsOf(node).forEach((k) => elementsIn(k, out));
  return out;
}

/**
 * memport's marks of `kind` on the page ('capture', 'ask', 'notice', 'pick'): for each host,
 * its classes, whether its root is closed, its text, and the elements inside
 * ([{backendNodeId, tag, classes, attrs, text}]).
 */
export async function memportUi(page, kind) {
  const cdp = await cdpOf(page);
  const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
  return elementsIn(root)
    .filter((n) => attrsOf(n)['data-memport'] === kind)
    .map((host) => {
      const shadow = (host.shadowRoots ?? [])[0] ?? null;
      return {
        classes: classesOf(host),
        closed: shadow?.shadowRootType === 'closed',
        text: shadow ? textOf(shadow).trim() : '',
        elements: (shadow ? elementsIn(shadow) : []).map((el) => ({
          backendNodeId: el.backendNodeId,
          tag: el.localName,
          classes: classesOf(el),
          attrs: attrsOf(el),
          text: textOf(el).trim(),
        })),
      };
    });
}

/** Waits until `found(hosts)` (hosts as memportUi gives them) is truthy, and resolves with it. */
export async function waitMemport(page, kind, found = (hosts) => hosts.length > 0 && hosts, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const hosts = await memportUi(page, kind);
    const got = found(hosts);
    if (got) return got;
    if (Date.now() > deadline) {
      // What memport showed instead, so that a failure says more than that it waited.
      const shown = hosts.map((h) => JSON.stringify(h.text)).join(', ') || 'nothing';
      throw new Error(`timeout: memport's ${kind} not as expected within ${timeout} ms (it showed: ${shown})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The first element of `kind` whose tag is `tag` and whose text matches `label`. */
export function uiElement(hosts, tag, label) {
  const match = (t) => (label === undefined ? true : label instanceof RegExp ? label.test(t) : t === label);
  return hosts.flatMap((h) => h.elements).find((e) => e.tag === tag && match(e.text)) ?? null;
}

/** Presses memport's button `label` (text or RegExp) on the page with the mouse, as a person does. */
export async function pressMemport(page, kind, label, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  const cdp = await cdpOf(page);
  for (;;) {
    const button = await waitMemport(page, kind, (hosts) => {
      const b = uiElement(hosts, 'button', label);
      return b && !('disabled' in b.attrs) && b;
    }, { timeout: Math.max(0, deadline - Date.now()) });
    // The app may re-render memport's button away between finding and measuring it (memport
    // then puts a new one in): look again.
    await cdp.send('DOM.scrollIntoViewIfNeeded', { backendNodeId: button.backendNodeId }).catch(() => {});
    const box = await cdp.send('DOM.getBoxModel', { backendNodeId: button.backendNodeId }).catch((e) => {
      if (Date.now() > deadline) throw e;
      return null;
    });
    if (!box) {
      await new Promise((r) => setTimeout(r, 100));
      continue;
    }
    const q = box.model.border;
    await page.mouse.click((q[0] + q[2] + q[4] + q[6]) / 4, (q[1] + q[3] + q[5] + q[7]) / 4);
    return;
  }
}

/** The box of an element memportUi found, {x, y, width, height} in CSS pixels. */
export async function uiBox(page, element) {
  const cdp = await cdpOf(page);
  const { model } = await cdp.send('DOM.getBoxModel', { backendNodeId: element.backendNodeId });
  const xs = [0, 2, 4, 6].map((i) => model.border[i]);
  const ys = [1, 3, 5, 7].map((i) => model.border[i]);
  return { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
}

/** Waits until memport's marks of `kind` have left the page. */
export async function waitMemportGone(page, kind, { timeout = 15_000 } = {}) {
  await waitMemport(page, kind, (hosts) => hosts.length === 0, { timeout });
}

/** The text of memport's panel `kind` ('ask', 'notice', 'pick'): its message (the <p>). */
export async function panelText(page, kind, { timeout = 15_000, hasText = /\S/ } = {}) {
  const p = await waitMemport(page, kind, (hosts) => {
    const el = uiElement(hosts, 'p', hasText);
    return el && el;
  }, { timeout });
  return p.text;
}

/** Waits for memport's capture button on the page (any label). */
export async function waitCaptureButton(page, { timeout = 10_000 } = {}) {
  return waitMemport(page, 'capture', (hosts) => uiElement(hosts, 'button'), { timeout });
}

/** The capture button's status line: {text, problem, point} (point: it offers "Point memport at it"). */
export async function captureStatus(page) {
  const hosts = await memportUi(page, 'capture');
  const line = hosts.flatMap((h) => h.elements).find((e) => e.classes.includes('status'));
  return {
    text: line?.text ?? '',
    problem: Boolean(line?.classes.includes('problem')),
    point: hosts.flatMap((h) => h.elements).filter((e) => e.tag === 'button' && e.classes.includes('point')).length,
  };
}

/** Opens Claude's memory page and waits for memport's button (after the app's re-renders). */
export async function openClaude(env, url = CLAUDE_MEMORY_PAGE) {
  const page = await env.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window.replicaState?.renders ?? 0) >= 3, null, { timeout: 10_000 });
  await waitCaptureButton(page);
  return page;
}

/** Presses "Save memory to memport" and resolves with the status line it shows. */
export async function pressSave(page, { timeout = 15_000, hasText = /\S/ } = {}) {
  await pressMemport(page, 'capture', 'Save memory to memport');
  const deadline = Date.now() + timeout;
  for (;;) {
    const { text } = await captureStatus(page);
    if (hasText.test(text)) return text.trim();
    if (Date.now() > deadline) throw new Error(`timeout: no status after pressing Save (${timeout} ms)`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The stored profile, as the worker sees it. */
export async function storedProfile(env) {
  const json = await env.worker.evaluate(async () => {
    const got = await chrome.storage.local.get('memport.profile');
    return got['memport.profile'] ?? null;
  });
  return json ? JSON.parse(json) : null;
}

export async function badgeText(env) {
  return env.worker.evaluate(() => chrome.action.getBadgeText({}));
}

/** Opens the toolbar popup (as a tab: headless Chromium has no toolbar). */
/** `wait`: how long it may take to show the profile (longer for a profile of thousands). */
export async function openPopup(env, { wait = 10_000 } = {}) {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: wait });
  return page;
}

/**
 * The popup's control called `name` (a button's accessible name), its menu opened first when
 * it is one of the choices inside "Send to …", "Export" or "Add memories", as a person does.
 * Resolves with its locator, visible.
 */
export async function popupControl(popup, name, { exact = true } = {}) {
  const control = popup.getByRole('button', { name, exact, includeHidden: true }).first();
  const panel = await control.evaluate((b) => b.closest('.menu-panel')?.id ?? null);
  if (panel && !(await control.isVisible())) await popup.locator(`[aria-controls="${panel}"]`).click();
  return popup.getByRole('button', { name, exact }).first();
}

/** Presses the popup's control `name`, opening its menu first (see popupControl). */
export async function popupAction(popup, name, options) {
  await (await popupControl(popup, name, options)).click();
}

/** What the popup shows: [{label, count, items: [text]}]. */
export async function popupGroups(popup) {
  return popup.locator('#profile details.group').evaluateAll((groups) =>
    groups.map((g) => ({
      label: g.querySelector('summary h2').firstChild.textContent.trim(),
      count: Number(g.querySelector('summary .count').textContent),
      items: [...g.querySelectorAll('.item .text')].map((p) => p.textContent),
    })),
  );
}

/**
 * Clicks "Send memory to" > Gemini (or `target`) the way the context menu does; resolves
 * with the notice.
 */
export async function sendViaMenu(env, target = 'gemini') {
  return env.worker.evaluate((id) => globalThis.memport.onMenuClick({ menuItemId: id }, undefined), `send-to-${target}`);
}

/** The open tab whose URL starts with `prefix`. */
export async function tabAt(env, prefix, { timeout = 15_000 } = {}) {
  const deadline = Date.now() + timeout;
  while (Date.now() < deadline) {
    const page = env.context.pages().find((p) => p.url().startsWith(prefix));
    if (page) return page;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no tab on ${prefix}`);
}

/** The open tab showing Gemini's import page. */
export function geminiPage(env, options) {
  return tabAt(env, GEMINI_IMPORT_PAGE, options);
}

/** What Gemini's page itself knows: its box, its model, its events, its button. */
export async function geminiState(page) {
  return page.evaluate(() => {
    const box = document.querySelector('textarea');
    const add = [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Add memory');
    const s = window.replicaState;
    return {
      value: box ? box.value : null,
      model: s.model.text,
      inputEvents: s.inputEvents,
      submitted: s.submitted,
      addEnabled: add ? !add.disabled : false,
    };
  });
}

/** Saves what `page` shows as target/screenshots/<name> (tests/screenshots.mjs); resolves with the file. */
export async function screenshot(page, name) {
  const file = await screenshotFile(name);
  await page.screenshot({ path: file });
  return file;
}
