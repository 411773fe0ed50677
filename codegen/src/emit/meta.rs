//! The static tables (`MethodMeta`, `ObjectMeta`, ...) that the runtime validates against and
//! the registry exposes.

use heck::ToShoutySnakeCase;
use proc_macro2::TokenStream;
use quote::{format_ident, quote, ToTokens};

use crate::ir::*;

/// `PrebookCreate` -> `PREBOOK_CREATE`.
pub fn screaming(name: &str) -> String {
    name.to_shouty_snake_case()
}

/// The `MethodMeta` static of a method plus the object tables it points at.
pub fn emit_method(method: &Method) -> TokenStream {
    let mut statics = TokenStream::new();
    emit_object(&method.request, &mut statics);
    emit_object(&method.response, &mut statics);
    let ident = format_ident!("{}", screaming(&method.fn_name));
    let doc = format!("Metadata of `{}`.", method.name);
    let name = &method.name;
    let area = &method.area;
    let summary = &method.summary;
    let verb = match method.verb {
        Verb::Get => quote!(Verb::Get),
        Verb::Post => quote!(Verb::Post),
    };
    let params = match method.params {
        Placement::Query => quote!(ParamsIn::Query),
        _ => quote!(ParamsIn::Body),
    };
    let token = match method.token {
        Placement::Body => quote!(TokenIn::Body),
        Placement::Query => quote!(TokenIn::Query),
        Placement::Header => quote!(TokenIn::Header),
    };
    let header = |h: &Header| match h {
        Header::Account => quote!(Header::Account),
        Header::SalesChannel => quote!(Header::SalesChannel),
    };
    let headers = method.headers.iter().map(header);
    let optional_headers = method.optional_headers.iter().map(header);
    let max_request_bytes = proc_macro2::Literal::u32_unsuffixed(method.max_request_bytes);
    let tokens = token_kinds(&method.tokens);
    let effect = match method.effect {
        Effect::Read => quote!(Effect::Read),
        Effect::Write => quote!(Effect::Write),
    };
    let fee = match &method.fee {
        Some(fee) => quote!(Some(#fee)),
        None => quote!(None),
    };
    let limits = &method.limits;
    let doc_status = match method.doc_status {
        DocStatus::Complete => quote!(DocStatus::Complete),
        DocStatus::Partial => quote!(DocStatus::Partial),
        DocStatus::Missing => quote!(DocStatus::Missing),
    };
    let assumed = method.assumed.iter().map(|fact| {
        let ident = format_ident!(
            "{}",
            heck::ToUpperCamelCase::to_upper_camel_case(fact.name())
        );
        quote!(MethodFact::#ident)
    });
    let notes = &method.notes;
    let page = match &method.page {
        Some(page) => quote!(Some(#page)),
        None => quote!(None),
    };
    let token_param = crate::ir::TOKEN_PARAM;
    let request = format_ident!("{}", method.request.meta_name);
    let response = format_ident!("{}", method.response.meta_name);
    quote! {
        #statics
        #[doc = #doc]
        pub static #ident: MethodMeta = MethodMeta {
            name: #name,
            area: #area,
            summary: #summary,
            verb: #verb,
            params: #params,
            token: #token,
            token_param: #token_param,
            headers: &[#(#headers),*],
            optional_headers: &[#(#optional_headers),*],
            max_request_bytes: #max_request_bytes,
            tokens: #tokens,
            effect: #effect,
            fee: #fee,
            limits: &[#(#limits),*],
            doc_status: #doc_status,
            assumed: &[#(#assumed),*],
            notes: &[#(#notes),*],
            page: #page,
            request: &#request,
            response: &#response,
        };
    }
}

fn token_kinds(kinds: &[TokenKind]) -> TokenStream {
    let kinds = kinds.iter().map(|k| match k {
        TokenKind::Company => quote!(TokenKind::Company),
        TokenKind::Vendor => quote!(TokenKind::Vendor),
        TokenKind::Customer => quote!(TokenKind::Customer),
        TokenKind::User => quote!(TokenKind::User),
    });
    quote!(&[#(#kinds),*])
}

fn emit_object(object: &Object, out: &mut TokenStream) {
    for field in &object.fields {
        if let Ty::Object(o) | Ty::Array(o) | Ty::Map(o) = &field.ty {
            emit_object(o, out);
        }
    }
    let ident = format_ident!("{}", object.meta_name);
    let doc = format!("Fields and rules of `{}`.", object.rust_name);
    let fields = object.fields.iter().map(field_meta);
    let alternatives = object.alternatives.iter().map(|group| {
        let name = &group.name;
        let options = group.options.iter().map(|(_, indices)| {
            let names = indices.iter().map(|&i| object.fields[i].wire.as_str());
            quote!(&[#(#names),*])
        });
        let (required, exclusive) = (group.required, group.exclusive);
        quote!(AlternativeMeta { name: #name, options: &[#(#options),*], required: #required, exclusive: #exclusive })
    });
    let rules = object.rules.iter().map(|rule| {
        let require = &rule.require;
        let condition = condition_tokens(&rule.condition);
        let need = match rule.need {
            Need::All => quote!(Need::All),
            Need::AtLeastOne => quote!(Need::AtLeastOne),
        };
        quote!(RuleMeta { require: &[#(#require),*], condition: #condition, need: #need })
    });
    let date_spans = object.date_spans.iter().map(|span| {
        let (from, to) = (&span.from, &span.to);
        let max_days = proc_macro2::Literal::u32_unsuffixed(span.max_days);
        quote!(DateSpanMeta { from: #from, to: #to, max_days: #max_days })
    });
    out.extend(quote! {
        #[doc = #doc]
        pub static #ident: ObjectMeta = ObjectMeta {
            fields: &[#(#fields),*],
            alternatives: &[#(#alternatives),*],
            rules: &[#(#rules),*],
            date_spans: &[#(#date_spans),*],
        };
    });
}

/// A field as a chain of const constructors, naming only what differs from the defaults.
fn condition_tokens(condition: &Condition) -> TokenStream {
    match condition {
        Condition::Always => quote!(Condition::Always),
        Condition::Equals { field, value } => {
            let value = wire_value(value);
            quote!(Condition::Equals { field: #field, value: #value })
        }
        Condition::Present { field, present } => {
            quote!(Condition::Present { field: #field, present: #present })
        }
        Condition::UnlessPresent(names) => quote!(Condition::UnlessPresent(&[#(#names),*])),
        Condition::Token(kinds) => {
            let kinds = token_kinds(kinds);
            quote!(Condition::Token(#kinds))
        }
        Condition::All(conditions) => {
            let conditions = conditions.iter().map(condition_tokens);
            quote!(Condition::All(&[#(#conditions),*]))
        }
    }
}

fn field_meta(field: &Field) -> TokenStream {
    let name = &field.wire;
    let ty = field_type(&field.ty);
    let mut meta = quote!(FieldMeta::new(#name, #ty));
    if field.required {
        meta.extend(quote!(.required()));
    }
    if field.observed {
        meta.extend(quote!(.observed()));
    }
    if let Some(id) = field.ty.id_name() {
        meta.extend(quote!(.with_id(#id)));
    }
    if let Some(default) = &field.default {
        let default = wire_value(default);
        meta.extend(quote!(.with_default(#default)));
    }
    if let Some(min) = &field.min {
        meta.extend(quote!(.with_min(#min)));
    }
    if let Some(max) = &field.max {
        meta.extend(quote!(.with_max(#max)));
    }
    if !field.values.is_empty() {
        let values = field.values.iter().map(wire_value);
        meta.extend(quote!(.with_values(&[#(#values),*])));
    }
    if !field.restrictions.is_empty() {
        let restrictions = field.restrictions.iter().map(|r| match r {
            Restriction::TransactionalAccess => quote!(Restriction::TransactionalAccess),
            Restriction::MultiLocation => quote!(Restriction::MultiLocation),
            Restriction::IgnoredFor(kinds) => {
                let kinds = token_kinds(kinds);
                quote!(Restriction::IgnoredFor(#kinds))
            }
            Restriction::Setting { name, for_tokens } => {
                let kinds = token_kinds(for_tokens);
                quote!(Restriction::Setting { setting: #name, for_tokens: #kinds })
            }
        });
        meta.extend(quote!(.with_restrictions(&[#(#restrictions),*])));
    }
    meta
}

fn field_type(ty: &Ty) -> TokenStream {
    let n = |n: u32| proc_macro2::Literal::u32_unsuffixed(n);
    match ty {
        Ty::String(Some(len)) => {
            let len = n(*len);
            quote!(FieldType::string(#len))
        }
        Ty::String(None) => quote!(FieldType::ANY_STRING),
        // An id validates as the integer it is; `FieldMeta::with_id` names its type.
        Ty::Integer(Some(digits))
        | Ty::Id {
            max_digits: Some(digits),
            ..
        } => {
            let digits = n(*digits);
            quote!(FieldType::integer(#digits))
        }
        Ty::Integer(None)
        | Ty::Id {
            max_digits: None, ..
        } => quote!(FieldType::ANY_INTEGER),
        Ty::Decimal(Some(p), Some(s)) => {
            let (p, s) = (n(*p), n(*s));
            quote!(FieldType::decimal(#p, #s))
        }
        Ty::Decimal(p, s) => {
            let bound = |b: &Option<u32>| option(b.map(|v| n(v).into_token_stream()));
            match (p, s) {
                (None, None) => quote!(FieldType::ANY_DECIMAL),
                _ => {
                    let (p, s) = (bound(p), bound(s));
                    quote!(FieldType::Decimal { precision: #p, scale: #s })
                }
            }
        }
        Ty::Date => quote!(FieldType::Date),
        Ty::DateTime => quote!(FieldType::DateTime),
        Ty::Flag => quote!(FieldType::Flag),
        Ty::Bool => quote!(FieldType::Bool),
        Ty::Enum(name) => {
            let ident = format_ident!("{}_META", screaming(name));
            quote!(FieldType::Enum(&#ident))
        }
        Ty::Object(o) => {
            let ident = format_ident!("{}", o.meta_name);
            quote!(FieldType::Object(&#ident))
        }
        Ty::Array(o) => {
            let ident = format_ident!("{}", o.meta_name);
            quote!(FieldType::Array(&#ident))
        }
        Ty::Map(o) => {
            let ident = format_ident!("{}", o.meta_name);
            quote!(FieldType::Map(&#ident))
        }
        Ty::List(inner) => {
            let inner = field_type(inner);
            quote!(FieldType::List(&#inner))
        }
        Ty::Text { name, max_len } => {
            let max_len = option(max_len.map(|v| n(v).into_token_stream()));
            quote!(FieldType::Text { name: #name, max_len: #max_len })
        }
        Ty::Csv { max_len, item } => {
            let max_len = option(max_len.map(|v| n(v).into_token_stream()));
            let item = field_type(item);
            quote!(FieldType::Csv { max_len: #max_len, item: &#item })
        }
    }
}

/// A `WireValue` literal.
pub fn wire_value(value: &Wire) -> TokenStream {
    match value {
        Wire::Int(n) => {
            let n = proc_macro2::Literal::i64_unsuffixed(*n);
            quote!(WireValue::Int(#n))
        }
        Wire::Str(s) => quote!(WireValue::Str(#s)),
    }
}

fn option(value: Option<TokenStream>) -> TokenStream {
    match value {
        Some(v) => quote!(Some(#v)),
        None => quote!(None),
    }
}
