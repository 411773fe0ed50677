//! The offline commands over every method of the spec, through the real binary: `describe`
//! names every field, `example` prints a request that `validate` accepts, and `validate`
//! reports each violation with its path.

mod common;

use common::komet;
use komet_api::meta::{FieldType, ObjectMeta};
use komet_api::registry;
use serde_json::Value;

/// Every field name of an object and of the objects nested in it.
fn field_names(object: &ObjectMeta, out: &mut Vec<&'static str>) {
    for field in object.fields {
        out.push(field.name);
        if let FieldType::Object(inner) | FieldType::Array(inner) | FieldType::Map(inner) =
            &field.ty
        {
            field_names(inner, out);
        }
    }
}

#[test]
fn every_method_is_listed() {
    let run = komet(&["methods"], "", &[]);
    assert_eq!(run.code, Some(0), "{run}");
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    let names: Vec<&str> = registry::methods().iter().map(|e| e.meta.name).collect();
    assert_eq!(listed, names);
}

#[test]
fn methods_filter_by_area_and_token_kind() {
    let run = komet(
        &["methods", "--area", "prebooks", "--token-kind", "vendor"],
        "",
        &[],
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("prebook.create"), "{run}");
    for line in run.stdout.lines() {
        let name = line.split_whitespace().next().unwrap();
        let meta = registry::find(name).unwrap().meta;
        assert_eq!(meta.area, "prebooks", "{line}");
        assert!(
            meta.tokens.contains(&komet_api::TokenKind::Vendor),
            "{line}"
        );
    }
    let run = komet(&["methods", "--area", "flowers"], "", &[]);
    assert_eq!(run.code, Some(64), "{run}");
    assert!(run.stderr.contains("prebooks"), "names the areas: {run}");
}

#[test]
fn every_method_is_described_with_every_field() {
    for entry in registry::methods() {
        let meta = entry.meta;
        let text = komet(&["describe", meta.name], "", &[]);
        assert_eq!(text.code, Some(0), "{}: {text}", meta.name);
        let mut names = Vec::new();
        field_names(meta.request, &mut names);
        field_names(meta.response, &mut names);
        for name in names {
            assert!(
                text.stdout.contains(&format!("{name}:"))
                    || text.stdout.contains(&format!("{name}[]:")),
                "{}: describe does not show {name}\n{text}",
                meta.name
            );
        }
        for note in meta.notes {
            assert!(text.stdout.contains(note), "{}: note missing", meta.name);
        }
        let json = komet(&["describe", meta.name, "--json"], "", &[]);
        assert_eq!(json.code, Some(0), "{}: {json}", meta.name);
        let value: Value = serde_json::from_str(&json.stdout).expect("describe --json is JSON");
        assert_eq!(value["name"], meta.name);
        assert_eq!(
            value["request"]["fields"].as_array().map(Vec::len),
            Some(meta.request.fields.len()),
            "{}",
            meta.name
        );
        let rules = value["request"]["rules"].as_array().unwrap();
        assert_eq!(rules.len(), meta.request.rules.len());
        assert!(
            rules
                .iter()
                .all(|r| r["text"].as_str().is_some_and(|t| !t.is_empty()))
        );
    }
}

#[test]
fn describe_names_the_id_type_of_id_fields() {
    let text = komet(&["describe", "web-order-item.add"], "", &[]);
    assert_eq!(text.code, Some(0), "{text}");
    for line in [
        "customerId: CustomerId (integer, at most 20 digits); required",
        "inventoryIds: comma-separated InventoryId (integer, at most 20 digits)",
        "carrierId: CarrierId (integer, at most 20 digits); required",
    ] {
        assert!(text.stdout.contains(line), "missing {line}\n{text}");
    }
    let json = komet(&["describe", "web-order-item.add", "--json"], "", &[]);
    let value: Value = serde_json::from_str(&json.stdout).expect("describe --json is JSON");
    let fields = value["request"]["fields"].as_array().unwrap();
    let field = |name: &str| fields.iter().find(|f| f["name"] == name).unwrap();
    assert_eq!(field("customerId")["id"], "CustomerId");
    assert_eq!(field("customerId")["type"], "integer");
    assert_eq!(field("customerId")["max_digits"], 20);
    assert_eq!(field("inventoryIds")["id"], "InventoryId");
    assert_eq!(field("price")["id"], Value::Null);
}

#[test]
fn every_example_validates() {
    for entry in registry::methods() {
        let name = entry.meta.name;
        let example = komet(&["example", name], "", &[]);
        assert_eq!(example.code, Some(0), "{name}: {example}");
        let request: Value = serde_json::from_str(&example.stdout).expect("an example is JSON");
        // Judged by the library too, not only by the binary's own verdict.
        registry::validate_request(name, &request, &Default::default())
            .unwrap_or_else(|e| panic!("{name}: {e}\n{}", example.stdout));
        let check = komet(&["validate", name], &example.stdout, &[]);
        assert_eq!(check.code, Some(0), "{name}: {check}");
        assert!(check.stdout.contains("valid"), "{check}");
    }
}

