// Named cases of the drift simulator: each replays a failure issue 12 reports, as a variant
// with some features fixed (the rest drawn from the case's seed), served under
// ?drift=case:<name>. And the seeds that once failed, run again on every drift run.
//
//   namedCase(name)   -> a full variant (kind 'memory' for now), url carrying case:<name>
//   CASES             -> the names, in order
//   REGRESSION_SEEDS  -> { memory: { claude: [], chatgpt: [], gemini: [] },
//                          import: { claude: [], chatgpt: [], gemini: [] } }
//
// A case is { kind, site, seed, overrides, why }. Only memory cases exist so far; an import
// case would be written the same way with kind 'import', and namedCase would build it with
// import.mjs's importVariant (add it to BUILDERS: this file does not import import.mjs, so
// that it runs without it).

import { memoryVariant, memoryUrl } from './memory.mjs';

/** How a case of each kind becomes a variant, and its URL. */
const BUILDERS = {
  memory: {
    variant: memoryVariant,
    url: (variant, name) => memoryUrl(variant.site, `case:${name}`, variant.features),
  },
};

const DEFINITIONS = {
  // memport once said "Saved 3 memories from Claude" here: the three edits, none of the nine
  // memory lines, which arrived 250 ms after the dialog and its caption.
  'claude-late-dialog': {
    kind: 'memory',
    site: 'claude',
    seed: 12001,
    why: 'the dialog shows its caption at once, the headings and 9 entries 250 ms later; "Manage edits" holds 3 corrections',
    overrides: {
      lang: 'en',
      container: 'dialog',
      shell: 'labelledby',
      modal: 'yes',
      aria: 'full',
      heading: 'h3',
      entry: 'li',
      wrap: 'bare',
      labels: 'exact',
      opener: 'View and edit your memory',
      loading: 'chunks',
      chunks: 1,
      delayMs: 250,
      lines: 9,
      edits: 3,
      editsContainer: 'dialog',
      editsOpener: 'Manage edits',
      close: 'text',
      shadow: 'none',
      scroll: 'flow',
    },
  },
  // The memory on the page itself, under its headings: nothing to open.
  'claude-inline': {
    kind: 'memory',
    site: 'claude',
    seed: 12002,
    why: 'the memory is shown inline under the Memory section: headings and lists, no dialog, no "View and edit" button',
    overrides: {
      lang: 'en',
      container: 'inline',
      shell: 'page',
      labels: 'exact',
      heading: 'h3',
      entry: 'li',
      wrap: 'bare',
      loading: 'instant',
      shadow: 'none',
      scroll: 'flow',
    },
  },
  // "Saved memories" titled by a bare <h2> (no aria-labelledby), rows in a virtualized table.
  'chatgpt-h2-table': {
    kind: 'memory',
    site: 'chatgpt',
    seed: 12003,
    why: 'the Saved memories dialog is titled by an <h2> with no aria-labelledby, its rows in a virtualized <table>',
    overrides: {
      lang: 'en',
      container: 'dialog',
      shell: 'unnamed',
      modal: 'yes',
      aria: 'full',
      heading: 'h2',
      entry: 'td',
      wrap: 'buttons',
      virtualized: 'spacer',
      lines: 45,
      empty: 'no',
      labels: 'exact',
      opener: 'Manage',
      loading: 'instant',
      shadow: 'none',
    },
  },
  // The opener reworded: "Manage memories" instead of "Manage".
  'chatgpt-manage-memories': {
    kind: 'memory',
    site: 'chatgpt',
    seed: 12004,
    why: 'the opener of Saved memories is labelled "Manage memories" instead of "Manage"',
    overrides: {
      lang: 'en',
      container: 'dialog',
      shell: 'labelledby',
      aria: 'full',
      labels: 'added',
      opener: 'Manage memories',
      lines: 12,
      empty: 'no',
      shadow: 'none',
    },
  },
  // Saved info as custom elements.
  'gemini-custom-elements': {
    kind: 'memory',
    site: 'gemini',
    seed: 12005,
    why: 'the Saved info entries are <saved-info-item> elements inside <saved-info-list>',
    overrides: {
      lang: 'en',
      entry: 'custom',
      customTags: 'saved-info-list/saved-info-item',
      virtualized: 'no',
      empty: 'no',
      shadow: 'none',
    },
  },
};

