//! Cross-field rules: groups of alternatives, conditional requirements (of all listed fields
//! or of at least one) and limits on date ranges.

use super::object::{Root, present};
use super::path::Path;
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
    prefix: &Path<'_>,
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
        nested: !prefix.is_root(),
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
fn date_span(
    span: &DateSpanMeta,
    object: &Object<'_>,
    prefix: &Path<'_>,
    out: &mut Vec<Violation>,
) {
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
            &prefix.member(span.to),
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
    prefix: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let path = prefix.member(group.name);
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

    /// Whether the condition holds (an unknown token kind never triggers a rule).
    fn holds(&self, condition: &Condition) -> bool {
        match condition {
            Condition::Always => true,
            Condition::Equals { field, value } => self
                .value_or_default(field)
                .is_some_and(|actual| wire_eq(&actual, *value)),
            Condition::Present { field, present } => self.is_present(field) == *present,
            Condition::UnlessPresent(fields) => !fields.iter().any(|f| self.is_present(f)),
            Condition::Token(kinds) => self.ctx.token_kind.is_some_and(|k| kinds.contains(&k)),
            Condition::All(conditions) => conditions.iter().all(|c| self.holds(c)),
        }
    }

    /// Why a condition that [holds](Self::holds) applies, for a message: `" when itemType is
    /// BOX"`. Written only for a violation.
    fn reason(&self, condition: &Condition) -> String {
        match condition {
            Condition::Always => String::new(),
            Condition::Equals { field, value } => format!(
                " when {} is {}",
                self.label(field),
                show_wire(*value, false)
            ),
            Condition::Present { field, present } => {
                let state = if *present { "given" } else { "not given" };
                format!(" when {} is {state}", self.label(field))
            }
            Condition::UnlessPresent(fields) => {
                let names: Vec<String> = fields.iter().map(|f| self.label(f)).collect();
                format!(" unless {} is given", names.join(" or "))
            }
            Condition::Token(_) => match self.ctx.token_kind {
                Some(kind) => format!(" for {kind} tokens"),
                None => String::new(),
            },
            Condition::All(conditions) => conditions.iter().map(|c| self.reason(c)).collect(),
        }
    }
}

fn conditional(rule: &RuleMeta, scope: &Scope<'_>, prefix: &Path<'_>, out: &mut Vec<Violation>) {
    if !scope.holds(&rule.condition) {
        return;
    }
    let reason = || scope.reason(&rule.condition);
    if rule.need == Need::AtLeastOne {
        if !rule.require.iter().any(|name| scope.is_present(name)) {
            let path = prefix.member(rule.require.first().copied().unwrap_or_default());
            let message = format!(
                "at least one of {} is required{}",
                rule.require.join(", "),
                reason()
            );
            push(out, &path, ViolationRule::RequireOneOf, message);
        }
        return;
    }
    for &name in rule.require {
        let path = prefix.member(name);
        if let Some(group) = scope.meta.alternatives.iter().find(|g| g.name == name) {
            if !group.options.iter().any(|o| option_given(o, scope.object)) {
                let message = format!("one of {} is required{}", options_label(group), reason());
                push(out, &path, ViolationRule::ConditionalRequired, message);
            }
            continue;
        }
        if present(scope.object, name).is_some() {
            continue;
        }
        let text = path.to_string();
        let already = out
            .iter()
            .any(|v| v.rule == ViolationRule::Required && v.path == text);
        if !already {
            let message = format!("is required{}", reason());
            push(out, &path, ViolationRule::ConditionalRequired, message);
        }
    }
}
