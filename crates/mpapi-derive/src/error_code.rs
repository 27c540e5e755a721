//! `#[derive(ErrorCode)]` on `struct Name(pub i64)`: the methods of an endpoint's
//! error-code type, read from its static table of `mpapi_runtime::ErrorCodeInfo` rows.
//!
//! `#[error_code(table = PATH)]` names the endpoint's own rows and, optionally,
//! `platform = PATH` the platform-wide rows consulted after them.

use proc_macro2::TokenStream;
use quote::quote;
use syn::{Data, DeriveInput, Fields};

pub(crate) fn derive(input: &DeriveInput) -> Result<TokenStream, syn::Error> {
    let name = &input.ident;
    let shape_ok = matches!(&input.data, Data::Struct(s) if matches!(&s.fields, Fields::Unnamed(f) if f.unnamed.len() == 1));
    if !shape_ok {
        return Err(syn::Error::new_spanned(
            name,
            "`ErrorCode` applies to a tuple struct holding the code: `struct Name(pub i64);`",
        ));
    }
    let mut table: Option<syn::Path> = None;
    let mut platform: Option<syn::Path> = None;
    let mut seen = false;
    for attr in input
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("error_code"))
    {
        seen = true;
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("table") {
                table = Some(meta.value()?.parse()?);
                Ok(())
            } else if meta.path.is_ident("platform") {
                platform = Some(meta.value()?.parse()?);
                Ok(())
            } else {
                Err(meta.error("expected `table = PATH` or `platform = PATH`"))
            }
        })?;
    }
    let Some(table) = table else {
        let msg = if seen {
            "`#[error_code(...)]` needs `table = PATH`, the static of the endpoint's rows"
        } else {
            "`ErrorCode` needs `#[error_code(table = PATH)]`, the static of the endpoint's rows"
        };
        return Err(syn::Error::new_spanned(name, msg));
    };
    let platform = match platform {
        Some(p) => quote!(&#p),
        None => quote!(&[]),
    };
    Ok(quote! {
        #[automatically_derived]
        impl #name {
            /// The code for a platform error number (documented or not).
            pub const fn from_code(code: i64) -> Self {
                Self(code)
            }

            /// The platform's number.
            pub const fn code(self) -> i64 {
                self.0
            }

            /// The doc's row for this code; `None` for a code the doc does not list.
            pub fn info(self) -> ::std::option::Option<&'static ::mpapi_runtime::ErrorCodeInfo> {
                ::mpapi_runtime::find_code(&#table, #platform, self.0)
            }

            /// Whether the doc (or the platform's table) lists this code.
            pub fn is_known(self) -> bool {
                self.info().is_some()
            }

            /// The doc's message for this code.
            pub fn message(self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.message)
            }

            /// The doc's advice on what to do about this code, where it gives any.
            pub fn fix(self) -> ::std::option::Option<&'static str> {
                self.info().map(|row| row.fix).filter(|fix| !fix.is_empty())
            }
        }

        #[automatically_derived]
        impl ::std::fmt::Display for #name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                ::mpapi_runtime::fmt_error_code(f, self.0, self.info())
            }
        }
    })
}
