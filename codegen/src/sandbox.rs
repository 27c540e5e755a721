//! The `sandbox:` block of an endpoint file: the server-side behaviour the loopback sandbox
//! imitates (a keyed store per app, checks with the doc's codes, state changes, answers
//! built from stored records, lists). This module owns the construct: its syntax, its
//! checks, its IR and the data it emits into the endpoint's `EndpointInfo`
//! (`mpapi_runtime::sandbox::SandboxSpec`); the sandbox crate interprets that data.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::diag::{Diagnostic, Diagnostics};
use crate::ir::{Loc, Platform, Ty, Type, TypeId};
use crate::load::reader::{entries, int, list, scalar_text, string};
use crate::load::yaml::{Node, NodeKind};
use crate::model::At;

const KEYS: &[&str] = &[
    "store",
    "key",
    "op",
    "checks",
    "set",
    "append",
    "answer",
    "answer_each",
    "page_size",
    "bad_cursor",
    "filter",
    "seed",
    "set_request",
    "filter_range",
];

/// The operation, as written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    /// `write`.
    Write,
    /// `update`.
    Update,
    /// `read`.
    Read,
    /// `list`.
    List,
}

/// A check, as written.
#[derive(Clone, Debug)]
pub enum Check {
    /// `{unique: CODE}`.
    Unique(At<i64>),
    /// `{exists: CODE}`.
    Exists(At<i64>),
    /// `{known: CODE}`.
    Known(At<i64>),
    /// `{matches: FIELD, code: CODE}`.
    Matches(At<String>, At<i64>),
    /// `{later: FIELD, than: RECORD_PATH, code: CODE}`.
    Later(At<String>, Option<At<String>>, At<i64>),
    /// `{max_writes: N, code: CODE}`.
    MaxWrites(At<i64>, At<i64>),
    /// `{not_in: {field: F, values: [..]}, code: CODE}`.
    NotIn(At<String>, Vec<serde_json::Value>, At<i64>),
    /// `{max_rewrites: N, done: {field: F, in: [..]}, changed: [PATHS], code: CODE}`.
    MaxRewrites(Rewrites),
}

/// One `filter_range` entry as written: record path and the request paths of its bounds.
#[derive(Clone, Debug)]
pub struct RangeDecl {
    /// The record path of the number.
    pub at: At<String>,
    /// `from:`.
    pub from: Option<At<String>>,
    /// `to:`.
    pub to: Option<At<String>>,
}

/// `max_rewrites` as written.
#[derive(Clone, Debug)]
pub struct Rewrites {
    /// The bound.
    pub max: At<i64>,
    /// `done: {field, in}`: the record path and the values that mark a record complete.
    pub done: Option<(At<String>, Vec<serde_json::Value>)>,
    /// `changed:` request paths.
    pub changed: Vec<At<String>>,
    /// `code:`.
    pub code: At<i64>,
}

/// Where an answer member comes from, as written.
#[derive(Clone, Debug)]
pub enum Source {
    /// A plain string: a record path.
    Record(At<String>),
    /// `{request: PATH}`.
    Request(At<String>),
    /// `{count: PATH}`.
    Count(At<String>),
    /// `{value: JSON}`.
    Value(serde_json::Value),
    /// `{writes: true}`.
    Writes,
}

/// A key form, as written.
#[derive(Clone, Debug)]
pub struct KeyForm {
    /// Request paths, each with its label (`{path, as}`; default: its last wire name).
    pub fields: Vec<(At<String>, String)>,
    /// `when: {field, in}`.
    pub when: Option<(At<String>, Vec<At<serde_json::Value>>)>,
}

/// A seed member as written: name in the seed file, record path, and whether it is an
/// integer (else a string).
#[derive(Clone, Debug)]
pub struct SeedMemberDecl {
    /// `name:`.
    pub name: At<String>,
    /// `at:` (default: the name).
    pub at: At<String>,
    /// `type: integer` (else `string`).
    pub integer: bool,
    /// `optional: true`.
    pub optional: bool,
}

/// `seed: {list, members, set}` as written.
#[derive(Clone, Debug)]
pub struct SeedDecl {
    /// The seed file's list.
    pub list: At<String>,
    /// Its members.
    pub members: Vec<SeedMemberDecl>,
    /// Record members every seeded record starts with.
    pub set: Vec<(At<String>, serde_json::Value)>,
    /// Where `seed:` was written.
    pub loc: Loc,
}

/// Answer (or appended) members as written: answer path and source.
pub type MemberDecls = Vec<(At<String>, Source)>;

/// The `sandbox:` block, as written.
#[derive(Clone, Debug)]
pub struct SandboxDecl {
    /// Store name (default: the endpoint id).
    pub store: Option<At<String>>,
    /// Key forms.
    pub key: Vec<KeyForm>,
    /// Operation.
    pub op: At<Op>,
    /// Checks in order.
    pub checks: Vec<Check>,
    /// Record members set: path and value.
    pub set: Vec<(At<String>, serde_json::Value)>,
    /// Appended element: list path and members.
    pub append: Option<(At<String>, MemberDecls)>,
    /// Answer members.
    pub answer: Vec<(At<String>, Source)>,
    /// `answer_each: {at, each, as_text, item}`.
    pub answer_each: Option<(At<String>, At<String>, bool, MemberDecls)>,
    /// `page_size: {field, default}`.
    pub page_size: Option<(At<String>, u32)>,
    /// `bad_cursor: CODE`.
    pub bad_cursor: Option<At<i64>>,
    /// `filter: {RECORD_PATH: REQUEST_PATH}`.
    pub filter: Vec<(At<String>, At<String>)>,
    /// `set_request: {RECORD_PATH: REQUEST_PATH}`.
    pub set_request: Vec<(At<String>, At<String>)>,
    /// `filter_range: {RECORD_PATH: {from: REQUEST_PATH, to: REQUEST_PATH}}`.
    pub filter_range: Vec<RangeDecl>,
    /// `seed:`.
    pub seed: Option<SeedDecl>,
    /// Location of the block.
    pub loc: Loc,
}

