//! `pattern(regex = "...", code = INT)`: the string must match a regular expression.
//! The regex is parsed at compile time; at run time it is compiled once, on first use.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Ident, LitStr};

use super::{Kind, Place};
use crate::args::{self, Arg, ArgReader};
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// A regex (checked by [`Pattern::check`]) and its platform code.
pub(crate) struct Pattern {
    regex: Option<LitStr>,
    code: Option<i64>,
}

impl Kind for Pattern {
    const IN_EACH: bool = true;

    /// Reads `(regex = "...", code = INT)`.
    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
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

    /// On a string; the regex must parse with the syntax the runtime's `regex` crate
    /// accepts.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        super::check_string_place(key, place, diag);
        let Some(regex) = &self.regex else { return };
        if let Err(e) = regex_syntax::Parser::new().parse(&regex.value()) {
            diag.error(regex.span(), format!("invalid regular expression:\n{e}"));
        }
    }

    /// Emits a `static` pattern (compiled once, on first use) and its check.
    fn emit(&self, _scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream {
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

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn compiles_the_regex_once_in_a_static() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(pattern(regex = "^[0-9]+$", code = 9))]
                a: String,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains(
                "static __MPAPI_PATTERN : constraint :: pattern :: Pattern = constraint :: \
                 pattern :: Pattern :: new (\"^[0-9]+$\") ; constraint :: pattern :: check \
                 (AsOpt :: as_opt (& self . a) , & __MPAPI_PATTERN , Some (9) ,"
            ),
            "{out}"
        );
    }

    #[test]
    fn refuses_a_bad_regex_and_a_missing_one() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(pattern(regex = "(unclosed"))]
                a: String,
                #[validate(pattern(code = 1))]
                b: String,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(errors.len(), 2, "{errors:?}");
        // Arguments are read for every field before any field is checked.
        assert_eq!(
            errors[0],
            "`pattern` needs a regular expression: `pattern(regex = \"...\")`"
        );
        assert!(
            errors[1].starts_with("invalid regular expression:"),
            "{errors:?}"
        );
    }
}
