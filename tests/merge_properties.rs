//! Merging is deterministic and order-independent: the same memories, worded in the ways
//! assistants word them (case, punctuation, spacing, word order, a date in front, another
//! Unicode form) and read from several places, give the same profile whatever order they
//! are captured in, at once or in several captures; each fact is one item; no place any of
//! them was read is lost; and capturing everything again changes nothing.

use std::collections::BTreeSet;

use memport::category::Category;
use memport::profile::{MemoryItem, Profile, Source, Via};
use memport::sites::Assistant;
use proptest::prelude::*;
use time::macros::datetime;
use time::OffsetDateTime;
use unicode_normalization::UnicodeNormalization;

/// Facts, each a different memory. None has a word that gives it direction ("over", "to",
/// "not"...), so any order of its words is the same memory.
const FACTS: &[&str] = &[
    "Lives in Lisbon with her partner Jonas",
    "Prefers concise answers with code first",
    "Is training for the Porto half marathon in March",
    "Writes Rust and Python daily and uses Neovim",
    "Vit avec sa fille Inès près d'Orléans",
    "Works as a nurse in Leeds on night shifts",
    "Has two cats called Miso and Nori",
    "Wants citations for every medical claim",
];

/// How one wording of a fact differs from the plain one.
#[derive(Clone, Debug)]
enum Wording {
    Plain,
    Lower,
    Upper,
    Period,
    Spaces,
    Dated(u8),
    Bullet,
    Decomposed,
    /// The words in another order: the permutation's seed.
    Shuffled(u64),
}

fn wording() -> impl Strategy<Value = Wording> {
    prop_oneof![
        Just(Wording::Plain),
        Just(Wording::Lower),
        Just(Wording::Upper),
        Just(Wording::Period),
        Just(Wording::Spaces),
        (1u8..28).prop_map(Wording::Dated),
        Just(Wording::Bullet),
        Just(Wording::Decomposed),
        any::<u64>().prop_map(Wording::Shuffled),
    ]
}

fn worded(fact: &str, how: &Wording) -> String {
    match how {
        Wording::Plain => fact.to_string(),
        Wording::Lower => fact.to_lowercase(),
        Wording::Upper => fact.to_uppercase(),
        Wording::Period => format!("{fact}."),
        Wording::Spaces => fact.replace(' ', "   "),
        Wording::Dated(day) => format!("[2025-03-{day:02}] - {fact}"),
        Wording::Bullet => format!("- {fact}"),
        Wording::Decomposed => fact.nfd().collect(),
        Wording::Shuffled(seed) => {
            let mut words: Vec<&str> = fact.split(' ').collect();
            let mut s = *seed;
            for i in (1..words.len()).rev() {
                s = s
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                words.swap(i, (s >> 33) as usize % (i + 1));
            }
            words.join(" ")
        }
    }
}

/// One reading: which fact, how it was worded, where and when, and its category there.
#[derive(Clone, Debug)]
struct Reading {
    fact: usize,
    wording: Wording,
    place: usize,
    day: u8,
    category: usize,
}

const PLACES: &[(Option<Assistant>, Via, &str, Option<&str>)] = &[
    (
        Some(Assistant::Claude),
        Via::MemoryPage,
        "https://claude.ai/settings/capabilities",
        Some("Personal context"),
    ),
    (
        Some(Assistant::Gemini),
        Via::MemoryPage,
        "https://gemini.google.com/saved-info",
        None,
    ),
    (
        Some(Assistant::ChatGpt),
        Via::MemoryPage,
        "https://chatgpt.com/#settings/Personalization",
        None,
    ),
    (None, Via::Import, "", Some("Personal details")),
    (
        None,
        Via::Selection,
        "https://notes.example.org/",
        Some("Notes"),
    ),
];

fn reading() -> impl Strategy<Value = Reading> {
    (
        0..FACTS.len(),
        wording(),
        0..PLACES.len(),
        1u8..4,
        0..Category::ALL.len(),
    )
        .prop_map(|(fact, wording, place, day, category)| Reading {
            fact,
            wording,
            place,
            day,
            category,
        })
}

fn item(r: &Reading) -> MemoryItem {
    let (assistant, via, url, heading) = PLACES[r.place];
    let captured_at: OffsetDateTime =
        datetime!(2026-11-01 09:00 UTC) + time::Duration::days(i64::from(r.day));
    let source = Source {
        assistant,
        via,
        url: url.to_string(),
        heading: heading.map(str::to_string),
        captured_at,
        saved: None,
        evidence: Vec::new(),
        text: None,
    };
    MemoryItem::new(
        &worded(FACTS[r.fact], &r.wording),
        Category::ALL[r.category],
        source,
    )
    .expect("every wording has text")
}

/// The profile's items independent of their order in the list: sorted by id.
fn items_by_id(p: &Profile) -> Vec<MemoryItem> {
    let mut items = p.items.clone();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items
}

fn captured(readings: &[Reading], cuts: &[usize]) -> Profile {
    let mut p = Profile::new();
    let mut at = 0;
    for &cut in cuts.iter().chain(std::iter::once(&readings.len())) {
        let cut = cut.clamp(at, readings.len());
        p.add(readings[at..cut].iter().map(item).collect());
        at = cut;
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn merging_does_not_depend_on_order(
        readings in prop::collection::vec(reading(), 1..30),
        order in any::<u64>(),
        cuts in prop::collection::vec(0usize..30, 0..4),
    ) {
        let once = captured(&readings, &[]);

        // The same readings shuffled, and captured in several parts.
        let mut shuffled = readings.clone();
        let mut s = order;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        let mut cuts = cuts;
        cuts.sort_unstable();
        let parts = captured(&shuffled, &cuts);
        prop_assert_eq!(items_by_id(&once), items_by_id(&parts));

        // One item per fact.
        let facts: BTreeSet<usize> = readings.iter().map(|r| r.fact).collect();
        prop_assert_eq!(once.len(), facts.len());

        // Every place each fact was read is among its item's sources, with its wording.
        for item in &once.items {
            let fact = readings
                .iter()
                .find(|r| memport::profile::ItemId::of(FACTS[r.fact]) == item.id)
                .map(|r| r.fact);
            prop_assert!(fact.is_some(), "an item no fact accounts for: {:?}", item.text);
            let fact = fact.unwrap_or_default();
            let places: BTreeSet<usize> = readings
                .iter()
                .filter(|r| r.fact == fact)
                .map(|r| r.place)
                .collect();
            prop_assert_eq!(item.sources.len(), places.len());
            for source in &item.sources {
                let wording = source.text.as_deref().unwrap_or(&item.text);
                prop_assert!(
                    readings.iter().any(|r| r.fact == fact && worded(FACTS[r.fact], &r.wording).trim() == wording),
                    "{:?} was no reading's wording", wording
                );
            }
        }

        // Capturing it all again changes nothing.
        let mut again = once.clone();
        let report = again.add(readings.iter().map(item).collect());
        prop_assert_eq!(report.added, 0);
        prop_assert_eq!(again, once);
    }
}
