//! `#[derive(WireEnum)]`: maps an enum to its wire names and numeric codes, with a variant
//! that keeps any value not in the spec. Parse -> check -> emit.

mod check;
mod emit;
mod parse;

use proc_macro2::TokenStream;

use crate::diag::Diagnostics;

/// Expands the derive, or returns every error found in the input.
pub(crate) fn derive(input: &syn::DeriveInput) -> syn::Result<TokenStream> {
    let mut diag = Diagnostics::default();
    let parsed = parse::parse(input, &mut diag);
    let model = parsed.and_then(|p| check::check(&p, &mut diag));
    diag.finish()?;
    Ok(model.map(|m| emit::emit(&m)).unwrap_or_default())
}
