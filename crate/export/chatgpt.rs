//! ChatGPT's export: one conversation at a time, parsed with borrowed strings.
//!
//! A conversation is a tree of nodes (`mapping`); memory lives in a few of its messages:
//! writes to the `bio` tool, memory snapshots (`model_editable_context`) and the custom
//! instructions repeated at the root of every conversation, in two shapes. Everything else —
//! nearly all the bytes — is skipped without being copied: message parts are taken as raw
//! JSON and decoded only for a memory write.
//!
//! A conversation is read by [`scan`], one pass over its bytes; what that leaves (anything
//! malformed or unusual) serde_json reads into the same types, and says what is wrong.

use std::borrow::Cow;
use std::collections::HashMap;

use fnv::FnvBuildHasher;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::collect::{day_of, day_of_iso, Collector, Seen};
use super::Kind;

#[path = "scan.rs"]
mod scan;

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Conversation<'a> {
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(default)]
    create_time: Option<f64>,
    #[serde(borrow, default)]
    id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    conversation_id: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    current_node: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    mapping: Option<Mapping<'a>>,
}

/// The node map, kept as read: a list, not a hash map, since most conversations need no
/// lookup beyond the tree check, which indexes it once.
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Mapping<'a>(Vec<(Cow<'a, str>, Node<'a>)>);

impl<'de: 'a, 'a> Deserialize<'de> for Mapping<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = Mapping<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of message nodes")
            }
            fn visit_map<M: serde::de::MapAccess<'de>>(
                self,
                mut map: M,
            ) -> Result<Mapping<'a>, M::Error> {
                let mut nodes = Vec::with_capacity(map.size_hint().unwrap_or(16));
                while let Some((k, v)) = map.next_entry::<Key<'a>, Node<'a>>()? {
                    nodes.push((k.0, v));
                }
                Ok(Mapping(nodes))
            }
        }
        d.deserialize_map(Visit(std::marker::PhantomData))
    }
}

/// A node's id as the map's key, borrowed from the JSON like the other strings (a bare
/// `Cow` there would be copied into a `String` for every node).
#[derive(Deserialize)]
#[serde(transparent)]
struct Key<'a>(#[serde(borrow)] Cow<'a, str>);

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Node<'a> {
    #[serde(borrow, default)]
    parent: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    message: Option<Message<'a>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Message<'a> {
    #[serde(borrow)]
    author: Author<'a>,
    #[serde(default)]
    create_time: Option<f64>,
    #[serde(borrow, default)]
    content: Option<Content<'a>>,
    #[serde(borrow, default)]
    recipient: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    metadata: Option<Metadata<'a>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Author<'a> {
    #[serde(borrow)]
    role: Cow<'a, str>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Content<'a> {
    #[serde(borrow)]
    content_type: Cow<'a, str>,
    #[serde(borrow, default)]
    parts: Option<FirstPart<'a>>,
    #[serde(borrow, default)]
    user_profile: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    user_instructions: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    model_set_context: Option<Cow<'a, str>>,
}

/// Of a message's `parts`, the first, as raw JSON: the only one a memory write is read from.
/// The others are skipped, neither kept nor checked beyond JSON's syntax, and no list is made.
#[cfg_attr(test, derive(Debug, PartialEq))]
struct FirstPart<'a>(Option<&'a [u8]>);

impl<'de: 'a, 'a> Deserialize<'de> for FirstPart<'a> {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Visit<'a>(std::marker::PhantomData<&'a ()>);
        impl<'de: 'a, 'a> serde::de::Visitor<'de> for Visit<'a> {
            type Value = FirstPart<'a>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a list of message parts")
            }
            fn visit_seq<S: serde::de::SeqAccess<'de>>(
                self,
                mut seq: S,
            ) -> Result<FirstPart<'a>, S::Error> {
                let first = seq.next_element::<&'a RawValue>()?;
                while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
                Ok(FirstPart(first.map(|raw| raw.get().as_bytes())))
            }
        }
        d.deserialize_seq(Visit(std::marker::PhantomData))
    }
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Metadata<'a> {
    #[serde(default)]
    is_user_system_message: Option<bool>,
    #[serde(borrow, default)]
    user_context_message_data: Option<UserContext<'a>>,
}

