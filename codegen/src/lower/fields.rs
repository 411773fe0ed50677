//! Objects and their fields: names, types (nested objects recurse here), bounds, defaults and
//! restrictions.

use std::collections::BTreeSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use super::names::{scalar_to_wire, singular};
use super::{Lowerer, ObjectCtx};
use crate::idents;
use crate::ir::*;
use crate::model::{
    AlternativeDef, FieldDef, RestrictionDef, RestrictionWord, RuleDef, SettingRef,
};
use crate::source::Source;
use crate::types::{parse_type, TypeSpec};

impl Lowerer {
    pub(super) fn claim_type_name(&mut self, ctx: &ObjectCtx<'_>, node: &str, name: &str) {
        if let Some(owner) = self.type_names.get(name) {
            let message = format!("generated type `{name}` would clash with one from {owner}; give the field a `rust` name");
            self.error(ctx.source, node, message);
        } else {
            self.type_names.insert(
                name.to_string(),
                format!("{}:{node}", ctx.source.path.display()),
            );
        }
    }

    pub(super) fn lower_object(
        &mut self,
        ctx: ObjectCtx<'_>,
        defs: &[FieldDef],
        alternatives: &[AlternativeDef],
        rules: &[RuleDef],
    ) -> Object {
        self.claim_type_name(&ctx, &ctx.node, &ctx.rust_name.clone());
        let mut fields = Vec::new();
        let mut seen_wire = BTreeSet::new();
        let mut seen_rust = BTreeSet::new();
        for (i, def) in defs.iter().enumerate() {
            let node = format!("{}[{i}]", ctx.node);
            if !seen_wire.insert(def.name.clone()) {
                self.error(
                    ctx.source,
                    &format!("{node}.name"),
                    format!("field `{}` is listed twice", def.name),
                );
                continue;
            }
            if let Some(field) = self.lower_field(&ctx, &node, def) {
                if !seen_rust.insert(field.rust.clone()) {
                    self.error(
                        ctx.source,
                        &format!("{node}.name"),
                        format!("Rust name `{}` is used twice; set `rust`", field.rust),
                    );
                    continue;
                }
                fields.push(field);
            }
        }
        let alternatives = self.lower_alternatives(&ctx, alternatives, &mut fields);
        let (rules, date_spans) = self.lower_rules(&ctx, rules, &fields, &alternatives);
        Object {
            meta_name: format!("{}_OBJECT", ctx.rust_name.to_shouty_snake_case()),
            rust_name: ctx.rust_name,
            fields,
            alternatives,
            rules,
            date_spans,
        }
    }

