// Debugging aid: runs page/agent.js's read on a URL with the plan the worker makes, and
// prints what it read. node tests/drift/debug-read.mjs <url> [--shot file.png]
import fs from 'node:fs/promises';
import path from 'node:path';
import { DIST, start } from '../e2e/steps.mjs';

const url = process.argv[2];
const env = await start();
try {
  const reply = await env.worker.evaluate((u) => globalThis.memport.handleMessage({ kind: 'page_opened', url: u }), url);
  const page = await env.context.newPage();
  page.on('console', (m) => console.error('[page]', m.text()));
  const seen = new Set();
  page.on('pageerror', (e) => { if (!seen.has(e.message)) { seen.add(e.message); console.error('[pageerror]', e.message); } });
  await page.goto(url);
  await page.waitForTimeout(1000);
  const source = await fs.readFile(path.join(DIST, 'page', 'agent.js'), 'utf8');
  await page.evaluate(`delete globalThis.memportAgent; ${source}`);
  const t0 = Date.now();
  const outcome = await page.evaluate((p) => globalThis.memportAgent.read(p), reply.plan.read);
  console.log(JSON.stringify(outcome, null, 1));
  console.error(`read in ${Date.now() - t0} ms`);
  // On a drift page: which truth lines the read missed.
  const spec = new URL(url).searchParams.get('drift');
  if (spec) {
    const { memoryVariant } = await import('./memory.mjs');
    const { namedCase } = await import('./cases.mjs');
    const site = { 'claude.ai': 'claude', 'chatgpt.com': 'chatgpt', 'gemini.google.com': 'gemini' }[new URL(url).hostname];
    const [kind, arg] = spec.split(':');
    const variant = kind === 'case' ? namedCase(arg) : memoryVariant(site, Number(arg));
    const read = new Set([...(outcome.blocks ?? []), ...(outcome.lists ?? []).flatMap((l) => l.blocks)]
      .flatMap((b) => b.text.split('\n')).map((t) => t.replace(/\s+/g, ' ').trim()));
    const truth = [...variant.truth.parts.memory, ...(variant.truth.parts.edits ?? [])];
    console.error('features', JSON.stringify(variant.features));
    console.error('missing', JSON.stringify(truth.filter((t) => !read.has(t.replace(/\s+/g, ' ').trim()))));
  }
  const saved = await env.worker.evaluate((o) => globalThis.memport.handleMessage({ kind: 'page_read', outcome: o }), outcome);
  console.log(JSON.stringify(saved));
  const shot = process.argv.indexOf('--shot');
  if (shot > 0) await page.screenshot({ path: process.argv[shot + 1] });
} finally {
  await env.close();
}
