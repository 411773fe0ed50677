//! One `Client` method per API method, documented from the spec.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::meta::screaming;
use super::rust_types::capitalise;
use crate::ir::*;

/// The `impl Client` block of one method.
pub fn emit_method(method: &Method) -> TokenStream {
    let fn_name = format_ident!("{}", method.fn_name);
    let meta = format_ident!("{}", screaming(&method.fn_name));
    let request = format_ident!("{}", method.request.rust_name);
    let response = format_ident!("{}", method.response.rust_name);
    let docs = method_docs(method)
        .into_iter()
        .map(|line| quote!(#[doc = #line]));
    quote! {
        impl crate::Client {
            #(#docs)*
            pub async fn #fn_name(&self, request: &#request) -> Result<#response, crate::Error> {
                self.call(&#meta, request).await
            }
        }
    }
}

fn kinds(tokens: &[TokenKind]) -> String {
    let names: Vec<&str> = tokens
        .iter()
        .map(|k| match k {
            TokenKind::Company => "company",
            TokenKind::Vendor => "vendor",
            TokenKind::Customer => "customer",
            TokenKind::User => "user",
        })
        .collect();
    names.join(", ")
}

fn method_docs(method: &Method) -> Vec<String> {
    let mut lines = vec![method.summary.clone()];
    if let Some(doc) = &method.doc {
        lines.push(String::new());
        lines.extend(doc.lines().map(str::to_string));
    }
    let verb = match method.verb {
        Verb::Get => "GET",
        Verb::Post => "POST",
    };
    let params = match method.params {
        Placement::Query => "URL query",
        _ => "JSON body",
    };
    lines.push(String::new());
    lines.push(format!(
        "- Komet method: `{verb} {}`, parameters in the {params}.",
        method.name
    ));
    lines.push(format!("- Tokens: {}.", kinds(&method.tokens)));
    let header_name = |h: &Header| match h {
        Header::Account => "`X-ACCOUNT` (set `ClientBuilder::account_id`)",
        Header::SalesChannel => "`X-SALES-CHANNEL` (set `ClientBuilder::sales_channel`)",
    };
    if !method.headers.is_empty() {
        let names: Vec<&str> = method.headers.iter().map(header_name).collect();
        lines.push(format!("- Headers: {}.", names.join(", ")));
    }
    if method.max_request_bytes != crate::lower::DEFAULT_MAX_REQUEST_BYTES {
        lines.push(format!(
            "- Takes requests of up to {} bytes (other methods: {}); a larger one is refused before sending.",
            method.max_request_bytes,
            crate::lower::DEFAULT_MAX_REQUEST_BYTES
        ));
    }
    if !method.optional_headers.is_empty() {
        let names: Vec<&str> = method.optional_headers.iter().map(header_name).collect();
        lines.push(format!(
            "- Optional headers, sent when the client has them: {}.",
            names.join(", ")
        ));
    }
    lines.push(match method.effect {
        Effect::Read => "- Reads only: retried after timeouts and server errors.".to_string(),
        Effect::Write => {
            "- Changes data: never retried after a timeout or a server error.".to_string()
        }
    });
    if let Some(fee) = &method.fee {
        lines.push(format!("- Fee: {fee}"));
    }
    for limit in &method.limits {
        lines.push(format!("- Limit: {limit}"));
    }
    match method.doc_status {
        DocStatus::Complete => {}
        DocStatus::Partial => lines
            .push("- Komet's documentation of this method is partial; see the spec notes.".into()),
        DocStatus::Missing => lines.push(
            "- Komet's documentation of this method could not be found; see the spec notes.".into(),
        ),
    }
    if let Some(rows) = &method.rows_from {
        lines.push(format!(
            "- Komet's page documents no rows in this answer; `{}` (`Client::{}`) returns this data with documented rows.",
            rows.name, rows.fn_name
        ));
    }
    if let Some(sentence) = method.assumed_sentence() {
        lines.push(format!(
            "- {}. Verify them before relying on this method.",
            capitalise(&sentence)
        ));
    }
    lines.push(String::new());
    lines.push(format!(
        "The request is validated with [`{}::validate`] before anything is sent.",
        method.request.rust_name
    ));
    lines.extend(example(method));
    lines
}

/// A compiled (not run) example: the call and how its outcome is read.
fn example(method: &Method) -> Vec<String> {
    let has_status = method.response.fields.iter().any(|f| f.wire == "status");
    let mut lines = vec![
        String::new(),
        "# Example".to_string(),
        "```no_run".to_string(),
        format!(
            "# async fn run(client: komet_api::Client, request: komet_api::{}::{}) -> Result<(), komet_api::Error> {{",
            method.area, method.request.rust_name
        ),
        format!("let response = client.{}(&request).await?;", method.fn_name),
    ];
    if has_status {
        lines.push("println!(\"status: {:?}\", response.status);".to_string());
    } else {
        lines.push("println!(\"{response:?}\");".to_string());
    }
    lines.extend(["# Ok(())".to_string(), "# }".to_string(), "```".to_string()]);
    lines
}
