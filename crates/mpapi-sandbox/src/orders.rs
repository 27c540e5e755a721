//! Server-side state: each endpoint's `sandbox:` block from its spec
//! ([`SandboxSpec`], carried by its `EndpointInfo`),
//! interpreted here. Nothing in this module names an endpoint: a new behaviour is written
//! in the spec (see `spec/README.md`, "Sandbox behaviour").
//!
//! Records live in named stores, per app (the app the access token belongs to). A record
//! is the last accepted request body that carried its key (laid over its seed entry, for
//! a seeded record), plus what `set` and `append` added, with its write count. A key is
//! the bare value when the spec gives one key form of one field, else `name=value&…` with
//! each field's last wire name (e.g. `mchid=m1&out_trade_no=o1`), so that endpoints
//! reading another's store name the same record from their own request fields. A seeded
//! record has every key its entry gives (see [`crate::seed`]): a payment seeded with a
//! transaction id and a merchant number is one record under both.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, PoisonError};

use mpapi_runtime::sandbox::{
    AnswerMember, AnswerSource, KeyForm, SandboxSpec, StoreCheck, StoreOp,
};
use mpapi_runtime::{EndpointInfo, PaginationInfo};
use serde_json::{Map, Value};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::seed::Seed;
use crate::tokens::AppId;

/// Why a request was refused by its endpoint's behaviour.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StateRejection {
    /// The platform code to answer with.
    pub code: i64,
    /// What went wrong, naming the key.
    pub message: String,
}

#[derive(Clone, Debug)]
struct Record {
    store: &'static str,
    app: AppId,
    body: Value,
    /// The seed entry the record started from, under every write.
    seed: Option<Value>,
    writes: u32,
    /// Accepted writes that were rewrites (see [`StoreCheck::MaxRewrites`]).
    rewrites: u32,
    /// When the record was created (orders lists).
    seq: u64,
}

/// A record every app of a store starts with, and its keys.
#[derive(Clone, Debug)]
struct SeedRecord {
    store: &'static str,
    body: Value,
    keys: Vec<String>,
}

#[derive(Debug, Default)]
struct State {
    records: Vec<Record>,
    /// Record index by store, app and key (a seeded record has several keys).
    index: HashMap<(&'static str, AppId, String), usize>,
    seq: u64,
    /// The stores whose seed records an app has received.
    seeded: HashSet<(&'static str, AppId)>,
}

impl State {
    fn find(&self, store: &'static str, app: &AppId, key: &str) -> Option<usize> {
        self.index
            .get(&(store, app.clone(), key.to_owned()))
            .copied()
    }
}

/// Every store of every endpoint with a `sandbox:` block, with the seed records they start
/// with.
#[derive(Debug, Default)]
pub(crate) struct OrderStore {
    state: Mutex<State>,
    seeds: Vec<SeedRecord>,
    /// The stores that had a list in the seed (their `known` checks apply).
    seeded_stores: HashSet<&'static str>,
}

/// The values at `path` (`a.b`, `a[].b`) of `value`.
fn values_at<'v>(value: &'v Value, path: &str) -> Vec<&'v Value> {
    let mut current = vec![value];
    for step in path.split('.') {
        let (name, each) = match step.strip_suffix("[]") {
            Some(n) => (n, true),
            None => (step, false),
        };
        let mut next = Vec::new();
        for v in current {
            match v.get(name) {
                Some(Value::Array(items)) if each => next.extend(items.iter()),
                Some(found) if !each && !found.is_null() => next.push(found),
                _ => {}
            }
        }
        current = next;
    }
    current
}

fn value_at<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    values_at(value, path).into_iter().next()
}

