//! What the decoder and encoder emitters know of a struct's members: wire name, Rust field,
//! type and wire helper, and the flattened groups of alternatives.

use proc_macro2::{Ident, TokenStream};

/// A member read by a generated decoder and written by a generated encoder.
#[derive(Clone)]
pub struct Member {
    pub ident: Ident,
    pub wire: String,
    /// The value's type without `Option`.
    pub ty: TokenStream,
    /// The wire helper module (`int`, `date`, `id`, ...), or `None` when the type decodes itself.
    pub module: Option<&'static str>,
    /// Whether the struct field is the plain value (absent is an error) rather than `Option`.
    pub required: bool,
}

impl Member {
    /// A member called `wire` (field `rust`), of the type and wire helper `scalar_rust` or
    /// `kind_type` gives.
    pub fn new(
        rust: &str,
        wire: &str,
        (ty, module): (TokenStream, Option<&'static str>),
        required: bool,
    ) -> Member {
        Member {
            ident: super::rust_types::field_ident(rust),
            wire: wire.to_owned(),
            ty,
            module,
            required,
        }
    }
}

/// A flattened group of alternatives held by a request struct.
#[derive(Clone)]
pub struct Group {
    pub ident: Ident,
    pub ty: Ident,
    pub kind: GroupKind,
}

/// How a struct holds a group, which decides what an absent group becomes.
#[derive(Clone, Copy)]
pub enum GroupKind {
    /// A struct of optional members (several options may be given).
    Inclusive,
    /// An enum that must be given.
    Required,
    /// `Option` of an enum.
    Optional,
}
