//! Claude's export: its memory summary (`conversations_memory`), project memories, memory
//! files, each project's instructions (`prompt_template`), and the account's name. Claude's
//! conversations hold no memory of their own and are not read.

use std::collections::HashMap;

use serde::Deserialize;

use super::collect::{day_of_iso, Collector, Seen};
use super::Kind;

#[derive(Deserialize)]
struct Memory {
    #[serde(default)]
    conversations_memory: Option<String>,
    #[serde(default)]
    project_memories: Option<HashMap<String, String>>,
    #[serde(default)]
    memory_files: Option<Vec<MemoryFile>>,
}

#[derive(Deserialize)]
struct MemoryFile {
    #[serde(default)]
    path: Option<String>,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    updated_at: Option<String>,
}

#[derive(Deserialize)]
struct Project {
    #[serde(default)]
    uuid: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    prompt_template: Option<String>,
}

/// The lines of a Markdown memory: `(heading, line)`, headings set by lines that are only a
/// bold or `#` heading, list markers taken off.
pub fn lines(markdown: &str) -> Vec<(Option<String>, String)> {
    let mut heading = None;
    let mut out = Vec::new();
    for raw in markdown.lines() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        if let Some(h) = heading_of(line) {
            heading = Some(h);
            continue;
        }
        out.push((heading.clone(), strip_marker(line).to_string()));
    }
    out.retain(|(_, l)| !l.is_empty());
    out
}

fn heading_of(line: &str) -> Option<String> {
    let text = if line.starts_with('#') {
        line.trim_start_matches('#')
    } else if line.starts_with("**") && {
        // `***::` trims to `***`: the bold marks overlap, there is nothing between them.
        let t = line.trim_end_matches(':');
        t.len() > 4 && t.ends_with("**") && !t[2..t.len() - 2].contains("**")
    } {
        line.trim_end_matches(':').trim_matches('*')
    } else {
        return None;
    };
    let text = text.trim().trim_end_matches(':').trim();
    (!text.is_empty()).then(|| text.to_string())
}

fn strip_marker(line: &str) -> &str {
    for m in ["- ", "* ", "• "] {
        if let Some(rest) = line.strip_prefix(m) {
            return rest.trim();
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(r) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return r.trim();
        }
    }
    line
}

fn seen(text: String, file: &str, heading: Option<String>) -> Seen {
    Seen {
        text,
        time: None,
        conversation: None,
        file: file.to_string(),
        heading,
    }
}

/// Whether an element is one of Claude's memory objects.
pub fn is_memory(element: &[u8]) -> bool {
    memchr::memmem::find(element, b"\"conversations_memory\"").is_some()
        || memchr::memmem::find(element, b"\"memory_files\"").is_some()
        || memchr::memmem::find(element, b"\"project_memories\"").is_some()
}

/// Whether an element is a Claude project.
pub fn is_project(element: &[u8]) -> bool {
    memchr::memmem::find(element, b"\"prompt_template\"").is_some()
}

/// Reads a memory object (legacy `memories.json` element, or `memories/<uuid>.json`).
pub fn memory(element: &[u8], file: &str, into: &mut Collector) -> Result<(), String> {
    let m: Memory = serde_json::from_slice(element).map_err(|e| e.to_string())?;
    for (heading, line) in m
        .conversations_memory
        .as_deref()
        .map(lines)
        .unwrap_or_default()
    {
        into.add(Kind::ConversationsMemory, seen(line, file, heading));
    }
    let mut projects: Vec<_> = m.project_memories.unwrap_or_default().into_iter().collect();
    projects.sort();
    for (uuid, text) in projects {
        for (_, line) in lines(&text) {
            // Named at the end, once every project file has been read.
            into.add(Kind::ProjectMemory, seen(line, file, Some(uuid.clone())));
        }
    }
    for f in m.memory_files.unwrap_or_default() {
        let day = f.updated_at.as_deref().and_then(day_of_iso);
        for (_, line) in f.content.as_deref().map(lines).unwrap_or_default() {
            let s = seen(line, file, f.path.clone());
            match &day {
                Some(d) => into.add_dated(Kind::MemoryFile, s, d.clone()),
                None => into.add(Kind::MemoryFile, s),
            }
        }
    }
    Ok(())
}

/// Reads a project: its instructions, and its name for its memories.
pub fn project(
    element: &[u8],
    file: &str,
    into: &mut Collector,
    names: &mut HashMap<String, String>,
) -> Result<(), String> {
    let p: Project = serde_json::from_slice(element).map_err(|e| e.to_string())?;
    let name = p.name.clone().or_else(|| p.uuid.clone());
    if let (Some(uuid), Some(n)) = (&p.uuid, &p.name) {
        names.insert(uuid.clone(), n.clone());
    }
    for (_, line) in p.prompt_template.as_deref().map(lines).unwrap_or_default() {
        into.add(Kind::ProjectInstructions, seen(line, file, name.clone()));
    }
    Ok(())
}

/// The account's name from a `users.json` element or ChatGPT's `user.json`.
pub fn account(element: &[u8], file: &str, into: &mut Collector) -> Result<bool, String> {
    #[derive(Deserialize)]
    struct User {
        #[serde(default)]
        full_name: Option<String>,
        #[serde(default)]
        name: Option<String>,
    }
    let u: User = serde_json::from_slice(element).map_err(|e| e.to_string())?;
    match u.full_name.or(u.name).filter(|n| !n.trim().is_empty()) {
        Some(n) => {
            let text = format!("Account name: {}", n.trim());
            into.add(Kind::AccountName, seen(text, file, None));
            Ok(true)
        }
        None => Ok(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_memory_lines_under_headings() {
        let md = "**Work context**\n\nAna is a data engineer.\n- Uses dbt daily\n\n\
                  ## Personal context:\n1. Lives in Porto\n**not** a heading line\n";
        let got = lines(md);
        assert_eq!(
            got,
            [
                (
                    Some("Work context".into()),
                    "Ana is a data engineer.".into()
                ),
                (Some("Work context".into()), "Uses dbt daily".into()),
                (Some("Personal context".into()), "Lives in Porto".into()),
                (
                    Some("Personal context".into()),
                    "**not** a heading line".into()
                ),
            ]
        );
    }

    #[test]
    fn overlapping_bold_marks_are_a_line_not_a_crash() {
        // Each once panicked slicing between the marks (`t[2..t.len() - 2]` with `t.len()`
        // 3), which stopped a whole import.
        for md in ["***::", "***:", "**:*", "****:", "***", "*****::"] {
            let got = lines(md);
            assert!(got.len() <= 1, "{md}: {got:?}");
        }
        assert_eq!(lines("***::\n- Lives in Porto")[1].1, "Lives in Porto");
    }
}
