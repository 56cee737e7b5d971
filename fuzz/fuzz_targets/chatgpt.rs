//! The ChatGPT reader: a bare `conversations.json` or `memory.json`.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::chatgpt(data));
