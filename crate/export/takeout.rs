//! Google Takeout's "My Activity" for Gemini Apps: no memory is exported, but the prompts in
//! which the person asked Gemini to remember something, or stated a lasting preference, are
//! candidates the person may keep.

use std::borrow::Cow;

use serde::Deserialize;

use super::collect::{day_of_iso, Collector, Seen};
use super::Kind;

#[derive(Deserialize)]
struct Activity<'a> {
    #[serde(borrow, default)]
    header: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    title: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    time: Option<Cow<'a, str>>,
    #[serde(borrow, default)]
    products: Option<Vec<Cow<'a, str>>>,
}

/// The longest prompt kept: longer ones are tasks, not things to remember.
const MAX_PROMPT: usize = 500;

const OPENERS: &[&str] = &["please ", "ok ", "okay ", "hey gemini, ", "hey gemini "];

const STARTS: &[&str] = &[
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
];

/// Whether an element is a My Activity entry.
pub fn is_activity(element: &[u8]) -> bool {
    memchr::memmem::find(element, b"\"header\"").is_some()
        && memchr::memmem::find(element, b"\"title\"").is_some()
}

/// Whether a prompt asks to be remembered or states a lasting preference.
pub fn is_memory_prompt(prompt: &str) -> bool {
    if prompt.chars().count() > MAX_PROMPT {
        return false;
    }
    let mut lower = prompt.trim().to_lowercase().replace('’', "'");
    for o in OPENERS {
        if let Some(rest) = lower.strip_prefix(o) {
            lower = rest.trim_start().to_string();
        }
    }
    STARTS.iter().any(|s| lower.starts_with(s))
}

/// Reads one activity; returns whether it was a Gemini Apps entry.
pub fn activity(element: &[u8], file: &str, into: &mut Collector) -> Result<bool, String> {
    let a: Activity = serde_json::from_slice(element).map_err(|e| e.to_string())?;
    let gemini = a.header.as_deref().is_some_and(|h| h.contains("Gemini"))
        || a.products.iter().flatten().any(|p| p.contains("Gemini"));
    if !gemini {
        return Ok(false);
    }
    let Some(prompt) = a.title.as_deref().and_then(|t| t.strip_prefix("Prompted ")) else {
        return Ok(true);
    };
    let prompt = prompt.trim();
    if is_memory_prompt(prompt) {
        let seen = Seen {
            text: prompt.to_string(),
            time: None,
            conversation: None,
            file: file.to_string(),
            heading: None,
        };
        match a.time.as_deref().and_then(day_of_iso) {
            Some(day) => into.add_dated(Kind::GeminiPrompt, seen, day),
            None => into.add(Kind::GeminiPrompt, seen),
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prompts_that_ask_to_be_remembered() {
        assert!(is_memory_prompt("Remember that I'm vegetarian"));
        assert!(is_memory_prompt(
            "please, from now on answer in Spanish"
                .replace(',', "")
                .as_str()
        ));
        assert!(is_memory_prompt("Hey Gemini, my name is Ana"));
        assert!(is_memory_prompt("I’m a teacher in Lyon"));
        assert!(!is_memory_prompt("What's the weather in Lyon?"));
        assert!(!is_memory_prompt("Write a poem that I'm a cat"));
        assert!(!is_memory_prompt(&format!("Remember {}", "x".repeat(500))));
    }
}
