//! `registry.rs`: every method's metadata with functions that decode its request and response
//! (and check a response without writing it back), sorted by wire name so lookups can
//! binary-search.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::meta::screaming;
use crate::ir::Api;

/// The whole `registry.rs`.
pub fn emit(api: &Api) -> TokenStream {
    let entries = api.methods().into_iter().map(|method| {
        let area = format_ident!("{}", method.area);
        let feature = &method.area;
        let meta = format_ident!("{}", screaming(&method.fn_name));
        let request = format_ident!("{}", method.request.rust_name);
        let response = format_ident!("{}", method.response.rust_name);
        quote! {
            #[cfg(feature = #feature)]
            Entry {
                meta: &super::#area::#meta,
                decode_request: roundtrip::<super::#area::#request>,
                decode_response: roundtrip::<super::#area::#response>,
                check_response: decodes::<super::#area::#response>,
            },
        }
    });
    quote! {
        // Unused only when no area feature is on.
        #[allow(unused_imports)]
        use crate::registry::{decodes, roundtrip, Entry};

        #[doc = "Every method in the spec whose area feature is on, sorted by wire name."]
        pub static METHODS: &[Entry] = &[#(#entries)*];
    }
}
