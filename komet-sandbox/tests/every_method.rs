//! Every method of the spec answers, and requests that break a rule get Komet-style errors.

use chrono::Utc;
use komet_api::TokenKind;
use komet_api::meta::{ParamsIn, TokenIn, Verb};
use komet_api::registry;
use komet_sandbox::Sandbox;
use komet_sandbox::shape::example_request;
use serde_json::{Value, json};

/// Sends `params` to `method` the way its spec says, with `token`, as raw HTTP.
async fn send_raw(
    sandbox: &Sandbox,
    method: &str,
    params: &Value,
    token: Option<&str>,
) -> (u16, Value) {
    let meta = registry::find(method).unwrap().meta;
    let http = reqwest::Client::new();
    let url = format!("{}{}", sandbox.base_url(), meta.name);
    let mut params = params.as_object().cloned().unwrap_or_default();
    let mut query: Vec<(String, String)> = Vec::new();
    let mut headers: Vec<(String, String)> = vec![
        (
            "X-ACCOUNT".into(),
            komet_sandbox::DEMO_COMPANY_ID.to_string(),
        ),
        ("X-SALES-CHANNEL".into(), "WEB_APP".into()),
    ];
    if let Some(token) = token {
        match meta.token {
            TokenIn::Body => {
                params.insert(meta.token_param.into(), Value::from(token));
            }
            TokenIn::Query => query.push((meta.token_param.into(), token.into())),
            TokenIn::Header => headers.push((meta.token_param.into(), token.into())),
        }
    }
    let mut request = match meta.verb {
        Verb::Get => http.get(&url),
        Verb::Post => http.post(&url),
    };
    match meta.params {
        ParamsIn::Body => request = request.json(&params),
        ParamsIn::Query => {
            for (name, value) in &params {
                let text = match value {
                    Value::String(s) => s.clone(),
                    Value::Array(items) => items
                        .iter()
                        .map(|i| i.as_str().map_or(i.to_string(), str::to_owned))
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                query.push((name.clone(), text));
            }
        }
    }
    request = request.query(&query);
    for (name, value) in headers {
        request = request.header(name, value);
    }
    let response = request.send().await.unwrap();
    let status = response.status().as_u16();
    let body: Value = response.json().await.unwrap_or(Value::Null);
    (status, body)
}

#[tokio::test]
async fn every_method_answers_a_valid_request() {
    let sandbox = Sandbox::start().await.unwrap();
    let today = Utc::now().date_naive();
    let mut failures = Vec::new();
    for entry in registry::methods() {
        let meta = entry.meta;
        let kind = meta.tokens[0];
        let account = sandbox.account(kind).unwrap();
        let token = account.token.clone();
        let request = example_request(meta, &account.validation_context(), today);
        let (status, body) = send_raw(&sandbox, meta.name, &request, Some(&token)).await;
        let refused_for_a_field = body["message"]
            .as_str()
            .is_some_and(|m| m.starts_with("invalid request"));
        if status != 200 || refused_for_a_field {
            failures.push(format!("{} -> HTTP {status} {body}", meta.name));
            continue;
        }
        if body["status"] != json!(0) {
            if let Err(e) = registry::decode_response(meta.name, &body) {
                failures.push(format!("{}: answer does not decode: {e}", meta.name));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(sandbox.log().len(), registry::methods().len());
}

/// The client and the sandbox agree on every method's verb, token placement, headers and
/// parameter placement: each call gets an answer (or a business refusal), never an HTTP error.
#[tokio::test]
async fn the_client_reaches_every_method() {
    let sandbox = Sandbox::start().await.unwrap();
    let today = Utc::now().date_naive();
    let mut failures = Vec::new();
    for entry in registry::methods() {
        let meta = entry.meta;
        let kind = meta.tokens[0];
        let client = sandbox.client(kind).build().unwrap();
        let request = example_request(meta, &client.validation_context(), today);
        match client.call_value(meta, request).await {
            Ok(_) => {}
            Err(komet_api::Error::Api { message, .. }) if !message.starts_with("invalid") => {}
            Err(e) => failures.push(format!("{}: {e}", meta.name)),
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// No input a caller may send makes the sandbox fail: an empty request and the example
/// request of every token kind each get a Komet answer (never a 5xx or a dropped connection).
#[tokio::test]
async fn no_request_makes_the_sandbox_fail() {
    let sandbox = Sandbox::start().await.unwrap();
    let today = Utc::now().date_naive();
    let mut failures = Vec::new();
    for entry in registry::methods() {
        let meta = entry.meta;
        for kind in meta.tokens {
            let account = sandbox.account(*kind).unwrap();
            let token = account.token.clone();
            let example = example_request(meta, &account.validation_context(), today);
            for request in [json!({}), example] {
                let (status, body) = send_raw(&sandbox, meta.name, &request, Some(&token)).await;
                if status >= 500 || body.is_null() {
                    failures.push(format!(
                        "{} [{kind}] {request} -> HTTP {status} {body}",
                        meta.name
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[tokio::test]
async fn refusals_name_the_problem() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.account(TokenKind::Company).unwrap().token.clone();
    let vendor = sandbox.account(TokenKind::Vendor).unwrap().token.clone();
    let user = sandbox.account(TokenKind::User).unwrap().token.clone();
    let valid = json!({"customerId": 2001, "carrierId": 1801, "shipDate": "2026-12-01"});

    // Unknown method, missing token, unknown token, token kind not allowed.
    let http = reqwest::Client::new();
    let unknown = http
        .post(format!("{}no.such.method", sandbox.base_url()))
        .json(&json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), 404);
    let (status, body) = send_raw(&sandbox, "prebook.create", &valid, None).await;
    assert_eq!(
        (status, body["message"].as_str()),
        (401, Some("authenticationToken is required"))
    );
    let (status, _) = send_raw(&sandbox, "prebook.create", &valid, Some("stolen")).await;
    assert_eq!(status, 401);
    let (status, body) = send_raw(&sandbox, "web-order-item.add", &json!({}), Some(&company)).await;
    assert_eq!(status, 403, "{body}");
    assert!(body["message"].as_str().unwrap().contains("company token"));

    // Wrong verb.
    let wrong_verb = http
        .get(format!("{}prebook.create", sandbox.base_url()))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_verb.status(), 405);

    // A missing header (X-ACCOUNT) is a 400 naming it.
    let no_header = http
        .get(format!("{}customer.by.company.list", sandbox.base_url()))
        .query(&[("authenticationToken", &user)])
        .send()
        .await
        .unwrap();
    let status = no_header.status().as_u16();
    let body: Value = no_header.json().await.unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(
        body["message"].as_str().unwrap().contains("X-ACCOUNT"),
        "{body}"
    );

    // Field rules: too long, missing conditional field, both by path, with status 0.
    let too_long = json!({"customerCode": "C".repeat(21), "customerName": "x",
        "carrierId": 1801, "shipDate": "2026-12-01"});
    let (status, body) = send_raw(&sandbox, "prebook.create", &too_long, Some(&company)).await;
    assert_eq!((status, &body["status"]), (200, &json!(0)), "{body}");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("customerCode"), "{message}");
    let box_line = json!({"customerId": 2001, "carrierId": 1801, "shipDate": "2026-12-01",
        "prebookItems": [{"productId": 5001, "unitType": "BOX", "boxTypeId": 901}]});
    let (_, body) = send_raw(&sandbox, "prebook.create", &box_line, Some(&company)).await;
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("prebookItems[0].boxes"), "{message}");

    // Vendor tokens may not send company-only fields.
    let priced = json!({"customerId": 2001, "carrierId": 1801, "shipDate": "2026-12-01",
        "prebookItems": [{"productId": 5001, "unitType": "STEM", "boxes": 1, "boxTypeId": 901,
            "bunches": 4, "price": 0.5}]});
    let (_, body) = send_raw(&sandbox, "prebook.create", &priced, Some(&vendor)).await;
    assert_eq!(body["status"], json!(0), "{body}");

    // Nothing in the log holds a token.
    let log = format!("{:?}", sandbox.log());
    for token in [&company, &vendor, &user, "stolen"] {
        assert!(!log.contains(token), "token in log: {log}");
    }
}
