//! "Import a data export" on the options page.
//!
//! [`import_files`] runs in a dedicated Web Worker (`extension/data-export-worker.js`), never in
//! the page: it reads the person's files by slices with `FileReaderSync` (synchronous, so the
//! core's [`Source`] stays a plain blocking reader, which only a worker may do), hands them to
//! [`export::import`], and reports progress as it goes. The page itself only passes `File`
//! handles to the worker (no bytes), draws what comes back, and asks the service worker for
//! the preview and to add what the person kept (`previewDataExport`, `importDataExport` in
//! [`super::popup`]). This is the export module's (`pkg/memport_export.js`) only face.
//!
//! `File`, `Blob` and `FileReaderSync` are declared here rather than taken from `web-sys`:
//! four members are all memport uses of them.

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::browser;
use crate::export::summary::{progress_view, summary, Summary};
use crate::export::{self, Progress, Recovered, Source};
use crate::i18n;

#[wasm_bindgen]
extern "C" {
    /// A browser `Blob`: bytes the browser holds, on disk or in memory.
    #[wasm_bindgen(js_name = Blob)]
    type JsBlob;
    #[wasm_bindgen(method, getter)]
    fn size(this: &JsBlob) -> f64;
    /// A view of `[start, end)`; nothing is read until a reader reads it.
    #[wasm_bindgen(method)]
    fn slice(this: &JsBlob, start: f64, end: f64) -> JsBlob;

    /// A file the person chose or dropped.
    #[wasm_bindgen(extends = JsBlob, js_name = File)]
    type JsFile;
    #[wasm_bindgen(method, getter)]
    fn name(this: &JsFile) -> String;

    /// Only in workers: reads a blob and returns when done.
    type FileReaderSync;
    #[wasm_bindgen(constructor, catch)]
    fn new() -> Result<FileReaderSync, JsValue>;
    #[wasm_bindgen(method, catch, js_name = readAsArrayBuffer)]
    fn read_as_array_buffer(
        this: &FileReaderSync,
        blob: &JsBlob,
    ) -> Result<js_sys::ArrayBuffer, JsValue>;
}

/// How much of a file is read from the browser at once. The core asks for smaller pieces
/// (a ZIP header, a buffer of deflate input); they are served from this window, so each
/// crossing into the browser's file machinery moves a few megabytes (FileReaderSync is
/// measurably slower per byte in 1 MB slices), and no file larger than [`WHOLE`] is ever held
/// whole.
const WINDOW: usize = 8 << 20;

/// A file no larger than this is read whole, in one crossing. Each crossing costs several
/// milliseconds whatever its size (measured in Chromium 156: an 11 MB ZIP took 34-91 ms as two
/// 8 MB reads), and a ZIP is read at its end first (its table of contents), then from its
/// start: a small export would otherwise cross three or four times.
const WHOLE: u64 = 32 << 20;

/// The one window of bytes all the chosen files share, so memory stays at one window however
/// many files (a Claude export comes in many parts): the bytes of file `owner` at
/// `start..start + bytes.len()`.
#[derive(Default)]
struct Window {
    owner: usize,
    start: u64,
    bytes: Vec<u8>,
}

/// A browser `File` as the core's [`Source`], read by slices.
struct BrowserFile<'a> {
    /// Its place among the chosen files, which names it in the [`Window`].
    index: usize,
    file: JsFile,
    name: String,
    len: u64,
    reader: &'a FileReaderSync,
    window: &'a RefCell<Window>,
}

impl BrowserFile<'_> {
    /// The bytes at `[from, from + len)`, cut at the file's end, as the browser read them.
    fn fetch(&self, from: u64, len: usize) -> Result<js_sys::Uint8Array, String> {
        let end = (from + len as u64).min(self.len);
        let slice = self.file.slice(from as f64, end as f64);
        let bytes = self.reader.read_as_array_buffer(&slice).map_err(|e| {
            let why = describe(&e);
            i18n::t("export_file_unreadable", &[&why])
        })?;
        Ok(js_sys::Uint8Array::new(&bytes))
    }
}

