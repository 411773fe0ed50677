//! Layer 1: a malformed or inconsistent spec stops generation with `file:line:column` and a
//! plain message, never a panic.

use komet_codegen::generate_texts;

const COMMON: &str = r#"
enums:
  - name: ItemType
    repr: string
    doc: Box or unit.
    values:
      - { wire: BOX, name: Box, doc: Boxes. }
      - { wire: UN, name: Unit, doc: Units. }
texts:
  - { name: InvoiceNumber, doc: An invoice number. }
ids:
  - { name: CustomerId, doc: A customer. }
  - { name: CarrierId, doc: A carrier. }
settings:
  - { name: allow_changing_cost, doc: Vendors may set costs. }
"#;

/// Generates `area` (named `spec/area.yaml`) beside the common file and returns the single
/// error it must produce, rendered.
fn single_error(area: &str) -> String {
    let errors = generate_texts(&[("spec/common.yaml", COMMON), ("spec/area.yaml", area)])
        .expect_err("the spec should be rejected");
    assert_eq!(errors.len(), 1, "expected one error, got {errors:#?}");
    errors[0].to_string()
}

fn method(body: &str) -> String {
    format!(
        "area: things\nmethods:\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    docs: {{ status: complete }}\n{body}"
    )
}

#[test]
fn yaml_syntax_error_has_location() {
    let message = single_error("area: things\nmethods: [\n  - oops: {\n");
    assert!(message.starts_with("spec/area.yaml:"), "{message}");
    let location: Vec<&str> = message.splitn(4, ':').collect();
    assert!(location[1].parse::<usize>().unwrap() >= 2, "{message}");
}

#[test]
fn unknown_key_is_rejected_with_its_location() {
    let message = single_error(&method(
        "    request:\n      - { name: code, type: \"string:20\", requried: true }\n",
    ));
    assert!(message.starts_with("spec/area.yaml:9:"), "{message}");
    assert!(message.contains("unknown field `requried`"), "{message}");
}

#[test]
fn bad_type_string_points_at_the_type() {
    let message = single_error(&method(
        "    request:\n      - name: code\n        type: strng:20\n",
    ));
    assert_eq!(
        message.split(": unknown type").next().unwrap(),
        "spec/area.yaml:10:15",
        "{message}"
    );
    assert!(message.contains("unknown type `strng:20`"), "{message}");
}

#[test]
fn decimal_scale_larger_than_precision_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: price, type: \"decimal:2,3\" }\n",
    ));
    assert!(
        message.contains("scale cannot exceed the precision"),
        "{message}"
    );
}

#[test]
fn rule_naming_a_missing_field_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: boxes, type: \"integer:10\" }\n    rules:\n      - require: [bxes]\n        when: { field: boxes, present: true }\n",
    ));
    assert!(message.starts_with("spec/area.yaml:11:19:"), "{message}");
    assert!(
        message.contains("`bxes` is neither a field nor a group"),
        "{message}"
    );
}

#[test]
fn condition_on_a_missing_root_field_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - name: lines\n        type: array\n        fields:\n          - { name: cost, type: \"decimal:10,2\" }\n        rules:\n          - require: [cost]\n            when: { field: /autoPO, equals: 1 }\n",
    ));
    assert!(
        message.contains("field `/autoPO` does not exist"),
        "{message}"
    );
    assert!(message.starts_with("spec/area.yaml:15:28:"), "{message}");
}

#[test]
fn condition_value_outside_the_enum_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: itemType, type: \"enum:ItemType\" }\n      - { name: boxes, type: \"integer:10\" }\n    rules:\n      - require: [boxes]\n        when: { field: itemType, equals: BOXES }\n",
    ));
    assert!(
        message.contains("`BOXES` is not a value of enum `ItemType`"),
        "{message}"
    );
}

#[test]
fn duplicate_methods_are_rejected_across_files() {
    let area = method("");
    let errors = generate_texts(&[
        ("spec/common.yaml", COMMON),
        ("spec/a.yaml", &area),
        ("spec/b.yaml", &area),
    ])
    .expect_err("duplicate method");
    assert_eq!(errors.len(), 1);
    let message = errors[0].to_string();
    assert!(message.starts_with("spec/b.yaml:3:"), "{message}");
    assert!(
        message.contains("method `thing.create` is already defined in spec/a.yaml"),
        "{message}"
    );
}

#[test]
fn duplicate_fields_are_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: code, type: \"string:20\" }\n      - { name: code, type: \"string:10\" }\n",
    ));
    assert!(
        message.contains("field `code` is listed twice"),
        "{message}"
    );
}

#[test]
fn unknown_enum_and_setting_are_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: kind, type: \"enum:Colour\" }\n",
    ));
    assert!(
        message.contains("enum `Colour` is not declared"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - name: cost\n        type: \"decimal:10,2\"\n        restrict:\n          - setting: allow_discounts\n",
    ));
    assert!(
        message.contains("setting `allow_discounts` is not declared"),
        "{message}"
    );
}

