//! Property tests of the generator over mutated copies of the REAL spec files (`spec/*.yaml`):
//!
//! 1. the checker and the emitter never panic;
//! 2. every error is located: a line and column of at least 1, inside the file it names;
//! 3. whatever `check` accepts, the emitter turns into files that parse as Rust (`syn`).
//!
//! The run is deterministic (fixed seed) and bounded: `KOMET_FUZZ_CASES` cases per property
//! (default below); set it higher for a longer hunt, e.g. `KOMET_FUZZ_CASES=5000`.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Cases per property when `KOMET_FUZZ_CASES` is not set: about 10 s per property in a debug
/// build on a shared 2-core machine.
const DEFAULT_CASES: u32 = 200;
const SEED: [u8; 32] = *b"komet-rs codegen fuzz seed 2024!";

/// Names that have broken, or could break, a generator: keywords (raw-able and not), digits,
/// empty, non-ASCII, case collisions, names the generated code reserves, invisible characters.
const TRICKY_NAMES: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "_",
    "__",
    "123",
    "9lives",
    "",
    " ",
    "gen",
    "async",
    "mod",
    "fn",
    "r#type",
    "é",
    "naïve",
    "a b",
    "a-b",
    "a.b",
    "a/b",
    "x..y",
    "CamelCase",
    "lower",
    "UPPER",
    "K2K",
    "extra",
    "String",
    "Option",
    "Unknown",
    "StatusResponse",
    "CompanySetting",
    "common",
    "registry",
    "new",
    "validate",
    "\u{202E}evil",
    "x\u{2066}",
    "tab\there",
    "\\u202E",
    "\\a",
    "ab_1",
    "ab1",
    "status",
    "message",
];

const TRICKY_NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "-0",
    "1.5",
    "99999999999999999999999999999999",
    "4294967296",
    "18446744073709551616",
    "9223372036854775808",
    "1e400",
    ".nan",
    ".inf",
    "\"\"",
    "\"abc\"",
    "0x10",
    "007",
];

const TRICKY_TYPES: &[&str] = &[
    "string:0",
    "string:4294967295",
    "string:99999999999",
    "integer:-1",
    "decimal:3,5",
    "decimal:0,0",
    "decimal:4294967295,4294967295",
    "enum:Nope",
    "enum:Self",
    "enum:lower",
    "list:array",
    "list:list:integer",
    "list:enum:ItemType",
    "object",
    "array",
    "map",
    "flag",
    "bool",
    "date",
    "datetime",
    "\"\"",
    "string:",
    "decimal:,",
];

/// One edit of a file's bytes. Indices are taken modulo what the file has.
#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ReplaceName(usize, usize),
    ReplaceNumber(usize, usize),
    ReplaceType(usize, usize),
    Truncate(usize),
    DeepNesting(usize, usize, bool),
    FlipByte(usize, u8),
    InsertBom(usize),
    InsertInvalidUtf8(usize, u8),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let n = any::<usize>;
    prop_oneof![
        2 => n().prop_map(Mutation::DeleteLine),
        2 => n().prop_map(Mutation::DuplicateLine),
        1 => (n(), n()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        6 => (n(), 0..TRICKY_NAMES.len()).prop_map(|(a, b)| Mutation::ReplaceName(a, b)),
        3 => (n(), 0..TRICKY_NUMBERS.len()).prop_map(|(a, b)| Mutation::ReplaceNumber(a, b)),
        3 => (n(), 0..TRICKY_TYPES.len()).prop_map(|(a, b)| Mutation::ReplaceType(a, b)),
        1 => n().prop_map(Mutation::Truncate),
        1 => (n(), 1usize..200, any::<bool>()).prop_map(|(a, d, f)| Mutation::DeepNesting(a, d, f)),
        1 => (n(), any::<u8>()).prop_map(|(a, b)| Mutation::FlipByte(a, b)),
        1 => n().prop_map(Mutation::InsertBom),
        1 => (n(), 0x80u8..=0xff).prop_map(|(a, b)| Mutation::InsertInvalidUtf8(a, b)),
    ]
}

/// Splits into lines keeping each `\n`, so joining gives the bytes back.
fn lines(bytes: &[u8]) -> Vec<Vec<u8>> {
    bytes
        .split_inclusive(|&b| b == b'\n')
        .map(<[u8]>::to_vec)
        .collect()
}

/// Index of the `pick`-th line (cyclically) for which `wanted` holds.
fn pick_line(lines: &[Vec<u8>], pick: usize, wanted: impl Fn(&str) -> bool) -> Option<usize> {
    let hits: Vec<usize> = (0..lines.len())
        .filter(|&i| wanted(&String::from_utf8_lossy(&lines[i])))
        .collect();
    (!hits.is_empty()).then(|| hits[pick % hits.len()])
}