#[derive(Deserialize)]
#[cfg_attr(test, derive(Debug, PartialEq))]
struct UserContext<'a> {
    #[serde(borrow, default)]
    about_user_message: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    about_model_message: Option<Cow<'a, str>>,
}

/// Content types ChatGPT exports are known to hold; another is counted as unknown.
const KNOWN_CONTENT: &[&str] = &[
    "text",
    "code",
    "multimodal_text",
    "execution_output",
    "tether_browsing_display",
    "tether_quote",
    "system_error",
    "model_editable_context",
    "user_editable_context",
    "thoughts",
    "reasoning_recap",
    "sonic_webpage",
    "computer_output",
    "super_widget",
];

/// What one conversation held that was not memory but is worth reporting.
pub struct Read {
    /// The conversation's title (or id), for messages.
    pub name: String,
    /// Messages of a content type memport does not know.
    pub unknown: u64,
    /// The tree is broken: why (its messages were still read).
    pub broken: Option<String>,
}

/// Why a conversation could not be read at all.
pub struct Unreadable {
    pub name: Option<String>,
    pub detail: String,
}

/// Whether an element looks like a ChatGPT conversation rather than a Claude one.
pub fn is_chatgpt(element: &[u8]) -> bool {
    memchr::memmem::find(element, b"\"mapping\"").is_some()
}

/// Reads one conversation into `into`.
pub fn conversation(element: &[u8], file: &str, into: &mut Collector) -> Result<Read, Unreadable> {
    if let Ok((conv, len)) = scan::conversation(element) {
        if element[len..]
            .iter()
            .all(|c| matches!(c, b' ' | b'\n' | b'\t' | b'\r'))
        {
            return read(conv, file, into);
        }
    }
    // Anything the quick reader leaves (malformed, or unusual): serde_json, which says why.
    let conv: Conversation = serde_json::from_slice(element).map_err(|e| Unreadable {
        name: title_of(element),
        detail: e.to_string(),
    })?;
    read(conv, file, into)
}

/// Reads the conversation `rest` starts with, where `rest` runs on past its end (the next
/// conversations, or the end of what has arrived), parsing it once, without the splitter's
/// scan first: its length and what was read. `None` when that cannot be done from here: the
/// conversation does not end in `rest`, does not parse, or has no `mapping` (then it is not
/// certainly ChatGPT's); the splitter then finds its end and [`conversation`] reads it, and
/// says what is wrong.
pub fn conversation_ahead(
    rest: &[u8],
    file: &str,
    into: &mut Collector,
) -> Option<(usize, Result<Read, Unreadable>)> {
    let (conv, len) = match scan::conversation(rest) {
        Ok(read) => read,
        // It goes on past what has arrived: serde_json could not read it either.
        Err(scan::Stop::Eof) => return None,
        Err(scan::Stop::Bail) => {
            let mut values = serde_json::Deserializer::from_slice(rest).into_iter::<Conversation>();
            let conv = values.next()?.ok()?;
            (conv, values.byte_offset())
        }
    };
    conv.mapping.as_ref()?;
    Some((len, read(conv, file, into)))
}

