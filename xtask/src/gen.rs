//! Writing the generated files, or checking that the committed ones are fresh.

use std::path::Path;

/// Write the files, or only compare them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Write,
    Check,
}

fn spec_errors(errors: Vec<komet_codegen::SpecError>) -> String {
    let mut text: Vec<String> = errors.iter().map(ToString::to_string).collect();
    text.push(format!(
        "{} problem(s) in the spec; nothing was generated",
        errors.len()
    ));
    text.join("\n")
}

/// `cargo xtask check`: parse and check the spec.
pub fn check_only(root: &Path) -> Result<(), String> {
    let api = komet_codegen::check_dir(&root.join("spec")).map_err(spec_errors)?;
    println!(
        "spec is valid: {} methods in {} areas",
        api.methods().len(),
        api.areas.len()
    );
    Ok(())
}

/// `cargo xtask gen [--check]`: every output folder (komet-api's Rust, the OpenAPI document).
pub fn run(root: &Path, mode: Mode) -> Result<(), String> {
    let outputs = komet_codegen::generate_outputs(&root.join("spec")).map_err(spec_errors)?;
    let mut stale_all = Vec::new();
    let (mut total, mut changed) = (0, 0);
    for output in &outputs {
        let out_dir = root.join(output.dir);
        let stale = komet_codegen::stale_files(&out_dir, &output.files);
        total += output.files.len();
        changed += stale.len();
        match mode {
            Mode::Check => {
                stale_all.extend(stale.iter().map(|name| format!("{}/{name}", output.dir)))
            }
            Mode::Write => write(&out_dir, &output.files, &stale)?,
        }
    }
    match mode {
        Mode::Check if stale_all.is_empty() => Ok(()),
        Mode::Check => Err(format!(
            "generated code is stale: {}\nrun `cargo xtask gen` and commit the result",
            stale_all.join(", ")
        )),
        Mode::Write => {
            println!("generated {total} files, {changed} changed");
            Ok(())
        }
    }
}

/// Writes the stale files of one folder and removes those the spec no longer produces.
fn write(
    out_dir: &Path,
    files: &[komet_codegen::GeneratedFile],
    stale: &[String],
) -> Result<(), String> {
    std::fs::create_dir_all(out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
    for file in files {
        let path = out_dir.join(&file.name);
        if stale.contains(&file.name) {
            std::fs::write(&path, &file.contents)
                .map_err(|e| format!("{}: {e}", path.display()))?;
        }
    }
    for name in stale
        .iter()
        .filter(|n| !files.iter().any(|f| &f.name == *n))
    {
        let path = out_dir.join(name);
        std::fs::remove_file(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    Ok(())
}
