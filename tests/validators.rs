//! Layer 4: each kind of rule in the spec, enforced by the generated validators, with a case
//! that passes and one that fails (with the JSON path and rule named).

use chrono::NaiveDate;
use komet_api::payments::PaymentListRequest;
use komet_api::prebooks::{
    MultiplePrebooksCreatePrebookItem, MultiplePrebooksCreateRequest, PrebookCreateBreakdown,
    PrebookCreatePrebookItem, PrebookCreateRequest,
};
use komet_api::products::ProductAddRequest;
use komet_api::purchase_orders::{PurchaseOrderItemsAwbAddPoItem, PurchaseOrderItemsAwbAddRequest};
use komet_api::registry;
use komet_api::web_orders::WebOrderItemAddRequest;
use komet_api::{
    BoxTypeRef, CarrierRef, CustomerRef, ItemType, ProductRef, TokenKind, UnitType,
    ValidationContext, ViolationRule, Violations, WebOrderBoxTypeRef, WebOrderProductRef,
};
use rust_decimal::Decimal;
use serde_json::json;

fn company() -> ValidationContext {
    ValidationContext {
        token_kind: Some(TokenKind::Company),
        ..ValidationContext::default()
    }
}

fn vendor() -> ValidationContext {
    ValidationContext {
        token_kind: Some(TokenKind::Vendor),
        ..ValidationContext::default()
    }
}

fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
}

fn box_line() -> PrebookCreatePrebookItem {
    let mut line = PrebookCreatePrebookItem::builder()
        .product(ProductRef::Id {
            product_id: 999.into(),
        })
        .unit_type(UnitType::Stem)
        .build();
    line.box_type = Some(BoxTypeRef::Id {
        box_type_id: 900.into(),
    });
    line.boxes = Some(5);
    line.bunches = Some(10);
    line
}

fn prebook(lines: Vec<PrebookCreatePrebookItem>) -> PrebookCreateRequest {
    let mut request = PrebookCreateRequest::builder()
        .customer(CustomerRef::Id {
            customer_id: 9999.into(),
        })
        .carrier(CarrierRef::Id {
            carrier_id: 1878.into(),
        })
        .ship_date(day())
        .build();
    request.prebook_items = Some(lines);
    request
}

/// The single violation, or a panic listing what came back.
fn only(result: Result<(), Violations>) -> (String, ViolationRule) {
    let violations = result.expect_err("expected a violation");
    let all: Vec<_> = violations.iter().collect();
    assert_eq!(all.len(), 1, "expected one violation, got {violations}");
    (all[0].path.clone(), all[0].rule)
}

#[test]
fn a_complete_prebook_passes() {
    prebook(vec![box_line()]).validate(&company()).unwrap();
}

#[test]
fn string_length() {
    let mut request = prebook(vec![]);
    request.comments = Some("x".repeat(200));
    request.validate(&company()).unwrap();
    request.comments = Some("x".repeat(201));
    assert_eq!(
        only(request.validate(&company())),
        ("comments".into(), ViolationRule::MaxLength)
    );
}

#[test]
fn string_length_counts_characters_not_bytes() {
    let mut request = prebook(vec![]);
    request.comments = Some("ñ".repeat(200));
    request.validate(&company()).unwrap();
}

#[test]
fn integer_digits() {
    let mut line = box_line();
    line.boxes = Some(9_999_999_999);
    prebook(vec![line.clone()]).validate(&company()).unwrap();
    line.boxes = Some(10_000_000_000);
    assert_eq!(
        only(prebook(vec![line]).validate(&company())),
        ("prebookItems[0].boxes".into(), ViolationRule::MaxDigits)
    );
}

#[test]
fn decimal_scale_and_precision() {
    let mut line = box_line();
    line.price = Some(Decimal::new(1_234_567_899, 2)); // 12345678.99: 10 digits
    prebook(vec![line.clone()]).validate(&company()).unwrap();
    line.price = Some(Decimal::new(2505, 3)); // 2.505
    assert_eq!(
        only(prebook(vec![line.clone()]).validate(&company())),
        ("prebookItems[0].price".into(), ViolationRule::DecimalScale)
    );
    line.price = Some(Decimal::new(12_345_678_901, 2)); // 123456789.01: 11 digits
    assert_eq!(
        only(prebook(vec![line]).validate(&company())),
        (
            "prebookItems[0].price".into(),
            ViolationRule::DecimalPrecision
        )
    );
}

#[test]
fn required_if_value_box_and_unit() {
    let mut line = box_line();
    line.boxes = None;
    assert_eq!(
        only(prebook(vec![line]).validate(&company())),
        (
            "prebookItems[0].boxes".into(),
            ViolationRule::ConditionalRequired
        )
    );

    let mut unit = PrebookCreatePrebookItem::builder()
        .product(ProductRef::Id {
            product_id: 1.into(),
        })
        .unit_type(UnitType::Bunch)
        .build();
    unit.item_type = Some(ItemType::Unit);
    let (path, rule) = only(prebook(vec![unit.clone()]).validate(&company()));
    assert_eq!(
        (path.as_str(), rule),
        (
            "prebookItems[0].totalUnits",
            ViolationRule::ConditionalRequired
        )
    );
    unit.total_units = Some(40);
    prebook(vec![unit]).validate(&company()).unwrap();
}

