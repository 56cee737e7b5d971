// Drift simulator, memory pages: each site's memory page rendered from a known truth in many
// seeded variants of plausible redesigns (see README.md in this folder for the contract).
//
//   memoryVariant(site, seed, overrides?) -> { site, seed, kind: 'memory', url, features,
//                                              params, layout, truth }
//   renderMemory(variant, document)       -> builds the page; window.driftState tells its state
//
// The module runs in Node (the test imports it for the truth) and in the browser (page.mjs
// renders with it), so it uses nothing but ./rand.mjs and, in renderMemory, the document it
// is given. Every choice comes from rng(seed): the same seed gives the same variant, truth and
// DOM. The page runs under a strict CSP: the DOM is built with createElement/textContent, and
// styles are set through element.style (memory.css holds what cannot be: keyframes, ::backdrop).
//
// What a variant holds besides the README's fields:
//   params: numbers that overrides may fix like features: lines (memory lines), edits (Claude),
//           fields (ChatGPT, how many are filled), delayMs (late: the wait; chunks: until the
//           first chunk), chunks (how many), chunkGapMs (between chunks), bootMs (until the
//           app renders at all);
//   layout: Claude's sections, in page order: [{ heading (English), level (1|2), count }],
//           the memory lines filling them in order.
// FEATURE_VALUES below lists every feature and its values.
//
// window.driftState (see renderMemory): { kind: 'memory', variant, rendered, regions, deleted,
// bootedAt, renderedAt }, where
//   rendered   everything that arrives without anybody clicking is on the page: the page
//              itself (ChatGPT: with its Settings dialog) and an inline memory with all of
//              its late or chunked content;
//   regions    { memory, edits? (Claude, when "Manage edits" exists) }, each
//              { open, complete, opens, closes, inline? }: open while shown, complete once its
//              content has fully arrived (after a press of its opener, unless inline);
//   deleted    lines whose delete button was pressed, '(all)' for ChatGPT's "Delete all" (the
//              page removes deleted lines: a reader that clicks Delete shows up here);
//   bootedAt, renderedAt   performance.now() when the app rendered and when `rendered` was set.
//
// How the regions behave (what a reader of these pages must know):
//   - a region behind an opener has none of its content before the press; each press of the
//     opener while closed makes it anew (loading again as the variant says);
//   - closing: its close button ("Close"/"Fermer" text, an icon button named so, or "Done"/
//     "Terminé"; some have none), Escape (the topmost open region), or a click outside it
//     (its backdrop, or anywhere outside a drawer). A closed region is removed, or hidden with
//     its content kept (features.onClose 'hide'; native dialogs and popovers are only closed);
//     a 'revealed' drawer is an empty hidden element in the page until opened;
//   - ChatGPT's Settings dialog is page chrome: Escape does not close it; its own icon button
//     "Close" does (and drops the URL fragment; the fragment coming back reopens it);
//   - Delete buttons delete; Edit, Add, Start import, Save and the search boxes do nothing.

import { rng } from './rand.mjs';

export const SITES = ['claude', 'chatgpt', 'gemini'];

// ---------------------------------------------------------------------------------------------
// Vocabulary. The labels, headings, interface lines, loading and empty-state texts come from
// crate/sites/*.toml; the rest of the page chrome (navigation, other settings) is made up to
// look like the real pages, and is text that is NOT memory.
// ---------------------------------------------------------------------------------------------

/** Claude's memory headings (crate/sites/claude.toml [[capture.headings]]), English -> French. */
const CLAUDE_HEADINGS = {
  'Work context': 'Contexte professionnel',
  'Personal context': 'Contexte personnel',
  'Top of mind': 'En ce moment',
  'Brief history': 'Bref historique',
  'Recent months': 'Mois récents',
  'Earlier context': 'Contexte antérieur',
  'Long-term background': 'Parcours à long terme',
  // English-only headings of the "Response instructions" category.
  Preferences: 'Preferences',
  Instructions: 'Instructions',
};

/** ChatGPT's custom-instruction fields: the English label (the truth's), the labels shown. */
const CHATGPT_FIELDS = {
  about_user: {
    label: 'What would you like ChatGPT to know about you to provide better responses?',
    en: 'What would you like ChatGPT to know about you to provide better responses?',
    fr: 'Que souhaitez-vous que ChatGPT sache sur vous pour vous fournir de meilleures réponses ?',
    // The newer form shows the same field under another label.
    enNew: 'Anything else ChatGPT should know about you?',
    frNew: 'Autre chose que ChatGPT devrait savoir à votre sujet ?',
    tag: 'textarea',
  },
  about_model: {
    label: 'How would you like ChatGPT to respond?',
    en: 'How would you like ChatGPT to respond?',
    fr: 'Comment souhaitez-vous que ChatGPT réponde ?',
    tag: 'textarea',
  },
  nickname: {
    label: 'What should ChatGPT call you?',
    en: 'What should ChatGPT call you?',
    fr: 'Comment ChatGPT doit-il vous appeler ?',
    tag: 'input',
  },
  occupation: {
    label: 'What do you do?',
    en: 'What do you do?',
    fr: 'Que faites-vous dans la vie ?',
    tag: 'input',
  },
  traits: {
    label: 'What traits should ChatGPT have?',
    en: 'What traits should ChatGPT have?',
    fr: 'Quels traits de caractère ChatGPT doit-il avoir ?',
    tag: 'textarea',
  },
};

/** Which fields each form of ChatGPT's custom instructions shows, in page order. */
const CHATGPT_FORMS = {
  classic: ['about_user', 'about_model'],
  new: ['nickname', 'occupation', 'traits', 'about_user'],
  all: ['nickname', 'occupation', 'traits', 'about_user', 'about_model'],
};

/**
 * Opener labels and their rewordings: exact, with words added, a small word dropped, case
 * changed. A kind with no rewording of its own falls back to the exact label.
 */
const OPENER_LABELS = {
  claudeView: {
    en: {
      exact: ['View and edit your memory'],
      added: ['View and edit your memory summary', 'View and edit your full memory'],
      dropped: ['View and edit memory'],
      case: ['View and Edit Your Memory', 'view and edit your memory'],
    },
    fr: {
      exact: ['Afficher et modifier votre mémoire'],
      added: ['Afficher et modifier votre mémoire complète'],
      dropped: ['Afficher et modifier mémoire'],
      case: ['Afficher et Modifier votre Mémoire', 'afficher et modifier votre mémoire'],
    },
  },
  claudeEdits: {
    en: {
      exact: ['Manage edits'],
      added: ['Manage your edits', 'Manage memory edits'],
      dropped: ['Manage edits'],
      case: ['Manage Edits', 'MANAGE EDITS'],
    },
    fr: {
      exact: ['Gérer les modifications'],
      added: ['Gérer les modifications de la mémoire'],
      dropped: ['Gérer modifications'],
      case: ['Gérer les Modifications'],
    },
  },
  chatgptManage: {
    en: {
      exact: ['Manage'],
      added: ['Manage memories', 'Manage memory', 'Manage saved memories'],
      dropped: ['Manage'],
      case: ['MANAGE', 'manage'],
    },
    fr: {
      exact: ['Gérer'],
      added: ['Gérer les souvenirs', 'Gérer la mémoire'],
      dropped: ['Gérer'],
      case: ['GÉRER', 'gérer'],
    },
  },
};

/** Custom element names per site: [list, item]. */
const CUSTOM_TAGS = {
  claude: [['memory-list', 'memory-entry'], ['mem-section', 'mem-item']],
  chatgpt: [['memory-table', 'memory-row'], ['saved-memory-list', 'saved-memory']],
  gemini: [['saved-info-list', 'saved-info-item'], ['user-memory-list', 'user-memory-item']],
};

