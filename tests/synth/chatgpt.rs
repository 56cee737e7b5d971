//! ChatGPT's exports: the classic ZIP, the sharded ZIP and a bare `conversations.json`,
//! with the planted conversations in three blocks among the padding.

use std::fs::{self};
use std::io::{self, Seek, Write};
use std::path::{Path, PathBuf};

use memport::export::zip_write::{EntryOpts, Method, ZipOut};
use memport::export::Kind;
use memport::sites::Assistant;

use crate::*;

/// What is next in the file, newest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Phase {
    Late(usize),
    Pad1,
    Mid(usize),
    Pad2,
    Early(usize),
    Done,
}

/// Planted conversations per block; the script has `3 * BLOCK` of them, oldest first.
pub(crate) const BLOCK: usize = 5;

pub(crate) struct ConvOut {
    pub(crate) json: Vec<u8>,
    pub(crate) occ: Vec<Occ>,
    /// Cut the file inside this conversation (truncate faults).
    pub(crate) cut: bool,
}

pub(crate) struct ChatGen {
    pub(crate) rng: Rng,
    pub(crate) target: u64,
    pub(crate) step: f64,
    pub(crate) k: usize,
    pub(crate) phase: Phase,
    pub(crate) fault: Option<FaultKind>,
    pub(crate) fault_done: bool,
    pub(crate) cut_done: bool,
    pub(crate) file: String,
}

/// The average size of a padding conversation, to spread them over the span.
pub(crate) const AVG_CONV: u64 = 9_000;

impl ChatGen {
    pub(crate) fn new(opts: &Options, file: String) -> ChatGen {
        let n = (opts.size / AVG_CONV).max(40) as f64;
        ChatGen {
            rng: Rng::new(opts.seed),
            target: opts.size,
            step: SPAN / n,
            k: 0,
            phase: Phase::Late(0),
            fault: opts.fault,
            fault_done: false,
            cut_done: false,
            file,
        }
    }

    /// The next conversation, given the bytes written so far.
    pub(crate) fn next(&mut self, written: u64) -> Option<ConvOut> {
        loop {
            let script = match self.phase {
                Phase::Late(i) if i < BLOCK => {
                    self.phase = Phase::Late(i + 1);
                    Some(3 * BLOCK - 1 - i)
                }
                Phase::Late(_) => {
                    self.phase = Phase::Pad1;
                    continue;
                }
                Phase::Pad1 if written >= self.target / 2 => {
                    self.phase = Phase::Mid(0);
                    continue;
                }
                Phase::Mid(i) if i < BLOCK => {
                    self.phase = Phase::Mid(i + 1);
                    Some(2 * BLOCK - 1 - i)
                }
                Phase::Mid(_) => {
                    self.phase = Phase::Pad2;
                    continue;
                }
                Phase::Pad2 if written + 60_000 >= self.target => {
                    self.phase = Phase::Early(0);
                    continue;
                }
                Phase::Early(i) if i < BLOCK => {
                    self.phase = Phase::Early(i + 1);
                    Some(BLOCK - 1 - i)
                }
                Phase::Early(_) => {
                    self.phase = Phase::Done;
                    return None;
                }
                Phase::Done => return None,
                Phase::Pad1 | Phase::Pad2 => None,
            };
            let frac = written as f64 / self.target.max(1) as f64;
            return Some(self.conversation(script, frac));
        }
    }

