//! What the client validates, the sandbox accepts: for every method and every top-level
//! scalar field, each JSON form of a value (a number or numeric text, `1`/`0` or `"1"`/`"0"`
//! for flags, `true`/`false`, text or digits for document numbers) is either refused by the
//! client before sending or sent in a form the sandbox reads as valid, by name (body or
//! query, whichever the method uses) and through the typed request.

use chrono::Utc;
use komet_api::meta::{FieldMeta, FieldType, WireValue};
use komet_api::{Error, RetryPolicy, TokenKind, registry};
use komet_sandbox::Sandbox;
use komet_sandbox::shape::example_request;
use serde_json::{Value, json};

/// The forms worth trying for a field, starting from the example's value.
fn forms(field: &FieldMeta, example: &Value) -> Vec<Value> {
    let text = match example {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match &field.ty {
        FieldType::Flag => vec![json!(1), json!(0), json!("1"), json!("0"), json!(true)],
        FieldType::Bool => vec![json!(true), json!(false), json!(1), json!("true")],
        FieldType::Integer { .. } | FieldType::Decimal { .. } => {
            vec![example.clone(), json!(text), json!(format!("{text} "))]
        }
        FieldType::Enum(meta) => match meta.values.first() {
            Some(WireValue::Int(n)) => vec![json!(n), json!(n.to_string())],
            Some(WireValue::Str(s)) => vec![json!(s), json!(s.to_lowercase())],
            None => Vec::new(),
        },
        FieldType::Text { .. } => vec![json!("0012"), json!(12), json!("P-01")],
        FieldType::Csv { .. } => vec![example.clone(), json!(format!("{text}, {text}"))],
        FieldType::Date | FieldType::DateTime | FieldType::String { .. } => {
            vec![example.clone()]
        }
        FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) | FieldType::List(_) => {
            Vec::new()
        }
    }
}

#[tokio::test]
async fn every_value_the_client_accepts_the_sandbox_accepts() {
    let sandbox = Sandbox::builder()
        .daily_quota(u32::MAX)
        .start()
        .await
        .unwrap();
    let today = Utc::now().date_naive();
    let (mut sent, mut refused_before_sending) = (0, 0);
    let mut disagreements = Vec::new();
    for entry in registry::methods() {
        let meta = entry.meta;
        let kind: TokenKind = meta.tokens[0];
        let client = sandbox
            .client(kind)
            .retry_policy(RetryPolicy::none())
            .build()
            .unwrap();
        let account = sandbox.account(kind).unwrap();
        let example = example_request(meta, &account.validation_context(), today);
        for field in meta.request.fields {
            let Some(original) = example.get(field.name) else {
                continue;
            };
            for form in forms(field, original) {
                let mut request = example.clone();
                request[field.name] = form.clone();
                match client.call_value(meta, request).await {
                    Err(Error::Validation { .. }) => refused_before_sending += 1,
                    Err(Error::Api { message, .. }) if message.starts_with("invalid request") => {
                        disagreements.push(format!(
                            "{} {}={form}: the sandbox refused it: {message}",
                            meta.name, field.name
                        ));
                    }
                    Err(Error::Http {
                        status: 400,
                        message,
                        ..
                    }) => disagreements.push(format!(
                        "{} {}={form}: HTTP 400 {message:?}",
                        meta.name, field.name
                    )),
                    // Komet's own refusals (unknown ids, states) are about the data, not the form.
                    _ => sent += 1,
                }
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    // Hundreds of forms go out and some are refused locally (flags as `true`, blank text):
    // a walk that sent nothing, or refused nothing, would prove nothing.
    assert!(sent > 300, "only {sent} forms were sent");
    assert!(
        refused_before_sending > 50,
        "only {refused_before_sending} refused"
    );
}
