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
        serde_json::from_str(json?).ok()
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
    let mut short: String = text.chars().take(40).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    i18n::t(what, &[&short])
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
    fn long_texts_are_shortened_in_labels() {
        let long = "é".repeat(50);
        let label = quoted("undo_edited", &long);
        assert_eq!(label.chars().count(), "Edited \"\"".len() + 41);
        assert!(label.ends_with("…\""));
        assert_eq!(quoted("undo_deleted", "Has a cat"), "Deleted \"Has a cat\"");
    }
}
