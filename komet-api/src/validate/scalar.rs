//! Checks of single values: text, numbers, dates, flags and enumerations.

use std::str::FromStr;

use chrono::{Datelike, NaiveDate, NaiveTime};
use rust_decimal::Decimal;

use super::path::Path;
use super::{Violation, ViolationRule};
use crate::json::Json;
use crate::meta::{EnumMeta, FieldType, WireValue};

/// A field's own limits: inclusive numeric bounds (decimal text from the spec) and, for an
/// enum field, the values it accepts (all of the enum's when empty).
#[derive(Clone, Copy)]
pub(crate) struct Bounds {
    pub min: Option<&'static str>,
    pub max: Option<&'static str>,
    pub values: &'static [WireValue],
}

/// Records one violation.
pub(super) fn push(
    out: &mut Vec<Violation>,
    path: &Path<'_>,
    rule: ViolationRule,
    message: String,
) {
    out.push(Violation {
        path: path.to_string(),
        rule,
        message,
    });
}

/// Checks a non-null scalar against its type; composite types are the caller's job.
pub(crate) fn check(
    ty: &FieldType,
    value: &Json<'_>,
    bounds: Bounds,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    match ty {
        FieldType::String { max_len } => check_string(*max_len, value, path, out),
        FieldType::Integer { max_digits } => check_integer(*max_digits, value, bounds, path, out),
        FieldType::Decimal { precision, scale } => {
            check_decimal(*precision, *scale, value, bounds, path, out)
        }
        FieldType::Date => check_date(value, path, out),
        FieldType::DateTime => check_datetime(value, path, out),
        FieldType::Flag => {
            if !is_flag(value) {
                push(
                    out,
                    path,
                    ViolationRule::Type,
                    format!("must be 1 or 0 (got {})", show(value)),
                );
            }
        }
        FieldType::Bool => {
            if !matches!(value, Json::Bool(_)) {
                push(
                    out,
                    path,
                    ViolationRule::Type,
                    format!("must be true or false (got {})", show(value)),
                );
            }
        }
        FieldType::Enum(meta) => check_enum(meta, bounds.values, value, path, out),
        FieldType::Text { max_len, .. } => check_text(*max_len, value, path, out),
        FieldType::Csv { max_len, item } => check_csv(*max_len, item, value, bounds, path, out),
        FieldType::Object(_) | FieldType::Array(_) | FieldType::Map(_) | FieldType::List(_) => {}
    }
}

/// A document number: a string, or a JSON number of digits only (sent, and so checked, as
/// its exact text; a sign, fraction or exponent is not part of any document number).
fn check_text(max_len: Option<u32>, value: &Json<'_>, path: &Path<'_>, out: &mut Vec<Violation>) {
    match value {
        Json::String(_) => check_string(max_len, value, path, out),
        Json::Number(n) if all_digits(n) => {
            check_string(max_len, &Json::String(n.clone()), path, out)
        }
        _ => push(
            out,
            path,
            ViolationRule::Type,
            format!(
                "must be text, or a number written with digits only (got {})",
                show(value)
            ),
        ),
    }
}

/// A comma-separated list: a string whose items each pass the item type (checked as text,
/// as they travel), or a single item given as a JSON number. Item problems are reported at
/// `path[i]`, counting from 0.
fn check_csv(
    max_len: Option<u32>,
    item: &FieldType,
    value: &Json<'_>,
    bounds: Bounds,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let text: &str = match value {
        Json::String(s) => s,
        Json::Number(_) if !matches!(item, FieldType::String { .. }) => {
            return check(item, value, bounds, &path.item(0), out);
        }
        _ => {
            return push(
                out,
                path,
                ViolationRule::Type,
                format!("must be a comma-separated string (got {})", kind(value)),
            );
        }
    };
    check_string(max_len, value, path, out);
    if text.trim().is_empty() {
        return;
    }
    for (i, part) in text.split(',').enumerate() {
        let here = path.item(i);
        let part = part.trim();
        if part.is_empty() {
            push(
                out,
                &here,
                ViolationRule::Type,
                "is empty: a comma-separated list has no blank items".to_string(),
            );
        } else {
            check(item, &Json::String(part.into()), bounds, &here, out);
        }
    }
}

fn check_string(max_len: Option<u32>, value: &Json<'_>, path: &Path<'_>, out: &mut Vec<Violation>) {
    let Some(text) = value.as_str() else {
        push(
            out,
            path,
            ViolationRule::Type,
            format!("must be a string (got {})", kind(value)),
        );
        return;
    };
    // A text of no more bytes than the limit has no more characters either.
    if let Some(max) = max_len.filter(|&max| text.len() > max as usize) {
        let len = text.chars().count();
        if len > max as usize {
            push(
                out,
                path,
                ViolationRule::MaxLength,
                format!("must be at most {max} characters long (got {len})"),
            );
        }
    }
}