#[test]
fn text_and_list_types_are_checked() {
    let message = single_error(&method(
        "    request:\n      - { name: number, type: \"text:PrebookNumber\" }\n",
    ));
    assert!(
        message.contains("text type `PrebookNumber` is not declared under `texts`"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: number, type: \"text:InvoiceNumber:10\", min: 1 }\n",
    ));
    assert!(
        message.contains("`min` applies to integer, id and decimal fields"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: days, type: \"csv:date\" }\n",
    ));
    assert!(
        message.contains("a comma-separated list holds integers, strings, text types or ids"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: ids, type: \"csv:text:Missing\" }\n",
    ));
    assert!(
        message.contains("text type `Missing` is not declared"),
        "{message}"
    );
}

#[test]
fn id_types_must_be_declared_and_well_written() {
    // An unknown id type, at its `type`.
    let message = single_error(&method(
        "    request:\n      - name: customerId\n        type: \"id:CustomrId:20\"\n",
    ));
    assert!(message.starts_with("spec/area.yaml:10:15:"), "{message}");
    assert!(
        message.contains("id type `CustomrId` is not declared under `ids`"),
        "{message}"
    );
    // Bad syntax, at its `type`.
    for (ty, needle) in [
        ("id:customerId", "an id is written `id:Name` or `id:Name:N`"),
        ("id:CustomerId:0", "the bound must be at least 1"),
        ("id:CustomerId:x", "`x` is not a whole number"),
        ("id", "unknown type `id`"),
        (
            "list:id:Nope:20",
            "id type `Nope` is not declared under `ids`",
        ),
        (
            "csv:200:id:Nope",
            "id type `Nope` is not declared under `ids`",
        ),
    ] {
        let message = single_error(&method(&format!(
            "    request:\n      - name: customerId\n        type: \"{ty}\"\n"
        )));
        assert!(
            message.starts_with("spec/area.yaml:10:15:"),
            "{ty}: {message}"
        );
        assert!(message.contains(needle), "{ty}: {message}");
    }
    // An id keeps the integer's checks: whole bounds and defaults within its digits.
    let message = single_error(&method(
        "    request:\n      - { name: customerId, type: \"id:CustomerId:2\", default: \"123\" }\n",
    ));
    assert!(
        message.contains("default `123` has more than 2 digits"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: customerId, type: \"id:CustomerId\", min: 1.5 }\n",
    ));
    assert!(message.contains("must be a whole number"), "{message}");
}

#[test]
fn id_types_are_declared_once() {
    for (extra, at) in [
        ("  - { name: CustomerId, doc: Again. }\n", "CustomerId"),
        ("  - { name: ItemType, doc: An enum's name. }\n", "ItemType"),
        (
            "  - { name: InvoiceNumber, doc: A text type's name. }\n",
            "InvoiceNumber",
        ),
    ] {
        let common = COMMON.replace(
            "  - { name: CarrierId, doc: A carrier. }\n",
            &format!("  - {{ name: CarrierId, doc: A carrier. }}\n{extra}"),
        );
        let errors = generate_texts(&[
            ("spec/common.yaml", &common),
            ("spec/area.yaml", &method("")),
        ])
        .expect_err("the second declaration should be rejected");
        assert_eq!(errors.len(), 1, "{errors:#?}");
        let message = errors[0].to_string();
        assert!(message.starts_with("spec/common.yaml:14:"), "{message}");
        assert!(
            message.contains(&format!("type `{at}` is declared twice")),
            "{message}"
        );
    }
    let common = COMMON.replace("name: CarrierId", "name: carrier_id");
    let errors = generate_texts(&[
        ("spec/common.yaml", &common),
        ("spec/area.yaml", &method("")),
    ])
    .expect_err("a lower-case name should be rejected");
    let message = errors[0].to_string();
    assert!(message.starts_with("spec/common.yaml:13:"), "{message}");
    assert!(message.contains("id type name `carrier_id`"), "{message}");
}

