// Checks that the site replicas behave like the real pages the extension
// meets (no extension loaded here). Run: node --test tests/e2e/replicas.test.mjs
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import https from 'node:https';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { replicaSession } from './harness.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURE = process.env.MEMPORT_CLAUDE_MEMORY ||
  path.resolve(HERE, '..', 'fixtures', 'claude-memory.md');

const CLAUDE = 'https://claude.ai/settings/capabilities';
const GEMINI = 'https://gemini.google.com/import';

const session = replicaSession();
const { open } = session;

/** Raw HTTPS GET to the replica server with a chosen Host header. */
function rawGet(host, pathname) {
  return new Promise((resolve, reject) => {
    const req = https.get({
      host: '127.0.0.1', port: session.env.port, path: pathname, servername: 'localhost',
      headers: { host }, rejectUnauthorized: false,
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { body += chunk; });
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

test('server: routing, SPA fallback, CSP headers, no path traversal', async () => {
  const page = await rawGet('claude.ai', '/settings/capabilities?x=1');
  assert.equal(page.status, 200);
  assert.match(page.headers['content-type'], /^text\/html/);
  assert.match(page.headers['content-security-policy'], /script-src 'self'; style-src 'self'/);
  assert.equal(page.headers['x-content-type-options'], 'nosniff');
  assert.match(page.body, /<div id="root"><\/div>/);

  const js = await rawGet('claude.ai:443', '/app.js');
  assert.equal(js.status, 200);
  assert.match(js.headers['content-type'], /^text\/javascript/);

  const gemini = await rawGet('gemini.google.com', '/u/1/import?hl=en');
  assert.match(gemini.body, /<app-root><\/app-root>/);
  assert.match((await rawGet('chatgpt.com', '/')).body, /ChatGPT replica/);

  const api = await rawGet('claude.ai', '/api/organizations/org-1/memory');
  assert.equal(api.status, 200);
  const json = JSON.parse(api.body);
  assert.equal(json.memory, fs.readFileSync(FIXTURE, 'utf8'));
  assert.deepEqual(json.controls, []);
  assert.equal(json.updated_at, '2026-11-20T03:00:00Z');

  assert.equal((await rawGet('example.com', '/')).status, 404);
  assert.equal((await rawGet('claude.ai', '/missing.js')).status, 404);
  for (const evil of ['/../server.mjs', '/%2e%2e/server.mjs', '/..%2f..%2freplicas/server.mjs',
    '/%2e%2e/%2e%2e/e2e/harness.mjs', '/..%5cserver.mjs']) {
    const res = await rawGet('claude.ai', evil);
    assert.equal(res.status, 404, evil);
    assert.doesNotMatch(res.body, /startReplicaServer|launchBrowser/, evil);
  }
});

test('claude: settings page renders the Memory section under the CSP', async (t) => {
  const { page, response } = await open(t, CLAUDE);
  assert.match(response.headers()['content-security-policy'], /default-src 'self'/);
  const section = page.locator('section[aria-labelledby="memory-heading"]');
  await section.waitFor();
  assert.equal(await page.locator('main h1').textContent(), 'Settings');
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Capabilities');
  assert.equal(await section.locator('h2#memory-heading').textContent(), 'Memory');
  const switches = section.locator('button[role="switch"]');
  assert.equal(await switches.count(), 2);
  assert.deepEqual(await switches.evaluateAll((els) => els.map((e) => e.getAttribute('aria-checked'))),
    ['true', 'true']);
  for (const label of ['Search and reference chats', 'Generate memory from chat history']) {
    assert.equal(await section.getByText(label, { exact: true }).count(), 1, label);
  }
  assert.deepEqual(await section.locator('.memory-actions button').allTextContents(),
    ['View and edit your memory', 'Start import', 'Manage edits']);
  // The page's own script and stylesheet load without CSP violations.
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  assert.equal(await page.locator('.memory-actions button').first()
    .evaluate((b) => getComputedStyle(b).borderRadius), '8px');
});

test('claude: <main> is rebuilt on a timer and on switch clicks', async (t) => {
  const { page } = await open(t, CLAUDE);
  await page.locator('#memory-heading').waitFor();
  // Something a content script might insert into the first tree.
  await page.evaluate(() => {
    const mark = document.createElement('span');
    mark.id = 'foreign-mark';
    document.querySelector('.memory-actions').append(mark);
  });
  await page.waitForFunction(() => window.replicaState.renders >= 3, null, { timeout: 2500 });
  assert.equal(await page.locator('#foreign-mark').count(), 0, 'inserted node should be gone');
  assert.equal(await page.locator('.memory-actions button').count(), 3);

  const before = await page.evaluate(() => window.replicaState.renders);
  await page.getByRole('switch', { name: 'Search and reference chats' }).click();
  assert.equal(await page.evaluate(() => window.replicaState.renders), before + 1);
  assert.equal(await page.getByRole('switch', { name: 'Search and reference chats' })
    .getAttribute('aria-checked'), 'false');
});

test('claude: memory dialog shows the fixture, Escape and Close dismiss it', async (t) => {
  const { page } = await open(t, CLAUDE);
  await page.getByRole('button', { name: 'View and edit your memory' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your memory' });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await dialog.locator('.caption').textContent(),
    'This summary is regenerated each night based on your chats.');
  // The dialog is a portal on <body>, outside the app root.
  assert.equal(await page.locator('body > [role="dialog"]').count(), 1);

  // Every "**Heading**" paragraph of the fixture comes out as <p><strong>.
  const fixture = fs.readFileSync(FIXTURE, 'utf8');
  const headings = [...fixture.matchAll(/^\*\*(.+)\*\*\s*$/gm)].map((m) => m[1]);
  assert.ok(headings.length > 0, 'fixture has headings');
  const content = dialog.locator('.memory-content');
  await content.locator('p > strong').first().waitFor();
  assert.deepEqual(await content.locator('p > strong').allTextContents(), headings);
  const items = [...fixture.matchAll(/^- (.+)$/gm)].length;
  assert.equal(await content.locator('ul > li').count(), items);
  // Fixture text that looks like HTML stays text.
  assert.equal(await content.locator('script').count(), 0);
  assert.equal(await page.evaluate(() => window.replicaState.dialogOpens), 1);

  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.modal-backdrop').count(), 0);

  await page.getByRole('button', { name: 'View and edit your memory' }).click();
  await dialog.waitFor();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.evaluate(() => window.replicaState.dialogOpens), 2);
});

test('claude: logged-out scenario has no Memory section', async (t) => {
  const { page } = await open(t, `${CLAUDE}?scenario=logged-out`);
  await page.getByRole('heading', { name: 'Log in to Claude' }).waitFor();
  assert.equal(await page.getByRole('button', { name: 'Continue with email' }).count(), 1);
  assert.equal(await page.locator('#memory-heading').count(), 0);
});

/** Waits for the Capabilities page and leaves a marker that a reload would wipe. */
async function openMarked(t, url = CLAUDE) {
  const opened = await open(t, url);
  await opened.page.locator('#memory-heading').waitFor();
  await opened.page.evaluate(() => { window.__sameDocument = true; });
  return opened;
}

const sameDocument = (page) => page.evaluate(() => window.__sameDocument === true);

test('claude: settings tabs navigate with pushState, Back comes back', async (t) => {
  const { page } = await openMarked(t);
  const memory = page.locator('#memory-heading');

  await page.locator('nav').getByRole('link', { name: 'Profile' }).click();
  await page.getByRole('heading', { name: 'Profile', level: 2 }).waitFor();
  assert.equal(page.url(), 'https://claude.ai/settings/profile');
  assert.equal(await sameDocument(page), true, 'no document load');
  assert.equal(await page.evaluate(() => window.replicaState.navigations), 1);
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Profile');
  assert.equal(await page.getByLabel('Full name').inputValue(), 'Ada Lovelace');
  assert.equal(await memory.count(), 0, 'no Memory section on Profile');
  // The timed re-renders (3 + this navigation = 4 builds) keep the route.
  await page.waitForFunction(() => window.replicaState.renders >= 4, null, { timeout: 2500 });
  assert.equal(await page.getByLabel('Full name').count(), 1);
  assert.equal(await memory.count(), 0);

  await page.locator('nav').getByRole('link', { name: 'Appearance' }).click();
  await page.getByRole('group', { name: 'Color mode' }).waitFor();
  assert.equal(page.url(), 'https://claude.ai/settings/appearance');
  assert.equal(await page.getByRole('radio', { name: 'Match system' }).isChecked(), true);
  assert.equal(await memory.count(), 0, 'no Memory section on Appearance');
  assert.equal(await page.evaluate(() => window.replicaState.navigations), 2);

  // Back twice (popstate, not counted as pushState navigations).
  await page.goBack();
  await page.getByLabel('Full name').waitFor();
  assert.equal(page.url(), 'https://claude.ai/settings/profile');
  await page.goBack();
  await memory.waitFor();
  assert.equal(page.url(), CLAUDE);
  assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), 'Capabilities');
  assert.equal(await page.getByRole('button', { name: 'View and edit your memory' }).count(), 1);
  assert.equal(await sameDocument(page), true, 'still no document load');
  assert.equal(await page.evaluate(() => window.replicaState.navigations), 2);

  // Forward works too; clicking the current tab adds no history entry.
  await page.goForward();
  await page.getByLabel('Full name').waitFor();
  await page.locator('nav').getByRole('link', { name: 'Profile' }).click();
  assert.equal(await page.evaluate(() => window.replicaState.navigations), 2);
});

test('claude: "New chat" navigates client-side to /new, the top bar stays', async (t) => {
  const { page } = await openMarked(t);
  const topBar = await page.locator('header.topbar').elementHandle();
  await page.getByRole('link', { name: 'New chat' }).click();
  await page.getByRole('heading', { name: 'How can I help you today?' }).waitFor();
  assert.equal(page.url(), 'https://claude.ai/new');
  assert.equal(await sameDocument(page), true, 'no document load');
  assert.equal(await page.evaluate(() => window.replicaState.navigations), 1);
  assert.equal(await page.locator('#memory-heading').count(), 0);
  assert.equal(await page.locator('nav[aria-label="Settings"]').count(), 0);
  // The top bar is the same node (app shell), not rebuilt.
  assert.equal(await topBar.evaluate((el) => el.isConnected), true);

  await page.goBack();
  await page.locator('#memory-heading').waitFor();
  assert.equal(page.url(), CLAUDE);
  assert.equal(await sameDocument(page), true);
});

test('claude: navigating away closes an open memory dialog', async (t) => {
  const { page } = await openMarked(t);
  await page.getByRole('button', { name: 'View and edit your memory' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your memory' });
  await dialog.waitFor();
  // A click on a settings tab behind the modal (the backdrop covers it, so
  // dispatch the click directly, as a keyboard shortcut or script might).
  await page.evaluate(() => document.querySelector('nav a[href="/settings/profile"]').click());
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.modal-backdrop').count(), 0);
  assert.equal(page.url(), 'https://claude.ai/settings/profile');
});

test('claude: no-view-button scenario keeps the section but not the button', async (t) => {
  const { page } = await openMarked(t, `${CLAUDE}?scenario=no-view-button`);
  const section = page.locator('section[aria-labelledby="memory-heading"]');
  assert.equal(await section.locator('button[role="switch"]').count(), 2);
  assert.deepEqual(await section.locator('.memory-actions button').allTextContents(),
    ['Start import', 'Manage edits']);
  assert.equal(await page.getByRole('button', { name: 'View and edit your memory' }).count(), 0);
  // Still so after the timed re-renders and after a round trip through Profile.
  await page.waitForFunction(() => window.replicaState.renders >= 3, null, { timeout: 2500 });
  await page.locator('nav').getByRole('link', { name: 'Profile' }).click();
  await page.locator('nav').getByRole('link', { name: 'Capabilities' }).click();
  await section.waitFor();
  assert.equal(page.url(), CLAUDE, 'the query is not carried over');
  assert.deepEqual(await section.locator('.memory-actions button').allTextContents(),
    ['Start import', 'Manage edits']);
});

/** Opens the memory dialog of a scenario; resolves with its content locator. */
async function openDialog(t, scenario) {
  const { page } = await open(t, `${CLAUDE}?scenario=${scenario}`);
  await page.getByRole('button', { name: 'View and edit your memory' }).click();
  const dialog = page.getByRole('dialog', { name: 'Your memory' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('.caption').textContent(),
    'This summary is regenerated each night based on your chats.');
  return { page, dialog, content: dialog.locator('.memory-content') };
}

test('claude: slow-memory scenario shows "Loading…" for 2.5 s, then the memory', async (t) => {
  const { content } = await openDialog(t, 'slow-memory');
  const opened = Date.now();
  assert.equal(await content.textContent(), 'Loading…');
  await new Promise((r) => setTimeout(r, 1500));
  assert.equal(await content.textContent(), 'Loading…', 'still loading after 1.5 s');
  await content.locator('p > strong').first().waitFor({ timeout: 3000 });
  assert.ok(Date.now() - opened >= 2000, `memory shown after ${Date.now() - opened} ms`);
  assert.ok(await content.locator('ul > li').count() > 0);
});

test('claude: empty-memory scenario leaves the content div empty', async (t) => {
  const { page, dialog, content } = await openDialog(t, 'empty-memory');
  await page.waitForFunction(() =>
    document.querySelector('[role="dialog"] .memory-content')?.childNodes.length === 0);
  assert.equal(await content.innerHTML(), '');
  assert.equal(await dialog.locator('#memory-dialog-title').textContent(), 'Your memory');
  assert.equal(await dialog.getByRole('button', { name: 'Close' }).count(), 1);
});

test('claude: never-loads scenario stays on "Loading…"', async (t) => {
  const { page, dialog, content } = await openDialog(t, 'never-loads');
  await new Promise((r) => setTimeout(r, 3000)); // longer than slow-memory's delay
  assert.equal(await content.textContent(), 'Loading…');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
});

test('gemini: typing updates the model, count and "Add memory"', async (t) => {
  const { page } = await open(t, GEMINI);
  const box = page.locator('mat-form-field textarea#import-box');
  await box.waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Import memory');
  assert.equal(await box.getAttribute('placeholder'), 'Paste your info here...');
  assert.equal(await page.getByLabel('Paste the response here').count(), 1);
  const add = page.getByRole('button', { name: 'Add memory' });
  assert.equal(await add.isDisabled(), true);
  assert.equal(await page.locator('.char-count').textContent(), '0 characters');

  // Like Angular: setting .value without an input event changes nothing.
  await box.evaluate((el) => { el.value = 'sneaky'; });
  assert.equal(await page.evaluate(() => window.replicaState.model.text), '');
  assert.equal(await add.isDisabled(), true);

  await box.fill('Hello, Gemini');
  assert.equal(await page.locator('.char-count').textContent(), '13 characters');
  assert.equal(await add.isEnabled(), true);
  const state = await page.evaluate(() => ({ ...window.replicaState }));
  assert.equal(state.model.text, 'Hello, Gemini');
  assert.ok(state.inputEvents >= 1);

  await add.click();
  await page.getByText('Memory added').waitFor();
  assert.equal(await page.evaluate(() => window.replicaState.submitted), true);
  assert.equal(await page.evaluate(() => window.replicaState.submittedText), 'Hello, Gemini');
});

test('gemini: prefilled scenario under /u/1/import', async (t) => {
  const { page } = await open(t, 'https://gemini.google.com/u/1/import?scenario=prefilled');
  const box = page.locator('#import-box');
  await box.waitFor();
  assert.equal(await box.inputValue(), 'My own notes about me');
  assert.equal(await page.evaluate(() => window.replicaState.model.text), 'My own notes about me');
  assert.equal(await page.locator('.char-count').textContent(), '21 characters');
  assert.equal(await page.getByRole('button', { name: 'Add memory' }).isEnabled(), true);
});

test('gemini: nobox scenario has no textarea', async (t) => {
  const { page } = await open(t, `${GEMINI}?scenario=nobox`);
  await page.getByText('Importing is moving to a new place.').waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Import memory');
  assert.equal(await page.locator('textarea').count(), 0);
  assert.equal(await page.getByRole('button', { name: 'Upload' }).isDisabled(), true);
});

test('csp: inline script is blocked on the replicas', async (t) => {
  const { page, response } = await open(t, 'https://claude.ai/');
  assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
  assert.equal(response.headers()['x-content-type-options'], 'nosniff');
  // addScriptTag may reject or just not run the script; either way the
  // global must stay unset and a violation must be reported.
  await page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => {});
  await page.waitForFunction(() => window.__cspViolations.some((v) => v.startsWith('script-src')));
  assert.equal(await page.evaluate(() => window.__inlineRan), undefined);
  // A style attribute from HTML is blocked as well.
  const color = await page.evaluate(() => {
    const div = document.createElement('div');
    div.innerHTML = '<span style="color: rgb(255, 0, 0)">x</span>';
    document.body.append(div);
    return getComputedStyle(div.firstChild).color;
  });
  assert.notEqual(color, 'rgb(255, 0, 0)');
});

test('gemini: react scenario drops an input event after a plain value assignment, like React', async (t) => {
  const page = await session.env.context.newPage();
  t.after(() => page.close());
  await page.goto('https://gemini.google.com/import?scenario=react');
  const box = page.locator('textarea');
  await box.waitFor();
  // What a naive script does in the page's own world: React never hears of it.
  await page.evaluate(() => {
    const el = document.querySelector('textarea');
    el.value = 'set naively';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  let state = await page.evaluate(() => ({ model: window.replicaState.model.text, ignored: window.replicaState.ignoredInputs }));
  assert.deepEqual(state, { model: '', ignored: 1 });
  // Typing is seen.
  await box.fill('typed');
  state = await page.evaluate(() => window.replicaState.model.text);
  assert.equal(state, 'typed');
});

// ---- Claude's memory import dialog ("Start import", ?open_memory_import=true)

const IMPORT_TITLE = 'Import memory to Claude';

/** The import dialog's own state (main world). */
const importState = (page) => page.evaluate(() => {
  const s = window.replicaState.importDialog;
  return { model: s.model.text, inputEvents: s.inputEvents, ignored: s.ignoredInputs, submitted: s.submitted, opens: s.opens };
});

test('claude: "Start import" opens the import dialog, which outlives <main> re-renders', async (t) => {
  const { page } = await open(t, CLAUDE);
  await page.locator('#memory-heading').waitFor();
  // The state object is there before the dialog ever opened.
  assert.deepEqual(await importState(page), { model: '', inputEvents: 0, ignored: 0, submitted: false, opens: 0 });
  await page.getByRole('button', { name: 'Start import' }).click();
  const dialog = page.getByRole('dialog', { name: IMPORT_TITLE });
  await dialog.waitFor();
  assert.equal(await dialog.getAttribute('aria-modal'), 'true');
  assert.equal(await dialog.getAttribute('aria-labelledby'), 'import-dialog-title');
  assert.equal(await page.locator('body > [role="dialog"]').count(), 1, 'a portal on <body>');
  assert.equal(await dialog.locator('h2#import-dialog-title').textContent(), IMPORT_TITLE);
  await dialog.getByText('Copy this prompt into a chat with your other AI provider, then paste the response below.', { exact: true }).waitFor();
  const prompt = dialog.locator('textarea[readonly]');
  assert.match(await prompt.inputValue(), /^I'm moving to another service/);
  assert.equal(await dialog.getByRole('button', { name: 'Copy prompt' }).count(), 1);
  const box = dialog.getByLabel('Paste the response here');
  assert.equal(await box.getAttribute('id'), 'memory-import-box');
  assert.equal(await box.getAttribute('placeholder'), 'Paste your memory here…');
  assert.equal(await box.inputValue(), '');
  await dialog.getByText('Imports are experimental. Claude adds them to memory within 24 hours.', { exact: true }).waitFor();
  assert.equal(await dialog.getByRole('button', { name: 'Add to memory' }).isDisabled(), true);
  assert.equal(await dialog.getByRole('button', { name: 'Cancel' }).count(), 1);
  assert.equal(await dialog.getByRole('button', { name: 'Close' }).count(), 1);
  assert.equal((await importState(page)).opens, 1);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

  // The timed re-renders of <main> leave the dialog (and what was typed) alone.
  await box.fill('kept');
  await page.waitForFunction(() => window.replicaState.renders >= 3, null, { timeout: 2500 });
  assert.equal(await dialog.count(), 1);
  assert.equal(await box.inputValue(), 'kept');

  // Clicking "Start import" again (as a script could, behind the modal) opens no second one.
  await page.evaluate(() => [...document.querySelectorAll('main button')].find((b) => b.textContent === 'Start import').click());
  await new Promise((r) => setTimeout(r, 400));
  assert.equal(await page.locator('[role="dialog"]').count(), 1);
  assert.equal((await importState(page)).opens, 1);

  await dialog.getByRole('button', { name: 'Close' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.modal-backdrop').count(), 0);

  // Reopened, the component starts empty again; Cancel closes it too.
  await page.getByRole('button', { name: 'Start import' }).click();
  await dialog.waitFor();
  assert.equal(await box.inputValue(), '');
  assert.equal((await importState(page)).model, '');
  assert.equal((await importState(page)).opens, 2);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await dialog.waitFor({ state: 'detached' });
});

test('claude: ?open_memory_import=true opens the import dialog on load', async (t) => {
  const url = `${CLAUDE}?open_memory_import=true`;
  const { page } = await open(t, url);
  const dialog = page.getByRole('dialog', { name: IMPORT_TITLE });
  await dialog.waitFor();
  assert.equal(page.url(), url, 'the query stays');
  assert.equal(await page.locator('#memory-heading').count(), 1, 'over the Capabilities page');
  assert.equal((await importState(page)).opens, 1);
  // Other routes ignore the query.
  const other = await open(t, 'https://claude.ai/settings/profile?open_memory_import=true');
  await other.page.getByLabel('Full name').waitFor();
  await new Promise((r) => setTimeout(r, 500));
  assert.equal(await other.page.locator('[role="dialog"]').count(), 0);
});

test('claude: typing into the import box updates the model and enables "Add to memory"', async (t) => {
  const { page } = await open(t, `${CLAUDE}?open_memory_import=true`);
  const dialog = page.getByRole('dialog', { name: IMPORT_TITLE });
  const box = dialog.locator('#memory-import-box');
  await box.waitFor();
  const add = dialog.getByRole('button', { name: 'Add to memory' });
  await box.fill('- Always answer in British English.');
  let state = await importState(page);
  assert.equal(state.model, '- Always answer in British English.');
  assert.ok(state.inputEvents >= 1);
  assert.equal(state.ignored, 0);
  assert.equal(await add.isEnabled(), true);
  await box.fill('');
  assert.equal(await add.isDisabled(), true, 'empty again: disabled again');
  await box.fill('Hello, Claude');
  await add.click();
  await dialog.getByRole('status').getByText('Added. Claude will process this import within 24 hours.').waitFor();
  state = await importState(page);
  assert.equal(state.submitted, true);
  assert.equal(await page.evaluate(() => window.replicaState.importDialog.submittedText), 'Hello, Claude');
});

test('claude: the import box swallows a naive value assignment + input event, like React', async (t) => {
  const { page } = await open(t, `${CLAUDE}?open_memory_import=true`);
  const box = page.locator('[role="dialog"] #memory-import-box');
  await box.waitFor();
  await page.evaluate(() => {
    const el = document.getElementById('memory-import-box');
    el.value = 'set naively';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  let state = await importState(page);
  assert.equal(state.model, '');
  assert.equal(state.ignored, 1);
  assert.equal(state.inputEvents, 0);
  assert.equal(await box.inputValue(), 'set naively', 'the view changed, the model did not');
  assert.equal(await page.getByRole('button', { name: 'Add to memory' }).isDisabled(), true);
  // Through the prototype's native setter (what memport does), React sees the change.
  await page.evaluate(() => {
    const el = document.getElementById('memory-import-box');
    Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value').set.call(el, 'set natively');
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  state = await importState(page);
  assert.equal(state.model, 'set natively');
  assert.equal(state.ignored, 1);
  assert.equal(await page.getByRole('button', { name: 'Add to memory' }).isEnabled(), true);
});

test('claude: import-prefilled scenario opens with the person\'s own notes in the box', async (t) => {
  const { page } = await open(t, `${CLAUDE}?open_memory_import=true&scenario=import-prefilled`);
  const box = page.locator('[role="dialog"] #memory-import-box');
  await box.waitFor();
  assert.equal(await box.inputValue(), 'Notes I typed myself');
  assert.equal((await importState(page)).model, 'Notes I typed myself');
  assert.equal(await page.getByRole('button', { name: 'Add to memory' }).isEnabled(), true);
  // Also when opened with the button.
  const other = await open(t, `${CLAUDE}?scenario=import-prefilled`);
  await other.page.getByRole('button', { name: 'Start import' }).click();
  await other.page.locator('#memory-import-box').waitFor();
  assert.equal(await other.page.locator('#memory-import-box').inputValue(), 'Notes I typed myself');
});

test('claude: Escape closes the import dialog; a route change does too', async (t) => {
  const { page } = await open(t, `${CLAUDE}?open_memory_import=true`);
  const dialog = page.getByRole('dialog', { name: IMPORT_TITLE });
  await dialog.waitFor();
  await page.locator('#memory-import-box').focus();
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.modal-backdrop').count(), 0);
  // The memory dialog still opens afterwards.
  await page.getByRole('button', { name: 'View and edit your memory' }).click();
  await page.getByRole('dialog', { name: 'Your memory' }).waitFor();
  await page.keyboard.press('Escape');
  await page.getByRole('dialog', { name: 'Your memory' }).waitFor({ state: 'detached' });

  await page.getByRole('button', { name: 'Start import' }).click();
  await dialog.waitFor();
  await page.evaluate(() => document.querySelector('nav a[href="/settings/profile"]').click());
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await page.locator('.modal-backdrop').count(), 0);
});

// ---- Gemini's Saved info page

const SAVED_INFO_TEXTS = [
  "I'm vegetarian and allergic to cashews.",
  'Always answer in British English.',
  'My daughter Ines is starting primary school in September 2027.',
  "I'm training for the Lisbon marathon in October.",
  "Don't suggest Medium articles; link official documentation instead.",
  'I work as a product designer at a fintech startup in Porto.',
  'Prefers Figma and Linear; uses a MacBook Air.',
];

for (const url of ['https://gemini.google.com/saved-info', 'https://gemini.google.com/u/1/saved-info']) {
  test(`gemini: ${new URL(url).pathname} lists the saved info, and the list re-renders`, async (t) => {
    const { page } = await open(t, url);
    const list = page.locator('app-root ul.saved-info-list[aria-label="Saved info"]');
    await list.waitFor();
    // Mark the first <ul> at once, to see below that the ~1 s re-render replaces it.
    const rendersAtMark = await list.evaluate((ul) => {
      ul.dataset.first = 'yes';
      return window.replicaState.savedInfo.renders;
    });
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Saved info');
    await page.getByText('Info you asked Gemini to save', { exact: true }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Add', exact: true }).count(), 1);
    assert.equal(await page.locator('textarea').count(), 0, 'not the import page');
    assert.deepEqual(await list.locator('li.saved-info-item > span.saved-info-text').allTextContents(), SAVED_INFO_TEXTS);
    assert.equal(await list.getByRole('button', { name: 'Edit' }).count(), 7);
    assert.equal(await list.getByRole('button', { name: 'Delete' }).count(), 7);
    assert.equal(await page.getByRole('list', { name: 'Saved info' }).count(), 1);
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);

    // The <ul> is rebuilt (new nodes, same content) at ~1 s.
    await page.waitForFunction(() => window.replicaState.savedInfo.renders >= 2, null, { timeout: 2500 });
    if (rendersAtMark === 1) {
      assert.equal(await page.locator('ul.saved-info-list[data-first]').count(), 0, 'a new <ul>');
    }
    assert.deepEqual(await list.locator('.saved-info-text').allTextContents(), SAVED_INFO_TEXTS);

    // Delete removes the entry.
    await list.locator('li', { hasText: 'Always answer in British English.' }).getByRole('button', { name: 'Delete' }).click();
    assert.deepEqual(await list.locator('.saved-info-text').allTextContents(),
      SAVED_INFO_TEXTS.filter((s) => s !== 'Always answer in British English.'));
  });
}

test('gemini: saved info entries can be edited and added', async (t) => {
  const { page } = await open(t, 'https://gemini.google.com/saved-info');
  const list = page.locator('ul.saved-info-list');
  await page.waitForFunction(() => window.replicaState.savedInfo.renders >= 2, null, { timeout: 2500 });
  await list.locator('li').first().getByRole('button', { name: 'Edit' }).click();
  await page.getByLabel('Edit saved info').fill("I'm vegan.");
  await page.getByRole('button', { name: 'Save' }).click();
  assert.equal(await list.locator('.saved-info-text').first().textContent(), "I'm vegan.");
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await page.getByLabel('New saved info').fill('Likes tea.');
  await page.getByLabel('New saved info').press('Enter');
  assert.equal(await list.locator('.saved-info-text').last().textContent(), 'Likes tea.');
  assert.equal(await list.locator('li').count(), 8);
});

test('gemini: empty saved-info scenario has no list, only the empty-state text', async (t) => {
  const { page } = await open(t, 'https://gemini.google.com/saved-info?scenario=empty');
  await page.getByText("You haven't asked Gemini to save any info yet.", { exact: true }).waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Saved info');
  await page.waitForFunction(() => window.replicaState.savedInfo.renders >= 2, null, { timeout: 2500 });
  assert.equal(await page.locator('ul.saved-info-list').count(), 0);
  assert.equal(await page.locator('li').count(), 0);
});

test('gemini: /import is still the import page; savedInfo is there with no renders', async (t) => {
  for (const url of [GEMINI, 'https://gemini.google.com/u/2/import']) {
    const { page } = await open(t, url);
    await page.locator('#import-box').waitFor();
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Import memory');
    assert.equal(await page.locator('ul.saved-info-list').count(), 0);
    const state = await page.evaluate(() => ({ renders: window.replicaState.savedInfo.renders, model: window.replicaState.model.text }));
    assert.deepEqual(state, { renders: 0, model: '' });
  }
});

// ---- Version 2 (?version=2) and French (?lang=fr)

/** What each language shows; `query` is added after ?version=2 (or alone for version 1). */
const LANGS = {
  en: {
    query: '',
    memory: 'Memory',
    buttons: ['View and edit your memory', 'Start import', 'Manage edits'],
    switches: ['Search and reference chats', 'Generate memory from chat history'],
    tabs: ['Profile', 'Appearance', 'Capabilities'],
    newChat: 'New chat',
    memoryTitle: 'Your memory',
    caption: 'This summary is regenerated each night based on your chats.',
    close: 'Close',
    importTitle: 'Import memory to Claude',
    boxLabel: 'Paste the response here',
    cancel: 'Cancel',
    addToMemory: 'Add to memory',
    heading: (text) => text,
    geminiHeading: 'Import memory',
    addMemory: 'Add memory',
    chars13: '13 characters',
    savedHeading: 'Saved info',
    savedIntro: 'Info you asked Gemini to save',
    listLabel: 'Saved info',
    edit: 'Edit',
    delete: 'Delete',
    editLabel: 'Edit saved info',
    save: 'Save',
  },
  fr: {
    query: '&lang=fr',
    memory: 'Mémoire',
    buttons: ['Afficher et modifier votre mémoire', "Commencer l'importation", 'Gérer les modifications'],
    switches: ['Rechercher et référencer les conversations', "Générer la mémoire à partir de l'historique"],
    tabs: ['Profil', 'Apparence', 'Fonctionnalités'],
    newChat: 'Nouvelle conversation',
    memoryTitle: 'Votre mémoire',
    caption: 'Ce résumé est régénéré chaque nuit à partir de vos conversations.',
    close: 'Fermer',
    importTitle: 'Importer la mémoire dans Claude',
    boxLabel: 'Collez la réponse ici',
    cancel: 'Annuler',
    addToMemory: 'Ajouter à la mémoire',
    heading: (text) => ({
      'Work context': 'Contexte professionnel',
      'Personal context': 'Contexte personnel',
      'Top of mind': 'En ce moment',
      'Brief history': 'Bref historique',
      'Recent months': 'Mois récents',
      'Earlier context': 'Contexte antérieur',
      'Long-term background': 'Parcours à long terme',
    })[text] ?? text,
    geminiHeading: 'Importer la mémoire',
    addMemory: 'Ajouter un souvenir',
    chars13: '13 caractères',
    savedHeading: 'Infos enregistrées',
    savedIntro: "Infos que vous avez demandé à Gemini d'enregistrer",
    listLabel: 'Infos enregistrées',
    edit: 'Modifier',
    delete: 'Supprimer',
    editLabel: "Modifier l'info enregistrée",
    save: 'Enregistrer',
  },
};

const FR_EMPTY = "Vous n'avez encore demandé à Gemini d'enregistrer aucune info.";
const tagName = (locator) => locator.evaluate((el) => el.tagName);
const htmlLang = (page) => page.evaluate(() => document.documentElement.lang);

for (const [lang, L] of Object.entries(LANGS)) {
  const v2 = `?version=2${L.query}`;

  test(`claude v2 ${lang}: Memory block with role=heading and role=button controls, kept through re-renders and navigation`, async (t) => {
    const { page } = await open(t, `${CLAUDE}${v2}`);
    const block = page.locator('div.css-k3j2');
    await block.waitFor();
    assert.equal(await htmlLang(page), lang);
    const check = async () => {
      const heading = block.locator('[role="heading"][aria-level="2"]');
      assert.equal(await heading.textContent(), L.memory);
      assert.equal(await tagName(page.getByRole('heading', { name: L.memory, exact: true })), 'DIV');
      assert.equal(await page.locator('h2, section, #memory-heading, .memory-actions, .settings-section').count(), 0);
      assert.deepEqual(await block.locator('div[role="button"][tabindex="0"]').allTextContents(), L.buttons);
      assert.equal(await block.locator('button:not([role="switch"])').count(), 0, 'no <button> for the actions');
      for (const name of L.buttons) assert.equal(await page.getByRole('button', { name, exact: true }).count(), 1, name);
      for (const name of L.switches) {
        assert.equal(await block.getByRole('switch', { name, exact: true }).getAttribute('aria-checked'), 'true', name);
      }
    };
    await check();
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
    assert.equal(await page.getByRole('link', { name: L.newChat, exact: true }).count(), 1);
    assert.equal(await page.locator('nav a[aria-current="page"]').textContent(), L.tabs[2]);

    await page.waitForFunction(() => window.replicaState.renders >= 3, null, { timeout: 2500 });
    await check();
    // Client-side navigation drops the query; version and language stay.
    await page.locator('nav').getByRole('link', { name: L.tabs[0] }).click();
    await page.getByRole('heading', { name: L.tabs[0], exact: true }).waitFor();
    assert.equal(await block.count(), 0);
    await page.locator('nav').getByRole('link', { name: L.tabs[2] }).click();
    await block.waitFor();
    assert.equal(page.url(), CLAUDE);
    await check();
  });

  test(`claude v2 ${lang}: the memory dialog is a native <dialog> with .markdown-body and <h3> headings`, async (t) => {
    const { page } = await open(t, `${CLAUDE}${v2}`);
    const view = page.getByRole('button', { name: L.buttons[0], exact: true });
    await view.click();
    const dialog = page.getByRole('dialog', { name: L.memoryTitle });
    await dialog.waitFor();
    assert.equal(await tagName(dialog), 'DIALOG');
    assert.equal(await page.locator('body > dialog[open]').count(), 1, 'a portal on <body>');
    assert.equal(await page.locator('[role="dialog"]').count(), 0);
    assert.equal(await dialog.locator('[role="heading"][aria-level="2"]').textContent(), L.memoryTitle);
    assert.equal(await dialog.locator('h2').count(), 0);
    await dialog.getByText(L.caption, { exact: true }).waitFor();

    const fixture = fs.readFileSync(FIXTURE, 'utf8');
    const headings = [...fixture.matchAll(/^\*\*(.+)\*\*\s*$/gm)].map((m) => L.heading(m[1]));
    const content = dialog.locator('.markdown-body');
    await content.locator('h3').first().waitFor();
    assert.deepEqual(await content.locator('h3').allTextContents(), headings);
    assert.equal(await content.locator('p > strong').count(), 0, 'headings are not bold paragraphs');
    assert.equal(await content.locator('ul > li').count(), [...fixture.matchAll(/^- (.+)$/gm)].length);
    assert.equal(await content.locator('script').count(), 0);
    assert.equal(await page.locator('.memory-content, .prose').count(), 0);

    const close = dialog.locator(`div[role="button"][aria-label="${L.close}"]`);
    assert.equal(await close.count(), 1);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.locator('.css-bd7f').count(), 0, 'backdrop gone');

    // The role=button opens with Enter too; the close control closes with a click.
    await view.focus();
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await close.click();
    await dialog.waitFor({ state: 'detached' });
    assert.equal(await page.evaluate(() => window.replicaState.dialogOpens), 2);
  });

  test(`claude v2 ${lang}: the import dialog opens by its button and by ?open_memory_import=true`, async (t) => {
    const { page } = await open(t, `${CLAUDE}${v2}`);
    await page.getByRole('button', { name: L.buttons[1], exact: true }).click();
    const dialog = page.getByRole('dialog', { name: L.importTitle });
    await dialog.waitFor();
    assert.equal(await tagName(dialog), 'DIALOG');
    assert.equal(await dialog.locator('[role="heading"][aria-level="2"]').textContent(), L.importTitle);
    const box = dialog.getByRole('textbox', { name: L.boxLabel, exact: true });
    assert.equal(await tagName(box), 'TEXTAREA');
    assert.equal(await box.getAttribute('aria-label'), L.boxLabel);
    assert.notEqual(await box.getAttribute('placeholder'), 'Paste your memory here…');
    assert.equal(await page.locator('textarea[placeholder="Paste your memory here…"], #memory-import-box, [role="dialog"]').count(), 0);
    assert.match(await dialog.locator('textarea[readonly]').inputValue(), /^I'm moving to another service/);
    const add = dialog.getByRole('button', { name: L.addToMemory, exact: true });
    assert.equal(await add.isDisabled(), true);
    await box.fill('Hello, Claude');
    assert.equal((await importState(page)).model, 'Hello, Claude');
    await add.click();
    assert.equal((await importState(page)).submitted, true);
    // Kept through the timed re-renders of <main>.
    await page.waitForFunction(() => window.replicaState.renders >= 3, null, { timeout: 2500 });
    assert.equal(await box.inputValue(), 'Hello, Claude');
    await dialog.getByRole('button', { name: L.cancel, exact: true }).click();
    await dialog.waitFor({ state: 'detached' });

    const other = await open(t, `${CLAUDE}${v2}&open_memory_import=true`);
    const loaded = other.page.getByRole('dialog', { name: L.importTitle });
    await loaded.waitFor();
    assert.equal(await htmlLang(other.page), lang);
    const loadedBox = loaded.getByRole('textbox', { name: L.boxLabel, exact: true });
    assert.notEqual(await loadedBox.getAttribute('placeholder'), 'Paste your memory here…');
    // The close control has focus; Enter activates it.
    await other.page.keyboard.press('Enter');
    await loaded.waitFor({ state: 'detached' });
  });

  test(`gemini v2 ${lang}: import box without the "Paste your info here..." placeholder; typing updates the model`, async (t) => {
    const url = `https://gemini.google.com/${lang === 'fr' ? 'u/1/' : ''}import${v2}`;
    const { page } = await open(t, url);
    const box = page.getByRole('textbox', { name: L.boxLabel, exact: true });
    await box.waitFor();
    assert.equal(await htmlLang(page), lang);
    assert.equal(await tagName(box), 'TEXTAREA');
    assert.notEqual(await box.getAttribute('placeholder'), 'Paste your info here...');
    assert.equal(await page.locator('textarea[placeholder="Paste your info here..."], #import-box, label, mat-form-field').count(), 0);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), L.geminiHeading);
    const add = page.getByRole('button', { name: L.addMemory, exact: true });
    assert.equal(await add.isDisabled(), true);
    await box.fill('Hello, Gemini');
    assert.equal(await page.evaluate(() => window.replicaState.model.text), 'Hello, Gemini');
    await page.getByText(L.chars13, { exact: true }).waitFor();
    assert.equal(await add.isEnabled(), true);
    await add.click();
    assert.equal(await page.evaluate(() => window.replicaState.submittedText), 'Hello, Gemini');
    assert.deepEqual(await page.evaluate(() => window.__cspViolations), []);
  });

  test(`gemini v2 ${lang}: saved info is a role=list of role=listitems`, async (t) => {
    const url = `https://gemini.google.com/${lang === 'fr' ? 'u/1/' : ''}saved-info${v2}`;
    const { page } = await open(t, url);
    const list = page.getByRole('list', { name: L.listLabel, exact: true });
    await list.waitFor();
    assert.equal(await htmlLang(page), lang);
    assert.equal(await tagName(list), 'DIV');
    assert.equal(await list.getAttribute('aria-label'), L.listLabel);
    assert.equal(await page.locator('ul, li, .saved-info-list').count(), 0);
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), L.savedHeading);
    await page.getByText(L.savedIntro, { exact: true }).waitFor();
    const texts = () => list.locator('div[role="listitem"] span:not([aria-hidden])').allTextContents();
    assert.deepEqual(await texts(), SAVED_INFO_TEXTS);
    assert.equal(await list.getByRole('listitem').count(), 7);
    assert.equal(await list.getByRole('button', { name: L.edit, exact: true }).count(), 7);
    assert.equal(await list.getByRole('button', { name: L.delete, exact: true }).count(), 7);
    // Rebuilt at ~1 s, same content and markup.
    await page.waitForFunction(() => window.replicaState.savedInfo.renders >= 2, null, { timeout: 2500 });
    assert.deepEqual(await texts(), SAVED_INFO_TEXTS);
    await list.getByRole('listitem').filter({ hasText: 'Always answer in British English.' })
      .getByRole('button', { name: L.delete, exact: true }).click();
    assert.deepEqual(await texts(), SAVED_INFO_TEXTS.filter((s) => s !== 'Always answer in British English.'));
    await list.getByRole('listitem').first().getByRole('button', { name: L.edit, exact: true }).click();
    await page.getByLabel(L.editLabel).fill("I'm vegan.");
    await page.getByRole('button', { name: L.save, exact: true }).click();
    assert.equal((await texts())[0], "I'm vegan.");
  });
}

test('claude v1 fr: the original DOM with French strings', async (t) => {
  const L = LANGS.fr;
  const { page } = await open(t, `${CLAUDE}?lang=fr`);
  const section = page.locator('section[aria-labelledby="memory-heading"]');
  await section.waitFor();
  assert.equal(await htmlLang(page), 'fr');
  assert.equal(await section.locator('h2#memory-heading').textContent(), L.memory);
  assert.deepEqual(await section.locator('.memory-actions button').allTextContents(), L.buttons);
  assert.deepEqual(await page.locator('nav a').allTextContents(), L.tabs);
  await page.getByRole('button', { name: L.buttons[0] }).click();
  const dialog = page.getByRole('dialog', { name: L.memoryTitle });
  await dialog.waitFor();
  assert.equal(await dialog.locator('.caption').textContent(), L.caption);
  const content = dialog.locator('.memory-content');
  await content.locator('p > strong').first().waitFor();
  assert.equal(await content.locator('p > strong').first().textContent(), 'Contexte professionnel');
  await dialog.getByRole('button', { name: 'Fermer' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: L.buttons[1] }).click();
  const box = page.getByRole('dialog', { name: L.importTitle }).getByLabel(L.boxLabel);
  assert.equal(await box.getAttribute('id'), 'memory-import-box');
});

test('claude v2 fr: scenarios still apply (never-loads shows "Chargement…", no-view-button)', async (t) => {
  const { page } = await open(t, `${CLAUDE}?scenario=never-loads&version=2&lang=fr`);
  await page.getByRole('button', { name: 'Afficher et modifier votre mémoire' }).click();
  const dialog = page.getByRole('dialog', { name: 'Votre mémoire' });
  await dialog.waitFor();
  assert.equal(await dialog.locator('.markdown-body').textContent(), 'Chargement…');
  const other = await open(t, `${CLAUDE}?lang=fr&scenario=no-view-button&version=2`);
  await other.page.locator('div.css-k3j2').waitFor();
  assert.deepEqual(await other.page.locator('div.css-k3j2 div[role="button"]').allTextContents(),
    ["Commencer l'importation", 'Gérer les modifications']);
});

for (const query of ['?scenario=empty&lang=fr', '?lang=fr&version=2&scenario=empty']) {
  test(`gemini: empty saved-info scenario in French (${query})`, async (t) => {
    const { page } = await open(t, `https://gemini.google.com/saved-info${query}`);
    await page.getByText(FR_EMPTY, { exact: true }).waitFor();
    assert.equal(await htmlLang(page), 'fr');
    assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Infos enregistrées');
    await page.waitForFunction(() => window.replicaState.savedInfo.renders >= 2, null, { timeout: 2500 });
    assert.equal(await page.getByRole('list').count(), 0);
    await page.getByText(FR_EMPTY, { exact: true }).waitFor();
  });
}

test('gemini v1 fr: the original import DOM with French strings', async (t) => {
  const { page } = await open(t, `${GEMINI}?lang=fr`);
  const box = page.locator('mat-form-field textarea#import-box');
  await box.waitFor();
  assert.equal(await page.getByRole('heading', { level: 1 }).textContent(), 'Importer la mémoire');
  assert.equal(await page.getByLabel('Collez la réponse ici').getAttribute('id'), 'import-box');
  await box.fill('Bonjour');
  assert.equal(await page.getByRole('button', { name: 'Ajouter un souvenir' }).isEnabled(), true);
});