#[test]
fn default_counts_when_the_condition_field_is_absent() {
    // itemType defaults to BOX, so a line without itemType needs a box type.
    let mut line = box_line();
    line.box_type = None;
    let violations = prebook(vec![line]).validate(&company()).unwrap_err();
    assert!(violations.iter().any(
        |v| v.path.contains("prebookItems[0]") && v.rule == ViolationRule::ConditionalRequired
    ));
    assert!(violations.to_string().contains("BOX"), "{violations}");
}

#[test]
fn required_if_root_value_from_a_nested_line() {
    let mut request = prebook(vec![box_line()]);
    request.auto_generate_pos = Some(true);
    let violations = request.validate(&company()).unwrap_err();
    let paths: Vec<String> = violations.iter().map(|v| v.path.clone()).collect();
    assert!(
        paths.iter().any(|p| p == "prebookItems[0].cost"),
        "{paths:?}"
    );
    assert!(
        paths
            .iter()
            .any(|p| p.starts_with("prebookItems[0]") && p.contains("vendor")),
        "{paths:?}"
    );
    let mut line = box_line();
    line.cost = Some(Decimal::new(70, 2));
    line.vendor = komet_api::VendorRef::id(999);
    request.prebook_items = Some(vec![line]);
    request.validate(&company()).unwrap();
}

/// `when: { field, equals, token }`: with POs generated, a company token names the vendor of
/// each line; a vendor token's lines are its own, so only the cost is needed (which a vendor
/// token may send with the Allow Changing Cost setting).
#[test]
fn a_field_condition_for_company_tokens_only() {
    let mut line = box_line();
    line.cost = Some(Decimal::new(70, 2));
    let mut request = prebook(vec![line]);
    request.auto_generate_pos = Some(true);
    let violations = request.validate(&company()).unwrap_err();
    let found: Vec<_> = violations
        .iter()
        .map(|v| (v.path.as_str(), v.rule))
        .collect();
    assert_eq!(
        found,
        [("prebookItems[0].vendor", ViolationRule::ConditionalRequired)]
    );
    assert!(
        violations
            .iter()
            .next()
            .unwrap()
            .message
            .contains("for company tokens"),
        "{violations}"
    );

    let vendor_with_cost_setting = ValidationContext {
        settings: vec!["allow_changing_cost"],
        ..vendor()
    };
    request.validate(&vendor_with_cost_setting).unwrap();
    // Without a token kind the token part never holds, so the rule does not fire.
    request.validate(&ValidationContext::default()).unwrap();
}

#[test]
fn nested_array_paths_are_exact() {
    let mut line = box_line();
    let mut breakdown = PrebookCreateBreakdown::builder()
        .product(ProductRef::Id {
            product_id: 1.into(),
        })
        .bunches(2)
        .stems_bunch(3)
        .cost(Decimal::new(75, 2))
        .build();
    breakdown.price = Some(Decimal::new(150, 2));
    let mut bad = breakdown.clone();
    bad.stems_bunch = 12_345_678_901;
    line.breakdowns = Some(vec![breakdown, bad]);
    assert_eq!(
        only(prebook(vec![box_line(), box_line(), line]).validate(&company())),
        (
            "prebookItems[2].breakdowns[1].stemsBunch".into(),
            ViolationRule::MaxDigits
        )
    );
}

#[test]
fn every_violation_is_reported_at_once() {
    let mut line = box_line();
    line.boxes = None;
    line.notes = Some("x".repeat(1001));
    let mut request = prebook(vec![line]);
    request.customer_po = Some("x".repeat(21).into());
    let violations = request.validate(&company()).unwrap_err();
    assert_eq!(violations.len(), 3, "{violations}");
}

#[test]
fn ignored_for_vendor_tokens() {
    let mut breakdown = PrebookCreateBreakdown::builder()
        .product(ProductRef::Id {
            product_id: 1.into(),
        })
        .bunches(2)
        .stems_bunch(3)
        .cost(Decimal::ONE)
        .build();
    breakdown.price = Some(Decimal::ONE);
    let mut line = box_line();
    line.breakdowns = Some(vec![breakdown]);
    let request = prebook(vec![line]);
    request.validate(&company()).unwrap();
    let mut context = vendor();
    context.settings = vec!["allow_changing_cost"];
    assert_eq!(
        only(request.validate(&context)),
        (
            "prebookItems[0].breakdowns[0].price".into(),
            ViolationRule::IgnoredForToken
        )
    );
}

#[test]
fn company_setting_for_vendor_tokens() {
    let mut line = box_line();
    line.cost = Some(Decimal::ONE);
    let request = prebook(vec![line]);
    request.validate(&company()).unwrap();
    assert_eq!(
        only(request.validate(&vendor())),
        ("prebookItems[0].cost".into(), ViolationRule::CompanySetting)
    );
    let mut allowed = vendor();
    allowed.settings = vec![komet_api::CompanySetting::AllowChangingCost.key()];
    request.validate(&allowed).unwrap();
}