/** Interface strings per site and language (page chrome and the memory region's own lines). */
const STRINGS = {
  claude: {
    en: {
      settings: 'Settings',
      tabs: ['Profile', 'Appearance', 'Account', 'Privacy', 'Billing', 'Capabilities', 'Connectors'],
      activeTab: 'Capabilities',
      nav: ['New chat', 'Chats', 'Projects', 'Artifacts'],
      recents: 'Recents',
      user: 'Ada Lovelace',
      plan: 'Pro plan',
      memory: 'Memory',
      memoryDesc: 'Claude can remember context from your chats to give more relevant answers.',
      switches: [
        ['Search and reference chats', 'Allow Claude to search for relevant details in past chats.'],
        ['Generate memory from chat history', 'Allow Claude to remember relevant context from your chats.'],
      ],
      startImport: 'Start import',
      importHint: 'Bring what another AI assistant knows about you.',
      title: 'Your memory',
      captions: ['This summary is regenerated each night based on your chats.', 'This summary is regenerated each night…'],
      editsCaption: 'Changes you asked Claude to make to its memory.',
      noEdits: 'No edits yet.',
      close: 'Close',
      done: 'Done',
      loading: ['Loading…', 'Loading...'],
      delete: ['Delete', 'Delete edit', 'Remove'],
      edit: 'Edit',
      learnMore: 'Learn more',
      search: 'Search memory',
      updated: 'Updated yesterday',
      sections: [
        ['Artifacts', 'Ask Claude to generate content like code snippets, text documents, or website designs.'],
        ['Code execution and file creation', 'Claude can write and run code, and create and edit docs, spreadsheets and presentations.'],
        ['Extended thinking', 'Give Claude more time to reason through complex problems.'],
      ],
      chats: ['Sourdough hydration question', 'Fix flaky pytest fixture', 'Email to landlord about the boiler',
        'Birthday ideas for a seven-year-old', 'Summarise the Q3 board deck', 'Regex for UK postcodes',
        'Trip plan: Lisbon in May', 'Cover letter draft', 'Explain Kalman filters', 'Meal prep for the week'],
    },
    fr: {
      settings: 'Paramètres',
      tabs: ['Profil', 'Apparence', 'Compte', 'Confidentialité', 'Facturation', 'Fonctionnalités', 'Connecteurs'],
      activeTab: 'Fonctionnalités',
      nav: ['Nouvelle conversation', 'Conversations', 'Projets', 'Artefacts'],
      recents: 'Récents',
      user: 'Ada Lovelace',
      plan: 'Forfait Pro',
      memory: 'Mémoire',
      memoryDesc: 'Claude peut retenir le contexte de vos conversations pour donner des réponses plus pertinentes.',
      switches: [
        ['Rechercher et référencer les conversations', 'Autoriser Claude à rechercher des détails pertinents dans les conversations passées.'],
        ["Générer la mémoire à partir de l'historique", 'Autoriser Claude à retenir le contexte pertinent de vos conversations.'],
      ],
      startImport: "Commencer l'importation",
      importHint: "Importez ce qu'un autre assistant IA sait de vous.",
      title: 'Votre mémoire',
      captions: ['Ce résumé est régénéré chaque nuit à partir de vos conversations.', 'Ce résumé est régénéré chaque nuit…'],
      editsCaption: "Les modifications que vous avez demandé à Claude d'apporter à sa mémoire.",
      noEdits: 'Aucune modification pour le moment.',
      close: 'Fermer',
      done: 'Terminé',
      loading: ['Chargement…'],
      delete: ['Supprimer', 'Supprimer la modification', 'Retirer'],
      edit: 'Modifier',
      learnMore: 'En savoir plus',
      search: 'Rechercher dans la mémoire',
      updated: 'Mis à jour hier',
      sections: [
        ['Artefacts', 'Demandez à Claude de générer du contenu comme des extraits de code, des documents ou des maquettes de sites web.'],
        ['Exécution de code et création de fichiers', 'Claude peut écrire et exécuter du code, et créer et modifier des documents et des présentations.'],
        ['Réflexion approfondie', 'Laissez à Claude plus de temps pour raisonner sur les problèmes complexes.'],
      ],
      chats: ['Question sur l\u2019hydratation du levain', 'Corriger un test pytest instable', 'Courriel au propriétaire pour la chaudière',
        'Idées de cadeau pour un enfant de sept ans', 'Résumer la présentation du T3', 'Expression régulière pour les codes postaux',
        'Voyage : Lisbonne en mai', 'Brouillon de lettre de motivation', 'Expliquer les filtres de Kalman', 'Repas de la semaine'],
    },
  },
  chatgpt: {
    en: {
      nav: ['New chat', 'Search chats', 'Library', 'GPTs'],
      groups: ['Today', 'Yesterday', 'Previous 7 Days'],
      greeting: 'What can I help with?',
      composer: 'Ask anything',
      settings: 'Settings',
      tabs: ['General', 'Notifications', 'Personalization', 'Connected apps', 'Data controls', 'Security', 'Account'],
      activeTab: 'Personalization',
      close: 'Close',
      done: 'Done',
      custom: 'Custom instructions',
      customSwitch: ['Enable customization', 'Customize ChatGPT to respond in your preferred style.'],
      placeholders: ['Nickname', 'Interior designer', 'Chatty, witty, encouraging', 'Interests, values, or preferences to keep in mind', 'Tone, format, length'],
      save: 'Save',
      cancel: 'Cancel',
      memory: 'Memory',
      switches: [
        ['Reference saved memories', 'Let ChatGPT save and use memories when responding.'],
        ['Reference chat history', 'Let ChatGPT reference all previous conversations when responding.'],
      ],
      usage: (p) => `Memory ${p}% full`,
      usageShort: (p) => `${p} %`,
      count: (n) => `${n} saved memories`,
      full: 'Memory full',
      fullHint: 'Delete memories you no longer need to make room for new ones.',
      title: 'Saved memories',
      help: 'ChatGPT remembers useful details between chats.',
      empty: "ChatGPT doesn't have any memories yet.",
      deleteAll: 'Delete all',
      search: 'Search memories',
      delete: ['Delete', 'Delete memory', 'Remove'],
      loading: ['Loading…', 'Loading...'],
      learnMore: 'Learn more',
      advanced: 'Advanced',
      other: [
        ['Web search', 'Let ChatGPT automatically search the web for answers.'],
        ['Canvas', 'Collaborate with ChatGPT on text and code.'],
        ['Advanced voice', 'More natural conversations in voice mode.'],
      ],
      chats: ['Sourdough hydration question', 'Python CSV dedupe', 'Email to landlord about the boiler',
        'Birthday ideas for a seven-year-old', 'Summarise the Q3 board deck', 'Regex for UK postcodes',
        'Trip plan: Lisbon in May', 'Cover letter draft', 'Explain Kalman filters', 'Meal prep for the week'],
    },
    fr: {
      nav: ['Nouvelle conversation', 'Rechercher des conversations', 'Bibliothèque', 'GPT'],
      groups: ["Aujourd'hui", 'Hier', '7 jours précédents'],
      greeting: 'Comment puis-je vous aider ?',
      composer: 'Posez une question',
      settings: 'Paramètres',
      tabs: ['Général', 'Notifications', 'Personnalisation', 'Applications connectées', 'Commandes des données', 'Sécurité', 'Compte'],
      activeTab: 'Personnalisation',
      close: 'Fermer',
      done: 'Terminé',
      custom: 'Instructions personnalisées',
      customSwitch: ['Activer la personnalisation', 'Personnalisez le style des réponses de ChatGPT.'],
      placeholders: ['Surnom', "Architecte d'intérieur", 'Bavard, spirituel, encourageant', 'Centres d\u2019intérêt, valeurs ou préférences', 'Ton, format, longueur'],
      save: 'Enregistrer',
      cancel: 'Annuler',
      memory: 'Mémoire',
      switches: [
        ['Référencer les souvenirs enregistrés', "Permettre à ChatGPT d'enregistrer et d'utiliser des souvenirs pour répondre."],
        ["Référencer l'historique des conversations", 'Permettre à ChatGPT de consulter les conversations précédentes pour répondre.'],
      ],
      usage: (p) => `Mémoire pleine à ${p} %`,
      usageShort: (p) => `${p} %`,
      count: (n) => `${n} souvenirs enregistrés`,
      full: 'Mémoire pleine',
      fullHint: 'Supprimez les souvenirs dont vous n\u2019avez plus besoin pour faire de la place.',
      title: 'Souvenirs enregistrés',
      help: "ChatGPT se souvient de détails utiles d'une conversation à l'autre.",
      empty: "ChatGPT n'a encore aucun souvenir.",
      deleteAll: 'Tout supprimer',
      search: 'Rechercher dans les souvenirs',
      delete: ['Supprimer', 'Supprimer le souvenir', 'Retirer'],
      loading: ['Chargement…'],
      learnMore: 'En savoir plus',
      advanced: 'Avancé',
      other: [
        ['Recherche sur le Web', 'Laisser ChatGPT chercher automatiquement des réponses sur le Web.'],
        ['Canvas', 'Collaborer avec ChatGPT sur du texte et du code.'],
        ['Voix avancée', 'Des conversations plus naturelles en mode vocal.'],
      ],
      chats: ['Question sur l\u2019hydratation du levain', 'Dédoublonner un CSV en Python', 'Courriel au propriétaire pour la chaudière',
        'Idées de cadeau pour un enfant de sept ans', 'Résumer la présentation du T3', 'Expression régulière pour les codes postaux',
        'Voyage : Lisbonne en mai', 'Brouillon de lettre de motivation', 'Expliquer les filtres de Kalman', 'Repas de la semaine'],
    },
  },
  gemini: {
    en: {
      product: 'Gemini',
      model: '2.5 Flash',
      nav: ['New chat', 'Explore Gems'],
      recents: 'Recent',
      settingsHelp: 'Settings & help',
      title: 'Saved info',
      help: 'Info you asked Gemini to save',
      helpMore: 'Gemini uses it across your chats to give more helpful responses.',
      empty: "You haven't asked Gemini to save any info yet.",
      add: 'Add',
      edit: 'Edit',
      delete: ['Delete', 'Delete info', 'Remove'],
      close: 'Close',
      done: 'Done',
      loading: ['Loading…', 'Loading...'],
      learnMore: 'Learn more',
      search: 'Search saved info',
      count: (n) => `${n} items`,
      switchRow: ['Use saved info in chats', 'Let Gemini refer to what you saved when it answers.'],
      chats: ['Sourdough hydration question', 'Fix flaky pytest fixture', 'Email to landlord about the boiler',
        'Birthday ideas for a seven-year-old', 'Summarise the Q3 board deck', 'Trip plan: Lisbon in May',
        'Cover letter draft', 'Explain Kalman filters', 'Meal prep for the week', 'Compare heat pumps'],
    },
    fr: {
      product: 'Gemini',
      model: '2.5 Flash',
      nav: ['Nouvelle discussion', 'Découvrir les Gems'],
      recents: 'Récents',
      settingsHelp: 'Paramètres et aide',
      title: 'Infos enregistrées',
      help: "Infos que vous avez demandé à Gemini d'enregistrer",
      helpMore: 'Gemini les utilise dans vos discussions pour vous donner des réponses plus utiles.',
      empty: "Vous n'avez encore demandé à Gemini d'enregistrer aucune info.",
      add: 'Ajouter',
      edit: 'Modifier',
      delete: ['Supprimer', "Supprimer l'info", 'Retirer'],
      close: 'Fermer',
      done: 'Terminé',
      loading: ['Chargement…'],
      learnMore: 'En savoir plus',
      search: 'Rechercher dans les infos enregistrées',
      count: (n) => `${n} éléments`,
      switchRow: ['Utiliser les infos enregistrées', 'Permettre à Gemini de tenir compte de vos infos dans ses réponses.'],
      chats: ['Question sur l\u2019hydratation du levain', 'Corriger un test pytest instable', 'Courriel au propriétaire pour la chaudière',
        'Idées de cadeau pour un enfant de sept ans', 'Résumer la présentation du T3', 'Voyage : Lisbonne en mai',
        'Brouillon de lettre de motivation', 'Expliquer les filtres de Kalman', 'Repas de la semaine', 'Comparer des pompes à chaleur'],
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Truth lines: realistic memory prose from templates and fillers, in English and French.
// ---------------------------------------------------------------------------------------------

/** Fillers. Names and places include accents, CJK, right-to-left scripts. */
const W = {
  names: ['Zoë', 'Łukasz', 'José', 'Nguyễn Thị Mai', '王小明', 'Ørjan', 'محمد الأحمد', 'יעל כהן', 'Siobhán',
    'Bjørn', 'Priya', 'Kwame', 'Hana', 'Matteo', 'Inès', 'Tomasz', 'Aoife', 'Rahel', 'Dmitri', 'Søren',
    'Chloé', 'Mei', 'Oluwaseun', 'Ngozi', 'Yūki', '佐藤花子', 'Émile', 'Sam', 'Theo', 'Maya', 'Ravi', 'Lena'],
  cities: ['Rotterdam', 'Leeds', 'Lyon', 'Kraków', 'Porto', 'Osaka', 'Nairobi', 'Montréal', 'São Paulo',
    'Tallinn', 'Bilbao', 'Ghent', 'Reykjavík', 'Zürich', 'Córdoba', 'Hanoi', 'Haifa', 'Marrakesh', 'Bergen',
    'Adelaide', 'Glasgow', 'Leipzig', 'Valparaíso', 'Tromsø', 'Kyoto', 'Ljubljana'],
  jobs: ['data engineer', 'paediatric nurse', 'secondary-school chemistry teacher', 'UX researcher',
    'structural engineer', 'freelance translator', 'product manager', 'veterinary surgeon', 'sound engineer',
    'tax adviser', 'site reliability engineer', 'archivist', 'bike mechanic', 'midwife', 'patent attorney',
    'landscape architect', 'high-school maths tutor', 'barista and roaster'],
  firms: ['a logistics firm', 'a small design studio', 'the city council', 'a fintech start-up', 'a children\u2019s hospital',
    'an architecture practice', 'a renewable-energy co-op', 'a university library', 'a games studio', 'a family-run bakery',
    'a shipping insurer', 'an NGO', 'a biotech lab', 'a public broadcaster'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October',
    'November', 'December'],
  pets: [['cat', 'Miso'], ['dog', 'Pixel'], ['tortoise', 'Gus'], ['rabbit', 'Clementine'], ['parrot', 'Captain'],
    ['greyhound', 'Biscuit'], ['cat', 'Nori'], ['dog', 'Ziggy'], ['hamster', 'Tofu']],
  languages: ['Japanese', 'Portuguese', 'Welsh', 'Korean', 'Dutch', 'Polish', 'Arabic', 'Swahili', 'Icelandic',
    'Italian', 'Mandarin', 'Greek', 'Hebrew', 'Turkish'],
  tools: [['Obsidian', 'note-taking'], ['Notion', 'project planning'], ['Figma', 'wireframes'],
    ['VS Code', 'most of their coding'], ['Excel', 'the household budget'], ['Zotero', 'managing citations'],
    ['Ableton Live', 'music production'], ['QGIS', 'mapping fieldwork'], ['Anki', 'vocabulary flashcards'],
    ['Home Assistant', 'the smart-home setup'], ['Lightroom', 'editing photos'], ['Todoist', 'daily to-dos']],
  proglangs: ['Python', 'TypeScript', 'Rust', 'Go', 'Kotlin', 'R', 'Elixir', 'C#', 'Swift', 'Julia'],
  codePrefs: ['type hints', 'short comments', 'unit tests alongside', 'no external dependencies', 'explicit error handling',
    'examples that run as-is'],
  places: ['the Faroe Islands', 'Patagonia', 'Hokkaido', 'the Dolomites', 'Sri Lanka', 'Oaxaca', 'the Outer Hebrides',
    'Georgia (the country)', 'Tasmania', 'the Azores', 'Kerala', 'Lapland'],
  allergens: ['peanuts', 'shellfish', 'penicillin', 'cats', 'sesame', 'kiwi fruit', 'latex'],
  docs: ['PhD chapter', 'grant proposal', 'conference talk', 'cookbook', 'board report', 'novel', 'training manual',
    'podcast script', 'museum audio guide'],
  topics: ['urban heat islands', 'medieval trade routes', 'battery recycling', 'sleep in teenagers', 'tidal energy',
    'Ottoman-era maps', 'queueing theory', 'sourdough microbiology', 'accessible web forms', 'coral bleaching'],
  whens: ['before Easter', 'by the end of the month', 'in two weeks', 'before the summer break', 'next Friday',
    'before the board meeting', 'by 15 March'],
  relations: ['partner', 'wife', 'husband', 'daughter', 'son', 'brother', 'sister', 'flatmate', 'mother', 'best friend'],
  relFacts: ['plays the cello', 'is starting university in October', 'is a paramedic', 'has coeliac disease',
    'runs a bakery', 'is learning to drive', 'lives in Auckland', 'collects vinyl', 'is a keen climber'],
  genres: ['science fiction', 'crime novels', 'narrative non-fiction', 'poetry', 'graphic novels', 'history books'],
  books: ['“The Overstory”', '“Piranesi”', '“The Left Hand of Darkness”', '“Braiding Sweetgrass”', '“Klara and the Sun”',
    '“Pachinko”', '“The Dispossessed”', '“Educated”'],
  teams: ['Feyenoord', 'Leeds United', 'Olympique Lyonnais', 'the Kraken', 'Celtic', 'Athletic Club', 'the Hurricanes'],
  cuisines: ['Sichuan', 'Ethiopian', 'Lebanese', 'Peruvian', 'Georgian', 'Keralan', 'Basque', 'Vietnamese'],
  emoji: ['🌶️', '🥟', '🍜', '🫓', '🥘', '🍲', '🎻', '🏃‍♀️', '🇳🇱', '🧗', '📚', '🌱'],
  systems: [['billing service', 'PostgreSQL 12', 'PostgreSQL 16'], ['data pipeline', 'Airflow', 'Dagster'],
    ['mobile app', 'React Native', 'Flutter'], ['website', 'WordPress', 'Astro'], ['CI', 'Jenkins', 'GitHub Actions'],
    ['monolith', 'Django 3.2', 'Django 5']],
  openers: ['Great question!', 'Certainly!', 'As an AI', 'Absolutely!', 'I hope this helps'],
  orgs: ['a food bank', 'the local library', 'a parkrun', 'a refugee support charity', 'a community garden',
    'an animal shelter', 'a repair café'],
  days: ['Saturday', 'Tuesday', 'Sunday', 'Wednesday', 'Thursday'],
  cars: ['second-hand Nissan Leaf', 'Renault Zoe', 'Kia e-Niro', 'Škoda Enyaq', 'VW ID.3'],
  tzs: ['Europe/Amsterdam', 'America/Toronto', 'Asia/Tokyo', 'Australia/Adelaide', 'Africa/Nairobi', 'UTC−3'],
  exams: ['CFA Level II', 'AWS Solutions Architect', 'DELF B2', 'JLPT N3', 'ACCA', 'CCNA', 'bar'],
  fish: ['neon tetras', 'shrimp and moss balls', 'a betta called Sushi', 'guppies', 'corydoras'],
  formats: [['Markdown', 'Word'], ['tables', 'bullet lists'], ['LaTeX', 'Google Docs'], ['plain text', 'slides']],
  words: ['bold', 'important', 'TODO', 'draft', 'urgent', 'note'],
};

/** English memory lines: each a function of the random source that returns one line. */
const EN_TEMPLATES = [
  (r) => `Works as a ${r.pick(W.jobs)} at ${r.pick(W.firms)} in ${r.pick(W.cities)}.`,
  (r) => `Prefers answers in ${r.pick(['British', 'Australian', 'Canadian', 'Irish', 'American'])} English with ${r.pick(['metric', 'imperial'])} units.`,
  (r) => `Is training for the ${r.pick(W.cities)} marathon in ${r.pick(W.months)}.`,
  (r) => { const [pet, name] = r.pick(W.pets); return `Has a ${pet} called ${name}.`; },
  (r) => `Is learning ${r.pick(W.languages)} and practises for ${r.pick([10, 15, 20, 30, 45])} minutes a day.`,
  (r) => { const [tool, task] = r.pick(W.tools); return `Uses ${tool} for ${task}.`; },
  (r) => `Lives in ${r.pick(W.cities)} with their ${r.pick(W.relations)}, ${r.pick(W.names)}.`,
  (r) => `Is planning a trip to ${r.pick(W.places)} in ${r.pick(W.months)} ${r.int(2025, 2027)}.`,
  (r) => `Wants code examples in ${r.pick(W.proglangs)} with ${r.pick(W.codePrefs)}.`,
  (r) => `Doesn't want replies to start with "${r.pick(W.openers)}"`,
  (r) => `Is allergic to ${r.pick(W.allergens)}.`,
  (r) => `Is writing a ${r.pick(W.docs)} on ${r.pick(W.topics)}, due ${r.pick(W.whens)}.`,
  (r) => { const [a, b] = r.shuffle(W.relations); return `Correction: ${r.pick(W.names)} is their ${a}, not their ${b}.`; },
  (r) => `Asked that tags like <b>${r.pick(W.words)}</b> be shown as plain text in summaries.`,
  (r) => `Their ${r.pick(W.relations)} ${r.pick(W.names)} ${r.pick(W.relFacts)}.`,
  (r) => `Reads ${r.pick(W.genres)} and recently finished ${r.pick(W.books)}.`,
  (r) => `Supports ${r.pick(W.teams)} and goes to home games with ${r.pick(W.names)}.`,
  (r) => `Cooks ${r.pick(W.cuisines)} food most weekends ${r.pick(W.emoji)}`,
  (r) => { const [s, a, b] = r.pick(W.systems); return `Is migrating the team's ${s} from ${a} to ${b} ${r.pick(W.whens)}.`; },
  (r) => `Speaks ${r.pick(W.languages)} at home and English at work.`,
  (r) => `Keeps a ${r.pick([40, 60, 120, 200])}-litre aquarium with ${r.pick(W.fish)}.`,
  (r) => { const [a, b] = r.pick(W.formats); return `Prefers ${a} over ${b} for the ${r.pick(W.docs)}.`; },
  (r) => `Was born in ${r.int(1958, 2004)} and grew up near ${r.pick(W.cities)}.`,
  (r) => `Volunteers at ${r.pick(W.orgs)} on ${r.pick(W.days)}s.`,
  (r) => `Drives a ${r.pick(W.cars)} and charges it at work.`,
  (r) => `Works ${r.pick(['four days a week', 'night shifts', 'compressed hours', 'from home on Fridays'])} and is usually offline after ${r.int(5, 9)} pm.`,
  (r) => `Timezone is ${r.pick(W.tzs)}; schedule suggestions in local time.`,
  (r) => `Is studying for the ${r.pick(W.exams)} exam in ${r.pick(W.months)}.`,
  (r) => `Has two children, ${r.pick(W.names)} (${r.int(2, 9)}) and ${r.pick(W.names)} (${r.int(10, 17)}).`,
  (r) => `Is vegetarian and batch-cooks ${r.pick(['dal', 'chilli', 'soup', 'curry'])} every ${r.pick(W.days)}.`,
  (r) => `Plays ${r.pick(['rapid chess', 'five-a-side football', 'the ukulele', 'bridge', 'padel'])} with ${r.pick(W.names)} on ${r.pick(W.days)}s.`,
  (r) => `Calls their grandmother in ${r.pick(W.cities)} every ${r.pick(W.days)}; she only speaks ${r.pick(W.languages)}.`,
  (r) => `Is saving for a deposit on a flat in ${r.pick(W.cities)} and tracks it in ${r.pick(['YNAB', 'a spreadsheet', 'Monzo pots'])}.`,
  (r) => `Finds the word ‘${r.pick(['synergy', 'leverage', 'delve', 'journey', 'robust'])}’ grating; avoid it.`,
  (r) => `Has a standing desk and a ${r.pick(['split keyboard', 'vertical mouse', '34-inch monitor', 'Steam Deck'])}.`,  (r) => `Manages a team of ${r.int(3, 14)} ${r.pick(['engineers', 'nurses', 'designers', 'analysts'])} split between ${r.pick(W.cities)} and ${r.pick(W.cities)}.`,
  (r) => `Is recovering from ${r.pick(['knee surgery', 'a broken wrist', 'shoulder surgery'])} and can't lift anything heavy until ${r.pick(W.months)}.`,
  (r) => `Grows ${r.pick(['tomatoes', 'chillies', 'runner beans', 'squash'])} on an allotment and swaps seeds with ${r.pick(W.names)}.`,
  (r) => `Their first language is ${r.pick(W.languages)}; explain idioms when English ones come up.`,
  (r) => `Commutes by ${r.pick(['train', 'ferry', 'bike', 'tram'])} and listens to ${r.pick(['history podcasts', 'audiobooks', 'language lessons'])} on the way.`,
  (r) => `Is colour-blind (${r.pick(['deuteranopia', 'protanopia'])}), so charts should not rely on red versus green.`,
  (r) => `Sings ${r.pick(['alto', 'tenor', 'bass', 'soprano'])} in a community choir that rehearses on ${r.pick(W.days)}s.`,
  (r) => `Finds checklists with ${r.int(3, 7)} items or fewer easiest to follow.`,
  (r) => `Keeps bees and harvested ${r.int(8, 40)} kg of honey last year 🐝`,
  (r) => `Wants recipes scaled for ${r.int(3, 8)} people.`,
  (r) => `Is the treasurer of a ${r.pick(['rowing club', 'tenants\' association', 'chess club', 'parents\' association'])}.`,
  (r) => `Rides a ${r.pick(['gravel bike', 'folding bike', 'road bike'])} to work, about ${r.int(4, 25)} km each way.`,
  (r) => `Works with ${r.pick(W.names)} on a project codenamed "${r.pick(['Heron', 'Kestrel', 'Bluebell', 'Tundra', 'Saffron'])}".`,
  (r) => `Their GitHub handle is @${r.pick(['quietfox', 'tmpdir', 'm-k-l', 'zoe-codes', 'lukasz_w'])}${r.int(1, 99)}.`,
];

/** Long English lines (200-400 characters). */
const EN_LONG = [
  (r) => `Is renovating a 1930s terraced house in ${r.pick(W.cities)}: the kitchen is finished, the loft conversion starts in ${r.pick(W.months)}, and they want advice on insulation, planning permission and how to keep the original encaustic tiles in the hallway without spending more than about ${r.int(3, 9)},000 euros on it.`,
  (r) => `Is preparing a ${r.pick(W.docs)} on ${r.pick(W.topics)} with ${r.pick(W.names)} and ${r.pick(W.names)}; they meet on ${r.pick(W.days)}s, share drafts in ${r.pick(W.tools)[0]}, and want feedback that flags weak arguments first, then missing citations, then style, never the other way round.`,
  (r) => `Wants exam-style questions to come with a mark scheme that shows the marks for each point in square brackets, laid out the way the ${r.pick(['AQA', 'OCR', 'Edexcel', 'IB'])} papers do it, with a short examiner's note on the most common mistake after each question and no more than ${r.int(4, 8)} questions per sheet.`,
  (r) => `Runs a small ${r.pick(['ceramics', 'letterpress', 'bike-repair', 'candle', 'coffee-roasting'])} business from a shared workshop in ${r.pick(W.cities)}, sells mostly through ${r.pick(['Etsy', 'Shopify', 'Instagram', 'a market stall'])}, and wants help with pricing, VAT registration and writing product descriptions that do not sound like every other shop online.`,
  (r) => `Has a chronic knee injury from ${r.pick(['skiing', 'football', 'a cycling accident', 'netball'])} in ${r.int(2009, 2022)}, so training plans should avoid downhill running and deep squats, include two strength sessions a week, and build mileage by no more than ten per cent a week before the ${r.pick(W.cities)} half-marathon.`,
];

EN_LONG.push(
  (r) => `Is organising a ${r.pick(['fortieth', 'fiftieth', 'sixtieth'])} birthday party for ${r.pick(W.names)} at a rented barn outside ${r.pick(W.cities)} on the last Saturday of ${r.pick(W.months)}: about ${r.int(40, 90)} guests, two of them vegan and one with a nut allergy, a ceilidh band booked until eleven, a minibus back into town, and a budget of roughly ${r.int(2, 6)},500 pounds that already includes the deposit, the cake and the hired glassware.`,
);

/** French memory lines. */
const FR_TEMPLATES = [
  (r) => `Travaille comme ${r.pick(['ingénieure de données', 'infirmier en pédiatrie', 'professeure de chimie', 'traducteur indépendant', 'cheffe de produit', 'vétérinaire', 'archiviste', 'sage-femme'])} chez ${r.pick(['une entreprise de logistique', 'un petit studio de design', 'la mairie', 'une start-up de la fintech', 'une coopérative d\u2019énergie'])} à ${r.pick(W.cities)}.`,
  (r) => `Préfère des réponses en français avec le système ${r.pick(['métrique', 'impérial'])} et des dates au format ${r.pick(['JJ/MM/AAAA', 'ISO'])}.`,
  (r) => `S'entraîne pour le marathon de ${r.pick(W.cities)} en ${r.pick(['mars', 'avril', 'mai', 'septembre', 'octobre', 'novembre'])}.`,
  (r) => { const [pet, name] = r.pick([['un chat', 'Miso'], ['un chien', 'Pixel'], ['une tortue', 'Gus'], ['un lapin', 'Clémentine']]); return `A ${pet} qui s'appelle ${name}.`; },
  (r) => `Apprend le ${r.pick(['japonais', 'portugais', 'gallois', 'coréen', 'néerlandais', 'polonais', 'swahili'])} et pratique ${r.pick([10, 15, 20, 30])} minutes par jour.`,
  (r) => `Utilise ${r.pick(['Obsidian', 'Notion', 'Figma', 'Zotero', 'Anki', 'Excel'])} pour ${r.pick(['ses notes', 'le budget du foyer', 'ses citations', 'le vocabulaire', 'ses maquettes'])}.`,
  (r) => `Vit à ${r.pick(W.cities)} avec ${r.pick(['sa compagne', 'son compagnon', 'sa fille', 'son frère', 'sa colocataire'])}, ${r.pick(W.names)}.`,
  (r) => `Prévoit un voyage ${r.pick(['aux îles Féroé', 'en Patagonie', 'à Hokkaido', 'dans les Dolomites', 'aux Açores', 'en Laponie'])} en ${r.pick(['juin', 'juillet', 'août', 'décembre'])} ${r.int(2025, 2027)}.`,
  (r) => `Ne veut pas que les réponses commencent par « ${r.pick(['Excellente question !', 'Bien sûr !', 'En tant qu\u2019IA', 'Absolument !'])} ».`,
  (r) => `Est allergique ${r.pick(['aux arachides', 'aux fruits de mer', 'à la pénicilline', 'aux chats', 'au sésame'])}.`,
  (r) => `Rédige ${r.pick(['un chapitre de thèse', 'une demande de subvention', 'un roman', 'un rapport annuel'])} sur ${r.pick(['les îlots de chaleur urbains', 'le recyclage des batteries', 'le sommeil des adolescents', 'les routes commerciales médiévales'])}, à rendre ${r.pick(['avant Pâques', 'à la fin du mois', 'dans deux semaines', 'vendredi prochain'])}.`,
  (r) => `Correction : ${r.pick(W.names)} est ${r.pick(['sa sœur', 'son frère', 'sa cousine', 'son associé'])}, pas ${r.pick(['sa mère', 'son père', 'sa voisine', 'son collègue'])}.`,
  (r) => `Cuisine ${r.pick(['sichuanais', 'éthiopien', 'libanais', 'péruvien', 'basque', 'vietnamien'])} presque tous les week-ends ${r.pick(W.emoji)}`,
  (r) => `Est bénévole ${r.pick(['à la banque alimentaire', 'à la bibliothèque du quartier', 'dans un jardin partagé', 'dans un refuge pour animaux', 'dans un repair café'])} le ${r.pick(['samedi', 'mardi', 'dimanche', 'mercredi'])}.`,
  (r) => `Fuseau horaire : ${r.pick(W.tzs)} ; proposer les horaires en heure locale.`,
  (r) => `Prépare le ${r.pick(['DELF C1', 'CFA niveau II', 'concours de l\u2019agrégation', 'JLPT N3', 'TOEFL'])} pour ${r.pick(['mars', 'juin', 'novembre', 'janvier'])}.`,
  (r) => `A deux enfants, ${r.pick(W.names)} (${r.int(2, 9)} ans) et ${r.pick(W.names)} (${r.int(10, 17)} ans).`,
  (r) => `Trouve le mot « ${r.pick(['synergie', 'levier', 'parcours', 'robuste'])} » agaçant ; l'éviter.`,
  (r) => `Joue ${r.pick(['aux échecs en ligne', 'au padel', 'du violoncelle', 'au bridge'])} avec ${r.pick(W.names)} le ${r.pick(['samedi', 'mardi', 'jeudi'])}.`,
  (r) => `Veut des exemples de code en ${r.pick(W.proglangs)} avec ${r.pick(['des annotations de type', 'des tests unitaires', 'peu de dépendances', 'des commentaires courts'])}.`,  (r) => `Dirige une équipe de ${r.int(3, 14)} personnes réparties entre ${r.pick(W.cities)} et ${r.pick(W.cities)}.`,
  (r) => `Cultive ${r.pick(['des tomates', 'des piments', 'des courges'])} dans un jardin ouvrier et échange des graines avec ${r.pick(W.names)}.`,
  (r) => `Va au travail en ${r.pick(['train', 'vélo', 'tramway'])} et écoute ${r.pick(['des podcasts d\u2019histoire', 'des livres audio'])} en route.`,
  (r) => `Est daltonien : les graphiques ne doivent pas opposer le rouge et le vert.`,
  (r) => `Chante dans une chorale qui répète le ${r.pick(['lundi', 'mercredi', 'vendredi'])} soir.`,
  (r) => `Veut des recettes pour ${r.int(3, 8)} personnes.`,
  (r) => `Est trésorière d'${r.pick(['un club d\u2019aviron', 'une association de locataires', 'un club d\u2019échecs'])}.`,
  (r) => `Lit surtout ${r.pick(['des romans policiers', 'de la science-fiction', 'des essais', 'de la poésie'])} et vient de finir « ${r.pick(['L\u2019Anomalie', 'Le Bal', 'Vernon Subutex', 'La Horde du Contrevent'])} ».`,
];

/** Long French lines. */
const FR_LONG = [
  (r) => `Rénove une maison des années 1930 à ${r.pick(W.cities)} : la cuisine est terminée, l'aménagement des combles commence en ${r.pick(['mars', 'mai', 'septembre'])}, et souhaite des conseils sur l'isolation, le permis de construire et la manière de garder les carreaux de ciment d'origine de l'entrée sans dépasser ${r.int(3, 9)} 000 euros.`,
  (r) => `Prépare ${r.pick(['une conférence', 'un article', 'un mémoire'])} avec ${r.pick(W.names)} et ${r.pick(W.names)} ; ils se retrouvent le ${r.pick(['lundi', 'jeudi'])}, partagent leurs brouillons dans Notion et veulent des retours qui signalent d'abord les arguments faibles, puis les citations manquantes, puis le style, jamais l'inverse.`,
];

/** Claude edits ("Manage edits"): the person's corrections, in the first person. */
const EN_EDITS = [
  (r) => `Stop mentioning my old job at ${r.pick(W.firms)}.`,
  (r) => `I moved from ${r.pick(W.cities)} to ${r.pick(W.cities)} in ${r.pick(W.months)}.`,
  (r) => `Don't call me ${r.pick(W.names)}; I go by ${r.pick(W.names)}.`,
  (r) => `Forget that I was ${r.pick(['vegetarian', 'learning the piano', 'looking for a new job', 'training for a triathlon'])}.`,
  (r) => `My ${r.pick(['daughter', 'son', 'nephew'])} is ${r.int(4, 9)}, not ${r.int(10, 15)}.`,
  (r) => `Remember that I prefer ${r.pick(['short answers', 'metric units', 'British spelling', 'code without comments'])}.`,
  (r) => `I no longer use ${r.pick(W.tools)[0]}; I switched to ${r.pick(W.tools)[0]}.`,
  (r) => `The ${r.pick(W.docs)} deadline moved to ${r.pick(W.months)}.`,
];
const FR_EDITS = [
  (r) => `Ne mentionne plus mon ancien poste à ${r.pick(W.cities)}.`,
  (r) => `J'ai déménagé de ${r.pick(W.cities)} à ${r.pick(W.cities)} en ${r.pick(['mars', 'juin', 'octobre'])}.`,
  (r) => `Ne m'appelle pas ${r.pick(W.names)} ; on m'appelle ${r.pick(W.names)}.`,
  (r) => `Oublie que j'étais ${r.pick(['végétarien', 'en recherche d\u2019emploi', 'au piano'])}.`,
  (r) => `Retiens que je préfère ${r.pick(['les réponses courtes', 'le système métrique', 'le vouvoiement'])}.`,
];

/** ChatGPT's custom-instruction values, per field. */
const FIELD_VALUES = {
  about_user: [
    (r) => `I'm a ${r.pick(W.jobs)} in ${r.pick(W.cities)} and I ${r.pick(['coach a chess club', 'run on weekends', 'care for my dad', 'play in a brass band'])}.`,
    (r) => `I live with my ${r.pick(W.relations)} and a ${r.pick(W.pets)[0]}, and I'm learning ${r.pick(W.languages)}.`,
    (r) => `Je suis ${r.pick(['infirmière', 'développeur', 'enseignante', 'architecte'])} à ${r.pick(W.cities)} et je fais du vélo tous les jours.`,
  ],
  about_model: [
    (r) => `Be concise, use ${r.pick(['British', 'Canadian', 'Australian'])} spelling and ${r.pick(['metric', 'SI'])} units, and skip the pleasantries.`,
    (r) => `Answer with a short summary first, then details; use ${r.pick(['tables', 'bullet points', 'numbered steps'])} when it helps.`,
    (r) => `Réponds en français, de façon directe, avec des exemples ${r.pick(['concrets', 'chiffrés', 'en Python'])}.`,
  ],
  nickname: [(r) => r.pick(['Sam', 'Zoë', 'Łukasz', 'Kwame', 'Inès', 'Yūki', 'Dr. Mei', 'Captain Theo', 'Ngozi'])],
  occupation: [
    (r) => `${r.pick(W.jobs).replace(/^./, (c) => c.toUpperCase())} at ${r.pick(W.firms)}`,
    (r) => `${r.pick(['Ingénieure', 'Infirmier', 'Professeure', 'Traducteur'])} à ${r.pick(W.cities)}`,
  ],
  traits: [
    (r) => `${r.pick(['Direct', 'Warm', 'Curious', 'Patient'])}, ${r.pick(['witty', 'encouraging', 'sceptical', 'calm'])} and a little ${r.pick(['dry', 'playful', 'formal'])}; skip the pep talk.`,
    (r) => `Chatty but precise; asks a clarifying question before ${r.pick(['long answers', 'writing code', 'making plans'])}.`,
  ],
};

/** A text's comparison key: lowercased, all but letters and digits dropped, words sorted. */
export function lineKey(text) {
  // Only letters and digits count, as in memport's own match key: an emoji with its joiners
  // and variation selectors is no difference.
  return String(text).toLowerCase().replace(/[^\p{L}\p{N}]/gu, ' ').split(/\s+/).filter(Boolean).sort().join(' ');
}

/** Every interface text of a site (both languages): truth lines must differ from all of them. */
function interfaceKeys(site) {
  const keys = new Set();
  const add = (value) => {
    if (typeof value === 'string') keys.add(lineKey(value));
    else if (Array.isArray(value)) value.forEach(add);
    else if (typeof value === 'function') [0, 1, 12, 50, 71, 100].forEach((n) => add(value(n)));
    else if (value && typeof value === 'object') Object.values(value).forEach(add);
  };
  add(STRINGS[site]);
  add(CLAUDE_HEADINGS);
  add(OPENER_LABELS);
  add(CHATGPT_FIELDS);
  keys.delete('');
  return keys;
}

/**
 * `count` distinct lines from `templates` (and, now and then, `long` ones), none of whose
 * keys are in `taken` (which grows with them).
 */
function makeLines(r, count, templates, long, taken) {
  // Templates are dealt like cards (each used once before any is used again), so that a
  // variant does not say the same kind of thing twice unless it has many lines.
  let deck = [];
  const out = [];
  for (let tries = 0; out.length < count && tries < count * 60 + 60; tries += 1) {
    if (!deck.length) deck = r.shuffle(templates);
    const template = long.length && r.chance(0.08) ? r.pick(long) : deck.pop();
    const line = template(r);
    const key = lineKey(line);
    if (!key || taken.has(key)) continue;
    taken.add(key);
    out.push(line);
  }
  if (out.length < count) throw new Error(`drift: could not make ${count} distinct lines`);
  return out;
}

/** Memory lines in the variant's prose language: en, fr, or a mix. */
function memoryLines(r, count, prose, taken) {
  if (prose === 'en') return makeLines(r, count, EN_TEMPLATES, EN_LONG, taken);
  if (prose === 'fr') return makeLines(r, count, FR_TEMPLATES, FR_LONG, taken);
  const french = Array.from({ length: count }, () => r.chance(0.5));
  const en = makeLines(r, french.filter((x) => !x).length, EN_TEMPLATES, EN_LONG, taken);
  const fr = makeLines(r, french.filter((x) => x).length, FR_TEMPLATES, FR_LONG, taken);
  return french.map((x) => (x ? fr.shift() : en.shift()));
}

// ---------------------------------------------------------------------------------------------
// The variant: features (short strings), params (numbers), layout, truth.
// ---------------------------------------------------------------------------------------------

/** Feature keys and, where the set is fixed, their values (for the report and for checks). */
export const FEATURE_VALUES = {
  lang: ['en', 'fr'],
  prose: ['en', 'fr', 'mixed'],
  container: ['dialog', 'inline', 'drawer'],
  aria: ['full', 'bare'],
  shell: ['labelledby', 'label', 'unnamed', 'native', 'plain', 'panel', 'revealed', 'popover', 'page'],
  modal: ['yes', 'no'],
  heading: ['h2', 'h3', 'strong', 'role-heading', 'bold-div'],
  entry: ['p', 'li', 'td', 'custom', 'div'],
  // customTags: 'list-tag/item-tag' when entry is custom (e.g. saved-info-list/saved-info-item), else 'none'
  wrap: ['bare', 'buttons', 'nested'],
  split: ['yes', 'no'],
  labels: ['exact', 'added', 'dropped', 'case'],
  // opener, editsOpener: the label text used, or 'none'
  loading: ['instant', 'late', 'chunks'],
  placeholder: ['none', 'spinner', 'progressbar', 'busy', 'text', 'skeleton', 'nothing'],
  virtualized: ['no', 'spacer', 'transform'],
  scroll: ['flow', 'box'],
  chrome: ['light', 'rich', 'noisy'],
  shadow: ['none', 'list', 'region'],
  close: ['text', 'icon', 'done', 'none'],
  onClose: ['remove', 'hide'],
  theme: ['light', 'dark'],
  css: ['utility', 'hashed'],
  empty: ['yes', 'no'],
  // chatgpt only
  fieldsForm: ['classic', 'new', 'all'],
  fieldLabel: ['label-for', 'wrapping', 'aria-label', 'labelledby', 'adjacent'],
  // claude only
  editsContainer: ['dialog', 'drawer', 'none'],
  // gemini only
  path: ['saved-info', 'u/1/saved-info'],
};

const PARAM_KEYS = ['lines', 'edits', 'fields', 'delayMs', 'chunks', 'chunkGapMs', 'bootMs'];

/** A random choice among weighted options: [[value, weight], ...]. */
function weighted(r, options) {
  const total = options.reduce((sum, [, w]) => sum + w, 0);
  let x = r.next() * total;
  for (const [value, w] of options) {
    x -= w;
    if (x < 0) return value;
  }
  return options[options.length - 1][0];
}

/** The URL a variant is served under; `spec` is 'memory:<seed>' or 'case:<name>'. */
export function memoryUrl(site, spec, features = {}) {
  if (site === 'claude') return `https://claude.ai/settings/capabilities?drift=${spec}`;
  if (site === 'chatgpt') return `https://chatgpt.com/?drift=${spec}#settings/Personalization`;
  const path = features.path === 'u/1/saved-info' ? '/u/1/saved-info' : '/saved-info';
  return `https://gemini.google.com${path}?drift=${spec}`;
}

/**
 * The variant of `site`'s memory page for `seed`. `overrides` fixes any feature (a string) or
 * param (a number); features that depend on it follow.
 */
export function memoryVariant(site, seed, overrides = {}) {
  if (!SITES.includes(site)) throw new Error(`drift: unknown site ${site}`);
  seed = Number(seed);
  if (!Number.isFinite(seed)) throw new Error(`drift: bad seed ${seed}`);
  const r = rng(seed);
  const features = {};
  const params = {};
  // Draw first (so the random stream does not depend on overrides), then apply the override.
  const feature = (key, draw) => {
    const value = draw();
    features[key] = key in overrides ? String(overrides[key]) : value;
    return features[key];
  };
  const param = (key, draw) => {
    const value = draw();
    params[key] = key in overrides ? Number(overrides[key]) : value;
    return params[key];
  };

  const lang = feature('lang', () => (r.chance(0.3) ? 'fr' : 'en'));
  feature('prose', () => (lang === 'en'
    ? weighted(r, [['en', 8], ['mixed', 1], ['fr', 1]])
    : weighted(r, [['fr', 5], ['en', 3], ['mixed', 2]])));
  const container = feature('container', () => ({
    claude: () => weighted(r, [['dialog', 5], ['inline', 2], ['drawer', 3]]),
    chatgpt: () => weighted(r, [['dialog', 5], ['drawer', 3], ['inline', 2]]),
    gemini: () => 'inline',
  })[site]());
  const aria = feature('aria', () => (r.chance(0.7) ? 'full' : 'bare'));
  const shell = feature('shell', () => {
    if (container === 'inline') return 'page';
    if (container === 'drawer') return r.pick(['panel', 'revealed', 'popover']);
    return aria === 'full' ? r.pick(['labelledby', 'label', 'unnamed', 'native']) : r.pick(['native', 'plain']);
  });
  feature('modal', () => {
    if (container !== 'dialog') return 'no';
    if (shell === 'native') return 'yes'; // showModal()
    return aria === 'full' && r.chance(0.5) ? 'yes' : 'no';
  });
  feature('heading', () => r.pick(aria === 'full' ? FEATURE_VALUES.heading : ['h2', 'h3', 'strong', 'bold-div']));
  const entry = feature('entry', () => ({
    claude: () => weighted(r, [['p', 3], ['li', 4], ['div', 2], ['custom', 1], ['td', 0.5]]),
    chatgpt: () => weighted(r, [['td', 4], ['div', 3], ['li', 1.5], ['custom', 1.5]]),
    gemini: () => weighted(r, [['li', 3], ['div', 2], ['custom', 3], ['td', 0.5]]),
  })[site]());
  feature('customTags', () => {
    const tags = r.pick(CUSTOM_TAGS[site]).join('/');
    return entry === 'custom' ? tags : 'none';
  });
  feature('wrap', () => (site === 'claude' ? weighted(r, [['bare', 6], ['buttons', 2], ['nested', 1]])
    : weighted(r, [['bare', 1], ['buttons', 5], ['nested', 3]])));
  feature('split', () => (r.chance(0.3) ? 'yes' : 'no'));
  const labels = feature('labels', () => weighted(r, [['exact', 4], ['added', 2], ['dropped', 2], ['case', 2]]));
  const labelOf = (kind) => {
    const options = OPENER_LABELS[kind][lang];
    return r.pick(options[labels] || options.exact);
  };
  feature('opener', () => {
    const text = site === 'claude' ? labelOf('claudeView') : labelOf('chatgptManage');
    return site === 'gemini' || container === 'inline' ? 'none' : text;
  });
  const loading = feature('loading', () => weighted(r, [['instant', 4], ['late', 3.5], ['chunks', 2.5]]));
  feature('placeholder', () => {
    const value = r.pick(['spinner', 'progressbar', 'busy', 'text', 'skeleton', 'nothing']);
    return loading === 'late' ? value : 'none';
  });
  const empty = feature('empty', () => (site !== 'claude' && r.chance(0.05) ? 'yes' : 'no'));
  const virtualized = feature('virtualized', () => {
    const mode = entry === 'td' ? 'spacer' : r.pick(['spacer', 'transform']);
    const p = { claude: 0, chatgpt: 0.45, gemini: 0.3 }[site];
    return empty === 'no' && r.chance(p) ? mode : 'no';
  });
  feature('scroll', () => (virtualized === 'no' && r.chance(0.35) ? 'box' : 'flow'));
  feature('chrome', () => r.pick(['light', 'rich', 'noisy']));
  feature('shadow', () => weighted(r, [['none', 13], ['list', 4], ['region', 3]]));
  feature('close', () => (container === 'inline' ? 'none' : weighted(r, [['text', 4], ['icon', 4], ['done', 1], ['none', 1]])));
  feature('onClose', () => (r.chance(0.6) ? 'remove' : 'hide'));
  feature('theme', () => (r.chance(0.3) ? 'dark' : 'light'));
  feature('css', () => (r.chance(0.5) ? 'utility' : 'hashed'));
  if (site === 'chatgpt') {
    feature('fieldsForm', () => weighted(r, [['classic', 4], ['new', 4], ['all', 2]]));
    feature('fieldLabel', () => (aria === 'full' ? r.pick(['label-for', 'wrapping', 'aria-label', 'labelledby'])
      : r.pick(['label-for', 'wrapping', 'adjacent'])));
  }
  if (site === 'gemini') feature('path', () => (r.chance(0.3) ? 'u/1/saved-info' : 'saved-info'));

  // Numbers.
  param('lines', () => {
    if (site === 'claude') return r.int(6, 30);
    if (features.empty === 'yes') return 0;
    if (features.virtualized !== 'no') return r.int(20, 80);
    return r.chance(0.3) ? r.int(16, 40) : r.int(3, 15);
  });
  if (site === 'claude') param('edits', () => weighted(r, [[0, 2], [1, 2], [2, 2], [3, 2], [4, 1], [5, 1]]));
  if (site === 'chatgpt') param('fields', () => r.int(0, CHATGPT_FORMS[features.fieldsForm].length));
  param('delayMs', () => (loading === 'late' ? r.int(100, 2000) : r.int(100, 400)));
  param('chunks', () => r.int(2, 4));
  param('chunkGapMs', () => r.int(100, 400));
  param('bootMs', () => r.int(0, 300));
  for (const key of Object.keys(overrides)) {
    if (!(key in features) && !PARAM_KEYS.includes(key)) features[key] = String(overrides[key]);
    else if (PARAM_KEYS.includes(key)) params[key] = Number(overrides[key]);
  }
  if (site === 'claude') {
    feature('editsOpener', () => labelOf('claudeEdits'));
    // With no edits, "Manage edits" is sometimes missing altogether.
    feature('editsContainer', () => (params.edits === 0 && r.chance(0.5) ? 'none' : r.pick(['dialog', 'drawer'])));
    if (features.editsContainer === 'none') features.editsOpener = 'none';
  }

  // Truth, from a stream of its own.
  const t = rng((Math.imul(seed >>> 0, 2654435761) ^ (0x5f3759df + SITES.indexOf(site) * 0x9e3779b9)) >>> 0);
  const taken = interfaceKeys(site);
  const parts = {};
  const prose = features.prose;
  parts.memory = memoryLines(t, params.lines, prose, taken);
  let layout = {};
  if (site === 'claude') {
    layout = { sections: claudeSections(t, params.lines, lang) };
    const french = prose === 'fr' || (prose === 'mixed' && t.chance(0.5));
    parts.edits = makeLines(t, params.edits, french ? FR_EDITS : EN_EDITS, [], taken);
  }
  if (site === 'chatgpt') {
    const form = CHATGPT_FORMS[features.fieldsForm];
    const filled = new Set(t.shuffle(form).slice(0, params.fields));
    parts.fields = [];
    for (const key of form) {
      if (!filled.has(key)) continue;
      const [value] = makeLines(t, 1, FIELD_VALUES[key], [], taken);
      parts.fields.push({ label: CHATGPT_FIELDS[key].label, value });
    }
  }
  const variant = {
    site,
    seed,
    kind: 'memory',
    url: memoryUrl(site, `memory:${seed}`, features),
    features,
    params,
    layout,
    truth: { parts, empty: features.empty === 'yes' },
  };
  return variant;
}

/**
 * Claude's sections in page order: 2-4 of its top headings (Brief history with 1-3 sub-heads),
 * the `lines` memory lines spread over them so that every leaf has at least one.
 */
function claudeSections(r, lines, lang) {
  const tops = ['Work context', 'Personal context', 'Top of mind', 'Brief history'];
  if (lang === 'en' && r.chance(0.15)) tops.splice(r.int(0, 3), 0, r.pick(['Preferences', 'Instructions']));
  const chosenCount = Math.min(tops.length, r.int(2, 4));
  const chosen = new Set(r.shuffle(tops).slice(0, chosenCount));
  const sections = [];
  for (const heading of tops) {
    if (!chosen.has(heading)) continue;
    if (heading === 'Brief history') {
      const subs = ['Recent months', 'Earlier context', 'Long-term background'].filter(() => r.chance(0.7));
      if (!subs.length) subs.push('Recent months');
      const direct = r.chance(0.25);
      sections.push({ heading, level: 1, count: direct ? 1 : 0 });
      for (const sub of subs) sections.push({ heading: sub, level: 2, count: 1 });
    } else {
      sections.push({ heading, level: 1, count: 1 });
    }
  }
  // Every leaf (a section with count 1 now) holds at least one line. With fewer lines than
  // leaves (only when an override asks for very few), the last leaves go, and a Brief history
  // left with neither lines nor sub-heads goes with them.
  let leaves = sections.filter((s) => s.count > 0);
  while (leaves.length > Math.max(1, lines)) {
    sections.splice(sections.indexOf(leaves.pop()), 1);
    const last = sections[sections.length - 1];
    if (last && last.level === 1 && last.count === 0) sections.pop();
  }
  leaves = sections.filter((s) => s.count > 0);
  let left = lines - leaves.reduce((sum, s) => sum + s.count, 0);
  while (left > 0) {
    r.pick(leaves).count += 1;
    left -= 1;
  }
  return sections;
}

// ---------------------------------------------------------------------------------------------
// Rendering: looks. Styles are set through element.style (CSP allows that; it refuses inline
// style attributes), with colours from CSS custom properties set on <html>. Class names are
// either Tailwind-like utility strings or hashed names, as build tools make them; memory.css
// does not depend on either.
// ---------------------------------------------------------------------------------------------

const PALETTES = {
  light: { '--page': '#ffffff', '--side': '#f7f7f5', '--panel': '#ffffff', '--fg': '#1f1f1f', '--muted': '#6b6b6b',
    '--border': '#e3e3e0', '--hover': '#efefec', '--skeleton': '#ececea', '--warn-bg': '#fff4e5', '--warn-fg': '#8a4b00',
    '--overlay': 'rgba(0, 0, 0, 0.45)' },
  dark: { '--page': '#212121', '--side': '#171717', '--panel': '#2b2b2b', '--fg': '#ececec', '--muted': '#a3a3a3',
    '--border': '#3d3d3d', '--hover': '#353535', '--skeleton': '#3a3a3a', '--warn-bg': '#3b2a10', '--warn-fg': '#f5c07a',
    '--overlay': 'rgba(0, 0, 0, 0.6)' },
};
const ACCENTS = { claude: '#c96442', chatgpt: '#10a37f', gemini: '#1a73e8' };
const CLAUDE_PAGE = { light: '#faf9f5', dark: '#262624' };

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK JP", "Noto Sans Arabic", "Noto Sans Hebrew", sans-serif';

/** Semantic style keys -> style objects (camelCase CSS properties). */
const STYLES = {
  app: { display: 'flex', minHeight: '100vh', background: 'var(--page)', color: 'var(--fg)', fontFamily: FONT },
  sidebar: { width: '252px', flexShrink: '0', borderRight: '1px solid var(--border)', padding: '12px', background: 'var(--side)',
    display: 'flex', flexDirection: 'column', gap: '2px', boxSizing: 'border-box', minHeight: '100vh' },
  brand: { fontWeight: '700', fontSize: '17px', padding: '6px 10px 14px' },
  navItem: { display: 'block', padding: '7px 10px', borderRadius: '8px', fontSize: '14px', color: 'var(--fg)',
    textDecoration: 'none', cursor: 'pointer', whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' },
  navGroup: { fontSize: '12px', color: 'var(--muted)', padding: '14px 10px 4px', fontWeight: '500' },
  userBox: { marginTop: 'auto', padding: '10px', borderTop: '1px solid var(--border)', fontSize: '13px' },
  main: { flex: '1', minWidth: '0', padding: '32px 48px', boxSizing: 'border-box' },
  column: { maxWidth: '720px', margin: '0 auto' },
  h1: { fontSize: '26px', fontWeight: '600', margin: '0 0 18px' },
  tabs: { display: 'flex', gap: '4px', borderBottom: '1px solid var(--border)', marginBottom: '8px', flexWrap: 'wrap' },
  tab: { padding: '8px 12px', fontSize: '14px', color: 'var(--muted)', cursor: 'pointer', border: 'none', background: 'none',
    textDecoration: 'none', borderBottom: '2px solid transparent', fontFamily: 'inherit' },
  tabActive: { color: 'var(--fg)', borderBottom: '2px solid var(--fg)' },
  section: { padding: '22px 0', borderBottom: '1px solid var(--border)' },
  sectionTitle: { fontSize: '17px', fontWeight: '600', margin: '0 0 6px' },
  desc: { fontSize: '14px', color: 'var(--muted)', margin: '0 0 10px', lineHeight: '1.5' },
  row: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '16px', padding: '10px 0' },
  rowText: { display: 'flex', flexDirection: 'column', gap: '2px', fontSize: '14px' },
  rowLabel: { fontSize: '14px', fontWeight: '500' },
  rowDesc: { fontSize: '13px', color: 'var(--muted)' },
  switch: { width: '38px', height: '22px', borderRadius: '999px', background: 'var(--accent)', position: 'relative', border: 'none',
    cursor: 'pointer', flexShrink: '0', padding: '0' },
  knob: { position: 'absolute', top: '3px', left: '19px', width: '16px', height: '16px', borderRadius: '50%', background: '#fff',
    transition: 'left 120ms' },
  buttons: { display: 'flex', gap: '8px', flexWrap: 'wrap', margin: '12px 0 0' },
  button: { display: 'inline-flex', alignItems: 'center', gap: '6px', padding: '7px 14px', borderRadius: '8px',
    border: '1px solid var(--border)', background: 'var(--panel)', color: 'var(--fg)', fontSize: '14px', fontWeight: '500',
    cursor: 'pointer', fontFamily: 'inherit', textDecoration: 'none', lineHeight: '20px' },
  primary: { background: 'var(--fg)', color: 'var(--page)', border: '1px solid var(--fg)' },
  iconButton: { width: '30px', height: '30px', display: 'inline-flex', alignItems: 'center', justifyContent: 'center',
    border: 'none', background: 'transparent', borderRadius: '6px', color: 'var(--muted)', cursor: 'pointer', padding: '0',
    flexShrink: '0' },
  link: { color: 'var(--accent)', fontSize: '13px', textDecoration: 'underline', cursor: 'pointer' },
  backdrop: { position: 'fixed', inset: '0', background: 'var(--overlay)', display: 'flex', alignItems: 'center',
    justifyContent: 'center', zIndex: '50' },
  dialog: { background: 'var(--panel)', color: 'var(--fg)', borderRadius: '14px', width: 'min(680px, 92vw)', maxHeight: '84vh',
    overflow: 'auto', padding: '22px 24px', boxSizing: 'border-box', boxShadow: '0 20px 60px rgba(0,0,0,0.3)',
    border: '1px solid var(--border)', fontFamily: FONT },
  nativeDialog: { background: 'var(--panel)', color: 'var(--fg)', borderRadius: '14px', width: 'min(680px, 92vw)',
    maxHeight: '84vh', padding: '0', border: '1px solid var(--border)', boxShadow: '0 20px 60px rgba(0,0,0,0.3)', fontFamily: FONT },
  nativeInner: { padding: '22px 24px', maxHeight: '84vh', overflow: 'auto', boxSizing: 'border-box' },
  drawer: { position: 'fixed', top: '0', right: '0', bottom: '0', width: 'min(500px, 92vw)', background: 'var(--panel)',
    color: 'var(--fg)', borderLeft: '1px solid var(--border)', boxShadow: '-12px 0 40px rgba(0,0,0,0.18)', padding: '22px 24px',
    overflow: 'auto', zIndex: '60', boxSizing: 'border-box', fontFamily: FONT },
  popover: { position: 'fixed', inset: 'auto', top: '56px', right: '24px', left: 'auto', bottom: 'auto', margin: '0',
    width: 'min(500px, 92vw)', maxHeight: 'calc(100vh - 80px)', background: 'var(--panel)', color: 'var(--fg)',
    border: '1px solid var(--border)', borderRadius: '14px', boxShadow: '0 16px 48px rgba(0,0,0,0.25)', padding: '20px 22px',
    overflow: 'auto', boxSizing: 'border-box', fontFamily: FONT },
  regionHeader: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: '12px', marginBottom: '6px' },
  title: { fontSize: '20px', fontWeight: '600', margin: '0' },
  caption: { fontSize: '13px', color: 'var(--muted)', margin: '0 0 14px', lineHeight: '1.45' },
  memHeading: { fontSize: '16px', fontWeight: '650', margin: '18px 0 6px' },
  memSubHeading: { fontSize: '14px', fontWeight: '650', margin: '12px 0 4px', color: 'var(--fg)' },
  entries: { margin: '0', padding: '0' },
  bullets: { margin: '0', paddingLeft: '22px' },
  plainList: { margin: '0', padding: '0', listStyle: 'none' },
  entryP: { margin: '0 0 8px', fontSize: '15px', lineHeight: '1.55' },
  entryLi: { margin: '0 0 6px', fontSize: '15px', lineHeight: '1.5' },
  entryRow: { display: 'flex', alignItems: 'flex-start', justifyContent: 'space-between', gap: '12px', padding: '10px 4px',
    borderBottom: '1px solid var(--border)', fontSize: '14px', lineHeight: '20px' },
  entryText: { flex: '1', minWidth: '0', fontSize: '14px', lineHeight: '20px', overflowWrap: 'anywhere' },
  actions: { display: 'flex', gap: '2px', flexShrink: '0' },
  table: { width: '100%', borderCollapse: 'collapse' },
  td: { padding: '10px 8px', borderBottom: '1px solid var(--border)', fontSize: '14px', lineHeight: '20px', verticalAlign: 'top',
    overflowWrap: 'anywhere' },
  tdActions: { width: '70px', textAlign: 'right', padding: '6px 4px', borderBottom: '1px solid var(--border)', verticalAlign: 'top' },
  // overflow-anchor: none, as virtualizers set it: rows replaced under the reader's eyes must
  // not make the browser move the scroll position to keep an anchor in place.
  scroller: { height: '340px', overflowY: 'auto', position: 'relative', border: '1px solid var(--border)', borderRadius: '10px',
    padding: '0 10px', overflowAnchor: 'none' },
  scrollBox: { maxHeight: '300px', overflowY: 'auto', border: '1px solid var(--border)', borderRadius: '10px', padding: '4px 12px' },
  search: { width: '100%', padding: '8px 12px', border: '1px solid var(--border)', borderRadius: '8px', fontSize: '14px',
    margin: '0 0 12px', background: 'transparent', color: 'inherit', boxSizing: 'border-box', fontFamily: 'inherit' },
  spinner: { width: '26px', height: '26px', border: '3px solid var(--border)', borderTopColor: 'var(--accent)', borderRadius: '50%',
    animation: 'drift-spin 0.8s linear infinite', margin: '28px auto' },
  progress: { height: '4px', borderRadius: '2px', background: 'var(--border)', overflow: 'hidden', margin: '24px 0' },
  progressBar: { width: '40%', height: '100%', background: 'var(--accent)', animation: 'drift-slide 1.1s ease-in-out infinite' },
  skeleton: { height: '14px', borderRadius: '6px', background: 'var(--skeleton)', margin: '12px 0',
    animation: 'drift-pulse 1.2s ease-in-out infinite' },
  loadingText: { fontSize: '14px', color: 'var(--muted)', margin: '20px 0' },
  notice: { fontSize: '13px', padding: '8px 12px', borderRadius: '8px', background: 'var(--warn-bg)', color: 'var(--warn-fg)',
    margin: '0 0 12px' },
  count: { fontSize: '12px', color: 'var(--muted)', margin: '0 0 10px' },
  empty: { fontSize: '14px', color: 'var(--muted)', padding: '24px 0', textAlign: 'center' },
  footer: { display: 'flex', justifyContent: 'flex-end', gap: '8px', marginTop: '16px' },
  fieldLabel: { display: 'block', fontSize: '14px', fontWeight: '500', margin: '14px 0 6px' },
  field: { width: '100%', padding: '9px 11px', border: '1px solid var(--border)', borderRadius: '10px', fontSize: '14px',
    fontFamily: 'inherit', background: 'var(--panel)', color: 'inherit', boxSizing: 'border-box', lineHeight: '1.45' },
  textarea: { minHeight: '76px', resize: 'vertical' },
  settingsBody: { display: 'flex', minHeight: '440px' },
  settingsTabs: { width: '190px', flexShrink: '0', padding: '8px', display: 'flex', flexDirection: 'column', gap: '2px',
    borderRight: '1px solid var(--border)' },
  settingsTab: { textAlign: 'left', padding: '8px 10px', borderRadius: '8px', fontSize: '14px', border: 'none',
    background: 'transparent', color: 'var(--fg)', cursor: 'pointer', fontFamily: 'inherit' },
  settingsTabActive: { background: 'var(--hover)', fontWeight: '600' },
  settingsPanel: { flex: '1', minWidth: '0', padding: '4px 22px 22px', overflow: 'auto', maxHeight: '74vh' },
  settingsDialog: { background: 'var(--panel)', color: 'var(--fg)', borderRadius: '16px', width: 'min(880px, 94vw)',
    boxShadow: '0 20px 60px rgba(0,0,0,0.3)', border: '1px solid var(--border)', overflow: 'hidden' },
  settingsHeader: { display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '14px 18px',
    borderBottom: '1px solid var(--border)' },
  composer: { border: '1px solid var(--border)', borderRadius: '26px', padding: '16px 20px', minHeight: '24px',
    color: 'var(--muted)', maxWidth: '680px', margin: '0 auto', fontSize: '15px' },
  greeting: { fontSize: '28px', fontWeight: '500', textAlign: 'center', margin: '22vh 0 28px' },
  topbar: { display: 'flex', alignItems: 'center', gap: '10px', padding: '0 0 20px', fontSize: '18px' },
  chip: { fontSize: '13px', color: 'var(--muted)', border: '1px solid var(--border)', borderRadius: '999px', padding: '2px 10px' },
  block: {},
};

/** Tailwind-like class strings for the utility look (not defined anywhere: only names). */
const UTILITY = {
  app: 'flex min-h-screen bg-bg-000 text-text-100', sidebar: 'flex w-64 flex-col gap-0.5 border-r p-3',
  navItem: 'block truncate rounded-lg px-2.5 py-1.5 text-sm hover:bg-bg-300', navGroup: 'px-2.5 pt-3.5 pb-1 text-xs text-text-500',
  main: 'min-w-0 flex-1 px-12 py-8', column: 'mx-auto max-w-3xl', h1: 'mb-4 text-2xl font-semibold', tabs: 'flex flex-wrap gap-1 border-b',
  tab: 'px-3 py-2 text-sm text-text-300', section: 'border-b py-6', sectionTitle: 'mb-1.5 text-lg font-semibold',
  desc: 'mb-2.5 text-sm text-text-400', row: 'flex items-center justify-between gap-4 py-2.5', switch: 'relative h-5 w-9 rounded-full',
  button: 'inline-flex items-center gap-1.5 rounded-lg border px-3.5 py-1.5 text-sm font-medium',
  iconButton: 'inline-flex h-8 w-8 items-center justify-center rounded-md text-token-text-secondary',
  backdrop: 'fixed inset-0 z-50 flex items-center justify-center bg-black/50',
  dialog: 'max-h-[84vh] w-full max-w-2xl overflow-auto rounded-2xl border bg-token-main-surface-primary p-6 shadow-xl',
  drawer: 'fixed inset-y-0 right-0 z-50 w-[500px] overflow-auto border-l p-6 shadow-2xl', popover: 'rounded-2xl border p-5 shadow-xl',
  regionHeader: 'mb-1.5 flex items-center justify-between gap-3', title: 'text-xl font-semibold', caption: 'mb-3.5 text-[13px] text-text-400',
  memHeading: 'mt-4 mb-1.5 font-semibold', memSubHeading: 'mt-3 mb-1 text-sm font-semibold', bullets: 'list-disc pl-5',
  entryP: 'mb-2 whitespace-pre-wrap', entryLi: 'mb-1.5', entryRow: 'flex items-start justify-between gap-3 border-b px-1 py-2.5',
  entryText: 'whitespace-pre-wrap break-words', actions: 'flex shrink-0 gap-0.5', table: 'w-full border-collapse',
  td: 'border-b px-2 py-2.5 align-top', scroller: 'relative h-[340px] overflow-y-auto rounded-lg border px-2.5',
  scrollBox: 'max-h-[300px] overflow-y-auto rounded-lg border', search: 'mb-3 w-full rounded-lg border px-3 py-2 text-sm',
  spinner: 'mx-auto my-7 h-6 w-6 animate-spin rounded-full border-2', skeleton: 'my-3 h-3.5 animate-pulse rounded-md',
  notice: 'mb-3 rounded-lg px-3 py-2 text-[13px]', empty: 'py-6 text-center text-sm text-token-text-tertiary',
  field: 'w-full rounded-lg border px-3 py-2 text-sm', settingsTab: 'rounded-lg px-2.5 py-2 text-left text-sm',
  composer: 'mx-auto max-w-3xl rounded-3xl border px-5 py-4',
};

const SVG_NS = 'http://www.w3.org/2000/svg';
const ICONS = {
  trash: 'M9 3h6l1 2h4v2H4V5h4l1-2zM6 9h12l-1 12H7L6 9zm4 2v8h1.5v-8H10zm3.5 0v8H15v-8h-1.5z',
  edit: 'M4 17.25V20h2.75L17.8 8.94l-2.75-2.75L4 17.25zM20.7 7.04a1 1 0 0 0 0-1.41l-2.34-2.34a1 1 0 0 0-1.41 0l-1.83 1.83 3.75 3.75 1.83-1.83z',
  close: 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19 12 13.4 17.6 19 19 17.6 13.4 12 19 6.4 17.6 5 12 10.6z',
  plus: 'M11 5h2v6h6v2h-6v6h-2v-6H5v-2h6z',
  search: 'M10 4a6 6 0 1 0 3.87 10.59l4.77 4.77 1.41-1.41-4.77-4.77A6 6 0 0 0 10 4zm0 2a4 4 0 1 1 0 8 4 4 0 0 1 0-8z',
  more: 'M12 8a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4zm0 6a2 2 0 1 0 0-4 2 2 0 0 0 0 4z',
  chevron: 'M8.6 7.4 10 6l6 6-6 6-1.4-1.4 4.6-4.6z',
  chat: 'M4 4h16v12H7l-3 3V4z',
};

// ---------------------------------------------------------------------------------------------
// Rendering: the context and small builders.
// ---------------------------------------------------------------------------------------------

/** Everything the builders share: the document, the render's random source, strings, state. */
function makeContext(variant, doc, state) {
  const f = variant.features;
  const site = variant.site;
  const ctx = {
    doc,
    win: doc.defaultView,
    variant,
    site,
    f,
    p: variant.params,
    state,
    // The render's own random stream: class names, ids, chrome choices.
    r: rng((Math.imul((variant.seed >>> 0) ^ 0x27d4eb2d, 0x165667b1) + SITES.indexOf(site)) >>> 0),
    S: STRINGS[site][f.lang],
    bare: f.aria === 'bare',
    rich: f.chrome !== 'light',
    noisy: f.chrome === 'noisy',
    classes: {},
    ids: 0,
    openStack: [], // open regions, the last on top (Escape closes it)
  };
  ctx.id = (prefix) => {
    ctx.ids += 1;
    if (site === 'chatgpt') return `radix-:r${(ctx.ids * 7).toString(36)}:`;
    if (site === 'gemini') return `${prefix || 'mat-mdc'}-${ctx.ids}`;
    return `${prefix || 'headlessui'}-${ctx.r.className()}-${ctx.ids}`;
  };
  return ctx;
}

/** The class name(s) an element with style `key` gets. */
function classFor(ctx, key) {
  if (ctx.f.css === 'utility') return UTILITY[key] || '';
  if (!(key in ctx.classes)) ctx.classes[key] = ctx.site === 'chatgpt' ? `_${ctx.r.className()}_${ctx.r.int(1, 9)}` : ctx.r.className();
  return ctx.classes[key];
}

/**
 * Element builder. opts: s (style key or keys), style (more styles), attrs, text, on
 * ({event: handler}), cls (extra class). Children that are null/false are skipped.
 */
function h(ctx, tag, opts = {}, ...children) {
  const el = ctx.doc.createElement(tag);
  const keys = [].concat(opts.s || []);
  const classes = keys.map((k) => classFor(ctx, k)).filter(Boolean);
  if (opts.cls) classes.push(opts.cls);
  if (classes.length) el.className = classes.join(' ');
  for (const k of keys) Object.assign(el.style, STYLES[k] || {});
  if (opts.style) Object.assign(el.style, opts.style);
  for (const [name, value] of Object.entries(opts.attrs || {})) {
    if (name === 'style') throw new Error('drift: no style attributes under the CSP');
    if (value === null || value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? '' : String(value));
  }
  if (opts.text !== undefined) el.textContent = opts.text;
  for (const [event, handler] of Object.entries(opts.on || {})) el.addEventListener(event, handler);
  for (const child of children.flat()) if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** An svg icon (aria-hidden). */
function icon(ctx, name, size = 18) {
  const svg = ctx.doc.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('fill', 'currentColor');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = ctx.doc.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', ICONS[name]);
  svg.append(path);
  return svg;
}

/** Makes `el` act on click and, when it is not a native button, on Enter and Space too. */
function onActivate(el, handler) {
  el.addEventListener('click', (event) => {
    event.preventDefault();
    handler(event);
  });
  if (el.tagName !== 'BUTTON') {
    el.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        handler(event);
      }
    });
  }
}

