//! Purchase orders: bought from vendors for prebook lines or standalone; their lines are
//! confirmed, repriced, referenced and shipped on AWBs.
//!
//! A vendor token works only on its own purchase orders. Orders created through the API
//! are approved, as Komet says of those it raises from prebooks; a farm confirming every
//! line makes the order "Confirmed by Farm".

use std::collections::BTreeSet;

use komet_api::TokenKind;
use serde_json::Value;

use super::documents::{Created, Header, add_line, lines, open_purchase_order};
use super::lookup::{
    CARRIERS, PRODUCTS, VENDORS, boxes, contains_text, copy_fields, counted, describe, find, id_of,
    in_range, int, range_refusal, rename_fields, text,
};
use super::{Call, Handler, Match, Reply, not_found, record};
use crate::store::{Record, Store, as_id};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "purchase.order.create" => purchase_order_create,
        "purchase.order.mixed.create" => purchase_order_mixed_create,
        "purchase.order.list" => purchase_order_list,
        "purchase.order.item.delete" => item_delete,
        "purchase.order.item.confirm" => item_confirm,
        "purchase.order.item.price.update" => item_price_update,
        "purchase.order.item.reference.update" => item_reference_update,
        "purchase.order.item.awb.add" => item_awb_add,
        "purchase.order.items.awb.add" => items_awb_add,
        "purchase.order.va.details.list" => va_details_list,
        _ => return None,
    })
}

/// Fields a purchase order line copies from the prebook line it buys.
const BOUGHT_FIELDS: &[&str] = &[
    "productId",
    "productDescription",
    "itemType",
    "boxTypeId",
    "boxTypeCode",
    "boxes",
    "totalUnits",
    "unitType",
    "bunches",
    "stemsBunch",
    "cost",
    "markCode",
    "notes",
    "breakdowns",
];

/// Box codes the sandbox makes up when a shipment names none start here (eight digits,
/// like Komet's samples).
const FIRST_BOX_CODE: u64 = 10_000_000;

/// At most this many box codes are made up for one line, so one request cannot make the
/// sandbox allocate without bound.
const MAX_MADE_UP_CODES: i64 = 10_000;

/// Opens an approved purchase order with a vendor.
pub(super) fn open_approved_order(
    store: &mut Store,
    vendor_id: i64,
    ship_date: String,
    carrier_id: Option<i64>,
) -> Created {
    open_purchase_order(
        store,
        Header {
            party_id: vendor_id,
            carrier_id,
            ship_date,
            extra: record([("poStatus", Value::from("Approved"))]),
        },
    )
}

/// Puts a prebook line on a purchase order: the new line copies what was booked and points
/// at the prebook line, which in turn records its purchase order line and vendor.
pub(super) fn buy_prebook_line(
    store: &mut Store,
    order_id: i64,
    prebook_item_id: i64,
) -> Option<i64> {
    let booked = store.table("prebookItems").get(prebook_item_id)?;
    let mut line = record([
        ("prebookItemId", Value::from(prebook_item_id)),
        ("lineStatus", Value::from("Pending")),
    ]);
    copy_fields(booked, &mut line, BOUGHT_FIELDS);
    let vendor = store
        .table("purchaseOrders")
        .get(order_id)
        .and_then(|order| order.get("vendorId"))
        .cloned();
    let id = add_line(
        store,
        "purchaseOrderItems",
        "purchaseOrderId",
        order_id,
        line,
    );
    if let Some(mut booked) = store.table_mut("prebookItems").get_mut(prebook_item_id) {
        booked.insert("purchaseOrderItemId".into(), Value::from(id));
        if let Some(vendor) = vendor {
            booked.insert("vendorId".into(), vendor);
        }
    }
    Some(id)
}

// ---------------------------------------------------------------------------------------
// Creating purchase orders

