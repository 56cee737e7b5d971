// Replica of https://chatgpt.com/ (home, composer, Settings > Personalization and the
// "Saved memories" dialog) for memport's tests.
//
// Every path renders the home page ~300 ms after load: a left sidebar
// (<nav aria-label="Chat history">) and the chat area (<main>) with the composer.
//
// A chat, /c/<id>, shows a conversation above the composer (the same in every ?version and
// ?lang): the person pasted memport's export prompt and ChatGPT answered. Turns, each an
// <article data-testid="conversation-turn-N"> with a screen-reader heading ("You said:",
// "ChatGPT said:"): a user message, an earlier ChatGPT reply with a code block, the export
// prompt, and ChatGPT's answer: a paragraph, a code block, a paragraph. A message is
// <div data-message-author-role="user|assistant">; a reply's text is in <div class="markdown
// prose">; a code block is ChatGPT's <pre>: inside it, a header with the language label
// ("plaintext") and a "Copy code" button, then <div class="overflow-y-auto"><code
// class="language-plaintext"> whose text is ANSWER_CODE exactly.
//
// Composer. <div id="prompt-textarea" class="ProseMirror" contenteditable="true"
// role="textbox" aria-label="Message ChatGPT" aria-multiline="true"> imitates ProseMirror:
// the editor keeps its OWN document (composer.model.paragraphs, one string per paragraph,
// [] when empty) and changes it only from `beforeinput` events it handles itself
// (preventDefault, update the model, re-render one <p> per paragraph, put the caret back):
// insertText, insertFromPaste, insertFromDrop, insertReplacementText, insertParagraph,
// insertLineBreak and every delete* type; other input types are cancelled and ignored.
// A `paste` event is handled the same way (clipboardData text/plain). Like ProseMirror's
// DOM observer, a TRUSTED `input` event (the browser edited the DOM itself: Chromium's
// document.execCommand('insertText', ...) fires `input` but no `beforeinput`; IME
// composition) makes it read the DOM back into the model. So typing, Playwright's fill and
// document.execCommand('insertText', false, text) work, but setting innerHTML/textContent
// from a script (even followed by a synthetic `input` event) leaves the model as it was
// (the next edit re-renders the DOM from the model). Enter (no Shift) sends, like the real composer; Shift+Enter
// makes a new paragraph. The send button <button data-testid="send-button"
// aria-label="Send prompt"> is disabled while the model holds no text; sending records the
// text, clears the composer and shows the message in the chat area.
//
// Settings. location.hash "#settings/Personalization" (or "#settings/General", "#settings"
// = General) opens, on load and on hashchange and ~250 ms late, a modal
// <div role="dialog" aria-modal="true" aria-labelledby="settings-title"> (a portal on
// <body>) titled "Settings" with a tablist: "General" (data-testid="general-tab") and
// "Personalization" (data-testid="personalization-tab"); clicking a tab changes the hash.
// "Close" (aria-label), Escape and the backdrop close it and drop the hash (pushState).
// The Personalization panel is rebuilt once ~800 ms after the dialog appears (new nodes,
// same content, models kept). It holds:
//  - section "Memory": switch "Reference saved memories" (role=switch, aria-checked),
//    the line "Memory 73% full" and a "Manage" button;
//  - section "Custom instructions": React-controlled fields (see trackValueLikeReact: an
//    `input` event whose value equals the one last set through the element's own `value`
//    property is swallowed; the model changes only from input events the tracker lets
//    through), each with a live counter "N/MAX" (.ci-counter), and a "Save" button that is
//    disabled until a field's model differs from the saved value. Default fields:
//      textarea name="about_user" maxlength 1500, label "What would you like ChatGPT to
//        know about you to provide better responses?"
//      textarea name="about_model" maxlength 1500, label "How would you like ChatGPT to
//        respond?"
//
// Saved memories. "Manage" opens (~250 ms late) a second dialog on top:
// <div role="dialog" aria-modal="true" aria-labelledby="memories-title">, heading "Saved
// memories", the paragraph "ChatGPT remembers useful details between chats." and
// <div class="saved-memories-scroll overflow-y-auto"> (360 px high) holding a VIRTUALIZED
// <table><tbody>: only the rows in view plus 3 rows of overscan on each side are in the
// DOM, updated on the container's scroll event; every row is 48 px high and spacer divs
// above and below the table keep the scroll height right. A row:
//   <tr data-index="I"><td><div class="whitespace-pre-wrap">TEXT</div></td>
//       <td><button aria-label="Delete memory">🗑</button></td></tr>
// "Delete memory" removes the memory at once. Close (aria-label "Close"), Escape and its
// backdrop close only this dialog. The texts are SAVED_MEMORIES below, also in
// memories.json next to this file (keep the two equal).
//
// Scenarios (?scenario=NAME, read once at load):
//   new-fields   the newer custom-instructions form instead of the two textareas:
//                input name="nickname" (label "What should ChatGPT call you?", "Sam", max 100),
//                input name="occupation" ("What do you do?", "Chemistry teacher", max 100),
//                textarea name="traits" ("What traits should ChatGPT have?",
//                  "Direct and encouraging.", max 1500),
//                textarea name="about_user" ("Anything else ChatGPT should know about you?",
//                  "I coach the school's chess club.", max 1500)
//   no-memories  no saved memories: the dialog shows "ChatGPT doesn't have any memories yet."
//                instead of the table, and the Memory line reads "Memory 0% full"
//
// ?version=2 and ?lang=fr are read once at load too and hold the same way (through
// re-renders and hash changes; independent of each other and of ?scenario):
//   version=2  a redesigned DOM with the same behaviour, models and ARIA semantics but
//              none of version 1's CSS hooks: hashed class names ("css-pm4x"), other
//              wrapper divs and React useId()-style ids (":r0:"). The composer is
//              <div class="css-pm4x" contenteditable="true" role="textbox" aria-label=...>
//              (no id="prompt-textarea", no .ProseMirror; same model and input handling).
//              Both dialogs are native <dialog open aria-modal="true"> elements labelled
//              (aria-labelledby) by a <div role="heading" aria-level="2"> title; their
//              close controls are <div role="button" tabindex="0" aria-label="Close">.
//              Tabs have no data-testid. Sections are divs with <div role="heading"
//              aria-level="3">. "Manage" is a <div role="button" tabindex="0"> (click or
//              Enter). The custom-instruction fields have no name, no id and no <label>:
//              each is named only by aria-label (its label text, also shown in a plain
//              div); replicaState.instructions keeps the same keys. The saved memories are
//              a virtualized <div role="list" aria-labelledby=(dialog title)> of
//              <div role="listitem" data-index="I"> rows (48 px, same overscan) inside a
//              scroll container with only a hashed class (no table, no
//              .whitespace-pre-wrap, no .saved-memories-scroll).
//   lang=fr    French UI strings (STRINGS.fr) and <html lang="fr">. The memory texts, the
//              saved custom-instruction values, the chat titles and the settings hash
//              (#settings/Personalization) stay English.
// Version 1 in English is the original replica, unchanged.
//
// For tests, live objects in the main world:
//   window.replicaState = {
//     composer: { model: { paragraphs }, beforeInputs, inputTypes, domReads, sent, sentText,
//                 sends },
//     settings: { opens, tab, panelRenders, referenceMemories },
//     instructions: { model, savedValues, inputEvents, ignoredInputs, saved, saves },
//     memories: { total, rendered, maxRendered, renders, opens, deleted },
//   }
// beforeInputs counts beforeinput events the composer saw, inputTypes lists their
// inputType, domReads counts trusted input events that made it read the DOM; rendered is the number of memory rows in the DOM now, maxRendered the most
// there ever were at once.
'use strict';

