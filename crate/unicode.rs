//! Unicode normalization: NFKC, the form texts are compared in (item ids, slots), and NFC,
//! the form PAM hashes content in.
//!
//! Natively (the tests, the `memport` tool) the `unicode-normalization` crate does it. In the
//! WebAssembly modules the JavaScript engine's own `String.prototype.normalize` does, the
//! ECMAScript built-in every context memport runs in has (service worker, extension pages,
//! workers): the crate's tables were the largest data in the core module, and the browser
//! ships the same tables already. Normalization is stable by Unicode's policy (a character's
//! normal form never changes once it is assigned), so the two agree on every character both
//! know; `tests/unicode_forms.rs` and the browser tests check that they agree on every code
//! point (`tests/fixtures/unicode-forms.txt`).
//!
//! A leaf: it imports nothing from the crate.

use std::borrow::Cow;

/// Texts made only of these characters are in every normal form already (ASCII and the C1
/// controls: no compatibility mapping, no composition), so they are not converted.
fn settled(text: &str) -> bool {
    text.chars().all(|c| c < '\u{a0}')
}

/// The text in Normalization Form KC.
pub fn nfkc(text: &str) -> Cow<'_, str> {
    if settled(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(imp::nfkc(text))
}

/// The text in Normalization Form C.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if settled(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(imp::nfc(text))
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    use unicode_normalization::UnicodeNormalization;

    pub fn nfkc(text: &str) -> String {
        text.nfkc().collect()
    }

    pub fn nfc(text: &str) -> String {
        text.nfc().collect()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::JsString;

    fn normalize(text: &str, form: &str) -> String {
        String::from(JsString::from(text).normalize(form))
    }

    pub fn nfkc(text: &str) -> String {
        normalize(text, "NFKC")
    }

    pub fn nfc(text: &str) -> String {
        normalize(text, "NFC")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_ascii_is_borrowed() {
        assert!(matches!(nfkc("Lives in Porto."), Cow::Borrowed(_)));
        assert!(matches!(nfc("Lives in Porto."), Cow::Borrowed(_)));
    }

    #[test]
    fn compatibility_and_composition() {
        assert_eq!(nfkc("ﬁne Ｐｙｔｈｏｎ\u{a0}①"), "fine Python 1");
        assert_eq!(nfkc("Mu\u{308}nchen"), "München");
        assert_eq!(nfc("Mu\u{308}nchen"), "München");
        // NFC keeps compatibility characters.
        assert_eq!(nfc("ﬁ"), "ﬁ");
    }
}
