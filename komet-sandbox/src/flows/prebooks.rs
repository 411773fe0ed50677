//! Prebooks: sales orders booked ahead of shipping, their lines, and the purchase orders
//! Komet raises from them.
//!
//! Lines name products, box types and vendors by id or by code. A line whose product, box
//! type or vendor is unknown gets its own `status` 0 and message while the good lines are
//! added, as Komet's prebook.create page describes; an unknown customer or carrier refuses
//! the whole call.

use std::collections::BTreeMap;

use komet_api::TokenKind;
use serde_json::Value;

use super::documents::{Created, Header, add_line, extra_fields, lines, open_prebook};
use super::inventory::{future_available, is_future};
use super::lookup::{
    BOX_TYPES, CARRIERS, CUSTOMERS, PRODUCTS, VENDOR_NAMES, VENDORS, contains_text, copy_fields,
    describe, find, flag, id_of, in_range, int, line_total, range_refusal, rename_fields, text,
    total_units, units_per_box,
};
use super::purchase_orders::{buy_prebook_line, open_approved_order};
use super::{Call, Handler, Match, Reply, not_found, record};
use crate::accounts::Account;
use crate::store::{Record, Store, same};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "prebook.create" => prebook_create,
        "multiple.prebooks.create" => multiple_prebooks_create,
        "prebook.update" => prebook_update,
        "prebook.item.delete" => prebook_item_delete,
        "prebook.future.item.add" => prebook_future_item_add,
        "prebook.list" => prebook_list,
        "prebook.details.list" => prebook_details_list,
        "standing.order.list" => standing_order_list,
        _ => return None,
    })
}

/// Request line fields a prebook line keeps as sent (products, box types and vendors are
/// resolved separately).
const LINE_FIELDS: &[&str] = &[
    "identifier",
    "orderSource",
    "itemType",
    "boxes",
    "totalUnits",
    "unitType",
    "bunches",
    "stemsBunch",
    "price",
    "cost",
    "markCode",
    "notes",
    "futureSalesPoNumber",
    "boxWeight",
    "boxLength",
    "boxWidth",
    "boxHeight",
];

/// Komet's answer for a line that was added.
const LINE_ADDED: &str = "Item successfully added to the order";

// ---------------------------------------------------------------------------------------
// prebook.create

fn prebook_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = match find(
        store,
        &CUSTOMERS,
        call.id("customerId"),
        call.text("customerCode"),
    ) {
        Ok(customer) => customer,
        Err(message) => return Reply::Refused(message),
    };
    let carrier = match find(
        store,
        &CARRIERS,
        call.id("carrierId"),
        call.text("carrierCode"),
    ) {
        Ok(carrier) => carrier,
        Err(message) => return Reply::Refused(message),
    };
    let header = Header {
        party_id: id_of(&customer),
        carrier_id: Some(id_of(&carrier)),
        ship_date: call.text("shipDate").unwrap_or_default().to_owned(),
        extra: header_extra(call),
    };
    let existing = if flag(call.get("useExisting")) {
        matching_open_prebook(store, &header)
    } else {
        None
    };
    let appended = existing.is_some();
    let ship_date = header.ship_date.clone();
    let prebook = existing.unwrap_or_else(|| open_prebook(store, header));

    let mut items = Vec::new();
    let mut added = Vec::new();
    for line in call.lines("prebookItems") {
        let outcome = new_line(store, call.caller, line).map(|new| {
            let id = add_line(store, "prebookItems", "prebookId", prebook.id, new.record);
            added.push(id);
            (id, new.available_boxes)
        });
        items.push(create_result(line, outcome));
    }

    let mut fields = record([
        ("prebookId", Value::from(prebook.id)),
        ("prebookNumber", Value::from(prebook.number.clone())),
    ]);
    let mut message = if appended {
        format!("Items were added to prebook {}.", prebook.number)
    } else {
        "Prebook was successfully created.".to_owned()
    };
    let failed = items.len() - added.len();
    if failed > 0 {
        message.push_str(&format!(
            " {failed} of {} items were not added.",
            items.len()
        ));
    }
    if flag(call.get("autoGeneratePOsfromPrebooks")) {
        let orders = raise_purchase_orders(store, &ship_date, &added);
        if !orders.is_empty() {
            let numbers: Vec<&str> = orders.iter().map(|o| o.number.as_str()).collect();
            fields.insert(
                "purchaseOrderNumbers".into(),
                Value::from(numbers.join(", ")),
            );
            message.push_str(" All the purchase orders were successfully created");
        }
    }
    fields.insert("items".into(), Value::Array(items));
    call.ok(&message, fields)
}

