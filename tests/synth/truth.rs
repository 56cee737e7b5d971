//! The planted memory and the truth: the contract of `memport::export` applied to what was
//! planted, which `write` stores beside each export.

use std::collections::HashMap;

use memport::dedupe;
use memport::export::{Kind, Recovered};
use memport::sites::Assistant;
use memport::slot::{Slot, Value};

/// One planted occurrence of a memory: what the reader sees at one place.
#[derive(Clone, Debug)]
pub(crate) struct Occ {
    pub(crate) assistant: Assistant,
    pub(crate) kind: Kind,
    pub(crate) text: String,
    pub(crate) heading: Option<String>,
    pub(crate) conversation: Option<String>,
    pub(crate) day: Option<String>,
    /// Orders occurrences in time (epoch seconds), or in file order where there is no time.
    pub(crate) order: f64,
    pub(crate) file: String,
}

/// The contract applied to what was planted (see `docs/synthetic-exports.md`).
pub(crate) fn truth(occ: &[Occ]) -> Vec<Recovered> {
    struct Group {
        occ: Vec<usize>,
    }
    let mut index: HashMap<(Assistant, Kind, String), usize> = HashMap::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, o) in occ.iter().enumerate() {
        let k = (o.assistant, o.kind, dedupe::key(&o.text));
        let g = *index.entry(k).or_insert_with(|| {
            groups.push(Group { occ: Vec::new() });
            groups.len() - 1
        });
        groups[g].occ.push(i);
    }
    let first_of = |g: &Group| -> usize {
        *g.occ
            .iter()
            .min_by(|&&a, &&b| {
                (&occ[a].day, occ[a].order)
                    .partial_cmp(&(&occ[b].day, occ[b].order))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or(&g.occ[0])
    };
    // Every write, with the text of the fact it belongs to.
    let mut writes: Vec<(f64, &str, usize)> = Vec::new();
    for g in &groups {
        let f = first_of(g);
        if occ[f].kind == Kind::MemoryWrite {
            for &i in &g.occ {
                writes.push((occ[i].order, occ[i].text.as_str(), f));
            }
        }
    }
    let mut out: Vec<Recovered> = groups
        .iter()
        .map(|g| {
            let f = &occ[first_of(g)];
            let last_day = g.occ.iter().filter_map(|&i| occ[i].day.clone()).max();
            let last_seen = last_day.filter(|d| Some(d) > f.day.as_ref());
            let contradicted_by = (f.kind == Kind::MemoryWrite)
                .then(|| {
                    let last = g.occ.iter().map(|&i| occ[i].order).fold(f64::MIN, f64::max);
                    let mine: Vec<(Slot, Value)> = Slot::ALL
                        .iter()
                        .flat_map(|&s| s.values(&f.text).into_iter().map(move |v| (s, v)))
                        .collect();
                    writes
                        .iter()
                        .filter(|(t, text, _)| {
                            *t > last
                                && mine
                                    .iter()
                                    .any(|(s, v)| s.values(text).iter().any(|w| w.disagrees(v)))
                        })
                        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
                        .map(|(_, _, fact)| occ[*fact].text.clone())
                })
                .flatten();
            Recovered {
                text: f.text.clone(),
                kind: f.kind,
                assistant: f.assistant,
                heading: f.heading.clone(),
                conversation: f.conversation.clone(),
                first_seen: f.day.clone(),
                last_seen,
                times: g.occ.len() as u32,
                contradicted_by,
                file: f.file.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        (a.assistant, a.kind, &a.first_seen, &a.text).cmp(&(
            b.assistant,
            b.kind,
            &b.first_seen,
            &b.text,
        ))
    });
    out
}

/// Runtime context, not memory (the contract's list).
pub(crate) fn is_runtime_line(line: &str) -> bool {
    [
        "Current date:",
        "Timezone:",
        "User's timezone:",
        "Current time:",
        "Today's date:",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// The contract's rule for a Gemini prompt.
pub fn gemini_prompt_is_memory(prompt: &str) -> bool {
    if prompt.chars().count() > 500 {
        return false;
    }
    let lower = prompt.trim().to_lowercase();
    let mut rest = lower.as_str();
    for p in ["please ", "ok ", "hey gemini, "] {
        if let Some(r) = rest.strip_prefix(p) {
            rest = r;
            break;
        }
    }
    [
        "remember",
        "don't forget",
        "do not forget",
        "keep in mind",
        "from now on",
        "going forward",
        "always",
        "never",
        "my name is",
        "call me",
        "i prefer",
        "i'd prefer",
        "i live in",
        "i'm a ",
        "i am a ",
        "i work as",
        "i work at",
        "note that i",
    ]
    .iter()
    .any(|s| rest.starts_with(s))
}

/// Markdown memory as the contract reads it: `(heading, item)` per item line. `fixed`
/// heading (a project's name, a file's path) replaces the headings in the text.
pub(crate) fn markdown_items(text: &str, fixed: Option<&str>) -> Vec<(Option<String>, String)> {
    let mut heading: Option<String> = None;
    let mut out = Vec::new();
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        if let Some(h) = t
            .strip_prefix("**")
            .and_then(|r| r.strip_suffix("**"))
            .filter(|h| !h.is_empty() && !h.contains("**"))
        {
            heading = Some(h.trim().to_string());
            continue;
        }
        if t.starts_with('#') {
            heading = Some(t.trim_start_matches('#').trim().to_string());
            continue;
        }
        let mut item = t;
        for m in ["- ", "* "] {
            if let Some(r) = item.strip_prefix(m) {
                item = r;
            }
        }
        let digits = item.len() - item.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits > 0 {
            if let Some(r) = item[digits..].strip_prefix(". ") {
                item = r;
            }
        }
        let item = item.trim();
        if !item.is_empty() {
            let h = fixed.map(str::to_string).or_else(|| heading.clone());
            out.push((h, item.to_string()));
        }
    }
    out
}
