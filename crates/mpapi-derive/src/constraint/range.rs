//! `range(min = LIT, max = LIT, min_code = INT, max_code = INT, code = INT)`: numeric
//! range, inclusive.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::{Kind, Place};
use super::bound_codes::{self, BoundCodes, Written};
use crate::args::{self, Arg, ArgReader, Number};
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// Numeric bounds as written (so that they infer the field's type) and the platform codes.
pub(crate) struct Range {
    min: Option<Number>,
    max: Option<Number>,
    codes: BoundCodes,
    /// Some bound was written, even if it was rejected (and reported) when read.
    attempted: bool,
    written: Written,
}

impl Kind for Range {
    const IN_EACH: bool = true;

    /// Reads `(min = LIT, max = LIT, min_code = INT, max_code = INT, code = INT)`.
    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
    let attempted = args::attempts_more_than_code(&list);
    let written = Written {
        min: list.iter().any(|a| a.key == "min"),
        max: list.iter().any(|a| a.key == "max"),
    };
    let allowed = [&["min", "max"][..], bound_codes::KEYS].concat();
    let mut reader = ArgReader::new(key, list, &allowed, diag);
    Range {
        attempted,
        written,
        min: reader.number("min"),
        max: reader.number("max"),
        codes: BoundCodes::read(&mut reader),
    }
    }

    /// A numeric value, at least one bound, `min <= max`, no fractional bound on an
    /// integer, and codes that fit the bounds.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        self.codes.check(key, self.written, diag);
        let Some(scalar) = super::scalar_at(key, place, diag) else {
            return;
        };
        if matches!(scalar, Scalar::Str | Scalar::Bool) {
            let hint = if scalar == Scalar::Str {
                "; use `bytes` or `chars` for the length of a string"
            } else {
                ""
            };
            diag.error(
                key.span(),
                format!(
                    "`range` applies to numbers, but this value is {}{hint}",
                    scalar.describe()
                ),
            );
            return;
        }
        if scalar == Scalar::Int {
            for bound in self.min.iter().chain(&self.max) {
                if bound.is_float() {
                    diag.error(
                        bound.span(),
                        "a fractional bound cannot constrain an integer value; write an integer",
                    );
                }
            }
        }
        match (&self.min, &self.max) {
            (None, None) if !self.attempted => diag.error(
                key.span(),
                "`range` needs at least one bound: `range(min = N)`, `range(max = N)` or both",
            ),
            (Some(min), Some(max)) if greater(min, max) => diag.error(
                min.span(),
                "`range` has min greater than max; no value could satisfy it",
            ),
            _ => {}
        }
    }

    /// Emits `constraint::range::check` with `Some(LIT)` bounds, once or once per end (see
    /// [`BoundCodes::emit`]); on a float value an unsuffixed integer bound is written as a
    /// float literal so that it type-checks.
    fn emit(
        &self,
        scalar: Scalar,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        let as_float = scalar == Scalar::Float;
        let bound = |b: &Option<Number>| b.as_ref().map(|n| n.tokens(as_float));
        self.codes
            .emit(bound(&self.min), bound(&self.max), |min, max, code| {
                quote! {
                    ::mpapi_runtime::constraint::range::check(#value, #min, #max, #code, #path, __mpapi_out);
                }
            })
    }
}

fn greater(min: &Number, max: &Number) -> bool {
    match (min.as_i128(), max.as_i128()) {
        (Some(a), Some(b)) => a > b,
        _ => match (min.as_f64(), max.as_f64()) {
            (Some(a), Some(b)) => a > b,
            _ => false,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn writes_integer_bounds_as_floats_on_a_float_field() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(range(min = 0, max = 100, code = 7))]
                a: f64,
                #[validate(each(range(min = 1)))]
                b: Vec<u32>,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains("constraint :: range :: check (AsOpt :: as_opt (& self . a) , Some (0.0) , Some (100.0) , Some (7) ,"),
            "{out}"
        );
        assert!(
            out.contains("constraint :: range :: check (AsOpt :: as_opt (__mpapi_item) , Some (1) , None , None ,"),
            "{out}"
        );
    }

    #[test]
    fn refuses_a_string_and_a_fractional_bound_on_an_integer() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(range(max = 1))]
                a: String,
                #[validate(range(max = 1.5))]
                b: i64,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(
            errors,
            [
                "`range` applies to numbers, but this value is a string; use `bytes` or `chars` \
                 for the length of a string",
                "a fractional bound cannot constrain an integer value; write an integer",
            ]
        );
    }
}
