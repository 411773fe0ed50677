//! The one error type of the client.

use std::time::Duration;

use crate::meta::TokenKind;
use crate::validate::Violations;

/// Everything that can go wrong with a call. Messages never contain the token.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request broke the method's rules; nothing was sent.
    #[error("{method}: invalid request, nothing was sent: {violations}")]
    Validation {
        /// Method name.
        method: &'static str,
        /// Every violation found.
        violations: Violations,
    },

    /// The client's token kind may not call this method; nothing was sent.
    #[error(
        "{method} cannot be called with a {kind} token (allowed: {})",
        kinds(allowed)
    )]
    TokenKindNotAllowed {
        /// Method name.
        method: &'static str,
        /// The client's token kind.
        kind: TokenKind,
        /// The kinds the method accepts.
        allowed: &'static [TokenKind],
    },

    /// A [`ClientSet`](crate::ClientSet) holds no token of a kind the method accepts.
    #[error(
        "{method} needs a {} token; this set holds: {}",
        kinds(allowed),
        held.iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
    )]
    NoTokenForMethod {
        /// Method name.
        method: &'static str,
        /// The kinds of the tokens held.
        held: Vec<TokenKind>,
        /// The kinds the method accepts.
        allowed: &'static [TokenKind],
    },

    /// The method needs a header the client was not configured with; nothing was sent.
    #[error("{method} needs the {header} header: set it on the ClientBuilder")]
    MissingHeader {
        /// Method name.
        method: &'static str,
        /// Header name.
        header: &'static str,
    },

    /// The server answered with a non-success HTTP status.
    #[error(
        "{method}: HTTP {status}{}{}",
        with_message(message),
        with_retry(retry_after)
    )]
    Http {
        /// Method name.
        method: &'static str,
        /// HTTP status code.
        status: u16,
        /// The `message` of a JSON error body, if any.
        message: Option<String>,
        /// The `Retry-After` delay, if the server sent one in seconds.
        retry_after: Option<Duration>,
    },

    /// The server answered `status: 0`: it refused the request.
    #[error("{method}: Komet refused the request: {message}")]
    Api {
        /// Method name.
        method: &'static str,
        /// The server's message.
        message: String,
        /// The whole response body.
        body: serde_json::Value,
    },

    /// The response could not be decoded.
    #[error("{method}: cannot decode the response at {path}: {message} (body starts: {excerpt})")]
    Decode {
        /// Method name.
        method: &'static str,
        /// Path of the offending value (`items[0].price`), `.` for the whole body.
        path: String,
        /// What was wrong.
        message: String,
        /// The first ~200 characters of the body.
        excerpt: String,
    },

    /// The answer was larger than [`ClientBuilder::max_response_bytes`]; reading stopped there.
    ///
    /// [`ClientBuilder::max_response_bytes`]: crate::ClientBuilder::max_response_bytes
    #[error("{method}: the response is larger than the limit of {limit} bytes")]
    ResponseTooLarge {
        /// Method name.
        method: &'static str,
        /// The limit in bytes.
        limit: usize,
    },

    /// The request is larger than Komet takes for this method ([`MethodMeta::max_request_bytes`]:
    /// 64 KiB for most, 20 MiB for file uploads); nothing was sent.
    ///
    /// [`MethodMeta::max_request_bytes`]: crate::meta::MethodMeta::max_request_bytes
    #[error("{method}: the request is {bytes} bytes; Komet takes at most {limit} for this method")]
    RequestTooLarge {
        /// Method name.
        method: &'static str,
        /// The size of the request (body, or URL query), token included.
        bytes: usize,
        /// The method's limit.
        limit: u32,
    },

    /// The request could not be sent or its response not read.
    #[error("{method}: {}: {source}", if *timed_out { "timed out" } else { "transport error" })]
    Transport {
        /// Method name.
        method: &'static str,
        /// The time limit was reached.
        timed_out: bool,
        /// The underlying error (its URL, which may hold the token, is removed).
        #[source]
        source: reqwest::Error,
    },

    /// The client's daily quota is used up (only with `enforce_quota`); nothing was sent.
    #[error("daily API quota exhausted: {used} of {limit} requests used today (UTC)")]
    QuotaExhausted {
        /// Requests sent today.
        used: u32,
        /// The daily limit.
        limit: u32,
    },

    /// The client configuration is invalid.
    #[error("invalid client configuration: {0}")]
    Config(String),

    /// No method has this name.
    #[error("unknown API method: {0}")]
    UnknownMethod(String),
}