    pub(crate) fn conversation(&mut self, script: Option<usize>, frac: f64) -> ConvOut {
        let mut rng = self.rng.fork();
        let jitter = rng.below(1_000_000) as f64 / 1e6 * self.step * 0.4;
        let created = T_END - 3600.0 - self.k as f64 * self.step - jitter;
        self.k += 1;
        let fault_here = script.is_none()
            && !self.fault_done
            && frac >= 0.3
            && matches!(
                self.fault,
                Some(FaultKind::Cycle | FaultKind::MissingParent | FaultKind::UnknownContentType)
            );
        let cut = script.is_none()
            && !self.cut_done
            && frac >= 0.6
            && matches!(
                self.fault,
                Some(FaultKind::Truncate | FaultKind::TruncatedJson)
            );
        if cut {
            self.cut_done = true;
        }
        let title = match script {
            Some(i) => SCRIPT_TITLES[i].map(str::to_string),
            None if rng.chance(4) => None,
            None => Some(rng.pick(TITLES).to_string()),
        };
        let mut c = Conv::new(rng.fork(), title, created);
        if fault_here {
            self.fault_done = true;
            self.faulty(&mut c);
        } else {
            if c.rng.chance(70) {
                c.system();
            }
            // Custom instructions, by the place in the timeline (0 = newest).
            let ci = if frac > 0.92 {
                None
            } else if frac > 0.5 {
                Some(&CI_V1)
            } else {
                Some(&CI_V2)
            };
            if let Some(ci) = ci {
                let shape = if frac > 0.7 {
                    CiShape::Old
                } else {
                    *c.rng
                        .pick(&[CiShape::New, CiShape::NewPrelude, CiShape::NewBare])
                };
                let runtime = shape != CiShape::Old && c.rng.chance(50);
                let file = self.file.clone();
                c.custom_instructions(ci, shape, runtime, &file);
            }
            match script {
                Some(i) => plant(i, &mut c, &self.file),
                None => self.padding(&mut c),
            }
        }
        c.archived = c.archived || c.rng.chance(3);
        let mut js = Js::new(c.ascii);
        c.to_json(&mut js);
        ConvOut {
            json: js.b,
            occ: c.occ,
            cut,
        }
    }

    pub(crate) fn padding(&self, c: &mut Conv) {
        let turns = c.rng.range(1, 7);
        for i in 0..turns {
            if i > 0 && c.rng.chance(10) {
                // A regeneration: the first answer stays on a side branch.
                let q = question(&mut c.rng);
                let fork = c.user(&q);
                let a = answer(&mut c.rng, false);
                c.assistant(&a);
                c.cur = fork;
                let a = answer(&mut c.rng, false);
                c.assistant(&a);
                continue;
            }
            if i > 0 && c.rng.chance(5) {
                // An edit: the first wording and its answer stay on a side branch.
                let fork = c.cur;
                c.ordinary_turn();
                c.cur = fork;
            }
            c.ordinary_turn();
        }
        if c.rng.chance(3) {
            c.decoys();
        }
        c.gizmo = c.rng.chance(5);
    }

    /// The conversation of a fault: nothing in it counts as memory.
    pub(crate) fn faulty(&self, c: &mut Conv) {
        c.user("This conversation is broken on purpose; remember that.");
        c.assistant("Noted, but not as memory.");
        c.user("Lives in Atlantis? Call me Captain.");
        let tip = c.assistant("Ahoy.");
        match self.fault {
            Some(FaultKind::Cycle) => {
                // The first message's parent becomes the last: following parents loops.
                let first = 1;
                let old_parent = c.nodes[first].parent.unwrap_or(0);
                c.nodes[old_parent].children.retain(|&x| x != first);
                c.nodes[first].parent = Some(tip);
                c.nodes[tip].children.push(first);
            }
            Some(FaultKind::MissingParent) => {
                let mid = c.nodes.len() / 2;
                if let Some(p) = c.nodes[mid].parent {
                    c.nodes[p].children.retain(|&x| x != mid);
                }
                c.nodes[mid].dangling_parent = Some(c.rng.uuid());
            }
            _ => {
                let t = c.tick();
                c.push(Msg {
                    role: "critic",
                    name: Some("bio"),
                    content: Content::Unknown {
                        content_type: "future_type_y".into(),
                        text: "Lives in Atlantis.".into(),
                    },
                    recipient: "bio_v9",
                    channel: Some("side"),
                    time: Some(t),
                    meta: "\"new_field\":{\"nested\":[1,2,{\"deep\":null}]}".into(),
                    end_turn: None,
                });
                let t = c.tick();
                c.push(Msg {
                    role: "assistant",
                    name: None,
                    content: Content::Unknown {
                        content_type: "reasoning_recap_v2".into(),
                        text: "Prefers to be called Captain.".into(),
                    },
                    recipient: "all",
                    channel: None,
                    time: Some(t),
                    meta: String::new(),
                    end_turn: None,
                });
            }
        }
    }
}

