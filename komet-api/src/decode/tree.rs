//! Any serde input buffered into the client's JSON tree, so that a generated type's serde
//! `Deserialize` runs the same decoder as the client. Compiled once per deserializer type.
//!
//! The tree keeps the client's guarantees: member names are unique (a repeated one is an
//! error, as the client's parser makes it) and nesting stops at [`MAX_DEPTH`].

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

use crate::json::{Json, MAX_DEPTH, NUMBER_TOKEN, Object};

/// The input as a tree.
pub(super) fn buffer<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Json<'static>, D::Error> {
    Level(0).deserialize(deserializer)
}

/// A value at this depth of nesting.
#[derive(Clone, Copy)]
struct Level(usize);

impl Level {
    fn inner<E: de::Error>(self) -> Result<Level, E> {
        if self.0 + 1 >= MAX_DEPTH {
            return Err(E::custom(format!(
                "the value is nested more than {MAX_DEPTH} levels deep"
            )));
        }
        Ok(Level(self.0 + 1))
    }
}

impl<'de> DeserializeSeed<'de> for Level {
    type Value = Json<'static>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Level {
    type Value = Json<'static>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(Json::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Self::Value, E> {
        Ok(Json::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Ok(Json::Number(Cow::Owned(v.to_string())))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        Ok(Json::Number(Cow::Owned(v.to_string())))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        if !v.is_finite() {
            return Err(E::custom(format!("{v} is not a JSON number")));
        }
        // The shortest text that reads back as `v`, which is what the decoders' scalar
        // reading hands over as that same `f64`.
        Ok(Json::Number(Cow::Owned(v.to_string())))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(v.to_owned())))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Json::String(Cow::Owned(v)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let inner = self.inner()?;
        // The hint comes from the input: never trusted for more than a small allocation.
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
        while let Some(item) = seq.next_element_seed(inner)? {
            items.push(item);
        }
        Ok(Json::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let inner = self.inner()?;
        let mut object = Object::default();
        let mut seen: HashSet<String> = HashSet::new();
        while let Some(name) = map.next_key::<String>()? {
            // serde_json's raw-value and arbitrary-precision forms: a number as its text.
            if object.members().is_empty() && name == NUMBER_TOKEN {
                let text: String = map.next_value()?;
                return number_text(text);
            }
            if !seen.insert(name.clone()) {
                return Err(de::Error::custom(format!(
                    "the member `{name}` is given twice"
                )));
            }
            let value = map.next_value_seed(inner)?;
            object.push(Cow::Owned(name), value);
        }
        Ok(Json::Object(object))
    }
}

/// A number handed over as its text, checked to be a JSON number.
fn number_text<E: de::Error>(text: String) -> Result<Json<'static>, E> {
    match crate::json::parse(text.as_bytes()) {
        Ok(Json::Number(_)) => Ok(Json::Number(Cow::Owned(text))),
        _ => Err(E::custom(format!("{text:?} is not a JSON number"))),
    }
}
