//! The client against a real HTTP server on 127.0.0.1: what goes on the wire, how every
//! answer is read, when attempts are repeated, and that the token never shows.

mod common;

use std::time::Duration;

use common::*;
use komet_api::meta::TokenKind;
use komet_api::{Client, Error, HttpStatusKind, RetryPolicy, Token, ViolationRule};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn a_body_method_sends_json_with_the_token_and_headers() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/prebook.create"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "1", "message": "ok", "prebookNumber": "010225",
            "items": [{"quantity": "3"}], "newField": true
        })))
        .expect(1)
        .mount(&server)
        .await;

    let response = create(&client(&server)).await.unwrap();
    assert_eq!(response.status, Some(1));
    assert_eq!(response.message.as_deref(), Some("ok"));
    assert_eq!(response.prebook_number.as_deref(), Some("010225"));
    assert_eq!(response.items.unwrap()[0].quantity, Some(3));
    assert_eq!(response.extra.get("newField"), Some(&json!(true)));

    let requests = received(&server).await;
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/prebook.create");
    assert_eq!(request.url.query(), None);
    assert_eq!(request.headers["x-account"], "77");
    assert_eq!(request.headers["content-type"], "application/json");
    assert!(request.headers.get("x-sales-channel").is_none());
    assert!(request.headers.get("authenticationtoken").is_none());
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        body,
        json!({"authenticationToken": TOKEN, "customerId": 15, "price": 2.5})
    );
    let raw = String::from_utf8(request.body.clone()).unwrap();
    assert!(
        raw.contains(r#""price":2.50"#),
        "decimal digits kept exactly: {raw}"
    );
}

