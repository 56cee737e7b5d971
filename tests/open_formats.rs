//! The open formats both ways (`crate/formats/`): memport's PAM files validate against the
//! PAM v1.0 JSON Schema (vendored in `tests/fixtures/pam/`), hash as the spec's reference
//! implementation does (its own example's hashes and checksum are recomputed here), and read
//! back to the same profile; MCP memory files are written as the server writes them and read
//! back; Anthropic's import format is `[YYYY-MM-DD] - entry` lines under category headings
//! and reads back with every text, category and day; hostile files give an error that names
//! where, never a panic; and a file is merged into a profile by the profile's rules, through
//! "Import text".

use std::sync::OnceLock;

use memport::category::Category;
use memport::formats::{self, anthropic, mcp, pam, FormatError, OpenFormat, WriteFormat};
use memport::profile::{MemoryItem, Profile, Source, Via};
use memport::sites::Assistant;
use memport::text_import::{self, Format, ImportError, Reading};
use proptest::prelude::*;
use serde_json::Value;
use time::macros::datetime;
use time::OffsetDateTime;

const NOW: OffsetDateTime = datetime!(2026-12-03 10:00 UTC);

fn validator() -> &'static jsonschema::Validator {
    static V: OnceLock<jsonschema::Validator> = OnceLock::new();
    V.get_or_init(|| {
        let schema: Value =
            serde_json::from_str(include_str!("fixtures/pam/portable-ai-memory.schema.json"))
                .expect("the vendored schema is JSON");
        jsonschema::options()
            .should_validate_formats(true)
            .build(&schema)
            .expect("the vendored schema compiles")
    })
}

fn assert_valid(file: &str) {
    let value: Value = serde_json::from_str(file).expect("memport wrote JSON");
    let errors: Vec<String> = validator()
        .iter_errors(&value)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "not valid PAM: {errors:#?}");
}

fn source(assistant: Option<Assistant>, via: Via, saved: Option<&str>) -> Source {
    Source {
        assistant,
        via,
        url: "https://claude.ai/settings/capabilities".into(),
        heading: Some("Work context".into()),
        captured_at: datetime!(2026-11-24 12:00 UTC),
        saved: saved.map(str::to_string),
        evidence: vec!["User said so".into()],
        text: None,
    }
}

/// A profile with a bit of everything: every way in, dates, a merged wording, an edit, two
/// memories that disagree, HTML and odd Unicode.
fn sample() -> Profile {
    let mut p = Profile::new();
    let items = [
        (
            "Lives in Lisbon with her partner Jonas.",
            Category::PersonalInformation,
            Some(Assistant::Claude),
            Via::MemoryPage,
            Some("2025-03-05"),
        ),
        (
            "Lives in Porto.",
            Category::PersonalInformation,
            Some(Assistant::Gemini),
            Via::MemoryPage,
            None,
        ),
        (
            "Always answer in British English.",
            Category::ResponseInstructions,
            None,
            Via::Import,
            Some("March 2024"),
        ),
        (
            "Is building a <b>Rust</b> crate & \"tests\" it",
            Category::ProjectsAndGoals,
            Some(Assistant::ChatGpt),
            Via::DataExport,
            None,
        ),
        (
            "Prefers Vim over\u{a0}Emacs  \u{200b}ça",
            Category::TechnicalPreferences,
            None,
            Via::Selection,
            None,
        ),
        (
            "Stop suggesting Python.",
            Category::BehavioralCorrections,
            Some(Assistant::Claude),
            Via::MemoryPage,
            None,
        ),
        (
            "Ｆｕｌｌwidth ﬁ ligature, Σ final ΟΔΟΣ",
            Category::OtherContext,
            None,
            Via::Import,
            None,
        ),
    ];
    let items = items
        .into_iter()
        .filter_map(|(t, c, a, v, s)| MemoryItem::new(t, c, source(a, v, s)))
        .collect();
    p.add(items);
    // The same memory in another wording, from another place.
    p.add(vec![MemoryItem::new(
        "lives in Lisbon with her partner jonas",
        Category::PersonalInformation,
        source(Some(Assistant::Gemini), Via::MemoryPage, None),
    )
    .unwrap()]);
    let id = p.items[5].id.clone();
    p.edit(
        &id,
        "Stop suggesting Python for scripts.",
        Category::BehavioralCorrections,
        datetime!(2026-11-30 09:00 UTC),
    )
    .unwrap();
    p
}

