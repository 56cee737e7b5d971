//! What crosses between the extension's contexts, typed.
//!
//! Content scripts and the popup send a [`Request`] to the service worker with
//! `chrome.runtime.sendMessage`; the worker answers with a [`Reply`]. A message that does not
//! parse gets a [`Reply::Notice`] saying so instead of being guessed at. The context menu's
//! item ids map to [`MenuCommand`]s the same way.

use serde::{Deserialize, Serialize};

use crate::answer::Answer;
use crate::capture::{CapturePlan, ReadOutcome};
use crate::category::Category;
use crate::check::Report;
use crate::fill::{SendTarget, Way, SEND_TARGETS};
use crate::i18n;
use crate::notice::Notice;
use crate::picker::{Offer, Part};
use crate::profile::ItemId;
use crate::sites::Assistant;
use crate::text_import::Preview;

/// A message to the service worker.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
// Internally tagged by "kind", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum Request {
    /// A content script started on (or navigated to) `url`: what should it do there?
    PageOpened { url: String },
    /// The in-page button read the page.
    PageRead { outcome: ReadOutcome },
    /// A capture or picker starts on the page: put the page code (`page/agent.js`) into the
    /// tab `tab_id` (for a page, always its own tab; see `access`), unless it is there.
    LoadAgent {
        #[serde(default)]
        tab_id: Option<i32>,
    },
    /// Fill `target`'s import box (or, `way` chat_message, its composer) with the profile.
    SendTo {
        target: Assistant,
        #[serde(default)]
        way: Way,
        /// The items the person chose, exactly; when absent, all but those flagged sensitive.
        #[serde(default)]
        items: Option<Vec<ItemId>>,
    },
    /// Report which parts memport finds on a tab (the active one when `tab_id` is absent).
    CheckPage {
        #[serde(default)]
        tab_id: Option<i32>,
    },
    /// The person pointed at `part` of `site` (picker mode): the page code's selector for it,
    /// on `url`. The worker remembers it and carries on: a capture gets a new plan, a send is
    /// made again with the same `items`.
    Picked {
        site: Assistant,
        part: Part,
        css: String,
        url: String,
        #[serde(default)]
        items: Option<Vec<ItemId>>,
    },
    /// Forget everything the person pointed at on `site`.
    ForgetPicks { site: Assistant },
    /// "Import text": what the text holds, before anything is added.
    PreviewImport {
        text: String,
        /// The chat page "Capture the answer" read `text` off, when it did.
        #[serde(default)]
        answer_url: Option<String>,
    },
    /// "Import text": add the text's memories.
    ImportText {
        text: String,
        #[serde(default)]
        answer_url: Option<String>,
    },
    /// "Import an export": what the recovered memories would add, before anything is added.
    /// The items are [`Recovered`](crate::export::Recovered) memories, read as such by the extra module, which does
    /// this work (see `crate::jobs`).
    PreviewDataExport { items: serde_json::Value },
    /// "Import an export": add the recovered memories the person kept.
    ImportDataExport { items: serde_json::Value },
    /// "Capture the answer": read the assistant's last reply on a chat page (the tab
    /// `tab_id`; when absent, the one in front, or the one used last before memport's own
    /// page), for "Import text" to preview. Adds nothing.
    CaptureAnswer {
        #[serde(default)]
        tab_id: Option<i32>,
    },
    /// "Save the memory on this page" (the popup, on an assistant's memory page): read the
    /// memory of the tab `tab_id` (when absent, the one in front, or the one used last before
    /// memport's own page) as the in-page button does, and save it.
    SaveMemoryPage {
        #[serde(default)]
        tab_id: Option<i32>,
    },
    /// The person deleted an item in the popup.
    DeleteItem { id: ItemId },
    /// Take back the last change to the profile.
    Undo,
    /// "Start a new profile": the stored profile cannot be read; set it aside (listed, to
    /// download later) and start an empty one. Refused while the stored profile is readable.
    StartNewProfile,
    /// The person edited an item in the popup.
    EditItem {
        id: ItemId,
        text: String,
        category: Category,
    },
    /// "Keep this one" on memories that disagree: keep `keep`, delete `drop`.
    KeepOne { keep: ItemId, drop: Vec<ItemId> },
    /// "Keep both" on memories that disagree: they may stand together.
    KeepAll { ids: Vec<ItemId> },
}
crate::tagged::internally_tagged!(Request, "kind");

