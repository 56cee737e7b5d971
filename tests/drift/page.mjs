// The drift page: reads ?drift=<kind>:<seed> (or case:<name>) and the host, builds that
// variant and renders it. Served by the replica server for any route carrying ?drift, under
// the page's strict CSP, so everything here is an external module and an external stylesheet.

import { memoryVariant, renderMemory } from './memory.mjs';
import { importVariant, renderImport } from './import.mjs';
import { namedCase } from './cases.mjs';

const SITE_OF_HOST = { 'claude.ai': 'claude', 'chatgpt.com': 'chatgpt', 'gemini.google.com': 'gemini' };

function variantFromUrl() {
  const site = SITE_OF_HOST[location.hostname];
  const spec = new URLSearchParams(location.search).get('drift') || '';
  const [kind, arg] = spec.split(':');
  if (kind === 'case') return namedCase(arg);
  const seed = Number(arg);
  if (kind === 'memory') return memoryVariant(site, seed);
  if (kind === 'import') return importVariant(site, seed);
  throw new Error(`drift: cannot read ${spec}`);
}

const variant = variantFromUrl();
const sheet = document.createElement('link');
sheet.rel = 'stylesheet';
sheet.href = `/__drift/${variant.kind}.css`;
document.head.append(sheet);
if (variant.kind === 'memory') renderMemory(variant, document);
else renderImport(variant, document);
