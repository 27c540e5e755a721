//! `count`: the number of elements of a list, or of those of its elements that meet a
//! condition (`where`), is within `min` and `max`; with `when`, only while a condition on
//! the type holds. Reported at the list.
//!
//! Generated as `rules::count(n, min, max, &path, code, what, out)`.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use super::Cx;
use crate::check::lower::LowerCx;
use crate::check::namespace::{Kind, type_text};
use crate::check::rules::RuleCx;
use crate::diag::Diagnostics;
use crate::ir::{Condition, FieldPath, Platform};
use crate::load::path_text;
use crate::load::reader::Entries;
use crate::model::{self, At, Loc, TypeDef};

/// The elements of `list` (those meeting `filter`) number `min..=max`, while `when` holds.
#[derive(Clone, Debug)]
pub struct Count {
    /// The list (its last step is the list field; parents may be lists).
    pub list: FieldPath,
    /// The fewest elements, with the code reported below it.
    pub min: Option<(u64, Option<i64>)>,
    /// The most elements, with the code reported above it.
    pub max: Option<(u64, Option<i64>)>,
    /// Only the elements for which this holds (a condition on the element) are counted.
    pub filter: Option<Condition>,
    /// The rule applies only while this holds (a condition on the type with the rule).
    pub when: Option<Condition>,
}

/// A bound as written: `N`, or `{value: N, code: C}` with its own code.
pub type BoundSyntax = (At<i64>, Option<At<i64>>);

/// `count` as written: `{list, min, max, where, when}`.
#[derive(Clone, Debug)]
pub struct Syntax {
    /// The list.
    pub list: At<model::FieldPath>,
    /// `min:`.
    pub min: Option<BoundSyntax>,
    /// `max:`.
    pub max: Option<BoundSyntax>,
    /// `where:`, a condition on an element.
    pub filter: Option<model::Condition>,
    /// `when:`, a condition on the type.
    pub when: Option<model::Condition>,
}

pub(super) const KEYS: &[&str] = &["list", "min", "max", "where", "when"];

pub(super) fn read(e: &Entries<'_>, d: &mut Diagnostics) -> Option<Syntax> {
    let list = crate::load::rules::req_path(e, "list", d);
    let min = e.get("min").and_then(|n| bound(n, "min", d));
    let max = e.get("max").and_then(|n| bound(n, "max", d));
    let filter = match e.get("where") {
        Some(n) => Some(crate::load::rules::condition(n, d)?),
        None => None,
    };
    let when = match e.get("when") {
        Some(n) => Some(crate::load::rules::condition(n, d)?),
        None => None,
    };
    if min.is_none() && max.is_none() {
        d.error_help(
            e.loc(),
            "a `count` rule without `min` or `max`",
            "give the bounds, e.g. `max: 3`",
        );
        return None;
    }
    Some(Syntax {
        list: list?,
        min,
        max,
        filter,
        when,
    })
}

/// `N` or `{value: N, code: C}`.
fn bound(node: &crate::load::yaml::Node, key: &str, d: &mut Diagnostics) -> Option<BoundSyntax> {
    if let crate::load::yaml::NodeKind::Map(_) = &node.kind {
        let what = format!("`{key}`");
        let e = crate::load::reader::entries(node, &what, &["value", "code"], d)?;
        let value = e
            .required("value", d)
            .and_then(|n| crate::load::reader::int(n, "value", d))?;
        return Some((value, e.opt_int("code", d)));
    }
    crate::load::reader::int(node, key, d).map(|v| (v, None))
}

pub(super) fn check(s: &Syntax, cx: &RuleCx<'_, '_>, d: &mut Diagnostics) {
    for (b, _) in [&s.min, &s.max].into_iter().flatten() {
        if b.value < 0 {
            d.error(&b.loc, format!("a count cannot be negative, found {}", b.value));
        }
    }
    if let (Some((min, _)), Some((max, _))) = (&s.min, &s.max)
        && min.value > max.value
    {
        d.error(
            &max.loc,
            format!("`max` {} is below `min` {}", max.value, min.value),
        );
    }
    if let Some(when) = &s.when {
        cx.condition(when, d);
    }
    let Some(elem) = cx.list("`list`", &s.list, d) else {
        return;
    };
    let Some(filter) = &s.filter else { return };
    match cx.ns.kind(elem) {
        Kind::Object(item) => cx.within(item).condition(filter, d),
        Kind::Missing => {}
        _ => d.error(
            &filter.field.loc,
            format!(
                "`where` tests a field of the elements, but the elements of `{}` have type `{}`",
                path_text(&s.list),
                type_text(elem)
            ),
        ),
    }
}

pub(super) fn lower(s: &Syntax, ty: &TypeDef, _loc: &Loc, cx: &mut LowerCx<'_>) -> Option<Count> {
    let list = cx.path(ty, &s.list)?;
    let filter = match &s.filter {
        Some(f) => {
            let elem = cx.element_type(&list, &s.list)?;
            Some(cx.condition(elem, f)?)
        }
        None => None,
    };
    let when = match &s.when {
        Some(w) => Some(cx.condition(ty, w)?),
        None => None,
    };
    let bound = |b: &Option<BoundSyntax>| {
        let (n, code) = b.as_ref()?;
        Some((u64::try_from(n.value).ok()?, code.as_ref().map(|c| c.value)))
    };
    Some(Count {
        list,
        min: bound(&s.min),
        max: bound(&s.max),
        filter,
        when,
    })
}

