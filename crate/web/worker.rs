//! The service worker's logic: answering page code, saving captures, sending to targets.
//!
//! `extension/worker.js` registers the browser's listeners and forwards to these exports.

use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{
    badge_text, browser, load_backups, load_parts, load_picks, load_profile, load_profile_json,
    load_undo, now, save_parts, save_picks, save_profile, BACKUPS_KEY, LAST_KEY, PROFILE_KEY,
};
use crate::access::{self, RawSender, Sender};
use crate::answer::{self, AnswerError};
use crate::capture;
use crate::category::Category;
use crate::check;
use crate::conflict;
use crate::fill::{self, Choice, CopyOffer, Inspected, Put, SendPlan, Way};
use crate::i18n::{self, t, tn};
use crate::jobs::{Done, Job};
use crate::messages::{self, MenuClick, MenuCommand, Reply, Request};
use crate::notice::Notice;
use crate::picker::{self, Part};
use crate::profile::ItemId;
use crate::profile::{EditError, Profile};
use crate::selection::{self, Selected};
use crate::sites::{self, pattern, Assistant};
use crate::undo::{self, Undo};

/// Every change to stored data (the profile with its undo step, and the picks) waits its turn
/// here: a change loads, edits and saves across awaits while other messages are answered, and
/// two changes at once would each save their own copy, losing the other's. Reads need no turn.
static CHANGES: async_lock::Mutex<()> = async_lock::Mutex::new(());

thread_local! {
    /// The boxes memport offered pages to point at, waiting for the person (see `access`).
    /// Kept in memory: a worker the browser stopped meanwhile asks the person to send again.
    static OFFERS: std::cell::RefCell<access::Offers> = std::cell::RefCell::default();
}

/// How long a target page may take to load before memport gives up on it.
const TAB_LOAD_MS: u32 = 30_000;

/// Keeps `notice` for the popup. A nicety: failing to store it changes nothing else.
async fn remember_last(notice: &Notice) {
    if let Ok(json) = serde_json::to_string(notice) {
        let _ = browser::storage_set(LAST_KEY, &json).await;
    }
}

/// Answers one message from a content script or the popup. `sender` is the browser's word
/// about who sent it (see `access`): what a web page may not ask is refused before anything
/// is read.
#[wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let sender = match browser::from_js::<RawSender>(sender) {
        Ok(raw) => Sender::of(&raw),
        Err(e) => Sender::Stranger {
            why: access::Refusal::Origin {
                origin: format!("an unknown sender ({e})"),
            },
        },
    };
    let reply = match browser::from_js::<Request>(message) {
        Ok(request) => match OFFERS.with(|o| access::permit(request, &sender, &mut o.borrow_mut()))
        {
            Ok(request) => dispatch(request).await,
            Err(refused) => Reply::notice(false, refused.to_string()),
        },
        Err(e) => Reply::notice(false, t("message_not_understood", &[&e])),
    };
    browser::to_js(&reply)
}

/// The reply the extra module wrote for `job`, given the stored profile (which it reads).
async fn extra_reply(job: impl FnOnce(String) -> Job) -> Reply {
    match load_profile_json().await {
        Ok(json) => reply_of(browser::extra(&job(json)).await),
        Err(e) => Reply::notice(false, e.to_string()),
    }
}

/// The reply in the extra module's answer, or the message it refused with.
fn reply_of(done: Result<Done, String>) -> Reply {
    match done {
        Ok(Done::Value(reply)) => Reply::Verbatim(reply),
        Ok(Done::Refused { message }) | Err(message) => Reply::notice(false, message),
        Ok(Done::Changed { .. } | Done::Page { .. }) => Reply::notice(false, Done::wrong_kind()),
    }
}

