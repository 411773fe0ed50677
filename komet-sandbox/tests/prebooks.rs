//! Prebooks through the typed komet-api client: purchase orders raised from their lines,
//! the lists that show them, and line deletes that differ by token kind.

use chrono::{Days, NaiveDate, Utc};
use komet_api::common::{
    BoxTypeRef, CarrierRef, CustomerRef, ProductRef, UnitType, VaPurchaseOrderFilter, VendorRef,
    VendorRefByIdOrCode,
};
use komet_api::prebooks::{
    MultiplePrebooksCreatePrebookItem, MultiplePrebooksCreateRequest, PrebookCreatePrebookItem,
    PrebookCreateRequest, PrebookDetailsListRequest, PrebookDetailsListResponsePrebook,
    PrebookFutureItemAddRequest, PrebookItemDeleteRequest, PrebookListRequest,
    StandingOrderListRequest,
};
use komet_api::purchase_orders::{
    PurchaseOrderCreatePurchaseOrderItem, PurchaseOrderCreateRequest,
    PurchaseOrderItemAwbAddRequest, PurchaseOrderItemConfirmRequest,
    PurchaseOrderItemDeleteRequest, PurchaseOrderItemsAwbAddPoItem,
    PurchaseOrderItemsAwbAddRequest, PurchaseOrderListRequest, PurchaseOrderVaDetailsListRequest,
};
use komet_api::{Client, Error, TokenKind};
use komet_sandbox::Sandbox;
use rust_decimal::Decimal;
use serde_json::Value;

/// A ship date a week ahead, so vendor tokens (which see lines shipping from yesterday on)
/// see the lines too.
fn ship_date() -> NaiveDate {
    Utc::now().date_naive() + Days::new(7)
}

/// A box line of `product` from `vendor`: 5 half boxes of 10 bunches of 25 stems.
fn box_line(
    product: ProductRef,
    vendor: Option<VendorRef>,
    cost: &str,
    price: &str,
) -> PrebookCreatePrebookItem {
    let mut line = PrebookCreatePrebookItem::builder()
        .product(product)
        .unit_type(UnitType::Stem)
        .build();
    line.vendor = vendor.unwrap_or_default();
    line.box_type = Some(BoxTypeRef::Id {
        box_type_id: 901.into(),
    });
    line.boxes = Some(5);
    line.bunches = Some(10);
    line.stems_bunch = Some(25);
    line.cost = Some(cost.parse().unwrap());
    line.price = Some(price.parse().unwrap());
    line
}

fn to_bloom_by_fedex() -> PrebookCreateRequest {
    PrebookCreateRequest::builder()
        .customer(CustomerRef::Id {
            customer_id: 2001.into(),
        })
        .carrier(CarrierRef::Id {
            carrier_id: 1801.into(),
        })
        .ship_date(ship_date())
        .build()
}

async fn details(client: &Client, date: NaiveDate) -> Vec<PrebookDetailsListResponsePrebook> {
    let mut request = PrebookDetailsListRequest::default();
    request.date = Some(date);
    client
        .prebook_details_list(&request)
        .await
        .unwrap()
        .prebooks
        .unwrap_or_default()
}

/// A vendor token raises purchase orders from its own lines: it names no vendor (Komet uses
/// the token's) and sends the cost, which its company lets it change.
#[tokio::test]
async fn a_vendor_token_raises_purchase_orders_for_itself() {
    let mut grower = komet_sandbox::Account::new("andes-token", TokenKind::Vendor);
    grower.party_id = Some(3001);
    grower.settings = vec!["allow_changing_cost"];
    let sandbox = Sandbox::builder().account(grower).start().await.unwrap();
    // `client(Vendor)` is the first vendor account: the demo one, without the setting.
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();
    let andes = komet_api::Client::builder(komet_api::Token::new("andes-token"), TokenKind::Vendor)
        .base_url(sandbox.base_url())
        .company_setting("allow_changing_cost")
        .build()
        .unwrap();

    let mut request = to_bloom_by_fedex();
    request.auto_generate_pos = Some(true);
    let mut line = box_line(
        ProductRef::Id {
            product_id: 5001.into(),
        },
        None,
        "0.21",
        "0.35",
    );
    line.price = None;
    request.prebook_items = Some(vec![line]);

    // The demo vendor's company has not allowed it to change costs: refused before sending.
    assert!(matches!(
        vendor.prebook_create(&request).await,
        Err(Error::Validation { .. })
    ));
    let created = andes.prebook_create(&request).await.unwrap();
    assert_eq!(created.purchase_order_numbers, Some(vec!["P081001".into()]));
    let vendor_of_order = sandbox.with_store(|store| {
        store
            .table("purchaseOrders")
            .rows()
            .next()
            .and_then(|order| order.get("vendorId").cloned())
    });
    assert_eq!(vendor_of_order, Some(Value::from(3001)));
}

