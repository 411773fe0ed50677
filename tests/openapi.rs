//! `openapi/komet.yaml` parses as OpenAPI 3.0 (with the `openapiv3` model that progenitor
//! reads too) and holds every method and every field of the spec, walked from komet-api's
//! metadata tables rather than from the generator that wrote the document.

use std::path::Path;

use komet_api::meta::{FieldMeta, FieldType, MethodMeta, ObjectMeta, ParamsIn, TokenIn, Verb};
use komet_api::registry;
use openapiv3::{
    AdditionalProperties, OpenAPI, Operation, Parameter, ReferenceOr, Schema, SchemaKind, Type,
};

fn document() -> OpenAPI {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../openapi/komet.yaml");
    let text = std::fs::read_to_string(&path).expect("openapi/komet.yaml exists");
    serde_yaml::from_str(&text).expect("the document parses as OpenAPI 3.0")
}

/// Follows `#/components/schemas/...` references and single-item `allOf` wrappers.
fn resolve<'a>(doc: &'a OpenAPI, schema: &'a ReferenceOr<Schema>) -> &'a Schema {
    let schema = match schema {
        ReferenceOr::Item(schema) => schema,
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/schemas/")
                .unwrap_or_else(|| panic!("unexpected reference {reference}"));
            let components = doc.components.as_ref().expect("components");
            let target = components
                .schemas
                .get(name)
                .unwrap_or_else(|| panic!("dangling reference {reference}"));
            return resolve(doc, target);
        }
    };
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => resolve(doc, &all_of[0]),
        _ => schema,
    }
}

fn resolve_boxed<'a>(doc: &'a OpenAPI, schema: &'a ReferenceOr<Box<Schema>>) -> &'a Schema {
    match schema {
        ReferenceOr::Item(schema) => resolve_item(doc, schema),
        ReferenceOr::Reference { reference } => resolve(
            doc,
            Box::leak(Box::new(ReferenceOr::<Schema>::Reference {
                reference: reference.clone(),
            })),
        ),
    }
}

fn resolve_item<'a>(doc: &'a OpenAPI, schema: &'a Schema) -> &'a Schema {
    match &schema.schema_kind {
        SchemaKind::AllOf { all_of } if all_of.len() == 1 => resolve(doc, &all_of[0]),
        _ => schema,
    }
}

/// A field that takes only some of its enumeration's values lists exactly those in requests;
/// every other field is checked by its type.
fn check_field(
    doc: &OpenAPI,
    path: &str,
    field: &komet_api::meta::FieldMeta,
    schema: &Schema,
    out: &mut Vec<String>,
) {
    // An id is named by its type, on the field, on a list's items or on a csv's item.
    if let Some(id) = field.id {
        let named = |s: &Schema| {
            s.schema_data
                .extensions
                .get("x-komet-id")
                .and_then(|v| v.as_str())
                == Some(id)
        };
        let csv_item = schema
            .schema_data
            .extensions
            .get("x-komet-csv-item")
            .and_then(|item| item.get("x-komet-id"))
            .and_then(|v| v.as_str());
        let ok = match (&field.ty, &schema.schema_kind) {
            (FieldType::List(_), SchemaKind::Type(Type::Array(list))) => list
                .items
                .as_ref()
                .is_some_and(|item| named(resolve_boxed(doc, item))),
            (FieldType::Csv { .. }, _) if path.starts_with("request") => csv_item == Some(id),
            _ => named(schema),
        };
        if !ok {
            out.push(format!("{path}: x-komet-id is not {id}"));
        }
    }
    let subset = !field.values.is_empty() && path.starts_with("request");
    if !subset {
        return check_type(doc, path, &field.ty, schema, out);
    }
    let listed = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.len(),
        SchemaKind::Type(Type::String(s)) => s.enumeration.len(),
        _ => 0,
    };
    if listed != field.values.len() {
        out.push(format!(
            "{path}: {listed} values listed, the field takes {}",
            field.values.len()
        ));
    }
}

