//! Putting the profile into a target's import boxes: the plans the page code carries out,
//! and the judgement of what it reports.
//!
//! Filling goes in two steps so that Rust decides everything. First the page code finds the
//! boxes and says what they hold ([`SendPlan::inspect_plan`]). If any holds other text, the person
//! is asked (replace, keep and add below, or leave it). Rust then fits each box's entries
//! within its character limit, never cutting an entry: what does not fit is listed to the
//! person. Then the page code puts the texts in the way each editor's own input handling
//! registers, and reads them back ([`SendPlan::put_plan`], [`SendPlan::judge`]). Nothing is ever
//! submitted: the message names the button the person presses themselves.

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::i18n;
use crate::notice::Notice;
use crate::parts::{self, Part, Parts};
use crate::profile::{ItemId, MemoryItem, Profile};
use crate::render;
use crate::sensitive;
use crate::sentences;
use crate::sites::{self, Assistant, EditorKind, ImportFormat, Locator};

/// Put between the person's own text and memport's when they keep both.
const SEPARATOR: &str = "\n\n";

/// The page may open its own dialog (from its URL); it gets this long before memport presses
/// the opener.
const OPEN_AFTER_MS: u32 = 1500;

/// Which way into the target: its import page, or a chat message.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Way {
    #[default]
    Import,
    ChatMessage,
}

impl Way {
    /// Its name in messages and storage keys: "import", "chat_message".
    pub fn key(self) -> &'static str {
        match self {
            Way::Import => "import",
            Way::ChatMessage => "chat_message",
        }
    }
}

/// One way into a target that memport offers the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SendTarget {
    pub target: Assistant,
    pub way: Way,
    /// The assistant's name as written everywhere (names are not translated).
    pub name: &'static str,
    /// What the popup's button and the context menu's item are known by: `send-<stem>`,
    /// `send-to-<stem>`.
    pub stem: &'static str,
}

/// Every way into a target memport offers, in the order the popup's send buttons and the
/// context menu's "Send memory to" list them: the one list both are made from (the popup's
/// through `sendTargets` in `crate/web/popup.rs`, the menu's in `messages::menu`).
pub const SEND_TARGETS: [SendTarget; 5] = [
    SendTarget {
        target: Assistant::Gemini,
        way: Way::Import,
        name: "Gemini",
        stem: "gemini",
    },
    SendTarget {
        target: Assistant::Claude,
        way: Way::Import,
        name: "Claude",
        stem: "claude",
    },
    SendTarget {
        target: Assistant::ChatGpt,
        way: Way::Import,
        name: "ChatGPT",
        stem: "chatgpt",
    },
    SendTarget {
        target: Assistant::ChatGpt,
        way: Way::ChatMessage,
        name: "ChatGPT",
        stem: "chatgpt-chat",
    },
    SendTarget {
        target: Assistant::Gemini,
        way: Way::ChatMessage,
        name: "Gemini",
        stem: "gemini-chat",
    },
];

/// Step one: find the boxes and say what they hold.
#[derive(Clone, Debug, Serialize)]
pub struct InspectPlan {
    /// The page must be the top frame of exactly this origin.
    pub origin: String,
    /// Each box's locators, in the page's order.
    pub boxes: Vec<Vec<Locator>>,
    /// Pressed when no box has appeared after `open_after_ms` (a dialog's button).
    pub open: Vec<Locator>,
    pub open_after_ms: u32,
    pub wait_ms: u32,
}

/// What the page code found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Internally tagged by "outcome", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum Inspected {
    /// One entry per box of the plan, in order.
    Boxes { boxes: Vec<BoxState> },
    /// The page was not the top frame of the plan's origin.
    WrongPage { url: String },
}
crate::tagged::internally_tagged!(Inspected, "outcome");

/// One box as found.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoxState {
    /// Which locator found it; `None` when none did.
    pub found_by: Option<String>,
    /// What it held.
    pub value: String,
    /// It takes one line only (an `<input>`, found by meaning where the site file expected a
    /// box): line breaks would be dropped, so the entries go in on one line.
    #[serde(default)]
    pub single_line: bool,
}

