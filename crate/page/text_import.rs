//! "Import text": memory as an assistant writes it when asked, turned into items.
//!
//! When a memory page cannot be read, the person asks the assistant for its memory and pastes
//! the answer. Answers come in many shapes: Anthropic's export format (a code block of
//! `[date] - memory` lines, with or without category labels), Gemini's import format (five
//! labeled sections, bullets, `Evidence:` lines, `Imported from:`), numbered or bulleted
//! lists, Markdown with headings (memport's own "Copy as Markdown" among them), or plain
//! paragraphs, often with chatter around a code block and lines wrapped by hand.
//!
//! The rule that matters: every line lands somewhere the person can see. A line is a
//! heading (it sets the category of what follows), part of exactly one entry (its first
//! line, a wrapped continuation, or its `Evidence:`), structure (a code fence, `Imported
//! from:`), or, outside the code block, chatter that is listed as ignored. Nothing is
//! silently dropped, and the preview shows all four.

use std::collections::HashSet;

use serde::Serialize;
use time::OffsetDateTime;

use crate::category::Category;
use crate::classify::classify;
use crate::formats;
use crate::i18n;
use crate::lines::{after_marker, dated, is_label};
use crate::profile::{ItemId, MemoryItem, Profile, ProfileError, Source, Via};
use crate::sensitive;
use crate::sites::{self, Assistant};

/// The longest text memport takes in one import (about 400 pages of memory): more is almost
/// certainly the wrong paste, and parsing it would freeze the popup.
pub const MAX_IMPORT_CHARS: usize = 1_000_000;

/// The longest memport profile file "Import text" restores: the longest file memport reads
/// ([`formats::MAX_FILE_CHARS`]).
pub const MAX_PROFILE_FILE_CHARS: usize = formats::MAX_FILE_CHARS;

/// The shape the text was read as, for the preview.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// `[date] - memory` lines, as Anthropic's export prompt asks.
    DatedLines,
    /// Gemini's five labeled sections with `Evidence:` lines.
    GeminiSections,
    /// Markdown with `#` headings (memport's "Copy as Markdown" too).
    Markdown,
    /// A bulleted or numbered list, with or without labels.
    List,
    /// Plain lines or paragraphs.
    Paragraphs,
}

impl Format {
    /// Its name for people, in the thread's language.
    pub fn label(self) -> String {
        i18n::t(
            match self {
                Format::DatedLines => "format_dated_lines",
                Format::GeminiSections => "format_gemini_sections",
                Format::Markdown => "format_markdown",
                Format::List => "format_list",
                Format::Paragraphs => "format_paragraphs",
            },
            &[],
        )
    }
}

/// One memory found in the text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Verbatim, wrapped lines joined with a space.
    pub text: String,
    pub category: Category,
    /// Why that category: the message id of the heading's or the classifier's rule.
    pub why: &'static str,
    /// The heading it stood under, if any.
    pub heading: Option<String>,
    /// The date the text gave for it, as written (`2024-03-05`, `March 2024`).
    pub saved: Option<String>,
    /// Gemini's `Evidence:` lines for it, verbatim.
    pub evidence: Vec<String>,
}

/// What the text held.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Parsed {
    pub format: Format,
    pub entries: Vec<Entry>,
    /// Lines read as headings.
    pub headings: Vec<String>,
    /// Lines outside the code block (an assistant's chatter), listed rather than kept.
    pub ignored: Vec<String>,
    /// The assistant an `Imported from:` line names, as written.
    pub from: Option<String>,
    /// The chat page the text was read off ("Capture the answer"), when it was: its
    /// memories are then judged as a page's text is, instructions to an AI flagged.
    pub answer_url: Option<String>,
}

