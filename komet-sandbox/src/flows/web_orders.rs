//! Web orders, a customer's storefront cart, and the storefront's inventory.
//!
//! `web-order-item.add` puts boxes into the customer's pending web order: on-hand lines (OH)
//! are taken off the inventory and written on the web order's invoice, future-sales lines (FS)
//! go on a prebook shared by every web order of the same customer, carrier and date.
//! `web-order.checkout` confirms the order and its invoice; `web-order.delete` cancels it and
//! gives the boxes back.
//!
//! - `webOrders`: `id`, `number`, `customerId`, `statusId` (1 pending, 2 checked out),
//!   `companyLocationId`; from its first line `carrierId`, `date` and `shipToId`; `invoiceId`
//!   once an on-hand line made its invoice; `customerPo` after checkout.
//! - `webOrderItems`: the request's fields with `webOrderId`, `boxes` (boxes added), `amount`
//!   (price x units x boxes) and the document lines made: `invoiceId` with `invoiceItemIds`, or
//!   `prebookId` with `prebookItemIds`.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use komet_api::TokenKind;
use rust_decimal::Decimal;
use serde_json::Value;

use super::documents::{Created, Header, add_line, lines, open_invoice, open_prebook};
use super::inventory::{
    available, boxes, check_location, count, find_by, future_available, future_lines,
    future_ship_date, is_future, parse_date, purchase_order, same_opt, storefront_window,
    unit_type, units_per_box, visible_to,
};
use super::lookup::{decimal, id_of, int, money};
use super::{Call, Handler, Reply, is_active, not_found, record};
use crate::shape::project;
use crate::store::{Record, Store};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "web-order.create" => web_order_create,
        "web-order-item.add" => web_order_item_add,
        "web-order-item.delete" => web_order_item_delete,
        "web-order.checkout" => web_order_checkout,
        "web-order.delete" => web_order_delete,
        "web-order-details.list" => web_order_details_list,
        "ecommerce/inventory.list" => ecommerce_inventory_list,
        "ecommerce/inventory.get" => ecommerce_inventory_get,
        "ecommerce/inventory-available-dates.list" => available_dates_list,
        "ecommerce/customer-carriers.list" => customer_carriers_list,
        "ecommerce-lite/settings" => lite_settings,
        _ => return None,
    })
}

/// `statusId` of a web order still open.
const PENDING: i64 = 1;
/// `statusId` of a checked-out web order.
const CHECKED_OUT: i64 = 2;
/// `inventoryOrigin` of on-hand stock.
const ON_HAND: i64 = 1;
/// `inventoryOrigin` of future sales.
const FUTURE: i64 = 2;

// ------------------------------------------------------------------------- web orders

fn web_order_create(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    let checks = check_customer(call, store, customer)
        .and_then(|()| check_company(call))
        .and_then(|()| check_location(call, store, "companyLocationId"));
    if let Err(refusal) = checks {
        return refusal;
    }
    let id = open_order(store, customer, call.get("companyLocationId"));
    call.ok(
        "Web order created",
        record([("webOrderId", Value::from(id))]),
    )
}

/// Stores a new pending web order; returns its id.
fn open_order(store: &mut Store, customer: i64, location: Option<&Value>) -> i64 {
    let mut order = record([
        ("customerId", Value::from(customer)),
        ("statusId", Value::from(PENDING)),
    ]);
    if let Some(location) = location {
        order.insert("companyLocationId".to_owned(), location.clone());
    }
    let table = store.table_mut("webOrders");
    let id = table.insert(order);
    if let Some(mut row) = table.get_mut(id) {
        row.insert("number".to_owned(), Value::from(id % 1_000_000));
    }
    id
}

fn web_order_item_add(call: &Call<'_>, store: &mut Store) -> Reply {
    match add_item(call, store) {
        Ok(reply) | Err(reply) => reply,
    }
}

/// Where the boxes of a web order line come from.
enum Goods {
    /// On-hand inventory lines, with their boxes.
    OnHand(Vec<Stock>),
    /// Future purchase order lines, with their unsold boxes.
    Future(Vec<Stock>),
    /// A product named for future sales: bought later, so there is no stock to check.
    Product(Record),
}

/// Boxes one source line gives (or has).
#[derive(Debug, Clone, Copy)]
struct Stock {
    id: i64,
    boxes: i64,
}

/// A document the line was written on, the lines made and what they are worth.
struct Written {
    document: Created,
    lines: Vec<i64>,
    amount: Decimal,
}

