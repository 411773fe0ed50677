//! `komet call METHOD`: validates a request, sends it with the token from the environment or
//! a file, prints the answer and what the call used of the daily quota.
//!
//! The token is held as text only to build the client and to scrub it from anything printed;
//! it never comes from a flag's value and is never part of a message.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::Args;
use komet_api::client::DEFAULT_BASE_URL;
use komet_api::meta::MethodMeta;
use komet_api::{Client, Error, Token, TokenKind};
use serde_json::Value;

use crate::context::{ContextArgs, Kind};
use crate::exit::{Exit, Failure};
use crate::input;

/// The environment variable holding the token.
pub const TOKEN_ENV: &str = "KOMET_TOKEN";

#[derive(Debug, Args)]
pub struct CallArgs {
    /// Method wire name, e.g. prebook.create
    pub method: String,
    /// JSON request: a file, or - for stdin (default: an empty request)
    pub file: Option<String>,
    /// A top-level request field (repeatable); the value is typed by the field
    #[arg(long = "param", value_name = "KEY=VALUE")]
    pub params: Vec<String>,
    /// Read the token from this file instead of $KOMET_TOKEN (surrounding whitespace ignored)
    #[arg(long, value_name = "PATH")]
    pub token_file: Option<PathBuf>,
    /// Kind of the token
    #[arg(long, value_enum, default_value = "company")]
    pub token_kind: Kind,
    /// Company id, sent as X-ACCOUNT to the methods that need it
    #[arg(long, value_name = "ID")]
    pub account: Option<i64>,
    /// Sales channel, sent as X-SALES-CHANNEL to the methods that need it
    #[arg(long, value_name = "CHANNEL")]
    pub sales_channel: Option<String>,
    /// API root; https, or http on a loopback address (the sandbox)
    #[arg(long, value_name = "URL", default_value = DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The company works in multi-location mode
    #[arg(long)]
    pub multi_location: bool,
    /// The token has Transactional API Access
    #[arg(long)]
    pub transactional: bool,
    /// A company setting that is on (repeatable), e.g. allow_changing_cost
    #[arg(long = "setting", value_name = "KEY")]
    pub settings: Vec<String>,
}

/// The token's text, kept only to build the client and to scrub output.
struct Secret(String);

impl Secret {
    fn scrub(&self, text: &str) -> String {
        text.replace(&self.0, "[redacted]")
    }
}

/// Where the token comes from: `--token-file` when given, else `$KOMET_TOKEN`.
fn token(args: &CallArgs) -> Result<Secret, Failure> {
    let text = match &args.token_file {
        Some(path) => std::fs::read_to_string(path).map_err(|e| {
            Failure::usage(format!(
                "cannot read the token file {}: {e}",
                path.display()
            ))
        })?,
        None => std::env::var(TOKEN_ENV).map_err(|_| {
            Failure::usage(format!(
                "no token: set {TOKEN_ENV} or pass --token-file PATH"
            ))
        })?,
    };
    let text = text.trim();
    if text.is_empty() {
        return Err(Failure::usage("the token is empty"));
    }
    Ok(Secret(text.to_owned()))
}

pub async fn run(args: CallArgs, meta: &'static MethodMeta) -> Result<(), Failure> {
    let secret = token(&args)?;
    let result = send(&args, meta, &secret).await;
    // Whatever the outcome, nothing printed may carry the token.
    result.map_err(|f| Failure {
        exit: f.exit,
        message: secret.scrub(&f.message),
    })
}

async fn send(args: &CallArgs, meta: &'static MethodMeta, secret: &Secret) -> Result<(), Failure> {
    let mut request = match &args.file {
        Some(source) => input::read(source)?,
        None => input::empty(),
    };
    if input::drop_token(meta, &mut request) {
        eprintln!(
            "komet: the request's {} was left out; the token comes from {TOKEN_ENV} or --token-file",
            meta.token_param
        );
    }
    input::apply_params(meta, &mut request, &args.params)?;

    let client = client(args, secret)?;
    let outcome = client.call_value(meta, request).await;
    let quota = client.quota();
    if quota.used_today > 0 {
        eprintln!(
            "komet: quota: {} request(s) sent by this command; Komet allows {} a day per paying user, counted across every program using the company's tokens",
            quota.used_today, quota.limit
        );
    }
    match outcome {
        Ok(response) => {
            print_json(&response, secret);
            Ok(())
        }
        Err(error) => {
            // A refusal's body says why, in Komet's words; show it as the answer.
            if let Error::Api { body, .. } = &error {
                print_json(body, secret);
            }
            Err(failure(&error))
        }
    }
}

fn client(args: &CallArgs, secret: &Secret) -> Result<Client, Failure> {
    let context = ContextArgs {
        token_kind: Some(args.token_kind),
        multi_location: args.multi_location,
        transactional: args.transactional,
        settings: args.settings.clone(),
    }
    .context()?;
    let mut builder = Client::builder(
        Token::new(secret.0.clone()),
        TokenKind::from(args.token_kind),
    )
    .base_url(&args.base_url)
    .multi_location(context.multi_location)
    .transactional_access(context.transactional_access);
    for setting in context.settings {
        builder = builder.company_setting(setting);
    }
    if let Some(account) = args.account {
        builder = builder.account_id(account);
    }
    if let Some(channel) = &args.sales_channel {
        builder = builder.sales_channel(sales_channel(channel)?);
    }
    builder.build().map_err(|e| failure(&e))
}

/// One of Komet's sales channels, by its wire name (`WEB_APP`); anything else is a usage error.
fn sales_channel(name: &str) -> Result<komet_api::SalesChannel, Failure> {
    use komet_api::meta::WireValue;
    use komet_api::wire::{WireEnum, WireValueOwned};
    let known = komet_api::common::SALES_CHANNEL_META.values;
    if known
        .iter()
        .any(|v| matches!(v, WireValue::Str(s) if *s == name))
    {
        return Ok(komet_api::SalesChannel::from_wire(WireValueOwned::Str(
            name.to_owned(),
        )));
    }
    let names: Vec<&str> = known
        .iter()
        .filter_map(|v| match v {
            WireValue::Str(s) => Some(*s),
            WireValue::Int(_) => None,
        })
        .collect();
    Err(Failure::usage(format!(
        "--sales-channel {name:?} is not one of {}",
        names.join(", ")
    )))
}

fn failure(error: &Error) -> Failure {
    let mut message = error.to_string();
    match error {
        Error::Validation { violations, .. } => {
            message = format!(
                "{}: invalid request, nothing was sent:",
                error.method().unwrap_or_default()
            );
            for violation in violations {
                message.push_str(&format!("\n  {violation}"));
            }
        }
        Error::MissingHeader { header, .. } => {
            let flag = if *header == "X-ACCOUNT" {
                "--account ID"
            } else {
                "--sales-channel CHANNEL"
            };
            message.push_str(&format!(" (komet: pass {flag})"));
        }
        _ => {}
    }
    Failure {
        exit: Exit::of(error),
        message,
    }
}

/// Pretty on a terminal, one line when piped (for `jq` and scripts).
fn print_json(value: &Value, secret: &Secret) {
    let text = if std::io::stdout().is_terminal() {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    let text = text.unwrap_or_else(|e| format!("(the response cannot be printed: {e})"));
    let mut stdout = std::io::stdout().lock();
    let _ = writeln!(stdout, "{}", secret.scrub(&text));
}
