// Firefox for memport's end-to-end tests: Debian's firefox-esr driven through geckodriver's
// WebDriver HTTP API with plain fetch, the built extension (dist/firefox/) installed as a
// temporary add-on, and claude.ai / chatgpt.com / gemini.google.com sent to the HTTPS replica
// server (tests/replicas/server.mjs).
//
// Chromium's tests map the hosts with --host-resolver-rules; Firefox's
// network.dns.forceResolve maps names but not the port, and the replica server listens on a
// free port. So Firefox is given a small CONNECT proxy here, which sends the replica hosts to
// the server and refuses everything else (Firefox's own background traffic included).
// The replica certificate is self-signed: the session accepts insecure certificates.
//
// memport's in-page marks are closed shadow roots that act only on trusted events. WebDriver
// reaches a closed root as DevTools does (Get Element Shadow Root), and its Element Click is a
// real click at the element's place, trusted like a person's.
//
//   const ff = await startFirefox();
//   await ff.go('https://claude.ai/settings/capabilities');
//   await ff.pressMemport('capture', 'Save memory to memport');
//   await ff.close();

import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startReplicaServer } from '../replicas/server.mjs';
import { screenshotFile } from '../screenshots.mjs';

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = path.join(REPO, 'dist', 'firefox');
export const ZIP = path.join(REPO, 'dist', 'memport-firefox.zip');
/** The add-on id in manifest.firefox.json. */
export const ADDON_ID = 'memport@memport.dev';
/** The extension's moz-extension:// host, fixed through the extensions.webextensions.uuids pref. */
export const UUID = '6d656d70-6f72-4000-8000-000000000001';
export const EXTENSION = `moz-extension://${UUID}`;
const REPLICA_HOSTS = ['claude.ai', 'chatgpt.com', 'gemini.google.com', 'notes.example.org'];
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';
const SHADOW = 'shadow-6066-11e4-a52e-4f735466cecf';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function freePort() {
  const server = net.createServer();
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  await new Promise((r) => server.close(r));
  return port;
}

