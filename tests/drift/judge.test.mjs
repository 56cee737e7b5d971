// The drift run's verdicts on plain data: no browser.

import test from 'node:test';
import assert from 'node:assert/strict';
import {
  normalize, truthLines, isGeneric, judgeMemory, judgeImport, summarize, tables, failureLines,
  commonMessages, featureText, variantId,
} from './judge.mjs';

const TRUTH = {
  parts: {
    memory: ['Lives in  Porto.', 'Works as a nurse.'],
    edits: ['Prefers tea.'],
    fields: [{ label: 'What should ChatGPT call you?', value: 'Sam' }, { label: 'About you', value: 'Has a cat.\n\n  Runs on Sundays. \n' }],
  },
  empty: false,
};
const items = (...texts) => texts.map((text) => ({ text, category: 'Other context', sources: [] }));

test('truth lines: memory, edits and each non-empty line of the fields, whitespace collapsed', () => {
  assert.deepEqual(truthLines(TRUTH).map((l) => l.line),
    ['Lives in Porto.', 'Works as a nurse.', 'Prefers tea.', 'Sam', 'Has a cat.', 'Runs on Sundays.']);
  assert.deepEqual(truthLines({ parts: { memory: ['a'] } }), [{ line: 'a', field: false }]);
  assert.equal(normalize('  a \n\t b '), 'a b');
});

test('memory: everything read with a success status is fully read; the prefix of a field is accepted', () => {
  const v = judgeMemory({
    truth: TRUTH, ok: true, message: 'Saved 6 memories from ChatGPT',
    items: items('Lives in Porto.', 'Works  as a nurse.', 'Prefers tea.', 'Preferred name: Sam', 'Has a cat.', 'Runs on Sundays.'),
  });
  assert.equal(v.fullyRead, true);
  assert.equal(v.violation, false);
  assert.deepEqual(v.missing, []);
  assert.deepEqual(v.chrome, []);
  assert.equal(v.found.length, 6);
});

test('memory: the prefix is accepted for field lines only, and the match is otherwise exact', () => {
  const v = judgeMemory({
    truth: TRUTH, ok: true, message: 'Saved',
    items: items('Occupation: Lives in Porto.', 'Works as a nurse', 'Prefers tea.', 'Sam', 'Has a cat.', 'Runs on Sundays.'),
  });
  assert.deepEqual(v.missing, ['Lives in Porto.', 'Works as a nurse.']);
  assert.deepEqual(v.chrome, ['Occupation: Lives in Porto.', 'Works as a nurse']);
});

test('memory: a success status with lines missing is a violation; interface text is counted as chrome', () => {
  const v = judgeMemory({
    truth: TRUTH, ok: true, message: 'Saved 4 memories from ChatGPT',
    items: items('Lives in Porto.', 'Prefers tea.', 'Sam', 'Manage memories', 'Has a cat.'),
  });
  assert.equal(v.fullyRead, false);
  assert.equal(v.violation, true);
  assert.deepEqual(v.missing, ['Works as a nurse.', 'Runs on Sundays.']);
  assert.deepEqual(v.chrome, ['Manage memories']);
  assert.equal(v.namedFailure, false);
});

test('memory: pressing Delete on the page is a violation, whatever the status', () => {
  const v = judgeMemory({ truth: TRUTH, ok: false, message: 'The memory did not appear', items: [], deleted: ['Prefers tea.'] });
  assert.equal(v.violation, true);
  assert.deepEqual(v.deleted, ['Prefers tea.']);
});

test('memory: a problem status naming the step is a named failure, a generic one is not', () => {
  const named = judgeMemory({
    truth: TRUTH, ok: false, items: [],
    message: 'ChatGPT\'s memory was not found on this page: the memory did not appear within 8 seconds.',
  });
  assert.equal(named.fullyRead, false);
  assert.equal(named.violation, false);
  assert.equal(named.namedFailure, true);
  assert.equal(named.wrongEmpty, false);
  for (const message of ['', '  ', 'Error', 'Something went wrong.', 'memport did not answer.', 'TypeError: x is undefined', 'Failed.']) {
    assert.equal(judgeMemory({ truth: TRUTH, ok: false, message, items: [] }).namedFailure, false, message);
  }
  // A problem status even when everything was saved: not fully read (the person was told it failed).
  const all = items('Lives in Porto.', 'Works as a nurse.', 'Prefers tea.', 'Sam', 'Has a cat.', 'Runs on Sundays.');
  const alarm = judgeMemory({ truth: TRUTH, ok: false, message: 'Could not close the dialog', items: all });
  assert.equal(alarm.fullyRead, false);
  assert.equal(alarm.falseAlarm, true);
  assert.equal(named.falseAlarm, false);
});