/** The names of the named cases. */
export const CASES = Object.keys(DEFINITIONS);

/**
 * Pages for the capture bench (tests/bench/capture.mjs), not run by the drift test: 500
 * entries, all in the page, and 500 rows of a virtualized list.
 */
const BENCH = {
  'bench-500-gemini': {
    kind: 'memory',
    site: 'gemini',
    seed: 13001,
    why: '500 saved-info entries, all in the page',
    overrides: {
      lang: 'en', entry: 'li', wrap: 'buttons', virtualized: 'no', loading: 'instant', empty: 'no',
      shadow: 'none', scroll: 'flow', lines: 500,
    },
  },
  'bench-500-chatgpt': {
    kind: 'memory',
    site: 'chatgpt',
    seed: 13002,
    why: '500 saved memories in a virtualized table',
    overrides: {
      lang: 'en', container: 'dialog', shell: 'labelledby', aria: 'full', entry: 'td', wrap: 'buttons',
      virtualized: 'spacer', lines: 500, empty: 'no', labels: 'exact', opener: 'Manage', loading: 'instant',
      shadow: 'none',
    },
  },
};
export const BENCH_CASES = Object.keys(BENCH);
Object.assign(DEFINITIONS, BENCH);

/** Seeds that once failed, per kind and site (run again by every drift run). */
export const REGRESSION_SEEDS = {
  memory: {
    // A plain-div opener; a skeleton with a hashed class; "Updated yesterday" read as memory.
    claude: [236517575, 1397171571, 1293890303, 1542122677, 776018376],
    // A list virtualized by the pane around it; "Chargement…"; "Memory" before "Saved memories";
    // custom-instruction fields labelled only by the line above them; a late list in a shadow
    // root, read before it came because two gauges side by side looked like a list; an empty
    // list under switches with no role, their descriptions saved as memories.
    chatgpt: [1977151444, 1123708091, 868753378, 1244796736, 1159747813, 373046688, 202068740, 530558959,
      1179023256],
    // memport's own button beside the "Saved info" heading; a late list under two captions,
    // a switch's row and "3 éléments", read before it came; an empty list's switch row read
    // before its empty-state text, under "0 éléments".
    gemini: [810833561, 1265328560, 31326420, 1422852630, 1500881040],
  },
  import: {
    // Rich editors read back with blank lines between paragraphs; a box inspect saw that the
    // page put aside before the put (it was filled anyway and success said); Quill's clipboard
    // helper, visible in a shadow root while the editor was still disabled, filled instead;
    // a box on the page (no dialog) under words no locator knows ("Step 2: Paste here"),
    // shown late after "Start import" and disabled a while; a French box in a popover the page
    // opened itself, named only by "Étape 2 : Collez ici".
    claude: [425953436, 686526963, 1126972836, 1518513655, 1653876076, 221831578],
    // Fields behind "Customize ChatGPT".
    chatgpt: [535948371, 1358061998, 611769315],
    // An opener that reads like the box's label; a feedback box larger than the import box;
    // a bare "Continuer" before the box; a Lexical box known only by the placeholder it draws
    // over itself.
    gemini: [1660410504, 520195891, 936832493, 1634980013, 704739955],
  },
};

/** The named case `name` as a full variant, its URL carrying ?drift=case:<name>. */
export function namedCase(name) {
  const definition = DEFINITIONS[name];
  if (!definition) throw new Error(`drift: no named case "${name}" (known: ${CASES.join(', ')})`);
  const builder = BUILDERS[definition.kind];
  if (!builder) throw new Error(`drift: named case "${name}" is of kind ${definition.kind}, which cases.mjs cannot build yet`);
  const variant = builder.variant(definition.site, definition.seed, definition.overrides);
  return { ...variant, url: builder.url(variant, name), caseName: name, why: definition.why };
}
