//! `format: {name}`: a named string format: `date-time` (RFC 3339) or `url` (the docs' link
//! rule, decided by a hand-written matcher).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::FormatName;

fn function(name: FormatName) -> proc_macro2::Ident {
    match name {
        FormatName::DateTime => format_ident!("date_time"),
        FormatName::Url => format_ident!("url"),
    }
}

pub(super) fn attr(name: FormatName, code: Option<i64>) -> TokenStream {
    let name = function(name);
    let code = code.map(|c| {
        let c = super::code_lit(c);
        quote!(, code = #c)
    });
    quote!(format(#name #code))
}

pub(super) fn call(
    name: FormatName,
    code: Option<i64>,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let f = function(name);
    let code = super::opt_code(code);
    quote!(::mpapi_runtime::constraint::format::#f(#value, #code, #path, out);)
}

pub(super) fn describe(name: FormatName) -> String {
    match name {
        FormatName::DateTime => "an RFC 3339 date-time".to_owned(),
        FormatName::Url => "an http(s) URL (the docs' link rule)".to_owned(),
    }
}