pub(crate) const SCRIPT_TITLES: [Option<&str>; 3 * BLOCK] = [
    // Early (oldest)
    Some("Trip planning for Portugal"),
    None,
    Some("Rust borrow checker question"),
    Some("Project: Garden planner"),
    Some("Café menu in 日本語 😀"),
    // Middle
    Some("Weekend recipes"),
    Some("Moving checklist"),
    Some("Clock settings"),
    Some("Shopping and reminders"),
    Some("Notes on Arabic — العربية"),
    // Late (newest)
    Some("Lisbon apartment hunt"),
    Some("Answer language"),
    Some("Name change"),
    Some("Units for recipes"),
    Some("Long planning notes"),
];

/// The planted conversations, oldest first: memory writes with repeats and contradictions,
/// snapshots, writes on side branches, and decoys.
pub(crate) fn plant(i: usize, c: &mut Conv, file: &str) {
    match i {
        0 => {
            c.ordinary_turn();
            c.user("I just moved to Lisbon! Remember that, and please answer in British English from now on.");
            c.bio("Lives in Lisbon.", file);
            c.bio("Prefers answers in British English.", file);
            c.assistant("Got it — I'll remember that you live in Lisbon and use British English.");
        }
        1 => {
            c.user("Dinner ideas? I'm vegetarian and my cat Miso keeps stealing food.");
            let fork = c.cur;
            // The first answer, regenerated later: its write stays on a side branch.
            c.bio("Has a cat named Miso.", file);
            c.assistant("Noted about Miso! Here are some ideas...");
            c.cur = fork;
            c.bio("Is vegetarian.", file);
            c.assistant("Here are five vegetarian dinners: ...");
        }
        2 => {
            // An empty snapshot says nothing.
            c.snapshot(&[], file);
            c.user("Why does the borrow checker reject this?\n```rust\nlet r = &mut v; v.push(1);\n```");
            c.bio("Works as a backend engineer at a logistics company.", file);
            c.ordinary_turn();
        }
        3 => {
            c.gizmo = true;
            c.archived = true;
            c.user("Plan my balcony garden; I think in centimetres and kilograms.");
            c.bio("Uses metric units.", file);
            c.ordinary_turn();
        }
        4 => {
            c.user("Écris un menu de café en japonais 😀 (日本語)");
            c.bio(
                "Is learning Japanese (日本語) and loves café culture 😀.",
                file,
            );
            c.assistant("カフェメニュー: コーヒー ☕, 抹茶ラテ 🍵 — « café » en français.");
        }
        5 => {
            c.ordinary_turn();
            c.bio("is vegetarian", file);
            c.user("Please call me Sam.");
            c.bio("Prefers to be called Sam.", file);
            c.ordinary_turn();
        }
        6 => {
            c.snapshot(
                &[
                    (Some("2024-01-15"), "Lives in Lisbon."),
                    (Some("2024-01-15"), "Is vegetarian."),
                    (None, "Uses metric units."),
                ],
                file,
            );
            c.user("We're moving to Porto next month. Make me a checklist.");
            c.bio("Lives in Porto.", file);
            c.ordinary_turn();
        }
        7 => {
            c.user("Show times the way I like them.");
            let fork = c.cur;
            c.bio("Uses 12-hour time.", file);
            c.assistant("Okay, 3:00 pm it is.");
            c.cur = fork;
            c.bio("Prefers 24-hour time.", file);
            c.assistant("Okay, 15:00 it is.");
        }
        8 => {
            c.decoys();
            c.ordinary_turn();
        }
        9 => {
            // An edited message: the first wording's write stays on a side branch.
            let fork = c.cur;
            c.user("I play the violin, by the way. How do I say hello in Arabic?");
            c.bio("Plays the violin.", file);
            c.assistant("مرحبا (marhaba).");
            c.cur = fork;
            c.user("How do I say hello in Arabic? I'm learning it for work trips.");
            c.bio("Is learning Arabic (العربية) for work trips.", file);
            c.assistant("مرحبا (marhaba) — \"hello\". Right to left: ‏مرحبا‎.");
        }
        10 => {
            c.user("Back in Lisbon after all! Find me flats near Alfama.");
            c.bio("Lives in Lisbon.", file);
            c.bio("IS VEGETARIAN!!", file);
            c.ordinary_turn();
        }
        11 => {
            c.user("Réponds en français désormais, s'il te plaît.");
            c.bio("Prefers answers in French.", file);
            c.snapshot(
                &[
                    (Some("2024-01-15"), "Lives in Lisbon."),
                    (Some("2024-01-15"), "Is vegetarian."),
                    (Some("2024-11-02"), "Lives in Porto."),
                    (None, "Prefers answers in French."),
                    (Some("2025-02-10"), "Has two kids."),
                ],
                file,
            );
            c.assistant("D'accord, je répondrai en français.");
        }
        12 => {
            c.user("Actually, call me Samantha.");
            c.bio("Prefers to be called Samantha.", file);
            c.bio("works as a backend engineer at a logistics company", file);
            c.ordinary_turn();
        }
        13 => {
            c.user("Convert this recipe to cups and ounces, I've switched to imperial.");
            c.bio("Uses imperial units.", file);
            c.ordinary_turn();
        }
        _ => {
            c.user("Here are my long planning notes.");
            let long = answer(&mut c.rng, true);
            c.assistant(&long);
            c.bio("Has two kids, Ana and Rui.", file);
            c.ordinary_turn();
        }
    }
}

