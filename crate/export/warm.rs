//! A small ChatGPT export made here, for the options page's worker to read before the
//! person's files arrive.
//!
//! Why: V8 first runs WebAssembly as baseline code (Liftoff) and optimizes a function
//! (TurboFan) only once it has run a while, on a background thread; the optimized code is
//! used from that function's next call. A short import pays for all of that inside the run:
//! in a profile of a 50 MB ZIP read in Chromium's worker (`--js-flags=--prof`), 97 of 369
//! ticks were baseline code on a fresh page, and 18 after reading about 1 MB first. So the
//! options page starts its worker when it opens and has it read [`export`]: every hot part of
//! the reader runs (the ZIP directory, inflating, the CRC, the splitter, the conversation
//! parser, the collector) while the person is still choosing files.
//!
//! [`export`] is a real export, not a stand-in: [`check`] reads it with the same
//! [`import`](super::import) and the tests hold it to what it plants, so a warm-up that stopped
//! exercising the reader would fail them.

use std::fmt::Write as _;

use super::{import, zip_write, Bytes, Outcome};

/// About how much JSON the warm-up reads: enough for V8 to optimize the hot functions (4 MB
/// made no measurable difference). It takes a worker 25-35 ms, 100-150 ms in a browser that
/// has not run the reader yet (Chromium 156, on this project's 2-core machine).
pub const JSON_BYTES: usize = 1 << 20;

/// What the export plants, which [`check`] expects back.
pub const NAME: &str = "Warm Up";
pub const FACT: &str = "Keeps a sourdough starter called Bubbles.";
pub const ABOUT_YOU: &str = "I repair old bicycles on weekends.";
pub const HOW_TO_RESPOND: &str = "Answer in short paragraphs.";

/// The export, as the bytes of a ZIP: `user.json` and a `conversations.json` of about
/// [`JSON_BYTES`], deflated. The same bytes every time.
pub fn export() -> Vec<u8> {
    let user = format!("{{\"id\":\"user-warm\",\"name\":\"{NAME}\",\"email\":null}}");
    zip_write::bytes(&[
        ("user.json", user.as_bytes(), false),
        (
            "conversations.json",
            conversations(JSON_BYTES).as_bytes(),
            true,
        ),
    ])
}

/// Reads [`export`] as the person's files are read.
pub fn check() -> Outcome {
    let mut file = Bytes::new("memport-warm-up.zip", export());
    import(&mut [&mut file], &mut |_| {})
}

/// Words the messages are made of: varied enough that deflate finds both literals and
/// matches, with accents, an emoji and characters JSON escapes.
const WORDS: &[&str] = &[
    "the",
    "bicycle",
    "chain",
    "needs",
    "a",
    "new",
    "café",
    "order",
    "for",
    "Lisbon",
    "weekend",
    "plan",
    "\"quoted\"",
    "path\\to\\file",
    "naïve",
    "résumé",
    "🚲",
    "tab\there",
    "and",
    "then",
    "we",
    "compare",
    "budgets",
    "with",
    "tables",
    "of",
    "numbers",
    "42",
    "3.14",
    "über",
    "straße",
    "日本",
    "line\nbreak",
    "gear",
    "ratio",
    "tyre",
    "pressure",
];

/// A tiny deterministic generator (xorshift), so the export is the same bytes every time.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn words(&mut self, n: usize) -> String {
        let mut s = String::new();
        for i in 0..n {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(WORDS[self.below(WORDS.len())]);
        }
        s
    }
}

/// A JSON string literal.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// `conversations.json`: conversations until about `size` bytes, in ChatGPT's shape (a tree
/// of nodes, each with its message). The first holds the custom instructions and a memory
/// write; the others are ordinary turns, some with code and an image.
fn conversations(size: usize) -> String {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut out = String::with_capacity(size + 64 * 1024);
    out.push('[');
    let mut n = 0u32;
    while out.len() < size {
        if n > 0 {
            out.push_str(", ");
        }
        conversation(&mut out, &mut rng, n);
        n += 1;
    }
    out.push(']');
    out
}

