//! `common.rs`: enumerations (with an `Unknown` variant so new server values never break a
//! response), the text and id newtypes, the alternative groups shared by methods, the company settings, and the
//! `StatusResponse` shared by every method whose response is only `status` and `message`.

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::members::Member;
use super::meta::{screaming, wire_value};
use super::rust_types::field_ident;
use crate::ir::{AltField, AltType, Api, Enum, IdType, TextType, Wire};

/// The whole `common.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let enums = api.enums.iter().map(emit_enum);
    let texts = api.texts.iter().map(emit_text);
    let ids = api.ids.iter().map(emit_id);
    let alternatives = api.alternatives.values().map(emit_alternative);
    let settings = emit_settings(api);
    let status = emit_status_response();
    quote! {
        use crate::meta::{EnumMeta, WireValue};
        use crate::wire::{WireEnum, WireValueOwned};
        #(#enums)*
        #(#texts)*
        #(#ids)*
        #(#alternatives)*
        #settings
        #status
    }
}

/// The one struct for responses that carry only `status` and `message`. Each method keeps its
/// own `ObjectMeta` (message bounds differ); only the Rust type is shared.
fn emit_status_response() -> TokenStream {
    let name = format_ident!("StatusResponse");
    let members = [
        Member::new("status", "status", (quote!(bool), Some("flag")), false),
        Member::new(
            "message",
            "message",
            (quote!(String), Some("string")),
            false,
        ),
    ];
    let decoder = super::decode::response(&name, &members);
    let encoder = super::encode::response(&name, &members);
    quote! {
        #[doc = "Decoded response of a method that answers only with `status` and `message`; every method whose response is exactly that uses this type (under its own alias name). Unknown fields are kept in `extra`."]
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct StatusResponse {
            #[doc = "Whether Komet reports success (`1`) or failure (`0`); sent as a number or as text."]
            pub status: Option<bool>,
            #[doc = "Komet's description of the outcome."]
            pub message: Option<String>,
            #[doc = "Fields the spec does not describe, kept as sent; written after the others."]
            pub extra: std::collections::BTreeMap<String, serde_json::Value>,
        }

        #decoder

        #encoder

        impl crate::Outcome for StatusResponse {
            fn status(&self) -> Option<bool> {
                self.status
            }
            fn message(&self) -> Option<&str> {
                self.message.as_deref()
            }
        }
    }
}

/// A document-number newtype; its whole body is `wire::text_type!`, so each one costs one
/// macro expansion instead of a page of generated impls.
fn emit_text(def: &TextType) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = &def.doc;
    quote! {
        crate::wire::text_type! {
            #[doc = #doc]
            #name
        }
    }
}

/// An entity-id newtype: one `wire::id_type!` expansion each.
fn emit_id(def: &IdType) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = &def.doc;
    quote! {
        crate::wire::id_type! {
            #[doc = #doc]
            #name
        }
    }
}

fn emit_enum(def: &Enum) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let meta = format_ident!("{}_META", screaming(&def.name));
    let doc = &def.doc;
    let meta_doc = format!("Wire values of [`{}`].", def.name);
    let variants = def.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let doc = format!("`{}`: {}", v.wire, v.doc);
        quote!(#[doc = #doc] #ident,)
    });
    let owned = |wire: &Wire| match wire {
        Wire::Int(n) => {
            let n = Literal::i64_unsuffixed(*n);
            quote!(WireValueOwned::Int(#n))
        }
        Wire::Str(s) => quote!(WireValueOwned::Str(#s.to_string())),
    };
    // Compared leniently: a digit code such as "4" arrives as text or as a number, and
    // `deserialize_enum` hands integer text over as a number.
    let from_arms = def.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let expected = wire_value(&v.wire);
        quote!(value if value.matches(#expected) => #name::#ident,)
    });
    let to_arms = def.values.iter().map(|v| {
        let ident = format_ident!("{}", v.name);
        let value = owned(&v.wire);
        quote!(#name::#ident => #value,)
    });
    let wire_values = def.values.iter().map(|v| wire_value(&v.wire));
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub enum #name {
            #(#variants)*
            #[doc = "A value this version of the spec does not know, kept as sent."]
            Unknown(WireValueOwned),
        }

        #[doc = #meta_doc]
        pub static #meta: EnumMeta = EnumMeta {
            name: stringify!(#name),
            values: &[#(#wire_values),*],
        };

        impl WireEnum for #name {
            fn from_wire(value: WireValueOwned) -> Self {
                match value {
                    #(#from_arms)*
                    other => #name::Unknown(other),
                }
            }
            fn to_wire(&self) -> WireValueOwned {
                match self {
                    #(#to_arms)*
                    #name::Unknown(value) => value.clone(),
                }
            }
        }

        /// The wire value (`Stem`, `1`), as sent.
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(&self.to_wire(), f)
            }
        }

        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::wire::serialize_enum(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::wire::deserialize_enum(deserializer)
            }
        }

        impl crate::Decode for #name {
            fn decode_tree(json: &crate::json::Json<'_>) -> Result<Self, crate::json::Message> {
                crate::wire::read_enum(json)
            }
        }

        impl crate::Encode for #name {
            fn encode_json(&self, out: &mut crate::encode::Writer) {
                crate::wire::write_enum(self.to_wire(), out)
            }
        }
    }
}