fn code_in(e: &crate::load::reader::Entries<'_>, d: &mut Diagnostics) -> Option<At<i64>> {
    e.required("code", d).and_then(|n| int(n, "code", d))
}

fn members(node: &Node, what: &str, d: &mut Diagnostics) -> Vec<(At<String>, Source)> {
    let NodeKind::Map(pairs) = &node.kind else {
        d.error(
            &node.loc,
            format!("expected a mapping of answer paths for {what}"),
        );
        return Vec::new();
    };
    pairs
        .iter()
        .filter_map(|(k, v)| {
            let at = At::new(k.key_text(), k.loc.clone());
            source(v, d).map(|s| (at, s))
        })
        .collect()
}

fn source(node: &Node, d: &mut Diagnostics) -> Option<Source> {
    if let NodeKind::Str(s) = &node.kind {
        return Some(Source::Record(At::new(s.clone(), node.loc.clone())));
    }
    let e = entries(
        node,
        "an answer source",
        &["request", "count", "value", "writes"],
        d,
    )?;
    if let Some(v) = e.get("value") {
        return Some(Source::Value(v.to_json()));
    }
    if e.get("writes").is_some() {
        return Some(Source::Writes);
    }
    if let Some(r) = e.opt_string("request", d) {
        return Some(Source::Request(r));
    }
    if let Some(c) = e.opt_string("count", d) {
        return Some(Source::Count(c));
    }
    d.error(
        &node.loc,
        "an answer source is a record path, or one of `{request: PATH}`, `{count: PATH}`, `{value: JSON}`, `{writes: true}`",
    );
    None
}

fn check(node: &Node, d: &mut Diagnostics) -> Option<Check> {
    let e = entries(
        node,
        "a sandbox check",
        &[
            "unique",
            "exists",
            "known",
            "matches",
            "later",
            "than",
            "max_writes",
            "max_rewrites",
            "done",
            "changed",
            "not_in",
            "code",
        ],
        d,
    )?;
    if let Some(n) = e.get("unique") {
        return int(n, "unique", d).map(Check::Unique);
    }
    if let Some(n) = e.get("exists") {
        return int(n, "exists", d).map(Check::Exists);
    }
    if let Some(n) = e.get("known") {
        return int(n, "known", d).map(Check::Known);
    }
    if let Some(f) = e.opt_string("matches", d) {
        return Some(Check::Matches(f, code_in(&e, d)?));
    }
    if let Some(f) = e.opt_string("later", d) {
        let than = e.opt_string("than", d);
        return Some(Check::Later(f, than, code_in(&e, d)?));
    }
    if let Some(n) = e.opt_int("max_writes", d) {
        return Some(Check::MaxWrites(n, code_in(&e, d)?));
    }
    if let Some(max) = e.opt_int("max_rewrites", d) {
        let done = match e.get("done") {
            Some(n) => {
                let inner = entries(n, "`done`", &["field", "in"], d)?;
                let field = inner.req_string("field", d)?;
                let values = inner.list("in", d).iter().map(Node::to_json).collect();
                Some((field, values))
            }
            None => None,
        };
        let changed = e
            .list("changed", d)
            .iter()
            .filter_map(|n| string(n, "a `changed` request path", d))
            .collect();
        return Some(Check::MaxRewrites(Rewrites {
            max,
            done,
            changed,
            code: code_in(&e, d)?,
        }));
    }
    if let Some(n) = e.get("not_in") {
        let inner = entries(n, "`not_in`", &["field", "values"], d)?;
        let field = inner.req_string("field", d);
        let values = inner.list("values", d).iter().map(Node::to_json).collect();
        return Some(Check::NotIn(field?, values, code_in(&e, d)?));
    }
    d.error(
        &node.loc,
        "a sandbox check is one of `{unique: CODE}`, `{exists: CODE}`, `{known: CODE}`, `{matches: FIELD, code: CODE}`, `{later: FIELD, than: RECORD_PATH, code: CODE}`, `{max_writes: N, code: CODE}`, `{max_rewrites: N, done: {field, in}, changed: [PATHS], code: CODE}`, `{not_in: {field, values}, code: CODE}`",
    );
    None
}

/// The last wire name of a path: `order_key.mchid` -> `mchid`, `Data[].R` -> `R`.
fn last_name(path: &str) -> String {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.strip_suffix("[]").unwrap_or(last).to_owned()
}

/// Whether a node is a key field (a path, or `{path, as}`) rather than a key form.
fn is_key_field(node: &Node) -> bool {
    match &node.kind {
        NodeKind::Str(_) => true,
        NodeKind::Map(pairs) => pairs.iter().any(|(k, _)| k.as_str() == Some("path")),
        _ => false,
    }
}

/// A key field: a path, or `{path: PATH, as: LABEL}`.
fn key_field(node: &Node, d: &mut Diagnostics) -> Option<(At<String>, String)> {
    if let NodeKind::Map(_) = &node.kind {
        let e = entries(node, "a key field", &["path", "as"], d)?;
        let path = e.req_string("path", d)?;
        let label = e.req_string("as", d)?.value;
        return Some((path, label));
    }
    let path = string(node, "a key field", d)?;
    let label = last_name(&path.value);
    Some((path, label))
}

fn key_form(node: &Node, d: &mut Diagnostics) -> Option<KeyForm> {
    if let NodeKind::Seq(items) = &node.kind {
        let fields = items.iter().filter_map(|i| key_field(i, d)).collect();
        return Some(KeyForm { fields, when: None });
    }
    let e = entries(node, "a key form", &["fields", "when"], d)?;
    let fields = e
        .list("fields", d)
        .iter()
        .filter_map(|i| key_field(i, d))
        .collect();
    let when = match e.get("when") {
        Some(w) => {
            let w = entries(w, "a key condition", &["field", "in"], d)?;
            let field = w.req_string("field", d)?;
            let values = w
                .list("in", d)
                .iter()
                .map(|v| At::new(v.to_json(), v.loc.clone()))
                .collect();
            Some((field, values))
        }
        None => None,
    };
    Some(KeyForm { fields, when })
}

