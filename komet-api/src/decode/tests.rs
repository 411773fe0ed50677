//! The generated decoders' rules, on real generated types: required members, groups of
//! alternatives, kept unknown members, exact numbers, and serde's entry point over them.

use rust_decimal::Decimal;
use serde_json::json;

use super::Decode;
use crate::common::{BoxTypeRef, CustomerRef, ShipVia, UnitType, VendorRef};
use crate::json::{Json, parse};
use crate::prebooks::{PrebookCreatePrebookItem, PrebookCreateRequest, PrebookCreateResponse};

fn tree(text: &str) -> Json<'_> {
    parse(text.as_bytes()).unwrap()
}

/// `(path, message)` of a failing decode.
fn failure<T: Decode + std::fmt::Debug>(text: &str) -> (String, String) {
    let error = super::decode::<T>(&tree(text)).unwrap_err();
    (error.path, error.message)
}

const LINE: &str = r#"{"productId": 5001, "boxTypeId": "901", "boxes": 2, "unitType": "Stem",
    "price": 2.50, "vendorId": 77}"#;

#[test]
fn a_line_reads_every_member_through_its_wire_helper() {
    let line: PrebookCreatePrebookItem = super::decode(&tree(LINE)).unwrap();
    assert_eq!(line.boxes, Some(2));
    assert_eq!(line.unit_type, UnitType::Stem);
    // Exact: the text `2.50` keeps its scale, as a JSON number `2.5` would not.
    assert_eq!(line.price.unwrap().to_string(), "2.50");
    assert_eq!(line.box_type, Some(BoxTypeRef::id(901)));
    assert_eq!(line.vendor, VendorRef::id(77));
    assert!(line.mark_code.is_none());
}

#[test]
fn a_missing_required_member_is_named() {
    let (path, message) =
        failure::<PrebookCreatePrebookItem>(r#"{"productId": 5001, "boxTypeId": 901, "price": 1}"#);
    assert_eq!(
        (path.as_str(), message.as_str()),
        ("", "missing field `unitType`")
    );
}

#[test]
fn a_member_that_does_not_fit_is_named_by_its_path() {
    let text = LINE.replace(r#""boxes": 2"#, r#""boxes": "two""#);
    let (path, message) = failure::<PrebookCreatePrebookItem>(&text);
    assert_eq!(path, "boxes");
    assert!(message.contains("a whole number"), "{message}");

    let request = format!(
        r#"{{"customerId": 1, "carrierId": 2, "shipDate": "2024-05-01",
            "prebookItems": [{LINE}, {}]}}"#,
        text
    );
    let (path, _) = failure::<PrebookCreateRequest>(&request);
    assert_eq!(path, "prebookItems[1].boxes");
}

