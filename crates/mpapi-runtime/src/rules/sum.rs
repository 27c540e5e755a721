use crate::{Path, Violations};

/// The integer `total` equals the computed `sum`; reported at `path` (the total).
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// rules::sum_equals(Some(10), 9, &Path::Root.field("Amount"), None, "+ Price × Quantity", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn sum_equals(
    total: Option<i128>,
    sum: i128,
    path: &Path<'_>,
    code: Option<i64>,
    formula: &str,
    out: &mut Violations,
) {
    if let Some(t) = total
        && t != sum
    {
        out.push(
            path,
            "sum",
            code,
            format_args!("must equal {formula} = {sum}, found {t}"),
        );
    }
}

/// The decimal `total` equals the computed `sum` within 1e-9.
pub fn sum_equals_f64(
    total: Option<f64>,
    sum: f64,
    path: &Path<'_>,
    code: Option<i64>,
    formula: &str,
    out: &mut Violations,
) {
    if let Some(t) = total
        && (t - sum).abs() > 1e-9
    {
        out.push(
            path,
            "sum",
            code,
            format_args!("must equal {formula} = {sum}, found {t}"),
        );
    }
}
