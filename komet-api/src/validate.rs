//! Checks a request against its method's [`ObjectMeta`] before anything is sent.
//!
//! The engine walks the JSON form of a request, so it checks exactly what would travel, and
//! reports every violation at once, each with a JSON path such as
//! `prebookItems[2].breakdowns[0].stemsBunch`.

mod object;
mod path;
mod rules;
// The drift recorder checks response values with the same scalar rules.
pub(crate) mod scalar;

pub(crate) use path::Path;
pub use path::PathSegment;

use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::json::{self, Json, Object};

use crate::meta::{ObjectMeta, TokenKind};

/// What the validator knows about the caller, for the checks that depend on it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ValidationContext {
    /// Kind of the token in use; `None` (unknown) skips the token-dependent checks.
    pub token_kind: Option<TokenKind>,
    /// The company works in multi-location mode.
    pub multi_location: bool,
    /// The token has Transactional API Access.
    pub transactional_access: bool,
    /// Company settings that are on (keys as in the spec).
    pub settings: Vec<&'static str>,
}

/// The kind of rule a [`Violation`] breaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ViolationRule {
    /// A required field is missing.
    Required,
    /// A field the method does not define.
    UnknownField,
    /// The JSON type is wrong (a number where text is expected, ...).
    Type,
    /// Text longer than allowed.
    MaxLength,
    /// An integer with too many digits.
    MaxDigits,
    /// A decimal with too many digits in total.
    DecimalPrecision,
    /// A decimal with too many digits after the point.
    DecimalScale,
    /// Not a valid `YYYY-MM-DD` date.
    Date,
    /// Not a valid `YYYY-MM-DD HH:MM:SS` date and time.
    DateTime,
    /// Not one of the enumeration's values.
    Enum,
    /// Below the minimum.
    Min,
    /// Above the maximum.
    Max,
    /// An alternative given only in part.
    Alternatives,
    /// More than one of exclusive alternatives given.
    Exclusive,
    /// A field required by a condition is missing.
    ConditionalRequired,
    /// A field that needs Transactional API Access.
    TransactionalAccess,
    /// A field the server ignores for this token kind.
    IgnoredForToken,
    /// A field required for multi-location companies is missing.
    MultiLocation,
    /// A field honoured only when a company setting is on.
    CompanySetting,
    /// None of a set of fields, at least one of which is required, was given.
    RequireOneOf,
    /// Two date fields further apart than allowed.
    DateSpan,
}

impl ViolationRule {
    /// The rule's snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            ViolationRule::Required => "required",
            ViolationRule::UnknownField => "unknown_field",
            ViolationRule::Type => "type",
            ViolationRule::MaxLength => "max_length",
            ViolationRule::MaxDigits => "max_digits",
            ViolationRule::DecimalPrecision => "decimal_precision",
            ViolationRule::DecimalScale => "decimal_scale",
            ViolationRule::Date => "date",
            ViolationRule::DateTime => "date_time",
            ViolationRule::Enum => "enum",
            ViolationRule::Min => "min",
            ViolationRule::Max => "max",
            ViolationRule::Alternatives => "alternatives",
            ViolationRule::Exclusive => "exclusive",
            ViolationRule::ConditionalRequired => "conditional_required",
            ViolationRule::TransactionalAccess => "transactional_access",
            ViolationRule::IgnoredForToken => "ignored_for_token",
            ViolationRule::MultiLocation => "multi_location",
            ViolationRule::CompanySetting => "company_setting",
            ViolationRule::RequireOneOf => "require_one_of",
            ViolationRule::DateSpan => "date_span",
        }
    }
}

impl fmt::Display for ViolationRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// JSON path of the offending field (`items[1].price`), or of an alternative group.
    pub path: String,
    /// The rule broken.
    pub rule: ViolationRule,
    /// What is wrong, in plain English.
    pub message: String,
}