/// Header fields a new prebook keeps from the request. The request's `status` is the
/// company's own prebook status, kept apart from the record's `status` (open).
fn header_extra(call: &Call<'_>) -> Record {
    extra_fields([
        ("customerPO", call.get("customerPO")),
        ("comments", call.get("comments")),
        ("shipViaId", call.get("shipViaId")),
        ("isEcommerce", call.get("isEcommerce")),
        ("createdBy", call.get("createdBy")),
        ("shipToId", call.get("shipToId")),
        ("prebookStatus", call.get("status")),
    ])
}

/// The open prebook `useExisting` appends to: same customer, carrier, truck date and
/// customer PO (the sandbox's companies have a single location).
fn matching_open_prebook(store: &Store, header: &Header) -> Option<Created> {
    let po = header.extra.get("customerPO");
    store
        .table("prebooks")
        .rows_by("shipDate", &Value::from(header.ship_date.as_str()))
        .into_iter()
        .find(|row| {
            text(row, "status") == Some("open")
                && int(row, "customerId") == Some(header.party_id)
                && int(row, "carrierId") == header.carrier_id
                && text(row, "shipDate") == Some(header.ship_date.as_str())
                && match (row.get("customerPO"), po) {
                    (Some(have), Some(want)) => same(have, want),
                    (have, want) => have.is_none() && want.is_none(),
                }
        })
        .map(|row| Created {
            id: id_of(row),
            number: text(row, "number").unwrap_or_default().to_owned(),
        })
}

/// A resolved prebook line, ready to store.
struct NewLine {
    record: Record,
    /// Boxes left on the future-sales purchase order the line books from, if it names one.
    available_boxes: Option<i64>,
}

/// A prebook line from a request line: product, box type, vendor and breakdown products
/// looked up in the catalogue. A vendor token's lines are always its own.
fn new_line(store: &Store, caller: &Account, line: &Record) -> Result<NewLine, String> {
    let product = find(
        store,
        &PRODUCTS,
        int(line, "productId"),
        text(line, "productCode"),
    )?;
    if let Some(field) = ["boxes", "totalUnits", "bunches", "stemsBunch"]
        .into_iter()
        .find(|field| int(line, field).is_some_and(|n| n < 0))
    {
        return Err(format!("{field} may not be negative"));
    }
    let mut record = Record::new();
    copy_fields(line, &mut record, LINE_FIELDS);
    record
        .entry("itemType")
        .or_insert_with(|| Value::from("BOX"));
    record.insert("productId".into(), Value::from(id_of(&product)));
    if let Some(description) = product.get("description") {
        record.insert("productDescription".into(), description.clone());
    }
    if int(line, "boxTypeId").is_some() || text(line, "boxTypeCode").is_some() {
        let box_type = find(
            store,
            &BOX_TYPES,
            int(line, "boxTypeId"),
            text(line, "boxTypeCode"),
        )?;
        record.insert("boxTypeId".into(), Value::from(id_of(&box_type)));
        if let Some(code) = box_type.get("code") {
            record.insert("boxTypeCode".into(), code.clone());
        }
    }
    if let Some(vendor) = line_vendor(store, caller, line)? {
        record.insert("vendorId".into(), Value::from(vendor));
    }
    if let Some(Value::Array(breakdowns)) = line.get("breakdowns") {
        let resolved = breakdowns
            .iter()
            .filter_map(Value::as_object)
            .map(|part| breakdown(store, part))
            .collect::<Result<Vec<_>, _>>()?;
        record.insert("breakdowns".into(), Value::Array(resolved));
    }
    let available_boxes = match text(line, "futureSalesPoNumber") {
        Some(po) => {
            let boxes = int(line, "boxes").unwrap_or_default();
            let (source, left) = future_sales_source(store, po, &record, boxes)?;
            record.insert("purchaseOrderItemId".into(), Value::from(source));
            Some(left)
        }
        None => None,
    };
    Ok(NewLine {
        record,
        available_boxes,
    })
}

