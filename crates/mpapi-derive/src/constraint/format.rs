//! `format(date_time, code = INT)` and `format(url, code = INT)`: named string formats.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;

use crate::args::{self, Arg, ArgReader};
use crate::diag::Diagnostics;

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

/// Reads `(date_time, code = INT)` or `(url, code = INT)`.
pub(crate) fn parse(key: &Ident, list: Vec<Arg>, diag: &mut Diagnostics) -> Format {
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

impl Format {
    /// Emits the runtime check of the format.
    pub(crate) fn emit(&self, value: &TokenStream, path: &TokenStream) -> TokenStream {
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
