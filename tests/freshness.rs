//! Layer 3: the committed `komet-api/src/generated/` is exactly what the spec produces, so a
//! plain `cargo test` fails on stale output (CI also runs `cargo xtask gen --check`).

use std::path::Path;

#[test]
fn generated_code_is_fresh() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let files = komet_codegen::generate_dir(&root.join("spec")).expect("spec is valid");
    let stale = komet_codegen::stale_files(&root.join("komet-api/src/generated"), &files);
    assert!(
        stale.is_empty(),
        "stale generated files: {stale:?}; run `cargo xtask gen` and commit the result"
    );
}