/// Reads the `sandbox:` block.
pub(crate) fn load(node: &Node, d: &mut Diagnostics) -> Option<SandboxDecl> {
    let e = entries(node, "the `sandbox:` block", KEYS, d)?;
    let op = match e.opt_string("op", d) {
        None => At::new(Op::Write, node.loc.clone()),
        Some(o) => {
            let op = match o.value.as_str() {
                "write" => Op::Write,
                "update" => Op::Update,
                "read" => Op::Read,
                "list" => Op::List,
                other => {
                    d.error_help(
                        &o.loc,
                        format!("unknown sandbox op `{other}`"),
                        "expected `write`, `update`, `read` or `list`",
                    );
                    return None;
                }
            };
            At::new(op, o.loc)
        }
    };
    let key = match e.get("key") {
        None => Vec::new(),
        Some(k) => match &k.kind {
            // `key: [a, b]` is one form of two fields; `key: [[a], {fields: ..}]` lists forms.
            NodeKind::Seq(items) if items.iter().all(is_key_field) => {
                key_form(k, d).into_iter().collect()
            }
            _ => list(k, "key", d)
                .iter()
                .filter_map(|f| key_form(f, d))
                .collect(),
        },
    };
    let checks = e
        .list("checks", d)
        .iter()
        .filter_map(|c| check(c, d))
        .collect();
    let set = record_values(e.get("set"), d);
    let filter = record_to_request(e.get("filter"), "filter", d);
    let set_request = record_to_request(e.get("set_request"), "set_request", d);
    let filter_range = match e.get("filter_range") {
        Some(Node {
            kind: NodeKind::Map(pairs),
            ..
        }) => pairs
            .iter()
            .filter_map(|(k, v)| {
                let bounds = entries(v, "a `filter_range` entry", &["from", "to"], d)?;
                let from = bounds.opt_string("from", d);
                let to = bounds.opt_string("to", d);
                if from.is_none() && to.is_none() {
                    d.error(&v.loc, "a `filter_range` entry needs `from`, `to` or both");
                }
                Some(RangeDecl {
                    at: At::new(k.key_text(), k.loc.clone()),
                    from,
                    to,
                })
            })
            .collect(),
        Some(other) => {
            d.error(
                &other.loc,
                "expected a mapping of record paths to `{from, to}` for `filter_range`",
            );
            Vec::new()
        }
        None => Vec::new(),
    };
    let seed = e.get("seed").and_then(|n| seed(n, d));
    let append = match e.get("append") {
        Some(n) => {
            let a = entries(n, "`append`", &["list", "item"], d)?;
            let list = a.req_string("list", d)?;
            let item = a
                .required("item", d)
                .map(|i| members(i, "`append.item`", d))?;
            Some((list, item))
        }
        None => None,
    };
    let answer = e
        .get("answer")
        .map(|n| members(n, "`answer`", d))
        .unwrap_or_default();
    let answer_each = match e.get("answer_each") {
        Some(n) => {
            let a = entries(n, "`answer_each`", &["at", "each", "as_text", "item"], d)?;
            let at = a.req_string("at", d)?;
            let each = a.req_string("each", d)?;
            let as_text = a.flag("as_text", d);
            let item = a
                .required("item", d)
                .map(|i| members(i, "`answer_each.item`", d))?;
            Some((at, each, as_text, item))
        }
        None => None,
    };
    let page_size = match e.get("page_size") {
        Some(n) => {
            let p = entries(n, "`page_size`", &["field", "default"], d)?;
            let field = p.req_string("field", d)?;
            let default = p
                .required("default", d)
                .and_then(|n| int(n, "default", d))?;
            Some((field, u32::try_from(default.value).unwrap_or(100)))
        }
        None => None,
    };
    let _ = scalar_text;
    let bad_cursor = e.opt_int("bad_cursor", d);
    Some(SandboxDecl {
        bad_cursor,
        store: e.opt_string("store", d),
        key,
        op,
        checks,
        set,
        append,
        answer,
        answer_each,
        page_size,
        filter,
        set_request,
        filter_range,
        seed,
        loc: node.loc.clone(),
    })
}

