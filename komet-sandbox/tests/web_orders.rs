//! Web orders: selling inventory through web-order-item.add, consolidation into one pending web
//! order, overselling, checkout and cancellation, and the storefront's inventory methods,
//! through the typed komet-api client.

use chrono::{NaiveDate, Utc};
use komet_api::inventory::{InventoryAddRequest, InventoryListRequest};
use komet_api::invoices::InvoiceVoidRequest;
use komet_api::web_orders::{
    EcommerceCustomerCarriersListRequest, EcommerceInventoryAvailableDatesListRequest,
    EcommerceInventoryGetRequest, EcommerceInventoryListRequest, EcommerceLiteSettingsRequest,
    WebOrderCheckoutRequest, WebOrderCreateRequest, WebOrderDeleteRequest,
    WebOrderDetailsListRequest, WebOrderItemAddRequest, WebOrderItemDeleteRequest,
};
use komet_api::{
    Client, Error, InventoryBoxTypeRef, InventoryGrowerRef, InventoryOrigin, InventoryProductRef,
    TokenKind, UnitType, WebOrderBoxTypeRef, WebOrderProductRef, WebOrderStatus,
};
use komet_sandbox::{DEMO_COMPANY_ID, Sandbox};
use rust_decimal::Decimal;
use serde_json::{Value, json};

const CUSTOMER: i64 = 2001;
const FEDEX: i64 = 1801;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Adds `boxes` half boxes of Rose Freedom 40cm (ten bunches each); returns the line's id.
async fn stock(company: &Client, boxes: i64) -> i64 {
    let request = InventoryAddRequest::builder()
        .grower(InventoryGrowerRef::Id {
            grower_id: 3001.into(),
        })
        .awb("729-1234 5678")
        .ship_date(day("2026-11-20"))
        .product(InventoryProductRef::Id {
            product_id: 5001.into(),
        })
        .quantity(boxes)
        .box_type(InventoryBoxTypeRef::Id {
            box_type_id: 901.into(),
        })
        .unit_type("Bunch")
        .stems_bunch(25)
        .bunches(10)
        .unit_cost(Decimal::new(35, 2))
        .build();
    company.inventory_add(&request).await.unwrap();
    on_hand(company)
        .await
        .iter()
        .filter_map(|(id, _)| *id)
        .max()
        .expect("the new line is listed")
}

/// (line id, boxes) of every listed inventory line.
async fn on_hand(company: &Client) -> Vec<(Option<i64>, Option<i64>)> {
    company
        .inventory_list(&InventoryListRequest::default())
        .await
        .unwrap()
        .inventory_items
        .unwrap_or_default()
        .into_iter()
        .map(|line| (line.order_item_id.map(|id| id.get()), line.quantity))
        .collect()
}

/// `boxes` boxes of inventory line `line` at 0.80 a bunch, shipping by FedEx on 2026-12-01.
fn sell(line: i64, boxes: i64) -> WebOrderItemAddRequest {
    let mut request = WebOrderItemAddRequest::builder()
        .customer_id(CUSTOMER)
        .price(Decimal::new(80, 2))
        .quantity(boxes)
        .carrier_id(FEDEX)
        .date(day("2026-12-01"))
        .build();
    request.inventory_ids = Some(vec![line.into()]);
    request.inventory_origin = Some(InventoryOrigin::OnHand);
    request
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Api { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

/// A stored record, as JSON.
fn stored(sandbox: &Sandbox, table: &str, id: i64) -> Value {
    sandbox.with_store(|store| {
        store
            .table(table)
            .get(id)
            .map_or(Value::Null, |row| Value::Object(row.clone()))
    })
}

#[tokio::test]
async fn selling_on_hand_inventory_makes_an_invoice() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 10).await;

    let added = user.web_order_item_add(&sell(line, 4)).await.unwrap();
    let invoice = added.order_id.expect("an order for on-hand boxes");
    let invoice_line = added.order_item_id.expect("an order line");
    assert!(added.web_order_id.is_some());
    assert_eq!(added.quantity_added, Some(4));
    assert_eq!(added.prebook_id, None);
    assert_eq!(on_hand(&company).await, [(Some(line), Some(6))]);

    let row = stored(&sandbox, "invoices", invoice.get());
    assert_eq!(row["customerId"], CUSTOMER);
    assert_eq!(row["carrierId"], FEDEX);
    assert_eq!(row["shipDate"], "2026-12-01");
    assert_eq!(row["status"], "draft", "a draft until checkout");
    assert_eq!(
        row["invoiceNumber"].as_str(),
        added.invoice_number.as_deref()
    );
    let item = stored(&sandbox, "invoiceItems", invoice_line.get());
    assert_eq!(item["invoiceId"], invoice.get());
    assert_eq!(item["orderItemId"], line);
    assert_eq!(item["boxes"], 4);
    assert_eq!(item["productId"], 5001);
}

