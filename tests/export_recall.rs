//! Recall of the export reader on synthetic exports (tests/synth/, the memport-synth crate): for every kind
//! of export, a few seeds and every fault, `memport::export::import` must return exactly
//! the truth file's items: all of them (same kind, text, heading, conversation, dates,
//! times, contradiction and file), in the contract's order, and nothing else.
//!
//! Also, of the generator alone: the same seed gives the same bytes, and every ZIP passes
//! `unzip -t` where `unzip` is installed.

use std::path::{Path, PathBuf};

use memport::export::{self, DiskFile, Outcome, Recovered, Source};
use memport_synth::{self as synth, ExportKind, FaultKind, Options, Written};

/// Small enough for a debug build, large enough for padding between the planted blocks.
const SIZE: u64 = 2_000_000;

/// An export file, named as the person would see it.
fn open(path: &Path) -> DiskFile {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    DiskFile::open(path, name).unwrap()
}

/// A directory of its own for one test, emptied first.
fn scratch(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("memport-recall-{}-{tag}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn out_name(kind: ExportKind) -> &'static str {
    match kind {
        ExportKind::ChatGptZip => "chatgpt-export.zip",
        ExportKind::ChatGptShards => "chatgpt-export-sharded.zip",
        ExportKind::ChatGptJson => "conversations.json",
        ExportKind::ClaudeLegacy => "data-2025-06-01.zip",
        ExportKind::ClaudeCurrent => "claude-export",
        ExportKind::Takeout => "takeout-20250601T000000Z-001.zip",
    }
}

fn generate(opts: &Options, dir: &Path) -> Written {
    let out = dir.join(out_name(opts.kind));
    synth::write(opts, &out).unwrap()
}

fn import(files: &[PathBuf]) -> Outcome {
    let mut sources: Vec<DiskFile> = files.iter().map(|p| open(p)).collect();
    let mut refs: Vec<&mut dyn Source> = sources.iter_mut().map(|s| s as &mut dyn Source).collect();
    let mut calls = 0u64;
    export::import(&mut refs, &mut |_| calls += 1)
}

fn show(r: &Recovered) -> String {
    serde_json::to_string(r).unwrap()
}

/// Every truth item recovered, nothing else, in the contract's order; a readable diff when
/// not.
fn check(label: &str, written: &Written, got: &Outcome) {
    if let Some(diff) = diff(label, written, got) {
        panic!("{diff}");
    }
}

/// What differs between the truth and what was recovered, if anything.
fn diff(label: &str, written: &Written, got: &Outcome) -> Option<String> {
    let truth = &written.truth;
    let items = &got.items;
    let missing: Vec<&Recovered> = truth.iter().filter(|t| !items.contains(t)).collect();
    let extra: Vec<&Recovered> = items.iter().filter(|i| !truth.contains(i)).collect();
    if missing.is_empty() && extra.is_empty() && items.len() == truth.len() && items == truth {
        return None;
    }
    let mut report = format!(
        "{label}: recalled {} of {} truth items; {} reported that are not in the truth (truth file: {})\n",
        truth.len() - missing.len(),
        truth.len(),
        extra.len(),
        written.truth_path.display()
    );
    for m in &missing {
        report.push_str(&format!("  missing  {}\n", show(m)));
        // The nearest reported item: same kind and text, other fields different.
        if let Some(near) = items
            .iter()
            .find(|i| i.kind == m.kind && i.text == m.text && !truth.contains(i))
        {
            report.push_str(&format!("  got      {}\n", show(near)));
        }
    }
    for e in &extra {
        let near = truth.iter().any(|t| t.kind == e.kind && t.text == e.text);
        if !near {
            report.push_str(&format!("  extra    {}\n", show(e)));
        }
    }
    if missing.is_empty() && extra.is_empty() {
        if items.len() != truth.len() {
            report.push_str(&format!(
                "  the same items, but {} reported for {} in the truth (duplicates?)\n",
                items.len(),
                truth.len()
            ));
        } else {
            report.push_str("  the same items in another order; the contract orders by assistant, kind, first date, text:\n");
            for (i, (a, b)) in items.iter().zip(truth).enumerate() {
                if a != b {
                    report.push_str(&format!("  #{i}: got {:?}, truth {:?}\n", a.text, b.text));
                }
            }
        }
    }
    if !got.report.faults.is_empty() {
        report.push_str("  faults reported:\n");
        for f in &got.report.faults {
            report.push_str(&format!("    {f}\n"));
        }
    }
    Some(report)
}

/// Fails with every case's diff at once.
fn fail_if_any(failures: Vec<String>) {
    if !failures.is_empty() {
        panic!("{}", failures.join("\n"));
    }
}

/// A seed and what to change in the default options.
type Case = (u64, fn(&mut Options));

fn recall(kind: ExportKind, cases: &[Case]) {
    let mut failures = Vec::new();
    for (seed, adjust) in cases {
        let mut opts = Options::new(kind, *seed, SIZE);
        adjust(&mut opts);
        let tag = format!("{}-{seed}", kind.name());
        let dir = scratch(&tag);
        let written = generate(&opts, &dir);
        assert!(!written.truth.is_empty(), "{tag}: nothing planted");
        eprintln!("{tag}: reading {}", written.files[0].display());
        let got = import(&written.files);
        match diff(&tag, &written, &got) {
            Some(d) => failures.push(d),
            None => {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
    fail_if_any(failures);
}

fn plain(_: &mut Options) {}

#[test]
fn recall_chatgpt_zip() {
    recall(
        ExportKind::ChatGptZip,
        &[
            (1, plain),
            (2, |o| o.wrapped = true),
            (3, |o| {
                o.memory_json = false;
                o.zip64 = true;
            }),
        ],
    );
}

#[test]
fn recall_chatgpt_shards() {
    recall(
        ExportKind::ChatGptShards,
        &[(1, plain), (7, |o| o.level = 1)],
    );
}

#[test]
fn recall_chatgpt_json() {
    recall(
        ExportKind::ChatGptJson,
        &[(1, plain), (2, |o| o.wrapped = true)],
    );
}

#[test]
fn recall_claude_legacy() {
    recall(
        ExportKind::ClaudeLegacy,
        &[(1, plain), (5, |o| o.zip64 = true)],
    );
}

#[test]
fn recall_claude_current() {
    recall(ExportKind::ClaudeCurrent, &[(1, plain), (4, plain)]);
}

#[test]
fn recall_takeout() {
    recall(ExportKind::Takeout, &[(1, plain), (9, |o| o.level = 0)]);
    // The bare JSON, as a person may pick it out of the archive.
    let dir = scratch("takeout-bare");
    let out = dir.join("My Activity.json");
    let written = synth::write(&Options::new(ExportKind::Takeout, 2, SIZE), &out).unwrap();
    check("takeout-bare", &written, &import(&written.files));
    let _ = std::fs::remove_dir_all(&dir);
}

/// What is before a fault (and, where the reader can go on, after it) is still recovered;
/// faults that spoil a file are reported.
#[test]
fn recall_after_faults() {
    let cases = [
        (FaultKind::Truncate, ExportKind::ChatGptZip, true),
        (FaultKind::Cycle, ExportKind::ChatGptZip, false),
        (FaultKind::MissingParent, ExportKind::ChatGptJson, false),
        (
            FaultKind::UnknownContentType,
            ExportKind::ChatGptShards,
            false,
        ),
        (FaultKind::NotExport, ExportKind::ChatGptZip, false),
        (FaultKind::NotExport, ExportKind::ClaudeCurrent, false),
        (FaultKind::Empty, ExportKind::ChatGptZip, true),
        (FaultKind::Empty, ExportKind::Takeout, true),
        (FaultKind::Encrypted, ExportKind::ChatGptZip, true),
        (FaultKind::TruncatedJson, ExportKind::ChatGptJson, true),
    ];
    let mut failures = Vec::new();
    for (fault, kind, reported) in cases {
        let mut opts = Options::new(kind, 11, SIZE);
        opts.fault = Some(fault);
        let tag = format!("{}-{}", kind.name(), fault.name());
        let dir = scratch(&tag);
        let written = generate(&opts, &dir);
        eprintln!("{tag}: reading {}", written.files[0].display());
        let got = import(&written.files);
        let mut failed = diff(&tag, &written, &got);
        if reported && got.report.faults.is_empty() {
            failed.get_or_insert_with(String::new).push_str(&format!(
                "{tag}: a spoilt file and no fault in the report\n"
            ));
        }
        match failed {
            Some(d) => failures.push(d),
            None => {
                let _ = std::fs::remove_dir_all(&dir);
            }
        }
    }
    fail_if_any(failures);
}

fn bytes_of(paths: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect()
}

#[test]
fn the_same_seed_gives_the_same_bytes() {
    for kind in ExportKind::ALL {
        let a = scratch(&format!("same-a-{}", kind.name()));
        let b = scratch(&format!("same-b-{}", kind.name()));
        let opts = Options::new(kind, 42, 600_000);
        let wa = generate(&opts, &a);
        let wb = generate(&opts, &b);
        let (fa, fb) = (bytes_of(&wa.files), bytes_of(&wb.files));
        assert_eq!(fa.len(), fb.len(), "{}", kind.name());
        for ((na, da), (_, db)) in fa.iter().zip(&fb) {
            assert!(da == db, "{}: {na} differs between two runs", kind.name());
        }
        assert_eq!(
            std::fs::read(&wa.truth_path).unwrap(),
            std::fs::read(&wb.truth_path).unwrap(),
            "{}: truth differs",
            kind.name()
        );
        let mut other = opts.clone();
        other.seed = 43;
        let c = scratch(&format!("same-c-{}", kind.name()));
        let wc = generate(&other, &c);
        assert_ne!(
            bytes_of(&wc.files)[0].1,
            fa[0].1,
            "{}: another seed, the same bytes",
            kind.name()
        );
        for d in [a, b, c] {
            let _ = std::fs::remove_dir_all(d);
        }
    }
}

/// The planted memory does not grow with the size: only the padding does.
#[test]
fn planted_memory_is_bounded() {
    for kind in [ExportKind::ChatGptJson, ExportKind::Takeout] {
        let dir = scratch(&format!("bounded-{}", kind.name()));
        let small = synth::write(&Options::new(kind, 3, 300_000), &dir.join("a.json")).unwrap();
        let large = synth::write(&Options::new(kind, 3, 4_000_000), &dir.join("b.json")).unwrap();
        assert_eq!(small.truth.len(), large.truth.len(), "{}", kind.name());
        let off = large.json_bytes.abs_diff(4_000_000);
        assert!(
            off < 200_000,
            "{}: {} bytes for 4 MB",
            kind.name(),
            large.json_bytes
        );
        let _ = std::fs::remove_dir_all(&dir);
    }
}

fn unzip_available() -> bool {
    std::process::Command::new("unzip")
        .arg("-v")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_zip_passes_unzip_test() {
    if !unzip_available() {
        eprintln!("unzip is not installed: skipped");
        return;
    }
    let mut variants: Vec<Options> = ExportKind::ALL
        .iter()
        .map(|&k| Options::new(k, 5, 800_000))
        .collect();
    let mut z = Options::new(ExportKind::ChatGptZip, 6, 800_000);
    z.zip64 = true;
    variants.push(z);
    let mut z = Options::new(ExportKind::ClaudeLegacy, 6, 800_000);
    z.level = 0;
    variants.push(z);
    for (i, opts) in variants.iter().enumerate() {
        let dir = scratch(&format!("unzip-{i}"));
        let w = generate(opts, &dir);
        for f in w
            .files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "zip"))
        {
            let out = std::process::Command::new("unzip")
                .arg("-tq")
                .arg(f)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "unzip -t {}: {}{}",
                f.display(),
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
}

/// Each fault is reported as a person can act on it: the file, the conversation where there is
/// one, the byte where it helps, and words that say what happened.
#[test]
fn faults_name_the_file_the_conversation_and_the_byte() {
    // (fault, kind, words the message must hold, names a conversation, gives an offset)
    let cases = [
        (
            FaultKind::Truncate,
            ExportKind::ChatGptZip,
            "cut short",
            false,
            true,
        ),
        (
            FaultKind::TruncatedJson,
            ExportKind::ChatGptJson,
            "cut short",
            false,
            true,
        ),
        (
            FaultKind::Cycle,
            ExportKind::ChatGptZip,
            "loops",
            true,
            true,
        ),
        (
            FaultKind::MissingParent,
            ExportKind::ChatGptJson,
            "parent",
            true,
            true,
        ),
        (
            FaultKind::NotExport,
            ExportKind::ChatGptZip,
            "none of the files",
            false,
            false,
        ),
        (
            FaultKind::Empty,
            ExportKind::ChatGptZip,
            "empty (0 bytes)",
            false,
            false,
        ),
        (
            FaultKind::Encrypted,
            ExportKind::ChatGptZip,
            "password-protected",
            false,
            false,
        ),
    ];
    let mut failures = Vec::new();
    for (fault, kind, words, conversation, offset) in cases {
        let mut opts = Options::new(kind, 5, 400_000);
        opts.fault = Some(fault);
        let tag = format!("faults-{}-{}", kind.name(), fault.name());
        let dir = scratch(&tag);
        let written = generate(&opts, &dir);
        let got = import(&written.files);
        let chosen = written.files[0]
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_string();
        let found = got.report.faults.iter().find(|f| f.message.contains(words));
        match found {
            None => failures.push(format!(
                "{tag}: no fault saying \"{words}\"; got {:#?}",
                got.report.faults
            )),
            Some(f) => {
                let shown = f.to_string();
                if !f.file.contains(&chosen) {
                    failures.push(format!("{tag}: does not name {chosen}: {shown}"));
                }
                if conversation && f.conversation.is_none() {
                    failures.push(format!("{tag}: names no conversation: {shown}"));
                }
                if offset && f.offset.is_none() {
                    failures.push(format!("{tag}: gives no byte offset: {shown}"));
                }
                eprintln!("{tag}: {shown}");
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    // An unknown content type is skipped and counted, never a fault.
    let mut opts = Options::new(ExportKind::ChatGptShards, 5, 400_000);
    opts.fault = Some(FaultKind::UnknownContentType);
    let dir = scratch("faults-unknown");
    let got = import(&generate(&opts, &dir).files);
    if got.report.unknown == 0 {
        failures.push("unknown content type: not counted".into());
    }
    let _ = std::fs::remove_dir_all(&dir);
    fail_if_any(failures);
}
