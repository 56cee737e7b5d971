// memport's page code: carries out plans the Rust core made, and reports plain data back.
//
// It runs in the extension's isolated world of a page, injected by the service worker
// (chrome.scripting, see loadAgent in extension/browser.js) only when a capture, fill, check,
// picker or answer capture starts there; the page watcher (page/watch.js), the only script
// pages load, asks for it when its button is pressed. It knows no
// site: every selector, label, timeout and message arrives in the plan (see
// crate/page/capture.rs, crate/targets/fill.rs). It decides nothing about memory; it finds
// elements, reads text, fills a box, asks the person, and says what happened.
//
// Page text is untrusted: it is only ever read as text and written with textContent.

(() => {
  if (globalThis.memportAgent) return; // Injected again into the same page: keep the first.

  // Elements each ARIA role covers, explicitly or by their tag.
  const ROLE_SELECTORS = {
    button: 'button, [role="button"], input[type="button"], input[type="submit"]',
    heading: 'h1, h2, h3, h4, h5, h6, [role="heading"]',
    dialog: 'dialog[open], [role="dialog"], [role="alertdialog"]',
    textbox:
      'textarea, input:not([type]), input[type="text"], [contenteditable=""], [contenteditable="true"], [contenteditable="plaintext-only"], [role="textbox"]',
    switch: '[role="switch"]',
    list: 'ul, ol, [role="list"]',
  };
  const EDITABLE = ROLE_SELECTORS.textbox;
  // What memport itself draws on a page (the host of each closed shadow root, see ui()):
  // never read, never a target, never "what appeared".
  const OURS = '[data-memport]';

  // ---- The page as a person sees it: across open shadow roots -----------------------------

  /** The parent in the rendered (composed) tree: a slot for slotted nodes, a host for a shadow root's children. */
  function parentOf(node) {
    if (node.assignedSlot) return node.assignedSlot;
    if (node.parentElement) return node.parentElement;
    const root = node.parentNode;
    return root instanceof ShadowRoot ? root.host : null;
  }

  /** `el.closest(sel)` that climbs out of shadow roots. */
  function closestDeep(el, sel) {
    for (let n = el; n; n = parentOf(n)) {
      if (n.nodeType === Node.ELEMENT_NODE && n.matches(sel)) return n;
    }
    return null;
  }

  /** Whether `inner` is `outer` or inside it, shadow roots included. */
  function within(outer, inner) {
    for (let n = inner; n; n = parentOf(n)) if (n === outer) return true;
    return false;
  }

  /** Every open shadow root under `root` (an element, a document or a shadow root). */
  function shadowRoots(root) {
    const out = [];
    const visit = (r) => {
      for (const el of r.querySelectorAll('*')) {
        if (el.shadowRoot) {
          out.push(el.shadowRoot);
          visit(el.shadowRoot);
        }
      }
    };
    if (root.shadowRoot) {
      out.push(root.shadowRoot);
      visit(root.shadowRoot);
    }
    visit(root);
    return out;
  }

  /** `querySelectorAll` that also looks inside open shadow roots. */
  function queryDeep(root, sel) {
    const out = [];
    if (root instanceof Element && root.matches(sel)) out.push(root);
    out.push(...root.querySelectorAll(sel));
    for (const r of shadowRoots(root)) out.push(...r.querySelectorAll(sel));
    return out;
  }

  /**
   * Calls `visit(node)` on every node under `root` in rendered order: a shadow root's content
   * instead of its host's children, a slot's assigned nodes where the slot stands.
   */
  function walkComposed(root, visit) {
    const go = (node) => {
      if (visit(node) === false) return; // The visitor skips this subtree.
      if (node.nodeType !== Node.ELEMENT_NODE) return;
      if (node.shadowRoot) {
        for (const child of node.shadowRoot.childNodes) go(child);
        return;
      }
      if (node.localName === 'slot') {
        const assigned = node.assignedNodes({ flatten: true });
        for (const child of assigned.length ? assigned : node.childNodes) go(child);
        return;
      }
      for (const child of node.childNodes) go(child);
    };
    go(root);
  }

  /** The text under `el`, shadow roots included, with no layout (cheap; for change checks). */
  function deepText(el) {
    let text = '';
    walkComposed(el, (node) => {
      if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue;
      else if (node.nodeType === Node.ELEMENT_NODE && node.matches('script, style, template, ' + OURS)) return false;
      return true;
    });
    return text;
  }

  // A box the person could type into: read-only and disabled ones are never fill targets.
  function writable(el) {
    if (el.matches('[readonly], :disabled, [aria-readonly="true"], [aria-disabled="true"]')) return false;
    if (closestDeep(el, '[aria-busy="true"]')) return false; // Still loading: not yet.
    if (el.isContentEditable === false && el.getAttribute('contenteditable') === 'false') return false;
    if (el instanceof HTMLInputElement && !['', 'text', 'search'].includes(el.type)) return false;
    if (!(isField(el) || el.isContentEditable)) return false;
    // A box no one could type in is not the box: an editor's helper (Quill's .ql-clipboard,
    // out of the tab order, 1px high at -100000px) takes text the page never reads.
    if (el.isContentEditable && el.getAttribute('tabindex') === '-1' && !el.matches(':focus')) return false;
    const r = el.getBoundingClientRect();
    if (r.right + scrollX <= 0 || r.bottom + scrollY <= 0) return false;
    return r.width >= 2 && r.height >= 2;
  }

  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const norm = (s) => squash(s).toLowerCase();

  function visible(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true, opacityProperty: true });
    return el.getClientRects().length > 0;
  }

  /** The element `id` names, in the document or in `el`'s own shadow root. */
  function byId(el, id) {
    const root = el.getRootNode();
    return (root.getElementById ? root.getElementById(id) : null) ?? document.getElementById(id);
  }

  /** A <label>'s own words, without the value of the box it wraps. */
  function labelText(label) {
    let text = '';
    walkComposed(label, (node) => {
      if (node.nodeType === Node.TEXT_NODE) text += node.nodeValue;
      return !(node.nodeType === Node.ELEMENT_NODE && node.matches('textarea, select, input, [contenteditable]:not([contenteditable="false"])'));
    });
    return text;
  }

  // The name a screen reader would announce, near enough for matching labels.
  function accessibleName(el) {
    const aria = el.getAttribute('aria-label');
    if (aria && squash(aria)) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by
        .split(/\s+/)
        .map((id) => byId(el, id)?.textContent ?? '')
        .join(' ');
      if (squash(text)) return text;
    }
    if (el.labels && el.labels.length) return [...el.labels].map(labelText).join(' ');
    for (const attr of ['placeholder', 'aria-placeholder', 'data-placeholder', 'title']) {
      const v = el.getAttribute(attr);
      if (v && squash(v)) return v;
    }
    if (el.matches('dialog, [role="dialog"], [role="alertdialog"]')) {
      // A dialog without a label is known by its first heading.
      const heading = queryDeep(el, 'h1, h2, h3, h4, h5, h6, [role="heading"]').find(visible);
      return heading ? heading.textContent : '';
    }
    // A rich editor shows its placeholder on its empty first paragraph (ProseMirror, tiptap).
    const shown = el.isContentEditable ? el.querySelector(':scope > [data-placeholder]') : null;
    if (shown && squash(shown.getAttribute('data-placeholder'))) return shown.getAttribute('data-placeholder');
    // Lexical draws its placeholder as a sibling laid over the empty editor, which clicks go
    // through (pointer-events: none): what a person reads in the box.
    if (el.isContentEditable && el.parentElement) {
      const r = el.getBoundingClientRect();
      for (const sib of el.parentElement.children) {
        if (sib === el || sib.isContentEditable || !visible(sib) || !squash(sib.textContent)) continue;
        const s = sib.getBoundingClientRect();
        const over = s.left >= r.left - 1 && s.top >= r.top - 1 && s.right <= r.right + 1 && s.bottom <= r.bottom + 1;
        if (over && getComputedStyle(sib).pointerEvents === 'none') return sib.textContent;
      }
    }
    if (el.matches('textarea, input, [contenteditable]:not([contenteditable="false"])')) return '';
    return deepText(el);
  }

  // ---- Labels that drift ------------------------------------------------------------------
  //
  // Sites reword their buttons ("Manage" becomes "Manage memories", "View and edit your
  // memory" becomes "View and edit memory"). A name matches a wanted label when it is equal,
  // when it holds the label's words in order, or when most of the label's meaningful words
  // are in it. The better the match, the earlier the element is tried.

  // Words that say little on their own, in the languages of the site files.
  const STOP = new Set(('a an the and or of to in on for your you my me is are be it this that with by at from as ' +
    'le la les un une des et ou de du à au aux en votre vos mon ma mes ce cette est sur pour par avec ' +
    'der die das ein eine und oder zu im am für dein deine ihr ist mit von ' +
    'el los las una y o del al en tu tus su es con por para ' +
    // Question words and the assistants' own names: every field on these pages has them.
    'what how should would like do does can which who have want chatgpt claude gemini ' +
    'que quoi comment quel quels quelle doit souhaitez voulez').split(' '));

  /** Lowercase words, accents and punctuation gone, plural endings trimmed. */
  function words(s) {
    return norm(s)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\p{L}\p{N}\s]/gu, ' ')
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => (w.length > 4 && w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  }

  /**
   * How well the name `have` matches the label `want`: 3 equal, 2 the label's words in
   * order inside the name (fewer extra words is better), 1 most meaningful words shared; 0 no.
   */
  function labelScore(have, want) {
    const h = words(have);
    const w = words(want);
    if (h.length === 0 || w.length === 0) return 0;
    if (h.join(' ') === w.join(' ')) return 3;
    if (h.length > Math.max(12, w.length + 6)) return 0; // A paragraph that happens to hold the words is no label.
    const hs = ` ${h.join(' ')} `;
    if (hs.includes(` ${w.join(' ')} `)) return 2 + 0.5 / (1 + h.length - w.length);
    // The name is the label shortened ("Paste the response" for "Paste the response here").
    if (` ${w.join(' ')} `.includes(hs) && h.filter((x) => !STOP.has(x)).length >= 2) return 1.5;
    // The label with words left out ("Paste here" for "Paste the response here").
    if (h.filter((x) => !STOP.has(x)).length >= 2) {
      let at = 0;
      for (const x of w) if (x === h[at]) at += 1;
      if (at === h.length) return 1.25;
    }
    const meaningful = w.filter((x) => !STOP.has(x));
    if (meaningful.length === 0) return 0;
    const shared = meaningful.filter((x) => h.includes(x)).length;
    const extra = h.filter((x) => !STOP.has(x) && !w.includes(x)).length;
    const ratio = shared / meaningful.length;
    if (ratio >= 0.75 && extra <= 2 && shared >= Math.min(2, meaningful.length)) return 1 + ratio * 0.5 - extra * 0.1;
    return 0;
  }

  /**
   * Controls a page made of plain elements (a div with a click handler, no role): a short text
   * of its own, under a pointer cursor or focusable, that reads like one of `names`.
   */
  function clickables(root, names) {
    const out = [];
    for (const el of queryDeep(root, 'div, span, a, li, p, [tabindex]')) {
      if (closestDeep(el, OURS) || el.matches(ROLE_SELECTORS.button)) continue;
      const text = squash(deepText(el));
      if (!text || text.split(' ').length > 8) continue;
      // The element itself, not a wrapper around one that is.
      if ([...el.children].some((c) => squash(deepText(c)) === text)) continue;
      const style = getComputedStyle(el);
      if (style.cursor !== 'pointer' && !el.hasAttribute('tabindex')) continue;
      const score = Math.max(0, ...names.map((n) => labelScore(text, n)));
      if (score > 0) out.push({ el, score: Math.min(score, 2.9) });
    }
    return out;
  }

  /**
   * `labelScore`, plus a looser match for a box's label, where only writable boxes compete
   * and the other boxes' labels are held against it: most meaningful words shared, whatever
   * was added or dropped around them ("Paste here below" for "Paste the response here"); or
   * the label shortened with a few words added around it ("Step 2: Paste here").
   */
  function looseScore(have, want) {
    const strict = labelScore(have, want);
    if (strict) return strict;
    const all = words(have);
    const h = all.filter((x) => !STOP.has(x));
    const w = words(want).filter((x) => !STOP.has(x));
    if (h.length === 0 || h.length > w.length + 3) return 0;
    const shared = w.filter((x) => h.includes(x)).length;
    if (shared >= 2 && shared / Math.max(h.length, w.length) >= 0.6) return 1;
    const run = shortenedRun(all, words(want)).filter((x) => !STOP.has(x)).length;
    return run >= 2 && run * 2 >= w.length && h.length - run <= 3 ? 1 : 0;
  }

  /**
   * The longest stretch of the name's words `h` that is the label `w` with words left out
   * (its words in the label's order), as those words.
   */
  function shortenedRun(h, w) {
    let best = [];
    for (let i = 0; i < h.length; i += 1) {
      let at = 0;
      let j = i;
      for (; j < h.length; j += 1) {
        while (at < w.length && w[at] !== h[j]) at += 1;
        if (at === w.length) break;
        at += 1;
      }
      if (j - i > best.length) best = h.slice(i, j);
    }
    return best;
  }

  /** The best score of `el`'s accessible name against any of `names`. */
  function nameScore(el, names) {
    if (names.length === 0) return 1;
    const name = accessibleName(el);
    return Math.max(0, ...names.map((n) => labelScore(name, n)));
  }

  /**
   * The text a person reads as a box's label when the page gives it none: the nearest text
   * before it (a heading, a label, a line) within a few levels of its wrappers.
   */
  function textAbove(el) {
    let node = el;
    for (let depth = 0; depth < 4 && node; depth += 1) {
      let sib = node.previousElementSibling;
      for (let n = 0; sib && n < 3; n += 1, sib = sib.previousElementSibling) {
        if (sib.matches(`${OURS}, script, style, template`)) continue;
        // Another box stands between: the text above is its label, not this box's.
        if (sib.matches(EDITABLE) || queryDeep(sib, EDITABLE).length) return '';
        const text = squash(deepText(sib));
        if (text && text.split(' ').length <= 24 && visible(sib)) {
          // A label stands just above its box: text far above belongs to something else
          // (a field that has not rendered yet, a section's heading).
          const gap = el.getBoundingClientRect().top - sib.getBoundingClientRect().bottom;
          return gap <= 120 ? text : '';
        }
      }
      node = parentOf(node);
    }
    return '';
  }

  /**
   * Whether a person could see and click `el`: not a sliver, not parked off the page (Quill's
   * hidden paste buffer sits at left: -10000px; it is no box to fill).
   */
  function perceivable(el) {
    const r = el.getBoundingClientRect();
    return r.width >= 8 && r.height >= 8 && r.right + window.scrollX > 0 && r.bottom + window.scrollY > 0;
  }

  /** Whether `el` has a label of its own (not a placeholder): aria-label, aria-labelledby, <label>. */
  function labelledOwn(el) {
    if (squash(el.getAttribute('aria-label'))) return true;
    const by = el.getAttribute('aria-labelledby');
    if (by && by.split(/\s+/).some((id) => squash(byId(el, id)?.textContent))) return true;
    return Boolean(el.labels && [...el.labels].some((l) => squash(labelText(l))));
  }

  /** The outermost editable of a rich editor (a contenteditable inside one is part of it). */
  function editorRoot(el) {
    let box = el;
    while (box && !isField(box) && parentOf(box)?.isContentEditable) box = parentOf(box);
    return box;
  }

  /**
   * By meaning: writable boxes whose label, placeholder or the text above them reads like one
   * of `loc.names` (and not more like one of `loc.avoid`), best first.
   */
  function labelledBoxes(loc, root) {
    const boxes = [...new Set(queryDeep(root, EDITABLE).map(editorRoot))].filter(
      (el) => el && writable(el) && visible(el) && perceivable(el) && !closestDeep(el, OURS),
    );
    const scoreOf = (el, names) => {
      if (names.length === 0) return 0;
      const own = squash(accessibleName(el));
      const wrapping = closestDeep(el, 'label');
      const texts = [own, wrapping ? squash(labelText(wrapping)) : ''].filter(Boolean);
      let best = Math.max(0, ...texts.flatMap((t) => names.map((n) => looseScore(t, n))));
      // The text above speaks for a box only when the box has no label of its own: a box
      // labelled otherwise ("What should ChatGPT call you?") is another box.
      if (best < 2 && !labelledOwn(el)) {
        const above = textAbove(el);
        if (above) best = Math.max(best, ...names.map((n) => looseScore(above, n) - 0.25));
      }
      return best;
    };
    return boxes
      .map((el) => ({ el, score: scoreOf(el, loc.names), against: scoreOf(el, loc.avoid ?? []) }))
      .filter((c) => c.score >= 1 && c.score > c.against)
      .sort((a, b) => b.score - a.score)
      .map(({ el }) => ({ el, how: `${describe(loc)}: ${el.localName}${el.getRootNode() instanceof ShadowRoot ? ' in a shadow root' : ''}`, meaning: true }));
  }

  function describe(loc) {
    if (loc.by === 'css') return `css ${loc.css}`;
    if (loc.by === 'picked') return `where you pointed (${loc.css})`;
    if (loc.by === 'role') return `role ${loc.role}${loc.names.length ? ` "${loc.names[0]}"` : ''}`;
    if (loc.by === 'labelled') return `the box labelled like "${loc.names[0] ?? ''}"`;
    return `largest editable box${loc.within ? ` in ${loc.within}` : ''}`;
  }

  /** What a locator finds, best first, each with how it was found: [{el, how}]. */
  function candidates(loc, root) {
    try {
      if (loc.by === 'css' || loc.by === 'picked') {
        return queryDeep(root, loc.css).filter((el) => !el.closest(OURS)).map((el) => ({ el, how: describe(loc) }));
      }
      if (loc.by === 'role') {
        const sel = ROLE_SELECTORS[loc.role] ?? `[role="${loc.role}"]`;
        let scored = queryDeep(root, sel)
          .filter((el) => !closestDeep(el, OURS))
          .map((el) => ({ el, score: nameScore(el, loc.names) }))
          .filter((c) => c.score > 0);
        if (scored.length === 0 && loc.role === 'button' && loc.names.length) scored = clickables(root, loc.names);
        // Stable: among equals, document order.
        scored.sort((a, b) => b.score - a.score);
        return scored.map(({ el, score }) => {
          const name = squash(accessibleName(el));
          const drifted = score < 3 && loc.names.length > 0;
          return { el, how: `${describe(loc)}${drifted ? ` (as "${name.slice(0, 60)}")` : ''}`, meaning: drifted };
        });
      }
      if (loc.by === 'labelled') return labelledBoxes(loc, root);
      if (loc.by === 'largest_editable') {
        const scopes = loc.within ? queryDeep(root, loc.within) : [root];
        const boxes = scopes.flatMap((s) => queryDeep(s, EDITABLE)).filter((el) => writable(el) && perceivable(el) && !closestDeep(el, OURS));
        const area = (el) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
        return boxes.filter(visible).sort((a, b) => area(b) - area(a)).map((el) => ({ el, how: describe(loc) }));
      }
    } catch (e) {
      return []; // A selector the browser rejects finds nothing; the next locator is tried.
    }
    return [];
  }

  /** The first visible element any locator finds, tried in order: {el, how} or null. */
  function findOne(locators, root = document) {
    for (const loc of locators) {
      const found = candidates(loc, root).find((c) => visible(c.el));
      if (found) return found;
    }
    return null;
  }

  /**
   * Resolves when `check()` returns something truthy (re-checked after every DOM change, and
   * at least every `everyMs`), or with null after `timeoutMs`. Never polls forever.
   */
  function waitUntil(check, timeoutMs, everyMs = 250) {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => {
      let scheduled = false;
      let done = false;
      const finish = (value) => {
        if (done) return;
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        clearInterval(ticker);
        resolve(value);
      };
      const run = () => {
        scheduled = false;
        if (done) return;
        const got = check();
        if (got) finish(got);
      };
      const observer = new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        // Coalesce bursts of mutations; setTimeout (unlike rAF) also runs in background tabs.
        setTimeout(run, 30);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
      for (const r of shadowRoots(document)) observer.observe(r, { childList: true, subtree: true, characterData: true, attributes: true });
      // Some changes are not DOM changes (time passing, a shadow root made later).
      const ticker = setInterval(run, everyMs);
      const timer = setTimeout(() => finish(check() || null), timeoutMs);
    });
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // ---- Reading -------------------------------------------------------------------------

  const BLOCK_TAGS =
    'h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, td, th, caption, figcaption, summary, div, section, article, [role="heading"], [role="listitem"], [role="row"], [role="cell"], [role="gridcell"]';
  // Controls and their labels, icons, progress and status: the page's interface, never memory.
  const SKIP =
    'button, [role="button"], [role="switch"], [role="checkbox"], [role="radio"], [role="slider"], [role="tab"], ' +
    '[role="tablist"], [role="menu"], [role="menuitem"], [role="progressbar"], [role="tooltip"], [aria-hidden="true"], ' +
    'script, style, noscript, template, svg, input, select, textarea, label, nav, ' + OURS;

  /** A setting's row: its label and description beside its switch, the page's own words. */
  function settingRow(el) {
    return Boolean(el.querySelector(':scope > [role="switch"], :scope > * > [role="switch"]'));
  }

  /** The heading level of `el` when it is a heading (`h2`, role=heading with aria-level), else null. */
  function headingTag(el) {
    const m = /^h([1-6])$/.exec(el.localName);
    if (m) return el.localName;
    if (el.getAttribute('role') === 'heading' || el.hasAttribute('aria-level')) {
      const level = Number.parseInt(el.getAttribute('aria-level') || '2', 10);
      return `h${Math.min(6, Math.max(1, level || 2))}`;
    }
    return null;
  }

  /**
   * The text under `root` as blocks in rendered order: [{tag, text, strong}]. Each text node
   * belongs to its nearest block (a block tag, or any element not laid out inline); <br> is a
   * line break; controls, their labels and memport's own nodes are left out; open shadow roots
   * are read where they stand. Each of `frames` ({el, text}: a code block and its code) stands
   * as one block {tag: 'code', text, code: true} where it begins, and nothing inside it is read
   * as text. `roots` may be one element or several (a heading's section). With `shapes`,
   * each block also says how it stands (see markShapes): for Rust to tell a list's entries
   * from the page around them.
   */
  function collectBlocks(roots, frames = [], { shapes = false } = {}) {
    const list = Array.isArray(roots) ? roots : [roots];
    const blocks = [];
    let current = null;
    const placed = new Set();
    const display = new Map(); // Each element's layout, asked once.
    const isBlock = (el) => {
      if (el.matches(BLOCK_TAGS)) return true;
      let d = display.get(el);
      if (d === undefined) {
        d = getComputedStyle(el).display;
        display.set(el, d);
      }
      return d !== 'inline' && d !== 'contents' && d !== 'none';
    };
    const skipped = new Map();
    const skip = (el) => {
      let s = skipped.get(el);
      if (s === undefined) {
        // A short link ("Learn more") is the page's, a long one may be part of a memory; a
        // setting's row (its label and description beside its switch) is the page's too.
        s = el.matches(SKIP) || (el.localName === 'a' && squash(el.textContent).split(' ').length <= 4) ||
          settingRow(el) || !visible(el);
        skipped.set(el, s);
      }
      return s;
    };
    // Text laid out where a person cannot see it (a font too small to read, transparent,
    // clipped to nothing, pushed far off the page's left) is how a page would slip words into
    // a memory unseen: it is read, in a block of its own marked hidden, for Rust to mark.
    const concealedOf = new Map();
    const concealed = (el) => {
      let c = concealedOf.get(el);
      if (c === undefined) {
        const st = getComputedStyle(el);
        const r = el.getBoundingClientRect();
        const alpha = /^rgba\(.*,\s*0(\.0+)?\)$/.test(st.color) || st.color === 'transparent';
        const clipped = ((r.width <= 1 || r.height <= 1) && /hidden|clip/.test(st.overflow)) ||
          /rect\(0(px)?,?\s*0(px)?,?\s*0(px)?,?\s*0(px)?\)/.test(st.clip) || /inset\(50%\)/.test(st.clipPath);
        c = Number.parseFloat(st.fontSize) < 4 || alpha || clipped || r.right + window.scrollX < -500;
        concealedOf.set(el, c);
      }
      return c;
    };
    for (const root of list) {
      walkComposed(root, (node) => {
        const frame = frames.length ? frames.find((f) => f.el.contains(node)) : null;
        if (frame) {
          if (!placed.has(frame)) {
            placed.add(frame);
            blocks.push({ tag: 'code', parts: [frame.text], code: true, hasText: true });
            current = null;
          }
          return false;
        }
        if (node.nodeType === Node.ELEMENT_NODE) {
          if (node === root ? settingRow(node) : skip(node)) return false;
          if (node.tagName === 'BR' && current) current.parts.push('\n');
          return true;
        }
        if (node.nodeType !== Node.TEXT_NODE) return false;
        const parent = parentOf(node);
        if (!parent) return false;
        if (concealed(parent)) {
          const text = node.nodeValue.replace(/\s+/g, ' ');
          if (text.trim()) {
            const last = blocks[blocks.length - 1];
            if (last?.hidden && last.owner === parent) last.parts.push(text);
            else blocks.push({ owner: parent, tag: 'p', parts: [text], strong: false, hasText: true, hidden: true });
            current = null;
          }
          return false;
        }
        // The nearest block element inside the root owns the text.
        let owner = root;
        for (let n = parent; n && n !== root; n = parentOf(n)) {
          if (isBlock(n)) {
            owner = n;
            break;
          }
        }
        if (!current || current.owner !== owner) {
          const tag = headingTag(owner) ?? owner.localName;
          current = { owner, root, first: parent, tag, parts: [], strong: true, hasText: false };
          blocks.push(current);
        }
        const pre = Boolean(closestDeep(parent, 'pre'));
        const text = pre ? node.nodeValue : node.nodeValue.replace(/\s+/g, ' ');
        current.parts.push(text);
        if (text.trim()) {
          current.hasText = true;
          if (!isBold(parent)) current.strong = false;
        }
        return false;
      });
      current = null;
    }
    const kept = blocks.filter((b) => b.hasText);
    const marks = shapes ? markShapes(kept) : new Map();
    return kept
      .map((b) => (b.code ? { tag: 'code', text: b.parts[0], code: true } : {
        tag: b.tag,
        text: b.parts
          .join('')
          .split('\n')
          .map((l) => l.trim())
          .join('\n')
          .trim(),
        strong: b.strong,
        ...(b.hidden ? { hidden: true } : {}),
        ...marks.get(b),
      }));
  }

  // Groups of repeated rows are named by number, the same for the same parent and tag on
  // every pass over a list (a virtualized list is read a screen at a time).
  const groupIds = new Map();
  const elementIds = new WeakMap();
  let elements = 0;
  const groupId = (parent, tag) => {
    if (!elementIds.has(parent)) elementIds.set(parent, (elements += 1));
    const key = `${elementIds.get(parent)}/${tag}`;
    if (!groupIds.has(key)) groupIds.set(key, groupIds.size + 1);
    return groupIds.get(key);
  };

  /**
   * How each of `blocks` stands, facts for Rust to judge (a Map block -> {group?, control?}):
   * - group: the group of repeated siblings it stands in (children of one parent, of one tag,
   *   that carry text), the largest among its ancestors inside its root; a list's entries
   *   share one, whatever their markup (li, tr, p, custom elements, divs). A group one of
   *   whose members holds half the blocks or more is the wrappers around a list, not rows;
   * - control: its whole text is that of an element that behaves like a control with no role
   *   to say so: the pointer cursor starts there (it is not inherited from a larger clickable
   *   part), or it is a keyboard stop.
   */
  function markShapes(blocks) {
    const marks = new Map();
    const holds = new Map(); // element -> how many blocks it holds
    let total = 0;
    for (const b of blocks) {
      if (b.code || b.hidden || !b.owner) continue;
      total += 1;
      for (let n = b.owner; n && n !== b.root; n = parentOf(n)) holds.set(n, (holds.get(n) ?? 0) + 1);
    }
    // parent -> tag -> {count: its children of that tag that carry text, most: the most blocks one holds}
    const tally = new Map();
    for (const [el, held] of holds) {
      const p = parentOf(el);
      if (!tally.has(p)) tally.set(p, new Map());
      const m = tally.get(p);
      const t = m.get(el.localName) ?? { count: 0, most: 0 };
      m.set(el.localName, { count: t.count + 1, most: Math.max(t.most, held) });
    }
    const cursor = (el) => (el instanceof Element ? getComputedStyle(el).cursor : '');
    for (const b of blocks) {
      if (b.code || b.hidden || !b.owner) continue;
      const mark = {};
      let best = null;
      for (let n = b.owner; n && n !== b.root; n = parentOf(n)) {
        const p = parentOf(n);
        const { count, most } = tally.get(p)?.get(n.localName) ?? { count: 0, most: 0 };
        if (count >= 2 && most * 2 < total && (!best || count > best.count)) best = { p, tag: n.localName, count };
      }
      if (best) mark.group = groupId(best.p, best.tag);
      const raw = b.parts.join('').trim();
      const text = squash(raw);
      if (text && !raw.includes('\n') && text.split(' ').length <= 4) {
        for (let n = b.first; n && n !== b.root && squash(deepText(n)) === text; n = parentOf(n)) {
          const up = parentOf(n);
          const pointer = cursor(n) === 'pointer' && !(up && cursor(up) === 'pointer');
          const stop = n.hasAttribute('tabindex') && n.tabIndex >= 0;
          if (pointer || stop) {
            mark.control = true;
            break;
          }
        }
      }
      marks.set(b, mark);
    }
    return marks;
  }

  function isBold(el) {
    if (closestDeep(el, 'strong, b')) return true;
    const weight = Number.parseInt(getComputedStyle(el).fontWeight, 10);
    return weight >= 600;
  }

  // ---- Settling: read the memory only once it has arrived and stopped changing -----------

  // The memory's text must stay the same this long before it is read: sites stream it in
  // pieces, a caption first and the rest a moment later.
  const QUIET_MS = 700;
  const WEAK_QUIET_MS = 2500;
  // A region showing no memory and no sign of loading for this long, while the page shows its
  // empty-state text, is empty.
  const EMPTY_QUIET_MS = 600;
  const SPINNER = /(^|[\s_-])(spinner|loading|loader|skeleton|shimmer|placeholder-glow)([\s_-]|$)/i;

  /**
   * The most siblings of one shape (tag and classes) in `roots` that each carry text, the way
   * a memory's entries stand (rows, items, paragraphs, custom elements): 2 or more is a list.
   */
  function repeats(roots, plan) {
    let most = 0;
    for (const el of roots.flatMap((r) => queryDeep(r, '*'))) {
      const shapes = new Map();
      for (const child of el.children) {
        // Two gauges side by side ("Memory 53% full", "41 saved memories") are not a list.
        const text = squash(deepText(child));
        if (child.matches(OURS) || !text || countLike(text) || interfaceLine(text, plan)) continue;
        const shape = `${child.localName}.${typeof child.className === 'string' ? child.className : ''}`;
        shapes.set(shape, (shapes.get(shape) ?? 0) + 1);
        most = Math.max(most, shapes.get(shape));
      }
    }
    return most;
  }

  /** How many entries the page's own count line in `roots` says there are ("3 items"), or null. */
  function announced(roots) {
    for (const b of collectBlocks(roots)) {
      for (const line of b.text.split('\n').map(squash)) {
        const n = /^(\d[\d,]*)\s/.exec(line);
        if (n && !line.includes('%') && countLike(line)) return Number(n[1].replace(/,/g, ''));
      }
    }
    return null;
  }

  /** The content heights of the scrolled parts of `roots`, as one string. */
  function scrollHeights(roots) {
    return roots
      .flatMap((r) => queryDeep(r, '*'))
      .filter((el) => el.scrollHeight > el.clientHeight + 4)
      .map((el) => el.scrollHeight)
      .join(',');
  }

  /** Whether `roots` show a sign of still loading: aria-busy, a progress bar, a spinner, a loading text. */
  function loading(roots, plan) {
    const texts = plan.loading_texts.map(norm);
    for (const root of roots) {
      if (closestDeep(root, '[aria-busy="true"]')) return true;
      for (const el of queryDeep(root, '*')) {
        if (!visible(el)) continue;
        if (el.matches('[aria-busy="true"], [role="progressbar"], progress')) return true;
        if (squash(el.textContent)) continue;
        const cls = typeof el.className === 'string' ? el.className : '';
        if (cls && SPINNER.test(cls)) return true;
        // A spinner or a skeleton whatever its class: an empty element animated for ever.
        const style = getComputedStyle(el);
        if (style.animationName !== 'none' && style.animationIterationCount === 'infinite') return true;
      }
    }
    return texts.length > 0 && collectBlocks(roots).some((b) => texts.includes(norm(b.text)));
  }

  /** Whether `line` is one of the site's own interface lines (captions, titles, loading texts). */
  function interfaceLine(line, plan) {
    const l = norm(line).replace(/[.…:]+$/, '');
    if (l.split(' ').length <= 6 && (plan.interface_prefixes ?? []).some((p) => l.startsWith(`${norm(p)} `))) return true;
    return plan.interface_texts.some((t) => {
      const e = norm(t).replace(/[.…:]+$/, '');
      return l === e || (e.split(' ').length >= 3 && l.startsWith(e));
    });
  }

  /** A count or gauge ("71 %", "Memory 71% full", "4 saved memories"): the page's, not memory. */
  function countLike(line) {
    const n = line.split(' ').length;
    return /^[\d\s%.,/:·-]+$/.test(line) || (/%/.test(line) && n <= 6 && !/[.!?]$/.test(line)) || (/^\d[\d,.]*\s/.test(line) && n <= 3);
  }

  /** The lines of `roots` that are not the site's interface: what makes a region "loaded". */
  function memoryLines(roots, plan) {
    return collectBlocks(roots)
      .flatMap((b) => b.text.split('\n'))
      .map(squash)
      .filter((l) => l && !interfaceLine(l, plan) && !countLike(l));
  }

  /** Whether the page shows one of `texts` (an empty state such as "nothing saved yet"). */
  function showsText(texts, roots = [document.body]) {
    if (texts.length === 0) return false;
    const wanted = texts.map(norm);
    let seen = false;
    for (const root of roots) {
      walkComposed(root, (node) => {
        if (seen) return false;
        if (node.nodeType !== Node.ELEMENT_NODE) return false;
        if (node.matches(OURS)) return false;
        const own = [...node.childNodes].some((c) => c.nodeType === Node.TEXT_NODE && c.nodeValue.trim());
        if (own) {
          const t = norm(node.textContent);
          if (wanted.some((w) => t === w || (w.length > 12 && t.startsWith(w))) && visible(node)) seen = true;
        }
        return true;
      });
    }
    return seen;
  }

  /**
   * Waits until the region `locate()` returns ({roots, how}, looked up afresh each time, since
   * what appeared may still be growing) has settled: no sign of loading, more than interface
   * lines, and the same text for QUIET_MS. Resolves {state: 'ready', region}, {state: 'empty'}
   * when the page shows its empty state instead, or {state: 'nothing', region, why} at the
   * deadline.
   */
  async function settle(locate, plan, timeoutMs, emptyTexts = plan.empty_texts) {
    const deadline = Date.now() + timeoutMs;
    let lastText = null;
    let since = Date.now();
    let region = null;
    let why = 'nothing appeared';
    for (;;) {
      region = locate() ?? region;
      const roots = region ? region.roots.filter((r) => r.isConnected) : [];
      // Text, and the height of every scrolled part: a virtualized list that grows below the
      // rows in view changes no text on screen.
      const text = roots.map(deepText).join('\u0000') + scrollHeights(roots);
      if (text !== lastText) {
        lastText = text;
        since = Date.now();
      }
      const quiet = Date.now() - since;
      // A region found only by its settings section, or holding no list yet (no entries of
      // one shape side by side, or fewer of them than the page's own count says while nothing
      // scrolls), may be the page's lines before the memory: it waits longer.
      const needed = () => {
        if (region?.weak) return WEAK_QUIET_MS;
        const rows = repeats(roots, plan);
        const short = rows < (announced(roots) ?? 0) && !scrollHeights(roots);
        return rows < 2 || short ? WEAK_QUIET_MS : QUIET_MS;
      };
      if (roots.length && loading(roots, plan)) {
        why = 'it was still loading';
        since = Date.now();
      } else if (roots.length && memoryLines(roots, plan).length > 0) {
        if (quiet >= QUIET_MS && quiet >= needed()) return { state: 'ready', region };
      } else {
        why = roots.length ? 'it showed only the page\u2019s own captions' : 'nothing appeared';
        if (showsText(emptyTexts) && quiet >= EMPTY_QUIET_MS) return { state: 'empty', region };
      }
      if (Date.now() >= deadline) return { state: 'nothing', region, why };
      await waitUntil(() => false, Math.min(100, Math.max(0, deadline - Date.now())));
    }
  }

  // ---- Finding the memory by what it means ----------------------------------------------

  const DIALOGS = 'dialog[open], [role="dialog"], [role="alertdialog"], [aria-modal="true"], [popover]';

  /** The lowest element holding all of `els` (shadow roots crossed). */
  function commonAncestor(els) {
    if (els.length === 0) return null;
    const chain = [];
    for (let n = els[0]; n; n = parentOf(n)) chain.push(n);
    let best = 0;
    for (const el of els.slice(1)) {
      const idx = chain.findIndex((c) => within(c, el));
      if (idx < 0) return null;
      best = Math.max(best, idx);
    }
    return chain[best];
  }

  /** Every piece of text on the page now, squashed: to tell new text from a re-render of old. */
  function textsNow() {
    const out = new Set();
    walkComposed(document.body, (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        const t = squash(node.nodeValue);
        if (t) out.add(t);
        return false;
      }
      return !(node.nodeType === Node.ELEMENT_NODE && node.matches('script, style, template'));
    });
    return out;
  }

  /** Whether `el` shows text that was not on the page in `before`. */
  function showsNew(el, before) {
    let fresh = false;
    walkComposed(el, (node) => {
      if (fresh) return false;
      if (node.nodeType === Node.TEXT_NODE) {
        const t = squash(node.nodeValue);
        if (t && !before.has(t)) fresh = true;
        return false;
      }
      return !(node.nodeType === Node.ELEMENT_NODE && node.matches('script, style, template'));
    });
    return fresh;
  }

  /**
   * Watches what the page adds or reveals from now on (across shadow roots), to find what a
   * press opened. `appeared()` lists the elements added, or changed from hidden to shown, that
   * show text the page did not show before: an app that renders its page afresh adds nothing.
   */
  function watchChanges() {
    const touched = new Set();
    const before = textsNow();
    const wasHidden = new Set(queryDeep(document, '*').filter((el) => !visible(el)));
    const note = (records) => {
      for (const r of records) {
        if (r.type === 'childList') r.addedNodes.forEach((n) => n.nodeType === Node.ELEMENT_NODE && touched.add(n));
        else if (r.target.nodeType === Node.ELEMENT_NODE && wasHidden.has(r.target)) touched.add(r.target);
        else if (r.type === 'characterData' && r.target.parentElement) touched.add(r.target.parentElement);
      }
    };
    const observer = new MutationObserver(note);
    const options = { childList: true, subtree: true, attributes: true, characterData: true };
    observer.observe(document.documentElement, options);
    const watched = new Set(shadowRoots(document));
    watched.forEach((r) => observer.observe(r, options));
    return {
      appeared() {
        note(observer.takeRecords());
        // Shadow roots made since: watch them too, and count their hosts as added.
        for (const r of shadowRoots(document)) {
          if (!watched.has(r)) {
            watched.add(r);
            observer.observe(r, options);
            touched.add(r.host);
          }
        }
        return [...touched].filter((el) => el.isConnected && !closestDeep(el, OURS) && visible(el) && showsNew(el, before));
      },
      /** Every element added or revealed since, whether or not it shows text (an empty box). */
      added() {
        this.appeared();
        return [...touched].filter((el) => el.isConnected && !closestDeep(el, OURS) && visible(el));
      },
      /** Whether `el` shows text that was not on the page before the press. */
      isNew: (el) => showsNew(el, before),
      stop: () => observer.disconnect(),
    };
  }

  /** What the press of `opener` opened: a dialog, the element it controls, or what appeared. */
  function openedBy(opener, watch, dialogsBefore, label) {
    const after = `after "${squash(label).slice(0, 60)}"`;
    const controls = opener.getAttribute('aria-controls');
    const controlled = controls && byId(opener, controls);
    if (controlled && visible(controlled) && squash(deepText(controlled))) {
      return { roots: [controlled], how: `the part "${squash(label).slice(0, 60)}" controls`, meaning: true };
    }
    const dialogs = queryDeep(document, DIALOGS).filter(
      (d) => visible(d) && !dialogsBefore.has(d) && !closestDeep(d, OURS) && !within(d, opener) && watch.isNew(d),
    );
    if (dialogs.length) {
      const top = dialogs.filter((d) => !dialogs.some((o) => o !== d && within(o, d)));
      const dialog = top[top.length - 1];
      return { roots: [dialog], how: `the dialog that opened ${after}`, meaning: true };
    }
    const added = watch.appeared().filter((el) => !within(el, opener));
    if (added.length === 0) return null;
    // Everything that appeared, as one region; a dialog among its ancestors that opened is
    // the region. A region that would hold the control itself is too wide (something else on
    // the page changed too): then the part that appeared with the most new text is the one.
    const outer = added.filter((el) => !added.some((o) => o !== el && within(o, el)));
    const common = commonAncestor(outer);
    const dialog = common && closestDeep(common, DIALOGS);
    if (dialog && visible(dialog) && !within(dialog, opener)) return { roots: [dialog], how: `the dialog that opened ${after}`, meaning: true };
    if (common && common !== document.body && common !== document.documentElement && !within(common, opener)) {
      return { roots: [common], how: `what appeared ${after}`, meaning: true };
    }
    const most = outer.reduce((a, b) => (squash(deepText(b)).length > squash(deepText(a)).length ? b : a));
    const around = closestDeep(most, DIALOGS);
    if (around && visible(around) && !within(around, opener)) return { roots: [around], how: `the dialog that opened ${after}`, meaning: true };
    return { roots: [most], how: `what appeared ${after}`, meaning: true };
  }

  /** Whether `el` reads as a heading: a heading element or role, or a short all-bold line. */
  function headingLike(el) {
    if (headingTag(el)) return true;
    const text = squash(el.textContent);
    if (!text || text.split(' ').length > 8 || /[.!?]$/.test(text)) return false;
    return isBold(el) && !el.querySelector('p, li, div, section');
  }

  /**
   * Visible headings (or heading-like lines) whose text is one of `names`: best match first,
   * and among equals the one matching an earlier (more specific) name.
   */
  function headingsNamed(names, root = document.body) {
    if (names.length === 0) return [];
    const found = [];
    walkComposed(root, (node) => {
      if (node.nodeType !== Node.ELEMENT_NODE) return false;
      if (node.matches(`${OURS}, script, style, template, button, [role="button"], label, nav`)) return false;
      // (Light-DOM text only: a shadow host shows none, so it is looked into all the same.)
      const text = squash(node.textContent);
      if (text.length === 0 || text.length > 80) return true;
      if (headingLike(node) && visible(node)) {
        let best = { score: 0, index: names.length };
        names.forEach((n, index) => {
          const score = labelScore(text, n);
          if (score > best.score) best = { score, index };
        });
        if (best.score >= 2) {
          found.push({ el: node, ...best });
          return false;
        }
      }
      return true;
    });
    return found.sort((a, b) => b.score - a.score || a.index - b.index).map((f) => f.el);
  }

  function level(el) {
    const tag = headingTag(el);
    return tag ? Number(tag[1]) : 7;
  }

  /** Whether `el` is or holds a heading at `stopAt`'s level or higher (a heading-like line for 7). */
  function startsSection(el, stopAt) {
    if (headingLike(el)) return stopAt === 7 || level(el) <= stopAt;
    if (stopAt === 7) return false;
    return queryDeep(el, 'h1, h2, h3, h4, h5, h6, [role="heading"]').some((h) => visible(h) && level(h) <= stopAt);
  }

  /**
   * The part of the page that belongs to `heading`: what follows it up to the next heading of
   * the same or a higher level. Where the heading sits in a wrapper (a card header, with
   * buttons or memport's own button beside it), the wrapper's followers are looked at, up a
   * few levels, until they hold memory.
   */
  function sectionOf(heading, plan) {
    const stopAt = level(heading);
    let top = heading;
    for (let depth = 0; depth < 4 && top && top !== document.body; depth += 1) {
      const roots = [];
      for (let sib = top.nextElementSibling; sib; sib = sib.nextElementSibling) {
        if (sib.matches(OURS)) continue;
        if (startsSection(sib, stopAt)) break;
        roots.push(sib);
      }
      if (roots.length && memoryLines(roots, plan).length) return roots;
      top = parentOf(top);
    }
    return [];
  }

  /**
   * The memory on the page without pressing anything, by meaning: the part under the site's
   * memory headings ("Work context"…) or under the memory's own heading ("Saved info").
   */
  function inlineRegion(plan) {
    const known = headingsNamed(plan.memory_headings);
    if (known.length) {
      // The memory's own headings ("Work context"): the part holding them all, up to the
      // next heading of a higher level than theirs.
      const top = Math.min(...known.map(level));
      let box = commonAncestor(known);
      if (box && known.includes(box)) box = parentOf(box);
      const how = `the memory under "${squash(known[0].textContent)}"`;
      if (box && box !== document.body) {
        const inside = [...box.children].filter((c) => !c.matches(OURS));
        const first = inside.findIndex((c) => known.some((k) => within(c, k)));
        // Keep from the first memory heading on, up to a heading of a higher level.
        const roots = [];
        for (const c of inside.slice(Math.max(0, first))) {
          if (roots.length && !known.some((k) => within(c, k)) && startsSection(c, top - 1)) break;
          roots.push(c);
        }
        if (roots.length) return { roots, how, meaning: true };
      }
    }
    // Where the memory has headings of its own and none is there yet, what stands under its
    // name may be the page's lines before the memory: wait longer for it too.
    const weak = plan.memory_headings.length > 0;
    for (const heading of headingsNamed(plan.names)) {
      const roots = sectionOf(heading, plan);
      if (roots.length) {
        return { roots, how: `the part under the heading "${squash(heading.textContent).slice(0, 60)}"`, meaning: true, weak };
      }
    }
    // Only the settings section is there ("Memory"): its switches and captions come before the
    // memory does, so this region must stay quiet longer before it is read.
    for (const heading of headingsNamed(plan.section_names ?? [])) {
      const roots = sectionOf(heading, plan);
      if (roots.length) {
        return { roots, how: `the part under the heading "${squash(heading.textContent).slice(0, 60)}"`, meaning: true, weak: true };
      }
    }
    return null;
  }

  /** The site file's memory element, when its locators find one. */
  function byLocators(locators) {
    const f = findOne(locators);
    return f ? { roots: [f.el], how: f.how, meaning: Boolean(f.meaning) } : null;
  }

  // ---- Virtualized lists ----------------------------------------------------------------

  function scrollable(el) {
    return el.scrollHeight > el.clientHeight + 4 && /(auto|scroll|overlay)/.test(getComputedStyle(el).overflowY);
  }

  /**
   * Scrolls `el` to `top` and waits for the page to render what came into view: its scroll
   * event, then until the DOM under `roots` is quiet for a moment. Resolves whether the page
   * changed anything (a list that holds every row changes nothing when scrolled).
   */
  async function scrollTo(el, top, roots) {
    let changed = false;
    let last = Date.now();
    const observer = new MutationObserver(() => {
      changed = true;
      last = Date.now();
    });
    const options = { childList: true, subtree: true, characterData: true };
    for (const r of roots) observer.observe(r, options);
    for (const r of roots.flatMap(shadowRoots)) observer.observe(r, options);
    // The page's own scroller reports its scrolling on the window.
    const target = el === document.scrollingElement ? window : el;
    const before = el.scrollTop;
    await new Promise((resolve) => {
      let timer = null;
      const done = () => {
        target.removeEventListener('scroll', done);
        clearTimeout(timer);
        resolve();
      };
      el.scrollTop = top;
      if (el.scrollTop === before) return done(); // Already there: no scroll event comes.
      // It moved: the scroll event (and the page's rendering of the rows now in view) comes
      // with the next frame, which a busy machine can hold back well past a frame's time.
      // Reading before it would take the old rows for the new ones.
      target.addEventListener('scroll', done, { once: true });
      timer = setTimeout(done, 1000);
    });
    const start = Date.now();
    while (Date.now() - last < 25 && Date.now() - start < 300) await sleep(10);
    observer.disconnect();
    return changed;
  }

  /**
   * Merges blocks read in several passes into one list in page order, each block once: a block
   * already seen moves the cursor, a new one goes after it. `key` tells blocks apart.
   */
  function merger() {
    const out = [];
    const index = new Map();
    return {
      add(blocks, key) {
        let cursor = -1;
        for (const b of blocks) {
          const k = key(b);
          if (index.has(k)) {
            cursor = out.indexOf(index.get(k));
            continue;
          }
          index.set(k, b);
          out.splice(cursor + 1, 0, b);
          cursor += 1;
        }
      },
      blocks: () => out,
      has: (k) => index.has(k),
    };
  }

  /**
   * The blocks of `roots`, every scrollable part walked from top to bottom so that a
   * virtualized list (which holds only the rows in view) is read whole, each row once, in
   * order. Scrolls each part back where it was.
   */
  async function collectAll(roots) {
    const scrollers = roots.flatMap((r) => queryDeep(r, '*')).filter((el) => visible(el) && scrollable(el));
    // A list that renders the rows in view of a scroller around the region (the settings
    // pane, the page) is read by scrolling that one through the region.
    const outer = roots.length ? scrollerAround(roots[0]) : null;
    if (scrollers.length === 0 && !outer) return collectBlocks(roots, [], { shapes: true });
    const merged = merger();
    const key = (b) => `${b.tag}\u0000${b.text}`;
    const live = () => roots.filter((r) => r.isConnected);
    const take = () => merged.add(collectBlocks(live(), [], { shapes: true }), key);
    take();
    // Walks `scroller` from `from` a screen at a time until `done()`. Two steps in a row that
    // change nothing mean every row is already in the page: no need to go on.
    const walk = async (scroller, from, height, done) => {
      let still = 0;
      if (scroller.scrollTop !== from && (await scrollTo(scroller, from, live()))) take();
      for (let step = 0; step < 5000 && !done(); step += 1) {
        const before = scroller.scrollTop;
        const changed = await scrollTo(scroller, before + Math.max(24, height() * 0.8), live());
        if (scroller.scrollTop <= before) break; // The bottom.
        if (changed) {
          still = 0;
          take();
        } else if (++still >= 2) break;
      }
    };
    for (const scroller of scrollers) {
      const back = scroller.scrollTop;
      // A list that renders the rows in its view renders them all in a view as tall as its
      // content: the box is made that tall for a moment (and told so, by a scroll and a resize
      // event, as a person's scrolling and resizing would), read, and given its own size back.
      // A list that does not follow is walked a screen at a time.
      const rows = collectBlocks(live()).length;
      const restore = stretch(scroller);
      await scrollTo(scroller, 0, live());
      const grew = collectBlocks(live()).length > rows;
      if (grew) take();
      restore();
      // Stretched, did it show every row? The last screen tells: anything new there, and the
      // list is walked a screen at a time after all.
      let whole = grew;
      if (grew) {
        await scrollTo(scroller, scroller.scrollHeight, live());
        whole = collectBlocks(live()).every((b) => merged.has(key(b)));
        await scrollTo(scroller, 0, live());
      }
      if (!whole) await walk(scroller, 0, () => scroller.clientHeight, () => false);
      scroller.scrollTop = back;
    }
    if (outer) {
      const back = outer.scrollTop;
      const view = () => (outer === document.scrollingElement
        ? { top: 0, height: window.innerHeight }
        : { top: outer.getBoundingClientRect().top, height: outer.clientHeight });
      const extent = () => {
        const rects = live().map((r) => r.getBoundingClientRect());
        return { top: Math.min(...rects.map((r) => r.top)), bottom: Math.max(...rects.map((r) => r.bottom)) };
      };
      // From the region's top to its bottom, a screen at a time.
      const from = outer.scrollTop + extent().top - view().top;
      await walk(outer, from, () => view().height, () => extent().bottom <= view().top + view().height + 1);
      outer.scrollTop = back;
    }
    return merged.blocks();
  }

  /**
   * Makes `scroller` as tall as its content (through the CSS object model, which the page's
   * CSP allows), then tells it with a scroll and a resize event; returns what puts it back.
   */
  function stretch(scroller) {
    const saved = ['height', 'max-height'].map((p) => [p, scroller.style.getPropertyValue(p), scroller.style.getPropertyPriority(p)]);
    scroller.style.setProperty('max-height', 'none', 'important');
    scroller.style.setProperty('height', `${Math.min(scroller.scrollHeight, 40000)}px`, 'important');
    scroller.dispatchEvent(new Event('scroll'));
    window.dispatchEvent(new Event('resize'));
    return () => {
      for (const [p, v, prio] of saved) {
        if (v) scroller.style.setProperty(p, v, prio);
        else scroller.style.removeProperty(p);
      }
      scroller.dispatchEvent(new Event('scroll'));
      window.dispatchEvent(new Event('resize'));
    };
  }

  /** The scroller around `el` whose view the region does not fit in, if any. */
  function scrollerAround(el) {
    for (let n = parentOf(el); n; n = parentOf(n)) {
      if (n === document.body || n === document.documentElement) break;
      if (scrollable(n)) return fits(el, n) ? null : n;
    }
    const page = document.scrollingElement;
    return page && page.scrollHeight > page.clientHeight + 4 && !fits(el, page) ? page : null;
  }

  function fits(el, scroller) {
    const r = el.getBoundingClientRect();
    const top = scroller === document.scrollingElement ? 0 : scroller.getBoundingClientRect().top;
    const height = scroller === document.scrollingElement ? window.innerHeight : scroller.clientHeight;
    return r.top >= top - 1 && r.bottom <= top + height + 1;
  }

  // ---- Opening and closing --------------------------------------------------------------

  /** Closes what a press opened: its Close button, else Escape, else the opener again. */
  async function closeOpened(closeLocators, region, opener) {
    const roots = region.roots.filter((r) => r.isConnected);
    if (roots.length === 0) return;
    // Only what the press opened is closed: a dialog that also holds the control (ChatGPT's
    // Settings around its memory) stays open, and so its Close is never pressed.
    let dialog = closestDeep(roots[0], DIALOGS);
    if (dialog && opener && within(dialog, opener)) dialog = null;
    const scope = dialog ?? roots[0];
    if (opener && within(scope, opener)) return; // The memory opened in place: nothing to close.
    const shown = () => roots.some((r) => visible(r));
    const button = findOne(closeLocators, scope);
    if (button) button.el.click();
    if (!(await waitUntil(() => !shown(), 800))) {
      const target = document.activeElement ?? document.body;
      for (const t of [target, document]) {
        t.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', keyCode: 27, bubbles: true, composed: true }));
      }
      if (dialog instanceof HTMLDialogElement && dialog.open) dialog.close();
    }
    if (!(await waitUntil(() => !shown(), 800)) && opener?.isConnected && visible(opener)) opener.click();
    await waitUntil(() => !shown(), 800);
  }

  /** The values of the plan's memory fields that are on the page: [{label, value}]. */
  function readFields(specs) {
    const values = [];
    const claimed = new Set();
    const unfound = [];
    for (const spec of specs) {
      const found = findOne(spec.locators);
      if (found) {
        claimed.add(found.el);
        values.push({ label: spec.label, value: valueOf(found.el) });
      } else {
        unfound.push(spec);
      }
    }
    // A field whose label is only a line of text above it (no <label for>, no aria) has no
    // name a locator can match: it is known by that line, read as strictly as a name.
    if (unfound.length) {
      const boxes = queryDeep(document, EDITABLE).filter(
        (el) => !claimed.has(el) && !closestDeep(el, OURS) && visible(el) && !labelledOwn(el),
      );
      for (const spec of unfound) {
        const names = spec.locators.flatMap((loc) => loc.names ?? []);
        let best = null;
        for (const el of boxes) {
          if (claimed.has(el)) continue;
          const above = textAbove(el);
          const score = above ? Math.max(0, ...names.map((n) => labelScore(above, n))) : 0;
          if (score >= 2 && (!best || score > best.score)) best = { el, score };
        }
        if (best) {
          claimed.add(best.el);
          values.push({ label: spec.label, value: valueOf(best.el) });
        }
      }
    }
    return values;
  }

  /**
   * Finds one part of the memory page and reads it once settled. `part` has the site file's
   * `open`, `content` and `close` locators; by meaning, it is what appeared after pressing the
   * opener, or (with `inline`) the memory on the page itself. `onFound` runs once the page has
   * shown the part, or anything that leads to it.
   * Resolves {state: 'read', how, blocks} | {state: 'empty', how} |
   * {state: 'nothing', step, detail}.
   */
  async function readPart(part, plan, { inline, emptyTexts, waitMs, onFound = () => {}, look = false }) {
    const tried = [...part.content, ...part.open].map(describe).join(', ') || 'nothing';
    const onPage = () => byLocators(part.content) ?? (inline ? inlineRegion(plan) : null);
    // Pages render late: wait for the memory, a control that shows it, or its empty state.
    const first = await waitUntil(() => {
      const content = byLocators(part.content);
      if (content) return { content };
      if (showsText(emptyTexts)) return { empty: true };
      const opener = findOne(part.open);
      if (opener) return { opener };
      const region = inline ? inlineRegion(plan) : null;
      return region ? { content: region } : null;
    }, waitMs);
    onFound();
    if (!first) {
      return { state: 'nothing', step: part.open.length ? 'open' : 'content', detail: `nothing on the page matched (tried ${tried})` };
    }
    if (first.empty) return { state: 'empty', how: 'the page says so' };
    if (first.content) return finish(await settle(onPage, plan, waitMs, emptyTexts), null, onPage);
    const opener = first.opener;
    const label = accessibleName(opener.el);
    const dialogsBefore = new Set(queryDeep(document, DIALOGS).filter(visible));
    const watch = watchChanges();
    opener.el.click();
    let pressed = opener.el;
    const opened = () => byLocators(part.content) ?? openedBy(pressed, watch, dialogsBefore, label);
    // An app that rendered the control afresh as it was pressed may have lost the press:
    // when nothing appeared, press the control as it is now, once.
    if (!(await waitUntil(opened, 1200))) {
      const again = findOne(part.open);
      if (again) {
        pressed = again.el;
        again.el.click();
      }
    }
    const settled = await settle(opened, plan, waitMs, emptyTexts);
    const result = await finish(settled, opener, opened);
    watch.stop();
    return result;

    async function finish(settled, pressed, locate) {
      const settledAt = Date.now();
      if (settled.state !== 'ready' && pressed && settled.region) await closeOpened(part.close, settled.region, pressed.el);
      if (settled.state === 'empty') return { state: 'empty', how: 'the page says so' };
      if (settled.state === 'nothing') {
        const where = settled.region
          ? settled.region.how
          : pressed ? `nothing appeared after pressing ${pressed.how}` : 'the memory';
        return { state: 'nothing', step: 'content', detail: `${where}: ${settled.why}` };
      }
      // The app may have rendered the region afresh since: look it up again.
      const now = locate();
      const region = now && now.roots.every((r) => r.isConnected) ? now : settled.region;
      const blocks = look ? [] : await collectAll(region.roots.filter((r) => r.isConnected));
      if (pressed) await closeOpened(part.close, region, pressed.el);
      // For the bench: how long reading took once the memory had settled.
      const timing = { read_after_settled_ms: Date.now() - settledAt };
      const openedWith = pressed ? squash(accessibleName(pressed.el)).slice(0, 60) : null;
      return { state: 'read', how: region.how, meaning: Boolean(region.meaning || pressed?.meaning), openedWith, blocks, timing };
    }
  }

  /** Reads the memory the plan describes, opening and closing what it must. */
  async function read(plan) {
    const url = location.href;
    let fields = [];
    // The fields (ChatGPT's custom instructions) stand on the page before the memory opens.
    const memory = await readPart(plan, plan, {
      inline: true,
      emptyTexts: plan.empty_texts,
      waitMs: plan.wait_ms,
      onFound: () => { fields = readFields(plan.fields); },
    });
    // Fields that rendered after the first look are read now.
    for (const late of readFields(plan.fields)) {
      if (!fields.some((f) => f.label === late.label)) fields.push(late);
    }
    const lists = [];
    const missing = [];
    for (const list of plan.lists) {
      // A further list is expected only when its opener or its content is on the page.
      if (!findOne(list.open) && !findOne(list.content)) continue;
      const got = await readPart(list, plan, { inline: false, emptyTexts: [], waitMs: Math.min(plan.wait_ms, 5000) });
      if (got.state === 'read') lists.push({ heading: list.heading, blocks: got.blocks, found_by: got.how });
      else if (got.state === 'nothing') missing.push({ heading: list.heading, step: got.step, detail: got.detail });
    }
    const base = { outcome: 'read', url, fields, lists, missing_lists: missing };
    if (memory.state === 'read') {
      return { ...base, memory: { state: 'read' }, found_by: memory.how, blocks: memory.blocks, timing: memory.timing };
    }
    if (memory.state === 'empty') return { ...base, memory: { state: 'empty' }, found_by: 'empty state', blocks: [] };
    const gotElse = fields.some((f) => squash(f.value)) || lists.some((l) => l.blocks.length);
    if (!gotElse) return { outcome: 'failed', url, step: memory.step, detail: memory.detail };
    return { ...base, memory: { state: 'nothing', step: memory.step, detail: memory.detail }, found_by: '', blocks: [] };
  }

  // ---- An assistant's answer on its chat page -------------------------------------------

  /** `els` without those inside another of them, in document order. */
  function outermost(els) {
    return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
  }

  /** Every visible element the first locator that finds any finds: {els, how} or null. */
  function findAll(locators, root = document) {
    for (const loc of locators) {
      const els = outermost(candidates(loc, root).map((c) => c.el).filter(visible));
      if (els.length) return { els, how: describe(loc) };
    }
    return null;
  }

  /** The element drawn around `code` (its header, label, Copy button) inside `reply`. */
  function frameOf(code, reply, selectors) {
    for (const sel of selectors) {
      try {
        const frame = code.closest(sel);
        if (frame && frame !== reply && reply.contains(frame)) return frame;
      } catch (e) {
        // A selector the browser rejects: try the next.
      }
    }
    return code;
  }

  /**
   * "Capture the answer": the last reply on the chat page as pieces in document order
   * ([{tag, text}] for its words, {tag: 'code', text, code: true} for each code block, its
   * code exactly). Waits for a reply, and for one being written to finish. Changes nothing.
   */
  async function readAnswer(plan) {
    const url = location.href;
    if (window.top !== window || location.origin !== plan.origin) return { outcome: 'wrong_page', url };
    const first = await waitUntil(() => findAll(plan.replies), plan.wait_ms);
    if (!first) {
      return { outcome: 'no_reply', url, detail: `tried ${plan.replies.map(describe).join(', ')}` };
    }
    const writing = () => Boolean(findOne(plan.streaming));
    if (writing()) await waitUntil(() => !writing(), plan.wait_ms);
    const found = findAll(plan.replies) ?? first;
    const reply = found.els[found.els.length - 1];
    const frames = [];
    for (const code of findAll(plan.code, reply)?.els ?? []) {
      const el = frameOf(code, reply, plan.frames);
      const same = frames.find((f) => f.el === el);
      if (same) same.text += `\n${code.textContent}`;
      else frames.push({ el, text: code.textContent });
    }
    return {
      outcome: 'read',
      url,
      found_by: found.how,
      replies: found.els.length,
      streaming: writing(),
      pieces: collectBlocks(reply, frames),
    };
  }

  // ---- Filling -------------------------------------------------------------------------

  const isField = (el) => el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement;
  const valueOf = (el) => (isField(el) ? el.value : el.innerText);

  // A React or Angular textarea keeps its own model: set the value through the prototype's
  // native setter, then fire the events its listeners wait for.
  function setFieldValue(el, text) {
    const proto = el instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
    el.focus();
    Object.getOwnPropertyDescriptor(proto, 'value').set.call(el, text);
    el.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }));
    el.dispatchEvent(new Event('change', { bubbles: true }));
  }

  // ProseMirror, Quill and Lexical keep their own document: go through their input handling
  // (select all, insertText); if that did not take, offer the text as a paste.
  function setEditableText(el, text) {
    el.focus();
    const range = document.createRange();
    range.selectNodeContents(el);
    const selection = getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    // In a plain-text box (contenteditable="plaintext-only") Chromium turns each "\n" of
    // insertText into a <div>, which the page reads back with extra blank lines; typing the
    // lines with line breaks between them keeps the text as it is. Rich editors (ProseMirror,
    // Quill) want the paragraphs insertText makes.
    const took = el.contentEditable === 'plaintext-only'
      ? text.split('\n').every((line, i) =>
        (i === 0 || document.execCommand('insertLineBreak')) && (line === '' || document.execCommand('insertText', false, line)))
      : document.execCommand('insertText', false, text);
    if (!took || squash(el.innerText) !== squash(text)) {
      const data = new DataTransfer();
      data.setData('text/plain', text);
      el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    }
  }

  /** A writable box the locators find, as {el, how}, or null. */
  function findBox(locators) {
    const found = findOne(locators);
    return found && writable(found.el) ? found : null;
  }

  /**
   * The one box a person could type several lines in that the page added or revealed since
   * `watch` began (the press of "`label`"), as {el, how}; null when none, or more than one,
   * did. Single-line inputs (a nickname, a search) are not import boxes, nor an editor's
   * helper no one can type in (see writable); a box still disabled is waited for.
   */
  function boxThatAppeared(watch, label) {
    // Counted whether or not the page still has them disabled, so that a decoy is never taken
    // for the box while the box itself is not yet enabled.
    const helper = (el) => el.getAttribute('tabindex') === '-1' && !el.matches(':focus');
    const sized = (el) => { const r = el.getBoundingClientRect(); return r.width >= 2 && r.height >= 2; };
    const boxes = outermost([...new Set(watch.added().flatMap((el) => [el, ...queryDeep(el, 'textarea, [contenteditable]')]))]
      .filter((el) => el.matches('textarea, [contenteditable]') && !closestDeep(el, OURS) && visible(el) && sized(el) && !helper(el)));
    if (boxes.length !== 1 || !writable(boxes[0])) return null;
    return { el: boxes[0], how: `the box that appeared after pressing "${label}"` };
  }

  /**
   * Filling, step one: finds the plan's boxes (opening them with the plan's control when the
   * page does not show them) and says what each holds. Changes nothing.
   */
  async function inspect(plan) {
    if (window.top !== window || location.origin !== plan.origin) {
      return { outcome: 'wrong_page', url: location.href };
    }
    const anyBox = () => plan.boxes.map(findBox).find(Boolean) || null;
    // A control whose label reads like a box's own ("Paste the response") shows that box.
    const boxNames = plan.boxes.flatMap((locators) => locators.filter((l) => l.by === 'labelled').flatMap((l) => l.names));
    const openers = boxNames.length ? [...plan.open, { by: 'role', role: 'button', names: boxNames }] : plan.open;
    // The page may open its own dialog (from its URL); give it a moment, then press the
    // plan's opener ("Start import") if no box is there yet.
    const firstWait = openers.length ? Math.min(plan.open_after_ms, plan.wait_ms) : plan.wait_ms;
    let found = await waitUntil(anyBox, firstWait);
    let appeared = null;
    if (!found && openers.length) {
      const opener = await waitUntil(() => anyBox() || findOne(openers), plan.wait_ms);
      if (opener && !writable(opener.el)) {
        // By behaviour, when no locator knows the box's words: a page with one box shows it
        // after the press, so the one multi-line box that appeared then is the box.
        const watch = plan.boxes.length === 1 ? watchChanges() : null;
        const label = squash(opener.el.getAttribute('aria-label') || opener.el.textContent).slice(0, 60);
        opener.el.click();
        found = await waitUntil(() => anyBox() || (watch && (appeared = boxThatAppeared(watch, label))), plan.wait_ms);
        watch?.stop();
      } else {
        found = await waitUntil(anyBox, plan.wait_ms);
      }
    }
    if (found && plan.boxes.length > 1) {
      await waitUntil(() => plan.boxes.every(findBox), 1000); // The others render with it.
    }
    const seen = appeared && !anyBox() ? [appeared] : plan.boxes.map(findBox);
    inspected = seen.map((box) => box && { el: box.el, how: box.how, value: valueOf(box.el), appeared: box === appeared });
    const boxes = seen.map((box) => (
      { found_by: box ? box.how : null, value: box ? valueOf(box.el) : '', single_line: Boolean(box && box.el instanceof HTMLInputElement) }
    ));
    return { outcome: 'boxes', boxes };
  }

  // The boxes the last inspect found, by the plan's order: [{el, how, value} | null]. Only
  // these are filled, so text never goes into a box the person was not asked about.
  let inspected = [];
  const PUT_WAIT_MS = 3000;

  /**
   * The box inspect found for box `i`, as {el, how}, if it is still the box the plan finds:
   * the same element, or, when the app re-rendered it meanwhile, the element the same locator
   * finds now holding the same text. Null for a box inspect did not see, one that changed, or
   * one the page has since put aside (an element still attached but hidden or replaced is no
   * box to fill: the text would go where the app no longer reads).
   */
  function inspectedBox(i, locators) {
    const was = inspected[i];
    if (!was) return null;
    // A box known by having appeared after the press is that element, still there and writable.
    if (was.appeared) return was.el.isConnected && visible(was.el) && writable(was.el) ? { el: was.el, how: was.how } : null;
    const now = findBox(locators);
    if (!now) return null;
    if (now.el === was.el) return now;
    return now.how === was.how && valueOf(now.el) === was.value ? now : null;
  }

  /**
   * Filling, step two: puts each text in its box through the editor's own input handling and
   * reads every box back. Only boxes the last inspect found are filled (inspectedBox); a box
   * that appeared or changed since is reported as not found. Never submits.
   */
  async function put(plan) {
    if (window.top !== window || location.origin !== plan.origin) return { boxes: [] };
    // A box the page made busy again since inspect (disabled or read-only while it re-renders)
    // is waited for, a little; one that does not come back is reported as not found.
    await waitUntil(() => plan.boxes.every((b, i) => !inspected[i] || inspectedBox(i, b.target)), PUT_WAIT_MS);
    const found = plan.boxes.map((b, i) => inspectedBox(i, b.target));
    plan.boxes.forEach((b, i) => {
      const box = found[i];
      if (!box) return;
      if (isField(box.el)) setFieldValue(box.el, b.text);
      else setEditableText(box.el, b.text);
    });
    await sleep(50); // Let the page's handlers run before reading back.
    found.find(Boolean)?.el.scrollIntoView({ block: 'center' });
    return {
      boxes: found.map((box) => ({
        found_by: box ? box.how : null,
        read_back: box ? valueOf(box.el) : '',
        editable: Boolean(box && !isField(box.el)),
      })),
    };
  }

  // ---- memport's own marks on the page ---------------------------------------------------
  //
  // Everything memport draws (questions, notices, the picker; and the capture button with its
  // status line, which the watcher, page/watch.js, draws the same way) lives in a closed
  // shadow root: the page's script cannot read what it says
  // (host.shadowRoot is null, the host has no text of its own) nor reach its buttons. Every
  // handler acts only on trusted events, so a page's el.click() or dispatchEvent() does
  // nothing; a person's click, or Enter or Space on a focused button, does. The host keeps
  // `data-memport` so the reader ignores it, and its styles live inside the root (the
  // page's CSS does not reach in; constructed sheets are not the page's CSP's business).

  const STYLE = `
:host { all: initial; }
.button { cursor: pointer; font: inherit; font-size: 0.875rem; padding: 0.35em 0.9em; border-radius: 0.5rem; border: 1px solid #c9c4ee; background: #f4f2ff; color: #2e2785; }
.button:disabled { opacity: 0.65; cursor: progress; }
.button:focus-visible { outline: 2px solid #4b3fc4; outline-offset: 2px; }
.panel.problem p { color: #a02323; }
.panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147483647; max-width: 420px; padding: 12px 14px; border-radius: 10px; border: 1px solid #c9c4ee; background: #fff; color: #1d1b2e; box-shadow: 0 6px 24px rgba(20, 16, 60, 0.18); font: 14px/1.45 system-ui, sans-serif; }
.panel p { margin: 4px 0 10px; }
.brand { color: #4b3fc4; font-size: 12px; letter-spacing: 0.04em; }
.row { display: flex; gap: 8px; flex-wrap: wrap; }
.frame { position: fixed; z-index: 2147483646; pointer-events: none; box-sizing: border-box; border: 3px solid #4b3fc4; border-radius: 4px; background: rgba(75, 63, 196, 0.08); }
.frame[hidden] { display: none; }
`;
  let sheet = null;

  /**
   * A host element for one of memport's marks (`data-memport` = kind) and its closed shadow
   * root, styled. Only this script holds the root.
   */
  function ui(kind, tag = 'div') {
    const host = document.createElement(tag);
    host.dataset.memport = kind;
    const root = host.attachShadow({ mode: 'closed' });
    try {
      sheet ??= new CSSStyleSheet();
      if (!sheet.cssRules.length) sheet.replaceSync(STYLE);
      root.adoptedStyleSheets = [sheet];
    } catch (e) {
      const style = document.createElement('style');
      style.textContent = STYLE;
      root.append(style);
    }
    return { host, root };
  }

  /** memport's own words in the browser's language (extension/_locales); the id if memport is gone. */
  function said(id) {
    try {
      return chrome.i18n.getMessage(id) || id;
    } catch (e) {
      return id;
    }
  }

  /** A real <button> (keyboard and screen readers keep working) that only a person can press. */
  function button(label, onClick, className = 'button') {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = label;
    b.addEventListener('click', (event) => {
      if (event.isTrusted) onClick(event);
    });
    return b;
  }

  // The panels shown at the bottom right, by role: at most one of each.
  const panels = new Map();

  /** A panel for `role` ('ask', 'notice', 'pick'): {box, root, close}. */
  function panel(role) {
    panels.get(role)?.();
    const { host, root } = ui(role);
    const box = document.createElement('div');
    box.className = 'panel';
    box.setAttribute('role', role === 'ask' ? 'alertdialog' : 'status');
    box.setAttribute('aria-live', 'polite');
    const brand = document.createElement('strong');
    brand.className = 'brand';
    brand.textContent = 'memport';
    box.append(brand);
    root.append(box);
    document.body.append(host);
    const close = () => {
      host.remove();
      if (panels.get(role) === close) panels.delete(role);
    };
    panels.set(role, close);
    return { box, root, close };
  }

  /**
   * Asks before touching text the person already typed: 'replace', 'append' or 'keep'.
   * Unanswered after `question.answer_within_ms`, the box is left alone ('keep').
   */
  function ask(question) {
    return new Promise((resolve) => {
      const { box, close } = panel('ask');
      // A question is a dialog: it takes the focus (on the answer that changes nothing) and
      // gives it back to where the person was, so a keyboard or screen reader user meets it.
      const before = document.activeElement;
      const timer = setTimeout(() => answer('keep')(), question.answer_within_ms);
      const p = document.createElement('p');
      p.textContent = question.question;
      box.setAttribute('aria-label', question.question);
      const row = document.createElement('div');
      row.className = 'row';
      function answer(choice) {
        return () => {
          clearTimeout(timer);
          close();
          if (before?.isConnected && typeof before.focus === 'function') before.focus();
          resolve(choice);
        };
      }
      const keep = button(question.keep, answer('keep'));
      row.append(button(question.replace, answer('replace')), button(question.append, answer('append')), keep);
      box.append(p, row);
      // Esc answers as the time limit does: the box is left alone.
      box.addEventListener('keydown', (event) => {
        if (event.isTrusted && event.key === 'Escape') answer('keep')();
      });
      keep.focus();
    });
  }

  /** Puts `text` on the clipboard, from a person's click; resolves true when it took. */
  async function copy(text, root) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (e) {
      // Not allowed here (the page's permissions policy): copy from a hidden box of our own.
      const area = document.createElement('textarea');
      area.value = text;
      area.style.cssText = 'position:fixed;opacity:0;pointer-events:none';
      root.append(area);
      area.select();
      const took = document.execCommand('copy');
      area.remove();
      return took;
    }
  }

  /**
   * Shows the outcome on the page: {ok, message}; with `pick` (a box was not found) a button
   * to point at it, whose choice goes to the worker, which sends again; with `copy` (memport
   * could not fill the page) a button that puts that text on the clipboard. Nothing is
   * copied until the person presses it: the message says it will.
   */
  function notify(notice) {
    const { box, root, close } = panel('notice');
    box.classList.toggle('problem', !notice.ok);
    // A problem is said at once by screen readers; a success waits its turn.
    if (!notice.ok) {
      box.setAttribute('role', 'alert');
      box.removeAttribute('aria-live');
    }
    box.addEventListener('keydown', (event) => {
      if (event.isTrusted && event.key === 'Escape') close();
    });
    const p = document.createElement('p');
    p.textContent = notice.message;
    const row = document.createElement('div');
    row.className = 'row';
    if (notice.copy) {
      const offer = notice.copy;
      const b = button(offer.button, async () => {
        const took = await copy(offer.text, root);
        p.textContent = took ? offer.done : offer.failed;
        box.classList.toggle('problem', !took);
        b.remove();
      });
      row.append(b);
    }
    if (notice.pick) {
      row.append(button(notice.pick.button, async () => {
        close();
        const got = await pick(notice.pick);
        if (!got) return notify(notice); // Cancelled: the message comes back.
        const { site, part, items } = notice.pick;
        let reply;
        try {
          reply = await chrome.runtime.sendMessage({ kind: 'picked', site, part, css: got.css, url: got.url, items });
        } catch (e) {
          reply = { ok: false, message: said('page_updated') };
        }
        // The send made again shows its own notice; this one covers a refusal.
        if (reply && reply.kind !== 'plan' && !reply.ok) notify({ ok: false, message: reply.message });
      }));
    }
    row.append(button(said('page_dismiss'), close));
    box.append(p, row);
    return true;
  }

  // ---- Picker mode ---------------------------------------------------------------------

  // Ids that frameworks generate afresh on each load (":r3:", "radix-12", "mat-input-4") do
  // not find the same element next time.
  const stableId = (id) => Boolean(id) && !/:|\d{3,}|^(radix|headlessui|mui|mat-|ember|react)/i.test(id);

  /**
   * A CSS selector that finds `el` alone on this page: its stable id, test id or label when one
   * is unique, else its path from the nearest ancestor with a stable id (or from <body>).
   */
  function selectorFor(el) {
    const only = (sel) => {
      try {
        const all = document.querySelectorAll(sel);
        return all.length === 1 && all[0] === el;
      } catch (e) {
        return false;
      }
    };
    const quoted = (v) => `"${v.replace(/["\\]/g, '\\$&')}"`;
    const own = [];
    if (stableId(el.id)) own.push(`#${CSS.escape(el.id)}`);
    for (const name of ['data-testid', 'aria-label', 'name', 'placeholder']) {
      const v = el.getAttribute(name);
      if (v && v.length <= 120) own.push(`${el.localName}[${name}=${quoted(v)}]`);
    }
    const mine = own.find(only);
    if (mine) return mine;
    const steps = [];
    for (let node = el; node && node !== document.body; node = node.parentElement) {
      if (node !== el && stableId(node.id) && document.querySelectorAll(`#${CSS.escape(node.id)}`).length === 1) {
        steps.unshift(`#${CSS.escape(node.id)}`);
        break;
      }
      const parent = node.parentElement;
      if (!parent) return null; // Not in the document (or in a shadow root): no path to it.
      const same = [...parent.children].filter((c) => c.localName === node.localName);
      steps.unshift(same.length > 1 ? `${node.localName}:nth-of-type(${same.indexOf(node) + 1})` : node.localName);
      if (parent === document.body) steps.unshift('body');
    }
    const path = steps.join(' > ');
    return only(path) ? path : null;
  }

  /** The element a click on `el` means: the whole list for an entry, the editor for a box. */
  function meant(el, want) {
    if (!(el instanceof Element)) return null;
    if (want === 'editable') {
      let box = el.closest('textarea, input, [contenteditable]');
      while (box && !isField(box) && box.parentElement?.isContentEditable) box = box.parentElement;
      return box && writable(box) ? box : null;
    }
    const entry = el.closest('li, [role="listitem"]');
    return entry?.parentElement?.closest(ROLE_SELECTORS.list) ?? el;
  }

  /**
   * Picker mode: the person clicks the element memport should use; resolves with
   * {css, url}, or null when they press Esc or Cancel. The page does not see the clicks.
   */
  function pick(offer) {
    return new Promise((resolve) => {
      const { box, root, close } = panel('pick');
      const p = document.createElement('p');
      p.textContent = offer.prompt;
      box.append(p, button(said('page_cancel'), () => finish(null)));
      // A frame drawn over the element under the pointer, inside memport's own root; the
      // page's own nodes are untouched.
      const frame = document.createElement('div');
      frame.className = 'frame';
      frame.hidden = true;
      root.append(frame);
      // Events from inside a closed root reach these listeners retargeted to its host: any
      // of memport's own marks is not something to point at.
      const ours = (el) => Boolean(el?.closest?.(OURS));
      const show = (el) => {
        frame.hidden = !el;
        if (!el) return;
        const r = el.getBoundingClientRect();
        Object.assign(frame.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      };
      // Only a person points: events the page's script makes (isTrusted false) are left alone.
      const onOver = (event) => event.isTrusted && show(ours(event.target) ? null : meant(event.target, offer.want));
      const swallow = (event) => {
        if (!event.isTrusted || ours(event.target)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      const onClick = (event) => {
        if (!event.isTrusted || ours(event.target)) return;
        swallow(event);
        const el = meant(event.target, offer.want);
        if (!el) {
          p.textContent = `${said('picker_not_a_box')} ${offer.prompt}`;
          return;
        }
        finish({ css: selectorFor(el) ?? '', url: location.href });
      };
      // By keyboard: Tab to something in the memory (an entry's button, the box), and the frame
      // shows what it means; Enter chooses it, Esc cancels.
      const onFocus = (event) => event.isTrusted && show(ours(event.target) ? null : meant(event.target, offer.want));
      const onKey = (event) => {
        if (!event.isTrusted) return;
        if (event.key === 'Escape') {
          event.preventDefault();
          event.stopImmediatePropagation();
          finish(null);
        } else if (event.key === 'Enter' && !ours(event.target) && event.target !== document.body) {
          onClick(event);
        }
      };
      const listeners = [
        ['mouseover', onOver], ['focusin', onFocus], ['click', onClick], ['keydown', onKey],
        ['mousedown', swallow], ['mouseup', swallow], ['pointerdown', swallow], ['pointerup', swallow],
      ];
      listeners.forEach(([type, fn]) => window.addEventListener(type, fn, true));
      function finish(result) {
        listeners.forEach(([type, fn]) => window.removeEventListener(type, fn, true));
        close();
        resolve(result);
      }
    });
  }

  /**
   * "Check this page": for each probe, which locator finds its part (or null), and whether it
   * was found by meaning. A memory the locators miss is looked for as a capture would: its
   * control pressed, what opened read, and closed again.
   */
  async function check(probes) {
    const out = [];
    for (const probe of probes) {
      const found = findOne(probe.locators);
      if (found && (!probe.writable || writable(found.el))) {
        out.push({ found_by: found.how, by_meaning: Boolean(found.meaning) });
        continue;
      }
      if (probe.read) {
        const plan = probe.read;
        const got = await readPart(plan, plan, { inline: true, emptyTexts: plan.empty_texts, waitMs: Math.min(plan.wait_ms, 5000), look: true });
        if (got.state === 'read') {
          const after = got.openedWith && !got.meaning ? `, after pressing "${got.openedWith}"` : '';
          out.push({ found_by: `${got.how}${after}`, by_meaning: got.meaning });
          continue;
        }
      }
      out.push({ found_by: null, by_meaning: false });
    }
    return out;
  }

  // What the service worker (run_in_page in crate/web/browser.rs) and the watcher call; nothing else.
  globalThis.memportAgent = { read, readAnswer, inspect, put, ask, notify, check, pick };
})();