/// Every check first, then the writes, so a refusal leaves the store as it was.
fn add_item(call: &Call<'_>, store: &mut Store) -> Result<Reply, Reply> {
    let customer = call.id("customerId").unwrap_or_default();
    check_customer(call, store, customer)?;
    check_delivery(call, store, customer)?;
    let quantity = call.id("quantity").unwrap_or_default();
    if quantity < 1 {
        return Err(Reply::Refused("quantity must be at least 1 box".to_owned()));
    }
    let target = target_order(call, store, customer)?;
    let goods = goods(call, store, customer)?;
    let added = boxes_to_add(call, &goods, quantity)?;

    let order =
        target.unwrap_or_else(|| open_order(store, customer, call.get("companyLocationId")));
    adopt_delivery(call, store, order);
    let origin = match goods {
        Goods::OnHand(_) => ON_HAND,
        Goods::Future(_) | Goods::Product(_) => FUTURE,
    };
    let written = match goods {
        Goods::OnHand(stock) => sell_on_hand(call, store, order, &draw(&stock, added)),
        Goods::Future(stock) => book_future(call, store, customer, &draw(&stock, added)),
        Goods::Product(line) => book_product(call, store, customer, line, added),
    };
    record_item(call, store, order, origin, added, &written);
    Ok(call.ok(
        "Item added to the web order",
        item_answer(call, order, origin, added, &written),
    ))
}

/// Refuses an unknown carrier, a ship-to of another customer and an unknown location.
fn check_delivery(call: &Call<'_>, store: &Store, customer: i64) -> Result<(), Reply> {
    let carrier = call.id("carrierId").unwrap_or_default();
    if store.table("carriers").get(carrier).is_none() {
        return Err(not_found("carrier", carrier));
    }
    if let Some(ship_to) = call.id("shipToId") {
        let owned = store
            .table("shipTos")
            .get(ship_to)
            .is_some_and(|row| int(row, "customerId") == Some(customer));
        if !owned {
            return Err(Reply::Refused(format!(
                "ship-to {ship_to} of customer {customer} was not found"
            )));
        }
    }
    check_location(call, store, "companyLocationId")
}

/// The web order the line goes to: the one named, else a pending one with the same details;
/// `None` when a new one is needed.
fn target_order(call: &Call<'_>, store: &Store, customer: i64) -> Result<Option<i64>, Reply> {
    if let Some(id) = call.id("webOrderId") {
        let order = own_order(store, customer, id)?;
        if status_of(order) != PENDING {
            return Err(Reply::Refused(format!(
                "web order {id} is checked out; items go to pending web orders only"
            )));
        }
        return Ok(Some(id));
    }
    let pending: Vec<&Record> = store
        .table("webOrders")
        .rows_by("customerId", &Value::from(customer))
        .into_iter()
        .filter(|order| {
            int(order, "customerId") == Some(customer)
                && status_of(order) == PENDING
                && same_opt(
                    order.get("companyLocationId"),
                    call.get("companyLocationId"),
                )
        })
        .collect();
    let identical = |order: &&&Record| {
        ["carrierId", "date", "shipToId"]
            .iter()
            .all(|field| same_opt(order.get(*field), call.get(field)))
    };
    // An order made by web-order.create has no delivery details yet: it takes this line's.
    let blank = |order: &&&Record| !order.contains_key("carrierId");
    Ok(pending
        .iter()
        .find(identical)
        .or_else(|| pending.iter().find(blank))
        .map(|order| id_of(order)))
}

/// Gives a web order without delivery details those of its first line.
fn adopt_delivery(call: &Call<'_>, store: &mut Store, order: i64) {
    let Some(mut row) = store.table_mut("webOrders").get_mut(order) else {
        return;
    };
    if row.contains_key("carrierId") {
        return;
    }
    for field in ["carrierId", "date", "shipToId"] {
        if let Some(value) = call.get(field) {
            row.insert(field.to_owned(), value.clone());
        }
    }
}

/// What the request sells: inventory lines by id, or a product with its box type.
fn goods(call: &Call<'_>, store: &Store, customer: i64) -> Result<Goods, Reply> {
    let origin = call.id("inventoryOrigin").unwrap_or(ON_HAND);
    let ids = match call.text("inventoryIds") {
        Some(text) => Some(parse_ids("inventoryIds", text)?),
        None => None,
    };
    match (ids, origin) {
        (Some(ids), ON_HAND) => on_hand_stock(store, &ids, customer).map(Goods::OnHand),
        (Some(ids), FUTURE) => future_stock(store, &ids).map(Goods::Future),
        (None, ON_HAND) => on_hand_by_product(call, store, customer).map(Goods::OnHand),
        (None, FUTURE) => product_line(call, store).map(Goods::Product),
        (_, other) => Err(Reply::Refused(format!(
            "inventoryOrigin {other} is neither 1 (on hand) nor 2 (future sales)"
        ))),
    }
}

/// The inventory lines named, with their boxes; refused when unknown or kept for another
/// customer.
fn on_hand_stock(store: &Store, ids: &[i64], customer: i64) -> Result<Vec<Stock>, Reply> {
    ids.iter()
        .map(|&id| {
            let line = store
                .table("inventory")
                .get(id)
                .ok_or_else(|| not_found("inventory line", id))?;
            if !visible_to(line, Some(customer)) {
                return Err(Reply::Refused(format!(
                    "inventory line {id} is kept for another customer"
                )));
            }
            Ok(Stock {
                id,
                boxes: boxes(line),
            })
        })
        .collect()
}