/// Why a text was not imported.
#[derive(Debug, PartialEq, Eq)]
pub enum ImportError {
    Empty,
    TooLong {
        chars: usize,
        max: usize,
    },
    /// Text without a single memory line (only headings or chatter).
    NoEntries,
    /// A memport profile file that could not be read (damaged, or from a newer memport).
    Profile(ProfileError),
    /// A PAM or MCP memory file that could not be read.
    Open(formats::FormatError),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Empty => f.write_str(&i18n::t("import_empty", &[])),
            ImportError::TooLong { chars, max } => f.write_str(&i18n::t(
                "import_too_long",
                &[&i18n::number(*chars), &i18n::number(*max)],
            )),
            ImportError::NoEntries => f.write_str(&i18n::t("import_no_entries", &[])),
            ImportError::Profile(e) => f.write_str(&i18n::t("import_bad_profile", &[e])),
            ImportError::Open(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for ImportError {}

/// A line, as the reader sees it.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Blank,
    Fence,
    Heading(String),
    ImportedFrom(&'a str),
    Evidence(&'a str),
    /// An entry's first line: its text and the date it gave, and whether it was marked as
    /// one (a bullet, a number or a date), which a plain line is not.
    Start {
        text: &'a str,
        saved: Option<&'a str>,
        marked: bool,
    },
}

/// Dates an assistant writes when it has none.
const NO_DATE: &[&str] = &[
    "",
    "date saved, if available",
    "date",
    "unknown",
    "unknown date",
    "no date",
    "undated",
    "n/a",
    "na",
    "none",
    "?",
    "-",
];

/// A heading's text without Markdown marks and a trailing count ("Work (3)").
fn heading_text(text: &str) -> String {
    let t = text.trim().trim_end_matches(':').trim();
    let t = t
        .strip_prefix("**")
        .and_then(|t| t.strip_suffix("**"))
        .or_else(|| t.strip_prefix("__").and_then(|t| t.strip_suffix("__")))
        .unwrap_or(t);
    let t = t.trim().trim_end_matches(':').trim();
    match t.rsplit_once(" (") {
        Some((head, count))
            if count.ends_with(')')
                && count[..count.len() - 1].chars().all(|c| c.is_ascii_digit()) =>
        {
            head.trim().to_string()
        }
        _ => t.to_string(),
    }
}

fn read_line(raw: &str) -> Line<'_> {
    let line = raw.trim();
    if line.is_empty() {
        return Line::Blank;
    }
    if line.starts_with("```") || line.starts_with("~~~") {
        return Line::Fence;
    }
    if let Some(name) = strip_prefix_ci(line, "imported from:") {
        return Line::ImportedFrom(name.trim());
    }
    if strip_prefix_ci(line, "evidence:").is_some() {
        return Line::Evidence(line);
    }
    let hashes = line.len() - line.trim_start_matches('#').len();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        return Line::Heading(heading_text(&line[hashes..]));
    }
    let (body, marked) = match after_marker(line) {
        Some(rest) => (rest.trim_start(), true),
        None => (line, false),
    };
    // A dated line is an entry, even one that ends like a label ("[2024-03-05] - Likes:").
    if !marked && dated(line).is_none() && is_label(line) {
        return Line::Heading(heading_text(line));
    }
    match dated(body) {
        Some((date, text)) => {
            let none = NO_DATE.contains(&date.to_lowercase().as_str());
            Line::Start {
                text,
                saved: (!none).then_some(date),
                marked: true,
            }
        }
        None => Line::Start {
            text: body,
            saved: None,
            marked,
        },
    }
}

fn strip_prefix_ci<'a>(line: &'a str, prefix: &str) -> Option<&'a str> {
    let head = line.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &line[prefix.len()..])
}

/// The category a heading names, if it names one: memport's own labels, Gemini's sections,
/// the topics of Anthropic's export prompt, and Claude's memory headings.
pub fn heading_category(heading: &str) -> Option<Category> {
    let h = heading.to_lowercase();
    if let Some(c) = Category::ALL.iter().find(|c| c.label().to_lowercase() == h) {
        return Some(*c);
    }
    let has = |words: &[&str]| words.iter().any(|w| h.contains(w));
    if has(&["correction"]) {
        Some(Category::BehavioralCorrections)
    } else if has(&["instruction", "how to respond", "response"]) {
        Some(Category::ResponseInstructions)
    } else if has(&[
        "tool",
        "technical",
        "tech ",
        "language",
        "framework",
        "stack",
    ]) {
        Some(Category::TechnicalPreferences)
    } else if has(&[
        "personal",
        "demographic",
        "relationship",
        "about me",
        "about you",
        "family",
    ]) {
        Some(Category::PersonalInformation)
    } else if has(&["project", "goal", "plans", "work", "top of mind", "events"]) {
        Some(Category::ProjectsAndGoals)
    } else if has(&["other", "history", "background", "context"]) {
        Some(Category::OtherContext)
    } else {
        None
    }
}

/// Whether `next` continues the entry `prev` (a line wrapped by hand): it is indented, or it
/// starts in lower case after a line that did not end a sentence.
fn continues(prev: &str, raw_next: &str, next: &str) -> bool {
    let indented = raw_next.starts_with("  ") || raw_next.starts_with('\t');
    let ended = prev
        .trim_end()
        .ends_with(['.', '!', '?', ':', ';', ')', '"', '。']);
    let lower = next.chars().next().is_some_and(char::is_lowercase);
    indented || (!ended && lower)
}

