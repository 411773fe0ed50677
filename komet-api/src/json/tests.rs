use super::*;

fn ok(text: &str) -> Json<'_> {
    parse(text.as_bytes()).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn err(text: &str) -> ParseError {
    parse(text.as_bytes()).expect_err(text)
}

#[test]
fn numbers_keep_their_text() {
    for text in [
        "0",
        "-0",
        "2.50",
        "1e5",
        "-1.25E-7",
        "0.9999999999999999999999999999",
    ] {
        assert_eq!(ok(text), Json::Number(text.into()));
        assert_eq!(ok(text).to_string(), text);
    }
    let big = "123456789012345678901234567890.123456789";
    assert_eq!(ok(big).to_string(), big);
}

#[test]
fn written_out_it_is_the_same_json() {
    let text = r#"{"a":[1,2.50,{"b":null}],"c":"x\"y\\z\n\u0001","d":true,"é":"ü"}"#;
    let tree = ok(text);
    assert_eq!(tree.to_string(), text);
    let reparsed: Value = serde_json::from_str(&tree.to_string()).unwrap();
    assert_eq!(reparsed, serde_json::from_str::<Value>(text).unwrap());
}

#[test]
fn strict_json_only() {
    for bad in [
        "",
        " ",
        "01",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "NaN",
        "Infinity",
        "[1,]",
        "{\"a\":1,}",
        "{a:1}",
        "'x'",
        "\"\\x\"",
        "\"\\u12\"",
        "\"\\ud800\"",
        "\"\\udc00\"",
        "\"a\u{1}b\"",
        "[1] x",
        "tru",
        "nul",
        "[",
        "{",
        "\"abc",
    ] {
        err(bad);
    }
    assert_eq!(ok(r#""\ud83d\ude00""#), Json::String("😀".into()));
}

#[test]
fn a_member_named_twice_is_refused_small_or_large() {
    let e = err(r#"{"status":1,"status":0}"#);
    assert_eq!(e.name.as_deref(), Some("status"));
    assert_eq!(e.offset, 12);
    let mut large: String = (0..40).map(|i| format!("\"m{i}\":{i},")).collect();
    large.insert(0, '{');
    large.push_str("\"m7\":0}");
    assert_eq!(err(&large).name.as_deref(), Some("m7"));
}

#[test]
fn nesting_is_bounded_without_recursion_trouble() {
    let deep = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
    ok(&deep);
    let too_deep = "[".repeat(MAX_DEPTH + 1) + &"]".repeat(MAX_DEPTH + 1);
    assert!(err(&too_deep).message.contains("nested"));
    // A million unclosed brackets are refused at the limit, not after reading them all.
    let hostile = "[".repeat(1_000_000);
    assert_eq!(err(&hostile).offset, MAX_DEPTH);
}

#[test]
fn invalid_utf8_is_located() {
    let e = parse(b"{\"a\":\"\xff\"}").unwrap_err();
    assert_eq!(e.offset, 6);
}

#[test]
fn values_convert_without_rounding_what_they_hold() {
    let value = serde_json::json!({"a": [1, -2, 2.5, "x", null, true], "b": {"c": 18446744073709551615u64}});
    let tree = Json::from_value(&value).unwrap();
    assert_eq!(tree.to_value(), value);
    // A number serde_json cannot hold comes back as its exact text.
    assert_eq!(
        ok("0.9999999999999999999999999999").to_value(),
        Value::String("0.9999999999999999999999999999".into())
    );
    assert_eq!(ok("2.50").to_value(), serde_json::json!(2.5));
}

#[test]
fn decoding_hands_over_the_exact_text() {
    #[derive(serde::Deserialize, Debug, PartialEq)]
    struct Row {
        #[serde(with = "crate::wire::string")]
        code: String,
        #[serde(with = "crate::wire::decimal")]
        price: rust_decimal::Decimal,
        #[serde(with = "crate::wire::int")]
        boxes: i64,
        #[serde(flatten)]
        extra: std::collections::BTreeMap<String, Value>,
    }
    let tree = ok(
        r#"{"code": 1.10, "price": 0.1234567890123456789012345678, "boxes": 5.0,
        "other": 2.50, "nested": {"x": [1e2]}, "raw": 1.000000000000000000001}"#,
    );
    let row: Row = decode(&tree).unwrap();
    assert_eq!(row.code, "1.10");
    assert_eq!(row.price.to_string(), "0.1234567890123456789012345678");
    assert_eq!(row.boxes, 5);
    assert_eq!(row.extra["other"], serde_json::json!(2.5));
    assert_eq!(row.extra["nested"], serde_json::json!({"x": [100.0]}));
    // Untyped members are JSON numbers, as serde_json reads them.
    assert_eq!(row.extra["raw"], serde_json::json!(1.0));

    // A plain number field outside any buffering reads the number as serde_json would.
    #[derive(serde::Deserialize)]
    struct Plain {
        amount: f64,
        count: u8,
    }
    let plain: Plain = decode(&ok(r#"{"amount": 2.50, "count": 7}"#)).unwrap();
    assert_eq!((plain.amount, plain.count), (2.5, 7));

    let wrong = ok(r#"{"code": "a", "price": "x", "boxes": 1}"#);
    let e = decode::<Row>(&wrong).unwrap_err();
    assert_eq!(e.path, "price");
}

#[test]
fn a_decode_error_names_the_member_and_item_it_arose_in() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Line {
        #[serde(with = "crate::wire::int")]
        boxes: i64,
    }
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Order {
        lines: Vec<Line>,
        grid: Vec<Vec<Line>>,
    }
    let path = |text: &str| decode::<Order>(&ok(text)).unwrap_err();

    let e = path(r#"{"lines": [{"boxes": 1}, {"boxes": "two"}], "grid": []}"#);
    assert_eq!(e.path, "lines[1].boxes");
    assert!(e.message.contains("whole number"), "{}", e.message);
    assert_eq!(
        path(r#"{"lines": [], "grid": [[], [{"boxes": 1}, {"boxes": true}]]}"#).path,
        "grid[1][1].boxes"
    );
    // A missing member is reported at the object that lacks it; at the root the path is empty.
    let e = path(r#"{"lines": [{}], "grid": []}"#);
    assert_eq!(
        (e.path.as_str(), e.message.as_str()),
        ("lines[0]", "missing field `boxes`")
    );
    assert_eq!(path(r#"{"lines": []}"#).path, "");
    assert_eq!(path(r#""text""#).path, "");
}
