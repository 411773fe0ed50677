//! Typed values written as Komet's JSON, without serde's derived serializers.
//!
//! Every generated type implements [`Encode`] with a generated, non-generic function that
//! writes its members in field order through the wire helpers' `write` functions
//! (`wire::flag::write`, `wire::decimal::write`, ...) into one [`Writer`]. Nothing is
//! instantiated per type and serializer, which is where a derived `Serialize` spends its
//! compile time; the client, the validator and the registry write requests through it.
//!
//! The generated types still implement serde's `Serialize`, for callers who write them with
//! serde_json or any other format: [`serialize`] writes the JSON, reads it back into the exact
//! tree, and hands the tree to the serializer (one instantiation per serializer, shared by
//! every type). A number keeps its text: an integer goes as an integer, a decimal as a raw
//! JSON number with its digits.

use std::collections::BTreeMap;

use serde::ser::Error as _;

use crate::decode::Serde;

/// A type the client writes as Komet's JSON: members in field order, each in its wire form
/// (`1`/`0` flags, decimals with their exact digits, dates as `YYYY-MM-DD`), absent optional
/// members left out.
///
/// Every generated request and response type implements it, as do `serde_json::Value` and
/// [`Serde`] (any `Serialize` type, through serde_json). Its method is not part of the API.
pub trait Encode {
    /// Writes the value as one JSON value.
    #[doc(hidden)]
    fn encode_json(&self, out: &mut Writer);
}

/// Compact JSON under construction (not part of the API: it appears only in the hidden
/// method of [`Encode`]).
///
/// Separators are the writer's business: [`Writer::member`] and [`Writer::item`] put a comma
/// before every value of a container but the first.
#[doc(hidden)]
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
    /// A value has just ended, so the next member or item needs a comma first.
    comma: bool,
    /// The first failure of a value that cannot be written (only caller types can fail).
    error: Option<String>,
}

impl Writer {
    /// An empty writer with room for `capacity` bytes.
    pub(crate) fn with_capacity(capacity: usize) -> Writer {
        Writer {
            out: Vec::with_capacity(capacity),
            comma: false,
            error: None,
        }
    }

