//! Reading a request's parameters and token the way the method's spec places them.

use komet_api::meta::{FieldType, MethodMeta, ParamsIn, TokenIn};
use serde_json::{Map, Value};

use crate::store::Record;

/// The parts of an HTTP request the sandbox looks at.
#[derive(Debug, Clone, Default)]
pub struct Incoming {
    /// `GET`, `POST`, ...
    pub verb: String,
    /// The URL path (`/api/prebook.create`).
    pub path: String,
    /// The raw query string, without `?`.
    pub query: Option<String>,
    /// Headers, names in any case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Incoming {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn query_pairs(&self) -> Vec<(String, String)> {
        let query = self.query.as_deref().unwrap_or("");
        url::form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect()
    }
}

/// A request's parameters, with the token taken out.
#[derive(Debug)]
pub(crate) struct Params {
    /// The method's fields as JSON.
    pub fields: Record,
    /// The token, if one was sent where the method expects it.
    pub token: Option<String>,
}

/// Reads parameters and token; the error is a message for a 400 answer.
pub(crate) fn read(method: &MethodMeta, incoming: &Incoming) -> Result<Params, String> {
    let mut fields = match method.params {
        ParamsIn::Body => body_object(&incoming.body)?,
        ParamsIn::Query => query_object(method, &incoming.query_pairs()),
    };
    let token = match method.token {
        TokenIn::Body => match fields.remove(method.token_param) {
            Some(Value::String(token)) => Some(token),
            Some(Value::Null) | None => None,
            Some(_) => return Err(format!("{} must be a string", method.token_param)),
        },
        TokenIn::Query => {
            fields.remove(method.token_param);
            incoming
                .query_pairs()
                .into_iter()
                .find(|(name, _)| name == method.token_param)
                .map(|(_, value)| value)
        }
        TokenIn::Header => {
            // Some callers also repeat the token in the body; it is not a field.
            fields.remove(method.token_param);
            incoming.header(method.token_param).map(str::to_owned)
        }
    };
    Ok(Params {
        fields,
        token: token.filter(|t| !t.is_empty()),
    })
}

fn body_object(body: &[u8]) -> Result<Record, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Map::new());
    }
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err("the body must be a JSON object".to_owned()),
        Err(e) => Err(format!("the body is not valid JSON: {e}")),
    }
}

/// Query text turned into the JSON types of the method's fields, so one validator serves
/// GET and POST methods. Text that does not parse is kept as text, for the validator to name.
fn query_object(method: &MethodMeta, pairs: &[(String, String)]) -> Record {
    let mut out = Map::new();
    for (name, text) in pairs {
        let ty = method
            .request
            .fields
            .iter()
            .find(|f| f.name == name)
            .map(|f| &f.ty);
        let value = match ty {
            Some(FieldType::List(item)) => Value::Array(
                text.split(',')
                    .filter(|part| !part.is_empty())
                    .map(|part| typed(item, part))
                    .collect(),
            ),
            Some(ty) => typed(ty, text),
            None => Value::from(text.as_str()),
        };
        out.insert(name.clone(), value);
    }
    out
}

fn typed(ty: &FieldType, text: &str) -> Value {
    let number = || {
        serde_json::from_str::<Value>(text)
            .ok()
            .filter(Value::is_number)
    };
    let parsed = match ty {
        FieldType::Integer { .. } | FieldType::Decimal { .. } | FieldType::Flag => number(),
        FieldType::Enum(meta)
            if matches!(
                meta.values.first(),
                Some(komet_api::meta::WireValue::Int(_))
            ) =>
        {
            number()
        }
        FieldType::Bool => match text {
            "true" | "True" | "1" => Some(Value::Bool(true)),
            "false" | "False" | "0" => Some(Value::Bool(false)),
            _ => None,
        },
        FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) => {
            serde_json::from_str(text).ok()
        }
        _ => None,
    };
    parsed.unwrap_or_else(|| Value::from(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use komet_api::registry;

    #[test]
    fn query_values_take_their_field_types() {
        let method = registry::find("customer.by.company.list").unwrap().meta;
        let incoming = Incoming {
            verb: "GET".into(),
            query: Some("showSalespersonCustomers=true&other=5".into()),
            ..Incoming::default()
        };
        let params = read(method, &incoming).unwrap();
        assert_eq!(params.fields["showSalespersonCustomers"], Value::Bool(true));
        assert_eq!(params.fields["other"], Value::from("5"));
    }

    #[test]
    fn body_token_is_taken_out() {
        let method = registry::find("prebook.create").unwrap().meta;
        let incoming = Incoming {
            body: br#"{"authenticationToken":"t","customerId":1}"#.to_vec(),
            ..Incoming::default()
        };
        let params = read(method, &incoming).unwrap();
        assert_eq!(params.token.as_deref(), Some("t"));
        assert!(!params.fields.contains_key("authenticationToken"));
        let bad = Incoming {
            body: b"{not json".to_vec(),
            ..Incoming::default()
        };
        assert!(read(method, &bad).unwrap_err().contains("not valid JSON"));
    }
}
