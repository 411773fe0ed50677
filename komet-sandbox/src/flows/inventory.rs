//! Inventory in boxes: lines added by `inventory.add` and changed by `inventory.update`, sold
//! by web orders (see `web_orders.rs`), and the lists of what is still available.
//!
//! A line of the `inventory` table keeps the request's names: `growerId`, `productId`,
//! `boxTypeId`, `awb`, `shipDate`, `unitType` (`Stem` or `Bunch`), `bunches`, `stemsBunch`,
//! `unitCost`, `priceA`, `priceB` and `customerId` (a line kept for one customer), plus
//! `quantity`, the boxes still available, `inventoryDate`, the day it was added, and
//! `inventoryType` (`M`, open market). Product, vendor and box type names are looked up when
//! listing, so later updates of those records show.
//!
//! Future inventory is the purchase order lines (`purchaseOrderItems`) that were not bought for
//! a prebook line: open market purchases. Web orders sell them through prebook lines that
//! point back with `purchaseOrderItemId`, so what is left is computed, never stored.

use chrono::{Months, NaiveDate};
use komet_api::TokenKind;
use serde_json::Value;

use super::lookup::{decimal, id_of, int};
use super::{Call, Handler, Match, Reply, not_found, record};
use crate::store::{Record, Store, as_id, same};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "inventory.add" => inventory_add,
        "inventory.update" => inventory_update,
        "inventory.delete" => inventory_delete,
        "inventory.list" => inventory_list,
        "inventory.openmarket.list" => openmarket_list,
        "inventory.consolidated.openmarket.list" => consolidated_openmarket_list,
        "future.inventory.openmarket.list" => future_openmarket_list,
        _ => return None,
    })
}

/// Most boxes one inventory line may hold (Komet's limit per line).
const MAX_BOXES_PER_LINE: i64 = 100;

/// The kind of inventory `inventory.add` creates: open market.
const OPEN_MARKET: &str = "M";

fn inventory_add(call: &Call<'_>, store: &mut Store) -> Reply {
    match new_line(call, store) {
        Ok(line) => {
            store.table_mut("inventory").insert(line);
            // The response shape is empty: Komet's page was cut off before it (spec notes).
            call.ok("Inventory added", Record::new())
        }
        Err(refusal) => refusal,
    }
}

/// The inventory line a valid `inventory.add` request describes.
fn new_line(call: &Call<'_>, store: &Store) -> Result<Record, Reply> {
    let vendor = find_by(
        call,
        store,
        "vendors",
        "vendor",
        "growerId",
        &[("vendorCode", "code")],
    )?;
    let product = find_by(
        call,
        store,
        "products",
        "product",
        "productId",
        &[
            ("productCode", "legacyCode"),
            ("productDescription", "description"),
        ],
    )?;
    let box_type = find_by(
        call,
        store,
        "boxTypes",
        "box type",
        "boxTypeId",
        &[("boxTypeCode", "code")],
    )?;
    if let Some(customer) = call.id("customerId") {
        if store.table("customers").get(customer).is_none() {
            return Err(not_found("customer", customer));
        }
    }
    let given_unit = call.text("unitType").unwrap_or_default();
    let unit = unit_type(given_unit).ok_or_else(|| {
        Reply::Refused(format!("unitType {given_unit:?} is neither Stem nor Bunch"))
    })?;
    for field in ["quantity", "bunches", "stemsBunch"] {
        if call.id(field).unwrap_or_default() < 1 {
            return Err(Reply::Refused(format!("{field} must be at least 1")));
        }
    }
    if decimal(call.get("unitCost")).is_none_or(|cost| cost.is_sign_negative()) {
        return Err(Reply::Refused("unitCost must not be negative".to_owned()));
    }
    let mut line = record([
        ("growerId", Value::from(id_of(&vendor))),
        ("productId", Value::from(id_of(&product))),
        ("boxTypeId", Value::from(id_of(&box_type))),
        ("unitType", Value::from(unit)),
        ("inventoryType", Value::from(OPEN_MARKET)),
        ("inventoryDate", Value::from(call.today.to_string())),
    ]);
    let named = [
        "growerId",
        "vendorCode",
        "productId",
        "productCode",
        "productDescription",
        "boxTypeId",
        "boxTypeCode",
        "unitType",
    ];
    call.copy_into(&mut line, &named, &[]);
    Ok(line)
}

fn inventory_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("inventoryId").unwrap_or_default();
    let Some(mut line) = store.table_mut("inventory").get_mut(id) else {
        return not_found("inventory line", id);
    };
    // Komet's quantity is the number of boxes to add to the line, which holds at most 100.
    let boxes = boxes(&line).saturating_add(call.id("quantity").unwrap_or_default());
    if !(0..=MAX_BOXES_PER_LINE).contains(&boxes) {
        return Reply::Refused(format!(
            "inventory line {id} would hold {boxes} boxes; a line holds 0 to {MAX_BOXES_PER_LINE}"
        ));
    }
    line.insert("quantity".to_owned(), Value::from(boxes));
    call.copy_into(&mut line, &["inventoryId", "quantity"], &[]);
    call.ok("The inventory item has been updated", Record::new())
}

