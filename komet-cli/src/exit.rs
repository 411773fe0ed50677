//! Exit codes: one per kind of outcome, so scripts can tell a bad request from a refusal, an
//! HTTP error, a dead network and an unreadable answer without parsing messages.

use std::process::ExitCode;

use komet_api::{Error, HttpStatusKind};

/// How `komet` ends. The numbers are part of the command's interface (see [`EXIT_CODES_HELP`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done; the request is valid, or Komet answered with success.
    Ok = 0,
    /// The request breaks the method's rules (or its token kind or headers do); nothing sent.
    Invalid = 1,
    /// Komet answered `status: 0`: it refused the request.
    Refused = 2,
    /// Any other HTTP error status (400, 403, 404, 408, 5xx, ...).
    Http = 3,
    /// HTTP 401: the token is missing, unknown or lacks privileges.
    Unauthorized = 4,
    /// HTTP 429 (or the client's own daily quota): rate limited.
    RateLimited = 5,
    /// The request could not be sent or the answer not read (connection, timeout).
    Transport = 6,
    /// The answer is not the JSON the method returns, or is too large.
    Decode = 7,
    /// Bad command line: unknown method or flag, unreadable file, no token.
    Usage = 64,
}

/// The table printed by `komet --help`.
pub const EXIT_CODES_HELP: &str = "\
Exit codes:
  0   success (the request is valid; Komet answered with success)
  1   invalid request: a rule, the token kind or a header is wrong; nothing was sent
  2   Komet refused the request (it answered status: 0)
  3   HTTP error status other than 401 and 429 (400, 403, 404, 408, 5xx, ...)
  4   HTTP 401: token missing, unknown or without privileges
  5   HTTP 429: rate limited or daily quota used up
  6   transport error: no connection, timeout
  7   the response could not be decoded or was too large
  64  usage: unknown method or flag, unreadable input file, no token";

impl Exit {
    /// The exit code of a failed call.
    pub fn of(error: &Error) -> Exit {
        match error {
            Error::Validation { .. }
            | Error::TokenKindNotAllowed { .. }
            | Error::MissingHeader { .. } => Exit::Invalid,
            Error::Api { .. } => Exit::Refused,
            Error::Http { .. } => match error.status_kind() {
                Some(HttpStatusKind::Unauthorized) => Exit::Unauthorized,
                Some(HttpStatusKind::TooManyRequests) => Exit::RateLimited,
                _ => Exit::Http,
            },
            Error::QuotaExhausted { .. } => Exit::RateLimited,
            Error::Transport { .. } => Exit::Transport,
            Error::Decode { .. } | Error::ResponseTooLarge { .. } => Exit::Decode,
            Error::Config(_) | Error::UnknownMethod(_) => Exit::Usage,
            // `Error` is non-exhaustive: a kind added later is at least a failed call.
            _ => Exit::Http,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// A command that did not succeed: the code to exit with and what to tell the user.
#[derive(Debug)]
pub struct Failure {
    pub exit: Exit,
    pub message: String,
}

impl Failure {
    pub fn usage(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Usage,
            message: message.into(),
        }
    }

    pub fn invalid(message: impl Into<String>) -> Self {
        Failure {
            exit: Exit::Invalid,
            message: message.into(),
        }
    }
}
