//! A small builder over `serde_yaml` mappings: keys stay in insertion order, so the document
//! reads in the order the emitter writes it and every run prints the same bytes.

use serde_yaml::{Mapping, Value};

/// A YAML mapping under construction.
#[derive(Debug, Default, Clone)]
pub struct Map(Mapping);

impl Map {
    pub fn new() -> Self {
        Map(Mapping::new())
    }

    /// Sets `key` to `value`.
    pub fn set(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.0.insert(Value::from(key), value.into());
        self
    }

    /// Sets `key` when there is a value.
    pub fn opt(self, key: &str, value: Option<impl Into<Value>>) -> Self {
        match value {
            Some(value) => self.set(key, value),
            None => self,
        }
    }

    /// Sets `key` to the list when it is not empty.
    pub fn list(self, key: &str, items: Vec<Value>) -> Self {
        if items.is_empty() {
            self
        } else {
            self.set(key, Value::Sequence(items))
        }
    }

    /// Sets `key` to the text when it is not empty.
    pub fn text(self, key: &str, text: &str) -> Self {
        if text.is_empty() {
            self
        } else {
            self.set(key, text)
        }
    }

    pub fn insert(&mut self, key: &str, value: impl Into<Value>) {
        self.0.insert(Value::from(key), value.into());
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn has(&self, key: &str) -> bool {
        self.0.contains_key(key)
    }

    /// Adds every entry of `other`, replacing those with the same key.
    pub fn extend(mut self, other: Map) -> Self {
        for (key, value) in other.0 {
            self.0.insert(key, value);
        }
        self
    }
}

impl From<Map> for Value {
    fn from(map: Map) -> Value {
        Value::Mapping(map.0)
    }
}

/// A list of texts.
pub fn strings<S: AsRef<str>>(items: &[S]) -> Value {
    Value::Sequence(items.iter().map(|s| Value::from(s.as_ref())).collect())
}

/// `{$ref: '#/components/<kind>/<name>'}`.
pub fn reference(kind: &str, name: &str) -> Map {
    Map::new().set("$ref", format!("#/components/{kind}/{name}"))
}
