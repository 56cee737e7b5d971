// The service worker: registers the browser's listeners (synchronously, as MV3 requires) and
// hands every event to the Rust core (crate/web/worker.rs). It holds no logic of its own.

import init, { handleMessage, onMenuClick as menuClick, installMenu, refreshBadge, loadLanguage } from './pkg/memport.js';
// The extra module, for the rarer work the core hands over: loaded the first time it is needed.
import './extra.js';

// The core module (pkg/memport.js), then the person's language's words (English is built in).
const ready = init({ module_or_path: new URL('pkg/memport_bg.wasm', import.meta.url) }).then(loadLanguage);

// The profile in storage is for memport's own pages and this worker, not for content scripts
// running inside the assistants' pages. Browsers without the setting for storage.local
// (Firefox, older Chromium) keep their default.
chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});

// The browser's word about who sent a message, for Rust to judge (crate/access.rs): one of
// memport's own pages, or a content script in some frame of some page.
const OWN = chrome.runtime.getURL('');
function senderOf(sender) {
  const url = typeof sender?.url === 'string' ? sender.url : '';
  return {
    own: sender?.id === chrome.runtime.id && url.startsWith(OWN),
    url,
    frame_id: Number.isInteger(sender?.frameId) ? sender.frameId : null,
    tab_id: Number.isInteger(sender?.tab?.id) ? sender.tab.id : null,
    tab_url: typeof sender?.tab?.url === 'string' ? sender.tab.url : null,
  };
}

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  const from = senderOf(sender);
  ready
    .then(() => handleMessage(message, from))
    .then(sendResponse, (e) => sendResponse({ kind: 'notice', ok: false, message: `memport failed to start: ${e}` }));
  return true; // The answer comes asynchronously.
});

/** What the context menu does; also what tests call, as menus cannot be clicked headless. */
async function onMenuClick(info, tab) {
  await ready;
  return menuClick({
    menuItemId: String(info.menuItemId),
    selectionText: info.selectionText,
    pageUrl: info.pageUrl,
    frameUrl: info.frameUrl,
    frameId: info.frameId,
    tabId: tab?.id,
    tabTitle: tab?.title,
  });
}

chrome.contextMenus.onClicked.addListener(onMenuClick);
chrome.runtime.onInstalled.addListener(() => ready.then(installMenu).then(refreshBadge));
chrome.runtime.onStartup.addListener(() => ready.then(refreshBadge));

// For tests and the demo: the menu's handler, and the message handler content scripts reach.
// The worker's own calls count as memport's own; a test may name another sender (`from`, in
// the shape senderOf returns) to see what a page would be told.
globalThis.memport = {
  onMenuClick,
  ready,
  handleMessage: (message, from = { own: true }) => ready.then(() => handleMessage(message, from)),
};