/// The vendor of a line: the caller's own for a vendor token (Komet ignores the line's
/// vendor fields then), else the one named by id, code or name, if any.
fn line_vendor(store: &Store, caller: &Account, line: &Record) -> Result<Option<i64>, String> {
    if caller.kind == TokenKind::Vendor {
        return Ok(caller.party_id);
    }
    let found = if int(line, "vendorId").is_some() || text(line, "vendorCode").is_some() {
        find(
            store,
            &VENDORS,
            int(line, "vendorId"),
            text(line, "vendorCode"),
        )?
    } else if let Some(name) = text(line, "vendorName") {
        find(store, &VENDOR_NAMES, None, Some(name))?
    } else {
        return Ok(None);
    };
    Ok(Some(id_of(&found)))
}

/// One product of a mixed box, with its product looked up.
fn breakdown(store: &Store, part: &Record) -> Result<Value, String> {
    let product = find(
        store,
        &PRODUCTS,
        int(part, "productId"),
        text(part, "productCode"),
    )
    .map_err(|e| format!("breakdown: {e}"))?;
    let mut out = Record::new();
    copy_fields(part, &mut out, &["bunches", "stemsBunch", "cost", "price"]);
    out.insert("productId".into(), Value::from(id_of(&product)));
    if let Some(description) = product.get("description") {
        out.insert("productDescription".into(), description.clone());
    }
    Ok(Value::Object(out))
}

/// The future-sales line a prebook line books `boxes` from, and the boxes it has left
/// then: a line of the purchase order `po_number` (Komet matches it exactly: `P057116` is
/// not `57116`) that is future inventory, of the same product and box type, with enough
/// boxes left.
fn future_sales_source(
    store: &Store,
    po_number: &str,
    line: &Record,
    boxes: i64,
) -> Result<(i64, i64), String> {
    let Some(order) = store
        .table("purchaseOrders")
        .rows_numbered("number", po_number)
        .into_iter()
        .find(|row| text(row, "number") == Some(po_number))
    else {
        return Err(format!(
            "future sales purchase order {po_number} was not found"
        ));
    };
    let product = int(line, "productId");
    let same_box = |item: &Record| {
        int(line, "boxTypeId").is_none_or(|wanted| int(item, "boxTypeId") == Some(wanted))
    };
    let offers: Vec<(i64, i64)> =
        lines(store, "purchaseOrderItems", "purchaseOrderId", id_of(order))
            .filter(|item| {
                is_future(store, item) && int(item, "productId") == product && same_box(item)
            })
            .map(|item| (id_of(item), future_available(store, item)))
            .collect();
    if let Some((id, left)) = offers.iter().find(|(_, left)| *left >= boxes) {
        return Ok((*id, left.saturating_sub(boxes)));
    }
    let most = offers
        .iter()
        .map(|(_, left)| *left)
        .max()
        .unwrap_or_default();
    Err(format!(
        "future sales purchase order {po_number} has only {most} boxes of product {} left",
        product.unwrap_or_default()
    ))
}

/// One purchase order per vendor for the lines just added, approved, with each line
/// linked to its prebook line (Komet's autoGeneratePOsfromPrebooks). Lines booked from a
/// future-sales purchase order are already bought and get none.
fn raise_purchase_orders(store: &mut Store, ship_date: &str, line_ids: &[i64]) -> Vec<Created> {
    let mut by_vendor: BTreeMap<i64, Vec<i64>> = BTreeMap::new();
    for &id in line_ids {
        let Some(line) = store.table("prebookItems").get(id) else {
            continue;
        };
        if let (Some(vendor), None) = (int(line, "vendorId"), int(line, "purchaseOrderItemId")) {
            by_vendor.entry(vendor).or_default().push(id);
        }
    }
    by_vendor
        .into_iter()
        .map(|(vendor, ids)| {
            let order = open_approved_order(store, vendor, ship_date.to_owned(), None);
            for id in ids {
                buy_prebook_line(store, order.id, id);
            }
            order
        })
        .collect()
}