/// The in-page question before anything already typed is touched.
#[derive(Clone, Debug, Serialize)]
pub struct Ask {
    pub question: String,
    pub replace: String,
    pub append: String,
    pub keep: String,
    /// Unanswered for this long, the boxes are left alone (the worker cannot wait for ever).
    pub answer_within_ms: u32,
}

/// The person's answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Choice {
    Replace,
    Append,
    Keep,
}

/// Step two: put these texts in.
#[derive(Clone, Debug, Serialize)]
pub struct PutPlan {
    pub origin: String,
    pub boxes: Vec<PutBox>,
}

#[derive(Clone, Debug, Serialize)]
pub struct PutBox {
    pub target: Vec<Locator>,
    pub editor: EditorKind,
    pub text: String,
}

/// What the page code reports after putting the texts in: one entry per box of the plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Put {
    pub boxes: Vec<PutState>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PutState {
    pub found_by: Option<String>,
    /// The box's text after filling, read back from the page.
    pub read_back: String,
    /// The box found is an editable element (a rich editor), whatever the site file says:
    /// found by meaning, it may be another kind than the file names.
    #[serde(default)]
    pub editable: bool,
}

/// Why there is nothing to fill.
#[derive(Debug, PartialEq, Eq)]
pub enum SendError {
    EmptyProfile,
    NoImportPage {
        name: String,
    },
    /// The person's choice named none of the profile's items.
    NoneChosen,
    /// Everything was to be sent, and every item is flagged sensitive.
    AllSensitive {
        withheld: usize,
    },
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let said = match self {
            SendError::EmptyProfile => i18n::t(
                "send_empty_profile",
                &[&i18n::t(crate::capture::BUTTON_LABEL, &[])],
            ),
            SendError::NoImportPage { name } => i18n::t("send_no_import_page", &[name]),
            SendError::NoneChosen => i18n::t("send_none_chosen", &[]),
            SendError::AllSensitive { withheld } => {
                i18n::tn("send_all_sensitive", *withheld, &[&i18n::number(*withheld)])
            }
        };
        f.write_str(&said)
    }
}

impl std::error::Error for SendError {}

/// The message id of the button on the page's notice that copies the text memport could not
/// fill in ("Copy my memory").
pub const COPY_BUTTON: &str = "copy_button";

/// The page notice's offer to copy the text memport could not fill in: the page code puts
/// `text` on the clipboard only when the person presses `button`, then says `done` (or
/// `failed`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CopyOffer {
    pub button: String,
    pub text: String,
    pub done: String,
    pub failed: String,
}

/// One box to fill and the entries meant for it.
#[derive(Clone, Debug)]
pub struct BoxSend {
    pub label: String,
    pub target: Vec<Locator>,
    pub editor: EditorKind,
    pub max_chars: Option<u32>,
    /// The most UTF-8 bytes it takes ([`sites::ImportBox::max_bytes`]).
    pub max_bytes: Option<u32>,
    /// Over `max_bytes`, the entries go in parts, one per send ([`SendPlan::in_parts`]).
    pub in_parts: bool,
    /// The most characters one entry may hold: longer ones go in as several, split between
    /// sentences ([`sentences::pack`]).
    pub entry_max_chars: Option<u32>,
    pub entries: Vec<MemoryItem>,
    /// Entries left out because one of their sentences alone is over `entry_max_chars`.
    pub too_long: Vec<String>,
    /// Entries that do not fit in `max_bytes` even alone, so in no part.
    pub too_big: Vec<String>,
    /// How many entries were over `entry_max_chars`, and how many entries they went in as.
    pub split: (usize, usize),
}

