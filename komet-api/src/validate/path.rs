//! A violation's path as segments: `prebookItems[17].breakdowns[0].price` is the field
//! `prebookItems`, item 17, field `breakdowns`, item 0, field `price`, so an importer maps a
//! violation back to its row without parsing text.
//!
//! While checking, a path is a [`Path`] on the stack: each level of the walk adds one step to
//! its parent's, and the text is written only for a violation (most values break no rule).

use std::fmt;

use crate::json::Json;

/// Where the value being checked sits: the request itself, or one step below another path.
#[derive(Clone, Copy)]
pub(crate) enum Path<'a> {
    /// The request (written as nothing: top-level fields are plain names).
    Root,
    /// A member of an object, by its wire name.
    Member(&'a Path<'a>, &'a str),
    /// An item of an array.
    Item(&'a Path<'a>, usize),
    /// An entry of a map, by its key.
    Key(&'a Path<'a>, &'a str),
}

impl<'a> Path<'a> {
    pub(crate) fn member(&'a self, name: &'a str) -> Path<'a> {
        Path::Member(self, name)
    }

    pub(crate) fn item(&'a self, index: usize) -> Path<'a> {
        Path::Item(self, index)
    }

    pub(crate) fn key(&'a self, key: &'a str) -> Path<'a> {
        Path::Key(self, key)
    }

    pub(crate) fn is_root(&self) -> bool {
        matches!(self, Path::Root)
    }
}

/// `prebookItems[2].breakdowns[0].price`; a key is written as a JSON string, so any text
/// survives [`segments`].
impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Path::Root => Ok(()),
            Path::Member(Path::Root, name) => f.write_str(name),
            Path::Member(parent, name) => write!(f, "{parent}.{name}"),
            Path::Item(parent, index) => write!(f, "{parent}[{index}]"),
            Path::Key(parent, key) => write!(f, "{parent}[{}]", Json::String((*key).into())),
        }
    }
}

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
    fn a_path_is_written_as_the_segments_read_it() {
        let root = Path::Root;
        let items = root.member("prebookItems");
        let item = items.item(17);
        let price = item.member("price");
        assert_eq!(price.to_string(), "prebookItems[17].price");
        let days = root.member("days");
        let key = days.key("a]\"b.c");
        let boxes = key.member("boxes");
        assert_eq!(boxes.to_string(), r#"days["a]\"b.c"].boxes"#);
        assert_eq!(
            segments(&boxes.to_string()),
            [
                Field("days".into()),
                Key("a]\"b.c".into()),
                Field("boxes".into())
            ]
        );
        assert_eq!(root.to_string(), "");
        assert_eq!(root.item(0).to_string(), "[0]");
    }

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
