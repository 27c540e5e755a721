//! `chars: {min, max}`: length in characters (the docs' 字符长度限制).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, bound_args, bounded_call, usize_lit};

pub(super) fn attr(b: &Bounds<u64>) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(chars(#(#args),*))
}

pub(super) fn call(b: &Bounds<u64>, value: &TokenStream, path: &TokenStream) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::chars::check),
        value,
        path,
    )
}
