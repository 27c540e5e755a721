//! `required_if`: a field must be present when a condition holds.
//!
//! Generated as `rules::required_if(condition, &parent.field, &path, code, when, out)`,
//! reported at the missing field.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use crate::check::lower::LowerCx;
use crate::ir::{Condition, FieldPath, Platform};
use crate::model::{self, At, Loc, TypeDef};

/// `field` is required when `when` holds.
#[derive(Clone, Debug)]
pub struct RequiredIf {
    /// The optional field that becomes required (its parents may be lists).
    pub field: FieldPath,
    /// The condition, evaluated on the type that carries the rule.
    pub when: Condition,
}

pub(super) fn lower(
    field: &At<model::FieldPath>,
    when: &model::Condition,
    ty: &TypeDef,
    loc: &Loc,
    cx: &mut LowerCx<'_>,
) -> Option<RequiredIf> {
    let target = cx.path(ty, field)?;
    let when = cx.condition(ty, when)?;
    if !target.last().optional {
        cx.error(
            loc,
            format!(
                "`required_if` on `{}`, which is always required, can never fail",
                target.text()
            ),
            "remove the rule, or make the field optional (`required: false`)",
        );
        return None;
    }
    Some(RequiredIf {
        field: target,
        when,
    })
}

impl RequiredIf {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let cond = cx.condition(&self.when);
        let when = Cx::condition_text(cx.platform, &self.when);
        let (parents, last) = self.field.steps.split_at(self.field.steps.len() - 1);
        let last = &last[0];
        let f = format_ident!("{}", last.rust);
        let w = &last.wire;
        let body = cx.walk(quote!(self), quote!(path), parents, &mut |_, obj, p| {
            quote! {
                rules::required_if(true, &#obj.#f, &#p.field(#w), #code, #when, out);
            }
        });
        if parents.is_empty() {
            // The common case reads as one call with the condition inline.
            return quote! {
                rules::required_if(#cond, &self.#f, &path.field(#w), #code, #when, out);
            };
        }
        quote!(if #cond { #body })
    }

    pub(super) fn describe(&self, platform: &Platform) -> String {
        format!(
            "`{}` is required when {}",
            self.field.text(),
            Cx::condition_text(platform, &self.when)
        )
    }
}
