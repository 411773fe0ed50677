//! The HTTP side: accepting connections, enforcing the [`Limits`] on each, and turning a
//! request into the [`Incoming`] the engine answers.

use std::sync::Arc;

use bytes::Bytes;
use http_body_util::Full;
use hyper::body::Incoming as HyperBody;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::backoff::AcceptBackoff;
use crate::body::read_body;
use crate::dispatch::{API_PREFIX, Answer, Engine};
use crate::extras::ResponseExtras;
use crate::idle::{Answering, IdleTimeout};
use crate::limits::Limits;
use crate::log::{LogEntry, Outcome};
use crate::params::Incoming;

/// Accepts connections until told to stop.
pub(crate) async fn serve(
    listener: TcpListener,
    engine: Arc<Engine>,
    limits: Limits,
    extras: Arc<ResponseExtras>,
    mut stopped: watch::Receiver<bool>,
) {
    let mut backoff = AcceptBackoff::default();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.changed() => return,
        };
        let stream = match accepted {
            Ok((stream, _)) => {
                backoff.accepted();
                stream
            }
            Err(error) => {
                let pause = backoff.failed(&error);
                tokio::select! {
                    _ = tokio::time::sleep(pause) => continue,
                    _ = stopped.changed() => return,
                }
            }
        };
        let engine = Arc::clone(&engine);
        let extras = Arc::clone(&extras);
        let mut stopped = stopped.clone();
        tokio::spawn(async move {
            let answering = Answering::default();
            let io = IdleTimeout::new(stream, limits.idle_timeout, answering.clone());
            let service = service_fn(move |request| {
                let answering = answering.start();
                let engine = Arc::clone(&engine);
                let extras = Arc::clone(&extras);
                async move {
                    let answer = respond(engine, limits, &extras, request).await;
                    drop(answering);
                    answer
                }
            });
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(limits.header_read_timeout)
                .max_header_size(limits.max_header_bytes)
                .serve_connection(TokioIo::new(io), service);
            tokio::select! {
                _ = connection => {}
                _ = stopped.changed() => {}
            }
        });
    }
}

/// The error that makes hyper close a connection without answering (the drop fault).
#[derive(Debug, thiserror::Error)]
#[error("connection dropped on purpose")]
struct DroppedOnPurpose;

async fn respond(
    engine: Arc<Engine>,
    limits: Limits,
    extras: &ResponseExtras,
    request: Request<HyperBody>,
) -> Result<Response<Full<Bytes>>, DroppedOnPurpose> {
    let (parts, body) = request.into_parts();
    let body = match read_body(&parts.headers, body, &limits).await {
        Ok(body) => body,
        Err(refusal) => {
            let method = parts.uri.path();
            engine.record(LogEntry {
                method: method.strip_prefix(API_PREFIX).unwrap_or(method).to_owned(),
                verb: parts.method.as_str().to_owned(),
                token_kind: None,
                outcome: Outcome::HttpError(refusal.status, refusal.message.clone()),
            });
            return Ok(refusal.response());
        }
    };
    let incoming = Incoming {
        verb: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().map(str::to_owned),
        headers: parts
            .headers
            .iter()
            .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
            .collect(),
        body,
    };
    match engine.handle(incoming).await {
        Answer::Drop => Err(DroppedOnPurpose),
        Answer::Respond {
            status,
            headers,
            body,
        } => {
            let body = if (200..300).contains(&status) {
                let path = parts.uri.path();
                extras.apply(path.strip_prefix(API_PREFIX).unwrap_or(path), body)
            } else {
                body
            };
            let mut response = Response::builder().status(status);
            for (name, value) in headers {
                response = response.header(name, value);
            }
            Ok(response
                .body(Full::new(Bytes::from(body)))
                .unwrap_or_else(|_| plain(500, "the sandbox built an invalid response", false)))
        }
    }
}

pub(crate) fn plain(status: u16, message: &str, close: bool) -> Response<Full<Bytes>> {
    let body = serde_json::json!({"status": 0, "message": message}).to_string();
    let mut response = Response::new(Full::new(Bytes::from(body)));
    *response.status_mut() = hyper::StatusCode::from_u16(status).unwrap_or_default();
    let headers = response.headers_mut();
    headers.insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("application/json"),
    );
    if close {
        headers.insert(
            hyper::header::CONNECTION,
            hyper::header::HeaderValue::from_static("close"),
        );
    }
    response
}
