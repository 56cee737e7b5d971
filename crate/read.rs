//! Turning what the page code read into memory items.
//!
//! The page code knows nothing of memory: it walks the memory's element in document order
//! and hands back [`Block`]s (tag, text, whether the text is all bold). This module decides,
//! with the site file's heading table, which lines are headings, which are the page's own
//! interface, and which are memory, and files each memory line under a category.
//!
//! Nothing read is lost: every non-empty line becomes exactly one item, except headings the
//! site file knows (they are structure, kept as each item's `heading`) and the interface
//! lines it lists. A heading with nothing under it is kept as an item of its own.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::capture::ReadStep;
use crate::category::Category;
use crate::classify::classify;
use crate::i18n;
use crate::profile::{normalize, MemoryItem, Source, Via};
use crate::sites::{CapturePage, SiteSpec};

/// One block of text as the page showed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Lowercase tag of the element holding the text: `p`, `li`, `h2`, `div`...
    pub tag: String,
    /// Its text as rendered, lines separated by `\n`.
    pub text: String,
    /// Whether all of the text is bold (`<strong>`, `<b>` or heavy font weight).
    #[serde(default)]
    pub strong: bool,
    /// The page laid the text out where a person cannot see it (off the page, transparent,
    /// a font too small to read): a way to slip instructions into what memport saves.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// What each line of a hidden block starts with once read: the item then says so in the
/// popup, and `sensitive` flags it, so it is never sent without the person's tick.
pub const HIDDEN_MARK: &str = "[Hidden on the page] ";

/// `read` with each hidden block's lines marked (and never taken for a heading); `read`
/// itself when nothing was hidden.
fn hidden_marked(read: &PageRead) -> std::borrow::Cow<'_, PageRead> {
    let any = |blocks: &[Block]| blocks.iter().any(|b| b.hidden);
    if !any(&read.blocks) && !read.lists.iter().any(|l| any(&l.blocks)) {
        return std::borrow::Cow::Borrowed(read);
    }
    let mut marked = read.clone();
    let lists = marked.lists.iter_mut().flat_map(|l| l.blocks.iter_mut());
    for block in marked.blocks.iter_mut().chain(lists).filter(|b| b.hidden) {
        block.text = block
            .text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| format!("{HIDDEN_MARK}{}", l.trim()))
            .collect::<Vec<_>>()
            .join("\n");
        block.strong = false;
        block.hidden = false;
    }
    std::borrow::Cow::Owned(marked)
}

/// What the page code read from a memory page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRead {
    pub url: String,
    /// Which locator found the memory, for "Check this page" and bug reports.
    pub found_by: String,
    pub blocks: Vec<Block>,
    /// The values of the site's memory fields that were on the page, by label.
    #[serde(default)]
    pub fields: Vec<FieldValue>,
    /// The further lists that could be read, by heading.
    #[serde(default)]
    pub lists: Vec<ListRead>,
    /// Whether the memory itself was read, seen empty, or gave nothing (while fields or
    /// lists were read): a part that gave nothing is never passed off as read.
    #[serde(default)]
    pub memory: MemoryState,
    /// Further lists whose opener was on the page but which gave nothing.
    #[serde(default)]
    pub missing_lists: Vec<MissingList>,
}

/// What became of the memory itself on a page that was read.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum MemoryState {
    /// Read: its lines are the page read's blocks.
    #[default]
    Read,
    /// The page showed its empty-state text.
    Empty,
    /// Not read; `step` and `detail` say where it stopped.
    Nothing { step: ReadStep, detail: String },
}

/// A further list that was expected (its opener was there) but gave nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MissingList {
    pub heading: String,
    pub step: ReadStep,
    pub detail: String,
}

/// A further list, as the page showed it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRead {
    /// The list's heading as the site file names it.
    pub heading: String,
    pub blocks: Vec<Block>,
    /// How the page code found it, for "Check this page" and bug reports.
    #[serde(default)]
    pub found_by: String,
}

/// A form field's value, as the page held it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldValue {
    /// The field's label as the site file names it.
    pub label: String,
    pub value: String,
}

/// A line of the page, as this module sees it.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Heading(&'a str),
    Text(&'a str),
}

/// A bold line this short, with no final full stop, reads as a heading.
const HEADING_MAX_WORDS: usize = 8;

fn lines(blocks: &[Block]) -> Vec<Line<'_>> {
    let mut out = Vec::new();
    for block in blocks {
        let is_heading_tag = matches!(block.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
        let parts: Vec<&str> = block
            .text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .collect();
        let bold_heading = block.strong
            && parts.len() == 1
            && parts[0].split_whitespace().count() <= HEADING_MAX_WORDS
            && !parts[0].ends_with(['.', '!', '?', '。']);
        for part in parts {
            if is_heading_tag || bold_heading {
                out.push(Line::Heading(part));
            } else {
                out.push(Line::Text(part));
            }
        }
    }
    out
}