/**
 * A text button. Full ARIA: a <button>, a <div role=button tabindex=0> or an <a role=button>;
 * bare: a <button> or a clickable <div>. `primary` is the filled look.
 */
function textButton(ctx, label, onClick, { primary = false, withIcon = null } = {}) {
  const s = primary ? ['button', 'primary'] : ['button'];
  let tag = 'button';
  let attrs = { type: 'button' };
  const roll = ctx.r.next();
  if (!ctx.bare && roll > 0.8) {
    tag = 'div';
    attrs = { role: 'button', tabindex: '0' };
  } else if (!ctx.bare && roll > 0.7) {
    tag = 'a';
    attrs = { role: 'button', href: '#' };
  } else if (ctx.bare && roll > 0.6) {
    tag = 'div';
    attrs = {};
  }
  const el = h(ctx, tag, { s, attrs }, withIcon && icon(ctx, withIcon, 16), h(ctx, 'span', { text: label }));
  if (onClick) onActivate(el, onClick);
  return el;
}

/** An icon-only button: named by aria-label (bare: by title only), an svg inside. */
function iconButton(ctx, label, name, onClick) {
  const attrs = ctx.bare ? { type: 'button', title: label } : { type: 'button', 'aria-label': label };
  const el = h(ctx, 'button', { s: 'iconButton', attrs }, icon(ctx, name));
  if (onClick) onActivate(el, onClick);
  return el;
}

