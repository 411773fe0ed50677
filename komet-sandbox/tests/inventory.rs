//! Inventory: lines added with inventory.add show in the lists, updates change them, unknown
//! vendors, products and box types are refused, through the typed komet-api client.

use chrono::NaiveDate;
use komet_api::inventory::{
    FutureInventoryOpenmarketListRequest, InventoryAddRequest,
    InventoryConsolidatedOpenmarketListRequest, InventoryDeleteRequest, InventoryListRequest,
    InventoryOpenmarketListRequest, InventoryUpdateRequest,
};
use komet_api::{
    Client, Error, InventoryBoxTypeRef, InventoryGrowerRef, InventoryProductRef, TokenKind,
};
use komet_sandbox::Sandbox;
use rust_decimal::Decimal;
use serde_json::json;

fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// Ten half boxes of Rose Freedom 40cm (R5001) from Andes Rose Farm, ten bunches of 25 stems.
fn roses(boxes: i64) -> InventoryAddRequest {
    InventoryAddRequest::builder()
        .grower(InventoryGrowerRef::Code {
            vendor_code: "ANDES".into(),
        })
        .awb("729-1234 5678")
        .ship_date(day("2026-11-20"))
        .product(InventoryProductRef::Code {
            product_code: "R5001".into(),
        })
        .quantity(boxes)
        .box_type(InventoryBoxTypeRef::Code {
            box_type_code: "HB".into(),
        })
        .unit_type("bunch")
        .stems_bunch(25)
        .bunches(10)
        .unit_cost(Decimal::new(35, 2))
        .build()
}

async fn list(client: &Client) -> Vec<komet_api::inventory::InventoryListResponseInventoryItem> {
    client
        .inventory_list(&InventoryListRequest::default())
        .await
        .unwrap()
        .inventory_items
        .unwrap_or_default()
}

fn refusal<T: std::fmt::Debug>(result: Result<T, Error>) -> String {
    match result {
        Err(Error::Api { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn added_inventory_is_listed_and_updated() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    assert!(list(&client).await.is_empty());

    client.inventory_add(&roses(10)).await.unwrap();
    let lines = list(&client).await;
    assert_eq!(lines.len(), 1);
    let line = &lines[0];
    let id = line.order_item_id.expect("the line's id");
    assert_eq!(line.company_product_id, Some(5001.into()));
    assert_eq!(line.product_code.as_deref(), Some("R5001"));
    assert_eq!(
        line.product_description.as_deref(),
        Some("Rose Freedom 40cm")
    );
    assert_eq!(line.grower_id, Some(3001.into()));
    assert_eq!(line.grower_name.as_deref(), Some("Andes Rose Farm"));
    assert_eq!(line.box_type_code.as_deref(), Some("HB"));
    assert_eq!(line.unit_type, Some(komet_api::UnitType::Bunch));
    assert_eq!(line.quantity, Some(10));
    assert_eq!(line.units_per_box, Some(10));
    assert_eq!(line.total_units, Some(100));
    assert_eq!(line.unit_cost, Some(Decimal::new(35, 2)));
    assert_eq!(line.aging, Some(0));

    // quantity adds boxes; the cost is listed at two decimals.
    let mut update = InventoryUpdateRequest::builder()
        .inventory_id(id)
        .unit_cost(Decimal::new(415, 3))
        .build();
    update.quantity = Some(5);
    update.price_a = Some(Decimal::new(95, 2));
    client.inventory_update(&update).await.unwrap();
    let line = &list(&client).await[0];
    assert_eq!(line.quantity, Some(15));
    assert_eq!(line.total_units, Some(150));
    assert_eq!(line.unit_cost, Some(Decimal::new(42, 2)));
    assert_eq!(line.price, Some(Decimal::new(95, 2)));

    let open_market = client
        .inventory_openmarket_list(&InventoryOpenmarketListRequest::default())
        .await
        .unwrap()
        .inventory_items
        .unwrap();
    assert_eq!(open_market.len(), 1);
    assert_eq!(open_market[0].inventory_id, Some(id));
    assert_eq!(open_market[0].quantity, Some(15));
    assert_eq!(open_market[0].category.as_deref(), Some("Roses"));

    // A line holds at most 100 boxes and cannot go below none.
    let mut too_many = InventoryUpdateRequest::builder()
        .inventory_id(id)
        .unit_cost(Decimal::new(35, 2))
        .build();
    too_many.quantity = Some(90);
    assert!(refusal(client.inventory_update(&too_many).await).contains("105 boxes"));
    let message = refusal(
        client
            .inventory_update(
                &InventoryUpdateRequest::builder()
                    .inventory_id(999_999)
                    .unit_cost(Decimal::ONE)
                    .build(),
            )
            .await,
    );
    assert!(message.contains("999999"), "{message}");
}

#[tokio::test]
async fn unknown_vendors_products_and_box_types_are_refused() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut request = roses(1);
    request.grower = InventoryGrowerRef::Id {
        grower_id: 9_999.into(),
    };
    assert!(refusal(client.inventory_add(&request).await).contains("growerId 9999"));

    let mut request = roses(1);
    request.product = InventoryProductRef::Code {
        product_code: "NOPE".into(),
    };
    assert!(refusal(client.inventory_add(&request).await).contains("NOPE"));

    let mut request = roses(1);
    request.box_type = InventoryBoxTypeRef::Id {
        box_type_id: 77.into(),
    };
    assert!(refusal(client.inventory_add(&request).await).contains("boxTypeId 77"));

    let mut request = roses(1);
    request.unit_type = "pallet".into();
    assert!(refusal(client.inventory_add(&request).await).contains("pallet"));

    let mut request = roses(1);
    request.customer_id = Some(4_040.into());
    assert!(refusal(client.inventory_add(&request).await).contains("customerId 4040"));

    // A product can also be named by its description, whatever the case.
    let mut request = roses(1);
    request.product = InventoryProductRef::Description {
        product_description: "rose mondial 50cm".into(),
    };
    client.inventory_add(&request).await.unwrap();
    let lines = list(&client).await;
    assert_eq!(lines.len(), 1, "only the valid request added a line");
    assert_eq!(lines[0].company_product_id, Some(5005.into()));

    // Komet documents no field naming the line to delete, so nothing can be deleted.
    let message = refusal(
        client
            .inventory_delete(&InventoryDeleteRequest::default())
            .await,
    );
    assert!(message.contains("names no field"), "{message}");
    assert_eq!(list(&client).await.len(), 1);
}

#[tokio::test]
async fn the_consolidated_list_merges_lines_of_one_product_and_packing() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    client.inventory_add(&roses(4)).await.unwrap();
    client.inventory_add(&roses(6)).await.unwrap();
    let mut carnations = roses(2);
    carnations.product = InventoryProductRef::Id {
        product_id: 5010.into(),
    };
    client.inventory_add(&carnations).await.unwrap();
    assert_eq!(list(&client).await.len(), 3);

    let rows = client
        .inventory_consolidated_openmarket_list(
            &InventoryConsolidatedOpenmarketListRequest::default(),
        )
        .await
        .unwrap()
        .inventory_items
        .unwrap();
    assert_eq!(rows.len(), 2);
    let roses_row = rows
        .iter()
        .find(|r| r.company_product_id == Some(5001.into()))
        .unwrap();
    assert_eq!(roses_row.quantity, Some(10));
    assert_eq!(roses_row.total_units, Some(100));
    // Two merged ids cannot travel in the spec's integer field; a lone line's id does.
    assert_eq!(roses_row.inventory_item_ids, None);
    let carnation_id = list(&client)
        .await
        .iter()
        .find(|l| l.company_product_id == Some(5010.into()))
        .and_then(|l| l.order_item_id);
    let carnation_row = rows
        .iter()
        .find(|r| r.company_product_id == Some(5010.into()))
        .unwrap();
    assert_eq!(
        carnation_row.inventory_item_ids,
        carnation_id.map(|id| vec![id])
    );
}

#[tokio::test]
async fn a_vendor_token_sees_its_own_lines_only() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();
    company.inventory_add(&roses(3)).await.unwrap();
    let mut other = roses(5);
    other.grower = InventoryGrowerRef::Code {
        vendor_code: "SABA".into(),
    };
    company.inventory_add(&other).await.unwrap();

    assert_eq!(list(&company).await.len(), 2);
    let own = list(&vendor).await;
    assert_eq!(own.len(), 1);
    assert_eq!(own[0].grower_id, Some(3001.into()));
    assert_eq!(own[0].quantity, Some(3));
}

