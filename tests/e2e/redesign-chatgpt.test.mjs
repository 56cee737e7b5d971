// ChatGPT after a redesign, and in French: fields named only by aria-label, a native
// <dialog>, a role=list of saved memories with no table, a composer without its id.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { REPO, start, waitCaptureButton, pressSave, storedProfile, sendViaMenu, seedProfile, profileJson, pressMemport } from './steps.mjs';

const MEMORIES = JSON.parse(await fs.readFile(path.join(REPO, 'tests', 'replicas', 'chatgpt', 'memories.json'), 'utf8'));

for (const lang of ['en', 'fr']) {
  const query = `version=2&lang=${lang}`;

  test(`ChatGPT DOM version 2 (${lang}): every saved memory and both instructions captured`, async (t) => {
    const env = await start();
    t.after(() => env.close());
    const page = await env.context.newPage();
    await page.goto(`https://chatgpt.com/?${query}#settings/Personalization`);
    await waitCaptureButton(page);
    assert.equal(await pressSave(page), `Saved ${MEMORIES.length + 2} memories from ChatGPT: 2 from your custom instructions, ${MEMORIES.length} from your saved memories`);
    const texts = (await storedProfile(env)).items.map((i) => i.text);
    for (const memory of MEMORIES) assert.ok(texts.includes(memory), `missing: ${memory}`);
    assert.ok(texts.includes('Keep answers short and use British spelling.'));
  });

  test(`into ChatGPT DOM version 2 (${lang}): instructions and the composer found by their labels`, async (t) => {
    const env = await start();
    t.after(() => env.close());
    await seedProfile(env, profileJson([['Lives in Porto.', 'Personal information'], ['Answer in British English.', 'Response instructions']]));
    const page = await env.context.newPage();
    await page.goto(`https://chatgpt.com/?${query}#settings/Personalization`);
    const sending = sendViaMenu(env, 'chatgpt');
    // memport's own question is in English whatever the page's language.
    await pressMemport(page, 'ask', 'Replace it');
    const notice = await sending;
    assert.equal(notice.ok, true, notice.message);
    const model = await page.evaluate(() => ({ ...window.replicaState.instructions.model }));
    assert.equal(model.about_model, 'Answer in British English.');
    assert.equal(model.about_user, 'Lives in Porto.');

    // A second ChatGPT tab, the one the person is looking at: the message goes there.
    const chat = await env.context.newPage();
    await chat.goto(`https://chatgpt.com/?${query}`);
    await chat.bringToFront();
    const asMessage = await sendViaMenu(env, 'chatgpt-chat');
    assert.equal(asMessage.ok, true, asMessage.message);
    const paragraphs = await chat.evaluate(() => window.replicaState.composer.model.paragraphs.join('\n'));
    assert.ok(paragraphs.startsWith('Please remember the following about me'), paragraphs.slice(0, 80));
  });
}