#[test]
fn an_exclusive_group_takes_the_first_complete_option() {
    let by_id = super::decode::<CustomerRef>(&tree(r#"{"customerId": "12"}"#)).unwrap();
    assert_eq!(by_id, CustomerRef::id(12));
    let by_code = super::decode::<CustomerRef>(&tree(
        r#"{"customerCode": "C1", "customerDescription": "Blooms"}"#,
    ))
    .unwrap();
    assert_eq!(
        by_code,
        CustomerRef::Code {
            customer_code: "C1".into(),
            customer_description: "Blooms".into()
        }
    );
}

#[test]
fn a_half_given_option_is_an_error_not_an_absent_group() {
    // serde's untagged enum read as a flattened `Option` would have made this `None`,
    // silently dropping `boxTypeCode`.
    let text = LINE.replace(r#""boxTypeId": "901""#, r#""boxTypeCode": "HB""#);
    let (path, message) = failure::<PrebookCreatePrebookItem>(&text);
    assert_eq!(path, "");
    assert!(
        message.contains("given `boxTypeCode`")
            && message.contains("`boxTypeCode` with `boxTypeDescription`"),
        "{message}"
    );

    // With no member of the group at all, an optional group is absent.
    let text = LINE.replace(r#""boxTypeId": "901", "#, "");
    let line: PrebookCreatePrebookItem = super::decode(&tree(&text)).unwrap();
    assert_eq!(line.box_type, None);

    // A required one must be given.
    let text = LINE.replace(r#""productId": 5001, "#, "");
    let (_, message) = failure::<PrebookCreatePrebookItem>(&text);
    assert!(
        message.starts_with("none of the alternatives is given"),
        "{message}"
    );
}

#[test]
fn a_response_keeps_members_the_spec_does_not_describe() {
    let response: PrebookCreateResponse = super::decode(&tree(
        r#"{"status": "1", "message": "ok", "prebookNumber": "003429", "newField": [1, 2.5]}"#,
    ))
    .unwrap();
    assert_eq!(response.status, Some(true));
    assert_eq!(response.extra.get("newField"), Some(&json!([1, 2.5])));

    let (path, message) = failure::<PrebookCreateResponse>(r#"[1]"#);
    assert_eq!(path, "");
    assert_eq!(
        message,
        "invalid type: an array, expected PrebookCreateResponse"
    );
}

#[test]
fn an_enum_keeps_a_value_it_does_not_know() {
    let known = ShipVia::decode_tree(&tree("1")).unwrap();
    let unknown = ShipVia::decode_tree(&tree(r#""ZZ""#)).unwrap();
    assert!(!matches!(known, ShipVia::Unknown(_)), "{known:?}");
    assert!(matches!(unknown, ShipVia::Unknown(_)), "{unknown:?}");
    assert!(ShipVia::decode_tree(&tree("null")).is_err());
}

#[test]
fn serde_reads_a_generated_type_through_the_same_decoder() {
    let line: PrebookCreatePrebookItem = serde_json::from_str(LINE).unwrap();
    let direct: PrebookCreatePrebookItem = super::decode(&tree(LINE)).unwrap();
    // serde_json hands `2.50` over as the f64 2.5: the decoder reads that, not more.
    assert_eq!(line.price, Some(Decimal::new(25, 1)));
    assert_eq!(
        PrebookCreatePrebookItem {
            price: None,
            ..line
        },
        PrebookCreatePrebookItem {
            price: None,
            ..direct
        }
    );

    // Through a `serde_json::Value` too, and the failing path is in the message.
    let error = serde_json::from_value::<PrebookCreatePrebookItem>(json!({
        "productId": 1, "boxTypeId": 2, "unitType": "Stem", "price": 1, "boxes": "x"
    }))
    .unwrap_err();
    assert!(error.to_string().contains("at `boxes`"), "{error}");
}

#[test]
fn serde_input_is_held_to_the_parser_s_rules() {
    // serde_json passes a repeated member on; the tree refuses it, as the parser does.
    let error =
        serde_json::from_str::<PrebookCreateResponse>(r#"{"status": 1, "status": 0}"#).unwrap_err();
    assert!(
        error.to_string().contains("`status` is given twice"),
        "{error}"
    );

    // Nesting stops at the parser's depth, even where the input format has no limit.
    let mut deep = json!(1);
    for _ in 0..(crate::json::MAX_DEPTH + 1) {
        deep = json!({ "extra": deep });
    }
    let error = serde_json::from_value::<PrebookCreateResponse>(deep).unwrap_err();
    assert!(error.to_string().contains("nested more than"), "{error}");
}

#[test]
fn a_number_handed_over_as_its_text_keeps_it() {
    // serde_json's raw-value form (`{"$serde_json::private::RawValue": "..."}`) is how an
    // exact number reaches a visitor: the tree keeps the text, and refuses text that is no
    // number.
    let as_text = |text: &'static str| {
        super::tree::buffer(serde::de::value::MapDeserializer::<
            _,
            serde::de::value::Error,
        >::new(
            [(crate::json::NUMBER_TOKEN, text)].into_iter()
        ))
    };
    assert_eq!(as_text("2.50").unwrap(), Json::Number("2.50".into()));
    let error = as_text("2.50x").unwrap_err();
    assert!(
        error.to_string().contains("is not a JSON number"),
        "{error}"
    );
}
