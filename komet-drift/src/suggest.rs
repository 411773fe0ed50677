//! The spec edits a report suggests: unknown fields as YAML ready to paste under a method's
//! `response:` (each marked `docs: observed`), and notes with counts for values of documented
//! fields that the spec does not allow.
//!
//! Types are guessed from what was seen, never from values: a whole number of at most 10
//! digits is `integer:10` (20 past that), `0`/`1` only is a `flag`, a fraction makes a
//! `decimal:P,S`, `YYYY-MM-DD` text a `date`, text a `string:N` with N rounded up (10, 20,
//! 50, 100, 200, 500, 1000, ...), digits with leading zeros a `string:N` with a hint to use a
//! text type, objects and arrays of objects `object` / `array` with their fields, arrays of
//! scalars `list:<type>`. A guess is a starting point: read the counts before pasting.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::{DriftEntry, DriftKind, DriftReport, JsonType, MethodDrift, ValueShape};

/// The edits suggested for one method.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    /// Wire name of the method.
    pub method: String,
    /// Answers the suggestion is based on.
    pub responses: u64,
    /// Fields to add to the method's `response:` list, as YAML items (`- { name: .. }`) at
    /// indentation 0; empty when there are none.
    pub response_fields: String,
    /// Fields to add under a documented container, keyed by its path (`invoices[]`): YAML
    /// items for that field's `fields:` list.
    pub nested: BTreeMap<String, String>,
    /// One line per value of a documented field the spec does not allow, with counts.
    pub notes: Vec<String>,
}

/// The suggestions of every method with something to suggest, in method order.
pub fn suggest(report: &DriftReport) -> Vec<Suggestion> {
    report
        .methods
        .iter()
        .filter(|(_, drift)| !drift.entries.is_empty())
        .map(|(method, drift)| suggest_method(method, drift))
        .collect()
}

/// The suggestions as one text: YAML comments and items, method by method.
pub fn render(suggestions: &[Suggestion]) -> String {
    let mut out = String::new();
    for s in suggestions {
        let _ = writeln!(out, "# {} ({} responses recorded)", s.method, s.responses);
        if !s.response_fields.is_empty() {
            let _ = writeln!(out, "# add under `response:` of {}:", s.method);
            out.push_str(&s.response_fields);
        }
        for (container, yaml) in &s.nested {
            let _ = writeln!(
                out,
                "# add under `fields:` of response field `{container}`:"
            );
            out.push_str(yaml);
        }
        if !s.notes.is_empty() {
            let _ = writeln!(out, "# values the spec does not allow:");
            for note in &s.notes {
                let _ = writeln!(out, "# - {note}");
            }
        }
        out.push('\n');
    }
    out
}

fn suggest_method(method: &str, drift: &MethodDrift) -> Suggestion {
    let unknown: BTreeMap<&str, &DriftEntry> = drift
        .entries
        .iter()
        .filter(|e| e.kind == DriftKind::UnknownField)
        .map(|e| (e.path.as_str(), e))
        .collect();
    let mut children: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in unknown.keys().filter(|p| !is_items(p)) {
        children.entry(parent(path)).or_default().push(path);
    }
    let tree = Tree {
        unknown: &unknown,
        children: &children,
        responses: drift.responses,
    };
    let mut suggestion = Suggestion {
        method: method.to_owned(),
        responses: drift.responses,
        response_fields: String::new(),
        nested: BTreeMap::new(),
        notes: Vec::new(),
    };
    for (container, paths) in &children {
        let owner = strip_items(container);
        if !owner.is_empty() && unknown.contains_key(owner) {
            continue; // written inside the proposed container
        }
        let mut yaml = String::new();
        for path in paths {
            tree.write_field(path, 0, &mut yaml);
        }
        if container.is_empty() {
            suggestion.response_fields = yaml;
        } else {
            suggestion.nested.insert((*container).to_owned(), yaml);
        }
    }
    suggestion.notes = drift
        .entries
        .iter()
        .filter(|e| e.kind != DriftKind::UnknownField)
        .map(|e| note(e, drift.responses))
        .collect();
    if drift.dropped > 0 {
        suggestion.notes.push(format!(
            "{} observations were not kept: the method reached its path limit",
            drift.dropped
        ));
    }
    suggestion
}

