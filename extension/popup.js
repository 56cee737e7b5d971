// The toolbar popup. The Rust core (crate/web/popup.rs, crate/popup.rs) decides what to show;
// this file turns its view into elements. Memory text is set with textContent only.

import init, { popupView, sendTo, profileMarkdown, collapsedGroups, setGroupCollapsed, checkPage, saveMemoryPage, frontPage, editItem, forgetPicks, importText, deleteItem, undoLast, profileJson, profilePam, profileMcp, profileAnthropic, openFormat, mayBeOpenFormat, exportPrompt, profileText, keepOne, keepAll, captureAnswer, previewDataExport, importDataExport, storedProfileRaw, keptProfileRaw, startNewProfile, onProfileChanged, lastNotice, onLastNoticeChanged, inPopup as isPopup, openOptionsPage, sendTargets, plural as pluralOf, loadLanguage } from './pkg/memport.js';
// The extra module, for the rarer work the core hands over: loaded the first time it is needed.
import './extra.js';

const $ = (id) => document.getElementById(id);

// Words in the browser's language, from _locales (the same catalogs Rust speaks from).
// The catalog the browser chose among memport's _locales ("fr"): numbers, dates and plurals
// follow the same language as the words.
const LANG = chrome.i18n.getMessage('locale_code') || chrome.i18n.getUILanguage();
const msg = (id, ...args) => chrome.i18n.getMessage(id, args.map(String)) || id;
// One formatter, made as the page loads: the browser's first number formatting in a language
// takes some 20 ms (its locale data loaded), which would otherwise fall in the frame that first
// shows "Showing 3 of 500" as the person types.
const numbers = new Intl.NumberFormat(LANG);
const num = (n) => numbers.format(Number(n));
/**
 * `msg(id, x)` for many x: the catalog is asked once, with a stand-in for the argument, and the
 * stand-in replaced after (a profile of thousands draws three labels per memory, and each
 * `getMessage` call crosses into the browser).
 */
function msgWith(id) {
  const STAND_IN = '\u{E000}'; // A private-use character: in no catalog.
  const [before, after = null] = msg(id, STAND_IN).split(STAND_IN);
  return after === null ? (x) => msg(id, x) : (x) => `${before}${x}${after}`;
}
const itemLabel = {
  send: msgWith('send_item'), edit: msgWith('edit_item'), remove: msgWith('delete_item'),
  editWord: msg('edit'), deleteWord: msg('delete'),
};
/** Message `<id>_one` or `<id>_other` as the language counts `n`, `n` as its first argument. */
// Counted words ("1 memory", "12 memories") as Rust chooses their form: one rule for the core and
// the page.
const plural = (id, n, ...args) => pluralOf(id, n, args.map(String));

// The page's own words: data-i18n sets the text, data-i18n-aria-label and -placeholder those
// attributes; data-i18n-args (separated by |) fills the message's placeholders.
document.documentElement.lang = LANG;
for (const node of document.querySelectorAll('[data-i18n], [data-i18n-aria-label], [data-i18n-placeholder]')) {
  const args = node.dataset.i18nArgs ? node.dataset.i18nArgs.split('|') : [];
  if (node.dataset.i18n) node.textContent = msg(node.dataset.i18n, ...args);
  if (node.dataset.i18nAriaLabel) node.setAttribute('aria-label', msg(node.dataset.i18nAriaLabel, ...args));
  if (node.dataset.i18nPlaceholder) node.setAttribute('placeholder', msg(node.dataset.i18nPlaceholder, ...args));
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

// The undo step the view offers, and the one the toast last showed.
let undoLabel = null;
let shownUndo = null;

// The toast at the bottom: the last message and, when there is one, the change Undo takes back.
// It lies over the list, so nothing moves when it shows; × puts it away until the next one.
function say(notice) {
  $('status').textContent = notice.message;
  $('status').className = notice.ok ? 'ok' : 'problem';
  showToast();
}

function showToast() {
  $('toast').hidden = $('status').textContent === '' && $('undo-row').hidden;
  showUndoAgain();
}

// Dismissing the toast puts its Undo away, not the undo step: that stays one press away, in
// the row of actions ("Undo", named for what it takes back), until it is used or a new change
// brings the toast back.
function showUndoAgain() {
  const again = $('undo-again');
  again.hidden = !undoLabel || !$('undo-row').hidden;
  if (again.hidden) return;
  again.setAttribute('aria-label', msg('undo_button', undoLabel));
  again.title = undoLabel;
}

$('toast-close').addEventListener('click', () => {
  $('status').textContent = '';
  $('undo-row').hidden = true;
  shownUndo = undoLabel; // The toast stays away until the next change.
  $('toast').hidden = true;
  showUndoAgain();
});

// The items the person unticked: everything else is sent. Kept while the popup is open.
const unchosen = new Set();
let allIds = [];
// Items marked sensitive start unticked, once: the person may tick them, and it stays ticked.
let sensitiveIds = [];
const seenSensitive = new Set();

function showChoice() {
  const chosen = allIds.length - unchosen.size;
  const all = plural('chosen_all', allIds.length);
  const held = sensitiveIds.filter((id) => unchosen.has(id)).length;
  const note = held === 0 ? '' : ` ${plural('held', held)}`;
  $('chosen').textContent = (unchosen.size === 0 ? all : msg('chosen_some', num(chosen), num(allIds.length))) + note;
}

/** "Sensitive: an OpenAI API key (sk-…7fQ2)", for an item or a preview entry. */
function sensitiveMark(found) {
  const mark = el('p', 'sensitive-mark', msg('sensitive_mark', found.join('; ')));
  mark.setAttribute('role', 'note');
  mark.setAttribute('aria-label', msg('sensitive_mark', found.join('; ')));
  return mark;
}

// The category labels the view offers, for the edit form.
let categories = [];
// An item being edited: while one is, a profile change from elsewhere waits, so the person's
// unsaved text is never thrown away by a redraw.
let editing = null;
let stale = false;

function button(label, className, onClick) {
  const b = el('button', className, label);
  b.type = 'button';
  if (onClick) b.addEventListener('click', onClick);
  return b;
}

/** Shows a form under the item's text: its text, its category, Save and Cancel. */
function editForm(li, item) {
  const shown = li.querySelector('.text');
  const form = el('form', 'edit');
  const text = el('textarea');
  text.value = item.text;
  text.rows = Math.min(6, Math.max(2, Math.ceil(item.text.length / 48)));
  text.setAttribute('aria-label', msg('memory_text'));
  const category = el('select');
  category.setAttribute('aria-label', msg('category'));
  for (const { value, label } of categories) {
    const option = el('option', '', label);
    option.value = value;
    option.selected = value === item.category;
    category.append(option);
  }
  // Cancel: the item as it was (or, if the profile changed meanwhile, as it is now).
  const close = () => {
    editing = null;
    form.remove();
    shown.hidden = false;
    li.classList.remove('editing');
    if (stale) refresh();
  };
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const notice = await editItem(item.id, text.value, category.value);
    say(notice);
    if (!notice.ok) return; // Keep the form and what was typed; the message says why.
    editing = null;
    await refresh();
  });
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') { event.preventDefault(); close(); }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });
  const row = el('div', 'edit-row');
  row.append(category, button(msg('save'), 'confirm', () => form.requestSubmit()), button(msg('popup_cancel'), '', close));
  form.append(text, row);
  shown.hidden = true;
  shown.after(form);
  li.classList.add('editing');
  editing = item.id;
  text.focus();
}

