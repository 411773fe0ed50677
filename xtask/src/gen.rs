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

/// `cargo xtask gen [--check]`.
pub fn run(root: &Path, mode: Mode) -> Result<(), String> {
    let files = komet_codegen::generate_dir(&root.join("spec")).map_err(spec_errors)?;
    let out_dir = root.join("komet-api/src/generated");
    let stale = komet_codegen::stale_files(&out_dir, &files);
    match mode {
        Mode::Check if stale.is_empty() => Ok(()),
        Mode::Check => Err(format!(
            "generated code is stale: {}\nrun `cargo xtask gen` and commit the result",
            stale.join(", ")
        )),
        Mode::Write => {
            std::fs::create_dir_all(&out_dir).map_err(|e| format!("{}: {e}", out_dir.display()))?;
            for file in &files {
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
            println!("generated {} files, {} changed", files.len(), stale.len());
            Ok(())
        }
    }
}
