//! Records the sandbox's stores start with: the seed file.
//!
//! A spec's `sandbox:` block may declare a `seed:` for its store ([`SeedSpec`]): the name
//! of a list in the seed file and the members of its entries. The seed file is one JSON
//! object of such lists, e.g. for WeChat's order-shipping group:
//!
//! ```json
//! {"payments": [{"transaction_id": "4200001", "mchid": "1230000109",
//!                "out_trade_no": "o-1", "openid": "oUser1", "paid_amount": 100}]}
//! ```
//!
//! Every entry becomes a record of every app, reachable by each key form of the declaring
//! endpoint (here by `transaction_id`, and by `mchid` with `out_trade_no`). A store with
//! a list in the seed answers its `known` check's code for a key that names no record
//! (e.g. 10060001, "支付单不存在"); a store without one creates records on first write.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use mpapi_runtime::EndpointInfo;
use mpapi_runtime::sandbox::{SeedKind, SeedSpec};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The seed records of a sandbox, by list name (see the [module](self) docs).
///
/// Read a file with [`Seed::read`] or a string with [`Seed::parse`], which check it against
/// the endpoints' seed declarations and give the line and column of a mistake; or build
/// one in Rust with [`Seed::entry`], checked when the sandbox starts.
///
/// ```
/// use mpapi_sandbox::Seed;
/// use serde_json::json;
///
/// let seed = Seed::default().entry(
///     "payments",
///     json!({"transaction_id": "4200001", "mchid": "1230000109", "out_trade_no": "o-1",
///            "openid": "oUser1", "paid_amount": 100}),
/// );
/// assert_eq!(seed.len("payments"), 1);
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Seed {
    lists: BTreeMap<String, Vec<Value>>,
}

/// Why a seed could not be used: where and what.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct SeedError {
    /// The file, when the seed was read from one.
    pub file: Option<PathBuf>,
    /// Line and column (from 1) of the mistake, when the seed was parsed from text.
    pub position: Option<(usize, usize)>,
    /// What is wrong, with the JSON path of the entry where there is one.
    pub message: String,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some((l, c))) => write!(f, "{}:{l}:{c}: ", file.display())?,
            (Some(file), None) => write!(f, "{}: ", file.display())?,
            (None, Some((l, c))) => write!(f, "seed, line {l} column {c}: ")?,
            (None, None) => f.write_str("seed: ")?,
        }
        f.write_str(&self.message)
    }
}

/// The seed declarations of `endpoints`.
pub(crate) fn declarations<'e>(endpoints: &[&'e EndpointInfo]) -> Vec<(&'e str, &'e SeedSpec)> {
    endpoints
        .iter()
        .filter_map(|e| e.sandbox)
        .filter_map(|s| s.seed.as_ref().map(|seed| (s.store, seed)))
        .collect()
}

fn list_names(specs: &[(&str, &SeedSpec)]) -> String {
    if specs.is_empty() {
        return "none: no spec of these endpoints declares a seed".to_owned();
    }
    let names: Vec<String> = specs.iter().map(|(_, s)| format!("`{}`", s.list)).collect();
    names.join(", ")
}