/**
 * An item's elements. Its controls have no listeners of their own: the list listens for all
 * of them (below), so a profile of thousands draws without thousands of listeners.
 */
function itemNode(item) {
  const li = el('li', 'item');
  li.dataset.id = item.id;
  const pick = el('input', 'choose');
  pick.type = 'checkbox';
  pick.checked = !unchosen.has(item.id);
  pick.setAttribute('aria-label', itemLabel.send(item.text));
  const text = el('p', 'text', item.text);
  // Why it is in its category, on hover (and to screen readers, as its description).
  text.title = item.why;
  li.append(pick, text);
  if (item.sensitive.length) {
    // What was found (never the secret itself); its checkbox starts unticked.
    const mark = sensitiveMark(item.sensitive);
    mark.id = `sensitive-${item.id}`;
    pick.setAttribute('aria-describedby', mark.id);
    li.classList.add('sensitive');
    li.append(mark);
  }
  const meta = [item.source, item.heading, item.captured, item.edited].filter(Boolean).join(' · ');
  const edit = button(itemLabel.editWord, 'edit-button');
  edit.setAttribute('aria-label', itemLabel.edit(item.text));
  const remove = button(itemLabel.deleteWord, 'delete-button');
  remove.setAttribute('aria-label', itemLabel.remove(item.text));
  const metaLine = el('p', 'meta', meta);
  metaLine.title = item.why;
  const tools = el('div', 'tools');
  tools.append(edit, remove);
  li.append(metaLine, tools);
  // A near-duplicate merged in from elsewhere keeps its own wording: shown, not lost.
  for (const wording of item.wordings) li.append(el('p', 'wording', msg('also_worded', wording)));
  return li;
}

// The items' elements, by id, each with the item it shows and that item as JSON: a redraw
// (a filter narrowing or widening the list, a change elsewhere in the profile) takes the same
// elements again while their item is the same, and builds only the new or changed ones.
const drawnItems = new Map();

/** The element for `item`: the one drawn before if its item is unchanged, else a new one. */
function itemElement(item) {
  const key = JSON.stringify(item);
  const drawn = drawnItems.get(item.id);
  if (drawn?.key === key) {
    const ticked = !unchosen.has(item.id);
    if (drawn.pick.checked !== ticked) drawn.pick.checked = ticked;
    return drawn.li;
  }
  const li = itemNode(item);
  // A changed item takes its old element's place (so the list around it stays as it is).
  drawn?.li.replaceWith(li);
  drawnItems.set(item.id, { key, item, li, pick: li.firstElementChild });
  return li;
}

/**
 * Makes `list`'s children exactly `wanted`, in order, moving as little as it can: the
 * elements already there in that order stay put (the browser keeps their style and layout);
 * the others are taken out or put in. A filter narrowing the list only takes elements out,
 * and widening it puts them back, each built once.
 */
function keepChildren(list, wanted) {
  const keep = new Set(wanted);
  let at = list.firstElementChild;
  for (const node of wanted) {
    while (at && at !== node && !keep.has(at)) {
      const next = at.nextElementSibling;
      at.remove();
      at = next;
    }
    if (at === node) at = at.nextElementSibling;
    else list.insertBefore(node, at);
  }
  while (at) {
    const next = at.nextElementSibling;
    at.remove();
    at = next;
  }
}

// The list's controls, for every item at once (itemNode gives them no listeners): a checkbox
// ticks or unticks the item for sending; Edit opens its form, Delete deletes it.
$('profile').addEventListener('change', (event) => {
  const pick = event.target.closest('.item > .choose');
  if (!pick) return;
  const id = pick.closest('.item').dataset.id;
  if (pick.checked) unchosen.delete(id);
  else unchosen.add(id);
  showChoice();
});
$('profile').addEventListener('click', async (event) => {
  const control = event.target.closest('.item .edit-button, .item .delete-button');
  if (!control) return;
  const li = control.closest('.item');
  const drawn = drawnItems.get(li.dataset.id);
  if (!drawn) return;
  if (control.classList.contains('edit-button')) {
    if (editing === null) editForm(li, drawn.item);
    return;
  }
  // No "are you sure": the toast says what was deleted, and its Undo takes it back.
  const notice = await deleteItem(drawn.item.id);
  if (!notice.ok) return say(notice);
  $('status').textContent = '';
  showToast();
});