async fn dispatch(request: Request) -> Reply {
    match request {
        Request::PageOpened { url } => Reply::Plan {
            plan: capture_plan(&url).await,
        },
        Request::PageRead { outcome } => save_capture(&outcome).await,
        // A capture (or the picker) starts on a page: its page code comes only now.
        Request::LoadAgent { tab_id } => match tab_id {
            Some(id) => match browser::load_agent(id).await {
                Ok(()) => Reply::notice(true, ""),
                Err(e) => Reply::notice(false, t("page_code_failed", &[&e])),
            },
            None => Reply::notice(false, t("page_code_failed", &[&"no tab"])),
        },
        Request::SendTo { target, way, items } => {
            Reply::Notice(send_to(target, way, items.as_deref()).await)
        }
        Request::Picked {
            site,
            part,
            css,
            url,
            items,
        } => picked(site, part, &css, &url, items).await,
        Request::ForgetPicks { site } => Reply::Notice(forget_picks(site).await),
        Request::ImportText { text, answer_url } => Reply::Notice(changed(
            change_by_extra(|profile| Job::ImportText {
                text,
                answer_url,
                profile,
            })
            .await,
        )),
        Request::ImportDataExport { items } => Reply::Notice(changed(
            change_by_extra(|profile| Job::ImportDataExport { items, profile }).await,
        )),
        Request::PreviewImport { text, answer_url } => {
            extra_reply(|profile| Job::PreviewImport {
                text,
                answer_url,
                profile,
            })
            .await
        }
        Request::PreviewDataExport { items } => {
            extra_reply(|profile| Job::PreviewDataExport { items, profile }).await
        }
        Request::CaptureAnswer { tab_id } => capture_answer(tab_id).await,
        Request::CheckPage { tab_id } => check_page(tab_id).await,
        Request::SaveMemoryPage { tab_id } => save_memory_page(tab_id).await,
        Request::DeleteItem { id } => Reply::Notice(delete_item(&id).await),
        Request::Undo => Reply::Notice(undo_last().await),
        Request::StartNewProfile => Reply::Notice(start_new_profile().await),
        Request::EditItem { id, text, category } => {
            Reply::Notice(edit_item(&id, &text, category).await)
        }
        Request::KeepOne { keep, drop } => Reply::Notice(changed(
            change_profile(|p| conflict::keep_one(p, &keep, &drop)).await,
        )),
        Request::KeepAll { ids } => Reply::Notice(changed(
            change_profile(|p| Ok::<_, EditError>(conflict::keep_all(p, ids))).await,
        )),
    }
}

/// "Capture the answer": the page code reads the last reply on the chat page, the extra module
/// judges it and writes the text for "Import text". Nothing is added: the popup previews it.
async fn capture_answer(tab_id: Option<i32>) -> Reply {
    let tab = match front_tab(tab_id).await {
        Ok(Some(tab)) => tab,
        Ok(None) => {
            let nothing = AnswerError::NotChatPage {
                url: String::new(),
                site: None,
            };
            return Reply::notice(false, nothing.to_string());
        }
        Err(e) => return Reply::notice(false, t("tabs_unseen", &[&e])),
    };
    let url = tab.url.clone();
    let (site, plan) = match browser::extra(&Job::AnswerPlan { url: url.clone() }).await {
        Ok(Done::Page { site, plan }) => (site, plan),
        done => return reply_of(done),
    };
    match browser::run_in_page::<_, Value>(&tab, "readAnswer", &plan).await {
        Ok(read) => reply_of(browser::extra(&Job::JudgeAnswer { url, read }).await),
        Err(detail) => Reply::notice(false, AnswerError::PageCode { site, detail }.to_string()),
    }
}

/// The tab `tab_id`, or when absent the one in front; when that is memport's own page (the
/// popup opened in a tab), the one the person looked at last before it.
async fn front_tab(tab_id: Option<i32>) -> Result<Option<browser::Tab>, String> {
    match tab_id {
        Some(id) => browser::get_tab(Some(id)).await,
        None => browser::list_tabs().await.map(|tabs| {
            answer::choose_tab(&tabs).map(|t| browser::Tab {
                id: t.id,
                url: t.url.clone(),
                window_id: t.window_id,
            })
        }),
    }
}

