// Import pages for the drift simulator: each site's page where memport puts text for the person
// to review and submit (Claude's "Start import" dialog, ChatGPT's custom instructions, Gemini's
// import page), drawn from a seed in many plausible redesigns nobody tuned memport for.
//
//   importVariant(site, seed, overrides?) -> { site, seed, kind: 'import', url, features,
//                                              boxes: [{ label, categories?, text, placeholder }],
//                                              decoys: [{ kind, label, value }] }
//   renderImport(variant, document)       -> builds the page; sets window.driftState
//   importUrl(site, drift, features)      -> the page's URL for ?drift=<drift> (a named case's too)
//
// importVariant runs in Node and in the browser (the test needs the variant, the page renders
// it); renderImport only in the browser. Every choice comes from rng(seed) (rand.mjs; the seed
// mixed with a per-site constant, so seed 5 is not the same redesign on every site): each
// feature draws from its own stream seeded from that rng in a fixed order, so overriding one
// feature leaves the others as they were.
//
// window.driftState (the page's own knowledge, read by the test from the main world):
//   { kind: 'import', variant,
//     boxes:  [{ label, model, mounted, changes }]   model: what the page's editor model holds,
//                                                    changed only by the events that editor
//                                                    listens to (see "Editors" below)
//     decoys: [{ kind, label, value, initial, mounted }]  value: what the decoy holds now (its
//                                                    starting value while it is not on the page)
//     submitted, submits,  // someone pressed the submit button (or submitted its form)
//     opens,               // how many times the import dialog / panel was opened
//     ready,               // the first render is in the DOM (boxes may come later or after an opener)
//     settled,             // ready, and nothing the page does by itself is pending any more
//     domValue(i),         // what box i shows (value, or the editor's text); null when not mounted
//     decoyValue(i),       // the same for decoy i
//     element(i), decoyElement(i) }  // the editable element of box i / decoy i, for a test to
//                          // type into (null when not on the page)
//
// Editors (features.editor) and what makes each one's model take text:
//   textarea       plain <textarea>; model from `input` / `change` events (value set alone: stale)
//   input          <input type=text>, the same (newlines are dropped by the element itself)
//   react          <textarea> controlled like React: an own `value` property records every value
//                  set through the element (the value tracker); a bubbling `input`/`change` whose
//                  value equals the tracked one is ignored. Needs the prototype's native setter (or
//                  real typing / insertText) and then a bubbling `input` event.
//   contenteditable, plaintext  div contenteditable=true / plaintext-only; model = innerText on
//                  `input` events only (DOM edits without an input event: stale)
//   prosemirror    div.ProseMirror (<p> per line); model re-read from the DOM on `input` and on
//                  every mutation (MutationObserver), the DOM normalized back to <p>s; handles
//                  `paste` itself (synthetic ClipboardEvent with text/plain works)
//   quill          div.ql-editor in div.ql-container; like prosemirror (MutationObserver, paste),
//                  and it replaces a non-collapsed selection itself on `beforeinput` insertText
//   lexical        div[data-lexical-editor=true]; model from `input` events; paragraph breaks,
//                  deletions and pastes handled on `beforeinput` / `paste`; any DOM change not
//                  followed by an input event is reverted (its MutationObserver restores the DOM)
// features.shadow puts the field (label and editor) or the editor alone inside an open shadow
// root of a custom element.

import { rng } from './rand.mjs';

// ------------------------------------------------------------------------------ vocabulary

const CLAUDE_PROMPT = {
  en: 'I\'m moving to another service and need to export my data. List every memory you have ' +
    'stored about me, as well as any context you\'ve learned about me from past conversations. ' +
    'Output everything in a single code block so I can easily copy it. Format each entry as: ' +
    '[date saved, if available] - memory content. Make sure to cover all of the following, ' +
    'preserving my words verbatim where possible: instructions I\'ve given you about how to ' +
    'respond, personal details, projects, goals and recurring topics.',
  fr: 'Je passe à un autre service et je dois exporter mes données. Liste tous les souvenirs que ' +
    'tu as enregistrés à mon sujet, ainsi que le contexte appris lors de nos conversations. ' +
    'Présente tout dans un seul bloc de code pour que je puisse le copier facilement. Formate ' +
    'chaque entrée ainsi : [date d\'enregistrement, si disponible] - contenu du souvenir.',
};

const GEMINI_PROMPT = {
  en: 'I\'m moving to Gemini. List everything you remember about me in five labeled sections, in ' +
    'this order: Demographics Information; Interests & Preferences; Relationships; Dated Events, ' +
    'Projects & Plans; Instructions. Write each entry as a bullet in the third person ("The user ' +
    '..."), followed by an indented line: Evidence: User said "..." Date: [YYYY-MM-DD]. End with: ' +
    'Imported from: <your name>.',
  fr: 'Je passe à Gemini. Liste tout ce dont tu te souviens à mon sujet en cinq sections titrées, ' +
    'dans cet ordre : Informations démographiques ; Centres d\'intérêt et préférences ; ' +
    'Relations ; Événements datés, projets et plans ; Instructions. Termine par : Importé depuis : ' +
    '<ton nom>.',
};

/**
 * What each site's import page says, per language. `boxLabels` / `placeholders` / `openers` are
 * the site file's vocabulary (crate/sites/*.toml); `openerDrift` plausible rewordings of it.
 */
