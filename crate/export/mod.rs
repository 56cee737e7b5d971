//! Memory recovered from the assistants' official data exports.
//!
//! A person leaving ChatGPT or Claude can download everything the assistant holds: a ZIP of
//! gigabytes of conversations with their memories and instructions buried inside. This module
//! finds them: ChatGPT's memory writes (`bio`), memory snapshots and custom instructions, a
//! `memory.json` if present and the account name; Claude's `conversations_memory`, project
//! memories, memory files and project instructions; the prompts of Google Takeout's "My
//! Activity" for Gemini Apps in which the person asked to be remembered. The formats are in
//! `../shared/exports.md` (as known: no vendor publishes a schema).
//!
//! Nothing is ever held whole. A [`Source`] is read by slices (a `File` natively, a browser
//! `File` through `FileReaderSync` in the options page's worker), the ZIP entry by entry
//! ([`zip`]), deflate inflated as a stream ([`inflate`]), and a large JSON array cut element
//! by element ([`split`]) so each conversation is parsed alone, with borrowed strings. That is
//! what lets a `conversations.json` larger than any JavaScript string be read in the browser.
//!
//! # What counts as memory (the contract the synthetic exports' truth files follow)
//!
//! - ChatGPT memory writes: an assistant message with `recipient: "bio"`, its text
//!   `content.parts[0]` trimmed, on any branch of the tree. Writes with the same
//!   [`crate::dedupe::key`] are one fact ([`Kind::MemoryWrite`]) with `times`, the first and last
//!   date (UTC, from `create_time`) and the first conversation's title. A fact is
//!   `contradicted_by` the latest later write that gives another value for the same
//!   [`crate::slot::Slot`].
//! - ChatGPT memory snapshots (`content_type: "model_editable_context"`, `model_set_context`):
//!   one [`Kind::MemorySnapshot`] per non-empty line, its leading number (`1.`) and date
//!   (`[2024-05-01].` or `[2024-05-01]`) taken off, the date kept as the day seen.
//! - ChatGPT custom instructions, either shape: `metadata.user_context_message_data`
//!   (`about_user_message`, `about_model_message`) when present, else the newer message's
//!   `content.user_profile` / `content.user_instructions` with the fixed boilerplate taken off
//!   (the text inside its ``` fence, without ChatGPT's own lines such as "Follow the
//!   instructions below naturally…"). One [`Kind::AboutYou`] / [`Kind::HowToRespond`] per
//!   non-empty line; lines of runtime context (`Current date: …`, `Timezone: …`,
//!   `User's timezone: …`, `Current time: …`, `Today's date: …`) are not memory.
//! - Items of the same kind with the same key are one item everywhere (`times` counts them,
//!   first and last dates and the first conversation kept).
//! - ChatGPT `memory.json` / `memories.json`: each entry (a string, or an object's `content`,
//!   `memory`, `text` or `value`) is a [`Kind::MemoryList`] item.
//! - The account's name (`user.json` `name`, Claude `users.json` `full_name`):
//!   `Account name: <name>` ([`Kind::AccountName`]).
//! - Claude `conversations_memory`, project memories, memory files, project instructions: the
//!   Markdown split into lines; a line that is only a bold or `#` heading sets the heading;
//!   every other non-empty line, its list marker (`- `, `* `, `1. `) taken off, is one item.
//!   Project memories and instructions carry the project's name as heading (its uuid when no
//!   project file names it), memory files their path, with `updated_at`'s date.
//! - Google Takeout "My Activity" (Gemini Apps): the prompt after `Prompted ` is a
//!   [`Kind::GeminiPrompt`] when it is at most 500 characters and starts (any case, after
//!   "please ", "ok ", "hey gemini, ") with one of: "remember", "don't forget", "do not
//!   forget", "keep in mind", "from now on", "going forward", "always", "never", "my name is",
//!   "call me", "i prefer", "i'd prefer", "i live in", "i'm a ", "i am a ", "i work as",
//!   "i work at", "note that i".
//! - Dates are UTC days, `YYYY-MM-DD`. Items are ordered by assistant, kind, first date, text.
//!
//! What is recovered is a list of [`Recovered`] candidates with their provenance; the person
//! chooses which to keep in the same preview as "Import text" ([`preview`], [`into_profile`]).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::category::Category;
use crate::classify::classify;
use crate::profile::{ItemId, MemoryItem, Profile, Source as ItemSource, Via};
use crate::sites::Assistant;
use crate::text_import::{self, Preview, PreviewEntry};

