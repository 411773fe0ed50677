//! Cross-field rules: `require`, `require_one_of`, `date_span` and their conditions.

use super::names::{scalar_to_wire, sibling};
use super::{Lowerer, ObjectCtx};
use crate::ir::*;
use crate::model::{DateSpanDef, RuleDef};

impl Lowerer {
    pub(super) fn lower_rules(
        &mut self,
        ctx: &ObjectCtx<'_>,
        defs: &[RuleDef],
        fields: &[Field],
        groups: &[Alternative],
    ) -> (Vec<Rule>, Vec<DateSpan>) {
        let base = sibling(&ctx.node, "rules");
        let mut rules = Vec::new();
        let mut spans = Vec::new();
        for (ri, def) in defs.iter().enumerate() {
            let node = format!("{base}[{ri}]");
            let (key, names, need) = match (&def.require, &def.require_one_of, &def.date_span) {
                (Some(names), None, None) => ("require", names, Need::All),
                (None, Some(names), None) => ("require_one_of", names, Need::AtLeastOne),
                (None, None, Some(span)) => {
                    if def.when.is_some() || def.unless_present.is_some() {
                        self.error(
                            ctx.source,
                            &node,
                            "a `date_span` rule takes no `when` or `unless_present`",
                        );
                    } else if let Some(span) =
                        self.lower_date_span(ctx, &format!("{node}.date_span"), span, fields)
                    {
                        spans.push(span);
                    }
                    continue;
                }
                _ => {
                    self.error(
                        ctx.source,
                        &node,
                        "a rule has exactly one of `require`, `require_one_of` or `date_span`",
                    );
                    continue;
                }
            };
            let known = |name: &str| {
                fields.iter().any(|f| f.wire == name) || groups.iter().any(|g| g.name == name)
            };
            let mut ok = true;
            for (i, name) in names.iter().enumerate() {
                if !known(name) {
                    self.error(
                        ctx.source,
                        &format!("{node}.{key}[{i}]"),
                        format!("`{name}` is neither a field nor a group of this object"),
                    );
                    ok = false;
                }
            }
            let least = if need == Need::AtLeastOne { 2 } else { 1 };
            if names.len() < least {
                let message = if need == Need::AtLeastOne {
                    "`require_one_of` names at least two fields; use `require` for one"
                } else {
                    "name at least one field to require"
                };
                self.error(ctx.source, &format!("{node}.{key}"), message);
                ok = false;
            }
            let condition = match (&def.when, &def.unless_present) {
                (Some(_), Some(_)) => {
                    self.error(
                        ctx.source,
                        &node,
                        "a rule has `when` or `unless_present`, not both",
                    );
                    None
                }
                (None, None) => Some(Condition::Always),
                (None, Some(names)) => {
                    for (i, name) in names.iter().enumerate() {
                        if !fields.iter().any(|f| &f.wire == name) {
                            self.error(
                                ctx.source,
                                &format!("{node}.unless_present[{i}]"),
                                format!("field `{name}` does not exist in this object"),
                            );
                            ok = false;
                        }
                    }
                    Some(Condition::UnlessPresent(names.clone()))
                }
                (Some(when), None) => self.lower_when(ctx, &format!("{node}.when"), when, fields),
            };
            if let (true, Some(condition)) = (ok, condition) {
                rules.push(Rule {
                    require: names.clone(),
                    need,
                    condition,
                });
            }
        }
        (rules, spans)
    }

    /// `date_span`: two different `date` fields of this object and a positive day count.
    pub(super) fn lower_date_span(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        def: &DateSpanDef,
        fields: &[Field],
    ) -> Option<DateSpan> {
        let mut ok = true;
        for (key, name) in [("from", &def.from), ("to", &def.to)] {
            match fields.iter().find(|f| &f.wire == name) {
                None => {
                    self.error(
                        ctx.source,
                        &format!("{node}.{key}"),
                        format!("field `{name}` does not exist in this object"),
                    );
                    ok = false;
                }
                Some(field) if !matches!(field.ty, Ty::Date) => {
                    self.error(
                        ctx.source,
                        &format!("{node}.{key}"),
                        format!("field `{name}` is not of type `date`"),
                    );
                    ok = false;
                }
                Some(_) => {}
            }
        }
        if ok && def.from == def.to {
            self.error(
                ctx.source,
                &format!("{node}.to"),
                "`from` and `to` must be different fields",
            );
            ok = false;
        }
        if def.max_days == 0 {
            self.error(
                ctx.source,
                &format!("{node}.max_days"),
                "`max_days` must be at least 1",
            );
            ok = false;
        }
        ok.then(|| DateSpan {
            from: def.from.clone(),
            to: def.to.clone(),
            max_days: def.max_days,
        })
    }

