//! `bytes(min, max, min_code, max_code, code)`: string length in UTF-8 bytes.

use proc_macro2::TokenStream;
use quote::quote;

use super::length::Length;

/// Emits `constraint::bytes::check`.
pub(crate) fn emit(length: &Length, value: &TokenStream, path: &TokenStream) -> TokenStream {
    length.emit(
        &quote!(::mpapi_runtime::constraint::bytes::check),
        value,
        path,
    )
}