/** A labelled switch row (role=switch with aria-checked; bare: a clickable div). */
function switchRow(ctx, label, desc, on = true) {
  const labelId = ctx.id('label');
  const knob = h(ctx, 'span', { s: 'knob', attrs: { 'aria-hidden': 'true' } });
  const toggle = ctx.bare
    ? h(ctx, 'div', { s: 'switch' }, knob)
    : h(ctx, 'button', { s: 'switch', attrs: { type: 'button', role: 'switch', 'aria-checked': String(on), 'aria-labelledby': labelId } }, knob);
  const paint = () => {
    toggle.style.background = on ? 'var(--accent)' : 'var(--border)';
    knob.style.left = on ? '19px' : '3px';
    if (!ctx.bare) toggle.setAttribute('aria-checked', String(on));
  };
  paint();
  onActivate(toggle, () => {
    on = !on;
    paint();
  });
  return h(ctx, 'div', { s: 'row' },
    h(ctx, 'div', { s: 'rowText' },
      h(ctx, 'span', { s: 'rowLabel', attrs: { id: labelId }, text: label }),
      desc && h(ctx, 'span', { s: 'rowDesc', text: desc })),
    toggle);
}

/**
 * A memory-region heading in the variant's markup. level 1: a section heading, 2: a sub-head,
 * 0: the region's title.
 */
