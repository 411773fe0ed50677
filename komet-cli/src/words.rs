//! The spec's metadata in plain words, for `komet describe` and `komet methods`.
//!
//! Every match over the metadata enums is exhaustive, so a new kind of type, rule or
//! restriction in komet-api is a compile error here until it has words.

use komet_api::TokenKind;
use komet_api::meta::{
    AlternativeMeta, Condition, DateSpanMeta, DocStatus, Effect, FieldMeta, FieldType, Header,
    Need, ParamsIn, Restriction, RuleMeta, TokenIn, Verb, WireValue,
};

pub fn verb(verb: Verb) -> &'static str {
    match verb {
        Verb::Get => "GET",
        Verb::Post => "POST",
    }
}

pub fn params(params: ParamsIn) -> &'static str {
    match params {
        ParamsIn::Body => "a JSON body",
        ParamsIn::Query => "the URL query",
    }
}

pub fn token_in(token: TokenIn) -> &'static str {
    match token {
        TokenIn::Body => "a member of the JSON body",
        TokenIn::Query => "a URL query parameter",
        TokenIn::Header => "an HTTP header",
    }
}

pub fn token_in_key(token: TokenIn) -> &'static str {
    match token {
        TokenIn::Body => "body",
        TokenIn::Query => "query",
        TokenIn::Header => "header",
    }
}

pub fn params_key(params: ParamsIn) -> &'static str {
    match params {
        ParamsIn::Body => "body",
        ParamsIn::Query => "query",
    }
}

pub fn header(header: Header) -> String {
    let what = match header {
        Header::Account => "the company id (--account)",
        Header::SalesChannel => "the sales channel (--sales-channel)",
    };
    format!("{}: {what}", header.name())
}

pub fn effect(effect: Effect) -> &'static str {
    match effect {
        Effect::Read => "read",
        Effect::Write => "write",
    }
}

pub fn effect_explained(effect: Effect) -> &'static str {
    match effect {
        Effect::Read => "read (retried after a timeout or a server error)",
        Effect::Write => "write (never retried blindly: Komet has no idempotency keys)",
    }
}

pub fn doc_status(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Complete => "complete",
        DocStatus::Partial => "partial",
        DocStatus::Missing => "missing",
    }
}

pub fn kinds(kinds: &[TokenKind]) -> String {
    or_list(kinds.iter().map(|k| k.as_str().to_owned()).collect())
}

pub fn wire(value: &WireValue) -> String {
    match value {
        WireValue::Int(i) => i.to_string(),
        WireValue::Str(s) => format!("{s:?}"),
    }
}

/// The type with its bounds: `text of at most 50 characters`.
pub fn field_type(ty: &FieldType) -> String {
    match ty {
        FieldType::String { max_len: Some(n) } => format!("text, at most {n} characters"),
        FieldType::String { max_len: None } => "text".to_owned(),
        FieldType::Integer {
            max_digits: Some(n),
        } => format!("integer, at most {n} digits"),
        FieldType::Integer { max_digits: None } => "integer".to_owned(),
        FieldType::Decimal { precision, scale } => match (precision, scale) {
            (Some(p), Some(s)) => format!("decimal, at most {p} digits, {s} after the point"),
            (Some(p), None) => format!("decimal, at most {p} digits"),
            (None, Some(s)) => format!("decimal, at most {s} digits after the point"),
            (None, None) => "decimal".to_owned(),
        },
        FieldType::Date => "date YYYY-MM-DD".to_owned(),
        FieldType::DateTime => "date and time YYYY-MM-DD HH:MM:SS (UTC)".to_owned(),
        FieldType::Flag => "flag, 1 or 0".to_owned(),
        FieldType::Bool => "boolean, true or false".to_owned(),
        FieldType::Enum(e) => {
            let values: Vec<String> = e.values.iter().map(wire).collect();
            format!("{}: one of {}", e.name, values.join(", "))
        }
        FieldType::Object(_) => "object".to_owned(),
        FieldType::Array(_) => "array of objects".to_owned(),
        FieldType::Map(_) => "object keyed by text, each value an object".to_owned(),
        FieldType::List(item) => format!("array of {}", field_type(item)),
        FieldType::Text {
            name,
            max_len: Some(n),
        } => format!("{name} (text, at most {n} characters; leading zeros kept)"),
        FieldType::Text {
            name,
            max_len: None,
        } => {
            format!("{name} (text; leading zeros kept)")
        }
        FieldType::Csv {
            max_len: Some(n),
            item,
        } => format!(
            "comma-separated {}, at most {n} characters in all",
            field_type(item)
        ),
        FieldType::Csv {
            max_len: None,
            item,
        } => {
            format!("comma-separated {}", field_type(item))
        }
    }
}

/// A field's type in words, naming its id type when it holds ids:
/// `CustomerId (integer, at most 20 digits)`, `array of LocationId (integer)`.
pub fn field_kind(field: &FieldMeta) -> String {
    match field.id {
        Some(id) => with_id(&field.ty, id),
        None => field_type(&field.ty),
    }
}

fn with_id(ty: &FieldType, id: &str) -> String {
    match ty {
        FieldType::List(item) => format!("array of {}", with_id(item, id)),
        FieldType::Csv {
            max_len: Some(n),
            item,
        } => format!(
            "comma-separated {}, at most {n} characters in all",
            with_id(item, id)
        ),
        FieldType::Csv {
            max_len: None,
            item,
        } => {
            format!("comma-separated {}", with_id(item, id))
        }
        other => format!("{id} ({})", field_type(other)),
    }
}

