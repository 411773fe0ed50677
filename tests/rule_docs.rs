//! Every rule of the spec is stated in the rustdoc of each request field it involves, in the
//! words the OpenAPI document and `komet describe` use: bounds, restrictions, conditional
//! requirements, alternative groups and date spans. Read from the checked spec (the source of
//! the validator's tables) and from the generated source, so a rule the docs drop fails here.

use std::collections::BTreeMap;
use std::path::Path;

use komet_codegen::ir::{Condition, Object, Ty};
use komet_codegen::openapi::words;

/// Struct name -> Rust field name -> rustdoc, for every struct of the generated modules.
fn generated_docs(root: &Path) -> BTreeMap<String, BTreeMap<String, String>> {
    let mut docs = BTreeMap::new();
    let dir = root.join("komet-api/src/generated");
    for entry in std::fs::read_dir(&dir).expect("generated folder") {
        let path = entry.expect("entry").path();
        let text = std::fs::read_to_string(&path).expect("generated file");
        let file = syn::parse_file(&text).expect("generated Rust parses");
        for item in file.items {
            let syn::Item::Struct(s) = item else { continue };
            let fields = s
                .fields
                .iter()
                .filter_map(|f| {
                    let name = f.ident.as_ref()?.to_string();
                    let name = name.trim_start_matches("r#").to_string();
                    Some((name, doc_of(&f.attrs)))
                })
                .collect();
            docs.insert(s.ident.to_string(), fields);
        }
    }
    docs
}

fn doc_of(attrs: &[syn::Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines
        .join("\n")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn condition_fields(condition: &Condition, out: &mut Vec<String>) {
    match condition {
        Condition::Equals { field, .. } | Condition::Present { field, .. } => {
            out.push(field.clone())
        }
        Condition::UnlessPresent(fields) => out.extend(fields.iter().cloned()),
        Condition::All(all) => all.iter().for_each(|c| condition_fields(c, out)),
        Condition::Always | Condition::Token(_) => {}
    }
}

/// Checks one request object and the objects inside it; returns what is missing.
fn check(
    object: &Object,
    docs: &BTreeMap<String, BTreeMap<String, String>>,
    checked: &mut usize,
    missing: &mut Vec<String>,
) {
    let Some(fields) = docs.get(&object.rust_name) else {
        missing.push(format!("no struct {}", object.rust_name));
        return;
    };
    let doc_of = |wire: &str| -> Option<&String> {
        let field = object.fields.iter().find(|f| f.wire == wire)?;
        // A field of an alternative group is documented on the group's member.
        let rust = match field.group {
            Some(g) => &object.alternatives[g].rust,
            None => &field.rust,
        };
        fields.get(rust.as_str())
    };
    let mut expect = |wire: &str, sentence: String| match doc_of(wire) {
        Some(doc) if doc.contains(&one_line(&sentence)) => *checked += 1,
        Some(_) => missing.push(format!("{}.{wire}: `{sentence}`", object.rust_name)),
        // A `/field` of the whole request, documented where it is declared.
        None if wire.starts_with('/') => {}
        None => missing.push(format!("{}.{wire}: no such field", object.rust_name)),
    };
    for field in &object.fields {
        if field.group.is_none() {
            expect(
                &field.wire,
                format!(
                    "Wire name `{}`; {}.",
                    field.wire,
                    komet_codegen::emit::bound(&field.ty)
                ),
            );
        }
        for restriction in &field.restrictions {
            expect(&field.wire, words::restriction(restriction));
        }
    }
    for rule in &object.rules {
        let sentence = format!("Rule: {}", words::rule(rule));
        let mut named: Vec<String> = rule.require.clone();
        condition_fields(&rule.condition, &mut named);
        for wire in named {
            // Rules may name a group: its member carries the rule.
            if object.alternatives.iter().any(|g| g.name == wire) {
                continue;
            }
            expect(&wire, sentence.clone());
        }
    }
    for group in &object.alternatives {
        let sentence = words::alternative(group, object);
        let wire = &object.fields[group.options[0].1[0]].wire;
        expect(wire, sentence);
    }
    for span in &object.date_spans {
        let sentence = format!("Rule: {}", words::date_span(span));
        expect(&span.from, sentence.clone());
        expect(&span.to, sentence);
    }
    for field in &object.fields {
        if let Ty::Object(o) | Ty::Array(o) | Ty::Map(o) = &field.ty {
            check(o, docs, checked, missing);
        }
    }
}

#[test]
fn every_rule_is_in_the_docs_of_its_fields() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let api = komet_codegen::check_dir(&root.join("spec")).expect("the spec is valid");
    let docs = generated_docs(&root);
    let mut missing = Vec::new();
    let mut checked = 0;
    for method in api.methods() {
        check(&method.request, &docs, &mut checked, &mut missing);
    }
    assert!(checked > 500, "sentences found in the docs: {checked}");
    assert!(
        missing.is_empty(),
        "{} missing from the field docs:\n{}",
        missing.len(),
        missing.join("\n")
    );
}
