//! Putting the profile into a target's import box: the plan the page code carries out, and
//! the judgement of what it reports.
//!
//! The page code finds the box with the site's locators, asks the person before touching
//! text already there, inserts the way the editor's own input handling registers, and reads
//! the box back. It never presses the target's submit button; the message tells the person
//! to review and press it themselves.

use serde::{Deserialize, Serialize};

use crate::profile::Profile;
use crate::render;
use crate::sites::{self, Assistant, EditorKind, ImportFormat, Locator};

/// What the page code does on the target page.
#[derive(Clone, Debug, Serialize)]
pub struct FillPlan {
    /// The page must be the top frame of exactly this origin.
    pub origin: String,
    pub target: Vec<Locator>,
    /// Pressed when the box has not appeared after `open_after_ms` (a dialog's button).
    pub open: Vec<Locator>,
    pub open_after_ms: u32,
    pub editor: EditorKind,
    pub text: String,
    pub wait_ms: u32,
    /// Put between the person's own text and memport's when they choose to keep both.
    pub separator: &'static str,
    /// The question shown when the box already holds other text.
    pub ask: Ask,
}

/// The in-page question before anything already typed is touched.
#[derive(Clone, Debug, Serialize)]
pub struct Ask {
    pub question: String,
    pub replace: &'static str,
    pub append: &'static str,
    pub keep: &'static str,
    /// Unanswered for this long, the box is left alone (the worker cannot wait for ever).
    pub answer_within_ms: u32,
}

/// How the box was filled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FillMode {
    /// The box was empty.
    Empty,
    /// The person chose to replace what was there.
    Replaced,
    /// The person chose to keep what was there and add memport's text after it.
    Appended,
    /// The box already held exactly this text.
    AlreadyThere,
}

/// What the page code reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FillOutcome {
    Filled {
        found_by: String,
        mode: FillMode,
        /// The box's text before filling.
        before: String,
        /// The box's text after filling, read back from the page.
        read_back: String,
    },
    /// The box held other text and the person chose to leave it.
    KeptExisting,
    /// No locator found the box in time.
    NotFound { detail: String },
    /// The page was not the top frame of the plan's origin.
    WrongPage { url: String },
}

/// Why there is nothing to fill.
#[derive(Debug, PartialEq, Eq)]
pub enum SendError {
    EmptyProfile,
    NoImportPage { name: String },
}

impl std::fmt::Display for SendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SendError::EmptyProfile => f.write_str(
                "Your memport profile is empty, so there is nothing to send. Open your \
                 assistant's memory page (Claude's Settings > Capabilities, Gemini's Saved info, \
                 ChatGPT's Settings > Personalization) and press \"Save memory to memport\" \
                 first.",
            ),
            SendError::NoImportPage { name } => write!(
                f,
                "memport cannot fill {name}'s memory yet: memport does not know a page where \
                 {name} takes memory in."
            ),
        }
    }
}

impl std::error::Error for SendError {}

/// A message for the person, and whether things went as they wanted.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    pub ok: bool,
    pub message: String,
}

/// Everything the worker needs to send the profile to `target`.
#[derive(Clone, Debug)]
pub struct Send {
    pub target: Assistant,
    pub name: String,
    pub url: String,
    pub url_patterns: Vec<String>,
    pub box_label: String,
    pub submit_label: String,
    pub count: usize,
    pub plan: FillPlan,
}

/// The plan for sending `profile` to `target`.
pub fn prepare(target: Assistant, profile: &Profile) -> Result<Send, SendError> {
    let (site, page) = sites::import_page(target).ok_or_else(|| SendError::NoImportPage {
        name: sites::get(target).map_or_else(|| format!("{target:?}"), |s| s.name.clone()),
    })?;
    if profile.is_empty() {
        return Err(SendError::EmptyProfile);
    }
    let text = match page.format {
        ImportFormat::GeminiSections => render::gemini_import(&profile.items),
        ImportFormat::CategoryLines => render::claude_import(profile),
    };
    Ok(Send {
        target,
        name: site.name.clone(),
        url: page.url.clone(),
        url_patterns: page.url_patterns.clone(),
        box_label: page.box_label.clone(),
        submit_label: page.submit_label.clone(),
        count: profile.len(),
        plan: FillPlan {
            origin: site.origin.clone(),
            target: page.target.clone(),
            open: page.open.clone(),
            // Pages that open their own dialog from the URL get a moment to do it first.
            open_after_ms: 1500,
            editor: page.editor,
            text,
            wait_ms: page.wait_ms,
            separator: "\n\n",
            ask: Ask {
                question: format!(
                    "{}'s box already has text in it. What should memport do with it?",
                    site.name
                ),
                replace: "Replace it",
                append: "Keep it and add below",
                keep: "Leave the box alone",
                answer_within_ms: 4 * 60 * 1000,
            },
        },
    })
}

