//! Look-ups shared by prebooks, purchase orders and invoices: catalogue records named by
//! id or code, line quantities, exact money and date ranges.

use std::str::FromStr;

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;
use serde_json::{Number, Value};

use crate::store::{Record, Store, as_id};

/// A catalogue table: its name, what its records are called in refusals, and the
/// fields codes are looked up in.
pub(super) struct Catalogue {
    table: &'static str,
    what: &'static str,
    code_fields: &'static [&'static str],
}

pub(super) const CUSTOMERS: Catalogue = Catalogue {
    table: "customers",
    what: "customer",
    code_fields: &["code"],
};
pub(super) const CARRIERS: Catalogue = Catalogue {
    table: "carriers",
    what: "carrier",
    code_fields: &["code"],
};
pub(super) const VENDORS: Catalogue = Catalogue {
    table: "vendors",
    what: "vendor",
    code_fields: &["code"],
};
/// Vendors looked up by name (prebook lines may name their grower).
pub(super) const VENDOR_NAMES: Catalogue = Catalogue {
    table: "vendors",
    what: "vendor named",
    code_fields: &["name"],
};
/// Products: product.add stores the product code as `legacyCode`.
pub(super) const PRODUCTS: Catalogue = Catalogue {
    table: "products",
    what: "product",
    code_fields: &["legacyCode", "code"],
};
pub(super) const BOX_TYPES: Catalogue = Catalogue {
    table: "boxTypes",
    what: "box type",
    code_fields: &["code"],
};
pub(super) const LOCATIONS: Catalogue = Catalogue {
    table: "locations",
    what: "location",
    code_fields: &["code"],
};

/// The record with `id`, or else the one whose code is `code` (ignoring case); the
/// refusal names what was sent when there is none.
pub(super) fn find(
    store: &Store,
    of: &Catalogue,
    id: Option<i64>,
    code: Option<&str>,
) -> Result<Record, String> {
    if let Some(id) = id {
        return store
            .table(of.table)
            .get(id)
            .cloned()
            .ok_or_else(|| format!("{} {id} was not found", of.what));
    }
    let Some(code) = code else {
        return Err(format!("no {} was given", of.what));
    };
    let code = code.trim();
    store
        .table(of.table)
        .rows()
        .find(|row| {
            of.code_fields
                .iter()
                .filter_map(|field| text(row, field))
                .any(|have| have.trim().eq_ignore_ascii_case(code))
        })
        .cloned()
        .ok_or_else(|| format!("{} {code:?} was not found", of.what))
}

/// `count` of `noun`, in English: "1 invoice", "2 invoices".
pub(super) fn counted(count: usize, noun: &str) -> String {
    match count {
        1 => format!("1 {noun}"),
        _ => format!("{count} {noun}s"),
    }
}

/// A text field of a record.
pub(super) fn text<'r>(row: &'r Record, field: &str) -> Option<&'r str> {
    row.get(field).and_then(Value::as_str)
}

/// A whole-number field of a record (numbers or numeric text).
pub(super) fn int(row: &Record, field: &str) -> Option<i64> {
    row.get(field).and_then(as_id)
}

/// A record's id (every stored record has one).
pub(super) fn id_of(row: &Record) -> i64 {
    int(row, "id").unwrap_or_default()
}

/// Whether a flag is on: 1 (or true).
pub(super) fn flag(value: Option<&Value>) -> bool {
    value.is_some_and(|v| as_id(v) == Some(1) || v == &Value::Bool(true))
}

/// Copies the listed fields of `source` that are present into `target`.
pub(super) fn copy_fields(source: &Record, target: &mut Record, fields: &[&str]) {
    for field in fields {
        if let Some(value) = source.get(*field).filter(|v| !v.is_null()) {
            target.insert((*field).to_owned(), value.clone());
        }
    }
}

/// Copies `(from, to)` fields of `source` that are present into `target`, renamed.
pub(super) fn rename_fields(source: &Record, target: &mut Record, pairs: &[(&str, &str)]) {
    for (from, to) in pairs {
        if let Some(value) = source.get(*from).filter(|v| !v.is_null()) {
            target.insert((*to).to_owned(), value.clone());
        }
    }
}