/** A titled section above the list. */
function panel(className, title) {
  const box = el('section', className);
  box.setAttribute('aria-label', title);
  box.append(el('h2', '', title));
  return box;
}

/** Memories that disagree, side by side: keep one (Undo can take it back) or keep both. */
function conflictsNode(conflicts) {
  const box = panel('conflicts', msg('conflicts_title'));
  for (const conflict of conflicts) {
    const one = el('div', 'conflict');
    one.dataset.label = conflict.label;
    one.append(el('h3', '', conflict.label));
    const sides = el('div', 'sides');
    for (const side of conflict.sides) {
      const card = el('div', 'side');
      card.append(el('p', 'text', side.text));
      const more = side.also ? ` · and ${side.also} more saying the same` : '';
      card.append(el('p', 'meta', side.source + more));
      const keep = button(msg('keep_this'), 'small', async () => say(await keepOne(side.keep, side.drop)));
      keep.setAttribute('aria-label', msg('keep_this_item', side.text));
      card.append(keep);
      sides.append(card);
    }
    one.append(sides);
    const all = conflict.sides.length === 2 ? msg('keep_both') : msg('keep_all');
    one.append(button(all, 'small', async () => say(await keepAll(conflict.ids))));
    box.append(one);
  }
  return box;
}

/** What changed on each assistant's memory page between its last two captures. */
function changesNode(changes) {
  const box = panel('changes', msg('changes_title'));
  for (const c of changes) {
    const details = el('details', 'change');
    details.dataset.site = c.site;
    details.append(el('summary', '', `${c.site}: ${c.summary} (${c.between})`));
    const list = el('ul');
    for (const t of c.added) list.append(el('li', 'added', `Added: ${t}`));
    for (const t of c.removed) list.append(el('li', 'removed', `Removed: ${t}`));
    for (const [before, after] of c.changed) list.append(el('li', 'changed', `Changed: ${before} → ${after}`));
    details.append(list);
    box.append(details);
  }
  return box;
}

