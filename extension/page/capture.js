// The "Save memory to memport" button on assistants' memory pages.
//
// Runs as a content script after page/agent.js. It asks the service worker what to do on
// this URL (the worker's Rust answers with a plan from the site file, or nothing), keeps
// exactly one button next to the plan's anchor however often the app re-renders, follows
// client-side navigation, and removes itself cleanly when the page or the extension goes.

(() => {
  if (globalThis.memportCapture) return;
  globalThis.memportCapture = true;
  const agent = globalThis.memportAgent;

  let plan = null; // The worker's plan for planUrl, or null: no button here.
  let planUrl = null;
  let busy = false;
  let status = null; // The last {ok, message}, re-shown if the app re-renders the button away.
  let scheduled = false;
  let floatTimer = null;
  let planAt = 0; // When the plan arrived: a floating button waits for the page to render.

  // With no anchor after this long, the button floats at the page's corner: the URL is a
  // memory page, and a redesign must not leave the person without a way to save.
  const FLOAT_AFTER_MS = 1500;

  const alive = () => Boolean(globalThis.chrome?.runtime?.id); // False once memport is reloaded or removed.

  // Also inside open shadow roots, where the button goes when its anchor is there.
  function existing() {
    return agent.queryDeep(document, '[data-memport="capture"]');
  }

  function removeButton() {
    existing().forEach((el) => el.remove());
  }

  // Each button's closed shadow root, by its host (only this script can reach inside).
  const parts = new WeakMap();

  function showStatus(host) {
    const { wrapper, line } = parts.get(host);
    line.textContent = status ? status.message : '';
    line.classList.toggle('problem', Boolean(status && !status.ok));
    // The memory was not found: offer to point at it (picker mode).
    wrapper.querySelector('.point')?.remove();
    if (status?.pick && !busy) {
      wrapper.append(agent.button(status.pick.button, pointAtMemory, 'button point'));
    }
  }

  // The person points at the memory; the worker remembers where and answers with a plan that
  // looks there first, which is read at once.
  async function pointAtMemory() {
    const offer = status?.pick;
    if (!offer || busy) return;
    const got = await agent.pick(offer);
    if (!got) return; // Cancelled: the message and the offer stay.
    let reply;
    try {
      reply = await chrome.runtime.sendMessage({ kind: 'picked', site: offer.site, part: offer.part, css: got.css, url: got.url });
    } catch (e) {
      return stop();
    }
    if (reply?.kind === 'plan' && reply.plan) {
      plan = reply.plan;
      return save();
    }
    status = { ok: false, message: reply?.message ?? agent.said('page_no_answer'), pick: offer };
    removeButton();
    ensureButton();
  }

  // The button and its status line in a closed shadow root (see ui() in agent.js): the
  // page can neither press it nor read what it says.
  function build() {
    const { host, root } = agent.ui('capture', 'span');
    const wrapper = document.createElement('span');
    wrapper.className = 'capture';
    const b = agent.button(busy ? plan.busy_label : plan.label, save);
    b.disabled = busy;
    const line = document.createElement('span');
    line.className = 'status';
    line.setAttribute('role', 'status');
    line.setAttribute('aria-live', 'polite');
    wrapper.append(b, line);
    root.append(wrapper);
    parts.set(host, { wrapper, line });
    showStatus(host);
    return host;
  }

  function place(wrapper, anchor) {
    if (plan.position === 'before') anchor.before(wrapper);
    else if (plan.position === 'append') anchor.append(wrapper);
    else anchor.after(wrapper);
  }

  function placedBy(wrapper, anchor) {
    if (plan.position === 'before') return wrapper.nextElementSibling === anchor;
    if (plan.position === 'append') return wrapper.parentElement === anchor;
    return wrapper.previousElementSibling === anchor;
  }

  // Exactly one button: next to the anchor, else floating on a memory page that rendered
  // without it; none on a page that asks the person to log in.
  function ensureButton() {
    const found = plan && agent.findOne(plan.anchor);
    const buttons = existing();
    if (!found) {
      const floating = buttons.find((w) => w.classList.contains('memport-floating'));
      buttons.filter((w) => w !== floating).forEach((w) => w.remove());
      // Once pressed, the button (and what it has to say) stays, wherever it must go.
      const loggedOut = !busy && !status && agent.showsText(plan?.logged_out_texts ?? []);
      if (!plan || loggedOut || (!busy && !status && Date.now() - planAt < FLOAT_AFTER_MS)) {
        floating?.remove();
        // Look again once it may float.
        if (plan && !loggedOut && !floatTimer) {
          floatTimer = setTimeout(() => {
            floatTimer = null;
            check();
          }, FLOAT_AFTER_MS);
        }
        return;
      }
      if (!floating) {
        const wrapper = build();
        wrapper.classList.add('memport-floating');
        document.body.append(wrapper);
      }
      return;
    }
    const keep = buttons.find((w) => !w.classList.contains('memport-floating') && placedBy(w, found.el));
    buttons.filter((w) => w !== keep).forEach((w) => w.remove());
    if (!keep) place(build(), found.el);
  }

  async function askPlan() {
    const url = location.href;
    planUrl = url;
    let reply = null;
    try {
      reply = await chrome.runtime.sendMessage({ kind: 'page_opened', url });
    } catch (e) {
      return stop();
    }
    if (planUrl !== url) return; // Navigated again meanwhile; that request wins.
    plan = reply && reply.kind === 'plan' ? reply.plan : null;
    planAt = Date.now();
    status = null;
    if (plan) ensureButton();
    else removeButton();
  }

  async function save() {
    if (busy || !plan) return;
    busy = true;
    status = null;
    removeButton();
    ensureButton(); // Rebuilt in its busy state.
    let outcome;
    try {
      outcome = await agent.read(plan.read);
    } catch (e) {
      outcome = { outcome: 'failed', url: location.href, step: 'content', detail: String(e) };
    }
    let reply;
    try {
      reply = await chrome.runtime.sendMessage({ kind: 'page_read', outcome });
    } catch (e) {
      reply = { ok: false, message: agent.said('page_updated') };
    }
    busy = false;
    status = {
      ok: Boolean(reply && reply.ok),
      message: reply?.message ?? agent.said('page_no_answer'),
      pick: reply?.kind === 'point_at' ? reply.pick : null,
    };
    removeButton();
    ensureButton();
  }

  function check() {
    scheduled = false;
    if (!alive()) return stop();
    if (location.href !== planUrl) askPlan();
    else if (plan) ensureButton();
  }

  // Apps re-render and navigate without reloading: re-check after DOM changes, in batches.
  const observer = new MutationObserver(() => {
    if (scheduled) return;
    scheduled = true;
    setTimeout(check, 50);
  });

  function stop() {
    observer.disconnect();
    removeButton();
    plan = null;
  }

  observer.observe(document.documentElement, { childList: true, subtree: true });
  askPlan();
})();