/// A line's product description: its own, or else its product's (lines written from
/// inventory keep only the product id).
pub(super) fn describe<'s>(store: &'s Store, line: &'s Record) -> Option<&'s str> {
    text(line, "productDescription").or_else(|| {
        let product = store.table("products").get(int(line, "productId")?)?;
        text(product, "description")
    })
}

/// Whether `have` contains `wanted`, ignoring case (Komet's "LIKE" filters).
pub(super) fn contains_text(have: Option<&str>, wanted: &str) -> bool {
    have.is_some_and(|have| have.to_lowercase().contains(&wanted.to_lowercase()))
}

/// A money or quantity field as an exact decimal, read from the JSON number's text.
pub(super) fn decimal(value: Option<&Value>) -> Option<Decimal> {
    match value? {
        Value::Number(n) => {
            let text = n.to_string();
            Decimal::from_str(&text)
                .or_else(|_| Decimal::from_scientific(&text))
                .ok()
        }
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        _ => None,
    }
}

/// An amount rounded to cents, as a JSON number written from the decimal's own text
/// (the way komet-api's wire helpers write decimals).
pub(super) fn money(amount: Decimal) -> Value {
    amount
        .round_dp(2)
        .to_string()
        .parse::<Number>()
        .map_or(Value::Null, Value::Number)
}

/// Units (stems, or bunches when the line counts bunches) in one box of a line; a mixed
/// box without its own bunches and stems adds up its breakdowns.
pub(super) fn units_per_box(line: &Record) -> Option<i64> {
    if let Some(units) = int(line, "unitsPerBox") {
        return Some(units);
    }
    let by_bunch = text(line, "unitType").is_some_and(|t| t.eq_ignore_ascii_case("Bunch"));
    let units = |row: &Record| {
        let bunches = int(row, "bunches")?;
        if by_bunch {
            Some(bunches)
        } else {
            bunches.checked_mul(int(row, "stemsBunch")?)
        }
    };
    units(line).or_else(|| match line.get("breakdowns") {
        Some(Value::Array(parts)) => parts
            .iter()
            .filter_map(Value::as_object)
            .try_fold(0_i64, |sum, part| sum.checked_add(units(part)?)),
        _ => None,
    })
}

/// Units on a line: booked directly for unit lines, else boxes times units per box.
pub(super) fn total_units(line: &Record) -> Option<i64> {
    if text(line, "itemType") == Some("UN") {
        return int(line, "totalUnits");
    }
    boxes(line)?.checked_mul(units_per_box(line)?)
}

/// Boxes on a line (web order lines call them `quantity`).
pub(super) fn boxes(line: &Record) -> Option<i64> {
    int(line, "boxes").or_else(|| int(line, "quantity"))
}

/// Price times units, less the line's discount (a percentage), in cents.
pub(super) fn line_total(line: &Record) -> Option<Value> {
    line_amount(line).map(money)
}

/// The exact amount of a line (see [`line_total`]).
pub(super) fn line_amount(line: &Record) -> Option<Decimal> {
    let price = decimal(line.get("price"))?;
    let gross = price.checked_mul(Decimal::from(total_units(line)?))?;
    let discount = decimal(line.get("discount")).unwrap_or_default();
    let kept = Decimal::ONE_HUNDRED.checked_sub(discount)?;
    gross.checked_mul(kept)?.checked_div(Decimal::ONE_HUNDRED)
}

/// Whether a `YYYY-MM-DD` date falls within the optional bounds (text order is date
/// order for this format).
pub(super) fn in_range(date: Option<&str>, from: Option<&str>, to: Option<&str>) -> bool {
    match date {
        Some(date) => from.is_none_or(|from| date >= from) && to.is_none_or(|to| date <= to),
        None => from.is_none() && to.is_none(),
    }
}

/// A refusal when `from..to` spans more than `months` months and `days` days, Komet's
/// limits on list ranges.
pub(super) fn range_refusal(
    from: Option<&str>,
    to: Option<&str>,
    months: u32,
    days: u64,
) -> Option<String> {
    let parse = |d: Option<&str>| d.and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let (from, to) = (parse(from)?, parse(to)?);
    let limit = from
        .checked_add_months(Months::new(months))?
        .checked_add_days(Days::new(days))?;
    let span = match (months, days) {
        (0, days) => format!("{days} days"),
        (months, 0) => format!("{months} months"),
        (months, days) => format!("{months} months and {days} days"),
    };
    (to > limit).then(|| format!("the date range may span at most {span}"))
}
