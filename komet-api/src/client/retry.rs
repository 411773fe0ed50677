//! When a failed attempt may be repeated, and after how long.

use std::time::Duration;

use crate::meta::Effect;

/// How often and how patiently failed attempts are repeated.
///
/// A 429 is retried for every method (the server did not act on it), and so is a connection
/// that could not be opened. Timeouts, 408 and 5xx are retried only for read methods: a
/// create, update or delete may already have happened, and a duplicate is worse than an error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt (default 2).
    pub max_retries: u32,
    /// First backoff delay, doubled at each retry (default 500 ms).
    pub base_delay: Duration,
    /// Longest wait between attempts (default 30 s). When the server's `Retry-After` asks
    /// for longer, the call ends with that error at once instead of retrying.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 2,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    /// Never retry.
    pub fn none() -> Self {
        RetryPolicy {
            max_retries: 0,
            ..RetryPolicy::default()
        }
    }

    /// Exponential backoff before retry number `retry` (1 for the first retry).
    pub(crate) fn backoff(&self, retry: u32) -> Duration {
        let factor = 1u32 << retry.saturating_sub(1).min(16);
        self.base_delay.saturating_mul(factor).min(self.max_delay)
    }

    /// The wait before retry number `retry`, honouring the server's `Retry-After` (the
    /// caller gives up instead when that is longer than `max_delay`).
    pub(crate) fn delay(&self, retry: u32, retry_after: Option<Duration>) -> Duration {
        match retry_after {
            Some(wait) => wait.min(self.max_delay),
            None => self.backoff(retry),
        }
    }
}

/// What went wrong with one attempt, as far as retrying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Failure {
    /// An HTTP status outside 2xx.
    Status(u16),
    /// The connection could not be opened: the request never left.
    Connect,
    /// The time limit was reached.
    Timeout,
    /// Any other transport failure (the request may have reached the server).
    Other,
    /// The answer was larger than the client accepts: asking again gets the same answer.
    TooLarge,
}

/// Whether a failure may be retried for a method with this effect.
pub(crate) fn retryable(failure: Failure, effect: Effect) -> bool {
    let read = effect == Effect::Read;
    match failure {
        Failure::Status(429) | Failure::Connect => true,
        Failure::Status(status) => read && (status == 408 || (500..=599).contains(&status)),
        Failure::Timeout | Failure::Other => read,
        Failure::TooLarge => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_are_retried_only_when_nothing_happened() {
        for (failure, read, write) in [
            (Failure::Status(429), true, true),
            (Failure::Connect, true, true),
            (Failure::Status(500), true, false),
            (Failure::Status(503), true, false),
            (Failure::Status(408), true, false),
            (Failure::Timeout, true, false),
            (Failure::Other, true, false),
            (Failure::Status(400), false, false),
            (Failure::Status(404), false, false),
            (Failure::TooLarge, false, false),
        ] {
            assert_eq!(retryable(failure, Effect::Read), read, "{failure:?} read");
            assert_eq!(
                retryable(failure, Effect::Write),
                write,
                "{failure:?} write"
            );
        }
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let policy = RetryPolicy {
            max_retries: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(350),
        };
        assert_eq!(policy.backoff(1), Duration::from_millis(100));
        assert_eq!(policy.backoff(2), Duration::from_millis(200));
        assert_eq!(policy.backoff(3), Duration::from_millis(350));
        assert_eq!(
            policy.delay(1, Some(Duration::from_secs(60))),
            Duration::from_millis(350)
        );
        assert_eq!(policy.delay(1, Some(Duration::ZERO)), Duration::ZERO);
        assert_eq!(RetryPolicy::none().max_retries, 0);
    }
}
