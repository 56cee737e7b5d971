//! A profile larger than a target's import box takes, sent in parts, one part per send.
//!
//! Claude's memory import adds to what Claude holds and never replaces it, so a profile
//! over its box's limit can go in several sends: the entries are split between whole
//! entries into parts that each fit ([`split`]), each part a complete import text of its
//! own, and memport remembers which part comes next ([`Progress`], kept in extension
//! storage by the worker). After the last part it starts again at part 1. The parts are
//! known by a fingerprint of their texts: when the profile (or the person's ticks) changed
//! between two sends so that the parts are no longer the same, memport starts again at
//! part 1 and says so, rather than send a part 2 that no longer follows the part 1 sent.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// `entries` cut, in order and between whole entries, into parts for which `fits` holds,
/// each as long as it can be; and the entries that do not fit even alone (listed to the
/// person, never cut). `fits` must hold for every prefix of a run it holds for (a render
/// only grows as entries are added).
pub fn split<T>(entries: &[T], fits: impl Fn(&[T]) -> bool) -> (Vec<Range<usize>>, Vec<usize>) {
    let mut parts = Vec::new();
    let mut alone_too_big = Vec::new();
    let mut start = 0;
    while start < entries.len() {
        // The longest run from `start` that fits: a binary search, since fitting is
        // monotone, so a large profile is rendered a few times per part, not once per entry.
        let (mut lo, mut hi) = (0, entries.len() - start);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if fits(&entries[start..start + mid]) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        if lo == 0 {
            alone_too_big.push(start);
            start += 1;
        } else {
            parts.push(start..start + lo);
            start += lo;
        }
    }
    (parts, alone_too_big)
}

/// A part's fingerprint: FNV-1a (64 bit) of its text, as 16 hex digits.
pub fn fingerprint(text: &str) -> String {
    let mut h = fnv::FnvHasher::default();
    h.write(text.as_bytes());
    format!("{:016x}", h.finish())
}

/// Which part this send carries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Part {
    /// From 0.
    pub index: usize,
    /// How many parts there are.
    pub of: usize,
    /// The parts changed since the last part sent, so this send starts again at part 1.
    pub restarted: bool,
}

impl Part {
    pub fn is_last(self) -> bool {
        self.index + 1 >= self.of
    }
}

/// Where one target's parts stand: the part the next send carries, and the parts'
/// fingerprints when the last was sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    /// The next part to send, from 0.
    pub next: usize,
    pub parts: Vec<String>,
}

/// Every target's progress, by [`key`]: what the worker keeps under one storage key.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Parts(pub BTreeMap<String, Progress>);

/// A target's name in [`Parts`] for one way into it (`fill::Way::key`): "claude:import".
pub fn key(target: crate::sites::Assistant, way: &str) -> String {
    format!("{}:{}", target.key(), way)
}

