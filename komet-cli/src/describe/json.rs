//! The description as JSON: the same facts as the text, with each rule both as data and as
//! its sentence, so tools need not re-derive either.

use komet_api::meta::{FieldMeta, FieldType, MethodMeta, ObjectMeta, Restriction, WireValue};
use serde_json::{Value, json};

use crate::words;

pub fn method(meta: &MethodMeta) -> Value {
    json!({
        "name": meta.name,
        "area": meta.area,
        "summary": meta.summary,
        "verb": words::verb(meta.verb),
        "path": format!("/api/{}", meta.name),
        "params": words::params_key(meta.params),
        "token": {
            "in": words::token_in_key(meta.token),
            "name": meta.token_param,
            "kinds": meta.tokens.iter().map(|k| k.as_str()).collect::<Vec<_>>(),
        },
        "headers": meta.headers.iter().map(|h| h.name()).collect::<Vec<_>>(),
        "optional_headers": meta.optional_headers.iter().map(|h| h.name()).collect::<Vec<_>>(),
        "max_request_bytes": meta.max_request_bytes,
        "effect": words::effect(meta.effect),
        "fee": meta.fee,
        "limits": meta.limits,
        "docs": {
            "status": words::doc_status(meta.doc_status),
            "assumed": meta.assumed.iter().map(|f| f.as_str()).collect::<Vec<_>>(),
            "notes": meta.notes,
        },
        "request": object(meta.request),
        "response": object(meta.response),
    })
}

fn object(meta: &ObjectMeta) -> Value {
    json!({
        "fields": meta.fields.iter().map(field).collect::<Vec<_>>(),
        "alternatives": meta.alternatives.iter().map(|g| json!({
            "name": g.name,
            "options": g.options,
            "required": g.required,
            "exclusive": g.exclusive,
            "text": words::alternative(g),
        })).collect::<Vec<_>>(),
        "rules": meta.rules.iter().map(|r| json!({
            "require": r.require,
            "need": match r.need {
                komet_api::meta::Need::All => "all",
                komet_api::meta::Need::AtLeastOne => "at_least_one",
            },
            "text": words::rule(r),
        })).collect::<Vec<_>>(),
        "date_spans": meta.date_spans.iter().map(|s| json!({
            "from": s.from,
            "to": s.to,
            "max_days": s.max_days,
            "text": words::date_span(s),
        })).collect::<Vec<_>>(),
    })
}

fn field(field: &FieldMeta) -> Value {
    let mut out = json!({
        "name": field.name,
        "required": field.required,
        "default": field.default.as_ref().map(wire),
        "values": field.values.iter().map(wire).collect::<Vec<_>>(),
        "min": field.min,
        "max": field.max,
        "restrictions": field.restrictions.iter().map(|r| json!({
            "kind": restriction_key(r),
            "text": words::restriction(r),
        })).collect::<Vec<_>>(),
    });
    if let Value::Object(map) = &mut out {
        for (key, value) in ty(&field.ty) {
            map.insert(key.to_owned(), value);
        }
        // An id field says which id it holds, in its text and by name.
        map.insert("text".to_owned(), json!(words::field_kind(field)));
        map.insert("id".to_owned(), json!(field.id));
    }
    out
}

/// The members that describe a type: `type`, `text` and the type's own bounds.
fn ty(ty: &FieldType) -> Vec<(&'static str, Value)> {
    let mut members = vec![
        ("type", json!(words::type_key(ty))),
        ("text", json!(words::field_type(ty))),
    ];
    match ty {
        FieldType::String { max_len } => members.push(("max_length", json!(max_len))),
        FieldType::Integer { max_digits } => members.push(("max_digits", json!(max_digits))),
        FieldType::Decimal { precision, scale } => {
            members.push(("precision", json!(precision)));
            members.push(("scale", json!(scale)));
        }
        FieldType::Enum(e) => {
            members.push(("enum", json!(e.name)));
            members.push(("values", e.values.iter().map(wire).collect()));
        }
        FieldType::Object(inner) | FieldType::Array(inner) | FieldType::Map(inner) => {
            members.push(("fields", object(inner)))
        }
        FieldType::List(item) | FieldType::Csv { item, .. } => {
            if let FieldType::Csv { max_len, .. } = ty {
                members.push(("max_length", json!(max_len)));
            }
            let item: serde_json::Map<String, Value> = self::ty(item)
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect();
            members.push(("items", Value::Object(item)));
        }
        FieldType::Text { name, max_len } => {
            members.push(("text_type", json!(name)));
            members.push(("max_length", json!(max_len)));
        }
        FieldType::Date | FieldType::DateTime | FieldType::Flag | FieldType::Bool => {}
    }
    members
}

fn wire(value: &WireValue) -> Value {
    match value {
        WireValue::Int(i) => json!(i),
        WireValue::Str(s) => json!(s),
    }
}

fn restriction_key(restriction: &Restriction) -> &'static str {
    match restriction {
        Restriction::TransactionalAccess => "transactional_access",
        Restriction::IgnoredFor(_) => "ignored_for",
        Restriction::MultiLocation => "multi_location",
        Restriction::Setting { .. } => "setting",
    }
}
