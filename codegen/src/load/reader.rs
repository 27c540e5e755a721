//! Helpers that read [`Node`]s into typed values, recording a diagnostic for every
//! problem (wrong kind, unknown or missing key) and carrying on.

use crate::diag::{Diagnostic, Diagnostics};
use crate::load::yaml::{Node, NodeKind};
use crate::model::{At, Loc};

/// A mapping whose keys have been checked against the keys allowed for `what`.
pub(crate) struct Entries<'n> {
    what: &'n str,
    loc: &'n Loc,
    entries: Vec<(&'n str, &'n Node, &'n Node)>,
}

/// Reads `node` as a mapping describing `what` (e.g. "a field"), whose allowed keys are
/// `known`. Reports a non-mapping, non-string keys and unknown keys.
pub(crate) fn entries<'n>(
    node: &'n Node,
    what: &'n str,
    known: &[&str],
    d: &mut Diagnostics,
) -> Option<Entries<'n>> {
    let NodeKind::Map(pairs) = &node.kind else {
        d.error(
            &node.loc,
            format!(
                "expected a mapping for {what}, found {}",
                node.kind.describe()
            ),
        );
        return None;
    };
    let mut out = Vec::with_capacity(pairs.len());
    for (key, value) in pairs {
        let Some(name) = key.as_str() else {
            d.error(
                &key.loc,
                format!(
                    "expected a key name in {what}, found {}",
                    key.kind.describe()
                ),
            );
            continue;
        };
        if !known.contains(&name) {
            let mut diagnostic = unknown_key(&key.loc, name, what, known);
            if value.kind == NodeKind::Null
                && let Some(help) = &mut diagnostic.help
            {
                // `{ description: a, b }` reads `b` as a key: the usual cause of odd keys.
                help.push_str(
                    "; if this text belongs to the previous value, quote that value \
                     (a `,` inside `{ ... }` separates entries)",
                );
            }
            d.push(diagnostic);
            continue;
        }
        out.push((name, key, value));
    }
    Some(Entries {
        what,
        loc: &node.loc,
        entries: out,
    })
}

/// The diagnostic for an unknown key, with the keys expected and a near miss if any.
pub(crate) fn unknown_key(loc: &Loc, name: &str, what: &str, known: &[&str]) -> Diagnostic {
    let list = known
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match did_you_mean(name, known.iter().copied()) {
        Some(near) => format!("did you mean `{near}`? expected one of {list}"),
        None => format!("expected one of {list}"),
    };
    Diagnostic::new(loc.clone(), format!("unknown key `{name}` in {what}")).with_help(help)
}

impl<'n> Entries<'n> {
    /// The value of `key`, if present.
    pub(crate) fn get(&self, key: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, _, v)| *v)
    }

    /// The location of `key` itself, if present.
    pub(crate) fn key_loc(&self, key: &str) -> Option<&'n Loc> {
        self.entries
            .iter()
            .find(|(k, _, _)| *k == key)
            .map(|(_, k, _)| &k.loc)
    }

    /// The value of `key`, reporting its absence.
    pub(crate) fn required(&self, key: &str, d: &mut Diagnostics) -> Option<&'n Node> {
        let found = self.get(key);
        if found.is_none() {
            d.error(
                self.loc,
                format!("missing required key `{key}` in {}", self.what),
            );
        }
        found
    }

    /// Where the mapping starts.
    pub(crate) fn loc(&self) -> &'n Loc {
        self.loc
    }

    /// The name of what the mapping describes.
    pub(crate) fn what(&self) -> &'n str {
        self.what
    }

    /// Optional string under `key`.
    pub(crate) fn opt_string(&self, key: &str, d: &mut Diagnostics) -> Option<At<String>> {
        self.get(key).and_then(|n| string(n, key, d))
    }

    /// Required string under `key`.
    pub(crate) fn req_string(&self, key: &str, d: &mut Diagnostics) -> Option<At<String>> {
        self.required(key, d).and_then(|n| string(n, key, d))
    }

    /// Required string under `key`, or an empty placeholder at the mapping's location
    /// (the problem is already reported).
    pub(crate) fn string_or_empty(&self, key: &str, d: &mut Diagnostics) -> At<String> {
        self.req_string(key, d)
            .unwrap_or_else(|| At::new(String::new(), self.loc.clone()))
    }

    /// Optional integer under `key`.
    /// Reports a key that spec language v1 used and v2 spells differently.
    pub(crate) fn legacy(&self, key: &str, v2: &str, d: &mut Diagnostics) {
        if let Some(loc) = self.key_loc(key) {
            d.error_help(
                loc,
                format!("`{key}` is the spec language v1 spelling in {}", self.what),
                format!("did you mean {v2}? Every platform code is written `code:` in v2"),
            );
        }
    }

    /// `key: N` or `key: {code: N}`-less forms: reads an optional `{code: N}` mapping.
    pub(crate) fn code_of(&self, key: &str, d: &mut Diagnostics) -> Option<At<i64>> {
        let n = self.get(key)?;
        let e = entries(n, "a check", &["code"], d)?;
        e.opt_int("code", d)
    }

    pub(crate) fn opt_int(&self, key: &str, d: &mut Diagnostics) -> Option<At<i64>> {
        self.get(key).and_then(|n| int(n, key, d))
    }

    /// Optional boolean under `key` (false when absent).
    pub(crate) fn flag(&self, key: &str, d: &mut Diagnostics) -> bool {
        match self.get(key) {
            None => false,
            Some(n) => match n.kind {
                NodeKind::Bool(b) => b,
                _ => {
                    d.error(
                        &n.loc,
                        format!(
                            "expected `true` or `false` for `{key}`, found {}",
                            n.kind.describe()
                        ),
                    );
                    false
                }
            },
        }
    }

    /// Optional list of strings under `key` (empty when absent).
    pub(crate) fn string_list(&self, key: &str, d: &mut Diagnostics) -> Vec<At<String>> {
        match self.get(key) {
            None => Vec::new(),
            Some(n) => list(n, key, d)
                .iter()
                .filter_map(|item| string(item, key, d))
                .collect(),
        }
    }

    /// The items of an optional list under `key` (empty when absent).
    pub(crate) fn list(&self, key: &str, d: &mut Diagnostics) -> &'n [Node] {
        match self.get(key) {
            None => &[],
            Some(n) => list(n, key, d),
        }
    }

    /// Optional JSON value under `key`.
    pub(crate) fn json(&self, key: &str) -> Option<At<serde_json::Value>> {
        self.get(key).map(|n| At::new(n.to_json(), n.loc.clone()))
    }
}

