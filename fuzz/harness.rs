//! What each fuzz target does with its bytes, shared by the `cargo fuzz` targets (nightly,
//! `./dev fuzz`) and the stable smoke in `tests/hostile_inputs.rs` (`./dev test`), so both
//! run the same code and hold the same invariants.
//!
//! Every function takes arbitrary bytes and calls a parser that reads outside input: it must
//! return, without panicking, within the limits memport sets. Beyond "no panic", each checks
//! what must hold of any input (the splitter finds the same elements whatever the piece
//! sizes; a profile memport wrote reads back).

#![allow(dead_code)]

use memport::answer::{self, AnswerRead};
use memport::export::split::{Element, Splitter};
use memport::export::{self, summary, zip, Bytes};
use memport::profile::Profile;
use memport::text_import::{self, Reading};
use time::OffsetDateTime;

/// The bytes one fuzz input may take out of ZIP entries through `zip_entries` (the import
/// itself is bounded by its budget).
const ENTRY_BYTES: usize = 8 << 20;

/// The ZIP container alone: the table of contents (or the local headers of a cut ZIP), then
/// every entry streamed to its end or its error.
pub fn zip_entries(data: &[u8]) {
    let mut src = Bytes::new("fuzz.zip", data.to_vec());
    let _ = zip::looks_like_zip(&mut src);
    let Ok(archive) = zip::open(&mut src) else {
        return;
    };
    let mut left = ENTRY_BYTES;
    for entry in archive.entries.iter().take(64) {
        let mut last = 0u64;
        let _ = zip::stream(
            &mut src,
            entry,
            &mut |piece| {
                left = left.saturating_sub(piece.len());
                if left == 0 {
                    zip::Flow::Stop
                } else {
                    zip::Flow::Continue
                }
            },
            &mut |read| {
                assert!(
                    read >= last,
                    "compressed bytes read went back: {last} then {read}"
                );
                last = read;
            },
        );
        if left == 0 {
            return;
        }
    }
}

/// The splitter, fed the document (after two bytes that pick the piece sizes) whole and in
/// pieces of varying size: it must find the same elements at the same offsets, and end the
/// same way.
pub fn split(data: &[u8]) {
    let (seed, doc) = match data {
        [a, b, rest @ ..] => (u16::from_le_bytes([*a, *b]), rest),
        _ => return,
    };
    let whole = split_in(doc, &mut |_| doc.len().max(1));
    // Piece sizes from 1 to 64, or to 4096, by a small generator seeded from the input.
    let mut state = u32::from(seed) | 1;
    let cap = if seed & 0x8000 != 0 { 4096 } else { 64 };
    let pieces = split_in(doc, &mut |_| {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        1 + (state as usize % cap)
    });
    assert_eq!(whole, pieces, "piece sizes changed what the splitter found");
}

type Split = (Vec<(Vec<u8>, u64)>, Option<String>);

fn split_in(doc: &[u8], size: &mut dyn FnMut(usize) -> usize) -> Split {
    let mut s = Splitter::new();
    let mut got = Vec::new();
    let mut at = 0;
    while at < doc.len() {
        let n = size(at).min(doc.len() - at);
        let pushed = s.push(&doc[at..at + n], &mut |e: Element<'_>| {
            got.push((e.bytes.to_vec(), e.offset))
        });
        if let Err(e) = pushed {
            return (got, Some(format!("{e:?}")));
        }
        at += n;
    }
    let end = s.finish().err().map(|e| format!("{e:?}"));
    (got, end)
}

/// One file through the whole export reader, as `memport import` and the options page read
/// it, then the summary and the preview the person would see.
pub fn import_as(name: &str, data: &[u8]) {
    let mut src = Bytes::new(name.to_string(), data.to_vec());
    let mut calls = 0u64;
    let outcome = export::import(&mut [&mut src], &mut |p| {
        calls += 1;
        assert!(
            p.bytes_done <= p.bytes_total,
            "progress past the end: {p:?}"
        );
    });
    assert!(calls > 0);
    let len = data.len() as u64;
    assert!(
        outcome.report.faults.len() <= 201,
        "faults are capped: {}",
        outcome.report.faults.len()
    );
    let _ = summary::summary(&outcome);
    let _ = export::preview(&outcome.items, &Profile::new());
    let mut profile = Profile::new();
    let _ = export::into_profile(&outcome.items, OffsetDateTime::UNIX_EPOCH, &mut profile);
    let _ = len;
}

/// The ChatGPT reader: a bare `conversations.json`, or `memory.json` (by the first byte).
pub fn chatgpt(data: &[u8]) {
    match data.split_first() {
        Some((b, rest)) if b & 1 == 1 => import_as("memory.json", rest),
        Some((_, rest)) => import_as("conversations.json", rest),
        None => {}
    }
}

/// The Claude reader: `memories.json`, `projects.json`, `users.json` or a memory file.
pub fn claude(data: &[u8]) {
    let names = [
        "memories.json",
        "projects.json",
        "users.json",
        "memories/0b1c.json",
    ];
    if let Some((b, rest)) = data.split_first() {
        import_as(names[usize::from(*b) % names.len()], rest);
    }
}

/// The Takeout reader: `My Activity.json`.
pub fn takeout(data: &[u8]) {
    import_as("My Activity.json", data);
}

/// A whole export ZIP: the container, nested ZIPs, the inflate budget and every reader.
pub fn export_zip(data: &[u8]) {
    import_as("export.zip", data);
}

/// "Import text": a pasted or opened text (a profile file, a PAM or MCP memory file, or an
/// assistant's words), its preview and what it would add.
pub fn text(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let profile = Profile::new();
    match text_import::read(&text) {
        Ok(Reading::Text(parsed)) => {
            let _ = text_import::preview(&parsed, &profile);
            let _ = text_import::items(&parsed, OffsetDateTime::UNIX_EPOCH);
        }
        Ok(reading @ (Reading::Profile(_) | Reading::Open(_))) => {
            let _ = text_import::preview_reading(&reading, &profile);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// "Capture the answer": what the page code reports (JSON), judged for a Claude chat, and
/// the answer's text read back by "Import text"; and any address as the tab's.
pub fn answer(data: &[u8]) {
    let url = String::from_utf8_lossy(data);
    if let Err(e) = answer::plan_for(&url) {
        let _ = e.to_string();
    }
    let Ok(read) = serde_json::from_slice::<AnswerRead>(data) else {
        return;
    };
    let Ok(plan) = answer::plan_for("https://claude.ai/chat/0b1c") else {
        panic!("Claude's chat page has a plan");
    };
    match answer::judge(&plan, read) {
        Ok(a) => {
            let _ = text_import::entries(&a.text);
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

/// The stored profile and the profile JSON file: read, and what memport writes reads back
/// the same.
pub fn profile(data: &[u8]) {
    let json = String::from_utf8_lossy(data);
    let _ = memport::undo::Undo::from_json(Some(&json));
    let _ = memport::picker::Picks::from_json(Some(&json));
    let Ok(p) = Profile::from_json(Some(&json)) else {
        return;
    };
    let again = Profile::from_json(Some(&p.to_json()));
    assert_eq!(
        again.as_ref(),
        Ok(&p),
        "a profile memport wrote reads back the same"
    );
    let _ = memport::download::profile_json(&p);
}
