//! Carriers, vendors, products, box types, categories and locations.

use serde_json::Value;

use super::{Call, Handler, Match, Reply, is_active, not_found, record};
use crate::store::{Record, Store};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "carrier.add" => carrier_add,
        "carrier.update" => carrier_update,
        "carrier.list" => carrier_list,
        "vendor.add" => vendor_add,
        "vendor.update" => vendor_update,
        "vendor.list" => vendor_list,
        "product.add" => product_add,
        "product.update" => product_update,
        "product.list" => product_list,
        "boxtype.list" => boxtype_list,
        "category.list" => category_list,
        "location.list" => location_list,
        _ => return None,
    })
}

/// Refuses a code another record of the table already uses.
fn code_taken(store: &Store, table: &str, code: Option<&str>, except: Option<i64>) -> bool {
    let Some(code) = code else {
        return false;
    };
    store.table(table).rows().any(|row| {
        row.get("code").and_then(Value::as_str) == Some(code)
            && row.get("id") != except.map(Value::from).as_ref()
    })
}

fn carrier_add(call: &Call<'_>, store: &mut Store) -> Reply {
    if code_taken(store, "carriers", call.text("code"), None) {
        return Reply::Refused(format!(
            "a carrier with code {:?} already exists",
            call.text("code").unwrap_or("")
        ));
    }
    let mut carrier = record([("active", Value::from(1))]);
    call.copy_into(&mut carrier, &[], &[]);
    let id = store.table_mut("carriers").insert(carrier);
    call.ok("Carrier created", record([("carrierId", Value::from(id))]))
}

fn carrier_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("carrierId").unwrap_or_default();
    if code_taken(store, "carriers", call.text("code"), Some(id)) {
        return Reply::Refused(format!(
            "another carrier uses code {:?}",
            call.text("code").unwrap_or("")
        ));
    }
    let Some(mut carrier) = store.table_mut("carriers").get_mut(id) else {
        return not_found("carrier", id);
    };
    call.copy_into(&mut carrier, &["carrierId"], &[]);
    call.ok("Carrier updated", record([("carrierId", Value::from(id))]))
}

fn carrier_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [
        ("id", "id", Match::Exact),
        ("name", "name", Match::Contains),
        ("code", "code", Match::Exact),
        ("active", "active", Match::Exact),
    ];
    let rows = store
        .table("carriers")
        .rows()
        .filter(|row| call.passes(row, &filters));
    call.list("carriers", rows)
}

fn vendor_add(call: &Call<'_>, store: &mut Store) -> Reply {
    if code_taken(store, "vendors", call.text("code"), None) {
        return Reply::Refused(format!(
            "a vendor with code {:?} already exists",
            call.text("code").unwrap_or("")
        ));
    }
    let mut vendor = record([("active", Value::from(1))]);
    call.copy_into(&mut vendor, &[], &[]);
    let id = store.table_mut("vendors").insert(vendor);
    call.ok("Vendor created", record([("vendorId", Value::from(id))]))
}

fn vendor_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let Some(id) = call.id("vendorId") else {
        return Reply::Refused("vendorId is required to find the vendor".to_owned());
    };
    if code_taken(store, "vendors", call.text("code"), Some(id)) {
        return Reply::Refused(format!(
            "another vendor uses code {:?}",
            call.text("code").unwrap_or("")
        ));
    }
    let Some(mut vendor) = store.table_mut("vendors").get_mut(id) else {
        return not_found("vendor", id);
    };
    call.copy_into(&mut vendor, &["vendorId"], &[("status", "active")]);
    call.ok("Vendor updated", record([("vendorId", Value::from(id))]))
}

fn vendor_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [
        ("id", "id", Match::Exact),
        ("name", "name", Match::Contains),
        ("code", "code", Match::Exact),
        ("portOrigin", "portOrigin", Match::Exact),
    ];
    let include_inactive = call.get("includeInactive") == Some(&Value::Bool(true));
    let rows = store
        .table("vendors")
        .rows()
        .filter(|row| call.passes(row, &filters) && (include_inactive || is_active(row)));
    call.list("vendors", rows)
}

/// A product's description when none is given: category, variety, colour and grade.
fn describe(product: &Record) -> String {
    ["category", "variety", "color", "grade"]
        .iter()
        .filter_map(|field| product.get(*field).and_then(Value::as_str))
        .collect::<Vec<_>>()
        .join(" ")
}

fn product_add(call: &Call<'_>, store: &mut Store) -> Reply {
    let mut product = record([("active", Value::from(1))]);
    call.copy_into(&mut product, &[], &[("code", "legacyCode")]);
    if !product.contains_key("description") {
        let description = describe(&product);
        product.insert("description".to_owned(), Value::from(description));
    }
    let id = store.table_mut("products").insert(product);
    call.ok("Product created", record([("productId", Value::from(id))]))
}

fn product_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("productId").unwrap_or_default();
    let Some(mut product) = store.table_mut("products").get_mut(id) else {
        return not_found("product", id);
    };
    call.copy_into(&mut product, &["productId"], &[("code", "legacyCode")]);
    call.ok("Product updated", record([("productId", Value::from(id))]))
}

fn product_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [
        ("id", "id", Match::Exact),
        ("description", "description", Match::Contains),
        ("legacyCode", "legacyCode", Match::Exact),
    ];
    let rows = store
        .table("products")
        .rows()
        .filter(|row| call.passes(row, &filters));
    call.list("products", rows)
}

fn boxtype_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [("id", "id", Match::Exact), ("code", "code", Match::Exact)];
    let rows = store
        .table("boxTypes")
        .rows()
        .filter(|row| call.passes(row, &filters));
    call.list("boxtypes", rows)
}

fn category_list(call: &Call<'_>, store: &mut Store) -> Reply {
    call.list("categoryItems", store.table("categories").rows())
}

fn location_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [
        ("id", "id", Match::Exact),
        ("name", "name", Match::Contains),
        ("code", "code", Match::Exact),
    ];
    let rows = store
        .table("locations")
        .rows()
        .filter(|row| call.passes(row, &filters));
    call.list("locations", rows)
}
