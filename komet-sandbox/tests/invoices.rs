//! Invoices through the typed komet-api client: created, given lines, voided (once),
//! checked out and confirmed, and locked by sync marks. invoice.create and invoice.list
//! document no response fields, so invoices are seen through
//! invoice.accounting.details.list, whose fields are documented.

use chrono::NaiveDate;
use komet_api::common::{
    CarrierRef, CustomerRef, InvoiceApprovalStatus, InvoiceLineSource, InvoiceListStatus, UnitType,
};
use komet_api::invoices::{
    InvoiceAccountingDetailsListRequest, InvoiceAccountingDetailsListResponseInvoice,
    InvoiceCheckoutRequest, InvoiceConfirmRequest, InvoiceCreateRequest, InvoiceItemAddRequest,
    InvoiceItemDeleteRequest, InvoiceItemUpdateRequest, InvoiceListRequest,
    InvoiceMarkSyncStatusErrorRequest, InvoiceMarkSyncStatusOkRequest, InvoiceUpdateRequest,
    InvoiceVoidRequest,
};
use komet_api::{Client, Error, TokenKind};
use komet_sandbox::Sandbox;
use rust_decimal::Decimal;
use serde_json::{Value, json};

fn ship_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn for_bloom(draft: bool) -> InvoiceCreateRequest {
    let mut request = InvoiceCreateRequest::builder()
        .customer(CustomerRef::Id {
            customer_id: 2001.into(),
        })
        .carrier(CarrierRef::Id {
            carrier_id: 1801.into(),
        })
        .ship_date(ship_date())
        .build();
    request.po_number = Some("PO-1".into());
    request.status_draft = Some(draft);
    request
}

/// Invoices shipping on `ship_date()`, as the accounting list shows them.
async fn accounting(
    client: &Client,
    tune: impl FnOnce(&mut InvoiceAccountingDetailsListRequest),
) -> Vec<InvoiceAccountingDetailsListResponseInvoice> {
    let mut request = InvoiceAccountingDetailsListRequest::builder()
        .order_date_from(ship_date())
        .order_date_to(ship_date())
        .build();
    tune(&mut request);
    client
        .invoice_accounting_details_list(&request)
        .await
        .unwrap()
        .invoices
        .unwrap_or_default()
}

