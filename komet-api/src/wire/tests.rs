//! Every accepted wire form of every helper, and exact decimal output.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::{NaiveDate, NaiveDateTime};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{WireEnum, WireValueOwned, deserialize_enum, serialize_enum};
use crate::meta::WireValue;

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Plain {
    #[serde(with = "crate::wire::flag")]
    flag: bool,
    #[serde(with = "crate::wire::boolean")]
    boolean: bool,
    #[serde(with = "crate::wire::int")]
    int: i64,
    #[serde(with = "crate::wire::string")]
    string: String,
    #[serde(with = "crate::wire::decimal")]
    decimal: Decimal,
    #[serde(with = "crate::wire::date")]
    date: NaiveDate,
    #[serde(with = "crate::wire::datetime")]
    datetime: NaiveDateTime,
}

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Optional {
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::flag_opt"
    )]
    flag: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::boolean_opt"
    )]
    boolean: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::int_opt"
    )]
    int: Option<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::string_opt"
    )]
    string: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::decimal_opt"
    )]
    decimal: Option<Decimal>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::date_opt"
    )]
    date: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::datetime_opt"
    )]
    datetime: Option<NaiveDateTime>,
}

fn dec(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn time(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn plain(value: Value) -> Result<Plain, serde_json::Error> {
    serde_json::from_value(value)
}

fn optional(value: Value) -> Optional {
    serde_json::from_value(value).unwrap()
}

fn sample() -> Plain {
    Plain {
        flag: true,
        boolean: false,
        int: 42,
        string: "010225".into(),
        decimal: dec("2.50"),
        date: day("2024-02-29"),
        datetime: time("2024-02-29 13:05:09"),
    }
}

#[test]
fn plain_values_serialize_in_wire_form() {
    let text = serde_json::to_string(&sample()).unwrap();
    assert_eq!(
        text,
        r#"{"flag":1,"boolean":false,"int":42,"string":"010225","decimal":2.50,"date":"2024-02-29","datetime":"2024-02-29 13:05:09"}"#
    );
    let mut other = sample();
    other.flag = false;
    assert!(
        serde_json::to_string(&other)
            .unwrap()
            .contains(r#""flag":0"#)
    );
}

#[test]
fn plain_values_read_back_from_wire_and_lenient_forms() {
    let strict = json!({"flag": 1, "boolean": false, "int": 42, "string": "010225",
        "decimal": "2.50", "date": "2024-02-29", "datetime": "2024-02-29 13:05:09"});
    assert_eq!(plain(strict).unwrap(), sample());
    let lenient = json!({"flag": "1", "boolean": "0", "int": "42", "string": "010225",
        "decimal": 2.5, "date": "2024-02-29T00:00:00", "datetime": "2024-02-29T13:05:09.000Z"});
    assert_eq!(plain(lenient).unwrap(), sample());
}

#[test]
fn decimals_serialize_exactly() {
    for text in ["2.50", "0.7", "0.1", "-1.005", "100", "1234567.891", "0.00"] {
        let wanted = Optional {
            decimal: Some(dec(text)),
            ..Optional::default()
        };
        let json = serde_json::to_string(&wanted).unwrap();
        assert_eq!(json, format!(r#"{{"decimal":{text}}}"#));
        let back: Optional = serde_json::from_str(&json).unwrap();
        assert_eq!(back.decimal, Some(dec(text)), "{text}");
    }
}

#[test]
fn decimals_decode_from_numbers_and_text() {
    for (value, wanted) in [
        (json!(0.7), "0.7"),
        (json!(19.99), "19.99"),
        (json!(3), "3"),
        (json!(-2), "-2"),
        (json!("12.345"), "12.345"),
        (json!(" 5 "), "5"),
        (json!(1e-7), "0.0000001"),
    ] {
        assert_eq!(
            optional(json!({ "decimal": value })).decimal,
            Some(dec(wanted)),
            "{wanted}"
        );
    }
    assert_eq!(optional(json!({"decimal": ""})).decimal, None);
    assert!(serde_json::from_value::<Optional>(json!({"decimal": "abc"})).is_err());
    assert!(serde_json::from_value::<Optional>(json!({"decimal": true})).is_err());
}

#[test]
fn flags_and_booleans_accept_every_form() {
    for (value, wanted) in [
        (json!(1), true),
        (json!(0), false),
        (json!("1"), true),
        (json!("0"), false),
        (json!(true), true),
        (json!(false), false),
        (json!("true"), true),
    ] {
        let got = optional(json!({ "flag": value.clone(), "boolean": value }));
        assert_eq!((got.flag, got.boolean), (Some(wanted), Some(wanted)));
    }
    for bad in [json!(2), json!("yes"), json!(1.5)] {
        assert!(serde_json::from_value::<Optional>(json!({ "flag": bad })).is_err());
    }
    let out = Optional {
        flag: Some(false),
        boolean: Some(true),
        ..Optional::default()
    };
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"flag":0,"boolean":true}"#
    );
}

#[test]
fn integers_accept_numbers_and_text() {
    for (value, wanted) in [
        (json!(7), Some(7)),
        (json!("7"), Some(7)),
        (json!("-12"), Some(-12)),
        (json!(3.0), Some(3)),
        (json!(""), None),
        (json!(null), None),
    ] {
        assert_eq!(optional(json!({ "int": value })).int, wanted);
    }
    assert_eq!(optional(json!({})).int, None);
    for bad in [json!("7a"), json!(1.5), json!(true), json!(u64::MAX)] {
        assert!(serde_json::from_value::<Optional>(json!({ "int": bad })).is_err());
    }
    assert!(
        plain(
            json!({"flag": 1, "boolean": true, "int": null, "string": "",
        "decimal": 1, "date": "2024-01-01", "datetime": "2024-01-01 00:00:00"})
        )
        .is_err()
    );
}

#[test]
fn strings_accept_numbers_and_keep_blanks() {
    assert_eq!(
        optional(json!({"string": 12345})).string.as_deref(),
        Some("12345")
    );
    assert_eq!(
        optional(json!({"string": 1.5})).string.as_deref(),
        Some("1.5")
    );
    assert_eq!(
        optional(json!({"string": "010225"})).string.as_deref(),
        Some("010225")
    );
    assert_eq!(optional(json!({"string": ""})).string.as_deref(), Some(""));
    assert_eq!(optional(json!({"string": null})).string, None);
    assert!(serde_json::from_value::<Optional>(json!({"string": [1]})).is_err());
}

#[test]
fn dates_and_times() {
    for (value, wanted) in [
        ("2024-02-29", Some("2024-02-29")),
        ("2024-02-29T10:11:12", Some("2024-02-29")),
        ("2024-02-29 10:11:12", Some("2024-02-29")),
        ("", None),
    ] {
        assert_eq!(optional(json!({ "date": value })).date, wanted.map(day));
    }
    for bad in [json!("2024-02-30"), json!("29/02/2024"), json!(20240229)] {
        assert!(serde_json::from_value::<Optional>(json!({ "date": bad })).is_err());
    }
    for (value, wanted) in [
        ("2024-01-02 03:04:05", "2024-01-02 03:04:05"),
        ("2024-01-02T03:04:05", "2024-01-02 03:04:05"),
        ("2024-01-02 03:04:05.250", "2024-01-02 03:04:05"),
        ("2024-01-02T03:04:05Z", "2024-01-02 03:04:05"),
        ("2024-01-02T05:04:05+02:00", "2024-01-02 03:04:05"),
        ("2024-01-02", "2024-01-02 00:00:00"),
    ] {
        let got = optional(json!({ "datetime": value })).datetime.unwrap();
        assert_eq!(
            got.format("%Y-%m-%d %H:%M:%S").to_string(),
            wanted,
            "{value}"
        );
    }
    assert!(serde_json::from_value::<Optional>(json!({"datetime": "yesterday"})).is_err());
    let out = Optional {
        date: Some(day("2024-03-01")),
        datetime: Some(time("2024-03-01 23:59:59")),
        ..Optional::default()
    };
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"date":"2024-03-01","datetime":"2024-03-01 23:59:59"}"#
    );
}

#[test]
fn absent_optionals_are_skipped() {
    assert_eq!(serde_json::to_string(&Optional::default()).unwrap(), "{}");
    assert_eq!(optional(json!({})), Optional::default());
}

/// Generated alternatives are untagged enums flattened into the request.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
enum Customer {
    Id {
        #[serde(rename = "customerId", with = "crate::wire::int")]
        id: i64,
    },
    Code {
        #[serde(rename = "customerCode", with = "crate::wire::string")]
        code: String,
        #[serde(rename = "creditLimit", with = "crate::wire::decimal")]
        credit: Decimal,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct WithAlternatives {
    #[serde(flatten)]
    customer: Customer,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::flag_opt"
    )]
    urgent: Option<bool>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::date_opt"
    )]
    ship: Option<NaiveDate>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[test]
