//! `memport import` over PAM, MCP memory and Anthropic files, run as a person would: the
//! built binary, its stdout and stderr read back. Converting one format to another and back
//! keeps every memory; a broken file names its line and prints nothing; an unknown
//! `--format` names the three it writes.

mod common;
use common::{memport, memport_in};

#[test]
fn mcp_to_pam_and_back() {
    let dir = std::env::temp_dir().join(format!("memport-cli-formats-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Named .txt: the content says what it is.
    let mcp = dir.join("graph.txt");
    std::fs::write(
        &mcp,
        concat!(
            r#"{"type":"entity","name":"default_user","entityType":"person","observations":["Lives in Lisbon","Prefers concise answers"]}"#,
            "\n",
            r#"{"type":"relation","from":"default_user","to":"Anthropic","relationType":"works_at"}"#,
            "\n"
        ),
    )
    .unwrap();
    let (code, pam, err) = memport(&["import", mcp.to_str().unwrap(), "--pam"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("read as an MCP memory server file"), "{err}");
    assert!(!err.contains("recovered from"), "no export summary: {err}");
    assert!(
        pam.starts_with("{\n  \"schema\": \"portable-ai-memory\""),
        "{pam}"
    );
    let pam_file = dir.join("store.json");
    std::fs::write(&pam_file, &pam).unwrap();
    let (code, back, err) = memport(&["import", pam_file.to_str().unwrap(), "--mcp"]);
    assert_eq!(code, 0, "{err}");
    for text in [
        "Lives in Lisbon",
        "Prefers concise answers",
        "Works at Anthropic",
    ] {
        assert!(
            back.contains(&format!("\"{text}\"")),
            "{text} missing: {back}"
        );
    }
    assert!(back.starts_with("{\"type\":\"entity\",\"name\":\"default_user\""));

    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, "{\"type\":\"entity\",\"name\":1}\n").unwrap();
    let (code, out, err) = memport(&["import", bad.to_str().unwrap(), "--pam"]);
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(err.contains("Line 1, \"name\" should be a string"), "{err}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn anthropic_both_ways_and_format_names() {
    let dir = std::env::temp_dir().join(format!("memport-cli-anthropic-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mcp = dir.join("memory.jsonl");
    std::fs::write(
        &mcp,
        r#"{"type":"entity","name":"default_user","entityType":"person","observations":["Lives in Lisbon","Has a cat named Miso"]}"#,
    )
    .unwrap();
    let (code, text, err) = memport(&["import", mcp.to_str().unwrap(), "--format", "anthropic"]);
    assert_eq!(code, 0, "{err}");
    let at = text.find('[').unwrap() + 1;
    let day = &text[at..at + 10];
    assert_eq!(
        text,
        format!(
            "Personal information:\n[{day}] - Lives in Lisbon\n[{day}] - Has a cat named Miso\n"
        )
    );
    // Read back by its content, whatever its name, and written as PAM with the day.
    let file = dir.join("for-claude.md");
    std::fs::write(&file, &text).unwrap();
    let (code, pam, err) = memport(&["import", file.to_str().unwrap(), "--format=pam"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("read as a file in Anthropic's import format, 2 memories"),
        "{err}"
    );
    // In the shell's language.
    let (_, _, err) = memport_in(
        "fr_FR.UTF-8",
        &["import", file.to_str().unwrap(), "--format=pam"],
    );
    assert!(
        err.contains("lu comme un fichier au format d'import d'Anthropic, 2 souvenirs"),
        "{err}"
    );
    // Its usage and errors too; the options stay as they are typed.
    let (code, _, err) = memport_in("de_DE.UTF-8", &["import"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("Aufruf: memport import <export.zip|dir|file>... [--json"),
        "{err}"
    );
    assert!(!err.contains("recovered from"), "no export summary: {err}");
    assert!(
        pam.contains(&format!("\"created_at\": \"{day}T00:00:00Z\"")),
        "{pam}"
    );
    assert!(
        pam.contains("\"content\": \"Has a cat named Miso\""),
        "{pam}"
    );
    // --pam and --mcp are short for --format pam and mcp.
    let (_, short, _) = memport(&["import", file.to_str().unwrap(), "--mcp"]);
    let (_, long, _) = memport(&["import", file.to_str().unwrap(), "--format", "MCP"]);
    assert_eq!(short, long);
    assert!(short.contains("\"Has a cat named Miso\""));

    let (code, out, err) = memport(&["import", file.to_str().unwrap(), "--format", "csv"]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("--format csv: memport writes pam (Portable AI Memory), mcp (the MCP memory server's JSONL) or anthropic (Anthropic's import format)"),
        "{err}"
    );
    let (code, _, err) = memport(&["import", file.to_str().unwrap(), "--format"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("--format needs a format: pam, mcp or anthropic"),
        "{err}"
    );
    let (_, _, help) = memport(&["--help"]);
    assert!(help.contains("--format anthropic"), "{help}");
    std::fs::remove_dir_all(&dir).ok();
}
