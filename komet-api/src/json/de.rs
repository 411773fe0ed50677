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
///
/// The path is tracked by this deserializer itself: a failing member or item adds its name or
/// index to the error on the way out, so nothing is paid for it while decoding succeeds and no
/// wrapping deserializer is instantiated for every type (as `serde_path_to_error` would).
#[cfg(test)]
pub(crate) fn decode<T: DeserializeOwned>(json: &Json<'_>) -> Result<T, DecodeError> {
    T::deserialize(JsonDeserializer(json)).map_err(Message::into_decode_error)
}

/// `T`'s own serde `Deserialize` run over `json`, failing with the path-tracking error the
/// typed decoders use (for the members a response keeps as `serde_json::Value`).
pub(crate) fn deserialize_from<T: DeserializeOwned>(json: &Json<'_>) -> Result<T, Message> {
    T::deserialize(JsonDeserializer(json))
}

/// Why a value did not decode: a message and where it arose (not part of the API: it appears
/// only in the hidden method of [`crate::Decode`]).
#[doc(hidden)]
#[derive(Debug)]
pub struct Message {
    message: String,
    /// Innermost step first: each enclosing member or item appends itself as the error
    /// passes through it.
    path: Vec<Step>,
}

#[derive(Debug)]
enum Step {
    Member(String),
    Item(usize),
}

impl Message {
    // Out of line: the generic accessors that call these are compiled once per field type.
    #[inline(never)]
    pub(crate) fn in_member(mut self, name: &str) -> Self {
        self.path.push(Step::Member(name.to_owned()));
        self
    }

    #[inline(never)]
    pub(crate) fn in_item(mut self, index: usize) -> Self {
        self.path.push(Step::Item(index));
        self
    }

    /// `items[0].status`, as `serde_path_to_error` writes paths (empty for the root).
    pub(crate) fn into_decode_error(self) -> DecodeError {
        let mut path = String::new();
        for step in self.path.iter().rev() {
            match step {
                Step::Member(name) => {
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(name);
                }
                Step::Item(index) => {
                    path.push('[');
                    path.push_str(&index.to_string());
                    path.push(']');
                }
            }
        }
        DecodeError {
            path,
            message: self.message,
        }
    }
}

impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Message {}

impl de::Error for Message {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Message {
            message: msg.to_string(),
            path: Vec::new(),
        }
    }
}

