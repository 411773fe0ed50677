//! The drift report: what real answers hold that the spec does not say.
//!
//! Komet's pages are partial for many methods, so real answers carry fields the spec has
//! never seen. Turn recording on with [`ClientBuilder::record_drift`](crate::ClientBuilder::record_drift)
//! and every answer the client reads (successes and Komet's failure answers alike) is compared
//! with its method's response metadata. Per method and per JSON path (array indexes
//! collapsed: `invoices[].invoiceId`), the client counts:
//!
//! - members the spec does not describe ([`DriftKind::UnknownField`]), with their JSON types,
//!   the shapes of their values (whole number, decimal, date, text, ...), the longest text and
//!   the most digits seen;
//! - values of documented fields outside their type or bound that lenient decoding accepted:
//!   a string where an integer is documented, text longer than its maximum, more digits than
//!   allowed, a date in another format, a number outside `min`/`max`;
//! - values outside a field's enumeration, and a `status` that is neither 1 nor 0.
//!
//! Values are customer data and are not recorded, except as a few bounded examples for the
//! paths named with [`DriftOptions::keep_examples`]. The token is never recorded (not even
//! where an answer echoes it), and neither are URLs, query strings or map keys.
//! [`Client::drift_report`](crate::Client::drift_report) returns what was recorded;
//! [`DriftReport::write_jsonl`] writes it as JSON lines for `cargo xtask drift`, which turns
//! reports into spec edits.
//!
//! Memory is bounded: at most [`DEFAULT_MAX_PATHS`] distinct paths per method (see
//! [`DriftOptions::max_paths_per_method`]); observations past that are counted in
//! [`MethodDrift::dropped`].

mod expected;
mod walk;

use std::collections::BTreeMap;
use std::sync::Mutex;

pub use komet_drift::{
    DriftEntry, DriftKind, DriftReport, JsonType, MAX_EXAMPLE_CHARS, MAX_EXAMPLES, MethodDrift,
    ValueShape,
};

use crate::Token;
use crate::json::Json;
use crate::meta::MethodMeta;
use walk::{Found, Walk};

/// Default of [`DriftOptions::max_paths_per_method`].
pub const DEFAULT_MAX_PATHS: usize = 1_000;

/// What the drift recorder keeps; [`DriftOptions::default`] keeps no values.
#[derive(Debug, Clone)]
pub struct DriftOptions {
    max_paths: usize,
    /// `(method, path)` pairs whose example values are kept.
    examples: Vec<(String, String)>,
}

impl Default for DriftOptions {
    fn default() -> Self {
        DriftOptions {
            max_paths: DEFAULT_MAX_PATHS,
            examples: Vec::new(),
        }
    }
}

impl DriftOptions {
    /// Counts only: no values, at most [`DEFAULT_MAX_PATHS`] paths per method.
    pub fn new() -> Self {
        Self::default()
    }

    /// Keeps up to [`MAX_EXAMPLES`] example values (each cut to [`MAX_EXAMPLE_CHARS`]
    /// characters) for the drift found at `path` of `method`'s answers, e.g.
    /// `("invoice.list", "invoices[].status")`. Only for fields whose values are not
    /// confidential: examples are written into the report.
    pub fn keep_examples(mut self, method: &str, path: &str) -> Self {
        self.examples.push((method.to_owned(), path.to_owned()));
        self
    }

    /// The most distinct paths kept per method (default [`DEFAULT_MAX_PATHS`]); further
    /// observations are counted as dropped.
    pub fn max_paths_per_method(mut self, paths: usize) -> Self {
        self.max_paths = paths;
        self
    }

    fn keeps_examples(&self, method: &str, path: &str) -> bool {
        self.examples.iter().any(|(m, p)| m == method && p == path)
    }
}

/// What one method's answers held so far.
#[derive(Default)]
struct MethodState {
    responses: u64,
    dropped: u64,
    found: Found,
}

/// The recorder a client shares between its clones.
pub(crate) struct Recorder {
    options: DriftOptions,
    methods: Mutex<BTreeMap<&'static str, MethodState>>,
}

impl Recorder {
    pub(crate) fn new(options: DriftOptions) -> Self {
        Recorder {
            options,
            methods: Mutex::new(BTreeMap::new()),
        }
    }

    /// Compares one answer of `method` with its spec and adds what differs.
    pub(crate) fn record(
        &self,
        method: &'static MethodMeta,
        answer: &Json<'_>,
        token: &Token,
        unknown_status: bool,
    ) {
        // The walk runs outside the lock; only the merge holds it.
        let mut walk = Walk::new(method.name, &self.options, token, unknown_status);
        walk.answer(method.response, answer);
        let mut methods = self.lock();
        let state = methods.entry(method.name).or_default();
        state.responses += 1;
        state.dropped += walk.dropped;
        for (path, kinds) in walk.found {
            let known = state.found.contains_key(&path);
            if !known && state.found.len() >= self.options.max_paths {
                state.dropped += kinds.values().map(|e| e.count).sum::<u64>();
                continue;
            }
            let mine = state.found.entry(path).or_default();
            for (kind, mut entry) in kinds {
                entry.responses = 1;
                match mine.get_mut(&kind) {
                    Some(existing) => existing.merge(&entry),
                    None => {
                        mine.insert(kind, entry);
                    }
                }
            }
        }
    }

    /// A copy of what was recorded.
    pub(crate) fn report(&self) -> DriftReport {
        to_report(&self.lock())
    }

    /// What was recorded, leaving the recorder empty.
    pub(crate) fn take(&self) -> DriftReport {
        let taken = std::mem::take(&mut *self.lock());
        to_report(&taken)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<&'static str, MethodState>> {
        // Counting never leaves the map half-updated in a way that matters; keep going.
        self.methods.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn to_report(methods: &BTreeMap<&'static str, MethodState>) -> DriftReport {
    let methods = methods
        .iter()
        .map(|(name, state)| {
            let entries = state
                .found
                .values()
                .flat_map(|kinds| kinds.values().cloned())
                .collect();
            let drift = MethodDrift {
                responses: state.responses,
                dropped: state.dropped,
                entries,
            };
            ((*name).to_owned(), drift)
        })
        .collect();
    DriftReport { methods }
}

// The tests borrow a generated method of the carriers area for their tables.
#[cfg(all(test, feature = "carriers"))]
mod tests;
