//! Which category a line of memory belongs to, by rules a person can follow.
//!
//! The heading a line stood under is the first guide (the site file maps headings to
//! categories). A line that plainly says how to answer, or corrects the assistant, goes to
//! those categories whatever its heading, because that is what the next assistant most needs
//! to obey. Tool and language preferences go to "Technical preferences". Every decision
//! carries the rule that made it, so the popup can show why.

use crate::category::Category;

/// A category and the rule that chose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Verdict {
    pub category: Category,
    pub reason: &'static str,
}

const CORRECTION: &[&str] = &[
    "stop ",
    "stopped",
    "no longer",
    "not anymore",
    "instead of",
    "instead",
    "corrected",
    "correction",
    "was wrong",
    "don't assume",
    "do not assume",
    "asked not to",
    "asked claude not",
    "asked chatgpt not",
    "asked gemini not",
    "reminded",
    "don't bring up",
    "do not bring up",
    "don't mention",
    "do not mention",
];

const RESPONSE_SUBJECT: &[&str] = &[
    "answer",
    "answers",
    "response",
    "responses",
    "reply",
    "replies",
    "respond",
    "explain",
    "explanations",
    "tone",
    "format",
    "formatting",
    "emoji",
    "emojis",
    "bullet points",
    "concise",
    "verbose",
    "brief",
    "spelling",
    "citations",
    "sources",
    "examples",
    "units",
    "metric",
    "imperial",
    "24-hour",
    "date format",
];

const RESPONSE_VERB: &[&str] = &[
    "prefers",
    "prefer",
    "wants",
    "want",
    "likes",
    "like",
    "always",
    "never",
    "please",
    "should",
    "use ",
    "uses",
    "keep",
    "avoid",
    "asks for",
    "asked for",
    "expects",
];

const TECH_VERB: &[&str] = &[
    "uses",
    "use",
    "prefers",
    "prefer",
    "likes",
    "writes",
    "codes in",
    "works in",
    "programs in",
    "favours",
    "favors",
    "editor",
    "ide",
    "stack",
    "daily driver",
    "switched to",
    "switched from",
];

const TECH_TERM: &[&str] = &[
    "python",
    "rust",
    "typescript",
    "javascript",
    "java",
    "kotlin",
    "swift",
    "golang",
    "c++",
    "c#",
    "ruby",
    "php",
    "haskell",
    "scala",
    "elixir",
    "sql",
    "postgres",
    "postgresql",
    "mysql",
    "sqlite",
    "react",
    "vue",
    "svelte",
    "angular",
    "django",
    "flask",
    "fastapi",
    "rails",
    "node",
    "deno",
    "linux",
    "macos",
    "windows",
    "neovim",
    "vim",
    "emacs",
    "vs code",
    "vscode",
    "intellij",
    "jetbrains",
    "docker",
    "kubernetes",
    "terraform",
    "aws",
    "gcp",
    "azure",
    "git",
    "polars",
    "pandas",
    "numpy",
    "pytorch",
    "tensorflow",
    "jupyter",
    "excel",
    "figma",
    "notion",
    "obsidian",
    "latex",
    "markdown",
    "bash",
    "zsh",
    "fish",
    "tmux",
    "kafka",
    "flink",
    "spark",
    "dbt",
    "airflow",
    "tailwind",
    "nix",
];

// Guesses for lines with no heading to go by (a saved-info list, a pasted answer).
const PERSONAL: &[&str] = &[
    "call me",
    "allergic",
    "vegetarian",
    "vegan",
    "lives in",
    "live in",
    "i live",
    "born",
    "years old",
    "married",
    "daughter",
    "son",
    "partner",
    "wife",
    "husband",
    "kids",
    "children",
    "mother",
    "father",
    "work as",
    "works as",
    "my name",
    "pronouns",
    "nationality",
    "speaks",
    "i speak",
];

const PROJECTS: &[&str] = &[
    "training for",
    "working on",
    "building",
    "preparing",
    "planning",
    "plans to",
    "launching",
    "deadline",
    "goal",
    "project",
    "learning",
    "studying",
    "migrating",
    "writing a",
];

const PERSONAL_WEAK: &[&str] = &["i'm", "i am", "my ", "i have", "i own"];

/// Whether `phrase` occurs in `lower` (already lowercase) starting at a word boundary.
fn has(lower: &str, phrase: &str) -> bool {
    lower.match_indices(phrase).any(|(i, _)| {
        let before_ok = lower[..i]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let after = &lower[i + phrase.len()..];
        let after_ok =
            phrase.ends_with(' ') || after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        before_ok && after_ok
    })
}

fn any(lower: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| has(lower, p))
}

