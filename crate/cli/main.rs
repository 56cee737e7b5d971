//! `memport import <export.zip|dir|file>... [--json|--markdown|--format pam|mcp|anthropic|--for
//! claude|chatgpt|gemini] [--include-sensitive]`
//!
//! The same export reader as the options page, on the command line: it reads the files
//! (folders are walked), prints the recovered profile on stdout, and the summary and any
//! problems on stderr, with a progress line while it reads when stderr is a terminal. A
//! Portable AI Memory file, an MCP memory server's `memory.jsonl` or a file in Anthropic's
//! import format among them (known by its content) is read as the popup's Import text reads
//! it, and `--format pam|mcp|anthropic` (`--pam` and `--mcp` for short) writes the profile in
//! that format, so the tool also converts between them.
//! Memories that hold a secret (a key, a password, a card or account number) are named on
//! stderr, by id and what was found, and left out of `--for`, as the extension leaves them
//! out of sending, unless `--include-sensitive`; `--json` keeps them, marked.
//! What it says on stderr (its usage and errors too) is in the shell's language (`LC_ALL`,
//! `LC_MESSAGES`, `LANG`) when memport speaks it; the option names stay as they are typed.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use memport::download::profile_json;
use memport::export::{self, summary, DiskFile, Progress, Source};
use memport::fill::{self, Way};
use memport::formats::{self, anthropic, WriteFormat};
use memport::i18n::{self, t};
use memport::profile::Profile;
use memport::render;
use memport::sensitive;
use memport::sites::Assistant;
use memport::text_import;

/// The command line as it is typed: names and options, the same in every language.
const SYNOPSIS: &str = "memport import <export.zip|dir|file>... [--json | --markdown | --format \
                        pam|mcp|anthropic | --for claude|chatgpt|gemini] [--include-sensitive]";

/// What to print.
enum Output {
    Text,
    Json,
    Markdown,
    Format(WriteFormat),
    For(Assistant),
}

struct Args {
    paths: Vec<PathBuf>,
    output: Output,
    include_sensitive: bool,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    match it.next().map(String::as_str) {
        Some("import") => {}
        Some("-h" | "--help") | None => return Err(String::new()),
        Some(other) => return Err(t("cli_unknown_command", &[&other])),
    }
    let mut paths = Vec::new();
    let mut output = Output::Text;
    let mut include_sensitive = false;
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => output = Output::Json,
            "--include-sensitive" => include_sensitive = true,
            "--markdown" => output = Output::Markdown,
            "--pam" => output = Output::Format(WriteFormat::Pam),
            "--mcp" => output = Output::Format(WriteFormat::Mcp),
            "--format" => {
                let name = it.next().ok_or_else(|| t("cli_format_needs", &[]))?;
                output = Output::Format(WriteFormat::named(name)?);
            }
            flag if flag.starts_with("--format=") => {
                output = Output::Format(WriteFormat::named(&flag["--format=".len()..])?);
            }
            "--for" => {
                let name = it.next().ok_or_else(|| t("cli_for_needs", &[]))?;
                output = Output::For(match name.to_lowercase().as_str() {
                    "claude" => Assistant::Claude,
                    "chatgpt" => Assistant::ChatGpt,
                    "gemini" => Assistant::Gemini,
                    other => return Err(t("cli_for_unknown", &[&other])),
                });
            }
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with("--") => return Err(t("cli_unknown_option", &[&flag])),
            path => paths.push(PathBuf::from(path)),
        }
    }
    if paths.is_empty() {
        return Err(t("cli_no_paths", &[]));
    }
    Ok(Args {
        paths,
        output,
        include_sensitive,
    })
}

