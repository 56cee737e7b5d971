//! What the toolbar popup shows, decided here and drawn by thin JS as text.
//!
//! The popup gets a [`PopupView`]: the profile grouped under the six category headings with
//! counts, each item with its text, source and capture date, or an empty state that says how
//! to capture. The JS only turns it into elements with `textContent`.

use serde::Serialize;

use crate::category::Category;
use crate::profile::{Profile, Source, Via};
use crate::sites;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PopupView {
    pub total: usize,
    /// The six category labels, in order: the choices when the person edits an item.
    pub categories: Vec<&'static str>,
    /// Six groups, one per category, in display order (empty ones included, count 0).
    pub groups: Vec<Group>,
    /// Shown instead of the groups when the profile is empty.
    pub empty: Option<EmptyState>,
    /// The last change, which "Undo" takes back ("Deleted \"Has a cat\"").
    pub undo: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Group {
    pub label: &'static str,
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
    /// "Edited 2026-11-25" when the person changed it.
    pub edited: Option<String>,
    /// The heading it stood under at its first source, if any.
    pub heading: Option<String>,
    /// First capture, as YYYY-MM-DD.
    pub captured: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EmptyState {
    pub title: &'static str,
    pub steps: Vec<&'static str>,
}

/// How one source is named: the assistant, or the page a selection came from.
fn source_name(source: &Source) -> String {
    let assistant = source
        .assistant
        .and_then(sites::get)
        .map(|site| site.name.as_str());
    match (source.via, assistant) {
        (Via::MemoryPage, Some(name)) => name.to_string(),
        (Via::Selection, Some(name)) => format!("Selected on {name}"),
        (Via::Import, Some(name)) => format!("Imported from {name}"),
        (Via::Import, None) => "Imported text".to_string(),
        (_, None) => format!("Selected on {}", source.host()),
    }
}

pub fn view(profile: &Profile) -> PopupView {
    let groups: Vec<Group> = Category::ALL
        .iter()
        .map(|&category| {
            let items: Vec<ItemView> = profile
                .in_category(category)
                .map(|item| {
                    let mut names: Vec<String> = Vec::new();
                    for s in &item.sources {
                        let name = source_name(s);
                        if !names.contains(&name) {
                            names.push(name);
                        }
                    }
                    let first = item.first_source();
                    ItemView {
                        id: item.id.to_string(),
                        text: item.text.clone(),
                        category: item.category.label(),
                        source: names.join(" + "),
                        edited: item.edited_at.map(|t| format!("Edited {}", t.date())),
                        heading: first.and_then(|s| s.heading.clone()),
                        captured: first.map_or(String::new(), |s| s.captured_at.date().to_string()),
                    }
                })
                .collect();
            Group {
                label: category.label(),
                count: items.len(),
                items,
            }
        })
        .collect();
    PopupView {
        total: profile.len(),
        categories: Category::ALL.map(|c| c.label()).to_vec(),
        undo: None,
        empty: profile.is_empty().then(|| EmptyState {
            title: "Your memory profile is empty",
            steps: vec![
                "Open your assistant's memory: Claude's Settings > Capabilities, Gemini's \
                 Saved info, or ChatGPT's Settings > Personalization.",
                "Press \"Save memory to memport\" there.",
                "Come back here to review what was saved, then send it to another assistant.",
            ],
        }),
        groups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::fixture::source;
    use crate::profile::MemoryItem;

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
            ("Claude", "2026-11-24")
        );
        assert_eq!(v.groups[5].items[0].text, "<b>not html</b>");
        assert_eq!(item.category, "Personal information");
        assert_eq!(item.edited, None);
        assert_eq!(v.categories.len(), 6);
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
        assert_eq!(items[0].edited.as_deref(), Some("Edited 2026-11-25"));
        assert_eq!(items[1].source, "Selected on Claude");
    }

    #[test]
    fn empty_profile_says_how_to_capture() {
        let v = view(&Profile::new());
        assert_eq!(v.total, 0);
        assert!(v.empty.unwrap().steps[1].contains("Save memory to memport"));
    }
}