const TEXT = {
  claude: {
    en: {
      title: 'Settings - Claude',
      settings: 'Settings',
      nav: ['General', 'Account', 'Privacy', 'Billing', 'Capabilities', 'Connectors'],
      active: 'Capabilities',
      memory: 'Memory',
      memoryDesc: 'Claude can remember context from your chats and use it in new ones.',
      switches: ['Search and reference chats', 'Generate memory from chat history'],
      view: 'View and edit your memory',
      manage: 'Manage edits',
      openers: ['Start import'],
      openerDrift: ['Start an import', 'Import memory', 'Start memory import'],
      dialogTitle: 'Import memory to Claude',
      step: 'Copy this prompt into a chat with your other AI provider, then paste the response below.',
      promptLabel: 'Prompt',
      copy: 'Copy',
      copied: 'Copied',
      boxLabels: ['Paste the response here'],
      placeholders: ['Paste your memory here…', 'Paste here'],
      submit: 'Add to memory',
      done: 'Added. Claude will process this import within 24 hours.',
      note: 'Imports are experimental. Claude adds them to memory within 24 hours.',
      cancel: 'Cancel',
      close: 'Close',
      loading: 'Loading…',
      help: 'Memory is built from your chats. You can turn it off at any time.',
      learnMore: 'Learn more',
      icons: ['Share', 'More options', 'Help'],
      banner: 'Memory is now available on all plans.',
      dismiss: 'Dismiss',
      profile: 'Profile',
      search: 'Search chats',
      searchValue: 'trip',
      composer: 'Write your prompt to Claude',
      composerValue: 'Draft: ask about the Lisbon trip',
      feedback: 'Tell us how importing went',
      feedbackValue: 'It was quick.',
      nickname: 'What should Claude call you?',
      nicknameValue: 'Sam',
      send: 'Send message',
      prompt: CLAUDE_PROMPT.en,
    },
    fr: {
      title: 'Paramètres - Claude',
      settings: 'Paramètres',
      nav: ['Général', 'Compte', 'Confidentialité', 'Facturation', 'Fonctionnalités', 'Connecteurs'],
      active: 'Fonctionnalités',
      memory: 'Mémoire',
      memoryDesc: 'Claude peut retenir le contexte de vos conversations et s\'en servir dans les nouvelles.',
      switches: ['Rechercher et référencer les conversations', 'Générer la mémoire à partir de l\'historique'],
      view: 'Afficher et modifier votre mémoire',
      manage: 'Gérer les modifications',
      openers: ['Commencer l\'importation'],
      openerDrift: ['Lancer l\'importation', 'Importer la mémoire'],
      dialogTitle: 'Importer la mémoire dans Claude',
      step: 'Copiez cette invite dans une conversation avec votre autre fournisseur d\'IA, puis collez la réponse ci-dessous.',
      promptLabel: 'Invite',
      copy: 'Copier',
      copied: 'Copié',
      boxLabels: ['Collez la réponse ici'],
      placeholders: ['Collez votre mémoire ici…', 'Collez ici'],
      submit: 'Ajouter à la mémoire',
      done: 'Ajouté. Claude traitera cette importation sous 24 heures.',
      note: 'Les importations sont expérimentales. Claude les ajoute à la mémoire sous 24 heures.',
      cancel: 'Annuler',
      close: 'Fermer',
      loading: 'Chargement…',
      help: 'La mémoire se construit à partir de vos conversations. Vous pouvez la désactiver à tout moment.',
      learnMore: 'En savoir plus',
      icons: ['Partager', 'Plus d\'options', 'Aide'],
      banner: 'La mémoire est désormais disponible avec tous les forfaits.',
      dismiss: 'Ignorer',
      profile: 'Profil',
      search: 'Rechercher des conversations',
      searchValue: 'voyage',
      composer: 'Écrivez votre invite à Claude',
      composerValue: 'Brouillon : demander pour le voyage à Lisbonne',
      feedback: 'Dites-nous comment s\'est passée l\'importation',
      feedbackValue: 'C\'était rapide.',
      nickname: 'Comment Claude doit-il vous appeler ?',
      nicknameValue: 'Sam',
      send: 'Envoyer le message',
      prompt: CLAUDE_PROMPT.fr,
    },
  },
  gemini: {
    en: {
      title: 'Gemini - Import memory',
      heading: 'Import memory',
      intro: 'Bring what another AI provider remembers about you to Gemini.',
      nav: ['New chat', 'Gems', 'Saved info', 'Apps', 'Settings & help'],
      active: 'Saved info',
      step1: 'Copy this prompt into a chat with your other AI provider',
      step2: 'Add the response to Gemini',
      promptLabel: 'Prompt',
      copy: 'Copy prompt',
      copied: 'Copied',
      boxLabels: ['Paste the response here'],
      placeholders: ['Paste your info here...', 'Paste the response here'],
      openers: ['Paste the response', 'Import memory'],
      openerDrift: ['Paste response', 'Import your memory', 'Continue'],
      submit: 'Add memory',
      done: 'Memory added',
      chats: 'Import chats',
      chatsDesc: 'Upload a ZIP export of your chats from another provider, up to 5 GB.',
      fileLabel: 'Choose a ZIP file',
      upload: 'Upload',
      cancel: 'Cancel',
      close: 'Close',
      loading: 'Loading…',
      help: 'Gemini saves what you add here to Saved info. You can review it at any time.',
      learnMore: 'Learn more',
      icons: ['Main menu', 'Google apps', 'Google Account'],
      banner: 'Importing is moving to a new place soon.',
      dismiss: 'Got it',
      search: 'Search for chats',
      searchValue: 'recipes',
      composer: 'Enter a prompt here',
      composerValue: 'Plan a weekend in Porto',
      feedback: 'Send feedback',
      feedbackValue: 'Please support more providers.',
      send: 'Send message',
      prompt: GEMINI_PROMPT.en,
    },
    fr: {
      title: 'Gemini - Importer la mémoire',
      heading: 'Importer la mémoire',
      intro: 'Transférez vers Gemini ce qu\'un autre fournisseur d\'IA sait de vous.',
      nav: ['Nouvelle discussion', 'Gems', 'Infos enregistrées', 'Applications', 'Paramètres et aide'],
      active: 'Infos enregistrées',
      step1: 'Copiez cette invite dans une conversation avec votre autre fournisseur d\'IA',
      step2: 'Ajoutez la réponse à Gemini',
      promptLabel: 'Invite',
      copy: 'Copier l\'invite',
      copied: 'Copié',
      boxLabels: ['Collez la réponse ici'],
      placeholders: ['Collez la réponse ici', 'Collez vos infos ici...'],
      openers: ['Coller la réponse', 'Importer la mémoire'],
      openerDrift: ['Collez la réponse', 'Importer votre mémoire', 'Continuer'],
      submit: 'Ajouter un souvenir',
      done: 'Souvenir ajouté',
      chats: 'Importer des conversations',
      chatsDesc: 'Importez une archive ZIP de vos conversations depuis un autre fournisseur (5 Go max.).',
      fileLabel: 'Choisir un fichier ZIP',
      upload: 'Téléverser',
      cancel: 'Annuler',
      close: 'Fermer',
      loading: 'Chargement…',
      help: 'Gemini enregistre ce que vous ajoutez ici dans Infos enregistrées.',
      learnMore: 'En savoir plus',
      icons: ['Menu principal', 'Applications Google', 'Compte Google'],
      banner: 'L\'importation change bientôt de place.',
      dismiss: 'OK',
      search: 'Rechercher des discussions',
      searchValue: 'recettes',
      composer: 'Saisissez une requête ici',
      composerValue: 'Prévoir un week-end à Porto',
      feedback: 'Envoyer des commentaires',
      feedbackValue: 'Merci d\'ajouter d\'autres fournisseurs.',
      send: 'Envoyer le message',
      prompt: GEMINI_PROMPT.fr,
    },
  },
  chatgpt: {
    en: {
      title: 'ChatGPT',
      home: 'What can I help with?',
      sidebar: ['New chat', 'Library', 'Sora', 'GPTs'],
      settings: 'Settings',
      tabs: ['General', 'Notifications', 'Personalization', 'Connected apps', 'Data controls', 'Security', 'Account'],
      active: 'Personalization',
      memory: 'Memory',
      memoryRef: 'Reference saved memories',
      manage: 'Manage',
      customTitle: 'Custom instructions',
      enable: 'Enable customization',
      enableDesc: 'Customize how ChatGPT responds to you.',
      // [classic, new] per box: the site file's names for each box.
      modelLabels: ['How would you like ChatGPT to respond?', 'What traits should ChatGPT have?'],
      userLabels: ['What would you like ChatGPT to know about you to provide better responses?',
        'Anything else ChatGPT should know about you?'],
      modelPlaceholder: 'e.g. Be concise and use British spelling',
      userPlaceholder: 'Interests, values, or preferences to keep in mind',
      openers: ['Customize ChatGPT', 'Custom instructions'],
      openerDrift: ['Customise ChatGPT', 'Edit custom instructions', 'Personalize'],
      nickname: 'What should ChatGPT call you?',
      nicknameValue: 'Sam',
      occupation: 'What do you do?',
      occupationValue: 'Chemistry teacher',
      submit: 'Save',
      done: 'Saved',
      cancel: 'Cancel',
      close: 'Close',
      loading: 'Loading…',
      help: 'Your instructions apply to new chats.',
      learnMore: 'Learn more',
      icons: ['Share', 'Open conversation options', 'Open profile menu'],
      banner: 'ChatGPT can make mistakes. Check important info.',
      dismiss: 'Dismiss',
      search: 'Search chats',
      searchValue: 'chess',
      composer: 'Message ChatGPT',
      composerValue: 'Draft: lesson plan for Monday',
      feedback: 'Share feedback on personalization',
      feedbackValue: 'Love the new memory.',
      send: 'Send prompt',
    },
    fr: {
      title: 'ChatGPT',
      home: 'Comment puis-je vous aider ?',
      sidebar: ['Nouveau chat', 'Bibliothèque', 'Sora', 'GPT'],
      settings: 'Paramètres',
      tabs: ['Général', 'Notifications', 'Personnalisation', 'Applications connectées', 'Gestion des données', 'Sécurité', 'Compte'],
      active: 'Personnalisation',
      memory: 'Mémoire',
      memoryRef: 'Consulter les souvenirs enregistrés',
      manage: 'Gérer',
      customTitle: 'Instructions personnalisées',
      enable: 'Activer la personnalisation',
      enableDesc: 'Personnalisez la manière dont ChatGPT vous répond.',
      modelLabels: ['Comment souhaitez-vous que ChatGPT réponde ?', 'Quels traits de caractère ChatGPT doit-il avoir ?'],
      userLabels: ['Que souhaitez-vous que ChatGPT sache sur vous pour vous fournir de meilleures réponses ?',
        'Autre chose que ChatGPT devrait savoir à votre sujet ?'],
      modelPlaceholder: 'p. ex. Soyez concis et direct',
      userPlaceholder: 'Centres d\'intérêt, valeurs ou préférences à garder en tête',
      openers: ['Personnaliser ChatGPT', 'Instructions personnalisées'],
      openerDrift: ['Modifier les instructions personnalisées', 'Personnaliser'],
      nickname: 'Comment ChatGPT doit-il vous appeler ?',
      nicknameValue: 'Sam',
      occupation: 'Que faites-vous dans la vie ?',
      occupationValue: 'Professeur de chimie',
      submit: 'Enregistrer',
      done: 'Enregistré',
      cancel: 'Annuler',
      close: 'Fermer',
      loading: 'Chargement…',
      help: 'Vos instructions s\'appliquent aux nouveaux chats.',
      learnMore: 'En savoir plus',
      icons: ['Partager', 'Ouvrir les options de conversation', 'Ouvrir le menu du profil'],
      banner: 'ChatGPT peut commettre des erreurs. Vérifiez les informations importantes.',
      dismiss: 'Ignorer',
      search: 'Rechercher des chats',
      searchValue: 'échecs',
      composer: 'Envoyer un message à ChatGPT',
      composerValue: 'Brouillon : plan de cours pour lundi',
      feedback: 'Donnez votre avis sur la personnalisation',
      feedbackValue: 'J\'adore la nouvelle mémoire.',
      send: 'Envoyer l\'invite',
    },
  },
};

/** Each site's boxes as the site file names them (crate/sites/*.toml [[import.boxes]]). */
const BOXES = {
  claude: [{ label: 'Paste the response here' }],
  gemini: [{ label: 'Paste your info here...' }],
  chatgpt: [
    { label: 'How would you like ChatGPT to respond?', categories: ['Response instructions', 'Behavioral corrections'] },
    { label: 'What would you like ChatGPT to know about you to provide better responses?' },
  ],
};

/** Decoys: editable things memport must leave alone. `must` are always on that site's page. */
const DECOYS = {
  claude: { must: ['prompt'], may: ['search', 'nickname', 'composer', 'feedback'] },
  gemini: { must: ['prompt', 'file'], may: ['search', 'composer', 'feedback'] },
  chatgpt: { must: ['nickname', 'occupation'], may: ['search', 'composer', 'feedback'] },
};

// ------------------------------------------------------------------------------ features

const EDITORS = [['textarea', 3], ['react', 4], ['contenteditable', 2], ['plaintext', 1],
  ['prosemirror', 2], ['quill', 1.5], ['lexical', 1.5], ['input', 0.5]];

const CONTAINERS = {
  claude: [['role-dialog', 4], ['dialog', 3], ['aria-modal', 2], ['popover', 1], ['page', 2]],
  gemini: [['page', 6], ['role-dialog', 2], ['dialog', 1.5], ['aria-modal', 1], ['popover', 1]],
  chatgpt: [['role-dialog', 5], ['dialog', 2], ['aria-modal', 1.5], ['popover', 1], ['page', 2]],
};

/** How a placeholder is shown, per editor. */
const PLACEHOLDER_WAYS = {
  textarea: ['placeholder'],
  react: ['placeholder'],
  input: ['placeholder'],
  contenteditable: ['data-placeholder', 'aria-placeholder'],
  plaintext: ['data-placeholder', 'aria-placeholder'],
  prosemirror: ['data-placeholder', 'aria-placeholder'],
  quill: ['data-placeholder'],
  lexical: ['node', 'aria-placeholder'],
};