fn read(conv: Conversation<'_>, file: &str, into: &mut Collector) -> Result<Read, Unreadable> {
    let name = conv
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .or(conv.id.as_deref())
        .or(conv.conversation_id.as_deref())
        .unwrap_or("(untitled)")
        .to_string();
    let title = conv
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string);
    let Some(mapping) = conv.mapping else {
        return Err(Unreadable {
            name: Some(name),
            detail: "it has no messages (`mapping`)".to_string(),
        });
    };
    let mut unknown = 0;
    // Custom instructions once per conversation, whatever the shape or the branch.
    let mut instructions: Vec<(Kind, String)> = Vec::new();
    for (_, node) in &mapping.0 {
        let Some(m) = &node.message else { continue };
        let Some(content) = &m.content else { continue };
        let ctype = content.content_type.as_ref();
        if !KNOWN_CONTENT.contains(&ctype) {
            unknown += 1;
            continue;
        }
        let when = m.create_time.or(conv.create_time);
        let seen = |text: &str| Seen {
            text: text.to_string(),
            time: when,
            conversation: title.clone(),
            file: file.to_string(),
            heading: None,
        };
        let meta = m.metadata.as_ref();
        let user_context = meta.and_then(|md| md.user_context_message_data.as_ref());
        let is_instructions = ctype == "user_editable_context"
            || meta.and_then(|md| md.is_user_system_message) == Some(true);
        if is_instructions {
            let (about, how) = match user_context {
                Some(u) => (
                    u.about_user_message.as_deref().map(Cow::Borrowed),
                    u.about_model_message.as_deref().map(Cow::Borrowed),
                ),
                None => (
                    content.user_profile.as_deref().map(unwrap_boilerplate),
                    content.user_instructions.as_deref().map(unwrap_boilerplate),
                ),
            };
            for (kind, text) in [(Kind::AboutYou, about), (Kind::HowToRespond, how)] {
                for line in text.iter().flat_map(|t| t.lines()) {
                    let line = line.trim();
                    if !line.is_empty() && !runtime_context(line) && !boilerplate(line) {
                        instructions.push((kind, line.to_string()));
                    }
                }
            }
            continue;
        }
        if ctype == "model_editable_context" {
            if let Some(snapshot) = &content.model_set_context {
                for line in snapshot.lines() {
                    if let Some((text, date)) = snapshot_line(line) {
                        // The line's own date is its day; the message's time still
                        // orders two sightings on the same day.
                        let s = seen(text);
                        if let Some(d) = date {
                            into.add_dated(Kind::MemorySnapshot, s, d);
                        } else {
                            into.add(Kind::MemorySnapshot, s);
                        }
                    }
                }
            }
            continue;
        }
        if m.author.role == "assistant" && m.recipient.as_deref() == Some("bio") {
            let first = content.parts.as_ref().and_then(|p| p.0);
            let text: Option<String> = first.and_then(|raw| serde_json::from_slice(raw).ok());
            match text.as_deref().map(str::trim) {
                Some(t) if !t.is_empty() => into.add(Kind::MemoryWrite, seen(t)),
                _ => unknown += 1,
            }
        }
    }
    instructions.sort();
    instructions.dedup();
    for (kind, text) in instructions {
        into.add(
            kind,
            Seen {
                text,
                time: conv.create_time,
                conversation: title.clone(),
                file: file.to_string(),
                heading: None,
            },
        );
    }
    let broken = check_tree(&mapping, conv.current_node.as_deref());
    Ok(Read {
        name,
        unknown,
        broken,
    })
}

/// Whether the tree is whole: every parent named is in it, no node is its own ancestor, and
/// the current node is in it.
fn check_tree(mapping: &Mapping<'_>, current: Option<&str>) -> Option<String> {
    let nodes = &mapping.0;
    let index: HashMap<&str, usize, FnvBuildHasher> = nodes
        .iter()
        .enumerate()
        .map(|(i, (k, _))| (k.as_ref(), i))
        .collect();
    if let Some(c) = current {
        if !index.contains_key(c) {
            return Some(format!(
                "its current message {c} is not in it; every branch was still read"
            ));
        }
    }
    // Each node's parent by index: None for a root.
    let mut parent = Vec::with_capacity(nodes.len());
    for (key, node) in nodes {
        match node.parent.as_deref() {
            None => parent.push(None),
            Some(p) => match index.get(p) {
                Some(&i) => parent.push(Some(i)),
                None => {
                    return Some(format!(
                        "message {key} names a parent ({p}) that is not in the export; every \
                         message was still read"
                    ))
                }
            },
        }
    }
    // 0 unknown, 1 being walked, 2 reaches a root.
    let mut state = vec![0u8; nodes.len()];
    let mut path = Vec::new();
    for start in 0..nodes.len() {
        let mut at = start;
        path.clear();
        loop {
            match state[at] {
                2 => break,
                1 => {
                    return Some(format!(
                        "its message tree loops (message {} is its own ancestor); every \
                         message was still read",
                        nodes[at].0
                    ))
                }
                _ => {}
            }
            state[at] = 1;
            path.push(at);
            match parent[at] {
                None => break,
                Some(p) => at = p,
            }
        }
        for &p in &path {
            state[p] = 2;
        }
    }
    None
}