/** Saves `text` as a file called `name` (the browser's download). */
function download(text, name, type = 'application/json') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = el('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The stored profile cannot be read: the two ways out. Nothing is overwritten: "Start a new
 * profile" keeps the damaged one under a key of its own, listed below for download.
 */
function damagedNode(damaged) {
  const box = el('section', 'damaged');
  box.setAttribute('aria-labelledby', 'damaged-title');
  const title = el('h2', '', msg('damaged_title'));
  title.id = 'damaged-title';
  box.append(title, el('p', 'note', msg('damaged_note', num(damaged.bytes))));
  const row = el('div', 'edit-row');
  const raw = el('button', '', msg('damaged_download'));
  raw.type = 'button';
  raw.addEventListener('click', async () => {
    try {
      const text = await storedProfileRaw();
      download(text ?? '', `memport-stored-profile-${new Date().toISOString().slice(0, 10)}.json`);
      say({ ok: true, message: msg('damaged_saved') });
    } catch (e) {
      say({ ok: false, message: String(e) });
    }
  });
  const fresh = el('button', 'confirm', msg('start_new'));
  fresh.type = 'button';
  fresh.addEventListener('click', async () => {
    const notice = await startNewProfile();
    await refresh();
    say(notice);
  });
  row.append(raw, fresh);
  box.append(row);
  return box;
}

/** "Kept damaged profiles": each one memport set aside, to download as stored. */
function backupsNode(backups) {
  const box = el('section', 'backups');
  box.setAttribute('aria-labelledby', 'backups-title');
  const title = el('h2', '', msg('kept_damaged'));
  title.id = 'backups-title';
  const list = el('ul');
  for (const kept of backups) {
    const li = el('li');
    const when = new Date(kept.kept_at).toLocaleString(LANG);
    li.append(el('span', 'meta', msg('set_aside', when, num(kept.bytes))));
    const get = el('button', 'small', msg('download'));
    get.type = 'button';
    get.setAttribute('aria-label', msg('download_damaged', when));
    get.addEventListener('click', async () => {
      try {
        download((await keptProfileRaw(kept.key)) ?? '', kept.key.replace(/[^a-z0-9]+/gi, '-') + '.json');
      } catch (e) {
        say({ ok: false, message: String(e) });
      }
    });
    li.append(get);
    list.append(li);
  }
  box.append(title, list);
  return box;
}

/**
 * First run: the three steps, and, when the tab in front is an assistant's memory page, the
 * button that saves it from here.
 */
function emptyNode(empty) {
  const box = el('section', 'empty');
  box.setAttribute('aria-labelledby', 'empty-title');
  const title = el('h2', '', empty.title);
  title.id = 'empty-title';
  box.append(title);
  const steps = el('ol');
  empty.steps.forEach((s) => steps.append(el('li', '', s)));
  box.append(steps);
  if (front?.memory) {
    const row = el('p', 'front');
    const save = button(msg('popup_save_memory_page'), 'primary', async () => {
      save.disabled = true;
      say({ ok: true, message: msg('popup_saving_memory_page', front.site) });
      say(await saveMemoryPage(front.tab_id));
      save.disabled = false;
    });
    save.id = 'save-page';
    row.append(save);
    box.append(row);
  }
  return box;
}

// The category groups drawn, by label: each its <details>, its count and its list, kept from
// one redraw to the next with the items in them.
const drawnGroups = new Map();

/** Takes the groups and their items away (a first run, a damaged profile). */
function forgetGroups() {
  for (const group of drawnGroups.values()) group.details.remove();
  drawnGroups.clear();
  drawnItems.clear();
}

/** The group `group` of the view, drawn: its element, made once and updated after. */
function groupElement(group, shown, folded) {
  let drawn = drawnGroups.get(group.label);
  if (!drawn) {
    const details = el('details', 'group');
    details.dataset.category = group.label;
    const summary = el('summary');
    const heading = el('h2', '', group.name);
    const count = el('span', 'count');
    heading.append(' ', count);
    summary.append(heading);
    const list = el('ul', 'items');
    details.append(summary, list);
    drawn = { details, count, list, none: el('li', 'none'), open: null };
    // Folding is the person's: a group the redraw opened or closed (it has items again, or
    // none match) is not remembered as folded.
    const mine = drawn;
    details.addEventListener('toggle', () => {
      if (details.open === mine.open) return;
      mine.open = details.open;
      setGroupCollapsed(group.label, !details.open);
    });
    drawnGroups.set(group.label, drawn);
  }
  drawn.count.textContent = String(group.count);
  drawn.open = group.count > 0 && !folded.has(group.label);
  if (drawn.details.open !== drawn.open) drawn.details.open = drawn.open;
  if (group.count === 0) {
    drawn.none.textContent = shown == null ? msg('nothing_yet') : msg('nothing_matches');
    keepChildren(drawn.list, [drawn.none]);
  } else {
    keepChildren(drawn.list, group.items.map(itemElement));
  }
  return drawn.details;
}

function render(view) {
  const root = $('profile');
  // All but the groups is drawn again; the groups' elements are kept (groupElement).
  for (const node of [...root.children]) if (!node.classList.contains('group')) node.remove();
  if (view.message !== undefined) {
    forgetGroups();
    // The profile could not be loaded: say why, change nothing.
    say(view);
    if (view.damaged) {
      root.append(damagedNode(view.damaged));
      if (view.damaged.backups.length) root.append(backupsNode(view.damaged.backups));
    }
    return;
  }
  const above = [];
  if (view.backups?.length) above.push(backupsNode(view.backups));
  $('total').textContent = view.total ? String(view.total) : '';
  // Each part of the summary ("Gemini, last Nov 24, 2026") kept on one line.
  $('summary').replaceChildren(...(view.summary ?? '').split(' · ').filter(Boolean).flatMap((part, i) => [...(i ? [' · '] : []), el('span', '', part)]));
  // The undo step, in the toast: shown when it is new (a change just made, or on opening).
  undoLabel = view.undo ?? null;
  if (undoLabel !== shownUndo) {
    shownUndo = undoLabel;
    $('undo-row').hidden = !undoLabel;
    $('undo-label').textContent = undoLabel ?? '';
    $('undo').setAttribute('aria-label', undoLabel ? msg('undo_button', undoLabel) : msg('popup_undo'));
  }
  if (!undoLabel) $('undo-row').hidden = true;
  showToast();
  for (const button of document.querySelectorAll('button[data-send]')) button.disabled = view.total === 0;
  for (const id of ['copy-markdown', 'copy-text', 'download-json', 'download-pam', 'download-mcp', 'download-anthropic']) $(id).disabled = view.total === 0;
  // An empty profile has nothing to send or export: its next step is the first-run card.
  $('send-box').hidden = view.total === 0;
  $('formats-box').hidden = view.total === 0;
  $('filters').hidden = view.total === 0;
  if (view.empty) {
    $('shown').textContent = '';
    forgetGroups();
    root.append(...above, emptyNode(view.empty));
    return;
  }
  categories = view.categories;
  allIds = view.all_ids;
  sensitiveIds = view.sensitive_ids;
  for (const id of sensitiveIds) {
    if (!seenSensitive.has(id)) unchosen.add(id);
    seenSensitive.add(id);
  }
  fillSelect($('filter-category'), view.categories);
  fillSelect($('filter-source'), view.sources);
  $('shown').textContent = view.shown == null ? '' : msg('showing', num(view.shown), num(view.total));
  for (const id of [...unchosen]) if (!allIds.includes(id)) unchosen.delete(id);
  showChoice();
  if (view.conflicts.length) above.push(conflictsNode(view.conflicts));
  if (view.changes.length) above.push(changesNode(view.changes));
  root.prepend(...above);
  // An item gone from the profile leaves with its element.
  const present = new Set(allIds);
  for (const [id, drawn] of drawnItems) {
    if (present.has(id)) continue;
    drawn.li.remove();
    drawnItems.delete(id);
  }
  const folded = new Set(collapsedGroups());
  // The six groups, always in the same order: made on the first draw, appended once.
  for (const group of view.groups) {
    const details = groupElement(group, view.shown, folded);
    if (details.parentElement !== root) root.append(details);
  }
}

/** What the person narrowed the list to; Rust does the narrowing. */
function filter() {
  return {
    text: $('search').value,
    category: $('filter-category').value || null,
    source: $('filter-source').value || null,
  };
}

/** Keeps a filter <select>'s options in step with the view, keeping the choice. */
function fillSelect(select, options) {
  const chosen = select.value;
  const first = select.options[0];
  select.replaceChildren(first);
  for (const { value, label } of options) {
    const option = el('option', '', label);
    option.value = value;
    select.append(option);
  }
  select.value = options.some((o) => o.value === chosen) ? chosen : '';
}

let redraws = 0;
async function refresh() {
  if (editing !== null) {
    stale = true; // Redrawn when the edit is saved or cancelled.
    return;
  }
  stale = false;
  // Redraws overlap when the person types and picks a filter at once: only the latest draws.
  const mine = ++redraws;
  const view = await popupView(filter());
  await nextFrame();
  if (mine === redraws) render(view);
}

/**
 * Resolves at the start of the next frame: a redraw made there has the whole frame for the
 * browser to style and lay it out, and the WebAssembly's part (reading the stored profile and
 * narrowing the view) was done before, not in the same frame. A page the browser does not
 * draw (a tab in the background) gets no frames: a timer stands in after 100 ms.
 */
function nextFrame() {
  return new Promise((resolve) => {
    requestAnimationFrame(resolve);
    setTimeout(resolve, 100);
  });
}

// Each redraw reads the stored profile again: while typing, wait for a pause.
let typing = null;
$('search').addEventListener('input', () => {
  clearTimeout(typing);
  typing = setTimeout(refresh, 150);
});
for (const id of ['filter-category', 'filter-source']) $(id).addEventListener('input', refresh);

// The same page is the toolbar popup and, opened in a tab, the full options page: more room
// for long profiles and for pasting an assistant's answer.
// The module loads first: it says which of the two this page is, and opens the options page.
await init({ module_or_path: new URL('pkg/memport_bg.wasm', import.meta.url) });
await loadLanguage();
const inPopup = isPopup();
document.body.classList.toggle('page', !inPopup);
$('open-page').hidden = !inPopup;
$('open-page').addEventListener('click', () => openOptionsPage());

/**
 * A menu: the disclosure button `trigger` (aria-expanded) and its panel. Enter, Space or a
 * click opens it (from the keyboard, on its first choice); the arrow keys, Home and End walk
 * the choices; Escape closes it and gives the focus back; choosing, a click elsewhere or the
 * focus leaving close it.
 */
const menus = [];
function menu(trigger) {
  const panel = $(trigger.getAttribute('aria-controls'));
  const box = trigger.parentElement;
  const choices = () => [...panel.querySelectorAll('button')].filter((b) => !b.disabled && !b.hidden);
  const close = (refocus) => {
    if (panel.hidden) return;
    panel.hidden = true;
    trigger.setAttribute('aria-expanded', 'false');
    if (refocus) trigger.focus();
  };
  const open = (focus) => {
    for (const other of menus) if (other.close !== close) other.close(false);
    panel.hidden = false;
    trigger.setAttribute('aria-expanded', 'true');
    const list = choices();
    if (focus === 'first') list[0]?.focus();
    if (focus === 'last') list.at(-1)?.focus();
  };
  // event.detail is 0 for a click made with Enter or Space.
  trigger.addEventListener('click', (event) => (panel.hidden ? open(event.detail === 0 ? 'first' : null) : close(false)));
  trigger.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowDown' ? 'first' : 'last');
    } else if (event.key === 'Escape' && !panel.hidden) {
      event.preventDefault();
      close(true);
    }
  });
  panel.addEventListener('keydown', (event) => {
    const list = choices();
    const at = list.indexOf(document.activeElement);
    const go = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: list.length - 1 }[event.key];
    if (go !== undefined && list.length) {
      event.preventDefault();
      list[(go + list.length) % list.length].focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
    }
  });
  // A choice made closes the menu; the focus goes back to its button, unless the choice
  // took it somewhere (Import text, to its box).
  panel.addEventListener('click', (event) => {
    if (!event.target.closest('button')) return;
    const stayed = panel.contains(document.activeElement) || document.activeElement === document.body;
    if (stayed) close(true);
    else close(false);
  });
  box.addEventListener('focusout', (event) => {
    if (event.relatedTarget && !box.contains(event.relatedTarget)) close(false);
  });
  document.addEventListener('pointerdown', (event) => {
    if (!box.contains(event.target)) close(false);
  });
  menus.push({ close });
}