/// Replaces the value after `key` on line `i` (up to `,`, `}` or the end of the line).
fn replace_value(line: &[u8], key: &str, value: &str) -> Option<Vec<u8>> {
    let text = String::from_utf8_lossy(line);
    let start = text.find(key)? + key.len();
    let rest = &text[start..];
    let end = rest.find([',', '}', '\n']).unwrap_or(rest.len());
    Some(format!("{}{value}{}", &text[..start], &rest[end..]).into_bytes())
}

fn apply(bytes: &[u8], m: &Mutation) -> Vec<u8> {
    let mut ls = lines(bytes);
    if ls.is_empty() {
        return bytes.to_vec();
    }
    let len = ls.len();
    match *m {
        Mutation::DeleteLine(i) => {
            ls.remove(i % len);
        }
        Mutation::DuplicateLine(i) => {
            let line = ls[i % len].clone();
            ls.insert(i % len, line);
        }
        Mutation::SwapLines(a, b) => ls.swap(a % len, b % len),
        Mutation::ReplaceName(i, n) => {
            let keys = ["name: ", "area: ", "rust: ", "type: "];
            if let Some(i) = pick_line(&ls, i, |l| keys.iter().any(|k| l.contains(k))) {
                let name = TRICKY_NAMES[n];
                // Quoted, so the YAML stays a string; `\\u202E`-style entries become escapes.
                let value = format!("\"{}\"", name.replace('"', "\\\""));
                let key = keys
                    .iter()
                    .find(|k| String::from_utf8_lossy(&ls[i]).contains(*k))
                    .copied()
                    .unwrap_or("name: ");
                // `type: ` here renames a group's Rust type, or breaks a field's type.
                if let Some(line) = replace_value(&ls[i], key, &value) {
                    ls[i] = line;
                }
            }
        }
        Mutation::ReplaceNumber(i, n) => {
            let keys = ["min: ", "max: ", "wire: ", "max_days: ", "default: "];
            if let Some(i) = pick_line(&ls, i, |l| keys.iter().any(|k| l.contains(k))) {
                let key = keys
                    .iter()
                    .find(|k| String::from_utf8_lossy(&ls[i]).contains(*k))
                    .copied()
                    .unwrap_or("min: ");
                if let Some(line) = replace_value(&ls[i], key, TRICKY_NUMBERS[n]) {
                    ls[i] = line;
                }
            }
        }
        Mutation::ReplaceType(i, n) => {
            if let Some(i) = pick_line(&ls, i, |l| l.contains("type: ")) {
                let value = format!("\"{}\"", TRICKY_TYPES[n].trim_matches('"'));
                if let Some(line) = replace_value(&ls[i], "type: ", &value) {
                    ls[i] = line;
                }
            }
        }
        Mutation::Truncate(at) => {
            let mut out = bytes.to_vec();
            out.truncate(at % (bytes.len() + 1));
            return out;
        }
        Mutation::DeepNesting(i, depth, flow) => {
            let nest = if flow {
                format!("x: {}\n", "[".repeat(depth))
            } else {
                (0..depth)
                    .map(|d| format!("{}- a:\n", "  ".repeat(d)))
                    .collect()
            };
            ls.insert(i % (len + 1), nest.into_bytes());
        }
        Mutation::FlipByte(at, b) => {
            let mut out = bytes.to_vec();
            if !out.is_empty() {
                let at = at % out.len();
                out[at] ^= b.max(1);
            }
            return out;
        }
        Mutation::InsertBom(at) => {
            let mut out = bytes.to_vec();
            // At the start most of the time (accepted), elsewhere sometimes (refused, located).
            let at = if at % 4 == 0 { at % (out.len() + 1) } else { 0 };
            out.splice(at..at, "\u{feff}".bytes());
            return out;
        }
        Mutation::InsertInvalidUtf8(at, b) => {
            let mut out = bytes.to_vec();
            let at = at % (out.len() + 1);
            out.insert(at, b);
            return out;
        }
    }
    ls.concat()
}

struct Spec {
    common: Vec<u8>,
    areas: Vec<(String, Vec<u8>)>,
}

fn real_spec() -> Spec {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let mut areas = Vec::new();
    let mut common = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("spec folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path).expect("spec file");
        if name == "common.yaml" {
            common = bytes;
        } else {
            areas.push((format!("spec/{name}"), bytes));
        }
    }
    Spec { common, areas }
}

/// Case counts; `Cell`s because proptest's runner takes a `Fn` closure.
#[derive(Default, Debug)]
struct Tally {
    cases: Cell<u32>,
    accepted: Cell<u32>,
    rejected: Cell<u32>,
}

fn bump(counter: &Cell<u32>) {
    counter.set(counter.get() + 1);
}

