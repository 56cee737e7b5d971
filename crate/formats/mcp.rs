//! The MCP memory server's knowledge graph (`@modelcontextprotocol/server-memory`,
//! modelcontextprotocol/servers `src/memory/index.ts`): a file of JSON lines, each
//! `{"type":"entity","name","entityType","observations":[…]}` or
//! `{"type":"relation","from","to","relationType"}`, joined by "\n", entities first.
//!
//! Writing follows the server's own guidance: its suggested prompt has the model talk to
//! `default_user` and store facts about the person as that entity's observations. So the
//! person is the entity `default_user` (`person`), whose observations are the memories of
//! "Personal information"; each other category with memories is an entity named by its label
//! (`memory_category`), its memories its observations, and `default_user` `has` it. A model
//! that opens `default_user` sees what it is and where the rest is; search finds any
//! memory's words. Sources and dates have no place in the format and are not written;
//! memories marked sensitive are left out unless asked for (see [`write`]).
//!
//! Reading: `default_user`'s observations are items of "Personal information" unless the
//! classifier's overriding rules say otherwise (an instruction, a correction, a tool); a
//! category entity's are items of that category; another entity's become "Name: observation",
//! and a relation among others "From relation to" ("Works at Anthropic" for
//! `default_user`), filed by the classifier. Every line is accounted for: a line that is not
//! JSON, or an entity or relation with a field of the wrong type, stops the import and is
//! named; a line of another type is listed as left out.

use serde_json::{json, Value};
use time::OffsetDateTime;

pub use super::Written;
use super::{FormatError, Imported, OpenFormat};
use crate::category::Category;
use crate::classify::classify;
use crate::i18n;
use crate::profile::{MemoryItem, Profile, Source, Via};
use crate::sensitive;

/// The person, as the server's prompt names them.
pub const PERSON: &str = "default_user";
/// The entity type of a category's entity.
pub const CATEGORY_TYPE: &str = "memory_category";
/// The relation from the person to a category's entity.
pub const HAS: &str = "has";

/// The profile as the server's `memory.jsonl`: entities, then relations, one per line. The
/// server hands its graph to a model, as sending hands memory to an assistant, so memories
/// marked sensitive are left out unless `include_sensitive` (and counted).
pub fn write(profile: &Profile, include_sensitive: bool) -> Written {
    let keep = |i: &MemoryItem| include_sensitive || sensitive::marks(i).is_empty();
    let withheld = profile.items.iter().filter(|i| !keep(i)).count();
    let texts = |c: Category| -> Vec<&str> {
        profile
            .in_category(c)
            .filter(|i| keep(i))
            .map(|i| i.text.as_str())
            .collect()
    };
    let mut lines = vec![entity(
        PERSON,
        "person",
        &texts(Category::PersonalInformation),
    )];
    let others: Vec<Category> = Category::ALL
        .into_iter()
        .filter(|c| *c != Category::PersonalInformation)
        .filter(|c| profile.in_category(*c).any(keep))
        .collect();
    for c in &others {
        lines.push(entity(c.label(), CATEGORY_TYPE, &texts(*c)));
    }
    for c in &others {
        // Field order as the server writes it (`saveGraph`).
        lines.push(format!(
            "{{\"type\":\"relation\",\"from\":{},\"to\":{},\"relationType\":{}}}",
            json!(PERSON),
            json!(c.label()),
            json!(HAS)
        ));
    }
    Written {
        text: lines.join("\n"),
        withheld,
    }
}

fn entity(name: &str, kind: &str, observations: &[&str]) -> String {
    // Field order as the server writes it (`saveGraph`).
    let mut line = String::from("{\"type\":\"entity\",\"name\":");
    line.push_str(&json!(name).to_string());
    line.push_str(",\"entityType\":");
    line.push_str(&json!(kind).to_string());
    line.push_str(",\"observations\":");
    line.push_str(&json!(observations).to_string());
    line.push('}');
    line
}

fn field(line: usize, name: &str, expected: &'static str) -> FormatError {
    FormatError::Field {
        at: i18n::t("format_at_line_field", &[&i18n::number(line), &name]),
        expected,
    }
}

fn string<'a>(
    o: &'a serde_json::Map<String, Value>,
    line: usize,
    name: &str,
) -> Result<&'a str, FormatError> {
    o.get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| field(line, name, "expect_string"))
}

