//! The HTTP client: checks a call, sends it and reads the answer.

mod builder;
mod quota;
mod request;
mod response;
mod retry;
mod send;
mod set;

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use serde_json::Value;
use url::Url;

pub use builder::{ClientBuilder, DEFAULT_BASE_URL, DEFAULT_MAX_RESPONSE_BYTES};
pub use quota::{QuotaCounter, QuotaSnapshot, QuotaStatus};
pub use retry::RetryPolicy;
pub use set::ClientSet;

use crate::json::{self, Json};
use crate::meta::{Header, MethodMeta, TokenKind};
use crate::validate::{self, ValidationContext};
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
    max_response_bytes: usize,
    retry: RetryPolicy,
    quota: quota::QuotaCounter,
    enforce_quota: bool,
    /// Present when the caller turned on [`ClientBuilder::record_drift`].
    drift: Option<crate::drift::Recorder>,
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
            .field("max_response_bytes", &inner.max_response_bytes)
            .field("retry", &inner.retry)
            .field("quota", &inner.quota.status())
            .field("record_drift", &inner.drift.is_some())
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

    /// What the drift recorder saw so far (empty unless [`ClientBuilder::record_drift`] is
    /// on); clones of this client share one record.
    pub fn drift_report(&self) -> crate::DriftReport {
        self.inner
            .drift
            .as_ref()
            .map(crate::drift::Recorder::report)
            .unwrap_or_default()
    }

    /// Like [`Client::drift_report`], and starts the record afresh (to write reports in
    /// batches without counting an answer twice).
    pub fn take_drift_report(&self) -> crate::DriftReport {
        self.inner
            .drift
            .as_ref()
            .map(crate::drift::Recorder::take)
            .unwrap_or_default()
    }

    /// Calls `method` with a typed request and decodes the typed response.
    ///
    /// Generated methods use this; call it directly with a method from the registry. The
    /// request is checked (token kind, headers, every validation rule) before anything is sent.
    ///
    /// `Req` is a generated request type, `serde_json::Value`, or a type of your own wrapped in
    /// [`crate::Serde`] (written by its serde `Serialize`): `&Serde(&my_request)`. `Resp` is a
    /// generated response type, `serde_json::Value`, or a type of your own wrapped in
    /// [`crate::Serde`] (decoded by its serde `Deserialize`):
    /// `let Serde(mine): Serde<MyAnswer> = client.call(&PREBOOK_CREATE, &request).await?;`.
    pub async fn call<Req, Resp>(
        &self,
        method: &'static MethodMeta,
        request: &Req,
    ) -> Result<Resp, Error>
    where
        Req: crate::Encode + ?Sized,
        Resp: crate::Decode,
    {
        // Written once; the validator reads these very bytes (numbers as their text), and
        // they are what is sent.
        let exact = crate::encode::to_vec(&request).map_err(|e| {
            invalid(
                method,
                format!("the request cannot be written as JSON: {e}"),
            )
        })?;
        let params = json::parse(&exact).map_err(|e| {
            invalid(
                method,
                format!("the request does not serialize to valid JSON: {e}"),
            )
        })?;
        let body = self.execute(method, params, Some(&exact)).await?;
        self.__decode_body(method, &body)
    }

    /// Reads a 2xx body as [`Client::call`] does: Komet's failure answers become errors (and
    /// the drift recorder sees the answer), then the body is decoded into `Resp`.
    ///
    /// Not part of the API: public so that `komet-api/benches/calls` can time the client's
    /// own decoding without a network.
    #[doc(hidden)]
    pub fn __decode_body<Resp: crate::Decode>(
        &self,
        method: &'static MethodMeta,
        body: &[u8],
    ) -> Result<Resp, Error> {
        let tree = response::parse(method, body, &self.inner.token, self.inner.drift.as_ref())?;
        response::decode(method, &tree, body, &self.inner.token)
    }

    /// Calls `method` with a JSON request and returns the JSON response, after the same
    /// checks as [`Client::call`]; for tools that work by method name.
    ///
    /// The JSON sent is the JSON validated. In the answer, a number that
    /// `serde_json::Number` cannot hold exactly (more digits than an `f64` keeps) is given as
    /// a string of its exact text rather than rounded.
    pub async fn call_value(
        &self,
        method: &'static MethodMeta,
        request: Value,
    ) -> Result<Value, Error> {
        let params = Json::from_value(&request)
            .map_err(|e| invalid(method, format!("the request cannot be checked: {e}")))?;
        let body = self.execute(method, params, None).await?;
        let drift = self.inner.drift.as_ref();
        Ok(response::parse(method, &body, &self.inner.token, drift)?.to_value())
    }

    /// Checks, validates and sends a call; returns the 2xx body. `exact` is the text `params`
    /// was parsed from, sent as it is when the parameters travel in the body.
    async fn execute(
        &self,
        method: &'static MethodMeta,
        params: Json<'_>,
        mut exact: Option<&[u8]>,
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
        let Json::Object(mut params) = params else {
            return Err(invalid(
                method,
                "the request must be a JSON object".to_owned(),
            ));
        };
        // The client supplies the token; one in the request would be a second, stale copy.
        if params.remove(method.token_param) {
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

/// A violation of the request as a whole.
fn invalid(method: &MethodMeta, message: String) -> Error {
    Error::Validation {
        method: method.name,
        violations: validate::root_violation(message),
    }
}
