//! Regular-expression match.

use std::sync::OnceLock;

use regex::Regex;

use crate::{Path, Violations};

/// A regular expression compiled on first use and then shared, declared as a `static`.
/// The docs' URL pattern ([`url_like::SOURCE`](super::url_like::SOURCE)) is decided by a
/// hand-written matcher instead, proven equal to the regex by a differential test.
///
/// ```
/// use mpapi_runtime::constraint::pattern::Pattern;
/// static DIGITS: Pattern = Pattern::new("^[0-9]+$");
/// assert_eq!(DIGITS.is_match("123"), Some(true));
/// ```
pub struct Pattern {
    source: &'static str,
    /// A hand-written matcher for this exact pattern, where one exists: chosen at compile
    /// time, so the regex engine is never built for it.
    special: Option<fn(&str) -> bool>,
    compiled: OnceLock<Option<Regex>>,
}

/// Byte-wise string equality usable in `const fn`.
const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

impl Pattern {
    /// Declares a pattern; nothing is compiled until it is first used.
    pub const fn new(source: &'static str) -> Self {
        let special: Option<fn(&str) -> bool> = if same(source, super::url_like::SOURCE) {
            Some(super::url_like::is_match)
        } else {
            None
        };
        Pattern {
            source,
            special,
            compiled: OnceLock::new(),
        }
    }

    /// The pattern's source text.
    pub fn source(&self) -> &'static str {
        self.source
    }

    /// Whether `s` matches; `None` if the pattern itself does not compile (the
    /// generator rejects such specs, so this only happens with hand-written patterns).
    pub fn is_match(&self, s: &str) -> Option<bool> {
        if let Some(special) = self.special {
            return Some(special(s));
        }
        self.compiled
            .get_or_init(|| Regex::new(self.source).ok())
            .as_ref()
            .map(|re| re.is_match(s))
    }
}

/// Checks that `value` matches `pattern`.
pub fn check<V: AsRef<str> + ?Sized>(
    value: Option<&V>,
    pattern: &Pattern,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    match pattern.is_match(value.as_ref()) {
        Some(true) => {}
        Some(false) => out.push(
            path,
            crate::ConstraintKind::Pattern,
            code,
            format_args!("must match the pattern {}", pattern.source),
        ),
        None => out.push(
            path,
            crate::ConstraintKind::Pattern,
            code,
            format_args!(
                "cannot be checked: the pattern {} does not compile",
                pattern.source
            ),
        ),
    }
}
