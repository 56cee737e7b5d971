//! The popup's logic. `extension/popup.js` draws what these return, as text.

use gloo_storage::{LocalStorage, Storage};
use js_sys::Promise;
use wasm_bindgen::prelude::*;

use serde::Serialize;

use super::{
    browser, load_backups, load_profile, load_profile_json, load_undo, LoadError, LAST_KEY,
    PROFILE_KEY,
};
use crate::backup::Backup;
use crate::category::Category;
use crate::fill::Way;
use crate::i18n;
use crate::jobs::{Done, Job};
use crate::messages::Request;
use crate::notice::Notice;
use crate::popup::{narrow, Filter, PopupView};
use crate::profile::ItemId;
use crate::profile::Profile;
use crate::render;
use crate::sites::Assistant;

/// The popup's own preference (which groups are folded), in the extension's localStorage.
const COLLAPSED_KEY: &str = "memport.popup.collapsed";

/// A notice for the person, as the popup shows it.
fn problem(message: String) -> JsValue {
    browser::to_js(&Notice { ok: false, message })
}

/// A value the popup names as a string ("gemini", "chat_message", "Personal information").
fn parse<T: serde::de::DeserializeOwned>(name: &str) -> Result<T, JsValue> {
    browser::from_js::<T>(JsValue::from_str(name)).map_err(problem)
}

/// Sends `request` to the worker; resolves with its reply, or a notice when it did not answer.
async fn ask_worker(request: &Request) -> JsValue {
    browser::send_to_worker(request)
        .await
        .unwrap_or_else(|e| problem(i18n::t("web_worker_silent", &[&e])))
}

/// [`ask_worker`] as a promise for the popup. The popup's requests are functions that return
/// this one future's promise rather than `async fn`s: each exported `async fn` compiles a
/// future and its promise of its own, some 1 KB each (issue 15).
fn ask(request: Request) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move { Ok(ask_worker(&request).await) })
}

/// A promise of `value` at once (a request the popup could not even make).
fn now_resolved(value: JsValue) -> Promise {
    Promise::resolve(&value)
}

/// The view of the stored profile narrowed by `filter` (`{text, category, source}`, any part
/// absent), or `{ok: false, message}` saying why it could not load.
#[wasm_bindgen(js_name = popupView)]
pub async fn popup_view(filter: JsValue) -> JsValue {
    // A filter the popup cannot have sent is no filter: show everything.
    let filter: Filter = browser::from_js(filter).unwrap_or_default();
    let backups = load_backups().await.kept;
    match full_view().await {
        Ok(viewed) => browser::to_js(&Shown {
            view: PopupView {
                undo: load_undo().await.map(|u| u.label),
                ..narrow(viewed.1.clone(), &viewed.0, &filter)
            },
            backups,
        }),
        // Stored, but not readable: say why and offer the two ways out (see `backup`).
        Err(e @ LoadError::Profile(_)) => {
            let bytes = browser::storage_get(PROFILE_KEY)
                .await
                .ok()
                .flatten()
                .map_or(0, |raw| raw.len());
            browser::to_js(&Damaged {
                ok: false,
                message: e.to_string(),
                damaged: DamagedStore { bytes, backups },
            })
        }
        Err(e) => problem(e.to_string()),
    }
}

thread_local! {
    /// The stored profile's text as last read, the profile and its full view: while the text
    /// is the same, a new filter only narrows that view (`popup::narrow`).
    static LAST_VIEW: std::cell::RefCell<Option<(String, Viewed)>> =
        const { std::cell::RefCell::new(None) };
}

/// A profile and its full view.
type Viewed = std::rc::Rc<(Profile, PopupView)>;

/// The stored profile and its full view, worked out again only when the stored text changed.
async fn full_view() -> Result<Viewed, LoadError> {
    let json = browser::storage_get(PROFILE_KEY)
        .await
        .map_err(LoadError::Browser)?;
    let key = json.clone().unwrap_or_default();
    let kept = LAST_VIEW.with(|last| {
        last.borrow()
            .as_ref()
            .filter(|(text, _)| *text == key)
            .map(|(_, both)| both.clone())
    });
    Ok(match kept {
        Some(both) => both,
        None => {
            let profile = Profile::from_json(json.as_deref()).map_err(LoadError::Profile)?;
            let view = crate::popup::full_view(&profile);
            let both = std::rc::Rc::new((profile, view));
            LAST_VIEW.with(|last| *last.borrow_mut() = Some((key, both.clone())));
            both
        }
    })
}

