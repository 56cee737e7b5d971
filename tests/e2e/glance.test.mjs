// The popup a person understands at a glance (issue 16): at its size, the profile comes first
// with one obvious next step; a first run shows the three steps and saves the memory page in
// front; light and dark alike. Real Chromium, the built extension.

import test from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  REPO, start, openPopup, openClaude, seedProfile, storedProfile, popupGroups, screenshot,
} from './steps.mjs';

/** What git says of the working tree: tests must leave it as they found it. */
const gitStatus = () => execFileSync('git', ['status', '--porcelain'], { cwd: REPO, encoding: 'utf8' });

// Sixteen memories from two assistants, in five categories: a profile as a person has it.
const SIXTEEN = JSON.stringify({
  schema: 1,
  items: [
    ['Answer in British English.', 'Response instructions', 'claude'],
    ['Keep answers short; use bullet points for steps.', 'Response instructions', 'claude'],
    ['Uses metric units and 24-hour time.', 'Response instructions', 'gemini'],
    ['Lives in Lisbon with her partner and a cat called Miso.', 'Personal information', 'claude'],
    ['Was born in Ghent; speaks Dutch, French and English.', 'Personal information', 'gemini'],
    ['Is a product designer at a small studio.', 'Projects and goals', 'claude'],
    ['Leads the redesign of a public transport app.', 'Projects and goals', 'claude'],
    ['Is learning Portuguese for the citizenship test.', 'Projects and goals', 'gemini'],
    ['Writes Rust daily and uses Neovim.', 'Technical preferences', 'claude'],
    ['Prefers Figma and Linear; uses a MacBook Air.', 'Technical preferences', 'gemini'],
    ['Prefers Polars over pandas.', 'Technical preferences', 'claude'],
    ['Stop suggesting pandas.', 'Behavioral corrections', 'claude'],
    ['Do not bring up her previous job.', 'Behavioral corrections', 'gemini'],
    ['Runs along the Tagus on weekends.', 'Other context', 'claude'],
    ['Is vegetarian.', 'Other context', 'gemini'],
    ['Reads Portuguese novels slowly, with a dictionary.', 'Other context', 'claude'],
  ].map(([text, category, assistant], i) => ({
    id: `glance${i}`,
    text,
    category,
    sources: [{
      assistant,
      url: assistant === 'claude' ? 'https://claude.ai/settings/capabilities' : 'https://gemini.google.com/saved-info',
      heading: null,
      captured_at: assistant === 'claude' ? '2026-11-20T10:00:00Z' : '2026-11-24T10:00:00Z',
    }],
  })),
});

/**
 * What a person sees at once, without scrolling: how many items are whole in the viewport, and
 * the visible controls drawn in the primary style (the Send control's filled brand colour).
 */
function atAGlance(popup) {
  return popup.evaluate(() => {
    const shown = (el) => el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) && el.getBoundingClientRect().width > 0;
    const toast = document.getElementById('toast');
    const bottom = toast.hidden ? innerHeight : toast.getBoundingClientRect().top;
    const items = [...document.querySelectorAll('.item')].filter((item) => {
      const r = item.getBoundingClientRect();
      return shown(item) && r.top >= 0 && r.bottom <= bottom;
    });
    const primary = getComputedStyle(document.getElementById('send-open')).backgroundColor;
    const controls = [...document.querySelectorAll('button, a[href], input, select, summary, label')].filter(shown);
    const styled = controls.filter((c) => c.classList.contains('primary') || getComputedStyle(c).backgroundColor === primary);
    return {
      scrolled: scrollY,
      items: items.length,
      primary: styled.map((c) => c.id || c.textContent.trim()),
      summary: document.getElementById('summary').textContent,
    };
  });
}

test('at 420 x 900 with 16 memories: eight or more in view, one primary control (Send), light and dark', async (t) => {
  const before = gitStatus();
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, SIXTEEN);
  const popup = await openPopup(env);
  assert.deepEqual(popup.viewportSize(), { width: 420, height: 900 });
  await popup.locator('.item').nth(15).waitFor({ state: 'attached' });
  assert.equal((await popupGroups(popup)).reduce((n, g) => n + g.count, 0), 16);
  for (const colorScheme of ['light', 'dark']) {
    await popup.emulateMedia({ colorScheme });
    const seen = await atAGlance(popup);
    assert.equal(seen.scrolled, 0);
    assert.ok(seen.items >= 8, `${colorScheme}: ${seen.items} memories in view without scrolling, 8 at least`);
    assert.deepEqual(seen.primary, ['send-open'], `${colorScheme}: exactly one control in the primary style, the Send control`);
    assert.equal(seen.summary, '16 memories · Claude, last Nov 20, 2026 · Gemini, last Nov 24, 2026');
    // The README's screenshots of the popup, at its size.
    await screenshot(popup, `popup-${colorScheme}.png`);
  }
  await popup.emulateMedia({ colorScheme: null });
  // Send's menu open: the three assistants, each with its ways in.
  await popup.getByRole('button', { name: 'Send to …' }).click();
  const groups = await popup.locator('#send-menu .send-group').evaluateAll((gs) => gs.map((g) => [g.querySelector('.send-group-name').textContent, ...[...g.querySelectorAll('button')].map((b) => b.textContent)]));
  assert.deepEqual(groups, [
    ['Gemini', 'Import box', 'Chat message'],
    ['Claude', 'Import box'],
    ['ChatGPT', 'Custom instructions', 'Chat message'],
  ]);
  await screenshot(popup, 'popup-send.png');
  // Screenshots go to target/screenshots/ only: the tracked tree is as it was.
  assert.equal(gitStatus(), before, 'the test changed files git tracks');
});

test('first run: the three steps, and on a memory page in front, "Save the memory on this page" saves it', async (t) => {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);
  // Nothing in front that memport can read: the steps alone.
  const first = await openPopup(env);
  await first.locator('.empty h2', { hasText: 'Your memory profile is empty' }).waitFor();
  assert.equal(await first.locator('.empty ol > li').count(), 3);
  assert.equal(await first.getByRole('button', { name: 'Save the memory on this page' }).count(), 0);
  assert.equal(await first.getByRole('button', { name: 'Send to …' }).isHidden(), true, 'nothing to send yet');
  assert.equal(await first.getByRole('button', { name: 'Add memories' }).isVisible(), true);
  await first.close();

  // Claude's memory page in front: the popup offers to save it, and does.
  await openClaude(env);
  const popup = await openPopup(env);
  const save = popup.getByRole('button', { name: 'Save the memory on this page' });
  await save.waitFor();
  assert.deepEqual(await atAGlance(popup).then((s) => s.primary), ['save-page'], 'the one obvious next step');
  await screenshot(popup, 'popup-first-run.png');
  await save.click();
  await popup.locator('#status.ok', { hasText: /^Saved 16 memories from Claude/ }).waitFor({ timeout: 30_000 });
  await popup.locator('.item').first().waitFor();
  assert.equal((await storedProfile(env)).items.length, 16);
  assert.equal((await popupGroups(popup)).reduce((n, g) => n + g.count, 0), 16);
});
