//! How long memport's core takes natively on 100, 10,000 and 100,000 memories: parsing an
//! assistant's answer, classifying its lines, and merging them into a profile (twice, the
//! second time all known). Prints figures; asserts nothing about speed.
//!
//! `cargo bench --bench profile --features bench`. The workload is `memport::bench`, which
//! `tests/bench/wasm.mjs` runs as WebAssembly in V8; `./dev bench` runs both and prints them
//! side by side, passing `--json PATH` here so that the figures reach that table.
//!
//! It calls `text_import::parse` directly: "Import text" itself refuses more than a million
//! characters (about 14,000 memories) at a time.

use std::time::Instant;

use memport::bench::{self, FencesTiming, Timings};
use serde::Serialize;

/// What `--json` writes: the same shape `tests/bench/wasm.mjs` reads.
#[derive(Serialize)]
struct Figures {
    fences: FencesTiming,
    sizes: Vec<Timings>,
}

/// Milliseconds since this clock was made.
fn clock() -> impl FnMut() -> f64 {
    let start = Instant::now();
    move || start.elapsed().as_secs_f64() * 1000.0
}

/// A duration for the table: a few significant digits whatever its size.
fn ms(ms: f64) -> String {
    match ms {
        ms if ms < 10.0 => format!("{ms:.3} ms"),
        ms if ms < 1000.0 => format!("{ms:.1} ms"),
        ms => format!("{ms:.0} ms"),
    }
}

fn main() {
    // Cargo passes `--bench`; the only argument of ours is `--json PATH`.
    let args: Vec<String> = std::env::args().collect();
    let json = args
        .iter()
        .position(|a| a == "--json")
        .and_then(|i| args.get(i + 1));

    let fences = bench::run_fences(clock());
    println!(
        "a {}-character paste of fences: {} ({} entries)\n",
        fences.chars,
        ms(fences.parse),
        fences.entries
    );

    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>12}",
        "items", "parse", "classify", "merge", "merge again"
    );
    let mut sizes = Vec::new();
    for n in bench::SIZES {
        let t = bench::run(n, clock());
        println!(
            "{n:>8}  {:>10}  {:>10}  {:>10}  {:>12}",
            ms(t.parse),
            ms(t.classify),
            ms(t.merge),
            ms(t.merge_again)
        );
        sizes.push(t);
    }

    if let Some(path) = json {
        let figures = serde_json::to_string(&Figures { fences, sizes }).expect("plain numbers");
        std::fs::write(path, figures).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
}
