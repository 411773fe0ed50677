//! Schemas of the OpenAPI document: one component per object of the model (requests,
//! responses and the objects nested in them) and per enumeration.
//!
//! What JSON Schema can say exactly is said in it (lengths, digit bounds, enums, required
//! lists, arrays, alternatives that must be given exactly once); the rest travels in
//! `x-komet-*` extensions and in the descriptions. Matches over the model's types are
//! exhaustive, so a new type does not compile until it has a schema here.

use std::collections::BTreeMap;

use serde_yaml::Value;

use super::words;
use super::yaml::{reference, strings, Map};
use crate::ir::{Api, Enum, EnumRepr, Field, Need, Object, Restriction, Ty, Wire, TOKEN_PARAM};

/// Which way an object travels: requests are checked strictly, responses decoded leniently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Request,
    Response,
}

/// The `components/schemas` section, keyed (and so printed) by name.
pub struct Schemas<'a> {
    api: &'a Api,
    pub components: BTreeMap<String, Value>,
}

impl<'a> Schemas<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut components = BTreeMap::new();
        for e in &api.enums {
            components.insert(e.name.clone(), enumeration(e));
        }
        Schemas { api, components }
    }

    /// Adds `object` (and the objects nested in it) as components; returns a reference to it.
    /// `token_member` adds the token as a required member (methods whose token travels in
    /// the body).
    pub fn object(&mut self, object: &Object, side: Side, token_member: bool) -> Map {
        let mut properties = Map::new();
        if token_member {
            properties.insert(
                TOKEN_PARAM,
                Map::new()
                    .set("type", "string")
                    .set(
                        "description",
                        "The API token. This method takes it as a member of the JSON body \
                         (see x-komet-token on the operation).",
                    )
                    .set("x-komet-token", true),
            );
        }
        for field in &object.fields {
            properties.insert(&field.wire, self.field(field, side));
        }
        let mut schema = Map::new()
            .set("type", "object")
            .text("description", &rules_text(object));
        if !properties.is_empty() {
            schema = schema.set("properties", properties);
        }
        if side == Side::Request {
            let mut required: Vec<&str> = Vec::new();
            if token_member {
                required.push(TOKEN_PARAM);
            }
            required.extend(
                object
                    .fields
                    .iter()
                    .filter(|f| f.required)
                    .map(|f| f.wire.as_str()),
            );
            schema = schema.list(
                "required",
                required.iter().map(|r| Value::from(*r)).collect(),
            );
            // The validator refuses fields the method does not define.
            schema = schema.set("additionalProperties", false);
            schema = with_one_of(schema, object);
        }
        schema = schema
            .list("x-komet-alternatives", alternatives(object))
            .list("x-komet-rules", rules(object))
            .list("x-komet-date-spans", date_spans(object));
        self.components
            .insert(object.rust_name.clone(), schema.into());
        reference("schemas", &object.rust_name)
    }

    /// The schema of one property: its type, bounds, default, restrictions and description.
    pub fn field(&mut self, field: &Field, side: Side) -> Value {
        let ty = self.ty(&field.ty, side, field);
        let mut description = field.doc.clone().unwrap_or_default();
        for restriction in &field.restrictions {
            push_sentence(&mut description, &words::restriction(restriction));
        }
        if field.samples_only {
            push_sentence(
                &mut description,
                "Seen only in a documentation sample, not in the field list.",
            );
        }
        let extras = Map::new()
            .text("description", &description)
            .opt(
                "default",
                field.default.as_ref().map(|d| self.default(&field.ty, d)),
            )
            .list("x-komet-restrictions", restrictions(&field.restrictions))
            .opt("x-komet-samples-only", field.samples_only.then_some(true));
        merge(ty, extras)
    }

    /// The schema of a type. Numbers take the field's own `min`/`max` beside their digit bounds.
    fn ty(&mut self, ty: &Ty, side: Side, field: &Field) -> Map {
        if side == Side::Response {
            if let Some(lenient) = self.lenient(ty) {
                return lenient;
            }
        }
        match ty {
            Ty::String(max_len) => Map::new()
                .set("type", "string")
                .opt("maxLength", max_len.map(u64::from)),
            Ty::Integer(digits) => integer(*digits, field),
            // An id is an integer; its newtype travels in `x-komet-id`.
            Ty::Id { name, max_digits } => {
                integer(*max_digits, field).set("x-komet-id", name.as_str())
            }
            Ty::Decimal(precision, scale) => decimal(*precision, *scale, field),
            Ty::Date => Map::new().set("type", "string").set("format", "date"),
            Ty::DateTime => Map::new()
                .set("type", "string")
                .set("pattern", r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$")
                .set("x-komet-format", "YYYY-MM-DD HH:MM:SS, UTC"),
            Ty::Flag => Map::new()
                .set("type", "integer")
                .set("enum", Value::Sequence(vec![0.into(), 1.into()]))
                .set("x-komet-format", "flag: 1 for yes, 0 for no"),
            Ty::Bool => Map::new().set("type", "boolean"),
            // A field that takes only some of its enumeration's values lists them itself.
            Ty::Enum(name) if !field.values.is_empty() => {
                let values: Vec<Value> = field
                    .values
                    .iter()
                    .map(|v| match v {
                        Wire::Int(i) => Value::from(*i),
                        Wire::Str(s) => Value::from(s.as_str()),
                    })
                    .collect();
                let kind = match field.values[0] {
                    Wire::Int(_) => "integer",
                    Wire::Str(_) => "string",
                };
                Map::new()
                    .set("type", kind)
                    .set("enum", Value::Sequence(values))
                    .set("x-komet-enum", name.as_str())
            }
            Ty::Enum(name) => reference("schemas", name),
            Ty::Object(object) => self.object(object, side, false),
            Ty::Array(object) => Map::new()
                .set("type", "array")
                .set("items", self.object(object, side, false)),
            Ty::Map(object) => Map::new()
                .set("type", "object")
                .set("additionalProperties", self.object(object, side, false)),
            Ty::List(item) => Map::new()
                .set("type", "array")
                .set("items", self.ty(item, side, field)),
            // Document numbers are codes: "003429" keeps its zeros, "P053455" its prefix.
            Ty::Text { name, max_len } => Map::new()
                .set("type", "string")
                .opt("maxLength", max_len.map(u64::from))
                .set("x-komet-text", name.as_str()),
            Ty::Csv { max_len, item } => Map::new()
                .set("type", "string")
                .opt("maxLength", max_len.map(u64::from))
                .set(
                    "description",
                    "Items joined by commas (\"1,2,3\"); spaces after a comma are ignored.",
                )
                .set("x-komet-csv-item", self.ty(item, Side::Request, field)),
        }
    }

    /// What Komet really sends for a scalar of an answer, when that is more than its
    /// documented form: numbers and flags also as text, dates with a time part, enumeration
    /// values the spec does not list (komet-api decodes all of these). `None` for the types
    /// whose request schema also fits answers.
    fn lenient(&self, ty: &Ty) -> Option<Map> {
        let text = |pattern: &str| Map::new().set("type", "string").set("pattern", pattern);
        let one_of = |options: Vec<Map>| {
            Map::new().set(
                "oneOf",
                Value::Sequence(options.into_iter().map(Value::from).collect()),
            )
        };
        match ty {
            Ty::Flag | Ty::Bool => Some(
                one_of(vec![
                    Map::new()
                        .set("type", "integer")
                        .set("enum", Value::Sequence(vec![0.into(), 1.into()])),
                    Map::new()
                        .set("type", "string")
                        .set("enum", strings(&["0", "1", "true", "false"])),
                    Map::new().set("type", "boolean"),
                ])
                .set("x-komet-format", "flag: 1, \"1\" or true for yes"),
            ),
            Ty::Integer(_) => Some(one_of(vec![
                Map::new().set("type", "integer").set("format", "int64"),
                text(r"^\s*-?[0-9]+\s*$"),
            ])),
            Ty::Id { name, .. } => Some(
                one_of(vec![
                    Map::new().set("type", "integer").set("format", "int64"),
                    text(r"^\s*-?[0-9]+\s*$"),
                ])
                .set("x-komet-id", name.as_str()),
            ),
            Ty::Decimal(..) => Some(one_of(vec![
                Map::new().set("type", "number"),
                text(r"^\s*-?[0-9]+(\.[0-9]+)?\s*$"),
            ])),
            Ty::Date => Some(
                Map::new()
                    .set("type", "string")
                    .set("x-komet-format", "YYYY-MM-DD, sometimes with a time part"),
            ),
            Ty::DateTime => Some(Map::new().set("type", "string").set(
                "x-komet-format",
                "YYYY-MM-DD HH:MM:SS, UTC; also with T, fractions or an offset",
            )),
            Ty::Enum(name) => {
                let e = self.api.enums.iter().find(|e| &e.name == name)?;
                let kind = match e.repr {
                    EnumRepr::String => "string",
                    EnumRepr::Integer => "integer",
                };
                Some(
                    Map::new()
                        .set("type", kind)
                        .set(
                            "description",
                            format!(
                                "One of the values of {name} (components/schemas/{name}); \
                                 an unlisted value may appear."
                            ),
                        )
                        .set("x-komet-enum", name.as_str()),
                )
            }
            // Komet may write a document number as a JSON number.
            Ty::Text { name, .. } => Some(
                one_of(vec![
                    Map::new().set("type", "string"),
                    Map::new().set("type", "integer"),
                ])
                .set("x-komet-text", name.as_str()),
            ),
            Ty::Csv { item, .. } => Some(
                one_of(vec![
                    Map::new().set("type", "string"),
                    Map::new().set("type", "integer"),
                    Map::new().set("type", "array").set("items", Map::new()),
                ])
                .opt("x-komet-id", item.id_name()),
            ),
            Ty::String(_) | Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::List(_) => None,
        }
    }

    /// A default in the JSON form of its field's type.
    fn default(&self, ty: &Ty, value: &Wire) -> Value {
        let numeric = match ty {
            Ty::Integer(_) | Ty::Id { .. } | Ty::Decimal(..) | Ty::Flag => true,
            Ty::Enum(name) => self
                .api
                .enums
                .iter()
                .find(|e| &e.name == name)
                .is_some_and(|e| e.repr == EnumRepr::Integer),
            Ty::Bool => {
                return match value {
                    Wire::Str(s) => Value::Bool(s == "true"),
                    Wire::Int(i) => Value::Bool(*i != 0),
                }
            }
            Ty::String(_)
            | Ty::Date
            | Ty::DateTime
            | Ty::Object(_)
            | Ty::Array(_)
            | Ty::Map(_)
            | Ty::List(_)
            | Ty::Text { .. }
            | Ty::Csv { .. } => false,
        };
        match value {
            Wire::Int(i) if numeric => Value::from(*i),
            Wire::Str(s) if numeric => number(s),
            other => Value::from(words::wire(other)),
        }
    }
}

