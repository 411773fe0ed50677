//! Property test of `registry::decode_response` over mutated documentation samples of every
//! method that has one: it never panics, and a failure is never read as success (a `status`
//! that says failure never decodes to `1`, and no decoded status differs from the one sent).

mod fuzz;

use std::panic::{catch_unwind, AssertUnwindSafe};

use fuzz::{cases, mutate_somewhere, samples, tricky_value, Rng};
use komet_api::registry;
use serde_json::{json, Value};

/// Every spelling of failure the client treats as `Error::Api`.
fn failure(rng: &mut Rng) -> Value {
    rng.pick(&[
        json!(0),
        json!("0"),
        json!("00"),
        json!(" 0 "),
        json!(0.0),
        json!(false),
        json!("false"),
    ])
    .clone()
}

/// `Some(true)` for a success spelling, `Some(false)` for failure, `None` otherwise.
fn says(status: &Value) -> Option<bool> {
    match status {
        Value::Bool(b) => Some(*b),
        Value::Number(n) => match n.as_f64() {
            Some(0.0) => Some(false),
            Some(1.0) => Some(true),
            _ => None,
        },
        Value::String(s) => match s.trim().to_ascii_lowercase().as_str() {
            "1" | "true" => Some(true),
            "false" => Some(false),
            t if !t.is_empty() && t.bytes().all(|b| b == b'0') => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[test]
fn decoding_never_panics_nor_turns_a_failure_into_success() {
    let mut rng = Rng::new(0x7265_7370_6f6e);
    let per_sample = cases(60);
    let (mut total, mut decoded, mut failures_sent) = (0, 0, 0);
    let mut problems = Vec::new();
    let all = samples("response");
    assert!(all.len() > 50, "documentation samples found: {}", all.len());
    for (method, sample) in &all {
        if registry::find(method).is_none() {
            continue;
        }
        for case in 0..per_sample {
            let mut body = sample.clone();
            match case % 3 {
                0 => mutate_somewhere(&mut body, &mut rng, &tricky_value),
                1 => {
                    if let Value::Object(map) = &mut body {
                        map.insert("status".to_owned(), failure(&mut rng));
                    }
                }
                _ => {
                    mutate_somewhere(&mut body, &mut rng, &tricky_value);
                    if let Value::Object(map) = &mut body {
                        map.insert("status".to_owned(), failure(&mut rng));
                    }
                }
            }
            total += 1;
            let sent = body.get("status").and_then(says);
            if sent == Some(false) {
                failures_sent += 1;
            }
            let result = catch_unwind(AssertUnwindSafe(|| {
                registry::decode_response(method, &body)
            }));
            let Ok(result) = result else {
                problems.push(format!("{method}: panicked on {body}"));
                continue;
            };
            // The check-only decoder (the sandbox's) must agree with the full one.
            let entry = registry::find(method).expect("a registered method");
            let checked = (entry.check_response)(&body);
            let decoded_as = result.as_ref().map(drop).map_err(|e| e.to_string());
            let checked_as = checked.map_err(|e| registry::RegistryError::Decode(e).to_string());
            if checked_as != decoded_as {
                problems.push(format!(
                    "{method}: check_response says {checked_as:?}, decode_response {decoded_as:?} on {body}"
                ));
            }
            let Ok(out) = result else { continue };
            decoded += 1;
            let read = out.get("status").and_then(says);
            if sent.is_some() && read != sent {
                problems.push(format!(
                    "{method}: status {:?} was read as {:?}",
                    body.get("status"),
                    out.get("status")
                ));
            }
        }
    }
    println!(
        "response property: {total} cases ({failures_sent} with a failure status), \
         {decoded} decoded, {} problems",
        problems.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        decoded > total / 10,
        "too few decoded cases to mean anything"
    );
}