#[tokio::test]
async fn two_adds_consolidate_into_one_pending_web_order() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let roses = stock(&company, 10).await;
    let more_roses = stock(&company, 5).await;

    let first = user.web_order_item_add(&sell(roses, 2)).await.unwrap();
    let second = user.web_order_item_add(&sell(more_roses, 3)).await.unwrap();
    let order = first.web_order_id.unwrap();
    assert_eq!(second.web_order_id, Some(order));
    assert_eq!(second.order_id, first.order_id, "one invoice per web order");
    assert_ne!(second.order_item_id, first.order_item_id);

    // Another carrier is another web order (and so another invoice).
    let mut by_truck = sell(roses, 1);
    by_truck.carrier_id = 1802.into();
    let third = user.web_order_item_add(&by_truck).await.unwrap();
    assert_ne!(third.web_order_id, Some(order));
    assert_ne!(third.order_id, first.order_id);

    let details = user
        .web_order_details_list(
            &WebOrderDetailsListRequest::builder()
                .customer_id(CUSTOMER)
                .web_order_id(order)
                .build(),
        )
        .await
        .unwrap()
        .web_orders
        .unwrap();
    assert_eq!(details.len(), 1);
    let web_order = &details[0];
    assert_eq!(web_order.id, Some(order));
    assert_eq!(web_order.customer_id, Some(CUSTOMER.into()));
    assert_eq!(web_order.status_id, Some(1));
    assert_eq!(web_order.items.as_ref().map(Vec::len), Some(2));
    // Five boxes of ten bunches at 0.80.
    assert_eq!(web_order.subtotal, Some(Decimal::new(40, 0)));
    assert_eq!(web_order.total, Some(Decimal::new(40, 0)));
}

#[tokio::test]
async fn overselling_is_refused_unless_available_boxes_are_asked_for() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 3).await;

    let message = refusal(user.web_order_item_add(&sell(line, 5)).await);
    assert!(message.contains("only 3 boxes"), "{message}");
    assert_eq!(on_hand(&company).await, [(Some(line), Some(3))]);
    let orders = sandbox.with_store(|store| store.table("webOrders").len());
    assert_eq!(orders, 0, "a refused line leaves no web order behind");

    let mut what_is_left = sell(line, 5);
    what_is_left.add_available_quantity = Some(true);
    let added = user.web_order_item_add(&what_is_left).await.unwrap();
    assert_eq!(added.quantity_added, Some(3));
    assert!(
        on_hand(&company).await.is_empty(),
        "a sold-out line is not listed"
    );

    let message = refusal(user.web_order_item_add(&what_is_left).await);
    assert!(message.contains("no boxes are left"), "{message}");
    let message = refusal(user.web_order_item_add(&sell(987_654, 1)).await);
    assert!(message.contains("inventoryIds 987654"), "{message}");
}

#[tokio::test]
async fn unknown_customers_carriers_and_companies_are_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let customer = sandbox.client(TokenKind::Customer).build().unwrap();
    let line = stock(&company, 3).await;

    let mut stranger = sell(line, 1);
    stranger.customer_id = 2999.into();
    assert!(refusal(user.web_order_item_add(&stranger).await).contains("customerId 2999"));
    let mut no_carrier = sell(line, 1);
    no_carrier.carrier_id = 77.into();
    assert!(refusal(user.web_order_item_add(&no_carrier).await).contains("carrierId 77"));
    let mut foreign_ship_to = sell(line, 1);
    foreign_ship_to.ship_to_id = Some(2502.into());
    assert!(refusal(user.web_order_item_add(&foreign_ship_to).await).contains("ship-to 2502"));

    let wrong_company = WebOrderCreateRequest::builder()
        .customer_id(CUSTOMER)
        .company_id(5)
        .build();
    assert!(refusal(user.web_order_create(&wrong_company).await).contains("company 5"));
    // A customer token orders for its own customer only.
    let someone_else = WebOrderCreateRequest::builder()
        .customer_id(2002)
        .company_id(DEMO_COMPANY_ID)
        .build();
    let message = refusal(customer.web_order_create(&someone_else).await);
    assert!(
        message.contains("not the customer of this token"),
        "{message}"
    );
    let own = WebOrderCreateRequest::builder()
        .customer_id(CUSTOMER)
        .company_id(DEMO_COMPANY_ID)
        .build();
    assert!(
        customer
            .web_order_create(&own)
            .await
            .unwrap()
            .web_order_id
            .is_some()
    );
    assert_eq!(on_hand(&company).await, [(Some(line), Some(3))]);
}

