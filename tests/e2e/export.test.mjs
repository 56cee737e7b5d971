// "Import a data export" on the options page: the person's export files are read by the Rust
// core in a dedicated Web Worker (extension/export-worker.js, crate/web/export.rs), with a
// progress bar and Cancel, then previewed one checkbox per memory and added. Real extension,
// real Chromium; the exports are real files, written here once into a temp dir:
//
// - a ChatGPT export ZIP (deflated, as ChatGPT makes it) whose conversations.json is larger
//   than V8's longest string (536,870,888 characters), so it can only be read by slices,
//   with memory writes, custom instructions and a user.json planted among 160,000 filler
//   conversations;
// - that conversations.json on its own, the same size;
// - a Google Takeout "My Activity.json", built in the page and dropped on the drop zone.

import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { start, openPopup, popupGroups, storedProfile, seedProfile, profileJson, screenshot } from './steps.mjs';

// ---------------------------------------------------------------------------------------------
// The fixture: a ChatGPT export, generated deterministically and kept between runs.

const V8_MAX_STRING = 536_870_888;
const FILLER_CONVERSATIONS = 160_000;
const FIXTURE_DIR = path.join(os.tmpdir(), 'memport-export-fixture-v2');
const JSON_FILE = path.join(FIXTURE_DIR, 'conversations.json');
const USER_FILE = path.join(FIXTURE_DIR, 'user.json');
const ZIP_FILE = path.join(FIXTURE_DIR, 'chatgpt-export.zip');

/** Seconds since the epoch for a UTC day (ChatGPT's `create_time`). */
const day = (iso) => Date.parse(`${iso}T12:00:00Z`) / 1000;

/** A conversation's `mapping` from its messages, in order, one branch. */
function conversation(id, title, date, messages) {
  const mapping = { root: { id: 'root', parent: null, children: [], message: null } };
  let parent = 'root';
  messages.forEach((m, i) => {
    const node = `${id}-${i}`;
    mapping[parent].children.push(node);
    mapping[node] = {
      id: node,
      parent,
      children: [],
      message: {
        id: node,
        author: { role: m.role, name: m.name ?? null, metadata: {} },
        create_time: day(date) + i,
        update_time: null,
        content: m.content ?? { content_type: 'text', parts: [m.text] },
        status: 'finished_successfully',
        end_turn: m.role === 'assistant' ? true : null,
        weight: 1.0,
        metadata: m.metadata ?? {},
        recipient: m.recipient ?? 'all',
        channel: null,
      },
    };
    parent = node;
  });
  return {
    title,
    create_time: day(date),
    update_time: day(date) + messages.length,
    mapping,
    moderation_results: [],
    current_node: parent,
    plugin_ids: null,
    conversation_id: id,
    conversation_template_id: null,
    gizmo_id: null,
    gizmo_type: null,
    is_archived: false,
    safe_urls: [],
    default_model_slug: 'gpt-4o',
    id,
  };
}

/** The assistant saving a memory, and the bio tool's answer, as ChatGPT writes them. */
function memoryWrite(fact) {
  return [
    { role: 'assistant', recipient: 'bio', text: fact },
    { role: 'tool', name: 'bio', text: 'Model set context updated.', metadata: { memory_percentage_used: '12%' } },
  ];
}

// What the export holds that counts as memory, planted first, in the middle and last.
const PLANTED = [
  conversation('planted-1', 'Moving to Porto', '2024-05-01', [
    { role: 'user', text: 'We just moved to Porto, Rui and I.' },
    ...memoryWrite('Lives in Porto with her partner Rui.'),
    { role: 'assistant', text: 'Congratulations on the move!' },
  ]),
  conversation('planted-2', 'Spelling', '2024-08-20', [
    {
      role: 'system',
      text: '',
      metadata: {
        is_user_system_message: true,
        user_context_message_data: { about_user_message: 'I design payment apps.', about_model_message: 'Keep answers short.' },
      },
    },
    { role: 'user', text: 'Please use British spelling from now on.' },
    ...memoryWrite('Prefers answers in British English.'),
    { role: 'assistant', text: 'Noted, I will.' },
  ]),
  conversation('planted-3', 'New job', '2025-01-10', [
    { role: 'user', text: 'I started at a fintech startup as a product designer. Still in Porto with Rui.' },
    ...memoryWrite('Works as a product designer at a fintech startup.'),
    ...memoryWrite('Lives in Porto with her partner Rui.'),
    { role: 'assistant', text: 'Good luck with the new job!' },
  ]),
];

