//! One import: which file is what, reading each as a stream, and the report.

use std::cell::Cell;
use std::collections::HashMap;

use super::collect::Collector;
use super::limits::{self, Budget};
use super::split::{Element, Elements, SplitError, Splitter};
use super::zip::{self, Archive, Flow, ZipError};
use super::{chatgpt, claude, takeout, Bytes, Fault, Outcome, Progress, Report, Source};
use crate::i18n;
use crate::sites::Assistant;

/// What a file (or ZIP entry) is taken to hold, by its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    /// `conversations.json`, `conversations-000.json`: ChatGPT's (or Claude's) conversations.
    Conversations,
    /// ChatGPT's `user.json` / Claude's `users.json`: the account's name.
    Account,
    /// `memory.json` / `memories.json`: Claude's memory, or a ChatGPT memory list.
    Memories,
    /// Claude's `memories/<uuid>.json`.
    ClaudeMemory,
    /// Claude's `projects.json` / `projects/<uuid>.json`.
    Projects,
    /// Takeout's `My Activity.json`.
    Activity,
    /// A ZIP inside the ZIP (Claude's per-category parts).
    Nested,
    /// Another JSON file: read, each element recognised by its shape.
    Other,
    /// Holds no memory (`chat.html`, media, feedback, Claude's conversations...).
    Skip,
}

fn role_of(path: &str, in_claude: bool) -> Role {
    let lower = path.to_lowercase();
    let base = lower.rsplit('/').next().unwrap_or(&lower);
    let conversations = base == "conversations.json"
        || (base.starts_with("conversations-") && base.ends_with(".json"));
    if base.ends_with(".zip") {
        let skip = ["conversations-", "design_chats-", "light_metadata-"];
        return if skip.iter().any(|s| base.starts_with(s)) {
            Role::Skip
        } else {
            Role::Nested
        };
    }
    if !base.ends_with(".json") {
        return Role::Skip;
    }
    match base {
        _ if conversations => {
            if in_claude {
                Role::Skip
            } else {
                Role::Conversations
            }
        }
        "user.json" | "users.json" => Role::Account,
        "memory.json" | "memories.json" => Role::Memories,
        "projects.json" => Role::Projects,
        "my activity.json" | "myactivity.json" => Role::Activity,
        "message_feedback.json"
        | "shared_conversations.json"
        | "model_comparisons.json"
        | "export_manifest.json"
        | "user_settings.json"
        | "manifest.json" => Role::Skip,
        _ if lower.contains("memories/") => Role::ClaudeMemory,
        _ if lower.contains("projects/") => Role::Projects,
        _ => Role::Other,
    }
}

/// Whether a ZIP's entries are Claude's export (its conversations then hold no memory).
fn is_claude(names: &[&str]) -> bool {
    names.iter().any(|n| {
        let l = n.to_lowercase();
        let base = l.rsplit('/').next().unwrap_or(&l).to_string();
        base == "users.json"
            || base == "projects.json"
            || l.contains("memories/")
            || l.contains("projects/")
    })
}

/// The largest nested ZIP inflated into memory to be read (Claude's memory and project parts
/// are far smaller).
const MAX_NESTED: u64 = 64 << 20;

/// The most faults listed one by one; beyond, they are counted.
const MAX_FAULTS: usize = 200;

pub struct Run<'p> {
    collector: Collector,
    report: Report,
    names: HashMap<String, String>,
    progress: &'p mut dyn FnMut(&Progress),
    /// Bytes of the chosen files before the one being read, and all.
    done_before: u64,
    total: u64,
    file: String,
    more_faults: u64,
    /// ZIPs open around the one being read: 1 in the chosen ZIP.
    depth: u32,
    /// Bytes the import may still take out of ZIP entries.
    budget: Budget,
}

