//! A record of every request the sandbox answered, without the token.

use std::fmt;

use komet_api::TokenKind;

/// How a request ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Answered with `status` 1 (or a list).
    Ok,
    /// Answered `status: 0`, with this message.
    Refused(String),
    /// Answered with an HTTP error status and this message.
    HttpError(u16, String),
    /// An injected fault answered instead of the method.
    Fault(String),
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Outcome::Ok => f.write_str("ok"),
            Outcome::Refused(message) => write!(f, "refused: {message}"),
            Outcome::HttpError(status, message) => write!(f, "HTTP {status}: {message}"),
            Outcome::Fault(what) => write!(f, "fault: {what}"),
        }
    }
}

/// One answered request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogEntry {
    /// The method name from the URL (`prebook.create`), even when it is unknown.
    pub method: String,
    /// The HTTP verb used.
    pub verb: String,
    /// The kind of the caller's token, once it was recognised.
    pub token_kind: Option<TokenKind>,
    /// How it ended.
    pub outcome: Outcome,
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.token_kind.map_or("no token", TokenKind::as_str);
        write!(f, "{} {} [{kind}] {}", self.verb, self.method, self.outcome)
    }
}