/// The future purchase order lines named, with their unsold boxes; refused when unknown or
/// not future inventory.
fn future_stock(store: &Store, ids: &[i64]) -> Result<Vec<Stock>, Reply> {
    ids.iter()
        .map(|&id| {
            let item = store
                .table("purchaseOrderItems")
                .get(id)
                .ok_or_else(|| not_found("future inventory line (purchase order item)", id))?;
            if !is_future(store, item) {
                return Err(Reply::Refused(format!(
                    "purchase order item {id} is not future inventory: it was bought for a \
                     prebook or its purchase order was cancelled"
                )));
            }
            Ok(Stock {
                id,
                boxes: future_available(store, item),
            })
        })
        .collect()
}

/// On-hand lines of the named product, box type and packing that the customer may buy.
fn on_hand_by_product(call: &Call<'_>, store: &Store, customer: i64) -> Result<Vec<Stock>, Reply> {
    let wanted = product_line(call, store)?;
    let matches = |line: &&Record| {
        ["productId", "boxTypeId", "unitType"]
            .iter()
            .all(|field| same_opt(line.get(*field), wanted.get(*field)))
            && units_per_box(line) == count(&wanted, "unitsPerBox")
            && visible_to(line, Some(customer))
    };
    let stock: Vec<Stock> = available(store)
        .filter(matches)
        .map(|line| Stock {
            id: id_of(line),
            boxes: boxes(line),
        })
        .collect();
    if stock.is_empty() {
        return Err(Reply::Refused(format!(
            "no inventory of product {} in box type {} with {} {} units per box is available",
            count(&wanted, "productId"),
            count(&wanted, "boxTypeId"),
            count(&wanted, "unitsPerBox"),
            wanted.get("unitType").and_then(Value::as_str).unwrap_or("")
        )));
    }
    Ok(stock)
}

/// The line a request naming a product describes: product, box type, packing and unit.
fn product_line(call: &Call<'_>, store: &Store) -> Result<Record, Reply> {
    let product = find_by(
        call,
        store,
        "products",
        "product",
        "companyProductId",
        &[("productCode", "legacyCode")],
    )?;
    let box_type = named_box_type(call, store)?;
    let unit = call.text("unitType").and_then(unit_type).unwrap_or("Bunch");
    let per_box = call.id("unitsPerBox").unwrap_or_default();
    if per_box < 1 {
        return Err(Reply::Refused("unitsPerBox must be at least 1".to_owned()));
    }
    Ok(record([
        ("productId", Value::from(id_of(&product))),
        ("boxTypeId", Value::from(id_of(&box_type))),
        ("unitType", Value::from(unit)),
        ("unitsPerBox", Value::from(per_box)),
    ]))
}

/// The box type by code or by Komet Network code (a field box types from fixtures may carry).
fn named_box_type(call: &Call<'_>, store: &Store) -> Result<Record, Reply> {
    if let Some(network) = call.id("kometNetworkBoxTypeCode") {
        return store
            .table("boxTypes")
            .find("kometNetworkBoxTypeCode", &Value::from(network))
            .cloned()
            .ok_or_else(|| not_found("box type with Komet Network code", network));
    }
    find_by(
        call,
        store,
        "boxTypes",
        "box type",
        "boxTypeId",
        &[("boxTypeCode", "code")],
    )
}

/// Ids from a comma-separated list, each once, in order.
fn parse_ids(field: &str, text: &str) -> Result<Vec<i64>, Reply> {
    let bad = || {
        Reply::Refused(format!(
            "{field} {text:?} is not a comma-separated list of ids"
        ))
    };
    let mut seen = BTreeSet::new();
    let mut ids = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let id: i64 = part.parse().map_err(|_| bad())?;
        if seen.insert(id) {
            ids.push(id);
        }
    }
    if ids.is_empty() {
        return Err(bad());
    }
    Ok(ids)
}

/// The boxes to add: all asked for, or what is left when `addAvailableQuantity` says so.
fn boxes_to_add(call: &Call<'_>, goods: &Goods, quantity: i64) -> Result<i64, Reply> {
    let stock = match goods {
        Goods::OnHand(stock) | Goods::Future(stock) => stock,
        Goods::Product(_) => return Ok(quantity),
    };
    let left = stock
        .iter()
        .map(|s| s.boxes.max(0))
        .fold(0, i64::saturating_add);
    let ids = stock
        .iter()
        .map(|s| s.id.to_string())
        .collect::<Vec<_>>()
        .join(",");
    if left == 0 {
        return Err(Reply::Refused(format!(
            "no boxes are left in inventory line(s) {ids}"
        )));
    }
    if quantity <= left {
        return Ok(quantity);
    }
    if call.get("addAvailableQuantity") == Some(&Value::Bool(true)) {
        return Ok(left);
    }
    Err(Reply::Refused(format!(
        "only {left} boxes are available in inventory line(s) {ids}, {quantity} were asked; \
         send addAvailableQuantity to take what is available"
    )))
}

