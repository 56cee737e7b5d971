//! "Import text" (`text_import::read`): a profile file or an assistant's words.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::text(data));
