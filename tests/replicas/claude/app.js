// Replica of https://claude.ai/settings/capabilities for memport's tests.
//
// It behaves like the React app in the ways that matter to an extension:
//  - nothing is rendered for ~300 ms (loading), then the page for the URL;
//  - the whole <main> subtree is thrown away and rebuilt (new nodes, same
//    content) ~800 ms and ~1600 ms after the first render, whenever a
//    switch is clicked and on every route change, so anything a content
//    script put into the old tree disappears with it;
//  - it is a single-page app: the settings tabs (Profile, Appearance,
//    Capabilities) and the top bar's "New chat" link change the URL with
//    history.pushState, without loading a new document; Back/Forward
//    (popstate) render the route of the new URL. Only /settings/capabilities
//    has the Memory section. The top bar is built once and kept, like an
//    app shell; only <main> is rebuilt;
//  - "View and edit your memory" opens a modal dialog (portal on <body>)
//    that fetches /api/organizations/org-1/memory and renders the Markdown
//    the way Claude does (**Heading** paragraphs, "- " lists);
//  - "Start import", or loading /settings/capabilities?open_memory_import=true,
//    opens (after ~250 ms) the memory import dialog (portal on <body>, so it
//    survives the <main> re-renders): copy a prompt, paste the other
//    assistant's answer into #memory-import-box, press "Add to memory". The
//    box is a React controlled textarea: the model (importModel.text) is
//    updated only from `input` events, and React's value tracker is emulated
//    (see trackValueLikeReact): an `input` event whose value equals the one
//    last set through the element's own `value` property is swallowed.
//    Cancel, Close, Escape, the backdrop and route changes remove it.
// All DOM is built with createElement/textContent: the page runs under a
// strict CSP (no inline script or style) and the fixture contains HTML-like
// text that must stay text.
//
// Routes: /settings/capabilities, /settings/profile, /settings/appearance,
// /new. Any other path renders the Capabilities page (as the first version
// of this replica did for every path).
//
// ?scenario=NAME is read once at load and holds for the page's lifetime
// (through re-renders and client-side navigations, which drop the query):
//   logged-out       the login page instead of the app, on every route;
//   no-view-button   Memory section without "View and edit your memory"
//                    (a redesign moved it); "Start import"/"Manage edits" stay;
//   slow-memory      the dialog shows "Loading…" for 2.5 s before the memory;
//   empty-memory     the memory is the empty string: after "Loading…" the
//                    dialog's content div is empty (title and caption stay);
//   never-loads      the dialog's content stays "Loading…" forever;
//   import-prefilled when the import dialog opens, its box already holds
//                    "Notes I typed myself" (the model too), as if typed.
//
// For tests, window.replicaState (main world) =
//   { renders, dialogOpens, navigations, importDialog }
// renders counts every <main> build, navigations every pushState.
// importDialog is a live object, there from load on:
//   { model: { text }, inputEvents, ignoredInputs, submitted, submittedText, opens }
// inputEvents counts input events the component saw (after the value
// tracker), ignoredInputs the ones the tracker swallowed, opens every time
// the import dialog was mounted. A newly opened dialog starts from an empty
// model (or the prefilled text); submitted/submittedText stay once set.
(() => {
  'use strict';

  const LOADING_MS = 300;
  const RERENDER_AFTER_MS = [800, 1600];
  const DIALOG_DELAY_MS = 250;
  const MEMORY_URL = '/api/organizations/org-1/memory';
  const SLOW_MEMORY_MS = 2500; // ?scenario=slow-memory
  const IMPORT_PREFILLED_TEXT = 'Notes I typed myself'; // ?scenario=import-prefilled
  const IMPORT_PROMPT =
    'I\'m moving to another service and need to export my data. List every memory you have ' +
    'stored about me, as well as any context you\'ve learned about me from past conversations. ' +
    'Output everything in a single code block so I can easily copy it. Format each entry as: ' +
    '[date saved, if available] - memory content. Make sure to cover all of the following, ' +
    'preserving my words verbatim where possible: instructions I\'ve given you about how to ' +
    'respond, personal details, projects, goals and recurring topics.';

  // The import dialog component's state (its textarea's controlled value).
  const importModel = { text: '' };
  const importState = {
    model: importModel,
    inputEvents: 0,
    ignoredInputs: 0,
    submitted: false,
    submittedText: null,
    opens: 0,
  };

  const replicaState = { renders: 0, dialogOpens: 0, navigations: 0, importDialog: importState };
  window.replicaState = replicaState;

  const query = new URLSearchParams(location.search);
  const scenario = query.get('scenario');
  const root = document.getElementById('root');

  // The app's own state; survives re-renders and route changes like React
  // state in a component above the router would.
  const switches = {
    search: { label: 'Search and reference chats', on: true,
      desc: 'Allow Claude to search for relevant details in past chats.' },
    generate: { label: 'Generate memory from chat history', on: true,
      desc: 'Allow Claude to remember relevant context from your chats.' },
  };
  const profile = { fullName: 'Ada Lovelace' };
  const appearance = { theme: 'system' };

  const BUTTON_CLASS = 'inline-flex items-center rounded-lg border px-3 py-1.5 text-sm font-medium';

  /**
   * Tiny element builder: h('p', { class: 'x' }, 'text', childNode).
   * Function-valued "onXxx" attributes become event listeners ("xxx").
   */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (/^on[A-Z]/.test(name) && typeof value === 'function') el.addEventListener(name.slice(2).toLowerCase(), value);
      else if (value === true) el.setAttribute(name, '');
      else if (value !== false && value != null) el.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child == null || child === false) continue;
      el.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return el;
  }

  // -------------------------------------------------------------- router

  /** Path -> route name. Unknown paths fall back to 'capabilities'. */
  const ROUTES = {
    '/settings/capabilities': 'capabilities',
    '/settings/profile': 'profile',
    '/settings/appearance': 'appearance',
    '/new': 'new',
  };

  function currentRoute() {
    const path = location.pathname.replace(/\/+$/, '') || '/';
    return ROUTES[path] || 'capabilities';
  }

  /**
   * Client-side navigation, like React Router's navigate(): a new history
   * entry, no document load, then the new route is rendered. The ?scenario
   * query is not carried over (the scenario was read at load and stays).
   */
  function navigate(path) {
    if (path === location.pathname) return; // already there: nothing to do
    history.pushState({ replica: true }, '', path);
    replicaState.navigations += 1;
    onRouteChange();
  }

  /** Back/Forward between entries of this document: render the new URL. */
  window.addEventListener('popstate', () => onRouteChange());

  function onRouteChange() {
    // A route change unmounts the page, and with it any open dialog.
    cancelPendingDialog();
    cancelPendingImport();
    closeImportDialog();
    closeMemoryDialog();
    render();
  }

  /**
   * <a> that navigates client-side on a plain left click, like React
   * Router's <Link>. Modified clicks (new tab, etc.) keep the browser's
   * default behaviour. Only the app's own links do this; other <a>s on the
   * page (for instance ones an extension adds) load normally.
   */
  function link(href, attrs, ...children) {
    return h('a', {
      ...attrs,
      href,
      onClick: (event) => {
        if (event.defaultPrevented || event.button !== 0 ||
          event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
        event.preventDefault();
        navigate(href);
      },
    }, ...children);
  }

  // ---------------------------------------------------------------- page

  /** App shell's top bar: built once, never rebuilt (only <main> is). */
  let topBar = null;

  function buildTopBar() {
    return h('header', { class: 'topbar flex items-center gap-4 px-6 py-3' },
      h('span', { class: 'brand font-display text-lg' }, 'Claude'),
      link('/new', { class: 'topbar-link new-chat-link text-sm' }, 'New chat'),
      link('/settings/capabilities', { class: 'topbar-link text-sm' }, 'Settings'));
  }

  function settingRow(key) {
    const s = switches[key];
    const labelId = `switch-${key}-label`;
    return h('div', { class: 'setting-row flex items-center justify-between gap-4' },
      h('div', { class: 'setting-text' },
        h('span', { class: 'setting-label text-sm font-medium', id: labelId }, s.label),
        h('p', { class: 'setting-desc text-sm text-text-300' }, s.desc)),
      h('button', {
        type: 'button',
        role: 'switch',
        'aria-checked': String(s.on),
        'aria-labelledby': labelId,
        class: 'switch relative inline-flex h-5 w-9 shrink-0 rounded-full',
        'data-state': s.on ? 'checked' : 'unchecked',
        onClick: () => {
          s.on = !s.on;
          render();
        },
      }, h('span', { class: 'switch-thumb pointer-events-none block h-4 w-4 rounded-full' })));
  }

  /** Capabilities tab: the Memory section (what memport looks for). */
  function capabilitiesPanel() {
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'memory-heading' },
        h('h2', { id: 'memory-heading', class: 'text-lg font-medium' }, 'Memory'),
        settingRow('search'),
        settingRow('generate'),
        h('div', { class: 'memory-actions flex flex-wrap gap-2' },
          // ?scenario=no-view-button: a redesign moved this button away.
          scenario === 'no-view-button' ? null :
            h('button', { type: 'button', class: BUTTON_CLASS, onClick: openMemoryDialogSoon },
              'View and edit your memory'),
          h('button', { type: 'button', class: BUTTON_CLASS, onClick: openImportDialogSoon }, 'Start import'),
          h('button', { type: 'button', class: BUTTON_CLASS }, 'Manage edits'))),
      h('section', { class: 'settings-section', 'aria-labelledby': 'artifacts-heading' },
        h('h2', { id: 'artifacts-heading', class: 'text-lg font-medium' }, 'Artifacts'),
        h('p', { class: 'setting-desc text-sm' },
          'Ask Claude to generate content like code snippets, text documents, or website designs.')),
    ];
  }

  /** Profile tab: a name field, no Memory section. */
  function profilePanel() {
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'profile-heading' },
        h('h2', { id: 'profile-heading', class: 'text-lg font-medium' }, 'Profile'),
        h('div', { class: 'field flex flex-col gap-1' },
          h('label', { for: 'full-name', class: 'text-sm font-medium' }, 'Full name'),
          h('input', {
            id: 'full-name',
            type: 'text',
            class: 'text-input rounded-lg border px-3 py-2',
            value: profile.fullName,
            // Kept in app state so a re-render does not lose what was typed.
            onInput: (event) => { profile.fullName = event.target.value; },
          }))),
    ];
  }

  /** Appearance tab: a theme choice, no Memory section. */
  function appearancePanel() {
    const themes = [['light', 'Light'], ['dark', 'Dark'], ['system', 'Match system']];
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'appearance-heading' },
        h('h2', { id: 'appearance-heading', class: 'text-lg font-medium' }, 'Appearance'),
        h('fieldset', { class: 'theme-choice flex gap-4' },
          h('legend', { class: 'text-sm font-medium' }, 'Color mode'),
          ...themes.map(([value, label]) => h('label', { class: 'theme-option text-sm' },
            h('input', {
              type: 'radio',
              name: 'theme',
              value,
              checked: appearance.theme === value,
              onClick: () => { appearance.theme = value; },
            }),
            ` ${label}`)))),
    ];
  }

  function settingsPage(route) {
    const tabs = [
      ['Profile', '/settings/profile', 'profile'],
      ['Appearance', '/settings/appearance', 'appearance'],
      ['Capabilities', '/settings/capabilities', 'capabilities'],
    ];
    const panels = { profile: profilePanel, appearance: appearancePanel, capabilities: capabilitiesPanel };
    return h('main', { class: 'settings mx-auto w-full max-w-5xl px-6 py-10' },
      h('h1', { class: 'font-display text-2xl' }, 'Settings'),
      h('div', { class: 'settings-layout' },
        h('nav', { class: 'settings-nav flex flex-col gap-1', 'aria-label': 'Settings' },
          ...tabs.map(([name, href, tabRoute]) => link(href, {
            class: 'settings-tab rounded-lg px-3 py-2 text-sm',
            'aria-current': tabRoute === route ? 'page' : null,
          }, name))),
        h('div', { class: 'settings-panel flex flex-col gap-6' }, ...panels[route]())));
  }

  /** /new: the empty chat page. */
  function newChatPage() {
    return h('main', { class: 'new-chat mx-auto flex flex-col items-center gap-6' },
      h('h1', { class: 'font-display text-3xl' }, 'How can I help you today?'),
      h('textarea', {
        class: 'composer rounded-2xl border p-4',
        'aria-label': 'Write your prompt to Claude',
        placeholder: 'How can I help you today?',
        rows: '3',
      }));
  }

  function loginPage() {
    return h('main', { class: 'login mx-auto flex flex-col items-center gap-4' },
      h('h1', { class: 'font-display text-3xl' }, 'Log in to Claude'),
      h('p', { class: 'text-sm' }, 'Your ideas, amplified.'),
      h('button', { type: 'button', class: `${BUTTON_CLASS} login-button` }, 'Continue with email'));
  }

  /**
   * Throws away the old <main> and builds a new one for the current URL,
   * like a React remount. The top bar (logged in only) is kept.
   */
  function render() {
    if (scenario === 'logged-out') {
      root.replaceChildren(loginPage());
    } else {
      const route = currentRoute();
      const main = route === 'new' ? newChatPage() : settingsPage(route);
      document.title = route === 'new' ? 'Claude' : 'Settings - Claude';
      if (!topBar) {
        topBar = buildTopBar();
        root.replaceChildren(topBar);
      }
      const old = root.querySelector(':scope > main');
      if (old) old.replaceWith(main);
      else root.append(main);
    }
    replicaState.renders += 1;
  }

  // -------------------------------------------------------------- dialog

  let dialogTimer = null; // the short delay between click and dialog

  function openMemoryDialogSoon() {
    if (dialogTimer !== null || document.querySelector('[role="dialog"]')) return;
    dialogTimer = setTimeout(() => {
      dialogTimer = null;
      openMemoryDialog();
    }, DIALOG_DELAY_MS);
  }

  function cancelPendingDialog() {
    if (dialogTimer !== null) clearTimeout(dialogTimer);
    dialogTimer = null;
  }

  function closeMemoryDialog() {
    for (const el of document.querySelectorAll('.modal-backdrop, [role="dialog"]')) el.remove();
    document.removeEventListener('keydown', onDialogKeydown, true);
  }

  function onDialogKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeMemoryDialog();
    }
  }

  const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  /** The memory Markdown from the API (already empty for empty-memory). */
  function fetchMemory() {
    return fetch(MEMORY_URL, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => {
        // ?scenario=empty-memory: the account has no memory yet. The server
        // always sends the fixture, so the empty string is put in here.
        if (scenario === 'empty-memory') return '';
        return String(data.memory || '');
      });
  }

  function openMemoryDialog() {
    if (document.querySelector('[role="dialog"]')) return;
    replicaState.dialogOpens += 1;

    const content = h('div', { class: 'memory-content prose' }, 'Loading…');
    const closeButton = h('button', {
      type: 'button', class: 'dialog-close', 'aria-label': 'Close', onClick: closeMemoryDialog,
    }, '×');
    const backdrop = h('div', { class: 'modal-backdrop', 'data-state': 'open', onClick: closeMemoryDialog });
    const dialog = h('div', {
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'memory-dialog-title',
      class: 'memory-dialog',
      'data-state': 'open',
      tabindex: '-1',
    },
    h('div', { class: 'dialog-header' },
      h('h2', { id: 'memory-dialog-title', class: 'text-lg font-medium' }, 'Your memory'),
      closeButton),
    h('p', { class: 'caption' }, 'This summary is regenerated each night based on your chats.'),
    content);

    // Portal: appended to <body>, outside the app root.
    document.body.append(backdrop, dialog);
    document.addEventListener('keydown', onDialogKeydown, true);
    closeButton.focus();

    // ?scenario=never-loads: the request never comes back, "Loading…" stays.
    if (scenario === 'never-loads') return;

    // ?scenario=slow-memory: the memory is shown no sooner than 2.5 s after
    // the dialog opened (the fetch itself is quick).
    const delay = scenario === 'slow-memory' ? wait(SLOW_MEMORY_MS) : Promise.resolve();
    Promise.all([fetchMemory(), delay])
      .then(([markdown]) => {
        // Empty Markdown gives no nodes: the content div ends up empty.
        content.replaceChildren(...renderMarkdown(markdown));
      })
      .catch((err) => {
        content.replaceChildren(h('p', { class: 'error' }, `Couldn't load memory (${err.message}).`));
      });
  }

  // ------------------------------------------------------- import dialog

  let importTimer = null; // the short delay between click (or load) and dialog
  let importDialogEl = null;
  let importBackdropEl = null;

  function openImportDialogSoon() {
    if (importTimer !== null || document.querySelector('[role="dialog"]')) return;
    importTimer = setTimeout(() => {
      importTimer = null;
      openImportDialog();
    }, DIALOG_DELAY_MS);
  }

  function cancelPendingImport() {
    if (importTimer !== null) clearTimeout(importTimer);
    importTimer = null;
  }

  function closeImportDialog() {
    if (importBackdropEl) importBackdropEl.remove();
    if (importDialogEl) importDialogEl.remove();
    importBackdropEl = null;
    importDialogEl = null;
    document.removeEventListener('keydown', onImportKeydown, true);
  }

  function onImportKeydown(event) {
    if (event.key === 'Escape') {
      event.preventDefault();
      closeImportDialog();
    }
  }

  /**
   * React's inputValueTracking, in short (same as the Gemini replica's
   * `react` scenario): an own `value` property on the node records every
   * value set through it; an `input` event whose value equals the recorded
   * one is dropped before the component's onChange sees it.
   */
  function trackValueLikeReact(node) {
    const native = Object.getOwnPropertyDescriptor(HTMLTextAreaElement.prototype, 'value');
    let tracked = node.value;
    Object.defineProperty(node, 'value', {
      configurable: true,
      get() { return native.get.call(this); },
      set(v) { tracked = String(v); native.set.call(this, v); },
    });
    node.addEventListener('input', (event) => {
      if (node.value === tracked) {
        event.stopImmediatePropagation(); // React sees no change: onChange never runs.
        importState.ignoredInputs += 1;
        return;
      }
      tracked = node.value;
    });
  }

  function openImportDialog() {
    if (document.querySelector('[role="dialog"]')) return;
    importState.opens += 1;
    // A newly mounted component starts from its initial state.
    importModel.text = scenario === 'import-prefilled' ? IMPORT_PREFILLED_TEXT : '';

    const closeButton = h('button', {
      type: 'button', class: 'dialog-close', 'aria-label': 'Close', onClick: closeImportDialog,
    }, '×');
    const copyButton = h('button', {
      type: 'button',
      class: `${BUTTON_CLASS} copy-prompt-button`,
      onClick: () => {
        const done = () => { copyButton.textContent = 'Copied'; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(IMPORT_PROMPT).then(done, () => {});
        }
      },
    }, 'Copy prompt');
    const box = h('textarea', {
      id: 'memory-import-box',
      class: 'import-box rounded-lg border px-3 py-2',
      placeholder: 'Paste your memory here…',
      rows: '8',
    });
    const addButton = h('button', {
      type: 'button', class: `${BUTTON_CLASS} primary-button`, disabled: true,
    }, 'Add to memory');
    const status = h('p', { class: 'import-status', role: 'status' });

    // Like React: the view (button state) derives from the model only.
    const updateView = () => { addButton.disabled = importModel.text.trim() === ''; };

    // Rendered with the model's value, as React does for value={text}.
    if (importModel.text) box.value = importModel.text;
    trackValueLikeReact(box);
    box.addEventListener('input', (event) => {
      // onChange={(e) => setText(e.target.value)}
      importState.inputEvents += 1;
      importModel.text = event.target.value;
      updateView();
    });
    addButton.addEventListener('click', () => {
      if (importModel.text.trim() === '') return;
      importState.submitted = true;
      importState.submittedText = importModel.text;
      status.textContent = 'Added. Claude will process this import within 24 hours.';
    });

    importBackdropEl = h('div', {
      class: 'modal-backdrop import-backdrop', 'data-state': 'open', onClick: closeImportDialog,
    });
    importDialogEl = h('div', {
      role: 'dialog',
      'aria-modal': 'true',
      'aria-labelledby': 'import-dialog-title',
      class: 'memory-dialog import-dialog',
      'data-state': 'open',
      tabindex: '-1',
    },
    h('div', { class: 'dialog-header' },
      h('h2', { id: 'import-dialog-title', class: 'text-lg font-medium' }, 'Import memory to Claude'),
      closeButton),
    h('p', { class: 'caption' },
      'Copy this prompt into a chat with your other AI provider, then paste the response below.'),
    h('div', { class: 'import-prompt flex flex-col gap-2' },
      h('textarea', {
        class: 'import-prompt-text rounded-lg border px-3 py-2',
        readonly: true,
        'aria-label': 'Prompt',
        rows: '4',
      }, IMPORT_PROMPT),
      copyButton),
    h('label', { for: 'memory-import-box', class: 'import-label text-sm font-medium' }, 'Paste the response here'),
    box,
    h('p', { class: 'import-note text-sm' },
      'Imports are experimental. Claude adds them to memory within 24 hours.'),
    status,
    h('div', { class: 'dialog-footer flex justify-end gap-2' },
      h('button', { type: 'button', class: BUTTON_CLASS, onClick: closeImportDialog }, 'Cancel'),
      addButton));
    updateView();

    // Portal: appended to <body>, outside the app root.
    document.body.append(importBackdropEl, importDialogEl);
    document.addEventListener('keydown', onImportKeydown, true);
    closeButton.focus();
  }

  // ------------------------------------------------------------ markdown

  /** Text with **bold** runs -> array of text nodes and <strong>s. */
  function inline(text) {
    const out = [];
    const re = /\*\*(.+?)\*\*/g;
    let last = 0;
    let m;
    while ((m = re.exec(text))) {
      if (m.index > last) out.push(text.slice(last, m.index));
      out.push(h('strong', null, m[1]));
      last = re.lastIndex;
    }
    if (last < text.length) out.push(text.slice(last));
    return out;
  }

  /**
   * The small Markdown subset Claude's memory uses. Blocks are separated by
   * blank lines; inside a block, runs of "- " lines become one <ul> and
   * other runs one <p> (lines joined with a space).
   */
  function renderMarkdown(markdown) {
    const nodes = [];
    const blocks = markdown.replace(/\r\n?/g, '\n').split(/\n\s*\n/);
    for (const block of blocks) {
      const lines = block.split('\n').map((l) => l.trim()).filter(Boolean);
      let i = 0;
      while (i < lines.length) {
        if (lines[i].startsWith('- ')) {
          const ul = h('ul');
          while (i < lines.length && lines[i].startsWith('- ')) {
            ul.append(h('li', null, ...inline(lines[i].slice(2).trim())));
            i += 1;
          }
          nodes.push(ul);
        } else {
          const para = [];
          while (i < lines.length && !lines[i].startsWith('- ')) {
            para.push(lines[i]);
            i += 1;
          }
          // "**Heading**" alone becomes <p><strong>Heading</strong></p>,
          // which inline() already produces.
          nodes.push(h('p', null, ...inline(para.join(' '))));
        }
      }
    }
    return nodes;
  }

  // ---------------------------------------------------------------- boot

  setTimeout(() => {
    render();
    if (scenario !== 'logged-out') {
      for (const ms of RERENDER_AFTER_MS) setTimeout(render, ms);
      // ?open_memory_import=true (the query stays in the URL, as on Claude).
      if (query.get('open_memory_import') === 'true' && currentRoute() === 'capabilities') {
        openImportDialogSoon();
      }
    }
  }, LOADING_MS);
})();
