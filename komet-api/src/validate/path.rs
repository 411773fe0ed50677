//! A violation's path as segments: `prebookItems[17].breakdowns[0].price` is the field
//! `prebookItems`, item 17, field `breakdowns`, item 0, field `price`, so an importer maps a
//! violation back to its row without parsing text.

/// One step of a [`Violation`](super::Violation) path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PathSegment {
    /// A member of an object, by its wire name.
    Field(String),
    /// An item of an array, counting from 0.
    Index(usize),
    /// An entry of a map (an object keyed by text, such as a date).
    Key(String),
}

/// Splits a path the validator wrote. Wire names hold no `.`, `[` or `]`; map keys are
/// written as JSON strings, so any text survives. Text the validator could not have written
/// ends the split rather than guessing.
pub(super) fn segments(path: &str) -> Vec<PathSegment> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let Some((segment, tail)) = bracketed(after) else {
                break;
            };
            out.push(segment);
            rest = tail;
        } else {
            let rest_of_name = rest.strip_prefix('.').unwrap_or(rest);
            let end = rest_of_name.find(['.', '[']).unwrap_or(rest_of_name.len());
            if end == 0 {
                break;
            }
            out.push(PathSegment::Field(rest_of_name[..end].to_owned()));
            rest = &rest_of_name[end..];
        }
    }
    out
}

/// `17]...` as an index or `"2026-12-01"]...` as a key, and what follows the `]`.
fn bracketed(text: &str) -> Option<(PathSegment, &str)> {
    if text.starts_with('"') {
        // The shortest JSON string that is followed by `]`.
        let mut deserializer = serde_json::Deserializer::from_str(text).into_iter::<String>();
        let key = deserializer.next()?.ok()?;
        let tail = text[deserializer.byte_offset()..].strip_prefix(']')?;
        return Some((PathSegment::Key(key), tail));
    }
    let (digits, tail) = text.split_once(']')?;
    let index = digits.parse().ok()?;
    Some((PathSegment::Index(index), tail))
}

#[cfg(test)]
mod tests {
    use super::PathSegment::{Field, Index, Key};
    use super::*;

    #[test]
    fn paths_split_into_fields_indexes_and_keys() {
        assert_eq!(
            segments("prebookItems[17].breakdowns[0].price"),
            [
                Field("prebookItems".into()),
                Index(17),
                Field("breakdowns".into()),
                Index(0),
                Field("price".into())
            ]
        );
        assert_eq!(
            segments(r#"days["2026-12-01"].boxes"#),
            [
                Field("days".into()),
                Key("2026-12-01".into()),
                Field("boxes".into())
            ]
        );
        assert_eq!(
            segments(r#"m["a]\"b.c"][2]"#),
            [Field("m".into()), Key("a]\"b.c".into()), Index(2)]
        );
        assert_eq!(segments("customer"), [Field("customer".into())]);
        assert_eq!(segments(""), []);
        // What the validator never writes stops the split instead of inventing segments.
        assert_eq!(segments("a[x]"), [Field("a".into())]);
        assert_eq!(segments("a[1"), [Field("a".into())]);
    }
}