/// A line's entry in prebook.create's `items`: what was sent to identify it, then what
/// happened.
fn create_result(line: &Record, outcome: Result<(i64, Option<i64>), String>) -> Value {
    let mut item = identified(line);
    copy_fields(
        line,
        &mut item,
        &["productId", "productCode", "futureSalesPoNumber"],
    );
    match outcome {
        Ok((id, available_boxes)) => {
            item.insert("status".into(), Value::from(1));
            item.insert("message".into(), Value::from(LINE_ADDED));
            item.insert("prebookItemId".into(), Value::from(id));
            if let Some(boxes) = available_boxes {
                item.insert("availableBoxes".into(), Value::from(boxes));
            }
        }
        Err(message) => {
            item.insert("status".into(), Value::from(0));
            item.insert("message".into(), Value::from(message));
        }
    }
    Value::Object(item)
}

/// A result record holding the line's identifier. Komet documents the echoed identifier
/// as 20 characters while the request allows 30, so longer ones are cut to fit.
fn identified(line: &Record) -> Record {
    let mut item = Record::new();
    if let Some(identifier) = text(line, "identifier") {
        let fitted: String = identifier.chars().take(20).collect();
        item.insert("identifier".into(), Value::from(fitted));
    }
    item
}

// ---------------------------------------------------------------------------------------
// multiple.prebooks.create

fn multiple_prebooks_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let mut booking = Booking {
        customer_id: customer_by_code_or_new(call, store),
        auto_generate: flag(call.get("autoGeneratePOsfromPrebooks")),
        extra: extra_fields([
            ("customerPO", call.get("customerPO")),
            ("shipViaId", call.get("shipViaId")),
        ]),
        prebooks: BTreeMap::new(),
        orders: BTreeMap::new(),
    };
    let mut items = Vec::new();
    let mut booked = 0;
    for line in call.lines("prebookItems") {
        let outcome = booking.book(call.caller, store, line);
        booked += usize::from(outcome.is_ok());
        items.push(multiple_result(line, outcome));
    }
    let message = if booked == items.len() {
        "Prebooks were successfully created.".to_owned()
    } else {
        format!("{booked} of {} items were booked.", items.len())
    };
    call.ok(&message, record([("items", Value::Array(items))]))
}

/// The customer named by code, created from the request's name, phone and addresses when
/// the company does not have it yet (the billing address on the customer, the shipping
/// address as its first ship-to).
fn customer_by_code_or_new(call: &Call<'_>, store: &mut Store) -> i64 {
    let code = call.text("customerCode").unwrap_or_default();
    if let Ok(customer) = find(store, &CUSTOMERS, None, Some(code)) {
        return id_of(&customer);
    }
    let mut customer = record([("active", Value::from(1))]);
    rename_fields(
        call.request,
        &mut customer,
        &[
            ("customerCode", "code"),
            ("customerName", "name"),
            ("customerPhone", "phone"),
            ("customerBillingStreet", "address"),
            ("customerBillingCity", "city"),
            ("customerBillingState", "state"),
            ("customerBillingZipcode", "zipcode"),
            ("customerBillingCountry", "country"),
        ],
    );
    let mut ship_to = record([("shipToCode", Value::from(code))]);
    rename_fields(
        call.request,
        &mut ship_to,
        &[
            ("customerName", "name"),
            ("customerPhone", "phone"),
            ("customerShippingStreet", "address"),
            ("customerShippingCity", "city"),
            ("customerShippingState", "state"),
            ("customerShippingZipcode", "zipcode"),
            ("customerShippingCountry", "country"),
        ],
    );
    let id = store.table_mut("customers").insert(customer);
    ship_to.insert("customerId".into(), Value::from(id));
    store.table_mut("shipTos").insert(ship_to);
    id
}

/// Lines booked by one multiple.prebooks.create call: lines that share carrier and ship
/// date go on one prebook, and with autoGeneratePOsfromPrebooks each prebook gets one
/// purchase order per vendor.
struct Booking {
    customer_id: i64,
    auto_generate: bool,
    extra: Record,
    prebooks: BTreeMap<(i64, String), Created>,
    orders: BTreeMap<(i64, i64), Created>,
}

