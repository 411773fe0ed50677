//! Values the spec writes for a field, checked against the field's type: numeric bounds
//! (`min`, `max`) and the server's `default`.

use std::cmp::Ordering;

use super::Lowerer;
use crate::ir::*;
use crate::model::{FieldDef, Scalar};
use crate::source::Source;

/// komet-api reads bounds as `rust_decimal::Decimal`, which holds 28 significant digits; a
/// longer bound would fail to parse there and be ignored silently.
const MAX_BOUND_DIGITS: usize = 28;

/// A decimal number as text: sign, integer digits without leading zeros, fraction digits
/// without trailing zeros.
#[derive(Debug, PartialEq, Eq)]
struct DecimalText {
    negative: bool,
    int: String,
    frac: String,
}

impl DecimalText {
    fn parse(text: &str) -> Option<DecimalText> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text.strip_prefix('+').unwrap_or(text)),
        };
        let (int, frac) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if (int.is_empty() && frac.is_empty()) || !all_digits(int) || !all_digits(frac) {
            return None;
        }
        let int = int.trim_start_matches('0').to_string();
        let frac = frac.trim_end_matches('0').to_string();
        // `-0` is zero.
        let negative = negative && !(int.is_empty() && frac.is_empty());
        Some(DecimalText {
            negative,
            int,
            frac,
        })
    }

    fn magnitude_cmp(&self, other: &DecimalText) -> Ordering {
        self.int
            .len()
            .cmp(&other.int.len())
            .then_with(|| self.int.cmp(&other.int))
            .then_with(|| self.frac.cmp(&other.frac))
    }

    fn cmp(&self, other: &DecimalText) -> Ordering {
        match (self.negative, other.negative) {
            (false, true) => Ordering::Greater,
            (true, false) => Ordering::Less,
            (false, false) => self.magnitude_cmp(other),
            (true, true) => other.magnitude_cmp(self),
        }
    }
}

impl Lowerer {
    /// `min` and `max` are numbers of the field's kind (whole for integers), readable by the
    /// validator, and `min <= max`.
    pub(super) fn check_bounds(&mut self, source: &Source, node: &str, def: &FieldDef, ty: &Ty) {
        if !matches!(ty, Ty::Integer(_) | Ty::Id { .. } | Ty::Decimal(..)) {
            return; // reported by the caller: bounds apply to numbers only
        }
        let mut parsed = Vec::new();
        for (key, bound) in [("min", &def.min), ("max", &def.max)] {
            let Some(bound) = bound else { continue };
            let text = bound.text();
            let bnode = format!("{node}.{key}");
            match DecimalText::parse(&text) {
                None => self.error(source, &bnode, format!("`{key}`: `{text}` is not a number")),
                Some(d) if !matches!(ty, Ty::Decimal(..)) && !d.frac.is_empty() => self.error(
                    source,
                    &bnode,
                    format!("`{key}` of an integer field must be a whole number, not `{text}`"),
                ),
                Some(d) if d.int.len() + d.frac.len() > MAX_BOUND_DIGITS => self.error(
                    source,
                    &bnode,
                    format!("`{key}` has more than {MAX_BOUND_DIGITS} digits, more than the validator can read"),
                ),
                Some(d) => parsed.push((key, text, d)),
            }
        }
        if let [(_, min, lo), (_, max, hi)] = parsed.as_slice() {
            if lo.cmp(hi) == Ordering::Greater {
                self.error(
                    source,
                    &format!("{node}.max"),
                    format!("`min` {min} is above `max` {max}; no value could pass"),
                );
            }
        }
    }

    /// `values`: a non-empty subset of an enum field's values, each written once.
    pub(super) fn field_values(
        &mut self,
        source: &Source,
        node: &str,
        def: &FieldDef,
        ty: &Ty,
    ) -> Vec<Wire> {
        let Some(values) = &def.values else {
            return Vec::new();
        };
        let vnode = format!("{node}.values");
        let Ty::Enum(name) = ty else {
            self.error(source, &vnode, "`values` applies to enum fields only");
            return Vec::new();
        };
        let Some((repr, known)) = self.enum_values.get(name) else {
            return Vec::new(); // an undeclared enum is reported by the type check
        };
        let (repr, known) = (*repr, known.clone());
        if values.is_empty() {
            self.error(source, &vnode, "`values` lists at least one value");
            return Vec::new();
        }
        let mut out = Vec::new();
        for value in values {
            let wire = match (repr, value) {
                (EnumRepr::Integer, Scalar::Str(s)) => s
                    .parse::<i64>()
                    .map(Wire::Int)
                    .unwrap_or_else(|_| Wire::Str(s.clone())),
                (EnumRepr::String, Scalar::Int(n)) => Wire::Str(n.to_string()),
                (_, other) => super::names::scalar_to_wire(other),
            };
            if !known.contains(&wire) {
                self.error(
                    source,
                    &vnode,
                    format!("`{wire}` is not a value of enum `{name}`"),
                );
            } else if out.contains(&wire) {
                self.error(source, &vnode, format!("`{wire}` is listed twice"));
            } else {
                out.push(wire);
            }
        }
        if let Some(default) = def.default.as_ref().map(super::names::scalar_to_wire) {
            if !out.is_empty() && !out.iter().any(|w| w.to_string() == default.to_string()) {
                self.error(
                    source,
                    &format!("{node}.default"),
                    format!("default `{default}` is not one of the field's `values`"),
                );
            }
        }
        out
    }

