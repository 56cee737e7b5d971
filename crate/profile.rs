//! The profile: every memory item memport holds for the person, with where each came from.
//!
//! It is stored as versioned JSON (one string under one key, so a write is all or nothing)
//! and is the one thing the person reviews before anything moves. Items keep their text
//! verbatim; the id is derived from a normalized form of it, so capturing the same memory
//! twice, or from two places, yields one item.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::category::Category;
use crate::sites::Assistant;

/// The schema of [`Profile`]'s JSON. Raise it, with a migration, when the shape changes.
pub const SCHEMA_VERSION: u32 = 1;

/// A stable id: FNV-1a (64 bit) of the normalized text, as 16 hex digits.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ItemId(String);

impl ItemId {
    /// The id of a memory whose text is `text`.
    pub fn of(text: &str) -> ItemId {
        use std::hash::Hasher;
        let mut h = fnv::FnvHasher::default();
        h.write(normalize(text).as_bytes());
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

/// The form two texts share when they say the same thing: case, spacing, bullets and final
/// punctuation do not count.
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    let joined = words.join(" ");
    let trimmed = joined.trim_start_matches(['-', '*', '•', '·', '–', ' ']);
    trimmed
        .trim_end_matches(['.', '!', ';', ',', ':', '。', ' '])
        .to_string()
}

/// Where and when an item was read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub assistant: Assistant,
    /// The page it was read from.
    pub url: String,
    /// The heading it stood under on that page, if any.
    pub heading: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub captured_at: OffsetDateTime,
}

impl Source {
    /// Whether two sources name the same place (the time of reading aside).
    fn same_place(&self, other: &Source) -> bool {
        self.assistant == other.assistant && self.url == other.url && self.heading == other.heading
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
        })
    }

    /// The first place it was read.
    pub fn first_source(&self) -> Option<&Source> {
        self.sources.first()
    }
}

/// Everything memport holds for the person.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub schema: u32,
    pub items: Vec<MemoryItem>,
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
        match self {
            ProfileError::NewerSchema { found } => write!(
                f,
                "The saved profile was written by a newer memport (schema {found}, this one \
                 reads {SCHEMA_VERSION}). Update memport; the profile was left untouched."
            ),
            ProfileError::Unreadable { detail } => write!(
                f,
                "The saved profile could not be read ({detail}). It was left untouched; \
                 nothing was overwritten."
            ),
        }
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    pub fn new() -> Profile {
        Profile {
            schema: SCHEMA_VERSION,
            items: Vec::new(),
        }
    }

    /// Reads stored JSON; no JSON at all is an empty profile.
    pub fn from_json(json: Option<&str>) -> Result<Profile, ProfileError> {
        let Some(json) = json.filter(|j| !j.trim().is_empty()) else {
            return Ok(Profile::new());
        };
        #[derive(Deserialize)]
        struct Version {
            schema: u32,
        }
        let version: Version =
            serde_json::from_str(json).map_err(|e| ProfileError::Unreadable {
                detail: e.to_string(),
            })?;
        if version.schema > SCHEMA_VERSION {
            return Err(ProfileError::NewerSchema {
                found: version.schema,
            });
        }
        let mut profile: Profile =
            serde_json::from_str(json).map_err(|e| ProfileError::Unreadable {
                detail: e.to_string(),
            })?;
        profile.schema = SCHEMA_VERSION;
        // An item with no source or no text cannot be shown honestly: drop it rather than
        // fail the whole profile.
        profile
            .items
            .retain(|i| !i.sources.is_empty() && !i.text.trim().is_empty());
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

    /// Adds captured items. An item already held gains the new source (if it is a new place)
    /// and keeps its text and category, which the person may have chosen.
    pub fn add(&mut self, captured: Vec<MemoryItem>) -> AddReport {
        let mut report = AddReport::default();
        for item in captured {
            match self.items.iter_mut().find(|i| i.id == item.id) {
                Some(held) => {
                    report.known += 1;
                    for source in item.sources {
                        if !held.sources.iter().any(|s| s.same_place(&source)) {
                            held.sources.push(source);
                        }
                    }
                }
                None => {
                    report.added += 1;
                    self.items.push(item);
                }
            }
        }
        report
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
            assistant: Assistant::Claude,
            url: "https://claude.ai/settings/capabilities".into(),
            heading: heading.map(str::to_string),
            captured_at: datetime!(2026-11-24 12:00 UTC),
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
    use super::fixture::profile;
    use super::*;

    fn source(heading: &str) -> Source {
        super::fixture::source(Some(heading))
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
        assert!(json.contains("\"schema\":1"));
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
    }
}
