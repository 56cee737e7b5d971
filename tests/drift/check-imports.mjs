// Checks the drift simulator's import pages themselves (no extension loaded): for each site and
// a range of seeds, the page renders under the replica server's strict CSP without errors, its
// box can be reached (opener pressed where there is one), typing into it the way a person
// would updates the page's own model, the ways a careless script might set it do what the
// real editor would do (a React textarea's model stays stale after `el.value = x`), the
// decoys stay as they were and nothing is submitted.
//
//   node tests/drift/check-imports.mjs [--seeds 30] [--from 1] [--site claude] [--shots 3]
//                                      [--per-editor 2]
//
// Seeds --from .. --from+seeds-1, then for each editor kind the first --per-editor seeds from
// 1000+from on that draw it, so every editor is checked on every site.
// Screenshots of the first --shots variants per site go to tests/out/drift-import/.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startAll } from '../e2e/harness.mjs';
import { importVariant } from './import.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SHOTS_DIR = path.resolve(HERE, '..', 'out', 'drift-import');
const SITES = ['claude', 'chatgpt', 'gemini'];
const PARALLEL = 4;

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const SEEDS = Number(arg('seeds', 30));
const FROM = Number(arg('from', 1));
const ONLY = arg('site', null);
const SHOTS = Number(arg('shots', 3));
const PER_EDITOR = Number(arg('per-editor', 2));
const EDITORS = ['textarea', 'react', 'contenteditable', 'plaintext', 'prosemirror', 'quill', 'lexical', 'input'];

/** What to type: several lines, accents; one line for <input>, which drops newlines. */
function sample(variant, i) {
  const lines = [`Prefers short answers (${variant.site} ${variant.seed}.${i})`, 'Lives in Lyon — café near the gare', 'Works on a garden planner'];
  return variant.features.editor === 'input' ? lines.join(' / ') : lines.join('\n');
}

/** Polls `fn` in the page until it returns a truthy value or `ms` pass. */
async function until(page, fn, argument, ms = 5000) {
  try {
    await page.waitForFunction(fn, argument, { timeout: ms, polling: 50 });
    return true;
  } catch {
    return false;
  }
}

const state = (page) => page.evaluate(() => {
  const s = window.driftState;
  return {
    boxes: s.boxes.map((b, i) => ({ label: b.label, model: b.model, mounted: b.mounted, shown: s.domValue(i) })),
    decoys: s.decoys.map((d) => ({ label: d.label, value: d.value, initial: d.initial })),
    submitted: s.submitted,
  };
});

/** Presses the variant's opener: the button / link / clickable div whose text is exactly it. */
async function pressOpener(page, variant) {
  const text = variant.features.opener;
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator('button, a, div[tabindex]', { hasText: exact }).first().click();
}

