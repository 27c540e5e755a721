//! Reading rules between fields and their field paths (`a.b`, `a[].b`).

use crate::diag::Diagnostics;
use crate::load::reader::{Entries, did_you_mean, entries, list, string};
use crate::load::yaml::Node;
use crate::model::{AllowedRow, At, Condition, FieldPath, PathStep, Rule, RuleKind, SumTerm};

const KINDS: &[&str] = &[
    "required_if",
    "one_of_required",
    "all_or_none",
    "unique_by",
    "equal",
    "length_equals",
    "allowed_values",
    "sum",
    "custom",
];

/// The keys of a rule of `kind`, besides `kind`, `code` and `description`.
fn kind_keys(kind: &str) -> &'static [&'static str] {
    match kind {
        "required_if" => &["field", "when"],
        "one_of_required" => &["fields", "when"],
        "all_or_none" => &["field"],
        "unique_by" => &["list", "key"],
        "equal" => &["field", "to", "when"],
        "length_equals" => &["field", "list"],
        "allowed_values" => &["field", "depends_on", "table"],
        "sum" => &["total", "terms"],
        "custom" => &["function"],
        _ => &[],
    }
}

/// Reads one rule entry.
pub(crate) fn rule(node: &Node, d: &mut Diagnostics) -> Option<Rule> {
    // Read `kind` first: it decides which other keys are allowed.
    let kind_node = match &node.kind {
        crate::load::yaml::NodeKind::Map(pairs) => pairs
            .iter()
            .find(|(k, _)| k.as_str() == Some("kind"))
            .map(|(_, v)| v),
        other => {
            d.error(
                &node.loc,
                format!("expected a mapping for a rule, found {}", other.describe()),
            );
            return None;
        }
    };
    let Some(kind_node) = kind_node else {
        d.error_help(
            &node.loc,
            "missing required key `kind` in a rule",
            format!("expected one of {}", quoted(KINDS)),
        );
        return None;
    };
    let kind = string(kind_node, "kind", d)?;
    if !KINDS.contains(&kind.value.as_str()) {
        let help = match did_you_mean(&kind.value, KINDS.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? expected one of {}", quoted(KINDS)),
            None => format!("expected one of {}", quoted(KINDS)),
        };
        d.error_help(
            &kind.loc,
            format!("unknown rule kind `{}`", kind.value),
            help,
        );
        return None;
    }
    let mut keys = vec!["kind", "code", "description"];
    keys.extend_from_slice(kind_keys(&kind.value));
    let what = format!("a `{}` rule", kind.value);
    let e = entries(node, &what, &keys, d)?;
    let code = e.opt_int("code", d);
    let description = e.opt_string("description", d);
    let kind = match kind.value.as_str() {
        "required_if" => {
            let field = req_path(&e, "field", d);
            let when = e.required("when", d).and_then(|n| condition(n, d));
            RuleKind::RequiredIf {
                field: field?,
                when: when?,
            }
        }
        "one_of_required" => {
            let fields = e.required("fields", d).map(|n| {
                list(n, "fields", d)
                    .iter()
                    .filter_map(|item| path_node(item, d))
                    .collect::<Vec<_>>()
            })?;
            if fields.len() < 2 {
                d.error(
                    e.loc(),
                    "a `one_of_required` rule needs at least two fields",
                );
            }
            RuleKind::OneOfRequired {
                fields,
                when: e.get("when").and_then(|n| condition(n, d)),
            }
        }
        "all_or_none" => RuleKind::AllOrNone {
            field: req_path(&e, "field", d)?,
        },
        "unique_by" => {
            let list = req_path(&e, "list", d);
            let key = req_path(&e, "key", d);
            RuleKind::UniqueBy {
                list: list?,
                key: key?,
            }
        }
        "equal" => {
            let field = req_path(&e, "field", d);
            let to = req_path(&e, "to", d);
            let when = e.get("when").and_then(|n| condition(n, d));
            RuleKind::Equal {
                field: field?,
                to: to?,
                when,
            }
        }
        "length_equals" => {
            let field = req_path(&e, "field", d);
            let list = req_path(&e, "list", d);
            RuleKind::LengthEquals {
                field: field?,
                list: list?,
            }
        }
        "allowed_values" => {
            let field = req_path(&e, "field", d);
            let depends_on = req_path(&e, "depends_on", d);
            let table = e.required("table", d).map(|n| {
                list(n, "table", d)
                    .iter()
                    .filter_map(|row| allowed_row(row, d))
                    .collect::<Vec<_>>()
            });
            RuleKind::AllowedValues {
                field: field?,
                depends_on: depends_on?,
                table: table?,
            }
        }
        "sum" => {
            let total = req_path(&e, "total", d);
            let terms = e.required("terms", d).map(|n| {
                list(n, "terms", d)
                    .iter()
                    .filter_map(|t| sum_term(t, d))
                    .collect::<Vec<_>>()
            });
            RuleKind::Sum {
                total: total?,
                terms: terms?,
            }
        }
        _ => RuleKind::Custom {
            function: e.req_string("function", d)?,
        },
    };
    Some(Rule {
        kind,
        code,
        description,
        loc: node.loc.clone(),
    })
}

