// The extra module (pkg/memport_extra.js): the rarer work the core hands over as jobs
// (crate/jobs.rs), such as reading a text or file into memories. The service worker and the
// popup import this file; the module is fetched and compiled only the first time a job comes,
// so waking the worker or opening the popup does not pay for it. A service worker may not
// import() a module later, hence the static import of its small glue here.

import init, { run } from './pkg/memport_extra.js';

let ready = null;

/** Does one job (its JSON) in the extra module; resolves with the answer's JSON. */
globalThis.memportExtra = async (job) => {
  ready ??= init({ module_or_path: new URL('pkg/memport_extra_bg.wasm', import.meta.url) });
  try {
    await ready;
  } catch (e) {
    ready = null; // Tried again at the next job.
    throw e;
  }
  return run(job);
};

/** Whether the module was asked for yet (the tests check it is not before its work comes). */
globalThis.memportExtra.asked = () => ready !== null;
