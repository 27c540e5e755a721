//! [`RuleKind::Equal`]: a field equals another field.

use std::fmt::Display;

use crate::{Path, RuleKind, Violations};

/// Where both are present, `value` equals `expected`; otherwise reported at `path` (the
/// field that must equal).
///
/// `to` names the field it must equal: ``must equal `{to}` ({expected}), found {value}``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let path = root.field("total");
/// rules::equal(Some(&5), Some(&5), &path, None, "amount", &mut out);
/// rules::equal(Some(&5), None, &path, None, "amount", &mut out);
/// assert!(out.is_empty());
/// rules::equal(Some(&4), Some(&5), &path, Some(6), "amount", &mut out);
/// assert_eq!(out.as_slice()[0].message, "must equal `amount` (5), found 4");
/// ```
pub fn equal<T: ?Sized + PartialEq + Display>(
    value: Option<&T>,
    expected: Option<&T>,
    path: &Path<'_>,
    code: Option<i64>,
    to: &str,
    out: &mut Violations,
) {
    if let (Some(value), Some(expected)) = (value, expected)
        && value != expected
    {
        out.push(
            path,
            RuleKind::Equal,
            code,
            format_args!("must equal `{to}` ({expected}), found {value}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_only_present_values() {
        let root = Path::Root;
        let p = root.field("a");
        let q = p.field("b");
        let mut out = Violations::new();
        equal::<str>(None, Some("x"), &q, None, "c", &mut out);
        equal::<str>(None, None, &q, None, "c", &mut out);
        equal(Some("x"), Some("x"), &q, None, "c", &mut out);
        assert!(out.is_empty());
        equal(Some("x"), Some("y"), &q, Some(2), "c.d", &mut out);
        let v = &out.as_slice()[0];
        assert_eq!(
            (v.path.as_str(), v.rule, v.code),
            ("a.b", RuleKind::Equal.into(), Some(2))
        );
        assert_eq!(v.message, "must equal `c.d` (y), found x");
    }

    #[test]
    fn nan_never_equals() {
        let mut out = Violations::new();
        equal(
            Some(&f64::NAN),
            Some(&f64::NAN),
            &Path::Root,
            None,
            "x",
            &mut out,
        );
        assert_eq!(out.len(), 1);
    }
}
