//! `cargo xtask drift FILE...`: reads drift reports (JSON lines written by
//! `DriftReport::write_jsonl`), adds them up and prints the spec edits they suggest.

use std::io::BufReader;
use std::path::Path;

use komet_drift::suggest::{render, suggest};
use komet_drift::DriftReport;

/// Prints the suggestions of the merged reports.
pub fn run(files: &[&Path]) -> Result<(), String> {
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
    let suggestions = suggest(&report);
    if suggestions.is_empty() {
        let responses: u64 = report.methods.values().map(|m| m.responses).sum();
        println!("# nothing to suggest: {responses} responses matched the spec");
    } else {
        print!("{}", render(&suggestions));
    }
    Ok(())
}
