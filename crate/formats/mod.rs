//! Open formats other memory tools read and write, both ways: the Portable AI Memory (PAM)
//! v1.0 memory store ([`pam`]), the knowledge graph of the MCP memory server ([`mcp`], one
//! JSON object per line), and Anthropic's import format ([`anthropic`], `[YYYY-MM-DD] - entry`
//! lines under category headings).
//!
//! Why here and not in `render`/`text_import`: PAM and MCP are files with a schema, not text
//! an assistant writes, so they are written and read whole, field by field, with errors that
//! name the field or line. Anthropic's format is text, and `text_import` reads it like any
//! answer; its writer is here because it is a whole-profile file like the other two. Reading one gives [`MemoryItem`]s with their own sources, which
//! `text_import` previews and hands to `Profile::add` like every other way in, so the
//! profile's rules decide what is already held (one item, every source).
//!
//! What each format carries, and what is lost either way, is in the README ("Open formats").

pub mod anthropic;
pub mod jcs;
pub mod mcp;
pub mod pam;

use std::fmt;

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use crate::category::Category;
use crate::i18n;
use crate::profile::MemoryItem;

/// An open format memport reads and writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenFormat {
    /// A Portable AI Memory v1.0 memory store (`memory-store.json`).
    Pam,
    /// The MCP memory server's knowledge graph (`memory.jsonl`).
    Mcp,
}

impl OpenFormat {
    /// Its name for people.
    pub fn label(self) -> String {
        i18n::t(
            match self {
                OpenFormat::Pam => "format_pam",
                OpenFormat::Mcp => "format_mcp",
            },
            &[],
        )
    }

    /// The step Undo takes back after adding one.
    pub fn undo_label(self) -> String {
        i18n::t(
            match self {
                OpenFormat::Pam => "undo_imported_pam",
                OpenFormat::Mcp => "undo_imported_mcp",
            },
            &[],
        )
    }
}

/// A profile written in a format that is handed to a model (the MCP server's graph, Claude's
/// importer): the text, and how many memories marked sensitive (`crate::sensitive`) were
/// left out of it.
pub struct Written {
    pub text: String,
    pub withheld: usize,
}

/// A format `memport import --format` writes, by the name given there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteFormat {
    /// `pam`: [`pam::write`].
    Pam,
    /// `mcp`: [`mcp::write`].
    Mcp,
    /// `anthropic`: [`anthropic::write`].
    Anthropic,
}

impl WriteFormat {
    /// The format named `name` (any case), or a message that names the three.
    pub fn named(name: &str) -> Result<WriteFormat, String> {
        match name.to_lowercase().as_str() {
            "pam" => Ok(WriteFormat::Pam),
            "mcp" => Ok(WriteFormat::Mcp),
            "anthropic" => Ok(WriteFormat::Anthropic),
            _ => Err(crate::i18n::t("cli_format_unknown", &[&name])),
        }
    }
}

/// What a file in an open format held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Imported {
    pub format: OpenFormat,
    /// One item per memory (PAM) or observation and relation (MCP), each with its sources.
    pub items: Vec<MemoryItem>,
    /// What was read but not added, each with why ("Retracted in the file: …"), and what in
    /// the file did not check out (a content hash that does not match): listed in the preview.
    pub left_out: Vec<String>,
}

/// Why a file in an open format was not read. Nothing is added when one is returned.
#[derive(Debug, PartialEq, Eq)]
pub enum FormatError {
    /// The file is not JSON where JSON was expected.
    NotJson { at: String, detail: String },
    /// A field is missing or has the wrong type: where (in the person's language, or a field's
    /// name), and the id of the message saying what it should be (`expect_string`).
    Field { at: String, expected: &'static str },
    /// A PAM file of a major version memport does not read.
    Version { found: String },
    /// Longer than memport opens.
    TooLong { chars: usize, max: usize },
    /// Nothing in it to add.
    NoMemories,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            FormatError::NotJson { at, detail } => i18n::t("format_not_json", &[at, detail]),
            FormatError::Field { at, expected } => {
                i18n::t("format_field", &[at, &i18n::t(expected, &[])])
            }
            FormatError::Version { found } => i18n::t("format_pam_version", &[found]),
            FormatError::TooLong { chars, max } => i18n::t(
                "format_too_long",
                &[&i18n::number(*chars), &i18n::number(*max)],
            ),
            FormatError::NoMemories => i18n::t("format_no_memories", &[]),
        })
    }
}

impl std::error::Error for FormatError {}

/// The longest file read, a memport profile file ("Import text") included. The stored profile
/// lives in `chrome.storage.local` (10 MB), and its file is that, indented: a file memport
/// wrote always fits.
pub const MAX_FILE_CHARS: usize = 32_000_000;