/// The popup's view, with the damaged profiles kept aside.
#[derive(Serialize)]
struct Shown {
    #[serde(flatten)]
    view: PopupView,
    backups: Vec<Backup>,
}

/// What the popup shows when the stored profile cannot be read.
#[derive(Serialize)]
struct Damaged {
    ok: bool,
    message: String,
    damaged: DamagedStore,
}

#[derive(Serialize)]
struct DamagedStore {
    /// The size of what is stored, as it is.
    bytes: usize,
    backups: Vec<Backup>,
}

/// "Download the stored data as it is": the stored profile's text, byte for byte, readable
/// or not (`null` when nothing is stored).
#[wasm_bindgen(js_name = storedProfileRaw)]
pub async fn stored_profile_raw() -> Result<Option<String>, JsValue> {
    browser::storage_get(PROFILE_KEY)
        .await
        .map_err(|e| JsValue::from_str(&i18n::t("web_storage_unreadable", &[&e])))
}

/// A damaged profile memport set aside under `key`, as stored; only keys it listed.
#[wasm_bindgen(js_name = keptProfileRaw)]
pub async fn kept_profile_raw(key: String) -> Result<Option<String>, JsValue> {
    if load_backups().await.get(&key).is_none() {
        return Err(JsValue::from_str(&i18n::t("web_no_kept_profile", &[])));
    }
    browser::storage_get(&key)
        .await
        .map_err(|e| JsValue::from_str(&i18n::t("web_storage_unreadable", &[&e])))
}

/// "Start a new profile": asks the worker to set the damaged profile aside; its notice.
#[wasm_bindgen(js_name = startNewProfile)]
pub fn start_new_profile() -> Promise {
    ask(Request::StartNewProfile)
}

/// Asks the worker to delete item `id`; resolves with its notice.
#[wasm_bindgen(js_name = deleteItem)]
pub fn delete_item(id: String) -> Promise {
    let id = ItemId::from(id.as_str());
    ask(Request::DeleteItem { id })
}

/// "Keep this one": asks the worker to keep item `keep` and delete the items `drop` that
/// disagree with it; resolves with its notice.
#[wasm_bindgen(js_name = keepOne)]
pub fn keep_one(keep: String, drop: Vec<String>) -> Promise {
    let keep = ItemId::from(keep.as_str());
    let drop = drop.iter().map(|id| ItemId::from(id.as_str())).collect();
    ask(Request::KeepOne { keep, drop })
}

/// "Keep both": asks the worker to let the items `ids` stand together; resolves with its
/// notice.
#[wasm_bindgen(js_name = keepAll)]
pub fn keep_all(ids: Vec<String>) -> Promise {
    let ids = ids.iter().map(|id| ItemId::from(id.as_str())).collect();
    ask(Request::KeepAll { ids })
}

/// Asks the worker to take back the last change; resolves with its notice.
#[wasm_bindgen(js_name = undoLast)]
pub fn undo_last() -> Promise {
    ask(Request::Undo)
}

/// Asks the worker to fill `target`'s import box ("gemini"), or its composer when `way` is
/// "chat_message", with the items whose ids are `items` (all when absent); resolves with its
/// notice.
#[wasm_bindgen(js_name = sendTo)]
pub fn send_to(target: String, way: Option<String>, items: Option<Vec<String>>) -> Promise {
    let (target, way) = match (
        parse::<Assistant>(&target),
        way.as_deref().map(parse::<Way>),
    ) {
        (Ok(t), None) => (t, Way::Import),
        (Ok(t), Some(Ok(w))) => (t, w),
        (Err(e), _) | (_, Some(Err(e))) => return now_resolved(e),
    };
    // The ids the person ticked; `None` (everything) when they left all ticked.
    let items = items.map(|ids| ids.iter().map(|id| ItemId::from(id.as_str())).collect());
    ask(Request::SendTo { target, way, items })
}

/// Asks the worker to give item `id` the person's `text` and `category` (a label, as the
/// view lists them); resolves with its notice.
#[wasm_bindgen(js_name = editItem)]
pub fn edit_item(id: String, text: String, category: String) -> Promise {
    let category = match parse::<Category>(&category) {
        Ok(c) => c,
        Err(e) => return now_resolved(e),
    };
    let id = ItemId::from(id.as_str());
    ask(Request::EditItem { id, text, category })
}