/// Everything the worker needs to send the profile to `target`.
#[derive(Clone, Debug)]
pub struct SendPlan {
    pub target: Assistant,
    pub name: String,
    /// "import box", "custom instructions".
    pub title: String,
    pub url: String,
    pub url_patterns: Vec<String>,
    pub fragments: Vec<String>,
    /// Pages that look like the target's but are never filled ([`sites::ImportPage::never_in`]).
    pub never_in: Vec<String>,
    pub origin: String,
    pub submit_label: String,
    pub format: ImportFormat,
    pub open: Vec<Locator>,
    pub wait_ms: u32,
    pub boxes: Vec<BoxSend>,
    /// Items flagged sensitive that this send leaves out (the person did not tick them).
    pub withheld: usize,
    /// The part of the profile this send carries, when it goes in parts.
    pub part: Option<Part>,
}

/// The texts planned for each box, and the entries that did not fit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub plan_texts: Vec<String>,
    /// Per box: the entries left out for want of room.
    pub left_out: Vec<Vec<String>>,
    /// Per box: whether it was found (entries of a missing box are listed, not lost).
    pub found: Vec<bool>,
}

/// The plan for sending `profile` to `target`, the `way` the person chose.
pub fn prepare(target: Assistant, way: Way, profile: &Profile) -> Result<SendPlan, SendError> {
    let page = match way {
        Way::Import => sites::import_page(target),
        Way::ChatMessage => sites::chat_page(target),
    };
    let (site, page) = page.ok_or_else(|| SendError::NoImportPage {
        name: sites::get(target).map_or_else(|| format!("{target:?}"), |s| s.name.clone()),
    })?;
    if profile.is_empty() {
        return Err(SendError::EmptyProfile);
    }
    // Each item goes to the first box naming its category, else to the first box naming
    // none, in the profile's order (each format groups as it needs).
    let claimed: Vec<Category> = page
        .boxes
        .iter()
        .flat_map(|b| b.categories.clone())
        .collect();
    let home = |category: Category| {
        page.boxes
            .iter()
            .position(|b| b.categories.contains(&category))
            .or_else(|| {
                (!claimed.contains(&category))
                    .then(|| page.boxes.iter().position(|b| b.categories.is_empty()))
                    .flatten()
            })
    };
    let mut boxes: Vec<BoxSend> = page
        .boxes
        .iter()
        .enumerate()
        .map(|(i, b)| BoxSend {
            label: b.label.clone(),
            target: page.box_locators(i),
            editor: b.editor,
            max_chars: b.max_chars,
            max_bytes: b.max_bytes,
            in_parts: b.in_parts,
            entry_max_chars: b.entry_max_chars,
            entries: Vec::new(),
            too_long: Vec::new(),
            too_big: Vec::new(),
            split: (0, 0),
        })
        .collect();
    for item in &profile.items {
        if let Some(i) = home(item.category) {
            let b = &mut boxes[i];
            match b.entry_max_chars.map(|max| pieces(item, max as usize)) {
                Some(None) => b.too_long.push(item.text.clone()),
                Some(Some(n)) if n > 1 => {
                    b.split.0 += 1;
                    b.split.1 += n;
                    b.entries.push(item.clone());
                }
                _ => b.entries.push(item.clone()),
            }
        }
    }
    Ok(SendPlan {
        target,
        name: site.name.clone(),
        title: page.title.clone(),
        url: page.url.clone(),
        url_patterns: page.url_patterns.clone(),
        fragments: page.fragments.clone(),
        never_in: page.never_in.clone(),
        origin: site.origin.clone(),
        submit_label: page.submit_label.clone(),
        format: page.format,
        open: page.open.clone(),
        wait_ms: page.wait_ms,
        boxes,
        withheld: 0,
        part: None,
    })
}

/// How many entries `item` goes in as when one entry holds at most `max` characters (its
/// text as every renderer writes it, on one line); `None` when a single sentence is longer.
fn pieces(item: &MemoryItem, max: usize) -> Option<usize> {
    let text = render::one_line(&item.text);
    sentences::pack(&text, max).map(|p| p.len())
}