/// The type's name alone, for JSON output: `string`, `integer`, `enum`, ...
pub fn type_key(ty: &FieldType) -> &'static str {
    match ty {
        FieldType::String { .. } => "string",
        FieldType::Integer { .. } => "integer",
        FieldType::Decimal { .. } => "decimal",
        FieldType::Date => "date",
        FieldType::DateTime => "datetime",
        FieldType::Flag => "flag",
        FieldType::Bool => "bool",
        FieldType::Enum(_) => "enum",
        FieldType::Object(_) => "object",
        FieldType::Array(_) => "array",
        FieldType::Map(_) => "map",
        FieldType::List(_) => "list",
        FieldType::Text { .. } => "text",
        FieldType::Csv { .. } => "csv",
    }
}

/// Bounds beyond the type: `from 1 to 100`.
pub fn bounds(field: &FieldMeta) -> Option<String> {
    match (field.min, field.max) {
        (Some(min), Some(max)) => Some(format!("from {min} to {max}")),
        (Some(min), None) => Some(format!("at least {min}")),
        (None, Some(max)) => Some(format!("at most {max}")),
        (None, None) => None,
    }
}

pub fn restriction(restriction: &Restriction) -> String {
    match restriction {
        Restriction::TransactionalAccess => {
            "only with Transactional API Access (--transactional)".to_owned()
        }
        Restriction::IgnoredFor(kinds) => {
            format!(
                "ignored by Komet for {} tokens, so refused with them",
                self::kinds(kinds)
            )
        }
        Restriction::MultiLocation => {
            "required when the company is multi-location (--multi-location)".to_owned()
        }
        Restriction::Setting {
            setting,
            for_tokens,
        } => {
            let who = if for_tokens.is_empty() {
                String::new()
            } else {
                format!(" for {} tokens", self::kinds(for_tokens))
            };
            format!(
                "honoured{who} only when the company setting {setting} is on (--setting {setting})"
            )
        }
    }
}

/// `customer: give customerId, or customerCode with customerDescription; one is required, only
/// one at a time`.
pub fn alternative(group: &AlternativeMeta) -> String {
    let options: Vec<String> = group
        .options
        .iter()
        .map(|fields| and_list(fields.iter().map(|f| f.to_string()).collect()))
        .collect();
    let mut text = format!("{}: give {}", group.name, options.join(", or "));
    text.push_str(match (group.required, group.exclusive) {
        (true, true) => "; exactly one of these is required",
        (true, false) => "; at least one of these is required, several may be given",
        (false, true) => "; optional, at most one of these",
        (false, false) => "; optional, several may be given",
    });
    text
}

/// `boxes, bunches and stemsBunch are required when itemType is "BOX"`.
pub fn rule(rule: &RuleMeta) -> String {
    let names: Vec<String> = rule.require.iter().map(|n| n.to_string()).collect();
    let what = match (rule.need, names.len()) {
        (Need::All, 1) => format!("{} is required", names[0]),
        (Need::All, _) => format!("{} are required", and_list(names)),
        (Need::AtLeastOne, _) => format!("at least one of {} is required", or_list(names)),
    };
    match condition(&rule.condition) {
        Some(when) => format!("{what} {when}"),
        None => what,
    }
}

/// The condition as a clause (`when itemType is "BOX"`), `None` for always.
pub fn condition(condition: &Condition) -> Option<String> {
    match condition {
        Condition::Always => None,
        Condition::Equals { field, value } => {
            Some(format!("when {} is {}", field_ref(field), wire(value)))
        }
        Condition::Present { field, present } => Some(format!(
            "when {} is {}",
            field_ref(field),
            if *present { "given" } else { "not given" }
        )),
        Condition::UnlessPresent(fields) => Some(format!(
            "unless {} is given",
            or_list(fields.iter().map(|f| f.to_string()).collect())
        )),
        Condition::Token(kinds) => Some(format!("for {} tokens", self::kinds(kinds))),
        Condition::All(all) => {
            let parts: Vec<String> = all.iter().filter_map(self::condition).collect();
            (!parts.is_empty()).then(|| parts.join(" and "))
        }
    }
}

pub fn date_span(span: &DateSpanMeta) -> String {
    format!(
        "{} may be at most {} days after {}",
        span.to, span.max_days, span.from
    )
}

/// `/autoGeneratePOsfromPrebooks` names a field of the top-level request.
fn field_ref(field: &str) -> String {
    match field.strip_prefix('/') {
        Some(top) => format!("{top} (of the request)"),
        None => field.to_owned(),
    }
}

fn and_list(items: Vec<String>) -> String {
    join(items, "and")
}

fn or_list(items: Vec<String>) -> String {
    join(items, "or")
}

fn join(mut items: Vec<String>, word: &str) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.remove(0),
        _ => {
            let last = items.pop().unwrap_or_default();
            format!("{} {word} {last}", items.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_english() {
        assert_eq!(and_list(vec!["a".into()]), "a");
        assert_eq!(and_list(vec!["a".into(), "b".into()]), "a and b");
        assert_eq!(
            or_list(vec!["a".into(), "b".into(), "c".into()]),
            "a, b or c"
        );
    }

    #[test]
    fn rules_read_as_sentences() {
        let rule = RuleMeta {
            require: &["boxes", "bunches"],
            condition: Condition::Equals {
                field: "itemType",
                value: WireValue::Str("BOX"),
            },
            need: Need::All,
        };
        assert_eq!(
            super::rule(&rule),
            "boxes and bunches are required when itemType is \"BOX\""
        );
        let rule = RuleMeta {
            require: &["awb", "shipDate"],
            condition: Condition::All(&[
                Condition::Present {
                    field: "/flag",
                    present: false,
                },
                Condition::Token(&[TokenKind::Company]),
            ]),
            need: Need::AtLeastOne,
        };
        assert_eq!(
            super::rule(&rule),
            "at least one of awb or shipDate is required when flag (of the request) is not given and for company tokens"
        );
    }
}
