//! Cross-field rules: groups of alternatives, conditional requirements (of all listed fields
//! or of at least one) and limits on date ranges.

use super::object::{Root, join, present};
use super::scalar::{parse_date, push, show_wire, wire_eq};
use super::{ValidationContext, Violation, ViolationRule};
use crate::json::{Json, Object};
use crate::meta::{
    AlternativeMeta, Condition, DateSpanMeta, Need, ObjectMeta, RuleMeta, WireValue,
};

/// Checks the alternatives, rules and date spans of one object.
pub(super) fn check(
    meta: &ObjectMeta,
    object: &Object<'_>,
    root: &Root<'_>,
    ctx: &ValidationContext,
    prefix: &str,
    out: &mut Vec<Violation>,
) {
    for group in meta.alternatives {
        alternatives(group, object, prefix, out);
    }
    let scope = Scope {
        meta,
        object,
        root,
        ctx,
        nested: !prefix.is_empty(),
    };
    for rule in meta.rules {
        conditional(rule, &scope, prefix, out);
    }
    for span in meta.date_spans {
        date_span(span, object, prefix, out);
    }
}

/// `to` no more than `max_days` after `from`; skipped unless both are valid dates (a bad date
/// is already reported by the field check).
fn date_span(span: &DateSpanMeta, object: &Object<'_>, prefix: &str, out: &mut Vec<Violation>) {
    let date = |name: &str| {
        present(object, name)
            .and_then(Json::as_str)
            .and_then(parse_date)
    };
    let (Some(from), Some(to)) = (date(span.from), date(span.to)) else {
        return;
    };
    let days = (to - from).num_days();
    if days > i64::from(span.max_days) {
        push(
            out,
            &join(prefix, span.to),
            ViolationRule::DateSpan,
            format!(
                "may be at most {} days after {} (got {days} days)",
                span.max_days, span.from
            ),
        );
    }
}

fn alternatives(
    group: &AlternativeMeta,
    object: &Object<'_>,
    prefix: &str,
    out: &mut Vec<Violation>,
) {
    let path = join(prefix, group.name);
    let given: Vec<&[&str]> = group
        .options
        .iter()
        .copied()
        .filter(|option| option_given(option, object))
        .collect();
    for option in &given {
        let missing: Vec<&str> = option
            .iter()
            .copied()
            .filter(|f| present(object, f).is_none())
            .collect();
        if !missing.is_empty() {
            push(
                out,
                &path,
                ViolationRule::Alternatives,
                format!(
                    "{} must be given together; missing {}",
                    option_label(option),
                    missing.join(", ")
                ),
            );
        }
    }
    if given.len() > 1 && group.exclusive {
        let got: Vec<String> = given.iter().map(|o| option_label(o)).collect();
        push(
            out,
            &path,
            ViolationRule::Exclusive,
            format!(
                "only one of {} may be given (got {})",
                options_label(group),
                got.join(" and ")
            ),
        );
    }
    if given.is_empty() && group.required {
        push(
            out,
            &path,
            ViolationRule::Required,
            format!("one of {} is required", options_label(group)),
        );
    }
}

fn option_given(option: &[&str], object: &Object<'_>) -> bool {
    option.iter().any(|f| present(object, f).is_some())
}

/// `customerCode + customerDescription`
fn option_label(option: &[&str]) -> String {
    option.join(" + ")
}

/// `customerId, or customerCode + customerDescription`
fn options_label(group: &AlternativeMeta) -> String {
    let labels: Vec<String> = group.options.iter().map(|o| option_label(o)).collect();
    labels.join(", or ")
}

/// The object a rule belongs to, and the request it is part of.
struct Scope<'a> {
    meta: &'a ObjectMeta,
    object: &'a Object<'a>,
    root: &'a Root<'a>,
    ctx: &'a ValidationContext,
    nested: bool,
}