// "Send to …": one group per assistant, its ways inside, as Rust lists them (the context
// menu is made from the same list).
for (const group of sendTargets()) {
  const box = el('div', 'send-group');
  box.setAttribute('role', 'group');
  const heading = el('div', 'send-group-name', group.name);
  heading.id = `send-group-${group.ways[0].id}`;
  box.setAttribute('aria-labelledby', heading.id);
  const ways = el('div', 'ways');
  for (const { id, target, way, label, what } of group.ways) {
    const choice = el('button', '', what);
    choice.type = 'button';
    choice.id = id;
    choice.dataset.send = '';
    choice.setAttribute('aria-label', label);
    choice.title = label;
    choice.addEventListener('click', async () => {
      say({ ok: true, message: msg('opening', group.name) });
      // The list whenever anything is unticked or marked sensitive: "all" (no list) leaves
      // sensitive items out, and the person may have ticked them.
      const chosen = unchosen.size || sensitiveIds.length ? allIds.filter((id) => !unchosen.has(id)) : undefined;
      say(await sendTo(target, way, chosen));
    });
    ways.append(choice);
  }
  box.append(heading, ways);
  $('chosen').before(box);
}
for (const trigger of ['send-open', 'formats-open', 'add-open']) menu($(trigger));

// "Add memories": Import text and Import a data export, each a section that opens under the
// buttons. A data export is gigabytes read for minutes: that is the options page's work, so
// in the popup its entry opens the options page. The options page, with room, shows both open.
const wide = !inPopup && matchMedia('(min-width: 700px)').matches;
$('export').hidden = inPopup || !wide;
$('import').hidden = !wide;
$('import-open').setAttribute('aria-expanded', String(wide));
function openPanel(id, focus) {
  $(id).hidden = false;
  if (id === 'import') $('import-open').setAttribute('aria-expanded', 'true');
  $(id).scrollIntoView({ block: 'nearest' });
  focus?.focus();
}
for (const close of document.querySelectorAll('[data-close]')) {
  close.addEventListener('click', () => {
    const id = close.dataset.close;
    $(id).hidden = true;
    if (id === 'import') $('import-open').setAttribute('aria-expanded', 'false');
    $('add-open').focus();
  });
}
$('export-link').addEventListener('click', () => {
  if (inPopup) openOptionsPage();
  else openPanel('export', $('export-files'));
});

// The tab in front, as Rust sees it: "Check this page" shows on an assistant's page, and a
// first run offers to save the memory page in front. Asked again when this page comes back
// into view (the options page, after the person looked at another tab).
let front = null;
async function lookAtFront() {
  front = await frontPage();
  $('check-page').hidden = !front?.check;
}
await lookAtFront();
document.addEventListener('visibilitychange', async () => {
  if (document.visibilityState !== 'visible') return;
  const was = JSON.stringify(front);
  await lookAtFront();
  if (JSON.stringify(front) !== was) refresh();
});

