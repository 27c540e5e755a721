//! A generic YAML tree in which every node, map keys included, knows where it was written.
//!
//! Deserializing straight into spec structs would stop at the first problem; instead each
//! file becomes a [`Node`] tree and the loader walks it by hand, reporting every problem.

use std::fmt;
use std::path::Path;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::diag::Diagnostic;
use crate::model::Loc;

/// A YAML value with its location.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it was written.
    pub loc: Loc,
}

/// The kinds of YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i128),
    /// A number with a fraction or exponent.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order; keys are nodes too so that they carry locations.
    Map(Vec<(Node, Node)>),
}

impl NodeKind {
    /// What kind of value this is, for messages: `a string`, `a mapping`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            NodeKind::Null => "null",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a decimal number",
            NodeKind::Str(_) => "a string",
            NodeKind::Seq(_) => "a list",
            NodeKind::Map(_) => "a mapping",
        }
    }
}

impl Node {
    /// The string value, if this is a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Str(s) => Some(s),
            _ => None,
        }
    }

    /// The node as JSON (keys that are not strings are written as their YAML text).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Null => Value::Null,
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Int(i) => {
                if let Ok(v) = i64::try_from(*i) {
                    Value::from(v)
                } else if let Ok(v) = u64::try_from(*i) {
                    Value::from(v)
                } else {
                    // Outside what JSON numbers carry exactly: keep the digits.
                    Value::String(i.to_string())
                }
            }
            NodeKind::Float(f) => serde_json::Number::from_f64(*f)
                .map(Value::Number)
                .unwrap_or(Value::Null),
            NodeKind::Str(s) => Value::String(s.clone()),
            NodeKind::Seq(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.key_text(), v.to_json()))
                    .collect(),
            ),
        }
    }

    /// A key as text: strings as they are, other scalars as written.
    pub fn key_text(&self) -> String {
        match &self.kind {
            NodeKind::Str(s) => s.clone(),
            NodeKind::Null => "null".to_owned(),
            NodeKind::Bool(b) => b.to_string(),
            NodeKind::Int(i) => i.to_string(),
            NodeKind::Float(f) => f.to_string(),
            NodeKind::Seq(_) | NodeKind::Map(_) => self.kind.describe().to_owned(),
        }
    }
}

/// Parses one YAML document of `text` into a tree whose locations name `file`.
///
/// A syntax error becomes one diagnostic at the parser's location.
pub fn parse(file: &Path, text: &str) -> Result<Node, Diagnostic> {
    // YAML 1.2 booleans only (`y`, `no`, `on` stay strings), and numbers written with a
    // leading zero (order numbers, codes) stay strings rather than losing their zeros.
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        leading_zero_numbers_as_strings: true,
    };
    match serde_saphyr::from_str_with_options::<Spanned<Raw>>(text, options) {
        Ok(root) => Ok(convert(file, root)),
        Err(err) => {
            let loc = err
                .location()
                .filter(|l| *l != Location::UNKNOWN)
                .map(|l| loc_of(file, &l))
                .unwrap_or_else(|| Loc {
                    file: file.to_path_buf(),
                    line: 1,
                    column: 1,
                });
            let message = first_line(&err.without_snippet().to_string());
            let line = usize::try_from(loc.line)
                .ok()
                .and_then(|n| text.lines().nth(n.saturating_sub(1)))
                .unwrap_or("");
            let mut diagnostic = Diagnostic::new(loc, format!("YAML syntax error: {message}"));
            if message.contains("flow") && line.contains("[]") {
                // `{field: a[].b}`: brackets end a plain scalar inside `{ ... }`.
                diagnostic.help = Some(
                    "inside `{ ... }` or `[ ... ]`, quote values containing `[]`: \
                     `field: \"a[].b\"`"
                        .to_owned(),
                );
            }
            Err(diagnostic)
        }
    }
}

/// The parser's message without its location suffix or snippet lines.
fn first_line(message: &str) -> String {
    let line = message.lines().next().unwrap_or("").trim();
    // serde-saphyr appends " at line L, column C"; the diagnostic already carries that.
    match line.rfind(" at line ") {
        Some(i) => line[..i].to_owned(),
        None => line.to_owned(),
    }
}

fn loc_of(file: &Path, l: &Location) -> Loc {
    Loc {
        file: file.to_path_buf(),
        line: u32::try_from(l.line()).unwrap_or(u32::MAX),
        column: u32::try_from(l.column()).unwrap_or(u32::MAX),
    }
}