/// `boxes` taken from the stock lines in order.
fn draw(stock: &[Stock], boxes: i64) -> Vec<Stock> {
    let mut wanted = boxes;
    let mut taken = Vec::new();
    for line in stock {
        let take = line.boxes.max(0).min(wanted);
        if take > 0 {
            taken.push(Stock {
                id: line.id,
                boxes: take,
            });
            wanted -= take;
        }
    }
    taken
}

/// Takes the boxes off the inventory and writes them on the web order's invoice.
fn sell_on_hand(call: &Call<'_>, store: &mut Store, order: i64, taken: &[Stock]) -> Written {
    let invoice = order_invoice(store, order);
    let price = decimal(call.get("price")).unwrap_or_default();
    let mut written = Written {
        document: invoice.clone(),
        lines: Vec::new(),
        amount: Decimal::ZERO,
    };
    for take in taken {
        let line = {
            let Some(mut line) = store.table_mut("inventory").get_mut(take.id) else {
                continue;
            };
            let left = boxes(&line) - take.boxes;
            line.insert("quantity".to_owned(), Value::from(left));
            line.clone()
        };
        let per_box = units_per_box(&line);
        written.amount = written
            .amount
            .saturating_add(worth(price, per_box, take.boxes));
        let mut item = copy_fields(
            &line,
            &[
                "productId",
                "boxTypeId",
                "unitType",
                "bunches",
                "stemsBunch",
            ],
        );
        item.extend(record([
            ("orderItemId", Value::from(take.id)),
            ("boxes", Value::from(take.boxes)),
            ("unitsPerBox", Value::from(per_box)),
            ("webOrderId", Value::from(order)),
        ]));
        copy_request(call, &mut item, &["price", "markCode"]);
        written.lines.push(add_line(
            store,
            "invoiceItems",
            "invoiceId",
            invoice.id,
            item,
        ));
    }
    written
}

/// The web order's invoice, opened (as a draft until checkout) for its first on-hand line:
/// Komet makes one invoice per web order.
fn order_invoice(store: &mut Store, order: i64) -> Created {
    let row = store
        .table("webOrders")
        .get(order)
        .cloned()
        .unwrap_or_default();
    let current = int(&row, "invoiceId").and_then(|id| {
        let invoice = store.table("invoices").get(id)?;
        let void = invoice.get("status").and_then(Value::as_str) == Some("void");
        let number = invoice.get("invoiceNumber").and_then(Value::as_str)?;
        (!void).then(|| Created {
            id,
            number: number.to_owned(),
        })
    });
    if let Some(invoice) = current {
        return invoice;
    }
    let mut extra = copy_fields(&row, &["shipToId"]);
    extra.insert("isEcommerce".to_owned(), Value::Bool(true));
    extra.insert("webOrderId".to_owned(), Value::from(order));
    if let Some(location) = row.get("companyLocationId") {
        extra.insert("locationId".to_owned(), location.clone());
    }
    let header = Header {
        party_id: count(&row, "customerId"),
        carrier_id: int(&row, "carrierId"),
        ship_date: text_field(&row, "date"),
        extra,
    };
    let invoice = open_invoice(store, header, true);
    if let Some(mut row) = store.table_mut("webOrders").get_mut(order) {
        row.insert("invoiceId".to_owned(), Value::from(invoice.id));
    }
    invoice
}

/// Books future purchase order lines on the customer's e-commerce prebook.
fn book_future(call: &Call<'_>, store: &mut Store, customer: i64, taken: &[Stock]) -> Written {
    let prebook = ecommerce_prebook(call, store, customer);
    let price = decimal(call.get("price")).unwrap_or_default();
    let mut written = Written {
        document: prebook.clone(),
        lines: Vec::new(),
        amount: Decimal::ZERO,
    };
    for take in taken {
        let Some(item) = store.table("purchaseOrderItems").get(take.id).cloned() else {
            continue;
        };
        let per_box = units_per_box(&item);
        written.amount = written
            .amount
            .saturating_add(worth(price, per_box, take.boxes));
        let mut line = copy_fields(
            &item,
            &[
                "productId",
                "boxTypeId",
                "boxTypeCode",
                "unitType",
                "bunches",
                "stemsBunch",
            ],
        );
        line.extend(record([
            ("itemType", Value::from("BOX")),
            ("boxes", Value::from(take.boxes)),
            ("purchaseOrderItemId", Value::from(take.id)),
        ]));
        if let Some(po) = purchase_order(store, &item).and_then(|po| po.get("number")) {
            line.insert("futureSalesPoNumber".to_owned(), po.clone());
        }
        copy_request(call, &mut line, &["price", "markCode"]);
        written.lines.push(add_line(
            store,
            "prebookItems",
            "prebookId",
            prebook.id,
            line,
        ));
    }
    written
}