impl<'p> Run<'p> {
    pub fn new(total: u64, progress: &'p mut dyn FnMut(&Progress)) -> Run<'p> {
        Run {
            collector: Collector::default(),
            report: Report::default(),
            names: HashMap::new(),
            progress,
            done_before: 0,
            total,
            file: String::new(),
            more_faults: 0,
            depth: 0,
            budget: Budget::new(total),
        }
    }

    pub fn finish(mut self) -> Outcome {
        if self.more_faults > 0 {
            let more = usize::try_from(self.more_faults).unwrap_or(usize::MAX);
            self.report.faults.push(Fault {
                file: i18n::t("fault_all_files", &[]),
                conversation: None,
                offset: None,
                message: i18n::tn("fault_more", more, &[&i18n::number(more)]),
            });
        }
        let names = std::mem::take(&mut self.names);
        self.collector.name_projects(&names);
        (self.progress)(&Progress {
            file: String::new(),
            bytes_done: self.total,
            bytes_total: self.total,
            conversations: self.report.conversations,
        });
        Outcome {
            items: self.collector.finish(),
            report: self.report,
        }
    }

    fn fault(
        &mut self,
        file: &str,
        conversation: Option<String>,
        offset: Option<u64>,
        message: String,
    ) {
        if self.report.faults.len() >= MAX_FAULTS {
            self.more_faults += 1;
            return;
        }
        self.report.faults.push(Fault {
            file: file.to_string(),
            conversation,
            offset,
            message,
        });
    }

    fn tell(&mut self, done_in_file: u64) {
        let p = Progress {
            file: self.file.clone(),
            bytes_done: (self.done_before + done_in_file).min(self.total),
            bytes_total: self.total,
            conversations: self.report.conversations,
        };
        (self.progress)(&p);
    }

    /// Reads one chosen file.
    pub fn file(&mut self, src: &mut dyn Source) {
        let name = src.name().to_string();
        self.file = name.clone();
        let len = src.len();
        if len == 0 {
            self.fault(&name, None, None, i18n::t("fault_empty_file", &[]));
        } else if zip::looks_like_zip(src) {
            self.archive(src, &name);
        } else {
            let role = match role_of(&name, false) {
                Role::Skip | Role::Nested => {
                    if name.to_lowercase().ends_with(".html") {
                        self.fault(&name, None, None, i18n::t("fault_web_page", &[]));
                    } else if name.to_lowercase().ends_with(".zip") {
                        self.fault(&name, None, None, ZipError::NotZip.to_string());
                    } else {
                        self.report.skipped.push(name.clone());
                    }
                    self.done_before += len;
                    return;
                }
                r => r,
            };
            self.report.read.push(name.clone());
            let mut at = 0u64;
            let mut buf = vec![0u8; zip::PIECE];
            let mut doc = Document::new(role, name.clone(), Assistant::ChatGpt);
            while at < len {
                let want = (len - at).min(buf.len() as u64) as usize;
                let n = match src.read_at(at, &mut buf[..want]) {
                    Ok(0) => break,
                    Ok(n) => n,
                    Err(detail) => {
                        let e = ZipError::Read { offset: at, detail };
                        self.fault(&name, None, Some(at), e.to_string());
                        break;
                    }
                };
                at += n as u64;
                let more = doc.push(&buf[..n], self);
                self.tell(at);
                if !more {
                    break;
                }
            }
            doc.end(self);
        }
        self.done_before += len;
    }

    fn archive(&mut self, src: &mut dyn Source, name: &str) {
        self.depth += 1;
        self.entries(src, name);
        self.depth -= 1;
    }

    fn entries(&mut self, src: &mut dyn Source, name: &str) {
        let archive: Archive = match zip::open(src) {
            Ok(a) => a,
            Err(e) => {
                let offset = e.offset();
                self.fault(name, None, offset, e.to_string());
                return;
            }
        };
        if archive.truncated {
            self.fault(
                name,
                None,
                Some(src.len()),
                ZipError::CutShort { offset: src.len() }.to_string(),
            );
        }
        let names: Vec<&str> = archive.entries.iter().map(|e| e.name.as_str()).collect();
        let claude = is_claude(&names);
        let assistant = if claude {
            Assistant::Claude
        } else if names
            .iter()
            .any(|n| n.to_lowercase().contains("my activity"))
        {
            Assistant::Gemini
        } else {
            Assistant::ChatGpt
        };
        let roles: Vec<Role> = archive
            .entries
            .iter()
            .map(|e| {
                if e.is_dir() {
                    Role::Skip
                } else {
                    role_of(&e.name, claude)
                }
            })
            .collect();
        if !roles.iter().any(|r| !matches!(r, Role::Skip | Role::Other)) {
            let mut listed: Vec<&str> = names.iter().take(5).copied().collect();
            if names.len() > 5 {
                listed.push("…");
            }
            let holds = if listed.is_empty() {
                i18n::t("fault_nothing", &[])
            } else {
                listed.join(", ")
            };
            self.fault(name, None, None, i18n::t("fault_not_an_export", &[&holds]));
            return;
        }
        for (entry, role) in archive.entries.iter().zip(roles) {
            let label = format!("{name}: {}", entry.name);
            if entry.is_dir() {
                continue;
            }
            if self.budget.spent() {
                // Said once, where it ran out: the rest is not read.
                return;
            }
            if role == Role::Skip {
                self.report.skipped.push(label);
                continue;
            }
            if role == Role::Nested {
                self.nested(src, entry, &label);
                continue;
            }
            self.report.read.push(label.clone());
            let mut doc = Document::new(role, label.clone(), assistant);
            let position = Cell::new(0u64);
            let result = {
                let this = &mut *self;
                zip::stream(
                    src,
                    entry,
                    &mut |piece| {
                        if !this.budget.take(piece.len()) {
                            return Flow::Stop;
                        }
                        let more = doc.push(piece, this);
                        this.tell(position.get());
                        if more {
                            Flow::Continue
                        } else {
                            Flow::Stop
                        }
                    },
                    // Near enough for progress: from the entry's header.
                    &mut |read| position.set(entry.header_offset + read),
                )
            };
            match result {
                Ok(()) if self.budget.spent() => {
                    let message = self.budget.message();
                    self.fault(&label, None, None, message);
                }
                Ok(()) => doc.end(self),
                Err(e) => {
                    // What the entry gave before the fault is kept; an element it cut is part
                    // of the same fault, not another.
                    let offset = e.offset();
                    self.fault(&label, None, offset, e.to_string());
                }
            }
        }
    }

    /// A ZIP inside the ZIP: read from its bytes (stored) or inflated into memory, down to
    /// [`limits::MAX_DEPTH`] ZIPs.
    fn nested(&mut self, src: &mut dyn Source, entry: &zip::Entry, label: &str) {
        if self.depth >= limits::MAX_DEPTH {
            self.fault(label, None, None, limits::too_deep());
            return;
        }
        let large = || i18n::t("fault_large_nested_zip", &[]);
        if entry.size.is_some_and(|s| s > MAX_NESTED) {
            self.fault(label, None, None, large());
            return;
        }
        let mut data = Vec::new();
        let mut over = false;
        let budget = &mut self.budget;
        let result = zip::stream(
            src,
            entry,
            &mut |piece| {
                if !budget.take(piece.len()) {
                    return Flow::Stop;
                }
                data.extend_from_slice(piece);
                // Its header said less (or nothing): held no further.
                over = data.len() as u64 > MAX_NESTED;
                if over {
                    Flow::Stop
                } else {
                    Flow::Continue
                }
            },
            &mut |_| {},
        );
        if let Err(e) = result {
            let offset = e.offset();
            self.fault(label, None, offset, e.to_string());
            return;
        }
        if self.budget.spent() {
            let message = self.budget.message();
            self.fault(label, None, None, message);
            return;
        }
        if over {
            self.fault(label, None, None, large());
            return;
        }
        let mut inner = Bytes {
            name: label.to_string(),
            data,
        };
        let before = self.done_before;
        let file = self.file.clone();
        self.archive(&mut inner, label);
        self.done_before = before;
        self.file = file;
    }
}

/// One JSON document being read: split into elements, each recognised and read.
struct Document {
    role: Role,
    label: String,
    assistant: Assistant,
    splitter: Splitter,
    /// Elements that could not be read, for the summary fault.
    failed: u64,
    /// The document is not JSON: reading stopped.
    broken: bool,
    /// An element was a ChatGPT conversation: the next are read ahead of the splitter.
    chatgpt: bool,
}

/// A document's elements, read as the splitter finds them.
struct Reader<'d, 'r, 'p> {
    role: Role,
    label: &'d str,
    assistant: Assistant,
    run: &'r mut Run<'p>,
    failed: &'d mut u64,
    chatgpt: &'d mut bool,
}

