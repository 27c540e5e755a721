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
pub fn check<T>(
    value: Option<&Vec<T>>,
    min: Option<usize>,
    max: Option<usize>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    let len = value.len();
    if min.is_some_and(|m| len < m) || max.is_some_and(|m| len > m) {
        let exact = matches!((min, max), (Some(a), Some(b)) if a == b);
        let want = if exact {
            format!("exactly {}", min.unwrap_or_default())
        } else {
            super::bounds(min, max)
        };
        out.push(
            path,
            "items",
            code,
            format_args!("must have {want} items, found {len}"),
        );
    }
}
