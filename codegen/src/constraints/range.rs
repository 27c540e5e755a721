//! `range: {min, max}`: an inclusive numeric range.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, Num, bound_args, opt, opt_code};
use crate::ir::Ty;

pub(super) fn attr(b: &Bounds<Num>, ty: &Ty) -> TokenStream {
    let args = bound_args(b, |n| crate::emit::num_literal(*n, ty));
    quote!(range(#(#args),*))
}

pub(super) fn call(
    b: &Bounds<Num>,
    value: &TokenStream,
    path: &TokenStream,
    ty: &Ty,
) -> TokenStream {
    let lit = |n: &Option<Num>| opt(n.map(|n| crate::emit::num_literal(n, ty)));
    let (min, max) = (lit(&b.min), lit(&b.max));
    let check = quote!(::mpapi_runtime::constraint::range::check);
    if b.min_code == b.max_code || b.min.is_none() || b.max.is_none() {
        let code = opt_code(b.min_code.or(b.max_code));
        return quote!(#check(#value, #min, #max, #code, #path, out););
    }
    let none = quote!(None);
    let (lo, hi) = (opt_code(b.min_code), opt_code(b.max_code));
    quote! {
        #check(#value, #min, #none, #lo, #path, out);
        #check(#value, #none, #max, #hi, #path, out);
    }
}

pub(super) fn describe(b: &Bounds<Num>) -> String {
    let text = |n: &Num| match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => f.to_string(),
    };
    match (&b.min, &b.max) {
        (Some(a), Some(z)) => format!("from {} to {}", text(a), text(z)),
        (Some(a), None) => format!("at least {}", text(a)),
        (None, Some(z)) => format!("at most {}", text(z)),
        (None, None) => "any number".to_owned(),
    }
}
