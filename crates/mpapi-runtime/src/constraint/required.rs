//! Presence of a required member (reported by the JSON shape check).

use crate::{Path, Violations};

/// Records that the required member at `path` is missing (or `null`).
pub fn missing(code: Option<i64>, path: &Path<'_>, out: &mut Violations) {
    out.push(
        path,
        crate::ConstraintKind::Required,
        code,
        "is required but missing",
    );
}
