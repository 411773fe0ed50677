//! `cargo run -p komet-sandbox -- --port 8080`: a Komet Sales sandbox on 127.0.0.1.

use std::process::ExitCode;

use komet_sandbox::{FaultRule, Sandbox, SandboxBuilder};

const USAGE: &str = "\
usage: komet-sandbox [--port N] [--quota N] [--fixture FILE]... [--fault RULE]... [--no-seed]
                     [--log-capacity N]

  --port N        port on 127.0.0.1 (default 8080; 0 picks a free one)
  --quota N       requests per token per UTC day before 429 (default 1000)
  --fixture FILE  JSON records to load, e.g. {\"customers\": [{\"id\": 7, \"name\": \"...\"}]}
  --fault RULE    KIND[:SHARE][@METHOD,...] with KIND 500, 408 (any 4xx/5xx status), drop,
                  malformed or latency=MS; e.g. --fault 500:0.2@prebook.create
  --no-seed       start without the demo catalogue
  --log-capacity N
                  requests kept in the in-memory log; the oldest goes first (default 10000)";

#[tokio::main]
async fn main() -> ExitCode {
    // One line per request (method, token kind, outcome), never the token; INFO by default.
    tracing_subscriber::fmt().with_target(false).init();
    let builder = match parse(std::env::args().skip(1)) {
        Ok(Some(builder)) => builder,
        Ok(None) => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("komet-sandbox: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let sandbox = match builder.start().await {
        Ok(sandbox) => sandbox,
        Err(e) => {
            eprintln!("komet-sandbox: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!(
        "Komet Sales sandbox listening; base URL {}",
        sandbox.base_url()
    );
    println!(
        "Demo tokens (X-ACCOUNT {}):",
        komet_sandbox::DEMO_COMPANY_ID
    );
    for account in sandbox.accounts() {
        println!("  {:<8} {}", account.kind, account.token);
    }
    println!("Press Ctrl-C to stop.");
    let _ = tokio::signal::ctrl_c().await;
    ExitCode::SUCCESS
}

/// The builder the arguments describe, or `None` for `--help`.
fn parse(mut args: impl Iterator<Item = String>) -> Result<Option<SandboxBuilder>, String> {
    let mut builder = Sandbox::builder().port(8080);
    while let Some(arg) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        builder = match arg.as_str() {
            "--help" | "-h" => return Ok(None),
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
    Ok(Some(builder))
}

fn number<T: std::str::FromStr>(text: &str) -> Result<T, String> {
    text.parse()
        .map_err(|_| format!("{text:?} is not a valid number"))
}