// The reader itself (the `reader` feature): the `memport` tool and the options page's export
// worker read exports. The service worker and the popup only preview and add what it
// recovered (`Recovered`, `preview`, `into_profile` below), so their WebAssembly module is
// built without it.
#[cfg(feature = "reader")]
mod chatgpt;
#[cfg(feature = "reader")]
mod claude;
#[cfg(feature = "reader")]
mod collect;
#[cfg(feature = "reader")]
pub mod limits;
#[cfg(feature = "reader")]
mod run;
#[cfg(feature = "reader")]
pub mod split;
#[cfg(feature = "reader")]
pub mod summary;
#[cfg(feature = "reader")]
mod takeout;
#[cfg(feature = "reader")]
pub mod warm;
#[cfg(feature = "reader")]
pub mod zip;
#[cfg(feature = "reader")]
pub mod zip_write;

#[cfg(feature = "reader")]
/// Random access to one file the person chose: read by slices, never whole.
pub trait Source {
    /// The file's name as the person knows it (`chatgpt-export.zip`, `My Activity.json`).
    fn name(&self) -> &str;
    /// Its size in bytes.
    fn len(&self) -> u64;
    /// Whether it is empty (0 bytes).
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Fills `buf` from `offset`; returns how many bytes were read (fewer only at the end).
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String>;
}

#[cfg(feature = "reader")]
/// A file held in memory, read as a file: a ZIP inside a ZIP, the warm-up's export, tests.
pub struct Bytes {
    pub(crate) name: String,
    pub(crate) data: Vec<u8>,
}

#[cfg(feature = "reader")]
impl Bytes {
    pub fn new(name: impl Into<String>, data: Vec<u8>) -> Bytes {
        Bytes {
            name: name.into(),
            data,
        }
    }
}

#[cfg(feature = "reader")]
impl Source for Bytes {
    fn name(&self) -> &str {
        &self.name
    }
    fn len(&self) -> u64 {
        self.data.len() as u64
    }
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String> {
        let start = usize::try_from(offset).map_or(self.data.len(), |o| o.min(self.data.len()));
        let n = buf.len().min(self.data.len() - start);
        buf[..n].copy_from_slice(&self.data[start..start + n]);
        Ok(n)
    }
}

/// What a recovered item is, which says where it came from in the export.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// ChatGPT: a memory write (`recipient: "bio"`), deduplicated to one fact.
    MemoryWrite,
    /// ChatGPT: a line of a memory snapshot (`model_set_context`).
    MemorySnapshot,
    /// ChatGPT custom instructions: what the person said about themselves.
    AboutYou,
    /// ChatGPT custom instructions: how the person wants answers.
    HowToRespond,
    /// ChatGPT: an entry of a `memory.json` / `memories.json`.
    MemoryList,
    /// The account's name (ChatGPT `user.json`, Claude `users.json`).
    AccountName,
    /// Claude: a line of `conversations_memory`, under one of its headings.
    ConversationsMemory,
    /// Claude: a line of a project's memory.
    ProjectMemory,
    /// Claude: a line of a memory file (`memory_files`).
    MemoryFile,
    /// Claude: a project's instructions (`prompt_template`).
    ProjectInstructions,
    /// Gemini (Takeout "My Activity"): a prompt asking to remember, or stating a lasting
    /// preference. A candidate: the person decides.
    GeminiPrompt,
}

