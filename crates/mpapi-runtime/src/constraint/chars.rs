//! Length in characters (Unicode scalar values; the docs' "字符长度限制").

use crate::{Path, Violations};

/// Checks that `value` is between `min` and `max` characters long (inclusive).
///
/// Characters are only counted when the byte length cannot decide: a string of `n`
/// bytes has between `n / 4` and `n` characters.
///
/// ```
/// use mpapi_runtime::{constraint::chars, Path, Violations};
/// let mut out = Violations::new();
/// chars::check(Some(&"中".repeat(256)), Some(1), Some(256), None, &Path::Root, &mut out);
/// assert!(out.is_empty());
/// chars::check(Some(&"中".repeat(257)), Some(1), Some(256), None, &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// ```
#[inline]
pub fn check<V: AsRef<str> + ?Sized>(
    value: Option<&V>,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    let s = value.as_ref();
    let bytes = s.len();
    let max_ok_fast = max.is_none_or(|m| bytes <= m);
    let min_ok_fast = min.is_none_or(|m| bytes / 4 >= m);
    if max_ok_fast && min_ok_fast {
        return;
    }
    counted(s, min, max, code, path, out);
}

/// The slow half of [`check`]: counts the characters and records the violation, if any.
/// Out of line so that the byte-length test inlines small.
#[inline(never)]
fn counted(
    s: &str,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let len = s.chars().count();
    if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
        out.push(
            path,
            crate::ConstraintKind::Chars,
            code,
            format_args!(
                "length must be {} characters, found {len}",
                super::bounds(min, max)
            ),
        );
    }
}