#[tokio::test]
async fn future_inventory_is_the_open_purchase_order_lines() {
    let sandbox = Sandbox::builder()
        .fixture(json!({
            "purchaseOrders": [
                {"id": 81500, "number": "P081500", "vendorId": 3002, "shipDate": "2026-12-03",
                 "status": "open"},
                {"id": 81501, "number": "P081501", "vendorId": 3002, "shipDate": "2026-12-20",
                 "status": "open"}
            ],
            "purchaseOrderItems": [
                {"id": 91500, "purchaseOrderId": 81500, "productId": 5010, "boxTypeId": 903,
                 "boxes": 8, "unitType": "Bunch", "bunches": 12, "stemsBunch": 20},
                {"id": 91501, "purchaseOrderId": 81500, "productId": 5011, "boxTypeId": 903,
                 "boxes": 2, "unitType": "Bunch", "bunches": 12, "prebookItemId": 3427000},
                {"id": 91502, "purchaseOrderId": 81501, "productId": 5012, "boxTypeId": 901,
                 "boxes": 4, "unitType": "Stem", "bunches": 6, "stemsBunch": 20}
            ]
        }))
        .start()
        .await
        .unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let request = FutureInventoryOpenmarketListRequest::builder()
        .date_from(day("2026-12-01"))
        .date_to(day("2026-12-05"))
        .build();
    let rows = client
        .future_inventory_openmarket_list(&request)
        .await
        .unwrap()
        .inventory_items
        .unwrap();
    // The line bought for a prebook and the one shipping later are not offered.
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].inventory_id, Some(91500.into()));
    assert_eq!(rows[0].quantity, Some(8));
    assert_eq!(rows[0].total_units, Some(96));
    assert_eq!(rows[0].port_of_origin.as_deref(), Some("BOG"));
    assert_eq!(rows[0].box_type_code.as_deref(), Some("FB"));

    let whole_month = FutureInventoryOpenmarketListRequest::builder()
        .date_from(day("2026-12-01"))
        .date_to(day("2026-12-31"))
        .build();
    let rows = client
        .future_inventory_openmarket_list(&whole_month)
        .await
        .unwrap()
        .inventory_items
        .unwrap();
    let stems = rows
        .iter()
        .find(|r| r.inventory_id == Some(91502.into()))
        .unwrap();
    assert_eq!(stems.total_units, Some(480));

    let backwards = FutureInventoryOpenmarketListRequest::builder()
        .date_from(day("2026-12-05"))
        .date_to(day("2026-12-01"))
        .build();
    let message = refusal(client.future_inventory_openmarket_list(&backwards).await);
    assert!(message.contains("after dateTo"), "{message}");
}
