// Copies text for the service worker, which has no document to copy from. Runs in an
// offscreen document (reason CLIPBOARD) that browser.js creates when it needs one.
chrome.runtime.onMessage.addListener((message, _sender, sendResponse) => {
  if (!message || message.target !== 'offscreen') return false;
  const area = document.getElementById('clip');
  area.value = message.copy;
  area.select();
  sendResponse(document.execCommand('copy'));
  area.value = '';
  return false;
});
