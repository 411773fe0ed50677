//! The sandbox's in-memory data: tables of JSON records, keyed by an integer id.
//!
//! Records use Komet's own field names (`customerId`, `name`, ...), so list methods can answer
//! with a record projected onto the method's response fields (see [`crate::shape::project`]).
//! The seed catalogue and users' fixture files use the same form.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

/// One stored entity, in Komet's field names.
pub type Record = Map<String, Value>;

/// The field that holds a record's id, in every table (list responses call it `id`).
pub const ID: &str = "id";

/// Every table and the first id it hands out.
pub const TABLES: &[(&str, i64)] = &[
    ("customers", 2001),
    ("shipTos", 2501),
    ("contacts", 2801),
    ("carriers", 1801),
    ("vendors", 3001),
    ("boxTypes", 901),
    ("categories", 51),
    ("products", 5001),
    ("locations", 11),
    ("inventory", 70001),
    ("prebooks", 1_640_001),
    ("prebookItems", 3_427_601),
    ("purchaseOrders", 81_001),
    ("purchaseOrderItems", 91_001),
    ("invoices", 40_001),
    ("invoiceItems", 45_001),
    ("webOrders", 60_001),
    ("webOrderItems", 65_001),
];

/// One table.
#[derive(Debug, Clone)]
pub struct Table {
    next_id: i64,
    rows: BTreeMap<i64, Record>,
}

impl Table {
    fn new(first_id: i64) -> Self {
        Table {
            next_id: first_id,
            rows: BTreeMap::new(),
        }
    }

    /// Stores `record` under a new id, written into its `id` field; returns the id.
    pub fn insert(&mut self, mut record: Record) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        record.insert(ID.to_owned(), Value::from(id));
        self.rows.insert(id, record);
        id
    }

    /// Stores `record` under the id it carries (seed and fixture data).
    pub fn put(&mut self, record: Record) -> Result<i64, String> {
        let id = record
            .get(ID)
            .and_then(as_id)
            .ok_or_else(|| format!("a record has no integer `{ID}`"))?;
        self.next_id = self.next_id.max(id + 1);
        self.rows.insert(id, record);
        Ok(id)
    }

    /// The record with this id.
    pub fn get(&self, id: i64) -> Option<&Record> {
        self.rows.get(&id)
    }

    /// The record with this id, to change it.
    pub fn get_mut(&mut self, id: i64) -> Option<&mut Record> {
        self.rows.get_mut(&id)
    }

    /// Removes and returns the record with this id.
    pub fn remove(&mut self, id: i64) -> Option<Record> {
        self.rows.remove(&id)
    }

    /// Every record, by id.
    pub fn rows(&self) -> impl Iterator<Item = &Record> {
        self.rows.values()
    }

    /// Every record, by id, to change them.
    pub fn rows_mut(&mut self) -> impl Iterator<Item = &mut Record> {
        self.rows.values_mut()
    }

    /// The first record whose `field` equals `value` (numbers and numeric text compare equal).
    pub fn find(&self, field: &str, value: &Value) -> Option<&Record> {
        self.rows
            .values()
            .find(|row| row.get(field).is_some_and(|v| same(v, value)))
    }

    /// Ids of the records for which `keep` is true.
    pub fn ids_where(&self, keep: impl Fn(&Record) -> bool) -> Vec<i64> {
        self.rows
            .iter()
            .filter(|(_, row)| keep(row))
            .map(|(id, _)| *id)
            .collect()
    }

    /// Number of records.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table is empty.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// All tables.
#[derive(Debug, Clone)]
pub struct Store {
    tables: BTreeMap<&'static str, Table>,
}

impl Default for Store {
    fn default() -> Self {
        Store {
            tables: TABLES
                .iter()
                .map(|(name, first)| (*name, Table::new(*first)))
                .collect(),
        }
    }
}

impl Store {
    /// The table `name`, one of [`TABLES`].
    ///
    /// # Panics
    /// When `name` is not in [`TABLES`]: table names are fixed in the sandbox's code.
    pub fn table(&self, name: &str) -> &Table {
        self.tables
            .get(name)
            .unwrap_or_else(|| panic!("no table named {name}"))
    }

    /// The table `name`, to change it (see [`Store::table`]).
    pub fn table_mut(&mut self, name: &str) -> &mut Table {
        self.tables
            .get_mut(name)
            .unwrap_or_else(|| panic!("no table named {name}"))
    }

    /// Loads records from a fixture: `{"customers": [{"id": 7, ...}], "products": [...]}`. Records
    /// carry their ids and replace stored records with the same id.
    pub fn load(&mut self, fixture: &Value) -> Result<(), String> {
        let tables = fixture
            .as_object()
            .ok_or("a fixture must be a JSON object of tables")?;
        for (name, rows) in tables {
            let table = self.tables.get_mut(name.as_str()).ok_or_else(|| {
                let known: Vec<_> = TABLES.iter().map(|(name, _)| *name).collect();
                format!("unknown table {name:?} (known: {})", known.join(", "))
            })?;
            let rows = rows
                .as_array()
                .ok_or_else(|| format!("table {name:?} must be an array of records"))?;
            for (i, row) in rows.iter().enumerate() {
                let record = row
                    .as_object()
                    .ok_or_else(|| format!("{name}[{i}] must be an object"))?;
                table
                    .put(record.clone())
                    .map_err(|e| format!("{name}[{i}]: {e}"))?;
            }
        }
        Ok(())
    }
}

/// An id as sent: a number, or text holding one.
pub fn as_id(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}

/// Equality that treats `5` and `"5"` as the same value and ignores case in text.
pub fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::String(x), Value::String(y)) => x.eq_ignore_ascii_case(y),
        (Value::Number(_), _) | (_, Value::Number(_)) => {
            as_id(a).is_some() && as_id(a) == as_id(b) || text(a) == text(b)
        }
        _ => a == b,
    }
}

fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.trim().to_owned(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn ids_continue_after_loaded_records() {
        let mut store = Store::default();
        store
            .load(&json!({"customers": [{"id": 2500, "name": "A"}]}))
            .unwrap();
        let customers = store.table_mut("customers");
        let id = customers.insert(Map::new());
        assert_eq!(id, 2501);
        assert_eq!(customers.get(id).unwrap()["id"], 2501);
        assert!(customers.find("id", &json!("2500")).is_some());
    }

    #[test]
    fn fixture_errors_name_the_table_and_row() {
        let mut store = Store::default();
        let e = store.load(&json!({"planets": []})).unwrap_err();
        assert!(e.contains("unknown table \"planets\""), "{e}");
        let e = store
            .load(&json!({"products": [{"id": 1}, {"name": "x"}]}))
            .unwrap_err();
        assert_eq!(e, "products[1]: a record has no integer `id`");
    }
}
