//! `memport-synth`: writes a synthetic export and its truth file (this crate's `write`).
//!
//! ```text
//! memport-synth --kind chatgpt-zip|chatgpt-shards|chatgpt-json|claude-legacy|claude-current|takeout
//!               --seed N --size 50MB --out PATH [--fault NAME] [--wrapped] [--zip64]
//!               [--level 0-9] [--no-memory-json]
//! ```

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use memport_synth::{self as synth, ExportKind, FaultKind, Options};

const USAGE: &str = "usage: memport-synth --kind KIND --seed N --size SIZE --out PATH [--fault NAME] [--wrapped] [--zip64] [--level 0-9] [--no-memory-json]
  KIND   chatgpt-zip, chatgpt-shards, chatgpt-json, claude-legacy, claude-current (a directory), takeout (a ZIP, or the bare JSON when PATH ends in .json)
  SIZE   of the conversations JSON: 4096, 500KB, 50MB, 1.5GB (decimal), 64MiB (binary)
  NAME   truncate, cycle, missing-parent, unknown-content-type, not-export, empty, encrypted, truncated-json
Writes the export at PATH and what must be recovered from it at PATH.truth.json.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("memport-synth: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut kind: Option<ExportKind> = None;
    let mut seed: u64 = 1;
    let mut size: u64 = 5_000_000;
    let mut out: Option<PathBuf> = None;
    let mut fault: Option<FaultKind> = None;
    let mut wrapped = false;
    let mut zip64 = false;
    let mut level = 6;
    let mut memory_json = true;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        match a.as_str() {
            "--kind" => {
                let v = value("--kind")?;
                kind = Some(
                    ExportKind::parse(&v)
                        .ok_or_else(|| format!("unknown kind \"{v}\"\n{USAGE}"))?,
                );
            }
            "--seed" => {
                let v = value("--seed")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed takes a whole number, not \"{v}\""))?;
            }
            "--size" => {
                let v = value("--size")?;
                size = synth::parse_size(&v)
                    .ok_or_else(|| format!("--size: cannot read \"{v}\" (try 50MB)"))?;
            }
            "--out" => out = Some(PathBuf::from(value("--out")?)),
            "--fault" => {
                let v = value("--fault")?;
                fault = Some(
                    FaultKind::parse(&v)
                        .ok_or_else(|| format!("unknown fault \"{v}\"\n{USAGE}"))?,
                );
            }
            "--level" => {
                let v = value("--level")?;
                level = v
                    .parse::<i32>()
                    .ok()
                    .filter(|l| (0..=9).contains(l))
                    .ok_or_else(|| format!("--level takes 0 to 9, not \"{v}\""))?;
            }
            "--wrapped" => wrapped = true,
            "--zip64" => zip64 = true,
            "--no-memory-json" => memory_json = false,
            "-h" | "--help" => {
                println!("{USAGE}");
                return Ok(());
            }
            other => return Err(format!("unknown argument \"{other}\"\n{USAGE}")),
        }
    }
    let kind = kind.ok_or_else(|| format!("--kind is required\n{USAGE}"))?;
    let out = out.ok_or_else(|| format!("--out is required\n{USAGE}"))?;
    let mut opts = Options::new(kind, seed, size);
    opts.fault = fault;
    opts.wrapped = wrapped;
    opts.zip64 = zip64;
    opts.level = level;
    opts.memory_json = memory_json;
    let start = Instant::now();
    let w = synth::write(&opts, &out).map_err(|e| format!("writing {}: {e}", out.display()))?;
    let secs = start.elapsed().as_secs_f64();
    let mut on_disk = 0u64;
    for f in &w.files {
        let len = std::fs::metadata(f).map(|m| m.len()).unwrap_or(0);
        on_disk += len;
        println!("wrote {} ({})", f.display(), human(len));
    }
    println!(
        "wrote {} ({} memories to recover)",
        w.truth_path.display(),
        w.truth.len()
    );
    let mb = w.json_bytes as f64 / 1e6;
    println!(
        "{} {}: {} conversations, {} of JSON, {} on disk, in {:.2} s ({:.0} MB/s of JSON)",
        kind.name(),
        fault
            .map(|f| format!("(fault {})", f.name()))
            .unwrap_or_default(),
        w.conversations,
        human(w.json_bytes),
        human(on_disk),
        secs,
        if secs > 0.0 { mb / secs } else { 0.0 },
    );
    Ok(())
}

fn human(n: u64) -> String {
    match n {
        n if n >= 1_000_000_000 => format!("{:.2} GB", n as f64 / 1e9),
        n if n >= 1_000_000 => format!("{:.1} MB", n as f64 / 1e6),
        n if n >= 1_000 => format!("{:.1} KB", n as f64 / 1e3),
        n => format!("{n} B"),
    }
}
