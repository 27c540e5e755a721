//! Reading rules between fields: the common keys (`kind`, `code`, `description`), then the
//! kind's own keys through its module in [`crate::rules`]; and the field paths (`a.b`,
//! `a[].b`) and `when:` conditions that every kind uses.

use crate::diag::Diagnostics;
use crate::load::reader::{Entries, did_you_mean, entries, list, string};
use crate::load::yaml::Node;
use crate::model::{At, Condition, FieldPath, PathStep, Rule};

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
            format!(
                "expected one of {}",
                quoted(
                    &crate::rules::KINDS
                        .iter()
                        .map(|(n, _)| *n)
                        .collect::<Vec<_>>()
                )
            ),
        );
        return None;
    };
    let kind = string(kind_node, "kind", d)?;
    let names: Vec<&str> = crate::rules::KINDS.iter().map(|(name, _)| *name).collect();
    let Some((_, kind_keys)) = crate::rules::KINDS
        .iter()
        .find(|(name, _)| *name == kind.value)
    else {
        let help = match did_you_mean(&kind.value, names.iter().copied()) {
            Some(near) => format!("did you mean `{near}`? expected one of {}", quoted(&names)),
            None => format!("expected one of {}", quoted(&names)),
        };
        d.error_help(
            &kind.loc,
            format!("unknown rule kind `{}`", kind.value),
            help,
        );
        return None;
    };
    let mut keys = vec!["kind", "code", "description"];
    keys.extend_from_slice(kind_keys);
    let what = format!("a `{}` rule", kind.value);
    let e = entries(node, &what, &keys, d)?;
    let code = e.opt_int("code", d);
    let description = e.opt_string("description", d);
    let kind = crate::rules::read(&kind.value, &e, d)?;
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

pub(crate) fn req_path(e: &Entries<'_>, key: &str, d: &mut Diagnostics) -> Option<At<FieldPath>> {
    e.required(key, d).and_then(|n| path_node(n, d))
}

pub(crate) fn path_node(node: &Node, d: &mut Diagnostics) -> Option<At<FieldPath>> {
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
