//! "Check this page": which of the parts memport relies on it finds on an assistant's page.
//!
//! When a site ships a new layout, this tells the person (or a maintainer) at once what
//! changed: the place for the button, the memory, the control that shows it, the import box.
//! Rust lists the parts and their locators from the site file; the page code tries each and
//! says which locator found it; Rust writes the report.

use serde::{Deserialize, Serialize};

use crate::sites::{self, pattern, Locator};

/// One part to look for.
#[derive(Clone, Debug, Serialize)]
pub struct Probe {
    pub part: &'static str,
    pub locators: Vec<Locator>,
    /// Only a box the person could type into counts.
    pub writable: bool,
}

/// What the page code reports for one probe: the locator that found it, if any.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Found {
    pub found_by: Option<String>,
}

/// The report the popup shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Report {
    pub title: String,
    pub lines: Vec<Line>,
    /// Whether everything memport needs on this page was found.
    pub ok: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Line {
    pub ok: bool,
    pub text: String,
}

/// The probes for `url`, or the report straight away when there is nothing to probe.
pub fn probes(url: &str) -> Result<(String, Vec<Probe>), Report> {
    let origin = pattern::origin(url).unwrap_or_default();
    let Some(site) = sites::all().iter().find(|s| s.origin == origin) else {
        return Err(Report {
            title: "This is not an assistant page memport knows".into(),
            lines: vec![Line {
                ok: false,
                text: format!("memport works on {}.", names_in_prose()),
            }],
            ok: false,
        });
    };
    let mut probes = Vec::new();
    // The same test as the content script's plan (fragments included).
    let capture = sites::capture_page_at(url).filter(|(s, _)| s.assistant == site.assistant);
    if let Some((_, page)) = capture {
        probes.push(Probe {
            part: "Place for the \"Save memory to memport\" button",
            locators: page.anchor.clone(),
            writable: false,
        });
        probes.push(Probe {
            part: "Memory",
            locators: page.content.clone(),
            writable: false,
        });
        if !page.open.is_empty() {
            probes.push(Probe {
                part: "Control that shows the memory",
                locators: page.open.clone(),
                writable: false,
            });
        }
    }
    if let Some(page) = site
        .import
        .as_ref()
        .filter(|p| p.url_patterns.iter().any(|p| pattern::matches(p, url)))
    {
        probes.push(Probe {
            part: "Import box",
            locators: page.target.clone(),
            writable: true,
        });
        if !page.open.is_empty() {
            probes.push(Probe {
                part: "Control that opens the import box",
                locators: page.open.clone(),
                writable: false,
            });
        }
    }
    if probes.is_empty() {
        let mut pages: Vec<String> = Vec::new();
        if let Some(c) = &site.capture {
            let urls: Vec<String> = match c.fragments.first() {
                // Settings shown over any page: name the address that opens them.
                Some(fragment) => vec![format!("{}/#{fragment}", site.origin)],
                None => c.url_patterns.clone(),
            };
            pages.push(format!("its memory at {}", urls.join(" or ")));
        }
        if let Some(i) = &site.import {
            pages.push(format!("its import box at {}", i.url));
        }
        return Err(Report {
            title: format!("{}: not a page memport reads or fills", site.name),
            lines: vec![Line {
                ok: false,
                text: format!("memport uses {}.", pages.join(", and ")),
            }],
            ok: false,
        });
    }
    Ok((site.name.clone(), probes))
}

/// "Claude, ChatGPT and Gemini".
fn names_in_prose() -> String {
    let names: Vec<&str> = sites::all().iter().map(|s| s.name.as_str()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

/// The report on what the page code found.
pub fn report(site: &str, probes: &[Probe], found: &[Found]) -> Report {
    let by_part = |part: &str| {
        probes
            .iter()
            .zip(found)
            .find(|(p, _)| p.part == part)
            .and_then(|(_, f)| f.found_by.clone())
    };
    let mut lines = Vec::new();
    let mut ok = true;
    for (probe, f) in probes.iter().zip(found) {
        let (good, text) = match (&f.found_by, probe.part) {
            (Some(how), _) => (true, format!("{}: found ({how})", probe.part)),
            // Shown on demand: fine when the control that shows it is there.
            (None, "Memory") if by_part("Control that shows the memory").is_some() => (
                true,
                "Memory: not on screen now; memport opens it when you press its button".to_string(),
            ),
            (None, "Import box") if by_part("Control that opens the import box").is_some() => (
                true,
                "Import box: not on screen now; memport opens it when it sends".to_string(),
            ),
            (None, "Control that shows the memory") if by_part("Memory").is_some() => (
                true,
                "Control that shows the memory: not needed, the memory is on screen".to_string(),
            ),
            (None, "Control that opens the import box") if by_part("Import box").is_some() => (
                true,
                "Control that opens the import box: not needed, the box is on screen".to_string(),
            ),
            (None, _) => (
                false,
                format!(
                    "{}: not found (tried {} ways; the site may have changed)",
                    probe.part,
                    probe.locators.len()
                ),
            ),
        };
        ok &= good;
        lines.push(Line { ok: good, text });
    }
    Report {
        title: if ok {
            format!("{site}: memport finds everything it needs here")
        } else {
            format!("{site}: some parts memport needs are missing")
        },
        lines,
        ok,
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
            })
            .collect()
    }

    #[test]
    fn claude_settings_is_both_a_memory_page_and_an_import_page() {
        let (site, probes) = probes("https://claude.ai/settings/capabilities").unwrap();
        assert_eq!(site, "Claude");
        let parts: Vec<&str> = probes.iter().map(|p| p.part).collect();
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
        let (site, probes) = probes("https://claude.ai/settings/capabilities").unwrap();
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
        let (site, probes) = probes("https://claude.ai/settings/capabilities").unwrap();
        let r = report(
            &site,
            &probes,
            &found(&[Some("role heading"), None, None, None, Some("role button")]),
        );
        assert!(!r.ok);
        assert_eq!(r.title, "Claude: some parts memport needs are missing");
        assert_eq!(
            r.lines.iter().filter(|l| !l.ok).map(|l| l.text.as_str()).collect::<Vec<_>>(),
            [
                "Memory: not found (tried 3 ways; the site may have changed)",
                "Control that shows the memory: not found (tried 1 ways; the site may have changed)"
            ]
        );
    }

    #[test]
    fn other_pages_say_where_to_go() {
        let r = probes("https://claude.ai/new").unwrap_err();
        assert_eq!(r.title, "Claude: not a page memport reads or fills");
        assert!(r.lines[0]
            .text
            .contains("https://claude.ai/settings/capabilities"));
        let r = probes("https://example.com/").unwrap_err();
        assert_eq!(r.title, "This is not an assistant page memport knows");
        assert_eq!(
            r.lines[0].text,
            "memport works on Claude, ChatGPT and Gemini."
        );
        let r = probes("https://chatgpt.com/c/42").unwrap_err();
        assert_eq!(r.title, "ChatGPT: not a page memport reads or fills");
        assert_eq!(
            r.lines[0].text,
            "memport uses its memory at https://chatgpt.com/#settings/Personalization."
        );
        let (_, gemini) = probes("https://gemini.google.com/u/2/saved-info").unwrap();
        assert_eq!(gemini.len(), 2, "saved info has no opener");
    }
}
