//! The drift loop end to end: the sandbox answers with fields and values the spec does not
//! describe, the client records them, `cargo xtask drift`'s library turns the JSON-lines
//! report into spec edits, and a copy of the spec with those edits generates a client whose
//! response type holds the new fields, typed.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use komet_api::drift::{DriftKind, DriftOptions, DriftReport};
use komet_api::{Error, TokenKind};
use komet_codegen::ir::{DocStatus, Ty};
use komet_drift::suggest::{render, suggest, Suggestion};
use komet_sandbox::Sandbox;
use serde_json::json;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Runs the three calls against a sandbox with extras and returns the written report.
async fn recorded_report() -> Vec<u8> {
    let sandbox = Sandbox::builder()
        .response_extras(
            "invoice.list",
            json!({
                "pageCount": 1,
                "invoices": [{
                    "invoiceId": 123456,
                    "invoiceNumber": "003429",
                    "total": 12.5,
                    "shipDate": "2025-01-31",
                    "lines": [{"boxes": 3, "product": "Rose Freedom 50cm"}]
                }]
            }),
        )
        // Into every existing customer row: one field the spec lacks, two values it forbids
        // that lenient decoding accepts.
        .response_extras(
            "customer.list",
            json!({"customers": {"loyaltyTier": "GOLD", "code": "CODE-LONGER-THAN-TEN", "id": "77"}}),
        )
        .response_extras("carrier.list", json!({"status": 2}))
        .start()
        .await
        .expect("sandbox starts");
    let options = DriftOptions::new().keep_examples("customer.list", "customers[].loyaltyTier");
    let client = sandbox
        .client(TokenKind::Company)
        .record_drift(options)
        .build()
        .unwrap();
    let day = NaiveDate::from_ymd_opt(2025, 1, 31).unwrap();
    client
        .invoice_list(
            &komet_api::invoices::InvoiceListRequest::builder()
                .order_date_from(day)
                .order_date_to(day)
                .build(),
        )
        .await
        .expect("invoice.list answers");
    let customers = client
        .customer_list(&komet_api::customers::CustomerListRequest::default())
        .await
        .expect("customer.list answers, the extras decoded leniently");
    assert!(customers.customers.is_some_and(|c| !c.is_empty()));
    let unknown_status = client
        .carrier_list(&komet_api::carriers::CarrierListRequest::default())
        .await;
    assert!(
        matches!(unknown_status, Err(Error::Decode { .. })),
        "{unknown_status:?}"
    );

    let report = client.take_drift_report();
    assert!(client.drift_report().methods.is_empty(), "taken");
    let mut lines = Vec::new();
    report.write_jsonl(&mut lines).unwrap();
    lines
}

fn suggestion_for<'s>(suggestions: &'s [Suggestion], method: &str) -> &'s Suggestion {
    suggestions
        .iter()
        .find(|s| s.method == method)
        .unwrap_or_else(|| panic!("no suggestion for {method}: {suggestions:#?}"))
}

/// The spec files with `yaml` pasted under `response:` of `method` in `file`, written to a
/// fresh folder.
fn spec_copy_with(file: &str, method: &str, yaml: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("komet-drift-loop-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for entry in std::fs::read_dir(root().join("spec")).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
        }
    }
    let target = dir.join(file);
    let text = std::fs::read_to_string(&target).unwrap();
    let start = text
        .find(&format!("  - name: {method}\n"))
        .expect("method in file");
    let response = start
        + text[start..]
            .find("    response:\n")
            .expect("a response list")
        + "    response:\n".len();
    let pasted: String = yaml.lines().map(|line| format!("      {line}\n")).collect();
    let edited = format!("{}{pasted}{}", &text[..response], &text[response..]);
    std::fs::write(&target, edited).unwrap();
    dir
}

