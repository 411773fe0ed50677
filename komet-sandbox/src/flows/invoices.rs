//! Invoices (Komet's sales orders): created for a customer, given lines from inventory items
//! or from products, checked out, confirmed, voided and marked as synchronized with an
//! external system.
//!
//! Statuses follow Komet's: `draft` (Draft), `open` (Pending Approval), `confirmed`
//! (Confirmed) and `void` (Voided). An invoice marked as synchronized is locked against
//! every change until invoice.mark.sync.status.error unlocks it, as Komet's page says.
//! Lines taken from an inventory item take its boxes, and give them back when the line is
//! deleted or the invoice voided.

use komet_api::TokenKind;
use serde_json::Value;

use super::documents::{Header, add_line, extra_fields, lines, open_invoice};
use super::lookup::{
    BOX_TYPES, CARRIERS, CUSTOMERS, LOCATIONS, PRODUCTS, boxes, contains_text, copy_fields,
    counted, describe, find, flag, id_of, in_range, int, line_amount, money, range_refusal, text,
};
use super::{Call, Handler, Match, Reply, record};
use crate::store::{Record, Store};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "invoice.create" => invoice_create,
        "invoice.update" => invoice_update,
        "invoice.item.add" => item_add,
        "invoice.item.update" => item_update,
        "invoice.item.delete" => item_delete,
        "invoice.checkout" => invoice_checkout,
        "invoice.confirm" => invoice_confirm,
        "invoice.void" => invoice_void,
        "invoice.mark.sync.status.ok" => mark_sync_ok,
        "invoice.mark.sync.status.error" => mark_sync_error,
        "invoice.list" => invoice_list,
        "invoice.details.list" => invoice_details_list,
        "invoice.accounting.details.list" => accounting_details_list,
        _ => return None,
    })
}

/// Fields a line taken from an inventory item copies from it.
const STOCK_FIELDS: &[&str] = &[
    "productId",
    "productDescription",
    "productCode",
    "boxTypeId",
    "boxTypeCode",
    "unitType",
    "bunches",
    "stemsBunch",
    "unitsPerBox",
];

// ---------------------------------------------------------------------------------------
// Creating and changing invoices

/// Opens an invoice without lines (Komet's page was cut off before its lines, so lines
/// come through invoice.item.add). The answer's message names the new invoice's number,
/// since the response fields were not visible.
fn invoice_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let header = match invoice_header(call, store) {
        Ok(header) => header,
        Err(message) => return Reply::Refused(message),
    };
    let created = open_invoice(store, header, flag(call.get("statusDraft")));
    call.ok(
        &format!("Invoice {} was successfully created", created.number),
        Record::new(),
    )
}

/// The header of a new invoice: customer, carrier, ship-to (one of the customer's) and
/// location, all looked up.
fn invoice_header(call: &Call<'_>, store: &Store) -> Result<Header, String> {
    let customer = id_of(&find(
        store,
        &CUSTOMERS,
        call.id("customerId"),
        call.text("customerCode"),
    )?);
    let carrier = id_of(&find(
        store,
        &CARRIERS,
        call.id("carrierId"),
        call.text("carrierCode"),
    )?);
    if let Some(ship_to) = call.id("shipToId") {
        let belongs = store
            .table("shipTos")
            .get(ship_to)
            .is_some_and(|s| int(s, "customerId") == Some(customer));
        if !belongs {
            return Err(format!(
                "ship-to {ship_to} is not an address of customer {customer}"
            ));
        }
    }
    let mut extra = extra_fields([
        ("shipToId", call.get("shipToId")),
        ("poNumber", call.get("poNumber")),
        ("reference", call.get("reference")),
        ("warehouseInstructions", call.get("warehouseInstructions")),
        ("invoiceNotes", call.get("invoiceNotes")),
    ]);
    if call.id("locationId").is_some() || call.text("locationCode").is_some() {
        let location = find(
            store,
            &LOCATIONS,
            call.id("locationId"),
            call.text("locationCode"),
        )?;
        extra.insert("locationId".into(), Value::from(id_of(&location)));
    }
    Ok(Header {
        party_id: customer,
        carrier_id: Some(carrier),
        ship_date: call.text("shipDate").unwrap_or_default().to_owned(),
        extra,
    })
}