/// Komet documents no request field for `inventory.delete`, so no line can be named: refuse
/// rather than claim a deletion that did not happen.
fn inventory_delete(_call: &Call<'_>, _store: &mut Store) -> Reply {
    Reply::Refused(
        "inventory.delete: Komet's documentation names no field for the line to delete, so the \
         sandbox cannot tell which one you mean; inventory.update can take a line's boxes to 0"
            .to_owned(),
    )
}

fn inventory_list(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Err(refusal) = check_location(call, store, "locationId") {
        return refusal;
    }
    let kinds = call.text("inventoryType").unwrap_or(OPEN_MARKET).to_owned();
    // A vendor token sees its own lines only.
    let vendor = match call.caller.kind {
        TokenKind::Vendor => Some(call.caller.party_id.unwrap_or_default()),
        _ => None,
    };
    let filters = [("lotNumber", "lotNumber", Match::Exact)];
    let rows: Vec<Record> = available(store)
        .filter(|line| of_kinds(line, &kinds) && call.passes(line, &filters))
        .filter(|line| vendor.is_none_or(|v| int(line, "growerId") == Some(v)))
        .map(|line| view(store, line, call.today))
        .collect();
    call.list("inventoryItems", &rows)
}

fn openmarket_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId");
    if let Err(refusal) = check_location(call, store, "locationId")
        .and_then(|()| check_customer_exists(store, customer))
    {
        return refusal;
    }
    // `vendor` and `fobPrice` depend on customer settings the sandbox does not keep.
    let rows: Vec<Record> = available(store)
        .filter(|line| of_kinds(line, OPEN_MARKET) && visible_to(line, customer))
        .map(|line| view(store, line, call.today))
        .collect();
    call.list("inventoryItems", &rows)
}

/// Open market lines merged by product, box type, packing and price.
fn consolidated_openmarket_list(call: &Call<'_>, store: &mut Store) -> Reply {
    const SAME: [&str; 6] = [
        "companyProductId",
        "boxTypeId",
        "unitType",
        "bunches",
        "stemsBunch",
        "price",
    ];
    let mut groups: Vec<(Vec<Value>, Record, Vec<i64>)> = Vec::new();
    for line in available(store).filter(|line| of_kinds(line, OPEN_MARKET)) {
        let row = view(store, line, call.today);
        let key: Vec<Value> = SAME
            .iter()
            .map(|field| row.get(*field).cloned().unwrap_or(Value::Null))
            .collect();
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, merged, ids)) => {
                for field in ["quantity", "totalUnits"] {
                    let sum = count(merged, field).saturating_add(count(&row, field));
                    merged.insert(field.to_owned(), Value::from(sum));
                }
                ids.push(id_of(line));
            }
            None => groups.push((key, row, vec![id_of(line)])),
        }
    }
    let rows: Vec<Record> = groups
        .into_iter()
        .map(|(_, mut row, ids)| {
            // The spec types inventoryItemIds as one integer although Komet documents a comma
            // list, so merged ids cannot be sent; a single line's id can.
            if let [only] = ids[..] {
                row.insert("inventoryItemIds".to_owned(), Value::from(only));
            }
            row
        })
        .collect();
    call.list("inventoryItems", &rows)
}

fn future_openmarket_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let from = call.text("dateFrom").and_then(parse_date);
    let to = call.text("dateTo").and_then(parse_date);
    let (Some(from), Some(to)) = (from, to) else {
        return Reply::Refused("dateFrom and dateTo must be dates".to_owned());
    };
    if from > to {
        return Reply::Refused(format!("dateFrom {from} is after dateTo {to}"));
    }
    let customer = call.id("customerId");
    if let Err(refusal) = check_location(call, store, "locationId")
        .and_then(|()| check_customer_exists(store, customer))
    {
        return refusal;
    }
    let rows: Vec<Record> = future_lines(store)
        .filter(|item| {
            future_ship_date(store, item).is_some_and(|date| (from..=to).contains(&date))
                && future_available(store, item) > 0
        })
        .map(|item| future_view(store, item))
        .collect();
    call.list("inventoryItems", &rows)
}

