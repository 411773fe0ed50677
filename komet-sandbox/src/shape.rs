//! JSON built from the spec's shapes: sample values, projections of stored records onto a
//! response, and example requests.

use chrono::NaiveDate;
use komet_api::ValidationContext;
use komet_api::meta::{FieldMeta, FieldType, MethodMeta, ObjectMeta, Restriction, WireValue};
use rust_decimal::{Decimal, RoundingStrategy};
use serde_json::{Map, Value};

use crate::references;
use crate::store::Record;

/// A plausible value of `field`'s type, within its length, digits and bounds.
pub fn sample_value(field: &FieldMeta, today: NaiveDate) -> Value {
    sample_of_type(&field.ty, field, today)
}

fn sample_of_type(ty: &FieldType, field: &FieldMeta, today: NaiveDate) -> Value {
    match ty {
        FieldType::String { max_len } => {
            let text = sample_text(field.name);
            let keep = max_len.map_or(text.len(), |n| n as usize);
            Value::from(text.chars().take(keep.max(1)).collect::<String>())
        }
        FieldType::Integer { .. } => Value::from(bounded(field, 1)),
        FieldType::Decimal { .. } => Value::from(bounded(field, 1)),
        FieldType::Date => Value::from(today.format("%Y-%m-%d").to_string()),
        FieldType::DateTime => Value::from(format!("{} 00:00:00", today.format("%Y-%m-%d"))),
        FieldType::Flag => Value::from(1),
        FieldType::Bool => Value::from(true),
        FieldType::Enum(meta) => field
            .values
            .first()
            .or(meta.values.first())
            .map_or(Value::Null, wire_json),
        FieldType::Object(object) => Value::Object(synthesize(object, today)),
        FieldType::Array(object) => Value::Array(vec![Value::Object(synthesize(object, today))]),
        FieldType::Map(object) => Value::Object(Map::from_iter([(
            "sample key".to_owned(),
            Value::Object(synthesize(object, today)),
        )])),
        FieldType::List(item) => Value::Array(vec![sample_of_type(item, field, today)]),
        // Zero-padded, as Komet numbers its documents, so a lost zero would show.
        FieldType::Text { max_len, .. } => {
            let keep = max_len.map_or(6, |n| (n as usize).min(6));
            Value::from("000123"[6 - keep..].to_owned())
        }
        FieldType::Csv { item, .. } => match sample_of_type(item, field, today) {
            Value::String(text) => Value::from(text),
            other => Value::from(other.to_string()),
        },
    }
}

/// Text for a string field: `status`-like words for a few well-known names, else a word
/// made from the field name, so a synthesized response reads sensibly.
fn sample_text(name: &str) -> String {
    match name {
        "message" => "Success".to_owned(),
        _ => format!("sample {name}"),
    }
}

/// `preferred`, moved inside the field's `min`/`max` when it falls outside them.
fn bounded(field: &FieldMeta, preferred: i64) -> i64 {
    let parse = |bound: Option<&str>| bound.and_then(|b| b.split('.').next()?.parse::<i64>().ok());
    let mut value = preferred;
    if let Some(min) = parse(field.min) {
        value = value.max(min);
    }
    if let Some(max) = parse(field.max) {
        value = value.min(max);
    }
    value
}

/// A wire value as JSON.
pub fn wire_json(value: &WireValue) -> Value {
    match value {
        WireValue::Int(n) => Value::from(*n),
        WireValue::Str(s) => Value::from(*s),
    }
}

/// An object with every field of `meta` filled with a sample value.
pub fn synthesize(meta: &ObjectMeta, today: NaiveDate) -> Record {
    meta.fields
        .iter()
        .map(|field| (field.name.to_owned(), sample_value(field, today)))
        .collect()
}

/// The fields of `record` that `meta` describes, recursively, with text cut to the shape's
/// lengths and decimals rounded to its scales; everything else is left out. Stored values
/// come from requests with other bounds (a contact's phone is 200 characters when added and
/// 50 when listed; a cost of 10,3 is listed as 10,2).
pub fn project(record: &Record, meta: &ObjectMeta) -> Record {
    let mut out = Map::new();
    for field in meta.fields {
        let Some(value) = record.get(field.name) else {
            continue;
        };
        let projected = match (&field.ty, value) {
            (FieldType::Object(inner), Value::Object(map)) => Value::Object(project(map, inner)),
            (FieldType::Map(inner), Value::Object(entries)) => Value::Object(
                entries
                    .iter()
                    .filter_map(|(key, entry)| Some((key.clone(), entry.as_object()?)))
                    .map(|(key, entry)| (key, Value::Object(project(entry, inner))))
                    .collect(),
            ),
            (FieldType::Array(inner), Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .filter_map(Value::as_object)
                    .map(|item| Value::Object(project(item, inner)))
                    .collect(),
            ),
            (ty, value) => fit(ty, value),
        };
        out.insert(field.name.to_owned(), projected);
    }
    out
}

