//! The example in each client method's rustdoc: Rust that builds the request with its builder,
//! from the documentation sample when the page has one (`tests/vectors/<method>/request-1.json`),
//! otherwise from the required fields with plain example values. Rustdoc compiles it, so an
//! example that no longer matches the generated types fails `cargo test`.
//!
//! Sample values the field's type cannot hold are left out rather than forced; array samples
//! show their first element.

use std::collections::BTreeSet;

use serde_json::Value;

use crate::ir::{Api, Enum, Field, Method, Object, Ty, Wire};

/// What the example writer looks up while it walks a request.
pub struct Examples<'a> {
    api: &'a Api,
}

impl<'a> Examples<'a> {
    pub fn new(api: &'a Api) -> Self {
        Examples { api }
    }

    /// A sentence saying where the example's values come from.
    pub fn origin(method: &Method) -> &'static str {
        match method.sample {
            Some(_) => "The request of the sample on Komet's page, built and sent:",
            None => "Komet's page shows no sample; the required fields with example values:",
        }
    }

    /// The example's lines (without the code fence): imports, the request expression, the
    /// call and how its outcome is read.
    pub fn lines(&self, method: &Method) -> Vec<String> {
        let sample = method.sample.as_ref().and_then(Value::as_object);
        let mut writer = Writer {
            api: self.api,
            area: &method.area,
            imports: BTreeSet::new(),
        };
        let request = writer.object(&method.request, sample, 0);
        let mut lines = use_lines(&writer.imports);
        lines.push(
            "# async fn run(client: komet_api::Client) -> Result<(), komet_api::Error> {"
                .to_string(),
        );
        let mut expression = request.lines();
        if let Some(first) = expression.next() {
            lines.push(format!("let request = {first}"));
        }
        lines.extend(expression.map(str::to_string));
        if let Some(last) = lines.last_mut() {
            last.push(';');
        }
        lines.push(format!(
            "let response = client.{}(&request).await?;",
            method.fn_name
        ));
        if method.response.fields.iter().any(|f| f.wire == "status") {
            lines.push("println!(\"status: {:?}\", response.status);".to_string());
        } else {
            lines.push("println!(\"{response:?}\");".to_string());
        }
        lines.extend(["# Ok(())".to_string(), "# }".to_string()]);
        lines
    }
}

/// One example being written: the imports it needs grow as types are named.
struct Writer<'a> {
    api: &'a Api,
    area: &'a str,
    imports: BTreeSet<String>,
}

