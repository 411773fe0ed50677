//! Configuration of a [`Client`].

use std::net::IpAddr;
use std::sync::Arc;
use std::time::Duration;

use reqwest::header::HeaderValue;
use url::{Host, Url};

use super::quota::QuotaCounter;
use super::{Client, Inner, RetryPolicy};
use crate::meta::TokenKind;
use crate::{Error, Token};

/// The production endpoint.
pub const DEFAULT_BASE_URL: &str = "https://api.kometsales.com/api/";

/// Default of [`ClientBuilder::max_response_bytes`]: 32 MiB.
///
/// Komet's largest answers are inventory and invoice lists, about 1 KB of JSON a line, so
/// this holds some 30,000 lines; it bounds what one call can make the client hold (the body
/// and its parsed form, a few times the body) without refusing any realistic answer.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// Builds a [`Client`]; start with [`Client::builder`].
#[derive(Debug)]
pub struct ClientBuilder {
    token: Token,
    kind: TokenKind,
    base_url: String,
    account_id: Option<i64>,
    sales_channel: Option<String>,
    multi_location: bool,
    transactional_access: bool,
    settings: Vec<&'static str>,
    timeout: Duration,
    connect_timeout: Duration,
    max_response_bytes: usize,
    retry: RetryPolicy,
    daily_quota: u32,
    quota_counter: Option<QuotaCounter>,
    enforce_quota: bool,
    http: Option<reqwest::ClientBuilder>,
    proxy: Option<reqwest::Proxy>,
    drift: Option<crate::DriftOptions>,
}

impl ClientBuilder {
    pub(super) fn new(token: Token, kind: TokenKind) -> Self {
        ClientBuilder {
            token,
            kind,
            base_url: DEFAULT_BASE_URL.to_owned(),
            account_id: None,
            sales_channel: None,
            multi_location: false,
            transactional_access: false,
            settings: Vec::new(),
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            retry: RetryPolicy::default(),
            daily_quota: 1000,
            quota_counter: None,
            enforce_quota: false,
            http: None,
            proxy: None,
            drift: None,
        }
    }

    /// The API root (default [`DEFAULT_BASE_URL`]). Must be `https`, except on a loopback
    /// host (`127.0.0.0/8`, `::1`, `localhost`), which tests use.
    pub fn base_url(mut self, url: &str) -> Self {
        url.clone_into(&mut self.base_url);
        self
    }

    /// The company id, sent as `X-ACCOUNT` to the methods that need it.
    pub fn account_id(mut self, id: i64) -> Self {
        self.account_id = Some(id);
        self
    }

    /// The sales channel, sent as `X-SALES-CHANNEL` to the methods that need it and to those
    /// where it is optional; without it, the first are refused and the second go without.
    pub fn sales_channel(mut self, channel: crate::SalesChannel) -> Self {
        use crate::wire::{WireEnum, WireValueOwned};
        self.sales_channel = Some(match channel.to_wire() {
            WireValueOwned::Str(text) => text,
            WireValueOwned::Int(n) => n.to_string(),
        });
        self
    }

    /// The company works in multi-location mode (location fields become required).
    pub fn multi_location(mut self, on: bool) -> Self {
        self.multi_location = on;
        self
    }

    /// The token has Transactional API Access.
    pub fn transactional_access(mut self, on: bool) -> Self {
        self.transactional_access = on;
        self
    }

    /// A company setting that is on (repeatable), so fields that depend on it may be sent.
    pub fn company_setting(mut self, key: &'static str) -> Self {
        if !self.settings.contains(&key) {
            self.settings.push(key);
        }
        self
    }

    /// Time limit of one attempt, from sending to the end of the body (default 30 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time limit for opening a connection (default 10 s; ignored with [`Self::http_client`]).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// When to retry failed attempts (default [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The daily request limit shown by [`Client::quota`] (default 1,000).
    pub fn daily_quota(mut self, limit: u32) -> Self {
        self.daily_quota = limit;
        self
    }

    /// Counts this client's requests on `counter`, shared with the other clients of the same
    /// Komet user (its limit replaces [`daily_quota`](Self::daily_quota)); restore a saved
    /// count with [`QuotaCounter::restore`].
    pub fn quota_counter(mut self, counter: QuotaCounter) -> Self {
        self.quota_counter = Some(counter);
        self
    }

    /// Refuse to send once the daily quota is used up (default off: only count).
    pub fn enforce_quota(mut self, on: bool) -> Self {
        self.enforce_quota = on;
        self
    }

