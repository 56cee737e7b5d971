// Unicode in Chromium: memport's WebAssembly normalizes text with the browser's own
// String.prototype.normalize (crate/unicode.rs), the form item ids and merges are decided in.
// The browser must agree with memport's native build on every code point it knows, and the
// same memory written with other code points (a ligature, full-width letters, a decomposed
// accent) must be one item.

import test from 'node:test';
import assert from 'node:assert/strict';
import { start, storedProfile } from './steps.mjs';
import { writtenForms, browserForms, differingBlocks } from './unicode-forms.mjs';

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await env.worker.evaluate(() => globalThis.memport.ready);
  return env;
}

test('the service worker\'s normal forms are the native build\'s, code point by code point', async (t) => {
  const env = await setup(t);
  const written = writtenForms();
  const got = await env.worker.evaluate(`(${browserForms})(${JSON.stringify(written.ahead)})`);
  assert.equal(got.blocks.length, 0x110);
  assert.deepEqual(differingBlocks(got, written), [], 'blocks of 4,096 code points whose forms differ');
  // A Chromium that has learnt characters the fixture lists as not known to browsers yet was
  // checked on them by the digests above: said, so the list can shrink.
  if (got.known.length) t.diagnostic(`this Chromium knows ${got.known.length} of the fixture's "ahead" characters, and agrees on them`);
});

test('one memory written with other code points is one item', async (t) => {
  const env = await setup(t);
  const add = (text) => env.worker.evaluate((t) => globalThis.memport.handleMessage({ kind: 'import_text', text: t }), text);
  for (const text of [
    '- Lives in München.\n- Uses the fish shell.\n- Writes Python daily.',
    '- Lives in Mu\u0308nchen.\n- Uses the \ufb01sh shell.\n- Writes \uff30\uff59\uff54\uff48\uff4f\uff4e daily.',
  ]) {
    assert.equal((await add(text)).ok, true);
  }
  const items = (await storedProfile(env)).items;
  // Three items, whichever of the two spellings each kept.
  assert.deepEqual(items.map((i) => i.text.normalize('NFKC')).sort(), ['Lives in München.', 'Uses the fish shell.', 'Writes Python daily.']);
});