/// One memory found in an export, with where it was found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recovered {
    pub text: String,
    pub kind: Kind,
    /// The assistant whose export it is.
    pub assistant: Assistant,
    /// The heading it stood under (a Claude memory section), the project's name, or the
    /// memory file's path.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// The title of the conversation it was found in (the first, for a repeated write).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
    /// The date it was first seen (`2024-03-05`, UTC), when the export gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_seen: Option<String>,
    /// The date it was last seen, when later than the first.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<String>,
    /// How many times it was written or repeated (1 for most).
    pub times: u32,
    /// A later memory write that contradicts this one (another home, another name...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contradicted_by: Option<String>,
    /// The file of the export it came from (`conversations-003.json` inside `export.zip`).
    pub file: String,
}

#[cfg(feature = "reader")]
/// Something that went wrong, located as closely as helps: what was recovered before it is
/// kept, and reading goes on where it can.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fault {
    /// The file the person chose, and the entry inside a ZIP (`export.zip: conversations.json`).
    pub file: String,
    /// The conversation's title (or id), when the fault is in one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation: Option<String>,
    /// The byte offset in the file or entry, where it helps.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<u64>,
    /// What is wrong and what to do, in words a person can act on.
    pub message: String,
}

#[cfg(feature = "reader")]
impl std::fmt::Display for Fault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::i18n::{number, t};
        let mut at = self.file.clone();
        if let Some(c) = &self.conversation {
            at.push_str(&t("fault_conversation", &[c]));
        }
        if let Some(o) = self.offset {
            let o = usize::try_from(o).map_or_else(|_| o.to_string(), number);
            at.push_str(&t("fault_at_byte", &[&o]));
        }
        f.write_str(&t("fault_line", &[&at, &self.message]))
    }
}

#[cfg(feature = "reader")]
/// How far the reading is, reported as it goes.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// The file being read.
    pub file: String,
    /// Bytes of the chosen files read so far, and in all.
    pub bytes_done: u64,
    pub bytes_total: u64,
    /// Conversations read so far.
    pub conversations: u64,
}

#[cfg(feature = "reader")]
/// What a whole import found.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Outcome {
    pub items: Vec<Recovered>,
    pub report: Report,
}

#[cfg(feature = "reader")]
/// What was read, skipped and wrong: the summary the person sees at the end.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Files (and ZIP entries) read, and those skipped as holding no memory (`chat.html`,
    /// media), by name.
    pub read: Vec<String>,
    pub skipped: Vec<String>,
    /// Bytes of JSON read, after inflating.
    pub json_bytes: u64,
    pub conversations: u64,
    /// Messages, nodes or entries of a shape memport does not know: skipped, counted.
    pub unknown: u64,
    pub faults: Vec<Fault>,
}

#[cfg(feature = "reader")]
/// Reads every source, calling `progress` as it goes (about every megabyte), and returns
/// what was recovered. Never fails as a whole: what goes wrong is a [`Fault`] in the report.
pub fn import(sources: &mut [&mut dyn Source], progress: &mut dyn FnMut(&Progress)) -> Outcome {
    let total = sources.iter().map(|s| s.len()).sum();
    let mut run = run::Run::new(total, progress);
    for source in sources.iter_mut() {
        run.file(&mut **source);
    }
    run.finish()
}

/// The category a recovered item goes under: its heading's where it had one (a Claude memory
/// section), the instructions category for instructions, else the classifier's; and the
/// message id saying why.
fn category_of(r: &Recovered) -> (Category, &'static str) {
    match r.kind {
        Kind::HowToRespond | Kind::ProjectInstructions => {
            (Category::ResponseInstructions, "why_rule_instructions")
        }
        Kind::AccountName => (Category::PersonalInformation, "why_rule_account_name"),
        _ => {
            let under = r.heading.as_deref().and_then(text_import::heading_category);
            match under {
                Some(c) if r.kind == Kind::ConversationsMemory => (c, "why_rule_heading"),
                _ => (classify(&r.text, None).category, "why_rule_classifier"),
            }
        }
    }
}

