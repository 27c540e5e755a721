//! Regular-expression match.

use std::sync::OnceLock;

use regex::Regex;

use crate::{Path, Violations};

/// A regular expression compiled on first use and then shared, declared as a `static`.
/// Named formats such as the docs' link rule are not patterns: see
/// [`format`](super::format).
///
/// ```
/// use mpapi_runtime::constraint::pattern::Pattern;
/// static DIGITS: Pattern = Pattern::new("^[0-9]+$");
/// assert_eq!(DIGITS.is_match("123"), Some(true));
/// ```
pub struct Pattern {
    source: &'static str,
    compiled: OnceLock<Option<Regex>>,
}

impl Pattern {
    /// Declares a pattern; nothing is compiled until it is first used.
    pub const fn new(source: &'static str) -> Self {
        Pattern {
            source,
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