#[test]
fn multi_location_requirement() {
    let request = prebook(vec![]);
    request.validate(&company()).unwrap();
    let multi = ValidationContext {
        multi_location: true,
        ..company()
    };
    assert_eq!(
        only(request.validate(&multi)),
        ("companyLocationCode".into(), ViolationRule::MultiLocation)
    );
    let mut request = request;
    request.company_location_code = Some("MIA".into());
    request.validate(&multi).unwrap();
}

fn web_line() -> WebOrderItemAddRequest {
    let mut request = WebOrderItemAddRequest::builder()
        .customer_id(77)
        .price(Decimal::new(250, 2))
        .quantity(3)
        .carrier_id(1878)
        .date(day())
        .build();
    request.inventory_ids = Some(vec![428545.into()]);
    request.inventory_origin = Some(komet_api::InventoryOrigin::OnHand);
    request
}

#[test]
fn required_unless_present() {
    let user = ValidationContext {
        token_kind: Some(TokenKind::User),
        ..ValidationContext::default()
    };
    web_line().validate(&user).unwrap();
    let mut request = web_line();
    request.inventory_origin = None;
    assert_eq!(
        only(request.validate(&user)),
        ("inventoryOrigin".into(), ViolationRule::ConditionalRequired)
    );
}

#[test]
fn transactional_access_only_fields() {
    let mut request = web_line();
    request.inventory_ids = None;
    request.inventory_origin = None;
    request.product = WebOrderProductRef::code("RS55B");
    request.box_type = WebOrderBoxTypeRef::code("HB");
    request.units_per_box = Some(250);
    request.unit_type = Some(UnitType::Stem);
    let plain = ValidationContext {
        token_kind: Some(TokenKind::User),
        ..ValidationContext::default()
    };
    let violations = request.validate(&plain).unwrap_err();
    assert_eq!(violations.len(), 4, "{violations}");
    assert!(violations
        .iter()
        .all(|v| v.rule == ViolationRule::TransactionalAccess));
    let transactional = ValidationContext {
        transactional_access: true,
        ..plain
    };
    request.validate(&transactional).unwrap();
}

#[test]
fn required_fields_and_exclusive_alternatives_in_json() {
    let context = company();
    let ok = json!({"customerId": 1, "carrierId": 2, "shipDate": "2026-12-01"});
    registry::validate_request("prebook.create", &ok, &context).unwrap();

    let both = json!({"customerId": 1, "customerCode": "ANG", "customerDescription": "Ang", "carrierId": 2, "shipDate": "2026-12-01"});
    let err = registry::validate_request("prebook.create", &both, &context)
        .unwrap_err()
        .to_string();
    assert!(err.contains("customer"), "{err}");

    let half = json!({"customerCode": "ANG", "carrierId": 2, "shipDate": "2026-12-01"});
    let err = registry::validate_request("prebook.create", &half, &context)
        .unwrap_err()
        .to_string();
    assert!(err.contains("customerDescription"), "{err}");

    let missing = json!({"customerId": 1, "carrierId": 2});
    let err = registry::validate_request("prebook.create", &missing, &context)
        .unwrap_err()
        .to_string();
    assert!(err.contains("shipDate"), "{err}");
}

#[test]
fn types_dates_enums_and_unknown_fields_in_json() {
    let context = company();
    let request = json!({
        "customerId": "12a",
        "carrierId": 2,
        "shipDate": "2026-02-30",
        "shipViaId": 7,
        "shipToAddress": "nowhere",
    });
    let err = registry::validate_request("prebook.create", &request, &context).unwrap_err();
    let text = err.to_string();
    for expected in ["customerId", "shipDate", "shipViaId", "shipToAddress"] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
}

#[test]
fn token_parameter_is_not_a_field() {
    let request = json!({"authenticationToken": "t", "customerId": 1, "carrierId": 2, "shipDate": "2026-12-01"});
    registry::validate_request("prebook.create", &request, &company()).unwrap();
}

#[test]
fn multiple_prebooks_requires_vendor_and_cost_for_purchase_orders() {
    let line = MultiplePrebooksCreatePrebookItem::builder()
        .carrier_code("FX")
        .carrier_name("Fedex")
        .ship_date(day())
        .identifier("l-1")
        .product_code("RS55B")
        .product_description("Roses 55cm")
        .box_type_code("HB")
        .boxes(5)
        .unit_type(UnitType::Stem)
        .bunches(10)
        .stems_bunch(25)
        .price(Decimal::new(250, 2))
        .build();
    let mut request = MultiplePrebooksCreateRequest::builder()
        .customer_code("ANG")
        .customer_name("Ang Flowers")
        .customer_billing_street("1 St")
        .customer_billing_city("Miami")
        .customer_billing_state("FL")
        .customer_billing_zipcode("33101")
        .customer_billing_country("USA")
        .customer_shipping_street("1 St")
        .customer_shipping_city("Miami")
        .customer_shipping_state("FL")
        .customer_shipping_zipcode("33101")
        .customer_shipping_country("USA")
        .customer_phone("555")
        .build();
    request.prebook_items = Some(vec![line]);
    request.validate(&company()).unwrap();
    request.auto_generate_pos = Some(true);
    let violations = request.validate(&company()).unwrap_err();
    let paths: Vec<_> = violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "prebookItems[0].vendorCode",
            "prebookItems[0].vendorName",
            "prebookItems[0].cost"
        ],
        "{violations}"
    );
}