impl Writer<'_> {
    /// `Type::builder()` with one setter per line, then `.build()`.
    fn object(
        &mut self,
        object: &Object,
        sample: Option<&serde_json::Map<String, Value>>,
        depth: usize,
    ) -> String {
        self.import_area(&object.rust_name);
        let indent = "    ".repeat(depth + 1);
        let mut out = format!("{}::builder()", object.rust_name);
        let mut groups_done = Vec::new();
        for field in &object.fields {
            let setter = match field.group {
                Some(g) if groups_done.contains(&g) => continue,
                Some(g) => {
                    groups_done.push(g);
                    self.group(object, g, sample, depth)
                        .map(|value| (object.alternatives[g].rust.clone(), value))
                }
                None => {
                    let given = sample
                        .and_then(|s| s.get(&field.wire))
                        .filter(|v| !v.is_null());
                    let value = match given {
                        Some(value) => self.setter_value(field, value, depth),
                        None => None,
                    };
                    let value = value.or_else(|| {
                        field
                            .required
                            .then(|| self.setter_value(field, &example_value(field), depth))
                            .flatten()
                    });
                    value.map(|v| (field.rust.clone(), v))
                }
            };
            if let Some((name, value)) = setter {
                out.push_str(&format!("\n{indent}.{}({value})", rust_name(&name)));
            }
        }
        out.push_str(&format!("\n{indent}.build()"));
        out
    }

    /// The value of an alternative group: the first option the sample gives in full (or, for
    /// a required group the sample leaves out, the first option with example values).
    fn group(
        &mut self,
        object: &Object,
        g: usize,
        sample: Option<&serde_json::Map<String, Value>>,
        depth: usize,
    ) -> Option<String> {
        let group = &object.alternatives[g];
        let def = self.api.alternatives.get(&group.ty)?;
        let given = |i: &usize| {
            sample
                .and_then(|s| s.get(&object.fields[*i].wire))
                .filter(|v| !v.is_null())
                .cloned()
        };
        let chosen = group
            .options
            .iter()
            .find(|(_, fields)| fields.iter().all(|i| given(i).is_some()))
            .map(|option| (option, true))
            .or_else(|| group.required.then(|| (&group.options[0], false)))?;
        let ((variant, fields), from_sample) = chosen;
        let values: Vec<(String, &Field, Value)> = fields
            .iter()
            .map(|i| {
                let field = &object.fields[*i];
                let value = if from_sample {
                    given(i).unwrap_or(Value::Null)
                } else {
                    example_value(field)
                };
                (field.rust.clone(), field, value)
            })
            .collect();
        self.imports.insert(format!("use komet_api::{};", group.ty));
        let ctor = heck::ToSnakeCase::to_snake_case(variant.as_str());
        let alt_fields = &def.variants.iter().find(|(v, _)| v == variant)?.1;
        if super::common::has_constructor(alt_fields) {
            let args: Option<Vec<String>> = values
                .iter()
                .map(|(_, field, value)| self.setter_value(field, value, depth))
                .collect();
            return Some(format!(
                "{}::{}({})",
                group.ty,
                rust_name(&ctor),
                args?.join(", ")
            ));
        }
        if !def.exclusive {
            // Written with named fields only when exclusive; an inclusive group without a
            // constructor starts empty.
            return Some(format!("{}::default()", group.ty));
        }
        let members: Option<Vec<String>> = values
            .iter()
            .map(|(name, field, value)| {
                self.scalar(&field.ty, value, Mode::Member)
                    .map(|v| format!("{}: {v}", rust_name(name)))
            })
            .collect();
        Some(format!(
            "{}::{variant} {{ {} }}",
            group.ty,
            members?.join(", ")
        ))
    }

    /// An argument for a setter taking `impl Into<T>`.
    fn setter_value(&mut self, field: &Field, value: &Value, depth: usize) -> Option<String> {
        match &field.ty {
            Ty::Object(o) => Some(self.object(o, value.as_object(), depth + 1)),
            Ty::Array(o) => {
                let first = value.as_array()?.first()?;
                Some(format!(
                    "vec![{}]",
                    self.object(o, first.as_object(), depth + 1)
                ))
            }
            Ty::Map(o) => {
                let (key, first) = value.as_object()?.iter().next()?;
                Some(format!(
                    "std::collections::BTreeMap::from([(String::from({key:?}), {})])",
                    self.object(o, first.as_object(), depth + 1)
                ))
            }
            Ty::List(item) => {
                let items = value.as_array()?;
                self.items(item, items.to_vec())
            }
            Ty::Csv { item, .. } => {
                let items: Vec<Value> = match value {
                    Value::String(text) => text
                        .split(',')
                        .map(|s| Value::String(s.trim().to_string()))
                        .collect(),
                    Value::Array(items) => items.clone(),
                    other => vec![other.clone()],
                };
                self.items(item, items)
            }
            ty => self.scalar(ty, value, Mode::Setter),
        }
    }

    /// `vec![T::from(..), ..]`: a list's items, each of the list's item type.
    fn items(&mut self, item: &Ty, items: Vec<Value>) -> Option<String> {
        let values: Option<Vec<String>> = items
            .iter()
            .map(|v| self.scalar(item, v, Mode::Item))
            .collect();
        let values = values?;
        (!values.is_empty()).then(|| format!("vec![{}]", values.join(", ")))
    }

    fn scalar(&mut self, ty: &Ty, value: &Value, mode: Mode) -> Option<String> {
        if let (Ty::Enum(name), Value::Null) = (ty, value) {
            // No value to match: the enum's first.
            let def = self.api.enums.iter().find(|e| &e.name == name)?;
            self.imports.insert(format!("use komet_api::{name};"));
            return Some(format!("{name}::{}", def.values.first()?.name));
        }
        let text = match value {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        match ty {
            Ty::String(_) => Some(mode.text("String", &text)),
            Ty::Text { name, .. } => {
                self.imports.insert(format!("use komet_api::{name};"));
                Some(mode.text(name, &text))
            }
            Ty::Integer(_) => {
                let n: i64 = text.parse().ok()?;
                Some(mode.integer("i64", n))
            }
            Ty::Id { name, .. } => {
                let n: i64 = text.parse().ok()?;
                if matches!(mode, Mode::Item) {
                    self.imports.insert(format!("use komet_api::{name};"));
                }
                Some(mode.integer(name, n))
            }
            Ty::Decimal(_, scale) => {
                self.imports
                    .insert("use rust_decimal::Decimal;".to_string());
                decimal(&text, scale.unwrap_or(0))
            }
            Ty::Date => {
                self.imports.insert("use chrono::NaiveDate;".to_string());
                let (y, m, d) = date(&text)?;
                Some(format!("NaiveDate::from_ymd_opt({y}, {m}, {d}).unwrap()"))
            }
            Ty::DateTime => {
                self.imports.insert("use chrono::NaiveDate;".to_string());
                let (day, time) = text.split_once([' ', 'T'])?;
                let (y, m, d) = date(day)?;
                let hms: Vec<u32> = time
                    .split(':')
                    .map(|p| p.parse().ok())
                    .collect::<Option<_>>()?;
                let [h, min, s] = hms[..] else { return None };
                (h < 24 && min < 60 && s < 60).then(|| {
                    format!(
                        "NaiveDate::from_ymd_opt({y}, {m}, {d}).unwrap().and_hms_opt({h}, {min}, {s}).unwrap()"
                    )
                })
            }
            Ty::Flag | Ty::Bool => match text.as_str() {
                "1" | "true" => Some("true".to_string()),
                "0" | "false" => Some("false".to_string()),
                _ => None,
            },
            Ty::Enum(name) => {
                let def = self.api.enums.iter().find(|e| &e.name == name)?;
                let variant = enum_variant(def, &text)?;
                self.imports.insert(format!("use komet_api::{name};"));
                Some(format!("{name}::{variant}"))
            }
            Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::List(_) | Ty::Csv { .. } => None,
        }
    }

    fn import_area(&mut self, type_name: &str) {
        self.imports
            .insert(format!("use komet_api::{}::{type_name};", self.area));
    }
}

