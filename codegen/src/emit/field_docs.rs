//! The rules of a request field in its rustdoc: wire name and bound, default, numeric limits,
//! the values it takes, its restrictions, and every rule, alternative group and date span of
//! its object that names it, in the same words as the OpenAPI document and `komet describe`.

use crate::ir::{Alternative, Condition, Field, Object, Rule, Ty};
use crate::openapi::words;

/// The sentences to append to a request field's doc.
pub fn rules(field: &Field, object: &Object) -> String {
    let mut out = vec![format!("Wire name `{}`; {}.", field.wire, bound(&field.ty))];
    if let Some(default) = &field.default {
        out.push(format!("Komet's default: `{}`.", words::wire(default)));
    }
    match (&field.min, &field.max) {
        (Some(min), Some(max)) => out.push(format!("From {min} to {max}.")),
        (Some(min), None) => out.push(format!("At least {min}.")),
        (None, Some(max)) => out.push(format!("At most {max}.")),
        (None, None) => {}
    }
    out.extend(field.restrictions.iter().map(words::restriction));
    for rule in object.rules.iter().filter(|r| names(r, &field.wire)) {
        out.push(format!("Rule: {}", words::rule(rule)));
    }
    for span in &object.date_spans {
        if span.from == field.wire || span.to == field.wire {
            out.push(format!("Rule: {}", words::date_span(span)));
        }
    }
    out.join(" ")
}

/// The sentences to append to an alternative group's member: for each field of the group, its
/// restrictions and the rules of the object that name it (the group's own rule is written by
/// the caller).
pub fn group_rules(group: &Alternative, object: &Object) -> String {
    let mut out = Vec::new();
    let mut rules_seen = Vec::new();
    for (_, fields) in &group.options {
        for &i in fields {
            let field = &object.fields[i];
            out.extend(
                field
                    .restrictions
                    .iter()
                    .map(|r| format!("`{}`: {}", field.wire, words::restriction(r))),
            );
            for (r, rule) in object.rules.iter().enumerate() {
                if names(rule, &field.wire) && !rules_seen.contains(&r) {
                    rules_seen.push(r);
                    out.push(format!("Rule: {}", words::rule(rule)));
                }
            }
        }
    }
    out.join(" ")
}

/// The type's bound in words: `text of at most 20 characters`.
pub fn bound(ty: &Ty) -> String {
    match ty {
        Ty::String(Some(n)) => format!("text of at most {n} characters"),
        Ty::String(None) => "text".to_owned(),
        Ty::Integer(Some(n)) => format!("a whole number of at most {n} digits"),
        Ty::Integer(None) => "a whole number".to_owned(),
        Ty::Id { name, max_digits } => match max_digits {
            Some(n) => format!(
                "{} `{name}` (a whole number of at most {n} digits)",
                article(name)
            ),
            None => format!("{} `{name}` (a whole number)", article(name)),
        },
        Ty::Decimal(Some(p), Some(s)) => {
            format!("a decimal of at most {p} digits, {s} after the point")
        }
        Ty::Decimal(..) => "a decimal".to_owned(),
        Ty::Date => "a date, `YYYY-MM-DD`".to_owned(),
        Ty::DateTime => "a date and time, `YYYY-MM-DD HH:MM:SS` (UTC)".to_owned(),
        Ty::Flag => "a flag, sent as `1` or `0`".to_owned(),
        Ty::Bool => "`true` or `false`".to_owned(),
        Ty::Enum(name) => format!("one of the values of `{name}`"),
        Ty::Text { name, max_len } => match max_len {
            Some(n) => format!("a `{name}` of at most {n} characters, kept as text"),
            None => format!("a `{name}`, kept as text"),
        },
        // An id's own bound is in parentheses already: `items, each an `X` (...), joined`.
        Ty::Csv { max_len, item } if matches!(**item, Ty::Id { .. }) => match max_len {
            Some(n) => format!(
                "items, each {}, joined by commas, at most {n} characters in all",
                bound(item)
            ),
            None => format!("items, each {}, joined by commas", bound(item)),
        },
        Ty::Csv { max_len, item } => match max_len {
            Some(n) => format!(
                "items ({}) joined by commas, at most {n} characters in all",
                bound(item)
            ),
            None => format!("items ({}) joined by commas", bound(item)),
        },
        Ty::Object(_) => "an object".to_owned(),
        Ty::Array(_) => "an array of objects".to_owned(),
        Ty::Map(_) => "an object keyed by text".to_owned(),
        Ty::List(item) => format!("an array, each item {}", bound(item)),
    }
}

