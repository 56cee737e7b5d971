//! The "Save memory to memport" button: where it goes, how the page code reads the memory,
//! and what the person is told afterwards.
//!
//! Rust hands the page code a [`CapturePlan`] (plain data from the site file) and gets back a
//! [`ReadOutcome`]; every decision, and every message, is made here.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::i18n;
use crate::profile::{AddReport, MemoryItem, Profile};
use crate::read::{self, MemoryState, PageRead, PartKind, ReadStep};
use crate::sites::{
    self, Assistant, CapturePage, FieldSpec, ListSpec, Locator, Position, SiteSpec,
};

/// The message id of the button's label on every memory page ("Save memory to memport").
pub const BUTTON_LABEL: &str = "capture_button";

/// What the page code needs to place the button and read the memory.
#[derive(Clone, Debug, Serialize)]
pub struct CapturePlan {
    pub site: Assistant,
    pub site_name: String,
    pub label: String,
    pub busy_label: String,
    pub anchor: Vec<Locator>,
    pub position: Position,
    /// Texts of a logged-out page: no button there, not even a floating one.
    pub logged_out_texts: Vec<String>,
    pub read: ReadPlan,
}

/// How to get at the memory on the page.
#[derive(Clone, Debug, Serialize)]
pub struct ReadPlan {
    pub open: Vec<Locator>,
    pub content: Vec<Locator>,
    pub close: Vec<Locator>,
    pub loading_texts: Vec<String>,
    /// Texts that mean the memory is empty, so the page code stops waiting for it.
    pub empty_texts: Vec<String>,
    pub wait_ms: u32,
    /// Read the memory while scrolling it (a virtualized list).
    pub scroll: bool,
    /// Form fields to read first.
    pub fields: Vec<FieldSpec>,
    /// Further lists to read after the memory.
    pub lists: Vec<ListSpec>,
    /// What the memory is called on the page (its heading, its dialog's name), for finding
    /// it by meaning when the locators miss.
    pub names: Vec<String>,
    /// The settings section it stands in ("Memory"): looked under when no name is on the
    /// page, with a longer wait for it to settle.
    pub section_names: Vec<String>,
    /// The headings the memory is organised under ("Work context"): where they stand, the
    /// memory is.
    pub memory_headings: Vec<String>,
    /// The page's own lines (captions, titles, loading texts): a region that holds only these
    /// has not loaded.
    pub interface_texts: Vec<String>,
    /// Beginnings of the page's own short lines ("Updated yesterday").
    pub interface_prefixes: Vec<String>,
}

/// The plan for `url`, or `None` when it is no memory page memport knows.
pub fn plan_for(url: &str) -> Option<CapturePlan> {
    let (site, page) = sites::capture_page_at(url)?;
    // Where the site file's anchors are gone, the button goes by the memory's heading.
    let mut anchor = page.anchor.clone();
    let by_heading = Locator::Role {
        role: "heading".into(),
        names: page
            .names
            .iter()
            .chain(&page.section_names)
            .cloned()
            .collect(),
    };
    if !page.names.is_empty() && !anchor.contains(&by_heading) {
        anchor.push(by_heading);
    }
    Some(CapturePlan {
        site: site.assistant,
        site_name: site.name.clone(),
        label: i18n::t(BUTTON_LABEL, &[]),
        busy_label: i18n::t("capture_busy", &[]),
        anchor,
        position: page.position,
        logged_out_texts: page.logged_out_texts.clone(),
        read: ReadPlan {
            open: page.open.clone(),
            content: page.content.clone(),
            close: page.close.clone(),
            loading_texts: page.loading_texts.clone(),
            empty_texts: page.empty_texts.clone(),
            wait_ms: page.wait_ms,
            scroll: page.scroll,
            fields: (0..page.fields.len())
                .map(|i| FieldSpec {
                    locators: page.field_locators(i),
                    ..page.fields[i].clone()
                })
                .collect(),
            lists: page.lists.clone(),
            names: page.names.clone(),
            section_names: page.section_names.clone(),
            memory_headings: page
                .headings
                .iter()
                .flat_map(|h| h.texts.iter().cloned())
                .collect(),
            interface_texts: page
                .ignore_lines
                .iter()
                .chain(&page.loading_texts)
                .chain(&page.empty_texts)
                .chain(&page.names)
                .chain(&page.section_names)
                .cloned()
                .collect(),
            interface_prefixes: page.ignore_prefixes.clone(),
        },
    })
}

