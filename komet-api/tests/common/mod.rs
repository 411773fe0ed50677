//! Shared by the wire tests: hand-written method tables, typed requests and responses, and
//! helpers around a wiremock server on 127.0.0.1.
#![allow(dead_code)] // Each test binary uses a different part.

use std::collections::BTreeMap;
use std::time::Duration;

use komet_api::meta::{
    DocStatus, Effect, FieldMeta, FieldType, Header, MethodMeta, ObjectMeta, ParamsIn, TokenIn,
    TokenKind, Verb,
};
use komet_api::{Client, ClientBuilder, Error, RetryPolicy, Token};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

pub const TOKEN: &str = "TOKEN-s3cr3t-4242";

pub const fn field(name: &'static str, ty: FieldType, required: bool) -> FieldMeta {
    FieldMeta {
        name,
        ty,
        required,
        default: None,
        min: None,
        max: None,
        restrictions: &[],
        values: &[],
        observed: false,
        id: None,
    }
}

pub static EMPTY: ObjectMeta = ObjectMeta {
    fields: &[],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

pub static CREATE_REQUEST: ObjectMeta = ObjectMeta {
    fields: &[
        field(
            "customerId",
            FieldType::Integer {
                max_digits: Some(10),
            },
            true,
        ),
        field(
            "price",
            FieldType::Decimal {
                precision: Some(10),
                scale: Some(2),
            },
            true,
        ),
        field("comments", FieldType::String { max_len: Some(20) }, false),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

/// A write with its parameters and token in a JSON body and an `X-ACCOUNT` header.
pub static PREBOOK_CREATE: MethodMeta = MethodMeta {
    name: "prebook.create",
    area: "prebooks",
    summary: "Creates a prebook.",
    verb: Verb::Post,
    params: ParamsIn::Body,
    token: TokenIn::Body,
    token_param: "authenticationToken",
    headers: &[Header::Account],
    optional_headers: &[],
    max_request_bytes: 65536,
    tokens: &[TokenKind::Company, TokenKind::Vendor],
    effect: Effect::Write,
    fee: None,
    limits: &[],
    doc_status: DocStatus::Complete,
    assumed: &[],
    notes: &[],
    page: None,
    request: &CREATE_REQUEST,
    response: &EMPTY,
};

pub static INVENTORY_ID: FieldType = FieldType::Integer { max_digits: None };

pub static LIST_REQUEST: ObjectMeta = ObjectMeta {
    fields: &[
        field("shipDate", FieldType::Date, true),
        field("customerId", FieldType::Integer { max_digits: None }, false),
        field("search", FieldType::String { max_len: None }, false),
        field("onlyAvailable", FieldType::Bool, false),
        field("ids", FieldType::List(&INVENTORY_ID), false),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

/// A read with its parameters and token in the query string and an `X-SALES-CHANNEL` header.
pub static INVENTORY_LIST: MethodMeta = MethodMeta {
    name: "ecommerce/inventory.list",
    area: "inventory",
    summary: "Lists inventory.",
    verb: Verb::Get,
    params: ParamsIn::Query,
    token: TokenIn::Query,
    token_param: "authenticationToken",
    headers: &[Header::SalesChannel],
    optional_headers: &[],
    max_request_bytes: 65536,
    tokens: &[TokenKind::Company, TokenKind::Customer],
    effect: Effect::Read,
    fee: None,
    limits: &[],
    doc_status: DocStatus::Complete,
    assumed: &[],
    notes: &[],
    page: None,
    request: &LIST_REQUEST,
    response: &EMPTY,
};

pub static ADD_REQUEST: ObjectMeta = ObjectMeta {
    fields: &[field(
        "quantity",
        FieldType::Integer {
            max_digits: Some(4),
        },
        true,
    )],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

/// A write whose token travels in a header.
pub static WEB_ORDER_ITEM_ADD: MethodMeta = MethodMeta {
    name: "web-order-item.add",
    area: "web orders",
    summary: "Adds an item to a web order.",
    verb: Verb::Post,
    params: ParamsIn::Body,
    token: TokenIn::Header,
    token_param: "authenticationToken",
    headers: &[],
    optional_headers: &[],
    max_request_bytes: 65536,
    tokens: &[TokenKind::Company],
    effect: Effect::Write,
    fee: None,
    limits: &[],
    doc_status: DocStatus::Partial,
    assumed: &[],
    notes: &[],
    page: None,
    request: &ADD_REQUEST,
    response: &EMPTY,
};

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateRequest {
    pub customer_id: i64,
    #[serde(with = "komet_api::wire::decimal")]
    pub price: Decimal,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comments: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateResponse {
    #[serde(default, with = "komet_api::wire::int_opt")]
    pub status: Option<i64>,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default, with = "komet_api::wire::string_opt")]
    pub prebook_number: Option<String>,
    #[serde(default)]
    pub items: Option<Vec<Line>>,
    #[serde(flatten)]
    pub extra: BTreeMap<String, Value>,
}

#[derive(Debug, Deserialize)]
pub struct Line {
    #[serde(default, with = "komet_api::wire::int_opt")]
    pub quantity: Option<i64>,
}

pub fn create_request() -> CreateRequest {
    CreateRequest {
        customer_id: 15,
        price: "2.50".parse().unwrap(),
        comments: None,
    }
}

pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        max_retries: 2,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(10),
    }
}

pub fn builder(server: &MockServer) -> ClientBuilder {
    Client::builder(Token::new(TOKEN), TokenKind::Company)
        .base_url(&format!("{}/api/", server.uri()))
        .account_id(77)
        .sales_channel(komet_api::SalesChannel::WebApp)
        .retry_policy(fast_retries())
}

pub fn client(server: &MockServer) -> Client {
    builder(server).build().unwrap()
}

pub async fn respond(server: &MockServer, template: ResponseTemplate) {
    Mock::given(wiremock::matchers::any())
        .respond_with(template)
        .mount(server)
        .await;
}

pub async fn received(server: &MockServer) -> Vec<Request> {
    server.received_requests().await.unwrap()
}

/// A hand-written response type goes through its own serde `Deserialize` (`Serde`).
pub async fn create(client: &Client) -> Result<CreateResponse, Error> {
    let komet_api::Serde(response) = client
        .call(&PREBOOK_CREATE, &komet_api::Serde(create_request()))
        .await?;
    Ok(response)
}

pub fn list_params() -> Value {
    json!({"shipDate": "2024-01-02", "customerId": 15, "search": "red rose&co",
        "onlyAvailable": true, "ids": [1, 2, 3], "unused": null})
}

pub async fn list(client: &Client) -> Result<Value, Error> {
    client.call_value(&INVENTORY_LIST, list_params()).await
}

/// Every way an error prints, which must never include the token.
#[track_caller]
pub fn assert_no_token(error: &Error) {
    for text in [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ] {
        assert!(!text.contains(TOKEN), "token leaked: {text}");
    }
}

pub mod hostile;