/// Books a named product on the customer's e-commerce prebook.
fn book_product(
    call: &Call<'_>,
    store: &mut Store,
    customer: i64,
    mut line: Record,
    boxes: i64,
) -> Written {
    let prebook = ecommerce_prebook(call, store, customer);
    let price = decimal(call.get("price")).unwrap_or_default();
    let amount = worth(price, count(&line, "unitsPerBox"), boxes);
    line.extend(record([
        ("itemType", Value::from("BOX")),
        ("boxes", Value::from(boxes)),
    ]));
    copy_request(call, &mut line, &["price", "markCode"]);
    let id = add_line(store, "prebookItems", "prebookId", prebook.id, line);
    Written {
        document: prebook,
        lines: vec![id],
        amount,
    }
}

/// The open e-commerce prebook of the customer, carrier and date, opened when there is none:
/// Komet puts every future-sales line of those into one prebook, whatever the web order.
fn ecommerce_prebook(call: &Call<'_>, store: &mut Store, customer: i64) -> Created {
    let prebooks = store.table("prebooks");
    let candidates = match call.get("date") {
        Some(date) => prebooks.rows_by("shipDate", date),
        None => prebooks.rows().collect(),
    };
    let found = candidates.into_iter().find(|prebook| {
        int(prebook, "customerId") == Some(customer)
            && same_opt(prebook.get("carrierId"), call.get("carrierId"))
            && same_opt(prebook.get("shipDate"), call.get("date"))
            && prebook.get("status").and_then(Value::as_str) == Some("open")
            && count(prebook, "isEcommerce") == 1
    });
    if let Some(prebook) = found {
        return Created {
            id: id_of(prebook),
            number: text_field(prebook, "number"),
        };
    }
    let mut extra = record([("isEcommerce", Value::from(1))]);
    copy_request(call, &mut extra, &["shipToId"]);
    let header = Header {
        party_id: customer,
        carrier_id: call.id("carrierId"),
        ship_date: call.text("date").unwrap_or_default().to_owned(),
        extra,
    };
    open_prebook(store, header)
}

/// Stores the web order line with the document lines it made.
fn record_item(
    call: &Call<'_>,
    store: &mut Store,
    order: i64,
    origin: i64,
    boxes: i64,
    written: &Written,
) {
    let mut item = Record::new();
    call.copy_into(
        &mut item,
        &[
            "customerId",
            "webOrderId",
            "quantity",
            "addAvailableQuantity",
            "inventoryOrigin",
        ],
        &[],
    );
    let line_ids = Value::from(written.lines.clone());
    let (document, lines) = match origin {
        ON_HAND => ("invoiceId", "invoiceItemIds"),
        _ => ("prebookId", "prebookItemIds"),
    };
    item.extend(record([
        ("webOrderId", Value::from(order)),
        ("inventoryOrigin", Value::from(origin)),
        ("boxes", Value::from(boxes)),
        ("amount", money(written.amount)),
        (document, Value::from(written.document.id)),
        (lines, line_ids),
    ]));
    store.table_mut("webOrderItems").insert(item);
}

/// The answer of web-order-item.add: the order, and the document and line the boxes went to.
fn item_answer(call: &Call<'_>, order: i64, origin: i64, boxes: i64, written: &Written) -> Record {
    let first_line = written.lines.first().copied().map(Value::from);
    let document = Value::from(written.document.id);
    let number = Value::from(written.document.number.clone());
    let mut answer = record([("webOrderId", Value::from(order))]);
    let fields = match origin {
        ON_HAND => [
            ("orderId", document),
            ("invoiceNumber", number),
            ("orderItemId", first_line.unwrap_or(Value::Null)),
        ],
        _ => [
            ("prebookId", document),
            ("prebookNumber", number),
            ("prebookItemId", first_line.unwrap_or(Value::Null)),
        ],
    };
    answer.extend(
        fields
            .into_iter()
            .filter(|(_, value)| !value.is_null())
            .map(|(name, value)| (name.to_owned(), value)),
    );
    // Komet returns quantityAdded only to tokens with Transactional API Access.
    if call.caller.transactional_access {
        answer.insert("quantityAdded".to_owned(), Value::from(boxes));
    }
    answer
}

/// Komet documents no request field for `web-order-item.delete`, so no item can be named:
/// refuse rather than claim a removal that did not happen.
fn web_order_item_delete(_call: &Call<'_>, _store: &mut Store) -> Reply {
    Reply::Refused(
        "web-order-item.delete: Komet's documentation names no field for the item to remove, so \
         the sandbox cannot tell which one you mean; web-order.delete cancels a whole web order"
            .to_owned(),
    )
}

fn web_order_checkout(call: &Call<'_>, store: &mut Store) -> Reply {
    match checkout(call, store) {
        Ok(reply) | Err(reply) => reply,
    }
}

