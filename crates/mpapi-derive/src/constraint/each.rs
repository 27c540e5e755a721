//! `each(...)`: scalar constraints applied to every element of a list field, reported at
//! `field[i]`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::Ident;
use syn::meta::ParseNestedMeta;

use super::{Keyed, Place};
use crate::diag::Diagnostics;
use crate::ty::Scalar;

/// The element constraints, in the order written.
pub(crate) struct Each {
    pub(crate) list: Vec<Keyed>,
}

/// Reads `each(bytes(...), pattern(...), ...)`.
pub(crate) fn parse(
    key: &Ident,
    meta: &ParseNestedMeta,
    diag: &mut Diagnostics,
) -> syn::Result<Each> {
    let mut list = Vec::new();
    if meta.input.peek(syn::token::Paren) && !crate::args::skip_empty_parens(meta)? {
        meta.parse_nested_meta(|inner| {
            if let Some(item) = super::parse(&inner, true, diag)? {
                list.push(item);
            }
            Ok(())
        })?;
    }
    if list.is_empty() {
        diag.error(
            key.span(),
            format!(
                "`each` needs at least one element constraint, e.g. `each(bytes(max = 64))`; \
                 allowed: {}",
                super::EACH_KEYS.join(", ")
            ),
        );
    }
    Ok(Each { list })
}

/// Only on list fields; then every element constraint is checked against the element type.
pub(crate) fn check(key: &Ident, each: &Each, place: Place, diag: &mut Diagnostics) {
    match place {
        Place::Field(shape) if shape.list => {
            super::check_duplicates(&each.list, diag);
            for item in &each.list {
                super::check(item, Place::Element(shape.scalar), diag);
            }
        }
        _ => diag.error(
            key.span(),
            "`each` applies to list fields (`Vec<_>` or `Option<Vec<_>>`) only; \
             put the constraints directly in `#[validate(...)]`",
        ),
    }
}

impl Each {
    /// Emits a loop over the list (`value` is an `Option<&Vec<T>>` expression) that runs
    /// every element constraint at `path[i]`.
    pub(crate) fn emit(
        &self,
        scalar: Scalar,
        value: &TokenStream,
        path: &TokenStream,
    ) -> TokenStream {
        let checks = self.emit_element(scalar, &quote!(__mpapi_item), &quote!(&__mpapi_item_path));
        quote! {
            if let ::std::option::Option::Some(__mpapi_items) = #value {
                for (__mpapi_i, __mpapi_item) in __mpapi_items.iter().enumerate() {
                    let __mpapi_item_path = (#path).index(__mpapi_i);
                    #checks
                }
            }
        }
    }

    /// Emits every element constraint on one element: `item` is an expression of type
    /// `&Element` (the list's element type as written, possibly an `Option`) and
    /// `item_path` a `&Path` expression. Used by [`Each::emit`] on a typed list, and by the
    /// deep check on each sound element of a list that is broken elsewhere.
    pub(crate) fn emit_element(
        &self,
        scalar: Scalar,
        item: &TokenStream,
        item_path: &TokenStream,
    ) -> TokenStream {
        let item_value = quote!(::mpapi_runtime::AsOpt::as_opt(#item));
        let checks = self
            .list
            .iter()
            .map(|c| super::emit_value(c, scalar, &item_value, item_path));
        quote!(#(#checks)*)
    }
}
