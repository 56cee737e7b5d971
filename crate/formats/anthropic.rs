//! Anthropic's import format: the text Claude's "Import memory" dialog asks another assistant
//! for, one `[YYYY-MM-DD] - entry` line per memory under its category's heading.
//!
//! Why a writer of its own and not `render::category_lines`: that one is what memport puts in
//! Claude's box (no dates, as every target's text); this is a file, written whole, that keeps
//! each memory's day, and that "Import text" (`text_import`) reads back to the same items:
//! the six category labels as headings (a heading that is a label is the category itself),
//! empty categories left out, in display order, a blank line between them.
//!
//! Each line's date is the item's day: the earliest full date (`2024-03-05`, or a timestamp's
//! day) its sources gave, else the day memport first read it. A date given only as a month
//! ("March 2024") is no day and is not written. An entry is one line: line breaks inside it
//! become spaces, as reading a hand-wrapped entry joins its lines. The format has no place for
//! sources, ids or edits; what is lost is in the README ("Open formats").
//!
//! Reading is `text_import`'s (the preview, the merge and Undo of any pasted answer); [`detect`]
//! tells a whole file in this shape from other text, for the command line and the options
//! page, which otherwise take a file for a data export.

use time::{Date, OffsetDateTime, UtcOffset};

use super::Written;
use crate::category::Category;
use crate::lines;
use crate::profile::{MemoryItem, Profile};
use crate::sensitive;

/// The profile in Anthropic's import format. Claude's importer hands it to a model, as
/// sending does, so memories marked sensitive are left out unless `include_sensitive` (and
/// counted).
pub fn write(profile: &Profile, include_sensitive: bool) -> Written {
    let keep = |i: &MemoryItem| include_sensitive || sensitive::marks(i).is_empty();
    let withheld = profile.items.iter().filter(|i| !keep(i)).count();
    let mut sections = Vec::new();
    for category in Category::ALL {
        let lines: Vec<String> = profile
            .in_category(category)
            .filter(|i| keep(i))
            .map(|i| format!("[{}] - {}", day(i), one_line(&i.text)))
            .collect();
        if !lines.is_empty() {
            sections.push(format!("{}:\n{}", category.label(), lines.join("\n")));
        }
    }
    let mut text = sections.join("\n\n");
    if !text.is_empty() {
        text.push('\n');
    }
    Written { text, withheld }
}

/// The item's day, as `YYYY-MM-DD`: the earliest full date a source gave, else the day (UTC)
/// it was first read.
pub fn day(item: &MemoryItem) -> String {
    let given = item
        .sources
        .iter()
        .filter_map(|s| s.saved.as_deref().and_then(super::saved_day))
        .map(|at| at.to_offset(UtcOffset::UTC).date())
        .min();
    let read = || {
        item.sources
            .iter()
            .map(|s| s.captured_at.to_offset(UtcOffset::UTC).date())
            .min()
    };
    let date: Date = given
        .or_else(read)
        .unwrap_or(OffsetDateTime::UNIX_EPOCH.date());
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// The entry on one line, as reading it back gives it: each line of it trimmed, joined by a
/// space.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether a file that begins with `head` may be in this format: its first line is a heading
/// (`Response instructions:`, `# Memory`) or a dated entry. A cheap look before [`detect`]
/// reads the whole file; a ZIP or an export's JSON never passes it.
pub fn may_start(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}');
    let Some(first) = head.lines().map(str::trim).find(|l| !l.is_empty()) else {
        return false;
    };
    is_fence(first) || is_heading(first) || is_entry(first)
}

/// Whether `text` is, whole, in this format: besides blank lines and code fences, every line
/// is a heading, a dated entry (`[2024-03-05] - …`, bulleted or not), or an indented line
/// that continues an entry; and at least one is an entry. An assistant's answer with chatter
/// around its code block is not, and is read by "Import text" like any paste.
pub fn detect(text: &str) -> bool {
    let text = text.trim_start_matches('\u{feff}');
    let mut entries = 0usize;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || is_fence(line) || is_heading(line) {
            continue;
        }
        if is_entry(line) {
            entries += 1;
            continue;
        }
        let indented = raw.starts_with([' ', '\t']);
        if !(indented && entries > 0) {
            return false;
        }
    }
    entries > 0
}

