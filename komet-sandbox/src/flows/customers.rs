//! Customers, their ship-to addresses and contacts, and what is kept on a customer (days of
//! service, automatic additional charges, reward points).
//!
//! Records:
//!
//! - `customers`: `id`, `name`, `code`, `active` (1/0), `updatedOn` (`YYYY-MM-DD HH:MM:SS`),
//!   the request's other fields under their own names (`type` is kept as `customerTypeId`),
//!   `locationCodes` (multi-location companies), `daysOfService`, `additionalCharges`,
//!   `rewardPoints`, and `userIds`: the users linked to the customer, which only fixtures set
//!   (customer.by.user.list reads it).
//! - `shipTos`: `id`, `customerId`, the request's fields, `carrierName`/`carrierCode` copied
//!   from the carrier, `updatedAsOf` (`YYYY-MM-DD`).
//! - `contacts`: `id`, `customerId`, the request's fields.
//!
//! For user tokens the account's `party_id` is the user's own id, which is also the
//! salesperson id customers carry in `salesPersonId` (Komet's salespeople are users).

use chrono::Utc;
use komet_api::TokenKind;
use serde_json::Value;

use super::{Call, Handler, Match, Reply, is_active, not_found, record};
use crate::store::{Record, Store, as_id, same};

pub(super) fn handler(method: &str) -> Option<Handler> {
    Some(match method {
        "customer.add" => customer_add,
        "customer.update" => customer_update,
        "customer.list" => customer_list,
        "customer.details.get" => customer_details_get,
        "customer.by.company.list" => customer_by_company_list,
        "customer.by.user.list" => customer_by_user_list,
        "customer.shipto.add" => shipto_add,
        "customer.shipto.update" => shipto_update,
        "customer.shipto.delete" => shipto_delete,
        "customer.shipto.list" => shipto_list,
        "customer.contact.add" => contact_add,
        "customer.contact.update" => contact_update,
        "customer.contact.delete" => contact_delete,
        "customer.contact.list" => contact_list,
        "customer.day.service.update" => day_service_update,
        "customer.additional.charge.update" => additional_charge_update,
        "customer.reward.set" => reward_set,
        _ => return None,
    })
}

/// Contact types Komet's pages name; contact types must already exist in the company.
const DOCUMENTED_CONTACT_TYPES: &[&str] = &["A/P", "Buyer"];

/// Customers customer.day.service.update takes per call (Komet's documented limit).
const MAX_DAY_SERVICE_CUSTOMERS: usize = 50;

/// Longest `message` the responses describe.
const MAX_MESSAGE: usize = 500;

// ---------------------------------------------------------------------------------------------
// Customers

fn customer_add(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Some(code) = call.text("code").filter(|c| code_in_use(store, c, None)) {
        return Reply::Refused(format!("a customer with code {code:?} already exists"));
    }
    let locations = match location_codes(call, store) {
        Ok(locations) => locations,
        Err(refusal) => return refusal,
    };
    let mut customer = record([("active", Value::from(1))]);
    call.copy_into(
        &mut customer,
        &["locationCodes"],
        &[("type", "customerTypeId")],
    );
    if let Some(codes) = locations {
        customer.insert("locationCodes".to_owned(), Value::from(codes));
    }
    touch(&mut customer);
    store.table_mut("customers").insert(customer);
    // The response's fields were never seen (Komet's page is cut short), so the answer is
    // empty; the new customer is found through customer.list.
    call.ok("Customer created", Record::new())
}

