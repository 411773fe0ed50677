//! Request and response structs: required request fields are plain values (set through the
//! builder, see `builder.rs`), optional ones `Option`; every response field is an optional, leniently decoded value.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::builder::{Slot, SlotKind};
use super::encode::Part;
use super::members::{Group, GroupKind, Member};
use crate::ir::{Field, Method, Object, Ty};

/// The Rust type of a scalar and the `crate::wire` module that (de)serialises it.
pub fn scalar_rust(ty: &Ty) -> (TokenStream, Option<&'static str>) {
    match ty {
        Ty::String(_) => (quote!(String), Some("string")),
        Ty::Integer(_) => (quote!(i64), Some("int")),
        // The id newtype, written and read as an integer field is (generic helpers).
        Ty::Id { name, .. } => {
            let ident = format_ident!("{}", name);
            (quote!(#ident), Some("id"))
        }
        Ty::Decimal(..) => (quote!(rust_decimal::Decimal), Some("decimal")),
        Ty::Date => (quote!(chrono::NaiveDate), Some("date")),
        Ty::DateTime => (quote!(chrono::NaiveDateTime), Some("datetime")),
        Ty::Flag => (quote!(bool), Some("flag")),
        Ty::Bool => (quote!(bool), Some("boolean")),
        Ty::Enum(name) => {
            let ident = format_ident!("{}", name);
            (quote!(#ident), None)
        }
        Ty::Object(o) => {
            let ident = format_ident!("{}", o.rust_name);
            (quote!(#ident), None)
        }
        Ty::Array(o) => {
            let ident = format_ident!("{}", o.rust_name);
            (quote!(Vec<#ident>), None)
        }
        Ty::Map(o) => {
            let ident = format_ident!("{}", o.rust_name);
            (quote!(std::collections::BTreeMap<String, #ident>), None)
        }
        // Each item as leniently as a single field of its type; enums decode themselves.
        Ty::List(inner) => {
            let (item, module) = scalar_rust(inner);
            let list = module.and_then(|m| match m {
                "int" => Some("int_list"),
                "id" => Some("id_list"),
                "string" => Some("string_list"),
                "decimal" => Some("decimal_list"),
                "date" => Some("date_list"),
                "datetime" => Some("datetime_list"),
                "flag" => Some("flag_list"),
                "boolean" => Some("boolean_list"),
                _ => None,
            });
            (quote!(Vec<#item>), list)
        }
        // The newtype (de)serialises itself: text on the wire, numbers read as their digits.
        Ty::Text { name, .. } => {
            let ident = format_ident!("{}", name);
            (quote!(#ident), None)
        }
        Ty::Csv { item, .. } => {
            let (item, _) = scalar_rust(item);
            (quote!(Vec<#item>), Some("csv"))
        }
    }
}

pub use crate::idents::field_ident;

/// The Rust type of one field, optional or not.
pub fn field_type(field: &Field, optional: bool) -> TokenStream {
    let (ty, _) = scalar_rust(&field.ty);
    if optional {
        quote!(Option<#ty>)
    } else {
        ty
    }
}

/// What the generated decoder and encoder need to read and write `field`.
fn decoded(field: &Field, required: bool) -> Member {
    Member::new(&field.rust, &field.wire, scalar_rust(&field.ty), required)
}

fn field_doc(field: &Field) -> String {
    let mut doc = match &field.doc {
        Some(text) => text.split_whitespace().collect::<Vec<_>>().join(" "),
        None => format!("`{}`.", field.wire),
    };
    if field.samples_only {
        doc.push_str(" Seen only in a documentation sample.");
    }
    if field.observed {
        doc.push_str(" Observed in real responses; not on Komet's page.");
    }
    if let (false, Ty::Enum(name)) = (field.values.is_empty(), &field.ty) {
        let values: Vec<String> = field.values.iter().map(|v| format!("`{v}`")).collect();
        doc.push_str(&format!(
            " Only the [`{name}`] values {} are accepted here.",
            values.join(", ")
        ));
    }
    doc
}

/// Request struct(s) and response struct(s) of one method.
pub fn emit_method(method: &Method) -> TokenStream {
    let mut out = TokenStream::new();
    emit_request_object(method, &method.request, true, &mut out);
    if method.response.is_status_only() {
        out.extend(status_alias(method));
    } else {
        emit_response_object(&method.response, &mut out);
        out.extend(outcome_impl(&method.response));
    }
    out
}

/// `pub type XyzResponse = crate::StatusResponse;` for a response of only `status` and
/// `message`: one shared type instead of one identical struct per method, while the name
/// every other method follows stays usable.
fn status_alias(method: &Method) -> TokenStream {
    let name = format_ident!("{}", method.response.rust_name);
    let doc = format!(
        "Decoded response of `{}`: only `status` and `message`, so it is the shared [`StatusResponse`].",
        method.name
    );
    quote! {
        #[doc = #doc]
        pub type #name = crate::StatusResponse;
    }
}

/// `impl Outcome` for a top-level response with a `status` flag and a `message`.
fn outcome_impl(object: &Object) -> Option<TokenStream> {
    object.outcome_fields()?;
    let name = format_ident!("{}", object.rust_name);
    Some(quote! {
        impl crate::Outcome for #name {
            fn status(&self) -> Option<bool> {
                self.status
            }
            fn message(&self) -> Option<&str> {
                self.message.as_deref()
            }
        }
    })
}

fn emit_request_object(method: &Method, object: &Object, top: bool, out: &mut TokenStream) {
    let name = format_ident!("{}", object.rust_name);
    let mut members = Vec::new();
    let mut slots = Vec::new();
    let mut emitted_groups = Vec::new();
    let mut decoded_members = Vec::new();
    let mut decoded_groups = Vec::new();
    let mut encoded = Vec::new();
    for field in &object.fields {
        if let Some(g) = field.group {
            if emitted_groups.contains(&g) {
                continue;
            }
            emitted_groups.push(g);
            let group = &object.alternatives[g];
            let ident = field_ident(&group.rust);
            let ty = format_ident!("{}", group.ty);
            let doc = format!(
                "`{}`: one of the alternatives of [`{}`]. Rule: {} {}",
                group.name,
                group.ty,
                crate::openapi::words::alternative(group, object),
                super::field_docs::group_rules(group, object)
            )
            .trim_end()
            .to_string();
            let held = Group {
                ident: ident.clone(),
                ty: ty.clone(),
                kind: if !group.exclusive {
                    GroupKind::Inclusive
                } else if group.required {
                    GroupKind::Required
                } else {
                    GroupKind::Optional
                },
            };
            encoded.push(Part::Group(held.clone()));
            decoded_groups.push(held);
            // Every group's members are written in its place (the encoder flattens them).
            let kind = if !group.exclusive && !group.required {
                // Any combination, none included: the struct's empty value is "not given".
                members.push(quote! { #[doc = #doc] pub #ident: #ty, });
                SlotKind::Defaulted
            } else if group.required {
                members.push(quote! { #[doc = #doc] pub #ident: #ty, });
                SlotKind::Required
            } else {
                members.push(quote! { #[doc = #doc] pub #ident: Option<#ty>, });
                SlotKind::Optional
            };
            slots.push(Slot {
                ident,
                ty: quote!(#ty),
                kind,
                doc,
            });
            continue;
        }
        let ident = field_ident(&field.rust);
        let ty = field_type(field, !field.required);
        let doc = format!(
            "{}\n\n{}",
            field_doc(field),
            super::field_docs::rules(field, object)
        );
        members.push(quote! { #[doc = #doc] pub #ident: #ty, });
        let member = decoded(field, field.required);
        encoded.push(Part::Member(member.clone()));
        decoded_members.push(member);
        slots.push(Slot {
            ident,
            ty: scalar_rust(&field.ty).0,
            kind: if field.required {
                SlotKind::Required
            } else {
                SlotKind::Optional
            },
            doc,
        });
        if let Ty::Object(o) | Ty::Array(o) | Ty::Map(o) = &field.ty {
            emit_request_object(method, o, false, out);
        }
    }
    let struct_doc = if top {
        let mut doc = vec![format!(
            "Parameters of `{}` (the client adds the token); send them with [`Client::{}`](crate::Client::{}).",
            method.name, method.fn_name, method.fn_name
        )];
        if let Some(sentence) = method.assumed_sentence() {
            doc.push(String::new());
            doc.push(format!(
                "{}; see [`MethodMeta::assumed`].",
                capitalise(&sentence)
            ));
        }
        doc
    } else {
        vec![format!("An element of a `{}` request.", method.name)]
    };
    let mut struct_doc = struct_doc;
    struct_doc.push(String::new());
    struct_doc.push(format!(
        "Build one with [`{name}::builder`]; fields are public, so a built value can still be changed."
    ));
    let meta = format_ident!("{}", object.meta_name);
    // A line checks itself (an importer can refuse a row before building the request); its
    // paths start at the line, and rules on fields of the whole request wait for the request.
    let validate_doc = if top {
        "Checks every rule of the spec; returns all violations with their JSON paths."
    } else {
        "Checks this element's own rules; paths start at the element. Rules that depend on fields of the whole request (`/field` conditions) are checked when the request is."
    };
    // With nothing required, the empty value is a valid start (`Default`).
    let default = slots
        .iter()
        .all(|s| s.kind != SlotKind::Required)
        .then(|| quote!(Default,));
    let builder = super::builder::emit(&name, &slots);
    let decoder = super::decode::request(&name, &decoded_members, &decoded_groups);
    let encoder = super::encode::request(&name, &encoded);
    out.extend(quote! {
        #(#[doc = #struct_doc])*
        #[derive(Debug, Clone, PartialEq, #default)]
        #[non_exhaustive]
        pub struct #name { #(#members)* }

        impl #name {
            #[doc = #validate_doc]
            pub fn validate(&self, context: &crate::ValidationContext) -> Result<(), crate::Violations> {
                crate::validate::validate_encodable(&#meta, self, context)
            }
        }

        #decoder

        #encoder

        #builder
    });
}

fn emit_response_object(object: &Object, out: &mut TokenStream) {
    let name = format_ident!("{}", object.rust_name);
    let mut members = Vec::new();
    let mut helpers = Vec::new();
    let mut decoded_members = Vec::new();
    for field in &object.fields {
        let ident = field_ident(&field.rust);
        let ty = field_type(field, true);
        decoded_members.push(decoded(field, false));
        let doc = field_doc(field);
        members.push(quote! { #[doc = #doc] pub #ident: #ty, });
        if let Ty::Object(o) | Ty::Array(o) | Ty::Map(o) = &field.ty {
            emit_response_object(o, out);
        }
        if let Ty::Array(o) = &field.ty {
            if let Some(helper) = failed_lines_helper(field, o) {
                helpers.push(helper);
            }
        }
    }
    let helpers = (!helpers.is_empty()).then(|| quote! { impl #name { #(#helpers)* } });
    let doc = format!(
        "Decoded `{}`; every field is optional and unknown ones are kept in `extra`.",
        object.rust_name
    );
    let decoder = super::decode::response(&name, &decoded_members);
    let encoder = super::encode::response(&name, &decoded_members);
    out.extend(quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name {
            #(#members)*
            #[doc = "Fields the spec does not describe, kept as sent; written after the others."]
            pub extra: std::collections::BTreeMap<String, serde_json::Value>,
        }
        #decoder
        #encoder
        #helpers
    });
}

/// For arrays of per-line results (elements with a `status` flag), a method that lists the
/// lines that failed, so a partial failure is not missed.
fn failed_lines_helper(field: &Field, element: &Object) -> Option<TokenStream> {
    let status = element
        .fields
        .iter()
        .find(|f| f.wire == "status" && matches!(f.ty, Ty::Flag))?;
    let status = field_ident(&status.rust);
    let ident = field_ident(&field.rust);
    let method = format_ident!("failed_{}", field.rust);
    let element_ty = format_ident!("{}", element.rust_name);
    let doc = format!(
        "Lines of `{}` whose own status reports a failure.",
        field.wire
    );
    Some(quote! {
        #[doc = #doc]
        pub fn #method(&self) -> impl Iterator<Item = &#element_ty> + '_ {
            self.#ident.iter().flatten().filter(|line| line.#status == Some(false))
        }
    })
}

/// `verb and ...` -> `Verb and ...`.
pub(super) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