fn unknown_token() -> ValidationContext {
    ValidationContext::default()
}

fn vendor_with_cost_setting() -> ValidationContext {
    ValidationContext {
        settings: vec![komet_api::CompanySetting::AllowChangingCost.key()],
        ..vendor()
    }
}

fn priceless_breakdown_prebook() -> PrebookCreateRequest {
    let breakdown = PrebookCreateBreakdown::builder()
        .product(ProductRef::Id {
            product_id: 1.into(),
        })
        .bunches(2)
        .stems_bunch(3)
        .cost(Decimal::ONE)
        .build();
    let mut line = box_line();
    line.breakdowns = Some(vec![breakdown]);
    prebook(vec![line])
}

#[test]
fn required_for_company_tokens_only() {
    // Breakdown price: required with a company token, not for a vendor token (which may not
    // send it at all), and not judged when the token kind is unknown.
    let request = priceless_breakdown_prebook();
    let (path, rule) = only(request.validate(&company()));
    assert_eq!(
        (path.as_str(), rule),
        (
            "prebookItems[0].breakdowns[0].price",
            ViolationRule::ConditionalRequired
        )
    );
    let violations = request.validate(&company()).unwrap_err();
    assert!(
        violations.to_string().contains("for company tokens"),
        "{violations}"
    );
    request.validate(&vendor_with_cost_setting()).unwrap();
    request.validate(&unknown_token()).unwrap();

    let mut priced = request.clone();
    let items = priced.prebook_items.as_mut().unwrap();
    items[0].breakdowns.as_mut().unwrap()[0].price = Some(Decimal::new(150, 2));
    priced.validate(&company()).unwrap();
}

#[test]
fn token_rule_on_a_top_level_field() {
    let line = PurchaseOrderItemsAwbAddPoItem::builder()
        .po_item_id(7828)
        .awb("08472-4772-0048")
        .ship_date(day())
        .build();
    let mut request = PurchaseOrderItemsAwbAddRequest::builder()
        .po_items(vec![line])
        .build();
    assert_eq!(
        only(request.validate(&company())),
        ("vendorId".into(), ViolationRule::ConditionalRequired)
    );
    request.validate(&vendor()).unwrap();
    request.validate(&unknown_token()).unwrap();
    request.vendor_id = Some(999.into());
    request.validate(&company()).unwrap();
}

#[test]
fn at_least_one_of() {
    let mut request = ProductAddRequest::builder().category("Roses").build();
    assert_eq!(
        only(request.validate(&company())),
        ("variety".into(), ViolationRule::RequireOneOf)
    );
    let violations = request.validate(&company()).unwrap_err();
    assert!(
        violations
            .to_string()
            .contains("at least one of variety, color, grade is required"),
        "{violations}"
    );
    // Any one of them is enough, and more than one is allowed.
    request.grade = Some("60cm".into());
    request.validate(&company()).unwrap();
    request.color = Some("Red".into());
    request.validate(&company()).unwrap();
}

#[test]
fn at_least_one_filter_in_json() {
    let context = company();
    let err = registry::validate_request("awb.list", &json!({}), &context).unwrap_err();
    let registry::RegistryError::Invalid(violations) = err else {
        panic!("expected violations, got {err}");
    };
    assert_eq!(
        violations
            .iter()
            .map(|v| (v.path.as_str(), v.rule))
            .collect::<Vec<_>>(),
        [("awb", ViolationRule::RequireOneOf)]
    );
    for filters in [
        json!({"awb": 983}),
        json!({"shipDate": "2026-12-01"}),
        json!({"awb": 983, "shipDate": "2026-12-01"}),
    ] {
        registry::validate_request("awb.list", &filters, &context).unwrap();
    }
}

#[test]
fn date_span_limit() {
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let mut request = PaymentListRequest::default();
    request.date_from = Some(date(1, 1));
    request.date_to = Some(date(2, 1)); // 31 days later: the limit itself
    request.validate(&company()).unwrap();
    request.date_to = Some(date(2, 2)); // 32 days
    assert_eq!(
        only(request.validate(&company())),
        ("dateTo".into(), ViolationRule::DateSpan)
    );
    let violations = request.validate(&company()).unwrap_err();
    assert!(
        violations
            .to_string()
            .contains("at most 31 days after dateFrom (got 32 days)"),
        "{violations}"
    );
}

