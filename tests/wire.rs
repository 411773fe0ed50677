//! Layer 5 for generated methods: each spine method (and a query-string method) goes out with
//! the exact verb, path, body or query and headers, against a real HTTP server on 127.0.0.1.
//! Status handling and retry counts are covered in depth by komet-api's own wire tests.

use chrono::NaiveDate;
use komet_api::customers::CustomerListRequest;
use komet_api::prebooks::{MultiplePrebooksCreateRequest, PrebookCreateRequest};
use komet_api::web_orders::WebOrderItemAddRequest;
use komet_api::{
    CarrierRef, Client, CustomerRef, Error, InventoryOrigin, RetryPolicy, Token, TokenKind,
};
use rust_decimal::Decimal;
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "wire-test-token-123";

fn client(server: &MockServer, kind: TokenKind) -> Client {
    Client::builder(Token::new(TOKEN), kind)
        .base_url(&format!("{}/api/", server.uri()))
        .account_id(4321)
        .retry_policy(RetryPolicy::none())
        .build()
        .expect("loopback base URL is allowed")
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn prebook() -> PrebookCreateRequest {
    PrebookCreateRequest::builder()
        .customer(CustomerRef::Id {
            customer_id: 9999.into(),
        })
        .carrier(CarrierRef::Id {
            carrier_id: 1878.into(),
        })
        .ship_date(day())
        .build()
}

#[tokio::test]
async fn prebook_create_posts_json_with_the_token_in_the_body() {
    let server = MockServer::start().await;
    let mut request = prebook();
    request.comments = Some("Leave at dock 3".into());
    Mock::given(method("POST"))
        .and(path("/api/prebook.create"))
        .and(header("content-type", "application/json"))
        .and(body_json(json!({
            "authenticationToken": TOKEN,
            "customerId": 9999,
            "carrierId": 1878,
            "shipDate": "2026-12-01",
            "comments": "Leave at dock 3",
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "1", "message": "ok", "prebookId": 1640006, "prebookNumber": "010225",
            "items": [{"identifier": "a", "status": 0, "message": "no stock"}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server, TokenKind::Company)
        .prebook_create(&request)
        .await
        .unwrap();
    assert_eq!(response.prebook_number.as_deref(), Some("010225"));
    assert_eq!(response.failed_items().count(), 1);
    let sent = &server.received_requests().await.unwrap()[0];
    assert!(
        sent.headers.get("X-ACCOUNT").is_none(),
        "prebook.create needs no X-ACCOUNT"
    );
}

#[tokio::test]
async fn web_order_item_add_sends_token_and_account_as_headers() {
    let server = MockServer::start().await;
    let mut request = WebOrderItemAddRequest::builder()
        .customer_id(77)
        .price(Decimal::new(250, 2))
        .quantity(3)
        .carrier_id(1878)
        .date(day())
        .build();
    request.inventory_ids = Some(vec![428545.into(), 428544.into()]);
    request.inventory_origin = Some(InventoryOrigin::OnHand);
    Mock::given(method("POST"))
        .and(path("/api/web-order-item.add"))
        .and(header("authenticationToken", TOKEN))
        .and(header("X-ACCOUNT", "4321"))
        .and(body_json(json!({
            "customerId": 77, "inventoryIds": "428545,428544", "inventoryOrigin": 1, "price": 2.50,
            "quantity": 3, "carrierId": 1878, "date": "2026-12-01",
        })))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": 1, "message": "added", "webOrderId": 5, "orderId": 8, "invoiceNumber": "003429",
        })))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server, TokenKind::User)
        .web_order_item_add(&request)
        .await
        .unwrap();
    assert_eq!(response.invoice_number.as_deref(), Some("003429"));
    assert_eq!(response.order_id, Some(8.into()));
}

