//! Google Takeout's Gemini Apps "My Activity", as a ZIP or the bare JSON.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use memport::export::zip_write::{EntryOpts, Method, ZipOut};
use memport::export::Kind;
use memport::sites::Assistant;

use crate::*;

/// Prompts that are memory by the contract, oldest first, in three blocks.
pub(crate) const GEMINI_MEMORY: [&[&str]; 3] = [
    &[
        "Remember that I'm vegetarian.",
        "I live in Lisbon, Portugal.",
        "please remember that my daughter's name is Ana",
        "From now on, answer in British English.",
    ],
    &[
        "My name is Samantha, but call me Sam.",
        "Hey Gemini, call me Sam from now on.",
        "ok keep in mind I work night shifts on Fridays",
        "I prefer metric units in every answer.",
        "Don't forget I'm allergic to peanuts 🥜.",
        "note that I use a 24-hour clock",
    ],
    &[
        "I'm a backend engineer; suggest Rust examples when you can.",
        "Always cite your sources.",
        "Never use emojis in replies.",
        "REMEMBER THAT I'M VEGETARIAN!",
        "Going forward, keep answers under 200 words.",
        "I work at a logistics company — Ñandú Logística (Lisboa).",
    ],
];

/// Prompts that look like memory and are not.
pub(crate) const GEMINI_DECOYS: &[&str] = &[
    "What should I remember to pack for Lisbon?",
    "Can you remember what I said earlier?",
    "Is it always sunny in Lisbon in May?",
    "I'm at the airport, what can I do for 3 hours?",
    "I am away next week; draft an out-of-office reply",
    "Tell me about Remembrance Day",
    "Please summarize this article about memory palaces",
    "Ok, now translate it into French",
    "Hey Gemini, what's the capital of Peru?",
    "Call mom reminder — how do I set one on Android?",
    "Who wrote \"Never Let Me Go\"?",
    "my cat's name is Miso, what's a good toy for her?",
];