fn invoice_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("invoiceId").unwrap_or_default();
    let invoice = match changeable(store, id) {
        Ok(invoice) => invoice,
        Err(message) => return Reply::Refused(message),
    };
    let carrier = if call.id("carrierId").is_some() || call.text("carrierCode").is_some() {
        match find(
            store,
            &CARRIERS,
            call.id("carrierId"),
            call.text("carrierCode"),
        ) {
            Ok(carrier) => Some(id_of(&carrier)),
            Err(message) => return Reply::Refused(message),
        }
    } else {
        None
    };
    if let Some(mut row) = store.table_mut("invoices").get_mut(id) {
        copy_fields(
            call.request,
            &mut row,
            &[
                "shipDate",
                "poNumber",
                "reference",
                "warehouseInstructions",
                "invoiceNotes",
            ],
        );
        if let Some(carrier) = carrier {
            row.insert("carrierId".into(), Value::from(carrier));
        }
    }
    call.ok("Invoice was successfully updated", invoice_ids(&invoice))
}

/// `invoiceId` and `invoiceNumber` of an invoice, for answers that echo them.
fn invoice_ids(invoice: &Record) -> Record {
    let mut ids = record([("invoiceId", Value::from(id_of(invoice)))]);
    // Invoice numbers are text: "003429" keeps its zeros.
    if let Some(number) = text(invoice, "invoiceNumber") {
        ids.insert("invoiceNumber".into(), Value::from(number));
    }
    ids
}

/// The invoice `id`, which must still take changes.
fn changeable(store: &Store, id: i64) -> Result<Record, String> {
    let invoice = store
        .table("invoices")
        .get(id)
        .ok_or_else(|| format!("invoice {id} was not found"))?;
    check_changeable(invoice)?;
    Ok(invoice.clone())
}

