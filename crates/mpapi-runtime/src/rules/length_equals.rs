//! [`RuleKind::LengthEquals`]: an integer field equals the number of elements of a list.

use crate::{Path, RuleKind, Violations};

/// Where both are present, the integer `count` equals `len`, the list's length; otherwise
/// reported at `path` (the count's field).
///
/// `list` names the list: ``must equal the number of elements of `{list}` ({len}), found
/// {count}``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let items = vec!["a", "b"];
/// let count: u32 = 3;
/// let mut out = Violations::new();
/// let root = Path::Root;
/// rules::length_equals(Some(count.into()), Some(items.len()), &root.field("item_count"), None, "items", &mut out);
/// assert_eq!(out.as_slice()[0].path, "item_count");
/// assert_eq!(out.as_slice()[0].message, "must equal the number of elements of `items` (2), found 3");
/// ```
pub fn length_equals(
    count: Option<i128>,
    len: Option<usize>,
    path: &Path<'_>,
    code: Option<i64>,
    list: &str,
    out: &mut Violations,
) {
    let (Some(count), Some(len)) = (count, len) else {
        return;
    };
    // Every usize fits in an i128.
    if i128::try_from(len).is_ok_and(|len| len == count) {
        return;
    }
    out.push(
        path,
        RuleKind::LengthEquals,
        code,
        format_args!("must equal the number of elements of `{list}` ({len}), found {count}"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compares_only_present_values() {
        let root = Path::Root;
        let p = root.field("n");
        let mut out = Violations::new();
        length_equals(Some(0), Some(0), &p, None, "l", &mut out);
        length_equals(None, Some(3), &p, None, "l", &mut out);
        length_equals(Some(3), None, &p, None, "l", &mut out);
        assert!(out.is_empty());
        length_equals(Some(-1), Some(0), &p, Some(3), "l", &mut out);
        length_equals(Some(i128::MAX), Some(usize::MAX), &p, None, "l", &mut out);
        assert_eq!(out.len(), 2);
        let v = &out.as_slice()[0];
        assert_eq!(
            (v.path.as_str(), v.rule, v.code),
            ("n", RuleKind::LengthEquals.into(), Some(3))
        );
        assert_eq!(
            v.message,
            "must equal the number of elements of `l` (0), found -1"
        );
    }
}