function heading(ctx, text, level, attrs = {}) {
  const s = level === 0 ? 'title' : level === 1 ? 'memHeading' : 'memSubHeading';
  const kind = ctx.f.heading;
  if (kind === 'h2' || kind === 'h3') {
    const n = Math.min(6, (kind === 'h2' ? 2 : 3) + Math.max(0, level - 1));
    return h(ctx, `h${n}`, { s, attrs, text });
  }
  if (kind === 'strong') return h(ctx, 'p', { s, attrs }, h(ctx, 'strong', { text }));
  if (kind === 'role-heading') return h(ctx, 'div', { s, attrs: { role: 'heading', 'aria-level': String(level + 2), ...attrs }, text });
  return h(ctx, 'div', { s, attrs, style: { fontWeight: level === 2 ? '600' : '700' }, text });
}

/** A page (non-memory) heading: h1-h3, or a role=heading div, or a bold div when bare. */
function pageHeading(ctx, text, n, s = 'sectionTitle', attrs = {}) {
  if (ctx.bare && ctx.r.chance(0.4)) return h(ctx, 'div', { s, attrs, style: { fontWeight: '600' }, text });
  if (!ctx.bare && ctx.r.chance(0.2)) return h(ctx, 'div', { s, attrs: { role: 'heading', 'aria-level': String(n), ...attrs }, text });
  return h(ctx, `h${n}`, { s, attrs, text });
}