test('memory: saying "empty" about a memory that is not is recorded', () => {
  const v = judgeMemory({ truth: TRUTH, ok: false, message: 'ChatGPT\'s memory was not found on this page: it is empty.', items: [] });
  assert.equal(v.wrongEmpty, true);
  assert.equal(v.namedFailure, true);
});

test('memory: an empty page is fully read when memport says so and saves nothing', () => {
  const truth = { parts: { memory: [] }, empty: true };
  const said = 'Claude\'s memory was not found on this page: it is empty. Claude may not have built a memory yet.';
  assert.equal(judgeMemory({ truth, ok: false, message: said, items: [] }).fullyRead, true);
  assert.equal(judgeMemory({ truth, ok: true, message: 'Saved 1 memory from Claude', items: items('No memories yet') }).fullyRead, false);
  assert.equal(judgeMemory({ truth, ok: false, message: said, items: items('No memories yet') }).fullyRead, false);
  // An empty memory next to the person's own edits: the edits are the truth.
  const edits = { parts: { memory: [], edits: ['Prefers tea.'] }, empty: true };
  assert.equal(judgeMemory({ truth: edits, ok: true, message: 'Saved 1 memory', items: items('Prefers tea.') }).fullyRead, true);
  assert.equal(judgeMemory({ truth: edits, ok: false, message: said, items: [] }).fullyRead, false);
});

const MEMORIES = ['Lives in Porto.', 'Answer in <b>British</b> English.', 'Likes "café" ☕.'];
const GOOD_STATE = {
  boxes: [
    { label: 'Respond', model: 'Answer in <b>British</b> English.\n' },
    { label: 'About', model: 'Lives in Porto.\nLikes "café" ☕.' },
  ],
  domValues: ['Answer in <b>British</b> English.', 'Lives in Porto.\nLikes "café" ☕.\n\n'],
  decoys: [{ label: 'Search', value: 'hello' }],
  submitted: false,
};
const BEFORE = { decoys: [{ label: 'Search', value: 'hello' }] };

test('import: every memory in the models, boxes showing their models, decoys and submit untouched: filled', () => {
  const v = judgeImport({ memories: MEMORIES, notice: { ok: true, message: 'Done' }, state: GOOD_STATE, before: BEFORE });
  assert.equal(v.filled, true);
  assert.equal(v.violation, false);
  assert.equal(v.found, 3);
  assert.deepEqual(v.problems, []);
});

test('import: a success while a memory is missing, a box differs, a decoy changed or the page was submitted is a violation', () => {
  const ok = { ok: true, message: 'ChatGPT\'s custom instructions now hold 3 memories.' };
  const cases = {
    missing: { ...GOOD_STATE, boxes: [GOOD_STATE.boxes[0], { label: 'About', model: 'Lives in Porto.' }], domValues: ['Answer in <b>British</b> English.', 'Lives in Porto.'] },
    mismatch: { ...GOOD_STATE, domValues: ['', GOOD_STATE.domValues[1]] },
    decoy: { ...GOOD_STATE, decoys: [{ label: 'Search', value: 'Lives in Porto.' }] },
    submitted: { ...GOOD_STATE, submitted: true },
  };
  for (const [name, state] of Object.entries(cases)) {
    const v = judgeImport({ memories: MEMORIES, notice: ok, state, before: BEFORE });
    assert.equal(v.filled, false, name);
    assert.equal(v.violation, true, name);
    assert.equal(v.problems.length, 1, `${name}: ${v.problems}`);
  }
});

