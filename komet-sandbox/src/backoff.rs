//! Pausing after a failed `accept`.
//!
//! When the process runs out of file descriptors, `accept` fails at once on every call while
//! the pending connection keeps the listening socket readable, so a loop that retries at once
//! takes a whole core. Waiting a little (10 ms, doubling up to 100 ms) lets descriptors come
//! free as connections close, at almost no CPU, and still accepts again quickly.

use std::time::Duration;

const FIRST_PAUSE: Duration = Duration::from_millis(10);
const LONGEST_PAUSE: Duration = Duration::from_millis(100);

/// The pause before the next `accept`, growing while failures follow each other.
#[derive(Debug, Default)]
pub(crate) struct AcceptBackoff {
    /// Failures since the last accepted connection.
    failures: u64,
    pause: Duration,
}

impl AcceptBackoff {
    /// Records a failed `accept`; returns how long to wait before the next one. Says so in
    /// the log once per run of failures, not once per attempt.
    pub(crate) fn failed(&mut self, error: &std::io::Error) -> Duration {
        if self.failures == 0 {
            tracing::warn!(
                target: "komet_sandbox",
                "cannot accept connections ({error}); retrying every {} to {} ms",
                FIRST_PAUSE.as_millis(),
                LONGEST_PAUSE.as_millis()
            );
        }
        self.failures += 1;
        self.pause = if self.pause.is_zero() {
            FIRST_PAUSE
        } else {
            (self.pause * 2).min(LONGEST_PAUSE)
        };
        self.pause
    }

    /// Records an accepted connection, ending a run of failures.
    pub(crate) fn accepted(&mut self) {
        if self.failures > 0 {
            tracing::info!(
                target: "komet_sandbox",
                "accepting connections again after {} failed attempts",
                self.failures
            );
        }
        *self = AcceptBackoff::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pauses_grow_to_a_limit_and_start_over_after_success() {
        let error = std::io::Error::from_raw_os_error(24);
        let mut backoff = AcceptBackoff::default();
        let pauses: Vec<u128> = (0..6).map(|_| backoff.failed(&error).as_millis()).collect();
        assert_eq!(pauses, [10, 20, 40, 80, 100, 100]);
        backoff.accepted();
        assert_eq!(backoff.failed(&error), FIRST_PAUSE);
    }
}