#[tokio::test]
async fn checkout_closes_the_pending_order() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 10).await;

    let created = user
        .web_order_create(
            &WebOrderCreateRequest::builder()
                .customer_id(CUSTOMER)
                .company_id(DEMO_COMPANY_ID)
                .build(),
        )
        .await
        .unwrap();
    let order = created.web_order_id.unwrap();
    let empty = WebOrderCheckoutRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    assert!(refusal(user.web_order_checkout(&empty).await).contains("no items"));

    // The new, empty order takes the first line even without its id.
    let added = user.web_order_item_add(&sell(line, 2)).await.unwrap();
    assert_eq!(added.web_order_id, Some(order));
    let mut checkout = WebOrderCheckoutRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    checkout.customer_po = Some("292644".into());
    let done = user.web_order_checkout(&checkout).await.unwrap();
    assert_eq!(done.web_order_id, Some(order));

    let invoice = stored(&sandbox, "invoices", added.order_id.unwrap().get());
    assert_eq!(invoice["status"], "open");
    assert_eq!(invoice["poNumber"], "292644");
    // Without statusId only pending orders are listed.
    let pending = WebOrderDetailsListRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    let listed = user.web_order_details_list(&pending).await.unwrap();
    assert_eq!(listed.web_orders.map(|o| o.len()), Some(0));
    let mut checked_out = WebOrderDetailsListRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    checked_out.status_id = Some(WebOrderStatus::CheckedOut);
    let listed = user.web_order_details_list(&checked_out).await.unwrap();
    assert_eq!(listed.web_orders.unwrap()[0].status_id, Some(2));

    assert!(refusal(user.web_order_checkout(&checkout).await).contains("already checked out"));
    let mut late = sell(line, 1);
    late.web_order_id = Some(order);
    assert!(refusal(user.web_order_item_add(&late).await).contains("checked out"));
    let next = user.web_order_item_add(&sell(line, 1)).await.unwrap();
    assert_ne!(
        next.web_order_id,
        Some(order),
        "a new pending order is opened"
    );
    assert_eq!(on_hand(&company).await, [(Some(line), Some(7))]);
}

#[tokio::test]
async fn deleting_a_web_order_gives_the_boxes_back() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 10).await;
    let added = user.web_order_item_add(&sell(line, 4)).await.unwrap();
    user.web_order_item_add(&sell(line, 1)).await.unwrap();
    assert_eq!(on_hand(&company).await, [(Some(line), Some(5))]);
    let order = added.web_order_id.unwrap();

    let delete = WebOrderDeleteRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    let deleted = user.web_order_delete(&delete).await.unwrap();
    assert_eq!(deleted.web_order_id, Some(order));
    assert_eq!(on_hand(&company).await, [(Some(line), Some(10))]);
    let invoice = stored(&sandbox, "invoices", added.order_id.unwrap().get());
    assert_eq!(invoice["status"], "void");
    assert_eq!(
        stored(&sandbox, "invoiceItems", added.order_item_id.unwrap().get()),
        Value::Null
    );

    assert!(refusal(user.web_order_delete(&delete).await).contains("was not found"));
    let details = WebOrderDetailsListRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(order)
        .build();
    assert!(refusal(user.web_order_details_list(&details).await).contains("was not found"));
    // Komet documents no field naming the item, so web-order-item.delete removes nothing.
    let message = refusal(
        user.web_order_item_delete(&WebOrderItemDeleteRequest::default())
            .await,
    );
    assert!(message.contains("names no field"), "{message}");
}

#[tokio::test]
async fn a_voided_invoice_gives_its_boxes_back_only_once() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 10).await;
    let added = user.web_order_item_add(&sell(line, 4)).await.unwrap();
    let number = added.invoice_number.unwrap();

    let void = InvoiceVoidRequest::builder()
        .invoice_number(number)
        .reason("customer cancelled")
        .build();
    company.invoice_void(&void).await.unwrap();
    assert_eq!(on_hand(&company).await, [(Some(line), Some(10))]);
    let delete = WebOrderDeleteRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(added.web_order_id.unwrap())
        .build();
    user.web_order_delete(&delete).await.unwrap();
    assert_eq!(on_hand(&company).await, [(Some(line), Some(10))]);

    // The next line of the customer gets a new invoice, not the void one.
    let next = user.web_order_item_add(&sell(line, 1)).await.unwrap();
    assert_ne!(next.order_id, added.order_id);
}