/// An enumeration with its meanings: `x-enum-varnames` and `x-enum-descriptions` are read by
/// several generators to name the constants.
fn enumeration(e: &Enum) -> Value {
    let (kind, values): (&str, Vec<Value>) = match e.repr {
        EnumRepr::String => (
            "string",
            e.values
                .iter()
                .map(|v| Value::from(words::wire(&v.wire)))
                .collect(),
        ),
        EnumRepr::Integer => (
            "integer",
            e.values
                .iter()
                .map(|v| match &v.wire {
                    Wire::Int(i) => Value::from(*i),
                    Wire::Str(s) => number(s),
                })
                .collect(),
        ),
    };
    let mut description = e.doc.clone();
    for value in &e.values {
        description.push_str(&format!(
            "\n- `{}`: {}",
            words::wire(&value.wire),
            value.doc
        ));
    }
    let names: Vec<&str> = e.values.iter().map(|v| v.name.as_str()).collect();
    let docs: Vec<&str> = e.values.iter().map(|v| v.doc.as_str()).collect();
    Map::new()
        .set("type", kind)
        .set("description", description.trim())
        .set("enum", Value::Sequence(values))
        .set("x-enum-varnames", strings(&names))
        .set("x-enum-descriptions", strings(&docs))
        .into()
}

