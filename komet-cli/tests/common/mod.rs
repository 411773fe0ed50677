//! Runs the real `komet` binary.

#![allow(dead_code)] // each test file uses its own part

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// `komet ARGS` with `stdin` piped in, without the caller's `KOMET_TOKEN`, plus `env`.
pub fn komet(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_komet"));
    command
        .args(args)
        .env_remove("KOMET_TOKEN")
        .envs(env.iter().copied())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = command.spawn().expect("komet starts");
    let mut pipe = child.stdin.take().expect("stdin is piped");
    // A command that does not read stdin may exit first; the broken pipe does not matter.
    let _ = pipe.write_all(stdin.as_bytes());
    drop(pipe);
    Run::from(child.wait_with_output().expect("komet runs"))
}

/// What one run printed and how it ended.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl std::fmt::Display for Run {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        )
    }
}