#[tokio::test]
async fn purchase_orders_are_raised_per_vendor_and_linked_to_the_lines() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut request = to_bloom_by_fedex();
    request.auto_generate_pos = Some(true);
    let mut andes = box_line(
        ProductRef::Id {
            product_id: 5001.into(),
        },
        Some(VendorRef::id(3001)),
        "0.21",
        "0.35",
    );
    andes.identifier = Some("line-1".into());
    let mut saba = box_line(
        ProductRef::Code {
            product_code: "C5010".into(),
            product_description: "Carnation Don Pedro Fancy".into(),
        },
        Some(VendorRef::code("SABA")),
        "0.12",
        "0.19",
    );
    saba.identifier = Some("line-2".into());
    let mut unknown = box_line(
        ProductRef::Code {
            product_code: "NOPE".into(),
            product_description: "Tulip".into(),
        },
        Some(VendorRef::id(3001)),
        "0.10",
        "0.20",
    );
    unknown.identifier = Some("line-3".into());
    request.prebook_items = Some(vec![andes, saba, unknown]);

    let created = client.prebook_create(&request).await.unwrap();
    let prebook_id = created.prebook_id.unwrap();
    assert_eq!(created.prebook_number.as_deref(), Some("640001"));
    assert_eq!(
        created.purchase_order_numbers,
        Some(vec!["P081001".into(), "P081002".into()])
    );
    let items = created.items.unwrap();
    let outcome: Vec<_> = items
        .iter()
        .map(|i| (i.identifier.as_deref(), i.status))
        .collect();
    assert_eq!(
        outcome,
        [
            (Some("line-1"), Some(true)),
            (Some("line-2"), Some(true)),
            (Some("line-3"), Some(false))
        ]
    );
    let refusal = items[2].message.as_deref().unwrap();
    assert!(refusal.contains("NOPE"), "{refusal}");
    assert!(items[2].prebook_item_id.is_none());

    // Each purchase order holds its vendor's line, linked to the prebook line with its cost.
    let line_ids: Vec<i64> = items[..2]
        .iter()
        .map(|i| i.prebook_item_id.unwrap().get())
        .collect();
    let orders = client
        .purchase_order_va_details_list(
            &PurchaseOrderVaDetailsListRequest::builder()
                .filter(VaPurchaseOrderFilter::numbers(vec![
                    "P081001".into(),
                    "P081002".into(),
                ]))
                .build(),
        )
        .await
        .unwrap()
        .purchase_orders
        .unwrap();
    assert_eq!(
        orders.iter().map(|o| o.number.clone()).collect::<Vec<_>>(),
        [Some("P081001".into()), Some("P081002".into())]
    );
    assert!(orders.iter().all(|o| o.ship_date == Some(ship_date())));
    let po_lines: Vec<i64> = orders
        .iter()
        .flat_map(|o| o.details.clone().unwrap())
        .map(|d| d.po_item_id.unwrap().get())
        .collect();
    assert_eq!(po_lines.len(), 2);
    sandbox.with_store(|store| {
        for (po_line, prebook_line) in po_lines.iter().zip(&line_ids) {
            let line = store.table("purchaseOrderItems").get(*po_line).unwrap();
            assert_eq!(line["prebookItemId"], Value::from(*prebook_line));
            let booked = store.table("prebookItems").get(*prebook_line).unwrap();
            assert_eq!(booked["purchaseOrderItemId"], Value::from(*po_line));
            assert_eq!(line["cost"], booked["cost"]);
        }
        let vendors: Vec<_> = [81001, 81002]
            .iter()
            .map(|id| store.table("purchaseOrders").get(*id).unwrap()["vendorId"].clone())
            .collect();
        assert_eq!(vendors, [Value::from(3001), Value::from(3002)]);
    });

    // The prebook lists with both good lines, priced exactly.
    let listed = details(&client, ship_date()).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, Some(prebook_id));
    assert_eq!(
        listed[0].customer_name.as_deref(),
        Some("Bloom & Petal Florist")
    );
    assert_eq!(listed[0].carrier_name.as_deref(), Some("FedEx Priority"));
    let lines = listed[0].details.clone().unwrap();
    let totals: Vec<_> = lines
        .iter()
        .map(|l| (l.total_units, l.total_price))
        .collect();
    // 5 boxes x 10 bunches x 25 stems at 0.35 and 0.19 a stem.
    assert_eq!(
        totals,
        [
            (Some(1250), Some(Decimal::new(43750, 2))),
            (Some(1250), Some(Decimal::new(23750, 2)))
        ]
    );
    assert_eq!(lines[1].vendor_name.as_deref(), Some("Sabana Carnations"));
    assert_eq!(lines[0].box_type.as_deref(), Some("HB"));

    // Deleting a bought prebook line leaves its boxes bought: the purchase order line
    // becomes future inventory that can be booked again, up to its 5 boxes.
    client
        .prebook_item_delete(
            &PrebookItemDeleteRequest::builder()
                .prebook_id(prebook_id)
                .prebook_item_id(line_ids[0])
                .build(),
        )
        .await
        .unwrap();
    let rebook = |boxes| {
        PrebookFutureItemAddRequest::builder()
            .prebook_id(prebook_id)
            .inventory_id(po_lines[0])
            .boxes(boxes)
            .price("0.36".parse::<rust_decimal::Decimal>().unwrap())
            .build()
    };
    let too_many = message(client.prebook_future_item_add(&rebook(6)).await);
    assert_eq!(
        too_many,
        format!(
            "future inventory item {} has only 5 boxes left",
            po_lines[0]
        )
    );
    client.prebook_future_item_add(&rebook(5)).await.unwrap();
}

