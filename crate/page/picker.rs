//! Picker mode: when memport cannot find a part of a page, the person points at it.
//!
//! A site's layout changes before its site file does. Then the capture cannot find the
//! memory, or the send cannot find the box; the clipboard fallback keeps the text safe, and
//! this module offers the second way out: "Point memport at it". The page code lets the
//! person click the element and turns it into a CSS selector; Rust keeps it per site and part
//! and tries it first from then on, before the site file's own ways of finding the part.
//! What the person pointed at stays in this browser, under its own storage key.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::fill::{SendPlan, Way};
use crate::i18n;
use crate::profile::ItemId;
use crate::sites::{self, pattern, Assistant, Locator, SiteSpec};

/// The schema of [`Picks`]' JSON.
pub const SCHEMA_VERSION: u32 = 1;

/// The longest selector memport keeps: a structural path on a deep page stays far below it.
const MAX_SELECTOR_CHARS: usize = 1_000;

/// A part of an assistant's page the person can point at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
// Internally tagged by "kind", without serde's buffering: see `tagged`.
#[serde(remote = "Self", rename_all = "snake_case")]
pub enum Part {
    /// The memory a capture reads (the text or list on the memory page).
    Memory,
    /// Box `index` of the target's import page (`way` import) or of its composer.
    Box { way: Way, index: usize },
}
crate::tagged::internally_tagged!(Part, "kind");

impl Part {
    /// The key it is stored under: "memory", "import/0", "chat_message/0".
    fn key(self) -> String {
        match self {
            Part::Memory => "memory".into(),
            Part::Box { way, index } => format!("{}/{index}", way.key()),
        }
    }
}

/// What the page code needs the clicked element to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Want {
    /// Anything holding text; a click on one entry of a list means the whole list.
    Container,
    /// A box the person could type into; a click inside an editor means the editor.
    Editable,
}

/// One thing the person pointed at.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub css: String,
    /// The page it was picked on.
    pub url: String,
    #[serde(with = "time::serde::rfc3339")]
    pub picked_at: OffsetDateTime,
}

/// Everything the person pointed at, per site and part.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Picks {
    pub schema: u32,
    pub sites: BTreeMap<Assistant, BTreeMap<String, Pick>>,
}

impl Default for Picks {
    fn default() -> Picks {
        Picks {
            schema: SCHEMA_VERSION,
            sites: BTreeMap::new(),
        }
    }
}

/// Why what the page sent back was not kept.
#[derive(Debug, PartialEq, Eq)]
pub enum PickError {
    /// Picked on another site than the one it was asked for.
    OtherSite { site: String, url: String },
    /// No usable selector.
    NoSelector,
}

impl std::fmt::Display for PickError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PickError::OtherSite { site, url } => write!(
                f,
                "memport only remembers what you point at on {site}'s own pages, and this was \
                 {url}. Nothing was remembered."
            ),
            PickError::NoSelector => f.write_str(
                "memport could not describe the element you clicked well enough to find it \
                 again. Nothing was remembered; the text is on your clipboard to paste.",
            ),
        }
    }
}

impl std::error::Error for PickError {}

impl Picks {
    /// Reads stored JSON. Picks are preferences the person can make again: anything
    /// unreadable counts as none (and is replaced by the next pick).
    pub fn from_json(json: Option<&str>) -> Picks {
        json.and_then(|j| crate::json::from_str::<Picks>(j).ok())
            .filter(|p| p.schema <= SCHEMA_VERSION)
            .unwrap_or_default()
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Remembers `css` for `part` of `site`, picked on `url`.
    pub fn set(
        &mut self,
        site: Assistant,
        part: Part,
        css: &str,
        url: &str,
        now: OffsetDateTime,
    ) -> Result<(), PickError> {
        let spec = sites::get(site).ok_or(PickError::NoSelector)?;
        if pattern::origin(url).as_deref() != Some(spec.origin.as_str()) {
            return Err(PickError::OtherSite {
                site: spec.name.clone(),
                url: url.to_string(),
            });
        }
        let css = css.trim();
        if css.is_empty() || css.chars().count() > MAX_SELECTOR_CHARS {
            return Err(PickError::NoSelector);
        }
        self.sites.entry(site).or_default().insert(
            part.key(),
            Pick {
                css: css.to_string(),
                url: url.to_string(),
                picked_at: now,
            },
        );
        Ok(())
    }

    /// Forgets everything pointed at on `site`; how many parts that was.
    pub fn forget(&mut self, site: Assistant) -> usize {
        self.sites.remove(&site).map_or(0, |parts| parts.len())
    }

    /// How many parts of `site` the person pointed at.
    pub fn count(&self, site: Assistant) -> usize {
        self.sites.get(&site).map_or(0, BTreeMap::len)
    }

    /// `locators` with what the person pointed at for `part` of `site` tried first.
    pub fn locators(&self, site: Assistant, part: Part, locators: &[Locator]) -> Vec<Locator> {
        let picked = self
            .sites
            .get(&site)
            .and_then(|parts| parts.get(&part.key()))
            .map(|p| Locator::Picked { css: p.css.clone() });
        picked.into_iter().chain(locators.iter().cloned()).collect()
    }

    /// A send whose boxes are looked for where the person pointed first.
    pub fn apply_to_send(&self, send: &mut SendPlan, way: Way) {
        let site = send.target;
        for (index, b) in send.boxes.iter_mut().enumerate() {
            b.target = self.locators(site, Part::Box { way, index }, &b.target);
        }
    }
}

/// The offer shown with a "not found" message: a button, then a prompt while picking.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Offer {
    pub site: Assistant,
    pub part: Part,
    pub want: Want,
    /// The button next to the message.
    pub button: String,
    /// Shown while the person picks.
    pub prompt: String,
    /// The items being sent, to send the same ones again once the box is known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub items: Option<Vec<ItemId>>,
}

