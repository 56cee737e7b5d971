//! How fast memport's data-export reader is natively, and how much memory it takes: a
//! synthetic ChatGPT export of 50 MB and 200 MB of `conversations.json` (and 1 GB with
//! `--1gb`), read as the ZIP and as the bare `conversations.json` of the same content, through
//! `memport::export::import`, the function the options page's worker and `memport import` call.
//! Prints figures; asserts nothing about speed.
//!
//! ```text
//! cargo bench --bench export -- [--1gb] [--sizes 50MB,200MB] [--runs N]
//!     [--json PATH] [--no-wait]
//! ```
//!
//! - Inputs are made by the synthetic export generator (the `memport-synth` crate in `tests/synth/`, seed 1) into
//!   `target/bench-export/`, once: `chatgpt-<size>.zip`, and its `conversations.json`
//!   extracted byte for byte into `chatgpt-<size>/` (same content, no compression). They are
//!   reused while they exist.
//! - Throughput is MB/s (10^6 bytes) of uncompressed JSON, `report.json_bytes` over the
//!   wall time of the whole `import` call (reading the file, inflating, splitting, parsing).
//!   The files are in the page cache (just written, or read by the previous run).
//! - Each import runs in a fresh process (this bench again, with `--one PATH`). Peak memory is
//!   that process's peak resident set (`VmHWM`) minus its resident set just before the import:
//!   what the reading itself adds, not what an earlier run left with the allocator.
//! - Each figure is the median (and best) of `--runs` runs (3 unless told). Before each run
//!   the bench waits, up to three minutes (`MEMPORT_BENCH_PATIENCE` seconds), for the
//!   machine's 1-minute load to drop under 1.0
//!   (other work on a small machine moves these figures more than anything in the reader);
//!   it prints the load each run started at. `--no-wait` skips that.
//! - Then, once per input, where the time goes, with the same code: only reading the file,
//!   only inflating (ZIP), and the whole import; cutting the JSON into conversations, parsing
//!   and collecting are the difference. Beside it, the splitter's scan alone: the import
//!   reads ChatGPT conversations where they start (`split::Elements::ahead`), so it scans
//!   little of this.
//!
//! `--json PATH` writes the figures for `tests/bench/export.mjs` (`./dev bench` runs both),
//! which adds the same files read as WebAssembly in a worker of headless Chromium and Node's
//! `JSON.parse`, and prints one table.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use memport::export::split::{Element, Splitter};
use memport::export::zip::{self, Flow};
use memport::export::{self, DiskFile, Source};
use memport_synth::{self as synth, ExportKind, Options};
use serde::Serialize;

/// The generator's seed: the same export every time, on every machine.
const SEED: u64 = 1;

/// An export file, read by slices as `memport import` reads one.
fn open(path: &Path) -> DiskFile {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    DiskFile::open(path, name).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A line of `/proc/self/status` in kB (`VmRSS`, `VmHWM`), in bytes.
fn status_kb(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}

/// The 1-minute load average.
fn load() -> f64 {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|v| v.parse().ok()))
        .unwrap_or(0.0)
}

/// Waits (at most `patience`) for the 1-minute load to drop under 1.0; returns the load then.
fn quiet(wait: bool, patience: Duration) -> f64 {
    let start = Instant::now();
    let mut told = false;
    loop {
        let l = load();
        if !wait || l < 1.0 || start.elapsed() >= patience {
            if told {
                eprintln!(" {l:.2}");
            }
            return l;
        }
        if !told {
            eprint!("  waiting for the machine to quieten (load {l:.2})…");
            told = true;
        }
        std::thread::sleep(Duration::from_secs(5));
    }
}