/// Asks the worker to forget what the person pointed at on `site` ("claude"); resolves with
/// its notice.
#[wasm_bindgen(js_name = forgetPicks)]
pub fn forget_picks(site: String) -> Promise {
    match parse::<Assistant>(&site) {
        Ok(site) => ask(Request::ForgetPicks { site }),
        Err(e) => now_resolved(e),
    }
}

/// "Import text": asks the worker what `text` holds (`{kind: "preview", preview}`), or, with
/// `add`, to add it (a notice). `answer_url`: the chat page "Capture the answer" read the
/// text off, when it did.
#[wasm_bindgen(js_name = importText)]
pub fn import_text(text: String, add: bool, answer_url: Option<String>) -> Promise {
    if add {
        ask(Request::ImportText { text, answer_url })
    } else {
        ask(Request::PreviewImport { text, answer_url })
    }
}

/// "Capture the answer": asks the worker for the assistant's last reply on the chat page in
/// front; resolves with `{kind: "answer", answer: {site, url, text, message}}` or a notice.
#[wasm_bindgen(js_name = captureAnswer)]
pub fn capture_answer() -> Promise {
    ask(Request::CaptureAnswer { tab_id: None })
}

/// Asks the worker what memport finds on the tab `tab_id` (the one [`front_page`] named; the
/// active one when absent); resolves with `{kind, report}`.
#[wasm_bindgen(js_name = checkPage)]
pub fn check_page(tab_id: Option<i32>) -> Promise {
    ask(Request::CheckPage { tab_id })
}

/// "Save the memory on this page": asks the worker to capture the memory page `tab_id` (the
/// one [`front_page`] named) as its in-page button does; resolves with its notice.
#[wasm_bindgen(js_name = saveMemoryPage)]
pub fn save_memory_page(tab_id: Option<i32>) -> Promise {
    ask(Request::SaveMemoryPage { tab_id })
}

/// The tab in front as the popup sees it: the page under the toolbar popup or, when the
/// popup is opened in a tab, the one the person looked at last before it. Resolves with
/// `{tab_id, site, check, memory}` (see [`crate::popup::FrontPage`]), or `null` when there
/// is none memport may look at.
#[wasm_bindgen(js_name = frontPage)]
pub async fn front_page() -> JsValue {
    let Ok(tabs) = browser::list_tabs().await else {
        return JsValue::NULL;
    };
    match crate::answer::choose_tab(&tabs) {
        Some(tab) => browser::to_js(&Front {
            tab_id: tab.id,
            page: crate::popup::front_page(&tab.url),
        }),
        None => JsValue::NULL,
    }
}

/// The tab in front and what it is to memport.
#[derive(Serialize)]
struct Front {
    tab_id: i32,
    #[serde(flatten)]
    page: crate::popup::FrontPage,
}

/// A promise of what `write` makes of the stored profile, or of why it could not load. One
/// future for every rendering and file, as [`ask`] is for requests.
fn from_profile(write: fn(&Profile) -> JsValue) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        load_profile()
            .await
            .map(|p| write(&p))
            .map_err(|e| JsValue::from_str(&e.to_string()))
    })
}

/// The profile as Markdown, for "Copy as Markdown".
#[wasm_bindgen(js_name = profileMarkdown)]
pub fn profile_markdown() -> Promise {
    from_profile(|p| JsValue::from_str(&render::markdown(p)))
}

/// memport's export prompt for `assistant` ("claude"), for "Copy the export prompt".
#[wasm_bindgen(js_name = exportPrompt)]
pub fn export_prompt(assistant: String) -> Result<String, JsValue> {
    parse::<Assistant>(&assistant).map(crate::text_import::export_prompt)
}

/// The profile as plain text, for "Copy as text": entries under category labels, one per
/// line, as Claude's import box takes them and "Import text" reads them back.
#[wasm_bindgen(js_name = profileText)]
pub fn profile_text() -> Promise {
    from_profile(|p| JsValue::from_str(&render::category_lines(&p.items)))
}

/// The profile as a file, for "Download JSON".
#[wasm_bindgen(js_name = profileJson)]
pub fn profile_json() -> Promise {
    from_profile(|p| JsValue::from_str(&crate::download::profile_json(p)))
}

