//! When two memories are the same memory.
//!
//! Assistants word one fact in slightly different ways: Claude writes "Lives in Lisbon with
//! her partner Jonas.", Gemini's saved info says "lives in lisbon with partner Jonas", an
//! answer to the export prompt puts "[2025-03-05] - " in front, and text copied from one
//! page may be in a different Unicode form than the same text typed on another. memport
//! merges such near-duplicates into one item carrying every source, so the person reviews
//! each fact once.
//!
//! The rule is one function, [`key`], that every item's id is derived from. Two texts are
//! the same memory when their keys are equal:
//! - Unicode compatibility form (NFKC), so composed and decomposed accents, full-width
//!   letters and ligatures agree;
//! - case, punctuation, apostrophes and spacing do not count;
//! - a leading list marker or date (`- `, `3. `, `[2025-03-05] - `, `2025-03-05: `) does
//!   not count;
//! - the order of words does not count, except across words that give a sentence its
//!   direction ("over", "than", "instead", "not", "from", "to"...): "prefers tea over
//!   coffee" is not "prefers coffee over tea", but "lives in Lisbon with Jonas" is "lives
//!   with Jonas in Lisbon". Words are sorted within each stretch between such words.
//!
//! Which wording the merged item shows is decided by [`preferred`], a total order on texts,
//! so the result does not depend on the order things were captured in.

use std::cmp::Reverse;

use crate::lines::{after_marker, dated, normalize};

/// Words that give a sentence its direction: word order across them changes the meaning.
const DIRECTIONAL: &[&str] = &[
    // English
    "over", "than", "instead", "rather", "not", "no", "never", "nor", "from", "to", "into",
    "before", "after", "vs", "versus", "but", "except", "unless", "until", "then", "without",
    "dont", "doesnt", "didnt", "isnt", "wasnt", "cant", "wont", "shouldnt", "more", "less",
    // French, Spanish, Portuguese, German, Italian: negations and comparisons
    "ne", "pas", "plutôt", "que", "de", "à", "nunca", "sino", "nicht", "kein", "keine", "statt",
    "als", "nach", "von", "non", "invece", "não", "em", "vez",
];

/// The form two texts share when they are the same memory (see the module docs).
pub fn key(text: &str) -> String {
    let folded: String = crate::unicode::nfkc(text).to_lowercase();
    // Any run of spacing is one space first, so a marker followed by a line break ("3.\n")
    // is a marker as "3. " is: an entry joined onto one line keeps its key.
    let folded = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let body = strip_prefixes(&folded);
    let words: Vec<String> = body
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
        .map(|w| w.replace(['\'', '’'], ""))
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() {
        // Nothing but punctuation or symbols ("???"): the plain normalized text is its key.
        return normalize(&folded);
    }
    let mut out: Vec<&str> = Vec::with_capacity(words.len());
    let mut stretch: Vec<&str> = Vec::new();
    for word in &words {
        if DIRECTIONAL.contains(&word.as_str()) {
            stretch.sort_unstable();
            out.append(&mut stretch);
            out.push(word);
        } else {
            stretch.push(word);
        }
    }
    stretch.sort_unstable();
    out.append(&mut stretch);
    out.join(" ")
}

/// `text` without leading list markers and dates, however many are stacked.
fn strip_prefixes(text: &str) -> &str {
    let mut rest = text.trim();
    loop {
        let next = after_marker(rest)
            .or_else(|| dated(rest).map(|(_, body)| body))
            .map(str::trim);
        match next {
            Some(n) if !n.is_empty() && n.len() < rest.len() => rest = n,
            _ => return rest,
        }
    }
}

/// Whether `text` itself starts with a date or a list marker, which a merged item would
/// rather not show.
fn has_prefix(text: &str) -> bool {
    let t = text.trim();
    strip_prefixes(t).len() < t.len()
}

