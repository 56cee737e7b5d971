// Staying up when a site changes: the same transfers on a second DOM version of every page
// (other classes and wrappers, role=button divs, native <dialog>, boxes named only by their
// aria-label) and in French. memport's CSS guesses fail there; roles, labels and heuristics
// from the site files must carry it.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, openClaude, pressSave, waitCaptureButton, storedProfile, sendViaMenu, seedProfile, profileJson, CLAUDE_MEMORY_PAGE } from './steps.mjs';

for (const lang of ['en', 'fr']) {
  const query = `version=2&lang=${lang}`;

  test(`Claude, DOM version 2 (${lang}): the memory is read from the native dialog, headings mapped`, async (t) => {
    const env = await start();
    t.after(() => env.close());
    const claude = await openClaude(env, `${CLAUDE_MEMORY_PAGE}?${query}`);
    assert.equal(await pressSave(claude), 'Saved 16 memories from Claude: 12 from its memory, 4 from your edits');
    assert.equal(await claude.locator('dialog[open]').count(), 0, 'closed again');
    const profile = await storedProfile(env);
    const byText = new Map(profile.items.map((i) => [i.text, i]));
    const lisbon = [...byText.values()].find((i) => i.text.startsWith('Maya lives in Lisbon'));
    assert.equal(lisbon.category, 'Personal information');
    assert.equal(lisbon.sources[0].heading, lang === 'fr' ? 'Contexte personnel' : 'Personal context');
    const history = [...byText.values()].find((i) => i.text.startsWith('Studied physics'));
    assert.equal(history.sources[0].heading, lang === 'fr' ? 'Parcours à long terme' : 'Long-term background');
    assert.equal(profile.items.length, 16, 'no dialog title, caption or button text saved as memory');
  });

  test(`Gemini saved info, DOM version 2 (${lang}): every entry from the role=list`, async (t) => {
    const env = await start();
    t.after(() => env.close());
    const page = await env.context.newPage();
    await page.goto(`https://gemini.google.com/saved-info?${query}`);
    await waitCaptureButton(page);
    assert.equal(await pressSave(page), 'Saved 7 memories from Gemini');
  });

  test(`sending to Gemini and to Claude, DOM version 2 (${lang}): boxes found by their labels`, async (t) => {
    const env = await start();
    t.after(() => env.close());
    await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information'], ['Answer in British English.', 'Response instructions']]));
    const gemini = await env.context.newPage();
    await gemini.goto(`https://gemini.google.com/import?${query}`);
    const toGemini = await sendViaMenu(env, 'gemini');
    assert.equal(toGemini.ok, true, toGemini.message);
    const geminiBox = await gemini.evaluate(() => ({ value: document.querySelector('textarea:not([readonly])').value, model: window.replicaState.model.text }));
    assert.match(geminiBox.value, /^Demographics Information:\n- Lives in Porto\./);
    assert.equal(geminiBox.model, geminiBox.value);

    const claude = await env.context.newPage();
    await claude.goto(`${CLAUDE_MEMORY_PAGE}?${query}`);
    const toClaude = await sendViaMenu(env, 'claude');
    assert.equal(toClaude.ok, true, toClaude.message);
    const claudeBox = await claude.evaluate(() => ({
      value: document.querySelector('dialog[open] textarea:not([readonly])').value,
      model: window.replicaState.importDialog.model.text,
    }));
    assert.equal(claudeBox.value, 'Response instructions:\n- Answer in British English.\n\nPersonal information:\n- Lives in Porto.');
    assert.equal(claudeBox.model, claudeBox.value);
  });
}
