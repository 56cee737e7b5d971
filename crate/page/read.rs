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
//!
//! What the page shows around the memory is told apart by how it behaves, not by its words:
//! a short label on an element that acts as a control (the page code marks it `control`),
//! and, where the memory is a flat list (the site file's `list`, and every further list),
//! whatever stands outside the one group of repeated rows the page code found (`group`):
//! captions above the list, a switch's row, a notice, a count. A further list whose only
//! line says it has none of the list's own things ("No edits yet.") is empty.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::category::Category;
use crate::classify::classify;
use crate::i18n;
use crate::lines::normalize;
use crate::profile::{MemoryItem, Source, Via};
use crate::sites::{CapturePage, SiteSpec};

/// The step at which the page code gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadStep {
    /// Neither the memory nor a control that shows it was on the page.
    Open,
    /// The control was pressed but the memory did not appear in time.
    Content,
}

impl ReadStep {
    /// The step, as the person is told it.
    pub fn describe(self) -> String {
        match self {
            ReadStep::Open => i18n::t("step_open", &[]),
            ReadStep::Content => i18n::t("step_content", &[]),
        }
    }
}

/// One block of text as the page showed it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The group of repeated siblings the block stands in: rows of one tag under one parent
    /// that carry text, the largest such group among the block's ancestors inside the
    /// region. Blocks of one list's entries share it; a caption or a switch's row above the
    /// list has another, or none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<u32>,
    /// The block's whole text is that of an element that behaves like a control (a pointer
    /// cursor or a keyboard stop, with no role to say so): "Add", "Done" as a plain `div`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub control: bool,
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
// Internally tagged by "state", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum MemoryState {
    /// Read: its lines are the page read's blocks.
    #[default]
    Read,
    /// The page showed its empty-state text.
    Empty,
    /// Not read; `step` and `detail` say where it stopped.
    Nothing { step: ReadStep, detail: String },
}
crate::tagged::internally_tagged!(MemoryState, "state");

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

fn lines<'a>(blocks: impl IntoIterator<Item = &'a Block>) -> Vec<Line<'a>> {
    let mut out = Vec::new();
    for block in blocks {
        let is_heading_tag = is_heading_tag(block);
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

/// What a list's count calls its entries in any site's languages ("3 items", "3 éléments"),
/// as `normalize` spells them without a plural `s`.
const COUNT_NOUNS: [&str; 9] = [
    "item",
    "entry",
    "entrie",
    "élément",
    "entrée",
    "eintrag",
    "einträge",
    "elemento",
    "entrada",
];

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
    let list_word = |w: &str| COUNT_NOUNS.contains(&normalize(w).trim_end_matches('s'));
    starts_with_number
        && words.len() <= 3
        && words[1..].iter().any(|w| {
            if list_word(w) {
                return true;
            }
            let w = normalize(w);
            vocabulary
                .iter()
                .any(|v| v == &w || v.trim_end_matches('s') == w.trim_end_matches('s'))
        })
}

