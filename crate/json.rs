//! Reading JSON text: one path for every type.
//!
//! serde compiles a reader for each type and each way of reading it. Read straight from text,
//! every stored, message and page-report type gets its own copy of serde_json's parser loop;
//! read from a [`serde_json::Value`], the text is parsed once by one parser and each type's
//! reader only walks the tree. The core WebAssembly is smaller for it (issue 15; the README's
//! "What weighs"). A type error then names no line and column (the text parsed; its shape did
//! not fit), a syntax error still does.

use serde::de::DeserializeOwned;

/// `json` parsed, for a reader that looks at the tree before reading a type from it.
pub fn parse(json: &str) -> serde_json::Result<serde_json::Value> {
    serde_json::from_str(json)
}

/// `json` read as a `T`, through a [`serde_json::Value`].
pub fn from_str<T: DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    T::deserialize(parse(json)?)
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    #[derive(Debug, Deserialize, PartialEq)]
    struct Item {
        text: String,
        #[serde(default)]
        count: u32,
    }

    #[test]
    fn reads_as_serde_json_does_and_says_where_the_text_breaks() {
        let text = r#"{"text": "Has a cat", "extra": [1, {"x": null}]}"#;
        assert_eq!(
            super::from_str::<Item>(text).unwrap(),
            serde_json::from_str::<Item>(text).unwrap()
        );
        let broken = super::from_str::<Item>("{\"text\":\n \"a\",,}").unwrap_err();
        assert!(broken.to_string().contains("line 2"), "{broken}");
        let wrong = super::from_str::<Item>(r#"{"text": 3}"#).unwrap_err();
        assert!(wrong.to_string().contains("invalid type"), "{wrong}");
    }
}
