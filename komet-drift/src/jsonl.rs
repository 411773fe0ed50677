//! The report as JSON lines: one JSON object per line, UTF-8, in method order.
//!
//! Two kinds of line, told apart by `record`:
//!
//! ```text
//! {"record":"method","method":"invoice.list","responses":12,"dropped":0}
//! {"record":"path","method":"invoice.list","path":"invoices[].invoiceId","kind":"unknown_field",
//!  "json_types":["number"],"shapes":["integer"],"count":340,"responses":12,"max_digits":6}
//! ```
//!
//! (the second is one line in a file). A `method` line gives how many answers of the method
//! were compared (`responses`) and how many observations were not kept because the method
//! reached its path limit (`dropped`). A `path` line is one [`DriftEntry`]: `path` with array
//! indexes collapsed, `kind` (`unknown_field`, `unexpected_type`, `too_long`,
//! `too_many_digits`, `bad_format`, `unknown_enum_value`, `out_of_range`, `unknown_status`),
//! `expected` (the spec's type, absent for unknown fields), `json_types`, `shapes` (`flag`,
//! `integer`, `zero_padded`, `decimal`, `date`, `datetime`, `text`), `count` (values),
//! `responses` (answers it appeared in), and when seen `max_len` (characters), `max_digits`
//! (before the point), `max_scale` (after it) and `examples` (only for opted-in paths).
//! Readers ignore members they do not know, so later versions may add some.

use std::io::{self, BufRead, Write};

use serde::{Deserialize, Serialize};

use crate::{DriftEntry, DriftReport};

#[derive(Serialize, Deserialize)]
struct MethodLine {
    method: String,
    responses: u64,
    #[serde(default)]
    dropped: u64,
}

#[derive(Serialize, Deserialize)]
struct PathLine {
    method: String,
    #[serde(flatten)]
    entry: DriftEntry,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "record", rename_all = "snake_case")]
enum Line {
    Method(MethodLine),
    Path(PathLine),
}

/// Why a report could not be read.
#[derive(Debug)]
pub struct ReadError {
    /// 1-based line number (0 when reading failed before any line).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ReadError {}

impl DriftReport {
    /// Writes the report as JSON lines (see [the format](crate::jsonl)).
    pub fn write_jsonl(&self, out: &mut impl Write) -> io::Result<()> {
        for (method, drift) in &self.methods {
            let line = Line::Method(MethodLine {
                method: method.clone(),
                responses: drift.responses,
                dropped: drift.dropped,
            });
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
            for entry in &drift.entries {
                let line = Line::Path(PathLine {
                    method: method.clone(),
                    entry: entry.clone(),
                });
                serde_json::to_writer(&mut *out, &line)?;
                out.write_all(b"\n")?;
            }
        }
        Ok(())
    }

    /// Reads JSON lines written by [`DriftReport::write_jsonl`]; blank lines are skipped and
    /// lines repeating a method or path add to it, so concatenated reports read as merged.
    pub fn from_jsonl(input: impl BufRead) -> Result<DriftReport, ReadError> {
        let mut raw = DriftReport::default();
        for (i, line) in input.lines().enumerate() {
            let number = i + 1;
            let line = line.map_err(|e| ReadError {
                line: number,
                message: e.to_string(),
            })?;
            if line.trim().is_empty() {
                continue;
            }
            let parsed: Line = serde_json::from_str(&line).map_err(|e| ReadError {
                line: number,
                message: e.to_string(),
            })?;
            match parsed {
                Line::Method(m) => {
                    let drift = raw.methods.entry(m.method).or_default();
                    drift.responses = drift.responses.saturating_add(m.responses);
                    drift.dropped = drift.dropped.saturating_add(m.dropped);
                }
                Line::Path(p) => {
                    raw.methods
                        .entry(p.method)
                        .or_default()
                        .entries
                        .push(p.entry);
                }
            }
        }
        // One merge adds up repeated paths and sorts the entries.
        let mut report = DriftReport::default();
        report.merge(&raw);
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DriftKind, JsonType};

    fn sample() -> DriftReport {
        let mut entry = DriftEntry::new("invoices[].invoiceId", DriftKind::UnknownField, None);
        entry.observe(JsonType::Number, Some("123456"));
        entry.responses = 1;
        let mut report = DriftReport::default();
        let drift = report.methods.entry("invoice.list".to_owned()).or_default();
        drift.responses = 1;
        drift.entries.push(entry);
        report
    }

    #[test]
    fn lines_round_trip_and_concatenated_files_merge() {
        let mut text = Vec::new();
        sample().write_jsonl(&mut text).unwrap();
        let lines = String::from_utf8(text.clone()).unwrap();
        assert_eq!(lines.lines().count(), 2);
        assert!(lines.starts_with(r#"{"record":"method","method":"invoice.list""#));
        assert_eq!(DriftReport::from_jsonl(&text[..]).unwrap(), sample());
        let twice = [text.clone(), b"\n".to_vec(), text].concat();
        let merged = DriftReport::from_jsonl(&twice[..]).unwrap();
        let entry = merged
            .entry(
                "invoice.list",
                "invoices[].invoiceId",
                DriftKind::UnknownField,
            )
            .unwrap();
        assert_eq!((entry.count, entry.responses), (2, 2));
        assert_eq!(merged.methods["invoice.list"].responses, 2);
    }

    #[test]
    fn a_bad_line_is_named() {
        let text = b"{\"record\":\"method\",\"method\":\"a\",\"responses\":1}\nnot json\n";
        let error = DriftReport::from_jsonl(&text[..]).unwrap_err();
        assert_eq!(error.line, 2);
    }
}
