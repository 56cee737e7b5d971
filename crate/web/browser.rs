//! Bindings to `extension/browser.js`, the one JS module that calls `chrome.*`.
//!
//! Each function is a thin, typed wrapper: values cross as serde types (as JSON text), and a
//! JS exception becomes a `String` the caller can put in a message.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::answer::OpenTab;
use crate::selection::Selected;

#[wasm_bindgen(module = "/extension/browser.js")]
extern "C" {
    #[wasm_bindgen(catch, js_name = storageGet)]
    async fn storage_get_js(key: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = storageSet)]
    async fn storage_set_js(key: &str, value: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = storageSetPair)]
    async fn storage_set_pair_js(
        key: &str,
        value: &str,
        other_key: &str,
        other_value: &str,
    ) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = setBadge)]
    async fn set_badge_js(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = findTab)]
    async fn find_tab_js(patterns: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = listTabs)]
    async fn list_tabs_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = getTab)]
    async fn get_tab_js(tab_id: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = navigateTab)]
    async fn navigate_tab_js(tab_id: i32, url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = showTab)]
    async fn show_tab_js(tab_id: i32, window_id: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = openTab)]
    async fn open_tab_js(url: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = waitForTab)]
    async fn wait_for_tab_js(tab_id: i32, timeout_ms: u32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = runInPage)]
    async fn run_in_page_js(tab_id: i32, method: &str, arg: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = loadAgent)]
    async fn load_agent_js(tab_id: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = extra)]
    async fn extra_js(job: String) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = sendToWorker)]
    async fn send_to_worker_js(request: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = readSelection)]
    async fn read_selection_js(tab_id: i32, frame_id: i32) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_name = createMenu)]
    async fn create_menu_js(entries: JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = uiLanguage)]
    fn ui_language_js() -> String;
    #[wasm_bindgen(js_name = message)]
    fn message_js(id: &str) -> String;
    #[wasm_bindgen(js_name = hasMessages)]
    fn has_messages_js() -> bool;
    #[wasm_bindgen(catch, js_name = readCatalog)]
    async fn read_catalog_js(code: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = onStored)]
    fn on_stored_js(keys: Vec<String>, callback: &js_sys::Function);
    #[wasm_bindgen(js_name = openOptionsPage)]
    fn open_options_page_js();
    #[wasm_bindgen(js_name = inPopup)]
    fn in_popup_js() -> bool;
}

/// Hands `job` to the extra module (`extension/extra.js` instantiates it the first time) and
/// reads what it did; the message to show when the module could not be loaded or answered
/// nonsense.
pub async fn extra(job: &crate::jobs::Job) -> Result<crate::jobs::Done, String> {
    let json = serde_json::to_string(job).map_err(|e| e.to_string())?;
    let failed = |e: &dyn std::fmt::Display| crate::i18n::t("extra_failed", &[e]);
    let answer = extra_js(json).await.map_err(|e| failed(&describe(e)))?;
    crate::json::from_str(&answer.as_string().unwrap_or_default()).map_err(|e| failed(&e))
}

/// Whether the browser says the extension's messages here (not in a worker, nor outside the
/// extension, as `./dev bench` runs the core).
pub fn has_messages() -> bool {
    has_messages_js()
}

/// Message `id` of the extension's `_locales` as the browser says it
/// (`chrome.i18n.getMessage`), its placeholders left as `$1`..`$9`; empty when no catalog has
/// it.
pub fn message(id: &str) -> String {
    message_js(id)
}

/// The browser's UI language tag ("fr-FR"), which the extension's own words follow.
pub fn ui_language() -> String {
    ui_language_js()
}

/// The text of the extension's own `_locales/<code>/messages.json`.
pub async fn read_catalog(code: &str) -> Result<String, String> {
    let text = read_catalog_js(code).await.map_err(describe)?;
    text.as_string()
        .ok_or_else(|| format!("_locales/{code}/messages.json is not text"))
}

/// Calls `callback` whenever one of `keys` changes in `chrome.storage.local`, whoever wrote
/// it (a capture in the worker while the popup is open).
pub fn on_stored(keys: &[&str], callback: &js_sys::Function) {
    on_stored_js(keys.iter().map(|k| k.to_string()).collect(), callback);
}

/// Opens memport's options page (the popup's page in a tab).
pub fn open_options_page() {
    open_options_page_js();
}

/// Whether this page is the toolbar popup (else the options page in a tab).
pub fn in_popup() -> bool {
    in_popup_js()
}

/// A browser tab memport works with.
#[derive(Clone, Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Tab {
    pub id: i32,
    pub url: String,
    pub window_id: i32,
}

/// A JS error as text.
fn describe(e: JsValue) -> String {
    e.as_string()
        .or_else(|| js_sys::Error::from(e).message().as_string())
        .unwrap_or_else(|| "unknown browser error".to_string())
}