/// The unknown fields of one method, by path and by parent path.
struct Tree<'a> {
    unknown: &'a BTreeMap<&'a str, &'a DriftEntry>,
    children: &'a BTreeMap<&'a str, Vec<&'a str>>,
    responses: u64,
}

impl Tree<'_> {
    /// Writes the field at `path` (and its fields) as a YAML item indented by `indent`.
    fn write_field(&self, path: &str, indent: usize, out: &mut String) {
        let Some(entry) = self.unknown.get(path) else {
            return;
        };
        let pad = " ".repeat(indent);
        let name = yaml_string(last_segment(path), false);
        let seen = format!("seen {}", counts(entry, self.responses));
        let types = without_null(entry);
        let container = if types.contains(&JsonType::Object) {
            Some(("object", path.to_owned()))
        } else if types.contains(&JsonType::Array) {
            let items = format!("{path}[]");
            match self.unknown.get(items.as_str()) {
                Some(item) if without_null(item).contains(&JsonType::Object) => {
                    Some(("array", items))
                }
                Some(item) => {
                    let (ty, hint) = scalar_type(item);
                    let _ = writeln!(
                        out,
                        "{pad}- {{ name: {name}, type: {}, docs: observed }}  # {seen}{}",
                        yaml_string(&format!("list:{ty}"), true),
                        hint.map(|h| format!("; {h}")).unwrap_or_default()
                    );
                    return;
                }
                None => {
                    let _ = writeln!(
                        out,
                        "{pad}# {name}: only empty arrays seen, so no type to suggest ({seen})"
                    );
                    return;
                }
            }
        } else {
            None
        };
        let Some((kind, inner)) = container else {
            let (ty, hint) = scalar_type(entry);
            let _ = writeln!(
                out,
                "{pad}- {{ name: {name}, type: {}, docs: observed }}  # {seen}{}",
                yaml_string(&ty, true),
                hint.map(|h| format!("; {h}")).unwrap_or_default()
            );
            return;
        };
        let Some(fields) = self.children.get(inner.as_str()) else {
            let _ = writeln!(
                out,
                "{pad}# {name}: only empty {kind}s seen, so no fields to suggest ({seen})"
            );
            return;
        };
        let _ = writeln!(out, "{pad}# {name}: {seen}");
        let _ = writeln!(out, "{pad}- name: {name}");
        let _ = writeln!(out, "{pad}  type: {kind}");
        let _ = writeln!(out, "{pad}  docs: observed");
        let _ = writeln!(out, "{pad}  fields:");
        for field in fields {
            self.write_field(field, indent + 4, out);
        }
    }
}

/// The spec type that fits every scalar seen, and a hint when the guess needs a look.
fn scalar_type(entry: &DriftEntry) -> (String, Option<String>) {
    use ValueShape::*;
    let types = without_null(entry);
    let shapes = &entry.shapes;
    let only = |allowed: &[ValueShape]| shapes.iter().all(|s| allowed.contains(s));
    let digits = entry.max_digits.unwrap_or(1);
    let scale = entry.max_scale.unwrap_or(0);
    let text_len = entry.max_len.unwrap_or(0).max(digits + scale + 1);
    let as_text = types.contains(&JsonType::String).then_some("sent as text");
    if types.is_empty() {
        return (
            "string".into(),
            Some("only null seen: the type is a guess".into()),
        );
    }
    if types.iter().all(|t| *t == JsonType::Bool) {
        return ("bool".into(), None);
    }
    if types
        .iter()
        .any(|t| !matches!(t, JsonType::Number | JsonType::String))
    {
        let names: Vec<&str> = types.iter().map(|t| t.as_str()).collect();
        let hint = format!("mixed JSON types ({})", names.join(", "));
        return (format!("string:{}", round_len(text_len)), Some(hint));
    }
    if shapes.contains(&ZeroPadded) && only(&[ZeroPadded, Integer, Flag]) {
        let hint = "digits with leading zeros: a document number or code? then use text:<Name>";
        return (format!("string:{}", round_len(text_len)), Some(hint.into()));
    }
    if only(&[Flag]) {
        return ("flag".into(), Some("only 0 and 1 seen".into()));
    }
    if only(&[Flag, Integer]) {
        return (
            format!("integer:{}", round_digits(digits)),
            as_text.map(str::to_owned),
        );
    }
    if only(&[Flag, Integer, Decimal]) {
        let precision = round_digits(digits + scale);
        return (
            format!("decimal:{precision},{scale}"),
            as_text.map(str::to_owned),
        );
    }
    if only(&[Date]) {
        return ("date".into(), None);
    }
    if only(&[DateTime]) {
        return ("datetime".into(), None);
    }
    (format!("string:{}", round_len(text_len)), None)
}

