//! `custom`: the escape hatch, a named hand-written `fn(&T, &Path, &mut Violations)`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::check::lower::LowerCx;
use crate::model::{At, Loc, TypeDef};
use crate::check::rules::RuleCx;

use crate::ir::Platform;
use crate::diag::Diagnostics;
use crate::load::reader::Entries;

/// A call to a hand-written check.
#[derive(Clone, Debug)]
pub struct Custom {
    /// The function's Rust path, as written; the checker parsed it. (Kept as text, not
    /// tokens, so that the IR can be shared with the threads that emit.)
    pub text: String,
}

/// `custom` as written: `{function}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// Rust path of the function, e.g. `crate::checks::payment_total`.
    pub function: At<String>,
}

pub(super) const KEYS: &[&str] = &["function"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    Some(Syntax {
        function: e.req_string("function", d)?,
    })
}

pub(super) fn check(s: &Syntax, _cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    if !is_rust_path(&s.function.value) {
        d.error_help(
            &s.function.loc,
            format!("`{}` is not a Rust path", s.function.value),
            "write the function's path, e.g. `crate::checks::payment_total`",
        );
    }
}

/// Whether `s` is a Rust path like `crate::checks::name`.
fn is_rust_path(s: &str) -> bool {
    let s = s.strip_prefix("::").unwrap_or(s);
    let mut parts = s.split("::");
    let first_ok = parts.next().is_some_and(|p| {
        matches!(p, "crate" | "self" | "super") || crate::naming::is_valid_ident(p)
    });
    first_ok && parts.all(|p| p == "super" || crate::naming::is_valid_ident(p))
}

pub(super) fn lower(s: &Syntax, _ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<Custom> {
    resolve(&s.function, cx)
}

fn resolve(function: &At<String>, cx: &mut LowerCx<'_>) -> Option<Custom> {
    match syn::parse_str::<syn::Path>(&function.value) {
        Ok(_) => Some(Custom {
            text: function.value.clone(),
        }),
        Err(e) => {
            cx.error(
                &function.loc,
                format!("`{}` is not a Rust path: {e}", function.value),
                "write the function's path, e.g. `crate::checks::payment_total`",
            );
            None
        }
    }
}

impl Custom {
    pub(super) fn emit(&self, _code: &TokenStream, _cx: &mut super::Cx<'_>) -> TokenStream {
        let f = match syn::parse_str::<syn::Path>(&self.text) {
            Ok(f) => f,
            Err(_) => crate::internal_error("a custom check's path that the checker accepted"),
        };
        quote!(#f(self, path, out);)
    }

    pub(super) fn describe(&self, _platform: &Platform) -> String {
        format!("checked by `{}`", self.text)
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
      - { name: a, type: string }
    rules:
      - { kind: custom, function: crate::checks::even }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("crate::checks::even(self, path, out);");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: a, type: string }
    rules:
      - { kind: custom, function: \"not a path\" }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("is not a Rust path") && x.loc.line > 0),
            "{d}"
        );
    }
}