fn checkout(call: &Call<'_>, store: &mut Store) -> Result<Reply, Reply> {
    let customer = call.id("customerId").unwrap_or_default();
    check_customer(call, store, customer)?;
    check_location(call, store, "companyLocationId")?;
    let id = call.id("webOrderId").unwrap_or_default();
    let order = own_order(store, customer, id)?;
    if status_of(order) == CHECKED_OUT {
        return Err(Reply::Refused(format!(
            "web order {id} is already checked out"
        )));
    }
    if order_items(store, id).next().is_none() {
        return Err(Reply::Refused(format!(
            "web order {id} has no items to check out"
        )));
    }
    let invoice = int(order, "invoiceId");
    if let Some(mut order) = store.table_mut("webOrders").get_mut(id) {
        order.insert("statusId".to_owned(), Value::from(CHECKED_OUT));
        call.copy_into(
            &mut order,
            &["customerId", "webOrderId", "companyLocationId"],
            &[],
        );
    }
    // The invoice stayed a draft while the customer could still change the order.
    if let Some(mut invoice) = invoice.and_then(|id| store.table_mut("invoices").get_mut(id)) {
        if invoice.get("status").and_then(Value::as_str) == Some("draft") {
            invoice.insert("status".to_owned(), Value::from("open"));
        }
        if let Some(po) = call.get("customerPo") {
            let po = po.as_str().map_or_else(|| po.to_string(), str::to_owned);
            invoice.insert("poNumber".to_owned(), Value::from(po));
        }
    }
    Ok(call.ok(
        "Web order checked out",
        record([("webOrderId", Value::from(id))]),
    ))
}

fn web_order_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    let id = call.id("webOrderId").unwrap_or_default();
    let invoice =
        match check_customer(call, store, customer).and_then(|()| own_order(store, customer, id)) {
            Ok(order) => int(order, "invoiceId"),
            Err(refusal) => return refusal,
        };
    let items: Vec<i64> = order_items(store, id).map(id_of).collect();
    for item in items {
        if let Some(item) = store.table_mut("webOrderItems").remove(item) {
            take_off_documents(store, &item);
        }
    }
    // The order is voided unless lines from elsewhere remain on it.
    if let Some(invoice) = invoice {
        if lines(store, "invoiceItems", "invoiceId", invoice)
            .next()
            .is_none()
        {
            if let Some(mut row) = store.table_mut("invoices").get_mut(invoice) {
                row.insert("status".to_owned(), Value::from("void"));
            }
        }
    }
    store.table_mut("webOrders").remove(id);
    call.ok(
        "Web order deleted",
        record([("webOrderId", Value::from(id))]),
    )
}

/// Removes a web order item's invoice lines (giving their boxes back to the inventory) and
/// prebook lines; the prebook itself stays.
fn take_off_documents(store: &mut Store, item: &Record) {
    // A voided invoice already gave its boxes back (invoice.void) and keeps its lines.
    let void = int(item, "invoiceId")
        .and_then(|id| store.table("invoices").get(id))
        .is_some_and(|invoice| invoice.get("status").and_then(Value::as_str) == Some("void"));
    let invoice_lines = if void {
        Vec::new()
    } else {
        ids_in(item, "invoiceItemIds")
    };
    for id in invoice_lines {
        let Some(line) = store.table_mut("invoiceItems").remove(id) else {
            continue;
        };
        let from = int(&line, "orderItemId").unwrap_or_default();
        if let Some(mut stock) = store.table_mut("inventory").get_mut(from) {
            let back = boxes(&stock).saturating_add(count(&line, "boxes"));
            stock.insert("quantity".to_owned(), Value::from(back));
        }
    }
    for id in ids_in(item, "prebookItemIds") {
        store.table_mut("prebookItems").remove(id);
    }
}

fn web_order_details_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    let id = call.id("webOrderId").unwrap_or_default();
    let order = match check_customer(call, store, customer)
        .and_then(|()| check_location(call, store, "companyLocationId"))
        .and_then(|()| own_order(store, customer, id))
    {
        Ok(order) => order,
        Err(refusal) => return refusal,
    };
    // Without statusId Komet shows only orders not yet checked out.
    let wanted = call.id("statusId").unwrap_or(PENDING);
    let rows = if status_of(order) == wanted {
        vec![order_view(store, order)]
    } else {
        Vec::new()
    };
    call.list("webOrders", &rows)
}

/// A web order with its totals and items, in the names of web-order-details.list.
fn order_view(store: &Store, order: &Record) -> Record {
    let mut row = order.clone();
    let items: Vec<&Record> = order_items(store, id_of(order)).collect();
    let subtotal: Decimal = items
        .iter()
        .filter_map(|item| decimal(item.get("amount")))
        .fold(Decimal::ZERO, Decimal::saturating_add);
    // The sandbox keeps no additional charges or taxes.
    row.extend(record([
        ("subtotal", money(subtotal)),
        ("additionalCharges", Value::from(0)),
        ("total", money(subtotal)),
        (
            "items",
            Value::Array(
                items
                    .iter()
                    .map(|item| {
                        Value::Object(record([("id", Value::from(id_of(item).to_string()))]))
                    })
                    .collect(),
            ),
        ),
    ]));
    row
}

// ------------------------------------------------------------------------- storefront

