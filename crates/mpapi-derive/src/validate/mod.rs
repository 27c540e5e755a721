//! `#[derive(Validate)]`: implements `Validate` and `JsonShape` for a struct with named
//! fields. Parse (attributes to a model) -> check (does it make sense) -> emit.

mod check;
mod emit;
mod parse;
mod read;

use proc_macro2::TokenStream;

use crate::diag::Diagnostics;

/// Expands the derive, or returns every error found in the input.
pub(crate) fn derive(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let mut diag = Diagnostics::default();
    let parsed = parse::parse(input, &mut diag);
    let checked = parsed.as_ref().map(|s| check::check(s, &mut diag));
    diag.finish()?;
    match (parsed, checked) {
        (Some(s), Some(fields)) => Ok(emit::emit(&s, &fields)),
        // Parsing only gives up after reporting, so `finish` returned the error above.
        _ => Ok(TokenStream::new()),
    }
}
