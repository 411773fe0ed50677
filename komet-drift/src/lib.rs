//! The drift report: what real Komet answers hold that the spec does not say.
//!
//! Komet's pages are partial, so the spec cannot know every field an answer carries. A
//! `komet_api::Client` built with `record_drift` compares each answer with its method's
//! response metadata and keeps, per method and per JSON path, what the spec did not expect
//! ([`DriftKind`]): the JSON types seen, how often, the longest text and the most digits.
//! Values are not kept unless the caller asked for a path's examples, and the token never is.
//!
//! This crate holds the report itself ([`DriftReport`]), its JSON-lines form ([`jsonl`]) and
//! the spec edits a report suggests ([`suggest`], behind `cargo xtask drift`). It is its own
//! crate so the xtask reads reports without building the client.
//!
//! Paths collapse array indexes (`invoices[].invoiceId`) and map keys (`prices{}.amount`), so
//! one path stands for every row and no key (a customer code, a date) reaches the report.

pub mod jsonl;
mod observe;
pub mod suggest;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

pub use observe::{MAX_EXAMPLES, MAX_EXAMPLE_CHARS};

/// What about a value the spec did not expect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DriftKind {
    /// A member the spec does not describe.
    UnknownField,
    /// A JSON type other than the documented one (a string where an integer is documented);
    /// lenient decoding may still have accepted it.
    UnexpectedType,
    /// Text longer than the documented maximum length.
    TooLong,
    /// A number with more digits (in all, or after the point) than documented.
    TooManyDigits,
    /// Text that is not in the documented format (a date that is not `YYYY-MM-DD`).
    BadFormat,
    /// A value outside the field's enumeration.
    UnknownEnumValue,
    /// A number below the documented minimum or above the maximum.
    OutOfRange,
    /// A top-level `status` that is neither success (1) nor failure (0).
    UnknownStatus,
}

impl DriftKind {
    /// The name used in the JSON lines.
    pub fn as_str(self) -> &'static str {
        match self {
            DriftKind::UnknownField => "unknown_field",
            DriftKind::UnexpectedType => "unexpected_type",
            DriftKind::TooLong => "too_long",
            DriftKind::TooManyDigits => "too_many_digits",
            DriftKind::BadFormat => "bad_format",
            DriftKind::UnknownEnumValue => "unknown_enum_value",
            DriftKind::OutOfRange => "out_of_range",
            DriftKind::UnknownStatus => "unknown_status",
        }
    }
}

/// The JSON type of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JsonType {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool,
    /// A number.
    Number,
    /// A string.
    String,
    /// An array.
    Array,
    /// An object.
    Object,
}

impl JsonType {
    /// The name used in the JSON lines.
    pub fn as_str(self) -> &'static str {
        match self {
            JsonType::Null => "null",
            JsonType::Bool => "bool",
            JsonType::Number => "number",
            JsonType::String => "string",
            JsonType::Array => "array",
            JsonType::Object => "object",
        }
    }
}

/// What a number or a string looked like, without its value: enough to guess a spec type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ValueShape {
    /// `0` or `1` (as a number or as text).
    Flag,
    /// A whole number (as a number or as text of digits, without leading zeros).
    Integer,
    /// Digits with leading zeros (`"003429"`): a code, not a number.
    ZeroPadded,
    /// A number with a fraction or an exponent (as a number or as text).
    Decimal,
    /// Text `YYYY-MM-DD`.
    Date,
    /// Text `YYYY-MM-DD HH:MM:SS`.
    DateTime,
    /// Any other text.
    Text,
}

