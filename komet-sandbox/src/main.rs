//! `cargo run -p komet-sandbox -- --port 8080`: a Komet Sales sandbox on 127.0.0.1.

use std::process::ExitCode;

use komet_sandbox::cli::{self, Command};

const PROGRAM: &str = "komet-sandbox";

#[tokio::main]
async fn main() -> ExitCode {
    let builder = match cli::parse(std::env::args().skip(1)) {
        Ok(Command::Serve(builder)) => *builder,
        Ok(Command::Help) => {
            println!("{}", cli::usage(PROGRAM));
            return ExitCode::SUCCESS;
        }
        Err(message) => {
            eprintln!("{PROGRAM}: {message}\n\n{}", cli::usage(PROGRAM));
            return ExitCode::from(2);
        }
    };
    match cli::serve(builder).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("{PROGRAM}: {e}");
            ExitCode::FAILURE
        }
    }
}
