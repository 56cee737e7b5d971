//! The Claude reader on recorded page data: what memport's page code read from the Claude
//! replica's memory dialog (tests/fixtures/claude-page-read.json, kept current by
//! tests/inject/agent.test.mjs), through capture, the profile and Gemini's rendering.

use memport::capture::{self, ReadOutcome};
use memport::category::Category::{self, *};
use memport::profile::Profile;
use memport::render;
use time::macros::datetime;

const EDITS: &str = "Your edits to Claude's memory";

fn recorded() -> ReadOutcome {
    let json = include_str!("fixtures/claude-page-read.json");
    serde_json::from_str(json).expect("the recording parses as the agent's outcome")
}

#[test]
fn every_recorded_line_is_filed_under_the_right_category_and_heading() {
    let items = capture::items(&recorded(), datetime!(2026-11-24 12:00 UTC)).unwrap();
    let want: Vec<(Category, &str, &str)> = vec![
        (
            ProjectsAndGoals,
            "Work context",
            "Maya is a senior data engineer",
        ),
        (
            ProjectsAndGoals,
            "Work context",
            "Migrating the billing pipeline",
        ),
        (
            TechnicalPreferences,
            "Work context",
            "Writes Python and Rust daily a",
        ),
        (
            PersonalInformation,
            "Personal context",
            "Maya lives in Lisbon with her ",
        ),
        (
            ResponseInstructions,
            "Personal context",
            "Prefers concise answers with t",
        ),
        (
            BehavioralCorrections,
            "Personal context",
            "Asked Claude to stop suggestin",
        ),
        (
            ResponseInstructions,
            "Personal context",
            "Uses metric units and 24-hour ",
        ),
        (
            ProjectsAndGoals,
            "Top of mind",
            "Preparing a conference talk on ",
        ),
        (
            ProjectsAndGoals,
            "Top of mind",
            "Comparing <script>alert(\"x\")</",
        ),
        (
            OtherContext,
            "Recent months",
            "Chose Apache Iceberg over Delta",
        ),
        (
            OtherContext,
            "Earlier context",
            "Moved from Berlin to Lisbon in ",
        ),
        (
            OtherContext,
            "Long-term background",
            "Studied physics at TU München ",
        ),
        // "Manage edits": the person's own corrections, read as a list apart.
        (
            BehavioralCorrections,
            EDITS,
            "Don't bring up my previous job",
        ),
        (PersonalInformation, EDITS, "Call me Maya, not Ms. Costa."),
        (
            TechnicalPreferences,
            EDITS,
            "I switched from Neovim to Helix",
        ),
        (BehavioralCorrections, EDITS, "Stop suggesting weekend work"),
    ];
    assert_eq!(items.len(), want.len(), "one item per line of memory");
    for (item, (category, heading, start)) in items.iter().zip(want) {
        assert!(
            item.text.starts_with(start),
            "{:?} is not {start:?}...",
            item.text
        );
        assert_eq!(item.category, category, "{}", item.text);
        assert_eq!(
            item.sources[0].heading.as_deref(),
            Some(heading),
            "{}",
            item.text
        );
    }
    assert!(items
        .iter()
        .all(|i| i.sources[0].url == "https://claude.ai/settings/capabilities"));
}

#[test]
fn the_recording_renders_to_the_text_the_browser_test_expects_in_gemini() {
    let items = capture::items(&recorded(), datetime!(2026-11-24 12:00 UTC)).unwrap();
    let mut profile = Profile::new();
    profile.add(items);
    let expected = include_str!("fixtures/gemini-import.expected.txt");
    assert_eq!(render::gemini_import(&profile.items), expected.trim_end());
}

#[test]
fn capturing_the_recording_twice_adds_nothing() {
    let now = datetime!(2026-11-24 12:00 UTC);
    let mut profile = Profile::new();
    let first = profile.add(capture::items(&recorded(), now).unwrap());
    let again = profile.add(capture::items(&recorded(), now).unwrap());
    assert_eq!((first.added, again.added, again.known), (16, 0, 16));
    assert_eq!(profile.len(), 16);
}
