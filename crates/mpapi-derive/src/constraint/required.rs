//! `required` / `required(code = INT)`: the code reported when a non-`Option` member is
//! missing from the raw JSON.

use syn::Ident;

use super::Place;
use crate::args::{Arg, ArgReader};
use crate::diag::Diagnostics;

/// The platform code for "missing".
pub(crate) struct Required {
    pub(crate) code: Option<i64>,
}

/// Reads `required` or `required(code = INT)`.
pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Required {
    let mut reader = ArgReader::new(key, list, &["code"], diag);
    Required {
        code: reader.code(),
    }
}

/// Only on non-`Option` fields: an `Option` field may always be missing.
pub(crate) fn check(key: &Ident, place: Place, diag: &mut Diagnostics) {
    if let Place::Field(shape) = place
        && shape.optional
    {
        diag.error(
            key.span(),
            "`required` cannot apply to an `Option` field, which may always be missing; \
                 make the field non-optional or remove `required`",
        );
    }
}