/** One variant; returns a list of problems (empty when all is well). */
async function checkVariant(context, variant, shot) {
  const problems = [];
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(variant.url, { waitUntil: 'domcontentloaded' });
    if (!await until(page, () => window.driftState?.ready)) {
      problems.push('never ready');
      return problems; // the page's errors are added below, in `finally`
    }
    const f = variant.features;

    // Reach the boxes: press the opener unless the page opens by itself.
    const opensItself = f.opener === 'none' || (f.autoopen && f.autoopen !== 'none');
    if (!opensItself) await pressOpener(page, variant);
    const n = variant.boxes.length;
    if (!await until(page, (k) => window.driftState.boxes.slice(0, k).every((b) => b.mounted), n, 6000)) {
      problems.push('the boxes never appeared');
      return problems;
    }
    // A person waits until the box takes input (features.busy keeps it disabled for a while).
    const editable = (k) => window.driftState.boxes.every((_, i) => {
      const el = window.driftState.element(i);
      return el && (el.isContentEditable || (!el.disabled && !el.readOnly && el.tagName !== 'DIV'));
    });
    if (!await until(page, editable, null, 4000)) {
      problems.push('the boxes never became editable');
      return problems;
    }

    if (shot) {
      await fs.mkdir(SHOTS_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SHOTS_DIR, `${variant.site}-${variant.seed}-empty.png`) });
    }

    // Type into each box as a person would: fill() for the first, click + keyboard for the second.
    for (let i = 0; i < n; i += 1) {
      const box = await page.evaluateHandle((k) => window.driftState.element(k), i);
      const text = sample(variant, i);
      if (i === 0) {
        await box.asElement().fill(text, { timeout: 5000 });
      } else {
        await box.asElement().click({ timeout: 5000 });
        await page.keyboard.type(text);
      }
      const ok = await until(page, ([k, t]) => window.driftState.boxes[k].model === t, [i, text], 2000);
      const s = await state(page);
      if (!ok) problems.push(`box ${i}: model ${JSON.stringify(s.boxes[i].model)} after typing ${JSON.stringify(text)}`);
      if (s.boxes[i].shown !== s.boxes[i].model) problems.push(`box ${i}: shows ${JSON.stringify(s.boxes[i].shown)}, model ${JSON.stringify(s.boxes[i].model)}`);
    }
    if (shot) await page.screenshot({ path: path.join(SHOTS_DIR, `${variant.site}-${variant.seed}-filled.png`) });

    // How the editor treats scripts that set its DOM (box 0). What each real editor does:
    problems.push(...await page.evaluate(async (editor) => {
      const out = [];
      const s = window.driftState;
      const el = s.element(0);
      const model = () => s.boxes[0].model;
      const tick = () => new Promise((r) => setTimeout(r, 60));
      const selectAll = () => {
        el.focus();
        const sel = el.getRootNode().getSelection ? el.getRootNode().getSelection() : document.getSelection();
        const range = document.createRange();
        range.selectNodeContents(el);
        sel.removeAllRanges();
        sel.addRange(range);
      };
      if (editor === 'react' || editor === 'textarea' || editor === 'input') {
        const before = model();
        el.value = 'set through the instance';
        await tick();
        if (model() !== before) out.push(`${editor}: el.value = x changed the model without an event`);
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await tick();
        if (editor === 'react' && model() !== before) out.push('react: el.value = x + input event changed the model (tracker missing)');
        if (editor !== 'react' && model() !== 'set through the instance') out.push(`${editor}: input event did not update the model`);
        const proto = editor === 'input' ? HTMLInputElement.prototype : HTMLTextAreaElement.prototype;
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, 'native setter');
        el.dispatchEvent(new Event('input', { bubbles: false }));
        await tick();
        if (editor === 'react' && model() === 'native setter') out.push('react: a non-bubbling input event reached the root listener');
        Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, 'native setter 2');
        el.dispatchEvent(new Event('input', { bubbles: true }));
        await tick();
        if (model() !== 'native setter 2') out.push(`${editor}: native setter + bubbling input did not update the model`);
      } else {
        // Setting the DOM without events.
        const before = model();
        el.textContent = 'set through the DOM';
        await tick();
        await tick();
        if ((editor === 'contenteditable' || editor === 'plaintext') && model() !== before) out.push(`${editor}: DOM edit without input event changed the model`);
        if (editor === 'lexical') {
          if (model() !== before) out.push('lexical: DOM edit without input event changed the model');
          if (s.domValue(0) !== before) out.push('lexical: DOM edit was not reverted');
        }
        if ((editor === 'prosemirror' || editor === 'quill') && model() !== 'set through the DOM') out.push(`${editor}: DOM observer did not pick up the edit`);
        // What a filler does: select all, insertText.
        selectAll();
        document.execCommand('insertText', false, 'exec one\nexec two');
        await tick();
        if (model() !== 'exec one\nexec two') out.push(`${editor}: execCommand insertText gave model ${JSON.stringify(model())}`);
        if (s.domValue(0) !== model()) out.push(`${editor}: after insertText the box shows ${JSON.stringify(s.domValue(0))}`);
        // A synthetic paste: the rich editors handle it, a plain contenteditable does not.
        selectAll();
        const data = new DataTransfer();
        data.setData('text/plain', 'pasted one\npasted two');
        const was = model();
        el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
        await tick();
        const rich = ['prosemirror', 'quill', 'lexical'].includes(editor);
        if (rich && model() !== 'pasted one\npasted two') out.push(`${editor}: synthetic paste gave model ${JSON.stringify(model())}`);
        if (!rich && model() !== was) out.push(`${editor}: synthetic paste changed the model`);
      }
      return out;
    }, f.editor));

    // Decoys as they were, nothing submitted.
    const s = await state(page);
    for (const d of s.decoys) if (d.value !== d.initial) problems.push(`decoy "${d.label}" changed`);
    if (s.submitted) problems.push('submitted');
    const csp = await page.evaluate(() => window.__cspViolations || []);
    problems.push(...csp.map((v) => `CSP: ${v}`));
  } catch (e) {
    problems.push(`threw: ${e.message.split('\n')[0]}`);
  } finally {
    problems.push(...errors.map((e) => `page error: ${e}`));
    await page.close();
  }
  return problems;
}

