//! The "Save memory to memport" button: where it goes, how the page code reads the memory,
//! and what the person is told afterwards.
//!
//! Rust hands the page code a [`CapturePlan`] (plain data from the site file) and gets back a
//! [`ReadOutcome`]; every decision, and every message, is made here.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::profile::{AddReport, MemoryItem, Profile};
use crate::read::{self, PageRead};
use crate::sites::{self, Assistant, FieldSpec, ListSpec, Locator, Position, SiteSpec};

/// The button's label on every memory page.
pub const BUTTON_LABEL: &str = "Save memory to memport";

/// What the page code needs to place the button and read the memory.
#[derive(Clone, Debug, Serialize)]
pub struct CapturePlan {
    pub site: Assistant,
    pub site_name: String,
    pub label: &'static str,
    pub busy_label: &'static str,
    pub anchor: Vec<Locator>,
    pub position: Position,
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
}

/// The plan for `url`, or `None` when it is no memory page memport knows.
pub fn plan_for(url: &str) -> Option<CapturePlan> {
    let (site, page) = sites::capture_page_at(url)?;
    Some(CapturePlan {
        site: site.assistant,
        site_name: site.name.clone(),
        label: BUTTON_LABEL,
        busy_label: "Saving…",
        anchor: page.anchor.clone(),
        position: page.position,
        read: ReadPlan {
            open: page.open.clone(),
            content: page.content.clone(),
            close: page.close.clone(),
            loading_texts: page.loading_texts.clone(),
            empty_texts: page.empty_texts.clone(),
            wait_ms: page.wait_ms,
            scroll: page.scroll,
            fields: page.fields.clone(),
            lists: page.lists.clone(),
        },
    })
}

/// The step at which the page code gave up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReadStep {
    /// Neither the memory nor a control that shows it was on the page.
    Open,
    /// The control was pressed but the memory did not appear in time.
    Content,
}

/// What the page code reports back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum ReadOutcome {
    Read(PageRead),
    Failed {
        url: String,
        step: ReadStep,
        detail: String,
    },
}

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
    /// The memory was there but held nothing.
    Empty { site: String },
}

impl fmt::Display for CaptureError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaptureError::UnknownPage { url } => write!(
                f,
                "memport does not know this page ({url}). Open your assistant's memory settings \
                 and try again."
            ),
            CaptureError::NotFound {
                site,
                step: ReadStep::Open,
                open_label,
                detail,
                ..
            } => write!(
                f,
                "{site}'s memory was not found on this page: there is no \"{open_label}\" \
                 button. Check that you are logged in and that this is Settings > Capabilities. \
                 ({detail})"
            ),
            CaptureError::NotFound {
                site,
                step: ReadStep::Content,
                wait_ms,
                detail,
                ..
            } => write!(
                f,
                "{site}'s memory was not found on this page: the memory did not appear within \
                 {} seconds. Try again once the page has loaded. ({detail})",
                wait_ms.div_ceil(1000)
            ),
            CaptureError::Empty { site } => write!(
                f,
                "{site}'s memory was not found on this page: it is empty. {site} may not have \
                 built a memory yet."
            ),
        }
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
    read_from_site(outcome, now).map(|(_, items)| items)
}

/// Adds what the page code read to `profile`; the message for the person ("Saved 12
/// memories from Claude (3 new)").
pub fn into_profile(
    outcome: &ReadOutcome,
    now: OffsetDateTime,
    profile: &mut Profile,
) -> Result<String, CaptureError> {
    let (site, items) = read_from_site(outcome, now)?;
    let read = items.len();
    let texts = items.iter().map(|i| i.text.clone()).collect();
    let report = profile.add(items);
    let log = profile.log_capture(site.assistant, now, texts);
    let mut said = saved_message(&site.name, read, report);
    if log.previous_at.is_some() {
        said.push_str(&format!(
            " — since the last capture: {}",
            log.changes.summary()
        ));
    }
    Ok(said)
}

/// The site the page belongs to, and the items read there.
fn read_from_site(
    outcome: &ReadOutcome,
    now: OffsetDateTime,
) -> Result<(&'static SiteSpec, Vec<MemoryItem>), CaptureError> {
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
            let items = read::items(site, page, read, now);
            if items.is_empty() {
                Err(CaptureError::Empty {
                    site: site.name.clone(),
                })
            } else {
                Ok((site, items))
            }
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
    let noun = if read == 1 { "memory" } else { "memories" };
    let detail = match (report.added, report.known) {
        (_, 0) => String::new(),
        (0, _) => " (all already in your profile)".to_string(),
        (added, _) => format!(" ({added} new)"),
    };
    format!("Saved {read} {noun} from {site_name}{detail}")
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
            }],
        });
        let msg = items(&empty, now).unwrap_err().to_string();
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
            }],
            fields: vec![],
            lists: vec![],
        });
        let mut profile = Profile::new();
        let first = into_profile(&read, now, &mut profile).unwrap();
        assert_eq!(first, "Saved 1 memory from Claude");
        let again = into_profile(&read, now, &mut profile).unwrap();
        assert_eq!(
            again,
            "Saved 1 memory from Claude (all already in your profile) — since the last \
             capture: nothing changed"
        );
        assert_eq!(profile.len(), 1);
        // Claude rewrote it: the profile keeps both, and the message says what changed.
        let ReadOutcome::Read(mut moved) = read else {
            unreachable!()
        };
        moved.blocks[0].text = "Lives in Porto.".into();
        let later = into_profile(&ReadOutcome::Read(moved), now, &mut profile).unwrap();
        assert_eq!(
            later,
            "Saved 1 memory from Claude — since the last capture: 1 changed"
        );
        assert_eq!(profile.len(), 2);
        assert_eq!(
            profile.captures[0].changes.changed[0].before,
            "Lives in Lisbon."
        );
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
}
