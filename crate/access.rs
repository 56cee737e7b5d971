//! Who may ask the service worker what.
//!
//! memport's content scripts run inside the assistants' pages, and a compromised or hostile
//! page can reach whatever they can. So the worker looks at who sent each request before it
//! acts, and trusts the browser's word about the sender, never the message's:
//!
//! - memport's own pages (the popup, the options tab) may ask anything;
//! - a content script may only say what it saw: `page_opened`, `page_read` and `picked`, and
//!   only from the top frame of one of the sites' exact origins. The page's URL is the one
//!   the browser reports for the sender, so a page cannot ask for another site's plan or
//!   save a capture under another site's name. It may also ask for the page code
//!   (`load_agent`) when a capture starts, always into its own tab;
//! - anything else (another extension, a frame, an origin memport does not know) is refused.
//!
//! The browser's sender arrives as [`RawSender`]; [`permit`] decides.

use serde::Deserialize;

use crate::capture::ReadOutcome;
use crate::i18n;
use crate::messages::Request;
use crate::picker::Part;
use crate::profile::ItemId;
use crate::sites::{self, pattern, Assistant};

/// The browser's `runtime.MessageSender`, as `extension/worker.js` passes it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct RawSender {
    /// The sender is one of memport's own pages (its id is memport's and its URL is under
    /// memport's own origin), as worker.js checked against the browser's values.
    #[serde(default)]
    pub own: bool,
    /// The URL of the sending document, as the browser reports it.
    #[serde(default)]
    pub url: Option<String>,
    /// 0 for a tab's top frame.
    #[serde(default)]
    pub frame_id: Option<i32>,
    /// The sending tab, when there is one.
    #[serde(default)]
    pub tab_id: Option<i32>,
    /// The sending tab's URL as the browser reports it now. Chromium's `url` stays the one
    /// the document was loaded at while the app navigates with `history.pushState`; the
    /// tab's follows, and for the top frame it is the same document's.
    #[serde(default)]
    pub tab_url: Option<String>,
}

/// Who sent a request, as far as the worker trusts it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sender {
    /// One of memport's own pages, or the worker itself.
    Own,
    /// A content script in the top frame of `url`, on one of the sites' origins, in tab
    /// `tab_id`.
    Site { url: String, tab_id: Option<i32> },
    /// Anything else: a frame, an unknown origin, no URL at all.
    Stranger { why: Refusal },
}

impl Sender {
    /// Judges the browser's word about a sender.
    pub fn of(raw: &RawSender) -> Sender {
        if raw.own {
            return Sender::Own;
        }
        let url = raw.url.clone().unwrap_or_default();
        if raw.frame_id != Some(0) {
            return Sender::Stranger {
                why: Refusal::Frame,
            };
        }
        // Where the app has taken the top frame since it loaded: only within its origin (an
        // app cannot pushState elsewhere; a tab already elsewhere keeps the sender's URL).
        let url = match &raw.tab_url {
            Some(now)
                if pattern::origin(now).is_some()
                    && pattern::origin(now) == pattern::origin(&url) =>
            {
                now.clone()
            }
            _ => url,
        };
        let origin = pattern::origin(&url).unwrap_or_default();
        if sites::all().iter().any(|s| s.origin == origin) {
            Sender::Site {
                url,
                tab_id: raw.tab_id,
            }
        } else {
            Sender::Stranger {
                why: Refusal::Origin { origin },
            }
        }
    }
}

/// Why a request was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A web page asked for something only memport's own pages may ask.
    PageMayNot { kind: &'static str },
    /// The request came from a frame inside a page, not the page itself.
    Frame,
    /// The request came from an origin that is none of the assistants'.
    Origin { origin: String },
    /// A page named another site than its own.
    OtherSite { named: String, origin: String },
    /// A page answered an offer to point at a box that memport did not make there.
    NoOffer,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            Refusal::PageMayNot { kind } => i18n::t("refused_page_may_not", &[kind]),
            Refusal::Frame => i18n::t("refused_frame", &[]),
            Refusal::Origin { origin } => {
                let origin = if origin.is_empty() {
                    i18n::t("refused_no_address", &[])
                } else {
                    origin.clone()
                };
                i18n::t("refused_origin", &[&origin])
            }
            Refusal::NoOffer => i18n::t("refused_no_offer", &[]),
            Refusal::OtherSite { named, origin } => i18n::t("refused_other_site", &[origin, named]),
        })
    }
}