    pub(super) fn lower_field(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        def: &FieldDef,
    ) -> Option<Field> {
        if def.name.is_empty()
            || !def
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            self.error(
                ctx.source,
                &format!("{node}.name"),
                format!("`{}` is not a valid field name", def.name),
            );
            return None;
        }
        if ctx.response && !def.restrict.is_empty() {
            self.error(
                ctx.source,
                &format!("{node}.restrict"),
                "restrictions apply to request fields only",
            );
        }
        let spec = match parse_type(&def.ty) {
            Ok(spec) => spec,
            Err(message) => {
                self.error(ctx.source, &format!("{node}.type"), message);
                return None;
            }
        };
        let ty = self.resolve_type(ctx, node, def, spec)?;
        let rust = def.rust.clone().unwrap_or_else(|| def.name.to_snake_case());
        // Without `rust`, the name comes from `name`: point there.
        let rust_node = match def.rust {
            Some(_) => format!("{node}.rust"),
            None => format!("{node}.name"),
        };
        if rust.to_snake_case() != rust || rust == "extra" {
            self.error(
                ctx.source,
                &rust_node,
                format!("Rust name `{rust}` must be snake_case and not `extra`"),
            );
            return None;
        }
        if idents::BUILDER_NAMES.contains(&rust.as_str()) {
            self.error(
                ctx.source,
                &rust_node,
                format!(
                    "Rust name `{rust}` is a method of every request builder; set another `rust`"
                ),
            );
            return None;
        }
        if let Some(problem) = idents::snake_problem(&rust, true) {
            let message = match def.rust {
                Some(_) => format!("Rust name `{rust}` {problem}"),
                None => format!(
                    "field `{}` becomes the Rust field `{rust}`, which {problem}; set `rust`",
                    def.name
                ),
            };
            self.error(ctx.source, &rust_node, message);
            return None;
        }
        let default = def.default.as_ref().map(scalar_to_wire);
        // A comma-separated list's bounds apply to each of its items.
        let bounded = match &ty {
            Ty::Csv { item, .. } => item.as_ref(),
            ty => ty,
        };
        for (key, bound) in [("min", &def.min), ("max", &def.max)] {
            if bound.is_some()
                && !matches!(bounded, Ty::Integer(_) | Ty::Id { .. } | Ty::Decimal(..))
            {
                self.error(
                    ctx.source,
                    &format!("{node}.{key}"),
                    format!(
                        "`{key}` applies to integer, id and decimal fields (and lists of them) only"
                    ),
                );
            }
        }
        self.check_bounds(ctx.source, node, def, bounded);
        self.check_default(ctx.source, node, def, &ty);
        let values = self.field_values(ctx.source, node, def, &ty);
        let restrictions = def
            .restrict
            .iter()
            .enumerate()
            .filter_map(|(i, r)| {
                self.lower_restriction(ctx.source, &format!("{node}.restrict[{i}]"), r)
            })
            .collect();
        Some(Field {
            wire: def.name.clone(),
            rust,
            ty,
            required: def.required,
            default,
            min: def.min.as_ref().map(|n| n.text()),
            max: def.max.as_ref().map(|n| n.text()),
            values,
            doc: def.doc.as_ref().map(|d| d.trim().to_string()),
            restrictions,
            samples_only: def.samples_only,
            observed: def.docs == crate::model::FieldSource::Observed,
            group: None,
        })
    }

    pub(super) fn resolve_type(
        &mut self,
        ctx: &ObjectCtx<'_>,
        node: &str,
        def: &FieldDef,
        spec: TypeSpec,
    ) -> Option<Ty> {
        let nested = matches!(spec, TypeSpec::Object | TypeSpec::Array | TypeSpec::Map);
        match (&def.fields, nested) {
            (None, true) => {
                self.error(
                    ctx.source,
                    &format!("{node}.type"),
                    format!("`{}` needs `fields`", def.ty),
                );
                return None;
            }
            (Some(_), false) => {
                self.error(
                    ctx.source,
                    &format!("{node}.fields"),
                    "only `object`, `array` and `map` fields have `fields`",
                );
                return None;
            }
            _ => {}
        }
        if !nested && (!def.alternatives.is_empty() || !def.rules.is_empty()) {
            self.error(
                ctx.source,
                node,
                "only `object`, `array` and `map` fields have `alternatives` or `rules`",
            );
        }
        if nested && ctx.query {
            self.error(
                ctx.source,
                &format!("{node}.type"),
                "a query-string method cannot send nested objects or arrays",
            );
            return None;
        }
        Some(match spec {
            TypeSpec::List(inner) => Ty::List(Box::new(self.scalar_ty(ctx.source, node, *inner)?)),
            TypeSpec::Csv(max_len, item) => Ty::Csv {
                max_len,
                item: Box::new(self.scalar_ty(ctx.source, node, *item)?),
            },
            TypeSpec::Object | TypeSpec::Array | TypeSpec::Map => {
                let base = def
                    .rust
                    .as_deref()
                    .unwrap_or(&def.name)
                    .to_upper_camel_case();
                let singular = if matches!(spec, TypeSpec::Array | TypeSpec::Map) {
                    singular(&base)
                } else {
                    base
                };
                let middle = if ctx.response { "Response" } else { "" };
                let object = self.lower_object(
                    ObjectCtx {
                        source: ctx.source,
                        node: format!("{node}.fields"),
                        rust_name: format!("{}{middle}{singular}", ctx.prefix),
                        response: ctx.response,
                        query: ctx.query,
                        root: ctx.root,
                        prefix: ctx.prefix,
                        tokens: ctx.tokens,
                    },
                    def.fields.as_deref().unwrap_or_default(),
                    &def.alternatives,
                    &def.rules,
                );
                match spec {
                    TypeSpec::Array => Ty::Array(Box::new(object)),
                    TypeSpec::Map => Ty::Map(Box::new(object)),
                    _ => Ty::Object(Box::new(object)),
                }
            }
            scalar => self.scalar_ty(ctx.source, node, scalar)?,
        })
    }

    pub(super) fn enum_type(&mut self, source: &Source, node: &str, name: String) -> Option<Ty> {
        if self.enum_values.contains_key(&name) {
            Some(Ty::Enum(name))
        } else {
            self.error(
                source,
                &format!("{node}.type"),
                format!("enum `{name}` is not declared"),
            );
            None
        }
    }

    pub(super) fn text_type(
        &mut self,
        source: &Source,
        node: &str,
        name: String,
        max_len: Option<u32>,
    ) -> Option<Ty> {
        if self.api.texts.iter().any(|t| t.name == name) {
            Some(Ty::Text { name, max_len })
        } else {
            self.error(
                source,
                &format!("{node}.type"),
                format!("text type `{name}` is not declared under `texts`"),
            );
            None
        }
    }

    pub(super) fn id_type(
        &mut self,
        source: &Source,
        node: &str,
        name: String,
        max_digits: Option<u32>,
    ) -> Option<Ty> {
        if self.api.ids.iter().any(|t| t.name == name) {
            Some(Ty::Id { name, max_digits })
        } else {
            self.error(
                source,
                &format!("{node}.type"),
                format!("id type `{name}` is not declared under `ids`"),
            );
            None
        }
    }

    pub(super) fn scalar_ty(&mut self, source: &Source, node: &str, spec: TypeSpec) -> Option<Ty> {
        Some(match spec {
            TypeSpec::String(n) => Ty::String(n),
            TypeSpec::Integer(n) => Ty::Integer(n),
            TypeSpec::Decimal(p, s) => Ty::Decimal(p, s),
            TypeSpec::Date => Ty::Date,
            TypeSpec::DateTime => Ty::DateTime,
            TypeSpec::Flag => Ty::Flag,
            TypeSpec::Bool => Ty::Bool,
            TypeSpec::Enum(name) => self.enum_type(source, node, name)?,
            TypeSpec::Text(name, max_len) => self.text_type(source, node, name, max_len)?,
            TypeSpec::Id(name, max_digits) => self.id_type(source, node, name, max_digits)?,
            // parse_type keeps lists scalar; should that change, this is an error, not a panic.
            TypeSpec::Object
            | TypeSpec::Array
            | TypeSpec::Map
            | TypeSpec::List(_)
            | TypeSpec::Csv(..) => {
                self.error(source, &format!("{node}.type"), "a list holds scalars only");
                return None;
            }
        })
    }

    pub(super) fn lower_restriction(
        &mut self,
        source: &Source,
        node: &str,
        def: &RestrictionDef,
    ) -> Option<Restriction> {
        let keyed = match def {
            RestrictionDef::Word(RestrictionWord::TransactionalAccess) => {
                return Some(Restriction::TransactionalAccess)
            }
            RestrictionDef::Word(RestrictionWord::MultiLocation) => {
                return Some(Restriction::MultiLocation)
            }
            RestrictionDef::Keyed(keyed) => keyed,
        };
        match (&keyed.ignored_for, &keyed.setting) {
            (Some(kinds), None) if !kinds.is_empty() => {
                Some(Restriction::IgnoredFor(kinds.clone()))
            }
            (None, Some(setting)) => {
                let (name, for_tokens) = match setting {
                    SettingRef::Name(name) => (name.clone(), Vec::new()),
                    SettingRef::Scoped { name, for_tokens } => (name.clone(), for_tokens.clone()),
                };
                if !self.api.settings.iter().any(|s| s.name == name) {
                    self.error(
                        source,
                        node,
                        format!("setting `{name}` is not declared under `settings`"),
                    );
                    return None;
                }
                Some(Restriction::Setting { name, for_tokens })
            }
            _ => {
                self.error(source, node, "a restriction mapping has exactly one key: `ignored_for` (a non-empty list) or `setting`");
                None
            }
        }
    }
}