/// A line as the lists show it, in their names, with product, vendor and box type looked up.
fn view(store: &Store, line: &Record, today: NaiveDate) -> Record {
    let mut row = line.clone();
    let id = Value::from(id_of(line));
    row.insert("orderItemId".to_owned(), id.clone());
    row.insert("inventoryId".to_owned(), id);
    join_product(&mut row, store, line.get("productId"));
    join(
        &mut row,
        store,
        "vendors",
        line.get("growerId"),
        &[("name", "growerName")],
    );
    join(
        &mut row,
        store,
        "boxTypes",
        line.get("boxTypeId"),
        &[("code", "boxTypeCode")],
    );
    let per_box = units_per_box(line);
    row.insert("unitsPerBox".to_owned(), Value::from(per_box));
    row.insert(
        "totalUnits".to_owned(),
        Value::from(per_box.saturating_mul(boxes(line))),
    );
    if let Some(price) = line.get("priceA") {
        row.insert("price".to_owned(), price.clone());
    }
    let added = line
        .get("inventoryDate")
        .and_then(Value::as_str)
        .and_then(parse_date);
    if let Some(added) = added {
        row.insert("aging".to_owned(), Value::from((today - added).num_days()));
    }
    row
}

/// A future purchase order line as `future.inventory.openmarket.list` shows it.
fn future_view(store: &Store, item: &Record) -> Record {
    let mut row = item.clone();
    let left = future_available(store, item);
    row.insert("inventoryId".to_owned(), Value::from(id_of(item)));
    row.insert("quantity".to_owned(), Value::from(left));
    row.insert(
        "totalUnits".to_owned(),
        Value::from(units_per_box(item).saturating_mul(left)),
    );
    join_product(&mut row, store, item.get("productId"));
    if !row.contains_key("boxTypeCode") {
        join(
            &mut row,
            store,
            "boxTypes",
            item.get("boxTypeId"),
            &[("code", "boxTypeCode")],
        );
    }
    let vendor = purchase_order(store, item).and_then(|po| po.get("vendorId"));
    join(
        &mut row,
        store,
        "vendors",
        vendor,
        &[("portOrigin", "portOfOrigin")],
    );
    row
}

/// Copies the product's names into a listed row.
fn join_product(row: &mut Record, store: &Store, product: Option<&Value>) {
    if let Some(product) = product {
        row.insert("companyProductId".to_owned(), product.clone());
    }
    let names = [
        ("description", "productDescription"),
        ("legacyCode", "productCode"),
        ("grade", "grade"),
        ("category", "category"),
    ];
    join(row, store, "products", product, &names);
}

/// Copies fields `(from, to)` of the record of `table` with id `id` into `row`.
fn join(row: &mut Record, store: &Store, table: &str, id: Option<&Value>, fields: &[(&str, &str)]) {
    let Some(found) = id.and_then(as_id).and_then(|id| store.table(table).get(id)) else {
        return;
    };
    for (from, to) in fields {
        if let Some(value) = found.get(*from) {
            row.insert((*to).to_owned(), value.clone());
        }
    }
}

/// The lines that still have boxes.
pub(super) fn available(store: &Store) -> impl Iterator<Item = &Record> {
    store
        .table("inventory")
        .rows()
        .filter(|line| boxes(line) > 0)
}

/// Whether the line's `inventoryType` is one of `kinds` (comma separated, or `all`).
fn of_kinds(line: &Record, kinds: &str) -> bool {
    let kind = line
        .get("inventoryType")
        .and_then(Value::as_str)
        .unwrap_or(OPEN_MARKET);
    kinds
        .split(',')
        .map(str::trim)
        .any(|k| k.eq_ignore_ascii_case("all") || k.eq_ignore_ascii_case(kind))
}

/// Whether `customer` (or anyone, when none is named) may buy the line: a line added for one
/// customer is kept for that customer.
pub(super) fn visible_to(line: &Record, customer: Option<i64>) -> bool {
    match (int(line, "customerId"), customer) {
        (Some(owner), Some(customer)) => owner == customer,
        _ => true,
    }
}

/// Boxes a line still has.
pub(super) fn boxes(line: &Record) -> i64 {
    count(line, "quantity")
}

/// Units in one box: bunches, or stems when the line counts stems.
pub(super) fn units_per_box(line: &Record) -> i64 {
    let bunches = count(line, "bunches");
    let stems = line
        .get("unitType")
        .and_then(Value::as_str)
        .is_some_and(|unit| unit.eq_ignore_ascii_case("stem"));
    if stems {
        bunches.saturating_mul(count(line, "stemsBunch"))
    } else {
        bunches
    }
}

/// Purchase order lines that are future inventory: bought for no prebook line, on a purchase
/// order that was not cancelled.
pub(super) fn future_lines(store: &Store) -> impl Iterator<Item = &Record> {
    store
        .table("purchaseOrderItems")
        .rows()
        .filter(move |item| is_future(store, item))
}

