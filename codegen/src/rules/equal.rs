//! `equal`: where both are present, a field equals another (optionally only when a condition
//! holds). Reported at every differing value of `field`, which may sit inside lists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use super::emit::access;
use crate::check::lower::LowerCx;
use crate::ir::{Condition, FieldPath, Platform};
use crate::model::{self, At, TypeDef};

/// `field` equals `to` where both are present.
#[derive(Clone, Debug)]
pub struct Equal {
    /// The compared field (parents may be lists).
    pub field: FieldPath,
    /// The reference field (no `[]` steps).
    pub to: FieldPath,
    /// The condition, if any.
    pub when: Option<Condition>,
}

pub(super) fn lower(
    field: &At<model::FieldPath>,
    to: &At<model::FieldPath>,
    when: Option<&model::Condition>,
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<Equal> {
    let field = cx.path(ty, field)?;
    let to = cx.path(ty, to)?;
    let when = match when {
        Some(w) => Some(cx.condition(ty, w)?),
        None => None,
    };
    Some(Equal { field, to, when })
}

impl Equal {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let (parents, last) = self.field.steps.split_at(self.field.steps.len() - 1);
        let last = &last[0];
        let expected = access(&quote!(self), &self.to.steps).opt();
        let to = self.to.text();
        let f = format_ident!("{}", last.rust);
        let w = &last.wire;
        let optional = last.optional;
        let body = if parents.is_empty() {
            let value = if optional {
                quote!(self.#f.as_ref())
            } else {
                quote!(Some(&self.#f))
            };
            quote! {
                rules::equal(#value, #expected, &path.field(#w), #code, #to, out);
            }
        } else {
            let walked = cx.walk(quote!(self), quote!(path), parents, &mut |_, obj, p| {
                let value = if optional {
                    quote!(#obj.#f.as_ref())
                } else {
                    quote!(Some(&#obj.#f))
                };
                quote! {
                    rules::equal(#value, expected, &#p.field(#w), #code, #to, out);
                }
            });
            quote! {
                let expected = #expected;
                #walked
            }
        };
        match &self.when {
            Some(w) => {
                let cond = cx.condition(w);
                quote!(if #cond { #body })
            }
            None if parents.is_empty() => body,
            None => quote!({ #body }),
        }
    }

    pub(super) fn describe(&self, platform: &Platform) -> String {
        let mut s = format!("`{}` equals `{}`", self.field.text(), self.to.text());
        if let Some(w) = &self.when {
            s.push_str(&format!(" when {}", Cx::condition_text(platform, w)));
        }
        s
    }
}