impl Request {
    /// Its `kind`, as it is written in a message.
    pub fn kind(&self) -> &'static str {
        match self {
            Request::PageOpened { .. } => "page_opened",
            Request::PageRead { .. } => "page_read",
            Request::LoadAgent { .. } => "load_agent",
            Request::SendTo { .. } => "send_to",
            Request::CheckPage { .. } => "check_page",
            Request::Picked { .. } => "picked",
            Request::ForgetPicks { .. } => "forget_picks",
            Request::PreviewImport { .. } => "preview_import",
            Request::ImportText { .. } => "import_text",
            Request::PreviewDataExport { .. } => "preview_data_export",
            Request::ImportDataExport { .. } => "import_data_export",
            Request::CaptureAnswer { .. } => "capture_answer",
            Request::SaveMemoryPage { .. } => "save_memory_page",
            Request::DeleteItem { .. } => "delete_item",
            Request::Undo => "undo",
            Request::StartNewProfile => "start_new_profile",
            Request::EditItem { .. } => "edit_item",
            Request::KeepOne { .. } => "keep_one",
            Request::KeepAll { .. } => "keep_all",
        }
    }
}

/// The worker's answer.
#[derive(Clone, Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reply {
    /// What to do on a page: nothing (`None`) or place the capture button.
    Plan { plan: Option<Box<CapturePlan>> },
    /// Something the person should read.
    Notice(Notice),
    /// The memory was not found on the page: why, and the offer to point at it.
    PointAt { message: String, pick: Offer },
    /// What "Check this page" found.
    Check { report: Report },
    /// What an imported text holds.
    Preview { preview: Preview },
    /// The assistant's answer, read from its chat page, for "Import text".
    Answer { answer: Answer },
    /// A reply the extra module wrote (see `crate::jobs`), sent as it is.
    #[serde(untagged)]
    Verbatim(serde_json::Value),
}

impl Reply {
    pub fn notice(ok: bool, message: impl Into<String>) -> Reply {
        Reply::Notice(Notice {
            ok,
            message: message.into(),
        })
    }
}

/// A context-menu item, its title in the person's language.
#[derive(Clone, Debug, Serialize)]
pub struct MenuEntry {
    pub id: String,
    pub title: String,
    /// Where it appears: "all" (anywhere on a page) or "selection" (on selected text).
    pub contexts: &'static [&'static str],
    /// The submenu it belongs to.
    pub parent_id: Option<&'static str>,
}

/// A click on one of memport's context-menu items, as the browser reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct MenuClick {
    pub menu_item_id: String,
    /// The selected text, as the browser's menu passed it.
    #[serde(default)]
    pub selection_text: Option<String>,
    /// The page (and, when the click was in a frame, the frame's page).
    #[serde(default)]
    pub page_url: Option<String>,
    #[serde(default)]
    pub frame_url: Option<String>,
    #[serde(default)]
    pub frame_id: Option<i32>,
    #[serde(default)]
    pub tab_id: Option<i32>,
    #[serde(default)]
    pub tab_title: Option<String>,
}

/// What a context-menu item does.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MenuCommand {
    SendTo(Assistant, Way),
    /// Keep the selected text as one item.
    AddSelection,
}

/// The submenu that holds the send targets.
const SEND_TO: &str = "send-to";

/// What a send target's menu item is known by: "send-to-gemini".
fn menu_id(target: &SendTarget) -> String {
    format!("{SEND_TO}-{}", target.stem)
}

/// The items to create in the context menu, parents first: "Add selection to memory" (on
/// selected text, any page), then "Send memory to" > each of [`SEND_TARGETS`]. A submenu
/// holds no command of its own.
pub fn menu() -> Vec<MenuEntry> {
    let mut entries = vec![
        MenuEntry {
            id: "add-selection".to_string(),
            title: i18n::t("menu_add_selection", &[]),
            contexts: &["selection"],
            parent_id: None,
        },
        MenuEntry {
            id: SEND_TO.to_string(),
            title: i18n::t("menu_send_to", &[]),
            contexts: &["all"],
            parent_id: None,
        },
    ];
    entries.extend(SEND_TARGETS.iter().map(|t| MenuEntry {
        id: menu_id(t),
        title: match t.way {
            Way::Import => t.name.to_string(),
            Way::ChatMessage => i18n::t("menu_as_chat", &[&t.name]),
        },
        contexts: &["all"],
        parent_id: Some(SEND_TO),
    }));
    entries
}

