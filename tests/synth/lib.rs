//! Synthetic, schema-faithful data exports of any size, deterministic by seed, with a truth
//! file of every memory planted.
//!
//! [`write`] makes one export of an [`ExportKind`] (ChatGPT's ZIP, its sharded ZIP or a bare
//! `conversations.json`; Claude's legacy ZIP or its current directory of per-category ZIPs;
//! Google Takeout's Gemini "My Activity") and returns, and writes beside it as
//! `<out>.truth.json`, exactly the [`Recovered`] items [`memport::export::import`] must
//! return for it under the contract in `memport::export` ("What counts as memory").
//!
//! A crate of its own, not part of memport: a test-data generator has no place in the
//! extension or the `memport` tool. It is split along its parts: the options and [`write`]
//! here; the randomness (`rng`), dates (`dates`), the JSON writer (`json`), what was planted
//! and the truth (`truth`), ordinary text (`text`), a ChatGPT conversation (`conversation`),
//! and one module per vendor (`chatgpt`, `claude`, `takeout`) and for the faults of any kind
//! (`faults`). ZIPs are written by memport's own writer
//! ([`memport::export::zip_write::ZipOut`]), the one the warm-up export uses too.
//!
//! - **Deterministic.** One seeded splitmix64 (`rng::Rng`) drives everything; the same options
//!   give byte-identical files.
//! - **Any size.** Conversations are generated and written one at a time, streamed through
//!   deflate into the ZIP (`ZipOut`); nothing holds the whole JSON. The planted memory
//!   sits in three blocks of conversations (newest, middle, oldest: the files list newest
//!   first), so its count does not grow with the size; ordinary conversations pad between.
//! - **Decoys.** Ordinary chat that says "remember", assistant text mentioning "bio", tool
//!   messages named `bio`, unknown content types, Gemini prompts that almost match.
//! - **Faults** ([`FaultKind`]): a cut ZIP or JSON, a parent cycle, a missing parent, unknown
//!   shapes, an encrypted entry, an empty file, a ZIP that is no export. The truth file then
//!   holds what must still be recovered.
//!
//! The choices made where the contract leaves room are in `docs/synthetic-exports.md`.

use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, Write};
use std::path::{Path, PathBuf};

use memport::export::zip_write::ZipOut;
use memport::export::Recovered;

mod chatgpt;
mod claude;
mod conversation;
mod dates;
mod faults;
mod json;
mod rng;
mod takeout;
mod text;
mod truth;

use chatgpt::*;
use claude::*;
use conversation::*;
use dates::*;
use faults::*;
use json::*;
use rng::*;
use takeout::*;
use text::*;
use truth::*;

// ---------------------------------------------------------------------------------------
// Options
// ---------------------------------------------------------------------------------------

/// Which export to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportKind {
    /// ChatGPT's classic ZIP: one `conversations.json` and the other files.
    ChatGptZip,
    /// ChatGPT's newer ZIP: `conversations-000.json`, `-001`, ... of about 100 each.
    ChatGptShards,
    /// A bare `conversations.json`.
    ChatGptJson,
    /// Claude's legacy ZIP: `conversations.json`, `users.json`, `projects.json`,
    /// `memories.json`.
    ClaudeLegacy,
    /// Claude's current export: a directory with `manifest.json` and one ZIP per category.
    ClaudeCurrent,
    /// Google Takeout, Gemini Apps "My Activity": a ZIP, or the bare JSON when the output
    /// path ends in `.json`.
    Takeout,
}

impl ExportKind {
    pub const ALL: [ExportKind; 6] = [
        ExportKind::ChatGptZip,
        ExportKind::ChatGptShards,
        ExportKind::ChatGptJson,
        ExportKind::ClaudeLegacy,
        ExportKind::ClaudeCurrent,
        ExportKind::Takeout,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ExportKind::ChatGptZip => "chatgpt-zip",
            ExportKind::ChatGptShards => "chatgpt-shards",
            ExportKind::ChatGptJson => "chatgpt-json",
            ExportKind::ClaudeLegacy => "claude-legacy",
            ExportKind::ClaudeCurrent => "claude-current",
            ExportKind::Takeout => "takeout",
        }
    }

    pub fn parse(s: &str) -> Option<ExportKind> {
        ExportKind::ALL.into_iter().find(|k| k.name() == s)
    }
}