/// One line about a value of a documented field the spec does not allow.
fn note(entry: &DriftEntry, responses: u64) -> String {
    let expected = entry.expected.as_deref().unwrap_or("the spec's type");
    let types: Vec<&str> = entry.json_types.iter().map(|t| t.as_str()).collect();
    let what = match entry.kind {
        DriftKind::UnexpectedType => format!(
            "arrived as {} where the spec says {expected}",
            types.join(" or ")
        ),
        DriftKind::TooLong => {
            let longest = entry.max_len.unwrap_or(0);
            format!(
                "longer than {expected} allows (up to {longest} characters); consider string:{}",
                round_len(longest)
            )
        }
        DriftKind::TooManyDigits => format!(
            "more digits than {expected} allows (up to {} before the point, {} after)",
            entry.max_digits.unwrap_or(0),
            entry.max_scale.unwrap_or(0)
        ),
        DriftKind::BadFormat => format!("not in the format of {expected}"),
        DriftKind::UnknownEnumValue => format!("not a value of {expected}"),
        DriftKind::OutOfRange => format!("outside the documented bounds of {expected}"),
        DriftKind::UnknownStatus => {
            format!(
                "a status that is neither 1 nor 0 (as {})",
                types.join(" or ")
            )
        }
        DriftKind::UnknownField => "not in the spec".to_owned(),
    };
    let mut line = format!("{}: {what} ({})", entry.path, counts(entry, responses));
    if !entry.examples.is_empty() {
        let shown: Vec<String> = entry.examples.iter().map(|e| format!("{e:?}")).collect();
        let _ = write!(line, "; examples: {}", shown.join(", "));
    }
    line
}

/// `3 times in 2 of 5 responses`.
fn counts(entry: &DriftEntry, responses: u64) -> String {
    let times = if entry.count == 1 { "once" } else { "times" };
    let count = if entry.count == 1 {
        String::new()
    } else {
        format!("{} ", entry.count)
    };
    format!(
        "{count}{times} in {} of {responses} responses",
        entry.responses
    )
}

fn without_null(entry: &DriftEntry) -> BTreeSet<JsonType> {
    let mut types = entry.json_types.clone();
    types.remove(&JsonType::Null);
    types
}

/// Digit bounds the pages use: 10, then 20; beyond that what was seen.
fn round_digits(digits: u64) -> u64 {
    match digits {
        0..=10 => 10,
        11..=20 => 20,
        n => n,
    }
}

/// A length bound with room: the next of 10, 20, 50, 100, 200, 500, 1000, ...
fn round_len(len: u64) -> u64 {
    let mut bound: u64 = 10;
    loop {
        for step in [1, 2, 5] {
            match bound.checked_mul(step) {
                Some(limit) if len <= limit => return limit,
                _ => {}
            }
        }
        match bound.checked_mul(10) {
            Some(next) => bound = next,
            None => return len,
        }
    }
}

/// `a.b[]` for `a.b[].c`, `a` for `a.b`, `` for `a`.
fn parent(path: &str) -> &str {
    path.rfind('.').map_or("", |i| &path[..i])
}

fn last_segment(path: &str) -> &str {
    path.rfind('.').map_or(path, |i| &path[i + 1..])
}

/// The path of an array's items or a map's values, not a field.
fn is_items(path: &str) -> bool {
    path.ends_with("[]") || path.ends_with("{}")
}

fn strip_items(path: &str) -> &str {
    path.strip_suffix("[]")
        .or_else(|| path.strip_suffix("{}"))
        .unwrap_or(path)
}