fn check_integer(
    max_digits: Option<u32>,
    value: &Json<'_>,
    bounds: Bounds,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let text: &str = match value {
        Json::Number(n) if is_integer_text(n) => n,
        Json::String(s) if is_integer_text(s) => s,
        _ => {
            push(
                out,
                path,
                ViolationRule::Type,
                format!("must be a whole number (got {})", show(value)),
            );
            return;
        }
    };
    let digits = text
        .trim_start_matches('-')
        .trim_start_matches('0')
        .len()
        .max(1);
    let too_many_digits = max_digits.filter(|&m| digits > m as usize);
    if let Some(max_digits) = too_many_digits {
        push(
            out,
            path,
            ViolationRule::MaxDigits,
            format!("must have at most {max_digits} digits (got {digits})"),
        );
    }
    // The typed request holds an i64 and writes it back in its plain form: text it cannot
    // hold, or would write differently ("007" as 7), is refused rather than changed.
    match text.parse::<i64>() {
        Err(_) if too_many_digits.is_none() => push(
            out,
            path,
            ViolationRule::Type,
            format!(
                "must be a whole number from {} to {} (got {text})",
                i64::MIN,
                i64::MAX
            ),
        ),
        Ok(n) if !is_plain_integer(text) => push(
            out,
            path,
            ViolationRule::Type,
            format!("must be written without leading zeros or sign (got \"{text}\", send {n})"),
        ),
        _ => {}
    }
    check_bounds(text, bounds, path, out);
}

/// Whether an integer's text (`-?[0-9]+`) is how an `i64` writes itself: no leading zero,
/// and no sign on zero.
fn is_plain_integer(text: &str) -> bool {
    match text.strip_prefix('-') {
        Some(digits) => !digits.starts_with('0'),
        None => text == "0" || !text.starts_with('0'),
    }
}

fn check_decimal(
    precision: Option<u32>,
    scale: Option<u32>,
    value: &Json<'_>,
    bounds: Bounds,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let Some(text) = decimal_text(value) else {
        push(
            out,
            path,
            ViolationRule::Type,
            format!("must be a number (got {})", show(value)),
        );
        return;
    };
    let (int_digits, frac_digits) = digit_counts(text);
    let total = int_digits + frac_digits;
    if let Some(precision) = precision.filter(|&p| total > p as usize) {
        push(
            out,
            path,
            ViolationRule::DecimalPrecision,
            format!("must have at most {precision} digits in total (got {total})"),
        );
    }
    if let Some(scale) = scale.filter(|&s| frac_digits > s as usize) {
        push(
            out,
            path,
            ViolationRule::DecimalScale,
            format!("must have at most {scale} digits after the decimal point (got {frac_digits})"),
        );
    }
    check_bounds(text, bounds, path, out);
}

/// The text of a JSON number or numeric string, digit for digit as it travels.
fn decimal_text<'v>(value: &'v Json<'_>) -> Option<&'v str> {
    match value {
        Json::Number(text) => Some(text),
        Json::String(s) if is_decimal_text(s) => Some(s),
        _ => None,
    }
}

/// Significant digits before and after the point of a valid JSON number (`1.5e3` has four
/// before and none after). Leading zeros of the integer part and trailing zeros of the
/// fraction carry no digits.
fn digit_counts(text: &str) -> (usize, usize) {
    let unsigned = text.trim_start_matches('-');
    let (mantissa, exponent) = match unsigned.split_once(['e', 'E']) {
        // An exponent too large for i64 is still a number too large for any field.
        Some((m, e)) => (
            m,
            e.parse::<i64>().unwrap_or(if e.starts_with('-') {
                -1_000_000
            } else {
                1_000_000
            }),
        ),
        None => (unsigned, 0),
    };
    let (int_part, frac_part) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits: Vec<u8> = int_part.bytes().chain(frac_part.bytes()).collect();
    let Some(first) = digits.iter().position(|&d| d != b'0') else {
        return (0, 0);
    };
    let last = digits.iter().rposition(|&d| d != b'0').unwrap_or(first);
    // Digits before the point, counted from the first digit of the mantissa.
    let point = (int_part.len() as i64).saturating_add(exponent.clamp(-1_000_000, 1_000_000));
    let before = (point - first as i64).max(0) as usize;
    let after = (last as i64 + 1 - point).max(0) as usize;
    (before, after)
}

/// `-?[0-9]+`
fn is_integer_text(s: &str) -> bool {
    all_digits(s.strip_prefix('-').unwrap_or(s))
}