await refresh();

// "Copy as Markdown" / "Copy as text": the whole profile, as Rust renders it.
for (const [id, rendered, done] of [['copy-markdown', profileMarkdown, 'copied_markdown'], ['copy-text', profileText, 'copied_text']]) {
  $(id).addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(await rendered());
      say({ ok: true, message: msg(done) });
    } catch (e) {
      say({ ok: false, message: msg('could_not_copy', e.message ?? e) });
    }
  });
}

// "Download JSON": the whole profile as a file, which Import text restores exactly.
$('download-json').addEventListener('click', async () => {
  try {
    download(await profileJson(), `memport-profile-${new Date().toISOString().slice(0, 10)}.json`);
    say({ ok: true, message: msg('saved_json') });
  } catch (e) {
    say({ ok: false, message: msg('could_not_save', e.message ?? e) });
  }
});

// The open formats, as Rust writes them: a Portable AI Memory memory store, the MCP memory
// server's knowledge graph (the file it keeps as memory.jsonl), and Anthropic's import format
// ("[YYYY-MM-DD] - entry" lines under category headings). Import text reads all three back.
// The MCP and Anthropic files leave out memories marked sensitive (a model reads them); Rust
// says how many.
for (const [id, rendered, name, ext, type, what] of [
  ['download-pam', async () => ({ text: await profilePam(), withheld: 0 }), 'memport-pam', 'json', 'application/json', 'format_pam'],
  ['download-mcp', profileMcp, 'memory', 'jsonl', 'application/jsonl', 'format_mcp'],
  ['download-anthropic', profileAnthropic, 'memport-anthropic', 'txt', 'text/plain;charset=utf-8', 'format_anthropic'],
]) {
  $(id).addEventListener('click', async () => {
    try {
      const { text, withheld } = await rendered();
      download(text, `${name}-${new Date().toISOString().slice(0, 10)}.${ext}`, type);
      const left = withheld === 0 ? '' : ` ${plural('withheld', withheld)}`;
      say({ ok: true, message: msg('saved_format', msg(what)) + left });
    } catch (e) {
      say({ ok: false, message: msg('could_not_save', e.message ?? e) });
    }
  });
}

// "Check this page": what memport finds on the tab under the popup, part by part.
function showReport(report) {
  const box = $('check');
  const head = el('div', 'panel-head');
  head.append(el('h2', report.ok ? 'ok' : 'problem', report.title), button(msg('popup_close'), 'small quiet close', () => {
    box.hidden = true;
    $('check-page').focus();
  }));
  box.replaceChildren(head);
  const list = el('ul');
  for (const line of report.lines) {
    const item = el('li', line.ok ? 'ok' : 'problem', line.text);
    item.prepend(el('span', 'mark', line.ok ? '✓ ' : '✗ '));
    list.append(item);
  }
  box.append(list);
  if (report.forget) {
    // What the person pointed at on this site is looked at first; undo it here.
    const { site, button: label, note } = report.forget;
    box.append(el('p', 'note', note), button(label, '', async () => {
      say(await forgetPicks(site));
      const again = await checkPage(front?.tab_id);
      if (again.kind === 'check') showReport(again.report);
    }));
  }
  box.hidden = false;
}

$('check-page').addEventListener('click', async () => {
  const reply = await checkPage(front?.tab_id);
  if (reply.kind === 'check') showReport(reply.report);
  else say(reply);
});

for (const id of ['undo', 'undo-again']) $(id).addEventListener('click', async () => say(await undoLast()));

// "Import text": Rust reads the text; the person sees every memory it found (and what it left
// out) before anything is added. Editing the text again drops the preview.
$('import-open').addEventListener('click', () => openPanel('import', $('import-text')));

function clearPreview() {
  $('import-result').replaceChildren();
  $('import-add').hidden = true;
}

// The chat page "Capture the answer" read the box's text off, while the box holds it: Rust
// then judges its memories as a page's text (instructions to an AI are flagged). Emptying the
// box, or a file read into it, forgets it.
let answerUrl = null;

$('import-text').addEventListener('input', () => {
  if (!$('import-text').value.trim()) answerUrl = null;
  clearPreview();
});

// "Copy the export prompt": memport's request for an assistant's memory, for when its memory
// page cannot be read; its answer is pasted back here.
for (const b of document.querySelectorAll('[data-prompt]')) {
  b.addEventListener('click', async () => {
    const name = b.textContent.trim();
    try {
      await navigator.clipboard.writeText(exportPrompt(b.dataset.prompt));
      say({ ok: true, message: msg('copied_prompt', name) });
    } catch (e) {
      say({ ok: false, message: msg('could_not_copy', e.message ?? e) });
    }
  });
}

// A file (a saved answer, memport's own JSON, a PAM, MCP or Anthropic file) is read into the box, to
// preview like a paste; Rust tells which it is by its content.
// A profile file memport wrote fits (its stored profile is at most 10 MB, indented here).
const MAX_FILE_BYTES = 32 * 1024 * 1024;
$('import-file').addEventListener('change', async () => {
  const [file] = $('import-file').files;
  $('import-file').value = '';
  if (!file) return;
  if (file.size > MAX_FILE_BYTES) {
    say({ ok: false, message: `${file.name} is ${Math.round(file.size / 1024 / 1024)} MB; memport opens files up to 32 MB. Nothing was read.` });
    return;
  }
  $('import-text').value = await file.text();
  answerUrl = null;
  clearPreview();
  say({ ok: true, message: msg('read_file', file.name) });
});

/**
 * A preview as Rust wrote it: its summary, each memory with its category and date (greyed
 * when already in the profile), and what was left out. With `choose`, each memory gets a
 * ticked checkbox; `choose(index, ticked)` is told when one changes.
 */
