use std::fmt::Display;

use crate::{Path, Violations};

/// When `allowed` is given (the row the deciding value selects), `value` must be one of
/// its values; reported at `path`.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let mut out = Violations::new();
/// let row: &[i64] = &[1, 5];
/// rules::allowed_values(Some(&2i64), Some(&1i64), Some(row), &Path::Root.field("Status"), None, "CateID", &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub fn allowed_values<T: PartialEq + Display, D: ?Sized + Display>(
    value: Option<&T>,
    depends_on: Option<&D>,
    allowed: Option<&[T]>,
    path: &Path<'_>,
    code: Option<i64>,
    depends_on_name: &str,
    out: &mut Violations,
) {
    let (Some(v), Some(d), Some(allowed)) = (value, depends_on, allowed) else {
        return;
    };
    if allowed.contains(v) {
        return;
    }
    out.push(
        path,
        "allowed_values",
        code,
        format_args!(
            "{v} is not allowed when `{depends_on_name}` is {d}; allowed: {}",
            Alternatives(allowed)
        ),
    );
}

/// `a or b or c`.
struct Alternatives<'a, T>(&'a [T]);

impl<T: Display> Display for Alternatives<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" or ")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}
