//! Groups of alternatives: each becomes one Rust enum field, shared by name across methods.

use heck::ToSnakeCase;

use super::names::{is_scalar, sibling};
use super::{Lowerer, ObjectCtx};
use crate::idents;
use crate::ir::*;
use crate::model::AlternativeDef;
use crate::source::Source;
use crate::types::kind_name;

impl Lowerer {
    pub(super) fn lower_alternatives(
        &mut self,
        ctx: &ObjectCtx<'_>,
        defs: &[AlternativeDef],
        fields: &mut [Field],
    ) -> Vec<Alternative> {
        let mut groups = Vec::new();
        for (gi, def) in defs.iter().enumerate() {
            let node = format!("{}[{gi}]", sibling(&ctx.node, "alternatives"));
            if fields
                .iter()
                .any(|f| f.wire == def.name || f.rust == def.name.to_snake_case())
            {
                self.error(
                    ctx.source,
                    &format!("{node}.name"),
                    format!("group `{}` has the name of a field", def.name),
                );
                continue;
            }
            // The group is a struct field named by the snake_case of its name.
            let rust = def.name.to_snake_case();
            if let Some(problem) = idents::snake_problem(&rust, true) {
                self.error(
                    ctx.source,
                    &format!("{node}.name"),
                    format!(
                        "group `{}` becomes the Rust field `{rust}`, which {problem}",
                        def.name
                    ),
                );
                continue;
            }
            if rust == "extra"
                || idents::BUILDER_NAMES.contains(&rust.as_str())
                || groups.iter().any(|g: &Alternative| g.rust == rust)
            {
                self.error(
                    ctx.source,
                    &format!("{node}.name"),
                    format!(
                        "group `{}` becomes the Rust field `{rust}`, which is already taken",
                        def.name
                    ),
                );
                continue;
            }
            if def.options.len() < 2 {
                self.error(
                    ctx.source,
                    &format!("{node}.options"),
                    "a group of alternatives needs at least two options",
                );
                continue;
            }
            let mut options = Vec::new();
            for (oi, option) in def.options.iter().enumerate() {
                let mut indices = Vec::new();
                for (fi, name) in option.fields.iter().enumerate() {
                    let fnode = format!("{node}.options[{oi}].fields[{fi}]");
                    match fields.iter().position(|f| &f.wire == name) {
                        None => self.error(
                            ctx.source,
                            &fnode,
                            format!("field `{name}` does not exist in this object"),
                        ),
                        Some(i) if fields[i].group.is_some() => self.error(
                            ctx.source,
                            &fnode,
                            format!("field `{name}` already belongs to a group"),
                        ),
                        Some(i) if fields[i].required => self.error(
                            ctx.source,
                            &fnode,
                            format!("field `{name}` is `required`; a field in a group cannot be"),
                        ),
                        Some(i) if !is_scalar(&fields[i].ty) => self.error(
                            ctx.source,
                            &fnode,
                            format!("field `{name}` is not a scalar"),
                        ),
                        Some(i) => {
                            fields[i].group = Some(groups.len());
                            indices.push(i);
                        }
                    }
                }
                if option.fields.is_empty() {
                    self.error(
                        ctx.source,
                        &format!("{node}.options[{oi}]"),
                        "an option needs at least one field",
                    );
                }
                options.push((option.name.clone(), indices));
            }
            let shape = AltType {
                name: def.ty.clone(),
                variants: options
                    .iter()
                    .map(|(name, idx)| {
                        let fs = idx
                            .iter()
                            .map(|&i| AltField {
                                wire: fields[i].wire.clone(),
                                rust: fields[i].rust.clone(),
                                kind: kind_name(&fields[i].ty),
                            })
                            .collect();
                        (name.clone(), fs)
                    })
                    .collect(),
                exclusive: def.exclusive,
            };
            self.register_alt_type(ctx.source, &format!("{node}.type"), shape);
            groups.push(Alternative {
                name: def.name.clone(),
                rust,
                ty: def.ty.clone(),
                required: def.required,
                exclusive: def.exclusive,
                options,
            });
        }
        groups
    }

    pub(super) fn register_alt_type(&mut self, source: &Source, node: &str, shape: AltType) {
        if let Some(problem) = idents::type_problem(&shape.name) {
            self.error(
                source,
                node,
                format!("group type `{}` {problem}", shape.name),
            );
            return;
        }
        if let Some((variant, problem)) = shape
            .variants
            .iter()
            .find_map(|(v, _)| idents::variant_problem(v).map(|p| (v, p)))
        {
            self.error(
                source,
                node,
                format!("option `{variant}` of `{}` {problem}", shape.name),
            );
            return;
        }
        if self.enum_values.contains_key(&shape.name) {
            self.error(
                source,
                node,
                format!("`{}` is already an enum name", shape.name),
            );
            return;
        }
        match self.api.alternatives.get(&shape.name) {
            Some(existing) if *existing != shape => {
                let message = format!("`{}` is used elsewhere with other options, field types or exclusiveness; pick another type name", shape.name);
                self.error(source, node, message);
            }
            Some(_) => {}
            None => {
                self.api.alternatives.insert(shape.name.clone(), shape);
            }
        }
    }
}