fn is_fence(line: &str) -> bool {
    line.starts_with("```") || line.starts_with("~~~")
}

fn is_heading(line: &str) -> bool {
    let hashes = line.len() - line.trim_start_matches('#').len();
    ((1..=6).contains(&hashes) && line[hashes..].starts_with(' '))
        || (!line.starts_with('[') && lines::is_label(line))
}

/// A dated entry, its date in brackets and short (`[2024-03-05]`, `[unknown]`, `[date saved,
/// if available]`): a JSON array on one line (`[{"text": "a [b] - c"}]`) is not one.
fn is_entry(line: &str) -> bool {
    let body = lines::after_marker(line).map_or(line, str::trim_start);
    body.starts_with('[')
        && lines::dated(body).is_some_and(|(date, _)| {
            date.chars().count() <= 40 && !date.contains(['{', '}', '[', '"'])
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::fixture;
    use crate::profile::Source;
    use time::macros::datetime;

    #[test]
    fn headings_in_order_one_dated_line_each() {
        let mut p = fixture::profile(&[
            ("Runs half-marathons.", Category::OtherContext),
            (
                "Answer in\nBritish English.",
                Category::ResponseInstructions,
            ),
            ("Prefers metric units.", Category::ResponseInstructions),
        ]);
        p.items[1].sources[0].saved = Some("2025-01-12".into());
        let day = day(&p.items[0]);
        assert_eq!(
            write(&p, false).text,
            format!(
                "Response instructions:\n[2025-01-12] - Answer in British English.\n\
                 [{day}] - Prefers metric units.\n\nOther context:\n[{day}] - Runs half-marathons.\n"
            )
        );
        assert_eq!(write(&Profile::new(), false).text, "");
    }

    #[test]
    fn the_day_is_the_earliest_given_else_the_first_reading() {
        let source = |saved: Option<&str>, at: OffsetDateTime| Source {
            assistant: None,
            via: crate::profile::Via::Import,
            url: String::new(),
            heading: None,
            captured_at: at,
            saved: saved.map(str::to_string),
            evidence: Vec::new(),
            text: None,
        };
        let mut item = MemoryItem::new(
            "Has a cat",
            Category::PersonalInformation,
            source(Some("March 2024"), datetime!(2026-11-24 23:30 -02:00)),
        )
        .unwrap();
        // A month is no day: the day it was read, in UTC.
        assert_eq!(super::day(&item), "2026-11-25");
        item.sources
            .push(source(Some("2025-03-05"), datetime!(2026-01-01 0:00 UTC)));
        item.sources.push(source(
            Some("2024-07-01T10:00:00Z"),
            datetime!(2026-01-01 0:00 UTC),
        ));
        assert_eq!(super::day(&item), "2024-07-01");
    }

    #[test]
    fn whole_files_are_told_from_answers_with_chatter() {
        let file = "\u{feff}Response instructions:\n[2025-01-12] - Answer in British English.\n\
                    \n# Other\n- [2024-01-01] - Likes jazz:\n  and bebop\n";
        assert!(detect(file));
        assert!(may_start(file));
        assert!(detect("```\n[unknown] - Lives in Porto.\n```"));
        assert!(!detect(
            "Sure! Here it is:\n```\n[2025-01-01] - Lives in Porto.\n```\nBye"
        ));
        assert!(!detect("Response instructions:\n"));
        assert!(!detect("Lives in Porto.\n[2025-01-01] - Has a cat."));
        assert!(!may_start("[{\"title\": \"chat\"}]"));
        // An export's JSON on one line, with a bracket and a dash inside a string.
        let json = "[{\"conversations_memory\": \"Remember [this] - ok\"}]";
        assert!(!may_start(json) && !detect(json));
        assert!(!may_start("PK\u{3}\u{4}"));
        assert!(!may_start("{\"schema\": 3}"));
    }
}
