//! Rules between fields, one function per [`RuleKind`](crate::RuleKind).
//!
//! The generator turns each rule of a spec into one call to one of these functions in the
//! type's `check_rules`. Every function records violations only on failure, builds its
//! message only then, and allocates nothing while the value is valid (apart from
//! [`unique_by`] on lists longer than [`UNIQUE_BY_PAIRWISE_MAX`], which allocates one set).
//!
//! Paths below a list element are given as a slice of wire names (`&["price", "amount"]`)
//! and rendered only when a violation is recorded (see [`Violations::push_at`]).
//!
//! [`Violations::push_at`]: crate::Violations::push_at

use std::fmt;

mod all_or_none;
mod allowed_values;
mod equal;
mod length_equals;
mod one_of_required;
mod required_if;
mod sum;
mod unique_by;

/// The path and the collection every rule function takes, so that generated rule functions
/// can name them as `rules::Path` and `rules::Violations`.
pub use crate::{Path, Violations};

pub use all_or_none::all_or_none;
pub use allowed_values::allowed_values;
pub use equal::equal;
pub use length_equals::length_equals;
pub use one_of_required::one_of_required;
pub use required_if::required_if;
pub use sum::{SUM_TOLERANCE, sum_equals, sum_equals_f64};
pub use unique_by::{UNIQUE_BY_PAIRWISE_MAX, unique_by};

/// Field names joined with `.`, written without building a string.
struct Dotted<'a>(&'a [&'static str]);

impl fmt::Display for Dotted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, name) in self.0.iter().enumerate() {
            if i > 0 {
                f.write_str(".")?;
            }
            f.write_str(name)?;
        }
        Ok(())
    }
}

/// How a message names a list: its field name, or else its whole path (`(root)` for the
/// document root).
struct ListName<'a, 'p>(&'a Path<'p>);

impl fmt::Display for ListName<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0.last_field() {
            Some(name) => f.write_str(name),
            None if self.0.is_root() => f.write_str("(root)"),
            None => self.0.fmt(f),
        }
    }
}

/// `Some` value or `absent`.
struct OrAbsent<'a, T: ?Sized>(Option<&'a T>);

impl<T: fmt::Display + ?Sized> fmt::Display for OrAbsent<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => v.fmt(f),
            None => f.write_str("absent"),
        }
    }
}
