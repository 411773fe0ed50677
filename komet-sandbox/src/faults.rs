//! Injected failures, so callers can test their retry and error handling.
//!
//! A fault applies to a share of the requests it matches, chosen deterministically (a share of
//! 0.25 hits the 4th, 8th, 12th... matching request) so tests are repeatable.

use std::time::Duration;

/// What goes wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The answer is delayed; the request is then handled normally.
    Latency(Duration),
    /// The server answers with this HTTP status (500, 408, ...) without acting on the request.
    Status(u16),
    /// The connection is closed without an answer.
    Drop,
    /// The server answers 200 with a body that is not JSON.
    MalformedBody,
}

/// A fault, which requests it hits and how often.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultRule {
    /// The failure.
    pub fault: Fault,
    /// Method names it applies to; empty means every method.
    pub methods: Vec<String>,
    /// Share of the matching requests it hits, from 0 to 1.
    pub share: f64,
}

impl FaultRule {
    /// A fault for every request of every method.
    pub fn always(fault: Fault) -> Self {
        FaultRule {
            fault,
            methods: Vec::new(),
            share: 1.0,
        }
    }

    /// Limits the rule to one more method (by wire name).
    pub fn for_method(mut self, name: impl Into<String>) -> Self {
        self.methods.push(name.into());
        self
    }

    /// Hits only this share (0 to 1) of the matching requests.
    pub fn share(mut self, share: f64) -> Self {
        self.share = share.clamp(0.0, 1.0);
        self
    }

    /// Parses the command-line form `KIND[:SHARE][@METHOD,...]`, where KIND is `500`, `408`
    /// (any status), `drop`, `malformed` or `latency=MS`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let (rest, methods) = match text.split_once('@') {
            Some((rest, list)) => (rest, list.split(',').map(str::to_owned).collect()),
            None => (text, Vec::new()),
        };
        let (kind, share) = match rest.split_once(':') {
            Some((kind, share)) => {
                let share: f64 = share
                    .parse()
                    .map_err(|_| format!("fault share {share:?} is not a number"))?;
                (kind, share)
            }
            None => (rest, 1.0),
        };
        let fault = match kind {
            "drop" => Fault::Drop,
            "malformed" => Fault::MalformedBody,
            _ => match kind.strip_prefix("latency=") {
                Some(ms) => {
                    Fault::Latency(Duration::from_millis(ms.parse().map_err(|_| {
                        format!("latency {ms:?} is not a number of milliseconds")
                    })?))
                }
                None => match kind.parse::<u16>() {
                    Ok(status) if (400..=599).contains(&status) => Fault::Status(status),
                    _ => {
                        return Err(format!(
                            "unknown fault {kind:?} (use 500, 408, drop, malformed or latency=MS)"
                        ));
                    }
                },
            },
        };
        let rule = FaultRule {
            fault,
            methods,
            share: 1.0,
        };
        Ok(rule.share(share))
    }

    fn matches(&self, method: &str) -> bool {
        self.methods.is_empty() || self.methods.iter().any(|m| m == method)
    }
}

/// The configured rules and how many requests each has seen.
#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<(FaultRule, u64)>,
}

impl Faults {
    pub(crate) fn new(rules: Vec<FaultRule>) -> Self {
        Faults {
            rules: rules.into_iter().map(|rule| (rule, 0)).collect(),
        }
    }

    pub(crate) fn replace(&mut self, rules: Vec<FaultRule>) {
        *self = Faults::new(rules);
    }

    /// The faults that hit this request, in rule order.
    pub(crate) fn pick(&mut self, method: &str) -> Vec<Fault> {
        let mut hits = Vec::new();
        for (rule, seen) in &mut self.rules {
            if !rule.matches(method) {
                continue;
            }
            let before = (*seen as f64 * rule.share).floor();
            *seen += 1;
            let after = (*seen as f64 * rule.share).floor();
            if after > before {
                hits.push(rule.fault.clone());
            }
        }
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_deterministic() {
        let mut faults = Faults::new(vec![FaultRule::always(Fault::Drop).share(0.25)]);
        let hits: Vec<bool> = (0..8).map(|_| !faults.pick("x").is_empty()).collect();
        assert_eq!(hits, [false, false, false, true, false, false, false, true]);
    }

    #[test]
    fn method_filter_and_parse() {
        let rule = FaultRule::parse("500:0.5@prebook.create,invoice.list").unwrap();
        assert_eq!(rule.fault, Fault::Status(500));
        assert_eq!(rule.share, 0.5);
        assert_eq!(rule.methods, ["prebook.create", "invoice.list"]);
        let mut faults = Faults::new(vec![rule]);
        assert!(faults.pick("customer.list").is_empty());
        assert!(faults.pick("prebook.create").is_empty());
        assert_eq!(faults.pick("invoice.list"), [Fault::Status(500)]);
        assert_eq!(
            FaultRule::parse("latency=250").unwrap().fault,
            Fault::Latency(Duration::from_millis(250))
        );
        assert_eq!(FaultRule::parse("drop").unwrap().fault, Fault::Drop);
        assert!(FaultRule::parse("200").is_err());
        assert!(FaultRule::parse("boom").is_err());
    }
}
