//! Document numbers and codes that look numeric but are text: invoice `"010225"`, purchase
//! order `"P053455"`, AWB `"369-12345675"`. Read as an integer they lose their zeros or cannot
//! be read at all, so each kind gets a newtype (generated with [`text_type!`]) over
//! [`DocText`], which keeps the exact text and the JSON form it travels in.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};

use serde::de::{Deserialize, Deserializer, Error as _};
use serde::{Serialize, Serializer};

use super::raw::Raw;

/// The exact text of a document number, and whether it travels as a JSON number (`3429`) or
/// as a JSON string (`"003429"`). What was read is written back the same way; values built
/// from text are sent as strings. Equality, ordering and hashing look at the text only.
#[derive(Clone)]
pub struct DocText {
    text: String,
    number: bool,
}

impl DocText {
    /// Text sent as a JSON string.
    pub fn text(text: String) -> Self {
        DocText {
            text,
            number: false,
        }
    }

    /// A number sent as a JSON number (it has no leading zero to lose).
    pub fn number(n: u64) -> Self {
        DocText {
            text: n.to_string(),
            number: true,
        }
    }

    /// The text, exactly as it travels.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Whether it travels as a JSON number rather than a string.
    pub fn is_number(&self) -> bool {
        self.number
    }

    /// The text, owned.
    pub fn into_string(self) -> String {
        self.text
    }
}

impl PartialEq for DocText {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text
    }
}

impl Eq for DocText {}

impl PartialOrd for DocText {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DocText {
    fn cmp(&self, other: &Self) -> Ordering {
        self.text.cmp(&other.text)
    }
}

impl Hash for DocText {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.text.hash(state);
    }
}

impl fmt::Debug for DocText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.number {
            f.write_str(&self.text)
        } else {
            fmt::Debug::fmt(&self.text, f)
        }
    }
}

impl fmt::Display for DocText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Serialize for DocText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.number {
            use serde::ser::Error;
            // A raw number writes the digits as they came, however many there are.
            let raw = serde_json::value::RawValue::from_string(self.text.clone())
                .map_err(S::Error::custom)?;
            raw.serialize(serializer)
        } else {
            serializer.serialize_str(&self.text)
        }
    }
}

impl crate::Encode for DocText {
    fn encode_json(&self, out: &mut crate::encode::Writer) {
        if self.number {
            out.number_text(&self.text);
        } else {
            out.str(&self.text);
        }
    }
}

impl<'de> Deserialize<'de> for DocText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        DocText::from_raw(Raw::deserialize(deserializer)?).map_err(D::Error::custom)
    }
}

impl DocText {
    /// Text stays text and a number keeps its digits; anything else is refused.
    fn from_raw(raw: Raw) -> Result<DocText, String> {
        let (text, number) = match raw {
            Raw::Str(s) => (s, false),
            Raw::Int(i) => (i.to_string(), true),
            Raw::UInt(u) => (u.to_string(), true),
            Raw::Float(f) if f.is_finite() => (f.to_string(), true),
            Raw::Number(text) => (text, true),
            other => {
                return Err(format!(
                    "invalid value {other}, expected a document number (text or a number)"
                ));
            }
        };
        Ok(DocText { text, number })
    }

    /// [`Deserialize`] for the generated decoders, from the client's JSON tree.
    pub(crate) fn read(json: &crate::json::Json<'_>) -> Result<DocText, crate::json::Message> {
        crate::decode::convert(json, DocText::from_raw)
    }
}

/// Declares a document-number newtype over [`DocText`]: built from text (`"003429"`, sent as
/// a string) or from a number (sent as a number), shown and compared as its text.
macro_rules! text_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        ///
        /// Kept as text, so leading zeros and letter prefixes are never lost: build it from
        /// text (`"003429".into()`, sent as a JSON string) or from a number (`3429u64.into()`,
        /// sent as a JSON number). A value read from a response is written back in the form
        /// it arrived in.
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name($crate::wire::DocText);

        impl $name {
            /// The number as text, sent as a JSON string.
            pub fn new(text: impl Into<String>) -> Self {
                $name($crate::wire::DocText::text(text.into()))
            }

            /// The text, exactly as it travels.
            pub fn as_str(&self) -> &str {
                self.0.as_str()
            }

            /// Whether it travels as a JSON number rather than a string.
            pub fn is_number(&self) -> bool {
                self.0.is_number()
            }

            /// The text, owned.
            pub fn into_string(self) -> String {
                self.0.into_string()
            }
        }

        impl $crate::Decode for $name {
            fn decode_tree(json: &$crate::json::Json<'_>) -> Result<Self, $crate::json::Message> {
                $crate::wire::DocText::read(json).map($name)
            }
        }

        impl $crate::Encode for $name {
            fn encode_json(&self, out: &mut $crate::encode::Writer) {
                $crate::Encode::encode_json(&self.0, out)
            }
        }

        impl From<&str> for $name {
            fn from(text: &str) -> Self {
                $name::new(text)
            }
        }

        impl From<String> for $name {
            fn from(text: String) -> Self {
                $name::new(text)
            }
        }

        impl From<u64> for $name {
            fn from(n: u64) -> Self {
                $name($crate::wire::DocText::number(n))
            }
        }

        impl From<u32> for $name {
            fn from(n: u32) -> Self {
                $name($crate::wire::DocText::number(u64::from(n)))
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Ok($name::new(text))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.0, f)
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;

            fn deref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                self.0.as_str()
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0.as_str() == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0.as_str() == *other
            }
        }

        impl $crate::wire::CsvItem for $name {
            fn parse_item(text: &str) -> Result<Self, String> {
                Ok($name::new(text))
            }

            fn item_text(&self) -> std::borrow::Cow<'_, str> {
                std::borrow::Cow::Borrowed(self.0.as_str())
            }
        }
    };
}

pub(crate) use text_type;
