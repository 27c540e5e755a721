//! `one_of_required`: at least one of several fields is present, optionally only when a
//! condition holds. Reported at the first listed field.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{Condition, FieldPath, Platform};
use crate::model::{self, At, TypeDef};

/// At least one of `fields` is present (when `when` holds).
#[derive(Clone, Debug)]
pub struct OneOfRequired {
    /// The alternatives (no `[]` steps).
    pub fields: Vec<FieldPath>,
    /// The condition, if any.
    pub when: Option<Condition>,
}

pub(super) fn lower(
    fields: &[At<model::FieldPath>],
    when: Option<&model::Condition>,
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<OneOfRequired> {
    let mut out = Vec::new();
    for f in fields {
        out.push(cx.path(ty, f)?);
    }
    let when = match when {
        Some(w) => Some(cx.condition(ty, w)?),
        None => None,
    };
    Some(OneOfRequired { fields: out, when })
}

impl OneOfRequired {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let present = self.fields.iter().map(|f| {
            let a = access(&quote!(self), &f.steps).opt();
            quote!(#a.is_some())
        });
        let first = path_chain(&quote!(path), &self.fields[0].steps);
        let names = self.names();
        let call = quote! {
            rules::one_of_required(&[#(#present),*], &#first, #code, #names, out);
        };
        match &self.when {
            Some(w) => {
                let cond = cx.condition(w);
                quote!(if #cond { #call })
            }
            None => call,
        }
    }

    fn names(&self) -> String {
        self.fields
            .iter()
            .map(|f| format!("`{}`", f.text()))
            .collect::<Vec<_>>()
            .join(", ")
    }

    pub(super) fn describe(&self, platform: &Platform) -> String {
        let mut s = format!("at least one of {} is required", self.names());
        if let Some(w) = &self.when {
            s.push_str(&format!(" when {}", Cx::condition_text(platform, w)));
        }
        s
    }
}
