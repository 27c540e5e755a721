//! `custom`: the escape hatch. The generator calls the function the spec names with the
//! object, its path and the violations; nothing here runs it.

use crate::{Path, Violations};

/// The signature of a hand-written check named by a spec's `custom` rule: it receives the
/// object that carries the rule, the object's path, and the violations to add to.
///
/// ```
/// use mpapi_runtime::{Path, RuleKind, Violations, rules::CustomCheck};
/// fn even(value: &u32, path: &Path<'_>, out: &mut Violations) {
///     if value % 2 != 0 {
///         out.push(path, RuleKind::Custom, None, "must be even");
///     }
/// }
/// let check: CustomCheck<u32> = even;
/// let mut out = Violations::new();
/// check(&3, &Path::Root, &mut out);
/// assert_eq!(out.len(), 1);
/// ```
pub type CustomCheck<T> = fn(&T, &Path<'_>, &mut Violations);
