//! One module per constraint kind: each reads its arguments (parse), checks that they
//! make sense for the field (check) and writes the call into `mpapi_runtime::constraint`
//! (emit).

pub(crate) mod bound_codes;
pub(crate) mod bytes;
pub(crate) mod chars;
pub(crate) mod each;
pub(crate) mod format;
pub(crate) mod items;
pub(crate) mod length;
pub(crate) mod pattern;
pub(crate) mod range;
pub(crate) mod required;

use proc_macro2::TokenStream;
use syn::Ident;
use syn::meta::ParseNestedMeta;

use crate::args;
use crate::diag::{Diagnostics, did_you_mean};
use crate::ty::{FieldShape, Scalar};

/// Keys accepted in a field's `#[validate(...)]`.
pub(crate) const FIELD_KEYS: &[&str] = &[
    "bytes", "chars", "items", "range", "pattern", "format", "each", "required",
];

/// Keys accepted inside `each(...)`: the constraints on a single scalar.
pub(crate) const EACH_KEYS: &[&str] = &["bytes", "chars", "range", "pattern", "format"];

/// A parsed constraint.
pub(crate) enum Constraint {
    Required(required::Required),
    Bytes(length::Length),
    Chars(length::Length),
    Items(length::Length),
    Range(range::Range),
    Pattern(pattern::Pattern),
    Format(format::Format),
    Each(each::Each),
}

/// A constraint with the key it was written with (for spans and messages).
pub(crate) struct Keyed {
    pub(crate) key: Ident,
    pub(crate) constraint: Constraint,
}

/// Where a constraint applies: to a whole field, or to each element of a list field.
#[derive(Clone, Copy)]
pub(crate) enum Place {
    Field(FieldShape),
    Element(Scalar),
}

/// Parses one `key(...)` of a `#[validate(...)]` list (or of an `each(...)` list when
/// `in_each`). Unknown keys are reported and skipped; `Ok(None)` then.
pub(crate) fn parse(
    meta: &ParseNestedMeta,
    in_each: bool,
    diag: &mut Diagnostics,
) -> syn::Result<Option<Keyed>> {
    let key = args::key_ident(meta)?;
    let name = key.to_string();
    let constraint = match name.as_str() {
        "bytes" => Constraint::Bytes(length::parse(&key, args::list(meta)?, diag)),
        "chars" => Constraint::Chars(length::parse(&key, args::list(meta)?, diag)),
        "range" => Constraint::Range(range::parse(&key, args::list(meta)?, diag)),
        "pattern" => Constraint::Pattern(pattern::parse(&key, args::list(meta)?, diag)),
        "format" => Constraint::Format(format::parse(&key, args::list(meta)?, diag)),
        "items" | "required" | "each" if in_each => {
            diag.error(
                key.span(),
                format!(
                    "`{name}` cannot be used inside `each(...)`, which holds the constraints \
                     of one element: {}; put `{name}` directly in `#[validate(...)]`",
                    EACH_KEYS.join(", ")
                ),
            );
            args::skip_rest(meta)?;
            return Ok(None);
        }
        "items" => Constraint::Items(length::parse(&key, args::list(meta)?, diag)),
        "required" => Constraint::Required(required::parse(&key, args::list(meta)?, diag)),
        "each" => Constraint::Each(each::parse(&key, meta, diag)?),
        _ => {
            let keys = if in_each { EACH_KEYS } else { FIELD_KEYS };
            let context = if in_each { " inside `each(...)`" } else { "" };
            diag.error(
                key.span(),
                format!(
                    "unknown validation `{name}`{context}; expected one of {}{}",
                    keys.join(", "),
                    did_you_mean(&name, keys)
                ),
            );
            args::skip_rest(meta)?;
            return Ok(None);
        }
    };
    Ok(Some(Keyed { key, constraint }))
}

/// Reports every `key` that appears more than once in `list`.
pub(crate) fn check_duplicates(list: &[Keyed], diag: &mut Diagnostics) {
    for (i, item) in list.iter().enumerate() {
        if list[..i].iter().any(|earlier| earlier.key == item.key) {
            diag.error(
                item.key.span(),
                format!(
                    "duplicate `{}` constraint on this field; give each constraint once",
                    item.key
                ),
            );
        }
    }
}

/// Checks that `item` makes sense at `place`.
pub(crate) fn check(item: &Keyed, place: Place, diag: &mut Diagnostics) {
    let key = &item.key;
    match &item.constraint {
        Constraint::Required(_) => required::check(key, place, diag),
        Constraint::Items(l) => items::check(key, l, place, diag),
        Constraint::Each(e) => each::check(key, e, place, diag),
        Constraint::Bytes(l) | Constraint::Chars(l) => {
            check_string_place(key, place, diag);
            l.check(key, diag);
        }
        Constraint::Pattern(p) => {
            check_string_place(key, place, diag);
            p.check(diag);
        }
        Constraint::Format(_) => check_string_place(key, place, diag),
        Constraint::Range(r) => r.check(key, place, diag),
    }
}

/// The scalar a value-level constraint sees at `place`, or `None` (after reporting) when
/// the place is a list field, where the constraint belongs in `each(...)`.
pub(crate) fn scalar_at(key: &Ident, place: Place, diag: &mut Diagnostics) -> Option<Scalar> {
    match place {
        Place::Field(shape) if shape.list => {
            diag.error(
                key.span(),
                format!(
                    "`{key}` cannot apply to a list field directly; use \
                     `each({key}(...))` to constrain every element, or `items(...)` for \
                     the number of elements"
                ),
            );
            None
        }
        Place::Field(shape) => Some(shape.scalar),
        Place::Element(scalar) => Some(scalar),
    }
}

fn check_string_place(key: &Ident, place: Place, diag: &mut Diagnostics) {
    if let Some(scalar) = scalar_at(key, place, diag)
        && matches!(scalar, Scalar::Int | Scalar::Float | Scalar::Bool)
    {
        diag.error(
            key.span(),
            format!(
                "`{key}` applies to strings, but this value is {}",
                scalar.describe()
            ),
        );
    }
}

/// Emits the check of a value-level constraint. `value` is an expression of type
/// `Option<&T>`, `path` a `Path` expression, and `out` the `&mut Violations`.
pub(crate) fn emit_value(
    item: &Keyed,
    scalar: Scalar,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    match &item.constraint {
        Constraint::Bytes(l) => bytes::emit(l, value, path),
        Constraint::Chars(l) => chars::emit(l, value, path),
        Constraint::Items(l) => items::emit(l, value, path),
        Constraint::Range(r) => r.emit(scalar, value, path),
        Constraint::Pattern(p) => p.emit(value, path),
        Constraint::Format(f) => f.emit(value, path),
        // Presence is checked on the raw JSON; list elements are emitted by the field.
        Constraint::Required(_) | Constraint::Each(_) => TokenStream::new(),
    }
}
