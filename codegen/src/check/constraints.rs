//! Constraints: each kind on the types it applies to, sane bounds, compiling regexes.

use crate::check::namespace::{Kind, Namespace, type_text};
use crate::diag::Diagnostics;
use crate::model::{Bounds, Constraints, Field, Loc, Num, TypeRef};

/// Checks a field's own constraints and its `each` constraints.
/// The `when:` conditions of a field's constraints (its own and its elements').
pub(crate) fn conditions(field: &Field) -> Vec<&crate::model::Condition> {
    let mut out = Vec::new();
    for c in std::iter::once(&field.constraints).chain(field.each.iter()) {
        for b in [&c.bytes, &c.chars, &c.items].into_iter().flatten() {
            out.extend(b.when.iter());
        }
        out.extend(c.range.iter().flat_map(|r| r.when.iter()));
        out.extend(c.pattern.iter().flat_map(|p| p.when.iter()));
        out.extend(c.format.iter().flat_map(|f| f.when.iter()));
    }
    out
}

pub(crate) fn field(field: &Field, ns: &Namespace<'_>, d: &mut Diagnostics) {
    let ty = &field.ty.value;
    check(&field.constraints, ty, false, field, ns, d);
    if let Some(each) = &field.each {
        let loc = each_loc(each).unwrap_or(&field.loc);
        match ty {
            TypeRef::Array(inner) => {
                let kind = ns.kind(inner);
                if kind.is_scalar() {
                    check(each, inner, true, field, ns, d);
                } else if !matches!(kind, Kind::Missing) {
                    d.error(
                        loc,
                        format!(
                            "`each` applies to arrays of scalars, but `{}` has type `{}`",
                            field.name.value,
                            type_text(ty)
                        ),
                    );
                }
            }
            other => d.error_help(
                loc,
                format!(
                    "`each` applies to arrays, but `{}` has type `{}`",
                    field.name.value,
                    type_text(other)
                ),
                "put the constraints on the field itself",
            ),
        }
    }
}

fn each_loc(c: &Constraints) -> Option<&Loc> {
    c.bytes
        .as_ref()
        .map(|b| &b.loc)
        .or(c.chars.as_ref().map(|b| &b.loc))
        .or(c.range.as_ref().map(|b| &b.loc))
        .or(c.pattern.as_ref().map(|p| &p.loc))
        .or(c.format.as_ref().map(|f| &f.loc))
}

fn check(
    c: &Constraints,
    ty: &TypeRef,
    in_each: bool,
    field: &Field,
    ns: &Namespace<'_>,
    d: &mut Diagnostics,
) {
    let kind = ns.kind(ty);
    if matches!(kind, Kind::Missing) {
        return;
    }
    let subject = if in_each {
        format!("the elements of `{}` have", field.name.value)
    } else {
        format!("`{}` has", field.name.value)
    };
    let is_string = matches!(kind, Kind::String);
    let string_array = matches!(ty, TypeRef::Array(inner) if **inner == TypeRef::String);
    let applies = |name: &str, loc: &Loc, ok: bool, wanted: &str, d: &mut Diagnostics| {
        if !ok {
            let msg = format!(
                "`{name}` applies to {wanted}, but {subject} type `{}`",
                type_text(ty)
            );
            if string_array && wanted == "strings" {
                d.error_help(
                    loc,
                    msg,
                    format!("to constrain every element, write `each: {{{name}: ...}}`"),
                );
            } else {
                d.error(loc, msg);
            }
        }
    };
    if let Some(b) = &c.bytes {
        applies("bytes", &b.loc, is_string, "strings", d);
        order(b, d);
        end_codes("bytes", b, d);
    }
    if let Some(b) = &c.chars {
        applies("chars", &b.loc, is_string, "strings", d);
        order(b, d);
        end_codes("chars", b, d);
    }
    if let Some(p) = &c.pattern {
        applies("pattern", &p.loc, is_string, "strings", d);
        if let Err(err) = regex::Regex::new(&p.regex.value) {
            d.error(
                &p.regex.loc,
                format!("invalid regex `{}`: {}", p.regex.value, regex_reason(&err)),
            );
        }
    }
    if let Some(f) = &c.format {
        applies("format", &f.loc, is_string, "strings", d);
    }
    if let Some(b) = &c.items {
        applies("items", &b.loc, matches!(kind, Kind::Array), "arrays", d);
        order(b, d);
        end_codes("items", b, d);
    }
    if let Some(r) = &c.range {
        applies(
            "range",
            &r.loc,
            kind.is_numeric(),
            "integers and numbers",
            d,
        );
        range(r, kind, ty, d);
        end_codes("range", r, d);
    }
}

