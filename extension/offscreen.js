// Copies text for the service worker, which has no document to copy from. Runs in an
// offscreen document (reason CLIPBOARD) that browser.js creates when it needs one.
chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  if (!message || message.target !== 'offscreen') return false;
  // Only memport's own worker may put text on the clipboard, never a content script.
  if (sender.id !== chrome.runtime.id || !String(sender.url ?? '').startsWith(chrome.runtime.getURL(''))) return false;
  const area = document.getElementById('clip');
  area.value = message.copy;
  area.select();
  sendResponse(document.execCommand('copy'));
  area.value = '';
  return false;
});
