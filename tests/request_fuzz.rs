//! Property test of `registry::validate_request` over generated and mutated requests of every
//! method: it never panics, and whatever it accepts goes through the typed request unchanged
//! (same values, same digits, no zero dropped), so the typed client sends what was validated.

mod fuzz;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::str::FromStr;

use fuzz::{cases, mutate_somewhere, samples, tricky_value, Rng};
use komet_api::meta::{FieldMeta, FieldType, ObjectMeta, Restriction, WireValue};
use komet_api::registry::{self, Entry};
use komet_api::ValidationContext;
use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

/// A value for `ty`: valid most of the time, sometimes a tricky one.
fn value_for(ty: &FieldType, rng: &mut Rng, depth: usize) -> Value {
    if rng.chance(8) {
        return tricky_value(rng);
    }
    match ty {
        FieldType::String { max_len } => {
            let len = rng.below(max_len.unwrap_or(12) as usize + 1);
            let alphabet = ['a', 'Z', '0', ' ', '-', 'é', '"', '\\'];
            json!((0..len).map(|_| *rng.pick(&alphabet)).collect::<String>())
        }
        FieldType::Integer { max_digits } => {
            let digits = rng.below(max_digits.unwrap_or(9).min(18) as usize) + 1;
            let mut n: i64 = 0;
            for _ in 0..digits {
                n = n * 10 + rng.below(10) as i64;
            }
            match rng.below(4) {
                0 => json!(n.to_string()),
                1 => json!(-n),
                _ => json!(n),
            }
        }
        FieldType::Decimal { precision, scale } => {
            let scale = rng.below(scale.unwrap_or(2) as usize + 1);
            let int_digits = rng
                .below(precision.unwrap_or(10) as usize - scale.min(9))
                .min(12);
            let mut text: String = (0..=int_digits)
                .map(|_| (b'0' + rng.below(10) as u8) as char)
                .collect();
            text = text.trim_start_matches('0').to_owned();
            if text.is_empty() {
                text.push('0');
            }
            if scale > 0 {
                text.push('.');
                text.extend((0..scale).map(|_| (b'0' + rng.below(10) as u8) as char));
            }
            if rng.chance(30) {
                json!(text)
            } else {
                serde_json::from_str(&text).unwrap()
            }
        }
        FieldType::Date => json!(format!(
            "{:04}-{:02}-{:02}",
            1990 + rng.below(60),
            1 + rng.below(12),
            1 + rng.below(28)
        )),
        FieldType::DateTime => json!(format!(
            "2026-{:02}-{:02} {:02}:{:02}:{:02}",
            1 + rng.below(12),
            1 + rng.below(28),
            rng.below(24),
            rng.below(60),
            rng.below(60)
        )),
        FieldType::Flag => match rng.below(3) {
            0 => json!(rng.below(2)),
            1 => json!(rng.below(2).to_string()),
            _ => json!(rng.chance(50)),
        },
        FieldType::Bool => json!(rng.chance(50)),
        FieldType::Enum(meta) => match *rng.pick(meta.values) {
            WireValue::Int(i) if rng.chance(30) => json!(i.to_string()),
            WireValue::Int(i) => json!(i),
            WireValue::Str(s) => json!(s),
        },
        FieldType::Object(meta) => object_for(meta, rng, depth + 1),
        FieldType::Array(meta) => json!((0..rng.below(3))
            .map(|_| object_for(meta, rng, depth + 1))
            .collect::<Vec<_>>()),
        FieldType::Map(meta) => {
            let mut map = Map::new();
            for i in 0..rng.below(3) {
                map.insert(format!("k{i}"), object_for(meta, rng, depth + 1));
            }
            Value::Object(map)
        }
        FieldType::List(inner) => json!((0..rng.below(4))
            .map(|_| value_for(inner, rng, depth + 1))
            .collect::<Vec<_>>()),
        FieldType::Text { max_len, .. } => {
            let forms = [
                "003429",
                "010225",
                "P053455",
                "234-2367-0983",
                "PO-7781",
                "0",
                "0983",
            ];
            match rng.below(4) {
                0 => json!(3429),
                _ => {
                    let text = *rng.pick(&forms);
                    let keep = max_len.map_or(text.len(), |n| n as usize).min(text.len());
                    json!(text[..keep])
                }
            }
        }
        FieldType::Csv { item, .. } => {
            let items: Vec<String> = (0..rng.below(4))
                .map(|_| match value_for(item, rng, depth + 1) {
                    Value::String(text) => text,
                    other => other.to_string(),
                })
                .collect();
            let separator = if rng.chance(50) { "," } else { ", " };
            json!(items.join(separator))
        }
    }
}