/** Puts `line` into `el` as text; split: over a few inline elements, same visible text. */
function fillText(ctx, el, line, split) {
  const words = line.split(' ');
  if (!split || words.length < 3) {
    el.textContent = line;
    return;
  }
  const k = 1 + (line.length % (words.length - 2)); // a middle word, the same on every render
  const tag = ['b', 'strong', 'em', 'span', 'code'][line.length % 5];
  el.textContent = '';
  el.append(
    h(ctx, 'span', { text: `${words.slice(0, k).join(' ')} ` }),
    h(ctx, tag, { text: words[k] }),
    h(ctx, 'span', { text: ` ${words.slice(k + 1).join(' ')}` }),
  );
}

// ---------------------------------------------------------------------------------------------
// Entries: one element per line, in the variant's markup, with its wrappers and buttons.
// ---------------------------------------------------------------------------------------------


/**
 * The builder of one kind of entry list: list() makes an empty list element, item(line, i) an
 * entry, fill(item, line, i) refills an entry (virtual lists recycle them).
 * `buttons`: [{label, icon, onClick(line)}] shown per entry when the variant wraps entries.
 */
function entryKind(ctx, { buttons = [], splitLine = null, entry = ctx.f.entry, wrap = ctx.f.wrap, roles = !ctx.bare }) {
  // Drawn once per page, so that every list of the page looks alike.
  const tags = ctx.f.customTags && ctx.f.customTags !== 'none' ? ctx.f.customTags.split('/') : CUSTOM_TAGS[ctx.site][0];
  ctx.listLook ||= { tags, ordered: ctx.r.chance(0.15), divRoles: ctx.r.chance(0.6) };
  const [listTag, itemTag] = ctx.listLook.tags;
  const withButtons = wrap !== 'bare' && buttons.length > 0;
  const { ordered } = ctx.listLook;
  const divRoles = roles && ctx.listLook.divRoles;
  const makeButtons = (line) => buttons.map((b) => iconButton(ctx, b.label, b.icon, () => b.onClick(line)));

  const list = () => {
    if (entry === 'li') return h(ctx, ordered ? 'ol' : 'ul', { s: withButtons ? 'plainList' : 'bullets' });
    if (entry === 'td') return h(ctx, 'table', { s: 'table' }, h(ctx, 'tbody'));
    if (entry === 'custom') return h(ctx, listTag, { s: 'entries', style: { display: 'block' }, attrs: divRoles ? { role: 'list' } : {} });
    if (entry === 'div') return h(ctx, 'div', { s: 'entries', attrs: divRoles ? { role: 'list' } : {} });
    return h(ctx, 'div', { s: 'entries' });
  };
  /** The element entries are appended to (a table's tbody). */
  const body = (listEl) => (entry === 'td' ? listEl.querySelector('tbody') || listEl : listEl);

  const fill = (item, line, i) => {
    item.textContent = '';
    if (entry === 'td') {
      const td = h(ctx, 'td', { s: 'td' });
      const text = wrap === 'nested' ? h(ctx, 'div', { s: 'entryText' }) : td;
      if (text !== td) td.append(text);
      fillText(ctx, text, line, line === splitLine);
      item.append(td);
      if (withButtons) item.append(h(ctx, 'td', { s: 'tdActions' }, makeButtons(line)));
      return item;
    }
    if (!withButtons) {
      fillText(ctx, item, line, line === splitLine);
      return item;
    }
    const text = h(ctx, 'span', { s: 'entryText' });
    fillText(ctx, text, line, line === splitLine);
    const actions = h(ctx, 'div', { s: 'actions' }, makeButtons(line));
    if (wrap === 'nested') item.append(h(ctx, 'div', { s: 'entryText' }, h(ctx, 'div', {}, text)), actions);
    else item.append(text, actions);
    return item;
  };

  const item = (line, i) => {
    const rowStyle = withButtons ? 'entryRow' : entry === 'p' ? 'entryP' : 'entryLi';
    let el;
    if (entry === 'td') el = h(ctx, 'tr', {});
    else if (entry === 'li') el = h(ctx, 'li', { s: rowStyle });
    else if (entry === 'p') el = h(ctx, withButtons ? 'div' : 'p', { s: rowStyle });
    else if (entry === 'custom') el = h(ctx, itemTag, { s: rowStyle, style: { display: withButtons ? 'flex' : 'block' }, attrs: divRoles ? { role: 'listitem' } : {} });
    else el = h(ctx, 'div', { s: rowStyle, attrs: divRoles ? { role: 'listitem' } : {} });
    return fill(el, line, i);
  };
  return { list, body, item, fill, entry };
}

/** Visual width of a text in "average Latin characters" (CJK and emoji count double). */
function textWeight(text) {
  let w = 0;
  for (const ch of text) w += ch.codePointAt(0) >= 0x2e80 ? 2 : 1;
  return w;
}

/**
 * A virtualized list in a fixed-height scroll container: only the rows in view (plus a few)
 * are in the DOM. mode 'spacer': rows in flow between a top and a bottom spacer, re-created
 * on each scroll; 'transform': rows absolutely placed with translateY, recycled from a pool
 * (their DOM order is then the pool's, not the lines'). Row heights are estimated from the
 * text and fixed, so the scroll height is right before anything is measured.
 */
function virtualList(ctx, kind, mode, { hasButtons }) {
  const overscan = ctx.r.int(0, 3);
  const scroller = h(ctx, 'div', { s: 'scroller', attrs: ctx.bare ? {} : { tabindex: '0' } });
  const listEl = kind.list();
  const rowsParent = kind.body(listEl);
  const top = h(ctx, 'div', { attrs: { 'aria-hidden': 'true' } });
  const bottom = h(ctx, 'div', { attrs: { 'aria-hidden': 'true' } });
  if (mode === 'spacer') scroller.append(top, listEl, bottom);
  else {
    scroller.append(listEl);
    listEl.style.position = 'relative';
  }
  let items = [];
  let heights = [];
  let tops = [];
  let total = 0;
  let width = 0;
  const live = new Map(); // transform mode: index -> row
  const pool = [];

  const measure = () => {
    width = scroller.clientWidth || 560;
    const textWidth = Math.max(160, width - 20 - 16 - (hasButtons ? 72 : 0));
    const perLine = Math.max(10, Math.floor(textWidth / 8.2));
    heights = items.map((line) => Math.max(44, 22 + 20 * Math.ceil(textWeight(line) / perLine)));
    tops = [];
    total = 0;
    for (const height of heights) {
      tops.push(total);
      total += height;
    }
  };
  const place = (row, i) => {
    row.style.height = `${heights[i]}px`;
    row.style.boxSizing = 'border-box';
    row.style.overflow = 'hidden';
    row.setAttribute('data-index', String(i));
    if (!ctx.bare) {
      if (kind.entry === 'td') row.setAttribute('aria-rowindex', String(i + 1));
      else if (row.getAttribute('role') === 'listitem') {
        row.setAttribute('aria-posinset', String(i + 1));
        row.setAttribute('aria-setsize', String(items.length));
      }
    }
  };
  const render = () => {
    if ((scroller.clientWidth || 560) !== width) measure();
    const view = scroller.clientHeight || 340;
    const y = scroller.scrollTop;
    let first = 0;
    while (first < items.length - 1 && tops[first] + heights[first] <= y) first += 1;
    let last = first;
    while (last < items.length - 1 && tops[last + 1] < y + view) last += 1;
    first = Math.max(0, first - overscan);
    last = Math.min(items.length - 1, last + overscan);
    if (mode === 'spacer') {
      top.style.height = `${items.length ? tops[first] : 0}px`;
      bottom.style.height = `${items.length ? total - tops[last] - heights[last] : 0}px`;
      const rows = [];
      for (let i = first; i <= last && items.length; i += 1) {
        const row = kind.item(items[i], i);
        place(row, i);
        rows.push(row);
      }
      rowsParent.replaceChildren(...rows);
      return;
    }
    listEl.style.height = `${total}px`;
    for (const [i, row] of live) {
      if (i < first || i > last || row.dataset.line !== items[i]) {
        live.delete(i);
        pool.push(row);
      }
    }
    for (let i = first; i <= last && items.length; i += 1) {
      if (live.has(i)) continue;
      let row = pool.pop();
      if (row) kind.fill(row, items[i], i);
      else {
        row = kind.item(items[i], i);
        rowsParent.append(row);
      }
      row.dataset.line = items[i];
      Object.assign(row.style, { position: 'absolute', top: '0', left: '0', right: '0', transform: `translateY(${tops[i]}px)`, display: '' });
      place(row, i);
      live.set(i, row);
    }
    for (const row of pool) row.remove();
    pool.length = 0;
  };
  scroller.addEventListener('scroll', render, { passive: true });
  return {
    el: scroller,
    listEl,
    setItems(list) {
      items = [...list];
      measure();
      render();
      // Once attached and laid out, measure again with the real width.
      ctx.win.requestAnimationFrame(() => {
        measure();
        render();
      });
    },
    remove(line) {
      this.setItems(items.filter((x) => x !== line));
    },
  };
}

/**
 * An entry list that lines can be added to over time (chunks): static or virtualized.
 * Returns { el, add(lines), remove(line) }; `el` goes into the page.
 */
function entryList(ctx, lines, { buttons = [], splitLine = null, virtual = 'no', box = false, entry, wrap } = {}) {
  const kind = entryKind(ctx, { buttons, splitLine, entry, wrap });
  if (virtual !== 'no') {
    const vl = virtualList(ctx, kind, virtual, { hasButtons: (wrap || ctx.f.wrap) !== 'bare' && buttons.length > 0 });
    const all = [];
    // Lines added in one go (one chunk) reach the virtual list together, a microtask later.
    let pending = false;
    const flush = () => {
      pending = false;
      vl.setItems(all);
    };
    const api = {
      el: vl.el,
      listEl: vl.listEl,
      add(more) {
        all.push(...more);
        if (!pending) {
          pending = true;
          queueMicrotask(flush);
        }
      },
      remove(line) {
        all.splice(all.indexOf(line), 1);
        vl.setItems(all);
      },
    };
    api.add(lines);
    return api;
  }
  const listEl = kind.list();
  const parent = kind.body(listEl);
  const items = new Map();
  const el = box ? h(ctx, 'div', { s: 'scrollBox', attrs: ctx.bare ? {} : { tabindex: '0' } }, listEl) : listEl;
  const api = {
    el,
    listEl,
    add(more) {
      for (const line of more) {
        const item = kind.item(line, items.size);
        items.set(line, item);
        parent.append(item);
      }
    },
    remove(line) {
      items.get(line)?.remove();
      items.delete(line);
    },
  };
  api.add(lines);
  return api;
}

/**
 * Puts `el` into `parent`, inside an open shadow root of a custom element when `shadow`
 * (the shadow root links memory.css so the keyframes work there too). Returns the host.
 */
function inShadow(ctx, parent, el, tagName) {
  const host = h(ctx, tagName, { style: { display: 'block' } });
  const root = host.attachShadow({ mode: 'open' });
  const sheet = ctx.doc.createElement('link');
  sheet.rel = 'stylesheet';
  sheet.href = '/__drift/memory.css';
  root.append(sheet, el);
  parent.append(host);
  return host;
}

// ---------------------------------------------------------------------------------------------
// Regions: the part of the page that shows the memory (or the edits). Opened by a button
// (dialog, drawer) or always there (inline); its content arrives at once, late or in chunks.
// ---------------------------------------------------------------------------------------------

/**
 * Builds a region's shell and its open/close behaviour.
 *   name        'memory' | 'edits' (driftState.regions[name])
 *   container   'dialog' | 'drawer' | 'inline'
 *   shell       see FEATURE_VALUES.shell
 *   title       the region's title text; label: its accessible name (shell 'label')
 *   content     (slots, done) => void: fills slots.head, slots.intro and slots.body (loading
 *               included) and calls done() once everything has arrived; returns a cancel
 *   inlineParent  where an inline region goes; revealParent: where a 'revealed' shell waits
 *   shadow      put the region in a shadow root
 * Returns { open(), close(), isOpen() }.
 */