impl Violation {
    /// The path as segments: fields, array indexes and map keys, outermost first.
    pub fn segments(&self) -> Vec<PathSegment> {
        path::segments(&self.path)
    }

    /// The index of the item of array `field` (a top-level field such as `prebookItems`) the
    /// violation is in: the row of an import that failed. `None` when it is not in one.
    pub fn index_in(&self, field: &str) -> Option<usize> {
        match self.segments().as_slice() {
            [PathSegment::Field(name), PathSegment::Index(i), ..] if name == field => Some(*i),
            _ => None,
        }
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// Every violation found in a request (never empty when returned as an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    /// Iterates over the violations.
    pub fn iter(&self) -> std::slice::Iter<'_, Violation> {
        self.0.iter()
    }

    /// Number of violations.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'a> IntoIterator for &'a Violations {
    type Item = &'a Violation;
    type IntoIter = std::slice::Iter<'a, Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

impl IntoIterator for Violations {
    type Item = Violation;
    type IntoIter = std::vec::IntoIter<Violation>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        write!(f, "{n} violation{}", if n == 1 { "" } else { "s" })?;
        for (i, v) in self.0.iter().enumerate() {
            f.write_str(if i == 0 { ": " } else { "; " })?;
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

/// Path used for a violation of the request as a whole.
pub(crate) const ROOT_PATH: &str = "$";

/// Validates the JSON form of a request (without its token) against `meta`.
///
/// `null` counts as absent. Returns every violation found, not just the first.
pub fn validate_value(
    meta: &ObjectMeta,
    value: &Value,
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    match Json::from_value(value) {
        Ok(json) => validate_json(meta, &json, ctx),
        Err(e) => Err(root_violation(format!(
            "the request cannot be checked: {e}"
        ))),
    }
}

/// [`validate_value`] over the exact JSON tree, numbers as their text.
pub(crate) fn validate_json(
    meta: &ObjectMeta,
    value: &Json<'_>,
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    match value.as_object() {
        Some(root) => validate_object(meta, root, ctx),
        None => Err(root_violation(
            "the request must be a JSON object".to_owned(),
        )),
    }
}

/// [`validate_json`] for a request already known to be an object.
pub(crate) fn validate_object(
    meta: &ObjectMeta,
    root: &Object<'_>,
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    let violations = object::check_request(meta, root, ctx);
    if violations.is_empty() {
        Ok(())
    } else {
        Err(Violations(violations))
    }
}

/// Validates a generated type's JSON, as its encoder writes it (the text the client sends):
/// the text itself is checked, so a decimal keeps every digit it will be sent with.
pub fn validate_encodable(
    meta: &ObjectMeta,
    value: &dyn crate::Encode,
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    let bytes = crate::encode::to_vec(value)
        .map_err(|e| root_violation(format!("the request cannot be written as JSON: {e}")))?;
    validate_text(meta, &bytes, ctx)
}

/// Validates `value` as it serializes with serde_json, for a request type of the caller's:
/// the JSON text itself is checked, as for [`validate_encodable`].
pub fn validate_serializable<T: Serialize + ?Sized>(
    meta: &ObjectMeta,
    value: &T,
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    let bytes = serde_json::to_vec(value)
        .map_err(|e| root_violation(format!("the request cannot be serialized to JSON: {e}")))?;
    validate_text(meta, &bytes, ctx)
}

/// Validates a request's JSON text.
fn validate_text(
    meta: &ObjectMeta,
    bytes: &[u8],
    ctx: &ValidationContext,
) -> Result<(), Violations> {
    match json::parse(bytes) {
        Ok(json) => validate_json(meta, &json, ctx),
        Err(e) => Err(root_violation(format!(
            "the request does not serialize to valid JSON: {e}"
        ))),
    }
}

/// A violation of the request as a whole.
pub(crate) fn root_violation(message: String) -> Violations {
    Violations(vec![Violation {
        path: ROOT_PATH.to_owned(),
        rule: ViolationRule::Type,
        message,
    }])
}