/// The command behind a clicked menu item id.
pub fn menu_command(id: &str) -> Option<MenuCommand> {
    if id == "add-selection" {
        return Some(MenuCommand::AddSelection);
    }
    SEND_TARGETS
        .iter()
        .find(|t| menu_id(t) == id)
        .map(|t| MenuCommand::SendTo(t.target, t.way))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn requests_parse_from_page_code() {
        let r: Request = serde_json::from_value(json!({
            "kind": "page_opened", "url": "https://claude.ai/settings/capabilities"
        }))
        .unwrap();
        assert!(matches!(r, Request::PageOpened { .. }));
        let r: Request = serde_json::from_value(json!({
            "kind": "page_read",
            "outcome": {"outcome": "read", "url": "u", "found_by": "css", "blocks": [
                {"tag": "p", "text": "Work context", "strong": true}
            ]}
        }))
        .unwrap();
        assert!(matches!(r, Request::PageRead { .. }));
        let r: Request =
            serde_json::from_value(json!({"kind": "send_to", "target": "gemini"})).unwrap();
        assert_eq!(
            r,
            Request::SendTo {
                target: Assistant::Gemini,
                way: Way::Import,
                items: None,
            }
        );
        let r: Request = serde_json::from_value(json!({
            "kind": "edit_item", "id": "00ff", "text": "Lives in Porto",
            "category": "Personal information"
        }))
        .unwrap();
        assert!(matches!(
            r,
            Request::EditItem {
                category: Category::PersonalInformation,
                ..
            }
        ));
        assert!(serde_json::from_value::<Request>(json!({
            "kind": "edit_item", "id": "00ff", "text": "x", "category": "Hobbies"
        }))
        .is_err());
        let r: Request = serde_json::from_value(json!({
            "kind": "picked", "site": "gemini", "part": {"kind": "memory"},
            "css": "main > div", "url": "https://gemini.google.com/saved-info"
        }))
        .unwrap();
        assert!(matches!(
            r,
            Request::Picked {
                part: Part::Memory,
                items: None,
                ..
            }
        ));
        let r: Request = serde_json::from_value(json!({"kind": "capture_answer"})).unwrap();
        assert_eq!(r, Request::CaptureAnswer { tab_id: None });
        assert!(serde_json::from_value::<Request>(json!({"kind": "format_disk"})).is_err());
    }

    #[test]
    fn replies_are_tagged() {
        let v = serde_json::to_value(Reply::notice(true, "Saved")).unwrap();
        assert_eq!(v, json!({"kind": "notice", "ok": true, "message": "Saved"}));
        let v = serde_json::to_value(Reply::Plan { plan: None }).unwrap();
        assert_eq!(v, json!({"kind": "plan", "plan": null}));
    }

    #[test]
    fn the_menu_speaks_the_browsers_language() {
        i18n::set_lang(i18n::Lang::Fr);
        let m = menu();
        assert_eq!(m[0].title, "Ajouter la sélection à la mémoire");
        assert_eq!(m[1].title, "Envoyer la mémoire à");
        assert_eq!(m[2].title, "Gemini", "names stay as they are");
        assert_eq!(m[5].title, "ChatGPT, en message de discussion");
    }

    #[test]
    fn menu_sends_to_each_target_from_one_submenu() {
        let m = &menu()[1..];
        assert_eq!(
            (m[0].title.as_str(), m[0].parent_id),
            ("Send memory to", None)
        );
        let children: Vec<(&str, Option<MenuCommand>)> = m[1..]
            .iter()
            .map(|e| {
                assert_eq!(e.parent_id, Some("send-to"));
                (e.title.as_str(), menu_command(&e.id))
            })
            .collect();
        assert_eq!(
            children,
            vec![
                (
                    "Gemini",
                    Some(MenuCommand::SendTo(Assistant::Gemini, Way::Import))
                ),
                (
                    "Claude",
                    Some(MenuCommand::SendTo(Assistant::Claude, Way::Import))
                ),
                (
                    "ChatGPT",
                    Some(MenuCommand::SendTo(Assistant::ChatGpt, Way::Import))
                ),
                (
                    "ChatGPT, as a chat message",
                    Some(MenuCommand::SendTo(Assistant::ChatGpt, Way::ChatMessage))
                ),
                (
                    "Gemini, as a chat message",
                    Some(MenuCommand::SendTo(Assistant::Gemini, Way::ChatMessage))
                ),
            ]
        );
        assert_eq!(menu_command("send-to"), None);
        assert_eq!(menu()[0].title, "Add selection to memory");
        assert_eq!(menu()[0].contexts, &["selection"]);
        assert_eq!(
            menu_command("add-selection"),
            Some(MenuCommand::AddSelection)
        );
        assert_eq!(menu_command("nope"), None);
    }
}
