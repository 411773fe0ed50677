//! Methods with state: creates that later lists and gets can see.
//!
//! Each area module answers some methods by name; a method no module answers gets a
//! response synthesized from its spec shape (see [`crate::shape::synthesize`]). Handlers
//! receive a request that has already passed the method's validators and decoded through its
//! typed request, in canonical JSON.

mod catalogue;
mod customers;
mod documents;
mod inventory;
mod invoices;
mod lookup;
mod prebooks;
mod purchase_orders;
mod web_orders;

pub(crate) use documents::{invoice_number, purchase_order_number};

use chrono::NaiveDate;
use komet_api::meta::{FieldType, MethodMeta, ObjectMeta};
use serde_json::{Map, Value};

use crate::accounts::Account;
use crate::shape::project;
use crate::store::{Record, Store, as_id, same};

/// One validated call.
pub(crate) struct Call<'a> {
    /// The method's metadata.
    pub method: &'static MethodMeta,
    /// The request in canonical JSON, without the token.
    pub request: &'a Record,
    /// Who is calling.
    pub caller: &'a Account,
    /// Today's date (UTC), for dates the server fills in.
    pub today: NaiveDate,
}

/// A handler's answer.
#[derive(Debug)]
pub(crate) enum Reply {
    /// A success body.
    Ok(Value),
    /// A refusal: answered `status: 0` with this message.
    Refused(String),
}

/// Answers one method.
pub(crate) type Handler = fn(&Call<'_>, &mut Store) -> Reply;

/// The handler of `method`, if it has state.
pub(crate) fn handler(method: &str) -> Option<Handler> {
    catalogue::handler(method)
        .or_else(|| customers::handler(method))
        .or_else(|| inventory::handler(method))
        .or_else(|| prebooks::handler(method))
        .or_else(|| purchase_orders::handler(method))
        .or_else(|| invoices::handler(method))
        .or_else(|| web_orders::handler(method))
}

impl Call<'_> {
    /// A request field.
    pub fn get(&self, field: &str) -> Option<&Value> {
        self.request.get(field).filter(|v| !v.is_null())
    }

    /// A request field as text.
    pub fn text(&self, field: &str) -> Option<&str> {
        self.get(field).and_then(Value::as_str)
    }

    /// A request field as an id.
    pub fn id(&self, field: &str) -> Option<i64> {
        self.get(field).and_then(as_id)
    }

    /// The lines of an array field of the request (empty when absent).
    pub fn lines(&self, field: &str) -> Vec<&Record> {
        match self.get(field) {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_object).collect(),
            _ => Vec::new(),
        }
    }

    /// A success body: `status` 1 and `message` (when the method's response has them), then
    /// `fields`.
    pub fn ok(&self, message: &str, fields: Record) -> Reply {
        let mut body = Map::new();
        if has_field(self.method.response, "status") {
            body.insert("status".to_owned(), Value::from(1));
        }
        if has_field(self.method.response, "message") {
            body.insert("message".to_owned(), Value::from(message));
        }
        body.extend(fields);
        Reply::Ok(Value::Object(body))
    }

    /// A success body whose array field `field` lists `rows`, each projected onto the
    /// response's row shape.
    pub fn list<'r>(&self, field: &str, rows: impl IntoIterator<Item = &'r Record>) -> Reply {
        let Some(row_shape) = array_shape(self.method.response, field) else {
            return Reply::Refused(format!(
                "sandbox: {} has no array field {field} in its response",
                self.method.name
            ));
        };
        let rows: Vec<Value> = rows
            .into_iter()
            .map(|row| Value::Object(project(row, row_shape)))
            .collect();
        let mut fields = Map::new();
        fields.insert(field.to_owned(), Value::Array(rows));
        self.ok("Success", fields)
    }

    /// Copies the request's fields into `record`, renamed by `renames` (request name, record
    /// name) and leaving out those in `skip`.
    pub fn copy_into(&self, record: &mut Record, skip: &[&str], renames: &[(&str, &str)]) {
        for (name, value) in self.request {
            if skip.contains(&name.as_str()) || value.is_null() {
                continue;
            }
            let target = renames
                .iter()
                .find(|(from, _)| *from == name)
                .map_or(name.as_str(), |(_, to)| *to);
            record.insert(target.to_owned(), value.clone());
        }
    }

    /// Whether `row` passes the request's filters: each `(request field, record field, how)`
    /// that the request gives must match.
    pub fn passes(&self, row: &Record, filters: &[(&str, &str, Match)]) -> bool {
        filters.iter().all(|(param, field, how)| {
            let Some(wanted) = self.get(param) else {
                return true;
            };
            let Some(have) = row.get(*field) else {
                return false;
            };
            match how {
                Match::Exact => same(have, wanted),
                Match::Contains => match (have.as_str(), wanted.as_str()) {
                    (Some(have), Some(wanted)) => {
                        have.to_lowercase().contains(&wanted.to_lowercase())
                    }
                    _ => same(have, wanted),
                },
            }
        })
    }
}

/// How a list filter compares.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Match {
    /// Equal (numbers and numeric text alike, text without regard to case).
    Exact,
    /// The record's text contains the filter's, without regard to case.
    Contains,
}

/// Whether a record is active: `active` 1 or true, or absent.
pub(crate) fn is_active(row: &Record) -> bool {
    !matches!(row.get("active"), Some(v) if v == &Value::from(0) || v == &Value::Bool(false))
}

/// A refusal naming what was not found.
pub(crate) fn not_found(what: &str, id: impl std::fmt::Display) -> Reply {
    Reply::Refused(format!("{what} {id} was not found"))
}

/// Whether `meta` has a field named `name`.
pub(crate) fn has_field(meta: &ObjectMeta, name: &str) -> bool {
    meta.fields.iter().any(|f| f.name == name)
}

/// The row shape of the array field `name` of `meta`.
pub(crate) fn array_shape(meta: &'static ObjectMeta, name: &str) -> Option<&'static ObjectMeta> {
    meta.fields
        .iter()
        .find(|f| f.name == name)
        .and_then(|f| match &f.ty {
            FieldType::Array(shape) => Some(*shape),
            _ => None,
        })
}

/// A record made of `pairs`.
pub(crate) fn record<const N: usize>(pairs: [(&str, Value); N]) -> Record {
    pairs
        .into_iter()
        .map(|(name, value)| (name.to_owned(), value))
        .collect()
}
