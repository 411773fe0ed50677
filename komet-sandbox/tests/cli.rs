//! `komet-sandbox --port N`: prints its base URL and demo tokens, then answers requests.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// Kills the server when the test ends, however it ends.
struct Server(Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn the_command_line_server_prints_its_url_and_tokens_and_answers() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_komet-sandbox"))
        .args(["--port", "0", "--quota", "5"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let server = Server(child);
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let base_url = first
        .split("base URL ")
        .nth(1)
        .unwrap_or_else(|| panic!("no base URL in {first:?}"))
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    let printed: Vec<String> = lines.by_ref().take(5).map(Result::unwrap).collect();
    let company_token = printed
        .iter()
        .find_map(|line| line.trim().strip_prefix("company"))
        .map(|rest| rest.trim().to_owned())
        .unwrap_or_else(|| panic!("no company token in {printed:?}"));

    let response: serde_json::Value = reqwest::Client::new()
        .get(format!("{base_url}boxtype.list"))
        .query(&[("authenticationToken", company_token.as_str())])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(response["status"], 1, "{response}");
    assert_eq!(response["boxtypes"].as_array().map(Vec::len), Some(3));
    drop(server);
}

#[test]
fn bad_arguments_are_refused_with_usage() {
    let output = Command::new(env!("CARGO_BIN_EXE_komet-sandbox"))
        .args(["--fault", "boom"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("unknown fault \"boom\""), "{stderr}");
    assert!(stderr.contains("usage: komet-sandbox"), "{stderr}");
}

#[test]
fn the_log_capacity_must_be_a_number() {
    let output = Command::new(env!("CARGO_BIN_EXE_komet-sandbox"))
        .args(["--log-capacity", "lots"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("\"lots\" is not a valid number"),
        "{stderr}"
    );
    assert!(stderr.contains("--log-capacity N"), "{stderr}");
}
