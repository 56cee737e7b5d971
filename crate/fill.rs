//! Putting the profile into a target's import boxes: the plans the page code carries out,
//! and the judgement of what it reports.
//!
//! Filling goes in two steps so that Rust decides everything. First the page code finds the
//! boxes and says what they hold ([`Send::inspect_plan`]). If any holds other text, the person
//! is asked (replace, keep and add below, or leave it). Rust then fits each box's entries
//! within its character limit, never cutting an entry: what does not fit is listed to the
//! person. Then the page code puts the texts in the way each editor's own input handling
//! registers, and reads them back ([`Send::put_plan`], [`Send::judge`]). Nothing is ever
//! submitted: the message names the button the person presses themselves.

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::i18n;
use crate::profile::{ItemId, MemoryItem, Profile};
use crate::render;
use crate::sensitive;
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
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum Inspected {
    /// One entry per box of the plan, in order.
    Boxes { boxes: Vec<BoxState> },
    /// The page was not the top frame of the plan's origin.
    WrongPage { url: String },
}

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

/// A message for the person, and whether things went as they wanted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub ok: bool,
    pub message: String,
}

/// One box to fill and the entries meant for it.
#[derive(Clone, Debug)]
pub struct BoxSend {
    pub label: String,
    pub target: Vec<Locator>,
    pub editor: EditorKind,
    pub max_chars: Option<u32>,
    pub entries: Vec<MemoryItem>,
}

