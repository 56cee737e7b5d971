// The page watcher, the only script memport puts into the assistants' pages as they load
// (at most 8 KB: ./dev build checks). It knows the memory pages by URL and fragment (PAGES:
// written from crate/sites/*.toml by ./dev build), follows client-side navigation, and keeps
// one "Save memory to memport" button by the anchor of the worker's plan. The page code
// (page/agent.js) comes when a capture or the picker starts: the worker injects it into this
// world (chrome.scripting). chrome.* here: runtime.sendMessage, runtime.id, i18n.getMessage.
(() => {
  if (globalThis.memportWatch) return;
  globalThis.memportWatch = true;
  const PAGES = /*PAGES*/[];
  // The worker's plan for planUrl; null: no button here.
  let plan = null;
  let planUrl = null;
  // A floating button waits a moment for the page to render.
  let planAt = 0;
  let busy = false;
  // The last {ok, message, pick}, kept across re-renders.
  let status = null;
  let timer = null;
  let floatTimer = null;
  const send = (m) => chrome.runtime.sendMessage(m);
  const said = (id) => { try { return chrome.i18n.getMessage(id) || id; } catch (e) { return id; } };
  // False once memport is reloaded or removed.
  const alive = () => Boolean(globalThis.chrome?.runtime?.id);

  function memoryPage() {
    const at = location.protocol + '//' + location.hostname + location.pathname + location.search;
    const frag = location.hash.slice(1);
    return PAGES.some(([res, fs]) => res.some((r) => new RegExp(r).test(at)) && (!fs.length || fs.some((f) => frag.startsWith(f))));
  }

  // Open shadow roots included.
  function deep(sel, root = document, out = []) {
    for (const el of root.querySelectorAll('*')) {
      if (el.matches(sel)) out.push(el);
      if (el.shadowRoot) deep(sel, el.shadowRoot, out);
    }
    return out;
  }
  const ROLES = { button: 'button,[role="button"]', heading: 'h1,h2,h3,h4,h5,h6,[role="heading"]' };
  const words = (s) => (s || '').toLowerCase().normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}\s]/gu, ' ').split(/\s+/).filter(Boolean).map((w) => (w.length > 3 && w.endsWith('s') ? w.slice(0, -1) : w));
  // The agent's labelScore, shortly: 3 equal, 2 the label's words in order in the name, 1 the
  // label with words left out (two long ones kept).
  function score(have, want) {
    const h = words(have), w = words(want), hs = ` ${h.join(' ')} `, ws = ` ${w.join(' ')} `;
    if (!h.length || !w.length || h.length > Math.max(12, w.length + 6)) return 0;
    if (hs === ws) return 3;
    if (hs.includes(ws)) return 2;
    let i = 0;
    for (const x of w) if (x === h[i]) i += 1;
    return i === h.length && h.filter((x) => x.length > 3).length > 1 ? 1 : 0;
  }
  function nameOf(el) {
    const by = el.getAttribute('aria-labelledby');
    return el.getAttribute('aria-label') || (by && by.split(/\s+/).map((id) => document.getElementById(id)?.textContent).join(' ')) || el.textContent;
  }
  const visible = (el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true });

  // The plan's anchor: each locator in turn, a role's best named match first.
  function anchor() {
    for (const loc of plan.anchor) {
      let found = [];
      try {
        if (loc.css) found = deep(loc.css);
        else if (loc.by === 'role') {
          found = deep(ROLES[loc.role] ?? `[role="${loc.role}"]`)
            .map((el) => [el, loc.names.length ? Math.max(...loc.names.map((n) => score(nameOf(el), n))) : 1])
            .filter((c) => c[1] > 0).sort((a, b) => b[1] - a[1]).map((c) => c[0]);
        }
      } catch (e) {
        // A selector the browser rejects finds nothing.
      }
      const el = found.find((e) => !e.closest('[data-memport]') && visible(e));
      if (el) return el;
    }
    return null;
  }

  // The page asks the person to log in: one of the plan's texts is an element's whole text.
  function loggedOut() {
    const want = plan.logged_out_texts.map(words).map(String);
    const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n; want.length && (n = walk.nextNode());) {
      const el = n.parentElement;
      if (want.includes(String(words(el.textContent))) && visible(el)) return true;
    }
    return false;
  }

  const STYLE = `:host{all:initial;display:inline-block;vertical-align:middle;margin:.25em .5em;font-size:14px}
:host(.memport-floating){position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:26rem;padding:.5em .75em;border-radius:.75rem;background:#fff;box-shadow:0 2px 12px #0003}
.capture{display:inline-flex;align-items:center;gap:.6em;flex-wrap:wrap;font:14px/1.45 system-ui,sans-serif}
.button{cursor:pointer;font:inherit;font-size:.875rem;padding:.35em .9em;border-radius:.5rem;border:1px solid #c9c4ee;background:#f4f2ff;color:#2e2785}
.button:disabled{opacity:.65;cursor:progress}.button:focus-visible{outline:2px solid #4b3fc4;outline-offset:2px}
.status{font-size:.85rem;color:#2c6a3a}.status:empty{display:none}.problem{color:#a02323}`;

  // A real <button> only a person can press: a click the page's script makes does nothing.
  function button(label, onClick, cls = 'button') {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = cls;
    b.textContent = label;
    b.addEventListener('click', (e) => e.isTrusted && onClick());
    return b;
  }
  const el = (tag, cls) => Object.assign(document.createElement(tag), { className: cls });

  // The button and its status line in a closed shadow root: the page can neither press it
  // nor read it. data-memport makes the agent's reader skip it.
  function build() {
    const host = document.createElement('span');
    host.dataset.memport = 'capture';
    const root = host.attachShadow({ mode: 'closed' });
    const wrap = el('span', 'capture');
    const b = button(busy ? plan.busy_label : plan.label, save);
    b.disabled = busy;
    const line = el('span', status && !status.ok ? 'status problem' : 'status');
    // A status: read out politely when it changes.
    line.setAttribute('role', 'status');
    line.textContent = status?.message ?? '';
    wrap.append(b, line);
    // The memory was not found: offer to point at it (picker mode).
    if (status?.pick && !busy) wrap.append(button(status.pick.button, point, 'button point'));
    root.append(Object.assign(document.createElement('style'), { textContent: STYLE }), wrap);
    return host;
  }

  const existing = () => deep('[data-memport="capture"]');
  const removeButton = () => existing().forEach((w) => w.remove());

  // Exactly one button: by the anchor, else floating on a memory page that rendered without
  // it, but none on a page that asks the person to log in.
  function ensureButton() {
    const at = plan && anchor();
    const all = existing();
    const floating = all.find((w) => w.classList.contains('memport-floating'));
    if (at) {
      const pos = plan.position;
      const keep = all.find((w) => w !== floating && (pos === 'before' ? w.nextElementSibling === at : pos === 'append' ? w.parentElement === at : w.previousElementSibling === at));
      all.filter((w) => w !== keep).forEach((w) => w.remove());
      if (!keep) at[pos === 'before' ? 'before' : pos === 'append' ? 'append' : 'after'](build());
      return;
    }
    all.filter((w) => w !== floating).forEach((w) => w.remove());
    // Once pressed, the button (and what it has to say) stays, wherever it must go.
    const quiet = !busy && !status;
    const out = quiet && plan && loggedOut();
    if (!plan || out || (quiet && Date.now() - planAt < 1500)) {
      floating?.remove();
      if (plan && !out) floatTimer ??= setTimeout(() => { floatTimer = null; check(); }, 1500);
    } else if (!floating) {
      const w = build();
      w.classList.add('memport-floating');
      document.body.append(w);
    }
  }
  const redraw = () => { removeButton(); ensureButton(); };

  async function askPlan() {
    const url = (planUrl = location.href);
    const had = plan;
    status = plan = null;
    if (!memoryPage()) {
      watch();
      // Only a page that had a plan can hold a button: no walk through other pages.
      return had && removeButton();
    }
    let reply;
    try {
      reply = await send({ kind: 'page_opened', url });
    } catch (e) {
      return stop();
    }
    // Navigated again meanwhile; that request wins.
    if (planUrl !== url) return;
    plan = reply?.kind === 'plan' ? reply.plan : null;
    planAt = Date.now();
    watch();
    redraw();
  }

  // The page code: the worker puts it into this world when first needed.
  async function agent() {
    if (!globalThis.memportAgent) {
      const reply = await send({ kind: 'load_agent' });
      if (!globalThis.memportAgent) throw new Error(reply?.message);
    }
    return globalThis.memportAgent;
  }

  function done(reply) {
    busy = false;
    status = { ok: Boolean(reply?.ok), message: reply?.message ?? said('page_no_answer'), pick: reply?.kind === 'point_at' ? reply.pick : null };
    redraw();
  }

  async function save() {
    if (busy || !plan) return;
    busy = true;
    status = null;
    // In its busy state.
    redraw();
    let outcome;
    try {
      outcome = await (await agent()).read(plan.read);
    } catch (e) {
      outcome = { outcome: 'failed', url: location.href, step: 'content', detail: String(e) };
    }
    try {
      done(await send({ kind: 'page_read', outcome }));
    } catch (e) {
      done({ ok: false, message: said('page_updated') });
    }
  }

  // The person points at the memory; the worker keeps where and answers with a plan that
  // looks there first, read at once.
  async function point() {
    const offer = status?.pick;
    if (!offer || busy) return;
    let reply;
    try {
      const got = await (await agent()).pick(offer);
      // Cancelled: the message and the offer stay.
      if (!got) return;
      reply = await send({ kind: 'picked', site: offer.site, part: offer.part, css: got.css, url: got.url });
    } catch (e) {
      return stop();
    }
    if (reply?.plan) {
      plan = reply.plan;
      return save();
    }
    status = { ok: false, message: reply?.message ?? said('page_no_answer'), pick: offer };
    redraw();
  }

  function check() {
    timer = null;
    if (location.href !== planUrl) askPlan();
    else if (plan && !alive()) stop();
    else if (plan) ensureButton();
  }
  // Apps re-render and navigate without reloading: look again after changes, in batches.
  // Where the browser reports the app's navigations (the Navigation API), the DOM is watched
  // only on a memory page, to keep the button through re-renders; elsewhere always. Nothing
  // of chrome.* is touched on other pages.
  const soon = () => { timer ??= setTimeout(check, 50); };
  const observer = new MutationObserver(soon);
  const nav = globalThis.navigation;
  function watch() {
    observer.disconnect();
    if (plan || !nav) observer.observe(document.documentElement, { childList: true, subtree: true });
  }
  function stop() {
    observer.disconnect();
    removeButton();
    plan = null;
  }
  watch();
  nav?.addEventListener('currententrychange', soon);
  addEventListener('popstate', soon);
  addEventListener('hashchange', soon);
  askPlan();
})();
