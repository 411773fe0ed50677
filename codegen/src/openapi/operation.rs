//! One method as an OpenAPI operation: where its parameters and token travel, its headers,
//! its answers, and the facts OpenAPI has no word for (`x-komet-*`).

use serde_yaml::Value;

use super::schema::{Schemas, Side};
use super::words;
use super::yaml::{reference, strings, Map};
use crate::ir::{Header, Method, Placement, Ty, TOKEN_PARAM};

/// The statuses every method may answer besides 200, each a shared `components/responses`
/// entry: (status, component name, description).
pub const ERRORS: &[(&str, &str, &str)] = &[
    (
        "400",
        "BadRequest",
        "A required header is missing or the body is not JSON.",
    ),
    (
        "401",
        "Unauthorized",
        "The token is missing, unknown or lacks privileges.",
    ),
    (
        "403",
        "Forbidden",
        "The token's kind may not call this method.",
    ),
    ("404", "NotFound", "No such method."),
    ("408", "Timeout", "The server timed out."),
    (
        "429",
        "TooManyRequests",
        "Rate limited: the daily quota (1,000 requests per paying user) is used up. \
         Retry-After gives the seconds to wait.",
    ),
    ("500", "ServerError", "The server failed."),
];

/// The operation of `method`, with its request and response schemas added to `schemas`.
pub fn operation(method: &Method, schemas: &mut Schemas<'_>) -> Map {
    let mut parameters: Vec<Value> = method
        .headers
        .iter()
        .map(|h| reference("parameters", header_parameter(*h)).into())
        .collect();
    let mut operation = Map::new()
        .set("operationId", method.name.as_str())
        .set("summary", method.summary.as_str())
        .set("description", description(method))
        .set("tags", strings(&[method.area.as_str()]));

    let token_in_body = method.token == Placement::Body;
    match method.params {
        Placement::Query | Placement::Header => {
            parameters.extend(method.request.fields.iter().map(|f| query(f, schemas)));
            if token_in_body {
                let token_only = crate::ir::Object {
                    rust_name: format!("{}TokenBody", method.type_prefix),
                    meta_name: String::new(),
                    fields: Vec::new(),
                    alternatives: Vec::new(),
                    rules: Vec::new(),
                    date_spans: Vec::new(),
                };
                let schema = schemas.object(&token_only, Side::Request, true);
                operation = operation.set("requestBody", body(schema));
            }
        }
        Placement::Body => {
            let schema = schemas.object(&method.request, Side::Request, token_in_body);
            operation = operation.set("requestBody", body(schema));
        }
    }
    operation = operation.list("parameters", parameters);

    let response = schemas.object(&method.response, Side::Response, false);
    let mut responses = Map::new().set(
        "200",
        Map::new()
            .set(
                "description",
                "Komet's answer. A refusal also comes with HTTP 200, as `status: 0` and a \
                 `message`; numbers and flags may arrive as text.",
            )
            .set(
                "content",
                Map::new().set("application/json", Map::new().set("schema", response)),
            ),
    );
    for (status, name, _) in ERRORS {
        responses.insert(status, reference("responses", name));
    }
    operation = operation.set("responses", responses);

    // Security as the token really travels; a body member is not an OpenAPI scheme, so it
    // is a required property of the body, and the operation declares no scheme.
    let security = match method.token {
        Placement::Body => Vec::new(),
        Placement::Query => vec![Map::new()
            .set("tokenQuery", Value::Sequence(Vec::new()))
            .into()],
        Placement::Header => vec![Map::new()
            .set("tokenHeader", Value::Sequence(Vec::new()))
            .into()],
    };
    operation
        .set("security", Value::Sequence(security))
        .set(
            "x-komet-token",
            Map::new()
                .set("in", words::placement(method.token))
                .set("name", TOKEN_PARAM)
                .set("kinds", strings(&words::kinds(&method.tokens))),
        )
        .set("x-komet-effect", words::effect(method.effect))
        .opt("x-komet-fee", method.fee.as_deref())
        .list(
            "x-komet-limits",
            method
                .limits
                .iter()
                .map(|l| Value::from(l.as_str()))
                .collect(),
        )
        .set("x-komet-doc-status", words::doc_status(method.doc_status))
        .opt(
            "externalDocs",
            method.page.as_deref().map(|url| {
                Map::new()
                    .set("description", "Komet's page for this method")
                    .set("url", url)
            }),
        )
        .list(
            "x-komet-assumed",
            method
                .assumed
                .iter()
                .map(|f| Value::from(f.name()))
                .collect(),
        )
        .list(
            "x-komet-notes",
            method
                .notes
                .iter()
                .map(|n| Value::from(n.as_str()))
                .collect(),
        )
}

