//! `unique_by`: no two elements of a list share a key. Reported at the key of every element
//! that repeats an earlier one; linear time (see `mpapi_runtime::rules::unique_by`).

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, wire_slice};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Ty};
use crate::model::{self, At, TypeDef};

/// No two elements of `list` share `key`.
#[derive(Clone, Debug)]
pub struct UniqueBy {
    /// The list (its last step is the list field; parents may be lists).
    pub list: FieldPath,
    /// The key, relative to an element (no `[]` steps).
    pub key: FieldPath,
}

pub(super) fn lower(
    list: &At<model::FieldPath>,
    key: &At<model::FieldPath>,
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<UniqueBy> {
    let list_path = cx.path(ty, list)?;
    let elem = cx.element_type(&list_path, list)?;
    let key = cx.path(elem, key)?;
    if matches!(
        key.last().ty,
        Ty::Number | Ty::Json | Ty::Array(_) | Ty::Object(_)
    ) {
        cx.error(
            &key_loc(list),
            format!(
                "`unique_by` key `{}` must be a string, integer, bool or enum",
                key.text()
            ),
            "compare by a scalar field of the element",
        );
        return None;
    }
    Some(UniqueBy {
        list: list_path,
        key,
    })
}

fn key_loc(list: &At<model::FieldPath>) -> model::Loc {
    list.loc.clone()
}

impl UniqueBy {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let (parents, last) = self.list.steps.split_at(self.list.steps.len() - 1);
        let last = &last[0];
        let key = access(&quote!(e), &self.key.steps);
        let key = match (key, self.key.last().ty.scalar()) {
            (_, Ty::String) if matches!(self.key.steps.as_slice(), [s] if s.optional) => {
                let f = quote::format_ident!("{}", self.key.steps[0].rust);
                quote!(e.#f.as_deref())
            }
            (super::emit::Access::Place(p), Ty::String) => {
                quote!(Some(#p.as_str()))
            }
            (super::emit::Access::Opt(e), Ty::String) => {
                quote!(#e.map(::std::string::String::as_str))
            }
            (a, _) => a.opt(),
        };
        let keys = wire_slice(&self.key.steps);
        let f = quote::format_ident!("{}", last.rust);
        let w = &last.wire;
        let optional = last.optional;
        cx.walk(quote!(self), quote!(path), parents, &mut |_, obj, p| {
            let items = if optional {
                quote!(#obj.#f.as_deref().unwrap_or_default())
            } else {
                quote!(&#obj.#f)
            };
            quote! {
                rules::unique_by(#items, |e| #key, &#p.field(#w), #keys, #code, out);
            }
        })
    }

    pub(super) fn describe(&self) -> String {
        format!(
            "no two elements of `{}` share `{}`",
            self.list.text(),
            self.key.text()
        )
    }
}
