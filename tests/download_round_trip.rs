//! Every download (memport's own files for the person) reads back: for thousands of generated
//! profiles (odd Unicode, markup, empty categories, long items, text that looks like list
//! markers, dates or headings), "Import text" reads memport's Markdown and plain text back to
//! the same entries in the same categories, and its JSON file back to the very same profile.

use memport::category::Category;
use memport::download::profile_json;
use memport::profile::{MemoryItem, Profile, Source, Via};
use memport::render;
use memport::text_import::{self, Reading};
use proptest::prelude::*;
use time::macros::datetime;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any single line, odd Unicode and markup included.
        "[^\n\r]{1,80}",
        // Words, some lower-case, as memories are written.
        "[A-Za-zÀ-ÿ]{1,12}( [a-zé0-9,;:'()]{1,10}){0,12}[.!?]?",
        // Lines that look like structure.
        prop::sample::select(vec![
            "- already a bullet",
            "1. numbered",
            "[2024-03-05] - looks dated",
            "2024-03-05 - iso dated",
            "# looks like a heading",
            "**Bold label**",
            "Instructions:",
            "Evidence: User said so",
            "Imported from: Claude",
            "```",
            "<script>alert(1)</script>",
            "\u{200b}zero width",
        ])
        .prop_map(str::to_string),
        // Long items.
        "[a-z]{1,8}( [a-z]{1,8}){60,90}",
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    prop::collection::vec((text(), 0..6usize), 0..25).prop_map(|entries| {
        let mut p = Profile::new();
        let items = entries.into_iter().filter_map(|(t, c)| {
            let source = Source {
                assistant: None,
                via: Via::Import,
                url: String::new(),
                heading: None,
                captured_at: datetime!(2026-11-24 12:00 UTC),
                saved: None,
                evidence: Vec::new(),
                text: None,
            };
            MemoryItem::new(&t, Category::ALL[c], source)
        });
        p.add(items.collect());
        p
    })
}

/// What a text download must give back: each item's text (on one line) and category, in the
/// order the download writes them (by category, then as held).
fn expected(p: &Profile) -> Vec<(String, Category)> {
    Category::ALL
        .iter()
        .flat_map(|&c| p.in_category(c))
        .map(|i| {
            (
                i.text.split_whitespace().collect::<Vec<_>>().join(" "),
                i.category,
            )
        })
        .collect()
}

fn read_back(text: &str) -> Vec<(String, Category)> {
    match text_import::read(text) {
        Ok(Reading::Text(parsed)) => parsed
            .entries
            .into_iter()
            .map(|e| (e.text, e.category))
            .collect(),
        Ok(Reading::Profile(_)) => panic!("a text download read as a profile file"),
        Ok(Reading::Open(_)) => panic!("a text download read as an open format"),
        Err(_) => Vec::new(),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn json_restores_the_same_profile(p in profile()) {
        let file = profile_json(&p);
        match text_import::read(&file) {
            Ok(Reading::Profile(back)) => prop_assert_eq!(back, p),
            other => prop_assert!(false, "not read as a profile: {:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn markdown_reads_back(p in profile()) {
        prop_assert_eq!(read_back(&render::markdown(&p)), expected(&p));
    }

    #[test]
    fn plain_text_reads_back(p in profile()) {
        prop_assert_eq!(read_back(&render::category_lines(&p.items)), expected(&p));
    }
}
