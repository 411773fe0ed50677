//! Compares one answer with its method's response metadata and collects what the spec did
//! not expect, by collapsed path.
//!
//! One pass over the exact JSON tree, linear in its size: every member is looked up among its
//! object's fields (a few dozen at most), scalars are checked with the validator's own rules,
//! and the path is one buffer grown and cut as the walk goes. Paths longer than
//! [`MAX_PATH_CHARS`] and paths past the limit are counted as dropped, not kept.

use std::collections::BTreeMap;

use komet_drift::{DriftEntry, DriftKind, JsonType};

use super::DriftOptions;
use super::expected::{json_types_of, spec_type};
use crate::Token;
use crate::json::{Json, Object};
use crate::meta::{FieldMeta, FieldType, ObjectMeta};
use crate::validate::Path;
use crate::validate::ViolationRule;
use crate::validate::scalar::{self, Bounds};

/// Longest path kept, in bytes; a longer one (a hostile member name) is dropped.
pub(crate) const MAX_PATH_CHARS: usize = 200;

/// What one answer (or one method, once merged) holds: entries by path, then by kind.
pub(crate) type Found = BTreeMap<String, BTreeMap<DriftKind, DriftEntry>>;

/// The walk of one answer.
pub(crate) struct Walk<'a> {
    method: &'static str,
    options: &'a DriftOptions,
    token: &'a Token,
    /// Whether the top-level `status` was neither success nor failure.
    unknown_status: bool,
    pub(crate) found: Found,
    pub(crate) dropped: u64,
    path: String,
    violations: Vec<crate::Violation>,
    /// The id type of the field being walked, so its expected type reads as in the spec.
    id: Option<&'static str>,
}

impl<'a> Walk<'a> {
    pub(crate) fn new(
        method: &'static str,
        options: &'a DriftOptions,
        token: &'a Token,
        unknown_status: bool,
    ) -> Self {
        Walk {
            method,
            options,
            token,
            unknown_status,
            found: Found::new(),
            dropped: 0,
            path: String::new(),
            violations: Vec::new(),
            id: None,
        }
    }

    /// Walks a whole answer against the method's response object.
    pub(crate) fn answer(&mut self, meta: &'static ObjectMeta, value: &Json<'_>) {
        match value {
            Json::Object(object) => self.object(meta, object, true),
            // The path of the answer itself, as in decode errors.
            other => {
                self.path.push('.');
                self.record(
                    DriftKind::UnexpectedType,
                    other,
                    Some(&FieldType::Object(meta)),
                );
                self.path.clear();
            }
        }
    }

    fn object(&mut self, meta: &ObjectMeta, object: &Object<'_>, top: bool) {
        for (name, value) in object.iter() {
            let mark = self.enter(name);
            let field = meta.fields.iter().find(|f| f.name == name);
            // The top-level `status` is judged by the response reader, which knows every form
            // of it.
            let status = top && name == "status";
            match field {
                _ if status && self.unknown_status => {
                    self.record(DriftKind::UnknownStatus, value, field.map(|f| &f.ty));
                }
                Some(_) if status => {}
                Some(field) => self.field(field, value),
                None => self.unknown(value),
            }
            self.path.truncate(mark);
        }
    }

    /// Appends `.name` (or `name` at the top) to the path; returns where to cut it back.
    fn enter(&mut self, name: &str) -> usize {
        let mark = self.path.len();
        if !self.path.is_empty() {
            self.path.push('.');
        }
        self.path.push_str(name);
        mark
    }

    fn field(&mut self, field: &FieldMeta, value: &Json<'_>) {
        if value.is_null() {
            return;
        }
        let bounds = Bounds {
            min: field.min,
            max: field.max,
            values: field.values,
        };
        let outer = std::mem::replace(&mut self.id, field.id);
        self.typed(&field.ty, bounds, value);
        self.id = outer;
    }