fn customer_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("customerId").unwrap_or_default();
    if store.table("customers").get(id).is_none() {
        return not_found("customer", id);
    }
    if let Some(code) = call
        .text("code")
        .filter(|c| code_in_use(store, c, Some(id)))
    {
        return Reply::Refused(format!("another customer uses code {code:?}"));
    }
    let locations = match location_codes(call, store) {
        Ok(locations) => locations,
        Err(refusal) => return refusal,
    };
    let Some(mut customer) = store.table_mut("customers").get_mut(id) else {
        return not_found("customer", id);
    };
    call.copy_into(
        &mut customer,
        &["customerId", "locationCodes"],
        &[("type", "customerTypeId")],
    );
    if let Some(codes) = locations {
        customer.insert("locationCodes".to_owned(), Value::from(codes));
    }
    touch(&mut customer);
    call.ok("Customer updated", Record::new())
}

/// Vendor tokens may call this too; Komet's page describes no difference, and a vendor
/// creating prebooks needs the same customer ids, so both kinds see the same list.
fn customer_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let filters = [
        ("id", "id", Match::Exact),
        ("name", "name", Match::Contains),
        ("code", "code", Match::Exact),
        ("salesPersonId", "salesPersonId", Match::Exact),
    ];
    let location = match location_filter(call, store) {
        Ok(location) => location,
        Err(refusal) => return refusal,
    };
    let include_inactive = flag_on(call, "includeInactive");
    let since = call.text("updateAsOf");
    let rows = store.table("customers").rows().filter(|row| {
        call.passes(row, &filters)
            && (include_inactive || is_active(row))
            && location
                .as_deref()
                .is_none_or(|code| in_location(row, code))
            && since.is_none_or(|since| updated_since(row, "updatedOn", since))
    });
    call.list("customers", rows)
}

fn customer_details_get(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("customerId").unwrap_or_default();
    // A customer token speaks for one customer and may not read the others.
    if call.caller.kind == TokenKind::Customer && call.caller.party_id != Some(id) {
        return Reply::Refused(format!(
            "a customer token may only read its own customer, not customer {id}"
        ));
    }
    let Some(customer) = store.table("customers").get(id) else {
        return not_found("customer", id);
    };
    call.list("customer", [customer])
}

/// Active customers of the caller's company; with `showSalespersonCustomers`, only those
/// whose salesperson is the calling user (none when the user id is not known).
fn customer_by_company_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let mine_only = call.get("showSalespersonCustomers") == Some(&Value::Bool(true));
    let rows: Vec<Record> = store
        .table("customers")
        .rows()
        .filter(|row| is_active(row))
        .filter(|row| !mine_only || assigned_to(row, call.caller.party_id))
        .map(|row| renamed(row, &[("id", "customerId"), ("name", "customerName")]))
        .collect();
    call.list("customerResult", &rows)
}

/// Whether the customer's salesperson is `user`.
fn assigned_to(customer: &Record, user: Option<i64>) -> bool {
    user.is_some() && customer.get("salesPersonId").and_then(as_id) == user
}

/// The customers whose `userIds` hold the calling user. The sandbox has one company, the
/// caller's, so every row names it.
fn customer_by_user_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let Some(user) = call.caller.party_id else {
        return call.list("customerResult", &[]);
    };
    let rows: Vec<Record> = store
        .table("customers")
        .rows()
        .filter(|row| linked_to(row, user))
        .map(|row| user_row(row, user, call.caller.company_id))
        .collect();
    call.list("customerResult", &rows)
}

fn user_row(customer: &Record, user: i64, company_id: i64) -> Record {
    let mut row = renamed(
        customer,
        &[
            ("id", "customerId"),
            ("name", "customerName"),
            ("companyName", "companyName"),
        ],
    );
    row.insert("userId".to_owned(), Value::from(user));
    row.insert("companyId".to_owned(), Value::from(company_id));
    row
}

fn linked_to(customer: &Record, user: i64) -> bool {
    match customer.get("userIds") {
        Some(Value::Array(ids)) => ids.iter().any(|id| as_id(id) == Some(user)),
        _ => false,
    }
}

// ---------------------------------------------------------------------------------------------
// Ship-tos