/// Where a booked line went.
struct Booked {
    prebook: Created,
    item_id: i64,
    purchase_order: Option<String>,
}

impl Booking {
    fn book(
        &mut self,
        caller: &Account,
        store: &mut Store,
        line: &Record,
    ) -> Result<Booked, String> {
        let carrier = find(store, &CARRIERS, None, text(line, "carrierCode"))?;
        let new = new_line(store, caller, line)?;
        let ship_date = text(line, "shipDate").unwrap_or_default().to_owned();
        let prebook = self.prebook_for(store, id_of(&carrier), ship_date.clone());
        let vendor = int(&new.record, "vendorId");
        let item_id = add_line(store, "prebookItems", "prebookId", prebook.id, new.record);
        let purchase_order = match vendor.filter(|_| self.auto_generate) {
            Some(vendor) => {
                let order = self.order_for(store, prebook.id, vendor, ship_date);
                buy_prebook_line(store, order.id, item_id);
                Some(order.number)
            }
            None => None,
        };
        Ok(Booked {
            prebook,
            item_id,
            purchase_order,
        })
    }

    fn prebook_for(&mut self, store: &mut Store, carrier: i64, ship_date: String) -> Created {
        let key = (carrier, ship_date);
        if let Some(prebook) = self.prebooks.get(&key) {
            return prebook.clone();
        }
        let prebook = open_prebook(
            store,
            Header {
                party_id: self.customer_id,
                carrier_id: Some(carrier),
                ship_date: key.1.clone(),
                extra: self.extra.clone(),
            },
        );
        self.prebooks.insert(key, prebook.clone());
        prebook
    }

    fn order_for(
        &mut self,
        store: &mut Store,
        prebook: i64,
        vendor: i64,
        ship_date: String,
    ) -> Created {
        self.orders
            .entry((prebook, vendor))
            .or_insert_with(|| open_approved_order(store, vendor, ship_date, None))
            .clone()
    }
}

/// A line's entry in multiple.prebooks.create's `items`.
fn multiple_result(line: &Record, outcome: Result<Booked, String>) -> Value {
    let mut item = identified(line);
    match outcome {
        Ok(booked) => {
            item.insert("status".into(), Value::from(1));
            item.insert("message".into(), Value::from(LINE_ADDED));
            item.insert("prebookId".into(), Value::from(booked.prebook.id));
            item.insert("prebookNumber".into(), Value::from(booked.prebook.number));
            item.insert("prebookItemId".into(), Value::from(booked.item_id));
            if let Some(number) = booked.purchase_order {
                item.insert("purchaseOrderNumber".into(), Value::from(number));
            }
        }
        Err(message) => {
            item.insert("status".into(), Value::from(0));
            item.insert("message".into(), Value::from(message));
        }
    }
    Value::Object(item)
}

// ---------------------------------------------------------------------------------------
// Changes to existing prebooks

fn prebook_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("prebookId").unwrap_or_default();
    if store.table("prebooks").get(id).is_none() {
        return not_found("prebook", id);
    }
    if let Some(carrier) = call.id("carrierId") {
        if let Err(message) = find(store, &CARRIERS, Some(carrier), None) {
            return Reply::Refused(message);
        }
    }
    let Some(mut prebook) = store.table_mut("prebooks").get_mut(id) else {
        return not_found("prebook", id);
    };
    call.copy_into(&mut prebook, &["prebookId"], &[]);
    call.ok("Prebook was successfully updated", Record::new())
}

