//! `pattern: {regex, code, when}`: the value matches a regular expression.

use proc_macro2::TokenStream;
use quote::quote;

use super::{CheckCx, ConstraintParts};
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;
use crate::model::{At, Condition, Loc};

/// As written.
pub type Syntax = crate::model::PatternRule;
/// May constrain each element of a list of strings.
pub(crate) const IN_EACH: bool = true;

/// Checked: the regex and its code.
#[derive(Clone, Debug, PartialEq)]
pub struct Ir {
    /// The regex (Rust `regex` syntax), known to compile.
    pub regex: String,
    /// Platform code.
    pub code: Option<i64>,
}

pub(crate) fn read(node: &Node, d: &mut Diagnostics) -> Option<Syntax> {
    crate::load::types::pattern(node, d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies("pattern", &s.loc, cx.is_string(), "strings", d);
    if let Err(err) = regex::Regex::new(&s.regex.value) {
        d.error(
            &s.regex.loc,
            format!("invalid regex `{}`: {}", s.regex.value, regex_reason(&err)),
        );
    }
}

/// The regex crate's reason, without its multi-line rendering of the pattern.
fn regex_reason(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_owned)
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    Ir {
        regex: s.regex.value.clone(),
        code: s.code.as_ref().map(|c| c.value),
    }
}

pub(crate) fn attr(p: &Ir, _ty: &Ty) -> TokenStream {
    let regex = &p.regex;
    let code = p.code.map(|c| {
        let c = super::code_lit(c);
        quote!(, code = #c)
    });
    quote!(pattern(regex = #regex #code))
}

pub(crate) fn call(p: &Ir, value: &TokenStream, path: &TokenStream, _ty: &Ty) -> TokenStream {
    let regex = &p.regex;
    let code = super::opt_code(p.code);
    quote! {
        static PATTERN: ::mpapi_runtime::constraint::pattern::Pattern =
            ::mpapi_runtime::constraint::pattern::Pattern::new(#regex);
        ::mpapi_runtime::constraint::pattern::check(#value, &PATTERN, #code, #path, out);
    }
}

pub(crate) fn describe(p: &Ir) -> String {
    format!("matches `{}`", p.regex)
}

impl ConstraintParts for Syntax {
    fn loc(&self) -> &Loc {
        &self.loc
    }
    fn when(&self) -> Option<&Condition> {
        self.when.as_ref()
    }
    fn codes(&self) -> Vec<&At<i64>> {
        self.code.iter().collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_its_check() {
        let code = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: string, pattern: { regex: \"^[0-9]+$\", code: 5 } }
errors:
  - { code: 5, message: five }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("#[validate(pattern(regex = \"^[0-9]+$\", code = 5))]");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: string, pattern: { regex: \"([\" } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("invalid regex") && x.loc.line > 0),
            "{d}"
        );
    }
}
