//! "Check this page": which of the parts memport relies on it finds on an assistant's page.
//!
//! When a site ships a new layout, this tells the person (or a maintainer) at once what
//! changed: the place for the button, the memory, the control that shows it, the import
//! boxes. Rust lists the parts and their locators from the site file; the page code tries each
//! and says which locator found it; Rust writes the report.

use serde::{Deserialize, Serialize};

use crate::capture::{self, ReadPlan};
use crate::fill::Way;
use crate::i18n::{self, number, t, tn};
use crate::picker::{self, Picks};
use crate::sites::{self, pattern, Assistant, Locator};

/// The kinds of part memport relies on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Part {
    Anchor,
    Memory,
    MemoryOpener,
    ImportBox,
    ImportOpener,
}

/// One part to look for.
#[derive(Clone, Debug, Serialize)]
pub struct Probe {
    pub kind: Part,
    /// What the report calls it.
    pub part: String,
    pub locators: Vec<Locator>,
    /// Only a box the person could type into counts.
    pub writable: bool,
    /// For the memory: how to find it by meaning when the locators miss (the page code
    /// presses its control, looks at what opened, and closes it again).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub read: Option<ReadPlan>,
}

fn probe(kind: Part, part: impl Into<String>, locators: &[Locator]) -> Probe {
    Probe {
        kind,
        part: part.into(),
        locators: locators.to_vec(),
        writable: kind == Part::ImportBox,
        read: None,
    }
}

/// What the page code reports for one probe: the locator that found it, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub found_by: Option<String>,
    /// Found by what it means (a drifted label, what opened after a press, the part under a
    /// heading), not by the site file's locators as written.
    #[serde(default)]
    pub by_meaning: bool,
}

/// The report the popup shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub title: String,
    pub lines: Vec<Line>,
    /// Whether everything memport needs on this page was found.
    pub ok: bool,
    /// Offered when the person pointed at parts of this site (picker mode).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forget: Option<ForgetOffer>,
}

/// The report when the page could not be checked, and why.
pub fn problem(text: String) -> Report {
    Report {
        title: t("check_failed_title", &[]),
        lines: vec![Line { ok: false, text }],
        ok: false,
        forget: None,
    }
}

/// "Forget what you pointed at on Claude": undoes picker mode for one site.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ForgetOffer {
    pub site: Assistant,
    pub button: String,
    /// What the button is about, shown beside it.
    pub note: String,
}

/// The offer to forget what the person pointed at on `url`'s site, if anything.
pub fn forget_offer(url: &str, picks: &Picks) -> Option<ForgetOffer> {
    let site = sites::at_origin(url)?;
    let n = picks.count(site.assistant);
    (n > 0).then(|| ForgetOffer {
        site: site.assistant,
        button: t("check_forget_button", &[&site.name]),
        note: tn("check_forget_note", n, &[&number(n)]),
    })
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub ok: bool,
    pub text: String,
}

/// "Claude, ChatGPT and Gemini".
fn names_in_prose() -> String {
    let names: Vec<String> = sites::all().iter().map(|s| s.name.clone()).collect();
    i18n::prose_list(&names, "list_and")
}