fn helpers_work_inside_flatten_and_untagged() {
    let got: WithAlternatives = serde_json::from_value(
        json!({"customerId": "15", "urgent": "1", "ship": "2024-05-01", "x": 1}),
    )
    .unwrap();
    assert_eq!(got.customer, Customer::Id { id: 15 });
    assert_eq!(got.urgent, Some(true));
    assert_eq!(got.ship, Some(day("2024-05-01")));
    assert_eq!(got.extra.get("x"), Some(&json!(1)));

    let got: WithAlternatives =
        serde_json::from_str(r#"{"customerCode": 42, "creditLimit": 100.25, "urgent": null}"#)
            .unwrap();
    assert_eq!(
        got.customer,
        Customer::Code {
            code: "42".into(),
            credit: dec("100.25")
        }
    );
    assert_eq!(got.urgent, None);

    let out = WithAlternatives {
        customer: Customer::Code {
            code: "C1".into(),
            credit: dec("10.50"),
        },
        urgent: Some(false),
        ship: None,
        extra: BTreeMap::new(),
    };
    assert_eq!(
        serde_json::to_string(&out).unwrap(),
        r#"{"customerCode":"C1","creditLimit":10.50,"urgent":0}"#
    );
}

#[derive(Debug, PartialEq)]
enum Origin {
    OnHand,
    FutureSales,
    Unknown(WireValueOwned),
}

impl WireEnum for Origin {
    fn from_wire(value: WireValueOwned) -> Self {
        if value.matches(WireValue::Int(1)) {
            Origin::OnHand
        } else if value.matches(WireValue::Int(2)) {
            Origin::FutureSales
        } else {
            Origin::Unknown(value)
        }
    }

    fn to_wire(&self) -> WireValueOwned {
        match self {
            Origin::OnHand => WireValueOwned::Int(1),
            Origin::FutureSales => WireValueOwned::Int(2),
            Origin::Unknown(v) => v.clone(),
        }
    }
}

impl Serialize for Origin {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        serialize_enum(self, s)
    }
}

