//! The HTTP server: a [`Sandbox`] listens on loopback and stops when dropped.

use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use komet_api::{ClientBuilder, Token, TokenKind};
use serde_json::Value;
use tokio::net::TcpListener;
use tokio::sync::watch;

use crate::accounts::Account;
use crate::connection::serve;
use crate::dispatch::{API_PREFIX, Engine, State};
use crate::extras::ResponseExtras;
use crate::faults::{FaultRule, Faults};
use crate::limits::Limits;
use crate::log::{DEFAULT_LOG_CAPACITY, LogEntry, RequestLog};
use crate::quota::DailyQuota;
use crate::seed;
use crate::store::Store;

/// Why a sandbox could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The port could not be opened.
    #[error("cannot listen on 127.0.0.1:{port}: {source}")]
    Listen {
        /// The port asked for (0: any free port).
        port: u16,
        /// What the system said.
        source: std::io::Error,
    },
    /// Response extras for a method were not a JSON object.
    #[error("response extras for {method}: {message}")]
    Extras {
        /// The method they were given for.
        method: String,
        /// What is wrong with them.
        message: String,
    },
    /// A fixture could not be read or loaded.
    #[error("fixture {name}: {message}")]
    Fixture {
        /// File name, or `inline` for JSON given in code.
        name: String,
        /// What is wrong with it.
        message: String,
    },
}

/// Configures a [`Sandbox`]; start with [`Sandbox::builder`].
#[derive(Debug)]
pub struct SandboxBuilder {
    port: u16,
    accounts: Vec<Account>,
    daily_quota: u32,
    faults: Vec<FaultRule>,
    seed: bool,
    fixtures: Vec<(String, Value)>,
    log_capacity: usize,
    limits: Limits,
    extras: ResponseExtras,
    bad_extras: Option<(String, String)>,
}

impl SandboxBuilder {
    /// Listen on this port of 127.0.0.1 (default 0: a free port).
    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    /// Accept this token too (after the demo ones).
    pub fn account(mut self, account: Account) -> Self {
        self.accounts.retain(|a| a.token != account.token);
        self.accounts.push(account);
        self
    }

    /// Requests per token per UTC day before answering 429 (default 1,000, Komet's limit).
    pub fn daily_quota(mut self, limit: u32) -> Self {
        self.daily_quota = limit;
        self
    }

    /// Inject this fault (repeatable; see [`FaultRule`]).
    pub fn fault(mut self, rule: FaultRule) -> Self {
        self.faults.push(rule);
        self
    }

    /// Keep the newest `entries` requests in [`Sandbox::log`] (default 10,000; 0 keeps none).
    /// Older entries are forgotten, so a long-running sandbox keeps bounded memory.
    pub fn log_capacity(mut self, entries: usize) -> Self {
        self.log_capacity = entries;
        self
    }

