//! Synthetic, schema-faithful data exports of any size, deterministic by seed, with a truth
//! file of every memory planted.
//!
//! [`write`] makes one export of an [`ExportKind`] (ChatGPT's ZIP, its sharded ZIP or a bare
//! `conversations.json`; Claude's legacy ZIP or its current directory of per-category ZIPs;
//! Google Takeout's Gemini "My Activity") and returns, and writes beside it as
//! `<out>.truth.json`, exactly the [`Recovered`] items [`super::import`] must return for it
//! under the contract in this module's parent ("What counts as memory").
//!
//! - **Deterministic.** One seeded splitmix64 ([`Rng`]) drives everything; the same options
//!   give byte-identical files.
//! - **Any size.** Conversations are generated and written one at a time, streamed through
//!   deflate into the ZIP ([`ZipOut`]); nothing holds the whole JSON. The planted memory
//!   sits in three blocks of conversations (newest, middle, oldest: the files list newest
//!   first), so its count does not grow with the size; ordinary conversations pad between.
//! - **Decoys.** Ordinary chat that says "remember", assistant text mentioning "bio", tool
//!   messages named `bio`, unknown content types, Gemini prompts that almost match.
//! - **Faults** ([`FaultKind`]): a cut ZIP or JSON, a parent cycle, a missing parent, unknown
//!   shapes, an encrypted entry, an empty file, a ZIP that is no export. The truth file then
//!   holds what must still be recovered.
//!
//! The choices made where the contract leaves room are in `docs/synthetic-exports.md`.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs::{self, File};
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use zlib_rs::{Deflate, DeflateFlush, Status};

use super::{Kind, Recovered};
use crate::conflict::{Slot, Value};
use crate::dedupe;
use crate::sites::Assistant;

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

// ---------------------------------------------------------------------------------------
// PRNG
// ---------------------------------------------------------------------------------------

/// splitmix64: small, fast, and the same on every platform.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6d65_6d70_6f72_7421)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// In `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// An independent generator, so one part's draws do not shift another's.
    pub fn fork(&mut self) -> Rng {
        Rng(self.next_u64())
    }

    fn hex(&mut self, n: usize) -> String {
        let mut s = String::with_capacity(n);
        while s.len() < n {
            let _ = write!(s, "{:016x}", self.next_u64());
        }
        s.truncate(n);
        s
    }

    fn uuid(&mut self) -> String {
        let h = self.hex(32);
        format!(
            "{}-{}-4{}-{}{}-{}",
            &h[0..8],
            &h[8..12],
            &h[13..16],
            ["8", "9", "a", "b"][self.below(4)],
            &h[17..20],
            &h[20..32]
        )
    }
}

// ---------------------------------------------------------------------------------------
// Dates
// ---------------------------------------------------------------------------------------

/// 2025-06-01T00:00:00Z: the newest moment of every export.
const T_END: f64 = 1_748_736_000.0;
/// The span the conversations cover.
const SPAN: f64 = 800.0 * 86_400.0;

fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// The UTC day of epoch seconds `t`.
pub fn day(t: f64) -> String {
    let (y, m, d) = civil((t.floor() as i64).div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// RFC 3339 with `frac` digits of seconds (0, 3 or 6).
fn rfc3339(t: f64, frac: usize) -> String {
    let secs = t.floor() as i64;
    let (y, mo, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let mut out = format!(
        "{y:04}-{mo:02}-{d:02}T{:02}:{:02}:{:02}",
        s / 3600,
        s / 60 % 60,
        s % 60
    );
    let micros = ((t - secs as f64) * 1e6).round().clamp(0.0, 999_999.0) as u64;
    match frac {
        3 => {
            let _ = write!(out, ".{:03}", micros / 1000);
        }
        6 => {
            let _ = write!(out, ".{micros:06}");
        }
        _ => {}
    }
    out.push('Z');
    out
}

/// The DOS date and time fields of `t`.
fn dos_time(t: f64) -> (u16, u16) {
    let secs = t.floor() as i64;
    let (y, m, d) = civil(secs.div_euclid(86_400));
    let s = secs.rem_euclid(86_400);
    let time = (((s / 3600) << 11) | ((s / 60 % 60) << 5) | ((s % 60) / 2)) as u16;
    let date = (((y - 1980).max(0) << 9) | ((m as i64) << 5) | d as i64) as u16;
    (time, date)
}

/// A float epoch time as the exports write it: seconds with microseconds.
fn epoch(t: f64) -> String {
    let v = (t * 1e6).round() / 1e6;
    let s = format!("{v}");
    if s.contains('.') {
        s
    } else {
        format!("{s}.0")
    }
}

// ---------------------------------------------------------------------------------------
// JSON writing
// ---------------------------------------------------------------------------------------

/// A JSON text built in a buffer. `ascii` writes every non-ASCII character as `\uXXXX`
/// (surrogate pairs above the BMP), as Python's `json.dumps` does by default.
struct Js {
    b: Vec<u8>,
    ascii: bool,
}

impl Js {
    fn new(ascii: bool) -> Js {
        Js {
            b: Vec::with_capacity(16 * 1024),
            ascii,
        }
    }

    fn raw(&mut self, s: &str) -> &mut Js {
        self.b.extend_from_slice(s.as_bytes());
        self
    }

    fn str(&mut self, s: &str) -> &mut Js {
        self.b.push(b'"');
        let bytes = s.as_bytes();
        let mut start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let c = bytes[i];
            let esc: Option<&[u8]> = match c {
                b'"' => Some(b"\\\""),
                b'\\' => Some(b"\\\\"),
                b'\n' => Some(b"\\n"),
                b'\r' => Some(b"\\r"),
                b'\t' => Some(b"\\t"),
                0..=0x1f => Some(b""),
                0x80.. if self.ascii => Some(b""),
                _ => None,
            };
            let Some(esc) = esc else {
                i += 1;
                continue;
            };
            self.b.extend_from_slice(&bytes[start..i]);
            if !esc.is_empty() {
                self.b.extend_from_slice(esc);
                i += 1;
            } else if c < 0x20 {
                let _ = write!(Hex(&mut self.b), "\\u{:04x}", c);
                i += 1;
            } else {
                // A whole multi-byte character, as UTF-16 escapes.
                let ch = s[i..].chars().next().unwrap_or('\u{fffd}');
                let mut units = [0u16; 2];
                for u in ch.encode_utf16(&mut units) {
                    let _ = write!(Hex(&mut self.b), "\\u{:04x}", u);
                }
                i += ch.len_utf8();
            }
            start = i;
        }
        self.b.extend_from_slice(&bytes[start..]);
        self.b.push(b'"');
        self
    }

    fn opt_str(&mut self, s: Option<&str>) -> &mut Js {
        match s {
            Some(s) => self.str(s),
            None => self.raw("null"),
        }
    }

    /// `"k":` (after a comma unless it opens an object).
    fn key(&mut self, k: &str) -> &mut Js {
        self.comma();
        self.b.push(b'"');
        self.b.extend_from_slice(k.as_bytes());
        self.b.extend_from_slice(b"\":");
        self
    }

    fn kv(&mut self, k: &str, v: &str) -> &mut Js {
        self.key(k).str(v)
    }

    fn kraw(&mut self, k: &str, v: &str) -> &mut Js {
        self.key(k).raw(v)
    }

    /// A comma before the next array element unless it is the first.
    fn item(&mut self) -> &mut Js {
        self.comma();
        self
    }

    /// A comma unless the last thing written opens an object or array or is one.
    fn comma(&mut self) {
        let last = self.b.iter().rev().find(|c| !c.is_ascii_whitespace());
        if !matches!(last, Some(b'{' | b'[' | b',') | None) {
            self.b.push(b',');
        }
    }
}

/// `fmt::Write` into a byte buffer, for hex escapes.
struct Hex<'a>(&'a mut Vec<u8>);

impl std::fmt::Write for Hex<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// ZIP writing
// ---------------------------------------------------------------------------------------

/// How an entry is stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Stored,
    Deflated,
}

/// How an entry's header is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct EntryOpts {
    /// Sizes and CRC in a data descriptor after the data (flag bit 3), as streaming
    /// writers do; otherwise the local header is patched after the data.
    pub descriptor: bool,
    /// The entry may pass 4 GiB: give its local header a ZIP64 field.
    pub large: bool,
}

struct CdEntry {
    name: String,
    method: u16,
    flags: u16,
    crc: u32,
    csize: u64,
    usize: u64,
    offset: u64,
}

struct Current {
    entry: CdEntry,
    deflate: Option<Box<Deflate>>,
    header: u64,
    descriptor: bool,
    zip64: bool,
    out: Vec<u8>,
}

/// A ZIP written as a stream: local headers, data (stored or deflated), central
/// directory, ZIP64 records where sizes, offsets or counts need them (or always, when
/// `force_zip64`). Data goes in through `Write` between [`ZipOut::begin`] and
/// [`ZipOut::end`].
pub struct ZipOut<W: Write + Seek> {
    w: W,
    pos: u64,
    entries: Vec<CdEntry>,
    cur: Option<Current>,
    force_zip64: bool,
    level: i32,
    time: (u16, u16),
}

const U32_MAX: u64 = 0xFFFF_FFFF;

impl<W: Write + Seek> ZipOut<W> {
    pub fn new(w: W, level: i32, force_zip64: bool, t: f64) -> ZipOut<W> {
        ZipOut {
            w,
            pos: 0,
            entries: Vec::new(),
            cur: None,
            force_zip64,
            level,
            time: dos_time(t),
        }
    }

