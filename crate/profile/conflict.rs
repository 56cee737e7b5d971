//! Memories that cannot both be true: two home cities, two languages to answer in.
//!
//! Merging near-duplicates (`dedupe`) makes one item of one fact said twice; it must not
//! make one item of two facts that disagree, and it must not hide them either. memport
//! knows a few things a person has only one of at a time — a *slot* — and reads each
//! item's value for it. Items giving different values for one slot are shown side by side,
//! and the person picks: keep one (the others are deleted, with Undo), or keep them all
//! (remembered in the profile as settled, so they are not asked about again).
//!
//! What each memory says for a slot, and when it says it of the person, is `slot`'s.

use serde::Serialize;

use crate::i18n;
use crate::profile::{EditError, ItemId, Profile};
use crate::slot::{Said, Slot, Value};
use crate::undo;

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

/// Every disagreement in `profile` the person has not settled: per slot and per kind of
/// value, the items giving each value, when they give two or more.
pub fn find(profile: &Profile) -> Vec<Conflict> {
    let mut out = Vec::new();
    // Each text is cut into sentences once, not once per slot: on a profile of thousands of
    // memories, that cutting is most of the popup's opening.
    let said: Vec<Said> = profile.items.iter().map(|i| Said::of(&i.text)).collect();
    for slot in Slot::ALL {
        let mut sides: Vec<(Value, Vec<ItemId>)> = Vec::new();
        for (item, said) in profile.items.iter().zip(&said) {
            for value in slot.values_in(said) {
                match sides
                    .iter_mut()
                    .find(|(v, _)| !v.disagrees(&value) && v.kind == value.kind)
                {
                    Some((_, ids)) => ids.push(item.id.clone()),
                    None => sides.push((value, vec![item.id.clone()])),
                }
            }
        }
        let mut kinds: Vec<&'static str> = sides.iter().map(|(v, _)| v.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        for kind in kinds {
            let of_kind: Vec<Side> = sides
                .iter()
                .filter(|(v, _)| v.kind == kind)
                .map(|(v, ids)| Side {
                    value: v.value.clone(),
                    ids: ids.clone(),
                })
                .collect();
            if of_kind.len() < 2 {
                continue;
            }
            let conflict = Conflict {
                slot,
                sides: of_kind,
            };
            let settled = profile
                .settled
                .iter()
                .any(|set| conflict.ids().all(|id| set.contains(id)));
            if !settled {
                out.push(conflict);
            }
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
        slot.values(text).into_iter().next().map(|v| v.value)
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
            Some("new york city".into())
        );
        assert_eq!(
            value(Home, "Habite à Lyon depuis 2019"),
            Some("lyon".into())
        );
        assert_eq!(value(Home, "Used to live in Berlin"), None);
        assert_eq!(
            value(Home, "Moved from Berlin to Lisbon"),
            Some("lisbon".into())
        );
        assert_eq!(value(Home, "Wants to live in Japan someday"), None);
        assert_eq!(
            value(Home, "Moved to Lisbon two years ago."),
            Some("lisbon".into())
        );
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
            Some("english".into())
        );
        assert_eq!(
            value(AnswerLanguage, "Answer in Spanish when I write in Spanish"),
            None
        );
        assert_eq!(
            value(Name, "I have a golden retriever called Biscuit."),
            None
        );
        assert_eq!(value(Name, "My dog's name is Pepper."), None);
        assert_eq!(value(Home, "Her parents live in Kraków."), None);
        assert_eq!(value(Units, "Imperial College London alumna."), None);
        assert_eq!(value(Clock, "Works 12-hour shifts."), None);
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
    fn only_what_is_said_of_the_person_now_disagrees() {
        use Slot::*;
        // Someone else's, or another kind of name.
        assert!(!Name.disagree(
            "My name is Priya Raman.",
            "I have a golden retriever called Biscuit."
        ));
        assert!(!Name.disagree("My name is Thomas Becker.", "Call me Tom."));
        assert!(!Name.disagree(
            "My name is Omar.",
            "Favourite opening line: \"Call me Ishmael.\""
        ));
        assert!(Name.disagree("Call me Sam.", "Prefers to be called Samantha."));
        assert!(Name.disagree("Wants to be addressed as Dr. Okafor.", "Call me Chidi."));
        // Past, plans, trips and other people's homes.
        assert!(!Home.disagree("Lives in Lisbon.", "Moved from Berlin to Lisbon in 2022."));
        assert!(Home.disagree("Moved from Berlin to Lisbon in 2022.", "Lives in Porto."));
        assert!(!Home.disagree("Lives in Lisbon.", "Was based in Berlin until 2023."));
        assert!(!Home.disagree("Lives in Lisbon.", "Jonas, her partner, lives in Porto."));
        assert!(!Home.disagree("Lives in New York.", "Lives in New York City."));
        assert!(!Home.disagree("Lives in Manchester.", "Lives in a small flat."));
        // Conditions and concessions.
        assert!(!AnswerLanguage.disagree(
            "Answer in English.",
            "If I write in German, answer in German."
        ));
        assert!(AnswerLanguage.disagree(
            "Always respond in English, even when I write in German.",
            "Answer in Spanish."
        ));
        assert!(!AnswerLanguage.disagree("Answer in Spanish.", "Responde siempre en español."));
        // Words that only look like units or a clock.
        assert!(!Units.disagree("Prefers imperial units.", "Favourite band is Metric."));
        assert!(Units.disagree("Always use imperial units.", "Always use SI units."));
        assert!(!Clock.disagree(
            "Uses 24-hour time.",
            "Has a 12-hour time difference with Manila."
        ));
        assert!(Clock.disagree("Bevorzugt das 24-Stunden-Format.", "Uses am/pm."));
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