/// The probes for `url`, or the report straight away when there is nothing to probe.
/// Parts the person pointed at (picker mode) are looked for there first.
pub fn probes(url: &str, picks: &Picks) -> Result<(String, Vec<Probe>), Report> {
    let origin = pattern::origin(url).unwrap_or_default();
    let Some(site) = sites::all().iter().find(|s| s.origin == origin) else {
        return Err(Report {
            title: t("check_unknown_title", &[]),
            lines: vec![Line {
                ok: false,
                text: t("check_works_on", &[&names_in_prose()]),
            }],
            ok: false,
            forget: None,
        });
    };
    let mut probes = Vec::new();
    // The same tests as the content script's plan and the worker's send (fragments included).
    let capture = sites::capture_page_at(url).filter(|(s, _)| s.assistant == site.assistant);
    if let Some((_, page)) = capture {
        let anchor = t("check_part_anchor", &[&t("capture_button", &[])]);
        probes.push(probe(Part::Anchor, anchor, &page.anchor));
        let memory = picks.locators(site.assistant, picker::Part::Memory, &page.content);
        let mut memory_probe = probe(Part::Memory, t("check_part_memory", &[]), &memory);
        memory_probe.read = capture::plan_for(url).map(|plan| plan.read);
        probes.push(memory_probe);
        if !page.open.is_empty() {
            let opener = t("check_part_memory_opener", &[]);
            probes.push(probe(Part::MemoryOpener, opener, &page.open));
        }
    }
    let import = sites::import_page_at(url).filter(|(s, _)| s.assistant == site.assistant);
    if let Some((_, page)) = import {
        for (index, b) in page.boxes.iter().enumerate() {
            let part = if page.boxes.len() == 1 {
                t("check_part_import_box", &[])
            } else {
                t("check_part_box", &[&b.label])
            };
            let at = picker::Part::Box {
                way: Way::Import,
                index,
            };
            let target = picks.locators(site.assistant, at, &page.box_locators(index));
            probes.push(probe(Part::ImportBox, part, &target));
        }
        if !page.open.is_empty() {
            let opener = t("check_part_import_opener", &[]);
            probes.push(probe(Part::ImportOpener, opener, &page.open));
        }
    }
    // A chat page (ChatGPT's home, Gemini's /app): the composer, the "as a chat message" way.
    let chat = sites::chat_page(site.assistant).filter(|(_, page)| {
        probes.is_empty() && sites::shows(&page.url_patterns, &page.fragments, url)
    });
    if let Some((_, page)) = chat {
        for index in 0..page.boxes.len() {
            let at = picker::Part::Box {
                way: Way::ChatMessage,
                index,
            };
            let target = picks.locators(site.assistant, at, &page.box_locators(index));
            probes.push(probe(
                Part::ImportBox,
                t("check_part_message_box", &[]),
                &target,
            ));
        }
    }
    if probes.is_empty() {
        let mut pages: Vec<String> = Vec::new();
        let mut named: Vec<String> = Vec::new();
        if let Some(c) = &site.capture {
            named = match c.fragments.first() {
                // Settings shown over any page: name the address that opens them.
                Some(fragment) => vec![format!("{}/#{fragment}", site.origin)],
                None => c.url_patterns.clone(),
            };
            pages.push(t(
                "check_its_memory_at",
                &[&i18n::prose_list(&named, "list_or")],
            ));
        }
        if let Some(i) = site.import.as_ref().filter(|i| !named.contains(&i.url)) {
            pages.push(t("check_its_page_at", &[&t(&i.title, &[]), &i.url]));
        }
        return Err(Report {
            title: t("check_not_this_page_title", &[&site.name]),
            lines: vec![Line {
                ok: false,
                text: t("check_uses", &[&i18n::prose_list(&pages, "list_and")]),
            }],
            ok: false,
            forget: None,
        });
    }
    Ok((site.name.clone(), probes))
}

