//! Decoders: for every generated struct and alternative type, an `impl crate::Decode` that
//! matches the members of the client's JSON tree by name and reads each through its wire
//! helper's `read`, plus a serde `Deserialize` that runs that decoder. The functions are
//! plain code with no generic parameters, so nothing is compiled once per field type and
//! deserializer, as a derived `Deserialize` is.

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

pub use super::members::{Group, GroupKind, Member};

/// The expression that reads `var` (a `&Json`) as the member's field type.
pub fn reader(member: &Member, var: &Ident) -> TokenStream {
    let ty = &member.ty;
    match (member.module, member.required) {
        (Some(module), true) => {
            let module = format_ident!("{}", module);
            quote!(crate::wire::#module::read(#var))
        }
        (Some(module), false) => {
            let module = format_ident!("{}_opt", module);
            quote!(crate::wire::#module::read(#var))
        }
        (None, true) => quote!(<#ty as crate::Decode>::decode_tree(#var)),
        (None, false) => quote!(<Option<#ty> as crate::Decode>::decode_tree(#var)),
    }
}

/// serde's `Deserialize` for a type with a generated decoder.
pub fn serde_bridge(name: &Ident) -> TokenStream {
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                crate::decode::deserialize(deserializer)
            }
        }
    }
}

/// A request struct: required members must be present, unknown members are ignored (the
/// validator reports them), groups are read from the same members.
pub fn request(name: &Ident, members: &[Member], groups: &[Group]) -> TokenStream {
    let label = name.to_string();
    let value = format_ident!("value");
    let locals = members.iter().map(|m| {
        let local = local(m);
        let ty = &m.ty;
        quote!(let mut #local: Option<#ty> = None;)
    });
    let arms: Vec<(&String, TokenStream)> = members
        .iter()
        .map(|m| {
            let ident = local(m);
            let read = reader(m, &value);
            let assign = if m.required {
                quote!(#ident = Some(crate::decode::at(#read, name)?);)
            } else {
                quote!(#ident = crate::decode::at(#read, name)?;)
            };
            (&m.wire, assign)
        })
        .collect();
    let scan = match arms.as_slice() {
        [] => None,
        [(wire, assign)] => Some(quote! {
            for (name, value) in object.iter() {
                if name == #wire {
                    #assign
                }
            }
        }),
        arms => {
            let arms = arms
                .iter()
                .map(|(wire, assign)| quote!(#wire => { #assign }));
            Some(quote! {
                for (name, value) in object.iter() {
                    match name {
                        #(#arms)*
                        _ => {}
                    }
                }
            })
        }
    };
    let fields = members.iter().map(|m| {
        let ident = &m.ident;
        let local = local(m);
        let wire = &m.wire;
        if m.required {
            quote!(#ident: crate::decode::required(#local, #wire)?,)
        } else {
            quote!(#ident: #local,)
        }
    });
    let group_fields = groups.iter().map(|g| {
        let ident = &g.ident;
        let ty = &g.ty;
        match g.kind {
            GroupKind::Required => quote!(#ident: #ty::decode_required(object)?,),
            GroupKind::Inclusive | GroupKind::Optional => {
                quote!(#ident: #ty::decode_members(object)?,)
            }
        }
    });
    let unused = (members.is_empty() && groups.is_empty()).then(|| quote!(let _ = object;));
    let bridge = serde_bridge(name);
    quote! {
        impl crate::Decode for #name {
            fn decode_tree(json: &crate::json::Json<'_>) -> Result<Self, crate::json::Message> {
                let object = crate::decode::object(json, #label)?;
                #unused
                #(#locals)*
                #scan
                Ok(Self { #(#fields)* #(#group_fields)* })
            }
        }
        #bridge
    }
}

/// The local that holds a member while the object is scanned (`got_ship_date`), named apart
/// from the decoder's own variables.
fn local(member: &Member) -> Ident {
    let name = member.ident.to_string();
    format_ident!("got_{}", name.trim_start_matches("r#"))
}

/// A response struct: every member optional, unknown members kept in `extra`.
pub fn response(name: &Ident, members: &[Member]) -> TokenStream {
    let label = name.to_string();
    let value = format_ident!("value");
    let arms = members.iter().map(|m| {
        let ident = &m.ident;
        let wire = &m.wire;
        let read = reader(m, &value);
        quote!(#wire => out.#ident = crate::decode::at(#read, name)?,)
    });
    let keep = quote!(crate::decode::keep(&mut out.extra, name, value)?);
    let body = if members.is_empty() {
        quote!(#keep;)
    } else {
        quote! {
            match name {
                #(#arms)*
                _ => #keep,
            }
        }
    };
    let bridge = serde_bridge(name);
    quote! {
        impl crate::Decode for #name {
            fn decode_tree(json: &crate::json::Json<'_>) -> Result<Self, crate::json::Message> {
                let object = crate::decode::object(json, #label)?;
                let mut out = Self::default();
                for (name, value) in object.iter() {
                    #body
                }
                Ok(out)
            }
        }
        #bridge
    }
}

/// An exclusive group (an enum): the first option whose members are all present is read;
/// with none complete, nothing given is `None` and anything partly given is an error.
/// `options` describes the options for messages.
pub fn exclusive(name: &Ident, variants: &[(Ident, Vec<Member>)], options: &str) -> TokenStream {
    let label = name.to_string();
    let tries = variants.iter().map(|(variant, members)| {
        let vars: Vec<Ident> = (0..members.len())
            .map(|i| format_ident!("v{}", i))
            .collect();
        let wires = members.iter().map(|m| &m.wire);
        let fields = members.iter().zip(&vars).map(|(m, var)| {
            let ident = &m.ident;
            let wire = &m.wire;
            let read = reader(m, var);
            quote!(#ident: crate::decode::at(#read, #wire)?,)
        });
        quote! {
            if let (#(Some(#vars),)*) = (#(object.get(#wires),)*) {
                return Ok(Some(Self::#variant { #(#fields)* }));
            }
        }
    });
    let all: Vec<&String> = variants
        .iter()
        .flat_map(|(_, members)| members.iter().map(|m| &m.wire))
        .collect();
    let bridge = serde_bridge(name);
    quote! {
        impl #name {
            #[doc = "The option given among `object`'s members, `None` when none is."]
            pub(crate) fn decode_members(object: &crate::json::Object<'_>) -> Result<Option<Self>, crate::json::Message> {
                #(#tries)*
                crate::decode::incomplete(object, &[#(#all),*], #options)
            }

            #[doc = "The option given among `object`'s members, which must be one."]
            pub(crate) fn decode_required(object: &crate::json::Object<'_>) -> Result<Self, crate::json::Message> {
                crate::decode::required_group(Self::decode_members(object)?, #options)
            }
        }

        impl crate::Decode for #name {
            fn decode_tree(json: &crate::json::Json<'_>) -> Result<Self, crate::json::Message> {
                Self::decode_required(crate::decode::object(json, #label)?)
            }
        }
        #bridge
    }
}

/// An inclusive group (a struct of optional members), read from the members it names.
pub fn inclusive(name: &Ident, members: &[Member]) -> TokenStream {
    let label = name.to_string();
    let value = format_ident!("value");
    let reads = members.iter().map(|m| {
        let ident = &m.ident;
        let wire = &m.wire;
        let read = reader(m, &value);
        quote! {
            if let Some(value) = object.get(#wire) {
                out.#ident = crate::decode::at(#read, #wire)?;
            }
        }
    });
    let bridge = serde_bridge(name);
    quote! {
        impl #name {
            #[doc = "The members of the group given among `object`'s members."]
            pub(crate) fn decode_members(object: &crate::json::Object<'_>) -> Result<Self, crate::json::Message> {
                let mut out = Self::default();
                #(#reads)*
                Ok(out)
            }
        }

        impl crate::Decode for #name {
            fn decode_tree(json: &crate::json::Json<'_>) -> Result<Self, crate::json::Message> {
                Self::decode_members(crate::decode::object(json, #label)?)
            }
        }
        #bridge
    }
}
