//! `allowed_values`: the values allowed in one field depend on the value of another.
//! Generated as a `match` on the deciding field that selects the row, then one call.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{Access, access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Lit, Platform};
use crate::model::{self, At, Loc, TypeDef};
use crate::check::rules::RuleCx;
use crate::diag::Diagnostics;
use crate::load::reader::Entries;
use crate::load::yaml::Node;

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

/// `allowed_values` as written: `{field, depends_on, table}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The constrained field.
    pub field: At<model::FieldPath>,
    /// The field whose value selects the row.
    pub depends_on: At<model::FieldPath>,
    /// One row per value of `depends_on`; values without a row are not constrained.
    pub table: Vec<Row>,
}

/// A row of the table: `{when, allowed}`.
#[derive(Clone, Debug)]
pub struct Row {
    /// Value of the `depends_on` field.
    pub when: At<serde_json::Value>,
    /// Values then allowed in the constrained field.
    pub allowed: Vec<At<serde_json::Value>>,
    /// Location of the row.
    pub loc: Loc,
}

pub(super) const KEYS: &[&str] = &["field", "depends_on", "table"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let field = crate::load::rules::req_path(e, "field", d);
    let depends_on = crate::load::rules::req_path(e, "depends_on", d);
    let table = e.required("table", d).map(|n| {
        crate::load::reader::list(n, "table", d)
            .iter()
            .filter_map(|row| read_row(row, d))
            .collect::<Vec<_>>()
    });
    Some(Syntax {
        field: field?,
        depends_on: depends_on?,
        table: table?,
    })
}

fn read_row(node: &Node, d: &mut Diagnostics) -> Option<Row> {
    let e = crate::load::reader::entries(node, "an `allowed_values` row", &["when", "allowed"], d)?;
    let when = e
        .required("when", d)
        .map(|n| At::new(n.to_json(), n.loc.clone()));
    let allowed = e.required("allowed", d).map(|n| {
        crate::load::reader::list(n, "allowed", d)
            .iter()
            .map(|v| At::new(v.to_json(), v.loc.clone()))
            .collect::<Vec<_>>()
    });
    Some(Row {
        when: when?,
        allowed: allowed?,
        loc: node.loc.clone(),
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    let target = cx.resolve("`field`", &s.field, d);
    let key = cx.resolve("`depends_on`", &s.depends_on, d);
    let mut seen: Vec<&At<serde_json::Value>> = Vec::new();
    for row in &s.table {
        if let Some(k) = &key {
            cx.value(&row.when, k.ty, &s.depends_on, d);
        }
        if let Some(first) = seen.iter().find(|v| v.value == row.when.value) {
            d.error_help(
                &row.when.loc,
                format!("`when: {}` appears in two rows", row.when.value),
                format!("the first is at {}", first.loc),
            );
        } else {
            seen.push(&row.when);
        }
        if let Some(t) = &target {
            for v in &row.allowed {
                cx.value(v, t.ty, &s.field, d);
            }
        }
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<AllowedValues> {
    resolve(&s.field, &s.depends_on, &s.table, ty, cx)
}

fn resolve(
    field: &At<model::FieldPath>,
    depends_on: &At<model::FieldPath>,
    table: &[Row],
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

    pub(super) fn describe(&self, _platform: &Platform) -> String {
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

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_one_combinator_call() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: cate, type: int32, required: true }
      - { name: status, type: int32 }
    rules:
      - { kind: allowed_values, field: status, depends_on: cate, table: [{ when: 1, allowed: [1, 2] }, { when: 2, allowed: [1, 2] }, { when: 3, allowed: [9] }] }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("let allowed: ::std::option::Option<&[i32]> = match &self.cate { 1 | 2 => Some(&[1, 2]), 3 => Some(&[9]), _ => None, };");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: cate, type: int32, required: true }
      - { name: status, type: int32 }
    rules:
      - { kind: allowed_values, field: status, depends_on: cate, table: [{ when: 1, allowed: [1] }, { when: 1, allowed: [2] }] }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("appears in two rows") && x.loc.line > 0),
            "{d}"
        );
    }
}