/// A scalar cut or rounded to fit `ty`.
fn fit(ty: &FieldType, value: &Value) -> Value {
    match (ty, value) {
        (FieldType::String { max_len: Some(max) }, Value::String(text)) => {
            Value::from(text.chars().take(*max as usize).collect::<String>())
        }
        (
            FieldType::Decimal {
                scale: Some(scale), ..
            },
            Value::Number(number),
        ) => match Decimal::from_str_exact(&number.to_string()) {
            Ok(exact) => {
                let rounded =
                    exact.round_dp_with_strategy(*scale, RoundingStrategy::MidpointAwayFromZero);
                serde_json::from_str(&rounded.normalize().to_string())
                    .unwrap_or_else(|_| value.clone())
            }
            Err(_) => value.clone(),
        },
        _ => value.clone(),
    }
}

/// A request that passes `method`'s validation for a caller in `context`: every field the
/// caller may send, filled with samples, one option of each group of exclusive alternatives,
/// and one line in each array. Fields that name a record name the first one its table hands
/// out: on a seeded sandbox a seed record (customer 2001, product 5001, ...), for documents
/// the first one created (prebook 1640001, invoice number `040001`, ...).
///
/// Handy to see what a method takes, and used by the tests to call every method.
pub fn example_request(
    method: &MethodMeta,
    context: &ValidationContext,
    today: NaiveDate,
) -> Value {
    Value::Object(example_object(method.name, method.request, context, today))
}

fn example_object(
    method: &str,
    meta: &ObjectMeta,
    context: &ValidationContext,
    today: NaiveDate,
) -> Record {
    // Fields of every option but the first of an exclusive group are left out.
    let excluded: Vec<&str> = meta
        .alternatives
        .iter()
        .filter(|group| group.exclusive)
        .flat_map(|group| group.options.iter().skip(1))
        .flat_map(|option| option.iter().copied())
        .collect();
    let mut out = Map::new();
    for field in meta.fields {
        if excluded.contains(&field.name) || !allowed(field, context) {
            continue;
        }
        let value = match &field.ty {
            FieldType::Object(inner) => {
                Value::Object(example_object(method, inner, context, today))
            }
            FieldType::Array(inner) => Value::Array(vec![Value::Object(example_object(
                method, inner, context, today,
            ))]),
            FieldType::Map(inner) => Value::Object(Map::from_iter([(
                "key".to_owned(),
                Value::Object(example_object(method, inner, context, today)),
            )])),
            _ => existing_record(method, field).unwrap_or_else(|| sample_value(field, today)),
        };
        out.insert(field.name.to_owned(), value);
    }
    out
}

/// The id or number of the first record `field` can name, in the field's form; `None` when
/// the field names no record the sandbox keeps, or that value does not fit the field.
fn existing_record(method: &str, field: &FieldMeta) -> Option<Value> {
    let value = references::sample(method, field)?;
    let text = || match &value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match &field.ty {
        FieldType::Integer { .. } => Some(value),
        FieldType::Text { max_len, .. } => {
            let text = text();
            max_len
                .is_none_or(|max| text.len() <= max as usize)
                .then(|| Value::from(text))
        }
        FieldType::Csv { .. } => Some(Value::from(text())),
        FieldType::List(_) => Some(Value::Array(vec![value])),
        _ => None,
    }
}

/// Whether a caller in `context` may send `field` at all.
fn allowed(field: &FieldMeta, context: &ValidationContext) -> bool {
    field
        .restrictions
        .iter()
        .all(|restriction| match restriction {
            Restriction::TransactionalAccess => context.transactional_access,
            Restriction::IgnoredFor(kinds) => {
                context.token_kind.is_none_or(|k| !kinds.contains(&k))
            }
            Restriction::MultiLocation => true,
            Restriction::Setting {
                setting,
                for_tokens,
            } => {
                let applies = for_tokens.is_empty()
                    || context.token_kind.is_some_and(|k| for_tokens.contains(&k));
                !applies || context.settings.contains(setting)
            }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use komet_api::registry;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    #[test]
    fn synthesized_responses_decode_for_every_method() {
        for entry in registry::methods() {
            let body = Value::Object(synthesize(entry.meta.response, today()));
            (entry.decode_response)(&body).unwrap_or_else(|e| panic!("{}: {e}", entry.meta.name));
        }
    }

    #[test]
    fn projection_fits_text_and_decimals_to_the_shape() {
        let entry = registry::find("inventory.list").unwrap();
        let row = crate::flows::array_shape(entry.meta.response, "inventoryItems").unwrap();
        let record: Record = serde_json::from_value(serde_json::json!({
            "unitCost": 2.9851, "productCode": "x".repeat(60), "quantity": 3
        }))
        .unwrap();
        let fitted = project(&record, row);
        assert_eq!(fitted["unitCost"], serde_json::json!(2.99));
        assert_eq!(fitted["productCode"].as_str().map(str::len), Some(50));
        assert_eq!(fitted["quantity"], 3);
    }

    #[test]
    fn projection_keeps_only_described_fields() {
        let entry = registry::find("customer.by.company.list").unwrap();
        let FieldType::Array(row) = &entry.meta.response.fields[0].ty else {
            panic!("customerResult is an array");
        };
        let record: Record = serde_json::from_value(serde_json::json!({
            "customerId": 7, "customerName": "Bloom", "secret": "x"
        }))
        .unwrap();
        assert_eq!(
            Value::Object(project(&record, row)),
            serde_json::json!({"customerId": 7, "customerName": "Bloom"})
        );
    }
}
