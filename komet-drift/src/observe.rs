//! Counting one value into an entry: its JSON type and shape, its length and digits; never
//! the value itself, unless kept as an example on request.

use crate::{DriftEntry, JsonType, ValueShape};

/// Most example values kept per entry.
pub const MAX_EXAMPLES: usize = 5;

/// Characters kept of one example value.
pub const MAX_EXAMPLE_CHARS: usize = 64;

impl DriftEntry {
    /// Counts one value of JSON type `ty`; `text` is a string's contents or a number's text
    /// (read for its shape, length and digits, not kept).
    pub fn observe(&mut self, ty: JsonType, text: Option<&str>) {
        self.count = self.count.saturating_add(1);
        self.json_types.insert(ty);
        let Some(text) = text else { return };
        let shape = match ty {
            JsonType::String => {
                let len = text.chars().count() as u64;
                self.max_len = self.max_len.max(Some(len));
                text_shape(text)
            }
            JsonType::Number => number_shape(text),
            _ => return,
        };
        self.shapes.insert(shape);
        if matches!(
            shape,
            ValueShape::Flag | ValueShape::Integer | ValueShape::Decimal
        ) {
            let (digits, scale) = digit_counts(text);
            self.max_digits = self.max_digits.max(Some(digits));
            if scale > 0 {
                self.max_scale = self.max_scale.max(Some(scale));
            }
        }
    }

    /// Keeps `value` as an example, cut to [`MAX_EXAMPLE_CHARS`] characters, unless the entry
    /// has [`MAX_EXAMPLES`] already or holds it.
    pub fn keep_example(&mut self, value: &str) {
        if self.examples.len() >= MAX_EXAMPLES {
            return;
        }
        let cut: String = value.chars().take(MAX_EXAMPLE_CHARS).collect();
        if !self.examples.contains(&cut) {
            self.examples.push(cut);
        }
    }
}

/// The shape of a number's text.
fn number_shape(text: &str) -> ValueShape {
    if text == "0" || text == "1" {
        ValueShape::Flag
    } else if text.bytes().any(|b| matches!(b, b'.' | b'e' | b'E')) {
        ValueShape::Decimal
    } else {
        ValueShape::Integer
    }
}

/// The shape of a string's contents.
fn text_shape(text: &str) -> ValueShape {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if text == "0" || text == "1" {
        ValueShape::Flag
    } else if digits(text) && text.len() > 1 && text.starts_with('0') {
        ValueShape::ZeroPadded
    } else if digits(unsigned) {
        ValueShape::Integer
    } else if unsigned
        .split_once('.')
        .is_some_and(|(whole, fraction)| digits(whole) && digits(fraction))
    {
        ValueShape::Decimal
    } else if has_shape(text, b"dddd-dd-dd") {
        ValueShape::Date
    } else if has_shape(text, b"dddd-dd-dd dd:dd:dd") {
        ValueShape::DateTime
    } else {
        ValueShape::Text
    }
}

/// Whether `text` matches `shape`, where `d` is any digit and other bytes stand for themselves.
fn has_shape(text: &str, shape: &[u8]) -> bool {
    text.len() == shape.len()
        && text.bytes().zip(shape).all(|(b, &s)| match s {
            b'd' => b.is_ascii_digit(),
            _ => b == s,
        })
}

/// Digits before the point (leading zeros not counted, at least 1) and after it, of a
/// number's text; an exponent is ignored.
fn digit_counts(text: &str) -> (u64, u64) {
    let mantissa = text.split(['e', 'E']).next().unwrap_or("");
    let unsigned = mantissa.trim_start_matches(['-', '+']);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let whole = whole.trim_start_matches('0').len().max(1) as u64;
    (whole, fraction.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::DriftKind;

    fn seen(values: &[(JsonType, &str)]) -> DriftEntry {
        let mut entry = DriftEntry::new("x", DriftKind::UnknownField, None);
        for (ty, text) in values {
            entry.observe(*ty, Some(text));
        }
        entry
    }

    #[test]
    fn shapes_lengths_and_digits_are_counted_not_values() {
        let entry = seen(&[
            (JsonType::Number, "12345"),
            (JsonType::Number, "1"),
            (JsonType::String, "003429"),
            (JsonType::String, "12.500"),
            (JsonType::String, "2025-01-31"),
            (JsonType::String, "2025-01-31 10:00:00"),
            (JsonType::String, "Rosas Freedom"),
        ]);
        use ValueShape::*;
        assert_eq!(
            entry.shapes.iter().copied().collect::<Vec<_>>(),
            [Flag, Integer, ZeroPadded, Decimal, Date, DateTime, Text]
        );
        assert_eq!(entry.count, 7);
        assert_eq!(entry.max_len, Some(19));
        assert_eq!(entry.max_digits, Some(5));
        assert_eq!(entry.max_scale, Some(3));
        assert!(entry.examples.is_empty());
    }

    #[test]
    fn examples_are_bounded() {
        let mut entry = DriftEntry::new("x", DriftKind::UnknownField, None);
        for i in 0..20 {
            entry.keep_example(&format!("{i}{}", "y".repeat(500)));
        }
        entry.keep_example("0");
        assert_eq!(entry.examples.len(), MAX_EXAMPLES);
        assert!(entry
            .examples
            .iter()
            .all(|e| e.chars().count() == MAX_EXAMPLE_CHARS));
    }
}
