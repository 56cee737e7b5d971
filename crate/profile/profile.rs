//! The profile: every memory item memport holds for the person, with where each came from.
//!
//! It is stored as versioned JSON (one string under one key, so a write is all or nothing)
//! and is the one thing the person reviews before anything moves. Items keep their text
//! verbatim; the id is derived from a normalized form of it, so capturing the same memory
//! twice, or from two places, yields one item. An item the person edited keeps the ids of
//! its earlier wordings, so capturing the old wording again finds the edited item instead of
//! bringing the old one back.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::category::Category;
use crate::changes::{self, CaptureLog};
use crate::dedupe;
use crate::i18n;
use crate::lines::normalize;
use crate::sites::Assistant;

/// The schema of [`Profile`]'s JSON. Raise it, with a migration, when the shape changes.
///
/// - 1: items with text, category and sources read on an assistant's memory page.
/// - 2: a source may be a selection on any page (`assistant` null, `via` "selection") or
///   imported text (`via` "import", with the `saved` date and `evidence` it gave); items may
///   carry `former_ids` and `edited_at` after the person edits them. Every schema 1 profile
///   is a valid schema 2 profile.
/// - 3: ids are of [`dedupe::key`], so near-duplicates (word order, a date in front,
///   Unicode form) are one item; a source may note its own `text` when it worded the item
///   otherwise. Reading an earlier profile recomputes the ids (keeping the stored ones as
///   former ids, which captures also look up by [`ItemId::legacy_of`]) and merges the
///   items that became one.
pub const SCHEMA_VERSION: u32 = 3;

/// The longest text one item may hold: a memory is a sentence or a short paragraph, and a
/// longer text is most likely a whole page selected by mistake.
pub const MAX_ITEM_CHARS: usize = 2_000;