/// "Save the memory on this page", from the popup: the page code reads the memory page in
/// front as its in-page button does, and the capture is saved the same way.
async fn save_memory_page(tab_id: Option<i32>) -> Reply {
    let tab = match front_tab(tab_id).await {
        Ok(Some(tab)) => tab,
        Ok(None) => return Reply::notice(false, t("check_no_tab", &[])),
        Err(e) => return Reply::notice(false, t("tabs_unseen", &[&e])),
    };
    let Some(plan) = capture_plan(&tab.url).await else {
        return Reply::notice(false, t("popup_not_memory_page", &[]));
    };
    let outcome =
        match browser::run_in_page::<_, capture::ReadOutcome>(&tab, "read", &plan.read).await {
            Ok(outcome) => outcome,
            Err(e) => return Reply::notice(false, t("page_code_failed", &[&e])),
        };
    match save_capture(&outcome).await {
        // The offer to point at the memory is the page's own: the popup says why.
        Reply::PointAt { message, .. } => Reply::notice(false, message),
        reply => reply,
    }
}

/// Why a change to the profile was not made.
enum ChangeError<E> {
    /// The change itself refused (with its own message).
    Refused(E),
    /// The profile could not be read or stored.
    Storage(String),
}

/// Loads the profile, applies `change` (which answers with its message and the label of the
/// step that undoes it), and stores the result with that step in one write. Sets the badge.
async fn change_profile<E>(
    change: impl FnOnce(&mut Profile) -> Result<(String, String), E>,
) -> Result<String, ChangeError<E>> {
    let _turn = CHANGES.lock().await;
    let mut profile = load_profile()
        .await
        .map_err(|e| ChangeError::Storage(e.to_string()))?;
    let before = profile.clone();
    let (message, label) = change(&mut profile).map_err(ChangeError::Refused)?;
    store_change(&before, &profile, label)
        .await
        .map_err(ChangeError::Storage)?;
    Ok(message)
}

/// Stores `after` in place of `before`, with the step that undoes it (`label`) in the same
/// write, unless nothing changed. Sets the badge.
async fn store_change(before: &Profile, after: &Profile, label: String) -> Result<(), String> {
    if after != before {
        save_profile(after, Some(&Undo::before(label, before))).await?;
    }
    // The badge is a nicety: failing to set it changes nothing the person relies on.
    let _ = browser::set_badge(&badge_text(after.len())).await;
    Ok(())
}

/// A change the extra module works out (see `crate::jobs`): it gets the stored profile's JSON
/// and answers with the changed profile, which is stored as [`change_profile`] stores its own.
async fn change_by_extra(job: impl FnOnce(String) -> Job) -> Result<String, ChangeError<String>> {
    let _turn = CHANGES.lock().await;
    let stored = load_profile_json()
        .await
        .map_err(|e| ChangeError::Storage(e.to_string()))?;
    let before =
        Profile::from_json(Some(&stored)).map_err(|e| ChangeError::Storage(e.to_string()))?;
    let (json, message, label) = match browser::extra(&job(stored)).await {
        Ok(Done::Changed {
            profile,
            message,
            label,
        }) => (profile, message, label),
        Ok(Done::Refused { message }) | Err(message) => return Err(ChangeError::Refused(message)),
        Ok(Done::Value(_) | Done::Page { .. }) => {
            return Err(ChangeError::Refused(Done::wrong_kind()))
        }
    };
    let after = Profile::from_json(Some(&json)).map_err(|e| ChangeError::Refused(e.to_string()))?;
    store_change(&before, &after, label)
        .await
        .map_err(ChangeError::Storage)?;
    Ok(message)
}

/// The notice for a change.
fn changed<E: std::fmt::Display>(result: Result<String, ChangeError<E>>) -> Notice {
    match result {
        Ok(message) => Notice { ok: true, message },
        Err(ChangeError::Refused(e)) => Notice {
            ok: false,
            message: e.to_string(),
        },
        Err(ChangeError::Storage(message)) => Notice { ok: false, message },
    }
}

/// Saves the person's edit of one item.
async fn edit_item(id: &ItemId, text: &str, category: Category) -> Notice {
    changed(
        change_profile(|p| {
            let old = p.items.iter().find(|i| i.id == *id).map(|i| i.text.clone());
            let message = p.edit(id, text, category, now())?;
            Ok::<_, EditError>((
                message,
                undo::quoted("undo_edited", &old.unwrap_or_default()),
            ))
        })
        .await,
    )
}

