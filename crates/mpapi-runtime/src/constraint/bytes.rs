//! Length in UTF-8 bytes (the docs' "字符字节限制" / "不超过N字节").

use crate::{Path, Violations};

/// Checks that `value` is between `min` and `max` UTF-8 bytes long (inclusive).
///
/// ```
/// use mpapi_runtime::{constraint::bytes, Path, Violations};
/// let mut out = Violations::new();
/// bytes::check(Some(&"中".repeat(22)), None, Some(64), Some(1), &Path::Root, &mut out);
/// assert_eq!(out.len(), 1, "22 CJK characters are 66 bytes");
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
    let len = value.as_ref().len();
    if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
        report(len, min, max, code, path, out);
    }
}

/// Records the violation of [`check`], out of line so that the check inlines small.
#[cold]
#[inline(never)]
fn report(
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    out.push(
        path,
        crate::ConstraintKind::Bytes,
        code,
        format_args!(
            "length must be {} UTF-8 bytes, found {len}",
            super::bounds(min, max)
        ),
    );
}
