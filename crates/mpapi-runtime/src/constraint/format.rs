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
/// // RFC 3339's grammar separates date and time with `T` (or `t`), nothing else.
/// format::date_time(Some("2022-05-20_13:29:35Z"), None, &Path::Root, &mut out);
/// assert_eq!(out.len(), 2);
/// ```
pub fn date_time<V: AsRef<str> + ?Sized>(
    value: Option<&V>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    let value = value.as_ref();
    // The `time` crate's parser accepts any character between date and time; RFC 3339's
    // grammar (`full-date "T" full-time`, case-insensitive) does not.
    let separator_ok = matches!(value.as_bytes().get(10), Some(b'T' | b't'));
    if !separator_ok || time::OffsetDateTime::parse(value, &Rfc3339).is_err() {
        out.push(
            path,
            crate::ConstraintKind::Format,
            code,
            "must be an RFC 3339 date-time such as 2022-05-20T13:29:35.120+08:00",
        );
    }
}

/// Checks that `value` is an http(s) URL as the docs' link rule describes: `http://` or
/// `https://`, optional user info, a non-empty host, an optional port and a rest without
/// brackets (the regular expression [`url_like::SOURCE`](super::url_like::SOURCE), decided
/// by the hand-written [`url_like::is_match`](super::url_like::is_match)).
///
/// ```
/// use mpapi_runtime::{constraint::format, Path, Violations};
/// let mut out = Violations::new();
/// format::url(Some("https://www.weixin.qq.com/wxpay/pay.php"), None, &Path::Root, &mut out);
/// assert!(out.is_empty());
/// format::url(Some("https://shop.example.com/a[1]"), Some(7), &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// assert_eq!(out.as_slice()[0].code, Some(7));
/// ```
#[inline]
pub fn url<V: AsRef<str> + ?Sized>(
    value: Option<&V>,
    code: Option<i64>,
    path: &Path<'_>,
    out: &mut Violations,
) {
    let Some(value) = value else { return };
    if !super::url_like::is_match(value.as_ref()) {
        not_a_url(code, path, out);
    }
}

/// Records the violation of [`url`], out of line so that the check inlines small.
#[cold]
#[inline(never)]
fn not_a_url(code: Option<i64>, path: &Path<'_>, out: &mut Violations) {
    out.push(
        path,
        crate::ConstraintKind::Format,
        code,
        "must be an http(s) URL as the docs' link rule describes: http:// or https://, a \
         host, an optional port, and no [ or ] after the host",
    );
}
