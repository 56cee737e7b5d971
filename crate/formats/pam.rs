//! Portable AI Memory (PAM) v1.0: the memory store (`memory-store.json`), as specified at
//! <https://portable-ai-memory.org/spec/v1.0> and validated by its JSON Schema
//! (`tests/fixtures/pam/portable-ai-memory.schema.json`).
//!
//! Writing: one PAM memory per item. The spec's own fields carry what another tool needs
//! (content, type, status, the content hash of §6, `temporal`, one `provenance` block, a
//! tag for memport's category, `contradicts` relations for memories that cannot both be
//! true, the integrity block of §15); `metadata.memport` (the spec leaves `metadata` open)
//! carries the rest memport knows (every source, earlier ids, the person's edit), so a file
//! memport wrote comes back exactly.
//!
//! Reading: any PAM 1.x memory store. A memory's category comes from memport's tag, else
//! its PAM type (a hint the classifier may overrule); its source from `metadata.memport`,
//! else from `provenance` and `temporal`. Retracted, superseded and archived memories are
//! listed as left out, not added. A content hash or checksum that does not match is
//! listed, and the content is kept: the text is what the person sees and checks.

use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

use super::{from_slug, jcs, saved_day, slug, FormatError, Imported, OpenFormat};
use crate::category::Category;
use crate::classify::classify;
use crate::conflict;
use crate::i18n;
use crate::profile::{ItemId, MemoryItem, Profile, Source, Via};
use crate::sensitive;
use crate::sites::Assistant;

/// The spec this writer follows, as the file names it.
pub const SPEC_URI: &str = "https://portable-ai-memory.org/spec/v1.0";

/// memport as a PAM `exported_by` / `extractor` ("name/semver").
fn memport() -> String {
    format!("memport/{}", env!("CARGO_PKG_VERSION"))
}

/// The owner id memport writes. memport has no account and keeps no id for the person; this
/// names "the profile in this memport" and is the same in every export (§3: stable).
pub const OWNER_ID: &str = "memport-local-profile";

/// §6.1: trim, lowercase, NFC, runs of whitespace to one space. The reference implementation
/// (Appendix C) is Python's `strip`, `lower`, `unicodedata.normalize("NFC")` and
/// `" ".join(split())`; Python's whitespace is Unicode's plus U+001C–U+001F, so those count
/// here too.
pub fn normalize(content: &str) -> String {
    let space = |c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c);
    let lower = content.trim_matches(space).to_lowercase();
    let nfc = crate::unicode::nfc(&lower);
    nfc.split(space)
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// §6.2: `"sha256:" + hex(SHA-256(UTF-8(normalize(content))))`.
pub fn content_hash(content: &str) -> String {
    hex_sha256(normalize(content).as_bytes())
}

fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(7 + 64);
    out.push_str("sha256:");
    for b in digest {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

/// §15.2: SHA-256 of the RFC 8785 form of the memories, sorted by id.
pub fn checksum(memories: &[Value]) -> String {
    let mut sorted: Vec<&Value> = memories.iter().collect();
    sorted.sort_by(|a, b| {
        let id = |v: &Value| {
            v.get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        id(a).cmp(&id(b))
    });
    let array = Value::Array(sorted.into_iter().cloned().collect());
    hex_sha256(jcs::canonical(&array).as_bytes())
}

/// The PAM type a category is written as. memport's tag keeps the category exactly; the
/// type is what another tool understands.
fn pam_type(category: Category) -> &'static str {
    match category {
        Category::ResponseInstructions => "instruction",
        Category::PersonalInformation => "identity",
        Category::ProjectsAndGoals => "project",
        Category::TechnicalPreferences => "preference",
        // How the person wants to be treated (PAM's "instruction"), said as a correction.
        Category::BehavioralCorrections => "instruction",
        Category::OtherContext => "context",
    }
}

/// The category a PAM type suggests, when it suggests one.
fn category_hint(pam_type: &str) -> Option<Category> {
    match pam_type {
        "instruction" => Some(Category::ResponseInstructions),
        "identity" | "fact" | "relationship" => Some(Category::PersonalInformation),
        "project" | "goal" => Some(Category::ProjectsAndGoals),
        "skill" | "environment" => Some(Category::TechnicalPreferences),
        "context" => Some(Category::OtherContext),
        // "preference" is of answers or of tools; "custom" says nothing: the classifier.
        _ => None,
    }
}

fn rfc3339(at: OffsetDateTime) -> String {
    at.format(&Rfc3339).unwrap_or_default()
}

/// The platform a source is from (§11.4 identifiers), and how it was extracted (§11.3).
fn platform(source: &Source) -> (&'static str, &'static str) {
    let platform = match source.assistant {
        Some(Assistant::Claude) => "claude",
        Some(Assistant::ChatGpt) => "chatgpt",
        Some(Assistant::Gemini) => "gemini",
        // A page that is no assistant's, or text the person pasted.
        None => "manual",
    };
    let method = match source.via {
        Via::MemoryPage | Via::Answer => "browser_extraction",
        Via::Selection => "explicit_user_input",
        Via::Import => "manual",
        Via::DataExport => "api_export",
    };
    (platform, method)
}

/// One item as a PAM memory object.
fn memory(item: &MemoryItem, now: OffsetDateTime) -> Value {
    let first = item.first_source();
    // When it was first known: the earliest date a source gave, else the first reading.
    let created = item
        .sources
        .iter()
        .flat_map(|s| [s.saved.as_deref().and_then(saved_day), Some(s.captured_at)])
        .flatten()
        .min()
        .unwrap_or(now);
    let (platform, method) = first.map(platform).unwrap_or(("manual", "manual"));
    let mut provenance = Map::new();
    provenance.insert("platform".into(), json!(platform));
    provenance.insert("extraction_method".into(), json!(method));
    if let Some(s) = first {
        provenance.insert("extracted_at".into(), json!(rfc3339(s.captured_at)));
    }
    provenance.insert("extractor".into(), json!(memport()));
    let mut memport = Map::new();
    memport.insert("category".into(), json!(item.category.label()));
    memport.insert(
        "sources".into(),
        serde_json::to_value(&item.sources).unwrap_or(Value::Null),
    );
    if !item.former_ids.is_empty() {
        memport.insert("former_ids".into(), json!(item.former_ids));
    }
    if let Some(at) = item.edited_at {
        memport.insert("edited_at".into(), json!(rfc3339(at)));
    }
    let marks = sensitive::marks(item);
    if !marks.is_empty() {
        memport.insert("sensitive".into(), json!(marks));
    }
    json!({
        "id": format!("mem-{}", item.id),
        "type": pam_type(item.category),
        "custom_type": null,
        "status": "active",
        "content": item.text,
        "content_hash": content_hash(&item.text),
        "tags": [slug(item.category)],
        "temporal": {
            "created_at": rfc3339(created),
            "updated_at": item.edited_at.map(rfc3339),
        },
        "provenance": provenance,
        "embedding_ref": null,
        "metadata": { "memport": memport },
    })
}

/// The profile as a PAM v1.0 memory store, written at `now`: every item (those marked
/// sensitive too, with the mark in `metadata.memport.sensitive`, as "Download JSON" does).
pub fn write(profile: &Profile, now: OffsetDateTime) -> String {
    let memories: Vec<Value> = profile.items.iter().map(|i| memory(i, now)).collect();
    // Memories that cannot both be true (`conflict`), each pair once, as PAM's `contradicts`.
    let mut relations = Vec::new();
    for found in conflict::find(profile) {
        let ids: Vec<&ItemId> = found.ids().collect();
        for (at, a) in ids.iter().enumerate() {
            for b in &ids[at + 1..] {
                if found
                    .sides
                    .iter()
                    .any(|s| s.ids.contains(a) && s.ids.contains(b))
                {
                    continue;
                }
                relations.push(json!({
                    "id": format!("rel-{a}-{b}"),
                    "from": format!("mem-{a}"),
                    "to": format!("mem-{b}"),
                    "type": "contradicts",
                    "created_at": rfc3339(now),
                }));
            }
        }
    }
    // The root in the spec's order (§3), so `schema` opens the file.
    #[derive(serde::Serialize)]
    struct Root<'a> {
        schema: &'a str,
        schema_version: &'a str,
        spec_uri: &'a str,
        exported_by: String,
        export_date: String,
        owner: Value,
        memories: &'a [Value],
        relations: Vec<Value>,
        integrity: Value,
        export_type: &'a str,
    }
    let file = Root {
        schema: "portable-ai-memory",
        schema_version: "1.0",
        spec_uri: SPEC_URI,
        exported_by: memport(),
        export_date: rfc3339(now.replace_nanosecond(0).unwrap_or(now)),
        owner: json!({ "id": OWNER_ID }),
        memories: &memories,
        relations,
        integrity: json!({
            "canonicalization": "RFC8785",
            "checksum": checksum(&memories),
            "total_memories": memories.len(),
        }),
        export_type: "full",
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// What `metadata.memport` holds, when memport wrote the file.
#[derive(serde::Deserialize)]
struct Ours {
    category: Option<Category>,
    #[serde(default)]
    sources: Vec<Source>,
    #[serde(default)]
    former_ids: Vec<ItemId>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    edited_at: Option<OffsetDateTime>,
}

fn field(at: String, expected: &'static str) -> FormatError {
    FormatError::Field { at, expected }
}

/// Reads a PAM memory store.
pub fn read(text: &str, now: OffsetDateTime) -> Result<Imported, FormatError> {
    let root: Value = serde_json::from_str(text).map_err(|e| FormatError::NotJson {
        at: i18n::t("format_at_pam_file", &[]),
        detail: e.to_string(),
    })?;
    let root = root
        .as_object()
        .ok_or_else(|| field(i18n::t("format_at_file", &[]), "expect_json_object"))?;
    if root.get("schema").and_then(Value::as_str) != Some("portable-ai-memory") {
        return Err(field("\"schema\"".into(), "expect_pam_schema"));
    }
    let version = root
        .get("schema_version")
        .and_then(Value::as_str)
        .ok_or_else(|| field("\"schema_version\"".into(), "expect_version"))?;
    if version.split('.').next() != Some("1") {
        return Err(FormatError::Version {
            found: version.to_string(),
        });
    }
    if !root.get("owner").is_some_and(Value::is_object) {
        return Err(field("\"owner\"".into(), "expect_owner"));
    }
    let memories = root
        .get("memories")
        .and_then(Value::as_array)
        .ok_or_else(|| field("\"memories\"".into(), "expect_memory_array"))?;

    let mut left_out = Vec::new();
    if let Some(integrity) = root.get("integrity").and_then(Value::as_object) {
        let total = integrity.get("total_memories").and_then(Value::as_u64);
        if total.is_some_and(|t| t != memories.len() as u64) {
            let said = usize::try_from(total.unwrap_or_default()).unwrap_or(usize::MAX);
            left_out.push(i18n::t(
                "pam_count_mismatch",
                &[&i18n::number(said), &i18n::number(memories.len())],
            ));
        }
        let stated = integrity.get("checksum").and_then(Value::as_str);
        if stated.is_some_and(|c| c != checksum(memories)) {
            left_out.push(i18n::t("pam_checksum_mismatch", &[]));
        }
    }

    let mut items = Vec::new();
    for (at, memory) in memories.iter().enumerate() {
        let here = |name: &str| format!("memories[{at}].{name}");
        let memory = memory
            .as_object()
            .ok_or_else(|| field(format!("memories[{at}]"), "expect_memory_object"))?;
        let content = memory
            .get("content")
            .and_then(Value::as_str)
            .ok_or_else(|| field(here("content"), "expect_string"))?;
        let status = match memory.get("status") {
            None | Some(Value::Null) => "active",
            Some(s) => s
                .as_str()
                .ok_or_else(|| field(here("status"), "expect_string"))?,
        };
        if !matches!(status, "active" | "deprecated") {
            left_out.push(i18n::t("pam_marked", &[&status, &content]));
            continue;
        }
        match memory.get("content_hash").and_then(Value::as_str) {
            Some(hash) if hash == content_hash(content) => {}
            Some(_) => left_out.push(i18n::t("pam_hash_mismatch", &[&content])),
            None => {}
        }
        let kind = memory.get("type").and_then(Value::as_str).unwrap_or("");
        let tags: Vec<&str> = match memory.get("tags") {
            None | Some(Value::Null) => Vec::new(),
            Some(Value::Array(tags)) => tags.iter().filter_map(Value::as_str).collect(),
            Some(_) => return Err(field(here("tags"), "expect_string_array")),
        };
        let ours: Option<Ours> = memory
            .get("metadata")
            .and_then(|m| m.get("memport"))
            .and_then(|m| crate::json::from_value(m.clone()).ok());
        let category = ours
            .as_ref()
            .and_then(|o| o.category)
            .or_else(|| tags.iter().find_map(|t| from_slug(t)))
            .unwrap_or_else(|| classify(content, category_hint(kind)).category);
        let source = match ours.as_ref().and_then(|o| o.sources.first()) {
            Some(s) => s.clone(),
            None => source_of(memory, now),
        };
        let Some(mut item) = MemoryItem::new(content, category, source) else {
            left_out.push(i18n::t("pam_no_text", &[&format!("memories[{at}]")]));
            continue;
        };
        if let Some(ours) = ours.filter(|o| !o.sources.is_empty()) {
            item.sources = ours.sources;
            item.former_ids = ours.former_ids;
            item.former_ids.retain(|f| *f != item.id);
            item.edited_at = ours.edited_at;
        }
        items.push(item);
    }
    if items.is_empty() {
        return Err(FormatError::NoMemories);
    }
    Ok(Imported {
        format: OpenFormat::Pam,
        items,
        left_out,
    })
}

/// A source from PAM's own fields: the platform (an assistant memport knows, else none), when
/// it was extracted (else `now`), and the day it was created as the date it gave.
fn source_of(memory: &Map<String, Value>, now: OffsetDateTime) -> Source {
    let provenance = memory.get("provenance");
    let text = |v: Option<&Value>, name: &str| {
        v.and_then(|v| v.get(name))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let platform = text(provenance, "platform").unwrap_or_default();
    let assistant = match platform.as_str() {
        "claude" => Some(Assistant::Claude),
        "chatgpt" => Some(Assistant::ChatGpt),
        "gemini" => Some(Assistant::Gemini),
        _ => None,
    };
    let via = match text(provenance, "extraction_method").as_deref() {
        Some("api_export") => Via::DataExport,
        _ => Via::Import,
    };
    let captured_at = text(provenance, "extracted_at")
        .and_then(|t| OffsetDateTime::parse(&t, &Rfc3339).ok())
        .unwrap_or(now);
    let saved = text(memory.get("temporal"), "created_at")
        .map(|t| t.get(..10).map_or(t.clone(), str::to_string));
    let heading = match platform.as_str() {
        "" | "claude" | "chatgpt" | "gemini" => None,
        other => Some(format!("PAM platform: {other}")),
    };
    Source {
        assistant,
        via,
        url: String::new(),
        heading,
        captured_at,
        saved,
        evidence: Vec::new(),
        text: None,
    }
}