#[test]
fn ids_make_newtypes_lists_and_metadata() {
    let area = method(
        "    request:\n      - { name: customerId, type: \"id:CustomerId:20\", min: 1, required: true }\n      - { name: carrierIds, type: \"list:id:CarrierId:20\" }\n      - { name: customerIds, type: \"csv:200:id:CustomerId\" }\n    response:\n      - { name: carrierId, type: \"id:CarrierId\" }\n",
    );
    let files = generate_texts(&[("spec/common.yaml", COMMON), ("spec/area.yaml", &area)])
        .expect("ids are accepted");
    let file = |name: &str| &files.iter().find(|f| f.name == name).unwrap().contents;
    let common = file("common.rs");
    assert!(common.contains("crate::wire::id_type! {"), "{common}");
    assert!(
        common.contains("#[doc = \"A customer.\"] CustomerId"),
        "{common}"
    );
    let code = file("things.rs");
    for wanted in [
        "pub customer_id: CustomerId,",
        "pub carrier_ids: Option<Vec<CarrierId>>,",
        "pub customer_ids: Option<Vec<CustomerId>>,",
        "pub carrier_id: Option<CarrierId>,",
        // Ids, id lists and csv lists are read and written through their helpers.
        "got_customer_id = Some(crate::decode::at(crate::wire::id::read(value), name)?",
        "got_carrier_ids = crate::decode::at(crate::wire::id_list_opt::read(value),",
        "crate::wire::csv_opt::read(value)",
        "out.member(\"customerId\"); crate::wire::id::write(&self.customer_id, out);",
        "crate::wire::id_list::write(value, out);",
        "crate::wire::csv::write(value, out);",
        "FieldMeta::new(\"customerId\", FieldType::integer(20)).required().with_id(\"CustomerId\").with_min(\"1\")",
        "FieldMeta::new(\"carrierIds\", FieldType::List(&FieldType::integer(20))).with_id(\"CarrierId\")",
        "FieldMeta::new(\"carrierId\", FieldType::ANY_INTEGER).with_id(\"CarrierId\")",
        "a `CustomerId` (a whole number of at most 20 digits)",
    ] {
        // prettyplease breaks long chains over lines; compare without whitespace.
        let squeeze = |text: &str| text.split_whitespace().collect::<String>();
        assert!(
            squeeze(code).contains(&squeeze(wanted)),
            "missing {wanted}:\n{code}"
        );
    }
}

#[test]
fn a_shared_group_keeps_its_id_type() {
    let area = "area: things\nmethods:\n".to_string()
        + &["a", "b"]
            .iter()
            .map(|n| {
                let ty = if *n == "a" { "id:CustomerId:20" } else { "integer:20" };
                format!(
                    "  - name: thing.{n}\n    summary: S.\n    verb: POST\n    tokens: [company]\n    docs: {{ status: complete }}\n    request:\n      - {{ name: customerId, type: \"{ty}\" }}\n      - {{ name: customerCode, type: \"string:20\" }}\n    alternatives:\n      - name: customer\n        type: CustomerRef\n        options:\n          - {{ name: Id, fields: [customerId] }}\n          - {{ name: Code, fields: [customerCode] }}\n"
                )
            })
            .collect::<String>();
    let message = single_error(&area);
    assert!(
        message.contains("`CustomerRef` is used elsewhere with other options"),
        "{message}"
    );
}

#[test]
fn a_text_type_may_not_reuse_an_enum_name() {
    let common = format!("{COMMON}texts:\n  - {{ name: ItemType, doc: Clash. }}\n");
    // `texts` appears twice in the YAML above, so build the clash in a fresh common file.
    let common = common.replacen(
        "texts:\n  - { name: InvoiceNumber, doc: An invoice number. }\n",
        "",
        1,
    );
    let errors = generate_texts(&[
        ("spec/common.yaml", &common),
        ("spec/area.yaml", &method("")),
    ])
    .expect_err("the clash should be rejected");
    let text = errors
        .iter()
        .map(|e| e.to_string())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(text.contains("`ItemType` is declared twice"), "{text}");
}

#[test]
fn alternative_naming_a_missing_field_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: customerId, type: \"integer:20\" }\n    alternatives:\n      - name: customer\n        type: CustomerRef\n        options:\n          - { name: Id, fields: [customerId] }\n          - { name: Code, fields: [customerCode] }\n",
    ));
    assert!(
        message.contains("field `customerCode` does not exist"),
        "{message}"
    );
    assert!(message.starts_with("spec/area.yaml:15:"), "{message}");
}

#[test]
fn shared_alternative_with_another_shape_is_rejected() {
    let area = "area: things\nmethods:\n".to_string()
        + &["a", "b"]
            .iter()
            .map(|n| {
                let second = if *n == "a" { "customerCode" } else { "customerName" };
                format!(
                    "  - name: thing.{n}\n    summary: S.\n    verb: POST\n    tokens: [company]\n    docs: {{ status: complete }}\n    request:\n      - {{ name: customerId, type: \"integer:20\" }}\n      - {{ name: {second}, type: \"string:20\" }}\n    alternatives:\n      - name: customer\n        type: CustomerRef\n        options:\n          - {{ name: Id, fields: [customerId] }}\n          - {{ name: Code, fields: [{second}] }}\n"
                )
            })
            .collect::<String>();
    let message = single_error(&area);
    assert!(
        message.contains("`CustomerRef` is used elsewhere with other options"),
        "{message}"
    );
}

#[test]
fn query_methods_cannot_nest_objects() {
    let message = single_error(
        "area: things\nmethods:\n  - name: thing.list\n    summary: Lists.\n    verb: GET\n    tokens: [company]\n    docs: { status: complete }\n    request:\n      - name: filter\n        type: object\n        fields:\n          - { name: code, type: string }\n",
    );
    assert!(
        message.contains("query-string method cannot send nested objects"),
        "{message}"
    );
}

