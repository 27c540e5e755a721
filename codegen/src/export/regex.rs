//! Translating a Rust `regex` pattern into the ECMA-262 dialect that JSON Schema's `pattern`
//! uses, keeping what it matches.
//!
//! The two dialects differ where Rust is Unicode-aware by default: `\d`, `\s` and `\w` are
//! Unicode classes in Rust, ASCII (or another set) in ECMA-262, and `.` excludes only `\n`
//! in Rust but also `\r`, U+2028 and U+2029 in ECMA-262. Each is rewritten to an explicit
//! class with the Rust meaning. Constructs with no faithful ECMA-262 spelling (inline
//! flags, `\A`, `\z`, named groups in Rust syntax, word boundaries, …) make the
//! translation fail: the caller then lists the pattern under `x-mpapi-rules` instead of
//! emitting a `pattern` that would match something else.

/// Rust's `\d`, `\s` or `\w` as the body of a character class: the ranges of code points
/// Rust's own regex engine puts in the class, written as literal characters (controls,
/// separators and class syntax as `\uXXXX`), which ECMA-262, Python's `re` and Rust's
/// `regex` all read the same way. Computed once per class.
fn class_body(c: char) -> &'static str {
    use std::sync::OnceLock;
    static DIGIT: OnceLock<String> = OnceLock::new();
    static SPACE: OnceLock<String> = OnceLock::new();
    static WORD: OnceLock<String> = OnceLock::new();
    let (cell, class) = match c {
        'd' => (&DIGIT, r"\d"),
        's' => (&SPACE, r"\s"),
        _ => (&WORD, r"\w"),
    };
    cell.get_or_init(|| ranges_of(class))
}

fn ranges_of(class: &str) -> String {
    let re = match regex::Regex::new(class) {
        Ok(re) => re,
        Err(_) => crate::internal_error("a Unicode class does not compile"),
    };
    // Every scalar value, one after the other; the class matches single characters.
    let all: String = (0u32..=0x10FFFF).filter_map(char::from_u32).collect();
    let mut ranges: Vec<(char, char)> = Vec::new();
    for m in re.find_iter(&all) {
        for ch in m.as_str().chars() {
            match ranges.last_mut() {
                Some((_, hi)) if (*hi as u32) + 1 == ch as u32 => *hi = ch,
                _ => ranges.push((ch, ch)),
            }
        }
    }
    let mut out = String::new();
    for (lo, hi) in ranges {
        out.push_str(&literal(lo));
        if hi != lo {
            if hi as u32 > lo as u32 + 1 {
                out.push('-');
            }
            out.push_str(&literal(hi));
        }
    }
    out
}

/// A character inside a class: itself, or `\uXXXX` when it is a control, a separator, a
/// space or class syntax.
fn literal(c: char) -> String {
    let special = c.is_control()
        || c.is_whitespace()
        || matches!(c, '\\' | ']' | '[' | '^' | '-')
        || matches!(c as u32, 0x2028 | 0x2029 | 0xFEFF);
    if special && (c as u32) <= 0xFFFF {
        format!("\\u{:04X}", c as u32)
    } else {
        c.to_string()
    }
}

