//! `items(min, max, min_code, max_code, code)`: number of elements of a list field.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::length::Length;
use super::{Kind, Place};
use crate::args::Arg;
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// The bounds of an `items(...)` constraint.
pub(crate) struct Items(Length);

impl Kind for Items {
    const IN_EACH: bool = false;

    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
        Items(Length::parse(key, list, diag))
    }

    /// Only on `Vec<_>` / `Option<Vec<_>>` fields.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        match place {
            Place::Field(shape) if shape.list => self.0.check(key, diag),
            _ => diag.error(
                key.span(),
                "`items` applies to list fields (`Vec<_>` or `Option<Vec<_>>`) only; \
                 use `bytes` or `chars` for the length of a string",
            ),
        }
    }

    /// Emits `constraint::items::check`.
    fn emit(&self, _scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream {
        self.0.emit(
            &quote!(::mpapi_runtime::constraint::items::check),
            value,
            path,
        )
    }

    /// Emits `constraint::items::check_len` on the element count of a raw JSON array.
    fn emit_len(&self, len: &TokenStream, path: &TokenStream) -> TokenStream {
        self.0.emit(
            &quote!(::mpapi_runtime::constraint::items::check_len),
            len,
            path,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn checks_the_typed_list_and_the_raw_length() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(items(max = 3))]
                a: Vec<String>,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains("constraint :: items :: check (AsOpt :: as_opt (& self . a) , None , Some (3) , None ,"),
            "{out}"
        );
        assert!(
            out.contains("constraint :: items :: check_len (__mpapi_elements . len () , None , Some (3) , None ,"),
            "{out}"
        );
    }

    #[test]
    fn refuses_a_string_field() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(items(max = 3))]
                a: String,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(
            errors,
            ["`items` applies to list fields (`Vec<_>` or `Option<Vec<_>>`) only; use `bytes` \
              or `chars` for the length of a string"]
        );
    }
}