/// Deletes one item (undoable).
async fn delete_item(id: &ItemId) -> Notice {
    changed(
        change_profile(|p| {
            let gone = p.remove(id)?;
            let label = undo::quoted("undo_deleted", &gone.text);
            Ok::<_, EditError>((t("undo_brings_back", &[&label]), label))
        })
        .await,
    )
}

/// Puts back the profile as it was before the last change.
async fn undo_last() -> Notice {
    let fail = |message: String| Notice { ok: false, message };
    let _turn = CHANGES.lock().await;
    let Some(step) = load_undo().await else {
        return fail(t("undo_nothing", &[]));
    };
    let profile = match step.profile() {
        Ok(p) => p,
        Err(e) => return fail(t("undo_cannot", &[&e])),
    };
    if let Err(e) = save_profile(&profile, None).await {
        return fail(e);
    }
    let _ = browser::set_badge(&badge_text(profile.len())).await;
    Notice {
        ok: true,
        message: step.done_message(),
    }
}

/// "Start a new profile": when the stored profile cannot be read, it moves to a key of its
/// own, listed for download, and an empty profile takes its place. A readable profile is
/// never replaced this way.
async fn start_new_profile() -> Notice {
    let fail = |message: String| Notice { ok: false, message };
    let _turn = CHANGES.lock().await;
    let raw = match browser::storage_get(PROFILE_KEY).await {
        Ok(raw) => raw,
        Err(e) => return fail(t("new_profile_no_storage", &[&e])),
    };
    let why = match Profile::from_json(raw.as_deref()) {
        Ok(_) => return fail(t("new_profile_readable", &[])),
        Err(e) => e.to_string(),
    };
    let raw = raw.unwrap_or_default();
    let mut backups = load_backups().await;
    let kept = backups.keep(&raw, why, now());
    if let Err(e) =
        browser::storage_set_pair(&kept.key, &raw, BACKUPS_KEY, &backups.to_json()).await
    {
        return fail(t("new_profile_not_kept", &[&e]));
    }
    if let Err(e) = browser::storage_set(PROFILE_KEY, &Profile::new().to_json()).await {
        return fail(t("new_profile_not_started", &[&e]));
    }
    let _ = browser::set_badge(&badge_text(0)).await;
    Notice {
        ok: true,
        message: t(
            "new_profile_started",
            &[&i18n::number(kept.bytes), &t("kept_damaged", &[])],
        ),
    }
}

/// "Add selection to memory": reads the selection from the page when memport may (line breaks
/// kept), else takes the menu's copy of it, and adds it as one item. The person is told on the
/// page when memport may write there, and always by the returned notice and the badge.
async fn add_selection(click: &MenuClick) -> Notice {
    let from_page = match (click.tab_id, click.frame_id) {
        (Some(tab), Some(frame)) => browser::read_selection(tab, frame.max(0)).await.ok(),
        _ => None,
    };
    let selected = from_page
        .filter(|s| !s.text.trim().is_empty())
        .unwrap_or_else(|| Selected {
            text: click.selection_text.clone().unwrap_or_default(),
            url: click
                .frame_url
                .clone()
                .or_else(|| click.page_url.clone())
                .unwrap_or_default(),
            title: click.tab_title.clone(),
        });
    let notice = changed(
        change_profile(|p| {
            let label = undo::quoted("undo_added", selected.text.trim());
            selection::into_profile(&selected, now(), p).map(|m| (m, label))
        })
        .await,
    );
    remember_last(&notice).await;
    if let Some(id) = click.tab_id {
        // Only where memport may run script (the assistants' sites, or a page the menu click
        // granted); elsewhere the badge and the popup tell. The page is not told whether the
        // text was in the profile already, nor under which category it is kept.
        let tab = browser::Tab {
            id,
            url: selected.url.clone(),
            window_id: 0,
        };
        let shown = Notice {
            ok: notice.ok,
            message: if notice.ok {
                i18n::t("selection_kept_on_page", &[])
            } else {
                notice.message.clone()
            },
        };
        let _ = browser::run_in_page::<_, serde_json::Value>(&tab, "notify", &shown).await;
    }
    notice
}

