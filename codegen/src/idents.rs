//! Which spec names can become Rust identifiers, and how. The checker (`lower`) asks these
//! questions so that every name reaching the emitters is one `format_ident!` and `syn` accept;
//! the emitters use [`field_ident`] to escape the keywords a raw identifier can spell.

use heck::ToUpperCamelCase;

/// Keywords that not even a raw identifier can spell: `r#self` is an error.
const NOT_RAW: &[&str] = &["self", "Self", "super", "crate", "_"];

/// Strict and reserved keywords of every edition up to 2024, so output stays valid when
/// komet-api moves edition (`gen` is reserved from 2024, `async`/`try` from 2018).
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names generated code uses unqualified, or that common.rs defines itself: an enum or
/// group of that name would shadow or clash with them through `use common::*`.
const RESERVED_TYPES: &[&str] = &[
    "Box",
    "CompanySetting",
    "Err",
    "Missing",
    "None",
    "Ok",
    "Option",
    "Result",
    "Some",
    "StatusResponse",
    "String",
    "Vec",
];

/// Names a request builder uses for itself (`builder.rs`): a field of that Rust name would
/// collide with them.
pub const BUILDER_NAMES: &[&str] = &["build", "builder", "required_fields", "map_required"];

/// Whether `name` is a Rust keyword (then a field needs `r#`).
pub fn is_keyword(name: &str) -> bool {
    KEYWORDS.contains(&name)
}

/// Why `name` cannot be a snake_case identifier (function, module, field), or `None`.
/// `raw_ok`: a keyword is acceptable because the emitter writes it as `r#name`.
pub fn snake_problem(name: &str, raw_ok: bool) -> Option<String> {
    let problem = if name.is_empty() {
        "is empty (the name has no letters or digits)"
    } else if NOT_RAW.contains(&name) {
        "is a keyword that not even a raw identifier (`r#...`) can spell"
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        "starts with a digit"
    } else if !name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        || !name.starts_with(|c: char| c.is_ascii_lowercase())
    {
        "must start with a lowercase letter and hold only a-z, 0-9 and `_`"
    } else if !raw_ok && is_keyword(name) {
        "is a Rust keyword"
    } else {
        return None;
    };
    Some(problem.to_string())
}

/// Why `name` cannot be an UpperCamelCase type name (enum, group type), or `None`. Type names
/// must be exactly UpperCamelCase, so generated code has no `non_camel_case_types` warnings
/// and their SCREAMING_CASE statics cannot collide.
pub fn type_problem(name: &str) -> Option<String> {
    let problem = if !name.starts_with(|c: char| c.is_ascii_uppercase())
        || !name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        "must start with A-Z and hold only letters and digits"
    } else if name == "Self" {
        "is a Rust keyword"
    } else if name.to_upper_camel_case() != name {
        "must be UpperCamelCase (capitalise words, not whole acronyms)"
    } else if RESERVED_TYPES.contains(&name) {
        "is a name the generated code already uses"
    } else {
        return None;
    };
    Some(problem.to_string())
}

/// Why `name` cannot be an enum variant, or `None`. Looser than a type name: existing variants
/// keep acronyms (`K2K`).
pub fn variant_problem(name: &str) -> Option<String> {
    if !name.starts_with(|c: char| c.is_ascii_uppercase())
        || !name.chars().all(|c| c.is_ascii_alphanumeric())
    {
        Some("must start with A-Z and hold only letters and digits".to_string())
    } else if name == "Self" {
        Some("is a Rust keyword".to_string())
    } else {
        None
    }
}

/// A field identifier, raw when the name is a keyword. The checker has rejected names that
/// neither form can spell.
pub fn field_ident(name: &str) -> syn::Ident {
    if is_keyword(name) {
        syn::Ident::new_raw(name, proc_macro2::Span::call_site())
    } else {
        syn::Ident::new(name, proc_macro2::Span::call_site())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_accepted_name_makes_an_identifier() {
        for name in ["type", "gen", "async", "r", "a_1", "x9"] {
            assert_eq!(snake_problem(name, true), None, "{name}");
            let _ = field_ident(name);
        }
        for name in ["self", "_", "1a", "", "a-b", "É", "Self", "crate", "super"] {
            assert!(snake_problem(name, true).is_some(), "{name}");
        }
        assert!(snake_problem("type", false).is_some());
        for name in ["Self", "lower", "ITEMType", "String", "A_B", "9A"] {
            assert!(type_problem(name).is_some(), "{name}");
        }
        assert_eq!(type_problem("ItemType"), None);
        assert_eq!(variant_problem("K2K"), None);
    }
}