/// Buys prebook lines from a vendor, and standalone lines named by product code or
/// description, on a new order or on the one `purchaseOrderNumber` names. Every line is
/// checked before anything is stored.
fn purchase_order_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let (vendor, carrier, existing) = match order_header(call, store) {
        Ok(header) => header,
        Err(message) => return Reply::Refused(message),
    };
    let mut prebook_items = Vec::new();
    let mut standalone = Vec::new();
    for (index, item) in call.lines("purchaseOrderItems").into_iter().enumerate() {
        if int(item, "prebookItemId").is_none() {
            match mapped_product(store, item) {
                Some(product) => standalone.push(product_line(&product)),
                None => {
                    return Reply::Refused(format!(
                        "purchaseOrderItems[{index}] names no product of the company"
                    ));
                }
            }
            continue;
        }
        match purchasable(call, store, vendor, index, item) {
            Ok(id) if prebook_items.contains(&id) => {
                return Reply::Refused(format!("prebook item {id} is listed twice"));
            }
            Ok(id) => prebook_items.push(id),
            Err(message) => return Reply::Refused(message),
        }
    }
    if prebook_items.is_empty() && standalone.is_empty() {
        return Reply::Refused("purchaseOrderItems has no lines".to_owned());
    }
    let ship_date = call.text("shipDate").unwrap_or_default().to_owned();
    let order = existing.unwrap_or_else(|| open_approved_order(store, vendor, ship_date, carrier));
    for id in prebook_items {
        buy_prebook_line(store, order.id, id);
    }
    for line in standalone {
        add_line(
            store,
            "purchaseOrderItems",
            "purchaseOrderId",
            order.id,
            line,
        );
    }
    call.ok(
        &format!("Purchase order {} was successfully created", order.number),
        Record::new(),
    )
}

/// A standalone order of mixed boxes. Products must be mapped in the company: unknown ones
/// are left out (Komet's UNKNOWN products), and an order with none known is refused.
fn purchase_order_mixed_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let (vendor, carrier, existing) = match order_header(call, store) {
        Ok(header) => header,
        Err(message) => return Reply::Refused(message),
    };
    let items = call.lines("purchaseOrderItems");
    let known: Vec<Record> = items
        .iter()
        .filter_map(|item| mapped_product(store, item))
        .map(|product| product_line(&product))
        .collect();
    if known.is_empty() {
        return Reply::Refused(
            "no product of purchaseOrderItems is mapped in the company".to_owned(),
        );
    }
    let skipped = items.len() - known.len();
    let ship_date = call.text("shipDate").unwrap_or_default().to_owned();
    let order = existing.unwrap_or_else(|| open_approved_order(store, vendor, ship_date, carrier));
    for line in known {
        add_line(
            store,
            "purchaseOrderItems",
            "purchaseOrderId",
            order.id,
            line,
        );
    }
    let mut message = format!("Purchase order {} was successfully created", order.number);
    if skipped > 0 {
        message.push_str(&format!("; {skipped} UNKNOWN products were not added"));
    }
    call.ok(&message, Record::new())
}

/// A pending purchase order line of a product (no prebook line behind it).
fn product_line(product: &Record) -> Record {
    let mut line = record([
        ("productId", Value::from(id_of(product))),
        ("lineStatus", Value::from("Pending")),
    ]);
    if let Some(description) = product.get("description") {
        line.insert("productDescription".into(), description.clone());
    }
    line
}

/// The vendor, inbound carrier and existing order of a create request.
fn order_header(
    call: &Call<'_>,
    store: &Store,
) -> Result<(i64, Option<i64>, Option<Created>), String> {
    let vendor = order_vendor(call, store)?;
    let carrier = if call.id("carrierId").is_some() || call.text("carrierCode").is_some() {
        Some(id_of(&find(
            store,
            &CARRIERS,
            call.id("carrierId"),
            call.text("carrierCode"),
        )?))
    } else {
        None
    };
    let existing = existing_order(call, store, vendor)?;
    Ok((vendor, carrier, existing))
}

/// A vendor token's own vendor; a company token names one by id or code (a spec rule, so a
/// request without it never reaches this handler).
fn order_vendor(call: &Call<'_>, store: &Store) -> Result<i64, String> {
    if call.caller.kind == TokenKind::Vendor {
        return call
            .caller
            .party_id
            .ok_or_else(|| "this vendor token belongs to no vendor".to_owned());
    }
    find(
        store,
        &VENDORS,
        call.id("vendorId"),
        call.text("vendorCode"),
    )
    .map(|v| id_of(&v))
}

