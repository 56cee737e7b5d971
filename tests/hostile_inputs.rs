//! Hostile files: every parser that takes outside input, fed what an attacker or a broken
//! download could hand it, must return a result or an error a person can act on, never
//! panic (in the browser a panic is "unreachable" and the whole import stops), never loop,
//! never allocate what a header says rather than what the file holds.
//!
//! The ZIP limits (`memport::export::limits`): a ZIP bomb stops at the inflate budget with a
//! message, ZIPs nest at most 3 deep. Then bounded property runs of random bytes and of
//! mutated synthetic exports (truncated, flipped, bogus sizes) through every parser, the
//! stable-toolchain smoke of the `cargo fuzz` targets in `fuzz/` (run by `./dev fuzz`).
//! Each crash the fuzzer found is a test here, its input inline.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use std::path::PathBuf;
use std::sync::OnceLock;

use memport::export::Bytes;
use memport::export::{self, limits, zip, Outcome};
use memport_synth::{self as synth, ExportKind, Options};
use proptest::prelude::*;

#[path = "../fuzz/harness.rs"]
mod harness;

/// The largest single allocation on this thread while `LARGEST` is armed: what a header can
/// make memport allocate.
struct Watch;

thread_local! {
    static LARGEST: Cell<Option<usize>> = const { Cell::new(None) };
}

unsafe impl GlobalAlloc for Watch {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc(layout)
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note(layout.size());
        System.alloc_zeroed(layout)
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note(new_size);
        System.realloc(ptr, layout, new_size)
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout)
    }
}

fn note(size: usize) {
    // `try_with`: the thread-local may be gone while a thread ends.
    let _ = LARGEST.try_with(|l| {
        if let Some(max) = l.get() {
            l.set(Some(max.max(size)));
        }
    });
}

#[global_allocator]
static WATCH: Watch = Watch;

/// The largest single allocation `f` makes.
fn largest_allocation<T>(f: impl FnOnce() -> T) -> (T, usize) {
    LARGEST.with(|l| l.set(Some(0)));
    let out = f();
    let max = LARGEST.with(|l| l.replace(None)).unwrap_or(0);
    (out, max)
}

/// Imports one file.
fn import(name: &str, data: Vec<u8>) -> Outcome {
    let mut src = Bytes::new(name.to_string(), data);
    export::import(&mut [&mut src], &mut |_| {})
}

fn faults(o: &Outcome) -> Vec<String> {
    o.report.faults.iter().map(ToString::to_string).collect()
}

fn texts(o: &Outcome) -> Vec<&str> {
    o.items.iter().map(|i| i.text.as_str()).collect()
}

fn deflate(data: &[u8], flush: zlib_rs::DeflateFlush) -> Vec<u8> {
    let mut d = zlib_rs::Deflate::new(9, false, 15);
    let mut out = vec![0u8; data.len() + 1024];
    let _ = d.compress(data, &mut out, flush);
    out.truncate(d.total_out() as usize);
    out
}

/// One ZIP entry as written: its name, its bytes as stored, and what its headers claim.
struct Raw<'a> {
    name: &'a str,
    method: u16,
    body: Vec<u8>,
    crc: u32,
    size: u32,
}