    pub(super) fn lower_when(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        when: &crate::model::WhenDef,
        fields: &[Field],
    ) -> Option<Condition> {
        let token = match &when.token {
            Some(kinds) => Some(self.lower_token_kinds(ctx, node, kinds)?),
            None => None,
        };
        let Some(field) = &when.field else {
            if when.equals.is_some() || when.present.is_some() {
                self.error(ctx.source, node, "`equals` and `present` need a `field`");
                return None;
            }
            if token.is_none() {
                self.error(
                    ctx.source,
                    node,
                    "`when` needs a `field`, a `token` or both",
                );
            }
            return token;
        };
        let on_field = self.lower_field_condition(ctx, node, when, field, fields)?;
        Some(match token {
            Some(token) => Condition::All(vec![on_field, token]),
            None => on_field,
        })
    }

    /// `when: { token: .. }`: kinds the method accepts, as a condition.
    pub(super) fn lower_token_kinds(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        kinds: &crate::model::TokenKinds,
    ) -> Option<Condition> {
        let mut kinds = kinds.to_vec();
        kinds.sort();
        kinds.dedup();
        if kinds.is_empty() {
            self.error(
                ctx.source,
                &format!("{node}.token"),
                "name at least one token kind",
            );
            return None;
        }
        if let Some(kind) = kinds.iter().find(|k| !ctx.tokens.contains(k)) {
            let name = format!("{kind:?}").to_lowercase();
            self.error(
                ctx.source,
                &format!("{node}.token"),
                format!("the method does not accept {name} tokens (see `tokens`)"),
            );
            return None;
        }
        Some(Condition::Token(kinds))
    }

    /// `when: { field: .., equals: .. | present: .. }`.
    pub(super) fn lower_field_condition(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        when: &crate::model::WhenDef,
        field: &String,
        fields: &[Field],
    ) -> Option<Condition> {
        // A leading `/` looks the field up in the top-level request.
        let target: Option<(&str, Option<&str>)> = match field.strip_prefix('/') {
            Some(root_name) => ctx
                .root
                .iter()
                .find(|f| f.name == root_name)
                .map(|f| (f.name.as_str(), f.ty.strip_prefix("enum:"))),
            None => fields.iter().find(|f| &f.wire == field).map(|f| {
                let enum_name = match &f.ty {
                    Ty::Enum(name) => Some(name.as_str()),
                    _ => None,
                };
                (f.wire.as_str(), enum_name)
            }),
        };
        let Some((_, enum_name)) = target else {
            self.error(
                ctx.source,
                &format!("{node}.field"),
                format!("field `{field}` does not exist"),
            );
            return None;
        };
        match (&when.equals, when.present) {
            (Some(value), None) => {
                let value = scalar_to_wire(value);
                if let Some((_, values)) = enum_name.and_then(|e| self.enum_values.get(e)) {
                    if !values.contains(&value) {
                        self.error(
                            ctx.source,
                            &format!("{node}.equals"),
                            format!(
                                "`{value}` is not a value of enum `{}`",
                                enum_name.unwrap_or_default()
                            ),
                        );
                        return None;
                    }
                }
                Some(Condition::Equals {
                    field: field.clone(),
                    value,
                })
            }
            (None, Some(present)) => Some(Condition::Present {
                field: field.clone(),
                present,
            }),
            _ => {
                self.error(
                    ctx.source,
                    node,
                    "`when` takes exactly one of `equals` or `present`",
                );
                None
            }
        }
    }
}
