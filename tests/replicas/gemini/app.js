// Replica of https://gemini.google.com/import (also /u/N/import), of the
// "Saved info" page (/saved-info, /u/N/saved-info) and of the chat home page with
// its composer (/app, /u/N/app, /app/<chat id>) for memport's tests.
//
// Routes (read once at load): /saved-info and /u/N/saved-info render the
// Saved info page; /app, /app/..., /u/N/app and /u/N/app/... render the chat
// page; every other path (/import, /u/N/import, ...) renders the import page.
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
//   plaintext  a redesign nothing in memport's site file matches: the box is a
//              <div contenteditable="plaintext-only"> without role, label or id, read
//              (innerText) into model.text on each input event
//   react      the box behaves like a React-controlled textarea: React's value tracker
//              remembers what was set through the element's own `value` property and
//              ignores an `input` event when the value equals it, so a script that sets
//              `el.value = x` in the page's world and fires `input` is never seen
//
// For tests, a live object in the main world:
//   window.replicaState = { model, inputEvents, changeEvents, submitted, submittedText,
//                           ignoredInputs, savedInfo, composer }
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
//   renamed    a redesign nothing in memport's site file matches: the list is a bare <ul>
//              (no class, no aria-label); the heading is unchanged
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
//
// Chat page: renders late (~400 ms) inside <app-root>: the greeting <h1> "Hello, Sam", and
// at the bottom the composer, which on the real site is a Quill editor inside Angular:
//   <rich-textarea><div class="ql-editor ql-blank textarea" contenteditable="true"
//     role="textbox" aria-label="Enter a prompt here" aria-multiline="true"
//     data-placeholder="Ask Gemini"><p><br></p></div></rich-textarea>
// next to <button aria-label="Send message">, which is disabled (aria-disabled too) and
// hidden (its container lacks .visible) while Quill's text is blank, as on the real site.
// Quill keeps its OWN document (here: replicaState.composer.model.lines) and, like its
// ScrollBlot, learns about DOM changes only through a MutationObserver on the editor
// (childList, characterData, subtree), not through input events: on each batch of
// mutations it reads the DOM into its lines (see readQuillDom: <p>/<div> blocks are lines,
// <p><br></p> is an empty line, a <br> next to text in a block is dropped, a bare
// top-level text node is a line of its own), normalizes the DOM so every line is one <p>
// (an empty one <p><br></p>; the caret is kept), toggles ql-blank on the editor and, if
// the lines changed, emits text-change, on which the Angular wrapper updates the send
// button. So typing, document.execCommand('insertText', ...) AND script changes
// (textContent, innerHTML) all reach the model, as they do with real Quill. Quill's
// clipboard module takes `paste` over (like Quill 2's onCapturePaste): preventDefault,
// clipboardData's text/plain replaces the selection in the model (at the end when the
// selection is not in the editor), the DOM is re-rendered from the model. Enter (no Shift)
// is Gemini's binding: it sends (preventDefault; if there is text: sent = true, sentText =
// getText(), the message shows above the composer, the composer is cleared); Shift+Enter
// is Quill's: a new line at the caret. The send button sends the same way.
//   version=2  none of these hooks: no <rich-textarea>, no ql-editor/ql-blank; the editor is
//              <div class="css-q0e2" contenteditable="true" role="textbox" aria-label=...
//              data-placeholder=...> (blank: css-q0e3) inside <div class="css-q0e1">; the
//              send button has only a hashed class and its aria-label.
//   lang=fr    "Bonjour Sam", aria-label "Saisissez une requête ici", placeholder
//              "Demander à Gemini", "Envoyer le message".
// A chat with an id (/app/<id>, /u/N/app/<id>) shows a conversation instead of the
// greeting (the same in every ?version and ?lang): the person pasted memport's export prompt
// and Gemini answered. Each exchange is a <div class="conversation-container"> holding
// <user-query> (the person's text in <p class="query-text-line"> lines) and <model-response>,
// whose text is in <message-content class="model-response-text"><div class="markdown">, with
// <message-actions> buttons after it. Turns: a question, an earlier answer with a code block,
// the export prompt, and Gemini's answer: a paragraph, a code block, a paragraph. A code block
// is Gemini's <code-block>: a header (<span>Plaintext</span> and a "Copy code" button whose
// icon is the text "content_copy"), then <pre><code data-test-id="code-content"> whose text
// is ANSWER_CODE exactly.
//
// replicaState.composer = { model: { lines }, textChanges, pastes, sent, sentText,
// getText() } (also present, untouched, on the other pages): lines is the LIVE array of
// Quill's lines, changed in place and never replaced ([''] when empty); getText() is
// Quill's: the lines joined with "\n" plus a trailing "\n"; textChanges counts text-change
// events (one per batch of mutations or paste that changed the lines, and one for the
// clearing after a send); pastes counts paste events the clipboard module handled.
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
      chatTitle: 'Gemini',
      greeting: (name) => `Hello, ${name}`,
      composerLabel: 'Enter a prompt here',
      composerPlaceholder: 'Ask Gemini',
      send: 'Send message',
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
      chatTitle: 'Gemini',
      greeting: (name) => `Bonjour ${name}`,
      composerLabel: 'Saisissez une requête ici',
      composerPlaceholder: 'Demander à Gemini',
      send: 'Envoyer le message',
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
    composer: null, // set below
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
    if (scenario === 'plaintext') return plaintextPasteStep();
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

  // ?scenario=plaintext: a redesign nothing in memport's site file matches. The box is a
  // <div contenteditable="plaintext-only"> with no role, label, placeholder attribute or id;
  // the app reads it (innerText) on each input event, as a custom editor would.
  function plaintextPasteStep() {
    const box = h('div', { class: 'x3-editor', contenteditable: 'plaintext-only', 'data-hint': T.boxPlaceholder });
    box.addEventListener('input', () => {
      replicaState.inputEvents += 1;
      model.text = box.innerText;
      updateView();
    });
    charCount = h('span', { class: 'char-count', 'aria-live': 'polite' }, T.chars(0));
    addButton = h('button', { type: 'button', class: 'mdc-button add-button', onClick: onAdd }, T.addMemory);
    status = h('p', { class: 'status', role: 'status' });
    return step(2, T.step2,
      h('div', { class: 'x3-field' }, box),
      h('div', { class: 'field-footer' }, charCount, addButton),
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
    } else if (scenario === 'renamed') {
      // A redesign nothing in memport's site file matches: a bare <ul>, no class, no label.
      content = h('ul', null, ...rows);
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

  // ---------------------------------------------------------- chat page (Quill composer)

  const CHAT_PATH = /^\/(?:u\/\d+\/)?app(?:\/.*)?$/;
  const ACCOUNT_NAME = 'Sam';

  // What Quill treats as a block (a line) when it reads the DOM back: <p> is its own block
  // blot; <div> and the other block tags are taken as lines too.
  const QUILL_BLOCKS = new Set(['P', 'DIV', 'LI', 'PRE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

  // Quill's document, one string per line ([''] is the empty document, Quill's "\n"). The
  // array is live: it is changed in place, never replaced.
  const composerState = {
    model: { lines: [''] },
    textChanges: 0,
    pastes: 0,
    sent: false,
    sentText: null,
    /** Quill's getText(): the lines joined with "\n", plus the trailing "\n". */
    getText() { return `${composerState.model.lines.join('\n')}\n`; },
  };
  replicaState.composer = composerState;

  /**
   * The DOM under `root` as Quill's lines, the way its ScrollBlot rebuilds blots from DOM
   * nodes: each block child is a line (an empty one too; a block nested in a block starts
   * a line of its own); a bare text node or inline element at the top level is wrapped in
   * a line of its own (Scroll.insertBefore wraps inline blots in a block); a top-level <br>
   * is an empty line; empty text nodes are dropped. A <br> INSIDE a block never splits it:
   * Quill's Break blot is only the placeholder of an empty line and removes itself when it
   * has siblings (Break.optimize), so `<p>a<br>b</p>` is the one line "ab" and
   * `<p>a<br></p>` the line "a". A "\n" inside a text node stays in its line, as in a
   * TextBlot. `point` ({node, offset}, optional) is a DOM position; the result says where
   * it falls: caret {line, offset}.
   */
  function readQuillDom(root, point) {
    const lines = [];
    let current = null; // text of the line being read, null when no line is open
    let caret = null;
    const mark = (extra) => {
      if (!caret) caret = { line: lines.length, offset: (current ?? '').length + extra };
    };
    const endLine = () => { lines.push(current ?? ''); current = null; };
    const close = () => { if (current !== null) endLine(); };
    const walk = (el, top) => {
      el.childNodes.forEach((node, i) => {
        if (point && point.node === el && point.offset === i) mark(0);
        if (node.nodeType === Node.TEXT_NODE) {
          if (node.data === '') return;
          if (point && point.node === node) mark(Math.min(point.offset, node.data.length));
          current = (current ?? '') + node.data;
          if (top) close();
        } else if (node.nodeType !== Node.ELEMENT_NODE) {
          // comments and the like hold no text
        } else if (node.tagName === 'BR') {
          if (top) endLine(); // inside a block: dropped, like Quill's Break
        } else if (QUILL_BLOCKS.has(node.tagName)) {
          close();
          const before = lines.length;
          walk(node, false);
          if (current === null && lines.length === before) endLine(); // an empty block
          close();
        } else {
          walk(node, false); // inline formatting: its text belongs to the line
          if (top) close();
        }
      });
      if (point && point.node === el && point.offset === el.childNodes.length) mark(0);
    };
    walk(root, true);
    close();
    if (lines.length === 0) lines.push('');
    return { lines, caret };
  }

  /** Whether the DOM is already Quill's rendering of `lines`: one <p> per line. */
  function quillDomMatches(root, lines) {
    const kids = root.childNodes;
    if (kids.length !== lines.length) return false;
    return lines.every((line, i) => {
      const p = kids[i];
      if (p.nodeType !== Node.ELEMENT_NODE || p.tagName !== 'P' || p.attributes.length !== 0) return false;
      if (p.childNodes.length !== 1) return false;
      const only = p.firstChild;
      if (line === '') return only.nodeType === Node.ELEMENT_NODE && only.tagName === 'BR';
      return only.nodeType === Node.TEXT_NODE && only.data === line;
    });
  }

  /** A small Quill: its root, its own lines, a MutationObserver and a text-change event. */
  function createQuill(root) {
    const lines = composerState.model.lines;
    const listeners = [];

    function render(caret) {
      root.replaceChildren(...lines.map((line) => (line === '' ? h('p', null, h('br')) : h('p', null, line))));
      if (caret && document.activeElement === root) {
        const i = Math.min(caret.line, lines.length - 1);
        const p = root.children[i];
        const text = p.firstChild.nodeType === Node.TEXT_NODE ? p.firstChild : null;
        const range = document.createRange();
        if (text) range.setStart(text, Math.min(caret.offset, text.length));
        else range.setStart(p, 0);
        range.collapse(true);
        const sel = getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
      }
      observer.takeRecords(); // Quill's own changes are not edits
    }

    function toggleBlank() {
      const blank = lines.length === 1 && lines[0] === '';
      root.classList.toggle(V2 ? 'css-q0e3' : 'ql-blank', blank);
    }

    /** Replaces the lines; emits text-change if they changed (as Quill, for a non-empty delta). */
    function setLines(next, source) {
      const changed = next.length !== lines.length || next.some((line, i) => line !== lines[i]);
      lines.splice(0, lines.length, ...next);
      toggleBlank();
      if (changed) listeners.forEach((fn) => fn(source));
    }

    /**
     * ScrollBlot.update(): reads the DOM into the model, then normalizes the DOM (Quill's
     * optimize) so every line is a <p>, keeping the caret where it was in the text.
     */
    function update() {
      observer.takeRecords();
      const sel = getSelection();
      const point = sel.rangeCount && root.contains(sel.focusNode)
        ? { node: sel.focusNode, offset: sel.focusOffset }
        : null;
      const read = readQuillDom(root, point);
      const clean = quillDomMatches(root, read.lines);
      setLines(read.lines, 'user');
      if (!clean) render(read.caret);
    }

    const observer = new MutationObserver(update);
    observer.observe(root, { childList: true, characterData: true, subtree: true });

    /** A model position {line, offset} for a DOM point in the (normalized) editor. */
    function pointToPos(node, offset) {
      if (!root.contains(node)) return null;
      const last = { line: lines.length - 1, offset: lines[lines.length - 1].length };
      if (node === root) return offset < lines.length ? { line: offset, offset: 0 } : last;
      let top = node;
      while (top.parentNode !== root) top = top.parentNode;
      const line = Array.prototype.indexOf.call(root.childNodes, top);
      if (line < 0 || line >= lines.length) return last;
      const range = document.createRange();
      range.setStart(top, 0);
      range.setEnd(node, offset);
      return { line, offset: Math.min(range.toString().length, lines[line].length) };
    }

    /** The selection as model positions, or null when it is not inside the editor. */
    function selectionRange() {
      const sel = getSelection();
      if (!sel.rangeCount) return null;
      const r = sel.getRangeAt(0);
      const from = pointToPos(r.startContainer, r.startOffset);
      const to = pointToPos(r.endContainer, r.endOffset);
      return from && to ? { from, to } : null;
    }

    /** Replaces the selection (or, with none in the editor, the end) with `text`. */
    function replaceSelection(text) {
      update(); // pending DOM changes first, as Quill's getSelection() does
      const end = { line: lines.length - 1, offset: lines[lines.length - 1].length };
      const { from, to } = selectionRange() ?? { from: end, to: end };
      const next = lines.slice();
      const before = next[from.line].slice(0, from.offset);
      const after = next[to.line].slice(to.offset);
      const inserted = String(text).split(/\r\n|\r|\n/);
      const lastIndex = inserted.length - 1;
      const caret = {
        line: from.line + lastIndex,
        offset: (lastIndex === 0 ? before.length : 0) + inserted[lastIndex].length,
      };
      inserted[0] = before + inserted[0];
      inserted[lastIndex] += after;
      next.splice(from.line, to.line - from.line + 1, ...inserted);
      setLines(next, 'user');
      render(caret);
    }

    // The clipboard module (Quill 2's onCapturePaste): takes the paste over, inserts its
    // text/plain through the model and re-renders.
    root.addEventListener('paste', (event) => {
      if (event.defaultPrevented) return;
      event.preventDefault();
      composerState.pastes += 1;
      const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
      replaceSelection(text);
    });

    render(null);
    toggleBlank();
    return {
      root,
      on(type, fn) { if (type === 'text-change') listeners.push(fn); },
      getText: () => composerState.getText(),
      /** quill.setText('') as Gemini does after sending. */
      clear() { setLines([''], 'api'); render({ line: 0, offset: 0 }); },
      insertLineBreak() { replaceSelection('\n'); },
      update,
    };
  }

  /** memport's export prompt for Gemini, as the person pasted it. */
  const EXPORT_PROMPT = [
    'I am moving to another assistant and want to take my context with me, Gemini. List everything in my Saved info and what you remember about me, and everything you have learned about me from our past conversations.',
    '',
    'Put it all in one code block, one entry per line, written as:',
    '[YYYY-MM-DD] - entry',
    'Use the date the entry was saved when you know it; otherwise write [unknown].',
    '',
    'Group the entries under these six labels, each on its own line, in this order, and leave out a label with no entries:',
    'Response instructions:',
    'Personal information:',
    'Projects and goals:',
    'Technical preferences:',
    'Behavioral corrections:',
    'Other context:',
    '',
    'Keep my own words wherever you can. Do not summarize, merge or leave anything out, and write nothing after the code block.',
  ].join('\n');

  /** The code block of Gemini's answer (tests compare with it). */
  const ANSWER_CODE = [
    'Response instructions:',
    '[2025-04-02] - Explain things step by step, with an example.',
    '',
    'Personal information:',
    '[2025-03-18] - Lives in Lyon and speaks French and English.',
    '[unknown] - Has a border collie called Pixel.',
    '',
    'Projects and goals:',
    '[2025-05-09] - Is preparing for the DELF C1 exam in June.',
    '',
    'Technical preferences:',
    '[2025-01-27] - Writes Python in VS Code on a ThinkPad running Fedora.',
    '',
    'Other context:',
    '[unknown] - Volunteers at a community garden on Saturdays.',
    '',
  ].join('\n');

  const EARLIER_CODE = 'pixel = {"breed": "border collie", "walks_per_day": 2}\n';

  /** Gemini's <code-block>: a header with the language and a copy button, then the code. */
  function codeBlock(language, code) {
    return h('code-block', { class: 'ng-star-inserted' },
      h('div', { class: 'code-block ng-tns-c1' },
        h('div', { class: 'code-block-decoration header-formatted gds-title-s' },
          h('span', null, language),
          h('div', { class: 'buttons' },
            h('button', { type: 'button', class: 'copy-button', 'aria-label': 'Copy code' },
              h('mat-icon', { class: 'mat-icon', 'aria-hidden': 'true' }, 'content_copy')))),
        h('div', { class: 'formatted-code-block-internal-container' },
          h('div', { class: 'animated-opacity' },
            h('pre', null,
              h('code', { role: 'text', 'data-test-id': 'code-content', class: 'code-container formatted' }, code))))));
  }

  function exchange(question, ...answer) {
    return h('div', { class: 'conversation-container exchange' },
      h('user-query', null,
        h('div', { class: 'query-content' },
          h('div', { class: 'query-text', dir: 'ltr' },
            ...question.split('\n').map((line) => h('p', { class: 'query-text-line' }, line))))),
      h('model-response', null,
        h('div', { class: 'response-container' },
          h('message-content', { class: 'model-response-text' },
            h('div', { class: 'markdown markdown-main-panel', dir: 'ltr' }, ...answer)),
          h('message-actions', null,
            h('button', { type: 'button', 'aria-label': 'Good response' }, h('mat-icon', { 'aria-hidden': 'true' }, 'thumb_up')),
            h('button', { type: 'button', 'aria-label': 'Copy' }, h('mat-icon', { 'aria-hidden': 'true' }, 'content_copy'))))));
  }

  /** The exchanges of a chat with an id, in order. */
  function conversationTurns() {
    return [
      exchange('How do I keep track of Pixel\'s walks in Python?',
        h('p', null, 'A dictionary is enough to start with:'),
        codeBlock('Python', EARLIER_CODE),
        h('p', null, 'Add a list of dates when you want a history.')),
      exchange(EXPORT_PROMPT,
        h('p', null, 'Sure, here is what I know about you, in the format you asked for:'),
        codeBlock('Plaintext', ANSWER_CODE),
        h('p', null, 'You can review and manage your Saved info at any time in Settings.')),
    ];
  }

  function renderChat() {
    const editor = h('div', {
      class: V2 ? 'css-q0e2' : 'ql-editor ql-blank textarea',
      contenteditable: 'true',
      role: 'textbox',
      'aria-label': T.composerLabel,
      'aria-multiline': 'true',
      'data-placeholder': T.composerPlaceholder,
    });
    const quill = createQuill(editor);
    const sendButton = h('button', {
      type: 'button',
      class: V2 ? 'css-c2b1' : 'mdc-icon-button send-button',
      'aria-label': T.send,
      disabled: true,
      'aria-disabled': 'true',
    }, h('span', { class: V2 ? 'css-c2b2' : 'mat-icon', 'aria-hidden': 'true' }, '\u27A4'));
    const sendBox = h('div', { class: V2 ? 'css-c2s1' : 'send-button-container' }, sendButton);
    const conversation = h('div', { class: V2 ? 'css-c0v1' : 'conversation-container' });
    const greeting = V2
      ? h('div', { class: 'css-c0g1' }, h('h1', { class: 'css-c0h1' }, T.greeting(ACCOUNT_NAME)))
      : h('div', { class: 'zero-state-container' },
        h('h1', { class: 'greeting' }, h('span', { class: 'greeting-text' }, T.greeting(ACCOUNT_NAME))));

    const hasText = () => quill.getText().trim() !== '';
    // A chat with an id: its conversation instead of the greeting.
    const chatId = /\/app\/[^/]+/.test(location.pathname);
    const chatArea = chatId ? h('div', { class: 'chat-history' }, ...conversationTurns()) : greeting;

    /** The Angular wrapper's change detection: the send button follows Quill's text. */
    function updateSend() {
      const enabled = hasText();
      sendButton.disabled = !enabled;
      sendButton.setAttribute('aria-disabled', String(!enabled));
      sendBox.classList.toggle(V2 ? 'css-c2s2' : 'visible', enabled);
    }

    function send() {
      if (!hasText()) return;
      const text = quill.getText();
      composerState.sent = true;
      composerState.sentText = text;
      greeting.remove();
      conversation.append(V2
        ? h('div', { class: 'css-c0u1' }, text.replace(/\n$/, ''))
        : h('user-query', null, h('div', { class: 'query-text' }, text.replace(/\n$/, ''))));
      quill.clear();
    }

    quill.on('text-change', () => {
      composerState.textChanges += 1;
      updateSend();
    });
    sendButton.addEventListener('click', send);
    editor.addEventListener('keydown', (event) => {
      if (event.key !== 'Enter' || event.isComposing) return;
      event.preventDefault();
      if (event.shiftKey) quill.insertLineBreak(); // Quill's own Enter: a new line
      else send(); // Gemini's binding: Enter sends
    });

    const page = V2
      ? h('main', { class: 'css-c0m1' },
        h('div', { class: 'css-c0w1' },
          chatArea,
          conversation,
          h('div', { class: 'css-c1i1' },
            h('div', { class: 'css-c1i2' },
              h('div', { class: 'css-q0e1' }, editor),
              sendBox))))
      : h('main', { class: 'chat-app' },
        h('div', { class: 'chat-container' },
          chatArea,
          conversation,
          h('input-container', { class: 'input-area-container' },
            h('div', { class: 'input-area' },
              h('rich-textarea', { class: 'text-input-field_textarea', enterkeyhint: 'send' }, editor),
              sendBox))));
    document.title = T.chatTitle;
    document.querySelector('app-root').replaceChildren(page);
    updateSend();
  }

  if (SAVED_INFO_PATH.test(location.pathname)) {
    setTimeout(renderSavedInfo, RENDER_DELAY_MS);
    setTimeout(renderList, LIST_RERENDER_MS);
  } else if (CHAT_PATH.test(location.pathname)) {
    setTimeout(renderChat, RENDER_DELAY_MS);
  } else {
    setTimeout(render, RENDER_DELAY_MS);
  }
})();