#[tokio::test]
async fn customer_list_is_a_get_with_query_parameters() {
    let server = MockServer::start().await;
    let mut request = CustomerListRequest::default();
    request.code = Some("ANG".into());
    request.include_inactive = Some(true);
    Mock::given(method("GET"))
        .and(path("/api/customer.list"))
        .and(query_param("authenticationToken", TOKEN))
        .and(query_param("code", "ANG"))
        .and(query_param("includeInactive", "1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": "1", "message": "OK", "customers": [{"id": "25", "name": "Ang Flowers", "active": "1"}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let response = client(&server, TokenKind::Company)
        .customer_list(&request)
        .await
        .unwrap();
    let customers = response.customers.unwrap();
    assert_eq!(customers[0].id, Some(25.into()));
    assert_eq!(customers[0].active, Some(true));
}

#[tokio::test]
async fn a_token_kind_the_method_refuses_sends_nothing() {
    let server = MockServer::start().await;
    let request = MultiplePrebooksCreateRequest::builder()
        .customer_code("ANG")
        .customer_name("Ang")
        .customer_billing_street("s")
        .customer_billing_city("c")
        .customer_billing_state("st")
        .customer_billing_zipcode("z")
        .customer_billing_country("US")
        .customer_shipping_street("s")
        .customer_shipping_city("c")
        .customer_shipping_state("st")
        .customer_shipping_zipcode("z")
        .customer_shipping_country("US")
        .customer_phone("555")
        .build();
    let error = client(&server, TokenKind::Vendor)
        .multiple_prebooks_create(&request)
        .await
        .unwrap_err();
    assert!(
        matches!(error, Error::TokenKindNotAllowed { .. }),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn an_invalid_request_sends_nothing_and_names_the_field() {
    let server = MockServer::start().await;
    let mut request = prebook();
    request.customer_po = Some("x".repeat(21).into());
    let error = client(&server, TokenKind::Company)
        .prebook_create(&request)
        .await
        .unwrap_err();
    let text = error.to_string();
    assert!(text.contains("customerPO"), "{text}");
    assert!(!text.contains(TOKEN));
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn komet_status_zero_is_an_api_error_not_a_decode_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/prebook.create"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"status": 0, "message": "Customer not found"})),
        )
        .mount(&server)
        .await;
    let error = client(&server, TokenKind::Company)
        .prebook_create(&prebook())
        .await
        .unwrap_err();
    match error {
        Error::Api { message, .. } => assert_eq!(message, "Customer not found"),
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn a_create_is_not_retried_after_a_server_error() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/prebook.create"))
        .respond_with(ResponseTemplate::new(500).set_body_json(json!({"message": "boom"})))
        .mount(&server)
        .await;
    let client = Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(&format!("{}/api/", server.uri()))
        .retry_policy(RetryPolicy {
            max_retries: 3,
            base_delay: std::time::Duration::from_millis(1),
            max_delay: std::time::Duration::from_millis(5),
        })
        .build()
        .unwrap();
    let error = client.prebook_create(&prebook()).await.unwrap_err();
    assert!(
        matches!(error, Error::Http { status: 500, .. }),
        "{error:?}"
    );
    let received = server.received_requests().await.unwrap();
    assert_eq!(received.len(), 1, "a write must be sent exactly once");
}

/// The body or query of the only request the server received, as sent.
async fn sent(server: &MockServer) -> (String, String) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    (
        String::from_utf8(request.body.clone()).unwrap(),
        request.url.query().unwrap_or_default().to_owned(),
    )
}

#[tokio::test]
async fn document_numbers_and_lists_go_out_byte_for_byte() {
    use komet_api::awbs::AwbListRequest;
    use komet_api::invoices::InvoiceVoidRequest;
    use komet_api::prebooks::PrebookVendorAvailabilityItemAddRequest;
    use komet_api::{AwbNumber, InvoiceNumber};

    let ok = || ResponseTemplate::new(200).set_body_json(json!({"status": 1, "message": "ok"}));

    // A zero-padded invoice number, as text; the same number built from a u64 goes as a number.
    for (number, expected) in [
        (InvoiceNumber::new("003429"), r#""invoiceNumber":"003429""#),
        (InvoiceNumber::from(3429u64), r#""invoiceNumber":3429"#),
    ] {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ok())
            .mount(&server)
            .await;
        let void = InvoiceVoidRequest::builder()
            .invoice_number(number)
            .reason("customer cancelled")
            .build();
        client(&server, TokenKind::Company)
            .invoice_void(&void)
            .await
            .unwrap();
        let (body, _) = sent(&server).await;
        assert!(body.contains(expected), "{body}");
    }

    // The last four digits of an AWB keep their zero in the query string.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ok())
        .mount(&server)
        .await;
    let mut list = AwbListRequest::default();
    list.awb = Some(AwbNumber::new("0983"));
    client(&server, TokenKind::Company)
        .awb_list(&list)
        .await
        .unwrap();
    let (_, query) = sent(&server).await;
    assert!(query.split('&').any(|pair| pair == "awb=0983"), "{query}");

    // Several ids go out as one comma-separated string.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ok())
        .mount(&server)
        .await;
    let add = PrebookVendorAvailabilityItemAddRequest::builder()
        .prebook_id(55)
        .inventory_ids(vec![428545.into(), 428544.into()])
        .quantity(2)
        .price(Decimal::new(150, 2))
        .build();
    client(&server, TokenKind::Company)
        .prebook_vendor_availability_item_add(&add)
        .await
        .unwrap();
    let (body, _) = sent(&server).await;
    assert!(body.contains(r#""inventoryIds":"428545,428544""#), "{body}");
}

#[tokio::test]
async fn ids_go_out_as_the_integers_given_and_come_back_typed() {
    use komet_api::customers::CustomerShiptoListRequest;
    use komet_api::{CarrierId, CustomerId, LocationId, ShipToId};

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/api/customer.shipto.list"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "status": 1, "message": "ok",
            // Komet writes ids as numbers or as numeric text; both come back typed.
            "shiptos": [{"id": 2501, "carrierId": "1801"}, {"id": "2502"}],
        })))
        .expect(1)
        .mount(&server)
        .await;
    let mut request = CustomerShiptoListRequest::default();
    request.customer_id = Some(CustomerId::from(i64::MAX));
    request.id = Some(ShipToId::from(2501));
    let response = client(&server, TokenKind::Company)
        .customer_shipto_list(&request)
        .await
        .unwrap();
    let (_, query) = sent(&server).await;
    let pairs: Vec<&str> = query.split('&').collect();
    assert!(pairs.contains(&"customerId=9223372036854775807"), "{query}");
    assert!(pairs.contains(&"id=2501"), "{query}");
    let ship_tos = response.shiptos.unwrap();
    assert_eq!(ship_tos[0].id, Some(ShipToId::from(2501)));
    assert_eq!(ship_tos[0].carrier_id, Some(CarrierId::from(1801)));
    assert_eq!(ship_tos[1].id.map(ShipToId::get), Some(2502));

    // In a JSON body an id is a bare number, also inside a comma-separated list.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/api/web-order-item.add"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"status": 1, "webOrderId": "30200"})),
        )
        .expect(1)
        .mount(&server)
        .await;
    let mut add = WebOrderItemAddRequest::builder()
        .customer_id(2001)
        .price(Decimal::ONE)
        .quantity(1)
        .carrier_id(1801)
        .date(day())
        .build();
    add.inventory_ids = Some(vec![428545.into()]);
    add.inventory_origin = Some(InventoryOrigin::OnHand);
    add.company_location_id = Some(LocationId::from(13));
    let added = client(&server, TokenKind::User)
        .web_order_item_add(&add)
        .await
        .unwrap();
    let (body, _) = sent(&server).await;
    let body: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["customerId"], json!(2001));
    assert_eq!(body["carrierId"], json!(1801));
    assert_eq!(body["companyLocationId"], json!(13));
    assert_eq!(body["inventoryIds"], json!("428545"));
    assert_eq!(added.web_order_id.map(|id| id.get()), Some(30200));
}

#[tokio::test]
async fn an_id_is_validated_as_the_integer_it_is() {
    use komet_api::customers::CustomerShiptoListRequest;
    use komet_api::ValidationContext;

    // customerId has `min: 1`: the newtype does not loosen the integer's rules.
    let mut request = CustomerShiptoListRequest::default();
    request.customer_id = Some(0.into());
    let violations = request.validate(&ValidationContext::default()).unwrap_err();
    let text = violations.to_string();
    assert!(text.contains("customerId"), "{text}");
    request.customer_id = Some(1.into());
    assert!(request.validate(&ValidationContext::default()).is_ok());
}

#[tokio::test]
async fn document_numbers_in_answers_keep_their_zeros() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_string(
            r#"{"status":1,"message":"ok","prebookId":7,"prebookNumber":"000123","purchaseOrderNumbers":"P002989, P002990"}"#,
        ))
        .mount(&server)
        .await;
    let created = client(&server, TokenKind::Company)
        .prebook_create(&prebook())
        .await
        .unwrap();
    assert_eq!(created.prebook_number.as_deref(), Some("000123"));
    let numbers: Vec<&str> = created
        .purchase_order_numbers
        .iter()
        .flatten()
        .map(|n| n.as_str())
        .collect();
    assert_eq!(numbers, ["P002989", "P002990"]);
}

