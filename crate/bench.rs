//! The workload `./dev bench` measures: parsing an assistant's answer of n memories,
//! classifying its lines, and merging them into a profile twice (the second time all known).
//!
//! It lives in the library, not in `tests/bench/`, so that the native benchmark
//! (`tests/bench/profile.rs`) and the WebAssembly one (`tests/bench/wasm.mjs`, through the
//! exports of `bench::wasm`) time exactly the same text and the same calls. It is compiled
//! only with the `bench` feature, so the extension's WebAssembly carries none of it.
//!
//! The caller passes the clock, in milliseconds: `std::time::Instant` panics on
//! `wasm32-unknown-unknown`, so natively it is `Instant` and in WebAssembly the engine's
//! `performance.now()`. Only the measured calls run between two readings; building the text
//! and copying the items happen outside them.

use std::hint::black_box;

use serde::Serialize;
use time::OffsetDateTime;

use crate::classify::classify;
use crate::profile::Profile;
use crate::text_import;

/// The profile sizes measured: a typical memory, a very large one, and far past any real one.
pub const SIZES: [usize; 3] = [100, 10_000, 100_000];

const SUBJECTS: &[&str] = &[
    "Prefers answers in British English",
    "Lives in Porto with a partner and two cats",
    "Is training for the Lisbon marathon",
    "Writes Rust and Python daily, uses Neovim",
    "Asked to stop suggesting Medium articles",
    "Reads science fiction on the train",
    "Works as a product designer at a fintech startup",
    "Wants code first, explanation after",
];

const LABELS: [&str; 5] = [
    "Instructions:",
    "Personal details:",
    "Projects:",
    "Tools:",
    "Other:",
];

/// An answer to Anthropic's export prompt with `n` distinct dated entries under labels,
/// inside a code block with chatter around it.
pub fn answer(n: usize) -> String {
    let mut out = String::from("Here is what I remember:\n```\n");
    for i in 0..n {
        if i % 50 == 0 {
            out.push_str(LABELS[(i / 50) % LABELS.len()]);
            out.push('\n');
        }
        let day = i % 28 + 1;
        let subject = SUBJECTS[i % SUBJECTS.len()];
        out.push_str(&format!("[2025-03-{day:02}] - {subject} (note {i}).\n"));
    }
    out.push_str("```\nAnything else?");
    out
}

/// The largest paste "Import text" takes, made of code fences: the worst shape for telling
/// a code block from the chatter around it.
pub fn fences() -> String {
    "```\n- x\n".repeat(text_import::MAX_IMPORT_CHARS / 8)
}

/// How long each phase took for one size, in milliseconds.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Timings {
    pub items: usize,
    /// `text_import::parse` of the whole answer.
    pub parse: f64,
    /// `classify` of every entry's text, with no heading.
    pub classify: f64,
    /// `Profile::add` of every item into an empty profile.
    pub merge: f64,
    /// `Profile::add` of the same items again: all known.
    pub merge_again: f64,
}

/// Times the phases for an answer of `n` memories, reading `now` (milliseconds) around each.
///
/// Panics if the answer does not come back as `n` entries, added and then all known: a
/// figure for a workload that went wrong would be worse than none.
pub fn run(n: usize, mut now: impl FnMut() -> f64) -> Timings {
    let text = answer(n);

    let start = now();
    let parsed = text_import::parse(&text);
    let parse = now() - start;
    assert_eq!(parsed.entries.len(), n, "every entry read");

    let start = now();
    for e in &parsed.entries {
        black_box(classify(&e.text, None));
    }
    let classifying = now() - start;

    let items = text_import::items(&parsed, OffsetDateTime::UNIX_EPOCH);
    let again = items.clone();
    let mut profile = Profile::new();
    let start = now();
    let first = profile.add(items);
    let merge = now() - start;
    let start = now();
    let second = profile.add(again);
    let merge_again = now() - start;
    assert_eq!((first.added, second.known), (n, n), "added, then all known");

    Timings {
        items: n,
        parse,
        classify: classifying,
        merge,
        merge_again,
    }
}

/// How long parsing [`fences`] took.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct FencesTiming {
    pub chars: usize,
    pub entries: usize,
    /// Milliseconds.
    pub parse: f64,
}

/// Times `text_import::parse` of [`fences`], reading `now` (milliseconds) around it.
pub fn run_fences(mut now: impl FnMut() -> f64) -> FencesTiming {
    let text = fences();
    let start = now();
    let parsed = text_import::parse(&text);
    let parse = now() - start;
    FencesTiming {
        chars: text.len(),
        entries: parsed.entries.len(),
        parse,
    }
}

/// The same runs exported to JavaScript, timed with the engine's `performance.now()`.
#[cfg(target_arch = "wasm32")]
pub mod wasm {
    use wasm_bindgen::prelude::*;

    #[wasm_bindgen]
    extern "C" {
        /// The global `performance.now()`: there in Node, pages and workers alike.
        #[wasm_bindgen(js_namespace = performance, js_name = now)]
        fn performance_now() -> f64;
    }

    /// [`super::SIZES`], so both halves measure the same sizes.
    #[wasm_bindgen(js_name = benchSizes)]
    pub fn bench_sizes() -> Vec<u32> {
        super::SIZES.iter().map(|&n| n as u32).collect()
    }

    /// [`super::run`] for `n` memories: `[parse, classify, merge, merge again]`, in
    /// milliseconds.
    #[wasm_bindgen(js_name = benchProfile)]
    pub fn bench_profile(n: usize) -> Vec<f64> {
        let t = super::run(n, performance_now);
        vec![t.parse, t.classify, t.merge, t.merge_again]
    }

    /// [`super::run_fences`]: `[characters, entries, parse milliseconds]`.
    #[wasm_bindgen(js_name = benchFences)]
    pub fn bench_fences() -> Vec<f64> {
        let t = super::run_fences(performance_now);
        vec![t.chars as f64, t.entries as f64, t.parse]
    }
}