#[test]
fn examples_follow_the_context() {
    // companyLocationCode is required only for multi-location companies.
    let plain = komet(&["example", "prebook.create"], "", &[]);
    let multi = komet(&["example", "prebook.create", "--multi-location"], "", &[]);
    assert_eq!(multi.code, Some(0), "{multi}");
    assert!(multi.stdout.contains("companyLocationCode"), "{multi}");
    assert!(!plain.stdout.contains("companyLocationCode"), "{plain}");
    let check = komet(
        &["validate", "prebook.create", "--multi-location"],
        &plain.stdout,
        &[],
    );
    assert_eq!(check.code, Some(1), "{check}");
    assert!(check.stderr.contains("companyLocationCode"), "{check}");
}

#[test]
fn the_documentation_sample_is_the_example_where_it_validates() {
    let example = komet(&["example", "prebook.create"], "", &[]);
    let sample: Value = serde_json::from_str(include_str!(
        "../../tests/vectors/prebook.create/request-1.json"
    ))
    .unwrap();
    let printed: Value = serde_json::from_str(&example.stdout).unwrap();
    let mut sample = sample;
    sample
        .as_object_mut()
        .unwrap()
        .remove("authenticationToken");
    assert_eq!(printed, sample);
}

#[test]
fn validate_lists_every_violation_with_its_path() {
    let request = r#"{
        "customerId": 1, "carrierId": 1, "shipDate": "2026-13-01",
        "prebookItems": [{"productId": 5, "unitType": "Stem", "itemType": "BOX",
                          "boxTypeId": 901, "bunches": 2}],
        "colour": "red"
    }"#;
    let run = komet(&["validate", "prebook.create", "-"], request, &[]);
    assert_eq!(run.code, Some(1), "{run}");
    for expected in [
        "shipDate",
        "prebookItems[0].boxes",
        "colour",
        "3 violation(s)",
    ] {
        assert!(run.stderr.contains(expected), "{expected}: {run}");
    }
}

#[test]
fn validate_reads_a_file_and_applies_the_context() {
    let dir = std::env::temp_dir().join(format!("komet-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("request.json");
    // A vendor token may not name the vendor: Komet ignores it for vendor tokens.
    let request = r#"{"customerId": 1, "carrierId": 1, "shipDate": "2026-12-01",
        "prebookItems": [{"productId": 5, "unitType": "Stem", "itemType": "UN",
                          "totalUnits": 4, "vendorId": 7}]}"#;
    std::fs::write(&file, request).unwrap();
    let path = file.to_str().unwrap();
    let company = komet(
        &[
            "validate",
            "prebook.create",
            path,
            "--token-kind",
            "company",
        ],
        "",
        &[],
    );
    assert_eq!(company.code, Some(0), "{company}");
    let vendor = komet(
        &["validate", "prebook.create", path, "--token-kind", "vendor"],
        "",
        &[],
    );
    assert_eq!(vendor.code, Some(1), "{vendor}");
    assert!(
        vendor.stderr.contains("prebookItems[0].vendorId"),
        "{vendor}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn input_that_is_not_json_is_invalid_and_a_missing_file_is_usage() {
    let run = komet(&["validate", "carrier.add"], "{not json", &[]);
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("not JSON"), "{run}");
    let run = komet(&["validate", "carrier.add", "/no/such/file.json"], "", &[]);
    assert_eq!(run.code, Some(64), "{run}");
}

#[test]
fn usage_errors_exit_64_and_help_documents_the_exit_codes() {
    let run = komet(&["describe", "prebook.creat"], "", &[]);
    assert_eq!(run.code, Some(64), "{run}");
    assert!(
        run.stderr.contains("prebook.create"),
        "suggests the right name: {run}"
    );
    let run = komet(&["describe"], "", &[]);
    assert_eq!(run.code, Some(64), "{run}");
    let run = komet(&["validate", "carrier.add", "--setting", "nope"], "{}", &[]);
    assert_eq!(run.code, Some(64), "{run}");
    let run = komet(&["--help"], "", &[]);
    assert_eq!(run.code, Some(0), "{run}");
    for line in ["Exit codes", "64", "429", "401", "status: 0"] {
        assert!(run.stdout.contains(line), "{line}: {run}");
    }
    let run = komet(&["call", "--help"], "", &[]);
    assert!(
        run.stdout.contains("Exit codes") && run.stdout.contains("KOMET_TOKEN"),
        "{run}"
    );
}

#[test]
fn completions_are_printed_for_each_shell() {
    for shell in ["bash", "zsh", "fish"] {
        let run = komet(&["completions", shell], "", &[]);
        assert_eq!(run.code, Some(0), "{shell}: {run}");
        assert!(
            run.stdout.contains("komet") && run.stdout.contains("describe"),
            "{shell}"
        );
    }
}