/// What the extra module made of `job` (see `crate::jobs`), given the stored profile: the
/// promise of its value.
fn from_extra(job: fn(String) -> Job) -> Promise {
    wasm_bindgen_futures::future_to_promise(async move {
        let json = load_profile_json()
            .await
            .map_err(|e| JsValue::from_str(&e.to_string()))?;
        extra_value(job(json)).await
    })
}

/// The value the extra module answered `job` with, or why there is none.
async fn extra_value(job: Job) -> Result<JsValue, JsValue> {
    match browser::extra(&job).await {
        Ok(Done::Value(value)) => Ok(browser::to_js(&value)),
        Ok(Done::Refused { message }) | Err(message) => Err(JsValue::from_str(&message)),
        Ok(Done::Changed { .. } | Done::Page { .. }) => Err(JsValue::from_str(&Done::wrong_kind())),
    }
}

/// "Download as PAM (JSON)": the whole profile as a Portable AI Memory v1.0 memory store.
#[wasm_bindgen(js_name = profilePam)]
pub fn profile_pam() -> Promise {
    from_extra(|profile| Job::WritePam { profile })
}

/// "Download as MCP memory (JSONL)": the profile as the MCP memory server's `memory.jsonl`,
/// without the memories marked sensitive (the server hands it to a model); `{text,
/// withheld}`.
#[wasm_bindgen(js_name = profileMcp)]
pub fn profile_mcp() -> Promise {
    from_extra(|profile| Job::WriteMcp { profile })
}

/// "Download as Anthropic's import format (text)": the profile as `[YYYY-MM-DD] - entry` lines
/// under category headings, as Claude's memory import asks, without the memories marked
/// sensitive (Claude hands it to a model); `{text, withheld}`.
#[wasm_bindgen(js_name = profileAnthropic)]
pub fn profile_anthropic() -> Promise {
    from_extra(|profile| Job::WriteAnthropic { profile })
}

/// What open format `text` is in ("a Portable AI Memory (PAM) file"), by its content, or
/// null: the options page hands such a file to Import text instead of the export reader.
#[wasm_bindgen(js_name = openFormat)]
pub fn open_format(text: String) -> Promise {
    wasm_bindgen_futures::future_to_promise(extra_value(Job::FileLabel { text }))
}

/// Whether a file that begins with `head` may be in an open format, so worth reading whole
/// for [`open_format`]: a ZIP or an export's JSON array is not.
#[wasm_bindgen(js_name = mayBeOpenFormat)]
pub fn may_be_open_format(head: &str) -> bool {
    crate::formats::may_be(head)
}

/// Labels of the category groups the person folded.
#[wasm_bindgen(js_name = collapsedGroups)]
pub fn collapsed_groups() -> Vec<String> {
    LocalStorage::get(COLLAPSED_KEY).unwrap_or_default()
}

/// Remembers whether the group `label` is folded.
#[wasm_bindgen(js_name = setGroupCollapsed)]
pub fn set_group_collapsed(label: String, collapsed: bool) {
    let mut all = collapsed_groups();
    all.retain(|l| *l != label);
    if collapsed {
        all.push(label);
    }
    // A preference that cannot be stored is simply not remembered.
    let _ = LocalStorage::set(COLLAPSED_KEY, all);
}

/// Reads `items` as the options page got them from the export worker: memories recovered
/// from an export (`crate::web::data_export`, in the export module).
/// The extra module reads them as such (see `crate::jobs`); here they only need to be JSON.
fn recovered(items: JsValue) -> Result<serde_json::Value, JsValue> {
    browser::from_js(items).map_err(|e| problem(i18n::t("export_gave_unreadable", &[&e])))
}

/// Asks the service worker what adding `items` would do; resolves with
/// `{kind: "preview", preview}` (as "Import text" shows it) or a notice.
#[wasm_bindgen(js_name = previewDataExport)]
pub fn preview_data_export(items: JsValue) -> Promise {
    match recovered(items) {
        Ok(items) => ask(Request::PreviewDataExport { items }),
        Err(notice) => now_resolved(notice),
    }
}

/// Asks the service worker to add `items` (the recovered memories the person kept);
/// resolves with its notice.
#[wasm_bindgen(js_name = importDataExport)]
pub fn import_data_export(items: JsValue) -> Promise {
    match recovered(items) {
        Ok(items) => ask(Request::ImportDataExport { items }),
        Err(notice) => now_resolved(notice),
    }
}