/// How long to wait for a quiet machine before each run: `MEMPORT_BENCH_PATIENCE` seconds,
/// three minutes unless set.
fn patience() -> Duration {
    let secs = std::env::var("MEMPORT_BENCH_PATIENCE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(180);
    Duration::from_secs(secs)
}

/// One measured run.
#[derive(Clone, Copy, Serialize)]
struct Run {
    secs: f64,
    mb_s: f64,
    /// Peak resident set during the run minus the resident set before it, in MB.
    peak_extra_mb: f64,
    /// The 1-minute load when the run started.
    load: f64,
}

/// Where the time goes for one input, in seconds, each the best of the runs.
#[derive(Serialize, Default)]
struct Steps {
    /// Only reading the file's bytes (its compressed bytes, for the ZIP).
    read: f64,
    /// Reading and inflating `conversations.json` (ZIP only).
    #[serde(skip_serializing_if = "Option::is_none")]
    inflate: Option<f64>,
    /// Reading (and inflating) and cutting it into conversations.
    split: f64,
    /// The whole `export::import`.
    import: f64,
}

#[derive(Serialize)]
struct Input {
    path: PathBuf,
    file_bytes: u64,
    json_bytes: u64,
    conversations: u64,
    items: usize,
    runs: Vec<Run>,
    median: Run,
    best: Run,
    steps: Steps,
}

#[derive(Serialize)]
struct Size {
    label: String,
    zip: Input,
    json: Input,
}

#[derive(Serialize)]
struct Figures {
    machine: String,
    runs: usize,
    peak_from: &'static str,
    sizes: Vec<Size>,
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1e6
}

/// Makes `chatgpt-<label>.zip` and `chatgpt-<label>/conversations.json` unless both exist.
fn inputs(dir: &Path, label: &str, size: u64) -> (PathBuf, PathBuf) {
    let zip_path = dir.join(format!("chatgpt-{label}.zip"));
    let json_dir = dir.join(format!("chatgpt-{label}"));
    let json_path = json_dir.join("conversations.json");
    if !zip_path.exists() {
        eprintln!("  generating {} (seed {SEED})…", zip_path.display());
        let opts = Options::new(ExportKind::ChatGptZip, SEED, size);
        synth::write(&opts, &zip_path).unwrap_or_else(|e| panic!("{}: {e}", zip_path.display()));
        let _ = std::fs::remove_file(&json_path);
    }
    if !json_path.exists() {
        // The very bytes of the ZIP's conversations.json, inflated with the reader's own code.
        eprintln!("  extracting {}…", json_path.display());
        std::fs::create_dir_all(&json_dir).expect("mkdir");
        let part = json_path.with_extension("json.part");
        let mut out = BufWriter::new(File::create(&part).expect("create"));
        let mut src = open(&zip_path);
        let archive = zip::open(&mut src).expect("the generated ZIP opens");
        let entry = archive
            .entries
            .iter()
            .find(|e| e.name == "conversations.json")
            .expect("a conversations.json in the ZIP");
        zip::stream(
            &mut src,
            entry,
            &mut |piece| {
                out.write_all(piece).expect("write");
                Flow::Continue
            },
            &mut |_| {},
        )
        .expect("the generated ZIP inflates");
        out.flush().expect("flush");
        drop(out);
        std::fs::rename(&part, &json_path).expect("rename");
    }
    (zip_path, json_path)
}

/// One whole import of `path` in a fresh process (this bench, run again with `--one PATH`),
/// so that its peak is the import's own and not what an earlier run left to the allocator:
/// seconds, JSON bytes, conversations, items, peak extra bytes.
fn import_once(path: &Path) -> (f64, u64, u64, usize, u64) {
    let out = std::process::Command::new(std::env::current_exe().expect("this bench"))
        .arg("--one")
        .arg(path)
        .output()
        .expect("run the bench again for one import");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}: {}{}",
        path.display(),
        text,
        String::from_utf8_lossy(&out.stderr)
    );
    let v: Vec<f64> = text
        .split_whitespace()
        .map(|w| w.parse().expect("a number"))
        .collect();
    (v[0], v[1] as u64, v[2] as u64, v[3] as usize, v[4] as u64)
}

/// `--one PATH`: the import itself, its figures printed on one line for [`import_once`].
fn import_here(path: &Path) -> (f64, u64, u64, usize, u64) {
    let mut src = open(path);
    let before = status_kb("VmRSS:");
    let start = Instant::now();
    let outcome = {
        let mut sources: [&mut dyn Source; 1] = [&mut src];
        export::import(&mut sources, &mut |_| {})
    };
    let secs = start.elapsed().as_secs_f64();
    let peak = status_kb("VmHWM:");
    assert!(
        outcome.report.faults.is_empty(),
        "{}: {:?}",
        path.display(),
        outcome.report.faults
    );
    let r = &outcome.report;
    (
        secs,
        r.json_bytes,
        r.conversations,
        outcome.items.len(),
        peak.saturating_sub(before),
    )
}