/// ChatGPT's three kinds.
pub(crate) fn chatgpt(opts: &Options, out: &Path) -> io::Result<Written> {
    let name = file_name(out);
    let mut occ: Vec<Occ> = Vec::new();
    let (json_bytes, conversations) = match opts.kind {
        ExportKind::ChatGptJson => {
            let mut g = ChatGen::new(opts, name.clone());
            let mut sink = Counted {
                w: create(out)?,
                n: 0,
            };
            let (n, bytes, cut) = stream_array(&mut g, &mut sink, opts.wrapped, &mut occ)?;
            sink.flush()?;
            drop(sink);
            if let Some(cut) = cut {
                truncate_file(out, cut)?;
            }
            (bytes, n)
        }
        ExportKind::ChatGptZip => {
            let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, dos_time(T_END));
            let mut r = Rng::new(opts.seed ^ 0x5555);
            let uname = "Sam Rivera";
            zip.add(
                "user.json",
                Method::Deflated,
                user_json(&mut r, uname).as_bytes(),
            )?;
            occ.push(account(
                Assistant::ChatGpt,
                uname,
                format!("{name}: user.json"),
            ));
            let mut g = ChatGen::new(opts, format!("{name}: conversations.json"));
            let (n, bytes, cut) = if opts.fault == Some(FaultKind::Encrypted) {
                // The real entry is written encrypted: nothing in it can be read.
                let mut scratch = Counted {
                    w: io::sink(),
                    n: 0,
                };
                let mut lost = Vec::new();
                let r2 = stream_array(&mut g, &mut scratch, opts.wrapped, &mut lost)?;
                let junk: Vec<u8> = (0..4096).map(|_| r.next_u64() as u8).collect();
                zip.add_encrypted("conversations.json", &junk)?;
                r2
            } else {
                zip.begin(
                    "conversations.json",
                    Method::Deflated,
                    EntryOpts {
                        descriptor: false,
                        large: opts.size >= 0xF000_0000,
                    },
                )?;
                let r2 = stream_array(&mut g, &mut zip, opts.wrapped, &mut occ)?;
                zip.end()?;
                r2
            };
            // After a cut nothing later in the ZIP is readable.
            let mut later = Vec::new();
            other_chatgpt_files(&mut zip, &mut r, opts, &name, &mut later)?;
            if cut.is_none() {
                occ.append(&mut later);
            }
            zip.finish()?;
            if let Some(cut) = cut {
                truncate_file(out, cut)?;
            }
            (bytes, n)
        }
        _ => {
            // Shards of about 100 conversations.
            let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, dos_time(T_END));
            let mut r = Rng::new(opts.seed ^ 0x5555);
            let uname = "Sam Rivera";
            zip.add(
                "user.json",
                Method::Deflated,
                user_json(&mut r, uname).as_bytes(),
            )?;
            occ.push(account(
                Assistant::ChatGpt,
                uname,
                format!("{name}: user.json"),
            ));
            let mut g = ChatGen::new(opts, String::new());
            let mut written = 0u64;
            let mut total = 0u64;
            let mut shards: Vec<(String, usize)> = Vec::new();
            let mut in_shard = 0usize;
            while let Some(mut conv) = g.next(written) {
                if in_shard == 0 {
                    let entry = format!("conversations-{:03}.json", shards.len());
                    zip.begin(&entry, Method::Deflated, EntryOpts::default())?;
                    zip.write_all(b"[")?;
                    shards.push((entry, 0));
                } else {
                    zip.write_all(b",")?;
                }
                written += 1;
                let entry = format!("{name}: conversations-{:03}.json", shards.len() - 1);
                for o in &mut conv.occ {
                    o.file = entry.clone();
                }
                occ.append(&mut conv.occ);
                zip.write_all(&conv.json)?;
                written += conv.json.len() as u64;
                total += 1;
                in_shard += 1;
                if let Some(s) = shards.last_mut() {
                    s.1 = in_shard;
                }
                if in_shard == 100 {
                    zip.write_all(b"]")?;
                    written += 1;
                    zip.end()?;
                    in_shard = 0;
                }
            }
            if in_shard > 0 {
                zip.write_all(b"]")?;
                written += 1;
                zip.end()?;
            }
            let mut m = Js::new(false);
            m.raw("{");
            m.kraw("export_version", "2");
            m.kv("created_at", &rfc3339(T_END, 6));
            m.key("files").raw("[");
            for (entry, n) in &shards {
                m.item().raw("{");
                m.kv("path", entry);
                m.kv("type", "conversations");
                m.kraw("conversation_count", &n.to_string());
                m.raw("}");
            }
            m.raw("]}");
            zip.add("export_manifest.json", Method::Deflated, &m.b)?;
            zip.add(
                "user_settings.json",
                Method::Deflated,
                b"{\"user_id\":\"user-7fQx2\",\"settings\":{\"memory_enabled\":true,\"chat_history_enabled\":true,\"training_allowed\":false,\"voice_name\":\"juniper\"}}",
            )?;
            zip.finish()?;
            (written, total)
        }
    };
    Ok(Written {
        files: vec![out.to_path_buf()],
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes,
        conversations,
    })
}