/// What the page code reports back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Internally tagged by "outcome", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum ReadOutcome {
    Read(PageRead),
    Failed {
        url: String,
        step: ReadStep,
        detail: String,
    },
}
crate::tagged::internally_tagged!(ReadOutcome, "outcome");

/// Why nothing was saved.
#[derive(Debug, PartialEq, Eq)]
pub enum CaptureError {
    /// The page is not a memory page of any site memport knows.
    UnknownPage { url: String },
    /// The memory was not found; `step` says where reading stopped.
    NotFound {
        site: String,
        step: ReadStep,
        open_label: String,
        detail: String,
        wait_ms: u32,
    },
    /// The page showed its empty-state text, and nothing else was read.
    Empty { site: String },
    /// Something was read, but none of it was memory (headings, the page's own lines).
    NothingRead { site: String, found_by: String },
    /// The memory was read, but the page's own count says it holds more than that.
    Incomplete {
        site: String,
        /// The page's count line, as it stands ("41 saved memories").
        count: String,
        read: usize,
    },
    /// The page's own count says the memory holds several entries, but what was read stood in
    /// no list of that many rows: the page's captions, read before its list arrived.
    Unlisted {
        site: String,
        /// The page's count line, as it stands ("3 items").
        count: String,
    },
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let said = match self {
            CaptureError::UnknownPage { url } => i18n::t("capture_unknown_page", &[url]),
            CaptureError::NotFound {
                site,
                step: ReadStep::Open,
                open_label,
                detail,
                ..
            } => i18n::t("capture_no_opener", &[site, open_label, detail]),
            CaptureError::NotFound {
                site,
                step: ReadStep::Content,
                wait_ms,
                detail,
                ..
            } => i18n::t(
                "capture_no_content",
                &[site, &i18n::number(wait_ms.div_ceil(1000) as usize), detail],
            ),
            CaptureError::Empty { site } => i18n::t("capture_empty", &[site]),
            CaptureError::NothingRead { site, found_by } => {
                i18n::t("capture_nothing_read", &[site, found_by])
            }
            CaptureError::Incomplete { site, count, read } => {
                i18n::t("capture_incomplete", &[site, count, &i18n::number(*read)])
            }
            CaptureError::Unlisted { site, count } => i18n::t("capture_unlisted", &[site, count]),
        };
        f.write_str(&said)
    }
}

impl std::error::Error for CaptureError {}

impl ReadOutcome {
    /// The page it was read on.
    pub fn url(&self) -> &str {
        match self {
            ReadOutcome::Read(read) => &read.url,
            ReadOutcome::Failed { url, .. } => url,
        }
    }
}

/// The items in what the page code read.
pub fn items(outcome: &ReadOutcome, now: OffsetDateTime) -> Result<Vec<MemoryItem>, CaptureError> {
    read_from_site(outcome, now).map(|(_, parts)| parts.into_iter().flat_map(|p| p.items).collect())
}

/// What a capture says: on the page it was read on, and in full in memport's popup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Saved {
    /// Only what was read on this page ("Saved 12 memories from Claude: 9 from its memory, 3
    /// from your edits"), and which part gave nothing: nothing about the rest of the profile,
    /// so a page cannot learn from it whether texts it shows are already there.
    pub page: String,
    /// The same with what the profile made of it, for the popup: how many were new, and what
    /// changed since this assistant's last capture.
    pub full: String,
}

