//! `range: {min, max, code, when}`: an inclusive numeric range.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Bounds, CheckCx, Num, bound_args, opt, opt_code};
use crate::check::namespace::{Kind, type_text};
use crate::diag::Diagnostics;
use crate::ir::Ty;
use crate::load::yaml::Node;

/// As written: a pair of numeric bounds.
pub type Syntax = crate::model::Bounds<Num>;
/// Checked: the bounds with each end's code.
pub type Ir = Bounds<Num>;
/// May constrain each element of a list of numbers.
pub(crate) const IN_EACH: bool = true;

pub(crate) fn read(node: &Node, d: &mut Diagnostics) -> Option<Syntax> {
    crate::load::types::range(node, d)
}

pub(crate) fn check(s: &Syntax, cx: &CheckCx<'_>, d: &mut Diagnostics) {
    cx.applies(
        "range",
        &s.loc,
        cx.kind.is_numeric(),
        "integers and numbers",
        d,
    );
    super::check_code_used("range", s, d);
    if let (Some(min), Some(max)) = (&s.min, &s.max) {
        let greater = match (min.value, max.value) {
            (Num::Int(a), Num::Int(b)) => a > b,
            (a, b) => num_f64(a) > num_f64(b),
        };
        if greater {
            d.error(
                &min.loc,
                format!(
                    "min {} is greater than max {}",
                    num_text(min.value),
                    num_text(max.value)
                ),
            );
        }
    }
    let Kind::Int { signed, bits } = cx.kind else {
        return;
    };
    let (lo, hi) = crate::check::int_limits(signed, bits);
    for (which, bound) in [("min", &s.min), ("max", &s.max)] {
        let Some(bound) = bound else { continue };
        match bound.value {
            Num::Float(f) => d.error(
                &bound.loc,
                format!(
                    "{which} {f} is not an integer, but the type is `{}`",
                    type_text(cx.ty)
                ),
            ),
            Num::Int(i) if i < lo || i > hi => d.error(
                &bound.loc,
                format!(
                    "{which} {i} does not fit `{}` ({lo}..={hi})",
                    type_text(cx.ty)
                ),
            ),
            Num::Int(_) => {}
        }
    }
}

fn num_f64(n: Num) -> f64 {
    match n {
        // Precision loss is acceptable: only used to order mixed int/float bounds.
        #[allow(clippy::cast_precision_loss)]
        Num::Int(i) => i as f64,
        Num::Float(f) => f,
    }
}

fn num_text(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => f.to_string(),
    }
}

pub(crate) fn lower(s: &Syntax) -> Ir {
    super::lower_bounds(s)
}

pub(crate) fn attr(b: &Ir, ty: &Ty) -> TokenStream {
    let args = bound_args(b, |n| crate::emit::num_literal(*n, ty));
    quote!(range(#(#args),*))
}

pub(crate) fn call(b: &Ir, value: &TokenStream, path: &TokenStream, ty: &Ty) -> TokenStream {
    let lit = |n: &Option<Num>| opt(n.map(|n| crate::emit::num_literal(n, ty)));
    let (min, max) = (lit(&b.min), lit(&b.max));
    let check = quote!(::mpapi_runtime::constraint::range::check);
    if b.min_code == b.max_code || b.min.is_none() || b.max.is_none() {
        let code = opt_code(b.min_code.or(b.max_code));
        return quote!(#check(#value, #min, #max, #code, #path, out););
    }
    let none = quote!(None);
    let (lo, hi) = (opt_code(b.min_code), opt_code(b.max_code));
    quote! {
        #check(#value, #min, #none, #lo, #path, out);
        #check(#value, #none, #max, #hi, #path, out);
    }
}

pub(crate) fn describe(b: &Ir) -> String {
    match (&b.min, &b.max) {
        (Some(a), Some(z)) => format!("from {} to {}", num_text(*a), num_text(*z)),
        (Some(a), None) => format!("at least {}", num_text(*a)),
        (None, Some(z)) => format!("at most {}", num_text(*z)),
        (None, None) => "any number".to_owned(),
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
      - { name: a, type: uint16, range: { min: 1, max: 999 } }
errors:
  - { code: 5, message: five }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("#[validate(range(min = 1u16, max = 999u16))]");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_constraint_is_reported_with_its_location() {
        let d = generate(
            "types:
  - name: Request
    fields:
      - { name: a, type: uint8, range: { max: 300 } }
",
        )
        .expect_err("the spec is wrong");
        assert!(
            d.list
                .iter()
                .any(|x| x.message.contains("max 300 does not fit `uint8`") && x.loc.line > 0),
            "{d}"
        );
    }
}