    /// The largest answer accepted, in bytes (default [`DEFAULT_MAX_RESPONSE_BYTES`](crate::client::DEFAULT_MAX_RESPONSE_BYTES), 32 MiB). A
    /// larger one ends the call with [`Error::ResponseTooLarge`] as soon as that is known, and
    /// is never retried.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = limit;
        self
    }

    /// Sends requests through this proxy. Without one, no proxy is used: `HTTP_PROXY` and
    /// the other proxy variables are ignored, so the token only goes where the base URL says.
    /// A loopback base URL never goes through a proxy, this one included.
    pub fn proxy(mut self, proxy: reqwest::Proxy) -> Self {
        self.proxy = Some(proxy);
        self
    }

    /// Builds the HTTP client from this reqwest builder instead of a new one (for TLS roots,
    /// pool or local-address settings). Its settings are kept, except what could carry the
    /// token elsewhere: redirects are never followed (a 3xx is an [`Error::Http`]), no
    /// `Referer` is sent, and a loopback base URL goes through no proxy. Its connect timeout
    /// is its own ([`Self::connect_timeout`] does not apply); the per-attempt timeout does.
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Some(builder);
        self
    }

    /// Records what answers hold that the spec does not say (unknown fields, values outside
    /// their type or bound, unknown enum values and statuses), per method and path, without
    /// the values unless `options` asks for examples; read it with [`Client::drift_report`].
    /// Off by default, and then costs nothing. See [`crate::drift`].
    pub fn record_drift(mut self, options: crate::DriftOptions) -> Self {
        self.drift = Some(options);
        self
    }

    /// Checks the configuration and builds the client.
    pub fn build(self) -> Result<Client, Error> {
        let base_url = parse_base_url(&self.base_url)?;
        if let Some(channel) = &self.sales_channel {
            HeaderValue::from_str(channel).map_err(|_| {
                Error::Config("the sales channel is not a valid HTTP header value".to_owned())
            })?;
        }
        let loopback = is_loopback(&base_url);
        let own = self.http.is_none();
        let mut http = self.http.unwrap_or_else(|| {
            reqwest::Client::builder()
                .connect_timeout(self.connect_timeout)
                .user_agent(concat!("komet-api/", env!("CARGO_PKG_VERSION")))
        });
        // A redirect could carry the token to another origin or to plain http, in a header,
        // in the re-sent body, or (for query methods) in the Referer of the next request.
        http = http
            .redirect(reqwest::redirect::Policy::none())
            .referer(false);
        if loopback || own {
            // No proxy from the environment; on loopback, none at all, since the traffic
            // (token included) is in clear and meant to stay on this machine.
            http = http.no_proxy();
        }
        if let (Some(proxy), false) = (self.proxy, loopback) {
            http = http.proxy(proxy);
        }
        let http = http
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Client {
            inner: Arc::new(Inner {
                http,
                base_url,
                token: self.token,
                kind: self.kind,
                account_id: self.account_id,
                sales_channel: self.sales_channel,
                multi_location: self.multi_location,
                transactional_access: self.transactional_access,
                settings: self.settings,
                timeout: self.timeout,
                max_response_bytes: self.max_response_bytes,
                retry: self.retry,
                quota: self
                    .quota_counter
                    .unwrap_or_else(|| QuotaCounter::new(self.daily_quota)),
                enforce_quota: self.enforce_quota,
                drift: self.drift.map(crate::drift::Recorder::new),
            }),
        })
    }
}

/// `127.0.0.0/8`, `::1` or `localhost`.
fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        Some(Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
        Some(Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
        None => false,
    }
}

/// Parses the API root: https, or http on loopback; ends with `/` so method names append.
fn parse_base_url(text: &str) -> Result<Url, Error> {
    let mut url =
        Url::parse(text).map_err(|e| Error::Config(format!("invalid base URL {text:?}: {e}")))?;
    match url.scheme() {
        "https" => {}
        "http" if is_loopback(&url) => {}
        _ => {
            return Err(Error::Config(format!(
                "base URL {text:?} must use https (plain http is allowed only on loopback)"
            )));
        }
    }
    if url.host().is_none() || url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config(format!(
            "base URL {text:?} must have a host and no query or fragment"
        )));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

#[cfg(test)]
mod tests {
    use super::parse_base_url;

    #[test]
    fn https_or_loopback_only() {
        for ok in [
            "https://api.kometsales.com/api/",
            "https://example.com/api",
            "http://127.0.0.1:8080/",
            "http://127.1.2.3/api/",
            "http://[::1]:9000/api/",
            "http://localhost:1234",
        ] {
            assert!(parse_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "http://api.kometsales.com/api/",
            "http://10.0.0.1/api/",
            "http://localhost.example.com/",
            "ftp://127.0.0.1/",
            "https://example.com/api/?x=1",
            "not a url",
        ] {
            assert!(parse_base_url(bad).is_err(), "{bad}");
        }
        assert_eq!(
            parse_base_url("https://example.com/api").unwrap().as_str(),
            "https://example.com/api/"
        );
    }
}
