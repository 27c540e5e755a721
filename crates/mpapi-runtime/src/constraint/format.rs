//! Named formats of string values.

use time::format_description::well_known::Rfc3339;

use crate::{Path, Violations};

/// Checks that `value` is an RFC 3339 date-time such as `2022-05-20T13:29:35.120+08:00`.
///
/// ```
/// use mpapi_runtime::{constraint::format, Path, Violations};
/// let mut out = Violations::new();
/// format::date_time(Some("2022-05-20T13:29:35.120+08:00"), None, &Path::Root, &mut out);
/// assert!(out.is_empty());
/// format::date_time(Some("2022-05-20T13:29:35.120 08:00"), None, &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn date_time<V: AsRef<str> + ?Sized>(
    value: Option<&V>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    if time::OffsetDateTime::parse(value.as_ref(), &Rfc3339).is_err() {
        out.push(
            path,
            crate::ConstraintKind::Format,
            code,
            "must be an RFC 3339 date-time such as 2022-05-20T13:29:35.120+08:00",
        );
    }
}
