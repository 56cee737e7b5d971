// The service worker: registers the browser's listeners (synchronously, as MV3 requires) and
// hands every event to the Rust core (crate/web/worker.rs). It holds no logic of its own.

import init, { handleMessage, onMenuClick as menuClick, installMenu, refreshBadge } from './pkg/memport.js';

const ready = init({ module_or_path: chrome.runtime.getURL('pkg/memport_bg.wasm') });

chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  ready
    .then(() => handleMessage(message))
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
globalThis.memport = { onMenuClick, ready, handleMessage: (message) => ready.then(() => handleMessage(message)) };
