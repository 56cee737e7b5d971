//! The JSON splitter, fed in pieces of random sizes: the same elements as whole.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::split(data));