/// `KEY: {RECORD_PATH: REQUEST_PATH, …}` (`filter`, `set_request`).
fn record_to_request(
    node: Option<&Node>,
    key: &str,
    d: &mut Diagnostics,
) -> Vec<(At<String>, At<String>)> {
    match node {
        Some(Node {
            kind: NodeKind::Map(pairs),
            ..
        }) => pairs
            .iter()
            .filter_map(|(k, v)| {
                let request = string(v, &format!("a `{key}` request path"), d)?;
                Some((At::new(k.key_text(), k.loc.clone()), request))
            })
            .collect(),
        Some(other) => {
            d.error(
                &other.loc,
                format!("expected a mapping of record paths to request paths for `{key}`"),
            );
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// `set:`: a mapping of record paths to JSON values.
fn record_values(node: Option<&Node>, d: &mut Diagnostics) -> Vec<(At<String>, serde_json::Value)> {
    match node {
        Some(Node {
            kind: NodeKind::Map(pairs),
            ..
        }) => pairs
            .iter()
            .map(|(k, v)| (At::new(k.key_text(), k.loc.clone()), v.to_json()))
            .collect(),
        Some(other) => {
            d.error(
                &other.loc,
                "expected a mapping of record paths to values for `set`",
            );
            Vec::new()
        }
        None => Vec::new(),
    }
}

/// `seed: {list: NAME, members: [{name, at, type}], set: {..}}`.
fn seed(node: &Node, d: &mut Diagnostics) -> Option<SeedDecl> {
    let e = entries(node, "`seed`", &["list", "members", "set"], d)?;
    let list = e.req_string("list", d);
    let members = e
        .list("members", d)
        .iter()
        .map(|m| {
            let m = entries(m, "a seed member", &["name", "at", "type", "optional"], d)?;
            let name = m.req_string("name", d)?;
            let at = m.opt_string("at", d).unwrap_or_else(|| name.clone());
            let integer = match m.opt_string("type", d) {
                None => false,
                Some(t) if t.value == "string" => false,
                Some(t) if t.value == "integer" => true,
                Some(t) => {
                    d.error_help(
                        &t.loc,
                        format!("unknown seed member type `{}`", t.value),
                        "expected `string` (the default) or `integer`",
                    );
                    return None;
                }
            };
            let optional = m.flag("optional", d);
            Some(SeedMemberDecl {
                name,
                at,
                integer,
                optional,
            })
        })
        .collect::<Vec<_>>();
    // A member that could not be read is reported already.
    let members = members.into_iter().collect::<Option<Vec<_>>>()?;
    let set = record_values(e.get("set"), d);
    Some(SeedDecl {
        list: list?,
        members,
        set,
        loc: node.loc.clone(),
    })
}

/// A checked answer source.
#[derive(Clone, Debug, PartialEq)]
pub enum SourceIr {
    /// A record path.
    Record(String),
    /// A request path.
    Request(String),
    /// The length of a record list.
    Count(String),
    /// A JSON text.
    Value(String),
    /// The record's write count.
    Writes,
}

/// A checked check.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckIr {
    /// No record with the key yet.
    Unique(i64),
    /// A record with the key exists.
    Exists(i64),
    /// With seed records, a record with the key exists.
    Known(i64),
    /// The request and the record hold the same value at the path.
    Matches(String, i64),
    /// The request's date-time at the path is later than the record's at the second path.
    Later(String, String, i64),
    /// At most N writes per key.
    MaxWrites(u32, i64),
    /// The record's field holds none of these JSON texts.
    NotIn(String, Vec<String>, i64),
    /// At most N rewrites per key: the bound, the record path and JSON texts that mark a
    /// record complete, the request paths whose change is a rewrite, the code.
    MaxRewrites(u32, Option<(String, Vec<String>)>, Vec<String>, i64),
}

type Members = Vec<(String, SourceIr)>;

/// A checked key form: request paths with their labels, and an optional condition (path,
/// wire texts).
pub type KeyFormIr = (Vec<(String, String)>, Option<(String, Vec<String>)>);

/// The checked `sandbox:` block of an endpoint.
#[derive(Clone, Debug)]
pub struct SandboxIr {
    /// Store name.
    pub store: String,
    /// Key forms: request paths with their labels, and an optional condition (path, wire
    /// texts).
    pub key: Vec<KeyFormIr>,
    /// Operation.
    pub op: Op,
    /// Checks in order.
    pub checks: Vec<CheckIr>,
    /// Record members set: path and JSON text.
    pub set: Vec<(String, String)>,
    /// Appended element: record list and members.
    pub append: Option<(String, Members)>,
    /// Answer members.
    pub answer: Members,
    /// Answer list built from a request list: at, each, as_text, members.
    pub answer_each: Option<(String, String, bool, Members)>,
    /// Page size: request field and default.
    pub page_size: Option<(String, u32)>,
    /// The code for a cursor the sandbox did not hand out.
    pub bad_cursor: Option<i64>,
    /// List filters: record path and request path.
    pub filter: Vec<(String, String)>,
    /// Record members set from the request: record path and request path.
    pub set_request: Vec<(String, String)>,
    /// List ranges: record path, request paths of the lower and upper bounds.
    pub filter_range: Vec<(String, Option<String>, Option<String>)>,
    /// Seed records: list name, members (name, record path, integer?), set.
    pub seed: Option<SeedIr>,
    /// Where the block was written.
    pub loc: Loc,
}

/// A checked `seed:`.
#[derive(Clone, Debug, PartialEq)]
pub struct SeedIr {
    /// The seed file's list.
    pub list: String,
    /// Members: name, record path, integer (else string), optional.
    pub members: Vec<(String, String, bool, bool)>,
    /// Record members every seeded record starts with: path and JSON text.
    pub set: Vec<(String, String)>,
}

/// The type of the value at `path` below `start`; `Err` says which step does not resolve.
fn resolve(types: &[Type], start: TypeId, path: &str) -> Result<Ty, String> {
    let mut ty = Ty::Object(start);
    for step in path.split('.') {
        let (name, each) = match step.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (step, false),
        };
        let Ty::Object(id) = ty else {
            return Err(format!("`{name}` is below a value that is not an object"));
        };
        let Some(t) = types.get(id.0) else {
            return Err("unknown type".to_owned());
        };
        let Some(f) = t.fields.iter().find(|f| f.wire == name) else {
            let known: Vec<&str> = t.fields.iter().map(|f| f.wire.as_str()).collect();
            return Err(format!(
                "`{}` has no field `{name}` (fields: {})",
                t.name,
                known.join(", ")
            ));
        };
        ty = f.ty.clone();
        if each {
            match ty {
                Ty::Array(inner) => ty = *inner,
                _ => return Err(format!("`{name}[]` walks a field that is not a list")),
            }
        }
    }
    Ok(ty)
}

/// What lowering a `sandbox:` block needs to know about its endpoint.
pub(crate) struct EndpointTypes<'a> {
    /// Every type of the platform.
    pub types: &'a [Type],
    /// The request body type.
    pub request: Option<TypeId>,
    /// The typed query parameters.
    pub query: Option<TypeId>,
    /// The response type.
    pub response: Option<TypeId>,
    /// Whether the endpoint pages.
    pub paged: bool,
    /// The endpoint id (the default store name).
    pub id: &'a str,
    /// Every code of the endpoint's and the platform's tables.
    pub codes: Vec<i64>,
}