/// The schema of a field must say what the metadata says about its type.
fn check_type(doc: &OpenAPI, path: &str, ty: &FieldType, schema: &Schema, out: &mut Vec<String>) {
    let kind = &schema.schema_kind;
    // An answer's scalar may be given in several forms (a number or its text): one of them
    // must be the documented one.
    if let SchemaKind::OneOf { one_of } = kind {
        let fits = one_of.iter().any(|option| {
            let mut problems = Vec::new();
            check_type(doc, path, ty, resolve(doc, option), &mut problems);
            problems.is_empty()
        });
        if !fits {
            out.push(format!("{path}: no form of {kind:?} fits {ty:?}"));
        }
        return;
    }
    // An answer's enumeration is open (Komet may add values): its type and name are given.
    if let (FieldType::Enum(e), SchemaKind::Type(Type::String(_) | Type::Integer(_))) = (ty, kind) {
        let named = schema.schema_data.extensions.get("x-komet-enum");
        if path.starts_with("response") && named.and_then(|v| v.as_str()) == Some(e.name) {
            return;
        }
    }
    let extension = |name: &str| {
        schema
            .schema_data
            .extensions
            .get(name)
            .and_then(|v| v.as_str().map(str::to_owned))
    };
    match (ty, kind) {
        // A document number is text with its own length, named by its Rust type.
        (FieldType::Text { name, max_len }, SchemaKind::Type(Type::String(s))) => {
            if s.max_length != max_len.map(|n| n as usize) && path.starts_with("request") {
                out.push(format!(
                    "{path}: maxLength {:?}, spec {max_len:?}",
                    s.max_length
                ));
            }
            if extension("x-komet-text").as_deref() != Some(*name) && path.starts_with("request") {
                out.push(format!("{path}: x-komet-text is not {name}"));
            }
        }
        (FieldType::Text { .. }, SchemaKind::Type(Type::Integer(_)))
            if path.starts_with("response") => {}
        // A comma-separated list is one string; its items are described beside it.
        (FieldType::Csv { max_len, .. }, SchemaKind::Type(Type::String(s))) => {
            if s.max_length != max_len.map(|n| n as usize) && path.starts_with("request") {
                out.push(format!(
                    "{path}: maxLength {:?}, spec {max_len:?}",
                    s.max_length
                ));
            }
            if !schema
                .schema_data
                .extensions
                .contains_key("x-komet-csv-item")
                && path.starts_with("request")
            {
                out.push(format!("{path}: no x-komet-csv-item"));
            }
        }
        (FieldType::Csv { .. }, SchemaKind::Type(Type::Integer(_) | Type::Array(_)))
            if path.starts_with("response") => {}
        (FieldType::String { max_len }, SchemaKind::Type(Type::String(s))) => {
            if s.max_length != max_len.map(|n| n as usize) {
                out.push(format!(
                    "{path}: maxLength {:?}, spec {max_len:?}",
                    s.max_length
                ));
            }
        }
        (FieldType::Integer { max_digits }, SchemaKind::Type(Type::Integer(i))) => {
            // Bounds are checked on requests; answers are read whatever their size.
            if let Some(d) = max_digits.filter(|d| *d < 19 && path.starts_with("request")) {
                let bound = 10i64.pow(d) - 1;
                if i.maximum.map_or(true, |m| m > bound) {
                    out.push(format!("{path}: maximum {:?} above {bound}", i.maximum));
                }
            }
        }
        (FieldType::Decimal { precision, scale }, SchemaKind::Type(Type::Number(n))) => {
            if !path.starts_with("request") {
                return;
            }
            if precision.is_some() && n.maximum.is_none() {
                out.push(format!("{path}: a decimal with a precision has no maximum"));
            }
            let scale_ext = schema.schema_data.extensions.get("x-komet-scale");
            match scale {
                Some(0) if n.multiple_of != Some(1.0) => {
                    out.push(format!("{path}: scale 0 without multipleOf 1"))
                }
                Some(s) if *s > 0 && scale_ext.and_then(|v| v.as_u64()) != Some(u64::from(*s)) => {
                    out.push(format!("{path}: scale {s} not in x-komet-scale"))
                }
                _ => {}
            }
        }
        (FieldType::Flag | FieldType::Bool, SchemaKind::Type(Type::String(_)))
            if path.starts_with("response") => {}
        (FieldType::Flag | FieldType::Bool, SchemaKind::Type(Type::Boolean(_)))
            if path.starts_with("response") => {}
        (FieldType::Date, SchemaKind::Type(Type::String(_)))
        | (FieldType::DateTime, SchemaKind::Type(Type::String(_)))
        | (FieldType::Bool, SchemaKind::Type(Type::Boolean(_))) => {}
        (FieldType::Flag, SchemaKind::Type(Type::Integer(i))) => {
            if i.enumeration != [Some(0), Some(1)] {
                out.push(format!("{path}: a flag is not enum [0, 1]"));
            }
        }
        (FieldType::Enum(e), SchemaKind::Type(Type::String(s))) => {
            if s.enumeration.len() != e.values.len() {
                out.push(format!(
                    "{path}: {} of {} values",
                    s.enumeration.len(),
                    e.values.len()
                ));
            }
        }
        (FieldType::Enum(e), SchemaKind::Type(Type::Integer(i))) => {
            if i.enumeration.len() != e.values.len() {
                out.push(format!(
                    "{path}: {} of {} values",
                    i.enumeration.len(),
                    e.values.len()
                ));
            }
        }
        (FieldType::Object(inner), SchemaKind::Type(Type::Object(_))) => {
            check_object(doc, path, inner, schema, out)
        }
        (FieldType::Array(inner), SchemaKind::Type(Type::Array(a))) => match &a.items {
            Some(items) => check_object(
                doc,
                &format!("{path}[]"),
                inner,
                resolve_boxed(doc, items),
                out,
            ),
            None => out.push(format!("{path}: array without items")),
        },
        (FieldType::Map(inner), SchemaKind::Type(Type::Object(o))) => {
            match &o.additional_properties {
                Some(AdditionalProperties::Schema(values)) => {
                    let values = resolve(doc, values);
                    check_object(doc, &format!("{path}{{}}"), inner, values, out)
                }
                _ => out.push(format!("{path}: a map without a value schema")),
            }
        }
        (FieldType::List(item), SchemaKind::Type(Type::Array(a))) => match &a.items {
            Some(items) => check_type(
                doc,
                &format!("{path}[]"),
                item,
                resolve_boxed(doc, items),
                out,
            ),
            None => out.push(format!("{path}: list without items")),
        },
        (ty, kind) => out.push(format!("{path}: spec type {ty:?} became {kind:?}")),
    }
}

