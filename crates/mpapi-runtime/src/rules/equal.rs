use std::fmt::Display;

use crate::{Path, Violations};

/// Where both are present, `value` equals `expected`; reported at `path`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// rules::equal(Some(&1), Some(&2), &Path::Root.field("a"), None, "b", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn equal<T: ?Sized + PartialEq + Display>(
    value: Option<&T>,
    expected: Option<&T>,
    path: &Path<'_>,
    code: Option<i64>,
    to: &str,
    out: &mut Violations,
) {
    if let (Some(v), Some(e)) = (value, expected)
        && v != e
    {
        out.push(
            path,
            "equal",
            code,
            format_args!("must equal `{to}` ({e}), found {v}"),
        );
    }
}
