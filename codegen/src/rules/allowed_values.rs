//! `allowed_values`: the values allowed in one field depend on the value of another.
//! Generated as a `match` on the deciding field that selects the row, then one call.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{Access, access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Lit};
use crate::model::{self, AllowedRow, At, TypeDef};

/// When `depends_on` has a row's value, `field` must be one of the row's values.
#[derive(Clone, Debug)]
pub struct AllowedValues {
    /// The constrained field (no `[]` steps).
    pub field: FieldPath,
    /// The deciding field (no `[]` steps).
    pub depends_on: FieldPath,
    /// Rows: the deciding values (rows with equal allowed lists merged) and the allowed values.
    pub rows: Vec<(Vec<Lit>, Vec<Lit>)>,
}

pub(super) fn lower(
    field: &At<model::FieldPath>,
    depends_on: &At<model::FieldPath>,
    table: &[AllowedRow],
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<AllowedValues> {
    let field = cx.path(ty, field)?;
    let depends_on = cx.path(ty, depends_on)?;
    let mut rows: Vec<(Vec<Lit>, Vec<Lit>)> = Vec::new();
    for row in table {
        let when = cx.lit(&row.when, &depends_on.last().ty)?;
        let mut allowed = Vec::new();
        for a in &row.allowed {
            allowed.push(cx.lit(a, &field.last().ty)?);
        }
        // Docs repeat one table for related categories: such rows share one arm.
        match rows.iter_mut().find(|(_, a)| *a == allowed) {
            Some((whens, _)) => whens.push(when),
            None => rows.push((vec![when], allowed)),
        }
    }
    Some(AllowedValues {
        field,
        depends_on,
        rows,
    })
}

impl AllowedValues {
    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let fty = self.field.last().ty.scalar().clone();
        let dty = self.depends_on.last().ty.scalar().clone();
        let rust_ty = crate::emit::scalar_type(cx.platform, &fty);
        let arms = self.rows.iter().map(|(whens, allowed)| {
            let pats = whens.iter().map(|w| cx.pattern(w, &dty));
            let values = allowed.iter().map(|a| value_expr(cx, a, &fty));
            quote!(#(#pats)|* => Some(&[#(#values),*]),)
        });
        let (scrutinee, value) = match access(&quote!(self), &self.depends_on.steps) {
            Access::Place(p) => (quote!(&#p), quote!(Some(&#p))),
            Access::Opt(e) => (quote!(#e), e),
        };
        let arms: Vec<TokenStream> = match access(&quote!(self), &self.depends_on.steps) {
            Access::Place(_) => arms.collect(),
            Access::Opt(_) => self
                .rows
                .iter()
                .map(|(whens, allowed)| {
                    let pats = whens.iter().map(|w| cx.pattern(w, &dty));
                    let values = allowed.iter().map(|a| value_expr(cx, a, &fty));
                    quote!(Some(#(#pats)|*) => Some(&[#(#values),*]),)
                })
                .collect(),
        };
        let field = access(&quote!(self), &self.field.steps).opt();
        let p = path_chain(&quote!(path), &self.field.steps);
        let dep = self.depends_on.text();
        quote! {
            let allowed: ::std::option::Option<&[#rust_ty]> = match #scrutinee {
                #(#arms)*
                _ => None,
            };
            rules::allowed_values(#field, #value, allowed, &#p, #code, #dep, out);
        }
    }

    pub(super) fn describe(&self) -> String {
        format!(
            "the allowed values of `{}` depend on `{}` ({} distinct rows)",
            self.field.text(),
            self.depends_on.text(),
            self.rows.len()
        )
    }
}

/// A value expression of the field's type.
fn value_expr(cx: &Cx<'_>, lit: &Lit, ty: &crate::ir::Ty) -> TokenStream {
    match lit {
        Lit::Variant { en, index } => cx.variant(*en, *index),
        Lit::Str(s) => quote!(#s),
        Lit::Bool(b) => quote!(#b),
        Lit::Int(i) => crate::emit::int_pattern(*i, ty),
    }
}
