//! The path of one request: route, faults, token, quota, headers, validation, handler.
//!
//! Every check reads the generated metadata and validators of `komet-api`, so the sandbox
//! refuses exactly what the client refuses, with Komet's answers: an HTTP status for
//! transport-level problems (unknown method, wrong verb, token, quota) and `status: 0` with a
//! message naming the field for requests that break a field rule.

use std::sync::Mutex;

use chrono::Utc;
use komet_api::ValidationContext;
use komet_api::meta::{Header, MethodMeta, Verb};
use komet_api::registry::{self, Entry};
use komet_api::validate::validate_value;
use serde_json::{Value, json};

use crate::accounts::Account;
use crate::faults::{Fault, Faults};
use crate::flows::{self, Call, Reply};
use crate::log::{LogEntry, Outcome, RequestLog, bounded_method};
use crate::params::{self, Incoming};
use crate::quota::{DailyQuota, QuotaCheck};
use crate::references;
use crate::shape::synthesize;
use crate::store::Store;

/// The URL prefix of every method, as in `https://api.kometsales.com/api/`.
pub const API_PREFIX: &str = "/api/";

/// What the server sends back.
#[derive(Debug)]
pub(crate) enum Answer {
    /// An HTTP response.
    Respond {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Close the connection without answering.
    Drop,
}

/// Everything that changes while the sandbox runs.
#[derive(Debug)]
pub(crate) struct State {
    pub store: Store,
    pub quota: DailyQuota,
    pub faults: Faults,
    pub log: RequestLog,
}

/// The sandbox's request handler.
#[derive(Debug)]
pub(crate) struct Engine {
    pub accounts: Vec<Account>,
    pub state: Mutex<State>,
}

/// An answer on its way out, with what the log should say about it.
struct Done {
    answer: Answer,
    outcome: Outcome,
    token_kind: Option<komet_api::TokenKind>,
}

impl Engine {
    /// Answers one request.
    pub(crate) async fn handle(&self, incoming: Incoming) -> Answer {
        let method = incoming
            .path
            .strip_prefix(API_PREFIX)
            .unwrap_or(&incoming.path)
            .to_owned();
        let done = self.answer(&method, &incoming).await;
        self.record(LogEntry {
            method,
            verb: incoming.verb.clone(),
            token_kind: done.token_kind,
            outcome: done.outcome,
        });
        done.answer
    }

    /// Logs a request (to `tracing` and the request log), its texts bounded.
    pub(crate) fn record(&self, entry: LogEntry) {
        let entry = entry.bounded();
        tracing::info!(target: "komet_sandbox", "{entry}");
        self.lock().log.push(entry);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // A handler that panicked left the store as it was; keep serving.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    async fn answer(&self, method: &str, incoming: &Incoming) -> Done {
        let faults = self.lock().faults.pick(method);
        for fault in &faults {
            match fault {
                Fault::Latency(delay) => tokio::time::sleep(*delay).await,
                Fault::Status(status) => {
                    return fault_done(
                        json_answer(*status, "injected fault", Vec::new()),
                        format!("HTTP {status}"),
                    );
                }
                Fault::Drop => return fault_done(Answer::Drop, "dropped connection".to_owned()),
                Fault::MalformedBody => {
                    let answer = Answer::Respond {
                        status: 200,
                        headers: vec![("content-type", "application/json".to_owned())],
                        body: b"{\"status\": 1, \"message\": \"truncat".to_vec(),
                    };
                    return fault_done(answer, "malformed body".to_owned());
                }
            }
        }
        let Some(entry) = registry::find(method) else {
            return http_error(
                404,
                format!("there is no API method named {:?}", bounded_method(method)),
                None,
            );
        };
        self.answer_method(entry, incoming)
    }

