//! Memories that cannot both be true: two home cities, two languages to answer in.
//!
//! Merging near-duplicates (`dedupe`) makes one item of one fact said twice; it must not
//! make one item of two facts that disagree, and it must not hide them either. memport
//! knows a few things a person has only one of at a time — a *slot* — and reads each
//! item's value for it with plain patterns. Items giving different values for one slot are
//! shown side by side, and the person picks: keep one (the others are deleted, with
//! Undo), or keep them all (remembered in the profile as settled, so they are not asked
//! about again).
//!
//! The patterns are deliberately narrow: a missed contradiction costs the person nothing
//! they did not have before, while a false one asks them a needless question. A sentence
//! that says the fact is past ("used to live in", "no longer", "moved from") gives no value.

use serde::Serialize;

use crate::dedupe;
use crate::i18n;
use crate::profile::{EditError, ItemId, Profile};
use crate::undo;

/// Something a person has one of at a time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Slot {
    /// Where they live.
    Home,
    /// The language answers should be in.
    AnswerLanguage,
    /// What they want to be called.
    Name,
    /// Metric or imperial.
    Units,
    /// 12- or 24-hour time.
    Clock,
}

impl Slot {
    pub const ALL: [Slot; 5] = [
        Slot::Home,
        Slot::AnswerLanguage,
        Slot::Name,
        Slot::Units,
        Slot::Clock,
    ];

    /// The id of what the popup calls it ("Where you live"); the words are in
    /// `extension/_locales`.
    pub fn message_id(self) -> &'static str {
        match self {
            Slot::Home => "slot_home",
            Slot::AnswerLanguage => "slot_answer_language",
            Slot::Name => "slot_name",
            Slot::Units => "slot_units",
            Slot::Clock => "slot_clock",
        }
    }

    /// The value `text` gives for this slot, in a form two wordings share ("lisbon").
    pub fn value(self, text: &str) -> Option<String> {
        let lower = text.to_lowercase();
        if PAST.iter().any(|p| contains_words(&lower, p)) {
            return None;
        }
        match self {
            Slot::Home => after_any(&lower, HOME).map(|v| dedupe::key(&v)),
            Slot::AnswerLanguage => answer_language(&lower),
            Slot::Name => after_any(&lower, NAME)
                .and_then(|v| v.split_whitespace().next().map(str::to_string))
                .map(|v| dedupe::key(&v)),
            Slot::Units => one_of(&lower, &[("metric", "metric"), ("imperial", "imperial")]),
            Slot::Clock => one_of(
                &lower,
                &[
                    ("24-hour", "24-hour"),
                    ("24 hour", "24-hour"),
                    ("24h", "24-hour"),
                    ("12-hour", "12-hour"),
                    ("12 hour", "12-hour"),
                    ("am/pm", "12-hour"),
                ],
            ),
        }
        .filter(|v| !v.is_empty())
    }
}

/// Words that put a fact in the past or the future, or deny it.
const PAST: &[&str] = &[
    "used to",
    "no longer",
    "formerly",
    "previously",
    "moved from",
    "moved away",
    "grew up",
    "born in",
    "not to call",
    "don't call",
    "do not call",
    "instead of",
    "ne plus",
    "ya no",
    "nicht mehr",
    // Wishes and plans are not the present either.
    "wants to",
    "would like to",
    "dreams of",
    "plans to",
    "hopes to",
    "thinking of",
    "considering",
    "someday",
];

const HOME: &[&str] = &[
    "lives in ",
    "live in ",
    "living in ",
    "based in ",
    "resides in ",
    "moved to ",
    "home is in ",
    "habite à ",
    "habite a ",
    "vit à ",
    "vive en ",
    "vive em ",
    "mora em ",
    "vivo en ",
    "wohnt in ",
    "lebt in ",
];

const NAME: &[&str] = &[
    "call me ",
    "calls me ",
    "called ",
    "my name is ",
    "name is ",
    "goes by ",
    "preferred name: ",
    "preferred name is ",
    "je m'appelle ",
    "me llamo ",
    "ich heiße ",
];

/// Where a value stops: punctuation, or a word that starts another clause.
const VALUE_ENDS: &[&str] = &[
    " with ",
    " and ",
    " since ",
    " for ",
    " near ",
    " where ",
    " but ",
    " who ",
    " while ",
    " because ",
    " avec ",
    " depuis ",
    " con ",
    " desde ",
    " com ",
    " mit ",
    " seit ",
    " und ",
    " et ",
    " y ",
    " e ",
    " in the ",
    " at ",
    " as ",
    " on ",
    " from ",
];