/** A CONNECT proxy sending the replica hosts (any port) to 127.0.0.1:`port`. */
async function startProxy(port) {
  const sockets = new Set();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    let head = '';
    const onData = (chunk) => {
      head += chunk.toString('latin1');
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target] = head.split(' ');
      const host = (target ?? '').split(':')[0];
      if (method !== 'CONNECT' || !REPLICA_HOSTS.includes(host)) {
        client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
        return;
      }
      const upstream = net.connect(port, '127.0.0.1', () => {
        client.write('HTTP/1.1 200 Connection established\r\n\r\n');
        const rest = Buffer.from(head.slice(end + 4), 'latin1');
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      sockets.add(upstream);
      upstream.on('close', () => sockets.delete(upstream));
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: server.address().port,
    close: () => new Promise((r) => {
      server.close(() => r());
      for (const s of sockets) s.destroy();
    }),
  };
}

/**
 * Starts the replica server, the proxy, geckodriver and a headless Firefox with the built
 * extension installed as a temporary add-on; resolves with the session's helpers.
 */
export async function startFirefox({ headless = true, extension = DIST } = {}) {
  // The unpacked folder, or the zip (dist/memport-firefox.zip): Firefox installs either.
  await fs.access(extension.endsWith('.zip') ? extension : path.join(extension, 'manifest.json')).catch(() => {
    throw new Error(`No built extension at ${extension}: run ./dev build first.`);
  });
  const cleanups = [];
  const close = async () => {
    for (const f of cleanups.reverse()) await f().catch(() => {});
  };
  try {
    const server = await startReplicaServer();
    cleanups.push(() => server.close());
    const proxy = await startProxy(server.port);
    cleanups.push(() => proxy.close());
    const port = await freePort();
    const log = await fs.mkdtemp(path.join(os.tmpdir(), 'memport-gecko-'));
    cleanups.push(() => fs.rm(log, { recursive: true, force: true }));
    const driver = spawn(process.env.GECKODRIVER || 'geckodriver', [
      '--port', String(port), '--log', process.env.MEMPORT_FIREFOX_LOG ? 'info' : 'error',
      // The tests open memport's own pages from the browser's chrome (openExtensionPage).
      '--allow-system-access',
    ], {
      // MEMPORT_FIREFOX_LOG=1 shows Firefox's output, its consoles included.
      stdio: ['ignore', process.env.MEMPORT_FIREFOX_LOG ? 'inherit' : 'ignore', 'pipe'],
    });
    let driverErr = '';
    driver.stderr.on('data', (d) => { driverErr += d; });
    cleanups.push(async () => {
      driver.kill();
      await new Promise((r) => (driver.exitCode !== null ? r() : driver.once('exit', r)));
    });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      const up = await fetch(`${base}/status`).then((r) => r.ok, () => false);
      if (up) break;
      if (i > 100) throw new Error(`geckodriver did not start: ${driverErr}`);
      await sleep(100);
    }
    const created = await call(base, 'POST', '/session', {
      capabilities: {
        alwaysMatch: {
          browserName: 'firefox',
          acceptInsecureCerts: true,
          'moz:firefoxOptions': {
            binary: process.env.FIREFOX || '/usr/bin/firefox-esr',
            args: headless ? ['-headless'] : [],
            prefs: {
              'network.proxy.type': 1,
              'network.proxy.ssl': '127.0.0.1',
              'network.proxy.ssl_port': proxy.port,
              'network.proxy.http': '127.0.0.1',
              'network.proxy.http_port': proxy.port,
              'network.proxy.no_proxies_on': '',
              'network.proxy.allow_hijacking_localhost': false,
              'network.http.http3.enable': false,
              'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
              'browser.shell.checkDefaultBrowser': false,
              'datareporting.policy.dataSubmissionEnabled': false,
              'toolkit.telemetry.reportingpolicy.firstRun': false,
              ...(process.env.MEMPORT_FIREFOX_LOG ? { 'devtools.console.stdout.content': true, 'devtools.console.stdout.chrome': true } : {}),
            },
          },
        },
      },
    });
    const session = `/session/${created.sessionId}`;
    cleanups.push(() => call(base, 'DELETE', session));
    const ff = makeSession(base, session, server);
    ff.close = close;
    ff.server = server;
    await ff.call('POST', '/window/rect', { width: 1280, height: 900 }).catch(() => {});
    await ff.call('POST', '/moz/addon/install', { path: path.resolve(extension), temporary: true });
    return ff;
  } catch (err) {
    await close();
    throw err;
  }
}

async function call(base, method, url, body) {
  const res = await fetch(base + url, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = new Error(`WebDriver ${method} ${url}: ${json.value?.error ?? res.status}: ${json.value?.message ?? ''}`);
    err.code = json.value?.error;
    throw err;
  }
  return json.value;
}

