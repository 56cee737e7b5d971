// The drift run's verdicts: what memport did on one variant, judged against what the page
// knows. Pure functions, plain data in and out, so they are tested without a browser
// (judge.test.mjs); the browser side is in run.mjs.
//
//   judgeMemory({ truth, ok, message, items })            -> memory verdict
//   judgeImport({ memories, notice, state, before })      -> import verdict
//   summarize(results) / tables(summary) / failureLines(results)   -> what the run prints

/** Whitespace collapsed and trimmed: how texts are compared. */
export function normalize(text) {
  return String(text ?? '').replace(/\s+/g, ' ').trim();
}

/** What ChatGPT puts before a field's value when the value alone says nothing. */
export const FIELD_PREFIXES = ['Preferred name: ', 'Occupation: '];

/**
 * Every line of a memory page's truth, normalized: the memory, the person's edits, and each
 * field's value split into its non-empty lines. `field` marks lines that may be saved after
 * one of FIELD_PREFIXES.
 * @returns {{line: string, field: boolean}[]}
 */
export function truthLines(truth) {
  const parts = truth?.parts ?? {};
  const out = [];
  for (const line of [...(parts.memory ?? []), ...(parts.edits ?? [])]) {
    const text = normalize(line);
    if (text) out.push({ line: text, field: false });
  }
  for (const { value } of parts.fields ?? []) {
    for (const line of String(value ?? '').split(/\r?\n/)) {
      const text = normalize(line);
      if (text) out.push({ line: text, field: true });
    }
  }
  return out;
}

/** Whether a saved item's (normalized) text is this truth line. */
function itemIsLine(itemText, { line, field }) {
  if (itemText === line) return true;
  return field && FIELD_PREFIXES.some((p) => itemText === normalize(p + line));
}

// Messages that say something went wrong without saying what: nobody can act on them.
const GENERIC = [
  /^(an? )?(error|errors|failed|failure|fail|problem|oops)\b[.!]?$/i,
  /^something went wrong\b/i,
  /^(an? )?unknown error\b/i,
  /^(timeout|timed out)\b[.!]?$/i,
  /did not answer/i, // memport's own "memport did not answer."
  /failed to start/i,
  // A raw exception, a script's or the WebAssembly's: "TypeError: x is undefined".
  /^(uncaught )?(TypeError|ReferenceError|SyntaxError|RangeError|InternalError|RuntimeError)\b/i,
  /\bunreachable\b|\bpanicked at\b/i,
  /^(undefined|null|\[object \w+\]|NaN)$/,
];

/** Whether a failure message fails to name what failed. */
export function isGeneric(message) {
  const text = normalize(message);
  if (!text) return true;
  return GENERIC.some((re) => re.test(text));
}

/**
 * A memory page: the status memport showed after the button was pressed, and the items then
 * in the stored profile (the storage was cleared before, so they are all this page's).
 * @param {{truth: object, ok: boolean, message: string, items: {text: string}[], deleted?: string[]}} run
 *   ok: the status is shown and is not a problem; message: its text ('' when none appeared);
 *   deleted: lines whose Delete button was pressed on the page (driftState.deleted).
 */
export function judgeMemory({ truth, ok, message = '', items = [], deleted = [] }) {
  const lines = truthLines(truth);
  const texts = items.map((i) => normalize(i.text));
  const found = lines.filter((l) => texts.some((t) => itemIsLine(t, l))).map((l) => l.line);
  const missing = lines.filter((l) => !texts.some((t) => itemIsLine(t, l))).map((l) => l.line);
  const chrome = texts.filter((t) => !lines.some((l) => itemIsLine(t, l)));
  const saysEmpty = /empty/i.test(message);
  // An empty memory with nothing else on the page (no edits, no fields): the person must be
  // told it is empty, and nothing saved. With edits or fields, those are the truth to read.
  const emptyPage = Boolean(truth?.empty) && lines.length === 0;
  const fullyRead = emptyPage ? saysEmpty && items.length === 0 : ok && missing.length === 0;
  return {
    fullyRead,
    truthLines: lines.length,
    found,
    missing,
    chrome,
    saved: items.length,
    // Not read, but the person was told what failed.
    namedFailure: !fullyRead && !ok && !isGeneric(message),
    // Shown as a problem although every line was saved (and nothing else).
    falseAlarm: !emptyPage && !ok && Boolean(message) && lines.length > 0 && missing.length === 0,
    deleted,
    // Told it worked while lines are missing: the person would trust an incomplete copy. And
    // pressing Delete on the person's memory is never reading it, whatever memport said.
    violation: (ok && missing.length > 0) || deleted.length > 0,
    // Told the memory is empty when it is not (not a violation: shown as a problem).
    wrongEmpty: !emptyPage && lines.length > 0 && saysEmpty,
    message,
  };
}

