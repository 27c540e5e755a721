//! `bytes: {min, max}`: length in UTF-8 bytes (the docs' 字符字节限制).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, bound_args, bounded_call, usize_lit};

pub(super) fn attr(b: &Bounds<u64>) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(bytes(#(#args),*))
}

pub(super) fn call(b: &Bounds<u64>, value: &TokenStream, path: &TokenStream) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::bytes::check),
        value,
        path,
    )
}