/// The fields of struct `name` in `code`, as (Rust name, type) text.
fn struct_fields(code: &str, name: &str) -> Vec<(String, String)> {
    let file = syn::parse_file(code).expect("generated code parses");
    let item = file
        .items
        .iter()
        .find_map(|item| match item {
            syn::Item::Struct(s) if s.ident == name => Some(s),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no struct {name}"));
    item.fields
        .iter()
        .map(|f| {
            let ty = &f.ty;
            (
                f.ident.as_ref().unwrap().to_string(),
                quote_type(ty).replace(' ', ""),
            )
        })
        .collect()
}

fn quote_type(ty: &syn::Type) -> String {
    use quote::ToTokens;
    ty.to_token_stream().to_string()
}

#[tokio::test]
async fn drift_loop_sandbox_to_report_to_spec_to_typed_client() {
    let lines = recorded_report().await;
    let text = String::from_utf8(lines.clone()).unwrap();
    assert!(
        !text.contains("Rose Freedom") && !text.contains("003429"),
        "values stay out: {text}"
    );
    assert!(
        text.contains("GOLD"),
        "the opted-in example is kept: {text}"
    );

    // What `cargo xtask drift FILE` does with the file.
    let report = DriftReport::from_jsonl(&lines[..]).unwrap();
    let customers = &report.methods["customer.list"];
    assert!(customers
        .entry("customers[].code", DriftKind::TooLong)
        .is_some());
    let id = customers
        .entry("customers[].id", DriftKind::UnexpectedType)
        .expect("the id that came as text");
    // The expected type reads as the spec writes it, id type included.
    assert_eq!(id.expected.as_deref(), Some("id:CustomerId:20"));
    assert!(report
        .entry("carrier.list", "status", DriftKind::UnknownStatus)
        .is_some());
    let suggestions = suggest(&report);
    let printed = render(&suggestions);

    let invoices = suggestion_for(&suggestions, "invoice.list");
    for expected in [
        "- { name: pageCount, type: \"flag\", docs: observed }",
        "- name: invoices\n  type: array\n  docs: observed\n  fields:",
        "    - { name: invoiceId, type: \"integer:10\", docs: observed }",
        "    - { name: invoiceNumber, type: \"string:10\", docs: observed }",
        "    - { name: total, type: \"decimal:10,1\", docs: observed }",
        "    - { name: shipDate, type: \"date\", docs: observed }",
        "    - name: lines\n      type: array",
        "        - { name: boxes, type: \"integer:10\", docs: observed }",
        "        - { name: product, type: \"string:20\", docs: observed }",
    ] {
        assert!(
            invoices.response_fields.contains(expected),
            "{expected}\nin\n{printed}"
        );
    }
    let customer = suggestion_for(&suggestions, "customer.list");
    assert!(
        customer.nested["customers[]"].contains("name: loyaltyTier"),
        "{printed}"
    );
    assert!(
        customer
            .notes
            .iter()
            .any(|n| n.starts_with("customers[].code:") && n.contains("string:10")),
        "{printed}"
    );
    assert!(printed.contains("carrier.list"), "{printed}");

    // Pasted into a copy of the spec, the fields become typed members of the answer.
    let dir = spec_copy_with("invoices.yaml", "invoice.list", &invoices.response_fields);
    let files = komet_codegen::generate_dir(&dir);
    let _ = std::fs::remove_dir_all(&dir);
    let files = files.unwrap_or_else(|errors| panic!("the edited spec is valid: {errors:#?}"));
    let code = &files
        .iter()
        .find(|f| f.name == "invoices.rs")
        .unwrap()
        .contents;
    let response = struct_fields(code, "InvoiceListResponse");
    let ty = |fields: &[(String, String)], name: &str| {
        fields
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, t)| t.clone())
            .unwrap_or_else(|| panic!("no field {name} in {fields:?}"))
    };
    assert_eq!(
        ty(&response, "invoices"),
        "Option<Vec<InvoiceListResponseInvoice>>"
    );
    assert_eq!(ty(&response, "page_count"), "Option<bool>");
    let row = struct_fields(code, "InvoiceListResponseInvoice");
    assert_eq!(ty(&row, "invoice_id"), "Option<i64>");
    assert_eq!(ty(&row, "invoice_number"), "Option<String>");
    assert_eq!(ty(&row, "total"), "Option<rust_decimal::Decimal>");
    assert_eq!(ty(&row, "ship_date"), "Option<chrono::NaiveDate>");
    assert!(code.contains("Observed in real responses; not on Komet's page."));
}

