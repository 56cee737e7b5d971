// Each target's limits, respected rather than discovered (issue 14): a memory longer than
// one of Gemini's Saved info entries goes in as several of whole sentences; a profile larger
// than Claude's import box goes in parts, one per "Send to Claude". The limits are in the
// site files (crate/sites/gemini.toml, claude.toml). Real extension, real Chromium, replicas.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  start, seedProfile, profileJson, sendViaMenu, geminiPage, geminiState, tabAt, panelText, CLAUDE_MEMORY_PAGE,
} from './steps.mjs';

const CLAUDE_IMPORT = `${CLAUDE_MEMORY_PAGE}?open_memory_import=true`;
const CATEGORIES = ['Response instructions', 'Personal information', 'Projects and goals', 'Technical preferences', 'Behavioral corrections', 'Other context'];

async function withProfile(t, items) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson(items));
  return env;
}

/** A memory of `n` sentences (about 75 characters each) with abbreviations and decimals in them. */
function longMemory(n) {
  return Array.from({ length: n }, (_, i) =>
    `In step ${i + 1} she compared e.g. Polars 1.5 and pandas 2.2 on the billing data.`).join(' ');
}

/** The `- ` entries of a text, without the marker. */
const entriesOf = (text) => text.split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));

test('a memory longer than 1,500 characters lands in Gemini as several entries of whole sentences', async (t) => {
  const long = longMemory(24);
  assert.ok(long.length > 1500 && long.length < 2000, `${long.length}`);
  const runOn = `Keeps a reading list of ${'essays and papers and books '.repeat(60)}that never ends`;
  const env = await withProfile(t, [
    ['Lives in Porto.', 'Personal information'],
    [long, 'Projects and goals'],
    [runOn, 'Other context'],
  ]);
  const notice = await sendViaMenu(env);
  const gemini = await geminiPage(env);
  const { value, model, submitted } = await geminiState(gemini);
  assert.equal(model, value);
  assert.equal(submitted, false);
  const entries = entriesOf(value);
  assert.ok(entries.every((e) => e.length <= 1500), entries.map((e) => e.length).join(', '));
  const pieces = entries.filter((e) => e.startsWith('In step'));
  assert.ok(pieces.length >= 2, `${pieces.length} pieces`);
  for (const piece of pieces) assert.match(piece, /^In step \d+ she compared .* billing data\.$/, 'whole sentences');
  assert.equal(pieces.join(' '), long, 'nothing lost, nothing cut');
  assert.ok(entries.includes('Lives in Porto.'));
  // A memory whose one sentence is longer than an entry is listed, never cut.
  assert.ok(!value.includes('Keeps a reading list'), 'the run-on sentence is not in the box');
  assert.equal(notice.ok, false);
  assert.match(notice.message, /1 memory longer than 1,500 characters went in as 2 entries, split between sentences\./);
  assert.match(notice.message, /1 memory was left out: it has a sentence longer than the 1,500 characters one Gemini entry holds, and memport never cuts a sentence: "Keeps a reading list/);
  // The page hears only that the popup lists what was left out.
  const said = await panelText(gemini, 'notice');
  assert.doesNotMatch(said, /Keeps a reading list/);
  assert.match(said, /memport's popup lists the ones left out/);
});

/** A profile of `n` memories of about 200 bytes each, over the categories. */
function largeProfile(n) {
  return Array.from({ length: n }, (_, i) => [
    `Memory ${i} notes a long detail about work and home, kept here to make the profile large: ${'détail '.repeat(14)}`.trim(),
    CATEGORIES[i % CATEGORIES.length],
  ]);
}

/** What Claude's import dialog holds, and whether it was submitted. */
function importState(page) {
  return page.evaluate(() => {
    const box = document.querySelector('[role="dialog"] textarea:not([readonly])');
    const s = window.replicaState.importDialog;
    return { value: box?.value ?? null, model: s.model.text, submitted: s.submitted };
  });
}

/**
 * The person presses "Add to memory" and closes the dialog, as after reviewing a part.
 * (memport's notice lies over the dialog's corner; the replica's own buttons are pressed
 * directly, as they do not ask for a trusted event.)
 */
async function addAndClose(page) {
  await page.locator('[role="dialog"]').getByRole('button', { name: 'Add to memory' }).evaluate((b) => b.click());
  assert.equal((await importState(page)).submitted, true);
  await page.locator('[role="dialog"] .dialog-close').evaluate((b) => b.click());
  await page.locator('[role="dialog"]').waitFor({ state: 'detached' });
}

/** Checks a part's text: within 64,000 UTF-8 bytes, a complete import text of its own. */
function checkPart(text) {
  assert.ok(Buffer.byteLength(text, 'utf8') <= 64_000, `${Buffer.byteLength(text, 'utf8')} bytes`);
  assert.ok(CATEGORIES.some((c) => text.startsWith(`${c}:\n- `)), 'it starts with a category heading');
  return entriesOf(text);
}

test('a profile over 64 KB goes to Claude in parts: part 1 with the notice, then part 2 on the next Send', async (t) => {
  const items = largeProfile(420);
  const total = items.reduce((n, [text]) => n + Buffer.byteLength(text, 'utf8'), 0);
  assert.ok(total > 64_000, `${total} bytes`);
  const env = await withProfile(t, items);

  const first = await sendViaMenu(env, 'claude');
  assert.equal(first.ok, true, first.message);
  assert.ok(first.message.startsWith('Part 1 of 2: review, press Add to memory, then Send to Claude again for part 2.'), first.message);
  const claude = await tabAt(env, CLAUDE_IMPORT);
  const one = await importState(claude);
  assert.equal(one.model, one.value);
  assert.equal(one.submitted, false, 'memport never presses "Add to memory"');
  const part1 = checkPart(one.value);
  assert.match(await panelText(claude, 'notice'), /^Part 1 of 2: review, press Add to memory, then Send to Claude again for part 2\./);

  await addAndClose(claude);
  const second = await sendViaMenu(env, 'claude');
  assert.equal(second.ok, true, second.message);
  assert.ok(second.message.startsWith('Part 2 of 2, the last: review, press Add to memory. The next Send to Claude starts again at part 1.'), second.message);
  const part2 = checkPart((await importState(claude)).value);
  // Between whole entries: every memory in exactly one part.
  assert.deepEqual([...part1, ...part2].sort(), items.map(([text]) => text).sort());
  assert.equal(env.context.pages().filter((p) => p.url().startsWith('https://claude.ai/')).length, 1, 'the same tab');

  // After the last part, part 1 again.
  await addAndClose(claude);
  const third = await sendViaMenu(env, 'claude');
  assert.ok(third.message.startsWith('Part 1 of 2:'), third.message);
  assert.deepEqual(entriesOf((await importState(claude)).value), part1);
});

test('when the profile changed between parts, memport starts again at part 1 and says so', async (t) => {
  const items = largeProfile(420);
  const env = await withProfile(t, items);
  const first = await sendViaMenu(env, 'claude');
  assert.ok(first.message.startsWith('Part 1 of 2:'), first.message);
  const claude = await tabAt(env, CLAUDE_IMPORT);
  await addAndClose(claude);
  // The person deletes a memory of part 1 before sending part 2.
  await seedProfile(env, profileJson(items.slice(1)));
  const again = await sendViaMenu(env, 'claude');
  assert.equal(again.ok, true, again.message);
  assert.ok(again.message.startsWith('Your profile changed since the last part was sent, so memport started again at part 1. Part 1 of 2:'), again.message);
  const part = checkPart((await importState(claude)).value);
  assert.ok(!part.includes(items[0][0]));
});
