//! The request to check or send: JSON from a file or stdin, plus `--param key=value`.

use std::io::Read;

use komet_api::meta::{FieldType, MethodMeta, WireValue};
use serde_json::{Map, Value};

use crate::exit::Failure;

/// Reads the JSON of `source` (a path, or `-` for stdin).
pub fn read(source: &str) -> Result<Value, Failure> {
    let text = if source == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::usage(format!("cannot read stdin: {e}")))?;
        text
    } else {
        std::fs::read_to_string(source)
            .map_err(|e| Failure::usage(format!("cannot read {source}: {e}")))?
    };
    let name = if source == "-" { "stdin" } else { source };
    serde_json::from_str(&text).map_err(|e| Failure::invalid(format!("{name} is not JSON: {e}")))
}

/// Adds `--param key=value` pairs to the request's top level. A value is typed by the field
/// it names: text fields take it verbatim (`007` stays text), numbers and flags take a JSON
/// number, containers take JSON; anything that does not fit is kept as text, so the
/// validator reports it with the field's path.
pub fn apply_params(
    meta: &MethodMeta,
    request: &mut Value,
    params: &[String],
) -> Result<(), Failure> {
    if params.is_empty() {
        return Ok(());
    }
    let Value::Object(map) = request else {
        return Err(Failure::invalid(
            "--param needs the request to be a JSON object",
        ));
    };
    for param in params {
        let Some((key, text)) = param.split_once('=') else {
            return Err(Failure::usage(format!(
                "--param takes key=value, got {:?}",
                param
            )));
        };
        if key == meta.token_param {
            // Said without echoing the value, which may be a token.
            return Err(Failure::usage(format!(
                "{key} cannot be given as a parameter: komet reads the token from KOMET_TOKEN or --token-file"
            )));
        }
        let ty = meta
            .request
            .fields
            .iter()
            .find(|f| f.name == key)
            .map(|f| &f.ty);
        map.insert(key.to_owned(), typed(ty, text));
    }
    Ok(())
}

fn typed(ty: Option<&FieldType>, text: &str) -> Value {
    let json = || serde_json::from_str::<Value>(text).ok();
    let text_value = || Value::String(text.to_owned());
    match ty {
        None => json().unwrap_or_else(text_value),
        Some(ty) => match ty {
            // Document numbers and comma-separated lists travel as text: "007" stays "007".
            FieldType::String { .. }
            | FieldType::Date
            | FieldType::DateTime
            | FieldType::Text { .. }
            | FieldType::Csv { .. } => text_value(),
            FieldType::Integer { .. } | FieldType::Decimal { .. } | FieldType::Flag => {
                json().filter(Value::is_number).unwrap_or_else(text_value)
            }
            FieldType::Bool => json().filter(Value::is_boolean).unwrap_or_else(text_value),
            FieldType::Enum(e) => {
                let numeric = e.values.iter().all(|v| matches!(v, WireValue::Int(_)));
                if numeric {
                    json().filter(Value::is_number).unwrap_or_else(text_value)
                } else {
                    text_value()
                }
            }
            FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) | FieldType::List(_) => {
                json().unwrap_or_else(text_value)
            }
        },
    }
}

/// Removes the token member a pasted request may carry (komet sends its own); true when
/// there was one.
pub fn drop_token(meta: &MethodMeta, request: &mut Value) -> bool {
    match request {
        Value::Object(map) => map.remove(meta.token_param).is_some(),
        _ => false,
    }
}

/// An empty request object, for `komet call` without input.
pub fn empty() -> Value {
    Value::Object(Map::new())
}