#[tokio::test]
async fn prebooks_are_listed_and_vendor_tokens_zero_lines_instead_of_deleting() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();

    let mut request = to_bloom_by_fedex();
    request.customer_po = Some("PO-77".into());
    request.prebook_items = Some(vec![
        box_line(
            ProductRef::Id {
                product_id: 5001.into(),
            },
            Some(VendorRef::id(3001)),
            "0.21",
            "0.35",
        ),
        box_line(
            ProductRef::Id {
                product_id: 5004.into(),
            },
            Some(VendorRef::id(3001)),
            "0.22",
            "0.36",
        ),
        box_line(
            ProductRef::Id {
                product_id: 5010.into(),
            },
            Some(VendorRef::id(3002)),
            "0.12",
            "0.19",
        ),
    ]);
    let created = company.prebook_create(&request).await.unwrap();
    let prebook_id = created.prebook_id.unwrap();
    let ids: Vec<i64> = created
        .items
        .unwrap()
        .iter()
        .map(|i| i.prebook_item_id.unwrap().get())
        .collect();
    assert!(created.purchase_order_numbers.is_none());

    let mut by_customer = PrebookListRequest::builder()
        .date_from(ship_date())
        .date_to(ship_date())
        .build();
    by_customer.customer_id = Some(2001.into());
    let listed = company
        .prebook_list(&by_customer)
        .await
        .unwrap()
        .prebooks
        .unwrap();
    assert_eq!(
        listed
            .iter()
            .map(|p| (p.id, p.number.clone()))
            .collect::<Vec<_>>(),
        [(Some(prebook_id), Some("640001".into()))]
    );
    by_customer.customer_id = Some(2002.into());
    assert!(
        company
            .prebook_list(&by_customer)
            .await
            .unwrap()
            .prebooks
            .unwrap()
            .is_empty()
    );

    // The vendor sees only its own two lines, without the customer.
    let seen = details(&vendor, ship_date()).await;
    assert_eq!(seen.len(), 1);
    assert!(seen[0].customer_name.is_none());
    let seen_lines = seen[0].details.clone().unwrap();
    assert_eq!(
        seen_lines.iter().map(|l| l.product_id).collect::<Vec<_>>(),
        [Some(5001.into()), Some(5004.into())]
    );
    assert!(
        seen_lines
            .iter()
            .all(|l| l.unit_price.is_none() && l.total_price.is_none())
    );

    // A vendor zeroes its line; the line stays, with no boxes.
    let delete = |item: komet_api::PrebookItemId| {
        PrebookItemDeleteRequest::builder()
            .prebook_id(prebook_id)
            .prebook_item_id(item)
            .build()
    };
    vendor
        .prebook_item_delete(&delete(ids[0].into()))
        .await
        .unwrap();
    let again = vendor.prebook_item_delete(&delete(ids[0].into())).await;
    assert!(
        matches!(&again, Err(Error::Api { message, .. }) if message.contains("quantity 0")),
        "{again:?}"
    );
    let not_theirs = vendor.prebook_item_delete(&delete(ids[2].into())).await;
    assert!(
        matches!(&not_theirs, Err(Error::Api { message, .. }) if message.contains("vendor")),
        "{not_theirs:?}"
    );

    // The company deletes a line outright; deleting it twice is refused.
    company
        .prebook_item_delete(&delete(ids[1].into()))
        .await
        .unwrap();
    let twice = company.prebook_item_delete(&delete(ids[1].into())).await;
    assert!(
        matches!(&twice, Err(Error::Api { message, .. }) if message.contains(&ids[1].to_string())),
        "{twice:?}"
    );

    let lines = details(&company, ship_date()).await[0]
        .details
        .clone()
        .unwrap();
    let left: Vec<_> = lines
        .iter()
        .map(|l| (l.product_id, l.total_boxes, l.total_units))
        .collect();
    assert_eq!(
        left,
        [
            (Some(5001.into()), Some(0), Some(0)),
            (Some(5010.into()), Some(5), Some(1250))
        ]
    );
}

