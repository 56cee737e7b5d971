//! "Capture the answer": the page code's report judged (`answer::judge`), any tab address.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::answer(data));