fn timed(f: impl FnOnce()) -> f64 {
    let start = Instant::now();
    f();
    start.elapsed().as_secs_f64()
}

/// Only reading the file by 1 MB slices, as the reader does.
fn read_only(path: &Path) -> f64 {
    let mut src = open(path);
    let mut buf = vec![0u8; zip::PIECE];
    timed(|| {
        let mut at = 0;
        while at < src.len() {
            let n = src.read_at(at, &mut buf).expect("read");
            std::hint::black_box(&buf[..n]);
            at += n as u64;
        }
    })
}

/// `conversations.json` out of the ZIP, handed to `take`.
fn stream_zip(path: &Path, take: &mut dyn FnMut(&[u8]) -> Flow) {
    let mut src = open(path);
    let archive = zip::open(&mut src).expect("open");
    let entry = archive
        .entries
        .iter()
        .find(|e| e.name == "conversations.json")
        .expect("conversations.json");
    zip::stream(&mut src, entry, take, &mut |_| {}).expect("inflate");
}

/// The bare JSON by 1 MB slices, handed to `take`.
fn stream_json(path: &Path, take: &mut dyn FnMut(&[u8]) -> Flow) {
    let mut src = open(path);
    let mut buf = vec![0u8; zip::PIECE];
    let mut at = 0;
    while at < src.len() {
        let n = src.read_at(at, &mut buf).expect("read");
        take(&buf[..n]);
        at += n as u64;
    }
}

fn split_only(path: &Path, is_zip: bool) -> f64 {
    let mut splitter = Splitter::new();
    let mut elements = 0u64;
    timed(|| {
        let mut take = |piece: &[u8]| {
            splitter
                .push(piece, &mut |el: Element<'_>| {
                    std::hint::black_box(el.bytes);
                    elements += 1;
                })
                .expect("split");
            Flow::Continue
        };
        if is_zip {
            stream_zip(path, &mut take);
        } else {
            stream_json(path, &mut take);
        }
        splitter.finish().expect("split end");
    })
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

fn min(v: impl IntoIterator<Item = f64>) -> f64 {
    v.into_iter().fold(f64::INFINITY, f64::min)
}

fn measure(path: &Path, is_zip: bool, runs: usize, wait: bool) -> Input {
    let file_bytes = std::fs::metadata(path).expect("metadata").len();
    // A first import, not counted: the file into the page cache, the allocator warmed.
    let (_, json_bytes, conversations, items, _) = import_once(path);
    let mut all = Vec::new();
    for _ in 0..runs {
        let l = quiet(wait, patience());
        let (secs, _, _, _, peak) = import_once(path);
        all.push(Run {
            secs,
            mb_s: mb(json_bytes) / secs,
            peak_extra_mb: mb(peak),
            load: l,
        });
    }
    let pick = |f: &dyn Fn(&Run) -> f64| median(all.iter().map(f).collect());
    let median_run = Run {
        secs: pick(&|r| r.secs),
        mb_s: pick(&|r| r.mb_s),
        peak_extra_mb: pick(&|r| r.peak_extra_mb),
        load: pick(&|r| r.load),
    };
    let best_i = (0..all.len())
        .min_by(|&a, &b| all[a].secs.total_cmp(&all[b].secs))
        .unwrap();
    let mut steps = Steps::default();
    let mut reads = Vec::new();
    let mut inflates = Vec::new();
    let mut splits = Vec::new();
    for _ in 0..runs {
        quiet(wait, patience() / 3);
        reads.push(read_only(path));
        if is_zip {
            inflates.push(timed(|| {
                stream_zip(path, &mut |p| {
                    std::hint::black_box(p);
                    Flow::Continue
                })
            }));
        }
        splits.push(split_only(path, is_zip));
    }
    steps.read = min(reads);
    steps.inflate = is_zip.then(|| min(inflates));
    steps.split = min(splits);
    steps.import = all[best_i].secs;
    Input {
        path: path.to_path_buf(),
        file_bytes,
        json_bytes,
        conversations,
        items,
        median: median_run,
        best: all[best_i],
        runs: all,
        steps,
    }
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mem = status_line("/proc/meminfo", "MemTotal:").map_or(String::new(), |kb| {
        format!(", {:.0} GB RAM", kb as f64 / 1024.0 / 1024.0)
    });
    format!("{cpu}, {cores} cores{mem}")
}