/// `-?[0-9]+(\.[0-9]+)?`
fn is_decimal_text(s: &str) -> bool {
    let unsigned = s.strip_prefix('-').unwrap_or(s);
    match unsigned.split_once('.') {
        Some((int, frac)) => all_digits(int) && all_digits(frac),
        None => all_digits(unsigned),
    }
}

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

fn check_bounds(text: &str, bounds: Bounds, path: &Path<'_>, out: &mut Vec<Violation>) {
    // Whole numbers against whole-number bounds (ids, counts: nearly every bound) compare as
    // `i64`, without parsing three `Decimal`s; the messages are the same as below.
    if let Some((number, min, max)) = integer_bounds(text, bounds) {
        if let Some(min) = min.filter(|min| number < *min) {
            let message = format!("must be at least {min} (got {text})");
            push(out, path, ViolationRule::Min, message);
        }
        if let Some(max) = max.filter(|max| number > *max) {
            let message = format!("must be at most {max} (got {text})");
            push(out, path, ViolationRule::Max, message);
        }
        return;
    }
    let Ok(number) = Decimal::from_str(text).or_else(|_| Decimal::from_scientific(text)) else {
        return; // Too many digits for a Decimal: already reported as a digit violation.
    };
    if let Some(min) = bounds.min.and_then(|m| Decimal::from_str(m).ok()) {
        if number < min {
            push(
                out,
                path,
                ViolationRule::Min,
                format!("must be at least {min} (got {text})"),
            );
        }
    }
    if let Some(max) = bounds.max.and_then(|m| Decimal::from_str(m).ok()) {
        if number > max {
            push(
                out,
                path,
                ViolationRule::Max,
                format!("must be at most {max} (got {text})"),
            );
        }
    }
}

/// The value and its bounds as `i64`, when all of them are plain whole numbers.
fn integer_bounds(text: &str, bounds: Bounds) -> Option<(i64, Option<i64>, Option<i64>)> {
    let whole = |t: &str| t.parse::<i64>().ok();
    let bound = |b: Option<&str>| match b {
        Some(b) => whole(b).map(Some),
        None => Some(None),
    };
    Some((whole(text)?, bound(bounds.min)?, bound(bounds.max)?))
}

fn check_date(value: &Json<'_>, path: &Path<'_>, out: &mut Vec<Violation>) {
    let Some(text) = value.as_str() else {
        push(
            out,
            path,
            ViolationRule::Type,
            format!("must be a date string YYYY-MM-DD (got {})", kind(value)),
        );
        return;
    };
    if let Err(why) = strict_date(text) {
        push(
            out,
            path,
            ViolationRule::Date,
            format!(
                "must be a valid date in the form YYYY-MM-DD{why} (got {})",
                show(value)
            ),
        );
    }
}

fn check_datetime(value: &Json<'_>, path: &Path<'_>, out: &mut Vec<Violation>) {
    let Some(text) = value.as_str() else {
        push(
            out,
            path,
            ViolationRule::Type,
            format!(
                "must be a date-time string YYYY-MM-DD HH:MM:SS (got {})",
                kind(value)
            ),
        );
        return;
    };
    let checked = if text.len() == 19 && text.as_bytes()[10] == b' ' {
        strict_date(&text[..10]).and_then(|_| strict_time(&text[11..]))
    } else {
        Err("")
    };
    if let Err(why) = checked {
        push(
            out,
            path,
            ViolationRule::DateTime,
            format!(
                "must be a valid date and time in the form YYYY-MM-DD HH:MM:SS{why} (got {})",
                show(value)
            ),
        );
    }
}

/// Years a request date may fall in. chrono's `%Y` takes year 0000 (1 BC in its calendar) and,
/// without the shape check, signs and five or more digits. Komet's dates are ship, invoice and
/// payment days of a trading business; its storage is not documented, but the common SQL date
/// types start in 1753 (`datetime`) or 1900 (`smalldatetime`), so a year before 1900 is taken
/// for a typo rather than a date Komet could keep. 9999 is the most the four-digit form writes.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Strict `YYYY-MM-DD` (chrono alone would accept signs and short years).
pub(super) fn parse_date(text: &str) -> Option<NaiveDate> {
    strict_date(text).ok()
}

/// The date, or a reason (to append to the message; empty when the shape is wrong).
fn strict_date(text: &str) -> Result<NaiveDate, &'static str> {
    if !has_shape(text, b"dddd-dd-dd") {
        return Err("");
    }
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| "")?;
    if !YEARS.contains(&date.year()) {
        return Err(", in the years 1900 to 9999");
    }
    Ok(date)
}

