//! Checks the parsed spec and lowers it into the `ir` model. Every problem is collected with
//! its location, so one run reports them all.

use std::collections::{BTreeMap, BTreeSet};

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

use crate::ir::*;
use crate::model::{
    AlternativeDef, DateSpanDef, EnumDef, FieldDef, MethodDef, RestrictionDef, RestrictionWord,
    RuleDef, Scalar, SettingRef,
};
use crate::source::{Source, SpecError};
use crate::types::{kind_name, parse_type, TypeSpec};

/// Checks every source and builds the API model, or returns every problem found.
pub fn lower(sources: &[Source]) -> Result<Api, Vec<SpecError>> {
    let mut lowerer = Lowerer::default();
    lowerer.type_names.insert(
        STATUS_RESPONSE.to_string(),
        "the shared status/message response of common.rs".to_string(),
    );
    for source in sources {
        lowerer.collect_shared(source);
    }
    let mut areas: BTreeMap<String, Area> = BTreeMap::new();
    let mut method_names: BTreeMap<String, String> = BTreeMap::new();
    for source in sources {
        lowerer.lower_area(source, &mut areas, &mut method_names);
    }
    if !lowerer.errors.is_empty() {
        return Err(lowerer.errors);
    }
    let mut api = lowerer.api;
    api.areas = areas.into_values().collect();
    for area in &mut api.areas {
        area.methods.sort_by(|a, b| a.name.cmp(&b.name));
    }
    api.enums.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(api)
}

/// The shared response type of methods that answer only with `status` and `message`.
pub const STATUS_RESPONSE: &str = "StatusResponse";

#[derive(Default)]
struct Lowerer {
    api: Api,
    errors: Vec<SpecError>,
    /// Enum name to its repr and wire values, for checking references and values.
    enum_values: BTreeMap<String, (EnumRepr, Vec<Wire>)>,
    /// Every generated type name, with the method that introduced it.
    type_names: BTreeMap<String, String>,
}

/// Where an object sits, for naming and messages.
struct ObjectCtx<'a> {
    source: &'a Source,
    node: String,
    rust_name: String,
    response: bool,
    query: bool,
    /// Names of the top-level request fields, for `/field` conditions.
    root: &'a [FieldDef],
    prefix: &'a str,
    /// Token kinds the method accepts, for `when: { token: .. }`.
    tokens: &'a [TokenKind],
}

impl Lowerer {
    fn error(&mut self, source: &Source, node: &str, message: impl Into<String>) {
        self.errors.push(source.error_at(node, message));
    }