/// An entity as read.
struct Entity {
    name: String,
    kind: String,
    observations: Vec<String>,
}

/// Reads the server's `memory.jsonl`.
pub fn read(text: &str, now: OffsetDateTime) -> Result<Imported, FormatError> {
    let mut entities: Vec<Entity> = Vec::new();
    let mut relations: Vec<(String, String, String)> = Vec::new();
    let mut left_out = Vec::new();
    for (at, raw) in text.split('\n').enumerate() {
        let line = at + 1;
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let value: Value = serde_json::from_str(raw).map_err(|e| FormatError::NotJson {
            at: i18n::t("format_at_line", &[&i18n::number(line)]),
            detail: e.to_string(),
        })?;
        let Value::Object(o) = value else {
            return Err(FormatError::Field {
                at: i18n::t("format_at_line", &[&i18n::number(line)]),
                expected: "expect_mcp_object",
            });
        };
        match o.get("type").and_then(Value::as_str) {
            Some("entity") => {
                let name = string(&o, line, "name")?.to_string();
                let kind = string(&o, line, "entityType")?.to_string();
                let observations = match o.get("observations") {
                    Some(Value::Array(obs)) => obs
                        .iter()
                        .map(|v| v.as_str().map(str::to_string))
                        .collect::<Option<Vec<_>>>()
                        .ok_or_else(|| field(line, "observations", "expect_string_array"))?,
                    _ => return Err(field(line, "observations", "expect_string_array")),
                };
                entities.push(Entity {
                    name,
                    kind,
                    observations,
                });
            }
            Some("relation") => relations.push((
                string(&o, line, "from")?.to_string(),
                string(&o, line, "relationType")?.to_string(),
                string(&o, line, "to")?.to_string(),
            )),
            _ => left_out.push(i18n::t(
                "mcp_neither",
                &[
                    &i18n::number(line),
                    &raw.chars().take(200).collect::<String>(),
                ],
            )),
        }
    }

    // The category entities the person `has`, as memport writes them.
    let category_of = |name: &str| -> Option<Category> {
        let named = Category::ALL.into_iter().find(|c| c.label() == name)?;
        let kind_ok = entities
            .iter()
            .any(|e| e.name == name && e.kind == CATEGORY_TYPE);
        let linked = relations
            .iter()
            .any(|(f, r, t)| f == PERSON && r == HAS && t == name);
        (kind_ok || linked).then_some(named)
    };
    let source = |heading: String| Source {
        assistant: None,
        via: Via::Import,
        url: String::new(),
        heading: Some(heading),
        captured_at: now,
        saved: None,
        evidence: Vec::new(),
        text: None,
    };
    let mut items = Vec::new();
    for e in &entities {
        let heading = format!("MCP memory: {} ({})", e.name, e.kind);
        for obs in &e.observations {
            let (text, category) = if e.name == PERSON {
                let hint = Some(Category::PersonalInformation);
                (obs.clone(), classify(obs, hint).category)
            } else if let Some(c) = category_of(&e.name) {
                (obs.clone(), c)
            } else {
                let text = format!("{}: {obs}", e.name);
                let category = classify(&text, None).category;
                (text, category)
            };
            match MemoryItem::new(&text, category, source(heading.clone())) {
                Some(item) => items.push(item),
                None => left_out.push(i18n::t("mcp_empty_observation", &[&e.name])),
            }
        }
    }
    for (from, relation, to) in &relations {
        if from == PERSON && relation == HAS && category_of(to).is_some() {
            continue;
        }
        let words = relation.replace('_', " ");
        let text = if from == PERSON {
            let mut chars = words.chars();
            let first: String = chars
                .next()
                .map(|c| c.to_uppercase().collect())
                .unwrap_or_default();
            format!("{first}{} {to}", chars.as_str())
        } else {
            format!("{from} {words} {to}")
        };
        let category = classify(&text, None).category;
        match MemoryItem::new(
            &text,
            category,
            source(format!("MCP memory: relation of {from}")),
        ) {
            Some(item) => items.push(item),
            None => left_out.push(i18n::t("mcp_empty_relation", &[from])),
        }
    }
    if items.is_empty() {
        return Err(FormatError::NoMemories);
    }
    Ok(Imported {
        format: OpenFormat::Mcp,
        items,
        left_out,
    })
}