fn added(file: &str) -> Profile {
    let mut p = Profile::new();
    text_import::into_profile(file, NOW, &mut p).expect("read back");
    p
}

#[test]
fn pam_output_follows_the_schema_and_comes_back_exactly() {
    let p = sample();
    let file = pam::write(&p, NOW);
    assert_valid(&file);
    let value: Value = serde_json::from_str(&file).unwrap();
    // Lisbon and Porto cannot both be home: PAM's `contradicts`.
    let relations = value["relations"].as_array().unwrap();
    let id = |t: &str| {
        format!(
            "mem-{}",
            p.items.iter().find(|i| i.text.contains(t)).unwrap().id
        )
    };
    assert!(
        relations.iter().any(|r| r["type"] == "contradicts"
            && r["from"] == id("Lisbon")
            && r["to"] == id("Porto")),
        "{relations:?}"
    );
    assert_eq!(value["integrity"]["total_memories"], p.len());
    assert_eq!(formats::detect(&file), Some(OpenFormat::Pam));
    let back = added(&file);
    assert_eq!(back.items, p.items);
}

#[test]
fn pam_fields_say_what_the_spec_says() {
    let p = sample();
    let value: Value = serde_json::from_str(&pam::write(&p, NOW)).unwrap();
    let lisbon = value["memories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["content"].as_str().unwrap().contains("Lisbon"))
        .unwrap();
    assert_eq!(lisbon["type"], "identity");
    assert_eq!(lisbon["tags"], serde_json::json!(["personal-information"]));
    // The date the source gave is when it was first known.
    assert_eq!(lisbon["temporal"]["created_at"], "2025-03-05T00:00:00Z");
    assert_eq!(lisbon["provenance"]["platform"], "claude");
    assert_eq!(
        lisbon["provenance"]["extraction_method"],
        "browser_extraction"
    );
    assert_eq!(lisbon["provenance"]["extracted_at"], "2026-11-24T12:00:00Z");
    assert_eq!(
        lisbon["content_hash"],
        pam::content_hash("Lives in Lisbon with her partner Jonas.")
    );
    // Both places it was read.
    assert_eq!(
        lisbon["metadata"]["memport"]["sources"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    let edited = value["memories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["content"] == "Stop suggesting Python for scripts.")
        .unwrap();
    assert_eq!(edited["temporal"]["updated_at"], "2026-11-30T09:00:00Z");
    assert_eq!(edited["type"], "instruction");
}

#[test]
fn content_hashes_and_checksum_match_the_specs_own_example() {
    let example = include_str!("fixtures/pam/example-memory-store.json");
    assert_valid(example);
    let value: Value = serde_json::from_str(example).unwrap();
    let memories = value["memories"].as_array().unwrap();
    for m in memories {
        assert_eq!(
            pam::content_hash(m["content"].as_str().unwrap()),
            m["content_hash"].as_str().unwrap(),
            "{}",
            m["id"]
        );
    }
    // RFC 8785 over floats too (confidence 0.95, 1.0).
    assert_eq!(
        pam::checksum(memories),
        value["integrity"]["checksum"].as_str().unwrap()
    );
}

#[test]
fn the_specs_example_reads_with_platforms_dates_and_categories() {
    let example = include_str!("fixtures/pam/example-memory-store.json");
    let Ok(Reading::Open(open)) = text_import::read_at(example, NOW) else {
        panic!("not read as an open format");
    };
    assert_eq!(open.format, OpenFormat::Pam);
    assert_eq!(open.items.len(), 5);
    assert!(open.left_out.is_empty(), "{:?}", open.left_out);
    let first = &open.items[0];
    assert_eq!(first.category, Category::PersonalInformation);
    let s = first.first_source().unwrap();
    assert_eq!(s.assistant, Some(Assistant::Claude));
    assert_eq!(s.saved.as_deref(), Some("2024-06-01"));
    assert_eq!(s.captured_at, datetime!(2024-06-15 14:00 UTC));
    assert_eq!(open.items[2].category, Category::ProjectsAndGoals);
    assert_eq!(open.items[4].category, Category::TechnicalPreferences);
}

#[test]
fn pam_without_memports_metadata_keeps_text_category_platform_and_date() {
    let p = sample();
    let mut value: Value = serde_json::from_str(&pam::write(&p, NOW)).unwrap();
    for m in value["memories"].as_array_mut().unwrap() {
        m.as_object_mut().unwrap().remove("metadata");
    }
    let file = serde_json::to_string(&value).unwrap();
    let open = match text_import::read_at(&file, NOW) {
        Ok(Reading::Open(open)) => open,
        Err(e) => panic!("{e}"),
        Ok(_) => panic!("not read as an open format"),
    };
    // The checksum was over the memories with their metadata: said, not fatal.
    assert!(open.left_out.iter().any(|l| l.contains("checksum")));
    for item in &p.items {
        let back = open
            .items
            .iter()
            .find(|i| i.text == item.text)
            .expect("text kept");
        assert_eq!(back.category, item.category, "{}", item.text);
        assert_eq!(
            back.first_source().unwrap().assistant,
            item.first_source().unwrap().assistant
        );
    }
    let lisbon = open
        .items
        .iter()
        .find(|i| i.text.contains("Lisbon"))
        .unwrap();
    assert_eq!(
        lisbon.first_source().unwrap().saved.as_deref(),
        Some("2025-03-05")
    );
}

#[test]
fn mcp_output_is_the_servers_own_shape_and_reads_back() {
    let p = sample();
    let file = mcp::write(&p, true).text;
    assert!(
        !file.ends_with('\n'),
        "the server joins lines with \\n, none after the last"
    );
    let lines: Vec<Value> = file
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(file.lines().next().unwrap().starts_with(
        "{\"type\":\"entity\",\"name\":\"default_user\",\"entityType\":\"person\",\"observations\":["
    ));
    for (l, raw) in lines.iter().zip(file.lines()) {
        if l["type"] == "relation" {
            assert!(
                raw.starts_with("{\"type\":\"relation\",\"from\":\"default_user\",\"to\":"),
                "{raw}"
            );
        }
        let keys: Vec<&String> = l.as_object().unwrap().keys().collect();
        match l["type"].as_str().unwrap() {
            "entity" => assert_eq!(keys.len(), 4),
            "relation" => {
                assert_eq!(keys.len(), 4);
                assert_eq!(l["from"], "default_user");
                assert_eq!(l["relationType"], "has");
            }
            other => panic!("{other}"),
        }
    }
    // The person and five categories, each the person `has`.
    assert_eq!(lines.len(), 1 + 5 + 5);
    assert_eq!(formats::detect(&file), Some(OpenFormat::Mcp));
    let back = added(&file);
    assert_eq!(back.len(), p.len());
    for item in &p.items {
        let b = back
            .items
            .iter()
            .find(|i| i.text == item.text)
            .expect("text kept");
        assert_eq!(b.category, item.category, "{}", item.text);
    }
}

/// The sample profile with one memory that holds an API key (marked sensitive).
fn sample_with_a_key() -> Profile {
    let mut p = sample();
    p.add(vec![MemoryItem::new(
        "My OpenAI key is sk-proj-AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
        Category::TechnicalPreferences,
        source(None, Via::Import, None),
    )
    .unwrap()]);
    p
}

#[test]
fn mcp_files_leave_out_sensitive_memories_unless_asked() {
    let p = sample_with_a_key();
    let out = mcp::write(&p, false);
    assert_eq!(out.withheld, 1);
    assert!(!out.text.contains("sk-proj"));
    assert!(mcp::write(&p, true).text.contains("sk-proj"));
    // PAM keeps it, with the mark, as Download JSON does.
    let pam_file = pam::write(&p, NOW);
    assert!(pam_file.contains("sk-proj") && pam_file.contains("\"sensitive\""));
}

#[test]
fn mcp_graphs_written_by_others_become_memories_that_say_whose() {
    let file = [
        r#"{"type":"entity","name":"default_user","entityType":"person","observations":["Speaks fluent Spanish","Prefers morning meetings"]}"#,
        r#"{"type":"entity","name":"John_Smith","entityType":"person","observations":["Graduated in 2019"]}"#,
        r#"{"type":"entity","name":"Anthropic","entityType":"organization","observations":[]}"#,
        r#"{"type":"relation","from":"default_user","to":"Anthropic","relationType":"works_at"}"#,
        r#"{"type":"relation","from":"John_Smith","to":"default_user","relationType":"mentors"}"#,
        r#"{"type":"note","text":"not the server's"}"#,
        "",
    ]
    .join("\n");
    let Ok(Reading::Open(open)) = text_import::read_at(&file, NOW) else {
        panic!("not read");
    };
    let texts: Vec<&str> = open.items.iter().map(|i| i.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Speaks fluent Spanish",
            "Prefers morning meetings",
            "John_Smith: Graduated in 2019",
            "Works at Anthropic",
            "John_Smith mentors default_user"
        ]
    );
    assert_eq!(open.items[0].category, Category::PersonalInformation);
    assert_eq!(
        open.items[2].first_source().unwrap().heading.as_deref(),
        Some("MCP memory: John_Smith (person)")
    );
    assert_eq!(open.left_out.len(), 1);
    assert!(open.left_out[0].starts_with("Line 6 is neither"));
}

#[test]
fn an_import_merges_by_the_profiles_rules() {
    let mut p = Profile::new();
    p.add(vec![MemoryItem::new(
        "Lives in Lisbon with her partner Jonas.",
        Category::PersonalInformation,
        source(Some(Assistant::Claude), Via::MemoryPage, None),
    )
    .unwrap()]);
    let file = [
        r#"{"type":"entity","name":"default_user","entityType":"person","observations":["lives in Lisbon with her partner jonas","Has a cat"]}"#,
    ]
    .join("\n");
    let preview = text_import::preview_reading(&text_import::read(&file).unwrap(), &p);
    assert_eq!(preview.new, 1);
    assert!(
        preview.summary.contains("MCP memory server"),
        "{}",
        preview.summary
    );
    let (message, undo) = text_import::into_profile(&file, NOW, &mut p).unwrap();
    assert_eq!(
        message,
        "Added 1 memory from the file (1 already in your profile)."
    );
    assert_eq!(undo, "Imported an MCP memory file");
    assert_eq!(p.len(), 2);
    assert_eq!(p.items[0].sources.len(), 2, "one item, both sources");
    // The same file again adds nothing; nor does memport's own PAM of the result.
    let (again, _) = text_import::into_profile(&file, NOW, &mut p).unwrap();
    assert_eq!(
        again,
        "All 2 memories in the file were already in your profile."
    );
    let before = p.clone();
    text_import::into_profile(&pam::write(&before, NOW), NOW, &mut p).unwrap();
    assert_eq!(p, before);
}

/// An entry as Anthropic's format holds it: on one line, each of its lines trimmed.
fn one_line(text: &str) -> String {
    text.split(['\n', '\r'])
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every item of `p` is in `back` with its text on one line, its category, and its day as
/// the date its source gives; and nothing else is.
fn same_as_anthropic_holds(p: &Profile, back: &Profile) -> Result<(), TestCaseError> {
    prop_assert_eq!(back.len(), p.len());
    for item in &p.items {
        let b = back.items.iter().find(|b| b.id == item.id);
        let Some(b) = b else {
            return Err(TestCaseError::fail(format!("{:?} missing", item.text)));
        };
        prop_assert_eq!(&b.text, &one_line(&item.text));
        prop_assert_eq!(b.category, item.category);
        prop_assert_eq!(b.sources.len(), 1);
        let s = &b.sources[0];
        prop_assert_eq!(s.saved.clone(), Some(anthropic::day(item)));
        prop_assert_eq!(s.heading.as_deref(), Some(item.category.label()));
        prop_assert_eq!(s.via, Via::Import);
        prop_assert_eq!(s.assistant, None);
    }
    Ok(())
}

/// Texts that look like the format's own structure, or like other formats'.
fn lookalikes() -> Profile {
    let mut p = Profile::new();
    let texts = [
        ("Likes:", Category::OtherContext),
        (
            "[2024-01-01] - starts like a dated entry",
            Category::OtherContext,
        ),
        ("- starts like a bullet", Category::OtherContext),
        ("# Looks like a heading", Category::ProjectsAndGoals),
        ("Response instructions:", Category::PersonalInformation),
        ("```rust fence", Category::TechnicalPreferences),
        ("Evidence: User said so", Category::OtherContext),
        ("Imported from: ChatGPT", Category::OtherContext),
        (
            "<img src=x onerror=alert(1)> & <b>bold</b>",
            Category::OtherContext,
        ),
        (
            "Line one\nline two\r\n  line three  ",
            Category::ProjectsAndGoals,
        ),
        (
            "\u{202e}evil\u{202c} \u{0}nul, e\u{301}te\u{301}, 中文, 🎷",
            Category::OtherContext,
        ),
        (
            "{\"schema\": \"portable-ai-memory\"}",
            Category::OtherContext,
        ),
    ];
    p.add(
        texts
            .into_iter()
            .filter_map(|(t, c)| MemoryItem::new(t, c, source(None, Via::Selection, None)))
            .collect(),
    );
    p
}

#[test]
fn anthropic_output_is_dated_lines_under_headings_and_reads_back() {
    let p = sample();
    let file = anthropic::write(&p, true).text;
    // Every line a category heading, a blank between two, or `[YYYY-MM-DD] - entry`.
    let labels: Vec<&str> = Category::ALL.iter().map(|c| c.label()).collect();
    for line in file.lines() {
        let heading = line.strip_suffix(':').is_some_and(|h| labels.contains(&h));
        let b = line.as_bytes();
        let dated = b.len() > 15
            && b[0] == b'['
            && b[1..11].iter().enumerate().all(|(i, c)| match i {
                4 | 7 => *c == b'-',
                _ => c.is_ascii_digit(),
            })
            && line[11..].starts_with("] - ");
        assert!(heading || dated || line.is_empty(), "{line:?}");
    }
    assert!(
        file.starts_with(
            "Response instructions:\n[2026-11-24] - Always answer in British English.\n"
        ),
        "{file}"
    );
    // The earliest full date a source gave; "March 2024" is no day, so the day it was read.
    assert!(
        file.contains("\n[2025-03-05] - Lives in Lisbon with her partner Jonas.\n"),
        "{file}"
    );
    assert!(formats::anthropic::detect(&file));
    assert_eq!(
        formats::file_label(&file).as_deref(),
        Some("a file in Anthropic's import format")
    );
    assert_eq!(formats::detect(&file), None, "not a JSON format");
    match text_import::read(&file) {
        Ok(Reading::Text(parsed)) => assert_eq!(parsed.format, Format::DatedLines),
        other => panic!("{:?}", other.map(|_| ())),
    }
    same_as_anthropic_holds(&p, &added(&file)).unwrap();
    // Into the profile it came from: nothing new, each item one source more.
    let mut again = p.clone();
    let (said, undo) = text_import::into_profile(&file, NOW, &mut again).unwrap();
    assert_eq!(
        said,
        format!(
            "All {} memories in the text were already in your profile.",
            p.len()
        )
    );
    assert_eq!(undo, "Imported text");
    assert_eq!(again.len(), p.len());
}

#[test]
fn anthropic_entries_that_look_like_structure_stay_entries() {
    let p = lookalikes();
    let file = anthropic::write(&p, true).text;
    assert!(anthropic::detect(&file), "{file}");
    assert!(
        file.contains("\n[2026-11-24] - Line one line two line three\n"),
        "{file}"
    );
    same_as_anthropic_holds(&p, &added(&file)).unwrap();
    // Empty categories have no heading.
    assert!(!file.contains("Behavioral corrections:"));
}

#[test]
fn anthropic_files_leave_out_sensitive_memories_unless_asked() {
    let p = sample_with_a_key();
    let out = anthropic::write(&p, false);
    assert_eq!(out.withheld, 1);
    assert!(!out.text.contains("sk-proj"));
    assert!(anthropic::write(&p, true).text.contains("sk-proj"));
}

#[test]
fn write_formats_are_named_and_an_unknown_one_names_the_three() {
    assert_eq!(WriteFormat::named("PAM"), Ok(WriteFormat::Pam));
    assert_eq!(WriteFormat::named("mcp"), Ok(WriteFormat::Mcp));
    assert_eq!(WriteFormat::named("anthropic"), Ok(WriteFormat::Anthropic));
    let e = WriteFormat::named("csv").unwrap_err();
    assert!(
        e.starts_with("--format csv:")
            && e.contains("pam")
            && e.contains("mcp")
            && e.contains("anthropic"),
        "{e}"
    );
}

fn open_error(file: &str) -> FormatError {
    match text_import::read_at(file, NOW) {
        Err(ImportError::Open(e)) => e,
        other => panic!("expected a format error, got {:?}", other.map(|_| ())),
    }
}

#[test]
fn hostile_files_name_where_and_add_nothing() {
    let good = r#"{"type":"entity","name":"default_user","entityType":"person","observations":["Has a cat"]}"#;
    // A line cut short.
    let e = open_error(&format!("{good}\n{{\"type\":\"entity\",\"name\":\"x\""));
    assert!(
        matches!(&e, FormatError::NotJson { at, .. } if at == "Line 2"),
        "{e:?}"
    );
    assert!(e.to_string().starts_with("Line 2 is not valid JSON"));
    // Wrong types.
    let e = open_error(&format!(
        "{good}\n{}",
        r#"{"type":"entity","name":"x","entityType":"y","observations":"Has a dog"}"#
    ));
    assert_eq!(e.to_string(), "Line 2, \"observations\" should be an array of strings. Nothing was added: the file does not follow its format there.");
    let e = open_error(r#"{"type":"relation","from":1,"to":"b","relationType":"c"}"#);
    assert!(matches!(e, FormatError::Field { .. }));
    let e = open_error(r#"{"type":"entity","name":"x","entityType":"y","observations":[1]}"#);
    assert!(matches!(e, FormatError::Field { .. }));
    // PAM: broken, wrong version, wrong types, nothing active.
    let pam_head = r#"{"schema": "portable-ai-memory", "schema_version": "#;
    assert!(matches!(
        open_error(&format!("{pam_head}\"1.0\", ")),
        FormatError::NotJson { .. }
    ));
    assert!(matches!(
        open_error(&format!(
            "{pam_head}\"2.0\", \"owner\": {{\"id\": \"a\"}}, \"memories\": []}}"
        )),
        FormatError::Version { .. }
    ));
    let e = open_error(&format!(
        "{pam_head}\"1.0\", \"owner\": {{\"id\": \"a\"}}, \"memories\": {{}}}}"
    ));
    assert_eq!(e.to_string(), "\"memories\" should be an array of memory objects. Nothing was added: the file does not follow its format there.");
    let e = open_error(&format!(
        "{pam_head}\"1.0\", \"owner\": {{\"id\": \"a\"}}, \"memories\": [{{\"content\": 5}}]}}"
    ));
    assert!(e
        .to_string()
        .starts_with("memories[0].content should be a string"));
    let e = open_error(&format!("{pam_head}\"1.0\", \"owner\": {{\"id\": \"a\"}}, \"memories\": [{{\"content\": \"x\", \"status\": \"retracted\"}}]}}"));
    assert_eq!(e, FormatError::NoMemories);
    // Deeply nested: serde_json's recursion limit, an error, not a stack overflow.
    let deep = format!("{{\"type\":\"entity\",\"name\":\"a\",\"entityType\":\"b\",\"observations\":[\"x\"],\"z\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(matches!(open_error(&deep), FormatError::NotJson { .. }));
    // Too long for one file.
    let huge = format!("{good}\n{}", "x".repeat(formats::MAX_FILE_CHARS));
    assert!(matches!(open_error(&huge), FormatError::TooLong { .. }));
    // In Spanish and Japanese, where as well as why.
    memport::i18n::set_lang(memport::i18n::Lang::Es);
    let es = open_error(&format!(
        "{good}\n{}",
        r#"{"type":"entity","name":"x","entityType":"y","observations":"Has a dog"}"#
    ))
    .to_string();
    memport::i18n::set_lang(memport::i18n::Lang::Ja);
    let ja = open_error(&format!("{good}\n{{\"type\":\"entity\",\"name\":\"x\"")).to_string();
    memport::i18n::set_lang(memport::i18n::Lang::En);
    assert!(
        es.starts_with("La línea 2, «observations», debería ser un array de cadenas."),
        "{es}"
    );
    assert!(ja.starts_with("2 行目は有効な JSON ではありません"), "{ja}");
}

#[test]
fn a_huge_line_and_odd_text_are_kept_whole() {
    let long: String = (0..5_000).map(|i| format!("w{i} ")).collect();
    let file = serde_json::json!({"type":"entity","name":"default_user","entityType":"person",
        "observations":[long, "<img src=x onerror=alert(1)>", "\u{202e}evil\u{202c} \u{0}nul", "e\u{301}te\u{301}"]})
    .to_string();
    let p = added(&file);
    // The long one cut at word ends into items that fit, nothing lost.
    let joined: String = p
        .items
        .iter()
        .filter(|i| i.text.starts_with('w'))
        .map(|i| i.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(joined, long.trim());
    assert!(p
        .items
        .iter()
        .any(|i| i.text == "<img src=x onerror=alert(1)>"));
    assert!(p
        .items
        .iter()
        .any(|i| i.text == "\u{202e}evil\u{202c} \u{0}nul"));
    // And back out to PAM, valid, hashed over NFC.
    let pam_file = pam::write(&p, NOW);
    assert_valid(&pam_file);
    assert_eq!(
        pam::content_hash("e\u{301}te\u{301}"),
        pam::content_hash("\u{e9}t\u{e9}")
    );
    assert_eq!(added(&pam_file).items, p.items);
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[^\n\r]{1,80}",
        "[A-Za-zÀ-ÿ]{1,12}( [a-zé0-9,;:'()]{1,10}){0,12}[.!?]?",
        "\\PC{1,40}(\n\\PC{1,40}){0,2}",
    ]
}

fn profile() -> impl Strategy<Value = Profile> {
    prop::collection::vec(
        (
            text(),
            0..6usize,
            0..4usize,
            prop::option::of("20[0-9]{2}-0[1-9]-1[0-9]"),
        ),
        0..15,
    )
    .prop_map(|entries| {
        let mut p = Profile::new();
        let items = entries.into_iter().filter_map(|(t, c, a, saved)| {
            let assistant = [
                None,
                Some(Assistant::Claude),
                Some(Assistant::ChatGpt),
                Some(Assistant::Gemini),
            ][a];
            let via = [
                Via::Import,
                Via::MemoryPage,
                Via::DataExport,
                Via::Selection,
            ][a];
            MemoryItem::new(
                &t,
                Category::ALL[c],
                source(assistant, via, saved.as_deref()),
            )
        });
        p.add(items.collect());
        p
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_profile_goes_through_pam_and_back(p in profile()) {
        let file = pam::write(&p, NOW);
        assert_valid(&file);
        if p.is_empty() {
            prop_assert!(matches!(text_import::read_at(&file, NOW), Err(ImportError::Open(FormatError::NoMemories))));
        } else {
            prop_assert_eq!(added(&file).items, p.items);
        }
    }

    #[test]
    fn any_profile_goes_through_mcp_and_keeps_every_text(p in profile()) {
        let file = mcp::write(&p, true).text;
        match text_import::read_at(&file, NOW) {
            Ok(Reading::Open(open)) => {
                let mut back = Profile::new();
                back.add(open.items);
                let mut want: Vec<&str> = p.items.iter().map(|i| i.text.as_str()).collect();
                let mut got: Vec<&str> = back.items.iter().map(|i| i.text.as_str()).collect();
                want.sort();
                got.sort();
                prop_assert_eq!(got, want);
                for item in p.items.iter().filter(|i| i.category != Category::PersonalInformation) {
                    let b = back.items.iter().find(|b| b.text == item.text);
                    prop_assert_eq!(b.map(|b| b.category), Some(item.category));
                }
            }
            Err(ImportError::Open(FormatError::NoMemories)) => prop_assert!(p.is_empty()),
            other => prop_assert!(false, "{:?}", other.map(|_| ())),
        }
    }

    #[test]
    fn any_profile_goes_through_anthropic_and_back(p in profile()) {
        let file = anthropic::write(&p, true).text;
        if p.is_empty() {
            prop_assert_eq!(file.as_str(), "");
            prop_assert!(matches!(text_import::read_at(&file, NOW), Err(ImportError::Empty)));
        } else {
            prop_assert!(anthropic::detect(&file), "{}", file);
            same_as_anthropic_holds(&p, &added(&file))?;
        }
    }

    #[test]
    fn no_input_panics(text in "\\PC{0,300}", cut in 0usize..2000) {
        // Arbitrary text, and memport's own files cut anywhere.
        let _ = text_import::read_at(&text, NOW);
        let file = pam::write(&sample(), NOW);
        let at = file.char_indices().nth(cut % file.chars().count()).map_or(0, |(i, _)| i);
        let _ = text_import::read_at(&file[..at], NOW);
        let m = mcp::write(&sample(), true).text;
        let at = m.char_indices().nth(cut % m.chars().count()).map_or(0, |(i, _)| i);
        let _ = text_import::read_at(&format!("{}{}", &m[..at], text), NOW);
        let a = anthropic::write(&sample(), true).text;
        let at = a.char_indices().nth(cut % a.chars().count()).map_or(0, |(i, _)| i);
        let _ = text_import::read_at(&format!("{}{}", &a[..at], text), NOW);
        let _ = formats::file_label(&format!("{}{}", &a[..at], text));
    }
}
