// Replica of https://claude.ai/settings/capabilities for memport's tests.
//
// It behaves like the React app in the ways that matter to an extension:
//  - nothing is rendered for ~300 ms (loading), then the settings page;
//  - the whole <main> subtree is thrown away and rebuilt (new nodes, same
//    content) ~800 ms and ~1600 ms after the first render and whenever a
//    switch is clicked, so anything a content script put into the old tree
//    disappears with it;
//  - "View and edit your memory" opens a modal dialog (portal on <body>)
//    that fetches /api/organizations/org-1/memory and renders the Markdown
//    the way Claude does (**Heading** paragraphs, "- " lists).
// All DOM is built with createElement/textContent: the page runs under a
// strict CSP (no inline script or style) and the fixture contains HTML-like
// text that must stay text.
//
// ?scenario=logged-out renders the login page instead.
//
// For tests, window.replicaState = { renders, dialogOpens } (main world).
(() => {
  'use strict';

  const LOADING_MS = 300;
  const RERENDER_AFTER_MS = [800, 1600];
  const DIALOG_DELAY_MS = 250;
  const MEMORY_URL = '/api/organizations/org-1/memory';

  const replicaState = { renders: 0, dialogOpens: 0 };
  window.replicaState = replicaState;

  const scenario = new URLSearchParams(location.search).get('scenario');
  const root = document.getElementById('root');

  // The app's own state; survives re-renders like React state would.
  const switches = {
    search: { label: 'Search and reference chats', on: true,
      desc: 'Allow Claude to search for relevant details in past chats.' },
    generate: { label: 'Generate memory from chat history', on: true,
      desc: 'Allow Claude to remember relevant context from your chats.' },
  };

  const BUTTON_CLASS = 'inline-flex items-center rounded-lg border px-3 py-1.5 text-sm font-medium';

  /** Tiny element builder: h('p', { class: 'x' }, 'text', childNode). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name === 'onClick') el.addEventListener('click', value);
      else if (value === true) el.setAttribute(name, '');
      else if (value !== false && value != null) el.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child == null || child === false) continue;
      el.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return el;
  }

  // ---------------------------------------------------------------- page

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

  function settingsPage() {
    const tabs = [
      ['Profile', '/settings/profile'],
      ['Appearance', '/settings/appearance'],
      ['Capabilities', '/settings/capabilities'],
    ];
    return h('main', { class: 'settings mx-auto w-full max-w-5xl px-6 py-10' },
      h('h1', { class: 'font-display text-2xl' }, 'Settings'),
      h('div', { class: 'settings-layout' },
        h('nav', { class: 'settings-nav flex flex-col gap-1', 'aria-label': 'Settings' },
          ...tabs.map(([name, href]) => h('a', {
            href,
            class: 'settings-tab rounded-lg px-3 py-2 text-sm',
            'aria-current': name === 'Capabilities' ? 'page' : null,
          }, name))),
        h('div', { class: 'settings-panel flex flex-col gap-6' },
          h('section', { class: 'settings-section', 'aria-labelledby': 'memory-heading' },
            h('h2', { id: 'memory-heading', class: 'text-lg font-medium' }, 'Memory'),
            settingRow('search'),
            settingRow('generate'),
            h('div', { class: 'memory-actions flex flex-wrap gap-2' },
              h('button', { type: 'button', class: BUTTON_CLASS, onClick: openMemoryDialogSoon },
                'View and edit your memory'),
              h('button', { type: 'button', class: BUTTON_CLASS }, 'Start import'),
              h('button', { type: 'button', class: BUTTON_CLASS }, 'Manage edits'))),
          h('section', { class: 'settings-section', 'aria-labelledby': 'artifacts-heading' },
            h('h2', { id: 'artifacts-heading', class: 'text-lg font-medium' }, 'Artifacts'),
            h('p', { class: 'setting-desc text-sm' },
              'Ask Claude to generate content like code snippets, text documents, or website designs.')))));
  }

  function loginPage() {
    return h('main', { class: 'login mx-auto flex flex-col items-center gap-4' },
      h('h1', { class: 'font-display text-3xl' }, 'Log in to Claude'),
      h('p', { class: 'text-sm' }, 'Your ideas, amplified.'),
      h('button', { type: 'button', class: `${BUTTON_CLASS} login-button` }, 'Continue with email'));
  }

  /** Throws away the old <main> and builds a new one, like a React remount. */
  function render() {
    const main = scenario === 'logged-out' ? loginPage() : settingsPage();
    root.replaceChildren(main);
    replicaState.renders += 1;
  }

  // -------------------------------------------------------------- dialog

  let dialogPending = false;

  function openMemoryDialogSoon() {
    if (dialogPending || document.querySelector('[role="dialog"]')) return;
    dialogPending = true;
    setTimeout(() => {
      dialogPending = false;
      openMemoryDialog();
    }, DIALOG_DELAY_MS);
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

    fetch(MEMORY_URL, { credentials: 'same-origin' })
      .then((response) => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then((data) => {
        content.replaceChildren(...renderMarkdown(String(data.memory || '')));
      })
      .catch((err) => {
        content.replaceChildren(h('p', { class: 'error' }, `Couldn't load memory (${err.message}).`));
      });
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
    }
  }, LOADING_MS);
})();