/// The order `purchaseOrderNumber` names, which must be with the same vendor and not
/// cancelled.
fn existing_order(call: &Call<'_>, store: &Store, vendor: i64) -> Result<Option<Created>, String> {
    let Some(number) = call.text("purchaseOrderNumber") else {
        return Ok(None);
    };
    let Some(order) = store
        .table("purchaseOrders")
        .rows_numbered("number", number)
        .into_iter()
        .find(|order| has_number(order, number_value(number)))
    else {
        return Err(format!("purchase order {number} was not found"));
    };
    if int(order, "vendorId") != Some(vendor) {
        return Err(format!("purchase order {number} is with another vendor"));
    }
    if text(order, "poStatus") == Some("Cancelled") {
        return Err(format!("purchase order {number} is cancelled"));
    }
    Ok(Some(Created {
        id: id_of(order),
        number: text(order, "number").unwrap_or_default().to_owned(),
    }))
}

/// The prebook line a request line buys: it must exist, not be bought already, and belong
/// to a vendor token's vendor.
fn purchasable(
    call: &Call<'_>,
    store: &Store,
    vendor: i64,
    index: usize,
    item: &Record,
) -> Result<i64, String> {
    let Some(id) = int(item, "prebookItemId") else {
        return Err(format!("purchaseOrderItems[{index}] has no prebookItemId"));
    };
    let Some(line) = store.table("prebookItems").get(id) else {
        return Err(format!("prebook item {id} was not found"));
    };
    if call.caller.kind == TokenKind::Vendor && int(line, "vendorId") != Some(vendor) {
        return Err(format!("prebook item {id} does not belong to this vendor"));
    }
    let bought = int(line, "purchaseOrderItemId")
        .filter(|po_item| store.table("purchaseOrderItems").get(*po_item).is_some());
    if let Some(po_item) = bought {
        return Err(format!(
            "prebook item {id} is already on purchase order item {po_item}"
        ));
    }
    Ok(id)
}

/// The product a mixed-order line names by id, code or exact description.
fn mapped_product(store: &Store, item: &Record) -> Option<Record> {
    if int(item, "productId").is_some() || text(item, "productCode").is_some() {
        return find(
            store,
            &PRODUCTS,
            int(item, "productId"),
            text(item, "productCode"),
        )
        .ok();
    }
    let description = text(item, "productDescription")?.trim();
    store
        .table("products")
        .rows()
        .find(|p| text(p, "description").is_some_and(|d| d.eq_ignore_ascii_case(description)))
        .cloned()
}

// ---------------------------------------------------------------------------------------
// purchase.order.list

/// Komet's page shows no response fields, so the answer says how many orders match.
/// futureInventoryAvailableFrom/To are not applied: the sandbox keeps no availability
/// dates on purchase orders.
fn purchase_order_list(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Some(refusal) = range_refusal(
        call.text("futureInventoryAvailableFrom"),
        call.text("futureInventoryAvailableTo"),
        0,
        4,
    ) {
        return Reply::Refused(refusal);
    }
    let own_vendor = match call.caller.kind {
        TokenKind::Vendor => Some(call.caller.party_id.unwrap_or_default()),
        _ => None,
    };
    let count = store
        .table("purchaseOrders")
        .rows()
        .filter(|order| own_vendor.is_none_or(|v| int(order, "vendorId") == Some(v)))
        .filter(|order| order_matches(call, store, order))
        .count();
    call.ok(
        &format!("{} found", counted(count, "purchase order")),
        Record::new(),
    )
}

/// Whether an order passes the list's filters.
fn order_matches(call: &Call<'_>, store: &Store, order: &Record) -> bool {
    header_matches(call, store, order) && lines_match(call, store, order)
}

