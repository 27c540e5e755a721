//! [`RuleKind::OneOfRequired`]: at least one of several fields is present.

use crate::{Path, RuleKind, Violations};

/// At least one of the alternatives is present; reported at `path` (the first listed
/// field).
///
/// `present` holds one `bool` per alternative; `names` lists them for the message:
/// `one of {names} is required`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let (open_id, swan_id): (Option<&str>, Option<&str>) = (None, Some("s"));
/// let names = "`open_id`, `swan_id`";
/// rules::one_of_required(&[open_id.is_some(), swan_id.is_some()], &root.field("open_id"), None, names, &mut out);
/// assert!(out.is_empty());
/// rules::one_of_required(&[false, false], &root.field("open_id"), Some(3), names, &mut out);
/// assert_eq!(out.as_slice()[0].path, "open_id");
/// assert_eq!(out.as_slice()[0].message, "one of `open_id`, `swan_id` is required");
/// ```
pub fn one_of_required(
    present: &[bool],
    path: &Path<'_>,
    code: Option<i64>,
    names: &str,
    out: &mut Violations,
) {
    if !present.iter().any(|&p| p) {
        out.push(
            path,
            RuleKind::OneOfRequired,
            code,
            format_args!("one of {names} is required"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_present_alternative_satisfies_it() {
        let root = Path::Root;
        let obj = root.field("obj");
        let path = obj.field("a");
        let mut out = Violations::new();
        one_of_required(&[false, true, false], &path, None, "a, b, c", &mut out);
        one_of_required(&[true], &path, None, "a", &mut out);
        assert!(out.is_empty());
        one_of_required(&[false, false], &path, Some(9), "`a`, `b`", &mut out);
        // No alternative at all can never be satisfied.
        one_of_required(&[], &path, None, "nothing", &mut out);
        assert_eq!(out.len(), 2);
        let v = &out.as_slice()[0];
        assert_eq!(
            (v.path.as_str(), v.rule, v.code),
            ("obj.a", RuleKind::OneOfRequired.into(), Some(9))
        );
    }
}