impl Scope<'_> {
    /// Resolves a condition's field name: `/name` is a field of the top-level request.
    fn resolve<'n>(&self, field: &'n str) -> (&ObjectMeta, &Object<'_>, &'n str) {
        match field.strip_prefix('/') {
            Some(name) => (self.root.meta, self.root.object, name),
            None => (self.meta, self.object, field),
        }
    }

    /// Whether a field, or any option of an alternative group, is present.
    fn is_present(&self, field: &str) -> bool {
        let (meta, object, name) = self.resolve(field);
        match meta.alternatives.iter().find(|g| g.name == name) {
            Some(group) => group.options.iter().any(|o| option_given(o, object)),
            None => present(object, name).is_some(),
        }
    }

    /// The field's value, or its server default when absent.
    fn value_or_default(&self, field: &str) -> Option<Json<'_>> {
        let (meta, object, name) = self.resolve(field);
        if let Some(value) = present(object, name) {
            return Some(value.clone());
        }
        let default = meta.fields.iter().find(|f| f.name == name)?.default?;
        Some(match default {
            WireValue::Int(i) => Json::Number(i.to_string().into()),
            WireValue::Str(s) => Json::String(s.into()),
        })
    }

    /// A field name for a message.
    fn label(&self, field: &str) -> String {
        match field.strip_prefix('/') {
            Some(name) if self.nested => format!("the request's {name}"),
            Some(name) => name.to_owned(),
            None => field.to_owned(),
        }
    }

    /// `Some(" when itemType is BOX")` when the condition holds, `None` otherwise.
    fn condition(&self, condition: &Condition) -> Option<String> {
        match condition {
            Condition::Always => Some(String::new()),
            Condition::Equals { field, value } => {
                let actual = self.value_or_default(field)?;
                wire_eq(&actual, *value).then(|| {
                    format!(
                        " when {} is {}",
                        self.label(field),
                        show_wire(*value, false)
                    )
                })
            }
            Condition::Present { field, present } => {
                (self.is_present(field) == *present).then(|| {
                    let state = if *present { "given" } else { "not given" };
                    format!(" when {} is {state}", self.label(field))
                })
            }
            Condition::UnlessPresent(fields) => {
                (!fields.iter().any(|f| self.is_present(f))).then(|| {
                    let names: Vec<String> = fields.iter().map(|f| self.label(f)).collect();
                    format!(" unless {} is given", names.join(" or "))
                })
            }
            // An unknown token kind never triggers the rule.
            Condition::Token(kinds) => {
                let kind = self.ctx.token_kind.filter(|k| kinds.contains(k))?;
                Some(format!(" for {kind} tokens"))
            }
            Condition::All(conditions) => conditions
                .iter()
                .map(|condition| self.condition(condition))
                .collect::<Option<Vec<String>>>()
                .map(|reasons| reasons.concat()),
        }
    }
}

fn conditional(rule: &RuleMeta, scope: &Scope<'_>, prefix: &str, out: &mut Vec<Violation>) {
    let Some(reason) = scope.condition(&rule.condition) else {
        return;
    };
    if rule.need == Need::AtLeastOne {
        if !rule.require.iter().any(|name| scope.is_present(name)) {
            let path = join(prefix, rule.require.first().copied().unwrap_or_default());
            let message = format!(
                "at least one of {} is required{reason}",
                rule.require.join(", ")
            );
            push(out, &path, ViolationRule::RequireOneOf, message);
        }
        return;
    }
    for &name in rule.require {
        let path = join(prefix, name);
        if let Some(group) = scope.meta.alternatives.iter().find(|g| g.name == name) {
            if !group.options.iter().any(|o| option_given(o, scope.object)) {
                let message = format!("one of {} is required{reason}", options_label(group));
                push(out, &path, ViolationRule::ConditionalRequired, message);
            }
            continue;
        }
        let already = out
            .iter()
            .any(|v| v.path == path && v.rule == ViolationRule::Required);
        if present(scope.object, name).is_none() && !already {
            let message = format!("is required{reason}");
            push(out, &path, ViolationRule::ConditionalRequired, message);
        }
    }
}
