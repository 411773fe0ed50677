//! Decodes typed values from a [`Json`] tree without losing a number's text.
//!
//! Asked for a number type (`i64`, `f64`, ...), it parses the text as serde_json does. Asked
//! for anything (`deserialize_any`, which is also how serde buffers `#[serde(flatten)]` and
//! untagged types), it hands an integer over as `i64`/`u64`, a number whose shortest `f64`
//! text is its own text as `f64`, and any other number (`1.10`, 28 decimal places, `1e5`) in
//! serde_json's raw-value form: a one-member map `{NUMBER_TOKEN: "<text>"}`. The wire
//! helpers' scalar visitor reads the exact text from it; `serde_json::Value` and
//! `Box<RawValue>` understand the form too (a `Value` rounds the number as it always does).
//! A user's own type that buffers a plain `f64` field gets an error for such a number, not a
//! silently reformatted one.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Visitor,
};

use super::{Json, Object};

/// The member name of serde_json's raw-value form (with its `raw_value` feature, which this
/// crate turns on), which marks a number given as its text.
pub(crate) const NUMBER_TOKEN: &str = "$serde_json::private::RawValue";

/// Why a tree did not decode into the wanted type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DecodeError {
    /// Path of the offending value (`items[0].status`), empty for the root.
    pub path: String,
    pub message: String,
}

/// Decodes `json` as `T`, reporting the path of the first value that does not fit.
pub(crate) fn decode<T: DeserializeOwned>(json: &Json<'_>) -> Result<T, DecodeError> {
    serde_path_to_error::deserialize(JsonDeserializer(json)).map_err(|e| DecodeError {
        path: e.path().to_string().trim_start_matches('.').to_owned(),
        message: e.into_inner().0,
    })
}

/// serde's error type for this deserializer: a message.
#[derive(Debug)]
pub(crate) struct Message(String);

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Message {}

impl de::Error for Message {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Message(msg.to_string())
    }
}

/// Numeric hints: a number goes to the visitor as serde_json would give it (the target asked
/// for a number, so the text has no other use); anything else as for `deserialize_any`.
macro_rules! number_hints {
    ($($name:ident)*) => {
        $(
            fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
                match self.0 {
                    Json::Number(text) => visit_plain_number(text, visitor),
                    _ => self.deserialize_any(visitor),
                }
            }
        )*
    };
}

#[derive(Clone, Copy)]
struct JsonDeserializer<'j, 'a>(&'j Json<'a>);

impl<'de> Deserializer<'de> for JsonDeserializer<'_, '_> {
    type Error = Message;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
        match self.0 {
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::Number(text) => visit_number(text, visitor),
            Json::String(s) => visitor.visit_str(s.as_ref()),
            Json::Array(items) => visitor.visit_seq(Items(items.iter())),
            Json::Object(object) => visitor.visit_map(Members::new(object)),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
        match self.0 {
            Json::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Message> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Message> {
        match self.0 {
            Json::String(s) => visitor.visit_enum(s.as_ref().into_deserializer()),
            _ => Err(de::Error::custom("expected a string naming a variant")),
        }
    }

    number_hints! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    serde::forward_to_deserialize_any! {
        bool char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

fn visit_plain_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Message> {
    if let Ok(i) = text.parse::<i64>() {
        visitor.visit_i64(i)
    } else if let Ok(u) = text.parse::<u64>() {
        visitor.visit_u64(u)
    } else {
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => visitor.visit_f64(f),
            _ => Err(de::Error::custom(format!("number out of range: {text}"))),
        }
    }
}

fn visit_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Message> {
    if let Ok(i) = text.parse::<i64>() {
        return visitor.visit_i64(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return visitor.visit_u64(u);
    }
    match text.parse::<f64>() {
        Ok(f) if f.is_finite() && f.to_string() == text => visitor.visit_f64(f),
        _ => visitor.visit_map(NumberText(Some(text))),
    }
}

/// The one-member map `{NUMBER_TOKEN: text}`.
struct NumberText<'t>(Option<&'t str>);

impl<'de> MapAccess<'de> for NumberText<'_> {
    type Error = Message;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Message> {
        match self.0 {
            Some(_) => seed.deserialize(NUMBER_TOKEN.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Message> {
        let text = self.0.take().unwrap_or_default();
        seed.deserialize(text.into_deserializer())
    }
}

struct Items<'j, 'a>(std::slice::Iter<'j, Json<'a>>);

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Message;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Message> {
        match self.0.next() {
            Some(item) => seed.deserialize(JsonDeserializer(item)).map(Some),
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'j, 'a> {
    iter: std::slice::Iter<'j, (std::borrow::Cow<'a, str>, Json<'a>)>,
    value: Option<&'j Json<'a>>,
}

impl<'j, 'a> Members<'j, 'a> {
    fn new(object: &'j Object<'a>) -> Self {
        Members {
            iter: object.0.iter(),
            value: None,
        }
    }
}

impl<'de> MapAccess<'de> for Members<'_, '_> {
    type Error = Message;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Message> {
        match self.iter.next() {
            Some((name, value)) => {
                self.value = Some(value);
                seed.deserialize(name.as_ref().into_deserializer())
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Message> {
        match self.value.take() {
            Some(value) => seed.deserialize(JsonDeserializer(value)),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}
