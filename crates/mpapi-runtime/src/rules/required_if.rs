use crate::{Path, Violations};

/// `value` must be present when `condition` holds; reported at `path` (the missing field).
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// let appid: Option<String> = None;
/// rules::required_if(true, &appid, &Path::Root.field("appid"), Some(268485204), "`type` is MINI_PROGRAM", &mut out);
/// assert_eq!(out.as_slice()[0].path, "appid");
/// ```
pub fn required_if<T>(
    condition: bool,
    value: &Option<T>,
    path: &Path<'_>,
    code: Option<i64>,
    when: &str,
    out: &mut Violations,
) {
    if condition && value.is_none() {
        out.push(
            path,
            "required_if",
            code,
            format_args!("is required when {when}"),
        );
    }
}
