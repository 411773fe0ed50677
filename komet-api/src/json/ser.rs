//! serde's `Serialize` for the exact tree, so a generated type's serde output is its own JSON
//! (see `encode::serialize`): compiled once per serializer, shared by every type.

use serde::ser::{Error as _, Serialize, SerializeMap, SerializeSeq, Serializer};

use super::{Json, Object};

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_none(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(text) => serialize_number(text, serializer),
            Json::String(s) => serializer.serialize_str(s),
            Json::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Json::Object(object) => object.serialize(serializer),
        }
    }
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.members().len()))?;
        for (name, value) in self.iter() {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}

/// A whole number that fits as an integer; anything else (a decimal such as `2.50`) as a raw
/// JSON number, which serde_json writes with its digits unchanged.
fn serialize_number<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if let Ok(i) = text.parse::<i64>() {
        return serializer.serialize_i64(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return serializer.serialize_u64(u);
    }
    let raw =
        serde_json::value::RawValue::from_string(text.to_owned()).map_err(S::Error::custom)?;
    raw.serialize(serializer)
}
