//! Rules between fields: generated as plain code in a `check_rules` function, because
//! only the generator knows the types along a rule's paths (a derive sees one struct).

use proc_macro2::{Ident, TokenStream};
use quote::{format_ident, quote};

use super::index::{GroupIndex, field, rust_name};
use super::util::{num_literal, str_lit};
use crate::model::{
    Condition, Field, FieldPath, Num, PathStep, Rule, RuleKind, TypeDef, TypeRef, WireKind,
};

/// Renders a path as written in the spec.
pub fn path_text(p: &FieldPath) -> String {
    p.steps
        .iter()
        .map(|s| {
            if s.each {
                format!("{}[]", s.field)
            } else {
                s.field.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(".")
}

fn values_text(values: &[crate::model::At<serde_json::Value>]) -> String {
    values
        .iter()
        .map(|v| match &v.value {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        })
        .collect::<Vec<_>>()
        .join(" or ")
}

/// One line describing a rule, for rustdoc.
pub fn describe(rule: &Rule) -> String {
    let text = match &rule.kind {
        RuleKind::RequiredIf { field, when } => format!(
            "`{}` is required when `{}` is {}",
            path_text(field),
            path_text(&when.field),
            values_text(&when.one_of)
        ),
        RuleKind::OneOfRequired { fields } => format!(
            "at least one of {} is required",
            fields
                .iter()
                .map(|f| format!("`{}`", path_text(f)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        RuleKind::AllOrNone { field } => {
            format!("`{}` is set on every element or on none", path_text(field))
        }
        RuleKind::UniqueBy { list, key } => {
            format!(
                "no two elements of `{}` share `{}`",
                path_text(list),
                path_text(key)
            )
        }
        RuleKind::Equal { field, to, when } => {
            let mut s = format!("`{}` equals `{}`", path_text(field), path_text(to));
            if let Some(w) = when {
                s.push_str(&format!(
                    " when `{}` is {}",
                    path_text(&w.field),
                    values_text(&w.one_of)
                ));
            }
            s
        }
        RuleKind::LengthEquals { field, list } => {
            format!(
                "`{}` equals the number of elements of `{}`",
                path_text(field),
                path_text(list)
            )
        }
        RuleKind::AllowedValues {
            field,
            depends_on,
            table,
        } => format!(
            "the allowed values of `{}` depend on `{}` ({} rows)",
            path_text(field),
            path_text(depends_on),
            table.len()
        ),
        RuleKind::Sum { total, terms } => {
            let terms: Vec<String> = terms
                .iter()
                .map(|t| {
                    let prod = t
                        .product
                        .iter()
                        .map(|p| path_text(p))
                        .collect::<Vec<_>>()
                        .join(" × ");
                    let body = match &t.each {
                        Some(e) => format!("Σ {}({prod})", path_text(e)),
                        None => prod,
                    };
                    format!("{} {body}", if t.negative { "−" } else { "+" })
                })
                .collect();
            format!("`{}` = {}", path_text(total), terms.join(" "))
        }
        RuleKind::Custom { function } => format!("checked by `{}`", function.value),
    };
    let mut s = text;
    if let Some(c) = &rule.code {
        s.push_str(&format!(" (platform error {})", c.value));
    }
    if let Some(d) = &rule.description {
        s.push_str(&format!(": {}", d.value.trim().replace('\n', " ")));
    }
    s
}

/// The body of `check_rules` for `ty`.
pub fn emit_rules(ty: &TypeDef, index: &GroupIndex<'_>) -> TokenStream {
    let mut cx = Cx { index, n: 0 };
    let rules = ty.rules.iter().map(|r| {
        let body = cx.rule(ty, r);
        quote!({ #body })
    });
    let rules: Vec<TokenStream> = rules.collect();
    quote!(#(#rules)*)
}

struct Cx<'a, 'b> {
    index: &'b GroupIndex<'a>,
    n: usize,
}

/// A resolved step: the field and whether the path iterates over it.
struct Step<'a> {
    field: &'a Field,
    each: bool,
}

impl<'a> Cx<'a, '_> {
    fn fresh(&mut self, stem: &str) -> Ident {
        self.n += 1;
        format_ident!("__{}{}", stem, self.n)
    }

    /// Resolves `steps` starting at `ty`; `None` if the path does not resolve (the checker
    /// reports that, so no code is emitted for the rule).
    fn resolve(&self, ty: &'a TypeDef, steps: &[PathStep]) -> Option<Vec<Step<'a>>> {
        let mut cur = Some(ty);
        let mut out = Vec::new();
        for s in steps {
            let f = field(cur?, &s.field)?;
            out.push(Step {
                field: f,
                each: s.each,
            });
            cur = self.index.object(&f.ty);
        }
        Some(out)
    }

    /// `Option<&V>` for a path without `[]` steps, starting from the reference `base`.
    fn chain(&self, base: TokenStream, steps: &[Step<'_>]) -> TokenStream {
        // Required steps stay plain field accesses (`self.payment.amount`); only an
        // optional step turns the chain into `Option` combinators.
        enum Chain {
            Place(TokenStream),
            Opt(TokenStream),
        }
        let mut chain = Chain::Place(base);
        for s in steps {
            let f = format_ident!("{}", rust_name(s.field));
            chain = match (chain, s.field.required) {
                (Chain::Place(p), true) => Chain::Place(quote!(#p.#f)),
                (Chain::Place(p), false) => Chain::Opt(quote!(#p.#f.as_ref())),
                (Chain::Opt(e), true) => Chain::Opt(quote!(#e.map(|__x| &__x.#f))),
                (Chain::Opt(e), false) => Chain::Opt(quote!(#e.and_then(|__x| __x.#f.as_ref()))),
            };
        }
        match chain {
            Chain::Place(p) if steps.is_empty() => quote!(::std::option::Option::Some(#p)),
            Chain::Place(p) => quote!(::std::option::Option::Some(&#p)),
            Chain::Opt(e) => e,
        }
    }

    /// `let` statements building the `Path` of `steps` below `base`; returns the last ident.
    fn path_lets(&mut self, base: &Ident, steps: &[Step<'_>]) -> (TokenStream, Ident) {
        let mut lets = TokenStream::new();
        let mut cur = base.clone();
        for s in steps {
            let next = self.fresh("p");
            let w = str_lit(&s.field.name);
            lets.extend(quote!(let #next = #cur.field(#w);));
            cur = next;
        }
        (lets, cur)
    }

    /// Visits every parent object of the last step of `steps` (descending through `[]`
    /// steps), calling `leaf(parent_expr, parent_path)` to produce the code run there.
    fn walk_parent(
        &mut self,
        base: TokenStream,
        path: Ident,
        steps: &[Step<'_>],
        leaf: &mut dyn FnMut(&mut Self, TokenStream, Ident) -> TokenStream,
    ) -> TokenStream {
        let Some((first, rest)) = steps.split_first() else {
            return TokenStream::new();
        };
        if rest.is_empty() {
            return leaf(self, base, path);
        }
        let f = format_ident!("{}", rust_name(first.field));
        let w = str_lit(&first.field.name);
        let p = self.fresh("p");
        let v = self.fresh("v");
        let inner = if first.each {
            let i = self.fresh("i");
            let e = self.fresh("e");
            let q = self.fresh("p");
            let body = self.walk_parent(quote!(#e), q.clone(), rest, leaf);
            quote! {
                for (#i, #e) in #v.iter().enumerate() {
                    let #q = #p.index(#i);
                    #body
                }
            }
        } else {
            self.walk_parent(quote!(#v), p.clone(), rest, leaf)
        };
        let bind = if first.field.required {
            quote!(let #v = &#base.#f; { #inner })
        } else {
            quote!(if let ::std::option::Option::Some(#v) = &#base.#f { #inner })
        };
        quote! {
            let #p = #path.field(#w);
            #bind
        }
    }

    /// A `bool` expression: the value `v` (a reference) equals the wire literal `lit`.
    fn matches(&self, v: &TokenStream, ty: &TypeRef, lit: &serde_json::Value) -> TokenStream {
        if let Some(en) = self.index.enum_def(ty) {
            return match (lit, en.wire.value) {
                (serde_json::Value::String(s), _) => quote!(#v.as_str() == #s),
                (serde_json::Value::Number(n), _) => {
                    let c = n.as_i64().unwrap_or(i64::MIN);
                    quote!(#v.code() == ::std::option::Option::Some(#c))
                }
                (_, WireKind::String | WireKind::Integer) => quote!(false),
            };
        }
        match (ty, lit) {
            (TypeRef::String, serde_json::Value::String(s)) => quote!(#v.as_str() == #s),
            (TypeRef::Bool, serde_json::Value::Bool(b)) => quote!(*#v == #b),
            (TypeRef::Int { .. } | TypeRef::Number, serde_json::Value::Number(n)) => {
                let num = match n.as_i64() {
                    Some(i) => Num::Int(i128::from(i)),
                    None => Num::Float(n.as_f64().unwrap_or(f64::NAN)),
                };
                let lit = num_literal(num, ty);
                quote!(*#v == #lit)
            }
            _ => quote!(false),
        }
    }

    fn any_matches(
        &self,
        v: &TokenStream,
        ty: &TypeRef,
        lits: &[crate::model::At<serde_json::Value>],
    ) -> TokenStream {
        let each: Vec<TokenStream> = lits.iter().map(|l| self.matches(v, ty, &l.value)).collect();
        if each.is_empty() {
            quote!(false)
        } else {
            quote!(#(#each)||*)
        }
    }

    /// A `bool` expression for a `when:` condition evaluated on `self`.
    fn condition(&mut self, ty: &'a TypeDef, when: &Condition) -> Option<TokenStream> {
        let steps = self.resolve(ty, &when.field.steps)?;
        let last = steps.last()?;
        let chain = self.chain(quote!(self), &steps);
        let v = quote!(__w);
        let test = self.any_matches(&v, &last.field.ty.value, &when.one_of);
        Some(quote!(#chain.is_some_and(|__w| #test)))
    }

    fn rule(&mut self, ty: &'a TypeDef, rule: &Rule) -> TokenStream {
        let code = match &rule.code {
            Some(c) => {
                let c = c.value;
                quote!(::std::option::Option::Some(#c))
            }
            None => quote!(::std::option::Option::None),
        };
        self.rule_body(ty, rule, &code).unwrap_or_default()
    }

    fn rule_body(
        &mut self,
        ty: &'a TypeDef,
        rule: &Rule,
        code: &TokenStream,
    ) -> Option<TokenStream> {
        let root = format_ident!("path");
        Some(match &rule.kind {
            RuleKind::RequiredIf {
                field: target,
                when,
            } => {
                let cond = self.condition(ty, when)?;
                let steps = self.resolve(ty, &target.steps)?;
                let last = steps.last()?.field;
                if last.required {
                    return None;
                }
                let f = format_ident!("{}", rust_name(last));
                let w = str_lit(&last.name);
                let msg = format!(
                    "is required when `{}` is {}",
                    path_text(&when.field),
                    values_text(&when.one_of)
                );
                let body = self.walk_parent(quote!(self), root, &steps, &mut |_, parent, ppath| {
                    quote! {
                        if #parent.#f.is_none() {
                            out.push(&#ppath.field(#w), ::mpapi_runtime::RuleKind::RequiredIf, #code, #msg);
                        }
                    }
                });
                quote!(if #cond { #body })
            }
            RuleKind::OneOfRequired { fields } => {
                let mut resolved = Vec::new();
                for f in fields {
                    resolved.push(self.resolve(ty, &f.steps)?);
                }
                let tests: Vec<TokenStream> = resolved
                    .iter()
                    .map(|s| {
                        let c = self.chain(quote!(self), s);
                        quote!(#c.is_none())
                    })
                    .collect();
                let first = resolved.first()?;
                let (lets, p) = self.path_lets(&root, first);
                let names: Vec<String> = fields
                    .iter()
                    .map(|f| format!("`{}`", path_text(f)))
                    .collect();
                let msg = format!("one of {} is required", names.join(", "));
                quote! {
                    if #(#tests)&&* {
                        #lets
                        out.push(&#p, ::mpapi_runtime::RuleKind::OneOfRequired, #code, #msg);
                    }
                }
            }
            RuleKind::AllOrNone { field: target } => {
                let steps = self.resolve(ty, &target.steps)?;
                let k = steps.iter().position(|s| s.each)?;
                let (prefix, rest) = steps.split_at(k + 1);
                let list = self.chain(quote!(self), prefix);
                let (lets, p) = self.path_lets(&root, prefix);
                let in_elem = self.chain(quote!(__e), rest);
                let q = self.fresh("p");
                let (rest_lets, rp) = self.path_lets(&q, rest);
                let msg = format!(
                    "must be set on every element or on none (`{}`)",
                    path_text(target)
                );
                quote! {
                    if let ::std::option::Option::Some(__list) = #list {
                        let __set = __list.iter().filter(|__e| #in_elem.is_some()).count();
                        if __set != 0 && __set != __list.len() {
                            #lets
                            for (__i, __e) in __list.iter().enumerate() {
                                if #in_elem.is_none() {
                                    let #q = #p.index(__i);
                                    #rest_lets
                                    out.push(&#rp, ::mpapi_runtime::RuleKind::AllOrNone, #code, format_args!("{} ({} of {} elements set it)", #msg, __set, __list.len()));
                                }
                            }
                        }
                    }
                }
            }
            RuleKind::UniqueBy { list, key } => {
                let lsteps = self.resolve(ty, &list.steps)?;
                let elem = self.index.object(&lsteps.last()?.field.ty.value)?;
                let ksteps = self.resolve(elem, &key.steps)?;
                let lchain = self.chain(quote!(self), &lsteps);
                let (lets, p) = self.path_lets(&root, &lsteps);
                let ka = self.chain(quote!(__a), &ksteps);
                let kb = self.chain(quote!(__b), &ksteps);
                let q = self.fresh("p");
                let (klets, kp) = self.path_lets(&q, &ksteps);
                let msg = format!(
                    "duplicates the `{}` of an earlier element of `{}`",
                    path_text(key),
                    path_text(list)
                );
                quote! {
                    if let ::std::option::Option::Some(__list) = #lchain {
                        #lets
                        for (__i, __a) in __list.iter().enumerate() {
                            if let ::std::option::Option::Some(__ka) = #ka {
                                let __earlier = __list.get(..__i).unwrap_or_default();
                                if __earlier.iter().any(|__b| #kb == ::std::option::Option::Some(__ka)) {
                                    let #q = #p.index(__i);
                                    #klets
                                    out.push(&#kp, ::mpapi_runtime::RuleKind::UniqueBy, #code, format_args!("{} ({})", #msg, __ka));
                                }
                            }
                        }
                    }
                }
            }
            RuleKind::Equal {
                field: target,
                to,
                when,
            } => {
                let tsteps = self.resolve(ty, &to.steps)?;
                let to_chain = self.chain(quote!(self), &tsteps);
                let cond = match when {
                    Some(w) => Some(self.condition(ty, w)?),
                    None => None,
                };
                let steps = self.resolve(ty, &target.steps)?;
                let last = steps.last()?.field;
                let f = format_ident!("{}", rust_name(last));
                let w = str_lit(&last.name);
                let get = if last.required {
                    quote!(::std::option::Option::Some(&__parent.#f))
                } else {
                    quote!(__parent.#f.as_ref())
                };
                let msg = format!("must equal `{}`", path_text(to));
                let body = self.walk_parent(quote!(self), root, &steps, &mut |_, parent, ppath| {
                    quote! {
                        let __parent = #parent;
                        if let ::std::option::Option::Some(__v) = #get {
                            if __v != __to {
                                out.push(&#ppath.field(#w), ::mpapi_runtime::RuleKind::Equal, #code, format_args!("{} ({}), found {}", #msg, __to, __v));
                            }
                        }
                    }
                });
                let check = quote! {
                    if let ::std::option::Option::Some(__to) = #to_chain {
                        #body
                    }
                };
                match cond {
                    Some(cond) => quote!(if #cond { #check }),
                    None => check,
                }
            }
            RuleKind::LengthEquals {
                field: target,
                list,
            } => {
                let fsteps = self.resolve(ty, &target.steps)?;
                let lsteps = self.resolve(ty, &list.steps)?;
                let fc = self.chain(quote!(self), &fsteps);
                let lc = self.chain(quote!(self), &lsteps);
                let (lets, p) = self.path_lets(&root, &fsteps);
                let msg = format!("must equal the number of elements of `{}`", path_text(list));
                quote! {
                    if let (::std::option::Option::Some(__n), ::std::option::Option::Some(__l)) = (#fc, #lc) {
                        let __n = i128::from(*__n);
                        let __len = i128::try_from(__l.len()).unwrap_or(i128::MAX);
                        if __n != __len {
                            #lets
                            out.push(&#p, ::mpapi_runtime::RuleKind::LengthEquals, #code, format_args!("{} ({}), found {}", #msg, __len, __n));
                        }
                    }
                }
            }
            RuleKind::AllowedValues {
                field: target,
                depends_on,
                table,
            } => {
                let fsteps = self.resolve(ty, &target.steps)?;
                let dsteps = self.resolve(ty, &depends_on.steps)?;
                let fty = fsteps.last()?.field.ty.value.clone();
                let dty = dsteps.last()?.field.ty.value.clone();
                let fc = self.chain(quote!(self), &fsteps);
                let dc = self.chain(quote!(self), &dsteps);
                let fv = quote!(__f);
                let dv = quote!(__d);
                // Rows with the same allowed values share one branch (docs often repeat a
                // table for related categories).
                type Wire = crate::model::At<serde_json::Value>;
                let mut groups: Vec<(Vec<&Wire>, &[Wire])> = Vec::new();
                for row in table {
                    let key = values_text(&row.allowed);
                    match groups
                        .iter_mut()
                        .find(|(_, allowed)| values_text(allowed) == key)
                    {
                        Some((whens, _)) => whens.push(&row.when),
                        None => groups.push((vec![&row.when], &row.allowed)),
                    }
                }
                let mut arms = TokenStream::new();
                for (whens, allowed) in &groups {
                    let when: Vec<TokenStream> = whens
                        .iter()
                        .map(|w| self.matches(&dv, &dty, &w.value))
                        .collect();
                    let ok = self.any_matches(&fv, &fty, allowed);
                    let text = values_text(allowed);
                    arms.extend(quote!(if #(#when)||* { if #ok { ::std::option::Option::None } else { ::std::option::Option::Some(#text) } } else));
                }
                let (lets, p) = self.path_lets(&root, &fsteps);
                let dep = path_text(depends_on);
                quote! {
                    if let (::std::option::Option::Some(__f), ::std::option::Option::Some(__d)) = (#fc, #dc) {
                        let __allowed: ::std::option::Option<&str> = #arms { ::std::option::Option::None };
                        if let ::std::option::Option::Some(__allowed) = __allowed {
                            #lets
                            out.push(&#p, ::mpapi_runtime::RuleKind::AllowedValues, #code, format_args!("{} is not allowed when `{}` is {}; allowed: {}", __f, #dep, __d, __allowed));
                        }
                    }
                }
            }
            RuleKind::Sum { total, terms } => self.sum(ty, total, terms, code)?,
            RuleKind::Custom { function } => {
                let f: syn::Path = syn::parse_str(&function.value).ok()?;
                quote!(#f(self, path, out);)
            }
        })
    }

    fn sum(
        &mut self,
        ty: &'a TypeDef,
        total: &FieldPath,
        terms: &[crate::model::SumTerm],
        code: &TokenStream,
    ) -> Option<TokenStream> {
        let tsteps = self.resolve(ty, &total.steps)?;
        let mut float = matches!(tsteps.last()?.field.ty.value, TypeRef::Number);
        struct Resolved<'x> {
            negative: bool,
            list: Option<Vec<Step<'x>>>,
            factors: Vec<Vec<Step<'x>>>,
        }
        let mut resolved = Vec::new();
        for t in terms {
            let (list, elem) = match &t.each {
                Some(e) => {
                    let l = self.resolve(ty, &e.steps)?;
                    let elem = self.index.object(&l.last()?.field.ty.value)?;
                    (Some(l), elem)
                }
                None => (None, ty),
            };
            let mut factors = Vec::new();
            for p in &t.product {
                let s = self.resolve(elem, &p.steps)?;
                float |= matches!(s.last()?.field.ty.value, TypeRef::Number);
                factors.push(s);
            }
            resolved.push(Resolved {
                negative: t.negative,
                list,
                factors,
            });
        }
        let conv = |v: TokenStream| {
            if float {
                quote!((*#v as f64))
            } else {
                quote!(i128::from(*#v))
            }
        };
        let zero = if float { quote!(0f64) } else { quote!(0i128) };
        let mut body = TokenStream::new();
        for r in &resolved {
            let base = if r.list.is_some() {
                quote!(__e)
            } else {
                quote!(self)
            };
            let names: Vec<Ident> = (0..r.factors.len())
                .map(|i| format_ident!("__f{}", i))
                .collect();
            let gets: Vec<TokenStream> = r
                .factors
                .iter()
                .map(|s| self.chain(base.clone(), s))
                .collect();
            let mut product = quote!(__acc);
            let mut init = quote!();
            for (i, n) in names.iter().enumerate() {
                let c = conv(quote!(#n));
                if i == 0 {
                    init = quote!(let mut __acc = #c;);
                } else if float {
                    init.extend(quote!(__acc *= #c;));
                } else {
                    init.extend(quote!(__acc = __acc.saturating_mul(#c);));
                }
            }
            let add = match (float, r.negative) {
                (true, false) => quote!(__sum += #product;),
                (true, true) => quote!(__sum -= #product;),
                (false, false) => quote!(__sum = __sum.saturating_add(#product);),
                (false, true) => quote!(__sum = __sum.saturating_sub(#product);),
            };
            product = quote!(#init #add);
            let pat = quote!((#(::std::option::Option::Some(#names)),*,));
            let tuple = quote!((#(#gets),*,));
            let one = quote!(if let #pat = #tuple { #product });
            match &r.list {
                Some(l) => {
                    let lc = self.chain(quote!(self), l);
                    body.extend(quote! {
                        if let ::std::option::Option::Some(__list) = #lc {
                            for __e in __list.iter() { #one }
                        }
                    });
                }
                None => body.extend(one),
            }
        }
        let tc = self.chain(quote!(self), &tsteps);
        let tv = conv(quote!(__t));
        let (lets, p) = self.path_lets(&format_ident!("path"), &tsteps);
        let differs = if float {
            quote!((#tv - __sum).abs() > 1e-9)
        } else {
            quote!(#tv != __sum)
        };
        let formula = describe(&Rule {
            kind: RuleKind::Sum {
                total: crate::model::At::new(total.clone(), Default::default()),
                terms: terms.to_vec(),
            },
            code: None,
            description: None,
            loc: Default::default(),
        });
        Some(quote! {
            let mut __sum = #zero;
            #body
            if let ::std::option::Option::Some(__t) = #tc {
                if #differs {
                    #lets
                    out.push(&#p, ::mpapi_runtime::RuleKind::Sum, #code, format_args!("must equal {} = {}, found {}", #formula, __sum, __t));
                }
            }
        })
    }
}
