//! Counts the requests this client sent today, against Komet's daily limit.

use std::sync::Mutex;

use chrono::{NaiveDate, Utc};

use crate::Error;

/// Requests sent today (UTC) by this client and its clones.
///
/// Komet allows 1,000 requests per paying user per day across every program using the
/// company's tokens; this counter only sees this client, so treat it as a lower bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuotaStatus {
    /// HTTP attempts sent since midnight UTC (retries count).
    pub used_today: u32,
    /// The configured daily limit.
    pub limit: u32,
    /// `limit - used_today`, never below zero.
    pub remaining: u32,
}

/// A per-UTC-day counter.
#[derive(Debug)]
pub(crate) struct Quota {
    limit: u32,
    day: Mutex<(NaiveDate, u32)>,
}

impl Quota {
    pub(crate) fn new(limit: u32) -> Self {
        Quota {
            limit,
            day: Mutex::new((today(), 0)),
        }
    }

    /// Today's usage.
    pub(crate) fn status(&self) -> QuotaStatus {
        let used = self.with_today(|used| *used);
        QuotaStatus {
            used_today: used,
            limit: self.limit,
            remaining: self.limit.saturating_sub(used),
        }
    }

    /// Counts one attempt; with `enforce`, refuses once the limit is reached.
    pub(crate) fn take(&self, enforce: bool) -> Result<(), Error> {
        let limit = self.limit;
        self.with_today(|used| {
            if enforce && *used >= limit {
                return Err(Error::QuotaExhausted { used: *used, limit });
            }
            *used = used.saturating_add(1);
            Ok(())
        })
    }

    /// Runs `f` on today's count, starting a new count when the UTC day changed.
    fn with_today<T>(&self, f: impl FnOnce(&mut u32) -> T) -> T {
        // A panic while counting cannot leave the counter inconsistent, so a poisoned lock
        // is still usable.
        let mut guard = self.day.lock().unwrap_or_else(|e| e.into_inner());
        let now = today();
        if guard.0 != now {
            *guard = (now, 0);
        }
        f(&mut guard.1)
    }
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_enforces() {
        let quota = Quota::new(2);
        assert!(quota.take(true).is_ok());
        assert!(quota.take(true).is_ok());
        assert!(matches!(
            quota.take(true),
            Err(Error::QuotaExhausted { used: 2, limit: 2 })
        ));
        assert!(quota.take(false).is_ok());
        let status = quota.status();
        assert_eq!(
            (status.used_today, status.limit, status.remaining),
            (3, 2, 0)
        );
    }

    #[test]
    fn resets_on_a_new_day() {
        let quota = Quota::new(5);
        quota.take(false).unwrap();
        quota.day.lock().unwrap().0 = today().pred_opt().unwrap();
        assert_eq!(quota.status().used_today, 0);
    }
}