/// `text` cut into pieces of at most `max` characters: at the last line end before the
/// limit, else the last sentence end, else the last space, else at the limit itself.
fn pieces(text: &str, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text.trim();
    while rest.chars().count() > max {
        // The byte where the first `max` characters end.
        let limit = rest
            .char_indices()
            .nth(max)
            .map_or(rest.len(), |(at, _)| at);
        let head = &rest[..limit];
        let cut = head
            .rfind('\n')
            .or_else(|| head.rfind(". ").map(|at| at + 1))
            .or_else(|| head.rfind(char::is_whitespace))
            .filter(|&at| at > 0)
            .unwrap_or(limit);
        out.push(rest[..cut].trim());
        rest = rest[cut..].trim_start();
    }
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

/// A stable id: FNV-1a (64 bit) of the text's [`dedupe::key`], as 16 hex digits. Two
/// wordings of one memory have one id.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(String);

impl ItemId {
    /// The id of a memory whose text is `text`.
    pub fn of(text: &str) -> ItemId {
        ItemId::hash(&dedupe::key(text))
    }

    /// The id schemas 1 and 2 gave `text` (of [`normalize`]d text, before near-duplicates
    /// were merged). A profile written then may still name an edited item's old wording by
    /// it, so a capture looks it up too.
    pub fn legacy_of(text: &str) -> ItemId {
        ItemId::hash(&normalize(text))
    }

    fn hash(key: &str) -> ItemId {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        h.write(key.as_bytes());
        ItemId(format!("{:016x}", h.finish()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for ItemId {
    /// An id as stored or sent back by the popup (not recomputed from text).
    fn from(id: &str) -> ItemId {
        ItemId(id.to_string())
    }
}

impl fmt::Display for ItemId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How an item came to memport.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// Read from an assistant's memory page ("Save memory to memport").
    #[default]
    MemoryPage,
    /// Text the person selected on a page ("Add selection to memory").
    Selection,
    /// Text the person pasted into "Import text" (an assistant's answer to the export prompt).
    Import,
    /// Recovered from an assistant's official data export (a ZIP or JSON file the person
    /// chose on the options page). Stored as `export`, its name before data exports had
    /// their own word.
    #[serde(rename = "export")]
    DataExport,
    /// An assistant's reply read off its chat page ("Capture the answer"), then added through
    /// "Import text": the page wrote it, so its text is judged as a page's is.
    Answer,
}

/// Where and when an item was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The assistant whose site it was read on; `None` for any other page.
    pub assistant: Option<Assistant>,
    #[serde(default)]
    pub via: Via,
    /// The page it was read from.
    pub url: String,
    /// The heading it stood under on that page (for a selection: the page's title), if any.
    pub heading: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub captured_at: OffsetDateTime,
    /// The date the source gave for it, as written ("2024-03-05"): imported text often has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub saved: Option<String>,
    /// Gemini's `Evidence:` lines for it, verbatim.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub evidence: Vec<String>,
    /// How it was worded here, when that differs from the item's text (a near-duplicate
    /// merged into the item): nothing a source said is lost.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Source {
    /// Whether two sources name the same place (the time of reading aside).
    fn same_place(&self, other: &Source) -> bool {
        self.assistant == other.assistant
            && self.via == other.via
            && self.url == other.url
            && self.heading == other.heading
    }

    /// The order sources are kept in: first read first, then by every other field, so two
    /// different sources never tie and the order does not depend on the order of captures.
    /// `shown` is the item's text, which a source without a wording of its own has.
    fn order<'a>(&'a self, shown: &'a str) -> impl Ord + 'a {
        (
            self.captured_at,
            self.assistant,
            self.via,
            &self.url,
            &self.heading,
            &self.saved,
            &self.evidence,
            self.text.as_deref().unwrap_or(shown),
        )
    }

    /// The host of the page it was read from ("example.org"), for display.
    pub fn host(&self) -> &str {
        let rest = self
            .url
            .split_once("://")
            .map_or(self.url.as_str(), |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        host.rsplit_once('@').map_or(host, |(_, h)| h)
    }
}

/// One thing an assistant remembers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemoryItem {
    pub id: ItemId,
    /// Verbatim, trimmed, never empty.
    pub text: String,
    pub category: Category,
    /// Every place it was read, first capture first; never empty.
    pub sources: Vec<Source>,
    /// The ids of its earlier wordings, when the person edited it: capturing one of them
    /// again finds this item.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_ids: Vec<ItemId>,
    /// When the person last edited it.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub edited_at: Option<OffsetDateTime>,
}

impl MemoryItem {
    /// An item, or `None` when `text` is blank.
    pub fn new(text: &str, category: Category, source: Source) -> Option<MemoryItem> {
        let text = text.trim();
        if text.is_empty() || normalize(text).is_empty() {
            return None;
        }
        Some(MemoryItem {
            id: ItemId::of(text),
            text: text.to_string(),
            category,
            sources: vec![source],
            former_ids: Vec::new(),
            edited_at: None,
        })
    }

    /// This item, or (when its text is longer than [`MAX_ITEM_CHARS`]) its text in pieces
    /// that fit, cut at line, sentence or word ends, each with the same category and sources.
    pub fn within_limit(self) -> Vec<MemoryItem> {
        if self.text.chars().count() <= MAX_ITEM_CHARS {
            return vec![self];
        }
        pieces(&self.text, MAX_ITEM_CHARS)
            .into_iter()
            .filter_map(|piece| {
                let mut item =
                    MemoryItem::new(piece, self.category, self.sources.first()?.clone())?;
                item.sources = self.sources.clone();
                item.edited_at = self.edited_at;
                Some(item)
            })
            .collect()
    }

    /// Whether `id` names this item, now or in an earlier wording.
    pub fn answers_to(&self, id: &ItemId) -> bool {
        self.id == *id || self.former_ids.contains(id)
    }

    /// The first place it was read.
    pub fn first_source(&self) -> Option<&Source> {
        self.sources.first()
    }

    /// Takes in `other`, the same memory (same id, or one this item answers to) read
    /// elsewhere or worded otherwise. The result does not depend on which came first:
    /// - the person's edited wording stands; otherwise the item shows the preferred wording
    ///   ([`dedupe::preferred`]), with its category (for one wording filed under two
    ///   categories, the first in the list of categories);
    /// - every source is kept, each with its own wording where it differs; of two readings
    ///   of one place the earlier is kept;
    /// - every earlier id is remembered.
    fn absorb(&mut self, other: MemoryItem) {
        let MemoryItem {
            id,
            text,
            category,
            sources,
            former_ids,
            edited_at,
        } = other;
        let mut incoming = sources;
        for source in &mut incoming {
            source.text.get_or_insert_with(|| text.clone());
        }
        let pinned = self.edited_at.is_some() || edited_at.is_some();
        if !pinned && id == self.id {
            if text == self.text {
                self.category = self.category.min(category);
            } else if dedupe::preferred(&text) < dedupe::preferred(&self.text) {
                self.note_wording();
                self.text = text;
                self.category = category;
            }
        } else if self.edited_at.is_none() && edited_at.is_some() {
            // Only when loading a profile whose two edited items became one.
            self.text = text;
            self.category = category;
            self.edited_at = edited_at;
        }
        for source in incoming {
            self.add_source(source);
        }
        for former in std::iter::once(id).chain(former_ids) {
            if former != self.id && !self.former_ids.contains(&former) {
                self.former_ids.push(former);
            }
        }
        self.tidy();
    }

    /// Writes the item's present wording on every source that had it, before the text
    /// changes: what each place said stays known.
    fn note_wording(&mut self) {
        for source in &mut self.sources {
            source.text.get_or_insert_with(|| self.text.clone());
        }
    }

    /// Adds a source, unless the place is known: then the earlier reading is kept.
    fn add_source(&mut self, source: Source) {
        let shown = self.text.as_str();
        match self.sources.iter_mut().find(|s| s.same_place(&source)) {
            Some(held) => {
                if source.order(shown) < held.order(shown) {
                    *held = source;
                }
            }
            None => self.sources.push(source),
        }
    }

    /// Sources in their order, without a wording where it is the item's own.
    fn tidy(&mut self) {
        let shown = self.text.clone();
        for source in &mut self.sources {
            if source.text.as_deref() == Some(shown.as_str()) {
                source.text = None;
            }
        }
        self.sources
            .sort_by(|a, b| a.order(&shown).cmp(&b.order(&shown)));
    }
}

/// Everything memport holds for the person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub schema: u32,
    pub items: Vec<MemoryItem>,
    /// Sets of items the person said may stand together, though they look like they
    /// disagree ("Keep both"; see `conflict`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub settled: Vec<Vec<ItemId>>,
    /// The latest capture from each assistant's memory page, and what changed since the
    /// one before (see `changes`); one per assistant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub captures: Vec<CaptureLog>,
}

/// What adding a capture changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AddReport {
    /// Items the profile did not have.
    pub added: usize,
    /// Items it had already (their new source, if any, was recorded).
    pub known: usize,
}

/// Why a stored profile could not be read.
#[derive(Debug, PartialEq, Eq)]
pub enum ProfileError {
    /// Written by a newer memport.
    NewerSchema { found: u32 },
    /// Not a profile at all (damaged storage or a foreign file).
    Unreadable { detail: String },
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            ProfileError::NewerSchema { found } => {
                i18n::t("profile_newer", &[found, &SCHEMA_VERSION])
            }
            ProfileError::Unreadable { detail } => i18n::t("profile_unreadable", &[detail]),
        })
    }
}