function makeRegion(ctx, { name, container, shell, modal, title, content, inlineParent, revealParent, shadow, closeKind, onClose }) {
  const regionState = { open: false, complete: false, opens: 0, closes: 0 };
  ctx.state.regions[name] = regionState;
  const doc = ctx.doc;
  let outer = null; // what goes into (or out of) the page: the shadow host or the shell
  let shellEl = null; // the dialog / drawer element
  let cancelContent = null;
  let outsideHandler = null;
  const region = { name, handlesEscape: false };

  const titleId = ctx.id('title');
  const hostTag = { claude: 'memory-panel', chatgpt: 'memories-modal', gemini: 'saved-info-page' }[ctx.site] + (name === 'edits' ? '-edits' : '');

  /** The inside of the region: head (title + close), intro, body, footer. */
  const buildInside = () => {
    const head = h(ctx, 'div', { s: 'regionHeader' });
    const titleEl = heading(ctx, title, 0, shell === 'labelledby' || (shell === 'native' && !ctx.bare) ? { id: titleId } : {});
    head.append(titleEl);
    if (closeKind === 'text') head.append(textButton(ctx, ctx.S.close, () => region.close()));
    if (closeKind === 'icon') head.append(iconButton(ctx, ctx.S.close, 'close', () => region.close()));
    const intro = h(ctx, 'div', {});
    const body = h(ctx, 'div', {});
    const footer = h(ctx, 'div', { s: 'footer' });
    if (closeKind === 'done') footer.append(textButton(ctx, ctx.S.done, () => region.close(), { primary: true }));
    return { head, intro, body, footer, all: [head, intro, body, footer] };
  };

  const fill = (target) => {
    const slots = buildInside();
    target.replaceChildren(...slots.all);
    regionState.complete = false;
    cancelContent = content(slots, () => {
      regionState.complete = true;
    }, target);
  };

  const attach = (parent, el) => {
    if (shadow) outer = inShadow(ctx, parent, el, hostTag);
    else {
      parent.append(el);
      outer = el;
    }
  };

  const shellAttrs = () => {
    const attrs = {};
    if (ctx.bare) return attrs;
    if (container === 'dialog') {
      attrs.role = 'dialog';
      if (shell === 'labelledby') attrs['aria-labelledby'] = titleId;
      if (shell === 'label') attrs['aria-label'] = title;
      if (modal === 'yes') attrs['aria-modal'] = 'true';
    } else if (container === 'drawer') {
      const role = ctx.r.pick(['complementary', 'region', null, 'dialog']);
      if (role) attrs.role = role;
      if (role && ctx.r.chance(0.6)) attrs['aria-label'] = title;
    }
    return attrs;
  };

  // Inline: the region is part of the page from the start.
  if (container === 'inline') {
    region.open = () => {};
    region.close = () => {};
    region.isOpen = () => true;
    const box = h(ctx, 'div', { attrs: ctx.bare ? {} : ctx.r.chance(0.4) ? { role: 'region', 'aria-label': title } : {} });
    attach(inlineParent, box);
    regionState.open = true;
    regionState.inline = true;
    regionState.opens = 1;
    fill(box);
    return region;
  }

  // A 'revealed' drawer: an empty, hidden shell already in the page, shown on open.
  if (shell === 'revealed') {
    shellEl = h(ctx, 'div', { s: 'drawer', attrs: shellAttrs() });
    const hideWithAttr = ctx.r.chance(0.5);
    const hide = () => {
      if (hideWithAttr) shellEl.hidden = true;
      else shellEl.style.display = 'none';
    };
    hide();
    attach(revealParent || doc.body, shellEl);
    region.reveal = () => {
      shellEl.hidden = false;
      shellEl.style.display = '';
    };
    region.hide = hide;
  }

  const listenOutside = (inside) => {
    // Registered after the opening click has finished bubbling.
    ctx.win.setTimeout(() => {
      outsideHandler = (event) => {
        const path = event.composedPath();
        if (!path.includes(inside) && !path.includes(region.opener)) region.close();
      };
      doc.addEventListener('click', outsideHandler);
    }, 0);
  };

  region.isOpen = () => regionState.open;
  region.open = () => {
    if (regionState.open) return;
    regionState.open = true;
    regionState.opens += 1;
    ctx.openStack.push(region);
    region.handlesEscape = false;
    if (shell === 'native') {
      const dialog = h(ctx, 'dialog', { s: 'nativeDialog', attrs: !ctx.bare && ctx.r.chance(0.7) ? { 'aria-labelledby': titleId } : {} });
      const inner = h(ctx, 'div', { s: 'nativeInner' });
      dialog.append(inner);
      attach(doc.body, dialog);
      shellEl = dialog;
      fill(inner);
      dialog.showModal();
      // Escape: the browser's cancel; a click on the dialog itself is a click on its backdrop.
      dialog.addEventListener('cancel', (event) => {
        event.preventDefault();
        region.close();
      });
      dialog.addEventListener('close', () => region.close());
      dialog.addEventListener('click', (event) => {
        if (event.target === dialog) region.close();
      });
      region.handlesEscape = true;
    } else if (shell === 'popover') {
      const pop = h(ctx, 'div', { s: 'popover', attrs: { ...shellAttrs(), popover: 'auto' } });
      attach(doc.body, pop);
      shellEl = pop;
      fill(pop);
      pop.showPopover();
      // Light dismiss (Escape, a click outside) closes a popover; keep the state in step.
      pop.addEventListener('toggle', (event) => {
        if (event.newState === 'closed') region.close();
      });
      region.handlesEscape = true;
    } else if (shell === 'revealed') {
      fill(shellEl);
      region.reveal();
      listenOutside(shellEl);
    } else if (container === 'drawer') {
      shellEl = h(ctx, 'div', { s: 'drawer', attrs: shellAttrs() });
      attach(doc.body, shellEl);
      fill(shellEl);
      listenOutside(shellEl);
    } else {
      // A div dialog (role=dialog, or none when bare) over a backdrop; a click on the backdrop closes it.
      shellEl = h(ctx, 'div', { s: 'dialog', attrs: shellAttrs() });
      const backdrop = h(ctx, 'div', { s: 'backdrop', attrs: { 'data-state': 'open' } }, shellEl);
      backdrop.addEventListener('click', (event) => {
        if (event.target === backdrop) region.close();
      });
      attach(doc.body, backdrop);
      fill(shellEl);
    }
    if (!ctx.bare && region.opener && region.opener.getAttribute('aria-haspopup') !== null) region.opener.setAttribute('aria-expanded', 'true');
  };

  region.close = () => {
    if (!regionState.open) return;
    regionState.open = false;
    regionState.complete = false;
    regionState.closes += 1;
    ctx.openStack.splice(ctx.openStack.indexOf(region), 1);
    if (cancelContent) cancelContent();
    cancelContent = null;
    if (outsideHandler) doc.removeEventListener('click', outsideHandler);
    outsideHandler = null;
    if (shell === 'native' && shellEl.open) shellEl.close();
    if (shell === 'popover' && shellEl.matches(':popover-open')) shellEl.hidePopover();
    // Removed, or hidden with its content kept (some apps keep a closed dialog mounted; a new
    // one is made on reopening). Native dialogs and popovers are hidden by close/hidePopover.
    if (shell === 'revealed') region.hide();
    else if (onClose === 'remove') outer.remove();
    else if (shell !== 'native' && shell !== 'popover') outer.style.display = 'none';
    if (!ctx.bare && region.opener && region.opener.getAttribute('aria-haspopup') !== null) region.opener.setAttribute('aria-expanded', 'false');
    region.opener?.focus?.();
  };
  return region;
}

/** Escape closes the region on top (popovers and native dialogs do it themselves). */
function listenEscape(ctx) {
  ctx.doc.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return;
    const top = ctx.openStack[ctx.openStack.length - 1];
    if (top && !top.handlesEscape) top.close();
  });
}

/** Wires `button` to open `region`. */
function opens(ctx, button, region) {
  region.opener = button;
  if (!ctx.bare && ctx.r.chance(0.5)) {
    button.setAttribute('aria-haspopup', 'dialog');
    button.setAttribute('aria-expanded', 'false');
  }
  onActivate(button, () => (region.isOpen() ? null : region.open()));
}

/**
 * Delivers a region's body: `units` (functions that append one piece each) at once, after a
 * placeholder (late), or in chunks, then calls done(). Returns a cancel function.
 * The placeholder goes into `body`; `target` gets aria-busy while loading when asked.
 */
function deliver(ctx, { body, target, intro, introNow = true, units, done }) {
  const { loading, placeholder } = ctx.f;
  const timers = [];
  const later = (ms, fn) => timers.push(ctx.win.setTimeout(fn, ms));
  const runAll = (list) => list.forEach((unit) => unit());
  const cancel = () => timers.forEach((t) => ctx.win.clearTimeout(t));
  if (loading === 'instant') {
    runAll(intro);
    runAll(units);
    done();
    return cancel;
  }
  if (loading === 'chunks') {
    runAll(intro);
    const k = Math.max(1, Math.min(ctx.p.chunks, units.length || 1));
    const size = Math.ceil(units.length / k) || 1;
    let at = 0;
    for (let i = 0; i < k; i += 1) {
      at += i === 0 ? ctx.p.delayMs : ctx.p.chunkGapMs;
      const part = units.slice(i * size, (i + 1) * size);
      const last = i === k - 1;
      later(at, () => {
        runAll(part);
        if (last) done();
      });
    }
    return cancel;
  }
  // late: interface lines may come at once or with the content; a placeholder meanwhile.
  if (introNow) runAll(intro);
  let ph = null;
  const S = ctx.S;
  if (placeholder === 'spinner') {
    ph = h(ctx, 'div', { s: 'spinner', attrs: ctx.bare ? {} : { role: 'status', 'aria-label': S.loading[0] } });
  } else if (placeholder === 'progressbar') {
    ph = h(ctx, 'div', { s: 'progress', attrs: ctx.bare ? {} : { role: 'progressbar', 'aria-label': S.loading[0] } }, h(ctx, 'div', { s: 'progressBar' }));
  } else if (placeholder === 'text') {
    ph = h(ctx, 'p', { s: 'loadingText', text: ctx.r.pick(S.loading) });
  } else if (placeholder === 'skeleton') {
    ph = h(ctx, 'div', { attrs: { 'aria-hidden': 'true' } },
      Array.from({ length: ctx.r.int(3, 6) }, (_, i) => h(ctx, 'div', { s: 'skeleton', style: { width: `${60 + ((i * 37) % 40)}%` } })));
  } else if (placeholder === 'busy') {
    (target || body).setAttribute('aria-busy', 'true');
  }
  if (ph) body.append(ph);
  later(ctx.p.delayMs, () => {
    ph?.remove();
    if (placeholder === 'busy') (target || body).setAttribute('aria-busy', 'false');
    if (!introNow) runAll(intro);
    runAll(units);
    done();
  });
  return cancel;
}

// ---------------------------------------------------------------------------------------------
// Page chrome shared by the sites: a sidebar of navigation and recent chats (text that is not
// memory), and a way to delete a line that the page records.
// ---------------------------------------------------------------------------------------------

function sidebar(ctx, { brand, items, groups, footer, label }) {
  const tag = ctx.bare ? 'div' : ctx.site === 'gemini' ? 'side-navigation' : 'nav';
  const nav = h(ctx, tag, { s: 'sidebar', attrs: ctx.bare ? {} : { 'aria-label': label } });
  if (tag === 'side-navigation') nav.style.display = 'flex';
  nav.append(h(ctx, 'div', { s: 'brand', text: brand }));
  for (const item of items) nav.append(h(ctx, 'a', { s: 'navItem', attrs: { href: '#' }, text: item }));
  for (const [title, chats] of groups) {
    nav.append(h(ctx, 'div', { s: 'navGroup', text: title }));
    const list = h(ctx, ctx.bare ? 'div' : 'ol', { s: 'plainList' });
    for (const chat of chats) {
      const link = h(ctx, 'a', { s: 'navItem', attrs: { href: `/chat/${ctx.r.className()}` }, text: chat });
      list.append(ctx.bare ? link : h(ctx, 'li', {}, link));
    }
    nav.append(list);
  }
  if (footer) nav.append(h(ctx, 'div', { s: 'userBox' }, footer.map((text) => h(ctx, 'div', { text }))));
  return nav;
}

/** Records that a line's delete button was pressed, and removes it through `remove`. */
function deleter(ctx, remove) {
  return (line) => {
    ctx.state.deleted.push(line);
    remove(line);
  };
}

/** A search box (noisy chrome): filters nothing, only there. */
function searchBox(ctx, placeholder) {
  return h(ctx, 'input', { s: 'search', attrs: { type: 'search', placeholder, ...(ctx.bare ? {} : { 'aria-label': placeholder }) } });
}

/** The shell of a second region (Claude's edits) chosen within the variant's ARIA style. */
function secondShell(ctx, container) {
  if (container === 'drawer') return ctx.r.pick(['panel', 'popover', 'revealed']);
  return ctx.bare ? ctx.r.pick(['native', 'plain']) : ctx.r.pick(['labelledby', 'label', 'unnamed', 'native']);
}

// ---------------------------------------------------------------------------------------------
// Claude: Settings > Capabilities, section Memory; "View and edit your memory" and "Manage edits".
// ---------------------------------------------------------------------------------------------

function renderClaude(ctx, root) {
  const { S, f, variant } = ctx;
  const truth = variant.truth.parts;
  ctx.doc.title = `${S.settings} - Claude`;
  const nav = sidebar(ctx, {
    brand: 'Claude',
    items: S.nav,
    groups: [[S.recents, ctx.r.shuffle(S.chats).slice(0, ctx.r.int(3, 8))]],
    footer: [S.user, S.plan],
    label: 'Sidebar',
  });
  const main = h(ctx, ctx.bare ? 'div' : 'main', { s: 'main' });
  const column = h(ctx, 'div', { s: 'column' });
  main.append(column);
  column.append(pageHeading(ctx, S.settings, 1, 'h1'));
  const tabs = h(ctx, ctx.bare ? 'div' : 'nav', { s: 'tabs', attrs: ctx.bare ? {} : { 'aria-label': S.settings } });
  for (const tab of S.tabs) {
    const active = tab === S.activeTab;
    tabs.append(h(ctx, 'a', { s: active ? ['tab', 'tabActive'] : 'tab', attrs: { href: '#', 'aria-current': !ctx.bare && active ? 'page' : null }, text: tab }));
  }
  column.append(tabs);

  // The Memory section.
  const section = h(ctx, ctx.bare ? 'div' : 'section', { s: 'section' });
  section.append(pageHeading(ctx, S.memory, 2));
  section.append(h(ctx, 'p', { s: 'desc', text: S.memoryDesc }));
  for (const [label, desc] of S.switches) section.append(switchRow(ctx, label, ctx.rich ? desc : null));
  if (ctx.rich) section.append(h(ctx, 'a', { s: 'link', attrs: { href: '#' }, text: S.learnMore }));
  const inlineSlot = h(ctx, 'div', { style: { margin: '14px 0 0' } });
  section.append(inlineSlot);
  const buttons = h(ctx, 'div', { s: 'buttons' });
  section.append(buttons);
  if (ctx.rich) section.append(h(ctx, 'p', { s: 'desc', style: { marginTop: '12px' }, text: S.importHint }));
  column.append(section);
  const others = ctx.rich ? S.sections : S.sections.slice(0, 1);
  for (const [title, desc] of others) {
    const other = h(ctx, ctx.bare ? 'div' : 'section', { s: 'section' });
    other.append(pageHeading(ctx, title, 2));
    other.append(switchRow(ctx, desc, null, ctx.r.chance(0.6)));
    column.append(other);
  }
  root.append(nav, main);

  // The memory: sections of headings and entries, as the variant's layout says.
  const memory = makeRegion(ctx, {
    name: 'memory',
    container: f.container,
    shell: f.shell,
    modal: f.modal,
    title: S.title,
    inlineParent: inlineSlot,
    revealParent: ctx.r.chance(0.5) ? main : ctx.doc.body,
    shadow: f.shadow === 'region',
    closeKind: f.close,
    onClose: f.onClose,
    content: (slots, done, target) => claudeMemoryContent(ctx, slots, done, target, truth.memory),
  });
  if (f.opener !== 'none') {
    const view = textButton(ctx, f.opener, null);
    opens(ctx, view, memory);
    buttons.append(view);
  }
  buttons.append(textButton(ctx, S.startImport, () => {}));

  // The person's own edits, behind "Manage edits".
  if (f.editsContainer !== 'none') {
    const shell = secondShell(ctx, f.editsContainer);
    const edits = makeRegion(ctx, {
      name: 'edits',
      container: f.editsContainer,
      shell,
      modal: shell === 'native' || (!ctx.bare && ctx.r.chance(0.5)) ? 'yes' : 'no',
      title: OPENER_LABELS.claudeEdits[f.lang].exact[0], // "Manage edits", whatever the button says
      revealParent: ctx.doc.body,
      shadow: false,
      closeKind: ctx.r.pick(['text', 'icon']),
      onClose: f.onClose,
      content: (slots, done, target) => claudeEditsContent(ctx, slots, done, target, truth.edits),
    });
    const manage = textButton(ctx, f.editsOpener, null);
    opens(ctx, manage, edits);
    buttons.append(manage);
  }
}

/** Fills Claude's memory region: caption, then the sections (at once, late or in chunks). */
function claudeMemoryContent(ctx, slots, done, target, lines) {
  const { S, f, variant } = ctx;
  const intro = [() => slots.intro.append(h(ctx, 'p', { s: 'caption', text: ctx.r.pick(S.captions) }))];
  if (ctx.rich) intro.push(() => slots.intro.append(h(ctx, 'p', { s: 'count', text: S.updated })));
  if (ctx.noisy) {
    intro.push(() => slots.intro.append(searchBox(ctx, S.search)));
    intro.push(() => slots.intro.append(h(ctx, 'a', { s: 'link', attrs: { href: '#' }, text: S.learnMore })));
  }
  // Where the sections go: the body, or a scroll box, or a shadow root inside it.
  let sectionsEl = h(ctx, 'div', { s: 'block' });
  const box = f.scroll === 'box' ? h(ctx, 'div', { s: 'scrollBox' }) : null;
  const outerEl = box || slots.body;
  if (f.shadow === 'list') inShadow(ctx, outerEl, sectionsEl, 'memory-markdown');
  else outerEl.append(sectionsEl);
  if (box) slots.body.append(box);
  const splitLine = f.split === 'yes' ? lines[Math.floor(lines.length / 2)] : null;
  const buttons = f.wrap === 'bare' ? [] : [
    { label: S.edit, icon: 'edit', onClick: () => {} },
    { label: ctx.r.pick(S.delete), icon: 'trash', onClick: deleter(ctx, (line) => listOf.get(line)?.remove(line)) },
  ];
  const listOf = new Map();
  const units = [];
  let at = 0;
  let current = null;
  for (const section of variant.layout.sections) {
    const text = variant.features.lang === 'fr' ? CLAUDE_HEADINGS[section.heading] : section.heading;
    units.push(() => {
      sectionsEl.append(heading(ctx, text, section.level));
      current = null;
    });
    for (let i = 0; i < section.count; i += 1) {
      const line = lines[at];
      at += 1;
      units.push(() => {
        if (!current) {
          current = entryList(ctx, [], { buttons, splitLine });
          sectionsEl.append(current.el);
        }
        current.add([line]);
        listOf.set(line, current);
      });
    }
  }
  return deliver(ctx, { body: sectionsEl, target, intro, introNow: ctx.r.chance(0.5), units, done });
}