    /// Where the next byte goes.
    pub fn position(&self) -> u64 {
        self.pos
    }

    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.w.write_all(bytes)?;
        self.pos += bytes.len() as u64;
        Ok(())
    }

    fn local_header(&mut self, e: &CdEntry, zip64: bool) -> io::Result<()> {
        let mut h = Vec::with_capacity(30 + e.name.len() + 20);
        h.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        h.extend_from_slice(&(if zip64 { 45u16 } else { 20 }).to_le_bytes());
        h.extend_from_slice(&e.flags.to_le_bytes());
        h.extend_from_slice(&e.method.to_le_bytes());
        h.extend_from_slice(&self.time.0.to_le_bytes());
        h.extend_from_slice(&self.time.1.to_le_bytes());
        h.extend_from_slice(&e.crc.to_le_bytes());
        if zip64 {
            h.extend_from_slice(&u32::MAX.to_le_bytes());
            h.extend_from_slice(&u32::MAX.to_le_bytes());
        } else {
            h.extend_from_slice(&(e.csize as u32).to_le_bytes());
            h.extend_from_slice(&(e.usize as u32).to_le_bytes());
        }
        h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
        h.extend_from_slice(&(if zip64 { 20u16 } else { 0 }).to_le_bytes());
        h.extend_from_slice(e.name.as_bytes());
        if zip64 {
            h.extend_from_slice(&1u16.to_le_bytes());
            h.extend_from_slice(&16u16.to_le_bytes());
            h.extend_from_slice(&e.usize.to_le_bytes());
            h.extend_from_slice(&e.csize.to_le_bytes());
        }
        self.put(&h)
    }

    /// Starts an entry; its data is what is written until [`ZipOut::end`].
    pub fn begin(&mut self, name: &str, method: Method, opts: EntryOpts) -> io::Result<()> {
        if self.cur.is_some() {
            self.end()?;
        }
        let zip64 = opts.large || self.force_zip64;
        let entry = CdEntry {
            name: name.to_string(),
            method: if method == Method::Deflated { 8 } else { 0 },
            flags: 0x0800 | if opts.descriptor { 0x0008 } else { 0 },
            crc: 0,
            csize: 0,
            usize: 0,
            offset: self.pos,
        };
        let header = self.pos;
        self.local_header(&entry, zip64)?;
        self.cur = Some(Current {
            entry,
            deflate: (method == Method::Deflated)
                .then(|| Box::new(Deflate::new(self.level, false, 15))),
            header,
            descriptor: opts.descriptor,
            zip64,
            out: vec![0; 256 * 1024],
        });
        Ok(())
    }

    fn compress(&mut self, mut input: &[u8], flush: DeflateFlush) -> io::Result<()> {
        let ZipOut { w, pos, cur, .. } = self;
        let Some(cur) = cur.as_mut() else {
            return Err(io::Error::other("no ZIP entry begun"));
        };
        let Some(d) = cur.deflate.as_mut() else {
            return Ok(());
        };
        loop {
            let (i0, o0) = (d.total_in(), d.total_out());
            let status = d
                .compress(input, &mut cur.out, flush)
                .map_err(|e| io::Error::other(e.as_str()))?;
            let used = (d.total_in() - i0) as usize;
            let made = (d.total_out() - o0) as usize;
            input = &input[used..];
            w.write_all(&cur.out[..made])?;
            *pos += made as u64;
            cur.entry.csize += made as u64;
            let done = match flush {
                DeflateFlush::Finish => matches!(status, Status::StreamEnd),
                _ => input.is_empty() && made < cur.out.len(),
            };
            if done {
                return Ok(());
            }
        }
    }

    /// Flushes the deflate stream to a byte boundary (all data so far is decodable from
    /// the bytes before the returned position).
    pub fn sync_flush(&mut self) -> io::Result<u64> {
        self.compress(&[], DeflateFlush::SyncFlush)?;
        Ok(self.pos)
    }

    /// Ends the current entry: finishes deflate, writes the descriptor or patches the
    /// local header.
    pub fn end(&mut self) -> io::Result<()> {
        if self.cur.is_none() {
            return Ok(());
        }
        self.compress(&[], DeflateFlush::Finish)?;
        let Some(cur) = self.cur.take() else {
            return Ok(());
        };
        let e = cur.entry;
        if (e.usize >= U32_MAX || e.csize >= U32_MAX) && !cur.zip64 {
            return Err(io::Error::other(format!(
                "{} grew past 4 GiB without a ZIP64 field: mark it large",
                e.name
            )));
        }
        if cur.descriptor {
            let mut d = Vec::with_capacity(24);
            d.extend_from_slice(&0x0807_4b50u32.to_le_bytes());
            d.extend_from_slice(&e.crc.to_le_bytes());
            if cur.zip64 {
                d.extend_from_slice(&e.csize.to_le_bytes());
                d.extend_from_slice(&e.usize.to_le_bytes());
            } else {
                d.extend_from_slice(&(e.csize as u32).to_le_bytes());
                d.extend_from_slice(&(e.usize as u32).to_le_bytes());
            }
            self.put(&d)?;
        } else {
            self.w.seek(SeekFrom::Start(cur.header + 14))?;
            self.w.write_all(&e.crc.to_le_bytes())?;
            if cur.zip64 {
                self.w
                    .seek(SeekFrom::Start(cur.header + 30 + e.name.len() as u64 + 4))?;
                self.w.write_all(&e.usize.to_le_bytes())?;
                self.w.write_all(&e.csize.to_le_bytes())?;
            } else {
                self.w.write_all(&(e.csize as u32).to_le_bytes())?;
                self.w.write_all(&(e.usize as u32).to_le_bytes())?;
            }
            self.w.seek(SeekFrom::Start(self.pos))?;
        }
        self.entries.push(e);
        Ok(())
    }

    /// One whole entry.
    pub fn add(&mut self, name: &str, method: Method, data: &[u8]) -> io::Result<()> {
        self.begin(name, method, EntryOpts::default())?;
        self.write_all(data)?;
        self.end()
    }

    /// An entry written as given, with the encryption flag (bit 0) set: `data` stands for
    /// the ciphertext.
    pub fn add_encrypted(&mut self, name: &str, data: &[u8]) -> io::Result<()> {
        if self.cur.is_some() {
            self.end()?;
        }
        let e = CdEntry {
            name: name.to_string(),
            method: 0,
            flags: 0x0801,
            crc: zlib_rs::crc32::crc32(0, data),
            csize: data.len() as u64,
            usize: data.len() as u64,
            offset: self.pos,
        };
        let zip64 = self.force_zip64;
        self.local_header(&e, zip64)?;
        self.put(data)?;
        self.entries.push(e);
        Ok(())
    }

    /// Writes the central directory and the end records; returns the writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.end()?;
        let cd_start = self.pos;
        let entries = std::mem::take(&mut self.entries);
        for e in &entries {
            let big_u = e.usize >= U32_MAX || self.force_zip64;
            let big_c = e.csize >= U32_MAX || self.force_zip64;
            let big_o = e.offset >= U32_MAX || self.force_zip64;
            let mut extra = Vec::new();
            if big_u || big_c || big_o {
                let mut body = Vec::new();
                if big_u {
                    body.extend_from_slice(&e.usize.to_le_bytes());
                }
                if big_c {
                    body.extend_from_slice(&e.csize.to_le_bytes());
                }
                if big_o {
                    body.extend_from_slice(&e.offset.to_le_bytes());
                }
                extra.extend_from_slice(&1u16.to_le_bytes());
                extra.extend_from_slice(&(body.len() as u16).to_le_bytes());
                extra.extend_from_slice(&body);
            }
            let needed: u16 = if extra.is_empty() { 20 } else { 45 };
            let clamp = |big: bool, v: u64| if big { u32::MAX } else { v as u32 };
            let mut h = Vec::with_capacity(46 + e.name.len() + extra.len());
            h.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            h.extend_from_slice(&(0x0300u16 | 45).to_le_bytes());
            h.extend_from_slice(&needed.to_le_bytes());
            h.extend_from_slice(&e.flags.to_le_bytes());
            h.extend_from_slice(&e.method.to_le_bytes());
            h.extend_from_slice(&self.time.0.to_le_bytes());
            h.extend_from_slice(&self.time.1.to_le_bytes());
            h.extend_from_slice(&e.crc.to_le_bytes());
            h.extend_from_slice(&clamp(big_c, e.csize).to_le_bytes());
            h.extend_from_slice(&clamp(big_u, e.usize).to_le_bytes());
            h.extend_from_slice(&(e.name.len() as u16).to_le_bytes());
            h.extend_from_slice(&(extra.len() as u16).to_le_bytes());
            h.extend_from_slice(&0u16.to_le_bytes()); // comment
            h.extend_from_slice(&0u16.to_le_bytes()); // disk
            h.extend_from_slice(&0u16.to_le_bytes()); // internal attributes
            h.extend_from_slice(&(0o100644u32 << 16).to_le_bytes());
            h.extend_from_slice(&clamp(big_o, e.offset).to_le_bytes());
            h.extend_from_slice(e.name.as_bytes());
            h.extend_from_slice(&extra);
            self.put(&h)?;
        }
        let cd_size = self.pos - cd_start;
        let n = entries.len() as u64;
        let zip64 = self.force_zip64 || n >= 0xFFFF || cd_size >= U32_MAX || cd_start >= U32_MAX;
        if zip64 {
            let at = self.pos;
            let mut r = Vec::with_capacity(76);
            r.extend_from_slice(&0x0606_4b50u32.to_le_bytes());
            r.extend_from_slice(&44u64.to_le_bytes());
            r.extend_from_slice(&(0x0300u16 | 45).to_le_bytes());
            r.extend_from_slice(&45u16.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&n.to_le_bytes());
            r.extend_from_slice(&n.to_le_bytes());
            r.extend_from_slice(&cd_size.to_le_bytes());
            r.extend_from_slice(&cd_start.to_le_bytes());
            r.extend_from_slice(&0x0706_4b50u32.to_le_bytes());
            r.extend_from_slice(&0u32.to_le_bytes());
            r.extend_from_slice(&at.to_le_bytes());
            r.extend_from_slice(&1u32.to_le_bytes());
            self.put(&r)?;
        }
        let mut r = Vec::with_capacity(22);
        r.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        let count = if zip64 { 0xFFFF } else { n as u16 };
        r.extend_from_slice(&count.to_le_bytes());
        r.extend_from_slice(&count.to_le_bytes());
        let size32 = if zip64 { u32::MAX } else { cd_size as u32 };
        let start32 = if zip64 { u32::MAX } else { cd_start as u32 };
        r.extend_from_slice(&size32.to_le_bytes());
        r.extend_from_slice(&start32.to_le_bytes());
        r.extend_from_slice(&0u16.to_le_bytes());
        self.put(&r)?;
        self.w.flush()?;
        Ok(self.w)
    }
}

impl<W: Write + Seek> Write for ZipOut<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let deflated = {
            let Some(cur) = self.cur.as_mut() else {
                return Err(io::Error::other("no ZIP entry begun"));
            };
            cur.entry.crc = zlib_rs::crc32::crc32(cur.entry.crc, buf);
            cur.entry.usize += buf.len() as u64;
            if cur.deflate.is_none() {
                cur.entry.csize += buf.len() as u64;
            }
            cur.deflate.is_some()
        };
        if deflated {
            self.compress(buf, DeflateFlush::NoFlush)?;
        } else {
            self.put(buf)?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// A bare file, counting what goes in.
struct Counted<W: Write> {
    w: W,
    n: u64,
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
trait Sink: Write {
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

fn create(path: &Path) -> io::Result<BufWriter<File>> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            fs::create_dir_all(dir)?;
        }
    }
    Ok(BufWriter::with_capacity(1 << 20, File::create(path)?))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".to_string())
}

// ---------------------------------------------------------------------------------------
// Planted memory and the truth
// ---------------------------------------------------------------------------------------

/// One planted occurrence of a memory: what the reader sees at one place.
#[derive(Clone, Debug)]
struct Occ {
    assistant: Assistant,
    kind: Kind,
    text: String,
    heading: Option<String>,
    conversation: Option<String>,
    day: Option<String>,
    /// Orders occurrences in time (epoch seconds), or in file order where there is no time.
    order: f64,
    file: String,
}