/// `entries`, each longer than `max` characters cut between sentences into entries that fit
/// (the same item, its text a piece); one that cannot be is left out ([`prepare`] lists it).
fn within_entry_limit(entries: &[&MemoryItem], max: usize) -> Vec<MemoryItem> {
    let mut out = Vec::with_capacity(entries.len());
    for item in entries {
        let text = render::one_line(&item.text);
        if text.chars().count() <= max {
            out.push((*item).clone());
            continue;
        }
        for piece in sentences::pack(&text, max).unwrap_or_default() {
            out.push(MemoryItem {
                text: piece.to_string(),
                ..(*item).clone()
            });
        }
    }
    out
}

/// The items a send carries, and how many flagged ones it leaves out. `chosen` is the
/// person's ticks in the popup: exactly those items go, flagged or not (they saw the mark and
/// ticked it). `None` is "send everything" (the context menu, the in-page button): every item
/// except those flagged [`sensitive`], which go only when ticked.
pub fn choose(profile: &Profile, chosen: Option<&[ItemId]>) -> (Vec<MemoryItem>, usize) {
    let ticked: Option<std::collections::HashSet<&ItemId>> = chosen.map(|ids| ids.iter().collect());
    let mut withheld = 0;
    let items = profile
        .items
        .iter()
        .filter(|item| {
            let go = match &ticked {
                Some(ids) => ids.contains(&item.id),
                None => !sensitive::is_flagged(item),
            };
            if !go && (ticked.is_none() || sensitive::is_flagged(item)) {
                withheld += 1;
            }
            go
        })
        .cloned()
        .collect();
    (items, withheld)
}

/// [`prepare`] for the items [`choose`] picks: what the worker sends and `memport import
/// --for` prints.
pub fn prepare_chosen(
    target: Assistant,
    way: Way,
    profile: &Profile,
    chosen: Option<&[ItemId]>,
) -> Result<SendPlan, SendError> {
    if profile.is_empty() {
        return prepare(target, way, profile);
    }
    let (items, withheld) = choose(profile, chosen);
    if items.is_empty() {
        return Err(match chosen {
            Some(_) => SendError::NoneChosen,
            None => SendError::AllSensitive { withheld },
        });
    }
    let picked = Profile {
        items,
        ..Profile::new()
    };
    let mut send = prepare(target, way, &picked)?;
    send.withheld = withheld;
    Ok(send)
}

/// Line endings and trailing space differ between editors without changing the text; a
/// rich editor also renders line breaks as paragraphs, which read back as blank lines.
fn comparable(text: &str, editor: EditorKind) -> String {
    match editor {
        EditorKind::Textarea => text.replace("\r\n", "\n").trim_end().to_string(),
        EditorKind::ContentEditable => text.split_whitespace().collect::<Vec<_>>().join(" "),
    }
}

/// `text` for a box that takes one line: its non-empty lines joined by " · ", so no entry runs
/// into the next.
fn one_line(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" · ")
}

impl SendPlan {
    /// The text of `entries` for box `i` in the target's format, an entry longer than the
    /// box's entry limit in several.
    fn render(&self, i: usize, entries: &[&MemoryItem]) -> String {
        let split;
        let entries = match self.boxes[i].entry_max_chars {
            Some(max) => {
                split = within_entry_limit(entries, max as usize);
                split.iter().collect::<Vec<_>>()
            }
            None => entries.to_vec(),
        };
        let entries = entries.iter().copied();
        match self.format {
            ImportFormat::GeminiSections => render::gemini_import(entries),
            ImportFormat::CategoryLines => render::category_lines(entries),
            ImportFormat::PlainLines => render::plain_lines(entries),
            ImportFormat::ChatMessage => render::chat_message(entries),
        }
    }

    /// The whole text for box `i`, everything in it.
    pub fn full_text(&self, i: usize) -> String {
        let entries: Vec<&MemoryItem> = self.boxes[i].entries.iter().collect();
        self.render(i, &entries)
    }

    /// The size of `text` as box `i` counts it: UTF-8 bytes where its limit is in bytes,
    /// else characters.
    fn size(&self, i: usize, text: &str) -> usize {
        if self.boxes[i].max_bytes.is_some() {
            text.len()
        } else {
            text.chars().count()
        }
    }