const CHROME = ['nav', 'switches', 'help', 'icons', 'banner'];

/** One feature stream per name, seeded from rng(seed) in this fixed order. */
const STREAMS = ['lang', 'editor', 'shadow', 'labels', 'wording', 'container', 'autoopen', 'opener',
  'openerTag', 'late', 'latePart', 'busy', 'aria', 'chrome', 'decoys', 'prompt', 'placeholder', 'form',
  'submit', 'path', 'fields', 'order', 'maxlength', 'texts', 'values', 'render'];

/** Per site, so that one seed is not the same redesign on all three sites. */
const SITE_SALT = { claude: 0, chatgpt: 0x9e3779b9, gemini: 0x7f4a7c15 };

function streams(site, seed) {
  const base = rng((seed ^ SITE_SALT[site]) >>> 0);
  const out = {};
  for (const name of STREAMS) out[name] = rng(Math.floor(base.next() * 4294967296));
  return out;
}

/** One of `[[value, weight], ...]`, by weight. */
function weighted(r, table) {
  const total = table.reduce((sum, [, w]) => sum + w, 0);
  let x = r.next() * total;
  for (const [value, w] of table) {
    x -= w;
    if (x < 0) return value;
  }
  return table[table.length - 1][0];
}

/** "1200ms" (or a number) -> 1200. */
function ms(value) {
  const n = parseInt(String(value), 10);
  return Number.isFinite(n) ? n : 0;
}

// Small words that a redesign may drop from a label.
const SMALL_WORDS = {
  en: ['the', 'your', 'to', 'a', 'else'],
  fr: ['la', 'le', 'les', 'vos', 'votre', 'de', 'vous'],
};

/** A label reworded as features.wording says: exact, words added, a small word dropped, case. */
function reword(text, how, lang, r) {
  if (how === 'added') {
    if (r.chance(0.5)) return r.pick(lang === 'fr' ? ['Étape 2 : ', 'Facultatif : '] : ['Step 2: ', 'Optional: ']) + text;
    const [, body, end] = text.match(/^(.*?)(\s*[?.…:]*)$/);
    return body + r.pick(lang === 'fr' ? [' ci-dessous', ' en entier'] : [' below', ' in full']) + end;
  }
  if (how === 'dropped') {
    const words = text.split(' ');
    const small = words.map((w, i) => [w.toLowerCase(), i]).filter(([w]) => SMALL_WORDS[lang].includes(w));
    if (small.length) words.splice(r.pick(small)[1], 1); // none to drop: the label stays
    return words.join(' ');
  }
  if (how === 'case') {
    const style = r.pick(['lower', 'upper', 'title']);
    if (style === 'lower') return text.toLowerCase();
    if (style === 'upper') return text.toUpperCase();
    return text.replace(/(^|\s)(\p{Ll})/gu, (m, s, c) => s + c.toUpperCase());
  }
  return text;
}

/**
 * features (all short strings; a key that does not apply to a site is absent):
 *   lang        en | fr
 *   editor      textarea | react | contenteditable | plaintext | prosemirror | quill | lexical | input
 *   shadow      none | field (label and editor in an open shadow root) | editor (the editor alone)
 *   labels      for | wrap | aria-label | labelledby | placeholder | heading (text above, no link)
 *   wording     exact | added | dropped | case: how the label's words differ from the site file's
 *   container   page | role-dialog | dialog (native, showModal) | aria-modal | popover (plain div)
 *   autoopen    claude: none | <ms>ms (the URL has open_memory_import=true; the page opens itself)
 *   opener      none | the opener's text ("Start import", "Import memory", "Customize ChatGPT", ...)
 *   openerTag   button | div (tabindex, role=button unless aria is missing) | a
 *   late        <ms>ms: how long after the trigger the content comes
 *   latePart    box (the dialog shows "Loading…" first) | dialog (nothing shows until then)
 *   busy        none | disabled | aria-busy (read-only under aria-busy), for busyFor (<ms>ms)
 *   aria        full | missing (no roles on dialogs, editors, switches, tabs; icon buttons unnamed)
 *   chrome      none | nav+switches+help+icons+banner (any of them)
 *   decoys      prompt+file+search+nickname+occupation+composer+feedback (those on this page)
 *   prompt      textarea (read-only) | pre | div | textbox (role=textbox aria-readonly)
 *   placeholder none | placeholder | data-placeholder | aria-placeholder | node (Lexical's sibling div)
 *   form        yes (a <form>: its submit counts as a press) | no
 *   submit      gated (disabled while the models are empty) | open
 *   path        gemini: import | u/1/import
 *   fields      chatgpt: classic | new (the "traits" / "anything else" labels)
 *   order       chatgpt: user-first | model-first
 *   maxlength   chatgpt: yes (maxlength=1500 on the fields, a counter) | no
 */
const FEATURES = ['lang', 'editor', 'shadow', 'labels', 'wording', 'container', 'autoopen', 'opener',
  'openerTag', 'late', 'latePart', 'busy', 'busyFor', 'aria', 'chrome', 'decoys', 'prompt', 'placeholder',
  'form', 'submit', 'path', 'fields', 'order', 'maxlength'];

/** Features that are times ("500ms"; an override may give a number). */
const TIMES = ['autoopen', 'late', 'busyFor'];

/**
 * The variant for one seed. `overrides` fixes any feature (same key as in `features`).
 * @returns {{site: string, seed: number, kind: 'import', url: string, features: object,
 *   boxes: {label: string, categories?: string[], text: string, placeholder: string | null}[],
 *   decoys: {kind: string, label: string, value: string}[]}}
 */
export function importVariant(site, seed, overrides = {}) {
  if (!TEXT[site]) throw new Error(`drift: no import page for site ${site}`);
  const unknown = Object.keys(overrides).filter((key) => !FEATURES.includes(key));
  if (unknown.length) throw new Error(`drift: no import feature ${unknown.join(', ')}`);
  seed = Number(seed) >>> 0;
  const s = streams(site, seed);
  const features = {};
  // Each feature: drawn from its own stream, then replaced by the override if there is one.
  const set = (key, drawn) => {
    const given = overrides[key];
    if (given === undefined) features[key] = drawn;
    else features[key] = typeof given === 'number' && TIMES.includes(key) ? `${given}ms` : String(given);
    return features[key];
  };

  const lang = set('lang', s.lang.chance(0.3) ? 'fr' : 'en');
  const T = TEXT[site][lang];
  const editor = set('editor', weighted(s.editor, EDITORS));
  set('shadow', weighted(s.shadow, [['none', 15], ['field', 3], ['editor', 2]]));
  const labels = set('labels', weighted(s.labels, [['for', 3], ['wrap', 2], ['aria-label', 3],
    ['labelledby', 2], ['placeholder', 2], ['heading', 2]]));
  const wording = set('wording', weighted(s.wording, [['exact', 4], ['added', 2], ['dropped', 2], ['case', 2]]));
  set('container', weighted(s.container, CONTAINERS[site]));

  // Claude: the page may open its import dialog by itself (?open_memory_import=true).
  const autoMs = s.autoopen.int(0, 800);
  const auto = s.autoopen.chance(0.3);
  if (site === 'claude') set('autoopen', auto ? `${autoMs}ms` : 'none');

  // The opener: Claude always has one unless the page opens itself; the others sometimes.
  const o = s.opener;
  const openerWanted = site === 'claude' ? (features.autoopen === 'none' || o.chance(0.5)) : o.chance(0.35);
  const fromFile = o.chance(0.8);
  const openerText = fromFile
    ? reword(o.pick(T.openers), o.pick(['exact', 'exact', 'case']), lang, o)
    : o.pick(T.openerDrift);
  const opener = set('opener', openerWanted ? openerText : 'none');
  if (opener !== 'none') set('openerTag', weighted(s.openerTag, [['button', 8], ['div', 1], ['a', 1]]));

  const late = set('late', s.late.chance(0.4) ? '0ms' : `${s.late.int(100, 2000)}ms`);
  if (ms(late) > 0) set('latePart', s.latePart.pick(['box', 'dialog']));
  const busy = set('busy', weighted(s.busy, [['none', 6], ['disabled', 2], ['aria-busy', 2]]));
  const busyFor = `${s.busy.int(200, 1500)}ms`;
  if (busy !== 'none') set('busyFor', busyFor);
  set('aria', s.aria.chance(0.25) ? 'missing' : 'full');
  set('chrome', CHROME.filter(() => s.chrome.chance(0.5)).join('+') || 'none');

  const may = DECOYS[site].may.filter(() => s.decoys.chance(0.35));
  const decoyKinds = set('decoys', [...DECOYS[site].must, ...may].join('+')).split('+').filter(Boolean);
  if (decoyKinds.includes('prompt')) set('prompt', weighted(s.prompt, [['textarea', 4], ['pre', 3], ['div', 2], ['textbox', 1]]));

  const phShown = labels === 'placeholder' || s.placeholder.chance(site === 'gemini' ? 0.7 : 0.45);
  const phWay = s.placeholder.pick(PLACEHOLDER_WAYS[editor] || ['placeholder']);
  set('placeholder', phShown ? phWay : 'none');
  // Labelled by its placeholder alone, a box has one (whatever the overrides say).
  if (labels === 'placeholder' && features.placeholder === 'none') features.placeholder = phWay;
  set('form', s.form.chance(0.3) ? 'yes' : 'no');
  set('submit', s.submit.chance(site === 'chatgpt' ? 0.3 : 0.6) ? 'gated' : 'open');
  if (site === 'gemini') set('path', s.path.chance(0.3) ? 'u/1/import' : 'import');
  if (site === 'chatgpt') {
    set('fields', s.fields.chance(0.3) ? 'new' : 'classic');
    set('order', s.order.chance(0.75) ? 'user-first' : 'model-first');
    set('maxlength', s.maxlength.chance(0.6) ? 'yes' : 'no');
  }

  // The boxes' labels as this page shows them, and their placeholders.
  const t = s.texts;
  const boxes = BOXES[site].map((box, i) => {
    let base;
    if (site === 'chatgpt') base = (i === 0 ? T.modelLabels : T.userLabels)[features.fields === 'new' ? 1 : 0];
    else base = t.pick(labels === 'placeholder' ? T.placeholders : T.boxLabels);
    let placeholder = null;
    if (features.placeholder !== 'none') {
      if (labels === 'placeholder') placeholder = reword(base, wording, lang, t);
      else if (site === 'chatgpt') placeholder = i === 0 ? T.modelPlaceholder : T.userPlaceholder;
      else placeholder = site === 'gemini' ? T.placeholders.find((p) => p.endsWith('...')) : t.pick(T.placeholders);
    }
    const text = labels === 'placeholder' ? placeholder : reword(base, wording, lang, t);
    return { ...box, text, placeholder };
  });

  // Decoys and what they hold to begin with (some start empty).
  const v = s.values;
  const decoys = decoyKinds.map((kind) => {
    switch (kind) {
      case 'prompt': return { kind, label: T.promptLabel, value: T.prompt };
      case 'file': return { kind, label: T.fileLabel, value: '' };
      case 'search': return { kind, label: T.search, value: v.chance(0.4) ? T.searchValue : '' };
      case 'composer': return { kind, label: T.composer, value: v.chance(0.5) ? T.composerValue : '' };
      case 'feedback': return { kind, label: T.feedback, value: v.chance(0.5) ? T.feedbackValue : '' };
      case 'nickname': return { kind, label: T.nickname, value: v.chance(0.6) ? T.nicknameValue : '' };
      case 'occupation': return { kind, label: T.occupation, value: v.chance(0.6) ? T.occupationValue : '' };
      default: throw new Error(`drift: unknown decoy ${kind}`);
    }
  });

  const url = importUrl(site, `import:${seed}`, features);
  return { site, seed, kind: 'import', url, features, boxes, decoys };
}