/// Company tokens remove the line; vendor tokens keep it with quantity 0 (Komet's
/// integrations overview), and only for their own lines.
fn prebook_item_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let prebook_id = call.id("prebookId").unwrap_or_default();
    let item_id = call.id("prebookItemId").unwrap_or_default();
    if store.table("prebooks").get(prebook_id).is_none() {
        return not_found("prebook", prebook_id);
    }
    let Some(line) = store
        .table("prebookItems")
        .get(item_id)
        .filter(|line| int(line, "prebookId") == Some(prebook_id))
    else {
        return Reply::Refused(format!(
            "prebook item {item_id} was not found on prebook {prebook_id}"
        ));
    };
    if call.caller.kind != TokenKind::Vendor {
        release_purchase(store, item_id);
        store.table_mut("prebookItems").remove(item_id);
        return call.ok("Item was successfully deleted", Record::new());
    }
    if call.caller.party_id.is_none() || int(line, "vendorId") != call.caller.party_id {
        return Reply::Refused(format!(
            "prebook item {item_id} does not belong to this vendor"
        ));
    }
    if total_units(line) == Some(0) {
        return Reply::Refused(format!("prebook item {item_id} already has quantity 0"));
    }
    if let Some(mut line) = store.table_mut("prebookItems").get_mut(item_id) {
        zero_quantity(&mut line);
    }
    call.ok("Item quantity was set to 0", Record::new())
}

/// The purchase order line bought for a deleted prebook line stays bought, so it becomes
/// open-market (future) inventory that other prebooks can book.
fn release_purchase(store: &mut Store, item_id: i64) {
    let bought = store
        .table("prebookItems")
        .get(item_id)
        .and_then(|line| int(line, "purchaseOrderItemId"));
    let Some(mut po_line) = bought.and_then(|id| store.table_mut("purchaseOrderItems").get_mut(id))
    else {
        return;
    };
    if int(&po_line, "prebookItemId") == Some(item_id) {
        po_line.remove("prebookItemId");
    }
}

/// Sets a line's quantity to zero, in boxes or in units as it was booked.
fn zero_quantity(line: &mut Record) {
    if text(line, "itemType") == Some("UN") {
        line.insert("totalUnits".into(), Value::from(0));
    } else {
        line.insert("boxes".into(), Value::from(0));
    }
}

/// Books boxes of a future inventory line (a purchase order line bought for no prebook, as
/// future.inventory.openmarket.list shows them) on a prebook; no more than it has left.
fn prebook_future_item_add(call: &Call<'_>, store: &mut Store) -> Reply {
    let prebook_id = call.id("prebookId").unwrap_or_default();
    let source = call.id("inventoryId").unwrap_or_default();
    let boxes = call.id("boxes").unwrap_or_default();
    if store.table("prebooks").get(prebook_id).is_none() {
        return not_found("prebook", prebook_id);
    }
    let Some(item) = store
        .table("purchaseOrderItems")
        .get(source)
        .filter(|item| is_future(store, item))
    else {
        return not_found("future inventory item", source);
    };
    if boxes < 1 {
        return Reply::Refused("boxes must be at least 1".to_owned());
    }
    let left = future_available(store, item);
    if boxes > left {
        return Reply::Refused(format!(
            "future inventory item {source} has only {left} boxes left"
        ));
    }
    let mut line = record([
        ("itemType", Value::from("BOX")),
        ("purchaseOrderItemId", Value::from(source)),
    ]);
    copy_fields(item, &mut line, FUTURE_FIELDS);
    let order = int(item, "purchaseOrderId").and_then(|id| store.table("purchaseOrders").get(id));
    if let Some(order) = order {
        rename_fields(
            order,
            &mut line,
            &[("vendorId", "vendorId"), ("number", "futureSalesPoNumber")],
        );
    }
    call.copy_into(&mut line, &["prebookId", "inventoryId"], &[]);
    add_line(store, "prebookItems", "prebookId", prebook_id, line);
    call.ok(LINE_ADDED, Record::new())
}

/// Fields a prebook line booked from a future inventory line copies from it.
const FUTURE_FIELDS: &[&str] = &[
    "productId",
    "productDescription",
    "boxTypeId",
    "boxTypeCode",
    "unitType",
    "bunches",
    "stemsBunch",
    "cost",
];

// ---------------------------------------------------------------------------------------
// Lists