impl std::error::Error for Refusal {}

/// The boxes memport offered pages to point at ("Point memport at it" after a send found no
/// box). Pointing at a box sends the memory again, so a page's `picked` for a box is taken
/// only as the answer to an offer memport made in that tab, once, and the items sent are the
/// ones memport kept with the offer: the page never learns or names them.
#[derive(Debug, Default)]
pub struct Offers {
    open: Vec<OpenOffer>,
}

#[derive(Debug)]
struct OpenOffer {
    tab_id: i32,
    site: Assistant,
    part: Part,
    items: Option<Vec<ItemId>>,
}

impl Offers {
    /// memport offered tab `tab_id` to point at `part` of `site`, to send `items` there.
    pub fn open(&mut self, tab_id: i32, site: Assistant, part: Part, items: Option<Vec<ItemId>>) {
        self.open.retain(|o| o.tab_id != tab_id);
        self.open.push(OpenOffer {
            tab_id,
            site,
            part,
            items,
        });
    }

    /// The items of the offer this answers, which is then closed.
    fn take(
        &mut self,
        tab_id: Option<i32>,
        site: Assistant,
        part: Part,
    ) -> Option<Option<Vec<ItemId>>> {
        let at = self
            .open
            .iter()
            .position(|o| Some(o.tab_id) == tab_id && o.site == site && o.part == part)?;
        Some(self.open.remove(at).items)
    }
}

/// The request as the worker may act on it, or why not. A site's requests come back with the
/// sender's URL in place of the one the message carried.
pub fn permit(request: Request, sender: &Sender, offers: &mut Offers) -> Result<Request, Refusal> {
    let (url, tab_id) = match sender {
        Sender::Own => return Ok(request),
        Sender::Stranger { why } => return Err(why.clone()),
        Sender::Site { url, tab_id } => (url, *tab_id),
    };
    match request {
        Request::PageOpened { url: claimed } => Ok(Request::PageOpened {
            url: same_document(&claimed, url),
        }),
        Request::PageRead { outcome } => {
            let at = same_document(outcome.url(), url);
            Ok(Request::PageRead {
                outcome: with_url(outcome, at),
            })
        }
        Request::Picked {
            site,
            part,
            css,
            url: claimed,
            // The page's word on what to send is never taken (see `Offers`).
            items: _,
        } => {
            let at = same_document(&claimed, url);
            let origin = pattern::origin(&at).unwrap_or_default();
            if sites::get(site).is_none_or(|spec| spec.origin != origin) {
                return Err(Refusal::OtherSite {
                    named: site.key().to_string(),
                    origin,
                });
            }
            // The memory's place only changes what a capture of this page reads; a box's
            // place sends the memory, so it must answer memport's own offer.
            let items = match part {
                Part::Memory => None,
                Part::Box { .. } => offers.take(tab_id, site, part).ok_or(Refusal::NoOffer)?,
            };
            Ok(Request::Picked {
                site,
                part,
                css,
                url: at,
                items,
            })
        }
        // memport's own page code, into the sender's own tab, whatever tab the message named.
        Request::LoadAgent { .. } => Ok(Request::LoadAgent { tab_id }),
        other => Err(Refusal::PageMayNot { kind: other.kind() }),
    }
}

/// The URL to act on for a page at `sender`: the page's own claim only when it is the same
/// document (it may differ in the fragment, which an app changes as it routes: ChatGPT's
/// settings live at `#settings/Personalization`), else the browser's word.
fn same_document(claimed: &str, sender: &str) -> String {
    let without_fragment = |u: &str| u.split('#').next().unwrap_or("").to_string();
    if without_fragment(claimed) == without_fragment(sender) {
        claimed.to_string()
    } else {
        sender.to_string()
    }
}

