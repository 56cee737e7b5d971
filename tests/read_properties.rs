//! Nothing read is lost: whatever blocks a memory page yields, every non-empty line ends up
//! as exactly one item's text, or as the heading items stood under, unless it is a heading
//! the site file knows, a line of the page's own interface, or a count the page shows about the
//! memory ("Memory 71% full"). The blocks here carry none of the page code's marks (`group`,
//! `control`), so nothing is left out as a control's label or as standing outside a list's
//! rows: `read`'s unit tests hold those.

use memport::lines::normalize;
use memport::read::{is_count, items, Block, PageRead};
use memport::sites::{self, Assistant};
use proptest::prelude::*;
use time::macros::datetime;

fn known_heading() -> impl Strategy<Value = String> {
    let page = sites::get(Assistant::Claude)
        .and_then(|s| s.capture.clone())
        .expect("Claude has a memory page");
    let texts: Vec<String> = page.headings.into_iter().flat_map(|h| h.texts).collect();
    proptest::sample::select(texts)
}

fn line() -> impl Strategy<Value = String> {
    prop_oneof![
        // Any text at all, odd Unicode and markup included.
        "[^\n]{0,60}",
        // Short phrases that look like headings when bold.
        "[A-Za-zÀ-ÿ]{1,10}( [a-zé]{1,8}){0,3}",
        Just("<img src=x onerror=alert(1)>".to_string()),
        Just("  \u{200b}\u{feff} ".to_string()),
        known_heading(),
    ]
}

fn block() -> impl Strategy<Value = Block> {
    (
        prop::sample::select(vec!["p", "li", "div", "h2", "h3", "td"]),
        prop::collection::vec(line(), 1..4),
        any::<bool>(),
    )
        .prop_map(|(tag, lines, strong)| Block {
            tag: tag.to_string(),
            text: lines.join("\n"),
            strong,
            hidden: false,
            ..Default::default()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn every_line_lands_once(blocks in prop::collection::vec(block(), 0..25)) {
        let site = sites::get(Assistant::Claude).unwrap();
        let page = site.capture.as_ref().unwrap();
        let read = PageRead {
            url: "https://claude.ai/settings/capabilities".into(),
            found_by: "test".into(),
            blocks: blocks.clone(),
            fields: vec![],
            lists: vec![],
            memory: Default::default(),
            missing_lists: vec![],
        };
        let got = items(site, page, &read, datetime!(2026-11-24 12:00 UTC));

        let skip: Vec<String> = page
            .ignore_lines
            .iter()
            .chain(&page.loading_texts)
            .chain(&page.empty_texts)
            .chain(page.headings.iter().flat_map(|h| &h.texts))
            .map(|t| normalize(t))
            .collect();
        let is_skipped = |l: &str| {
            let n = normalize(l.trim_end_matches(':'));
            n.is_empty()
                || is_count(page, l)
                || skip.iter().any(|s| *s == n || (s.split(' ').count() >= 3 && n.starts_with(s.as_str())))
        };
        let mut remaining: Vec<String> = blocks
            .iter()
            .flat_map(|b| b.text.lines().map(|l| l.trim().to_string()).collect::<Vec<_>>())
            .filter(|l| !l.is_empty() && !is_skipped(l))
            .collect();

        // Each item's text is one line read, used once.
        for item in &got {
            let at = remaining.iter().position(|l| *l == item.text);
            prop_assert!(at.is_some(), "item {:?} is not a line of the page", item.text);
            remaining.remove(at.unwrap());
        }
        // What is left stood above items as their heading.
        let headings: Vec<&str> = got
            .iter()
            .filter_map(|i| i.sources[0].heading.as_deref())
            .collect();
        for line in &remaining {
            prop_assert!(
                headings.contains(&line.trim_end_matches(':').trim()),
                "line {:?} was lost", line
            );
        }
    }
}