/// A bad input to write instead of a good one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FaultKind {
    /// The ZIP cut in the middle of `conversations.json` (chatgpt-zip).
    Truncate,
    /// One conversation whose parent chain loops (ChatGPT kinds).
    Cycle,
    /// One conversation with a node whose parent is not in `mapping` (ChatGPT kinds).
    MissingParent,
    /// One conversation of shapes memport does not know (ChatGPT kinds).
    UnknownContentType,
    /// A ZIP of unrelated files (any kind).
    NotExport,
    /// A 0-byte file (any kind).
    Empty,
    /// `conversations.json` with the encryption flag set (chatgpt-zip).
    Encrypted,
    /// A bare `conversations.json` cut mid-conversation (chatgpt-json).
    TruncatedJson,
}

impl FaultKind {
    pub const ALL: [FaultKind; 8] = [
        FaultKind::Truncate,
        FaultKind::Cycle,
        FaultKind::MissingParent,
        FaultKind::UnknownContentType,
        FaultKind::NotExport,
        FaultKind::Empty,
        FaultKind::Encrypted,
        FaultKind::TruncatedJson,
    ];

    pub fn name(self) -> &'static str {
        match self {
            FaultKind::Truncate => "truncate",
            FaultKind::Cycle => "cycle",
            FaultKind::MissingParent => "missing-parent",
            FaultKind::UnknownContentType => "unknown-content-type",
            FaultKind::NotExport => "not-export",
            FaultKind::Empty => "empty",
            FaultKind::Encrypted => "encrypted",
            FaultKind::TruncatedJson => "truncated-json",
        }
    }

    pub fn parse(s: &str) -> Option<FaultKind> {
        FaultKind::ALL.into_iter().find(|k| k.name() == s)
    }

    /// Whether this fault can be written for `kind`.
    pub fn fits(self, kind: ExportKind) -> bool {
        use ExportKind::*;
        match self {
            FaultKind::Truncate | FaultKind::Encrypted => kind == ChatGptZip,
            FaultKind::TruncatedJson => kind == ChatGptJson,
            FaultKind::Cycle | FaultKind::MissingParent | FaultKind::UnknownContentType => {
                matches!(kind, ChatGptZip | ChatGptShards | ChatGptJson)
            }
            FaultKind::NotExport | FaultKind::Empty => true,
        }
    }
}

/// What to write.
#[derive(Clone, Debug)]
pub struct Options {
    pub kind: ExportKind,
    pub seed: u64,
    /// Target size in bytes of the conversations JSON (all shards or parts together; the
    /// activity JSON for Takeout). Reached to within one conversation, never below the
    /// planted memory.
    pub size: u64,
    /// `{"conversations": [...]}` instead of a bare array (ChatGPT).
    pub wrapped: bool,
    pub fault: Option<FaultKind>,
    /// Write ZIP64 records even when nothing needs them.
    pub zip64: bool,
    /// Deflate level, 0 (stored blocks) to 9.
    pub level: i32,
    /// Add a `memory.json` (chatgpt-zip).
    pub memory_json: bool,
}

impl Options {
    pub fn new(kind: ExportKind, seed: u64, size: u64) -> Options {
        Options {
            kind,
            seed,
            size,
            wrapped: false,
            fault: None,
            zip64: false,
            level: 6,
            memory_json: true,
        }
    }
}

/// What [`write`] wrote.
#[derive(Clone, Debug)]
pub struct Written {
    /// The files of the export, in the order a person would choose them.
    pub files: Vec<PathBuf>,
    pub truth_path: PathBuf,
    pub truth: Vec<Recovered>,
    /// Bytes of conversations (or activity) JSON, before compression.
    pub json_bytes: u64,
    pub conversations: u64,
}

/// Writes the export described by `opts` at `out` (a directory for claude-current) and its
/// truth file at `<out>.truth.json`.
pub fn write(opts: &Options, out: &Path) -> io::Result<Written> {
    if let Some(f) = opts.fault {
        if !f.fits(opts.kind) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!(
                    "the fault {} does not apply to {} exports",
                    f.name(),
                    opts.kind.name()
                ),
            ));
        }
    }
    let mut w = match opts.fault {
        Some(FaultKind::Empty) => empty(opts, out)?,
        Some(FaultKind::NotExport) => not_export(opts, out)?,
        _ => match opts.kind {
            ExportKind::ChatGptZip | ExportKind::ChatGptShards | ExportKind::ChatGptJson => {
                chatgpt(opts, out)?
            }
            ExportKind::ClaudeLegacy | ExportKind::ClaudeCurrent => claude(opts, out)?,
            ExportKind::Takeout => takeout(opts, out)?,
        },
    };
    let truth_path = truth_path(out);
    let json = serde_json::to_string_pretty(&w.truth).map_err(io::Error::other)?;
    fs::write(&truth_path, json + "\n")?;
    w.truth_path = truth_path;
    Ok(w)
}