/// The capture plan for `url`, looking first where the person pointed.
async fn capture_plan(url: &str) -> Option<Box<capture::CapturePlan>> {
    let mut plan = capture::plan_for(url)?;
    let picks = load_picks().await;
    plan.read.content = picks.locators(plan.site, Part::Memory, &plan.read.content);
    Some(Box::new(plan))
}

/// Remembers what the person pointed at, then carries on where they were stopped: a new
/// capture plan for the page, or the same send again.
async fn picked(
    site: Assistant,
    part: Part,
    css: &str,
    url: &str,
    items: Option<Vec<ItemId>>,
) -> Reply {
    {
        let _turn = CHANGES.lock().await;
        let mut picks = load_picks().await;
        if let Err(e) = picks.set(site, part, css, url, now()) {
            return Reply::notice(false, e.to_string());
        }
        if let Err(e) = save_picks(&picks).await {
            return Reply::notice(false, e);
        }
    }
    match part {
        Part::Memory => Reply::Plan {
            plan: capture_plan(url).await,
        },
        Part::Box { way, .. } => Reply::Notice(send_to(site, way, items.as_deref()).await),
    }
}

async fn forget_picks(site: Assistant) -> Notice {
    let _turn = CHANGES.lock().await;
    let mut picks = load_picks().await;
    let n = picks.forget(site);
    let name = sites::get(site).map_or("this site", |s| s.name.as_str());
    if let Err(e) = save_picks(&picks).await {
        return Notice {
            ok: false,
            message: e,
        };
    }
    Notice {
        ok: true,
        message: if n == 0 {
            t("picks_none", &[&name])
        } else {
            t("picks_forgotten", &[&name])
        },
    }
}

/// "Check this page": probes the tab for every part its site file names.
async fn check_page(tab_id: Option<i32>) -> Reply {
    let problem = |text: String| Reply::Check {
        report: check::problem(text),
    };
    let tab = match browser::get_tab(tab_id).await {
        Ok(Some(tab)) => tab,
        Ok(None) => return problem(t("check_no_tab", &[])),
        Err(e) => return problem(e),
    };
    let picks = load_picks().await;
    let job = Job::CheckProbes {
        url: tab.url.clone(),
        picks: picks.clone(),
    };
    let probes = match browser::extra(&job).await {
        Ok(Done::Page { plan, .. }) => plan,
        done => return reply_of(done),
    };
    match browser::run_in_page::<_, Value>(&tab, "check", &probes).await {
        Ok(found) => reply_of(
            browser::extra(&Job::CheckReport {
                url: tab.url,
                picks,
                found,
            })
            .await,
        ),
        Err(e) => problem(t("page_code_failed", &[&e])),
    }
}

/// Saves what the in-page button read. When the memory was not found, the reply offers to
/// point at it.
///
/// The page is told only what was read there ([`capture::Saved::page`]); the full message,
/// with what the profile made of it, is kept for the popup.
async fn save_capture(outcome: &capture::ReadOutcome) -> Reply {
    let mut full = None;
    let saved = change_profile(|p| {
        capture::into_profile(outcome, now(), p).map(|m| {
            full = Some(m.full);
            (m.page.clone(), m.page)
        })
    })
    .await;
    let reply = capture_reply(outcome, saved);
    let last = match (&reply, full) {
        (Reply::Notice(n), Some(message)) => Notice { ok: n.ok, message },
        (Reply::PointAt { .. }, Some(message)) => Notice { ok: false, message },
        (Reply::Notice(n), None) => n.clone(),
        (Reply::PointAt { message, .. }, None) => Notice {
            ok: false,
            message: message.clone(),
        },
        _ => return reply,
    };
    remember_last(&last).await;
    reply
}

/// The reply to the page for a capture's result.
fn capture_reply(
    outcome: &capture::ReadOutcome,
    saved: Result<String, ChangeError<capture::CaptureError>>,
) -> Reply {
    let offer =
        || sites::capture_page_at(outcome.url()).map(|(site, _)| picker::memory_offer(site));
    match saved {
        Err(ChangeError::Refused(
            e
            @ (capture::CaptureError::NotFound { .. } | capture::CaptureError::NothingRead { .. }),
        )) => match offer() {
            Some(pick) => Reply::PointAt {
                message: e.to_string(),
                pick,
            },
            None => Reply::notice(false, e.to_string()),
        },
        // Saved, but a part the person expects gave nothing: said as a problem, never as done.
        Ok(message) => match capture::missed(outcome, now()) {
            Some(capture::Missed::Memory) => match offer() {
                Some(pick) => Reply::PointAt { message, pick },
                None => Reply::notice(false, message),
            },
            Some(capture::Missed::List) => Reply::notice(false, message),
            None => Reply::notice(true, message),
        },
        other => Reply::Notice(changed(other)),
    }
}