/// A sandbox with an open market purchase order shipping on `ships`: 6 full boxes of
/// Carnation Don Pedro Fancy (line 91500).
async fn with_future_stock(ships: NaiveDate) -> Sandbox {
    Sandbox::builder()
        .fixture(json!({
            "purchaseOrders": [{"id": 81500, "number": "P081500", "vendorId": 3002,
                "shipDate": ships.to_string(), "status": "open"}],
            "purchaseOrderItems": [{"id": 91500, "purchaseOrderId": 81500, "productId": 5010,
                "boxTypeId": 903, "boxes": 6, "unitType": "Bunch", "bunches": 12,
                "stemsBunch": 20}]
        }))
        .start()
        .await
        .unwrap()
}

#[tokio::test]
async fn future_sales_become_one_prebook_per_customer_carrier_and_date() {
    let sandbox = with_future_stock(day("2026-12-01")).await;
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let mut future = sell(91500, 2);
    future.inventory_origin = Some(InventoryOrigin::FutureSales);

    let first = user.web_order_item_add(&future).await.unwrap();
    let prebook = first.prebook_id.expect("a prebook for future sales");
    assert!(first.prebook_number.is_some());
    assert_eq!(first.order_id, None);
    // A separate web order for the same customer, carrier and date shares the prebook.
    let created = user
        .web_order_create(
            &WebOrderCreateRequest::builder()
                .customer_id(CUSTOMER)
                .company_id(DEMO_COMPANY_ID)
                .build(),
        )
        .await
        .unwrap();
    let mut elsewhere = future.clone();
    elsewhere.web_order_id = created.web_order_id;
    let second = user.web_order_item_add(&elsewhere).await.unwrap();
    assert_eq!(second.prebook_id, Some(prebook));
    assert_ne!(second.web_order_id, first.web_order_id);

    let item = stored(
        &sandbox,
        "prebookItems",
        second.prebook_item_id.unwrap().get(),
    );
    assert_eq!(item["prebookId"], prebook.get());
    assert_eq!(item["purchaseOrderItemId"], 91500);
    assert_eq!(item["futureSalesPoNumber"], "P081500");
    assert_eq!(item["boxes"], 2);
    assert_eq!(
        stored(&sandbox, "prebooks", prebook.get())["shipDate"],
        "2026-12-01"
    );

    // Two of six boxes are left; another date is another prebook.
    let mut too_many = future.clone();
    too_many.quantity = 3;
    assert!(refusal(user.web_order_item_add(&too_many).await).contains("only 2 boxes"));
    let mut later = future.clone();
    later.date = day("2026-12-02");
    let third = user.web_order_item_add(&later).await.unwrap();
    assert_ne!(third.prebook_id, Some(prebook));

    // Cancelling a web order takes its lines off the prebook, which stays.
    let delete = WebOrderDeleteRequest::builder()
        .customer_id(CUSTOMER)
        .web_order_id(first.web_order_id.unwrap())
        .build();
    user.web_order_delete(&delete).await.unwrap();
    assert_eq!(
        stored(
            &sandbox,
            "prebookItems",
            first.prebook_item_id.unwrap().get()
        ),
        Value::Null
    );
    assert_ne!(stored(&sandbox, "prebooks", prebook.get()), Value::Null);
    user.web_order_item_add(&future).await.unwrap();
}

#[tokio::test]
async fn a_product_can_be_sold_without_inventory_ids() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let user = sandbox.client(TokenKind::User).build().unwrap();
    let line = stock(&company, 4).await;

    let mut by_product = WebOrderItemAddRequest::builder()
        .customer_id(CUSTOMER)
        .price(Decimal::new(80, 2))
        .quantity(3)
        .carrier_id(FEDEX)
        .date(day("2026-12-01"))
        .build();
    by_product.product = WebOrderProductRef::code("R5001");
    by_product.box_type = WebOrderBoxTypeRef::code("HB");
    by_product.units_per_box = Some(10);
    by_product.unit_type = Some(UnitType::Bunch);
    let added = user.web_order_item_add(&by_product).await.unwrap();
    assert!(added.order_id.is_some());
    assert_eq!(on_hand(&company).await, [(Some(line), Some(1))]);

    // No line packs 25 units a box; for future sales the product is simply booked.
    by_product.units_per_box = Some(25);
    let message = refusal(user.web_order_item_add(&by_product).await);
    assert!(
        message.contains("no inventory of product 5001"),
        "{message}"
    );
    by_product.inventory_origin = Some(InventoryOrigin::FutureSales);
    let booked = user.web_order_item_add(&by_product).await.unwrap();
    let item = stored(
        &sandbox,
        "prebookItems",
        booked.prebook_item_id.unwrap().get(),
    );
    assert_eq!(item["productId"], 5001);
    assert_eq!(item["boxes"], 3);
}