/// Everything the worker needs to send the profile to `target`.
#[derive(Clone, Debug)]
pub struct Send {
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
pub fn prepare(target: Assistant, way: Way, profile: &Profile) -> Result<Send, SendError> {
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
            entries: Vec::new(),
        })
        .collect();
    for item in &profile.items {
        if let Some(i) = home(item.category) {
            boxes[i].entries.push(item.clone());
        }
    }
    Ok(Send {
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
    })
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
) -> Result<Send, SendError> {
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

/// "1 memory", "12 memories", in the person's language.
fn plural(n: usize) -> String {
    i18n::tn("count_memories", n, &[&i18n::number(n)])
}

impl Send {
    /// The text of `entries` in the target's format.
    fn render(&self, entries: &[&MemoryItem]) -> String {
        match self.format {
            ImportFormat::GeminiSections => render::gemini_import(entries.iter().copied()),
            ImportFormat::CategoryLines => render::category_lines(entries.iter().copied()),
            ImportFormat::PlainLines => render::plain_lines(entries.iter().copied()),
            ImportFormat::ChatMessage => render::chat_message(entries.iter().copied()),
        }
    }

    /// The whole text for box `i`, everything in it.
    pub fn full_text(&self, i: usize) -> String {
        let entries: Vec<&MemoryItem> = self.boxes[i].entries.iter().collect();
        self.render(&entries)
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

    /// The entries of box `i` that fit in `room` characters (all when there is no limit),
    /// as text, and those that did not.
    fn fit(&self, i: usize, room: Option<usize>) -> (String, Vec<String>) {
        let all: Vec<&MemoryItem> = self.boxes[i].entries.iter().collect();
        let Some(room) = room else {
            return (self.render(&all), Vec::new());
        };
        let mut kept: Vec<&MemoryItem> = Vec::new();
        let mut left = Vec::new();
        for item in all {
            kept.push(item);
            if self.render(&kept).chars().count() > room {
                kept.pop();
                left.push(item.text.clone());
            }
        }
        (self.render(&kept), left)
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
            let limit = b.max_chars.map(|m| m as usize);
            let room = match (limit, keep_before) {
                (Some(m), true) => Some(m.saturating_sub(before.chars().count() + SEPARATOR.len())),
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
        let mut unlisted = false;
        let mut placed = 0;
        for (i, b) in self.boxes.iter().enumerate() {
            let got = put.boxes.get(i);
            let expected = &planned.plan_texts[i];
            if !planned.found[i] || got.is_none_or(|g| g.found_by.is_none()) {
                if !b.entries.is_empty() && !lists {
                    unlisted = true;
                } else if !b.entries.is_empty() {
                    problems.push(i18n::t(
                        "fill_not_placed",
                        &[
                            &b.label,
                            &quote_list(b.entries.iter().map(|e| e.text.as_str())),
                        ],
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
            if !planned.left_out[i].is_empty() && !lists {
                unlisted = true;
            } else if !planned.left_out[i].is_empty() {
                let limit = b.max_chars.unwrap_or_default();
                problems.push(i18n::t(
                    "fill_did_not_fit",
                    &[
                        &plural(planned.left_out[i].len()),
                        &b.label,
                        &i18n::number(limit as usize),
                        &quote_list(planned.left_out[i].iter().map(String::as_str)),
                    ],
                ));
            }
        }
        let title = i18n::t(&self.title, &[]);
        let done = if self.boxes.len() == 1 {
            "fill_done"
        } else {
            "fill_done_boxes"
        };
        let mut message = capitalized(&i18n::t(done, &[name, &title, &plural(placed), submit]));
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

    /// " 2 sensitive memories were left out; …" when the send leaves flagged items out.
    pub fn withheld_note(&self) -> String {
        match self.withheld {
            0 => String::new(),
            n => format!(" {}", i18n::tn("fill_withheld", n, &[&i18n::number(n)])),
        }
    }

    /// When memport cannot fill the boxes (`why`) but the target's page is open: the page's
    /// notice offers to copy the whole text ([`Send::copy_offer`]); nothing is copied before
    /// the person presses it.
    pub fn elsewhere(&self, why: &str) -> Notice {
        Notice {
            ok: false,
            message: i18n::t(
                "fill_elsewhere",
                &[
                    &why,
                    &i18n::t(COPY_BUTTON, &[]),
                    &self.url,
                    &self.submit_label,
                ],
            ),
        }
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
mod tests {
    use super::*;
    use crate::category::Category::*;
    use crate::profile::fixture::profile;

    fn two() -> Profile {
        profile(&[
            ("Lives in Lisbon.", PersonalInformation),
            ("Prefers short answers.", ResponseInstructions),
        ])
    }

    fn found(value: &str) -> BoxState {
        BoxState {
            found_by: Some("css".into()),
            value: value.into(),
            single_line: false,
        }
    }

    fn put(read_backs: &[&str]) -> Put {
        Put {
            boxes: read_backs
                .iter()
                .map(|r| PutState {
                    found_by: Some("css".into()),
                    read_back: r.to_string(),
                    editable: false,
                })
                .collect(),
        }
    }

    const KEY: &str = "Deploy key sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i";

    /// [`two`] and an item holding an API key.
    fn with_a_key() -> Profile {
        let mut p = two();
        p.add(vec![crate::profile::fixture::item(
            KEY,
            TechnicalPreferences,
        )]);
        p
    }

    #[test]
    fn sending_everything_leaves_sensitive_items_out_and_says_so() {
        let p = with_a_key();
        let send = prepare_chosen(Assistant::Gemini, Way::Import, &p, None).unwrap();
        assert_eq!((send.count(), send.withheld), (2, 1));
        assert!(!send.full_text(0).contains("sk-"), "{}", send.full_text(0));
        assert!(!send.clipboard_text().contains("sk-"));
        let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
        let notice = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
        assert!(notice.ok, "{}", notice.message);
        assert!(
            notice.message.ends_with(
                "1 sensitive memory was left out; tick it in memport's popup to send it."
            ),
            "{}",
            notice.message
        );
        // The page that was filled hears nothing of what stayed behind in the profile.
        let page = send.judge_for_page(&planned, &put(&[&planned.plan_texts[0]]));
        assert!(!page.message.contains("sensitive"), "{}", page.message);
        assert!(!send.elsewhere("Could not").message.contains("sensitive"));
        // Only flagged items: nothing goes, and the person is told why.
        let only = crate::profile::fixture::profile(&[(KEY, TechnicalPreferences)]);
        let err = prepare_chosen(Assistant::Gemini, Way::Import, &only, None).unwrap_err();
        assert_eq!(err, SendError::AllSensitive { withheld: 1 });
        assert!(
            err.to_string().contains("Tick it in memport's popup"),
            "{err}"
        );
    }

    #[test]
    fn ticked_items_go_exactly_sensitive_ones_included() {
        let p = with_a_key();
        let key = p.items[2].id.clone();
        let lisbon = p.items[0].id.clone();
        let send = prepare_chosen(
            Assistant::Gemini,
            Way::Import,
            &p,
            Some(std::slice::from_ref(&lisbon)),
        )
        .unwrap();
        assert_eq!((send.count(), send.withheld), (1, 1));
        let send =
            prepare_chosen(Assistant::Gemini, Way::Import, &p, Some(&[lisbon, key])).unwrap();
        assert_eq!((send.count(), send.withheld), (2, 0));
        assert!(send.full_text(0).contains(KEY));
        assert_eq!(
            prepare_chosen(Assistant::Gemini, Way::Import, &p, Some(&[])).unwrap_err(),
            SendError::NoneChosen
        );
    }

    #[test]
    fn gemini_gets_one_box_with_its_sections() {
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        assert_eq!(send.boxes.len(), 1);
        assert_eq!(send.origin, "https://gemini.google.com");
        let text = send.full_text(0);
        assert!(text.ends_with("Imported from: memport"));
        assert!(text.contains("Instructions:\n- Prefers short answers."));
        assert_eq!(send.count(), 2);
        assert_eq!(
            prepare(Assistant::Gemini, Way::Import, &Profile::new()).unwrap_err(),
            SendError::EmptyProfile
        );
    }

    #[test]
    fn sending_speaks_the_persons_language() {
        i18n::set_lang(i18n::Lang::Fr);
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
        let done = send.judge(&planned, &put(&[&planned.plan_texts[0]]));
        assert_eq!(
            done.message,
            "La zone d'import de Gemini contient maintenant 2 souvenirs. Relisez, puis appuyez \
             vous-même sur « Add memory » : memport n'appuie jamais à votre place."
        );
        let ask = send.ask();
        assert_eq!(ask.keep, "Ne pas toucher à la zone");
        i18n::set_lang(i18n::Lang::Es);
        assert_eq!(
            SendError::AllSensitive { withheld: 12000 }
                .to_string()
                .split(':')
                .next(),
            Some("No se envió nada")
        );
        assert!(SendError::AllSensitive { withheld: 12000 }
            .to_string()
            .contains("los 12.000 recuerdos"));
    }

    #[test]
    fn an_empty_box_is_filled_and_judged() {
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        assert!(!send.occupied(&[found("")]));
        let (plan, planned) = send.put_plan(&[found("")], Choice::Replace);
        assert_eq!(plan.boxes[0].text, send.full_text(0));
        let crlf = planned.plan_texts[0].replace('\n', "\r\n");
        let ok = send.judge(&planned, &put(&[&crlf]));
        assert!(ok.ok, "{}", ok.message);
        assert_eq!(
            ok.message,
            "Gemini's import box now holds 2 memories. Review it, then press \"Add memory\" \
             yourself: memport never presses it for you."
        );
        let short = send.judge(&planned, &put(&["Demographics"]));
        assert!(!short.ok && short.message.contains("did not take the text exactly"));
    }

    #[test]
    fn typed_text_is_asked_about_then_kept_above() {
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        let states = [found("Mine")];
        assert!(send.occupied(&states));
        assert!(
            !send.occupied(&[found(&send.full_text(0))]),
            "our own text is no one's"
        );
        let (plan, planned) = send.put_plan(&states, Choice::Append);
        assert_eq!(plan.boxes[0].text, format!("Mine\n\n{}", send.full_text(0)));
        assert!(send.judge(&planned, &put(&[&planned.plan_texts[0]])).ok);
        assert!(send.kept().message.contains("left as it was"));
    }

    #[test]
    fn chatgpt_splits_by_category_and_lists_what_does_not_fit() {
        let long = "x".repeat(900);
        let p = profile(&[
            ("Lives in Leeds.", PersonalInformation),
            ("Keep answers short.", ResponseInstructions),
            ("Stop using American spellings.", BehavioralCorrections),
            (&format!("A{long}"), ResponseInstructions),
            (&format!("B{long}"), ResponseInstructions),
            ("Uses Desmos.", TechnicalPreferences),
        ]);
        let send = prepare(Assistant::ChatGpt, Way::Import, &p).unwrap();
        assert_eq!(
            send.boxes[0].label,
            "How would you like ChatGPT to respond?"
        );
        let respond: Vec<&str> = send.boxes[0]
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(respond.len(), 4);
        assert!(respond.contains(&"Stop using American spellings."));
        let about: Vec<&str> = send.boxes[1]
            .entries
            .iter()
            .map(|e| e.text.as_str())
            .collect();
        assert_eq!(about, ["Lives in Leeds.", "Uses Desmos."]);

        let states = [found(""), found("")];
        let (plan, planned) = send.put_plan(&states, Choice::Replace);
        // The second 900-character entry does not fit; the others do, in the profile's order.
        assert_eq!(planned.left_out[0], vec![format!("B{long}")]);
        assert!(plan.boxes[0].text.chars().count() <= 1500);
        assert_eq!(
            plan.boxes[0].text,
            format!("Keep answers short.\nStop using American spellings.\nA{long}")
        );
        assert_eq!(plan.boxes[1].text, "Lives in Leeds.\nUses Desmos.");
        let notice = send.judge(
            &planned,
            &put(&[&planned.plan_texts[0], &planned.plan_texts[1]]),
        );
        assert!(!notice.ok);
        assert!(notice.message.starts_with(
            "ChatGPT's custom instructions now hold 5 memories. Review them, then press \"Save\""
        ));
        assert!(notice.message.contains(
            "1 memory did not fit in \"How would you like ChatGPT to respond?\" (1,500 characters) \
             and were left out: \"Bxxx"
        ));
        // The page is told only that some were left out, and where to see which.
        let page = send.judge_for_page(
            &planned,
            &put(&[&planned.plan_texts[0], &planned.plan_texts[1]]),
        );
        assert!(!page.ok);
        assert!(!page.message.contains("Bxxx") && !page.message.contains("1 memory did not fit"));
        assert!(page
            .message
            .ends_with("Not every memory was placed: memport's popup lists the ones left out."));
    }

    #[test]
    fn appending_leaves_less_room() {
        let p = profile(&[("Keep answers short.", ResponseInstructions)]);
        let send = prepare(Assistant::ChatGpt, Way::Import, &p).unwrap();
        let full = "y".repeat(1490);
        let (plan, planned) = send.put_plan(&[found(&full), found("")], Choice::Append);
        assert_eq!(
            plan.boxes[0].text, full,
            "no room left: the person's text stays whole"
        );
        assert_eq!(planned.left_out[0], ["Keep answers short."]);
    }

    #[test]
    fn a_box_that_takes_one_line_gets_the_entries_on_one_line() {
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        let states = [BoxState {
            single_line: true,
            ..found("")
        }];
        let (plan, planned) = send.put_plan(&states, Choice::Replace);
        let text = &plan.boxes[0].text;
        assert!(!text.contains('\n'), "{text}");
        assert_eq!(
            text,
            "Demographics Information: · - Lives in Lisbon. · Instructions: · - Prefers short \
             answers. · Imported from: memport"
        );
        assert!(send.judge(&planned, &put(&[text])).ok);
    }

    #[test]
    fn a_missing_box_lists_its_entries() {
        let send = prepare(Assistant::ChatGpt, Way::Import, &two()).unwrap();
        let states = [
            BoxState {
                found_by: None,
                value: String::new(),
                single_line: false,
            },
            found(""),
        ];
        let (_, planned) = send.put_plan(&states, Choice::Replace);
        let notice = send.judge(&planned, &put(&["", &planned.plan_texts[1]]));
        assert!(!notice.ok);
        assert!(notice.message.contains(
            "\"How would you like ChatGPT to respond?\" was not found, so these were not placed: \
             \"Prefers short answers.\""
        ));
        assert!(notice.message.contains("now hold 1 memory"));
        let page = send.judge_for_page(&planned, &put(&["", &planned.plan_texts[1]]));
        assert!(
            !page.message.contains("Prefers short answers."),
            "{}",
            page.message
        );
        // A box inspect did not see is not looked for when putting.
        let (plan, _) = send.put_plan(&states, Choice::Replace);
        assert!(plan.boxes[0].target.is_empty());
        assert!(!plan.boxes[1].target.is_empty());
    }

    #[test]
    fn never_in_a_custom_gpts_or_a_projects_chat() {
        let send = prepare(Assistant::ChatGpt, Way::ChatMessage, &two()).unwrap();
        for url in [
            "https://chatgpt.com/g/g-abc123-writing-coach",
            "https://chatgpt.com/g/g-abc123-writing-coach/c/68a1f0c2-0001",
            "https://chatgpt.com/g/g-p-6a1b2c3d-trip-planning/project",
            "https://chatgpt.com/g/g-p-6a1b2c3d-trip-planning/c/68a1f0c2-0002",
        ] {
            assert!(send.never_fills(url), "{url}");
        }
        for url in [
            "https://chatgpt.com/",
            "https://chatgpt.com/c/68a1f0c2-0001",
        ] {
            assert!(!send.never_fills(url), "{url}");
        }
    }

    #[test]
    fn chatgpt_as_a_chat_message_fills_the_composer() {
        let send = prepare(Assistant::ChatGpt, Way::ChatMessage, &two()).unwrap();
        assert_eq!(send.title, "title_message_box");
        assert_eq!(send.boxes.len(), 1);
        assert_eq!(send.boxes[0].editor, EditorKind::ContentEditable);
        let text = send.full_text(0);
        assert!(text.starts_with("Please remember the following about me"));
        assert!(text.ends_with("Personal information:\n- Lives in Lisbon."));
        // A rich editor reads paragraphs back with blank lines between: still the same text.
        let (_, planned) = send.put_plan(&[found("")], Choice::Replace);
        let read_back = text.replace('\n', "\n\n");
        assert!(send.judge(&planned, &put(&[&read_back])).ok);
        // Gemini's composer (Quill) the same way.
        let gemini = prepare(Assistant::Gemini, Way::ChatMessage, &two()).unwrap();
        assert_eq!(gemini.url, "https://gemini.google.com/app");
        assert_eq!(gemini.submit_label, "Send message");
        assert_eq!(gemini.full_text(0), text);
    }

    #[test]
    fn nowhere_to_fill_offers_the_clipboard() {
        let send = prepare(Assistant::Gemini, Way::Import, &two()).unwrap();
        let m = send.not_found("no textarea");
        assert!(!m.ok && m.message.contains("Press \"Copy my memory\" to put"));
        assert!(m.message.contains("\"Paste your info here...\""));
        let offer = send.copy_offer();
        assert_eq!(offer.text, send.full_text(0));
        assert!(offer.done.starts_with("Your memory is on the clipboard"));
        assert!(!send.nowhere("no tab").message.contains("Copy my memory"));
        let chatgpt = prepare(Assistant::ChatGpt, Way::Import, &two()).unwrap();
        assert_eq!(
            chatgpt.clipboard_text(),
            "How would you like ChatGPT to respond?\nPrefers short answers.\n\n\
             What would you like ChatGPT to know about you to provide better responses?\n\
             Lives in Lisbon."
        );
    }
}
