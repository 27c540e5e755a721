//! `min_code`, `max_code` and `code` of a bounded constraint (`bytes`, `chars`, `items`,
//! `range`): which platform code a failure at each end reports.
//!
//! An end-specific code wins at its end; `code` applies to an end without one. Docs often
//! give a code for "cannot be empty" and none for "too long", so the two ends may differ.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::args::{self, ArgReader, Code};
use crate::diag::Diagnostics;

/// The keys read by [`BoundCodes::read`].
pub(crate) const KEYS: &[&str] = &["code", "min_code", "max_code"];

/// The codes as written.
pub(crate) struct BoundCodes {
    code: Option<Code>,
    min_code: Option<Code>,
    max_code: Option<Code>,
}

/// Which bounds were written (even if a value was rejected and reported when read).
#[derive(Clone, Copy)]
pub(crate) struct Written {
    pub(crate) min: bool,
    pub(crate) max: bool,
}

impl BoundCodes {
    /// Reads `code`, `min_code` and `max_code` from `reader`.
    pub(crate) fn read(reader: &mut ArgReader<'_>) -> Self {
        BoundCodes {
            code: reader.code_at("code"),
            min_code: reader.code_at("min_code"),
            max_code: reader.code_at("max_code"),
        }
    }

    /// `min_code` needs `min`, `max_code` needs `max`, and `code` must be left for some
    /// end to report (otherwise it would silently do nothing).
    pub(crate) fn check(&self, key: &Ident, written: Written, diag: &mut Diagnostics) {
        for (end, bound, code) in [
            ("min", written.min, &self.min_code),
            ("max", written.max, &self.max_code),
        ] {
            if let (false, Some(code)) = (bound, code) {
                diag.error(
                    code.span,
                    format!(
                        "`{end}_code` in `{key}(...)` needs `{end}`: it is the code reported \
                         when the `{end}` bound fails; add `{end} = N` or remove `{end}_code`"
                    ),
                );
            }
        }
        let misplaced =
            (!written.min && self.min_code.is_some()) || (!written.max && self.max_code.is_some());
        let min_owned = !written.min || self.min_code.is_some();
        let max_owned = !written.max || self.max_code.is_some();
        if let Some(code) = &self.code
            && (written.min || written.max)
            && min_owned
            && max_owned
            && !misplaced
        {
            diag.error(
                code.span,
                format!(
                    "`code` in `{key}(...)` is never reported: every bound has its own \
                     `min_code`/`max_code`; remove `code`"
                ),
            );
        }
    }

    /// The code reported below `min`.
    fn below(&self) -> Option<i64> {
        self.min_code.or(self.code).map(|c| c.value)
    }

    /// The code reported above `max`.
    fn above(&self) -> Option<i64> {
        self.max_code.or(self.code).map(|c| c.value)
    }

    /// Emits the runtime check: one call when both ends report the same code, else one
    /// call per end, each with its own code. `min`/`max` are the bound expressions (not
    /// wrapped in `Option`); `call(min, max, code)` writes one call of the check with
    /// those `Option` arguments.
    pub(crate) fn emit(
        &self,
        min: Option<TokenStream>,
        max: Option<TokenStream>,
        call: impl Fn(&TokenStream, &TokenStream, &TokenStream) -> TokenStream,
    ) -> TokenStream {
        let none = quote!(::std::option::Option::None);
        let some = |v: &TokenStream| quote!(::std::option::Option::Some(#v));
        let (below, above) = (self.below(), self.above());
        match (&min, &max) {
            (Some(lo), Some(hi)) if below != above => {
                let at_min = call(&some(lo), &none, &args::opt_code(below));
                let at_max = call(&none, &some(hi), &args::opt_code(above));
                quote! {{
                    let __mpapi_before = __mpapi_out.len();
                    #at_min
                    // A value failing both ends (NaN) is still reported once.
                    if __mpapi_out.len() == __mpapi_before {
                        #at_max
                    }
                }}
            }
            _ => {
                let code = if min.is_some() { below } else { above };
                let min = min.as_ref().map_or_else(|| none.clone(), some);
                let max = max.as_ref().map_or_else(|| none.clone(), some);
                call(&min, &max, &args::opt_code(code))
            }
        }
    }
}