    /// Box `i`'s limit, in the unit of [`SendPlan::size`].
    fn limit(&self, i: usize) -> Option<usize> {
        let b = &self.boxes[i];
        b.max_bytes.or(b.max_chars).map(|m| m as usize)
    }

    /// Sends only one part of the profile when a box that goes in parts cannot take it all:
    /// its entries, in the order its text lists them (by category), are split between whole
    /// entries into parts that each fit, and this send carries the part `progress` says
    /// comes next ([`Parts::choose`]). Answers the progress to store once this part was put
    /// in ([`SendPlan::placed`]), or `None` when there is nothing to store.
    pub fn in_parts(&mut self, progress: &Parts, way: Way) -> Option<Parts> {
        let key = parts::key(self.target, way.key());
        let i = self.boxes.iter().position(|b| b.in_parts)?;
        let max = self.boxes[i].max_bytes? as usize;
        let mut entries = self.boxes[i].entries.clone();
        // Stable: the category order every renderer lists them in, the profile's within one.
        entries.sort_by_key(|e| e.category);
        let fits = |run: &[MemoryItem]| {
            let run: Vec<&MemoryItem> = run.iter().collect();
            self.render(i, &run).len() <= max
        };
        let (ranges, too_big) = parts::split(&entries, fits);
        if ranges.len() <= 1 {
            // One part: sent whole, as always. Any progress through earlier parts is over.
            return progress
                .0
                .contains_key(&key)
                .then(|| progress.without(&key));
        }
        let texts: Vec<String> = ranges
            .iter()
            .map(|r| {
                let run: Vec<&MemoryItem> = entries[r.clone()].iter().collect();
                self.render(i, &run)
            })
            .collect();
        let prints: Vec<String> = texts.iter().map(|t| parts::fingerprint(t)).collect();
        let part = progress.choose(&key, &prints);
        let b = &mut self.boxes[i];
        b.too_big = too_big.iter().map(|&j| entries[j].text.clone()).collect();
        b.entries = entries[ranges[part.index].clone()].to_vec();
        self.part = Some(part);
        Some(progress.after(&key, part, &prints))
    }

    /// Whether every box with entries was found and took its text exactly: then a part was
    /// sent, and the next send carries the next one.
    pub fn placed(&self, planned: &Planned, put: &Put) -> bool {
        self.boxes.iter().enumerate().all(|(i, b)| {
            if b.entries.is_empty() {
                return true;
            }
            let Some(got) = put.boxes.get(i).filter(|g| g.found_by.is_some()) else {
                return false;
            };
            let editor = if got.editable {
                EditorKind::ContentEditable
            } else {
                b.editor
            };
            planned.found[i]
                && comparable(&got.read_back, editor) == comparable(&planned.plan_texts[i], editor)
        })
    }

    /// Everything, for the clipboard when the boxes cannot be filled: each box's text under
    /// its label when there are several.
    pub fn clipboard_text(&self) -> String {
        if self.boxes.len() == 1 {
            return self.full_text(0);
        }
        (0..self.boxes.len())
            .filter(|&i| !self.boxes[i].entries.is_empty())
            .map(|i| format!("{}\n{}", self.boxes[i].label, self.full_text(i)))
            .collect::<Vec<_>>()
            .join("\n\n")
    }

    /// How many memories are being sent.
    pub fn count(&self) -> usize {
        self.boxes.iter().map(|b| b.entries.len()).sum()
    }

    pub fn inspect_plan(&self) -> InspectPlan {
        InspectPlan {
            origin: self.origin.clone(),
            boxes: self.boxes.iter().map(|b| b.target.clone()).collect(),
            open: self.open.clone(),
            open_after_ms: OPEN_AFTER_MS,
            wait_ms: self.wait_ms,
        }
    }