/// Strict `HH:MM:SS` on a 24-hour clock: hour 0-23, minute and second 0-59. chrono's `%S`
/// would take 60 as a leap second, which the documented form does not provide for.
fn strict_time(text: &str) -> Result<NaiveTime, &'static str> {
    if !has_shape(text, b"dd:dd:dd") {
        return Err("");
    }
    let part = |at: usize| text[at..at + 2].parse::<u32>().unwrap_or(u32::MAX);
    // `from_hms_opt` rejects hour 24, minute 60 and second 60 alike.
    NaiveTime::from_hms_opt(part(0), part(3), part(6))
        .ok_or(", with hours 00-23 and minutes and seconds 00-59")
}

/// `shape` uses `d` for an ASCII digit; every other byte must match exactly.
fn has_shape(text: &str, shape: &[u8]) -> bool {
    text.len() == shape.len()
        && text.bytes().zip(shape).all(|(b, &s)| {
            if s == b'd' {
                b.is_ascii_digit()
            } else {
                b == s
            }
        })
}

/// `1`/`0` as a number or as text. A JSON `true` is refused: Komet's flags are numbers, and
/// by name it would travel as `true` (`includeBoxes=true` in a query), which Komet does not
/// read as 1.
fn is_flag(value: &Json<'_>) -> bool {
    match value {
        Json::Number(n) => n == "0" || n == "1",
        Json::String(s) => s == "0" || s == "1",
        _ => false,
    }
}

/// One of the enum's values, or of `only` when the field accepts just some of them.
fn check_enum(
    meta: &EnumMeta,
    only: &[WireValue],
    value: &Json<'_>,
    path: &Path<'_>,
    out: &mut Vec<Violation>,
) {
    let accepted = if only.is_empty() { meta.values } else { only };
    let known = match value {
        Json::String(s) => accepted.iter().any(|v| match v {
            WireValue::Str(x) => x == s,
            WireValue::Int(i) => s.parse::<i64>().ok() == Some(*i),
        }),
        Json::Number(n) => n
            .parse::<i64>()
            .is_ok_and(|i| accepted.contains(&WireValue::Int(i))),
        _ => {
            push(
                out,
                path,
                ViolationRule::Type,
                format!("must be a string or a number (got {})", kind(value)),
            );
            return;
        }
    };
    if !known {
        let allowed: Vec<String> = accepted.iter().map(|v| show_wire(*v, true)).collect();
        push(
            out,
            path,
            ViolationRule::Enum,
            format!(
                "must be one of {} (got {})",
                allowed.join(", "),
                show(value)
            ),
        );
    }
}

/// Lenient equality of a JSON value and a wire value: `1`, `"1"` and `true` are alike.
pub(super) fn wire_eq(value: &Json<'_>, wanted: WireValue) -> bool {
    match (value, wanted) {
        // Plain whole numbers (nearly every one) compare without a `Decimal`.
        (Json::Number(n), WireValue::Int(i)) if is_integer_text(n) && is_plain_integer(n) => {
            n.parse() == Ok(i)
        }
        (Json::Number(n), WireValue::Int(i)) => {
            let exact = Decimal::from_str(n).or_else(|_| Decimal::from_scientific(n));
            exact.is_ok_and(|d| d == Decimal::from(i))
        }
        (Json::String(s), WireValue::Int(i)) => s.trim().parse::<i64>().ok() == Some(i),
        (Json::Bool(b), WireValue::Int(i)) => i64::from(*b) == i,
        (Json::String(s), WireValue::Str(x)) => s == x,
        (Json::Number(n), WireValue::Str(x)) => n == x,
        (Json::Bool(b), WireValue::Str(x)) => {
            if *b {
                x == "1" || x == "true"
            } else {
                x == "0" || x == "false"
            }
        }
        _ => false,
    }
}

/// A wire value for a message; `quoted` marks strings as text.
pub(super) fn show_wire(value: WireValue, quoted: bool) -> String {
    match value {
        WireValue::Int(i) => i.to_string(),
        WireValue::Str(s) if quoted => format!("\"{s}\""),
        WireValue::Str(s) => s.to_owned(),
    }
}

/// A short rendering of a received value for a message.
fn show(value: &Json<'_>) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        let cut: String = text.chars().take(40).collect();
        format!("{cut}...")
    } else {
        text
    }
}

/// The JSON kind of a value, for type messages.
pub(super) fn kind(value: &Json<'_>) -> &'static str {
    match value {
        Json::Null => "null",
        Json::Bool(_) => "a boolean",
        Json::Number(_) => "a number",
        Json::String(_) => "a string",
        Json::Array(_) => "an array",
        Json::Object(_) => "an object",
    }
}
