//! The rarer work, done in a WebAssembly module of its own: reading a text or file into
//! memories ("Import text", the open formats), the data export's preview and add, judging the
//! reply "Capture the answer" read, "Check this page", and writing the open formats.
//!
//! The core module is compiled each time the browser wakes the service worker and each time
//! the popup opens; this work is used now and then, and its parsers and formats weigh. So the
//! core hands it over as a [`Job`] (JSON in) and gets a [`Done`] back (JSON out), through the
//! extra module (`pkg/memport_extra.js`, built with the `web-extra` feature from
//! `crate/web/extra.rs`), which the worker and the popup instantiate the first time they need
//! it. A job is pure: it gets the profile's JSON as stored, reads it as the core does, and
//! answers with what to store, so every change to the profile still waits its turn in the
//! core's one queue.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use time::OffsetDateTime;

use crate::answer::{self, AnswerRead};
use crate::check::{self, Found};
use crate::export::{self, Recovered};
use crate::formats;
use crate::i18n::t;
use crate::messages::Reply;
use crate::picker::Picks;
use crate::profile::Profile;
use crate::text_import::{self, ImportError, Reading};

/// Work the core hands to the extra module. `profile` is the stored profile's JSON as stored
/// (empty when there is none).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Job {
    /// "Import text", step one: a [`Reply`] with what the text holds, against the profile.
    PreviewImport {
        text: String,
        /// The chat page "Capture the answer" read `text` off, when it did.
        answer_url: Option<String>,
        profile: String,
    },
    /// "Import text", step two: the profile with the text's memories added.
    ImportText {
        text: String,
        answer_url: Option<String>,
        profile: String,
    },
    /// "Import an export": a [`Reply`] with what the recovered memories would add.
    PreviewDataExport { items: Value, profile: String },
    /// "Import an export": the profile with the recovered memories the person kept.
    ImportDataExport { items: Value, profile: String },
    /// "Capture the answer", step one: what the page code should read on `url`.
    AnswerPlan { url: String },
    /// "Capture the answer", step two: a [`Reply`] with the answer in what the page code read
    /// on `url`, or why there is none.
    JudgeAnswer { url: String, read: Value },
    /// "Check this page", step one: what the page code should look for on `url`.
    CheckProbes { url: String, picks: Picks },
    /// "Check this page", step two: a [`Reply`] with the report on what it found.
    CheckReport {
        url: String,
        picks: Picks,
        found: Value,
    },
    /// "Download as PAM (JSON)": the file's text.
    WritePam { profile: String },
    /// "Download as MCP memory (JSONL)": `{text, withheld}`.
    WriteMcp { profile: String },
    /// "Download as Anthropic's import format (text)": `{text, withheld}`.
    WriteAnthropic { profile: String },
    /// What open format `text` is in ("a Portable AI Memory (PAM) file"), or null.
    FileLabel { text: String },
}

/// What a [`Job`] came to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Done {
    /// A value for whoever asked, as is: a [`Reply`], a file's text.
    Value(Value),
    /// The profile changed into `profile` (its JSON); `label` names the step that undoes it.
    Changed {
        profile: String,
        message: String,
        label: String,
    },
    /// Nothing was done, and why.
    Refused { message: String },
    /// What the page code is to do on `site`'s page next (its plan or probes).
    Page { site: String, plan: Value },
}

impl Done {
    fn reply(reply: &Reply) -> Done {
        Done::Value(serde_json::to_value(reply).unwrap_or(Value::Null))
    }

    /// What to say of an answer of another kind than its job's: a bug between the modules,
    /// never the person's doing.
    pub fn wrong_kind() -> String {
        t("extra_failed", &[&"an answer of the wrong kind"])
    }

    fn refused(e: impl std::fmt::Display) -> Done {
        Done::Refused {
            message: e.to_string(),
        }
    }
}