/// Line endings and trailing space differ between editors without changing the text.
fn comparable(text: &str) -> String {
    text.replace("\r\n", "\n").trim_end().to_string()
}

impl Send {
    fn entries(&self) -> String {
        let noun = if self.count == 1 {
            "memory"
        } else {
            "memories"
        };
        format!("{} {noun}", self.count)
    }

    /// What to tell the person about `outcome`.
    pub fn judge(&self, outcome: &FillOutcome) -> Notice {
        let (name, submit) = (&self.name, &self.submit_label);
        match outcome {
            FillOutcome::Filled {
                mode,
                before,
                read_back,
                ..
            } => {
                let expected = match mode {
                    FillMode::Appended => {
                        format!("{before}{}{}", self.plan.separator, self.plan.text)
                    }
                    _ => self.plan.text.clone(),
                };
                if comparable(read_back) != comparable(&expected) {
                    return Notice {
                        ok: false,
                        message: format!(
                            "{name}'s box did not take the text exactly ({} of {} characters \
                             read back). Check the box before you press \"{submit}\", or use \
                             Copy as Markdown and paste it yourself.",
                            read_back.chars().count(),
                            expected.chars().count()
                        ),
                    };
                }
                let how = match mode {
                    FillMode::AlreadyThere => "already holds",
                    FillMode::Appended => "now holds your text and, below it,",
                    _ => "now holds",
                };
                Notice {
                    ok: true,
                    message: format!(
                        "{name}'s import box {how} {}. Review it, then press \"{submit}\" \
                         yourself: memport never presses it for you.",
                        self.entries()
                    ),
                }
            }
            FillOutcome::KeptExisting => Notice {
                ok: false,
                message: format!(
                    "The box on {name}'s import page was left as it was. Send again when you \
                     want memport to fill it."
                ),
            },
            FillOutcome::NotFound { detail } => Notice {
                ok: false,
                message: format!(
                    "memport could not find {name}'s \"{}\" box ({detail}). Your memory is on \
                     the clipboard: paste it into the box on {}, then press \"{submit}\".",
                    self.box_label, self.url
                ),
            },
            FillOutcome::WrongPage { url } => Notice {
                ok: false,
                message: format!(
                    "memport only fills {name}'s own import page, and the tab showed {url}. \
                     Your memory is on the clipboard: paste it on {}.",
                    self.url
                ),
            },
        }
    }

    /// Whether the text should go to the clipboard instead.
    pub fn wants_clipboard(outcome: &FillOutcome) -> bool {
        matches!(
            outcome,
            FillOutcome::NotFound { .. } | FillOutcome::WrongPage { .. }
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::category::Category;

    fn profile() -> Profile {
        crate::profile::fixture::profile(&[
            ("Lives in Lisbon.", Category::PersonalInformation),
            ("Prefers short answers.", Category::ResponseInstructions),
        ])
    }

    fn filled(mode: FillMode, before: &str, read_back: &str) -> FillOutcome {
        FillOutcome::Filled {
            found_by: "css".into(),
            mode,
            before: before.into(),
            read_back: read_back.into(),
        }
    }

    #[test]
    fn gemini_plan_carries_the_import_text() {
        let send = prepare(Assistant::Gemini, &profile()).unwrap();
        assert_eq!(send.plan.origin, "https://gemini.google.com");
        assert!(send.plan.text.ends_with("Imported from: memport"));
        assert!(send
            .plan
            .text
            .contains("Instructions:\n- Prefers short answers."));
        assert_eq!(send.count, 2);
        assert_eq!(
            prepare(Assistant::Gemini, &Profile::new()).unwrap_err(),
            SendError::EmptyProfile
        );
    }

    #[test]
    fn judging_fills() {
        let send = prepare(Assistant::Gemini, &profile()).unwrap();
        let text = send.plan.text.clone();
        let ok = send.judge(&filled(FillMode::Empty, "", &text.replace('\n', "\r\n")));
        assert!(ok.ok, "{}", ok.message);
        assert!(ok.message.contains("press \"Add memory\" yourself"));
        assert!(ok.message.contains("2 memories"));
        let short = send.judge(&filled(FillMode::Empty, "", &text[..10]));
        assert!(!short.ok && short.message.contains("did not take the text exactly"));
        let both = format!("Mine\n\n{text}");
        assert!(send.judge(&filled(FillMode::Appended, "Mine", &both)).ok);
        assert!(!send.judge(&filled(FillMode::Appended, "Mine", &text)).ok);
        let missing = FillOutcome::NotFound {
            detail: "no textarea".into(),
        };
        let m = send.judge(&missing);
        assert!(!m.ok && m.message.contains("on the clipboard"));
        assert!(m.message.contains("\"Paste your info here...\""));
        assert!(Send::wants_clipboard(&missing));
        assert!(!Send::wants_clipboard(&FillOutcome::KeptExisting));
    }
}
