//! komet-codegen: reads the YAML spec, checks it and emits the Rust of `komet-api`.
//!
//! One pass order: [`load_dir`] parses every file (syntax, unknown keys), [`lower::lower`]
//! checks cross-references and builds the [`ir`] model, [`emit::emit`] writes Rust from it.

pub mod emit;
pub mod idents;
pub mod ir;
pub mod lower;
pub mod method_table;
pub mod model;
pub mod openapi;
pub mod prescan;
pub mod source;
pub mod types;

use std::path::Path;

pub use emit::GeneratedFile;
pub use source::{Source, SpecError};

/// Parses every `*.yaml` file of `dir`, in name order; `common.yaml` first.
pub fn load_dir(dir: &Path) -> Result<Vec<Source>, Vec<SpecError>> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        vec![SpecError {
            file: dir.to_path_buf(),
            line: 0,
            column: 0,
            message: format!("cannot read the spec folder: {e}"),
        }]
    })?;
    let mut paths: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    paths.sort_by_key(|p| (p.file_name() != Some("common.yaml".as_ref()), p.clone()));
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        match Source::load(&path) {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(sources)
    } else {
        Err(errors)
    }
}

/// Loads and checks the spec in `dir`.
pub fn check_dir(dir: &Path) -> Result<ir::Api, Vec<SpecError>> {
    lower::lower(&load_dir(dir)?)
}

/// Loads, checks and emits: the generated files for the spec in `dir`.
pub fn generate_dir(dir: &Path) -> Result<Vec<GeneratedFile>, Vec<SpecError>> {
    emit::emit(&check_dir(dir)?)
}

/// The generated files of one output folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Folder relative to the repository root (`komet-api/src/generated`, `openapi`).
    pub dir: &'static str,
    /// Its files, sorted by name.
    pub files: Vec<GeneratedFile>,
}

/// Loads and checks the spec in `dir` once, then runs every emitter over the model: the Rust
/// of komet-api, the OpenAPI document and the method table.
pub fn generate_outputs(dir: &Path) -> Result<Vec<Output>, Vec<SpecError>> {
    let mut api = check_dir(dir)?;
    let vectors = dir.parent().unwrap_or(dir).join(VECTORS_DIR);
    attach_samples(&mut api, &vectors)?;
    let rust = emit::emit(&api)?;
    let openapi = openapi::emit(&api).map_err(|e| vec![e])?;
    Ok(vec![
        Output {
            dir: "komet-api/src/generated",
            files: rust,
        },
        Output {
            dir: openapi::OUT_DIR,
            files: vec![openapi],
        },
        Output {
            dir: method_table::OUT_DIR,
            files: vec![method_table::emit(&api)],
        },
    ])
}

/// Checks and emits spec files given as `(file name, text)` pairs; used by tests.
pub fn generate_texts(files: &[(&str, &str)]) -> Result<Vec<GeneratedFile>, Vec<SpecError>> {
    let bytes: Vec<(&str, &[u8])> = files.iter().map(|(n, t)| (*n, t.as_bytes())).collect();
    generate_bytes(&bytes)
}

/// Checks and emits spec files given as `(file name, bytes)` pairs, as read from disk.
pub fn generate_bytes(files: &[(&str, &[u8])]) -> Result<Vec<GeneratedFile>, Vec<SpecError>> {
    emit::emit(&check_bytes(files)?)
}

/// Checks spec files given as `(file name, bytes)` pairs, like `cargo xtask check`.
pub fn check_bytes(files: &[(&str, &[u8])]) -> Result<ir::Api, Vec<SpecError>> {
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    for (name, bytes) in files {
        match Source::parse_bytes(Path::new(name), bytes) {
            Ok(source) => sources.push(source),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    lower::lower(&sources)
}

/// Names of files in `out_dir` that differ from `files`, are missing, or should not exist
/// (a generated `.rs` file the spec no longer produces). Shared by `cargo xtask gen --check`
/// and the freshness test so both judge staleness the same way.
pub fn stale_files(out_dir: &Path, files: &[GeneratedFile]) -> Vec<String> {
    let mut stale: Vec<String> = files
        .iter()
        .filter(|f| {
            std::fs::read_to_string(out_dir.join(&f.name))
                .ok()
                .as_deref()
                != Some(f.contents.as_str())
        })
        .map(|f| f.name.clone())
        .collect();
    if let Ok(entries) = std::fs::read_dir(out_dir) {
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".rs") && !files.iter().any(|f| f.name == name) {
                stale.push(name);
            }
        }
    }
    stale.sort();
    stale
}

/// The documentation samples, beside the spec: `tests/vectors/<method>/request-1.json`.
pub const VECTORS_DIR: &str = "tests/vectors";

/// Gives each method the request of its first documentation sample, for the rustdoc example.
/// A sample recorded as contradicting the spec (`request-1.contradiction` beside it) is not
/// used: the example would teach what Komet's own field list refuses.
pub fn attach_samples(api: &mut ir::Api, vectors: &Path) -> Result<(), Vec<SpecError>> {
    let mut errors = Vec::new();
    for method in api.areas.iter_mut().flat_map(|a| &mut a.methods) {
        let dir = vectors.join(&method.name);
        let path = dir.join("request-1.json");
        if !path.is_file() || dir.join("request-1.contradiction").exists() {
            continue;
        }
        let parsed = std::fs::read(&path)
            .map_err(|e| e.to_string())
            .and_then(|bytes| serde_json::from_slice(&bytes).map_err(|e| e.to_string()));
        match parsed {
            Ok(serde_json::Value::Object(mut sample)) => {
                sample.remove(ir::TOKEN_PARAM);
                method.sample = Some(serde_json::Value::Object(sample));
            }
            Ok(_) => errors.push(sample_error(&path, "is not a JSON object".into())),
            Err(e) => errors.push(sample_error(&path, format!("cannot be read: {e}"))),
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

fn sample_error(path: &Path, message: String) -> SpecError {
    SpecError {
        file: path.to_path_buf(),
        line: 0,
        column: 0,
        message: format!("the documentation sample {message}"),
    }
}
