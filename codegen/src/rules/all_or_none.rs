//! `all_or_none`: across a list, a field is set on every element or on none. Reported at
//! every element that lacks it.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, split_list, wire_slice};
use crate::check::lower::LowerCx;
use crate::ir::FieldPath;
use crate::model::{self, At, TypeDef};

/// `field` (`list[].key`) is set on every element or on none.
#[derive(Clone, Debug)]
pub struct AllOrNone {
    /// The path, with exactly one `[]` step.
    pub field: FieldPath,
}

pub(super) fn lower(
    field: &At<model::FieldPath>,
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<AllOrNone> {
    let field = cx.path(ty, field)?;
    cx.expect_one_list(&field, "all_or_none")?;
    Some(AllOrNone { field })
}

impl AllOrNone {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let (list, key) = split_list(&self.field);
        let (parents, list_step) = list.split_at(list.len() - 1);
        let mut list_step = list_step[0].clone();
        list_step.each = false;
        let set = access(&quote!(e), key).opt();
        let keys = wire_slice(key);
        cx.walk(quote!(self), quote!(path), parents, &mut |_, obj, p| {
            let f = quote::format_ident!("{}", list_step.rust);
            let w = &list_step.wire;
            let items = if list_step.optional {
                quote!(#obj.#f.as_deref().unwrap_or_default())
            } else {
                quote!(&#obj.#f)
            };
            quote! {
                rules::all_or_none(#items, |e| #set.is_some(), &#p.field(#w), #keys, #code, out);
            }
        })
    }

    pub(super) fn describe(&self) -> String {
        format!("`{}` is set on every element or on none", self.field.text())
    }
}