/// Opens (or reuses) `target`'s import page and fills its boxes with the profile: the page
/// code inspects the boxes, the person is asked about text already there, Rust fits each
/// box's entries, the page code puts the texts in and reads them back.
async fn send_to(target: Assistant, way: Way, chosen: Option<&[ItemId]>) -> Notice {
    let fail = |message: String| Notice { ok: false, message };
    let profile = match load_profile().await {
        Ok(p) => p,
        Err(e) => return fail(e.to_string()),
    };
    // The ticked items, or all but the sensitive ones (see `fill::choose`).
    let send = match fill::prepare_chosen(target, way, &profile, chosen) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    let mut send = send;
    load_picks().await.apply_to_send(&mut send, way);
    // A profile larger than the box takes goes in parts: this send carries the next one.
    let progress = send.in_parts(&load_parts().await, way);
    let tab = match open_target(&send).await {
        Ok(tab) => tab,
        Err(e) => return said(send.nowhere(&e)).await,
    };
    let filled = match fill_boxes(&send, &tab).await {
        Ok(filled) => filled,
        Err(e) => return said(send.nowhere(&format!("memport's page code failed: {e}"))).await,
    };
    // Tell the person on the page they are looking at (the popup may be closed by now), with
    // the offer to point at a box memport did not find, or to copy the text. The items to
    // send stay here with the offer; the page is told only where to point.
    let pick = filled.missing.map(|i| {
        let offer = picker::box_offer(&send, way, i, None);
        let items = chosen.map(<[ItemId]>::to_vec);
        OFFERS.with(|o| o.borrow_mut().open(tab.id, offer.site, offer.part, items));
        offer
    });
    let shown = Shown {
        notice: &filled.page,
        pick,
        copy: filled.copy.then(|| send.copy_offer()),
    };
    let _ = browser::run_in_page::<_, serde_json::Value>(&tab, "notify", &shown).await;
    // The next part comes next only once this one is in the box. Failing to store it, the
    // next send carries this part again, which loses nothing. Only this target's progress is
    // written, in its turn, over the parts as stored now.
    if let (true, Some(progress)) = (filled.placed, progress) {
        let key = crate::parts::key(send.target, way.key());
        let _turn = CHANGES.lock().await;
        let _ = save_parts(&progress.moved_in(&key, load_parts().await)).await;
    }
    said(filled.full).await
}

/// `notice`, kept for the popup.
async fn said(notice: Notice) -> Notice {
    remember_last(&notice).await;
    notice
}

/// A notice on the page, with an offer to point at what was not found, or to copy the text
/// memport could not fill in (only when the person presses it).
#[derive(serde::Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    notice: &'a Notice,
    #[serde(skip_serializing_if = "Option::is_none")]
    pick: Option<picker::Offer>,
    #[serde(skip_serializing_if = "Option::is_none")]
    copy: Option<CopyOffer>,
}

/// What a fill came to.
struct Filled {
    /// For the popup (and the menu's caller): everything, with what was left out.
    full: Notice,
    /// For the page: only what concerns it.
    page: Notice,
    /// The first box that was not found, if one was.
    missing: Option<usize>,
    /// The page's notice offers to copy the text (the target's own page, with no box).
    copy: bool,
    /// Every box took its text: a part sent in parts was sent.
    placed: bool,
}

impl Filled {
    fn same(notice: Notice, missing: Option<usize>, copy: bool) -> Filled {
        Filled {
            page: notice.clone(),
            full: notice,
            missing,
            copy,
            placed: false,
        }
    }
}

