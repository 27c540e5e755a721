//! `bytes(min, max, min_code, max_code, code)`: string length in UTF-8 bytes.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::length::Length;
use super::{Kind, Place};
use crate::args::Arg;
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// The bounds of a `bytes(...)` constraint.
pub(crate) struct Bytes(Length);

impl Kind for Bytes {
    const IN_EACH: bool = true;

    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
        Bytes(Length::parse(key, list, diag))
    }

    /// On a string, with at least one bound and `min <= max`.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        super::check_string_place(key, place, diag);
        self.0.check(key, diag);
    }

    /// Emits `constraint::bytes::check`.
    fn emit(&self, _scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream {
        self.0.emit(
            &quote!(::mpapi_runtime::constraint::bytes::check),
            value,
            path,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn expands_to_the_runtime_check_with_its_bounds() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(bytes(min = 1, max = 64, code = 40001))]
                a: String,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains(
                "constraint :: bytes :: check (AsOpt :: as_opt (& self . a) , Some (1) , \
                 Some (64) , Some (40001) , & __mpapi_field_path , __mpapi_out)"
            ),
            "{out}"
        );
    }

    #[test]
    fn refuses_a_number_and_a_missing_bound() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(bytes(max = 1))]
                a: u32,
                #[validate(bytes())]
                b: String,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(
            errors,
            [
                "`bytes` applies to strings, but this value is an integer",
                "`bytes` needs at least one bound: `bytes(min = N)`, `bytes(max = N)` or both",
            ]
        );
    }
}
