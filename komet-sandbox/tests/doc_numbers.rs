//! Document numbers and comma-separated lists keep their text from validation to the wire.
//!
//! For every request field of a text type (`InvoiceNumber`, `AwbNumber`, ...) or a
//! comma-separated list, in every method, a zero-padded, prefixed or dashed value passes
//! validation and comes out of the typed request with exactly the same text; a typed call then
//! reaches the sandbox with those values.

use chrono::{NaiveDate, Utc};
use komet_api::meta::{FieldType, ObjectMeta};
use komet_api::prebooks::PrebookDetailsListRequest;
use komet_api::registry;
use komet_api::{CustomerPoNumber, TokenKind, ValidationContext};
use komet_sandbox::Sandbox;
use komet_sandbox::shape::example_request;
use serde_json::{Value, json};

/// The value to send for a field of type `ty`, and the JSON the typed request must write for
/// it; `None` for types this test is not about.
fn tricky(ty: &FieldType) -> Option<(Value, Value)> {
    match ty {
        FieldType::Text { max_len, .. } => {
            // The longest of the real shapes that fits, cut from the left so zeros stay.
            let text = ["234-2367-0983", "P053455", "003429", "0983"]
                .into_iter()
                .find(|t| max_len.is_none_or(|n| t.len() <= n as usize))?;
            Some((json!(text), json!(text)))
        }
        FieldType::Csv { item, .. } => match item {
            FieldType::Integer { .. } => Some((json!("428545, 428544"), json!("428545,428544"))),
            _ => Some((json!("P081001, 081002"), json!("P081001,081002"))),
        },
        _ => None,
    }
}

/// Every path (`invoices[0].invoiceNumber`) to a text or list field under `meta`, as JSON
/// pointers into an example request that has one element in each array.
fn targets(meta: &ObjectMeta, pointer: &str, out: &mut Vec<(String, &'static FieldType)>) {
    for field in meta.fields {
        let here = format!("{pointer}/{}", field.name);
        match &field.ty {
            FieldType::Object(inner) => targets(inner, &here, out),
            FieldType::Array(inner) => targets(inner, &format!("{here}/0"), out),
            ty if tricky(ty).is_some() => out.push((here, &field.ty)),
            _ => {}
        }
    }
}

fn context(kind: TokenKind) -> ValidationContext {
    ValidationContext {
        token_kind: Some(kind),
        multi_location: false,
        transactional_access: true,
        settings: vec![
            "allow_changing_cost",
            "allow_changing_sales_price",
            "prebook_status",
        ],
    }
}

#[test]
fn every_document_number_and_list_field_keeps_its_text_through_the_typed_request() {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut checked = 0;
    let mut failures = Vec::new();
    for entry in registry::methods() {
        let meta = entry.meta;
        let ctx = context(meta.tokens[0]);
        let example = example_request(meta, &ctx, today);
        let mut fields = Vec::new();
        targets(meta.request, "", &mut fields);
        for (pointer, ty) in fields {
            let mut request = example.clone();
            // Fields the example leaves out (other options, restricted ones) are not sent.
            let Some(slot) = request.pointer_mut(&pointer) else {
                continue;
            };
            let (sent, expected) = tricky(ty).unwrap();
            *slot = sent.clone();
            checked += 1;
            if let Err(e) = registry::validate_request(meta.name, &request, &ctx) {
                failures.push(format!("{} {pointer}: {sent} refused: {e}", meta.name));
                continue;
            }
            match (entry.decode_request)(&request) {
                Ok(typed) if typed.pointer(&pointer) == Some(&expected) => {}
                Ok(typed) => failures.push(format!(
                    "{} {pointer}: {sent} was written as {:?}",
                    meta.name,
                    typed.pointer(&pointer)
                )),
                Err(e) => failures.push(format!("{} {pointer}: {e}", meta.name)),
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // 47 request fields are document numbers or lists, 44 of them in the examples (the
    // others are second options of exclusive groups); far fewer means the walk broke.
    assert!(checked >= 40, "only {checked} fields checked");
}

#[test]
fn a_zero_padded_number_in_a_number_field_is_refused_not_changed() {
    let ctx = context(TokenKind::Company);
    // An integer list item with a leading zero would be sent without it.
    let request = json!({"prebookId": 1, "inventoryIds": "428545, 0428544"});
    let error = registry::validate_request("prebook.vendor.availability.item.add", &request, &ctx)
        .unwrap_err()
        .to_string();
    assert!(error.contains("inventoryIds[1]"), "{error}");
    // A blank item is refused too, rather than skipped.
    let request = json!({"prebookId": 1, "inventoryIds": "428545,,428544"});
    let error = registry::validate_request("prebook.vendor.availability.item.add", &request, &ctx)
        .unwrap_err()
        .to_string();
    assert!(error.contains("inventoryIds[1]"), "{error}");
}

#[tokio::test]
async fn a_free_text_customer_po_reaches_the_sandbox_and_filters_prebooks() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    let today = Utc::now().date_naive();
    // Refused as an integer:20 before: a customer's PO reference is free text.
    let mut request = PrebookDetailsListRequest::default();
    request.date = Some(today);
    request.customer_po_number = Some(CustomerPoNumber::new("PO-007781"));
    let listed = client.prebook_details_list(&request).await.unwrap();
    assert_eq!(listed.status, Some(true));
}