/// Reads `text`. Never fails: an empty result is for [`entries`] to refuse.
pub fn parse(text: &str) -> Parsed {
    let text = text
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace('\r', "\n");
    let lines: Vec<&str> = text.lines().collect();
    // With a fenced code block, the memory is inside it and the rest is chatter. One pass
    // marks each line: a fence, inside a block, or outside (linear in the text's size).
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Place {
        Fence,
        Inside,
        Outside,
    }
    let mut open_block = false;
    let places: Vec<Place> = lines
        .iter()
        .map(|line| {
            if read_line(line) == Line::Fence {
                open_block = !open_block;
                Place::Fence
            } else if open_block {
                Place::Inside
            } else {
                Place::Outside
            }
        })
        .collect();
    let fenced_has_text = lines
        .iter()
        .zip(&places)
        .any(|(line, place)| *place == Place::Inside && !line.trim().is_empty());
    let mut parsed = Parsed {
        format: Format::Paragraphs,
        entries: Vec::new(),
        headings: Vec::new(),
        ignored: Vec::new(),
        from: None,
        answer_url: None,
    };
    let mut heading: Option<String> = None;
    let mut open = false; // The last line was part of the last entry (no blank between).
    let (mut dated_lines, mut evidence_lines, mut hash_headings, mut marked_lines) = (0, 0, 0, 0);
    for (i, raw) in lines.iter().enumerate() {
        if fenced_has_text && places[i] == Place::Outside {
            if !raw.trim().is_empty() {
                parsed.ignored.push(raw.trim().to_string());
            }
            continue;
        }
        match read_line(raw) {
            Line::Blank | Line::Fence => open = false,
            Line::ImportedFrom(name) => {
                parsed.from = Some(name.to_string());
                open = false;
            }
            Line::Heading(h) => {
                if raw.trim_start().starts_with('#') {
                    hash_headings += 1;
                }
                heading = (!h.is_empty()).then(|| h.clone());
                parsed.headings.push(h);
                open = false;
            }
            Line::Evidence(line) => {
                evidence_lines += 1;
                match parsed.entries.last_mut() {
                    Some(entry) => {
                        if entry.saved.is_none() {
                            entry.saved = evidence_date(line).map(str::to_string);
                        }
                        entry.evidence.push(line.to_string());
                    }
                    None => push_entry(&mut parsed.entries, line, None, heading.as_deref()),
                }
            }
            Line::Start {
                text,
                saved,
                marked,
            } => {
                let wrapped = open
                    && !marked
                    && parsed
                        .entries
                        .last()
                        .is_some_and(|e| continues(&e.text, raw, text));
                if wrapped {
                    if let Some(entry) = parsed.entries.last_mut() {
                        entry.text.push(' ');
                        entry.text.push_str(text.trim());
                    }
                } else {
                    if saved.is_some() || raw.trim_start().starts_with('[') {
                        dated_lines += 1;
                    }
                    if marked {
                        marked_lines += 1;
                    }
                    push_entry(&mut parsed.entries, text, saved, heading.as_deref());
                }
                open = true;
            }
        }
    }
    // Categories once every line is in: a wrapped line can change what the entry says.
    // A heading that is one of memport's own six labels is an explicit choice (memport's
    // exports, or the person's): it stands. Other headings guide the classifier.
    for entry in &mut parsed.entries {
        let label = entry.heading.as_deref().and_then(|h| {
            Category::ALL
                .into_iter()
                .find(|c| c.label().eq_ignore_ascii_case(h))
        });
        if let Some(category) = label {
            entry.category = category;
            entry.why = "why_rule_label";
            continue;
        }
        let under = entry.heading.as_deref().and_then(heading_category);
        let verdict = classify(&entry.text, under);
        entry.category = verdict.category;
        entry.why = verdict.reason;
    }
    // "Instructions" is one of Gemini's sections and a common label too: two of its
    // sections, or its Evidence lines, say the text is Gemini's format.
    let sections = parsed
        .headings
        .iter()
        .filter(|h| is_gemini_section(h))
        .count();
    parsed.format = if evidence_lines > 0 || sections >= 2 {
        Format::GeminiSections
    } else if dated_lines > 0 {
        Format::DatedLines
    } else if hash_headings > 0 {
        Format::Markdown
    } else if marked_lines > 0 {
        Format::List
    } else {
        Format::Paragraphs
    };
    parsed
}

fn is_gemini_section(heading: &str) -> bool {
    crate::render::GeminiSection::ALL
        .iter()
        .any(|s| s.label().eq_ignore_ascii_case(heading))
}

fn push_entry(entries: &mut Vec<Entry>, text: &str, saved: Option<&str>, heading: Option<&str>) {
    entries.push(Entry {
        text: text.trim().to_string(),
        category: Category::OtherContext,
        why: "",
        heading: heading.map(str::to_string),
        saved: saved.map(str::to_string),
        evidence: Vec::new(),
    });
}

/// The `Date: [2024-03-05]` of an `Evidence:` line.
fn evidence_date(line: &str) -> Option<&str> {
    let at = line.rfind("Date:")?;
    let rest = line[at + 5..].trim();
    let inner = rest.strip_prefix('[').and_then(|r| r.split(']').next())?;
    let inner = inner.trim();
    (!NO_DATE.contains(&inner.to_lowercase().as_str())).then_some(inner)
}

/// What a pasted or opened text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reading {
    /// Memory in an assistant's words: added to the profile.
    Text(Parsed),
    /// A memport profile file ("Download JSON"): restores the profile exactly.
    Profile(Profile),
    /// A file in an open format (PAM, the MCP memory server's JSONL): its memories are added
    /// like any others, each with the sources the file gave.
    Open(formats::Imported),
}

