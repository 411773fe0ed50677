//! Layer 6: every sample request and response of the Komet documentation, kept under
//! `tests/vectors/<method>/`, is a test vector. A request sample must validate and survive a
//! trip through the typed request; a response sample must decode into the typed response and
//! lose nothing on the way.

use std::path::{Path, PathBuf};

use komet_api::registry::{self, Entry};
use komet_api::ValidationContext;
use rust_decimal::Decimal;
use serde_json::Value;

fn vector_dirs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .expect("tests/vectors exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The most permissive context the method allows, so that a sample is judged on its content:
/// its first token kind, every company setting, Transactional API Access.
fn sample_context(entry: &Entry) -> ValidationContext {
    ValidationContext {
        token_kind: entry.meta.tokens.first().copied(),
        multi_location: false,
        transactional_access: true,
        settings: vec![
            "allow_changing_cost",
            "allow_changing_sales_price",
            "prebook_status",
        ],
    }
}

/// A value read as a number; a string with a leading zero (`"010225"`) is a code, not a
/// number, so losing that zero counts as a change.
fn as_number(value: &Value) -> Option<Decimal> {
    match value {
        Value::Number(n) => n.to_string().parse().ok(),
        Value::String(s) => {
            let s = s.trim();
            let leading_zero =
                s.len() > 1 && s.starts_with('0') && s.as_bytes()[1].is_ascii_digit();
            if leading_zero {
                None
            } else {
                s.parse().ok()
            }
        }
        Value::Bool(b) => Some(Decimal::from(u8::from(*b))),
        _ => None,
    }
}

/// Equality up to the leniency Komet's samples need: `"1"` equals `1`, `0.70` equals `0.7`,
/// `true` equals `1`, and a missing member equals `null`.
fn same_data(path: &str, sample: &Value, decoded: &Value, diffs: &mut Vec<String>) {
    match (sample, decoded) {
        (Value::Object(a), Value::Object(b)) => {
            for key in a.keys().chain(b.keys().filter(|k| !a.contains_key(*k))) {
                let (x, y) = (
                    a.get(key).unwrap_or(&Value::Null),
                    b.get(key).unwrap_or(&Value::Null),
                );
                same_data(&format!("{path}.{key}"), x, y, diffs);
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => {
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_data(&format!("{path}[{i}]"), x, y, diffs);
            }
        }
        (a, b) if a == b => {}
        (Value::String(a), Value::String(b)) if a.trim() == b.trim() => {}
        // A comma-separated list is written back with bare commas: "1, 2" became "1,2".
        (Value::String(a), Value::String(b))
            if !b.contains(", ") && csv_items(a) == csv_items(b) => {}
        (a, b) if as_number(a).is_some() && as_number(a) == as_number(b) => {}
        (a, b) => diffs.push(format!("{path}: sample {a} became {b}")),
    }
}

fn csv_items(text: &str) -> Vec<&str> {
    text.split(',').map(str::trim).collect()
}

fn check_request(entry: &Entry, file: &Path, sample: &Value, failures: &mut Vec<String>) {
    let name = entry.meta.name;
    let mut sample = sample.clone();
    if let Value::Object(map) = &mut sample {
        map.remove(entry.meta.token_param);
    }
    if let Err(e) = registry::validate_request(name, &sample, &sample_context(entry)) {
        failures.push(format!("{}: does not validate: {e}", file.display()));
    }
    match (entry.decode_request)(&sample) {
        Ok(decoded) => {
            let mut diffs = Vec::new();
            same_data("", &sample, &decoded, &mut diffs);
            failures.extend(
                diffs
                    .into_iter()
                    .map(|d| format!("{}: {d}", file.display())),
            );
        }
        Err(e) => failures.push(format!("{}: does not decode: {e}", file.display())),
    }
}

fn check_response(entry: &Entry, file: &Path, sample: &Value, failures: &mut Vec<String>) {
    match (entry.decode_response)(sample) {
        Ok(decoded) => {
            let mut diffs = Vec::new();
            same_data("", sample, &decoded, &mut diffs);
            failures.extend(
                diffs
                    .into_iter()
                    .map(|d| format!("{}: {d}", file.display())),
            );
        }
        Err(e) => failures.push(format!("{}: does not decode: {e}", file.display())),
    }
}

/// Failures not announced by a `<sample>.contradiction` file. Some Komet samples contradict
/// their own field list (a documented integer sent as `"P053455"`); such a sample keeps its
/// data, and the file beside it lists, one per line, the text of each failure the
/// contradiction causes. An announced failure that no longer happens is itself a failure, so
/// the file cannot go stale.
fn unexpected(file: &Path, found: Vec<String>) -> Vec<String> {
    let announced = file.with_extension("contradiction");
    let Ok(text) = std::fs::read_to_string(&announced) else {
        return found;
    };
    let expected: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let mut left: Vec<String> = found
        .iter()
        .filter(|f| !expected.iter().any(|e| f.contains(e)))
        .cloned()
        .collect();
    for line in expected {
        if !found.iter().any(|f| f.contains(line)) {
            left.push(format!(
                "{}: announced `{line}` no longer fails",
                announced.display()
            ));
        }
    }
    left
}

#[test]
fn documentation_samples_validate_and_decode() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in vector_dirs() {
        let method = dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace("__", "/");
        let Some(entry) = registry::find(&method) else {
            failures.push(format!(
                "{}: no method `{method}` in the spec",
                dir.display()
            ));
            continue;
        };
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .flatten()
            .map(|e| e.path())
            .collect();
        files.sort();
        for file in files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|x| x == "json"))
        {
            let text = std::fs::read_to_string(&file).unwrap();
            let sample: Value = match serde_json::from_str(&text) {
                Ok(v) => v,
                Err(e) => {
                    failures.push(format!("{}: not JSON: {e}", file.display()));
                    continue;
                }
            };
            let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
            let mut found = Vec::new();
            if stem.starts_with("request") {
                check_request(entry, &file, &sample, &mut found);
            } else if stem.starts_with("response") {
                check_response(entry, &file, &sample, &mut found);
            } else {
                found.push(format!(
                    "{}: name it request-N.json or response-N.json",
                    file.display()
                ));
            }
            failures.extend(unexpected(&file, found));
            checked += 1;
        }
    }
    assert!(checked > 0, "no vectors found");
    assert!(
        failures.is_empty(),
        "{} of {checked} vectors failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn the_spine_samples_are_present() {
    for (method, files) in [
        ("prebook.create", ["request-1.json", "response-1.json"]),
        (
            "multiple.prebooks.create",
            ["request-1.json", "response-1.json"],
        ),
    ] {
        for file in files {
            let path = Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("vectors")
                .join(method)
                .join(file);
            assert!(path.exists(), "{} is missing", path.display());
        }
    }
}

#[test]
fn a_changed_sample_is_caught() {
    // The comparison must notice a value that does not survive decoding.
    let mut diffs = Vec::new();
    same_data(
        "",
        &serde_json::json!({"a": "1", "b": "0.70"}),
        &serde_json::json!({"a": 1, "b": 0.7}),
        &mut diffs,
    );
    assert!(
        diffs.is_empty(),
        "numeric strings compare by value: {diffs:?}"
    );
    same_data(
        "",
        &serde_json::json!({"a": "010225"}),
        &serde_json::json!({"a": 10225}),
        &mut diffs,
    );
    assert_eq!(diffs.len(), 1, "a lost leading zero is a change");
    diffs.clear();
    same_data(
        "",
        &serde_json::json!({"a": 1, "b": "x"}),
        &serde_json::json!({"a": 2}),
        &mut diffs,
    );
    assert_eq!(diffs.len(), 2, "{diffs:?}");
}
