//! Reading JSON text: one path for every type.
//!
//! serde compiles a reader for each type and each way of reading it. Read straight from text,
//! every stored, message and page-report type gets its own copy of serde_json's parser loop;
//! read from a [`serde_json::Value`], the text is parsed once by one parser and each type's
//! reader only walks the tree. The core WebAssembly is smaller for it (issue 15; the README's
//! "What weighs"). A type error then names no line and column (the text parsed; its shape did
//! not fit), a syntax error still does.
//!
//! The tree is walked by [`Tree`], not by serde_json's own `Value` reader: that one also reads
//! a struct from an array of its fields in order, so every struct's reader was compiled a
//! second time for arrays, a form memport never writes. [`Tree`] reads a struct only from an
//! object, and is otherwise the same.

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};
use serde_json::{Error, Map, Value};

/// `json` parsed, for a reader that looks at the tree before reading a type from it.
pub fn parse(json: &str) -> serde_json::Result<Value> {
    serde_json::from_str(json)
}

/// `json` read as a `T`, through a [`serde_json::Value`].
pub fn from_str<T: DeserializeOwned>(json: &str) -> serde_json::Result<T> {
    from_value(parse(json)?)
}

/// `value` read as a `T`: what every read of JSON in memport ends in.
pub fn from_value<T: DeserializeOwned>(value: Value) -> serde_json::Result<T> {
    T::deserialize(Tree(value))
}

/// A parsed value, read by serde as serde_json reads a `Value`, except that a struct is read
/// only from an object (see the module docs).
pub struct Tree(pub Value);

impl Tree {
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.0 {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(_) => Unexpected::Other("number"),
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }
}

impl<'de> de::Deserializer<'de> for Tree {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (None, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(n.as_f64().unwrap_or(f64::NAN)),
            },
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => visitor.visit_seq(Items(items.into_iter())),
            Value::Object(entries) => visitor.visit_map(Entries::new(entries)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::Object(entries) => visitor.visit_map(Entries::new(entries)),
            _ => Err(de::Error::invalid_type(self.unexpected(), &visitor)),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(Variant(variant, None)),
            Value::Object(entries) if entries.len() == 1 => {
                let Some((variant, value)) = entries.into_iter().next() else {
                    return Err(de::Error::custom("an enum's object holds one entry"));
                };
                visitor.visit_enum(Variant(variant, Some(value)))
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &"a variant")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map identifier
    }
}

/// An array's items, each read as a [`Tree`].
struct Items(std::vec::IntoIter<Value>);

impl<'de> SeqAccess<'de> for Items {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.0.next().map(|v| seed.deserialize(Tree(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

/// An object's entries: each key a string, each value a [`Tree`].
struct Entries {
    entries: serde_json::map::IntoIter,
    value: Option<Value>,
}

impl Entries {
    fn new(entries: Map<String, Value>) -> Entries {
        Entries {
            entries: entries.into_iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Entries {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Tree(value)),
            None => Err(de::Error::custom("a value without its key")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum's variant (`"name"`, or `{"name": value}`), as serde_json reads one.
struct Variant(String, Option<Value>);

impl<'de> EnumAccess<'de> for Variant {
    type Error = Error;
    type Variant = Tree;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Tree), Error> {
        let name = seed.deserialize(self.0.into_deserializer())?;
        Ok((name, Tree(self.1.unwrap_or(Value::Null))))
    }
}

impl<'de> VariantAccess<'de> for Tree {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.0 {
            Value::Null => Ok(()),
            _ => Err(de::Error::invalid_type(
                self.unexpected(),
                &"a unit variant",
            )),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        de::Deserializer::deserialize_struct(self, "", fields, visitor)
    }
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

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Shape {
        Unit,
        Newtype(u8),
        Tuple(i32, String),
        Fields { x: f64 },
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Rich {
        shapes: Vec<Shape>,
        maybe: Option<Box<Rich>>,
        pair: (u16, bool),
        small: i8,
        big: u64,
        ratio: f32,
        names: std::collections::BTreeMap<String, Vec<String>>,
        #[serde(default)]
        absent: Vec<u8>,
        #[serde(flatten)]
        rest: std::collections::BTreeMap<String, serde_json::Value>,
    }

    #[test]
    fn reads_every_shape_as_serde_json_does() {
        let text = r#"{"shapes": ["unit", {"newtype": 7}, {"tuple": [-3, "x"]}, {"fields": {"x": 1.5}}],
            "maybe": {"shapes": [], "maybe": null, "pair": [1, false], "small": -128, "big": 0,
                      "ratio": 2, "names": {}},
            "pair": [65535, true], "small": 127, "big": 18446744073709551615, "ratio": -0.25,
            "names": {"a": ["b", "c"]}, "other": [1, {"y": null}]}"#;
        let ours = super::from_str::<Rich>(text).unwrap();
        assert_eq!(ours, serde_json::from_str::<Rich>(text).unwrap());
        assert_eq!(ours.rest.len(), 1, "an unknown key kept by flatten");
        for wrong in [
            r#"{"shapes": ["nope"], "maybe": null, "pair": [1, true], "small": 1, "big": 1, "ratio": 1, "names": {}}"#,
            r#"{"shapes": [], "maybe": null, "pair": [1, true], "small": 128, "big": 1, "ratio": 1, "names": {}}"#,
            r#"{"shapes": [{"unit": 1}], "maybe": null, "pair": [1, true], "small": 1, "big": 1, "ratio": 1, "names": {}}"#,
        ] {
            assert!(super::from_str::<Rich>(wrong).is_err(), "{wrong}");
            assert!(serde_json::from_str::<Rich>(wrong).is_err(), "{wrong}");
        }
    }

    #[test]
    fn a_struct_is_read_only_from_an_object() {
        // serde_json's own reader takes a struct's fields in order from an array; memport
        // never writes one so, and reads none.
        assert!(serde_json::from_str::<Item>(r#"["a", 1]"#).is_ok());
        let refused = super::from_str::<Item>(r#"["a", 1]"#).unwrap_err();
        assert!(
            refused.to_string().contains("invalid type: sequence"),
            "{refused}"
        );
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