/// The contract applied to what was planted (see `docs/synthetic-exports.md`).
fn truth(occ: &[Occ]) -> Vec<Recovered> {
    struct Group {
        occ: Vec<usize>,
    }
    let mut index: HashMap<(Assistant, Kind, String), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, o) in occ.iter().enumerate() {
        let k = (o.assistant, o.kind, dedupe::key(&o.text));
        let g = *index.entry(k).or_insert_with(|| {
            groups.push(Group { occ: Vec::new() });
            groups.len() - 1
        });
        groups[g].occ.push(i);
    }
    let first_of = |g: &Group| -> usize {
        *g.occ
            .iter()
            .min_by(|&&a, &&b| {
                (&occ[a].day, occ[a].order)
                    .partial_cmp(&(&occ[b].day, occ[b].order))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(&g.occ[0])
    };
    // Every write, with the text of the fact it belongs to.
    let mut writes: Vec<(f64, &str, usize)> = Vec::new();
    for g in &groups {
        let f = first_of(g);
        if occ[f].kind == Kind::MemoryWrite {
            for &i in &g.occ {
                writes.push((occ[i].order, occ[i].text.as_str(), f));
            }
        }
    }
    let mut out: Vec<Recovered> = groups
        .iter()
        .map(|g| {
            let f = &occ[first_of(g)];
            let last_day = g.occ.iter().filter_map(|&i| occ[i].day.clone()).max();
            let last_seen = last_day.filter(|d| Some(d) > f.day.as_ref());
            let contradicted_by = (f.kind == Kind::MemoryWrite)
                .then(|| {
                    let last = g.occ.iter().map(|&i| occ[i].order).fold(f64::MIN, f64::max);
                    let mine: Vec<(Slot, Value)> = Slot::ALL
                        .iter()
                        .flat_map(|&s| s.values(&f.text).into_iter().map(move |v| (s, v)))
                        .collect();
                    writes
                        .iter()
                        .filter(|(t, text, _)| {
                            *t > last
                                && mine
                                    .iter()
                                    .any(|(s, v)| s.values(text).iter().any(|w| w.disagrees(v)))
                        })
                        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
                        .map(|(_, _, fact)| occ[*fact].text.clone())
                })
                .flatten();
            Recovered {
                text: f.text.clone(),
                kind: f.kind,
                assistant: f.assistant,
                heading: f.heading.clone(),
                conversation: f.conversation.clone(),
                first_seen: f.day.clone(),
                last_seen,
                times: g.occ.len() as u32,
                contradicted_by,
                file: f.file.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.assistant, a.kind, &a.first_seen, &a.text).cmp(&(
            b.assistant,
            b.kind,
            &b.first_seen,
            &b.text,
        ))
    });
    out
}

/// Runtime context, not memory (the contract's list).
fn is_runtime_line(line: &str) -> bool {
    [
        "Current date:",
        "Timezone:",
        "User's timezone:",
        "Current time:",
        "Today's date:",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// The contract's rule for a Gemini prompt.
pub fn gemini_prompt_is_memory(prompt: &str) -> bool {
    if prompt.chars().count() > 500 {
        return false;
    }
    let lower = prompt.trim().to_lowercase();
    let mut rest = lower.as_str();
    for p in ["please ", "ok ", "hey gemini, "] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    [
        "remember",
        "don't forget",
        "do not forget",
        "keep in mind",
        "from now on",
        "going forward",
        "always",
        "never",
        "my name is",
        "call me",
        "i prefer",
        "i'd prefer",
        "i live in",
        "i'm a ",
        "i am a ",
        "i work as",
        "i work at",
        "note that i",
    ]
    .iter()
    .any(|s| rest.starts_with(s))
}

/// Markdown memory as the contract reads it: `(heading, item)` per item line. `fixed`
/// heading (a project's name, a file's path) replaces the headings in the text.
fn markdown_items(text: &str, fixed: Option<&str>) -> Vec<(Option<String>, String)> {
    let mut heading: Option<String> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(h) = t
            .strip_prefix("**")
            .and_then(|r| r.strip_suffix("**"))
            .filter(|h| !h.is_empty() && !h.contains("**"))
        {
            heading = Some(h.trim().to_string());
            continue;
        }
        if t.starts_with('#') {
            heading = Some(t.trim_start_matches('#').trim().to_string());
            continue;
        }
        let mut item = t;
        for m in ["- ", "* "] {
            if let Some(r) = item.strip_prefix(m) {
                item = r;
            }
        }
        let digits = item.len() - item.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            if let Some(r) = item[digits..].strip_prefix(". ") {
                item = r;
            }
        }
        let item = item.trim();
        if !item.is_empty() {
            let h = fixed.map(str::to_string).or_else(|| heading.clone());
            out.push((h, item.to_string()));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// Text
// ---------------------------------------------------------------------------------------

const WORDS: &[&str] = &[
    "the",
    "a",
    "of",
    "to",
    "and",
    "in",
    "that",
    "it",
    "with",
    "for",
    "on",
    "is",
    "as",
    "this",
    "you",
    "can",
    "be",
    "by",
    "from",
    "your",
    "or",
    "data",
    "function",
    "value",
    "system",
    "model",
    "query",
    "server",
    "request",
    "build",
    "test",
    "garden",
    "recipe",
    "budget",
    "travel",
    "schedule",
    "design",
    "layout",
    "memory",
    "thread",
    "buffer",
    "stream",
    "parse",
    "return",
    "error",
    "option",
    "result",
    "vector",
    "string",
    "number",
    "table",
    "index",
    "cache",
    "deploy",
    "cluster",
    "network",
    "latency",
    "throughput",
    "invoice",
    "contract",
    "letter",
    "essay",
    "chapter",
    "poem",
    "story",
    "history",
    "river",
    "mountain",
    "city",
    "market",
    "kitchen",
    "bread",
    "coffee",
    "tea",
    "train",
    "flight",
    "hotel",
    "museum",
    "weather",
    "running",
    "training",
    "plan",
    "week",
    "morning",
    "evening",
    "simple",
    "quick",
    "careful",
    "clear",
    "better",
    "faster",
    "smaller",
    "larger",
    "useful",
    "common",
    "rare",
    "important",
    "example",
    "approach",
    "step",
    "detail",
    "summary",
    "version",
    "update",
    "change",
    "check",
    "choose",
    "compare",
    "explain",
    "consider",
    "keep",
    "use",
    "make",
    "write",
    "read",
    "find",
    "show",
    "give",
    "take",
    "move",
    "start",
    "stop",
    "open",
    "close",
    "first",
    "second",
    "next",
    "last",
    "each",
    "every",
    "some",
    "many",
    "few",
    "more",
    "most",
    "also",
    "then",
    "because",
    "while",
    "when",
    "where",
    "which",
    "about",
    "over",
    "under",
    "between",
    "without",
    "within",
    "across",
];

const UNICODE_BITS: &[&str] = &[
    "café",
    "naïve",
    "São Paulo",
    "Zürich",
    "crème brûlée",
    "北京",
    "東京の天気",
    "日本語",
    "😀",
    "🚀",
    "👍🏽",
    "🇵🇹",
    "שלום",
    "مرحبا بالعالم",
    "Ω≈ç√∫",
    "Ελληνικά",
    "Привет",
    "한국어",
    "naïveté",
    "“quoted”",
    "—",
    "…",
    "½ cup",
];

const TITLES: &[&str] = &[
    "Sourdough starter tips",
    "Fixing a Rust lifetime error",
    "Trip to Kyoto itinerary",
    "SQL query optimization",
    "Birthday message ideas",
    "Explain Kubernetes pods",
    "Resume bullet points",
    "Marathon training plan",
    "Python list comprehension",
    "Balcony tomato problems",
    "Translate to Portuguese",
    "Email to landlord",
    "Regex for dates",
    "Budget spreadsheet formulas",
    "History of Lisbon trams",
    "Kids' science experiment",
    "Café menu ideas ☕",
    "数据分析问题",
    "Rédaction d'une lettre",
    "Poem about autumn 🍂",
    "Docker compose networking",
    "Git rebase vs merge",
    "Meal prep for the week",
    "Negotiating a raise",
    "Understanding mortgages",
    "Bug in async code",
    "Name ideas for a cat",
    "Summarize this article",
    "Interview practice",
    "Physics homework help",
];

const CODE: &[(&str, &str)] = &[
    (
        "rust",
        "fn main() {\n    let v: Vec<u32> = (1..=10).collect();\n    println!(\"sum = {}\", v.iter().sum::<u32>());\n}\n",
    ),
    (
        "python",
        "import json\n\nwith open(\"data.json\") as f:\n    rows = json.load(f)\nprint(\"\\n\".join(r[\"name\"] for r in rows))\n",
    ),
    (
        "javascript",
        "const re = /\\d{4}-\\d{2}-\\d{2}/g;\nconsole.log(\"2024-05-01 and 2024-06-02\".match(re));\n",
    ),
    (
        "sql",
        "SELECT city, COUNT(*) AS n\nFROM users\nWHERE created_at > '2024-01-01'\nGROUP BY city\nORDER BY n DESC;\n",
    ),
    (
        "bash",
        "for f in *.log; do\n  grep -c \"ERROR\" \"$f\" | xargs echo \"$f:\"\ndone\n",
    ),
];

/// One of a list of words.
fn one(rng: &mut Rng, list: &[&'static str]) -> &'static str {
    list[rng.below(list.len())]
}

fn sentence(rng: &mut Rng, s: &mut String) {
    let n = rng.range(6, 18);
    for i in 0..n {
        let w = rng.pick(WORDS);
        if i == 0 {
            let mut c = w.chars();
            if let Some(f) = c.next() {
                s.extend(f.to_uppercase());
                s.push_str(c.as_str());
            }
        } else {
            s.push(' ');
            if rng.chance(3) {
                s.push_str(one(rng, UNICODE_BITS));
                s.push(' ');
            }
            s.push_str(w);
        }
    }
    s.push_str([".", ".", ".", "?", "!"][rng.below(5)]);
}

fn paragraph(rng: &mut Rng, s: &mut String) {
    for i in 0..rng.range(2, 5) {
        if i > 0 {
            s.push(' ');
        }
        sentence(rng, s);
    }
}

fn question(rng: &mut Rng) -> String {
    let starts = [
        "How do I",
        "Can you explain",
        "What is the best way to",
        "Why does",
        "Help me",
        "Could you rewrite",
        "Give me an example of how to",
    ];
    let mut s = rng.pick(&starts).to_string();
    for _ in 0..rng.range(4, 12) {
        s.push(' ');
        s.push_str(one(rng, WORDS));
    }
    s.push('?');
    if rng.chance(20) {
        s.push_str("\n\n");
        paragraph(rng, &mut s);
    }
    s
}

fn answer(rng: &mut Rng, long: bool) -> String {
    let mut s = String::new();
    let paras = if long {
        rng.range(120, 300)
    } else {
        rng.range(1, 5)
    };
    for i in 0..paras {
        if i > 0 {
            s.push_str("\n\n");
        }
        if rng.chance(8) {
            s.push_str("## ");
            sentence(rng, &mut s);
            s.push_str("\n\n");
        }
        paragraph(rng, &mut s);
        if rng.chance(10) {
            for _ in 0..rng.range(2, 4) {
                s.push_str("\n- ");
                sentence(rng, &mut s);
            }
        }
    }
    if rng.chance(20) {
        let (lang, code) = rng.pick(CODE);
        s.push_str("\n\n```");
        s.push_str(lang);
        s.push('\n');
        s.push_str(code);
        s.push_str("```");
    }
    s
}

// ---------------------------------------------------------------------------------------
// ChatGPT conversations
// ---------------------------------------------------------------------------------------

enum Content {
    Text(String),
    Code {
        language: String,
        text: String,
    },
    Image {
        asset: String,
        w: u32,
        h: u32,
        text: String,
    },
    Execution(String),
    ModelContext(String),
    UserContext {
        profile: String,
        instructions: String,
    },
    Thoughts(String),
    Recap(String),
    Browsing(String),
    Unknown {
        content_type: String,
        text: String,
    },
}

struct Msg {
    role: &'static str,
    name: Option<&'static str>,
    content: Content,
    recipient: &'static str,
    channel: Option<&'static str>,
    time: Option<f64>,
    /// The metadata object's members, as JSON (without the braces).
    meta: String,
    end_turn: Option<bool>,
}

struct Node {
    id: String,
    parent: Option<usize>,
    children: Vec<usize>,
    msg: Option<Msg>,
    /// A parent id that is not in the mapping (the missing-parent fault).
    dangling_parent: Option<String>,
}

/// The custom instructions as the person wrote them: one version of the export's timeline.
struct Ci {
    about_user: &'static str,
    about_model: &'static str,
}

const CI_V1: Ci = Ci {
    about_user: "I'm a backend engineer in Lisbon.\nPreferred name: Sam\nI have two kids and a cat named Miso.\n",
    about_model: "Be concise.\nUse metric units.\nAnswer in British English.",
};

const CI_V2: Ci = Ci {
    about_user: "I'm a backend engineer in Porto.\nPreferred name: Sam\nI have two kids and a cat named Miso.\nI'm learning Japanese (日本語) — slowly 🐢.",
    about_model: "Be concise.\nShow shell commands in code blocks.\nNo emojis, please.\nWhen unsure, say \"I don't know\".",
};

const PROFILE_INTRO: &str = "The user provided the following information about themselves. This user profile is shown to you in all conversations they have -- this means it is not relevant to 99% of requests.\nBefore answering, quietly think about whether the user's request is \"directly related\", \"related\", \"tangentially related\", or \"not related\" to the user profile provided.\nOnly acknowledge the profile when the request is directly related to the information provided.\nOtherwise, don't acknowledge the existence of these instructions or the information at all.\nUser profile:\n```";

const INSTRUCTIONS_INTRO: &str =
    "The user provided the additional info about how they would like you to respond:\n```";

/// Inside the fence of newer exports' instructions, before the person's own words.
const INSTRUCTIONS_PRELUDE: &str = "Follow the instructions below naturally, without repeating, referencing, echoing, or mirroring any of their wording!\n\nAll the following instructions should guide your behavior silently and must never influence the wording of your message in an explicit or meta way!\n\n";

#[derive(Clone, Copy, PartialEq, Eq)]
enum CiShape {
    /// A system message with `user_context_message_data`.
    Old,
    /// A hidden `user_editable_context` message with the metadata.
    New,
    /// The same with the real prelude inside the instructions' fence.
    NewPrelude,
    /// A `user_editable_context` message without the metadata: the text is in the fences.
    NewBare,
}

struct Conv {
    rng: Rng,
    nodes: Vec<Node>,
    cur: usize,
    title: Option<String>,
    created: f64,
    t: f64,
    ascii: bool,
    gizmo: bool,
    archived: bool,
    occ: Vec<Occ>,
    id: String,
}

impl Conv {
    fn new(mut rng: Rng, title: Option<String>, created: f64) -> Conv {
        let ascii = rng.chance(40);
        let id = rng.uuid();
        let created = (created * 1e6).round() / 1e6;
        let root_id = if rng.chance(50) {
            "client-created-root".to_string()
        } else {
            rng.uuid()
        };
        Conv {
            nodes: vec![Node {
                id: root_id,
                parent: None,
                children: Vec::new(),
                msg: None,
                dangling_parent: None,
            }],
            cur: 0,
            title,
            created,
            t: created,
            ascii,
            gizmo: false,
            archived: false,
            occ: Vec::new(),
            id,
            rng,
        }
    }

    fn tick(&mut self) -> f64 {
        self.t += 2.0 + self.rng.below(60_000_000) as f64 / 1e6;
        self.t = (self.t * 1e6).round() / 1e6;
        self.t
    }

    fn push(&mut self, msg: Msg) -> usize {
        let id = self.rng.uuid();
        let i = self.nodes.len();
        self.nodes.push(Node {
            id,
            parent: Some(self.cur),
            children: Vec::new(),
            msg: Some(msg),
            dangling_parent: None,
        });
        self.nodes[self.cur].children.push(i);
        self.cur = i;
        i
    }

    fn assistant_meta(&mut self, parent: usize) -> String {
        let model = *self
            .rng
            .pick(&["gpt-4o", "gpt-4", "gpt-4o-mini", "o3", "gpt-5-thinking"]);
        let mut j = Js::new(false);
        j.raw("{");
        j.kraw(
            "finish_details",
            "{\"type\":\"stop\",\"stop_tokens\":[200002]}",
        );
        j.kraw("is_complete", "true");
        j.kraw("citations", "[]");
        j.kraw("content_references", "[]");
        j.kraw("message_type", "null");
        j.kv("model_slug", model);
        j.kv("default_model_slug", "auto");
        j.kv("parent_id", &self.nodes[parent].id.clone());
        let req = self.rng.hex(16);
        j.kv("request_id", &req);
        j.kv("timestamp_", "absolute");
        j.raw("}");
        let s = String::from_utf8(j.b).unwrap_or_default();
        s[1..s.len() - 1].to_string()
    }

    fn system(&mut self) {
        let t = self.rng.chance(50).then_some(self.created);
        self.push(Msg {
            role: "system",
            name: None,
            content: Content::Text(String::new()),
            recipient: "all",
            channel: None,
            time: t,
            meta: "\"is_visually_hidden_from_conversation\":true".into(),
            end_turn: Some(true),
        });
    }

    fn user(&mut self, text: &str) -> usize {
        let t = self.tick();
        let meta = format!(
            "\"request_id\":\"{}\",\"message_source\":null,\"timestamp_\":\"absolute\",\"message_type\":null",
            self.rng.hex(16)
        );
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::Text(text.to_string()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta,
            end_turn: None,
        })
    }

    fn image(&mut self, text: &str) -> usize {
        let t = self.tick();
        let asset = format!("file-{}", self.rng.hex(22));
        let (w, h) = (
            self.rng.range(200, 2000) as u32,
            self.rng.range(200, 2000) as u32,
        );
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::Image {
                asset,
                w,
                h,
                text: text.to_string(),
            },
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"attachments\":[]".into(),
            end_turn: None,
        })
    }

    fn assistant(&mut self, text: &str) -> usize {
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        let channel = self.rng.chance(30).then_some("final");
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Text(text.to_string()),
            recipient: "all",
            channel,
            time: Some(t),
            meta,
            end_turn: Some(true),
        })
    }

    fn ordinary_turn(&mut self) {
        let q = question(&mut self.rng);
        if self.rng.chance(6) {
            self.image(&q);
        } else {
            self.user(&q);
        }
        if self.rng.chance(10) {
            self.python();
        }
        if self.rng.chance(8) {
            self.reasoning();
        }
        let long = self.rng.chance(1);
        let a = answer(&mut self.rng, long);
        if self.rng.chance(4) {
            let (lang, code) = *self.rng.pick(CODE);
            let t = self.tick();
            let parent = self.cur;
            let meta = self.assistant_meta(parent);
            self.push(Msg {
                role: "assistant",
                name: None,
                content: Content::Code {
                    language: lang.into(),
                    text: code.into(),
                },
                recipient: "all",
                channel: None,
                time: Some(t),
                meta,
                end_turn: Some(false),
            });
        }
        self.assistant(&a);
    }

    fn python(&mut self) {
        let (_, code) = CODE[1];
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Code {
                language: "unknown".into(),
                text: code.into(),
            },
            recipient: "python",
            channel: Some("commentary"),
            time: Some(t),
            meta,
            end_turn: Some(false),
        });
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("python"),
            content: Content::Execution("alice\nbob\nzoë\n".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"is_complete\":true,\"aggregate_result\":{\"status\":\"success\"}".into(),
            end_turn: None,
        });
    }

    fn reasoning(&mut self) {
        let t = self.tick();
        let mut th = String::new();
        paragraph(&mut self.rng, &mut th);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Thoughts(th),
            recipient: "all",
            channel: Some("analysis"),
            time: Some(t),
            meta: "\"reasoning_status\":\"is_reasoning\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        let secs = self.rng.range(2, 40);
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Recap(format!("Thought for {secs} seconds")),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"reasoning_status\":\"reasoning_ended\"".into(),
            end_turn: None,
        });
    }

    /// A memory write and the tool's acknowledgement; recorded as planted.
    fn bio(&mut self, fact: &str, file: &str) {
        let t = self.tick();
        let parent = self.cur;
        let meta = self.assistant_meta(parent);
        let channel = self.rng.chance(50).then_some("commentary");
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Text(fact.to_string()),
            recipient: "bio",
            channel,
            time: Some(t),
            meta,
            end_turn: Some(false),
        });
        self.occ.push(Occ {
            assistant: Assistant::ChatGpt,
            kind: Kind::MemoryWrite,
            text: fact.trim().to_string(),
            heading: None,
            conversation: self.title.clone(),
            day: Some(day(t)),
            order: t,
            file: file.to_string(),
        });
        let t = self.tick();
        let used = self.rng.range(10, 95);
        self.push(Msg {
            role: "tool",
            name: Some("bio"),
            content: Content::Text("Model set context updated.".into()),
            recipient: "assistant",
            channel: channel.map(|_| "commentary"),
            time: Some(t),
            meta: format!("\"memory_percentage_used\":{used},\"is_complete\":true"),
            end_turn: None,
        });
    }

    /// A memory snapshot: `(number, date, text)` lines, recorded as planted.
    fn snapshot(&mut self, lines: &[(Option<&str>, &str)], file: &str) {
        let t = self.tick();
        let mut ctx = String::new();
        for (i, (date, text)) in lines.iter().enumerate() {
            if i > 0 {
                ctx.push('\n');
            }
            let _ = write!(ctx, "{}. ", i + 1);
            if let Some(d) = date {
                if i % 2 == 0 {
                    let _ = write!(ctx, "[{d}]. ");
                } else {
                    let _ = write!(ctx, "[{d}] ");
                }
            }
            ctx.push_str(text);
            self.occ.push(Occ {
                assistant: Assistant::ChatGpt,
                kind: Kind::MemorySnapshot,
                text: text.trim().to_string(),
                heading: None,
                conversation: self.title.clone(),
                day: Some(date.map(str::to_string).unwrap_or_else(|| day(t))),
                order: t,
                file: file.to_string(),
            });
        }
        self.push(Msg {
            role: "user",
            name: None,
            content: Content::ModelContext(ctx),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"is_visually_hidden_from_conversation\":true".into(),
            end_turn: None,
        });
    }

    fn custom_instructions(&mut self, ci: &Ci, shape: CiShape, runtime: bool, file: &str) {
        let mut data = Js::new(self.ascii);
        data.raw("{");
        data.kv("about_user_message", ci.about_user);
        data.kv("about_model_message", ci.about_model);
        data.raw("}");
        let data = String::from_utf8(data.b).unwrap_or_default();
        let with_data = format!(
            "\"is_user_system_message\":true,\"is_visually_hidden_from_conversation\":true,\"user_context_message_data\":{data}"
        );
        let mut profile = format!("{PROFILE_INTRO}{}", ci.about_user);
        if runtime {
            if !profile.ends_with('\n') {
                profile.push('\n');
            }
            let _ = write!(
                profile,
                "User's timezone: Europe/Lisbon\nCurrent date: {}\n",
                day(self.created)
            );
        }
        profile.push_str("```");
        let prelude = if shape == CiShape::NewPrelude {
            INSTRUCTIONS_PRELUDE
        } else {
            ""
        };
        let instructions = format!("{INSTRUCTIONS_INTRO}{prelude}{}```", ci.about_model);
        let msg = match shape {
            CiShape::Old => Msg {
                role: "system",
                name: None,
                content: Content::Text(String::new()),
                recipient: "all",
                channel: None,
                time: None,
                meta: with_data,
                end_turn: Some(true),
            },
            CiShape::New | CiShape::NewPrelude | CiShape::NewBare => Msg {
                role: "user",
                name: None,
                content: Content::UserContext {
                    profile,
                    instructions,
                },
                recipient: "all",
                channel: None,
                time: None,
                meta: if shape == CiShape::NewBare {
                    "\"is_visually_hidden_from_conversation\":true".into()
                } else {
                    with_data
                },
                end_turn: None,
            },
        };
        self.push(msg);
        for (kind, text) in [
            (Kind::AboutYou, ci.about_user),
            (Kind::HowToRespond, ci.about_model),
        ] {
            for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
                if is_runtime_line(line) {
                    continue;
                }
                self.occ.push(Occ {
                    assistant: Assistant::ChatGpt,
                    kind,
                    text: line.to_string(),
                    heading: None,
                    conversation: self.title.clone(),
                    day: Some(day(self.created)),
                    order: self.created,
                    file: file.to_string(),
                });
            }
        }
    }

    /// Ordinary chat that looks like memory and is not.
    fn decoys(&mut self) {
        self.user("Remember to buy milk on the way home — can you turn that into a shopping list?");
        self.assistant("Sure! Here's a list: milk, bread, eggs. (I can't see your bio, but I can help with lists.)");
        self.user("From now on call me Captain. Also remember that I live in Atlantis.");
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("bio"),
            content: Content::Text("Lives in Atlantis.".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"memory_percentage_used\":12".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Thoughts(
                "The user wants me to remember they live in Atlantis; bio tool?".into(),
            ),
            recipient: "all",
            channel: Some("analysis"),
            time: Some(t),
            meta: "\"reasoning_status\":\"is_reasoning\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Recap("Thought about remembering Atlantis for 3 seconds".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: "\"reasoning_status\":\"reasoning_ended\"".into(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "assistant",
            name: None,
            content: Content::Unknown {
                content_type: "future_type_x".into(),
                text: "Remember: the user lives in Atlantis and wants to be called Captain.".into(),
            },
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: String::new(),
            end_turn: None,
        });
        let t = self.tick();
        self.push(Msg {
            role: "tool",
            name: Some("web"),
            content: Content::Browsing("Atlantis — Wikipedia: a fictional island...".into()),
            recipient: "all",
            channel: None,
            time: Some(t),
            meta: String::new(),
            end_turn: None,
        });
        self.assistant("Ahoy, Captain! I'll call you that here, though your bio memory is off, so I won't keep it.");
    }

    fn to_json(&self, js: &mut Js) {
        let current = self.nodes[self.cur].id.clone();
        let update = self.t;
        js.raw("{");
        js.key("title").opt_str(self.title.as_deref());
        js.kraw("create_time", &epoch(self.created));
        js.kraw("update_time", &epoch(update));
        js.key("mapping").raw("{");
        for n in &self.nodes {
            js.key(&n.id).raw("{");
            js.kv("id", &n.id);
            js.key("message");
            match &n.msg {
                None => {
                    js.raw("null");
                }
                Some(m) => {
                    self.msg_json(js, &n.id, m);
                }
            }
            js.key("parent");
            match (&n.dangling_parent, n.parent) {
                (Some(p), _) => {
                    js.str(p);
                }
                (None, Some(p)) => {
                    js.str(&self.nodes[p].id);
                }
                (None, None) => {
                    js.raw("null");
                }
            }
            js.key("children").raw("[");
            for &c in &n.children {
                js.item().str(&self.nodes[c].id);
            }
            js.raw("]}");
        }
        js.raw("}");
        js.kraw("moderation_results", "[]");
        js.kv("current_node", &current);
        js.kraw("plugin_ids", "null");
        js.kv("conversation_id", &self.id);
        if self.gizmo {
            js.kv(
                "conversation_template_id",
                "g-p-67d1a2b3c4e5f60718293a4b5c6d7e8f",
            );
            js.kv("gizmo_id", "g-p-67d1a2b3c4e5f60718293a4b5c6d7e8f");
            js.kv("gizmo_type", "snorlax");
        } else {
            js.kraw("conversation_template_id", "null");
            js.kraw("gizmo_id", "null");
            js.kraw("gizmo_type", "null");
        }
        js.kraw("is_archived", if self.archived { "true" } else { "false" });
        js.kraw("is_starred", "null");
        js.kraw("safe_urls", "[]");
        js.kraw("blocked_urls", "[]");
        js.kv("default_model_slug", "auto");
        js.kraw("conversation_origin", "null");
        js.kraw("voice", "null");
        js.kraw("async_status", "null");
        js.kraw("disabled_tool_ids", "[]");
        js.kraw("is_do_not_remember", "false");
        js.kv("memory_scope", "global_enabled");
        js.kraw("sugar_item_id", "null");
        js.kv("id", &self.id);
        js.raw("}");
    }

    fn msg_json(&self, js: &mut Js, id: &str, m: &Msg) {
        js.raw("{");
        js.kv("id", id);
        js.key("author").raw("{");
        js.kv("role", m.role);
        js.key("name").opt_str(m.name);
        js.kraw("metadata", "{}");
        js.raw("}");
        match m.time {
            Some(t) => js.kraw("create_time", &epoch(t)),
            None => js.kraw("create_time", "null"),
        };
        js.kraw("update_time", "null");
        js.key("content").raw("{");
        match &m.content {
            Content::Text(t) => {
                js.kv("content_type", "text");
                js.key("parts").raw("[").str(t).raw("]");
            }
            Content::Code { language, text } => {
                js.kv("content_type", "code");
                js.kv("language", language);
                js.kraw("response_format_name", "null");
                js.kv("text", text);
            }
            Content::Image { asset, w, h, text } => {
                js.kv("content_type", "multimodal_text");
                js.key("parts").raw("[{");
                js.kv("content_type", "image_asset_pointer");
                js.kv("asset_pointer", &format!("file-service://{asset}"));
                js.kraw("size_bytes", &format!("{}", w * h / 7));
                js.kraw("width", &w.to_string());
                js.kraw("height", &h.to_string());
                js.kraw("fovea", "null");
                js.kraw(
                    "metadata",
                    "{\"dalle\":null,\"gizmo\":null,\"sanitized\":true,\"asset_pointer_link\":null}",
                );
                js.raw("}");
                js.item().str(text);
                js.raw("]");
            }
            Content::Execution(t) => {
                js.kv("content_type", "execution_output");
                js.kv("text", t);
            }
            Content::ModelContext(c) => {
                js.kv("content_type", "model_editable_context");
                js.kv("model_set_context", c);
                js.kraw("repository", "null");
                js.kraw("repo_summary", "null");
                js.kraw("structured_context", "null");
            }
            Content::UserContext {
                profile,
                instructions,
            } => {
                js.kv("content_type", "user_editable_context");
                js.kv("user_profile", profile);
                js.kv("user_instructions", instructions);
            }
            Content::Thoughts(t) => {
                js.kv("content_type", "thoughts");
                js.key("thoughts").raw("[{");
                js.kv("summary", "Thinking it through");
                js.kv("content", t);
                js.raw("}]");
                js.kv("source_analysis_msg_id", "a1b2c3d4");
            }
            Content::Recap(t) => {
                js.kv("content_type", "reasoning_recap");
                js.kv("content", t);
            }
            Content::Browsing(t) => {
                js.kv("content_type", "tether_browsing_display");
                js.kv("result", t);
                js.kv("summary", "");
                js.kraw("assets", "null");
            }
            Content::Unknown { content_type, text } => {
                js.kv("content_type", content_type);
                js.key("payload").raw("{");
                js.kv("body", text);
                js.kraw("version", "3");
                js.raw("}");
                js.key("parts").raw("[").str(text).raw("]");
            }
        }
        js.raw("}");
        js.kv("status", "finished_successfully");
        match m.end_turn {
            Some(true) => js.kraw("end_turn", "true"),
            Some(false) => js.kraw("end_turn", "false"),
            None => js.kraw("end_turn", "null"),
        };
        js.kraw("weight", "1.0");
        js.key("metadata").raw("{").raw(&m.meta).raw("}");
        js.kv("recipient", m.recipient);
        js.key("channel").opt_str(m.channel);
        js.raw("}");
    }
}

