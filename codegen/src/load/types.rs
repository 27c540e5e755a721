//! Reading object types, their fields and the fields' constraints.

use crate::diag::Diagnostics;
use crate::load::reader::{Entries, entries, list, string};
use crate::load::rules::rule;
use crate::load::typeref::parse_type;
use crate::load::yaml::{Node, NodeKind};
use crate::model::{
    At, Bounds, Constraints, Field, FormatName, FormatRule, Num, PatternRule, TypeDef, TypeRef,
};

const TYPE_KEYS: &[&str] = &["name", "description", "fields", "rules"];

/// Keys of a field (and of a typed query parameter) before its constraints.
pub(crate) const FIELD_KEYS: &[&str] = &[
    "name",
    "rust",
    "aliases",
    "type",
    "required",
    "missing_code",
    "description",
    "example",
    "default",
    "secret",
];

const BOUND_KEYS: &[&str] = &["min", "max", "code", "when", "min_code", "max_code"];

/// Reads the `types:` list.
pub(crate) fn types(node: &Node, d: &mut Diagnostics) -> Vec<TypeDef> {
    list(node, "types", d)
        .iter()
        .filter_map(|n| type_def(n, d))
        .collect()
}

fn type_def(node: &Node, d: &mut Diagnostics) -> Option<TypeDef> {
    let e = entries(node, "a type", TYPE_KEYS, d)?;
    let name = e.req_string("name", d);
    let description = e.opt_string("description", d);
    let fields = e
        .list("fields", d)
        .iter()
        .filter_map(|n| field(n, d))
        .collect();
    let rules = e
        .list("rules", d)
        .iter()
        .filter_map(|n| rule(n, d))
        .collect();
    Some(TypeDef {
        name: name?,
        description,
        fields,
        rules,
        loc: node.loc.clone(),
    })
}

/// `secret: true`: the value is a credential, never shown by `Debug`.
fn secret(e: &Entries<'_>, d: &mut Diagnostics) -> bool {
    let Some(node) = e.get("secret") else {
        return false;
    };
    match node.kind {
        crate::load::yaml::NodeKind::Bool(b) => b,
        _ => {
            d.error(&node.loc, "expected `true` or `false` for `secret`");
            false
        }
    }
}

/// Reads one field entry.
pub(crate) fn field(node: &Node, d: &mut Diagnostics) -> Option<Field> {
    let keys = field_keys();
    let e = entries(node, "a field", &keys, d)?;
    field_from(&e, node, d)
}

/// Reads a field from already-checked entries (shared with typed query parameters).
pub(crate) fn field_from(e: &Entries<'_>, node: &Node, d: &mut Diagnostics) -> Option<Field> {
    let name = e.req_string("name", d);
    let ty = e.required("type", d).and_then(|n| {
        let text = string(n, "type", d)?;
        match parse_type(&text.value) {
            Ok(ty) => Some(At::new(ty, n.loc.clone())),
            Err(err) => {
                d.error_help(&n.loc, format!("bad type: {err}"), err.help());
                // An empty name stands for "unknown, already reported": the checker
                // stays quiet about this field's type instead of cascading.
                Some(At::new(TypeRef::Named(String::new()), n.loc.clone()))
            }
        }
    });
    let own = constraints(e, true, d);
    let each = e.get("each").and_then(|n| {
        let each_keys: Vec<&str> = crate::constraints::KINDS
            .iter()
            .filter(|(_, in_each)| *in_each)
            .map(|(k, _)| *k)
            .collect();
        let inner = entries(n, "`each`", &each_keys, d)?;
        Some(constraints(&inner, false, d))
    });
    Some(Field {
        rust: e.opt_string("rust", d),
        aliases: e.string_list("aliases", d),
        required: required(e, d),
        missing_code: missing_code(e, d),
        description: e.opt_string("description", d),
        example: e.json("example"),
        default: e.json("default"),
        secret: secret(e, d),
        constraints: own,
        each,
        loc: node.loc.clone(),
        name: name?,
        ty: ty?,
    })
}

/// `required: true`, `false`, or `{code: N}` (required, with the code reported when missing).
fn required(e: &Entries<'_>, d: &mut Diagnostics) -> bool {
    match e.get("required").map(|n| &n.kind) {
        Some(NodeKind::Map(_)) => true,
        _ => e.flag("required", d),
    }
}

fn missing_code(e: &Entries<'_>, d: &mut Diagnostics) -> Option<At<i64>> {
    e.legacy("missing_code", "`required: {code: N}`", d);
    match e.get("required").map(|n| &n.kind) {
        Some(NodeKind::Map(_)) => e.code_of("required", d),
        _ => None,
    }
}

/// Every key of a field: its own, then one per constraint kind.
pub(crate) fn field_keys() -> Vec<&'static str> {
    FIELD_KEYS
        .iter()
        .copied()
        .chain(crate::constraints::KINDS.iter().map(|(k, _)| *k))
        .chain(["each"])
        .collect()
}