/// Whether `line` is the page's own interface text listed in the site file (captions,
/// loading and empty-state texts): equal to an entry, or starting with an entry of three
/// words or more (captions that end in a date).
fn is_interface(page: &CapturePage, line: &str) -> bool {
    if line.split_whitespace().count() <= 6
        && page
            .ignore_prefixes
            .iter()
            .any(|p| normalize(line).starts_with(&format!("{} ", normalize(p))))
    {
        return true;
    }
    let line = normalize(line);
    page.ignore_lines
        .iter()
        .chain(&page.loading_texts)
        .chain(&page.empty_texts)
        .map(|l| normalize(l))
        .any(|entry| line == entry || (entry.split(' ').count() >= 3 && line.starts_with(&entry)))
}

/// Whether `line` is a count or a gauge the page shows about the memory ("Memory 71% full",
/// "12 saved memories", "71 %", "3/20"): a number with at most a few words around it, one of
/// them a percent sign or a word of the memory's own vocabulary.
pub fn is_count(page: &CapturePage, line: &str) -> bool {
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.is_empty() || words.len() > 5 || !line.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if line
        .chars()
        .all(|c| c.is_ascii_digit() || c.is_whitespace() || "%.,/:·-".contains(c))
    {
        return true;
    }
    if line.contains('%') && !line.ends_with(['.', '!', '?']) {
        return true;
    }
    let vocabulary: Vec<String> = page
        .names
        .iter()
        .chain(&page.section_names)
        .chain(&page.ignore_lines)
        .flat_map(|n| n.split_whitespace().map(normalize).collect::<Vec<_>>())
        .filter(|w| w.chars().count() > 3)
        .collect();
    let starts_with_number = words[0].chars().all(|c| c.is_ascii_digit() || c == ',');
    starts_with_number
        && words.len() <= 3
        && words[1..].iter().any(|w| {
            let w = normalize(w);
            vocabulary
                .iter()
                .any(|v| v == &w || v.trim_end_matches('s') == w.trim_end_matches('s'))
        })
}

/// How many entries the page says the memory holds, from its own count line ("41 saved
/// memories"), with that line: the first count in `blocks` that is a number followed by the
/// memory's words (a gauge in percent says nothing about how many). A read that gave fewer
/// items than this missed some.
pub fn announced<'a>(page: &CapturePage, blocks: &'a [Block]) -> Option<(usize, &'a str)> {
    lines(blocks).into_iter().find_map(|line| {
        let (Line::Text(text) | Line::Heading(text)) = line;
        if text.contains('%') || !is_count(page, text) {
            return None;
        }
        let first = text.split_whitespace().next()?;
        let digits: String = first.chars().filter(|c| *c != ',').collect();
        if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) || text == first {
            return None;
        }
        digits.parse().ok().map(|n| (n, text))
    })
}

/// A heading as recorded on items: without the colon some renderings add.
fn heading_name(line: &str) -> &str {
    line.trim_end_matches(':').trim()
}

fn heading_category(page: &CapturePage, heading: &str) -> Option<Category> {
    let heading = normalize(heading_name(heading));
    page.headings
        .iter()
        .find(|rule| rule.texts.iter().any(|t| normalize(t) == heading))
        .map(|rule| rule.category)
}

/// The items one part of a memory page gave: the fields, the memory, a further list.
#[derive(Debug)]
pub struct PartItems {
    /// What the person is told the part is: "its memory", "your edits".
    pub part: String,
    pub kind: PartKind,
    pub items: Vec<MemoryItem>,
}

/// Which part of a memory page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartKind {
    Fields,
    Memory,
    List,
}

/// The memory items in `read`, in page order (none when the page showed no memory).
pub fn items(
    site: &SiteSpec,
    page: &CapturePage,
    read: &PageRead,
    now: OffsetDateTime,
) -> Vec<MemoryItem> {
    parts(site, page, read, now)
        .into_iter()
        .flat_map(|p| p.items)
        .collect()
}

