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

/// Calls `$callback!` with every rule kind, one `module Variant "description";` entry each.
///
/// This is the one list of rule kinds: the runtime's [`RuleKind`](crate::RuleKind) and its
/// combinator modules (`rules::<module>`) are made from it here, and the generator makes its
/// rule modules (`codegen/src/rules/<module>.rs`) from the same list, so a kind cannot exist
/// on one side only. Adding a rule kind adds one line here, its combinator module here, and
/// its generator module.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_rule_kind {
    ($callback:ident) => {
        $callback! {
            required_if RequiredIf "A field must be present when a condition on another field holds.";
            one_of_required OneOfRequired "At least one of several fields must be present.";
            all_or_none AllOrNone "A field of a list's elements is set on every element or on none.";
            unique_by UniqueBy "No two elements of a list share a key.";
            equal Equal "A field equals another field.";
            length_equals LengthEquals "An integer field equals the number of elements of a list.";
            allowed_values AllowedValues "The values allowed for a field depend on the value of another field.";
            sum Sum "A total equals a sum of (products of) other fields.";
            count Count "The number of elements of a list (or of those meeting a condition) is within bounds.";
            custom Custom "A hand-written check function named by the spec.";
        }
    };
}

/// Declares each kind's combinator module and re-exports its public items.
macro_rules! combinator_modules {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        $(
            mod $module;
            pub use $module::*;
        )*
    };
}

crate::for_each_rule_kind!(combinator_modules);

/// The path and the collection every rule function takes, so that generated rule functions
/// can name them as `rules::Path` and `rules::Violations`.
pub use crate::{Path, Violations};

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
