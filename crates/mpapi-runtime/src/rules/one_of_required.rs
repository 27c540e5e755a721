use crate::{Path, Violations};

/// At least one of the alternatives is present; reported at `path` (the first listed field).
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// rules::one_of_required(&[false, false], &Path::Root.field("tel"), None, "`tel`, `mobile`", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn one_of_required(
    present: &[bool],
    path: &Path<'_>,
    code: Option<i64>,
    names: &str,
    out: &mut Violations,
) {
    if !present.iter().any(|p| *p) {
        out.push(
            path,
            "one_of_required",
            code,
            format_args!("one of {names} is required"),
        );
    }
}