/**
 * The import page's URL for a `drift` parameter ("import:<seed>", or "case:<name>" for a named
 * case) and the variant's features (Claude's autoopen, Gemini's path).
 */
export function importUrl(site, drift, features = {}) {
  const tag = `drift=${drift}`;
  if (site === 'claude') {
    const auto = features.autoopen && features.autoopen !== 'none' ? '&open_memory_import=true' : '';
    return `https://claude.ai/settings/capabilities?${tag}${auto}`;
  }
  if (site === 'chatgpt') return `https://chatgpt.com/?${tag}#settings/Personalization`;
  if (site === 'gemini') return `https://gemini.google.com/${features.path || 'import'}?${tag}`;
  throw new Error(`drift: no import page for site ${site}`);
}

// ------------------------------------------------------------------------------ rendering

/**
 * Builds the variant's page into `doc` and sets window.driftState (see the top of this file).
 * @returns {object} driftState
 */
export function renderImport(variant, doc = globalThis.document) {
  const ctx = context(variant, doc);
  doc.defaultView.driftState = ctx.state;
  doc.documentElement.lang = variant.features.lang;
  doc.title = ctx.T.title;
  RENDER[variant.site](ctx);
  ctx.state.ready = true;
  ctx.checkSettled();
  return ctx.state;
}

/** Everything the builders share: the variant, the DOM helper, the state, timers. */
function context(variant, doc) {
  const win = doc.defaultView;
  const f = variant.features;
  const r = streams(variant.site, variant.seed).render; // cosmetic choices (class names, tags, ids)
  const reactIds = r.chance(0.5);
  let nextId = 0;
  const ctx = {
    variant, doc, win, f, r,
    T: TEXT[variant.site][f.lang],
    aria: f.aria !== 'missing',
    chrome: new Set(String(f.chrome).split('+')),
    h: builder(doc),
    editors: [], // box index -> editor API while mounted
    decoyEls: [], // decoy index -> element while mounted
    onModel: new Set(), // callbacks run after any box's model changes
    pending: 0,
    hostTag: r.pick(['rich-textarea', 'memory-field', 'import-editor', 'text-field-x']),
    /** Classes like a build tool's: the stable one (for import.css) plus a generated one. */
    cls: (...names) => [...names, r.className()].join(' '),
    /** An element id, React useId()-style (":r3:") or plain. */
    id: (prefix = 'f') => (reactIds ? `:r${(nextId++).toString(36)}:` : `${prefix}-${r.className()}`),
    /** A timer for something the page does by itself; `settled` waits for all of them. */
    later(fn, delay) {
      ctx.pending += 1;
      ctx.state.settled = false;
      win.setTimeout(() => {
        ctx.pending -= 1;
        fn();
        ctx.checkSettled();
      }, delay);
    },
    checkSettled() {
      ctx.state.settled = ctx.state.ready && ctx.pending === 0;
    },
    setModel(i, text) {
      const box = ctx.state.boxes[i];
      if (box.model === text) return;
      box.model = text;
      box.changes += 1;
      for (const fn of ctx.onModel) fn();
    },
  };
  ctx.state = {
    kind: 'import',
    variant,
    boxes: variant.boxes.map((b) => ({ label: b.label, model: '', mounted: false, changes: 0 })),
    decoys: (variant.decoys || []).map((d, i) => ({
      kind: d.kind,
      label: d.label,
      initial: d.value,
      mounted: false,
      /** What the decoy holds now; its starting value while it is not on the page. */
      get value() {
        return ctx.decoyEls[i] ? readDecoy(ctx.decoyEls[i]) : d.value;
      },
    })),
    submitted: false,
    submits: 0,
    opens: 0,
    ready: false,
    settled: false,
    domValue: (i) => (ctx.editors[i] ? ctx.editors[i].read() : null),
    decoyValue: (i) => (ctx.decoyEls[i] ? readDecoy(ctx.decoyEls[i]) : null),
    // For the test, from the main world (memport's isolated world cannot see driftState).
    element: (i) => (ctx.editors[i] ? ctx.editors[i].target : null),
    decoyElement: (i) => ctx.decoyEls[i] || null,
  };
  return ctx;
}

/** Appends the children that are there (null, false and undefined are skipped) to `parent`. */
function put(parent, ...children) {
  for (const child of children.flat(Infinity)) {
    if (child == null || child === false) continue;
    parent.append(typeof child === 'string' ? parent.ownerDocument.createTextNode(child) : child);
  }
  return parent;
}

/** h(tag, {attr: value, class, on: {click}}, ...children): an element, without inline styles. */
function builder(doc) {
  return function h(tag, props, ...children) {
    const el = doc.createElement(tag);
    for (const [key, value] of Object.entries(props || {})) {
      if (value == null || value === false) continue;
      if (key === 'style') throw new Error('drift: no style attributes under the page\'s CSP');
      if (key === 'class') el.className = value;
      else if (key === 'on') for (const [type, fn] of Object.entries(value)) el.addEventListener(type, fn);
      else el.setAttribute(key, value === true ? '' : String(value));
    }
    return put(el, ...children);
  };
}

/** What a decoy holds: a field's value, an editable's text, or a block's text. */
function readDecoy(el) {
  if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA') return el.value;
  if (el.isContentEditable) return editableText(el);
  return el.textContent;
}

/** innerText of an editable, without the newline its trailing <br> adds. */
function editableText(el) {
  const text = el.innerText;
  let last = el.lastChild;
  while (last && last.lastChild) last = last.lastChild;
  return last && last.nodeName === 'BR' && text.endsWith('\n') ? text.slice(0, -1) : text;
}

// ------------------------------------------------------------------------------ page pieces

function button(ctx, text, onClick, extra = 'd-btn') {
  return ctx.h('button', { type: 'button', class: ctx.cls(extra), on: { click: onClick } }, text);
}

/** An icon-only button: named by aria-label when the page has its ARIA, else by nothing. */
function iconButton(ctx, label, glyph, onClick = () => {}) {
  return ctx.h('button', { type: 'button', class: ctx.cls('d-icon'), 'aria-label': ctx.aria ? label : null, title: ctx.aria ? null : label, on: { click: onClick } }, glyph);
}

/** A switch: role=switch with aria-checked, or (no ARIA) a bare clickable div. */
function toggle(ctx, text, on) {
  const { h } = ctx;
  const knob = h('span', { class: 'd-knob' });
  const el = ctx.aria
    ? h('button', { type: 'button', role: 'switch', 'aria-checked': String(on), class: ctx.cls('d-switch') }, knob)
    : h('div', { class: ctx.cls('d-switch'), tabindex: '0' }, knob);
  el.classList.toggle('d-on', on);
  el.addEventListener('click', () => {
    on = !on;
    el.classList.toggle('d-on', on);
    if (ctx.aria) el.setAttribute('aria-checked', String(on));
  });
  return h('div', { class: ctx.cls('d-row') }, h('span', { class: 'd-grow' }, text), el);
}

/** Side navigation (features.chrome has nav): links, the active one marked. */
function sideNav(ctx, items, active, ...extra) {
  const { h } = ctx;
  return h('nav', { class: ctx.cls('d-nav'), 'aria-label': ctx.aria ? 'Sidebar' : null },
    ...extra,
    h('ul', null, items.map((item) => h('li', null, h('a', {
      href: '#', class: item === active ? 'd-active' : null, 'aria-current': ctx.aria && item === active ? 'page' : null,
      on: { click: (e) => e.preventDefault() },
    }, item)))));
}

