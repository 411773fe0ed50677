//! Turns a validated request into an HTTP request: URL, query, headers and body.

use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderMap, HeaderName, HeaderValue};
use url::Url;

use super::Inner;
use crate::Error;
use crate::json::{Json, Object};
use crate::meta::{Header, MethodMeta, ParamsIn, TokenIn, Verb};

/// Everything needed to send (and resend) one call.
pub(super) struct Prepared {
    pub verb: reqwest::Method,
    pub url: Url,
    pub headers: HeaderMap,
    pub body: Option<Vec<u8>>,
}

/// Builds the request from the validated `params`. `exact_body` is the text they were parsed
/// from; it is sent as it is for a JSON body, otherwise `params` is written out (the same
/// JSON, numbers with the same text).
pub(super) fn prepare(
    inner: &Inner,
    method: &MethodMeta,
    params: &Object<'_>,
    exact_body: Option<&[u8]>,
) -> Result<Prepared, Error> {
    // Method names hold `/`, `-` and `.`; they are appended verbatim to the API root's path
    // (which ends with `/`). Only the path is parsed again, not the whole URL (a tenth of a
    // small call's time), and the URL keeps the root's scheme, host and port by construction.
    let mut url = inner.base_url.clone();
    let path = format!("{}{}", url.path(), method.name);
    url.set_path(&path);
    let token = inner.token.expose();

    let mut body = None;
    match method.params {
        ParamsIn::Body => {
            let json = match exact_body {
                Some(bytes) => bytes.to_vec(),
                None => params.to_string().into_bytes(),
            };
            body = Some(json);
        }
        ParamsIn::Query => {
            let mut pairs = url.query_pairs_mut();
            for (name, value) in params.iter() {
                if let Some(text) = query_text(value) {
                    pairs.append_pair(name, &text);
                }
            }
        }
    }

    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    match method.token {
        TokenIn::Body => {
            let json = body.take().unwrap_or_else(|| b"{}".to_vec());
            body = Some(with_member(json, method.token_param, token));
        }
        TokenIn::Query => {
            url.query_pairs_mut().append_pair(method.token_param, token);
        }
        TokenIn::Header => {
            let name = HeaderName::from_bytes(method.token_param.as_bytes()).map_err(|_| {
                Error::Config(format!("{} is not a valid header name", method.token_param))
            })?;
            let mut value = HeaderValue::from_str(token).map_err(|_| {
                Error::Config("the token contains characters not allowed in a header".to_owned())
            })?;
            value.set_sensitive(true);
            headers.insert(name, value);
        }
    }
    // Optional headers go when configured; required ones were checked before validation.
    for header in method.headers.iter().chain(method.optional_headers) {
        let value = match header {
            Header::Account => inner.account_id.map(|id| id.to_string()),
            Header::SalesChannel => inner.sales_channel.clone(),
        };
        // The value was checked by the builder.
        let name = HeaderName::from_bytes(header.name().as_bytes());
        if let (Ok(name), Some(value)) = (name, value.and_then(|v| HeaderValue::from_str(&v).ok()))
        {
            headers.insert(name, value);
        }
    }
    if body.is_some() {
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    if url.query() == Some("") {
        url.set_query(None);
    }
    let bytes = match &body {
        Some(body) => body.len(),
        None => url.query().map_or(0, str::len),
    };
    if bytes > method.max_request_bytes as usize {
        return Err(Error::RequestTooLarge {
            method: method.name,
            bytes,
            limit: method.max_request_bytes,
        });
    }

    let verb = match method.verb {
        Verb::Get => reqwest::Method::GET,
        Verb::Post => reqwest::Method::POST,
    };
    Ok(Prepared {
        verb,
        url,
        headers,
        body,
    })
}

/// A top-level parameter as query text: strings verbatim, numbers with their exact text,
/// booleans as text, lists joined with commas, `null` left out.
fn query_text(value: &Json<'_>) -> Option<String> {
    match value {
        Json::Null => None,
        Json::String(s) => Some(s.to_string()),
        Json::Number(n) => Some(n.to_string()),
        Json::Bool(b) => Some(b.to_string()),
        Json::Array(items) => Some(
            items
                .iter()
                .filter_map(query_text)
                .collect::<Vec<_>>()
                .join(","),
        ),
        Json::Object(_) => Some(value.to_string()),
    }
}

/// Adds `"name":"value"` at the start of a compact JSON object, leaving the rest byte for
/// byte as serialized (so decimals keep their digits).
fn with_member(object: Vec<u8>, name: &str, value: &str) -> Vec<u8> {
    debug_assert_eq!(object.first(), Some(&b'{'), "a request is a JSON object");
    let rest = object.get(1..).unwrap_or(b"}");
    let mut out = Vec::with_capacity(object.len() + name.len() + value.len() + 8);
    out.push(b'{');
    out.extend(Json::String(name.into()).to_string().as_bytes());
    out.push(b':');
    out.extend(Json::String(value.into()).to_string().as_bytes());
    if rest.first() != Some(&b'}') {
        out.push(b',');
    }
    out.extend(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_is_added_to_any_object() {
        let added = with_member(b"{}".to_vec(), "authenticationToken", "t\"k");
        assert_eq!(added, br#"{"authenticationToken":"t\"k"}"#);
        let added = with_member(br#"{"price":2.50}"#.to_vec(), "tok", "x");
        assert_eq!(added, br#"{"tok":"x","price":2.50}"#);
    }

    fn text(json: &str) -> Option<String> {
        query_text(&crate::json::parse(json.as_bytes()).unwrap())
    }

    #[test]
    fn query_text_forms() {
        assert_eq!(text("null"), None);
        assert_eq!(text(r#""a b""#).unwrap(), "a b");
        assert_eq!(text("12").unwrap(), "12");
        assert_eq!(text("true").unwrap(), "true");
        assert_eq!(text(r#"[1, "x", 3]"#).unwrap(), "1,x,3");
    }

    #[test]
    fn query_numbers_keep_their_text() {
        assert_eq!(text("2.50").unwrap(), "2.50");
        assert_eq!(
            text("0.9999999999999999999999999999").unwrap(),
            "0.9999999999999999999999999999"
        );
    }
}
