//! Embeds the documentation's sample requests (`tests/vectors/<method>/request-N.json`) so
//! `komet example` can print them from an installed binary.

use std::fmt::Write;
use std::path::Path;

fn main() {
    // Read when the script runs, not when it is compiled: a build script binary may be shared
    // by checkouts in other folders that use the same target folder.
    let manifest_dir = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let vectors = Path::new(&manifest_dir).join("../tests/vectors");
    println!("cargo:rerun-if-changed={}", vectors.display());
    let mut samples = Vec::new();
    // Without the folder (a copy of this crate alone) the table is empty and every example
    // is built from the spec.
    if let Ok(dirs) = std::fs::read_dir(&vectors) {
        for dir in dirs.flatten().map(|e| e.path()).filter(|p| p.is_dir()) {
            println!("cargo:rerun-if-changed={}", dir.display());
            let method = dir
                .file_name()
                .map(|n| n.to_string_lossy().replace("__", "/"))
                .unwrap_or_default();
            for file in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let path = file.path();
                let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
                if let Some(name) =
                    name.filter(|n| n.starts_with("request") && n.ends_with(".json"))
                {
                    samples.push((method.clone(), name, path.canonicalize().unwrap_or(path)));
                }
            }
        }
    }
    samples.sort();
    let mut out = String::from("/// (method, file name, JSON text), sorted by method and file.\n");
    out.push_str("pub static SAMPLES: &[(&str, &str, &str)] = &[\n");
    for (method, name, path) in &samples {
        let _ = writeln!(
            out,
            "    ({method:?}, {name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("samples.rs");
    std::fs::write(dest, out).expect("OUT_DIR is writable");
}
