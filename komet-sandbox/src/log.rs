//! A record of the requests the sandbox answered, without the token: the newest ones, up to a
//! capacity, with texts the caller chose (method names, messages echoing them) cut short.

use std::collections::VecDeque;
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

impl LogEntry {
    /// The entry with its texts cut short where they are too long to be anything but noise
    /// (or an attack): anyone who can reach the port chooses the method name.
    pub(crate) fn bounded(mut self) -> Self {
        self.method = bounded(&self.method, MAX_METHOD_BYTES);
        match &mut self.outcome {
            Outcome::Ok => {}
            Outcome::Refused(message)
            | Outcome::HttpError(_, message)
            | Outcome::Fault(message) => *message = bounded(message, MAX_MESSAGE_BYTES),
        }
        self
    }
}

impl fmt::Display for LogEntry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = self.token_kind.map_or("no token", TokenKind::as_str);
        write!(f, "{} {} [{kind}] {}", self.verb, self.method, self.outcome)
    }
}

/// How many entries the log keeps unless told otherwise: plenty for a test to inspect, and
/// at most a few megabytes, since each entry's text is bounded too.
pub const DEFAULT_LOG_CAPACITY: usize = 10_000;

/// Longest method name kept as it is; the longest in the spec has 40 characters.
const MAX_METHOD_BYTES: usize = 128;

/// Longest outcome message kept; the answer itself still carries the whole message.
const MAX_MESSAGE_BYTES: usize = 512;

/// The newest requests, at most `capacity` of them (a ring: the oldest entry goes first).
#[derive(Debug)]
pub(crate) struct RequestLog {
    entries: VecDeque<LogEntry>,
    capacity: usize,
}

impl RequestLog {
    pub(crate) fn new(capacity: usize) -> Self {
        RequestLog {
            // Grows as requests come, so a large capacity costs nothing until it is used.
            entries: VecDeque::new(),
            capacity,
        }
    }

    /// Records an entry (its texts bounded), forgetting the oldest one when full.
    pub(crate) fn push(&mut self, entry: LogEntry) {
        if self.capacity == 0 {
            return;
        }
        if self.entries.len() >= self.capacity {
            self.entries.pop_front();
        }
        self.entries.push_back(entry.bounded());
    }

    /// The entries, oldest first.
    pub(crate) fn entries(&self) -> Vec<LogEntry> {
        self.entries.iter().cloned().collect()
    }
}

/// A method name as the sandbox may repeat it: a name too long to be any method is shown by
/// its start and its length.
pub(crate) fn bounded_method(name: &str) -> String {
    bounded(name, MAX_METHOD_BYTES)
}

/// `text` if it has at most `max` bytes, else its first `max / 2` bytes (on a character
/// boundary) and its length: `xxxx… (8000 bytes)`.
fn bounded(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max / 2;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} bytes)", &text[..end], text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(method: &str, message: &str) -> LogEntry {
        LogEntry {
            method: method.to_owned(),
            verb: "POST".to_owned(),
            token_kind: None,
            outcome: Outcome::HttpError(404, message.to_owned()),
        }
    }

    #[test]
    fn a_full_log_forgets_the_oldest_entry() {
        let mut log = RequestLog::new(2);
        for method in ["a", "b", "c"] {
            log.push(entry(method, "m"));
        }
        let methods: Vec<String> = log.entries().into_iter().map(|e| e.method).collect();
        assert_eq!(methods, ["b", "c"]);
        let mut off = RequestLog::new(0);
        off.push(entry("a", "m"));
        assert!(off.entries().is_empty());
    }

    #[test]
    fn long_texts_keep_their_start_and_length() {
        let mut log = RequestLog::new(1);
        log.push(entry(&"é".repeat(100), &"m".repeat(2_000)));
        let kept = &log.entries()[0];
        // 64 bytes is 32 two-byte characters: the cut falls on a character boundary.
        assert_eq!(kept.method, format!("{}… (200 bytes)", "é".repeat(32)));
        assert_eq!(
            kept.outcome,
            Outcome::HttpError(404, format!("{}… (2000 bytes)", "m".repeat(256)))
        );
        assert_eq!(bounded_method("prebook.create"), "prebook.create");
    }
}
