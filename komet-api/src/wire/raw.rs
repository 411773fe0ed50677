//! A scalar as the server sent it, and lenient conversions to the types the API means.

use std::fmt;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::de::{self, Deserialize, Deserializer, Visitor};

use crate::json::NUMBER_TOKEN;

/// Any JSON scalar, read with `deserialize_any` so it also works inside buffered
/// (flattened or untagged) content.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(f64),
    /// A number whose text an `f64` would change (`1.10`, 28 decimal places), as sent.
    Number(String),
    Str(String),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string, a number, a boolean or null")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::UInt(v))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }

    /// The exact-number form of [`crate::json`]'s decoder: `{NUMBER_TOKEN: "<text>"}`.
    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let key: Option<String> = map.next_key()?;
        match key.as_deref() {
            Some(NUMBER_TOKEN) => {
                let text: String = map.next_value()?;
                Ok(Raw::Number(text))
            }
            _ => Err(de::Error::invalid_type(de::Unexpected::Map, &self)),
        }
    }
}

impl fmt::Display for Raw {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Raw::Null => f.write_str("null"),
            Raw::Bool(b) => write!(f, "{b}"),
            Raw::Int(i) => write!(f, "{i}"),
            Raw::UInt(u) => write!(f, "{u}"),
            Raw::Float(x) => write!(f, "{x}"),
            Raw::Number(text) => f.write_str(text),
            Raw::Str(s) => write!(f, "{s:?}"),
        }
    }
}

impl Raw {
    /// True for `""` (or blanks), which optional fields read as absent.
    pub(crate) fn is_blank(&self) -> bool {
        matches!(self, Raw::Str(s) if s.trim().is_empty())
    }
}

fn unexpected(raw: &Raw, expected: &str) -> String {
    format!("invalid value {raw}, expected {expected}")
}

/// `1`/`0`, `"1"`/`"0"`, `true`/`false` (also as text).
pub(crate) fn to_bool(raw: Raw) -> Result<bool, String> {
    match &raw {
        Raw::Bool(b) => Ok(*b),
        Raw::Int(0) | Raw::UInt(0) => Ok(false),
        Raw::Int(1) | Raw::UInt(1) => Ok(true),
        Raw::Str(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Ok(true),
            "0" | "false" => Ok(false),
            _ => Err(unexpected(&raw, "1, 0, true or false")),
        },
        _ => Err(unexpected(&raw, "1, 0, true or false")),
    }
}

/// A whole number, as a number or as text.
pub(crate) fn to_i64(raw: Raw) -> Result<i64, String> {
    let expected = "a whole number";
    match &raw {
        Raw::Int(i) => Ok(*i),
        Raw::UInt(u) => i64::try_from(*u).map_err(|_| unexpected(&raw, expected)),
        // A float with no fraction, within range, is still a whole number.
        Raw::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => Ok(*f as i64),
        Raw::Number(text) => whole_number(text).ok_or_else(|| unexpected(&raw, expected)),
        Raw::Str(s) => s.trim().parse().map_err(|_| unexpected(&raw, expected)),
        _ => Err(unexpected(&raw, expected)),
    }
}

/// A number written with a fraction or an exponent that is still whole (`5.0`, `1e3`).
pub(crate) fn whole_number(text: &str) -> Option<i64> {
    let exact = Decimal::from_str(text)
        .or_else(|_| Decimal::from_scientific(text))
        .ok()?;
    if exact.fract().is_zero() {
        i64::try_from(exact).ok()
    } else {
        None
    }
}

/// Text; numbers and booleans become their text, so ids sent as numbers still decode.
pub(crate) fn to_text(raw: Raw) -> Result<String, String> {
    match raw {
        Raw::Str(s) => Ok(s),
        Raw::Int(i) => Ok(i.to_string()),
        Raw::UInt(u) => Ok(u.to_string()),
        Raw::Float(f) => Ok(f.to_string()),
        Raw::Number(text) => Ok(text),
        Raw::Bool(b) => Ok(b.to_string()),
        Raw::Null => Err(unexpected(&raw, "a string")),
    }
}

/// An exact decimal from a number or numeric text.
pub(crate) fn to_decimal(raw: Raw) -> Result<Decimal, String> {
    let expected = "a decimal number";
    let parse = |text: &str| {
        Decimal::from_str(text)
            .or_else(|_| Decimal::from_scientific(text))
            .map_err(|_| unexpected(&raw, expected))
    };
    match &raw {
        Raw::Int(i) => Ok(Decimal::from(*i)),
        Raw::UInt(u) => Ok(Decimal::from(*u)),
        // Rust prints the shortest text that reads back as the same f64, without exponent,
        // which is the decimal the server wrote for any realistic amount.
        Raw::Float(f) if f.is_finite() => parse(&f.to_string()),
        Raw::Number(text) => parse(text),
        Raw::Str(s) => parse(s.trim()),
        _ => Err(unexpected(&raw, expected)),
    }
}

/// `YYYY-MM-DD`, ignoring a trailing time part (`T...` or ` ...`).
pub(crate) fn to_date(raw: Raw) -> Result<NaiveDate, String> {
    let Raw::Str(s) = &raw else {
        return Err(unexpected(&raw, "a date YYYY-MM-DD"));
    };
    let s = s.trim();
    let day = match s.as_bytes().get(10) {
        Some(b'T' | b' ') => &s[..10],
        _ => s,
    };
    NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| unexpected(&raw, "a date YYYY-MM-DD"))
}

/// `YYYY-MM-DD HH:MM:SS`, also with `T`, fractional seconds, a UTC offset, or no time.
pub(crate) fn to_datetime(raw: Raw) -> Result<NaiveDateTime, String> {
    let expected = "a date and time YYYY-MM-DD HH:MM:SS";
    let Raw::Str(s) = &raw else {
        return Err(unexpected(&raw, expected));
    };
    let s = s.trim();
    // `Z` means UTC, which naive times already are.
    let bare = s.strip_suffix('Z').unwrap_or(s);
    for format in [
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(bare, format) {
            return Ok(dt);
        }
    }
    if let Ok(dt) = DateTime::parse_from_rfc3339(s) {
        return Ok(dt.naive_utc());
    }
    match NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        Ok(day) => Ok(day.and_time(chrono::NaiveTime::MIN)),
        Err(_) => Err(unexpected(&raw, expected)),
    }
}