/// The regex crate's reason, without its multi-line rendering of the pattern.
fn regex_reason(err: &regex::Error) -> String {
    let text = err.to_string();
    text.lines()
        .rev()
        .find_map(|l| l.trim().strip_prefix("error: "))
        .map(str::to_owned)
        .unwrap_or_else(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

fn order(b: &Bounds<u64>, d: &mut Diagnostics) {
    if let (Some(min), Some(max)) = (&b.min, &b.max)
        && min.value > max.value
    {
        d.error(
            &min.loc,
            format!("min {} is greater than max {}", min.value, max.value),
        );
    }
}

/// An end-specific code needs its end, and `code` must be left for some end to use.
fn end_codes<T>(name: &str, b: &Bounds<T>, d: &mut Diagnostics) {
    for (end, bound, code) in [
        ("min", b.min.is_some(), &b.min_code),
        ("max", b.max.is_some(), &b.max_code),
    ] {
        if let (false, Some(code)) = (bound, code) {
            d.error_help(
                &code.loc,
                format!("`{name}` has `{end}_code` but no `{end}`"),
                format!(
                    "`{end}_code` is reported when the `{end}` bound fails; give `{end}`, or \
                     remove `{end}_code`"
                ),
            );
        }
    }
    let min_owned = b.min.is_none() || b.min_code.is_some();
    let max_owned = b.max.is_none() || b.max_code.is_some();
    let misplaced =
        (b.min.is_none() && b.min_code.is_some()) || (b.max.is_none() && b.max_code.is_some());
    // Without any readable bound the loader has already reported the constraint.
    let any_bound = b.min.is_some() || b.max.is_some();
    if let Some(code) = &b.code
        && any_bound
        && min_owned
        && max_owned
        && !misplaced
    {
        d.error_help(
            &code.loc,
            format!(
                "`code` of `{name}` is never reported: every bound has its own \
                 `min_code`/`max_code`"
            ),
            "remove `code`, or the end-specific code that it should replace",
        );
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

fn range(r: &Bounds<Num>, kind: Kind<'_>, ty: &TypeRef, d: &mut Diagnostics) {
    if let (Some(min), Some(max)) = (&r.min, &r.max) {
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
    let Kind::Int { signed, bits } = kind else {
        return;
    };
    let (lo, hi) = int_limits(signed, bits);
    for (which, bound) in [("min", &r.min), ("max", &r.max)] {
        let Some(bound) = bound else { continue };
        match bound.value {
            Num::Float(f) => d.error(
                &bound.loc,
                format!(
                    "{which} {f} is not an integer, but the type is `{}`",
                    type_text(ty)
                ),
            ),
            Num::Int(i) if i < lo || i > hi => d.error(
                &bound.loc,
                format!("{which} {i} does not fit `{}` ({lo}..={hi})", type_text(ty)),
            ),
            Num::Int(_) => {}
        }
    }
}

fn num_text(n: Num) -> String {
    match n {
        Num::Int(i) => i.to_string(),
        Num::Float(f) => f.to_string(),
    }
}

/// The smallest and largest value of an integer type.
pub(crate) fn int_limits(signed: bool, bits: u8) -> (i128, i128) {
    let bits = u32::from(bits.clamp(1, 64));
    if signed {
        let half = 1i128 << (bits - 1);
        (-half, half - 1)
    } else {
        (0, (1i128 << bits) - 1)
    }
}