fn prebook_list(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Some(refusal) = range_refusal(call.text("dateFrom"), call.text("dateTo"), 6, 0) {
        return Reply::Refused(refusal);
    }
    let filters = [
        ("prebook", "number", Match::Exact),
        ("customerId", "customerId", Match::Exact),
        ("carrierName", "carrierName", Match::Contains),
        ("carrierId", "carrierId", Match::Exact),
        ("salesPersonId", "salesPersonId", Match::Exact),
        ("soNumber", "soNumber", Match::Exact),
        ("customerPONumber", "customerPONumber", Match::Exact),
        ("CompanyLocationId", "locationId", Match::Exact),
        ("brandId", "brandId", Match::Exact),
        ("prebookStatus", "prebookStatus", Match::Exact),
        ("isEcommerce", "isEcommerce", Match::Exact),
    ];
    let (from, to) = (call.text("dateFrom"), call.text("dateTo"));
    let shipping = store.table("prebooks").rows_between("shipDate", from, to);
    let views = views(store, call, shipping, None);
    let rows = views.iter().filter(|view| {
        call.passes(view, &filters)
            && customer_matches(call, view)
            && in_range(text(view, "truckDate"), from, to)
    });
    call.list("prebooks", rows)
}

/// Prebooks with their lines. Vendor tokens see only their own lines that have a cost and
/// ship no earlier than yesterday, without customer details or sales prices.
fn prebook_details_list(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Some(refusal) = range_refusal(
        call.text("vendorShipDateFrom"),
        call.text("vendorShipDateTo"),
        6,
        0,
    ) {
        return Reply::Refused(refusal);
    }
    let vendor = match call.caller.kind {
        TokenKind::Vendor => Some(call.caller.party_id.unwrap_or_default()),
        _ => None,
    };
    let filters = [
        ("date", "truckDate", Match::Exact),
        ("prebook", "number", Match::Exact),
        ("customerId", "customerId", Match::Exact),
        ("carrierName", "carrierName", Match::Contains),
        ("carrierId", "carrierId", Match::Exact),
        ("salesPersonId", "salesPersonId", Match::Exact),
        ("soNumber", "soNumber", Match::Exact),
        ("customerPONumber", "customerPONumber", Match::Exact),
        ("locationId", "locationId", Match::Exact),
        ("brandId", "brandId", Match::Exact),
        ("unableToSource", "unableToSource", Match::Exact),
    ];
    // updatedAsOf is not applied: the sandbox does not keep change times of prebooks.
    let (from, to) = (
        call.text("vendorShipDateFrom"),
        call.text("vendorShipDateTo"),
    );
    let prebooks = store.table("prebooks");
    let shipping = match call.get("date") {
        Some(date) => prebooks.rows_by("shipDate", date),
        None => prebooks.rows_between("shipDate", from, to),
    };
    let views = views(store, call, shipping, vendor);
    let rows = views.iter().filter(|view| {
        call.passes(view, &filters)
            && customer_matches(call, view)
            && in_range(text(view, "truckDate"), from, to)
    });
    call.list("prebooks", rows)
}

/// The sandbox models no standing orders, so there are none to list.
fn standing_order_list(call: &Call<'_>, _store: &mut Store) -> Reply {
    call.list("standingOrders", std::iter::empty::<&Record>())
}

/// The `prebooks` as the lists show them (see [`prebook_view`]); lists pick them by ship date
/// first, so a list costs what it shows rather than the whole table.
fn views(
    store: &Store,
    call: &Call<'_>,
    prebooks: Vec<&Record>,
    vendor: Option<i64>,
) -> Vec<Record> {
    let yesterday = call.today.pred_opt().unwrap_or(call.today).to_string();
    prebooks
        .into_iter()
        .filter_map(|prebook| prebook_view(store, prebook, vendor, &yesterday))
        .collect()
}

/// The customer filter matches the customer's name or code, by substring.
fn customer_matches(call: &Call<'_>, view: &Record) -> bool {
    call.text("customer").is_none_or(|wanted| {
        contains_text(text(view, "customerName"), wanted)
            || contains_text(text(view, "customerCode"), wanted)
    })
}