#[test]
fn every_error_is_reported_in_one_run() {
    let errors = generate_texts(&[
        ("spec/common.yaml", COMMON),
        (
            "spec/area.yaml",
            &method("    request:\n      - { name: a, type: \"bogus\" }\n      - { name: b, type: \"enum:Nope\" }\n"),
        ),
    ])
    .expect_err("two problems");
    assert_eq!(errors.len(), 2, "{errors:#?}");
}

#[test]
fn real_spec_is_valid() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    if let Err(errors) = komet_codegen::check_dir(&root) {
        panic!(
            "{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}

#[test]
fn every_method_of_komets_index_is_in_the_spec() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let api = komet_codegen::check_dir(&root).expect("spec is valid");
    let methods = api.methods();
    let index = std::fs::read_to_string(root.join("komet-index.txt")).expect("index list exists");
    let missing: Vec<&str> = index
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter(|name| {
            !methods
                .iter()
                .any(|m| m.name == *name || m.index_name.as_deref() == Some(*name))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "index methods missing from the spec: {missing:?}"
    );
}

/// A method whose `docs` mapping is `docs` (indented under the method).
fn method_with_docs(docs: &str, body: &str) -> String {
    format!(
        "area: things\nmethods:\n  - name: thing.delete\n    summary: Deletes a thing.\n    verb: POST\n    tokens: [company]\n    docs:\n{docs}{body}"
    )
}

#[test]
fn unknown_assumed_fact_is_rejected_with_its_location() {
    let message = single_error(&method_with_docs(
        "      status: missing\n      assumed: [verb, tokens, verbs]\n",
        "",
    ));
    assert!(message.starts_with("spec/area.yaml:9:31:"), "{message}");
    assert!(
        message.contains("`verbs` is not a method fact; expected one of verb, params, token, headers, tokens, effect, response"),
        "{message}"
    );
}

#[test]
fn assumed_facts_are_listed_once() {
    let message = single_error(&method_with_docs(
        "      status: partial\n      assumed: [tokens, tokens]\n",
        "",
    ));
    assert!(message.starts_with("spec/area.yaml:9:"), "{message}");
    assert!(message.contains("`tokens` is listed twice"), "{message}");
}

#[test]
fn a_complete_page_assumes_nothing() {
    let message = single_error(&method_with_docs(
        "      status: complete\n      assumed: [verb]\n",
        "",
    ));
    assert!(message.starts_with("spec/area.yaml:9:"), "{message}");
    assert!(
        message.contains("documentation is complete assumes nothing"),
        "{message}"
    );
}

#[test]
fn a_missing_page_must_admit_its_assumptions() {
    let message = single_error(&method_with_docs("      status: missing\n", ""));
    assert!(message.starts_with("spec/area.yaml:8:"), "{message}");
    assert!(
        message.contains("must list verb and tokens under `docs.assumed`"),
        "{message}"
    );
    let message = single_error(&method_with_docs(
        "      status: missing\n      assumed: [verb]\n",
        "",
    ));
    assert!(message.contains("must list tokens under"), "{message}");
}

#[test]
fn token_condition_must_name_a_kind_the_method_accepts() {
    let message = single_error(&method(
        "    request:\n      - { name: price, type: \"decimal:10,2\" }\n    rules:\n      - require: [price]\n        when: { token: vendor }\n",
    ));
    assert!(message.starts_with("spec/area.yaml:12:"), "{message}");
    assert!(
        message.contains("the method does not accept vendor tokens"),
        "{message}"
    );
}

#[test]
fn a_condition_needs_a_field_or_a_token() {
    let message = single_error(&method(
        "    request:\n      - { name: price, type: \"decimal:10,2\" }\n    rules:\n      - require: [price]\n        when: { token: company, equals: 1 }\n",
    ));
    assert!(message.starts_with("spec/area.yaml:12:"), "{message}");
    assert!(
        message.contains("`equals` and `present` need a `field`"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: price, type: \"decimal:10,2\" }\n    rules:\n      - require: [price]\n        when: {}\n",
    ));
    assert!(
        message.contains("`when` needs a `field`, a `token` or both"),
        "{message}"
    );
}

#[test]
fn a_field_condition_may_be_limited_to_token_kinds() {
    let spec = method(
        "    request:\n      - { name: price, type: \"decimal:10,2\" }\n      - { name: auto, type: flag }\n    rules:\n      - require: [price]\n        when: { field: auto, equals: 1, token: company }\n",
    );
    assert!(
        generate_texts(&[
            ("spec/common.yaml", COMMON),
            ("spec/area.yaml", spec.as_str())
        ])
        .is_ok(),
        "a field condition with a token is valid"
    );
}

#[test]
fn require_one_of_naming_a_missing_field_is_rejected() {
    let message = single_error(&method(
        "    request:\n      - { name: awb, type: \"integer:4\" }\n      - { name: shipDate, type: date }\n    rules:\n      - require_one_of: [awb, shipdate]\n",
    ));
    assert!(message.starts_with("spec/area.yaml:12:31:"), "{message}");
    assert!(
        message.contains("`shipdate` is neither a field nor a group"),
        "{message}"
    );
}

#[test]
fn require_one_of_needs_two_fields_and_one_kind_per_rule() {
    let message = single_error(&method(
        "    request:\n      - { name: awb, type: \"integer:4\" }\n    rules:\n      - require_one_of: [awb]\n",
    ));
    assert!(message.contains("names at least two fields"), "{message}");
    let message = single_error(&method(
        "    request:\n      - { name: awb, type: \"integer:4\" }\n      - { name: shipDate, type: date }\n    rules:\n      - { require: [awb], require_one_of: [awb, shipDate] }\n",
    ));
    assert!(
        message.contains("exactly one of `require`, `require_one_of` or `date_span`"),
        "{message}"
    );
}

#[test]
fn date_span_needs_two_date_fields() {
    let message = single_error(&method(
        "    request:\n      - { name: dateFrom, type: date }\n      - { name: dateTo, type: datetime }\n    rules:\n      - date_span: { from: dateFrom, to: dateTo, max_days: 31 }\n",
    ));
    assert!(message.starts_with("spec/area.yaml:12:"), "{message}");
    assert!(
        message.contains("field `dateTo` is not of type `date`"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: dateFrom, type: date }\n    rules:\n      - date_span: { from: dateFrom, to: dateUntil, max_days: 31 }\n",
    ));
    assert!(
        message.contains("field `dateUntil` does not exist"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: dateFrom, type: date }\n      - { name: dateTo, type: date }\n    rules:\n      - date_span: { from: dateFrom, to: dateTo, max_days: 0 }\n",
    ));
    assert!(
        message.contains("`max_days` must be at least 1"),
        "{message}"
    );
}

