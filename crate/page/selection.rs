//! "Add selection to memory": text the person selected on any page, kept as one item.
//!
//! Not every memory is on a memory page: a line in a chat, a note in a doc, a bio. The person
//! selects it and right-clicks; this module turns the selection into one item, its category
//! guessed by the same rules as captured lines, its source the page (and the assistant, when
//! the page is one of theirs). The person can then correct text and category in the popup.

use std::fmt;

use time::OffsetDateTime;

use crate::classify::classify;
use crate::i18n;
use crate::profile::{MemoryItem, Profile, Source, Via, MAX_ITEM_CHARS};
use crate::sites;

/// What the browser reports about a selection.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
pub struct Selected {
    /// The selected text as the page gives it (line breaks included when the page code could
    /// read it, else as the browser's menu passed it).
    pub text: String,
    /// The page it was selected on.
    pub url: String,
    /// The page's title, if it has one.
    #[serde(default)]
    pub title: Option<String>,
}

/// Why a selection was not added.
#[derive(Debug, PartialEq, Eq)]
pub enum SelectionError {
    /// Nothing but spaces was selected.
    Empty,
    /// More than one memory's worth.
    TooLong { chars: usize },
}

impl fmt::Display for SelectionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            SelectionError::Empty => i18n::t("selection_empty", &[]),
            SelectionError::TooLong { chars } => {
                i18n::t("selection_too_long", &[chars, &MAX_ITEM_CHARS])
            }
        })
    }
}

impl std::error::Error for SelectionError {}

/// The item for `selected`: its lines joined by single spaces (one memory is one line in
/// every format memport writes), category guessed.
pub fn item(selected: &Selected, now: OffsetDateTime) -> Result<MemoryItem, SelectionError> {
    let text = selected
        .text
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let chars = text.chars().count();
    if chars > MAX_ITEM_CHARS {
        return Err(SelectionError::TooLong { chars });
    }
    let source = Source {
        assistant: sites::at_origin(&selected.url).map(|s| s.assistant),
        via: Via::Selection,
        url: selected.url.clone(),
        heading: selected
            .title
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        captured_at: now,
        saved: None,
        evidence: Vec::new(),
        text: None,
    };
    let category = classify(&text, None).category;
    MemoryItem::new(&text, category, source).ok_or(SelectionError::Empty)
}

/// Adds the selection to `profile`; the message for the person.
pub fn into_profile(
    selected: &Selected,
    now: OffsetDateTime,
    profile: &mut Profile,
) -> Result<String, SelectionError> {
    let item = item(selected, now)?;
    let category = i18n::category(item.category);
    let marked = crate::sensitive::added_note(std::slice::from_ref(&item));
    let report = profile.add(vec![item]);
    Ok(if report.added == 1 {
        i18n::t("selection_added", &[&category, &marked])
    } else {
        i18n::t("selection_known", &[&marked])
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::sites::Assistant;
    use time::macros::datetime;

    fn selected(text: &str, url: &str) -> Selected {
        Selected {
            text: text.into(),
            url: url.into(),
            title: Some(" Notes — Sam ".into()),
        }
    }

    const NOW: OffsetDateTime = datetime!(2026-11-24 15:00 UTC);

    #[test]
    fn a_selection_is_one_item_with_its_page_as_source() {
        let s = selected(
            "  I prefer answers\n  in bullet points,\n\n short ones.  ",
            "https://example.org/notes",
        );
        let item = item(&s, NOW).unwrap();
        assert_eq!(item.text, "I prefer answers in bullet points, short ones.");
        assert_eq!(item.category, Category::ResponseInstructions);
        let source = &item.sources[0];
        assert_eq!(source.assistant, None);
        assert_eq!(source.via, Via::Selection);
        assert_eq!(source.heading.as_deref(), Some("Notes — Sam"));
        assert_eq!(source.captured_at, NOW);
    }

    #[test]
    fn on_an_assistants_site_the_assistant_is_the_source() {
        let s = selected(
            "I live in Lisbon with my partner.",
            "https://claude.ai/chat/42",
        );
        let item = item(&s, NOW).unwrap();
        assert_eq!(item.sources[0].assistant, Some(Assistant::Claude));
        assert_eq!(item.category, Category::PersonalInformation);
    }

    #[test]
    fn blank_and_huge_selections_are_refused_with_a_reason() {
        let blank = item(&selected(" \n\t ", "https://example.org/"), NOW).unwrap_err();
        assert_eq!(blank, SelectionError::Empty);
        assert!(blank.to_string().contains("select the text"));
        let huge = "word ".repeat(1_000);
        let err = item(&selected(&huge, "https://example.org/"), NOW).unwrap_err();
        assert_eq!(err, SelectionError::TooLong { chars: 4_999 });
        assert!(err.to_string().contains("Nothing was added"));
        i18n::set_lang(i18n::Lang::Fr);
        let said = err.to_string();
        i18n::set_lang(i18n::Lang::En);
        assert!(
            said.contains("4999 caractères ; un souvenir en contient au plus 2000"),
            "{said}"
        );
        assert!(said.contains("Rien n'a été ajouté."), "{said}");
    }

    #[test]
    fn adding_the_same_selection_twice_keeps_one_item() {
        let mut p = Profile::new();
        let s = selected(
            "Uses <b>Rust</b> & WASM — naïvely 😀",
            "https://example.org/a",
        );
        let first = into_profile(&s, NOW, &mut p).unwrap();
        assert!(first.contains("Added to your memory under"));
        let again = into_profile(&s, NOW, &mut p).unwrap();
        assert!(again.contains("already in your memory"));
        assert_eq!(p.len(), 1);
        assert_eq!(p.items[0].text, "Uses <b>Rust</b> & WASM — naïvely 😀");
    }
}