#[tokio::test]
async fn an_optional_header_is_sent_when_configured_and_left_out_otherwise() {
    use komet_api::web_orders::EcommerceLiteSettingsRequest;
    use komet_api::SalesChannel;

    let request = EcommerceLiteSettingsRequest::builder()
        .customer_id(2001)
        .build();
    for channel in [None, Some(SalesChannel::EcommerceLite)] {
        let server = MockServer::start().await;
        Mock::given(method("GET"))
            .and(path("/api/ecommerce-lite/settings"))
            .and(header("X-ACCOUNT", "4321"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(json!({"status": 1, "message": "ok"})),
            )
            .mount(&server)
            .await;
        let mut builder = Client::builder(Token::new(TOKEN), TokenKind::Customer)
            .base_url(&format!("{}/api/", server.uri()))
            .account_id(4321)
            .retry_policy(RetryPolicy::none());
        let expected = channel.as_ref().map(|_| "ECOMMERCE_LITE");
        if let Some(channel) = channel {
            builder = builder.sales_channel(channel);
        }
        builder
            .build()
            .unwrap()
            .ecommerce_lite_settings(&request)
            .await
            .unwrap();
        let sent = &server.received_requests().await.unwrap()[0];
        let value = sent
            .headers
            .get("X-SALES-CHANNEL")
            .map(|v| v.to_str().unwrap());
        assert_eq!(value, expected);
    }
}

#[tokio::test]
async fn a_request_larger_than_komet_takes_is_refused_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"status": 1, "message": "ok"})),
        )
        .mount(&server)
        .await;
    let client = client(&server, TokenKind::Company);

    // 64 KiB for an ordinary method: 1,500 lines of a prebook are well over it.
    let line = json!({"productId": 999, "unitType": "Stem", "boxes": 5, "bunches": 10,
                      "boxTypeId": 900, "identifier": "line-0001"});
    let big = json!({"customerId": 9999, "carrierId": 1878, "shipDate": "2026-12-01",
                     "prebookItems": vec![line; 1500]});
    let prebook = komet_api::registry::find("prebook.create").unwrap().meta;
    match client.call_value(prebook, big).await {
        Err(Error::RequestTooLarge { bytes, limit, .. }) => {
            assert_eq!(limit, 65536);
            assert!(bytes > 65536, "{bytes}");
        }
        other => panic!("expected RequestTooLarge, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());

    // A file upload may be 20 MiB: a 100 KB file goes out.
    let upload = komet_api::registry::find("vendor.invoice.mail.receive")
        .unwrap()
        .meta;
    let file = json!({"companyToken": "t", "mailFrom": "sales@floresabc.com", "poNumber": "P053455",
                      "file": "7".repeat(100_000), "invoiceNumber": "134495", "invoiceTotal": 100.45});
    client.call_value(upload, file).await.unwrap();
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}
