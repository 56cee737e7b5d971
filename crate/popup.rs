//! What the toolbar popup shows, decided here and drawn by thin JS as text.
//!
//! The popup gets a [`PopupView`]: the profile grouped under the six category headings with
//! counts, each item with its text, source and capture date, or an empty state that says how
//! to capture. The JS only turns it into elements with `textContent`.

use serde::{Deserialize, Serialize};

use crate::category::Category;
use crate::classify::classify;
use crate::conflict;
use crate::i18n;
use crate::profile::{MemoryItem, Profile, Source, Via};
use crate::sensitive;
use crate::sites;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PopupView {
    pub total: usize,
    /// How many items the filter keeps; `None` when nothing is filtered.
    pub shown: Option<usize>,
    /// Every item's id, filtered or not: what "Send" means by all.
    pub all_ids: Vec<String>,
    /// The ids of the items flagged sensitive, filtered or not: their send checkboxes start
    /// unticked, and sending leaves them out unless the person ticks them.
    pub sensitive_ids: Vec<String>,
    /// The sources the profile's items come from, for the source filter.
    pub sources: Vec<SourceOption>,
    /// The six categories, in order (their stable id as `value`, their label in the person's
    /// language): the choices when the person edits an item, and for the filter.
    pub categories: Vec<CategoryOption>,
    /// Six groups, one per category, in display order (empty ones included, count 0).
    pub groups: Vec<Group>,
    /// Shown instead of the groups when the profile is empty.
    pub empty: Option<EmptyState>,
    /// One line above the list: how many memories, from where, and when each source was last
    /// captured ("16 memories · Claude, last Nov 20, 2026 · Gemini, last Nov 24, 2026");
    /// `None` for an empty profile.
    pub summary: Option<String>,
    /// The last change, which "Undo" takes back ("Deleted \"Has a cat\"").
    pub undo: Option<String>,
    /// Memories that disagree, for the person to pick from (all of them, filter or not).
    pub conflicts: Vec<ConflictView>,
    /// What changed on each assistant's memory page between its last two captures (only
    /// where something did).
    pub changes: Vec<ChangesView>,
}

/// Memories that cannot all be true, side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConflictView {
    /// "Where you live", in the person's language.
    pub label: String,
    pub sides: Vec<SideView>,
    /// Every item in it: what "Keep both" keeps together.
    pub ids: Vec<String>,
}

/// One value and the memories giving it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SideView {
    /// The first memory's text; more memories saying the same are counted in `also`.
    pub text: String,
    /// Its sources, named as in the list.
    pub source: String,
    /// The item "Keep this one" keeps.
    pub keep: String,
    /// The items of the other sides, which it deletes.
    pub drop: Vec<String>,
    /// How many more memories say the same.
    pub also: usize,
}

/// What changed on one assistant's memory page since the capture before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ChangesView {
    /// "Claude".
    pub site: String,
    /// "2 added, 1 removed, 1 changed".
    pub summary: String,
    /// "captures of Nov 20, 2026 and Nov 24, 2026".
    pub between: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// (before, after).
    pub changed: Vec<(String, String)>,
}