/// Void invoices and invoices marked as synchronized take no changes.
fn check_changeable(invoice: &Record) -> Result<(), String> {
    let number = text(invoice, "invoiceNumber").unwrap_or_default();
    if text(invoice, "status") == Some("void") {
        return Err(format!("invoice {number} is void"));
    }
    if text(invoice, "syncStatus") == Some("ok") {
        return Err(format!(
            "invoice {number} is marked as synchronized; mark it with \
             invoice.mark.sync.status.error to change it"
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Lines

/// Adds a line taken from an inventory item (its boxes leave the item) or described by
/// product code, box type code, units per box and unit type. The message names the new
/// line's id, since the response fields were not visible.
fn item_add(call: &Call<'_>, store: &mut Store) -> Reply {
    let invoice_id = call.id("invoiceId").unwrap_or_default();
    let invoice = match changeable(store, invoice_id) {
        Ok(invoice) => invoice,
        Err(message) => return Reply::Refused(message),
    };
    let boxes = call.id("boxes").unwrap_or_default();
    if boxes < 1 {
        return Reply::Refused("boxes must be at least 1".to_owned());
    }
    let line = match call.id("orderItemId") {
        Some(item) => take_from_inventory(store, item, boxes),
        None => product_line(call, store),
    };
    let mut line = match line {
        Ok(line) => line,
        Err(message) => return Reply::Refused(message),
    };
    call.copy_into(
        &mut line,
        &[
            "invoiceId",
            "orderItemId",
            "productCode",
            "boxTypeCode",
            "returnAvailableBoxes",
            "locationId",
        ],
        &[],
    );
    let id = add_line(store, "invoiceItems", "invoiceId", invoice_id, line);
    let number = text(&invoice, "invoiceNumber").unwrap_or_default();
    call.ok(
        &format!("Item {id} was successfully added to invoice {number}"),
        Record::new(),
    )
}

/// A line described by product and box type codes, both looked up.
fn product_line(call: &Call<'_>, store: &Store) -> Result<Record, String> {
    let product = find(store, &PRODUCTS, None, call.text("productCode"))?;
    let box_type = find(store, &BOX_TYPES, None, call.text("boxTypeCode"))?;
    let mut line = record([
        ("productId", Value::from(id_of(&product))),
        ("boxTypeId", Value::from(id_of(&box_type))),
    ]);
    if let Some(description) = product.get("description") {
        line.insert("productDescription".into(), description.clone());
    }
    copy_fields(call.request, &mut line, &["productCode", "boxTypeCode"]);
    Ok(line)
}

/// A line for `boxes` boxes of an inventory item, taken from it; no more than it holds.
fn take_from_inventory(store: &mut Store, item: i64, boxes: i64) -> Result<Record, String> {
    let Some(mut stock) = store.table_mut("inventory").get_mut(item) else {
        return Err(format!("inventory item {item} was not found"));
    };
    let held = int(&stock, "quantity").unwrap_or_default();
    if boxes > held {
        return Err(format!("inventory item {item} holds only {held} boxes"));
    }
    stock.insert("quantity".into(), Value::from(held - boxes));
    let mut line = record([("orderItemId", Value::from(item))]);
    copy_fields(&stock, &mut line, STOCK_FIELDS);
    Ok(line)
}

/// Gives `boxes` back to the inventory item a line was taken from; the boxes it then
/// holds, if the line came from one.
fn give_back(store: &mut Store, line: &Record, boxes: i64) -> Option<i64> {
    let mut stock = store
        .table_mut("inventory")
        .get_mut(int(line, "orderItemId")?)?;
    let held = int(&stock, "quantity")
        .unwrap_or_default()
        .saturating_add(boxes);
    stock.insert("quantity".into(), Value::from(held));
    Some(held)
}

/// Changes a line. More boxes of an inventory line are taken from its item, fewer are
/// given back.
fn item_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let (invoice, line) = match invoice_line(call, store) {
        Ok(found) => found,
        Err(message) => return Reply::Refused(message),
    };
    let line_id = id_of(&line);
    let mut available = None;
    if let Some(new_boxes) = call.id("boxes") {
        match rebox(store, &line, new_boxes) {
            Ok(held) => available = held,
            Err(message) => return Reply::Refused(message),
        }
    }
    if let Some(mut row) = store.table_mut("invoiceItems").get_mut(line_id) {
        copy_fields(
            call.request,
            &mut row,
            &[
                "boxes",
                "price",
                "discount",
                "markCode",
                "productAlias",
                "notes",
            ],
        );
    }
    let mut fields = invoice_ids(&invoice);
    fields.insert("invoiceItemId".into(), Value::from(line_id));
    if flag(call.get("returnAvailableBoxes")) {
        let held = available.or_else(|| stock_of(store, &line));
        if let Some(held) = held {
            fields.insert("availableBoxes".into(), Value::from(held));
        }
    }
    call.ok("Item was successfully updated", fields)
}

/// Moves the difference between a line's boxes and `new_boxes` between the line and its
/// inventory item; the boxes the item then holds, if the line came from one.
fn rebox(store: &mut Store, line: &Record, new_boxes: i64) -> Result<Option<i64>, String> {
    if new_boxes < 1 {
        return Err("boxes must be at least 1".to_owned());
    }
    let more = new_boxes.saturating_sub(boxes(line).unwrap_or_default());
    let Some(held) = stock_of(store, line) else {
        return Ok(None);
    };
    if more > held {
        return Err(format!(
            "inventory item {} holds only {held} more boxes",
            int(line, "orderItemId").unwrap_or_default()
        ));
    }
    Ok(give_back(store, line, more.saturating_neg()))
}

/// Boxes held by the inventory item a line came from.
fn stock_of(store: &Store, line: &Record) -> Option<i64> {
    let stock = store.table("inventory").get(int(line, "orderItemId")?)?;
    Some(int(stock, "quantity").unwrap_or_default())
}

/// Removes a line, giving its boxes back to its inventory item.
fn item_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let (invoice, line) = match invoice_line(call, store) {
        Ok(found) => found,
        Err(message) => return Reply::Refused(message),
    };
    store.table_mut("invoiceItems").remove(id_of(&line));
    let held = give_back(store, &line, boxes(&line).unwrap_or_default());
    let mut fields = invoice_ids(&invoice);
    if let Some(held) = held.filter(|_| flag(call.get("returnAvailableBoxes"))) {
        fields.insert("availableBoxes".into(), Value::from(held));
    }
    call.ok("Item was successfully deleted", fields)
}

/// The changeable invoice `invoiceId` and its line `invoiceItemId`.
fn invoice_line(call: &Call<'_>, store: &Store) -> Result<(Record, Record), String> {
    let invoice_id = call.id("invoiceId").unwrap_or_default();
    let item_id = call.id("invoiceItemId").unwrap_or_default();
    let invoice = changeable(store, invoice_id)?;
    let line = store
        .table("invoiceItems")
        .get(item_id)
        .filter(|line| int(line, "invoiceId") == Some(invoice_id))
        .ok_or_else(|| format!("invoice item {item_id} was not found on invoice {invoice_id}"))?;
    Ok((invoice, line.clone()))
}

// ---------------------------------------------------------------------------------------
// Status changes

/// Draft to Pending Approval; nothing else can be checked out.
fn invoice_checkout(call: &Call<'_>, store: &mut Store) -> Reply {
    match change_status(call, store, &["draft"], "open") {
        Ok(_) => call.ok("Invoice was successfully checked out", Record::new()),
        Err(message) => Reply::Refused(message),
    }
}

/// Draft or Pending Approval to Confirmed.
fn invoice_confirm(call: &Call<'_>, store: &mut Store) -> Reply {
    match change_status(call, store, &["draft", "open"], "confirmed") {
        Ok(_) => call.ok("Invoice was successfully confirmed", Record::new()),
        Err(message) => Reply::Refused(message),
    }
}

/// Voids an invoice, keeping the reason, and gives its inventory lines' boxes back; a void
/// invoice cannot be voided again.
fn invoice_void(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = match change_status(call, store, &["draft", "open", "confirmed"], "void") {
        Ok(id) => id,
        Err(message) => return Reply::Refused(message),
    };
    give_back_all(store, id);
    if let (Some(mut invoice), Some(reason)) =
        (store.table_mut("invoices").get_mut(id), call.get("reason"))
    {
        invoice.insert("voidReason".into(), reason.clone());
    }
    call.ok("Invoice was successfully voided", Record::new())
}

fn give_back_all(store: &mut Store, invoice_id: i64) {
    let taken: Vec<Record> = lines(store, "invoiceItems", "invoiceId", invoice_id)
        .cloned()
        .collect();
    for line in taken {
        give_back(store, &line, boxes(&line).unwrap_or_default());
    }
}

/// Moves the invoice `invoiceNumber` names from one of the statuses `from` to `to`;
/// returns its id.
fn change_status(
    call: &Call<'_>,
    store: &mut Store,
    from: &[&str],
    to: &str,
) -> Result<i64, String> {
    let number = call.id("invoiceNumber").unwrap_or_default();
    let mut invoice = by_number(store, number)
        .and_then(|id| store.table_mut("invoices").get_mut(id))
        .ok_or_else(|| format!("invoice {number} was not found"))?;
    check_changeable(&invoice)?;
    let status = text(&invoice, "status").unwrap_or_default();
    if !from.contains(&status) {
        let wanted: Vec<&str> = from.iter().map(|s| status_name(s)).collect();
        return Err(format!(
            "invoice {} is {}, not {}",
            text(&invoice, "invoiceNumber").unwrap_or_default(),
            status_name(status),
            wanted.join(" or ")
        ));
    }
    invoice.insert("status".into(), Value::from(to));
    Ok(id_of(&invoice))
}

/// The id of the invoice with this number (numbers are compared as numbers: `003429` is
/// 3429).
fn by_number(store: &Store, number: i64) -> Option<i64> {
    store
        .table("invoices")
        .rows_by("invoiceNumber", &Value::from(number))
        .into_iter()
        .find(|row| int(row, "invoiceNumber") == Some(number))
        .map(id_of)
}

/// Komet's name of a status.
fn status_name(status: &str) -> &str {
    match status {
        "draft" => "Draft",
        "open" => "Pending Approval",
        "confirmed" => "Confirmed",
        "void" => "Voided",
        other => other,
    }
}

/// Komet's number of a status, as the list filters take it.
fn status_code(status: &str) -> Option<i64> {
    match status {
        "open" => Some(0),
        "confirmed" => Some(1),
        "draft" => Some(2),
        "void" => Some(4),
        _ => None,
    }
}

// ---------------------------------------------------------------------------------------
// Sync marks

/// Marks an invoice as synchronized, which locks it. `invoiceNumber`, when sent, must be
/// the invoice's.
fn mark_sync_ok(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("invoiceId").unwrap_or_default();
    let Some(mut invoice) = store.table_mut("invoices").get_mut(id) else {
        return Reply::Refused(format!("invoice {id} was not found"));
    };
    if let Some(number) = call.id("invoiceNumber") {
        if int(&invoice, "invoiceNumber") != Some(number) {
            return Reply::Refused(format!("invoice {id} does not have number {number}"));
        }
    }
    invoice.insert("syncStatus".into(), Value::from("ok"));
    invoice.remove("syncMessage");
    call.ok(
        "Invoice was successfully marked as synchronized",
        Record::new(),
    )
}

/// Marks an invoice as not synchronized, which unlocks it; with `unconfirm` (the default)
/// a confirmed invoice goes back to Pending Approval.
fn mark_sync_error(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("invoiceId").unwrap_or_default();
    let unconfirm = call.get("unconfirm").is_none_or(|v| flag(Some(v)));
    let Some(mut invoice) = store.table_mut("invoices").get_mut(id) else {
        return Reply::Refused(format!("invoice {id} was not found"));
    };
    invoice.insert("syncStatus".into(), Value::from("error"));
    if let Some(reason) = call.get("message") {
        invoice.insert("syncMessage".into(), reason.clone());
    }
    if unconfirm && text(&invoice, "status") == Some("confirmed") {
        invoice.insert("status".into(), Value::from("open"));
    }
    call.ok(
        "Invoice was successfully marked as not synchronized",
        Record::new(),
    )
}

// ---------------------------------------------------------------------------------------
// Lists

/// Komet's page shows no response fields, so the answer says how many invoices match.
/// With `order` or `orderId` the date range is ignored, as Komet says. updatedAsOf is not
/// applied (the sandbox keeps no change times) and the sandbox has no transfer orders.
fn invoice_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let (from, to) = (call.text("orderDateFrom"), call.text("orderDateTo"));
    if let Some(refusal) = range_refusal(from, to, 6, 0) {
        return Reply::Refused(refusal);
    }
    let by_order = call.get("order").is_some() || call.get("orderId").is_some();
    let invoices = store.table("invoices");
    let candidates = match by_order {
        true => invoices.rows().collect(),
        false => invoices.rows_between("shipDate", from, to),
    };
    let count = views(store, call, candidates)
        .iter()
        .filter(|view| by_order || in_range(text(view, "shipDate"), from, to))
        .filter(|view| {
            call.get("isEcommerce").is_none_or(|wanted| {
                flag(view.get("isEcommerce")) == (wanted == &Value::Bool(true))
            })
        })
        .count();
    call.ok(
        &format!("{} found", counted(count, "invoice")),
        Record::new(),
    )
}

/// Komet's page shows no response fields, so the answer says how many invoices and lines
/// match.
fn invoice_details_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let (from, to) = (call.text("orderDateFrom"), call.text("orderDateTo"));
    if let Some(refusal) = range_refusal(from, to, 0, 4) {
        return Reply::Refused(refusal);
    }
    let shipping = store.table("invoices").rows_between("shipDate", from, to);
    let found: Vec<Record> = views(store, call, shipping)
        .into_iter()
        .filter(|view| {
            in_range(
                text(view, "shipDate"),
                call.text("orderDate"),
                call.text("orderDate"),
            ) && in_range(text(view, "shipDate"), from, to)
        })
        .collect();
    let line_count: usize = found
        .iter()
        .map(|view| lines(store, "invoiceItems", "invoiceId", id_of(view)).count())
        .sum();
    call.ok(
        &format!(
            "{} with {} found",
            counted(found.len(), "invoice"),
            counted(line_count, "line")
        ),
        Record::new(),
    )
}

