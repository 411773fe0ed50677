//! The HTTP client: checks a call, sends it and reads the answer.

mod builder;
mod quota;
mod request;
mod response;
mod retry;
mod send;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use url::Url;

pub use builder::{ClientBuilder, DEFAULT_BASE_URL};
pub use quota::QuotaStatus;
pub use retry::RetryPolicy;

use crate::meta::{Header, MethodMeta, TokenKind};
use crate::validate::{self, ValidationContext, Violation, ViolationRule, Violations};
use crate::{Error, Token};

/// A Komet Sales API client. Cloning is cheap and clones share the connection pool and the
/// quota counter.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

/// The shared configuration of a client.
struct Inner {
    http: reqwest::Client,
    base_url: Url,
    token: Token,
    kind: TokenKind,
    account_id: Option<i64>,
    sales_channel: Option<String>,
    multi_location: bool,
    transactional_access: bool,
    settings: Vec<&'static str>,
    timeout: Duration,
    retry: RetryPolicy,
    quota: quota::Quota,
    enforce_quota: bool,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let inner = &self.inner;
        f.debug_struct("Client")
            .field("base_url", &inner.base_url.as_str())
            .field("token", &inner.token)
            .field("token_kind", &inner.kind)
            .field("account_id", &inner.account_id)
            .field("sales_channel", &inner.sales_channel)
            .field("multi_location", &inner.multi_location)
            .field("transactional_access", &inner.transactional_access)
            .field("settings", &inner.settings)
            .field("timeout", &inner.timeout)
            .field("retry", &inner.retry)
            .field("quota", &inner.quota.status())
            .finish_non_exhaustive()
    }
}

impl Client {
    /// Starts configuring a client for a token of the given kind.
    pub fn builder(token: Token, kind: TokenKind) -> ClientBuilder {
        ClientBuilder::new(token, kind)
    }

    /// The kind of the client's token.
    pub fn token_kind(&self) -> TokenKind {
        self.inner.kind
    }

    /// The API root requests are sent to.
    pub fn base_url(&self) -> &str {
        self.inner.base_url.as_str()
    }

    /// What the validator knows about this client (token kind, flags, settings).
    pub fn validation_context(&self) -> ValidationContext {
        ValidationContext {
            token_kind: Some(self.inner.kind),
            multi_location: self.inner.multi_location,
            transactional_access: self.inner.transactional_access,
            settings: self.inner.settings.clone(),
        }
    }

    /// Requests sent today (UTC) by this client, against its daily quota.
    pub fn quota(&self) -> QuotaStatus {
        self.inner.quota.status()
    }

    /// Calls `method` with a typed request and decodes the typed response.
    ///
    /// Generated methods use this; call it directly with a method from the registry. The
    /// request is checked (token kind, headers, every validation rule) before anything is sent.
    pub async fn call<Req, Resp>(
        &self,
        method: &'static MethodMeta,
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: Serialize + ?Sized,
        Resp: DeserializeOwned,
    {
        // Serialized once as bytes, which keep decimals exact for the body, and parsed back
        // into a value for validation and query parameters.
        let exact = serde_json::to_vec(request).map_err(|e| unserializable(method, e))?;
        let params: Value =
            serde_json::from_slice(&exact).map_err(|e| unserializable(method, e))?;
        let body = self.execute(method, params, Some(exact)).await?;
        let value = response::parse(method, &body, &self.inner.token)?;
        response::decode(method, &value, &body, &self.inner.token)
    }

    /// Calls `method` with a JSON request and returns the JSON response, after the same
    /// checks as [`Client::call`]; for tools that work by method name.
    pub async fn call_value(
        &self,
        method: &'static MethodMeta,
        request: Value,
    ) -> Result<Value, Error> {
        let body = self.execute(method, request, None).await?;
        response::parse(method, &body, &self.inner.token)
    }

    /// Checks, validates and sends a call; returns the 2xx body.
    async fn execute(
        &self,
        method: &'static MethodMeta,
        params: Value,
        mut exact: Option<Vec<u8>>,
    ) -> Result<Vec<u8>, Error> {
        let inner = &*self.inner;
        if !method.tokens.contains(&inner.kind) {
            return Err(Error::TokenKindNotAllowed {
                method: method.name,
                kind: inner.kind,
                allowed: method.tokens,
            });
        }
        if let Some(header) = method.headers.iter().find(|h| !self.has_header(**h)) {
            return Err(Error::MissingHeader {
                method: method.name,
                header: header.name(),
            });
        }
        let Value::Object(mut params) = params else {
            return Err(invalid(
                method,
                validate::ROOT_PATH,
                "the request must be a JSON object".to_owned(),
            ));
        };
        // The client supplies the token; one in the request would be a second, stale copy.
        if params.remove(method.token_param).is_some() {
            exact = None;
        }
        validate::validate_object(method.request, &params, &self.validation_context()).map_err(
            |violations| Error::Validation {
                method: method.name,
                violations,
            },
        )?;
        let prepared = request::prepare(inner, method, &params, exact)?;
        send::send(inner, method, &prepared).await
    }

    fn has_header(&self, header: Header) -> bool {
        match header {
            Header::Account => self.inner.account_id.is_some(),
            Header::SalesChannel => self.inner.sales_channel.is_some(),
        }
    }
}

fn unserializable(method: &MethodMeta, error: serde_json::Error) -> Error {
    invalid(
        method,
        validate::ROOT_PATH,
        format!("the request cannot be serialized to JSON: {error}"),
    )
}

fn invalid(method: &MethodMeta, path: &str, message: String) -> Error {
    Error::Validation {
        method: method.name,
        violations: Violations(vec![Violation {
            path: path.to_owned(),
            rule: ViolationRule::Type,
            message,
        }]),
    }
}
