//! The site table: one description per assistant, read from the TOML files in this folder.
//!
//! `build.rs` checks the files against `manifest.json` and writes them as Rust code, included
//! here and run once. Code asks this module "which page is this?" and
//! "how do I find the box on that one?"; it never holds a selector of its own.

pub mod coverage;
pub mod pattern;
pub mod spec;

use std::sync::OnceLock;

use crate::category::Category;

pub use spec::{
    AnswerPage, Assistant, CapturePage, EditorKind, FieldSpec, HeadingRule, ImportBox,
    ImportFormat, ImportPage, ListSpec, Locator, Position, SiteSpec,
};

// The site files, as `build.rs` checked them and wrote them as code: `fn table()`.
include!(concat!(env!("OUT_DIR"), "/sites.rs"));

/// A string of the table.
fn s(text: &str) -> String {
    text.to_string()
}

/// A list of strings of the table.
fn v(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

/// Every site memport knows, in the order of [`Assistant`].
pub fn all() -> &'static [SiteSpec] {
    static SITES: OnceLock<Vec<SiteSpec>> = OnceLock::new();
    SITES.get_or_init(|| {
        let mut sites = table();
        sites.sort_by_key(|s| s.assistant); // Claude, ChatGPT, Gemini: the enum's order.
        sites
    })
}

/// The description of one assistant.
pub fn get(assistant: Assistant) -> Option<&'static SiteSpec> {
    all().iter().find(|s| s.assistant == assistant)
}

/// The assistant whose site `url` is on (any page of its origin).
pub fn at_origin(url: &str) -> Option<&'static SiteSpec> {
    let origin = pattern::origin(url)?;
    all().iter().find(|s| s.origin == origin)
}

/// Whether `url` is a page of `patterns` (and, when `fragments` are given, shows one).
pub fn shows(patterns: &[String], fragments: &[String], url: &str) -> bool {
    let fragment = url.split_once('#').map_or("", |(_, f)| f);
    let fragment_ok =
        fragments.is_empty() || fragments.iter().any(|f| fragment.starts_with(f.as_str()));
    fragment_ok && patterns.iter().any(|p| pattern::matches(p, url))
}

/// The assistant whose memory page `url` is, with that page's description.
pub fn capture_page_at(url: &str) -> Option<(&'static SiteSpec, &'static CapturePage)> {
    all().iter().find_map(|site| {
        let page = site.capture.as_ref()?;
        shows(&page.url_patterns, &page.fragments, url).then_some((site, page))
    })
}

/// The assistant whose import page `url` is, with that page's description.
pub fn import_page_at(url: &str) -> Option<(&'static SiteSpec, &'static ImportPage)> {
    all().iter().find_map(|site| {
        let page = site.import.as_ref()?;
        shows(&page.url_patterns, &page.fragments, url).then_some((site, page))
    })
}

/// The assistant whose chat page `url` is, with how to read its replies there.
pub fn answer_page_at(url: &str) -> Option<(&'static SiteSpec, &'static AnswerPage)> {
    all().iter().find_map(|site| {
        let page = site.answer.as_ref()?;
        shows(&page.url_patterns, &[], url).then_some((site, page))
    })
}

/// The chat composer of `assistant`, if memport knows it.
pub fn chat_page(assistant: Assistant) -> Option<(&'static SiteSpec, &'static ImportPage)> {
    let site = get(assistant)?;
    Some((site, site.chat.as_ref()?))
}