/// Filters on the order and its vendor.
fn header_matches(call: &Call<'_>, store: &Store, order: &Record) -> bool {
    let mut view = order.clone();
    if let Some(vendor) = int(order, "vendorId").and_then(|id| store.table("vendors").get(id)) {
        rename_fields(
            vendor,
            &mut view,
            &[
                ("name", "vendorName"),
                ("code", "vendorCode"),
                ("portOrigin", "origin"),
            ],
        );
    }
    let filters = [
        ("date", "shipDate", Match::Exact),
        ("vendorId", "vendorId", Match::Exact),
        ("origin", "origin", Match::Exact),
        ("status", "poStatus", Match::Exact),
        ("locationId", "locationId", Match::Exact),
    ];
    call.passes(&view, &filters)
        && call.text("vendor").is_none_or(|wanted| {
            contains_text(text(&view, "vendorName"), wanted)
                || contains_text(text(&view, "vendorCode"), wanted)
        })
        && call.text("number").is_none_or(|numbers| {
            number_list(numbers)
                .into_iter()
                .any(|n| has_number(order, Some(n)))
        })
}

/// Filters on the order's lines and on the prebooks they were bought for.
fn lines_match(call: &Call<'_>, store: &Store, order: &Record) -> bool {
    let order_lines: Vec<&Record> =
        lines(store, "purchaseOrderItems", "purchaseOrderId", id_of(order)).collect();
    let prebooks: Vec<&Record> = order_lines
        .iter()
        .filter_map(|line| int(line, "prebookItemId"))
        .filter_map(|id| store.table("prebookItems").get(id))
        .filter_map(|item| int(item, "prebookId"))
        .filter_map(|id| store.table("prebooks").get(id))
        .collect();
    call.text("product").is_none_or(|wanted| {
        order_lines
            .iter()
            .any(|line| contains_text(describe(store, line), wanted))
    }) && call.text("purchaseOrderItemIds").is_none_or(|ids| {
        let ids = number_list(ids);
        order_lines.iter().any(|line| ids.contains(&id_of(line)))
    }) && call
        .text("prebook")
        .is_none_or(|wanted| prebooks.iter().any(|p| has_number(p, number_value(wanted))))
        && call
            .id("customerId")
            .is_none_or(|id| prebooks.iter().any(|p| int(p, "customerId") == Some(id)))
        && call.text("customerPONumber").is_none_or(|wanted| {
            prebooks
                .iter()
                .any(|p| text(p, "customerPO") == Some(wanted))
        })
}

// ---------------------------------------------------------------------------------------
// Lines

/// Removes a line. Prebook lines it supplied (the one it was bought for, or those booked
/// from it as future inventory) are left without a source, to be bought again.
fn item_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("poItemId").unwrap_or_default();
    if let Err(message) = line_of(store, id, caller_vendor(call)) {
        return Reply::Refused(message);
    }
    store.table_mut("purchaseOrderItems").remove(id);
    let prebook_lines = store.table_mut("prebookItems");
    let booked: Vec<i64> = prebook_lines
        .rows_by("purchaseOrderItemId", &Value::from(id))
        .into_iter()
        .map(id_of)
        .collect();
    for booked in booked {
        if let Some(mut line) = prebook_lines.get_mut(booked) {
            line.remove("purchaseOrderItemId");
        }
    }
    call.ok("Item was successfully deleted", Record::new())
}

/// Records how many boxes the farm confirmed. Zero confirmed boxes cancel the line (the
/// farm will not ship it); when every line is confirmed in full the order is "Confirmed by
/// Farm".
fn item_confirm(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("poItemId").unwrap_or_default();
    let confirmed = call.id("quantityConfirmed").unwrap_or_default();
    let line = match line_of(store, id, None) {
        Ok(line) => line,
        Err(message) => return Reply::Refused(message),
    };
    let bought = boxes(&line).unwrap_or_default();
    if confirmed < 0 {
        return Reply::Refused("quantityConfirmed may not be negative".to_owned());
    }
    if confirmed > bought {
        return Reply::Refused(format!("purchase order item {id} has only {bought} boxes"));
    }
    let status = match confirmed {
        0 => "Cancelled",
        n if n == bought => "Confirmed",
        _ => "Partial Confirmed",
    };
    if let Some(mut line) = store.table_mut("purchaseOrderItems").get_mut(id) {
        line.insert("quantityConfirmed".into(), Value::from(confirmed));
        line.insert("lineStatus".into(), Value::from(status));
    }
    if let Some(order_id) = int(&line, "purchaseOrderId") {
        mark_confirmed_by_farm(store, order_id);
    }
    call.ok("Item was successfully confirmed", Record::new())
}

