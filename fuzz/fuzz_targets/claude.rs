//! The Claude reader: `memories.json`, `projects.json`, `users.json`, a memory file.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::claude(data));