fn conversation(out: &mut String, rng: &mut Rng, n: u32) {
    let created = 1_700_000_000.0 + f64::from(n) * 86_400.5;
    let id = |k: usize| format!("{n:08x}-0000-4000-8000-{k:012x}");
    // (role, recipient, content, metadata)
    let mut messages: Vec<(&str, &str, String, String)> = Vec::new();
    if n == 0 {
        let data = format!(
            "{{\"about_user_message\":{},\"about_model_message\":{}}}",
            quoted(ABOUT_YOU),
            quoted(HOW_TO_RESPOND)
        );
        messages.push((
            "system",
            "all",
            "{\"content_type\":\"text\",\"parts\":[\"\"]}".to_string(),
            format!("{{\"is_user_system_message\":true,\"user_context_message_data\":{data}}}"),
        ));
    }
    let turns = 3 + rng.below(6);
    for t in 0..turns {
        let length = 8 + rng.below(30);
        let question = rng.words(length);
        let content = if t == 1 && n % 5 == 0 {
            format!(
                "{{\"content_type\":\"multimodal_text\",\"parts\":[{{\"content_type\":\
                 \"image_asset_pointer\",\"asset_pointer\":\"file-service://file-{n:022}\",\
                 \"width\":640,\"height\":480}},{}]}}",
                quoted(&question)
            )
        } else {
            format!(
                "{{\"content_type\":\"text\",\"parts\":[{}]}}",
                quoted(&question)
            )
        };
        messages.push(("user", "all", content, "{\"request_id\":\"r\"}".into()));
        let length = 40 + rng.below(120);
        let mut answer = rng.words(length);
        if t % 3 == 2 {
            answer.push_str("\n\n```rust\nfn main() {\n    println!(\"{}\", 6 * 7);\n}\n```\n");
        }
        messages.push((
            "assistant",
            "all",
            format!(
                "{{\"content_type\":\"text\",\"parts\":[{}]}}",
                quoted(&answer)
            ),
            "{\"model_slug\":\"gpt-4o\",\"finish_details\":{\"type\":\"stop\"}}".into(),
        ));
    }
    if n == 0 {
        messages.push((
            "assistant",
            "bio",
            format!("{{\"content_type\":\"text\",\"parts\":[{}]}}", quoted(FACT)),
            "{}".into(),
        ));
    }
    let title = if n == 0 {
        "Bicycle repairs".to_string()
    } else {
        rng.words(3)
    };
    let _ = write!(
        out,
        "{{\"title\":{},\"create_time\":{created},\"update_time\":{created},\"mapping\":{{",
        quoted(&title)
    );
    // The root node has no message; each message's node is the child of the one before.
    let _ = write!(
        out,
        "\"{}\":{{\"id\":\"{}\",\"message\":null,\"parent\":null,\"children\":[\"{}\"]}}",
        id(0),
        id(0),
        id(1)
    );
    let last = messages.len();
    for (k, (role, recipient, content, metadata)) in messages.iter().enumerate() {
        let k = k + 1;
        let children = if k < last {
            format!("[\"{}\"]", id(k + 1))
        } else {
            "[]".to_string()
        };
        let time = created + k as f64 * 7.25;
        let _ = write!(
            out,
            ",\"{node}\":{{\"id\":\"{node}\",\"message\":{{\"id\":\"{node}\",\"author\":\
             {{\"role\":\"{role}\",\"name\":null,\"metadata\":{{}}}},\"create_time\":{time},\
             \"content\":{content},\"status\":\"finished_successfully\",\"end_turn\":true,\
             \"weight\":1.0,\"metadata\":{metadata},\"recipient\":\"{recipient}\"}},\
             \"parent\":\"{parent}\",\"children\":{children}}}",
            node = id(k),
            parent = id(k - 1),
        );
    }
    let _ = write!(
        out,
        "}},\"moderation_results\":[],\"current_node\":\"{}\",\"conversation_id\":\"{}\",\
         \"id\":\"{}\"}}",
        id(last),
        id(0),
        id(0)
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::Kind;

    #[test]
    fn the_warm_up_reads_as_a_real_export_and_gives_back_what_it_plants() {
        let bytes = export();
        assert_eq!(bytes, export(), "the same bytes every time");
        let outcome = check();
        let report = &outcome.report;
        assert!(report.faults.is_empty(), "{:?}", report.faults);
        assert!(
            report.json_bytes >= JSON_BYTES as u64,
            "{}",
            report.json_bytes
        );
        assert!(report.conversations > 50, "{}", report.conversations);
        assert!(
            bytes.len() < report.json_bytes as usize / 2,
            "deflated: {}",
            bytes.len()
        );
        let mut got: Vec<(Kind, &str)> = outcome
            .items
            .iter()
            .map(|r| (r.kind, r.text.as_str()))
            .collect();
        got.sort();
        let account = format!("Account name: {NAME}");
        let mut want = vec![
            (Kind::MemoryWrite, FACT),
            (Kind::AboutYou, ABOUT_YOU),
            (Kind::HowToRespond, HOW_TO_RESPOND),
            (Kind::AccountName, &*account),
        ];
        want.sort();
        assert_eq!(got, want);
    }
}
