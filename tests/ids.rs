//! Every field that holds an entity id has its id type (`id:Name` in the spec, `FieldMeta::id`
//! in the metadata), so a new or reverted `integer` id field fails here instead of letting a
//! customer id and a carrier id swap silently.
//!
//! The check reads the generated registry: every integer field, list of integers or
//! comma-separated integers whose wire name ends in `id` or `ids` (any case: `customerId`,
//! `locationIds`, `locationid`, the bare `id` of a list method's rows) must name its id type,
//! unless it is listed in [`NOT_IDS`] with the reason.

use std::collections::BTreeMap;

use komet_api::meta::{FieldMeta, FieldType, ObjectMeta};
use komet_api::registry;

/// Integer fields whose name says id but that hold no record's id: `(method, path, why)`.
const NOT_IDS: &[(&str, &str, &str)] = &[(
    "web-order-details.list",
    "response.webOrders[].statusId",
    // The request's statusId is `enum:WebOrderStatus`; the answer's is documented integer:1.
    "a status code (1 pending, 2 checked out), not the id of a record",
)];

/// Wire names that hold different kinds of id depending on the method, on purpose; every
/// other name holds the same id type wherever it appears.
const SPLIT_NAMES: &[(&str, &str)] = &[
    ("id", "the row id of whatever a list method lists"),
    (
        "inventoryId",
        "an inventory line, a purchase order line (future inventory) or a vendor availability item",
    ),
    (
        "inventoryIds",
        "storefront inventory lines, or vendor availability items (prebook.vendor.availability.item.add)",
    ),
    (
        "orderItemId",
        "an inventory line (inventory.list, invoice.item.add) or an invoice line (web-order-item.add)",
    ),
    ("kometNetworkId", "the Komet Network id of a carrier, a box type or a category"),
];

/// Whether a wire name says it holds ids.
fn named_like_an_id(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with("id") || lower.ends_with("ids")
}

/// Whether the type is an integer, or a list or comma-separated list of integers.
fn integers(ty: &FieldType) -> bool {
    match ty {
        FieldType::Integer { .. } => true,
        FieldType::List(item) | FieldType::Csv { item, .. } => integers(item),
        _ => false,
    }
}

/// Visits every field of `object` and its nested objects with its path
/// (`request.prebookItems[].productId`).
fn walk(object: &ObjectMeta, path: &str, visit: &mut dyn FnMut(&str, &FieldMeta)) {
    for field in object.fields {
        let here = format!("{path}.{}", field.name);
        visit(&here, field);
        match &field.ty {
            FieldType::Object(inner) => walk(inner, &here, visit),
            FieldType::Array(inner) => walk(inner, &format!("{here}[]"), visit),
            FieldType::Map(inner) => walk(inner, &format!("{here}{{}}"), visit),
            _ => {}
        }
    }
}

/// Every `(method, request, response)` of the registry.
fn every_method() -> Vec<(&'static str, &'static ObjectMeta, &'static ObjectMeta)> {
    registry::methods()
        .iter()
        .map(|entry| (entry.meta.name, entry.meta.request, entry.meta.response))
        .collect()
}

/// The fields named like ids that hold integers without an id type, as `method path`.
fn untyped_ids(
    methods: &[(&str, &ObjectMeta, &ObjectMeta)],
    allowed: &[(&str, &str, &str)],
) -> Vec<String> {
    let mut out = Vec::new();
    for (method, request, response) in methods {
        for (side, object) in [("request", request), ("response", response)] {
            walk(object, side, &mut |path, field| {
                let excused = allowed.iter().any(|(m, p, _)| m == method && *p == path);
                if named_like_an_id(field.name)
                    && integers(&field.ty)
                    && field.id.is_none()
                    && !excused
                {
                    out.push(format!("{method} {path}"));
                }
            });
        }
    }
    out
}