fn shipto_add(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer_id = call.id("customerId").unwrap_or_default();
    if store.table("customers").get(customer_id).is_none() {
        return not_found("customer", customer_id);
    }
    let mut ship_to = match carrier_fields(store, call.id("carrierId")) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    call.copy_into(&mut ship_to, &[], &[]);
    stamp_ship_to(&mut ship_to, call);
    let id = store.table_mut("shipTos").insert(ship_to);
    call.ok(
        "Ship to was successfully saved",
        record([("shipToId", Value::from(id))]),
    )
}

fn shipto_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("shipToId").unwrap_or_default();
    let customer_id = call.id("customerId").unwrap_or_default();
    if let Err(refusal) = owned_by(store, "shipTos", "ship-to", id, customer_id) {
        return refusal;
    }
    let carrier = match carrier_fields(store, call.id("carrierId")) {
        Ok(fields) => fields,
        Err(refusal) => return refusal,
    };
    let Some(mut ship_to) = store.table_mut("shipTos").get_mut(id) else {
        return not_found("ship-to", id);
    };
    call.copy_into(&mut ship_to, &["shipToId"], &[]);
    // A new carrier replaces the old one's name and code, even those it lacks.
    if call.id("carrierId").is_some() {
        ship_to.remove("carrierName");
        ship_to.remove("carrierCode");
    }
    ship_to.extend(carrier);
    stamp_ship_to(&mut ship_to, call);
    call.ok(
        "Ship to was successfully saved",
        record([("shipToId", Value::from(id))]),
    )
}

fn shipto_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("shipToId").unwrap_or_default();
    match store.table_mut("shipTos").remove(id) {
        Some(_) => call.ok("Ship to was successfully deleted", Record::new()),
        None => not_found("ship-to", id),
    }
}

/// Vendor tokens see the same ship-tos as the company (see [`customer_list`]).
fn shipto_list(call: &Call<'_>, store: &mut Store) -> Reply {
    if let Some(customer_id) = call.id("customerId")
        && store.table("customers").get(customer_id).is_none()
    {
        return not_found("customer", customer_id);
    }
    let filters = [
        ("customerId", "customerId", Match::Exact),
        ("id", "id", Match::Exact),
        ("name", "name", Match::Contains),
    ];
    let since = call.text("updateAsOf");
    let rows = store.table("shipTos").rows().filter(|row| {
        call.passes(row, &filters)
            && since.is_none_or(|since| updated_since(row, "updatedAsOf", since))
    });
    call.list("shiptos", rows)
}

fn stamp_ship_to(ship_to: &mut Record, call: &Call<'_>) {
    let today = call.today.format("%Y-%m-%d").to_string();
    ship_to.insert("updatedAsOf".to_owned(), Value::from(today));
}

/// The carrier's name and code, to show with a ship-to; refuses an unknown carrier.
fn carrier_fields(store: &Store, carrier_id: Option<i64>) -> Result<Record, Reply> {
    let Some(carrier_id) = carrier_id else {
        return Ok(Record::new());
    };
    let carrier = store
        .table("carriers")
        .get(carrier_id)
        .ok_or_else(|| not_found("carrier", carrier_id))?;
    Ok(renamed(
        carrier,
        &[("name", "carrierName"), ("code", "carrierCode")],
    ))
}

// ---------------------------------------------------------------------------------------------
// Contacts

fn contact_add(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer_id = call.id("customerId").unwrap_or_default();
    if store.table("customers").get(customer_id).is_none() {
        return not_found("customer", customer_id);
    }
    if let Err(refusal) = known_contact_type(store, call.text("type")) {
        return refusal;
    }
    let mut contact = Record::new();
    call.copy_into(&mut contact, &[], &[]);
    let id = store.table_mut("contacts").insert(contact);
    call.ok(
        "Contact was successfully saved",
        record([("contactId", Value::from(id))]),
    )
}

