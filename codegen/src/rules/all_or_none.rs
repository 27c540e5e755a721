//! `all_or_none`: across a list, a field is set on every element or on none. Reported at
//! every element that lacks it.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, split_list, wire_slice};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Platform};
use crate::model::{self, At, TypeDef, Loc};
use crate::check::rules::RuleCx;
use crate::load::path_text;
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// `field` (`list[].key`) is set on every element or on none.
#[derive(Clone, Debug)]
pub struct AllOrNone {
    /// The path, with exactly one `[]` step.
    pub field: FieldPath,
}

/// `all_or_none` as written: `{field}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// Path with one `[]` step.
    pub field: At<model::FieldPath>,
}

pub(super) const KEYS: &[&str] = &["field"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    Some(Syntax {
        field: crate::load::rules::req_path(e, "field", d)?,
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    if let Some(t) = cx.resolve("`field`", &s.field, d)
        && (t.each_steps != 1 || t.last_each)
    {
        d.error_help(
            &s.field.loc,
            format!(
                "`all_or_none` needs a path with exactly one `[]` before the field, found `{}`",
                path_text(&s.field)
            ),
            "write the array and the field of its elements, e.g. `item_list[].merchant_item_id`",
        );
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<AllOrNone> {
    resolve(&s.field, ty, cx)
}

fn resolve(
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

    pub(super) fn describe(&self, _platform: &Platform) -> String {
        format!("`{}` is set on every element or on none", self.field.text())
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
      - { name: items, type: \"array<Item>\", required: true }
    rules:
      - { kind: all_or_none, field: \"items[].sku\", code: 3 }
  - name: Item
    fields:
      - { name: sku, type: string }
errors:
  - { code: 3, message: all or none }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("rules::all_or_none(&self.items, |e| e.sku.as_ref().is_some(), &path.field(\"items\"), &[\"sku\"], Some(3), out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: sku, type: string }
    rules:
      - { kind: all_or_none, field: sku }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("exactly one `[]`") && x.loc.line > 0),
            "{d}"
        );
    }
}
