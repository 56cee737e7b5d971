// Checks the drift simulator's memory pages themselves (not memport): for each site, a number
// of seeds and every named case, in Chromium without the extension:
//  - no page errors, no CSP violations;
//  - driftState.rendered within 3 s;
//  - the variant the page built equals memoryVariant(site, seed) in Node (same truth);
//  - a region behind an opener holds none of its lines before the opener is pressed; once
//    pressed, it completes within 3 s and every truth line is then visible on screen (a
//    virtualized list is scrolled through); closing it (Escape, its close button, or a click
//    outside) hides or removes it; reopening works again;
//  - inline regions: every line visible; ChatGPT's fields hold exactly the truth's values.
//
//   node tests/drift/check-pages.mjs                  # 30 seeds per site + the named cases
//   node tests/drift/check-pages.mjs --n 5 --sites gemini --start 100   # seeds 100-104
//   node tests/drift/check-pages.mjs --seeds 3,17 --sites claude --shots /tmp/drift-shots
//   node tests/drift/check-pages.mjs --cases-only
// Exits 1 when any check fails, listing the failures.

import assert from 'node:assert/strict';
import fs from 'node:fs/promises';
import path from 'node:path';
import { startAll } from '../e2e/harness.mjs';
import { memoryVariant, SITES } from './memory.mjs';
import { CASES, namedCase } from './cases.mjs';

const args = process.argv.slice(2);
const arg = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const N = Number(arg('n', 30));
const START = Number(arg('start', 1));
const sites = arg('sites', SITES.join(',')).split(',');
const seeds = arg('seeds', null)?.split(',').map(Number);
const shots = arg('shots', null);
const casesOnly = args.includes('--cases-only');
const RENDER_MS = 3000;

/** In the page: every element of the composed tree (open shadow roots included). */
function pageHelpers() {
  const all = (root = document) => {
    const out = [];
    const walk = (node) => {
      for (const el of node.querySelectorAll('*')) {
        out.push(el);
        if (el.shadowRoot) walk(el.shadowRoot);
      }
    };
    walk(root);
    return out;
  };
  const norm = (text) => String(text ?? '').replace(/\s+/g, ' ').trim();
  /** Elements whose rendered text is exactly `line` (innerText: what is shown). */
  const candidates = (line, elements) => elements.filter((el) => el.innerText !== undefined && norm(el.innerText) === line);
  /** Whether `el` is visible and on top at its centre. */
  const onScreen = (el) => {
    if (!el.isConnected || !el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })) return false;
    const rect = el.getBoundingClientRect();
    if (rect.width < 1 || rect.height < 1) return false;
    const x = rect.left + Math.min(rect.width / 2, 40);
    const y = rect.top + Math.min(rect.height / 2, 10);
    if (x < 0 || y < 0 || x > innerWidth || y > innerHeight) return false;
    const hit = el.getRootNode().elementFromPoint(x, y);
    return Boolean(hit) && (hit === el || el.contains(hit));
  };
  const frames = (n = 2) => new Promise((resolve) => {
    const step = () => (n-- <= 0 ? resolve() : requestAnimationFrame(step));
    step();
  });
  return { all, norm, candidates, onScreen, frames };
}

/** In the page: which of `lines` cannot be seen on screen, after scrolling to each. */
async function invisibleLines(lines) {
  const { all, candidates, onScreen, frames } = window.__drift;
  const left = new Set(lines);
  // Lines in the DOM: scroll each into view, then look.
  for (const line of [...left]) {
    let found = candidates(line, all());
    if (!found.length) continue;
    found[0].scrollIntoView({ block: 'center' });
    await frames(2);
    await new Promise((r) => setTimeout(r, 30));
    found = candidates(line, all());
    if (found.some(onScreen)) left.delete(line);
  }
  // The rest may be rows of virtualized lists not rendered yet: scroll every scroller through.
  const scrollers = all().filter((el) => {
    const style = getComputedStyle(el);
    return /(auto|scroll)/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0;
  });
  for (const scroller of scrollers) {
    if (!left.size) break;
    const was = scroller.scrollTop;
    scroller.scrollIntoView({ block: 'center' });
    for (let y = 0; ; y += Math.max(40, scroller.clientHeight / 3)) {
      scroller.scrollTop = y;
      await frames(2);
      await new Promise((r) => setTimeout(r, 40));
      const elements = all();
      for (const line of [...left]) if (candidates(line, elements).some(onScreen)) left.delete(line);
      if (!left.size || y >= scroller.scrollHeight - scroller.clientHeight) break;
    }
    scroller.scrollTop = was;
  }
  return [...left];
}