fn refusal<T: std::fmt::Debug>(outcome: Result<T, Error>) -> String {
    match outcome {
        Err(Error::Api { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// 2 boxes of 250 stems of Rose Freedom 40cm at `price` a stem.
fn rose_line(invoice_id: i64, price: &str) -> InvoiceItemAddRequest {
    InvoiceItemAddRequest::builder()
        .invoice_id(invoice_id)
        .item(InvoiceLineSource::Product {
            product_code: "R5001".into(),
            box_type_code: "HB".into(),
            units_per_box: 250,
            unit_type: UnitType::Stem,
        })
        .boxes(2)
        .price(price.parse::<rust_decimal::Decimal>().unwrap())
        .build()
}

#[tokio::test]
async fn an_invoice_is_created_priced_voided_once_and_listed() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let created = client.invoice_create(&for_bloom(false)).await.unwrap();
    assert_eq!(
        created.message.as_deref(),
        Some("Invoice 040001 was successfully created")
    );
    let listed = accounting(&client, |_| {}).await;
    assert_eq!(listed.len(), 1);
    let invoice = &listed[0];
    let (id, number) = (invoice.id.unwrap(), invoice.number.clone().unwrap());
    assert_eq!(number, "040001");
    assert_eq!(invoice.customer_code.as_deref(), Some("BLOOM"));
    assert_eq!(invoice.subtotal, Some(Decimal::ZERO));

    // Two lines at 0.31 and 0.29 a stem: 500 stems each.
    client
        .invoice_item_add(&rose_line(id.get(), "0.31"))
        .await
        .unwrap();
    client
        .invoice_item_add(&rose_line(id.get(), "0.29"))
        .await
        .unwrap();
    let subtotal = accounting(&client, |_| {}).await[0].subtotal;
    assert_eq!(subtotal, Some(Decimal::new(30000, 2)));

    // A 10% discount on the first line: 155.00 - 15.50 + 145.00.
    let first_line = sandbox.with_store(|store| {
        store
            .table("invoiceItems")
            .find("invoiceId", &Value::from(id.get()))
            .unwrap()["id"]
            .as_i64()
            .unwrap()
    });
    let mut discounted = InvoiceItemUpdateRequest::builder()
        .invoice_id(id)
        .invoice_item_id(first_line)
        .price("0.31".parse::<rust_decimal::Decimal>().unwrap())
        .build();
    discounted.discount = Some(Decimal::TEN);
    let updated = client.invoice_item_update(&discounted).await.unwrap();
    assert_eq!(
        (updated.invoice_number, updated.invoice_item_id),
        (Some("040001".into()), Some(first_line.into()))
    );
    let subtotal = accounting(&client, |_| {}).await[0].subtotal;
    assert_eq!(subtotal, Some(Decimal::new(28450, 2)));

    // invoice.list has no documented rows; its message counts what matched.
    let mut by_customer = InvoiceListRequest::builder()
        .order_date_from(ship_date())
        .order_date_to(ship_date())
        .build();
    by_customer.customer = Some("bloom".into());
    let found = client.invoice_list(&by_customer).await.unwrap();
    assert_eq!(found.message.as_deref(), Some("1 invoice found"));

    client
        .invoice_void(
            &InvoiceVoidRequest::builder()
                .invoice_number(number.clone())
                .reason("customer cancelled")
                .build(),
        )
        .await
        .unwrap();
    let again = refusal(
        client
            .invoice_void(
                &InvoiceVoidRequest::builder()
                    .invoice_number(number)
                    .reason("twice")
                    .build(),
            )
            .await,
    );
    assert_eq!(again, "invoice 040001 is void");
    // Void invoices owe nothing: the accounting list leaves them out; invoice.list's
    // status filter still finds them.
    assert!(accounting(&client, |_| {}).await.is_empty());
    by_customer.status = Some(InvoiceListStatus::Voided);
    let found = client.invoice_list(&by_customer).await.unwrap();
    assert_eq!(found.message.as_deref(), Some("1 invoice found"));
    let reason = sandbox
        .with_store(|store| store.table("invoices").get(id.get()).unwrap()["voidReason"].clone());
    assert_eq!(reason, "customer cancelled");

    // A void invoice takes no more lines, and unknown invoices are named.
    let late = refusal(client.invoice_item_add(&rose_line(id.get(), "0.30")).await);
    assert_eq!(late, "invoice 040001 is void");
    let missing = refusal(
        client
            .invoice_void(
                &InvoiceVoidRequest::builder()
                    .invoice_number("999")
                    .reason("x")
                    .build(),
            )
            .await,
    );
    assert_eq!(missing, "invoiceNumber 999 was not found");
}

#[tokio::test]
async fn drafts_are_checked_out_then_confirmed() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    client.invoice_create(&for_bloom(true)).await.unwrap();
    let pending = |r: &mut InvoiceAccountingDetailsListRequest| {
        r.status = Some(InvoiceApprovalStatus::PendingApproval)
    };
    let confirmed = |r: &mut InvoiceAccountingDetailsListRequest| {
        r.status = Some(InvoiceApprovalStatus::Confirmed)
    };
    // A draft is neither pending approval nor confirmed.
    assert!(accounting(&client, pending).await.is_empty());
    assert_eq!(accounting(&client, |_| {}).await.len(), 1);

    client
        .invoice_checkout(
            &InvoiceCheckoutRequest::builder()
                .invoice_number("040001")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(accounting(&client, pending).await.len(), 1);
    let twice = refusal(
        client
            .invoice_checkout(
                &InvoiceCheckoutRequest::builder()
                    .invoice_number("040001")
                    .build(),
            )
            .await,
    );
    assert_eq!(twice, "invoice 040001 is Pending Approval, not Draft");

    client
        .invoice_confirm(
            &InvoiceConfirmRequest::builder()
                .invoice_number("040001")
                .build(),
        )
        .await
        .unwrap();
    assert!(accounting(&client, pending).await.is_empty());
    assert_eq!(accounting(&client, confirmed).await.len(), 1);
    let again = refusal(
        client
            .invoice_confirm(
                &InvoiceConfirmRequest::builder()
                    .invoice_number("040001")
                    .build(),
            )
            .await,
    );
    assert_eq!(
        again,
        "invoice 040001 is Confirmed, not Draft or Pending Approval"
    );
}

#[tokio::test]
async fn sync_marks_lock_and_unlock_an_invoice() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    client.invoice_create(&for_bloom(false)).await.unwrap();
    client
        .invoice_confirm(
            &InvoiceConfirmRequest::builder()
                .invoice_number("040001")
                .build(),
        )
        .await
        .unwrap();
    let synced = |flag: bool| {
        move |r: &mut InvoiceAccountingDetailsListRequest| r.external_system_synced = Some(flag)
    };
    assert_eq!(accounting(&client, synced(false)).await.len(), 1);
    assert!(accounting(&client, synced(true)).await.is_empty());

    let mut ok = InvoiceMarkSyncStatusOkRequest::builder()
        .invoice_id(40001)
        .build();
    ok.invoice_number = Some("040002".into());
    let wrong_number = refusal(client.invoice_mark_sync_status_ok(&ok).await);
    assert_eq!(wrong_number, "invoice 40001 does not have number 40002");
    ok.invoice_number = Some("040001".into());
    client.invoice_mark_sync_status_ok(&ok).await.unwrap();
    assert_eq!(accounting(&client, synced(true)).await.len(), 1);

    // A synchronized invoice takes no changes.
    let mut update = InvoiceUpdateRequest::builder().invoice_id(40001).build();
    update.reference = Some("AWB-9".into());
    let locked = refusal(client.invoice_update(&update).await);
    assert!(locked.contains("synchronized"), "{locked}");
    let locked = refusal(
        client
            .invoice_void(
                &InvoiceVoidRequest::builder()
                    .invoice_number("040001")
                    .reason("x")
                    .build(),
            )
            .await,
    );
    assert!(locked.contains("synchronized"), "{locked}");

    // The error mark unlocks it and, by default, sends it back to Pending Approval.
    client
        .invoice_mark_sync_status_error(
            &InvoiceMarkSyncStatusErrorRequest::builder()
                .invoice_id(40001)
                .message("GL account missing")
                .build(),
        )
        .await
        .unwrap();
    assert!(accounting(&client, synced(true)).await.is_empty());
    let pending = accounting(&client, |r| {
        r.status = Some(InvoiceApprovalStatus::PendingApproval)
    })
    .await;
    assert_eq!(pending.len(), 1);
    let updated = client.invoice_update(&update).await.unwrap();
    assert_eq!(
        (updated.invoice_id, updated.invoice_number),
        (Some(40001.into()), Some("040001".into()))
    );
    let stored = sandbox.with_store(|store| store.table("invoices").get(40001).unwrap().clone());
    assert_eq!(
        (
            &stored["reference"],
            &stored["syncStatus"],
            &stored["syncMessage"]
        ),
        (
            &json!("AWB-9"),
            &json!("error"),
            &json!("GL account missing")
        )
    );
}

#[tokio::test]
async fn inventory_lines_take_boxes_and_give_them_back() {
    let stock = json!({"inventory": [{"id": 70001, "productId": 5002, "productDescription":
        "Rose Freedom 50cm", "boxTypeId": 901, "boxTypeCode": "HB", "unitType": "Stem",
        "unitsPerBox": 250, "quantity": 10}]});
    let sandbox = Sandbox::builder().fixture(stock).start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    client.invoice_create(&for_bloom(false)).await.unwrap();
    let held = || {
        sandbox.with_store(|store| store.table("inventory").get(70001).unwrap()["quantity"].clone())
    };
    let from_stock = |boxes| {
        InvoiceItemAddRequest::builder()
            .invoice_id(40001)
            .item(InvoiceLineSource::InventoryItem {
                order_item_id: 70001.into(),
            })
            .boxes(boxes)
            .price("0.40".parse::<rust_decimal::Decimal>().unwrap())
            .build()
    };

    let too_many = refusal(client.invoice_item_add(&from_stock(11)).await);
    assert_eq!(too_many, "inventory item 70001 holds only 10 boxes");
    client.invoice_item_add(&from_stock(4)).await.unwrap();
    assert_eq!(held(), 6);
    // 4 boxes x 250 stems x 0.40.
    assert_eq!(
        accounting(&client, |_| {}).await[0].subtotal,
        Some(Decimal::from(400))
    );

    let mut more = InvoiceItemUpdateRequest::builder()
        .invoice_id(40001)
        .invoice_item_id(45001)
        .price("0.40".parse::<rust_decimal::Decimal>().unwrap())
        .build();
    more.boxes = Some(11);
    let refused = refusal(client.invoice_item_update(&more).await);
    assert_eq!(refused, "inventory item 70001 holds only 6 more boxes");
    more.boxes = Some(7);
    more.return_available_boxes = Some(true);
    let updated = client.invoice_item_update(&more).await.unwrap();
    assert_eq!(updated.available_boxes, Some(3));

    let mut delete = InvoiceItemDeleteRequest::builder()
        .invoice_id(40001)
        .invoice_item_id(45001)
        .build();
    delete.return_available_boxes = Some(true);
    let deleted = client.invoice_item_delete(&delete).await.unwrap();
    assert_eq!(deleted.available_boxes, Some(10));
    let twice = refusal(client.invoice_item_delete(&delete).await);
    assert_eq!(twice, "invoiceItemId 45001 was not found");

    // Voiding gives back the boxes of the lines still on the invoice.
    client.invoice_item_add(&from_stock(5)).await.unwrap();
    assert_eq!(held(), 5);
    client
        .invoice_void(
            &InvoiceVoidRequest::builder()
                .invoice_number("040001")
                .reason("no truck")
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(held(), 10);
}

#[tokio::test]
async fn unknown_customers_carriers_and_ship_tos_are_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut request = for_bloom(false);
    request.customer = CustomerRef::Code {
        customer_code: "NOBODY".into(),
        customer_description: "Nobody".into(),
    };
    assert_eq!(
        refusal(client.invoice_create(&request).await),
        "customer \"NOBODY\" was not found"
    );
    let mut request = for_bloom(false);
    request.carrier = CarrierRef::Id {
        carrier_id: 1.into(),
    };
    assert_eq!(
        refusal(client.invoice_create(&request).await),
        "carrierId 1 was not found"
    );
    // Ship-to 2502 belongs to Garden Route, not Bloom & Petal.
    let mut request = for_bloom(false);
    request.ship_to_id = Some(2502.into());
    assert_eq!(
        refusal(client.invoice_create(&request).await),
        "ship-to 2502 is not an address of customer 2001"
    );
    assert!(sandbox.with_store(|store| store.table("invoices").is_empty()));
}
