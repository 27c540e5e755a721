//! `one_of_required`: at least one of several fields is present, optionally only when a
//! condition holds. Reported at the first listed field.

use proc_macro2::TokenStream;
use quote::quote;

use super::Cx;
use super::emit::{access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{Condition, FieldPath, Platform};
use crate::model::{self, At, TypeDef, Loc};
use crate::check::rules::RuleCx;

use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// At least one of `fields` is present (when `when` holds).
#[derive(Clone, Debug)]
pub struct OneOfRequired {
    /// The alternatives (no `[]` steps).
    pub fields: Vec<FieldPath>,
    /// The condition, if any.
    pub when: Option<Condition>,
}

/// `one_of_required` as written: `{fields, when}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The alternatives.
    pub fields: Vec<At<model::FieldPath>>,
    /// Optional condition.
    pub when: Option<model::Condition>,
}

pub(super) const KEYS: &[&str] = &["fields", "when"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let fields = e.required("fields", d).map(|n| {
        crate::load::reader::list(n, "fields", d)
            .iter()
            .filter_map(|item| crate::load::rules::path_node(item, d))
            .collect::<Vec<_>>()
    })?;
    if fields.len() < 2 {
        d.error(e.loc(), "a `one_of_required` rule needs at least two fields");
    }
    Some(Syntax {
        fields,
        when: e.get("when").and_then(|n| crate::load::rules::condition(n, d)),
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    for f in &s.fields {
        cx.resolve("field", f, d);
    }
    if let Some(when) = &s.when {
        cx.condition(when, d);
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<OneOfRequired> {
    resolve(&s.fields, s.when.as_ref(), ty, cx)
}

fn resolve(
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

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_one_combinator_call() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: mode, type: int32, required: true }
      - { name: tel, type: string }
      - { name: mobile, type: string }
    rules:
      - { kind: one_of_required, fields: [tel, mobile], when: { field: mode, in: [1] } }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("if matches!(self.mode, 1) { rules::one_of_required(&[self.tel.as_ref().is_some(), self.mobile.as_ref().is_some()], &path.field(\"tel\"), None, \"`tel`, `mobile`\", out); }");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: tel, type: string }
    rules:
      - { kind: one_of_required, fields: [tel] }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("needs at least two fields") && x.loc.line > 0),
            "{d}"
        );
    }
}
