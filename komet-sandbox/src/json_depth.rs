//! How deeply a JSON body nests, measured before parsing it.
//!
//! serde_json refuses more than 128 levels, but with a message that names no limit, and
//! walking or dropping a deeply nested value recurses; one linear pass over the bytes,
//! without recursion, refuses such a body first and can name the sandbox's own limit.

/// Whether `body` nests arrays and objects more than `max` levels deep (the outermost object
/// is level 1). Brackets inside strings do not count; a body that is not JSON at all is
/// measured the same way and left for the parser to refuse.
pub(crate) fn nests_deeper_than(body: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in body {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::nests_deeper_than;

    #[test]
    fn counts_arrays_and_objects_but_not_brackets_in_strings() {
        assert!(!nests_deeper_than(br#"{"a": [{"b": [1]}]}"#, 4));
        assert!(nests_deeper_than(br#"{"a": [{"b": [[1]]}]}"#, 4));
        // Brackets in strings, also after escaped quotes and backslashes, are text.
        assert!(!nests_deeper_than(br#"{"a": "[[[[\"[[[[\\", "b": 1}"#, 1));
        // Siblings do not add up: depth goes back down as arrays close.
        assert!(!nests_deeper_than(br#"[[1], [2], [[3]]]"#, 3));
        assert!(!nests_deeper_than(b"", 0));
    }
}
