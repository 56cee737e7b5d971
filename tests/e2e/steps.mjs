// The steps of a transfer as a person takes them, for the end-to-end tests and the demo:
// press the in-page button on Claude, look at the popup, send to Gemini, look at Gemini.
// Each step drives the real extension in real Chromium against the HTTPS replicas.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAll } from './harness.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(REPO, 'dist', 'chromium');
export const SCREENSHOTS = path.join(REPO, 'docs', 'screenshots');
export const CLAUDE_MEMORY_PAGE = 'https://claude.ai/settings/capabilities';
export const GEMINI_IMPORT_PAGE = 'https://gemini.google.com/import';

/** Starts the replica server and Chromium with the built extension. */
export async function start({ headless = true } = {}) {
  await fs.access(path.join(DIST, 'manifest.json')).catch(() => {
    throw new Error(`No built extension in ${DIST}: run ./dev build first.`);
  });
  return startAll({ extensionDir: DIST, headless });
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

/** The in-page "Save memory to memport" button on a Claude page. */
export function captureButton(page) {
  return page.locator('[data-memport="capture"] button');
}

/** Opens Claude's memory page and waits for memport's button (after the app's re-renders). */
export async function openClaude(env, url = CLAUDE_MEMORY_PAGE) {
  const page = await env.context.newPage();
  await page.goto(url);
  await page.waitForFunction(() => (window.replicaState?.renders ?? 0) >= 3, null, { timeout: 10_000 });
  await captureButton(page).waitFor({ timeout: 10_000 });
  return page;
}

/** Presses the button and resolves with the status line it shows. */
export async function pressSave(page) {
  await captureButton(page).click();
  const status = page.locator('[data-memport="capture"] .memport-status');
  await status.filter({ hasText: /\S/ }).waitFor({ timeout: 15_000 });
  return (await status.textContent()).trim();
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
export async function openPopup(env) {
  const page = await env.context.newPage();
  await page.setViewportSize({ width: 420, height: 900 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: 10_000 });
  return page;
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

export async function screenshot(page, name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  const file = path.join(SCREENSHOTS, name);
  await page.screenshot({ path: file });
  return file;
}