    /// Close a connection that has no request in progress and moves no byte for this long:
    /// one that never sends, a kept-alive one between requests, one that stops reading its
    /// answer (default 5 s). A slow answer, such as a latency fault, is not cut off.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.limits.idle_timeout = timeout;
        self
    }

    /// Close a connection whose request head (request line and headers) has not arrived
    /// this long after the server started waiting for it, however slowly it trickles in
    /// (default 10 s). The shorter of this and the idle timeout ends a silent connection.
    pub fn header_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.header_read_timeout = timeout;
        self
    }

    /// Answer 408 when a request body has not arrived this long after its head
    /// (default 10 s).
    pub fn body_read_timeout(mut self, timeout: Duration) -> Self {
        self.limits.body_read_timeout = timeout;
        self
    }

    /// Answer 413 to a request body larger than this many bytes (default 1 MiB; Komet's
    /// largest requests take tens of kilobytes).
    pub fn max_body_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_body_bytes = bytes;
        self
    }

    /// Answer 431 to a request head (request line and headers) larger than this many bytes
    /// (default 16 KiB, room for long query strings).
    pub fn max_header_bytes(mut self, bytes: usize) -> Self {
        self.limits.max_header_bytes = bytes;
        self
    }

    /// Answer 400 to a JSON body whose arrays and objects nest deeper than this, the
    /// outermost object being level 1 (default 32; the spec's requests nest about five
    /// levels). JSON deeper than 128 levels is refused anyway by the JSON parser.
    pub fn max_json_depth(mut self, levels: usize) -> Self {
        self.limits.max_json_depth = levels;
        self
    }

    /// Adds `extras` (a JSON object) to every successful answer of `method`, after the
    /// sandbox checked that answer against the spec: members the spec does not describe, or
    /// values that break it, to test how a client copes with what real answers hold (the
    /// drift report, for one). Objects merge member by member, an object given for an array
    /// merges into each of its rows (`{"invoices": {"note": "x"}}`), anything else replaces
    /// the value. Repeatable; extras of one method add up. Anything but an object makes
    /// [`start`](SandboxBuilder::start) fail.
    pub fn response_extras(mut self, method: &str, extras: Value) -> Self {
        if extras.is_object() {
            self.extras.add(method, extras);
        } else if self.bad_extras.is_none() {
            self.bad_extras = Some((method.to_owned(), "must be a JSON object".to_owned()));
        }
        self
    }

    /// Start empty, without the seed catalogue.
    pub fn without_seed(mut self) -> Self {
        self.seed = false;
        self
    }

    /// Load these records after the seed: `{"customers": [{"customerId": 1, ...}], ...}`.
    pub fn fixture(mut self, fixture: Value) -> Self {
        self.fixtures.push(("inline".to_owned(), fixture));
        self
    }

    /// Load a fixture file (JSON, same form as [`SandboxBuilder::fixture`]).
    pub fn fixture_file(mut self, path: impl AsRef<Path>) -> Result<Self, StartError> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|e| StartError::Fixture {
            name: name.clone(),
            message: e.to_string(),
        })?;
        let value = serde_json::from_str(&text).map_err(|e| StartError::Fixture {
            name: name.clone(),
            message: format!("not valid JSON: {e}"),
        })?;
        self.fixtures.push((name, value));
        Ok(self)
    }

    /// Opens the port and starts answering, on the current Tokio runtime.
    pub async fn start(self) -> Result<Sandbox, StartError> {
        if let Some((method, message)) = self.bad_extras {
            return Err(StartError::Extras { method, message });
        }
        let mut store = Store::default();
        if self.seed {
            seed::load(&mut store);
        }
        for (name, fixture) in &self.fixtures {
            store.load(fixture).map_err(|message| StartError::Fixture {
                name: name.clone(),
                message,
            })?;
        }
        let listener = TcpListener::bind(("127.0.0.1", self.port))
            .await
            .map_err(|source| StartError::Listen {
                port: self.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Listen {
            port: self.port,
            source,
        })?;
        let engine = Arc::new(Engine {
            accounts: self.accounts,
            state: Mutex::new(State {
                store,
                quota: DailyQuota::new(self.daily_quota),
                faults: Faults::new(self.faults),
                log: RequestLog::new(self.log_capacity),
            }),
        });
        let (stop, stopped) = watch::channel(false);
        let idle_timeout = self.limits.idle_timeout;
        let extras = Arc::new(self.extras);
        tokio::spawn(serve(
            listener,
            Arc::clone(&engine),
            self.limits,
            extras,
            stopped,
        ));
        Ok(Sandbox {
            addr,
            base_url: format!("http://{addr}{API_PREFIX}"),
            idle_timeout,
            engine,
            stop,
        })
    }
}

/// A running Komet Sales sandbox on 127.0.0.1. Dropping it stops the server.
#[derive(Debug)]
pub struct Sandbox {
    addr: SocketAddr,
    base_url: String,
    idle_timeout: Duration,
    engine: Arc<Engine>,
    stop: watch::Sender<bool>,
}

