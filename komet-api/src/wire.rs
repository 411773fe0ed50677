//! Serde helpers for the Komet wire format, used by generated code through
//! `#[serde(with = "crate::wire::...")]`.
//!
//! Komet writes booleans as `1`/`0`, numbers sometimes as text and ids sometimes as numbers.
//! Every helper serializes the documented form and decodes every form seen in practice.
//! Decoding goes through `deserialize_any`, so the helpers also work inside flattened and
//! untagged types. The `_opt` variants read `null` as `None` (and `""` too, except for text);
//! use them with `#[serde(default, skip_serializing_if = "Option::is_none", with = "...")]`.

pub mod csv;
mod enums;
pub mod id;
pub(crate) mod list;
pub(crate) mod raw;
mod text;

pub use csv::CsvItem;
/// `Option<Vec<T>>` of a comma-separated list; see [`csv`].
pub use csv::opt as csv_opt;
pub use enums::{WireEnum, WireValueOwned, deserialize_enum, serialize_enum};
pub(crate) use enums::{read_enum, write_enum};
pub(crate) use id::id_type;
/// `Vec` of ids and its `Option` twin, and `Option` of one id; see [`id`].
pub use id::{list as id_list, list_opt as id_list_opt, opt as id_opt};
pub use text::DocText;
pub(crate) use text::text_type;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::Serializer;