/// Sets `path` (`a.b`) of `target` to `v`, creating objects on the way.
fn set_at(target: &mut Value, path: &str, v: Value) {
    let mut current = target;
    let mut steps = path.split('.').peekable();
    while let Some(step) = steps.next() {
        if !current.is_object() {
            *current = Value::Object(Map::new());
        }
        let Value::Object(map) = current else { return };
        if steps.peek().is_none() {
            map.insert(step.to_owned(), v);
            return;
        }
        current = map.entry(step.to_owned()).or_insert(Value::Null);
    }
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The keys of one form that `value` gives (none when a field is missing).
fn form_keys(spec: &SandboxSpec, form: &KeyForm, value: &Value) -> Vec<String> {
    let bare = spec.key.len() == 1 && spec.key.first().is_some_and(|f| f.fields.len() == 1);
    let label = |i: usize| form.labels.get(i).copied().unwrap_or_default();
    if let [single] = form.fields
        && single.contains("[]")
    {
        return values_at(value, single)
            .into_iter()
            .map(|v| {
                if bare {
                    text(v)
                } else {
                    format!("{}={}", label(0), text(v))
                }
            })
            .collect();
    }
    let parts: Option<Vec<String>> = form
        .fields
        .iter()
        .enumerate()
        .map(|(i, f)| value_at(value, f).map(|v| (i, text(v))))
        .map(|p| p.map(|(i, t)| if bare { t } else { format!("{}={t}", label(i)) }))
        .collect();
    parts.map(|p| vec![p.join("&")]).unwrap_or_default()
}

/// The keys a request carries: from the first key form that applies.
fn keys(spec: &SandboxSpec, request: &Value) -> Vec<String> {
    for form in spec.key {
        if let Some((field, allowed)) = form.when {
            let holds =
                value_at(request, field).is_some_and(|v| allowed.contains(&text(v).as_str()));
            if !holds {
                continue;
            }
        }
        let found = form_keys(spec, form, request);
        if !found.is_empty() {
            return found;
        }
    }
    Vec::new()
}

/// Every key of a seeded record: each form whose fields it has, conditions aside.
fn record_keys(spec: &SandboxSpec, body: &Value) -> Vec<String> {
    let mut all: Vec<String> = Vec::new();
    for form in spec.key {
        for k in form_keys(spec, form, body) {
            if !all.contains(&k) {
                all.push(k);
            }
        }
    }
    all
}

/// `over` laid on `under`: objects merge member by member, anything else in `over` wins.
fn merged(under: &Value, over: &Value) -> Value {
    match (under, over) {
        (Value::Object(u), Value::Object(o)) => {
            let mut out = u.clone();
            for (k, v) in o {
                let m = match u.get(k) {
                    Some(below) => merged(below, v),
                    None => v.clone(),
                };
                out.insert(k.clone(), m);
            }
            Value::Object(out)
        }
        (_, over) => over.clone(),
    }
}

/// A date-time: RFC 3339 text, or a Unix timestamp in seconds.
fn date_time(v: Option<&Value>) -> Option<OffsetDateTime> {
    match v? {
        Value::String(s) => OffsetDateTime::parse(s, &Rfc3339).ok(),
        Value::Number(n) => OffsetDateTime::from_unix_timestamp(n.as_i64()?).ok(),
        _ => None,
    }
}

/// Whether `v` is one of the JSON values written as `texts` (the spec's values of a
/// state, e.g. `["3", "4"]` or `["true"]`).
fn one_of(v: &Value, texts: &[&str]) -> bool {
    texts
        .iter()
        .any(|t| serde_json::from_str::<Value>(t).ok().as_ref() == Some(v))
}

/// Whether a write of `request` to `record` is a rewrite for a
/// [`StoreCheck::MaxRewrites`] with these `done` and `changed`: the record is complete,
/// or the request changes one of the `changed` values.
fn is_rewrite(
    record: &Record,
    request: &Value,
    done: Option<(&str, &[&str])>,
    changed: &[&str],
) -> bool {
    let complete = done.is_some_and(|(field, values)| {
        value_at(&record.body, field).is_some_and(|v| one_of(v, values))
    });
    complete
        || changed.iter().any(|path| {
            match (value_at(&record.body, path), value_at(request, path)) {
                (Some(old), Some(new)) => text(old) != text(new),
                _ => false,
            }
        })
}

/// Whether a write of `request` to `record` counts against a `max_rewrites` of `checks`.
fn counts_as_rewrite(checks: &[StoreCheck], record: &Record, request: &Value) -> bool {
    checks.iter().any(|c| match *c {
        StoreCheck::MaxRewrites { done, changed, .. } => is_rewrite(record, request, done, changed),
        _ => false,
    })
}

fn check(
    c: &StoreCheck,
    key: &str,
    record: Option<&Record>,
    request: &Value,
    seeded: bool,
) -> Result<(), StateRejection> {
    let reject = |code: i64, message: String| Err(StateRejection { code, message });
    match *c {
        StoreCheck::Unique { code } if record.is_some() => {
            reject(code, format!("order {key} already exists"))
        }
        StoreCheck::Exists { code } if record.is_none() => {
            reject(code, format!("order {key} does not exist"))
        }
        StoreCheck::Known { code } if seeded && record.is_none() => reject(
            code,
            format!("order {key} is not one of the sandbox's seeded records"),
        ),
        StoreCheck::Matches { field, code } => {
            let stored = record.and_then(|r| value_at(&r.body, field));
            match (stored, value_at(request, field)) {
                (Some(old), Some(new)) if text(old) != text(new) => reject(
                    code,
                    format!("order {key} belongs to another {field} than the request's"),
                ),
                _ => Ok(()),
            }
        }
        StoreCheck::Later { field, than, code } => {
            let Some(new) = date_time(value_at(request, field)) else {
                return reject(
                    code,
                    format!("{field} is missing or not a date-time (RFC 3339 or a Unix timestamp)"),
                );
            };
            let old = record.and_then(|r| date_time(value_at(&r.body, than)));
            if old.is_some_and(|old| new <= old) {
                let what = if field == than {
                    format!("the previous upload of order {key}")
                } else {
                    format!("the {than} of order {key}")
                };
                return reject(code, format!("{field} must be later than {what}"));
            }
            Ok(())
        }
        StoreCheck::MaxWrites { max, code } if record.is_some_and(|r| r.writes >= max) => reject(
            code,
            format!("order {key} has had its {max} accepted uploads; no more are allowed"),
        ),
        StoreCheck::MaxRewrites {
            max,
            done,
            changed,
            code,
        } if record.is_some_and(|r| r.rewrites >= max && is_rewrite(r, request, done, changed)) => {
            let mut what = Vec::new();
            if let Some((field, _)) = done {
                what.push(format!("a write once its {field} says it is complete"));
            }
            if !changed.is_empty() {
                what.push(format!("a write that changes {}", changed.join(" or ")));
            }
            reject(
                code,
                format!(
                    "order {key} has used its {max} rewrite(s) ({}); no more are allowed",
                    what.join(", or ")
                ),
            )
        }
        StoreCheck::NotIn {
            field,
            values,
            code,
        } => {
            let stored = record.and_then(|r| value_at(&r.body, field));
            match stored {
                Some(v) if one_of(v, values) => reject(
                    code,
                    format!("order {key} is in state {field} = {v}, which refuses this call"),
                ),
                _ => Ok(()),
            }
        }
        _ => Ok(()),
    }
}

/// The value of an answer (or appended) member.
fn source(from: AnswerSource, record: Option<&Record>, request: &Value) -> Option<Value> {
    match from {
        AnswerSource::Record(p) => record.and_then(|r| value_at(&r.body, p)).cloned(),
        AnswerSource::Request(p) => value_at(request, p).cloned(),
        AnswerSource::Count(p) => Some(Value::from(
            record
                .and_then(|r| value_at(&r.body, p))
                .and_then(Value::as_array)
                .map_or(0, Vec::len),
        )),
        AnswerSource::Value(t) => serde_json::from_str(t).ok(),
        AnswerSource::Writes => record.map(|r| Value::from(r.writes)),
    }
}

/// Removes `path` (`a.b`) of `target`, if present.
fn remove_at(target: &mut Value, path: &str) {
    let (parent, last) = match path.rsplit_once('.') {
        Some((parent, last)) => (Some(parent), last),
        None => (None, path),
    };
    let mut current = target;
    for step in parent.into_iter().flat_map(|p| p.split('.')) {
        match current.get_mut(step) {
            Some(next) => current = next,
            None => return,
        }
    }
    if let Value::Object(map) = current {
        map.remove(last);
    }
}

/// Fills the answer members. A member read from a record that lacks it is removed, so
/// that the example answer the sandbox starts from shows nothing the record does not hold.
fn fill(members: &[AnswerMember], record: Option<&Record>, request: &Value, out: &mut Value) {
    for m in members {
        match (source(m.from, record, request), m.from, record) {
            (Some(v), ..) => set_at(out, m.at, v),
            (None, AnswerSource::Record(_), Some(_)) => remove_at(out, m.at),
            (None, ..) => {}
        }
    }
}

impl OrderStore {
    /// The stores of `endpoints`, starting with the records of `seed` (already checked
    /// against their declarations).
    pub(crate) fn new(endpoints: &[&'static EndpointInfo], seed: &Seed) -> Self {
        let mut store = OrderStore::default();
        for spec in endpoints.iter().filter_map(|e| e.sandbox) {
            let Some(decl) = &spec.seed else { continue };
            let Some(entries) = seed.list(decl.list) else {
                continue;
            };
            store.seeded_stores.insert(spec.store);
            for entry in entries {
                let mut body = Value::Object(Map::new());
                for (path, value) in decl.set {
                    if let Ok(v) = serde_json::from_str(value) {
                        set_at(&mut body, path, v);
                    }
                }
                for m in decl.members {
                    if let Some(v) = entry.get(m.name) {
                        set_at(&mut body, m.at, v.clone());
                    }
                }
                let keys = record_keys(spec, &body);
                store.seeds.push(SeedRecord {
                    store: spec.store,
                    body,
                    keys,
                });
            }
        }
        store
    }

    /// Gives `app` the seed records of `store`, the first time it uses the store.
    fn seed_app(&self, state: &mut State, store: &'static str, app: &AppId) {
        if !self.seeded_stores.contains(store) || !state.seeded.insert((store, app.clone())) {
            return;
        }
        for s in self.seeds.iter().filter(|s| s.store == store) {
            state.seq += 1;
            let at = state.records.len();
            state.records.push(Record {
                store,
                app: app.clone(),
                body: s.body.clone(),
                seed: Some(s.body.clone()),
                writes: 0,
                rewrites: 0,
                seq: state.seq,
            });
            for k in &s.keys {
                state
                    .index
                    .entry((store, app.clone(), k.clone()))
                    .or_insert(at);
            }
        }
    }

    /// Applies the endpoint's behaviour to an already validated request of `app` (the
    /// body, with the URL's parameters for an endpoint without one): refuses it, or
    /// changes the store and fills `answer`.
    pub(crate) fn apply(
        &self,
        endpoint: &EndpointInfo,
        app: &AppId,
        request: &Value,
        answer: &mut Value,
    ) -> Result<(), StateRejection> {
        let Some(spec) = endpoint.sandbox else {
            return Ok(());
        };
        let mut guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let state = &mut *guard;
        self.seed_app(state, spec.store, app);
        if spec.op == StoreOp::List {
            return list(spec, endpoint.pagination, state, app, request, answer);
        }
        let seeded = self.seeded_stores.contains(spec.store);
        let keys = keys(spec, request);
        let exists_code = spec.checks.iter().find_map(|c| match *c {
            StoreCheck::Exists { code } => Some(code),
            StoreCheck::Known { code } if seeded => Some(code),
            _ => None,
        });
        if let (true, Some(code)) = (keys.is_empty(), exists_code) {
            return Err(StateRejection {
                code,
                message: "the request names no order".to_owned(),
            });
        }
        // Check every key before changing any, so a refused request changes nothing.
        for key in &keys {
            let record = state
                .find(spec.store, app, key)
                .and_then(|i| state.records.get(i));
            for c in spec.checks {
                check(c, key, record, request, seeded)?;
            }
        }
        for key in &keys {
            let at = match spec.op {
                StoreOp::Write => {
                    let at = match state.find(spec.store, app, key) {
                        Some(at) => at,
                        None => {
                            state.seq += 1;
                            state.records.push(Record {
                                store: spec.store,
                                app: app.clone(),
                                body: Value::Null,
                                seed: None,
                                writes: 0,
                                rewrites: 0,
                                seq: state.seq,
                            });
                            let at = state.records.len() - 1;
                            state
                                .index
                                .insert((spec.store, app.clone(), key.clone()), at);
                            at
                        }
                    };
                    let entry = &mut state.records[at];
                    if counts_as_rewrite(spec.checks, entry, request) {
                        entry.rewrites += 1;
                    }
                    let previous = std::mem::take(&mut entry.body);
                    entry.body = match &entry.seed {
                        Some(seed) => merged(seed, request),
                        None => request.clone(),
                    };
                    entry.writes += 1;
                    if let Some(a) = spec.append
                        && let Some(list) = value_at(&previous, a.list)
                    {
                        set_at(&mut entry.body, a.list, list.clone());
                    }
                    Some(at)
                }
                StoreOp::Update => state.find(spec.store, app, key),
                StoreOp::Read | StoreOp::List => None,
            };
            if let Some(record) = at.and_then(|at| state.records.get_mut(at)) {
                for (path, value) in spec.set {
                    if let Ok(v) = serde_json::from_str(value) {
                        set_at(&mut record.body, path, v);
                    }
                }
                for (path, from) in spec.set_request {
                    if let Some(v) = value_at(request, from) {
                        set_at(&mut record.body, path, v.clone());
                    }
                }
                if let Some(a) = spec.append {
                    let mut item = Value::Object(Map::new());
                    fill(a.item, None, request, &mut item);
                    let mut list = value_at(&record.body, a.list)
                        .and_then(Value::as_array)
                        .cloned()
                        .unwrap_or_default();
                    list.push(item);
                    set_at(&mut record.body, a.list, Value::Array(list));
                }
            }
        }
        let record = keys
            .first()
            .and_then(|k| state.find(spec.store, app, k))
            .and_then(|i| state.records.get(i));
        fill(spec.answer, record, request, answer);
        if let Some(each) = spec.answer_each {
            let items: Vec<Value> = values_at(request, each.each)
                .into_iter()
                .map(|element| {
                    let mut item = Value::Object(Map::new());
                    for m in each.item {
                        let v = match m.from {
                            AnswerSource::Record(p) => value_at(element, p).cloned(),
                            other => source(other, None, request),
                        };
                        let v = match (each.as_text, v) {
                            (true, Some(Value::String(s))) => Value::String(s),
                            (true, Some(other)) => Value::String(other.to_string()),
                            (true, None) => Value::String(String::new()),
                            (false, v) => v.unwrap_or(Value::Null),
                        };
                        set_at(&mut item, m.at, v);
                    }
                    item
                })
                .collect();
            set_at(answer, each.at, Value::Array(items));
        }
        Ok(())
    }

    /// The record `key` of `app` in `store`.
    pub(crate) fn get(&self, store: &str, app: &AppId, key: &str) -> Option<Value> {
        let guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let (_, &at) = guard
            .index
            .iter()
            .find(|((s, a, k), _)| *s == store && a == app && k == key)?;
        guard.records.get(at).map(|r| r.body.clone())
    }

    /// How many records `store` holds, all apps together (seeded records included, once
    /// an app has used the store).
    pub(crate) fn count(&self, store: &str) -> usize {
        let guard = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        guard.records.iter().filter(|r| r.store == store).count()
    }
}

/// One page of the app's records of the store that pass the request's filters, oldest
/// first; the cursor is the position of the page's first record, as a string. A cursor
/// that is not one the sandbox could have handed out is refused with `bad_cursor` (else
/// read as the start).
fn list(
    spec: &SandboxSpec,
    paging: Option<PaginationInfo>,
    state: &State,
    app: &AppId,
    request: &Value,
    answer: &mut Value,
) -> Result<(), StateRejection> {
    let Some(paging) = paging else { return Ok(()) };
    let bound = |p: Option<&str>| p.and_then(|p| value_at(request, p)).and_then(Value::as_f64);
    let ranges: Vec<(&str, Option<f64>, Option<f64>)> = spec
        .filter_range
        .iter()
        .map(|r| (r.at, bound(r.from), bound(r.to)))
        .filter(|(_, from, to)| from.is_some() || to.is_some())
        .collect();
    let passes = |r: &Record| {
        spec.filter.iter().all(|(record_path, request_path)| {
            match value_at(request, request_path) {
                None => true,
                Some(want) => value_at(&r.body, record_path).is_some_and(|v| text(v) == text(want)),
            }
        }) && ranges.iter().all(|&(at, from, to)| {
            value_at(&r.body, at)
                .and_then(Value::as_f64)
                .is_some_and(|v| from.is_none_or(|f| v >= f) && to.is_none_or(|t| v <= t))
        })
    };
    let mut mine: Vec<&Record> = state
        .records
        .iter()
        .filter(|r| r.store == spec.store && r.app == *app && passes(r))
        .collect();
    mine.sort_by_key(|r| r.seq);
    let start = match value_at(request, paging.cursor).map(text) {
        None => 0,
        Some(t) => match (t.parse::<usize>(), spec.bad_cursor) {
            (Ok(n), _) if n <= mine.len() => n,
            (_, Some(code)) => {
                return Err(StateRejection {
                    code,
                    message: format!(
                        "{} `{t}` is not a cursor this list handed out",
                        paging.cursor
                    ),
                });
            }
            (Ok(n), None) => n,
            (Err(_), None) => 0,
        },
    };
    let size = spec.page_size.map_or(100, |(field, default)| {
        value_at(request, field)
            .map(text)
            .and_then(|t| t.parse::<usize>().ok())
            .filter(|n| *n > 0)
            .unwrap_or(default as usize)
    });
    let end = start.saturating_add(size).min(mine.len());
    let items: Vec<Value> = mine
        .get(start.min(end)..end)
        .unwrap_or_default()
        .iter()
        .map(|r| {
            let mut item = Value::Object(Map::new());
            fill(spec.answer, Some(r), request, &mut item);
            item
        })
        .collect();
    let has_more = end < mine.len();
    set_at(answer, paging.items, Value::Array(items));
    set_at(answer, paging.has_more, Value::Bool(has_more));
    set_at(answer, paging.next_cursor, Value::String(end.to_string()));
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::tokens::Platform;
    use mpapi_runtime::sandbox::Append;
    use serde_json::json;

    fn app() -> AppId {
        AppId {
            platform: Platform::WeChat,
            id: "wx1".to_owned(),
        }
    }

    const BARE: SandboxSpec = SandboxSpec {
        store: "s",
        key: &[KeyForm {
            fields: &["id"],
            labels: &["id"],
            when: None,
        }],
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
        seed: None,
    };

    #[test]
    fn keys_follow_the_first_form_that_applies() {
        let forms = SandboxSpec {
            key: &[
                KeyForm {
                    fields: &["k.m", "k.o"],
                    labels: &["m", "o"],
                    when: Some(("k.t", &["MERCHANT", "1"])),
                },
                KeyForm {
                    fields: &["k.tx"],
                    labels: &["tx"],
                    when: None,
                },
            ],
            ..BARE
        };
        let both = json!({"k": {"t": 1, "m": "m1", "o": "o1", "tx": "t1"}});
        assert_eq!(keys(&forms, &both), ["m=m1&o=o1"]);
        let by_name = json!({"k": {"t": "MERCHANT", "m": "m1", "o": "o1"}});
        assert_eq!(keys(&forms, &by_name), ["m=m1&o=o1"]);
        let other = json!({"k": {"t": 2, "m": "m1", "o": "o1", "tx": "t1"}});
        assert_eq!(keys(&forms, &other), ["tx=t1"]);
        assert!(keys(&forms, &json!({"k": {"t": 2}})).is_empty());
        // One form of one field: the bare value, numbers as their digits.
        assert_eq!(keys(&BARE, &json!({"id": 7})), ["7"]);
        let list = SandboxSpec {
            key: &[KeyForm {
                fields: &["Data[].R"],
                labels: &["R"],
                when: None,
            }],
            ..BARE
        };
        assert_eq!(
            keys(&list, &json!({"Data": [{"R": "a"}, {"R": "b"}]})),
            ["a", "b"]
        );
    }

    pub(crate) fn endpoint(spec: &'static SandboxSpec) -> EndpointInfo {
        EndpointInfo {
            id: "p.g.e",
            interface: "e",
            title: "e",
            method: "POST",
            base_url: "http://127.0.0.1",
            path: "/e",
            fixed_query: &[],
            token_param: "access_token",
            envelope: mpapi_runtime::Envelope::Errcode,
            request_body: true,
            idempotent: false,
            validate_request: |_| Ok(()),
            validate_request_json: |_, _| Ok(()),
            validate_query: mpapi_runtime::no_query_parameters,
            error_codes: &[],
            platform_error_codes: &[],
            examples: &[],
            pagination: None,
            sandbox: Some(spec),
        }
    }

    static SHIP: SandboxSpec = SandboxSpec {
        checks: &[
            StoreCheck::NotIn {
                field: "state",
                values: &["3"],
                code: 2,
            },
            StoreCheck::MaxWrites { max: 2, code: 3 },
            StoreCheck::Later {
                field: "at",
                than: "at",
                code: 4,
            },
        ],
        set: &[("state", "1")],
        set_request: &[],
        answer: &[AnswerMember {
            at: "writes",
            from: AnswerSource::Writes,
        }],
        ..BARE
    };

    static CLOSE: SandboxSpec = SandboxSpec {
        op: StoreOp::Update,
        checks: &[StoreCheck::Exists { code: 5 }],
        set: &[("state", "3")],
        set_request: &[],
        append: Some(Append {
            list: "log",
            item: &[AnswerMember {
                at: "why",
                from: AnswerSource::Request("why"),
            }],
        }),
        ..BARE
    };

    static READ: SandboxSpec = SandboxSpec {
        op: StoreOp::Read,
        checks: &[StoreCheck::Exists { code: 5 }],
        answer: &[
            AnswerMember {
                at: "order.state",
                from: AnswerSource::Record("state"),
            },
            AnswerMember {
                at: "order.log_count",
                from: AnswerSource::Count("log"),
            },
        ],
        ..BARE
    };

    #[test]
    fn checks_state_and_answers_work_together() {
        let store = OrderStore::default();
        let (ship, close, read) = (endpoint(&SHIP), endpoint(&CLOSE), endpoint(&READ));
        let code = |r: Result<(), StateRejection>| r.err().map(|e| e.code);
        let body = |at: &str| json!({"id": "o1", "at": at, "why": "done"});
        let mut answer = json!({});
        assert_eq!(
            code(store.apply(&read, &app(), &body(""), &mut answer)),
            Some(5)
        );
        assert_eq!(
            code(store.apply(&ship, &app(), &body("2024-01-01T00:00:00Z"), &mut answer)),
            None
        );
        assert_eq!(answer["writes"], json!(1));
        // Not later than the stored upload.
        assert_eq!(
            code(store.apply(&ship, &app(), &body("2024-01-01T00:00:00Z"), &mut answer)),
            Some(4)
        );
        assert_eq!(
            code(store.apply(&ship, &app(), &body("2024-01-02T00:00:00Z"), &mut answer)),
            None
        );
        assert_eq!(answer["writes"], json!(2));
        // The bound on writes per key.
        assert_eq!(
            code(store.apply(&ship, &app(), &body("2024-01-03T00:00:00Z"), &mut answer)),
            Some(3)
        );
        // Another endpoint changes the state, which then refuses writes.
        assert_eq!(
            code(store.apply(&close, &app(), &body(""), &mut json!({}))),
            None
        );
        assert_eq!(
            code(store.apply(&ship, &app(), &body("2024-01-04T00:00:00Z"), &mut answer)),
            Some(2)
        );
        let mut read_answer = json!({"errcode": 0});
        assert_eq!(
            code(store.apply(&read, &app(), &body(""), &mut read_answer)),
            None
        );
        assert_eq!(
            read_answer,
            json!({"errcode": 0, "order": {"state": 3, "log_count": 1}})
        );
        // Stores are per app.
        let other = AppId {
            platform: Platform::WeChat,
            id: "wx2".to_owned(),
        };
        assert_eq!(
            code(store.apply(&read, &other, &body(""), &mut json!({}))),
            Some(5)
        );
        assert_eq!(store.count("s"), 1);
    }

    #[test]
    fn endpoints_without_a_block_keep_nothing() {
        let store = OrderStore::default();
        let mut plain = endpoint(&BARE);
        plain.sandbox = None;
        assert!(
            store
                .apply(&plain, &app(), &json!({"id": 1}), &mut json!({}))
                .is_ok()
        );
        assert_eq!(store.count("s"), 0);
    }
}