#[tokio::test]
async fn use_existing_appends_to_the_open_prebook_with_the_same_header() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let mut first = to_bloom_by_fedex();
    first.prebook_items = Some(vec![box_line(
        ProductRef::Id {
            product_id: 5001.into(),
        },
        None,
        "0.2",
        "0.3",
    )]);
    let first = client.prebook_create(&first).await.unwrap();

    let mut second = to_bloom_by_fedex();
    second.use_existing = Some(true);
    second.prebook_items = Some(vec![box_line(
        ProductRef::Id {
            product_id: 5002.into(),
        },
        None,
        "0.2",
        "0.3",
    )]);
    let second = client.prebook_create(&second).await.unwrap();
    assert_eq!(second.prebook_id, first.prebook_id);

    let mut other_carrier = to_bloom_by_fedex();
    other_carrier.carrier = CarrierRef::Code {
        carrier_code: "CCT".into(),
        carrier_description: "Coldchain Trucking".into(),
    };
    other_carrier.use_existing = Some(true);
    let third = client.prebook_create(&other_carrier).await.unwrap();
    assert_ne!(third.prebook_id, first.prebook_id);

    let listed = details(&client, ship_date()).await;
    let shape: Vec<_> = listed
        .iter()
        .map(|p| (p.carrier_id, p.details.as_ref().map_or(0, Vec::len)))
        .collect();
    assert_eq!(shape, [(Some(1801.into()), 2), (Some(1802.into()), 0)]);

    // Unknown customers and carriers refuse the whole prebook.
    let mut stranger = to_bloom_by_fedex();
    stranger.customer = CustomerRef::Id {
        customer_id: 9999.into(),
    };
    let refused = client.prebook_create(&stranger).await;
    assert!(
        matches!(&refused, Err(Error::Api { message, .. }) if message == "customerId 9999 was not found"),
        "{refused:?}"
    );
}

