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

/// What a counter has spent on one UTC day: saved by a job that stops, given back to
/// [`QuotaCounter::restore`] when it starts again the same day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuotaSnapshot {
    /// The UTC day counted.
    pub day: NaiveDate,
    /// Requests sent that day.
    pub used: u32,
}

/// A daily request counter that several clients can share: Komet's limit is per user, so
/// the clients of one Komet user (one per token kind, say) should count against one total.
/// Cloning shares the count. Give it to each client with
/// [`ClientBuilder::quota_counter`](crate::ClientBuilder::quota_counter).
#[derive(Debug, Clone)]
pub struct QuotaCounter(pub(crate) std::sync::Arc<Quota>);

impl QuotaCounter {
    /// A counter of `limit` requests a day, at zero.
    pub fn new(limit: u32) -> Self {
        QuotaCounter(std::sync::Arc::new(Quota::new(limit)))
    }

    /// A counter that resumes from `saved`: its count if `saved` is of today (UTC), zero for
    /// an older day.
    pub fn restore(limit: u32, saved: QuotaSnapshot) -> Self {
        let counter = QuotaCounter::new(limit);
        if saved.day == today() {
            counter.0.with_today(|used| *used = saved.used);
        }
        counter
    }

    /// Today's usage.
    pub fn status(&self) -> QuotaStatus {
        self.0.status()
    }

    /// Today's count, to save.
    pub fn snapshot(&self) -> QuotaSnapshot {
        let used = self.0.with_today(|used| *used);
        QuotaSnapshot { day: today(), used }
    }
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
    fn a_counter_is_shared_saved_and_restored() {
        let counter = QuotaCounter::new(10);
        let other = counter.clone();
        counter.0.take(false).unwrap();
        other.0.take(false).unwrap();
        assert_eq!(counter.status().used_today, 2);
        let saved = counter.snapshot();
        assert_eq!(QuotaCounter::restore(10, saved).status().used_today, 2);
        // A count from yesterday does not carry over.
        let old = QuotaSnapshot {
            day: today().pred_opt().unwrap(),
            used: 7,
        };
        assert_eq!(QuotaCounter::restore(10, old).status().used_today, 0);
        let json = serde_json::to_string(&saved).unwrap();
        assert_eq!(serde_json::from_str::<QuotaSnapshot>(&json).unwrap(), saved);
    }

    #[test]
    fn resets_on_a_new_day() {
        let quota = Quota::new(5);
        quota.take(false).unwrap();
        quota.day.lock().unwrap().0 = today().pred_opt().unwrap();
        assert_eq!(quota.status().used_today, 0);
    }
}
