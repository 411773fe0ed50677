//! Parsing the type strings of the spec (`string:50`, `decimal:10,2`, `list:integer:20`).

use crate::ir::Ty;

/// A parsed scalar or container type, before nested objects are attached.
#[derive(Debug, PartialEq, Eq)]
pub enum TypeSpec {
    String(Option<u32>),
    Integer(Option<u32>),
    Decimal(Option<u32>, Option<u32>),
    Date,
    DateTime,
    Flag,
    Bool,
    Enum(String),
    /// A document number or code kept as text (`text:InvoiceNumber`, `text:InvoiceNumber:10`):
    /// a type declared under `texts` in `common.yaml`, with an optional length bound.
    Text(String, Option<u32>),
    /// An entity id (`id:CustomerId`, `id:CustomerId:20`): a whole number of at most N digits,
    /// of a type declared under `ids` in `common.yaml`.
    Id(String, Option<u32>),
    /// Several scalars in one comma-separated string (`csv:integer:20`), with an optional
    /// bound on the whole string's length (`csv:200:integer:20`).
    Csv(Option<u32>, Box<TypeSpec>),
    Object,
    Array,
    Map,
    List(Box<TypeSpec>),
}

impl TypeSpec {
    /// Whether the type is a single JSON scalar.
    pub fn is_scalar(&self) -> bool {
        !matches!(
            self,
            TypeSpec::Object | TypeSpec::Array | TypeSpec::Map | TypeSpec::List(_)
        )
    }
}

/// Parses a type string; the error says what is accepted.
pub fn parse_type(text: &str) -> Result<TypeSpec, String> {
    let text = text.trim();
    let (head, arg) = match text.split_once(':') {
        Some((head, arg)) => (head, Some(arg)),
        None => (text, None),
    };
    let parsed = match (head, arg) {
        ("string", None) => TypeSpec::String(None),
        ("string", Some(n)) => TypeSpec::String(Some(positive(n, text)?)),
        ("integer", None) => TypeSpec::Integer(None),
        ("integer", Some(n)) => TypeSpec::Integer(Some(positive(n, text)?)),
        ("decimal", None) => TypeSpec::Decimal(None, None),
        ("decimal", Some(bounds)) => {
            let (p, s) = bounds
                .split_once(',')
                .ok_or_else(|| format!("`{text}`: a decimal is written `decimal:P,S`"))?;
            let (p, s) = (positive(p, text)?, count(s, text)?);
            if s > p {
                return Err(format!("`{text}`: the scale cannot exceed the precision"));
            }
            TypeSpec::Decimal(Some(p), Some(s))
        }
        ("date", None) => TypeSpec::Date,
        ("datetime", None) => TypeSpec::DateTime,
        ("flag", None) => TypeSpec::Flag,
        ("bool", None) => TypeSpec::Bool,
        ("object", None) => TypeSpec::Object,
        ("array", None) => TypeSpec::Array,
        ("map", None) => TypeSpec::Map,
        ("enum", Some(name)) if is_type_name(name) => TypeSpec::Enum(name.to_string()),
        ("text", Some(arg)) => {
            let (name, bound) = named_bound(arg, text, "a text type is written `text:Name` or `text:Name:N`")?;
            TypeSpec::Text(name, bound)
        }
        ("id", Some(arg)) => {
            let (name, bound) = named_bound(arg, text, "an id is written `id:Name` or `id:Name:N`")?;
            TypeSpec::Id(name, bound)
        }
        ("csv", Some(arg)) => {
            let (total, item) = match arg.split_once(':') {
                Some((n, item)) if n.bytes().all(|b| b.is_ascii_digit()) => {
                    (Some(positive(n, text)?), item)
                }
                _ => (None, arg),
            };
            let item = parse_type(item)?;
            if !matches!(
                item,
                TypeSpec::Integer(_) | TypeSpec::String(_) | TypeSpec::Text(..) | TypeSpec::Id(..)
            ) {
                return Err(format!(
                    "`{text}`: a comma-separated list holds integers, strings, text types or ids"
                ));
            }
            TypeSpec::Csv(total, Box::new(item))
        }
        ("list", Some(inner)) => {
            let inner = parse_type(inner)?;
            if !inner.is_scalar() {
                return Err(format!("`{text}`: a list holds scalars only; use `array` with `fields` for objects"));
            }
            TypeSpec::List(Box::new(inner))
        }
        _ => {
            return Err(format!(
                "unknown type `{text}`; expected string, string:N, integer, integer:N, decimal, decimal:P,S, \
                 date, datetime, flag, bool, enum:Name, text:Name[:N], id:Name[:N], object, array, map, \
                 list:<scalar> or csv:[N:]<integer|string|text|id>"
            ))
        }
    };
    Ok(parsed)
}