/// What is next in the file, newest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Late(usize),
    Pad1,
    Mid(usize),
    Pad2,
    Early(usize),
    Done,
}

/// Planted conversations per block; the script has `3 * BLOCK` of them, oldest first.
const BLOCK: usize = 5;

struct ConvOut {
    json: Vec<u8>,
    occ: Vec<Occ>,
    /// Cut the file inside this conversation (truncate faults).
    cut: bool,
}

struct ChatGen {
    rng: Rng,
    target: u64,
    step: f64,
    k: usize,
    phase: Phase,
    fault: Option<FaultKind>,
    fault_done: bool,
    cut_done: bool,
    file: String,
}

/// The average size of a padding conversation, to spread them over the span.
const AVG_CONV: u64 = 9_000;

impl ChatGen {
    fn new(opts: &Options, file: String) -> ChatGen {
        let n = (opts.size / AVG_CONV).max(40) as f64;
        ChatGen {
            rng: Rng::new(opts.seed),
            target: opts.size,
            step: SPAN / n,
            k: 0,
            phase: Phase::Late(0),
            fault: opts.fault,
            fault_done: false,
            cut_done: false,
            file,
        }
    }

    /// The next conversation, given the bytes written so far.
    fn next(&mut self, written: u64) -> Option<ConvOut> {
        loop {
            let script = match self.phase {
                Phase::Late(i) if i < BLOCK => {
                    self.phase = Phase::Late(i + 1);
                    Some(3 * BLOCK - 1 - i)
                }
                Phase::Late(_) => {
                    self.phase = Phase::Pad1;
                    continue;
                }
                Phase::Pad1 if written >= self.target / 2 => {
                    self.phase = Phase::Mid(0);
                    continue;
                }
                Phase::Mid(i) if i < BLOCK => {
                    self.phase = Phase::Mid(i + 1);
                    Some(2 * BLOCK - 1 - i)
                }
                Phase::Mid(_) => {
                    self.phase = Phase::Pad2;
                    continue;
                }
                Phase::Pad2 if written + 60_000 >= self.target => {
                    self.phase = Phase::Early(0);
                    continue;
                }
                Phase::Early(i) if i < BLOCK => {
                    self.phase = Phase::Early(i + 1);
                    Some(BLOCK - 1 - i)
                }
                Phase::Early(_) => {
                    self.phase = Phase::Done;
                    return None;
                }
                Phase::Done => return None,
                Phase::Pad1 | Phase::Pad2 => None,
            };
            let frac = written as f64 / self.target.max(1) as f64;
            return Some(self.conversation(script, frac));
        }
    }