impl std::error::Error for ProfileError {}

/// Why an edit was not made. Nothing in the profile changes when one is returned.
#[derive(Debug, PartialEq, Eq)]
pub enum EditError {
    /// The item is gone (changed from another window, or the profile was replaced).
    NotFound,
    /// The new text is blank.
    Empty,
    /// The new text is longer than [`MAX_ITEM_CHARS`].
    TooLong { chars: usize },
}

impl fmt::Display for EditError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            EditError::NotFound => i18n::t("edit_not_found", &[]),
            EditError::Empty => i18n::t("edit_empty", &[]),
            EditError::TooLong { chars } => i18n::t(
                "edit_too_long",
                &[&i18n::number(*chars), &i18n::number(MAX_ITEM_CHARS)],
            ),
        })
    }
}

impl std::error::Error for EditError {}

impl Profile {
    pub fn new() -> Profile {
        Profile {
            schema: SCHEMA_VERSION,
            ..Profile::default()
        }
    }

    /// Reads stored JSON; no JSON at all is an empty profile.
    pub fn from_json(json: Option<&str>) -> Result<Profile, ProfileError> {
        let Some(json) = json.filter(|j| !j.trim().is_empty()) else {
            return Ok(Profile::new());
        };
        let unreadable = |e: serde_json::Error| ProfileError::Unreadable {
            detail: e.to_string(),
        };
        // Parsed once: the version is looked up in the tree, then the profile read from it
        // (a schema that is missing or no number is the profile reader's error to name).
        let value = crate::json::parse(json).map_err(unreadable)?;
        let schema = value.get("schema").and_then(serde_json::Value::as_u64);
        if let Some(found) = schema.filter(|s| *s > u64::from(SCHEMA_VERSION)) {
            return Err(ProfileError::NewerSchema {
                found: u32::try_from(found).unwrap_or(u32::MAX),
            });
        }
        let mut profile: Profile = crate::json::from_value(value).map_err(unreadable)?;
        profile.schema = SCHEMA_VERSION;
        // An item with no source or no text cannot be shown honestly: drop it rather than
        // fail the whole profile.
        profile
            .items
            .retain(|i| !i.sources.is_empty() && !i.text.trim().is_empty());
        // An id is the text's: one stored otherwise (written by hand, or by a tool) is kept
        // as a former id, so whatever named the item by it still finds it.
        for item in &mut profile.items {
            let id = ItemId::of(&item.text);
            if item.id != id {
                let stored = std::mem::replace(&mut item.id, id);
                if !item.former_ids.contains(&stored) {
                    item.former_ids.push(stored);
                }
            }
        }
        // Items of an earlier schema that are near-duplicates of each other have one id
        // now: they become one, in the place of the first.
        let items = std::mem::take(&mut profile.items);
        profile.add(items);
        Ok(profile)
    }