/** Top bar with icon buttons (chrome: icons) and whatever else is given. */
function topBar(ctx, title, ...extra) {
  const { h, T } = ctx;
  const icons = ctx.chrome.has('icons') ? T.icons.map((label, i) => iconButton(ctx, label, ['⇪', '⋯', '?'][i] || '•')) : [];
  return h('header', { class: ctx.cls('d-top') }, h('span', { class: 'd-brand' }, title), h('span', { class: 'd-grow' }), ...extra, ...icons);
}

function banner(ctx) {
  const { h, T } = ctx;
  if (!ctx.chrome.has('banner')) return null;
  const el = h('div', { class: ctx.cls('d-banner'), role: ctx.aria ? 'status' : null }, h('span', { class: 'd-grow' }, T.banner));
  el.append(button(ctx, T.dismiss, () => el.remove()));
  return el;
}

function helpText(ctx) {
  const { h, T } = ctx;
  if (!ctx.chrome.has('help')) return null;
  return h('p', { class: ctx.cls('d-help') }, T.help, ' ', h('a', { href: '#', on: { click: (e) => e.preventDefault() } }, T.learnMore));
}

/** The opener (features.opener): a button, a clickable div, or a link; calls `onOpen`. */
function opener(ctx, onOpen) {
  const { h, f } = ctx;
  const text = f.opener;
  let el;
  if (f.openerTag === 'div') {
    el = h('div', { class: ctx.cls('d-btn'), tabindex: '0', role: ctx.aria ? 'button' : null }, text);
    el.addEventListener('keydown', (e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); onOpen(); } });
  } else if (f.openerTag === 'a') {
    el = h('a', { href: '#', class: ctx.cls('d-btn'), role: ctx.aria ? 'button' : null }, text);
  } else {
    el = h('button', { type: 'button', class: ctx.cls('d-btn') }, text);
  }
  el.addEventListener('click', (e) => { e.preventDefault(); onOpen(); });
  return el;
}

/**
 * The submit button ("Add to memory", "Add memory", "Save"): memport must never press it. Any
 * press (or a submit of the form around it) is recorded in driftState.submitted. With
 * features.submit 'gated' it is disabled while every box's model is empty, as a React view
 * derived from the model would be.
 */
function submitButton(ctx, scope, form, status) {
  const { h, f, T, state } = ctx;
  const el = h('button', { type: form ? 'submit' : 'button', class: ctx.cls('d-btn', 'd-primary') }, T.submit);
  const record = () => {
    state.submitted = true;
    state.submits += 1;
    status.textContent = T.done;
  };
  if (form) form.addEventListener('submit', (e) => { e.preventDefault(); record(); });
  else el.addEventListener('click', record);
  if (f.submit === 'gated') {
    const gate = () => { el.disabled = state.boxes.every((b) => b.model.trim() === ''); };
    gate();
    ctx.onModel.add(gate);
    scope.push(() => ctx.onModel.delete(gate));
  }
  return el;
}

/** A custom element whose open shadow root holds `inner` (and the page's stylesheet). */
function shadowHost(ctx, inner) {
  const { win, doc, h } = ctx;
  if (win.customElements && !win.customElements.get(ctx.hostTag)) {
    win.customElements.define(ctx.hostTag, class extends win.HTMLElement {});
  }
  const host = doc.createElement(ctx.hostTag);
  host.className = ctx.cls('d-host');
  const root = host.attachShadow({ mode: 'open' });
  root.append(h('link', { rel: 'stylesheet', href: '/__drift/import.css' }), inner);
  return host;
}

// ------------------------------------------------------------------------------ decoys

/**
 * Decoy `kind` if this variant has it (else null): the element memport must leave alone,
 * registered for driftState.decoys while it is on the page (`scope` unregisters it).
 */
function decoy(ctx, kind, scope = null) {
  const i = (ctx.variant.decoys || []).findIndex((d) => d.kind === kind);
  if (i < 0) return null;
  const { h, f, T, aria } = ctx;
  const d = ctx.variant.decoys[i];
  let el;
  let node;
  const labelled = (control) => {
    control.id = ctx.id(kind);
    return h('div', { class: ctx.cls('d-field') }, h('label', { for: control.id, class: ctx.cls('d-label') }, d.label), control);
  };
  switch (kind) {
    case 'prompt': {
      if (f.prompt === 'textarea') {
        el = h('textarea', { readonly: true, rows: '5', class: ctx.cls('d-prompt'), 'aria-label': aria ? T.promptLabel : null });
        el.value = d.value;
      } else if (f.prompt === 'pre') {
        el = h('pre', { class: ctx.cls('d-prompt') }, h('code', null, d.value));
      } else if (f.prompt === 'textbox') {
        el = h('div', { role: 'textbox', 'aria-readonly': 'true', 'aria-multiline': 'true', tabindex: '0', 'aria-label': T.promptLabel, class: ctx.cls('d-prompt') }, d.value);
      } else {
        el = h('div', { class: ctx.cls('d-prompt') }, d.value);
      }
      const copy = button(ctx, T.copy, () => {
        const done = () => { copy.textContent = T.copied; };
        try {
          ctx.win.navigator.clipboard.writeText(d.value).then(done, done);
        } catch {
          done();
        }
      });
      node = h('div', { class: ctx.cls('d-prompt-wrap') }, el, h('div', { class: 'd-actions' }, copy));
      break;
    }
    case 'search':
      el = h('input', { type: 'search', placeholder: d.label, 'aria-label': aria ? d.label : null, class: ctx.cls('d-search') });
      el.value = d.value;
      node = el;
      break;
    case 'composer':
      el = h('div', {
        contenteditable: 'true', class: ctx.cls('d-composer-box'), role: aria ? 'textbox' : null,
        'aria-label': d.label, 'aria-multiline': aria ? 'true' : null,
        id: ctx.variant.site === 'chatgpt' ? 'prompt-textarea' : null,
      }, d.value);
      node = h('div', { class: ctx.cls('d-composer') }, el, iconButton(ctx, T.send, '↑'));
      break;
    case 'feedback':
      el = h('textarea', { rows: '3', class: ctx.cls('d-textarea') });
      el.value = d.value;
      node = labelled(el);
      break;
    case 'nickname':
    case 'occupation':
      el = h('input', { type: 'text', maxlength: '100', class: ctx.cls('d-input') });
      el.value = d.value;
      node = labelled(el);
      break;
    case 'file':
      el = h('input', { type: 'file', accept: '.zip,application/zip', class: ctx.cls('d-file') });
      node = h('div', { class: ctx.cls('d-row') }, labelled(el), h('button', { type: 'button', class: ctx.cls('d-btn'), disabled: true }, T.upload));
      break;
    default:
      throw new Error(`drift: unknown decoy ${kind}`);
  }
  ctx.decoyEls[i] = el;
  ctx.state.decoys[i].mounted = true;
  if (scope) scope.push(() => { ctx.decoyEls[i] = null; ctx.state.decoys[i].mounted = false; });
  return node;
}

// ------------------------------------------------------------------------------ editors

// Block elements when reading a contenteditable's DOM back into lines.
const BLOCKS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'UL', 'OL', 'PRE', 'BLOCKQUOTE', 'SECTION', 'ARTICLE']);

/**
 * The lines a rich editor reads from its DOM: each block a line (nested blocks their own
 * lines), loose inline content a line of its own, <br> a line break, and the trailing <br>
 * browsers leave in an empty or just-broken block not counted. Works on fragments too.
 */
function readLines(root) {
  const lines = [];
  let run = null; // inline content outside any block, collected into one line
  const flush = () => {
    if (run !== null) lines.push(run.endsWithBr ? run.text.slice(0, -1) : run.text);
    run = null;
  };
  for (const node of root.childNodes) {
    if (node.nodeType === 1 && BLOCKS.has(node.nodeName)) {
      flush();
      const inner = readLines(node);
      lines.push(...(inner.length ? inner : ['']));
    } else {
      run = run || { text: '', endsWithBr: false };
      inlineText(node, run);
    }
  }
  flush();
  return lines;
}

function inlineText(node, run) {
  if (node.nodeType === 3) {
    run.text += node.data;
    if (node.data) run.endsWithBr = false;
  } else if (node.nodeName === 'BR') {
    run.text += '\n';
    run.endsWithBr = true;
  } else if (node.nodeType === 1) {
    for (const child of node.childNodes) inlineText(child, run);
  }
}

/**
 * Makes box `i`'s editor (features.editor). Returns
 *   { el: what goes into the page, target: the editable element (it gets the label),
 *     read(): what the box shows, setEnabled(on), setReadOnly(on), setPlaceholder(text) }.
 * The editor reports its model through ctx.setModel(i, text), starting from ''.
 */
function makeEditor(ctx, i) {
  const kind = ctx.f.editor;
  const report = (text) => ctx.setModel(i, text);
  ctx.state.boxes[i].model = '';
  if (kind === 'textarea' || kind === 'input') return plainField(ctx, kind, report);
  if (kind === 'react') return reactTextarea(ctx, report);
  if (kind === 'contenteditable' || kind === 'plaintext') return plainEditable(ctx, kind, report);
  if (kind === 'prosemirror' || kind === 'quill' || kind === 'lexical') return richEditor(ctx, kind, report);
  throw new Error(`drift: unknown editor ${kind}`);
}

function limit(ctx, el) {
  if (ctx.variant.site === 'chatgpt' && ctx.f.maxlength === 'yes') el.maxLength = 1500;
}

