//! Arrays of scalars (`list:integer`, `list:date`, ...): each item is read with the same
//! leniency as a single field of its type (`"595"` is the integer 595) and written in its
//! wire form. A plain `Vec<i64>` would refuse a numeric string that the validator accepts.

use serde::Deserialize;
use serde::de::{Deserializer, Error as _};

use super::raw::Raw;

/// Reads an array, each item through `read_item`; `null` items are refused.
pub(super) fn read<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    read_item: fn(Raw) -> Result<T, String>,
) -> Result<Vec<T>, D::Error> {
    items(Vec::<Raw>::deserialize(deserializer)?, read_item).map_err(D::Error::custom)
}

/// Reads `null` as `None`, an array as [`read`] does.
pub(super) fn read_opt<'de, T, D: Deserializer<'de>>(
    deserializer: D,
    read_item: fn(Raw) -> Result<T, String>,
) -> Result<Option<Vec<T>>, D::Error> {
    match Option::<Vec<Raw>>::deserialize(deserializer)? {
        None => Ok(None),
        Some(raws) => items(raws, read_item).map(Some).map_err(D::Error::custom),
    }
}

/// Each item through `read_item`, naming the first that fails by its index.
pub(crate) fn items<T>(
    raws: Vec<Raw>,
    read_item: fn(Raw) -> Result<T, String>,
) -> Result<Vec<T>, String> {
    raws.into_iter()
        .enumerate()
        .map(|(i, raw)| read_item(raw).map_err(|e| format!("item {i}: {e}")))
        .collect()
}

/// Defines `$plain` (`Vec<T>`) and `$opt` (`Option<Vec<T>>`) list helpers from a scalar's
/// serializer and lenient conversion.
macro_rules! list_helpers {
    ($(#[$doc:meta])* $plain:ident, $opt:ident, $ty:ty, $ser:path, $write:path, $conv:path) => {
        $(#[$doc])*
        pub mod $plain {
            use serde::{Deserializer, Serialize, Serializer};

            struct Item<'a>(&'a $ty);

            impl Serialize for Item<'_> {
                fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                    $ser(self.0, serializer)
                }
            }

            /// Writes each item in its wire form.
            pub fn serialize<S: Serializer>(items: &[$ty], serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_seq(items.iter().map(Item))
            }

            /// Reads an array, each item as a single field of its type is read.
            pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<$ty>, D::Error> {
                super::list::read(deserializer, $conv)
            }

            /// [`deserialize`] for the generated decoders, from the client's JSON tree.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn read(
                json: &crate::json::Json<'_>,
            ) -> Result<Vec<$ty>, crate::json::Message> {
                crate::decode::list(json, $conv)
            }

            /// [`serialize`] for the generated encoders: an array, each item in its wire form.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn write(items: &[$ty], out: &mut crate::encode::Writer) {
                out.array(items, $write);
            }
        }

        $(#[$doc])*
        ///
        /// Optional form: `null` is `None`.
        pub mod $opt {
            use serde::{Deserializer, Serializer};

            /// Writes `Some` as the plain helper does and `None` as `null`.
            pub fn serialize<S: Serializer>(
                items: &Option<Vec<$ty>>,
                serializer: S,
            ) -> Result<S::Ok, S::Error> {
                match items {
                    Some(items) => super::$plain::serialize(items, serializer),
                    None => serializer.serialize_none(),
                }
            }

            /// Reads `null` as `None`, an array as the plain helper does.
            pub fn deserialize<'de, D: Deserializer<'de>>(
                deserializer: D,
            ) -> Result<Option<Vec<$ty>>, D::Error> {
                super::list::read_opt(deserializer, $conv)
            }

            /// [`deserialize`] for the generated decoders, from the client's JSON tree.
            #[allow(dead_code)] // a helper may have no field in today's spec
            pub(crate) fn read(
                json: &crate::json::Json<'_>,
            ) -> Result<Option<Vec<$ty>>, crate::json::Message> {
                crate::decode::list_opt(json, $conv)
            }
        }
    };
}

pub(super) use list_helpers;