fn convert(file: &Path, raw: Spanned<Raw>) -> Node {
    let loc = loc_of(file, &raw.referenced);
    let kind = match raw.value {
        Raw::Null => NodeKind::Null,
        Raw::Bool(b) => NodeKind::Bool(b),
        Raw::Int(i) => NodeKind::Int(i),
        Raw::Float(f) => NodeKind::Float(f),
        Raw::Str(s) => NodeKind::Str(s),
        Raw::Seq(items) => NodeKind::Seq(items.into_iter().map(|n| convert(file, n)).collect()),
        Raw::Map(entries) => NodeKind::Map(
            entries
                .into_iter()
                .map(|(k, v)| (convert(file, k), convert(file, v)))
                .collect(),
        ),
    };
    Node { kind, loc }
}

/// The tree as serde-saphyr hands it over: locations without a file name yet.
enum Raw {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<Raw>, Spanned<Raw>)>),
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Raw, E> {
        Ok(Raw::Int(i128::from(v)))
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Raw, E> {
        match i128::try_from(v) {
            Ok(i) => Ok(Raw::Int(i)),
            Err(_) => Ok(Raw::Str(v.to_string())),
        }
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_owned()))
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Raw, E> {
        Ok(Raw::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E: de::Error>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        Raw::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<Raw>>()? {
            items.push(item);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<Raw>>()? {
            let value = map.next_value::<Spanned<Raw>>()?;
            entries.push((key, value));
        }
        Ok(Raw::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> Result<Node, Diagnostic> {
        parse(Path::new("f.yaml"), text)
    }

    #[test]
    fn keys_and_values_have_locations() {
        let node = p("a: 1\nbb:\n  - x\n  - 2.5\n  - \"7\"\n").expect("valid yaml");
        let NodeKind::Map(entries) = &node.kind else {
            panic!("expected a map, got {:?}", node.kind);
        };
        let (k0, v0) = &entries[0];
        assert_eq!(k0.kind, NodeKind::Str("a".into()));
        assert_eq!((k0.loc.line, k0.loc.column), (1, 1));
        assert_eq!(v0.kind, NodeKind::Int(1));
        assert_eq!((v0.loc.line, v0.loc.column), (1, 4));
        let (k1, v1) = &entries[1];
        assert_eq!((k1.loc.line, k1.loc.column), (2, 1));
        let NodeKind::Seq(items) = &v1.kind else {
            panic!("expected a list, got {:?}", v1.kind);
        };
        assert_eq!(items[0].kind, NodeKind::Str("x".into()));
        assert_eq!((items[0].loc.line, items[0].loc.column), (3, 5));
        assert_eq!(items[1].kind, NodeKind::Float(2.5));
        assert_eq!(items[2].kind, NodeKind::Str("7".into()));
        assert_eq!((items[2].loc.line, items[2].loc.column), (5, 5));
    }

    #[test]
    fn flow_and_scalars() {
        let node = p("{a: [1, -2, true, null, ~], b: {c: d}}").expect("valid yaml");
        assert_eq!(
            node.to_json(),
            serde_json::json!({"a": [1, -2, true, null, null], "b": {"c": "d"}})
        );
    }

    #[test]
    fn syntax_error_has_location() {
        let err = p("a: 1\nb: [1, 2\nc: 3\n").expect_err("invalid yaml");
        assert_eq!(err.loc.file, Path::new("f.yaml"));
        assert!(err.loc.line >= 2, "{err:?}");
        assert!(err.message.starts_with("YAML syntax error: "), "{err:?}");
    }

    #[test]
    fn unquoted_path_in_flow_mapping_gets_help() {
        let err = p("rules:\n  - {kind: all_or_none, field: a[].b}\n").expect_err("flow error");
        assert_eq!(err.loc.line, 2, "{err:?}");
        assert!(err.help.is_some_and(|h| h.contains("quote")));
    }

    #[test]
    fn duplicate_keys_are_errors() {
        let err = p("a: 1\na: 2\n").expect_err("duplicate key");
        assert_eq!(err.loc.line, 2, "{err:?}");
    }

    #[test]
    fn yaml_1_1_booleans_and_leading_zeros_stay_strings() {
        let node = p("[y, no, on, true, False, 0123, 10]").expect("valid yaml");
        assert_eq!(
            node.to_json(),
            serde_json::json!(["y", "no", "on", true, false, "0123", 10])
        );
    }

    #[test]
    fn empty_is_null() {
        let node = p("").expect("empty is fine for the parser");
        assert_eq!(node.kind, NodeKind::Null);
    }
}
