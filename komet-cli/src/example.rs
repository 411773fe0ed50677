//! `komet example METHOD`: a request the validator accepts. The documentation's own sample
//! when one passes in the given context, else one built from the metadata: every required
//! field, the first option of each required alternative group, and whatever the rules then
//! require, each with a value inside its bounds.

use komet_api::ValidationContext;
use komet_api::meta::{
    Condition, FieldMeta, FieldType, MethodMeta, Need, ObjectMeta, Restriction, WireValue,
};
use komet_api::registry;
use serde_json::{Map, Number, Value};

mod samples {
    include!(concat!(env!("OUT_DIR"), "/samples.rs"));
}

/// Where an example came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// A documentation sample (`tests/vectors/<method>/<file>`).
    Sample(&'static str),
    /// Built from the spec's metadata.
    Built,
}

/// An example request for `meta` that validates in `ctx`, without the token.
pub fn example(meta: &'static MethodMeta, ctx: &ValidationContext) -> (Value, Origin) {
    for (file, sample) in samples_of(meta) {
        if registry::validate_request(meta.name, &sample, ctx).is_ok() {
            return (sample, Origin::Sample(file));
        }
    }
    (build(meta.request, ctx), Origin::Built)
}

/// The documentation samples of a method that parse, without their token member.
fn samples_of(meta: &MethodMeta) -> impl Iterator<Item = (&'static str, Value)> + '_ {
    samples::SAMPLES
        .iter()
        .filter(move |(method, _, _)| *method == meta.name)
        .filter_map(move |(_, file, text)| {
            let mut value: Value = serde_json::from_str(text).ok()?;
            crate::input::drop_token(meta, &mut value);
            Some((*file, value))
        })
}

/// A request built from the metadata alone.
pub fn build(meta: &ObjectMeta, ctx: &ValidationContext) -> Value {
    // Nested rules may look at the top level (`/autoGeneratePOsfromPrebooks`), so the top
    // level is built once to be looked at, then again with it in view.
    // An absent top-level field counts with its default, as the validator reads it.
    let mut first = object(meta, None, ctx);
    for field in meta.fields {
        if let (Some(default), false) = (&field.default, first.contains_key(field.name)) {
            first.insert(field.name.to_owned(), wire(default));
        }
    }
    Value::Object(object(meta, Some(&first), ctx))
}

/// The object of a container type, if it is one.
pub fn nested(ty: &FieldType) -> Option<&'static ObjectMeta> {
    match ty {
        FieldType::Object(inner) | FieldType::Array(inner) | FieldType::Map(inner) => Some(inner),
        FieldType::String { .. }
        | FieldType::Integer { .. }
        | FieldType::Decimal { .. }
        | FieldType::Date
        | FieldType::DateTime
        | FieldType::Flag
        | FieldType::Bool
        | FieldType::Enum(_)
        | FieldType::List(_)
        | FieldType::Text { .. }
        | FieldType::Csv { .. } => None,
    }
}

fn object(
    meta: &ObjectMeta,
    root: Option<&Map<String, Value>>,
    ctx: &ValidationContext,
) -> Map<String, Value> {
    let mut out = Map::new();
    let builder = Builder { meta, root, ctx };
    for field in meta.fields {
        let multi_location = ctx.multi_location
            && field
                .restrictions
                .iter()
                .any(|r| matches!(r, Restriction::MultiLocation));
        if field.required || multi_location {
            builder.add(&mut out, field);
        }
    }
    for group in meta.alternatives.iter().filter(|g| g.required) {
        builder.add_name(&mut out, group.name);
    }
    // Each pass adds at least one field or stops, so the fields bound the passes.
    for _ in 0..=meta.fields.len() {
        let mut changed = false;
        for rule in meta.rules {
            if builder.holds(&rule.condition, &out)
                && !builder.satisfied(rule.require, rule.need, &out)
            {
                let before = out.len();
                match rule.need {
                    Need::All => rule
                        .require
                        .iter()
                        .for_each(|n| builder.add_name(&mut out, n)),
                    Need::AtLeastOne => {
                        if let Some(name) = rule.require.first() {
                            builder.add_name(&mut out, name);
                        }
                    }
                }
                changed |= out.len() != before;
            }
        }
        if !changed {
            break;
        }
    }
    out
}

struct Builder<'a> {
    meta: &'a ObjectMeta,
    root: Option<&'a Map<String, Value>>,
    ctx: &'a ValidationContext,
}

