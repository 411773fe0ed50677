//! `common.yaml`'s shared declarations: enumerations, text types, id types and company
//! settings.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::Lowerer;
use crate::idents::{self, variant_problem};
use crate::ir::*;
use crate::model::{EnumDef, IdDef, Scalar, TextDef};
use crate::source::Source;

impl Lowerer {
    pub(super) fn collect_shared(&mut self, source: &Source) {
        for (i, def) in source.spec.enums.iter().enumerate() {
            self.collect_enum(source, &format!("enums[{i}]"), def);
        }
        for (i, def) in source.spec.texts.iter().enumerate() {
            self.collect_text(source, &format!("texts[{i}].name"), def);
        }
        for (i, def) in source.spec.ids.iter().enumerate() {
            self.collect_id(source, &format!("ids[{i}].name"), def);
        }
        for (i, def) in source.spec.settings.iter().enumerate() {
            let node = format!("settings[{i}].name");
            if self.api.settings.iter().any(|s| s.name == def.name) {
                self.error(
                    source,
                    &node,
                    format!("setting `{}` is declared twice", def.name),
                );
            } else if def.name.to_snake_case() != def.name {
                self.error(
                    source,
                    &node,
                    format!("setting `{}` must be snake_case", def.name),
                );
            } else if let Some(problem) = setting_problem(&def.name) {
                self.error(source, &node, format!("setting `{}` {problem}", def.name));
            } else if let Some(other) = self
                .api
                .settings
                .iter()
                .find(|s| s.name.to_upper_camel_case() == def.name.to_upper_camel_case())
            {
                // Each setting is a `CompanySetting` variant named in UpperCamelCase.
                let message = format!(
                    "setting `{}` becomes the Rust variant `{}`, like setting `{}`",
                    def.name,
                    def.name.to_upper_camel_case(),
                    other.name
                );
                self.error(source, &node, message);
            } else {
                self.api.settings.push(Setting {
                    name: def.name.clone(),
                    doc: def.doc.clone(),
                });
            }
        }
    }

    fn collect_text(&mut self, source: &Source, node: &str, def: &TextDef) {
        if self.claim_common_name(source, node, &def.name, "text type") {
            self.api.texts.push(TextType {
                name: def.name.clone(),
                doc: def.doc.clone(),
            });
            self.api.texts.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }

    fn collect_id(&mut self, source: &Source, node: &str, def: &IdDef) {
        if self.claim_common_name(source, node, &def.name, "id type") {
            self.api.ids.push(IdType {
                name: def.name.clone(),
                doc: def.doc.clone(),
            });
            self.api.ids.sort_by(|a, b| a.name.cmp(&b.name));
        }
    }

    /// Takes `name` for a newtype of common.yaml (`what`: "text type", "id type"): it must be
    /// a valid type name that no enum or other type of the spec holds.
    fn claim_common_name(&mut self, source: &Source, node: &str, name: &str, what: &str) -> bool {
        if let Some(problem) = idents::type_problem(name) {
            self.error(source, node, format!("{what} name `{name}` {problem}"));
            return false;
        }
        if self.enum_values.contains_key(name) || self.type_names.contains_key(name) {
            self.error(source, node, format!("type `{name}` is declared twice"));
            return false;
        }
        let article = if what.starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        };
        self.type_names
            .insert(name.to_string(), format!("{article} {what} of common.yaml"));
        true
    }

    pub(super) fn collect_enum(&mut self, source: &Source, node: &str, def: &EnumDef) {
        if self.enum_values.contains_key(&def.name)
            || self.api.texts.iter().any(|t| t.name == def.name)
            || self.api.ids.iter().any(|t| t.name == def.name)
        {
            self.error(
                source,
                &format!("{node}.name"),
                format!("enum `{}` is declared twice", def.name),
            );
            return;
        }
        if let Some(problem) = idents::type_problem(&def.name) {
            self.error(
                source,
                &format!("{node}.name"),
                format!("enum name `{}` {problem}", def.name),
            );
            return;
        }
        if def.values.is_empty() {
            self.error(
                source,
                &format!("{node}.values"),
                format!("enum `{}` has no values; list at least one", def.name),
            );
            return;
        }
        let mut values = Vec::new();
        let mut names = BTreeSet::new();
        for (i, value) in def.values.iter().enumerate() {
            let vnode = format!("{node}.values[{i}]");
            let wire = match (&value.wire, def.repr) {
                (Scalar::Int(n), EnumRepr::Integer) => Wire::Int(*n),
                (Scalar::Str(s), EnumRepr::String) => Wire::Str(s.clone()),
                _ => {
                    self.error(
                        source,
                        &format!("{vnode}.wire"),
                        format!(
                            "value does not match repr `{:?}` of enum `{}`",
                            def.repr, def.name
                        )
                        .to_lowercase(),
                    );
                    continue;
                }
            };
            if values.iter().any(|(w, _): &(Wire, _)| *w == wire)
                || !names.insert(value.name.clone())
            {
                self.error(
                    source,
                    &vnode,
                    format!("enum `{}` repeats value or name `{}`", def.name, value.name),
                );
                continue;
            }
            if variant_problem(&value.name).is_some() || value.name == "Unknown" {
                self.error(
                    source,
                    &format!("{vnode}.name"),
                    format!(
                        "variant `{}` must be an UpperCamelCase Rust name, not `Self` or `Unknown`",
                        value.name
                    ),
                );
                continue;
            }
            values.push((wire, value));
        }
        self.enum_values.insert(
            def.name.clone(),
            (def.repr, values.iter().map(|(w, _)| w.clone()).collect()),
        );
        self.api.enums.push(Enum {
            name: def.name.clone(),
            repr: def.repr,
            doc: def.doc.clone(),
            values: values
                .into_iter()
                .map(|(wire, v)| EnumValue {
                    wire,
                    name: v.name.clone(),
                    doc: v.doc.clone(),
                })
                .collect(),
        });
    }
}

/// Why a setting name cannot become a `CompanySetting` variant (UpperCamelCase of the name).
fn setting_problem(name: &str) -> Option<String> {
    if let Some(problem) = idents::snake_problem(name, true) {
        return Some(problem);
    }
    let variant = name.to_upper_camel_case();
    variant_problem(&variant).map(|p| format!("becomes the Rust variant `{variant}`, which {p}"))
}