fn mark_confirmed_by_farm(store: &mut Store, order_id: i64) {
    let all_confirmed = lines(store, "purchaseOrderItems", "purchaseOrderId", order_id)
        .all(|line| text(line, "lineStatus") == Some("Confirmed"));
    if let Some(mut order) = store.table_mut("purchaseOrders").get_mut(order_id) {
        if all_confirmed {
            order.insert("poStatus".into(), Value::from("Confirmed by Farm"));
        }
    }
}

fn item_price_update(call: &Call<'_>, store: &mut Store) -> Reply {
    set_line_field(call, store, "price", "Price was successfully updated")
}

fn item_reference_update(call: &Call<'_>, store: &mut Store) -> Reply {
    set_line_field(
        call,
        store,
        "reference",
        "Reference was successfully updated",
    )
}

/// Stores the request's `field` on the line `purchaseOrderItemId` names.
fn set_line_field(call: &Call<'_>, store: &mut Store, field: &str, done: &str) -> Reply {
    let id = call.id("purchaseOrderItemId").unwrap_or_default();
    let Some(mut line) = store.table_mut("purchaseOrderItems").get_mut(id) else {
        return not_found("purchase order item", id);
    };
    if let Some(value) = call.get(field) {
        line.insert(field.to_owned(), value.clone());
    }
    call.ok(done, Record::new())
}

/// A vendor token's vendor, to limit it to its own lines.
fn caller_vendor(call: &Call<'_>) -> Option<i64> {
    match call.caller.kind {
        TokenKind::Vendor => Some(call.caller.party_id.unwrap_or_default()),
        _ => None,
    }
}

/// A purchase order line, which must be on an order with `vendor` when one is given.
fn line_of(store: &Store, id: i64, vendor: Option<i64>) -> Result<Record, String> {
    let Some(line) = store.table("purchaseOrderItems").get(id) else {
        return Err(format!("purchase order item {id} was not found"));
    };
    if let Some(vendor) = vendor {
        let order_vendor = int(line, "purchaseOrderId")
            .and_then(|order| store.table("purchaseOrders").get(order))
            .and_then(|order| int(order, "vendorId"));
        if order_vendor != Some(vendor) {
            return Err(format!(
                "purchase order item {id} does not belong to vendor {vendor}"
            ));
        }
    }
    Ok(line.clone())
}

// ---------------------------------------------------------------------------------------
// AWBs

fn item_awb_add(call: &Call<'_>, store: &mut Store) -> Reply {
    match ship_line(store, caller_vendor(call), call.request) {
        Ok(shipment) => {
            let mut fields = record([("boxCodes", Value::from(shipment.box_codes))]);
            if let Some(id) = shipment.split_off {
                fields.insert("newPOItemId".into(), Value::from(id));
            }
            call.ok("Item was successfully added to the AWB", fields)
        }
        Err(message) => Reply::Refused(message),
    }
}

/// Ships each line on its AWB, answering per line. A company token must name the vendor.
fn items_awb_add(call: &Call<'_>, store: &mut Store) -> Reply {
    // Company tokens must send vendorId (a spec rule, checked before any handler runs).
    let vendor = match call.caller.kind {
        TokenKind::Vendor => call.caller.party_id.unwrap_or_default(),
        _ => match find(store, &VENDORS, call.id("vendorId"), None) {
            Ok(_) => call.id("vendorId").unwrap_or_default(),
            Err(message) => return Reply::Refused(message),
        },
    };
    let results: Vec<Value> = call
        .lines("poItems")
        .into_iter()
        .map(|item| awb_result(item, ship_line(store, Some(vendor), item)))
        .collect();
    call.ok(
        "Items were processed; see each result",
        record([(
            "purchaseOrderItemDetailsAWBAddAPIResultList",
            Value::Array(results),
        )]),
    )
}