/// The import page of `assistant`, if it has one.
pub fn import_page(assistant: Assistant) -> Option<(&'static SiteSpec, &'static ImportPage)> {
    let site = get(assistant)?;
    Some((site, site.import.as_ref()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_are_looked_for_by_meaning_before_the_largest_box_and_away_from_the_others() {
        // Claude's import box: its locators, by meaning, then the largest box in the dialog.
        let (_, claude) = import_page(Assistant::Claude).unwrap();
        let kinds: Vec<&str> = claude
            .box_locators(0)
            .iter()
            .map(|l| match l {
                Locator::Css { .. } => "css",
                Locator::Role { .. } => "role",
                Locator::Labelled { .. } => "labelled",
                Locator::LargestEditable { .. } => "largest",
                Locator::Picked { .. } => "picked",
            })
            .collect();
        assert_eq!(kinds, ["css", "role", "labelled", "largest"]);
        // ChatGPT's two boxes: each named by its own labels, held away from the other's.
        let (_, chatgpt) = import_page(Assistant::ChatGpt).unwrap();
        let Some(Locator::Labelled { names, avoid }) = chatgpt.box_locators(0).pop() else {
            panic!("no search by meaning");
        };
        assert!(names.contains(&"How would you like ChatGPT to respond?".to_string()));
        assert!(avoid
            .iter()
            .any(|n| n.starts_with("What would you like ChatGPT to know")));
        assert!(!avoid.contains(&"How would you like ChatGPT to respond?".to_string()));
    }

    #[test]
    fn every_site_file_is_in_the_table() {
        assert!(get(Assistant::Claude).is_some());
        assert!(get(Assistant::Gemini).is_some());
        for site in all() {
            assert!(site.origin.starts_with("https://"), "{}", site.name);
            assert!(
                site.capture.is_some() || site.import.is_some(),
                "{} is neither read nor filled",
                site.name
            );
        }
    }

    #[test]
    fn claude_memory_page_is_recognised() {
        let (site, page) =
            capture_page_at("https://claude.ai/settings/capabilities?tab=memory").unwrap();
        assert_eq!(site.assistant, Assistant::Claude);
        assert!(!page.open.is_empty() && !page.content.is_empty());
        assert!(capture_page_at("https://claude.ai/new").is_none());
        assert!(capture_page_at("https://gemini.google.com/import").is_none());
        let (site, page) = capture_page_at("https://gemini.google.com/u/1/saved-info").unwrap();
        assert_eq!(site.assistant, Assistant::Gemini);
        assert!(!page.empty_texts.is_empty());
    }

    #[test]
    fn chatgpt_settings_are_a_memory_page_only_while_shown() {
        let (site, page) =
            capture_page_at("https://chatgpt.com/#settings/Personalization").unwrap();
        assert_eq!(site.assistant, Assistant::ChatGpt);
        assert!(page.scroll && !page.fields.is_empty());
        assert!(capture_page_at("https://chatgpt.com/c/123#settings/Personalization").is_some());
        assert!(capture_page_at("https://chatgpt.com/").is_none());
        assert!(capture_page_at("https://chatgpt.com/#settings/General").is_none());
        let (_, fill) = import_page(Assistant::ChatGpt).unwrap();
        assert_eq!(fill.boxes.len(), 2, "the two custom-instruction fields");
        assert!(fill.boxes.iter().all(|b| b.max_chars == Some(1500)));
        assert!(import_page_at("https://chatgpt.com/#settings/Personalization").is_some());
        assert!(import_page_at("https://chatgpt.com/c/1").is_none());
    }

    #[test]
    fn gemini_import_page_is_known() {
        let (site, page) = import_page(Assistant::Gemini).unwrap();
        assert!(page.url.starts_with(&site.origin));
        assert!(page
            .url_patterns
            .iter()
            .any(|p| pattern::matches(p, "https://gemini.google.com/u/1/import")));
        let (_, claude) = import_page(Assistant::Claude).unwrap();
        assert!(claude.url.ends_with("?open_memory_import=true"));
        assert!(
            !claude.open.is_empty(),
            "Claude's import dialog may need opening"
        );
    }

    #[test]
    fn chat_pages_are_known_and_memory_pages_are_not_chats() {
        for (url, site) in [
            ("https://claude.ai/chat/0b1c", Assistant::Claude),
            ("https://chatgpt.com/c/68a1", Assistant::ChatGpt),
            ("https://gemini.google.com/u/2/app/5f2e", Assistant::Gemini),
        ] {
            let (found, page) = answer_page_at(url).unwrap();
            assert_eq!(found.assistant, site, "{url}");
            assert!(!page.replies.is_empty() && !page.code.is_empty());
        }
        assert!(answer_page_at("https://claude.ai/settings/capabilities").is_none());
        assert!(answer_page_at("https://gemini.google.com/saved-info").is_none());
    }

    #[test]
    fn every_page_url_is_on_its_own_origin() {
        for site in all() {
            let patterns = site
                .capture
                .iter()
                .flat_map(|c| &c.url_patterns)
                .chain(site.import.iter().flat_map(|i| &i.url_patterns))
                .chain(site.answer.iter().flat_map(|a| &a.url_patterns));
            for p in patterns {
                assert!(p.starts_with(&format!("{}/", site.origin)), "{p}");
            }
        }
    }
}
