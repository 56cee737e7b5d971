//! The ZIP container: `zip::open` and `zip::stream` of every entry.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::zip_entries(data));
