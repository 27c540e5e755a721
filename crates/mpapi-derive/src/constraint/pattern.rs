//! `pattern(regex = "...", code = INT)`: the string must match a regular expression.
//! The regex is parsed at compile time; at run time it is compiled once, on first use.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, LitStr};

use crate::args::{self, Arg, ArgReader};
use crate::diag::Diagnostics;

/// A regex (checked by [`Pattern::check`]) and its platform code.
pub(crate) struct Pattern {
    regex: Option<LitStr>,
    code: Option<i64>,
}

/// Reads `(regex = "...", code = INT)`.
pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Pattern {
    let attempted = args::attempts_more_than_code(&list);
    let mut reader = ArgReader::new(key, list, &["regex", "code"], diag);
    let regex = reader.string("regex");
    let code = reader.code();
    if regex.is_none() && !attempted {
        reader.diag().error(
            key.span(),
            "`pattern` needs a regular expression: `pattern(regex = \"...\")`",
        );
    }
    Pattern { regex, code }
}

impl Pattern {
    /// The regex must parse with the syntax the runtime's `regex` crate accepts.
    pub(crate) fn check(&self, diag: &mut Diagnostics) {
        let Some(regex) = &self.regex else { return };
        if let Err(e) = regex_syntax::Parser::new().parse(&regex.value()) {
            diag.error(regex.span(), format!("invalid regular expression:\n{e}"));
        }
    }

    /// Emits a `static` pattern (compiled once, on first use) and its check.
    pub(crate) fn emit(&self, value: &TokenStream, path: &TokenStream) -> TokenStream {
        let Some(regex) = &self.regex else {
            return TokenStream::new();
        };
        let code = args::opt_code(self.code);
        quote! {{
            static __MPAPI_PATTERN: ::mpapi_runtime::constraint::pattern::Pattern =
                ::mpapi_runtime::constraint::pattern::Pattern::new(#regex);
            ::mpapi_runtime::constraint::pattern::check(
                #value, &__MPAPI_PATTERN, #code, #path, __mpapi_out,
            );
        }}
    }
}
