//! Areas and the method-level facts: names, placements, token kinds, assumed facts.

use std::collections::BTreeMap;

use heck::{ToSnakeCase, ToUpperCamelCase};

use super::{Lowerer, ObjectCtx};
use crate::idents;
use crate::ir::*;
use crate::model::MethodDef;
use crate::source::Source;

/// Where Komet publishes its documentation (`docs.page` must point there).
const KOMET_DOC_HOSTS: &[&str] = &["kometsales.atlassian.net", "learn.kometsales.com"];

/// "The size limit for any request is 64kb" (Komet's Getting Started page), read as KiB.
pub const DEFAULT_MAX_REQUEST_BYTES: u32 = 64 * 1024;

impl Lowerer {
    pub(super) fn lower_area(
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
        // The area is a module, a file name and a cargo feature: no raw identifiers there.
        if let Some(problem) = idents::snake_problem(area_name, false) {
            self.error(
                source,
                "area",
                format!("area `{area_name}` cannot be a Rust module name: it {problem}"),
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

    /// Below this a request could not hold its own token and a field or two.
    fn check_request_limit(&mut self, source: &Source, node: &str, def: &MethodDef) {
        if def.max_request_bytes.is_some_and(|n| n < 1024) {
            self.error(
                source,
                &format!("{node}.max_request_bytes"),
                "`max_request_bytes` is at least 1024",
            );
        }
    }

    /// A header is listed once, as required or as optional.
    fn check_headers(&mut self, source: &Source, node: &str, def: &MethodDef) {
        let all: Vec<_> = def.headers.iter().chain(&def.optional_headers).collect();
        for (i, header) in all.iter().enumerate() {
            if all[..i].contains(header) {
                let key = if i < def.headers.len() {
                    "headers"
                } else {
                    "optional_headers"
                };
                self.error(
                    source,
                    &format!("{node}.{key}"),
                    format!(
                        "header `{header:?}` is listed twice (in `headers` or `optional_headers`)"
                    ),
                );
            }
        }
    }

    pub(super) fn lower_method(
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
        self.check_headers(source, node, def);
        self.check_request_limit(source, node, def);
        let fn_name = def.name.replace(['.', '-', '/'], "_").to_snake_case();
        // A client method named by a keyword would need `r#` at every call: refused instead.
        if let Some(problem) = idents::snake_problem(&fn_name, false) {
            self.error(
                source,
                &format!("{node}.name"),
                format!(
                    "method `{}` becomes the Rust function `{fn_name}`, which {problem}",
                    def.name
                ),
            );
            return None;
        }
        if let Some(other) = self.fn_names.get(&fn_name) {
            let message = format!(
                "method `{}` becomes the Rust function `{fn_name}`, like method `{other}`",
                def.name
            );
            self.error(source, &format!("{node}.name"), message);
            return None;
        }
        self.fn_names.insert(fn_name.clone(), def.name.clone());
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
            optional_headers: def.optional_headers.clone(),
            max_request_bytes: def.max_request_bytes.unwrap_or(DEFAULT_MAX_REQUEST_BYTES),
            tokens,
            effect,
            fee: def.fee.clone(),
            limits: def.limits.clone(),
            doc_status: def.docs.status,
            assumed,
            notes: def.docs.notes.clone(),
            page: self.lower_page(source, node, def),
            // Attached from the test vectors, when there are some (`crate::attach_samples`).
            sample: None,
            // Resolved once every method is known (`Lowerer::resolve_rows_from`).
            rows_from: None,
            request,
            response,
        })
    }

    /// `docs.page`: an `https` address on one of Komet's documentation sites, so rustdoc never
    /// links a reader anywhere else.
    fn lower_page(&mut self, source: &Source, node: &str, def: &MethodDef) -> Option<String> {
        let page = def.docs.page.as_ref()?;
        let host = page
            .strip_prefix("https://")
            .and_then(|rest| rest.split(['/', '?', '#']).next());
        let ok = host.is_some_and(|h| KOMET_DOC_HOSTS.contains(&h))
            && !page
                .chars()
                .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
        if !ok {
            self.error(
                source,
                &format!("{node}.docs.page"),
                format!(
                    "page `{page}` must be an https address on {}",
                    KOMET_DOC_HOSTS.join(" or ")
                ),
            );
            return None;
        }
        Some(page.clone())
    }

    /// `docs.assumed`: known fact names, each once; none on a complete page; and a method with
    /// no page at all must admit that its verb and token kinds are assumed.
    pub(super) fn lower_assumed(
        &mut self,
        source: &Source,
        node: &str,
        def: &MethodDef,
    ) -> Vec<Fact> {
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

    /// `docs.rows_from` names another method of the spec whose answer has rows (an array or
    /// map field at its top level); checked once every method is lowered.
    pub(super) fn resolve_rows_from(
        &mut self,
        sources: &[Source],
        areas: &mut BTreeMap<String, Area>,
    ) {
        let targets: BTreeMap<String, (String, bool)> = areas
            .values()
            .flat_map(|a| &a.methods)
            .map(|m| (m.name.clone(), (m.fn_name.clone(), has_rows(&m.response))))
            .collect();
        for source in sources {
            for (i, def) in source.spec.methods.iter().enumerate() {
                let Some(target) = &def.docs.rows_from else {
                    continue;
                };
                let node = format!("methods[{i}].docs.rows_from");
                let problem = match targets.get(target) {
                    None => Some(format!("`{target}` is not a method of the spec")),
                    Some(_) if *target == def.name => {
                        Some("a method cannot name itself as the source of its rows".to_owned())
                    }
                    Some((_, false)) => Some(format!(
                        "`{target}` lists no rows: its response has no array or map field"
                    )),
                    Some((fn_name, true)) => {
                        let rows = RowsFrom {
                            name: target.clone(),
                            fn_name: fn_name.clone(),
                        };
                        if let Some(method) = areas
                            .values_mut()
                            .flat_map(|a| a.methods.iter_mut())
                            .find(|m| m.name == def.name)
                        {
                            method.rows_from = Some(rows);
                        }
                        None
                    }
                };
                if let Some(problem) = problem {
                    self.error(source, &node, problem);
                }
            }
        }
    }
}

/// Whether an answer lists rows: an array or map among its top-level fields.
fn has_rows(response: &Object) -> bool {
    response
        .fields
        .iter()
        .any(|f| matches!(f.ty, Ty::Array(_) | Ty::Map(_)))
}
