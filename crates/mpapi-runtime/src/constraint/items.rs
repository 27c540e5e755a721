//! Number of elements of an array (the docs' "多重性").

use crate::{Path, Violations};

/// Checks that `value` has between `min` and `max` elements (inclusive).
///
/// ```
/// use mpapi_runtime::{constraint::items, Path, Violations};
/// let mut out = Violations::new();
/// items::check(Some(&vec![1; 51]), Some(1), Some(50), None, &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// ```
#[inline]
pub fn check<T>(
    value: Option<&Vec<T>>,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    if let Some(value) = value {
        check_len(value.len(), min, max, code, path, out);
    }
}

/// Checks that a list of `len` elements has between `min` and `max` of them (inclusive).
///
/// The same check as [`check`], for a list known only by its length: a raw JSON array
/// whose elements could not all be turned into the field's element type, so that
/// `#[derive(Validate)]` still checks the field's element count on a broken list.
///
/// ```
/// use mpapi_runtime::{constraint::items, Path, Violations};
/// let mut out = Violations::new();
/// let raw = serde_json::json!(["a", 5, "c", "d"]);
/// let len = raw.as_array().map_or(0, Vec::len);
/// items::check_len(len, Some(1), Some(3), Some(7), &Path::Root.field("urls"), &mut out);
/// assert_eq!(out.as_slice()[0].path, "urls");
/// assert_eq!(out.as_slice()[0].code, Some(7));
/// ```
#[inline]
pub fn check_len(
    len: usize,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
        report(len, min, max, code, path, out);
    }
}

/// Records the violation of [`check_len`], out of line so that the check inlines small.
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
    let exact = matches!((min, max), (Some(a), Some(b)) if a == b);
    let want = if exact {
        format!("exactly {}", min.unwrap_or_default())
    } else {
        super::bounds(min, max)
    };
    out.push(
        path,
        crate::ConstraintKind::Items,
        code,
        format_args!("must have {want} items, found {len}"),
    );
}
