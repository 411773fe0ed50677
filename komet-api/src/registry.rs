//! Methods by wire name, for tools, tests and servers that hold JSON rather than typed values.
//!
//! The table itself is generated (`generated::registry::METHODS`); this module looks things up
//! in it.

use serde_json::Value;

use crate::meta::MethodMeta;
use crate::validate::{ValidationContext, Violations, validate_value};

/// One method: its metadata and functions that decode its JSON through the typed structs.
#[derive(Debug)]
pub struct Entry {
    /// Metadata (verb, tokens, fields, rules).
    pub meta: &'static MethodMeta,
    /// Decodes a request body into the typed request and back into canonical JSON.
    pub decode_request: fn(&Value) -> Result<Value, DecodeFailure>,
    /// Decodes a response body into the typed response and back into canonical JSON.
    pub decode_response: fn(&Value) -> Result<Value, DecodeFailure>,
    /// Whether a response body decodes into the typed response: `decode_response` without
    /// writing the canonical JSON back, for a server that checks its own answers.
    pub check_response: fn(&Value) -> Result<(), DecodeFailure>,
}

/// Why JSON did not decode into a typed value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("at `{path}`: {message}")]
pub struct DecodeFailure {
    /// Path of the offending value (`items[0].status`), empty for the root.
    pub path: String,
    /// What serde reported.
    pub message: String,
}

/// Decodes `value` as `T` and encodes it again: lenient input in, canonical JSON out. The
/// output is what the typed value writes on the wire, read back exactly: a number that
/// `serde_json::Number` cannot hold (a 22-digit decimal) is given as its exact text rather
/// than rounded through `f64`.
///
/// It decodes through the same deserializer as [`crate::Client::call`].
pub fn roundtrip<T: crate::Decode + crate::Encode>(value: &Value) -> Result<Value, DecodeFailure> {
    let typed: T = decode_value(value)?;
    canonical(&typed)
}

/// What `typed` writes on the wire, read back exactly.
fn canonical(typed: &dyn crate::Encode) -> Result<Value, DecodeFailure> {
    let bytes = crate::encode::to_vec(typed).map_err(failure)?;
    let exact = crate::json::parse(&bytes).map_err(failure)?;
    Ok(exact.to_value())
}

/// Whether `value` decodes as `T`: [`roundtrip`]'s first half, failing the same way.
pub fn decodes<T: crate::Decode>(value: &Value) -> Result<(), DecodeFailure> {
    decode_value::<T>(value).map(drop)
}

/// `value` as `T`, through the same decoder as [`crate::Client::call`] (the exact JSON tree
/// and the type's generated decoder).
fn decode_value<T: crate::Decode>(value: &Value) -> Result<T, DecodeFailure> {
    let tree = crate::json::Json::from_value(value).map_err(failure)?;
    crate::decode::decode(&tree).map_err(|e| DecodeFailure {
        path: e.path,
        message: e.message,
    })
}

/// A failure of the value as a whole.
fn failure(error: impl std::fmt::Display) -> DecodeFailure {
    DecodeFailure {
        path: String::new(),
        message: error.to_string(),
    }
}

/// Every method in the spec, sorted by wire name.
pub fn methods() -> &'static [Entry] {
    crate::generated::registry::METHODS
}

/// The method with this wire name (`prebook.create`).
pub fn find(name: &str) -> Option<&'static Entry> {
    let all = methods();
    all.binary_search_by(|entry| entry.meta.name.cmp(name))
        .ok()
        .map(|i| &all[i])
}

/// Validates a JSON request for the named method. The token parameter, if present, is
/// ignored: it is not part of the method's fields.
pub fn validate_request(
    name: &str,
    request: &Value,
    context: &ValidationContext,
) -> Result<(), RegistryError> {
    let entry = find(name).ok_or_else(|| RegistryError::UnknownMethod(name.to_string()))?;
    let mut request = request.clone();
    if let Value::Object(map) = &mut request {
        map.remove(entry.meta.token_param);
    }
    validate_value(entry.meta.request, &request, context).map_err(RegistryError::Invalid)
}

/// Decodes a JSON response of the named method into its typed response, returning it as
/// canonical JSON.
pub fn decode_response(name: &str, response: &Value) -> Result<Value, RegistryError> {
    let entry = find(name).ok_or_else(|| RegistryError::UnknownMethod(name.to_string()))?;
    (entry.decode_response)(response).map_err(RegistryError::Decode)
}

/// Failures of the by-name functions.
#[derive(Debug, thiserror::Error)]
pub enum RegistryError {
    /// No method has that name.
    #[error("no method named `{0}` in the spec")]
    UnknownMethod(String),
    /// The request breaks rules of the spec.
    #[error("{0}")]
    Invalid(Violations),
    /// The JSON does not decode into the typed value.
    #[error("{0}")]
    Decode(DecodeFailure),
}