/// Defines a helper module for `T` and its `Option<T>` twin from a serializer and a lenient
/// conversion. `$blank_is_none` says whether an optional field reads `""` as absent.
macro_rules! wire_helpers {
    (
        $(#[$doc:meta])*
        $plain:ident, $opt:ident, $ty:ty, $ser:path, $write:path, $conv:path, $blank_is_none:expr
    ) => {
        $(#[$doc])*
        pub mod $plain {
            use serde::de::{Deserialize, Deserializer, Error};
            use serde::Serializer;

            /// Writes the value in its wire form.
            pub fn serialize<S: Serializer>(value: &$ty, serializer: S) -> Result<S::Ok, S::Error> {
                $ser(value, serializer)
            }

            /// Reads any of the value's accepted wire forms.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<$ty, D::Error> {
                $conv(super::raw::Raw::deserialize(deserializer)?).map_err(D::Error::custom)
            }

            /// [`deserialize`] for the generated decoders, from the client's JSON tree.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn read(json: &crate::json::Json<'_>) -> Result<$ty, crate::json::Message> {
                crate::decode::convert(json, $conv)
            }

            /// [`serialize`] for the generated encoders: the same wire form, into the writer.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn write(value: &$ty, out: &mut crate::encode::Writer) {
                $write(value, out)
            }
        }

        $(#[$doc])*
        ///
        /// Optional form: `null` (and a blank string where noted in the module docs) is `None`.
        pub mod $opt {
            use serde::de::{Deserialize, Deserializer, Error};
            use serde::Serializer;

            /// Writes `Some` in its wire form and `None` as `null`.
            pub fn serialize<S: Serializer>(
                value: &Option<$ty>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match value {
                    Some(v) => $ser(v, serializer),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads `null` as `None`, anything else as for the plain helper.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<$ty>, D::Error> {
                let raw = super::raw::Raw::deserialize(deserializer)?;
                if raw == super::raw::Raw::Null || ($blank_is_none && raw.is_blank()) {
                    return Ok(None);
                }
                $conv(raw).map(Some).map_err(D::Error::custom)
            }

            /// [`deserialize`] for the generated decoders, from the client's JSON tree.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn read(
                json: &crate::json::Json<'_>,
            ) -> Result<Option<$ty>, crate::json::Message> {
                crate::decode::convert_opt(json, $conv, $blank_is_none)
            }
        }
    };
}

wire_helpers!(
    /// `bool` sent as `1`/`0`; reads `1`/`0`, `"1"`/`"0"` and `true`/`false`.
    flag, flag_opt, bool, super::ser_flag, super::write_flag, super::raw::to_bool, true
);
wire_helpers!(
    /// `bool` sent as JSON `true`/`false`; also reads `1`/`0` and text forms.
    boolean, boolean_opt, bool, super::ser_bool, super::write_bool, super::raw::to_bool, true
);
wire_helpers!(
    /// `i64` sent as a number; reads numbers and numeric text (`""` is `None` when optional).
    int, int_opt, i64, super::ser_int, super::write_int, super::raw::to_i64, true
);
wire_helpers!(
    /// `String` sent as text; also reads numbers, so ids that arrive as numbers still decode.
    string, string_opt, String, super::ser_string, super::write_string, super::raw::to_text, false
);
wire_helpers!(
    /// `Decimal` sent as a JSON number with its exact digits (`2.50` stays `2.50`); reads
    /// numbers and numeric text. Never goes through `f64` when serializing.
    decimal, decimal_opt, rust_decimal::Decimal, super::ser_decimal, super::write_decimal, super::raw::to_decimal, true
);
wire_helpers!(
    /// `NaiveDate` sent as `YYYY-MM-DD`; also reads a trailing time part.
    date, date_opt, chrono::NaiveDate, super::ser_date, super::write_date, super::raw::to_date, true
);
wire_helpers!(
    /// `NaiveDateTime` (UTC) sent as `YYYY-MM-DD HH:MM:SS`; also reads a `T` separator,
    /// fractional seconds and UTC offsets.
    datetime, datetime_opt, chrono::NaiveDateTime, super::ser_datetime, super::write_datetime, super::raw::to_datetime, true
);

list::list_helpers!(
    /// `Vec<i64>`: numbers, or numeric text, per item.
    int_list, int_list_opt, i64, super::ser_int, super::write_int, super::raw::to_i64
);
list::list_helpers!(
    /// `Vec<String>`: text per item; numbers read as their text.
    string_list, string_list_opt, String, super::ser_string, super::write_string, super::raw::to_text
);
list::list_helpers!(
    /// `Vec<Decimal>`: exact decimals per item.
    decimal_list, decimal_list_opt, rust_decimal::Decimal, super::ser_decimal, super::write_decimal, super::raw::to_decimal
);
list::list_helpers!(
    /// `Vec<NaiveDate>`: `YYYY-MM-DD` per item.
    date_list, date_list_opt, chrono::NaiveDate, super::ser_date, super::write_date, super::raw::to_date
);
list::list_helpers!(
    /// `Vec<NaiveDateTime>`: `YYYY-MM-DD HH:MM:SS` per item.
    datetime_list, datetime_list_opt, chrono::NaiveDateTime, super::ser_datetime, super::write_datetime, super::raw::to_datetime
);
list::list_helpers!(
    /// `Vec<bool>` of flags: `1`/`0` per item.
    flag_list, flag_list_opt, bool, super::ser_flag, super::write_flag, super::raw::to_bool
);
list::list_helpers!(
    /// `Vec<bool>`: JSON booleans per item.
    boolean_list, boolean_list_opt, bool, super::ser_bool, super::write_bool, super::raw::to_bool
);

fn write_flag(value: &bool, out: &mut crate::encode::Writer) {
    out.i64(i64::from(*value));
}

fn write_bool(value: &bool, out: &mut crate::encode::Writer) {
    out.bool(*value);
}

fn write_int(value: &i64, out: &mut crate::encode::Writer) {
    out.i64(*value);
}

// The macros hand every writer a reference to the field's type.
#[allow(clippy::ptr_arg)]
fn write_string(value: &String, out: &mut crate::encode::Writer) {
    out.str(value);
}

fn write_decimal(value: &Decimal, out: &mut crate::encode::Writer) {
    out.decimal(value);
}

fn write_date(value: &NaiveDate, out: &mut crate::encode::Writer) {
    out.display(value.format("%Y-%m-%d"));
}

fn write_datetime(value: &NaiveDateTime, out: &mut crate::encode::Writer) {
    out.display(value.format("%Y-%m-%d %H:%M:%S"));
}

fn ser_flag<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_u8(u8::from(*value))
}

fn ser_bool<S: Serializer>(value: &bool, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_bool(*value)
}

fn ser_int<S: Serializer>(value: &i64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(*value)
}

// The macro hands every serializer a reference to the field's type.
#[allow(clippy::ptr_arg)]
fn ser_string<S: Serializer>(value: &String, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value)
}

fn ser_decimal<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::{Error, Serialize};
    // A raw JSON number keeps the exact digits; `Decimal`'s text never has an exponent.
    let raw =
        serde_json::value::RawValue::from_string(value.to_string()).map_err(S::Error::custom)?;
    raw.serialize(serializer)
}

fn ser_date<S: Serializer>(value: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&value.format("%Y-%m-%d"))
}

fn ser_datetime<S: Serializer>(value: &NaiveDateTime, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(&value.format("%Y-%m-%d %H:%M:%S"))
}

#[cfg(test)]
mod tests;