/// Adds what the page code read to `profile`; the messages for the person ([`Saved`]),
/// which also say which part gave nothing.
pub fn into_profile(
    outcome: &ReadOutcome,
    now: OffsetDateTime,
    profile: &mut Profile,
) -> Result<Saved, CaptureError> {
    let (site, parts) = read_from_site(outcome, now)?;
    let items: Vec<MemoryItem> = parts.iter().flat_map(|p| p.items.clone()).collect();
    let read = items.len();
    let texts = items.iter().map(|i| i.text.clone()).collect();
    let report = profile.add(items);
    let log = profile.log_capture(site.assistant, now, texts);
    let given: Vec<&read::PartItems> = parts.iter().filter(|p| !p.items.is_empty()).collect();
    let memory_items: usize = parts
        .iter()
        .filter(|p| p.kind == PartKind::Memory)
        .map(|p| p.items.len())
        .sum();
    let memory_gave_nothing = memory_items == 0;
    // What each part gave, and what went wrong: said on the page and in the popup.
    let each: Option<String> = (given.len() > 1 || memory_gave_nothing).then(|| {
        given
            .iter()
            .map(|p| i18n::t("part_gave", &[&i18n::number(p.items.len()), &p.part]))
            .collect::<Vec<_>>()
            .join(&i18n::t("list_separator", &[]))
    });
    let with_parts = |saved: String| match &each {
        Some(parts) => i18n::t("saved_parts", &[&saved, parts]),
        None => saved,
    };
    let since = if log.previous_at.is_some() {
        i18n::t("since_last", &[&log.changes.summary()])
    } else {
        String::new()
    };
    let problems = problems(outcome, site, memory_items);
    let as_new = AddReport {
        added: read,
        known: 0,
    };
    Ok(Saved {
        page: format!(
            "{}{problems}",
            with_parts(saved_message(&site.name, read, as_new))
        ),
        full: format!(
            "{}{since}{problems}",
            with_parts(saved_message(&site.name, read, report))
        ),
    })
}

/// The parts of a read that gave nothing, as sentences to add to the message.
fn problems(outcome: &ReadOutcome, site: &SiteSpec, memory_items: usize) -> String {
    let memory_gave_nothing = memory_items == 0;
    let mut said = String::new();
    let ReadOutcome::Read(read) = outcome else {
        return said;
    };
    let Some((_, page)) = sites::capture_page_at(&read.url) else {
        return said;
    };
    // The part that gave nothing is named, with the same words as when nothing at all was
    // read.
    let missing = match &read.memory {
        MemoryState::Read if memory_gave_nothing && read::shows_empty(page, &read.blocks) => {
            said.push_str(&format!(". {} are empty", capitalized(&page.part)));
            None
        }
        MemoryState::Read if memory_gave_nothing => Some(CaptureError::NothingRead {
            site: site.name.clone(),
            found_by: read.found_by.clone(),
        }),
        MemoryState::Read => shortfall(read, page, memory_items).map(|short| match short {
            Shortfall::Fewer(count) => CaptureError::Incomplete {
                site: site.name.clone(),
                count: count.to_string(),
                read: memory_items,
            },
            Shortfall::Unlisted(count) => CaptureError::Unlisted {
                site: site.name.clone(),
                count: count.to_string(),
            },
        }),
        MemoryState::Empty => {
            let part = capitalized(&i18n::t(&page.part, &[]));
            said.push_str(&i18n::t("part_empty", &[&part]));
            None
        }
        MemoryState::Nothing { step, detail } => Some(CaptureError::NotFound {
            site: site.name.clone(),
            step: *step,
            open_label: first_name(&page.open).unwrap_or("Memory").to_string(),
            detail: detail.clone(),
            wait_ms: page.wait_ms,
        }),
    };
    if let Some(e) = missing {
        said.push_str(&format!(". {e}"));
    }
    for missing in &read.missing_lists {
        let part = page
            .lists
            .iter()
            .find(|l| l.heading == missing.heading)
            .map_or_else(|| missing.heading.clone(), |l| i18n::t(&l.part, &[]));
        said.push_str(&i18n::t(
            "part_unread",
            &[
                &capitalized(&part),
                &missing.step.describe(),
                &missing.detail,
            ],
        ));
    }
    said
}

/// How a read fell short of the memory's own count line (the line, as it stands).
enum Shortfall<'a> {
    /// Fewer items were read than the count says.
    Fewer(&'a str),
    /// A flat list's count names several entries, but no group of that many rows was read:
    /// the items are the page's captions, not its list.
    Unlisted(&'a str),
}

/// Whether the memory's own count line says it holds more than was read: fewer than the
/// `memory_items` read, or, in a flat list, more than its rows. A read cut short (a list that
/// arrived late, rows never scrolled into view) must not pass for the whole memory.
fn shortfall<'a>(
    read: &'a PageRead,
    page: &CapturePage,
    memory_items: usize,
) -> Option<Shortfall<'a>> {
    let (count, line) = read::announced(page, &read.blocks)?;
    if memory_items < count {
        Some(Shortfall::Fewer(line))
    } else if page.list && count >= 2 && read::list_rows(page, &read.blocks) < count {
        Some(Shortfall::Unlisted(line))
    } else {
        None
    }
}