#[test]
fn every_id_field_has_its_id_type() {
    let missing = untyped_ids(&every_method(), NOT_IDS);
    assert!(
        missing.is_empty(),
        "these fields hold ids as plain integers; give each an `id:Name` type in the spec (or \
         list it in NOT_IDS with the reason):\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_excused_field_exists_and_is_still_an_integer() {
    for (method, path, why) in NOT_IDS {
        let (_, request, response) = every_method()
            .into_iter()
            .find(|(name, _, _)| name == method)
            .unwrap_or_else(|| panic!("NOT_IDS names the unknown method {method}"));
        let mut found = false;
        for (side, object) in [("request", request), ("response", response)] {
            walk(object, side, &mut |here, field| {
                if here == *path {
                    found = true;
                    assert!(
                        integers(&field.ty) && field.id.is_none(),
                        "{method} {path} is no longer an untyped integer; drop it from NOT_IDS"
                    );
                }
            });
        }
        assert!(
            found,
            "NOT_IDS names {method} {path}, which does not exist ({why})"
        );
    }
}

/// A wire name holds one kind of id everywhere, except the names split on purpose.
#[test]
fn a_field_name_means_one_id_type() {
    let mut types: BTreeMap<&str, BTreeMap<&str, Vec<String>>> = BTreeMap::new();
    for (method, request, response) in every_method() {
        for (side, object) in [("request", request), ("response", response)] {
            walk(object, side, &mut |path, field| {
                if let Some(id) = field.id {
                    types
                        .entry(field.name)
                        .or_default()
                        .entry(id)
                        .or_default()
                        .push(format!("{method} {path}"));
                }
            });
        }
    }
    let mut mixed = Vec::new();
    for (name, by_type) in &types {
        let split = SPLIT_NAMES.iter().any(|(n, _)| n == name);
        if by_type.len() > 1 && !split {
            mixed.push(format!("{name}: {by_type:?}"));
        }
        if split {
            assert!(
                by_type.len() > 1,
                "{name} is one id type now; drop it from SPLIT_NAMES"
            );
        }
    }
    assert!(
        mixed.is_empty(),
        "the same field name holds different id types:\n{}",
        mixed.join("\n")
    );
    for (name, _) in SPLIT_NAMES {
        assert!(
            types.contains_key(name),
            "SPLIT_NAMES names {name}, no id field"
        );
    }
}

// The check itself: a field reverted to a plain integer (top level, nested, list or csv) is
// reported, one with its id type is not.

static LINE: ObjectMeta = ObjectMeta {
    fields: &[
        FieldMeta::new("productId", FieldType::integer(20)),
        FieldMeta::new("vendorId", FieldType::integer(20)).with_id("VendorId"),
        FieldMeta::new("boxes", FieldType::integer(10)),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

static REVERTED: ObjectMeta = ObjectMeta {
    fields: &[
        FieldMeta::new("carrierId", FieldType::integer(20)),
        FieldMeta::new("customerId", FieldType::integer(20)).with_id("CustomerId"),
        FieldMeta::new("locationIds", FieldType::List(&FieldType::integer(20))),
        FieldMeta::new(
            "inventoryLineIds",
            FieldType::Csv {
                max_len: None,
                item: &FieldType::ANY_INTEGER,
            },
        ),
        FieldMeta::new("locationid", FieldType::ANY_INTEGER),
        FieldMeta::new("id", FieldType::integer(20)),
        FieldMeta::new("invoiceNumber", FieldType::integer(10)),
        FieldMeta::new("lines", FieldType::Array(&LINE)),
        FieldMeta::new("statusId", FieldType::integer(1)),
        FieldMeta::new("paid", FieldType::Flag),
    ],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

static EMPTY: ObjectMeta = ObjectMeta {
    fields: &[],
    alternatives: &[],
    rules: &[],
    date_spans: &[],
};

#[test]
fn the_check_reports_integers_named_like_ids() {
    let allowed = [("thing.list", "request.statusId", "a status")];
    let missing = untyped_ids(&[("thing.list", &REVERTED, &EMPTY)], &allowed);
    assert_eq!(
        missing,
        [
            "thing.list request.carrierId",
            "thing.list request.locationIds",
            "thing.list request.inventoryLineIds",
            "thing.list request.locationid",
            "thing.list request.id",
            "thing.list request.lines[].productId",
        ]
    );
    // Without its allowlist entry the status code is reported too.
    let strict = untyped_ids(&[("thing.list", &REVERTED, &EMPTY)], &[]);
    assert!(strict.contains(&"thing.list request.statusId".to_owned()));
}