/// Every file under `path` (itself when it is a file), in name order.
fn walk(path: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    if meta.is_dir() {
        let mut children: Vec<PathBuf> = std::fs::read_dir(path)
            .map_err(|e| format!("{}: {e}", path.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        children.sort();
        for c in children {
            walk(&c, out)?;
        }
    } else {
        out.push(path.to_path_buf());
    }
    Ok(())
}

fn open(path: &Path, base: &Path) -> Result<DiskFile, String> {
    // Inside a folder, the path below it (`Takeout/My Activity/...`) names the file, as a
    // ZIP entry's path would.
    let name = path
        .strip_prefix(base)
        .ok()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned();
    DiskFile::open(path, name).map_err(|e| format!("{}: {e}", path.display()))
}

/// What a file in an open format held.
struct Opened {
    label: String,
    items: Vec<memport::profile::MemoryItem>,
    notes: Vec<String>,
}

/// The items of `path` when it is a PAM or MCP memory file or a file in Anthropic's import
/// format (known by its content, not its name); `None` for anything else, which the export
/// reader takes. A file too large to be one, or one whose start rules it out, is not read
/// whole.
fn open_format(path: &Path) -> Option<Result<Opened, String>> {
    let size = std::fs::metadata(path).ok()?.len();
    if size > formats::MAX_FILE_CHARS as u64 * 4 {
        return None;
    }
    let mut head = Vec::with_capacity(4096);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(std::fs::File::open(path).ok()?, 4096),
        &mut head,
    )
    .ok()?;
    let head = String::from_utf8_lossy(&head);
    let json = head
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    let now = time::OffsetDateTime::now_utc();
    if json {
        let text = std::fs::read_to_string(path).ok()?;
        let read = formats::read(&text, now)?;
        return Some(
            read.map(|open| Opened {
                label: open.format.label(),
                items: open.items,
                notes: open.left_out,
            })
            .map_err(|e| format!("{}: {e}", path.display())),
        );
    }
    if size > text_import::MAX_IMPORT_CHARS as u64 * 4 || !anthropic::may_start(&head) {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    if !anthropic::detect(&text) {
        return None;
    }
    // Read as Import text reads a paste.
    Some(
        text_import::entries(&text)
            .map(|parsed| Opened {
                label: t("format_anthropic", &[]),
                items: text_import::items(&parsed, now),
                notes: parsed.ignored,
            })
            .map_err(|e| format!("{}: {e}", path.display())),
    )
}

/// The language the shell asks for (`LC_ALL`, then `LC_MESSAGES`, then `LANG`, as gettext
/// reads them): "fr_FR.UTF-8" is French; unset, "C" or a language memport lacks is English.
fn shell_language() -> i18n::Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
        .map_or(i18n::Lang::En, |v| i18n::Lang::from_tag(&v))
}

fn main() -> ExitCode {
    i18n::set_lang(shell_language());
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args = match parse(&args) {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("memport: {e}\n");
            }
            eprintln!("{}", t("cli_usage", &[&SYNOPSIS]));
            return ExitCode::from(2);
        }
    };
    let mut files = Vec::new();
    // Items from PAM, MCP and Anthropic files, added after the exports' (the same
    // `Profile::add`).
    let mut opened = Vec::new();
    for p in &args.paths {
        let base = if p.is_dir() {
            p.as_path()
        } else {
            p.parent().unwrap_or(p)
        };
        let mut found = Vec::new();
        if let Err(e) = walk(p, &mut found) {
            eprintln!("memport: {e}");
            return ExitCode::from(1);
        }
        for f in found {
            match open_format(&f) {
                Some(Ok(open)) => {
                    eprintln!(
                        "memport: {}",
                        t(
                            "cli_read_as",
                            &[&f.display(), &open.label, &i18n::memories(open.items.len())]
                        )
                    );
                    for note in &open.notes {
                        eprintln!("memport: {}: {note}", f.display());
                    }
                    opened.extend(open.items);
                    continue;
                }
                Some(Err(e)) => {
                    eprintln!("memport: {e}");
                    return ExitCode::from(1);
                }
                None => {}
            }
            let base = if p.is_dir() {
                base
            } else {
                f.parent().unwrap_or(&f)
            };
            match open(&f, base) {
                Ok(d) => files.push(d),
                Err(e) => {
                    eprintln!("memport: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    }
    // Only open-format files: nothing for the export reader, and no summary of it.
    let only_open = files.is_empty() && !opened.is_empty();
    let terminal = std::io::stderr().is_terminal();
    let started = Instant::now();
    let mut last = Instant::now();
    let mut on_progress = |p: &Progress| {
        if terminal && last.elapsed().as_millis() >= 100 {
            last = Instant::now();
            let pct = (p.bytes_done * 100)
                .checked_div(p.bytes_total)
                .unwrap_or(100);
            // The options page's words under its bar: "123 MB of 456 MB · 2,345 conversations".
            let view = summary::progress_view(p);
            let line = t("cli_reading", &[&p.file, &pct, &view.text]);
            eprint!("\r\x1b[K{line}");
        }
    };
    let mut sources: Vec<&mut dyn Source> =
        files.iter_mut().map(|f| f as &mut dyn Source).collect();
    let outcome = export::import(&mut sources, &mut on_progress);
    if terminal {
        eprint!("\r\x1b[K");
    }
    let secs = started.elapsed().as_secs_f64();
    // The options page's summary, line for line.
    let shown = summary::summary(&outcome);
    if !only_open {
        let files = outcome.report.read.len();
        eprintln!(
            "memport: {}",
            t(
                "cli_recovered",
                &[
                    &i18n::memories(outcome.items.len()),
                    &i18n::tn("files", files, &[&i18n::number(files)]),
                    &format!("{secs:.1}"),
                ]
            )
        );
        for line in shown.lines.iter().chain(&shown.faults) {
            eprintln!("memport: {line}");
        }
    }

    let mut profile = Profile::new();
    let now = time::OffsetDateTime::now_utc();
    profile.add(export::items(&outcome.items, now));
    let from_files = !opened.is_empty();
    profile.add(opened);
    // Named by id and what was found, never by their text: the secret stays off the screen.
    for item in &profile.items {
        let found = sensitive::marks(item);
        if !found.is_empty() {
            eprintln!(
                "memport: {}",
                t(
                    "cli_sensitive",
                    &[&item.id, &i18n::category(item.category), &found.join(", ")]
                )
            );
        }
    }
    let text = match args.output {
        Output::Json => profile_json(&profile),
        Output::Markdown => render::markdown(&profile),
        Output::Format(WriteFormat::Pam) => formats::pam::write(&profile, now),
        Output::Format(format) => {
            let (written, name) = match format {
                WriteFormat::Anthropic => (
                    anthropic::write(&profile, args.include_sensitive),
                    "anthropic",
                ),
                _ => (formats::mcp::write(&profile, args.include_sensitive), "mcp"),
            };
            if written.withheld > 0 {
                let option = format!("--format {name}");
                eprintln!(
                    "memport: {}",
                    t(
                        "cli_withheld",
                        &[&i18n::memories(written.withheld), &option]
                    )
                );
            }
            written.text
        }
        Output::Text => render::category_lines(&profile.items),
        Output::For(target) => match if args.include_sensitive {
            fill::prepare(target, Way::Import, &profile)
        } else {
            fill::prepare_chosen(target, Way::Import, &profile, None)
        } {
            Ok(send) if send.withheld > 0 => {
                eprintln!(
                    "memport: {}",
                    t("cli_withheld", &[&i18n::memories(send.withheld), &"--for"])
                );
                send.clipboard_text()
            }
            Ok(send) => send.clipboard_text(),
            Err(e) => {
                eprintln!("memport: {e}");
                return ExitCode::from(1);
            }
        },
    };
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{}", text.trim_end()).is_err() {
        return ExitCode::from(1);
    }
    if !from_files && outcome.items.is_empty() && !outcome.report.faults.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
