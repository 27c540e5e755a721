//! `chars: {min, max, code, when}`: length in characters (the docs' 字符长度限制).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, CheckCx, bound_args, bounded_call, usize_lit};
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;

/// As written: a pair of length bounds.
pub type Syntax = crate::model::Bounds<u64>;
/// Checked: the bounds with each end's code.
pub type Ir = Bounds<u64>;
/// May constrain each element of a list of strings.
pub(crate) const IN_EACH: bool = true;

pub(crate) fn read(node: &Node, d: &mut Diagnostics) -> Option<Syntax> {
    super::read_length(node, "chars", d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies("chars", &s.loc, cx.is_string(), "strings", d);
    super::check_order(s, d);
    super::check_code_used("chars", s, d);
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    super::lower_bounds(s)
}

pub(crate) fn attr(b: &Ir, _ty: &Ty) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(chars(#(#args),*))
}

pub(crate) fn call(b: &Ir, value: &TokenStream, path: &TokenStream, _ty: &Ty) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::chars::check),
        value,
        path,
    )
}

pub(crate) fn describe(b: &Ir) -> String {
    super::bounds_text(b, "characters")
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
      - { name: a, type: string, chars: { max: 32 } }
errors:
  - { code: 5, message: five }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("#[validate(chars(max = 32))]");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: string, chars: { min: 9, max: 3 } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("min 9 is greater than max 3") && x.loc.line > 0),
            "{d}"
        );
    }
}
