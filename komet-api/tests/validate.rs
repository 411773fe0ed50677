//! The validation engine against hand-written tables: a passing and a failing case for every
//! rule, nested paths, conditions and every violation reported at once.

use komet_api::meta::{
    AlternativeMeta, Condition, EnumMeta, FieldMeta, FieldType, Need, ObjectMeta, Restriction,
    RuleMeta, TokenKind, WireValue,
};
use komet_api::validate::{validate_serializable, validate_value};
use komet_api::{ValidationContext, ViolationRule as R, Violations};
use serde_json::{Value, json};

// The runtime's const constructors, shortened for the tables below.
const fn field(name: &'static str, ty: FieldType) -> FieldMeta {
    FieldMeta::new(name, ty)
}

const fn required(name: &'static str, ty: FieldType) -> FieldMeta {
    FieldMeta::new(name, ty).required()
}

const fn restricted(
    name: &'static str,
    ty: FieldType,
    restrictions: &'static [Restriction],
) -> FieldMeta {
    FieldMeta::new(name, ty).with_restrictions(restrictions)
}

const fn text(max: u32) -> FieldType {
    FieldType::string(max)
}

const fn int(max: u32) -> FieldType {
    FieldType::integer(max)
}

static ITEM_TYPE: EnumMeta = EnumMeta {
    name: "ItemType",
    values: &[WireValue::Str("BOX"), WireValue::Str("UN")],
};
static ORIGIN: EnumMeta = EnumMeta {
    name: "InventoryOrigin",
    values: &[WireValue::Int(1), WireValue::Int(2)],
};
static UNIT_TYPE: EnumMeta = EnumMeta {
    name: "UnitType",
    values: &[WireValue::Str("Stem"), WireValue::Str("Bunch")],
};

static BREAKDOWN: ObjectMeta = ObjectMeta {
    fields: &[
        required("stemsBunch", int(3)).with_min("1").with_max("500"),
        field(
            "price",
            FieldType::Decimal {
                precision: Some(6),
                scale: Some(2),
            },
        ),
        field("unitType", FieldType::Enum(&UNIT_TYPE)),
        field("length", int(3)),
        field("grade", text(10)),
        field("weight", int(3)),
    ],
    alternatives: &[AlternativeMeta {
        name: "size",
        options: &[&["length"], &["grade", "weight"]],
        required: false,
        exclusive: false,
    }],
    rules: &[RuleMeta {
        require: &["size"],
        condition: Condition::Equals {
            field: "unitType",
            value: WireValue::Str("Bunch"),
        },
        need: Need::All,
    }],
    date_spans: &[],
};

static INVENTORY_ID: FieldType = FieldType::Integer {
    max_digits: Some(10),
};

static ITEM: ObjectMeta = ObjectMeta {
    fields: &[
        field("itemType", FieldType::Enum(&ITEM_TYPE)).with_default(WireValue::Str("BOX")),
        field("boxes", int(4)).with_min("1"),
        field("totalUnits", int(6)),
        field("inventoryIds", FieldType::List(&INVENTORY_ID)),
        field("productCode", text(20)),
        field("companyProductId", int(10)),
        field("vendorId", int(10)),
        field("breakdowns", FieldType::Array(&BREAKDOWN)),
    ],
    alternatives: &[],
    rules: &[
        RuleMeta {
            require: &["boxes"],
            condition: Condition::Equals {
                field: "itemType",
                value: WireValue::Str("BOX"),
            },
            need: Need::All,
        },
        RuleMeta {
            require: &["totalUnits"],
            condition: Condition::Equals {
                field: "itemType",
                value: WireValue::Str("UN"),
            },
            need: Need::All,
        },
        RuleMeta {
            require: &["inventoryIds"],
            condition: Condition::UnlessPresent(&["productCode", "companyProductId"]),
            need: Need::All,
        },
        RuleMeta {
            require: &["vendorId"],
            condition: Condition::Equals {
                field: "/autoGeneratePOsfromPrebooks",
                value: WireValue::Int(1),
            },
            need: Need::All,
        },
    ],
    date_spans: &[],
};

static ADDRESS: ObjectMeta = ObjectMeta {
    fields: &[required("street", text(10)), field("zip", text(10))],
    alternatives: &[],
    rules: &[RuleMeta {
        require: &["zip"],
        condition: Condition::Present {
            field: "/locationId",
            present: false,
        },
        need: Need::All,
    }],
    date_spans: &[],
};

static TAG: FieldType = FieldType::String { max_len: Some(3) };