/** Trailing whitespace and newlines do not count when comparing a box with its model. */
const untrailed = (text) => String(text ?? '').replace(/\s+$/, '');

/**
 * An import page after "Send memory to": the memories seeded into the profile, memport's
 * notice, and what the page itself knows before and after.
 * @param {{memories: string[], notice: {ok: boolean, message: string} | null,
 *   state: {boxes: {label: string, model: string}[], decoys: {label: string, value: string}[],
 *     submitted: boolean, domValues: string[]},
 *   before: {decoys: {label: string, value: string}[]}, elsewhere?: string | null}} run
 *   notice: null when memport never answered; state.domValues[i]: what box i shows;
 *   elsewhere: the URL of a tab memport opened itself instead of using the page in front.
 */
export function judgeImport({ memories, notice, state, before, elsewhere = null }) {
  const ok = Boolean(notice?.ok);
  const message = notice?.message ?? '';
  const boxes = state?.boxes ?? [];
  const models = normalize(boxes.map((b) => b.model ?? '').join('\n'));
  const missing = memories.filter((m) => !models.includes(normalize(m)));
  const problems = [];
  if (missing.length) problems.push(`${missing.length} of ${memories.length} memories not in the page's model`);
  // domValues[i] is null when the box is not on the page (then it shows nothing).
  const mismatched = boxes
    .map((b, i) => ({ label: b.label, model: b.model ?? '', shown: state.domValues?.[i] ?? null }))
    .filter((b) => untrailed(b.model) !== untrailed(b.shown));
  for (const b of mismatched) {
    problems.push(b.shown === null
      ? `box "${b.label}" is not on the page, but its model holds text`
      : `box "${b.label}" shows other text than its model holds`);
  }
  const was = new Map((before?.decoys ?? []).map((d, i) => [i, d]));
  const changedDecoys = (state?.decoys ?? []).filter((d, i) => was.has(i) && was.get(i).value !== d.value);
  for (const d of changedDecoys) problems.push(`decoy "${d.label}" changed to ${JSON.stringify(d.value)}`);
  if (state?.submitted) problems.push('the page was submitted');
  if (elsewhere) problems.push(`memport opened ${elsewhere} instead of filling the page in front`);
  const harm = changedDecoys.length > 0 || Boolean(state?.submitted);
  return {
    filled: ok && problems.length === 0,
    memories: memories.length,
    found: memories.length - missing.length,
    missing,
    mismatched,
    changedDecoys,
    submitted: Boolean(state?.submitted),
    problems,
    namedFailure: !ok && !isGeneric(message),
    // Reported as a failure although the page holds everything, as it should.
    falseAlarm: Boolean(notice) && !ok && problems.length === 0,
    elsewhere,
    // Told it worked while it did not; or something the person did not ask for was changed
    // or sent, whatever memport said. A success reported for a tab memport opened itself is
    // true of that tab: not filled here, but not a violation.
    violation: (ok && problems.length > 0 && !elsewhere) || harm,
    message,
  };
}

