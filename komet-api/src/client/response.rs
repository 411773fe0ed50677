//! Reads a response: HTTP errors, `status: 0` refusals and decoding into the response type.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::meta::MethodMeta;
use crate::{Error, Token};

/// Characters of the body kept in a decode error.
const EXCERPT_CHARS: usize = 200;

/// The `message` of a JSON error body, if there is one.
pub(super) fn error_message(body: &[u8], token: &Token) -> Option<String> {
    let value: Value = serde_json::from_slice(body).ok()?;
    let message = value.get("message")?;
    let text = match message {
        Value::String(s) => s.clone(),
        Value::Null => return None,
        other => other.to_string(),
    };
    Some(token.redact(&text))
}

/// Parses a 2xx body (empty means `{}`) and turns `status: 0` into [`Error::Api`].
pub(super) fn parse(method: &MethodMeta, body: &[u8], token: &Token) -> Result<Value, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Default::default()));
    }
    let value: Value = serde_json::from_slice(body).map_err(|e| Error::Decode {
        method: method.name,
        path: ".".to_owned(),
        message: format!("the body is not valid JSON: {e}"),
        excerpt: excerpt(body, token),
    })?;
    if refused(&value) {
        let message = match value.get("message") {
            Some(Value::String(s)) => token.redact(s),
            Some(Value::Null) | None => "no message given".to_owned(),
            Some(other) => token.redact(&other.to_string()),
        };
        return Err(Error::Api {
            method: method.name,
            message,
            body: redact_value(value, token),
        });
    }
    Ok(value)
}

/// Decodes a parsed body into the method's response type, reporting the failing path.
pub(super) fn decode<T: DeserializeOwned>(
    method: &MethodMeta,
    value: &Value,
    body: &[u8],
    token: &Token,
) -> Result<T, Error> {
    serde_path_to_error::deserialize(value).map_err(|e| Error::Decode {
        method: method.name,
        path: e.path().to_string(),
        message: token.redact(&e.inner().to_string()),
        excerpt: excerpt(body, token),
    })
}

/// `status` 0, as a number or as text, is Komet's way of refusing a request.
fn refused(value: &Value) -> bool {
    match value.get("status") {
        Some(Value::Number(n)) => n.as_f64() == Some(0.0),
        Some(Value::String(s)) => s.trim() == "0",
        _ => false,
    }
}

/// The start of the body, for error messages, with the token (should it be echoed) removed.
fn excerpt(body: &[u8], token: &Token) -> String {
    let text = token.redact(&String::from_utf8_lossy(body));
    let mut out: String = text.chars().take(EXCERPT_CHARS).collect();
    if text.chars().count() > EXCERPT_CHARS {
        out.push_str("...");
    }
    out
}

/// Removes the token from every string of a value.
fn redact_value(value: Value, token: &Token) -> Value {
    match value {
        Value::String(s) => Value::String(token.redact(&s)),
        Value::Array(items) => {
            Value::Array(items.into_iter().map(|v| redact_value(v, token)).collect())
        }
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (token.redact(&k), redact_value(v, token)))
                .collect(),
        ),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_zero_in_both_forms_is_refused() {
        assert!(refused(&serde_json::json!({"status": 0})));
        assert!(refused(&serde_json::json!({"status": "0"})));
        assert!(!refused(&serde_json::json!({"status": 1})));
        assert!(!refused(&serde_json::json!({"status": "1"})));
        assert!(!refused(&serde_json::json!([0])));
    }

    #[test]
    fn excerpt_is_short_and_redacted() {
        let token = Token::new("SECRET");
        let body = format!("SECRET{}", "x".repeat(500));
        let e = excerpt(body.as_bytes(), &token);
        assert!(e.starts_with("[redacted]xx"));
        assert_eq!(e.chars().count(), EXCERPT_CHARS + 3);
    }
}
