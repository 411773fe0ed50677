//! Sends a prepared request, retrying where it is safe, with one tracing span per call and
//! per attempt. Nothing here logs URLs, headers or bodies: they may hold the token.

use std::time::{Duration, Instant};

use reqwest::header::RETRY_AFTER;
use tracing::Instrument;
use tracing::field::Empty;

use super::Inner;
use super::request::Prepared;
use super::response;
use super::retry::{Failure, retryable};
use crate::Error;
use crate::meta::MethodMeta;

/// A failed attempt: why (for the retry decision) and the error to report if it is the last.
struct Failed {
    failure: Failure,
    retry_after: Option<Duration>,
    error: Error,
}

/// Sends `prepared` until it succeeds or may not be retried; returns the 2xx body.
pub(super) async fn send(
    inner: &Inner,
    method: &'static MethodMeta,
    prepared: &Prepared,
) -> Result<Vec<u8>, Error> {
    let span = tracing::info_span!(
        "komet_api.call",
        method = method.name,
        attempt = Empty,
        http.status = Empty,
        duration_ms = Empty,
    );
    let call_span = span.clone();
    async move {
        let started = Instant::now();
        let mut attempt = 0u32;
        let result = loop {
            attempt += 1;
            if let Err(e) = inner.quota.0.take(inner.enforce_quota) {
                break Err(e);
            }
            let failed = match attempt_once(inner, method, prepared, attempt).await {
                Ok((status, body)) => {
                    call_span.record("http.status", status);
                    break Ok(body);
                }
                Err(failed) => failed,
            };
            if let Failure::Status(status) = failed.failure {
                call_span.record("http.status", status);
            }
            // A server that asks for a longer wait than the policy allows (a daily quota
            // resets at midnight) will not answer within this call: report it now rather
            // than sleep and fail again.
            let wait_too_long = failed
                .retry_after
                .is_some_and(|wait| wait > inner.retry.max_delay);
            if attempt > inner.retry.max_retries
                || !retryable(failed.failure, method.effect)
                || wait_too_long
            {
                break Err(failed.error);
            }
            let delay = inner.retry.delay(attempt, failed.retry_after);
            tracing::warn!(
                attempt,
                failure = ?failed.failure,
                delay_ms = delay.as_millis() as u64,
                "komet api attempt failed, retrying"
            );
            tokio::time::sleep(delay).await;
        };
        call_span.record("attempt", attempt);
        call_span.record("duration_ms", started.elapsed().as_millis() as u64);
        match &result {
            Ok(_) => tracing::debug!("komet api call succeeded"),
            // Error messages are built to be token-free.
            Err(e) => tracing::debug!(error = %e, "komet api call failed"),
        }
        result
    }
    .instrument(span)
    .await
}

/// One HTTP exchange, reading the whole body.
async fn attempt_once(
    inner: &Inner,
    method: &'static MethodMeta,
    prepared: &Prepared,
    attempt: u32,
) -> Result<(u16, Vec<u8>), Failed> {
    let span = tracing::info_span!(
        "komet_api.attempt",
        method = method.name,
        attempt,
        http.status = Empty,
        duration_ms = Empty,
    );
    let attempt_span = span.clone();
    async move {
        let started = Instant::now();
        let mut request = inner
            .http
            .request(prepared.verb.clone(), prepared.url.clone())
            .headers(prepared.headers.clone())
            .timeout(inner.timeout);
        if let Some(body) = &prepared.body {
            request = request.body(body.clone());
        }
        let result = match request.send().await {
            Ok(response) => {
                let status = response.status().as_u16();
                attempt_span.record("http.status", status);
                let retry_after = retry_after(response.headers());
                if (200..300).contains(&status) {
                    match read_body(response, inner.max_response_bytes).await {
                        Ok(body) => Ok((status, body)),
                        Err(e) => Err(body_failure(method, e, inner.max_response_bytes)),
                    }
                } else {
                    // Only the message matters here: a long error body is cut, not refused.
                    let body = read_body(response, ERROR_BODY_BYTES).await.ok();
                    Err(Failed {
                        failure: Failure::Status(status),
                        retry_after,
                        error: Error::Http {
                            method: method.name,
                            status,
                            message: body.and_then(|b| response::error_message(&b, &inner.token)),
                            retry_after,
                        },
                    })
                }
            }
            Err(e) => Err(transport(method, e)),
        };
        attempt_span.record("duration_ms", started.elapsed().as_millis() as u64);
        result
    }
    .instrument(span)
    .await
}

/// The most of an error answer read for its message.
const ERROR_BODY_BYTES: usize = 64 * 1024;

/// Why a body was not read whole.
enum BodyError {
    TooLarge,
    Transport(reqwest::Error),
}

/// Reads the body as it streams in, stopping as soon as it is known to exceed `limit` (from
/// `Content-Length` before reading anything, or from the bytes received), so a hostile or
/// broken server cannot make the client hold more than `limit` bytes.
async fn read_body(mut response: reqwest::Response, limit: usize) -> Result<Vec<u8>, BodyError> {
    if response
        .content_length()
        .is_some_and(|length| length > limit as u64)
    {
        return Err(BodyError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(BodyError::Transport)? {
        if body.len() + chunk.len() > limit {
            return Err(BodyError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

fn body_failure(method: &'static MethodMeta, error: BodyError, limit: usize) -> Failed {
    match error {
        BodyError::TooLarge => Failed {
            failure: Failure::TooLarge,
            retry_after: None,
            error: Error::ResponseTooLarge {
                method: method.name,
                limit,
            },
        },
        BodyError::Transport(e) => transport(method, e),
    }
}

fn transport(method: &'static MethodMeta, error: reqwest::Error) -> Failed {
    let failure = if error.is_connect() {
        Failure::Connect
    } else if error.is_timeout() {
        Failure::Timeout
    } else {
        Failure::Other
    };
    Failed {
        failure,
        retry_after: None,
        error: Error::Transport {
            method: method.name,
            timed_out: error.is_timeout(),
            // The URL may carry the token in its query string.
            source: error.without_url(),
        },
    }
}

/// `Retry-After` in seconds (the HTTP-date form is not used by Komet and is ignored).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let text = headers.get(RETRY_AFTER)?.to_str().ok()?;
    text.trim().parse::<u64>().ok().map(Duration::from_secs)
}
