//! The komet-api side's inputs: typed requests and the answers the loopback server gives.
//!
//! Every line carries what the documented sample of `prebook.create` carries (a vendor, a box
//! type, counts, cost and price, a mark code, one mixed-box breakdown), so the JSON is the
//! size a real call sends.

use chrono::NaiveDate;
use komet_api::prebooks::{
    PrebookCreateBreakdown, PrebookCreatePrebookItem, PrebookCreateRequest, PrebookListRequest,
};
use komet_api::{BoxTypeRef, CarrierRef, CustomerRef, ProductRef, UnitType, VendorRef};
use rust_decimal::Decimal;

/// The token both sides send (the server ignores it).
pub const TOKEN: &str = "bench-token";

pub fn ship_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 1).expect("a valid date")
}

/// A prebook of `lines` lines for customer 2001 and carrier 1801.
pub fn prebook_create(lines: usize) -> PrebookCreateRequest {
    PrebookCreateRequest::builder()
        .customer(CustomerRef::id(2001))
        .carrier(CarrierRef::id(1801))
        .ship_date(ship_date())
        .customer_po("PO-7781")
        .comments("Bench order")
        .prebook_items((0..lines).map(line).collect::<Vec<_>>())
        .build()
}

/// Line `i`. Prices have the digits an `f64` prints (2.5, not 2.50), so the hand-written
/// side, which uses `f64`, sends the very same bytes.
fn line(i: usize) -> PrebookCreatePrebookItem {
    PrebookCreatePrebookItem::builder()
        .identifier(identifier(i))
        .vendor(VendorRef::id(3001))
        .product(ProductRef::id(product_id(i)))
        .order_source("phone call")
        .box_type(BoxTypeRef::id(901))
        .boxes(5)
        .unit_type(UnitType::Stem)
        .bunches(10)
        .stems_bunch(25)
        .price(Decimal::new(25, 1))
        .cost(Decimal::new(7, 1))
        .mark_code("MK-1")
        .breakdowns(vec![
            PrebookCreateBreakdown::builder()
                .product(ProductRef::id(5002))
                .bunches(2)
                .stems_bunch(3)
                .cost(Decimal::new(75, 2))
                .price(Decimal::new(15, 1))
                .build(),
        ])
        .build()
}

pub fn identifier(i: usize) -> String {
    format!("L{i:05}")
}

pub fn product_id(i: usize) -> i64 {
    5001 + (i % 13) as i64
}

/// `prebook.list` for December 2026 (a GET: the fields travel in the query string).
pub fn prebook_list() -> PrebookListRequest {
    let to = NaiveDate::from_ymd_opt(2026, 12, 31).expect("a valid date");
    PrebookListRequest::builder()
        .date_from(ship_date())
        .date_to(to)
        .build()
}

/// `prebook.create`'s documented answer, with one item per line.
pub fn prebook_create_answer(lines: usize) -> String {
    let items: Vec<String> = (0..lines)
        .map(|i| {
            format!(
                r#"{{"identifier":"{}","productId":{},"status":1,"prebookItemId":{},"message":"Item successfully added to the order"}}"#,
                identifier(i),
                product_id(i),
                3_427_612 + i
            )
        })
        .collect();
    format!(
        r#"{{"status":1,"message":"Prebook was successfully created. All the purchase orders were successfully created","prebookId":1640006,"prebookNumber":"010225","purchaseOrderNumbers":"P002989, P002990","items":[{}]}}"#,
        items.join(",")
    )
}

/// `prebook.list`'s documented answer with `rows` prebooks.
pub fn prebook_list_answer(rows: usize) -> String {
    let prebooks: Vec<String> = (0..rows)
        .map(|i| {
            format!(
                r#"{{"id":{},"number":"{:06}","locationId":1}}"#,
                1_640_006 + i,
                10_225 + i
            )
        })
        .collect();
    format!(
        r#"{{"status":1,"message":"Prebooks found","prebooks":[{}]}}"#,
        prebooks.join(",")
    )
}