// ---------------------------------------------------------------------------------------------
// Adversarial specs: names that cannot become Rust, broken values, unlocated errors, deep nesting.
// Each must be rejected with a located error (never a panic, never accepted).

/// Runs the generator on `(common, area)`, turning a panic into a test failure that names the
/// case, and returns every error rendered. Fails when the spec is accepted.
fn rejected_with(common: &str, area: &str) -> Vec<String> {
    let run = std::panic::catch_unwind(|| {
        generate_texts(&[("spec/common.yaml", common), ("spec/area.yaml", area)])
    });
    let errors = match run {
        Ok(Ok(_)) => panic!("the spec should be rejected:\n{area}"),
        Ok(Err(errors)) => errors,
        Err(_) => panic!("the generator panicked on:\n{common}\n---\n{area}"),
    };
    for e in &errors {
        assert!(e.line > 0 && e.column > 0, "unlocated error: {e}");
    }
    errors.iter().map(ToString::to_string).collect()
}

/// The one error of `area` beside `COMMON`; it must start with `at` (`file:line:col:`) and
/// contain `needle`.
fn rejects(area: &str, at: &str, needle: &str) {
    rejects_with(COMMON, area, at, needle);
}

fn rejects_with(common: &str, area: &str, at: &str, needle: &str) {
    let errors = rejected_with(common, area);
    assert!(
        errors
            .iter()
            .any(|m| m.starts_with(at) && m.contains(needle)),
        "expected `{at} ... {needle}`, got {errors:#?}"
    );
}

fn accepted(common: &str, area: &str) {
    if let Err(errors) = generate_texts(&[("spec/common.yaml", common), ("spec/area.yaml", area)]) {
        panic!("{errors:#?}");
    }
}

fn named_method(name: &str) -> String {
    format!(
        "area: things\nmethods:\n  - name: \"{name}\"\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    docs: {{ status: complete }}\n"
    )
}

#[test]
fn method_names_that_cannot_become_rust_functions_are_rejected() {
    for name in [
        "123",
        "9lives.list",
        "type",
        "self",
        "Self",
        "super",
        "crate",
        "_",
        "async",
        "gen",
        "...",
    ] {
        rejects(
            &named_method(name),
            "spec/area.yaml:3:11:",
            &format!("`{name}`"),
        );
    }
}

#[test]
fn methods_mapping_to_the_same_rust_function_are_rejected() {
    let area = named_method("thing.create")
        + "  - name: thing_create\n    summary: Again.\n    verb: POST\n    tokens: [company]\n    docs: { status: complete }\n";
    rejects(&area, "spec/area.yaml:8:11:", "`thing_create`");
}

#[test]
fn area_names_that_cannot_become_modules_are_rejected() {
    for name in ["type", "self", "mod", "async", "1st", "_", "gen"] {
        let area = format!("area: \"{name}\"\nsummary: S.\n");
        rejects(&area, "spec/area.yaml:1:7:", &format!("`{name}`"));
    }
}