    pub fn ask(&self) -> Ask {
        let question = if self.boxes.len() == 1 {
            "ask_box"
        } else {
            "ask_boxes"
        };
        Ask {
            question: i18n::t(question, &[&self.name]),
            replace: i18n::t("ask_replace", &[]),
            append: i18n::t("ask_append", &[]),
            keep: i18n::t("ask_keep", &[]),
            answer_within_ms: 4 * 60 * 1000,
        }
    }

    /// Whether any found box holds text other than what memport would put there.
    pub fn occupied(&self, states: &[BoxState]) -> bool {
        states.iter().enumerate().any(|(i, s)| {
            s.found_by.is_some()
                && !s.value.trim().is_empty()
                && i < self.boxes.len()
                && comparable(&s.value, self.boxes[i].editor)
                    != comparable(&self.full_text(i), self.boxes[i].editor)
        })
    }

    /// The entries of box `i` that fit in `room` (characters, or bytes where the box counts
    /// bytes; all when there is no limit), as text, and those that did not.
    fn fit(&self, i: usize, room: Option<usize>) -> (String, Vec<String>) {
        let all: Vec<&MemoryItem> = self.boxes[i].entries.iter().collect();
        let whole = self.render(i, &all);
        let Some(room) = room else {
            return (whole, Vec::new());
        };
        if self.size(i, &whole) <= room {
            return (whole, Vec::new());
        }
        let mut kept: Vec<&MemoryItem> = Vec::new();
        let mut left = Vec::new();
        for item in all {
            kept.push(item);
            if self.size(i, &self.render(i, &kept)) > room {
                kept.pop();
                left.push(item.text.clone());
            }
        }
        (self.render(i, &kept), left)
    }

    /// The texts to put in, given what the boxes held and the person's choice.
    pub fn put_plan(&self, states: &[BoxState], choice: Choice) -> (PutPlan, Planned) {
        let mut planned = Planned {
            plan_texts: Vec::new(),
            left_out: Vec::new(),
            found: Vec::new(),
        };
        let mut boxes = Vec::new();
        for (i, b) in self.boxes.iter().enumerate() {
            let state = states.get(i);
            let found = state.is_some_and(|s| s.found_by.is_some());
            let before = state.map_or("", |s| s.value.as_str());
            let keep_before = choice == Choice::Append && !before.trim().is_empty();
            let room = match (self.limit(i), keep_before) {
                (Some(m), true) => Some(m.saturating_sub(self.size(i, before) + SEPARATOR.len())),
                (m, _) => m,
            };
            let (text, left) = self.fit(i, room);
            let text = if state.is_some_and(|s| s.single_line) {
                one_line(&text)
            } else {
                text
            };
            let text = if keep_before && !text.is_empty() {
                format!("{before}{SEPARATOR}{text}")
            } else if keep_before {
                before.to_string()
            } else {
                text
            };
            boxes.push(PutBox {
                // A box inspect did not see is not looked for again: text only goes where the
                // person was asked about what was there (the page code also fills only the
                // element inspect found).
                target: if found { b.target.clone() } else { Vec::new() },
                editor: b.editor,
                text: text.clone(),
            });
            planned.plan_texts.push(text);
            planned.left_out.push(left);
            planned.found.push(found);
        }
        (
            PutPlan {
                origin: self.origin.clone(),
                boxes,
            },
            planned,
        )
    }

    /// What to tell the person after the texts were put in, in full: for the popup.
    pub fn judge(&self, planned: &Planned, put: &Put) -> Notice {
        self.judgement(planned, put, true)
    }

    /// The same for the page that was filled: what did not fit or was not placed is not
    /// listed there (those memories were not given to the page), only that the popup has it.
    pub fn judge_for_page(&self, planned: &Planned, put: &Put) -> Notice {
        self.judgement(planned, put, false)
    }