/// Invoice headers with their subtotals. The status filter knows only Pending Approval
/// and Confirmed, so void invoices, which owe nothing, are left out.
fn accounting_details_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let (from, to) = (call.text("orderDateFrom"), call.text("orderDateTo"));
    if let Some(refusal) = range_refusal(from, to, 0, 31) {
        return Reply::Refused(refusal);
    }
    let shipping = store.table("invoices").rows_between("shipDate", from, to);
    let rows: Vec<Record> = views(store, call, shipping)
        .into_iter()
        .filter(|view| {
            in_range(text(view, "shipDate"), from, to)
                && text(view, "status") != Some("void")
                && call.text("locationIds").is_none_or(|ids| {
                    let location = int(view, "locationId");
                    ids.split(',')
                        .any(|id| id.trim().parse::<i64>().ok() == location)
                })
                && call.get("externalSystemSynced").is_none_or(|synced| {
                    flag(Some(synced)) == (text(view, "syncStatus") == Some("ok"))
                })
        })
        .collect();
    call.list("invoices", &rows)
}

/// The `invoices` the caller may see (a customer token only its own) that pass the filters
/// the lists share, as the lists show them. Lists pick invoices by ship date first, so they
/// cost what they show rather than the whole table.
fn views(store: &Store, call: &Call<'_>, invoices: Vec<&Record>) -> Vec<Record> {
    let own = match call.caller.kind {
        TokenKind::Customer => Some(call.caller.party_id.unwrap_or_default()),
        _ => None,
    };
    invoices
        .into_iter()
        .filter(|invoice| own.is_none_or(|customer| int(invoice, "customerId") == Some(customer)))
        .map(|invoice| invoice_view(store, invoice))
        .filter(|view| shared_filters(call, store, view))
        .collect()
}

