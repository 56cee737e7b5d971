//! Occurrences of memory, gathered across an export and folded into distinct items.
//!
//! The same custom instructions stand in every conversation, the same fact is written to
//! memory again and again, sometimes worded a little differently: each sighting is noted
//! here, and [`Collector::finish`] folds those with the same kind and
//! [`crate::dedupe::key`] into one [`Recovered`] with how often, the first and last day seen,
//! and, for memory writes, whether a later write contradicts it.

use std::collections::HashMap;

use time::OffsetDateTime;

use super::{Kind, Recovered};
use crate::dedupe;
use crate::sites::Assistant;
use crate::slot::{Said, Slot, Value};

/// One sighting.
#[derive(Clone, Debug)]
pub struct Seen {
    pub text: String,
    /// Epoch seconds, when known.
    pub time: Option<f64>,
    pub conversation: Option<String>,
    pub file: String,
    pub heading: Option<String>,
}

struct Sighting {
    seen: Seen,
    /// `YYYY-MM-DD`, when known.
    day: Option<String>,
    /// The order it was found in, to break ties.
    order: u64,
    assistant: Assistant,
}

impl Sighting {
    /// Which of two sightings comes first: by day (none first), time, then order found.
    fn before(&self, other: &Sighting) -> bool {
        let t = |s: &Sighting| s.seen.time.unwrap_or(f64::INFINITY);
        self.day
            .cmp(&other.day)
            .then(t(self).total_cmp(&t(other)))
            .then(self.order.cmp(&other.order))
            .is_lt()
    }
}

/// All sightings of one memory, folded as they come: an export repeats the custom
/// instructions in every conversation, and keeping each sighting would grow with the export.
struct Group {
    /// The first sighting, whose wording and provenance the item keeps.
    first: Sighting,
    first_day: Option<String>,
    last_day: Option<String>,
    count: u32,
    /// Every sighting's time, for memory writes only (each write is an event that may
    /// contradict another); they are few.
    times: Vec<f64>,
}

/// Everything seen so far, by kind and match key.
#[derive(Default)]
pub struct Collector {
    groups: HashMap<(Kind, String), Group>,
    /// Match keys by exact text: the same instructions come back in every conversation, and
    /// a key (Unicode normalization, sorted words) costs more than a lookup.
    keys: HashMap<String, String>,
    order: u64,
    assistant: Option<Assistant>,
}

/// The UTC day of an epoch time.
pub fn day_of(epoch: f64) -> Option<String> {
    if !epoch.is_finite() {
        return None;
    }
    let t = OffsetDateTime::from_unix_timestamp(epoch.floor() as i64).ok()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        t.year(),
        u8::from(t.month()),
        t.day()
    ))
}

/// The day of an ISO 8601 time (`2024-03-05T10:00:00Z`), as written.
pub fn day_of_iso(text: &str) -> Option<String> {
    let d = text.get(..10)?;
    let b = d.as_bytes();
    (b[4] == b'-' && b[7] == b'-' && d.bytes().filter(u8::is_ascii_digit).count() == 8)
        .then(|| d.to_string())
}

impl Collector {
    /// Which assistant's export the next sightings are from.
    pub fn set_assistant(&mut self, assistant: Assistant) {
        self.assistant = Some(assistant);
    }

    /// Notes a sighting; its day comes from its time.
    pub fn add(&mut self, kind: Kind, seen: Seen) {
        let day = seen.time.and_then(day_of);
        self.push(kind, seen, day);
    }

    /// Notes a sighting on a day the export wrote out.
    pub fn add_dated(&mut self, kind: Kind, seen: Seen, day: String) {
        self.push(kind, seen, Some(day));
    }

    fn push(&mut self, kind: Kind, seen: Seen, day: Option<String>) {
        let key = match self.keys.get(&seen.text) {
            Some(k) => k.clone(),
            None => {
                let k = dedupe::key(&seen.text);
                self.keys.insert(seen.text.clone(), k.clone());
                k
            }
        };
        if key.is_empty() {
            return;
        }
        self.order += 1;
        let time = seen.time;
        let sighting = Sighting {
            seen,
            day,
            order: self.order,
            assistant: self.assistant.unwrap_or(Assistant::ChatGpt),
        };
        match self.groups.entry((kind, key)) {
            std::collections::hash_map::Entry::Vacant(v) => {
                v.insert(Group {
                    first_day: sighting.day.clone(),
                    last_day: sighting.day.clone(),
                    count: 1,
                    times: time
                        .filter(|_| kind == Kind::MemoryWrite)
                        .into_iter()
                        .collect(),
                    first: sighting,
                });
            }
            std::collections::hash_map::Entry::Occupied(mut o) => {
                let g = o.get_mut();
                g.count += 1;
                if let Some(d) = &sighting.day {
                    if g.first_day.as_ref().is_none_or(|f| d < f) {
                        g.first_day = Some(d.clone());
                    }
                    if g.last_day.as_ref().is_none_or(|l| d > l) {
                        g.last_day = Some(d.clone());
                    }
                }
                if let (Kind::MemoryWrite, Some(t)) = (kind, time) {
                    g.times.push(t);
                }
                if sighting.before(&g.first) {
                    g.first = sighting;
                }
            }
        }
    }

