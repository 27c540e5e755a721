//! `range(min = LIT, max = LIT, min_code = INT, max_code = INT, code = INT)`: numeric
//! range, inclusive.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::Place;
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

/// Reads `(min = LIT, max = LIT, min_code = INT, max_code = INT, code = INT)`.
pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Range {
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

impl Range {
    /// A numeric value, at least one bound, `min <= max`, no fractional bound on an
    /// integer, and codes that fit the bounds.
    pub(crate) fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
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
    pub(crate) fn emit(
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
