// The browser, as Rust sees it: every chrome.* call memport makes, as small async functions.
// Rust (crate/web/browser.rs) imports this module through wasm-bindgen and decides when to
// call what; nothing here decides anything. Used by the service worker and the popup.

/** The stored value under `key`, or null. */
export async function storageGet(key) {
  const got = await chrome.storage.local.get(key);
  return got[key] ?? null;
}

/** Stores `value` under `key` (one key is written whole or not at all). */
export async function storageSet(key, value) {
  await chrome.storage.local.set({ [key]: value });
}

/** Stores two keys in one write (the profile and the step that undoes its last change). */
export async function storageSetPair(key, value, otherKey, otherValue) {
  await chrome.storage.local.set({ [key]: value, [otherKey]: otherValue });
}

/** The toolbar badge: the profile's size, or nothing. */
export async function setBadge(text) {
  await chrome.action.setBadgeBackgroundColor({ color: '#4b3fc4' });
  await chrome.action.setBadgeText({ text });
}

/**
 * An open tab whose URL matches one of `patterns`, as {id, url, windowId}, or null: the one
 * the person is looking at when it matches, else the first.
 */
export async function findTab(patterns) {
  const tabs = (await chrome.tabs.query({ url: patterns })).filter((t) => t.id !== undefined);
  const [active] = await chrome.tabs.query({ active: true, lastFocusedWindow: true });
  const tab = tabs.find((t) => t.id === active?.id) ?? tabs[0];
  return tab ? { id: tab.id, url: tab.url ?? '', windowId: tab.windowId } : null;
}

/**
 * The tab `tabId` as {id, url, windowId}, or (tabId null) the active tab of the last focused
 * window; null when there is none. `url` is '' where memport has no access to the page.
 */
export async function getTab(tabId) {
  const tab = tabId == null
    ? (await chrome.tabs.query({ active: true, lastFocusedWindow: true }))[0]
    : await chrome.tabs.get(tabId).catch(() => null);
  return tab && tab.id !== undefined ? { id: tab.id, url: tab.url ?? '', windowId: tab.windowId } : null;
}

/**
 * Every open tab as {id, url, windowId, active, focused, own, lastAccessed}: `focused` when its
 * window is the last focused one, `own` when it is one of memport's pages. Rust chooses.
 */
export async function listTabs() {
  const [tabs, focused] = await Promise.all([
    chrome.tabs.query({}),
    chrome.windows.getLastFocused().catch(() => null),
  ]);
  const own = chrome.runtime.getURL('');
  return tabs.filter((t) => t.id !== undefined).map((t) => ({
    id: t.id,
    url: t.url ?? '',
    windowId: t.windowId,
    active: t.active,
    focused: t.windowId === focused?.id,
    own: (t.url || t.pendingUrl || '').startsWith(own),
    lastAccessed: t.lastAccessed ?? 0,
  }));
}

/** Brings an open tab to the front. */
export async function showTab(tabId, windowId) {
  await chrome.tabs.update(tabId, { active: true });
  await chrome.windows.update(windowId, { focused: true }).catch(() => {});
}

/** Sends a tab to `url` (a change of fragment alone stays on the same document). */
export async function navigateTab(tabId, url) {
  await chrome.tabs.update(tabId, { url });
}

/** Opens `url` in a new tab; resolves with {id, url, windowId}. */
export async function openTab(url) {
  const tab = await chrome.tabs.create({ url, active: true });
  return { id: tab.id, url: tab.pendingUrl ?? tab.url ?? url, windowId: tab.windowId };
}

/** Resolves with the tab's {id, url, windowId} once it has loaded, or null after `timeoutMs`. */
export function waitForTab(tabId, timeoutMs) {
  return new Promise((resolve) => {
    let done = false;
    // Firefox reports a tab it has just created as 'complete' while it still holds its first
    // about:blank (its url then unknown to memport, or 'about:blank'): that is not the page
    // asked for. A 'complete' counts once the tab has shown an address of its own.
    let addressed = false;
    const seen = (tab) => {
      if (tab?.url && tab.url !== 'about:blank') addressed = true;
      return addressed;
    };
    const finish = (tab) => {
      if (done) return;
      done = true;
      chrome.tabs.onUpdated.removeListener(onUpdated);
      clearTimeout(timer);
      resolve(tab ? { id: tab.id, url: tab.url ?? '', windowId: tab.windowId } : null);
    };
    const onUpdated = (id, change, tab) => {
      if (id === tabId && seen(tab) && tab.status === 'complete') finish(tab);
    };
    const timer = setTimeout(() => finish(null), timeoutMs);
    chrome.tabs.onUpdated.addListener(onUpdated);
    chrome.tabs.get(tabId).then((tab) => seen(tab) && tab.status === 'complete' && finish(tab), () => finish(null));
  });
}

