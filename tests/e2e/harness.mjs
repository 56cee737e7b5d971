// Browser harness for memport's end-to-end tests.
//
// Launches the system Chromium (never a downloaded one) through
// playwright-core with a fresh profile, optionally with the unpacked
// extension loaded, and with claude.ai / chatgpt.com / gemini.google.com
// resolved to the local HTTPS replica server (tests/replicas/server.mjs).
//
//   import { startAll } from './harness.mjs';
//   const env = await startAll({ extensionDir: '/path/to/dist' });
//   const page = await env.context.newPage();
//   await page.goto('https://claude.ai/settings/capabilities');
//   ...
//   await env.close();
//
// What works with Debian's /usr/bin/chromium 156 (checked with a throwaway
// MV3 extension: module service worker + content script on claude.ai):
//   chromium.launchPersistentContext(userDataDir, {
//     executablePath: '/usr/bin/chromium', headless: true, args: [...] })
// Playwright turns `headless: true` into plain `--headless`, which since
// Chrome 132 IS the new headless mode (the old one lives only in the separate
// headless-shell binary), so extensions, their service workers and content
// scripts all load. `headless: false` + `--headless=new` works the same way;
// it is not needed. Playwright's own default `--disable-extensions` does not
// get in the way: `--disable-extensions-except` + `--load-extension` win.
// Debian's /usr/bin/chromium is a shell wrapper that adds flags from
// /etc/chromium.d (among them an empty `--load-extension=`); ours come later
// on the command line and take precedence, so the wrapper is fine.
// Set CHROMIUM=/path/to/binary to use another browser binary.

import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import assert from 'node:assert/strict';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';
import { startReplicaServer } from '../replicas/server.mjs';

/** Host names that the browser sends to the replica server. */
export const REPLICA_HOSTS = ['claude.ai', 'chatgpt.com', 'gemini.google.com', 'notes.example.org', 'chatgpt.example.org'];

const WORKER_TIMEOUT_MS = 15_000;

/**
 * Launches Chromium with a temporary profile.
 * @param {{extensionDir?: string, port?: number, headless?: boolean, lang?: string}} options
 *   extensionDir: unpacked extension to load (its manifest.json inside);
 *   port: replica server port that REPLICA_HOSTS are mapped to;
 *   lang: the browser's UI language ("fr", "ja"), which the extension's _locales follow.
 * @returns {Promise<{context: import('playwright-core').BrowserContext,
 *   worker: import('playwright-core').Worker | null,
 *   extensionId: string | null, userDataDir: string,
 *   close: () => Promise<void>}>}
 */
export async function launchBrowser({ extensionDir, port, headless = true, lang = null } = {}) {
  const userDataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'memport-profile-'));
  const args = [];
  let extDir = null;
  if (extensionDir) {
    extDir = path.resolve(extensionDir);
    args.push(`--disable-extensions-except=${extDir}`, `--load-extension=${extDir}`);
  }
  if (port) {
    args.push('--host-resolver-rules=' +
      REPLICA_HOSTS.map((host) => `MAP ${host} 127.0.0.1:${port}`).join(', '));
  }
  args.push(
    '--ignore-certificate-errors', // the replica certificate is self-signed
    '--no-sandbox', // we run as root
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  );
  // Chromium on Linux takes its UI language from --lang and LANGUAGE; pages see `locale`.
  if (lang) args.push(`--lang=${lang}`);

  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
      headless, // true = new headless on Chromium >= 132; extensions work
      args,
      viewport: { width: 1280, height: 800 },
      ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` } } : {}),
    });
  } catch (err) {
    await fs.rm(userDataDir, { recursive: true, force: true });
    throw err;
  }

  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await context.close();
    } finally {
      await fs.rm(userDataDir, { recursive: true, force: true });
    }
  };

  let worker = null;
  let extensionId = null;
  if (extDir) {
    try {
      // The worker may already be running by the time we ask.
      worker = context.serviceWorkers().find((w) => w.url().startsWith('chrome-extension://')) ||
        await context.waitForEvent('serviceworker', {
          predicate: (w) => w.url().startsWith('chrome-extension://'),
          timeout: WORKER_TIMEOUT_MS,
        });
    } catch (err) {
      await close();
      throw new Error(`extension service worker did not start within ${WORKER_TIMEOUT_MS} ms ` +
        `(extensionDir ${extDir}): ${err.message}`);
    }
    // chrome-extension://<id>/worker.js
    extensionId = new URL(worker.url()).host;
  }

  return { context, worker, extensionId, userDataDir, close };
}

/**
 * Starts the replica server, then the browser pointed at it.
 * @param {{extensionDir?: string}} [options]
 * @returns {Promise<{server: {port: number, close: () => Promise<void>}, port: number,
 *   context: import('playwright-core').BrowserContext,
 *   worker: import('playwright-core').Worker | null, extensionId: string | null,
 *   userDataDir: string, close: () => Promise<void>}>}
 */
export async function startAll({ extensionDir, headless = true, lang = null } = {}) {
  const server = await startReplicaServer();
  let browser;
  try {
    browser = await launchBrowser({ extensionDir, port: server.port, headless, lang });
  } catch (err) {
    await server.close();
    throw err;
  }
  return {
    ...browser,
    server,
    port: server.port,
    async close() {
      try {
        await browser.close();
      } finally {
        await server.close();
      }
    },
  };
}

/**
 * One browser on the replicas (no extension) for a whole test file, CSP violations recorded
 * in every page from before any page script runs (init scripts come through the DevTools
 * protocol, not subject to CSP). `session.open(t, url, {csp})` opens a page that fails its
 * test on uncaught page errors and, with `csp`, on CSP violations; it resolves with
 * `{page, response}`. `session.env` is what startAll returned.
 */
export function replicaSession() {
  const session = { env: null, open };
  before(async () => {
    session.env = await startAll({});
    session.env.context.setDefaultTimeout(5000);
    await session.env.context.addInitScript(() => {
      window.__cspViolations = [];
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__cspViolations.push(`${e.effectiveDirective} ${e.blockedURI}`);
      });
    });
  });
  after(async () => {
    await session.env?.close();
  });
  async function open(t, url, { csp = false } = {}) {
    const page = await session.env.context.newPage();
    const errors = [];
    page.on('pageerror', (err) => errors.push(err.message));
    t.after(async () => {
      const violations = csp ? await page.evaluate(() => window.__cspViolations).catch(() => []) : [];
      await page.close();
      assert.deepEqual(errors, [], 'uncaught errors in the page');
      assert.deepEqual(violations, [], 'CSP violations in the page');
    });
    const response = await page.goto(url);
    return { page, response };
  }
  return session;
}