fn contact_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("contactId").unwrap_or_default();
    let customer_id = call.id("customerId").unwrap_or_default();
    if let Err(refusal) = owned_by(store, "contacts", "contact", id, customer_id) {
        return refusal;
    }
    if let Err(refusal) = known_contact_type(store, call.text("type")) {
        return refusal;
    }
    let Some(mut contact) = store.table_mut("contacts").get_mut(id) else {
        return not_found("contact", id);
    };
    call.copy_into(&mut contact, &["contactId"], &[]);
    call.ok(
        "Contact was successfully updated",
        record([("contactId", Value::from(id))]),
    )
}

fn contact_delete(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("contactId").unwrap_or_default();
    match store.table_mut("contacts").remove(id) {
        Some(_) => call.ok("Contact was successfully deleted", Record::new()),
        None => not_found("contact", id),
    }
}

fn contact_list(call: &Call<'_>, store: &mut Store) -> Reply {
    let customer_id = call.id("customerId").unwrap_or_default();
    if store.table("customers").get(customer_id).is_none() {
        return not_found("customer", customer_id);
    }
    let customer = Value::from(customer_id);
    let rows = store
        .table("contacts")
        .rows()
        .filter(|row| row.get("customerId").is_some_and(|c| same(c, &customer)));
    call.list("contacts", rows)
}

/// Komet takes only contact types that exist in the company. The sandbox has no table of
/// them: the types its pages name and those its contacts already use exist.
fn known_contact_type(store: &Store, kind: Option<&str>) -> Result<(), Reply> {
    let kind = kind.unwrap_or_default();
    let documented = DOCUMENTED_CONTACT_TYPES
        .iter()
        .any(|known| known.eq_ignore_ascii_case(kind));
    let wanted = Value::from(kind);
    if documented || store.table("contacts").find("type", &wanted).is_some() {
        return Ok(());
    }
    Err(Reply::Refused(format!(
        "contact type {kind:?} does not exist in the company"
    )))
}

// ---------------------------------------------------------------------------------------------
// Days of service, additional charges, reward points

/// Sets each (carrier, weekday, location) of the list on every listed customer. Like Komet's
/// own sample answer ("Not found Customer -> ..."), unknown customers are named in a success
/// message when at least one customer was found; when none was, the call is refused.
fn day_service_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let location = call.id("companyLocationId");
    if let Some(location) = location
        && store.table("locations").get(location).is_none()
    {
        return not_found("location", location);
    }
    let ids = customer_ids(call);
    // Komet's page does not say what an absent list means; updating every customer at once
    // would be a surprise, so the sandbox asks for the list.
    if ids.is_empty() {
        return Reply::Refused("idCustomerList names no customer to update".to_owned());
    }
    if ids.len() > MAX_DAY_SERVICE_CUSTOMERS {
        return Reply::Refused(format!(
            "idCustomerList names {} customers; at most {MAX_DAY_SERVICE_CUSTOMERS} per call",
            ids.len()
        ));
    }
    let entries = match service_days(call, store, location) {
        Ok(entries) => entries,
        Err(refusal) => return refusal,
    };
    let (found, missing): (Vec<i64>, Vec<i64>) = ids
        .into_iter()
        .partition(|id| store.table("customers").get(*id).is_some());
    if found.is_empty() {
        return Reply::Refused(format!("Not found Customer -> {}", joined(&missing)));
    }
    for id in found {
        if let Some(mut customer) = store.table_mut("customers").get_mut(id) {
            for entry in &entries {
                upsert(
                    &mut customer,
                    "daysOfService",
                    entry.clone(),
                    &["carrierId", "dayOfService", "locationId"],
                );
            }
            touch(&mut customer);
        }
    }
    let mut message = "Days of service were updated".to_owned();
    if !missing.is_empty() {
        message.push_str(&format!("; Not found Customer -> {}", joined(&missing)));
    }
    call.ok(&clip(message, MAX_MESSAGE), Record::new())
}