/// Whether a capture that saved something still missed a part the person expects: the
/// memory itself, or some of it by the page's own count (then memport offers to point at
/// it), or a further list whose opener was there.
pub fn missed(outcome: &ReadOutcome, now: OffsetDateTime) -> Option<Missed> {
    let ReadOutcome::Read(read) = outcome else {
        return None;
    };
    let memory_items = read_from_site(outcome, now)
        .ok()
        .map(|(_, parts)| {
            parts
                .iter()
                .filter(|p| p.kind == PartKind::Memory)
                .map(|p| p.items.len())
                .sum::<usize>()
        })
        .unwrap_or(0);
    match read.memory {
        MemoryState::Nothing { .. } => Some(Missed::Memory),
        MemoryState::Read
            if memory_items == 0
                && !sites::capture_page_at(&read.url)
                    .is_some_and(|(_, page)| read::shows_empty(page, &read.blocks)) =>
        {
            Some(Missed::Memory)
        }
        MemoryState::Read
            if sites::capture_page_at(&read.url)
                .and_then(|(_, page)| shortfall(read, page, memory_items))
                .is_some() =>
        {
            Some(Missed::Memory)
        }
        _ if !read.missing_lists.is_empty() => Some(Missed::List),
        _ => None,
    }
}

/// What a capture missed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Missed {
    Memory,
    List,
}

