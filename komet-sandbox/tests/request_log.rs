//! The request log stays bounded: unauthenticated callers cannot make the sandbox keep
//! unbounded text, and the log keeps only the newest entries once it is full.

use komet_sandbox::{Outcome, Sandbox};

/// Bytes of text one entry keeps (method name and outcome message).
fn stored_text(entry: &komet_sandbox::LogEntry) -> usize {
    let message = match &entry.outcome {
        Outcome::Ok => 0,
        Outcome::Refused(message) | Outcome::HttpError(_, message) | Outcome::Fault(message) => {
            message.len()
        }
    };
    entry.method.len() + message
}

#[tokio::test]
async fn unknown_long_method_names_are_stored_in_bounded_form() {
    let sandbox = Sandbox::start().await.unwrap();
    let http = reqwest::Client::new();
    let long_name = "x".repeat(8_000);
    let requests = 300;
    for _ in 0..requests {
        let response = http
            .post(format!("{}{long_name}", sandbox.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
    }
    let log = sandbox.log();
    assert_eq!(log.len(), requests, "every request is logged");
    let longest = log.iter().map(stored_text).max().unwrap();
    assert!(
        longest <= 1_024,
        "an entry for an 8,000-byte unknown name keeps {longest} bytes of text"
    );
    let last = log.last().unwrap();
    assert!(
        last.method.starts_with("xxxx") && last.method.contains("8000 bytes"),
        "the stored name shows its start and its real length: {:?}",
        last.method
    );
}

#[tokio::test]
async fn a_full_log_keeps_the_newest_entries() {
    let sandbox = Sandbox::builder().log_capacity(50).start().await.unwrap();
    let http = reqwest::Client::new();
    for n in 0..120 {
        let response = http
            .get(format!("{}no.such.method.{n}", sandbox.base_url()))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404);
    }
    let methods: Vec<String> = sandbox.log().into_iter().map(|e| e.method).collect();
    let newest: Vec<String> = (70..120).map(|n| format!("no.such.method.{n}")).collect();
    assert_eq!(methods, newest);
}
