//! What changed on an assistant's memory page since memport last read it.
//!
//! Assistants rewrite their memory on their own: Claude regenerates its summary, ChatGPT
//! adds and drops saved memories, Gemini's list is edited by the person on the site. The
//! profile only ever gains from a capture (nothing the person kept is taken away behind
//! their back), so it cannot say by itself what the assistant let go of. Each capture from a
//! memory page therefore records what the page held ([`CaptureLog`], one per assistant, the
//! latest), and the next capture from that assistant is compared with it: memories added,
//! removed, and changed (a removed and an added memory that are plainly the same one
//! reworded, or that give another value for the same thing, such as a new home city).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::dedupe;
use crate::sites::Assistant;
use crate::slot::{Said, Slot};

/// The latest capture from one assistant's memory page, and how it differed from the one
/// before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaptureLog {
    pub assistant: Assistant,
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Every memory the page held, as read, in page order.
    pub texts: Vec<String>,
    /// When the capture compared against was made; absent for the first capture.
    #[serde(
        default,
        with = "time::serde::rfc3339::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub previous_at: Option<OffsetDateTime>,
    /// What changed since then; empty for the first capture.
    #[serde(default, skip_serializing_if = "Changes::is_empty")]
    pub changes: Changes,
}

/// The difference between two readings of one memory page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changes {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<Changed>,
}

/// One memory reworded or given a new value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Changed {
    pub before: String,
    pub after: String,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }

    /// "2 added, 1 removed, 1 changed", or "nothing changed".
    pub fn summary(&self) -> String {
        let parts: Vec<String> = [
            (self.added.len(), "changes_added"),
            (self.removed.len(), "changes_removed"),
            (self.changed.len(), "changes_changed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, id)| crate::i18n::t(id, &[&crate::i18n::number(*n)]))
        .collect();
        if parts.is_empty() {
            crate::i18n::t("changes_nothing", &[])
        } else {
            parts.join(", ")
        }
    }
}

/// How alike two memories must be, in shared words, to count as one memory reworded.
const REWORDED: f64 = 0.5;

/// What changed from `before` to `after` (texts as read, in page order). Memories are the
/// same when [`dedupe::key`] says so, so a change of case or punctuation is no change.
pub fn diff(before: &[String], after: &[String]) -> Changes {
    let keys = |texts: &[String]| -> Vec<String> { texts.iter().map(|t| dedupe::key(t)).collect() };
    let (old_keys, new_keys) = (keys(before), keys(after));
    let gone: Vec<usize> = (0..before.len())
        .filter(|&i| !new_keys.contains(&old_keys[i]))
        .collect();
    let came: Vec<usize> = (0..after.len())
        .filter(|&j| !old_keys.contains(&new_keys[j]))
        .collect();
    // Pair each removed memory with the added one most like it, best pairs first.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for &i in &gone {
        for &j in &came {
            let likeness = likeness(&before[i], &after[j]);
            if likeness >= REWORDED {
                pairs.push((likeness, i, j));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_old, mut used_new) = (Vec::new(), Vec::new());
    let mut changed: Vec<(usize, Changed)> = Vec::new();
    for (_, i, j) in pairs {
        if used_old.contains(&i) || used_new.contains(&j) {
            continue;
        }
        used_old.push(i);
        used_new.push(j);
        changed.push((
            j,
            Changed {
                before: before[i].clone(),
                after: after[j].clone(),
            },
        ));
    }
    changed.sort_by_key(|(j, _)| *j);
    Changes {
        added: came
            .iter()
            .filter(|j| !used_new.contains(j))
            .map(|&j| after[j].clone())
            .collect(),
        removed: gone
            .iter()
            .filter(|i| !used_old.contains(i))
            .map(|&i| before[i].clone())
            .collect(),
        changed: changed.into_iter().map(|(_, c)| c).collect(),
    }
}

/// How alike two memories are: 1 when they fill the same slot (a new home city), else the
/// share of their words they have in common (Jaccard).
fn likeness(a: &str, b: &str) -> f64 {
    let (said_a, said_b) = (Said::of(a), Said::of(b));
    if Slot::ALL
        .iter()
        .any(|s| !s.values_in(&said_a).is_empty() && !s.values_in(&said_b).is_empty())
    {
        return 1.0;
    }
    // Words, a plural's final "s" aside ("cats" is "cat").
    let words = |t: &str| -> std::collections::BTreeSet<String> {
        dedupe::key(t)
            .split(' ')
            .map(|w| match w.strip_suffix('s') {
                Some(stem) if stem.chars().count() >= 3 => stem.to_string(),
                _ => w.to_string(),
            })
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let shared = a.intersection(&b).count();
    let all = a.union(&b).count();
    if all == 0 {
        0.0
    } else {
        shared as f64 / all as f64
    }
}

/// The log of a new capture of `texts` from `assistant` at `at`, compared with `previous`
/// (the last log from that assistant, if any).
pub fn log(
    assistant: Assistant,
    at: OffsetDateTime,
    texts: Vec<String>,
    previous: Option<&CaptureLog>,
) -> CaptureLog {
    let changes = previous.map_or_else(Changes::default, |p| diff(&p.texts, &texts));
    CaptureLog {
        assistant,
        at,
        texts,
        previous_at: previous.map(|p| p.at),
        changes,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(t: &[&str]) -> Vec<String> {
        t.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn added_removed_and_changed() {
        let before = texts(&[
            "Lives in Lisbon with her partner Jonas.",
            "Prefers concise answers with code first.",
            "Is training for the Lisbon marathon in October.",
            "Has a cat named Miso.",
        ]);
        let after = texts(&[
            "lives in porto with her partner jonas",
            "Prefers concise answers with code first",
            "Is training for the Porto half marathon in March.",
            "Writes Rust daily.",
        ]);
        let c = diff(&before, &after);
        assert_eq!(c.added, ["Writes Rust daily."]);
        assert_eq!(c.removed, ["Has a cat named Miso."]);
        assert_eq!(
            c.changed,
            [
                Changed {
                    before: "Lives in Lisbon with her partner Jonas.".into(),
                    after: "lives in porto with her partner jonas".into(),
                },
                Changed {
                    before: "Is training for the Lisbon marathon in October.".into(),
                    after: "Is training for the Porto half marathon in March.".into(),
                },
            ]
        );
        assert_eq!(c.summary(), "1 added, 1 removed, 2 changed");
        assert_eq!(diff(&before, &before).summary(), "nothing changed");
    }

    #[test]
    fn the_first_capture_has_nothing_to_compare() {
        let at = time::macros::datetime!(2026-11-24 12:00 UTC);
        let first = log(Assistant::Claude, at, texts(&["Has a cat"]), None);
        assert!(first.changes.is_empty() && first.previous_at.is_none());
        let later = time::macros::datetime!(2026-11-25 12:00 UTC);
        let second = log(
            Assistant::Claude,
            later,
            texts(&["Has two cats"]),
            Some(&first),
        );
        assert_eq!(second.previous_at, Some(at));
        assert_eq!(second.changes.changed.len(), 1);
    }
}