/// The items of a list, reporting a non-list (`null` counts as an empty list).
pub(crate) fn list<'n>(node: &'n Node, what: &str, d: &mut Diagnostics) -> &'n [Node] {
    match &node.kind {
        NodeKind::Seq(items) => items,
        NodeKind::Null => &[],
        other => {
            d.error(
                &node.loc,
                format!("expected a list for `{what}`, found {}", other.describe()),
            );
            &[]
        }
    }
}

/// A string value, reporting any other kind.
pub(crate) fn string(node: &Node, what: &str, d: &mut Diagnostics) -> Option<At<String>> {
    match &node.kind {
        NodeKind::Str(s) => Some(At::new(s.clone(), node.loc.clone())),
        other => {
            d.error(
                &node.loc,
                format!("expected a string for `{what}`, found {}", other.describe()),
            );
            None
        }
    }
}

/// A scalar written as text: strings as they are, numbers and booleans as written.
pub(crate) fn scalar_text(node: &Node, what: &str, d: &mut Diagnostics) -> Option<At<String>> {
    match &node.kind {
        NodeKind::Str(_) => string(node, what, d),
        NodeKind::Int(_) | NodeKind::Float(_) | NodeKind::Bool(_) => {
            Some(At::new(node.key_text(), node.loc.clone()))
        }
        other => {
            d.error(
                &node.loc,
                format!("expected a scalar for `{what}`, found {}", other.describe()),
            );
            None
        }
    }
}

/// An `i64` value, reporting any other kind.
pub(crate) fn int(node: &Node, what: &str, d: &mut Diagnostics) -> Option<At<i64>> {
    match &node.kind {
        NodeKind::Int(i) => match i64::try_from(*i) {
            Ok(v) => Some(At::new(v, node.loc.clone())),
            Err(_) => {
                d.error(
                    &node.loc,
                    format!("integer {i} for `{what}` does not fit in 64 bits"),
                );
                None
            }
        },
        other => {
            d.error(
                &node.loc,
                format!(
                    "expected an integer for `{what}`, found {}",
                    other.describe()
                ),
            );
            None
        }
    }
}

/// The candidate closest to `word` by edit distance, if it is close enough to be a
/// plausible misspelling.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 3);
    candidates
        .into_iter()
        .map(|c| (edit_distance(&word.to_lowercase(), &c.to_lowercase()), c))
        .filter(|(dist, _)| *dist <= limit)
        .min_by_key(|(dist, _)| *dist)
        .map(|(_, c)| c)
}

/// Levenshtein distance over characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses() {
        let keys = ["name", "required", "type", "description"];
        assert_eq!(did_you_mean("reqired", keys), Some("required"));
        assert_eq!(did_you_mean("descripton", keys), Some("description"));
        assert_eq!(did_you_mean("Type", keys), Some("type"));
        assert_eq!(did_you_mean("zzzz", keys), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }
}