impl Source for BrowserFile<'_> {
    fn name(&self) -> &str {
        &self.name
    }

    fn len(&self) -> u64 {
        self.len
    }

    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String> {
        if offset >= self.len || buf.is_empty() {
            return Ok(0);
        }
        // Compared in u64: on wasm32 a remainder of 4 GB or more would wrap as a usize.
        let want = (self.len - offset).min(buf.len() as u64) as usize;
        let mut window = self.window.borrow_mut();
        let inside = window.owner == self.index
            && offset >= window.start
            && offset + want as u64 <= window.start + window.bytes.len() as u64;
        if !inside {
            if want >= WINDOW {
                // A large read goes straight into the caller's buffer.
                let bytes = self.fetch(offset, want)?;
                let n = (bytes.length() as usize).min(want);
                bytes.subarray(0, n as u32).copy_to(&mut buf[..n]);
                return Ok(n);
            }
            // Otherwise the window moves to `offset` (to the start of a small file, which it
            // then holds whole). Should the read fail, the window is empty rather than wrong.
            let (start, size) = if self.len <= WHOLE {
                (0, self.len as usize)
            } else {
                (offset, WINDOW)
            };
            window.owner = self.index;
            window.start = start;
            window.bytes.clear();
            let bytes = self.fetch(start, size)?;
            window.bytes.resize(bytes.length() as usize, 0);
            bytes.copy_to(&mut window.bytes);
        }
        let at = (offset - window.start) as usize;
        let n = want.min(window.bytes.len().saturating_sub(at));
        buf[..n].copy_from_slice(&window.bytes[at..at + n]);
        Ok(n)
    }
}

/// A JS error as text.
fn describe(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".to_string())
}

/// The least time between two progress reports, in milliseconds: about ten a second.
const PROGRESS_EVERY_MS: f64 = 100.0;

/// Reads the core's small built-in export ([`export::warm`]) in this worker while the person
/// is still choosing files, so V8 has optimized the reader before theirs arrive; returns how
/// many conversations it read (0: the reader is not working).
#[wasm_bindgen(js_name = warmUp)]
pub fn warm_up() -> f64 {
    export::warm::check().report.conversations as f64
}

/// Reads the browser `File`s in `files` (an array) and returns `{items, summary}`: the
/// memories recovered (the core's [`Recovered`]) and what the page shows of the report.
/// `on_progress` is called with `{file, done, total, text}` about ten times a second, and once
/// at the end. Must run in a worker (`FileReaderSync`); a file that is not a `File` is an
/// error, so is an empty choice. What goes wrong inside the files is in the summary instead.
#[wasm_bindgen(js_name = importFiles)]
pub fn import_files(
    files: js_sys::Array,
    on_progress: &js_sys::Function,
) -> Result<JsValue, JsValue> {
    let reader = FileReaderSync::new()
        .map_err(|_| JsValue::from_str(&i18n::t("export_needs_worker", &[])))?;
    let window = RefCell::new(Window::default());
    let mut chosen = Vec::new();
    for (index, value) in files.iter().enumerate() {
        let file: JsFile = value
            .dyn_into()
            .map_err(|_| JsValue::from_str(&i18n::t("export_only_files", &[])))?;
        chosen.push(BrowserFile {
            index,
            name: file.name(),
            len: file.size() as u64,
            file,
            reader: &reader,
            window: &window,
        });
    }
    if chosen.is_empty() {
        return Err(JsValue::from_str(&i18n::t("export_choose_file", &[])));
    }
    let mut sources: Vec<&mut dyn Source> =
        chosen.iter_mut().map(|f| f as &mut dyn Source).collect();
    let report = |p: &Progress| {
        // A page that stopped listening does not stop the reading.
        let _ = on_progress.call1(&JsValue::NULL, &browser::to_js(&progress_view(p)));
    };
    let mut last_sent = f64::NEG_INFINITY;
    let mut last = Progress::default();
    let outcome = export::import(&mut sources, &mut |p| {
        let now = js_sys::Date::now();
        if now - last_sent >= PROGRESS_EVERY_MS {
            last_sent = now;
            report(p);
        }
        last.clone_from(p);
    });
    // The bar ends full, whatever the last report said.
    let total = chosen.iter().map(|f| f.len).sum();
    report(&Progress {
        bytes_done: total,
        bytes_total: total,
        conversations: outcome.report.conversations.max(last.conversations),
        ..last
    });
    #[derive(Serialize)]
    struct Done<'a> {
        items: &'a [Recovered],
        summary: Summary,
    }
    Ok(browser::to_js(&Done {
        items: &outcome.items,
        summary: summary(&outcome),
    }))
}
