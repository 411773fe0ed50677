//! The client against a hostile server on 127.0.0.1: redirects to other origins, proxies,
//! oversized, endless, slow and broken bodies, empty answers and every spelling of failure.
//! Whatever the server does, the token stays with the base URL's origin, nothing that changes
//! data is sent twice, what is read stays bounded, and no failure passes for success.

mod common;

use std::sync::Arc;
use std::time::Duration;

use common::hostile::{Hostile, json_response, streaming};
use common::*;
use komet_api::meta::{
    DocStatus, Effect, FieldMeta, FieldType, MethodMeta, ObjectMeta, ParamsIn, TokenIn, TokenKind,
    Verb,
};
use komet_api::{Client, ClientBuilder, Error, Token, ViolationRule};
use rust_decimal::Decimal;
use serde_json::json;
use tokio::io::AsyncWriteExt;

const REDIRECTS: [u16; 5] = [301, 302, 303, 307, 308];

fn hostile_builder(server: &Hostile) -> ClientBuilder {
    Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(&server.base_url())
        .account_id(77)
        .sales_channel(komet_api::SalesChannel::WebApp)
        .retry_policy(fast_retries())
}

/// The client as built by default, and with a user-supplied reqwest builder (which on its
/// own follows up to ten redirects and reads proxy variables).
fn both_clients(server: &Hostile) -> [(&'static str, Client); 2] {
    [
        ("default", hostile_builder(server).build().unwrap()),
        (
            "supplied",
            hostile_builder(server)
                .http_client(reqwest::Client::builder())
                .build()
                .unwrap(),
        ),
    ]
}

/// One call of each token placement: body (write), query (read), header (write).
async fn call_each_placement(client: &Client) -> Vec<Result<serde_json::Value, Error>> {
    vec![
        client
            .call_value(&PREBOOK_CREATE, json!({"customerId": 15, "price": 2.5}))
            .await,
        client.call_value(&INVENTORY_LIST, list_params()).await,
        client
            .call_value(&WEB_ORDER_ITEM_ADD, json!({"quantity": 3}))
            .await,
    ]
}

#[tokio::test]
async fn redirects_never_carry_the_token_to_another_origin() {
    let elsewhere = Hostile::fixed(json_response(200, r#"{"status":1}"#)).await;
    let mut calls = 0;
    for code in REDIRECTS {
        // Another port is another origin; a plain-http target too.
        for target in [
            format!("{}/api/prebook.create", elsewhere.origin()),
            format!("http://localhost:{}/steal", elsewhere.addr.port()),
        ] {
            let redirect = format!(
                "HTTP/1.1 {code} Moved\r\nLocation: {target}\r\nContent-Length: 0\r\n\
                 Connection: close\r\n\r\n"
            );
            let server = Hostile::fixed(redirect).await;
            for (name, client) in both_clients(&server) {
                for result in call_each_placement(&client).await {
                    calls += 1;
                    let error = result.expect_err("a redirect is not an answer");
                    assert!(
                        matches!(error, Error::Http { status, .. } if status == code),
                        "{name} {code}: {error}"
                    );
                    assert_no_token(&error);
                }
            }
            assert_eq!(server.requests().len(), 6, "each call sent once");
        }
    }
    assert_eq!(calls, REDIRECTS.len() * 2 * 2 * 3);
    assert!(
        elsewhere.requests().is_empty(),
        "the other origin was reached: {:?}",
        elsewhere.requests()
    );
}

/// A server that records proxy requests (absolute-form or CONNECT) and refuses them.
async fn proxy() -> Hostile {
    Hostile::fixed(json_response(502, r#"{"message":"proxy"}"#)).await
}

#[tokio::test]
async fn a_loopback_base_url_never_goes_through_a_proxy() {
    let proxy = proxy().await;
    let server = Hostile::fixed(json_response(200, r#"{"status":1}"#)).await;
    let proxied = || reqwest::Proxy::all(proxy.origin()).unwrap();
    let clients = [
        hostile_builder(&server).proxy(proxied()).build().unwrap(),
        hostile_builder(&server)
            .http_client(reqwest::Client::builder().proxy(proxied()))
            .build()
            .unwrap(),
    ];
    for client in &clients {
        for result in call_each_placement(client).await {
            result.unwrap();
        }
    }
    assert_eq!(server.requests().len(), 6);
    assert!(proxy.requests().is_empty(), "{:?}", proxy.requests());
}

#[tokio::test]
async fn a_proxy_for_a_remote_url_is_used_only_when_asked_for() {
    let proxy = proxy().await;
    // `.invalid` never resolves, so without a proxy the call fails before sending anything.
    let remote = || {
        Client::builder(Token::new(TOKEN), TokenKind::Company)
            .base_url("https://komet.invalid/api/")
            .account_id(77)
            .sales_channel(komet_api::SalesChannel::WebApp)
            .retry_policy(komet_api::RetryPolicy::none())
    };
    let unproxied = remote().build().unwrap();
    let error = create(&unproxied).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert!(proxy.requests().is_empty());

    let proxied = remote()
        .proxy(reqwest::Proxy::https(proxy.origin()).unwrap())
        .build()
        .unwrap();
    let error = create(&proxied).await.unwrap_err();
    assert_no_token(&error);
    let seen = proxy.requests();
    assert_eq!(seen.len(), 1);
    // The proxy sees only the tunnel's destination; the token stays inside TLS.
    assert!(
        seen[0].starts_with("CONNECT komet.invalid:443"),
        "{}",
        seen[0]
    );
    assert!(!seen[0].contains(TOKEN));
}

#[tokio::test]
async fn a_declared_oversized_body_is_refused_before_reading() {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n\
                Content-Length: 1073741824\r\n\r\n{\"status\":1,";
    let server = Hostile::fixed(head).await;
    let client = hostile_builder(&server)
        .max_response_bytes(1 << 20)
        .build()
        .unwrap();
    let error = list(&client).await.unwrap_err();
    assert!(
        matches!(error, Error::ResponseTooLarge { limit, .. } if limit == 1 << 20),
        "{error}"
    );
    assert_eq!(
        server.requests().len(),
        1,
        "a too-large answer is not retried"
    );
}

#[tokio::test]
async fn an_endless_body_is_cut_at_the_limit_for_reads_and_writes() {
    let limit = 1 << 20;
    // 64 KiB chunks, up to 1 GiB: the client must stop the stream near the limit.
    let server = Hostile::start(streaming(64 * 1024, 1 << 30, Duration::ZERO)).await;
    let client = hostile_builder(&server)
        .max_response_bytes(limit)
        .build()
        .unwrap();
    for result in [
        list(&client).await,
        create(&client).await.map(|_| json!({})),
    ] {
        let error = result.unwrap_err();
        assert!(matches!(error, Error::ResponseTooLarge { .. }), "{error}");
    }
    assert_eq!(server.requests().len(), 2, "neither call was retried");
    // What the server got to write is bounded by the limit plus what sockets buffer, far
    // below the gigabyte offered.
    tokio::time::sleep(Duration::from_millis(200)).await;
    let written = server.written();
    assert!(
        written < 2 * limit + 16 * (1 << 20),
        "{written} bytes written"
    );
}

#[tokio::test]
async fn a_slow_body_times_out_and_a_write_is_not_sent_again() {
    // One byte of body every 100 ms, for ever.
    let server = Hostile::start(streaming(1, usize::MAX, Duration::from_millis(100))).await;
    let client = hostile_builder(&server)
        .timeout(Duration::from_millis(400))
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
        "{error}"
    );
    assert_eq!(server.requests().len(), 1, "the write was sent once");
    let error = list(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert_eq!(server.requests().len(), 1 + 3, "a read is retried twice");
}

#[tokio::test]
async fn a_reset_mid_body_is_a_transport_error_not_retried_for_writes() {
    let server = Hostile::start(Arc::new(|mut stream, _| {
        Box::pin(async move {
            let head = "HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n{\"status\":1,";
            let _ = stream.write_all(head.as_bytes()).await;
            // Close at once with a reset instead of the promised bytes (a zero linger does
            // not block, which is what the deprecation warns about).
            #[allow(deprecated)]
            let _ = stream.set_linger(Some(Duration::ZERO));
            drop(stream);
        })
    }))
    .await;
    let client = hostile_builder(&server).build().unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(matches!(error, Error::Transport { .. }), "{error}");
    assert_no_token(&error);
    assert_eq!(server.requests().len(), 1);
    list(&client).await.unwrap_err();
    assert_eq!(server.requests().len(), 1 + 3);
}

static STATUS_RESPONSE: ObjectMeta = ObjectMeta {
    fields: &[
        field("status", FieldType::Flag, false),
        field("message", FieldType::String { max_len: None }, false),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

/// A write whose documented answer carries a status.
static CUSTOMER_UPDATE: MethodMeta = MethodMeta {
    name: "customer.update",
    area: "customers",
    summary: "Updates a customer.",
    verb: Verb::Post,
    params: ParamsIn::Body,
    token: TokenIn::Body,
    token_param: "authenticationToken",
    headers: &[],
    optional_headers: &[],
    max_request_bytes: 65536,
    tokens: &[TokenKind::Company],
    effect: Effect::Write,
    fee: None,
    limits: &[],
    doc_status: DocStatus::Complete,
    assumed: &[],
    notes: &[],
    page: None,
    request: &ObjectMeta {
        fields: &[] as &[FieldMeta],
        alternatives: &[],
        rules: &[],
        date_spans: &[],
    },
    response: &STATUS_RESPONSE,
};

#[tokio::test]
async fn an_empty_answer_is_success_only_where_no_status_is_documented() {
    for response in [
        json_response(200, ""),
        json_response(200, "  \n"),
        b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".to_vec(),
    ] {
        let server = Hostile::fixed(response).await;
        let client = hostile_builder(&server).build().unwrap();
        let error = client
            .call_value(&CUSTOMER_UPDATE, json!({}))
            .await
            .unwrap_err();
        match &error {
            Error::Decode {
                method, message, ..
            } => {
                assert_eq!(*method, "customer.update");
                assert!(message.contains("empty"), "{message}");
            }
            other => panic!("{other}"),
        }
        // A method that documents no answer may answer with nothing.
        let empty = client
            .call_value(&WEB_ORDER_ITEM_ADD, json!({"quantity": 1}))
            .await
            .unwrap();
        assert_eq!(empty, json!({}));
    }
}

#[tokio::test]
async fn every_spelling_of_failure_is_an_api_error() {
    let mut cases = 0;
    for status in [r#"0"#, r#""0""#, r#""00""#, "false", r#""false""#, "0.0"] {
        let body = format!(r#"{{"status":{status},"message":"no such customer"}}"#);
        let server = Hostile::fixed(json_response(200, &body)).await;
        let client = hostile_builder(&server).build().unwrap();
        let typed = create(&client).await.unwrap_err();
        let by_name = client
            .call_value(&CUSTOMER_UPDATE, json!({}))
            .await
            .unwrap_err();
        for error in [typed, by_name] {
            cases += 1;
            assert!(
                matches!(&error, Error::Api { message, .. } if message == "no such customer"),
                "status {status}: {error}"
            );
        }
    }
    assert_eq!(cases, 12);
    let server = Hostile::fixed(json_response(200, r#"{"status":"maybe"}"#)).await;
    let client = hostile_builder(&server).build().unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode { path, .. } if path == "status"),
        "{error}"
    );
}

#[tokio::test]
async fn a_repeated_status_member_is_not_read_either_way() {
    let server = Hostile::fixed(json_response(200, r#"{"status":1,"status":0}"#)).await;
    let client = hostile_builder(&server).build().unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(
        matches!(&error, Error::Decode { message, .. } if message.contains("twice")),
        "{error}"
    );
}

#[tokio::test]
async fn the_decimal_that_is_validated_is_the_decimal_that_is_sent() {
    let server = Hostile::fixed(json_response(200, r#"{"status":1}"#)).await;
    let client = hostile_builder(&server).build().unwrap();
    // Equal to 1.00 in f64, but 28 places on the wire: `decimal:10,2` must refuse it.
    let mut request = create_request();
    request.price = "0.9999999999999999999999999999".parse::<Decimal>().unwrap();
    let error = client
        .call::<_, serde_json::Value>(&PREBOOK_CREATE, &komet_api::Serde(&request))
        .await
        .unwrap_err();
    let violations = error.violations().expect("a validation error");
    assert!(
        violations
            .iter()
            .any(|v| v.path == "price" && v.rule == ViolationRule::DecimalScale),
        "{violations}"
    );
    assert!(server.requests().is_empty(), "nothing is sent");

    // A price the rules allow goes out with exactly its digits.
    request.price = "1234567.50".parse().unwrap();
    let _: serde_json::Value = client
        .call(&PREBOOK_CREATE, &komet_api::Serde(&request))
        .await
        .unwrap();
    let sent = &server.requests()[0];
    assert!(
        sent.ends_with(r#""customerId":15,"price":1234567.50}"#),
        "{sent}"
    );
}

/// A response as the generator writes them.
#[derive(Debug, serde::Deserialize)]
struct Answer {
    #[serde(default, with = "komet_api::wire::string_opt")]
    message: Option<String>,
    #[serde(
        default,
        rename = "prebookNumber",
        with = "komet_api::wire::string_opt"
    )]
    prebook_number: Option<String>,
    #[serde(default, with = "komet_api::wire::decimal_opt")]
    price: Option<Decimal>,
    #[serde(flatten)]
    extra: std::collections::BTreeMap<String, serde_json::Value>,
}

#[tokio::test]
async fn numbers_in_answers_keep_their_text() {
    // 003429 is not JSON: a server that sends it gets a decode error, not 3429.
    let server = Hostile::fixed(json_response(200, r#"{"status":1,"prebookNumber":003429}"#)).await;
    let client = hostile_builder(&server).build().unwrap();
    let error = create(&client).await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");

    let body = r#"{"status":1,"message":1.10,"prebookNumber":"003429",
        "price":0.1234567890123456789012345678,"other":2.50}"#;
    let server = Hostile::fixed(json_response(200, body)).await;
    let client = hostile_builder(&server).build().unwrap();
    let komet_api::Serde(answer): komet_api::Serde<Answer> = client
        .call(&PREBOOK_CREATE, &komet_api::Serde(create_request()))
        .await
        .unwrap();
    assert_eq!(answer.message.as_deref(), Some("1.10"));
    assert_eq!(answer.prebook_number.as_deref(), Some("003429"));
    assert_eq!(
        answer.price.unwrap().to_string(),
        "0.1234567890123456789012345678"
    );
    assert_eq!(answer.extra["other"], json!(2.5));

    // By name, a number serde_json cannot hold comes back as its exact text.
    let value = client
        .call_value(&CUSTOMER_UPDATE, json!({}))
        .await
        .unwrap();
    assert_eq!(value["price"], json!("0.1234567890123456789012345678"));
    assert_eq!(value["message"], json!(1.1));
}