#[tokio::test]
async fn the_storefront_counts_and_dates_the_inventory() {
    let today = Utc::now().date_naive();
    let sandbox = with_future_stock(today + chrono::Days::new(7)).await;
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let customer = sandbox.client(TokenKind::Customer).build().unwrap();
    let line = stock(&company, 4).await;

    let all = EcommerceInventoryListRequest::builder()
        .customer_id(CUSTOMER)
        .build();
    let listed = customer.ecommerce_inventory_list(&all).await.unwrap();
    assert_eq!(listed.total, Some(2), "one on-hand line, one future line");
    let mut carnations = EcommerceInventoryListRequest::builder()
        .customer_id(CUSTOMER)
        .build();
    carnations.search_text = Some("carnation".into());
    let listed = customer
        .ecommerce_inventory_list(&carnations)
        .await
        .unwrap();
    assert_eq!(listed.total, Some(1));
    let mut reserved = EcommerceInventoryListRequest::builder()
        .customer_id(CUSTOMER)
        .build();
    reserved.reserved_inventory = Some(true);
    let listed = company.ecommerce_inventory_list(&reserved).await.unwrap();
    assert_eq!(listed.total, Some(0), "nothing is kept for this customer");

    let dates = EcommerceInventoryAvailableDatesListRequest::builder()
        .customer_id(CUSTOMER)
        .inventory_line_ids(vec![line.into()])
        .inventory_origin(InventoryOrigin::OnHand)
        .build();
    let answer = customer
        .ecommerce_inventory_available_dates_list(&dates)
        .await
        .unwrap();
    assert_eq!(answer.available_date_from, Some(today));
    let days = answer.available_dates.unwrap();
    assert_eq!(days.first(), Some(&today));
    assert_eq!(days.last().copied(), answer.available_date_to);
    let future_dates = EcommerceInventoryAvailableDatesListRequest::builder()
        .customer_id(CUSTOMER)
        .inventory_line_ids(vec![91500.into()])
        .inventory_origin(InventoryOrigin::FutureSales)
        .build();
    let answer = customer
        .ecommerce_inventory_available_dates_list(&future_dates)
        .await
        .unwrap();
    assert_eq!(
        answer.available_date_from,
        Some(today + chrono::Days::new(7))
    );

    let mut get = EcommerceInventoryGetRequest::builder()
        .customer_id(CUSTOMER)
        .inventory_line_ids(vec![line.into()])
        .inventory_origin(InventoryOrigin::OnHand)
        .date(today)
        .build();
    get.carrier_id = Some(FEDEX.into());
    customer.ecommerce_inventory_get(&get).await.unwrap();
    get.inventory_line_ids = vec![line.into(), 424242.into()];
    let message = refusal(customer.ecommerce_inventory_get(&get).await);
    assert!(message.contains("inventoryLineIds 424242"), "{message}");

    let carriers = EcommerceCustomerCarriersListRequest::builder()
        .customer_id(CUSTOMER)
        .date(today)
        .available_from(today)
        .available_to(today)
        .build();
    let suggested = customer
        .ecommerce_customer_carriers_list(&carriers)
        .await
        .unwrap();
    assert_eq!(
        suggested.carrier_id,
        Some(FEDEX.into()),
        "the ship-to's carrier"
    );
    assert_eq!(suggested.carrier_name.as_deref(), Some("FedEx Priority"));

    let settings = customer
        .ecommerce_lite_settings(
            &EcommerceLiteSettingsRequest::builder()
                .customer_id(CUSTOMER)
                .build(),
        )
        .await
        .unwrap();
    let info = &settings.user_info.unwrap()[0];
    assert_eq!(info.customer_name.as_deref(), Some("Bloom & Petal Florist"));
    assert_eq!(info.is_multilocation, Some(false));
    let others = EcommerceLiteSettingsRequest::builder()
        .customer_id(2002)
        .build();
    assert!(refusal(customer.ecommerce_lite_settings(&others).await).contains("not the customer"));
}