/// Every field of the object is a property of the schema, required where the spec says.
fn check_object(
    doc: &OpenAPI,
    path: &str,
    meta: &ObjectMeta,
    schema: &Schema,
    out: &mut Vec<String>,
) {
    // An object with alternatives (`oneOf`/`allOf` beside its properties) is what openapiv3
    // calls an "any" schema; its properties and required list are the same.
    let (properties, required) = match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => (&o.properties, &o.required),
        SchemaKind::Any(any) if any.typ.as_deref() == Some("object") => {
            (&any.properties, &any.required)
        }
        _ => {
            out.push(format!("{path}: not an object schema"));
            return;
        }
    };
    for field in meta.fields {
        let here = format!("{path}.{}", field.name);
        match properties.get(field.name) {
            Some(property) => {
                let property = resolve_boxed(doc, property);
                check_field(doc, &here, field, property, out);
            }
            None => out.push(format!("{here}: missing")),
        }
    }
    let is_request = path.starts_with("request");
    for field in meta.fields.iter().filter(|f| f.required && is_request) {
        if !required.iter().any(|r| r == field.name) {
            out.push(format!(
                "{path}.{}: required in the spec, not in the schema",
                field.name
            ));
        }
    }
}

fn operation<'a>(doc: &'a OpenAPI, meta: &MethodMeta) -> Option<&'a Operation> {
    let item = match doc.paths.paths.get(&format!("/api/{}", meta.name))? {
        ReferenceOr::Item(item) => item,
        ReferenceOr::Reference { .. } => return None,
    };
    match meta.verb {
        Verb::Get => item.get.as_ref(),
        Verb::Post => item.post.as_ref(),
    }
}

fn query_parameter<'a>(op: &'a Operation, name: &str) -> Option<&'a openapiv3::ParameterData> {
    op.parameters.iter().find_map(|p| match p {
        ReferenceOr::Item(Parameter::Query { parameter_data, .. })
            if parameter_data.name == name =>
        {
            Some(parameter_data)
        }
        _ => None,
    })
}

fn check_query_field(
    doc: &OpenAPI,
    method: &str,
    op: &Operation,
    field: &FieldMeta,
    out: &mut Vec<String>,
) {
    let path = format!("request.{method}.{}", field.name);
    let Some(parameter) = query_parameter(op, field.name) else {
        out.push(format!("{path}: no query parameter"));
        return;
    };
    if parameter.required != field.required {
        out.push(format!(
            "{path}: required {} in the document",
            parameter.required
        ));
    }
    match &parameter.format {
        openapiv3::ParameterSchemaOrContent::Schema(schema) => {
            check_field(doc, &path, field, resolve(doc, schema), out)
        }
        openapiv3::ParameterSchemaOrContent::Content(_) => {}
    }
}

