// The browser's Unicode normal forms against the ones memport's native build uses
// (tests/fixtures/unicode-forms.txt, written by tests/unicode_forms.rs). In the WebAssembly
// modules memport normalizes with String.prototype.normalize (crate/unicode.rs), so item ids
// computed in the browser equal the ones the `memport` tool computes only if the two agree.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'unicode-forms.txt');

/** {ahead: {codePointHex: record}, blocks: ['000 <digest>', …]} as the fixture writes them. */
export function writtenForms() {
  const lines = fs.readFileSync(FIXTURE, 'utf8').split('\n');
  const ahead = {};
  for (const l of lines.filter((x) => x.startsWith('ahead '))) {
    const [cp, ...forms] = l.slice('ahead '.length).split(' ');
    ahead[cp] = forms;
  }
  return { ahead, blocks: lines.filter((l) => l.startsWith('block ')).map((l) => l.slice('block '.length)) };
}

/**
 * Runs in the browser (serialized): the digest of each block of 4,096 code points, as
 * tests/unicode_forms.rs defines it, with the browser's String.prototype.normalize. A code
 * point the browser does not know (\p{Cn}) that the fixture lists as `ahead` counts with the
 * fixture's forms. Resolves with {blocks, known}: the digests, and the `ahead` code points the
 * browser knows after all.
 */
export async function browserForms(ahead) {
  const fromHex = (forms) => forms.map((f) => (f ? f.split(',').map((h) => String.fromCodePoint(parseInt(h, 16))).join('') : ''));
  const unknown = /^\p{Cn}$/u;
  const encoder = new TextEncoder();
  const blocks = [];
  const known = [];
  for (let block = 0; block < 0x110; block++) {
    const parts = [];
    for (let cp = block * 0x1000; cp < (block + 1) * 0x1000; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const s = String.fromCodePoint(cp);
      const listed = ahead[cp.toString(16)];
      if (listed && !unknown.test(s)) known.push(cp.toString(16));
      const forms = listed && unknown.test(s)
        ? fromHex(listed)
        : [s.normalize('NFKC'), s.normalize('NFC'), s.normalize('NFD').normalize('NFC'), s.normalize('NFKD').normalize('NFKC')];
      parts.push(forms.join('\u0001') + '\u0001\u0002');
    }
    const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(parts.join(''))));
    blocks.push(`${block.toString(16).padStart(3, '0')} ${[...hash.slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
  }
  return { blocks, known };
}

/** The blocks whose digests differ between the browser and the fixture. */
export function differingBlocks(got, written) {
  return written.blocks.filter((b, i) => got.blocks[i] !== b).map((b) => b.slice(0, 3));
}
