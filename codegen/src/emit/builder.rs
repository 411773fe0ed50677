//! Typestate builders for request objects.
//!
//! `XRequest::builder()` returns an `XRequestBuilder` whose type parameter is a tuple with one
//! slot per required field, `crate::builder::Missing` until that field is set. Each required
//! setter exists only while its slot is `Missing` and `build()` only once no slot is, so a
//! forgotten required field (or one set twice) does not compile, in any order of calls.
//! Optional setters are available in every state and take `impl Into<T>`.
//!
//! The code stays linear in the number of fields: required setters move the tuple through one
//! private `map_required`, which is the only function that lists the optional fields.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

/// One member of a request struct as the builder sees it.
pub struct Slot {
    pub ident: syn::Ident,
    /// The value's type without the `Option` of an optional field.
    pub ty: TokenStream,
    pub kind: SlotKind,
    /// The member's rustdoc, repeated on its setter.
    pub doc: String,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// A plain value with no default: a typestate slot of the builder.
    Required,
    /// `Option<T>`: `None` until set.
    Optional,
    /// A plain value that starts at `T::default()` (a group of independent optional fields).
    Defaulted,
}

/// The builder type of `name` with its `builder()` and `build()`.
pub fn emit(name: &syn::Ident, slots: &[Slot]) -> TokenStream {
    let builder = format_ident!("{}Builder", name);
    let required: Vec<&Slot> = slots
        .iter()
        .filter(|s| s.kind == SlotKind::Required)
        .collect();
    let rest: Vec<&Slot> = slots
        .iter()
        .filter(|s| s.kind != SlotKind::Required)
        .collect();
    let missing = quote!(Missing);

    let rest_idents: Vec<&syn::Ident> = rest.iter().map(|s| &s.ident).collect();
    let rest_storage = rest.iter().map(|s| {
        let (ident, ty) = (&s.ident, &s.ty);
        match s.kind {
            SlotKind::Optional => quote!(#ident: Option<#ty>,),
            _ => quote!(#ident: #ty,),
        }
    });
    let rest_start = rest.iter().map(|s| {
        let ident = &s.ident;
        match s.kind {
            SlotKind::Optional => quote!(#ident: None,),
            _ => quote!(#ident: Default::default(),),
        }
    });
    let start_state = tuple(required.iter().map(|_| missing.clone()));
    let done_state = tuple(required.iter().map(|s| s.ty.clone()));

    let required_setters = required.iter().enumerate().map(|(i, slot)| {
        let others: Vec<syn::Ident> = (0..required.len())
            .filter(|&j| j != i)
            .map(|j| format_ident!("S{}", j))
            .collect();
        let state = |at_i: TokenStream| {
            tuple((0..required.len()).map(|j| {
                if j == i {
                    at_i.clone()
                } else {
                    let p = format_ident!("S{}", j);
                    quote!(#p)
                }
            }))
        };
        let before = state(missing.clone());
        let after = state(slot.ty.clone());
        let (ident, ty, doc) = (&slot.ident, &slot.ty, &slot.doc);
        let bindings = tuple((0..required.len()).map(|j| {
            if j == i {
                quote!(_)
            } else {
                let v = format_ident!("s{}", j);
                quote!(#v)
            }
        }));
        let values = tuple((0..required.len()).map(|j| {
            if j == i {
                quote!(#ident)
            } else {
                let v = format_ident!("s{}", j);
                quote!(#v)
            }
        }));
        quote! {
            impl<#(#others),*> #builder<#before> {
                #[doc = #doc]
                #[doc = ""]
                #[doc = "Required."]
                // The state tuple is the typestate: one slot per required field.
                #[allow(clippy::type_complexity)]
                pub fn #ident(self, #ident: impl Into<#ty>) -> #builder<#after> {
                    let #ident = #ident.into();
                    self.map_required(move |#bindings| #values)
                }
            }
        }
    });

    let rest_setters = rest.iter().map(|slot| {
        let (ident, ty, doc) = (&slot.ident, &slot.ty, &slot.doc);
        let value = match slot.kind {
            SlotKind::Optional => quote!(Some(#ident.into())),
            _ => quote!(#ident.into()),
        };
        quote! {
            #[doc = #doc]
            pub fn #ident(mut self, #ident: impl Into<#ty>) -> Self {
                self.#ident = #value;
                self
            }
        }
    });
    let set_required = (!required.is_empty()).then(|| {
        quote! {
            /// The same builder with its required slots changed by `f`.
            fn map_required<T>(self, f: impl FnOnce(S) -> T) -> #builder<T> {
                #builder {
                    required_fields: f(self.required_fields),
                    #(#rest_idents: self.#rest_idents,)*
                }
            }
        }
    });

    let required_idents: Vec<&syn::Ident> = required.iter().map(|s| &s.ident).collect();
    let unpack = tuple(required_idents.iter().map(|i| quote!(#i)));
    let names: Vec<String> = required_idents.iter().map(|i| format!("`{i}`")).collect();
    let builder_doc = if names.is_empty() {
        format!(
            "Starts a [`{builder}`]; every field is optional, so [`{builder}::build`] can be called at once."
        )
    } else {
        format!(
            "Starts a [`{builder}`]. Set the required {} ({}) in any order, and any optional \
             field, then call `build()`: it exists only once every required field is set.",
            if names.len() == 1 { "field" } else { "fields" },
            names.join(", ")
        )
    };
    let struct_doc = format!(
        "Builds a [`{name}`] field by field. The type parameter records which required \
         fields are set (`Missing` until they are); see [`{name}::builder`]."
    );
    quote! {
        impl #name {
            #[doc = #builder_doc]
            #[inline]
            pub fn builder() -> #builder {
                #builder { required_fields: #start_state, #(#rest_start)* }
            }
        }

        #[doc = #struct_doc]
        #[derive(Debug, Clone)]
        #[must_use = "a builder does nothing until `build()` is called"]
        pub struct #builder<S = #start_state> {
            required_fields: S,
            #(#rest_storage)*
        }

        #(#required_setters)*

        impl<S> #builder<S> {
            #set_required
            #(#rest_setters)*
        }

        impl #builder<#done_state> {
            #[doc = "The finished value. Checking its rules is separate: see its `validate()`, which the client also runs before sending."]
            #[inline]
            pub fn build(self) -> #name {
                let #unpack = self.required_fields;
                #name { #(#required_idents,)* #(#rest_idents: self.#rest_idents,)* }
            }
        }
    }
}

/// `()`, `(A,)` or `(A, B, ...)`.
fn tuple(items: impl Iterator<Item = TokenStream>) -> TokenStream {
    let items: Vec<TokenStream> = items.collect();
    match items.len() {
        0 => quote!(()),
        1 => {
            let only = &items[0];
            quote!((#only,))
        }
        _ => quote!((#(#items),*)),
    }
}
