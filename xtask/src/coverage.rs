//! `cargo xtask coverage`: what the spec holds, per area and in total, which methods were
//! encoded from partial or missing documentation, which method facts were assumed, and which
//! fields were observed in real answers rather than documented.

use std::collections::BTreeMap;
use std::path::Path;

use komet_codegen::ir::{Api, DocStatus, Method, Object, Ty};

#[derive(Default, Clone, Copy)]
struct Counts {
    methods: usize,
    fields: usize,
    rules: usize,
    vectors: usize,
    partial: usize,
    missing: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.methods += other.methods;
        self.fields += other.fields;
        self.rules += other.rules;
        self.vectors += other.vectors;
        self.partial += other.partial;
        self.missing += other.missing;
    }
}

/// Fields and rules of an object, nested ones included. A rule is a requirement, an alternative
/// group, a date span or a field restriction: each is enforced by the validator.
fn count_object(object: &Object) -> (usize, usize) {
    let mut fields = object.fields.len();
    let mut rules = object.rules.len() + object.alternatives.len() + object.date_spans.len();
    for field in &object.fields {
        rules += field.restrictions.len();
        if let Ty::Object(inner) | Ty::Array(inner) | Ty::Map(inner) = &field.ty {
            let (f, r) = count_object(inner);
            fields += f;
            rules += r;
        }
    }
    (fields, rules)
}

/// Sample files under `tests/vectors/<method>/`.
pub fn vector_dir(root: &Path, method: &str) -> std::path::PathBuf {
    root.join("tests/vectors").join(method.replace('/', "__"))
}

fn count_vectors(root: &Path, method: &Method) -> usize {
    std::fs::read_dir(vector_dir(root, &method.name))
        .map(|entries| {
            entries
                .flatten()
                .filter(|e| e.path().extension().is_some_and(|x| x == "json"))
                .count()
        })
        .unwrap_or(0)
}

fn method_counts(root: &Path, method: &Method) -> Counts {
    let (req_fields, req_rules) = count_object(&method.request);
    let (resp_fields, _) = count_object(&method.response);
    Counts {
        methods: 1,
        fields: req_fields + resp_fields,
        rules: req_rules,
        vectors: count_vectors(root, method),
        partial: usize::from(method.doc_status == DocStatus::Partial),
        missing: usize::from(method.doc_status == DocStatus::Missing),
    }
}

/// Prints the report.
pub fn run(root: &Path) -> Result<(), String> {
    let api: Api = komet_codegen::check_dir(&root.join("spec")).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let mut per_area: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut flagged = Vec::new();
    for area in &api.areas {
        for method in &area.methods {
            per_area
                .entry(&area.name)
                .or_default()
                .add(method_counts(root, method));
            if method.doc_status != DocStatus::Complete {
                flagged.push((
                    method.name.as_str(),
                    method.doc_status,
                    method.notes.clone(),
                ));
            }
        }
    }
    println!(
        "{:<18} {:>7} {:>6} {:>6} {:>7} {:>7} {:>7}",
        "area", "methods", "fields", "rules", "vectors", "partial", "missing"
    );
    let mut total = Counts::default();
    for (area, counts) in &per_area {
        print_row(area, counts);
        total.add(*counts);
    }
    print_row("total", &total);
    print_index_coverage(root, &api)?;
    let samples_only: usize = api
        .methods()
        .iter()
        .map(|m| samples_only(&m.request) + samples_only(&m.response))
        .sum();
    println!("\nfields seen only in documentation samples: {samples_only}");
    print_assumed(&api);
    print_observed(&api);
    if !flagged.is_empty() {
        println!("\nmethods encoded from partial or missing documentation:");
        for (name, status, notes) in flagged {
            println!(
                "  {name} ({})",
                if status == DocStatus::Partial {
                    "partial"
                } else {
                    "missing"
                }
            );
            for note in notes {
                println!("    - {note}");
            }
        }
    }
    Ok(())
}

/// Methods whose verb, token kinds or other facts are assumed rather than documented.
fn print_assumed(api: &Api) {
    let methods: Vec<_> = api
        .methods()
        .into_iter()
        .filter(|m| !m.assumed.is_empty())
        .collect();
    println!("\nmethods with assumed facts: {}", methods.len());
    for method in methods {
        let facts: Vec<&str> = method.assumed.iter().map(|f| f.name()).collect();
        println!("  {}: {}", method.name, facts.join(", "));
    }
}

/// Response fields learned from real answers (`docs: observed`), not from Komet's pages.
fn print_observed(api: &Api) {
    let mut found = Vec::new();
    for method in api.methods() {
        observed_paths(&method.name, &method.response, "", &mut found);
        observed_paths(&method.name, &method.request, "", &mut found);
    }
    println!("\nfields observed in real responses: {}", found.len());
    for line in found {
        println!("  {line}");
    }
}

fn observed_paths(method: &str, object: &Object, prefix: &str, out: &mut Vec<String>) {
    for field in &object.fields {
        let path = format!("{prefix}{}", field.wire);
        if field.observed {
            out.push(format!("{method}: {path}"));
        }
        let nested = match &field.ty {
            Ty::Object(inner) => Some((inner, format!("{path}."))),
            Ty::Array(inner) => Some((inner, format!("{path}[]."))),
            Ty::Map(inner) => Some((inner, format!("{path}{{}}."))),
            _ => None,
        };
        if let Some((inner, prefix)) = nested {
            observed_paths(method, inner, &prefix, out);
        }
    }
}

fn samples_only(object: &Object) -> usize {
    object
        .fields
        .iter()
        .map(|f| {
            usize::from(f.samples_only)
                + match &f.ty {
                    Ty::Object(inner) | Ty::Array(inner) | Ty::Map(inner) => samples_only(inner),
                    _ => 0,
                }
        })
        .sum()
}

fn print_row(name: &str, c: &Counts) {
    println!(
        "{:<18} {:>7} {:>6} {:>6} {:>7} {:>7} {:>7}",
        name, c.methods, c.fields, c.rules, c.vectors, c.partial, c.missing
    );
}

/// Which names of Komet's own API index (`spec/komet-index.txt`) the spec holds, matched by
/// wire name or `index_name`.
fn print_index_coverage(root: &Path, api: &Api) -> Result<(), String> {
    let path = root.join("spec/komet-index.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let index: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let methods = api.methods();
    let known = |name: &str| {
        methods
            .iter()
            .any(|m| m.name == name || m.index_name.as_deref() == Some(name))
    };
    let missing: Vec<&str> = index.iter().copied().filter(|name| !known(name)).collect();
    println!(
        "
Komet API index: {}/{} methods in the spec",
        index.len() - missing.len(),
        index.len()
    );
    for name in missing {
        println!("  not in the spec: {name}");
    }
    Ok(())
}
