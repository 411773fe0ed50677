//! Typed values from the exact JSON tree, without serde's derived visitors.
//!
//! Every generated type implements [`Decode`] with a generated, non-generic function: a
//! `match` on member names whose arms call the wire helpers' `read` functions (`wire::int::read`,
//! `wire::date_opt::read`, ...), which convert a scalar exactly as the helpers' serde
//! `deserialize` does. Nothing is instantiated per type and deserializer, which is where a
//! derived `Deserialize` spends its compile time; the client, the registry and the sandbox
//! decode through it directly.
//!
//! The generated types still implement serde's `Deserialize`, for callers who read them with
//! serde_json or any other format: [`deserialize`] first buffers the input into a tree (one
//! instantiation per deserializer, shared by every type), then runs the same decoder.

mod tree;

use std::collections::BTreeMap;

use serde::de::Error as _;

use crate::json::{Exact, Json, Message, Object};
use crate::wire::raw::Raw;

/// A type the client decodes from Komet's JSON exactly as it was sent: numbers from their
/// text, member names matched by a generated decoder, the failing path reported.
///
/// Every generated request and response type implements it, as do `serde_json::Value` and
/// [`Serde`] (any `DeserializeOwned` type, through its serde implementation). Its method is not
/// part of the API.
pub trait Decode: Sized {
    /// Decodes the value from the client's JSON tree.
    #[doc(hidden)]
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message>;
}

/// Decodes a type through its own serde `Deserialize`: a type of the caller's, given to
/// [`crate::Client::call`] as `Serde<MyResponse>`. Numbers reach it as the client's exact-JSON
/// deserializer hands them over (see the wire helpers).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Serde<T>(pub T);

impl<T: serde::de::DeserializeOwned> Decode for Serde<T> {
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message> {
        crate::json::deserialize_from(json).map(Serde)
    }
}

impl Decode for serde_json::Value {
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message> {
        crate::json::deserialize_from(json)
    }
}

/// `null` is `None`; anything else is the value.
impl<T: Decode> Decode for Option<T> {
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message> {
        match json {
            Json::Null => Ok(None),
            other => T::decode_tree(other).map(Some),
        }
    }
}

/// An array, each item decoded as `T`; a failing item is named by its index.
impl<T: Decode> Decode for Vec<T> {
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message> {
        let items = array(json)?;
        let mut out = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match T::decode_tree(item) {
                Ok(value) => out.push(value),
                Err(e) => return Err(e.in_item(index)),
            }
        }
        Ok(out)
    }
}

/// An object whose members are all `T`, keyed by member name.
impl<T: Decode> Decode for BTreeMap<String, T> {
    fn decode_tree(json: &Json<'_>) -> Result<Self, Message> {
        let mut out = BTreeMap::new();
        for (name, value) in object(json, "a map")?.iter() {
            out.insert(name.to_owned(), at(T::decode_tree(value), name)?);
        }
        Ok(out)
    }
}

/// `json` decoded as `T`, with the failing path.
pub(crate) fn decode<T: Decode>(json: &Json<'_>) -> Result<T, crate::json::DecodeError> {
    T::decode_tree(json).map_err(Message::into_decode_error)
}

/// serde's entry point for generated types: the input buffered into a tree (compiled once per
/// deserializer), then decoded as the client decodes. A failure names its path.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Decode,
{
    let tree = tree::buffer(deserializer)?;
    T::decode_tree(&tree).map_err(|e| D::Error::custom(describe(e)))
}

/// `missing field `x` at `lines[0]``: the message, and where when not at the root.
#[inline(never)]
fn describe(message: Message) -> String {
    let error = message.into_decode_error();
    if error.path.is_empty() {
        error.message
    } else {
        format!("{} at `{}`", error.message, error.path)
    }
}

/// A decoder's failure with this message.
#[cold]
#[inline(never)]
pub(crate) fn fail(message: impl std::fmt::Display) -> Message {
    Message::custom(message)
}

/// The members of an object; `what` names the type for the error.
pub(crate) fn object<'j, 'a>(json: &'j Json<'a>, what: &str) -> Result<&'j Object<'a>, Message> {
    match json {
        Json::Object(object) => Ok(object),
        other => Err(invalid_type(other, what)),
    }
}

/// The items of an array.
pub(crate) fn array<'j, 'a>(json: &'j Json<'a>) -> Result<&'j [Json<'a>], Message> {
    match json {
        Json::Array(items) => Ok(items),
        other => Err(invalid_type(other, "an array")),
    }
}

#[cold]
#[inline(never)]
fn invalid_type(json: &Json<'_>, expected: &str) -> Message {
    fail(format!(
        "invalid type: {}, expected {expected}",
        kind_of(json)
    ))
}

fn kind_of(json: &Json<'_>) -> String {
    match json {
        Json::Null => "null".to_owned(),
        Json::Bool(b) => format!("boolean `{b}`"),
        Json::Number(text) => format!("number `{text}`"),
        Json::String(s) => format!("string {s:?}"),
        Json::Array(_) => "an array".to_owned(),
        Json::Object(_) => "an object".to_owned(),
    }
}

