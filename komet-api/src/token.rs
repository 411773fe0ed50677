//! The API token, kept out of logs and error messages.

use std::fmt;

/// A Komet API token.
///
/// The value can only be read inside this crate, when a request is built; `Debug` and
/// `Display` print `Token([redacted])` and there is no `Serialize`, so a token cannot leak
/// through logs, error messages or a serialized configuration by accident.
#[derive(Clone)]
pub struct Token(String);

impl Token {
    /// Wraps a token string.
    pub fn new(value: impl Into<String>) -> Self {
        Token(value.into())
    }

    /// The secret itself, for building a request.
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }

    /// Replaces every occurrence of the token in `text`, for text that came back from the
    /// server and may echo the request.
    pub(crate) fn redact(&self, text: &str) -> String {
        if self.0.is_empty() {
            text.to_owned()
        } else {
            text.replace(&self.0, "[redacted]")
        }
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Token([redacted])")
    }
}

#[cfg(test)]
mod tests {
    use super::Token;

    #[test]
    fn debug_and_display_are_redacted() {
        let token = Token::new("s3cr3t-token");
        assert_eq!(format!("{token:?}"), "Token([redacted])");
        assert_eq!(token.to_string(), "Token([redacted])");
        assert_eq!(token.expose(), "s3cr3t-token");
        assert_eq!(token.redact("a s3cr3t-token b"), "a [redacted] b");
    }
}