/// `Name` or `Name:N` after `text:` or `id:`, Name in UpperCamelCase.
fn named_bound(arg: &str, whole: &str, form: &str) -> Result<(String, Option<u32>), String> {
    let (name, bound) = match arg.split_once(':') {
        Some((name, n)) => (name, Some(positive(n, whole)?)),
        None => (arg, None),
    };
    if !is_type_name(name) {
        return Err(format!("`{whole}`: {form}, Name in UpperCamelCase"));
    }
    Ok((name.to_string(), bound))
}

fn count(n: &str, whole: &str) -> Result<u32, String> {
    n.trim()
        .parse::<u32>()
        .map_err(|_| format!("`{whole}`: `{n}` is not a whole number"))
}

fn positive(n: &str, whole: &str) -> Result<u32, String> {
    match count(n, whole)? {
        0 => Err(format!("`{whole}`: the bound must be at least 1")),
        v => Ok(v),
    }
}

fn is_type_name(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && name.chars().all(|c| c.is_ascii_alphanumeric())
}

/// The scalar kind of a type without its bounds, used to compare shared alternative shapes.
pub fn kind_name(ty: &Ty) -> String {
    match ty {
        Ty::String(_) => "string".into(),
        Ty::Integer(_) => "integer".into(),
        Ty::Decimal(..) => "decimal".into(),
        Ty::Date => "date".into(),
        Ty::DateTime => "datetime".into(),
        Ty::Flag => "flag".into(),
        Ty::Bool => "bool".into(),
        Ty::Enum(name) => format!("enum:{name}"),
        Ty::Text { name, .. } => format!("text:{name}"),
        Ty::Id { name, .. } => format!("id:{name}"),
        Ty::Csv { item, .. } => format!("csv:{}", kind_name(item)),
        Ty::Object(_) => "object".into(),
        Ty::Array(_) => "array".into(),
        Ty::Map(_) => "map".into(),
        Ty::List(inner) => format!("list:{}", kind_name(inner)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_form() {
        assert_eq!(parse_type("string:50"), Ok(TypeSpec::String(Some(50))));
        assert_eq!(parse_type("integer"), Ok(TypeSpec::Integer(None)));
        assert_eq!(
            parse_type("decimal:10,3"),
            Ok(TypeSpec::Decimal(Some(10), Some(3)))
        );
        assert_eq!(
            parse_type("enum:ItemType"),
            Ok(TypeSpec::Enum("ItemType".into()))
        );
        assert_eq!(
            parse_type("list:integer:20"),
            Ok(TypeSpec::List(Box::new(TypeSpec::Integer(Some(20)))))
        );
        assert_eq!(
            parse_type("text:InvoiceNumber:10"),
            Ok(TypeSpec::Text("InvoiceNumber".into(), Some(10)))
        );
        assert_eq!(
            parse_type("text:AwbNumber"),
            Ok(TypeSpec::Text("AwbNumber".into(), None))
        );
        assert_eq!(
            parse_type("id:CustomerId:20"),
            Ok(TypeSpec::Id("CustomerId".into(), Some(20)))
        );
        assert_eq!(
            parse_type("id:CustomerId"),
            Ok(TypeSpec::Id("CustomerId".into(), None))
        );
        assert_eq!(
            parse_type("list:id:LocationId:20"),
            Ok(TypeSpec::List(Box::new(TypeSpec::Id(
                "LocationId".into(),
                Some(20)
            ))))
        );
        assert_eq!(
            parse_type("csv:200:id:PurchaseOrderItemId:20"),
            Ok(TypeSpec::Csv(
                Some(200),
                Box::new(TypeSpec::Id("PurchaseOrderItemId".into(), Some(20)))
            ))
        );
        assert_eq!(
            parse_type("csv:integer:20"),
            Ok(TypeSpec::Csv(None, Box::new(TypeSpec::Integer(Some(20)))))
        );
        assert_eq!(
            parse_type("csv:200:text:PurchaseOrderNumber:10"),
            Ok(TypeSpec::Csv(
                Some(200),
                Box::new(TypeSpec::Text("PurchaseOrderNumber".into(), Some(10)))
            ))
        );
    }

    #[test]
    fn rejects_bad_forms() {
        for bad in [
            "strng:20",
            "string:0",
            "decimal:2,3",
            "decimal:10",
            "enum:lower",
            "list:array",
            "integer:x",
            "text:lower",
            "text:Name:0",
            "csv:date",
            "csv:200",
            "csv:0:integer",
            "csv:list:integer",
            "id",
            "id:customerId",
            "id:CustomerId:0",
            "id:CustomerId:x",
            "id:Customer-Id",
            "id:CustomerId:20:3",
        ] {
            assert!(parse_type(bad).is_err(), "{bad} should be rejected");
        }
    }
}
