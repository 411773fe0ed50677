//! Reads a response: HTTP errors, Komet's failure answers and decoding into the response type.

use serde_json::Value;

use crate::drift::Recorder;
use crate::json::{self, Json};
use crate::meta::MethodMeta;
use crate::{Error, Token};

/// Characters of the body kept in a decode error.
const EXCERPT_CHARS: usize = 200;

/// The `message` of a JSON error body, if there is one.
pub(super) fn error_message(body: &[u8], token: &Token) -> Option<String> {
    let value = json::parse(body).ok()?;
    let text = match value.as_object()?.get("message")? {
        Json::String(s) => s.to_string(),
        Json::Null => return None,
        other => other.to_string(),
    };
    Some(token.redact(&text))
}

/// What a top-level `status` says.
#[derive(Debug, PartialEq, Eq)]
enum Status {
    /// `1`, `"1"`, `true`, `"true"`.
    Success,
    /// `0` in any spelling (`0`, `"0"`, `"00"`, `0.0`), `false`, `"false"`.
    Failure,
    /// No `status` member (or `null`).
    Absent,
    /// Anything else: not a form Komet documents, so neither success nor failure.
    Unrecognized,
}

fn status_of(value: &Json<'_>) -> Status {
    let Some(status) = value.as_object().and_then(|o| o.get("status")) else {
        return Status::Absent;
    };
    let numeric = |text: &str| {
        let text = text.trim();
        let number = text
            .parse::<rust_decimal::Decimal>()
            .or_else(|_| rust_decimal::Decimal::from_scientific(text));
        match number {
            Ok(n) if n.is_zero() => Status::Failure,
            Ok(n) if n == rust_decimal::Decimal::ONE => Status::Success,
            _ => Status::Unrecognized,
        }
    };
    match status {
        Json::Null => Status::Absent,
        Json::Bool(true) => Status::Success,
        Json::Bool(false) => Status::Failure,
        Json::Number(text) => numeric(text),
        Json::String(text) => match text.trim().to_ascii_lowercase().as_str() {
            "true" => Status::Success,
            "false" => Status::Failure,
            other => numeric(other),
        },
        Json::Array(_) | Json::Object(_) => Status::Unrecognized,
    }
}

/// Parses a 2xx body and turns Komet's failure answers into [`Error::Api`].
///
/// An empty body is `{}` only for a method whose documented answer has no `status`: for the
/// others it would mean the outcome is unknown, which must not pass for success.
pub(super) fn parse<'b>(
    method: &'static MethodMeta,
    body: &'b [u8],
    token: &Token,
    drift: Option<&Recorder>,
) -> Result<Json<'b>, Error> {
    if body.iter().all(u8::is_ascii_whitespace) {
        if method.response.fields.iter().any(|f| f.name == "status") {
            return Err(Error::Decode {
                method: method.name,
                path: ".".to_owned(),
                message: format!(
                    "the body is empty, but {} always answers with a status",
                    method.name
                ),
                excerpt: String::new(),
            });
        }
        return Ok(Json::Object(Default::default()));
    }
    let value = json::parse(body).map_err(|e| Error::Decode {
        method: method.name,
        path: ".".to_owned(),
        message: token.redact(&format!("the body is not valid JSON: {e}")),
        excerpt: excerpt(body, token),
    })?;
    let status = status_of(&value);
    if let Some(recorder) = drift {
        recorder.record(method, &value, token, status == Status::Unrecognized);
    }
    match status {
        Status::Success | Status::Absent => Ok(value),
        Status::Failure => {
            let message = match value.as_object().and_then(|o| o.get("message")) {
                Some(Json::String(s)) => token.redact(s),
                Some(Json::Null) | None => "no message given".to_owned(),
                Some(other) => token.redact(&other.to_string()),
            };
            Err(Error::Api {
                method: method.name,
                message,
                body: redact_value(value.to_value(), token),
            })
        }
        Status::Unrecognized => Err(Error::Decode {
            method: method.name,
            path: "status".to_owned(),
            message: "the status is neither success (1) nor failure (0)".to_owned(),
            excerpt: excerpt(body, token),
        }),
    }
}

/// Decodes a parsed body into the method's response type, reporting the failing path.
pub(super) fn decode<T: crate::Decode>(
    method: &MethodMeta,
    value: &Json<'_>,
    body: &[u8],
    token: &Token,
) -> Result<T, Error> {
    crate::decode::decode(value).map_err(|e| Error::Decode {
        method: method.name,
        path: if e.path.is_empty() {
            ".".to_owned()
        } else {
            e.path
        },
        message: token.redact(&e.message),
        excerpt: excerpt(body, token),
    })
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

    fn status(body: &str) -> Status {
        status_of(&json::parse(body.as_bytes()).unwrap())
    }

    #[test]
    fn every_spelling_of_failure_is_a_failure() {
        for body in [
            r#"{"status": 0}"#,
            r#"{"status": "0"}"#,
            r#"{"status": "00"}"#,
            r#"{"status": " 0 "}"#,
            r#"{"status": 0.0}"#,
            r#"{"status": -0}"#,
            r#"{"status": false}"#,
            r#"{"status": "false"}"#,
            r#"{"status": "FALSE"}"#,
        ] {
            assert_eq!(status(body), Status::Failure, "{body}");
        }
    }

    #[test]
    fn success_absence_and_the_unknown_are_told_apart() {
        for body in [
            r#"{"status": 1}"#,
            r#"{"status": "1"}"#,
            r#"{"status": true}"#,
            r#"{"status": "true"}"#,
        ] {
            assert_eq!(status(body), Status::Success, "{body}");
        }
        for body in [r#"{"message": "x"}"#, r#"{"status": null}"#, "[0]"] {
            assert_eq!(status(body), Status::Absent, "{body}");
        }
        for body in [
            r#"{"status": 2}"#,
            r#"{"status": "error"}"#,
            r#"{"status": ""}"#,
            r#"{"status": [0]}"#,
            r#"{"status": {}}"#,
        ] {
            assert_eq!(status(body), Status::Unrecognized, "{body}");
        }
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