impl Elements for Reader<'_, '_, '_> {
    fn element(&mut self, el: Element<'_>) {
        let run = &mut *self.run;
        if !*self.chatgpt
            && matches!(self.role, Role::Conversations | Role::Other)
            && chatgpt::is_chatgpt(el.bytes)
        {
            *self.chatgpt = true;
        }
        if !element(
            self.role,
            self.label,
            self.assistant,
            el.bytes,
            el.offset,
            run,
        ) {
            *self.failed += 1;
        }
    }

    /// Most of an export's bytes are ChatGPT conversations: once one has been seen, each is
    /// parsed where it starts, which saves the splitter's scan of it (about a fifth of a
    /// run).
    fn ahead(&mut self, rest: &[u8], offset: u64) -> Option<usize> {
        if !*self.chatgpt {
            return None;
        }
        let run = &mut *self.run;
        run.collector.set_assistant(Assistant::ChatGpt);
        let (len, read) = chatgpt::conversation_ahead(rest, self.label, &mut run.collector)?;
        if !conversation_read(read, self.label, offset, run) {
            *self.failed += 1;
        }
        Some(len)
    }
}

impl Document {
    fn new(role: Role, label: String, assistant: Assistant) -> Document {
        Document {
            role,
            label,
            assistant,
            splitter: Splitter::new(),
            failed: 0,
            broken: false,
            chatgpt: false,
        }
    }

