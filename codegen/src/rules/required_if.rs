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
use crate::check::rules::RuleCx;
use crate::load::path_text;
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// `field` is required when `when` holds.
#[derive(Clone, Debug)]
pub struct RequiredIf {
    /// The optional field that becomes required (its parents may be lists).
    pub field: FieldPath,
    /// The condition, evaluated on the type that carries the rule.
    pub when: Condition,
}

/// `required_if` as written: `{field, when}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The field that becomes required.
    pub field: At<model::FieldPath>,
    /// The condition.
    pub when: model::Condition,
}

pub(super) const KEYS: &[&str] = &["field", "when"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let field = crate::load::rules::req_path(e, "field", d);
    let when = e.required("when", d).and_then(|n| crate::load::rules::condition(n, d));
    Some(Syntax {
        field: field?,
        when: when?,
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    if let Some(t) = cx.resolve("`field`", &s.field, d)
        && t.field.required
    {
        d.error_help(
            &s.field.loc,
            format!(
                "`{}` is a required field, so `required_if` never adds anything",
                path_text(&s.field)
            ),
            "make the field `required: false`, or drop the rule",
        );
    }
    cx.condition(&s.when, d);
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, loc: &Loc, cx: &mut LowerCx<'_>) -> Option<RequiredIf> {
    resolve(&s.field, &s.when, ty, loc, cx)
}

fn resolve(
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

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_one_combinator_call() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: kind, type: Kind, required: true }
      - { name: appid, type: string }
    rules:
      - { kind: required_if, field: appid, when: { field: kind, in: [MINI] }, code: 7 }
enums:
  - { name: Kind, wire: string, variants: [{ name: URL, code: 1 }, { name: MINI, code: 2 }] }
errors:
  - { code: 7, message: appid missing }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("rules::required_if(matches!(self.kind, Kind::Mini), &self.appid, &path.field(\"appid\"), Some(7), \"`kind` is MINI\", out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: appid, type: string, required: true }
    rules:
      - { kind: required_if, field: appid, when: { field: appid, in: [x] } }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("never adds anything") && x.loc.line > 0),
            "{d}"
        );
    }
}
