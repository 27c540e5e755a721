//! [`RuleKind::AllowedValues`]: the values allowed for a field depend on another field.

use std::fmt::{self, Display};

use super::OrAbsent;
use crate::{Path, RuleKind, Violations};

/// When `allowed` is `Some` (the row of the spec's table selected by the depends-on
/// value), a present `value` must be one of its entries; otherwise reported at `path`
/// (the field whose values are restricted).
///
/// `allowed` may hold another type than the value, as long as they compare (a `String`
/// field against `&str` literals); `depends_on` is only shown in the message:
/// ``{value} is not allowed when `{depends_on_name}` is {depends}; allowed: {a or b}``.
///
/// ```
/// use mpapi_runtime::{Path, Violations, rules};
/// let category = 2;
/// let allowed: Option<&[&str]> = match category {
///     1 => Some(&["BOOK", "PEN"]),
///     2 => Some(&["FOOD"]),
///     _ => None,
/// };
/// let kind = String::from("BOOK");
/// let mut out = Violations::new();
/// let root = Path::Root;
/// rules::allowed_values(Some(&kind), Some(&category), allowed, &root.field("kind"), None, "category", &mut out);
/// assert_eq!(out.as_slice()[0].message, "BOOK is not allowed when `category` is 2; allowed: FOOD");
/// ```
pub fn allowed_values<T, A, D>(
    value: Option<&T>,
    depends_on: Option<&D>,
    allowed: Option<&[A]>,
    path: &Path<'_>,
    code: Option<i64>,
    depends_on_name: &str,
    out: &mut Violations,
) where
    T: ?Sized + PartialEq<A> + Display,
    A: Display,
    D: ?Sized + Display,
{
    let (Some(value), Some(allowed)) = (value, allowed) else {
        return;
    };
    if allowed.iter().any(|a| value == a) {
        return;
    }
    out.push(
        path,
        RuleKind::AllowedValues,
        code,
        format_args!(
            "{value} is not allowed when `{depends_on_name}` is {}; allowed: {}",
            OrAbsent(depends_on),
            Alternatives(allowed)
        ),
    );
}

/// `a or b or c`, or `nothing` for an empty row.
struct Alternatives<'a, A>(&'a [A]);

impl<A: Display> Display for Alternatives<'_, A> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("nothing");
        }
        for (i, a) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(" or ")?;
            }
            a.fmt(f)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checks_only_a_present_value_against_a_selected_row() {
        let root = Path::Root;
        let p = root.field("sub_type");
        let mut out = Violations::new();
        allowed_values::<u8, u8, u8>(None, Some(&1), Some(&[1, 2]), &p, None, "t", &mut out);
        allowed_values::<u8, u8, u8>(Some(&9), Some(&1), None, &p, None, "t", &mut out);
        allowed_values(
            Some(&2u8),
            Some(&1u8),
            Some(&[1u8, 2]),
            &p,
            None,
            "t",
            &mut out,
        );
        assert!(out.is_empty());
        allowed_values(
            Some(&3u8),
            Some(&1u8),
            Some(&[1u8, 2, 4]),
            &p,
            Some(7),
            "type",
            &mut out,
        );
        allowed_values::<u8, u8, str>(Some(&3), None, Some(&[]), &p, None, "type", &mut out);
        assert_eq!(out.len(), 2);
        let v = &out.as_slice()[0];
        assert_eq!(
            (v.path.as_str(), v.rule, v.code),
            ("sub_type", RuleKind::AllowedValues.into(), Some(7))
        );
        assert_eq!(
            v.message,
            "3 is not allowed when `type` is 1; allowed: 1 or 2 or 4"
        );
        assert_eq!(
            out.as_slice()[1].message,
            "3 is not allowed when `type` is absent; allowed: nothing"
        );
    }

    #[test]
    fn strings_compare_with_literals() {
        let mut out = Violations::new();
        let v = String::from("A");
        allowed_values(
            Some(&v),
            Some("x"),
            Some(&["A", "B"]),
            &Path::Root,
            None,
            "d",
            &mut out,
        );
        allowed_values(
            Some("A"),
            Some("x"),
            Some(&[String::from("A")]),
            &Path::Root,
            None,
            "d",
            &mut out,
        );
        assert!(out.is_empty());
    }
}
