//! Small naming and value helpers shared by the lowering modules.

use crate::ir::*;
use crate::model::Scalar;

/// The node of key `key` beside an object's field list (`methods[0].request` ->
/// `methods[0].rules`, `methods[0].request[3].fields` -> `methods[0].request[3].rules`).
pub(super) fn sibling(fields_node: &str, key: &str) -> String {
    let parent = fields_node
        .strip_suffix(".fields")
        .or_else(|| fields_node.strip_suffix(".request"))
        .or_else(|| fields_node.strip_suffix(".response"))
        .unwrap_or(fields_node);
    format!("{parent}.{key}")
}

pub(super) fn is_scalar(ty: &Ty) -> bool {
    !matches!(ty, Ty::Object(_) | Ty::Array(_) | Ty::Map(_) | Ty::List(_))
}

pub(super) fn scalar_to_wire(value: &Scalar) -> Wire {
    match value {
        Scalar::Int(n) => Wire::Int(*n),
        Scalar::Bool(b) => Wire::Int(i64::from(*b)),
        Scalar::Str(s) => Wire::Str(s.clone()),
    }
}

/// Naive English singular for type names of array elements (`PrebookItems` -> `PrebookItem`).
pub(super) fn singular(name: &str) -> String {
    if let Some(stem) = name.strip_suffix("ies") {
        format!("{stem}y")
    } else if name.ends_with("sses")
        || name.ends_with("ches")
        || name.ends_with("shes")
        || name.ends_with("xes")
    {
        name[..name.len() - 2].to_string()
    } else if name.ends_with('s') && !name.ends_with("ss") {
        name[..name.len() - 1].to_string()
    } else {
        format!("{name}Item")
    }
}