/** A plain <textarea> / <input>: the model follows `input` and `change` events. */
function plainField(ctx, kind, report) {
  const el = kind === 'input'
    ? ctx.h('input', { type: 'text', class: ctx.cls('d-input'), autocomplete: 'off' })
    : ctx.h('textarea', { rows: '6', class: ctx.cls('d-textarea') });
  limit(ctx, el);
  const update = () => report(el.value);
  el.addEventListener('input', update);
  el.addEventListener('change', update);
  return {
    el, target: el,
    read: () => el.value,
    setEnabled: (on) => { el.disabled = !on; },
    setReadOnly: (on) => { el.readOnly = on; },
    setPlaceholder: (text) => { el.placeholder = text; },
  };
}

/**
 * A React-controlled <textarea>. Like React's inputValueTracking: an own `value` property
 * records every value set through the element (the tracker) and calls the native setter; the
 * root listener (on a wrapper, so the event must bubble) ignores an `input`/`change` whose
 * value equals the tracked one, so `el.value = x` + input event leaves the model stale, while
 * the prototype's setter + a bubbling input event (or real typing) updates it. A re-render
 * (here: when the box is enabled after being busy) writes the model back into the DOM.
 */
function reactTextarea(ctx, report) {
  const { h, win } = ctx;
  const el = h('textarea', { rows: '6', class: ctx.cls('d-textarea') });
  limit(ctx, el);
  const root = h('div', { class: ctx.cls('d-react-root') }, el);
  const native = Object.getOwnPropertyDescriptor(win.HTMLTextAreaElement.prototype, 'value');
  let tracked = '';
  let model = '';
  Object.defineProperty(el, 'value', {
    configurable: true,
    get() { return native.get.call(this); },
    set(v) { tracked = String(v); native.set.call(this, v); },
  });
  const onChange = (event) => {
    if (event.target !== el) return;
    const value = native.get.call(el);
    if (value === tracked) return; // React sees no change: onChange never runs
    tracked = value;
    model = value; // setText(e.target.value)
    report(model);
  };
  root.addEventListener('input', onChange);
  root.addEventListener('change', onChange);
  /** A re-render: React sets the DOM value from the model when they differ. */
  const rerender = () => { if (el.value !== model) el.value = model; };
  return {
    el: root, target: el,
    read: () => native.get.call(el),
    setEnabled: (on) => { el.disabled = !on; rerender(); },
    setReadOnly: (on) => { el.readOnly = on; rerender(); },
    setPlaceholder: (text) => { el.placeholder = text; },
  };
}

/** aria-disabled="true" while a contenteditable is disabled, nothing otherwise. */
function ariaDisabled(el, on) {
  if (on) el.setAttribute('aria-disabled', 'true');
  else el.removeAttribute('aria-disabled');
}

/** How a contenteditable shows a placeholder (features.placeholder). */
function editablePlaceholder(ctx, el, text) {
  if (ctx.f.placeholder === 'aria-placeholder') el.setAttribute('aria-placeholder', text);
  else el.setAttribute('data-placeholder', text);
}

/** div contenteditable=true / plaintext-only: the model is its innerText on `input` events. */
function plainEditable(ctx, kind, report) {
  const { h, aria } = ctx;
  const el = h('div', {
    contenteditable: kind === 'plaintext' ? 'plaintext-only' : 'true', class: ctx.cls('d-editable', 'd-empty'),
    role: aria ? 'textbox' : null, 'aria-multiline': aria ? 'true' : null, spellcheck: 'true',
  });
  el.addEventListener('input', () => {
    const text = editableText(el);
    el.classList.toggle('d-empty', text === '');
    report(text);
  });
  const mode = el.getAttribute('contenteditable');
  return {
    el, target: el,
    read: () => editableText(el),
    setEnabled: (on) => { el.setAttribute('contenteditable', on ? mode : 'false'); ariaDisabled(el, !on); },
    setReadOnly: (on) => { el.setAttribute('contenteditable', on ? 'false' : mode); if (aria) el.setAttribute('aria-readonly', String(on)); },
    setPlaceholder: (text) => editablePlaceholder(ctx, el, text),
  };
}

/**
 * ProseMirror, Quill and Lexical, each reduced to what matters here: a model of lines kept
 * apart from the DOM, the DOM rendered from it (one <p> per line), and the events each real
 * editor takes its input from (see the top of the file).
 */
function richEditor(ctx, kind, report) {
  const { h, doc, win, aria } = ctx;
  let root;
  let el;
  let placeholderNode = null;
  let placeholderText = null;
  if (kind === 'prosemirror') {
    root = h('div', {
      contenteditable: 'true', class: 'ProseMirror', translate: 'no', role: aria ? 'textbox' : null,
      'aria-multiline': aria ? 'true' : null,
    });
    el = h('div', { class: ctx.cls('d-rich') }, root);
  } else if (kind === 'quill') {
    root = h('div', { contenteditable: 'true', class: 'ql-editor ql-blank', 'data-gramm': 'false', role: aria ? 'textbox' : null });
    el = h('div', { class: ctx.cls('ql-container', 'ql-snow', 'd-rich') }, root);
    // Quill 1 kept a hidden contenteditable for pastes next to the editor.
    if (ctx.r.chance(0.5)) el.append(h('div', { class: 'ql-clipboard', contenteditable: 'true', tabindex: '-1' }));
  } else {
    root = h('div', {
      contenteditable: 'true', 'data-lexical-editor': 'true', class: ctx.cls('d-lexical'), spellcheck: 'true',
      role: aria ? 'textbox' : null, 'aria-multiline': aria ? 'true' : null,
    });
    el = h('div', { class: ctx.cls('d-rich', 'd-lexical-shell') }, root);
  }

  let model = '';
  const lines = (text) => text.split('\n');

  /** The DOM for a model: what the editor's renderer makes of it. */
  const build = (text) => lines(text).map((line, n) => {
    if (kind === 'lexical') {
      return line
        ? h('p', { class: 'd-lex-p', dir: 'ltr' }, h('span', { 'data-lexical-text': 'true' }, line))
        : h('p', { class: 'd-lex-p' }, h('br'));
    }
    const p = h('p', null, line || h('br', { class: kind === 'prosemirror' ? 'ProseMirror-trailingBreak' : null }));
    if (kind === 'prosemirror' && text === '' && n === 0 && placeholderText && ctx.f.placeholder === 'data-placeholder') {
      p.className = 'is-empty is-editor-empty';
      p.setAttribute('data-placeholder', placeholderText);
    }
    return p;
  });
  const canonical = (text) => {
    const scratch = doc.createElement('div');
    scratch.append(...build(text));
    return scratch.innerHTML;
  };

  // Selection <-> offsets in the model text ("line\nline").
  const selection = () => {
    const rootNode = root.getRootNode();
    return rootNode.getSelection ? rootNode.getSelection() : doc.getSelection();
  };
  const offsetOf = (node, offset) => {
    const range = doc.createRange();
    range.setStart(root, 0);
    range.setEnd(node, offset);
    return readLines(range.cloneContents()).join('\n').length;
  };
  const selectedRange = () => {
    const sel = selection();
    if (!sel || sel.rangeCount === 0) return null;
    const range = sel.getRangeAt(0);
    if (!root.contains(range.startContainer) || !root.contains(range.endContainer)) return null;
    return [offsetOf(range.startContainer, range.startOffset), offsetOf(range.endContainer, range.endOffset)];
  };
  const focused = () => root.getRootNode().activeElement === root;
  const placeCaret = (offset) => {
    if (!focused()) return;
    const sel = selection();
    let rest = offset;
    const paragraphs = [...root.children];
    for (let n = 0; n < paragraphs.length; n += 1) {
      const p = paragraphs[n];
      const len = p.textContent.length;
      if (rest > len && n < paragraphs.length - 1) {
        rest -= len + 1;
        continue;
      }
      const walker = doc.createTreeWalker(p, 4 /* NodeFilter.SHOW_TEXT */);
      let textNode = walker.nextNode();
      if (!textNode) return sel.collapse(p, 0);
      while (rest > textNode.data.length) {
        const next = walker.nextNode();
        if (!next) break;
        rest -= textNode.data.length;
        textNode = next;
      }
      return sel.collapse(textNode, Math.min(rest, textNode.data.length));
    }
    return undefined;
  };

  const observer = new win.MutationObserver(() => onMutations());
  const showEmpty = () => {
    const empty = model === '';
    if (kind === 'quill') root.classList.toggle('ql-blank', empty);
    root.classList.toggle('d-empty', empty);
    if (placeholderNode) placeholderNode.hidden = !empty;
  };
  /** Render the model into the DOM (the editor's own mutations are not news to it). */
  const render = () => {
    root.replaceChildren(...build(model));
    observer.takeRecords();
    showEmpty();
  };
  const setModel = (text) => {
    if (text !== model) {
      model = text;
      report(model);
    }
    showEmpty();
  };
  /** Read the DOM into the model, then bring the DOM back to the editor's own shape. */
  const sync = () => {
    const caret = selectedRange();
    observer.takeRecords();
    setModel(readLines(root).join('\n'));
    if (root.innerHTML !== canonical(model)) {
      render();
      if (caret) placeCaret(caret[1]);
    }
  };
  /** Replace [from, to) of the model with `text`, as the editor's own commands do. */
  const replace = (from, to, text) => {
    setModel(model.slice(0, from) + text + model.slice(to));
    render();
    placeCaret(from + text.length);
  };
  const onMutations = () => {
    if (kind === 'lexical') {
      // Lexical: DOM changes that did not come with an input event are undone.
      if (root.innerHTML !== canonical(model)) {
        const caret = selectedRange();
        render();
        if (caret) placeCaret(caret[1]);
      }
      return;
    }
    sync(); // ProseMirror's and Quill's DOM observers read changes back into the model
  };

  root.addEventListener('input', sync);
  root.addEventListener('paste', (event) => {
    // All three handle pastes themselves, so a synthetic paste with text/plain works.
    const text = event.clipboardData ? event.clipboardData.getData('text/plain') : '';
    event.preventDefault();
    if (!text) return;
    const [from, to] = selectedRange() || [model.length, model.length];
    replace(from, to, text.replace(/\r\n?/g, '\n'));
  });
  root.addEventListener('beforeinput', (event) => {
    const type = event.inputType;
    const range = selectedRange() || [model.length, model.length];
    if (kind === 'quill') {
      // Quill 2 replaces a selection itself when text is typed over it.
      if ((type === 'insertText' || type === 'insertReplacementText') && range[0] !== range[1] && typeof event.data === 'string') {
        event.preventDefault();
        replace(range[0], range[1], event.data);
      }
      return;
    }
    if (kind !== 'lexical') return;
    // Lexical lets the browser insert plain text (read back on `input`) and does the rest itself.
    if (type === 'insertText' || type === 'insertCompositionText') return;
    event.preventDefault();
    let [from, to] = range;
    if (type === 'insertParagraph' || type === 'insertLineBreak') replace(from, to, '\n');
    else if (type.startsWith('insertFrom') || type === 'insertReplacementText') {
      const data = event.dataTransfer ? event.dataTransfer.getData('text/plain') : (event.data || '');
      replace(from, to, data);
    } else if (type.startsWith('delete')) {
      if (from === to) {
        if (type.includes('Backward')) from = Math.max(0, from - 1);
        else to = Math.min(model.length, to + 1);
      }
      replace(from, to, '');
    }
    // Formatting and history commands: nothing in this plain-text model.
  });
  render();
  observer.observe(root, { childList: true, characterData: true, subtree: true });

  const editable = (on) => {
    root.setAttribute('contenteditable', on ? 'true' : 'false');
  };
  return {
    el, target: root,
    read: () => readLines(root).join('\n'),
    setEnabled: (on) => { editable(on); ariaDisabled(root, !on); },
    setReadOnly: (on) => { editable(!on); if (aria) root.setAttribute('aria-readonly', String(on)); },
    setPlaceholder: (text) => {
      placeholderText = text;
      if (kind === 'lexical' && ctx.f.placeholder === 'node') {
        // Lexical's placeholder is a sibling element drawn over the empty editor.
        placeholderNode = h('div', { class: ctx.cls('d-lex-placeholder') }, text);
        el.append(placeholderNode);
      } else if (kind === 'prosemirror' && ctx.f.placeholder === 'data-placeholder') {
        render(); // tiptap's placeholder: data-placeholder on the empty first paragraph
      } else {
        editablePlaceholder(ctx, root, text);
      }
      showEmpty();
    },
  };
}