test('import: a failure is not a violation unless it changed a decoy or submitted; named or not', () => {
  const untouched = { ...GOOD_STATE, boxes: GOOD_STATE.boxes.map((b) => ({ ...b, model: '' })), domValues: ['', ''] };
  const named = judgeImport({ memories: MEMORIES, notice: { ok: false, message: 'memport could not find Gemini\'s "Paste your info here..." box.' }, state: untouched, before: BEFORE });
  assert.equal(named.filled, false);
  assert.equal(named.violation, false);
  assert.equal(named.namedFailure, true);
  const silent = judgeImport({ memories: MEMORIES, notice: null, state: untouched, before: BEFORE });
  assert.equal(silent.namedFailure, false);
  assert.equal(silent.falseAlarm, false);
  const alarm = judgeImport({ memories: MEMORIES, notice: { ok: false, message: 'did not take the text exactly' }, state: GOOD_STATE, before: BEFORE });
  assert.equal(alarm.filled, false);
  assert.equal(alarm.falseAlarm, true);
  assert.equal(alarm.violation, false);
  const harm = judgeImport({ memories: MEMORIES, notice: { ok: false, message: 'x failed at y' }, state: { ...untouched, submitted: true }, before: BEFORE });
  assert.equal(harm.violation, true);
});

test('import: success reported for a tab memport opened itself is not filled, and not a violation', () => {
  const untouched = { ...GOOD_STATE, boxes: GOOD_STATE.boxes.map((b) => ({ ...b, model: '' })), domValues: ['', ''] };
  const v = judgeImport({ memories: MEMORIES, notice: { ok: true, message: 'Done' }, state: untouched, before: BEFORE, elsewhere: 'https://gemini.google.com/import' });
  assert.equal(v.filled, false);
  assert.equal(v.violation, false);
  assert.match(v.problems.at(-1), /opened https:\/\/gemini\.google\.com\/import/);
});

test('generic messages', () => {
  for (const m of ['', 'error', 'Failed', 'Something went wrong', 'Unknown error.', 'timed out', 'null', '[object Object]']) {
    assert.equal(isGeneric(m), true, m);
  }
  for (const m of ['Timeout waiting for the "Manage" button', 'the memory did not appear within 8 seconds', 'Error: no box labelled "About you"']) {
    assert.equal(isGeneric(m), false, m);
  }
});

test('summary, tables and failure lines', () => {
  const memory = (seed, verdict) => ({ kind: 'memory', site: 'claude', seed, features: { container: 'dialog', lang: 'fr' }, verdict, ms: 100 });
  const results = [
    memory(1, judgeMemory({ truth: TRUTH, ok: true, message: 'Saved', items: items('Lives in Porto.', 'Works as a nurse.', 'Prefers tea.', 'Sam', 'Has a cat.', 'Runs on Sundays.', 'Memory') })),
    memory(2, judgeMemory({ truth: TRUTH, ok: true, message: 'Saved 1', items: items('Lives in Porto.') })),
    memory(3, judgeMemory({ truth: TRUTH, ok: false, message: 'Claude\'s memory was not found: no "Manage" button (x 12)', items: [] })),
    { kind: 'import', site: 'claude', seed: 9, caseName: 'late-box', features: {}, ms: 50,
      verdict: judgeImport({ memories: MEMORIES, notice: { ok: true, message: 'ok' }, state: GOOD_STATE, before: BEFORE }) },
  ];
  const [mem, imp] = summarize(results);
  assert.deepEqual(
    { variants: mem.variants, ok: mem.ok, lines: mem.lines, found: mem.found, chrome: mem.chrome, failed: mem.failed, named: mem.namedFailures, violations: mem.violations },
    { variants: 3, ok: 1, lines: 18, found: 7, chrome: 1, failed: 2, named: 1, violations: 1 });
  assert.equal(imp.ok, 1);
  assert.equal(imp.casesOk, 1);
  const [table] = tables([mem, imp]);
  assert.match(table, /\| claude \| memory \| 3 \| 1 \(33\.3%\) \| 7\/18 \(38\.9%\) \| 1 \| 1\/2 \| 1 \|/);
  assert.match(table, /\| claude \| import \| 1 \| 1 \(100\.0%\) \| 3\/3 \(100\.0%\) \| — \| 0\/0 \| 0 \|/);
  const lines = failureLines(results);
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^VIOLATION memory:claude:2 \| container=dialog lang=fr \| Saved 1 \| missing: \["Works as a nurse\."/);
  assert.match(lines[1], /^memory:claude:3 \|/);
  assert.deepEqual(commonMessages(results)['claude:memory'], [
    { n: 1, message: 'Saved N' },
    { n: 1, message: 'Claude\'s memory was not found: no "…" button (…)' },
  ]);
  assert.equal(featureText({ a: 'x', b: ['y'] }), 'a=x b=["y"]');
  assert.equal(variantId({ kind: 'import', site: 'gemini', seed: 7 }), 'import:gemini:7');
});