    fn answer_method(&self, entry: &'static Entry, incoming: &Incoming) -> Done {
        let meta = entry.meta;
        let verb = match meta.verb {
            Verb::Get => "GET",
            Verb::Post => "POST",
        };
        if !incoming.verb.eq_ignore_ascii_case(verb) {
            return http_error(
                405,
                format!("{} must be called with {verb}", meta.name),
                None,
            );
        }
        // Komet's own size limit per method ("64kb" for any request, 20 MB for file uploads).
        let size = incoming.body.len() + incoming.query.as_ref().map_or(0, String::len);
        if size > meta.max_request_bytes as usize {
            return http_error(
                413,
                format!(
                    "the request is {size} bytes; {} takes at most {}",
                    meta.name, meta.max_request_bytes
                ),
                None,
            );
        }
        let params = match params::read(meta, incoming) {
            Ok(params) => params,
            Err(message) => return http_error(400, message, None),
        };
        let Some(token) = params.token else {
            return http_error(401, format!("{} is required", meta.token_param), None);
        };
        let Some(caller) = self.accounts.iter().find(|a| a.token == token) else {
            return http_error(
                401,
                "the authentication token is not valid".to_owned(),
                None,
            );
        };
        let kind = Some(caller.kind);
        if !meta.tokens.contains(&caller.kind) {
            return http_error(
                403,
                format!(
                    "{} cannot be called with a {} token",
                    meta.name, caller.kind
                ),
                kind,
            );
        }
        if let QuotaCheck::Exceeded { retry_after_secs } =
            self.lock().quota.count(&caller.token, Utc::now())
        {
            let message = "the daily request limit of this user has been reached".to_owned();
            let answer = json_answer(
                429,
                &message,
                vec![("retry-after", retry_after_secs.to_string())],
            );
            return Done {
                answer,
                outcome: Outcome::HttpError(429, message),
                token_kind: kind,
            };
        }
        if let Err(message) = check_headers(meta, caller, incoming) {
            return http_error(400, message, kind);
        }
        let request = Value::Object(params.fields);
        if let Err(violations) =
            validate_value(meta.request, &request, &caller.validation_context())
        {
            return refused(format!("invalid request: {violations}"), kind);
        }
        // The typed request is the judge of types the validator leaves loose.
        let canonical = match (entry.decode_request)(&request) {
            Ok(canonical) => canonical,
            Err(failure) => return refused(format!("invalid request: {failure}"), kind),
        };
        let reply = self.run(meta, caller, &canonical);
        match reply {
            Reply::Ok(body) => match check_answer(entry, &body) {
                Ok(()) => Done {
                    answer: json_body(200, &body, Vec::new()),
                    outcome: Outcome::Ok,
                    token_kind: kind,
                },
                // A sandbox bug, not the caller's: say so rather than send a wrong shape.
                Err(problem) => http_error(
                    500,
                    format!("sandbox answer does not match the spec: {problem}"),
                    kind,
                ),
            },
            Reply::Refused(message) => refused(message, kind),
        }
    }

    fn run(&self, meta: &'static MethodMeta, caller: &Account, request: &Value) -> Reply {
        let today = Utc::now().date_naive();
        let empty = serde_json::Map::new();
        let request = request.as_object().unwrap_or(&empty);
        let mut state = self.lock();
        // Answers, stateful or synthesized, only speak of records that exist.
        if let Err(message) = references::check(meta, request, &state.store) {
            return Reply::Refused(message);
        }
        let Some(handler) = flows::handler(meta.name) else {
            let mut body = synthesize(meta.response, today);
            if let Some(status) = body.get_mut("status") {
                *status = Value::from(1);
            }
            return Reply::Ok(Value::Object(body));
        };
        let call = Call {
            method: meta,
            request,
            caller,
            today,
        };
        handler(&call, &mut state.store)
    }
}

/// The sandbox only says what the spec describes: every field of an answer is in the
/// method's response shape, with its type and length, and the answer decodes into the typed
/// response. (Where Komet's page was cut short, the shape is short too.)
fn check_answer(entry: &Entry, body: &Value) -> Result<(), String> {
    validate_value(entry.meta.response, body, &ValidationContext::default())
        .map_err(|violations| violations.to_string())?;
    (entry.check_response)(body).map_err(|failure| failure.to_string())
}

/// Headers the method needs: present, and `X-ACCOUNT` naming the caller's company.
/// Required headers must be there; optional ones may be left out. Either kind, when sent,
/// must hold a value Komet accepts.
fn check_headers(meta: &MethodMeta, caller: &Account, incoming: &Incoming) -> Result<(), String> {
    for header in meta.headers.iter().chain(meta.optional_headers) {
        let Some(value) = incoming.header(header.name()) else {
            if meta.headers.contains(header) {
                return Err(format!("the {} header is required", header.name()));
            }
            continue;
        };
        match header {
            Header::Account if value.trim() != caller.company_id.to_string() => {
                return Err(format!(
                    "the X-ACCOUNT header {value:?} is not the company of this token"
                ));
            }
            Header::SalesChannel if !is_sales_channel(value) => {
                return Err(format!(
                    "the X-SALES-CHANNEL header {value:?} is not a sales channel"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

fn is_sales_channel(value: &str) -> bool {
    komet_api::common::SALES_CHANNEL_META
        .values
        .iter()
        .any(|known| matches!(known, komet_api::meta::WireValue::Str(s) if *s == value.trim()))
}

fn json_body(status: u16, body: &Value, mut headers: Vec<(&'static str, String)>) -> Answer {
    headers.push(("content-type", "application/json".to_owned()));
    Answer::Respond {
        status,
        headers,
        body: serde_json::to_vec(body).unwrap_or_default(),
    }
}

fn json_answer(status: u16, message: &str, headers: Vec<(&'static str, String)>) -> Answer {
    json_body(status, &json!({"status": 0, "message": message}), headers)
}

fn http_error(status: u16, message: String, token_kind: Option<komet_api::TokenKind>) -> Done {
    Done {
        answer: json_answer(status, &message, Vec::new()),
        outcome: Outcome::HttpError(status, message),
        token_kind,
    }
}

fn refused(message: String, token_kind: Option<komet_api::TokenKind>) -> Done {
    Done {
        answer: json_answer(200, &message, Vec::new()),
        outcome: Outcome::Refused(message),
        token_kind,
    }
}

fn fault_done(answer: Answer, what: String) -> Done {
    Done {
        answer,
        outcome: Outcome::Fault(what),
        token_kind: None,
    }
}
