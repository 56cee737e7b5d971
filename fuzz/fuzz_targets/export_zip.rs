//! A whole export ZIP through `export::import`: nesting, the inflate budget, every reader.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::export_zip(data));