impl<'de> Deserialize<'de> for Origin {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        deserialize_enum(d)
    }
}

#[test]
fn enums_decode_leniently_and_keep_unknown_values() {
    let read = |v: Value| serde_json::from_value::<Origin>(v).unwrap();
    assert_eq!(read(json!(1)), Origin::OnHand);
    assert_eq!(read(json!("2")), Origin::FutureSales);
    assert_eq!(read(json!(9)), Origin::Unknown(WireValueOwned::Int(9)));
    assert_eq!(
        read(json!("OH")),
        Origin::Unknown(WireValueOwned::Str("OH".into()))
    );
    // "07" is not a canonical number, so it is handed over as text; `matches` is still lenient.
    assert_eq!(
        read(json!("07")),
        Origin::Unknown(WireValueOwned::Str("07".into()))
    );
    assert_eq!(read(json!("01")), Origin::OnHand);
    assert_eq!(read(json!("9")), Origin::Unknown(WireValueOwned::Int(9)));
    assert!(serde_json::from_value::<Origin>(Value::Null).is_err());
    assert_eq!(serde_json::to_string(&Origin::FutureSales).unwrap(), "2");
    let unknown = Origin::Unknown(WireValueOwned::Str("X".into()));
    assert_eq!(serde_json::to_string(&unknown).unwrap(), r#""X""#);
    assert!(WireValueOwned::Str(" 3".into()).matches(WireValue::Int(3)));
    assert!(WireValueOwned::Int(3).matches(WireValue::Str("3")));
    assert!(!WireValueOwned::Str("BOX".into()).matches(WireValue::Str("UN")));
}

// Document numbers: text stays text, a number stays a number, neither loses a digit.
crate::wire::text_type! {
    /// A test number.
    TestNumber
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Numbered {
    number: TestNumber,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    other: Option<TestNumber>,
}

/// Decodes through the exact JSON tree, as the client reads answers.
fn exact<T: serde::de::DeserializeOwned>(text: &str) -> T {
    let tree = crate::json::parse(text.as_bytes()).unwrap();
    crate::json::decode(&tree).unwrap()
}

#[test]
fn document_numbers_keep_their_text_and_their_form() {
    for (input, text, is_number) in [
        (r#"{"number":"003429"}"#, "003429", false),
        (r#"{"number":"P053455"}"#, "P053455", false),
        (r#"{"number":"234-2367-0983"}"#, "234-2367-0983", false),
        (r#"{"number":3429}"#, "3429", true),
        (r#"{"number":""}"#, "", false),
    ] {
        let decoded: Numbered = serde_json::from_str(input).unwrap();
        assert_eq!(decoded.number.as_str(), text, "{input}");
        assert_eq!(decoded.number.is_number(), is_number, "{input}");
        assert_eq!(serde_json::to_string(&decoded).unwrap(), input);
        // Through the exact tree the client decodes with, too.
        let exact: Numbered = exact(input);
        assert_eq!(exact, decoded);
    }
    // A number with more digits than any integer type holds keeps them all.
    let long = r#"{"number":123456789012345678901234567890}"#;
    let decoded: Numbered = exact(long);
    assert_eq!(decoded.number.as_str(), "123456789012345678901234567890");
    assert_eq!(serde_json::to_string(&decoded).unwrap(), long);
    // null is absent; a boolean or an object is not a document number.
    let absent: Numbered = serde_json::from_str(r#"{"number":"1","other":null}"#).unwrap();
    assert_eq!(absent.other, None);
    assert!(serde_json::from_str::<Numbered>(r#"{"number":true}"#).is_err());
    assert!(serde_json::from_str::<Numbered>(r#"{"number":{}}"#).is_err());
}

#[test]
fn document_numbers_compare_and_show_as_text() {
    let text = TestNumber::new("3429");
    let number = TestNumber::from(3429u64);
    assert_eq!(text, number, "the same document, whatever its JSON form");
    assert_eq!(number.to_string(), "3429");
    assert_eq!(
        format!("{:?}", TestNumber::from("007")),
        r#"TestNumber("007")"#
    );
    assert_eq!(format!("{number:?}"), "TestNumber(3429)");
    assert_eq!(TestNumber::from("007"), "007");
    assert_eq!(&*TestNumber::from("P1"), "P1");
    assert_eq!(TestNumber::from("P1").into_string(), "P1");
    assert_eq!(serde_json::to_value(&number).unwrap(), json!(3429));
    assert_eq!(serde_json::to_value(&text).unwrap(), json!("3429"));
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Lists {
    #[serde(with = "crate::wire::csv")]
    ids: Vec<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::csv_opt"
    )]
    numbers: Option<Vec<TestNumber>>,
}

#[test]
fn comma_separated_lists_read_every_form_and_write_bare_commas() {
    for (input, ids) in [
        (json!({"ids": "428545, 428544"}), vec![428545, 428544]),
        (json!({"ids": "428545,428544"}), vec![428545, 428544]),
        (json!({"ids": " 7 "}), vec![7]),
        (json!({"ids": 7}), vec![7]),
        (json!({"ids": "7"}), vec![7]),
        (json!({"ids": [1, "2"]}), vec![1, 2]),
        (json!({"ids": ""}), vec![]),
    ] {
        let decoded: Lists = serde_json::from_value(input.clone()).unwrap();
        assert_eq!(decoded.ids, ids, "{input}");
    }
    let lists = Lists {
        ids: vec![428545, 428544],
        numbers: Some(vec!["P081001".into(), "081002".into()]),
    };
    assert_eq!(
        serde_json::to_value(&lists).unwrap(),
        json!({"ids": "428545,428544", "numbers": "P081001,081002"})
    );
    // Items keep their zeros when they are text; blank items and non-numbers are refused.
    let decoded: Lists = serde_json::from_value(json!({"ids": "1", "numbers": "P1, 007"})).unwrap();
    assert_eq!(decoded.numbers.unwrap()[1].as_str(), "007");
    for bad in [
        json!({"ids": "1,,2"}),
        json!({"ids": "1,x"}),
        json!({"ids": true}),
    ] {
        assert!(
            serde_json::from_value::<Lists>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    let absent: Lists = serde_json::from_value(json!({"ids": "1", "numbers": null})).unwrap();
    assert_eq!(absent.numbers, None);
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct Scalars {
    #[serde(with = "crate::wire::int_list")]
    ids: Vec<i64>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::date_list_opt"
    )]
    days: Option<Vec<NaiveDate>>,
}

#[test]
fn lists_read_each_item_like_a_single_field() {
    let read: Scalars =
        serde_json::from_value(json!({"ids": [1, "595", " 7 "], "days": ["2026-12-01"]})).unwrap();
    assert_eq!(read.ids, [1, 595, 7]);
    assert_eq!(
        read.days.as_deref(),
        Some(&[NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()][..])
    );
    assert_eq!(
        serde_json::to_value(&read).unwrap(),
        json!({"ids": [1, 595, 7], "days": ["2026-12-01"]})
    );
    let err = serde_json::from_value::<Scalars>(json!({"ids": [1, "x"]})).unwrap_err();
    assert!(err.to_string().contains("item 1"), "{err}");
    let none: Scalars = serde_json::from_value(json!({"ids": [], "days": null})).unwrap();
    assert_eq!(none.days, None);
}

// Entity ids: a newtype per kind, an integer on the wire, read as leniently as `int`.
crate::wire::id_type! {
    /// A test id.
    TestId
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
struct WithIds {
    #[serde(with = "crate::wire::id")]
    id: TestId,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::id_opt"
    )]
    other: Option<TestId>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::id_list_opt"
    )]
    many: Option<Vec<TestId>>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::wire::csv_opt"
    )]
    joined: Option<Vec<TestId>>,
}

#[test]
fn ids_read_numbers_and_numeric_text() {
    for value in [json!(595), json!("595"), json!(" 595 "), json!(595.0)] {
        let read: WithIds = serde_json::from_value(json!({ "id": value.clone() })).unwrap();
        assert_eq!(read.id, TestId::from(595), "{value}");
        // The newtype on its own reads the same way.
        assert_eq!(serde_json::from_value::<TestId>(value).unwrap(), 595);
    }
    let read: WithIds =
        serde_json::from_value(json!({"id": 1, "other": "", "many": [1, "2"], "joined": "3, 4"}))
            .unwrap();
    assert_eq!(
        read.other, None,
        "a blank optional id is absent, as for int_opt"
    );
    assert_eq!(read.many, Some(vec![TestId::from(1), TestId::from(2)]));
    assert_eq!(read.joined, Some(vec![TestId::from(3), TestId::from(4)]));
    let read: WithIds = serde_json::from_value(json!({"id": 1, "other": null})).unwrap();
    assert_eq!(read.other, None);
}

#[test]
fn ids_refuse_what_integers_refuse() {
    for bad in [
        json!("7a"),
        json!(1.5),
        json!(true),
        json!(u64::MAX),
        json!(null),
        json!(""),
        json!([1]),
    ] {
        let int = serde_json::from_value::<Plain>(json!({"flag": 1, "boolean": true,
            "int": bad.clone(), "string": "", "decimal": 1, "date": "2024-01-01",
            "datetime": "2024-01-01 00:00:00"}));
        assert!(int.is_err(), "int takes {bad}");
        assert!(
            serde_json::from_value::<WithIds>(json!({ "id": bad.clone() })).is_err(),
            "{bad}"
        );
        assert!(
            serde_json::from_value::<TestId>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    for bad in [json!("7a"), json!(1.5), json!(true)] {
        let optional = serde_json::from_value::<Optional>(json!({ "int": bad.clone() }));
        let id = serde_json::from_value::<WithIds>(json!({"id": 1, "other": bad.clone()}));
        assert!(optional.is_err() && id.is_err(), "{bad}");
    }
}

#[test]
fn ids_serialize_as_bare_integers() {
    let ids = WithIds {
        id: 9999.into(),
        other: Some(TestId::from(7i64)),
        many: Some(vec![1.into(), 2u32.into()]),
        joined: Some(vec![428545.into(), 428544.into()]),
    };
    assert_eq!(
        serde_json::to_string(&ids).unwrap(),
        r#"{"id":9999,"other":7,"many":[1,2],"joined":"428545,428544"}"#
    );
    assert_eq!(serde_json::to_string(&TestId::from(595)).unwrap(), "595");
    assert_eq!(serde_json::to_value(TestId::new(-3)).unwrap(), json!(-3));
}

#[test]
fn ids_convert_compare_and_show_as_their_number() {
    let id = TestId::from(9999);
    assert_eq!(format!("{id:?}"), "TestId(9999)");
    assert_eq!(id.to_string(), "9999");
    assert_eq!(id.get(), 9999);
    assert_eq!(id.get(), 9999);
    assert_eq!(id, 9999i64);
    assert_eq!("9999".parse::<TestId>().unwrap(), id);
    assert_eq!(" 12 ".parse::<TestId>().unwrap(), 12);
    assert!("12a".parse::<TestId>().is_err());
    assert!(TestId::from(2) < TestId::from(10));
    fn takes(id: impl Into<TestId>) -> TestId {
        id.into()
    }
    assert_eq!(takes(2001), TestId::new(2001));
    let set: std::collections::BTreeSet<TestId> = [3, 1, 3].into_iter().map(TestId::from).collect();
    assert_eq!(set.into_iter().map(TestId::get).collect::<Vec<_>>(), [1, 3]);
}

/// The generated encoders write through the helpers' `write`; the helpers' serde
/// `serialize` is what a caller's own `#[serde(with = ..)]` field writes. The two must write
/// the same text for every helper, or a request would travel differently through the two.
#[test]
fn every_helper_writes_what_its_serializer_writes() {
    use super::*;
    use crate::encode::Writer;
    fn same<T: ?Sized>(
        value: &T,
        serialize: fn(&T, &mut serde_json::Serializer<&mut Vec<u8>>) -> serde_json::Result<()>,
        write: fn(&T, &mut Writer),
    ) {
        let mut serialized = Vec::new();
        serialize(value, &mut serde_json::Serializer::new(&mut serialized)).expect("serializable");
        let mut out = Writer::default();
        write(value, &mut out);
        let written = out.finish().expect("writable");
        assert_eq!(
            String::from_utf8_lossy(&written),
            String::from_utf8_lossy(&serialized)
        );
    }
    let texts = [
        "",
        "a \"quoted\" \\ line\n",
        "\u{1F337} tulip",
        "007",
        "\u{0}\u{1f}\u{7f}\t\r\u{8}\u{c}/",
    ];
    for text in texts {
        same(
            &text.to_owned(),
            |v, s| string::serialize(v, s),
            string::write,
        );
    }
    for n in [0, -1, i64::MIN, i64::MAX] {
        same(&n, |v, s| int::serialize(v, s), int::write);
        same(&TestId::from(n), |v, s| id::serialize(v, s), id::write);
    }
    for b in [true, false] {
        same(&b, |v, s| boolean::serialize(v, s), boolean::write);
        same(&b, |v, s| flag::serialize(v, s), flag::write);
    }
    let decimals: Vec<rust_decimal::Decimal> = [
        "2.50",
        "-0.001",
        "0",
        "79228162514264337593543950335",
        "0.0000000000000000000000000001",
    ]
    .iter()
    .map(|t| t.parse().unwrap())
    .collect();
    for d in &decimals {
        same(d, |v, s| decimal::serialize(v, s), decimal::write);
    }
    let dates = [
        chrono::NaiveDate::from_ymd_opt(2026, 2, 9).unwrap(),
        chrono::NaiveDate::MIN,
        chrono::NaiveDate::MAX,
    ];
    for d in &dates {
        same(d, |v, s| date::serialize(v, s), date::write);
        let at = d.and_hms_opt(23, 5, 9).unwrap();
        same(&at, |v, s| datetime::serialize(v, s), datetime::write);
    }
    let owned: Vec<String> = texts.iter().map(|t| t.to_string()).collect();
    same(
        owned.as_slice(),
        |v, s| string_list::serialize(v, s),
        string_list::write,
    );
    same(
        &[1, -2, i64::MAX][..],
        |v, s| int_list::serialize(v, s),
        int_list::write,
    );
    same(&[][..], |v, s| int_list::serialize(v, s), int_list::write);
    same(
        decimals.as_slice(),
        |v, s| decimal_list::serialize(v, s),
        decimal_list::write,
    );
    same(
        &dates[..],
        |v, s| date_list::serialize(v, s),
        date_list::write,
    );
    same(
        &[true, false][..],
        |v, s| flag_list::serialize(v, s),
        flag_list::write,
    );
    same(
        &[true, false][..],
        |v, s| boolean_list::serialize(v, s),
        boolean_list::write,
    );
    let ats: Vec<_> = dates
        .iter()
        .map(|d| d.and_hms_opt(0, 0, 0).unwrap())
        .collect();
    same(
        ats.as_slice(),
        |v, s| datetime_list::serialize(v, s),
        datetime_list::write,
    );
    let ids: Vec<TestId> = [5, 6].into_iter().map(TestId::from).collect();
    same(
        ids.as_slice(),
        |v, s| id_list::serialize(v, s),
        id_list::write,
    );
    same(
        &[][..],
        |v, s| id_list::serialize(v, s),
        id_list::write::<TestId>,
    );
    same(
        &[428545_i64, 7][..],
        |v, s| csv::serialize(v, s),
        csv::write,
    );
    same(&owned[..2], |v, s| csv::serialize(v, s), csv::write);
}
