// Figures, not a test: how smooth the popup is with a long profile (issue 16: 500 memories,
// scrolling and filtering under 16 ms a frame).
//
//   node tests/bench/popup.mjs [--items 500] [--runs 3] [--before DIR]
//                                                 (after ./dev build; ./dev bench --popup)
//
// In headless Chromium with the built extension (dist/chromium, or MEMPORT_DIST), the popup
// opened at its size (420 x 900) on a stored profile of 500 memories from three sources in
// six categories. Three things are timed, each `--runs` times:
//   - opening: from the page's start to the last memory drawn;
//   - scrolling: the mouse wheel through the whole list, 100 px a frame;
//   - filtering: typing "lisbon" into the search a key at a time, then erasing it (the whole
//     list drawn again), as a person types.
// While scrolling and filtering, the page records every frame (requestAnimationFrame) with the
// time since the one before, and the browser's long tasks (over 50 ms). A frame at 60 Hz is
// 16.7 ms: a frame time above that is a frame the person sees late. Printed: the frames, their
// median, 95th percentile and longest, and how many were late. Each run starts a browser of
// its own.
//
// --before DIR: another built extension (a copy of dist/chromium made before a change), run in
// turn with this one, run by run, so the machine's load weighs on both alike; a table for each.

import { DIST, openPopup } from '../e2e/steps.mjs';
import { startAll } from '../e2e/harness.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const ITEMS = Number(arg('--items', 500));
const RUNS = Number(arg('--runs', 3));
const BEFORE = arg('--before', null);
const FRAME = 1000 / 60;

const CATEGORIES = ['Response instructions', 'Personal information', 'Projects and goals', 'Technical preferences', 'Behavioral corrections', 'Other context'];
const ASSISTANTS = ['claude', 'gemini', 'chatgpt'];
const WORDS = 'lives in lisbon porto ghent prefers short answers writes rust daily uses neovim figma linear runs along the river on weekends is learning portuguese reads novels slowly with a dictionary keeps a garden of tomatoes'.split(' ');

/** A profile of `n` memories, of one to three lines each, deterministic. */
function profile(n) {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  return JSON.stringify({
    schema: 1,
    items: Array.from({ length: n }, (_, i) => {
      const words = Array.from({ length: 5 + Math.floor(next() * 30) }, () => WORDS[Math.floor(next() * WORDS.length)]);
      const assistant = ASSISTANTS[i % 3];
      return {
        id: `bench${i}`,
        text: `${words.join(' ')} (${i}).`.replace(/^./, (c) => c.toUpperCase()),
        category: CATEGORIES[Math.floor(next() * CATEGORIES.length)],
        sources: [{ assistant, url: `https://example.invalid/${assistant}`, heading: null, captured_at: '2026-11-20T10:00:00Z' }],
      };
    }),
  });
}

/** Starts recording frames and long tasks in the page. */
function record(page) {
  return page.evaluate(() => {
    const rec = { frames: [], long: [], on: true };
    globalThis.__bench = rec;
    new PerformanceObserver((list) => rec.on && rec.long.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
    let last = performance.now();
    const tick = (now) => {
      if (!rec.on) return;
      rec.frames.push(now - last);
      last = now;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame((now) => {
      last = now;
      requestAnimationFrame(tick);
    });
  });
}

/** Stops recording; resolves with the frame times and long tasks. */
function stop(page) {
  return page.evaluate(() => {
    globalThis.__bench.on = false;
    return { frames: globalThis.__bench.frames, long: globalThis.__bench.long };
  });
}

const pct = (xs, p) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
};
const ms = (x) => `${x.toFixed(1)} ms`;

async function scroll(page) {
  await page.mouse.move(210, 600);
  const height = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  await record(page);
  for (let y = 0; y < height; y += 100) {
    await page.mouse.wheel(0, 100);
    await page.waitForTimeout(FRAME);
  }
  await page.waitForTimeout(200);
  const got = await stop(page);
  await page.evaluate(() => scrollTo(0, 0));
  return got;
}

async function filter(page) {
  const search = page.getByRole('searchbox', { name: 'Search memories' });
  await search.focus();
  await record(page);
  await page.keyboard.type('lisbon', { delay: 120 });
  await page.waitForFunction(() => document.querySelector('#shown')?.textContent.startsWith('Showing'));
  await page.waitForTimeout(300);
  for (let i = 0; i < 6; i += 1) {
    await page.keyboard.press('Backspace');
    await page.waitForTimeout(120);
  }
  await page.waitForFunction((n) => document.querySelectorAll('.item').length === n, ITEMS);
  await page.waitForTimeout(300);
  return stop(page);
}

/** One run on the extension in `dir`: opening, scrolling and filtering, into `rows`. */
async function run(dir, rows) {
  const env = await startAll({ extensionDir: dir });
  try {
    await env.worker.evaluate(async (json) => {
      await globalThis.memport.ready;
      await chrome.storage.local.set({ 'memport.profile': json });
    }, profile(ITEMS));
    const page = await openPopup(env);
    await page.waitForFunction((n) => document.querySelectorAll('.item').length === n, ITEMS, { timeout: 30_000 });
    rows.opening.push(await page.evaluate(() => performance.now()));
    for (const [name, how] of [['scrolling', scroll], ['filtering', filter]]) {
      const got = await how(page);
      rows[name].frames.push(...got.frames);
      rows[name].long.push(...got.long);
    }
  } finally {
    await env.close();
  }
}

const builds = BEFORE ? [['before', BEFORE], ['after', DIST]] : [['', DIST]];
const results = builds.map(() => ({ opening: [], scrolling: { frames: [], long: [] }, filtering: { frames: [], long: [] } }));
for (let at = 0; at < RUNS; at += 1) {
  for (const [i, [, dir]] of builds.entries()) await run(dir, results[i]);
}
for (const [i, [label, dir]] of builds.entries()) {
  const rows = results[i];
  console.log(`The popup with ${ITEMS} memories at 420 x 900, headless Chromium, ${RUNS} runs${label ? `, ${label} (${dir})` : ''}`);
  console.log(`  opening, to the last memory drawn: median ${ms(pct(rows.opening, 50))} (${rows.opening.map((x) => Math.round(x)).join(', ')} ms)`);
  console.log(`  ${'what'.padEnd(10)} ${'frames'.padStart(7)} ${'median'.padStart(9)} ${'p95'.padStart(9)} ${'longest'.padStart(9)} ${'late (>16.7 ms)'.padStart(16)} ${'long tasks'.padStart(11)}`);
  for (const name of ['scrolling', 'filtering']) {
    const { frames, long } = rows[name];
    const late = frames.filter((f) => f > FRAME + 1).length;
    console.log(`  ${name.padEnd(10)} ${String(frames.length).padStart(7)} ${ms(pct(frames, 50)).padStart(9)} ${ms(pct(frames, 95)).padStart(9)} ${ms(Math.max(...frames)).padStart(9)} ${`${late} (${((100 * late) / Math.max(1, frames.length)).toFixed(1)}%)`.padStart(16)} ${String(long.length).padStart(11)}`);
  }
}