/// A prebook with its customer's and carrier's names and the lines the caller may see.
/// With `vendor`, customer details are left out and a prebook without lines of that vendor
/// is not shown at all. Fields only filtered on (salesPersonId) are dropped by the lists'
/// projection.
fn prebook_view(
    store: &Store,
    prebook: &Record,
    vendor: Option<i64>,
    yesterday: &str,
) -> Option<Record> {
    let ship_date = text(prebook, "shipDate").unwrap_or_default();
    let details: Vec<Value> = lines(store, "prebookItems", "prebookId", id_of(prebook))
        .filter(|line| match vendor {
            Some(vendor) => {
                int(line, "vendorId") == Some(vendor)
                    && line.contains_key("cost")
                    && ship_date >= yesterday
            }
            None => true,
        })
        .map(|line| Value::Object(line_view(store, line, vendor.is_none())))
        .collect();
    if vendor.is_some() && details.is_empty() {
        return None;
    }
    let mut view = record([
        ("id", Value::from(id_of(prebook))),
        ("type", Value::from("P")),
        ("truckDate", Value::from(ship_date)),
        ("unableToSource", Value::Bool(false)),
        ("isEcommerce", Value::from(0)),
        ("details", Value::Array(details)),
    ]);
    // Prebook numbers are text: "000123" keeps its zeros.
    if let Some(number) = text(prebook, "number") {
        view.insert("number".into(), Value::from(number));
    }
    copy_fields(
        prebook,
        &mut view,
        &["carrierId", "comments", "prebookStatus", "isEcommerce"],
    );
    rename_fields(
        prebook,
        &mut view,
        &[("customerPO", "customerPONumber"), ("shipViaId", "shipvia")],
    );
    if let Some(carrier) = int(prebook, "carrierId").and_then(|id| store.table("carriers").get(id))
    {
        rename_fields(carrier, &mut view, &[("name", "carrierName")]);
    }
    if vendor.is_none() {
        customer_fields(store, prebook, &mut view);
    }
    Some(view)
}

/// The customer's id, name, code and salesperson, for company tokens.
fn customer_fields(store: &Store, prebook: &Record, view: &mut Record) {
    copy_fields(prebook, view, &["customerId"]);
    if let Some(customer) =
        int(prebook, "customerId").and_then(|id| store.table("customers").get(id))
    {
        rename_fields(
            customer,
            view,
            &[
                ("name", "customerName"),
                ("code", "customerCode"),
                ("salesPersonId", "salesPersonId"),
            ],
        );
    }
}

/// A prebook line as prebook.details.list shows it; sales prices only `with_prices`.
fn line_view(store: &Store, line: &Record, with_prices: bool) -> Record {
    let mut view = Record::new();
    copy_fields(
        line,
        &mut view,
        &[
            "vendorId",
            "productId",
            "bunches",
            "stemsBunch",
            "unitType",
            "markCode",
        ],
    );
    rename_fields(
        line,
        &mut view,
        &[("boxes", "totalBoxes"), ("boxTypeCode", "boxType")],
    );
    if let Some(description) = describe(store, line) {
        view.insert("productDescription".into(), Value::from(description));
    }
    if !view.contains_key("boxType") {
        let box_type = int(line, "boxTypeId").and_then(|id| store.table("boxTypes").get(id));
        if let Some(box_type) = box_type {
            rename_fields(box_type, &mut view, &[("code", "boxType")]);
        }
    }
    if let Some(vendor) = int(line, "vendorId").and_then(|id| store.table("vendors").get(id)) {
        rename_fields(vendor, &mut view, &[("name", "vendorName")]);
    }
    if let Some(units) = units_per_box(line) {
        view.insert("units".into(), Value::from(units));
    }
    if let Some(units) = total_units(line) {
        view.insert("totalUnits".into(), Value::from(units));
    }
    if with_prices {
        rename_fields(line, &mut view, &[("price", "unitPrice")]);
        if let Some(total) = line_total(line) {
            view.insert("totalPrice".into(), total);
        }
    }
    if let Some(Value::Array(parts)) = line.get("breakdowns") {
        let parts = parts
            .iter()
            .filter_map(Value::as_object)
            .map(|part| {
                let mut out = Record::new();
                copy_fields(
                    part,
                    &mut out,
                    &["productId", "productDescription", "stemsBunch", "bunches"],
                );
                if with_prices {
                    copy_fields(part, &mut out, &["price"]);
                }
                Value::Object(out)
            })
            .collect();
        view.insert("breakdowns".into(), Value::Array(parts));
    }
    view
}