/// What an HTTP error status means, for matching without magic numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpStatusKind {
    /// 400: the request was invalid.
    BadRequest,
    /// 401: the token lacks privileges.
    Unauthorized,
    /// 403: the server rejected the request.
    Forbidden,
    /// 404: not found.
    NotFound,
    /// 408: the server timed out.
    Timeout,
    /// 429: rate limited.
    TooManyRequests,
    /// 5xx.
    ServerError,
    /// Any other status.
    Other(u16),
}

impl HttpStatusKind {
    /// Classifies a status code.
    pub fn from_status(status: u16) -> Self {
        match status {
            400 => HttpStatusKind::BadRequest,
            401 => HttpStatusKind::Unauthorized,
            403 => HttpStatusKind::Forbidden,
            404 => HttpStatusKind::NotFound,
            408 => HttpStatusKind::Timeout,
            429 => HttpStatusKind::TooManyRequests,
            500..=599 => HttpStatusKind::ServerError,
            other => HttpStatusKind::Other(other),
        }
    }
}

impl Error {
    /// The kind of HTTP status, for [`Error::Http`].
    pub fn status_kind(&self) -> Option<HttpStatusKind> {
        match self {
            Error::Http { status, .. } => Some(HttpStatusKind::from_status(*status)),
            _ => None,
        }
    }

    /// The method the error belongs to, when it belongs to one.
    pub fn method(&self) -> Option<&'static str> {
        match self {
            Error::Validation { method, .. }
            | Error::TokenKindNotAllowed { method, .. }
            | Error::NoTokenForMethod { method, .. }
            | Error::MissingHeader { method, .. }
            | Error::Http { method, .. }
            | Error::Api { method, .. }
            | Error::Decode { method, .. }
            | Error::ResponseTooLarge { method, .. }
            | Error::RequestTooLarge { method, .. }
            | Error::Transport { method, .. } => Some(method),
            _ => None,
        }
    }

    /// The violations of an [`Error::Validation`].
    pub fn violations(&self) -> Option<&Violations> {
        match self {
            Error::Validation { violations, .. } => Some(violations),
            _ => None,
        }
    }
}

fn kinds(allowed: &[TokenKind]) -> String {
    let names: Vec<&str> = allowed.iter().map(|k| k.as_str()).collect();
    names.join(", ")
}

fn with_message(message: &Option<String>) -> String {
    message
        .as_ref()
        .map(|m| format!(": {m}"))
        .unwrap_or_default()
}

fn with_retry(retry_after: &Option<Duration>) -> String {
    retry_after
        .map(|d| format!(" (retry after {} s)", d.as_secs()))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_kinds() {
        let cases = [
            (400, HttpStatusKind::BadRequest),
            (401, HttpStatusKind::Unauthorized),
            (403, HttpStatusKind::Forbidden),
            (404, HttpStatusKind::NotFound),
            (408, HttpStatusKind::Timeout),
            (429, HttpStatusKind::TooManyRequests),
            (500, HttpStatusKind::ServerError),
            (503, HttpStatusKind::ServerError),
            (418, HttpStatusKind::Other(418)),
        ];
        for (status, kind) in cases {
            assert_eq!(HttpStatusKind::from_status(status), kind);
        }
    }

    #[test]
    fn messages_are_readable() {
        let e = Error::TokenKindNotAllowed {
            method: "prebook.create",
            kind: TokenKind::Customer,
            allowed: &[TokenKind::Company, TokenKind::Vendor],
        };
        assert_eq!(
            e.to_string(),
            "prebook.create cannot be called with a customer token (allowed: company, vendor)"
        );
        let e = Error::Http {
            method: "prebook.list",
            status: 429,
            message: Some("slow down".into()),
            retry_after: Some(Duration::from_secs(3)),
        };
        assert_eq!(
            e.to_string(),
            "prebook.list: HTTP 429: slow down (retry after 3 s)"
        );
        assert_eq!(e.status_kind(), Some(HttpStatusKind::TooManyRequests));
        assert_eq!(e.method(), Some("prebook.list"));
    }
}
