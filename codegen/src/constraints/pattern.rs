//! `pattern: {regex}`: the value matches a regular expression.

use proc_macro2::TokenStream;
use quote::quote;

pub(super) fn attr(regex: &str, code: Option<i64>) -> TokenStream {
    let code = code.map(|c| {
        let c = super::code_lit(c);
        quote!(, code = #c)
    });
    quote!(pattern(regex = #regex #code))
}

pub(super) fn call(
    regex: &str,
    code: Option<i64>,
    value: &TokenStream,
    path: &TokenStream,
) -> TokenStream {
    let code = super::opt_code(code);
    quote! {
        static PATTERN: ::mpapi_runtime::constraint::pattern::Pattern =
            ::mpapi_runtime::constraint::pattern::Pattern::new(#regex);
        ::mpapi_runtime::constraint::pattern::check(#value, &PATTERN, #code, #path, out);
    }
}