function makeSession(base, session, server) {
  const ff = {
    call: (method, url, body) => call(base, method, session + url, body),
    /** Navigates the current tab and waits for the load. */
    go: (url) => ff.call('POST', '/url', { url }),
    url: () => ff.call('GET', '/url'),
    /** Runs `fn(...args)` in the page (a function, serialized) and resolves with its value. */
    run: (fn, ...args) => ff.call('POST', '/execute/async', {
      script: `const done = arguments[arguments.length - 1];
        Promise.resolve((${fn}).apply(null, Array.from(arguments).slice(0, -1))).then(done, (e) => done({ __error: String(e && e.stack || e) }));`,
      args,
    }).then((v) => {
      if (v && v.__error) throw new Error(`in the page: ${v.__error}`);
      return v;
    }),
    /** Waits until `fn(...args)` in the page is truthy; resolves with it. */
    async until(fn, args = [], { timeout = 15_000, what = String(fn) } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const got = await ff.run(fn, ...args).catch((e) => (Date.now() > deadline ? Promise.reject(e) : null));
        if (got) return got;
        if (Date.now() > deadline) throw new Error(`timeout (${timeout} ms): ${what}`);
        await sleep(150);
      }
    },
    windows: () => ff.call('GET', '/window/handles'),
    window: () => ff.call('GET', '/window'),
    switchTo: (handle) => ff.call('POST', '/window', { handle }),
    /** Opens a new tab and makes it current; resolves with its handle. */
    async newTab() {
      const { handle } = await ff.call('POST', '/window/new', { type: 'tab' });
      await ff.switchTo(handle);
      return handle;
    },
    /** Switches to the tab whose URL starts with `prefix` (waiting for it); resolves with its handle. */
    async tabAt(prefix, { timeout = 15_000 } = {}) {
      const start = await ff.window().catch(() => null);
      const deadline = Date.now() + timeout;
      for (;;) {
        for (const h of await ff.windows()) {
          await ff.switchTo(h);
          if ((await ff.url()).startsWith(prefix)) return h;
        }
        if (Date.now() > deadline) {
          if (start) await ff.switchTo(start).catch(() => {});
          throw new Error(`no tab on ${prefix}`);
        }
        await sleep(200);
      }
    },
    /** The first element matching `css` (from `from`, an element or shadow root), or null. */
    async find(css, from = null) {
      const url = from?.[SHADOW] ? `/shadow/${from[SHADOW]}/elements`
        : from ? `/element/${from[ELEMENT]}/elements` : '/elements';
      const found = await ff.call('POST', url, { using: 'css selector', value: css });
      return found[0] ?? null;
    },
    /** The first element at XPath `xpath`, or null. */
    findXPath: (xpath) => ff.call('POST', '/elements', { using: 'xpath', value: xpath }).then((found) => found[0] ?? null),
    /** Presses and releases `key` (a character or a WebDriver key code such as '\uE00C', Escape). */
    key: (key) => ff.call('POST', '/actions', {
      actions: [{ type: 'key', id: 'keyboard', actions: [{ type: 'keyDown', value: key }, { type: 'keyUp', value: key }] }],
    }),
    /**
     * Clicks the first element at XPath `xpath`, finding it again while the page re-renders
     * it away between finding and clicking (as the sites' apps do).
     */
    async clickXPath(xpath, { timeout = 15_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const el = await ff.findXPath(xpath);
        const clicked = el && await ff.click(el).then(() => true, (e) => {
          if (e.code !== 'stale element reference' || Date.now() > deadline) throw e;
          return false;
        });
        if (clicked) return;
        if (Date.now() > deadline) throw new Error(`timeout: nothing at ${xpath} to click`);
        await sleep(100);
      }
    },
    click: (el) => ff.call('POST', `/element/${el[ELEMENT]}/click`, {}),
    text: (el) => ff.call('GET', `/element/${el[ELEMENT]}/text`),
    attr: (el, name) => ff.call('GET', `/element/${el[ELEMENT]}/property/${name}`),
    /** Types `text` into the element as keys (a person's typing). */
    type: (el, text) => ff.call('POST', `/element/${el[ELEMENT]}/value`, { text }),
    /**
     * memport's marks of `kind` ('capture', 'ask', 'notice', 'pick'), each as the elements
     * inside its closed root: [{el, tag, text, classes, disabled}].
     */
    async memportUi(kind) {
      const hosts = await ff.call('POST', '/elements', { using: 'css selector', value: `[data-memport="${kind}"]` });
      const out = [];
      for (const host of hosts) {
        const root = await ff.call('GET', `/element/${host[ELEMENT]}/shadow`).catch(() => null);
        if (!root) continue;
        const els = await ff.call('POST', `/shadow/${root[SHADOW]}/elements`, { using: 'css selector', value: 'button, p, .status' }).catch(() => []);
        for (const el of els) {
          const [tag, text, className, disabled] = await Promise.all([
            ff.call('GET', `/element/${el[ELEMENT]}/name`),
            ff.call('GET', `/element/${el[ELEMENT]}/property/textContent`),
            ff.call('GET', `/element/${el[ELEMENT]}/property/className`),
            ff.call('GET', `/element/${el[ELEMENT]}/property/disabled`),
          ]).catch(() => [null, '', '', true]);
          if (tag) out.push({ el, tag, text: (text ?? '').trim(), classes: String(className ?? '').split(/\s+/), disabled: Boolean(disabled) });
        }
      }
      return out;
    },
    /** Presses memport's button `label` (text or RegExp) in its mark `kind` with a real click. */
    async pressMemport(kind, label, { timeout = 15_000 } = {}) {
      const match = (t) => (label instanceof RegExp ? label.test(t) : t === label);
      const deadline = Date.now() + timeout;
      for (;;) {
        const button = (await ff.memportUi(kind)).find((e) => e.tag === 'button' && !e.disabled && match(e.text));
        if (button) {
          // The app may re-render memport's button away between finding and clicking it.
          const clicked = await ff.click(button.el).then(() => true, (e) => {
            if (Date.now() > deadline) throw e;
            return false;
          });
          if (clicked) return;
        }
        if (Date.now() > deadline) throw new Error(`timeout: no memport button ${label} in ${kind}`);
        await sleep(150);
      }
    },
    /** Waits for the capture button's status line to match `hasText`; resolves with it. */
    async captureStatus(hasText = /\S/, { timeout = 20_000 } = {}) {
      const deadline = Date.now() + timeout;
      for (;;) {
        const line = (await ff.memportUi('capture')).find((e) => e.classes.includes('status'));
        if (line && hasText.test(line.text)) return line.text;
        if (Date.now() > deadline) throw new Error(`timeout: capture status ${line?.text ?? '(none)'} not ${hasText}`);
        await sleep(150);
      }
    },
    /**
     * Opens one of memport's pages (`popup.html`) in a new tab and makes it current. WebDriver
     * may not navigate to a moz-extension:// page, so the browser's own chrome opens the tab,
     * as the toolbar button or the options link would.
     */
    async openExtensionPage(page) {
      const before = new Set(await ff.windows());
      await ff.call('POST', '/moz/context', { context: 'chrome' });
      try {
        await ff.call('POST', '/execute/sync', {
          script: `const w = Services.wm.getMostRecentWindow('navigator:browser');
            w.gBrowser.selectedTab = w.gBrowser.addTab(arguments[0], { triggeringPrincipal: Services.scriptSecurityManager.getSystemPrincipal() });`,
          args: [`${EXTENSION}/${page}`],
        });
      } finally {
        await ff.call('POST', '/moz/context', { context: 'content' });
      }
      for (let i = 0; ; i++) {
        const added = (await ff.windows()).find((h) => !before.has(h));
        if (added) {
          await ff.switchTo(added);
          if ((await ff.url()).startsWith(EXTENSION)) return added;
        }
        if (i > 100) throw new Error(`${page} did not open`);
        await sleep(100);
      }
    },
    /** Opens memport's popup page (as a tab; headless Firefox has no toolbar). */
    async openPopup() {
      await ff.openExtensionPage('popup.html');
      await ff.until(() => document.querySelector('#profile details, #profile .empty') !== null, [], { what: 'the popup shows the profile' });
    },
    /** What the popup shows: [{label, count, items: [text]}]. */
    popupGroups: () => ff.run(() => [...document.querySelectorAll('#profile details.group')].map((g) => ({
      label: g.querySelector('summary h2').firstChild.textContent.trim(),
      count: Number(g.querySelector('summary .count').textContent),
      items: [...g.querySelectorAll('.item .text')].map((p) => p.textContent),
    }))),
    /**
     * Saves the browser window, its toolbar and address bar with the current tab, as
     * target/screenshots/<name> (tests/screenshots.mjs); resolves with the file. WebDriver's
     * Take Screenshot gives the page alone in content context, the whole window in chrome's.
     */
    async screenshot(name) {
      await ff.call('POST', '/moz/context', { context: 'chrome' });
      let png;
      try {
        png = await ff.call('GET', '/screenshot');
      } finally {
        await ff.call('POST', '/moz/context', { context: 'content' });
      }
      const file = await screenshotFile(name);
      await fs.writeFile(file, Buffer.from(png, 'base64'));
      return file;
    },
    /** The stored profile, read by one of memport's pages (current tab must be one). */
    storedProfile: () => ff.run(async () => {
      const got = await browser.storage.local.get('memport.profile');
      return got['memport.profile'] ? JSON.parse(got['memport.profile']) : null;
    }),
  };
  void server;
  return ff;
}
