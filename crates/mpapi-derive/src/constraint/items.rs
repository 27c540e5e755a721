//! `items(min, max, min_code, max_code, code)`: number of elements of a list field.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::Place;
use super::length::Length;
use crate::diag::Diagnostics;

/// Only on `Vec<_>` / `Option<Vec<_>>` fields.
pub(crate) fn check(key: &Ident, length: &Length, place: Place, diag: &mut Diagnostics) {
    match place {
        Place::Field(shape) if shape.list => length.check(key, diag),
        _ => diag.error(
            key.span(),
            "`items` applies to list fields (`Vec<_>` or `Option<Vec<_>>`) only; \
             use `bytes` or `chars` for the length of a string",
        ),
    }
}

/// Emits `constraint::items::check`.
pub(crate) fn emit(length: &Length, value: &TokenStream, path: &TokenStream) -> TokenStream {
    length.emit(
        &quote!(::mpapi_runtime::constraint::items::check),
        value,
        path,
    )
}

/// Emits `constraint::items::check_len` on `len`, a `usize` expression: the element count
/// of a raw JSON array that could not be typed as a whole.
pub(crate) fn emit_len(length: &Length, len: &TokenStream, path: &TokenStream) -> TokenStream {
    length.emit(
        &quote!(::mpapi_runtime::constraint::items::check_len),
        len,
        path,
    )
}
