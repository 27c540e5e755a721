//! [`RuleKind::RequiredIf`]: a field is present when a condition holds.

use crate::{Path, RuleKind, Violations};

/// `value` must be present when `condition` holds; reported at `path` (the missing field).
///
/// `when` describes the condition for the message: `is required when {when}`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let appid: Option<String> = None;
/// rules::required_if(false, &appid, &root.field("appid"), Some(1), "`type` is MINI_PROGRAM", &mut out);
/// assert!(out.is_empty());
/// rules::required_if(true, &appid, &root.field("appid"), Some(1), "`type` is MINI_PROGRAM", &mut out);
/// let v = &out.as_slice()[0];
/// assert_eq!((v.path.as_str(), v.rule.as_str(), v.code), ("appid", "required_if", Some(1)));
/// assert_eq!(v.message, "is required when `type` is MINI_PROGRAM");
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
            RuleKind::RequiredIf,
            code,
            format_args!("is required when {when}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_only_a_missing_value_under_the_condition() {
        let root = Path::Root;
        let list = root.field("list");
        let elem = list.index(2);
        let path = elem.field("url");
        let mut out = Violations::new();
        required_if(true, &Some(1), &path, None, "x", &mut out);
        required_if(false, &None::<u8>, &path, None, "x", &mut out);
        assert!(out.is_empty());
        required_if(true, &None::<u8>, &path, Some(5), "`type` is URL", &mut out);
        assert_eq!(out.len(), 1);
        let v = &out.as_slice()[0];
        assert_eq!(v.path, "list[2].url");
        assert_eq!(v.rule, RuleKind::RequiredIf);
        assert_eq!(v.code, Some(5));
        assert_eq!(v.message, "is required when `type` is URL");
    }
}