const SAVED_MEMORIES = Object.freeze([
  "Is a secondary-school chemistry teacher in Leeds.",
  "Coaches the school's chess club on Wednesday lunchtimes.",
  "Prefers metric units.",
  "Stop using American spellings: write colour, analyse and organise.",
  "Has two children, Maya (9) and Theo (6).",
  "Partner, Priya, is a paediatric nurse at Leeds General Infirmary.",
  "Teaches Year 10 and Year 11 GCSE chemistry on the AQA specification, plus one Year 12 A-level class that has double periods on Tuesdays.",
  "Uses Google Classroom to set homework and share lesson slides.",
  "Uses Desmos to plot rates-of-reaction graphs with students.",
  "Plans lessons on Sunday evenings and likes every lesson to follow the same shape: a five-minute starter, a main activity, then an exit ticket.",
  "Wants worksheets formatted for A4 with space for working.",
  "Is vegetarian and batch-cooks dal every Sunday.",
  "Enjoys fell walking in the Yorkshire Dales and did the Yorkshire Three Peaks in 2024.",
  "Plays rapid chess online as 'LeedsRook', rated about 1650.",
  "Is learning the cello 🎻 and practises for 20 minutes before school.",
  "Prefers IUPAC names, with common names in brackets for students.",
  "Correction: the school is in Headingley, not Horsforth.",
  "Doesn't want replies to start with \"Great question!\"",
  "Is writing a Year 10 scheme of work on electrolysis, due before February half-term.",
  "Runs a lunchtime science club where students do microscale practicals.",
  "Uses a Chromebook at school and a MacBook Air at home.",
  "The department switched from Kahoot to Blooket for end-of-topic quizzes.",
  "Wants exam-style questions to come with a mark scheme that shows the marks for each point in square brackets, laid out the way AQA papers do it.",
  "Has been head of the Year 11 pastoral team since September 2025.",
  "Pastes worksheet snippets with tags like <b>markup</b> from the old VLE and wants them cleaned up.",
  "Supports Leeds United and has a season ticket at Elland Road.",
  "Drinks only decaf after 2 pm.",
  "Has a cat called Bunsen.",
  "Likes feedback on practical write-ups in the form \"What went well / Even better if\".",
  "Is mentoring an early-career teacher, Josh, who teaches physics.",
  "Takes the Year 12 class to the University of Leeds chemistry open day every June.",
  "Wants element data taken from the Royal Society of Chemistry's periodic table.",
  "Is studying part-time for an MA in Education at Leeds Trinity University.",
  "Mother lives in York; visits her most Saturdays.",
  "Keeps lesson ideas and practical risk assessments in Notion.",
  "Always include CLEAPSS safety notes when suggesting a practical.",
  "Write dates as 14 March 2026, never 3/14/2026.",
  "Is training for the Leeds Half Marathon in May.",
  "Wants spreadsheet formulas for Google Sheets rather than Excel.",
  "Correction: Theo's birthday is 2 October, not 12 October.",
]);

