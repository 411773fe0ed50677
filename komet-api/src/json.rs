//! JSON exactly as it travels: numbers kept as their text, strings borrowed where possible.
//!
//! `serde_json::Value` (without the `arbitrary_precision` feature, which would change serde_json
//! for every crate of a user's program) holds numbers as `i64`, `u64` or `f64`, so `1.10`
//! becomes `1.1` and a decimal with 28 places loses most of them. The validator and the
//! response decoder work on this tree instead, so what is validated is the text that is sent
//! and what a caller reads is the text Komet sent.

mod de;
mod parse;
mod ser;

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde_json::Value;

pub use de::Message;
#[cfg(test)]
pub(crate) use de::decode;
pub(crate) use de::{DecodeError, Exact, NUMBER_TOKEN, deserialize_from, exact_number};
pub(crate) use parse::{MAX_DEPTH, ParseError, parse};

/// One JSON value, as the client parsed it (not part of the API: it appears only in the
/// hidden method of [`crate::Decode`]).
#[doc(hidden)]
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    /// A number's text, as valid JSON (`-12`, `2.50`, `1e-7`).
    Number(Cow<'a, str>),
    String(Cow<'a, str>),
    Array(Vec<Json<'a>>),
    Object(Object<'a>),
}

/// An object's members in the order they were written (names are unique).
#[doc(hidden)]
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Object<'a>(Vec<(Cow<'a, str>, Json<'a>)>);

impl<'a> Object<'a> {
    /// The member called `name`.
    pub(crate) fn get(&self, name: &str) -> Option<&Json<'a>> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// Members in order, as (name, value) pairs.
    pub(crate) fn members(&self) -> &[(Cow<'a, str>, Json<'a>)] {
        &self.0
    }

    /// Removes the member called `name`; true if there was one.
    pub(crate) fn remove(&mut self, name: &str) -> bool {
        let before = self.0.len();
        self.0.retain(|(n, _)| n != name);
        self.0.len() != before
    }

    /// Members in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &Json<'a>)> {
        self.0.iter().map(|(n, v)| (n.as_ref(), v))
    }

    pub(crate) fn push(&mut self, name: Cow<'a, str>, value: Json<'a>) {
        self.0.push((name, value));
    }
}

impl<'a> Json<'a> {
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Json::Null)
    }

    pub(crate) fn as_str(&self) -> Option<&str> {
        match self {
            Json::String(s) => Some(s),
            _ => None,
        }
    }

    pub(crate) fn as_object(&self) -> Option<&Object<'a>> {
        match self {
            Json::Object(o) => Some(o),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Json<'a>]> {
        match self {
            Json::Array(items) => Some(items),
            _ => None,
        }
    }

    /// A view of a `serde_json::Value` (numbers as serde_json prints them, which is also the
    /// text serde_json sends). Fails past [`MAX_DEPTH`] levels of nesting.
    pub(crate) fn from_value(value: &'a Value) -> Result<Json<'a>, ParseError> {
        from_value_at(value, 0)
    }

    /// The same value as a `serde_json::Value`, for callers of the by-name API. Numbers that
    /// `serde_json::Number` cannot hold exactly (more digits than an `f64` keeps) are given as
    /// their exact text instead of a rounded number.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::Bool(*b),
            Json::Number(text) => number_value(text),
            Json::String(s) => Value::String(s.to_string()),
            Json::Array(items) => Value::Array(items.iter().map(Json::to_value).collect()),
            Json::Object(object) => Value::Object(
                object
                    .iter()
                    .map(|(name, value)| (name.to_owned(), value.to_value()))
                    .collect(),
            ),
        }
    }
}

fn from_value_at(value: &Value, depth: usize) -> Result<Json<'_>, ParseError> {
    if depth >= MAX_DEPTH {
        return Err(ParseError::too_deep());
    }
    Ok(match value {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Number(n) => Json::Number(Cow::Owned(n.to_string())),
        Value::String(s) => Json::String(Cow::Borrowed(s)),
        Value::Array(items) => Json::Array(
            items
                .iter()
                .map(|item| from_value_at(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(map) => {
            let mut object = Object::default();
            for (name, member) in map {
                object.push(Cow::Borrowed(name), from_value_at(member, depth + 1)?);
            }
            Json::Object(object)
        }
    })
}

/// A `serde_json::Number` when it holds `text` exactly, otherwise the text itself.
fn number_value(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::from(u);
    }
    match text.parse::<f64>() {
        Ok(f) if same_number(text, f) => serde_json::Number::from_f64(f)
            .map(Value::Number)
            .unwrap_or_else(|| Value::String(text.to_owned())),
        _ => Value::String(text.to_owned()),
    }
}

/// Whether `f` is exactly the number `text` writes (not merely the nearest `f64`).
pub(crate) fn same_number(text: &str, f: f64) -> bool {
    use std::str::FromStr;
    let exact = rust_decimal::Decimal::from_str(text)
        .or_else(|_| rust_decimal::Decimal::from_scientific(text));
    let shortest = rust_decimal::Decimal::from_str(&f.to_string());
    matches!((exact, shortest), (Ok(a), Ok(b)) if a == b)
}

impl fmt::Display for Json<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Json::Null => f.write_str("null"),
            Json::Bool(b) => write!(f, "{b}"),
            Json::Number(text) => f.write_str(text),
            Json::String(s) => write_string(f, s),
            Json::Array(items) => {
                f.write_char('[')?;
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        f.write_char(',')?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_char(']')
            }
            Json::Object(object) => write!(f, "{object}"),
        }
    }
}

impl fmt::Display for Object<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_char('{')?;
        for (i, (name, value)) in self.iter().enumerate() {
            if i > 0 {
                f.write_char(',')?;
            }
            write_string(f, name)?;
            write!(f, ":{value}")?;
        }
        f.write_char('}')
    }
}

/// A JSON string literal, escaped as serde_json escapes it.
fn write_string(f: &mut fmt::Formatter<'_>, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            '\u{08}' => f.write_str("\\b")?,
            '\u{0c}' => f.write_str("\\f")?,
            c if c < ' ' => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

#[cfg(test)]
mod tests;