/// How much a wording is preferred to show for a merged item: smaller is better. One
/// without a date or marker in front; then one that starts as a sentence does (a capital);
/// then the one with more letters and digits (more detail); then fewer capitals (not
/// shouted); then the longer (it keeps its punctuation); then by its characters, so two
/// different texts never tie.
pub fn preferred(text: &str) -> impl Ord + '_ {
    (
        has_prefix(text),
        text.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(char::is_lowercase),
        Reverse(text.chars().filter(|c| c.is_alphanumeric()).count()),
        text.chars().filter(|c| c.is_uppercase()).count(),
        Reverse(text.chars().count()),
        text,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(a: &str, b: &str) -> bool {
        key(a) == key(b)
    }

    #[test]
    fn a_marker_before_a_line_break_is_a_marker() {
        // Found by open_formats' Anthropic round trip: "0.\nΣ" written on one line.
        assert!(same("0.\nΣ", "0. Σ"));
        assert!(same("-\tTea", "- Tea"));
    }

    #[test]
    fn case_punctuation_and_spacing_do_not_count() {
        assert!(same(
            "Lives in Lisbon with her partner Jonas.",
            "lives in lisbon   with her partner Jonas"
        ));
        assert!(same("Doesn't eat pork!", "doesnt eat pork"));
        assert!(same("Uses 24-hour time", "uses 24 hour time."));
        assert!(!same("Lives in Lisbon", "Lives in Porto"));
    }

    #[test]
    fn unicode_forms_do_not_count() {
        // "é" composed (U+00E9) and decomposed (e + U+0301); full-width letters; a ligature.
        assert!(same("Habite à Orléans", "Habite a\u{300} Orle\u{301}ans"));
        assert!(same("Ｕｓｅｓ Ｒｕｓｔ", "Uses Rust"));
        assert!(same("Works on ﬁnance apps", "Works on finance apps"));
        assert!(!same("Habite à Orléans", "Habite a Orleans"));
    }

    #[test]
    fn a_date_or_list_marker_in_front_does_not_count() {
        assert!(same("[2025-03-05] - Lives in Lisbon", "Lives in Lisbon"));
        assert!(same("2025-03-05: Lives in Lisbon", "Lives in Lisbon"));
        assert!(same("- [unknown] - Lives in Lisbon", "Lives in Lisbon"));
        assert!(same("3. Lives in Lisbon", "Lives in Lisbon"));
        // A date inside the sentence is part of it.
        assert!(!same(
            "Moved to Lisbon on 2025-03-05",
            "Moved to Lisbon on 2025-03-06"
        ));
    }

    #[test]
    fn word_order_counts_only_where_it_gives_direction() {
        assert!(same(
            "Lives in Lisbon with her partner Jonas",
            "Lives with her partner Jonas in Lisbon"
        ));
        assert!(same("Writes Rust and Python", "Writes Python and Rust"));
        assert!(!same("Prefers tea over coffee", "Prefers coffee over tea"));
        assert!(!same(
            "Moved from Berlin to Lisbon",
            "Moved from Lisbon to Berlin"
        ));
        assert!(!same("Prefers Rust to Go", "Prefers Go to Rust"));
        assert!(!same("Use tabs, not spaces", "Use spaces, not tabs"));
    }

    #[test]
    fn symbols_alone_still_have_a_key() {
        assert_eq!(key("???"), "???");
        assert_ne!(key("???"), key("!!!?"));
    }

    #[test]
    fn the_plain_full_wording_is_preferred() {
        let mut texts = [
            "[2025-03-05] - Lives in Lisbon with her partner Jonas.",
            "LIVES IN LISBON WITH HER PARTNER JONAS.",
            "lives in lisbon with her partner jonas",
            "Lives in Lisbon with her partner Jonas.",
        ];
        texts.sort_by_key(|t| preferred(t));
        assert_eq!(texts[0], "Lives in Lisbon with her partner Jonas.");
        assert_eq!(
            texts[3],
            "[2025-03-05] - Lives in Lisbon with her partner Jonas."
        );
    }
}