    pub fn to_json(&self) -> String {
        // A tree of strings, numbers and enums: serializing it cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Every id an item answers to (its own and its former ones): what a preview checks
    /// "already in your profile" against, one lookup per entry.
    pub fn held_ids(&self) -> std::collections::HashSet<ItemId> {
        self.items
            .iter()
            .flat_map(|i| std::iter::once(&i.id).chain(&i.former_ids))
            .cloned()
            .collect()
    }

    /// Adds captured items. An item already held, or a near-duplicate of one, takes the new
    /// one in (see `MemoryItem::absorb`): one item, every source. Adding the same items in
    /// any order, at once or in parts, gives the same items.
    pub fn add(&mut self, captured: Vec<MemoryItem>) -> AddReport {
        let mut report = AddReport::default();
        // Every id an item answers to, to its place: one lookup per captured item, so adding
        // stays linear however large the profile grows.
        let mut index: std::collections::HashMap<ItemId, usize> = std::collections::HashMap::new();
        for (at, held) in self.items.iter().enumerate() {
            for id in std::iter::once(&held.id).chain(&held.former_ids) {
                index.entry(id.clone()).or_insert(at);
            }
        }
        // Every way in comes through here: a text too long for one item becomes several,
        // whole, rather than one no box can take (or a lost one).
        let captured = captured.into_iter().flat_map(MemoryItem::within_limit);
        for item in captured {
            let at = index
                .get(&item.id)
                .or_else(|| index.get(&ItemId::legacy_of(&item.text)))
                .copied();
            match at {
                Some(at) => {
                    report.known += 1;
                    self.items[at].absorb(item);
                }
                None => {
                    report.added += 1;
                    index.insert(item.id.clone(), self.items.len());
                    self.items.push(item);
                }
            }
        }
        report
    }

    /// Gives the item `id` the person's `text` and `category`; the message for the person.
    ///
    /// The item keeps its sources and remembers its former id, so capturing the old wording
    /// again does not bring it back. When the new text says what another item says, the two
    /// become one, carrying both items' sources.
    pub fn edit(
        &mut self,
        id: &ItemId,
        text: &str,
        category: Category,
        now: OffsetDateTime,
    ) -> Result<String, EditError> {
        let text = text.trim();
        if normalize(text).is_empty() {
            return Err(EditError::Empty);
        }
        let chars = text.chars().count();
        if chars > MAX_ITEM_CHARS {
            return Err(EditError::TooLong { chars });
        }
        let at = self
            .items
            .iter()
            .position(|i| i.id == *id)
            .ok_or(EditError::NotFound)?;
        if self.items[at].text == text && self.items[at].category == category {
            return Ok(i18n::t("edit_unchanged", &[]));
        }
        let new_id = ItemId::of(text);
        let twin = self
            .items
            .iter()
            .enumerate()
            .find(|(j, i)| *j != at && i.answers_to(&new_id))
            .map(|(j, _)| j);
        let Some(twin) = twin else {
            let item = &mut self.items[at];
            if new_id != item.id {
                let old = std::mem::replace(&mut item.id, new_id);
                item.former_ids.push(old);
                let current = item.id.clone();
                item.former_ids.retain(|f| *f != current);
            }
            item.note_wording();
            item.text = text.to_string();
            item.category = category;
            item.edited_at = Some(now);
            item.tidy();
            return Ok(i18n::t("edit_saved", &[]));
        };
        let mut gone = self.items.remove(at);
        gone.note_wording();
        let twin = if twin > at { twin - 1 } else { twin };
        let kept = &mut self.items[twin];
        kept.note_wording();
        for source in gone.sources {
            kept.add_source(source);
        }
        for former in std::iter::once(gone.id).chain(gone.former_ids) {
            if former != kept.id && !kept.former_ids.contains(&former) {
                kept.former_ids.push(former);
            }
        }
        kept.text = text.to_string();
        kept.category = category;
        kept.edited_at = Some(now);
        kept.tidy();
        Ok(i18n::t("edit_saved_merged", &[]))
    }

    /// Takes item `id` out of the profile and hands it back.
    pub fn remove(&mut self, id: &ItemId) -> Result<MemoryItem, EditError> {
        let at = self
            .items
            .iter()
            .position(|i| i.id == *id)
            .ok_or(EditError::NotFound)?;
        Ok(self.items.remove(at))
    }

    /// Records a capture of `texts` from `assistant`'s memory page and compares it with the
    /// one before; what changed.
    pub fn log_capture(
        &mut self,
        assistant: Assistant,
        at: OffsetDateTime,
        texts: Vec<String>,
    ) -> &CaptureLog {
        let previous = self.captures.iter().position(|c| c.assistant == assistant);
        let log = changes::log(assistant, at, texts, previous.map(|at| &self.captures[at]));
        let at = match previous {
            Some(at) => {
                self.captures[at] = log;
                at
            }
            None => {
                self.captures.push(log);
                self.captures.sort_by_key(|c| c.assistant);
                self.captures
                    .iter()
                    .position(|c| c.assistant == assistant)
                    .unwrap_or_default()
            }
        };
        &self.captures[at]
    }

    /// Marks `ids` as allowed to stand together ("Keep both").
    pub fn settle(&mut self, ids: Vec<ItemId>) {
        let mut ids = ids;
        ids.sort();
        ids.dedup();
        if ids.len() > 1 && !self.settled.contains(&ids) {
            self.settled.push(ids);
        }
    }

    /// The items of one category, in the order they were added.
    pub fn in_category(&self, category: Category) -> impl Iterator<Item = &MemoryItem> {
        self.items.iter().filter(move |i| i.category == category)
    }
}

/// Items and sources for the crate's tests.
#[cfg(test)]
pub(crate) mod fixture {
    use super::*;
    use time::macros::datetime;

