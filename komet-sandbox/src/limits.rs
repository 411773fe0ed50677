//! What the sandbox accepts from a connection: how long it waits, and how much it reads.
//!
//! The sandbox listens on loopback for tests, so honest clients are fast and small; the
//! limits are there so a broken or hostile client cannot hold connections or memory for
//! ever, and are generous enough that no real Komet request comes near them.

use std::time::Duration;

/// Connection and request limits, set through [`crate::SandboxBuilder`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Limits {
    /// A connection with no request in progress and no byte moving is closed after this.
    pub idle_timeout: Duration,
    /// A request head (request line and headers) must have arrived this long after the
    /// server starts waiting for it.
    pub header_read_timeout: Duration,
    /// A request body must have arrived this long after its head.
    pub body_read_timeout: Duration,
    /// Largest request body, in bytes (413 above).
    pub max_body_bytes: usize,
    /// Largest request head (request line and headers), in bytes (431 above).
    pub max_header_bytes: usize,
    /// Deepest nesting of arrays and objects in a JSON body (400 above).
    pub max_json_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            // Clients on loopback send a request at once; 5 s also suits a test that
            // pauses between requests, and is what Apache and Node.js use for keep-alive.
            idle_timeout: Duration::from_secs(5),
            // hyper's own default is 30 s; 10 s is ample on loopback, even on a loaded
            // machine, and frees a slow-loris connection three times sooner.
            header_read_timeout: Duration::from_secs(10),
            body_read_timeout: Duration::from_secs(10),
            // Komet's own limit is not documented; its largest requests (a prebook of at
            // most 100 boxes with breakdowns) take tens of kilobytes.
            max_body_bytes: 1024 * 1024,
            // As Node.js: room for long query strings (GET methods carry their parameters
            // there), far below hyper's ~400 KB buffer.
            max_header_bytes: 16 * 1024,
            // The deepest request in the spec nests about five levels (prebookItems ->
            // breakdowns); 32 leaves room and stays well below serde_json's own 128.
            max_json_depth: 32,
        }
    }
}
