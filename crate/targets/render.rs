//! Writing the profile out in the form a target asks for.
//!
//! Each renderer keeps every item's text verbatim (inner line breaks folded to spaces, so one
//! entry stays one line) and drops nothing: an item always lands in exactly one section.

use crate::category::Category;
use crate::profile::{MemoryItem, Profile};

/// The sections Gemini's import prompt asks for, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum GeminiSection {
    Demographics,
    InterestsAndPreferences,
    Relationships,
    DatedEventsProjectsAndPlans,
    Instructions,
}

impl GeminiSection {
    pub const ALL: [GeminiSection; 5] = [
        GeminiSection::Demographics,
        GeminiSection::InterestsAndPreferences,
        GeminiSection::Relationships,
        GeminiSection::DatedEventsProjectsAndPlans,
        GeminiSection::Instructions,
    ];

    /// The label exactly as Gemini's prompt writes it.
    pub fn label(self) -> &'static str {
        match self {
            GeminiSection::Demographics => "Demographics Information",
            GeminiSection::InterestsAndPreferences => "Interests & Preferences",
            GeminiSection::Relationships => "Relationships",
            GeminiSection::DatedEventsProjectsAndPlans => "Dated Events, Projects & Plans",
            GeminiSection::Instructions => "Instructions",
        }
    }
}

const RELATION_WORDS: &[&str] = &[
    "partner",
    "wife",
    "husband",
    "spouse",
    "girlfriend",
    "boyfriend",
    "fiancé",
    "fiancée",
    "son",
    "daughter",
    "kids",
    "children",
    "child",
    "mother",
    "father",
    "mom",
    "dad",
    "mum",
    "sister",
    "brother",
    "sibling",
    "parents",
    "friend",
    "friends",
    "grandmother",
    "grandfather",
    "cousin",
];

/// Where an item goes in Gemini's import.
pub fn gemini_section(item: &MemoryItem) -> GeminiSection {
    match item.category {
        Category::ResponseInstructions | Category::BehavioralCorrections => {
            GeminiSection::Instructions
        }
        Category::TechnicalPreferences => GeminiSection::InterestsAndPreferences,
        Category::ProjectsAndGoals | Category::OtherContext => {
            GeminiSection::DatedEventsProjectsAndPlans
        }
        Category::PersonalInformation => {
            let lower = item.text.to_lowercase();
            let words: Vec<&str> = lower
                .split(|c: char| !c.is_alphanumeric() && c != 'é')
                .collect();
            if RELATION_WORDS.iter().any(|w| words.contains(w)) {
                GeminiSection::Relationships
            } else {
                GeminiSection::Demographics
            }
        }
    }
}

/// One entry in memport's own text exports (Markdown, plain text): on one line, and readable
/// back by "Import text" as exactly this text.
fn entry_line(text: &str) -> String {
    crate::lines::escape_entry(&one_line(text))
}

/// One entry per line: inner line breaks and runs of spaces folded.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text Gemini's "Paste your info here..." box takes: its five labeled sections in order
/// (empty ones left out), one `- entry` per line, ending `Imported from: memport`.
pub fn gemini_import<'a>(items: impl IntoIterator<Item = &'a MemoryItem>) -> String {
    let items: Vec<&MemoryItem> = items.into_iter().collect();
    let mut out = String::new();
    for section in GeminiSection::ALL {
        let entries: Vec<&&MemoryItem> = items
            .iter()
            .filter(|i| gemini_section(i) == section)
            .collect();
        if entries.is_empty() {
            continue;
        }
        out.push_str(section.label());
        out.push_str(":\n");
        for item in entries {
            out.push_str("- ");
            out.push_str(&one_line(&item.text));
            out.push('\n');
        }
        out.push('\n');
    }
    out.push_str("Imported from: memport");
    out
}

