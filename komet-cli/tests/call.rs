//! `komet call` against a sandbox: each outcome has its exit code, and the token never
//! appears in anything printed.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use common::{Run, komet};
use komet_api::TokenKind;
use komet_sandbox::{Account, Sandbox};
use serde_json::Value;

/// A token no output may contain.
const SECRET: &str = "cli-test-secret-7d1f0c9a";

/// A sandbox on its own runtime, accepting [`SECRET`] as a company token.
struct Server {
    sandbox: Sandbox,
    _runtime: tokio::runtime::Runtime,
}

fn sandbox(quota: u32) -> Server {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let mut account = Account::new(SECRET, TokenKind::Company);
    account.transactional_access = true;
    let sandbox = runtime
        .block_on(
            Sandbox::builder()
                .account(account)
                .daily_quota(quota)
                .start(),
        )
        .unwrap();
    Server {
        sandbox,
        _runtime: runtime,
    }
}

/// `komet call` with the secret in the environment, against `server`.
fn call(server: &Server, args: &[&str], stdin: &str) -> Run {
    let mut full = vec!["call"];
    full.extend_from_slice(args);
    full.extend_from_slice(&["--base-url", server.sandbox.base_url()]);
    let run = komet(&full, stdin, &[("KOMET_TOKEN", SECRET)]);
    assert_no_secret(&run);
    run
}

fn assert_no_secret(run: &Run) {
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "the token was printed: {run}"
    );
}

#[test]
fn a_successful_call_prints_the_response_and_the_quota() {
    let server = sandbox(100);
    let run = call(
        &server,
        &[
            "carrier.add",
            "--param",
            "name=Polar Air",
            "--param",
            "code=PAC",
        ],
        "",
    );
    assert_eq!(run.code, Some(0), "{run}");
    let response: Value = serde_json::from_str(run.stdout.trim()).expect("JSON on stdout");
    assert_eq!(response["status"], 1, "{run}");
    // Piped, so one line.
    assert_eq!(run.stdout.trim().lines().count(), 1, "{run}");
    assert!(run.stderr.contains("quota: 1 request"), "{run}");

    let listed = call(&server, &["carrier.list"], "");
    assert_eq!(listed.code, Some(0), "{listed}");
    assert!(listed.stdout.contains("Polar Air"), "{listed}");
}

#[test]
fn a_request_from_stdin_is_validated_and_sent() {
    let server = sandbox(100);
    let example = komet(&["example", "carrier.add"], "", &[]);
    let run = call(&server, &["carrier.add", "-"], &example.stdout);
    assert_eq!(run.code, Some(0), "{run}");
}

#[test]
fn an_invalid_request_exits_1_and_sends_nothing() {
    let server = sandbox(100);
    let run = call(&server, &["carrier.add", "--param", "name=Polar Air"], "");
    assert_eq!(run.code, Some(1), "{run}");
    assert!(
        run.stderr.contains("code"),
        "names the missing field: {run}"
    );
    assert!(
        server.sandbox.log().is_empty(),
        "nothing reached the server"
    );
    // A method the token kind may not call is refused before sending, too.
    let run = call(
        &server,
        &["web-order-item.add", "--token-kind", "company"],
        "",
    );
    assert_eq!(run.code, Some(1), "{run}");
    assert!(server.sandbox.log().is_empty());
}

#[test]
fn a_refusal_exits_2_and_prints_komets_answer() {
    let server = sandbox(100);
    let request = r#"{"customerId": 9999, "carrierId": 1801, "shipDate": "2026-12-01"}"#;
    let run = call(&server, &["prebook.create", "-"], request);
    assert_eq!(run.code, Some(2), "{run}");
    let response: Value = serde_json::from_str(run.stdout.trim()).expect("the body on stdout");
    assert_eq!(response["status"], 0, "{run}");
    assert!(run.stderr.contains("refused"), "{run}");
}

#[test]
fn an_unknown_token_exits_4() {
    let server = sandbox(100);
    let other = "cli-test-unknown-token-55e2";
    let run = komet(
        &[
            "call",
            "carrier.list",
            "--base-url",
            server.sandbox.base_url(),
        ],
        "",
        &[("KOMET_TOKEN", other)],
    );
    assert_eq!(run.code, Some(4), "{run}");
    assert!(run.stderr.contains("401"), "{run}");
    assert!(
        !run.stdout.contains(other) && !run.stderr.contains(other),
        "{run}"
    );
}