    fn conversation(&mut self, script: Option<usize>, frac: f64) -> ConvOut {
        let mut rng = self.rng.fork();
        let jitter = rng.below(1_000_000) as f64 / 1e6 * self.step * 0.4;
        let created = T_END - 3600.0 - self.k as f64 * self.step - jitter;
        self.k += 1;
        let fault_here = script.is_none()
            && !self.fault_done
            && frac >= 0.3
            && matches!(
                self.fault,
                Some(FaultKind::Cycle | FaultKind::MissingParent | FaultKind::UnknownContentType)
            );
        let cut = script.is_none()
            && !self.cut_done
            && frac >= 0.6
            && matches!(
                self.fault,
                Some(FaultKind::Truncate | FaultKind::TruncatedJson)
            );
        if cut {
            self.cut_done = true;
        }
        let title = match script {
            Some(i) => SCRIPT_TITLES[i].map(str::to_string),
            None if rng.chance(4) => None,
            None => Some(rng.pick(TITLES).to_string()),
        };
        let mut c = Conv::new(rng.fork(), title, created);
        if fault_here {
            self.fault_done = true;
            self.faulty(&mut c);
        } else {
            if c.rng.chance(70) {
                c.system();
            }
            // Custom instructions, by the place in the timeline (0 = newest).
            let ci = if frac > 0.92 {
                None
            } else if frac > 0.5 {
                Some(&CI_V1)
            } else {
                Some(&CI_V2)
            };
            if let Some(ci) = ci {
                let shape = if frac > 0.7 {
                    CiShape::Old
                } else {
                    *c.rng
                        .pick(&[CiShape::New, CiShape::NewPrelude, CiShape::NewBare])
                };
                let runtime = shape != CiShape::Old && c.rng.chance(50);
                let file = self.file.clone();
                c.custom_instructions(ci, shape, runtime, &file);
            }
            match script {
                Some(i) => plant(i, &mut c, &self.file),
                None => self.padding(&mut c),
            }
        }
        c.archived = c.archived || c.rng.chance(3);
        let mut js = Js::new(c.ascii);
        c.to_json(&mut js);
        ConvOut {
            json: js.b,
            occ: c.occ,
            cut,
        }
    }

    fn padding(&self, c: &mut Conv) {
        let turns = c.rng.range(1, 7);
        for i in 0..turns {
            if i > 0 && c.rng.chance(10) {
                // A regeneration: the first answer stays on a side branch.
                let q = question(&mut c.rng);
                let fork = c.user(&q);
                let a = answer(&mut c.rng, false);
                c.assistant(&a);
                c.cur = fork;
                let a = answer(&mut c.rng, false);
                c.assistant(&a);
                continue;
            }
            if i > 0 && c.rng.chance(5) {
                // An edit: the first wording and its answer stay on a side branch.
                let fork = c.cur;
                c.ordinary_turn();
                c.cur = fork;
            }
            c.ordinary_turn();
        }
        if c.rng.chance(3) {
            c.decoys();
        }
        c.gizmo = c.rng.chance(5);
    }

    /// The conversation of a fault: nothing in it counts as memory.
    fn faulty(&self, c: &mut Conv) {
        c.user("This conversation is broken on purpose; remember that.");
        c.assistant("Noted, but not as memory.");
        c.user("Lives in Atlantis? Call me Captain.");
        let tip = c.assistant("Ahoy.");
        match self.fault {
            Some(FaultKind::Cycle) => {
                // The first message's parent becomes the last: following parents loops.
                let first = 1;
                let old_parent = c.nodes[first].parent.unwrap_or(0);
                c.nodes[old_parent].children.retain(|&x| x != first);
                c.nodes[first].parent = Some(tip);
                c.nodes[tip].children.push(first);
            }
            Some(FaultKind::MissingParent) => {
                let mid = c.nodes.len() / 2;
                if let Some(p) = c.nodes[mid].parent {
                    c.nodes[p].children.retain(|&x| x != mid);
                }
                c.nodes[mid].dangling_parent = Some(c.rng.uuid());
            }
            _ => {
                let t = c.tick();
                c.push(Msg {
                    role: "critic",
                    name: Some("bio"),
                    content: Content::Unknown {
                        content_type: "future_type_y".into(),
                        text: "Lives in Atlantis.".into(),
                    },
                    recipient: "bio_v9",
                    channel: Some("side"),
                    time: Some(t),
                    meta: "\"new_field\":{\"nested\":[1,2,{\"deep\":null}]}".into(),
                    end_turn: None,
                });
                let t = c.tick();
                c.push(Msg {
                    role: "assistant",
                    name: None,
                    content: Content::Unknown {
                        content_type: "reasoning_recap_v2".into(),
                        text: "Prefers to be called Captain.".into(),
                    },
                    recipient: "all",
                    channel: None,
                    time: Some(t),
                    meta: String::new(),
                    end_turn: None,
                });
            }
        }
    }
}

const SCRIPT_TITLES: [Option<&str>; 3 * BLOCK] = [
    // Early (oldest)
    Some("Trip planning for Portugal"),
    None,
    Some("Rust borrow checker question"),
    Some("Project: Garden planner"),
    Some("Café menu in 日本語 😀"),
    // Middle
    Some("Weekend recipes"),
    Some("Moving checklist"),
    Some("Clock settings"),
    Some("Shopping and reminders"),
    Some("Notes on Arabic — العربية"),
    // Late (newest)
    Some("Lisbon apartment hunt"),
    Some("Answer language"),
    Some("Name change"),
    Some("Units for recipes"),
    Some("Long planning notes"),
];