/// The custom instructions' text without the fixed words ChatGPT wraps it in (the newer
/// shape): what stands inside the ``` fence, or the text itself when there is none.
pub fn unwrap_boilerplate(text: &str) -> Cow<'_, str> {
    let Some(open) = text.find("```") else {
        return Cow::Borrowed(text);
    };
    let inner = &text[open + 3..];
    let inner = inner.strip_prefix('\n').unwrap_or(inner);
    let end = inner.rfind("```").unwrap_or(inner.len());
    Cow::Borrowed(inner[..end].trim_matches('\n'))
}

/// Lines ChatGPT itself puts around (and, lately, inside the fence of) the newer
/// instructions: its words to the model, not the person's.
fn boilerplate(line: &str) -> bool {
    [
        "The user provided the following information about themselves",
        "The user provided the additional info about how they would like you to respond",
        "Before answering, quietly think about whether",
        "Only acknowledge the profile when",
        "Otherwise, don't acknowledge the existence",
        "User profile:",
        "Follow the instructions below naturally",
        "All the following instructions should guide your behavior",
    ]
    .iter()
    .any(|p| line.starts_with(p))
}

/// Lines of runtime context the newer instructions carry: not about the person.
fn runtime_context(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "current date:",
        "today's date:",
        "timezone:",
        "time zone:",
        "user's timezone:",
        "user's time zone:",
        "current time:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// A snapshot line without its number and date: `1. [2024-05-01]. Lives in Lisbon.`
fn snapshot_line(line: &str) -> Option<(&str, Option<String>)> {
    let mut rest = line.trim();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && rest[digits..].starts_with('.') {
        rest = rest[digits + 1..].trim_start();
    }
    let mut date = None;
    if let Some(after) = rest.strip_prefix('[') {
        if let Some(close) = after.find(']') {
            let d = &after[..close];
            if d.len() == 10 && d.as_bytes()[4] == b'-' && d.as_bytes()[7] == b'-' {
                date = Some(d.to_string());
                rest = after[close + 1..].trim_start();
                rest = rest.strip_prefix('.').unwrap_or(rest).trim_start();
                rest = rest.strip_prefix('-').unwrap_or(rest).trim_start();
            }
        }
    }
    (!rest.is_empty()).then_some((rest, date))
}

/// The title of a conversation that would not parse, found by its key, for the message.
fn title_of(element: &[u8]) -> Option<String> {
    let at = memchr::memmem::find(element, b"\"title\"")?;
    let rest = &element[at + 7..];
    let open = memchr::memchr(b'"', rest)?;
    let rest = &rest[open + 1..];
    let close = memchr::memchr(b'"', rest)?;
    std::str::from_utf8(&rest[..close.min(120)])
        .ok()
        .map(str::to_string)
}

/// A ChatGPT `memory.json` entry: a string, or an object's `content`, `memory`, `text` or
/// `value`; an object with a list of them (`{"memories": [...]}`) too.
pub fn memory_list(bytes: &[u8], label: &str, into: &mut Collector) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    let mut texts = Vec::new();
    collect_memory_texts(&value, &mut texts, 0);
    for (text, date) in texts {
        let seen = Seen {
            text,
            time: None,
            conversation: None,
            file: label.to_string(),
            heading: None,
        };
        match date {
            Some(d) => into.add_dated(Kind::MemoryList, seen, d),
            None => into.add(Kind::MemoryList, seen),
        }
    }
    Ok(())
}