/// Checks a `sandbox:` block against its endpoint and lowers it; reports every problem.
pub(crate) fn lower(
    decl: &SandboxDecl,
    ep: &EndpointTypes<'_>,
    enums: &[crate::ir::Enum],
    d: &mut Diagnostics,
) -> Option<SandboxIr> {
    let before = d.len();
    let err = |d: &mut Diagnostics, loc: &Loc, msg: String, help: &str| {
        d.push(Diagnostic::new(loc.clone(), msg).with_help(help));
    };
    let request_path = |d: &mut Diagnostics, p: &At<String>| -> Option<Ty> {
        let in_body = ep.request.map(|r| resolve(ep.types, r, &p.value));
        let in_query = ep.query.map(|q| resolve(ep.types, q, &p.value));
        match (in_body, in_query) {
            (Some(Ok(t)), _) | (_, Some(Ok(t))) => Some(t),
            (Some(Err(why)), _) | (None, Some(Err(why))) => {
                err(
                    d,
                    &p.loc,
                    format!("request path `{}` does not resolve: {why}", p.value),
                    "name a field of the request body (or a typed query parameter), `a.b` into objects, `a[]` through lists",
                );
                None
            }
            (None, None) => {
                err(
                    d,
                    &p.loc,
                    format!(
                        "request path `{}`: the endpoint has no request body nor typed query parameters",
                        p.value
                    ),
                    "describe the parameters first",
                );
                None
            }
        }
    };
    let code = |d: &mut Diagnostics, c: &At<i64>| -> i64 {
        if !ep.codes.contains(&c.value) {
            err(
                d,
                &c.loc,
                format!(
                    "platform code {} is in no error table of `{}` nor the platform's",
                    c.value, ep.id
                ),
                "a sandbox answers only with the doc's codes: add the row to `errors:` or fix the code",
            );
        }
        c.value
    };
    let mut key = Vec::new();
    for form in &decl.key {
        let mut fields = Vec::new();
        for (f, label) in &form.fields {
            request_path(d, f);
            fields.push((f.value.clone(), label.clone()));
        }
        if form.fields.is_empty() {
            err(
                d,
                &decl.loc,
                "a key form without fields".to_owned(),
                "list the request paths whose values make the key",
            );
        }
        if form.fields.len() > 1 && form.fields.iter().any(|(f, _)| f.value.contains("[]")) {
            err(
                d,
                &form.fields[0].0.loc,
                "a key through a list (`a[]`) has one field only".to_owned(),
                "each element of the list is one key",
            );
        }
        let when = match &form.when {
            None => None,
            Some((field, values)) => {
                let ty = request_path(d, field);
                let mut texts = Vec::new();
                for v in values {
                    match (&ty, &v.value) {
                        (Some(Ty::Enum(e)), value) => {
                            let variants =
                                enums.get(e.0).map(|e| e.variants.as_slice()).unwrap_or(&[]);
                            let found = variants.iter().find(|x| {
                                value.as_str() == Some(x.wire.as_str())
                                    || value.as_i64() == Some(x.code)
                            });
                            match found {
                                Some(x) => {
                                    texts.push(x.wire.clone());
                                    texts.push(x.code.to_string());
                                }
                                None => err(
                                    d,
                                    &v.loc,
                                    format!("`{value}` is not a variant of the field's enum"),
                                    "write a variant's wire name or code",
                                ),
                            }
                        }
                        (_, serde_json::Value::String(s)) => texts.push(s.clone()),
                        (_, other) => texts.push(other.to_string()),
                    }
                }
                Some((field.value.clone(), texts))
            }
        };
        key.push((fields, when));
    }
    if key.is_empty() && decl.op.value != Op::List {
        err(
            d,
            &decl.loc,
            "a sandbox block needs `key:` (the request fields that name the record)".to_owned(),
            "e.g. `key: [order_id]`",
        );
    }
    let mut checks = Vec::new();
    for c in &decl.checks {
        checks.push(match c {
            Check::Unique(c) => CheckIr::Unique(code(d, c)),
            Check::Exists(c) => CheckIr::Exists(code(d, c)),
            Check::Known(c) => CheckIr::Known(code(d, c)),
            Check::Matches(f, c) => {
                request_path(d, f);
                CheckIr::Matches(f.value.clone(), code(d, c))
            }
            Check::Later(f, than, c) => {
                if let Some(t) = request_path(d, f)
                    && !matches!(t, Ty::String | Ty::Int { .. })
                {
                    err(
                        d,
                        &f.loc,
                        format!(
                            "`later` compares date-times (RFC 3339 text or Unix timestamps), but `{}` is neither a string nor an integer",
                            f.value
                        ),
                        "name a date-time string or a timestamp field",
                    );
                }
                let than = than.as_ref().map_or(&f.value, |t| &t.value);
                CheckIr::Later(f.value.clone(), than.clone(), code(d, c))
            }
            Check::MaxWrites(n, c) => {
                let max = u32::try_from(n.value).unwrap_or(0);
                if max == 0 {
                    err(
                        d,
                        &n.loc,
                        "`max_writes` is a positive count".to_owned(),
                        "e.g. `max_writes: 2`",
                    );
                }
                CheckIr::MaxWrites(max, code(d, c))
            }
            Check::NotIn(f, values, c) => CheckIr::NotIn(
                f.value.clone(),
                values.iter().map(|v| v.to_string()).collect(),
                code(d, c),
            ),
            Check::MaxRewrites(r) => {
                let max = u32::try_from(r.max.value).unwrap_or(0);
                if max == 0 {
                    err(
                        d,
                        &r.max.loc,
                        "`max_rewrites` is a positive count".to_owned(),
                        "e.g. `max_rewrites: 1`",
                    );
                }
                if r.done.is_none() && r.changed.is_empty() {
                    err(
                        d,
                        &r.max.loc,
                        "`max_rewrites` needs `done` or `changed`: what makes a write a rewrite"
                            .to_owned(),
                        "e.g. `done: {field: finish_shipping, in: [true]}`",
                    );
                }
                for f in &r.changed {
                    request_path(d, f);
                }
                let done = r.done.as_ref().map(|(f, values)| {
                    (
                        f.value.clone(),
                        values.iter().map(|v| v.to_string()).collect(),
                    )
                });
                let changed = r.changed.iter().map(|f| f.value.clone()).collect();
                CheckIr::MaxRewrites(max, done, changed, code(d, &r.code))
            }
        });
        let fits = match (c, decl.op.value) {
            (
                Check::Unique(_) | Check::Known(_) | Check::MaxWrites(..) | Check::MaxRewrites(..),
                op,
            ) => op == Op::Write,
            (Check::Later(..), op) => matches!(op, Op::Write | Op::Update),
            (Check::Exists(_) | Check::Matches(..) | Check::NotIn(..), op) => op != Op::List,
        };
        if !fits {
            err(
                d,
                &decl.op.loc,
                format!(
                    "a check of this block does not apply to `op: {:?}`",
                    decl.op.value
                )
                .to_lowercase(),
                "`unique`, `known`, `max_writes` and `max_rewrites` apply to writes; `later` to writes and updates; `exists`, `matches` and `not_in` to writes, updates and reads",
            );
        }
    }
    let lower_members = |d: &mut Diagnostics, list: &[(At<String>, Source)]| -> Members {
        list.iter()
            .map(|(at, s)| {
                let s = match s {
                    Source::Record(p) => SourceIr::Record(p.value.clone()),
                    Source::Request(p) => {
                        request_path(d, p);
                        SourceIr::Request(p.value.clone())
                    }
                    Source::Count(p) => SourceIr::Count(p.value.clone()),
                    Source::Value(v) => SourceIr::Value(v.to_string()),
                    Source::Writes => SourceIr::Writes,
                };
                (at.value.clone(), s)
            })
            .collect()
    };
    let answer = lower_members(d, &decl.answer);
    // Answer members name response fields (for a list: fields of the items).
    if decl.op.value != Op::List {
        for at in decl
            .answer
            .iter()
            .map(|(at, _)| at)
            .chain(decl.answer_each.iter().map(|(at, ..)| at))
        {
            let first = at.value.split('.').next().unwrap_or_default();
            match ep.response {
                Some(r) => {
                    if let Err(why) = resolve(ep.types, r, first) {
                        err(
                            d,
                            &at.loc,
                            format!("answer member `{}`: {why}", at.value),
                            "answer members are paths of the response type",
                        );
                    }
                }
                None => err(
                    d,
                    &at.loc,
                    format!(
                        "answer member `{}`, but the endpoint has no `response:` type",
                        at.value
                    ),
                    "declare the response type first",
                ),
            }
        }
    }
    let append = match &decl.append {
        Some((list, item)) => {
            if decl.op.value != Op::Update && decl.op.value != Op::Write {
                err(
                    d,
                    &list.loc,
                    "`append` changes a record: use it with `op: update` or `op: write`".to_owned(),
                    "",
                );
            }
            Some((list.value.clone(), lower_members(d, item)))
        }
        None => None,
    };
    let answer_each = match &decl.answer_each {
        Some((at, each, as_text, item)) => {
            request_path(d, each);
            Some((
                at.value.clone(),
                each.value.clone(),
                *as_text,
                lower_members(d, item),
            ))
        }
        None => None,
    };
    if decl.op.value == Op::List && !ep.paged {
        err(
            d,
            &decl.op.loc,
            "`op: list` pages with the endpoint's `pagination:`, which it lacks".to_owned(),
            "add `pagination:` to the endpoint",
        );
    }
    let page_size = match &decl.page_size {
        Some((f, n)) => {
            request_path(d, f);
            Some((f.value.clone(), *n))
        }
        None => None,
    };
    let bad_cursor = decl.bad_cursor.as_ref().map(|c| code(d, c));
    if let (Some(c), false) = (&decl.bad_cursor, decl.op.value == Op::List) {
        err(
            d,
            &c.loc,
            "`bad_cursor` applies to `op: list`".to_owned(),
            "drop it, or make the block a list",
        );
    }
    // `filter` and `set_request`: record paths to request paths that must resolve, on the
    // ops that take them.
    let record_to_request = |pairs: &[(At<String>, At<String>)],
                             key: &str,
                             fits: bool,
                             ops: &str,
                             d: &mut Diagnostics| {
        if let (Some((first, _)), false) = (pairs.first(), fits) {
            err(
                d,
                &first.loc,
                format!("`{key}` applies to {ops}"),
                &format!("drop it, or change the block to {ops}"),
            );
        }
        pairs
            .iter()
            .map(|(record, request)| {
                request_path(d, request);
                (record.value.clone(), request.value.clone())
            })
            .collect::<Vec<_>>()
    };
    let filter = record_to_request(
        &decl.filter,
        "filter",
        decl.op.value == Op::List,
        "`op: list`",
        d,
    );
    let set_request = record_to_request(
        &decl.set_request,
        "set_request",
        matches!(decl.op.value, Op::Write | Op::Update),
        "`op: write` and `op: update`",
        d,
    );
    let mut filter_range = Vec::new();
    for r in &decl.filter_range {
        for bound in r.from.iter().chain(&r.to) {
            if let Some(t) = request_path(d, bound)
                && !matches!(t, Ty::Int { .. } | Ty::Number)
            {
                err(
                    d,
                    &bound.loc,
                    format!(
                        "a `filter_range` bound is a number, but `{}` is not",
                        bound.value
                    ),
                    "name an integer or number field",
                );
            }
        }
        filter_range.push((
            r.at.value.clone(),
            r.from.as_ref().map(|f| f.value.clone()),
            r.to.as_ref().map(|t| t.value.clone()),
        ));
    }
    if let (Some(first), false) = (decl.filter_range.first(), decl.op.value == Op::List) {
        err(
            d,
            &first.at.loc,
            "`filter_range` applies to `op: list`".to_owned(),
            "drop it, or make the block a list",
        );
    }
    let seed = decl.seed.as_ref().map(|s| lower_seed(s, decl, ep, d));
    if d.len() > before {
        return None;
    }
    Some(SandboxIr {
        store: decl
            .store
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_else(|| ep.id.to_owned()),
        key,
        op: decl.op.value,
        checks,
        set: decl
            .set
            .iter()
            .map(|(p, v)| (p.value.clone(), v.to_string()))
            .collect(),
        append,
        answer,
        answer_each,
        page_size,
        bad_cursor,
        filter,
        set_request,
        filter_range,
        seed,
        loc: decl.loc.clone(),
    })
}