    /// A `default` is a valid wire value of the field's type (and one of its enum's values).
    pub(super) fn check_default(&mut self, source: &Source, node: &str, def: &FieldDef, ty: &Ty) {
        let Some(default) = &def.default else { return };
        if let Some(problem) = self.default_problem(default, ty) {
            self.error(
                source,
                &format!("{node}.default"),
                format!("default `{}` {problem}", scalar_text(default)),
            );
        }
    }

    fn default_problem(&self, value: &Scalar, ty: &Ty) -> Option<String> {
        let text = scalar_text(value);
        let bool_like = matches!(value, Scalar::Bool(_));
        let ok = match ty {
            Ty::String(None) | Ty::Text { max_len: None, .. } => !bool_like,
            Ty::String(Some(n))
            | Ty::Text {
                max_len: Some(n), ..
            } => {
                if text.chars().count() > *n as usize {
                    return Some(format!("has more than {n} characters"));
                }
                !bool_like
            }
            Ty::Integer(bound)
            | Ty::Id {
                max_digits: bound, ..
            } => match DecimalText::parse(&text) {
                Some(d) if d.frac.is_empty() && !bool_like && !text.contains('.') => {
                    if let Some(n) = bound.filter(|n| d.int.len() > *n as usize) {
                        return Some(format!("has more than {n} digits"));
                    }
                    true
                }
                _ => return Some("is not an integer".to_string()),
            },
            Ty::Decimal(p, s) => match DecimalText::parse(&text) {
                Some(d) if !bool_like => {
                    let scale_ok = s.map_or(true, |s| d.frac.len() <= s as usize);
                    let precision_ok = p.map_or(true, |p| d.int.len() + d.frac.len() <= p as usize);
                    if !(scale_ok && precision_ok) {
                        return Some("does not fit the field's decimal precision and scale".into());
                    }
                    true
                }
                _ => return Some("is not a decimal number".to_string()),
            },
            Ty::Flag => matches!(text.as_str(), "0" | "1" | "true" | "false"),
            Ty::Bool => matches!(text.as_str(), "true" | "false"),
            Ty::Date => is_date(&text),
            Ty::DateTime => {
                text.is_ascii()
                    && text.len() == 19
                    && text.as_bytes()[10] == b' '
                    && is_date(&text[..10])
                    && is_time(&text[11..])
            }
            Ty::Enum(name) => {
                let Some((repr, values)) = self.enum_values.get(name) else {
                    return None; // an undeclared enum is reported by the type check
                };
                // Integer enums are written `0` or `"0"` in the spec; both mean the number.
                let wire = match (repr, value) {
                    (EnumRepr::Integer, Scalar::Str(s)) => match s.parse::<i64>() {
                        Ok(n) => Wire::Int(n),
                        Err(_) => Wire::Str(s.clone()),
                    },
                    (EnumRepr::String, Scalar::Int(n)) => Wire::Str(n.to_string()),
                    (_, Scalar::Int(n)) => Wire::Int(*n),
                    (_, Scalar::Bool(b)) => Wire::Int(i64::from(*b)),
                    (_, Scalar::Str(s)) => Wire::Str(s.clone()),
                };
                if !values.contains(&wire) {
                    return Some(format!("is not a value of enum `{name}`"));
                }
                true
            }
            Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::List(_) | Ty::Csv { .. } => {
                return Some("cannot be given: only scalar fields have a default".to_string())
            }
        };
        (!ok).then(|| format!("is not a valid `{}` value", crate::types::kind_name(ty)))
    }
}

fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::Int(n) => n.to_string(),
        Scalar::Bool(b) => b.to_string(),
        Scalar::Str(s) => s.clone(),
    }
}

/// `YYYY-MM-DD` with a month 01-12 and a day 01-31.
fn is_date(text: &str) -> bool {
    let b = text.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    text.is_ascii()
        && b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && digits(0..4)
        && digits(5..7)
        && digits(8..10)
        && (1..=12).contains(&text[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&text[8..10].parse::<u32>().unwrap_or(0))
}

/// `HH:MM:SS`.
fn is_time(text: &str) -> bool {
    let b = text.as_bytes();
    let part = |r: std::ops::Range<usize>, max: u32| {
        b[r.clone()].iter().all(u8::is_ascii_digit)
            && text[r].parse::<u32>().is_ok_and(|v| v <= max)
    };
    b.len() == 8
        && b[2] == b':'
        && b[5] == b':'
        && part(0..2, 23)
        && part(3..5, 59)
        && part(6..8, 59)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimal_text_orders_numbers() {
        let d = |t| DecimalText::parse(t).unwrap();
        assert_eq!(d("1.5").cmp(&d("1.25")), Ordering::Greater);
        assert_eq!(d("-2").cmp(&d("1")), Ordering::Less);
        assert_eq!(d("-2").cmp(&d("-10")), Ordering::Greater);
        assert_eq!(d("007").cmp(&d("7.000")), Ordering::Equal);
        assert_eq!(d("-0").cmp(&d("0")), Ordering::Equal);
        assert!(DecimalText::parse("1e5").is_none());
        assert!(DecimalText::parse(".").is_none());
        assert!(DecimalText::parse("NaN").is_none());
    }
}