/// One path of one method and one kind of drift, with what was seen there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DriftEntry {
    /// JSON path, array indexes collapsed: `invoices[].invoiceId`.
    pub path: String,
    /// What was unexpected.
    pub kind: DriftKind,
    /// The spec's type of the field (`string:50`); absent for unknown fields.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// JSON types seen.
    #[serde(default)]
    pub json_types: BTreeSet<JsonType>,
    /// Shapes of the numbers and strings seen.
    #[serde(default)]
    pub shapes: BTreeSet<ValueShape>,
    /// Values seen (every row counts).
    pub count: u64,
    /// Answers it was seen in.
    pub responses: u64,
    /// Longest string seen, in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_len: Option<u64>,
    /// Most digits before the point of a number (or numeric text) seen, leading zeros not
    /// counted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_digits: Option<u64>,
    /// Most digits after the point seen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_scale: Option<u64>,
    /// Example values, only for paths the caller opted in (at most [`MAX_EXAMPLES`], each cut
    /// to [`MAX_EXAMPLE_CHARS`] characters).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<String>,
}

impl DriftEntry {
    /// An entry that has seen nothing yet.
    pub fn new(path: impl Into<String>, kind: DriftKind, expected: Option<String>) -> Self {
        DriftEntry {
            path: path.into(),
            kind,
            expected,
            json_types: BTreeSet::new(),
            shapes: BTreeSet::new(),
            count: 0,
            responses: 0,
            max_len: None,
            max_digits: None,
            max_scale: None,
            examples: Vec::new(),
        }
    }

    /// Adds what `other` (the same path and kind) saw.
    pub fn merge(&mut self, other: &DriftEntry) {
        self.json_types.extend(&other.json_types);
        self.shapes.extend(&other.shapes);
        self.count = self.count.saturating_add(other.count);
        self.responses = self.responses.saturating_add(other.responses);
        self.max_len = self.max_len.max(other.max_len);
        self.max_digits = self.max_digits.max(other.max_digits);
        self.max_scale = self.max_scale.max(other.max_scale);
        if self.expected.is_none() {
            self.expected.clone_from(&other.expected);
        }
        for example in &other.examples {
            self.keep_example(example);
        }
    }
}

/// What was recorded for one method.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MethodDrift {
    /// Answers of this method that were compared with the spec.
    pub responses: u64,
    /// Observations not kept because the method already had the most paths allowed.
    pub dropped: u64,
    /// The entries, in order of path and kind.
    pub entries: Vec<DriftEntry>,
}

impl MethodDrift {
    /// The entry for `path` and `kind`.
    pub fn entry(&self, path: &str, kind: DriftKind) -> Option<&DriftEntry> {
        self.entries
            .iter()
            .find(|e| e.path == path && e.kind == kind)
    }
}

/// Everything recorded, per method wire name (`invoice.list`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DriftReport {
    /// Per method, in name order.
    pub methods: BTreeMap<String, MethodDrift>,
}

impl DriftReport {
    /// Whether nothing unexpected was seen (answers may still have been counted).
    pub fn is_clean(&self) -> bool {
        self.methods.values().all(|m| m.entries.is_empty())
    }

    /// The entry of `method` for `path` and `kind`.
    pub fn entry(&self, method: &str, path: &str, kind: DriftKind) -> Option<&DriftEntry> {
        self.methods.get(method)?.entry(path, kind)
    }

    /// Adds another report's counts to this one (reports of several runs or users).
    pub fn merge(&mut self, other: &DriftReport) {
        for (name, theirs) in &other.methods {
            let ours = self.methods.entry(name.clone()).or_default();
            ours.responses = ours.responses.saturating_add(theirs.responses);
            ours.dropped = ours.dropped.saturating_add(theirs.dropped);
            let mut by_key: BTreeMap<(String, DriftKind), DriftEntry> =
                std::mem::take(&mut ours.entries)
                    .into_iter()
                    .map(|e| ((e.path.clone(), e.kind), e))
                    .collect();
            for entry in &theirs.entries {
                match by_key.get_mut(&(entry.path.clone(), entry.kind)) {
                    Some(mine) => mine.merge(entry),
                    None => {
                        by_key.insert((entry.path.clone(), entry.kind), entry.clone());
                    }
                }
            }
            ours.entries = by_key.into_values().collect();
        }
    }
}
