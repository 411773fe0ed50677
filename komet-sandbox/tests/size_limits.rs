//! Request size limits: a body over the limit gets 413, a request head over the limit gets
//! 431, and JSON nested deeper than the limit gets a 400 naming the limit, quickly and without
//! a stack overflow. The sandbox keeps answering afterwards.

use std::time::{Duration, Instant};

use komet_api::TokenKind;
use komet_sandbox::Sandbox;

const TOKEN: &str = "demo-company-token";

/// A prebook.create body holding `value` in a field, as a client could send it.
fn body_with(value: &str) -> String {
    format!(r#"{{"authenticationToken": "{TOKEN}", "customerId": 2001, "comments": {value}}}"#)
}

/// `[[[ ... ]]]` nested `depth` levels.
fn nested(depth: usize) -> String {
    format!("{}{}", "[".repeat(depth), "]".repeat(depth))
}

async fn post(sandbox: &Sandbox, method: &str, body: String) -> (u16, String) {
    let response = reqwest::Client::new()
        .post(format!("{}{method}", sandbox.base_url()))
        .header("content-type", "application/json")
        .header("X-ACCOUNT", "1001")
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn still_answers(sandbox: &Sandbox) {
    let response = reqwest::Client::new()
        .get(format!("{}boxtype.list", sandbox.base_url()))
        .query(&[("authenticationToken", TOKEN)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "the sandbox still answers");
}

#[tokio::test]
async fn a_body_over_the_default_limit_gets_413() {
    let sandbox = Sandbox::start().await.unwrap();
    let big = format!("\"{}\"", "a".repeat(2 * 1024 * 1024));
    let (status, text) = post(&sandbox, "prebook.create", body_with(&big)).await;
    assert_eq!(status, 413, "{}", &text[..text.len().min(300)]);
    assert!(text.contains("1048576 bytes"), "names the limit: {text}");
    still_answers(&sandbox).await;
}

#[tokio::test]
async fn headers_over_the_default_limit_get_431() {
    let sandbox = Sandbox::start().await.unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}boxtype.list", sandbox.base_url()))
        .query(&[("authenticationToken", TOKEN)])
        .header("x-padding", "p".repeat(32 * 1024))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 431);
    still_answers(&sandbox).await;
}

#[tokio::test]
async fn json_nested_deeper_than_the_limit_gets_400_naming_it() {
    let sandbox = Sandbox::start().await.unwrap();
    // Deeper than the sandbox's limit but within what serde_json itself would parse.
    let (status, text) = post(&sandbox, "prebook.create", body_with(&nested(40))).await;
    assert_eq!(status, 400, "{text}");
    assert!(
        text.contains("nested deeper than 32 levels"),
        "the answer names the limit: {text}"
    );
    // Within the limit: the body is read and judged by the method's rules as usual.
    let (status, text) = post(&sandbox, "prebook.create", body_with(&nested(20))).await;
    assert_ne!(status, 400, "{text}");
    still_answers(&sandbox).await;
}

#[tokio::test]
async fn a_million_levels_of_json_are_refused_quickly() {
    let sandbox = Sandbox::start().await.unwrap();
    let started = Instant::now();
    for shape in [nested(500_000), "{\"a\":".repeat(150_000)] {
        let (status, text) = post(&sandbox, "prebook.create", body_with(&shape)).await;
        assert_eq!(status, 400, "{text}");
        assert!(text.contains("nested deeper than 32 levels"), "{text}");
    }
    // Generous: a linear scan of 1.7 MB takes milliseconds; this only catches quadratic work.
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "refusing deep JSON took {:?}",
        started.elapsed()
    );
    still_answers(&sandbox).await;
}

#[tokio::test]
async fn configured_limits_apply() {
    let sandbox = Sandbox::builder()
        .max_body_bytes(1_000)
        .max_header_bytes(9_000)
        .max_json_depth(3)
        .start()
        .await
        .unwrap();
    let (status, text) = post(&sandbox, "prebook.create", body_with(&"1".repeat(2_000))).await;
    assert_eq!(status, 413, "{text}");
    assert!(text.contains("limit of 1000 bytes"), "{text}");

    let (status, text) = post(&sandbox, "prebook.create", body_with(&nested(3))).await;
    assert_eq!(status, 400, "{text}");
    assert!(text.contains("nested deeper than 3 levels"), "{text}");
    let (status, text) = post(&sandbox, "prebook.create", body_with(&nested(2))).await;
    assert_eq!(
        status, 200,
        "within the depth limit, the method's rules judge: {text}"
    );

    let response = reqwest::Client::new()
        .get(format!("{}boxtype.list", sandbox.base_url()))
        .query(&[("authenticationToken", TOKEN)])
        .header("x-padding", "p".repeat(10_000))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 431);
    still_answers(&sandbox).await;
}

/// A chunked body declares no length; the limit applies as it is read, and the rest is read
/// and dropped so that the client gets the answer rather than a reset connection.
#[tokio::test]
async fn a_chunked_body_over_the_limit_gets_413() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let sandbox = Sandbox::builder()
        .max_body_bytes(1_000)
        .start()
        .await
        .unwrap();
    let mut stream = tokio::net::TcpStream::connect(sandbox.addr())
        .await
        .unwrap();
    let head = "POST /api/prebook.create HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
                Connection: close\r\n\r\n";
    stream.write_all(head.as_bytes()).await.unwrap();
    for _ in 0..3 {
        let chunk = format!("{:x}\r\n{}\r\n", 600, " ".repeat(600));
        stream.write_all(chunk.as_bytes()).await.unwrap();
    }
    stream.write_all(b"0\r\n\r\n").await.unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(10), stream.read_to_end(&mut answer));
    assert!(
        read.await.is_ok(),
        "the connection is closed after the refusal"
    );
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");
    assert!(answer.contains("limit of 1000 bytes"), "{answer}");
}

#[tokio::test]
async fn a_request_over_the_methods_limit_gets_413() {
    let sandbox = Sandbox::start().await.unwrap();
    let token = sandbox.account(TokenKind::Company).unwrap().token.clone();
    // Over prebook.create's 64 KiB, under the sandbox's overall body limit.
    let body = serde_json::json!({"authenticationToken": token, "customerId": 2001,
        "carrierId": 1801, "shipDate": "2026-12-01", "comments": "x".repeat(70_000)});
    let response = reqwest::Client::new()
        .post(format!("{}prebook.create", sandbox.base_url()))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let text = response.text().await.unwrap();
    assert!(text.contains("at most 65536"), "{text}");
}
