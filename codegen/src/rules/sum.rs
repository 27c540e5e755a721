//! `sum`: a total equals the signed sum of terms, each a field or, over a list, the sum of
//! a product of the element's fields. Integers are summed exactly in `i128` (saturating),
//! decimals in `f64` with a tolerance.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use super::emit::{Access, access, path_chain};
use crate::check::lower::LowerCx;
use crate::ir::{FieldPath, Ty, Platform};
use crate::model::{self, At, Loc, TypeDef};
use crate::check::namespace::Kind;
use crate::load::path_text;
use crate::check::rules::RuleCx;
use crate::diag::Diagnostics;
use crate::load::reader::Entries;
use crate::load::yaml::Node;

/// `total` = ± term ± term …
#[derive(Clone, Debug)]
pub struct Sum {
    /// The total (no `[]` steps).
    pub total: FieldPath,
    /// The terms.
    pub terms: Vec<Term>,
    /// Whether any value is a decimal (then the sum is an `f64`).
    pub float: bool,
}

/// One term of a [`Sum`].
#[derive(Clone, Debug)]
pub struct Term {
    /// Subtracted rather than added.
    pub negative: bool,
    /// For a term over a list, the list (its last step is `[]`).
    pub each: Option<FieldPath>,
    /// The factors (relative to the element for list terms).
    pub product: Vec<FieldPath>,
}

/// `sum` as written: `{total, terms}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The total.
    pub total: At<model::FieldPath>,
    /// The terms.
    pub terms: Vec<TermSyntax>,
}

/// A term as written: `{sign, each, product}` or `{sign, field}`.
#[derive(Clone, Debug)]
pub struct TermSyntax {
    /// `-` rather than `+`.
    pub negative: bool,
    /// For a term over a list, the list.
    pub each: Option<At<model::FieldPath>>,
    /// The factors (relative to the element for list terms).
    pub product: Vec<At<model::FieldPath>>,
    /// Location of the term.
    pub loc: Loc,
}

pub(super) const KEYS: &[&str] = &["total", "terms"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let total = crate::load::rules::req_path(e, "total", d);
    let terms = e.required("terms", d).map(|n| {
        crate::load::reader::list(n, "terms", d)
            .iter()
            .filter_map(|t| read_term(t, d))
            .collect::<Vec<_>>()
    });
    Some(Syntax {
        total: total?,
        terms: terms?,
    })
}