#[test]
fn date_span_is_skipped_when_a_date_is_invalid_or_absent() {
    let context = company();
    // A broken date is reported once, as a date, not again as a span.
    let bad = json!({"dateFrom": "2026-01-01", "dateTo": "2026-13-01"});
    let err = registry::validate_request("payment.list", &bad, &context).unwrap_err();
    let registry::RegistryError::Invalid(violations) = err else {
        panic!("expected violations, got {err}");
    };
    assert_eq!(
        violations.iter().map(|v| v.rule).collect::<Vec<_>>(),
        [ViolationRule::Date]
    );
    let open_ended = json!({"orderDate": "2026-12-01", "orderDateFrom": "2026-01-01"});
    registry::validate_request("pickticket.details.list", &open_ended, &context).unwrap();
}

#[test]
fn new_rule_names() {
    assert_eq!(ViolationRule::RequireOneOf.as_str(), "require_one_of");
    assert_eq!(ViolationRule::DateSpan.to_string(), "date_span");
}

/// `map`: an object keyed by text, each value checked against the shape, with the key in the
/// path; the typed response keeps the keys.
#[test]
fn map_values_are_checked_under_their_key() {
    let method = registry::find("carriers.by.customer.ship.date.list")
        .unwrap()
        .meta;
    let good = json!({"defaultCarriersByDate": {"02/29/2016": {"carrierId": 4232, "carrierName": "Air Canada"}}});
    komet_api::validate::validate_value(method.response, &good, &company()).unwrap();
    let typed: komet_api::carriers::CarriersByCustomerShipDateListResponse =
        serde_json::from_value(good).unwrap();
    let by_date = typed.default_carriers_by_date.unwrap();
    assert_eq!(by_date["02/29/2016"].carrier_id, Some(4232.into()));

    let bad = json!({"defaultCarriersByDate": {
        "02/29/2016": {"carrierId": "x".repeat(3), "carrierName": "A"},
        "03/01/2016": 7
    }});
    let violations =
        komet_api::validate::validate_value(method.response, &bad, &company()).unwrap_err();
    let paths: Vec<_> = violations
        .iter()
        .map(|v| (v.path.as_str(), v.rule))
        .collect();
    assert_eq!(
        paths,
        [
            (
                r#"defaultCarriersByDate["02/29/2016"].carrierId"#,
                ViolationRule::Type
            ),
            (
                r#"defaultCarriersByDate["03/01/2016"]"#,
                ViolationRule::Type
            ),
        ]
    );
    let not_a_map = json!({"defaultCarriersByDate": [1]});
    let violations =
        komet_api::validate::validate_value(method.response, &not_a_map, &company()).unwrap_err();
    assert_eq!(
        violations.iter().next().unwrap().path,
        "defaultCarriersByDate"
    );
}

// ------------------------------------------------------------------------------------------
// Impossible dates and times: dates must lie in years 1900..=9999 and times must be real clock
// times, in exactly the documented widths.
// ------------------------------------------------------------------------------------------

use komet_api::meta::{FieldType, ObjectMeta};
use serde_json::Value;

/// A JSON object holding `value` at `path` (`a[].b` puts `b` in the first element of `a`,
/// a map gets the key `k`), and the violation path the validator reports for it.
fn nested(meta: &ObjectMeta, path: &str, value: Value) -> (Value, String) {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let name = head.trim_end_matches("[]");
    let field = meta.fields.iter().find(|f| f.name == name).unwrap();
    let Some(rest) = rest else {
        return (json!({ name: value }), name.to_string());
    };
    match &field.ty {
        FieldType::Object(inner) => {
            let (v, p) = nested(inner, rest, value);
            (json!({ name: v }), format!("{name}.{p}"))
        }
        FieldType::Array(inner) => {
            let (v, p) = nested(inner, rest, value);
            (json!({ name: [v] }), format!("{name}[0].{p}"))
        }
        FieldType::Map(inner) => {
            let (v, p) = nested(inner, rest, value);
            (json!({ name: { "k": v } }), format!("{name}[\"k\"].{p}"))
        }
        _ => panic!("{path}: {name} is not a nested field"),
    }
}

/// The rules the validator reports at `path` for a request holding only `value` there.
fn rules_at(method: &str, path: &str, value: Value) -> Vec<ViolationRule> {
    let meta = registry::find(method).unwrap().meta;
    let (request, at) = nested(meta.request, path, value);
    match komet_api::validate::validate_value(meta.request, &request, &company()) {
        Ok(()) => vec![],
        Err(violations) => violations
            .iter()
            .filter(|v| v.path == at)
            .map(|v| v.rule)
            .collect(),
    }
}

/// The rules reported for `shipDate` of prebook.create.
fn ship_date_rules(text: &str) -> Vec<ViolationRule> {
    rules_at("prebook.create", "shipDate", json!(text))
}

/// The rules reported for a datetime field (`createdFrom`... of a list method).
fn datetime_rules(text: &str) -> Vec<ViolationRule> {
    let (method, path) = datetime_field();
    rules_at(method, &path, json!(text))
}