/// A category as a choice: its stable id and what the person reads.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CategoryOption {
    pub value: &'static str,
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    /// The category's stable id (what folding, filtering and editing name it by).
    pub label: &'static str,
    /// Its label in the person's language.
    pub name: String,
    pub count: usize,
    pub items: Vec<ItemView>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ItemView {
    pub id: String,
    pub text: String,
    /// Its category's label.
    pub category: &'static str,
    /// "Claude", "Claude + Gemini" when read in several places, "Selected on example.org"
    /// for text the person selected on a page that is no assistant's.
    pub source: String,
    /// "Edited Nov 25, 2026" when the person changed it.
    pub edited: Option<String>,
    /// The heading it stood under at its first source, if any.
    pub heading: Option<String>,
    /// First capture, as YYYY-MM-DD.
    pub captured: String,
    /// Why it is in its category: the words and patterns that chose it (shown on hover).
    pub why: String,
    /// How other places worded it, when not as shown ("Gemini: lives in lisbon").
    pub wordings: Vec<String>,
    /// What makes it sensitive ("an OpenAI API key (sk-…7fQ2)"); empty when nothing does.
    pub sensitive: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmptyState {
    pub title: String,
    pub steps: Vec<String>,
}

/// How one source is named: the assistant, or the page a selection came from.
fn source_name(source: &Source) -> String {
    let assistant = source
        .assistant
        .and_then(sites::get)
        .map(|site| site.name.as_str());
    match (source.via, assistant) {
        (Via::MemoryPage, Some(name)) => name.to_string(),
        (Via::Selection, Some(name)) => i18n::t("source_selected_on", &[&name]),
        (Via::Import | Via::Answer, Some(name)) => i18n::t("source_imported_from", &[&name]),
        (Via::Import | Via::Answer, None) => i18n::t("source_imported_text", &[]),
        (Via::DataExport, Some(name)) => i18n::t("source_export_of", &[&name]),
        (Via::DataExport, None) => i18n::t("source_data_export", &[]),
        (_, None) => i18n::t("source_selected_on", &[&source.host()]),
    }
}

/// What the person narrowed the list to: words, a category, a source.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
pub struct Filter {
    /// Words the text or heading must contain (any case), all of them.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub category: Option<Category>,
    /// A source as [`SourceOption::value`] names it.
    #[serde(default)]
    pub source: Option<String>,
}

/// One choice in the source filter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SourceOption {
    /// "claude", "chatgpt", "gemini", "selection", "import", "export".
    pub value: &'static str,
    pub label: String,
}

/// The filter value of a source.
fn source_value(source: &Source) -> &'static str {
    match (source.via, source.assistant) {
        (Via::Selection, _) => "selection",
        (Via::Import | Via::Answer, _) => "import",
        (Via::DataExport, _) => "export",
        (Via::MemoryPage, Some(a)) => a.key(),
        (Via::MemoryPage, None) => "import",
    }
}

fn source_label(value: &str) -> String {
    match value {
        "claude" => "Claude".to_string(),
        "chatgpt" => "ChatGPT".to_string(),
        "gemini" => "Gemini".to_string(),
        "selection" => i18n::t("source_selections", &[]),
        "export" => i18n::t("source_data_exports", &[]),
        _ => i18n::t("source_imported_text", &[]),
    }
}

impl Filter {
    fn keeps(&self, item: &MemoryItem) -> bool {
        let words = self.text.to_lowercase();
        let hay = {
            let mut h = item.text.to_lowercase();
            for s in &item.sources {
                if let Some(heading) = &s.heading {
                    h.push('\n');
                    h.push_str(&heading.to_lowercase());
                }
            }
            h
        };
        words.split_whitespace().all(|w| hay.contains(w))
            && self.category.is_none_or(|c| item.category == c)
            && self
                .source
                .as_deref()
                .is_none_or(|v| item.sources.iter().any(|s| source_value(s) == v))
    }

    fn is_empty(&self) -> bool {
        self.text.trim().is_empty() && self.category.is_none() && self.source.is_none()
    }
}

/// Why `item` is in its category, in a sentence.
fn why(item: &MemoryItem) -> String {
    let verdict = classify(&item.text, None);
    if verdict.category == item.category {
        return verdict.explain();
    }
    let label = i18n::category(item.category);
    if item.edited_at.is_some() {
        return i18n::t("why_edited", &[&label]);
    }
    match item.sources.iter().find_map(|s| s.heading.as_deref()) {
        Some(heading) => i18n::t("why_heading", &[&label, &heading]),
        None => i18n::t("why_source", &[&label]),
    }
}