pub(crate) fn takeout(opts: &Options, out: &Path) -> io::Result<Written> {
    let mut rng = Rng::new(opts.seed);
    let name = file_name(out);
    let bare = name.ends_with(".json");
    let json_path = "Takeout/My Activity/Gemini Apps/My Activity.json";
    let file = if bare {
        name.clone()
    } else {
        format!("{name}: {json_path}")
    };
    let mut occ = Vec::new();
    let step = SPAN / (opts.size / 2_500).max(60) as f64;
    let long_remember = {
        let mut s = "Remember this whole story and rewrite it as a poem: ".to_string();
        while s.chars().count() < 700 {
            sentence(&mut rng, &mut s);
            s.push(' ');
        }
        s
    };
    // The activity, newest first: memory blocks at the start, middle and end.
    let mut write_all = |w: &mut dyn Write| -> io::Result<(u64, u64)> {
        let mut written = 0u64;
        let mut n = 0u64;
        let mut k = 0usize;
        let mut block = 2usize;
        let mut phase = 0; // 0: late block, 1: pad, 2: mid, 3: pad, 4: early, 5: done
        let mut queue: Vec<String> = GEMINI_MEMORY[2].iter().map(|s| s.to_string()).collect();
        queue.push(long_remember.clone());
        w.write_all(b"[")?;
        written += 1;
        loop {
            let prompt: Option<String> = match phase {
                0 | 2 | 4 => match queue.pop() {
                    Some(p) => Some(p),
                    None => {
                        phase += 1;
                        if phase == 5 {
                            break;
                        }
                        continue;
                    }
                },
                1 if written >= opts.size / 2 => {
                    phase = 2;
                    block = 1;
                    queue = GEMINI_MEMORY[block].iter().map(|s| s.to_string()).collect();
                    continue;
                }
                3 if written + 20_000 >= opts.size => {
                    phase = 4;
                    block = 0;
                    queue = GEMINI_MEMORY[block].iter().map(|s| s.to_string()).collect();
                    continue;
                }
                _ => None,
            };
            let _ = block;
            let t = T_END - 600.0 - k as f64 * step - rng.below(1000) as f64 / 1000.0 * step * 0.3;
            k += 1;
            let mut j = Js::new(false);
            if n > 0 {
                j.raw(",");
            }
            j.raw("{\n  ");
            j.kv("header", "Gemini Apps");
            let special = prompt.is_none() && rng.chance(4);
            let p = match prompt {
                Some(p) => p,
                None if rng.chance(6) => rng.pick(GEMINI_DECOYS).to_string(),
                None => question(&mut rng),
            };
            if special {
                j.raw(",\n  ");
                j.kv("title", "Used Gemini Apps");
            } else {
                j.raw(",\n  ");
                j.kv("title", &format!("Prompted {p}"));
                if gemini_prompt_is_memory(&p) {
                    occ.push(Occ {
                        assistant: Assistant::Gemini,
                        kind: Kind::GeminiPrompt,
                        text: p.trim().to_string(),
                        heading: None,
                        conversation: None,
                        day: Some(day(t)),
                        order: t,
                        file: file.clone(),
                    });
                }
            }
            j.raw(",\n  ");
            j.kv("time", &rfc3339(t, 3));
            j.raw(",\n  ");
            j.kraw("products", "[\"Gemini Apps\"]");
            j.raw(",\n  ");
            j.kraw("activityControls", "[\"Gemini Apps Activity\"]");
            if !special {
                let mut html = String::from("<p>");
                let a = answer(&mut rng, false);
                for c in a.chars() {
                    match c {
                        '<' => html.push_str("&lt;"),
                        '>' => html.push_str("&gt;"),
                        '&' => html.push_str("&amp;"),
                        '\n' => html.push_str("<br>"),
                        _ => html.push(c),
                    }
                }
                html.push_str("</p>");
                j.raw(",\n  ");
                j.key("safeHtmlItem").raw("[{").kv("html", &html).raw("}]");
                if rng.chance(20) {
                    j.raw(",\n  ");
                    j.key("subtitles").raw("[{");
                    j.kv("name", "Attached 1 file.");
                    j.raw("}]");
                }
            }
            j.raw("\n}");
            w.write_all(&j.b)?;
            written += j.b.len() as u64;
            n += 1;
        }
        w.write_all(b"]\n")?;
        written += 2;
        Ok((written, n))
    };
    let (written, n) = if bare {
        let mut f = create(out)?;
        let r = write_all(&mut f)?;
        f.flush()?;
        r
    } else {
        let mut zip = ZipOut::new(create(out)?, opts.level, opts.zip64, dos_time(T_END));
        zip.add(
            "Takeout/archive_browser.html",
            Method::Deflated,
            b"<html><body><h1>Your Google data archive</h1><p>Gemini Apps: My Activity</p></body></html>",
        )?;
        zip.begin(
            json_path,
            Method::Deflated,
            EntryOpts {
                descriptor: true,
                large: opts.size >= 0xF000_0000,
            },
        )?;
        let r = write_all(&mut zip)?;
        zip.end()?;
        zip.add(
            "Takeout/My Activity/Search/My Activity.json",
            Method::Deflated,
            "[{\"header\":\"Search\",\"title\":\"Searched for remember the milk app\",\"time\":\"2025-05-01T10:00:00.000Z\",\"products\":[\"Search\"]},{\"header\":\"Search\",\"title\":\"Searched for call me by your name\",\"time\":\"2025-04-01T10:00:00.000Z\",\"products\":[\"Search\"]}]".as_bytes(),
        )?;
        zip.finish()?;
        r
    };
    Ok(Written {
        files: vec![out.to_path_buf()],
        truth_path: PathBuf::new(),
        truth: truth(&occ),
        json_bytes: written,
        conversations: n,
    })
}
