//! Encoders: for every generated struct and alternative type, an `impl crate::Encode` that
//! writes its members in field order, each through its wire helper's `write`, plus a serde
//! `Serialize` that goes through that encoder. The functions are plain code with no generic
//! parameters, so nothing is compiled once per field type and serializer, as a derived
//! `Serialize` is; the JSON they write is the JSON the client validates and sends.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::members::{Group, GroupKind, Member};

/// One member of a struct in field order: a plain member, or a flattened group whose members
/// are written in its place.
pub enum Part {
    Member(Member),
    Group(Group),
}

/// The statement that writes `value` (a reference to the member's value without `Option`).
fn write(member: &Member, value: TokenStream) -> TokenStream {
    match member.module {
        Some(module) => {
            let module = format_ident!("{}", module);
            quote!(crate::wire::#module::write(#value, out);)
        }
        None => quote!(crate::Encode::encode_json(#value, out);),
    }
}

/// Writes the member held in `place` (an expression of the field itself): always when it is
/// required, only when `Some` otherwise (an absent optional member is left out).
fn member(member: &Member, place: TokenStream) -> TokenStream {
    let wire = &member.wire;
    if member.required {
        let write = write(member, quote!(&#place));
        quote! { out.member(#wire); #write }
    } else {
        let write = write(member, quote!(value));
        quote! {
            if let Some(value) = &#place {
                out.member(#wire);
                #write
            }
        }
    }
}

fn part(part: &Part) -> TokenStream {
    match part {
        Part::Member(m) => {
            let ident = &m.ident;
            member(m, quote!(self.#ident))
        }
        Part::Group(g) => {
            let ident = &g.ident;
            match g.kind {
                GroupKind::Required | GroupKind::Inclusive => {
                    quote!(self.#ident.encode_members(out);)
                }
                GroupKind::Optional => quote! {
                    if let Some(group) = &self.#ident {
                        group.encode_members(out);
                    }
                },
            }
        }
    }
}

/// serde's `Serialize` for a type with a generated encoder.
pub fn serde_bridge(name: &Ident) -> TokenStream {
    quote! {
        impl serde::Serialize for #name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                crate::encode::serialize(self, serializer)
            }
        }
    }
}

/// `impl Encode` writing an object of `body`'s members, and the serde bridge.
fn object_encoder(name: &Ident, body: TokenStream) -> TokenStream {
    let bridge = serde_bridge(name);
    quote! {
        impl crate::Encode for #name {
            fn encode_json(&self, out: &mut crate::encode::Writer) {
                out.begin_object();
                #body
                out.end_object();
            }
        }
        #bridge
    }
}

/// A request struct: members and groups in field order.
pub fn request(name: &Ident, parts: &[Part]) -> TokenStream {
    let parts = parts.iter().map(part);
    object_encoder(name, quote!(#(#parts)*))
}

/// A response struct: its members, then the members kept in `extra` as they came.
pub fn response(name: &Ident, members: &[Member]) -> TokenStream {
    let members = members.iter().map(|m| {
        let ident = &m.ident;
        member(m, quote!(self.#ident))
    });
    object_encoder(
        name,
        quote! {
            #(#members)*
            for (name, value) in &self.extra {
                out.member(name);
                out.serde(value);
            }
        },
    )
}

/// The members of a flattened group, written into the object being written, and `Encode` of
/// the group alone as an object of them.
fn group_encoder(name: &Ident, members: TokenStream) -> TokenStream {
    let object = object_encoder(name, quote!(self.encode_members(out);));
    quote! {
        impl #name {
            #[doc = "Writes the group's members into the object being written."]
            pub(crate) fn encode_members(&self, out: &mut crate::encode::Writer) {
                #members
            }
        }
        #object
    }
}

/// An exclusive group (an enum): the members of the option it holds.
pub fn exclusive(name: &Ident, variants: &[(Ident, Vec<Member>)]) -> TokenStream {
    let arms = variants.iter().map(|(variant, members)| {
        let idents = members.iter().map(|m| &m.ident);
        // The bindings are references already, and every option's members are required.
        let writes = members.iter().map(|m| {
            let ident = &m.ident;
            let wire = &m.wire;
            let write = write(m, quote!(#ident));
            quote! { out.member(#wire); #write }
        });
        quote! {
            Self::#variant { #(#idents),* } => { #(#writes)* }
        }
    });
    group_encoder(name, quote!(match self { #(#arms)* }))
}

/// An inclusive group (a struct of optional members): the members given.
pub fn inclusive(name: &Ident, members: &[Member]) -> TokenStream {
    let writes = members.iter().map(|m| {
        let ident = &m.ident;
        member(m, quote!(self.#ident))
    });
    group_encoder(name, quote!(#(#writes)*))
}
