//! Numeric range.

use std::fmt::Display;

use crate::{Path, Violations};

/// Checks that `value` lies between `min` and `max` (inclusive).
///
/// ```
/// use mpapi_runtime::{constraint::range, Path, Violations};
/// let mut out = Violations::new();
/// range::check(Some(&0u32), Some(1), None, None, &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// ```
#[inline]
pub fn check<T: PartialOrd + Display + Copy>(
    value: Option<&T>,
    min: Option<T>,
    max: Option<T>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(&value) = value else { return };
    // Written so that NaN fails both comparisons and is reported.
    let above_min = min.is_none_or(|m| value >= m);
    let below_max = max.is_none_or(|m| value <= m);
    if !(above_min && below_max) {
        out.push(
            path,
            crate::ConstraintKind::Range,
            code,
            format_args!("must be {}, found {value}", super::bounds(min, max)),
        );
    }
}