/// Whether a purchase order line is future inventory (see [`future_lines`]).
pub(super) fn is_future(store: &Store, item: &Record) -> bool {
    let open = purchase_order(store, item).is_some_and(|po| {
        let status = po.get("status").and_then(Value::as_str).unwrap_or("open");
        !(status.eq_ignore_ascii_case("void") || status.to_lowercase().contains("cancel"))
    });
    open && item.get("prebookItemId").is_none_or(Value::is_null)
}

/// Boxes of a future line not yet sold through prebook lines.
pub(super) fn future_available(store: &Store, item: &Record) -> i64 {
    let id = id_of(item);
    let sold: i64 = store
        .table("prebookItems")
        .rows_by("purchaseOrderItemId", &Value::from(id))
        .into_iter()
        .filter(|line| int(line, "purchaseOrderItemId") == Some(id))
        .map(|line| count(line, "boxes"))
        .fold(0, i64::saturating_add);
    count(item, "boxes").saturating_sub(sold)
}

/// The ship date of a future line's purchase order.
pub(super) fn future_ship_date(store: &Store, item: &Record) -> Option<NaiveDate> {
    purchase_order(store, item)?
        .get("shipDate")
        .and_then(Value::as_str)
        .and_then(parse_date)
}

/// The purchase order of a purchase order line.
pub(super) fn purchase_order<'s>(store: &'s Store, item: &Record) -> Option<&'s Record> {
    let id = int(item, "purchaseOrderId")?;
    store.table("purchaseOrders").get(id)
}

/// The storefront's window when no date is given: today up to two months ahead.
pub(super) fn storefront_window(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (
        today,
        today.checked_add_months(Months::new(2)).unwrap_or(today),
    )
}

/// The record of `table` named by the request: by the id in `by_id`, or else by the first
/// `(request field, record field)` of `by_text` the request gives. Refused when not found.
pub(super) fn find_by(
    call: &Call<'_>,
    store: &Store,
    table: &str,
    what: &str,
    by_id: &str,
    by_text: &[(&str, &str)],
) -> Result<Record, Reply> {
    if let Some(id) = call.id(by_id) {
        return store
            .table(table)
            .get(id)
            .cloned()
            .ok_or_else(|| not_found(what, id));
    }
    for (param, field) in by_text {
        if let Some(text) = call.text(param) {
            return store
                .table(table)
                .find(field, &Value::from(text))
                .cloned()
                .ok_or_else(|| not_found(what, format!("{text:?}")));
        }
    }
    Err(Reply::Refused(format!("no {what} was given")))
}

/// Refuses a location id (in request field `field`) that is not a known location.
pub(super) fn check_location(call: &Call<'_>, store: &Store, field: &str) -> Result<(), Reply> {
    match call.id(field) {
        Some(id) if store.table("locations").get(id).is_none() => Err(not_found("location", id)),
        _ => Ok(()),
    }
}

fn check_customer_exists(store: &Store, customer: Option<i64>) -> Result<(), Reply> {
    match customer {
        Some(id) if store.table("customers").get(id).is_none() => Err(not_found("customer", id)),
        _ => Ok(()),
    }
}

/// `unitType` as Komet spells it, whatever the case it was sent in.
pub(super) fn unit_type(text: &str) -> Option<&'static str> {
    ["Stem", "Bunch"]
        .into_iter()
        .find(|unit| unit.eq_ignore_ascii_case(text.trim()))
}

/// `YYYY-MM-DD`, ignoring a time part.
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text.get(..10).unwrap_or(text), "%Y-%m-%d").ok()
}

/// A whole-number field (0 when absent).
pub(super) fn count(row: &Record, field: &str) -> i64 {
    int(row, field).unwrap_or_default()
}

/// Whether two optional values are the same (both absent counts as the same).
pub(super) fn same_opt(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => same(a, b),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn line(fields: Value) -> Record {
        fields.as_object().cloned().unwrap()
    }

    #[test]
    fn units_follow_the_unit_type() {
        let bunches = line(json!({"unitType": "Bunch", "bunches": 10, "stemsBunch": 25}));
        let stems = line(json!({"unitType": "Stem", "bunches": 10, "stemsBunch": 25}));
        assert_eq!(units_per_box(&bunches), 10);
        assert_eq!(units_per_box(&stems), 250);
    }

    #[test]
    fn reserved_lines_are_for_their_customer() {
        let kept = line(json!({"customerId": 2001}));
        assert!(visible_to(&kept, Some(2001)));
        assert!(!visible_to(&kept, Some(2002)));
        assert!(visible_to(&line(json!({})), Some(2002)));
    }

    #[test]
    fn kinds_take_lists_and_all() {
        let open = line(json!({"inventoryType": "M"}));
        assert!(of_kinds(&open, "L, m"));
        assert!(of_kinds(&open, "all"));
        assert!(!of_kinds(&open, "L,S,P"));
    }
}
