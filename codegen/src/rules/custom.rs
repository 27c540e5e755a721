//! `custom`: the escape hatch, a named hand-written `fn(&T, &Path, &mut Violations)`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::lower::LowerCx;
use crate::model::At;

/// A call to a hand-written check.
#[derive(Clone, Debug)]
pub struct Custom {
    /// The function's Rust path, parsed by the checker.
    pub function: TokenStream,
    /// As written.
    pub text: String,
}

pub(super) fn lower(function: &At<String>, cx: &mut LowerCx<'_>) -> Option<Custom> {
    match syn::parse_str::<syn::Path>(&function.value) {
        Ok(path) => Some(Custom {
            function: quote!(#path),
            text: function.value.clone(),
        }),
        Err(e) => {
            cx.error(
                &function.loc,
                format!("`{}` is not a Rust path: {e}", function.value),
                "write the function's path, e.g. `crate::checks::payment_total`",
            );
            None
        }
    }
}

impl Custom {
    pub(super) fn emit(&self) -> TokenStream {
        let f = &self.function;
        quote!(#f(self, path, out);)
    }

    pub(super) fn describe(&self) -> String {
        format!("checked by `{}`", self.text)
    }
}