/// The category of `line`, which stood under a heading of category `under` (if any).
pub fn classify(line: &str, under: Option<Category>) -> Verdict {
    let lower = line.to_lowercase();
    if any(&lower, CORRECTION) {
        return Verdict {
            category: Category::BehavioralCorrections,
            reason: "it corrects the assistant (\"stop\", \"instead\", \"no longer\"...)",
        };
    }
    if any(&lower, RESPONSE_SUBJECT) && any(&lower, RESPONSE_VERB) {
        return Verdict {
            category: Category::ResponseInstructions,
            reason: "it says how answers should be (\"prefers\", \"always\"... with \"answers\", \"tone\", \"format\"...)",
        };
    }
    if any(&lower, TECH_VERB) && any(&lower, TECH_TERM) {
        return Verdict {
            category: Category::TechnicalPreferences,
            reason: "it names a tool or language the person uses or prefers",
        };
    }
    if let Some(category) = under {
        return Verdict {
            category,
            reason: "the heading it stood under",
        };
    }
    if any(&lower, PERSONAL) {
        return Verdict {
            category: Category::PersonalInformation,
            reason: "it is about the person (family, diet, home, work they do...)",
        };
    }
    if any(&lower, PROJECTS) {
        return Verdict {
            category: Category::ProjectsAndGoals,
            reason: "it names something under way (\"working on\", \"training for\", \"goal\"...)",
        };
    }
    if any(&lower, PERSONAL_WEAK) {
        return Verdict {
            category: Category::PersonalInformation,
            reason: "it is said in the first person about the person",
        };
    }
    Verdict {
        category: Category::OtherContext,
        reason: "no rule matched, so it is kept as other context",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Category::*;

    fn cat(line: &str, under: Option<Category>) -> Category {
        classify(line, under).category
    }

    #[test]
    fn heading_decides_plain_lines() {
        assert_eq!(
            cat(
                "Lives in Lisbon with her partner Jonas.",
                Some(PersonalInformation)
            ),
            PersonalInformation
        );
        assert_eq!(
            cat(
                "Migrating the billing pipeline to Flink before the Q1 freeze.",
                Some(ProjectsAndGoals)
            ),
            ProjectsAndGoals
        );
        assert_eq!(cat("Moved from Berlin in 2024.", None), OtherContext);
    }

    #[test]
    fn instructions_and_corrections_win_over_headings() {
        assert_eq!(
            cat(
                "Prefers concise answers with the code first and no emoji.",
                Some(PersonalInformation)
            ),
            ResponseInstructions
        );
        assert_eq!(
            cat(
                "Asked Claude to stop suggesting pandas; she uses Polars instead.",
                Some(ProjectsAndGoals)
            ),
            BehavioralCorrections
        );
        assert_eq!(
            cat(
                "Writes Python and Rust daily and uses Neovim.",
                Some(ProjectsAndGoals)
            ),
            TechnicalPreferences
        );
        assert_eq!(
            cat(
                "Uses metric units and 24-hour time.",
                Some(PersonalInformation)
            ),
            ResponseInstructions
        );
    }

    #[test]
    fn lines_without_a_heading_are_guessed() {
        assert_eq!(
            cat("I'm vegetarian and allergic to cashews.", None),
            PersonalInformation
        );
        assert_eq!(
            cat(
                "My daughter Ines is starting primary school in September 2027.",
                None
            ),
            PersonalInformation
        );
        assert_eq!(
            cat("I'm training for the Lisbon marathon in October.", None),
            ProjectsAndGoals
        );
        assert_eq!(
            cat(
                "I work as a product designer at a fintech startup in Porto.",
                None
            ),
            PersonalInformation
        );
        assert_eq!(
            cat("Always answer in British English.", None),
            ResponseInstructions
        );
        assert_eq!(
            cat(
                "Don't suggest Medium articles; link official documentation instead.",
                None
            ),
            BehavioralCorrections
        );
        assert_eq!(
            cat("Prefers Figma and Linear; uses a MacBook Air.", None),
            TechnicalPreferences
        );
        assert_eq!(cat("The sky was grey.", None), OtherContext);
        // A heading still decides over a guess.
        assert_eq!(
            cat("My partner is Jonas.", Some(OtherContext)),
            OtherContext
        );
    }

    #[test]
    fn the_persons_own_edits_are_filed_too() {
        assert_eq!(
            cat("Don't bring up my previous job at Northwind Traders.", None),
            BehavioralCorrections
        );
        assert_eq!(
            cat("Call me Maya, not Ms. Costa.", None),
            PersonalInformation
        );
        assert_eq!(
            cat("I switched from Neovim to Helix in November 2026.", None),
            TechnicalPreferences
        );
        assert_eq!(
            cat("Stop suggesting weekend work plans.", None),
            BehavioralCorrections
        );
    }

    #[test]
    fn words_match_whole() {
        // "instruct" is not "stop"; "javascript" is not "java" at a boundary it shares.
        assert_eq!(
            cat("Runs a bus stopover café.", Some(PersonalInformation)),
            PersonalInformation
        );
        assert!(has("uses javascript", "javascript"));
        assert!(!has("uses javascript", "java"));
        assert!(has("c++ is fine", "c++"));
    }
}