/// Checks `seed:`: on a write, a list name that is an identifier, members with distinct
/// names, and a type that agrees with the request field the member is stored at, when
/// the record path is one.
fn lower_seed(
    s: &SeedDecl,
    decl: &SandboxDecl,
    ep: &EndpointTypes<'_>,
    d: &mut Diagnostics,
) -> SeedIr {
    let err = |d: &mut Diagnostics, loc: &Loc, msg: String, help: &str| {
        d.push(Diagnostic::new(loc.clone(), msg).with_help(help));
    };
    if decl.op.value != Op::Write {
        err(
            d,
            &s.loc,
            "`seed` gives a store its first records: declare it on the endpoint that writes the store".to_owned(),
            "move it to the block with `op: write`",
        );
    }
    let ident = |t: &str| {
        !t.is_empty()
            && t.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && !t.starts_with(|c: char| c.is_ascii_digit())
    };
    if !ident(&s.list.value) {
        err(
            d,
            &s.list.loc,
            format!("seed list name `{}` is not an identifier", s.list.value),
            "e.g. `list: payments`",
        );
    }
    if s.members.is_empty() {
        err(
            d,
            &s.loc,
            "a seed without members".to_owned(),
            "list the members of an entry: `members: [{name: id, at: order_id}]`",
        );
    }
    let mut members = Vec::new();
    for (i, m) in s.members.iter().enumerate() {
        if s.members[..i].iter().any(|o| o.name.value == m.name.value) {
            err(
                d,
                &m.name.loc,
                format!("seed member `{}` is listed twice", m.name.value),
                "list each member once",
            );
        }
        let in_request = ep.request.map(|r| resolve(ep.types, r, &m.at.value));
        if let Some(Ok(ty)) = in_request {
            let fits = match ty {
                Ty::String => !m.integer,
                Ty::Int { .. } | Ty::IntOrString => m.integer,
                _ => false,
            };
            if !fits {
                err(
                    d,
                    &m.at.loc,
                    format!(
                        "seed member `{}` is {}, but the request field `{}` it is stored at is not",
                        m.name.value,
                        if m.integer { "an integer" } else { "a string" },
                        m.at.value
                    ),
                    "seed members are strings (the default) or `type: integer`, like the field",
                );
            }
        }
        members.push((
            m.name.value.clone(),
            m.at.value.clone(),
            m.integer,
            m.optional,
        ));
    }
    SeedIr {
        list: s.list.value.clone(),
        members,
        set: s
            .set
            .iter()
            .map(|(p, v)| (p.value.clone(), v.to_string()))
            .collect(),
    }
}

