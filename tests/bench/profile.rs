//! How long memport's core takes on 100, 10,000 and 100,000 memories: parsing an
//! assistant's answer, classifying its lines, and merging them into a profile (twice, the
//! second time all known). Prints figures; asserts nothing about speed.
//!
//! `cargo bench --bench profile` (native). It calls `text_import::parse` directly: "Import
//! text" itself refuses more than a million characters (about 14,000 memories) at a time. The same core runs as WebAssembly in the
//! extension; measuring it there is still to do.

use std::hint::black_box;
use std::time::{Duration, Instant};

use memport::classify::classify;
use memport::profile::Profile;
use memport::text_import;

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

/// An answer to Anthropic's export prompt with `n` distinct dated entries under labels.
fn answer(n: usize) -> String {
    let mut out = String::from("Here is what I remember:\n```\n");
    let labels = [
        "Instructions:",
        "Personal details:",
        "Projects:",
        "Tools:",
        "Other:",
    ];
    for i in 0..n {
        if i % 50 == 0 {
            out.push_str(labels[(i / 50) % labels.len()]);
            out.push('\n');
        }
        let day = i % 28 + 1;
        let subject = SUBJECTS[i % SUBJECTS.len()];
        out.push_str(&format!("[2025-03-{day:02}] - {subject} (note {i}).\n"));
    }
    out.push_str("```\nAnything else?");
    out
}

fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let start = Instant::now();
    let out = f();
    (out, start.elapsed())
}

fn main() {
    // The largest paste Import text takes, made of code fences: the worst shape for
    // telling a code block from the chatter around it.
    let fences = "```\n- x\n".repeat(text_import::MAX_IMPORT_CHARS / 8);
    let (parsed, took) = timed(|| text_import::parse(&fences));
    println!(
        "a {}-character paste of fences: {took:.2?} ({} entries)\n",
        fences.len(),
        parsed.entries.len()
    );

    println!(
        "{:>8}  {:>10}  {:>10}  {:>10}  {:>12}",
        "items", "parse", "classify", "merge", "merge again"
    );
    for n in [100, 10_000, 100_000] {
        let text = answer(n);
        let (parsed, parse) = timed(|| text_import::parse(&text));
        assert_eq!(parsed.entries.len(), n, "every entry read");
        let (_, classifying) = timed(|| {
            for e in &parsed.entries {
                black_box(classify(&e.text, None));
            }
        });
        let items = text_import::items(&parsed, time::OffsetDateTime::UNIX_EPOCH);
        let mut profile = Profile::new();
        let (first, merge) = timed(|| profile.add(items.clone()));
        let (again, merge_again) = timed(|| profile.add(items));
        assert_eq!((first.added, again.known), (n, n));
        println!(
            "{n:>8}  {:>10.2?}  {:>10.2?}  {:>10.2?}  {:>12.2?}",
            parse, classifying, merge, merge_again
        );
    }
}
