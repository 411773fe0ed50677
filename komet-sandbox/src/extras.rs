//! Members added to the answers of named methods: undocumented fields and out-of-spec values,
//! so a client can be tested against answers that hold more than the spec says (the drift
//! report's loop is tested this way).
//!
//! Applied last, to the body of every 2xx JSON answer of the method, after the sandbox
//! checked its own answer against the spec (which the extras are meant to break).

use std::collections::BTreeMap;

use serde_json::Value;

/// Extras per method wire name.
#[derive(Debug, Clone, Default)]
pub(crate) struct ResponseExtras {
    by_method: BTreeMap<String, Value>,
}

impl ResponseExtras {
    /// Adds `extras` (a JSON object) to the answers of `method`, merged with earlier ones.
    pub(crate) fn add(&mut self, method: &str, extras: Value) {
        match self.by_method.get_mut(method) {
            Some(existing) => merge(existing, &extras),
            None => {
                self.by_method.insert(method.to_owned(), extras);
            }
        }
    }

    /// The body with the method's extras merged in; unchanged when the method has none or the
    /// body is not a JSON object.
    pub(crate) fn apply(&self, method: &str, body: Vec<u8>) -> Vec<u8> {
        let Some(extras) = self.by_method.get(method) else {
            return body;
        };
        let Ok(mut answer) = serde_json::from_slice::<Value>(&body) else {
            return body;
        };
        if !answer.is_object() {
            return body;
        }
        merge(&mut answer, extras);
        serde_json::to_vec(&answer).unwrap_or(body)
    }
}

/// Merges `extra` into `target`: members of two objects merge member by member, an object
/// given for an array merges into each of its object rows (`{"invoices": {"note": "x"}}` adds
/// `note` to every invoice), and anything else replaces what was there.
fn merge(target: &mut Value, extra: &Value) {
    match (target, extra) {
        (Value::Object(members), Value::Object(extra)) => {
            for (name, value) in extra {
                match members.get_mut(name) {
                    Some(existing) => merge(existing, value),
                    None => {
                        members.insert(name.clone(), value.clone());
                    }
                }
            }
        }
        (Value::Array(rows), Value::Object(_)) => {
            for row in rows.iter_mut().filter(|r| r.is_object()) {
                merge(row, extra);
            }
        }
        (target, extra) => *target = extra.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn extras_add_members_reach_every_row_and_replace_values() {
        let mut extras = ResponseExtras::default();
        extras.add("a.list", json!({"total": 2, "rows": {"note": "n"}}));
        extras.add("a.list", json!({"message": "changed"}));
        let body = serde_json::to_vec(
            &json!({"status": 1, "message": "ok", "rows": [{"id": 1}, {"id": 2}]}),
        )
        .unwrap();
        let out: Value = serde_json::from_slice(&extras.apply("a.list", body.clone())).unwrap();
        assert_eq!(
            out,
            json!({"status": 1, "message": "changed", "total": 2, "rows": [{"id": 1, "note": "n"}, {"id": 2, "note": "n"}]})
        );
        assert_eq!(extras.apply("b.list", body.clone()), body);
        assert_eq!(extras.apply("a.list", b"[1]".to_vec()), b"[1]".to_vec());
    }
}
