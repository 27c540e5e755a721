//! `chars(min, max, min_code, max_code, code)`: string length in characters.

use proc_macro2::TokenStream;
use quote::quote;

use super::length::Length;

/// Emits `constraint::chars::check`.
pub(crate) fn emit(length: &Length, value: &TokenStream, path: &TokenStream) -> TokenStream {
    length.emit(
        &quote!(::mpapi_runtime::constraint::chars::check),
        value,
        path,
    )
}
