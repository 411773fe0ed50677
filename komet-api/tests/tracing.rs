//! Tracing output of calls, captured in a buffer. Alone in its test binary: tracing caches
//! per-callsite interest process-wide, so a scoped subscriber can miss events that other
//! tests running in parallel touched first.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::*;
use komet_api::RetryPolicy;
use serde_json::json;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Collects everything the fmt subscriber writes.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn tracing_shows_calls_but_never_the_token() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_span_events(tracing_subscriber::fmt::format::FmtSpan::FULL)
        .with_ansi(false)
        .with_writer(captured.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"status": 1, "echo": TOKEN})),
    )
    .await;
    let client = client(&server);
    list(&client).await.unwrap(); // token in the query, one retry
    create(&client).await.unwrap(); // token in the body
    client
        .call_value(&WEB_ORDER_ITEM_ADD, json!({"quantity": 1}))
        .await
        .unwrap(); // in a header
    let short = builder(&server)
        .timeout(Duration::from_millis(1))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let _ = list(&short).await;

    let output = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(output.contains("komet_api.call"), "{output}");
    assert!(output.contains("ecommerce/inventory.list"), "{output}");
    assert!(output.contains("retrying"), "{output}");
    assert!(output.contains("http.status=503"), "{output}");
    assert!(output.contains("duration_ms"), "{output}");
    assert!(!output.contains(TOKEN), "token in the logs: {output}");
}
