//! The description as indented text: the method's facts, then its fields as a tree with
//! their rules under the object they belong to.

use std::fmt::Write;

use komet_api::meta::{FieldMeta, FieldType, MethodMeta, ObjectMeta};

use crate::words;

/// Width of the label column of the method's facts.
const LABEL: usize = 10;

pub fn method(meta: &MethodMeta) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{} ({})", meta.name, meta.area);
    let _ = writeln!(out, "  {}\n", meta.summary);
    let mut fact = |label: &str, text: String| {
        let _ = writeln!(out, "{label:<LABEL$}{text}");
    };
    fact(
        "call",
        format!(
            "{} /api/{}, parameters in {}",
            words::verb(meta.verb),
            meta.name,
            words::params(meta.params)
        ),
    );
    fact(
        "token",
        format!(
            "{} as {}; kinds: {}",
            meta.token_param,
            words::token_in(meta.token),
            words::kinds(meta.tokens)
        ),
    );
    let mut headers: Vec<String> = meta.headers.iter().map(|h| words::header(*h)).collect();
    headers.extend(
        meta.optional_headers
            .iter()
            .map(|h| format!("{} (optional)", words::header(*h))),
    );
    fact(
        "headers",
        if headers.is_empty() {
            "none".to_owned()
        } else {
            headers.join("; ")
        },
    );
    fact("effect", words::effect_explained(meta.effect).to_owned());
    fact(
        "size",
        format!("requests of at most {} bytes", meta.max_request_bytes),
    );
    if let Some(fee) = meta.fee {
        fact("fee", fee.to_owned());
    }
    for limit in meta.limits {
        fact("limit", (*limit).to_owned());
    }
    let mut docs = format!("documentation {}", words::doc_status(meta.doc_status));
    if !meta.assumed.is_empty() {
        let facts: Vec<&str> = meta.assumed.iter().map(|f| f.as_str()).collect();
        let _ = write!(docs, "; assumed, not documented: {}", facts.join(", "));
    }
    fact("docs", docs);
    for note in meta.notes {
        fact("note", (*note).to_owned());
    }

    out.push_str("\nRequest (without the token)\n");
    object(&mut out, meta.request, 1);
    out.push_str("\nResponse (every field optional; numbers may arrive as text)\n");
    object(&mut out, meta.response, 1);
    out
}

fn object(out: &mut String, meta: &ObjectMeta, depth: usize) {
    let indent = "  ".repeat(depth);
    if meta.fields.is_empty() {
        let _ = writeln!(out, "{indent}(no fields)");
    }
    for field in meta.fields {
        self::field(out, field, depth);
    }
    for group in meta.alternatives {
        let _ = writeln!(out, "{indent}* {}", words::alternative(group));
    }
    for rule in meta.rules {
        let _ = writeln!(out, "{indent}* {}", words::rule(rule));
    }
    for span in meta.date_spans {
        let _ = writeln!(out, "{indent}* {}", words::date_span(span));
    }
}

fn field(out: &mut String, field: &FieldMeta, depth: usize) {
    let indent = "  ".repeat(depth);
    let mut parts = vec![words::field_kind(field)];
    if field.required {
        parts.push("required".to_owned());
    }
    if let Some(bounds) = words::bounds(field) {
        parts.push(bounds);
    }
    if !field.values.is_empty() {
        let values: Vec<String> = field.values.iter().map(words::wire).collect();
        parts.push(format!("only {} here", values.join(", ")));
    }
    if let Some(default) = &field.default {
        parts.push(format!("default {}", words::wire(default)));
    }
    let suffix = match field.ty {
        FieldType::Array(_) | FieldType::List(_) => "[]",
        FieldType::String { .. }
        | FieldType::Integer { .. }
        | FieldType::Decimal { .. }
        | FieldType::Date
        | FieldType::DateTime
        | FieldType::Flag
        | FieldType::Bool
        | FieldType::Enum(_)
        | FieldType::Object(_)
        | FieldType::Map(_)
        | FieldType::Text { .. }
        | FieldType::Csv { .. } => "",
    };
    let _ = writeln!(out, "{indent}{}{suffix}: {}", field.name, parts.join("; "));
    for restriction in field.restrictions {
        let _ = writeln!(out, "{indent}  ! {}", words::restriction(restriction));
    }
    if let Some(inner) = crate::example::nested(&field.ty) {
        object(out, inner, depth + 1);
    }
}
