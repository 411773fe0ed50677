//! Entity ids: `customerId`, `carrierId`, `poItemId`, ... Komet numbers each record with a
//! whole number, and every kind of record gets its own newtype over `i64` (generated with
//! `id_type!` in `common.rs`), so a customer id cannot be passed where a carrier id belongs.
//!
//! On the wire an id is exactly an integer field: written as a JSON number and read as
//! leniently as [`int`](super::int) reads (a number or numeric text). The functions of this
//! module are the `#[serde(with = "crate::wire::id")]` helpers of generated id fields; they
//! are generic over the id type, so each id type instantiates them once, whatever the number
//! of fields that hold it.

use serde::{Deserializer, Serializer};

/// What the wire helpers need of an id type: its number, read without `Into<i64>`. An id has
/// no `Into<i64>` on purpose: the setters of counts and amounts take `impl Into<i64>`, and an
/// id passed there must not compile.
pub trait EntityId: Copy + From<i64> {
    /// The number on the wire.
    fn number(self) -> i64;
}

/// Writes the id as a JSON number.
pub fn serialize<T: EntityId, S: Serializer>(id: &T, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_i64(id.number())
}

/// Reads an id as [`int`](super::int) reads an integer: a number or numeric text.
pub fn deserialize<'de, T: From<i64>, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    super::int::deserialize(deserializer).map(T::from)
}

/// [`deserialize`] for the generated decoders, from the client's JSON tree.
#[allow(dead_code)] // a helper may have no field in today's spec
pub(crate) fn read<T: From<i64>>(json: &crate::json::Json<'_>) -> Result<T, crate::json::Message> {
    super::int::read(json).map(T::from)
}

/// [`serialize`] for the generated encoders.
#[allow(dead_code)] // a helper may have no field in today's spec
pub(crate) fn write<T: EntityId>(id: &T, out: &mut crate::encode::Writer) {
    out.i64(id.number());
}

/// `Option` of an id, as [`int_opt`](super::int_opt): `null` and `""` are `None`.
pub mod opt {
    use super::EntityId;
    use serde::{Deserializer, Serializer};

    /// Writes `Some` as a JSON number and `None` as `null`.
    pub fn serialize<T: EntityId, S: Serializer>(
        id: &Option<T>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        super::super::int_opt::serialize(&id.map(super::EntityId::number), serializer)
    }

    /// Reads `null` and `""` as `None`, anything else as a plain id.
    pub fn deserialize<'de, T: From<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<T>, D::Error> {
        Ok(super::super::int_opt::deserialize(deserializer)?.map(T::from))
    }

    /// [`deserialize`] for the generated decoders, from the client's JSON tree.
    #[allow(dead_code)] // a helper may have no field in today's spec
    pub(crate) fn read<T: From<i64>>(
        json: &crate::json::Json<'_>,
    ) -> Result<Option<T>, crate::json::Message> {
        Ok(super::super::int_opt::read(json)?.map(T::from))
    }
}

/// `Vec` of ids (`list:id:Name`), each item read as [`int_list`](super::int_list) reads it.
pub mod list {
    use super::EntityId;
    use serde::{Deserializer, Serializer};

    /// Writes a JSON array of numbers.
    pub fn serialize<T: EntityId, S: Serializer>(
        ids: &[T],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(ids.iter().map(|id| id.number()))
    }

    /// Reads an array whose items are numbers or numeric text.
    pub fn deserialize<'de, T: From<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<T>, D::Error> {
        let ids = super::super::int_list::deserialize(deserializer)?;
        Ok(ids.into_iter().map(T::from).collect())
    }

    /// [`deserialize`] for the generated decoders, from the client's JSON tree.
    #[allow(dead_code)] // a helper may have no field in today's spec
    pub(crate) fn read<T: From<i64>>(
        json: &crate::json::Json<'_>,
    ) -> Result<Vec<T>, crate::json::Message> {
        let ids = super::super::int_list::read(json)?;
        Ok(ids.into_iter().map(T::from).collect())
    }

    /// [`serialize`] for the generated encoders.
    #[allow(dead_code)] // a helper may have no field in today's spec
    pub(crate) fn write<T: EntityId>(ids: &[T], out: &mut crate::encode::Writer) {
        out.array(ids, super::write);
    }
}

/// `Option<Vec<..>>` of ids: `null` is `None`.
pub mod list_opt {
    use super::EntityId;
    use serde::{Deserializer, Serializer};

    /// Writes `Some` as an array of numbers and `None` as `null`.
    pub fn serialize<T: EntityId, S: Serializer>(
        ids: &Option<Vec<T>>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match ids {
            Some(ids) => super::list::serialize(ids, serializer),
            None => serializer.serialize_none(),
        }
    }

    /// Reads `null` as `None`, an array as [`list`](super::list) does.
    pub fn deserialize<'de, T: From<i64>, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Vec<T>>, D::Error> {
        let ids = super::super::int_list_opt::deserialize(deserializer)?;
        Ok(ids.map(|ids| ids.into_iter().map(T::from).collect()))
    }

    /// [`deserialize`] for the generated decoders, from the client's JSON tree.
    #[allow(dead_code)] // a helper may have no field in today's spec
    pub(crate) fn read<T: From<i64>>(
        json: &crate::json::Json<'_>,
    ) -> Result<Option<Vec<T>>, crate::json::Message> {
        let ids = super::super::int_list_opt::read(json)?;
        Ok(ids.map(|ids| ids.into_iter().map(T::from).collect()))
    }
}

/// Reads an id from text (`"595"`, surrounding blanks ignored), as `FromStr` of every id does.
pub fn parse(text: &str) -> Result<i64, std::num::ParseIntError> {
    text.trim().parse()
}

/// Declares an entity-id newtype over `i64`: built from a number (`CustomerId::from(7122)`, or
/// `7122.into()` where a `CustomerId` is expected), sent as a JSON number, read as leniently
/// as an integer field, shown as its number.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// An id of its own type, so it cannot be confused with another kind of id: build it
        /// from a number (`7122.into()`, `From<i64>`), read the number back with `get()`. It
        /// travels as a JSON number and is read from a number or numeric text. A bare literal
        /// is read as an `i32`, so one beyond 2147483647 needs its type:
        /// `3_000_000_000_i64.into()`.
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
        pub struct $name(i64);

        impl $name {
            /// The id with this number.
            pub const fn new(id: i64) -> Self {
                $name(id)
            }

            /// The number.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(id: i64) -> Self {
                $name(id)
            }
        }

        impl From<i32> for $name {
            fn from(id: i32) -> Self {
                $name(i64::from(id))
            }
        }

        impl From<u32> for $name {
            fn from(id: u32) -> Self {
                $name(i64::from(id))
            }
        }

        impl $crate::wire::id::EntityId for $name {
            fn number(self) -> i64 {
                self.0
            }
        }

        impl PartialEq<i64> for $name {
            fn eq(&self, other: &i64) -> bool {
                self.0 == *other
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $crate::wire::id::parse(text).map($name)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.0)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::wire::int::deserialize(deserializer).map($name)
            }
        }

        impl $crate::Encode for $name {
            fn encode_json(&self, out: &mut $crate::encode::Writer) {
                out.i64(self.0);
            }
        }

        impl $crate::wire::CsvItem for $name {
            fn parse_item(text: &str) -> Result<Self, String> {
                <i64 as $crate::wire::CsvItem>::parse_item(text).map($name)
            }

            fn item_text(&self) -> std::borrow::Cow<'_, str> {
                <i64 as $crate::wire::CsvItem>::item_text(&self.0)
            }
        }
    };
}

pub(crate) use id_type;