    /// A source on Claude's memory page, read on 2026-11-24.
    pub fn source(heading: Option<&str>) -> Source {
        Source {
            assistant: Some(Assistant::Claude),
            via: Via::MemoryPage,
            url: "https://claude.ai/settings/capabilities".into(),
            heading: heading.map(str::to_string),
            captured_at: datetime!(2026-11-24 12:00 UTC),
            saved: None,
            evidence: Vec::new(),
            text: None,
        }
    }

    /// An item read from Claude's memory page.
    pub fn item(text: &str, category: Category) -> MemoryItem {
        MemoryItem::new(text, category, source(None)).expect("a test item has text")
    }

    /// A profile holding `items` as (text, category).
    pub fn profile(items: &[(&str, Category)]) -> Profile {
        let mut p = Profile::new();
        p.add(items.iter().map(|(t, c)| item(t, *c)).collect());
        p
    }
}

#[cfg(test)]
mod tests {
    use super::fixture::{item, profile};
    use super::*;

    fn source(heading: &str) -> Source {
        super::fixture::source(Some(heading))
    }

    #[test]
    fn a_text_too_long_for_one_item_becomes_several_whole() {
        let long: String = (0..80)
            .map(|i| format!("Field note {i}: the erosion survey in Portugal goes on. "))
            .collect();
        let mut p = Profile::new();
        p.add(vec![item(&long, Category::ProjectsAndGoals)]);
        assert!(p.len() > 1);
        for held in &p.items {
            assert!(
                held.text.chars().count() <= MAX_ITEM_CHARS,
                "{}",
                held.text.len()
            );
            assert!(
                held.text.ends_with('.'),
                "cut at a sentence end: {:?}",
                &held.text[held.text.len() - 10..]
            );
            assert_eq!(held.category, Category::ProjectsAndGoals);
            assert!(!held.sources.is_empty());
        }
        let joined: String = p
            .items
            .iter()
            .map(|i| i.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, long.trim(), "nothing lost");
        // One word longer than the limit is cut at the limit.
        let word: String = (0..MAX_ITEM_CHARS * 2 + 5)
            .map(|i| char::from(b'a' + (i % 26) as u8))
            .collect();
        let mut p = Profile::new();
        p.add(vec![item(&word, Category::ProjectsAndGoals)]);
        assert_eq!(
            p.items
                .iter()
                .map(|i| i.text.chars().count())
                .sum::<usize>(),
            word.len()
        );
    }

    #[test]
    fn ids_ignore_case_spacing_and_final_punctuation() {
        assert_eq!(
            ItemId::of("Lives in Lisbon."),
            ItemId::of("  lives   in LISBON")
        );
        assert_eq!(
            ItemId::of("- Lives in Lisbon"),
            ItemId::of("Lives in Lisbon")
        );
        assert_ne!(ItemId::of("Lives in Lisbon"), ItemId::of("Lives in Porto"));
        assert_eq!(ItemId::of("Lives in Lisbon").as_str().len(), 16);
    }

    #[test]
    fn blank_text_is_no_item() {
        assert!(MemoryItem::new("  ", Category::OtherContext, source("x")).is_none());
        assert!(MemoryItem::new(" - ", Category::OtherContext, source("x")).is_none());
    }