/// The first top-level datetime field of any method's request.
fn datetime_field() -> (&'static str, String) {
    registry::methods()
        .iter()
        .find_map(|e| {
            e.meta
                .request
                .fields
                .iter()
                .find(|f| matches!(f.ty, FieldType::DateTime))
                .map(|f| (e.meta.name, f.name.to_string()))
        })
        .expect("some request has a datetime field")
}

#[test]
fn year_zero_and_years_komet_cannot_store_are_rejected() {
    for text in ["0000-01-01", "0001-01-01", "1899-12-31"] {
        assert_eq!(ship_date_rules(text), [ViolationRule::Date], "{text}");
        assert_eq!(
            datetime_rules(&format!("{text} 10:00:00")),
            [ViolationRule::DateTime],
            "{text}"
        );
    }
    for text in ["1900-01-01", "2026-12-01", "9999-12-31"] {
        assert!(ship_date_rules(text).is_empty(), "{text}");
        assert!(
            datetime_rules(&format!("{text} 23:59:59")).is_empty(),
            "{text}"
        );
    }
}

#[test]
fn the_date_message_names_the_year_range() {
    let meta = registry::find("prebook.create").unwrap().meta;
    let request = json!({"customerId": 1, "carrierId": 2, "shipDate": "0000-01-01"});
    let violations =
        komet_api::validate::validate_value(meta.request, &request, &company()).unwrap_err();
    let text = violations.to_string();
    assert!(text.contains("shipDate"), "{text}");
    assert!(text.contains("1900") && text.contains("9999"), "{text}");
}

#[test]
fn leap_seconds_and_hour_24_are_rejected() {
    for text in [
        "2026-12-31 23:59:60",
        "2026-06-30 23:59:60",
        "2026-12-01 24:00:00",
        "2026-12-01 12:60:00",
        "2026-12-01 12:00:61",
    ] {
        assert_eq!(datetime_rules(text), [ViolationRule::DateTime], "{text}");
    }
    assert!(datetime_rules("2026-12-01 00:00:00").is_empty());
}

#[test]
fn dates_and_times_must_have_exactly_the_documented_widths() {
    for text in [
        "2026-1-5",
        "2026-01-5",
        "+2026-01-05",
        "02026-01-05",
        "-2026-01-05",
        "2026-01-05 ",
        " 2026-01-05",
        "2026/01/05",
        "20260105",
    ] {
        assert_eq!(ship_date_rules(text), [ViolationRule::Date], "{text}");
    }
    for text in [
        "2026-12-01 1:00:00",
        "2026-12-01 01:00",
        "2026-12-01T01:00:00",
        "2026-12-01 01:00:00.5",
        "+2026-12-01 01:00:00",
        "2026-12-1 01:00:00",
    ] {
        assert_eq!(datetime_rules(text), [ViolationRule::DateTime], "{text}");
    }
}

// ------------------------------------------------------------------------------------------
// Lower bounds of numbers. Every numeric request field either carries a `min` in the spec or
// is listed in `LEFT_WITHOUT_MIN` (with the reason in the method's `docs.notes`); quantity-like,
// price-like, id-like and paging fields must carry one.
// ------------------------------------------------------------------------------------------

use komet_api::meta::FieldMeta;

/// Numeric request fields deliberately left without a lower bound (`method field-path`), with
/// the reason in the method's `docs.notes`.
const LEFT_WITHOUT_MIN: &[&str] = &[
    // Money that may legitimately be negative (adjustments, credits, refunds) or whose sign the
    // page leaves open.
    "customer.additional.charge.update amountValue",
    "customer.reward.set value",
    "invoice.item.update discount",
    "open.credit.balance.create openCredits[].balance",
    "payment.receive totalPayment",
    "payment.receive invoices[].amount",
    "payment.receive invoices[].discount",
    "vendor.invoice.mail.receive invoiceTotal",
    // The customer's own purchase-order reference, not a Komet number.
];