/// The profile items for recovered memories, read at `now`: provenance is the export (via
/// `export`), the heading or project, the conversation's title and the first date seen.
pub fn items(recovered: &[Recovered], now: OffsetDateTime) -> Vec<MemoryItem> {
    recovered
        .iter()
        .filter_map(|r| {
            let mut evidence = Vec::new();
            if let Some(c) = &r.conversation {
                evidence.push(format!("In the conversation \"{c}\""));
            }
            if r.times > 1 {
                let last = r.last_seen.as_deref().unwrap_or("?");
                evidence.push(format!("Written {} times, last on {last}", r.times));
            }
            if let Some(later) = &r.contradicted_by {
                evidence.push(format!("Contradicted later by: {later}"));
            }
            let source = ItemSource {
                assistant: Some(r.assistant),
                via: Via::DataExport,
                url: r.file.clone(),
                heading: r.heading.clone().or_else(|| r.conversation.clone()),
                captured_at: now,
                saved: r.first_seen.clone(),
                evidence,
                text: None,
            };
            MemoryItem::new(&r.text, category_of(r).0, source)
        })
        .collect()
}

/// What adding `recovered` would do to `profile`, in "Import text"'s preview.
pub fn preview(recovered: &[Recovered], profile: &Profile) -> Preview {
    // Every id the profile answers to, and those met earlier: one lookup each.
    let mut seen = profile.held_ids();
    let entries: Vec<PreviewEntry> = recovered
        .iter()
        .map(|r| {
            let (category, why) = category_of(r);
            PreviewEntry {
                text: r.text.clone(),
                category: category.label(),
                why: crate::i18n::t(why, &[]),
                saved: r.first_seen.clone(),
                known: !seen.insert(ItemId::of(&r.text)),
                sensitive: text_import::whats(crate::sensitive::scan(&r.text)),
            }
        })
        .collect();
    let new = entries.iter().filter(|e| !e.known).count();
    let total = entries.len();
    let known = text_import::held_note(total, new);
    Preview {
        summary: crate::i18n::t("export_recovered", &[&crate::i18n::memories(total), &known]),
        entries,
        ignored: Vec::new(),
        new,
        replace: false,
    }
}

/// Adds the recovered memories the person kept; the message and the undo step's label.
pub fn into_profile(
    recovered: &[Recovered],
    now: OffsetDateTime,
    profile: &mut Profile,
) -> (String, String) {
    let items = items(recovered, now);
    let read = items.len();
    let marked = crate::sensitive::added_note(&items);
    let report = profile.add(items);
    let message = text_import::added_message(
        report.added,
        report.known,
        read,
        text_import::Whence::Export,
    );
    (
        message + &marked,
        crate::i18n::t("undo_imported_export", &[]),
    )
}

/// A file on disk, read by slices: what the `memport` tool, the tests and the benchmark read
/// exports through. (The browser's `File` is `crate::web::data_export`'s.)
#[cfg(all(feature = "reader", not(target_arch = "wasm32")))]
pub struct DiskFile {
    name: String,
    file: std::fs::File,
    len: u64,
}

#[cfg(all(feature = "reader", not(target_arch = "wasm32")))]
impl DiskFile {
    /// Opens `path`, to be named `name` in progress and faults.
    pub fn open(path: &std::path::Path, name: String) -> std::io::Result<DiskFile> {
        let file = std::fs::File::open(path)?;
        let len = file.metadata()?.len();
        Ok(DiskFile { name, file, len })
    }
}

#[cfg(all(feature = "reader", not(target_arch = "wasm32")))]
impl Source for DiskFile {
    fn name(&self) -> &str {
        &self.name
    }
    fn len(&self) -> u64 {
        self.len
    }
    fn read_at(&mut self, offset: u64, buf: &mut [u8]) -> Result<usize, String> {
        use std::io::{Read, Seek, SeekFrom};
        self.file
            .seek(SeekFrom::Start(offset))
            .map_err(|e| e.to_string())?;
        let mut n = 0;
        while n < buf.len() {
            match self.file.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(k) => n += k,
                Err(e) => return Err(e.to_string()),
            }
        }
        Ok(n)
    }
}