// ------------------------------------------------------------------------------ fields

/**
 * Box `i` with its label (features.labels) and its editor, registered in the state while on the
 * page (`scope` unregisters it when its dialog closes).
 */
function field(ctx, i, scope) {
  const { h, f, variant, state } = ctx;
  const box = variant.boxes[i];
  const ed = makeEditor(ctx, i);
  ctx.editors[i] = ed;
  state.boxes[i].mounted = true;
  scope.push(() => { ctx.editors[i] = null; state.boxes[i].mounted = false; });

  // features.shadow 'editor': only the editor goes into the shadow root, so a <label for> or
  // aria-labelledby outside it no longer reaches it.
  const editorNode = f.shadow === 'editor' ? shadowHost(ctx, ed.el) : ed.el;
  const labelClass = ctx.cls('d-label');
  const parts = [];
  switch (f.labels) {
    case 'for': {
      ed.target.id = ctx.id('box');
      parts.push(h('label', { for: ed.target.id, class: labelClass }, box.text), editorNode);
      break;
    }
    case 'wrap':
      parts.push(h('label', { class: ctx.cls('d-label', 'd-wrap') }, h('span', null, box.text), editorNode));
      break;
    case 'aria-label':
      ed.target.setAttribute('aria-label', box.text);
      parts.push(editorNode);
      break;
    case 'labelledby': {
      const label = h(ctx.r.pick(['h3', 'span', 'div']), { id: ctx.id('label'), class: labelClass }, box.text);
      ed.target.setAttribute('aria-labelledby', label.id);
      parts.push(label, editorNode);
      break;
    }
    case 'heading':
      parts.push(h(ctx.r.pick(['h3', 'p', 'div']), { class: labelClass }, box.text), editorNode);
      break;
    default: // 'placeholder': the placeholder is all there is
      parts.push(editorNode);
  }
  if (box.placeholder) ed.setPlaceholder(box.placeholder);
  if (variant.site === 'chatgpt' && f.maxlength === 'yes') {
    const counter = h('div', { class: ctx.cls('d-counter'), 'aria-live': ctx.aria ? 'polite' : null });
    const count = () => { counter.textContent = `${state.boxes[i].model.length}/1500`; };
    count();
    ctx.onModel.add(count);
    scope.push(() => ctx.onModel.delete(count));
    parts.push(counter);
  }
  const node = h('div', { class: ctx.cls('d-field') }, ...parts);
  return f.shadow === 'field' ? shadowHost(ctx, node) : node;
}

// ------------------------------------------------------------------------------ containers

/**
 * Where the boxes live (features.container): inline on the page ('page'), or a dialog appended
 * to <body>: div role=dialog, native <dialog> opened with showModal(), a div with aria-modal
 * only, or a plain absolutely placed div ('popover'). `closable` adds a close button.
 */
function makeContainer(ctx, kind, title, onClose, closable = true) {
  const { h, doc, aria, T } = ctx;
  const heading = title ? h('h2', { id: ctx.id('title'), class: ctx.cls('d-title') }, title) : null;
  const header = h('div', { class: ctx.cls('d-header') }, heading,
    closable ? iconButton(ctx, T.close, '×', onClose) : null);
  const body = h('div', { class: ctx.cls('d-body') });
  let root;
  let backdrop = null;
  if (kind === 'page') {
    root = h('section', { class: ctx.cls('d-panel'), 'aria-labelledby': aria && heading ? heading.id : null }, header, body);
  } else if (kind === 'dialog') {
    root = h('dialog', { class: ctx.cls('d-modal', 'd-native'), 'aria-labelledby': aria && heading ? heading.id : null }, header, body);
    root.addEventListener('cancel', (e) => { e.preventDefault(); onClose(); });
  } else {
    if (kind !== 'popover') backdrop = h('div', { class: 'd-backdrop', on: { click: onClose } });
    root = h('div', {
      class: ctx.cls(kind === 'popover' ? 'd-popover' : 'd-modal'),
      role: kind === 'role-dialog' ? 'dialog' : null,
      'aria-modal': kind === 'aria-modal' || (kind === 'role-dialog' && aria) ? 'true' : null,
      'aria-labelledby': aria && heading && kind !== 'popover' ? heading.id : null,
      tabindex: '-1',
    }, header, body);
  }
  const onKey = (e) => { if (e.key === 'Escape') onClose(); };
  return {
    root, body, header,
    show(parent) {
      if (kind === 'page') return parent.append(root);
      if (backdrop) doc.body.append(backdrop);
      doc.body.append(root);
      if (kind === 'dialog') root.showModal();
      else doc.addEventListener('keydown', onKey);
      const close = header.querySelector('button');
      if (close && ctx.r.chance(0.6)) close.focus();
      return undefined;
    },
    remove() {
      if (kind === 'dialog' && root.open) root.close();
      root.remove();
      if (backdrop) backdrop.remove();
      doc.removeEventListener('keydown', onKey);
    },
  };
}

/**
 * The part of the page that holds the boxes. `open()` (from an opener, from the page itself, or
 * from ?open_memory_import) shows it in a container of `kind`, after features.late (the
 * container itself, or only its content, comes late), then keeps its boxes disabled or busy for
 * features.busyFor. `fill(body, scope)` builds the content; `scope` collects what to undo on close.
 */
function surface(ctx, { kind, host, title, fill, closable = true }) {
  const { h, f, T, state } = ctx;
  const late = ms(f.late);
  let shell = null;
  let opening = false;
  let scope = [];
  const api = {
    get isOpen() { return shell !== null; },
    open() {
      if (shell || opening) return;
      opening = true;
      const mount = () => {
        opening = false;
        state.opens += 1;
        const mine = makeContainer(ctx, kind, title, api.close, closable);
        shell = mine;
        mine.show(host);
        const build = () => {
          if (shell !== mine) return; // closed meanwhile
          const before = ctx.editors.slice();
          fill(mine.body, scope);
          const mounted = ctx.editors.filter((e, i) => e && e !== before[i]);
          busy(mine, mounted);
        };
        if (late > 0 && f.latePart === 'box') {
          const loader = h('div', { class: ctx.cls('d-loading'), role: ctx.aria ? 'status' : null, 'aria-busy': 'true' }, T.loading);
          mine.body.append(loader);
          ctx.later(() => { loader.remove(); build(); }, late);
        } else {
          build();
        }
      };
      if (late > 0 && f.latePart === 'dialog') ctx.later(mount, late);
      else mount();
    },
    close() {
      if (!shell) return;
      shell.remove();
      shell = null;
      for (const undo of scope) undo();
      scope = [];
    },
  };
  /** features.busy: boxes disabled, or read-only under aria-busy, for a while after they show. */
  function busy(mine, editors) {
    if (f.busy === 'none' || !editors.length) return;
    const set = (on) => {
      for (const ed of editors) {
        if (f.busy === 'disabled') ed.setEnabled(!on);
        else ed.setReadOnly(on);
      }
      if (f.busy === 'aria-busy' && on) mine.root.setAttribute('aria-busy', 'true');
      else mine.root.removeAttribute('aria-busy');
    };
    set(true);
    ctx.later(() => { if (shell === mine) set(false); }, ms(f.busyFor));
  }
  return api;
}