fn member_names(spec: &SeedSpec) -> String {
    let names: Vec<String> = spec
        .members
        .iter()
        .map(|m| {
            if m.optional {
                format!("`{}` (optional)", m.name)
            } else {
                format!("`{}`", m.name)
            }
        })
        .collect();
    names.join(", ")
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number with a fraction",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Checks one member's value against its declared type.
fn member_value(spec: &SeedSpec, index: usize, name: &str, v: &Value) -> Result<(), String> {
    let Some(m) = spec.members.iter().find(|m| m.name == name) else {
        return Err(format!(
            "{}[{index}]: unknown member `{name}`; an entry has {}",
            spec.list,
            member_names(spec)
        ));
    };
    let fits = match m.kind {
        SeedKind::Text => v.is_string(),
        SeedKind::Integer => v.is_i64() || v.is_u64(),
    };
    if fits {
        return Ok(());
    }
    let wanted = match m.kind {
        SeedKind::Text => "a string",
        SeedKind::Integer => "an integer",
    };
    Err(format!(
        "{}[{index}].{name} is {}, expected {wanted}",
        spec.list,
        kind_of(v)
    ))
}

fn missing(spec: &SeedSpec, index: usize, entry: &Map<String, Value>) -> Result<(), String> {
    match spec
        .members
        .iter()
        .find(|m| !m.optional && !entry.contains_key(m.name))
    {
        Some(m) => Err(format!(
            "{}[{index}] lacks `{}`; an entry has {}",
            spec.list,
            m.name,
            member_names(spec)
        )),
        None => Ok(()),
    }
}

impl Seed {
    /// Adds an entry to the list `list` (checked when the sandbox starts).
    pub fn entry(mut self, list: impl Into<String>, entry: Value) -> Self {
        self.lists.entry(list.into()).or_default().push(entry);
        self
    }

    /// How many entries the list `list` has.
    pub fn len(&self, list: &str) -> usize {
        self.lists.get(list).map_or(0, Vec::len)
    }

    /// Every list of the seed with its number of entries, by name.
    pub fn lists(&self) -> impl Iterator<Item = (&str, usize)> {
        self.lists
            .iter()
            .map(|(name, entries)| (name.as_str(), entries.len()))
    }

    /// Whether the seed has no list at all (an empty list still counts: it says that the
    /// store knows every record it has, none).
    pub fn is_empty(&self) -> bool {
        self.lists.is_empty()
    }

    /// The entries of `list`, if the seed has it.
    pub(crate) fn list(&self, list: &str) -> Option<&[Value]> {
        self.lists.get(list).map(Vec::as_slice)
    }

    /// Parses seed text for `endpoints`: one JSON object of the lists their specs declare.
    /// A mistake (bad JSON, an unknown list or member, a missing member, a wrong type) is
    /// reported with its line and column.
    pub fn parse(text: &str, endpoints: &[&EndpointInfo]) -> Result<Seed, SeedError> {
        let specs = declarations(endpoints);
        let mut de = serde_json::Deserializer::from_str(text);
        let lists = FileSeed { specs: &specs }
            .deserialize(&mut de)
            .and_then(|lists| de.end().map(|()| lists))
            .map_err(|e| {
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let message = e.to_string();
                SeedError {
                    file: None,
                    position: Some((e.line(), e.column())),
                    message: message.strip_suffix(&suffix).unwrap_or(&message).to_owned(),
                }
            })?;
        Ok(Seed { lists })
    }

    /// Reads and parses the seed file at `path` for `endpoints` (see [`Seed::parse`]); the
    /// error names the file.
    pub fn read(path: &Path, endpoints: &[&EndpointInfo]) -> Result<Seed, SeedError> {
        let text = std::fs::read_to_string(path).map_err(|e| SeedError {
            file: Some(path.to_owned()),
            position: None,
            message: format!("cannot read the seed file: {e}"),
        })?;
        Seed::parse(&text, endpoints).map_err(|e| SeedError {
            file: Some(path.to_owned()),
            ..e
        })
    }

    /// Checks every list and entry against the declarations of `endpoints`.
    pub(crate) fn check(&self, endpoints: &[&EndpointInfo]) -> Result<(), SeedError> {
        let specs = declarations(endpoints);
        let fail = |message: String| SeedError {
            file: None,
            position: None,
            message,
        };
        for (name, entries) in &self.lists {
            let Some((_, spec)) = specs.iter().find(|(_, s)| s.list == name) else {
                return Err(fail(format!(
                    "unknown list `{name}`; the seed lists of these endpoints: {}",
                    list_names(&specs)
                )));
            };
            for (i, entry) in entries.iter().enumerate() {
                let Value::Object(members) = entry else {
                    return Err(fail(format!(
                        "{name}[{i}] is {}, expected an object",
                        kind_of(entry)
                    )));
                };
                for (k, v) in members {
                    member_value(spec, i, k, v).map_err(fail)?;
                }
                missing(spec, i, members).map_err(fail)?;
            }
        }
        Ok(())
    }
}

/// The whole file: an object of lists.
struct FileSeed<'a, 'e> {
    specs: &'a [(&'e str, &'e SeedSpec)],
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_, '_> {
    type Value = BTreeMap<String, Vec<Value>>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_, '_> {
    type Value = BTreeMap<String, Vec<Value>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object of seed lists ({})", list_names(self.specs))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut lists = BTreeMap::new();
        while let Some(name) = map.next_key::<String>()? {
            let Some((_, spec)) = self.specs.iter().find(|(_, s)| s.list == name) else {
                return Err(de::Error::custom(format_args!(
                    "unknown list `{name}`; the seed lists of these endpoints: {}",
                    list_names(self.specs)
                )));
            };
            if lists.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "the list `{name}` is given twice"
                )));
            }
            let entries = map.next_value_seed(ListSeed { spec })?;
            lists.insert(name, entries);
        }
        Ok(lists)
    }
}

/// One list: entries of one declaration.
struct ListSeed<'s> {
    spec: &'s SeedSpec,
}

impl<'de> DeserializeSeed<'de> for ListSeed<'_> {
    type Value = Vec<Value>;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ListSeed<'_> {
    type Value = Vec<Value>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a list of {} entries", self.spec.list)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = seq.next_element_seed(EntrySeed {
            spec: self.spec,
            index: entries.len(),
        })? {
            entries.push(entry);
        }
        Ok(entries)
    }
}