/// Hints answered by [`JsonDeserializer::visit_plain`]: the target asked for a number or
/// names its shape, so a number goes to it as serde_json would give it.
macro_rules! plain_hints {
    ($($name:ident)*) => {
        $(
            fn $name<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
                self.visit_plain(visitor)
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
            Json::Array(items) => visitor.visit_seq(Items::new(items)),
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

    plain_hints! {
        deserialize_i8 deserialize_i16 deserialize_i32 deserialize_i64 deserialize_i128
        deserialize_u8 deserialize_u16 deserialize_u32 deserialize_u64 deserialize_u128
        deserialize_f32 deserialize_f64
    }

    // A target that names its shape gets numbers as serde_json gives them: only
    // `deserialize_any` hands over the exact-number form, so only the visitors that buffer
    // or read raw scalars are compiled against it (not every struct's field visitor twice).
    plain_hints! {
        deserialize_bool deserialize_char deserialize_str deserialize_string
        deserialize_bytes deserialize_byte_buf deserialize_unit deserialize_seq
        deserialize_map deserialize_identifier
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Message> {
        self.visit_plain(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Message> {
        self.visit_plain(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Message> {
        self.visit_plain(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Message> {
        self.visit_plain(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
        // Nothing of an ignored value is read, so nothing of it needs walking.
        visitor.visit_unit()
    }
}

impl JsonDeserializer<'_, '_> {
    /// `deserialize_any`, except that a number is given as serde_json would give it.
    fn visit_plain<'de, V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Message> {
        match self.0 {
            Json::Number(text) => visit_plain_number(text, visitor),
            Json::Null => visitor.visit_unit(),
            Json::Bool(b) => visitor.visit_bool(*b),
            Json::String(s) => visitor.visit_str(s.as_ref()),
            Json::Array(items) => visitor.visit_seq(Items::new(items)),
            Json::Object(object) => visitor.visit_map(Members::new(object)),
        }
    }
}

/// A number as serde_json reads it.
enum Plain {
    I64(i64),
    U64(u64),
    F64(f64),
}

/// Out of line, so that the generic visit below stays a three-way dispatch.
#[inline(never)]
fn plain_number(text: &str) -> Result<Plain, Message> {
    if let Ok(i) = text.parse::<i64>() {
        Ok(Plain::I64(i))
    } else if let Ok(u) = text.parse::<u64>() {
        Ok(Plain::U64(u))
    } else {
        match text.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(Plain::F64(f)),
            _ => Err(de::Error::custom(format!("number out of range: {text}"))),
        }
    }
}

fn visit_plain_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Message> {
    match plain_number(text)? {
        Plain::I64(i) => visitor.visit_i64(i),
        Plain::U64(u) => visitor.visit_u64(u),
        Plain::F64(f) => visitor.visit_f64(f),
    }
}

/// How a number is handed to a target that takes anything: as serde_json would give it when
/// that keeps its text, otherwise as the text itself (`1.10`, 28 decimal places, `1e5`). The
/// typed decoders' scalar reading makes the same choice.
pub(crate) enum Exact<'t> {
    I64(i64),
    U64(u64),
    F64(f64),
    Text(&'t str),
}

#[inline(never)]
pub(crate) fn exact_number(text: &str) -> Exact<'_> {
    match plain_number(text) {
        Ok(Plain::I64(i)) => Exact::I64(i),
        Ok(Plain::U64(u)) => Exact::U64(u),
        Ok(Plain::F64(f)) if f.to_string() == text => Exact::F64(f),
        _ => Exact::Text(text),
    }
}

fn visit_number<'de, V: Visitor<'de>>(text: &str, visitor: V) -> Result<V::Value, Message> {
    match exact_number(text) {
        Exact::I64(i) => visitor.visit_i64(i),
        Exact::U64(u) => visitor.visit_u64(u),
        Exact::F64(f) => visitor.visit_f64(f),
        Exact::Text(text) => visitor.visit_map(NumberText(Some(text))),
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

struct Items<'j, 'a>(std::iter::Enumerate<std::slice::Iter<'j, Json<'a>>>);

impl<'j, 'a> Items<'j, 'a> {
    fn new(items: &'j [Json<'a>]) -> Self {
        Items(items.iter().enumerate())
    }
}

impl<'de> SeqAccess<'de> for Items<'_, '_> {
    type Error = Message;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Message> {
        match self.0.next() {
            Some((index, item)) => match seed.deserialize(JsonDeserializer(item)) {
                Ok(value) => Ok(Some(value)),
                Err(e) => Err(e.in_item(index)),
            },
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'j, 'a> {
    iter: std::slice::Iter<'j, (std::borrow::Cow<'a, str>, Json<'a>)>,
    /// The member whose key was handed out last, waiting for its value to be asked for.
    pending: Option<&'j (std::borrow::Cow<'a, str>, Json<'a>)>,
}

impl<'j, 'a> Members<'j, 'a> {
    fn new(object: &'j Object<'a>) -> Self {
        Members {
            iter: object.0.iter(),
            pending: None,
        }
    }

    /// The member whose name was just read.
    #[inline(never)]
    fn take_pending(&mut self) -> Result<(&'j str, &'j Json<'a>), Message> {
        match self.pending.take() {
            Some((name, value)) => Ok((name.as_ref(), value)),
            None => Err(de::Error::custom(
                "a map value was asked for before its key",
            )),
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
            Some(member) => {
                self.pending = Some(member);
                let name = member.0.as_ref();
                let key: de::value::StrDeserializer<'_, Message> = name.into_deserializer();
                match seed.deserialize(key) {
                    Ok(key) => Ok(Some(key)),
                    Err(e) => Err(e.in_member(name)),
                }
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Message> {
        // Compiled once per field type: everything that does not depend on it is out of line.
        let (name, value) = self.take_pending()?;
        match seed.deserialize(JsonDeserializer(value)) {
            Ok(value) => Ok(value),
            Err(e) => Err(e.in_member(name)),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.iter.len())
    }
}