/// One line's entry in purchase.order.items.awb.add's results.
fn awb_result(item: &Record, outcome: Result<Shipment, String>) -> Value {
    let mut result = Record::new();
    copy_fields(item, &mut result, &["poItemId"]);
    match outcome {
        Ok(shipment) => {
            result.insert("status".into(), Value::from(1));
            result.insert(
                "message".into(),
                Value::from("Item was successfully added to the AWB"),
            );
            result.insert("boxCodes".into(), Value::from(shipment.box_codes));
            // The answer types the lot number as a whole number of up to ten digits.
            if let Some(lot) = item
                .get("lotNumber")
                .and_then(as_id)
                .filter(|lot| (0..10_000_000_000).contains(lot))
            {
                result.insert("lotNumber".into(), Value::from(lot));
            }
        }
        Err(message) => {
            result.insert("status".into(), Value::from(0));
            result.insert("message".into(), Value::from(message));
        }
    }
    Value::Object(result)
}

/// What shipping a line did.
struct Shipment {
    box_codes: Vec<String>,
    /// The line made of the boxes not shipped, when fewer were shipped than bought.
    split_off: Option<i64>,
}

/// Ships a line on an AWB: one box code per box shipped (made up when none are sent). When
/// fewer boxes are shipped than were bought, the shipped boxes stay on the line and the
/// rest move to a new line.
fn ship_line(store: &mut Store, vendor: Option<i64>, item: &Record) -> Result<Shipment, String> {
    let id = int(item, "poItemId").unwrap_or_default();
    let line = line_of(store, id, vendor)?;
    if let Some(awb) = text(&line, "awb") {
        return Err(format!(
            "purchase order item {id} is already shipped on AWB {awb}"
        ));
    }
    let mapped = int(&line, "productId").is_some_and(|p| store.table("products").get(p).is_some());
    if !mapped {
        return Err(format!(
            "purchase order item {id} has an UNKNOWN product, which is not shipped"
        ));
    }
    let bought = boxes(&line).unwrap_or_default();
    let codes =
        box_codes(store, item, bought).map_err(|e| format!("purchase order item {id}: {e}"))?;
    let shipped = i64::try_from(codes.len()).unwrap_or(i64::MAX);
    let split_off = (shipped < bought).then(|| split_line(store, &line, bought - shipped));
    if let Some(mut line) = store.table_mut("purchaseOrderItems").get_mut(id) {
        line.insert("boxes".into(), Value::from(shipped));
        line.insert("boxCodes".into(), Value::from(codes.clone()));
        copy_fields(item, &mut line, &["awb", "houseAWB", "lotNumber"]);
        if let Some(date) = item.get("shipDate") {
            line.insert("vendorShipDate".into(), date.clone());
        }
    }
    Ok(Shipment {
        box_codes: codes,
        split_off,
    })
}

