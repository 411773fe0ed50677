//! The sandbox's in-memory data: tables of JSON records, keyed by an integer id.
//!
//! Records use Komet's own field names (`customerId`, `name`, ...), so list methods can answer
//! with a record projected onto the method's response fields (see [`crate::shape::project`]).
//! The seed catalogue and users' fixture files use the same form.
//!
//! Tables keep indexes on a few fields ([`INDEXES`]: lines by document, documents by ship
//! date and number), so lists and details cost what they show. Every change goes through the
//! table (insert, put, remove, or a [`RowMut`] handed out by `get_mut`/`rows_mut`), which keeps
//! the indexes in step; there is no way to change a stored record behind them.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

pub use crate::index::RowMut;
use crate::index::{Indexes, Key, SharedIndexes};

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

/// Fields each table is indexed by: lines by the document they belong to, documents by ship
/// date (lists select a date range) and number (calls name documents by number). Lookups on
/// these fields cost what they find, not the size of the table.
pub const INDEXES: &[(&str, &[&str])] = &[
    ("prebooks", &["shipDate"]),
    ("prebookItems", &["prebookId", "purchaseOrderItemId"]),
    ("purchaseOrders", &["shipDate", "number"]),
    ("purchaseOrderItems", &["purchaseOrderId"]),
    ("invoices", &["shipDate", "invoiceNumber"]),
    ("invoiceItems", &["invoiceId"]),
    ("webOrders", &["customerId"]),
    ("webOrderItems", &["webOrderId"]),
];

/// One table.
#[derive(Debug, Clone)]
pub struct Table {
    next_id: i64,
    rows: BTreeMap<i64, Record>,
    indexes: SharedIndexes,
}

impl Table {
    fn new(first_id: i64, indexed: &[&'static str]) -> Self {
        Table {
            next_id: first_id,
            rows: BTreeMap::new(),
            indexes: SharedIndexes::new(Indexes::new(indexed)),
        }
    }

    /// Stores `record` under a new id, written into its `id` field; returns the id.
    pub fn insert(&mut self, mut record: Record) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        record.insert(ID.to_owned(), Value::from(id));
        self.indexes.get_mut().add(id, &record);
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
        let indexes = self.indexes.get_mut();
        if let Some(old) = self.rows.get(&id) {
            indexes.drop_row(id, old);
        }
        indexes.add(id, &record);
        self.rows.insert(id, record);
        Ok(id)
    }

    /// The record with this id.
    pub fn get(&self, id: i64) -> Option<&Record> {
        self.rows.get(&id)
    }

