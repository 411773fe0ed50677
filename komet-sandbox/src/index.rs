//! Indexes of a table: for each indexed field, the ids of the records by the field's value.
//!
//! The table keeps them up to date on insert, put and remove; a record handed out for change
//! is a [`RowMut`], which moves the record in the indexes when it is dropped, so no caller can
//! change an indexed field behind the index's back.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::{Deref, DerefMut};
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

use crate::store::Record;

/// A value as an index orders it. Text that holds a number, possibly after a letter prefix
/// (`"5"`, `"040001"`, `"P081001"`), is that number, so lookups that treat numbers and
/// numeric text alike find it; other text is kept in lower case. A key is a bucket: lookups
/// check the records they find with their own notion of equality.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Key {
    Int(i64),
    Text(String),
    Other(String),
}

impl Key {
    pub(crate) fn of(value: &Value) -> Key {
        match value {
            Value::Number(n) => n
                .as_i64()
                .map_or_else(|| Key::Other(n.to_string()), Key::Int),
            Value::String(text) => Key::of_text(text),
            other => Key::Other(other.to_string()),
        }
    }

    fn of_text(text: &str) -> Key {
        let text = text.trim();
        let digits = text.trim_start_matches(|c: char| c.is_ascii_alphabetic());
        match digits.parse() {
            Ok(n) => Key::Int(n),
            Err(_) => Key::Text(text.to_lowercase()),
        }
    }
}

/// The indexes of one table.
#[derive(Debug, Clone)]
pub(crate) struct Indexes {
    fields: Vec<(&'static str, BTreeMap<Key, BTreeSet<i64>>)>,
}

impl Indexes {
    pub(crate) fn new(fields: &[&'static str]) -> Self {
        Indexes {
            fields: fields.iter().map(|f| (*f, BTreeMap::new())).collect(),
        }
    }

    /// The keys `record` has in each index (`None` where it lacks the field).
    fn keys_of(&self, record: &Record) -> Vec<Option<Key>> {
        self.fields
            .iter()
            .map(|(field, _)| record.get(*field).filter(|v| !v.is_null()).map(Key::of))
            .collect()
    }

    pub(crate) fn add(&mut self, id: i64, record: &Record) {
        let keys = self.keys_of(record);
        self.place(id, &keys, true);
    }

    pub(crate) fn drop_row(&mut self, id: i64, record: &Record) {
        let keys = self.keys_of(record);
        self.place(id, &keys, false);
    }

    fn place(&mut self, id: i64, keys: &[Option<Key>], present: bool) {
        for ((_, index), key) in self.fields.iter_mut().zip(keys) {
            let Some(key) = key else { continue };
            if present {
                index.entry(key.clone()).or_default().insert(id);
            } else if let Some(ids) = index.get_mut(key) {
                ids.remove(&id);
                if ids.is_empty() {
                    index.remove(key);
                }
            }
        }
    }

    fn index(&self, field: &str) -> Option<&BTreeMap<Key, BTreeSet<i64>>> {
        self.fields
            .iter()
            .find(|(name, _)| *name == field)
            .map(|(_, index)| index)
    }

    /// Ids under `key` in the index of `field`, by id; `None` when `field` is not indexed.
    pub(crate) fn ids(&self, field: &str, key: &Key) -> Option<Vec<i64>> {
        let index = self.index(field)?;
        Some(
            index
                .get(key)
                .map_or_else(Vec::new, |ids| ids.iter().copied().collect()),
        )
    }

    /// Ids whose text key in the index of `field` lies in `from..=to`, unordered; `None`
    /// when `field` is not indexed. Keys that are numbers are not text and are left out.
    pub(crate) fn ids_between(
        &self,
        field: &str,
        from: Option<&str>,
        to: Option<&str>,
    ) -> Option<Vec<i64>> {
        let index = self.index(field)?;
        let start = Key::Text(from.map_or_else(String::new, str::to_lowercase));
        let to = to.map(str::to_lowercase);
        let ids = index
            .range(start..)
            .take_while(|(key, _)| match (key, &to) {
                (Key::Text(text), Some(to)) => text <= to,
                (Key::Text(_), None) => true,
                _ => false,
            })
            .flat_map(|(_, ids)| ids.iter().copied())
            .collect();
        Some(ids)
    }
}

/// A table's indexes, shared by the rows it hands out for change so that each can bring
/// them up to date when it is done, even while other rows are out. A mutex rather than a
/// `RefCell` keeps the store `Sync`; it is never contended (changes hold the table `&mut`).
#[derive(Debug)]
pub(crate) struct SharedIndexes(Mutex<Indexes>);

impl SharedIndexes {
    pub(crate) fn new(indexes: Indexes) -> Self {
        SharedIndexes(Mutex::new(indexes))
    }

    pub(crate) fn read(&self) -> MutexGuard<'_, Indexes> {
        // Index updates do not panic halfway; a poisoned lock still holds whole indexes.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub(crate) fn get_mut(&mut self) -> &mut Indexes {
        self.0.get_mut().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clone for SharedIndexes {
    fn clone(&self) -> Self {
        SharedIndexes::new(self.read().clone())
    }
}

/// A record handed out for change. When dropped, it moves the record in its table's
/// indexes if an indexed field changed.
#[derive(Debug)]
pub struct RowMut<'t> {
    id: i64,
    record: &'t mut Record,
    indexes: &'t SharedIndexes,
    before: Vec<Option<Key>>,
}

impl<'t> RowMut<'t> {
    pub(crate) fn new(id: i64, record: &'t mut Record, indexes: &'t SharedIndexes) -> Self {
        let before = indexes.read().keys_of(record);
        RowMut {
            id,
            record,
            indexes,
            before,
        }
    }
}

impl Deref for RowMut<'_> {
    type Target = Record;

    fn deref(&self) -> &Record {
        self.record
    }
}

impl DerefMut for RowMut<'_> {
    fn deref_mut(&mut self) -> &mut Record {
        self.record
    }
}

impl Drop for RowMut<'_> {
    fn drop(&mut self) {
        let mut indexes = self.indexes.read();
        let after = indexes.keys_of(self.record);
        if after != self.before {
            indexes.place(self.id, &self.before, false);
            indexes.place(self.id, &after, true);
        }
    }
}