#[tokio::test]
async fn without_record_drift_nothing_is_recorded() {
    let sandbox = Sandbox::builder()
        .response_extras("carrier.list", json!({"surprise": 1}))
        .start()
        .await
        .unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    client
        .carrier_list(&komet_api::carriers::CarrierListRequest::default())
        .await
        .unwrap();
    assert_eq!(client.drift_report(), DriftReport::default());
}

/// Methods with an incomplete page and an answer of at most `status` and `message`, for which
/// no documented method returns the same data with rows.
const NO_SIBLING_WITH_ROWS: &[&str] = &[
    "credit.details.list",
    "inventory.delete",
    "payment.method.list",
    "pick.ticket.scanning.status.list",
    "pickticket.details.list",
    "web-order-item.delete",
];

#[test]
fn every_undocumented_answer_names_where_its_rows_are() {
    let api = komet_codegen::check_dir(&root().join("spec")).expect("spec is valid");
    for method in api.methods() {
        let rows = method.response.fields.iter().any(|f| {
            matches!(
                f.ty,
                Ty::Array(_) | Ty::Map(_) | Ty::Object(_) | Ty::List(_)
            )
        });
        assert!(
            !(rows && method.rows_from.is_some()),
            "{} lists rows itself",
            method.name
        );
        // Undocumented: an incomplete page and an answer of at most `status` and `message`.
        let undocumented = method.doc_status != DocStatus::Complete
            && method
                .response
                .fields
                .iter()
                .all(|f| f.wire == "status" || f.wire == "message");
        if !undocumented {
            continue;
        }
        match (&method.rows_from, NO_SIBLING_WITH_ROWS.contains(&method.name.as_str())) {
            (Some(_), false) | (None, true) => {}
            (Some(r), true) => panic!("{} names {} but is listed as having none", method.name, r.name),
            (None, false) => panic!(
                "{}: its answer lists no rows; name the documented method that has them under docs.rows_from, or add it to NO_SIBLING_WITH_ROWS",
                method.name
            ),
        }
    }
    let code = std::fs::read_to_string(root().join("komet-api/src/generated/invoices.rs")).unwrap();
    assert!(code.contains(
        "/// - Komet's page documents no rows in this answer; `invoice.accounting.details.list` (`Client::invoice_accounting_details_list`) returns this data with documented rows."
    ));
}

#[tokio::test]
async fn calls_by_name_are_recorded_too() {
    let sandbox = Sandbox::builder()
        .response_extras("carrier.list", json!({"surprise": "x"}))
        .start()
        .await
        .unwrap();
    let client = sandbox
        .client(TokenKind::Company)
        .record_drift(DriftOptions::new())
        .build()
        .unwrap();
    let method = komet_api::registry::find("carrier.list").unwrap().meta;
    let answer = client.call_value(method, json!({})).await.unwrap();
    assert_eq!(answer["surprise"], "x");
    let report = client.drift_report();
    let entry = report
        .entry("carrier.list", "surprise", DriftKind::UnknownField)
        .expect("recorded");
    assert_eq!((entry.count, entry.max_len), (1, Some(1)));
}

#[tokio::test]
async fn extras_that_are_not_an_object_stop_the_sandbox_from_starting() {
    let error = Sandbox::builder()
        .response_extras("carrier.list", json!([1]))
        .start()
        .await
        .unwrap_err();
    assert!(error.to_string().contains("carrier.list"), "{error}");
}
