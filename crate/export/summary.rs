//! What the person reads of an import: the progress line under the bar and the summary at
//! the end, in the same words on the options page and from `memport import`.

use serde::Serialize;

use super::{Outcome, Progress, Report};
use crate::i18n::{self, t, tn};

/// A byte count as the person reads it: "0.4 MB", "12.5 MB", "456 MB", "1,234 MB" (in
/// French "0,4 Mo", "1 234 Mo").
pub fn megabytes(bytes: u64) -> String {
    let mb = bytes as f64 / 1e6;
    let n = if mb < 10.0 {
        i18n::decimal(mb)
    } else {
        i18n::number(mb.round() as usize)
    };
    t("megabytes", &[&n])
}

/// `n` of what message `id` counts ("2,345 conversations"), in the thread's language.
fn counted(id: &str, n: u64) -> String {
    tn(id, n as usize, &[&i18n::number(n as usize)])
}

/// What the page shows while reading: the bar's value and maximum, and the words under it.
#[derive(Debug, Serialize)]
pub struct ProgressView<'a> {
    pub file: &'a str,
    pub done: u64,
    pub total: u64,
    /// "123 MB of 456 MB · 2,345 conversations".
    pub text: String,
}

pub fn progress_view(p: &Progress) -> ProgressView<'_> {
    ProgressView {
        file: &p.file,
        done: p.bytes_done,
        total: p.bytes_total,
        text: t(
            "export_progress",
            &[
                &megabytes(p.bytes_done),
                &megabytes(p.bytes_total),
                &counted("conversations", p.conversations),
            ],
        ),
    }
}

/// The summary the page shows at the end, written from [`Report`].
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Sentences, in order.
    pub lines: Vec<String>,
    /// Files (and ZIP entries) read, and skipped as holding no memory, by name.
    pub read: Vec<String>,
    pub skipped: Vec<String>,
    /// Each fault as one line: file, conversation, byte offset, what is wrong.
    pub faults: Vec<String>,
    /// Said instead of a preview when nothing was recovered.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nothing: Option<String>,
}

pub fn summary(outcome: &Outcome) -> Summary {
    let r: &Report = &outcome.report;
    let mut lines = vec![t(
        "export_read",
        &[
            &counted("files", r.read.len() as u64),
            &megabytes(r.json_bytes),
            &counted("conversations", r.conversations),
        ],
    )];
    if !r.skipped.is_empty() {
        lines.push(t(
            "export_skipped",
            &[&counted("files", r.skipped.len() as u64)],
        ));
    }
    if r.unknown > 0 {
        lines.push(counted("export_unknown", r.unknown));
    }
    if !r.faults.is_empty() {
        lines.push(counted("export_faults", r.faults.len() as u64));
    }
    let nothing = outcome.items.is_empty().then(|| {
        if r.read.is_empty() {
            t("export_nothing_readable", &[])
        } else {
            t("export_no_memory", &[])
        }
    });
    Summary {
        lines,
        read: r.read.clone(),
        skipped: r.skipped.clone(),
        faults: r.faults.iter().map(ToString::to_string).collect(),
        nothing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Fault;

    #[test]
    fn progress_and_summary_read_as_a_person_says_them() {
        let p = Progress {
            file: "export.zip".into(),
            bytes_done: 123_400_000,
            bytes_total: 4_560_000_000,
            conversations: 2345,
        };
        assert_eq!(
            progress_view(&p).text,
            "123 MB of 4,560 MB · 2,345 conversations"
        );
        let mut outcome = Outcome::default();
        outcome.report.read = vec!["a.zip: conversations.json".into()];
        outcome.report.json_bytes = 600_000_000;
        outcome.report.conversations = 1;
        outcome.report.unknown = 2;
        outcome.report.faults.push(Fault {
            file: "a.zip".into(),
            conversation: None,
            offset: Some(9),
            message: "is cut short".into(),
        });
        let s = summary(&outcome);
        assert_eq!(
            s.lines,
            [
                "Read 1 file (600 MB of JSON, 1 conversation).",
                "Skipped 2 messages or entries of a shape memport does not know.",
                "1 problem (what was read before each is kept):",
            ]
        );
        assert_eq!(s.faults, ["a.zip, at byte 9: is cut short"]);
        assert_eq!(
            s.nothing.as_deref(),
            Some("No memory was found in what was read. Nothing was added.")
        );
        crate::i18n::set_lang(crate::i18n::Lang::Fr);
        assert_eq!(
            progress_view(&p).text,
            "123 Mo sur 4\u{202f}560 Mo · 2\u{202f}345 conversations"
        );
        assert_eq!(megabytes(400_000), "0,4 Mo");
        outcome.report.faults[0].conversation = Some("Vacances".into());
        outcome.report.faults[0].offset = Some(12_345);
        assert_eq!(
            summary(&outcome).faults,
            ["a.zip, conversation « Vacances », à l'octet 12\u{202f}345 : is cut short"]
        );
        crate::i18n::set_lang(crate::i18n::Lang::En);
    }
}