fn read_term(node: &Node, d: &mut Diagnostics) -> Option<TermSyntax> {
    use crate::load::rules::path_node;
    let e = crate::load::reader::entries(node, "a `sum` term", &["sign", "each", "product", "field"], d)?;
    let sign = e.req_string("sign", d);
    let negative = match sign.as_ref().map(|s| s.value.as_str()) {
        Some("+") => Some(false),
        Some("-") => Some(true),
        Some(other) => {
            if let Some(s) = &sign {
                d.error_help(&s.loc, format!("unknown sign `{other}`"), "expected \"+\" or \"-\"");
            }
            None
        }
        None => None,
    };
    let (each, product) = match (e.get("each"), e.get("product"), e.get("field")) {
        (Some(each), Some(product), None) => {
            let each = path_node(each, d);
            let product: Vec<_> = crate::load::reader::list(product, "product", d)
                .iter()
                .filter_map(|p| path_node(p, d))
                .collect();
            if product.is_empty() {
                d.error(e.loc(), "`product` lists no field");
            }
            (Some(each?), product)
        }
        (None, None, Some(field)) => (None, vec![path_node(field, d)?]),
        _ => {
            d.error_help(
                e.loc(),
                "a `sum` term needs either `each` and `product`, or `field`",
                "write `{sign: \"+\", each: items[], product: [price, count]}` or `{sign: \"-\", field: discount}`",
            );
            return None;
        }
    };
    Some(TermSyntax {
        negative: negative?,
        each,
        product,
        loc: node.loc.clone(),
    })
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    cx.numeric("`total`", &s.total, d);
    for term in &s.terms {
        match &term.each {
            Some(each) => {
                let elem = cx.list("`each`", each, d);
                match elem.map(|e| cx.ns.kind(e)) {
                    Some(Kind::Object(item)) => {
                        let inner = cx.within(item);
                        for p in &term.product {
                            inner.numeric("`product` field", p, d);
                        }
                    }
                    Some(Kind::Missing) | None => {}
                    Some(_) => d.error(
                        &each.loc,
                        format!("`each` needs an array of objects, found `{}`", path_text(each)),
                    ),
                }
            }
            None => {
                for p in &term.product {
                    cx.numeric("`field`", p, d);
                }
            }
        }
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<Sum> {
    resolve(&s.total, &s.terms, ty, cx)
}

fn resolve(
    total: &At<model::FieldPath>,
    terms: &[TermSyntax],
    ty: &TypeDef,
    cx: &mut LowerCx<'_>,
) -> Option<Sum> {
    let total = cx.path(ty, total)?;
    let mut float = matches!(total.last().ty, Ty::Number);
    let mut out = Vec::new();
    for t in terms {
        let (each, elem) = match &t.each {
            Some(e) => {
                let list = cx.path(ty, e)?;
                let elem = cx.element_type(&list, e)?;
                (Some(list), elem)
            }
            None => (None, ty),
        };
        let mut product = Vec::new();
        for p in &t.product {
            let f = cx.path(elem, p)?;
            float |= matches!(f.last().ty, Ty::Number);
            product.push(f);
        }
        out.push(Term {
            negative: t.negative,
            each,
            product,
        });
    }
    Some(Sum {
        total,
        terms: out,
        float,
    })
}

impl Sum {
    pub(super) fn emit(&self, code: &TokenStream, _cx: &mut Cx<'_>) -> TokenStream {
        let mut body = TokenStream::new();
        for t in &self.terms {
            let base = if t.each.is_some() {
                quote!(e)
            } else {
                quote!(self)
            };
            let factors: Vec<TokenStream> = t
                .product
                .iter()
                .map(|f| {
                    let v = match access(&base, &f.steps) {
                        Access::Place(p) => quote!(#p),
                        Access::Opt(e) => quote!(*#e?),
                    };
                    match (self.float, f.last().ty.scalar()) {
                        (true, Ty::Number) => v,
                        // `as` binds tighter than `*`, so a product needs no parentheses.
                        (true, _) => quote!(#v as f64),
                        (false, _) => quote!(i128::from(#v)),
                    }
                })
                .collect();
            let mut it = factors.iter();
            let first = it.next().cloned().unwrap_or_else(|| quote!(1));
            let product = it.fold(first, |acc, f| {
                if self.float {
                    quote!(#acc * #f)
                } else {
                    quote!(#acc.saturating_mul(#f))
                }
            });
            let needs_option = t.product.iter().any(|f| f.steps.iter().any(|s| s.optional));
            let value = match (&t.each, needs_option) {
                (Some(list), _) => {
                    let items = list_items(list);
                    let (map, fold) = if self.float {
                        (quote!(map), quote!(sum::<f64>()))
                    } else {
                        (quote!(map), quote!(fold(0i128, i128::saturating_add)))
                    };
                    if needs_option {
                        quote!(#items.filter_map(|e| Some(#product)).#fold)
                    } else {
                        quote!(#items.#map(|e| #product).#fold)
                    }
                }
                (None, true) => {
                    quote!((|| Some(#product))().unwrap_or_default())
                }
                (None, false) => product,
            };
            let op = match (self.float, t.negative) {
                (true, false) => quote!(sum += #value;),
                (true, true) => quote!(sum -= #value;),
                (false, false) => quote!(sum = sum.saturating_add(#value);),
                (false, true) => quote!(sum = sum.saturating_sub(#value);),
            };
            body.extend(op);
        }
        let formula = self.formula();
        let p = path_chain(&quote!(path), &self.total.steps);
        let (zero, check, total) = if self.float {
            let number = matches!(self.total.last().ty.scalar(), Ty::Number);
            let total = match (access(&quote!(self), &self.total.steps), number) {
                (Access::Place(p), true) => quote!(Some(#p)),
                (Access::Place(p), false) => quote!(Some(#p as f64)),
                (Access::Opt(e), true) => quote!(#e.copied()),
                (Access::Opt(e), false) => quote!(#e.map(|t| *t as f64)),
            };
            (quote!(0f64), format_ident!("sum_equals_f64"), total)
        } else {
            let total = match access(&quote!(self), &self.total.steps) {
                Access::Place(p) => quote!(Some(i128::from(#p))),
                Access::Opt(e) => quote!(#e.map(|t| i128::from(*t))),
            };
            (quote!(0i128), format_ident!("sum_equals"), total)
        };
        quote! {
            let mut sum = #zero;
            #body
            rules::#check(#total, sum, &#p, #code, #formula, out);
        }
    }

    fn formula(&self) -> String {
        let terms: Vec<String> = self
            .terms
            .iter()
            .map(|t| {
                let prod = t
                    .product
                    .iter()
                    .map(FieldPath::text)
                    .collect::<Vec<_>>()
                    .join(" × ");
                let body = match &t.each {
                    Some(e) => format!("Σ {}({prod})", e.text()),
                    None => prod,
                };
                format!("{} {body}", if t.negative { "−" } else { "+" })
            })
            .collect();
        terms.join(" ")
    }

    pub(super) fn describe(&self, _platform: &Platform) -> String {
        format!("`{}` = {}", self.total.text(), self.formula())
    }
}

/// An iterator over every element a list path reaches (through optional parents).
fn list_items(list: &FieldPath) -> TokenStream {
    let (parents, last) = list.steps.split_at(list.steps.len().saturating_sub(1));
    if parents.iter().all(|s| !s.each && !s.optional) {
        // The common case: a list reached through required fields.
        let mut p = quote!(self);
        for s in parents {
            let f = format_ident!("{}", s.rust);
            p = quote!(#p.#f);
        }
        if let [s] = last {
            let f = format_ident!("{}", s.rust);
            return if s.optional {
                quote!(#p.#f.iter().flatten())
            } else {
                quote!(#p.#f.iter())
            };
        }
    }
    let mut it = quote!(::std::iter::once(self));
    for s in &list.steps {
        let f = format_ident!("{}", s.rust);
        it = match (s.each, s.optional) {
            (true, false) => quote!(#it.flat_map(|v| v.#f.iter())),
            (true, true) => quote!(#it.flat_map(|v| v.#f.iter().flatten())),
            (false, false) => quote!(#it.map(|v| &v.#f)),
            (false, true) => quote!(#it.filter_map(|v| v.#f.as_ref())),
        };
    }
    it
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn generates_one_combinator_call() {
        let code = generate("types:
  - name: Request
    fields:
      - { name: total, type: int64, required: true }
      - { name: lines, type: \"array<Line>\", required: true }
      - { name: discount, type: int64 }
    rules:
      - { kind: sum, total: total, terms: [{ sign: \"+\", each: \"lines[]\", product: [price, count] }, { sign: \"-\", field: discount }] }
  - name: Line
    fields:
      - { name: price, type: int64, required: true }
      - { name: count, type: int64, required: true }
").unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("sum = sum.saturating_add(self.lines.iter().map(|e| i128::from(e.price).saturating_mul(i128::from(e.count))).fold(0i128, i128::saturating_add));");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
    }

    #[test]
    fn a_misused_rule_is_reported_with_its_location() {
        let d = generate("types:
  - name: Request
    fields:
      - { name: total, type: string, required: true }
    rules:
      - { kind: sum, total: total, terms: [{ sign: \"+\", field: total }] }
").expect_err("the spec is wrong");
        assert!(
            d.list.iter().any(|x| x.message.contains("must be a number") && x.loc.line > 0),
            "{d}"
        );
    }
}
