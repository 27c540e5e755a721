//! `format(date_time, code = INT)` and `format(url, code = INT)`: named string formats.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use super::{Kind, Place};
use crate::args::{self, Arg, ArgReader};
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// A named format and its platform code.
pub(crate) struct Format {
    /// `None` when the name was missing or unknown (already reported).
    name: Option<FormatName>,
    code: Option<i64>,
}

#[derive(Clone, Copy)]
enum FormatName {
    /// RFC 3339, via `constraint::format::date_time`.
    DateTime,
    /// The docs' link rule (an http(s) URL), via `constraint::format::url`.
    Url,
}

impl Kind for Format {
    const IN_EACH: bool = true;

    /// Reads `(date_time, code = INT)` or `(url, code = INT)`.
    fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Self {
    // Any key other than `code` is meant as a format name; unknown ones are reported by
    // the reader, so only a list with no name at all needs its own message.
    let named = list.iter().any(|a| a.key != "code");
    let mut reader = ArgReader::new(key, list, &["date_time", "url", "code"], diag);
    let date_time = reader.flag("date_time");
    let url = reader.flag("url");
    let code = reader.code();
    if !named {
        reader.diag().error(
            key.span(),
            "`format` needs a format name: `format(date_time)`, `format(url)`, or either with \
             `code = N`",
        );
    }
    let name = match (date_time, url) {
        (Some(_), Some(second)) => {
            reader.diag().error(
                second,
                "`format` takes one format name; give `date_time` or `url`, not both",
            );
            None
        }
        (Some(_), None) => Some(FormatName::DateTime),
        (None, Some(_)) => Some(FormatName::Url),
        (None, None) => None,
    };
    Format { name, code }
    }

    /// On a string.
    fn check(&self, key: &Ident, place: Place, diag: &mut Diagnostics) {
        super::check_string_place(key, place, diag);
    }

    /// Emits the runtime check of the format.
    fn emit(&self, _scalar: Scalar, value: &TokenStream, path: &TokenStream) -> TokenStream {
        let code = args::opt_code(self.code);
        match self.name {
            Some(FormatName::DateTime) => quote! {
                ::mpapi_runtime::constraint::format::date_time(#value, #code, #path, __mpapi_out);
            },
            Some(FormatName::Url) => quote! {
                ::mpapi_runtime::constraint::format::url(#value, #code, #path, __mpapi_out);
            },
            None => TokenStream::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand;

    #[test]
    fn expands_each_name_to_its_check() {
        let out = expand(syn::parse_quote! {
            struct A {
                #[validate(format(date_time, code = 3))]
                a: String,
                #[validate(format(url))]
                b: Option<String>,
            }
        })
        .expect("the derive accepts this input");
        assert!(
            out.contains("constraint :: format :: date_time (AsOpt :: as_opt (& self . a) , Some (3) ,"),
            "{out}"
        );
        assert!(
            out.contains("constraint :: format :: url (AsOpt :: as_opt (& self . b) , None ,"),
            "{out}"
        );
    }

    #[test]
    fn refuses_two_names_no_name_and_a_number() {
        let errors = expand(syn::parse_quote! {
            struct A {
                #[validate(format(date_time, url))]
                a: String,
                #[validate(format(code = 1))]
                b: String,
                #[validate(format(url))]
                c: u8,
            }
        })
        .expect_err("the derive refuses this input");
        assert_eq!(
            errors,
            [
                "`format` takes one format name; give `date_time` or `url`, not both",
                "`format` needs a format name: `format(date_time)`, `format(url)`, or either \
                 with `code = N`",
                "`format` applies to strings, but this value is an integer",
            ]
        );
    }
}