#[test]
fn field_names_that_cannot_become_rust_fields_are_rejected() {
    for (field, at) in [
        ("{ name: self, type: string }", "spec/area.yaml:9:17:"),
        ("{ name: _, type: string }", "spec/area.yaml:9:17:"),
        ("{ name: \"123\", type: string }", "spec/area.yaml:9:17:"),
        (
            "{ name: a, rust: super, type: string }",
            "spec/area.yaml:9:26:",
        ),
        (
            "{ name: a, rust: crate, type: string }",
            "spec/area.yaml:9:26:",
        ),
        (
            "{ name: a, rust: Self, type: string }",
            "spec/area.yaml:9:26:",
        ),
        (
            "{ name: a, rust: \"1a\", type: string }",
            "spec/area.yaml:9:26:",
        ),
    ] {
        rejects(
            &method(&format!("    request:\n      - {field}\n")),
            at,
            "Rust",
        );
    }
    // A keyword that a raw identifier can spell stays allowed: `r#type`.
    accepted(
        COMMON,
        &method("    request:\n      - { name: type, type: string }\n"),
    );
}

fn common_with_enum(name: &str, values: &str) -> String {
    format!("enums:\n  - name: \"{name}\"\n    repr: string\n    doc: D.\n    values:{values}\n")
}

const TWO_VALUES: &str =
    "\n      - { wire: A, name: Alpha, doc: A. }\n      - { wire: B, name: Beta, doc: B. }";

#[test]
fn enum_names_must_be_upper_camel_case_rust_types() {
    for name in [
        "Self",
        "lower",
        "snake_case",
        "ITEMType",
        "9Lives",
        "String",
        "Option",
    ] {
        rejects_with(
            &common_with_enum(name, TWO_VALUES),
            "",
            "spec/common.yaml:2:11:",
            &format!("`{name}`"),
        );
    }
    let self_variant = "\n      - { wire: A, name: Self, doc: A. }";
    rejects_with(
        &common_with_enum("Kind", self_variant),
        "",
        "spec/common.yaml:6:26:",
        "`Self`",
    );
}

#[test]
fn enum_without_values_is_rejected() {
    rejects_with(
        &common_with_enum("Kind", " []"),
        "",
        "spec/common.yaml:5:5:",
        "no values",
    );
}

#[test]
fn setting_names_must_map_to_distinct_rust_variants() {
    for name in ["self", "1a", "_"] {
        let common = format!("settings:\n  - {{ name: \"{name}\", doc: D. }}\n");
        rejects_with(&common, "", "spec/common.yaml:2:13:", &format!("`{name}`"));
    }
    let common = "settings:\n  - { name: ab_1, doc: D. }\n  - { name: ab1, doc: D. }\n";
    rejects_with(common, "", "spec/common.yaml:3:13:", "`Ab1`");
}

fn group(name: &str, ty: &str, option: &str) -> String {
    method(&format!(
        "    request:\n      - {{ name: customerId, type: \"integer:20\" }}\n      - {{ name: customerCode, type: \"string:20\" }}\n    alternatives:\n      - name: \"{name}\"\n        type: \"{ty}\"\n        options:\n          - {{ name: \"{option}\", fields: [customerId] }}\n          - {{ name: Code, fields: [customerCode] }}\n"
    ))
}

#[test]
fn group_names_that_cannot_become_rust_are_rejected() {
    for name in ["_", "self", "super", "9x"] {
        rejects(
            &group(name, "CustomerRef", "Id"),
            "spec/area.yaml:12:15:",
            &format!("`{name}`"),
        );
    }
    rejects(
        &group("customer", "Self", "Id"),
        "spec/area.yaml:13:15:",
        "`Self`",
    );
    rejects(
        &group("customer", "CustomerRef", "Self"),
        "spec/area.yaml:13:15:",
        "`Self`",
    );
    let two = method("    request:\n      - { name: a, type: integer }\n      - { name: b, type: integer }\n      - { name: c, type: integer }\n      - { name: d, type: integer }\n    alternatives:\n      - { name: customerRef, type: ARef, options: [{ name: A, fields: [a] }, { name: B, fields: [b] }] }\n      - { name: customer_ref, type: BRef, options: [{ name: C, fields: [c] }, { name: D, fields: [d] }] }\n");
    rejects(&two, "spec/area.yaml:15:17:", "`customer_ref`");
}

#[test]
fn invisible_control_characters_are_rejected_where_they_stand() {
    // Raw in the text: located at the character itself.
    rejects(
        &method("    doc: \"abc\u{202E}def\"\n"),
        "spec/area.yaml:8:14:",
        "U+202E",
    );
    rejects(
        &method("    doc: \"abc\u{2066}def\"\n"),
        "spec/area.yaml:8:14:",
        "U+2066",
    );
    rejects(
        &method("    doc: \"abc\u{7f}def\"\n"),
        "spec/area.yaml:8:14:",
        "U+007F",
    );
    rejects(
        &method("    doc: \"abc\u{85}def\"\n"),
        "spec/area.yaml:8:14:",
        "U+0085",
    );
    rejects(
        &named_method("thing\u{7}"),
        "spec/area.yaml:3:17:",
        "U+0007",
    );
    // Written as an escape: located at the string that holds it.
    rejects(
        &method("    doc: \"abc\\u202Edef\"\n"),
        "spec/area.yaml:8:10:",
        "U+202E",
    );
    rejects(
        &method("    doc: \"bell\\a\"\n"),
        "spec/area.yaml:8:10:",
        "U+0007",
    );
}

