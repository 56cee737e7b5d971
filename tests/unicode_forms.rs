//! The Unicode normal forms memport compares texts in, code point by code point, as digests a
//! browser can check too.
//!
//! Natively `crate/unicode.rs` normalizes with the `unicode-normalization` crate; in the
//! WebAssembly modules with the JavaScript engine's `String.prototype.normalize`. Item ids
//! depend on the NFKC form, so the two must agree. This test writes down what the crate does
//! for every code point (`tests/fixtures/unicode-forms.txt`, one digest per 4,096 code points);
//! `tests/e2e/unicode.test.mjs` and `tests/firefox/` check the browsers against the same file.
//!
//! A digest covers, for each code point c of its block (surrogates left out), in order:
//! NFKC(c), NFC(c), NFC(NFD(c)) and NFKC(NFKD(c)), each followed by U+0001, the code point's
//! record followed by U+0002; SHA-256 of that text in UTF-8, the first 16 hex digits. After a
//! deliberate change (a new version of the crate):
//! `MEMPORT_WRITE_UNICODE_FORMS=1 cargo test --test unicode_forms`, and say why in the commit.

use sha2::{Digest, Sha256};
use unicode_normalization::UnicodeNormalization;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/unicode-forms.txt"
);

fn digests() -> String {
    let mut out = String::new();
    for block in 0u32..0x110 {
        let mut text = String::new();
        for c in (block * 0x1000..(block + 1) * 0x1000).filter_map(char::from_u32) {
            let s = c.to_string();
            let nfd: String = s.nfd().collect();
            let nfkd: String = s.nfkd().collect();
            for form in [
                s.nfkc().collect::<String>(),
                s.nfc().collect(),
                nfd.nfc().collect(),
                nfkd.nfkc().collect(),
            ] {
                text.push_str(&form);
                text.push('\u{1}');
            }
            text.push('\u{2}');
        }
        let hash = Sha256::digest(text.as_bytes());
        let hex: String = hash[..8].iter().map(|b| format!("{b:02x}")).collect();
        out.push_str(&format!("{block:03x} {hex}\n"));
    }
    out
}

/// A code point's four forms as the fixture writes them: each form's code points in hex,
/// joined by commas; the forms joined by spaces.
fn record(c: char) -> String {
    let s = c.to_string();
    let hex = |form: String| {
        form.chars()
            .map(|c| format!("{:x}", c as u32))
            .collect::<Vec<_>>()
            .join(",")
    };
    let nfd: String = s.nfd().collect();
    let nfkd: String = s.nfkd().collect();
    [
        hex(s.nfkc().collect()),
        hex(s.nfc().collect()),
        hex(nfd.nfc().collect()),
        hex(nfkd.nfkc().collect()),
    ]
    .join(" ")
}

#[test]
fn every_code_points_normal_forms_are_as_written_down() {
    let written = std::fs::read_to_string(FIXTURE).expect("tests/fixtures/unicode-forms.txt");
    // The characters the crate knows and browsers do not yet: kept by hand, checked here.
    let ahead: Vec<&str> = written
        .lines()
        .filter(|l| l.starts_with("ahead "))
        .collect();
    for line in &ahead {
        let cp = line
            .split(' ')
            .nth(1)
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        let c = cp
            .and_then(char::from_u32)
            .expect("an ahead line names a code point");
        assert_eq!(
            line["ahead ".len()..],
            format!("{:x} {}", c as u32, record(c)),
            "the crate's forms of U+{:04X} changed",
            c as u32
        );
    }
    let now = digests();
    if std::env::var_os("MEMPORT_WRITE_UNICODE_FORMS").is_some() {
        let head: String = written
            .lines()
            .filter(|l| !l.starts_with("block "))
            .map(|l| format!("{l}\n"))
            .collect();
        let blocks: String = now.lines().map(|l| format!("block {l}\n")).collect();
        std::fs::write(FIXTURE, head + &blocks).expect("write the fixture");
        return;
    }
    let blocks: Vec<&str> = written
        .lines()
        .filter_map(|l| l.strip_prefix("block "))
        .collect();
    let differ: Vec<&str> = now
        .lines()
        .zip(&blocks)
        .filter(|(a, b)| a != *b)
        .map(|(a, _)| &a[..3])
        .collect();
    assert!(
        differ.is_empty() && now.lines().count() == blocks.len(),
        "the normal forms of these blocks of 4,096 code points changed: {differ:?}; \
         item ids would change with them (see this file's docs)"
    );
}

#[test]
fn memports_forms_are_the_crates() {
    for text in [
        "ﬁne",
        "Ｐｙｔｈｏｎ\u{a0}①",
        "Mu\u{308}nchen",
        "Lives in Porto.",
        "한국어",
        "ｶﾞ",
    ] {
        assert_eq!(
            memport::unicode::nfkc(text),
            text.nfkc().collect::<String>()
        );
        assert_eq!(memport::unicode::nfc(text), text.nfc().collect::<String>());
    }
}