/** In the page: which of `lines` are in the DOM at all (text of the composed tree). */
function presentLines(lines) {
  const { all, norm } = window.__drift;
  const texts = all().map((el) => norm(el.textContent));
  return lines.filter((line) => texts.some((t) => t.includes(line)));
}

/** JSON round trip: what survives the trip out of the page. */
const plain = (value) => JSON.parse(JSON.stringify(value));

/** Clicks the element whose own text (or accessible label) is exactly `label`. */
async function clickLabelled(page, label) {
  const handle = await page.evaluateHandle((label) => {
    const { all, norm, onScreen } = window.__drift;
    const els = all().filter((el) => norm(el.innerText) === label || el.getAttribute('aria-label') === label || el.getAttribute('title') === label);
    // A person scrolls to it first (it may be below the fold of a settings panel).
    els.forEach((el) => el.checkVisibility() && el.scrollIntoView({ block: 'center' }));
    // The innermost clickable-looking one that is on screen.
    const clickable = els.filter((el) => el.matches('button, a, [role=button], div, span') && onScreen(el));
    return clickable.find((el) => el.matches('button, a, [role=button]')) || clickable[0] || null;
  }, label);
  const el = handle.asElement();
  if (!el) throw new Error(`no visible control labelled "${label}"`);
  await el.click();
}

/**
 * Closes region `name` one of three ways; returns the way. Without a close button of its own
 * (features.close 'none'), Escape: another Close on screen (ChatGPT's settings) is not its.
 */
async function closeRegion(page, variant, name, how) {
  if (how === 'button' && name === 'memory' && variant.features.close === 'none') how = 'escape';
  if (how === 'button') {
    const labels = variant.features.lang === 'fr' ? ['Fermer', 'Terminé'] : ['Close', 'Done'];
    const clicked = await page.evaluate((labels) => {
      const { all, norm, onScreen } = window.__drift;
      // The topmost visible close control: the last one in document order that is on screen.
      const els = all().filter((el) => el.matches('button, [role=button], a, div') &&
        labels.some((l) => norm(el.innerText) === l || el.getAttribute('aria-label') === l || el.getAttribute('title') === l) && onScreen(el));
      const el = els[els.length - 1];
      if (!el) return false;
      el.click();
      return true;
    }, labels);
    if (clicked) return 'button';
    how = 'escape';
  }
  if (how === 'outside') {
    await page.mouse.click(6, 790);
    return 'outside';
  }
  await page.keyboard.press('Escape');
  return 'escape';
}

