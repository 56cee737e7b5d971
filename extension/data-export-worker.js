// "Import a data export": the dedicated worker that reads the person's files.
//
// The options page starts one per run (`new Worker(..., {type: 'module'})`) and posts it the
// chosen `File`s: handles, not bytes. Here the Rust export reader (crate/web/data_export.rs,
// `importFiles`; its own WebAssembly module, pkg/memport_export.js, which only this worker loads)
// reads them by slices of a few megabytes with FileReaderSync, which only a worker may use,
// so a file larger than any JavaScript string is fine and the page stays responsive. Cancel
// is `worker.terminate()` on the page's side: nothing here needs to cooperate.
//
// Messages from the page:
//   {kind: 'warm'}                 read the core's small built-in export first (warmUp), so
//                                  V8 has optimized the reader before the person's files come
//   {kind: 'read', files}          read these Files
// Messages to the page:
//   {kind: 'warm'}                                             warmed up, ready
//   {kind: 'progress', progress: {file, done, total, text}}   about ten a second
//   {kind: 'done', items, summary}                             the recovered memories
//   {kind: 'failed', message}                                  the run could not finish

import init, { importFiles, warmUp, loadLanguage } from './pkg/memport_export.js';

const ready = init({ module_or_path: new URL('pkg/memport_export_bg.wasm', import.meta.url) }).then(loadLanguage);

self.onmessage = async ({ data }) => {
  try {
    await ready;
  } catch (e) {
    postMessage({ kind: 'failed', message: `memport's WebAssembly did not load (${e?.message ?? e}).` });
    return;
  }
  if (data.kind === 'warm') {
    // A reader that cannot read its own export is not ready: say nothing, and the page starts
    // a fresh worker for the person's files, which reports what is wrong.
    if (warmUp() > 0) postMessage({ kind: 'warm' });
    return;
  }
  try {
    const done = importFiles(data.files, (progress) => postMessage({ kind: 'progress', progress }));
    postMessage({ kind: 'done', ...done });
  } catch (e) {
    // A thrown string is the core's own message; anything else (a trap) is described.
    const message = typeof e === 'string' ? e : `memport stopped reading: ${e?.message ?? e}`;
    postMessage({ kind: 'failed', message });
  }
};
