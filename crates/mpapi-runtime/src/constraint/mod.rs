//! One module per constraint kind. `#[derive(Validate)]` calls these; each takes the
//! value (absent optional values pass), the bounds, the platform error code to report
//! and the path, and records at most one violation.

/// Calls `$callback!` with every constraint kind a spec can write on a field, one
/// `module Variant "description";` entry each.
///
/// This is the one list of constraint kinds: the runtime's
/// [`ConstraintKind`](crate::ConstraintKind) and its check modules (`constraint::<module>`)
/// are made from it here, `mpapi-derive` makes its `#[validate(<module>(...))]` keys from
/// it, and the generator makes its constraint modules from it. Adding a constraint kind adds
/// one line here and one module on each of the three sides.
#[doc(hidden)]
#[macro_export]
macro_rules! for_each_constraint_kind {
    ($callback:ident) => {
        $callback! {
            bytes Bytes "A string's length in UTF-8 bytes.";
            chars Chars "A string's length in characters.";
            items Items "An array's number of elements.";
            range Range "A number lies within bounds.";
            pattern Pattern "A string matches a regular expression.";
            format Format "A string has a named format (an RFC 3339 date-time, or an http(s) URL).";
        }
    };
}

/// Declares each kind's check module.
macro_rules! check_modules {
    ($($module:ident $variant:ident $doc:literal;)*) => {
        $(
            #[doc = $doc]
            pub mod $module;
        )*
    };
}

crate::for_each_constraint_kind!(check_modules);

pub mod required;
pub mod url_like;

/// Renders "between 1 and 64", "at least 1" or "at most 64".
pub(crate) fn bounds(
    min: Option<impl std::fmt::Display>,
    max: Option<impl std::fmt::Display>,
) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("between {a} and {b}"),
        (Some(a), None) => format!("at least {a}"),
        (None, Some(b)) => format!("at most {b}"),
        (None, None) => "any".to_owned(),
    }
}