/** Checks one variant; returns a list of problems (empty when all is well). */
async function checkVariant(context, variant, { shot } = {}) {
  const problems = [];
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto(variant.url);
    const began = Date.now();
    try {
      await page.waitForFunction(() => window.driftState?.rendered === true, null, { timeout: RENDER_MS });
    } catch {
      problems.push(`not rendered within ${RENDER_MS} ms`);
      return problems;
    }
    const renderMs = Date.now() - began;
    await page.evaluate(`window.__drift = (${pageHelpers.toString()})()`);
    const inPage = await page.evaluate(() => JSON.parse(JSON.stringify(window.driftState.variant)));
    try {
      assert.deepEqual(inPage, plain(variant));
    } catch {
      problems.push('the page built another variant than Node did');
    }
    const f = variant.features;
    const parts = variant.truth.parts;
    const regions = [{ name: 'memory', opener: f.opener, lines: parts.memory }];
    if (variant.site === 'claude') regions.push({ name: 'edits', opener: f.editsOpener, lines: parts.edits });

    // ChatGPT's fields: exactly the truth's values, in visible fields.
    if (parts.fields) {
      const values = await page.evaluate(() => window.__drift.all()
        .filter((el) => el.matches('textarea, input[type=text]') && el.value)
        .filter((el) => {
          el.scrollIntoView({ block: 'center' });
          return window.__drift.onScreen(el);
        }).map((el) => el.value));
      const want = parts.fields.map((x) => x.value);
      const missing = want.filter((v) => !values.includes(v));
      if (missing.length || values.length !== want.length) problems.push(`fields: want ${JSON.stringify(want)}, shown ${JSON.stringify(values)}`);
    }

    for (const [i, region] of regions.entries()) {
      if (region.opener === 'none') {
        if (region.name === 'memory') {
          const hidden = await page.evaluate(invisibleLines, region.lines);
          if (hidden.length) problems.push(`inline ${region.name}: ${hidden.length} lines not visible, e.g. ${JSON.stringify(hidden[0])}`);
          if (shot) await page.screenshot({ path: `${shot}-inline.png` });
        }
        continue;
      }
      const early = await page.evaluate(presentLines, region.lines);
      if (early.length) problems.push(`${region.name}: ${early.length} lines in the page before the opener was pressed`);
      for (let round = 0; round < 2; round += 1) {
        await clickLabelled(page, region.opener);
        try {
          await page.waitForFunction((name) => window.driftState.regions[name]?.complete, region.name, { timeout: RENDER_MS });
        } catch {
          problems.push(`${region.name}: not complete within ${RENDER_MS} ms of the opener (round ${round + 1})`);
          break;
        }
        const hidden = await page.evaluate(invisibleLines, region.lines);
        if (hidden.length) problems.push(`${region.name}: ${hidden.length}/${region.lines.length} lines not visible after opening (round ${round + 1}), e.g. ${JSON.stringify(hidden[0])}`);
        if (shot && round === 0) await page.screenshot({ path: `${shot}-${region.name}.png` });
        const how = ['escape', 'button', 'outside'][(variant.seed + i + round) % 3];
        const used = await closeRegion(page, variant, region.name, how);
        try {
          await page.waitForFunction((name) => !window.driftState.regions[name].open, region.name, { timeout: 1000 });
        } catch {
          problems.push(`${region.name}: still open after closing it by ${used}`);
          break;
        }
        await page.waitForTimeout(50);
        const visible = region.lines.length - (await page.evaluate(invisibleLines, region.lines)).length;
        if (visible) problems.push(`${region.name}: ${visible} lines still visible after closing by ${used}`);
      }
    }
    const violations = await page.evaluate(() => window.__cspViolations || []);
    if (violations.length) problems.push(`CSP violations: ${violations.join('; ')}`);
    if (renderMs > RENDER_MS) problems.push(`rendered after ${renderMs} ms`);
  } catch (err) {
    problems.push(`check failed: ${err.message.split('\n')[0]}`);
  } finally {
    if (errors.length) problems.push(`page errors (${errors.length}): ${[...new Set(errors)].slice(0, 3).join('; ')}`);
    await page.close();
  }
  return problems;
}

const env = await startAll({});
let failures = 0;
let checked = 0;
try {
  env.context.setDefaultTimeout(5000);
  await env.context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`);
    }, true);
  });
  if (shots) await fs.mkdir(shots, { recursive: true });
  const variants = [];
  if (!casesOnly) {
    for (const site of sites) {
      const list = seeds || Array.from({ length: N }, (_, i) => START + i);
      for (const seed of list) variants.push(memoryVariant(site, seed));
    }
  }
  for (const name of CASES) {
    const v = namedCase(name);
    if (sites.includes(v.site) && v.kind === 'memory') variants.push(v);
  }
  for (const [i, variant] of variants.entries()) {
    const id = variant.caseName ? `case:${variant.caseName}` : `${variant.site}:${variant.seed}`;
    const shot = shots && (i % 7 === 0 || variant.caseName || seeds) ? path.join(shots, id.replace(/[:/]/g, '-')) : null;
    const problems = await checkVariant(env.context, variant, { shot });
    checked += 1;
    if (problems.length) {
      failures += 1;
      const f = variant.features;
      console.log(`FAIL ${id} [${f.container}/${f.shell} ${f.entry} ${f.virtualized} ${f.loading} ${f.shadow} ${f.aria}]`);
      for (const p of problems) console.log(`    ${p}`);
    } else {
      console.log(`ok   ${id}`);
    }
  }
} finally {
  await env.close();
}
console.log(`${checked - failures} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