/// The memory items in `read` by part, in page order: the fields, the memory, each further
/// list that was read.
pub fn parts(
    site: &SiteSpec,
    page: &CapturePage,
    read: &PageRead,
    now: OffsetDateTime,
) -> Vec<PartItems> {
    let read = &*hidden_marked(read);
    let source = |heading: Option<&str>| Source {
        assistant: Some(site.assistant),
        via: Via::MemoryPage,
        url: read.url.clone(),
        heading: heading.map(str::to_string),
        captured_at: now,
        saved: None,
        evidence: Vec::new(),
        text: None,
    };
    let mut parts = Vec::new();
    let mut out: Vec<MemoryItem> = Vec::new();
    // Fields first, as they stand above the memory on the page: one item per line, the
    // field's label as heading and its category unless a line says otherwise.
    for field in &read.fields {
        let Some(spec) = page.fields.iter().find(|f| f.label == field.label) else {
            continue;
        };
        for line in field.value.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let text = match &spec.prefix {
                Some(prefix) => format!("{prefix}{line}"),
                None => line.to_string(),
            };
            let verdict = classify(line, Some(spec.category));
            out.extend(MemoryItem::new(
                &text,
                verdict.category,
                source(Some(&spec.label)),
            ));
        }
    }
    parts.push(PartItems {
        part: i18n::t(page.fields_part.as_deref().unwrap_or("part_fields"), &[]),
        kind: PartKind::Fields,
        items: std::mem::take(&mut out),
    });
    // The heading in force, its category, and whether anything stood under it yet.
    let mut current: Option<(&str, Option<Category>)> = None;
    let mut pending_unknown: Option<&str> = None;
    for line in lines(&read.blocks) {
        // A heading the site file knows is a heading even if a redesign dropped its bold.
        let line = match line {
            Line::Text(t) if heading_category(page, t).is_some() => Line::Heading(t),
            other => other,
        };
        match line {
            Line::Heading(text) if is_interface(page, text) || is_count(page, text) => {}
            Line::Text(text) if is_interface(page, text) || is_count(page, text) => {}
            Line::Heading(text) => {
                if let Some(orphan) = pending_unknown.take() {
                    out.extend(MemoryItem::new(
                        orphan,
                        Category::OtherContext,
                        source(None),
                    ));
                }
                let category = heading_category(page, text);
                if category.is_none() {
                    pending_unknown = Some(text);
                }
                current = Some((heading_name(text), category));
            }
            Line::Text(text) => {
                let (heading, under) = match current {
                    Some((h, c)) => (Some(h), c),
                    None => (None, None),
                };
                let verdict = classify(text, under);
                // A line of bare punctuation makes no item, and so does not hold its heading.
                if let Some(item) = MemoryItem::new(text, verdict.category, source(heading)) {
                    pending_unknown = None;
                    out.push(item);
                }
            }
        }
    }
    if let Some(orphan) = pending_unknown {
        out.extend(MemoryItem::new(
            orphan,
            Category::OtherContext,
            source(None),
        ));
    }
    parts.push(PartItems {
        part: i18n::t(&page.part, &[]),
        kind: PartKind::Memory,
        items: std::mem::take(&mut out),
    });
    // Further lists: every line an item under the list's heading, filed by the rules.
    for list in &read.lists {
        let Some(spec) = page.lists.iter().find(|l| l.heading == list.heading) else {
            continue;
        };
        let mut out = Vec::new();
        for line in lines(&list.blocks) {
            let (Line::Text(text) | Line::Heading(text)) = line;
            if is_interface(page, text) || is_count(page, text) {
                continue;
            }
            let verdict = classify(text, None);
            out.extend(MemoryItem::new(
                text,
                verdict.category,
                source(Some(&spec.heading)),
            ));
        }
        parts.push(PartItems {
            part: i18n::t(&spec.part, &[]),
            kind: PartKind::List,
            items: out,
        });
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sites::{self, Assistant};
    use time::macros::datetime;

    fn block(tag: &str, text: &str, strong: bool) -> Block {
        Block {
            tag: tag.into(),
            text: text.into(),
            strong,
            hidden: false,
        }
    }

    fn read(blocks: Vec<Block>) -> Vec<MemoryItem> {
        let site = sites::get(Assistant::Claude).unwrap();
        let page = site.capture.as_ref().unwrap();
        let read = PageRead {
            url: "https://claude.ai/settings/capabilities".into(),
            found_by: "test".into(),
            blocks,
            fields: vec![],
            lists: vec![],
            memory: MemoryState::Read,
            missing_lists: vec![],
        };
        items(site, page, &read, datetime!(2026-11-24 12:00 UTC))
    }

    #[test]
    fn chatgpt_fields_become_items_under_their_labels() {
        let site = sites::get(Assistant::ChatGpt).unwrap();
        let page = site.capture.as_ref().unwrap();
        let field = |label: &str, value: &str| FieldValue {
            label: label.into(),
            value: value.into(),
        };
        let read = PageRead {
            url: "https://chatgpt.com/#settings/Personalization".into(),
            found_by: "test".into(),
            blocks: vec![block("div", "Stop using American spellings.", false)],
            fields: vec![
                field("What should ChatGPT call you?", "Sam"),
                field(
                    "How would you like ChatGPT to respond?",
                    "Keep answers short.\n\nI coach chess on Fridays.",
                ),
                field("Not a field of this site", "ignored"),
            ],
            lists: vec![],
            memory: MemoryState::Read,
            missing_lists: vec![],
        };
        let got: Vec<(String, Category, Option<String>)> =
            items(site, page, &read, datetime!(2026-11-24 12:00 UTC))
                .into_iter()
                .map(|i| (i.text, i.category, i.sources[0].heading.clone()))
                .collect();
        let heading = |h: &str| Some(h.to_string());
        assert_eq!(
            got,
            vec![
                (
                    "Preferred name: Sam".into(),
                    Category::PersonalInformation,
                    heading("What should ChatGPT call you?")
                ),
                (
                    "Keep answers short.".into(),
                    Category::ResponseInstructions,
                    heading("How would you like ChatGPT to respond?")
                ),
                (
                    "I coach chess on Fridays.".into(),
                    Category::ResponseInstructions,
                    heading("How would you like ChatGPT to respond?")
                ),
                (
                    "Stop using American spellings.".into(),
                    Category::BehavioralCorrections,
                    None
                ),
            ]
        );
    }

    #[test]
    fn bold_paragraphs_are_headings_and_map_to_categories() {
        let got = read(vec![
            block("h2", "Your memory", false),
            block(
                "p",
                "This summary is regenerated each night based on your chats.",
                false,
            ),
            block("p", "Work context", true),
            block("p", "Senior data engineer at Tidewater Analytics.", false),
            block("p", "Personal context", true),
            block("li", "Lives in Lisbon with her partner Jonas.", false),
            block("li", "Prefers concise answers with no emoji.", false),
        ]);
        let summary: Vec<(&str, Category, Option<&str>)> = got
            .iter()
            .map(|i| (i.text.as_str(), i.category, i.sources[0].heading.as_deref()))
            .collect();
        assert_eq!(
            summary,
            vec![
                (
                    "Senior data engineer at Tidewater Analytics.",
                    Category::ProjectsAndGoals,
                    Some("Work context")
                ),
                (
                    "Lives in Lisbon with her partner Jonas.",
                    Category::PersonalInformation,
                    Some("Personal context")
                ),
                (
                    "Prefers concise answers with no emoji.",
                    Category::ResponseInstructions,
                    Some("Personal context")
                ),
            ]
        );
    }

    #[test]
    fn a_bold_sentence_is_memory_not_a_heading() {
        let got = read(vec![block("p", "Allergic to peanuts.", true)]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].text, "Allergic to peanuts.");
    }

    #[test]
    fn unknown_headings_are_kept_when_nothing_stands_under_them() {
        let got = read(vec![
            block("p", "Hobbies", true),
            block("p", "Work context", true),
            block("p", "Health", true),
            block("p", "Runs half-marathons.", false),
        ]);
        let texts: Vec<&str> = got.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, vec!["Hobbies", "Runs half-marathons."]);
        assert_eq!(got[1].sources[0].heading.as_deref(), Some("Health"));
        assert_eq!(got[1].category, Category::OtherContext);
    }

    #[test]
    fn counts_and_gauges_are_the_pages_not_memory() {
        let got = read(vec![
            block("div", "Memory 71% full", false),
            block("span", "71 %", false),
            block("span", "12 / 40", false),
            block("p", "Has 2 cats and a dog.", false),
            block("p", "Ran 3 marathons in 2025.", false),
        ]);
        let texts: Vec<&str> = got.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(
            texts,
            vec!["Has 2 cats and a dog.", "Ran 3 marathons in 2025."]
        );
        let site = sites::get(Assistant::ChatGpt).unwrap();
        let page = site.capture.as_ref().unwrap();
        assert!(is_count(page, "12 saved memories"));
        assert!(!is_count(page, "Saved 3 recipes for Sunday."));
    }

    #[test]
    fn multi_line_blocks_give_one_item_per_line() {
        let got = read(vec![block("p", "First line\n\n  Second line  \n", false)]);
        let texts: Vec<&str> = got.iter().map(|i| i.text.as_str()).collect();
        assert_eq!(texts, vec!["First line", "Second line"]);
    }

    #[test]
    fn loading_text_and_empty_pages_give_nothing() {
        assert!(read(vec![block("div", "Loading…", false)]).is_empty());
        assert!(read(vec![]).is_empty());
    }
}
