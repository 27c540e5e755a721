//! `format: {name, code, when}`: a named string format: `date-time` (RFC 3339) or `url`
//! (the docs' link rule, decided by a hand-written matcher).

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::{CheckCx, ConstraintParts, FormatName};
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;
use crate::model::{At, Condition, Loc};

/// As written.
pub type Syntax = crate::model::FormatRule;
/// May constrain each element of a list of strings.
pub(crate) const IN_EACH: bool = true;

/// Checked: the format and its code.
#[derive(Clone, Debug, PartialEq)]
pub struct Ir {
    /// Which format.
    pub name: FormatName,
    /// Platform code.
    pub code: Option<i64>,
}

pub(crate) fn read(node: &Node, d: &mut Diagnostics) -> Option<Syntax> {
    crate::load::types::format(node, d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies("format", &s.loc, cx.is_string(), "strings", d);
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    Ir {
        name: s.name.value,
        code: s.code.as_ref().map(|c| c.value),
    }
}

fn function(name: FormatName) -> proc_macro2::Ident {
    match name {
        FormatName::DateTime => format_ident!("date_time"),
        FormatName::Url => format_ident!("url"),
    }
}

pub(crate) fn attr(f: &Ir, _ty: &Ty) -> TokenStream {
    let name = function(f.name);
    let code = f.code.map(|c| {
        let c = super::code_lit(c);
        quote!(, code = #c)
    });
    quote!(format(#name #code))
}

pub(crate) fn call(f: &Ir, value: &TokenStream, path: &TokenStream, _ty: &Ty) -> TokenStream {
    let func = function(f.name);
    let code = super::opt_code(f.code);
    quote!(::mpapi_runtime::constraint::format::#func(#value, #code, #path, out);)
}

pub(crate) fn describe(f: &Ir) -> String {
    match f.name {
        FormatName::DateTime => "an RFC 3339 date-time".to_owned(),
        FormatName::Url => "an http(s) URL (the docs' link rule)".to_owned(),
    }
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
      - { name: a, type: \"array<string>\", each: { format: { name: url } } }
errors:
  - { code: 5, message: five }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("#[validate(each(format(url)))]");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: string, format: { name: uri } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("unknown format `uri`") && x.loc.line > 0),
            "{d}"
        );
    }
}
