//! The popup's logic. `extension/popup.js` draws what these return, as text.

use gloo_storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;

use super::{browser, load_profile};
use crate::category::Category;
use crate::fill::{Notice, Way};
use crate::messages::Request;
use crate::popup::view;
use crate::profile::ItemId;
use crate::render;
use crate::sites::Assistant;

/// The popup's own preference (which groups are folded), in the extension's localStorage.
const COLLAPSED_KEY: &str = "memport.popup.collapsed";

/// The view of the stored profile, or `{error}` with a message for the person.
#[wasm_bindgen(js_name = popupView)]
pub async fn popup_view() -> JsValue {
    match load_profile().await {
        Ok(profile) => browser::to_js(&view(&profile)),
        Err(e) => browser::to_js(&Notice {
            ok: false,
            message: e.to_string(),
        }),
    }
}

/// Asks the worker to fill `target`'s import box ("gemini"), or its composer when `way` is
/// "chat_message", with the items whose ids are `items` (all when absent); resolves with its
/// notice.
#[wasm_bindgen(js_name = sendTo)]
pub async fn send_to(target: String, way: Option<String>, items: Option<Vec<String>>) -> JsValue {
    let target = match browser::from_js::<Assistant>(JsValue::from_str(&target)) {
        Ok(t) => t,
        Err(e) => {
            return browser::to_js(&Notice {
                ok: false,
                message: e,
            })
        }
    };
    let way = match way.map(|w| browser::from_js::<Way>(JsValue::from_str(&w))) {
        None => Way::Import,
        Some(Ok(w)) => w,
        Some(Err(e)) => {
            return browser::to_js(&Notice {
                ok: false,
                message: e,
            })
        }
    };
    // The ids the person ticked; `None` (everything) when they left all ticked.
    let items = items.map(|ids| ids.iter().map(|id| ItemId::from(id.as_str())).collect());
    match browser::send_to_worker(&Request::SendTo { target, way, items }).await {
        Ok(reply) => reply,
        Err(e) => browser::to_js(&Notice {
            ok: false,
            message: format!("memport's background worker did not answer ({e})."),
        }),
    }
}

/// Asks the worker to give item `id` the person's `text` and `category` (a label, as the
/// view lists them); resolves with its notice.
#[wasm_bindgen(js_name = editItem)]
pub async fn edit_item(id: String, text: String, category: String) -> JsValue {
    let category = match browser::from_js::<Category>(JsValue::from_str(&category)) {
        Ok(c) => c,
        Err(e) => {
            return browser::to_js(&Notice {
                ok: false,
                message: format!("Unknown category ({e})."),
            })
        }
    };
    let request = Request::EditItem {
        id: ItemId::from(id.as_str()),
        text,
        category,
    };
    match browser::send_to_worker(&request).await {
        Ok(reply) => reply,
        Err(e) => browser::to_js(&Notice {
            ok: false,
            message: format!("memport's background worker did not answer ({e})."),
        }),
    }
}

/// Asks the worker to forget what the person pointed at on `site` ("claude"); resolves with
/// its notice.
#[wasm_bindgen(js_name = forgetPicks)]
pub async fn forget_picks(site: String) -> JsValue {
    let site = match browser::from_js::<Assistant>(JsValue::from_str(&site)) {
        Ok(s) => s,
        Err(e) => {
            return browser::to_js(&Notice {
                ok: false,
                message: e,
            })
        }
    };
    match browser::send_to_worker(&Request::ForgetPicks { site }).await {
        Ok(reply) => reply,
        Err(e) => browser::to_js(&Notice {
            ok: false,
            message: format!("memport's background worker did not answer ({e})."),
        }),
    }
}

/// Asks the worker what memport finds on the active tab; resolves with `{kind, report}`.
#[wasm_bindgen(js_name = checkPage)]
pub async fn check_page() -> JsValue {
    match browser::send_to_worker(&Request::CheckPage { tab_id: None }).await {
        Ok(reply) => reply,
        Err(e) => browser::to_js(&Notice {
            ok: false,
            message: format!("memport's background worker did not answer ({e})."),
        }),
    }
}

/// The profile as Markdown, for "Copy as Markdown".
#[wasm_bindgen(js_name = profileMarkdown)]
pub async fn profile_markdown() -> Result<String, JsValue> {
    load_profile()
        .await
        .map(|p| render::markdown(&p))
        .map_err(|e| JsValue::from_str(&e.to_string()))
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
