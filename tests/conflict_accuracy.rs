//! How many real disagreements the popup shows, and how many false ones.
//!
//! `tests/fixtures/conflicts-labeled.tsv` holds pairs of memories labeled by hand (its header
//! says how): real conflicts (two names, two home cities, two answer languages, metric and
//! imperial, 12- and 24-hour time) and look-alikes that can both be true (a dog's or a
//! daughter's name, a past city, a trip, a condition on the language, the same fact
//! reworded). Each pair is put into a fresh profile, as two captures would put it, and
//! `conflict::find` is asked. A false disagreement asks the person to delete a true memory,
//! so the test fails when more than 2% of the look-alikes are shown as disagreeing, or fewer
//! than 85% of the real ones are found (on the slot the label names). It prints both figures
//! and every miss (`./dev test` shows them).

use memport::category::Category;
use memport::conflict::find;
use memport::profile::{MemoryItem, Profile, Source, Via};
use memport::slot::Slot;

const FIXTURE: &str = include_str!("fixtures/conflicts-labeled.tsv");
const MIN_PAIRS: usize = 150;
const MIN_FOUND: f64 = 0.85;
const MAX_FALSE: f64 = 0.02;

struct Pair {
    line: usize,
    /// The slot of a real conflict; `None` for a look-alike.
    slot: Option<Slot>,
    a: &'static str,
    b: &'static str,
    note: &'static str,
}

fn slot(name: &str) -> Option<Slot> {
    Slot::ALL.into_iter().find(|s| {
        serde_json::to_value(s)
            .ok()
            .is_some_and(|v| v.as_str() == Some(name))
    })
}

/// The fixture's pairs; panics on a malformed line, naming it.
fn pairs() -> Vec<Pair> {
    FIXTURE
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(line, l)| {
            let cols: Vec<&str> = l.split('\t').collect();
            let [label, slot_name, a, b, note] = cols[..] else {
                panic!("fixture line {line} has not 5 columns: {l:?}");
            };
            let slot = match label {
                "conflict" => Some(
                    slot(slot_name)
                        .unwrap_or_else(|| panic!("fixture line {line}: no slot {slot_name:?}")),
                ),
                "no-conflict" => {
                    assert_eq!(
                        slot_name, "-",
                        "fixture line {line}: a look-alike has no slot"
                    );
                    None
                }
                _ => panic!("fixture line {line} has an unknown label {label:?}"),
            };
            Pair {
                line,
                slot,
                a: a.trim(),
                b: b.trim(),
                note,
            }
        })
        .collect()
}

/// A profile holding the two memories, each read from a memory page.
fn profile(a: &str, b: &str) -> Profile {
    let source = Source {
        via: Via::MemoryPage,
        url: "https://claude.ai/settings/capabilities".into(),
        assistant: None,
        heading: None,
        captured_at: time::OffsetDateTime::UNIX_EPOCH,
        saved: None,
        evidence: Vec::new(),
        text: None,
    };
    let mut p = Profile::new();
    p.add(
        [a, b]
            .iter()
            .filter_map(|t| MemoryItem::new(t, Category::PersonalInformation, source.clone()))
            .collect(),
    );
    p
}

#[test]
fn finds_85_percent_of_disagreements_and_at_most_2_percent_false_ones() {
    let pairs = pairs();
    assert!(
        pairs.len() >= MIN_PAIRS,
        "{} pairs, fewer than {MIN_PAIRS}",
        pairs.len()
    );
    let (mut real, mut found, mut lookalikes, mut false_ones) = (0, 0, 0, 0);
    let mut misses = Vec::new();
    for pair in &pairs {
        let shown: Vec<Slot> = find(&profile(pair.a, pair.b))
            .into_iter()
            .map(|c| c.slot)
            .collect();
        let what = format!("{:?} / {:?} ({})", pair.a, pair.b, pair.note);
        match pair.slot {
            Some(slot) => {
                real += 1;
                if shown.contains(&slot) {
                    found += 1;
                } else {
                    misses.push(format!("  line {} missed ({slot:?}): {what}", pair.line));
                }
            }
            None => {
                lookalikes += 1;
                if !shown.is_empty() {
                    false_ones += 1;
                    misses.push(format!(
                        "  line {} shown as disagreeing ({shown:?}): {what}",
                        pair.line
                    ));
                }
            }
        }
    }
    let recall = found as f64 / real as f64;
    let false_rate = false_ones as f64 / lookalikes as f64;
    println!(
        "memories that disagree: {:.1}% of real disagreements found ({found} of {real}), \
         {:.1}% of look-alikes shown as disagreeing ({false_ones} of {lookalikes})",
        recall * 100.0,
        false_rate * 100.0,
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        real >= 50 && lookalikes >= 100,
        "{real} real disagreements, {lookalikes} look-alikes"
    );
    assert!(
        recall >= MIN_FOUND,
        "only {:.1}% of real disagreements found",
        recall * 100.0
    );
    assert!(
        false_rate <= MAX_FALSE,
        "{:.1}% of look-alikes shown as disagreeing",
        false_rate * 100.0
    );
}
