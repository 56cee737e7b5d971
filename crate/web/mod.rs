//! The WebAssembly face of the core: what the service worker, the popup and the export worker
//! call.
//!
//! Only this module knows it runs in a browser. It loads and stores the profile, turns
//! requests into core calls, and carries the core's decisions out through [`browser`].
//!
//! The extension ships three modules built from this crate (`./dev build`): the core
//! (`pkg/memport.js`, the `web-core` feature: [`worker`] and [`popup`]), which the service
//! worker and the popup load; the extra module (`pkg/memport_extra.js`, the `web-extra`
//! feature: [`extra`]), which they instantiate the first time they hand it one of the rarer
//! jobs (`crate::jobs`); and the export reader (`pkg/memport_export.js`, the `reader`
//! feature: [`data_export`]), which only the options page's export worker loads.

pub mod browser;
#[cfg(feature = "reader")]
pub mod data_export;
#[cfg(feature = "web-extra")]
pub mod extra;
#[cfg(feature = "web-core")]
pub mod popup;
#[cfg(feature = "web-core")]
pub mod worker;

use time::OffsetDateTime;

use crate::picker::Picks;
use crate::profile::{Profile, ProfileError};
use crate::undo::Undo;

/// The `chrome.storage.local` key holding the profile's JSON.
pub const PROFILE_KEY: &str = "memport.profile";

/// The `chrome.storage.local` key holding the full message of the last capture or send
/// (`{ok, message}`): the popup shows it ("Last on a page: …"). The page gets only what
/// concerns itself.
pub const LAST_KEY: &str = "memport.last";

/// The `chrome.storage.local` key holding what the person pointed at (picker mode).
pub const PICKS_KEY: &str = "memport.picked";

/// Speaks the browser's language from the moment the module is instantiated (service worker,
/// popup, export worker), as the browser itself does with `_locales`; in the core module, in
/// the browser's own words.
#[wasm_bindgen::prelude::wasm_bindgen(start)]
pub fn speak_the_browsers_language() {
    crate::i18n::set_lang(crate::i18n::Lang::from_tag(&browser::ui_language()));
    #[cfg(any(feature = "web-core", feature = "web-extra"))]
    if browser::has_messages() {
        crate::i18n::read_from_browser(browser::message);
    }
}

/// Reads the catalog of the language spoken from the extension's `_locales/` when it is not
/// built in: in the export module, which carries only English and runs where `chrome.i18n`
/// is not (see `crate::i18n`). The core module's words come from the browser; it reads none.
/// The JS that loads a module waits for this after `init`, before anything is said. Should
/// the file not load, the words are English, and the console says why.
#[wasm_bindgen::prelude::wasm_bindgen(js_name = loadLanguage)]
pub async fn load_language() {
    let lang = crate::i18n::lang();
    if cfg!(any(feature = "web-core", feature = "web-extra")) || crate::i18n::has_catalog(lang) {
        return;
    }
    let read = browser::read_catalog(lang.code()).await;
    if let Err(e) = read.and_then(|text| crate::i18n::provide(lang, &text)) {
        web_sys::console::warn_1(&format!("memport speaks English: {e}").into());
    }
}

/// Now, from the browser's clock.
pub fn now() -> OffsetDateTime {
    let nanos = (js_sys::Date::now() * 1_000_000.0) as i128;
    OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// Why the stored profile could not be used.
pub enum LoadError {
    Browser(String),
    Profile(ProfileError),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Browser(e) => f.write_str(&crate::i18n::t("web_storage_unreadable", &[e])),
            LoadError::Profile(e) => e.fmt(f),
        }
    }
}

pub async fn load_profile() -> Result<Profile, LoadError> {
    let json = load_profile_json().await?;
    Profile::from_json(Some(&json)).map_err(LoadError::Profile)
}

/// The stored profile's JSON as stored, empty when there is none: what the extra module's
/// jobs read (`crate::jobs`), with the same reader as [`load_profile`].
pub async fn load_profile_json() -> Result<String, LoadError> {
    let json = browser::storage_get(PROFILE_KEY)
        .await
        .map_err(LoadError::Browser)?;
    Ok(json.unwrap_or_default())
}

/// The `chrome.storage.local` key listing the damaged profiles memport set aside (see
/// `backup`).
pub const BACKUPS_KEY: &str = "memport.backups";

/// The damaged profiles set aside; none when storage cannot be read.
pub async fn load_backups() -> crate::backup::Backups {
    let json = browser::storage_get(BACKUPS_KEY).await.ok().flatten();
    crate::backup::Backups::from_json(json.as_deref())
}

/// The `chrome.storage.local` key holding the step that undoes the last change.
pub const UNDO_KEY: &str = "memport.undo";

/// Stores `profile` and the step that undoes the change that made it, in one write, so the
/// two never disagree. `None` clears the step (after an undo).
pub async fn save_profile(profile: &Profile, undo: Option<&Undo>) -> Result<(), String> {
    let undo = undo.map(Undo::to_json).unwrap_or_default();
    browser::storage_set_pair(PROFILE_KEY, &profile.to_json(), UNDO_KEY, &undo)
        .await
        .map_err(|e| crate::i18n::t("web_save_failed", &[&e]))
}

/// The step that undoes the last change, if there is one.
pub async fn load_undo() -> Option<Undo> {
    let json = browser::storage_get(UNDO_KEY).await.ok().flatten();
    Undo::from_json(json.as_deref())
}

/// What the person pointed at; none when storage cannot be read (picks can be made again).
pub async fn load_picks() -> Picks {
    let json = browser::storage_get(PICKS_KEY).await.ok().flatten();
    Picks::from_json(json.as_deref())
}

pub async fn save_picks(picks: &Picks) -> Result<(), String> {
    browser::storage_set(PICKS_KEY, &picks.to_json())
        .await
        .map_err(|e| crate::i18n::t("web_picks_unsaved", &[&e]))
}

/// The `chrome.storage.local` key holding which part of a profile too large for a target's
/// box the next send carries (see `parts`).
pub const PARTS_KEY: &str = "memport.parts";

/// Where each target's parts stand; none when storage cannot be read (part 1 comes next).
pub async fn load_parts() -> crate::parts::Parts {
    let json = browser::storage_get(PARTS_KEY).await.ok().flatten();
    crate::parts::Parts::from_json(json.as_deref())
}

pub async fn save_parts(parts: &crate::parts::Parts) -> Result<(), String> {
    browser::storage_set(PARTS_KEY, &parts.to_json()).await
}

/// The badge text for a profile of `n` items.
pub fn badge_text(n: usize) -> String {
    match n {
        0 => String::new(),
        1..=999 => n.to_string(),
        _ => "999+".to_string(),
    }
}