    fn judgement(&self, planned: &Planned, put: &Put, lists: bool) -> Notice {
        let (name, submit) = (&self.name, &self.submit_label);
        let mut problems: Vec<String> = Vec::new();
        let mut notes: Vec<String> = Vec::new();
        let mut unlisted = false;
        let mut placed = 0;
        for (i, b) in self.boxes.iter().enumerate() {
            let got = put.boxes.get(i);
            let expected = &planned.plan_texts[i];
            if !planned.found[i] || got.is_none_or(|g| g.found_by.is_none()) {
                // Every entry meant for it, those too long for it included.
                let meant: Vec<&str> = b
                    .entries
                    .iter()
                    .map(|e| e.text.as_str())
                    .chain(b.too_long.iter().chain(&b.too_big).map(String::as_str))
                    .collect();
                if !meant.is_empty() && !lists {
                    unlisted = true;
                } else if !meant.is_empty() {
                    problems.push(i18n::t(
                        "fill_not_placed",
                        &[&b.label, &quote_list(meant.into_iter())],
                    ));
                }
                continue;
            }
            let read_back = got.map_or("", |g| g.read_back.as_str());
            let editor = match got {
                Some(g) if g.editable => EditorKind::ContentEditable,
                _ => b.editor,
            };
            if comparable(read_back, editor) != comparable(expected, editor) {
                problems.push(i18n::t(
                    "fill_did_not_take",
                    &[
                        &b.label,
                        &i18n::number(read_back.chars().count()),
                        &i18n::number(expected.chars().count()),
                        submit,
                    ],
                ));
            }
            placed += b.entries.len() - planned.left_out[i].len();
            let left: Vec<&str> = b
                .too_big
                .iter()
                .chain(&planned.left_out[i])
                .map(String::as_str)
                .collect();
            if !left.is_empty() && !lists {
                unlisted = true;
            } else if !left.is_empty() {
                let (id, limit) = match b.max_bytes {
                    Some(bytes) => ("fill_did_not_fit_bytes", bytes),
                    None => ("fill_did_not_fit", b.max_chars.unwrap_or_default()),
                };
                problems.push(i18n::t(
                    id,
                    &[
                        &i18n::memories(left.len()),
                        &b.label,
                        &i18n::number(limit as usize),
                        &quote_list(left.into_iter()),
                    ],
                ));
            }
            let limit = i18n::number(b.entry_max_chars.unwrap_or_default() as usize);
            if !b.too_long.is_empty() && !lists {
                unlisted = true;
            } else if !b.too_long.is_empty() {
                let n = b.too_long.len();
                problems.push(i18n::tn(
                    "fill_sentence_too_long",
                    n,
                    &[
                        &i18n::number(n),
                        &limit,
                        name,
                        &quote_list(b.too_long.iter().map(String::as_str)),
                    ],
                ));
            }
            if b.split.0 > 0 {
                notes.push(i18n::t(
                    "fill_entries_split",
                    &[&i18n::memories(b.split.0), &limit, &i18n::number(b.split.1)],
                ));
            }
        }
        let title = i18n::t(&self.title, &[]);
        let done = if self.boxes.len() == 1 {
            "fill_done"
        } else {
            "fill_done_boxes"
        };
        let mut message = capitalized(&i18n::t(
            done,
            &[name, &title, &i18n::memories(placed), submit],
        ));
        if let Some(part) = self.part {
            message = format!("{} {message}", self.part_note(part));
        }
        for n in &notes {
            message.push(' ');
            message.push_str(n);
        }
        if unlisted {
            problems.push(i18n::t("fill_unlisted", &[]));
        }
        for p in &problems {
            message.push(' ');
            message.push_str(p);
        }
        // How many sensitive memories stayed behind is about the profile: the popup's only.
        if lists {
            message.push_str(&self.withheld_note());
        }
        Notice {
            ok: problems.is_empty(),
            message,
        }
    }

    /// "Part 1 of 2: review, press Add to memory, then Send to Claude again for part 2.", and
    /// that memport started again at part 1 when the parts changed.
    fn part_note(&self, part: Part) -> String {
        let send = i18n::t("popup_send_to", &[&self.name]);
        let (n, of) = (i18n::number(part.index + 1), i18n::number(part.of));
        let note = if part.is_last() {
            i18n::t("fill_part_last", &[&n, &of, &self.submit_label, &send])
        } else {
            let next = i18n::number(part.index + 2);
            i18n::t("fill_part", &[&n, &of, &self.submit_label, &send, &next])
        };
        if part.restarted {
            format!("{} {note}", i18n::t("fill_parts_restarted", &[]))
        } else {
            note
        }
    }

