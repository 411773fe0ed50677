//! Layer 3: the committed `komet-api/src/generated/` is exactly what the spec produces, so a
//! plain `cargo test` fails on stale output (CI also runs `cargo xtask gen --check`).

use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = komet_codegen::generate_dir(&root.join("spec")).expect("spec is valid");
    let out = root.join("komet-api/src/generated");
    let mut stale = Vec::new();
    for file in &files {
        if std::fs::read_to_string(out.join(&file.name))
            .ok()
            .as_deref()
            != Some(file.contents.as_str())
        {
            stale.push(file.name.clone());
        }
    }
    for entry in std::fs::read_dir(&out)
        .expect("generated folder exists")
        .flatten()
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !files.iter().any(|f| f.name == name) {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; run `cargo xtask gen` and commit the result"
    );
}