    /// The record with this id, to change it.
    pub fn get_mut(&mut self, id: i64) -> Option<RowMut<'_>> {
        let indexes = &self.indexes;
        self.rows
            .get_mut(&id)
            .map(|record| RowMut::new(id, record, indexes))
    }

    /// Removes and returns the record with this id.
    pub fn remove(&mut self, id: i64) -> Option<Record> {
        let record = self.rows.remove(&id)?;
        self.indexes.get_mut().drop_row(id, &record);
        Some(record)
    }

    /// Every record, by id.
    pub fn rows(&self) -> impl Iterator<Item = &Record> {
        self.rows.values()
    }

    /// Every record, by id, to change them.
    pub fn rows_mut(&mut self) -> impl Iterator<Item = RowMut<'_>> {
        let indexes = &self.indexes;
        self.rows
            .iter_mut()
            .map(move |(id, record)| RowMut::new(*id, record, indexes))
    }

    /// The first record whose `field` equals `value` (numbers and numeric text compare equal).
    pub fn find(&self, field: &str, value: &Value) -> Option<&Record> {
        self.rows_by(field, value).into_iter().next()
    }

    /// Every record whose `field` equals `value` (numbers and numeric text compare equal,
    /// text ignoring case), by id.
    pub fn rows_by(&self, field: &str, value: &Value) -> Vec<&Record> {
        let indexed = self.indexes.read().ids(field, &Key::of(value));
        match indexed {
            Some(ids) => self
                .rows_of(ids)
                .filter(|row| row.get(field).is_some_and(|v| same(v, value)))
                .collect(),
            None => self
                .rows
                .values()
                .filter(|row| row.get(field).is_some_and(|v| same(v, value)))
                .collect(),
        }
    }

    /// The first document whose number `field` is `number` (see [`Table::rows_numbered`]).
    pub fn find_number(&self, field: &str, number: &str) -> Option<&Record> {
        self.rows_numbered(field, number).into_iter().next()
    }

    /// The documents whose number `field` is `number`, by id: the same text (ignoring case), or
    /// the same digits after a letter prefix (`"P081001"`, `"081001"` and `81001` alike).
    pub fn rows_numbered(&self, field: &str, number: &str) -> Vec<&Record> {
        let key = Key::of(&Value::from(number));
        let indexed = self.indexes.read().ids(field, &key);
        let matches = |row: &&Record| row.get(field).is_some_and(|v| Key::of(v) == key);
        match indexed {
            Some(ids) => self.rows_of(ids).filter(matches).collect(),
            None => self.rows.values().filter(matches).collect(),
        }
    }

    /// Every record whose text `field` lies in `from..=to` (either end open), by id; text
    /// order is date order for `YYYY-MM-DD` dates. With no bounds at all, every record.
    pub fn rows_between(&self, field: &str, from: Option<&str>, to: Option<&str>) -> Vec<&Record> {
        if from.is_none() && to.is_none() {
            return self.rows.values().collect();
        }
        let within = |row: &&Record| {
            row.get(field).and_then(Value::as_str).is_some_and(|have| {
                from.is_none_or(|from| have >= from) && to.is_none_or(|to| have <= to)
            })
        };
        let indexed = self.indexes.read().ids_between(field, from, to);
        match indexed {
            Some(mut ids) => {
                ids.sort_unstable();
                self.rows_of(ids).filter(within).collect()
            }
            None => self.rows.values().filter(within).collect(),
        }
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

    fn rows_of(&self, ids: Vec<i64>) -> impl Iterator<Item = &Record> {
        ids.into_iter().filter_map(|id| self.rows.get(&id))
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
                .map(|(name, first)| {
                    let indexed = INDEXES
                        .iter()
                        .find(|(table, _)| table == name)
                        .map_or(&[][..], |(_, fields)| *fields);
                    (*name, Table::new(*first, indexed))
                })
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

    fn line(prebook: i64) -> Record {
        json!({"prebookId": prebook}).as_object().unwrap().clone()
    }

    fn ids(rows: Vec<&Record>) -> Vec<i64> {
        rows.into_iter().map(|r| as_id(&r[ID]).unwrap()).collect()
    }

    #[test]
    fn indexes_follow_every_change() {
        let mut store = Store::default();
        let lines = store.table_mut("prebookItems");
        let a = lines.insert(line(1));
        let b = lines.insert(line(2));
        let c = lines.insert(line(1));
        assert_eq!(ids(lines.rows_by("prebookId", &json!(1))), [a, c]);
        // Changed through a handed-out row, one at a time or all together.
        lines
            .get_mut(a)
            .unwrap()
            .insert("prebookId".into(), json!(2));
        assert_eq!(ids(lines.rows_by("prebookId", &json!(2))), [a, b]);
        for mut row in lines.rows_mut() {
            row.remove("prebookId");
        }
        assert!(lines.rows_by("prebookId", &json!(2)).is_empty());
        // Replaced by a fixture record, and removed.
        lines
            .put(
                json!({"id": b, "prebookId": "7"})
                    .as_object()
                    .unwrap()
                    .clone(),
            )
            .unwrap();
        assert_eq!(ids(lines.rows_by("prebookId", &json!(7))), [b]);
        lines.remove(b);
        assert!(lines.rows_by("prebookId", &json!(7)).is_empty());
        // An unindexed field is found by a scan, with the same equality.
        assert_eq!(
            lines.find("id", &json!(c.to_string())).map(|r| &r[ID]),
            Some(&json!(c))
        );
    }

    // Users may share a store between threads, as before it had indexes.
    const _: fn() = || {
        fn shareable<T: Send + Sync>() {}
        shareable::<Store>();
    };

    #[test]
    fn date_ranges_and_document_numbers_come_from_the_indexes() {
        let mut store = Store::default();
        let prebooks = store.table_mut("prebooks");
        for date in ["2026-12-01", "2026-12-15", "2027-01-01"] {
            prebooks.insert(json!({"shipDate": date}).as_object().unwrap().clone());
        }
        let december = prebooks.rows_between("shipDate", Some("2026-12-01"), Some("2026-12-31"));
        assert_eq!(ids(december), [1_640_001, 1_640_002]);
        assert_eq!(
            prebooks
                .rows_between("shipDate", Some("2026-12-02"), None)
                .len(),
            2
        );
        assert_eq!(prebooks.rows_between("shipDate", None, None).len(), 3);
        let orders = store.table_mut("purchaseOrders");
        orders.insert(json!({"number": "P081001"}).as_object().unwrap().clone());
        for number in ["P081001", "p081001", "081001", "81001"] {
            assert!(orders.find_number("number", number).is_some(), "{number}");
        }
        assert!(orders.find_number("number", "P081002").is_none());
        // Exact lookups keep text apart from numbers with the same digits.
        assert!(orders.find("number", &json!("081001")).is_none());
        assert!(orders.find("number", &json!("p081001")).is_some());
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
