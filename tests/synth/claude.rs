//! Claude's exports: the legacy ZIP and the current directory of per-category ZIPs.

use std::fs::{self};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use memport::export::zip_write::{EntryOpts, Method, ZipOut};
use memport::export::Kind;
use memport::sites::Assistant;

use crate::*;

pub(crate) const CLAUDE_NAME: &str = "Samantha Rivera";

pub(crate) const CONVERSATIONS_MEMORY: &str = "**Work context**

Sam is a backend engineer at a logistics company in Lisbon, building routing services in Rust.
- Leads a team of four engineers.
- Migrating a monolith to event-driven services.

**Personal context**

Lives in Lisbon with her partner Jonas and two kids, Ana and Rui.
Vegetarian; loves café culture and is learning Japanese (日本語) 🇯🇵.

**Top of mind**

1. Preparing a talk on async Rust for a Lisbon meetup.
2. Planning a spring trip to Kyoto.

**Brief history**

**Recent months**

* Switched the team's CI from Jenkins to GitHub Actions.

**Earlier context**

Studied physics in Porto before moving into software.
";

pub(crate) const CONVERSATIONS_MEMORY_CURRENT: &str = "**Work context**

Sam is a staff engineer at a logistics company, building routing services in Rust.
- Leads a team of six engineers.

**Personal context**

Lives in Lisbon with her partner Jonas and two kids, Ana and Rui.
Vegetarian; learning Arabic (العربية) for work trips.

## Preferences

- Wants answers in British English, with metric units.
- Uses a 24-hour clock.

**Top of mind**

Giving the async Rust talk in June; rehearsing \"Pin and Unpin, explained\".
";

pub(crate) struct Project {
    pub(crate) name: &'static str,
    pub(crate) description: &'static str,
    pub(crate) template: &'static str,
    pub(crate) memory: Option<&'static str>,
    pub(crate) starter: bool,
}

pub(crate) const PROJECTS: &[Project] = &[
    Project {
        name: "Balcony garden",
        description: "Planning what grows on a small south-facing balcony.",
        template: "You are helping plan a balcony garden in Lisbon.\nAnswer in British English.\n\n- Keep answers short.\n- Use metric units.\n\nPrefer organic methods over chemical ones.",
        memory: Some("**Purpose & context**\n\nA balcony garden in Lisbon, about 4 m², facing south.\n- Grows tomatoes, basil and strawberries.\n\n**Current state**\n\nThe tomatoes have blossom-end rot; trying calcium and steadier watering."),
        starter: false,
    },
    Project {
        name: "Async Rust talk",
        description: "Slides and notes for the meetup talk.",
        template: "Help me write a 30-minute talk on async Rust.\n1. Audience: intermediate Rust developers.\n2. Every example must compile on stable Rust.\nAvoid jargon without a one-line explanation.",
        memory: Some("The talk is 30 minutes, at the Lisbon Rust meetup in June.\n- Sections: futures, Pin, executors, cancellation."),
        starter: false,
    },
    Project {
        name: "How to use Claude",
        description: "An example project that also doubles as a how-to guide for using Claude.",
        template: "",
        memory: None,
        starter: true,
    },
];

/// A project memory kept for a project that no longer has a file.
pub(crate) const ORPHAN_MEMORY: &str = "Notes for a deleted project: budget was 500 euros.";

pub(crate) struct ClaudeConvGen {
    pub(crate) rng: Rng,
    pub(crate) target: u64,
    pub(crate) step: f64,
    pub(crate) k: usize,
}