    fn collect_shared(&mut self, source: &Source) {
        for (i, def) in source.spec.enums.iter().enumerate() {
            self.collect_enum(source, &format!("enums[{i}]"), def);
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
            } else {
                self.api.settings.push(Setting {
                    name: def.name.clone(),
                    doc: def.doc.clone(),
                });
            }
        }
    }

    fn collect_enum(&mut self, source: &Source, node: &str, def: &EnumDef) {
        if self.enum_values.contains_key(&def.name) {
            self.error(
                source,
                &format!("{node}.name"),
                format!("enum `{}` is declared twice", def.name),
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
            if !is_type_ident(&value.name) || value.name == "Unknown" {
                self.error(
                    source,
                    &format!("{vnode}.name"),
                    format!(
                        "variant `{}` must be UpperCamelCase and not `Unknown`",
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

    fn lower_area(
        &mut self,
        source: &Source,
        areas: &mut BTreeMap<String, Area>,
        method_names: &mut BTreeMap<String, String>,
    ) {
        let spec = &source.spec;
        let Some(area_name) = &spec.area else {
            if !spec.methods.is_empty() {
                self.error(
                    source,
                    "methods",
                    "a file with methods must name its `area`",
                );
            }
            return;
        };
        if area_name.to_snake_case() != *area_name
            || area_name == "common"
            || area_name == "registry"
        {
            self.error(
                source,
                "area",
                format!("area `{area_name}` must be snake_case and not `common` or `registry`"),
            );
            return;
        }
        // Generated preambles name files relative to the workspace, wherever the spec was read.
        let file = match source.path.file_name() {
            Some(name) => format!("spec/{}", name.to_string_lossy()),
            None => source.path.display().to_string(),
        };
        let area = areas.entry(area_name.clone()).or_insert_with(|| Area {
            name: area_name.clone(),
            summary: String::new(),
            files: Vec::new(),
            methods: Vec::new(),
        });
        area.files.push(file.clone());
        if let Some(summary) = &spec.summary {
            if area.summary.is_empty() {
                area.summary = summary.clone();
            }
        }
        for (i, def) in spec.methods.iter().enumerate() {
            let node = format!("methods[{i}]");
            if let Some(first) = method_names.get(&def.name) {
                self.error(
                    source,
                    &format!("{node}.name"),
                    format!("method `{}` is already defined in {first}", def.name),
                );
                continue;
            }
            method_names.insert(def.name.clone(), file.clone());
            if let Some(method) = self.lower_method(source, &node, area_name, def) {
                area.methods.push(method);
            }
        }
    }

    fn lower_method(
        &mut self,
        source: &Source,
        node: &str,
        area: &str,
        def: &MethodDef,
    ) -> Option<Method> {
        let valid_name = !def.name.is_empty()
            && def
                .name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || ".-/_".contains(c));
        if !valid_name {
            self.error(
                source,
                &format!("{node}.name"),
                format!("`{}` is not a valid method name", def.name),
            );
            return None;
        }
        let fn_name = def.name.replace(['.', '-', '/'], "_").to_snake_case();
        let type_prefix = fn_name.to_upper_camel_case();
        let params = def.params.unwrap_or(match def.verb {
            Verb::Get => Placement::Query,
            Verb::Post => Placement::Body,
        });
        if params == Placement::Header {
            self.error(
                source,
                &format!("{node}.params"),
                "parameters travel in `body` or `query`, not `header`",
            );
        }
        if params == Placement::Body && def.verb == Verb::Get {
            self.error(
                source,
                &format!("{node}.params"),
                "a GET method cannot send a JSON body",
            );
        }
        let token = def.token.unwrap_or(params);
        if token == Placement::Body && params != Placement::Body {
            self.error(
                source,
                &format!("{node}.token"),
                "the token can travel in the body only when the parameters do",
            );
        }
        if def.tokens.is_empty() {
            self.error(
                source,
                &format!("{node}.tokens"),
                "list at least one token kind",
            );
        }
        let mut tokens = def.tokens.clone();
        tokens.sort();
        tokens.dedup();
        let assumed = self.lower_assumed(source, node, def);
        let effect = def.effect.unwrap_or(match def.verb {
            Verb::Get => Effect::Read,
            Verb::Post => Effect::Write,
        });
        let request = self.lower_object(
            ObjectCtx {
                source,
                node: format!("{node}.request"),
                rust_name: format!("{type_prefix}Request"),
                response: false,
                query: params == Placement::Query,
                root: &def.request,
                prefix: &type_prefix,
                tokens: &tokens,
            },
            &def.request,
            &def.alternatives,
            &def.rules,
        );
        let response = self.lower_object(
            ObjectCtx {
                source,
                node: format!("{node}.response"),
                rust_name: format!("{type_prefix}Response"),
                response: true,
                query: false,
                root: &def.response,
                prefix: &type_prefix,
                tokens: &tokens,
            },
            &def.response,
            &[],
            &[],
        );
        Some(Method {
            name: def.name.clone(),
            index_name: def.index_name.clone(),
            fn_name,
            type_prefix,
            area: area.to_string(),
            summary: def.summary.trim().to_string(),
            doc: def.doc.as_ref().map(|d| d.trim().to_string()),
            verb: def.verb,
            params,
            token,
            headers: def.headers.clone(),
            tokens,
            effect,
            fee: def.fee.clone(),
            limits: def.limits.clone(),
            doc_status: def.docs.status,
            assumed,
            notes: def.docs.notes.clone(),
            request,
            response,
        })
    }

    /// `docs.assumed`: known fact names, each once; none on a complete page; and a method with
    /// no page at all must admit that its verb and token kinds are assumed.
    fn lower_assumed(&mut self, source: &Source, node: &str, def: &MethodDef) -> Vec<Fact> {
        let mut facts = Vec::new();
        for (i, name) in def.docs.assumed.iter().enumerate() {
            let fnode = format!("{node}.docs.assumed[{i}]");
            match Fact::from_name(name) {
                None => {
                    let known: Vec<&str> = Fact::ALL.iter().map(|f| f.name()).collect();
                    self.error(
                        source,
                        &fnode,
                        format!(
                            "`{name}` is not a method fact; expected one of {}",
                            known.join(", ")
                        ),
                    );
                }
                Some(fact) if facts.contains(&fact) => {
                    self.error(source, &fnode, format!("`{name}` is listed twice"));
                }
                Some(fact) => facts.push(fact),
            }
        }
        match def.docs.status {
            DocStatus::Complete if !def.docs.assumed.is_empty() => self.error(
                source,
                &format!("{node}.docs.assumed"),
                "a method whose documentation is complete assumes nothing; \
                 set `status: partial` or drop `assumed`",
            ),
            DocStatus::Missing => {
                let lacking: Vec<&str> = [Fact::Verb, Fact::Tokens]
                    .into_iter()
                    .filter(|f| !facts.contains(f))
                    .map(Fact::name)
                    .collect();
                if !lacking.is_empty() {
                    self.error(
                        source,
                        &format!("{node}.docs.status"),
                        format!(
                            "a method without a documentation page must list {} under `docs.assumed`",
                            lacking.join(" and ")
                        ),
                    );
                }
            }
            _ => {}
        }
        facts.sort();
        facts
    }

    fn claim_type_name(&mut self, ctx: &ObjectCtx<'_>, node: &str, name: &str) {
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

    fn lower_object(
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

    fn lower_field(&mut self, ctx: &ObjectCtx<'_>, node: &str, def: &FieldDef) -> Option<Field> {
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
        if rust.to_snake_case() != rust || rust == "extra" {
            self.error(
                ctx.source,
                &format!("{node}.rust"),
                format!("Rust name `{rust}` must be snake_case and not `extra`"),
            );
        }
        let default = def.default.as_ref().map(scalar_to_wire);
        for (key, bound) in [("min", &def.min), ("max", &def.max)] {
            if bound.is_some() && !matches!(ty, Ty::Integer(_) | Ty::Decimal(..)) {
                self.error(
                    ctx.source,
                    &format!("{node}.{key}"),
                    format!("`{key}` applies to integer and decimal fields only"),
                );
            }
        }
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
            doc: def.doc.as_ref().map(|d| d.trim().to_string()),
            restrictions,
            samples_only: def.samples_only,
            group: None,
        })
    }

    fn resolve_type(
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
            TypeSpec::String(n) => Ty::String(n),
            TypeSpec::Integer(n) => Ty::Integer(n),
            TypeSpec::Decimal(p, s) => Ty::Decimal(p, s),
            TypeSpec::Date => Ty::Date,
            TypeSpec::DateTime => Ty::DateTime,
            TypeSpec::Flag => Ty::Flag,
            TypeSpec::Bool => Ty::Bool,
            TypeSpec::Enum(name) => self.enum_type(ctx.source, node, name)?,
            TypeSpec::List(inner) => Ty::List(Box::new(self.scalar_ty(ctx.source, node, *inner)?)),
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
        })
    }

    fn enum_type(&mut self, source: &Source, node: &str, name: String) -> Option<Ty> {
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

    fn scalar_ty(&mut self, source: &Source, node: &str, spec: TypeSpec) -> Option<Ty> {
        Some(match spec {
            TypeSpec::String(n) => Ty::String(n),
            TypeSpec::Integer(n) => Ty::Integer(n),
            TypeSpec::Decimal(p, s) => Ty::Decimal(p, s),
            TypeSpec::Date => Ty::Date,
            TypeSpec::DateTime => Ty::DateTime,
            TypeSpec::Flag => Ty::Flag,
            TypeSpec::Bool => Ty::Bool,
            TypeSpec::Enum(name) => self.enum_type(source, node, name)?,
            TypeSpec::Object | TypeSpec::Array | TypeSpec::Map | TypeSpec::List(_) => {
                unreachable!("parse_type keeps lists scalar")
            }
        })
    }

    fn lower_restriction(
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

    fn lower_alternatives(
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
            };
            self.register_alt_type(ctx.source, &format!("{node}.type"), shape);
            groups.push(Alternative {
                name: def.name.clone(),
                rust: def.name.to_snake_case(),
                ty: def.ty.clone(),
                required: def.required,
                exclusive: def.exclusive,
                options,
            });
        }
        groups
    }

    fn register_alt_type(&mut self, source: &Source, node: &str, shape: AltType) {
        let valid =
            is_type_ident(&shape.name) && shape.variants.iter().all(|(v, _)| is_type_ident(v));
        if !valid {
            self.error(
                source,
                node,
                format!(
                    "`{}` and its option names must be UpperCamelCase",
                    shape.name
                ),
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
                let message = format!("`{}` is used elsewhere with other options or field types; pick another type name", shape.name);
                self.error(source, node, message);
            }
            Some(_) => {}
            None => {
                self.api.alternatives.insert(shape.name.clone(), shape);
            }
        }
    }

    fn lower_rules(
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
    fn lower_date_span(
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

    fn lower_when(
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
    fn lower_token_kinds(
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
    fn lower_field_condition(
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

/// The node of key `key` beside an object's field list (`methods[0].request` ->
/// `methods[0].rules`, `methods[0].request[3].fields` -> `methods[0].request[3].rules`).
fn sibling(fields_node: &str, key: &str) -> String {
    let parent = fields_node
        .strip_suffix(".fields")
        .or_else(|| fields_node.strip_suffix(".request"))
        .or_else(|| fields_node.strip_suffix(".response"))
        .unwrap_or(fields_node);
    format!("{parent}.{key}")
}

/// An UpperCamelCase-style Rust type or variant name (`Box`, `K2K`).
fn is_type_ident(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

fn is_scalar(ty: &Ty) -> bool {
    !matches!(ty, Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::List(_))
}

fn scalar_to_wire(value: &Scalar) -> Wire {
    match value {
        Scalar::Int(n) => Wire::Int(*n),
        Scalar::Bool(b) => Wire::Int(i64::from(*b)),
        Scalar::Str(s) => Wire::Str(s.clone()),
    }
}

/// Naive English singular for type names of array elements (`PrebookItems` -> `PrebookItem`).
fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("sses")
        || name.ends_with("ches")
        || name.ends_with("shes")
        || name.ends_with("xes")
    {
        name[..name.len() - 2].to_string()
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_string()
    } else {
        format!("{name}Item")
    }
}