impl Builder<'_> {
    fn field(&self, name: &str) -> Option<&'static FieldMeta> {
        self.meta.fields.iter().find(|f| f.name == name)
    }

    /// Adds a field, or the first usable option of an alternative group, by name.
    fn add_name(&self, out: &mut Map<String, Value>, name: &str) {
        if let Some(field) = self.field(name) {
            if !out.contains_key(field.name) {
                self.add(out, field);
            }
            return;
        }
        let Some(group) = self.meta.alternatives.iter().find(|g| g.name == name) else {
            return;
        };
        if self.group_given(group.options, out) {
            return;
        }
        let usable = |option: &&&[&str]| {
            option
                .iter()
                .all(|f| self.field(f).is_some_and(|f| self.allowed(f)))
        };
        if let Some(option) = group.options.iter().find(usable).or(group.options.first()) {
            for name in option.iter() {
                self.add_name(out, name);
            }
        }
    }

    fn add(&self, out: &mut Map<String, Value>, field: &FieldMeta) {
        out.insert(field.name.to_owned(), self.value(field));
    }

    /// Whether sending the field is accepted in this context.
    fn allowed(&self, field: &FieldMeta) -> bool {
        field.restrictions.iter().all(|r| match r {
            Restriction::TransactionalAccess => self.ctx.transactional_access,
            Restriction::IgnoredFor(kinds) => {
                self.ctx.token_kind.is_none_or(|k| !kinds.contains(&k))
            }
            Restriction::MultiLocation => true,
            Restriction::Setting {
                setting,
                for_tokens,
            } => {
                let applies = for_tokens.is_empty()
                    || self.ctx.token_kind.is_some_and(|k| for_tokens.contains(&k));
                !applies || self.ctx.settings.contains(setting)
            }
        })
    }

    fn group_given(&self, options: &[&[&str]], out: &Map<String, Value>) -> bool {
        options
            .iter()
            .any(|o| o.iter().all(|f| out.contains_key(*f)))
    }

    fn present(&self, name: &str, out: &Map<String, Value>) -> bool {
        match self.meta.alternatives.iter().find(|g| g.name == name) {
            Some(group) => self.group_given(group.options, out),
            None => out.contains_key(name),
        }
    }

    fn satisfied(&self, names: &[&str], need: Need, out: &Map<String, Value>) -> bool {
        match need {
            Need::All => names.iter().all(|n| self.present(n, out)),
            Need::AtLeastOne => names.iter().any(|n| self.present(n, out)),
        }
    }

    fn holds(&self, condition: &Condition, out: &Map<String, Value>) -> bool {
        match condition {
            Condition::Always => true,
            Condition::Equals { field, value } => {
                self.lookup(field, out).is_some_and(|v| equals(&v, value))
            }
            Condition::Present { field, present } => self.lookup(field, out).is_some() == *present,
            Condition::UnlessPresent(fields) => !fields.iter().any(|f| self.present(f, out)),
            Condition::Token(kinds) => self.ctx.token_kind.is_some_and(|k| kinds.contains(&k)),
            Condition::All(all) => all.iter().all(|c| self.holds(c, out)),
        }
    }

    /// The value a condition sees: the field as built, else its default. A leading `/`
    /// names a top-level field, unknown until the top level is built.
    fn lookup(&self, field: &str, out: &Map<String, Value>) -> Option<Value> {
        match field.strip_prefix('/') {
            Some(top) => self.root?.get(top).cloned(),
            None => out
                .get(field)
                .cloned()
                .or_else(|| self.field(field).and_then(|f| f.default.as_ref()).map(wire)),
        }
    }

    fn value(&self, field: &FieldMeta) -> Value {
        if let Some(default) = &field.default {
            return wire(default);
        }
        match &field.ty {
            FieldType::Object(inner) => Value::Object(object(inner, self.root, self.ctx)),
            FieldType::Array(inner) => {
                Value::Array(vec![Value::Object(object(inner, self.root, self.ctx))])
            }
            FieldType::Map(inner) => {
                let mut map = Map::new();
                map.insert(
                    "example".to_owned(),
                    Value::Object(object(inner, self.root, self.ctx)),
                );
                Value::Object(map)
            }
            ty => scalar(ty, field),
        }
    }
}

/// A value of a scalar type, inside `min`..`max` when they are given.
/// A value of `ty` within `field`'s bounds and, for an enum, its accepted values.
fn scalar(ty: &FieldType, field: &FieldMeta) -> Value {
    let (min, max) = (field.min, field.max);
    let number = || {
        let text = match (min, max) {
            (Some(min), _) => min,
            (None, Some(max)) if max.parse::<f64>().is_ok_and(|m| m < 1.0) => max,
            _ => "1",
        };
        text.parse::<Number>()
            .map(Value::Number)
            .unwrap_or(Value::from(1))
    };
    match ty {
        FieldType::String { max_len } => {
            let len = max_len.map_or(7, |n| n.min(7)) as usize;
            Value::String("example"[..len].to_owned())
        }
        FieldType::Integer { .. } | FieldType::Decimal { .. } => number(),
        FieldType::Date => Value::String("2026-12-01".to_owned()),
        FieldType::DateTime => Value::String("2026-12-01 08:00:00".to_owned()),
        FieldType::Flag => Value::from(0),
        FieldType::Bool => Value::Bool(false),
        FieldType::Enum(e) => field
            .values
            .first()
            .or(e.values.first())
            .map_or(Value::Null, wire),
        FieldType::List(item) => Value::Array(vec![scalar(
            item,
            &FieldMeta::new(field.name, FieldType::ANY_STRING),
        )]),
        // A zero-padded number, as Komet writes its documents.
        FieldType::Text { max_len, .. } => {
            let len = max_len.map_or(6, |n| n.min(6)) as usize;
            Value::String("000123"[6 - len..].to_owned())
        }
        FieldType::Csv { item, .. } => match scalar(item, field) {
            Value::String(text) => Value::String(text),
            other => Value::String(other.to_string()),
        },
        FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) => Value::Object(Map::new()),
    }
}

