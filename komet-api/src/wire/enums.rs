//! Enumerations on the wire: known values plus an `Unknown` catch-all in generated code.

use std::fmt;

use serde::Serializer;
use serde::de::{Deserialize, Deserializer, Error};

use super::raw::Raw;
use crate::meta::WireValue;

/// An enumeration value as it travels: a number or a string.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum WireValueOwned {
    /// A number.
    Int(i64),
    /// A string.
    Str(String),
}

impl WireValueOwned {
    /// Lenient comparison with a spec value: `Int(1)` matches `Str("1")` and the reverse.
    pub fn matches(&self, expected: WireValue) -> bool {
        match (self, expected) {
            (WireValueOwned::Int(a), WireValue::Int(b)) => *a == b,
            (WireValueOwned::Str(a), WireValue::Str(b)) => a == b,
            (WireValueOwned::Int(a), WireValue::Str(b)) => b.parse::<i64>().ok() == Some(*a),
            (WireValueOwned::Str(a), WireValue::Int(b)) => a.trim().parse::<i64>().ok() == Some(b),
        }
    }

    /// The number, also when it arrived as numeric text.
    pub fn as_int(&self) -> Option<i64> {
        match self {
            WireValueOwned::Int(i) => Some(*i),
            WireValueOwned::Str(s) => s.trim().parse().ok(),
        }
    }
}

impl From<WireValue> for WireValueOwned {
    fn from(value: WireValue) -> Self {
        match value {
            WireValue::Int(i) => WireValueOwned::Int(i),
            WireValue::Str(s) => WireValueOwned::Str(s.to_owned()),
        }
    }
}

impl fmt::Display for WireValueOwned {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WireValueOwned::Int(i) => write!(f, "{i}"),
            WireValueOwned::Str(s) => f.write_str(s),
        }
    }
}

/// An enumeration with a wire form; generated enums implement it and keep values they do not
/// know in an `Unknown(WireValueOwned)` variant, so a new server value never fails a response.
pub trait WireEnum: Sized {
    /// The variant for a received value (`Unknown` when not a known one). Values arrive
    /// normalized by [`deserialize_enum`]; compare with [`WireValueOwned::matches`] to be
    /// lenient about numbers sent as text and the reverse.
    fn from_wire(value: WireValueOwned) -> Self;

    /// The value to send.
    fn to_wire(&self) -> WireValueOwned;
}

/// Serializes an enumeration as its number or string.
pub fn serialize_enum<E: WireEnum, S: Serializer>(
    value: &E,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value.to_wire() {
        WireValueOwned::Int(i) => serializer.serialize_i64(i),
        WireValueOwned::Str(s) => serializer.serialize_str(&s),
    }
}

/// [`serialize_enum`] for the generated encoders.
pub(crate) fn write_enum(value: WireValueOwned, out: &mut crate::encode::Writer) {
    match value {
        WireValueOwned::Int(i) => out.i64(i),
        WireValueOwned::Str(s) => out.str(&s),
    }
}

/// Deserializes an enumeration from a number or a string.
///
/// Text that is exactly an integer (`"1"`, not `"01"`) is handed over as `Int`, because Komet
/// sends numeric codes both ways; booleans become `Int(1)`/`Int(0)`.
pub fn deserialize_enum<'de, E: WireEnum, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<E, D::Error> {
    wire_value(Raw::deserialize(deserializer)?)
        .map(E::from_wire)
        .map_err(D::Error::custom)
}

/// [`deserialize_enum`] for the generated decoders, from the client's JSON tree.
pub(crate) fn read_enum<E: WireEnum>(
    json: &crate::json::Json<'_>,
) -> Result<E, crate::json::Message> {
    crate::decode::convert(json, wire_value).map(E::from_wire)
}

/// The value an enumeration is chosen by, normalized as [`deserialize_enum`] describes.
fn wire_value(raw: Raw) -> Result<WireValueOwned, String> {
    Ok(match raw {
        Raw::Int(i) => WireValueOwned::Int(i),
        Raw::UInt(u) => i64::try_from(u)
            .map(WireValueOwned::Int)
            .unwrap_or_else(|_| WireValueOwned::Str(u.to_string())),
        Raw::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => WireValueOwned::Int(f as i64),
        Raw::Float(f) => WireValueOwned::Str(f.to_string()),
        Raw::Number(text) => match super::raw::whole_number(&text) {
            Some(i) => WireValueOwned::Int(i),
            None => WireValueOwned::Str(text),
        },
        Raw::Bool(b) => WireValueOwned::Int(i64::from(b)),
        Raw::Str(s) => match s.parse::<i64>() {
            Ok(i) if i.to_string() == s => WireValueOwned::Int(i),
            _ => WireValueOwned::Str(s),
        },
        Raw::Null => return Err("invalid value null, expected an enumeration value".to_owned()),
    })
}