static REQUEST: ObjectMeta = ObjectMeta {
    fields: &[
        field("customerId", int(10)),
        field("customerCode", text(20)),
        field("customerDescription", text(50)),
        required("shipDate", FieldType::Date),
        field("createdAt", FieldType::DateTime),
        field("autoGeneratePOsfromPrebooks", FieldType::Flag).with_default(WireValue::Int(0)),
        field("useRewards", FieldType::Bool),
        field("inventoryOrigin", FieldType::Enum(&ORIGIN)).with_default(WireValue::Int(1)),
        restricted(
            "locationId",
            FieldType::Integer { max_digits: None },
            &[Restriction::MultiLocation],
        ),
        restricted(
            "comments",
            text(100),
            &[Restriction::IgnoredFor(&[TokenKind::Vendor])],
        ),
        restricted(
            "overridePrice",
            FieldType::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
            &[Restriction::TransactionalAccess],
        ),
        restricted(
            "customerPO",
            FieldType::String { max_len: None },
            &[Restriction::Setting {
                setting: "customerPO",
                for_tokens: &[],
            }],
        ),
        restricted(
            "grade",
            FieldType::String { max_len: None },
            &[Restriction::Setting {
                setting: "grades",
                for_tokens: &[TokenKind::Company],
            }],
        ),
        field("tags", FieldType::List(&TAG)),
        field("address", FieldType::Object(&ADDRESS)),
        required("items", FieldType::Array(&ITEM)),
    ],
    alternatives: &[AlternativeMeta {
        name: "customer",
        options: &[&["customerId"], &["customerCode", "customerDescription"]],
        required: true,
        exclusive: true,
    }],
    rules: &[RuleMeta {
        require: &["createdAt"],
        condition: Condition::Present {
            field: "useRewards",
            present: true,
        },
        need: Need::All,
    }],
    date_spans: &[],
};

fn company() -> ValidationContext {
    ValidationContext {
        token_kind: Some(TokenKind::Company),
        ..ValidationContext::default()
    }
}

fn base() -> Value {
    json!({
        "customerId": 15,
        "shipDate": "2024-02-29",
        "items": [
            {"boxes": 2, "productCode": "ROSE-50", "breakdowns": [{"stemsBunch": 25, "price": 0.7}]},
            {"itemType": "UN", "totalUnits": "300", "inventoryIds": [1, "2"]}
        ]
    })
}

/// `base()` with `patch` merged in (a `null` member removes one).
fn with(patch: Value) -> Value {
    let mut value = base();
    merge(&mut value, patch);
    value
}

fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(&k);
                } else {
                    merge(t.entry(k).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p,
    }
}

fn violations(value: &Value, ctx: &ValidationContext) -> Vec<(String, R)> {
    match validate_value(&REQUEST, value, ctx) {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(|v| (v.path.clone(), v.rule)).collect(),
    }
}

fn errors(value: &Value, ctx: &ValidationContext) -> Violations {
    validate_value(&REQUEST, value, ctx).expect_err("expected violations")
}

#[track_caller]
fn assert_ok(value: Value) {
    assert_eq!(violations(&value, &company()), vec![], "{value}");
}

#[track_caller]
fn assert_only(value: Value, path: &str, rule: R) {
    assert_eq!(
        violations(&value, &company()),
        vec![(path.to_owned(), rule)],
        "{value}"
    );
}

#[test]
fn the_base_request_is_valid() {
    assert_ok(base());
}

#[test]
fn required_fields() {
    assert_only(with(json!({"shipDate": null})), "shipDate", R::Required);
    let mut nulled = base();
    nulled["shipDate"] = Value::Null; // null is absent
    assert_only(nulled, "shipDate", R::Required);
    assert_only(
        with(json!({"items": [{"productCode": "A", "boxes": 1, "breakdowns": [{}]}]})),
        "items[0].breakdowns[0].stemsBunch",
        R::Required,
    );
}

#[test]
fn unknown_fields() {
    assert_only(with(json!({"colour": "red"})), "colour", R::UnknownField);
    let mut nested = base();
    nested["items"][1]["colour"] = json!("red");
    assert_only(nested, "items[1].colour", R::UnknownField);
    let mut null_member = base();
    null_member["colour"] = Value::Null;
    assert_ok(null_member);
}

