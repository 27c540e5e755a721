//! `bytes: {min, max, code, when}`: length in UTF-8 bytes (the docs' 字符字节限制).

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
    super::read_length(node, "bytes", d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies("bytes", &s.loc, cx.is_string(), "strings", d);
    super::check_order(s, d);
    super::check_code_used("bytes", s, d);
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    super::lower_bounds(s)
}

pub(crate) fn attr(b: &Ir, _ty: &Ty) -> TokenStream {
    let args = bound_args(b, usize_lit);
    quote!(bytes(#(#args),*))
}

pub(crate) fn call(b: &Ir, value: &TokenStream, path: &TokenStream, _ty: &Ty) -> TokenStream {
    bounded_call(
        b,
        quote!(::mpapi_runtime::constraint::bytes::check),
        value,
        path,
    )
}

pub(crate) fn describe(b: &Ir) -> String {
    super::bounds_text(b, "bytes")
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
      - { name: a, type: string, bytes: { min: { value: 1, code: 5 }, max: 64 } }
errors:
  - { code: 5, message: five }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("#[validate(bytes(min = 1, max = 64, min_code = 5))]");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: int32, bytes: { max: 4 } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("`bytes` applies to strings") && x.loc.line > 0),
            "{d}"
        );
    }
}
