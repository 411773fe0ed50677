//! Records shared by several areas: prebooks, purchase orders and invoices, with their lines.
//!
//! Web orders create invoices and prebooks, and prebooks create purchase orders, so the
//! fields these records carry are fixed here, in one place:
//!
//! - `prebooks`: `id`, `number` (text), `customerId`, `carrierId`, `shipDate`, `status`
//!   (`"open"`), plus whatever header fields the request gave (`customerPO`, `comments`, ...);
//!   lines in `prebookItems` with `prebookId`.
//! - `purchaseOrders`: `id`, `number` (text, `P` and digits), `vendorId`, `shipDate`,
//!   `carrierId`, `status` (`"open"`); lines in `purchaseOrderItems` with `purchaseOrderId`
//!   and, when generated from a prebook, `prebookItemId`.
//! - `invoices`: `id`, `invoiceNumber` (text, six digits), `customerId`, `carrierId`,
//!   `shipDate`, `status` (`"open"`, `"draft"` or `"void"`), `syncStatus` (`"pending"`, `"ok"`
//!   or `"error"`); lines in `invoiceItems` with `invoiceId`.
//!
//! Lines keep the request's field names (`productId`, `boxes`, `unitType`, `price`, ...).
//! Flows add their own fields as documents move on: invoices a `"confirmed"` status,
//! `voidReason` and `syncMessage`, invoice lines the `orderItemId` (inventory line) they
//! took boxes from; prebooks `prebookStatus`, prebook lines the `purchaseOrderItemId` that
//! supplies them; purchase orders `poStatus` (`"Approved"`, `"Confirmed by Farm"`), their
//! lines `lineStatus`, `quantityConfirmed`, `awb`, `houseAWB`, `vendorShipDate`, `boxCodes`,
//! `lotNumber`, `price` and `reference`.

use serde_json::Value;

use crate::store::{Record, Store};

/// The header of a new document: who, how and when.
pub(crate) struct Header {
    /// Customer (prebooks, invoices) or vendor (purchase orders) id.
    pub party_id: i64,
    /// Carrier id, if known.
    pub carrier_id: Option<i64>,
    /// Ship date, `YYYY-MM-DD`.
    pub ship_date: String,
    /// Further header fields, in Komet's names.
    pub extra: Record,
}

/// A new document's id and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Created {
    pub id: i64,
    pub number: String,
}

fn open(
    store: &mut Store,
    table: &str,
    party_field: &str,
    header: Header,
    number: impl Fn(i64) -> String,
    number_field: &str,
    status: &str,
) -> Created {
    let mut row = header.extra;
    row.insert(party_field.to_owned(), Value::from(header.party_id));
    if let Some(carrier) = header.carrier_id {
        row.insert("carrierId".to_owned(), Value::from(carrier));
    }
    row.insert("shipDate".to_owned(), Value::from(header.ship_date));
    row.insert("status".to_owned(), Value::from(status));
    let table = store.table_mut(table);
    let id = table.insert(row);
    let number = number(id);
    if let Some(mut row) = table.get_mut(id) {
        row.insert(number_field.to_owned(), Value::from(number.clone()));
    }
    Created { id, number }
}

/// Opens a prebook for a customer.
pub(crate) fn open_prebook(store: &mut Store, header: Header) -> Created {
    open(
        store,
        "prebooks",
        "customerId",
        header,
        prebook_number,
        "number",
        "open",
    )
}

/// The number of the prebook with this id: six digits.
pub(crate) fn prebook_number(id: i64) -> String {
    format!("{:06}", id % 1_000_000)
}

/// The number of the purchase order with this id: `P` and six digits.
pub(crate) fn purchase_order_number(id: i64) -> String {
    format!("P{:06}", id % 1_000_000)
}

/// The number of the invoice with this id: six digits.
pub(crate) fn invoice_number(id: i64) -> String {
    format!("{:06}", id % 1_000_000)
}

/// Opens a purchase order with a vendor.
pub(crate) fn open_purchase_order(store: &mut Store, header: Header) -> Created {
    open(
        store,
        "purchaseOrders",
        "vendorId",
        header,
        purchase_order_number,
        "number",
        "open",
    )
}

/// Opens an invoice for a customer; `draft` leaves it unconfirmed.
pub(crate) fn open_invoice(store: &mut Store, header: Header, draft: bool) -> Created {
    let status = if draft { "draft" } else { "open" };
    let created = open(
        store,
        "invoices",
        "customerId",
        header,
        invoice_number,
        "invoiceNumber",
        status,
    );
    if let Some(mut row) = store.table_mut("invoices").get_mut(created.id) {
        row.insert("syncStatus".to_owned(), Value::from("pending"));
    }
    created
}

/// Adds a line to a document: `table` is the lines table, `parent_field` the field that
/// points at the document (`prebookId`, `purchaseOrderId`, `invoiceId`).
pub(crate) fn add_line(
    store: &mut Store,
    table: &str,
    parent_field: &str,
    parent_id: i64,
    mut line: Record,
) -> i64 {
    line.insert(parent_field.to_owned(), Value::from(parent_id));
    store.table_mut(table).insert(line)
}

/// The lines of a document, by id (from the lines table's index by document).
pub(crate) fn lines<'s>(
    store: &'s Store,
    table: &str,
    parent_field: &str,
    parent_id: i64,
) -> impl Iterator<Item = &'s Record> {
    store
        .table(table)
        .rows_by(parent_field, &Value::from(parent_id))
        .into_iter()
}

/// A record holding just a carrier id and ship date, for headers built from requests.
pub(crate) fn extra_fields<const N: usize>(pairs: [(&str, Option<&Value>); N]) -> Record {
    let mut out = Record::new();
    for (name, value) in pairs {
        if let Some(value) = value {
            out.insert(name.to_owned(), value.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::flows::record;

    fn header() -> Header {
        Header {
            party_id: 2001,
            carrier_id: Some(1801),
            ship_date: "2026-12-01".into(),
            extra: Record::new(),
        }
    }

    #[test]
    fn documents_get_numbers_and_lines() {
        let mut store = Store::default();
        let invoice = open_invoice(&mut store, header(), false);
        assert_eq!(invoice.number, "040001");
        let row = store.table("invoices").get(invoice.id).unwrap();
        assert_eq!(row["status"], "open");
        assert_eq!(row["syncStatus"], "pending");
        add_line(
            &mut store,
            "invoiceItems",
            "invoiceId",
            invoice.id,
            record([("boxes", Value::from(2))]),
        );
        assert_eq!(
            lines(&store, "invoiceItems", "invoiceId", invoice.id).count(),
            1
        );
        let po = open_purchase_order(&mut store, header());
        assert_eq!(po.number, "P081001");
    }
}
