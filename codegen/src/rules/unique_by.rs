//! `unique_by`: no two elements of a list share a key. Reported at the key of every element
//! that repeats an earlier one; linear time (see `mpapi_runtime::rules::unique_by`).

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, wire_slice};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Ty, Platform};
use crate::model::{self, At, TypeDef, Loc};
use crate::check::rules::RuleCx;
use crate::load::path_text;
use crate::check::namespace::{Kind, type_text};
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// No two elements of `list` share `key`.
#[derive(Clone, Debug)]
pub struct UniqueBy {
    /// The list (its last step is the list field; parents may be lists).
    pub list: FieldPath,
    /// The key, relative to an element (no `[]` steps).
    pub key: FieldPath,
}

/// `unique_by` as written: `{list, key}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The list.
    pub list: At<model::FieldPath>,
    /// The key, inside an element.
    pub key: At<model::FieldPath>,
}

pub(super) const KEYS: &[&str] = &["list", "key"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let list = crate::load::rules::req_path(e, "list", d);
    let key = crate::load::rules::req_path(e, "key", d);
    Some(Syntax {
        list: list?,
        key: key?,
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    let Some(elem) = cx.list("`list`", &s.list, d) else {
        return;
    };
    match cx.ns.kind(elem) {
        Kind::Object(item) => {
            if let Some(t) = cx.within(item).resolve("`key`", &s.key, d)
                && t.each_steps > 0
            {
                d.error(
                    &s.key.loc,
                    format!("`key` `{}` must not contain `[]`", path_text(&s.key)),
                );
            }
        }
        Kind::Missing => {}
        _ => d.error(
            &s.list.loc,
            format!(
                "`unique_by` needs an array of objects, but the elements of `{}` have type `{}`",
                path_text(&s.list),
                type_text(elem)
            ),
        ),
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<UniqueBy> {
    resolve(&s.list, &s.key, ty, cx)
}

fn resolve(
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

    pub(super) fn describe(&self, _platform: &Platform) -> String {
        format!(
            "no two elements of `{}` share `{}`",
            self.list.text(),
            self.key.text()
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
      - { name: items, type: \"array<Item>\", required: true }
    rules:
      - { kind: unique_by, list: items, key: sku }
  - name: Item
    fields:
      - { name: sku, type: string, required: true }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("rules::unique_by(&self.items, |e| Some(e.sku.as_str()), &path.field(\"items\"), &[\"sku\"], None, out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: items, type: \"array<string>\", required: true }
    rules:
      - { kind: unique_by, list: items, key: sku }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("needs an array of objects") && x.loc.line > 0),
            "{d}"
        );
    }
}
