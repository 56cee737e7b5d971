//! `memport import` on the command line, run as a person would: the built binary over a
//! synthetic export on disk, its stdout and stderr read back.

use std::path::Path;

use memport::export::Recovered;
use memport::profile::Profile;
use memport_synth::{self as synth, ExportKind, Options};

mod common;
use common::memport;

fn truth(out: &Path) -> Vec<Recovered> {
    let text = std::fs::read_to_string(synth::truth_path(out)).unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn import_prints_the_recovered_profile_in_each_form() {
    let dir = std::env::temp_dir().join(format!("memport-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let zip = dir.join("chatgpt-export.zip");
    synth::write(&Options::new(ExportKind::ChatGptZip, 11, 1_000_000), &zip).unwrap();
    let planted = truth(&zip);
    let zip_arg = zip.to_str().unwrap();

    // --json: memport's profile file, holding every planted memory.
    let (code, json, err) = memport(&["import", zip_arg, "--json"]);
    assert_eq!(code, 0, "{err}");
    let profile = Profile::from_json(Some(&json)).expect("--json prints a profile file");
    for r in &planted {
        assert!(
            profile.items.iter().any(|i| i.text == r.text
                || i.sources.iter().any(|s| s.text.as_deref() == Some(&r.text))),
            "missing from --json: {}",
            r.text
        );
    }
    assert!(
        err.contains("memories recovered from"),
        "summary on stderr: {err}"
    );
    // Not a terminal: no progress line (no carriage returns) in what was captured.
    assert!(!err.contains('\r'));

    // The default text and --for gemini carry the same memories.
    let (_, text, _) = memport(&["import", zip_arg]);
    let (_, gemini, _) = memport(&["import", zip_arg, "--for", "gemini"]);
    assert!(gemini.contains("Imported from: memport"), "{gemini}");
    let some = &planted[0].text;
    assert!(text.contains(some.as_str()) && gemini.contains(some.as_str()));
    let (_, md, _) = memport(&["import", zip_arg, "--markdown"]);
    assert!(md.starts_with('#'), "{md}");

    // A folder is walked; a file that is no export is named with its problem.
    std::fs::write(dir.join("notes.zip"), b"not a zip at all").unwrap();
    let (code, _, err) = memport(&["import", dir.to_str().unwrap(), "--json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("notes.zip: is not a ZIP file"), "{err}");

    // Bad arguments get the usage, and exit 2.
    let (code, _, err) = memport(&["import"]);
    assert_eq!(code, 2);
    assert!(err.contains("usage: memport import"));
    let (code, _, err) = memport(&["import", zip_arg, "--for", "bard"]);
    assert_eq!(code, 2);
    assert!(err.contains("claude, chatgpt or gemini"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn import_names_sensitive_memories_and_leaves_them_out_of_for() {
    let dir = std::env::temp_dir().join(format!("memport-cli-secret-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = "sk-qsR6RZ24lPoQj3oPUlieI2nVsbBi1RMar1jf3YZ4Zq0CVB8i";
    let iban = "DE89 3704 0044 0532 0130 00";
    let file = dir.join("memory.json");
    let memories = serde_json::json!([
        "Lives in Lisbon and works as a nurse.",
        format!("Keeps the OpenAI key {key} in a notes app."),
        format!("Pays rent from IBAN {iban}."),
    ]);
    std::fs::write(&file, memories.to_string()).unwrap();
    let path = file.to_str().unwrap();

    // --for: the sensitive ones are named on stderr (never shown) and left out.
    let (code, gemini, err) = memport(&["import", path, "--for", "gemini"]);
    assert_eq!(code, 0, "{err}");
    assert!(gemini.contains("Lives in Lisbon"), "{gemini}");
    assert!(!gemini.contains(key) && !gemini.contains(iban), "{gemini}");
    assert!(
        err.contains("sensitive") && err.contains("an OpenAI API key (sk-…VB8i)"),
        "{err}"
    );
    assert!(err.contains("an IBAN (DE…3000)"), "{err}");
    assert!(
        !err.contains(key) && !err.contains(iban),
        "stderr repeats a secret: {err}"
    );

    // --include-sensitive keeps them.
    let (code, all, err) = memport(&["import", path, "--for", "gemini", "--include-sensitive"]);
    assert_eq!(code, 0, "{err}");
    assert!(all.contains(key) && all.contains(iban), "{all}");

    // --json keeps them, marked, and reads back as a profile.
    let (code, json, _) = memport(&["import", path, "--json"]);
    assert_eq!(code, 0);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    let marked: Vec<&serde_json::Value> = value["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i.get("sensitive").is_some())
        .collect();
    assert_eq!(marked.len(), 2, "{json}");
    assert!(json.contains(key));
    assert_eq!(Profile::from_json(Some(&json)).unwrap().len(), 3);
    let _ = std::fs::remove_dir_all(&dir);
}