    /// " 2 sensitive memories were left out; …" when the send leaves flagged items out.
    pub fn withheld_note(&self) -> String {
        match self.withheld {
            0 => String::new(),
            n => format!(" {}", i18n::tn("fill_withheld", n, &[&i18n::number(n)])),
        }
    }

    /// When memport cannot fill the boxes (`why`) but the target's page is open: the page's
    /// notice offers to copy the whole text ([`SendPlan::copy_offer`]); nothing is copied before
    /// the person presses it.
    pub fn elsewhere(&self, why: &str) -> Notice {
        let mut message = i18n::t(
            "fill_elsewhere",
            &[
                &why,
                &i18n::t(COPY_BUTTON, &[]),
                &self.url,
                &self.submit_label,
            ],
        );
        // The text to copy is one part: say so, and that it is not counted as sent.
        if let Some(part) = self.part {
            message.push(' ');
            message.push_str(&i18n::t(
                "fill_part_copy",
                &[
                    &i18n::number(part.index + 1),
                    &i18n::number(part.of),
                    &i18n::t("popup_send_to", &[&self.name]),
                ],
            ));
        }
        Notice { ok: false, message }
    }

    /// When there is no page of the target to fill or to show a notice on (`why`).
    pub fn nowhere(&self, why: &str) -> Notice {
        Notice {
            ok: false,
            message: i18n::t(
                "fill_nowhere",
                &[
                    &why,
                    &self.name,
                    &i18n::t("popup_copy_text", &[]),
                    &self.url,
                ],
            ),
        }
    }

    /// The page notice's offer to copy the whole text, by a person's press.
    pub fn copy_offer(&self) -> CopyOffer {
        CopyOffer {
            button: i18n::t(COPY_BUTTON, &[]),
            text: self.clipboard_text(),
            done: i18n::t("copy_done", &[&self.url, &self.submit_label]),
            failed: i18n::t("copy_failed", &[&i18n::t("popup_copy_text", &[])]),
        }
    }

    /// No box was found.
    pub fn not_found(&self, detail: &str) -> Notice {
        let label = self.boxes.first().map_or("", |b| b.label.as_str());
        let name = &self.name;
        self.elsewhere(&i18n::t("fill_box_not_found", &[name, &label, &detail]))
    }

    /// The tab was not on the target's origin.
    pub fn wrong_page(&self, url: &str) -> Notice {
        self.nowhere(&i18n::t("fill_wrong_page", &[&self.name, &url]))
    }

    /// Whether `url` is a page memport never fills (a custom GPT's or a project's chat).
    pub fn never_fills(&self, url: &str) -> bool {
        self.never_in
            .iter()
            .any(|p| sites::pattern::matches(p, url))
    }

    /// The tab went to a page memport never fills.
    pub fn not_here(&self, url: &str) -> Notice {
        Notice {
            ok: false,
            message: i18n::t("fill_not_here", &[&url]),
        }
    }

    /// The person chose to leave the boxes as they were.
    pub fn kept(&self) -> Notice {
        let kept = if self.boxes.len() == 1 {
            "fill_kept"
        } else {
            "fill_kept_boxes"
        };
        let title = i18n::t(&self.title, &[]);
        Notice {
            ok: false,
            message: capitalized(&i18n::t(kept, &[&self.name, &title])),
        }
    }
}

/// `s` with its first letter upper case: a message may begin with a title ("la zone
/// d'import de Gemini …").
fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `"a"; "b"` for messages.
fn quote_list<'a>(items: impl Iterator<Item = &'a str>) -> String {
    items
        .map(|t| format!("\"{t}\""))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
#[path = "fill_tests.rs"]
mod tests;
