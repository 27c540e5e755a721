//! Rule combinators: each rule between fields that the generator emits is one call to one
//! of these functions, so generated code reads like the spec's rule list.
//!
//! Every combinator records a [`Violation`](crate::Violation) only on failure, builds its
//! message only then, and allocates nothing while the payload is valid (except
//! [`unique_by`] on long lists: at most one allocation per list).

mod all_or_none;
mod allowed_values;
mod equal;
mod length_equals;
mod one_of_required;
mod required_if;
mod sum;
mod unique_by;

pub use all_or_none::all_or_none;
pub use allowed_values::allowed_values;
pub use equal::equal;
pub use length_equals::length_equals;
pub use one_of_required::one_of_required;
pub use required_if::required_if;
pub use sum::{sum_equals, sum_equals_f64};
pub use unique_by::{UNIQUE_BY_SCAN_LIMIT, unique_by};

use crate::{Path, Violations};
use std::fmt::Display;

/// Records a violation at `base` followed by the field names `steps` (the path is built
/// on the stack, only here, on failure).
pub(crate) fn push_at(
    out: &mut Violations,
    base: &Path<'_>,
    steps: &[&'static str],
    rule: &'static str,
    code: Option<i64>,
    message: impl Display,
) {
    match steps.split_first() {
        None => out.push(base, rule, code, message),
        Some((first, rest)) => push_at(out, &base.field(first), rest, rule, code, message),
    }
}

/// `a.b` for messages.
pub(crate) fn dotted(steps: &[&'static str]) -> String {
    steps.join(".")
}

/// The last field name of a path, for messages (`item_list` for `order_list[0].item_list`).
pub(crate) fn last_name<'a>(path: &Path<'a>) -> &'a str {
    match path {
        Path::Field(_, name) => name,
        Path::Index(parent, _) => last_name(parent),
        Path::Root => "",
    }
}
