//! The service worker's logic: answering page code, saving captures, sending to targets.
//!
//! `extension/worker.js` registers the browser's listeners and forwards to these exports.

use wasm_bindgen::prelude::*;

use super::{badge_text, browser, load_profile, now, save_profile};
use crate::capture;
use crate::check;
use crate::fill::{self, FillOutcome, Notice, Send};
use crate::messages::{self, MenuCommand, Reply, Request};
use crate::sites::{pattern, Assistant};

/// How long a target page may take to load before memport gives up on it.
const TAB_LOAD_MS: u32 = 30_000;

/// Answers one message from a content script or the popup.
#[wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue) -> JsValue {
    let reply = match browser::from_js::<Request>(message) {
        Ok(request) => dispatch(request).await,
        Err(e) => Reply::notice(
            false,
            format!("memport did not understand a message from the page ({e}). Reload the page and try again."),
        ),
    };
    browser::to_js(&reply)
}

async fn dispatch(request: Request) -> Reply {
    match request {
        Request::PageOpened { url } => Reply::Plan {
            plan: capture::plan_for(&url),
        },
        Request::PageRead { outcome } => Reply::Notice(save_capture(&outcome).await),
        Request::SendTo { target } => Reply::Notice(send_to(target).await),
        Request::CheckPage { tab_id } => Reply::Check {
            report: check_page(tab_id).await,
        },
    }
}

/// "Check this page": probes the tab for every part its site file names.
async fn check_page(tab_id: Option<i32>) -> check::Report {
    let problem = |text: String| check::Report {
        title: "memport could not check this page".into(),
        lines: vec![check::Line { ok: false, text }],
        ok: false,
    };
    let tab = match browser::get_tab(tab_id).await {
        Ok(Some(tab)) => tab,
        Ok(None) => return problem("There is no open tab to check.".into()),
        Err(e) => return problem(e),
    };
    let (site, probes) = match check::probes(&tab.url) {
        Ok(found) => found,
        Err(report) => return report,
    };
    match browser::run_in_page::<_, Vec<check::Found>>(&tab, "check", &probes).await {
        Ok(found) if found.len() == probes.len() => check::report(&site, &probes, &found),
        Ok(_) => {
            problem("memport's page code answered for the wrong parts. Reload the page.".into())
        }
        Err(e) => problem(format!("memport's page code could not run there ({e}).")),
    }
}

async fn save_capture(outcome: &capture::ReadOutcome) -> Notice {
    let fail = |message: String| Notice { ok: false, message };
    let items = match capture::items(outcome, now()) {
        Ok(items) => items,
        Err(e) => return fail(e.to_string()),
    };
    let site_name = match outcome {
        capture::ReadOutcome::Read(read) => crate::sites::capture_page_at(&read.url)
            .map_or("the assistant".to_string(), |(s, _)| s.name.clone()),
        capture::ReadOutcome::Failed { .. } => "the assistant".to_string(),
    };
    let mut profile = match load_profile().await {
        Ok(p) => p,
        Err(e) => return fail(e.to_string()),
    };
    let read = items.len();
    let report = profile.add(items);
    if let Err(e) = save_profile(&profile).await {
        return fail(e);
    }
    // The badge is a nicety: failing to set it changes nothing the person relies on.
    let _ = browser::set_badge(&badge_text(profile.len())).await;
    Notice {
        ok: true,
        message: capture::saved_message(&site_name, read, report),
    }
}

/// Opens (or reuses) `target`'s import page and fills its box with the profile.
async fn send_to(target: Assistant) -> Notice {
    let fail = |message: String| Notice { ok: false, message };
    let profile = match load_profile().await {
        Ok(p) => p,
        Err(e) => return fail(e.to_string()),
    };
    let send = match fill::prepare(target, &profile) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    let tab = match open_target(&send).await {
        Ok(tab) => tab,
        Err(e) => return clipboard_instead(&send, &e).await,
    };
    let outcome = if pattern::origin(&tab.url).as_deref() != Some(send.plan.origin.as_str()) {
        FillOutcome::WrongPage {
            url: tab.url.clone(),
        }
    } else {
        match browser::run_in_page::<_, FillOutcome>(&tab, "fill", &send.plan).await {
            Ok(outcome) => outcome,
            Err(e) => {
                return clipboard_instead(&send, &format!("memport's page code failed: {e}")).await
            }
        }
    };
    let mut notice = send.judge(&outcome);
    if Send::wants_clipboard(&outcome) {
        if let Err(e) = browser::copy_text(&send.plan.text).await {
            notice.message = format!(
                "{} (Copying failed too: {e}. Use \"Copy as Markdown\" in memport's popup.)",
                notice.message
            );
        }
    }
    // Tell the person on the page they are looking at; the popup may be closed by now.
    let _ = browser::run_in_page::<_, serde_json::Value>(&tab, "notify", &notice).await;
    notice
}

async fn open_target(send: &Send) -> Result<browser::Tab, String> {
    let tab = match browser::find_tab(&send.url_patterns).await? {
        Some(tab) => {
            browser::show_tab(&tab).await?;
            tab
        }
        None => browser::open_tab(&send.url).await?,
    };
    browser::wait_for_tab(&tab, TAB_LOAD_MS)
        .await?
        .ok_or_else(|| {
            format!(
                "{}'s import page did not finish loading within 30 seconds",
                send.name
            )
        })
}

async fn clipboard_instead(send: &Send, why: &str) -> Notice {
    let copied = browser::copy_text(&send.plan.text).await;
    let tail = match copied {
        Ok(()) => format!(
            "Your memory is on the clipboard: paste it into \"{}\" on {}, then press \"{}\".",
            send.box_label, send.url, send.submit_label
        ),
        Err(e) => {
            format!("Copying it failed too ({e}): use \"Copy as Markdown\" in memport's popup.")
        }
    };
    Notice {
        ok: false,
        message: format!("{why}. {tail}"),
    }
}

/// The context-menu items to create.
#[wasm_bindgen(js_name = installMenu)]
pub async fn install_menu() -> Result<(), JsValue> {
    browser::create_menu(&messages::menu())
        .await
        .map_err(|e| JsValue::from_str(&e))
}

/// Carries out the context-menu item `menu_item_id`.
#[wasm_bindgen(js_name = onMenuClick)]
pub async fn on_menu_click(menu_item_id: String) -> JsValue {
    let notice = match messages::menu_command(&menu_item_id) {
        Some(MenuCommand::SendTo(target)) => send_to(target).await,
        None => Notice {
            ok: false,
            message: format!("Unknown menu item {menu_item_id}."),
        },
    };
    browser::to_js(&notice)
}

/// Sets the badge from the stored profile (at browser start and install).
#[wasm_bindgen(js_name = refreshBadge)]
pub async fn refresh_badge() {
    if let Ok(profile) = load_profile().await {
        let _ = browser::set_badge(&badge_text(profile.len())).await;
    }
}