/// Every store that an update, read or list uses is written by some endpoint of the
/// platform; a store has at most one `seed:`, and no two stores share a seed list.
pub(crate) fn check_stores(platform: &Platform, d: &mut Diagnostics) {
    let all: Vec<&SandboxIr> = platform
        .groups
        .iter()
        .flat_map(|g| &g.endpoints)
        .filter_map(|e| e.sandbox.as_ref())
        .collect();
    for s in &all {
        if s.op != Op::Write && !all.iter().any(|w| w.op == Op::Write && w.store == s.store) {
            d.push(
                Diagnostic::new(
                    s.loc.clone(),
                    format!("no endpoint writes the store `{}`", s.store),
                )
                .with_help("name the store of the endpoint that creates its records with `store:`"),
            );
        }
    }
    for (i, s) in all.iter().enumerate() {
        let Some(seed) = &s.seed else { continue };
        let earlier = all[..i].iter().find(|o| {
            o.seed
                .as_ref()
                .is_some_and(|os| o.store == s.store || os.list == seed.list)
        });
        if let Some(o) = earlier {
            d.push(
                Diagnostic::new(
                    s.loc.clone(),
                    format!(
                        "a second `seed` for store `{}` or list `{}` (the first is at {})",
                        s.store, seed.list, o.loc
                    ),
                )
                .with_help("declare a store's seed once, on one of its writing endpoints"),
            );
        }
    }
}