fn status_line(file: &str, field: &str) -> Option<u64> {
    std::fs::read_to_string(file)
        .ok()?
        .lines()
        .find(|l| l.starts_with(field))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn print_input(what: &str, i: &Input) {
    let loads: Vec<String> = i.runs.iter().map(|r| format!("{:.1}", r.load)).collect();
    println!(
        "  {what:<5} {:>7.1} MB file, {:>7.1} MB JSON: median {:>6.0} MB/s ({:.2} s), best {:>6.0} MB/s; peak +{:.0} MB (best run +{:.0} MB); {} conversations, {} memories; load at each run {}",
        mb(i.file_bytes),
        mb(i.json_bytes),
        i.median.mb_s,
        i.median.secs,
        i.best.mb_s,
        i.median.peak_extra_mb,
        i.best.peak_extra_mb,
        i.conversations,
        i.items,
        loads.join(", "),
    );
    let s = &i.steps;
    let rate = |secs: f64| mb(i.json_bytes) / secs;
    let mut line = format!(
        "        where the time goes (best of {}): read the file {:.3} s",
        i.runs.len(),
        s.read
    );
    let before_split = match s.inflate {
        Some(inflate) => {
            line += &format!(
                ", + inflate {:.3} s (read+inflate {:.0} MB/s)",
                inflate - s.read,
                rate(inflate)
            );
            inflate
        }
        None => s.read,
    };
    line += &format!(
        ", + split, parse and collect {:.3} s (whole import {:.0} MB/s); the splitter's scan alone \
         would add {:.3} s",
        s.import - before_split,
        rate(s.import),
        s.split - before_split,
    );
    println!("{line}");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if let Some(i) = args.iter().position(|a| a == "--one") {
        let (secs, json, conversations, items, peak) = import_here(Path::new(&args[i + 1]));
        println!("{secs} {json} {conversations} {items} {peak}");
        return;
    }
    let value = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let json = value("--json");
    let runs: usize = value("--runs").and_then(|r| r.parse().ok()).unwrap_or(3);
    let wait = !args.iter().any(|a| a == "--no-wait");
    let mut labels: Vec<String> = value("--sizes")
        .map(|s| s.split(',').map(str::to_string).collect())
        .unwrap_or_else(|| vec!["50MB".into(), "200MB".into()]);
    let big = args.iter().any(|a| a == "--1gb")
        || std::env::var("MEMPORT_BENCH_1GB").is_ok_and(|v| v == "1");
    if big && !labels.iter().any(|l| l.eq_ignore_ascii_case("1GB")) {
        labels.push("1GB".into());
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/bench-export");
    std::fs::create_dir_all(&dir).expect("mkdir target/bench-export");
    let peak_from = "VmHWM minus VmRSS before the import, one process per import";

    println!("memport's export reader, natively: {}", machine());
    println!(
        "throughput in MB/s of uncompressed JSON over the whole import; peak memory over the process's level before each run; median of {runs} runs\n"
    );
    let mut sizes = Vec::new();
    for label in labels {
        let bytes = synth::parse_size(&label).unwrap_or_else(|| panic!("size {label}?"));
        let tag = label.to_lowercase();
        let (zip_path, json_path) = inputs(&dir, &tag, bytes);
        println!("{label} of conversations.json");
        let zip = measure(&zip_path, true, runs, wait);
        print_input("ZIP", &zip);
        let json = measure(&json_path, false, runs, wait);
        print_input("JSON", &json);
        println!();
        sizes.push(Size { label, zip, json });
    }
    if let Some(path) = json {
        let figures = Figures {
            machine: machine(),
            runs,
            peak_from,
            sizes,
        };
        let text = serde_json::to_string_pretty(&figures).expect("plain figures");
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
    }
}