/// `an` before a name that starts with a vowel sound (`an InvoiceId`, but `a UserId`).
fn article(name: &str) -> &'static str {
    match name.chars().next() {
        Some('A' | 'E' | 'I' | 'O') => "an",
        _ => "a",
    }
}

/// Whether the rule requires the field or its condition reads it.
fn names(rule: &Rule, wire: &str) -> bool {
    rule.require.iter().any(|r| r == wire) || mentions(&rule.condition, wire)
}

fn mentions(condition: &Condition, wire: &str) -> bool {
    let named = |field: &str| field.trim_start_matches('/') == wire;
    match condition {
        Condition::Always | Condition::Token(_) => false,
        Condition::Equals { field, .. } | Condition::Present { field, .. } => named(field),
        Condition::UnlessPresent(fields) => fields.iter().any(|f| named(f)),
        Condition::All(all) => all.iter().any(|c| mentions(c, wire)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Api;

    fn every_request_object(api: &Api) -> Vec<&Object> {
        fn walk<'a>(object: &'a Object, out: &mut Vec<&'a Object>) {
            out.push(object);
            for field in &object.fields {
                if let Ty::Object(o) | Ty::Array(o) | Ty::Map(o) = &field.ty {
                    walk(o, out);
                }
            }
        }
        let mut out = Vec::new();
        for method in api.methods() {
            walk(&method.request, &mut out);
        }
        out
    }

    /// Every rule and date span of the real spec appears in the doc of each plain field it
    /// names, and every restriction in its field's doc.
    #[test]
    fn every_rule_is_in_the_docs_of_its_fields() {
        let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        let api = crate::check_dir(&spec).expect("the spec is valid");
        let mut checked = 0;
        for object in every_request_object(&api) {
            for field in object.fields.iter().filter(|f| f.group.is_none()) {
                let doc = rules(field, object);
                for rule in object
                    .rules
                    .iter()
                    .filter(|r| r.require.contains(&field.wire))
                {
                    assert!(doc.contains(&words::rule(rule)), "{}: {doc}", field.wire);
                    checked += 1;
                }
                for span in object
                    .date_spans
                    .iter()
                    .filter(|s| s.from == field.wire || s.to == field.wire)
                {
                    assert!(
                        doc.contains(&words::date_span(span)),
                        "{}: {doc}",
                        field.wire
                    );
                    checked += 1;
                }
                for restriction in &field.restrictions {
                    assert!(doc.contains(&words::restriction(restriction)), "{doc}");
                    checked += 1;
                }
            }
        }
        // 93 when written; far fewer means the walk stopped finding rules.
        assert!(checked > 80, "only {checked} rules checked");
    }

    #[test]
    fn bounds_read_as_words() {
        assert_eq!(
            bound(&Ty::String(Some(20))),
            "text of at most 20 characters"
        );
        assert_eq!(
            bound(&Ty::Csv {
                max_len: Some(200),
                item: Box::new(Ty::Integer(Some(20)))
            }),
            "items (a whole number of at most 20 digits) joined by commas, at most 200 characters in all"
        );
        assert_eq!(
            bound(&Ty::Id {
                name: "CustomerId".into(),
                max_digits: Some(20)
            }),
            "a `CustomerId` (a whole number of at most 20 digits)"
        );
        assert_eq!(
            bound(&Ty::Id {
                name: "InvoiceId".into(),
                max_digits: None
            }),
            "an `InvoiceId` (a whole number)"
        );
        assert_eq!(
            bound(&Ty::Csv {
                max_len: None,
                item: Box::new(Ty::Id {
                    name: "InventoryId".into(),
                    max_digits: Some(20)
                })
            }),
            "items, each an `InventoryId` (a whole number of at most 20 digits), joined by commas"
        );
    }
}
