//! `min`/`max` bounds and their codes, shared by `bytes`, `chars` and `items`.

use proc_macro2::TokenStream;
use syn::Ident;

use super::bound_codes::{self, BoundCodes, Written};
use crate::args::{self, Arg, ArgReader, Bound};
use crate::diag::Diagnostics;

/// Inclusive length bounds and the platform codes reported when they are broken.
pub(crate) struct Length {
    pub(crate) min: Option<Bound>,
    pub(crate) max: Option<Bound>,
    codes: BoundCodes,
    /// Some bound was written, even if it was rejected (and reported) when read.
    attempted: bool,
    written: Written,
}

impl Length {
    /// Reads `(min = N, max = N, min_code = INT, max_code = INT, code = INT)`.
    pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Length {
        let attempted = args::attempts_more_than_code(&list);
        let written = Written {
            min: list.iter().any(|a| a.key == "min"),
            max: list.iter().any(|a| a.key == "max"),
        };
        let allowed = [&["min", "max"][..], bound_codes::KEYS].concat();
        let mut reader = ArgReader::new(key, list, &allowed, diag);
        Length {
            attempted,
            written,
            min: reader.length("min"),
            max: reader.length("max"),
            codes: BoundCodes::read(&mut reader),
        }
    }

    /// At least one bound, `min <= max`, and codes that fit the bounds.
    pub(crate) fn check(&self, key: &Ident, diag: &mut Diagnostics) {
        match (self.min, self.max) {
            (None, None) if !self.attempted => diag.error(
                key.span(),
                format!(
                    "`{key}` needs at least one bound: `{key}(min = N)`, `{key}(max = N)` or both"
                ),
            ),
            (Some(min), Some(max)) if min.value > max.value => diag.error(
                min.span,
                format!(
                    "`{key}` has min {} greater than max {}; no value could satisfy it",
                    min.value, max.value
                ),
            ),
            _ => {}
        }
        self.codes.check(key, self.written, diag);
    }

    /// The runtime check `check_fn` (a path to `constraint::{bytes,chars,items}::check`) on
    /// `value` at `path`, once or once per end (see [`BoundCodes::emit`]).
    pub(crate) fn emit(
        &self,
        check_fn: &TokenStream,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        let lit = |b: Bound| {
            let lit = proc_macro2::Literal::u64_unsuffixed(b.value);
            quote::quote!(#lit)
        };
        self.codes
            .emit(self.min.map(lit), self.max.map(lit), |min, max, code| {
                quote::quote! {
                    #check_fn(#value, #min, #max, #code, #path, __mpapi_out);
                }
            })
    }
}