/// The button's label (its message id).
pub const BUTTON: &str = "picker_button";

/// The offer when the memory on `site`'s memory page was not found.
pub fn memory_offer(site: &SiteSpec) -> Offer {
    Offer {
        site: site.assistant,
        part: Part::Memory,
        want: Want::Container,
        button: i18n::t(BUTTON, &[]),
        prompt: i18n::t("picker_memory_prompt", &[&site.name]),
        items: None,
    }
}

/// The offer when box `index` of `send` was not found.
pub fn box_offer(send: &SendPlan, way: Way, index: usize, items: Option<Vec<ItemId>>) -> Offer {
    let label = send.boxes.get(index).map_or("", |b| b.label.as_str());
    Offer {
        site: send.target,
        part: Part::Box { way, index },
        want: Want::Editable,
        button: i18n::t(BUTTON, &[]),
        prompt: i18n::t("picker_box_prompt", &[&label, &send.name]),
        items,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;
    use crate::profile::fixture;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-11-24 16:00 UTC);

    #[test]
    fn a_pick_is_tried_first_and_kept_per_site_and_part() {
        let mut picks = Picks::default();
        let base = vec![Locator::Css {
            css: "ul.saved-info-list".into(),
        }];
        assert_eq!(picks.locators(Assistant::Gemini, Part::Memory, &base), base);
        picks
            .set(
                Assistant::Gemini,
                Part::Memory,
                " main > div.x9 ",
                "https://gemini.google.com/u/1/saved-info",
                NOW,
            )
            .unwrap();
        let got = picks.locators(Assistant::Gemini, Part::Memory, &base);
        assert_eq!(
            got[0],
            Locator::Picked {
                css: "main > div.x9".into()
            }
        );
        assert_eq!(got[1..], base[..]);
        // Other parts and sites are untouched.
        let import = Part::Box {
            way: Way::Import,
            index: 0,
        };
        assert_eq!(picks.locators(Assistant::Gemini, import, &base), base);
        assert_eq!(picks.locators(Assistant::Claude, Part::Memory, &base), base);
        // Stored and read back; forgotten per site.
        let again = Picks::from_json(Some(&picks.to_json()));
        assert_eq!(again, picks);
        assert!(picks.to_json().contains("\"gemini\":{\"memory\""));
        assert_eq!(picks.count(Assistant::Gemini), 1);
        assert_eq!(picks.forget(Assistant::Gemini), 1);
        assert_eq!(picks.locators(Assistant::Gemini, Part::Memory, &base), base);
    }

    #[test]
    fn picks_from_elsewhere_or_without_a_selector_are_refused() {
        let mut picks = Picks::default();
        let err = picks
            .set(
                Assistant::Claude,
                Part::Memory,
                "main",
                "https://claude.ai.evil.example/settings",
                NOW,
            )
            .unwrap_err();
        assert!(err
            .to_string()
            .contains("only remembers what you point at on Claude"));
        let url = "https://claude.ai/settings/capabilities";
        let none = picks.set(Assistant::Claude, Part::Memory, "  ", url, NOW);
        assert_eq!(none, Err(PickError::NoSelector));
        let huge = "div > ".repeat(400);
        let long = picks.set(Assistant::Claude, Part::Memory, &huge, url, NOW);
        assert_eq!(long, Err(PickError::NoSelector));
        assert_eq!(picks, Picks::default());
    }

    #[test]
    fn damaged_or_newer_picks_count_as_none() {
        assert_eq!(Picks::from_json(None), Picks::default());
        assert_eq!(Picks::from_json(Some("{\"schema\":")), Picks::default());
        assert_eq!(
            Picks::from_json(Some(r#"{"schema":7,"sites":{}}"#)),
            Picks::default()
        );
    }

    #[test]
    fn a_send_looks_where_the_person_pointed_first() {
        let profile =
            fixture::profile(&[("Prefers short answers", Category::ResponseInstructions)]);
        let mut send = crate::fill::prepare(Assistant::ChatGpt, Way::Import, &profile).unwrap();
        let mut picks = Picks::default();
        let second = Part::Box {
            way: Way::Import,
            index: 1,
        };
        picks
            .set(
                Assistant::ChatGpt,
                second,
                "#about-model",
                "https://chatgpt.com/#settings",
                NOW,
            )
            .unwrap();
        let before = send.boxes[0].target.clone();
        picks.apply_to_send(&mut send, Way::Import);
        assert_eq!(send.boxes[0].target, before);
        assert_eq!(
            send.boxes[1].target[0],
            Locator::Picked {
                css: "#about-model".into()
            }
        );
        let offer = box_offer(&send, Way::Import, 1, None);
        assert_eq!(offer.want, Want::Editable);
        assert!(offer.prompt.contains(&send.boxes[1].label));
        let json = serde_json::to_value(&offer).unwrap();
        assert_eq!(
            json["part"],
            serde_json::json!({"kind": "box", "way": "import", "index": 1})
        );
        assert_eq!(offer.button, "Point memport at it");
        i18n::set_lang(i18n::Lang::Fr);
        let offer = box_offer(&send, Way::Import, 1, None);
        i18n::set_lang(i18n::Lang::En);
        assert_eq!(offer.button, "Montrer à memport");
        assert!(
            offer
                .prompt
                .starts_with("Cliquez sur le champ que memport doit remplir (« "),
            "{}",
            offer.prompt
        );
    }
}
