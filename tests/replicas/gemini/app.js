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
// ?version=2 and ?lang=fr (read once at load; independent of each other and of ?scenario):
//   version=2  a redesigned DOM with the same behaviour and ARIA semantics but none of
//              version 1's CSS hooks: hashed class names and extra wrapper divs; the import
//              box is a <textarea> without id, <label> or the "Paste your info here..."
//              placeholder (placeholder "Paste here"), named only by aria-label; Saved info
//              has no <ul>: <div role="list" aria-label="Saved info"> holds one
//              <div role="listitem"> per entry (<span> text, then the Edit/Delete buttons).
//   lang=fr    French UI strings (see STRINGS.fr) and <html lang="fr">; the saved-info
//              entries themselves stay English.
// Version 1 in English is the original replica, unchanged.
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

  const query = new URLSearchParams(location.search);
  const scenario = query.get('scenario');
  // ?version=2: the redesigned DOM; ?lang=fr: the French UI (see the top).
  const V2 = query.get('version') === '2';
  const lang = query.get('lang') === 'fr' ? 'fr' : 'en';
  if (lang === 'fr') document.documentElement.lang = 'fr';

  /** UI strings per language. English ones are version 1's originals. */
  const STRINGS = {
    en: {
      importTitle: 'Gemini - Import memory',
      importHeading: 'Import memory',
      importIntro: 'Bring what another AI provider remembers about you to Gemini in two steps.',
      step1: 'Copy this prompt into a chat with your other AI provider',
      promptLabel: 'Prompt',
      copyPrompt: 'Copy prompt',
      copied: 'Copied',
      step2: 'Add the response to Gemini',
      moved: 'Importing is moving to a new place.',
      boxLabel: 'Paste the response here',
      boxPlaceholder: 'Paste your info here...',
      boxPlaceholderV2: 'Paste here',
      chars: (n) => `${n} ${n === 1 ? 'character' : 'characters'}`,
      addMemory: 'Add memory',
      memoryAdded: 'Memory added',
      importChats: 'Import chats',
      importChatsDesc: 'Upload a ZIP export of your chats from another provider.',
      upload: 'Upload',
      savedTitle: 'Gemini - Saved info',
      savedHeading: 'Saved info',
      savedIntro: 'Info you asked Gemini to save',
      add: 'Add',
      listLabel: 'Saved info',
      edit: 'Edit',
      delete: 'Delete',
      editLabel: 'Edit saved info',
      newLabel: 'New saved info',
      save: 'Save',
      cancel: 'Cancel',
      empty: 'You haven\'t asked Gemini to save any info yet.',
    },
    fr: {
      importTitle: 'Gemini - Importer la mémoire',
      importHeading: 'Importer la mémoire',
      importIntro: 'Transférez vers Gemini ce qu\'un autre fournisseur d\'IA sait de vous, en deux étapes.',
      step1: 'Copiez cette invite dans une conversation avec votre autre fournisseur d\'IA',
      promptLabel: 'Invite',
      copyPrompt: 'Copier l\'invite',
      copied: 'Copié',
      step2: 'Ajoutez la réponse à Gemini',
      moved: 'L\'importation change de place.',
      boxLabel: 'Collez la réponse ici',
      boxPlaceholder: 'Collez vos infos ici...',
      boxPlaceholderV2: 'Collez ici',
      chars: (n) => `${n} ${n <= 1 ? 'caractère' : 'caractères'}`,
      addMemory: 'Ajouter un souvenir',
      memoryAdded: 'Souvenir ajouté',
      importChats: 'Importer des conversations',
      importChatsDesc: 'Importez une archive ZIP de vos conversations depuis un autre fournisseur.',
      upload: 'Téléverser',
      savedTitle: 'Gemini - Infos enregistrées',
      savedHeading: 'Infos enregistrées',
      savedIntro: 'Infos que vous avez demandé à Gemini d\'enregistrer',
      add: 'Ajouter',
      listLabel: 'Infos enregistrées',
      edit: 'Modifier',
      delete: 'Supprimer',
      editLabel: 'Modifier l\'info enregistrée',
      newLabel: 'Nouvelle info enregistrée',
      save: 'Enregistrer',
      cancel: 'Annuler',
      empty: 'Vous n\'avez encore demandé à Gemini d\'enregistrer aucune info.',
    },
  };
  const T = STRINGS[lang];

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
    charCount.textContent = T.chars(n);
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
    status.textContent = T.memoryAdded;
  }

  function onCopyPrompt(event) {
    const button = event.currentTarget;
    const done = () => { button.textContent = T.copied; };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(PROMPT).then(done, () => {});
    }
  }

  function step(number, title, ...body) {
    if (V2) {
      return h('div', { class: 'css-g5t1' },
        h('div', { class: 'css-g5h1' },
          h('div', { class: 'css-g5n1', 'aria-hidden': 'true' }, String(number)),
          h('div', { class: 'css-g5h2' }, h('h2', { class: 'css-g5t2' }, title))),
        h('div', { class: 'css-g5b1' }, ...body));
    }
    return h('section', { class: 'import-step' },
      h('div', { class: 'step-header' },
        h('span', { class: 'step-number', 'aria-hidden': 'true' }, String(number)),
        h('h2', { class: 'step-title' }, title)),
      ...body);
  }

  function pasteStep() {
    if (scenario === 'nobox') {
      return step(2, T.step2,
        h('p', { class: V2 ? 'css-g6m1' : 'moved-notice' }, T.moved));
    }
    // Version 2: no id, no <label>, no "Paste your info here..."; only aria-label names it.
    const textarea = V2
      ? h('textarea', {
        class: 'css-g7t1',
        placeholder: T.boxPlaceholderV2,
        'aria-label': T.boxLabel,
        rows: 12,
      })
      : h('textarea', {
        id: 'import-box',
        class: 'mat-mdc-input-element cdk-textarea-autosize',
        placeholder: T.boxPlaceholder,
        'aria-label': T.boxLabel,
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
    charCount = h('span', { class: V2 ? 'css-g7c1' : 'char-count', 'aria-live': 'polite' }, T.chars(0));
    addButton = h('button', {
      type: 'button', class: V2 ? 'css-g8b1 css-g8b2' : 'mdc-button add-button', onClick: onAdd,
    }, T.addMemory);
    status = h(V2 ? 'div' : 'p', { class: V2 ? 'css-g7s1' : 'status', role: 'status' });
    if (V2) {
      return step(2, T.step2,
        h('div', { class: 'css-g7f1' },
          h('div', { class: 'css-g7f2' },
            h('div', { class: 'css-g7f3' }, textarea))),
        h('div', { class: 'css-g7r1' },
          h('div', { class: 'css-g7r2' }, charCount),
          h('div', { class: 'css-g7r3' }, addButton)),
        status);
    }
    return step(2, T.step2,
      h('label', { for: 'import-box', class: 'field-label' }, T.boxLabel),
      h('mat-form-field', { class: 'mat-mdc-form-field mat-form-field-appearance-outline' },
        h('div', { class: 'mat-mdc-text-field-wrapper' }, textarea)),
      h('div', { class: 'field-footer' },
        charCount,
        addButton),
      status);
  }

  function render() {
    const promptBox = h('div', {
      class: V2 ? 'css-g4p1' : 'prompt-box',
      role: 'textbox',
      'aria-readonly': 'true',
      'aria-label': T.promptLabel,
      tabindex: 0,
    }, PROMPT);
    const copyButton = h('button', {
      type: 'button', class: V2 ? 'css-g8b1 css-g8b3' : 'mdc-button copy-button', onClick: onCopyPrompt,
    }, T.copyPrompt);
    const uploadButton = h('button', { type: 'button', class: V2 ? 'css-g8b1' : 'mdc-button', disabled: true }, T.upload);
    const page = V2
      ? h('main', { class: 'css-g0m1' },
        h('div', { class: 'css-g0w2' },
          h('div', { class: 'css-g0h0' }, h('h1', { class: 'css-g0h1' }, T.importHeading)),
          h('div', { class: 'css-g0i1' }, T.importIntro),
          step(1, T.step1, h('div', { class: 'css-g4w1' }, promptBox), h('div', { class: 'css-g4w2' }, copyButton)),
          pasteStep(),
          h('div', { class: 'css-g5t1' },
            h('div', { class: 'css-g5h1' }, h('h2', { class: 'css-g5t2' }, T.importChats)),
            h('div', { class: 'css-g5b1' },
              h('div', { class: 'css-g0i2' }, T.importChatsDesc),
              uploadButton))))
      : h('main', { class: 'import-page' },
        h('h1', null, T.importHeading),
        h('p', { class: 'intro' }, T.importIntro),
        step(1, T.step1, promptBox, copyButton),
        pasteStep(),
        h('section', { class: 'import-chats' },
          h('h2', null, T.importChats),
          h('p', null, T.importChatsDesc),
          uploadButton));
    if (lang !== 'en') document.title = T.importTitle;
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

  const INPUT_CLASS = V2 ? 'css-s2f1' : 'saved-info-input';

  /** Inline text field with Save / Cancel for the entry being edited (or added). */
  function editorRow(label) {
    const field = h('input', {
      type: 'text',
      class: INPUT_CLASS,
      'aria-label': label,
    });
    field.value = editing.draft;
    field.addEventListener('input', (event) => { editing.draft = event.target.value; });
    field.addEventListener('keydown', (event) => {
      if (event.key === 'Enter') { event.preventDefault(); saveEditing(); }
      if (event.key === 'Escape') { event.preventDefault(); cancelEditing(); }
    });
    const actions = [
      h('button', { type: 'button', class: V2 ? 'css-g8b1' : 'mdc-button', onClick: saveEditing }, T.save),
      h('button', { type: 'button', class: V2 ? 'css-g8b1 css-g8b3' : 'mdc-button text-button', onClick: cancelEditing }, T.cancel),
    ];
    if (V2) {
      return h('div', { role: 'listitem', class: 'css-s1i1' },
        h('div', { class: 'css-s1i2' }, field),
        h('div', { class: 'css-s1a1' }, ...actions));
    }
    return h('li', { class: 'saved-info-item editing' },
      field,
      h('div', { class: 'saved-info-actions' }, ...actions));
  }

  function iconButton(label, icon, onClick) {
    return h('button', { type: 'button', class: V2 ? 'css-s1b1' : 'icon-button', 'aria-label': label, title: label, onClick },
      h('span', { class: V2 ? 'css-s1b2' : 'icon', 'aria-hidden': 'true' }, icon));
  }

  function entryRow(entry) {
    if (editing && editing.id === entry.id) return editorRow(T.editLabel);
    const actions = [
      iconButton(T.edit, '\u270E', () => startEditing(entry.id, entry.text)),
      iconButton(T.delete, '\u{1F5D1}', () => deleteEntry(entry.id)),
    ];
    if (V2) {
      return h('div', { role: 'listitem', class: 'css-s1i1' },
        h('div', { class: 'css-s1i2' }, h('span', { class: 'css-s1t1' }, entry.text)),
        h('div', { class: 'css-s1a1' }, ...actions));
    }
    return h('li', { class: 'saved-info-item' },
      h('span', { class: 'saved-info-text' }, entry.text),
      h('div', { class: 'saved-info-actions' }, ...actions));
  }

  /** Throws the list away and builds it again from the entries (new nodes). */
  function renderList() {
    if (!listHost) return;
    const focused = document.activeElement && document.activeElement.matches(`.${INPUT_CLASS}`);
    const rows = entries.map(entryRow);
    if (editing && editing.id === 'new') rows.push(editorRow(T.newLabel));
    let content;
    if (rows.length === 0) {
      content = h(V2 ? 'div' : 'p', { class: V2 ? 'css-s1e1' : 'saved-info-empty' }, T.empty);
    } else if (V2) {
      content = h('div', { class: 'css-s1l0' },
        h('div', { role: 'list', 'aria-label': T.listLabel, class: 'css-s1l1' }, ...rows));
    } else {
      content = h('ul', { class: 'saved-info-list', 'aria-label': T.listLabel }, ...rows);
    }
    listHost.replaceChildren(content);
    savedInfo.renders += 1;
    if (focused) {
      const field = listHost.querySelector(`.${INPUT_CLASS}`);
      if (field) field.focus();
    }
  }

  function renderSavedInfo() {
    listHost = h('div', { class: V2 ? 'css-s0b1' : 'saved-info-body' });
    const addInfoButton = h('button', {
      type: 'button',
      class: V2 ? 'css-g8b1' : 'mdc-button add-info-button',
      onClick: () => { if (!editing) startEditing('new', ''); },
    }, T.add);
    const page = V2
      ? h('main', { class: 'css-s0p1' },
        h('div', { class: 'css-s0w1' },
          h('div', { class: 'css-g0h0' }, h('h1', { class: 'css-g0h1' }, T.savedHeading)),
          h('div', { class: 'css-g0i1' }, T.savedIntro),
          h('div', { class: 'css-s0t1' }, h('div', { class: 'css-s0t2' }, addInfoButton)),
          listHost))
      : h('main', { class: 'saved-info-page' },
        h('h1', null, T.savedHeading),
        h('p', { class: 'intro' }, T.savedIntro),
        h('div', { class: 'saved-info-toolbar' }, addInfoButton),
        listHost);
    document.title = T.savedTitle;
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
