//! `memport import` over PAM and MCP memory files, run as a person would: the built binary,
//! its stdout and stderr read back. Converting one format to the other and back keeps every
//! memory; a broken file names its line and prints nothing.

mod common;
use common::memport;

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
