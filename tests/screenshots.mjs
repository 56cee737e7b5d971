// Where the browser tests (Chromium and Firefox) and the demo save their screenshots:
// target/screenshots/, which git ignores, so `./dev test` and `./dev demo` leave the tree
// clean. The README's screenshots in docs/screenshots/ change only through `./dev screenshots`,
// which runs the tests that take them and copies them over.

import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOTS = path.join(REPO, 'target', 'screenshots');

/** The file a screenshot called `name` (such as "popup.png") goes to, its folder made. */
export async function screenshotFile(name) {
  await fs.mkdir(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}