    /// Takes the next piece; false when nothing more is worth reading.
    fn push(&mut self, piece: &[u8], run: &mut Run<'_>) -> bool {
        if self.broken {
            return false;
        }
        run.report.json_bytes += piece.len() as u64;
        let mut reader = Reader {
            role: self.role,
            label: &self.label,
            assistant: self.assistant,
            run,
            failed: &mut self.failed,
            chatgpt: &mut self.chatgpt,
        };
        let result = self.splitter.push(piece, &mut reader);
        match result {
            Ok(()) => true,
            Err(e) => {
                self.broken = true;
                split_fault(&self.label, e, run);
                false
            }
        }
    }

    fn end(&mut self, run: &mut Run<'_>) {
        if self.broken {
            return;
        }
        if let Err(e) = self.splitter.finish() {
            split_fault(&self.label, e, run);
        }
    }
}

fn split_fault(label: &str, e: SplitError, run: &mut Run<'_>) {
    let (offset, message) = match e {
        SplitError::CutShort { offset, elements } => (offset, {
            let n = usize::try_from(elements).unwrap_or(usize::MAX);
            i18n::tn("fault_cut_short", n, &[&i18n::number(n)])
        }),
        SplitError::NotJson { offset } => (offset, i18n::t("fault_not_json", &[])),
        SplitError::TooLarge { offset } => (offset, i18n::t("fault_entry_too_large", &[])),
    };
    run.fault(label, None, Some(offset), message);
}

/// Counts a ChatGPT conversation read at `offset` and reports what was wrong with it; false
/// when it could not be read.
fn conversation_read(
    read: Result<chatgpt::Read, chatgpt::Unreadable>,
    label: &str,
    offset: u64,
    run: &mut Run<'_>,
) -> bool {
    run.report.conversations += 1;
    match read {
        Ok(read) => {
            run.report.unknown += read.unknown;
            if let Some(why) = read.broken {
                run.fault(label, Some(read.name), Some(offset), why);
            }
            true
        }
        Err(e) => {
            let message = i18n::t("fault_conversation_skipped", &[&e.detail]);
            run.fault(label, e.name, Some(offset), message);
            false
        }
    }
}

/// Reads one element; false when it could not be read.
fn element(
    role: Role,
    label: &str,
    assistant: Assistant,
    bytes: &[u8],
    offset: u64,
    run: &mut Run<'_>,
) -> bool {
    let collector = &mut run.collector;
    // Recognised by shape where the name does not settle it.
    let conversation =
        matches!(role, Role::Conversations | Role::Other) && chatgpt::is_chatgpt(bytes);
    if conversation {
        collector.set_assistant(Assistant::ChatGpt);
        let read = chatgpt::conversation(bytes, label, collector);
        return conversation_read(read, label, offset, run);
    }
    let result = match role {
        Role::Conversations => {
            // Claude's conversations (by shape): no memory of their own.
            if memchr::memmem::find(bytes, b"\"chat_messages\"").is_some()
                || memchr::memmem::find(bytes, b"\"messages\"").is_some()
            {
                run.report.conversations += 1;
            } else {
                run.report.unknown += 1;
            }
            Ok(())
        }
        Role::Account => {
            collector.set_assistant(if label.to_lowercase().ends_with("users.json") {
                Assistant::Claude
            } else {
                assistant
            });
            claude::account(bytes, label, collector).map(|_| ())
        }
        Role::Memories | Role::ClaudeMemory | Role::Other if claude::is_memory(bytes) => {
            collector.set_assistant(Assistant::Claude);
            claude::memory(bytes, label, collector)
        }
        Role::Projects | Role::Other if claude::is_project(bytes) => {
            collector.set_assistant(Assistant::Claude);
            claude::project(bytes, label, collector, &mut run.names)
        }
        Role::Projects => {
            collector.set_assistant(Assistant::Claude);
            claude::project(bytes, label, collector, &mut run.names)
        }
        Role::Memories => {
            collector.set_assistant(assistant);
            chatgpt::memory_list(bytes, label, collector)
        }
        Role::Activity | Role::Other if takeout::is_activity(bytes) => {
            collector.set_assistant(Assistant::Gemini);
            takeout::activity(bytes, label, collector).map(|_| ())
        }
        _ => {
            run.report.unknown += 1;
            Ok(())
        }
    };
    match result {
        Ok(()) => true,
        Err(detail) => {
            run.fault(
                label,
                None,
                Some(offset),
                i18n::t("fault_entry_skipped", &[&detail]),
            );
            false
        }
    }
}