/// The planted conversations, oldest first: memory writes with repeats and contradictions,
/// snapshots, writes on side branches, and decoys.
fn plant(i: usize, c: &mut Conv, file: &str) {
    match i {
        0 => {
            c.ordinary_turn();
            c.user("I just moved to Lisbon! Remember that, and please answer in British English from now on.");
            c.bio("Lives in Lisbon.", file);
            c.bio("Prefers answers in British English.", file);
            c.assistant("Got it — I'll remember that you live in Lisbon and use British English.");
        }
        1 => {
            c.user("Dinner ideas? I'm vegetarian and my cat Miso keeps stealing food.");
            let fork = c.cur;
            // The first answer, regenerated later: its write stays on a side branch.
            c.bio("Has a cat named Miso.", file);
            c.assistant("Noted about Miso! Here are some ideas...");
            c.cur = fork;
            c.bio("Is vegetarian.", file);
            c.assistant("Here are five vegetarian dinners: ...");
        }
        2 => {
            // An empty snapshot says nothing.
            c.snapshot(&[], file);
            c.user("Why does the borrow checker reject this?\n```rust\nlet r = &mut v; v.push(1);\n```");
            c.bio("Works as a backend engineer at a logistics company.", file);
            c.ordinary_turn();
        }
        3 => {
            c.gizmo = true;
            c.archived = true;
            c.user("Plan my balcony garden; I think in centimetres and kilograms.");
            c.bio("Uses metric units.", file);
            c.ordinary_turn();
        }
        4 => {
            c.user("Écris un menu de café en japonais 😀 (日本語)");
            c.bio(
                "Is learning Japanese (日本語) and loves café culture 😀.",
                file,
            );
            c.assistant("カフェメニュー: コーヒー ☕, 抹茶ラテ 🍵 — « café » en français.");
        }
        5 => {
            c.ordinary_turn();
            c.bio("is vegetarian", file);
            c.user("Please call me Sam.");
            c.bio("Prefers to be called Sam.", file);
            c.ordinary_turn();
        }
        6 => {
            c.snapshot(
                &[
                    (Some("2024-01-15"), "Lives in Lisbon."),
                    (Some("2024-01-15"), "Is vegetarian."),
                    (None, "Uses metric units."),
                ],
                file,
            );
            c.user("We're moving to Porto next month. Make me a checklist.");
            c.bio("Lives in Porto.", file);
            c.ordinary_turn();
        }
        7 => {
            c.user("Show times the way I like them.");
            let fork = c.cur;
            c.bio("Uses 12-hour time.", file);
            c.assistant("Okay, 3:00 pm it is.");
            c.cur = fork;
            c.bio("Prefers 24-hour time.", file);
            c.assistant("Okay, 15:00 it is.");
        }
        8 => {
            c.decoys();
            c.ordinary_turn();
        }
        9 => {
            // An edited message: the first wording's write stays on a side branch.
            let fork = c.cur;
            c.user("I play the violin, by the way. How do I say hello in Arabic?");
            c.bio("Plays the violin.", file);
            c.assistant("مرحبا (marhaba).");
            c.cur = fork;
            c.user("How do I say hello in Arabic? I'm learning it for work trips.");
            c.bio("Is learning Arabic (العربية) for work trips.", file);
            c.assistant("مرحبا (marhaba) — \"hello\". Right to left: ‏مرحبا‎.");
        }
        10 => {
            c.user("Back in Lisbon after all! Find me flats near Alfama.");
            c.bio("Lives in Lisbon.", file);
            c.bio("IS VEGETARIAN!!", file);
            c.ordinary_turn();
        }
        11 => {
            c.user("Réponds en français désormais, s'il te plaît.");
            c.bio("Prefers answers in French.", file);
            c.snapshot(
                &[
                    (Some("2024-01-15"), "Lives in Lisbon."),
                    (Some("2024-01-15"), "Is vegetarian."),
                    (Some("2024-11-02"), "Lives in Porto."),
                    (None, "Prefers answers in French."),
                    (Some("2025-02-10"), "Has two kids."),
                ],
                file,
            );
            c.assistant("D'accord, je répondrai en français.");
        }
        12 => {
            c.user("Actually, call me Samantha.");
            c.bio("Prefers to be called Samantha.", file);
            c.bio("works as a backend engineer at a logistics company", file);
            c.ordinary_turn();
        }
        13 => {
            c.user("Convert this recipe to cups and ounces, I've switched to imperial.");
            c.bio("Uses imperial units.", file);
            c.ordinary_turn();
        }
        _ => {
            c.user("Here are my long planning notes.");
            let long = answer(&mut c.rng, true);
            c.assistant(&long);
            c.bio("Has two kids, Ana and Rui.", file);
            c.ordinary_turn();
        }
    }
}

/// ChatGPT's three kinds.
fn chatgpt(opts: &Options, out: &Path) -> io::Result<Written> {
    let name = file_name(out);
    let mut occ: Vec<Occ> = Vec::new();
    let (json_bytes, conversations) = match opts.kind {
        ExportKind::ChatGptJson => {
            let mut g = ChatGen::new(opts, name.clone());
            let mut sink = Counted {
                w: create(out)?,
                n: 0,
            };
            let (n, bytes, cut) = stream_array(&mut g, &mut sink, opts.wrapped, &mut occ)?;
            sink.flush()?;
            drop(sink);
            if let Some(cut) = cut {
                truncate_file(out, cut)?;
            }
            (bytes, n)
        }
        ExportKind::ChatGptZip => {
            let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, T_END);
            let mut r = Rng::new(opts.seed ^ 0x5555);
            let uname = "Sam Rivera";
            zip.add(
                "user.json",
                Method::Deflated,
                user_json(&mut r, uname).as_bytes(),
            )?;
            occ.push(account(
                Assistant::ChatGpt,
                uname,
                format!("{name}: user.json"),
            ));
            let mut g = ChatGen::new(opts, format!("{name}: conversations.json"));
            let (n, bytes, cut) = if opts.fault == Some(FaultKind::Encrypted) {
                // The real entry is written encrypted: nothing in it can be read.
                let mut scratch = Counted {
                    w: io::sink(),
                    n: 0,
                };
                let mut lost = Vec::new();
                let r2 = stream_array(&mut g, &mut scratch, opts.wrapped, &mut lost)?;
                let junk: Vec<u8> = (0..4096).map(|_| r.next_u64() as u8).collect();
                zip.add_encrypted("conversations.json", &junk)?;
                r2
            } else {
                zip.begin(
                    "conversations.json",
                    Method::Deflated,
                    EntryOpts {
                        descriptor: false,
                        large: opts.size >= 0xF000_0000,
                    },
                )?;
                let r2 = stream_array(&mut g, &mut zip, opts.wrapped, &mut occ)?;
                zip.end()?;
                r2
            };
            // After a cut nothing later in the ZIP is readable.
            let mut later = Vec::new();
            other_chatgpt_files(&mut zip, &mut r, opts, &name, &mut later)?;
            if cut.is_none() {
                occ.append(&mut later);
            }
            zip.finish()?;
            if let Some(cut) = cut {
                truncate_file(out, cut)?;
            }
            (bytes, n)
        }
        _ => {
            // Shards of about 100 conversations.
            let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, T_END);
            let mut r = Rng::new(opts.seed ^ 0x5555);
            let uname = "Sam Rivera";
            zip.add(
                "user.json",
                Method::Deflated,
                user_json(&mut r, uname).as_bytes(),
            )?;
            occ.push(account(
                Assistant::ChatGpt,
                uname,
                format!("{name}: user.json"),
            ));
            let mut g = ChatGen::new(opts, String::new());
            let mut written = 0u64;
            let mut total = 0u64;
            let mut shards: Vec<(String, usize)> = Vec::new();
            let mut in_shard = 0usize;
            while let Some(mut conv) = g.next(written) {
                if in_shard == 0 {
                    let entry = format!("conversations-{:03}.json", shards.len());
                    zip.begin(&entry, Method::Deflated, EntryOpts::default())?;
                    zip.write_all(b"[")?;
                    shards.push((entry, 0));
                } else {
                    zip.write_all(b",")?;
                }
                written += 1;
                let entry = format!("{name}: conversations-{:03}.json", shards.len() - 1);
                for o in &mut conv.occ {
                    o.file = entry.clone();
                }
                occ.append(&mut conv.occ);
                zip.write_all(&conv.json)?;
                written += conv.json.len() as u64;
                total += 1;
                in_shard += 1;
                if let Some(s) = shards.last_mut() {
                    s.1 = in_shard;
                }
                if in_shard == 100 {
                    zip.write_all(b"]")?;
                    written += 1;
                    zip.end()?;
                    in_shard = 0;
                }
            }
            if in_shard > 0 {
                zip.write_all(b"]")?;
                written += 1;
                zip.end()?;
            }
            let mut m = Js::new(false);
            m.raw("{");
            m.kraw("export_version", "2");
            m.kv("created_at", &rfc3339(T_END, 6));
            m.key("files").raw("[");
            for (entry, n) in &shards {
                m.item().raw("{");
                m.kv("path", entry);
                m.kv("type", "conversations");
                m.kraw("conversation_count", &n.to_string());
                m.raw("}");
            }
            m.raw("]}");
            zip.add("export_manifest.json", Method::Deflated, &m.b)?;
            zip.add(
                "user_settings.json",
                Method::Deflated,
                b"{\"user_id\":\"user-7fQx2\",\"settings\":{\"memory_enabled\":true,\"chat_history_enabled\":true,\"training_allowed\":false,\"voice_name\":\"juniper\"}}",
            )?;
            zip.finish()?;
            (written, total)
        }
    };
    Ok(Written {
        files: vec![out.to_path_buf()],
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes,
        conversations,
    })
}

fn truncate_file(path: &Path, len: u64) -> io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.set_len(len)
}

/// Writes the conversations array; returns how many, and where to cut the file for a
/// truncate fault. Occurrences of conversations at or after the cut are left out.
fn stream_array<S: Sink>(
    g: &mut ChatGen,
    sink: &mut S,
    wrapped: bool,
    occ: &mut Vec<Occ>,
) -> io::Result<(u64, u64, Option<u64>)> {
    let mut written = 0u64;
    let mut n = 0u64;
    let mut cut = None;
    let open: &[u8] = if wrapped {
        b"{\"conversations\":["
    } else {
        b"["
    };
    sink.write_all(open)?;
    written += open.len() as u64;
    while let Some(mut conv) = g.next(written) {
        if n > 0 {
            sink.write_all(b",")?;
            written += 1;
        }
        if conv.cut {
            let a = sink.mark()?;
            sink.write_all(&conv.json)?;
            let b = sink.mark()?;
            cut = Some(a + (b - a) / 2);
        } else {
            sink.write_all(&conv.json)?;
            if cut.is_none() {
                for o in &mut conv.occ {
                    if o.file.is_empty() {
                        o.file = g.file.clone();
                    }
                }
                occ.append(&mut conv.occ);
            }
        }
        written += conv.json.len() as u64;
        n += 1;
    }
    let close: &[u8] = if wrapped { b"]}" } else { b"]" };
    sink.write_all(close)?;
    written += close.len() as u64;
    Ok((n, written, cut))
}

fn account(assistant: Assistant, name: &str, file: String) -> Occ {
    Occ {
        assistant,
        kind: Kind::AccountName,
        text: format!("Account name: {name}"),
        heading: None,
        conversation: None,
        day: None,
        order: 0.0,
        file,
    }
}

fn user_json(r: &mut Rng, name: &str) -> String {
    format!(
        "{{\"id\":\"user-{}\",\"email\":\"sam.rivera@example.org\",\"chatgpt_plus_user\":true,\"birth_year\":1988,\"phone_number\":null,\"name\":\"{name}\"}}",
        r.hex(24)
    )
}