/** memory.mjs and cases.mjs are written elsewhere; until they exist, stand-ins keep page.mjs loading. */
async function stubMissingModules(context) {
  const stubs = {
    'memory.mjs': 'export function memoryVariant() { throw new Error("no memory.mjs"); }\nexport function renderMemory() {}\n',
    'cases.mjs': 'export function namedCase(name) { throw new Error(`no cases.mjs: ${name}`); }\n',
  };
  await context.route(/\/__drift\/(memory|cases)\.mjs$/, async (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    const there = await fs.access(path.join(HERE, name)).then(() => true, () => false);
    if (there) return route.continue();
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: stubs[name] });
  });
}

async function main() {
  const env = await startAll({});
  let failed = 0;
  try {
    await env.context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`);
      });
    });
    await stubMissingModules(env.context);
    for (const site of SITES.filter((s) => !ONLY || s === ONLY)) {
      // The seeds in a row, then for each editor the next seeds from 1000 on that draw it, so
      // that rare editors are checked on every site. (Overrides would not do here: the page
      // builds its variant from the URL's seed alone.)
      const variants = Array.from({ length: SEEDS }, (_, k) => importVariant(site, FROM + k));
      for (const editor of EDITORS) {
        for (let seed = 1000 + FROM, found = 0; found < PER_EDITOR; seed += 1) {
          const variant = importVariant(site, seed);
          if (variant.features.editor === editor) { variants.push(variant); found += 1; }
        }
      }
      const results = [];
      // A few pages at a time.
      for (let k = 0; k < variants.length; k += PARALLEL) {
        const batch = variants.slice(k, k + PARALLEL).map(async (variant, j) => {
          const problems = await checkVariant(env.context, variant, k + j < SHOTS);
          return { variant, problems };
        });
        results.push(...await Promise.all(batch));
      }
      const bad = results.filter((r) => r.problems.length);
      failed += bad.length;
      const editors = {};
      for (const { variant } of results) editors[variant.features.editor] = (editors[variant.features.editor] || 0) + 1;
      console.log(`${site}: ${results.length - bad.length}/${results.length} variants fine ` +
        `(editors: ${Object.entries(editors).map(([e, k]) => `${e} ${k}`).join(', ')})`);
      for (const { variant, problems } of bad) {
        const f = variant.features;
        console.log(`  seed ${variant.seed} [${f.editor}, ${f.shadow}, ${f.labels}, ${f.container}, opener ${f.opener}, late ${f.late}, busy ${f.busy}]`);
        for (const p of problems) console.log(`    - ${p}`);
      }
    }
  } finally {
    await env.close();
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
