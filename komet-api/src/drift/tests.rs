use super::*;
use crate::json;
use crate::meta::*;

static COLOR: EnumMeta = EnumMeta {
    name: "Color",
    values: &[WireValue::Str("RED"), WireValue::Str("BLUE")],
};

static LINE: ObjectMeta = ObjectMeta {
    fields: &[
        FieldMeta::new("lineId", FieldType::integer(10)),
        FieldMeta::new("color", FieldType::Enum(&COLOR)),
        FieldMeta::new("price", FieldType::decimal(6, 2)),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

static RESPONSE: ObjectMeta = ObjectMeta {
    fields: &[
        FieldMeta::new("status", FieldType::Flag),
        FieldMeta::new("message", FieldType::string(10)),
        FieldMeta::new("total", FieldType::integer(5)),
        FieldMeta::new("shipDate", FieldType::Date),
        FieldMeta::new("lines", FieldType::Array(&LINE)),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

// Built from a generated method, so fields added to `MethodMeta` later need no edit here.
static METHOD: MethodMeta = MethodMeta {
    name: "thing.list",
    request: &RESPONSE,
    response: &RESPONSE,
    ..crate::generated::carriers::CARRIER_LIST
};

const TOKEN: &str = "s3cret-token-value";

fn record(recorder: &Recorder, body: &str, unknown_status: bool) {
    let tree = json::parse(body.as_bytes()).unwrap();
    recorder.record(&METHOD, &tree, &Token::new(TOKEN), unknown_status);
}

fn report_of(options: DriftOptions, bodies: &[&str]) -> DriftReport {
    let recorder = Recorder::new(options);
    for body in bodies {
        record(&recorder, body, false);
    }
    recorder.report()
}

fn entry<'r>(report: &'r DriftReport, path: &str, kind: DriftKind) -> &'r DriftEntry {
    report
        .entry("thing.list", path, kind)
        .unwrap_or_else(|| panic!("no {kind:?} at {path}: {report:#?}"))
}

#[test]
fn a_clean_answer_records_nothing_but_is_counted() {
    let report = report_of(
        DriftOptions::new(),
        &[
            r#"{"status":1,"message":"ok","total":3,"shipDate":"2025-01-31","lines":[{"lineId":1,"color":"RED","price":1.50}]}"#,
        ],
    );
    assert!(report.is_clean(), "{report:#?}");
    assert_eq!(report.methods["thing.list"].responses, 1);
}

#[test]
fn unknown_fields_are_recorded_by_collapsed_path_with_types_and_lengths() {
    let report = report_of(
        DriftOptions::new(),
        &[
            r#"{"status":1,"invoiceId":123456,"lines":[{"lineId":1,"note":"abc"},{"lineId":2,"note":"abcdefgh"}]}"#,
            r#"{"status":1,"invoiceId":"77","extra":{"deep":[1,2]}}"#,
        ],
    );
    let id = entry(&report, "invoiceId", DriftKind::UnknownField);
    assert_eq!(id.count, 2);
    assert_eq!(id.responses, 2);
    assert_eq!(
        id.json_types.iter().copied().collect::<Vec<_>>(),
        [JsonType::Number, JsonType::String]
    );
    assert_eq!(id.max_digits, Some(6));
    assert_eq!(id.expected, None);
    let note = entry(&report, "lines[].note", DriftKind::UnknownField);
    assert_eq!((note.count, note.responses, note.max_len), (2, 1, Some(8)));
    for path in ["extra", "extra.deep", "extra.deep[]"] {
        entry(&report, path, DriftKind::UnknownField);
    }
    assert!(
        report
            .entry("thing.list", "lines[0].note", DriftKind::UnknownField)
            .is_none()
    );
}

#[test]
fn values_outside_their_type_or_bound_are_recorded() {
    let report = report_of(
        DriftOptions::new(),
        &[
            r#"{"status":1,"message":"far longer than ten","total":"12","shipDate":"31/01/2025","lines":[{"lineId":12345678901,"price":1.505}]}"#,
        ],
    );
    let long = entry(&report, "message", DriftKind::TooLong);
    assert_eq!(long.max_len, Some(19));
    assert_eq!(long.expected.as_deref(), Some("string:10"));
    let text = entry(&report, "total", DriftKind::UnexpectedType);
    assert_eq!(
        text.json_types.iter().copied().collect::<Vec<_>>(),
        [JsonType::String]
    );
    assert_eq!(text.expected.as_deref(), Some("integer:5"));
    entry(&report, "shipDate", DriftKind::BadFormat);
    let digits = entry(&report, "lines[].lineId", DriftKind::TooManyDigits);
    assert_eq!(digits.max_digits, Some(11));
    entry(&report, "lines[].price", DriftKind::TooManyDigits);
    assert!(
        report
            .entry("thing.list", "total", DriftKind::UnknownField)
            .is_none()
    );
}

#[test]
fn unknown_enum_values_and_statuses_are_recorded() {
    let recorder = Recorder::new(DriftOptions::new());
    record(
        &recorder,
        r#"{"status":1,"lines":[{"color":"GREEN"}]}"#,
        false,
    );
    record(&recorder, r#"{"status":2}"#, true);
    let report = recorder.report();
    let color = entry(&report, "lines[].color", DriftKind::UnknownEnumValue);
    assert_eq!(color.expected.as_deref(), Some("enum:Color"));
    let status = entry(&report, "status", DriftKind::UnknownStatus);
    assert_eq!(status.count, 1);
    // A known status form is not drift.
    assert!(
        report
            .entry("thing.list", "status", DriftKind::UnexpectedType)
            .is_none()
    );
}

#[test]
fn no_value_is_recorded_by_default_and_examples_only_where_asked() {
    let body = r#"{"status":1,"customerName":"Flores Maria","lines":[{"color":"GREEN"}]}"#;
    let plain = report_of(DriftOptions::new(), &[body]);
    let mut text = Vec::new();
    plain.write_jsonl(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("customerName"), "{text}");
    assert!(
        !text.contains("Flores") && !text.contains("GREEN"),
        "{text}"
    );

    let options = DriftOptions::new().keep_examples("thing.list", "lines[].color");
    let chosen = report_of(options, &[body]);
    assert_eq!(
        entry(&chosen, "lines[].color", DriftKind::UnknownEnumValue).examples,
        ["GREEN"]
    );
    assert!(
        entry(&chosen, "customerName", DriftKind::UnknownField)
            .examples
            .is_empty()
    );
}

#[test]
fn paths_per_method_are_bounded() {
    let members: Vec<String> = (0..50).map(|i| format!("\"f{i}\":1")).collect();
    let body = format!("{{\"status\":1,{}}}", members.join(","));
    let options = DriftOptions::new().max_paths_per_method(10);
    let recorder = Recorder::new(options);
    record(&recorder, &body, false);
    record(&recorder, &body.replace("\"f", "\"g"), false);
    let report = recorder.report();
    let drift = &report.methods["thing.list"];
    assert_eq!(drift.entries.len(), 10);
    assert_eq!(drift.dropped, 90);
    // A path longer than the limit is dropped, not kept.
    let long = format!("{{\"{}\":1}}", "k".repeat(walk::MAX_PATH_CHARS + 1));
    let report = report_of(DriftOptions::new(), &[&long]);
    assert_eq!(report.methods["thing.list"].entries.len(), 0);
    assert_eq!(report.methods["thing.list"].dropped, 1);
}

#[test]
fn the_token_never_reaches_the_report() {
    let body = format!(
        r#"{{"status":1,"{TOKEN}":1,"echo":"token={TOKEN}","lines":[{{"color":"{TOKEN}"}}]}}"#
    );
    let options = DriftOptions::new()
        .keep_examples("thing.list", "echo")
        .keep_examples("thing.list", "lines[].color");
    let report = report_of(options, &[&body]);
    let mut text = Vec::new();
    report.write_jsonl(&mut text).unwrap();
    let text = String::from_utf8(text).unwrap();
    assert!(!text.contains(TOKEN), "{text}");
    assert!(format!("{report:?}").find(TOKEN).is_none());
    assert_eq!(
        entry(&report, "echo", DriftKind::UnknownField).examples,
        ["token=[redacted]"]
    );
    entry(&report, "[redacted]", DriftKind::UnknownField);
}

#[test]
fn take_empties_the_record() {
    let recorder = Recorder::new(DriftOptions::new());
    record(&recorder, r#"{"status":1,"x":1}"#, false);
    assert!(!recorder.take().is_clean());
    assert!(recorder.report().methods.is_empty());
}

#[test]
fn hostile_answers_stay_bounded() {
    // Many rows, each with a member of its own: the paths stop at the limit, the rest is
    // counted as dropped.
    let rows: Vec<String> = (0..20_000).map(|i| format!("{{\"k{i}\":{i}}}")).collect();
    let body = format!("{{\"status\":1,\"lines\":[{}]}}", rows.join(","));
    let report = report_of(DriftOptions::new(), &[&body]);
    let drift = &report.methods["thing.list"];
    assert_eq!(drift.entries.len(), DEFAULT_MAX_PATHS);
    assert_eq!(drift.dropped, 20_000 - DEFAULT_MAX_PATHS as u64);
    // Deep nesting of unknown objects: kept up to the path length limit, no deeper.
    let depth = 120;
    let deep = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
    let report = report_of(DriftOptions::new(), &[&deep]);
    let drift = &report.methods["thing.list"];
    assert!(
        drift
            .entries
            .iter()
            .all(|e| e.path.len() <= walk::MAX_PATH_CHARS)
    );
    // `a`, `a.a`, ...: 2k - 1 bytes at depth k.
    assert_eq!(drift.entries.len(), walk::MAX_PATH_CHARS / 2);
    assert_eq!(drift.dropped, 1);
}

#[test]
fn an_unknown_status_is_drift_even_where_the_spec_has_no_status() {
    static BARE: ObjectMeta = ObjectMeta {
        fields: &[],
        alternatives: &[],
        rules: &[],
        date_spans: &[],
    };
    static BARE_METHOD: MethodMeta = MethodMeta {
        name: "bare.get",
        response: &BARE,
        ..METHOD
    };
    let recorder = Recorder::new(DriftOptions::new());
    let tree = json::parse(br#"{"status":"maybe"}"#).unwrap();
    recorder.record(&BARE_METHOD, &tree, &Token::new(TOKEN), true);
    let report = recorder.report();
    assert!(
        report
            .entry("bare.get", "status", DriftKind::UnknownStatus)
            .is_some()
    );
    assert!(
        report
            .entry("bare.get", "status", DriftKind::UnknownField)
            .is_none()
    );
}
