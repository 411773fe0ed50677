//! Shared by the request and response property tests: a seeded random source, the case count,
//! tricky values, and the documentation samples.

use std::path::Path;

use serde_json::{json, Value};

/// Cases per property: a fixed default so CI is deterministic and bounded, more with
/// `KOMET_FUZZ_CASES=N` for a longer run.
pub fn cases(default: usize) -> usize {
    std::env::var("KOMET_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(default)
}

/// splitmix64: small, seeded, the same sequence on every machine.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Values that have broken parsers before: wrong kinds, edges of numbers, odd text.
pub fn tricky_value(rng: &mut Rng) -> Value {
    let text: &[&str] = &[
        "",
        " ",
        "0",
        "00",
        "-0",
        "007",
        "1.10",
        "1e3",
        "-5",
        "9999999999999999999999",
        "0.9999999999999999999999999999",
        "true",
        "false",
        "null",
        "NaN",
        "2024-02-30",
        "0000-01-01",
        "2024-01-01 23:59:60",
        "2024-1-1",
        "\u{202e}",
        "\u{0}",
        "é",
        "x".repeat(300).leak(),
    ];
    match rng.below(9) {
        0 => Value::Null,
        1 => json!(rng.chance(50)),
        2 => json!(*rng.pick(&[0i64, 1, -1, 2, i64::MAX, i64::MIN])),
        3 => json!(u64::MAX),
        4 => json!(*rng.pick(&[0.5f64, 1.1, -2.25, 1e300, 1e-300])),
        5 => json!(*rng.pick(text)),
        6 => json!([]),
        7 => json!({}),
        _ => json!([{"a": 1}]),
    }
}

/// Every documentation sample of one kind (`request` or `response`), with its method name.
pub fn samples(kind: &str) -> Vec<(String, Value)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors");
    let mut out = Vec::new();
    let mut methods: Vec<_> = std::fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    methods.sort();
    for dir in methods {
        let method = dir
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .replace("__", "/");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_str().unwrap();
                name.starts_with(kind) && name.ends_with(".json")
            })
            .collect();
        files.sort();
        for file in files {
            let text = std::fs::read_to_string(&file).unwrap();
            out.push((method.clone(), serde_json::from_str(&text).unwrap()));
        }
    }
    out
}

/// Replaces one value somewhere inside `value` (members and items alike) by `f(rng)`.
pub fn mutate_somewhere(value: &mut Value, rng: &mut Rng, f: &dyn Fn(&mut Rng) -> Value) {
    let mut slots = 0;
    count(value, &mut slots);
    let target = rng.below(slots);
    let mut seen = 0;
    replace_nth(value, target, &mut seen, rng, f);
}

fn count(value: &Value, n: &mut usize) {
    *n += 1;
    match value {
        Value::Array(items) => items.iter().for_each(|v| count(v, n)),
        Value::Object(map) => map.values().for_each(|v| count(v, n)),
        _ => {}
    }
}

fn replace_nth(
    value: &mut Value,
    target: usize,
    seen: &mut usize,
    rng: &mut Rng,
    f: &dyn Fn(&mut Rng) -> Value,
) -> bool {
    if *seen == target {
        *value = f(rng);
        return true;
    }
    *seen += 1;
    match value {
        Value::Array(items) => items
            .iter_mut()
            .any(|v| replace_nth(v, target, seen, rng, f)),
        Value::Object(map) => map
            .values_mut()
            .any(|v| replace_nth(v, target, seen, rng, f)),
        _ => false,
    }
}
