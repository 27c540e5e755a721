//! `length_equals`: an integer field equals the number of elements of a list. Reported at
//! the integer field.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{Access, access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::FieldPath;
use crate::model::{self, At, TypeDef};

/// Integer `field` equals the length of `list`.
#[derive(Clone, Debug)]
pub struct LengthEquals {
    /// The count (no `[]` steps).
    pub field: FieldPath,
    /// The list (no `[]` steps).
    pub list: FieldPath,
}

pub(super) fn lower(
    field: &At<model::FieldPath>,
    list: &At<model::FieldPath>,
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<LengthEquals> {
    Some(LengthEquals {
        field: cx.path(ty, field)?,
        list: cx.path(ty, list)?,
    })
}

impl LengthEquals {
    pub(super) fn emit(&self, code: &TokenStream, _cx: &mut Cx<'_>) -> TokenStream {
        let count = match access(&quote!(self), &self.field.steps) {
            Access::Place(p) => quote!(Some(i128::from(#p))),
            Access::Opt(e) => quote!(#e.map(|n| i128::from(*n))),
        };
        let len = match access(&quote!(self), &self.list.steps) {
            Access::Place(p) => quote!(Some(#p.len())),
            Access::Opt(e) => quote!(#e.map(::std::vec::Vec::len)),
        };
        let p = path_chain(&quote!(path), &self.field.steps);
        let list = self.list.text();
        quote! {
            rules::length_equals(#count, #len, &#p, #code, #list, out);
        }
    }

    pub(super) fn describe(&self) -> String {
        format!(
            "`{}` equals the number of elements of `{}`",
            self.field.text(),
            self.list.text()
        )
    }
}
