//! The daily quota and each injected fault, seen through komet-api's client: what users of
//! the sandbox test their retry and error handling against.

use std::time::{Duration, Instant};

use komet_api::carriers::{CarrierAddRequest, CarrierListRequest};
use komet_api::{Error, RetryPolicy, TokenKind};
use komet_sandbox::{Fault, FaultRule, Outcome, Sandbox};

fn quick_retries(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
    }
}

#[tokio::test]
async fn the_daily_quota_answers_429_with_retry_after() {
    let sandbox = Sandbox::builder().daily_quota(3).start().await.unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    for _ in 0..3 {
        client
            .carrier_list(&CarrierListRequest::default())
            .await
            .unwrap();
    }
    match client.carrier_list(&CarrierListRequest::default()).await {
        Err(Error::Http {
            status: 429,
            retry_after: Some(wait),
            ..
        }) => assert!(wait > Duration::ZERO && wait <= Duration::from_secs(86_400)),
        other => panic!("expected 429 with Retry-After, got {other:?}"),
    }
    // With retries on, the client does not wait for tomorrow: one attempt, then the 429.
    let retrying = sandbox
        .client(TokenKind::Company)
        .retry_policy(quick_retries(3))
        .build()
        .unwrap();
    let before = sandbox.log().len();
    let refused = retrying.carrier_list(&CarrierListRequest::default()).await;
    assert!(
        matches!(refused, Err(Error::Http { status: 429, .. })),
        "{refused:?}"
    );
    assert_eq!(sandbox.log().len(), before + 1);
    // The quota is per token: another user still gets through.
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();
    vendor
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    sandbox.reset_quota();
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
}

#[tokio::test]
async fn a_server_error_is_retried_for_reads_but_not_for_writes() {
    let sandbox = Sandbox::builder()
        .fault(FaultRule::always(Fault::Status(500)).share(0.5))
        .start()
        .await
        .unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(quick_retries(2))
        .build()
        .unwrap();
    // Every second request fails (the 2nd, 4th, ...). The first read gets through; the
    // second fails and succeeds on its retry.
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    let outcomes: Vec<Outcome> = sandbox.log().into_iter().map(|e| e.outcome).collect();
    assert_eq!(
        outcomes,
        [Outcome::Ok, Outcome::Fault("HTTP 500".into()), Outcome::Ok]
    );
    // The fourth request fails: a write is not repeated, since it may have been done.
    let write = client
        .carrier_add(
            &CarrierAddRequest::builder()
                .name("Once Only")
                .code("ONCE")
                .build(),
        )
        .await;
    assert!(
        matches!(write, Err(Error::Http { status: 500, .. })),
        "{write:?}"
    );
    assert_eq!(
        sandbox.log().len(),
        4,
        "the failed write was sent exactly once"
    );
}

#[tokio::test]
async fn faults_for_named_methods_only() {
    let sandbox = Sandbox::builder()
        .fault(FaultRule::always(Fault::Status(408)).for_method("carrier.add"))
        .start()
        .await
        .unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    let added = client
        .carrier_add(
            &CarrierAddRequest::builder()
                .name("Slow")
                .code("SLOW")
                .build(),
        )
        .await;
    assert!(
        matches!(added, Err(Error::Http { status: 408, .. })),
        "{added:?}"
    );
    // Nothing was stored: the fault answered instead of the method.
    sandbox.with_store(|store| {
        assert!(
            store
                .table("carriers")
                .find("code", &"SLOW".into())
                .is_none()
        );
    });
}

#[tokio::test]
async fn a_dropped_connection_is_a_transport_error() {
    let sandbox = Sandbox::builder()
        .fault(FaultRule::always(Fault::Drop))
        .start()
        .await
        .unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let listed = client.carrier_list(&CarrierListRequest::default()).await;
    assert!(
        matches!(
            listed,
            Err(Error::Transport {
                timed_out: false,
                ..
            })
        ),
        "{listed:?}"
    );
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error() {
    let sandbox = Sandbox::builder()
        .fault(FaultRule::always(Fault::MalformedBody))
        .start()
        .await
        .unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    let listed = client.carrier_list(&CarrierListRequest::default()).await;
    match listed {
        Err(Error::Decode { path, excerpt, .. }) => {
            assert_eq!(path, ".");
            assert!(excerpt.contains("truncat"), "{excerpt}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn latency_delays_and_can_time_a_client_out() {
    let sandbox = Sandbox::builder()
        .fault(FaultRule::always(Fault::Latency(Duration::from_millis(
            300,
        ))))
        .start()
        .await
        .unwrap();
    let patient = sandbox.client(TokenKind::Company).build().unwrap();
    let started = Instant::now();
    patient
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));

    let hasty = sandbox
        .client(TokenKind::Company)
        .timeout(Duration::from_millis(50))
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    let listed = hasty.carrier_list(&CarrierListRequest::default()).await;
    assert!(
        matches!(
            listed,
            Err(Error::Transport {
                timed_out: true,
                ..
            })
        ),
        "{listed:?}"
    );
}

#[tokio::test]
async fn faults_can_be_changed_while_running() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .retry_policy(RetryPolicy::none())
        .build()
        .unwrap();
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
    sandbox.set_faults(vec![FaultRule::parse("500").unwrap()]);
    assert!(
        client
            .carrier_list(&CarrierListRequest::default())
            .await
            .is_err()
    );
    sandbox.set_faults(Vec::new());
    client
        .carrier_list(&CarrierListRequest::default())
        .await
        .unwrap();
}