fn ecommerce_inventory_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    let checks = check_customer(call, store, customer)
        .and_then(|()| check_location(call, store, "companyLocationId"));
    if let Err(refusal) = checks {
        return refusal;
    }
    let category = match call.id("categoryId") {
        Some(id) => match store.table("categories").get(id) {
            Some(row) => row.get("categoryName").cloned(),
            None => return not_found("category", id),
        },
        None => None,
    };
    let wanted = |product: Option<&Value>| product_wanted(call, store, product, category.as_ref());
    let (first, last) = storefront_window(call.today);
    // availableDate only narrows the on-hand (open market) stock.
    let date = call.text("availableDate").and_then(parse_date);
    let on_date = date.is_none_or(|d| (first..=last).contains(&d));
    // reservedInventory: only what is kept for this customer, else only what is kept for no one.
    let kept_for = call
        .get("reservedInventory")
        .is_some_and(|r| r == &Value::Bool(true))
        .then_some(customer);
    let shown = |row: &Record| int(row, "customerId") == kept_for && wanted(row.get("productId"));
    let on_hand = available(store)
        .filter(|line| on_date && shown(line))
        .count();
    let future = future_lines(store)
        .filter(|item| {
            future_available(store, item) > 0
                && future_ship_date(store, item).is_some_and(|d| d <= last)
                && shown(item)
        })
        .count();
    call.ok(
        "Success",
        record([("total", Value::from(on_hand + future))]),
    )
}

/// Whether a product passes the storefront's search text, colour and category filters.
fn product_wanted(
    call: &Call<'_>,
    store: &Store,
    product: Option<&Value>,
    category: Option<&Value>,
) -> bool {
    let Some(product) = product.and_then(|id| store.table("products").get(int_of(id))) else {
        return false;
    };
    let text = |field: &str| product.get(field).and_then(Value::as_str).unwrap_or("");
    let search = call.text("searchText").is_none_or(|s| {
        text("description")
            .to_lowercase()
            .contains(&s.to_lowercase())
    });
    let color = call
        .text("color")
        .is_none_or(|c| text("color").eq_ignore_ascii_case(c.trim()));
    let in_category = category.is_none_or(|c| same_opt(product.get("category"), Some(c)));
    search && color && in_category
}

/// Checks the lines of an ecommerce/inventory.get call; the answer's shape is empty in the
/// spec (Komet's page stops at the sample URL), so the checks are what it tells.
fn ecommerce_inventory_get(call: &Call<'_>, store: &mut Store) -> Reply {
    match check_storefront_lines(call, store) {
        Ok(_) => call.ok("Success", Record::new()),
        Err(refusal) => refusal,
    }
}

fn available_dates_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let firsts = match check_storefront_lines(call, store) {
        Ok(firsts) => firsts,
        Err(refusal) => return refusal,
    };
    // Every line must be there: the first common day up to the end of the storefront window.
    let (today, last) = storefront_window(call.today);
    let first = firsts.into_iter().max().unwrap_or(today);
    let mut answer = Record::new();
    let days: Vec<Value> = first
        .iter_days()
        .take_while(|day| *day <= last)
        .map(|day| Value::from(day.to_string()))
        .collect();
    if !days.is_empty() {
        answer.insert(
            "availableDateFrom".to_owned(),
            Value::from(first.to_string()),
        );
        answer.insert("availableDateTo".to_owned(), Value::from(last.to_string()));
    }
    answer.insert("availableDates".to_owned(), Value::Array(days));
    call.ok("Success", answer)
}

/// Checks customer, location, carrier, window and the storefront lines named by
/// `inventoryLineIds`; returns the first day each line can be bought.
fn check_storefront_lines(call: &Call<'_>, store: &Store) -> Result<Vec<NaiveDate>, Reply> {
    let customer = call.id("customerId").unwrap_or_default();
    check_customer(call, store, customer)?;
    check_location(call, store, "companyLocationId")?;
    if let Some(carrier) = call.id("carrierId") {
        if store.table("carriers").get(carrier).is_none() {
            return Err(not_found("carrier", carrier));
        }
    }
    check_window(call)?;
    let ids = parse_ids(
        "inventoryLineIds",
        call.text("inventoryLineIds").unwrap_or_default(),
    )?;
    match call.id("inventoryOrigin").unwrap_or_default() {
        ON_HAND => {
            on_hand_stock(store, &ids, customer)?;
            // On-hand stock is in the warehouse: it can be bought from today.
            Ok(vec![call.today; ids.len()])
        }
        FUTURE => {
            future_stock(store, &ids)?;
            let first = |id: &i64| {
                let item = store.table("purchaseOrderItems").get(*id);
                let ships = item.and_then(|item| future_ship_date(store, item));
                ships.map_or(call.today, |day| day.max(call.today))
            };
            Ok(ids.iter().map(first).collect())
        }
        other => Err(Reply::Refused(format!(
            "inventoryOrigin {other}: the sandbox keeps no vendor availability or K2K inventory"
        ))),
    }
}