impl ClaudeConvGen {
    pub(crate) fn conversation(&mut self, written: u64) -> Option<(String, Vec<u8>)> {
        if written >= self.target && self.k > 0 {
            return None;
        }
        let mut rng = self.rng.fork();
        let created = T_END - 3600.0 - self.k as f64 * self.step;
        self.k += 1;
        let uuid = rng.uuid();
        let mut js = Js::new(rng.chance(30));
        let mut t = created;
        js.raw("{");
        js.kv("uuid", &uuid);
        js.kv("name", one(&mut rng, TITLES));
        js.kv("summary", "");
        js.kv("created_at", &rfc3339(created, 6));
        let turns = rng.range(1, 6);
        let end = created + turns as f64 * 240.0;
        js.kv("updated_at", &rfc3339(end, 6));
        js.key("account")
            .raw("{")
            .kv("uuid", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")
            .raw("}");
        let key = if rng.chance(10) {
            "messages"
        } else {
            "chat_messages"
        };
        js.key(key).raw("[");
        let mut parent = "00000000-0000-4000-8000-000000000000".to_string();
        for i in 0..turns * 2 {
            let human = i % 2 == 0;
            let text = if human {
                if rng.chance(3) {
                    "Remember that I like my tea without sugar, and call me Captain from now on."
                        .to_string()
                } else {
                    question(&mut rng)
                }
            } else {
                let long = rng.chance(1);
                answer(&mut rng, long)
            };
            t += 30.0 + rng.below(200) as f64;
            let id = rng.uuid();
            js.item().raw("{");
            js.kv("uuid", &id);
            js.kv("text", &text);
            js.key("content").raw("[{");
            js.kv("start_timestamp", &rfc3339(t, 6));
            js.kv("stop_timestamp", &rfc3339(t + 3.0, 6));
            js.kraw("flags", "null");
            js.kv("type", "text");
            js.kv("text", &text);
            js.kraw("citations", "[]");
            js.raw("}");
            if !human && rng.chance(5) {
                js.item().raw("{");
                js.kv("type", "tool_use");
                js.kv("name", "memory_user_edits");
                js.kraw("input", "{\"command\":\"view\"}");
                js.raw("}");
            }
            js.raw("]");
            js.kv("sender", if human { "human" } else { "assistant" });
            js.kv("created_at", &rfc3339(t, 6));
            js.kv("updated_at", &rfc3339(t, 6));
            js.kraw("attachments", "[]");
            js.kraw("files", "[]");
            js.kv("parent_message_uuid", &parent);
            js.raw("}");
            parent = id;
        }
        js.raw("]}");
        Some((uuid, js.b))
    }
}

pub(crate) fn project_json(r: &mut Rng, p: &Project, uuid: &str) -> Vec<u8> {
    let mut j = Js::new(false);
    j.raw("{");
    j.kv("uuid", uuid);
    j.kv("name", p.name);
    j.kv("description", p.description);
    j.kraw("is_private", "true");
    j.kraw(
        "is_starter_project",
        if p.starter { "true" } else { "false" },
    );
    j.kv("prompt_template", p.template);
    j.kv("created_at", &rfc3339(T_END - 200.0 * 86_400.0, 6));
    j.kv("updated_at", &rfc3339(T_END - 20.0 * 86_400.0, 6));
    j.key("creator")
        .raw("{")
        .kv("uuid", "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6")
        .kv("full_name", CLAUDE_NAME)
        .raw("}");
    j.key("docs").raw("[");
    j.item().raw("{");
    j.kv("uuid", &r.uuid());
    j.kv("filename", "notes.md");
    j.kv(
        "content",
        "# Notes\n\nRemember: this is a document, not memory.\n- Always water in the morning.",
    );
    j.kv("created_at", &rfc3339(T_END - 100.0 * 86_400.0, 6));
    j.raw("}]}");
    j.b
}

pub(crate) fn claude(opts: &Options, out: &Path) -> io::Result<Written> {
    let mut r = Rng::new(opts.seed ^ 0xC1A0);
    let uuids: Vec<String> = PROJECTS.iter().map(|_| r.uuid()).collect();
    let orphan = r.uuid();
    let account_uuid = "0b7c1d2e-3f40-4a51-8b62-7c83d94ea5f6";
    let mut occ = Vec::new();
    let mut g = ClaudeConvGen {
        rng: Rng::new(opts.seed),
        target: opts.size,
        step: SPAN / (opts.size / 6_000).max(20) as f64,
        k: 0,
    };
    let current = opts.kind == ExportKind::ClaudeCurrent;
    let mut seq = 0.0;
    let mut note = |occ: &mut Vec<Occ>,
                    kind: Kind,
                    heading: Option<String>,
                    text: String,
                    d: Option<String>,
                    file: String| {
        seq += 1.0;
        occ.push(Occ {
            assistant: Assistant::Claude,
            kind,
            text,
            heading,
            conversation: None,
            day: d,
            order: seq,
            file,
        });
    };
    if !current {
        let name = file_name(out);
        let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, dos_time(T_END));
        zip.begin(
            "conversations.json",
            Method::Deflated,
            EntryOpts {
                descriptor: false,
                large: opts.size >= 0xF000_0000,
            },
        )?;
        zip.write_all(b"[")?;
        let mut written = 1u64;
        let mut n = 0u64;
        while let Some((_, conv)) = g.conversation(written) {
            if n > 0 {
                zip.write_all(b",")?;
                written += 1;
            }
            zip.write_all(&conv)?;
            written += conv.len() as u64;
            n += 1;
        }
        zip.write_all(b"]")?;
        zip.end()?;
        let users = format!(
            "[{{\"uuid\":\"{account_uuid}\",\"full_name\":\"{CLAUDE_NAME}\",\"email_address\":\"sam@example.org\",\"verified_phone_number\":null}}]"
        );
        zip.add("users.json", Method::Deflated, users.as_bytes())?;
        note(
            &mut occ,
            Kind::AccountName,
            None,
            format!("Account name: {CLAUDE_NAME}"),
            None,
            format!("{name}: users.json"),
        );
        let mut pj = Vec::from(&b"["[..]);
        for (i, p) in PROJECTS.iter().enumerate() {
            if i > 0 {
                pj.push(b',');
            }
            pj.extend(project_json(&mut r, p, &uuids[i]));
        }
        pj.push(b']');
        zip.add("projects.json", Method::Deflated, &pj)?;
        let mut m = Js::new(false);
        m.raw("[{");
        m.kv("conversations_memory", CONVERSATIONS_MEMORY);
        m.key("project_memories").raw("{");
        for (i, p) in PROJECTS.iter().enumerate() {
            if let Some(mem) = p.memory {
                m.kv(&uuids[i], mem);
            }
        }
        m.kv(&orphan, ORPHAN_MEMORY);
        m.raw("}");
        m.kv("account_uuid", account_uuid);
        m.raw("}]");
        zip.add("memories.json", Method::Deflated, &m.b)?;
        zip.finish()?;
        let mem_file = format!("{name}: memories.json");
        for (h, t) in markdown_items(CONVERSATIONS_MEMORY, None) {
            note(
                &mut occ,
                Kind::ConversationsMemory,
                h,
                t,
                None,
                mem_file.clone(),
            );
        }
        for p in PROJECTS {
            if let Some(mem) = p.memory {
                for (h, t) in markdown_items(mem, Some(p.name)) {
                    note(&mut occ, Kind::ProjectMemory, h, t, None, mem_file.clone());
                }
            }
        }
        for (h, t) in markdown_items(ORPHAN_MEMORY, Some(&orphan)) {
            note(&mut occ, Kind::ProjectMemory, h, t, None, mem_file.clone());
        }
        for p in PROJECTS {
            for (h, t) in markdown_items(p.template, Some(p.name)) {
                note(
                    &mut occ,
                    Kind::ProjectInstructions,
                    h,
                    t,
                    None,
                    format!("{name}: projects.json"),
                );
            }
        }
        return Ok(Written {
            files: vec![out.to_path_buf()],
            truth_path: PathBuf::new(),
            truth: truth(&occ),
            json_bytes: written,
            conversations: n,
        });
    }
    // The current shape: a directory of per-category ZIPs and a manifest.
    fs::create_dir_all(out)?;
    let mut files: Vec<PathBuf> = Vec::new();
    let mut manifest: Vec<(&str, String, u64, usize)> = Vec::new();
    // Conversations, in parts of about 64 MB.
    let part_size = 64_000_000u64;
    let mut written = 0u64;
    let mut n = 0u64;
    let mut part = 0usize;
    let mut light: Vec<(String, String)> = Vec::new();
    loop {
        let zname = format!("conversations-{part:03}.zip");
        let path = out.join(&zname);
        let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
        let start = written;
        let mut entries = 0usize;
        let mut more = false;
        while let Some((uuid, conv)) = g.conversation(written) {
            zip.add(
                &format!("conversations/{uuid}.json"),
                Method::Deflated,
                &conv,
            )?;
            if light.len() < 50 {
                light.push((uuid, TITLES[light.len() % TITLES.len()].to_string()));
            }
            written += conv.len() as u64;
            n += 1;
            entries += 1;
            if written - start >= part_size {
                more = true;
                break;
            }
        }
        zip.finish()?;
        manifest.push(("conversations", zname, fs::metadata(&path)?.len(), entries));
        files.push(path);
        if !more {
            break;
        }
        part += 1;
    }
    // Projects.
    let zname = "projects-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
    for (i, p) in PROJECTS.iter().enumerate() {
        let entry = format!("projects/{}.json", uuids[i]);
        zip.add(
            &entry,
            Method::Deflated,
            &project_json(&mut r, p, &uuids[i]),
        )?;
        for (h, t) in markdown_items(p.template, Some(p.name)) {
            note(
                &mut occ,
                Kind::ProjectInstructions,
                h,
                t,
                None,
                format!("{zname}: {entry}"),
            );
        }
    }
    zip.finish()?;
    manifest.push((
        "projects",
        zname,
        fs::metadata(&path)?.len(),
        PROJECTS.len(),
    ));
    files.push(path);
    // Memories.
    let zname = "memories-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
    let entry = format!("memories/{account_uuid}.json");
    let memory_files: [(&str, &str, f64); 2] = [
        (
            "/memories/preferences.md",
            "# Preferences\n\n- Prefers tabs over spaces in Go, spaces in Python.\n- Wants commit messages in the imperative mood.",
            T_END - 40.0 * 86_400.0 + 3_723.5,
        ),
        (
            "/memories/kitchen.md",
            "Cooks vegetarian food for five on Sundays.\nOwns a 28 cm cast-iron pan 🍳.",
            T_END - 9.0 * 86_400.0 + 80_000.25,
        ),
    ];
    let mut m = Js::new(false);
    m.raw("{");
    m.kv("conversations_memory", CONVERSATIONS_MEMORY_CURRENT);
    m.key("memory_files").raw("[");
    for (p, content, t) in memory_files {
        m.item().raw("{");
        m.kv("path", p);
        m.kv("content", content);
        m.kv("updated_at", &rfc3339(t, 6));
        m.raw("}");
    }
    m.raw("]");
    m.kv("account_uuid", account_uuid);
    m.raw("}");
    zip.add(&entry, Method::Deflated, &m.b)?;
    zip.finish()?;
    let file = format!("{zname}: {entry}");
    for (h, t) in markdown_items(CONVERSATIONS_MEMORY_CURRENT, None) {
        note(
            &mut occ,
            Kind::ConversationsMemory,
            h,
            t,
            None,
            file.clone(),
        );
    }
    for (p, content, t) in memory_files {
        for (h, text) in markdown_items(content, Some(p)) {
            note(
                &mut occ,
                Kind::MemoryFile,
                h,
                text,
                Some(day(t)),
                file.clone(),
            );
        }
    }
    manifest.push(("memories", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    // Light metadata and design chats: no memory.
    let zname = "light_metadata-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
    let mut lm = Js::new(false);
    lm.raw("[");
    for (uuid, title) in &light {
        lm.item().raw("{");
        lm.kv("uuid", uuid);
        lm.kv("name", title);
        lm.raw("}");
    }
    lm.raw("]");
    zip.add("light_metadata/conversations.json", Method::Deflated, &lm.b)?;
    zip.finish()?;
    manifest.push(("light_metadata", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    let zname = "design_chats-000.zip".to_string();
    let path = out.join(&zname);
    let mut zip = ZipOut::new(create(&path)?, opts.level, opts.zip64, dos_time(T_END));
    let dc = format!(
        "{{\"uuid\":\"{}\",\"name\":\"Landing page mockup\",\"messages\":[{{\"sender\":\"human\",\"text\":\"Remember to make the button blue.\"}}]}}",
        r.uuid()
    );
    zip.add(
        &format!("design_chats/{}.json", r.uuid()),
        Method::Deflated,
        dc.as_bytes(),
    )?;
    zip.finish()?;
    manifest.push(("design_chats", zname, fs::metadata(&path)?.len(), 1));
    files.push(path);
    let mut mf = Js::new(false);
    mf.raw("{");
    mf.kraw("version", "2");
    mf.kv("created_at", &rfc3339(T_END, 6));
    mf.kv("account_uuid", account_uuid);
    mf.key("files").raw("[");
    for (category, name, size, entries) in &manifest {
        mf.item().raw("{");
        mf.kv("category", category);
        mf.kv("path", name);
        mf.kraw("size_bytes", &size.to_string());
        mf.kraw("entries", &entries.to_string());
        mf.raw("}");
    }
    mf.raw("]}");
    let path = out.join("manifest.json");
    fs::write(&path, &mf.b)?;
    files.insert(0, path);
    Ok(Written {
        files,
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes: written,
        conversations: n,
    })
}