impl Count {
    /// What is counted, for the message and the rustdoc.
    fn what(&self, platform: &Platform) -> String {
        match &self.filter {
            Some(f) => format!("elements where {}", Cx::condition_text(platform, f)),
            None => "elements".to_owned(),
        }
    }

    pub(super) fn emit(&self, code: &TokenStream, cx: &mut Cx<'_>) -> TokenStream {
        let (parents, last) = self.list.steps.split_at(self.list.steps.len() - 1);
        let last = &last[0];
        let f = format_ident!("{}", last.rust);
        let w = &last.wire;
        let optional = last.optional;
        let what = self.what(cx.platform);
        let filter = self.filter.as_ref().map(|c| cx.condition_on(&quote!(e), c));
        // A bound without its own code reports the rule's.
        let bound = |b: Option<(u64, Option<i64>)>| match b {
            Some((n, own)) => {
                let n = proc_macro2::Literal::u64_unsuffixed(n);
                let code = match own {
                    Some(c) => super::emit::opt_code(Some(c)),
                    None => code.clone(),
                };
                quote!(Some((#n, #code)))
            }
            None => quote!(None),
        };
        let (min, max) = (bound(self.min), bound(self.max));
        let body = cx.walk(quote!(self), quote!(path), parents, &mut |_, obj, p| {
            let n = match (&filter, optional) {
                (None, false) => quote!(Some(#obj.#f.len())),
                (None, true) => quote!(#obj.#f.as_ref().map(::std::vec::Vec::len)),
                (Some(c), false) => quote!(Some(#obj.#f.iter().filter(|e| #c).count())),
                (Some(c), true) => {
                    quote!(#obj.#f.as_ref().map(|list| list.iter().filter(|e| #c).count()))
                }
            };
            quote! {
                rules::count(#n, #min, #max, &#p.field(#w), #what, out);
            }
        });
        match &self.when {
            Some(when) => {
                let cond = cx.condition(when);
                quote!(if #cond { #body })
            }
            None => body,
        }
    }

    pub(super) fn describe(&self, platform: &Platform) -> String {
        let with_code = |(n, code): (u64, Option<i64>)| match code {
            Some(c) => format!("{n} (platform error {c})"),
            None => n.to_string(),
        };
        let bounds = match (self.min.map(with_code), self.max.map(with_code)) {
            (Some(a), Some(b)) if a == b => format!("exactly {a}"),
            (Some(a), Some(b)) => format!("{a} to {b}"),
            (Some(a), None) => format!("at least {a}"),
            (None, Some(b)) => format!("at most {b}"),
            (None, None) => "any number of".to_owned(),
        };
        let mut s = format!(
            "`{}` has {bounds} {}",
            self.list.text(),
            self.what(platform)
        );
        if let Some(when) = &self.when {
            s.push_str(&format!(" when {}", Cx::condition_text(platform, when)));
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{generate, squeeze};

    const SPEC: &str = "types:
  - name: Request
    fields:
      - { name: mode, type: int32, required: true }
      - { name: items, type: \"array<Item>\", required: true }
      - { name: tags, type: \"array<string>\" }
    rules:
      - { kind: count, list: items, min: 1, max: { value: 15, code: 7 }, when: { field: mode, in: [2] } }
      - { kind: count, list: items, where: { field: kind, in: [2] }, max: 3 }
      - { kind: count, list: tags, min: 1 }
  - name: Item
    fields:
      - { name: kind, type: Kind, required: true }
enums:
  - { name: Kind, wire: integer, variants: [{ name: IMAGE, code: 1 }, { name: VIDEO, code: 2 }] }
errors:
  - { code: 7, message: too many }
";

    #[test]
    fn generates_one_combinator_call_per_rule() {
        let code = generate(SPEC).unwrap_or_else(|d| panic!("{d}"));
        for want in [
            "if matches!(self.mode, 2) { rules::count(Some(self.items.len()), Some((1, None)), Some((15, Some(7))), &path.field(\"items\"), \"elements\", out); }",
            "rules::count(Some(self.items.iter().filter(|e| matches!(e.kind, Kind::Video)).count()), None, Some((3, None)), &path.field(\"items\"), \"elements where `kind` is VIDEO\", out);",
            "rules::count(self.tags.as_ref().map(::std::vec::Vec::len), Some((1, None)), None, &path.field(\"tags\"), \"elements\", out);",
        ] {
            let want = squeeze(want);
            assert!(squeeze(&code).contains(&want), "{want} not in:\n{code}");
        }
    }

    #[test]
    fn misused_rules_are_reported_with_their_location() {
        for (rule, message) in [
            ("{ kind: count, list: tags }", "without `min` or `max`"),
            ("{ kind: count, list: tags, min: 3, max: 1 }", "is below `min`"),
            ("{ kind: count, list: mode, max: 1 }", "must be an array"),
            (
                "{ kind: count, list: tags, max: 1, where: { field: kind, in: [VIDEO] } }",
                "`where` tests a field of the elements",
            ),
            (
                "{ kind: count, list: items, max: 1, where: { field: nope, in: [1] } }",
                "nope",
            ),
            (
                "{ kind: count, list: tags, max: { value: 1, code: 99 } }",
                "platform code 99 is in no error table",
            ),
        ] {
            let spec = SPEC.replace(
                "      - { kind: count, list: tags, min: 1 }",
                &format!("      - {rule}"),
            );
            let d = generate(&spec).expect_err("the spec is wrong");
            assert!(
                d.list
                    .iter()
                    .any(|x| x.message.contains(message) && x.loc.line > 0),
                "{rule}: no {message:?} in\n{d}"
            );
        }
    }
}