/// The listed customer ids, each once, in the order given.
fn customer_ids(call: &Call<'_>) -> Vec<i64> {
    let mut ids = Vec::new();
    if let Some(Value::Array(items)) = call.get("idCustomerList") {
        for id in items.iter().filter_map(as_id) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
    }
    ids
}

/// The days of service to store, one per line; refuses an unknown carrier. Komet's own sample
/// sends carrierCode "null" beside a carrier id, so the id decides and the stored code is the
/// carrier's.
fn service_days(
    call: &Call<'_>,
    store: &Store,
    location: Option<i64>,
) -> Result<Vec<Record>, Reply> {
    let mut entries = Vec::new();
    for line in call.lines("dayOfServiceMassUpdateList") {
        let carrier_id = line.get("carrierId").and_then(as_id).unwrap_or_default();
        let carrier = store
            .table("carriers")
            .get(carrier_id)
            .ok_or_else(|| not_found("carrier", carrier_id))?;
        let mut entry = record([
            ("carrierId", Value::from(carrier_id)),
            (
                "carrierCode",
                carrier.get("code").cloned().unwrap_or(Value::Null),
            ),
            ("dayOfService", weekday(line.get("dayOfService"))),
        ]);
        if let Some(days) = line.get("transitDays").filter(|v| !v.is_null()) {
            entry.insert("transitDays".to_owned(), days.clone());
        }
        if let Some(location) = location {
            entry.insert("locationId".to_owned(), Value::from(location));
        }
        entries.push(entry);
    }
    Ok(entries)
}

/// A weekday as Komet sends it, a digit in a string. The typed request's round trip turns
/// `"4"` into the number 4 (komet-api reads digit strings as numbers and then does not
/// recognise the enum's text value), so the sandbox writes it back as text.
fn weekday(value: Option<&Value>) -> Value {
    match value {
        Some(Value::Number(n)) => Value::from(n.to_string()),
        Some(other) => other.clone(),
        None => Value::Null,
    }
}

/// Links an automatic additional charge to the customer, or changes its amount.
fn additional_charge_update(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("customerId").unwrap_or_default();
    let Some(mut customer) = store.table_mut("customers").get_mut(id) else {
        return not_found("customer", id);
    };
    let mut charge = Record::new();
    call.copy_into(&mut charge, &["customerId"], &[]);
    upsert(
        &mut customer,
        "additionalCharges",
        charge,
        &["additionalChargeCode"],
    );
    touch(&mut customer);
    call.ok(
        "The automatic additional charge was successfully saved.",
        Record::new(),
    )
}

/// Komet's page says the method adds points, its name says set. The points are a balance
/// shown on sales screens and documents, so the sandbox replaces it: a retried call cannot
/// count the points twice.
fn reward_set(call: &Call<'_>, store: &mut Store) -> Reply {
    let id = call.id("customerId").unwrap_or_default();
    let Some(mut customer) = store.table_mut("customers").get_mut(id) else {
        return not_found("customer", id);
    };
    let points = call.get("value").cloned().unwrap_or(Value::from(0));
    customer.insert("rewardPoints".to_owned(), points);
    touch(&mut customer);
    call.ok("Reward points were saved", Record::new())
}

// ---------------------------------------------------------------------------------------------
// Shared checks

/// Whether another customer (not `except`) already has this code.
fn code_in_use(store: &Store, code: &str, except: Option<i64>) -> bool {
    let code = Value::from(code);
    store.table("customers").rows().any(|row| {
        row.get("code").is_some_and(|c| same(c, &code)) && row.get("id").and_then(as_id) != except
    })
}

/// The request's `locationCodes`, each naming a known location. They only apply to
/// multi-location companies (Komet's page says so), so others get `None` and nothing stored.
fn location_codes(call: &Call<'_>, store: &Store) -> Result<Option<String>, Reply> {
    let Some(codes) = call.text("locationCodes") else {
        return Ok(None);
    };
    if !call.caller.multi_location {
        return Ok(None);
    }
    let mut kept = Vec::new();
    for code in codes.split(':').map(str::trim).filter(|c| !c.is_empty()) {
        let Some(location) = store.table("locations").find("code", &Value::from(code)) else {
            return Err(Reply::Refused(format!(
                "location code {code:?} was not found"
            )));
        };
        let code = location.get("code").and_then(Value::as_str).unwrap_or(code);
        kept.push(code.to_owned());
    }
    Ok(Some(kept.join(":")))
}