/** The memories the core should recover from it (mod.rs's contract), in no particular order. */
const RECOVERED = [
  'Account name: Ana Ribeiro',
  'I design payment apps.',
  'Keep answers short.',
  'Lives in Porto with her partner Rui.',
  'Prefers answers in British English.',
  'Works as a product designer at a fintech startup.',
];

/** A seeded generator of filler words: varied enough that deflate cannot make it tiny. */
function filler(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const syllables = ['ka', 'lo', 'mi', 'ne', 'ra', 'to', 'su', 'vi', 'de', 'pa', 'zo', 'qu', 'an', 'el', 'or', 'is'];
  const words = Array.from({ length: 4096 }, () =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, () => syllables[Math.floor(next() * 16)]).join(''));
  return (n) => Array.from({ length: n }, () => words[Math.floor(next() * words.length)]).join(' ');
}

const CRC_TABLE = Int32Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});
function crc32(crc, bytes) {
  let c = ~crc;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

/** Writes `JSON_FILE`: the planted conversations among the filler, as one JSON array. */
async function writeConversations(file) {
  const words = filler(20260501);
  const out = fs.openSync(file, 'w');
  let pending = [];
  let size = 0;
  const flush = () => {
    const chunk = Buffer.from(pending.join(''));
    fs.writeSync(out, chunk);
    size += chunk.length;
    pending = [];
  };
  const middle = FILLER_CONVERSATIONS / 2;
  pending.push('[');
  for (let i = 0; i < FILLER_CONVERSATIONS; i++) {
    if (i === 0) pending.push(JSON.stringify(PLANTED[0]), ',');
    if (i === middle) pending.push(JSON.stringify(PLANTED[1]), ',');
    const c = conversation(`filler-${i}`, words(3), '2024-06-01', [
      { role: 'user', text: words(60) },
      { role: 'assistant', text: words(280) },
      { role: 'user', text: words(20) },
    ]);
    pending.push(JSON.stringify(c), ',');
    if (pending.length > 2000) flush();
  }
  pending.push(JSON.stringify(PLANTED[2]), ']');
  flush();
  fs.closeSync(out);
  return size;
}

/** Writes a ZIP of `entries` ([name, file]), each deflated as a stream, without ZIP64. */
async function writeZip(zipFile, entries) {
  const out = fs.openSync(zipFile, 'w');
  let at = 0;
  const central = [];
  for (const [name, file] of entries) {
    const nameBytes = Buffer.from(name);
    const header = Buffer.alloc(30 + nameBytes.length);
    const offset = at;
    fs.writeSync(out, header, 0, header.length, at); // Filled in once the sizes are known.
    at += header.length;
    let crc = 0;
    let size = 0;
    let packed = 0;
    const deflate = zlib.createDeflateRaw({ level: 1 });
    await pipeline(
      fs.createReadStream(file, { highWaterMark: 4 << 20 }),
      async function* (chunks) {
        for await (const chunk of chunks) {
          crc = crc32(crc, chunk);
          size += chunk.length;
          yield chunk;
        }
      },
      deflate,
      async function (chunks) {
        for await (const chunk of chunks) {
          fs.writeSync(out, chunk, 0, chunk.length, at);
          at += chunk.length;
          packed += chunk.length;
        }
      },
    );
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0, 6); // flags
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(0, 10); // time
    header.writeUInt16LE(0x5a21, 12); // date: 2025-01-01
    header.writeUInt32LE(crc, 14);
    header.writeUInt32LE(packed, 18);
    header.writeUInt32LE(size, 22);
    header.writeUInt16LE(nameBytes.length, 26);
    header.writeUInt16LE(0, 28);
    nameBytes.copy(header, 30);
    fs.writeSync(out, header, 0, header.length, offset);
    const entry = Buffer.alloc(46 + nameBytes.length);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    header.copy(entry, 6, 4, 30); // version needed .. name length, as in the local header
    entry.writeUInt16LE(0, 30); // extra
    entry.writeUInt16LE(0, 32); // comment
    entry.writeUInt16LE(0, 34); // disk
    entry.writeUInt16LE(0, 36); // internal attributes
    entry.writeUInt32LE(0, 38); // external attributes
    entry.writeUInt32LE(offset, 42);
    nameBytes.copy(entry, 46);
    central.push(entry);
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(central.length, 8);
  end.writeUInt16LE(central.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(at, 16);
  fs.writeSync(out, Buffer.concat([directory, end]), 0, directory.length + 22, at);
  fs.closeSync(out);
}

/** The fixture, made once (about a minute) and reused while its files are all there. */
async function fixture() {
  const done = path.join(FIXTURE_DIR, 'done');
  if (!fs.existsSync(done)) {
    await fsp.mkdir(FIXTURE_DIR, { recursive: true });
    await fsp.writeFile(USER_FILE, JSON.stringify({ id: 'user-1', email: 'ana@example.org', name: 'Ana Ribeiro', chatgpt_plus_user: true }));
    const size = await writeConversations(JSON_FILE);
    assert.ok(size > V8_MAX_STRING, `conversations.json is ${size} bytes: longer than any JS string`);
    await writeZip(ZIP_FILE, [['conversations.json', JSON_FILE], ['user.json', USER_FILE]]);
    await fsp.writeFile(done, '');
  }
  return { zip: ZIP_FILE, json: JSON_FILE, user: USER_FILE, zipBytes: fs.statSync(ZIP_FILE).size, jsonBytes: fs.statSync(JSON_FILE).size };
}

// ---------------------------------------------------------------------------------------------
// The options page.

const SEED = [['Keep answers short.', 'Response instructions']];

async function setup(t) {
  const env = await start();
  t.after(() => env.close());
  await seedProfile(env, profileJson(SEED));
  return env;
}

/** Opens the options page (the popup's page in a tab, as chrome.runtime.openOptionsPage does). */
async function openOptions(env) {
  const page = await env.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.setViewportSize({ width: 900, height: 1000 });
  await page.goto(`chrome-extension://${env.extensionId}/popup.html`);
  await page.locator('#profile details, #profile .empty').first().waitFor({ timeout: 10_000 });
  await page.getByRole('heading', { name: 'Import a data export', exact: true }).waitFor();
  page.errors = errors;
  return page;
}

/** The progress bar's value, once it has one above `above`. */
async function progressAbove(page, above, timeout = 60_000) {
  const handle = await page.waitForFunction((min) => {
    const bar = document.querySelector('#export-progress');
    return bar.hasAttribute('value') && bar.value > min ? [bar.value, bar.max] : false;
  }, above, { timeout, polling: 20 });
  return handle.jsonValue();
}

/**
 * Waits for the run to end (the bar gone), then for its preview or its message: whatever
 * the run found is on the page when this returns.
 */
async function runEnded(page, timeout = 300_000) {
  await page.locator('#export-run').waitFor({ state: 'hidden', timeout });
  await page.locator('#export-result .preview, #export-status:not(:empty)').first().waitFor();
}

/** The texts of the preview's memories, as shown. */
function previewTexts(page) {
  return page.locator('#export-result .preview > li').evaluateAll((lis) =>
    lis.map((li) => [...li.childNodes].find((n) => n.nodeType === Node.TEXT_NODE).textContent));
}

test('an export is read in a worker with progress; Cancel adds nothing; a full run is previewed, chosen, added and undone', { timeout: 600_000 }, async (t) => {
  const files = await fixture();
  const env = await setup(t);
  const before = await storedProfile(env);
  const page = await openOptions(env);
  await page.getByText('Nothing leaves your browser.').waitFor();

  // First run: the bar moves, then Cancel ends the worker. Nothing is added.
  const started = Date.now();
  await page.locator('#export-files').setInputFiles([files.zip]);
  await page.locator('#export-run').waitFor();
  assert.equal(await page.locator('#export-status').textContent(), 'Reading chatgpt-export.zip…');
  const [first, max] = await progressAbove(page, 0);
  const [second] = await progressAbove(page, first);
  assert.ok(second > first, `the bar moved: ${first} then ${second}`);
  assert.equal(max, files.zipBytes, 'the bar counts the bytes of the chosen file');
  assert.match(await page.locator('#export-progress-text').textContent(), /^[\d.,]+ MB of [\d,]+ MB · [\d,]+ conversations?$/);
  assert.ok(await page.locator('#export-files').isDisabled(), 'no second run while one is reading');
  await page.getByRole('button', { name: 'Cancel' }).click();
  await page.locator('#export-status', { hasText: 'Cancelled. Nothing was added.' }).waitFor();
  t.diagnostic(`cancelled after ${Date.now() - started} ms at ${second} of ${max} bytes`);
  assert.ok(await page.locator('#export-run').isHidden());
  await page.waitForTimeout(500); // A cancelled worker's last messages must not show anything.
  assert.equal(await page.locator('#export-summary').textContent(), '');
  assert.equal(await page.locator('#export-result').textContent(), '');
  assert.deepEqual(await storedProfile(env), before, 'the stored profile is unchanged');

  // Second run, in a new worker: read to the end.
  const begun = Date.now();
  await page.locator('#export-files').setInputFiles([files.zip]);
  const readings = [];
  while (readings.length < 2) readings.push((await progressAbove(page, readings.at(-1)?.[0] ?? 0))[0]);
  await runEnded(page);
  const seconds = (Date.now() - begun) / 1000;
  t.diagnostic(`read ${files.zipBytes} bytes of ZIP (${files.jsonBytes} of JSON) in ${seconds.toFixed(1)} s: ` +
    `${(files.jsonBytes / 1e6 / seconds).toFixed(0)} MB/s of JSON`);
  assert.ok(await page.locator('#export-run').isHidden());
  const [done, total] = await page.locator('#export-progress').evaluate((bar) => [bar.value, bar.max]);
  assert.equal(done, total);

  // The summary, from the core's report.
  const lines = await page.locator('#export-summary .line').allTextContents();
  assert.match(lines[0], /^Read \d+ files? \([\d,]+ MB of JSON, 160,003 conversations\)\.$/);
  const mb = Math.round((files.jsonBytes + fs.statSync(files.user).size) / 1e6).toLocaleString('en-US');
  assert.ok(lines[0].includes(`${mb} MB of JSON`), `${lines[0]} counts the inflated JSON (${mb} MB)`);
  assert.equal(await page.locator('#export-summary .faults li').count(), 0, 'no faults');
  await page.locator('#export-summary details.files summary', { hasText: 'Files read' }).click();
  assert.match(await page.locator('#export-summary details.files').first().textContent(), /conversations\.json/);

  // The preview: every planted memory, each ticked; the one already kept is marked so.
  assert.equal(await page.locator('#export-result .summary').textContent(),
    'Recovered from the export: 6 memories (1 already in your profile).');
  assert.deepEqual((await previewTexts(page)).sort(), [...RECOVERED].sort());
  const boxes = page.locator('#export-result .preview input[type=checkbox]');
  assert.equal(await boxes.count(), 6);
  for (const box of await boxes.all()) assert.ok(await box.isChecked(), 'ticked by default');
  assert.match(await page.locator('#export-result .preview > li', { hasText: 'Keep answers short.' }).textContent(), /already in your profile/);
  assert.match(await page.locator('#export-result .preview > li', { hasText: 'Lives in Porto' }).textContent(), /Personal information · 2024-05-01/);
  assert.equal((await storedProfile(env)).items.length, 1, 'nothing added by a preview');

  // Untick one, add the rest.
  await page.getByRole('checkbox', { name: 'Keep "I design payment apps."' }).uncheck();
  await page.locator('#export-result').scrollIntoViewIfNeeded();
  await screenshot(page, 'export-import.png');
  await page.getByRole('button', { name: 'Add 5 memories' }).click();
  await page.locator('#export-status.ok', { hasText: 'Added 4 memories from the export (1 already in your profile).' }).waitFor();
  assert.equal(await page.locator('#export-result').textContent(), '', 'the preview is gone once added');
  assert.deepEqual(page.errors, [], 'no uncaught errors on the options page');

  const profile = await storedProfile(env);
  const texts = profile.items.map((i) => i.text).sort();
  assert.deepEqual(texts, RECOVERED.filter((r) => r !== 'I design payment apps.').sort());
  const porto = profile.items.find((i) => i.text === 'Lives in Porto with her partner Rui.');
  assert.deepEqual(
    { via: porto.sources[0].via, assistant: porto.sources[0].assistant, saved: porto.sources[0].saved },
    { via: 'export', assistant: 'chatgpt', saved: '2024-05-01' },
  );

  // The toolbar popup shows them, their source the export, and Undo takes the import back.
  const popup = await openPopup(env);
  const groups = await popupGroups(popup);
  assert.ok(groups.find((g) => g.label === 'Personal information').items.includes('Lives in Porto with her partner Rui.'));
  assert.match(await popup.locator('.item', { hasText: 'Lives in Porto with her partner Rui.' }).locator('.meta').textContent(), /^ChatGPT export/);
  assert.match(await popup.locator('.item', { hasText: 'Works as a product designer' }).locator('.meta').textContent(), /^ChatGPT export/);

  // The real toolbar popup: the importer is the options page's; the popup links to it.
  await env.worker.evaluate(() => chrome.action.openPopup());
  const real = await (await page.waitForFunction(() => {
    const [view] = chrome.extension.getViews({ type: 'popup' });
    const item = [...(view?.document.querySelectorAll('.item') ?? [])].find((i) => i.textContent.includes('Lives in Porto'));
    if (!item) return false;
    const $ = (css) => view.document.querySelector(css);
    return { link: $('#export-link').hidden ? null : $('#export-link').textContent.trim(), importer: !$('#export').hidden, meta: item.querySelector('.meta').textContent };
  }, null, { timeout: 15_000 })).jsonValue();
  assert.deepEqual({ ...real, meta: real.meta.split(' · ')[0] }, { link: 'Import a data export…', importer: false, meta: 'ChatGPT export' });
  await popup.getByRole('button', { name: 'Undo: Imported from an export' }).click();
  await popup.locator('#status.ok').waitFor();
  assert.deepEqual((await storedProfile(env)).items.map((i) => i.text), ['Keep answers short.']);
  // The options page follows the stored profile too.
  await page.locator('.item', { hasText: 'Lives in Porto' }).waitFor({ state: 'detached' });
});

test('files dropped on the drop zone are read; a worker that fails says so and the page stays usable', { timeout: 120_000 }, async (t) => {
  const env = await setup(t);
  const page = await openOptions(env);
  const zone = page.locator('#export-drop');

  // Google Takeout's My Activity for Gemini Apps, newest first, made in the page.
  const dropped = await page.evaluateHandle(() => {
    const activity = [
      { header: 'Gemini Apps', title: 'Prompted what is the weather in Porto tomorrow', time: '2025-03-02T09:00:00.000Z', products: ['Gemini Apps'] },
      { header: 'Gemini Apps', title: 'Prompted Remember that I am vegetarian.', time: '2025-02-03T10:00:00.000Z', products: ['Gemini Apps'] },
    ];
    const data = new DataTransfer();
    data.items.add(new File([JSON.stringify(activity)], 'My Activity.json', { type: 'application/json' }));
    return data;
  });

  // A worker that cannot start (its script is missing): a clear message, nothing added.
  await page.evaluate(() => {
    const RealWorker = window.Worker;
    window.Worker = class extends RealWorker {
      constructor(url, options) { super(String(url).replace('export-worker.js', 'no-such-worker.js'), options); }
    };
    window.restoreWorker = () => { window.Worker = RealWorker; };
  });
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  await page.locator('#export-status.problem', { hasText: 'Nothing was added.' }).waitFor();
  assert.match(await page.locator('#export-status').textContent(), /^memport could not read the files/);
  assert.ok(await page.locator('#export-run').isHidden());
  assert.ok(await page.locator('#export-files').isEnabled(), 'the page stays usable');
  await page.evaluate(() => window.restoreWorker());

  // A drag over the zone highlights it; leaving it does not.
  await zone.dispatchEvent('dragover', { dataTransfer: dropped });
  assert.ok(await zone.evaluate((z) => z.classList.contains('over')), 'highlighted on dragover');
  await zone.dispatchEvent('dragleave', { dataTransfer: dropped });
  assert.ok(!(await zone.evaluate((z) => z.classList.contains('over'))), 'no highlight once left');

  // The drop, read in a real worker this time.
  await zone.dispatchEvent('dragover', { dataTransfer: dropped });
  await zone.dispatchEvent('drop', { dataTransfer: dropped });
  assert.ok(!(await zone.evaluate((z) => z.classList.contains('over'))));
  await runEnded(page);
  assert.deepEqual(await previewTexts(page), ['Remember that I am vegetarian.']);
  assert.match((await page.locator('#export-summary .line').allTextContents())[0], /^Read 1 file /);
  await page.getByRole('button', { name: 'Add 1 memory' }).click();
  await page.locator('#export-status.ok', { hasText: 'Added 1 memory from the export.' }).waitFor();
  const item = (await storedProfile(env)).items.find((i) => i.text === 'Remember that I am vegetarian.');
  assert.deepEqual({ via: item.sources[0].via, assistant: item.sources[0].assistant }, { via: 'export', assistant: 'gemini' });
  assert.deepEqual(page.errors, []);
});

test('a conversations.json larger than any JavaScript string is read on its own, by slices', { timeout: 600_000 }, async (t) => {
  const files = await fixture();
  const env = await setup(t);
  const page = await openOptions(env);
  const begun = Date.now();
  await page.locator('#export-files').setInputFiles([files.json, files.user]);
  assert.equal(await page.locator('#export-status').textContent(), 'Reading 2 files…');
  await runEnded(page);
  const seconds = (Date.now() - begun) / 1000;
  t.diagnostic(`read ${files.jsonBytes} bytes of JSON in ${seconds.toFixed(1)} s: ${(files.jsonBytes / 1e6 / seconds).toFixed(0)} MB/s`);
  assert.match((await page.locator('#export-summary .line').allTextContents())[0], /^Read 2 files \([\d,]+ MB of JSON, 160,003 conversations\)\.$/);
  assert.deepEqual((await previewTexts(page)).sort(), [...RECOVERED].sort());
  assert.deepEqual(page.errors, []);
});
