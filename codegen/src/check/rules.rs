//! Rules between fields: every path resolves, and each rule gets the shapes it needs.

use serde_json::Value;

use crate::check::constraints::int_limits;
use crate::check::namespace::{Kind, Namespace, Target, type_text};
use crate::diag::Diagnostics;
use crate::load::path_text;
use crate::model::{At, Condition, FieldPath, Rule, RuleKind, TypeDef, TypeRef};

/// Checks a constraint's `when:` condition, written on a field of `ty`.
pub(crate) fn constraint_condition<'a>(
    when: &Condition,
    ty: &'a TypeDef,
    ns: &Namespace<'a>,
    d: &mut Diagnostics,
) {
    Cx { ty, ns }.condition(when, d);
}

/// Checks one rule of `ty`.
pub(crate) fn check<'a>(rule: &Rule, ty: &'a TypeDef, ns: &Namespace<'a>, d: &mut Diagnostics) {
    let cx = Cx { ty, ns };
    match &rule.kind {
        RuleKind::RequiredIf { field, when } => {
            if let Some(t) = cx.resolve("`field`", field, d)
                && t.field.required
            {
                d.error_help(
                    &field.loc,
                    format!(
                        "`{}` is a required field, so `required_if` never adds anything",
                        path_text(field)
                    ),
                    "make the field `required: false`, or drop the rule",
                );
            }
            cx.condition(when, d);
        }
        RuleKind::OneOfRequired { fields, when } => {
            for f in fields {
                cx.resolve("field", f, d);
            }
            if let Some(when) = when {
                cx.condition(when, d);
            }
        }
        RuleKind::AllOrNone { field } => {
            if let Some(t) = cx.resolve("`field`", field, d)
                && (t.each_steps != 1 || t.last_each)
            {
                d.error_help(
                    &field.loc,
                    format!(
                        "`all_or_none` needs a path with exactly one `[]` before the field, found `{}`",
                        path_text(field)
                    ),
                    "write the array and the field of its elements, e.g. `item_list[].merchant_item_id`",
                );
            }
        }
        RuleKind::UniqueBy { list, key } => {
            if let Some(elem) = cx.list("`list`", list, d) {
                match ns.kind(elem) {
                    Kind::Object(item) => {
                        let inner = Cx { ty: item, ns };
                        if let Some(t) = inner.resolve("`key`", key, d)
                            && t.each_steps > 0
                        {
                            d.error(
                                &key.loc,
                                format!("`key` `{}` must not contain `[]`", path_text(key)),
                            );
                        }
                    }
                    Kind::Missing => {}
                    _ => d.error(
                        &list.loc,
                        format!(
                            "`unique_by` needs an array of objects, but the elements of `{}` have type `{}`",
                            path_text(list),
                            type_text(elem)
                        ),
                    ),
                }
            }
        }
        RuleKind::Equal { field, to, when } => {
            let a = cx.resolve("`field`", field, d);
            let b = cx.resolve("`to`", to, d);
            if let Some(b) = &b
                && b.each_steps > 0
            {
                d.error_help(
                    &to.loc,
                    format!("`to` `{}` must not contain `[]`", path_text(to)),
                    "`to` names one value; put the `[]` steps in `field`",
                );
            }
            if let (Some(a), Some(b)) = (a, b)
                && a.ty != b.ty
            {
                d.error(
                    &to.loc,
                    format!(
                        "`{}` has type `{}` but `{}` has type `{}`; `equal` compares values of one type",
                        path_text(field),
                        type_text(a.ty),
                        path_text(to),
                        type_text(b.ty)
                    ),
                );
            }
            if let Some(when) = when {
                cx.condition(when, d);
            }
        }
        RuleKind::LengthEquals { field, list } => {
            if let Some(t) = cx.resolve("`field`", field, d)
                && !matches!(ns.kind(t.ty), Kind::Int { .. } | Kind::Missing)
            {
                d.error(
                    &field.loc,
                    format!(
                        "`length_equals` needs an integer `field`, but `{}` has type `{}`",
                        path_text(field),
                        type_text(t.ty)
                    ),
                );
            }
            cx.list("`list`", list, d);
        }
        RuleKind::AllowedValues {
            field,
            depends_on,
            table,
        } => {
            let target = cx.resolve("`field`", field, d);
            let key = cx.resolve("`depends_on`", depends_on, d);
            let mut seen: Vec<&At<Value>> = Vec::new();
            for row in table {
                if let Some(k) = &key {
                    cx.value(&row.when, k.ty, depends_on, d);
                }
                if let Some(first) = seen.iter().find(|s| s.value == row.when.value) {
                    d.error_help(
                        &row.when.loc,
                        format!("`when: {}` appears in two rows", row.when.value),
                        format!("the first is at {}", first.loc),
                    );
                } else {
                    seen.push(&row.when);
                }
                if let Some(t) = &target {
                    for v in &row.allowed {
                        cx.value(v, t.ty, field, d);
                    }
                }
            }
        }
        RuleKind::Sum { total, terms } => {
            cx.numeric("`total`", total, d);
            for term in terms {
                match &term.each {
                    Some(each) => {
                        let elem = cx.list("`each`", each, d);
                        match elem.map(|e| ns.kind(e)) {
                            Some(Kind::Object(item)) => {
                                let inner = Cx { ty: item, ns };
                                for p in &term.product {
                                    inner.numeric("`product` field", p, d);
                                }
                            }
                            Some(Kind::Missing) | None => {}
                            Some(_) => d.error(
                                &each.loc,
                                format!(
                                    "`each` needs an array of objects, found `{}`",
                                    path_text(each)
                                ),
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
        RuleKind::Custom { function } => {
            if !is_rust_path(&function.value) {
                d.error_help(
                    &function.loc,
                    format!("`{}` is not a Rust path", function.value),
                    "write the function's path, e.g. `crate::checks::payment_total`",
                );
            }
        }
    }
}

/// Whether `s` is a Rust path like `crate::checks::name`.
fn is_rust_path(s: &str) -> bool {
    let s = s.strip_prefix("::").unwrap_or(s);
    let mut parts = s.split("::");
    let first_ok = parts.next().is_some_and(|p| {
        matches!(p, "crate" | "self" | "super") || crate::naming::is_valid_ident(p)
    });
    first_ok && parts.all(|p| p == "super" || crate::naming::is_valid_ident(p))
}

struct Cx<'a, 'n> {
    ty: &'a TypeDef,
    ns: &'n Namespace<'a>,
}

impl<'a> Cx<'a, '_> {
    fn resolve(&self, what: &str, path: &At<FieldPath>, d: &mut Diagnostics) -> Option<Target<'a>> {
        match self.ns.resolve(self.ty, path) {
            Ok(t) => t,
            Err(e) => {
                d.push(e.diagnostic(what, path, &path.loc));
                None
            }
        }
    }

    /// Resolves a path that must end at an array (a plain last step); returns the
    /// element type. `a[]` is accepted too, meaning the same array.
    fn list(&self, what: &str, path: &At<FieldPath>, d: &mut Diagnostics) -> Option<&'a TypeRef> {
        let t = self.resolve(what, path, d)?;
        if t.last_each {
            return Some(t.ty);
        }
        match t.ty {
            TypeRef::Array(inner) => Some(inner),
            other => {
                if !matches!(self.ns.kind(other), Kind::Missing) {
                    d.error(
                        &path.loc,
                        format!(
                            "{what} `{}` must be an array, but has type `{}`",
                            path_text(path),
                            type_text(other)
                        ),
                    );
                }
                None
            }
        }
    }

    fn numeric(&self, what: &str, path: &At<FieldPath>, d: &mut Diagnostics) {
        if let Some(t) = self.resolve(what, path, d) {
            let kind = self.ns.kind(t.ty);
            if !kind.is_numeric() && !matches!(kind, Kind::Missing) {
                d.error(
                    &path.loc,
                    format!(
                        "{what} `{}` must be a number, but has type `{}`",
                        path_text(path),
                        type_text(t.ty)
                    ),
                );
            }
        }
    }

    fn condition(&self, when: &Condition, d: &mut Diagnostics) {
        if when.field.value.steps.iter().any(|s| s.each) {
            d.error_help(
                &when.field.loc,
                format!(
                    "`when.field` `{}` goes through a list (`[]`): a condition tests one value",
                    path_text(&when.field)
                ),
                "test a field of the object that carries the rule or constraint",
            );
            return;
        }
        if let Some(t) = self.resolve("`when.field`", &when.field, d) {
            for v in &when.one_of {
                self.value(v, t.ty, &when.field, d);
            }
        }
    }

    /// Reports a rule value that is not a wire value of `ty`.
    fn value(&self, v: &At<Value>, ty: &TypeRef, path: &At<FieldPath>, d: &mut Diagnostics) {
        if let Err(why) = wire_value_fits(self.ns.kind(ty), ty, &v.value) {
            d.error(
                &v.loc,
                format!(
                    "{} is not a valid value of `{}` ({}): {why}",
                    v.value,
                    path_text(path),
                    type_text(ty)
                ),
            );
        }
    }
}

/// Whether `v` is a wire value of a field of this kind.
fn wire_value_fits(kind: Kind<'_>, ty: &TypeRef, v: &Value) -> Result<(), String> {
    match kind {
        Kind::Missing => Ok(()),
        Kind::Enum(e) => {
            let names = || {
                e.variants
                    .iter()
                    .map(|v| v.name.value.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            match (e.wire.value, v) {
                (crate::model::WireKind::String, Value::String(s)) => {
                    if e.variants.iter().any(|x| x.name.value == *s) {
                        Ok(())
                    } else {
                        Err(format!("expected one of {}", names()))
                    }
                }
                (crate::model::WireKind::String, _) => {
                    Err(format!("expected a variant name: one of {}", names()))
                }
                (crate::model::WireKind::Integer, Value::Number(n)) => {
                    if n.as_i64()
                        .is_some_and(|c| e.variants.iter().any(|x| x.code.value == c))
                    {
                        Ok(())
                    } else {
                        Err(format!("no variant of `{}` has this code", e.name.value))
                    }
                }
                (crate::model::WireKind::Integer, _) => {
                    Err(format!("`{}` is sent as an integer code", e.name.value))
                }
            }
        }
        Kind::String => match v {
            Value::String(_) => Ok(()),
            _ => Err("expected a string".to_owned()),
        },
        Kind::Bool => match v {
            Value::Bool(_) => Ok(()),
            _ => Err("expected true or false".to_owned()),
        },
        Kind::Int { signed, bits } => {
            let (lo, hi) = int_limits(signed, bits);
            let n = match v {
                Value::Number(n) => n
                    .as_i64()
                    .map(i128::from)
                    .or_else(|| n.as_u64().map(i128::from)),
                _ => None,
            };
            match n {
                Some(n) if n >= lo && n <= hi => Ok(()),
                Some(_) => Err(format!("out of range for `{}`", type_text(ty))),
                None => Err("expected an integer".to_owned()),
            }
        }
        Kind::Number => match v {
            Value::Number(_) => Ok(()),
            _ => Err("expected a number".to_owned()),
        },
        Kind::Json | Kind::Array | Kind::Object(_) => {
            Err("rules compare scalar values only".to_owned())
        }
    }
}