/// The code of the location customer.list filters on (multi-location companies only).
fn location_filter(call: &Call<'_>, store: &Store) -> Result<Option<String>, Reply> {
    let Some(id) = call.id("locationId") else {
        return Ok(None);
    };
    if !call.caller.multi_location {
        return Ok(None);
    }
    let location = store
        .table("locations")
        .get(id)
        .ok_or_else(|| not_found("location", id))?;
    Ok(location
        .get("code")
        .and_then(Value::as_str)
        .map(str::to_owned))
}

fn in_location(customer: &Record, code: &str) -> bool {
    customer
        .get("locationCodes")
        .and_then(Value::as_str)
        .is_some_and(|codes| {
            codes
                .split(':')
                .any(|c| c.trim().eq_ignore_ascii_case(code))
        })
}

/// Checks that the record `id` of `table` exists and belongs to customer `customer_id`.
fn owned_by(
    store: &Store,
    table: &str,
    what: &str,
    id: i64,
    customer_id: i64,
) -> Result<(), Reply> {
    if store.table("customers").get(customer_id).is_none() {
        return Err(not_found("customer", customer_id));
    }
    let row = store
        .table(table)
        .get(id)
        .ok_or_else(|| not_found(what, id))?;
    if row.get("customerId").and_then(as_id) != Some(customer_id) {
        return Err(Reply::Refused(format!(
            "{what} {id} does not belong to customer {customer_id}"
        )));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Small helpers

/// The fields `(from, to)` of `row` that it has, under their new names.
fn renamed(row: &Record, names: &[(&str, &str)]) -> Record {
    names
        .iter()
        .filter_map(|(from, to)| Some(((*to).to_owned(), row.get(*from)?.clone())))
        .collect()
}

/// Whether a flag or bool field of the request is on.
fn flag_on(call: &Call<'_>, field: &str) -> bool {
    matches!(call.get(field), Some(v) if v == &Value::from(1) || v == &Value::Bool(true))
}

/// Whether the date (or date-time) in `field` is on or after `since` (`YYYY-MM-DD`).
fn updated_since(row: &Record, field: &str, since: &str) -> bool {
    row.get(field)
        .and_then(Value::as_str)
        .and_then(|stamp| stamp.get(..10))
        .is_some_and(|day| day >= since)
}

/// Marks a customer as changed now.
fn touch(customer: &mut Record) {
    let now = Utc::now().format("%Y-%m-%d %H:%M:%S").to_string();
    customer.insert("updatedOn".to_owned(), Value::from(now));
}

/// Replaces the entry of the array `field` of `owner` that matches `entry` on every `key`
/// field, or appends it.
fn upsert(owner: &mut Record, field: &str, entry: Record, key: &[&str]) {
    let slot = owner
        .entry(field.to_owned())
        .or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    if let Value::Array(items) = slot {
        items.retain(|item| !item.as_object().is_some_and(|i| same_key(i, &entry, key)));
        items.push(Value::Object(entry));
    }
}

fn same_key(a: &Record, b: &Record, key: &[&str]) -> bool {
    key.iter().all(|k| match (a.get(*k), b.get(*k)) {
        (None, None) => true,
        (Some(x), Some(y)) => same(x, y),
        _ => false,
    })
}

/// `text`, cut to at most `max` characters.
fn clip(text: String, max: usize) -> String {
    if text.chars().count() <= max {
        return text;
    }
    text.chars().take(max).collect()
}

fn joined(ids: &[i64]) -> String {
    ids.iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
