//! Undo: the profile as it was before the last change, and what that change was.
//!
//! Every change the person makes or starts (an edit, a delete, an import, a capture, a
//! selection) keeps the profile as it stood before it, with a label ("Deleted \"Has a cat\""),
//! in the same storage write as the change itself. "Undo" puts that profile back. One step is
//! kept: undo always takes back the latest change, which is the one its label names.

use crate::i18n;
use serde::{Deserialize, Serialize};

use crate::profile::{Profile, ProfileError};

/// The profile before the last change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Undo {
    /// What the change was, as the person would say it.
    pub label: String,
    /// The profile's JSON before it.
    pub profile: String,
}

impl Undo {
    /// The step that takes `before` back, for a change called `label`.
    pub fn before(label: impl Into<String>, before: &Profile) -> Undo {
        Undo {
            label: label.into(),
            profile: before.to_json(),
        }
    }

    /// Reads the stored step; anything unreadable is no step.
    pub fn from_json(json: Option<&str>) -> Option<Undo> {
        crate::json::from_str(json?).ok()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// The profile to put back.
    pub fn profile(&self) -> Result<Profile, ProfileError> {
        Profile::from_json(Some(&self.profile))
    }

    /// "Undone: Deleted \"Has a cat\"."
    pub fn done_message(&self) -> String {
        i18n::t("undo_done", &[&self.label])
    }
}

/// A label naming an item by its text, shortened for a button: `what` is the message saying
/// what was done to it (`undo_deleted`: "Deleted \"Has a cat\"").
pub fn quoted(what: &str, text: &str) -> String {
    i18n::t(what, &[&shortened(text, 40)])
}

/// `text` cut to about `max` characters at a word's end, with "…": never inside a word (a
/// break between words, or beside a character of a script written without spaces). A first
/// word longer than `max` is kept whole up to twice that; only beyond it (a key, a link) is it
/// cut where it stands.
pub fn shortened(text: &str, max: usize) -> String {
    let text = text.trim();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= max {
        return text.to_string();
    }
    // Written without spaces between words: Japanese, Chinese.
    let unspaced =
        |c: char| ('\u{2e80}'..='\u{9fff}').contains(&c) || ('\u{f900}'..='\u{faff}').contains(&c);
    // A break may come before `chars[i]`.
    let breaks_before = |i: usize| {
        i > 0
            && i < chars.len()
            && (chars[i].is_whitespace()
                || chars[i - 1].is_whitespace()
                || unspaced(chars[i])
                || unspaced(chars[i - 1]))
    };
    let cut = (1..=max)
        .rev()
        .find(|&i| breaks_before(i))
        .or_else(|| (max + 1..=2 * max).find(|&i| breaks_before(i)))
        .unwrap_or(max);
    let kept: String = chars[..cut].iter().collect();
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || ",;:-–—".contains(c));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::profile::fixture::profile;

    #[test]
    fn undo_puts_the_profile_back() {
        let before = profile(&[("Has a cat", Category::PersonalInformation)]);
        let mut after = before.clone();
        let id = after.items[0].id.clone();
        after.remove(&id).unwrap();
        let undo = Undo::before(quoted("undo_deleted", "Has a cat"), &before);
        let stored = Undo::from_json(Some(&undo.to_json())).unwrap();
        assert_eq!(stored.profile().unwrap(), before);
        assert_eq!(stored.done_message(), "Undone: Deleted \"Has a cat\".");
        assert_eq!(Undo::from_json(Some("{broken")), None);
        assert_eq!(Undo::from_json(None), None);
    }

    #[test]
    fn long_texts_are_shortened_in_labels_at_a_word() {
        let long = "é".repeat(50);
        let label = quoted("undo_edited", &long);
        assert_eq!(label.chars().count(), "Edited \"\"".len() + 41);
        assert!(label.ends_with("…\""));
        assert_eq!(quoted("undo_deleted", "Has a cat"), "Deleted \"Has a cat\"");
        let text = "Is renovating a 1930s terraced house in Ghent: the kitchen is finished";
        assert_eq!(
            quoted("undo_deleted", text),
            "Deleted \"Is renovating a 1930s terraced house in…\""
        );
        // Every word kept is whole: what follows the cut is no letter of a word.
        for n in 5..text.len() {
            let short = shortened(text, n);
            let kept = short.trim_end_matches('…');
            assert!(text.starts_with(kept), "{n}: {short}");
            let next = text[kept.len()..].chars().next();
            assert!(next.is_none_or(|c| !c.is_alphanumeric()), "{n}: {short}");
        }
        assert_eq!(shortened("Ghent: the kitchen", 7), "Ghent…");
        assert_eq!(
            shortened("東京に住んでいて猫を二匹飼っている", 8),
            "東京に住んでいて…"
        );
        assert_eq!(
            shortened(&"x".repeat(100), 40),
            format!("{}…", "x".repeat(40))
        );
        assert_eq!(
            shortened("Supercalifragilistic is long", 10),
            "Supercalifragilistic…"
        );
    }
}