pub(crate) fn truncate_file(path: &Path, len: u64) -> io::Result<()> {
    fs::OpenOptions::new().write(true).open(path)?.set_len(len)
}

/// Writes the conversations array; returns how many, and where to cut the file for a
/// truncate fault. Occurrences of conversations at or after the cut are left out.
pub(crate) fn stream_array<S: Sink>(
    g: &mut ChatGen,
    sink: &mut S,
    wrapped: bool,
    occ: &mut Vec<Occ>,
) -> io::Result<(u64, u64, Option<u64>)> {
    let mut written = 0u64;
    let mut n = 0u64;
    let mut cut = None;
    let open: &[u8] = if wrapped {
        b"{\"conversations\":["
    } else {
        b"["
    };
    sink.write_all(open)?;
    written += open.len() as u64;
    while let Some(mut conv) = g.next(written) {
        if n > 0 {
            sink.write_all(b",")?;
            written += 1;
        }
        if conv.cut {
            let a = sink.mark()?;
            sink.write_all(&conv.json)?;
            let b = sink.mark()?;
            cut = Some(a + (b - a) / 2);
        } else {
            sink.write_all(&conv.json)?;
            if cut.is_none() {
                for o in &mut conv.occ {
                    if o.file.is_empty() {
                        o.file = g.file.clone();
                    }
                }
                occ.append(&mut conv.occ);
            }
        }
        written += conv.json.len() as u64;
        n += 1;
    }
    let close: &[u8] = if wrapped { b"]}" } else { b"]" };
    sink.write_all(close)?;
    written += close.len() as u64;
    Ok((n, written, cut))
}

pub(crate) fn account(assistant: Assistant, name: &str, file: String) -> Occ {
    Occ {
        assistant,
        kind: Kind::AccountName,
        text: format!("Account name: {name}"),
        heading: None,
        conversation: None,
        day: None,
        order: 0.0,
        file,
    }
}