#[tokio::test]
async fn multiple_prebooks_create_the_customer_and_split_by_carrier_and_date() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let line = |identifier: &str, carrier: &str, days: u64, product: &str| {
        let mut line = MultiplePrebooksCreatePrebookItem::builder()
            .carrier_code(carrier)
            .carrier_name("carrier")
            .ship_date(ship_date() + Days::new(days))
            .identifier(identifier)
            .product_code(product)
            .product_description("product")
            .box_type_code("HB")
            .boxes(2)
            .unit_type(UnitType::Bunch)
            .bunches(10)
            .stems_bunch(25)
            .price("4.50".parse::<rust_decimal::Decimal>().unwrap())
            .build();
        line.vendor_code = Some("ANDES".into());
        line.vendor_name = Some("Andes Rose Farm".into());
        line.cost = Some("3.10".parse().unwrap());
        line
    };
    let mut request = MultiplePrebooksCreateRequest::builder()
        .customer_code("ANG")
        .customer_name("Ang Flowers")
        .customer_billing_street("900 Avenue")
        .customer_billing_city("Miami")
        .customer_billing_state("FL")
        .customer_billing_zipcode("33101")
        .customer_billing_country("USA")
        .customer_shipping_street("12 Dock Road")
        .customer_shipping_city("Miami")
        .customer_shipping_state("FL")
        .customer_shipping_zipcode("33102")
        .customer_shipping_country("USA")
        .customer_phone("305-555-0000")
        .build();
    request.auto_generate_pos = Some(true);
    request.prebook_items = Some(vec![
        line("a", "FDX", 0, "R5001"),
        line("b", "FDX", 0, "R5002"),
        line("c", "CCT", 0, "R5003"),
        line("d", "FDX", 1, "R5004"),
        line("e", "ZZZ", 0, "R5005"),
    ]);
    let items = client
        .multiple_prebooks_create(&request)
        .await
        .unwrap()
        .items
        .unwrap();
    let prebooks: Vec<_> = items.iter().map(|i| i.prebook_number.as_deref()).collect();
    assert_eq!(
        prebooks,
        [
            Some("640001"),
            Some("640001"),
            Some("640002"),
            Some("640003"),
            None
        ]
    );
    let orders: Vec<_> = items
        .iter()
        .map(|i| i.purchase_order_number.as_deref())
        .collect();
    assert_eq!(
        orders,
        [
            Some("P081001"),
            Some("P081001"),
            Some("P081002"),
            Some("P081003"),
            None
        ]
    );
    assert_eq!(items[4].status, Some(false));
    assert!(items[4].message.as_deref().unwrap().contains("ZZZ"));

    let customer = sandbox.with_store(|store| {
        store
            .table("customers")
            .find("code", &Value::from("ANG"))
            .cloned()
            .unwrap()
    });
    assert_eq!(customer["name"], "Ang Flowers");
    let listed = details(&client, ship_date()).await;
    assert_eq!(listed.len(), 2);
    assert!(
        listed
            .iter()
            .all(|p| p.customer_code.as_deref() == Some("ANG"))
    );
    // Bunch lines count bunches: 2 boxes x 10 bunches at 4.50.
    let first = &listed[0].details.clone().unwrap()[0];
    assert_eq!(
        (first.total_units, first.total_price),
        (Some(20), Some(Decimal::new(9000, 2)))
    );

    // A second call finds the customer by code instead of creating it again.
    request.prebook_items = Some(vec![line("f", "FDX", 0, "R5006")]);
    client.multiple_prebooks_create(&request).await.unwrap();
    let customers = sandbox.with_store(|store| {
        store
            .table("customers")
            .rows()
            .filter(|c| c["code"] == "ANG")
            .count()
    });
    assert_eq!(customers, 1);
}

