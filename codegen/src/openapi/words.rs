//! Rules, restrictions and method facts of the model in plain words, for the descriptions of
//! the OpenAPI document (and beside the `x-komet-*` extensions that carry them as data).
//!
//! Matches over the model's enums are exhaustive: a new kind of rule or restriction does not
//! compile until it has words here.

use crate::ir::{Alternative, Condition, DateSpan, Effect, Need, Object, Restriction, Rule};
use crate::ir::{DocStatus, Header, Placement, TokenKind, Verb, Wire};

pub fn verb(verb: Verb) -> &'static str {
    match verb {
        Verb::Get => "get",
        Verb::Post => "post",
    }
}

pub fn placement(placement: Placement) -> &'static str {
    match placement {
        Placement::Body => "body",
        Placement::Query => "query",
        Placement::Header => "header",
    }
}

pub fn header(header: Header) -> &'static str {
    match header {
        Header::Account => "X-ACCOUNT",
        Header::SalesChannel => "X-SALES-CHANNEL",
    }
}

pub fn kind(kind: TokenKind) -> &'static str {
    match kind {
        TokenKind::Company => "company",
        TokenKind::Vendor => "vendor",
        TokenKind::Customer => "customer",
        TokenKind::User => "user",
    }
}

pub fn kinds(kinds: &[TokenKind]) -> Vec<&'static str> {
    kinds.iter().map(|k| kind(*k)).collect()
}

pub fn effect(effect: Effect) -> &'static str {
    match effect {
        Effect::Read => "read",
        Effect::Write => "write",
    }
}

pub fn doc_status(status: DocStatus) -> &'static str {
    match status {
        DocStatus::Complete => "complete",
        DocStatus::Partial => "partial",
        DocStatus::Missing => "missing",
    }
}

pub fn restriction_key(restriction: &Restriction) -> &'static str {
    match restriction {
        Restriction::TransactionalAccess => "transactional_access",
        Restriction::MultiLocation => "multi_location",
        Restriction::IgnoredFor(_) => "ignored_for",
        Restriction::Setting { .. } => "setting",
    }
}

pub fn restriction(restriction: &Restriction) -> String {
    match restriction {
        Restriction::TransactionalAccess => {
            "Only with a token that has Transactional API Access.".to_owned()
        }
        Restriction::MultiLocation => "Required when the company is multi-location.".to_owned(),
        Restriction::IgnoredFor(kinds) => format!(
            "Ignored by Komet for {} tokens: leave it out with them.",
            or_list(self::kinds(kinds))
        ),
        Restriction::Setting { name, for_tokens } => {
            let who = if for_tokens.is_empty() {
                String::new()
            } else {
                format!(" for {} tokens", or_list(self::kinds(for_tokens)))
            };
            format!("Honoured{who} only when the company setting {name} is on.")
        }
    }
}

/// `customer: customerId, or customerCode and customerDescription; exactly one is required.`
pub fn alternative(group: &Alternative, object: &Object) -> String {
    let options: Vec<String> = group
        .options
        .iter()
        .map(|(_, fields)| {
            and_list(
                fields
                    .iter()
                    .map(|i| object.fields[*i].wire.as_str())
                    .collect(),
            )
        })
        .collect();
    let how = match (group.required, group.exclusive) {
        (true, true) => "exactly one of these is required",
        (true, false) => "at least one of these is required, several may be given",
        (false, true) => "optional, at most one of these",
        (false, false) => "optional, several may be given",
    };
    format!("{}: give {}; {how}.", group.name, options.join(", or "))
}

/// Every cross-field rule of an object, a sentence each: its alternative groups, its
/// conditional rules, its date spans (the rustdoc of a method, the OpenAPI descriptions).
pub fn object_rules(object: &Object) -> Vec<String> {
    let groups = object.alternatives.iter().map(|g| alternative(g, object));
    let rules = object.rules.iter().map(rule);
    let spans = object.date_spans.iter().map(date_span);
    groups.chain(rules).chain(spans).collect()
}

/// `boxes and bunches are required when itemType is BOX.`
pub fn rule(rule: &Rule) -> String {
    let names: Vec<&str> = rule.require.iter().map(String::as_str).collect();
    let what = match (rule.need, names.len()) {
        (Need::All, 1) => format!("{} is required", names[0]),
        (Need::All, _) => format!("{} are required", and_list(names)),
        (Need::AtLeastOne, _) => format!("at least one of {} is required", or_list(names)),
    };
    match condition(&rule.condition) {
        Some(when) => format!("{what} {when}."),
        None => format!("{what}."),
    }
}

/// The condition as a clause, `None` for always.
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
            or_list(fields.iter().map(String::as_str).collect())
        )),
        Condition::Token(kinds) => Some(format!("for {} tokens", or_list(self::kinds(kinds)))),
        Condition::All(all) => {
            let parts: Vec<String> = all.iter().filter_map(self::condition).collect();
            (!parts.is_empty()).then(|| parts.join(" and "))
        }
    }
}

pub fn date_span(span: &DateSpan) -> String {
    format!(
        "{} may be at most {} days after {}.",
        span.to, span.max_days, span.from
    )
}

pub fn wire(value: &Wire) -> String {
    match value {
        Wire::Int(i) => i.to_string(),
        Wire::Str(s) => s.clone(),
    }
}

fn field_ref(field: &str) -> String {
    match field.strip_prefix('/') {
        Some(top) => format!("{top} (of the request)"),
        None => field.to_owned(),
    }
}

fn and_list(items: Vec<&str>) -> String {
    join(items, "and")
}

pub fn or_list(items: Vec<&str>) -> String {
    join(items, "or")
}

fn join(items: Vec<&str>, word: &str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{} {word} {last}", rest.join(", ")),
    }
}
