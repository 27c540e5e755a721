//! `items: {min, max}`: the number of elements of a list (the docs' 多重性).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, bound_args, bounded_call, usize_lit};

pub(super) fn attr(b: &Bounds<u64>) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(items(#(#args),*))
}

pub(super) fn call(b: &Bounds<u64>, value: &TokenStream, path: &TokenStream) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::items::check),
        value,
        path,
    )
}
