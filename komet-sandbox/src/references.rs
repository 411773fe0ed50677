//! Requests that name a stored record must name one that exists.
//!
//! Komet answers `status: 0` when an id names nothing ("invoiceId 999 was not found"). The
//! sandbox checks every request field that names a record it keeps, here, in one table, before
//! a flow or a synthesized answer runs; so methods answered from the response shape alone do
//! not pretend to know records that were never created.
//!
//! Ids are known by field name, document numbers by their spec type (`InvoiceNumber`,
//! `PurchaseOrderNumber`), compared by value (`"040001"`, `"40001"`; `"P081001"`, `"81001"`).
//! An optional id of a list method is a filter: it narrows the list (to nothing when it names
//! nothing) and is not checked. Lines a method answers one by one (prebook.create's items) are
//! left to the flow, which fails the line alone. Records the sandbox does not keep (sales
//! people, brands, credits, payments, additional charges, AWBs, ...) are not checked.

use komet_api::meta::{FieldMeta, FieldType, MethodMeta, ObjectMeta};
use serde_json::Value;

use crate::flows::{invoice_number, purchase_order_number};
use crate::store::{Record, Store, TABLES, as_id};

/// What a request field names.
#[derive(Debug, Clone, Copy)]
enum Names {
    /// The id of a record in one of these tables.
    Id(&'static [&'static str]),
    /// A document number, kept in `field` of `table`; `number` is the number the document
    /// with a given id gets.
    Number {
        table: &'static str,
        field: &'static str,
        number: fn(i64) -> String,
    },
}

/// Id fields by name, wherever they appear (top level or in lines).
const BY_FIELD: &[(&str, Names)] = &[
    ("customerId", Names::Id(&["customers"])),
    ("shipToId", Names::Id(&["shipTos"])),
    ("contactId", Names::Id(&["contacts"])),
    ("carrierId", Names::Id(&["carriers"])),
    ("vendorId", Names::Id(&["vendors"])),
    // inventory.add names the vendor that grew the line.
    ("growerId", Names::Id(&["vendors"])),
    ("boxTypeId", Names::Id(&["boxTypes"])),
    ("categoryId", Names::Id(&["categories"])),
    ("productId", Names::Id(&["products"])),
    ("companyProductId", Names::Id(&["products"])),
    ("locationId", Names::Id(&["locations"])),
    ("locationIds", Names::Id(&["locations"])),
    ("companyLocationId", Names::Id(&["locations"])),
    ("CompanyLocationId", Names::Id(&["locations"])),
    ("inventoryId", Names::Id(&["inventory"])),
    // invoice.item.add takes boxes from this inventory line.
    ("orderItemId", Names::Id(&["inventory"])),
    ("prebookId", Names::Id(&["prebooks"])),
    ("prebookItemId", Names::Id(&["prebookItems"])),
    ("purchaseOrderItemId", Names::Id(&["purchaseOrderItems"])),
    ("purchaseOrderItemIds", Names::Id(&["purchaseOrderItems"])),
    ("poItemId", Names::Id(&["purchaseOrderItems"])),
    ("invoiceId", Names::Id(&["invoices"])),
    ("invoiceItemId", Names::Id(&["invoiceItems"])),
    ("orderId", Names::Id(&["invoices"])),
    ("webOrderId", Names::Id(&["webOrders"])),
];

/// Document numbers by their spec type, whatever the field is called (`orderNumber` of
/// box.invoice.shipment.confirm is an invoice number; `poNumber` of invoice.create is the
/// customer's PO, a `CustomerPoNumber`, which names nothing the sandbox keeps).
const BY_TEXT_TYPE: &[(&str, Names)] = &[
    ("InvoiceNumber", INVOICE_NUMBER),
    ("PurchaseOrderNumber", PURCHASE_ORDER_NUMBER),
];

/// Fields whose meaning depends on the method; `None` where the field is not checked here.
const BY_METHOD: &[(&str, &str, Option<Names>)] = &[
    // Future inventory lines are purchase order lines bought for no prebook.
    (
        "prebook.future.item.add",
        "inventoryId",
        Some(Names::Id(&["purchaseOrderItems"])),
    ),
    // On-hand (inventory) or future (purchase order) lines, by `inventoryOrigin`.
    ("web-order-item.add", "inventoryIds", Some(STOCK)),
    ("ecommerce/inventory.get", "inventoryLineIds", Some(STOCK)),
    (
        "ecommerce/inventory-available-dates.list",
        "inventoryLineIds",
        Some(STOCK),
    ),
    // Vendor availability lines, which the sandbox does not keep.
    ("prebook.vendor.availability.item.add", "inventoryIds", None),
    // The number only confirms the invoiceId beside it; the flow says when they disagree.
    ("invoice.mark.sync.status.ok", "invoiceNumber", None),
];

/// Arrays of lines that a method answers line by line, in its response: a line naming an
/// unknown record fails alone (the flow says why) and the others go through.
const PER_LINE: &[(&str, &str)] = &[
    ("prebook.create", "prebookItems"),
    ("purchase.order.items.awb.add", "poItems"),
    // Unknown products are left out of the order (Komet's UNKNOWN products).
    ("purchase.order.mixed.create", "purchaseOrderItems"),
];

const STOCK: Names = Names::Id(&["inventory", "purchaseOrderItems"]);
const INVOICE_NUMBER: Names = Names::Number {
    table: "invoices",
    field: "invoiceNumber",
    number: invoice_number,
};
const PURCHASE_ORDER_NUMBER: Names = Names::Number {
    table: "purchaseOrders",
    field: "number",
    number: purchase_order_number,
};