fn capitalized(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The site the page belongs to, and the items read there by part.
fn read_from_site(
    outcome: &ReadOutcome,
    now: OffsetDateTime,
) -> Result<(&'static SiteSpec, Vec<read::PartItems>), CaptureError> {
    let url = outcome.url();
    let Some((site, page)) = sites::capture_page_at(url) else {
        return Err(CaptureError::UnknownPage {
            url: url.to_string(),
        });
    };
    match outcome {
        ReadOutcome::Failed { step, detail, .. } => Err(CaptureError::NotFound {
            site: site.name.clone(),
            step: *step,
            open_label: first_name(&page.open).unwrap_or("Memory").to_string(),
            detail: detail.clone(),
            wait_ms: page.wait_ms,
        }),
        ReadOutcome::Read(read) => {
            let parts = read::parts(site, page, read, now);
            if parts.iter().any(|p| !p.items.is_empty()) {
                return Ok((site, parts));
            }
            Err(match &read.memory {
                MemoryState::Read if read::shows_empty(page, &read.blocks) => CaptureError::Empty {
                    site: site.name.clone(),
                },
                MemoryState::Empty => CaptureError::Empty {
                    site: site.name.clone(),
                },
                MemoryState::Nothing { step, detail } => CaptureError::NotFound {
                    site: site.name.clone(),
                    step: *step,
                    open_label: first_name(&page.open).unwrap_or("Memory").to_string(),
                    detail: detail.clone(),
                    wait_ms: page.wait_ms,
                },
                MemoryState::Read => CaptureError::NothingRead {
                    site: site.name.clone(),
                    found_by: read.found_by.clone(),
                },
            })
        }
    }
}

/// The first visible label among `locators`, for messages.
fn first_name(locators: &[Locator]) -> Option<&str> {
    locators.iter().find_map(|l| match l {
        Locator::Role { names, .. } => names.first().map(String::as_str),
        _ => None,
    })
}

/// "Saved 12 memories from Claude (3 new)".
pub fn saved_message(site_name: &str, read: usize, report: AddReport) -> String {
    let detail = match (report.added, report.known) {
        (_, 0) => String::new(),
        (0, _) => i18n::t("saved_all_known", &[]),
        (added, _) => i18n::t("saved_new", &[&i18n::number(added)]),
    };
    let saved = i18n::tn("saved", read, &[&i18n::number(read), &site_name]);
    format!("{saved}{detail}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Block;
    use time::macros::datetime;

    const URL: &str = "https://claude.ai/settings/capabilities";

    #[test]
    fn plan_only_on_memory_pages() {
        let plan = plan_for(URL).unwrap();
        assert_eq!(plan.label, "Save memory to memport");
        assert_eq!(plan.site, Assistant::Claude);
        assert!(plan_for("https://claude.ai/chat/123").is_none());
        let json = serde_json::to_value(&plan).unwrap();
        assert_eq!(json["read"]["open"][0]["by"], "role");
        assert_eq!(json["position"], "after");
    }

    #[test]
    fn failures_say_what_is_missing() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let no_button = ReadOutcome::Failed {
            url: URL.into(),
            step: ReadStep::Open,
            detail: "no dialog, no button".into(),
        };
        let msg = items(&no_button, now).unwrap_err().to_string();
        assert!(
            msg.starts_with("Claude's memory was not found on this page: "),
            "{msg}"
        );
        assert!(msg.contains("\"View and edit your memory\""), "{msg}");
        let empty = ReadOutcome::Read(PageRead {
            url: URL.into(),
            found_by: "css".into(),
            fields: vec![],
            lists: vec![],
            blocks: vec![Block {
                tag: "div".into(),
                text: "Loading…".into(),
                strong: false,
                hidden: false,
                ..Default::default()
            }],
            memory: MemoryState::Read,
            missing_lists: vec![],
        });
        // Only the page's own lines: not read, and never called empty.
        let msg = items(&empty, now).unwrap_err().to_string();
        assert!(msg.starts_with("Claude's memory was not read"), "{msg}");
        let ReadOutcome::Read(mut seen_empty) = empty else {
            unreachable!()
        };
        seen_empty.memory = MemoryState::Empty;
        let msg = items(&ReadOutcome::Read(seen_empty), now)
            .unwrap_err()
            .to_string();
        assert!(msg.contains("it is empty"), "{msg}");
        let elsewhere = ReadOutcome::Failed {
            url: "https://example.com/".into(),
            step: ReadStep::Open,
            detail: String::new(),
        };
        assert!(matches!(
            items(&elsewhere, now),
            Err(CaptureError::UnknownPage { .. })
        ));
    }

    #[test]
    fn captures_go_into_the_profile_with_the_sites_name() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let read = ReadOutcome::Read(PageRead {
            url: URL.into(),
            found_by: "css".into(),
            blocks: vec![Block {
                tag: "p".into(),
                text: "Lives in Lisbon.".into(),
                strong: false,
                hidden: false,
                ..Default::default()
            }],
            fields: vec![],
            lists: vec![],
            memory: MemoryState::Read,
            missing_lists: vec![],
        });
        let mut profile = Profile::new();
        let first = into_profile(&read, now, &mut profile).unwrap();
        assert_eq!(first.page, "Saved 1 memory from Claude");
        assert_eq!(first.full, "Saved 1 memory from Claude");
        let again = into_profile(&read, now, &mut profile).unwrap();
        assert_eq!(
            again.full,
            "Saved 1 memory from Claude (all already in your profile) — since the last \
             capture: nothing changed"
        );
        // The page it was read on learns nothing of the profile: not what it held already,
        // nor what changed since the last capture.
        assert_eq!(again.page, "Saved 1 memory from Claude");
        assert_eq!(profile.len(), 1);
        // Claude rewrote it: the profile keeps both, and the message says what changed.
        let ReadOutcome::Read(mut moved) = read else {
            unreachable!()
        };
        moved.blocks[0].text = "Lives in Porto.".into();
        let later = into_profile(&ReadOutcome::Read(moved), now, &mut profile).unwrap();
        assert_eq!(
            later.full,
            "Saved 1 memory from Claude — since the last capture: 1 changed"
        );
        assert_eq!(later.page, "Saved 1 memory from Claude");
        assert_eq!(profile.len(), 2);
        assert_eq!(
            profile.captures[0].changes.changed[0].before,
            "Lives in Lisbon."
        );
    }

    fn block(tag: &str, text: &str) -> Block {
        Block {
            tag: tag.into(),
            text: text.into(),
            strong: false,
            hidden: false,
            ..Default::default()
        }
    }

    fn claude_read(memory: MemoryState, blocks: Vec<Block>, edits: &[&str]) -> ReadOutcome {
        ReadOutcome::Read(PageRead {
            url: URL.into(),
            found_by: "the dialog that opened after \"View and edit your memory\"".into(),
            blocks,
            fields: vec![],
            lists: vec![read::ListRead {
                heading: "Your edits to Claude's memory".into(),
                blocks: edits.iter().map(|e| block("li", e)).collect(),
                found_by: "role dialog".into(),
            }],
            memory,
            missing_lists: vec![],
        })
    }

    #[test]
    fn the_message_says_what_each_part_gave() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let read = claude_read(
            MemoryState::Read,
            vec![
                block("p", "Lives in Lisbon."),
                block("p", "Runs on Sundays."),
            ],
            &["Call me Maya."],
        );
        let mut profile = Profile::new();
        assert_eq!(
            into_profile(&read, now, &mut profile).unwrap().page,
            "Saved 3 memories from Claude: 2 from its memory, 1 from your edits"
        );
        assert_eq!(missed(&read, now), None);
    }

    #[test]
    fn the_message_speaks_the_persons_language() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let read = claude_read(
            MemoryState::Read,
            vec![
                block("p", "Lives in Lisbon."),
                block("p", "Runs on Sundays."),
            ],
            &["Call me Maya."],
        );
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        assert_eq!(
            into_profile(&read, now, &mut Profile::new()).unwrap().page,
            "Enregistré 3 souvenirs de Claude : 2 de sa mémoire, 1 de vos modifications"
        );
        crate::i18n::set_lang(crate::i18n::Lang::Ja);
        assert_eq!(
            saved_message("Claude", 1, AddReport { added: 1, known: 0 }),
            "Claude から 1 件のメモリを保存しました"
        );
        crate::i18n::set_lang(crate::i18n::Lang::De);
        assert_eq!(
            saved_message(
                "Gemini",
                1200,
                AddReport {
                    added: 0,
                    known: 1200
                }
            ),
            "1.200 Erinnerungen von Gemini gespeichert (alle schon in Ihrem Profil)"
        );
    }

    #[test]
    fn a_memory_that_gave_nothing_is_never_passed_off_as_saved() {
        let now = datetime!(2026-11-24 12:00 UTC);
        // Not found at all, the edits read: they are kept, and the memory is named.
        let nothing = claude_read(
            MemoryState::Nothing {
                step: ReadStep::Content,
                detail: "it showed only the page's own captions".into(),
            },
            vec![],
            &["Call me Maya.", "Stop suggesting weekend work."],
        );
        let mut profile = Profile::new();
        let said = into_profile(&nothing, now, &mut profile).unwrap().page;
        assert!(
            said.starts_with(
                "Saved 2 memories from Claude: 2 from your edits. Claude's memory was not found \
                 on this page: the memory did not appear within 8 seconds"
            ),
            "{said}"
        );
        assert!(said.contains("only the page's own captions"), "{said}");
        assert_eq!(profile.len(), 2, "what was read is kept");
        assert_eq!(missed(&nothing, now), Some(Missed::Memory));
        // Found, but only the caption and a heading: the same.
        let captions = claude_read(
            MemoryState::Read,
            vec![
                block("p", "This summary is regenerated each night."),
                Block {
                    tag: "h3".into(),
                    text: "Work context".into(),
                    strong: true,
                    hidden: false,
                    ..Default::default()
                },
            ],
            &["Call me Maya."],
        );
        let said = into_profile(&captions, now, &mut Profile::new())
            .unwrap()
            .page;
        assert!(said.contains("Claude's memory was not read"), "{said}");
        assert_eq!(missed(&captions, now), Some(Missed::Memory));
    }

    #[test]
    fn a_memory_shorter_than_the_pages_own_count_is_a_problem_not_a_success() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let chatgpt = |blocks: Vec<Block>| {
            ReadOutcome::Read(PageRead {
                url: "https://chatgpt.com/#settings/Personalization".into(),
                found_by: "the part under the heading \"Saved memories\"".into(),
                blocks,
                fields: vec![read::FieldValue {
                    label: "How would you like ChatGPT to respond?".into(),
                    value: "Keep answers short.".into(),
                }],
                lists: vec![],
                memory: MemoryState::Read,
                missing_lists: vec![],
            })
        };
        // The list had not arrived: the page's gauges and one stray line were all there was.
        let early = chatgpt(vec![
            block("p", "Memory 53% full"),
            block("p", "41 saved memories"),
            block("p", "Lives in Porto."),
        ]);
        let said = into_profile(&early, now, &mut Profile::new()).unwrap().page;
        assert!(
            said.ends_with(
                "ChatGPT's page says \"41 saved memories\", but memport read only 1 of them: \
                 the rest may not have loaded. Try again once the page has loaded, or point \
                 memport at the memory."
            ),
            "{said}"
        );
        assert_eq!(missed(&early, now), Some(Missed::Memory));
        // All of them: no problem. The gauge in percent is no count.
        let row = |text: &str| Block {
            group: Some(7),
            ..block("div", text)
        };
        let whole = chatgpt(vec![
            block("p", "Memory 53% full"),
            block("p", "2 saved memories"),
            row("Lives in Porto."),
            row("Runs on Sundays."),
        ]);
        let said = into_profile(&whole, now, &mut Profile::new()).unwrap().page;
        assert!(!said.contains("page says"), "{said}");
        assert_eq!(missed(&whole, now), None);
        // As many lines as the count, but the page's own (captions in one group, a switch's
        // label and description in another), read before the rows: no list of two.
        let caption = |group: u32, text: &str| Block {
            group: Some(group),
            ..block("p", text)
        };
        let captions = chatgpt(vec![
            caption(1, "Things you asked ChatGPT to keep"),
            caption(1, "It uses them to make answers more helpful."),
            caption(2, "Use memories in chats"),
            caption(2, "Let ChatGPT refer to what it saved when it answers."),
            caption(1, "2 saved memories"),
        ]);
        let said = into_profile(&captions, now, &mut Profile::new())
            .unwrap()
            .page;
        assert!(
            said.contains(
                "ChatGPT's page says \"2 saved memories\", but memport found no list of that \
                 many entries"
            ),
            "{said}"
        );
        assert_eq!(missed(&captions, now), Some(Missed::Memory));
        let gauge_only = chatgpt(vec![
            block("p", "Memory 53% full"),
            block("p", "Lives in Porto."),
        ]);
        assert_eq!(missed(&gauge_only, now), None);
    }

    #[test]
    fn an_empty_memory_is_said_only_when_the_page_said_so() {
        let now = datetime!(2026-11-24 12:00 UTC);
        let read = ReadOutcome::Read(PageRead {
            url: "https://chatgpt.com/#settings/Personalization".into(),
            found_by: "empty state".into(),
            blocks: vec![],
            fields: vec![read::FieldValue {
                label: "How would you like ChatGPT to respond?".into(),
                value: "Keep answers short.".into(),
            }],
            lists: vec![],
            memory: MemoryState::Empty,
            missing_lists: vec![],
        });
        assert_eq!(
            into_profile(&read, now, &mut Profile::new()).unwrap().page,
            "Saved 1 memory from ChatGPT: 1 from your custom instructions. Your saved memories \
             are empty"
        );
        assert_eq!(missed(&read, now), None);
    }

    #[test]
    fn saved_messages() {
        let r = |added, known| AddReport { added, known };
        assert_eq!(
            saved_message("Claude", 12, r(12, 0)),
            "Saved 12 memories from Claude"
        );
        assert_eq!(
            saved_message("Claude", 1, r(1, 0)),
            "Saved 1 memory from Claude"
        );
        assert_eq!(
            saved_message("Claude", 12, r(3, 9)),
            "Saved 12 memories from Claude (3 new)"
        );
        assert_eq!(
            saved_message("Claude", 2, r(0, 2)),
            "Saved 2 memories from Claude (all already in your profile)"
        );
    }
    #[test]
    fn a_memory_that_gave_nothing_but_its_empty_text_is_empty() {
        let read = PageRead {
            url: "https://chatgpt.com/#settings/Personalization".into(),
            found_by: "test".into(),
            blocks: vec![
                block("p", "ChatGPT doesn't have any memories yet."),
                Block {
                    control: true,
                    ..block("div", "Done")
                },
            ],
            fields: vec![],
            lists: vec![],
            memory: MemoryState::Read,
            missing_lists: vec![],
        };
        let outcome = ReadOutcome::Read(read);
        assert_eq!(missed(&outcome, datetime!(2026-11-24 12:00 UTC)), None);
        let mut profile = Profile::default();
        let err =
            into_profile(&outcome, datetime!(2026-11-24 12:00 UTC), &mut profile).unwrap_err();
        assert!(matches!(err, CaptureError::Empty { .. }), "{err:?}");
    }
}