#[test]
fn types() {
    assert_only(
        with(json!({"customerId": null, "customerCode": 123, "customerDescription": "x"})),
        "customerCode",
        R::Type,
    );
    assert_only(
        with(json!({"useRewards": 1, "createdAt": "2024-01-01 00:00:00"})),
        "useRewards",
        R::Type,
    );
    assert_ok(with(
        json!({"useRewards": true, "createdAt": "2024-01-01 00:00:00"}),
    ));
    assert_only(
        with(json!({"autoGeneratePOsfromPrebooks": 2})),
        "autoGeneratePOsfromPrebooks",
        R::Type,
    );
    for flag in [json!(0), json!("0")] {
        assert_ok(with(json!({ "autoGeneratePOsfromPrebooks": flag })));
    }
    // A JSON boolean would travel as `true`, which is not Komet's 1/0.
    for flag in [json!(false), json!("true")] {
        assert_only(
            with(json!({ "autoGeneratePOsfromPrebooks": flag })),
            "autoGeneratePOsfromPrebooks",
            R::Type,
        );
    }
    let found = violations(
        &with(json!({ "autoGeneratePOsfromPrebooks": true })),
        &company(),
    );
    assert!(found.contains(&("autoGeneratePOsfromPrebooks".to_owned(), R::Type)));
    assert_only(with(json!({"items": {"boxes": 1}})), "items", R::Type);
    assert_only(with(json!({"items": [5]})), "items[0]", R::Type);
    assert_only(with(json!({"address": ["x"]})), "address", R::Type);
    assert_only(with(json!({"tags": "abc"})), "tags", R::Type);
    assert_only(with(json!({"tags": [null]})), "tags[0]", R::Type);
    assert_only(with(json!({"shipDate": 20240229})), "shipDate", R::Type);
    assert_only(with(json!({"customerId": 1.5})), "customerId", R::Type);
    assert_only(with(json!({"customerId": "1.5"})), "customerId", R::Type);
    assert_ok(with(json!({"customerId": "15"})));
    let not_object = validate_value(&REQUEST, &json!([1]), &company()).unwrap_err();
    assert_eq!(not_object.0[0].path, "$");
    assert_eq!(not_object.0[0].rule, R::Type);
}

#[test]
fn max_length_counts_characters() {
    let id = json!({"customerId": null, "customerCode": "C"});
    let mut ok = with(id.clone());
    ok["customerDescription"] = json!("ñ".repeat(50));
    assert_ok(ok);
    let mut long = with(id);
    long["customerDescription"] = json!("x".repeat(51));
    assert_only(long, "customerDescription", R::MaxLength);
    assert_only(
        with(json!({"tags": ["ab", "abcd"]})),
        "tags[1]",
        R::MaxLength,
    );
}

#[test]
fn integer_digits() {
    assert_only(
        with(json!({"customerId": 12345678901u64})),
        "customerId",
        R::MaxDigits,
    );
    assert_only(
        with(json!({"customerId": "12345678901"})),
        "customerId",
        R::MaxDigits,
    );
    assert_ok(with(json!({"customerId": "-1234567890"})));
    assert_ok(with(json!({"customerId": 1234567890})));
    let mut list = base();
    list["items"][1]["inventoryIds"] = json!([1, "12a"]);
    assert_only(list, "items[1].inventoryIds[1]", R::Type);
}

#[test]
fn decimal_precision_and_scale() {
    let price = |p: Value| {
        let mut v = base();
        v["items"][0]["breakdowns"][0]["price"] = p;
        v
    };
    let path = "items[0].breakdowns[0].price";
    for ok in [
        json!(1234.56),
        json!("1234.56"),
        json!("2.50"),
        json!(0.7),
        json!(12),
        json!("-3.1"),
    ] {
        assert_ok(price(ok));
    }
    assert_ok(price(json!(1234.5))); // 5 digits of at most 6
    assert_only(price(json!(123456.7)), path, R::DecimalPrecision);
    assert_ok(price(json!("0012345.60"))); // leading and trailing zeros carry no digits
    assert_only(price(json!(1.234)), path, R::DecimalScale);
    assert_only(price(json!("2.505")), path, R::DecimalScale);
    assert_only(price(json!("abc")), path, R::Type);
    assert_only(price(json!("1e3")), path, R::Type);
    assert_eq!(violations(&price(json!(123456.789)), &company()).len(), 2);
}

#[test]
fn dates_and_date_times() {
    for bad in [
        "2024-02-30",
        "2024-2-3",
        "29/02/2024",
        "2024-02-29 10:00:00",
    ] {
        assert_only(with(json!({ "shipDate": bad })), "shipDate", R::Date);
    }
    let at = |t: &str| with(json!({"useRewards": false, "createdAt": t}));
    assert_ok(at("2024-02-29 23:59:59"));
    for bad in [
        "2024-02-29T10:00:00",
        "2024-02-29 24:00:00",
        "2024-02-29",
        "2024-02-29 10:00",
    ] {
        assert_only(at(bad), "createdAt", R::DateTime);
    }
}