/// The names of an item's sources, each once: "Claude + Gemini".
fn source_names(item: &MemoryItem) -> String {
    let mut names: Vec<String> = Vec::new();
    for s in &item.sources {
        let name = source_name(s);
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names.join(" + ")
}

fn conflicts(profile: &Profile) -> Vec<ConflictView> {
    conflict::find(profile)
        .into_iter()
        .map(|c| {
            let sides = c
                .sides
                .iter()
                .enumerate()
                .filter_map(|(n, side)| {
                    let first = side.ids.first()?;
                    let item = profile.items.iter().find(|i| i.id == *first)?;
                    Some(SideView {
                        text: item.text.clone(),
                        source: source_names(item),
                        keep: first.to_string(),
                        drop: c
                            .sides
                            .iter()
                            .enumerate()
                            .filter(|(m, _)| *m != n)
                            .flat_map(|(_, s)| s.ids.iter().map(ToString::to_string))
                            .collect(),
                        also: side.ids.len() - 1,
                    })
                })
                .collect();
            ConflictView {
                label: i18n::t(c.slot.message_id(), &[]),
                ids: c.ids().map(ToString::to_string).collect(),
                sides,
            }
        })
        .collect()
}

fn changes(profile: &Profile) -> Vec<ChangesView> {
    profile
        .captures
        .iter()
        .filter_map(|log| {
            // Nothing to show when nothing changed: the capture's own message said so.
            let since = log.previous_at.filter(|_| !log.changes.is_empty())?;
            let site = sites::get(log.assistant)?.name.clone();
            Some(ChangesView {
                summary: log.changes.summary(),
                site,
                between: i18n::t(
                    "changes_between",
                    &[&i18n::date(since.date()), &i18n::date(log.at.date())],
                ),
                added: log.changes.added.clone(),
                removed: log.changes.removed.clone(),
                changed: log
                    .changes
                    .changed
                    .iter()
                    .map(|c| (c.before.clone(), c.after.clone()))
                    .collect(),
            })
        })
        .collect()
}

/// The summary line: the count, then each source with the day it was last captured (a memory
/// page's capture counts even when it brought nothing new), in the order sources first appear.
fn summary(profile: &Profile) -> Option<String> {
    if profile.is_empty() {
        return None;
    }
    fn seen(
        last: &mut Vec<(&'static str, time::OffsetDateTime)>,
        value: &'static str,
        at: time::OffsetDateTime,
    ) {
        match last.iter_mut().find(|(v, _)| *v == value) {
            Some((_, when)) => *when = (*when).max(at),
            None => last.push((value, at)),
        }
    }
    let mut last = Vec::new();
    for s in profile.items.iter().flat_map(|i| &i.sources) {
        seen(&mut last, source_value(s), s.captured_at);
    }
    for log in &profile.captures {
        if last.iter().any(|(v, _)| *v == log.assistant.key()) {
            seen(&mut last, log.assistant.key(), log.at);
        }
    }
    let mut parts = vec![i18n::memories(profile.len())];
    parts.extend(last.iter().map(|(value, at)| {
        i18n::t(
            "summary_source",
            &[&source_label(value), &i18n::date(at.date())],
        )
    }));
    Some(parts.join(" · "))
}

/// What the tab in front is to memport: the popup shows "Check this page" on an assistant's
/// site, and, with an empty profile, "Save the memory on this page" on a memory page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct FrontPage {
    /// The assistant whose site it is ("Claude"), if any.
    pub site: Option<String>,
    /// It is one of an assistant's pages: "Check this page" applies.
    pub check: bool,
    /// It is an assistant's memory page, which memport can capture from the popup.
    pub memory: bool,
}

/// What the page at `url` is to memport (see [`FrontPage`]).
pub fn front_page(url: &str) -> FrontPage {
    let site = sites::at_origin(url);
    FrontPage {
        site: site.map(|s| s.name.clone()),
        check: site.is_some(),
        memory: sites::capture_page_at(url).is_some(),
    }
}

pub fn view(profile: &Profile) -> PopupView {
    view_filtered(profile, &Filter::default())
}

/// The view of the items `filter` keeps (the counts are of those; `total` of all).
pub fn view_filtered(profile: &Profile, filter: &Filter) -> PopupView {
    narrow(full_view(profile), profile, filter)
}

/// `view` (the [`full_view`] of `profile`) narrowed to the items `filter` keeps. The popup
/// keeps the full view while the stored profile stays the same, so typing in the search only
/// narrows it: what is found per item (why, sensitive marks) and the disagreements are not
/// worked out again for each key.
pub fn narrow(mut view: PopupView, profile: &Profile, filter: &Filter) -> PopupView {
    if filter.is_empty() {
        return view;
    }
    let kept: std::collections::HashSet<&str> = profile
        .items
        .iter()
        .filter(|item| filter.keeps(item))
        .map(|item| item.id.as_str())
        .collect();
    for group in &mut view.groups {
        group.items.retain(|item| kept.contains(item.id.as_str()));
        group.count = group.items.len();
    }
    view.shown = Some(view.groups.iter().map(|g| g.count).sum());
    view
}

/// The view of every item, nothing filtered.
pub fn full_view(profile: &Profile) -> PopupView {
    // Found once per item, filtered or not: the flagged ones start unticked wherever they are.
    let flagged: std::collections::HashMap<&str, Vec<String>> = profile
        .items
        .iter()
        .map(|i| (i.id.as_str(), sensitive::marks(i)))
        .filter(|(_, marks)| !marks.is_empty())
        .collect();
    let groups: Vec<Group> = Category::ALL
        .iter()
        .map(|&category| {
            let items: Vec<ItemView> = profile
                .in_category(category)
                .map(|item| {
                    let first = item.first_source();
                    ItemView {
                        id: item.id.to_string(),
                        text: item.text.clone(),
                        category: item.category.label(),
                        source: source_names(item),
                        edited: item
                            .edited_at
                            .map(|t| i18n::t("edited_on", &[&i18n::date(t.date())])),
                        heading: first.and_then(|s| s.heading.clone()),
                        captured: first.map_or(String::new(), |s| i18n::date(s.captured_at.date())),
                        why: why(item),
                        wordings: item
                            .sources
                            .iter()
                            .filter_map(|s| {
                                s.text.as_ref().map(|t| format!("{}: {t}", source_name(s)))
                            })
                            .collect(),
                        sensitive: flagged.get(item.id.as_str()).cloned().unwrap_or_default(),
                    }
                })
                .collect();
            Group {
                label: category.label(),
                name: i18n::category(category),
                count: items.len(),
                items,
            }
        })
        .collect();
    let mut sources: Vec<&'static str> = Vec::new();
    for s in profile.items.iter().flat_map(|i| &i.sources) {
        let v = source_value(s);
        if !sources.contains(&v) {
            sources.push(v);
        }
    }
    PopupView {
        total: profile.len(),
        shown: None,
        all_ids: profile.items.iter().map(|i| i.id.to_string()).collect(),
        sensitive_ids: profile
            .items
            .iter()
            .filter(|i| flagged.contains_key(i.id.as_str()))
            .map(|i| i.id.to_string())
            .collect(),
        sources: sources
            .into_iter()
            .map(|value| SourceOption {
                value,
                label: source_label(value),
            })
            .collect(),
        categories: Category::ALL
            .map(|c| CategoryOption {
                value: c.label(),
                label: i18n::category(c),
            })
            .to_vec(),
        undo: None,
        summary: summary(profile),
        conflicts: conflicts(profile),
        changes: changes(profile),
        empty: profile.is_empty().then(|| EmptyState {
            title: i18n::t("empty_title", &[]),
            steps: vec![
                i18n::t("empty_step_open", &[]),
                i18n::t(
                    "empty_step_press",
                    &[&i18n::t(crate::capture::BUTTON_LABEL, &[])],
                ),
                i18n::t("empty_step_review", &[]),
            ],
        }),
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::fixture::source;
    use crate::profile::{ItemId, MemoryItem};

    #[test]
    fn groups_in_category_order_with_counts() {
        let mut p = Profile::new();
        let personal = Some("Personal context");
        p.add(vec![
            MemoryItem::new(
                "Lives in Lisbon.",
                Category::PersonalInformation,
                source(personal),
            )
            .unwrap(),
            MemoryItem::new("<b>not html</b>", Category::OtherContext, source(personal)).unwrap(),
        ]);
        let v = view(&p);
        assert_eq!(v.total, 2);
        assert!(v.empty.is_none());
        let labels: Vec<&str> = v.groups.iter().map(|g| g.label).collect();
        assert_eq!(labels, Category::ALL.map(|c| c.label()).to_vec());
        assert_eq!(v.groups[1].count, 1);
        let item = &v.groups[1].items[0];
        assert_eq!(
            (item.source.as_str(), item.captured.as_str()),
            ("Claude", "Nov 24, 2026")
        );
        assert_eq!(v.groups[5].items[0].text, "<b>not html</b>");
        assert_eq!(item.category, "Personal information");
        assert_eq!(item.edited, None);
        assert_eq!(v.categories.len(), 6);
    }

    #[test]
    fn disagreements_changes_and_reasons_are_in_the_view() {
        use crate::profile::fixture::profile;
        use crate::sites::Assistant;
        let mut p = profile(&[
            ("Lives in Lisbon", Category::PersonalInformation),
            (
                "Writes Rust daily and uses Neovim",
                Category::TechnicalPreferences,
            ),
            ("Lives in Porto", Category::PersonalInformation),
        ]);
        let day = |d: u8| {
            time::Date::from_calendar_date(2026, time::Month::November, d)
                .unwrap()
                .midnight()
                .assume_utc()
        };
        p.log_capture(Assistant::Claude, day(20), vec!["Lives in Lisbon".into()]);
        p.log_capture(Assistant::Claude, day(24), vec!["Lives in Porto".into()]);
        p.log_capture(Assistant::Gemini, day(21), vec!["Has a cat".into()]);
        p.log_capture(Assistant::Gemini, day(24), vec!["Has a cat.".into()]);
        let v = view(&p);
        let [c] = v.conflicts.as_slice() else {
            panic!("one conflict: {:?}", v.conflicts)
        };
        assert_eq!(c.label, "Where you live");
        let texts: Vec<&str> = c.sides.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Lives in Lisbon", "Lives in Porto"]);
        assert_eq!(c.sides[0].drop, [ItemId::of("Lives in Porto").to_string()]);
        // Gemini's page did not change, so only Claude's is listed.
        let [ch] = v.changes.as_slice() else {
            panic!("one change: {:?}", v.changes)
        };
        assert_eq!(
            (ch.site.as_str(), ch.summary.as_str(), ch.between.as_str()),
            (
                "Claude",
                "1 changed",
                "captures of Nov 20, 2026 and Nov 24, 2026"
            )
        );
        assert_eq!(
            ch.changed,
            [("Lives in Lisbon".into(), "Lives in Porto".into())]
        );
        let tools = &v.groups[3].items[0];
        assert!(
            tools.why.starts_with("Technical preferences: "),
            "{}",
            tools.why
        );
        assert!(tools.wordings.is_empty());
    }

    #[test]
    fn selections_and_edits_are_shown_as_such() {
        let mut p = Profile::new();
        let mut on_page = source(Some("Notes"));
        on_page.assistant = None;
        on_page.via = Via::Selection;
        on_page.url = "https://example.org/notes".into();
        let mut in_chat = source(None);
        in_chat.via = Via::Selection;
        p.add(vec![
            MemoryItem::new("Cycles to work", Category::OtherContext, on_page).unwrap(),
            MemoryItem::new("Has a cat", Category::OtherContext, in_chat).unwrap(),
        ]);
        let id = p.items[0].id.clone();
        let when = time::macros::datetime!(2026-11-25 08:00 UTC);
        p.edit(&id, "Cycles to work daily", Category::OtherContext, when)
            .unwrap();
        let v = view(&p);
        let items = &v.groups[5].items;
        assert_eq!(items[0].source, "Selected on example.org");
        assert_eq!(items[0].edited.as_deref(), Some("Edited Nov 25, 2026"));
        assert_eq!(items[1].source, "Selected on Claude");
    }

    #[test]
    fn sensitive_items_say_what_was_found_filter_or_not() {
        let p = crate::profile::fixture::profile(&[
            ("Lives in Lisbon.", Category::PersonalInformation),
            (
                "My OpenAI key is sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i",
                Category::TechnicalPreferences,
            ),
        ]);
        let key = p.items[1].id.to_string();
        let filter = Filter {
            text: "lisbon".into(),
            ..Filter::default()
        };
        let v = view_filtered(&p, &filter);
        assert_eq!(
            v.sensitive_ids,
            std::slice::from_ref(&key),
            "a filtered-out item still counts"
        );
        assert!(v.groups[1].items[0].sensitive.is_empty());
        let v = view(&p);
        let item = &v.groups[3].items[0];
        assert_eq!(item.id, key);
        assert_eq!(item.sensitive, ["an OpenAI API key (sk-…VB8i)"]);
    }

    #[test]
    fn the_summary_counts_and_dates_each_source() {
        use crate::sites::Assistant;
        let mut p = crate::profile::fixture::profile(&[
            ("Lives in Lisbon", Category::PersonalInformation),
            ("Uses Rust", Category::TechnicalPreferences),
        ]);
        let mut imported = source(None);
        imported.assistant = None;
        imported.via = Via::Import;
        imported.captured_at = time::macros::datetime!(2026-11-26 08:00 UTC);
        p.add(vec![MemoryItem::new(
            "Has a cat",
            Category::OtherContext,
            imported,
        )
        .unwrap()]);
        // A later capture of Claude's page that brought nothing new still counts.
        p.log_capture(
            Assistant::Claude,
            time::macros::datetime!(2026-11-28 08:00 UTC),
            vec!["Lives in Lisbon".into()],
        );
        assert_eq!(
            view(&p).summary.as_deref(),
            Some("3 memories · Claude, last Nov 28, 2026 · Imported text, last Nov 26, 2026")
        );
        assert_eq!(view(&Profile::new()).summary, None);
    }

    #[test]
    fn the_page_in_front_says_what_the_popup_offers_there() {
        let memory = front_page("https://claude.ai/settings/capabilities");
        assert_eq!(
            memory,
            FrontPage {
                site: Some("Claude".into()),
                check: true,
                memory: true
            }
        );
        let chat = front_page("https://chatgpt.com/");
        assert!(chat.check && !chat.memory);
        assert!(front_page("https://gemini.google.com/saved-info").memory);
        let elsewhere = front_page("https://example.org/claude.ai/settings/capabilities");
        assert_eq!(
            (elsewhere.site, elsewhere.check, elsewhere.memory),
            (None, false, false)
        );
        assert!(!front_page("chrome-extension://abc/popup.html").check);
        assert!(!front_page("").check);
    }

    #[test]
    fn empty_profile_says_how_to_capture() {
        let v = view(&Profile::new());
        assert_eq!(v.total, 0);
        assert!(v.empty.unwrap().steps[1].contains("Save memory to memport"));
    }

    #[test]
    fn the_filter_narrows_by_words_category_and_source() {
        let mut p = Profile::new();
        let mut selected = source(Some("Notes"));
        selected.via = Via::Selection;
        selected.assistant = None;
        p.add(vec![
            MemoryItem::new(
                "Lives in Lisbon",
                Category::PersonalInformation,
                source(Some("Personal context")),
            )
            .unwrap(),
            MemoryItem::new("Runs in LISBON parks", Category::OtherContext, selected).unwrap(),
            MemoryItem::new("Uses Rust", Category::TechnicalPreferences, source(None)).unwrap(),
        ]);
        let texts = |f: Filter| -> Vec<String> {
            let v = view_filtered(&p, &f);
            v.groups
                .iter()
                .flat_map(|g| g.items.iter().map(|i| i.text.clone()))
                .collect()
        };
        let words = |t: &str| Filter {
            text: t.into(),
            ..Filter::default()
        };
        assert_eq!(
            texts(words("lisbon")),
            ["Lives in Lisbon", "Runs in LISBON parks"]
        );
        assert_eq!(texts(words("lisbon parks")), ["Runs in LISBON parks"]);
        assert_eq!(
            texts(words("personal context")),
            ["Lives in Lisbon"],
            "headings count"
        );
        let cat = Filter {
            category: Some(Category::TechnicalPreferences),
            ..Filter::default()
        };
        assert_eq!(texts(cat), ["Uses Rust"]);
        let sel = Filter {
            source: Some("selection".into()),
            ..Filter::default()
        };
        assert_eq!(texts(sel), ["Runs in LISBON parks"]);
        let v = view_filtered(&p, &words("rust"));
        assert_eq!((v.total, v.shown, v.all_ids.len()), (3, Some(1), 3));
        assert_eq!(view(&p).shown, None);
        let values: Vec<&str> = v.sources.iter().map(|s| s.value).collect();
        assert_eq!(values, ["claude", "selection"]);
    }
}