    /// The JSON written, or why it could not be.
    pub(crate) fn finish(self) -> Result<Vec<u8>, String> {
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.out),
        }
    }

    pub fn begin_object(&mut self) {
        self.out.push(b'{');
        self.comma = false;
    }

    pub fn end_object(&mut self) {
        self.out.push(b'}');
        self.comma = true;
    }

    pub fn begin_array(&mut self) {
        self.out.push(b'[');
        self.comma = false;
    }

    pub fn end_array(&mut self) {
        self.out.push(b']');
        self.comma = true;
    }

    /// Starts the member `name` of the object being written; its value comes next.
    pub fn member(&mut self, name: &str) {
        self.separate();
        self.string_literal(name);
        self.out.push(b':');
    }

    /// Starts an item of the array being written; its value comes next.
    pub fn item(&mut self) {
        self.separate();
    }

    /// An array of `items`, each written by `write`.
    pub fn array<T>(&mut self, items: &[T], write: impl Fn(&T, &mut Writer)) {
        self.begin_array();
        for item in items {
            self.item();
            write(item, self);
        }
        self.end_array();
    }

    pub fn null(&mut self) {
        self.value_bytes(b"null");
    }

    pub fn bool(&mut self, value: bool) {
        self.value_bytes(if value { b"true" } else { b"false" });
    }

    pub fn i64(&mut self, value: i64) {
        let mut digits = itoa::Buffer::new();
        self.value_bytes(digits.format(value).as_bytes());
    }

    /// A decimal as a JSON number with its exact digits (`Decimal`'s text has no exponent).
    pub fn decimal(&mut self, value: &rust_decimal::Decimal) {
        use std::io::Write as _;
        // Writing into a Vec cannot fail.
        let _ = write!(self.out, "{value}");
        self.comma = true;
    }

    /// A number whose text is already valid JSON (a document number kept as it came).
    pub fn number_text(&mut self, text: &str) {
        self.value_bytes(text.as_bytes());
    }

    pub fn str(&mut self, value: &str) {
        self.string_literal(value);
        self.comma = true;
    }

    /// Text written by `fmt::Display` (dates), as a JSON string.
    pub fn display(&mut self, value: impl std::fmt::Display) {
        self.str(&value.to_string());
    }

    /// Any serde value, written by serde_json (a caller's own type, `extra` members).
    pub fn serde<T: serde::Serialize + ?Sized>(&mut self, value: &T) {
        if let Err(e) = serde_json::to_writer(&mut self.out, value) {
            self.error.get_or_insert_with(|| e.to_string());
        }
        self.comma = true;
    }

    fn separate(&mut self) {
        if self.comma {
            self.out.push(b',');
            self.comma = false;
        }
    }

    fn value_bytes(&mut self, bytes: &[u8]) {
        self.out.extend_from_slice(bytes);
        self.comma = true;
    }

    /// `text` as a JSON string, escaped as serde_json escapes it (`\n`, `\"`, `\u001f`).
    fn string_literal(&mut self, text: &str) {
        self.out.push(b'"');
        let bytes = text.as_bytes();
        let mut start = 0;
        for (i, &byte) in bytes.iter().enumerate() {
            let escape: &[u8] = match byte {
                b'"' => b"\\\"",
                b'\\' => b"\\\\",
                b'\n' => b"\\n",
                b'\r' => b"\\r",
                b'\t' => b"\\t",
                0x08 => b"\\b",
                0x0c => b"\\f",
                0x00..=0x1f => b"",
                _ => continue,
            };
            self.out.extend_from_slice(&bytes[start..i]);
            if escape.is_empty() {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                self.out.extend_from_slice(b"\\u00");
                self.out.push(HEX[usize::from(byte >> 4)]);
                self.out.push(HEX[usize::from(byte & 0x0f)]);
            } else {
                self.out.extend_from_slice(escape);
            }
            start = i + 1;
        }
        self.out.extend_from_slice(&bytes[start..]);
        self.out.push(b'"');
    }
}

/// `value`'s JSON text, as the client sends it.
pub(crate) fn to_vec(value: &dyn Encode) -> Result<Vec<u8>, String> {
    let mut out = Writer::with_capacity(256);
    value.encode_json(&mut out);
    out.finish()
}

/// serde's `Serialize` for a type with a generated encoder: its JSON, read back into the exact
/// tree, handed to `serializer`.
pub fn serialize<S: serde::Serializer>(
    value: &dyn Encode,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let bytes = to_vec(value).map_err(S::Error::custom)?;
    let tree = crate::json::parse(&bytes).map_err(S::Error::custom)?;
    serde::Serialize::serialize(&tree, serializer)
}

/// A type of the caller's, written by its own serde `Serialize` through serde_json.
impl<T: serde::Serialize> Encode for Serde<T> {
    fn encode_json(&self, out: &mut Writer) {
        out.serde(&self.0);
    }
}

impl Encode for serde_json::Value {
    fn encode_json(&self, out: &mut Writer) {
        out.serde(self);
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode_json(&self, out: &mut Writer) {
        (**self).encode_json(out);
    }
}

/// `None` is `null`.
impl<T: Encode> Encode for Option<T> {
    fn encode_json(&self, out: &mut Writer) {
        match self {
            Some(value) => value.encode_json(out),
            None => out.null(),
        }
    }
}

impl<T: Encode> Encode for [T] {
    fn encode_json(&self, out: &mut Writer) {
        out.array(self, T::encode_json);
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode_json(&self, out: &mut Writer) {
        self.as_slice().encode_json(out);
    }
}

/// An object with one member per key, in key order.
impl<T: Encode> Encode for BTreeMap<String, T> {
    fn encode_json(&self, out: &mut Writer) {
        out.begin_object();
        for (name, value) in self {
            out.member(name);
            value.encode_json(out);
        }
        out.end_object();
    }
}

#[cfg(test)]
mod tests;