    #[test]
    fn adding_twice_does_not_duplicate() {
        let mut p = Profile::new();
        let item = MemoryItem::new(
            "Lives in Lisbon",
            Category::PersonalInformation,
            source("A"),
        );
        let first = p.add(vec![item.clone().unwrap()]);
        let again = p.add(vec![item.unwrap()]);
        assert_eq!((first.added, again.added, again.known), (1, 0, 1));
        assert_eq!(p.len(), 1);
        assert_eq!(p.items[0].sources.len(), 1);
        let elsewhere = MemoryItem::new("lives in lisbon.", Category::OtherContext, source("B"));
        p.add(vec![elsewhere.unwrap()]);
        assert_eq!(p.len(), 1);
        assert_eq!(p.items[0].sources.len(), 2);
        assert_eq!(p.items[0].category, Category::PersonalInformation);
    }

    #[test]
    fn json_round_trip_and_versions() {
        let p = profile(&[("Prefers metric units", Category::ResponseInstructions)]);
        let json = p.to_json();
        assert!(json.contains("\"schema\":3"));
        assert!(json.contains("\"captured_at\":\"2026-11-24T12:00:00Z\""));
        assert!(json.contains("\"category\":\"Response instructions\""));
        assert_eq!(Profile::from_json(Some(&json)).unwrap(), p);
        assert_eq!(Profile::from_json(None).unwrap(), Profile::new());
        assert_eq!(
            Profile::from_json(Some(r#"{"schema":9,"items":[]}"#)),
            Err(ProfileError::NewerSchema { found: 9 })
        );
        let broken = Profile::from_json(Some("{\"schema\":1,")).unwrap_err();
        assert!(broken.to_string().contains("left untouched"));
        let missing = Profile::from_json(Some(r#"{"items":[]}"#)).unwrap_err();
        assert!(missing.to_string().contains("schema"), "{missing}");
        let wrong = Profile::from_json(Some(r#"{"schema":"3","items":[]}"#));
        assert!(
            matches!(wrong, Err(ProfileError::Unreadable { .. })),
            "{wrong:?}"
        );
    }

    #[test]
    fn a_schema_1_profile_reads_as_the_current_schema() {
        // Written by memport before selections and edits (schema 1), byte for byte.
        let v1 = r#"{"schema":1,"items":[{"id":"5d6c9ab5bd1ac2a6","text":"Lives in Lisbon","category":"Personal information","sources":[{"assistant":"claude","url":"https://claude.ai/settings/capabilities","heading":"Personal context","captured_at":"2026-11-20T09:30:00Z"}]}]}"#;
        let p = Profile::from_json(Some(v1)).unwrap();
        assert_eq!(p.schema, SCHEMA_VERSION);
        let item = &p.items[0];
        assert_eq!(item.text, "Lives in Lisbon");
        assert_eq!(item.sources[0].assistant, Some(Assistant::Claude));
        assert_eq!(item.sources[0].via, Via::MemoryPage);
        assert_eq!(item.id, ItemId::of("Lives in Lisbon"));
        assert_eq!(
            item.former_ids,
            [ItemId::from("5d6c9ab5bd1ac2a6")],
            "a stored id unlike the text's is kept"
        );
        assert!(item.edited_at.is_none());
        // Written back, it reads the same again.
        assert_eq!(Profile::from_json(Some(&p.to_json())).unwrap(), p);
    }

    #[test]
    fn a_schema_2_profile_merges_its_near_duplicates_and_keeps_its_edits() {
        // Written by memport 0.1 at schema 2, byte for byte: two wordings of one memory that
        // schema 2 kept apart, and an item the person edited from "Lives in Lisbon" (its
        // former id is schema 2's id of that wording).
        let v2 = r#"{"schema":2,"items":[{"id":"2bd4a33f7a1c35c5","text":"Prefers Figma and Linear; uses a MacBook Air.","category":"Technical preferences","sources":[{"assistant":"gemini","via":"memory_page","url":"https://gemini.google.com/saved-info","heading":null,"captured_at":"2026-11-21T10:00:00Z"}]},{"id":"0c1b7f1bd3a09d51","text":"Uses a MacBook Air; prefers Linear and Figma.","category":"Technical preferences","sources":[{"assistant":"claude","via":"memory_page","url":"https://claude.ai/settings/capabilities","heading":"Tools","captured_at":"2026-11-20T09:30:00Z"}]},{"id":"f7e0b4c3a2d19e88","text":"Lives in Porto","category":"Personal information","sources":[{"assistant":"claude","url":"https://claude.ai/settings/capabilities","heading":"Personal context","captured_at":"2026-11-20T09:30:00Z"}],"former_ids":["2b3d64e0e95a722e"],"edited_at":"2026-11-22T18:00:00Z"}]}"#;
        assert_eq!(
            ItemId::legacy_of("Lives in Lisbon").as_str(),
            "2b3d64e0e95a722e"
        );
        let mut p = Profile::from_json(Some(v2)).unwrap();
        assert_eq!(p.schema, SCHEMA_VERSION);
        assert_eq!(p.len(), 2, "the two wordings are one item now");
        let tools = &p.items[0];
        assert_eq!(tools.text, "Prefers Figma and Linear; uses a MacBook Air.");
        let places: Vec<_> = tools.sources.iter().map(|s| s.assistant).collect();
        assert_eq!(places, [Some(Assistant::Claude), Some(Assistant::Gemini)]);
        assert_eq!(
            tools.sources[0].text.as_deref(),
            Some("Uses a MacBook Air; prefers Linear and Figma.")
        );
        assert_eq!(tools.former_ids.len(), 2, "both stored ids still name it");
        // The edited item: capturing Claude's old wording again still finds it.
        let report = p.add(vec![MemoryItem::new(
            "Lives in Lisbon",
            Category::PersonalInformation,
            source("Personal context"),
        )
        .unwrap()]);
        assert_eq!((report.added, p.len()), (0, 2));
        assert_eq!(p.items[1].text, "Lives in Porto");
        assert_eq!(Profile::from_json(Some(&p.to_json())).unwrap(), p);
    }

    fn now() -> OffsetDateTime {
        time::macros::datetime!(2026-11-25 08:00 UTC)
    }

    #[test]
    fn an_edit_keeps_sources_and_the_old_wording_does_not_come_back() {
        let mut p = profile(&[("Lives in Lisbon", Category::PersonalInformation)]);
        let old = p.items[0].id.clone();
        let said = p
            .edit(&old, "  Lives in Porto ", Category::OtherContext, now())
            .unwrap();
        assert_eq!(said, "Saved your edit.");
        let item = &p.items[0];
        assert_eq!(
            (item.text.as_str(), item.category),
            ("Lives in Porto", Category::OtherContext)
        );
        assert_eq!(item.id, ItemId::of("Lives in Porto"));
        assert_eq!(item.former_ids, vec![old.clone()]);
        assert_eq!(item.edited_at, Some(now()));
        assert_eq!(item.sources.len(), 1);
        // Capturing Claude's page again, which still says Lisbon, adds nothing.
        let again = p.add(vec![super::fixture::item(
            "Lives in Lisbon",
            Category::PersonalInformation,
        )]);
        assert_eq!((again.added, again.known, p.len()), (0, 1, 1));
        assert_eq!(p.items[0].text, "Lives in Porto");
        // Back to the first wording: its id is the item's again, and no longer a former one.
        p.edit(
            &ItemId::of("Lives in Porto"),
            "Lives in Lisbon",
            Category::OtherContext,
            now(),
        )
        .unwrap();
        assert_eq!(p.items[0].id, old);
        assert_eq!(p.items[0].former_ids, vec![ItemId::of("Lives in Porto")]);
    }

    #[test]
    fn an_edit_that_says_what_another_item_says_merges_them() {
        let mut p = profile(&[
            ("Lives in Lisbon", Category::PersonalInformation),
            ("Uses Rust", Category::TechnicalPreferences),
        ]);
        let mut other = super::fixture::item("Lives in Porto", Category::OtherContext);
        other.sources[0].heading = Some("Elsewhere".into());
        p.add(vec![other]);
        let porto = ItemId::of("Lives in Porto");
        let said = p
            .edit(
                &porto,
                "lives in lisbon.",
                Category::PersonalInformation,
                now(),
            )
            .unwrap();
        assert!(said.contains("the two are one"));
        assert_eq!(p.len(), 2);
        let kept = &p.items[0];
        assert_eq!(kept.text, "lives in lisbon.");
        assert_eq!(kept.sources.len(), 2, "both items' sources");
        assert_eq!(kept.former_ids, vec![porto]);
    }

    #[test]
    fn a_bad_edit_changes_nothing() {
        let mut p = profile(&[("Lives in Lisbon", Category::PersonalInformation)]);
        let id = p.items[0].id.clone();
        let before = p.clone();
        let cat = Category::OtherContext;
        assert_eq!(p.edit(&id, " \n ", cat, now()), Err(EditError::Empty));
        let long = "x".repeat(MAX_ITEM_CHARS + 1);
        assert_eq!(
            p.edit(&id, &long, cat, now()),
            Err(EditError::TooLong {
                chars: MAX_ITEM_CHARS + 1
            })
        );
        assert_eq!(
            p.edit(&ItemId::of("nope"), "x", cat, now()),
            Err(EditError::NotFound)
        );
        assert_eq!(p, before);
        assert_eq!(
            p.edit(&id, "Lives in Lisbon", Category::PersonalInformation, now()),
            Ok("Nothing was changed.".to_string())
        );
        assert_eq!(p, before);
        i18n::set_lang(i18n::Lang::De);
        let said = [
            EditError::TooLong { chars: 2_001 }.to_string(),
            p.edit(&id, "Lives in Lisbon", Category::PersonalInformation, now())
                .unwrap(),
        ];
        i18n::set_lang(i18n::Lang::En);
        assert!(
            said[0].starts_with("Dieser Text hat 2.001 Zeichen"),
            "{said:?}"
        );
        assert_eq!(said[1], "Nichts wurde geändert.");
    }

    #[test]
    fn hosts_for_display() {
        let mut s = super::fixture::source(None);
        assert_eq!(s.host(), "claude.ai");
        s.url = "https://user@example.org:8443/a?b#c".into();
        assert_eq!(s.host(), "example.org:8443");
        s.url = "not a url".into();
        assert_eq!(s.host(), "not a url");
    }

    /// Every key a fully populated profile writes is described in docs/profile.schema.json,
    /// and the schema allows no other: the documented format and the code cannot drift apart.
    #[test]
    fn the_json_schema_describes_every_field() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../docs/profile.schema.json")).unwrap();
        let props = |path: &str| -> Vec<String> {
            let mut keys: Vec<String> = schema
                .pointer(path)
                .and_then(|v| v.as_object())
                .map(|o| o.keys().cloned().collect())
                .unwrap_or_default();
            keys.sort();
            keys
        };
        let mut p = profile(&[("Lives in Porto", Category::PersonalInformation)]);
        let id = p.items[0].id.clone();
        p.items[0].sources[0].saved = Some("2024-11-03".into());
        p.items[0].sources[0].evidence = vec!["Evidence: User said so".into()];
        p.edit(
            &id,
            "Lives in Porto since 2024",
            Category::PersonalInformation,
            now(),
        )
        .unwrap();
        // A merged near-duplicate gives the source its own wording.
        p.add(vec![MemoryItem::new(
            "[2024-11-03] - lives in porto since 2024",
            Category::OtherContext,
            source("Elsewhere"),
        )
        .unwrap()]);
        assert_eq!(p.len(), 1);
        p.settle(vec![
            ItemId::of("Lives in Porto"),
            ItemId::of("Lives in Faro"),
        ]);
        let first = time::macros::datetime!(2026-11-20 08:00 UTC);
        p.log_capture(
            Assistant::Claude,
            first,
            vec!["Has a cat".into(), "Reads on the train".into()],
        );
        p.log_capture(
            Assistant::Claude,
            now(),
            vec!["Has two cats".into(), "Likes jazz".into()],
        );
        let json: serde_json::Value = serde_json::from_str(&p.to_json()).unwrap();
        let keys = |v: &serde_json::Value| -> Vec<String> {
            let mut k: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
            k.sort();
            k
        };
        assert_eq!(keys(&json), props("/properties"));
        // The file for the person also marks sensitive items: the schema lists that key.
        let mut item_keys = keys(&json["items"][0]);
        assert!(
            !item_keys.contains(&"sensitive".to_string()),
            "never stored"
        );
        let mut marked = p.clone();
        marked.add(vec![super::fixture::item(
            "My PIN is 4821",
            Category::OtherContext,
        )]);
        let file: serde_json::Value =
            serde_json::from_str(&crate::download::profile_json(&marked)).unwrap();
        assert_eq!(file["items"][1]["sensitive"][0], "a PIN");
        assert_eq!(
            keys(&file["items"][0]),
            item_keys,
            "unmarked items as stored"
        );
        item_keys.push("sensitive".into());
        item_keys.sort();
        assert_eq!(item_keys, props("/$defs/item/properties"));
        assert_eq!(
            Profile::from_json(Some(&crate::download::profile_json(&marked))).unwrap(),
            marked
        );
        let wordings: Vec<&serde_json::Value> = json["items"][0]["sources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|s| s.get("text").is_some())
            .collect();
        assert_eq!(keys(wordings[0]), props("/$defs/source/properties"));
        let capture = &json["captures"][0];
        assert_eq!(keys(capture), props("/$defs/capture/properties"));
        assert_eq!(
            keys(&capture["changes"]),
            props("/$defs/capture/properties/changes/properties")
        );
        assert_eq!(json["schema"], SCHEMA_VERSION);
        assert_eq!(
            schema.pointer("/properties/schema/maximum").unwrap(),
            SCHEMA_VERSION
        );
        let labels: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
        let listed: Vec<&str> = schema["$defs"]["category"]["enum"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|v| v.as_str())
            .collect();
        assert_eq!(listed, labels);
    }
}