(() => {
  const LOADING_MS = 300;
  const DIALOG_DELAY_MS = 250;
  const PANEL_RERENDER_MS = 800;
  const ROW_HEIGHT = 48;
  const OVERSCAN = 3;
  const SCROLL_HEIGHT_FALLBACK = 360;

  const query = new URLSearchParams(location.search);
  const scenario = query.get('scenario');
  // ?version=2: the redesigned DOM; ?lang=fr: the French UI (see the top).
  const V2 = query.get('version') === '2';
  const lang = query.get('lang') === 'fr' ? 'fr' : 'en';
  if (lang === 'fr') document.documentElement.lang = 'fr';

  /** UI strings per language. English ones are version 1's originals. */
  const STRINGS = {
    en: {
      chatHistory: 'Chat history',
      newChat: 'New chat',
      searchChats: 'Search chats',
      chats: 'Chats',
      profileMenu: 'Open profile menu',
      menuPersonalization: 'Personalization',
      menuSettings: 'Settings',
      homeHeading: 'What can I help with?',
      disclaimer: 'ChatGPT can make mistakes. Check important info.',
      composer: 'Message ChatGPT',
      placeholder: 'Ask anything',
      addFiles: 'Add photos & files',
      send: 'Send prompt',
      settings: 'Settings',
      close: 'Close',
      tabGeneral: 'General',
      tabPersonalization: 'Personalization',
      generalRows: [['Theme', 'System'], ['Accent color', 'Default'], ['Language', 'Auto-detect'],
        ['Spoken language', 'Auto-detect']],
      memory: 'Memory',
      referenceMemories: 'Reference saved memories',
      referenceDesc: 'Let ChatGPT save and use memories when responding.',
      memoryFull: (n) => `Memory ${n}% full`,
      manage: 'Manage',
      customInstructions: 'Custom instructions',
      save: 'Save',
      saved: 'Saved',
      memoriesTitle: 'Saved memories',
      memoriesIntro: 'ChatGPT remembers useful details between chats.',
      noMemories: 'ChatGPT doesn\'t have any memories yet.',
      deleteMemory: 'Delete memory',
      aboutUser: 'What would you like ChatGPT to know about you to provide better responses?',
      aboutModel: 'How would you like ChatGPT to respond?',
      nickname: 'What should ChatGPT call you?',
      occupation: 'What do you do?',
      traits: 'What traits should ChatGPT have?',
      aboutUserNew: 'Anything else ChatGPT should know about you?',
    },
    fr: {
      chatHistory: 'Historique des chats',
      newChat: 'Nouveau chat',
      searchChats: 'Rechercher des chats',
      chats: 'Chats',
      profileMenu: 'Ouvrir le menu du profil',
      menuPersonalization: 'Personnalisation',
      menuSettings: 'Paramètres',
      homeHeading: 'Comment puis-je vous aider ?',
      disclaimer: 'ChatGPT peut commettre des erreurs. Vérifiez les informations importantes.',
      composer: 'Envoyer un message à ChatGPT',
      placeholder: 'Posez une question',
      addFiles: 'Ajouter des photos et des fichiers',
      send: 'Envoyer le message',
      settings: 'Paramètres',
      close: 'Fermer',
      tabGeneral: 'Général',
      tabPersonalization: 'Personnalisation',
      generalRows: [['Thème', 'Système'], ['Couleur d\'accentuation', 'Par défaut'],
        ['Langue', 'Détection automatique'], ['Langue parlée', 'Détection automatique']],
      memory: 'Mémoire',
      referenceMemories: 'Consulter les souvenirs enregistrés',
      referenceDesc: 'Autoriser ChatGPT à enregistrer et à utiliser des souvenirs pour répondre.',
      memoryFull: (n) => `Mémoire pleine à ${n} %`,
      manage: 'Gérer',
      customInstructions: 'Instructions personnalisées',
      save: 'Enregistrer',
      saved: 'Enregistré',
      memoriesTitle: 'Souvenirs enregistrés',
      memoriesIntro: 'ChatGPT se souvient de détails utiles d\'une conversation à l\'autre.',
      noMemories: 'ChatGPT n\'a encore aucun souvenir.',
      deleteMemory: 'Supprimer le souvenir',
      aboutUser: 'Que souhaitez-vous que ChatGPT sache sur vous pour vous fournir de meilleures réponses ?',
      aboutModel: 'Comment souhaitez-vous que ChatGPT réponde ?',
      nickname: 'Comment ChatGPT doit-il vous appeler ?',
      occupation: 'Que faites-vous dans la vie ?',
      traits: 'Quels traits de caractère ChatGPT doit-il avoir ?',
      aboutUserNew: 'Autre chose que ChatGPT devrait savoir à votre sujet ?',
    },
  };
  const T = STRINGS[lang];

  // Element ids: version 1's readable ones, version 2's React useId()-style ones.
  const IDS = V2 ? {
    settingsTitle: ':r0:',
    tab: (id) => (id === 'General' ? ':r1:' : ':r2:'),
    tabpanel: ':r3:',
    memoryHeading: ':r4:',
    referenceLabel: ':r5:',
    instructionsHeading: ':r6:',
    memoriesTitle: ':r8:',
  } : {
    settingsTitle: 'settings-title',
    tab: (id) => `settings-tab-${id}`,
    tabpanel: 'settings-tabpanel',
    memoryHeading: 'memory-heading',
    referenceLabel: 'reference-memories-label',
    instructionsHeading: 'custom-instructions-heading',
    memoriesTitle: 'memories-title',
  };

  /** Tiny element builder: h('p', { class: 'x', onClick: fn }, 'text', childNode). */
  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (name.startsWith('on') && typeof value === 'function') {
        el.addEventListener(name.slice(2).toLowerCase(), value);
      } else if (value === true) el.setAttribute(name, '');
      else if (value !== false && value != null) el.setAttribute(name, String(value));
    }
    for (const child of children) {
      if (child == null || child === false) continue;
      el.append(typeof child === 'string' ? document.createTextNode(child) : child);
    }
    return el;
  }

  /**
   * Version 2's <div role="button" tabindex="0">, activated by a click or Enter like the
   * real thing.
   */
  function divButton(attrs, onActivate, ...children) {
    return h('div', {
      ...attrs,
      role: 'button',
      tabindex: '0',
      onClick: (event) => onActivate(event),
      onKeydown: (event) => {
        if (event.key !== 'Enter') return;
        event.preventDefault();
        onActivate(event);
      },
    }, ...children);
  }

  /** Version 2's heading: a div with role="heading", not an <hN>. */
  function divHeading(level, text, attrs) {
    return h('div', { class: 'css-hd2x', ...attrs, role: 'heading', 'aria-level': String(level) }, text);
  }

  // ------------------------------------------------------------ state

  const composer = {
    model: { paragraphs: [] },
    beforeInputs: 0,
    inputTypes: [],
    domReads: 0,
    sent: false,
    sentText: null,
    sends: 0,
  };

  const settingsState = { opens: 0, tab: null, panelRenders: 0, referenceMemories: true };

  const FIELDS = scenario === 'new-fields' ? [
    { name: 'nickname', tag: 'input', max: 100, value: 'Sam', label: T.nickname },
    { name: 'occupation', tag: 'input', max: 100, value: 'Chemistry teacher', label: T.occupation },
    { name: 'traits', tag: 'textarea', max: 1500, value: 'Direct and encouraging.', label: T.traits },
    { name: 'about_user', tag: 'textarea', max: 1500, value: 'I coach the school\'s chess club.',
      label: T.aboutUserNew },
  ] : [
    { name: 'about_user', tag: 'textarea', max: 1500,
      value: 'I\'m a high-school chemistry teacher in Leeds. I coach the school\'s chess club.',
      label: T.aboutUser },
    { name: 'about_model', tag: 'textarea', max: 1500,
      value: 'Keep answers short and use British spelling.',
      label: T.aboutModel },
  ];
  const instructions = {
    model: Object.fromEntries(FIELDS.map((f) => [f.name, f.value])),
    savedValues: Object.fromEntries(FIELDS.map((f) => [f.name, f.value])),
    inputEvents: 0,
    ignoredInputs: 0,
    saved: false,
    saves: 0,
  };

  const memoryList = scenario === 'no-memories'
    ? []
    : SAVED_MEMORIES.map((text, i) => ({ id: `mem-${i + 1}`, text }));
  const memories = {
    total: memoryList.length,
    rendered: 0,
    maxRendered: 0,
    renders: 0,
    opens: 0,
    deleted: [],
  };

  window.replicaState = { composer, settings: settingsState, instructions, memories };

  // ------------------------------------------------------------ composer (ProseMirror-like)

  let editor = null; // #prompt-textarea (version 2: div.css-pm4x)
  let sendButton = null;
  let thread = null; // where sent messages appear
  let renderedParas = []; // the <p> elements of the last render, in order

  /** The document as at least one paragraph (ProseMirror's empty doc has one). */
  function docParagraphs() {
    return composer.model.paragraphs.length ? composer.model.paragraphs.slice() : [''];
  }

  function setDocParagraphs(paras) {
    const value = paras.length === 1 && paras[0] === '' ? [] : paras;
    // Keep the array itself, so replicaState.composer.model.paragraphs stays live.
    composer.model.paragraphs.splice(0, composer.model.paragraphs.length, ...value);
  }

  const comparePos = (a, b) => (a.p - b.p) || (a.o - b.o);

  /** Maps a DOM point inside the editor to a model position {p, o}. */
  function pointToPos(node, offset, paras) {
    const end = { p: paras.length - 1, o: paras[paras.length - 1].length };
    if (!editor || !editor.contains(node)) return null;
    if (node === editor) {
      const child = editor.childNodes[offset];
      const i = child ? renderedParas.indexOf(child) : -1;
      if (i < 0 || i >= paras.length) return end;
      return { p: i, o: 0 };
    }
    let top = node;
    while (top.parentNode !== editor) top = top.parentNode;
    const i = renderedParas.indexOf(top);
    if (i < 0 || i >= paras.length) return end; // a node someone else put there
    const range = document.createRange();
    range.setStart(top, 0);
    range.setEnd(node, offset);
    return { p: i, o: Math.min(range.toString().length, paras[i].length) };
  }

  /** The model range of the event's target range, or else of the selection. */
  function currentRange(event, paras) {
    let r = null;
    const targets = event && typeof event.getTargetRanges === 'function' ? event.getTargetRanges() : [];
    if (targets.length) r = targets[0];
    else {
      const sel = window.getSelection();
      if (sel && sel.rangeCount) r = sel.getRangeAt(0);
    }
    let from = r && pointToPos(r.startContainer, r.startOffset, paras);
    let to = r && pointToPos(r.endContainer, r.endOffset, paras);
    if (!from || !to) {
      const end = { p: paras.length - 1, o: paras[paras.length - 1].length };
      from = from || to || end;
      to = to || from;
    }
    if (comparePos(from, to) > 0) [from, to] = [to, from];
    return { from, to };
  }

  /** Replaces from..to with text (newlines split paragraphs); returns the caret after it. */
  function replaceRange(paras, from, to, text) {
    const before = paras[from.p].slice(0, from.o);
    const after = paras[to.p].slice(to.o);
    const lines = String(text).split(/\r\n|\r|\n/);
    const last = lines.length - 1;
    const caret = { p: from.p + last, o: (last === 0 ? before.length : 0) + lines[last].length };
    lines[0] = before + lines[0];
    lines[last] += after;
    paras.splice(from.p, to.p - from.p + 1, ...lines);
    return caret;
  }

  /** Length of the code point before (dir -1) or after (dir 1) offset o of s. */
  function codePointLength(s, o, dir) {
    if (dir < 0) {
      const low = s.charCodeAt(o - 1);
      const high = s.charCodeAt(o - 2);
      return low >= 0xdc00 && low <= 0xdfff && high >= 0xd800 && high <= 0xdbff ? 2 : 1;
    }
    const high = s.charCodeAt(o);
    return high >= 0xd800 && high <= 0xdbff ? 2 : 1;
  }

  /** The range a collapsed delete of the given input type removes. */
  function deletionRange(inputType, paras, pos) {
    const text = paras[pos.p];
    const backward = /Backward$/.test(inputType) || inputType === 'deleteContent';
    if (backward) {
      if (pos.o === 0) return pos.p > 0 ? { from: { p: pos.p - 1, o: paras[pos.p - 1].length }, to: pos } : null;
      let o = pos.o - codePointLength(text, pos.o, -1);
      if (inputType === 'deleteWordBackward') {
        const m = text.slice(0, pos.o).match(/(?:[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]+)?\s*$/u);
        o = pos.o - (m && m[0].length ? m[0].length : pos.o - o);
      } else if (/Line/.test(inputType)) o = 0;
      return { from: { p: pos.p, o }, to: pos };
    }
    if (pos.o === text.length) {
      return pos.p < paras.length - 1 ? { from: pos, to: { p: pos.p + 1, o: 0 } } : null;
    }
    let o = pos.o + codePointLength(text, pos.o, 1);
    if (inputType === 'deleteWordForward') {
      const m = text.slice(pos.o).match(/^\s*(?:[\p{L}\p{N}_]+|[^\p{L}\p{N}_\s]+)?/u);
      o = pos.o + (m && m[0].length ? m[0].length : o - pos.o);
    } else if (/Line/.test(inputType)) o = text.length;
    return { from: pos, to: { p: pos.p, o } };
  }

  function transferText(event) {
    const dt = event.dataTransfer || event.clipboardData;
    const fromTransfer = dt ? dt.getData('text/plain') : '';
    return fromTransfer || event.data || '';
  }

  /** Applies an edit to the model; returns false if the input type is not an edit. */
  function applyEdit(inputType, event) {
    const paras = docParagraphs();
    const { from, to } = currentRange(event, paras);
    let caret;
    if (inputType === 'insertText' || inputType === 'insertReplacementText' ||
        inputType === 'insertFromPaste' || inputType === 'insertFromDrop' ||
        inputType === 'insertFromYank' || inputType === 'paste') {
      const text = inputType === 'insertText' ? (event.data ?? transferText(event)) : transferText(event);
      caret = replaceRange(paras, from, to, text);
    } else if (inputType === 'insertParagraph' || inputType === 'insertLineBreak') {
      caret = replaceRange(paras, from, to, '\n');
    } else if (inputType.startsWith('delete')) {
      if (comparePos(from, to) !== 0) caret = replaceRange(paras, from, to, '');
      else {
        const range = deletionRange(inputType, paras, from);
        if (!range) return true; // nothing to delete
        caret = replaceRange(paras, range.from, range.to, '');
      }
    } else {
      return false;
    }
    setDocParagraphs(paras);
    renderEditor(caret);
    return true;
  }

  function onBeforeInput(event) {
    composer.beforeInputs += 1;
    composer.inputTypes.push(event.inputType);
    if (event.isComposing || event.inputType === 'insertCompositionText') return; // not cancelable
    event.preventDefault();
    applyEdit(event.inputType, event);
  }

  const BLOCK_TAGS = new Set(['P', 'DIV', 'LI', 'PRE', 'BLOCKQUOTE', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6']);

  /** Text of a block: text nodes, and a newline for every <br> but a trailing one. */
  function blockText(block) {
    let text = '';
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.nodeType === Node.TEXT_NODE) text += node.data;
      else if (node.tagName === 'BR') text += '\n';
    }
    return text.replace(/\n$/, '');
  }

  /** Parses the editor's DOM into paragraphs (ProseMirror's DOMObserver + parser, in short). */
  function readDom() {
    const paras = [];
    let inline = null; // text of top-level inline content not yet closed
    for (const node of editor.childNodes) {
      if (node.nodeType === Node.ELEMENT_NODE && BLOCK_TAGS.has(node.tagName)) {
        if (inline !== null) paras.push(inline);
        inline = null;
        paras.push(...blockText(node).split('\n'));
      } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName === 'BR') {
        paras.push(inline ?? '');
        inline = null;
      } else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.ELEMENT_NODE) {
        inline = (inline ?? '') + (node.nodeType === Node.TEXT_NODE ? node.data : node.textContent);
      }
    }
    if (inline !== null) paras.push(inline);
    return paras.length ? paras : [''];
  }

  /**
   * A trusted `input` event means the browser changed the DOM itself: an edit whose
   * beforeinput did not come (document.execCommand fires none in Chromium) or could not be
   * cancelled (IME composition). Like ProseMirror, read the DOM back into the model. Script
   * changes (textContent, innerHTML, synthetic events) are not read.
   */
  function onInput(event) {
    if (!event.isTrusted) return;
    composer.domReads += 1;
    const paras = readDom();
    setDocParagraphs(paras);
    const children = [...editor.childNodes];
    const clean = children.length === paras.length &&
      children.every((c) => c.nodeType === Node.ELEMENT_NODE && c.tagName === 'P');
    if (clean && !event.isComposing) {
      // The browser's DOM already shows the model: adopt it, caret and all.
      renderedParas = children;
      for (const p of children) {
        if (p.classList.contains('placeholder') && blockText(p) !== '') {
          p.classList.remove('placeholder');
          p.removeAttribute('data-placeholder');
        }
      }
      updateSendButton();
    } else if (clean) {
      updateSendButton(); // mid-composition: leave the browser's DOM alone
    } else {
      renderEditor({ p: paras.length - 1, o: paras[paras.length - 1].length });
    }
  }

  function onPaste(event) {
    event.preventDefault();
    applyEdit('paste', event);
  }

  function onEditorKeydown(event) {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      send();
    }
  }

  const hasText = () => composer.model.paragraphs.some((p) => p.trim() !== '');

  /** Re-renders the editor DOM from the model: one <p> per paragraph. */
  function renderEditor(caret) {
    if (!editor) return;
    const paras = docParagraphs();
    renderedParas = paras.map((text) => (text
      ? h('p', null, text)
      : h('p', null, h('br', { class: 'ProseMirror-trailingBreak' }))));
    if (paras.length === 1 && paras[0] === '') {
      renderedParas[0].className = 'placeholder';
      renderedParas[0].setAttribute('data-placeholder', T.placeholder);
    }
    editor.replaceChildren(...renderedParas);
    if (caret && document.activeElement === editor) {
      const p = renderedParas[Math.min(caret.p, renderedParas.length - 1)];
      const range = document.createRange();
      if (p.firstChild && p.firstChild.nodeType === Node.TEXT_NODE) {
        range.setStart(p.firstChild, Math.min(caret.o, p.firstChild.length));
      } else range.setStart(p, 0);
      range.collapse(true);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
    }
    updateSendButton();
  }

  function updateSendButton() {
    if (sendButton) sendButton.disabled = !hasText();
  }

  function send() {
    if (!hasText()) return;
    const text = composer.model.paragraphs.join('\n');
    composer.sent = true;
    composer.sentText = text;
    composer.sends += 1;
    if (thread) {
      thread.append(V2
        ? h('article', { class: 'css-tn1a' },
          h('div', { class: 'css-tn1b' },
            h('div', { class: 'css-um5q', 'data-message-author-role': 'user' }, text)))
        : h('article', {
          class: 'conversation-turn',
          'data-testid': `conversation-turn-${composer.sends}`,
        }, h('div', { class: 'user-message whitespace-pre-wrap', 'data-message-author-role': 'user' }, text)));
      thread.classList.add(V2 ? 'css-th8s' : 'has-messages');
    }
    setDocParagraphs([]);
    renderEditor({ p: 0, o: 0 });
  }

  function composerForm() {
    editor = h('div', {
      id: V2 ? null : 'prompt-textarea',
      class: V2 ? 'css-pm4x' : 'ProseMirror',
      contenteditable: 'true',
      translate: 'no',
      role: 'textbox',
      'aria-label': T.composer,
      'aria-multiline': 'true',
      onBeforeinput: onBeforeInput,
      onInput,
      onPaste,
      onKeydown: onEditorKeydown,
    });
    sendButton = h('button', {
      type: 'button',
      id: V2 ? null : 'composer-submit-button',
      class: V2 ? 'css-sb3k' : 'composer-submit-btn',
      'data-testid': 'send-button',
      'aria-label': T.send,
      disabled: true,
      onClick: send,
    }, h('span', { 'aria-hidden': 'true' }, '\u2191'));
    if (V2) {
      const form = h('form', {
        class: 'css-cf7a',
        onSubmit: (event) => { event.preventDefault(); send(); },
      },
      h('div', { class: 'css-cs2f' },
        h('div', { class: 'css-cw0e' }, h('div', { class: 'css-cw1e' }, editor)),
        h('div', { class: 'css-cft0' },
          h('button', { type: 'button', class: 'css-cb1p', 'aria-label': T.addFiles }, '+'),
          h('div', { class: 'css-cft1' }, sendButton))));
      renderEditor(null);
      return form;
    }
    const form = h('form', {
      class: 'composer-form',
      'data-type': 'unified-composer',
      onSubmit: (event) => { event.preventDefault(); send(); },
    },
    h('div', { class: 'composer-surface' },
      h('div', { class: 'composer-editor-wrap' }, editor),
      h('div', { class: 'composer-footer' },
        h('button', { type: 'button', class: 'composer-btn', 'aria-label': T.addFiles }, '+'),
        sendButton)));
    renderEditor(null);
    return form;
  }

  // ------------------------------------------------------------ a chat (/c/<id>)

  const CHAT_PATH = /^\/c\/[^/]+\/?$/;

  /** memport's export prompt for ChatGPT, as the person pasted it. */
  const EXPORT_PROMPT = [
    'I am moving to another assistant and want to take my context with me, ChatGPT. List everything in your saved memories and my custom instructions, and everything you have learned about me from our past conversations.',
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

  /** The code block of ChatGPT's answer (tests compare with it). */
  const ANSWER_CODE = [
    'Response instructions:',
    '[2025-09-14] - Use British spellings: colour, analyse, organise.',
    '[unknown] - Don\'t start replies with "Great question!"',
    '',
    'Personal information:',
    '[2025-06-02] - Is a secondary-school chemistry teacher in Leeds.',
    '[2025-06-02] - Has two children, Maya (9) and Theo (6).',
    '',
    'Projects and goals:',
    '[2025-10-20] - Is writing a Year 10 scheme of work on electrolysis, due before February half-term.',
    '',
    'Technical preferences:',
    '[2025-07-11] - Uses Google Classroom to set homework and share lesson slides.',
    '[unknown] - Uses Desmos to plot rates-of-reaction graphs with students.',
    '',
    'Behavioral corrections:',
    '[2025-08-30] - Correction: the school is in Headingley, not Horsforth.',
    '',
  ].join('\n');

  const EARLIER_CODE = 'Round 1: Aisha v Ben, Chloe v Dev\nRound 2: winners play, losers play\nFinal: Wednesday lunchtime\n';

  /** ChatGPT's code block: header (language, Copy code) and the code, all inside <pre>. */
  function codeBlock(language, code) {
    return h('pre', { class: 'code-pre overflow-visible' },
      h('div', { class: 'code-box contain-inline-size rounded-md relative' },
        h('div', { class: 'code-header flex items-center text-xs justify-between select-none' }, language),
        h('div', { class: 'code-copy sticky' },
          h('div', { class: 'code-copy-row absolute flex items-center' },
            h('span', { 'data-state': 'closed' },
              h('button', { type: 'button', class: 'code-copy-button flex gap-1 items-center select-none' }, 'Copy code')))),
        h('div', { class: 'overflow-y-auto p-4', dir: 'ltr' },
          h('code', { class: `whitespace-pre hljs language-${language}` }, h('span', null, code)))));
  }

  let turns = 0;
  function turn(role, ...body) {
    turns += 1;
    return h('article', { class: `conversation-turn chat-turn ${role}-turn`, 'data-testid': `conversation-turn-${turns}` },
      h('h5', { class: 'sr-only' }, role === 'user' ? 'You said:' : 'ChatGPT said:'),
      h('div', { 'data-message-author-role': role, 'data-message-id': `msg-${turns}`, class: role === 'user' ? 'user-message whitespace-pre-wrap' : 'assistant-message' },
        ...body));
  }

  function reply(...blocks) {
    return turn('assistant', h('div', { class: 'flex w-full flex-col gap-1' },
      h('div', { class: 'markdown prose w-full break-words' }, ...blocks)));
  }

  /** The conversation of a chat page, in order. */
  function conversation() {
    turns = 0;
    return [
      turn('user', 'Can you make a bracket for the chess club tournament? Four players: Aisha, Ben, Chloe, Dev.'),
      reply(
        h('p', null, 'Here is a simple knockout bracket:'),
        codeBlock('plaintext', EARLIER_CODE),
        h('p', null, 'Print it on A4 and pin it by the door.')),
      turn('user', EXPORT_PROMPT),
      reply(
        h('p', null, 'Here\'s everything I\'ve saved about you, grouped the way you asked:'),
        codeBlock('plaintext', ANSWER_CODE),
        h('p', null, 'Anything you\'d like me to update or forget?')),
    ];
  }

  // ------------------------------------------------------------ home page

  function profileMenu() {
    const menu = h('div', { role: 'menu', class: 'profile-menu', hidden: true });
    const item = (label, hash) => h('div', {
      role: 'menuitem',
      tabindex: '-1',
      class: 'menu-item',
      onClick: () => { menu.hidden = true; location.hash = hash; },
    }, label);
    menu.append(
      item(T.menuPersonalization, 'settings/Personalization'),
      item(T.menuSettings, 'settings/General'));
    const button = h('button', {
      type: 'button',
      class: 'profile-button',
      'data-testid': 'accounts-profile-button',
      'aria-label': T.profileMenu,
      'aria-haspopup': 'menu',
      onClick: () => { menu.hidden = !menu.hidden; },
    }, h('span', { class: 'avatar', 'aria-hidden': 'true' }, 'SK'), h('span', null, 'Sam Kershaw'));
    return h('div', { class: 'sidebar-footer' }, menu, button);
  }

  function sidebar() {
    const chats = [
      'Electrolysis starter ideas',
      'Year 11 mock mark scheme',
      'Chess club tournament bracket',
      'Rates of reaction in Desmos',
      'Half marathon training plan',
      'Dal recipe for a crowd',
    ];
    return h('nav', { class: 'sidebar', 'aria-label': T.chatHistory },
      h('div', { class: 'sidebar-top' },
        h('a', { href: '/', class: 'sidebar-link', 'data-testid': 'create-new-chat-button' }, T.newChat),
        h('button', { type: 'button', class: 'sidebar-link' }, T.searchChats),
        h('a', { href: '/gpts', class: 'sidebar-link' }, 'GPTs')),
      h('h2', { class: 'sidebar-heading' }, T.chats),
      h('ol', { class: 'chat-list' },
        ...chats.map((title, i) => h('li', null,
          h('a', { href: `/c/68a1f0c2-${String(i).padStart(4, '0')}`, class: 'chat-link' }, title)))),
      profileMenu());
  }

  function renderHome() {
    thread = h('div', { class: V2 ? 'css-th8r' : 'thread' },
      h('h1', { class: V2 ? 'css-hh1q' : 'home-heading' }, T.homeHeading));
    if (CHAT_PATH.test(location.pathname)) {
      thread.append(...conversation());
      thread.classList.add(V2 ? 'css-th8s' : 'has-messages');
    }
    const main = h('main', { class: 'chat-main' },
      h('header', { class: 'page-header' },
        h('button', { type: 'button', class: 'model-switcher', 'data-testid': 'model-switcher-dropdown-button' },
          'ChatGPT ', h('span', { class: 'model-name' }, '5'))),
      h('div', { class: V2 ? 'css-cb9d' : 'chat-body' }, thread, composerForm()),
      h(V2 ? 'div' : 'p', { class: V2 ? 'css-ds1c' : 'disclaimer' }, T.disclaimer));
    document.getElementById('root').replaceChildren(h('div', { class: 'app-shell' }, sidebar(), main));
  }

  // ------------------------------------------------------------ React-controlled fields

  /**
   * React's inputValueTracking, in short: an own `value` property on the node records every
   * value set through it; an `input` event whose value equals the recorded one is dropped.
   */
  function trackValueLikeReact(node, onIgnored) {
    const native = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(node), 'value');
    let tracked = node.value;
    Object.defineProperty(node, 'value', {
      configurable: true,
      get() { return native.get.call(this); },
      set(v) { tracked = String(v); native.set.call(this, v); },
    });
    node.addEventListener('input', (event) => {
      if (node.value === tracked) {
        event.stopImmediatePropagation(); // React sees no change: onChange never runs.
        onIgnored();
        return;
      }
      tracked = node.value;
    });
  }

  // ------------------------------------------------------------ settings dialog

  const SETTINGS_HASH = /^#settings(?:\/([^/?#]*))?$/;
  const TABS = [
    { id: 'General', label: T.tabGeneral, testid: 'general-tab' },
    { id: 'Personalization', label: T.tabPersonalization, testid: 'personalization-tab' },
  ];

  let shellReady = false;
  let settingsTimer = null;
  let panelRerenderTimer = null;
  let settingsParts = null; // { backdrop, dialog, tablist, panel }
  let counters = {}; // field name -> counter element of the current panel
  let controls = {}; // field name -> input/textarea of the current panel
  let fieldNames = new WeakMap(); // input/textarea -> field name
  let saveButton = null;
  let saveStatus = null;

  function settingsTabFromHash() {
    const m = SETTINGS_HASH.exec(location.hash);
    if (!m) return null;
    const tab = TABS.find((t) => t.id.toLowerCase() === decodeURIComponent(m[1] || '').toLowerCase());
    return tab ? tab.id : 'General';
  }

  function route() {
    if (!shellReady) return;
    const tab = settingsTabFromHash();
    if (tab) openSettings(tab);
    else closeSettings(false);
  }

  function openSettings(tab) {
    settingsState.tab = tab;
    if (settingsParts) {
      renderTabs();
      renderPanel();
      return;
    }
    if (settingsTimer !== null) return; // renders settingsState.tab when it fires
    settingsTimer = setTimeout(mountSettings, DIALOG_DELAY_MS);
  }

  /**
   * Version 2's dialog shell: backdrop + native <dialog open> labelled by a
   * <div role="heading">, with a <div role="button" aria-label="Close">.
   */
  function nativeDialog(titleId, title, className, backdropClass, onClose, ...body) {
    const backdrop = h('div', { class: backdropClass, onClick: onClose });
    const dialog = h('dialog', {
      open: true,
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      tabindex: '-1',
      class: className,
    },
    h('div', { class: 'css-d1hd' },
      h('div', { class: 'css-d1h1' }, divHeading(2, title, { id: titleId, class: 'css-d1t1' })),
      divButton({ class: 'css-x1c0', 'aria-label': T.close }, onClose, '\u2715')),
    ...body);
    return { backdrop, dialog };
  }

  function mountSettings() {
    settingsTimer = null;
    settingsState.opens += 1;
    const tablist = h('div', {
      role: 'tablist', 'aria-orientation': 'vertical', class: V2 ? 'css-tl6v' : 'settings-tabs',
    });
    const panel = h('div', { role: 'tabpanel', class: V2 ? 'css-tp6w' : 'settings-panel', tabindex: '0' });
    let backdrop;
    let dialog;
    if (V2) {
      ({ backdrop, dialog } = nativeDialog(IDS.settingsTitle, T.settings, 'css-d1a9 css-sd3m', 'css-bd7f',
        () => closeSettings(true),
        h('div', { class: 'css-sd4b' }, h('div', { class: 'css-sd4c' }, tablist), panel)));
    } else {
      backdrop = h('div', { class: 'modal-backdrop', 'data-state': 'open', onClick: () => closeSettings(true) });
      dialog = h('div', {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': IDS.settingsTitle,
        'data-state': 'open',
        tabindex: '-1',
        class: 'settings-dialog',
      },
      h('header', { class: 'dialog-header' },
        h('h2', { id: IDS.settingsTitle, class: 'dialog-title' }, T.settings),
        h('button', {
          type: 'button', class: 'dialog-close', 'aria-label': T.close, 'data-testid': 'close-button',
          onClick: () => closeSettings(true),
        }, '\u2715')),
      h('div', { class: 'settings-body' }, tablist, panel));
    }
    settingsParts = { backdrop, dialog, tablist, panel };
    document.body.append(backdrop, dialog);
    renderTabs();
    renderPanel();
    dialog.focus();
    // Late data: the panel is rebuilt once more after the dialog appears.
    panelRerenderTimer = setTimeout(() => {
      panelRerenderTimer = null;
      renderPanel();
    }, PANEL_RERENDER_MS);
  }

  function closeSettings(dropHash) {
    if (settingsTimer !== null) clearTimeout(settingsTimer);
    if (panelRerenderTimer !== null) clearTimeout(panelRerenderTimer);
    settingsTimer = null;
    panelRerenderTimer = null;
    closeMemories();
    if (settingsParts) {
      settingsParts.backdrop.remove();
      settingsParts.dialog.remove();
      settingsParts = null;
      counters = {};
      controls = {};
      saveButton = null;
      saveStatus = null;
    }
    settingsState.tab = null;
    if (dropHash && SETTINGS_HASH.test(location.hash)) {
      history.pushState(null, '', location.pathname + location.search);
    }
  }

  function renderTabs() {
    const { tablist } = settingsParts;
    tablist.replaceChildren(...TABS.map((t) => h('button', {
      type: 'button',
      role: 'tab',
      id: IDS.tab(t.id),
      'aria-selected': String(t.id === settingsState.tab),
      'aria-controls': IDS.tabpanel,
      'data-state': t.id === settingsState.tab ? 'active' : 'inactive',
      'data-testid': V2 ? null : t.testid,
      class: V2 ? 'css-tb6x' : 'settings-tab',
      tabindex: t.id === settingsState.tab ? '0' : '-1',
      onClick: () => {
        if (settingsState.tab !== t.id) location.hash = `settings/${t.id}`;
      },
    }, t.label)));
  }

  /** Builds the panel of the selected tab from scratch (new nodes), keeping focus. */
  function renderPanel() {
    const { panel } = settingsParts;
    const active = document.activeElement;
    const focusedName = active && panel.contains(active) ? fieldNames.get(active) || null : null;
    const selection = focusedName ? [active.selectionStart, active.selectionEnd] : null;
    counters = {};
    controls = {};
    fieldNames = new WeakMap();
    saveButton = null;
    saveStatus = null;
    panel.id = IDS.tabpanel;
    panel.setAttribute('aria-labelledby', IDS.tab(settingsState.tab));
    const content = settingsState.tab === 'Personalization' ? personalizationPanel() : generalPanel();
    panel.replaceChildren(...content);
    if (settingsState.tab === 'Personalization') settingsState.panelRenders += 1;
    updateInstructionsView();
    if (focusedName) {
      const field = controls[focusedName];
      if (field) {
        field.focus();
        try { field.setSelectionRange(selection[0], selection[1]); } catch { /* not a text field */ }
      }
    }
  }

  function generalPanel() {
    if (V2) {
      const row = ([label, value]) => h('div', { class: 'css-r0w5' },
        h('div', { class: 'css-lb3l' }, label),
        h('button', { type: 'button', class: 'css-se1v' }, value));
      return [h('div', { class: 'css-pn1g' },
        h('div', { class: 'css-c4h0' }, divHeading(3, T.tabGeneral)),
        ...T.generalRows.map(row))];
    }
    const row = ([label, value]) => h('div', { class: 'settings-row' },
      h('div', { class: 'settings-row-label' }, label),
      h('button', { type: 'button', class: 'settings-select' }, value));
    return [
      h('h3', { class: 'panel-heading' }, T.tabGeneral),
      ...T.generalRows.map(row),
    ];
  }

  function referenceSwitch(className, thumbClass) {
    const on = settingsState.referenceMemories;
    return h('button', {
      type: 'button',
      role: 'switch',
      'aria-checked': String(on),
      'aria-labelledby': IDS.referenceLabel,
      'data-state': on ? 'checked' : 'unchecked',
      class: className,
      onClick: (event) => {
        settingsState.referenceMemories = !settingsState.referenceMemories;
        const b = event.currentTarget;
        b.setAttribute('aria-checked', String(settingsState.referenceMemories));
        b.setAttribute('data-state', settingsState.referenceMemories ? 'checked' : 'unchecked');
      },
    }, h('span', { class: thumbClass }));
  }

  function memorySection() {
    const full = memoryList.length === 0 ? 0 : 73;
    if (V2) {
      // No <section>, no <h3>: a card with a role=heading div; Manage is a role=button div.
      return h('div', { class: 'css-k3j2' },
        h('div', { class: 'css-c4h0' }, divHeading(3, T.memory, { id: IDS.memoryHeading })),
        h('div', { class: 'css-r0w5' },
          h('div', { class: 'css-r0w6' },
            h('div', { class: 'css-r0w7' },
              h('span', { id: IDS.referenceLabel, class: 'css-lb3l' }, T.referenceMemories)),
            h('div', { class: 'css-d3sc' }, T.referenceDesc)),
          h('div', { class: 'css-sw70' }, referenceSwitch('css-sw7c', 'css-sw7t'))),
        h('div', { class: 'css-r0w5' },
          h('div', { class: 'css-mu2p' }, h('span', null, T.memoryFull(full))),
          h('div', { class: 'css-a9c4' }, divButton({ class: 'css-b7t1' }, openMemoriesSoon, T.manage))));
    }
    return h('section', { class: 'settings-section', 'aria-labelledby': IDS.memoryHeading },
      h('h3', { id: IDS.memoryHeading, class: 'section-heading' }, T.memory),
      h('div', { class: 'settings-row' },
        h('div', { class: 'settings-row-text' },
          h('div', { id: IDS.referenceLabel, class: 'settings-row-label' }, T.referenceMemories),
          h('div', { class: 'settings-row-desc' }, T.referenceDesc)),
        referenceSwitch('switch', 'switch-thumb')),
      h('div', { class: 'settings-row' },
        h('div', { class: 'memory-usage' }, T.memoryFull(full)),
        h('button', { type: 'button', class: 'btn btn-secondary', onClick: openMemoriesSoon }, T.manage)));
  }

  function instructionField(field) {
    const id = `custom-instructions-${field.name}`;
    const control = V2
      // No name, no id, no <label>: only aria-label names the field.
      ? h(field.tag, {
        'aria-label': field.label,
        maxlength: field.max,
        class: field.tag === 'textarea' ? 'css-tx4a' : 'css-in4a',
        type: field.tag === 'input' ? 'text' : null,
        rows: field.tag === 'textarea' ? 4 : null,
        autocomplete: 'off',
      })
      : h(field.tag, {
        id,
        name: field.name,
        maxlength: field.max,
        class: field.tag === 'textarea' ? 'ci-textarea' : 'ci-input',
        type: field.tag === 'input' ? 'text' : null,
        rows: field.tag === 'textarea' ? 4 : null,
        autocomplete: 'off',
      });
    controls[field.name] = control;
    fieldNames.set(control, field.name);
    control.value = instructions.model[field.name]; // React: value={model[name]}
    trackValueLikeReact(control, () => { instructions.ignoredInputs += 1; });
    control.addEventListener('input', (event) => {
      // onChange={(e) => setModel({ ...model, [name]: e.target.value })}
      instructions.inputEvents += 1;
      instructions.model[field.name] = event.target.value;
      updateInstructionsView();
    });
    const counter = h('div', { class: V2 ? 'css-ct5n' : 'ci-counter', 'aria-live': 'polite' });
    counters[field.name] = { el: counter, max: field.max };
    if (V2) {
      return h('div', { class: 'css-fd5a' },
        h('div', { class: 'css-fd5b' }, h('span', { class: 'css-lb3l' }, field.label)),
        h('div', { class: 'css-fd5c' }, control),
        h('div', { class: 'css-fd5d' }, counter));
    }
    return h('div', { class: 'ci-field' },
      h('label', { for: id, class: 'ci-label' }, field.label),
      control,
      counter);
  }

  const instructionsChanged = () =>
    FIELDS.some((f) => instructions.model[f.name] !== instructions.savedValues[f.name]);

  function updateInstructionsView() {
    for (const [name, { el, max }] of Object.entries(counters)) {
      el.textContent = `${instructions.model[name].length}/${max}`;
    }
    if (saveButton) saveButton.disabled = !instructionsChanged();
  }

  function saveInstructions() {
    if (!instructionsChanged()) return;
    Object.assign(instructions.savedValues, instructions.model);
    instructions.saved = true;
    instructions.saves += 1;
    if (saveStatus) saveStatus.textContent = T.saved;
    updateInstructionsView();
  }

  function instructionsSection() {
    saveButton = h('button', {
      type: 'button', class: V2 ? 'css-b7t2 css-b7p1' : 'btn btn-primary', onClick: saveInstructions,
    }, T.save);
    saveStatus = h(V2 ? 'div' : 'span', { class: V2 ? 'css-st4t' : 'save-status', role: 'status' },
      instructions.saved ? T.saved : '');
    if (V2) {
      return h('div', { class: 'css-k3j7' },
        h('div', { class: 'css-c4h0' }, divHeading(3, T.customInstructions, { id: IDS.instructionsHeading })),
        h('div', { class: 'css-c4b0' }, ...FIELDS.map(instructionField)),
        h('div', { class: 'css-ft01' }, saveStatus, saveButton));
    }
    return h('section', { class: 'settings-section', 'aria-labelledby': IDS.instructionsHeading },
      h('h3', { id: IDS.instructionsHeading, class: 'section-heading' }, T.customInstructions),
      ...FIELDS.map(instructionField),
      h('div', { class: 'ci-actions' }, saveStatus, saveButton));
  }

  function personalizationPanel() {
    return [memorySection(), instructionsSection()];
  }

  // ------------------------------------------------------------ saved memories dialog

  let memoriesTimer = null;
  let memoriesParts = null; // { backdrop, dialog, scroller, list, topSpacer, bottomSpacer }
  const rowNodes = new Map(); // memory id -> row (<tr>, version 2: listitem), reused while in range (React keys)

  function openMemoriesSoon() {
    if (memoriesTimer !== null || memoriesParts) return;
    memoriesTimer = setTimeout(mountMemories, DIALOG_DELAY_MS);
  }

  function mountMemories() {
    memoriesTimer = null;
    memories.opens += 1;
    let body;
    let scroller = null;
    let list = null; // the rows' parent: <tbody> (version 2: the role=list div)
    let topSpacer = null;
    let bottomSpacer = null;
    if (memoryList.length === 0) {
      body = h(V2 ? 'div' : 'p', { class: V2 ? 'css-em8p' : 'memories-empty' }, T.noMemories);
    } else {
      topSpacer = h('div', { class: V2 ? 'css-vs0a' : 'virtual-spacer', 'aria-hidden': 'true' });
      bottomSpacer = h('div', { class: V2 ? 'css-vs0a' : 'virtual-spacer', 'aria-hidden': 'true' });
      if (V2) {
        list = h('div', { role: 'list', 'aria-labelledby': IDS.memoriesTitle, class: 'css-vl0l' });
        scroller = h('div', { class: 'css-vl9k' }, topSpacer, list, bottomSpacer);
      } else {
        list = h('tbody');
        scroller = h('div', { class: 'saved-memories-scroll overflow-y-auto' },
          topSpacer,
          h('table', { class: 'memories-table w-full' }, list),
          bottomSpacer);
      }
      scroller.addEventListener('scroll', renderRows, { passive: true });
      body = scroller;
    }
    let backdrop;
    let dialog;
    if (V2) {
      ({ backdrop, dialog } = nativeDialog(IDS.memoriesTitle, T.memoriesTitle, 'css-d1a9 css-md3m', 'css-bd7f css-bd7m',
        closeMemories,
        h('div', { class: 'css-cp7n' }, T.memoriesIntro),
        h('div', { class: 'css-md4b' }, body)));
    } else {
      backdrop = h('div', { class: 'modal-backdrop memories-backdrop', 'data-state': 'open', onClick: closeMemories });
      dialog = h('div', {
        role: 'dialog',
        'aria-modal': 'true',
        'aria-labelledby': IDS.memoriesTitle,
        'data-state': 'open',
        tabindex: '-1',
        class: 'memories-dialog',
      },
      h('header', { class: 'dialog-header' },
        h('h2', { id: IDS.memoriesTitle, class: 'dialog-title' }, T.memoriesTitle),
        h('button', {
          type: 'button', class: 'dialog-close', 'aria-label': T.close, onClick: closeMemories,
        }, '\u2715')),
      h('p', { class: 'memories-intro' }, T.memoriesIntro),
      body);
    }
    memoriesParts = { backdrop, dialog, scroller, list, topSpacer, bottomSpacer };
    document.body.append(backdrop, dialog);
    dialog.focus();
    renderRows();
  }

  function closeMemories() {
    if (memoriesTimer !== null) clearTimeout(memoriesTimer);
    memoriesTimer = null;
    if (!memoriesParts) return;
    memoriesParts.backdrop.remove();
    memoriesParts.dialog.remove();
    memoriesParts = null;
    rowNodes.clear();
    memories.rendered = 0;
    if (settingsParts) settingsParts.dialog.focus();
  }

  function memoryRow(memory) {
    const deleteButton = h('button', {
      type: 'button',
      class: V2 ? 'css-ib2d' : 'icon-button',
      'aria-label': T.deleteMemory,
      onClick: () => deleteMemory(memory.id),
    }, '\u{1F5D1}');
    if (V2) {
      return h('div', { role: 'listitem', class: 'css-vr4w' },
        h('div', { class: 'css-vr4t' }, h('span', null, memory.text)),
        h('div', { class: 'css-vr4a' }, deleteButton));
    }
    return h('tr', { class: 'memory-row' },
      h('td', { class: 'memory-text-cell' }, h('div', { class: 'whitespace-pre-wrap' }, memory.text)),
      h('td', { class: 'memory-actions-cell' }, deleteButton));
  }

  /** Puts the rows in view (plus overscan) into the list, and only those. */
  function renderRows() {
    if (!memoriesParts || !memoriesParts.list) return;
    const { scroller, list, topSpacer, bottomSpacer } = memoriesParts;
    const n = memoryList.length;
    const viewport = scroller.clientHeight || SCROLL_HEIGHT_FALLBACK;
    const top = Math.min(scroller.scrollTop, Math.max(0, n * ROW_HEIGHT - viewport));
    const first = Math.max(0, Math.floor(top / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(n, Math.ceil((top + viewport) / ROW_HEIGHT) + OVERSCAN); // exclusive
    // CSSOM writes are allowed under the CSP (only style attributes in markup are not).
    topSpacer.style.height = `${first * ROW_HEIGHT}px`;
    bottomSpacer.style.height = `${(n - last) * ROW_HEIGHT}px`;
    const wanted = [];
    for (let i = first; i < last; i += 1) {
      const memory = memoryList[i];
      let row = rowNodes.get(memory.id);
      if (!row) {
        row = memoryRow(memory);
        rowNodes.set(memory.id, row);
      }
      row.setAttribute('data-index', String(i));
      wanted.push(row);
    }
    const keep = new Set(wanted);
    for (const [id, row] of rowNodes) {
      if (!keep.has(row)) {
        row.remove();
        rowNodes.delete(id);
      }
    }
    wanted.forEach((row, i) => {
      if (list.children[i] !== row) list.insertBefore(row, list.children[i] || null);
    });
    while (list.children.length > wanted.length) list.lastElementChild.remove();
    memories.rendered = wanted.length;
    memories.maxRendered = Math.max(memories.maxRendered, wanted.length);
    memories.renders += 1;
  }

  function deleteMemory(id) {
    const i = memoryList.findIndex((m) => m.id === id);
    if (i < 0) return;
    memories.deleted.push(memoryList[i].text);
    memoryList.splice(i, 1);
    memories.total = memoryList.length;
    const row = rowNodes.get(id);
    if (row) row.remove();
    rowNodes.delete(id);
    renderRows();
  }

  // ------------------------------------------------------------ wiring

  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    if (memoriesParts || memoriesTimer !== null) {
      event.preventDefault();
      closeMemories();
    } else if (settingsParts || settingsTimer !== null) {
      event.preventDefault();
      closeSettings(true);
    }
  });

  window.addEventListener('hashchange', route);
  window.addEventListener('popstate', route);

  setTimeout(() => {
    renderHome();
    shellReady = true;
    route();
  }, LOADING_MS);
})();
