//! Reading a request body within the [`Limits`]: in time, up to the size limit, and nested
//! no deeper than allowed.
//!
//! A body over the size limit is read on and thrown away, up to [`DRAIN_BYTES`] more,
//! before the 413 goes out: closing a socket with unread data makes the kernel reset the
//! connection, and the client would often see "connection reset" instead of the answer.
//! Memory stays bounded either way; only a body beyond that is cut off.

use bytes::Bytes;
use http_body_util::BodyExt;
use http_body_util::Full;
use hyper::body::Incoming as HyperBody;
use hyper::{Response, header};

use crate::connection::plain;
use crate::json_depth::nests_deeper_than;
use crate::limits::Limits;

/// How much of a refused body is read and discarded so that the client gets the answer.
const DRAIN_BYTES: u64 = 16 * 1024 * 1024;

/// A request refused before the engine sees it, for breaking a [`Limits`] rule.
pub(crate) struct Refusal {
    pub status: u16,
    pub message: String,
    /// Whether part of the request may still be unread, so the connection cannot carry
    /// another request.
    pub close: bool,
}

impl Refusal {
    pub(crate) fn response(&self) -> Response<Full<Bytes>> {
        plain(self.status, &self.message, self.close)
    }
}

/// The body, if it arrives in time, within the size limit and nested no deeper than allowed.
pub(crate) async fn read_body(
    headers: &hyper::HeaderMap,
    body: HyperBody,
    limits: &Limits,
) -> Result<Vec<u8>, Refusal> {
    let max = limits.max_body_bytes as u64;
    let too_large = |close| Refusal {
        status: 413,
        message: format!("the request body is larger than the sandbox's limit of {max} bytes"),
        close,
    };
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok()?.parse::<u64>().ok());
    // Too large to be worth draining: answer at once, without reading a byte of it.
    if declared.is_some_and(|length| length > max.saturating_add(DRAIN_BYTES)) {
        return Err(too_large(true));
    }
    let body = match tokio::time::timeout(limits.body_read_timeout, collect(body, max)).await {
        Ok(Collected::Body(body)) => body,
        Ok(Collected::TooLarge { drained }) => return Err(too_large(!drained)),
        Ok(Collected::Broken(error)) => {
            return Err(Refusal {
                status: 400,
                message: format!("the request body could not be read: {error}"),
                close: true,
            });
        }
        Err(_) => {
            return Err(Refusal {
                status: 408,
                message: format!(
                    "the request body did not arrive within {} ms",
                    limits.body_read_timeout.as_millis()
                ),
                close: true,
            });
        }
    };
    if nests_deeper_than(&body, limits.max_json_depth) {
        return Err(Refusal {
            status: 400,
            message: format!(
                "the body is nested deeper than {} levels of arrays and objects, \
                 the sandbox's limit",
                limits.max_json_depth
            ),
            close: false,
        });
    }
    Ok(body)
}

enum Collected {
    Body(Vec<u8>),
    /// Over the limit; `drained` when the rest was read to its end.
    TooLarge {
        drained: bool,
    },
    Broken(hyper::Error),
}

/// Reads the body, keeping at most `max` bytes; what comes beyond is counted and dropped.
async fn collect(mut body: HyperBody, max: u64) -> Collected {
    let mut kept = Vec::new();
    let mut seen: u64 = 0;
    while let Some(frame) = body.frame().await {
        let frame = match frame {
            Ok(frame) => frame,
            Err(error) => return Collected::Broken(error),
        };
        let Ok(data) = frame.into_data() else {
            continue; // trailers
        };
        seen = seen.saturating_add(data.len() as u64);
        if seen > max.saturating_add(DRAIN_BYTES) {
            return Collected::TooLarge { drained: false };
        }
        if seen <= max {
            kept.extend_from_slice(&data);
        }
    }
    if seen > max {
        Collected::TooLarge { drained: true }
    } else {
        Collected::Body(kept)
    }
}
