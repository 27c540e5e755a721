//! What every rule kind's emitter shares: reading a field path from `self`, walking into
//! lists and optional objects with readable bindings, and testing `when:` conditions
//! against typed values (enum variants by pattern, never by wire string).

use std::collections::BTreeSet;

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{Condition, FieldPath, Lit, Platform, Step, Ty};

/// The emitter's state inside one `check_rules` function.
pub(crate) struct Cx<'p> {
    pub(crate) platform: &'p Platform,
    used: BTreeSet<String>,
}

/// A value read along a path: a place of type `T`, or an `Option<&T>` expression.
pub(crate) enum Access {
    Place(TokenStream),
    Opt(TokenStream),
}

impl Access {
    /// As an `Option<&T>` expression.
    pub(crate) fn opt(&self) -> TokenStream {
        match self {
            Access::Place(p) => quote!(Some(&#p)),
            Access::Opt(e) => e.clone(),
        }
    }
}

/// `Some(c)` or `None` for a platform code.
pub(crate) fn opt_code(code: Option<i64>) -> TokenStream {
    match code {
        Some(c) => {
            let c = proc_macro2::Literal::i64_unsuffixed(c);
            quote!(Some(#c))
        }
        None => quote!(None),
    }
}

/// `&["a", "b"]`: the wire names of a path inside a list element.
pub(crate) fn wire_slice(steps: &[Step]) -> TokenStream {
    let names = steps.iter().map(|s| s.wire.as_str());
    quote!(&[#(#names),*])
}

/// `base.field("a").field("b")` for steps without `[]`.
pub(crate) fn path_chain(base: &TokenStream, steps: &[Step]) -> TokenStream {
    let mut p = base.clone();
    for s in steps {
        let w = &s.wire;
        p = quote!(#p.field(#w));
    }
    p
}

/// Reads `steps` (no `[]`) from the object `base`: plain field accesses while every step is
/// required, `Option` combinators from the first optional step on.
pub(crate) fn access(base: &TokenStream, steps: &[Step]) -> Access {
    if steps.is_empty() {
        crate::internal_error("a rule reads an empty field path");
    }
    let mut acc = Access::Place(base.clone());
    for s in steps {
        let f = format_ident!("{}", s.rust);
        acc = match (acc, s.optional) {
            (Access::Place(p), false) => Access::Place(quote!(#p.#f)),
            (Access::Place(p), true) => Access::Opt(quote!(#p.#f.as_ref())),
            (Access::Opt(e), false) => Access::Opt(quote!(#e.map(|v| &v.#f))),
            (Access::Opt(e), true) => Access::Opt(quote!(#e.and_then(|v| v.#f.as_ref()))),
        };
    }
    acc
}

impl<'p> Cx<'p> {
    pub(crate) fn new(platform: &'p Platform) -> Self {
        Cx {
            platform,
            used: ["path", "out", "i", "self", "v"]
                .into_iter()
                .map(str::to_owned)
                .collect(),
        }
    }

    /// A fresh, readable binding name derived from `stem`.
    fn fresh(&mut self, stem: &str) -> Ident {
        let stem = stem.trim_end_matches('_').to_lowercase();
        let stem = if stem.is_empty() || crate::naming::is_keyword(&stem) {
            format!("{stem}_value")
        } else {
            stem
        };
        let mut name = stem.clone();
        let mut n = 1;
        while self.used.contains(&name) {
            n += 1;
            name = format!("{stem}{n}");
        }
        self.used.insert(name.clone());
        format_ident!("{}", name)
    }

    /// The name of one element of the list field `s`: `order_list` -> `order`.
    fn element_name(&mut self, s: &Step) -> Ident {
        let base = s.rust.trim_end_matches('_');
        let stem = if let Some(x) = base.strip_suffix("_list") {
            x.to_owned()
        } else if let Some(x) = base.strip_suffix('s').filter(|x| !x.is_empty()) {
            x.to_owned()
        } else {
            format!("{base}_item")
        };
        self.fresh(&stem)
    }

    /// Walks `steps` from the object `base` (at path `path`), descending into optional
    /// objects and every element of `[]` lists, and calls `leaf` with the reached object
    /// (an expression usable as a place) and its path (an expression of type `Path`).
    pub(crate) fn walk(
        &mut self,
        base: TokenStream,
        path: TokenStream,
        steps: &[Step],
        leaf: &mut dyn FnMut(&mut Self, TokenStream, TokenStream) -> TokenStream,
    ) -> TokenStream {
        let mut pending: Vec<Step> = Vec::new();
        let mut expr = base;
        for (k, s) in steps.iter().enumerate() {
            let f = format_ident!("{}", s.rust);
            let rest = steps.get(k + 1..).unwrap_or_default();
            if s.each {
                pending.push(s.clone());
                let list_path = self.fresh(&format!("{}_path", s.rust.trim_end_matches('_')));
                let chain = path_chain(&path, &pending);
                let el = self.element_name(s);
                let el_path = self.fresh(&format!("{el}_path"));
                let inner = self.walk(quote!(#el), quote!(#el_path), rest, leaf);
                let list = if s.optional {
                    quote!(#expr.#f.iter().flatten())
                } else {
                    quote!(#expr.#f.iter())
                };
                return quote! {
                    let #list_path = #chain;
                    for (i, #el) in #list.enumerate() {
                        let #el_path = #list_path.index(i);
                        #inner
                    }
                };
            }
            if s.optional {
                pending.push(s.clone());
                let v = self.fresh(&s.rust);
                let v_path = self.fresh(&format!("{v}_path"));
                let chain = path_chain(&path, &pending);
                let inner = self.walk(quote!(#v), quote!(#v_path), rest, leaf);
                return quote! {
                    if let Some(#v) = &#expr.#f {
                        let #v_path = #chain;
                        #inner
                    }
                };
            }
            expr = quote!(#expr.#f);
            pending.push(s.clone());
        }
        let p = path_chain(&path, &pending);
        leaf(self, expr, p)
    }

    /// A `bool` expression: the condition holds on `self`.
    pub(crate) fn condition(&self, when: &Condition) -> TokenStream {
        self.condition_on(&quote!(self), when)
    }

    /// [`Cx::condition`] on another object than `self`, e.g. a list element `e`.
    pub(crate) fn condition_on(&self, base: &TokenStream, when: &Condition) -> TokenStream {
        let last = when.path.last();
        let value = access(base, &when.path.steps);
        let pats = when
            .values
            .iter()
            .map(|l| self.pattern(l, last.ty.scalar()));
        let pats = quote!(#(#pats)|*);
        match (&value, last.ty.scalar()) {
            (Access::Place(p), Ty::String) => quote!(matches!(#p.as_str(), #pats)),
            // `is_some_and` rather than `.map(String::as_str)`: an optional field's access
            // ends in `.as_ref()`, and `.as_ref().map(String::as_str)` is a clippy warning.
            (Access::Opt(e), Ty::String) => {
                quote!(#e.is_some_and(|v| matches!(v.as_str(), #pats)))
            }
            (Access::Place(p), _) => quote!(matches!(#p, #pats)),
            (Access::Opt(e), _) => quote!(matches!(#e, Some(#pats))),
        }
    }

    /// A pattern matching the value `lit` of type `ty`.
    pub(crate) fn pattern(&self, lit: &Lit, ty: &Ty) -> TokenStream {
        match lit {
            Lit::Variant { en, index } => self.variant(*en, *index),
            Lit::Str(s) => quote!(#s),
            Lit::Bool(b) => quote!(#b),
            Lit::Int(i) => crate::emit::int_pattern(*i, ty),
        }
    }

    /// `Enum::Variant`.
    pub(crate) fn variant(&self, en: crate::ir::EnumId, index: usize) -> TokenStream {
        let e = self.platform.en(en);
        let name = format_ident!("{}", e.name);
        let Some(v) = e.variants.get(index) else {
            crate::internal_error("a condition names a variant its enum does not have")
        };
        let v = format_ident!("{}", v.rust);
        quote!(#name::#v)
    }

    /// A value for rustdoc: the wire name of a variant, or the literal.
    pub(crate) fn lit_text(platform: &Platform, lit: &Lit) -> String {
        match lit {
            Lit::Variant { en, index } => platform
                .en(*en)
                .variants
                .get(*index)
                .map(|v| v.wire.clone())
                .unwrap_or_default(),
            Lit::Str(s) => s.clone(),
            Lit::Int(i) => i.to_string(),
            Lit::Bool(b) => b.to_string(),
        }
    }

    /// "`type` is MINI_PROGRAM or URL".
    pub(crate) fn condition_text(platform: &Platform, when: &Condition) -> String {
        let values: Vec<String> = when
            .values
            .iter()
            .map(|l| Self::lit_text(platform, l))
            .collect();
        format!("`{}` is {}", when.path.text(), values.join(" or "))
    }
}

/// Splits a path at its first `[]` step: the list (ending with that step) and the rest.
pub(crate) fn split_list(path: &FieldPath) -> (&[Step], &[Step]) {
    let k = path.steps.iter().position(|s| s.each).map_or(0, |k| k + 1);
    path.steps.split_at(k)
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    #[test]
    fn a_condition_on_an_optional_string_compares_without_mapping() {
        let code = generate(
            "types:
  - name: Request
    fields:
      - { name: company, type: string }
      - { name: contact, type: string }
    rules:
      - { kind: required_if, field: contact, when: { field: company, in: [SF] } }
",
        )
        .unwrap_or_else(|d| panic!("{d}"));
        let want = squeeze("self.company.as_ref().is_some_and(|v| matches!(v.as_str(), \"SF\"))");
        assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
        assert!(!code.contains("String::as_str"), "{code}");
    }
}
