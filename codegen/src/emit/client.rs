//! One `Client` method per API method, documented from the spec.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::example::Examples;
use super::meta::screaming;
use super::rust_types::capitalise;
use crate::ir::*;

/// The `impl Client` block of one method.
pub fn emit_method(method: &Method, examples: &Examples<'_>) -> TokenStream {
    let fn_name = format_ident!("{}", method.fn_name);
    let meta = format_ident!("{}", screaming(&method.fn_name));
    let request = format_ident!("{}", method.request.rust_name);
    let response = format_ident!("{}", method.response.rust_name);
    let docs = method_docs(method, examples)
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

fn method_docs(method: &Method, examples: &Examples<'_>) -> Vec<String> {
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
    if let Some(page) = &method.page {
        lines.push(format!("- Komet's page: <{page}>"));
    }
    let see_notes = if method.notes.is_empty() {
        ""
    } else {
        "; see the notes below"
    };
    match method.doc_status {
        DocStatus::Complete => {}
        DocStatus::Partial => lines.push(format!(
            "- Komet's documentation of this method is partial{see_notes}."
        )),
        DocStatus::Missing => lines.push(format!(
            "- Komet's documentation of this method could not be found{see_notes}."
        )),
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
    let rules = rules(&method.request, "");
    if !rules.is_empty() {
        lines.extend([String::new(), "# Rules".to_string(), String::new()]);
        lines.extend(rules);
    }
    if !method.notes.is_empty() {
        lines.extend([
            String::new(),
            "# Notes".to_string(),
            String::new(),
            "What the spec records about Komet's page (gaps, contradictions, decisions):"
                .to_string(),
            String::new(),
        ]);
        lines.extend(method.notes.iter().map(|n| format!("- {}", one_line(n))));
    }
    lines.extend([
        String::new(),
        "# Example".to_string(),
        String::new(),
        Examples::origin(method).to_string(),
        String::new(),
        "```no_run".to_string(),
    ]);
    lines.extend(examples.lines(method));
    lines.push("```".to_string());
    lines
}

/// Every rule of an object and of the objects inside it, one list item each; `within` names
/// the nested object (`in each prebookItems element: `).
fn rules(object: &Object, within: &str) -> Vec<String> {
    use crate::openapi::words;
    let mut out: Vec<String> = words::object_rules(object)
        .iter()
        .map(|r| format!("- {within}{r}"))
        .collect();
    for field in &object.fields {
        out.extend(
            field
                .restrictions
                .iter()
                .map(|r| format!("- {within}`{}`: {}", field.wire, words::restriction(r))),
        );
        match &field.ty {
            Ty::Object(o) | Ty::Map(o) => {
                out.extend(rules(o, &format!("{within}in `{}`: ", field.wire)))
            }
            Ty::Array(o) => out.extend(rules(
                o,
                &format!("{within}in each `{}` element: ", field.wire),
            )),
            _ => {}
        }
    }
    out
}

/// A note as one Markdown list item. Notes are prose, not Markdown: brackets and angle
/// brackets (`[company]`, `Vec<String>`) are escaped so rustdoc shows them as written.
fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if word.starts_with("http://") || word.starts_with("https://") {
            // An address in the prose is quoted, not a link rustdoc would have to guess.
            let end = word.trim_end_matches(['.', ',', ';', ':', ')']);
            out.push_str(&format!("`{end}`{}", &word[end.len()..]));
            continue;
        }
        for c in word.chars() {
            match c {
                '[' | ']' | '*' | '_' | '\\' => {
                    out.push('\\');
                    out.push(c);
                }
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
    }
    out
}
