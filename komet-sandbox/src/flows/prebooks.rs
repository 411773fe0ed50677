//! (being written)

use super::Handler;

pub(super) fn handler(method: &str) -> Option<Handler> {
    match method {
        _ => None,
    }
}