/// The value after the first of `patterns` in `lower`: up to punctuation or a clause word,
/// at most three words.
fn after_any(lower: &str, patterns: &[&str]) -> Option<String> {
    let (at, pattern) = patterns
        .iter()
        .filter_map(|p| find_words(lower, p).map(|at| (at, p)))
        .min()?;
    let rest = &lower[at + pattern.len()..];
    let end = rest
        .find(['.', ',', ';', '(', ')', '!', '?', ':', '"'])
        .unwrap_or(rest.len());
    let mut value = &rest[..end];
    let padded = format!(" {value} ");
    if let Some(cut) = VALUE_ENDS.iter().filter_map(|w| padded.find(w)).min() {
        value = &value[..cut.min(value.len())];
    }
    let words: Vec<&str> = value.split_whitespace().take(3).collect();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Where `phrase` starts in `lower` at a word boundary.
fn find_words(lower: &str, phrase: &str) -> Option<usize> {
    lower.match_indices(phrase).map(|(i, _)| i).find(|&i| {
        lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

fn contains_words(lower: &str, phrase: &str) -> bool {
    find_words(lower, phrase).is_some_and(|i| {
        lower[i + phrase.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// The one value of `choices` the text names; none when it names two (a comparison).
fn one_of(lower: &str, choices: &[(&str, &str)]) -> Option<String> {
    let mut found: Vec<&str> = choices
        .iter()
        .filter(|(word, _)| contains_words(lower, word))
        .map(|(_, value)| *value)
        .collect();
    found.dedup();
    match found.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

const LANGUAGES: &[&str] = &[
    "british english",
    "american english",
    "english",
    "french",
    "spanish",
    "german",
    "portuguese",
    "italian",
    "dutch",
    "japanese",
    "chinese",
    "korean",
    "russian",
    "arabic",
    "hindi",
    "polish",
    "swedish",
    "turkish",
    "greek",
    "français",
    "español",
    "deutsch",
    "português",
];

const ANSWER_WORDS: &[&str] = &[
    "answer",
    "answers",
    "respond",
    "responses",
    "response",
    "reply",
    "replies",
    "write to me",
    "speak to me",
    "talk to me",
    "language",
    "réponds",
    "répondre",
    "responde",
    "antworte",
];

/// The one language `lower` asks answers in ("British English" before "English").
fn answer_language(lower: &str) -> Option<String> {
    if !ANSWER_WORDS.iter().any(|w| contains_words(lower, w)) {
        return None;
    }
    let mut named: Vec<&str> = Vec::new();
    let mut rest = lower.to_string();
    for language in LANGUAGES {
        if contains_words(&rest, language) {
            named.push(language);
            // "british english" also contains "english": count it once.
            rest = rest.replace(language, " ");
        }
    }
    match named.as_slice() {
        [one] => Some(one.to_string()),
        _ => None,
    }
}

/// Items that disagree on one slot.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub slot: Slot,
    /// One entry per value, in the order of the profile: the values and the items giving
    /// each. At least two.
    pub sides: Vec<Side>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Side {
    pub value: String,
    pub ids: Vec<ItemId>,
}

impl Conflict {
    /// Every item in it.
    pub fn ids(&self) -> impl Iterator<Item = &ItemId> {
        self.sides.iter().flat_map(|s| s.ids.iter())
    }
}

/// Every disagreement in `profile` the person has not settled.
pub fn find(profile: &Profile) -> Vec<Conflict> {
    let mut out = Vec::new();
    for slot in Slot::ALL {
        let mut sides: Vec<Side> = Vec::new();
        for item in &profile.items {
            let Some(value) = slot.value(&item.text) else {
                continue;
            };
            match sides.iter_mut().find(|s| s.value == value) {
                Some(side) => side.ids.push(item.id.clone()),
                None => sides.push(Side {
                    value,
                    ids: vec![item.id.clone()],
                }),
            }
        }
        if sides.len() < 2 {
            continue;
        }
        let conflict = Conflict { slot, sides };
        let settled = profile
            .settled
            .iter()
            .any(|set| conflict.ids().all(|id| set.contains(id)));
        if !settled {
            out.push(conflict);
        }
    }
    out
}

/// "Keep this one": keeps `keep` and deletes the items of the other sides, `drop`. The
/// message for the person and the label of the step Undo takes back.
pub fn keep_one(
    profile: &mut Profile,
    keep: &ItemId,
    drop: &[ItemId],
) -> Result<(String, String), EditError> {
    let kept = profile
        .items
        .iter()
        .find(|i| i.id == *keep)
        .map(|i| i.text.clone())
        .ok_or(EditError::NotFound)?;
    // An item already gone (deleted in another window) is simply not there to delete.
    let removed = drop
        .iter()
        .filter(|id| *id != keep)
        .filter(|id| profile.remove(id).is_ok())
        .count();
    let label = undo::quoted("undo_kept", &kept);
    let said = i18n::tn(
        "conflict_kept_deleted",
        removed,
        &[&label, &i18n::number(removed)],
    );
    Ok((said, label))
}

/// "Keep both": the items may stand together; memport will not ask about them again.
pub fn keep_all(profile: &mut Profile, ids: Vec<ItemId>) -> (String, String) {
    let n = ids.len();
    profile.settle(ids);
    let (said, label) = if n == 2 {
        ("conflict_kept_both", "undo_kept_both")
    } else {
        ("conflict_kept_all", "undo_kept_all")
    };
    (i18n::t(said, &[]), i18n::t(label, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category::*;
    use crate::profile::fixture::profile;

    fn value(slot: Slot, text: &str) -> Option<String> {
        slot.value(text)
    }

    #[test]
    fn values_are_read_narrowly() {
        use Slot::*;
        assert_eq!(
            value(Home, "Lives in Lisbon with her partner Jonas."),
            Some("lisbon".into())
        );
        assert_eq!(
            value(Home, "Is based in New York City since 2020"),
            Some("city new york".into())
        );
        assert_eq!(
            value(Home, "Habite à Lyon depuis 2019"),
            Some("lyon".into())
        );
        assert_eq!(value(Home, "Used to live in Berlin"), None);
        assert_eq!(value(Home, "Moved from Berlin to Lisbon"), None);
        assert_eq!(value(Home, "Wants to live in Japan someday"), None);
        assert_eq!(
            value(AnswerLanguage, "Always answer in British English."),
            Some("british english".into())
        );
        assert_eq!(
            value(AnswerLanguage, "Prefers responses in Portuguese"),
            Some("portuguese".into())
        );
        assert_eq!(value(AnswerLanguage, "Speaks French and German"), None);
        assert_eq!(
            value(
                AnswerLanguage,
                "Answer in English, but recipes in Portuguese"
            ),
            None
        );
        assert_eq!(
            value(Name, "Call me Maya, not Ms. Costa."),
            Some("maya".into())
        );
        assert_eq!(value(Name, "Don't call me Sam"), None);
        assert_eq!(value(Units, "Uses metric units"), Some("metric".into()));
        assert_eq!(value(Units, "Convert imperial to metric"), None);
        assert_eq!(value(Clock, "Uses 24-hour time"), Some("24-hour".into()));
    }

    #[test]
    fn two_home_cities_are_a_conflict_until_settled() {
        let mut p = profile(&[
            (
                "Lives in Lisbon with her partner Jonas.",
                PersonalInformation,
            ),
            ("Prefers concise answers", ResponseInstructions),
            ("Lives in Porto", PersonalInformation),
            ("lives in lisbon, near the river", OtherContext),
        ]);
        let found = find(&p);
        assert_eq!(found.len(), 1);
        let c = &found[0];
        assert_eq!(c.slot, Slot::Home);
        let values: Vec<&str> = c.sides.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(values, ["lisbon", "porto"]);
        assert_eq!(c.sides[0].ids.len(), 2);
        p.settled.push(c.ids().cloned().collect());
        assert!(find(&p).is_empty());
        // A new disagreeing memory asks again.
        p.add(vec![crate::profile::fixture::item(
            "Lives in Faro",
            OtherContext,
        )]);
        assert_eq!(find(&p).len(), 1);
    }

    #[test]
    fn keeping_one_deletes_the_others_and_keeping_all_settles() {
        let mut p = profile(&[
            ("Lives in Lisbon", PersonalInformation),
            ("Lives in Porto", PersonalInformation),
            ("Has a cat", PersonalInformation),
        ]);
        let c = find(&p).remove(0);
        let porto = c.sides[1].ids[0].clone();
        let lisbon: Vec<ItemId> = c.sides[0].ids.clone();
        let (said, label) = keep_one(&mut p, &porto, &lisbon).unwrap();
        assert_eq!(label, "Kept \"Lives in Porto\"");
        assert!(said.contains("deleted the other memory"), "{said}");
        let texts: Vec<&str> = p.items.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, ["Lives in Porto", "Has a cat"]);
        assert!(find(&p).is_empty());
        assert_eq!(
            keep_one(&mut p, &crate::profile::ItemId::of("gone"), &[]),
            Err(EditError::NotFound)
        );

        let mut p = profile(&[
            ("Lives in Lisbon", PersonalInformation),
            ("Lives in Porto", PersonalInformation),
        ]);
        let ids: Vec<ItemId> = find(&p)[0].ids().cloned().collect();
        let (said, _) = keep_all(&mut p, ids);
        assert!(said.starts_with("Kept both."));
        assert_eq!(p.len(), 2);
        assert!(find(&p).is_empty());
        let ids: Vec<ItemId> = p.items.iter().map(|i| i.id.clone()).collect();
        i18n::set_lang(i18n::Lang::Es);
        let (said, label) = keep_all(&mut p, ids);
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(
            (said.as_str(), label.as_str()),
            (
                "Se conservan los dos. memport no volverá a preguntar por ellos.",
                "Ambos conservados"
            )
        );
    }

    #[test]
    fn agreeing_memories_are_no_conflict() {
        let p = profile(&[
            ("Always answer in English", ResponseInstructions),
            (
                "Prefers responses in English, with metric units",
                ResponseInstructions,
            ),
            ("Uses metric units", ResponseInstructions),
        ]);
        assert!(find(&p).is_empty());
    }
}