/// Every numeric (integer or decimal) request field: (method, path, field).
fn numeric_request_fields() -> Vec<(&'static str, String, &'static FieldMeta)> {
    fn walk(
        method: &'static str,
        object: &'static ObjectMeta,
        prefix: &str,
        out: &mut Vec<(&'static str, String, &'static FieldMeta)>,
    ) {
        for field in object.fields {
            let path = format!("{prefix}{}", field.name);
            match &field.ty {
                FieldType::Integer { .. } | FieldType::Decimal { .. } => {
                    out.push((method, path, field))
                }
                FieldType::Object(inner) => walk(method, inner, &format!("{path}."), out),
                FieldType::Array(inner) | FieldType::Map(inner) => {
                    walk(method, inner, &format!("{path}[]."), out)
                }
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    for entry in registry::methods() {
        walk(entry.meta.name, entry.meta.request, "", &mut out);
    }
    out
}

/// What kind of number a field name says it holds, and the least value that makes sense.
fn expected_min(name: &str) -> Option<(&'static str, &'static str)> {
    let lower = name.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if lower == "page" || lower == "rows" {
        Some(("paging", "1"))
    } else if lower.ends_with("id") || lower.ends_with("ids") {
        Some(("id", "1"))
    } else if has(&["price", "cost"]) {
        Some(("price or cost", "0"))
    } else if has(&[
        "boxes", "bunch", "units", "stems", "quantity", "qty", "pack", "capacity", "days",
        "weight", "length", "width", "height",
    ]) {
        Some(("quantity", "0"))
    } else {
        None
    }
}

#[test]
fn every_quantity_price_id_and_paging_field_has_a_min() {
    let mut missing = Vec::new();
    for (method, path, field) in numeric_request_fields() {
        let Some((class, least)) = expected_min(field.name) else {
            continue;
        };
        // Ids and page numbers start at 1; quantities and prices at 0 or 1.
        let fine = match (class, field.min) {
            ("id" | "paging", Some(min)) => min == least,
            (_, Some(min)) => min == "0" || min == "1",
            (_, None) => false,
        };
        if !fine {
            missing.push(format!(
                "{method} {path} ({class}): min {:?}, expected {least}",
                field.min
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "fields without the lower bound their meaning calls for:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_numeric_request_field_has_a_min_or_a_reason() {
    let fields = numeric_request_fields();
    let unbounded: Vec<String> = fields
        .iter()
        .filter(|(_, _, f)| f.min.is_none())
        .map(|(m, p, _)| format!("{m} {p}"))
        .filter(|key| !LEFT_WITHOUT_MIN.contains(&key.as_str()))
        .collect();
    assert!(
        unbounded.is_empty(),
        "numeric request fields without min (add one, or list the field in LEFT_WITHOUT_MIN \
         and say why in the method's docs.notes):\n{}",
        unbounded.join("\n")
    );
    // The list names real fields that really have no min, so it cannot go stale.
    for key in LEFT_WITHOUT_MIN {
        assert!(
            fields
                .iter()
                .any(|(m, p, f)| format!("{m} {p}") == *key && f.min.is_none()),
            "{key} is listed as left without min but is not an unbounded numeric field"
        );
    }
}

#[test]
fn every_declared_min_is_enforced_and_the_min_itself_passes() {
    let mut checked = 0;
    for (method, path, field) in numeric_request_fields() {
        let Some(min) = field.min else { continue };
        let least: i64 = min.parse().expect("integral min");
        assert!(
            rules_at(method, &path, json!(least - 1)).contains(&ViolationRule::Min),
            "{method} {path}: {} is below min {min} but not reported",
            least - 1
        );
        assert!(
            !rules_at(method, &path, json!(least)).contains(&ViolationRule::Min),
            "{method} {path}: the min {min} itself is rejected"
        );
        checked += 1;
    }
    assert!(checked > 100, "only {checked} fields carry a min");
}

#[test]
fn negative_boxes_are_rejected_with_the_path_and_rule() {
    let mut line = box_line();
    line.boxes = Some(-5);
    let violations = prebook(vec![line.clone()])
        .validate(&company())
        .unwrap_err();
    assert_eq!(
        only(Err(violations.clone())),
        ("prebookItems[0].boxes".into(), ViolationRule::Min)
    );
    assert!(
        violations
            .to_string()
            .contains("must be at least 0 (got -5)"),
        "{violations}"
    );
    line.boxes = Some(0);
    prebook(vec![line]).validate(&company()).unwrap();
}

#[test]
fn negative_counts_in_mixed_box_breakdowns_are_rejected() {
    let mut breakdown = PrebookCreateBreakdown::builder()
        .product(ProductRef::Id {
            product_id: 7.into(),
        })
        .bunches(4)
        .stems_bunch(-1)
        .cost(Decimal::new(25, 2))
        .build();
    breakdown.price = Some(Decimal::new(50, 2));
    let mut line = box_line();
    line.breakdowns = Some(vec![breakdown]);
    assert_eq!(
        only(prebook(vec![line]).validate(&company())),
        (
            "prebookItems[0].breakdowns[0].stemsBunch".into(),
            ViolationRule::Min
        )
    );
}

#[test]
fn negative_prices_and_costs_are_rejected() {
    let mut line = box_line();
    line.price = Some(Decimal::new(-1, 2)); // -0.01
    assert_eq!(
        only(prebook(vec![line.clone()]).validate(&company())),
        ("prebookItems[0].price".into(), ViolationRule::Min)
    );
    line.price = Some(Decimal::ZERO); // a free line is allowed
    prebook(vec![line]).validate(&company()).unwrap();
    assert_eq!(
        rules_at("inventory.update", "unitCost", json!("-2.5")),
        [ViolationRule::Min]
    );
}

#[test]
fn zero_and_negative_ids_are_rejected() {
    let context = company();
    for id in [json!(0), json!(-3), json!("0")] {
        let request = json!({"customerId": id, "carrierId": 2, "shipDate": "2026-12-01"});
        let err = registry::validate_request("prebook.create", &request, &context).unwrap_err();
        let registry::RegistryError::Invalid(violations) = err else {
            panic!("expected violations, got {err}");
        };
        assert_eq!(
            violations
                .iter()
                .map(|v| (v.path.as_str(), v.rule))
                .collect::<Vec<_>>(),
            [("customerId", ViolationRule::Min)],
            "customerId {id}"
        );
    }
}

#[test]
fn page_numbers_and_page_sizes_start_at_one() {
    assert_eq!(
        rules_at("ecommerce/inventory.list", "page", json!(0)),
        [ViolationRule::Min]
    );
    assert_eq!(
        rules_at("ecommerce/inventory.list", "rows", json!("0")),
        [ViolationRule::Min]
    );
    assert!(rules_at("ecommerce/inventory.list", "page", json!(1)).is_empty());
}

#[test]
fn inventory_quantity_keeps_its_documented_max_and_gains_a_min() {
    assert_eq!(
        rules_at("inventory.add", "quantity", json!(-5)),
        [ViolationRule::Min]
    );
    assert_eq!(
        rules_at("inventory.add", "quantity", json!(101)),
        [ViolationRule::Max]
    );
    assert!(rules_at("inventory.add", "quantity", json!(100)).is_empty());
}

// Fields the pages show that the spec once lacked -----------------------------------------

#[track_caller]
fn accepted_as(kind: TokenKind, method: &str, request: serde_json::Value) {
    let ctx = ValidationContext {
        token_kind: Some(kind),
        ..ValidationContext::default()
    };
    if let Err(e) = registry::validate_request(method, &request, &ctx) {
        panic!("{method} {request}: {e}");
    }
}

#[test]
fn fields_seen_on_the_pages_are_accepted() {
    let company = TokenKind::Company;
    // With orderId the dates are not needed.
    accepted_as(company, "pickticket.details.list", json!({"orderId": 77}));
    // An AWB id or an inbound truck id is filter enough; statusLine filters lines.
    accepted_as(company, "purchase.order.list", json!({"awbId": 5}));
    accepted_as(company, "purchase.order.list", json!({"inboundTruckId": 9}));
    accepted_as(
        company,
        "purchase.order.list",
        json!({"date": "2026-12-01", "statusLine": "Confirmed"}),
    );
    accepted_as(
        company,
        "invoice.details.list",
        json!({"orderDate": "2026-12-01", "updatedAsOf": "2026-12-01 08:00:00"}),
    );
    accepted_as(
        company,
        "invoice.list",
        json!({"orderDateFrom": "2026-12-01", "orderDateTo": "2026-12-02", "locationIds": "3, 4"}),
    );
    // An order number keeps its zeros.
    accepted_as(
        company,
        "invoice.list",
        json!({"orderDateFrom": "2026-12-01", "orderDateTo": "2026-12-02", "order": "003429"}),
    );
    // A standalone purchase order line names a product instead of a prebook line.
    accepted_as(
        company,
        "purchase.order.create",
        json!({"shipDate": "2026-12-01", "vendorId": 3001,
               "purchaseOrderItems": [{"productCode": "ROSE-FR-40"}, {"prebookItemId": 5}]}),
    );
    // The newest inventory.add page puts the parameters in the URL.
    let meta = registry::find("inventory.add").unwrap().meta;
    assert_eq!(meta.params, komet_api::meta::ParamsIn::Query);
}

#[test]
fn a_line_checks_itself_before_the_request_is_built() {
    use komet_api::prebooks::PrebookCreatePrebookItem;
    use komet_api::{ProductRef, UnitType};
    // A box line without its boxes, bunches and box type: refused, with paths from the line.
    let line = PrebookCreatePrebookItem::builder()
        .product(ProductRef::Id {
            product_id: 999.into(),
        })
        .unit_type(UnitType::Stem)
        .build();
    let violations = line.validate(&company()).unwrap_err();
    let paths: Vec<&str> = violations.iter().map(|v| v.path.as_str()).collect();
    assert!(paths.contains(&"boxes"), "{paths:?}");
    let mut line = line;
    line.boxes = Some(5);
    line.bunches = Some(10);
    line.box_type = Some(komet_api::BoxTypeRef::Id {
        box_type_id: 900.into(),
    });
    assert_eq!(line.validate(&company()), Ok(()));
}

#[test]
fn the_rules_widened_by_those_fields_still_refuse_an_empty_request() {
    let ctx = company();
    let refused = |method: &str, request: serde_json::Value| {
        registry::validate_request(method, &request, &ctx)
            .expect_err("refused")
            .to_string()
    };
    // Neither a date, a number, an AWB nor a truck: nothing to list by.
    let text = refused("purchase.order.list", json!({"statusLine": "Confirmed"}));
    assert!(text.contains("date"), "{text}");
    // No order date, range or order id.
    let text = refused("pickticket.details.list", json!({"status": 1}));
    assert!(text.contains("orderDate"), "{text}");
    // A purchase order line that names neither a prebook line nor a product.
    let text = refused(
        "purchase.order.create",
        json!({"shipDate": "2026-12-01", "vendorId": 3001, "purchaseOrderItems": [{}]}),
    );
    assert!(text.contains("purchaseOrderItems[0]"), "{text}");
}