/// The name of the shared parameter for a header.
pub fn header_parameter(header: Header) -> &'static str {
    match header {
        Header::Account => "XAccount",
        Header::SalesChannel => "XSalesChannel",
    }
}

fn body(schema: Map) -> Map {
    Map::new().set("required", true).set(
        "content",
        Map::new().set("application/json", Map::new().set("schema", schema)),
    )
}

/// A field of a method whose parameters travel in the URL query.
fn query(field: &crate::ir::Field, schemas: &mut Schemas<'_>) -> Value {
    let schema = schemas.field(field, Side::Request);
    let parameter = Map::new()
        .set("name", field.wire.as_str())
        .set("in", "query")
        .set("required", field.required);
    let parameter = match &field.ty {
        // Lists travel comma-separated (`ids=1,2,3`).
        Ty::List(_) => parameter
            .set("style", "form")
            .set("explode", false)
            .set("schema", schema),
        // The checker keeps containers out of query methods; were one there, it would travel
        // as JSON text.
        Ty::Object(_) | Ty::Array(_) | Ty::Map(_) => parameter.set(
            "content",
            Map::new().set("application/json", Map::new().set("schema", schema)),
        ),
        Ty::String(_)
        | Ty::Integer(_)
        | Ty::Id { .. }
        | Ty::Decimal(..)
        | Ty::Date
        | Ty::DateTime
        | Ty::Flag
        | Ty::Bool
        | Ty::Enum(_)
        | Ty::Text { .. }
        | Ty::Csv { .. } => parameter.set("schema", schema),
    };
    parameter.into()
}

/// The method's documentation, then what OpenAPI cannot enforce, in words.
fn description(method: &Method) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(doc) = &method.doc {
        parts.push(doc.trim().to_owned());
    }
    let mut facts = vec![format!(
        "- Token `{TOKEN_PARAM}` in the {}; token kinds: {}.",
        words::placement(method.token),
        words::or_list(words::kinds(&method.tokens))
    )];
    facts.push(match method.effect {
        crate::ir::Effect::Read => "- Reads only: safe to retry.".to_owned(),
        crate::ir::Effect::Write => {
            "- Changes data: do not retry blindly (Komet has no idempotency keys).".to_owned()
        }
    });
    if let Some(fee) = &method.fee {
        facts.push(format!("- Fee: {fee}"));
    }
    facts.extend(method.limits.iter().map(|l| format!("- Limit: {l}")));
    if method.params != Placement::Body {
        // Query parameters have no object schema to carry these.
        let rules = words::object_rules(&method.request);
        facts.extend(rules.iter().map(|r| format!("- {r}")));
    }
    facts.push(format!(
        "- Documentation: {}.",
        words::doc_status(method.doc_status)
    ));
    if let Some(sentence) = method.assumed_sentence() {
        facts.push(format!(
            "- {}{}.",
            sentence[..1].to_uppercase(),
            &sentence[1..]
        ));
    }
    facts.extend(method.notes.iter().map(|n| format!("- Note: {n}")));
    parts.push(facts.join("\n"));
    parts.join("\n\n")
}
