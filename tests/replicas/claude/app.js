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
// /new, /chat/<id>. Any other path renders the Capabilities page (as the
// first version of this replica did for every path).
//
// /chat/<id> is a conversation in which the person pasted memport's export
// prompt and Claude answered (the same in every ?version and ?lang). Turns in
// order: a user message, an earlier Claude reply with a Python code block, the
// export prompt as a user message ([data-testid="user-message"]), and Claude's
// answer: a paragraph, a code block, two paragraphs. A reply is
//   <div data-is-streaming="false"><div class="font-claude-response">…</div>
//   <div class="message-actions">Copy / Retry buttons</div></div>
// and a code block is a wrapper div holding the language label ("text"), a
// "Copy" button and <div><pre class="code-block__code"><code class="language-text">
// with one highlighted <span> per line (the code's text is ANSWER_CODE exactly).
// ?scenario=streaming: the answer is still being written when the page opens
// (data-is-streaming="true", a "Stop response" button, only its first lines
// shown) and finishes STREAM_MS after the first render.
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
//                    "Notes I typed myself" (the model too), as if typed;
//   streaming        /chat/<id>: the last reply is still being written (see above).
//
// ?version=2 and ?lang=fr are read once at load too and hold the same way
// (independent of each other and of ?scenario):
//   version=2  a redesigned DOM with the same behaviour and ARIA semantics but
//              none of version 1's CSS hooks: hashed class names ("css-k3j2")
//              and extra wrapper divs; the Memory block is <div class="css-k3j2">
//              with <div role="heading" aria-level="2"> (no <section>, no <h2>);
//              its three buttons are <div role="button" tabindex="0"> (click or
//              Enter); both dialogs are native <dialog open> elements (title
//              <div role="heading">, close <div role="button" aria-label="Close">);
//              the memory renders in <div class="markdown-body"> with real <h3>
//              headings; the import box is a <textarea> labelled only by
//              aria-label, placeholder "Paste here".
//   lang=fr    French UI strings (see STRINGS.fr) and <html lang="fr">; the
//              memory's headings are translated (HEADINGS_FR), its lines are not.
// Version 1 in English is the original replica, unchanged.
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
  // ?version=2: the redesigned DOM; ?lang=fr: the French UI (see the top).
  const V2 = query.get('version') === '2';
  const lang = query.get('lang') === 'fr' ? 'fr' : 'en';
  if (lang === 'fr') document.documentElement.lang = 'fr';
  const root = document.getElementById('root');

  /** UI strings per language. English ones are version 1's originals. */
  const STRINGS = {
    en: {
      settings: 'Settings',
      settingsTitle: 'Settings - Claude',
      newChat: 'New chat',
      tabProfile: 'Profile',
      tabAppearance: 'Appearance',
      tabCapabilities: 'Capabilities',
      memory: 'Memory',
      searchLabel: 'Search and reference chats',
      searchDesc: 'Allow Claude to search for relevant details in past chats.',
      generateLabel: 'Generate memory from chat history',
      generateDesc: 'Allow Claude to remember relevant context from your chats.',
      viewMemory: 'View and edit your memory',
      startImport: 'Start import',
      manageEdits: 'Manage edits',
      editsCaption: 'Changes you asked Claude to make to its memory.',
      artifacts: 'Artifacts',
      artifactsDesc: 'Ask Claude to generate content like code snippets, text documents, or website designs.',
      fullName: 'Full name',
      colorMode: 'Color mode',
      themeLight: 'Light',
      themeDark: 'Dark',
      themeSystem: 'Match system',
      newChatHeading: 'How can I help you today?',
      composerLabel: 'Write your prompt to Claude',
      loginHeading: 'Log in to Claude',
      loginTagline: 'Your ideas, amplified.',
      loginButton: 'Continue with email',
      memoryTitle: 'Your memory',
      memoryCaption: 'This summary is regenerated each night based on your chats.',
      close: 'Close',
      loading: 'Loading…',
      loadError: (message) => `Couldn't load memory (${message}).`,
      importTitle: 'Import memory to Claude',
      importCaption: 'Copy this prompt into a chat with your other AI provider, then paste the response below.',
      promptLabel: 'Prompt',
      copyPrompt: 'Copy prompt',
      copied: 'Copied',
      boxLabel: 'Paste the response here',
      boxPlaceholder: 'Paste your memory here…',
      boxPlaceholderV2: 'Paste here',
      importNote: 'Imports are experimental. Claude adds them to memory within 24 hours.',
      cancel: 'Cancel',
      addToMemory: 'Add to memory',
      added: 'Added. Claude will process this import within 24 hours.',
    },
    fr: {
      settings: 'Paramètres',
      settingsTitle: 'Paramètres - Claude',
      newChat: 'Nouvelle conversation',
      tabProfile: 'Profil',
      tabAppearance: 'Apparence',
      tabCapabilities: 'Fonctionnalités',
      memory: 'Mémoire',
      searchLabel: 'Rechercher et référencer les conversations',
      searchDesc: 'Autoriser Claude à rechercher des détails pertinents dans les conversations passées.',
      generateLabel: 'Générer la mémoire à partir de l\'historique',
      generateDesc: 'Autoriser Claude à retenir le contexte pertinent de vos conversations.',
      viewMemory: 'Afficher et modifier votre mémoire',
      startImport: 'Commencer l\'importation',
      manageEdits: 'Gérer les modifications',
      editsCaption: "Les modifications que vous avez demandé à Claude d'apporter à sa mémoire.",
      artifacts: 'Artefacts',
      artifactsDesc: 'Demandez à Claude de générer du contenu comme des extraits de code, des documents ou des maquettes de sites web.',
      fullName: 'Nom complet',
      colorMode: 'Mode de couleur',
      themeLight: 'Clair',
      themeDark: 'Sombre',
      themeSystem: 'Identique au système',
      newChatHeading: 'Comment puis-je vous aider aujourd\'hui ?',
      composerLabel: 'Écrivez votre message à Claude',
      loginHeading: 'Se connecter à Claude',
      loginTagline: 'Vos idées, amplifiées.',
      loginButton: 'Continuer avec une adresse e-mail',
      memoryTitle: 'Votre mémoire',
      memoryCaption: 'Ce résumé est régénéré chaque nuit à partir de vos conversations.',
      close: 'Fermer',
      loading: 'Chargement…',
      loadError: (message) => `Impossible de charger la mémoire (${message}).`,
      importTitle: 'Importer la mémoire dans Claude',
      importCaption: 'Copiez cette invite dans une conversation avec votre autre fournisseur d\'IA, puis collez la réponse ci-dessous.',
      promptLabel: 'Invite',
      copyPrompt: 'Copier l\'invite',
      copied: 'Copié',
      boxLabel: 'Collez la réponse ici',
      boxPlaceholder: 'Collez votre mémoire ici…',
      boxPlaceholderV2: 'Collez ici',
      importNote: 'Les importations sont expérimentales. Claude les ajoute à la mémoire sous 24 heures.',
      cancel: 'Annuler',
      addToMemory: 'Ajouter à la mémoire',
      added: 'Ajouté. Claude traitera cette importation sous 24 heures.',
    },
  };
  const T = STRINGS[lang];

  /** The memory's section headings as the French UI shows them. */
  const HEADINGS_FR = {
    'Work context': 'Contexte professionnel',
    'Personal context': 'Contexte personnel',
    'Top of mind': 'En ce moment',
    'Brief history': 'Bref historique',
    'Recent months': 'Mois récents',
    'Earlier context': 'Contexte antérieur',
    'Long-term background': 'Parcours à long terme',
  };
  const headingText = (text) => (lang === 'fr' && HEADINGS_FR[text]) || text;

  // The app's own state; survives re-renders and route changes like React
  // state in a component above the router would.
  const switches = {
    search: { label: T.searchLabel, on: true, desc: T.searchDesc },
    generate: { label: T.generateLabel, on: true, desc: T.generateDesc },
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
    if (/^\/chat\/[^/]+$/.test(path)) return 'chat';
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

  /**
   * Version 2's <div role="button" tabindex="0">, activated by a click or
   * Enter like the real thing; onActivate may be null (a dead button).
   */
  function divButton(attrs, onActivate, ...children) {
    return h('div', {
      ...attrs,
      role: 'button',
      tabindex: '0',
      onClick: onActivate ? (event) => onActivate(event) : null,
      onKeydown: (event) => {
        if (event.key !== 'Enter' || !onActivate) return;
        event.preventDefault();
        onActivate(event);
      },
    }, ...children);
  }

  function buildTopBar() {
    if (V2) {
      return h('header', { class: 'css-9qd1' },
        h('div', { class: 'css-9qd2' },
          h('span', { class: 'css-b7an' }, 'Claude'),
          h('div', { class: 'css-l1n0' },
            link('/new', { class: 'css-l1nk' }, T.newChat),
            link('/settings/capabilities', { class: 'css-l1nk' }, T.settings))));
    }
    return h('header', { class: 'topbar flex items-center gap-4 px-6 py-3' },
      h('span', { class: 'brand font-display text-lg' }, 'Claude'),
      link('/new', { class: 'topbar-link new-chat-link text-sm' }, T.newChat),
      link('/settings/capabilities', { class: 'topbar-link text-sm' }, T.settings));
  }

  /** The switch of one setting (both versions: a <button role="switch">). */
  function switchButton(key, labelId, className) {
    const s = switches[key];
    return h('button', {
      type: 'button',
      role: 'switch',
      'aria-checked': String(s.on),
      'aria-labelledby': labelId,
      class: className,
      'data-state': s.on ? 'checked' : 'unchecked',
      onClick: () => {
        s.on = !s.on;
        render();
      },
    }, h('span', { class: V2 ? 'css-sw7t' : 'switch-thumb pointer-events-none block h-4 w-4 rounded-full' }));
  }

  function settingRow(key) {
    const s = switches[key];
    if (V2) {
      // React useId()-style ids: valid, but awkward for CSS selectors.
      const labelId = `:r${key === 'search' ? 1 : 2}:`;
      return h('div', { class: 'css-r0w5' },
        h('div', { class: 'css-r0w6' },
          h('div', { class: 'css-r0w7' },
            h('span', { class: 'css-lb3l', id: labelId }, s.label)),
          h('div', { class: 'css-d3sc' }, s.desc)),
        h('div', { class: 'css-sw70' }, switchButton(key, labelId, 'css-sw7c')));
    }
    const labelId = `switch-${key}-label`;
    return h('div', { class: 'setting-row flex items-center justify-between gap-4' },
      h('div', { class: 'setting-text' },
        h('span', { class: 'setting-label text-sm font-medium', id: labelId }, s.label),
        h('p', { class: 'setting-desc text-sm text-text-300' }, s.desc)),
      switchButton(key, labelId, 'switch relative inline-flex h-5 w-9 shrink-0 rounded-full'));
  }

  /** Version 2's heading: a div with role="heading", not an <hN>. */
  function divHeading(level, text, attrs) {
    return h('div', { class: 'css-hd2x', ...attrs, role: 'heading', 'aria-level': String(level) }, text);
  }

  /** Version 2's settings card: wrapper divs around a role=heading and the body. */
  function card(className, title, ...body) {
    return h('div', { class: className },
      h('div', { class: 'css-c4h0' }, divHeading(2, title)),
      h('div', { class: 'css-c4b0' }, ...body));
  }

  /** Capabilities tab: the Memory section (what memport looks for). */
  function capabilitiesPanel() {
    if (V2) {
      const action = (label, onActivate) =>
        h('div', { class: 'css-a9c4' }, divButton({ class: 'css-b7t1' }, onActivate, label));
      return [
        // The Memory block: <div class="css-k3j2">, no <section>, no <h2>.
        card('css-k3j2', T.memory,
          settingRow('search'),
          settingRow('generate'),
          h('div', { class: 'css-a9c3' },
            // ?scenario=no-view-button: a redesign moved this button away.
            scenario === 'no-view-button' ? null : action(T.viewMemory, openMemoryDialogSoon),
            action(T.startImport, openImportDialogSoon),
            action(T.manageEdits, openEditsDialogSoon))),
        card('css-k3j7', T.artifacts, h('div', { class: 'css-d3sc' }, T.artifactsDesc)),
      ];
    }
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'memory-heading' },
        h('h2', { id: 'memory-heading', class: 'text-lg font-medium' }, T.memory),
        settingRow('search'),
        settingRow('generate'),
        h('div', { class: 'memory-actions flex flex-wrap gap-2' },
          // ?scenario=no-view-button: a redesign moved this button away.
          scenario === 'no-view-button' ? null :
            h('button', { type: 'button', class: BUTTON_CLASS, onClick: openMemoryDialogSoon },
              T.viewMemory),
          h('button', { type: 'button', class: BUTTON_CLASS, onClick: openImportDialogSoon }, T.startImport),
          h('button', { type: 'button', class: BUTTON_CLASS, onClick: openEditsDialogSoon }, T.manageEdits))),
      h('section', { class: 'settings-section', 'aria-labelledby': 'artifacts-heading' },
        h('h2', { id: 'artifacts-heading', class: 'text-lg font-medium' }, T.artifacts),
        h('p', { class: 'setting-desc text-sm' }, T.artifactsDesc)),
    ];
  }

  /** The full-name input, kept in app state so a re-render does not lose what was typed. */
  function fullNameInput(id, className) {
    return h('input', {
      id,
      type: 'text',
      class: className,
      value: profile.fullName,
      onInput: (event) => { profile.fullName = event.target.value; },
    });
  }

  /** Profile tab: a name field, no Memory section. */
  function profilePanel() {
    if (V2) {
      return [
        card('css-k3j7', T.tabProfile,
          h('div', { class: 'css-f1d0' },
            h('label', { for: ':r3:', class: 'css-lb3l' }, T.fullName),
            h('div', { class: 'css-f1d1' }, fullNameInput(':r3:', 'css-1np7')))),
      ];
    }
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'profile-heading' },
        h('h2', { id: 'profile-heading', class: 'text-lg font-medium' }, T.tabProfile),
        h('div', { class: 'field flex flex-col gap-1' },
          h('label', { for: 'full-name', class: 'text-sm font-medium' }, T.fullName),
          fullNameInput('full-name', 'text-input rounded-lg border px-3 py-2'))),
    ];
  }

  /** Appearance tab: a theme choice, no Memory section. */
  function appearancePanel() {
    const themes = [['light', T.themeLight], ['dark', T.themeDark], ['system', T.themeSystem]];
    const choice = (className, optionClass) => h('fieldset', { class: className },
      h('legend', { class: V2 ? 'css-lb3l' : 'text-sm font-medium' }, T.colorMode),
      ...themes.map(([value, label]) => h('label', { class: optionClass },
        h('input', {
          type: 'radio',
          name: 'theme',
          value,
          checked: appearance.theme === value,
          onClick: () => { appearance.theme = value; },
        }),
        ` ${label}`)));
    if (V2) return [card('css-k3j7', T.tabAppearance, choice('css-th3m', 'css-th3o'))];
    return [
      h('section', { class: 'settings-section', 'aria-labelledby': 'appearance-heading' },
        h('h2', { id: 'appearance-heading', class: 'text-lg font-medium' }, T.tabAppearance),
        choice('theme-choice flex gap-4', 'theme-option text-sm')),
    ];
  }

  function settingsPage(route) {
    const tabs = [
      [T.tabProfile, '/settings/profile', 'profile'],
      [T.tabAppearance, '/settings/appearance', 'appearance'],
      [T.tabCapabilities, '/settings/capabilities', 'capabilities'],
    ];
    const panels = { profile: profilePanel, appearance: appearancePanel, capabilities: capabilitiesPanel };
    if (V2) {
      return h('main', { class: 'css-1x2y3z' },
        h('div', { class: 'css-1x2y4a' },
          h('div', { class: 'css-h1w0' }, h('h1', { class: 'css-h1q8' }, T.settings)),
          h('div', { class: 'css-8s7a' },
            h('div', { class: 'css-n4v0' },
              h('nav', { class: 'css-n4v2', 'aria-label': T.settings },
                ...tabs.map(([name, href, tabRoute]) => h('div', { class: 'css-t4b0' }, link(href, {
                  class: 'css-t4b9',
                  'aria-current': tabRoute === route ? 'page' : null,
                }, name))))),
            h('div', { class: 'css-p2n1' }, h('div', { class: 'css-p2n2' }, ...panels[route]())))));
    }
    return h('main', { class: 'settings mx-auto w-full max-w-5xl px-6 py-10' },
      h('h1', { class: 'font-display text-2xl' }, T.settings),
      h('div', { class: 'settings-layout' },
        h('nav', { class: 'settings-nav flex flex-col gap-1', 'aria-label': T.settings },
          ...tabs.map(([name, href, tabRoute]) => link(href, {
            class: 'settings-tab rounded-lg px-3 py-2 text-sm',
            'aria-current': tabRoute === route ? 'page' : null,
          }, name))),
        h('div', { class: 'settings-panel flex flex-col gap-6' }, ...panels[route]())));
  }

  /** /new: the empty chat page. */
  function newChatPage() {
    if (V2) {
      return h('main', { class: 'css-nc01' },
        h('div', { class: 'css-nc02' },
          h('h1', { class: 'css-h1q8' }, T.newChatHeading),
          h('div', { class: 'css-nc03' },
            h('textarea', { class: 'css-cm9p', 'aria-label': T.composerLabel, rows: '3' }))));
    }
    return h('main', { class: 'new-chat mx-auto flex flex-col items-center gap-6' },
      h('h1', { class: 'font-display text-3xl' }, T.newChatHeading),
      h('textarea', {
        class: 'composer rounded-2xl border p-4',
        'aria-label': T.composerLabel,
        placeholder: T.newChatHeading,
        rows: '3',
      }));
  }

  // ---------------------------------------------------------------- chat

  /** memport's export prompt for Claude, as the person pasted it. */
  const EXPORT_PROMPT = [
    'I am moving to another assistant and want to take my context with me, Claude. List everything in your memory of me and the memory edits I asked for, and everything you have learned about me from our past conversations.',
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

  /** The code block of Claude's answer (tests compare with it). */
  const ANSWER_CODE = [
    'Response instructions:',
    '[2025-01-12] - Always answer in British English.',
    '[unknown] - Keep answers short unless I ask for detail.',
    '',
    'Personal information:',
    '[2024-11-03] - Lives in Porto with her partner Rui.',
    '[2025-02-20] - Has a sourdough starter called Clint Yeastwood.',
    '',
    'Projects and goals:',
    '[2025-03-01] - Training for the Lisbon marathon in October.',
    '',
    'Technical preferences:',
    '[2024-12-10] - Uses Figma and Linear at work.',
    '',
    'Behavioral corrections:',
    '[2025-02-01] - Stop suggesting Medium articles.',
    '',
    'Other context:',
    '[unknown] - Works as a product designer at a fintech startup.',
    '',
  ].join('\n');

  const EARLIER_CODE = 'def feed(starter, flour_g=50, water_g=50):\n    starter.add(flour_g, water_g)\n    return starter\n';
  const STREAM_MS = 3000;
  const chat = { streaming: scenario === 'streaming' };
  replicaState.chat = chat;

  /** Claude's syntax highlighting: one <span> per line, the line breaks between them. */
  function highlighted(code) {
    const lines = code.split('\n');
    return lines.map((line, i) => h('span', null,
      h('span', { class: 'token' }, line), i < lines.length - 1 ? '\n' : null));
  }

  function codeBlock(language, code) {
    return h('div', { class: 'code-frame relative flex flex-col rounded-lg' },
      h('div', { class: 'code-language text-text-300 text-xs' }, language),
      h('div', { class: 'code-copy pointer-events-none sticky' },
        h('div', { class: 'code-copy-inner pointer-events-auto rounded-md' },
          h('button', { type: 'button', class: 'code-copy-button', 'data-state': 'closed' },
            h('span', { class: 'text-text-200' }, 'Copy')))),
      h('div', null,
        h('pre', { class: 'code-block__code' },
          h('code', { class: `language-${language}` }, ...highlighted(code)))));
  }

  function userTurn(text) {
    return h('div', { class: 'chat-turn user-turn', 'data-test-render-count': '1' },
      h('div', { 'data-testid': 'user-message', class: 'font-user-message grid grid-cols-1 gap-2' },
        h('p', { class: 'whitespace-pre-wrap break-words' }, text)));
  }

  function claudeTurn(streaming, ...body) {
    return h('div', { class: 'chat-turn', 'data-test-render-count': '1' },
      h('div', { 'data-is-streaming': String(streaming), class: 'group relative pb-3' },
        h('div', { class: 'font-claude-response relative' },
          h('div', null, h('div', { class: 'grid-cols-1 grid gap-2.5' }, ...body))),
        streaming ? null : h('div', { class: 'message-actions' },
          h('button', { type: 'button', 'aria-label': 'Copy' }, 'Copy'),
          h('button', { type: 'button', 'aria-label': 'Retry' }, 'Retry'))));
  }

  const para = (text) => h('p', { class: 'whitespace-normal break-words' }, text);

  /** /chat/<id>: the conversation, the export prompt's answer last. */
  function chatPage() {
    const answer = chat.streaming
      ? [para('Here\'s everything I have stored about you, grouped as you asked:'),
        codeBlock('text', ANSWER_CODE.split('\n').slice(0, 3).join('\n'))]
      : [para('Here\'s everything I have stored about you, grouped as you asked:'),
        codeBlock('text', ANSWER_CODE),
        para('A few of these I inferred from our conversations rather than saved explicitly, so they carry [unknown] dates.'),
        para('Let me know if you\'d like me to change anything.')];
    return h('main', { class: 'chat mx-auto flex flex-col gap-4' },
      h('div', { class: 'chat-thread flex flex-col gap-4' },
        userTurn('How often should I feed my sourdough starter? A snippet for my kitchen script would help.'),
        claudeTurn(false,
          para('Once a day at room temperature, or once a week if it lives in the fridge. For your script:'),
          codeBlock('python', EARLIER_CODE),
          para('Use equal weights of flour and water.')),
        userTurn(EXPORT_PROMPT),
        claudeTurn(chat.streaming, ...answer)),
      h('div', { class: 'chat-composer flex items-end gap-2' },
        h('textarea', { class: 'composer rounded-2xl border p-4', 'aria-label': T.composerLabel, rows: '2' }),
        chat.streaming ? h('button', { type: 'button', class: 'stop-button', 'aria-label': 'Stop response' }, '■') : null));
  }

  function loginPage() {
    if (V2) {
      return h('main', { class: 'css-lg01' },
        h('div', { class: 'css-lg02' },
          h('h1', { class: 'css-h1q8' }, T.loginHeading),
          h('div', { class: 'css-d3sc' }, T.loginTagline),
          h('button', { type: 'button', class: 'css-lg0b' }, T.loginButton)));
    }
    return h('main', { class: 'login mx-auto flex flex-col items-center gap-4' },
      h('h1', { class: 'font-display text-3xl' }, T.loginHeading),
      h('p', { class: 'text-sm' }, T.loginTagline),
      h('button', { type: 'button', class: `${BUTTON_CLASS} login-button` }, T.loginButton));
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
      const main = route === 'new' ? newChatPage() : route === 'chat' ? chatPage() : settingsPage(route);
      document.title = route === 'new' || route === 'chat' ? 'Claude' : T.settingsTitle;
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
  let memoryEls = []; // version 2: the open memory dialog's backdrop and <dialog>

  /** An open dialog (version 2's are native <dialog open> elements). */
  const DIALOG_SELECTOR = V2 ? 'dialog[open], [role="dialog"]' : '[role="dialog"]';
  const dialogIsOpen = () => document.querySelector(DIALOG_SELECTOR) !== null;

  function openMemoryDialogSoon() {
    if (dialogTimer !== null || dialogIsOpen()) return;
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
    if (V2) {
      for (const el of memoryEls) el.remove();
      memoryEls = [];
    } else {
      for (const el of document.querySelectorAll('.modal-backdrop, [role="dialog"]')) el.remove();
    }
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

  /**
   * Version 2's dialog shell: backdrop + native <dialog open> labelled by a
   * <div role="heading">, with a <div role="button" aria-label="Close">.
   * Returns { backdrop, dialog, closeButton }; body goes below the header.
   */
  function nativeDialog(titleId, title, onClose, ...body) {
    const closeButton = divButton({ class: 'css-x1c0', 'aria-label': T.close }, onClose, '×');
    const backdrop = h('div', { class: 'css-bd7f', onClick: onClose });
    const dialog = h('dialog', {
      open: true,
      'aria-modal': 'true',
      'aria-labelledby': titleId,
      class: 'css-d1a9',
    },
    h('div', { class: 'css-d1a8' },
      h('div', { class: 'css-d1hd' },
        h('div', { class: 'css-d1h1' }, divHeading(2, title, { id: titleId, class: 'css-d1t1' })),
        closeButton),
      h('div', { class: 'css-d1bd' }, ...body)));
    return { backdrop, dialog, closeButton };
  }

  function openMemoryDialog() {
    if (dialogIsOpen()) return;
    replicaState.dialogOpens += 1;

    let content;
    let closeButton;
    if (V2) {
      content = h('div', { class: 'markdown-body' }, T.loading);
      const built = nativeDialog(':r5:', T.memoryTitle, closeMemoryDialog,
        h('div', { class: 'css-cp7n' }, T.memoryCaption),
        h('div', { class: 'css-sc01' }, content));
      closeButton = built.closeButton;
      memoryEls = [built.backdrop, built.dialog];
    } else {
      content = h('div', { class: 'memory-content prose' }, T.loading);
      closeButton = h('button', {
        type: 'button', class: 'dialog-close', 'aria-label': T.close, onClick: closeMemoryDialog,
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
        h('h2', { id: 'memory-dialog-title', class: 'text-lg font-medium' }, T.memoryTitle),
        closeButton),
      h('p', { class: 'caption' }, T.memoryCaption),
      content);
      memoryEls = [backdrop, dialog];
    }

    // Portal: appended to <body>, outside the app root.
    document.body.append(...memoryEls);
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
        content.replaceChildren(h('p', { class: V2 ? 'css-e4r0' : 'error' }, T.loadError(err.message)));
      });
  }

  // -------------------------------------------------------- edits dialog
  // "Manage edits": the person's own corrections to Claude's memory, a second, separate list.
  // It shares the memory dialog's closing (Close, Escape, backdrop).

  const EDITS = [
    "Don't bring up my previous job at Northwind Traders.",
    'Call me Maya, not Ms. Costa.',
    'I switched from Neovim to Helix in November 2026.',
    'Stop suggesting weekend work plans.',
  ];

  function openEditsDialogSoon() {
    if (dialogTimer !== null || dialogIsOpen()) return;
    dialogTimer = setTimeout(() => {
      dialogTimer = null;
      openEditsDialog();
    }, DIALOG_DELAY_MS);
  }

  function openEditsDialog() {
    if (dialogIsOpen()) return;
    replicaState.editsOpens = (replicaState.editsOpens || 0) + 1;
    const row = (text) => V2
      ? h('div', { role: 'listitem', class: 'css-ed1i' }, h('span', null, text),
        divButton({ class: 'css-ed1x', 'aria-label': 'Delete edit' }, null, '🗑'))
      : h('li', { class: 'edit-item' }, h('span', { class: 'edit-text' }, text),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Delete edit' }, '🗑'));
    let closeButton;
    if (V2) {
      const built = nativeDialog(':r7:', T.manageEdits, closeMemoryDialog,
        h('div', { class: 'css-cp7n' }, T.editsCaption),
        h('div', { role: 'list', class: 'css-ed1l' }, ...EDITS.map(row)));
      closeButton = built.closeButton;
      memoryEls = [built.backdrop, built.dialog];
    } else {
      closeButton = h('button', {
        type: 'button', class: 'dialog-close', 'aria-label': T.close, onClick: closeMemoryDialog,
      }, '×');
      const backdrop = h('div', { class: 'modal-backdrop', 'data-state': 'open', onClick: closeMemoryDialog });
      const dialog = h('div', {
        role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'edits-dialog-title', class: 'memory-dialog',
      },
      h('div', { class: 'dialog-header' },
        h('h2', { id: 'edits-dialog-title', class: 'text-lg font-medium' }, T.manageEdits),
        closeButton),
      h('p', { class: 'caption' }, T.editsCaption),
      h('ul', { class: 'edits-list' }, ...EDITS.map(row)));
      memoryEls = [backdrop, dialog];
    }
    document.body.append(...memoryEls);
    document.addEventListener('keydown', onDialogKeydown, true);
    closeButton.focus();
  }

  // ------------------------------------------------------- import dialog

  let importTimer = null; // the short delay between click (or load) and dialog
  let importDialogEl = null;
  let importBackdropEl = null;

  function openImportDialogSoon() {
    if (importTimer !== null || dialogIsOpen()) return;
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
    if (dialogIsOpen()) return;
    importState.opens += 1;
    // A newly mounted component starts from its initial state.
    importModel.text = scenario === 'import-prefilled' ? IMPORT_PREFILLED_TEXT : '';

    const copyButton = h('button', {
      type: 'button',
      class: V2 ? 'css-b7t2' : `${BUTTON_CLASS} copy-prompt-button`,
      onClick: () => {
        const done = () => { copyButton.textContent = T.copied; };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(IMPORT_PROMPT).then(done, () => {});
        }
      },
    }, T.copyPrompt);
    // Version 2: no id, no <label>; only aria-label names the box.
    const box = V2
      ? h('textarea', {
        class: 'css-tx4a',
        placeholder: T.boxPlaceholderV2,
        'aria-label': T.boxLabel,
        rows: '8',
      })
      : h('textarea', {
        id: 'memory-import-box',
        class: 'import-box rounded-lg border px-3 py-2',
        placeholder: T.boxPlaceholder,
        rows: '8',
      });
    const addButton = h('button', {
      type: 'button', class: V2 ? 'css-b7t2 css-b7p1' : `${BUTTON_CLASS} primary-button`, disabled: true,
    }, T.addToMemory);
    const status = h(V2 ? 'div' : 'p', { class: V2 ? 'css-st4t' : 'import-status', role: 'status' });
    const promptBox = h('textarea', {
      class: V2 ? 'css-tx4p' : 'import-prompt-text rounded-lg border px-3 py-2',
      readonly: true,
      'aria-label': T.promptLabel,
      rows: '4',
    }, IMPORT_PROMPT);
    const cancelButton = h('button', {
      type: 'button', class: V2 ? 'css-b7t2' : BUTTON_CLASS, onClick: closeImportDialog,
    }, T.cancel);

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
      status.textContent = T.added;
    });

    let closeButton;
    if (V2) {
      const built = nativeDialog(':r7:', T.importTitle, closeImportDialog,
        h('div', { class: 'css-cp7n' }, T.importCaption),
        h('div', { class: 'css-ip01' },
          h('div', { class: 'css-ip02' }, promptBox),
          h('div', { class: 'css-ip03' }, copyButton)),
        h('div', { class: 'css-ip04' },
          h('div', { class: 'css-lb3l' }, T.boxLabel),
          h('div', { class: 'css-ip05' }, box)),
        h('div', { class: 'css-d3sc' }, T.importNote),
        status,
        h('div', { class: 'css-ft01' }, cancelButton, addButton));
      closeButton = built.closeButton;
      importBackdropEl = built.backdrop;
      importDialogEl = built.dialog;
    } else {
      closeButton = h('button', {
        type: 'button', class: 'dialog-close', 'aria-label': T.close, onClick: closeImportDialog,
      }, '×');
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
        h('h2', { id: 'import-dialog-title', class: 'text-lg font-medium' }, T.importTitle),
        closeButton),
      h('p', { class: 'caption' }, T.importCaption),
      h('div', { class: 'import-prompt flex flex-col gap-2' }, promptBox, copyButton),
      h('label', { for: 'memory-import-box', class: 'import-label text-sm font-medium' }, T.boxLabel),
      box,
      h('p', { class: 'import-note text-sm' }, T.importNote),
      status,
      h('div', { class: 'dialog-footer flex justify-end gap-2' }, cancelButton, addButton));
    }
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
          // "**Heading**" alone becomes <p><strong>Heading</strong></p>
          // (version 2: <h3>Heading</h3>), its text in the page's language.
          const text = para.join(' ');
          const heading = /^\*\*(.+?)\*\*$/.exec(text);
          if (heading && !heading[1].includes('**')) {
            const title = headingText(heading[1]);
            nodes.push(V2 ? h('h3', null, title) : h('p', null, h('strong', null, title)));
          } else {
            nodes.push(h('p', null, ...inline(text)));
          }
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
      if (chat.streaming) {
        setTimeout(() => {
          chat.streaming = false;
          if (currentRoute() === 'chat') render();
        }, STREAM_MS);
      }
    }
  }, LOADING_MS);
})();