/** A <form> around the submit part when features.form says so (its submit is recorded too). */
function maybeForm(ctx, ...children) {
  return ctx.f.form === 'yes'
    ? ctx.h('form', { class: ctx.cls('d-form'), action: '#', novalidate: true }, ...children)
    : ctx.h('div', { class: ctx.cls('d-form') }, ...children);
}

// ------------------------------------------------------------------------------ sites

const RENDER = { claude: renderClaude, gemini: renderGemini, chatgpt: renderChatgpt };

/**
 * Claude: Settings > Capabilities, section Memory; "Start import" (or the page itself, with
 * ?open_memory_import=true) opens the import dialog: the prompt with its Copy button, the box,
 * "Add to memory".
 */
function renderClaude(ctx) {
  const { h, f, T, doc, win } = ctx;
  const host = h('div', { class: 'd-slot' });
  const imp = surface(ctx, {
    kind: f.container, host, title: T.dialogTitle,
    fill(body, scope) {
      const status = h('p', { class: ctx.cls('d-status'), role: ctx.aria ? 'status' : null });
      const form = maybeForm(ctx, field(ctx, 0, scope));
      const submit = submitButton(ctx, scope, form.tagName === 'FORM' ? form : null, status);
      put(form, h('p', { class: ctx.cls('d-note') }, T.note), status,
        h('div', { class: ctx.cls('d-footer') }, button(ctx, T.cancel, () => imp.close()), submit));
      put(body, h('p', { class: ctx.cls('d-caption') }, T.step), decoy(ctx, 'prompt', scope), form);
    },
  });

  const search = decoy(ctx, 'search');
  const app = h('div', { class: ctx.cls('d-app') });
  if (ctx.chrome.has('nav')) put(app, sideNav(ctx, T.nav, T.active, search));
  const main = h('main', { class: ctx.cls('d-main') });
  put(app, main);
  put(main, topBar(ctx, T.settings, ctx.chrome.has('nav') ? null : search), banner(ctx));

  const nickname = decoy(ctx, 'nickname');
  if (nickname) put(main, h('section', { class: ctx.cls('d-section') }, h('h2', null, T.profile), nickname));

  const buttons = h('div', { class: ctx.cls('d-row', 'd-buttons') }, button(ctx, T.view, () => {}));
  if (f.opener !== 'none') put(buttons, opener(ctx, () => imp.open()));
  put(buttons, button(ctx, T.manage, () => {}));
  put(main, h('section', { class: ctx.cls('d-section') },
    h('h2', null, T.memory),
    h('p', { class: ctx.cls('d-caption') }, T.memoryDesc),
    ctx.chrome.has('switches') ? T.switches.map((s, i) => toggle(ctx, s, i === 0)) : null,
    buttons,
    helpText(ctx),
    host));

  const composer = decoy(ctx, 'composer');
  if (composer) put(main, h('section', { class: ctx.cls('d-section') }, composer));
  const feedback = decoy(ctx, 'feedback');
  if (feedback) put(main, h('section', { class: ctx.cls('d-section', 'd-low') }, feedback));
  put(doc.body, app);

  // ?open_memory_import=true: the page opens the dialog by itself.
  const asked = new URLSearchParams(win.location.search).get('open_memory_import') === 'true';
  if (f.autoopen !== 'none') ctx.later(() => imp.open(), ms(f.autoopen));
  else if (asked) ctx.later(() => imp.open(), 300);
}

/**
 * Gemini: the import page. Step 1, the prompt (a decoy) and "Copy prompt"; step 2, the box and
 * "Add memory" (sometimes behind a step button, sometimes in a dialog); then "Import chats" with
 * a file input (a decoy).
 */
function renderGemini(ctx) {
  const { h, f, T, doc } = ctx;
  const step2 = h('section', { class: ctx.cls('d-section', 'd-step') }, h('h2', null, `2. ${T.step2}`));
  const host = h('div', { class: 'd-slot' });
  const imp = surface(ctx, {
    kind: f.container, host, title: f.container === 'page' ? null : T.step2, closable: f.opener !== 'none' || f.container !== 'page',
    fill(body, scope) {
      const status = h('p', { class: ctx.cls('d-status'), role: ctx.aria ? 'status' : null });
      const form = maybeForm(ctx, field(ctx, 0, scope));
      put(form, status, h('div', { class: ctx.cls('d-footer') }, submitButton(ctx, scope, form.tagName === 'FORM' ? form : null, status)));
      put(body, form);
    },
  });
  if (f.opener !== 'none') put(step2, h('div', { class: ctx.cls('d-row') }, opener(ctx, () => imp.open())));
  put(step2, host);

  const search = decoy(ctx, 'search');
  const app = h('div', { class: ctx.cls('d-app') });
  if (ctx.chrome.has('nav')) put(app, sideNav(ctx, T.nav, T.active, search));
  const main = h('main', { class: ctx.cls('d-main') });
  put(app, main);
  put(main, topBar(ctx, 'Gemini', ctx.chrome.has('nav') ? null : search), banner(ctx),
    h('h1', null, T.heading),
    h('p', { class: ctx.cls('d-caption') }, T.intro),
    helpText(ctx),
    h('section', { class: ctx.cls('d-section', 'd-step') }, h('h2', null, `1. ${T.step1}`), decoy(ctx, 'prompt')),
    step2,
    h('section', { class: ctx.cls('d-section') }, h('h2', null, T.chats), h('p', { class: ctx.cls('d-caption') }, T.chatsDesc), decoy(ctx, 'file')));
  const feedback = decoy(ctx, 'feedback');
  if (feedback) put(main, h('section', { class: ctx.cls('d-section', 'd-low') }, feedback));
  const composer = decoy(ctx, 'composer');
  if (composer) put(main, h('div', { class: ctx.cls('d-dock') }, composer));
  put(doc.body, app);

  if (f.opener === 'none') imp.open();
}

/**
 * ChatGPT: the chat page with Settings > Personalization: custom instructions (the two boxes),
 * nickname and occupation (decoys), "Save". Without an opener the fields are in the settings
 * view itself (a dialog of features.container, or the page); with one ("Customize ChatGPT"),
 * the settings dialog shows the button and the fields open in their own container.
 */
function renderChatgpt(ctx) {
  const { h, f, T, doc } = ctx;
  const order = f.order === 'model-first' ? [0, 1] : [1, 0];

  const tabs = () => h('div', { class: ctx.cls('d-tabs'), role: ctx.aria ? 'tablist' : null },
    T.tabs.map((tab) => h('button', {
      type: 'button', class: ctx.cls('d-tab', tab === T.active ? 'd-active' : 'd-idle'),
      role: ctx.aria ? 'tab' : null, 'aria-selected': ctx.aria ? String(tab === T.active) : null,
      'data-testid': `${tab.toLowerCase().replace(/\s+/g, '-')}-tab`,
    }, tab)));
  const memorySection = () => h('section', { class: ctx.cls('d-section') }, h('h3', null, T.memory),
    ctx.chrome.has('switches') ? toggle(ctx, T.memoryRef, true) : null,
    h('div', { class: ctx.cls('d-row') }, button(ctx, T.manage, () => {})), helpText(ctx));
  const fields = (body, scope, imp) => {
    const status = h('p', { class: ctx.cls('d-status'), role: ctx.aria ? 'status' : null });
    const form = maybeForm(ctx,
      ctx.chrome.has('switches') ? toggle(ctx, T.enable, true) : h('p', { class: ctx.cls('d-caption') }, T.enableDesc),
      decoy(ctx, 'nickname', scope), decoy(ctx, 'occupation', scope),
      order.map((i) => field(ctx, i, scope)));
    put(form, status, h('div', { class: ctx.cls('d-footer') },
      button(ctx, T.cancel, () => imp.close()), submitButton(ctx, scope, form.tagName === 'FORM' ? form : null, status)));
    put(body, form);
  };

  // The chat page behind the settings.
  const search = decoy(ctx, 'search');
  const app = h('div', { class: ctx.cls('d-app') });
  if (ctx.chrome.has('nav')) put(app, sideNav(ctx, T.sidebar, null, search));
  const main = h('main', { class: ctx.cls('d-main') });
  put(app, main);
  put(main, topBar(ctx, 'ChatGPT', ctx.chrome.has('nav') ? null : search), banner(ctx));
  const settingsHost = h('div', { class: 'd-slot' });
  put(main, settingsHost, h('h1', { class: 'd-center' }, T.home));
  const composer = decoy(ctx, 'composer');
  if (composer) put(main, h('div', { class: ctx.cls('d-dock') }, composer));
  const feedback = decoy(ctx, 'feedback');
  if (feedback) put(main, h('section', { class: ctx.cls('d-section', 'd-low') }, feedback));
  put(doc.body, app);

  if (f.opener === 'none') {
    // The settings view holds the fields: a dialog of features.container, or inline on the page.
    const imp = surface(ctx, {
      kind: f.container, host: settingsHost, title: T.settings,
      fill(body, scope) {
        put(body, tabs(), memorySection(), h('h3', null, T.customTitle));
        fields(body, scope, imp);
      },
    });
    imp.open();
  } else {
    // The settings view (a dialog, or the page when the container is the page) shows the opener;
    // the fields come in their own container.
    const panelHost = h('div', { class: 'd-slot' });
    const imp = surface(ctx, {
      kind: f.container, host: panelHost, title: T.customTitle,
      fill: (body, scope) => fields(body, scope, imp),
    });
    const settingsKind = f.container === 'page' ? 'page' : 'role-dialog';
    const settings = makeContainer(ctx, settingsKind, T.settings, () => { imp.close(); settings.remove(); });
    put(settings.body, tabs(), memorySection(),
      h('section', { class: ctx.cls('d-section') }, h('h3', null, T.customTitle),
        h('div', { class: ctx.cls('d-row') }, opener(ctx, () => imp.open())), panelHost));
    settings.show(settingsHost);
  }
}