pub(crate) fn user_json(r: &mut Rng, name: &str) -> String {
    format!(
        "{{\"id\":\"user-{}\",\"email\":\"sam.rivera@example.org\",\"chatgpt_plus_user\":true,\"birth_year\":1988,\"phone_number\":null,\"name\":\"{name}\"}}",
        r.hex(24)
    )
}

pub(crate) fn other_chatgpt_files<W: Write + Seek>(
    zip: &mut ZipOut<W>,
    r: &mut Rng,
    opts: &Options,
    name: &str,
    occ: &mut Vec<Occ>,
) -> io::Result<()> {
    let fb = format!(
        "[{{\"id\":\"{}\",\"conversation_id\":\"{}\",\"user_id\":\"user-x\",\"rating\":\"thumbsUp\",\"content\":\"{{}}\"}}]",
        r.uuid(),
        r.uuid()
    );
    zip.add("message_feedback.json", Method::Deflated, fb.as_bytes())?;
    zip.add(
        "model_comparisons.json",
        Method::Deflated,
        b"[{\"id\":\"cmp-1\",\"input\":{\"messages\":[]},\"output\":{\"feedback_step_1\":{\"rating\":\"none\"}}}]",
    )?;
    let mut sh = Js::new(false);
    sh.raw("[");
    for t in [
        "Trip planning for Portugal",
        "Sourdough starter tips",
        "Remember this?",
    ] {
        sh.item().raw("{");
        sh.kv("id", &r.uuid());
        sh.kv("conversation_id", &r.uuid());
        sh.kv("title", t);
        sh.kraw("is_anonymous", "true");
        sh.raw("}");
    }
    sh.raw("]");
    zip.add("shared_conversations.json", Method::Deflated, &sh.b)?;
    // chat.html: the viewer, with a copy of some JSON inside, written as streaming tools do.
    zip.begin(
        "chat.html",
        Method::Deflated,
        EntryOpts {
            descriptor: true,
            large: false,
        },
    )?;
    zip.write_all(b"<!DOCTYPE html>\n<html><head><meta charset=\"UTF-8\"><title>ChatGPT Data Export</title><style>body{font-family:sans-serif}</style></head><body><div id=\"root\"></div><script>\nvar jsonData = [{\"title\":\"Remember to buy milk\",\"mapping\":{}}];\n")?;
    let mut s = String::new();
    for _ in 0..40 {
        paragraph(r, &mut s);
        s.push('\n');
    }
    zip.write_all(format!("/* {s} */\n").as_bytes())?;
    zip.write_all(b"</script></body></html>\n")?;
    zip.end()?;
    // A media file: PNG bytes, stored.
    let mut png =
        b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0\x1f\xf3\xffa".to_vec();
    for _ in 0..512 {
        png.push(r.next_u64() as u8);
    }
    png.extend_from_slice(b"\0\0\0\0IEND\xaeB`\x82");
    let media = format!("file-{}.png", r.hex(22));
    zip.add(&media, Method::Stored, &png)?;
    zip.add(
        "dalle-generations/file-abc123-0b6c.webp",
        Method::Stored,
        b"RIFF\x10\0\0\0WEBPVP8 ",
    )?;
    if opts.memory_json {
        let entries: [(&str, &str); 5] = [
            ("", "Lives in Lisbon."),
            ("content", "Prefers concise answers with code examples."),
            ("memory", "Is training for a half marathon."),
            ("text", "Uses Neovim with the Lazy plugin manager."),
            ("value", "Has a cat named Miso."),
        ];
        let mut j = Js::new(false);
        j.raw("[");
        for (i, (key, text)) in entries.iter().enumerate() {
            j.item();
            if key.is_empty() {
                j.str(text);
            } else {
                j.raw("{");
                j.kv("id", &r.uuid());
                j.kv(key, text);
                j.raw("}");
            }
            occ.push(Occ {
                assistant: Assistant::ChatGpt,
                kind: Kind::MemoryList,
                text: text.to_string(),
                heading: None,
                conversation: None,
                day: None,
                order: i as f64,
                file: format!("{name}: memory.json"),
            });
        }
        j.raw("]");
        zip.add("memory.json", Method::Deflated, &j.b)?;
    }
    Ok(())
}