/// `use a::{B, C};` lines, one per path, from the `use a::B;` the writer collected.
fn use_lines(imports: &BTreeSet<String>) -> Vec<String> {
    let mut by_path: std::collections::BTreeMap<&str, Vec<&str>> = Default::default();
    for import in imports {
        let path = import.trim_start_matches("use ").trim_end_matches(';');
        let (module, name) = path.rsplit_once("::").unwrap_or(("", path));
        by_path.entry(module).or_default().push(name);
    }
    by_path
        .into_iter()
        .map(|(module, names)| match names.as_slice() {
            [one] => format!("use {module}::{one};"),
            many => format!("use {module}::{{{}}};", many.join(", ")),
        })
        .collect()
}

/// Where a scalar goes, which decides how much of its type must be spelled out.
#[derive(Clone, Copy)]
enum Mode {
    /// A setter's `impl Into<T>` argument: a literal converts itself.
    Setter,
    /// A named field of an alternative, of exactly the field's type: `.into()` converts.
    Member,
    /// An item of `vec![..]`, whose type nothing else pins down: `T::from(..)`.
    Item,
}

impl Mode {
    fn text(self, ty: &str, text: &str) -> String {
        match self {
            Mode::Setter => format!("{text:?}"),
            Mode::Member => format!("{text:?}.into()"),
            Mode::Item => format!("{ty}::from({text:?})"),
        }
    }

