//! Internally tagged enums (`{"kind": "send_to", "target": "gemini"}`) read and written by
//! serde_json alone.
//!
//! serde's own `#[serde(tag = "…")]` reads such an enum by first copying the whole value into
//! a buffer of its own (`Content`), then reading the variant from that buffer: every type
//! inside the enum then has its reader compiled a second time, for the buffer. In the core
//! WebAssembly that second copy of the messages' readers weighed more than the readers
//! themselves (issue 15). [`internally_tagged!`] gives an enum the same JSON without it: the
//! enum derives its serde code externally tagged, into functions of its own
//! (`#[serde(remote = "Self")]`), and these impls move the tag between the two forms: read
//! as a [`serde_json::Value`] (the one path every JSON read takes, `crate::json`), written as
//! text. What is written and what is accepted are the same as with `#[serde(tag = "…")]`.
//!
//! Only for enums that travel as JSON (messages, the page code's reports, storage): the value
//! passes through serde_json's `Value` and `RawValue`, which other formats (TOML) do not give.

use serde_json::value::RawValue;

/// The names serde's error wants to be `'static`; the tags in use.
fn static_tag(tag: &str) -> &'static str {
    match tag {
        "kind" => "kind",
        "outcome" => "outcome",
        "state" => "state",
        _ => "tag",
    }
}

/// The internally tagged object `value` as serde's externally tagged value
/// (`{"variant": {…the other entries…}}`), and the variant's name alone, as a variant
/// without fields is written (serde's tagged reading ignores other entries beside its tag).
pub fn external(
    tag: &str,
    value: serde_json::Value,
) -> Result<(serde_json::Value, serde_json::Value), serde_json::Error> {
    use serde_json::{Map, Value};
    let Value::Object(mut entries) = value else {
        return Err(serde::de::Error::custom("expected an object"));
    };
    let variant = match entries.remove(tag) {
        Some(Value::String(variant)) => variant,
        Some(_) => return Err(serde::de::Error::custom(format!("`{tag}` must be text"))),
        None => return Err(serde::de::Error::missing_field(static_tag(tag))),
    };
    let unit = Value::String(variant.clone());
    let mut outer = Map::new();
    outer.insert(variant, Value::Object(entries));
    Ok((Value::Object(outer), unit))
}

/// `external`, an externally tagged value as serde_json wrote it (`"variant"` or
/// `{"variant":{…}}`), as the internally tagged object `{"<tag>":"variant",…}`.
pub fn to_internal(tag: &str, external: &str) -> Result<Box<RawValue>, serde_json::Error> {
    let tag = serde_json::to_string(tag)?;
    let text = if external.starts_with('"') {
        format!("{{{tag}:{external}}}")
    } else {
        // `{"variant":{…}}`: variant names need no escapes, so the name ends at the next quote.
        let inner = external
            .get(1..external.len().saturating_sub(1))
            .unwrap_or("");
        let end = inner
            .get(1..)
            .and_then(|s| s.find('"'))
            .map_or(0, |i| i + 2);
        let (variant, body) = (&inner[..end], inner[end..].trim_start_matches(':'));
        match body.strip_prefix('{') {
            Some("}") => format!("{{{tag}:{variant}}}"),
            Some(rest) => format!("{{{tag}:{variant},{rest}"),
            None => {
                return Err(serde::ser::Error::custom(
                    "a tagged variant must hold an object",
                ))
            }
        }
    };
    RawValue::from_string(text)
}

/// Gives `$ty`, an enum deriving `Serialize` and `Deserialize` with
/// `#[serde(remote = "Self")]` (externally tagged), the impls that write and read it
/// internally tagged by `$tag`, as `#[serde(tag = $tag)]` would.
macro_rules! internally_tagged {
    ($ty:ty, $tag:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let mut external = Vec::new();
                <$ty>::serialize(self, &mut serde_json::Serializer::new(&mut external))
                    .map_err(serde::ser::Error::custom)?;
                let external = String::from_utf8(external).map_err(serde::ser::Error::custom)?;
                let internal = $crate::tagged::to_internal($tag, &external)
                    .map_err(serde::ser::Error::custom)?;
                serde::Serialize::serialize(&internal, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value: serde_json::Value = serde::Deserialize::deserialize(deserializer)?;
                let (external, unit) =
                    $crate::tagged::external($tag, value).map_err(serde::de::Error::custom)?;
                <$ty>::deserialize($crate::json::Tree(external))
                    .or_else(|e| <$ty>::deserialize($crate::json::Tree(unit)).map_err(|_| e))
                    .map_err(serde::de::Error::custom)
            }
        }
    };
}
pub(crate) use internally_tagged;

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};
    use serde_json::json;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(tag = "kind", rename_all = "snake_case")]
    enum Derived {
        Plain,
        Fields {
            a: u32,
            #[serde(default)]
            b: Option<String>,
        },
        Empty {
            #[serde(default)]
            c: Option<i32>,
        },
        Wrapped(Inner),
    }

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    #[serde(remote = "Self", rename_all = "snake_case")]
    enum Ours {
        Plain,
        Fields {
            a: u32,
            #[serde(default)]
            b: Option<String>,
        },
        Empty {
            #[serde(default)]
            c: Option<i32>,
        },
        Wrapped(Inner),
    }
    super::internally_tagged!(Ours, "kind");

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Inner {
        x: String,
    }

    #[test]
    fn written_and_read_as_serde_tags_them() {
        let cases = [
            json!({"kind": "plain"}),
            json!({"kind": "plain", "extra": [1, 2]}),
            json!({"kind": "fields", "a": 3}),
            json!({"b": "q\"\\", "kind": "fields", "a": 3}),
            json!({"kind": "empty"}),
            json!({"kind": "empty", "c": -1}),
            json!({"kind": "wrapped", "x": "é"}),
            json!({"kind": "fields"}),
            json!({"kind": "nope"}),
            json!({"a": 3}),
            json!({"kind": 3}),
            json!("plain"),
            json!([1]),
        ];
        for case in cases {
            let text = case.to_string();
            let derived = serde_json::from_str::<Derived>(&text);
            let ours = serde_json::from_str::<Ours>(&text);
            assert_eq!(derived.is_ok(), ours.is_ok(), "{text}");
            let from_value = serde_json::from_value::<Ours>(case.clone());
            assert_eq!(from_value.is_ok(), ours.is_ok(), "{text}");
            if let (Ok(d), Ok(o)) = (derived, ours) {
                assert_eq!(
                    serde_json::to_string(&d).unwrap(),
                    serde_json::to_string(&o).unwrap(),
                    "{text}"
                );
                assert_eq!(
                    serde_json::to_value(&d).unwrap(),
                    serde_json::to_value(&o).unwrap()
                );
            }
        }
        assert!(serde_json::from_str::<Ours>(r#"{"kind":"nope"}"#)
            .unwrap_err()
            .to_string()
            .contains("unknown variant `nope`"));
    }
}
