// memport in the person's language: the browser started in French, then in Japanese, and a
// whole transfer made through the words it shows (Claude's page -> the popup -> Gemini). The
// replicas stay English: the site files find the sites' own labels in their languages, while
// memport's words follow the browser.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  REPO, start, openClaude, pressMemport, captureStatus, memportUi, uiElement, storedProfile, openPopup, popupGroups, geminiPage, geminiState, screenshot, popupAction,
} from './steps.mjs';

const catalog = async (lang) => JSON.parse(await fs.readFile(path.join(REPO, 'extension', '_locales', lang, 'messages.json'), 'utf8'));

const LANGS = {
  fr: {
    saved: /^Enregistré 16 souvenirs de Claude : 12 de sa mémoire, 4 de vos modifications$/,
    personal: 'Informations personnelles',
    chosen: 'Les 16 souvenirs seront envoyés.',
  },
  ja: {
    saved: /^Claude から 16 件のメモリを保存しました（そのメモリから 12 件、あなたの編集から 4 件）$/,
    personal: '個人情報',
    chosen: '16 件すべてのメモリを送信します。',
  },
};

for (const [lang, want] of Object.entries(LANGS)) {
  test(`a whole transfer in ${lang === 'fr' ? 'French' : 'Japanese'}: memport's words follow the browser`, async (t) => {
    const words = await catalog(lang);
    const say = (id, ...args) => words[id].message.replace(/\$(\w+)\$/g, (_, name) => args[Number(words[id].placeholders[name.toLowerCase()].content.slice(1)) - 1]);
    const env = await start({ lang });
    t.after(() => env.close());
    await env.worker.evaluate(() => globalThis.memport.ready);

    // Claude's page: the button in the browser's language, and what it says once pressed.
    const claude = await openClaude(env);
    const label = say('capture_button');
    assert.equal(uiElement(await memportUi(claude, 'capture'), 'button').text, label);
    await pressMemport(claude, 'capture', label);
    let status = '';
    for (let i = 0; i < 150 && !status; i += 1) {
      status = (await captureStatus(claude)).text;
      if (!status) await new Promise((r) => setTimeout(r, 100));
    }
    assert.match(status, want.saved);
    assert.equal((await storedProfile(env)).items.length, 16);
    // The profile file keeps the categories' stable ids, whatever the language.
    assert.ok((await storedProfile(env)).items.some((i) => i.category === 'Personal information'));

    // The popup: its headings, counts and buttons in the same language.
    const popup = await openPopup(env);
    assert.equal(await popup.evaluate(() => document.documentElement.lang), lang);
    const groups = await popupGroups(popup);
    assert.ok(groups.some((g) => g.label === want.personal && g.count > 0), JSON.stringify(groups.map((g) => g.label)));
    assert.equal(await popup.locator('#chosen').textContent(), want.chosen);
    assert.equal(await popup.locator('#search').getAttribute('placeholder'), say('popup_search'));
    // The README's French popup (Languages), at the popup's size as popup.png is taken.
    if (lang === 'fr') await screenshot(popup, 'popup-fr.png');

    // Sent to Gemini from the popup's button, named in that language.
    await popupAction(popup, say('send_way_label', say('popup_send_to', 'Gemini'), say('send_way_import_box')));
    const gemini = await geminiPage(env);
    await gemini.waitForFunction(() => /Maya lives in Lisbon/.test(document.querySelector('textarea')?.value ?? ''), null, { timeout: 20_000 });
    const state = await geminiState(gemini);
    assert.match(state.value, /Uses metric units and 24-hour time\./, 'the memories themselves are not translated');
    assert.equal(state.submitted, false, 'nothing was submitted');
  });
}
