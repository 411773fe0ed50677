//! Maintainer tasks for komet-rs.
//!
//! - `cargo xtask gen`: regenerate `komet-api/src/generated/` from `spec/`.
//! - `cargo xtask gen --check`: fail, naming the files, when the committed output is stale.
//! - `cargo xtask check`: parse and check the spec only (fast, no writing).
//! - `cargo xtask coverage`: methods, fields, rules and sample vectors per area.
//! - `cargo xtask drift FILE...`: the spec edits that drift reports (JSON lines) suggest.

mod coverage;
mod drift;
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let root = workspace_root();
    // Report files are named relative to where the command was run, not to the workspace.
    let here = std::env::current_dir().unwrap_or_default();
    // Relative paths keep messages short: `spec/prebooks.yaml:12:5: ...`.
    if let Err(e) = std::env::set_current_dir(&root) {
        eprintln!("cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }
    let root = PathBuf::new();
    let result = match args.as_slice() {
        ["gen"] => gen::run(&root, gen::Mode::Write),
        ["gen", "--check"] => gen::run(&root, gen::Mode::Check),
        ["check"] => gen::check_only(&root),
        ["coverage"] => coverage::run(&root),
        ["drift", files @ ..] => {
            let files: Vec<PathBuf> = files.iter().map(|f| here.join(f)).collect();
            let files: Vec<&std::path::Path> = files.iter().map(PathBuf::as_path).collect();
            drift::run(&root, &files)
        }
        _ => {
            Err("usage: cargo xtask <gen [--check] | check | coverage | drift FILE...>".to_string())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