    fn typed(&mut self, ty: &FieldType, bounds: Bounds, value: &Json<'_>) {
        match (ty, value) {
            (_, Json::Null) => {}
            (FieldType::Object(meta), Json::Object(object)) => self.object(meta, object, false),
            (FieldType::Array(meta), Json::Array(items)) => {
                self.each(items, "[]", |walk, item| match item {
                    Json::Object(object) => walk.object(meta, object, false),
                    other => walk.typed(&FieldType::Object(meta), bounds, other),
                })
            }
            (FieldType::Map(meta), Json::Object(members)) => self.each(
                members.iter().map(|(_, v)| v),
                "{}",
                |walk, item| match item {
                    Json::Object(object) => walk.object(meta, object, false),
                    other => walk.typed(&FieldType::Object(meta), bounds, other),
                },
            ),
            (FieldType::List(item_ty), Json::Array(items)) => {
                self.each(items, "[]", |walk, item| walk.typed(item_ty, bounds, item))
            }
            (
                FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) | FieldType::List(_),
                _,
            ) => self.record(DriftKind::UnexpectedType, value, Some(ty)),
            (_, Json::Array(_) | Json::Object(_)) => {
                self.record(DriftKind::UnexpectedType, value, Some(ty))
            }
            _ => self.scalar(ty, bounds, value),
        }
    }

    /// Walks array items (or map values) under the current path and `suffix` (`[]`, `{}`).
    fn each<'v, 'j: 'v>(
        &mut self,
        items: impl IntoIterator<Item = &'v Json<'j>>,
        suffix: &str,
        mut visit: impl FnMut(&mut Self, &Json<'j>),
    ) {
        let mark = self.path.len();
        self.path.push_str(suffix);
        for item in items {
            visit(self, item);
        }
        self.path.truncate(mark);
    }

    /// A scalar of a documented field: its JSON type, then the validator's rules for it.
    fn scalar(&mut self, ty: &FieldType, bounds: Bounds, value: &Json<'_>) {
        let mut kinds: Vec<DriftKind> = Vec::new();
        if !json_types_of(ty).contains(&json_type(value)) {
            kinds.push(DriftKind::UnexpectedType);
        }
        self.violations.clear();
        scalar::check(ty, value, bounds, &Path::Root, &mut self.violations);
        for violation in &self.violations {
            let kind = match violation.rule {
                ViolationRule::Type => DriftKind::UnexpectedType,
                ViolationRule::MaxLength => DriftKind::TooLong,
                ViolationRule::MaxDigits
                | ViolationRule::DecimalPrecision
                | ViolationRule::DecimalScale => DriftKind::TooManyDigits,
                ViolationRule::Date | ViolationRule::DateTime => DriftKind::BadFormat,
                ViolationRule::Enum => DriftKind::UnknownEnumValue,
                ViolationRule::Min | ViolationRule::Max => DriftKind::OutOfRange,
                _ => continue,
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
        }
        for kind in kinds {
            self.record(kind, value, Some(ty));
        }
    }

    /// A member the spec does not describe, and everything inside it.
    fn unknown(&mut self, value: &Json<'_>) {
        if self.path.len() > MAX_PATH_CHARS {
            self.dropped += 1;
            return;
        }
        self.record(DriftKind::UnknownField, value, None);
        match value {
            Json::Object(object) => {
                for (name, member) in object.iter() {
                    let mark = self.enter(name);
                    self.unknown(member);
                    self.path.truncate(mark);
                }
            }
            Json::Array(items) => self.each(items, "[]", |walk, item| walk.unknown(item)),
            _ => {}
        }
    }

    /// Counts `value` under the current path and `kind`.
    fn record(&mut self, kind: DriftKind, value: &Json<'_>, expected: Option<&FieldType>) {
        if self.path.len() > MAX_PATH_CHARS {
            self.dropped += 1;
            return;
        }
        // A member name that echoes the token must not carry it into the report.
        let key = self.token.redact(&self.path);
        if !self.found.contains_key(&key) && self.found.len() >= self.options.max_paths {
            self.dropped += 1;
            return;
        }
        let entry = self
            .found
            .entry(key)
            .or_default()
            .entry(kind)
            .or_insert_with(|| {
                DriftEntry::new(
                    self.token.redact(&self.path),
                    kind,
                    expected.map(|ty| spec_type(ty, self.id)),
                )
            });
        let text = match value {
            Json::String(s) => Some(s.as_ref()),
            Json::Number(n) => Some(n.as_ref()),
            _ => None,
        };
        entry.observe(json_type(value), text);
        if self.options.keeps_examples(self.method, &entry.path) {
            let shown = match text {
                Some(text) => self.token.redact(text),
                None => value_word(value).to_owned(),
            };
            entry.keep_example(&shown);
        }
    }
}

/// The JSON type of a value.
pub(crate) fn json_type(value: &Json<'_>) -> JsonType {
    match value {
        Json::Null => JsonType::Null,
        Json::Bool(_) => JsonType::Bool,
        Json::Number(_) => JsonType::Number,
        Json::String(_) => JsonType::String,
        Json::Array(_) => JsonType::Array,
        Json::Object(_) => JsonType::Object,
    }
}

/// How an example that is not text or a number is shown: never a container's contents.
fn value_word(value: &Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(true) => "true",
        Json::Bool(false) => "false",
        Json::Array(_) => "[...]",
        Json::Object(_) => "{...}",
        Json::Number(_) | Json::String(_) => "",
    }
}
