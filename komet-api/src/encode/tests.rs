//! The writer's JSON and the generated encoders on real generated types: field order, groups
//! written in place, absent members left out, exact numbers, `extra`, and serde's entry
//! point over them.

use serde_json::json;

use super::{Encode, Writer, to_vec};
use crate::common::{BoxTypeRef, CustomerRef, UnitType, VendorRef};
use crate::decode::Serde;
use crate::prebooks::{PrebookCreatePrebookItem, PrebookCreateResponse};

fn text(value: &dyn Encode) -> String {
    String::from_utf8(to_vec(value).unwrap()).unwrap()
}

/// A line read from text whose members are out of field order.
fn line() -> PrebookCreatePrebookItem {
    let text = r#"{"vendorId": 77, "price": 2.50, "unitType": "Stem", "boxes": 2,
        "boxTypeId": "901", "productId": 5001}"#;
    let line: PrebookCreatePrebookItem =
        crate::decode::decode(&crate::json::parse(text.as_bytes()).unwrap()).unwrap();
    assert_eq!(line.unit_type, UnitType::Stem);
    assert_eq!(line.box_type, Some(BoxTypeRef::id(901)));
    assert_eq!(line.vendor, VendorRef::id(77));
    line
}

#[test]
fn every_string_is_escaped_as_serde_json_escapes_it() {
    let mut all: String = (0u8..0x80).map(char::from).collect();
    all.push_str("\u{1F337} é \u{2028}");
    let mut out = Writer::default();
    out.str(&all);
    assert_eq!(
        String::from_utf8(out.finish().unwrap()).unwrap(),
        serde_json::to_string(&all).unwrap()
    );
}

#[test]
fn commas_go_between_members_and_items_at_every_depth() {
    let mut out = Writer::default();
    out.begin_object();
    out.member("a");
    out.begin_array();
    for n in [1, 2] {
        out.item();
        out.i64(n);
    }
    out.item();
    out.begin_object();
    out.end_object();
    out.end_array();
    out.member("b");
    out.null();
    out.member("c\"");
    out.bool(false);
    out.end_object();
    assert_eq!(
        String::from_utf8(out.finish().unwrap()).unwrap(),
        r#"{"a":[1,2,{}],"b":null,"c\"":false}"#
    );
}

#[test]
fn a_line_is_written_in_field_order_with_its_groups_in_place() {
    // Optional members that are `None` are left out; the decimal keeps its scale; the id of
    // a group is written where the group's first field is.
    let written = text(&line());
    let expected = json!({
        "productId": 5001, "boxTypeId": 901, "boxes": 2, "unitType": "Stem",
        "price": 2.50, "vendorId": 77
    });
    let reread: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(reread, expected, "{written}");
    // The spec lists the vendor group first.
    assert!(
        written.starts_with(r#"{"vendorId":77,"productId":5001,"boxTypeId":901,"#),
        "{written}"
    );
    assert!(written.contains(r#""price":2.50"#), "{written}");
    // What the generated decoder reads back is the value written.
    let back: PrebookCreatePrebookItem =
        crate::decode::decode(&crate::json::parse(written.as_bytes()).unwrap()).unwrap();
    assert_eq!(back, line());
}

#[test]
fn an_exclusive_group_writes_only_its_option_s_members() {
    assert_eq!(text(&CustomerRef::id(12)), r#"{"customerId":12}"#);
    let by_code = CustomerRef::Code {
        customer_code: "AC\u{1}".to_owned(),
        customer_description: "Acme \"flowers\"".to_owned(),
    };
    assert_eq!(
        text(&by_code),
        r#"{"customerCode":"AC\u0001","customerDescription":"Acme \"flowers\""}"#
    );
}

#[test]
fn a_response_writes_extra_members_after_its_own() {
    let mut response = PrebookCreateResponse {
        status: Some(true),
        message: Some("ok".to_owned()),
        ..Default::default()
    };
    response
        .extra
        .insert("zeta".to_owned(), json!([1, 2.5, null]));
    response.extra.insert("alpha".to_owned(), json!({"x": "y"}));
    assert_eq!(
        text(&response),
        r#"{"status":1,"message":"ok","alpha":{"x":"y"},"zeta":[1,2.5,null]}"#
    );
}

#[test]
fn serde_writes_a_generated_type_as_its_encoder_does() {
    let line = line();
    assert_eq!(serde_json::to_string(&line).unwrap(), text(&line));
    // Into a `Value`: integers stay integers, the decimal becomes serde_json's number.
    let value = serde_json::to_value(&line).unwrap();
    assert_eq!(value["boxes"], json!(2));
    assert!(value["boxes"].is_i64());
    assert_eq!(value["price"], json!(2.5));
    assert_eq!(value["unitType"], json!("Stem"));
}

#[test]
fn a_caller_type_that_cannot_be_written_is_an_error_not_a_partial_text() {
    let mut map = std::collections::BTreeMap::new();
    map.insert(vec![1u8], 1);
    let error = to_vec(&Serde(map)).unwrap_err();
    assert!(error.contains("key must be a string"), "{error}");
    assert_eq!(text(&Serde(json!({"a": [1, "b"]}))), r#"{"a":[1,"b"]}"#);
    assert_eq!(text(&None::<Serde<i64>>), "null");
    assert_eq!(text(&vec![Some(Serde(1)), None]), "[1,null]");
}