/// Entries one per line as `- text` under their category labels, categories in display
/// order: what Claude's memory import box takes, in the form Anthropic's export prompt asks
/// other assistants for (`[date] - text` once items carry the date they were saved).
pub fn category_lines<'a>(items: impl IntoIterator<Item = &'a MemoryItem>) -> String {
    let items: Vec<&MemoryItem> = items.into_iter().collect();
    let mut sections = Vec::new();
    for category in Category::ALL {
        let lines: Vec<String> = items
            .iter()
            .filter(|i| i.category == category)
            .map(|item| format!("- {}", entry_line(&item.text)))
            .collect();
        if !lines.is_empty() {
            sections.push(format!("{}:\n{}", category.label(), lines.join("\n")));
        }
    }
    sections.join("\n\n")
}

/// A chat message asking the assistant to remember the entries, listed under their
/// category labels.
pub fn chat_message<'a>(items: impl IntoIterator<Item = &'a MemoryItem>) -> String {
    format!(
        "Please remember the following about me for our future conversations. Save each line \
         to your memory as it is written.\n\n{}",
        category_lines(items)
    )
}

/// One entry per line and nothing else, in the order given: for fields with a character
/// limit (ChatGPT's custom instructions), where every character counts.
pub fn plain_lines<'a>(items: impl IntoIterator<Item = &'a MemoryItem>) -> String {
    items
        .into_iter()
        .map(|item| one_line(&item.text))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The profile as Markdown: a heading per category (with its count), a bullet per item.
pub fn markdown(profile: &Profile) -> String {
    let mut out = String::from("# My memory (memport)\n");
    for category in Category::ALL {
        let items: Vec<&MemoryItem> = profile.in_category(category).collect();
        if items.is_empty() {
            continue;
        }
        out.push_str(&format!("\n## {}\n\n", category.label()));
        for item in items {
            out.push_str("- ");
            out.push_str(&entry_line(&item.text));
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::fixture::item;

    #[test]
    fn gemini_sections_in_order_one_entry_per_line() {
        let items = [
            item("Prefers concise answers.", Category::ResponseInstructions),
            item("Lives in Lisbon.", Category::PersonalInformation),
            item(
                "Lives with her partner Jonas.",
                Category::PersonalInformation,
            ),
            item("Uses Neovim\nand tmux.", Category::TechnicalPreferences),
            item("Migrating billing to Flink.", Category::ProjectsAndGoals),
            item("Stop suggesting pandas.", Category::BehavioralCorrections),
        ];
        assert_eq!(
            gemini_import(&items),
            "Demographics Information:\n- Lives in Lisbon.\n\n\
             Interests & Preferences:\n- Uses Neovim and tmux.\n\n\
             Relationships:\n- Lives with her partner Jonas.\n\n\
             Dated Events, Projects & Plans:\n- Migrating billing to Flink.\n\n\
             Instructions:\n- Prefers concise answers.\n- Stop suggesting pandas.\n\n\
             Imported from: memport"
        );
    }

    #[test]
    fn empty_profile_still_says_where_it_came_from() {
        assert_eq!(gemini_import(&[]), "Imported from: memport");
    }

    #[test]
    fn plain_lines_are_one_entry_per_line() {
        let items = [
            item("Keep answers\nshort.", Category::ResponseInstructions),
            item("Lives in Leeds.", Category::PersonalInformation),
        ];
        assert_eq!(plain_lines(&items), "Keep answers short.\nLives in Leeds.");
        assert_eq!(plain_lines(&[]), "");
    }

    #[test]
    fn claude_import_groups_under_category_labels() {
        let p = crate::profile::fixture::profile(&[
            ("Runs half-marathons.", Category::OtherContext),
            (
                "Answer in\nBritish English.",
                Category::ResponseInstructions,
            ),
            ("Prefers metric units.", Category::ResponseInstructions),
        ]);
        assert_eq!(
            category_lines(&p.items),
            "Response instructions:\n- Answer in British English.\n- Prefers metric units.\n\n\
             Other context:\n- Runs half-marathons."
        );
    }

    #[test]
    fn markdown_groups_by_category() {
        let p = crate::profile::fixture::profile(&[
            ("Runs half-marathons.", Category::OtherContext),
            ("Prefers metric units.", Category::ResponseInstructions),
        ]);
        assert_eq!(
            markdown(&p),
            "# My memory (memport)\n\n## Response instructions\n\n- Prefers metric units.\n\
             \n## Other context\n\n- Runs half-marathons.\n"
        );
    }
}