/// The three properties for one set of files.
fn check_case(files: &[(String, Vec<u8>)], tally: &Tally) -> Result<(), TestCaseError> {
    let inputs: Vec<(&str, &[u8])> = files
        .iter()
        .map(|(n, b)| (n.as_str(), b.as_slice()))
        .collect();
    bump(&tally.cases);
    let checked = catch_unwind(AssertUnwindSafe(|| komet_codegen::check_bytes(&inputs)))
        .map_err(|_| TestCaseError::fail("check panicked"))?;
    match checked {
        Err(errors) => {
            bump(&tally.rejected);
            prop_assert!(!errors.is_empty());
            for e in &errors {
                let file = files.iter().find(|(n, _)| Path::new(n) == e.file);
                prop_assert!(file.is_some(), "error names an unknown file: {}", e);
                let text = String::from_utf8_lossy(&file.unwrap().1).into_owned();
                let line_count = text.lines().count().max(1);
                prop_assert!(e.line >= 1 && e.column >= 1, "unlocated error: {}", e);
                prop_assert!(
                    e.line <= line_count + 1,
                    "error past the end ({} lines): {}",
                    line_count,
                    e
                );
                let line_len = text
                    .lines()
                    .nth(e.line - 1)
                    .map_or(0, |l| l.chars().count());
                prop_assert!(
                    e.column <= line_len + 2,
                    "error past the end of its line ({} chars): {}",
                    line_len,
                    e
                );
            }
        }
        Ok(api) => {
            bump(&tally.accepted);
            let emitted = catch_unwind(AssertUnwindSafe(|| komet_codegen::emit::emit(&api)))
                .map_err(|_| TestCaseError::fail("emit panicked on a checked spec"))?;
            let generated = emitted.map_err(|errors| {
                TestCaseError::fail(format!("emit failed on a checked spec: {errors:?}"))
            })?;
            for file in &generated {
                if let Err(e) = syn::parse_file(&file.contents) {
                    return Err(TestCaseError::fail(format!(
                        "{} does not parse: {e}",
                        file.name
                    )));
                }
            }
        }
    }
    Ok(())
}

fn cases() -> u32 {
    std::env::var("KOMET_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

fn runner() -> TestRunner {
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        // Each case runs the whole checker; a few dozen shrink steps are plenty.
        max_shrink_iters: 64,
        ..Config::default()
    };
    TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &SEED))
}

fn report(name: &str, tally: &Tally, started: std::time::Instant) {
    println!(
        "{name}: {} cases ({} accepted by check and emitted, {} rejected with located errors) in {:.1?}",
        tally.cases.get(),
        tally.accepted.get(),
        tally.rejected.get(),
        started.elapsed()
    );
}

/// Mutates one area file; `common.yaml` stays intact beside it.
#[test]
fn mutated_area_files() {
    let spec = real_spec();
    let started = std::time::Instant::now();
    let tally = Tally::default();
    let strategy = (
        0..spec.areas.len(),
        proptest::collection::vec(mutation(), 1..4),
    );
    let result = runner().run(&strategy, |(area, mutations)| {
        let (name, bytes) = &spec.areas[area];
        let mutated = mutations.iter().fold(bytes.clone(), |b, m| apply(&b, m));
        let files = vec![
            ("spec/common.yaml".to_string(), spec.common.clone()),
            (name.clone(), mutated),
        ];
        check_case(&files, &tally)
    });
    report("mutated_area_files", &tally, started);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// Mutates `common.yaml` (enums, settings); a small area file that uses them rides along.
#[test]
fn mutated_common_file() {
    let spec = real_spec();
    let started = std::time::Instant::now();
    let tally = Tally::default();
    // The smallest area keeps each case cheap.
    let (area_name, area) = spec
        .areas
        .iter()
        .min_by_key(|(_, b)| b.len())
        .expect("an area file")
        .clone();
    let strategy = proptest::collection::vec(mutation(), 1..4);
    let result = runner().run(&strategy, |mutations| {
        let mutated = mutations
            .iter()
            .fold(spec.common.clone(), |b, m| apply(&b, m));
        let files = vec![
            ("spec/common.yaml".to_string(), mutated),
            (area_name.clone(), area.clone()),
        ];
        check_case(&files, &tally)
    });
    report("mutated_common_file", &tally, started);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The unmutated spec passes all three properties (the baseline the mutations start from).
#[test]
fn real_spec_passes_the_properties() {
    let spec = real_spec();
    let mut files = vec![("spec/common.yaml".to_string(), spec.common.clone())];
    files.extend(spec.areas.iter().cloned());
    let tally = Tally::default();
    check_case(&files, &tally).expect("the real spec");
    assert_eq!(tally.accepted.get(), 1);
}
