//! `length_equals`: an integer field equals the number of elements of a list. Reported at
//! the integer field.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{Access, access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Platform};
use crate::model::{self, At, TypeDef, Loc};
use crate::check::rules::RuleCx;
use crate::load::path_text;
use crate::check::namespace::{Kind, type_text};
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// Integer `field` equals the length of `list`.
#[derive(Clone, Debug)]
pub struct LengthEquals {
    /// The count (no `[]` steps).
    pub field: FieldPath,
    /// The list (no `[]` steps).
    pub list: FieldPath,
}

/// `length_equals` as written: `{field, list}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The count.
    pub field: At<model::FieldPath>,
    /// The array.
    pub list: At<model::FieldPath>,
}

pub(super) const KEYS: &[&str] = &["field", "list"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let field = crate::load::rules::req_path(e, "field", d);
    let list = crate::load::rules::req_path(e, "list", d);
    Some(Syntax {
        field: field?,
        list: list?,
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    if let Some(t) = cx.resolve("`field`", &s.field, d)
        && !matches!(cx.ns.kind(t.ty), Kind::Int { .. } | Kind::Missing)
    {
        d.error(
            &s.field.loc,
            format!(
                "`length_equals` needs an integer `field`, but `{}` has type `{}`",
                path_text(&s.field),
                type_text(t.ty)
            ),
        );
    }
    cx.list("`list`", &s.list, d);
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<LengthEquals> {
    resolve(&s.field, &s.list, ty, cx)
}

fn resolve(
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

    pub(super) fn describe(&self, _platform: &Platform) -> String {
        format!(
            "`{}` equals the number of elements of `{}`",
            self.field.text(),
            self.list.text()
        )
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
      - { name: count, type: int32, required: true }
      - { name: items, type: \"array<string>\", required: true }
    rules:
      - { kind: length_equals, field: count, list: items }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("rules::length_equals(Some(i128::from(self.count)), Some(self.items.len()), &path.field(\"count\"), None, \"items\", out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: count, type: string, required: true }
      - { name: items, type: \"array<string>\", required: true }
    rules:
      - { kind: length_equals, field: count, list: items }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("needs an integer `field`") && x.loc.line > 0),
            "{d}"
        );
    }
}
