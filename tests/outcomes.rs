//! Responses: the shared `StatusResponse` for methods that answer only with `status` and
//! `message`, the `Outcome` trait over every response with those two fields, and the method
//! facts the spec records as assumed.

use komet_api::invoices::InvoiceVoidResponse;
use komet_api::meta::{DocStatus, FieldType, MethodFact};
use komet_api::prebooks::PrebookCreateResponse;
use komet_api::purchase_orders::PurchaseOrderItemDeleteResponse;
use komet_api::registry;
use komet_api::{Outcome, StatusResponse};
use serde_json::json;

/// A line a tool might log for any response, whatever its type.
fn report(outcome: &impl Outcome) -> String {
    let verdict = if outcome.succeeded() { "ok" } else { "failed" };
    format!("{verdict}: {}", outcome.message().unwrap_or("-"))
}

#[test]
fn status_only_responses_share_one_type() {
    // Both aliases name the same struct: a value of one is a value of the other.
    let void: InvoiceVoidResponse = StatusResponse::default();
    let delete: PurchaseOrderItemDeleteResponse = void.clone();
    assert_eq!(void, delete);
}

#[test]
fn status_response_decodes_leniently_and_keeps_unknown_fields() {
    let ok: InvoiceVoidResponse =
        serde_json::from_value(json!({"status": "1", "message": "done", "invoiceId": 7})).unwrap();
    assert!(ok.succeeded());
    assert_eq!(ok.message(), Some("done"));
    assert_eq!(ok.extra.get("invoiceId"), Some(&json!(7)));

    let refused: StatusResponse =
        serde_json::from_value(json!({"status": 0, "message": "no such invoice"})).unwrap();
    assert!(!refused.succeeded());
    assert_eq!(report(&refused), "failed: no such invoice");

    // No status at all is not a success.
    let silent: StatusResponse = serde_json::from_value(json!({})).unwrap();
    assert_eq!((silent.status(), silent.succeeded()), (None, false));
}

#[test]
fn outcome_covers_responses_with_more_fields() {
    let created: PrebookCreateResponse = serde_json::from_value(json!({
        "status": "1",
        "message": "Prebook created",
        "prebookId": 85063,
        "prebookNumber": "010225",
    }))
    .unwrap();
    assert_eq!(report(&created), "ok: Prebook created");
}

#[test]
fn status_only_methods_keep_their_own_response_tables() {
    // The Rust type is shared; each method's metadata still describes its own response.
    let entry = registry::find("invoice.void").unwrap();
    let names: Vec<&str> = entry.meta.response.fields.iter().map(|f| f.name).collect();
    assert_eq!(names, ["status", "message"]);
    assert!(matches!(
        entry.meta.response.fields[1].ty,
        FieldType::String { max_len: Some(500) }
    ));
    let decoded =
        registry::decode_response("invoice.void", &json!({"status": "1", "message": "ok"}))
            .unwrap();
    assert_eq!(decoded, json!({"status": 1, "message": "ok"}));
}

#[test]
fn assumed_facts_are_in_the_metadata() {
    let facts = |name: &str| registry::find(name).unwrap().meta.assumed;
    assert_eq!(
        facts("inventory.delete"),
        [MethodFact::Verb, MethodFact::Tokens]
    );
    assert_eq!(
        facts("web-order-item.delete"),
        [
            MethodFact::Verb,
            MethodFact::Token,
            MethodFact::Headers,
            MethodFact::Tokens
        ]
    );
    assert!(facts("prebook.create").is_empty());
    // Every method without a page admits that its verb and token kinds are guesses.
    for entry in registry::methods() {
        if entry.meta.doc_status == DocStatus::Missing {
            let assumed = entry.meta.assumed;
            assert!(
                assumed.contains(&MethodFact::Verb) && assumed.contains(&MethodFact::Tokens),
                "{} assumes only {assumed:?}",
                entry.meta.name
            );
        }
    }
    assert_eq!(MethodFact::Tokens.as_str(), "tokens");
}