#[test]
fn min_above_max_is_rejected() {
    rejects(
        &method("    request:\n      - { name: n, type: integer, min: 10, max: 2 }\n"),
        "spec/area.yaml:9:49:",
        "`min` 10 is above `max` 2",
    );
    rejects(
        &method("    request:\n      - { name: n, type: \"decimal:10,2\", min: \"1.5\", max: \"1.25\" }\n"),
        "spec/area.yaml:9:59:",
        "above",
    );
    rejects(
        &method("    request:\n      - { name: n, type: integer, min: lots }\n"),
        "spec/area.yaml:9:40:",
        "`lots` is not a number",
    );
    rejects(
        &method("    request:\n      - { name: n, type: integer, max: 2.5 }\n"),
        "spec/area.yaml:9:40:",
        "whole number",
    );
}

#[test]
fn defaults_of_the_wrong_type_are_rejected() {
    for (field, needle) in [
        ("{ name: n, type: integer, default: abc }", "integer"),
        ("{ name: n, type: \"integer:2\", default: 123 }", "digits"),
        ("{ name: n, type: flag, default: 2 }", "flag"),
        ("{ name: n, type: bool, default: yes }", "bool"),
        (
            "{ name: n, type: \"string:2\", default: abc }",
            "characters",
        ),
        ("{ name: n, type: date, default: tomorrow }", "date"),
        (
            "{ name: n, type: \"decimal:4,2\", default: \"1.234\" }",
            "decimal",
        ),
        (
            "{ name: n, type: \"enum:ItemType\", default: BIN }",
            "not a value of enum `ItemType`",
        ),
    ] {
        rejects(
            &method(&format!("    request:\n      - {field}\n")),
            "spec/area.yaml:9:",
            needle,
        );
    }
    // The forms the real spec uses stay valid.
    accepted(
        COMMON,
        &method("    request:\n      - { name: a, type: flag, default: \"0\" }\n      - { name: b, type: bool, default: \"false\" }\n      - { name: c, type: \"enum:ItemType\", default: BOX }\n      - { name: d, type: \"integer:1\", default: 0 }\n      - { name: e, type: \"string:1\", default: M }\n"),
    );
}

#[test]
fn a_byte_order_mark_is_accepted() {
    accepted(COMMON, &format!("\u{feff}{}", method("")));
    accepted(COMMON, &format!("\u{feff}---\n{}", method("")));
}

#[test]
fn a_second_document_is_located() {
    rejects(
        &format!("{}---\narea: more\n", method("")),
        "spec/area.yaml:8:1:",
        "one document",
    );
}

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    let text = b"area: things\nsummary: caf\xc3\xa9 \xff!\n";
    let errors = komet_codegen::generate_bytes(&[("spec/area.yaml", text.as_slice())])
        .expect_err("not UTF-8");
    assert_eq!(errors.len(), 1, "{errors:#?}");
    let message = errors[0].to_string();
    assert!(message.starts_with("spec/area.yaml:2:15:"), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let flow = format!("area: things\nsummary: {}\n", "[".repeat(80_000));
    let started = std::time::Instant::now();
    rejects(&flow, "spec/area.yaml:2:", "nested deeper than");
    assert!(
        started.elapsed().as_secs() < 2,
        "took {:?}",
        started.elapsed()
    );
    let mut block = String::from("area: things\nsummary:\n");
    for depth in 1..200 {
        block.push_str(&format!("{}- \n", "  ".repeat(depth)));
    }
    rejects(&block, "spec/area.yaml:", "nested deeper than");
}

#[test]
fn an_error_in_an_aliased_node_points_at_the_alias() {
    // `*m` repeats the method: the duplicate is reported where the alias stands, not at
    // `methods` (2:1), the nearest node the index knew before.
    let area = "area: things\nmethods:\n  - &m\n    name: thing.create\n    summary: S.\n    verb: POST\n    tokens: [company]\n    docs: { status: complete }\n  - *m\n";
    rejects(area, "spec/area.yaml:9:5:", "already defined");
}

#[test]
fn a_header_is_required_or_optional_not_both() {
    let spec = "area: things\nmethods:\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    headers: [account, sales_channel]\n    optional_headers: [sales_channel]\n    tokens: [company]\n    docs: { status: complete }\n";
    let message = single_error(spec);
    assert!(
        message.contains("header `SalesChannel` is listed twice"),
        "{message}"
    );
    assert!(message.contains("optional_headers"), "{message}");
}