fn wire(value: &WireValue) -> Value {
    match value {
        WireValue::Int(i) => Value::from(*i),
        WireValue::Str(s) => Value::String((*s).to_owned()),
    }
}

/// A condition's value against JSON: `1` matches `1` and `"1"`, as the validator reads it.
fn equals(json: &Value, value: &WireValue) -> bool {
    match (json, value) {
        (Value::Number(n), WireValue::Int(i)) => n.as_i64() == Some(*i),
        (Value::String(s), WireValue::Int(i)) => s.parse::<i64>().ok() == Some(*i),
        (Value::String(s), WireValue::Str(w)) => s == w,
        (Value::Number(n), WireValue::Str(w)) => n.to_string() == *w,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every method, for each token kind it takes (and none), plain, multi-location and with
    /// Transactional API Access: the example validates in the context it was made for.
    #[test]
    fn every_example_validates_in_its_context() {
        let mut failures = Vec::new();
        for entry in registry::methods() {
            let meta = entry.meta;
            let kinds = std::iter::once(None).chain(meta.tokens.iter().copied().map(Some));
            for token_kind in kinds {
                for (multi_location, transactional_access) in
                    [(false, false), (true, false), (false, true)]
                {
                    let ctx = ValidationContext {
                        token_kind,
                        multi_location,
                        transactional_access,
                        settings: Vec::new(),
                    };
                    let (request, origin) = example(meta, &ctx);
                    if let Err(e) = registry::validate_request(meta.name, &request, &ctx) {
                        failures.push(format!("{} {ctx:?} ({origin:?}): {e}", meta.name));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    use komet_api::TokenKind;
    use komet_api::meta::{AlternativeMeta, EnumMeta, RuleMeta};

    static KIND: EnumMeta = EnumMeta {
        name: "Kind",
        values: &[WireValue::Str("BOX"), WireValue::Str("UN")],
    };
    static LINE: ObjectMeta = ObjectMeta {
        fields: &[
            FieldMeta::new("kind", FieldType::Enum(&KIND)).with_default(WireValue::Str("BOX")),
            FieldMeta::new("boxes", FieldType::integer(4)).with_min("1"),
            FieldMeta::new("units", FieldType::integer(4)),
            FieldMeta::new("price", FieldType::decimal(6, 2)),
            FieldMeta::new("customerId", FieldType::integer(10)),
            FieldMeta::new("customerCode", FieldType::string(3)),
        ],
        alternatives: &[AlternativeMeta {
            name: "customer",
            options: &[&["customerId"], &["customerCode"]],
            required: true,
            exclusive: true,
        }],
        rules: &[
            RuleMeta {
                require: &["boxes"],
                condition: Condition::Equals {
                    field: "kind",
                    value: WireValue::Str("BOX"),
                },
                need: Need::All,
            },
            RuleMeta {
                require: &["units"],
                condition: Condition::Equals {
                    field: "kind",
                    value: WireValue::Str("UN"),
                },
                need: Need::All,
            },
            RuleMeta {
                require: &["price"],
                condition: Condition::Token(&[TokenKind::Company]),
                need: Need::All,
            },
        ],
        date_spans: &[],
    };

    #[test]
    fn a_built_example_follows_defaults_alternatives_and_token_rules() {
        let plain = build(&LINE, &ValidationContext::default());
        // `kind` is absent and defaults to BOX, so `boxes` (at least 1) is needed, not `units`.
        assert_eq!(plain.get("boxes"), Some(&Value::from(1)), "{plain}");
        assert!(plain.get("units").is_none(), "{plain}");
        // The first option of the required group, and nothing for company tokens.
        assert!(plain.get("customerId").is_some() && plain.get("customerCode").is_none());
        assert!(plain.get("price").is_none(), "{plain}");
        let company = ValidationContext {
            token_kind: Some(TokenKind::Company),
            ..ValidationContext::default()
        };
        let built = build(&LINE, &company);
        assert!(built.get("price").is_some(), "{built}");
        komet_api::validate::validate_value(&LINE, &built, &company).unwrap();
    }
}