/// Fills the boxes.
async fn fill_boxes(send: &SendPlan, tab: &browser::Tab) -> Result<Filled, String> {
    if pattern::origin(&tab.url).as_deref() != Some(send.origin.as_str()) {
        return Ok(Filled::same(send.wrong_page(&tab.url), None, false));
    }
    if send.never_fills(&tab.url) {
        return Ok(Filled::same(send.not_here(&tab.url), None, false));
    }
    let states = match browser::run_in_page(tab, "inspect", &send.inspect_plan()).await? {
        Inspected::WrongPage { url } => {
            return Ok(Filled::same(send.wrong_page(&url), None, false))
        }
        Inspected::Boxes { boxes } => boxes,
    };
    if states.iter().all(|b| b.found_by.is_none()) {
        let ways = send.boxes.first().map_or(0, |b| b.target.len());
        let detail = tn("box_ways_none", ways, &[&i18n::number(ways)]);
        return Ok(Filled::same(send.not_found(&detail), Some(0), true));
    }
    let choice = if send.occupied(&states) {
        browser::run_in_page(tab, "ask", &send.ask()).await?
    } else {
        Choice::Replace
    };
    if choice == Choice::Keep {
        return Ok(Filled::same(send.kept(), None, false));
    }
    // While the person was asked, the tab may have gone into a GPT's or a project's chat.
    if let Ok(Some(now)) = browser::get_tab(Some(tab.id)).await {
        if send.never_fills(&now.url) {
            return Ok(Filled::same(send.not_here(&now.url), None, false));
        }
    }
    let (plan, planned) = send.put_plan(&states, choice);
    let put: Put = browser::run_in_page(tab, "put", &plan).await?;
    let missing = send.boxes.iter().enumerate().position(|(i, b)| {
        !b.entries.is_empty() && put.boxes.get(i).is_none_or(|g| g.found_by.is_none())
    });
    Ok(Filled {
        full: send.judge(&planned, &put),
        page: send.judge_for_page(&planned, &put),
        missing,
        copy: false,
        placed: send.placed(&planned, &put),
    })
}

async fn open_target(send: &SendPlan) -> Result<browser::Tab, String> {
    let found = browser::find_tab(&send.url_patterns).await?;
    // A custom GPT's or a project's chat is never written into: a fresh chat is opened.
    let found = found.filter(|tab| !send.never_fills(&tab.url));
    let tab = match found {
        Some(tab) => {
            browser::show_tab(&tab).await?;
            // A page whose import form is a dialog over any page (ChatGPT's settings):
            // open it in place, keeping the page the person is on.
            if !sites::shows(&send.url_patterns, &send.fragments, &tab.url) {
                if let Some(fragment) = send.fragments.first() {
                    let here = tab.url.split('#').next().unwrap_or(&tab.url);
                    browser::navigate_tab(&tab, &format!("{here}#{fragment}")).await?;
                }
            }
            tab
        }
        None => browser::open_tab(&send.url).await?,
    };
    browser::wait_for_tab(&tab, TAB_LOAD_MS)
        .await?
        .ok_or_else(|| {
            t(
                "tab_not_loaded",
                &[&send.name, &i18n::number(TAB_LOAD_MS as usize / 1000)],
            )
        })
}

/// The context-menu items to create.
#[wasm_bindgen(js_name = installMenu)]
pub async fn install_menu() -> Result<(), JsValue> {
    browser::create_menu(&messages::menu())
        .await
        .map_err(|e| JsValue::from_str(&e))
}

/// Carries out a click on a context-menu item (`{menuItemId, selectionText, ...}`).
#[wasm_bindgen(js_name = onMenuClick)]
pub async fn on_menu_click(click: JsValue) -> JsValue {
    let click: MenuClick = match browser::from_js(click) {
        Ok(c) => c,
        Err(e) => {
            return browser::to_js(&Notice {
                ok: false,
                message: t("menu_not_understood", &[&e]),
            })
        }
    };
    let notice = match messages::menu_command(&click.menu_item_id) {
        Some(MenuCommand::SendTo(target, way)) => send_to(target, way, None).await,
        Some(MenuCommand::AddSelection) => add_selection(&click).await,
        None => Notice {
            ok: false,
            message: t("menu_unknown", &[&click.menu_item_id]),
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
