//! Connections the sandbox closes as idle are never reused by its clients: a request sent
//! on a pooled connection just as the sandbox closes it fails with hyper's IncompleteMessage
//! (what made the abuse test flaky under load).

use std::time::Duration;

use komet_api::products::ProductListRequest;
use komet_api::{RetryPolicy, TokenKind};
use komet_sandbox::Sandbox;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_do_not_reuse_connections_the_sandbox_closes_as_idle() {
    let idle = Duration::from_millis(200);
    let sandbox = Sandbox::builder().idle_timeout(idle).start().await.unwrap();
    // No retries, which would hide a failed attempt.
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let mut failures = Vec::new();
    for call in 0..20 {
        if let Err(e) = client.product_list(&ProductListRequest::default()).await {
            failures.push(format!("call {call}: {e}"));
        }
        // Pauses around the idle timeout, where a reused connection races its closing.
        tokio::time::sleep(idle - Duration::from_millis(5) + Duration::from_millis(call % 10))
            .await;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