/// Whether `blocks` show one of the site's empty-state texts ("ChatGPT doesn't have any
/// memories yet."): a memory that gave no item while its page says so is empty, not unread.
pub fn shows_empty(page: &CapturePage, blocks: &[Block]) -> bool {
    if says_none(page, blocks) {
        return true;
    }
    let texts: Vec<String> = page.empty_texts.iter().map(|t| normalize(t)).collect();
    lines(blocks).into_iter().any(|line| {
        let (Line::Text(text) | Line::Heading(text)) = line;
        texts.contains(&normalize(text))
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

/// Whether a flat list's own count says it holds nothing ("0 items"): whatever else stands
/// there is the page's (a switch's row, a caption), read before its empty-state text came.
fn says_none(page: &CapturePage, blocks: &[Block]) -> bool {
    page.list && announced(page, blocks).is_some_and(|(n, _)| n == 0)
}

/// Whether a flat list shows the site's empty-state text with no rows: no group of rows
/// stands out and nothing but the page's own lines comes after that text. What stands above
/// it is the page's too (a setting's row whose switch has no role, a caption), as under a
/// count of none. A line after it may be an entry that came late, so then nothing is said.
fn shows_empty_list(page: &CapturePage, blocks: &[Block]) -> bool {
    if !page.list || entry_group(page, blocks).is_some() {
        return false;
    }
    let empty: Vec<String> = page.empty_texts.iter().map(|t| normalize(t)).collect();
    let Some(at) = blocks
        .iter()
        .position(|b| b.text.lines().any(|l| empty.contains(&normalize(l.trim()))))
    else {
        return false;
    };
    blocks[at..].iter().all(|b| {
        is_heading_tag(b)
            || is_control_label(b)
            || b.text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .all(|l| is_interface(page, l) || is_count(page, l))
    })
}

/// A control's label this short is the page's ("Add", "Done", "Edit all"); longer text on a
/// clickable element may be a memory someone made clickable.
const CONTROL_MAX_WORDS: usize = 4;

/// Whether `block` is a control's label: marked `control` by the page code, one short line
/// that is not a sentence.
fn is_control_label(block: &Block) -> bool {
    let mut parts = block.text.lines().map(str::trim).filter(|l| !l.is_empty());
    let (Some(line), None) = (parts.next(), parts.next()) else {
        return false;
    };
    block.control
        && line.split_whitespace().count() <= CONTROL_MAX_WORDS
        && !line.ends_with(['.', '!', '?', '。'])
}

/// Whether `block` is a heading by its tag (`h2`, or `role=heading` as the page code gives it).
fn is_heading_tag(block: &Block) -> bool {
    matches!(block.tag.as_str(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6")
}

/// The group of repeated rows that holds a list's entries, judged among the blocks that could
/// be memory (not headings or lines the site file names as the page's): the
/// group most of them stand in, at least two, more than any other group (a tie says nothing)
/// and at least half of them but controls' labels (a few entries among as many lines of the
/// page's are not told apart), or the one group with as many rows as the page's own count
/// says.
fn entry_group(page: &CapturePage, blocks: &[Block]) -> Option<u32> {
    let pages = |b: &Block| {
        b.text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .all(|l| is_interface(page, l) || is_count(page, l))
    };
    let candidates: Vec<&Block> = blocks
        .iter()
        .filter(|b| !is_heading_tag(b) && !pages(b))
        .collect();
    let mut counts: Vec<(u32, usize)> = Vec::new();
    for g in candidates.iter().filter_map(|b| b.group) {
        match counts.iter_mut().find(|(k, _)| *k == g) {
            Some((_, n)) => *n += 1,
            None => counts.push((g, 1)),
        }
    }
    counts.sort_by_key(|c| std::cmp::Reverse(c.1));
    // The page's own count names the group when one group alone has that many rows.
    if let Some((n, _)) = announced(page, blocks) {
        if let [(g, _)] = counts.iter().filter(|c| c.1 == n).collect::<Vec<_>>()[..] {
            if n >= 2 {
                return Some(*g);
            }
        }
    }
    match counts.as_slice() {
        [(g, n), rest @ ..]
            if *n >= 2
                && n * 2 >= candidates.iter().filter(|b| !is_control_label(b)).count()
                && rest.first().is_none_or(|(_, m)| m < n) =>
        {
            Some(*g)
        }
        _ => None,
    }
}

/// How many rows of a flat list `blocks` hold: the blocks of its entries' group, none when no
/// one group stands out.
pub fn list_rows(page: &CapturePage, blocks: &[Block]) -> usize {
    entry_group(page, blocks).map_or(0, |g| blocks.iter().filter(|b| b.group == Some(g)).count())
}

/// The blocks of one part that are not the page's own. In a flat list (`list`), the blocks of
/// its entries' group, headings, hidden text and lone blocks below the first row. Anywhere, all but controls' labels, unless
/// the list's rows are themselves clickable (most of its group is marked `control`); a
/// heading the site file knows stays, as structure.
fn own_blocks<'a>(page: &CapturePage, blocks: &'a [Block], list: bool) -> Vec<&'a Block> {
    if list && (says_none(page, blocks) || shows_empty_list(page, blocks)) {
        return Vec::new();
    }
    let entries = if list {
        entry_group(page, blocks)
    } else {
        None
    };
    let hidden = |b: &Block| {
        b.text
            .lines()
            .filter(|l| !l.trim().is_empty())
            .all(|l| l.trim_start().starts_with(HIDDEN_MARK.trim_end()))
    };
    let in_entries = |b: &Block| entries.is_some() && b.group == entries;
    let rows = blocks.iter().filter(|b| in_entries(b)).count();
    let clickable_rows = blocks.iter().filter(|b| in_entries(b) && b.control).count();
    let rows_are_controls = rows > 0 && clickable_rows * 2 > rows;
    let first_row = blocks.iter().position(in_entries).unwrap_or(0);
    blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            if hidden(b) {
                return true;
            }
            // Outside the rows: a block of another repeated group, or one above the list (a
            // caption, a switch's row). A lone block below the first row may be an entry the
            // page drew apart, so it stays.
            if entries.is_some()
                && !in_entries(b)
                && !is_heading_tag(b)
                && (b.group.is_some() || *i < first_row)
            {
                return false;
            }
            if in_entries(b) && rows_are_controls {
                return true;
            }
            !is_control_label(b) || heading_category(page, b.text.trim()).is_some()
        })
        .map(|(_, b)| b)
        .collect()
}

/// Words a negative empty-state line starts from ("No edits yet.", "Aucune modification pour
/// le moment.", "Keine Änderungen").
const NONE_WORDS: &[&str] = &[
    "no", "none", "nothing", "not", "aucun", "aucune", "rien", "pas", "kein", "keine", "keinen",
    "ningún", "ninguna", "ninguno", "nada", "sin",
];

/// Whether `line`, the only line of a further list, is the list saying it has none: a short
/// line with a word of "none" and a word of the list's own name or opener ("No edits yet."
/// under "Manage edits").
fn says_list_empty(spec: &crate::sites::ListSpec, line: &str) -> bool {
    let words: Vec<String> = line.split_whitespace().map(normalize).collect();
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    let stem = |w: &str| {
        w.trim_matches(|c: char| !c.is_alphanumeric())
            .trim_end_matches('s')
            .to_string()
    };
    let names = spec
        .open
        .iter()
        .flat_map(|l| match l {
            crate::sites::Locator::Role { names, .. } => names.clone(),
            _ => Vec::new(),
        })
        .chain([spec.heading.clone()]);
    let own: Vec<String> = names
        .flat_map(|n| n.split_whitespace().map(normalize).collect::<Vec<_>>())
        .map(|w| stem(&w))
        .filter(|w| w.chars().count() > 3)
        .collect();
    words
        .iter()
        .any(|w| NONE_WORDS.contains(&stem(w).as_str()) || NONE_WORDS.contains(&w.as_str()))
        && words.iter().any(|w| own.contains(&stem(w)))
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
    for line in lines(own_blocks(page, &read.blocks, page.list)) {
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
        let texts: Vec<&str> = lines(own_blocks(page, &list.blocks, true))
            .into_iter()
            .map(|(Line::Text(text) | Line::Heading(text))| text)
            .filter(|text| !is_interface(page, text) && !is_count(page, text))
            .collect();
        for text in texts.iter().copied() {
            if texts.len() == 1 && says_list_empty(spec, text) {
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
            ..Default::default()
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

    fn shaped(tag: &str, text: &str, group: Option<u32>, control: bool) -> Block {
        Block {
            group,
            control,
            ..block(tag, text, false)
        }
    }

    fn read_at(
        assistant: Assistant,
        url: &str,
        blocks: Vec<Block>,
        lists: Vec<ListRead>,
    ) -> Vec<String> {
        let site = sites::get(assistant).unwrap();
        let page = site.capture.as_ref().unwrap();
        let read = PageRead {
            url: url.into(),
            found_by: "test".into(),
            blocks,
            fields: vec![],
            lists,
            memory: MemoryState::Read,
            missing_lists: vec![],
        };
        items(site, page, &read, datetime!(2026-11-24 12:00 UTC))
            .into_iter()
            .map(|i| i.text)
            .collect()
    }

    #[test]
    fn in_a_flat_list_lines_outside_the_rows_are_the_pages() {
        let entries = [
            "Lives in Lisbon.",
            "Prefers short answers.",
            "Runs on Sundays.",
            "Learning Rust.",
        ];
        let mut blocks = vec![
            shaped("p", "Gemini uses what you saved to help.", Some(1), false),
            shaped("span", "Use saved info in chats", None, false),
            shaped("p", "4 items", Some(1), false),
            shaped("div", "Add", None, true),
        ];
        blocks.extend(entries.iter().map(|e| shaped("li", e, Some(2), false)));
        blocks.push(shaped("h3", "Travel", None, false));
        let got = read_at(
            Assistant::Gemini,
            "https://gemini.google.com/saved-info",
            blocks.clone(),
            vec![],
        );
        assert_eq!(
            got,
            entries
                .iter()
                .chain(&["Travel"])
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
        );
        // Claude's memory is a document: only the control's label and the count go.
        let got = read_at(
            Assistant::Claude,
            "https://claude.ai/settings/capabilities",
            blocks,
            vec![],
        );
        assert_eq!(got.len(), 2 + entries.len() + 1);
        assert!(!got.contains(&"Add".to_string()));
        assert!(!got.contains(&"4 items".to_string()));
    }

    #[test]
    fn without_one_clear_group_of_rows_nothing_is_left_out() {
        let url = "https://gemini.google.com/saved-info";
        // A tie between two groups, and a group holding fewer than half the lines.
        let tie = vec![
            shaped("p", "Caption one.", Some(1), false),
            shaped("p", "Caption two.", Some(1), false),
            shaped("li", "Lives in Lisbon.", Some(2), false),
            shaped("li", "Learning Rust.", Some(2), false),
        ];
        assert_eq!(read_at(Assistant::Gemini, url, tie, vec![]).len(), 4);
        let few = vec![
            shaped("p", "One.", None, false),
            shaped("p", "Two.", None, false),
            shaped("p", "Three.", None, false),
            shaped("li", "Lives in Lisbon.", Some(2), false),
            shaped("li", "Learning Rust.", Some(2), false),
        ];
        assert_eq!(read_at(Assistant::Gemini, url, few, vec![]).len(), 5);
        // Blocks the page code did not mark (an older agent) are all kept.
        let bare = vec![
            block("p", "Caption.", false),
            block("li", "Lives in Lisbon.", false),
        ];
        assert_eq!(read_at(Assistant::Gemini, url, bare, vec![]).len(), 2);
    }

    #[test]
    fn the_pages_own_count_names_the_rows_among_as_many_captions() {
        // The seed that found it: an intro in two paragraphs, a switch's label and
        // description, the count, then three rows. No group holds half the lines.
        let url = "https://gemini.google.com/saved-info";
        let entries = [
            "Lit surtout de la science-fiction.",
            "Prépare le CFA niveau II pour janvier.",
            "Cuisine péruvien presque tous les week-ends.",
        ];
        let mut blocks = vec![
            shaped(
                "p",
                "Infos que vous avez demandé d'enregistrer",
                Some(1),
                false,
            ),
            shaped(
                "p",
                "Gemini les utilise dans vos discussions.",
                Some(1),
                false,
            ),
            shaped("span", "Utiliser les infos enregistrées", Some(2), false),
            shaped(
                "span",
                "Permettre à Gemini d'en tenir compte.",
                Some(2),
                false,
            ),
            shaped("p", "3 éléments", Some(1), false),
        ];
        blocks.extend(entries.iter().map(|e| shaped("div", e, Some(3), false)));
        assert_eq!(
            read_at(Assistant::Gemini, url, blocks.clone(), vec![]),
            entries
        );
        // Without the count, nothing tells them apart, and nothing is left out.
        blocks.remove(4);
        assert_eq!(read_at(Assistant::Gemini, url, blocks, vec![]).len(), 7);
    }

    #[test]
    fn a_list_whose_own_count_says_none_is_empty() {
        let url = "https://gemini.google.com/saved-info";
        let blocks = vec![
            shaped("span", "Utiliser les infos enregistrées", None, false),
            shaped("span", "Permettre à Gemini d'en tenir compte.", None, false),
            shaped("p", "0 éléments", None, false),
        ];
        assert!(read_at(Assistant::Gemini, url, blocks.clone(), vec![]).is_empty());
        let site = sites::get(Assistant::Gemini).unwrap();
        assert!(shows_empty(site.capture.as_ref().unwrap(), &blocks));
    }

    #[test]
    fn a_list_that_shows_its_empty_state_text_is_empty() {
        // The seed that found it: ChatGPT's switches drawn as plain elements, so their
        // labels and descriptions were read, then the caption and the empty-state text.
        let url = "https://chatgpt.com/#settings/Personalization";
        let mut blocks = vec![
            shaped("span", "Reference saved memories", Some(1), false),
            shaped(
                "span",
                "Let ChatGPT save and use memories when responding.",
                Some(1),
                false,
            ),
            shaped("span", "Reference chat history", Some(2), false),
            shaped(
                "span",
                "Let ChatGPT reference all previous conversations when responding.",
                Some(2),
                false,
            ),
            shaped("span", "Memory 0% full", None, false),
            Block {
                group: Some(3),
                ..block("div", "Saved memories", true)
            },
            shaped(
                "p",
                "ChatGPT remembers useful details between chats.",
                Some(3),
                false,
            ),
            shaped(
                "p",
                "ChatGPT doesn't have any memories yet.",
                Some(3),
                false,
            ),
        ];
        assert!(read_at(Assistant::ChatGpt, url, blocks.clone(), vec![]).is_empty());
        let site = sites::get(Assistant::ChatGpt).unwrap();
        assert!(shows_empty(site.capture.as_ref().unwrap(), &blocks));
        // A line after the empty-state text may be an entry that came late: nothing is
        // dropped then.
        blocks.push(shaped("div", "Lives in Porto.", None, false));
        assert_eq!(read_at(Assistant::ChatGpt, url, blocks, vec![]).len(), 3);
        // Nor where a group of rows stands beside it.
        let rows = vec![
            shaped("p", "ChatGPT doesn't have any memories yet.", None, false),
            shaped("div", "Lives in Porto.", Some(4), false),
            shaped("div", "Learning Rust.", Some(4), false),
        ];
        assert_eq!(read_at(Assistant::ChatGpt, url, rows, vec![]).len(), 2);
    }

    #[test]
    fn controls_labels_go_but_sentences_and_clickable_rows_stay() {
        let url = "https://claude.ai/settings/capabilities";
        let got = read_at(
            Assistant::Claude,
            url,
            vec![
                shaped("div", "Done", None, true),
                shaped("div", "Edit all", None, true),
                shaped("p", "Allergic to peanuts.", None, true),
                shaped("p", "Vegetarian", None, false),
                shaped("p", "Work context", None, true),
                shaped(
                    "p",
                    "Senior data engineer at Tidewater Analytics.",
                    None,
                    false,
                ),
            ],
            vec![],
        );
        assert_eq!(
            got,
            vec![
                "Allergic to peanuts.",
                "Vegetarian",
                "Senior data engineer at Tidewater Analytics."
            ]
        );
        // A list whose rows are all clickable keeps them, short or not.
        let rows: Vec<Block> = ["Vegetarian", "Rust", "Lisbon"]
            .iter()
            .map(|t| shaped("li", t, Some(4), true))
            .chain([shaped("div", "Done", None, true)])
            .collect();
        let got = read_at(
            Assistant::ChatGpt,
            "https://chatgpt.com/#settings/Personalization",
            rows,
            vec![],
        );
        assert_eq!(got, vec!["Vegetarian", "Rust", "Lisbon"]);
    }

    #[test]
    fn one_entry_below_a_group_of_captions_stays() {
        let url = "https://gemini.google.com/saved-info";
        let blocks = vec![
            shaped("p", "Gemini uses it across your chats.", Some(1), false),
            shaped("p", "Learn how it works here.", Some(1), false),
            shaped("p", "Stays in Porto until June.", None, false),
        ];
        assert_eq!(read_at(Assistant::Gemini, url, blocks, vec![]).len(), 3);
    }

    #[test]
    fn a_group_of_the_pages_own_lines_is_not_the_rows() {
        // A dialog's title and its close control side by side, then the one real edit.
        let url = "https://claude.ai/settings/capabilities";
        let list = vec![ListRead {
            heading: "Your edits to Claude's memory".into(),
            blocks: vec![
                shaped("div", "Gérer les modifications", Some(4), false),
                shaped("span", "Fermer", Some(4), true),
                shaped(
                    "p",
                    "Les modifications que vous avez demandé à Claude d'apporter à sa mémoire.",
                    None,
                    false,
                ),
                shaped("div", "Oublie que j'étais au piano.", None, false),
            ],
            found_by: "test".into(),
        }];
        assert_eq!(
            read_at(Assistant::Claude, url, vec![], list),
            vec!["Oublie que j'étais au piano."]
        );
    }

    #[test]
    fn a_further_list_that_says_it_has_none_is_empty() {
        let url = "https://claude.ai/settings/capabilities";
        let edits = |lines: &[&str]| {
            vec![ListRead {
                heading: "Your edits to Claude's memory".into(),
                blocks: lines.iter().map(|l| block("p", l, false)).collect(),
                found_by: "test".into(),
            }]
        };
        for empty in ["No edits yet.", "Aucune modification pour le moment."] {
            assert!(
                read_at(Assistant::Claude, url, vec![], edits(&[empty])).is_empty(),
                "{empty}"
            );
        }
        // A real edit that says "no", alone or among others, stays.
        for kept in [
            &["No emoji in code comments."][..],
            &["No edits yet.", "Call me Sam."][..],
        ] {
            assert_eq!(
                read_at(Assistant::Claude, url, vec![], edits(kept)).len(),
                kept.len()
            );
        }
    }

    #[test]
    fn loading_text_and_empty_pages_give_nothing() {
        assert!(read(vec![block("div", "Loading…", false)]).is_empty());
        assert!(read(vec![]).is_empty());
    }
}