impl Parts {
    /// As stored; nothing when there is nothing or it cannot be read (the next send then
    /// starts at part 1, which loses nothing).
    pub fn from_json(json: Option<&str>) -> Parts {
        json.and_then(|j| crate::json::from_str(j).ok())
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "{}".into())
    }

    /// The part to send now, for parts of these `prints`.
    pub fn choose(&self, key: &str, prints: &[String]) -> Part {
        let of = prints.len();
        match self.0.get(key) {
            Some(p) if p.parts == prints && p.next < of => Part {
                index: p.next,
                of,
                restarted: false,
            },
            // Mid-way through parts that are no longer the same: say so.
            Some(p) => Part {
                index: 0,
                of,
                restarted: p.next != 0,
            },
            None => Part {
                index: 0,
                of,
                restarted: false,
            },
        }
    }

    /// The progress once `part` of `prints` was put in: the next part, or part 1 again after
    /// the last.
    pub fn after(&self, key: &str, part: Part, prints: &[String]) -> Parts {
        let mut out = self.clone();
        out.0.insert(
            key.to_string(),
            Progress {
                next: if part.is_last() { 0 } else { part.index + 1 },
                parts: prints.to_vec(),
            },
        );
        out
    }

    /// Without `key`'s progress (the profile fits in one part again).
    pub fn without(&self, key: &str) -> Parts {
        let mut out = self.clone();
        out.0.remove(key);
        out
    }

    /// `stored` (the parts as storage holds them now) with `key`'s progress as it is here: a
    /// send to another target that moved on meanwhile keeps its move.
    pub fn moved_in(&self, key: &str, mut stored: Parts) -> Parts {
        match self.0.get(key) {
            Some(progress) => stored.0.insert(key.to_string(), progress.clone()),
            None => stored.0.remove(key),
        };
        stored
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_send_saves_only_its_own_targets_progress() {
        // Two sends at once, to Gemini and to Claude, each read the parts before either saved.
        let start = Parts::default();
        let print = |s: &str| vec![fingerprint(s), fingerprint("b")];
        let first = Part {
            index: 0,
            of: 2,
            restarted: false,
        };
        let gemini = start.after("gemini:import", first, &print("g"));
        let claude = start.after("claude:import", first, &print("c"));
        let stored = gemini.moved_in("gemini:import", start.clone());
        let stored = claude.moved_in("claude:import", stored);
        assert_eq!(
            stored.0.len(),
            2,
            "neither send lost the other's move: {stored:?}"
        );
        assert_eq!(stored.0["gemini:import"].next, 1);
        // A send that fits in one part again clears its own progress only.
        let stored = stored
            .without("claude:import")
            .moved_in("claude:import", stored.clone());
        assert_eq!(stored.0.keys().collect::<Vec<_>>(), ["gemini:import"]);
    }

    #[test]
    fn splits_between_whole_entries_each_part_as_long_as_it_can_be() {
        let sizes = [3, 4, 2, 5, 1, 9, 2];
        let fits = |run: &[usize]| run.iter().sum::<usize>() <= 8;
        let (parts, too_big) = split(&sizes, fits);
        assert_eq!(parts, [0..2, 2..5, 6..7]);
        assert_eq!(too_big, [5], "9 does not fit even alone");
        let (parts, too_big) = split(&[1, 1, 1], fits);
        assert_eq!(parts.len(), 1);
        assert_eq!((&parts[0], too_big.len()), (&(0..3), 0));
        assert_eq!(split(&[] as &[usize], fits), (vec![], vec![]));
    }

    #[test]
    fn generated_splits_cover_every_entry_once_in_order() {
        let mut seed: u64 = 42;
        for _ in 0..300 {
            let n = (seed % 50) as usize;
            let sizes: Vec<usize> = (0..n)
                .map(|_| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    (seed >> 40) as usize % 30 + 1
                })
                .collect();
            let limit = 20 + (seed % 30) as usize;
            let fits = |run: &[usize]| run.iter().sum::<usize>() + 3 * run.len() <= limit;
            let (parts, too_big) = split(&sizes, fits);
            let mut seen: Vec<usize> = parts.iter().flat_map(|r| r.clone()).collect();
            seen.extend(&too_big);
            seen.sort_unstable();
            assert_eq!(seen, (0..n).collect::<Vec<_>>());
            for (i, r) in parts.iter().enumerate() {
                assert!(fits(&sizes[r.clone()]));
                // Greedy: the next entry would not have fitted.
                if let Some(next) = parts.get(i + 1) {
                    if next.start == r.end {
                        assert!(!fits(&sizes[r.start..r.end + 1]));
                    }
                }
            }
        }
    }

    #[test]
    fn the_next_send_carries_the_next_part_then_part_one_again() {
        let prints = vec![fingerprint("a"), fingerprint("b"), fingerprint("c")];
        let key = "claude:import";
        let mut parts = Parts::default();
        let mut sent = Vec::new();
        for _ in 0..4 {
            let part = parts.choose(key, &prints);
            assert!(!part.restarted);
            sent.push(part.index);
            parts = parts.after(key, part, &prints);
            parts = Parts::from_json(Some(&parts.to_json()));
        }
        assert_eq!(sent, [0, 1, 2, 0]);
    }

    #[test]
    fn parts_that_changed_start_again_at_part_one_and_say_so() {
        let key = "claude:import";
        let before = vec![fingerprint("a"), fingerprint("b")];
        let parts = Parts::default().after(
            key,
            Part {
                index: 0,
                of: 2,
                restarted: false,
            },
            &before,
        );
        let now = vec![fingerprint("a2"), fingerprint("b")];
        assert_eq!(
            parts.choose(key, &now),
            Part {
                index: 0,
                of: 2,
                restarted: true
            }
        );
        // After the last part, a change is no restart: part 1 was next anyway.
        let done = parts.after(
            key,
            Part {
                index: 1,
                of: 2,
                restarted: false,
            },
            &before,
        );
        assert!(!done.choose(key, &now).restarted);
        // Storage that cannot be read starts at part 1.
        assert_eq!(Parts::from_json(Some("not json")), Parts::default());
        assert_eq!(parts.without(key), Parts::default());
    }
}
