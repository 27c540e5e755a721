//! One module per constraint kind. `#[derive(Validate)]` calls these; each takes the
//! value (absent optional values pass), the bounds, the platform error code to report
//! and the path, and records at most one violation.

pub mod bytes;
pub mod chars;
pub mod format;
pub mod items;
pub mod pattern;
pub mod range;
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
