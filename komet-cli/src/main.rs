//! `komet`: the Komet Sales API from the terminal. Describes, exemplifies, validates and
//! calls every method of the spec, from the same metadata the `komet-api` client enforces,
//! and runs the local sandbox.

mod call;
mod context;
mod describe;
mod example;
mod exit;
mod input;
mod words;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use komet_api::TokenKind;
use komet_api::meta::MethodMeta;
use komet_api::registry;
use komet_sandbox::cli as sandbox_cli;

use context::{ContextArgs, Kind};
use exit::{EXIT_CODES_HELP, Exit, Failure};

#[derive(Debug, Parser)]
#[command(
    name = "komet",
    version,
    about = "The Komet Sales API from the terminal: describe, exemplify, validate and call its methods.",
    after_help = EXIT_CODES_HELP
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List every method with its verb, token kinds and effect
    Methods {
        /// Only this API area (prebooks, invoices, ...)
        #[arg(long)]
        area: Option<String>,
        /// Only methods this kind of token may call
        #[arg(long, value_enum)]
        token_kind: Option<Kind>,
    },
    /// Everything the spec knows about a method: placement, headers, fields, rules, notes
    Describe {
        /// Method wire name, e.g. prebook.create
        method: String,
        /// Print JSON, for tools
        #[arg(long)]
        json: bool,
    },
    /// Print a request that `komet validate` accepts (the documentation's sample if it has one)
    Example {
        /// Method wire name
        method: String,
        #[command(flatten)]
        context: ContextArgs,
    },
    /// Check a request offline: exit 0 if valid, 1 listing every violation with its path
    Validate {
        /// Method wire name
        method: String,
        /// JSON request: a file, or - for stdin (default: stdin)
        file: Option<String>,
        #[command(flatten)]
        context: ContextArgs,
    },
    /// Validate, then send a request; the token comes from $KOMET_TOKEN or --token-file
    #[command(after_help = EXIT_CODES_HELP)]
    Call(call::CallArgs),
    /// Run the local Komet sandbox (komet sandbox --help lists its options)
    #[command(disable_help_flag = true)]
    Sandbox {
        /// Options of the sandbox, as for komet-sandbox
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Print a shell completion script
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap exits 2 on usage errors; 2 means "Komet refused" here.
            let _ = e.print();
            return if e.use_stderr() {
                Exit::Usage
            } else {
                Exit::Ok
            }
            .into();
        }
    };
    match run(cli.command) {
        Ok(()) => Exit::Ok.into(),
        Err(failure) => {
            eprintln!("komet: {}", failure.message);
            failure.exit.into()
        }
    }
}

fn run(command: Command) -> Result<(), Failure> {
    match command {
        Command::Methods { area, token_kind } => methods(area.as_deref(), token_kind),
        Command::Describe { method, json } => {
            let meta = find(&method)?;
            if json {
                print(&pretty(&describe::json(meta)));
            } else {
                print(&describe::text(meta));
            }
            Ok(())
        }
        Command::Example { method, context } => {
            let meta = find(&method)?;
            let ctx = context.context()?;
            let (request, _) = example::example(meta, &ctx);
            // A built example that fails is a bug of the builder: say so rather than print it.
            if let Err(e) = registry::validate_request(meta.name, &request, &ctx) {
                return Err(Failure::invalid(format!(
                    "cannot build a valid example of {}: {e}",
                    meta.name
                )));
            }
            print(&pretty(&request));
            Ok(())
        }
        Command::Validate {
            method,
            file,
            context,
        } => {
            let meta = find(&method)?;
            let ctx = context.context()?;
            let request = input::read(file.as_deref().unwrap_or("-"))?;
            validate(meta, &request, &ctx)
        }
        Command::Call(args) => {
            let meta = find(&args.method)?;
            runtime()?.block_on(call::run(args, meta))
        }
        Command::Sandbox { args } => sandbox(args),
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "komet", &mut std::io::stdout());
            Ok(())
        }
    }
}

fn methods(area: Option<&str>, kind: Option<Kind>) -> Result<(), Failure> {
    let all = registry::methods();
    if let Some(area) = area {
        if !all.iter().any(|e| e.meta.area == area) {
            let mut areas: Vec<&str> = all.iter().map(|e| e.meta.area).collect();
            areas.sort_unstable();
            areas.dedup();
            return Err(Failure::usage(format!(
                "no area {area:?}; the areas are: {}",
                areas.join(", ")
            )));
        }
    }
    let kind = kind.map(TokenKind::from);
    let rows: Vec<&MethodMeta> = all
        .iter()
        .map(|e| e.meta)
        .filter(|m| area.is_none_or(|a| m.area == a))
        .filter(|m| kind.is_none_or(|k| m.tokens.contains(&k)))
        .collect();
    let width = rows.iter().map(|m| m.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    for meta in rows {
        let kinds: Vec<&str> = meta.tokens.iter().map(|k| k.as_str()).collect();
        out.push_str(&format!(
            "{:<width$}  {:<4}  {:<5}  {}\n",
            meta.name,
            words::verb(meta.verb),
            words::effect(meta.effect),
            kinds.join(",")
        ));
    }
    print(&out);
    Ok(())
}

fn validate(
    meta: &'static MethodMeta,
    request: &serde_json::Value,
    ctx: &komet_api::ValidationContext,
) -> Result<(), Failure> {
    match registry::validate_request(meta.name, request, ctx) {
        Ok(()) => {
            println!("{}: valid", meta.name);
            Ok(())
        }
        Err(registry::RegistryError::Invalid(violations)) => {
            let mut message = format!("{}: {} violation(s)", meta.name, violations.len());
            for v in &violations {
                message.push_str(&format!("\n  {}: {} [{}]", v.path, v.message, v.rule));
            }
            Err(Failure::invalid(message))
        }
        Err(e) => Err(Failure::usage(e.to_string())),
    }
}

fn sandbox(args: Vec<String>) -> Result<(), Failure> {
    const PROGRAM: &str = "komet sandbox";
    match sandbox_cli::parse(args) {
        Ok(sandbox_cli::Command::Help) => {
            println!("{}", sandbox_cli::usage(PROGRAM));
            Ok(())
        }
        Ok(sandbox_cli::Command::Serve(builder)) => runtime()?
            .block_on(sandbox_cli::serve(*builder))
            .map_err(|e| Failure::usage(e.to_string())),
        Err(message) => Err(Failure::usage(format!(
            "{message}\n\n{}",
            sandbox_cli::usage(PROGRAM)
        ))),
    }
}

/// The method by wire name, or a usage error naming close matches.
fn find(name: &str) -> Result<&'static MethodMeta, Failure> {
    if let Some(entry) = registry::find(name) {
        return Ok(entry.meta);
    }
    let stem = name.split('.').next().unwrap_or(name);
    let close: Vec<&str> = registry::methods()
        .iter()
        .map(|e| e.meta.name)
        .filter(|m| m.contains(stem))
        .take(8)
        .collect();
    let hint = if close.is_empty() {
        "`komet methods` lists them".to_owned()
    } else {
        format!("did you mean {}?", close.join(", "))
    };
    Err(Failure::usage(format!(
        "no method {name:?} in the spec; {hint}"
    )))
}

fn runtime() -> Result<tokio::runtime::Runtime, Failure> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| Failure {
            exit: Exit::Transport,
            message: format!("cannot start the async runtime: {e}"),
        })
}

fn pretty(value: &serde_json::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn print(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}