/// An integer of at most `digits` digits (sign not counted, values held in an i64).
fn integer(digits: Option<u32>, field: &Field) -> Map {
    let (lowest, highest) = match digits.and_then(|d| 10i64.checked_pow(d)) {
        Some(power) => (1 - power, power - 1),
        None => (i64::MIN, i64::MAX),
    };
    let minimum = field.min.as_deref().map_or(Value::from(lowest), number);
    let maximum = field.max.as_deref().map_or(Value::from(highest), number);
    Map::new()
        .set("type", "integer")
        .set("format", "int64")
        .set("minimum", minimum)
        .set("maximum", maximum)
}

/// A decimal of at most `precision` digits, `scale` after the point. The digit bound is an
/// exclusive power of ten (exact in any JSON Schema validator). `multipleOf` is given only for
/// scale 0: `0.01` has no exact binary form, and float validators refuse 0.07 as a multiple of
/// it, so a finer scale is stated in `x-komet-scale` and the description instead.
fn decimal(precision: Option<u32>, scale: Option<u32>, field: &Field) -> Map {
    let whole_digits = match (precision, scale) {
        (Some(p), Some(s)) => Some(p.saturating_sub(s)),
        (Some(p), None) => Some(p),
        (None, _) => None,
    };
    let bound = whole_digits.map(|d| number(&format!("1{}", "0".repeat(d as usize))));
    let mut schema = Map::new().set("type", "number");
    schema = match (field.min.as_deref(), &bound) {
        (Some(min), _) => schema.set("minimum", number(min)),
        (None, Some(bound)) => schema
            .set("minimum", negate(bound))
            .set("exclusiveMinimum", true),
        (None, None) => schema,
    };
    schema = match (field.max.as_deref(), bound) {
        (Some(max), _) => schema.set("maximum", number(max)),
        (None, Some(bound)) => schema.set("maximum", bound).set("exclusiveMaximum", true),
        (None, None) => schema,
    };
    match scale {
        Some(0) => schema.set("multipleOf", 1),
        Some(s) => schema.set("x-komet-scale", u64::from(s)),
        None => schema,
    }
    .opt("x-komet-precision", precision.map(u64::from))
}

