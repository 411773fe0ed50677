//! What the spec says of a field, for comparing an answer with it: the JSON types a
//! documented value arrives as, and the field's type written as in the spec (`string:50`).

use komet_drift::JsonType;

use crate::meta::{FieldType, WireValue};

/// The JSON types in which a value of `ty` is documented to arrive. Lenient decoding accepts
/// more (an integer as text, a flag as `true`); those forms are drift worth reporting.
pub(crate) fn json_types_of(ty: &FieldType) -> &'static [JsonType] {
    match ty {
        FieldType::String { .. }
        | FieldType::Date
        | FieldType::DateTime
        | FieldType::Csv { .. } => &[JsonType::String],
        FieldType::Integer { .. } | FieldType::Decimal { .. } | FieldType::Flag => {
            &[JsonType::Number]
        }
        FieldType::Bool => &[JsonType::Bool],
        // A document number is text, or digits given as a number: both are documented.
        FieldType::Text { .. } => &[JsonType::String, JsonType::Number],
        FieldType::Enum(meta) => match meta.values.first() {
            Some(WireValue::Int(_)) => &[JsonType::Number],
            _ => &[JsonType::String],
        },
        FieldType::Object(_) | FieldType::Map(_) => &[JsonType::Object],
        FieldType::Array(_) | FieldType::List(_) => &[JsonType::Array],
    }
}

/// The type as the spec writes it; `id` is the field's id type (`id:CustomerId:20`).
pub(crate) fn spec_type(ty: &FieldType, id: Option<&str>) -> String {
    let bounded = |base: &str, n: Option<u32>| match n {
        Some(n) => format!("{base}:{n}"),
        None => base.to_owned(),
    };
    match ty {
        FieldType::String { max_len } => bounded("string", *max_len),
        FieldType::Integer { max_digits } => match id {
            Some(id) => bounded(&format!("id:{id}"), *max_digits),
            None => bounded("integer", *max_digits),
        },
        FieldType::Decimal {
            precision: Some(p),
            scale: Some(s),
        } => format!("decimal:{p},{s}"),
        FieldType::Decimal { .. } => "decimal".to_owned(),
        FieldType::Date => "date".to_owned(),
        FieldType::DateTime => "datetime".to_owned(),
        FieldType::Flag => "flag".to_owned(),
        FieldType::Bool => "bool".to_owned(),
        FieldType::Enum(meta) => format!("enum:{}", meta.name),
        FieldType::Object(_) => "object".to_owned(),
        FieldType::Array(_) => "array".to_owned(),
        FieldType::Map(_) => "map".to_owned(),
        FieldType::List(item) => format!("list:{}", spec_type(item, id)),
        FieldType::Text { name, max_len } => bounded(&format!("text:{name}"), *max_len),
        FieldType::Csv { max_len, item } => match max_len {
            Some(n) => format!("csv:{n}:{}", spec_type(item, id)),
            None => format!("csv:{}", spec_type(item, id)),
        },
    }
}
