// memport's page code: carries out plans the Rust core made, and reports plain data back.
//
// It runs in the extension's isolated world on assistant pages: as a content script on memory
// pages, and injected by the service worker (chrome.scripting) on import pages. It knows no
// site: every selector, label, timeout and message arrives in the plan (see crate/capture.rs,
// crate/fill.rs). It decides nothing about memory; it finds elements, reads text, fills a box,
// asks the person, and says what happened.
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
      'textarea, input:not([type]), input[type="text"], [contenteditable=""], [contenteditable="true"], [role="textbox"]',
    switch: '[role="switch"]',
    list: 'ul, ol, [role="list"]',
  };
  const EDITABLE = ROLE_SELECTORS.textbox;

  // A box the person could type into: read-only and disabled ones are never fill targets.
  function writable(el) {
    if (el.matches('[readonly], :disabled, [aria-readonly="true"], [aria-disabled="true"]')) return false;
    return isField(el) || el.isContentEditable;
  }

  const squash = (s) => (s || '').replace(/\s+/g, ' ').trim();
  const norm = (s) => squash(s).toLowerCase();

  function visible(el) {
    if (!el.isConnected) return false;
    if (typeof el.checkVisibility === 'function') return el.checkVisibility({ visibilityProperty: true });
    return el.getClientRects().length > 0;
  }

  // The name a screen reader would announce, near enough for matching labels.
  function accessibleName(el) {
    const aria = el.getAttribute('aria-label');
    if (aria) return aria;
    const by = el.getAttribute('aria-labelledby');
    if (by) {
      const text = by
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
      if (squash(text)) return text;
    }
    if (el.labels && el.labels.length) return [...el.labels].map((l) => l.textContent).join(' ');
    if (el.getAttribute('placeholder')) return el.getAttribute('placeholder');
    if (el.getAttribute('aria-placeholder')) return el.getAttribute('aria-placeholder');
    if (el.matches('textarea, input')) return el.getAttribute('title') ?? '';
    return el.textContent ?? '';
  }

  function describe(loc) {
    if (loc.by === 'css') return `css ${loc.css}`;
    if (loc.by === 'picked') return `where you pointed (${loc.css})`;
    if (loc.by === 'role') return `role ${loc.role}${loc.names.length ? ` "${loc.names[0]}"` : ''}`;
    return `largest editable box${loc.within ? ` in ${loc.within}` : ''}`;
  }

  function candidates(loc, root) {
    try {
      if (loc.by === 'css' || loc.by === 'picked') return [...root.querySelectorAll(loc.css)];
      if (loc.by === 'role') {
        const sel = ROLE_SELECTORS[loc.role] ?? `[role="${loc.role}"]`;
        const names = loc.names.map(norm);
        return [...root.querySelectorAll(sel)].filter(
          (el) => names.length === 0 || names.includes(norm(accessibleName(el))),
        );
      }
      if (loc.by === 'largest_editable') {
        const scopes = loc.within ? [...root.querySelectorAll(loc.within)] : [root];
        const boxes = scopes.flatMap((s) => [...s.querySelectorAll(EDITABLE)]).filter(writable);
        const area = (el) => el.getBoundingClientRect().width * el.getBoundingClientRect().height;
        return boxes.filter(visible).sort((a, b) => area(b) - area(a));
      }
    } catch (e) {
      return []; // A selector the browser rejects finds nothing; the next locator is tried.
    }
    return [];
  }

  /** The first visible element any locator finds, tried in order: {el, how} or null. */
  function findOne(locators, root = document) {
    for (const loc of locators) {
      const el = candidates(loc, root).find(visible);
      if (el) return { el, how: describe(loc) };
    }
    return null;
  }

  /**
   * Resolves when `check()` returns something truthy (re-checked after every DOM change), or
   * with null after `timeoutMs`. Never polls forever.
   */
  function waitUntil(check, timeoutMs) {
    const first = check();
    if (first) return Promise.resolve(first);
    return new Promise((resolve) => {
      let scheduled = false;
      const finish = (value) => {
        observer.disconnect();
        clearTimeout(timer);
        resolve(value);
      };
      const observer = new MutationObserver(() => {
        if (scheduled) return;
        scheduled = true;
        // Coalesce bursts of mutations; setTimeout (unlike rAF) also runs in background tabs.
        setTimeout(() => {
          scheduled = false;
          const got = check();
          if (got) finish(got);
        }, 30);
      });
      observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true, attributes: true });
      const timer = setTimeout(() => finish(check() || null), timeoutMs);
    });
  }

  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

  // ---- Reading -------------------------------------------------------------------------

  const BLOCK_TAGS =
    'h1, h2, h3, h4, h5, h6, p, li, pre, blockquote, dt, dd, td, th, caption, figcaption, summary, div, section, article';
  const SKIP = 'button, [role="button"], script, style, noscript, template, svg, input, select, textarea';

  function isBold(el) {
    if (el.closest('strong, b')) return true;
    const weight = Number.parseInt(getComputedStyle(el).fontWeight, 10);
    return weight >= 600;
  }

  /**
   * The text under `root` as blocks in document order: [{tag, text, strong}]. Each text node
   * belongs to its nearest block element; <br> is a line break; controls are left out.
   * Each of `frames` ({el, text}: a code block and its code) stands as one block
   * {tag: 'code', text, code: true} where it begins, and nothing inside it is read as text.
   */
  function collectBlocks(root, frames = []) {
    const blocks = [];
    let current = null;
    const placed = new Set();
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT | NodeFilter.SHOW_ELEMENT);
    for (let node = walker.currentNode; node; node = walker.nextNode()) {
      const frame = frames.length ? frames.find((f) => f.el.contains(node)) : null;
      if (frame) {
        if (!placed.has(frame)) {
          placed.add(frame);
          blocks.push({ tag: 'code', parts: [frame.text], code: true, hasText: true });
          current = null;
        }
        continue;
      }
      if (node.nodeType === Node.ELEMENT_NODE) {
        if (node.tagName === 'BR' && current) current.parts.push('\n');
        continue;
      }
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP) || !visible(parent)) continue;
      const block = parent.closest(BLOCK_TAGS);
      const owner = block && root.contains(block) ? block : root;
      if (!current || current.owner !== owner) {
        current = { owner, tag: owner.tagName.toLowerCase(), parts: [], strong: true, hasText: false };
        blocks.push(current);
      }
      const pre = !!parent.closest('pre');
      const text = pre ? node.nodeValue : node.nodeValue.replace(/\s+/g, ' ');
      current.parts.push(text);
      if (text.trim()) {
        current.hasText = true;
        if (!isBold(parent)) current.strong = false;
      }
    }
    return blocks
      .filter((b) => b.hasText)
      .map((b) => (b.code ? { tag: 'code', text: b.parts[0], code: true } : {
        tag: b.tag,
        text: b.parts
          .join('')
          .split('\n')
          .map((l) => l.trim())
          .join('\n')
          .trim(),
        strong: b.strong,
      }));
  }

  // An element with no text may be about to fill, or really be empty: after this long with
  // no text and no loading sign, it is taken as empty (and Rust says so).
  const EMPTY_AFTER_MS = 1500;

  function loadState(el, loadingTexts) {
    if (el.closest('[aria-busy="true"]') || el.querySelector('[aria-busy="true"], [role="progressbar"]')) return 'loading';
    const text = norm(el.textContent);
    if (text === '') return 'empty';
    return loadingTexts.some((t) => norm(t) === text) ? 'loading' : 'ready';
  }

  /** Waits for the memory to finish loading and stop changing; resolves {el, how} or null. */
  async function settled(locators, loadingTexts, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    let emptySince = null;
    let last = null;
    const check = () => {
      const f = findOne(locators);
      const state = f ? loadState(f.el, loadingTexts) : 'loading';
      if (state !== 'empty') emptySince = null;
      if (state === 'ready') return f;
      if (state === 'empty') {
        emptySince ??= Date.now();
        if (Date.now() - emptySince >= EMPTY_AFTER_MS) return f;
      }
      return null;
    };
    while (Date.now() < deadline) {
      // Short waits: emptiness is decided by time passing, not only by DOM changes.
      const found = await waitUntil(check, Math.max(0, Math.min(250, deadline - Date.now())));
      if (!found) continue;
      const text = found.el.textContent;
      if (last === text) return found;
      last = text;
      await sleep(200); // Quiet for a moment: the rest of the memory may still be streaming in.
      const again = findOne(locators);
      if (again && again.el.textContent === text) return again;
    }
    return null;
  }

  async function closeOpened(closeLocators, contentEl) {
    const dialog = contentEl.closest('dialog, [role="dialog"], [role="alertdialog"]');
    const scope = dialog ?? document;
    const button = findOne(closeLocators, scope);
    if (button) {
      button.el.click();
    } else {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', code: 'Escape', bubbles: true }));
    }
    if (dialog) await waitUntil(() => !visible(dialog), 2000);
  }

  /** Whether the page shows one of `texts` (an empty state such as "nothing saved yet"). */
  function showsText(texts) {
    if (texts.length === 0) return false;
    const wanted = texts.map(norm);
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.currentNode; el; el = walker.nextNode()) {
      if (el.children.length === 0 && wanted.includes(norm(el.textContent)) && visible(el)) return true;
    }
    return false;
  }

  /** The values of the plan's memory fields that are on the page: [{label, value}]. */
  function readFields(specs) {
    const values = [];
    for (const spec of specs) {
      const found = findOne(spec.locators);
      if (found) values.push({ label: spec.label, value: valueOf(found.el) });
    }
    return values;
  }

  function scrollable(el) {
    return el.scrollHeight > el.clientHeight + 1 && /(auto|scroll)/.test(getComputedStyle(el).overflowY);
  }

  /**
   * The blocks of a virtualized list, which holds only the rows in view: scrolls it from top
   * to bottom, collecting each row once, in order, then scrolls back.
   */
  async function collectScrolling(root) {
    const scroller = [root, ...root.querySelectorAll('*')].find(scrollable);
    if (!scroller) return collectBlocks(root);
    const seen = new Set();
    const out = [];
    const take = () => {
      for (const block of collectBlocks(root)) {
        const key = `${block.tag}\u0000${block.text}`;
        if (!seen.has(key)) {
          seen.add(key);
          out.push(block);
        }
      }
    };
    const settle = () => sleep(150); // Let the list render the rows now in view.
    scroller.scrollTop = 0;
    await settle();
    take();
    for (let step = 0; step < 5000; step += 1) {
      const before = scroller.scrollTop;
      scroller.scrollTop = before + Math.max(24, scroller.clientHeight * 0.7);
      await settle();
      take();
      if (scroller.scrollTop <= before) break; // The bottom.
    }
    scroller.scrollTop = 0;
    return out;
  }

  /**
   * A further list of the page (Claude's "Manage edits"), opened and closed like the memory;
   * null when it is not there, so what was read before is kept.
   */
  async function readList(list, plan) {
    let opened = false;
    if (!findOne(list.content)) {
      const opener = findOne(list.open);
      if (!opener) return null;
      opener.el.click();
      opened = true;
    }
    const content = await settled(list.content, plan.loading_texts, Math.min(plan.wait_ms, 5000));
    if (!content) return null;
    const blocks = collectBlocks(content.el);
    if (opened) await closeOpened(list.close, content.el);
    return { heading: list.heading, blocks };
  }

  async function readLists(plan) {
    const lists = [];
    for (const list of plan.lists) {
      const got = await readList(list, plan);
      if (got) lists.push(got);
    }
    return lists;
  }

  /** Reads the memory the plan describes, opening and closing it if need be. */
  async function read(plan) {
    const url = location.href;
    const tried = (locators) => `tried ${locators.map(describe).join(', ') || 'nothing'}`;
    // Pages render late: wait for the memory, a control that shows it, or its empty state.
    const first = await waitUntil(() => {
      if (findOne(plan.content)) return 'content';
      if (showsText(plan.empty_texts)) return 'empty';
      return findOne(plan.open) ? 'open' : null;
    }, plan.wait_ms);
    const fields = readFields(plan.fields);
    if (first === 'empty') {
      return { outcome: 'read', url, found_by: 'empty state', blocks: [], fields, lists: await readLists(plan) };
    }
    let opened = false;
    if (first === 'open') {
      findOne(plan.open)?.el.click();
      opened = true;
    } else if (!first) {
      const step = plan.open.length ? 'open' : 'content';
      return { outcome: 'failed', url, step, detail: tried(plan.open.length ? plan.open : plan.content) };
    }
    const content = await settled(plan.content, plan.loading_texts, plan.wait_ms);
    if (!content) {
      return { outcome: 'failed', url, step: 'content', detail: tried(plan.content) };
    }
    const blocks = plan.scroll ? await collectScrolling(content.el) : collectBlocks(content.el);
    if (opened) await closeOpened(plan.close, content.el);
    return { outcome: 'read', url, found_by: content.how, blocks, fields, lists: await readLists(plan) };
  }

  // ---- An assistant's answer on its chat page -------------------------------------------

  /** `els` without those inside another of them, in document order. */
  function outermost(els) {
    return els.filter((el) => !els.some((other) => other !== el && other.contains(el)));
  }

  /** Every visible element the first locator that finds any finds: {els, how} or null. */
  function findAll(locators, root = document) {
    for (const loc of locators) {
      const els = outermost(candidates(loc, root).filter(visible));
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
   * Filling, step one: finds the plan's boxes (opening them with the plan's control when the
   * page does not show them) and says what each holds. Changes nothing.
   */
  async function inspect(plan) {
    if (window.top !== window || location.origin !== plan.origin) {
      return { outcome: 'wrong_page', url: location.href };
    }
    const anyBox = () => plan.boxes.map(findBox).find(Boolean) || null;
    // The page may open its own dialog (from its URL); give it a moment, then press the
    // plan's opener ("Start import") if no box is there yet.
    const firstWait = plan.open.length ? Math.min(plan.open_after_ms, plan.wait_ms) : plan.wait_ms;
    let found = await waitUntil(anyBox, firstWait);
    if (!found && plan.open.length) {
      const opener = await waitUntil(() => anyBox() || findOne(plan.open), plan.wait_ms);
      if (opener && !writable(opener.el)) opener.el.click();
      found = await waitUntil(anyBox, plan.wait_ms);
    }
    if (found && plan.boxes.length > 1) {
      await waitUntil(() => plan.boxes.every(findBox), 1000); // The others render with it.
    }
    const boxes = plan.boxes.map((locators) => {
      const box = findBox(locators);
      return { found_by: box ? box.how : null, value: box ? valueOf(box.el) : '' };
    });
    return { outcome: 'boxes', boxes };
  }

  /**
   * Filling, step two: puts each text in its box through the editor's own input handling and
   * reads every box back. Never submits.
   */
  async function put(plan) {
    if (window.top !== window || location.origin !== plan.origin) return { boxes: [] };
    const found = plan.boxes.map((b) => findBox(b.target));
    plan.boxes.forEach((b, i) => {
      const box = found[i];
      if (!box) return;
      if (isField(box.el)) setFieldValue(box.el, b.text);
      else setEditableText(box.el, b.text);
    });
    await sleep(50); // Let the page's handlers run before reading back.
    found.find(Boolean)?.el.scrollIntoView({ block: 'center' });
    return { boxes: found.map((box) => ({ found_by: box ? box.how : null, read_back: box ? valueOf(box.el) : '' })) };
  }

  // ---- Talking to the person -----------------------------------------------------------

  function panel(role) {
    document.querySelectorAll(`.memport-panel[data-role="${role}"]`).forEach((p) => p.remove());
    const box = document.createElement('div');
    box.className = 'memport-panel';
    box.dataset.role = role;
    box.setAttribute('role', role === 'ask' ? 'alertdialog' : 'status');
    box.setAttribute('aria-live', 'polite');
    const brand = document.createElement('strong');
    brand.className = 'memport-brand';
    brand.textContent = 'memport';
    box.append(brand);
    document.body.append(box);
    return box;
  }

  function button(label, onClick) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'memport-panel-button';
    b.textContent = label;
    b.addEventListener('click', onClick);
    return b;
  }

  /**
   * Asks before touching text the person already typed: 'replace', 'append' or 'keep'.
   * Unanswered after `question.answer_within_ms`, the box is left alone ('keep').
   */
  function ask(question) {
    return new Promise((resolve) => {
      const box = panel('ask');
      const timer = setTimeout(() => answer('keep')(), question.answer_within_ms);
      const p = document.createElement('p');
      p.textContent = question.question;
      box.setAttribute('aria-label', question.question);
      const row = document.createElement('div');
      row.className = 'memport-panel-row';
      function answer(choice) {
        return () => {
          clearTimeout(timer);
          box.remove();
          resolve(choice);
        };
      }
      row.append(
        button(question.replace, answer('replace')),
        button(question.append, answer('append')),
        button(question.keep, answer('keep')),
      );
      box.append(p, row);
    });
  }

  /**
   * Shows the outcome on the page: {ok, message}, and with `pick` (a box was not found) a
   * button to point at it; what was pointed at goes to the worker, which sends again.
   */
  function notify(notice) {
    const box = panel('notice');
    box.classList.toggle('memport-problem', !notice.ok);
    const p = document.createElement('p');
    p.textContent = notice.message;
    const row = document.createElement('div');
    row.className = 'memport-panel-row';
    if (notice.pick) {
      row.append(button(notice.pick.button, async () => {
        box.remove();
        const got = await pick(notice.pick);
        if (!got) return notify(notice); // Cancelled: the message comes back.
        const { site, part, items } = notice.pick;
        let reply;
        try {
          reply = await chrome.runtime.sendMessage({ kind: 'picked', site, part, css: got.css, url: got.url, items });
        } catch (e) {
          reply = { ok: false, message: 'memport was updated or removed. Reload this page and try again.' };
        }
        // The send made again shows its own notice; this one covers a refusal.
        if (reply && reply.kind !== 'plan' && !reply.ok) notify({ ok: false, message: reply.message });
      }));
    }
    row.append(button('Dismiss', () => box.remove()));
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
      const box = panel('pick');
      const p = document.createElement('p');
      p.textContent = offer.prompt;
      box.append(p, button('Cancel', () => finish(null)));
      // A frame drawn over the element under the pointer; the page's own nodes are untouched.
      const frame = document.createElement('div');
      frame.className = 'memport-pick-frame';
      frame.hidden = true;
      document.body.append(frame);
      const ours = (el) => box.contains(el) || el === frame;
      const show = (el) => {
        frame.hidden = !el;
        if (!el) return;
        const r = el.getBoundingClientRect();
        Object.assign(frame.style, { left: `${r.left}px`, top: `${r.top}px`, width: `${r.width}px`, height: `${r.height}px` });
      };
      const onOver = (event) => show(ours(event.target) ? null : meant(event.target, offer.want));
      const swallow = (event) => {
        if (ours(event.target)) return;
        event.preventDefault();
        event.stopImmediatePropagation();
      };
      const onClick = (event) => {
        if (ours(event.target)) return;
        swallow(event);
        const el = meant(event.target, offer.want);
        if (!el) {
          p.textContent = `That is not a box you can type in. ${offer.prompt}`;
          return;
        }
        finish({ css: selectorFor(el) ?? '', url: location.href });
      };
      const onKey = (event) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        event.stopImmediatePropagation();
        finish(null);
      };
      const listeners = [
        ['mouseover', onOver], ['click', onClick], ['keydown', onKey],
        ['mousedown', swallow], ['mouseup', swallow], ['pointerdown', swallow], ['pointerup', swallow],
      ];
      listeners.forEach(([type, fn]) => window.addEventListener(type, fn, true));
      function finish(result) {
        listeners.forEach(([type, fn]) => window.removeEventListener(type, fn, true));
        frame.remove();
        box.remove();
        resolve(result);
      }
    });
  }

  /** "Check this page": for each probe, which locator finds its part (or null). */
  function check(probes) {
    return probes.map((probe) => {
      const found = findOne(probe.locators);
      const usable = found && (!probe.writable || writable(found.el));
      return { found_by: usable ? found.how : null };
    });
  }

  globalThis.memportAgent = { findOne, waitUntil, read, readAnswer, inspect, put, ask, notify, check, collectBlocks, pick, selectorFor };
})();