/// The result of decoding member `name`, its failure placed under that name.
#[inline]
pub(crate) fn at<T>(result: Result<T, Message>, name: &str) -> Result<T, Message> {
    match result {
        Ok(value) => Ok(value),
        Err(e) => Err(e.in_member(name)),
    }
}

/// A required member's value, or the error that it is missing.
#[inline]
#[allow(dead_code)] // with only some areas on, no decoder may have a required member
pub(crate) fn required<T>(value: Option<T>, name: &str) -> Result<T, Message> {
    match value {
        Some(value) => Ok(value),
        None => Err(missing(name)),
    }
}

#[cold]
#[inline(never)]
#[allow(dead_code)] // as `required`
fn missing(name: &str) -> Message {
    fail(format!("missing field `{name}`"))
}

/// A required group of alternatives, or the error that none of them was given.
#[inline]
pub(crate) fn required_group<T>(value: Option<T>, options: &str) -> Result<T, Message> {
    match value {
        Some(value) => Ok(value),
        None => Err(fail(format!(
            "none of the alternatives is given: {options}"
        ))),
    }
}

/// For a group of alternatives none of which is complete: `None` when none of its members
/// is present either, otherwise the error naming what is there and what each option needs
/// (a half-given reference is not silently dropped).
#[cold]
#[inline(never)]
pub(crate) fn incomplete<T>(
    object: &Object<'_>,
    members: &[&str],
    options: &str,
) -> Result<Option<T>, Message> {
    let present: Vec<&str> = members
        .iter()
        .copied()
        .filter(|name| object.get(name).is_some())
        .collect();
    if present.is_empty() {
        return Ok(None);
    }
    Err(fail(format!(
        "no alternative is complete: given {}, but an alternative is {options}",
        present
            .iter()
            .map(|name| format!("`{name}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// Keeps a member the spec does not describe, as serde_json would read it.
#[inline(never)]
pub(crate) fn keep(
    extra: &mut BTreeMap<String, serde_json::Value>,
    name: &str,
    value: &Json<'_>,
) -> Result<(), Message> {
    let value = at(crate::json::deserialize_from(value), name)?;
    extra.insert(name.to_owned(), value);
    Ok(())
}

/// A scalar as the wire helpers' conversions take it: a number as serde_json would hand it
/// over, except that one whose text an `f64` would change (`1.10`) stays its text.
pub(crate) fn scalar(json: &Json<'_>) -> Result<Raw, Message> {
    Ok(match json {
        Json::Null => Raw::Null,
        Json::Bool(b) => Raw::Bool(*b),
        Json::Number(text) => number(text),
        Json::String(s) => Raw::Str(s.to_string()),
        other => return Err(invalid_type(other, "a string, a number, a boolean or null")),
    })
}

/// A number as the exact-JSON deserializer hands it to the serde helpers.
fn number(text: &str) -> Raw {
    match crate::json::exact_number(text) {
        Exact::I64(i) => Raw::Int(i),
        Exact::U64(u) => Raw::UInt(u),
        Exact::F64(f) => Raw::Float(f),
        Exact::Text(text) => Raw::Number(text.to_owned()),
    }
}

/// `read` of a scalar helper: the scalar through its conversion.
#[inline]
pub(crate) fn convert<T>(
    json: &Json<'_>,
    conversion: fn(Raw) -> Result<T, String>,
) -> Result<T, Message> {
    conversion(scalar(json)?).map_err(fail)
}

/// `read` of an optional scalar helper: `null`, and a blank string where `blank_is_none`,
/// are `None`.
#[inline]
pub(crate) fn convert_opt<T>(
    json: &Json<'_>,
    conversion: fn(Raw) -> Result<T, String>,
    blank_is_none: bool,
) -> Result<Option<T>, Message> {
    let raw = scalar(json)?;
    if raw == Raw::Null || (blank_is_none && raw.is_blank()) {
        return Ok(None);
    }
    conversion(raw).map(Some).map_err(fail)
}

/// `read` of a list helper: an array of scalars, each through `conversion` as the serde
/// helper converts them (`null` items refused, a failing item named in the message).
pub(crate) fn list<T>(
    json: &Json<'_>,
    conversion: fn(Raw) -> Result<T, String>,
) -> Result<Vec<T>, Message> {
    let raws = array(json)?
        .iter()
        .enumerate()
        .map(|(i, item)| scalar(item).map_err(|e| e.in_item(i)))
        .collect::<Result<Vec<Raw>, Message>>()?;
    crate::wire::list::items(raws, conversion).map_err(fail)
}

/// `read` of an optional list helper: `null` is `None`.
pub(crate) fn list_opt<T>(
    json: &Json<'_>,
    conversion: fn(Raw) -> Result<T, String>,
) -> Result<Option<Vec<T>>, Message> {
    match json {
        Json::Null => Ok(None),
        other => list(other, conversion).map(Some),
    }
}

#[cfg(test)]
mod tests;
