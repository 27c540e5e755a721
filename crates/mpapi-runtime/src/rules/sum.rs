//! [`RuleKind::Sum`]: a total equals a sum of (products of) other fields.

use crate::{Path, RuleKind, Violations};

/// The largest difference [`sum_equals_f64`] accepts between the total and the sum.
pub const SUM_TOLERANCE: f64 = 1e-9;

/// Where the total is present, it equals `sum`, computed by the caller with saturating
/// `i128` arithmetic (`saturating_add`, `saturating_mul`) so that no input overflows;
/// otherwise reported at `path` (the total's field).
///
/// `formula` describes the sum: `must equal {formula} = {sum}, found {total}`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// struct Item { price: u32, count: u32 }
/// let items = [Item { price: 100, count: 2 }, Item { price: 50, count: 1 }];
/// let total: u64 = 260;
/// let sum = items.iter().fold(0i128, |s, i| {
///     s.saturating_add(i128::from(i.price).saturating_mul(i128::from(i.count)))
/// });
/// let mut out = Violations::new();
/// let root = Path::Root;
/// rules::sum_equals(Some(total.into()), sum, &root.field("total"), None, "Σ item_list[](price × count)", &mut out);
/// assert_eq!(out.as_slice()[0].message, "must equal Σ item_list[](price × count) = 250, found 260");
/// ```
pub fn sum_equals(
    total: Option<i128>,
    sum: i128,
    path: &Path<'_>,
    code: Option<i64>,
    formula: &str,
    out: &mut Violations,
) {
    if let Some(total) = total
        && total != sum
    {
        out.push(
            path,
            RuleKind::Sum,
            code,
            format_args!("must equal {formula} = {sum}, found {total}"),
        );
    }
}

/// The same check for a fractional total: it must lie within [`SUM_TOLERANCE`] of `sum`.
/// A NaN total or sum never does.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// rules::sum_equals_f64(Some(0.3), 0.1 + 0.2, &Path::Root, None, "a + b", &mut out);
/// assert!(out.is_empty());
/// rules::sum_equals_f64(Some(0.31), 0.1 + 0.2, &Path::Root, None, "a + b", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn sum_equals_f64(
    total: Option<f64>,
    sum: f64,
    path: &Path<'_>,
    code: Option<i64>,
    formula: &str,
    out: &mut Violations,
) {
    let Some(total) = total else { return };
    // Written so that NaN fails the comparison and is reported.
    if (total - sum).abs() <= SUM_TOLERANCE {
        return;
    }
    out.push(
        path,
        RuleKind::Sum,
        code,
        format_args!("must equal {formula} = {sum}, found {total}"),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_compare_exactly() {
        let root = Path::Root;
        let order = root.field("order");
        let p = order.field("total");
        let mut out = Violations::new();
        sum_equals(None, 5, &p, None, "a", &mut out);
        sum_equals(Some(5), 5, &p, None, "a", &mut out);
        sum_equals(Some(i128::MAX), i128::MAX, &p, None, "a", &mut out);
        assert!(out.is_empty());
        sum_equals(Some(6), 5, &p, Some(11), "a + b", &mut out);
        let v = &out.as_slice()[0];
        assert_eq!(
            (v.path.as_str(), v.rule, v.code),
            ("order.total", RuleKind::Sum.into(), Some(11))
        );
        assert_eq!(v.message, "must equal a + b = 5, found 6");
    }

    #[test]
    fn floats_within_the_tolerance_pass_and_nan_fails() {
        let mut out = Violations::new();
        sum_equals_f64(None, f64::NAN, &Path::Root, None, "a", &mut out);
        sum_equals_f64(Some(1.0), 1.0 + 1e-12, &Path::Root, None, "a", &mut out);
        assert!(out.is_empty());
        sum_equals_f64(Some(1.0), 1.0 + 1e-6, &Path::Root, None, "a", &mut out);
        sum_equals_f64(Some(f64::NAN), 1.0, &Path::Root, None, "a", &mut out);
        sum_equals_f64(Some(1.0), f64::NAN, &Path::Root, None, "a", &mut out);
        assert_eq!(out.len(), 3);
    }
}
