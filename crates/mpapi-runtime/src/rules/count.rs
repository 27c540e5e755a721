//! [`RuleKind::Count`]: the number of elements of a list, or of those of its elements that
//! meet a condition, is within bounds.

use crate::{Path, RuleKind, Violations};

/// Where the list is present, its count `n` (of every element, or of the elements that
/// `what` describes) is at least `min` and at most `max`, each bound with the platform code
/// reported when it is crossed; otherwise reported at `path` (the list).
///
/// `what` names what is counted, e.g. `elements` or ``elements whose `type` is 2``:
/// ``must have at most {max} {what}, found {n}``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let kinds = [2, 1, 2, 2, 2];
/// let videos = kinds.iter().filter(|k| **k == 2).count();
/// let mut out = Violations::new();
/// let root = Path::Root;
/// let what = "elements whose `type` is 2";
/// rules::count(Some(videos), None, Some((3, None)), &root.field("material_list"), what, &mut out);
/// assert_eq!(out.as_slice()[0].path, "material_list");
/// assert_eq!(
///     out.as_slice()[0].message,
///     "must have at most 3 elements whose `type` is 2, found 4"
/// );
/// ```
pub fn count(
    n: Option<usize>,
    min: Option<(usize, Option<i64>)>,
    max: Option<(usize, Option<i64>)>,
    path: &Path<'_>,
    what: &str,
    out: &mut Violations,
) {
    let Some(n) = n else { return };
    if let Some((min, code)) = min
        && n < min
    {
        out.push(
            path,
            RuleKind::Count,
            code,
            format_args!("must have at least {min} {what}, found {n}"),
        );
    }
    if let Some((max, code)) = max
        && n > max
    {
        out.push(
            path,
            RuleKind::Count,
            code,
            format_args!("must have at most {max} {what}, found {n}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_only_present_lists_against_each_bound() {
        let root = Path::Root;
        let p = root.field("l");
        let mut out = Violations::new();
        let (one, two) = (Some((1, None)), Some((2, Some(7))));
        count(None, one, two, &p, "elements", &mut out);
        count(Some(1), one, two, &p, "elements", &mut out);
        count(Some(2), one, two, &p, "elements", &mut out);
        count(Some(9), None, None, &p, "elements", &mut out);
        assert!(out.is_empty());
        count(Some(0), one, None, &p, "elements", &mut out);
        count(Some(16), one, Some((15, Some(10060024))), &p, "elements", &mut out);
        assert_eq!(out.len(), 2);
        let [low, high] = out.as_slice() else {
            panic!("two violations");
        };
        assert_eq!(low.message, "must have at least 1 elements, found 0");
        assert_eq!(low.code, None);
        assert_eq!(high.message, "must have at most 15 elements, found 16");
        assert_eq!(high.code, Some(10060024));
        assert_eq!(high.path, "l");
    }
}