/// The ECMA-262 form of `rust`, or `None` when it uses something that has none.
pub fn to_ecma(rust: &str) -> Option<String> {
    let chars: Vec<char> = rust.chars().collect();
    let mut out = String::with_capacity(rust.len() + 16);
    let mut i = 0;
    let mut in_class = false;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                let next = *chars.get(i + 1)?;
                i += 2;
                match next {
                    'd' | 's' | 'w' => {
                        let body = class_body(next);
                        if in_class {
                            out.push_str(body);
                        } else {
                            out.push('[');
                            out.push_str(body);
                            out.push(']');
                        }
                    }
                    'D' | 'S' | 'W' => {
                        // A negated class inside a class has no ECMA-262 spelling without
                        // the `v` flag.
                        if in_class {
                            return None;
                        }
                        out.push_str("[^");
                        out.push_str(class_body(next.to_ascii_lowercase()));
                        out.push(']');
                    }
                    // Escapes that mean the same in both dialects.
                    'n' | 't' | 'r' | 'f' | 'v' => {
                        out.push('\\');
                        out.push(next);
                    }
                    'x' => {
                        // \xHH or \x{H...}
                        if chars.get(i) == Some(&'{') {
                            let end = chars[i..].iter().position(|&c| c == '}')? + i;
                            let hex: String = chars[i + 1..end].iter().collect();
                            let cp = u32::from_str_radix(&hex, 16).ok()?;
                            out.push_str(&format!("\\u{{{cp:X}}}"));
                            i = end + 1;
                        } else {
                            let hex: String = chars.get(i..i + 2)?.iter().collect();
                            u8::from_str_radix(&hex, 16).ok()?;
                            out.push_str("\\x");
                            out.push_str(&hex);
                            i += 2;
                        }
                    }
                    'p' | 'P' => {
                        // \pL or \p{Name}: the general categories and scripts both dialects know.
                        let (name, used) = if chars.get(i) == Some(&'{') {
                            let end = chars[i..].iter().position(|&c| c == '}')? + i;
                            (chars[i + 1..end].iter().collect::<String>(), end + 1 - i)
                        } else {
                            (chars.get(i)?.to_string(), 1)
                        };
                        if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                            return None;
                        }
                        out.push('\\');
                        out.push(next);
                        out.push('{');
                        out.push_str(&name);
                        out.push('}');
                        i += used;
                    }
                    c if c.is_ascii_punctuation() => {
                        out.push('\\');
                        out.push(c);
                    }
                    // \A \z \b \B, octal, back-references …
                    _ => return None,
                }
                continue;
            }
            '[' if !in_class => {
                in_class = true;
                out.push('[');
                if chars.get(i + 1) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A `]` right after the opening bracket is a literal in Rust.
                if chars.get(i + 1) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
            }
            '[' => {
                // Nested classes and `[:alpha:]` have no ECMA-262 spelling; a lone `[`
                // inside a class is a literal.
                if chars.get(i + 1) == Some(&':') {
                    return None;
                }
                if chars.get(i + 1).is_some_and(|c| *c != ']') && rust_nested_class(&chars, i) {
                    return None;
                }
                out.push_str("\\[");
            }
            ']' if in_class => {
                in_class = false;
                out.push(']');
            }
            '&' | '~' | '-' if in_class && chars.get(i + 1) == Some(&c) => {
                // Rust's class set operations `&&`, `--`, `~~`.
                return None;
            }
            '.' if !in_class => out.push_str("[^\\n]"),
            '(' if !in_class && chars.get(i + 1) == Some(&'?') => {
                // Only non-capturing groups: `(?:`; flags and Rust's named groups differ.
                if chars.get(i + 2) == Some(&':') {
                    out.push_str("(?:");
                    i += 3;
                    continue;
                }
                return None;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_class {
        return None;
    }
    Some(out)
}

/// Whether the `[` at `i` (inside a class) opens a nested class in Rust's syntax: Rust
/// reads `[a[bc]]` as a union. Conservatively, any unescaped `[` inside a class followed
/// later by a `]` before the outer one closes counts.
fn rust_nested_class(chars: &[char], i: usize) -> bool {
    chars[i + 1..].contains(&']')
}

#[cfg(test)]
mod tests {
    use super::to_ecma;

    #[test]
    fn unicode_classes_keep_their_rust_meaning() {
        let digits = to_ecma(r"^\d+$").expect("translates");
        assert!(digits.starts_with("^[0-9٠-٩"), "{digits}");
        assert_eq!(
            to_ecma(r"[^\s/]").as_deref(),
            Some(
                r"[^\u0009-\u000D\u0020\u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000/]"
            )
        );
        assert_eq!(to_ecma("a.b").as_deref(), Some(r"a[^\n]b"));
        assert_eq!(
            to_ecma(r"^[0-9]{2,5}(?:x)?$").as_deref(),
            Some(r"^[0-9]{2,5}(?:x)?$")
        );
    }

    #[test]
    fn the_url_rule_translates() {
        let ecma = to_ecma(mpapi_runtime::constraint::url_like::SOURCE).expect("translates");
        assert!(ecma.starts_with("^https?://"), "{ecma}");
        assert!(ecma.contains(r"[^\u0009-\u000D"), "{ecma}");
        // The translation reads the same to Rust's engine, on strings around every class.
        let rust = regex::Regex::new(mpapi_runtime::constraint::url_like::SOURCE).expect("rust");
        let ours = regex::Regex::new(&ecma).expect("translation compiles");
        for s in [
            "https://a.b/c",
            "http://x",
            "https://",
            "https://a b",
            "https://a\u{85}b",
            "https://a\u{3000}b",
            "https://a:80/x",
            "https://a:٨٠/x",
            "https://a:8/x",
            "https://u@h/p",
            "https://h/p[1]",
            "https://h\u{FEFF}/p",
            "ftp://h",
            "https://h/\u{1F600}",
            "https://h:𝟎𝟎/",
            "https://h\n/",
        ] {
            assert_eq!(rust.is_match(s), ours.is_match(s), "{s:?}");
        }
    }

    #[test]
    fn what_has_no_ecma_spelling_is_refused() {
        for rust in [
            r"(?i)abc",
            r"\Aabc\z",
            r"(?P<x>a)",
            r"\bword\b",
            r"[a&&b]",
            r"[[:alpha:]]",
            r"[a-z[0-9]]",
        ] {
            assert_eq!(to_ecma(rust), None, "{rust}");
        }
    }
}
