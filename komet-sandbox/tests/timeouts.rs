//! Slow and idle connections are closed: a request head trickling in (slow loris), a body
//! trickling in, and a connection on which nothing happens. Short timeouts are configured so
//! the test takes seconds; a slow answer (a latency fault) is not cut off by them.

use std::time::{Duration, Instant};

use komet_sandbox::{Fault, FaultRule, Sandbox};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const SHORT: Duration = Duration::from_millis(500);
/// Longer than any timeout configured here; a connection still open then was never closed.
const GIVE_UP: Duration = Duration::from_secs(6);

async fn sandbox(header: Duration, idle: Duration, body: Duration) -> Sandbox {
    Sandbox::builder()
        .header_read_timeout(header)
        .idle_timeout(idle)
        .body_read_timeout(body)
        .start()
        .await
        .unwrap()
}

/// Sends `head` then `trickle` one byte every 100 ms until the server closes the connection
/// (or `GIVE_UP`); returns what the server sent and when it closed, if it did.
async fn trickle(
    addr: std::net::SocketAddr,
    head: &str,
    trickle: &[u8],
) -> (String, Option<Duration>) {
    let started = Instant::now();
    let stream = TcpStream::connect(addr).await.unwrap();
    let (mut read, mut write) = stream.into_split();
    let reader = tokio::spawn(async move {
        let mut answer = Vec::new();
        let closed = tokio::time::timeout(GIVE_UP, read.read_to_end(&mut answer)).await;
        (
            String::from_utf8_lossy(&answer).into_owned(),
            closed.is_ok(),
        )
    });
    let _ = write.write_all(head.as_bytes()).await;
    for byte in trickle.iter().cycle() {
        if reader.is_finished() || started.elapsed() > GIVE_UP {
            break;
        }
        if write.write_all(&[*byte]).await.is_err() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let (answer, closed) = reader.await.unwrap();
    (answer, closed.then(|| started.elapsed()))
}

#[tokio::test]
async fn slow_request_heads_are_closed_after_the_header_timeout() {
    // The idle timeout is long, so only the header timeout can close these.
    let sandbox = sandbox(SHORT, Duration::from_secs(60), Duration::from_secs(60)).await;
    let addr = sandbox.addr();
    let lorises: Vec<_> = (0..20)
        .map(|_| {
            tokio::spawn(trickle(
                addr,
                "GET /api/boxtype.list HTTP/1.1\r\nHost: 127.0.0.1\r\n",
                b"X-Slow: yes\r\n",
            ))
        })
        .collect();
    for loris in lorises {
        let (answer, closed) = loris.await.unwrap();
        let after = closed.expect("a slow request head was never closed");
        assert!(
            after < Duration::from_secs(4),
            "closed only after {after:?}"
        );
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "{answer}"
        );
    }
}

#[tokio::test]
async fn idle_connections_are_closed_after_the_idle_timeout() {
    // The header timeout is long, so only the idle timeout can close these.
    let sandbox = sandbox(Duration::from_secs(60), SHORT, Duration::from_secs(60)).await;
    // A connection that never sends anything.
    let (answer, closed) = trickle(sandbox.addr(), "", b"").await;
    assert_eq!(answer, "");
    assert!(closed.expect("a silent connection was never closed") < Duration::from_secs(4));

    // A kept-alive connection after one answered request.
    let mut stream = TcpStream::connect(sandbox.addr()).await.unwrap();
    let request = "GET /api/boxtype.list?authenticationToken=demo-company-token HTTP/1.1\r\n\
                   Host: 127.0.0.1\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    let started = Instant::now();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(GIVE_UP, stream.read_to_end(&mut answer)).await;
    let answer = String::from_utf8_lossy(&answer);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    assert!(read.is_ok(), "the kept-alive connection was never closed");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[tokio::test]
async fn slow_bodies_get_408_after_the_body_timeout() {
    let sandbox = sandbox(Duration::from_secs(60), Duration::from_secs(60), SHORT).await;
    let head = "POST /api/prebook.create HTTP/1.1\r\nHost: 127.0.0.1\r\n\
                Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n";
    let (answer, closed) = trickle(sandbox.addr(), head, b" ").await;
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(
        answer.contains("500 ms"),
        "the answer names the limit: {answer}"
    );
    assert!(closed.expect("a slow body was never closed") < Duration::from_secs(4));
}

#[tokio::test]
async fn a_slow_answer_is_not_cut_off_by_the_idle_timeout() {
    let sandbox = Sandbox::builder()
        .header_read_timeout(SHORT)
        .idle_timeout(SHORT)
        .body_read_timeout(SHORT)
        .fault(FaultRule::always(Fault::Latency(Duration::from_millis(
            1_500,
        ))))
        .start()
        .await
        .unwrap();
    let response = reqwest::Client::new()
        .get(format!("{}boxtype.list", sandbox.base_url()))
        .query(&[("authenticationToken", "demo-company-token")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
}
