//! The stored profile and the profile JSON file (`Profile::from_json`), undo and picks.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::profile(data));
