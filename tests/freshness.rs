//! Layer 3: the committed `komet-api/src/generated/` and `openapi/komet.yaml` are exactly what
//! the spec produces, so a plain `cargo test` fails on stale output (CI also runs
//! `cargo xtask gen --check`).

use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let outputs = komet_codegen::generate_outputs(&root.join("spec")).expect("spec is valid");
    let dirs: Vec<&str> = outputs.iter().map(|o| o.dir).collect();
    assert_eq!(dirs, ["komet-api/src/generated", "openapi", "docs"]);
    for output in outputs {
        let stale = komet_codegen::stale_files(&root.join(output.dir), &output.files);
        assert!(
            stale.is_empty(),
            "stale generated files in {}: {stale:?}; run `cargo xtask gen` and commit the result",
            output.dir
        );
    }
}

/// Two runs of the generator print the same bytes: the OpenAPI document's order comes from
/// the sorted model, not from map iteration.
#[test]
fn the_openapi_document_is_deterministic() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let first = komet_codegen::generate_outputs(&root.join("spec")).expect("spec is valid");
    let second = komet_codegen::generate_outputs(&root.join("spec")).expect("spec is valid");
    assert_eq!(first, second);
}

/// Each API area is a cargo feature of komet-api, and `all-areas` (the default) lists them
/// all, so no area can be added to the spec without a way to turn it on.
#[test]
fn every_area_is_a_feature() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = komet_codegen::generate_dir(&root.join("spec")).expect("spec is valid");
    let mut areas: Vec<String> = files
        .iter()
        .filter_map(|file| file.name.strip_suffix(".rs"))
        .filter(|name| !["common", "mod", "registry"].contains(name))
        .map(str::to_owned)
        .collect();
    areas.sort();

    let manifest = std::fs::read_to_string(root.join("komet-api/Cargo.toml")).unwrap();
    let features = manifest
        .split("[features]")
        .nth(1)
        .and_then(|rest| rest.split("\n[").next())
        .expect("komet-api/Cargo.toml has a [features] table");
    let mut empty_features: Vec<String> = features
        .lines()
        .filter_map(|line| line.trim().strip_suffix(" = []"))
        .map(str::to_owned)
        .collect();
    empty_features.sort();
    assert_eq!(empty_features, areas, "one empty feature per spec area");

    let all = features
        .split("all-areas = [")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .expect("an all-areas feature");
    let mut listed: Vec<String> = all
        .split(',')
        .map(|item| item.trim().trim_matches('"').to_owned())
        .filter(|item| !item.is_empty())
        .collect();
    listed.sort();
    assert_eq!(listed, areas, "all-areas turns on every area");
    assert!(features.contains("default = [\"all-areas\"]"));
}

/// The method table agrees with komet-api's own metadata, row by row.
#[test]
fn the_method_table_lists_every_method_as_komet_api_sees_it() {
    use komet_api::meta::{Effect, Verb};
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let table = std::fs::read_to_string(root.join("docs/methods.md")).expect("docs/methods.md");
    let rows: Vec<Vec<&str>> = table
        .lines()
        .filter(|l| l.starts_with("| `") || l.starts_with("| [`"))
        .map(|l| l.trim_matches('|').split(" | ").map(str::trim).collect())
        .collect();
    let methods = komet_api::registry::methods();
    assert_eq!(rows.len(), methods.len());
    for (row, entry) in rows.iter().zip(methods) {
        let meta = entry.meta;
        // The name links to Komet's page when the spec records one.
        let name = match meta.page {
            Some(page) => format!("[`{}`]({page})", meta.name),
            None => format!("`{}`", meta.name),
        };
        assert_eq!(row[0], name);
        assert_eq!(row[2], meta.area);
        let verb = match meta.verb {
            Verb::Get => "GET",
            Verb::Post => "POST",
        };
        assert_eq!(row[3], verb, "{}", meta.name);
        let tokens: Vec<&str> = meta.tokens.iter().map(|k| k.as_str()).collect();
        assert_eq!(row[4], tokens.join(", "), "{}", meta.name);
        let read = row[5].starts_with("read");
        assert_eq!(read, meta.effect == Effect::Read, "{}", meta.name);
    }
}