/// An invoice with its customer's and carrier's names, its status code and its subtotal.
fn invoice_view(store: &Store, invoice: &Record) -> Record {
    let mut view = record([("id", Value::from(id_of(invoice)))]);
    copy_fields(
        invoice,
        &mut view,
        &[
            "shipDate",
            "customerId",
            "carrierId",
            "locationId",
            "status",
            "syncStatus",
            "isEcommerce",
        ],
    );
    if let Some(number) = text(invoice, "invoiceNumber") {
        view.insert("number".into(), Value::from(number));
    }
    if let Some(code) = text(invoice, "status").and_then(status_code) {
        view.insert("statusCode".into(), Value::from(code));
    }
    if let Some(customer) =
        int(invoice, "customerId").and_then(|id| store.table("customers").get(id))
    {
        for (from, to) in [("name", "customerName"), ("code", "customerCode")] {
            if let Some(value) = customer.get(from) {
                view.insert(to.into(), value.clone());
            }
        }
    }
    if let Some(name) = int(invoice, "carrierId")
        .and_then(|id| store.table("carriers").get(id))
        .and_then(|carrier| carrier.get("name"))
    {
        view.insert("carrierName".into(), name.clone());
    }
    let subtotal = lines(store, "invoiceItems", "invoiceId", id_of(invoice))
        .filter_map(line_amount)
        .try_fold(rust_decimal::Decimal::ZERO, |sum, amount| {
            sum.checked_add(amount)
        });
    if let Some(subtotal) = subtotal {
        view.insert("subtotal".into(), money(subtotal));
    }
    view
}

/// Filters every invoice list takes: status, order number and id, customer, carrier,
/// product and location.
fn shared_filters(call: &Call<'_>, store: &Store, view: &Record) -> bool {
    let filters = [
        ("status", "statusCode", Match::Exact),
        ("order", "number", Match::Exact),
        ("orderId", "id", Match::Exact),
        ("customerId", "customerId", Match::Exact),
        ("carrierId", "carrierId", Match::Exact),
        ("locationId", "locationId", Match::Exact),
        ("carrierName", "carrierName", Match::Contains),
    ];
    call.passes(view, &filters)
        && call.text("customer").is_none_or(|wanted| {
            contains_text(text(view, "customerName"), wanted)
                || contains_text(text(view, "customerCode"), wanted)
        })
        && call.text("product").is_none_or(|wanted| {
            lines(store, "invoiceItems", "invoiceId", id_of(view))
                .any(|line| contains_text(describe(store, line), wanted))
        })
}