#[tokio::test]
async fn a_query_method_sends_every_scalar_as_a_pair() {
    let server = MockServer::start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"status": 1, "inventory": []})),
    )
    .await;

    let value = list(&client(&server)).await.unwrap();
    assert_eq!(value, json!({"status": 1, "inventory": []}));

    let requests = received(&server).await;
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "GET");
    assert_eq!(request.url.path(), "/api/ecommerce/inventory.list");
    let mut pairs: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    pairs.sort();
    let wanted = [
        ("authenticationToken", TOKEN),
        ("customerId", "15"),
        ("ids", "1,2,3"),
        ("onlyAvailable", "true"),
        ("search", "red rose&co"),
        ("shipDate", "2024-01-02"),
    ];
    let wanted: Vec<(String, String)> = wanted
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    assert_eq!(pairs, wanted);
    assert_eq!(request.headers["x-sales-channel"], "WEB_APP");
    assert!(request.headers.get("x-account").is_none());
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn a_header_token_method_keeps_the_token_out_of_the_body() {
    let server = MockServer::start().await;
    respond(&server, ResponseTemplate::new(204)).await;

    let value = client(&server)
        .call_value(
            &WEB_ORDER_ITEM_ADD,
            json!({"quantity": 2, "authenticationToken": "stale"}),
        )
        .await
        .unwrap();
    assert_eq!(value, json!({}), "an empty body reads as an empty object");

    let request = &received(&server).await[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/api/web-order-item.add");
    assert_eq!(request.headers["authenticationtoken"], TOKEN);
    let body: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(body, json!({"quantity": 2}));
}

#[tokio::test]
async fn every_error_status_is_recognisable() {
    let cases = [
        (400, HttpStatusKind::BadRequest),
        (401, HttpStatusKind::Unauthorized),
        (403, HttpStatusKind::Forbidden),
        (404, HttpStatusKind::NotFound),
        (408, HttpStatusKind::Timeout),
        (429, HttpStatusKind::TooManyRequests),
        (500, HttpStatusKind::ServerError),
    ];
    for (status, kind) in cases {
        let server = MockServer::start().await;
        let template = ResponseTemplate::new(status)
            .set_body_json(json!({"status": 0, "message": format!("failed with {status}")}))
            .insert_header("Retry-After", "7");
        respond(&server, template).await;
        let client = builder(&server)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let error = list(&client).await.unwrap_err();
        assert_eq!(error.status_kind(), Some(kind), "{error}");
        match &error {
            Error::Http {
                method,
                status: got,
                message,
                retry_after,
            } => {
                assert_eq!(*method, "ecommerce/inventory.list");
                assert_eq!(*got, status);
                assert_eq!(
                    message.as_deref(),
                    Some(format!("failed with {status}").as_str())
                );
                assert_eq!(*retry_after, Some(Duration::from_secs(7)));
            }
            other => panic!("expected an HTTP error, got {other:?}"),
        }
        assert_no_token(&error);
        assert_eq!(received(&server).await.len(), 1);
    }
}

#[tokio::test]
async fn status_zero_is_an_api_error_as_number_or_text() {
    for status in [json!(0), json!("0")] {
        let server = MockServer::start().await;
        let body = json!({"status": status, "message": format!("Invalid token {TOKEN}")});
        respond(&server, ResponseTemplate::new(200).set_body_json(body)).await;
        let error = create(&client(&server)).await.unwrap_err();
        match &error {
            Error::Api {
                method,
                message,
                body,
            } => {
                assert_eq!(*method, "prebook.create");
                assert_eq!(message, "Invalid token [redacted]");
                assert_eq!(body["status"], status);
            }
            other => panic!("expected an API error, got {other:?}"),
        }
        assert_no_token(&error);
    }
}

#[tokio::test]
async fn malformed_json_is_a_decode_error_with_an_excerpt() {
    let server = MockServer::start().await;
    let body = format!(
        "<html>Service {TOKEN} unavailable{}</html>",
        " ".repeat(300)
    );
    respond(&server, ResponseTemplate::new(200).set_body_string(body)).await;
    let error = create(&client(&server)).await.unwrap_err();
    match &error {
        Error::Decode {
            method,
            path,
            excerpt,
            ..
        } => {
            assert_eq!(*method, "prebook.create");
            assert_eq!(path, ".");
            assert!(
                excerpt.starts_with("<html>Service [redacted] unavailable"),
                "{excerpt}"
            );
            assert!(excerpt.chars().count() <= 203);
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    assert_no_token(&error);
}

#[tokio::test]
async fn a_wrong_field_type_is_a_decode_error_with_its_path() {
    let server = MockServer::start().await;
    let body = json!({"status": 1, "items": [{"quantity": 1}, {"quantity": "many"}]});
    respond(&server, ResponseTemplate::new(200).set_body_json(body)).await;
    let error = create(&client(&server)).await.unwrap_err();
    match &error {
        Error::Decode {
            path,
            message,
            excerpt,
            ..
        } => {
            assert_eq!(path, "items[1].quantity");
            assert!(message.contains("many"), "{message}");
            assert!(excerpt.contains("\"items\""), "{excerpt}");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn nothing_is_sent_for_a_call_that_cannot_be_right() {
    let server = MockServer::start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"status": 1})),
    )
    .await;

    let customer = Client::builder(Token::new(TOKEN), TokenKind::Customer)
        .base_url(&server.uri())
        .account_id(1)
        .build()
        .unwrap();
    let error = create(&customer).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::TokenKindNotAllowed {
                kind: TokenKind::Customer,
                ..
            }
        ),
        "{error:?}"
    );
    assert_no_token(&error);

    let invalid = CreateRequest {
        customer_id: 12_345_678_901,
        price: "1.005".parse().unwrap(),
        comments: Some("x".repeat(21)),
    };
    let error = client(&server)
        .call::<_, komet_api::Serde<CreateResponse>>(&PREBOOK_CREATE, &komet_api::Serde(&invalid))
        .await
        .unwrap_err();
    let violations = error.violations().expect("a validation error");
    let rules: Vec<ViolationRule> = violations.iter().map(|v| v.rule).collect();
    assert_eq!(
        rules,
        [
            ViolationRule::MaxDigits,
            ViolationRule::DecimalScale,
            ViolationRule::MaxLength
        ]
    );
    assert!(
        error
            .to_string()
            .starts_with("prebook.create: invalid request, nothing was sent: 3 violations")
    );
    assert_no_token(&error);

    let no_account = builder(&server).account_id(1).build().unwrap();
    let no_channel = Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(&server.uri())
        .build()
        .unwrap();
    let error = list(&no_channel).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::MissingHeader {
                header: "X-SALES-CHANNEL",
                ..
            }
        ),
        "{error:?}"
    );
    let error = no_account
        .call_value(&INVENTORY_LIST, json!({}))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Validation { .. }), "{error:?}");

    assert_eq!(
        received(&server).await.len(),
        0,
        "no request may reach the server"
    );
    assert_eq!(no_channel.quota().used_today, 0);
}

#[tokio::test]
async fn a_write_is_sent_once_after_a_server_error() {
    let server = MockServer::start().await;
    respond(&server, ResponseTemplate::new(500)).await;
    let client = client(&server);
    let error = create(&client).await.unwrap_err();
    assert_eq!(error.status_kind(), Some(HttpStatusKind::ServerError));
    assert_eq!(received(&server).await.len(), 1);
    assert_eq!(client.quota().used_today, 1);
}

#[tokio::test]
async fn a_write_is_sent_once_after_a_timeout() {
    let server = MockServer::start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_delay(Duration::from_millis(800)),
    )
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                timed_out: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert_no_token(&error);
    assert_eq!(received(&server).await.len(), 1);
}

#[tokio::test]
async fn a_read_is_retried_after_server_errors() {
    let server = MockServer::start().await;
    respond(&server, ResponseTemplate::new(503)).await;
    let client = client(&server);
    let error = list(&client).await.unwrap_err();
    assert_eq!(error.status_kind(), Some(HttpStatusKind::ServerError));
    assert_eq!(
        received(&server).await.len(),
        3,
        "one attempt and max_retries retries"
    );
    assert_eq!(client.quota().used_today, 3);
}