/// The box codes of a shipment: those sent, which must be new and no more than the boxes
/// bought, or one made-up code per box bought.
fn box_codes(store: &Store, item: &Record, bought: i64) -> Result<Vec<String>, String> {
    let sent: Vec<String> = match item.get("boxCodes") {
        Some(Value::Array(codes)) => codes
            .iter()
            .filter_map(|code| code.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    };
    let used = used_box_codes(store);
    if sent.is_empty() {
        if bought < 1 {
            return Err("there are no boxes to ship".to_owned());
        }
        if bought > MAX_MADE_UP_CODES {
            return Err(format!(
                "send the box codes: the sandbox makes up at most {MAX_MADE_UP_CODES}"
            ));
        }
        // Only codes of the made-up length count, so a long code sent earlier cannot push
        // the next ones out of range.
        let next = used
            .iter()
            .filter(|code| code.len() <= 8)
            .filter_map(|code| code.parse::<u64>().ok())
            .max()
            .map_or(FIRST_BOX_CODE, |highest| {
                highest.max(FIRST_BOX_CODE - 1) + 1
            });
        return Ok((0..bought.unsigned_abs())
            .map(|n| (next + n).to_string())
            .collect());
    }
    if i64::try_from(sent.len()).unwrap_or(i64::MAX) > bought {
        return Err(format!("{} box codes sent for {bought} boxes", sent.len()));
    }
    let mut seen = BTreeSet::new();
    if let Some(code) = sent
        .iter()
        .find(|code| used.contains(*code) || !seen.insert(*code))
    {
        return Err(format!("box code {code} is already used"));
    }
    Ok(sent)
}

/// Every box code already on a purchase order line.
fn used_box_codes(store: &Store) -> BTreeSet<String> {
    store
        .table("purchaseOrderItems")
        .rows()
        .filter_map(|line| line.get("boxCodes").and_then(Value::as_array))
        .flatten()
        .filter_map(|code| code.as_str().map(str::to_owned))
        .collect()
}

/// A new line on the same order with `boxes` of what `line` bought.
fn split_line(store: &mut Store, line: &Record, boxes: i64) -> i64 {
    let mut rest = line.clone();
    rest.remove("id");
    rest.insert("boxes".into(), Value::from(boxes));
    let order = int(line, "purchaseOrderId").unwrap_or_default();
    add_line(store, "purchaseOrderItems", "purchaseOrderId", order, rest)
}

// ---------------------------------------------------------------------------------------
// purchase.order.va.details.list

/// Orders by number or line id, with their lines. Komet's page does not say that orders
/// not bought from vendor availability are left out; the sandbox, which models no vendor
/// availability, lists the orders asked for with empty availability details.
fn va_details_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let numbers = call.text("purchaseOrderNumbers").map(number_list);
    let item_ids = call.text("purchaseOrderItemIds").map(number_list);
    let orders = store.table("purchaseOrders");
    let mut candidates = match (&numbers, call.get("shipDate")) {
        (Some(numbers), _) => numbers
            .iter()
            .flat_map(|n| orders.rows_numbered("number", &n.to_string()))
            .collect(),
        (None, Some(date)) => orders.rows_by("shipDate", date),
        (None, None) => orders.rows().collect(),
    };
    // By id, once each, as the whole table would list them.
    candidates.sort_by_key(|order| id_of(order));
    candidates.dedup_by_key(|order| id_of(order));
    let views: Vec<Record> = candidates
        .into_iter()
        .filter(|order| {
            numbers
                .as_ref()
                .is_none_or(|numbers| numbers.iter().any(|n| has_number(order, Some(*n))))
                && in_range(
                    text(order, "shipDate"),
                    call.text("shipDate"),
                    call.text("shipDate"),
                )
        })
        .filter_map(|order| va_view(store, order, item_ids.as_deref()))
        .collect();
    call.list("purchaseOrders", &views)
}

/// An order with the lines asked for (all when no line ids were given); none when it has
/// none of them.
fn va_view(store: &Store, order: &Record, item_ids: Option<&[i64]>) -> Option<Record> {
    let details: Vec<Value> = lines(store, "purchaseOrderItems", "purchaseOrderId", id_of(order))
        .filter(|line| item_ids.is_none_or(|ids| ids.contains(&id_of(line))))
        .map(|line| {
            Value::Object(record([
                ("poItemId", Value::from(id_of(line))),
                ("vendorAvailabilityDetails", Value::Array(Vec::new())),
            ]))
        })
        .collect();
    if item_ids.is_some() && details.is_empty() {
        return None;
    }
    let mut view = record([
        ("id", Value::from(id_of(order))),
        ("details", Value::Array(details)),
    ]);
    copy_fields(order, &mut view, &["shipDate"]);
    // Purchase order numbers are text: "P081001" keeps its prefix.
    if let Some(number) = text(order, "number") {
        view.insert("number".into(), Value::from(number));
    }
    Some(view)
}

/// The numeric value of an order number: `P081001`, `081001` and `81001` are the same.
fn number_value(number: &str) -> Option<i64> {
    let digits = number.trim().trim_start_matches(['P', 'p']);
    digits.parse().ok()
}

/// Numbers separated by commas.
fn number_list(numbers: &str) -> Vec<i64> {
    numbers.split(',').filter_map(number_value).collect()
}

/// Whether a record's `number` has this numeric value.
fn has_number(row: &Record, wanted: Option<i64>) -> bool {
    wanted.is_some() && text(row, "number").and_then(number_value) == wanted
}
