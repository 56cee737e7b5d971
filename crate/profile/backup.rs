//! Stored profiles memport could not read, kept aside rather than lost.
//!
//! A damaged profile (storage corrupted, a bad manual edit, a newer memport's schema) is
//! never overwritten. The person can download it exactly as stored, or start a new profile:
//! the damaged one then moves to a key of its own and is listed here, to download later.

use serde::{Deserialize, Serialize};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// The storage key prefix of a kept damaged profile.
pub const KEY_PREFIX: &str = "memport.profile.damaged.";

/// One kept damaged profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backup {
    /// Where it is stored.
    pub key: String,
    /// Its size as stored, in bytes of UTF-8.
    pub bytes: usize,
    /// When it was set aside.
    #[serde(with = "time::serde::rfc3339")]
    pub kept_at: OffsetDateTime,
    /// Why it could not be read, as the person was told.
    pub why: String,
}

/// Every kept damaged profile, oldest first.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Backups {
    pub kept: Vec<Backup>,
}

impl Backups {
    /// Reads the stored list; a list that cannot be read lists nothing (the kept profiles
    /// themselves stay in storage under their keys).
    pub fn from_json(json: Option<&str>) -> Backups {
        json.and_then(|j| crate::json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Lists `raw` (the damaged profile's stored text) as kept at `now`; returns its entry.
    pub fn keep(&mut self, raw: &str, why: String, now: OffsetDateTime) -> Backup {
        let stamp = now.format(&Rfc3339).unwrap_or_default();
        let mut key = format!("{KEY_PREFIX}{stamp}");
        // Two in one instant (a test, a fast double press) get a key each.
        let mut n = 1;
        while self.kept.iter().any(|b| b.key == key) {
            n += 1;
            key = format!("{KEY_PREFIX}{stamp}.{n}");
        }
        let backup = Backup {
            key,
            bytes: raw.len(),
            kept_at: now,
            why,
        };
        self.kept.push(backup.clone());
        backup
    }

    /// The entry stored under `key`, if memport kept one there (so the popup can ask for no
    /// other key).
    pub fn get(&self, key: &str) -> Option<&Backup> {
        self.kept.iter().find(|b| b.key == key)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn each_kept_profile_has_its_own_key_and_file_name() {
        let mut backups = Backups::default();
        let now = datetime!(2026-12-03 11:00 UTC);
        let a = backups.keep("{broken", "unreadable".into(), now);
        let b = backups.keep("{also broken", "unreadable".into(), now);
        assert_ne!(a.key, b.key);
        assert!(a.key.starts_with(KEY_PREFIX));
        assert_eq!(a.bytes, 7);
        let stored = Backups::from_json(Some(&backups.to_json()));
        assert_eq!(stored, backups);
        assert_eq!(stored.get(&b.key), Some(&b));
        assert_eq!(stored.get("memport.profile"), None);
    }

    #[test]
    fn an_unreadable_list_lists_nothing() {
        assert_eq!(Backups::from_json(Some("not json")), Backups::default());
        assert_eq!(Backups::from_json(None), Backups::default());
    }
}