/// A number written as decimal text: an integer when it is one, else a float.
fn number(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        Value::from(i)
    } else if let Ok(u) = text.parse::<u64>() {
        Value::from(u)
    } else {
        Value::from(text.parse::<f64>().unwrap_or(0.0))
    }
}

fn negate(value: &Value) -> Value {
    match value.as_i64() {
        Some(i) => Value::from(-i),
        None => Value::from(-value.as_f64().unwrap_or(0.0)),
    }
}

/// Alternative groups that must be given exactly once become `oneOf` over the options'
/// required lists: two complete options match twice and none matches none, as the validator
/// says. Groups that are optional or may be combined are left to the extensions.
fn with_one_of(schema: Map, object: &Object) -> Map {
    let groups: Vec<Value> = object
        .alternatives
        .iter()
        .filter(|g| g.required && g.exclusive)
        .map(|group| {
            let options: Vec<Value> = group
                .options
                .iter()
                .map(|(_, fields)| {
                    let names: Vec<&str> = fields
                        .iter()
                        .map(|i| object.fields[*i].wire.as_str())
                        .collect();
                    Map::new().set("required", strings(&names)).into()
                })
                .collect();
            Map::new().set("oneOf", Value::Sequence(options)).into()
        })
        .collect();
    match groups.len() {
        0 => schema,
        1 => {
            let only = groups
                .into_iter()
                .next()
                .and_then(|g| g.get("oneOf").cloned());
            schema.opt("oneOf", only)
        }
        _ => schema.set("allOf", Value::Sequence(groups)),
    }
}

fn alternatives(object: &Object) -> Vec<Value> {
    object
        .alternatives
        .iter()
        .map(|group| {
            let options: Vec<Value> = group
                .options
                .iter()
                .map(|(name, fields)| {
                    let names: Vec<&str> = fields
                        .iter()
                        .map(|i| object.fields[*i].wire.as_str())
                        .collect();
                    Map::new()
                        .set("name", name.as_str())
                        .set("fields", strings(&names))
                        .into()
                })
                .collect();
            Map::new()
                .set("name", group.name.as_str())
                .set("required", group.required)
                .set("exclusive", group.exclusive)
                .set("options", Value::Sequence(options))
                .set("text", words::alternative(group, object))
                .into()
        })
        .collect()
}

fn rules(object: &Object) -> Vec<Value> {
    object
        .rules
        .iter()
        .map(|rule| {
            let need = match rule.need {
                Need::All => "all",
                Need::AtLeastOne => "at_least_one",
            };
            Map::new()
                .set("require", strings(&rule.require))
                .set("need", need)
                .opt("condition", words::condition(&rule.condition))
                .set("text", words::rule(rule))
                .into()
        })
        .collect()
}

fn date_spans(object: &Object) -> Vec<Value> {
    object
        .date_spans
        .iter()
        .map(|span| {
            Map::new()
                .set("from", span.from.as_str())
                .set("to", span.to.as_str())
                .set("max_days", u64::from(span.max_days))
                .set("text", words::date_span(span))
                .into()
        })
        .collect()
}

fn restrictions(restrictions: &[Restriction]) -> Vec<Value> {
    restrictions
        .iter()
        .map(|r| {
            let map = Map::new().set("kind", words::restriction_key(r));
            let map = match r {
                Restriction::TransactionalAccess | Restriction::MultiLocation => map,
                Restriction::IgnoredFor(kinds) => map.set("tokens", strings(&words::kinds(kinds))),
                Restriction::Setting { name, for_tokens } => {
                    map.set("setting", name.as_str()).list(
                        "tokens",
                        words::kinds(for_tokens)
                            .into_iter()
                            .map(Value::from)
                            .collect(),
                    )
                }
            };
            map.set("text", words::restriction(r)).into()
        })
        .collect()
}

/// The object's cross-field rules as a bullet list, for its description.
fn rules_text(object: &Object) -> String {
    words::object_rules(object)
        .iter()
        .map(|l| format!("- {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn push_sentence(text: &mut String, sentence: &str) {
    if !text.is_empty() {
        text.push(' ');
    }
    text.push_str(sentence);
}

/// Adds `extras` to a type's schema. OpenAPI 3.0 ignores siblings of `$ref`, so a reference
/// with extras is wrapped in `allOf`.
fn merge(ty: Map, extras: Map) -> Value {
    if extras.is_empty() {
        return ty.into();
    }
    let base = if ty.has("$ref") {
        Map::new().set("allOf", Value::Sequence(vec![ty.into()]))
    } else {
        ty
    };
    base.extend(extras).into()
}
