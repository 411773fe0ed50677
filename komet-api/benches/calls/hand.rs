//! The hand-written equivalent: plain `#[derive(Serialize, Deserialize)]` structs of the same
//! JSON shape and a bare `reqwest::Client`, as a developer would write without komet-api.
//! It checks nothing before sending and only `status` after, uses `f64` for money and
//! `String` for numbers kept as text: the floor komet-api's checks are measured against.

use std::error::Error;

use chrono::NaiveDate;
use reqwest::header::{ACCEPT, CONTENT_TYPE};
use serde::{Deserialize, Serialize};

use crate::fixtures::{self, TOKEN};

pub type Result<T> = std::result::Result<T, Box<dyn Error + Send + Sync>>;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PrebookCreate {
    pub authentication_token: String,
    pub customer_id: i64,
    pub carrier_id: i64,
    pub ship_date: NaiveDate,
    #[serde(rename = "customerPO")]
    pub customer_po: String,
    pub comments: String,
    pub prebook_items: Vec<Line>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub identifier: String,
    pub vendor_id: i64,
    pub product_id: i64,
    pub order_source: String,
    pub box_type_id: i64,
    pub boxes: i64,
    pub unit_type: String,
    pub bunches: i64,
    pub stems_bunch: i64,
    pub price: f64,
    pub cost: f64,
    pub mark_code: String,
    pub breakdowns: Vec<Breakdown>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Breakdown {
    pub product_id: i64,
    pub bunches: i64,
    pub stems_bunch: i64,
    pub cost: f64,
    pub price: f64,
}

// Decoded to be timed; only `status` is read.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrebookCreated {
    pub status: i64,
    pub message: Option<String>,
    pub prebook_id: Option<i64>,
    pub prebook_number: Option<String>,
    pub purchase_order_numbers: Option<String>,
    #[serde(default)]
    pub items: Vec<CreatedItem>,
}

// Decoded to be timed; only `status` is read.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreatedItem {
    pub identifier: Option<String>,
    pub product_id: Option<i64>,
    pub product_code: Option<String>,
    pub status: i64,
    pub prebook_item_id: Option<i64>,
    pub future_sales_po_number: Option<String>,
    pub available_boxes: Option<i64>,
    pub message: Option<String>,
}

// Decoded to be timed; only `status` is read.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct PrebookList {
    pub status: i64,
    pub message: Option<String>,
    #[serde(default)]
    pub prebooks: Vec<ListedPrebook>,
}

// Decoded to be timed; only `status` is read.
#[allow(dead_code)]
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ListedPrebook {
    pub id: Option<i64>,
    pub number: Option<String>,
    pub location_id: Option<i64>,
}

/// The same prebook as [`fixtures::prebook_create`], token included (it travels in the body).
pub fn prebook_create(lines: usize) -> PrebookCreate {
    PrebookCreate {
        authentication_token: TOKEN.to_owned(),
        customer_id: 2001,
        carrier_id: 1801,
        ship_date: fixtures::ship_date(),
        customer_po: "PO-7781".to_owned(),
        comments: "Bench order".to_owned(),
        prebook_items: (0..lines).map(line).collect(),
    }
}

fn line(i: usize) -> Line {
    Line {
        identifier: fixtures::identifier(i),
        vendor_id: 3001,
        product_id: fixtures::product_id(i),
        order_source: "phone call".to_owned(),
        box_type_id: 901,
        boxes: 5,
        unit_type: "Stem".to_owned(),
        bunches: 10,
        stems_bunch: 25,
        price: 2.5,
        cost: 0.7,
        mark_code: "MK-1".to_owned(),
        breakdowns: vec![Breakdown {
            product_id: 5002,
            bunches: 2,
            stems_bunch: 3,
            cost: 0.75,
            price: 1.5,
        }],
    }
}

/// What komet-api turns into `Error::Api`: Komet's `status: 0` answers.
fn succeeded(status: i64, message: Option<&str>) -> Result<()> {
    if status == 1 {
        Ok(())
    } else {
        Err(format!("Komet refused the call: {message:?}").into())
    }
}

/// Decodes a `prebook.create` answer and checks its status.
pub fn decode_created(body: &[u8]) -> Result<PrebookCreated> {
    let created: PrebookCreated = serde_json::from_slice(body)?;
    succeeded(created.status, created.message.as_deref())?;
    Ok(created)
}

fn decode_list(body: &[u8]) -> Result<PrebookList> {
    let list: PrebookList = serde_json::from_slice(body)?;
    succeeded(list.status, list.message.as_deref())?;
    Ok(list)
}

/// A client configured as komet-api configures its own: no proxy, a 30 s timeout.
pub fn http_client() -> reqwest::Client {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(std::time::Duration::from_secs(30))
        .build()
        .expect("a reqwest client")
}

/// `POST {api}prebook.create` with the request as its JSON body.
pub async fn call_prebook_create(
    http: &reqwest::Client,
    api: &str,
    request: &PrebookCreate,
) -> Result<PrebookCreated> {
    let body = serde_json::to_vec(request)?;
    let answer = http
        .post(format!("{api}prebook.create"))
        .header(ACCEPT, "application/json")
        .header(CONTENT_TYPE, "application/json")
        .body(body)
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    decode_created(&answer)
}

/// `GET {api}prebook.list?dateFrom=...&dateTo=...&authenticationToken=...`.
pub async fn call_prebook_list(http: &reqwest::Client, api: &str) -> Result<PrebookList> {
    let answer = http
        .get(format!("{api}prebook.list"))
        .query(&[
            ("dateFrom", "2026-12-01"),
            ("dateTo", "2026-12-31"),
            ("authenticationToken", TOKEN),
        ])
        .header(ACCEPT, "application/json")
        .send()
        .await?
        .error_for_status()?
        .bytes()
        .await?;
    decode_list(&answer)
}
