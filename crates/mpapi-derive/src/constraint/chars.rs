//! `chars(min, max, code)`: string length in characters.

use proc_macro2::TokenStream;
use quote::quote;

use super::length::Length;

/// Emits `constraint::chars::check`.
pub(crate) fn emit(length: &Length, value: &TokenStream, path: &TokenStream) -> TokenStream {
    let arguments = length.arguments();
    quote! {
        ::mpapi_runtime::constraint::chars::check(#value, #arguments, #path, __mpapi_out);
    }
}