/// Does `job`, `now` being the time to stamp on what it adds.
pub fn run(job: Job, now: OffsetDateTime) -> Done {
    match job {
        Job::PreviewImport {
            text,
            answer_url,
            profile,
        } => match (
            read_text(&text, answer_url.as_deref(), now),
            profile_of(&profile),
        ) {
            (Ok(reading), Ok(profile)) => Done::reply(&Reply::Preview {
                preview: text_import::preview_reading(&reading, &profile),
            }),
            (Err(e), _) => Done::reply(&Reply::notice(false, e.to_string())),
            (_, Err(e)) => Done::reply(&Reply::notice(false, e)),
        },
        Job::ImportText {
            text,
            answer_url,
            profile,
        } => change(&profile, |p| {
            let reading = read_text(&text, answer_url.as_deref(), now)?;
            text_import::add_reading(reading, now, p)
        }),
        Job::PreviewDataExport { items, profile } => {
            match (recovered(items), profile_of(&profile)) {
                (Ok(items), Ok(profile)) => Done::reply(&Reply::Preview {
                    preview: export::preview(&items, &profile),
                }),
                (Err(e), _) | (_, Err(e)) => Done::reply(&Reply::notice(false, e)),
            }
        }
        Job::ImportDataExport { items, profile } => {
            let items = match recovered(items) {
                Ok(items) => items,
                Err(e) => return Done::Refused { message: e },
            };
            change(&profile, |p| {
                Ok::<_, ImportError>(export::into_profile(&items, now, p))
            })
        }
        Job::AnswerPlan { url } => match answer::plan_for(&url) {
            Ok(plan) => Done::Page {
                site: plan.site_name.clone(),
                plan: serde_json::to_value(&plan).unwrap_or(Value::Null),
            },
            Err(e) => Done::refused(e),
        },
        Job::JudgeAnswer { url, read } => {
            let judged = answer::plan_for(&url).and_then(|plan| {
                let read = crate::json::from_value::<AnswerRead>(read).map_err(|e| {
                    answer::AnswerError::PageCode {
                        site: plan.site_name.clone(),
                        detail: e.to_string(),
                    }
                })?;
                answer::judge(&plan, read)
            });
            match judged {
                Ok(answer) => Done::reply(&Reply::Answer { answer }),
                Err(e) => Done::reply(&Reply::notice(false, e.to_string())),
            }
        }
        Job::CheckProbes { url, picks } => match check::probes(&url, &picks) {
            Ok((site, probes)) => Done::Page {
                site,
                plan: serde_json::to_value(&probes).unwrap_or(Value::Null),
            },
            Err(report) => Done::reply(&Reply::Check { report }),
        },
        Job::CheckReport { url, picks, found } => {
            let report = match check::probes(&url, &picks) {
                Err(report) => report,
                Ok((site, probes)) => match crate::json::from_value::<Vec<Found>>(found) {
                    Ok(found) if found.len() == probes.len() => check::Report {
                        forget: check::forget_offer(&url, &picks),
                        ..check::report(&site, &probes, &found)
                    },
                    _ => check::problem(t("check_wrong_parts", &[])),
                },
            };
            Done::reply(&Reply::Check { report })
        }
        Job::WritePam { profile } => match profile_of(&profile) {
            Ok(p) => Done::Value(Value::String(formats::pam::write(&p, now))),
            Err(e) => Done::Refused { message: e },
        },
        Job::WriteMcp { profile } => written(&profile, |p| formats::mcp::write(p, false)),
        Job::WriteAnthropic { profile } => {
            written(&profile, |p| formats::anthropic::write(p, false))
        }
        Job::FileLabel { text } => {
            Done::Value(formats::file_label(&text).map_or(Value::Null, Value::String))
        }
    }
}

/// The profile the core handed over.
fn profile_of(json: &str) -> Result<Profile, String> {
    Profile::from_json(Some(json)).map_err(|e| e.to_string())
}

/// What "Import text" holds, read at `now`; of the chat page `answer_url` when "Capture the
/// answer" read it there.
fn read_text(
    text: &str,
    answer_url: Option<&str>,
    now: OffsetDateTime,
) -> Result<Reading, ImportError> {
    let reading = text_import::read_at(text, now)?;
    Ok(match answer_url {
        Some(url) => reading.read_off(url),
        None => reading,
    })
}

/// The memories recovered from a data export, as the options page got them from the export
/// worker (`crate::web::data_export`, in the export module).
fn recovered(items: Value) -> Result<Vec<Recovered>, String> {
    crate::json::from_value(items).map_err(|e| t("export_gave_unreadable", &[&e]))
}