/// The constraints written on a value, each read by its kind's module; `in_field` allows
/// the kinds that cannot appear inside `each:`.
fn constraints(e: &Entries<'_>, in_field: bool, d: &mut Diagnostics) -> Constraints {
    let list = crate::constraints::KINDS
        .iter()
        .filter(|(_, in_each)| in_field || *in_each)
        .filter_map(|(key, _)| {
            let node = e.get(key)?;
            crate::constraints::read(key, node, d)
        })
        .collect();
    Constraints { list }
}

pub(crate) fn length_bounds(node: &Node, key: &str, d: &mut Diagnostics) -> Option<Bounds<u64>> {
    let what = format!("`{key}`");
    let e = entries(node, &what, BOUND_KEYS, d)?;
    let count = |n: &Node, d: &mut Diagnostics| match n.kind {
        NodeKind::Int(i) if i >= 0 => match u64::try_from(i) {
            Ok(v) => Some(At::new(v, n.loc.clone())),
            Err(_) => {
                d.error(&n.loc, format!("{i} is too large for a length"));
                None
            }
        },
        _ => {
            d.error(
                &n.loc,
                format!(
                    "expected a non-negative integer for a {key} bound, found {}",
                    describe_value(n)
                ),
            );
            None
        }
    };
    bounds(&e, count, d)
}

pub(crate) fn range(node: &Node, d: &mut Diagnostics) -> Option<Bounds<Num>> {
    let e = entries(node, "`range`", BOUND_KEYS, d)?;
    let num = |n: &Node, d: &mut Diagnostics| match n.kind {
        NodeKind::Int(i) => Some(At::new(Num::Int(i), n.loc.clone())),
        NodeKind::Float(f) if f.is_finite() => Some(At::new(Num::Float(f), n.loc.clone())),
        _ => {
            d.error(
                &n.loc,
                format!(
                    "expected a number for a range bound, found {}",
                    describe_value(n)
                ),
            );
            None
        }
    };
    bounds(&e, num, d)
}

fn bounds<T>(
    e: &Entries<'_>,
    read: impl Fn(&Node, &mut Diagnostics) -> Option<At<T>>,
    d: &mut Diagnostics,
) -> Option<Bounds<T>> {
    if e.get("min").is_none() && e.get("max").is_none() {
        d.error_help(
            e.loc(),
            format!("{} has neither `min` nor `max`", e.what()),
            "give at least one bound",
        );
        return None;
    }
    e.legacy("min_code", "`min: {value: N, code: C}`", d);
    e.legacy("max_code", "`max: {value: N, code: C}`", d);
    let end = |key: &str, d: &mut Diagnostics| -> (Option<At<T>>, Option<At<i64>>) {
        let Some(n) = e.get(key) else {
            return (None, None);
        };
        if let NodeKind::Map(_) = n.kind {
            let what = format!("`{key}`");
            let Some(inner) = entries(n, &what, &["value", "code"], d) else {
                return (None, None);
            };
            let value = inner.required("value", d).and_then(|v| read(v, d));
            (value, inner.opt_int("code", d))
        } else {
            (read(n, d), None)
        }
    };
    let (min, min_code) = end("min", d);
    let (max, max_code) = end("max", d);
    Some(Bounds {
        min,
        max,
        code: e.opt_int("code", d),
        min_code,
        max_code,
        when: e
            .get("when")
            .and_then(|n| crate::load::rules::condition(n, d)),
        loc: e.loc().clone(),
    })
}

pub(crate) fn pattern(node: &Node, d: &mut Diagnostics) -> Option<PatternRule> {
    let e = entries(node, "`pattern`", &["regex", "code", "when"], d)?;
    Some(PatternRule {
        regex: e.req_string("regex", d)?,
        code: e.opt_int("code", d),
        when: e
            .get("when")
            .and_then(|n| crate::load::rules::condition(n, d)),
        loc: node.loc.clone(),
    })
}

pub(crate) fn format(node: &Node, d: &mut Diagnostics) -> Option<FormatRule> {
    let e = entries(node, "`format`", &["name", "code", "when"], d)?;
    let name = e.req_string("name", d)?;
    let format = match name.value.as_str() {
        "date-time" => FormatName::DateTime,
        "url" => FormatName::Url,
        other => {
            d.error_help(
                &name.loc,
                format!("unknown format `{other}`"),
                "expected `date-time` or `url`",
            );
            return None;
        }
    };
    Some(FormatRule {
        name: At::new(format, name.loc),
        code: e.opt_int("code", d),
        when: e
            .get("when")
            .and_then(|n| crate::load::rules::condition(n, d)),
        loc: node.loc.clone(),
    })
}

/// A value for messages: its kind, and the text of short scalars.
pub(crate) fn describe_value(n: &Node) -> String {
    match &n.kind {
        NodeKind::Seq(_) | NodeKind::Map(_) | NodeKind::Null => n.kind.describe().to_owned(),
        NodeKind::Str(s) => format!("the string {s:?}"),
        _ => format!("{} `{}`", n.kind.describe(), n.key_text()),
    }
}
