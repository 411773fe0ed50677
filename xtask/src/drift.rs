//! `cargo xtask drift FILE...`: reads drift reports (JSON lines written by
//! `DriftReport::write_jsonl`), adds them up and prints the spec edits they suggest.
//!
//! Fields the current spec already has (a report from a client older than the spec) are left
//! out, so only what is still missing is suggested.

use std::collections::BTreeSet;
use std::io::BufReader;
use std::path::Path;

use komet_codegen::ir::{Object, Ty};
use komet_drift::suggest::{render, suggest};
use komet_drift::{DriftKind, DriftReport};

/// Prints the suggestions of the merged reports, against the spec in `root`.
pub fn run(root: &Path, files: &[&Path]) -> Result<(), String> {
    if files.is_empty() {
        return Err("usage: cargo xtask drift FILE... (drift reports, JSON lines)".to_owned());
    }
    let mut report = DriftReport::default();
    for file in files {
        let opened = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
        let one = DriftReport::from_jsonl(BufReader::new(opened))
            .map_err(|e| format!("{}: {e}", file.display()))?;
        report.merge(&one);
    }
    let api = komet_codegen::check_dir(&root.join("spec")).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        lines.join("\n")
    })?;
    let mut known = BTreeSet::new();
    for method in api.methods() {
        spec_paths(&method.name, &method.response, "", &mut known);
    }
    let skipped = drop_known(&mut report, &known);
    if skipped > 0 {
        println!("# {skipped} reported fields are in the spec already and are left out");
    }
    let suggestions = suggest(&report);
    if suggestions.is_empty() {
        let responses: u64 = report.methods.values().map(|m| m.responses).sum();
        println!("# nothing to suggest: {responses} responses matched the spec");
    } else {
        print!("{}", render(&suggestions));
    }
    Ok(())
}

/// `(method, path)` of every response field of the spec, in the report's path form
/// (`invoices`, `invoices[]`, `invoices[].id`, `prices{}`).
fn spec_paths(method: &str, object: &Object, prefix: &str, out: &mut BTreeSet<(String, String)>) {
    for field in &object.fields {
        let path = format!("{prefix}{}", field.wire);
        out.insert((method.to_owned(), path.clone()));
        let (items, inner) = match &field.ty {
            Ty::Object(inner) => (None, Some((inner, format!("{path}.")))),
            Ty::Array(inner) => (
                Some(format!("{path}[]")),
                Some((inner, format!("{path}[]."))),
            ),
            Ty::Map(inner) => (
                Some(format!("{path}{{}}")),
                Some((inner, format!("{path}{{}}."))),
            ),
            Ty::List(_) => (Some(format!("{path}[]")), None),
            _ => (None, None),
        };
        if let Some(items) = items {
            out.insert((method.to_owned(), items));
        }
        if let Some((inner, prefix)) = inner {
            spec_paths(method, inner, &prefix, out);
        }
    }
}

/// Removes unknown-field entries the spec now knows; returns how many fields went.
fn drop_known(report: &mut DriftReport, known: &BTreeSet<(String, String)>) -> usize {
    let mut dropped = 0;
    for (method, drift) in &mut report.methods {
        drift.entries.retain(|e| {
            let stale = e.kind == DriftKind::UnknownField
                && known.contains(&(method.clone(), e.path.clone()));
            if stale && !e.path.ends_with("[]") && !e.path.ends_with("{}") {
                dropped += 1;
            }
            !stale
        });
    }
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use komet_drift::DriftEntry;

    #[test]
    fn fields_the_spec_has_are_left_out() {
        let root = crate::workspace_root();
        let api = komet_codegen::check_dir(&root.join("spec")).unwrap();
        let mut known = BTreeSet::new();
        for method in api.methods() {
            spec_paths(&method.name, &method.response, "", &mut known);
        }
        let mut report = DriftReport::default();
        let drift = report
            .methods
            .entry("invoice.accounting.details.list".to_owned())
            .or_default();
        for path in ["invoices", "invoices[]", "invoices[].newOne", "message"] {
            drift
                .entries
                .push(DriftEntry::new(path, DriftKind::UnknownField, None));
        }
        drift
            .entries
            .push(DriftEntry::new("message", DriftKind::TooLong, None));
        assert_eq!(drop_known(&mut report, &known), 2);
        let left: Vec<(&str, DriftKind)> = report.methods["invoice.accounting.details.list"]
            .entries
            .iter()
            .map(|e| (e.path.as_str(), e.kind))
            .collect();
        assert_eq!(
            left,
            [
                ("invoices[].newOne", DriftKind::UnknownField),
                ("message", DriftKind::TooLong)
            ]
        );
    }
}
