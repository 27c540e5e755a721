//! Checks that every field's constraints make sense for its type and serde settings.

use crate::constraint::{self, Constraint, Place};
use crate::diag::Diagnostics;
use crate::ty::FieldShape;

use super::parse::{FieldInput, StructInput, field_span};

/// A field that passed the checks, with what the emitter needs to know about it.
pub(crate) struct CheckedField {
    pub(crate) shape: FieldShape,
    /// The member may be missing from the JSON (an `Option`, or serde fills a default).
    pub(crate) may_be_missing: bool,
    /// The platform code reported when a required member is missing.
    pub(crate) missing_code: Option<i64>,
}

/// Checks every field, reporting every problem; returns one entry per field.
pub(crate) fn check(input: &StructInput, diag: &mut Diagnostics) -> Vec<CheckedField> {
    if let Some(span) = input.serde.rename_all {
        diag.error(
            span,
            "#[derive(Validate)] needs each wire name spelled out: use `#[serde(rename = \"...\")]` \
             on the fields that differ instead of `rename_all`",
        );
    }
    input.fields.iter().map(|f| field(input, f, diag)).collect()
}

fn field(input: &StructInput, f: &FieldInput, diag: &mut Diagnostics) -> CheckedField {
    let shape = FieldShape::of(&f.ty);
    constraint::check_duplicates(&f.constraints, diag);
    for item in &f.constraints {
        constraint::check(item, Place::Field(shape), diag);
    }
    let defaulted = f.serde.default || input.serde.default;
    let mut missing_code = None;
    for item in &f.constraints {
        if let Constraint::Required(r) = &item.constraint {
            missing_code = r.code;
            if defaulted && !shape.optional {
                diag.error(
                    item.key.span(),
                    "`required` contradicts `#[serde(default)]`, which fills a missing member; \
                     remove one of them",
                );
            }
        }
    }
    if let Some(span) = f.serde.flatten
        && !f.constraints.is_empty()
    {
        diag.error(
            span,
            "a `#[serde(flatten)]` field has no member of its own to constrain; put the \
                 constraints on the fields of the flattened type",
        );
    }
    if f.serde.skip && !f.constraints.is_empty() {
        diag.error(
            field_span(f),
            "this field is skipped by serde, so it is never on the wire; its constraints \
             could never apply",
        );
    }
    CheckedField {
        shape,
        may_be_missing: shape.optional || defaulted,
        missing_code,
    }
}