#[tokio::test]
async fn there_are_no_standing_orders() {
    let sandbox = Sandbox::start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();
    let listed = client
        .standing_order_list(
            &StandingOrderListRequest::builder()
                .date_from(ship_date())
                .date_to(ship_date())
                .build(),
        )
        .await
        .unwrap();
    assert_eq!(listed.status, Some(true));
    assert_eq!(listed.standing_orders, Some(Vec::new()));
}

fn buying(items: &[i64]) -> PurchaseOrderCreateRequest {
    let lines: Vec<_> = items
        .iter()
        .map(|id| {
            PurchaseOrderCreatePurchaseOrderItem::builder()
                .prebook_item_id(*id)
                .build()
        })
        .collect();
    PurchaseOrderCreateRequest::builder()
        .ship_date(ship_date())
        .purchase_order_items(lines)
        .build()
}

fn message<T: std::fmt::Debug>(outcome: Result<T, Error>) -> String {
    match outcome {
        Err(Error::Api { message, .. }) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn purchase_order_lines_are_bought_confirmed_shipped_and_deleted() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let vendor = sandbox.client(TokenKind::Vendor).build().unwrap();

    let mut request = to_bloom_by_fedex();
    request.prebook_items = Some(vec![
        box_line(
            ProductRef::Id {
                product_id: 5001.into(),
            },
            None,
            "0.21",
            "0.35",
        ),
        box_line(
            ProductRef::Id {
                product_id: 5002.into(),
            },
            None,
            "0.22",
            "0.36",
        ),
    ]);
    let created = company.prebook_create(&request).await.unwrap();
    let booked: Vec<i64> = created
        .items
        .unwrap()
        .iter()
        .map(|i| i.prebook_item_id.unwrap().get())
        .collect();

    // A company token must name the vendor (a spec rule: the client refuses before sending);
    // then both lines go on one new order.
    let sent_before = sandbox.log().len();
    match company.purchase_order_create(&buying(&booked)).await {
        Err(Error::Validation { violations, .. }) => {
            assert_eq!(
                violations.iter().next().map(|v| v.path.as_str()),
                Some("vendor")
            );
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(sandbox.log().len(), sent_before, "nothing was sent");
    let mut order = buying(&booked);
    order.vendor = Some(VendorRefByIdOrCode::Code {
        vendor_code: "andes".into(),
    });
    let bought = company.purchase_order_create(&order).await.unwrap();
    assert_eq!(
        bought.message.as_deref(),
        Some("Purchase order P081001 was successfully created")
    );
    let again = message(company.purchase_order_create(&order).await);
    assert_eq!(
        again,
        format!(
            "prebook item {} is already on purchase order item 91001",
            booked[0]
        )
    );

    let mut listed = PurchaseOrderListRequest::default();
    listed.date = Some(ship_date());
    let count = company.purchase_order_list(&listed).await.unwrap();
    assert_eq!(count.message.as_deref(), Some("1 purchase order found"));
    listed.vendor = Some("sabana".into());
    let count = company.purchase_order_list(&listed).await.unwrap();
    assert_eq!(count.message.as_deref(), Some("0 purchase orders found"));

    // The farm confirms 3 of the 5 boxes of the first line, and ships them: the 2 left
    // move to a new line.
    company
        .purchase_order_item_confirm(
            &PurchaseOrderItemConfirmRequest::builder()
                .po_item_id(91001)
                .quantity_confirmed(3)
                .build(),
        )
        .await
        .unwrap();
    let over = message(
        company
            .purchase_order_item_confirm(
                &PurchaseOrderItemConfirmRequest::builder()
                    .po_item_id(91001)
                    .quantity_confirmed(6)
                    .build(),
            )
            .await,
    );
    assert_eq!(over, "purchase order item 91001 has only 5 boxes");
    let mut ship = PurchaseOrderItemAwbAddRequest::builder()
        .po_item_id(91001)
        .awb("369-1234 5675")
        .ship_date(ship_date())
        .build();
    ship.box_codes = Some(vec![
        "B0000001".into(),
        "B0000002".into(),
        "B0000003".into(),
    ]);
    let shipped = vendor.purchase_order_item_awb_add(&ship).await.unwrap();
    assert_eq!(shipped.new_po_item_id, Some(91003.into()));
    assert_eq!(shipped.box_codes.unwrap().len(), 3);
    let twice = message(vendor.purchase_order_item_awb_add(&ship).await);
    assert_eq!(
        twice,
        "purchase order item 91001 is already shipped on AWB 369-1234 5675"
    );

    // Several lines at once, each with its own result; codes are made up when none are sent.
    let lines = PurchaseOrderItemsAwbAddRequest::builder()
        .po_items(vec![
            PurchaseOrderItemsAwbAddPoItem::builder()
                .po_item_id(91002)
                .awb("369-1234 5675")
                .ship_date(ship_date())
                .build(),
            PurchaseOrderItemsAwbAddPoItem::builder()
                .po_item_id(99999)
                .awb("369-1234 5675")
                .ship_date(ship_date())
                .build(),
        ])
        .build();
    let results = vendor
        .purchase_order_items_awb_add(&lines)
        .await
        .unwrap()
        .results
        .unwrap();
    assert_eq!(
        results.iter().map(|r| r.status).collect::<Vec<_>>(),
        [Some(true), Some(false)]
    );
    assert_eq!(results[0].box_codes.as_ref().map(Vec::len), Some(5));
    assert_eq!(
        results[1].message.as_deref(),
        Some("purchase order item 99999 was not found")
    );
    sandbox.with_store(|store| {
        let boxes = |id: i64| store.table("purchaseOrderItems").get(id).unwrap()["boxes"].clone();
        assert_eq!(
            (boxes(91001), boxes(91003)),
            (Value::from(3), Value::from(2))
        );
        let first = store.table("purchaseOrderItems").get(91001).unwrap();
        assert_eq!(first["lineStatus"], "Partial Confirmed");
        assert_eq!(first["awb"], "369-1234 5675");
    });

    // Deleting a line frees its prebook line to be bought again, even by the vendor.
    vendor
        .purchase_order_item_delete(
            &PurchaseOrderItemDeleteRequest::builder()
                .po_item_id(91002)
                .build(),
        )
        .await
        .unwrap();
    let gone = message(
        company
            .purchase_order_item_delete(
                &PurchaseOrderItemDeleteRequest::builder()
                    .po_item_id(91002)
                    .build(),
            )
            .await,
    );
    assert_eq!(gone, "poItemId 91002 was not found");
    let rebought = vendor
        .purchase_order_create(&buying(&booked[1..]))
        .await
        .unwrap();
    assert_eq!(
        rebought.message.as_deref(),
        Some("Purchase order P081002 was successfully created")
    );
    let details = company
        .purchase_order_va_details_list(
            &PurchaseOrderVaDetailsListRequest::builder()
                .filter(VaPurchaseOrderFilter::item_ids(vec![
                    91003.into(),
                    91004.into(),
                ]))
                .build(),
        )
        .await
        .unwrap()
        .purchase_orders
        .unwrap();
    let found: Vec<_> = details
        .iter()
        .map(|o| {
            (
                o.number.clone(),
                o.details.as_ref().map(|d| d[0].po_item_id),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            (Some("P081001".into()), Some(Some(91003.into()))),
            (Some("P081002".into()), Some(Some(91004.into())))
        ]
    );
}

#[tokio::test]
async fn future_sales_lines_book_boxes_from_purchase_order_lines() {
    let future = serde_json::json!({
        "purchaseOrders": [{"id": 81001, "number": "P081001", "vendorId": 3001,
            "shipDate": ship_date().to_string(), "status": "open", "poStatus": "Approved"}],
        "purchaseOrderItems": [{"id": 91001, "purchaseOrderId": 81001, "productId": 5001,
            "boxTypeId": 901, "boxTypeCode": "HB", "boxes": 10, "unitType": "Stem",
            "bunches": 10, "stemsBunch": 25, "cost": 0.2}]
    });
    let sandbox = Sandbox::builder().fixture(future).start().await.unwrap();
    let client = sandbox.client(TokenKind::Company).build().unwrap();

    let from_po = |po: &str, boxes| {
        let mut line = box_line(
            ProductRef::Id {
                product_id: 5001.into(),
            },
            Some(VendorRef::id(3001)),
            "0.2",
            "0.4",
        );
        line.future_sales_po_number = Some(po.into());
        line.boxes = Some(boxes);
        line
    };
    let mut request = to_bloom_by_fedex();
    request.auto_generate_pos = Some(true);
    request.prebook_items = Some(vec![
        from_po("P081001", 4),
        from_po("P081001", 7),
        from_po("81001", 1),
    ]);
    let created = client.prebook_create(&request).await.unwrap();
    // Booked lines are already bought: no purchase order is raised for them.
    assert!(created.purchase_order_numbers.is_none());
    let items = created.items.unwrap();
    assert_eq!(
        items
            .iter()
            .map(|i| (i.status, i.available_boxes))
            .collect::<Vec<_>>(),
        [
            (Some(true), Some(6)),
            (Some(false), None),
            (Some(false), None)
        ]
    );
    assert_eq!(
        items[1].message.as_deref(),
        Some("future sales purchase order P081001 has only 6 boxes of product 5001 left")
    );
    assert_eq!(
        items[2].message.as_deref(),
        Some("future sales purchase order 81001 was not found")
    );

    let prebook = created.prebook_id.unwrap();
    let add = |boxes| {
        PrebookFutureItemAddRequest::builder()
            .prebook_id(prebook)
            .inventory_id(91001)
            .boxes(boxes)
            .price("0.45".parse::<rust_decimal::Decimal>().unwrap())
            .build()
    };
    client.prebook_future_item_add(&add(6)).await.unwrap();
    let sold_out = message(client.prebook_future_item_add(&add(1)).await);
    assert_eq!(
        sold_out,
        "future inventory item 91001 has only 0 boxes left"
    );
    let lines = details(&client, ship_date()).await[0]
        .details
        .clone()
        .unwrap();
    assert_eq!(
        lines
            .iter()
            .map(|l| (l.total_boxes, l.vendor_id))
            .collect::<Vec<_>>(),
        [(Some(4), Some(3001.into())), (Some(6), Some(3001.into()))]
    );
}

#[tokio::test]
async fn a_standalone_purchase_order_buys_products_by_description() {
    let sandbox = Sandbox::start().await.unwrap();
    let company = sandbox.client(TokenKind::Company).build().unwrap();
    let mut line = PurchaseOrderCreatePurchaseOrderItem::default();
    line.product_description = Some("Rose Freedom 40cm".into());
    let mut order = PurchaseOrderCreateRequest::builder()
        .ship_date(ship_date())
        .purchase_order_items(vec![line])
        .build();
    order.vendor = Some(VendorRefByIdOrCode::Code {
        vendor_code: "andes".into(),
    });
    let bought = company.purchase_order_create(&order).await.unwrap();
    assert_eq!(bought.status, Some(true), "{:?}", bought.message);
    let products: Vec<Option<i64>> = sandbox.with_store(|store| {
        store
            .table("purchaseOrderItems")
            .rows()
            .map(|line| line.get("productId").and_then(serde_json::Value::as_i64))
            .collect()
    });
    assert_eq!(products, [Some(5001)]);

    // A line that names neither a prebook line nor a product is refused before sending.
    let empty = PurchaseOrderCreateRequest::builder()
        .ship_date(ship_date())
        .purchase_order_items(vec![PurchaseOrderCreatePurchaseOrderItem::default()])
        .build();
    match company.purchase_order_create(&empty).await {
        Err(Error::Validation { violations, .. }) => assert!(
            violations
                .iter()
                .any(|v| v.path.starts_with("purchaseOrderItems[0]")),
            "{violations}"
        ),
        other => panic!("expected a validation error, got {other:?}"),
    }
}