/// Rust value to plain JS (maps as objects, `None` as null). Values cross as JSON text, by
/// the same serde_json code that reads and writes storage, and the browser's `JSON.parse`:
/// one path for every value, not a second deserializer for each type (issue 15).
pub fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| js_sys::JSON::parse(&json).ok())
        .unwrap_or(JsValue::NULL)
}

/// Plain JS value to Rust, through `JSON.stringify` and serde_json: what JSON cannot hold
/// (`undefined`, functions) is absent, as an absent property is.
pub fn from_js<T: DeserializeOwned>(value: JsValue) -> Result<T, String> {
    let json = js_sys::JSON::stringify(&value)
        .map_err(describe)?
        .as_string()
        .unwrap_or_else(|| "null".to_string());
    crate::json::from_str(&json).map_err(|e| e.to_string())
}

pub async fn storage_get(key: &str) -> Result<Option<String>, String> {
    Ok(storage_get_js(key).await.map_err(describe)?.as_string())
}

pub async fn storage_set(key: &str, value: &str) -> Result<(), String> {
    storage_set_js(key, value)
        .await
        .map(|_| ())
        .map_err(describe)
}

/// Stores two keys in one write.
pub async fn storage_set_pair(
    key: &str,
    value: &str,
    other_key: &str,
    other_value: &str,
) -> Result<(), String> {
    storage_set_pair_js(key, value, other_key, other_value)
        .await
        .map(|_| ())
        .map_err(describe)
}

pub async fn set_badge(text: &str) -> Result<(), String> {
    set_badge_js(text).await.map(|_| ()).map_err(describe)
}

pub async fn find_tab(patterns: &[String]) -> Result<Option<Tab>, String> {
    let found = find_tab_js(to_js(&patterns)).await.map_err(describe)?;
    if found.is_null() || found.is_undefined() {
        return Ok(None);
    }
    from_js(found).map(Some)
}

/// The tab `tab_id`, or the active tab of the last focused window; `None` when there is none.
pub async fn get_tab(tab_id: Option<i32>) -> Result<Option<Tab>, String> {
    let got = get_tab_js(to_js(&tab_id)).await.map_err(describe)?;
    if got.is_null() {
        return Ok(None);
    }
    from_js(got).map(Some)
}

/// Every open tab, with what "Capture the answer" needs to choose one.
pub async fn list_tabs() -> Result<Vec<OpenTab>, String> {
    from_js(list_tabs_js().await.map_err(describe)?)
}

pub async fn show_tab(tab: &Tab) -> Result<(), String> {
    show_tab_js(tab.id, tab.window_id)
        .await
        .map(|_| ())
        .map_err(describe)
}

/// Sends the tab to `url` (a fragment change stays on the same document).
pub async fn navigate_tab(tab: &Tab, url: &str) -> Result<(), String> {
    navigate_tab_js(tab.id, url)
        .await
        .map(|_| ())
        .map_err(describe)
}

pub async fn open_tab(url: &str) -> Result<Tab, String> {
    from_js(open_tab_js(url).await.map_err(describe)?)
}

pub async fn wait_for_tab(tab: &Tab, timeout_ms: u32) -> Result<Option<Tab>, String> {
    let got = wait_for_tab_js(tab.id, timeout_ms)
        .await
        .map_err(describe)?;
    if got.is_null() {
        return Ok(None);
    }
    from_js(got).map(Some)
}

pub async fn run_in_page<A: Serialize, R: DeserializeOwned>(
    tab: &Tab,
    method: &str,
    arg: &A,
) -> Result<R, String> {
    let got = run_in_page_js(tab.id, method, to_js(arg))
        .await
        .map_err(describe)?;
    from_js(got)
}

/// Puts the page code into the top frame of tab `tab_id`, unless it is there already.
pub async fn load_agent(tab_id: i32) -> Result<(), String> {
    load_agent_js(tab_id).await.map(|_| ()).map_err(describe)
}

pub async fn send_to_worker<Q: Serialize>(request: &Q) -> Result<JsValue, String> {
    send_to_worker_js(to_js(request)).await.map_err(describe)
}

/// The selection in a frame of a tab, read by the page itself (line breaks kept), with the
/// frame's URL and the page's title. Fails where memport may not run script.
pub async fn read_selection(tab_id: i32, frame_id: i32) -> Result<Selected, String> {
    from_js(
        read_selection_js(tab_id, frame_id)
            .await
            .map_err(describe)?,
    )
}

pub async fn create_menu<E: Serialize>(entries: &[E]) -> Result<(), String> {
    create_menu_js(to_js(&entries))
        .await
        .map(|_| ())
        .map_err(describe)
}
