//! Several values in one comma-separated string (`"428545, 428544"`), as `Vec<T>` in Rust.
//!
//! Written joined by bare commas: one method's page asks for "commas without spaces", and the
//! samples that put a space after the comma show the server trims it. Read from a string
//! (items trimmed, `""` is an empty list), from one number (a list of one), or from an array.

use std::borrow::Cow;

use serde::Serializer;
use serde::de::{Deserialize, Deserializer, Error as _};

use super::raw::{self, Raw};

/// An item of a comma-separated list: read from and written as its text.
pub trait CsvItem: Sized {
    /// Reads one trimmed item.
    fn parse_item(text: &str) -> Result<Self, String>;
    /// The item's text as it goes between the commas.
    fn item_text(&self) -> Cow<'_, str>;
}

impl CsvItem for i64 {
    fn parse_item(text: &str) -> Result<Self, String> {
        raw::to_i64(Raw::Str(text.to_owned()))
    }

    fn item_text(&self) -> Cow<'_, str> {
        Cow::Owned(self.to_string())
    }
}

impl CsvItem for String {
    fn parse_item(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }

    fn item_text(&self) -> Cow<'_, str> {
        Cow::Borrowed(self)
    }
}

fn join<T: CsvItem>(items: &[T]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&item.item_text());
    }
    out
}

/// The items of a comma-separated string; blank items are refused rather than skipped.
pub(crate) fn split<T: CsvItem>(text: &str) -> Result<Vec<T>, String> {
    if text.trim().is_empty() {
        return Ok(Vec::new());
    }
    text.split(',')
        .enumerate()
        .map(|(i, item)| match item.trim() {
            "" => Err(format!("item {} of {text:?} is empty", i + 1)),
            item => T::parse_item(item),
        })
        .collect()
}

/// An array of scalars, each read as one item.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Wire {
    One(Raw),
    Many(Vec<Raw>),
}

fn from_raw<T: CsvItem>(raw: Raw) -> Result<Vec<T>, String> {
    match raw {
        Raw::Str(s) => split(&s),
        other => {
            let text = raw::to_text(other)?;
            Ok(vec![T::parse_item(&text)?])
        }
    }
}

fn from_wire<T: CsvItem>(wire: Wire) -> Result<Vec<T>, String> {
    match wire {
        Wire::One(raw) => from_raw(raw),
        Wire::Many(items) => items
            .into_iter()
            .map(|raw| T::parse_item(raw::to_text(raw)?.trim()))
            .collect(),
    }
}

/// Writes the items joined by commas; reads a string, a number or an array.
pub fn serialize<T: CsvItem, S: Serializer>(items: &[T], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&join(items))
}

/// Reads a comma-separated string, one number or an array of scalars.
pub fn deserialize<'de, T: CsvItem, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    from_wire(Wire::deserialize(deserializer)?).map_err(D::Error::custom)
}

/// [`deserialize`] for the generated decoders, from the client's JSON tree.
#[allow(dead_code)] // a helper may have no field in today's spec
pub(crate) fn read<T: CsvItem>(
    json: &crate::json::Json<'_>,
) -> Result<Vec<T>, crate::json::Message> {
    from_wire(wire_of(json)?).map_err(crate::decode::fail)
}

/// [`serialize`] for the generated encoders.
#[allow(dead_code)] // a helper may have no field in today's spec
pub(crate) fn write<T: CsvItem>(items: &[T], out: &mut crate::encode::Writer) {
    out.str(&join(items));
}

/// A string, a number or an array of scalars, as the untagged [`Wire`] reads it.
fn wire_of(json: &crate::json::Json<'_>) -> Result<Wire, crate::json::Message> {
    match json {
        crate::json::Json::Array(items) => items
            .iter()
            .map(crate::decode::scalar)
            .collect::<Result<_, _>>()
            .map(Wire::Many),
        other => crate::decode::scalar(other).map(Wire::One),
    }
}

/// The `Option` form: `null` is `None`; `""` is an empty list.
pub mod opt {
    use super::*;

    /// Writes `Some` joined by commas and `None` as `null`.
    pub fn serialize<T: CsvItem, S: Serializer>(
        items: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match items {
            Some(items) => super::serialize(items, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, anything else as the plain form does.
    pub fn deserialize<'de, T: CsvItem, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        match Option::<Wire>::deserialize(deserializer)? {
            None | Some(Wire::One(Raw::Null)) => Ok(None),
            Some(wire) => from_wire(wire).map(Some).map_err(D::Error::custom),
        }
    }

    /// [`deserialize`] for the generated decoders, from the client's JSON tree.
    #[allow(dead_code)] // a helper may have no field in today's spec
    pub(crate) fn read<T: CsvItem>(
        json: &crate::json::Json<'_>,
    ) -> Result<Option<Vec<T>>, crate::json::Message> {
        match wire_of(json)? {
            Wire::One(Raw::Null) => Ok(None),
            wire => from_wire(wire).map(Some).map_err(crate::decode::fail),
        }
    }
}
