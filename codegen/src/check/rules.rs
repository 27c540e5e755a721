//! Rules between fields: every path resolves, and each rule gets the shapes it needs.

use serde_json::Value;

use crate::check::constraints::int_limits;
use crate::check::namespace::{Kind, Namespace, Target, type_text};
use crate::diag::Diagnostics;
use crate::load::path_text;
use crate::model::{At, Condition, FieldPath, Rule, TypeDef, TypeRef};

/// Checks a constraint's `when:` condition, written on a field of `ty`.
pub(crate) fn constraint_condition<'a>(
    when: &Condition,
    ty: &'a TypeDef,
    ns: &Namespace<'a>,
    d: &mut Diagnostics,
) {
    RuleCx { ty, ns }.condition(when, d);
}

/// Checks one rule of `ty`: its kind's own checks (see [`crate::rules`]).
pub(crate) fn check<'a>(rule: &Rule, ty: &'a TypeDef, ns: &Namespace<'a>, d: &mut Diagnostics) {
    crate::rules::check(&rule.kind, &RuleCx { ty, ns }, d);
}

/// What a rule kind's checks need: the type that carries the rule and the namespace its
/// paths resolve in.
pub(crate) struct RuleCx<'a, 'n> {
    pub(crate) ty: &'a TypeDef,
    pub(crate) ns: &'n Namespace<'a>,
}

impl<'a, 'n> RuleCx<'a, 'n> {
    /// The same namespace, for paths relative to `ty` (e.g. inside a list's elements).
    pub(crate) fn within(&self, ty: &'a TypeDef) -> RuleCx<'a, 'n> {
        RuleCx { ty, ns: self.ns }
    }

    pub(crate) fn resolve(
        &self,
        what: &str,
        path: &At<FieldPath>,
        d: &mut Diagnostics,
    ) -> Option<Target<'a>> {
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
    pub(crate) fn list(
        &self,
        what: &str,
        path: &At<FieldPath>,
        d: &mut Diagnostics,
    ) -> Option<&'a TypeRef> {
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

    pub(crate) fn numeric(&self, what: &str, path: &At<FieldPath>, d: &mut Diagnostics) {
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

    pub(crate) fn condition(&self, when: &Condition, d: &mut Diagnostics) {
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
    pub(crate) fn value(
        &self,
        v: &At<Value>,
        ty: &TypeRef,
        path: &At<FieldPath>,
        d: &mut Diagnostics,
    ) {
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