fn quoted(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

pub(crate) fn condition(node: &Node, d: &mut Diagnostics) -> Option<Condition> {
    let e = entries(node, "`when`", &["field", "in"], d)?;
    let field = req_path(&e, "field", d);
    let values = e.required("in", d).map(|n| {
        list(n, "in", d)
            .iter()
            .map(|v| At::new(v.to_json(), v.loc.clone()))
            .collect::<Vec<_>>()
    });
    let values = values?;
    if values.is_empty() {
        d.error(e.loc(), "`when.in` lists no value");
    }
    Some(Condition {
        field: field?,
        one_of: values,
    })
}

fn allowed_row(node: &Node, d: &mut Diagnostics) -> Option<AllowedRow> {
    let e = entries(node, "an `allowed_values` row", &["when", "allowed"], d)?;
    let when = e
        .required("when", d)
        .map(|n| At::new(n.to_json(), n.loc.clone()));
    let allowed = e.required("allowed", d).map(|n| {
        list(n, "allowed", d)
            .iter()
            .map(|v| At::new(v.to_json(), v.loc.clone()))
            .collect::<Vec<_>>()
    });
    Some(AllowedRow {
        when: when?,
        allowed: allowed?,
        loc: node.loc.clone(),
    })
}

fn sum_term(node: &Node, d: &mut Diagnostics) -> Option<SumTerm> {
    let e = entries(
        node,
        "a `sum` term",
        &["sign", "each", "product", "field"],
        d,
    )?;
    let sign = e.req_string("sign", d);
    let negative = match sign.as_ref().map(|s| s.value.as_str()) {
        Some("+") => Some(false),
        Some("-") => Some(true),
        Some(other) => {
            if let Some(s) = &sign {
                d.error_help(
                    &s.loc,
                    format!("unknown sign `{other}`"),
                    "expected \"+\" or \"-\"",
                );
            }
            None
        }
        None => None,
    };
    let (each, product) = match (e.get("each"), e.get("product"), e.get("field")) {
        (Some(each), Some(product), None) => {
            let each = path_node(each, d);
            let product: Vec<_> = list(product, "product", d)
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
    Some(SumTerm {
        negative: negative?,
        each,
        product,
        loc: node.loc.clone(),
    })
}

fn req_path(e: &Entries<'_>, key: &str, d: &mut Diagnostics) -> Option<At<FieldPath>> {
    e.required(key, d).and_then(|n| path_node(n, d))
}

fn path_node(node: &Node, d: &mut Diagnostics) -> Option<At<FieldPath>> {
    let text = string(node, "field path", d)?;
    match parse_path(&text.value) {
        Ok(path) => Some(At::new(path, text.loc)),
        Err(why) => {
            d.error_help(
                &text.loc,
                format!("bad field path `{}`: {why}", text.value),
                "a path is wire names separated by `.`, with `[]` after an array: `a[].b`",
            );
            None
        }
    }
}

/// Parses `a.b[].c` into steps.
pub(crate) fn parse_path(text: &str) -> Result<FieldPath, String> {
    let mut steps = Vec::new();
    for part in text.split('.') {
        let (field, each) = match part.strip_suffix("[]") {
            Some(f) => (f, true),
            None => (part, false),
        };
        if field.is_empty() {
            return Err("empty step".to_owned());
        }
        if let Some(c) = field
            .chars()
            .find(|c| c.is_whitespace() || matches!(c, '[' | ']'))
        {
            return Err(format!("unexpected {c:?} in `{part}`"));
        }
        steps.push(PathStep {
            field: field.to_owned(),
            each,
        });
    }
    Ok(FieldPath { steps })
}

/// Writes a path back as text.
pub fn path_text(path: &FieldPath) -> String {
    path.steps
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        let p = parse_path("order_list[].item_list[].merchant_item_id").expect("valid");
        assert_eq!(p.steps.len(), 3);
        assert!(p.steps[0].each && p.steps[1].each && !p.steps[2].each);
        assert_eq!(path_text(&p), "order_list[].item_list[].merchant_item_id");
        assert!(parse_path("a..b").is_err());
        assert!(parse_path("a[0]").is_err());
        assert!(parse_path("").is_err());
    }
}