    fn integer(self, ty: &str, n: i64) -> String {
        // An unsuffixed literal is an `i32`; a larger one needs its type.
        let literal = if i32::try_from(n).is_ok() {
            n.to_string()
        } else {
            format!("{n}i64")
        };
        match self {
            Mode::Setter => literal,
            Mode::Member => format!("{literal}.into()"),
            Mode::Item => format!("{ty}::from({literal})"),
        }
    }
}

/// `Decimal::new(mantissa, scale)` for a plain decimal text (`2.5`, `-0.75`, `12`), written
/// with at least `min_scale` decimals (2.5 as `Decimal::new(250, 2)` for money).
fn decimal(text: &str, min_scale: u32) -> Option<String> {
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    if whole.is_empty()
        || !whole
            .chars()
            .chain(fraction.chars())
            .all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut fraction = fraction.to_string();
    while fraction.len() < min_scale as usize {
        fraction.push('0');
    }
    let mantissa: i64 = format!("{whole}{fraction}").parse().ok()?;
    let sign = if negative { "-" } else { "" };
    Some(format!(
        "Decimal::new({sign}{mantissa}, {})",
        fraction.len()
    ))
}

/// `(year, month, day)` of a `YYYY-MM-DD` text that names a real day.
fn date(text: &str) -> Option<(i32, u32, u32)> {
    let mut parts = text.splitn(3, '-');
    let y: i32 = parts.next()?.parse().ok()?;
    let m: u32 = parts.next()?.parse().ok()?;
    let d: u32 = parts.next()?.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    ((1900..=9999).contains(&y) && (1..=days).contains(&d)).then_some((y, m, d))
}

/// The variant whose wire value is `text`.
fn enum_variant<'e>(def: &'e Enum, text: &str) -> Option<&'e str> {
    def.values
        .iter()
        .find(|v| match &v.wire {
            Wire::Int(i) => text.parse::<i64>().ok() == Some(*i),
            Wire::Str(s) => s.eq_ignore_ascii_case(text),
        })
        .map(|v| v.name.as_str())
}

/// A stand-in value for a required field the sample does not give, within its bounds.
fn example_value(field: &Field) -> Value {
    let bound = field
        .default
        .as_ref()
        .map(|d| Value::String(d.to_string()))
        .or_else(|| field.min.clone().map(Value::String));
    match &field.ty {
        Ty::Integer(_) | Ty::Id { .. } | Ty::Decimal(..) => {
            bound.unwrap_or_else(|| stand_in(&field.ty))
        }
        Ty::Enum(_) => match field.values.first().or(field.default.as_ref()) {
            Some(value) => Value::String(value.to_string()),
            // `scalar` takes the enum's first value.
            None => Value::Null,
        },
        ty => stand_in(ty),
    }
}

/// A plain value of a type, bounds aside.
fn stand_in(ty: &Ty) -> Value {
    let text = |s: &str| Value::String(s.to_string());
    match ty {
        Ty::String(_) => text("ABC"),
        Ty::Text { .. } => text("000123"),
        Ty::Integer(_) | Ty::Id { .. } => text("1"),
        Ty::Decimal(..) => text("1.50"),
        Ty::Date => text("2026-12-01"),
        Ty::DateTime => text("2026-12-01 08:00:00"),
        Ty::Flag | Ty::Bool => Value::Bool(true),
        Ty::Enum(_) => Value::Null,
        Ty::Object(_) => Value::Object(Default::default()),
        Ty::Array(_) => Value::Array(vec![Value::Object(Default::default())]),
        Ty::Map(_) => Value::Object(
            [("key".to_string(), Value::Object(Default::default()))]
                .into_iter()
                .collect(),
        ),
        Ty::List(item) | Ty::Csv { item, .. } => Value::Array(vec![stand_in(item)]),
    }
}

/// A field or setter name as Rust writes it (`r#type`).
fn rust_name(name: &str) -> String {
    crate::emit::rust_types::field_ident(name).to_string()
}