/// Which open format `text` is in, by its content: a JSON object whose `schema` is
/// `"portable-ai-memory"`, or lines of which the first is a JSON object with `"type"`
/// `"entity"` or `"relation"`. A file name says nothing here.
pub fn detect(text: &str) -> Option<OpenFormat> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') {
        // A key `"schema"` whose value is `"portable-ai-memory"`, anywhere (a writer may sort
        // its keys). Inside a JSON string those quotes would be escaped, so text that only
        // mentions it does not count.
        let is_pam = trimmed.match_indices("\"schema\"").any(|(at, key)| {
            let rest = trimmed[at + key.len()..].trim_start();
            rest.strip_prefix(':')
                .is_some_and(|r| r.trim_start().starts_with("\"portable-ai-memory\""))
        });
        if is_pam {
            return Some(OpenFormat::Pam);
        }
        // The server writes `"type"` first; a line cut short or nested too deep to parse is
        // still that file, and gets the error for its line rather than read as text.
        let first = trimmed.lines().next().unwrap_or("");
        let head: String = first.chars().take(200).collect::<String>().replace(' ', "");
        if head.contains("\"type\":\"entity\"") || head.contains("\"type\":\"relation\"") {
            return Some(OpenFormat::Mcp);
        }
        if let Ok(serde_json::Value::Object(o)) = serde_json::from_str(first) {
            if matches!(
                o.get("type").and_then(|t| t.as_str()),
                Some("entity" | "relation")
            ) {
                return Some(OpenFormat::Mcp);
            }
        }
    }
    None
}

/// What a whole file is, for a place that would otherwise take it for a data export (the
/// options page, `memport import`): PAM or MCP ([`detect`]), or Anthropic's import format
/// ([`anthropic::detect`]); its name for people.
pub fn file_label(text: &str) -> Option<String> {
    match detect(text) {
        Some(format) => Some(format.label()),
        None => anthropic::detect(text).then(|| crate::i18n::t("format_anthropic", &[])),
    }
}

/// Whether a file that begins with `head` may be in an open format: a JSON object, or the
/// start of Anthropic's import format. Read whole only then.
pub fn may_be(head: &str) -> bool {
    let head = head.trim_start_matches('\u{feff}');
    head.trim_start().starts_with('{') || anthropic::may_start(head)
}

/// Reads `text` in the format it is in (see [`detect`]), items as read at `now`.
pub fn read(text: &str, now: OffsetDateTime) -> Option<Result<Imported, FormatError>> {
    let format = detect(text)?;
    let chars = text.chars().count();
    if chars > MAX_FILE_CHARS {
        return Some(Err(FormatError::TooLong {
            chars,
            max: MAX_FILE_CHARS,
        }));
    }
    let text = text.trim_start_matches('\u{feff}');
    Some(match format {
        OpenFormat::Pam => pam::read(text, now),
        OpenFormat::Mcp => mcp::read(text, now),
    })
}

/// The date a source gave ("2024-03-05", or a timestamp), as the start of that day in UTC
/// (the timestamp itself); `None` for a date that is no day ("March 2024").
pub(crate) fn saved_day(saved: &str) -> Option<OffsetDateTime> {
    let saved = saved.trim();
    if let Ok(at) = OffsetDateTime::parse(saved, &Rfc3339) {
        return Some(at);
    }
    let mut parts = saved.get(..10)?.split('-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    let month = time::Month::try_from(month).ok()?;
    let day = time::Date::from_calendar_date(year, month, day).ok()?;
    Some(day.midnight().assume_utc())
}

/// A category's label as a lowercase slug ("response-instructions"): a PAM tag, an MCP name.
pub(crate) fn slug(category: Category) -> String {
    category.label().to_lowercase().replace(' ', "-")
}

/// The category a slug names.
pub(crate) fn from_slug(slug: &str) -> Option<Category> {
    Category::ALL.into_iter().find(|c| self::slug(*c) == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_told_apart_by_content() {
        assert_eq!(
            detect("{\n  \"schema\": \"portable-ai-memory\",\n  \"schema_version\": \"1.0\"}"),
            Some(OpenFormat::Pam)
        );
        assert_eq!(
            detect(
                "{\"type\":\"entity\",\"name\":\"a\",\"entityType\":\"b\",\"observations\":[]}\n"
            ),
            Some(OpenFormat::Mcp)
        );
        assert_eq!(
            detect("\u{feff}{\"type\":\"relation\",\"from\":\"a\",\"to\":\"b\",\"relationType\":\"c\"}"),
            Some(OpenFormat::Mcp)
        );
        assert_eq!(detect("{\"schema\": 3, \"items\": []}"), None);
        assert_eq!(detect("[2024-01-01] - Lives in Lisbon"), None);
        assert_eq!(detect("{\"type\":\"other\"}"), None);
    }
}
