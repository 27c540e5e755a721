//! A field constraint with `when:`: it holds only under a condition (e.g. "in unified
//! delivery mode the shipping list has exactly one element"). Generated in `check_rules` as
//! the runtime's constraint check guarded by the condition; the constraint kind writes the
//! call (see [`crate::constraints`]).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use crate::constraints::ConstraintIr;
use crate::ir::{Condition, Platform, Step};

/// `constraint` holds on `field` when `when` holds.
#[derive(Clone, Debug)]
pub struct Conditional {
    /// The constrained field of the type.
    pub field: Step,
    /// The constraint.
    pub constraint: ConstraintIr,
    /// Whether the constraint applies to every element of the list (`each:`).
    pub each: bool,
    /// The condition.
    pub when: Condition,
}

impl Conditional {
    pub(super) fn emit(&self, cx: &mut Cx<'_>) -> TokenStream {
        let cond = cx.condition(&self.when);
        let f = format_ident!("{}", self.field.rust);
        let w = &self.field.wire;
        let value = if self.field.optional {
            quote!(self.#f.as_ref())
        } else {
            quote!(Some(&self.#f))
        };
        let ty = &self.field.ty;
        let check = if self.each {
            let call = self
                .constraint
                .call(&quote!(Some(e)), &quote!(&list_path.index(i)), ty);
            quote! {
                let list_path = path.field(#w);
                for (i, e) in #value.into_iter().flatten().enumerate() {
                    #call
                }
            }
        } else {
            self.constraint.call(&value, &quote!(&path.field(#w)), ty)
        };
        quote!(if #cond { #check })
    }

    pub(super) fn describe(&self, platform: &Platform) -> String {
        format!(
            "`{}`{}: {} when {}",
            self.field.wire,
            if self.each { " (every element)" } else { "" },
            self.constraint.describe(),
            Cx::condition_text(platform, &self.when)
        )
    }
}