fn with_url(outcome: ReadOutcome, url: String) -> ReadOutcome {
    match outcome {
        ReadOutcome::Read(mut read) => {
            read.url = url;
            ReadOutcome::Read(read)
        }
        ReadOutcome::Failed { step, detail, .. } => ReadOutcome::Failed { url, step, detail },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fill::Way;

    fn page(url: &str, frame: i32) -> Sender {
        Sender::of(&RawSender {
            own: false,
            url: Some(url.into()),
            frame_id: Some(frame),
            tab_id: Some(7),
            tab_url: None,
        })
    }

    fn all_requests() -> Vec<Request> {
        let json = [
            r#"{"kind":"send_to","target":"gemini"}"#,
            r#"{"kind":"check_page"}"#,
            r#"{"kind":"forget_picks","site":"claude"}"#,
            r#"{"kind":"preview_import","text":"x"}"#,
            r#"{"kind":"import_text","text":"x"}"#,
            r#"{"kind":"preview_data_export","items":[]}"#,
            r#"{"kind":"import_data_export","items":[]}"#,
            r#"{"kind":"capture_answer","tab_id":3}"#,
            r#"{"kind":"save_memory_page","tab_id":3}"#,
            r#"{"kind":"delete_item","id":"abc"}"#,
            r#"{"kind":"undo"}"#,
            r#"{"kind":"start_new_profile"}"#,
            r#"{"kind":"edit_item","id":"abc","text":"y","category":"Personal information"}"#,
            r#"{"kind":"keep_one","keep":"a","drop":["b"]}"#,
            r#"{"kind":"keep_all","ids":["a"]}"#,
        ];
        json.iter()
            .map(|j| serde_json::from_str(j).unwrap_or_else(|e| panic!("{j}: {e}")))
            .collect()
    }

    #[test]
    fn kind_is_the_messages_own_word() {
        for request in all_requests() {
            let json = serde_json::to_value(&request).expect("a request serializes");
            assert_eq!(json["kind"], request.kind());
        }
    }

    #[test]
    fn own_pages_may_ask_anything() {
        let own = Sender::of(&RawSender {
            own: true,
            ..RawSender::default()
        });
        for request in all_requests() {
            assert_eq!(
                permit(request.clone(), &own, &mut Offers::default()),
                Ok(request)
            );
        }
    }

    #[test]
    fn a_page_may_only_say_what_it_saw() {
        let claude = page("https://claude.ai/settings/capabilities", 0);
        for request in all_requests() {
            let kind = request.kind();
            assert_eq!(
                permit(request, &claude, &mut Offers::default()),
                Err(Refusal::PageMayNot { kind }),
                "{kind}"
            );
        }
        let opened = Request::PageOpened {
            url: "https://claude.ai/settings/capabilities".into(),
        };
        assert!(permit(opened, &claude, &mut Offers::default()).is_ok());
    }

    #[test]
    fn frames_and_other_origins_are_strangers() {
        let opened = || Request::PageOpened {
            url: "https://claude.ai/settings/capabilities".into(),
        };
        assert_eq!(
            permit(
                opened(),
                &page("https://claude.ai/settings/capabilities", 3),
                &mut Offers::default()
            ),
            Err(Refusal::Frame)
        );
        for url in [
            "https://claude.ai.evil.example/settings",
            "http://claude.ai/settings/capabilities",
            "https://evil.example/#https://claude.ai/",
            "https://sub.claude.ai/settings",
        ] {
            assert!(
                matches!(
                    permit(opened(), &page(url, 0), &mut Offers::default()),
                    Err(Refusal::Origin { .. })
                ),
                "{url}"
            );
        }
        let nowhere = Sender::of(&RawSender::default());
        assert!(permit(opened(), &nowhere, &mut Offers::default()).is_err());
        // Said in the person's language, a page without an address included.
        i18n::set_lang(i18n::Lang::Ja);
        let said = Refusal::Origin {
            origin: String::new(),
        }
        .to_string();
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(
            said,
            "memport は アドレスのないページ からのリクエストを拒否しました。memport が応じるのは\
             アシスタント自身のサイトだけです。何も読み取らず、何も変更していません。"
        );
    }

    #[test]
    fn the_url_is_the_senders_not_the_messages() {
        let chatgpt = page("https://chatgpt.com/", 0);
        let claimed = Request::PageOpened {
            url: "https://claude.ai/settings/capabilities".into(),
        };
        assert_eq!(
            permit(claimed, &chatgpt, &mut Offers::default()),
            Ok(Request::PageOpened {
                url: "https://chatgpt.com/".into()
            })
        );
        // The same document with the fragment the app routed to is taken as the page says.
        let routed = Request::PageOpened {
            url: "https://chatgpt.com/#settings/Personalization".into(),
        };
        assert_eq!(
            permit(routed.clone(), &chatgpt, &mut Offers::default()),
            Ok(routed)
        );
        let read: ReadOutcome = serde_json::from_str(
            r#"{"outcome":"failed","url":"https://gemini.google.com/saved-info","step":"open","detail":"x"}"#,
        )
        .expect("a failed read");
        let Ok(Request::PageRead { outcome }) = permit(
            Request::PageRead { outcome: read },
            &chatgpt,
            &mut Offers::default(),
        ) else {
            panic!("a page may say what it read");
        };
        assert_eq!(outcome.url(), "https://chatgpt.com/");
    }

    #[test]
    fn a_page_the_app_navigated_is_where_its_tab_is_now_within_its_origin() {
        let moved = |tab_url: &str| {
            Sender::of(&RawSender {
                own: false,
                url: Some("https://claude.ai/new".into()),
                frame_id: Some(0),
                tab_id: Some(7),
                tab_url: Some(tab_url.into()),
            })
        };
        let at = |sender: Sender| match sender {
            Sender::Site { url, .. } => url,
            other => panic!("{other:?}"),
        };
        assert_eq!(
            at(moved("https://claude.ai/settings/capabilities")),
            "https://claude.ai/settings/capabilities"
        );
        assert_eq!(at(moved("https://chatgpt.com/")), "https://claude.ai/new");
        assert_eq!(at(moved("")), "https://claude.ai/new");
    }

    #[test]
    fn a_page_loads_the_page_code_only_into_its_own_tab() {
        let claude = page("https://claude.ai/settings/capabilities", 0);
        let asked = Request::LoadAgent { tab_id: Some(99) };
        assert_eq!(
            permit(asked, &claude, &mut Offers::default()),
            Ok(Request::LoadAgent { tab_id: Some(7) })
        );
        let framed = page("https://claude.ai/settings/capabilities", 3);
        let asked = Request::LoadAgent { tab_id: None };
        assert_eq!(
            permit(asked, &framed, &mut Offers::default()),
            Err(Refusal::Frame)
        );
    }

    #[test]
    fn a_page_may_not_point_for_another_site() {
        let chatgpt = page("https://chatgpt.com/", 0);
        let picked = |site| Request::Picked {
            site,
            part: Part::Memory,
            css: "main".into(),
            url: "https://chatgpt.com/".into(),
            items: None,
        };
        assert!(permit(picked(Assistant::ChatGpt), &chatgpt, &mut Offers::default()).is_ok());
        assert!(matches!(
            permit(picked(Assistant::Claude), &chatgpt, &mut Offers::default()),
            Err(Refusal::OtherSite { .. })
        ));
    }

    #[test]
    fn a_box_is_pointed_at_only_when_memport_asked_and_only_once() {
        let chatgpt = page("https://chatgpt.com/", 0);
        let part = Part::Box {
            way: Way::ChatMessage,
            index: 0,
        };
        let picked = |items: Option<Vec<ItemId>>| Request::Picked {
            site: Assistant::ChatGpt,
            part,
            css: "textarea".into(),
            url: "https://chatgpt.com/".into(),
            items,
        };
        let mut offers = Offers::default();
        // Unasked, a box pick would send the whole profile into the page: refused.
        assert_eq!(
            permit(picked(None), &chatgpt, &mut offers),
            Err(Refusal::NoOffer)
        );
        // Asked in another tab: still refused here.
        offers.open(99, Assistant::ChatGpt, part, None);
        assert_eq!(
            permit(picked(None), &chatgpt, &mut offers),
            Err(Refusal::NoOffer)
        );
        let chosen = vec![ItemId::of("Lives in Porto.")];
        offers.open(7, Assistant::ChatGpt, part, Some(chosen.clone()));
        // The items sent are the ones kept with the offer, whatever the page names.
        let Ok(Request::Picked { items, .. }) = permit(
            picked(Some(vec![ItemId::of("anything")])),
            &chatgpt,
            &mut offers,
        ) else {
            panic!("the answer to memport's offer is taken");
        };
        assert_eq!(items, Some(chosen));
        assert_eq!(
            permit(picked(None), &chatgpt, &mut offers),
            Err(Refusal::NoOffer),
            "once"
        );
    }
}