#[test]
fn enumerations() {
    assert_ok(with(json!({"inventoryOrigin": 2})));
    assert_ok(with(json!({"inventoryOrigin": "2"})));
    assert_only(
        with(json!({"inventoryOrigin": 3})),
        "inventoryOrigin",
        R::Enum,
    );
    let mut item = base();
    item["items"][1]["itemType"] = json!("BUNCH");
    let found = violations(&item, &company());
    assert_eq!(found, vec![("items[1].itemType".to_owned(), R::Enum)]);
    let message = errors(&item, &company()).0[0].message.clone();
    assert!(message.contains(r#""BOX", "UN""#), "{message}");
}

#[test]
fn numeric_bounds() {
    let stems = |s: Value| {
        let mut v = base();
        v["items"][0]["breakdowns"][0]["stemsBunch"] = s;
        v
    };
    let path = "items[0].breakdowns[0].stemsBunch";
    assert_ok(stems(json!(1)));
    assert_ok(stems(json!(500)));
    assert_only(stems(json!(0)), path, R::Min);
    assert_only(stems(json!("0")), path, R::Min);
    assert_only(stems(json!(501)), path, R::Max);
    // The bounds compare as whole numbers, with the same messages as decimal bounds.
    assert_only(stems(json!(-0)), path, R::Min);
    assert_only(stems(json!("-3")), path, R::Min);
    let message = errors(&stems(json!(0)), &company()).0[0].message.clone();
    assert_eq!(message, "must be at least 1 (got 0)");
    let message = errors(&stems(json!(501)), &company()).0[0].message.clone();
    assert_eq!(message, "must be at most 500 (got 501)");
}

#[test]
fn alternatives_incomplete_exclusive_and_required() {
    assert_ok(with(
        json!({"customerId": null, "customerCode": "C1", "customerDescription": "Shop"}),
    ));
    let incomplete = with(json!({"customerId": null, "customerCode": "C1"}));
    assert_only(incomplete.clone(), "customer", R::Alternatives);
    let message = errors(&incomplete, &company()).0[0].message.clone();
    assert!(message.contains("customerDescription"), "{message}");
    assert_only(
        with(json!({"customerCode": "C1", "customerDescription": "Shop"})),
        "customer",
        R::Exclusive,
    );
    assert_only(with(json!({"customerId": null})), "customer", R::Required);
    let message = errors(&with(json!({"customerId": null})), &company()).0[0]
        .message
        .clone();
    assert_eq!(
        message,
        "one of customerId, or customerCode + customerDescription is required"
    );

    // A non-exclusive group may have several options, each complete.
    let size = |b: Value| {
        let mut v = base();
        v["items"][0]["breakdowns"][0] = b;
        v
    };
    assert_ok(size(
        json!({"stemsBunch": 1, "length": 50, "grade": "A", "weight": 3}),
    ));
    assert_only(
        size(json!({"stemsBunch": 1, "grade": "A"})),
        "items[0].breakdowns[0].size",
        R::Alternatives,
    );
}

#[test]
fn equals_uses_the_default_when_absent() {
    let mut no_boxes = base();
    no_boxes["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("boxes");
    assert_only(no_boxes.clone(), "items[0].boxes", R::ConditionalRequired);
    let message = errors(&no_boxes, &company()).0[0].message.clone();
    assert_eq!(message, "is required when itemType is BOX");

    let mut units = base();
    units["items"][1]
        .as_object_mut()
        .unwrap()
        .remove("totalUnits");
    assert_only(units, "items[1].totalUnits", R::ConditionalRequired);
}

#[test]
fn equals_on_a_top_level_field_from_nested_items() {
    for on in [json!(1), json!("1")] {
        let found = violations(
            &with(json!({ "autoGeneratePOsfromPrebooks": on })),
            &company(),
        );
        assert_eq!(
            found,
            vec![
                ("items[0].vendorId".to_owned(), R::ConditionalRequired),
                ("items[1].vendorId".to_owned(), R::ConditionalRequired),
            ]
        );
    }
    let mut with_vendors = with(json!({"autoGeneratePOsfromPrebooks": 1}));
    with_vendors["items"][0]["vendorId"] = json!(7);
    with_vendors["items"][1]["vendorId"] = json!(8);
    assert_ok(with_vendors);
    assert_ok(with(json!({"autoGeneratePOsfromPrebooks": 0})));
    let errs = errors(&with(json!({"autoGeneratePOsfromPrebooks": 1})), &company());
    assert_eq!(
        errs.0[0].message,
        "is required when the request's autoGeneratePOsfromPrebooks is 1"
    );
}

#[test]
fn unless_present() {
    let mut bare = base();
    bare["items"][0]
        .as_object_mut()
        .unwrap()
        .remove("productCode");
    assert_only(
        bare.clone(),
        "items[0].inventoryIds",
        R::ConditionalRequired,
    );
    let message = errors(&bare, &company()).0[0].message.clone();
    assert_eq!(
        message,
        "is required unless productCode or companyProductId is given"
    );
    bare["items"][0]["companyProductId"] = json!(99);
    assert_ok(bare);
}

#[test]
fn present_and_absent_conditions() {
    assert_only(
        with(json!({"useRewards": true})),
        "createdAt",
        R::ConditionalRequired,
    );
    assert_eq!(
        errors(&with(json!({"useRewards": true})), &company()).0[0].message,
        "is required when useRewards is given"
    );
    assert_ok(with(
        json!({"useRewards": true, "createdAt": "2024-01-01 08:00:00"}),
    ));

    // address.zip is required when the top-level locationId is absent.
    assert_only(
        with(json!({"address": {"street": "Main 1"}})),
        "address.zip",
        R::ConditionalRequired,
    );
    assert_ok(with(
        json!({"address": {"street": "Main 1"}, "locationId": 3}),
    ));
    assert_ok(with(
        json!({"address": {"street": "Main 1", "zip": "33101"}}),
    ));
}

#[test]
fn an_alternative_group_can_be_conditionally_required() {
    let mut bunch = base();
    bunch["items"][0]["breakdowns"][0]["unitType"] = json!("Bunch");
    assert_only(
        bunch.clone(),
        "items[0].breakdowns[0].size",
        R::ConditionalRequired,
    );
    bunch["items"][0]["breakdowns"][0]["length"] = json!(60);
    assert_ok(bunch);
}

#[test]
fn transactional_access() {
    let value = with(json!({"overridePrice": "10.00"}));
    assert_eq!(
        violations(&value, &company()),
        vec![("overridePrice".to_owned(), R::TransactionalAccess)]
    );
    let ctx = ValidationContext {
        transactional_access: true,
        ..company()
    };
    assert_eq!(violations(&value, &ctx), vec![]);
}

#[test]
fn ignored_for_token_kind() {
    let value = with(json!({"comments": "fragile"}));
    let vendor = ValidationContext {
        token_kind: Some(TokenKind::Vendor),
        ..ValidationContext::default()
    };
    assert_eq!(
        violations(&value, &vendor),
        vec![("comments".to_owned(), R::IgnoredForToken)]
    );
    assert!(
        errors(&value, &vendor).0[0]
            .message
            .contains("vendor tokens")
    );
    assert_eq!(violations(&value, &company()), vec![]);
    assert_eq!(violations(&value, &ValidationContext::default()), vec![]);
}

#[test]
fn multi_location() {
    let multi = ValidationContext {
        multi_location: true,
        ..company()
    };
    assert_eq!(
        violations(&base(), &multi),
        vec![("locationId".to_owned(), R::MultiLocation)]
    );
    assert_eq!(violations(&with(json!({"locationId": 4})), &multi), vec![]);
    assert_eq!(violations(&base(), &company()), vec![]);
}

#[test]
fn company_settings() {
    let value = with(json!({"customerPO": "PO-1"}));
    assert_eq!(
        violations(&value, &company()),
        vec![("customerPO".to_owned(), R::CompanySetting)]
    );
    assert!(
        errors(&value, &company()).0[0]
            .message
            .contains("customerPO")
    );
    let on = ValidationContext {
        settings: vec!["customerPO", "grades"],
        ..company()
    };
    assert_eq!(violations(&value, &on), vec![]);
    // Unknown token kind: a setting for every kind still applies.
    assert_eq!(violations(&value, &ValidationContext::default()).len(), 1);

    // `grade` depends on the setting only for company tokens.
    let grade = with(json!({"grade": "A"}));
    assert_eq!(
        violations(&grade, &company()),
        vec![("grade".to_owned(), R::CompanySetting)]
    );
    assert_eq!(violations(&grade, &on), vec![]);
    let vendor = ValidationContext {
        token_kind: Some(TokenKind::Vendor),
        ..ValidationContext::default()
    };
    assert_eq!(violations(&grade, &vendor), vec![]);
    assert_eq!(violations(&grade, &ValidationContext::default()), vec![]);
}

#[test]
fn every_violation_is_reported_at_once() {
    let value = json!({
        "customerCode": "C1",
        "shipDate": "2024-13-01",
        "colour": "red",
        "items": [
            {"boxes": 1, "productCode": "A"},
            {"boxes": 0, "productCode": "B", "breakdowns": [
                {"stemsBunch": 1},
                {"stemsBunch": 1000, "price": 1.234, "unitType": "Bunch"}
            ]}
        ]
    });
    let found = violations(&value, &company());
    let wanted = [
        ("colour", R::UnknownField),
        ("shipDate", R::Date),
        ("items[1].boxes", R::Min),
        ("items[1].breakdowns[1].stemsBunch", R::MaxDigits),
        ("items[1].breakdowns[1].stemsBunch", R::Max),
        ("items[1].breakdowns[1].price", R::DecimalScale),
        ("items[1].breakdowns[1].size", R::ConditionalRequired),
        ("customer", R::Alternatives),
    ];
    let wanted: Vec<(String, R)> = wanted.iter().map(|(p, r)| (p.to_string(), *r)).collect();
    assert_eq!(found, wanted);

    let all = errors(&value, &company());
    assert_eq!(all.len(), 8);
    let text = all.to_string();
    assert!(
        text.starts_with("8 violations: colour: is not a field of this request; "),
        "{text}"
    );
    assert!(text.contains("items[1].breakdowns[1].price: must have at most 2 digits after the decimal point (got 3)"), "{text}");
}

#[test]
fn serializable_values_are_checked_in_their_json_form() {
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Request {
        customer_id: i64,
        ship_date: &'static str,
        items: Vec<Value>,
    }
    let good = Request {
        customer_id: 1,
        ship_date: "2024-01-31",
        items: vec![json!({"boxes": 1, "productCode": "A"})],
    };
    assert!(validate_serializable(&REQUEST, &good, &company()).is_ok());
    let bad = Request {
        ship_date: "2024-01-32",
        ..good
    };
    let errs = validate_serializable(&REQUEST, &bad, &company()).unwrap_err();
    assert_eq!(
        errs.0[0].to_string(),
        r#"shipDate: must be a valid date in the form YYYY-MM-DD (got "2024-01-32")"#
    );
}

#[test]
fn members_are_matched_to_fields_in_whatever_order_they_come() {
    // The walker expects members in field order and must still find every member written
    // in another order, report one it does not know, and see an absent field as absent.
    #[derive(serde::Serialize)]
    struct Item {
        breakdowns: Vec<Value>,
        #[serde(rename = "vendorId")]
        vendor_id: i64,
        colour: &'static str,
        #[serde(rename = "productCode")]
        product_code: &'static str,
        boxes: i64,
    }
    #[derive(serde::Serialize)]
    #[serde(rename_all = "camelCase")]
    struct Request {
        items: Vec<Item>,
        ship_date: &'static str,
        customer_id: i64,
    }
    let item = |boxes, vendor_id| Item {
        breakdowns: vec![json!({"price": 0.7, "stemsBunch": 501})],
        vendor_id,
        colour: "red",
        product_code: "ROSE-50",
        boxes,
    };
    let request = Request {
        items: vec![item(1, 7), item(0, 0)],
        ship_date: "2024-01-31",
        customer_id: 15,
    };
    let found: Vec<(String, R)> = validate_serializable(&REQUEST, &request, &company())
        .unwrap_err()
        .iter()
        .map(|v| (v.path.clone(), v.rule))
        .collect();
    let at = |path: &str, rule| (path.to_owned(), rule);
    assert_eq!(
        found,
        vec![
            at("items[0].colour", R::UnknownField),
            at("items[0].breakdowns[0].stemsBunch", R::Max),
            at("items[1].colour", R::UnknownField),
            at("items[1].boxes", R::Min),
            at("items[1].breakdowns[0].stemsBunch", R::Max),
        ]
    );
}

#[test]
fn whole_numbers_must_be_written_as_an_i64_writes_them() {
    let stems = |s: Value| {
        let mut v = base();
        v["items"][0]["breakdowns"][0]["stemsBunch"] = s;
        v
    };
    let path = "items[0].breakdowns[0].stemsBunch";
    let at = |rules: &[R]| -> Vec<(String, R)> {
        rules.iter().map(|&rule| (path.to_owned(), rule)).collect()
    };
    for plain in ["7", "-7", "10", "500"] {
        let found = violations(&stems(json!(plain)), &company());
        let expected = if plain.starts_with('-') {
            at(&[R::Min])
        } else {
            vec![]
        };
        assert_eq!(found, expected, "{plain}");
    }
    // A leading zero or a signed zero would be changed by a typed client: refused.
    assert_eq!(violations(&stems(json!("007")), &company()), at(&[R::Type]));
    assert_eq!(
        violations(&stems(json!("00")), &company()),
        at(&[R::Type, R::Min])
    );
    assert_eq!(
        violations(&stems(json!("-0")), &company()),
        at(&[R::Type, R::Min])
    );
    let message = errors(&stems(json!("007")), &company()).0[0]
        .message
        .clone();
    assert_eq!(
        message,
        r#"must be written without leading zeros or sign (got "007", send 7)"#
    );
    // More digits than an i64 holds is a digit violation (and out of range), not also a
    // wrong type.
    assert_eq!(
        violations(&stems(json!("12345678901234567890123")), &company()),
        at(&[R::MaxDigits, R::Max])
    );
}

#[test]
fn rule_names() {
    let all = [
        (R::Required, "required"),
        (R::UnknownField, "unknown_field"),
        (R::Type, "type"),
        (R::MaxLength, "max_length"),
        (R::MaxDigits, "max_digits"),
        (R::DecimalPrecision, "decimal_precision"),
        (R::DecimalScale, "decimal_scale"),
        (R::Date, "date"),
        (R::DateTime, "date_time"),
        (R::Enum, "enum"),
        (R::Min, "min"),
        (R::Max, "max"),
        (R::Alternatives, "alternatives"),
        (R::Exclusive, "exclusive"),
        (R::ConditionalRequired, "conditional_required"),
        (R::TransactionalAccess, "transactional_access"),
        (R::IgnoredForToken, "ignored_for_token"),
        (R::MultiLocation, "multi_location"),
        (R::CompanySetting, "company_setting"),
    ];
    for (rule, name) in all {
        assert_eq!(rule.as_str(), name);
    }
}

#[test]
fn integers_are_refused_where_the_typed_request_would_change_them() {
    // Out of i64's range: the typed request cannot hold it (the field's ten digits are
    // exceeded first, so that is what is reported).
    assert_only(
        with(json!({"customerId": 18446744073709551615u64})),
        "customerId",
        R::MaxDigits,
    );
    // Leading zeros or a sign would be dropped on the way ("007" is sent as 7).
    for text in ["007", "+7", "-0"] {
        assert_only(with(json!({ "customerId": text })), "customerId", R::Type);
    }
    assert_ok(with(json!({"customerId": "7"})));
    assert_ok(with(json!({"customerId": 0})));

    static WIDE: ObjectMeta = ObjectMeta {
        fields: &[field("id", FieldType::Integer { max_digits: None })],
        alternatives: &[],
        rules: &[],
        date_spans: &[],
    };
    let ctx = ValidationContext::default();
    let too_big = validate_value(&WIDE, &json!({"id": 9223372036854775808u64}), &ctx).unwrap_err();
    assert_eq!(too_big.0.len(), 1);
    assert_eq!(
        (too_big.0[0].path.as_str(), too_big.0[0].rule),
        ("id", R::Type)
    );
    validate_value(&WIDE, &json!({"id": i64::MAX}), &ctx).unwrap();
}

// Document numbers and comma-separated lists -----------------------------------------------

static ID: FieldType = FieldType::integer(6);
static PO: FieldType = FieldType::Text {
    name: "PurchaseOrderNumber",
    max_len: Some(7),
};
static NUMBERED: ObjectMeta = ObjectMeta {
    fields: &[
        field(
            "invoiceNumber",
            FieldType::Text {
                name: "InvoiceNumber",
                max_len: Some(6),
            },
        ),
        field(
            "inventoryIds",
            FieldType::Csv {
                max_len: Some(20),
                item: &ID,
            },
        )
        .with_min("1"),
        field(
            "poNumbers",
            FieldType::Csv {
                max_len: None,
                item: &PO,
            },
        ),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

fn numbered(value: Value) -> Vec<(String, R)> {
    match validate_value(&NUMBERED, &value, &company()) {
        Ok(()) => Vec::new(),
        Err(v) => v.iter().map(|v| (v.path.clone(), v.rule)).collect(),
    }
}

#[test]
fn document_numbers_are_text_or_plain_digits() {
    for ok in [json!("003429"), json!("P-0001"), json!(3429), json!("")] {
        assert_eq!(numbered(json!({ "invoiceNumber": ok })), vec![], "{ok}");
    }
    let at = |rule| vec![("invoiceNumber".to_owned(), rule)];
    assert_eq!(
        numbered(json!({"invoiceNumber": "0034290"})),
        at(R::MaxLength)
    );
    assert_eq!(
        numbered(json!({"invoiceNumber": 1234567})),
        at(R::MaxLength)
    );
    // A sign, a fraction or an exponent is not part of a document number.
    for bad in [json!(-5), json!(1.5), json!(1e3), json!(true), json!([1])] {
        assert_eq!(
            numbered(json!({ "invoiceNumber": bad })),
            at(R::Type),
            "{bad}"
        );
    }
}

#[test]
fn comma_separated_lists_check_each_item_at_its_index() {
    for ok in [json!("428545, 428544"), json!("1,2,3"), json!(7), json!("")] {
        assert_eq!(numbered(json!({ "inventoryIds": ok })), vec![], "{ok}");
    }
    let item = |i: usize, rule| vec![(format!("inventoryIds[{i}]"), rule)];
    // A leading zero would be lost by Vec<i64>: refused, not changed.
    assert_eq!(numbered(json!({"inventoryIds": "1,007"})), item(1, R::Type));
    assert_eq!(numbered(json!({"inventoryIds": "1,,2"})), item(1, R::Type));
    assert_eq!(numbered(json!({"inventoryIds": "1, x"})), item(1, R::Type));
    assert_eq!(
        numbered(json!({"inventoryIds": "1234567"})),
        item(0, R::MaxDigits)
    );
    // The field's bounds hold for each item.
    assert_eq!(numbered(json!({"inventoryIds": "5, 0"})), item(1, R::Min));
    assert_eq!(numbered(json!({"inventoryIds": 0})), item(0, R::Min));
    // The whole string has its own length bound.
    assert_eq!(
        numbered(json!({"inventoryIds": "1,2,3,4,5,6,7,8,9,10,11"})),
        vec![("inventoryIds".to_owned(), R::MaxLength)]
    );
    for bad in [json!([1, 2]), json!(true), json!({})] {
        assert_eq!(
            numbered(json!({ "inventoryIds": bad })),
            vec![("inventoryIds".to_owned(), R::Type)],
            "{bad}"
        );
    }
    // Text items keep their zeros and have their own length bound.
    assert_eq!(numbered(json!({"poNumbers": "P081001, 081002"})), vec![]);
    assert_eq!(
        numbered(json!({"poNumbers": "P081001, P0810022"})),
        vec![("poNumbers[1]".to_owned(), R::MaxLength)]
    );
}

// A field that takes only some of its enum's values -----------------------------------------

static ORIGIN_ALL: EnumMeta = EnumMeta {
    name: "InventoryOrigin",
    values: &[
        WireValue::Int(1),
        WireValue::Int(2),
        WireValue::Int(3),
        WireValue::Int(4),
    ],
};
static SOME_ORIGINS: ObjectMeta = ObjectMeta {
    fields: &[
        field("origin", FieldType::Enum(&ORIGIN_ALL))
            .with_values(&[WireValue::Int(1), WireValue::Int(2)]),
        field("anyOrigin", FieldType::Enum(&ORIGIN_ALL)),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

#[test]
fn a_field_may_take_only_some_of_its_enums_values() {
    let check = |value: Value| validate_value(&SOME_ORIGINS, &value, &company());
    assert!(check(json!({"origin": 1, "anyOrigin": 4})).is_ok());
    assert!(check(json!({"origin": "2"})).is_ok());
    let errors = check(json!({"origin": 3})).unwrap_err();
    let violation = errors.iter().next().unwrap();
    assert_eq!(
        (violation.path.as_str(), violation.rule),
        ("origin", R::Enum)
    );
    assert!(
        violation.message.contains("must be one of 1, 2"),
        "{}",
        violation.message
    );
}

#[test]
fn a_violation_names_its_row() {
    use komet_api::PathSegment;
    let value =
        with(json!({"items": [{"boxes": 2, "productCode": "ROSE-50"}, {"itemType": "UN"}]}));
    let errors = errors(&value, &company());
    let violation = errors
        .iter()
        .find(|v| v.path.starts_with("items[1]"))
        .expect("the second line is incomplete");
    assert_eq!(violation.index_in("items"), Some(1));
    assert_eq!(violation.index_in("lines"), None);
    assert_eq!(
        violation.segments()[..2],
        [PathSegment::Field("items".into()), PathSegment::Index(1)]
    );
}

#[test]
fn date_windows_cover_a_range_and_each_passes_its_rule() {
    use chrono::{Days, NaiveDate};
    use komet_api::meta::DateSpanMeta;
    let start = NaiveDate::from_ymd_opt(2024, 2, 27).unwrap();
    for max_days in [0, 1, 4, 7, 31, 60] {
        let span = DateSpanMeta {
            from: "from",
            to: "to",
            max_days,
        };
        let spans: &'static [DateSpanMeta] = Box::leak(Box::new([span]));
        static DATES: [FieldMeta; 2] =
            [field("from", FieldType::Date), field("to", FieldType::Date)];
        let meta: &'static ObjectMeta = Box::leak(Box::new(ObjectMeta {
            fields: &DATES,
            alternatives: &[],
            rules: &[],
            date_spans: spans,
        }));
        for length in [0u64, 1, 5, 31, 32, 100, 367] {
            let end = start + Days::new(length);
            let windows: Vec<_> = spans[0].windows(start, end).collect();
            // Contiguous, in order, from the first day to the last.
            assert_eq!(windows.first().map(|w| w.0), Some(start));
            assert_eq!(windows.last().map(|w| w.1), Some(end));
            for pair in windows.windows(2) {
                assert_eq!(pair[0].1.succ_opt(), Some(pair[1].0));
            }
            // Each window is one the validator accepts, and no fewer windows would do.
            for (from, to) in &windows {
                let request = json!({"from": from.to_string(), "to": to.to_string()});
                assert!(
                    validate_value(meta, &request, &company()).is_ok(),
                    "{request}"
                );
            }
            let per_window = u64::from(max_days) + 1;
            assert_eq!(windows.len() as u64, (length + 1).div_ceil(per_window));
        }
        assert_eq!(spans[0].windows(start, start - Days::new(1)).count(), 0);
    }
}