function previewNodes({ summary, entries, ignored }, choose) {
  const nodes = [el('p', 'summary', summary)];
  const list = el('ol', 'preview');
  entries.forEach((entry, index) => {
    const li = el('li', entry.known ? 'known' : '', entry.text);
    if (choose) {
      const tick = el('input', 'choose');
      tick.type = 'checkbox';
      tick.checked = true;
      tick.setAttribute('aria-label', msg('keep_entry', entry.text));
      tick.addEventListener('change', () => choose(index, tick.checked));
      li.prepend(tick);
      li.classList.add('chooseable');
    }
    const meta = [entry.category, entry.saved, entry.known ? msg('already_in_profile') : ''].filter(Boolean).join(' · ');
    const why = el('p', 'meta', meta);
    why.title = msg('category_why', entry.why);
    li.append(why);
    // Ticked here means "add": it stays ticked, marked; once added it is not sent unticked.
    if (entry.sensitive.length) {
      li.classList.add('sensitive');
      li.append(sensitiveMark(entry.sensitive));
    }
    list.append(li);
  });
  nodes.push(list);
  if (ignored.length) {
    const left = el('details', 'ignored');
    left.append(el('summary', '', msg('left_out', num(ignored.length))));
    ignored.forEach((line) => left.append(el('p', 'meta', line)));
    nodes.push(left);
  }
  return nodes;
}

/** Shows what the text in the box holds, as Rust reads it; nothing is added. */
async function showPreview() {
  clearPreview();
  const reply = await importText($('import-text').value, false, answerUrl);
  if (reply.kind !== 'preview') return say(reply);
  $('import-result').append(...previewNodes(reply.preview));
  const fresh = reply.preview.new;
  if (reply.preview.replace) {
    $('import-add').textContent = msg('replace_profile');
    $('import-add').disabled = false;
  } else {
    $('import-add').textContent = plural('add_memories', fresh);
    $('import-add').disabled = fresh === 0;
  }
  $('import-add').hidden = false;
}

$('import-preview').addEventListener('click', showPreview);

// "Capture the answer": the assistant's last reply on the chat page in front, read by the
// worker, goes into the box with its preview; the person still presses Add.
$('capture-answer').addEventListener('click', async () => {
  say({ ok: true, message: msg('reading_answer') });
  const reply = await captureAnswer();
  if (reply.kind !== 'answer') return say(reply); // Not a chat page, no reply yet…: the box is left as it was.
  $('import-text').value = reply.answer.text;
  answerUrl = reply.answer.url;
  say({ ok: true, message: reply.answer.message });
  await showPreview();
});

$('import-add').addEventListener('click', async () => {
  const notice = await importText($('import-text').value, true, answerUrl);
  say(notice);
  if (!notice.ok) return;
  $('import-text').value = '';
  answerUrl = null;
  clearPreview();
});

// Captures made while the popup is open show up at once.
onProfileChanged(refresh);

// "Import a data export" (the options page). A dedicated worker (data-export-worker.js) reads the
// chosen files with the Rust core; this page passes it the File handles, never their bytes,
// draws its progress, and shows what it recovered in the same preview as Import text, one
// checkbox per memory. Cancel ends the worker outright: nothing is added until "Add".

// The run in progress (its worker), and what the last finished run recovered.
let exportWorker = null;
// The next run's worker, started ahead and warmed on a small built-in export while the person
// chooses files (V8 optimizes the reader as it runs; crate/export/warm.rs has the figures).
// `warm` once it has said so; only a warm spare is taken, so one whose script failed to load
// is never given a run: the run starts its own worker, which says what went wrong.
let spare = null;
let recovered = [];
// The indexes in `recovered` the person unticked.
const dropped = new Set();

function exportSay(ok, message) {
  $('export-status').textContent = message;
  $('export-status').className = ok ? 'ok' : 'problem';
}

/** Forgets the last run's summary, preview and choices. */
function clearExport() {
  recovered = [];
  dropped.clear();
  $('export-summary').replaceChildren();
  $('export-result').replaceChildren();
  $('export-add').hidden = true;
  exportSay(true, '');
}

function newExportWorker() {
  return new Worker(new URL('data-export-worker.js', import.meta.url), { type: 'module' });
}

/** Starts the spare worker, if there is none, and has it warm up. Its failures are quiet. */
function prepareExport() {
  if (spare) return;
  let worker;
  try {
    worker = newExportWorker();
  } catch {
    return; // The run will try again, and say why it cannot.
  }
  const ahead = { worker, warm: false };
  spare = ahead;
  worker.onmessage = ({ data }) => {
    if (data.kind !== 'warm') return;
    ahead.warm = true;
    if (spare === ahead) $('export').dataset.reader = 'warm'; // Shown to tests, not people.
  };
  worker.onerror = (event) => {
    event.preventDefault();
    worker.terminate();
    if (spare === ahead) spare = null;
  };
  worker.postMessage({ kind: 'warm' });
}

/** Ends the run in progress, if any, and lets the person choose files again. */
function stopExport() {
  if (exportWorker) setTimeout(prepareExport, 0); // The next run starts warm too.
  exportWorker?.terminate();
  exportWorker = null;
  $('export-run').hidden = true;
  $('export-files').disabled = false;
  $('export-drop').classList.remove('busy');
}

/**
 * A PAM, MCP or Anthropic memory file chosen here is not a data export: when Rust recognises
 * the one chosen file by its content, it goes to Import text's preview instead. True when it
 * did. Rust looks at the file's start first, so a ZIP or an export's JSON is not read twice.
 */
