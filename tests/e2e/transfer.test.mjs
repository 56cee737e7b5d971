// Claude -> memport -> Gemini, end to end: the built extension in real Chromium, on HTTPS
// replicas of Claude's capabilities page and Gemini's import page served with a strict CSP.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, start, openClaude, pressSave, memportUi, uiElement, panelText, storedProfile, badgeText, openPopup,
  popupGroups, sendViaMenu, geminiPage, geminiState, screenshot, GEMINI_IMPORT_PAGE,
} from './steps.mjs';

const EXPECTED_GEMINI = path.join(REPO, 'tests', 'fixtures', 'gemini-import.expected.txt');

test('Claude memory reaches Gemini\'s import box, reviewed in the popup on the way', async (t) => {
  const env = await start();
  t.after(() => env.close());

  // The button sits next to "View and edit your memory", once, through the app's re-renders.
  const claude = await openClaude(env);
  assert.equal(await page_count(claude, '[data-memport="capture"]'), 1, 'exactly one button');
  assert.equal(uiElement(await memportUi(claude, 'capture'), 'button').text, 'Save memory to memport');
  const placed = await claude.evaluate(() => {
    const wrapper = document.querySelector('[data-memport="capture"]');
    return wrapper.previousElementSibling?.textContent.trim();
  });
  assert.equal(placed, 'View and edit your memory');
  await screenshot(claude, 'claude-button.png');

  // Pressing it opens Claude's memory dialog, reads it, closes it, and says what it saved.
  const status = await pressSave(claude);
  assert.equal(status, 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
  assert.equal(await claude.locator('[role="dialog"]').count(), 0, 'the dialog memport opened is closed again');
  assert.equal(await badgeText(env), '16');

  const profile = await storedProfile(env);
  assert.equal(profile.schema, 3);
  assert.equal(profile.items.length, 16);
  const byText = new Map(profile.items.map((i) => [i.text, i]));
  const lisbon = byText.get('Maya lives in Lisbon with her partner Jonas and their dog Pico. She is learning Portuguese and runs half-marathons.');
  assert.ok(lisbon, 'the paragraph is kept verbatim');
  assert.equal(lisbon.category, 'Personal information');
  assert.equal(lisbon.sources[0].assistant, 'claude');
  assert.equal(lisbon.sources[0].heading, 'Personal context');
  assert.match(lisbon.sources[0].url, /^https:\/\/claude\.ai\/settings\/capabilities/);
  assert.equal(byText.get('Prefers concise answers with the code first and no emoji.').category, 'Response instructions');
  assert.equal(byText.get('Uses metric units and 24-hour time.').category, 'Response instructions');
  assert.equal(byText.get('Asked Claude to stop suggesting pandas; she uses Polars instead.').category, 'Behavioral corrections');
  assert.equal(byText.get('Writes Python and Rust daily and uses Neovim with tmux.').category, 'Technical preferences');
  assert.ok(byText.has('Comparing <script>alert("x")</script> sanitizers for the team\'s internal wiki.'), 'markup stays text');
  assert.ok(byText.has('Moved from Berlin to Lisbon in 2024 — «a better life», she says 🌊.'), 'Unicode intact');
  assert.ok(!byText.has('This summary is regenerated each night based on your chats.'), 'page chrome is not memory');
  // "Manage edits", the person's own corrections, read as a list apart from the memory.
  const edit = byText.get("Don't bring up my previous job at Northwind Traders.");
  assert.equal(edit.category, 'Behavioral corrections');
  assert.equal(edit.sources[0].heading, "Your edits to Claude's memory");
  assert.ok(!byText.has('Changes you asked Claude to make to its memory.'));
  assert.equal(await claude.evaluate(() => window.replicaState.editsOpens), 1);

  // Saving again adds nothing.
  // The page hears what was read there; the popup what the profile made of it.
  assert.equal(await pressSave(claude), 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
  assert.equal((await storedProfile(env)).items.length, 16);

  // The popup lists every item under its category heading, as text.
  const popup = await openPopup(env);
  assert.equal(await popup.locator('#last').textContent(), 'Last on a page: Saved 16 memories from Claude (all already in your profile): 12 from its memory, 4 from your edits — since the last capture: nothing changed');
  const groups = await popupGroups(popup);
  assert.deepEqual(groups.map((g) => g.label), [
    'Response instructions', 'Personal information', 'Projects and goals',
    'Technical preferences', 'Behavioral corrections', 'Other context',
  ]);
  assert.equal(groups.reduce((n, g) => n + g.count, 0), 16);
  for (const g of groups) assert.equal(g.items.length, g.count, `${g.label} shows its count`);
  const personal = groups.find((g) => g.label === 'Personal information');
  assert.ok(personal.items.includes(lisbon.text));
  assert.equal(await popup.locator('#total').textContent(), '16');
  assert.equal(await popup.locator('script:not([src])').count(), 0, 'no memory text became markup');
  assert.match(await popup.locator('.item .meta').first().textContent(), /^Claude · .+ · [A-Z][a-z]{2} \d{1,2}, \d{4}$/);
  await screenshot(popup, 'popup.png');

  // "Send memory to" > "Gemini" opens Gemini's import page and fills its box; never submits.
  const notice = await sendViaMenu(env);
  assert.equal(notice.ok, true, notice.message);
  assert.match(notice.message, /press "Add memory" yourself/);
  const gemini = await geminiPage(env);
  const state = await geminiState(gemini);
  const expected = (await fs.readFile(EXPECTED_GEMINI, 'utf8')).trimEnd();
  assert.equal(state.value, expected);
  assert.equal(state.model, expected, 'the page\'s own model saw the text through its input listener');
  assert.ok(state.inputEvents >= 1);
  assert.equal(state.addEnabled, true, '"Add memory" is enabled by the page itself');
  assert.equal(state.submitted, false, 'memport never presses "Add memory"');
  assert.match(await panelText(gemini, 'notice'), /Review it, then press "Add memory"/);
  await screenshot(gemini, 'gemini-filled.png');

  // Sending again reuses the open tab.
  const pagesBefore = env.context.pages().filter((p) => p.url().startsWith(GEMINI_IMPORT_PAGE)).length;
  assert.equal((await sendViaMenu(env)).ok, true);
  assert.equal(env.context.pages().filter((p) => p.url().startsWith(GEMINI_IMPORT_PAGE)).length, pagesBefore);
});

async function page_count(page, selector) {
  return page.locator(selector).count();
}