#[test]
fn a_used_up_quota_exits_5() {
    let server = sandbox(1);
    assert_eq!(call(&server, &["carrier.list"], "").code, Some(0));
    let run = call(&server, &["carrier.list"], "");
    assert_eq!(run.code, Some(5), "{run}");
    assert!(run.stderr.contains("429"), "{run}");
}

#[test]
fn headers_come_from_flags() {
    let server = sandbox(100);
    // company.location.list needs X-ACCOUNT and X-SALES-CHANNEL.
    let run = call(&server, &["company.location.list"], "");
    assert_eq!(run.code, Some(1), "{run}");
    assert!(run.stderr.contains("--account"), "says which flag: {run}");
    assert!(
        server.sandbox.log().is_empty(),
        "nothing reached the server"
    );
    let run = call(
        &server,
        &[
            "company.location.list",
            "--account",
            "1001",
            "--sales-channel",
            "WEB_APP",
            "--param",
            "customerId=2001",
        ],
        "",
    );
    assert_eq!(run.code, Some(0), "{run}");
}

#[test]
fn the_token_comes_only_from_the_environment_or_a_file() {
    let server = sandbox(100);
    let url = server.sandbox.base_url();
    let none = komet(&["call", "carrier.list", "--base-url", url], "", &[]);
    assert_eq!(none.code, Some(64), "{none}");
    assert!(none.stderr.contains("KOMET_TOKEN"), "{none}");

    // A token given as a parameter is refused without being echoed.
    let flag = komet(
        &[
            "call",
            "carrier.list",
            "--base-url",
            url,
            "--param",
            &format!("authenticationToken={SECRET}"),
        ],
        "",
        &[],
    );
    assert_eq!(flag.code, Some(64), "{flag}");
    assert_no_secret(&flag);
    // A token in the request body is left out, and the one from the environment is sent.
    let pasted = format!(r#"{{"authenticationToken": "{SECRET}", "name": "Sky", "code": "SKY"}}"#);
    let run = call(&server, &["carrier.add", "-"], &pasted);
    assert_eq!(run.code, Some(0), "{run}");

    let dir = std::env::temp_dir().join(format!("komet-cli-token-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("token");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let run = komet(
        &[
            "call",
            "carrier.list",
            "--base-url",
            url,
            "--token-file",
            file.to_str().unwrap(),
        ],
        "",
        &[],
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert_no_secret(&run);
    let missing = dir.join("missing");
    let run = komet(
        &[
            "call",
            "carrier.list",
            "--base-url",
            url,
            "--token-file",
            missing.to_str().unwrap(),
        ],
        "",
        &[],
    );
    assert_eq!(run.code, Some(64), "{run}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_server_that_is_not_there_is_a_transport_error() {
    // Bound and dropped: nothing listens on the port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/api/");
    let run = komet(
        &["call", "carrier.list", "--base-url", &url],
        "",
        &[("KOMET_TOKEN", SECRET)],
    );
    assert_eq!(run.code, Some(6), "{run}");
    assert_no_secret(&run);
    // Plain http is for loopback only.
    let run = komet(
        &[
            "call",
            "carrier.list",
            "--base-url",
            "http://api.example.com/api/",
        ],
        "",
        &[("KOMET_TOKEN", SECRET)],
    );
    assert_eq!(run.code, Some(64), "{run}");
}

/// Kills the spawned sandbox however the test ends.
struct Spawned(Child);

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn komet_sandbox_serves_what_komet_call_sends() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_komet"))
        .args(["sandbox", "--port", "0", "--quota", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let _server = Spawned(child);
    let first = BufReader::new(stdout).lines().next().unwrap().unwrap();
    let url = first
        .split("base URL ")
        .nth(1)
        .unwrap_or_else(|| panic!("no base URL in {first:?}"));
    let run = komet(
        &["call", "boxtype.list", "--base-url", url],
        "",
        &[("KOMET_TOKEN", "demo-company-token")],
    );
    assert_eq!(run.code, Some(0), "{run}");
    assert!(run.stdout.contains("HB"), "{run}");
    assert!(!run.stdout.contains("demo-company-token"), "{run}");
}

#[test]
fn komet_sandbox_takes_the_sandbox_flags() {
    let help = komet(&["sandbox", "--help"], "", &[]);
    assert_eq!(help.code, Some(0), "{help}");
    assert!(
        help.stdout.contains("usage: komet sandbox") && help.stdout.contains("--fault"),
        "{help}"
    );
    let bad = komet(&["sandbox", "--fault", "boom"], "", &[]);
    assert_eq!(bad.code, Some(64), "{bad}");
    assert!(bad.stderr.contains("unknown fault"), "{bad}");
}
