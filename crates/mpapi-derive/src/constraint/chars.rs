//! `chars(min, max, min_code, max_code, code)`: string length in characters.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::length::Length;
use super::{Kind, Place};
use crate::args::Arg;
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// The bounds of a `chars(...)` constraint.
pub(crate) struct Chars(Length);

impl Kind for Chars {
    const IN_EACH: bool = true;

    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
        Chars(Length::parse(key, list, diag))
    }

    /// On a string, with at least one bound and `min <= max`.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        super::check_string_place(key, place, diag);
        self.0.check(key, diag);
    }

    /// Emits `constraint::chars::check`.
    fn emit(&self, _scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream {
        self.0.emit(
            &quote!(::mpapi_runtime::constraint::chars::check),
            value,
            path,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn expands_to_the_runtime_check_once_per_end_with_its_code() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(chars(min = 2, max = 10, min_code = 1, max_code = 2))]
                a: Option<String>,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains(
                "constraint :: chars :: check (AsOpt :: as_opt (& self . a) , Some (2) , None , \
                 Some (1) ,"
            ),
            "{out}"
        );
        assert!(
            out.contains(
                "constraint :: chars :: check (AsOpt :: as_opt (& self . a) , None , Some (10) , \
                 Some (2) ,"
            ),
            "{out}"
        );
    }

    #[test]
    fn refuses_a_list_field_and_min_above_max() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(chars(max = 1))]
                a: Vec<String>,
                #[validate(chars(min = 5, max = 1))]
                b: String,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(errors.len(), 2, "{errors:?}");
        assert!(errors[0].starts_with("`chars` cannot apply to a list field directly"));
        assert_eq!(
            errors[1],
            "`chars` has min 5 greater than max 1; no value could satisfy it"
        );
    }
}