/**
 * Puts the page code (page/agent.js, with the styles of its closed shadow roots) into the top
 * frame of the tab, in the isolated world the page watcher (page/watch.js) runs in, unless it
 * is there already: nothing heavy goes into a page until a capture, fill, check, picker or
 * answer capture starts there. The agent also guards against running twice.
 */
export async function loadAgent(tabId) {
  const target = { tabId, frameIds: [0] };
  const [present] = await chrome.scripting.executeScript({ target, func: () => Boolean(globalThis.memportAgent) });
  if (!present?.result) await chrome.scripting.executeScript({ target, files: ['page/agent.js'] });
}

/** Runs `memportAgent[method](arg)` in the top frame of the tab (loading it first) and resolves with what it returned. */
export async function runInPage(tabId, method, arg) {
  await loadAgent(tabId);
  const [result] = await chrome.scripting.executeScript({
    target: { tabId, frameIds: [0] },
    func: (m, a) => globalThis.memportAgent[m](a),
    args: [method, arg],
  });
  return result?.result ?? null;
}

/**
 * Hands a job (its JSON, built in Rust) to the extra module; resolves with its answer's JSON.
 * The page that loaded the core also imported extension/extra.js, which instantiates the
 * module the first time it is asked.
 */
export async function extra(job) {
  if (typeof globalThis.memportExtra !== 'function') {
    throw new Error('extra.js is not loaded here');
  }
  return globalThis.memportExtra(job);
}

/** Sends a typed request (built in Rust) to the service worker; resolves with its reply. */
export function sendToWorker(request) {
  return chrome.runtime.sendMessage(request);
}

/**
 * The selection in frame `frameId` of tab `tabId`, as {text, url, title}, read by the page
 * (keeps line breaks, which the menu's own selectionText may not). Needs access to the page:
 * the click on memport's menu item grants it (activeTab); throws where none is given.
 */
export async function readSelection(tabId, frameId) {
  const [result] = await chrome.scripting.executeScript({
    target: { tabId, frameIds: [frameId] },
    func: () => ({ text: String(getSelection() ?? ''), url: location.href, title: document.title }),
  });
  if (!result || !result.result) throw new Error('the page gave no selection');
  return result.result;
}

/**
 * The language memport speaks to the person: the catalog the browser chose among _locales
 * (each names itself in `locale_code`; getUILanguage can report the browser's own UI
 * language when it has no translation of its own for it), or the worker's language where
 * chrome.i18n is not there (the export worker).
 */
export function uiLanguage() {
  const i18n = globalThis.chrome?.i18n;
  return i18n?.getMessage?.('locale_code') || i18n?.getUILanguage?.() || globalThis.navigator?.language || 'en';
}

/** Whether chrome.i18n says the extension's messages here (not in a worker, nor in Node). */
export function hasMessages() {
  return typeof globalThis.chrome?.i18n?.getMessage === 'function';
}

const POSITIONS = ['$1', '$2', '$3', '$4', '$5', '$6', '$7', '$8', '$9'];

/**
 * Message `id` of the extension's _locales as the browser says it, its placeholders left as
 * $1..$9 for Rust to fill (crate/i18n.rs keeps what it was told).
 */
export function message(id) {
  return chrome.i18n.getMessage(id, POSITIONS);
}

/**
 * The text of the extension's own _locales/<code>/messages.json. Read relative to the page or
 * worker running (the service worker, the popup and the export worker all live at the
 * extension's root), as the export worker has no chrome.runtime.getURL.
 */
export async function readCatalog(code) {
  const response = await fetch(new URL(`_locales/${code}/messages.json`, globalThis.location.href));
  if (!response.ok) throw new Error(`_locales/${code}/messages.json: ${response.status}`);
  return response.text();
}

/** Calls `callback` whenever one of `keys` changes in chrome.storage.local. */
export function onStored(keys, callback) {
  chrome.storage.onChanged.addListener((changes, area) => {
    if (area === 'local' && keys.some((key) => key in changes)) callback();
  });
}

/** Opens memport's options page. */
export function openOptionsPage() {
  chrome.runtime.openOptionsPage();
}

/** Whether the calling page is the toolbar popup (else the options page in a tab). */
export function inPopup() {
  return chrome.extension.getViews({ type: 'popup' }).includes(globalThis.window);
}

/** Creates the context-menu items Rust lists (replacing any from an earlier version). */
export async function createMenu(entries) {
  await chrome.contextMenus.removeAll();
  for (const { id, title, contexts, parent_id: parentId } of entries) {
    chrome.contextMenus.create(parentId ? { id, title, contexts, parentId } : { id, title, contexts });
  }
}