/// One entry: the declared members, each once, with its type.
struct EntrySeed<'s> {
    spec: &'s SeedSpec,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for EntrySeed<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "an object with {} ({}[{}])",
            member_names(self.spec),
            self.spec.list,
            self.index
        )
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut entry = Map::new();
        while let Some(name) = map.next_key::<String>()? {
            if entry.contains_key(&name) {
                return Err(de::Error::custom(format_args!(
                    "{}[{}]: the member `{name}` is given twice",
                    self.spec.list, self.index
                )));
            }
            if !self.spec.members.iter().any(|m| m.name == name) {
                return Err(de::Error::custom(format_args!(
                    "{}[{}]: unknown member `{name}`; an entry has {}",
                    self.spec.list,
                    self.index,
                    member_names(self.spec)
                )));
            }
            let value: Value = map.next_value()?;
            member_value(self.spec, self.index, &name, &value).map_err(de::Error::custom)?;
            entry.insert(name, value);
        }
        missing(self.spec, self.index, &entry).map_err(de::Error::custom)?;
        Ok(Value::Object(entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mpapi_runtime::sandbox::{SandboxSpec, SeedMember, StoreOp};

    static SHIP: SandboxSpec = SandboxSpec {
        store: "payments",
        key: &[],
        op: StoreOp::Write,
        checks: &[],
        set: &[],
        set_request: &[],
        append: None,
        answer: &[],
        answer_each: None,
        page_size: None,
        bad_cursor: None,
        filter: &[],
        filter_range: &[],
        seed: Some(SeedSpec {
            list: "payments",
            members: &[
                SeedMember {
                    name: "id",
                    at: "key.id",
                    kind: SeedKind::Text,
                    optional: false,
                },
                SeedMember {
                    name: "amount",
                    at: "amount",
                    kind: SeedKind::Integer,
                    optional: false,
                },
                SeedMember {
                    name: "state",
                    at: "state",
                    kind: SeedKind::Integer,
                    optional: true,
                },
            ],
            set: &[],
        }),
    };

    fn endpoint() -> &'static EndpointInfo {
        Box::leak(Box::new(crate::orders::tests::endpoint(&SHIP)))
    }

    fn parse_err(text: &str) -> SeedError {
        Seed::parse(text, &[endpoint()]).expect_err(text)
    }

    #[test]
    fn parses_declared_lists() {
        let seed = Seed::parse(
            r#"{"payments": [{"id": "a", "amount": 1}, {"amount": 2, "id": "b", "state": 3}]}"#,
            &[endpoint()],
        )
        .expect("valid seed");
        assert_eq!(seed.len("payments"), 2);
        assert_eq!(seed.lists().collect::<Vec<_>>(), [("payments", 2)]);
        assert_eq!(seed.check(&[endpoint()]), Ok(()));
        let empty = Seed::parse(r#"{"payments": []}"#, &[endpoint()]).expect("empty list");
        assert_eq!(empty.list("payments"), Some(&[][..]));
        assert!(!empty.is_empty());
    }

    #[test]
    fn mistakes_have_their_position_and_path() {
        let e = parse_err(
            "{\"payments\": [\n  {\"id\": \"a\", \"amount\": 1},\n  {\"id\": 7, \"amount\": 1}\n]}",
        );
        assert_eq!(e.message, "payments[1].id is an integer, expected a string");
        assert_eq!(e.position, Some((3, 10)));
        let e = parse_err(r#"{"payments": [{"id": "a"}]}"#);
        assert_eq!(
            e.message,
            "payments[0] lacks `amount`; an entry has `id`, `amount`, `state` (optional)"
        );
        let e = parse_err(r#"{"payment": []}"#);
        assert!(
            e.message.starts_with(
                "unknown list `payment`; the seed lists of these endpoints: `payments`"
            ),
            "{e}"
        );
        assert_eq!(e.position, Some((1, 10)));
        let e = parse_err(r#"{"payments": [{"id": "a", "amount": 1, "idd": "x"}]}"#);
        assert!(e.message.contains("unknown member `idd`"), "{e}");
        let e = parse_err(r#"{"payments": [{"id": "a", "id": "b", "amount": 1}]}"#);
        assert!(e.message.contains("`id` is given twice"), "{e}");
        let e = parse_err("{\"payments\": [}");
        assert_eq!(e.position, Some((1, 15)));
        let e = parse_err("[]");
        assert!(
            e.message.contains("expected an object of seed lists"),
            "{e}"
        );
        let e = parse_err(r#"{"payments": []} x"#);
        assert!(e.message.contains("trailing characters"), "{e}");
        // The file is named in front of the position.
        let named = SeedError {
            file: Some(PathBuf::from("seed.json")),
            ..e
        };
        assert!(named.to_string().starts_with("seed.json:1:18: "), "{named}");
    }

    #[test]
    fn built_seeds_are_checked_too() {
        let bad = Seed::default().entry("payments", serde_json::json!({"id": "a", "amount": "1"}));
        let e = bad.check(&[endpoint()]).expect_err("amount is text");
        assert_eq!(
            e.to_string(),
            "seed: payments[0].amount is a string, expected an integer"
        );
        let unknown = Seed::default().entry("refunds", serde_json::json!({}));
        assert!(unknown.check(&[endpoint()]).is_err());
    }

    #[test]
    fn unreadable_files_are_named() {
        let e = Seed::read(Path::new("/nonexistent/seed.json"), &[endpoint()])
            .expect_err("no such file");
        assert!(
            e.to_string()
                .starts_with("/nonexistent/seed.json: cannot read the seed file"),
            "{e}"
        );
    }
}
