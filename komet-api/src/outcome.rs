//! [`Outcome`]: what every response with a top-level `status` and `message` has in common.

/// The `status` / `message` pair that most Komet responses start with.
///
/// The generated code implements it for [`StatusResponse`](crate::StatusResponse) (shared by
/// every method that answers with nothing else) and for each response struct that has both a
/// `status` flag and a `message` at its top level, so generic code can report any of them.
///
/// The client already turns `status: 0` into [`Error::Api`](crate::Error::Api), so a response
/// it returns has succeeded or carries no status; responses decoded by other means (the
/// [`registry`](crate::registry), stored bodies) can still hold a failure.
pub trait Outcome {
    /// `status` as sent: `Some(true)` for `1`, `Some(false)` for `0`, `None` when absent.
    fn status(&self) -> Option<bool>;

    /// Komet's `message`, when there is one.
    fn message(&self) -> Option<&str>;

    /// Whether Komet reported success (`status` is `1`); an absent status is not a success.
    fn succeeded(&self) -> bool {
        self.status() == Some(true)
    }
}