impl<'a> Raw<'a> {
    fn stored(name: &'a str, data: &[u8]) -> Raw<'a> {
        Raw {
            name,
            method: 0,
            body: data.to_vec(),
            crc: zlib_rs::crc32::crc32(0, data),
            size: data.len() as u32,
        }
    }
    fn deflated(name: &'a str, data: &[u8]) -> Raw<'a> {
        Raw {
            name,
            method: 8,
            body: deflate(data, zlib_rs::DeflateFlush::Finish),
            crc: zlib_rs::crc32::crc32(0, data),
            size: data.len() as u32,
        }
    }
}

/// A plain ZIP of `entries`, written exactly as their headers say.
fn zip_of(entries: &[Raw<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut cd = Vec::new();
    for e in entries {
        let offset = out.len() as u32;
        let mut common = Vec::new();
        common.extend_from_slice(&e.method.to_le_bytes());
        common.extend_from_slice(&[0, 0, 0, 0]);
        common.extend_from_slice(&e.crc.to_le_bytes());
        common.extend_from_slice(&(e.body.len() as u32).to_le_bytes());
        common.extend_from_slice(&e.size.to_le_bytes());
        common.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        out.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00");
        out.extend_from_slice(&common);
        out.extend_from_slice(&0u16.to_le_bytes());
        out.extend_from_slice(e.name.as_bytes());
        out.extend_from_slice(&e.body);
        cd.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00");
        cd.extend_from_slice(&common);
        cd.extend_from_slice(&[0; 12]);
        cd.extend_from_slice(&offset.to_le_bytes());
        cd.extend_from_slice(e.name.as_bytes());
    }
    let cd_at = out.len() as u32;
    let n = entries.len() as u16;
    out.extend_from_slice(&cd);
    out.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(cd.len() as u32).to_le_bytes());
    out.extend_from_slice(&cd_at.to_le_bytes());
    out.extend_from_slice(&[0, 0]);
    out
}

fn memory_json(line: &str) -> Vec<u8> {
    serde_json::json!([{ "conversations_memory": format!("**Work**\n- {line}") }])
        .to_string()
        .into_bytes()
}

#[test]
fn a_claude_data_export_with_overlapping_bold_marks_is_read() {
    // Issue 13: `***::` in a memory or a project's instructions panicked the whole import.
    let memories = serde_json::json!([{
        "conversations_memory": "***::\n**Work**\n- Ana is a data engineer\n***:",
    }]);
    let projects = serde_json::json!([{
        "uuid": "p1", "name": "Thesis", "prompt_template": "***::\nAnswer in French",
    }]);
    let bytes = zip_of(&[
        Raw::deflated("memories.json", memories.to_string().as_bytes()),
        Raw::deflated("projects.json", projects.to_string().as_bytes()),
        Raw::stored("users.json", br#"[{"full_name":"Ana"}]"#),
    ]);
    let o = import("claude.zip", bytes);
    let got = texts(&o);
    assert!(got.contains(&"Ana is a data engineer"), "{got:?}");
    assert!(got.contains(&"Answer in French"), "{got:?}");
    assert!(o.report.faults.is_empty(), "{:?}", faults(&o));
}

#[test]
fn zips_nested_four_deep_stop_at_the_third() {
    // level1.zip > level2.zip > level3.zip > level4.zip, each holding a memory.
    let mut inner = zip_of(&[Raw::deflated(
        "memories.json",
        &memory_json("Level four memory"),
    )]);
    for level in [3, 2] {
        let memory = memory_json(&format!("Level {level} memory"));
        let name = format!("level{}.zip", level + 1);
        inner = zip_of(&[
            Raw::deflated("memories.json", &memory),
            Raw::stored(&name, &inner),
        ]);
    }
    let outer = zip_of(&[
        Raw::deflated("memories.json", &memory_json("Level 1 memory")),
        Raw::deflated("level2.zip", &inner),
    ]);
    let o = import("level1.zip", outer);
    let got = texts(&o);
    for want in ["Level 1 memory", "Level 2 memory", "Level 3 memory"] {
        assert!(got.contains(&want), "{want}: {got:?}");
    }
    assert!(!got.contains(&"Level four memory"), "{got:?}");
    let said = faults(&o);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("level1.zip: level2.zip: level3.zip: level4.zip: is a ZIP inside 3")
            && said[0].contains("at most 3 deep"),
        "{said:?}"
    );
}

#[test]
fn a_zip_that_holds_itself_ends() {
    // A ZIP whose one entry is a ZIP of the same shape, nested 40 deep: read to the limit,
    // then skipped, not followed down.
    let mut inner = zip_of(&[Raw::stored("a.txt", b"x")]);
    for _ in 0..40 {
        inner = zip_of(&[Raw::stored("again.zip", &inner)]);
    }
    let o = import("quine.zip", inner);
    let said = faults(&o);
    assert!(
        said.iter().any(|f| f.contains("at most 3 deep")),
        "{said:?}"
    );
}

/// A deflate stream of `[` and `megabytes` MB of spaces, about 1 KB per MB: one block per MB,
/// each flushed in full so it stands alone and can be repeated.
fn bomb_stream(megabytes: usize) -> Vec<u8> {
    let mut first = vec![b' '; 1 << 20];
    first[0] = b'[';
    let mut stream = deflate(&first, zlib_rs::DeflateFlush::FullFlush);
    let block = deflate(&vec![b' '; 1 << 20], zlib_rs::DeflateFlush::FullFlush);
    for _ in 1..megabytes {
        stream.extend_from_slice(&block);
    }
    // The final block: empty, fixed codes.
    stream.extend_from_slice(&[0x03, 0x00]);
    stream
}

#[test]
fn a_zip_bomb_stops_at_the_budget_with_a_message() {
    // 64 MB of JSON whitespace in a ZIP of about 70 KB, its headers claiming 100 bytes: past
    // the budget (32 MB plus 100 times the file) the reading stops and says why.
    let bomb = Raw {
        name: "conversations.json",
        method: 8,
        body: bomb_stream(64),
        crc: 0,
        size: 100,
    };
    let bytes = zip_of(&[bomb, Raw::stored("user.json", br#"{"name":"Ana"}"#)]);
    let len = bytes.len() as u64;
    assert!(len < 100_000, "{len}");
    let o = import("chatgpt.zip", bytes);
    let said = faults(&o);
    assert_eq!(said.len(), 1, "{said:?}");
    assert!(
        said[0].starts_with("chatgpt.zip: conversations.json: inflates to more than")
            && said[0].contains("ZIP bomb"),
        "{said:?}"
    );
    assert!(
        o.report.json_bytes <= limits::budget(len),
        "{}",
        o.report.json_bytes
    );
    // Nothing after the bomb is read.
    assert!(o.items.is_empty());
    let summary = export::summary::summary(&o);
    assert!(summary.faults[0].contains("inflates at most 100 times"));
}

#[test]
fn a_nested_zip_bomb_stops_at_the_budget_too() {
    let bomb = Raw {
        name: "inner.zip",
        method: 8,
        body: bomb_stream(48),
        crc: 0,
        size: 100,
    };
    let bytes = zip_of(&[Raw::stored("memories.json", &memory_json("Kept")), bomb]);
    let o = import("claude.zip", bytes);
    let said = faults(&o);
    assert!(said.iter().any(|f| f.contains("ZIP bomb")), "{said:?}");
    assert_eq!(texts(&o), ["Kept"]);
}

#[test]
fn header_counts_and_sizes_do_not_size_allocations() {
    // An end record claiming 65,534 entries in a table of contents that holds one, and a
    // ZIP64 one claiming 2^60: what is allocated follows the file's bytes, not the claim.
    let mut bytes = zip_of(&[Raw::stored("a.json", b"[]")]);
    let eocd = bytes.len() - 22;
    bytes[eocd + 8..eocd + 12].copy_from_slice(&[0xFE, 0xFF, 0xFE, 0xFF]);
    let (archive, largest) = largest_allocation(|| {
        let mut src = Bytes::new("x.zip", bytes.clone());
        zip::open(&mut src)
    });
    assert!(largest < 64 << 10, "allocated {largest} bytes");
    assert_eq!(archive.expect("reads").entries.len(), 1);

    let mut bytes = zip_of(&[Raw::stored("a.json", b"[]")]);
    let eocd = bytes.len() - 22;
    // A ZIP64 locator and record before the end record, claiming 2^60 entries.
    let cd_size = u32::from_le_bytes(bytes[eocd + 12..eocd + 16].try_into().unwrap());
    let cd_at = u32::from_le_bytes(bytes[eocd + 16..eocd + 20].try_into().unwrap());
    let rec_at = eocd as u64;
    let mut rec = b"PK\x06\x06".to_vec();
    rec.extend_from_slice(&44u64.to_le_bytes());
    rec.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    rec.extend_from_slice(&(1u64 << 60).to_le_bytes());
    rec.extend_from_slice(&(1u64 << 60).to_le_bytes());
    rec.extend_from_slice(&u64::from(cd_size).to_le_bytes());
    rec.extend_from_slice(&u64::from(cd_at).to_le_bytes());
    let mut loc = b"PK\x06\x07\x00\x00\x00\x00".to_vec();
    loc.extend_from_slice(&rec_at.to_le_bytes());
    loc.extend_from_slice(&1u32.to_le_bytes());
    let mut end = bytes.split_off(eocd);
    end[8..10].copy_from_slice(&[0xFF, 0xFF]);
    end[10..12].copy_from_slice(&[0xFF, 0xFF]);
    bytes.extend_from_slice(&rec);
    bytes.extend_from_slice(&loc);
    bytes.extend_from_slice(&end);
    let (archive, largest) = largest_allocation(|| {
        let mut src = Bytes::new("x.zip", bytes.clone());
        zip::open(&mut src)
    });
    assert!(largest < 64 << 10, "allocated {largest} bytes");
    assert_eq!(archive.expect("reads").entries.len(), 1);
}

// ---------------------------------------------------------------------------------------
// Every fuzz target's code on random bytes and on mutated synthetic exports: the stable,
// bounded smoke of `./dev fuzz` that `./dev test` runs.
// ---------------------------------------------------------------------------------------

/// Small synthetic exports, written once: `(name the person would see, bytes)`.
fn seeds() -> &'static [(String, Vec<u8>)] {
    static SEEDS: OnceLock<Vec<(String, Vec<u8>)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("memport-hostile-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        let mut out = Vec::new();
        for (kind, name) in [
            (ExportKind::ChatGptZip, "chatgpt.zip"),
            (ExportKind::ClaudeLegacy, "claude.zip"),
            (ExportKind::ClaudeCurrent, "claude-current"),
            (ExportKind::Takeout, "takeout.zip"),
            (ExportKind::Takeout, "My Activity.json"),
        ] {
            let path = dir.join(name);
            let written = synth::write(&Options::new(kind, 7, 4096), &path).expect("writes");
            for file in written.files {
                let name = file.file_name().unwrap().to_string_lossy().into_owned();
                out.push((name, std::fs::read(&file).expect("reads back")));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
        out.extend(
            [
                ("memories.json", "fuzz/seeds/claude/memories.json"),
                ("projects.json", "fuzz/seeds/claude/projects.json"),
            ]
            .map(|(name, path)| {
                let bytes = std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(path))
                    .expect("a committed seed");
                // Without the byte that names the file for the fuzz target.
                (name.to_string(), bytes[1..].to_vec())
            }),
        );
        out
    })
}

/// What an attacker or a broken download does to a file.
#[derive(Clone, Debug)]
enum Mutation {
    /// Cut at this fraction of the length (per mille).
    Truncate(u16),
    /// XOR a byte.
    Flip(u16, u8),
    /// A bogus 32-bit size or offset, or a "ZIP64" marker, over the bytes there.
    Size(u16, u32),
    /// Random bytes inserted.
    Insert(u16, Vec<u8>),
    /// The whole as a ZIP entry, this many levels down.
    Nest(u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (0..1000u16).prop_map(Mutation::Truncate),
        (0..1000u16, 1..=255u8).prop_map(|(at, x)| Mutation::Flip(at, x)),
        (
            0..1000u16,
            prop_oneof![
                Just(0u32),
                Just(0xFFFF_FFFF),
                Just(0xFFFF),
                Just(0x7FFF_FFFF),
                any::<u32>()
            ]
        )
            .prop_map(|(at, v)| Mutation::Size(at, v)),
        (0..1000u16, prop::collection::vec(any::<u8>(), 1..16))
            .prop_map(|(at, b)| Mutation::Insert(at, b)),
        (1..6u8).prop_map(Mutation::Nest),
    ]
}

fn at(per_mille: u16, len: usize) -> usize {
    len * usize::from(per_mille) / 1000
}

fn mutate(mut data: Vec<u8>, m: &Mutation) -> Vec<u8> {
    match m {
        Mutation::Truncate(p) => data.truncate(at(*p, data.len())),
        Mutation::Flip(p, x) => {
            if !data.is_empty() {
                let i = at(*p, data.len() - 1);
                data[i] ^= x;
            }
        }
        Mutation::Size(p, v) => {
            if data.len() >= 4 {
                let i = at(*p, data.len() - 4);
                data[i..i + 4].copy_from_slice(&v.to_le_bytes());
            }
        }
        Mutation::Insert(p, b) => {
            let i = at(*p, data.len());
            data.splice(i..i, b.iter().copied());
        }
        Mutation::Nest(levels) => {
            for level in 0..*levels {
                let name = format!("part-{level}.zip");
                data = zip_of(&[Raw::deflated(&name, &data)]);
            }
        }
    }
    data
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, failure_persistence: None, ..ProptestConfig::default() })]

    /// Mutated synthetic exports through the whole reader and the ZIP container.
    #[test]
    fn mutated_data_exports_read_or_fail_cleanly(
        seed in any::<prop::sample::Index>(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        let (name, bytes) = seed.get(seeds());
        let data = mutations.iter().fold(bytes.clone(), mutate);
        let nested = mutations.iter().any(|m| matches!(m, Mutation::Nest(_)));
        let name = if nested { "export.zip" } else { name.as_str() };
        harness::import_as(name, &data);
        harness::zip_entries(&data);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    /// Random bytes, and random text, into every fuzz target.
    #[test]
    fn random_bytes_into_every_parser(
        bytes in prop::collection::vec(any::<u8>(), 0..2048),
        text in "(\\PC|[\n\\[\\]{}\":,*#-]){0,300}",
    ) {
        let targets: [fn(&[u8]); 10] = [
            harness::zip_entries,
            harness::split,
            harness::chatgpt,
            harness::claude,
            harness::takeout,
            harness::export_zip,
            harness::text,
            harness::answer,
            harness::profile,
            harness::split,
        ];
        for target in targets {
            target(&bytes);
            target(text.as_bytes());
        }
        // Text after the byte that names the file: Markdown and JSON where readers look.
        for first in 0..4u8 {
            let mut named = vec![first];
            named.extend_from_slice(text.as_bytes());
            harness::claude(&named);
            harness::chatgpt(&named);
        }
    }
}

#[test]
fn the_committed_fuzz_seeds_pass_their_targets() {
    // Each target's hand-made seeds (fuzz/seeds/<target>/), as `./dev fuzz` starts from.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/seeds");
    type Target = fn(&[u8]);
    let targets: [(&str, Target); 5] = [
        ("answer", harness::answer),
        ("claude", harness::claude),
        ("profile", harness::profile),
        ("split", harness::split),
        ("text", harness::text),
    ];
    for (target, run) in targets {
        let dir = root.join(target);
        for file in std::fs::read_dir(&dir).expect("a seed directory") {
            let bytes = std::fs::read(file.expect("a seed").path()).expect("reads");
            run(&bytes);
        }
    }
}

#[test]
fn faults_are_said_in_the_persons_language() {
    memport::i18n::set_lang(memport::i18n::Lang::De);
    let empty = faults(&import("leer.json", Vec::new()));
    let page = faults(&import("seite.html", b"<html></html>".to_vec()));
    memport::i18n::set_lang(memport::i18n::Lang::En);
    assert_eq!(
        empty,
        [
            "leer.json: ist leer (0 Bytes): Der Download wurde nicht abgeschlossen; laden Sie den \
          Export erneut herunter"
        ]
    );
    assert!(
        page[0].starts_with("seite.html: ist eine Webseite, keine Daten"),
        "{page:?}"
    );
}
