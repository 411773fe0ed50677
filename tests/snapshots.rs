//! Layer 2: snapshots of what the generator emits for a spec that uses every construct.
//! Review changes with `cargo insta review`.

use std::path::Path;

#[test]
fn generated_code_for_every_construct() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/spec");
    let files = komet_codegen::generate_dir(&dir).expect("the fixture spec is valid");
    let names: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["common.rs", "mod.rs", "orders.rs", "registry.rs"]);
    for file in &files {
        insta::assert_snapshot!(file.name.replace(".rs", ""), file.contents);
    }
}

#[test]
fn generation_is_byte_identical_across_runs() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let first = komet_codegen::generate_dir(&dir).expect("spec is valid");
    let second = komet_codegen::generate_dir(&dir).expect("spec is valid");
    assert_eq!(first, second);
}

/// The OpenAPI document of the same fixture: every construct's schema, extension and
/// security scheme, reviewed like the Rust.
#[test]
fn openapi_for_every_construct() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/spec");
    let outputs = komet_codegen::generate_outputs(&dir).expect("the fixture spec is valid");
    let openapi = outputs
        .iter()
        .find(|o| o.dir == "openapi")
        .expect("an openapi output");
    assert_eq!(openapi.files.len(), 1);
    insta::assert_snapshot!("openapi", openapi.files[0].contents);
}
