//! The command line of the sandbox, shared by `komet-sandbox` and `komet sandbox`: one parser
//! and one usage text, so both binaries take exactly the same flags.

use crate::{FaultRule, Sandbox, SandboxBuilder, StartError};

/// The flags, after a `usage: PROGRAM` line (see [`usage`]).
const FLAGS: &str = "\
[--port N] [--quota N] [--fixture FILE]... [--fault RULE]... [--no-seed]
                     [--log-capacity N]

  --port N        port on 127.0.0.1 (default 8080; 0 picks a free one)
  --quota N       requests per token per UTC day before 429 (default 1000)
  --fixture FILE  JSON records to load, e.g. {\"customers\": [{\"id\": 7, \"name\": \"...\"}]}
  --fault RULE    KIND[:SHARE][@METHOD,...] with KIND 500, 408 (any 4xx/5xx status), drop,
                  malformed or latency=MS; e.g. --fault 500:0.2@prebook.create
  --no-seed       start without the demo catalogue
  --log-capacity N
                  requests kept in the in-memory log; the oldest goes first (default 10000)";

/// The usage text, naming the program as it was invoked (`komet-sandbox`, `komet sandbox`).
pub fn usage(program: &str) -> String {
    format!("usage: {program} {FLAGS}")
}

/// What the arguments ask for.
#[derive(Debug)]
pub enum Command {
    /// `--help` or `-h`: print [`usage`].
    Help,
    /// Start a sandbox configured so.
    Serve(Box<SandboxBuilder>),
}

/// Parses the arguments after the program name; the message of an error names the bad one.
pub fn parse(args: impl IntoIterator<Item = String>) -> Result<Command, String> {
    let mut args = args.into_iter();
    let mut builder = Sandbox::builder().port(8080);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        builder = match arg.as_str() {
            "--help" | "-h" => return Ok(Command::Help),
            "--port" => builder.port(number(&value("--port")?)?),
            "--quota" => builder.daily_quota(number(&value("--quota")?)?),
            "--fixture" => builder
                .fixture_file(value("--fixture")?)
                .map_err(|e| e.to_string())?,
            "--fault" => builder.fault(FaultRule::parse(&value("--fault")?)?),
            "--no-seed" => builder.without_seed(),
            "--log-capacity" => builder.log_capacity(number(&value("--log-capacity")?)?),
            other => return Err(format!("unknown argument {other:?}")),
        };
    }
    Ok(Command::Serve(Box::new(builder)))
}

/// Starts the sandbox, prints its base URL and the demo tokens, and serves until Ctrl-C.
/// Must run inside a Tokio runtime. Logs one line per request (method, token kind, outcome; never the token).
pub async fn serve(builder: SandboxBuilder) -> Result<(), StartError> {
    // A second initialisation (an embedding program that has its own) is not an error.
    let _ = tracing_subscriber::fmt().with_target(false).try_init();
    let sandbox = builder.start().await?;
    println!(
        "Komet Sales sandbox listening; base URL {}",
        sandbox.base_url()
    );
    println!("Demo tokens (X-ACCOUNT {}):", crate::DEMO_COMPANY_ID);
    for account in sandbox.accounts() {
        println!("  {:<8} {}", account.kind, account.token);
    }
    println!("Press Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a valid number"))
}