#[test]
fn every_method_and_field_is_in_the_document() {
    let doc = document();
    assert_eq!(doc.openapi, "3.0.3");
    let mut problems = Vec::new();
    let methods = registry::methods();
    for entry in methods {
        let meta = entry.meta;
        let Some(op) = operation(&doc, meta) else {
            problems.push(format!(
                "{}: no {:?} /api/{}",
                meta.name, meta.verb, meta.name
            ));
            continue;
        };
        if op.operation_id.as_deref() != Some(meta.name) {
            problems.push(format!("{}: operationId {:?}", meta.name, op.operation_id));
        }
        if op.tags != [meta.area] {
            problems.push(format!("{}: tags {:?}", meta.name, op.tags));
        }
        if op.summary.as_deref() != Some(meta.summary) {
            problems.push(format!("{}: summary differs", meta.name));
        }
        let kinds: Vec<&str> = meta.tokens.iter().map(|k| k.as_str()).collect();
        let token = &op.extensions["x-komet-token"];
        if token["kinds"] != serde_json::json!(kinds) {
            problems.push(format!(
                "{}: x-komet-token kinds {}",
                meta.name, token["kinds"]
            ));
        }
        match meta.params {
            ParamsIn::Body => {
                let body = match &op.request_body {
                    Some(ReferenceOr::Item(body)) => body,
                    _ => {
                        problems.push(format!("{}: no request body", meta.name));
                        continue;
                    }
                };
                let schema = body.content["application/json"].schema.as_ref().unwrap();
                let schema = resolve(&doc, schema);
                check_object(
                    &doc,
                    &format!("request.{}", meta.name),
                    meta.request,
                    schema,
                    &mut problems,
                );
                if meta.token == TokenIn::Body {
                    let required = match &schema.schema_kind {
                        SchemaKind::Type(Type::Object(o)) => &o.required,
                        SchemaKind::Any(any) => &any.required,
                        _ => continue,
                    };
                    if !required.iter().any(|r| r == meta.token_param) {
                        problems.push(format!(
                            "{}: the body token is not a required member",
                            meta.name
                        ));
                    }
                }
            }
            ParamsIn::Query => {
                for field in meta.request.fields {
                    check_query_field(&doc, meta.name, op, field, &mut problems);
                }
            }
        }
        let security: Vec<Vec<&String>> = op
            .security
            .iter()
            .flatten()
            .map(|req| req.keys().collect())
            .collect();
        let expected: Vec<Vec<String>> = match meta.token {
            TokenIn::Body => vec![],
            TokenIn::Query => vec![vec!["tokenQuery".to_owned()]],
            TokenIn::Header => vec![vec!["tokenHeader".to_owned()]],
        };
        let security: Vec<Vec<String>> = security
            .into_iter()
            .map(|r| r.into_iter().cloned().collect())
            .collect();
        if security != expected {
            problems.push(format!("{}: security {security:?}", meta.name));
        }
        for header in meta.headers {
            let name = match header {
                komet_api::meta::Header::Account => "XAccount",
                komet_api::meta::Header::SalesChannel => "XSalesChannel",
            };
            let wanted = format!("#/components/parameters/{name}");
            let found = op
                .parameters
                .iter()
                .any(|p| matches!(p, ReferenceOr::Reference { reference } if *reference == wanted));
            if !found {
                problems.push(format!(
                    "{}: no {} header parameter",
                    meta.name,
                    header.name()
                ));
            }
        }
        let ok = op
            .responses
            .responses
            .get(&openapiv3::StatusCode::Code(200));
        let Some(ReferenceOr::Item(ok)) = ok else {
            problems.push(format!("{}: no 200 answer", meta.name));
            continue;
        };
        let schema = ok.content["application/json"].schema.as_ref().unwrap();
        check_object(
            &doc,
            &format!("response.{}", meta.name),
            meta.response,
            resolve(&doc, schema),
            &mut problems,
        );
    }
    let documented = doc.paths.paths.len();
    assert_eq!(
        documented,
        methods.len(),
        "one path per method, nothing else"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_token_schemes_are_api_keys_named_as_komet_names_them() {
    let doc = document();
    let schemes = &doc.components.as_ref().unwrap().security_schemes;
    for (name, place) in [
        ("tokenQuery", openapiv3::APIKeyLocation::Query),
        ("tokenHeader", openapiv3::APIKeyLocation::Header),
    ] {
        match &schemes[name] {
            ReferenceOr::Item(openapiv3::SecurityScheme::APIKey { location, name, .. }) => {
                assert_eq!(*location, place);
                assert_eq!(name, "authenticationToken");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
}

#[test]
fn an_enumeration_named_like_an_object_is_refused() {
    // Rust keeps the two apart (the enumeration lives in the common module); OpenAPI's
    // components/schemas cannot.
    let common = "enums:\n  - name: ThingCreateRequest\n    repr: string\n    doc: Clash.\n    values:\n      - { wire: A, name: A, doc: A. }\n";
    let area = "area: things\nmethods:\n  - name: thing.create\n    summary: Makes a thing.\n    verb: POST\n    tokens: [company]\n    docs: { status: complete }\n    request:\n      - { name: code, type: \"string:20\" }\n    response:\n      - { name: status, type: flag }\n";
    let api = komet_codegen::check_bytes(&[
        ("spec/common.yaml", common.as_bytes()),
        ("spec/area.yaml", area.as_bytes()),
    ])
    .expect("the spec is valid for the Rust emitter");
    let error = komet_codegen::openapi::emit(&api).expect_err("the names clash");
    assert!(error.message.contains("`ThingCreateRequest`"), "{error}");
}