#[tokio::test]
async fn a_read_is_retried_after_timeouts_and_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(200).set_delay(Duration::from_millis(800)))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"status": 1})),
    )
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    assert_eq!(list(&client).await.unwrap(), json!({"status": 1}));
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn a_read_gives_up_after_max_retries_timeouts() {
    let server = MockServer::start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_delay(Duration::from_millis(800)),
    )
    .await;
    let client = builder(&server)
        .timeout(Duration::from_millis(150))
        .build()
        .unwrap();
    let error = list(&client).await.unwrap_err();
    // The query string holds the token; the transport error must not show the URL.
    assert!(
        matches!(
            error,
            Error::Transport {
                timed_out: true,
                ..
            }
        ),
        "{error:?}"
    );
    assert_no_token(&error);
    assert_eq!(received(&server).await.len(), 3);
}

#[tokio::test]
async fn too_many_requests_is_retried_even_for_a_write() {
    let server = MockServer::start().await;
    Mock::given(wiremock::matchers::any())
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "0"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    respond(
        &server,
        ResponseTemplate::new(201).set_body_json(json!({"status": 1})),
    )
    .await;
    let response = create(&client(&server)).await.unwrap();
    assert_eq!(response.status, Some(1));
    assert_eq!(received(&server).await.len(), 2);
}

#[tokio::test]
async fn a_write_is_retried_when_the_connection_could_not_be_opened() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let client = Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(&format!("http://127.0.0.1:{port}/api/"))
        .account_id(1)
        .retry_policy(fast_retries())
        .build()
        .unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(
        matches!(
            error,
            Error::Transport {
                timed_out: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert_no_token(&error);
    assert_eq!(
        client.quota().used_today,
        3,
        "the request never left, so it was retried"
    );
}

#[tokio::test]
async fn plain_http_is_refused_except_on_loopback() {
    for url in [
        "http://api.kometsales.com/api/",
        "http://192.168.1.10/api/",
        "ftp://127.0.0.1/",
    ] {
        let error = Client::builder(Token::new(TOKEN), TokenKind::Company)
            .base_url(url)
            .build()
            .unwrap_err();
        assert!(matches!(error, Error::Config(_)), "{url}: {error:?}");
    }
    for url in [
        "http://127.0.0.1:1/api/",
        "http://localhost:1/",
        "http://[::1]:1/",
        "https://api.kometsales.com/api/",
    ] {
        assert!(
            Client::builder(Token::new(TOKEN), TokenKind::Company)
                .base_url(url)
                .build()
                .is_ok(),
            "{url}"
        );
    }
    let default = Client::builder(Token::new(TOKEN), TokenKind::Vendor)
        .build()
        .unwrap();
    assert_eq!(default.base_url(), "https://api.kometsales.com/api/");
}

#[tokio::test]
async fn the_quota_counts_attempts_and_can_be_enforced() {
    let server = MockServer::start().await;
    respond(
        &server,
        ResponseTemplate::new(200).set_body_json(json!({"status": 1})),
    )
    .await;
    let client = builder(&server)
        .daily_quota(2)
        .enforce_quota(true)
        .build()
        .unwrap();
    let clone = client.clone();
    list(&client).await.unwrap();
    list(&clone).await.unwrap();
    let status = client.quota();
    assert_eq!(
        (status.used_today, status.limit, status.remaining),
        (2, 2, 0)
    );
    let error = list(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::QuotaExhausted { used: 2, limit: 2 }),
        "{error:?}"
    );
    assert_eq!(received(&server).await.len(), 2);

    let counting = builder(&server).daily_quota(1).build().unwrap();
    list(&counting).await.unwrap();
    list(&counting).await.unwrap();
    assert_eq!(
        counting.quota().used_today,
        2,
        "without enforcement the quota only counts"
    );
}

#[tokio::test]
async fn the_client_describes_itself_without_the_token() {
    let server = MockServer::start().await;
    let client = builder(&server)
        .company_setting("customerPO")
        .transactional_access(true)
        .build()
        .unwrap();
    let debug = format!("{client:?} {client:#?}");
    assert!(!debug.contains(TOKEN), "{debug}");
    assert!(debug.contains("Token([redacted])"), "{debug}");
    let ctx = client.validation_context();
    assert_eq!(ctx.token_kind, Some(TokenKind::Company));
    assert!(ctx.transactional_access && !ctx.multi_location);
    assert_eq!(ctx.settings, vec!["customerPO"]);
    assert_eq!(client.token_kind(), TokenKind::Company);
    let builder_debug = format!("{:?}", builder(&server));
    assert!(!builder_debug.contains(TOKEN), "{builder_debug}");
}
