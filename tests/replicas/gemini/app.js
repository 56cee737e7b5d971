// Replica of https://gemini.google.com/import (also /u/N/import) and of the
// "Saved info" page (/saved-info, /u/N/saved-info) for memport's tests.
//
// Routes (read once at load): /saved-info and /u/N/saved-info render the
// Saved info page; every other path (/import, /u/N/import, ...) renders the
// import page.
//
// It behaves like the Angular app in the way that matters to an extension
// that fills the box: the page keeps its own model, and like Angular's
// DefaultValueAccessor it updates model.text ONLY from the textarea's
// `input` event. Setting textarea.value from a script without dispatching
// `input` leaves the model empty: the char count stays at 0 and
// "Add memory" stays disabled, exactly as on the real page.
//
// Scenarios (?scenario=...):
//   prefilled  the box already holds "My own notes about me", as if typed
//              (model.text set too; no input event is counted for it)
//   nobox      a redesign: the steps are there but no textarea at all
//   react      the box behaves like a React-controlled textarea: React's value tracker
//              remembers what was set through the element's own `value` property and
//              ignores an `input` event when the value equals it, so a script that sets
//              `el.value = x` in the page's world and fires `input` is never seen
//
// For tests, a live object in the main world:
//   window.replicaState = { model, inputEvents, changeEvents, submitted, submittedText,
//                           ignoredInputs, savedInfo }
//
// Saved info page: renders late (~400 ms) inside <app-root>: <h1>Saved info</h1>, the
// paragraph "Info you asked Gemini to save", an "Add" button and
// <ul class="saved-info-list" aria-label="Saved info"> with one
// <li class="saved-info-item"> per entry: <span class="saved-info-text">, then icon
// buttons aria-label "Edit" and "Delete". Like an Angular list, the <ul> is rebuilt once
// more at ~1 s (new nodes, same content) and after every change (add, edit, delete).
// Edit and Add show an inline text field ("Save" / "Cancel"; Enter and Escape too).
// Scenario (?scenario=...):
//   empty      no list: the paragraph "You haven't asked Gemini to save any info yet."
// replicaState.savedInfo = { renders, entries } (also present, renders 0, on the import
// page): renders counts every build of the list (or of its empty state); entries is the
// live array of { id, text }.
(() => {
  'use strict';

  const RENDER_DELAY_MS = 400;
  const PREFILLED_TEXT = 'My own notes about me';
  const PROMPT =
    'I\'m moving to another service and need to export my data. List every memory you have ' +
    'stored about me, as well as any context you\'ve learned about me from past conversations. ' +
    'Output everything in a single code block so I can easily copy it. Format each entry as: ' +
    '[date saved, if available] - memory content. Make sure to cover all of the following, ' +
    'preserving my words verbatim where possible: instructions I\'ve given you about how to ' +
    'respond, personal details, projects, goals and recurring topics.';

  const scenario = new URLSearchParams(location.search).get('scenario');

  // The component's model (ngModel). Only onInput() writes model.text.
  const model = { text: '' };
  const replicaState = {
    model,
    inputEvents: 0,
    changeEvents: 0,
    submitted: false,
    submittedText: null,
    ignoredInputs: 0,
    savedInfo: null, // set below
  };
  window.replicaState = replicaState;

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

  // Elements bound to the model (set up in render()).
  let charCount = null;
  let addButton = null;
  let status = null;

  /** Change detection: the view derives from the model only. */
  function updateView() {
    if (!charCount) return;
    const n = model.text.length;
    charCount.textContent = `${n} ${n === 1 ? 'character' : 'characters'}`;
    addButton.disabled = model.text.trim() === '';
  }

  /**
   * React's inputValueTracking, in short: an own `value` property on the node records every
   * value set through it; an `input` event whose value equals the recorded one is dropped.
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
        replicaState.ignoredInputs += 1;
        return;
      }
      tracked = node.value;
    });
  }

  function onInput(event) {
    // DefaultValueAccessor: (input)="onChange($event.target.value)"
    replicaState.inputEvents += 1;
    model.text = event.target.value;
    updateView();
  }

  function onChange() {
    replicaState.changeEvents += 1;
  }

  function onAdd() {
    if (model.text.trim() === '') return;
    replicaState.submitted = true;
    replicaState.submittedText = model.text;
    status.textContent = 'Memory added';
  }

  function onCopyPrompt(event) {
    const button = event.currentTarget;
    const done = () => { button.textContent = 'Copied'; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(PROMPT).then(done, () => {});
    }
  }

  function step(number, title, ...body) {
    return h('section', { class: 'import-step' },
      h('div', { class: 'step-header' },
        h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(number)),
        h('h2', { class: 'step-title' }, title)),
      ...body);
  }

  function pasteStep() {
    if (scenario === 'nobox') {
      return step(2, 'Add the response to Gemini',
        h('p', { class: 'moved-notice' }, 'Importing is moving to a new place.'));
    }
    const textarea = h('textarea', {
      id: 'import-box',
      class: 'mat-mdc-input-element cdk-textarea-autosize',
      placeholder: 'Paste your info here...',
      'aria-label': 'Paste the response here',
      rows: 12,
    });
    if (scenario === 'react') trackValueLikeReact(textarea);
    textarea.addEventListener('input', onInput);
    textarea.addEventListener('change', onChange);
    if (scenario === 'prefilled') {
      // As if the person had typed it: both the view and the model hold it.
      textarea.value = PREFILLED_TEXT;
      model.text = PREFILLED_TEXT;
    }
    charCount = h('span', { class: 'char-count', 'aria-live': 'polite' }, '0 characters');
    addButton = h('button', { type: 'button', class: 'mdc-button add-button', onClick: onAdd }, 'Add memory');
    status = h('p', { class: 'status', role: 'status' });
    return step(2, 'Add the response to Gemini',
      h('label', { for: 'import-box', class: 'field-label' }, 'Paste the response here'),
      h('mat-form-field', { class: 'mat-mdc-form-field mat-form-field-appearance-outline' },
        h('div', { class: 'mat-mdc-text-field-wrapper' }, textarea)),
      h('div', { class: 'field-footer' },
        charCount,
        addButton),
      status);
  }

  function render() {
    const page = h('main', { class: 'import-page' },
      h('h1', null, 'Import memory'),
      h('p', { class: 'intro' },
        'Bring what another AI provider remembers about you to Gemini in two steps.'),
      step(1, 'Copy this prompt into a chat with your other AI provider',
        h('div', {
          class: 'prompt-box',
          role: 'textbox',
          'aria-readonly': 'true',
          'aria-label': 'Prompt',
          tabindex: 0,
        }, PROMPT),
        h('button', { type: 'button', class: 'mdc-button copy-button', onClick: onCopyPrompt }, 'Copy prompt')),
      pasteStep(),
      h('section', { class: 'import-chats' },
        h('h2', null, 'Import chats'),
        h('p', null, 'Upload a ZIP export of your chats from another provider.'),
        h('button', { type: 'button', class: 'mdc-button', disabled: true }, 'Upload')));
    document.querySelector('app-root').replaceChildren(page);
    updateView();
  }

  // ---------------------------------------------------------- saved info

  const SAVED_INFO_PATH = /^\/(?:u\/\d+\/)?saved-info\/?$/;
  const LIST_RERENDER_MS = 1000; // after load: the one extra rebuild of the list
  const SAVED_INFO_ENTRIES = [
    'I\'m vegetarian and allergic to cashews.',
    'Always answer in British English.',
    'My daughter Ines is starting primary school in September 2027.',
    'I\'m training for the Lisbon marathon in October.',
    'Don\'t suggest Medium articles; link official documentation instead.',
    'I work as a product designer at a fintech startup in Porto.',
    'Prefers Figma and Linear; uses a MacBook Air.',
  ];

  const entries = scenario === 'empty' ? [] : SAVED_INFO_ENTRIES.map((text, i) => ({ id: i + 1, text }));
  let nextId = entries.length + 1;
  const savedInfo = { renders: 0, entries };
  replicaState.savedInfo = savedInfo;

  // The entry being edited: { id (a number, or 'new' for Add), draft }. Like ngModel, the
  // draft changes only on the field's input events.
  let editing = null;
  let listHost = null; // holds the list (or its empty state); its content is rebuilt

  function startEditing(id, text) {
    editing = { id, draft: text };
    renderList();
  }

  function saveEditing() {
    if (!editing) return;
    const text = editing.draft.trim();
    if (text !== '') {
      if (editing.id === 'new') entries.push({ id: nextId++, text });
      else {
        const entry = entries.find((e) => e.id === editing.id);
        if (entry) entry.text = text;
      }
    }
    editing = null;
    renderList();
  }

  function cancelEditing() {
    editing = null;
    renderList();
  }

  function deleteEntry(id) {
    const i = entries.findIndex((e) => e.id === id);
    if (i >= 0) entries.splice(i, 1);
    if (editing && editing.id === id) editing = null;
    renderList();
  }

  /** Inline text field with Save / Cancel for the entry being edited (or added). */
  function editorRow(label) {
    const field = h('input', {
      type: 'text',
      class: 'saved-info-input',
      'aria-label': label,
    });
    field.value = editing.draft;
    field.addEventListener('input', (event) => { editing.draft = event.target.value; });
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); saveEditing(); }
      if (event.key === 'Escape') { event.preventDefault(); cancelEditing(); }
    });
    return h('li', { class: 'saved-info-item editing' },
      field,
      h('div', { class: 'saved-info-actions' },
        h('button', { type: 'button', class: 'mdc-button', onClick: saveEditing }, 'Save'),
        h('button', { type: 'button', class: 'mdc-button text-button', onClick: cancelEditing }, 'Cancel')));
  }

  function iconButton(label, icon, onClick) {
    return h('button', { type: 'button', class: 'icon-button', 'aria-label': label, title: label, onClick },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, icon));
  }

  function entryRow(entry) {
    if (editing && editing.id === entry.id) return editorRow('Edit saved info');
    return h('li', { class: 'saved-info-item' },
      h('span', { class: 'saved-info-text' }, entry.text),
      h('div', { class: 'saved-info-actions' },
        iconButton('Edit', '\u270E', () => startEditing(entry.id, entry.text)),
        iconButton('Delete', '\u{1F5D1}', () => deleteEntry(entry.id))));
  }

  /** Throws the list away and builds it again from the entries (new nodes). */
  function renderList() {
    if (!listHost) return;
    const focused = document.activeElement && document.activeElement.matches('.saved-info-input');
    const rows = entries.map(entryRow);
    if (editing && editing.id === 'new') rows.push(editorRow('New saved info'));
    const content = rows.length === 0
      ? h('p', { class: 'saved-info-empty' }, 'You haven\'t asked Gemini to save any info yet.')
      : h('ul', { class: 'saved-info-list', 'aria-label': 'Saved info' }, ...rows);
    listHost.replaceChildren(content);
    savedInfo.renders += 1;
    if (focused) {
      const field = listHost.querySelector('.saved-info-input');
      if (field) field.focus();
    }
  }

  function renderSavedInfo() {
    listHost = h('div', { class: 'saved-info-body' });
    const page = h('main', { class: 'saved-info-page' },
      h('h1', null, 'Saved info'),
      h('p', { class: 'intro' }, 'Info you asked Gemini to save'),
      h('div', { class: 'saved-info-toolbar' },
        h('button', {
          type: 'button',
          class: 'mdc-button add-info-button',
          onClick: () => { if (!editing) startEditing('new', ''); },
        }, 'Add')),
      listHost);
    document.title = 'Gemini - Saved info';
    document.querySelector('app-root').replaceChildren(page);
    renderList();
  }

  if (SAVED_INFO_PATH.test(location.pathname)) {
    setTimeout(renderSavedInfo, RENDER_DELAY_MS);
    setTimeout(renderList, LIST_RERENDER_MS);
  } else {
    setTimeout(render, RENDER_DELAY_MS);
  }
})();