#[test]
fn a_fields_values_are_some_of_its_enums() {
    let message = single_error(&method(
        "    request:\n      - { name: kind, type: \"enum:ItemType\", values: [BOX, CRATE] }\n",
    ));
    assert!(
        message.contains("`CRATE` is not a value of enum `ItemType`"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: count, type: \"integer\", values: [1] }\n",
    ));
    assert!(
        message.contains("`values` applies to enum fields only"),
        "{message}"
    );
    let message = single_error(&method(
        "    request:\n      - { name: kind, type: \"enum:ItemType\", values: [BOX], default: UN }\n",
    ));
    assert!(
        message.contains("is not one of the field's `values`"),
        "{message}"
    );
}

#[test]
fn a_request_limit_below_1024_bytes_is_rejected() {
    let spec = "area: things\nmethods:\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    max_request_bytes: 100\n    docs: { status: complete }\n";
    let message = single_error(spec);
    assert!(
        message.contains("`max_request_bytes` is at least 1024"),
        "{message}"
    );
}

/// An area with `thing.list` (rows in `things`) and `thing.create` naming `rows_from`.
fn rows_from(target: &str) -> String {
    format!(
        "area: things\nmethods:\n  - name: thing.list\n    summary: Lists things.\n    verb: GET\n    tokens: [company]\n    docs: {{ status: complete }}\n    response:\n      - name: things\n        type: array\n        fields:\n          - {{ name: id, type: \"integer:10\" }}\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    docs: {{ status: partial, rows_from: {target} }}\n    response:\n      - {{ name: status, type: flag }}\n"
    )
}

#[test]
fn rows_from_must_name_another_method_with_rows() {
    assert!(generate_texts(&[
        ("spec/common.yaml", COMMON),
        ("spec/area.yaml", &rows_from("thing.list"))
    ])
    .is_ok());
    let unknown = single_error(&rows_from("thing.lst"));
    assert!(unknown.starts_with("spec/area.yaml:17:"), "{unknown}");
    assert!(
        unknown.contains("`thing.lst` is not a method of the spec"),
        "{unknown}"
    );
    let itself = single_error(&rows_from("thing.create"));
    assert!(itself.contains("cannot name itself"), "{itself}");
    let no_rows = single_error(&rows_from("thing.list").replace("type: array", "type: object"));
    assert!(no_rows.contains("`thing.list` lists no rows"), "{no_rows}");
}

#[test]
fn a_field_is_documented_or_observed() {
    let observed = method(
        "    response:\n      - { name: invoiceId, type: \"integer:10\", docs: observed }\n",
    );
    let files = generate_texts(&[("spec/common.yaml", COMMON), ("spec/area.yaml", &observed)])
        .expect("docs: observed is accepted");
    let code: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(code.contains("Observed in real responses; not on Komet's page."));
    assert!(code.contains(".observed()"));
    let message = single_error(&method(
        "    response:\n      - { name: invoiceId, type: flag, docs: seen }\n",
    ));
    assert!(message.contains("unknown variant `seen`"), "{message}");
}

/// The page of a method must be an https address on Komet's documentation sites, so rustdoc,
/// the method table and OpenAPI never link a reader anywhere else.
#[test]
fn a_page_must_be_on_komets_documentation_sites() {
    let area = |page: &str| {
        format!(
            "area: things\nmethods:\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    docs:\n      status: complete\n      page: \"{page}\"\n"
        )
    };
    for page in [
        "http://kometsales.atlassian.net/wiki/spaces/APIDocs/pages/1",
        "https://example.com/kometsales.atlassian.net/x",
        "https://kometsales.atlassian.net.evil.test/wiki",
        "https://learn.kometsales.com/display/public/KB/a b",
        "https://learn.kometsales.com/display/<script>",
    ] {
        let message = single_error(&area(page));
        assert!(
            message.starts_with("spec/area.yaml:9:"),
            "{page}: {message}"
        );
        assert!(
            message.contains("must be an https address on"),
            "{page}: {message}"
        );
    }
    for page in [
        "https://kometsales.atlassian.net/wiki/spaces/APIDocs/pages/11176882/Create+a+Prebook",
        "https://learn.kometsales.com/display/public/KB/multiple.prebooks.create",
    ] {
        let files = [
            ("spec/common.yaml", COMMON),
            ("spec/area.yaml", &area(page)),
        ];
        generate_texts(&files).unwrap_or_else(|e| panic!("{page}: {e:#?}"));
    }
}

/// A field whose Rust name is a method every request builder has would collide with it.
#[test]
fn a_field_may_not_take_a_builder_method_name() {
    for name in ["build", "builder", "required_fields", "map_required"] {
        let message = single_error(&method(&format!(
            "    request:\n      - {{ name: x, rust: {name}, type: \"string:20\" }}\n"
        )));
        assert!(
            message.starts_with("spec/area.yaml:9:"),
            "{name}: {message}"
        );
        assert!(
            message.contains("is a method of every request builder"),
            "{name}: {message}"
        );
    }
}