/// What `field` of `method`'s request names, if it is a record the sandbox keeps.
fn names(method: &str, field: &FieldMeta) -> Option<Names> {
    if let Some((_, _, names)) = BY_METHOD
        .iter()
        .find(|(m, f, _)| *m == method && *f == field.name)
    {
        return *names;
    }
    let by_name = BY_FIELD.iter().find(|(name, _)| *name == field.name);
    let by_type =
        text_type(&field.ty).and_then(|ty| BY_TEXT_TYPE.iter().find(|(name, _)| *name == ty));
    by_name.or(by_type).map(|(_, names)| *names)
}

/// The spec's text type of a field, or of the items of a list.
fn text_type(ty: &FieldType) -> Option<&'static str> {
    match ty {
        FieldType::Text { name, .. } => Some(name),
        FieldType::Csv { item, .. } | FieldType::List(item) => text_type(item),
        _ => None,
    }
}

/// A value for `field` that names the first record its table hands out (on a seeded sandbox,
/// a seed record; for documents, the first one created), for example requests.
pub(crate) fn sample(method: &str, field: &FieldMeta) -> Option<Value> {
    let first_id = |table: &str| {
        TABLES
            .iter()
            .find(|(name, _)| *name == table)
            .map(|(_, first)| *first)
    };
    match names(method, field)? {
        Names::Id(tables) => first_id(tables.first()?).map(Value::from),
        Names::Number { table, number, .. } => first_id(table).map(|id| Value::from(number(id))),
    }
}

/// Refuses a request that names a record the store does not hold, with a message naming the
/// field (by its path, `prebookItems[0].productId`) and the value.
pub(crate) fn check(method: &MethodMeta, request: &Record, store: &Store) -> Result<(), String> {
    let filters = method.name.ends_with("list");
    check_object(
        method.name,
        method.request,
        request,
        &Path::Root,
        filters,
        store,
    )
}

/// Where a field is in the request, built on the stack as the walk goes down and written out
/// only for a refusal, so a request of a thousand lines costs no text.
enum Path<'a> {
    Root,
    Field(&'a Path<'a>, &'a str),
    Item(&'a Path<'a>, &'a str, usize),
    Entry(&'a Path<'a>, &'a str, &'a str),
}

impl std::fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let parent = |f: &mut std::fmt::Formatter<'_>, parent: &Path<'_>| match parent {
            Path::Root => Ok(()),
            other => write!(f, "{other}."),
        };
        match self {
            Path::Root => Ok(()),
            Path::Field(up, name) => {
                parent(f, up)?;
                write!(f, "{name}")
            }
            Path::Item(up, name, index) => {
                parent(f, up)?;
                write!(f, "{name}[{index}]")
            }
            Path::Entry(up, name, key) => {
                parent(f, up)?;
                write!(f, "{name}.{key}")
            }
        }
    }
}

fn check_object(
    method: &str,
    meta: &ObjectMeta,
    object: &Record,
    path: &Path<'_>,
    filters: bool,
    store: &Store,
) -> Result<(), String> {
    for field in meta.fields {
        let Some(value) = object.get(field.name).filter(|v| !v.is_null()) else {
            continue;
        };
        match (&field.ty, value) {
            (FieldType::Object(inner), Value::Object(inner_value)) => {
                let here = Path::Field(path, field.name);
                check_object(method, inner, inner_value, &here, false, store)?;
            }
            (FieldType::Array(_), _) if PER_LINE.contains(&(method, field.name)) => {}
            (FieldType::Array(inner), Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if let Value::Object(item) = item {
                        let here = Path::Item(path, field.name, i);
                        check_object(method, inner, item, &here, false, store)?;
                    }
                }
            }
            (FieldType::Map(inner), Value::Object(entries)) => {
                for (key, entry) in entries {
                    if let Value::Object(entry) = entry {
                        let here = Path::Entry(path, field.name, key);
                        check_object(method, inner, entry, &here, false, store)?;
                    }
                }
            }
            _ if filters && !field.required => {}
            _ => {
                let Some(names) = names(method, field) else {
                    continue;
                };
                if let Some(missing) = first_missing(names, value, store) {
                    let here = Path::Field(path, field.name);
                    return Err(format!("{here} {missing} was not found"));
                }
            }
        }
    }
    Ok(())
}

/// The first of the ids or numbers in `value` (one, a list, or text separated by commas)
/// that names nothing, as sent.
fn first_missing(names: Names, value: &Value, store: &Store) -> Option<String> {
    let missing = |item: &Value| !exists(names, item, store);
    let shown = |item: &Value| match item {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    match value {
        Value::Array(items) => items.iter().find(|item| missing(item)).map(shown),
        Value::String(text) if text.contains(',') => text
            .split(',')
            .map(|item| Value::from(item.trim()))
            .find(|item| missing(item))
            .map(|item| shown(&item)),
        one => missing(one).then(|| shown(one)),
    }
}

fn exists(names: Names, item: &Value, store: &Store) -> bool {
    match names {
        Names::Id(tables) => match as_id(item) {
            Some(id) => tables
                .iter()
                .any(|table| store.table(table).get(id).is_some()),
            // Not an id at all: the validators and flows say what is wrong with it.
            None => true,
        },
        Names::Number { table, field, .. } => {
            let number = match item {
                Value::String(text) => text.clone(),
                other => other.to_string(),
            };
            store.table(table).find_number(field, &number).is_some()
        }
    }
}