/// The report on what the page code found.
pub fn report(site: &str, probes: &[Probe], found: &[Found]) -> Report {
    let any_found = |kind: Part| {
        probes
            .iter()
            .zip(found)
            .any(|(p, f)| p.kind == kind && f.found_by.is_some())
    };
    let mut lines = Vec::new();
    let mut ok = true;
    for (probe, f) in probes.iter().zip(found) {
        let part = &probe.part;
        let (good, text) = match (&f.found_by, probe.kind) {
            (Some(how), _) if f.by_meaning => (true, t("check_found_by_meaning", &[part, how])),
            (Some(how), _) => (true, t("check_found", &[part, how])),
            // Shown on demand: fine when the control that shows it is there.
            (None, Part::Memory) if any_found(Part::MemoryOpener) => {
                (true, t("check_opens_on_press", &[part]))
            }
            (None, Part::ImportBox) if any_found(Part::ImportOpener) => {
                (true, t("check_opens_on_send", &[part]))
            }
            (None, Part::MemoryOpener) if any_found(Part::Memory) => {
                (true, t("check_not_needed_memory", &[part]))
            }
            (None, Part::ImportOpener) if any_found(Part::ImportBox) => {
                (true, t("check_not_needed_box", &[part]))
            }
            (None, _) => (
                false,
                tn(
                    "check_not_found",
                    probe.locators.len(),
                    &[part, &number(probe.locators.len())],
                ),
            ),
        };
        ok &= good;
        lines.push(Line { ok: good, text });
    }
    Report {
        title: if ok {
            t("check_all_found", &[&site])
        } else {
            t("check_some_missing", &[&site])
        },
        lines,
        ok,
        forget: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(parts: &[Option<&str>]) -> Vec<Found> {
        parts
            .iter()
            .map(|p| Found {
                found_by: p.map(str::to_string),
                by_meaning: false,
            })
            .collect()
    }

    #[test]
    fn claude_settings_is_both_a_memory_page_and_an_import_page() {
        let (site, probes) =
            probes("https://claude.ai/settings/capabilities", &Picks::default()).unwrap();
        assert_eq!(site, "Claude");
        let parts: Vec<&str> = probes.iter().map(|p| p.part.as_str()).collect();
        assert_eq!(
            parts,
            [
                "Place for the \"Save memory to memport\" button",
                "Memory",
                "Control that shows the memory",
                "Import box",
                "Control that opens the import box"
            ]
        );
        assert!(probes[3].writable);
    }

    #[test]
    fn closed_dialogs_are_fine_when_their_openers_are_there() {
        let (site, probes) =
            probes("https://claude.ai/settings/capabilities", &Picks::default()).unwrap();
        let r = report(
            &site,
            &probes,
            &found(&[
                Some("role heading"),
                None,
                Some("role button"),
                None,
                Some("role button"),
            ]),
        );
        assert!(r.ok, "{r:?}");
        assert_eq!(r.title, "Claude: memport finds everything it needs here");
        assert!(r.lines[1].text.starts_with("Memory: not on screen now"));
    }

    #[test]
    fn a_missing_part_is_named() {
        let (site, probes) =
            probes("https://claude.ai/settings/capabilities", &Picks::default()).unwrap();
        let r = report(
            &site,
            &probes,
            &found(&[Some("role heading"), None, None, None, Some("role button")]),
        );
        assert!(!r.ok);
        assert_eq!(r.title, "Claude: some parts memport needs are missing");
        assert_eq!(
            r.lines
                .iter()
                .filter(|l| !l.ok)
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>(),
            [
                "Memory: not found (tried 3 ways; the site may have changed)",
                "Control that shows the memory: not found (tried 1 way; the site may have changed)"
            ]
        );
    }

    #[test]
    fn chatgpt_settings_show_both_instruction_boxes() {
        let (_, probes) = probes(
            "https://chatgpt.com/#settings/Personalization",
            &Picks::default(),
        )
        .unwrap();
        let parts: Vec<&str> = probes.iter().map(|p| p.part.as_str()).collect();
        assert_eq!(
            parts[3..],
            [
                "Box \"How would you like ChatGPT to respond?\"",
                "Box \"What would you like ChatGPT to know about you to provide better responses?\"",
                "Control that opens the import box"
            ]
        );
    }

    #[test]
    fn other_pages_say_where_to_go() {
        let r = probes("https://claude.ai/new", &Picks::default()).unwrap_err();
        assert_eq!(r.title, "Claude: not a page memport reads or fills");
        assert!(r.lines[0]
            .text
            .contains("https://claude.ai/settings/capabilities"));
        let r = probes("https://example.com/", &Picks::default()).unwrap_err();
        assert_eq!(r.title, "This is not an assistant page memport knows");
        assert_eq!(
            r.lines[0].text,
            "memport works on Claude, ChatGPT and Gemini."
        );
        let r = probes("https://gemini.google.com/u/1/settings", &Picks::default()).unwrap_err();
        assert_eq!(r.title, "Gemini: not a page memport reads or fills");
        let (_, gemini) = probes(
            "https://gemini.google.com/u/2/saved-info",
            &Picks::default(),
        )
        .unwrap();
        assert_eq!(gemini.len(), 2, "saved info has no opener");
        // In the person's language.
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        let r = probes("https://example.com/", &Picks::default()).unwrap_err();
        assert_eq!(
            r.lines[0].text,
            "memport fonctionne sur Claude, ChatGPT et Gemini."
        );
        let (_, probes) =
            probes("https://claude.ai/settings/capabilities", &Picks::default()).unwrap();
        assert_eq!(
            probes[0].part,
            "Emplacement du bouton « Enregistrer la mémoire dans memport »"
        );
    }

    #[test]
    fn chat_pages_show_the_message_box() {
        for url in [
            "https://chatgpt.com/c/42",
            "https://gemini.google.com/u/1/app",
        ] {
            let (_, probes) = probes(url, &Picks::default()).unwrap();
            let parts: Vec<&str> = probes.iter().map(|p| p.part.as_str()).collect();
            assert_eq!(parts, ["Message box"], "{url}");
            assert!(probes[0].writable);
        }
        // ChatGPT's settings over a chat are about the settings, not the composer.
        let (_, settings) = probes(
            "https://chatgpt.com/c/42#settings/Personalization",
            &Picks::default(),
        )
        .unwrap();
        assert!(settings.iter().all(|p| p.part != "Message box"));
    }

    #[test]
    fn where_the_person_pointed_is_probed_first_and_can_be_forgotten() {
        let url = "https://gemini.google.com/saved-info";
        let mut picks = Picks::default();
        assert_eq!(forget_offer(url, &picks), None);
        let when = time::macros::datetime!(2026-11-24 16:00 UTC);
        picks
            .set(
                Assistant::Gemini,
                picker::Part::Memory,
                "main > ul",
                url,
                when,
            )
            .unwrap();
        let (_, probes) = probes(url, &picks).unwrap();
        assert_eq!(
            probes[1].locators[0],
            Locator::Picked {
                css: "main > ul".into()
            }
        );
        let offer = forget_offer(url, &picks).unwrap();
        assert_eq!(offer.button, "Forget what you pointed at on Gemini");
        assert!(offer.note.contains("(1 part)"));
        assert_eq!(
            forget_offer("https://claude.ai/settings/capabilities", &picks),
            None
        );
    }
}
