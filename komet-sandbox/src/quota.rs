//! Komet's daily request limit: a number of calls per user (token) per UTC day.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

/// Requests counted per token for the current UTC day.
#[derive(Debug)]
pub(crate) struct DailyQuota {
    limit: u32,
    day: Option<NaiveDate>,
    used: HashMap<String, u32>,
}

/// The outcome of counting one request.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum QuotaCheck {
    /// Within the limit.
    Allowed,
    /// Over the limit; retry after this many seconds (the start of the next UTC day).
    Exceeded { retry_after_secs: u64 },
}

impl DailyQuota {
    pub(crate) fn new(limit: u32) -> Self {
        DailyQuota {
            limit,
            day: None,
            used: HashMap::new(),
        }
    }

    /// Counts a request by `token` at `now`.
    pub(crate) fn count(&mut self, token: &str, now: DateTime<Utc>) -> QuotaCheck {
        let today = now.date_naive();
        if self.day != Some(today) {
            self.day = Some(today);
            self.used.clear();
        }
        let used = self.used.entry(token.to_owned()).or_default();
        if *used >= self.limit {
            return QuotaCheck::Exceeded {
                retry_after_secs: seconds_to_next_day(now),
            };
        }
        *used += 1;
        QuotaCheck::Allowed
    }

    /// Forgets today's counts.
    pub(crate) fn reset(&mut self) {
        self.used.clear();
    }
}

fn seconds_to_next_day(now: DateTime<Utc>) -> u64 {
    let next = now
        .date_naive()
        .succ_opt()
        .and_then(|day| day.and_hms_opt(0, 0, 0))
        .map(|midnight| midnight.and_utc());
    match next {
        Some(midnight) => (midnight - now).num_seconds().max(1) as u64,
        None => 86_400,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn limit_per_token_and_reset_at_midnight() {
        let mut quota = DailyQuota::new(2);
        let now = Utc.with_ymd_and_hms(2026, 11, 23, 23, 59, 0).unwrap();
        assert_eq!(quota.count("a", now), QuotaCheck::Allowed);
        assert_eq!(quota.count("a", now), QuotaCheck::Allowed);
        assert_eq!(quota.count("b", now), QuotaCheck::Allowed);
        assert_eq!(
            quota.count("a", now),
            QuotaCheck::Exceeded {
                retry_after_secs: 60
            }
        );
        let tomorrow = Utc.with_ymd_and_hms(2026, 11, 24, 0, 0, 1).unwrap();
        assert_eq!(quota.count("a", tomorrow), QuotaCheck::Allowed);
    }
}