impl Sandbox {
    /// A sandbox with the demo tokens, the seed catalogue and Komet's daily quota.
    pub fn builder() -> SandboxBuilder {
        SandboxBuilder {
            port: 0,
            accounts: Account::demo(),
            daily_quota: 1000,
            faults: Vec::new(),
            seed: true,
            fixtures: Vec::new(),
            log_capacity: DEFAULT_LOG_CAPACITY,
            limits: Limits::default(),
            extras: ResponseExtras::default(),
            bad_extras: None,
        }
    }

    /// Starts a default sandbox on a free port (see [`Sandbox::builder`]).
    pub async fn start() -> Result<Sandbox, StartError> {
        Sandbox::builder().start().await
    }

    /// The API root to give a client: `http://127.0.0.1:PORT/api/`.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// The socket address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The tokens it accepts.
    pub fn accounts(&self) -> &[Account] {
        &self.engine.accounts
    }

    /// The first account of this token kind.
    pub fn account(&self, kind: TokenKind) -> Option<&Account> {
        self.engine.accounts.iter().find(|a| a.kind == kind)
    }

    /// A client builder for the first account of `kind`, pointed at this sandbox. It pre-sets:
    ///
    /// - the base URL of this sandbox and the account's token;
    /// - `account_id` (the `X-ACCOUNT` header) to the account's company id;
    /// - `sales_channel` (the `X-SALES-CHANNEL` header) to [`SalesChannel::WebApp`], sent to the
    ///   methods that require it and to the storefront methods where it is optional;
    /// - the account's Transactional API Access, multi-location mode and company settings;
    /// - an HTTP client that does not reuse connections the sandbox is about to close as idle.
    ///   Since that HTTP client is the sandbox's, [`ClientBuilder::connect_timeout`] does not
    ///   apply to it (10 s, to loopback); to replace it, give [`ClientBuilder::http_client`] one
    ///   whose `pool_idle_timeout` is shorter than the sandbox's
    ///   [`idle_timeout`](SandboxBuilder::idle_timeout).
    ///
    /// Any of them can be changed on the returned builder before `build`.
    ///
    /// [`SalesChannel::WebApp`]: komet_api::SalesChannel::WebApp
    ///
    /// # Panics
    /// When the sandbox has no account of that kind (the demo accounts cover every kind).
    pub fn client(&self, kind: TokenKind) -> ClientBuilder {
        let account = self
            .account(kind)
            .unwrap_or_else(|| panic!("the sandbox has no {kind} account"));
        // The sandbox closes a connection idle for `idle_timeout`; a pooled connection reused
        // just then fails its request (hyper's IncompleteMessage). Its clients forget idle
        // connections in half that time, so they never pick one the sandbox is closing.
        let http = reqwest::Client::builder()
            .pool_idle_timeout(self.idle_timeout / 2)
            .connect_timeout(Duration::from_secs(10))
            .user_agent(concat!("komet-sandbox/", env!("CARGO_PKG_VERSION")));
        let mut builder = komet_api::Client::builder(Token::new(account.token.clone()), kind)
            .base_url(&self.base_url)
            .http_client(http)
            .account_id(account.company_id)
            .sales_channel(komet_api::SalesChannel::WebApp)
            .transactional_access(account.transactional_access)
            .multi_location(account.multi_location);
        for setting in &account.settings {
            builder = builder.company_setting(setting);
        }
        builder
    }

    /// The requests answered so far, oldest first: the newest
    /// [`log_capacity`](SandboxBuilder::log_capacity) of them. Tokens are never recorded, and
    /// texts the caller chose (an unknown method name) are kept in bounded form.
    pub fn log(&self) -> Vec<LogEntry> {
        self.lock().log.entries()
    }

    /// Replaces the injected faults from now on.
    pub fn set_faults(&self, rules: Vec<FaultRule>) {
        self.lock().faults.replace(rules);
    }

    /// Forgets today's request counts.
    pub fn reset_quota(&self) {
        self.lock().quota.reset();
    }

    /// Reads the stored data, e.g. to check what a flow left behind.
    pub fn with_store<R>(&self, read: impl FnOnce(&Store) -> R) -> R {
        read(&self.lock().store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.engine.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        let _ = self.stop.send(true);
    }
}