    /// Gives every project memory and instruction filed under a project's uuid its name.
    pub fn name_projects(&mut self, names: &HashMap<String, String>) {
        for ((kind, _), group) in self.groups.iter_mut() {
            if matches!(kind, Kind::ProjectMemory | Kind::ProjectInstructions) {
                let heading = &mut group.first.seen.heading;
                if let Some(name) = heading.as_ref().and_then(|h| names.get(h)) {
                    *heading = Some(name.clone());
                }
            }
        }
    }

    /// The distinct items, in the contract's order: assistant, kind, first day, text.
    pub fn finish(self) -> Vec<Recovered> {
        // Each item with the times of all its writes.
        let mut items: Vec<(Recovered, Vec<f64>)> = Vec::new();
        for ((kind, _), g) in self.groups {
            let first = g.first;
            let recovered = Recovered {
                text: first.seen.text,
                kind,
                assistant: first.assistant,
                heading: first.seen.heading,
                conversation: first.seen.conversation,
                last_seen: g.last_day.filter(|l| Some(l) != g.first_day.as_ref()),
                first_seen: g.first_day,
                times: g.count,
                contradicted_by: None,
                file: first.seen.file,
            };
            items.push((recovered, g.times));
        }
        contradictions(&mut items);
        let mut items: Vec<Recovered> = items.into_iter().map(|(r, _)| r).collect();
        items.sort_by(|a, b| {
            (a.assistant, a.kind, &a.first_seen, &a.text).cmp(&(
                b.assistant,
                b.kind,
                &b.first_seen,
                &b.text,
            ))
        });
        items
    }
}

/// Marks each memory write that a later write contradicts: the latest write after its own
/// last one that gives another value for the same slot. Every write counts, repeats too.
fn contradictions(items: &mut [(Recovered, Vec<f64>)]) {
    let values = |r: &Recovered| -> Vec<(Slot, Value)> {
        let said = Said::of(&r.text);
        Slot::ALL
            .iter()
            .flat_map(|s| s.values_in(&said).into_iter().map(|v| (*s, v)))
            .collect()
    };
    // Every write: (item, time, slot, value).
    let mut writes: Vec<(usize, f64, Slot, Value)> = Vec::new();
    for (i, (r, times)) in items.iter().enumerate() {
        if r.kind == Kind::MemoryWrite {
            for (slot, value) in values(r) {
                writes.extend(times.iter().map(|t| (i, *t, slot, value.clone())));
            }
        }
    }
    if writes.is_empty() {
        return;
    }
    let texts: Vec<String> = items.iter().map(|(r, _)| r.text.clone()).collect();
    for (i, (r, times)) in items.iter_mut().enumerate() {
        if r.kind != Kind::MemoryWrite {
            continue;
        }
        let last = times.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let mine = values(r);
        let later = writes
            .iter()
            .filter(|(j, t, s, v)| {
                *j != i && *t > last && mine.iter().any(|(ms, mv)| ms == s && mv.disagrees(v))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1));
        r.contradicted_by = later.map(|(j, _, _, _)| texts[*j].clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(text: &str, time: f64) -> Seen {
        Seen {
            text: text.into(),
            time: Some(time),
            conversation: Some(format!("at {time}")),
            file: "conversations.json".into(),
            heading: None,
        }
    }

    #[test]
    fn repeats_fold_and_later_writes_contradict() {
        let mut c = Collector::default();
        c.add(Kind::MemoryWrite, seen("Lives in Lisbon.", 1_700_000_000.0));
        c.add(Kind::MemoryWrite, seen("lives in lisbon", 1_710_000_000.0));
        c.add(Kind::MemoryWrite, seen("Lives in Porto.", 1_720_000_000.0));
        c.add(
            Kind::MemoryWrite,
            seen("Has a dog named Rex.", 1_705_000_000.0),
        );
        let items = c.finish();
        assert_eq!(items.len(), 3);
        let lisbon = &items[0];
        assert_eq!(lisbon.text, "Lives in Lisbon.");
        assert_eq!(lisbon.times, 2);
        assert_eq!(lisbon.first_seen.as_deref(), Some("2023-11-14"));
        assert_eq!(lisbon.last_seen.as_deref(), Some("2024-03-09"));
        assert_eq!(lisbon.conversation.as_deref(), Some("at 1700000000"));
        assert_eq!(lisbon.contradicted_by.as_deref(), Some("Lives in Porto."));
        assert_eq!(items[1].text, "Has a dog named Rex.");
        assert_eq!(items[2].contradicted_by, None);
    }
}