async function openFormatFile(files) {
  if (files.length !== 1 || files[0].size > MAX_FILE_BYTES) return false;
  const [file] = files;
  if (!mayBeOpenFormat(await file.slice(0, 4096).text())) return false;
  const text = await file.text();
  const format = await openFormat(text);
  if (!format) return false;
  $('import').hidden = false;
  $('import-open').setAttribute('aria-expanded', 'true');
  $('import-text').value = text;
  answerUrl = null;
  await showPreview();
  if ($('import-add').hidden) return true; // Rust said what is wrong with it.
  say({ ok: true, message: msg('file_is_format', file.name, format) });
  $('import').scrollIntoView();
  return true;
}

async function startExport(fileList) {
  const files = [...fileList];
  if (files.length === 0) return;
  if (await openFormatFile(files)) return;
  if (exportWorker) return exportSay(false, msg('export_busy'));
  clearExport();
  let worker;
  if (spare?.warm) {
    worker = spare.worker;
    spare = null;
    delete $('export').dataset.reader;
  } else {
    try {
      worker = newExportWorker();
    } catch (e) {
      return exportSay(false, `memport could not start reading (${e.message ?? e}). Nothing was added.`);
    }
  }
  exportWorker = worker;
  $('export-files').disabled = true;
  $('export-drop').classList.add('busy');
  $('export-progress').removeAttribute('value'); // Indeterminate until the first report.
  $('export-progress-text').textContent = '';
  $('export-run').hidden = false;
  exportSay(true, files.length === 1 ? msg('reading_one_file', files[0].name) : msg('reading_files', num(files.length)));
  worker.onmessage = ({ data }) => {
    if (worker !== exportWorker) return; // A cancelled run's last words.
    if (data.kind === 'progress') {
      $('export-progress').max = Math.max(1, data.progress.total);
      $('export-progress').value = data.progress.done;
      $('export-progress-text').textContent = data.progress.text;
    } else if (data.kind === 'done') {
      stopExport();
      showRecovered(data);
    } else {
      stopExport();
      exportSay(false, `${data.message} Nothing was added.`);
    }
  };
  // The worker's script or its WebAssembly did not load, or it died: say so, stay usable.
  worker.onerror = (event) => {
    event.preventDefault();
    if (worker !== exportWorker) return;
    stopExport();
    exportSay(false, msg('export_failed', event.message || msg('export_reader_down')));
  };
  worker.postMessage({ kind: 'read', files });
}

/** The end of a run: the summary, then the preview with a checkbox per memory and "Add". */
async function showRecovered({ items, summary }) {
  const box = $('export-summary');
  for (const line of summary.lines) box.append(el('p', 'line', line));
  if (summary.faults.length) {
    const faults = el('ul', 'faults');
    summary.faults.forEach((fault) => faults.append(el('li', '', fault)));
    box.append(faults);
  }
  for (const [names, title] of [[summary.read, 'files_read'], [summary.skipped, 'files_skipped']]) {
    if (!names.length) continue;
    const details = el('details', 'files');
    details.append(el('summary', '', msg(title, num(names.length))));
    names.forEach((name) => details.append(el('p', 'meta', name)));
    box.append(details);
  }
  if (summary.nothing) return exportSay(false, summary.nothing);
  exportSay(true, '');
  const reply = await previewDataExport(items);
  if (reply.kind !== 'preview') return exportSay(false, reply.message);
  recovered = items;
  $('export-result').append(...previewNodes(reply.preview, (index, ticked) => {
    if (ticked) dropped.delete(index);
    else dropped.add(index);
    showExportChoice();
  }));
  showExportChoice();
  $('export-add').hidden = false;
}

function showExportChoice() {
  const n = recovered.length - dropped.size;
  $('export-add').textContent = plural('add_memories', n);
  $('export-add').disabled = n === 0;
}

$('export-add').addEventListener('click', async () => {
  const kept = recovered.filter((_, index) => !dropped.has(index));
  $('export-add').disabled = true;
  const notice = await importDataExport(kept);
  say(notice);
  exportSay(notice.ok, notice.message);
  if (!notice.ok) {
    $('export-add').disabled = false; // The preview stays: try again, or choose fewer.
    return;
  }
  recovered = [];
  dropped.clear();
  $('export-result').replaceChildren();
  $('export-add').hidden = true;
});

$('export-cancel').addEventListener('click', () => {
  if (!exportWorker) return;
  stopExport();
  exportSay(true, msg('cancelled'));
});

$('export-files').addEventListener('change', () => {
  const files = $('export-files').files;
  startExport(files);
  $('export-files').value = ''; // The same files can be chosen again.
});
// The page's HTML shows the button disabled: a file chosen before this listener existed
// would be dropped without a word.
$('export-files').disabled = false;

// Drag and drop onto the zone, highlighted while files are over it. A drop anywhere else on
// the page is refused, so a missed drop never replaces the page with the file.
const zone = $('export-drop');
zone.addEventListener('dragover', (event) => {
  event.preventDefault();
  event.dataTransfer.dropEffect = 'copy';
  zone.classList.add('over');
});
zone.addEventListener('dragleave', (event) => {
  if (!zone.contains(event.relatedTarget)) zone.classList.remove('over');
});
zone.addEventListener('drop', (event) => {
  event.preventDefault();
  zone.classList.remove('over');
  startExport(event.dataTransfer.files);
});
for (const type of ['dragover', 'drop']) {
  window.addEventListener(type, (event) => {
    if (!zone.contains(event.target)) event.preventDefault();
  });
}

// The options page readies its reader once the profile is drawn (the popup reads no exports).
if (!inPopup) setTimeout(prepareExport, 0);

// What the last capture or send said in full (the worker keeps it; crate/web/popup.rs reads
// it): how many memories were new, what changed since that assistant's last capture, what did
// not fit or was not placed. The page itself is told only what concerns it.
async function showLast() {
  const last = await lastNotice();
  const line = $('last');
  line.hidden = !last;
  line.textContent = last ? msg('last_on_page', last.message) : '';
  line.className = last && !last.ok ? 'last problem' : 'last';
}
onLastNoticeChanged(showLast);
showLast();