/** Fills Claude's edits region: caption and the list of edits, each with a delete button. */
function claudeEditsContent(ctx, slots, done, target, edits) {
  const { S } = ctx;
  const intro = [() => slots.intro.append(h(ctx, 'p', { s: 'caption', text: S.editsCaption }))];
  const units = [];
  if (!edits.length) units.push(() => slots.body.append(h(ctx, 'p', { s: 'empty', text: S.noEdits })));
  else {
    let list = null;
    const remove = deleter(ctx, (line) => list.remove(line));
    const entry = ctx.r.pick(['li', 'div', 'p', 'custom']);
    units.push(() => {
      list = entryList(ctx, [], { buttons: [{ label: ctx.r.pick(S.delete), icon: 'trash', onClick: remove }], entry, wrap: ctx.r.pick(['buttons', 'nested']) });
      slots.body.append(list.el);
    });
    for (const line of edits) units.push(() => list.add([line]));
  }
  // The edits arrive the way the memory does (same loading feature).
  return deliver(ctx, { body: slots.body, target, intro, units, done });
}

// ---------------------------------------------------------------------------------------------
// ChatGPT: the Settings dialog (opened by #settings/Personalization) with the custom
// instructions and the Memory section; "Manage" opens "Saved memories".
// ---------------------------------------------------------------------------------------------

function renderChatgpt(ctx, root, ready) {
  const { S, f, variant } = ctx;
  ctx.doc.title = 'ChatGPT';
  const groups = [];
  const chats = ctx.r.shuffle(S.chats);
  groups.push([S.groups[0], chats.slice(0, 3)], [S.groups[1], chats.slice(3, 5)]);
  if (ctx.rich) groups.push([S.groups[2], chats.slice(5, 9)]);
  const nav = sidebar(ctx, { brand: 'ChatGPT', items: S.nav, groups, footer: ['Ada Lovelace', 'Plus'], label: 'Chat history' });
  const main = h(ctx, ctx.bare ? 'div' : 'main', { s: 'main' },
    h(ctx, 'h1', { s: 'greeting', text: S.greeting }),
    h(ctx, 'div', { s: 'composer', attrs: { contenteditable: 'true', role: ctx.bare ? null : 'textbox', 'aria-label': ctx.bare ? null : S.composer, 'data-placeholder': S.composer } },
      h(ctx, 'p', { style: { margin: '0' } })));
  root.append(nav, main);

  // The settings dialog, a little after the page, as the app opens it from the fragment.
  let settings = null;
  const openSettings = () => {
    if (settings) {
      settings.style.display = '';
      return;
    }
    settings = chatgptSettings(ctx, () => {
      settings.style.display = 'none';
      ctx.win.history.replaceState(null, '', ctx.win.location.pathname + ctx.win.location.search);
    });
    ctx.doc.body.append(settings);
    ready();
  };
  ctx.win.setTimeout(openSettings, ctx.r.int(80, 350));
  ctx.win.addEventListener('hashchange', () => {
    if (/settings\/personalization/i.test(ctx.win.location.hash)) openSettings();
  });
  return variant;
}

/** The Settings dialog with its Personalization panel. */
function chatgptSettings(ctx, onClose) {
  const { S, f, variant } = ctx;
  const titleId = ctx.id();
  const dialog = h(ctx, 'div', {
    s: 'settingsDialog',
    attrs: ctx.bare ? {} : { role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': titleId },
  });
  const backdrop = h(ctx, 'div', { s: 'backdrop', style: { zIndex: '40' } }, dialog);
  const header = h(ctx, 'div', { s: 'settingsHeader' },
    h(ctx, ctx.bare ? 'div' : 'h2', { s: 'title', style: { fontSize: '18px' }, attrs: { id: titleId }, text: S.settings }),
    iconButton(ctx, S.close, 'close', onClose));
  const tabList = h(ctx, 'div', { s: 'settingsTabs', attrs: ctx.bare ? {} : { role: 'tablist', 'aria-orientation': 'vertical' } });
  for (const tab of S.tabs) {
    const active = tab === S.activeTab;
    tabList.append(h(ctx, 'button', {
      s: active ? ['settingsTab', 'settingsTabActive'] : 'settingsTab',
      attrs: ctx.bare ? { type: 'button' } : { type: 'button', role: 'tab', 'aria-selected': String(active), 'data-testid': ctx.r.chance(0.5) ? `${tab.toLowerCase().replace(/\W+/g, '-')}-tab` : null },
      text: tab,
    }));
  }
  const panel = h(ctx, 'div', { s: 'settingsPanel', attrs: ctx.bare ? {} : { role: 'tabpanel' } });
  dialog.append(header, h(ctx, 'div', { s: 'settingsBody' }, tabList, panel));

  const custom = chatgptCustomInstructions(ctx, variant.truth.parts.fields);
  const memorySection = h(ctx, ctx.bare ? 'div' : 'section', { s: 'section' });
  memorySection.append(pageHeading(ctx, S.memory, 3));
  for (const [label, desc] of S.switches) memorySection.append(switchRow(ctx, label, desc));
  const lines = variant.truth.parts.memory;
  const pct = variant.truth.empty ? 0 : Math.min(100, Math.round(lines.length * ctx.r.int(110, 160) / 100 + ctx.r.int(0, 12)));
  ctx.usage = pct;
  const manageRow = h(ctx, 'div', { s: 'row' }, h(ctx, 'span', { s: 'rowDesc', text: ctx.r.chance(0.7) ? S.usage(pct) : S.usageShort(pct) }));
  memorySection.append(manageRow);
  const inlineSlot = h(ctx, 'div', {});
  memorySection.append(inlineSlot);
  const sections = ctx.r.chance(0.6) ? [custom, memorySection] : [memorySection, custom];
  if (ctx.rich) {
    const advanced = h(ctx, ctx.bare ? 'div' : 'section', { s: 'section' }, pageHeading(ctx, S.advanced, 3));
    for (const [label, desc] of S.other) advanced.append(switchRow(ctx, label, desc, ctx.r.chance(0.7)));
    sections.push(advanced);
  }
  panel.append(...sections);

  const region = makeRegion(ctx, {
    name: 'memory',
    container: f.container,
    shell: f.shell,
    modal: f.modal,
    title: S.title,
    inlineParent: inlineSlot,
    revealParent: ctx.r.chance(0.5) ? panel : ctx.doc.body,
    shadow: f.shadow === 'region',
    closeKind: f.close,
    onClose: f.onClose,
    content: (slots, done, target) => listContent(ctx, slots, done, target, lines, {
      title: S.title,
      help: S.help,
      empty: S.empty,
      buttons: (remove) => [{ label: ctx.r.pick(S.delete), icon: 'trash', onClick: remove }],
      extraIntro: () => {
        const out = [];
        if (ctx.rich) {
          out.push(pct >= 95 ? h(ctx, 'div', { s: 'notice', attrs: ctx.bare ? {} : { role: 'status' } }, h(ctx, 'strong', { text: `${S.full}. ` }), S.fullHint)
            : h(ctx, 'p', { s: 'count', text: S.usage(pct) }));
        }
        if (ctx.noisy) out.push(h(ctx, 'p', { s: 'count', text: S.count(lines.length) }), searchBox(ctx, S.search));
        return out;
      },
      footer: ctx.rich ? () => textButton(ctx, S.deleteAll, () => ctx.state.deleted.push('(all)')) : null,
      shadowTag: 'memory-table-view',
    }),
  });
  if (f.opener !== 'none') {
    const manage = textButton(ctx, f.opener, null);
    opens(ctx, manage, region);
    manageRow.append(manage);
  }
  return backdrop;
}

/** The custom-instruction fields, with the truth's values, labelled as the variant says. */
function chatgptCustomInstructions(ctx, fields) {
  const { S, f } = ctx;
  const section = h(ctx, ctx.bare ? 'div' : 'section', { s: 'section' });
  section.append(pageHeading(ctx, S.custom, 3));
  section.append(switchRow(ctx, ...S.customSwitch));
  const named = ctx.r.chance(0.5);
  const valueOf = new Map(fields.map((x) => [x.label, x.value]));
  CHATGPT_FORMS[f.fieldsForm].forEach((key, i) => {
    const spec = CHATGPT_FIELDS[key];
    const label = f.fieldsForm !== 'classic' && spec.enNew ? (f.lang === 'fr' ? spec.frNew : spec.enNew) : spec[f.lang];
    const value = valueOf.get(spec.label) || '';
    const field = h(ctx, spec.tag, {
      s: spec.tag === 'textarea' ? ['field', 'textarea'] : 'field',
      attrs: { name: named ? key : null, placeholder: S.placeholders[i % S.placeholders.length], maxlength: spec.tag === 'textarea' ? '1500' : '100', rows: spec.tag === 'textarea' ? '3' : null, type: spec.tag === 'input' ? 'text' : null },
    });
    if (spec.tag === 'textarea') field.textContent = value;
    else if (value) field.setAttribute('value', value);
    field.value = value;
    const id = ctx.id();
    let block;
    if (f.fieldLabel === 'label-for') {
      field.id = id;
      block = h(ctx, 'div', {}, h(ctx, 'label', { s: 'fieldLabel', attrs: { for: id }, text: label }), field);
    } else if (f.fieldLabel === 'wrapping') {
      block = h(ctx, 'label', { s: 'fieldLabel' }, h(ctx, 'span', { style: { display: 'block', marginBottom: '6px' }, text: label }), field);
    } else if (f.fieldLabel === 'aria-label') {
      field.setAttribute('aria-label', label);
      block = h(ctx, 'div', {}, h(ctx, 'div', { s: 'fieldLabel', attrs: { 'aria-hidden': 'true' }, text: label }), field);
    } else if (f.fieldLabel === 'labelledby') {
      field.setAttribute('aria-labelledby', id);
      block = h(ctx, 'div', {}, h(ctx, 'div', { s: 'fieldLabel', attrs: { id }, text: label }), field);
    } else {
      block = h(ctx, 'div', {}, h(ctx, 'div', { s: 'fieldLabel', text: label }), field);
    }
    section.append(block);
  });
  section.append(h(ctx, 'div', { s: 'footer' }, textButton(ctx, S.cancel, () => {}), textButton(ctx, S.save, () => {}, { primary: true })));
  return section;
}

/**
 * Fills a list-shaped memory region (ChatGPT's Saved memories, Gemini's Saved info): help
 * text and chrome, then the entries (or the empty-state text), each with its buttons.
 */
function listContent(ctx, slots, done, target, lines, { title, help, empty, buttons, extraIntro, footer, head, shadowTag }) {
  const { f, variant } = ctx;
  const intro = [];
  if (help && (ctx.site === 'gemini' || ctx.r.chance(0.85))) intro.push(() => slots.intro.append(h(ctx, 'p', { s: 'caption', text: help })));
  if (head) intro.push(() => slots.intro.append(...head()));
  if (extraIntro) intro.push(() => slots.intro.append(...extraIntro()));
  if (footer) intro.push(() => slots.footer.prepend(footer()));
  const units = [];
  if (variant.truth.empty) {
    units.push(() => slots.body.append(h(ctx, 'p', { s: 'empty', text: empty })));
  } else {
    let list = null;
    const remove = deleter(ctx, (line) => list.remove(line));
    const splitLine = f.split === 'yes' ? lines[Math.floor(lines.length / 3)] : null;
    const make = () => {
      if (list) return;
      list = entryList(ctx, [], { buttons: buttons(remove), splitLine, virtual: f.virtualized, box: f.scroll === 'box' });
      if (f.shadow === 'list') inShadow(ctx, slots.body, list.el, shadowTag);
      else slots.body.append(list.el);
      // Full ARIA: the list is often named after the region ("Saved info").
      if (!ctx.bare && ctx.r.chance(0.6)) list.listEl.setAttribute('aria-label', title);
    };
    // Lines arrive one unit each; chunks group them.
    lines.forEach((line) => units.push(() => {
      make();
      list.add([line]);
    }));
  }
  return deliver(ctx, { body: slots.body, target, intro, introNow: ctx.r.chance(0.6), units, done });
}

// ---------------------------------------------------------------------------------------------
// Gemini: the Saved info page, inline only.
// ---------------------------------------------------------------------------------------------

function renderGemini(ctx, root) {
  const { S, f, variant } = ctx;
  ctx.doc.title = 'Gemini';
  const nav = sidebar(ctx, {
    brand: S.product,
    items: S.nav,
    groups: [[S.recents, ctx.r.shuffle(S.chats).slice(0, ctx.r.int(3, 8))]],
    footer: [S.settingsHelp],
    label: 'Main menu',
  });
  const main = h(ctx, ctx.bare ? 'div' : 'main', { s: 'main' });
  const top = h(ctx, 'div', { s: 'topbar' }, h(ctx, 'span', { text: S.product }), h(ctx, 'span', { s: 'chip', text: S.model }));
  const column = h(ctx, 'div', { s: 'column' });
  main.append(top, column);
  root.append(nav, main);
  const lines = variant.truth.parts.memory;
  makeRegion(ctx, {
    name: 'memory',
    container: 'inline',
    shell: 'page',
    title: S.title,
    inlineParent: column,
    shadow: f.shadow === 'region',
    closeKind: 'none',
    onClose: 'remove',
    content: (slots, done, target) => listContent(ctx, slots, done, target, lines, {
      title: S.title,
      help: S.help,
      empty: S.empty,
      buttons: (remove) => [
        { label: S.edit, icon: 'edit', onClick: () => {} },
        { label: ctx.r.pick(S.delete), icon: 'trash', onClick: remove },
      ],
      head: () => {
        const out = [];
        if (ctx.rich) out.push(h(ctx, 'p', { s: 'desc' }, `${S.helpMore} `, h(ctx, 'a', { s: 'link', attrs: { href: '#' }, text: S.learnMore })));
        if (ctx.noisy) out.push(switchRow(ctx, ...S.switchRow), searchBox(ctx, S.search), h(ctx, 'p', { s: 'count', text: S.count(lines.length) }));
        out.push(h(ctx, 'div', { s: 'buttons', style: { margin: '0 0 14px' } }, textButton(ctx, S.add, () => {}, { withIcon: 'plus' })));
        return out;
      },
      shadowTag: 'saved-info-entries',
    }),
  });
}

// ---------------------------------------------------------------------------------------------
// The entry point.
// ---------------------------------------------------------------------------------------------

/**
 * Builds `variant`'s page in `document` and keeps window.driftState up to date (see the top of
 * this file). The page appears after params.bootMs, like an app that renders after its
 * scripts have loaded.
 */
export function renderMemory(variant, document) {
  const win = document.defaultView;
  const state = { kind: 'memory', variant, rendered: false, regions: {}, deleted: [] };
  win.driftState = state;
  const ctx = makeContext(variant, document, state);
  const html = document.documentElement;
  html.lang = variant.features.lang;
  const palette = { ...PALETTES[variant.features.theme], '--accent': ACCENTS[variant.site] };
  if (variant.site === 'claude') palette['--page'] = CLAUDE_PAGE[variant.features.theme];
  for (const [name, value] of Object.entries(palette)) html.style.setProperty(name, value);
  html.style.colorScheme = variant.features.theme;
  document.body.style.margin = '0';
  document.body.style.background = 'var(--page)';
  listenEscape(ctx);
  // Links that go nowhere ("Learn more", the sidebar's) must not change the URL's fragment
  // (ChatGPT's settings live in it).
  document.addEventListener('click', (event) => {
    const target = event.composedPath()[0];
    if (target instanceof win.Element && target.closest('a[href="#"]')) event.preventDefault();
  });

  const rootTag = variant.site === 'gemini' ? 'app-root' : 'div';
  const root = h(ctx, rootTag, { s: 'app', attrs: { id: variant.site === 'gemini' ? null : ctx.r.pick(['root', '__next', 'app']) } });
  let pageReady = variant.site !== 'chatgpt'; // ChatGPT: once its settings dialog is up
  const boot = () => {
    state.bootedAt = Math.round(win.performance.now());
    document.body.append(root);
    if (variant.site === 'claude') renderClaude(ctx, root);
    else if (variant.site === 'chatgpt') renderChatgpt(ctx, root, () => { pageReady = true; });
    else renderGemini(ctx, root);
    // Rendered: the page is built and every region shown without a click has all its content.
    const poll = win.setInterval(() => {
        const inlineRegions = Object.values(state.regions).filter((r) => r.inline);
      if (pageReady && inlineRegions.every((r) => r.complete)) {
        state.rendered = true;
        state.renderedAt = Math.round(win.performance.now());
        win.clearInterval(poll);
      }
    }, 20);
  };
  if (variant.params.bootMs > 0) win.setTimeout(boot, variant.params.bootMs);
  else boot();
  return state;
}