fn collect_memory_texts(v: &serde_json::Value, out: &mut Vec<(String, Option<String>)>, depth: u8) {
    use serde_json::Value;
    if depth > 3 {
        return;
    }
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push((s.trim().to_string(), None)),
        Value::Array(items) => {
            for i in items {
                collect_memory_texts(i, out, depth + 1);
            }
        }
        Value::Object(map) => {
            let text = ["content", "memory", "text", "value"]
                .iter()
                .find_map(|k| map.get(*k).and_then(Value::as_str));
            if let Some(t) = text.filter(|t| !t.trim().is_empty()) {
                let date = ["created_at", "updated_at", "date", "create_time"]
                    .iter()
                    .find_map(|k| match map.get(*k) {
                        Some(Value::String(s)) => day_of_iso(s),
                        Some(Value::Number(n)) => n.as_f64().and_then(day_of),
                        _ => None,
                    });
                out.push((t.trim().to_string(), date));
            } else {
                for key in ["memories", "items", "data"] {
                    if let Some(inner) = map.get(key) {
                        collect_memory_texts(inner, out, depth + 1);
                    }
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick reader ([`scan`]) against serde_json on the same bytes: where it reads a
    /// conversation, serde_json reads the same one, to the same byte; where it says the bytes
    /// ended, serde_json cannot read them either. (Where it gives up, serde_json decides.)
    /// Returns whether the quick reader read it.
    fn same_as_serde(bytes: &[u8]) -> bool {
        let quick = scan::conversation(bytes);
        let mut values = serde_json::Deserializer::from_slice(bytes).into_iter::<Conversation>();
        let slow = values.next();
        match quick {
            Ok((conv, len)) => {
                match slow {
                    Some(Ok(want)) => assert_eq!(conv, want, "{}", String::from_utf8_lossy(bytes)),
                    other => panic!(
                        "read what serde_json did not ({:?}): {}",
                        other.map(|r| r.map(|_| ())),
                        String::from_utf8_lossy(bytes)
                    ),
                }
                assert_eq!(len, values.byte_offset());
                true
            }
            Err(scan::Stop::Eof) => {
                assert!(
                    !matches!(slow, Some(Ok(_))),
                    "said it ended where serde_json read it: {}",
                    String::from_utf8_lossy(bytes)
                );
                false
            }
            Err(scan::Stop::Bail) => false,
        }
    }

    #[test]
    fn the_quick_reader_reads_what_serde_json_reads_and_nothing_else() {
        let cases: &[&[u8]] = &[
            br#"{"title":"A","mapping":{}}"#,
            br#" {"title":null,"create_time":1.5e9,"id":"x","mapping":null} trailing"#,
            br#"{"title":"A","title":"B","mapping":{}}"#,
            br#"{"ti\u0074le":"A","mapping":{}}"#,
            br#"{"title":"\ud800","mapping":{}}"#,
            br#"{"title":"\ud83d\ude00 \n","mapping":{}}"#,
            br#"{"title":5,"mapping":{}}"#,
            br#"{"create_time":1e400,"mapping":{}}"#,
            br#"{"create_time":-0,"mapping":{}}"#,
            br#"{"create_time":01,"mapping":{}}"#,
            br#"{"create_time":1.,"mapping":{}}"#,
            br#"{"create_time":"1","mapping":{}}"#,
            br#"{"mapping":{"a":{"parent":null,"message":null},"a":{}}}"#,
            br#"{"mapping":{"a":["x",null]}}"#,
            br#"{"mapping":{"a\u0062":{"parent":"c"}}}"#,
            br#"{"mapping":{"a":{"message":{}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":["x\"y",{"a":[1,2]}]}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":[]}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":[1,]}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"content":{"content_type":"text","parts":[tru]}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"content":{"parts":["x"]}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"metadata":{"is_user_system_message":true,"user_context_message_data":{"about_user_message":"me","x":[{}]}}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"metadata":{"is_user_system_message":1}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"other":{"k":"\x"}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"other":{"k":"\u12G4"}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"other":[1 2]}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user"},"other":{"k" "v"}}}}}"#,
            br#"{"mapping":{"a":{"message":{"author":{"role":"user","name":null},"other":{"k":-}}}}}"#,
            br#"{"mapping":{}, "x": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"#,
            br#"["not", "an object"]"#,
            b"{\"title\":\"a\x01b\",\"mapping\":{}}",
            b"{\"title\":\"a\xffb\",\"mapping\":{}}",
            b"{\"other\":\"a\xffb\",\"mapping\":{}}",
            b"{\"\xff\":1,\"mapping\":{}}",
            b"{\"mapping\":{\"a\":{\"message\":{\"author\":{\"role\":\"u\"},\"content\":{\"content_type\":\"text\",\"parts\":[\"ok\",\"\xff\"]}}}}}",
            b"{\"mapping\":{\"a\":{\"message\":{\"author\":{\"role\":\"u\"},\"content\":{\"content_type\":\"text\",\"parts\":[{\"\xff\":1}]}}}}}",
            b"{\"mapping\":{\"a\":{\"message\":{\"author\":{\"role\":\"u\"},\"content\":{\"content_type\":\"text\",\"parts\":[\"caf\xc3\xa9\"]}}}}}",
        ];
        for case in cases {
            same_as_serde(case);
            for cut in 0..case.len() {
                same_as_serde(&case[..cut]);
            }
        }
        // A deeper nesting than the quick reader follows: serde_json's to read.
        let deep = format!(
            r#"{{"mapping":{{}},"x":{}1{}}}"#,
            "[".repeat(300),
            "]".repeat(300)
        );
        assert!(!same_as_serde(deep.as_bytes()));
    }

    #[test]
    fn the_quick_reader_matches_serde_json_on_synthetic_conversations_and_damaged_copies() {
        use memport_synth::{ExportKind, Options};
        let dir = std::env::temp_dir().join(format!("memport-scan-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let out = dir.join("conversations.json");
        memport_synth::write(&Options::new(ExportKind::ChatGptJson, 3, 300_000), &out)
            .expect("synthetic export");
        let doc = std::fs::read(&out).expect("written");
        let _ = std::fs::remove_dir_all(&dir);
        let mut elements = Vec::new();
        let mut splitter = super::super::split::Splitter::new();
        splitter
            .push(&doc, &mut |e: super::super::split::Element<'_>| {
                elements.push(e.bytes.to_vec())
            })
            .expect("splits");
        assert!(elements.len() > 10, "{} conversations", elements.len());
        let mut read = 0;
        for el in &elements {
            assert!(
                same_as_serde(el),
                "a generated conversation is read quickly"
            );
            // As the reader ahead sees it: followed by the next conversations, or cut.
            let mut ahead = el.clone();
            ahead.extend_from_slice(b", {\"title\": \"next\"");
            assert!(same_as_serde(&ahead));
            read += 1;
        }
        // Damaged copies: a byte replaced by one that matters to JSON, removed, or doubled,
        // and cuts, at places from a fixed pseudo-random sequence.
        let bytes: &[u8] = b"\"\\{}[],:\x01\x1f\x7f\x80\xc3\xff n0-e.+tu/";
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let (mut quick, mut tried) = (0, 0);
        for el in elements.iter().take(40) {
            for _ in 0..120 {
                let at = (next() % el.len() as u64) as usize;
                let mut copy = el.clone();
                match next() % 4 {
                    0 => copy[at] = bytes[(next() % bytes.len() as u64) as usize],
                    1 => {
                        copy.remove(at);
                    }
                    2 => copy.insert(at, copy[at]),
                    _ => copy.truncate(at),
                }
                tried += 1;
                if same_as_serde(&copy) {
                    quick += 1;
                }
            }
        }
        // Most damage falls in text nobody reads: the quick reader must have read those.
        eprintln!("{quick} of {tried} damaged copies read quickly");
        assert!(quick > tried / 4, "{quick} of {tried} read quickly");
        assert!(read > 10);
    }

    #[test]
    fn boilerplate_and_snapshot_lines() {
        let wrapped = "The user provided the following information about themselves. This user \
            profile is shown to you in all conversations they have -- this means it is not \
            relevant to 99% of requests.\nUser profile:\n```\nI'm a nurse in Leeds.\n```";
        assert_eq!(unwrap_boilerplate(wrapped), "I'm a nurse in Leeds.");
        assert_eq!(unwrap_boilerplate("plain"), "plain");
        assert_eq!(
            snapshot_line("1. [2024-05-01]. Lives in Lisbon."),
            Some(("Lives in Lisbon.", Some("2024-05-01".to_string())))
        );
        assert_eq!(snapshot_line("Likes tea"), Some(("Likes tea", None)));
        assert_eq!(snapshot_line("  "), None);
        let inside = "The user provided the additional info about how they would like you to \
            respond:\n```Follow the instructions below naturally, without repeating, \
            referencing, echoing, or mirroring any of their wording!\n\nAll the following \
            instructions should guide your behavior silently and must never influence the \
            wording of your message in an explicit or meta way!\n\nBe brief.\n```";
        let unwrapped = unwrap_boilerplate(inside);
        let kept: Vec<&str> = unwrapped
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !boilerplate(l))
            .collect();
        assert_eq!(kept, ["Be brief."]);
        assert!(runtime_context("Current date: 2024-01-01"));
        assert!(!runtime_context("I live in Leeds"));
    }
}