/// A YAML scalar: plain when it is a simple name, else double-quoted (JSON escapes are valid
/// YAML).
fn yaml_string(text: &str, always_quote: bool) -> String {
    let plain = !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text.starts_with(|c: char| c.is_ascii_alphabetic());
    if plain && !always_quote {
        text.to_owned()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, values: &[(JsonType, Option<&str>)]) -> DriftEntry {
        let mut entry = DriftEntry::new(path, DriftKind::UnknownField, None);
        for (ty, text) in values {
            entry.observe(*ty, *text);
        }
        entry.responses = 1;
        entry
    }

    fn report(entries: Vec<DriftEntry>) -> DriftReport {
        let mut report = DriftReport::default();
        let drift = report.methods.entry("invoice.list".into()).or_default();
        drift.responses = 1;
        drift.entries = entries;
        report
    }

    #[test]
    fn scalar_types_are_guessed_from_shapes() {
        fn n(t: &str) -> (JsonType, Option<&str>) {
            (JsonType::Number, Some(t))
        }
        fn s(t: &str) -> (JsonType, Option<&str>) {
            (JsonType::String, Some(t))
        }
        type Values<'a> = Vec<(JsonType, Option<&'a str>)>;
        let cases: Vec<(Values, &str)> = vec![
            (vec![n("123456")], "integer:10"),
            (vec![n("123456789012")], "integer:20"),
            (vec![n("0"), n("1")], "flag"),
            (vec![n("12.50"), n("3")], "decimal:10,2"),
            (vec![s("2025-01-31")], "date"),
            (vec![s("2025-01-31 08:00:00")], "datetime"),
            (vec![s("Freedom 50cm")], "string:20"),
            (vec![s("003429")], "string:10"),
            (vec![(JsonType::Bool, None)], "bool"),
            (vec![(JsonType::Null, None)], "string"),
        ];
        for (values, want) in cases {
            assert_eq!(scalar_type(&entry("x", &values)).0, want, "{values:?}");
        }
    }

    #[test]
    fn unknown_fields_nest_and_notes_count() {
        let mut too_long = DriftEntry::new("message", DriftKind::TooLong, Some("string:50".into()));
        too_long.observe(JsonType::String, Some(&"x".repeat(60)));
        too_long.responses = 1;
        let report = report(vec![
            entry("invoiceId", &[(JsonType::Number, Some("42"))]),
            entry("lines", &[(JsonType::Array, None)]),
            entry("lines[]", &[(JsonType::Object, None)]),
            entry("lines[].qty", &[(JsonType::Number, Some("3"))]),
            entry("codes", &[(JsonType::Array, None)]),
            entry("codes[]", &[(JsonType::String, Some("AB"))]),
            entry("items[].extra", &[(JsonType::String, Some("yes"))]),
            too_long,
        ]);
        let s = &suggest(&report)[0];
        let expected = "\
- { name: codes, type: \"list:string:10\", docs: observed }  # seen once in 1 of 1 responses
- { name: invoiceId, type: \"integer:10\", docs: observed }  # seen once in 1 of 1 responses
# lines: seen once in 1 of 1 responses
- name: lines
  type: array
  docs: observed
  fields:
    - { name: qty, type: \"integer:10\", docs: observed }  # seen once in 1 of 1 responses
";
        assert_eq!(s.response_fields, expected);
        assert_eq!(
            s.nested["items[]"],
            "- { name: extra, type: \"string:10\", docs: observed }  # seen once in 1 of 1 responses\n"
        );
        assert_eq!(
            s.notes,
            ["message: longer than string:50 allows (up to 60 characters); consider string:100 (once in 1 of 1 responses)"]
        );
        assert!(render(&suggest(&report)).contains("# invoice.list (1 responses recorded)"));
    }

    #[test]
    fn lengths_round_up() {
        assert_eq!(
            [0, 10, 11, 21, 51, 101, 201, 501, 1001].map(round_len),
            [10, 10, 20, 50, 100, 200, 500, 1000, 2000]
        );
        assert_eq!(round_len(u64::MAX), u64::MAX);
    }
}