/// The Rust type of an option's field and its wire helper module, if any.
fn alt_field_type(field: &AltField) -> (TokenStream, Option<&'static str>) {
    kind_type(&field.kind)
}

/// The Rust type and wire helper of a scalar kind as `types::kind_name` writes it.
fn kind_type(kind: &str) -> (TokenStream, Option<&'static str>) {
    match kind {
        "string" => (quote!(String), Some("string")),
        "integer" => (quote!(i64), Some("int")),
        "decimal" => (quote!(rust_decimal::Decimal), Some("decimal")),
        "date" => (quote!(chrono::NaiveDate), Some("date")),
        "datetime" => (quote!(chrono::NaiveDateTime), Some("datetime")),
        "flag" => (quote!(bool), Some("flag")),
        "bool" => (quote!(bool), Some("boolean")),
        other => {
            if let Some(item) = other.strip_prefix("csv:") {
                let (item, _) = kind_type(item);
                return (quote!(Vec<#item>), Some("csv"));
            }
            if let Some(name) = other.strip_prefix("id:") {
                let name = format_ident!("{}", name);
                return (quote!(#name), Some("id"));
            }
            let name = other
                .strip_prefix("enum:")
                .or_else(|| other.strip_prefix("text:"))
                .unwrap_or(other);
            let name = format_ident!("{}", name);
            (quote!(#name), None)
        }
    }
}

fn alt_field(field: &AltField) -> TokenStream {
    let ident = field_ident(&field.rust);
    let wire = &field.wire;
    let doc = format!("`{wire}`.");
    let (ty, _) = alt_field_type(field);
    quote!(#[doc = #doc] #ident: #ty,)
}

/// What the generated decoder needs to read an option's field.
fn alt_member(field: &AltField, required: bool) -> Member {
    Member::new(&field.rust, &field.wire, alt_field_type(field), required)
}

/// `Id (`vendorId`), Code (`vendorCode`)`
fn options_label(def: &AltType) -> String {
    def.variants
        .iter()
        .map(|(v, fields)| {
            let wires: Vec<String> = fields.iter().map(|f| format!("`{}`", f.wire)).collect();
            format!("{v} ({})", wires.join(" + "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// `boxTypeId, or boxTypeCode with boxTypeDescription`: the options, for decoding errors.
fn options_sentence(def: &AltType) -> String {
    def.variants
        .iter()
        .map(|(_, fields)| {
            let wires: Vec<String> = fields.iter().map(|f| format!("`{}`", f.wire)).collect();
            wires.join(" with ")
        })
        .collect::<Vec<_>>()
        .join(", or ")
}

/// A group whose options may be sent together: a struct of optional fields with one
/// constructor per option. The validator checks that an option is complete, and that one is
/// given when the group is required.
fn emit_inclusive_alternative(def: &AltType) -> TokenStream {
    let name = format_ident!("{}", def.name);
    let doc = format!(
        "Any of: {}. Komet accepts several at once; start from the constructor of one and set \
         the others if needed.",
        options_label(def)
    );
    let members = def
        .variants
        .iter()
        .flat_map(|(_, fields)| fields)
        .map(|field| {
            let ident = field_ident(&field.rust);
            let wire = &field.wire;
            let doc = format!("`{wire}`.");
            let (ty, _) = alt_field_type(field);
            quote! {
                #[doc = #doc]
                pub #ident: Option<#ty>,
            }
        });
    let decoded: Vec<Member> = def
        .variants
        .iter()
        .flat_map(|(_, fields)| fields)
        .map(|field| alt_member(field, false))
        .collect();
    let decoder = super::decode::inclusive(&name, &decoded);
    let encoder = super::encode::inclusive(&name, &decoded);
    let constructors = def.variants.iter().filter_map(|(variant, fields)| {
        let ctor = field_ident(&heck::ToSnakeCase::to_snake_case(variant.as_str()));
        let doc = format!(
            "Given by {}.",
            fields
                .iter()
                .map(|f| format!("`{}`", f.wire))
                .collect::<Vec<_>>()
                .join(" and ")
        );
        let params = constructor_params(fields)?;
        let sets = fields.iter().map(|f| {
            let ident = field_ident(&f.rust);
            quote!(#ident: Some(#ident.into()))
        });
        Some(quote! {
            #[doc = #doc]
            pub fn #ctor(#(#params),*) -> Self {
                Self { #(#sets,)* ..Self::default() }
            }
        })
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, Default, PartialEq)]
        #[non_exhaustive]
        pub struct #name { #(#members)* }

        impl #name { #(#constructors)* }

        #decoder

        #encoder
    }
}

fn emit_alternative(def: &AltType) -> TokenStream {
    if !def.exclusive {
        return emit_inclusive_alternative(def);
    }
    let name = format_ident!("{}", def.name);
    let doc = format!(
        "One of: {}. Only one can be written, so conflicting references cannot be sent.",
        options_label(def)
    );
    let variants = def.variants.iter().map(|(variant, fields)| {
        let ident = format_ident!("{}", variant);
        let vdoc = format!(
            "Given by {}.",
            fields
                .iter()
                .map(|f| format!("`{}`", f.wire))
                .collect::<Vec<_>>()
                .join(" and ")
        );
        let members = fields.iter().map(alt_field);
        quote!(#[doc = #vdoc] #ident { #(#members)* },)
    });
    let constructors = def.variants.iter().filter_map(|(variant, fields)| {
        let ident = format_ident!("{}", variant);
        let ctor = field_ident(&heck::ToSnakeCase::to_snake_case(variant.as_str()));
        let params = constructor_params(fields)?;
        let members: Vec<_> = fields.iter().map(|f| field_ident(&f.rust)).collect();
        let values = members.clone();
        let doc = format!("The [`{name}::{variant}`] alternative.");
        Some(quote! {
            #[doc = #doc]
            pub fn #ctor(#(#params),*) -> Self {
                Self::#ident { #(#members: #values.into()),* }
            }
        })
    });
    let decoded: Vec<(proc_macro2::Ident, Vec<Member>)> = def
        .variants
        .iter()
        .map(|(variant, fields)| {
            let members = fields.iter().map(|f| alt_member(f, true)).collect();
            (format_ident!("{}", variant), members)
        })
        .collect();
    let decoder = super::decode::exclusive(&name, &decoded, &options_sentence(def));
    let encoder = super::encode::exclusive(&name, &decoded);
    quote! {
        #[doc = #doc]
        #[derive(Debug, Clone, PartialEq)]
        pub enum #name { #(#variants)* }

        impl #name { #(#constructors)* }

        #decoder

        #encoder
    }
}

/// Whether an alternative option of these fields gets a positional constructor: at most four
/// arguments and no two neighbours of one type.
pub(super) fn has_constructor(fields: &[AltField]) -> bool {
    let types: Vec<String> = fields
        .iter()
        .map(|f| alt_field_type(f).0.to_string())
        .collect();
    types.len() <= 4 && !types.windows(2).any(|pair| pair[0] == pair[1])
}

/// `name: impl Into<T>` parameters of an alternative's constructor, or `None` when positional
/// arguments would be easy to swap (two neighbours of one type, or more than four): such an
/// alternative is written with its named fields instead (`CustomerRef::Code { .. }`).
fn constructor_params(fields: &[AltField]) -> Option<Vec<TokenStream>> {
    if !has_constructor(fields) {
        return None;
    }
    Some(
        fields
            .iter()
            .map(|f| {
                let ident = field_ident(&f.rust);
                let (ty, _) = alt_field_type(f);
                quote!(#ident: impl Into<#ty>)
            })
            .collect(),
    )
}

fn emit_settings(api: &Api) -> TokenStream {
    let variants = api.settings.iter().map(|s| {
        let ident = format_ident!(
            "{}",
            heck::ToUpperCamelCase::to_upper_camel_case(s.name.as_str())
        );
        let doc = &s.doc;
        quote!(#[doc = #doc] #ident,)
    });
    let arms = api.settings.iter().map(|s| {
        let ident = format_ident!(
            "{}",
            heck::ToUpperCamelCase::to_upper_camel_case(s.name.as_str())
        );
        let key = &s.name;
        quote!(CompanySetting::#ident => #key,)
    });
    quote! {
        #[doc = "Company settings that change what the server accepts; declare the ones that are on with `ClientBuilder::company_setting`."]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum CompanySetting { #(#variants)* }

        impl CompanySetting {
            #[doc = "The key used in the spec and in validation messages."]
            pub fn key(self) -> &'static str {
                match self { #(#arms)* }
            }
        }
    }
}
