//! Cheap checks of a spec file's raw text, run before the YAML parsers see it: decoding with a
//! located error, characters that must never reach generated Rust, and a bound on nesting.
//!
//! The nesting bound exists because the YAML parsers slow down sharply with depth (80 KB of
//! `[` took 24 s): a file is refused before parsing when it nests deeper than any real spec
//! needs. The scan is an over-approximation kept deliberately simple; it never parses.

/// Deepest nesting (open `[`/`{` plus block indentation levels) a spec file may have. The real
/// spec needs about ten.
pub const MAX_DEPTH: usize = 64;

/// A problem at a 1-based line and column (columns count characters, as the YAML parser does).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// The text of `bytes`, without a leading byte-order mark; invalid UTF-8 is located at its
/// first bad byte.
pub fn decode(bytes: &[u8]) -> Result<&str, Problem> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let good = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction, so this never falls back.
        let (line, column) = position_at(std::str::from_utf8(good).unwrap_or(""), good.len());
        Problem {
            line,
            column,
            message: format!(
                "the file is not valid UTF-8 (byte 0x{:02X})",
                bytes[e.valid_up_to()]
            ),
        }
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Characters refused anywhere in a spec: control characters other than tab and line breaks,
/// and the invisible bidirectional controls. rustc rejects the bidi ones in string literals and
/// doc comments (`text_direction_codepoint_in_literal`), so they would break komet-api's build;
/// the others are never wanted and can hide text from a reviewer.
pub fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{202A}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{FEFF}'
        )
}

/// The message for a forbidden character.
pub fn forbidden_message(c: char) -> String {
    format!(
        "invisible or control character U+{:04X} is not allowed in the spec; delete it or write plain text",
        u32::from(c)
    )
}

/// The first forbidden character of `text`, located.
pub fn scan_chars(text: &str) -> Result<(), Problem> {
    // `lines` drops `\n` and a `\r` before it, so a `\r` left inside a line is a stray one.
    for (n, line) in text.lines().enumerate() {
        if let Some((col, c)) = line.chars().enumerate().find(|&(_, c)| forbidden(c)) {
            return Err(Problem {
                line: n + 1,
                column: col + 1,
                message: forbidden_message(c),
            });
        }
    }
    Ok(())
}

/// Refuses files that nest deeper than [`MAX_DEPTH`], counting unclosed flow brackets and the
/// stack of block indentation levels (lines inside `|` / `>` block scalars are text, skipped).
pub fn scan_depth(text: &str) -> Result<(), Problem> {
    let mut flow = 0usize;
    let mut indents: Vec<usize> = Vec::new();
    let mut block_scalar: Option<usize> = None;
    let too_deep = |line: usize, column: usize| {
        Problem {
        line,
        column,
        message: format!(
            "the file is nested deeper than {MAX_DEPTH} levels; no spec needs that (is a bracket left unclosed?)"
        ),
    }
    };
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let body = line[indent..].trim_end();
        if let Some(opener) = block_scalar {
            if body.is_empty() || indent > opener {
                continue;
            }
            block_scalar = None;
        }
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        if flow == 0 {
            while indents.last().is_some_and(|&top| top > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
            // `- - x` opens one sequence per dash on the same line.
            let dashes = body
                .split(' ')
                .take_while(|t| *t == "-" || t.is_empty())
                .filter(|t| *t == "-")
                .count();
            if indents.len() + dashes > MAX_DEPTH {
                return Err(too_deep(n + 1, indent + 1));
            }
        }
        let mut quote: Option<char> = None;
        let mut previous = ' ';
        let mut value_start = true;
        for (col, c) in body.chars().enumerate() {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    // A quote opens a scalar only where a scalar may start.
                    '"' | '\'' if matches!(previous, ' ' | '[' | '{' | ',' | ':') => {
                        quote = Some(c)
                    }
                    '#' if previous == ' ' => break,
                    // Outside flow, a bracket is flow only where a value starts; inside a
                    // plain scalar (`see [docs]`) it is text.
                    '[' | '{' if flow > 0 || value_start => {
                        flow += 1;
                        if indents.len() + flow > MAX_DEPTH {
                            return Err(too_deep(n + 1, indent + col + 1));
                        }
                    }
                    ']' | '}' if flow > 0 => flow -= 1,
                    _ => {}
                },
            }
            value_start = match c {
                ' ' => value_start || matches!(previous, ':' | '-'),
                '[' | '{' | ',' => flow > 0,
                _ => false,
            };
            previous = c;
        }
        if flow == 0 && opens_block_scalar(body) {
            block_scalar = Some(indent);
        }
    }
    Ok(())
}

/// Whether a line ends with a `|` or `>` block scalar header (`doc: |`, `- >-`).
fn opens_block_scalar(body: &str) -> bool {
    let body = match body.find(" #") {
        Some(cut) => body[..cut].trim_end(),
        None => body,
    };
    let header = body.trim_end_matches(|c: char| c == '-' || c == '+' || c.is_ascii_digit());
    let Some(before) = header
        .strip_suffix('|')
        .or_else(|| header.strip_suffix('>'))
    else {
        return false;
    };
    before.is_empty() || before.ends_with(' ')
}

/// 1-based line and column of byte offset `at` in `text`.
fn position_at(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        before.matches('\n').count() + 1,
        before[line_start..].chars().count() + 1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_spec_files_are_far_from_the_depth_bound() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert_eq!(scan_depth(&text), Ok(()), "{}", path.display());
                assert_eq!(scan_chars(&text), Ok(()), "{}", path.display());
            }
        }
    }

    #[test]
    fn brackets_in_prose_and_block_scalars_do_not_count() {
        let prose = format!("doc: see {} here\n", "[".repeat(100));
        assert_eq!(scan_depth(&prose), Ok(()));
        let block = format!("doc: |\n  {}\nnext: 1\n", "{".repeat(100));
        assert_eq!(scan_depth(&block), Ok(()));
        assert!(scan_depth(&format!("a: {}", "[".repeat(65))).is_err());
        assert!(scan_depth(&format!("a: {}", "[".repeat(60))).is_ok());
    }

    #[test]
    fn utf8_errors_are_located() {
        let err = decode(b"a: 1\nb: \xe2\x82").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4));
        assert_eq!(decode("\u{feff}a: 1".as_bytes()), Ok("a: 1"));
    }
}
