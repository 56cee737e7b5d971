//! No way in stores an item longer than one item holds, and none loses text doing so: a
//! long capture, paste, export memory or restored profile becomes several whole items.

use memport::capture::{self, ReadOutcome};
use memport::profile::{Profile, MAX_ITEM_CHARS};
use memport::text_import;
use time::macros::datetime;

/// A paragraph of `n` distinct sentences, with no line breaks.
fn long_paragraph(n: usize) -> String {
    (0..n)
        .map(|i| format!("Trip note {i}: the coastal walk from Porto went north past the dunes."))
        .collect::<Vec<_>>()
        .join(" ")
}

fn assert_within_limit_and_whole(profile: &Profile, text: &str) {
    let held: Vec<&str> = profile
        .items
        .iter()
        .map(|i| i.text.as_str())
        .filter(|t| t.starts_with("Trip note"))
        .collect();
    assert!(held.len() > 1, "the long text became several items");
    for t in &held {
        assert!(
            t.chars().count() <= MAX_ITEM_CHARS,
            "{} characters",
            t.chars().count()
        );
    }
    assert_eq!(held.join(" "), text, "nothing lost");
}

#[test]
fn import_text_splits_a_long_paragraph() {
    let text = long_paragraph(60);
    let mut profile = Profile::new();
    text_import::into_profile(&text, datetime!(2026-12-03 12:00 UTC), &mut profile)
        .expect("the text imports");
    assert_within_limit_and_whole(&profile, &text);
}

#[test]
fn a_capture_splits_a_long_entry() {
    let text = long_paragraph(60);
    let outcome: ReadOutcome = serde_json::from_value(serde_json::json!({
        "outcome": "read",
        "url": "https://claude.ai/settings/capabilities",
        "fields": [], "lists": [], "missing_lists": [],
        "memory": {"state": "read"},
        "found_by": "test",
        "blocks": [
            {"tag": "p", "text": "Work context", "strong": true},
            {"tag": "p", "text": text, "strong": false}
        ]
    }))
    .expect("a page read");
    let mut profile = Profile::new();
    capture::into_profile(&outcome, datetime!(2026-12-03 12:00 UTC), &mut profile)
        .expect("the capture saves");
    assert_within_limit_and_whole(&profile, &text);
}

#[test]
fn a_restored_profile_file_splits_a_long_item() {
    let text = long_paragraph(60);
    let json = serde_json::json!({
        "schema": 3,
        "items": [{
            "id": "x", "text": text, "category": "Personal information",
            "sources": [{"assistant": "claude", "url": "https://claude.ai/", "heading": null,
                         "captured_at": "2026-11-20T10:00:00Z"}]
        }]
    })
    .to_string();
    let profile = Profile::from_json(Some(&json)).expect("a readable profile");
    assert_within_limit_and_whole(&profile, &text);
}