impl Reading {
    /// The same reading, of text "Capture the answer" read off the chat page `url` (memory
    /// in an assistant's words; a file's memories keep the sources the file gave).
    pub fn read_off(self, url: &str) -> Reading {
        match self {
            Reading::Text(mut parsed) => {
                parsed.answer_url = Some(url.to_string());
                Reading::Text(parsed)
            }
            other => other,
        }
    }
}

/// Reads `text` for a preview: [`read_at`] with no time of reading (the items of an open
/// format are read again, at the time they are added).
pub fn read(text: &str) -> Result<Reading, ImportError> {
    read_at(text, OffsetDateTime::UNIX_EPOCH)
}

/// Reads `text` at `now`: a memport profile file when it is one (by its `schema` and
/// `items`), a PAM or MCP memory file by its content ([`formats::detect`]), else memory in
/// an assistant's words.
pub fn read_at(text: &str, now: OffsetDateTime) -> Result<Reading, ImportError> {
    if let Some(open) = formats::read(text, now) {
        return open.map(Reading::Open).map_err(ImportError::Open);
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim();
    if trimmed.starts_with('{') && looks_like_profile(trimmed) {
        let chars = trimmed.chars().count();
        if chars > MAX_PROFILE_FILE_CHARS {
            let max = MAX_PROFILE_FILE_CHARS;
            return Err(ImportError::TooLong { chars, max });
        }
        return Profile::from_json(Some(trimmed))
            .map(Reading::Profile)
            .map_err(ImportError::Profile);
    }
    entries(text).map(Reading::Text)
}

/// A profile file, even a damaged one, names its schema near the start and holds items.
fn looks_like_profile(text: &str) -> bool {
    let head: String = text.chars().take(200).collect();
    head.contains("\"schema\"") && text.contains("\"items\"")
}

/// The items of `text`, read at `now`, or why there are none.
pub fn entries(text: &str) -> Result<Parsed, ImportError> {
    let chars = text.chars().count();
    if chars > MAX_IMPORT_CHARS {
        let max = MAX_IMPORT_CHARS;
        return Err(ImportError::TooLong { chars, max });
    }
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    let parsed = parse(text);
    if parsed.entries.is_empty() {
        return Err(ImportError::NoEntries);
    }
    Ok(parsed)
}

/// What the person sees before anything is added.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Preview {
    /// "Read as dated lines, as Anthropic's export prompt asks: 5 memories (2 already in your
    /// profile)."
    pub summary: String,
    pub entries: Vec<PreviewEntry>,
    /// Lines outside the code block, not imported.
    pub ignored: Vec<String>,
    /// How many entries the profile does not hold yet.
    pub new: usize,
    /// Adding replaces the whole profile (a memport profile file).
    pub replace: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PreviewEntry {
    pub text: String,
    pub category: &'static str,
    pub why: String,
    pub saved: Option<String>,
    /// Already in the profile (it will gain this text as a source, not a second copy).
    pub known: bool,
    /// What makes it sensitive ([`crate::sensitive`]); empty when nothing does. Marked in
    /// the preview; once added, it is left out of sending until the person ticks it.
    pub sensitive: Vec<String>,
}

/// The preview of `parsed` against what `profile` already holds.
pub fn preview(parsed: &Parsed, profile: &Profile) -> Preview {
    // Every id the profile answers to, and those met earlier: one lookup each.
    let mut seen = profile.held_ids();
    let entries: Vec<PreviewEntry> = parsed
        .entries
        .iter()
        .map(|e| {
            let known = !seen.insert(ItemId::of(&e.text));
            PreviewEntry {
                text: e.text.clone(),
                category: e.category.label(),
                why: i18n::t(e.why, &[]),
                saved: e.saved.clone(),
                known,
                sensitive: whats(sensitive::findings_in(&e.text, parsed.answer_url.is_some())),
            }
        })
        .collect();
    let new = entries.iter().filter(|e| !e.known).count();
    let total = entries.len();
    let known = held_note(total, new);
    let ignored = match parsed.ignored.len() {
        0 => String::new(),
        n => i18n::tn("preview_ignored", n, &[&i18n::number(n)]),
    };
    Preview {
        summary: i18n::t(
            "preview_read",
            &[
                &parsed.format.label(),
                &i18n::memories(total),
                &known,
                &ignored,
            ],
        ),
        entries,
        ignored: parsed.ignored.clone(),
        new,
        replace: false,
    }
}

/// The descriptions of `found`, for a preview entry.
pub(crate) fn whats(found: Vec<sensitive::Finding>) -> Vec<String> {
    found.into_iter().map(|f| f.what).collect()
}

/// The preview of what `reading` would do to `profile`.
pub fn preview_reading(reading: &Reading, profile: &Profile) -> Preview {
    let restored = match reading {
        Reading::Text(parsed) => return preview(parsed, profile),
        Reading::Open(open) => return preview_open(open, profile),
        Reading::Profile(restored) => restored,
    };
    let held: HashSet<&ItemId> = profile.items.iter().map(|i| &i.id).collect();
    let entries: Vec<PreviewEntry> = restored
        .items
        .iter()
        .map(|i| PreviewEntry {
            text: i.text.clone(),
            category: i.category.label(),
            why: i18n::t("why_rule_file_category", &[]),
            saved: i.sources.iter().find_map(|s| s.saved.clone()),
            known: held.contains(&i.id),
            sensitive: sensitive::marks(i),
        })
        .collect();
    let (n, held) = (restored.len(), profile.len());
    Preview {
        summary: i18n::t(
            "preview_restore",
            &[&i18n::memories(n), &i18n::memories(held)],
        ),
        new: entries.iter().filter(|e| !e.known).count(),
        entries,
        ignored: Vec::new(),
        replace: true,
    }
}

/// The preview of a PAM or MCP file's memories against `profile`.
fn preview_open(open: &formats::Imported, profile: &Profile) -> Preview {
    let held = profile.held_ids();
    let mut seen = held.clone();
    let entries: Vec<PreviewEntry> = open
        .items
        .iter()
        .map(|i| PreviewEntry {
            text: i.text.clone(),
            category: i.category.label(),
            why: i18n::t("why_rule_file_type", &[]),
            saved: i.sources.iter().find_map(|s| s.saved.clone()),
            known: !seen.insert(i.id.clone()) || i.former_ids.iter().any(|f| held.contains(f)),
            sensitive: sensitive::marks(i),
        })
        .collect();
    let new = entries.iter().filter(|e| !e.known).count();
    let total = entries.len();
    let left = match open.left_out.len() {
        0 => String::new(),
        n => i18n::tn("preview_notes", n, &[&i18n::number(n)]),
    };
    Preview {
        summary: i18n::t(
            "preview_read",
            &[
                &open.format.label(),
                &i18n::memories(total),
                &held_note(total, new),
                &left,
            ],
        ),
        entries,
        ignored: open.left_out.clone(),
        new,
        replace: false,
    }
}

/// Adds the text's memories to `profile`, or restores a memport profile file over it; the
/// message for the person and the label of the step that undoes it.
pub fn into_profile(
    text: &str,
    now: OffsetDateTime,
    profile: &mut Profile,
) -> Result<(String, String), ImportError> {
    add_reading(read_at(text, now)?, now, profile)
}

/// [`into_profile`] of what was already read (at `now`).
pub fn add_reading(
    reading: Reading,
    now: OffsetDateTime,
    profile: &mut Profile,
) -> Result<(String, String), ImportError> {
    let parsed = match reading {
        Reading::Open(open) => {
            let read = open.items.len();
            let marked = sensitive::added_note(&open.items);
            let report = profile.add(open.items);
            let message = added_message(report.added, report.known, read, Whence::File);
            return Ok((message + &marked, open.format.undo_label()));
        }
        Reading::Profile(restored) => {
            let n = restored.len();
            *profile = restored;
            let message = i18n::t("restored_profile", &[&i18n::memories(n)]);
            return Ok((message, i18n::t("undo_restored_file", &[])));
        }
        Reading::Text(parsed) => parsed,
    };
    let items = items(&parsed, now);
    let read = items.len();
    let marked = sensitive::added_note(&items);
    let report = profile.add(items);
    let message = added_message(report.added, report.known, read, Whence::Text);
    Ok((message + &marked, i18n::t("undo_imported_text", &[])))
}

/// " (2 already in your profile)" after a preview's count of `total` entries, `new` of them new.
pub(crate) fn held_note(total: usize, new: usize) -> String {
    match total - new {
        0 => String::new(),
        n if n == total => i18n::t("held_all", &[]),
        n => i18n::t("held_some", &[&i18n::number(n)]),
    }
}

/// Where added memories came from, as the message after adding them says it.
#[derive(Clone, Copy)]
pub(crate) enum Whence {
    Text,
    File,
    Export,
}

/// "Added 3 memories from the text (1 already in your profile)." after adding `read` entries.
pub(crate) fn added_message(added: usize, known: usize, read: usize, whence: Whence) -> String {
    let (in_, from) = match whence {
        Whence::Text => ("in_text", "from_text"),
        Whence::File => ("in_file", "from_file"),
        Whence::Export => ("in_export", "from_export"),
    };
    let from = i18n::t(from, &[]);
    match (added, known) {
        (added, 0) => i18n::tn("added_from", added, &[&i18n::memories(added), &from]),
        (0, _) => i18n::t("all_known", &[&i18n::number(read), &i18n::t(in_, &[])]),
        (added, known) => i18n::tn(
            "added_from_known",
            added,
            &[&i18n::memories(added), &from, &i18n::number(known)],
        ),
    }
}

/// "Copy the export prompt": memport's own request for an assistant's memory, in a form
/// [`parse`] reads back exactly: one code block, the six category labels in order, one
/// `[date] - entry` line each, verbatim.
pub fn export_prompt(assistant: Assistant) -> String {
    let (name, stores) = match assistant {
        Assistant::Claude => ("Claude", "prompt_stores_claude"),
        Assistant::ChatGpt => ("ChatGPT", "prompt_stores_chatgpt"),
        Assistant::Gemini => ("Gemini", "prompt_stores_gemini"),
    };
    // The labels stay as `parse` reads them, whatever the language the prompt is in.
    let labels: Vec<String> = Category::ALL
        .iter()
        .map(|c| format!("{}:", c.label()))
        .collect();
    i18n::t(
        "export_prompt",
        &[&name, &i18n::t(stores, &[]), &labels.join("\n")],
    )
}

/// The assistant an `Imported from:` line names, when memport knows it.
fn named_assistant(name: &str) -> Option<Assistant> {
    let lower = name.to_lowercase();
    sites::all()
        .iter()
        .find(|s| lower.contains(&s.name.to_lowercase()))
        .map(|s| s.assistant)
}

/// The profile items for what was parsed, read at `now`.
pub fn items(parsed: &Parsed, now: OffsetDateTime) -> Vec<MemoryItem> {
    let page = parsed.answer_url.as_deref();
    let assistant = parsed
        .from
        .as_deref()
        .and_then(named_assistant)
        .or_else(|| page.and_then(sites::at_origin).map(|s| s.assistant));
    let via = if page.is_some() {
        Via::Answer
    } else {
        Via::Import
    };
    parsed
        .entries
        .iter()
        .filter_map(|e| {
            let source = Source {
                assistant,
                via,
                url: page.unwrap_or_default().to_string(),
                heading: e.heading.clone(),
                captured_at: now,
                saved: e.saved.clone(),
                evidence: e.evidence.clone(),
                text: None,
            };
            MemoryItem::new(&e.text, e.category, source)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(p: &Parsed) -> Vec<&str> {
        p.entries.iter().map(|e| e.text.as_str()).collect()
    }

    #[test]
    fn anthropics_export_format_in_a_code_block_with_chatter() {
        let answer = "Sure! Here is everything I have stored about you:\n\n```\n\
            Instructions:\n\
            [2025-01-12] - Always answer in British English.\n\
            [date saved, if available] - Keep answers short.\n\
            \n\
            Personal details:\n\
            [2024-11-03] - Lives in Porto with her partner Rui.\n\
            [unknown] - Works as a product designer\n  at a fintech startup.\n\
            \n\
            Preferences and corrections:\n\
            - [2025-02-01] - Stop suggesting Medium articles.\n\
            ```\n\nLet me know if you want anything changed!";
        let p = entries(answer).unwrap();
        assert_eq!(p.format, Format::DatedLines);
        assert_eq!(
            texts(&p),
            [
                "Always answer in British English.",
                "Keep answers short.",
                "Lives in Porto with her partner Rui.",
                "Works as a product designer at a fintech startup.",
                "Stop suggesting Medium articles.",
            ]
        );
        let saved: Vec<Option<&str>> = p.entries.iter().map(|e| e.saved.as_deref()).collect();
        assert_eq!(
            saved,
            [
                Some("2025-01-12"),
                None,
                Some("2024-11-03"),
                None,
                Some("2025-02-01")
            ]
        );
        let cats: Vec<Category> = p.entries.iter().map(|e| e.category).collect();
        assert_eq!(
            cats,
            [
                Category::ResponseInstructions,
                Category::ResponseInstructions,
                Category::PersonalInformation,
                Category::PersonalInformation,
                Category::BehavioralCorrections,
            ]
        );
        assert_eq!(
            p.ignored,
            [
                "Sure! Here is everything I have stored about you:",
                "Let me know if you want anything changed!"
            ]
        );
        assert_eq!(
            p.headings,
            [
                "Instructions",
                "Personal details",
                "Preferences and corrections"
            ]
        );
    }

    #[test]
    fn geminis_sections_keep_evidence_with_its_entry() {
        let answer = "Demographics Information:\n\
            - The user lives in Porto.\n  \
              Evidence: User said \"I moved to Porto last spring\" Date: [2024-05-02].\n\
            \n\
            Interests & Preferences:\n\
            - The user prefers Figma.\n    Evidence: User said \"Figma, always\" Date: [unknown].\n\
            \n\
            Instructions:\n\
            - The user wants answers in British English.\n\
            \n\
            Imported from: ChatGPT";
        let p = entries(answer).unwrap();
        assert_eq!(p.format, Format::GeminiSections);
        assert_eq!(p.entries.len(), 3);
        assert_eq!(p.entries[0].saved.as_deref(), Some("2024-05-02"));
        assert_eq!(p.entries[0].evidence.len(), 1);
        assert!(p.entries[0].evidence[0].starts_with("Evidence: User said"));
        assert_eq!(p.entries[1].saved, None);
        assert_eq!(p.entries[0].category, Category::PersonalInformation);
        assert_eq!(p.entries[2].category, Category::ResponseInstructions);
        assert_eq!(p.from.as_deref(), Some("ChatGPT"));
        let items = items(&p, OffsetDateTime::UNIX_EPOCH);
        assert_eq!(items[0].sources[0].assistant, Some(Assistant::ChatGpt));
        assert_eq!(items[0].sources[0].via, Via::Import);
    }

    #[test]
    fn memports_own_markdown_reads_back_to_the_same_items() {
        let profile = crate::profile::fixture::profile(&[
            ("Prefers metric units.", Category::ResponseInstructions),
            ("Has two cats.", Category::PersonalInformation),
            ("Writes Rust daily.", Category::TechnicalPreferences),
            ("Stop adding emoji.", Category::BehavioralCorrections),
            ("Likes <b>jazz</b> — «bebop» 🎷", Category::OtherContext),
        ]);
        let md = crate::render::markdown(&profile);
        let p = entries(&md).unwrap();
        assert_eq!(p.format, Format::Markdown);
        let got: Vec<(&str, Category)> = p
            .entries
            .iter()
            .map(|e| (e.text.as_str(), e.category))
            .collect();
        let want: Vec<(&str, Category)> = profile
            .items
            .iter()
            .map(|i| (i.text.as_str(), i.category))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn memports_plain_text_reads_back_to_the_same_items() {
        let profile = crate::profile::fixture::profile(&[
            ("Prefers metric units", Category::ResponseInstructions),
            ("has two cats", Category::PersonalInformation),
            ("writes rust daily", Category::TechnicalPreferences),
        ]);
        let text = crate::render::category_lines(&profile.items);
        let got: Vec<(String, Category)> = entries(&text)
            .unwrap()
            .entries
            .into_iter()
            .map(|e| (e.text, e.category))
            .collect();
        let want: Vec<(String, Category)> = profile
            .items
            .iter()
            .map(|i| (i.text.clone(), i.category))
            .collect();
        assert_eq!(got, want, "lower-case lines are not taken for wrapped ones");
    }

    #[test]
    fn lists_paragraphs_and_wrapped_lines() {
        let numbered =
            "1. Lives in Leeds.\n2) Teaches chemistry\nat a high school.\n3. Coaches chess.";
        let p = entries(numbered).unwrap();
        assert_eq!(p.format, Format::List);
        assert_eq!(
            texts(&p),
            [
                "Lives in Leeds.",
                "Teaches chemistry at a high school.",
                "Coaches chess."
            ]
        );
        // Plain lines that each end a sentence stay apart; a blank line ends a paragraph.
        let plain =
            "Lives in Leeds.\nTeaches chemistry.\n\nIs learning the cello and\npractises daily.";
        assert_eq!(
            texts(&entries(plain).unwrap()),
            [
                "Lives in Leeds.",
                "Teaches chemistry.",
                "Is learning the cello and practises daily."
            ]
        );
        // **Bold** labels and Claude's headings set categories.
        let claude = "**Work context**\nLeads a data team.\n\n**Personal context**\nHas a dog.";
        let p = entries(claude).unwrap();
        assert_eq!(p.entries[0].category, Category::ProjectsAndGoals);
        assert_eq!(p.entries[1].category, Category::PersonalInformation);
    }

    #[test]
    fn every_line_is_accounted_for() {
        let answer =
            "Intro chatter\n```\n# Memory\nTools:\n- Uses Neovim\n  and tmux.\n\n- x\n```\nbye";
        let p = parse(answer);
        let accounted: usize = p.ignored.len()
            + p.headings.len()
            + 2 // the fences
            + p.entries.len()
            + 1; // the wrapped line
        let non_blank = answer.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(accounted, non_blank);
        assert_eq!(texts(&p), ["Uses Neovim and tmux.", "x"]);
        assert_eq!(p.entries[0].category, Category::TechnicalPreferences);
    }

    #[test]
    fn the_preview_says_what_is_new_and_adding_says_what_was_added() {
        let mut profile =
            crate::profile::fixture::profile(&[("Has two cats.", Category::PersonalInformation)]);
        let text = "Chatter\n```\n- Has two cats.\n- Runs marathons.\n- runs marathons\n```";
        let p = preview(&entries(text).unwrap(), &profile);
        assert_eq!(
            p.summary,
            "Read as a list: 3 memories (2 already in your profile). 1 line outside the code \
             block is left out."
        );
        assert_eq!(p.new, 1);
        assert_eq!(
            p.entries.iter().map(|e| e.known).collect::<Vec<_>>(),
            [true, false, true]
        );
        let now = OffsetDateTime::UNIX_EPOCH;
        let (said, _) = into_profile(text, now, &mut profile).unwrap();
        assert_eq!(
            said,
            "Added 1 memory from the text (2 already in your profile)."
        );
        assert_eq!(profile.len(), 2);
        let (again, _) = into_profile(text, now, &mut profile).unwrap();
        assert_eq!(
            again,
            "All 3 memories in the text were already in your profile."
        );
        assert_eq!(
            into_profile(" ", now, &mut profile),
            Err(ImportError::Empty)
        );
    }

    #[test]
    fn a_memport_profile_file_restores_the_profile_exactly() {
        let mut saved = crate::profile::fixture::profile(&[
            ("Has two cats.", Category::PersonalInformation),
            ("Likes «jazz» 🎷", Category::OtherContext),
        ]);
        let id = saved.items[1].id.clone();
        let then = OffsetDateTime::UNIX_EPOCH;
        saved
            .edit(&id, "Likes bebop", Category::OtherContext, then)
            .unwrap();
        let file = crate::download::profile_json(&saved);
        let mut held =
            crate::profile::fixture::profile(&[("Lives in Oslo.", Category::OtherContext)]);
        let p = preview_reading(&read(&file).unwrap(), &held);
        assert!(p.replace);
        assert!(p.summary.starts_with(
            "A memport profile file with 2 memories. Restoring it replaces your profile (1 \
             memory) exactly"
        ));
        let (said, label) = into_profile(&file, then, &mut held).unwrap();
        // A large profile's file is longer than a pasted answer may be, and still restores.
        let many: Vec<(String, Category)> = (0..4_000)
            .map(|i| {
                (
                    format!("Memory {i}: {}", "words ".repeat(20)),
                    Category::OtherContext,
                )
            })
            .collect();
        let many: Vec<(&str, Category)> = many.iter().map(|(t, c)| (t.as_str(), *c)).collect();
        let big = crate::profile::fixture::profile(&many);
        let big_file = crate::download::profile_json(&big);
        assert!(big_file.chars().count() > MAX_IMPORT_CHARS);
        assert_eq!(read(&big_file).unwrap(), Reading::Profile(big));
        assert_eq!(held, saved, "exactly the profile that was saved");
        assert!(said.starts_with("Restored a memport profile of 2 memories."));
        assert_eq!(label, "Restored a profile file");
        // A damaged or newer file is refused with the reason, never read as text.
        let broken = &file[..file.len() / 2];
        assert!(matches!(read(broken), Err(ImportError::Profile(_))));
        let newer = file.replacen("\"schema\": 3", "\"schema\": 99", 1);
        let err = read(&newer).unwrap_err();
        assert!(err.to_string().contains("newer memport"), "{err}");
    }

    #[test]
    fn an_answer_to_memports_prompt_reads_back_exactly() {
        let prompt = export_prompt(Assistant::ChatGpt);
        assert!(prompt.contains("your saved memories and my custom instructions"));
        for c in Category::ALL {
            assert!(prompt.contains(&format!("\n{}:", c.label())), "{c:?}");
        }
        // In another language, the labels the answer is read by stay as they are.
        i18n::set_lang(i18n::Lang::Ja);
        let prompt = export_prompt(Assistant::Gemini);
        assert!(prompt.contains("私の保存済み情報"), "{prompt}");
        for c in Category::ALL {
            assert!(prompt.contains(&format!("\n{}:", c.label())), "{c:?}");
        }
        i18n::set_lang(i18n::Lang::En);
        // An answer as the prompt asks for it, chatter included.
        let answer = "Here you go:\n```\nResponse instructions:\n[2025-01-02] - Answer in \
                      British English.\nPersonal information:\n[unknown] - Lives in Porto.\n\
                      Technical preferences:\n[2024-06-30] - Uses Neovim.\nBehavioral \
                      corrections:\n[unknown] - Stop suggesting Medium articles.\n```";
        let p = entries(answer).unwrap();
        let got: Vec<(&str, Category, Option<&str>)> = p
            .entries
            .iter()
            .map(|e| (e.text.as_str(), e.category, e.saved.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Answer in British English.",
                    Category::ResponseInstructions,
                    Some("2025-01-02")
                ),
                ("Lives in Porto.", Category::PersonalInformation, None),
                (
                    "Uses Neovim.",
                    Category::TechnicalPreferences,
                    Some("2024-06-30")
                ),
                (
                    "Stop suggesting Medium articles.",
                    Category::BehavioralCorrections,
                    None
                ),
            ]
        );
        assert_eq!(p.format, Format::DatedLines);
    }

    #[test]
    fn a_dated_line_that_ends_like_a_label_is_an_entry() {
        let p = entries("Other context:\n[2024-01-01] - Likes:\n[2024-01-02] - Work:").unwrap();
        assert_eq!(texts(&p), ["Likes:", "Work:"]);
        assert_eq!(p.headings, ["Other context"]);
        assert!(p
            .entries
            .iter()
            .all(|e| e.category == Category::OtherContext));
    }

    #[test]
    fn bad_input_says_why() {
        assert_eq!(entries("  \n\t"), Err(ImportError::Empty));
        assert_eq!(
            entries("Instructions:\n\n# Work"),
            Err(ImportError::NoEntries)
        );
        let huge = "x".repeat(MAX_IMPORT_CHARS + 1);
        assert!(matches!(entries(&huge), Err(ImportError::TooLong { .. })));
        // An unclosed fence still reads what follows it.
        assert_eq!(
            texts(&entries("```\n- Lives in Oslo.").unwrap()),
            ["Lives in Oslo."]
        );
        // Windows line ends and a byte-order mark.
        assert_eq!(
            texts(&entries("\u{feff}- a.\r\n- b.\r\n").unwrap()),
            ["a.", "b."]
        );
    }
}
