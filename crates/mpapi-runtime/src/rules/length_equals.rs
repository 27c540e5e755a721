use crate::{Path, Violations};

/// Where both are present, the integer `count` equals the list length `len`; reported at
/// `path` (the count).
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// rules::length_equals(Some(3), Some(2), &Path::Root.field("count"), None, "list", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn length_equals(
    count: Option<i128>,
    len: Option<usize>,
    path: &Path<'_>,
    code: Option<i64>,
    list: &str,
    out: &mut Violations,
) {
    if let (Some(n), Some(len)) = (count, len)
        && i128::try_from(len).ok() != Some(n)
    {
        out.push(
            path,
            "length_equals",
            code,
            format_args!("must equal the number of elements of `{list}` ({len}), found {n}"),
        );
    }
}