fn source_tokens(s: &SourceIr) -> TokenStream {
    match s {
        SourceIr::Record(p) => quote!(::mpapi_runtime::sandbox::AnswerSource::Record(#p)),
        SourceIr::Request(p) => quote!(::mpapi_runtime::sandbox::AnswerSource::Request(#p)),
        SourceIr::Count(p) => quote!(::mpapi_runtime::sandbox::AnswerSource::Count(#p)),
        SourceIr::Value(v) => quote!(::mpapi_runtime::sandbox::AnswerSource::Value(#v)),
        SourceIr::Writes => quote!(::mpapi_runtime::sandbox::AnswerSource::Writes),
    }
}

fn members_tokens(list: &[(String, SourceIr)]) -> TokenStream {
    let items = list.iter().map(|(at, s)| {
        let s = source_tokens(s);
        quote!(::mpapi_runtime::sandbox::AnswerMember { at: #at, from: #s })
    });
    quote!(&[#(#items),*])
}

/// The `static` holding the endpoint's behaviour, named `{STAT}_SANDBOX`.
pub(crate) fn emit(s: &SandboxIr, stat: &proc_macro2::Ident, id: &str) -> TokenStream {
    let name = format_ident!("{}_SANDBOX", stat);
    let store = &s.store;
    let key = s.key.iter().map(|(fields, when)| {
        let when = match when {
            Some((f, v)) => quote!(::std::option::Option::Some((#f, &[#(#v),*]))),
            None => quote!(::std::option::Option::None),
        };
        let (paths, labels): (Vec<&String>, Vec<&String>) =
            fields.iter().map(|(p, l)| (p, l)).unzip();
        quote!(::mpapi_runtime::sandbox::KeyForm { fields: &[#(#paths),*], labels: &[#(#labels),*], when: #when })
    });
    let op = match s.op {
        Op::Write => quote!(Write),
        Op::Update => quote!(Update),
        Op::Read => quote!(Read),
        Op::List => quote!(List),
    };
    let checks = s.checks.iter().map(|c| match c {
        CheckIr::Unique(code) => quote!(::mpapi_runtime::sandbox::StoreCheck::Unique { code: #code }),
        CheckIr::Exists(code) => quote!(::mpapi_runtime::sandbox::StoreCheck::Exists { code: #code }),
        CheckIr::Known(code) => quote!(::mpapi_runtime::sandbox::StoreCheck::Known { code: #code }),
        CheckIr::Matches(f, code) => quote!(::mpapi_runtime::sandbox::StoreCheck::Matches { field: #f, code: #code }),
        CheckIr::Later(f, than, code) => quote!(::mpapi_runtime::sandbox::StoreCheck::Later { field: #f, than: #than, code: #code }),
        CheckIr::MaxWrites(max, code) => quote!(::mpapi_runtime::sandbox::StoreCheck::MaxWrites { max: #max, code: #code }),
        CheckIr::NotIn(f, v, code) => quote!(::mpapi_runtime::sandbox::StoreCheck::NotIn { field: #f, values: &[#(#v),*], code: #code }),
        CheckIr::MaxRewrites(max, done, changed, code) => {
            let done = match done {
                Some((f, v)) => quote!(::std::option::Option::Some((#f, &[#(#v),*]))),
                None => quote!(::std::option::Option::None),
            };
            quote!(::mpapi_runtime::sandbox::StoreCheck::MaxRewrites { max: #max, done: #done, changed: &[#(#changed),*], code: #code })
        }
    });
    let set = s.set.iter().map(|(p, v)| quote!((#p, #v)));
    let append = match &s.append {
        Some((list, item)) => {
            let item = members_tokens(item);
            quote!(::std::option::Option::Some(::mpapi_runtime::sandbox::Append { list: #list, item: #item }))
        }
        None => quote!(::std::option::Option::None),
    };
    let answer = members_tokens(&s.answer);
    let answer_each = match &s.answer_each {
        Some((at, each, as_text, item)) => {
            let item = members_tokens(item);
            quote!(::std::option::Option::Some(::mpapi_runtime::sandbox::AnswerEach { at: #at, each: #each, item: #item, as_text: #as_text }))
        }
        None => quote!(::std::option::Option::None),
    };
    let page_size = match &s.page_size {
        Some((f, n)) => quote!(::std::option::Option::Some((#f, #n))),
        None => quote!(::std::option::Option::None),
    };
    let bad_cursor = match s.bad_cursor {
        Some(c) => quote!(::std::option::Option::Some(#c)),
        None => quote!(::std::option::Option::None),
    };
    let filter = s.filter.iter().map(|(r, q)| quote!((#r, #q)));
    let set_request = s.set_request.iter().map(|(r, q)| quote!((#r, #q)));
    let option = |p: &Option<String>| match p {
        Some(p) => quote!(::std::option::Option::Some(#p)),
        None => quote!(::std::option::Option::None),
    };
    let filter_range = s.filter_range.iter().map(|(at, from, to)| {
        let (from, to) = (option(from), option(to));
        quote!(::mpapi_runtime::sandbox::RangeFilter { at: #at, from: #from, to: #to })
    });
    let seed = match &s.seed {
        Some(seed) => {
            let list = &seed.list;
            let members = seed.members.iter().map(|(name, at, integer, optional)| {
                let kind = if *integer { quote!(Integer) } else { quote!(Text) };
                quote!(::mpapi_runtime::sandbox::SeedMember { name: #name, at: #at, kind: ::mpapi_runtime::sandbox::SeedKind::#kind, optional: #optional })
            });
            let set = seed.set.iter().map(|(p, v)| quote!((#p, #v)));
            quote!(::std::option::Option::Some(::mpapi_runtime::sandbox::SeedSpec { list: #list, members: &[#(#members),*], set: &[#(#set),*] }))
        }
        None => quote!(::std::option::Option::None),
    };
    let doc = super::emit::doc_text(&format!(
        "What the sandbox does with a call of `{id}` (the spec's `sandbox:` block): store `{store}`."
    ));
    quote! {
        #doc
        pub static #name: ::mpapi_runtime::sandbox::SandboxSpec = ::mpapi_runtime::sandbox::SandboxSpec {
            store: #store,
            key: &[#(#key),*],
            op: ::mpapi_runtime::sandbox::StoreOp::#op,
            checks: &[#(#checks),*],
            set: &[#(#set),*],
            set_request: &[#(#set_request),*],
            append: #append,
            answer: #answer,
            answer_each: #answer_each,
            page_size: #page_size,
            bad_cursor: #bad_cursor,
            filter: &[#(#filter),*],
            filter_range: &[#(#filter_range),*],
            seed: #seed,
        };
    }
}
