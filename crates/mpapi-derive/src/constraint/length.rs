//! `min`/`max`/`code` bounds shared by `bytes`, `chars` and `items`.

use proc_macro2::TokenStream;
use syn::Ident;

use crate::args::{self, Arg, ArgReader, Bound};
use crate::diag::Diagnostics;

/// Inclusive length bounds and the platform code reported when they are broken.
pub(crate) struct Length {
    pub(crate) min: Option<Bound>,
    pub(crate) max: Option<Bound>,
    pub(crate) code: Option<i64>,
    /// Some bound was written, even if it was rejected (and reported) when read.
    attempted: bool,
}

/// Reads `(min = N, max = N, code = INT)`.
pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Length {
    let attempted = args::attempts_more_than_code(&list);
    let mut reader = ArgReader::new(key, list, &["min", "max", "code"], diag);
    Length {
        attempted,
        min: reader.length("min"),
        max: reader.length("max"),
        code: reader.code(),
    }
}

impl Length {
    /// At least one bound, and `min <= max`.
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
    }

    /// The `min, max, code` arguments of the runtime check.
    pub(crate) fn arguments(&self) -> TokenStream {
        let min = args::opt_length(self.min);
        let max = args::opt_length(self.max);
        let code = args::opt_code(self.code);
        quote::quote!(#min, #max, #code)
    }
}