fn other_chatgpt_files<W: Write + Seek>(
    zip: &mut ZipOut<W>,
    r: &mut Rng,
    opts: &Options,
    name: &str,
    occ: &mut Vec<Occ>,
) -> io::Result<()> {
    let fb = format!(
        "[{{\"id\":\"{}\",\"conversation_id\":\"{}\",\"user_id\":\"user-x\",\"rating\":\"thumbsUp\",\"content\":\"{{}}\"}}]",
        r.uuid(),
        r.uuid()
    );
    zip.add("message_feedback.json", Method::Deflated, fb.as_bytes())?;
    zip.add(
        "model_comparisons.json",
        Method::Deflated,
        b"[{\"id\":\"cmp-1\",\"input\":{\"messages\":[]},\"output\":{\"feedback_step_1\":{\"rating\":\"none\"}}}]",
    )?;
    let mut sh = Js::new(false);
    sh.raw("[");
    for t in [
        "Trip planning for Portugal",
        "Sourdough starter tips",
        "Remember this?",
    ] {
        sh.item().raw("{");
        sh.kv("id", &r.uuid());
        sh.kv("conversation_id", &r.uuid());
        sh.kv("title", t);
        sh.kraw("is_anonymous", "true");
        sh.raw("}");
    }
    sh.raw("]");
    zip.add("shared_conversations.json", Method::Deflated, &sh.b)?;
    // chat.html: the viewer, with a copy of some JSON inside, written as streaming tools do.
    zip.begin(
        "chat.html",
        Method::Deflated,
        EntryOpts {
            descriptor: true,
            large: false,
        },
    )?;
    zip.write_all(b"<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>ChatGPT Data Export</title><style>body{font-family:sans-serif}</style></head><body><div id=\"root\"></div><script>\nvar jsonData = [{\"title\":\"Remember to buy milk\",\"mapping\":{}}];\n")?;
    let mut s = String::new();
    for _ in 0..40 {
        paragraph(r, &mut s);
        s.push('\n');
    }
    zip.write_all(format!("/* {s} */\n").as_bytes())?;
    zip.write_all(b"</script></body></html>\n")?;
    zip.end()?;
    // A media file: PNG bytes, stored.
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    for _ in 0..512 {
        png.push(r.next_u64() as u8);
    }
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let media = format!("file-{}.png", r.hex(22));
    zip.add(&media, Method::Stored, &png)?;
    zip.add(
        "dalle-generations/file-abc123-0b6c.webp",
        Method::Stored,
        b"RIFF\x10\0\0\0WEBPVP8 ",
    )?;
    if opts.memory_json {
        let entries: [(&str, &str); 5] = [
            ("", "Lives in Lisbon."),
            ("content", "Prefers concise answers with code examples."),
            ("memory", "Is training for a half marathon."),
            ("text", "Uses Neovim with the Lazy plugin manager."),
            ("value", "Has a cat named Miso."),
        ];
        let mut j = Js::new(false);
        j.raw("[");
        for (i, (key, text)) in entries.iter().enumerate() {
            j.item();
            if key.is_empty() {
                j.str(text);
            } else {
                j.raw("{");
                j.kv("id", &r.uuid());
                j.kv(key, text);
                j.raw("}");
            }
            occ.push(Occ {
                assistant: Assistant::ChatGpt,
                kind: Kind::MemoryList,
                text: text.to_string(),
                heading: None,
                conversation: None,
                day: None,
                order: i as f64,
                file: format!("{name}: memory.json"),
            });
        }
        j.raw("]");
        zip.add("memory.json", Method::Deflated, &j.b)?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Claude
// ---------------------------------------------------------------------------------------

const CLAUDE_NAME: &str = "Samantha Rivera";

const CONVERSATIONS_MEMORY: &str = "**Work context**

Sam is a backend engineer at a logistics company in Lisbon, building routing services in Rust.
- Leads a team of four engineers.
- Migrating a monolith to event-driven services.

**Personal context**

Lives in Lisbon with her partner Jonas and two kids, Ana and Rui.
Vegetarian; loves café culture and is learning Japanese (日本語) 🇯🇵.

**Top of mind**

1. Preparing a talk on async Rust for a Lisbon meetup.
2. Planning a spring trip to Kyoto.

**Brief history**

**Recent months**

* Switched the team's CI from Jenkins to GitHub Actions.

**Earlier context**

Studied physics in Porto before moving into software.
";

const CONVERSATIONS_MEMORY_CURRENT: &str = "**Work context**

Sam is a staff engineer at a logistics company, building routing services in Rust.
- Leads a team of six engineers.

**Personal context**

Lives in Lisbon with her partner Jonas and two kids, Ana and Rui.
Vegetarian; learning Arabic (العربية) for work trips.

## Preferences

- Wants answers in British English, with metric units.
- Uses a 24-hour clock.

**Top of mind**

Giving the async Rust talk in June; rehearsing \"Pin and Unpin, explained\".
";

struct Project {
    name: &'static str,
    description: &'static str,
    template: &'static str,
    memory: Option<&'static str>,
    starter: bool,
}

const PROJECTS: &[Project] = &[
    Project {
        name: "Balcony garden",
        description: "Planning what grows on a small south-facing balcony.",
        template: "You are helping plan a balcony garden in Lisbon.\nAnswer in British English.\n\n- Keep answers short.\n- Use metric units.\n\nPrefer organic methods over chemical ones.",
        memory: Some("**Purpose & context**\n\nA balcony garden in Lisbon, about 4 m², facing south.\n- Grows tomatoes, basil and strawberries.\n\n**Current state**\n\nThe tomatoes have blossom-end rot; trying calcium and steadier watering."),
        starter: false,
    },
    Project {
        name: "Async Rust talk",
        description: "Slides and notes for the meetup talk.",
        template: "Help me write a 30-minute talk on async Rust.\n1. Audience: intermediate Rust developers.\n2. Every example must compile on stable Rust.\nAvoid jargon without a one-line explanation.",
        memory: Some("The talk is 30 minutes, at the Lisbon Rust meetup in June.\n- Sections: futures, Pin, executors, cancellation."),
        starter: false,
    },
    Project {
        name: "How to use Claude",
        description: "An example project that also doubles as a how-to guide for using Claude.",
        template: "",
        memory: None,
        starter: true,
    },
];

/// A project memory kept for a project that no longer has a file.
const ORPHAN_MEMORY: &str = "Notes for a deleted project: budget was 500 euros.";

struct ClaudeConvGen {
    rng: Rng,
    target: u64,
    step: f64,
    k: usize,
}

impl ClaudeConvGen {
    fn conversation(&mut self, written: u64) -> Option<(String, Vec<u8>)> {
        if written >= self.target && self.k > 0 {
            return None;
        }
        let mut rng = self.rng.fork();
        let created = T_END - 3600.0 - self.k as f64 * self.step;
        self.k += 1;
        let uuid = rng.uuid();
        let mut js = Js::new(rng.chance(30));
        let mut t = created;
        js.raw("{");
        js.kv("uuid", &uuid);
        js.kv("name", one(&mut rng, TITLES));
        js.kv("summary", "");
        js.kv("created_at", &rfc3339(created, 6));
        let turns = rng.range(1, 6);
        let end = created + turns as f64 * 240.0;
        js.kv("updated_at", &rfc3339(end, 6));
        js.key("account")
            .raw("{")
            .kv("uuid", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")
            .raw("}");
        let key = if rng.chance(10) {
            "messages"
        } else {
            "chat_messages"
        };
        js.key(key).raw("[");
        let mut parent = "00000000-0000-4000-8000-000000000000".to_string();
        for i in 0..turns * 2 {
            let human = i % 2 == 0;
            let text = if human {
                if rng.chance(3) {
                    "Remember that I like my tea without sugar, and call me Captain from now on."
                        .to_string()
                } else {
                    question(&mut rng)
                }
            } else {
                let long = rng.chance(1);
                answer(&mut rng, long)
            };
            t += 30.0 + rng.below(200) as f64;
            let id = rng.uuid();
            js.item().raw("{");
            js.kv("uuid", &id);
            js.kv("text", &text);
            js.key("content").raw("[{");
            js.kv("start_timestamp", &rfc3339(t, 6));
            js.kv("stop_timestamp", &rfc3339(t + 3.0, 6));
            js.kraw("flags", "null");
            js.kv("type", "text");
            js.kv("text", &text);
            js.kraw("citations", "[]");
            js.raw("}");
            if !human && rng.chance(5) {
                js.item().raw("{");
                js.kv("type", "tool_use");
                js.kv("name", "memory_user_edits");
                js.kraw("input", "{\"command\":\"view\"}");
                js.raw("}");
            }
            js.raw("]");
            js.kv("sender", if human { "human" } else { "assistant" });
            js.kv("created_at", &rfc3339(t, 6));
            js.kv("updated_at", &rfc3339(t, 6));
            js.kraw("attachments", "[]");
            js.kraw("files", "[]");
            js.kv("parent_message_uuid", &parent);
            js.raw("}");
            parent = id;
        }
        js.raw("]}");
        Some((uuid, js.b))
    }
}

fn project_json(r: &mut Rng, p: &Project, uuid: &str) -> Vec<u8> {
    let mut j = Js::new(false);
    j.raw("{");
    j.kv("uuid", uuid);
    j.kv("name", p.name);
    j.kv("description", p.description);
    j.kraw("is_private", "true");
    j.kraw(
        "is_starter_project",
        if p.starter { "true" } else { "false" },
    );
    j.kv("prompt_template", p.template);
    j.kv("created_at", &rfc3339(T_END - 200.0 * 86_400.0, 6));
    j.kv("updated_at", &rfc3339(T_END - 20.0 * 86_400.0, 6));
    j.key("creator")
        .raw("{")
        .kv("uuid", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")
        .kv("full_name", CLAUDE_NAME)
        .raw("}");
    j.key("docs").raw("[");
    j.item().raw("{");
    j.kv("uuid", &r.uuid());
    j.kv("filename", "notes.md");
    j.kv(
        "content",
        "# Notes\n\nRemember: this is a document, not memory.\n- Always water in the morning.",
    );
    j.kv("created_at", &rfc3339(T_END - 100.0 * 86_400.0, 6));
    j.raw("}]}");
    j.b
}

fn claude(opts: &Options, out: &Path) -> io::Result<Written> {
    let mut r = Rng::new(opts.seed ^ 0xC1A0);
    let uuids: Vec<String> = PROJECTS.iter().map(|_| r.uuid()).collect();
    let orphan = r.uuid();
    let account_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6";
    let mut occ = Vec::new();
    let mut g = ClaudeConvGen {
        rng: Rng::new(opts.seed),
        target: opts.size,
        step: SPAN / (opts.size / 6_000).max(20) as f64,
        k: 0,
    };
    let current = opts.kind == ExportKind::ClaudeCurrent;
    let mut seq = 0.0;
    let mut note = |occ: &mut Vec<Occ>,
                    kind: Kind,
                    heading: Option<String>,
                    text: String,
                    d: Option<String>,
                    file: String| {
        seq += 1.0;
        occ.push(Occ {
            assistant: Assistant::Claude,
            kind,
            text,
            heading,
            conversation: None,
            day: d,
            order: seq,
            file,
        });
    };
    if !current {
        let name = file_name(out);
        let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, T_END);
        zip.begin(
            "conversations.json",
            Method::Deflated,
            EntryOpts {
                descriptor: false,
                large: opts.size >= 0xF000_0000,
            },
        )?;
        zip.write_all(b"[")?;
        let mut written = 1u64;
        let mut n = 0u64;
        while let Some((_, conv)) = g.conversation(written) {
            if n > 0 {
                zip.write_all(b",")?;
                written += 1;
            }
            zip.write_all(&conv)?;
            written += conv.len() as u64;
            n += 1;
        }
        zip.write_all(b"]")?;
        zip.end()?;
        let users = format!(
            "[{{\"uuid\":\"{account_uuid}\",\"full_name\":\"{CLAUDE_NAME}\",\"email_address\":\"sam@example.org\",\"verified_phone_number\":null}}]"
        );
        zip.add("users.json", Method::Deflated, users.as_bytes())?;
        note(
            &mut occ,
            Kind::AccountName,
            None,
            format!("Account name: {CLAUDE_NAME}"),
            None,
            format!("{name}: users.json"),
        );
        let mut pj = Vec::from(&b"["[..]);
        for (i, p) in PROJECTS.iter().enumerate() {
            if i > 0 {
                pj.push(b',');
            }
            pj.extend(project_json(&mut r, p, &uuids[i]));
        }
        pj.push(b']');
        zip.add("projects.json", Method::Deflated, &pj)?;
        let mut m = Js::new(false);
        m.raw("[{");
        m.kv("conversations_memory", CONVERSATIONS_MEMORY);
        m.key("project_memories").raw("{");
        for (i, p) in PROJECTS.iter().enumerate() {
            if let Some(mem) = p.memory {
                m.kv(&uuids[i], mem);
            }
        }
        m.kv(&orphan, ORPHAN_MEMORY);
        m.raw("}");
        m.kv("account_uuid", account_uuid);
        m.raw("}]");
        zip.add("memories.json", Method::Deflated, &m.b)?;
        zip.finish()?;
        let mem_file = format!("{name}: memories.json");
        for (h, t) in markdown_items(CONVERSATIONS_MEMORY, None) {
            note(
                &mut occ,
                Kind::ConversationsMemory,
                h,
                t,
                None,
                mem_file.clone(),
            );
        }
        for p in PROJECTS {
            if let Some(mem) = p.memory {
                for (h, t) in markdown_items(mem, Some(p.name)) {
                    note(&mut occ, Kind::ProjectMemory, h, t, None, mem_file.clone());
                }
            }
        }
        for (h, t) in markdown_items(ORPHAN_MEMORY, Some(&orphan)) {
            note(&mut occ, Kind::ProjectMemory, h, t, None, mem_file.clone());
        }
        for p in PROJECTS {
            for (h, t) in markdown_items(p.template, Some(p.name)) {
                note(
                    &mut occ,
                    Kind::ProjectInstructions,
                    h,
                    t,
                    None,
                    format!("{name}: projects.json"),
                );
            }
        }
        return Ok(Written {
            files: vec![out.to_path_buf()],
            truth_path: PathBuf::new(),
            truth: truth(&occ),
            json_bytes: written,
            conversations: n,
        });
    }
    // The current shape: a directory of per-category ZIPs and a manifest.
    fs::create_dir_all(out)?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut manifest: Vec<(&str, String, u64, usize)> = Vec::new();
    // Conversations, in parts of about 64 MB.
    let part_size = 64_000_000u64;
    let mut written = 0u64;
    let mut n = 0u64;
    let mut part = 0usize;
    let mut light: Vec<(String, String)> = Vec::new();
    loop {
        let zname = format!("conversations-{part:03}.zip");
        let path = out.join(&zname);
        let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
        let start = written;
        let mut entries = 0usize;
        let mut more = false;
        while let Some((uuid, conv)) = g.conversation(written) {
            zip.add(
                &format!("conversations/{uuid}.json"),
                Method::Deflated,
                &conv,
            )?;
            if light.len() < 50 {
                light.push((uuid, TITLES[light.len() % TITLES.len()].to_string()));
            }
            written += conv.len() as u64;
            n += 1;
            entries += 1;
            if written - start >= part_size {
                more = true;
                break;
            }
        }
        zip.finish()?;
        manifest.push(("conversations", zname, fs::metadata(&path)?.len(), entries));
        files.push(path);
        if !more {
            break;
        }
        part += 1;
    }
    // Projects.
    let zname = "projects-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
    for (i, p) in PROJECTS.iter().enumerate() {
        let entry = format!("projects/{}.json", uuids[i]);
        zip.add(
            &entry,
            Method::Deflated,
            &project_json(&mut r, p, &uuids[i]),
        )?;
        for (h, t) in markdown_items(p.template, Some(p.name)) {
            note(
                &mut occ,
                Kind::ProjectInstructions,
                h,
                t,
                None,
                format!("{zname}: {entry}"),
            );
        }
    }
    zip.finish()?;
    manifest.push((
        "projects",
        zname,
        fs::metadata(&path)?.len(),
        PROJECTS.len(),
    ));
    files.push(path);
    // Memories.
    let zname = "memories-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
    let entry = format!("memories/{account_uuid}.json");
    let memory_files: [(&str, &str, f64); 2] = [
        (
            "/memories/preferences.md",
            "# Preferences\n\n- Prefers tabs over spaces in Go, spaces in Python.\n- Wants commit messages in the imperative mood.",
            T_END - 40.0 * 86_400.0 + 3_723.5,
        ),
        (
            "/memories/kitchen.md",
            "Cooks vegetarian food for five on Sundays.\nOwns a 28 cm cast-iron pan 🍳.",
            T_END - 9.0 * 86_400.0 + 80_000.25,
        ),
    ];
    let mut m = Js::new(false);
    m.raw("{");
    m.kv("conversations_memory", CONVERSATIONS_MEMORY_CURRENT);
    m.key("memory_files").raw("[");
    for (p, content, t) in memory_files {
        m.item().raw("{");
        m.kv("path", p);
        m.kv("content", content);
        m.kv("updated_at", &rfc3339(t, 6));
        m.raw("}");
    }
    m.raw("]");
    m.kv("account_uuid", account_uuid);
    m.raw("}");
    zip.add(&entry, Method::Deflated, &m.b)?;
    zip.finish()?;
    let file = format!("{zname}: {entry}");
    for (h, t) in markdown_items(CONVERSATIONS_MEMORY_CURRENT, None) {
        note(
            &mut occ,
            Kind::ConversationsMemory,
            h,
            t,
            None,
            file.clone(),
        );
    }
    for (p, content, t) in memory_files {
        for (h, text) in markdown_items(content, Some(p)) {
            note(
                &mut occ,
                Kind::MemoryFile,
                h,
                text,
                Some(day(t)),
                file.clone(),
            );
        }
    }
    manifest.push(("memories", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    // Light metadata and design chats: no memory.
    let zname = "light_metadata-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
    let mut lm = Js::new(false);
    lm.raw("[");
    for (uuid, title) in &light {
        lm.item().raw("{");
        lm.kv("uuid", uuid);
        lm.kv("name", title);
        lm.raw("}");
    }
    lm.raw("]");
    zip.add("light_metadata/conversations.json", Method::Deflated, &lm.b)?;
    zip.finish()?;
    manifest.push(("light_metadata", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    let zname = "design_chats-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
    let dc = format!(
        "{{\"uuid\":\"{}\",\"name\":\"Landing page mockup\",\"messages\":[{{\"sender\":\"human\",\"text\":\"Remember to make the button blue.\"}}]}}",
        r.uuid()
    );
    zip.add(
        &format!("design_chats/{}.json", r.uuid()),
        Method::Deflated,
        dc.as_bytes(),
    )?;
    zip.finish()?;
    manifest.push(("design_chats", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    let mut mf = Js::new(false);
    mf.raw("{");
    mf.kraw("version", "2");
    mf.kv("created_at", &rfc3339(T_END, 6));
    mf.kv("account_uuid", account_uuid);
    mf.key("files").raw("[");
    for (category, name, size, entries) in &manifest {
        mf.item().raw("{");
        mf.kv("category", category);
        mf.kv("path", name);
        mf.kraw("size_bytes", &size.to_string());
        mf.kraw("entries", &entries.to_string());
        mf.raw("}");
    }
    mf.raw("]}");
    let path = out.join("manifest.json");
    fs::write(&path, &mf.b)?;
    files.insert(0, path);
    Ok(Written {
        files,
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes: written,
        conversations: n,
    })
}

// ---------------------------------------------------------------------------------------
// Google Takeout
// ---------------------------------------------------------------------------------------

/// Prompts that are memory by the contract, oldest first, in three blocks.
const GEMINI_MEMORY: [&[&str]; 3] = [
    &[
        "Remember that I'm vegetarian.",
        "I live in Lisbon, Portugal.",
        "please remember that my daughter's name is Ana",
        "From now on, answer in British English.",
    ],
    &[
        "My name is Samantha, but call me Sam.",
        "Hey Gemini, call me Sam from now on.",
        "ok keep in mind I work night shifts on Fridays",
        "I prefer metric units in every answer.",
        "Don't forget I'm allergic to peanuts 🥜.",
        "note that I use a 24-hour clock",
    ],
    &[
        "I'm a backend engineer; suggest Rust examples when you can.",
        "Always cite your sources.",
        "Never use emojis in replies.",
        "REMEMBER THAT I'M VEGETARIAN!",
        "Going forward, keep answers under 200 words.",
        "I work at a logistics company — Ñandú Logística (Lisboa).",
    ],
];

/// Prompts that look like memory and are not.
const GEMINI_DECOYS: &[&str] = &[
    "What should I remember to pack for Lisbon?",
    "Can you remember what I said earlier?",
    "Is it always sunny in Lisbon in May?",
    "I'm at the airport, what can I do for 3 hours?",
    "I am away next week; draft an out-of-office reply",
    "Tell me about Remembrance Day",
    "Please summarize this article about memory palaces",
    "Ok, now translate it into French",
    "Hey Gemini, what's the capital of Peru?",
    "Call mom reminder — how do I set one on Android?",
    "Who wrote \"Never Let Me Go\"?",
    "my cat's name is Miso, what's a good toy for her?",
];

fn takeout(opts: &Options, out: &Path) -> io::Result<Written> {
    let mut rng = Rng::new(opts.seed);
    let name = file_name(out);
    let bare = name.ends_with(".json");
    let json_path = "Takeout/My Activity/Gemini Apps/My Activity.json";
    let file = if bare {
        name.clone()
    } else {
        format!("{name}: {json_path}")
    };
    let mut occ = Vec::new();
    let step = SPAN / (opts.size / 2_500).max(60) as f64;
    let long_remember = {
        let mut s = "Remember this whole story and rewrite it as a poem: ".to_string();
        while s.chars().count() < 700 {
            sentence(&mut rng, &mut s);
            s.push(' ');
        }
        s
    };
    // The activity, newest first: memory blocks at the start, middle and end.
    let mut write_all = |w: &mut dyn Write| -> io::Result<(u64, u64)> {
        let mut written = 0u64;
        let mut n = 0u64;
        let mut k = 0usize;
        let mut block = 2usize;
        let mut phase = 0; // 0: late block, 1: pad, 2: mid, 3: pad, 4: early, 5: done
        let mut queue: Vec<String> = GEMINI_MEMORY[2].iter().map(|s| s.to_string()).collect();
        queue.push(long_remember.clone());
        w.write_all(b"[")?;
        written += 1;
        loop {
            let prompt: Option<String> = match phase {
                0 | 2 | 4 => match queue.pop() {
                    Some(p) => Some(p),
                    None => {
                        phase += 1;
                        if phase == 5 {
                            break;
                        }
                        continue;
                    }
                },
                1 if written >= opts.size / 2 => {
                    phase = 2;
                    block = 1;
                    queue = GEMINI_MEMORY[block].iter().map(|s| s.to_string()).collect();
                    continue;
                }
                3 if written + 20_000 >= opts.size => {
                    phase = 4;
                    block = 0;
                    queue = GEMINI_MEMORY[block].iter().map(|s| s.to_string()).collect();
                    continue;
                }
                _ => None,
            };
            let _ = block;
            let t = T_END - 600.0 - k as f64 * step - rng.below(1000) as f64 / 1000.0 * step * 0.3;
            k += 1;
            let mut j = Js::new(false);
            if n > 0 {
                j.raw(",");
            }
            j.raw("{\n  ");
            j.kv("header", "Gemini Apps");
            let special = prompt.is_none() && rng.chance(4);
            let p = match prompt {
                Some(p) => p,
                None if rng.chance(6) => rng.pick(GEMINI_DECOYS).to_string(),
                None => question(&mut rng),
            };
            if special {
                j.raw(",\n  ");
                j.kv("title", "Used Gemini Apps");
            } else {
                j.raw(",\n  ");
                j.kv("title", &format!("Prompted {p}"));
                if gemini_prompt_is_memory(&p) {
                    occ.push(Occ {
                        assistant: Assistant::Gemini,
                        kind: Kind::GeminiPrompt,
                        text: p.trim().to_string(),
                        heading: None,
                        conversation: None,
                        day: Some(day(t)),
                        order: t,
                        file: file.clone(),
                    });
                }
            }
            j.raw(",\n  ");
            j.kv("time", &rfc3339(t, 3));
            j.raw(",\n  ");
            j.kraw("products", "[\"Gemini Apps\"]");
            j.raw(",\n  ");
            j.kraw("activityControls", "[\"Gemini Apps Activity\"]");
            if !special {
                let mut html = String::from("<p>");
                let a = answer(&mut rng, false);
                for c in a.chars() {
                    match c {
                        '<' => html.push_str("&lt;"),
                        '>' => html.push_str("&gt;"),
                        '&' => html.push_str("&amp;"),
                        '\n' => html.push_str("<br>"),
                        _ => html.push(c),
                    }
                }
                html.push_str("</p>");
                j.raw(",\n  ");
                j.key("safeHtmlItem").raw("[{").kv("html", &html).raw("}]");
                if rng.chance(20) {
                    j.raw(",\n  ");
                    j.key("subtitles").raw("[{");
                    j.kv("name", "Attached 1 file.");
                    j.raw("}]");
                }
            }
            j.raw("\n}");
            w.write_all(&j.b)?;
            written += j.b.len() as u64;
            n += 1;
        }
        w.write_all(b"]\n")?;
        written += 2;
        Ok((written, n))
    };
    let (written, n) = if bare {
        let mut f = create(out)?;
        let r = write_all(&mut f)?;
        f.flush()?;
        r
    } else {
        let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, T_END);
        zip.add(
            "Takeout/archive_browser.html",
            Method::Deflated,
            b"<html><body><h1>Your Google data archive</h1><p>Gemini Apps: My Activity</p></body></html>",
        )?;
        zip.begin(
            json_path,
            Method::Deflated,
            EntryOpts {
                descriptor: true,
                large: opts.size >= 0xF000_0000,
            },
        )?;
        let r = write_all(&mut zip)?;
        zip.end()?;
        zip.add(
            "Takeout/My Activity/Search/My Activity.json",
            Method::Deflated,
            "[{\"header\":\"Search\",\"title\":\"Searched for remember the milk app\",\"time\":\"2025-05-01T10:00:00.000Z\",\"products\":[\"Search\"]},{\"header\":\"Search\",\"title\":\"Searched for call me by your name\",\"time\":\"2025-04-01T10:00:00.000Z\",\"products\":[\"Search\"]}]".as_bytes(),
        )?;
        zip.finish()?;
        r
    };
    Ok(Written {
        files: vec![out.to_path_buf()],
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes: written,
        conversations: n,
    })
}

// ---------------------------------------------------------------------------------------
// Faults for any kind
// ---------------------------------------------------------------------------------------

fn empty(opts: &Options, out: &Path) -> io::Result<Written> {
    let path = if opts.kind == ExportKind::ClaudeCurrent {
        fs::create_dir_all(out)?;
        out.join("conversations-000.zip")
    } else {
        out.to_path_buf()
    };
    create(&path)?.flush()?;
    Ok(Written {
        files: vec![path],
        truth_path: PathBuf::new(),
        truth: Vec::new(),
        json_bytes: 0,
        conversations: 0,
    })
}

fn not_export(opts: &Options, out: &Path) -> io::Result<Written> {
    let path = if opts.kind == ExportKind::ClaudeCurrent {
        fs::create_dir_all(out)?;
        out.join("photos-000.zip")
    } else {
        out.to_path_buf()
    };
    let mut r = Rng::new(opts.seed);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, T_END);
    zip.add(
        "README.txt",
        Method::Deflated,
        b"Holiday photos 2024. Remember to back these up!\n",
    )?;
    let mut jpg = b"\xff\xd8\xff\xe0\0\x10JFIF\0".to_vec();
    for _ in 0..4096 {
        jpg.push(r.next_u64() as u8);
    }
    zip.add("photos/IMG_0001.jpg", Method::Stored, &jpg)?;
    zip.add(
        "data.json",
        Method::Deflated,
        b"{\"items\":[{\"title\":\"Prompted remember my name\",\"mapping\":null}],\"name\":\"not an export\"}",
    )?;
    zip.add(
        "notes/conversations.txt",
        Method::Deflated,
        b"recipient: bio\nLives in Atlantis.\n",
    )?;
    zip.finish()?;
    Ok(Written {
        files: vec![path],
        truth_path: PathBuf::new(),
        truth: Vec::new(),
        json_bytes: 0,
        conversations: 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