/// `<out>.truth.json`.
pub fn truth_path(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".truth.json");
    PathBuf::from(s)
}

/// Parses `50MB`, `2.5 MiB`, `1GB`, `4096`: decimal units (MB = 10^6), binary with `i`.
pub fn parse_size(s: &str) -> Option<u64> {
    let t = s.trim();
    let split = t
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult: f64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        "kib" => 1024.0,
        "mib" => 1024.0 * 1024.0,
        "gib" => 1024.0 * 1024.0 * 1024.0,
        _ => return None,
    };
    let v = n * mult;
    (v.is_finite() && v >= 0.0).then_some(v as u64)
}

/// A bare file, counting what goes in.
pub(crate) struct Counted<W: Write> {
    pub(crate) w: W,
    pub(crate) n: u64,
}

impl<W: Write> Write for Counted<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.w.write_all(buf)?;
        self.n += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.w.flush()
    }
}

/// Where the conversations stream goes; `mark` gives a position every byte before which
/// is readable (a deflate sync flush in a ZIP).
pub(crate) trait Sink: Write {
    fn mark(&mut self) -> io::Result<u64>;
}

impl<W: Write + Seek> Sink for ZipOut<W> {
    fn mark(&mut self) -> io::Result<u64> {
        self.sync_flush()
    }
}

impl<W: Write> Sink for Counted<W> {
    fn mark(&mut self) -> io::Result<u64> {
        Ok(self.n)
    }
}

pub(crate) fn create(path: &Path) -> io::Result<BufWriter<File>> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            fs::create_dir_all(dir)?;
        }
    }
    Ok(BufWriter::with_capacity(1 << 20, File::create(path)?))
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use memport::dedupe;
    use memport::slot::Slot;

    #[test]
    fn json_strings_escape_as_asked() {
        let mut j = Js::new(true);
        j.str("é \"q\"\n😀");
        assert_eq!(
            String::from_utf8(j.b).unwrap(),
            r#""\u00e9 \"q\"\n\ud83d\ude00""#
        );
        let mut j = Js::new(false);
        j.str("é\u{1}\\");
        assert_eq!(String::from_utf8(j.b).unwrap(), "\"é\\u0001\\\\\"");
    }

    #[test]
    fn dates_are_utc_days() {
        assert_eq!(day(0.0), "1970-01-01");
        assert_eq!(day(T_END), "2025-06-01");
        assert_eq!(day(T_END - 0.5), "2025-05-31");
        assert_eq!(rfc3339(1_700_000_000.25, 3), "2023-11-14T22:13:20.250Z");
    }

    #[test]
    fn planted_contradictions_are_read_by_the_slots() {
        let pairs = [
            ("Lives in Lisbon.", "Lives in Porto.", Slot::Home),
            (
                "Prefers answers in British English.",
                "Prefers answers in French.",
                Slot::AnswerLanguage,
            ),
            (
                "Prefers to be called Sam.",
                "Prefers to be called Samantha.",
                Slot::Name,
            ),
            ("Uses metric units.", "Uses imperial units.", Slot::Units),
            ("Uses 12-hour time.", "Prefers 24-hour time.", Slot::Clock),
        ];
        for (a, b, slot) in pairs {
            assert!(slot.disagree(a, b), "{a} / {b}");
        }
        assert_eq!(
            dedupe::key("IS VEGETARIAN!!"),
            dedupe::key("Is vegetarian.")
        );
    }

    #[test]
    fn gemini_decoys_are_not_memory_and_plants_are() {
        for d in GEMINI_DECOYS {
            assert!(!gemini_prompt_is_memory(d), "{d}");
        }
        for p in GEMINI_MEMORY.iter().flat_map(|b| b.iter()) {
            assert!(gemini_prompt_is_memory(p), "{p}");
        }
    }

    #[test]
    fn sizes_parse() {
        assert_eq!(parse_size("50MB"), Some(50_000_000));
        assert_eq!(parse_size("1.5 GiB"), Some(1_610_612_736));
        assert_eq!(parse_size("4096"), Some(4096));
        assert_eq!(parse_size("12 parsecs"), None);
    }
}