/// Applies `edit` (which answers with its message and the label of the step that undoes it)
/// to the profile `json`.
fn change<E: std::fmt::Display>(
    json: &str,
    edit: impl FnOnce(&mut Profile) -> Result<(String, String), E>,
) -> Done {
    let mut profile = match profile_of(json) {
        Ok(p) => p,
        Err(message) => return Done::Refused { message },
    };
    match edit(&mut profile) {
        Ok((message, label)) => Done::Changed {
            profile: profile.to_json(),
            message,
            label,
        },
        Err(e) => Done::refused(e),
    }
}

/// A file written for a model, without the memories marked sensitive, as `{text, withheld}`.
fn written(json: &str, write: fn(&Profile) -> formats::Written) -> Done {
    match profile_of(json) {
        Ok(p) => {
            let file = write(&p);
            Done::Value(serde_json::json!({ "text": file.text, "withheld": file.withheld }))
        }
        Err(message) => Done::Refused { message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    const NOW: OffsetDateTime = datetime!(2026-12-05 12:00 UTC);

    /// A job as the core sends it and its answer as the core reads it: through JSON.
    fn through_json(job: Job) -> Done {
        let job: Job = crate::json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        let done = serde_json::to_string(&run(job, NOW)).unwrap();
        crate::json::from_str(&done).unwrap()
    }

    #[test]
    fn import_text_answers_with_the_changed_profile() {
        let empty = Profile::new().to_json();
        let text = "- I live in Lyon\n- I prefer short answers";
        let Done::Changed {
            profile, message, ..
        } = through_json(Job::ImportText {
            text: text.into(),
            answer_url: None,
            profile: empty.clone(),
        })
        else {
            panic!("not changed");
        };
        let after = Profile::from_json(Some(&profile)).unwrap();
        assert_eq!(after.len(), 2, "{message}");
        // The same text and profile, changed here directly: the same profile.
        let mut direct = Profile::new();
        text_import::into_profile(text, NOW, &mut direct).unwrap();
        assert_eq!(after, direct);
    }

    #[test]
    fn a_preview_is_a_reply_the_popup_reads() {
        let Done::Value(reply) = through_json(Job::PreviewImport {
            text: "- I live in Lyon".into(),
            answer_url: None,
            profile: Profile::new().to_json(),
        }) else {
            panic!("no reply");
        };
        assert_eq!(reply["kind"], "preview");
        assert_eq!(reply["preview"]["new"], 1);
        // Sent on as the worker's reply: the same JSON, not wrapped.
        let sent = serde_json::to_value(Reply::Verbatim(reply.clone())).unwrap();
        assert_eq!(sent, reply);
    }

    #[test]
    fn what_cannot_be_read_is_refused_with_its_reason() {
        let empty = Profile::new().to_json();
        let text = through_json(Job::ImportText {
            text: "   ".into(),
            answer_url: None,
            profile: empty.clone(),
        });
        assert!(matches!(text, Done::Refused { .. }), "{text:?}");
        let items = through_json(Job::ImportDataExport {
            items: serde_json::json!([{ "text": 3 }]),
            profile: empty,
        });
        assert!(
            matches!(&items, Done::Refused { message } if !message.is_empty()),
            "{items:?}"
        );
        let profile = through_json(Job::WritePam {
            profile: "{not json".into(),
        });
        assert!(matches!(profile, Done::Refused { .. }), "{profile:?}");
    }

    #[test]
    fn a_check_off_the_assistants_sites_is_reported_at_once() {
        let Done::Value(reply) = through_json(Job::CheckProbes {
            url: "https://example.com/".into(),
            picks: Picks::default(),
        }) else {
            panic!("no report");
        };
        assert_eq!(reply["kind"], "check");
        assert_eq!(reply["report"]["ok"], false);
    }

    #[test]
    fn files_for_a_model_say_what_they_withheld() {
        let mut p = Profile::new();
        text_import::into_profile("- I live in Lyon", NOW, &mut p).unwrap();
        let Done::Value(file) = through_json(Job::WriteMcp {
            profile: p.to_json(),
        }) else {
            panic!("no file");
        };
        assert!(file["text"].as_str().unwrap().contains("Lyon"));
        assert_eq!(file["withheld"], 0);
    }
}
