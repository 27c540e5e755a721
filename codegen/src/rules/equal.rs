//! `equal`: where both are present, a field equals another (optionally only when a condition
//! holds). Reported at every differing value of `field`, which may sit inside lists.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use super::emit::access;
use crate::check::lower::LowerCx;
use crate::ir::{Condition, FieldPath, Platform};
use crate::model::{self, At, TypeDef, Loc};
use crate::check::rules::RuleCx;
use crate::load::path_text;
use crate::check::namespace::{type_text};
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

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

/// `equal` as written: `{field, to, when}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// May contain `[]` steps.
    pub field: At<model::FieldPath>,
    /// Must not contain `[]` steps.
    pub to: At<model::FieldPath>,
    /// Optional condition.
    pub when: Option<model::Condition>,
}

pub(super) const KEYS: &[&str] = &["field", "to", "when"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let field = crate::load::rules::req_path(e, "field", d);
    let to = crate::load::rules::req_path(e, "to", d);
    let when = e.get("when").and_then(|n| crate::load::rules::condition(n, d));
    Some(Syntax {
        field: field?,
        to: to?,
        when,
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    let a = cx.resolve("`field`", &s.field, d);
    let b = cx.resolve("`to`", &s.to, d);
    if let Some(b) = &b
        && b.each_steps > 0
    {
        d.error_help(
            &s.to.loc,
            format!("`to` `{}` must not contain `[]`", path_text(&s.to)),
            "`to` names one value; put the `[]` steps in `field`",
        );
    }
    if let (Some(a), Some(b)) = (a, b)
        && a.ty != b.ty
    {
        d.error(
            &s.to.loc,
            format!(
                "`{}` has type `{}` but `{}` has type `{}`; `equal` compares values of one type",
                path_text(&s.field),
                type_text(a.ty),
                path_text(&s.to),
                type_text(b.ty)
            ),
        );
    }
    if let Some(when) = &s.when {
        cx.condition(when, d);
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<Equal> {
    resolve(&s.field, &s.to, s.when.as_ref(), ty, cx)
}

fn resolve(
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

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_one_combinator_call() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: a, type: string, required: true }
      - { name: b, type: string }
    rules:
      - { kind: equal, field: b, to: a }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("rules::equal(self.b.as_ref(), Some(&self.a), &path.field(\"b\"), None, \"a\", out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: a, type: string, required: true }
      - { name: n, type: int32 }
    rules:
      - { kind: equal, field: n, to: a }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("`equal` compares values of one type") && x.loc.line > 0),
            "{d}"
        );
    }
}