fn object_for(meta: &ObjectMeta, rng: &mut Rng, depth: usize) -> Value {
    let mut map = Map::new();
    if depth > 6 {
        return Value::Object(map);
    }
    for field in meta.fields {
        let include = if field.required { 90 } else { 40 };
        if rng.chance(include) {
            map.insert(field.name.to_owned(), value_for(&field.ty, rng, depth));
        }
    }
    if rng.chance(3) {
        map.insert("notAField".to_owned(), json!(1));
    }
    Value::Object(map)
}

/// Every company setting the metadata mentions.
fn settings(meta: &ObjectMeta, out: &mut Vec<&'static str>) {
    for field in meta.fields {
        for restriction in field.restrictions {
            if let Restriction::Setting { setting, .. } = restriction {
                if !out.contains(setting) {
                    out.push(setting);
                }
            }
        }
        if let FieldType::Object(inner) | FieldType::Array(inner) | FieldType::Map(inner) = field.ty
        {
            settings(inner, out);
        }
    }
}

fn context(entry: &Entry, rng: &mut Rng) -> ValidationContext {
    let mut all = Vec::new();
    settings(entry.meta.request, &mut all);
    ValidationContext {
        token_kind: Some(*rng.pick(entry.meta.tokens)),
        multi_location: rng.chance(30),
        transactional_access: rng.chance(70),
        settings: all.into_iter().filter(|_| rng.chance(70)).collect(),
    }
}

/// Whether the typed request's JSON (`out`) says exactly what the accepted request (`input`)
/// said: the same members (nulls are absent), integers with the same digits, decimals with the
/// same value, flags and enum codes the same whether sent as numbers or as text.
fn same_request(meta: &ObjectMeta, input: &Value, out: &Value, path: &str) -> Result<(), String> {
    let (Some(input), Some(out)) = (input.as_object(), out.as_object()) else {
        return Err(format!("{path}: not an object"));
    };
    for (name, value) in input {
        let field = meta.fields.iter().find(|f| f.name == name);
        let here = format!("{path}.{name}");
        match (field, value.is_null(), out.get(name)) {
            (_, true, None) => {}
            (Some(field), false, Some(sent)) => same_value(field, value, sent, &here)?,
            (_, _, sent) => return Err(format!("{here}: {value} became {sent:?}")),
        }
    }
    for name in out.keys() {
        if input.get(name).map_or(true, Value::is_null) {
            return Err(format!("{path}.{name}: appeared in the typed request"));
        }
    }
    Ok(())
}

fn same_value(field: &FieldMeta, input: &Value, sent: &Value, path: &str) -> Result<(), String> {
    same_typed(&field.ty, input, sent, path)
}

fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn same_typed(ty: &FieldType, input: &Value, sent: &Value, path: &str) -> Result<(), String> {
    let differ = || Err(format!("{path}: {input} was sent as {sent}"));
    match ty {
        FieldType::Object(meta) => same_request(meta, input, sent, path),
        FieldType::Array(meta) => {
            let (Some(a), Some(b)) = (input.as_array(), sent.as_array()) else {
                return differ();
            };
            if a.len() != b.len() {
                return differ();
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_request(meta, x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        FieldType::Map(meta) => {
            let (Some(a), Some(b)) = (input.as_object(), sent.as_object()) else {
                return differ();
            };
            if a.len() != b.len() {
                return differ();
            }
            for (k, x) in a {
                let Some(y) = b.get(k) else { return differ() };
                same_request(meta, x, y, &format!("{path}[{k:?}]"))?;
            }
            Ok(())
        }
        FieldType::List(inner) => {
            let (Some(a), Some(b)) = (input.as_array(), sent.as_array()) else {
                return differ();
            };
            if a.len() != b.len() {
                return differ();
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                same_typed(inner, x, y, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        // The same items; the separator's spaces are not part of any item.
        FieldType::Csv { .. } => {
            let items = |v: &Value| {
                scalar_text(v).map(|t| {
                    t.split(',')
                        .map(|item| item.trim().to_owned())
                        .filter(|item| !item.is_empty())
                        .collect::<Vec<_>>()
                })
            };
            if items(input).is_some() && items(input) == items(sent) {
                Ok(())
            } else {
                differ()
            }
        }
        FieldType::Decimal { .. } => {
            let parse = |v: &Value| scalar_text(v).and_then(|t| Decimal::from_str(&t).ok());
            match (parse(input), parse(sent)) {
                (Some(a), Some(b)) if a == b => Ok(()),
                _ => differ(),
            }
        }
        // Integers, flags and enum codes: the same text, whether a number or a string.
        FieldType::Integer { .. } | FieldType::Flag | FieldType::Enum(_) => {
            if scalar_text(input) == scalar_text(sent) && scalar_text(input).is_some() {
                Ok(())
            } else {
                differ()
            }
        }
        _ => {
            if input == sent {
                Ok(())
            } else {
                differ()
            }
        }
    }
}

struct Tally {
    cases: usize,
    accepted: usize,
    panics: Vec<String>,
    changed: Vec<String>,
}

fn check_one(entry: &Entry, request: &Value, ctx: &ValidationContext, tally: &mut Tally) {
    tally.cases += 1;
    let name = entry.meta.name;
    let result = catch_unwind(AssertUnwindSafe(|| {
        registry::validate_request(name, request, ctx)
    }));
    let Ok(result) = result else {
        tally
            .panics
            .push(format!("{name}: validate_request panicked on {request}"));
        return;
    };
    if result.is_err() {
        return;
    }
    tally.accepted += 1;
    let decoded = catch_unwind(AssertUnwindSafe(|| (entry.decode_request)(request)));
    let Ok(decoded) = decoded else {
        tally
            .panics
            .push(format!("{name}: decode_request panicked on {request}"));
        return;
    };
    let problem = match decoded {
        Err(e) => Some(format!("accepted but the typed request refuses it: {e}")),
        Ok(typed) => same_request(entry.meta.request, request, &typed, "")
            .err()
            .or_else(|| {
                registry::validate_request(name, &typed, ctx)
                    .err()
                    .map(|e| format!("the typed request no longer validates: {e}"))
            }),
    };
    if let Some(problem) = problem {
        tally
            .changed
            .push(format!("{name}: {problem}\n  request: {request}"));
    }
}

#[test]
fn accepted_requests_go_through_the_typed_request_unchanged() {
    let mut rng = Rng::new(0x6b6f_6d65_7421);
    let mut tally = Tally {
        cases: 0,
        accepted: 0,
        panics: Vec::new(),
        changed: Vec::new(),
    };
    let per_method = cases(40);
    for entry in registry::methods() {
        for _ in 0..per_method {
            let request = object_for(entry.meta.request, &mut rng, 0);
            let ctx = context(entry, &mut rng);
            check_one(entry, &request, &ctx, &mut tally);
        }
    }
    // Documented samples are valid; one change to any of their values must still be judged
    // without a panic and, when accepted, sent unchanged.
    for (method, sample) in samples("request") {
        let Some(entry) = registry::find(&method) else {
            continue;
        };
        for _ in 0..per_method {
            let mut request = sample.clone();
            if let Value::Object(map) = &mut request {
                map.remove(entry.meta.token_param);
            }
            mutate_somewhere(&mut request, &mut rng, &tricky_value);
            let ctx = ValidationContext {
                token_kind: Some(*rng.pick(entry.meta.tokens)),
                transactional_access: true,
                ..context(entry, &mut rng)
            };
            check_one(entry, &request, &ctx, &mut tally);
        }
    }
    println!(
        "request property: {} cases, {} accepted, {} panics, {} changed",
        tally.cases,
        tally.accepted,
        tally.panics.len(),
        tally.changed.len()
    );
    assert!(tally.panics.is_empty(), "{}", tally.panics.join("\n"));
    assert!(
        tally.changed.is_empty(),
        "{} accepted requests changed on the way to the wire:\n{}",
        tally.changed.len(),
        tally
            .changed
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    assert!(
        tally.accepted > tally.cases / 20,
        "too few accepted cases to mean anything"
    );
}