/// Calls `callback` when the stored profile changes (a capture while the popup is open).
#[wasm_bindgen(js_name = onProfileChanged)]
pub fn on_profile_changed(callback: js_sys::Function) {
    browser::on_stored(&[PROFILE_KEY], &callback);
}

/// What the last capture or send said in full (`{ok, message}`), or nothing.
#[wasm_bindgen(js_name = lastNotice)]
pub async fn last_notice() -> JsValue {
    let stored = browser::storage_get(LAST_KEY).await.ok().flatten();
    let notice = stored.and_then(|json| crate::json::from_str::<Notice>(&json).ok());
    browser::to_js(&notice)
}

/// Calls `callback` when the last capture or send's message changes.
#[wasm_bindgen(js_name = onLastNoticeChanged)]
pub fn on_last_notice_changed(callback: js_sys::Function) {
    browser::on_stored(&[LAST_KEY], &callback);
}

/// Whether this page is the toolbar popup; else it is the options page, in a tab.
#[wasm_bindgen(js_name = inPopup)]
pub fn in_popup() -> bool {
    browser::in_popup()
}

/// Opens the options page ("Open in a tab", and the popup's link to "Import a data export").
#[wasm_bindgen(js_name = openOptionsPage)]
pub fn open_options_page() {
    browser::open_options_page();
}

/// `label`, with the words `what` the choice shows after it unless it already says them
/// (any case): "Send to Gemini" and "Import box" make "Send to Gemini: Import box".
fn named_with(label: String, what: &str) -> String {
    if label.to_lowercase().contains(&what.to_lowercase()) {
        label
    } else {
        i18n::t("send_way_label", &[&label, &what])
    }
}

/// One assistant in the popup's "Send to …" control, with its ways in.
#[derive(Serialize)]
struct SendGroup {
    /// "Gemini".
    name: &'static str,
    ways: Vec<SendWay>,
}

/// One way into an assistant, a choice inside its group.
#[derive(Serialize)]
struct SendWay {
    /// `send-gemini`, `send-chatgpt-chat`.
    id: String,
    target: Assistant,
    way: Way,
    /// What the choice is called, in the person's language, the words it shows included (a
    /// voice user says what they see): "Send to Gemini: Import box", "Send to ChatGPT as a
    /// chat message".
    label: String,
    /// What is filled, as shown inside the group: "Import box", "Custom instructions",
    /// "Chat message".
    what: String,
}

/// The popup's "Send to …" control: one group per assistant, in the order the assistants
/// first come in [`crate::fill::SEND_TARGETS`] (the list the context menu is made from too),
/// each with its ways in that list's order.
#[wasm_bindgen(js_name = sendTargets)]
pub fn send_targets() -> JsValue {
    let mut groups: Vec<SendGroup> = Vec::new();
    for t in &crate::fill::SEND_TARGETS {
        let page = match t.way {
            Way::Import => crate::sites::import_page(t.target),
            Way::ChatMessage => crate::sites::chat_page(t.target),
        };
        // The site file names what is filled ("title_custom_instructions"); the choice says
        // it as a label ("send_way_custom_instructions").
        let title = page.map_or("title_import_box", |(_, p)| p.title.as_str());
        let what = i18n::t(&title.replacen("title_", "send_way_", 1), &[]);
        let label = match t.way {
            Way::Import => i18n::t("popup_send_to", &[&t.name]),
            Way::ChatMessage => i18n::t("popup_send_chat", &[&t.name]),
        };
        let way = SendWay {
            id: format!("send-{}", t.stem),
            target: t.target,
            way: t.way,
            label: named_with(label, &what),
            what,
        };
        match groups.iter_mut().find(|g| g.name == t.name) {
            Some(group) => group.ways.push(way),
            None => groups.push(SendGroup {
                name: t.name,
                ways: vec![way],
            }),
        }
    }
    browser::to_js(&groups)
}

/// Message `id` in the form the count `n` takes in the person's language (`<id>_one`,
/// `<id>_other`, as the catalogs spell them), with `n` written as that language writes numbers
/// and then `args`: the popup's counted words, chosen by the same rule as the core's.
#[wasm_bindgen(js_name = plural)]
pub fn plural(id: String, n: u32, args: Vec<String>) -> String {
    let count = i18n::number(n as usize);
    let mut all: Vec<&dyn std::fmt::Display> = vec![&count];
    all.extend(args.iter().map(|a| a as &dyn std::fmt::Display));
    i18n::tn(&id, n as usize, &all)
}