/** "container=dialog heading=h3 ...": a variant's features on one line. */
export function featureText(features) {
  return Object.entries(features ?? {})
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : v}`)
    .join(' ');
}

/** The id a variant is replayed by: "memory:claude:123", or "case:<name>". */
export function variantId({ kind, site, seed, caseName }) {
  return caseName ? `case:${caseName}` : `${kind}:${site}:${seed}`;
}

/**
 * Results ([{kind, site, seed, caseName?, features, verdict, error?, ms}]) counted per site
 * and kind: the rows of the printed tables and of last-run.json.
 */
export function summarize(results) {
  const rows = new Map();
  for (const r of results) {
    const key = `${r.site}:${r.kind}`;
    if (!rows.has(key)) {
      rows.set(key, {
        site: r.site, kind: r.kind, variants: 0, ok: 0, lines: 0, found: 0, chrome: 0,
        failed: 0, namedFailures: 0, violations: 0, falseAlarms: 0, cases: 0, casesOk: 0, ms: 0,
      });
    }
    const row = rows.get(key);
    const v = r.verdict;
    const good = r.kind === 'memory' ? v.fullyRead : v.filled;
    row.variants += 1;
    row.ms += r.ms ?? 0;
    if (good) row.ok += 1;
    else row.failed += 1;
    if (!good && v.namedFailure) row.namedFailures += 1;
    if (v.violation) row.violations += 1;
    if (v.falseAlarm) row.falseAlarms += 1;
    if (r.caseName) {
      row.cases += 1;
      if (good) row.casesOk += 1;
    }
    if (r.kind === 'memory') {
      row.lines += v.truthLines;
      row.found += v.found.length;
      row.chrome += v.chrome.length;
    } else {
      row.lines += v.memories;
      row.found += v.found;
    }
  }
  return [...rows.values()];
}

const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(1)}%` : '—');

/** One markdown table per site, as the run prints them. */
export function tables(summary) {
  const sites = [...new Set(summary.map((r) => r.site))];
  return sites.map((site) => [
    `### ${site}`,
    '',
    '| site | kind | variants | fully read / filled | recall of truth lines | lines taken from chrome | failed, with a message naming the step | violations |',
    '|---|---|---:|---:|---:|---:|---:|---:|',
    ...summary.filter((r) => r.site === site).map((r) =>
      `| ${r.site} | ${r.kind} | ${r.variants} | ${r.ok} (${pct(r.ok, r.variants)}) | ` +
      `${r.found}/${r.lines} (${pct(r.found, r.lines)}) | ${r.kind === 'memory' ? r.chrome : '—'} | ` +
      `${r.namedFailures}/${r.failed} | ${r.violations} |`),
  ].join('\n'));
}

/** What a violation was: the lines missing or deleted, or the import page's problems. */
export function violationText({ kind, verdict: v }) {
  if (kind !== 'memory') return v.problems.join('; ');
  return [
    v.missing.length && `missing: ${JSON.stringify(v.missing)}`,
    v.deleted?.length && `deleted on the page: ${JSON.stringify(v.deleted)}`,
  ].filter(Boolean).join(' | ');
}

/** One line per variant that was not fully read / filled or was a violation. */
export function failureLines(results) {
  return results
    .filter((r) => r.verdict.violation || !(r.kind === 'memory' ? r.verdict.fullyRead : r.verdict.filled))
    .map((r) => {
      const v = r.verdict;
      const tag = v.violation ? 'VIOLATION ' : '';
      const extra = v.violation ? ` | ${violationText(r)}` : '';
      return `${tag}${variantId(r)} | ${featureText(r.features)} | ${normalize(v.message) || '(no message)'}${extra}`;
    });
}

/** The most common failure messages per site and kind (numbers and quoted text blurred). */
export function commonMessages(results, top = 5) {
  const out = {};
  for (const r of results) {
    const good = r.kind === 'memory' ? r.verdict.fullyRead : r.verdict.filled;
    if (good) continue;
    const key = `${r.site}:${r.kind}`;
    const shape = normalize(r.verdict.message)
      .replace(/\(.*\)$/, '(…)') // the detail memport puts in brackets at the end
      .replace(/"[^"]*"/g, '"…"')
      .replace(/\d+/g, 'N') || '(no message)';
    out[key] ??= {};
    out[key][shape] = (out[key][shape] ?? 0) + 1;
  }
  return Object.fromEntries(Object.entries(out).map(([k, counts]) =>
    [k, Object.entries(counts).sort((a, b) => b[1] - a[1]).slice(0, top).map(([message, n]) => ({ n, message }))]));
}