/// Refuses an availability window that ends before it starts.
fn check_window(call: &Call<'_>) -> Result<(), Reply> {
    let from = call.text("availableFrom").and_then(parse_date);
    let to = call.text("availableTo").and_then(parse_date);
    match (from, to) {
        (Some(from), Some(to)) if from > to => Err(Reply::Refused(format!(
            "availableFrom {from} is after availableTo {to}"
        ))),
        _ => Ok(()),
    }
}

/// Suggests the carrier of the customer's ship-to address, else the first active carrier.
fn customer_carriers_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    let checks = check_customer(call, store, customer)
        .and_then(|()| check_location(call, store, "companyLocationId"))
        .and_then(|()| check_window(call));
    if let Err(refusal) = checks {
        return refusal;
    }
    let active = |id: i64| {
        store
            .table("carriers")
            .get(id)
            .filter(|carrier| is_active(carrier))
    };
    let from_ship_to = store
        .table("shipTos")
        .rows()
        .filter(|row| int(row, "customerId") == Some(customer))
        .find_map(|row| int(row, "carrierId").and_then(active));
    let suggested = from_ship_to.or_else(|| store.table("carriers").rows().find(|c| is_active(c)));
    let Some(carrier) = suggested else {
        return Reply::Refused("the company has no active carrier".to_owned());
    };
    // carrierCubeRate and the other carriers' fields are not in the spec's view of the page.
    let mut answer = record([("carrierId", Value::from(id_of(carrier)))]);
    if let Some(name) = carrier.get("name") {
        answer.insert("carrierName".to_owned(), name.clone());
    }
    call.ok("Success", project(&answer, call.method.response))
}

/// The storefront settings the sandbox knows: location mode, company count, customer name.
fn lite_settings(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer = call.id("customerId").unwrap_or_default();
    if let Err(refusal) = check_customer(call, store, customer) {
        return refusal;
    }
    let mut info = record([
        ("isMultilocation", Value::Bool(call.caller.multi_location)),
        // Every sandbox account belongs to the one demo company.
        ("isMultiCompany", Value::Bool(false)),
    ]);
    if let Some(name) = store
        .table("customers")
        .get(customer)
        .and_then(|c| c.get("name"))
    {
        info.insert("customerName".to_owned(), name.clone());
    }
    call.list("userInfo", [&info])
}

// ------------------------------------------------------------------------- shared checks

/// Refuses an unknown customer, and a customer token acting for another customer.
fn check_customer(call: &Call<'_>, store: &Store, id: i64) -> Result<(), Reply> {
    if store.table("customers").get(id).is_none() {
        return Err(not_found("customer", id));
    }
    let own = call.caller.party_id;
    if call.caller.kind == TokenKind::Customer && own != Some(id) {
        return Err(Reply::Refused(format!(
            "customer {id} is not the customer of this token"
        )));
    }
    Ok(())
}

/// Refuses a `companyId` that is not the caller's company.
fn check_company(call: &Call<'_>) -> Result<(), Reply> {
    let company = call.id("companyId").unwrap_or_default();
    if company == call.caller.company_id {
        Ok(())
    } else {
        Err(Reply::Refused(format!(
            "company {company} is not the company of this token"
        )))
    }
}

/// The web order `id` if it belongs to `customer`.
fn own_order(store: &Store, customer: i64, id: i64) -> Result<&Record, Reply> {
    store
        .table("webOrders")
        .get(id)
        .filter(|order| int(order, "customerId") == Some(customer))
        .ok_or_else(|| {
            Reply::Refused(format!(
                "web order {id} of customer {customer} was not found"
            ))
        })
}

fn status_of(order: &Record) -> i64 {
    int(order, "statusId").unwrap_or(PENDING)
}

fn order_items(store: &Store, order: i64) -> impl Iterator<Item = &Record> {
    store
        .table("webOrderItems")
        .rows_by("webOrderId", &Value::from(order))
        .into_iter()
}

// ------------------------------------------------------------------------- small helpers

/// The fields of `row` named in `names`, those it has.
fn copy_fields(row: &Record, names: &[&str]) -> Record {
    names
        .iter()
        .filter_map(|name| Some(((*name).to_owned(), row.get(*name)?.clone())))
        .collect()
}

/// Copies the request's fields `names` that it gives into `into`.
fn copy_request(call: &Call<'_>, into: &mut Record, names: &[&str]) {
    for name in names {
        if let Some(value) = call.get(name) {
            into.insert((*name).to_owned(), value.clone());
        }
    }
}

/// Ids stored in an array field.
fn ids_in(row: &Record, field: &str) -> Vec<i64> {
    match row.get(field) {
        Some(Value::Array(ids)) => ids.iter().filter_map(crate::store::as_id).collect(),
        _ => Vec::new(),
    }
}

fn int_of(value: &Value) -> i64 {
    crate::store::as_id(value).unwrap_or_default()
}

/// What `boxes` boxes of `units` units each are worth at `price` a unit.
fn worth(price: Decimal, units: i64, boxes: i64) -> Decimal {
    price.saturating_mul(Decimal::from(units.saturating_mul(boxes)))
}

/// A text field (empty when absent).
fn text_field(row: &Record, field: &str) -> String {
    row.get(field)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
