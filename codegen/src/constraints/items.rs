//! `items: {min, max, code, when}`: the number of elements of a list (the docs' 多重性).

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, CheckCx, bound_args, bounded_call, usize_lit};
use crate::check::namespace::Kind;
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;

/// As written: a pair of length bounds.
pub type Syntax = crate::model::Bounds<u64>;
/// Checked: the bounds with each end's code.
pub type Ir = Bounds<u64>;
/// Counts a list's elements, so it never applies inside `each:`.
pub(crate) const IN_EACH: bool = false;

pub(crate) fn read(node: &Node, d: &mut Diagnostics) -> Option<Syntax> {
    super::read_length(node, "items", d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies("items", &s.loc, matches!(cx.kind, Kind::Array), "arrays", d);
    super::check_order(s, d);
    super::check_code_used("items", s, d);
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    super::lower_bounds(s)
}

pub(crate) fn attr(b: &Ir, _ty: &Ty) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(items(#(#args),*))
}

pub(crate) fn call(b: &Ir, value: &TokenStream, path: &TokenStream, _ty: &Ty) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::items::check),
        value,
        path,
    )
}

pub(crate) fn describe(b: &Ir) -> String {
    super::bounds_text(b, "elements")
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_its_check() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: a, type: \"array<string>\", items: { min: 1, max: 1, code: 5, when: { field: m, in: [1] } } }
      - { name: m, type: int32, required: true }
errors:
  - { code: 5, message: five }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze(
            "if matches!(self.m, 1) { ::mpapi_runtime::constraint::items::check(self.a.as_ref(), Some(1), Some(1), Some(5), &path.field(\"a\"), out); }",
        );
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: \"array<string>\", each: { items: { max: 2 } } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("unknown key `items`") && x.loc.line > 0),
            "{d}"
        );
    }
}
