//! Differential test of the exported JSON Schemas against the generated validators.
//!
//! For every endpoint of every platform crate (and every construct of the per-construct
//! fixtures), seeded and reproducible payloads are built from the endpoint's cleaned doc
//! examples, from two bodies synthesized from its schema (a minimal one and one with
//! every optional member) and from the bodies of its cases in `tests/cases/` (each judged
//! as it is first), then mutated: members dropped or added (known names, so
//! `when:` conditions flip; known names misspelt; names the type does not declare),
//! array elements duplicated or removed, strings set to each length limit ±1 counted in
//! characters and in bytes with ASCII, CJK and emoji, values retyped, enum values pushed
//! out of range or sent in another wire form than the declared one, numbers set to each
//! bound ±1, and date-times and URLs replaced with near misses. The validators run in
//! their default strict mode, which is what the request schemas describe.
//!
//! Each payload goes through the endpoint's generated validator (`validate_request`, as
//! `mpapi validate` does) and through the `jsonschema` crate (formats asserted) on the
//! exported request schema. They are compared on the subset both express:
//!
//! - a payload the validator accepts must be accepted by the schema (the schema is never
//!   stricter than the validator);
//! - a payload with a violation of a kind the schema expresses (every kind not listed as a
//!   `kind` under some `x-mpapi-rules` of that schema; where a `custom` rule is listed, only
//!   `type`, `required` and `enum`, since a hand-written check may report under any kind)
//!   must be refused by the schema;
//! - a payload whose only violations are of kinds listed under `x-mpapi-rules` is not
//!   compared (the schema may or may not catch them through the sound bounds it has).
//!
//! A disagreement fails the test and prints the payload shrunk to the smallest one that
//! still shows it, the schema paths of the schema's errors and our violations.
//! The number of payloads per endpoint is 1,000, or `MPAPI_DIFF_PAYLOADS`.

use crate::constructs_generated as constructs;

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../constructs_schema/mod.rs"]
mod constructs_schema;


use std::collections::BTreeSet;
use std::fmt::Write as _;

use mpapi_runtime::{EndpointInfo, Violations};
use serde_json::{Map, Number, Value, json};

/// A platform crate: its endpoints and its embedded request schemas.
struct Subject {
    endpoints: &'static [&'static EndpointInfo],
    request_schema: fn(&str) -> Option<&'static str>,
}

fn subjects() -> [Subject; 3] {
    [
        Subject {
            endpoints: mpapi_wechat::ENDPOINTS,
            request_schema: mpapi_wechat::schema::request_schema,
        },
        Subject {
            endpoints: mpapi_baidu::ENDPOINTS,
            request_schema: mpapi_baidu::schema::request_schema,
        },
        Subject {
            endpoints: constructs::ENDPOINTS,
            request_schema: constructs_schema::request_schema,
        },
    ]
}

fn payload_count() -> usize {
    std::env::var("MPAPI_DIFF_PAYLOADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000)
}

/// Per-endpoint tallies.
#[derive(Default)]
struct Tally {
    payloads: usize,
    both_valid: usize,
    both_invalid: usize,
    not_compared: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
enum Disagreement {
    /// The validator accepts, the schema refuses.
    SchemaStricter,
    /// The validator finds an expressible violation, the schema accepts.
    SchemaLaxer,
}

struct Judge<'a> {
    endpoint: &'a EndpointInfo,
    validator: jsonschema::Validator,
    /// Kinds listed under `x-mpapi-rules`: violations of these are not compared.
    unexpressed: BTreeSet<String>,
}

impl Judge<'_> {
    /// Whether a violation of kind `kind` is one the schema says. A hand-written `custom`
    /// check may report its findings under any kind (e.g. `items` for a length it checks
    /// only in some modes), so where the schema lists a `custom` rule only the kinds no
    /// such check plausibly reports (`type`, `required`, `enum`) are taken as expressed; a
    /// wrong guess shows up as a failure, never as a silent pass.
    fn expressed(&self, kind: &str) -> bool {
        if self.unexpressed.contains("custom") {
            matches!(kind, "type" | "required" | "enum")
        } else {
            !self.unexpressed.contains(kind)
        }
    }

    fn ours(&self, payload: &Value) -> Vec<mpapi_runtime::Violation> {
        match (self.endpoint.validate_request)(payload) {
            Ok(()) => Vec::new(),
            Err(v) => into_vec(v),
        }
    }

    /// `Some(true)` when both agree, `Some(false)`… never: disagreements are returned as
    /// errors; `None` when the payload is outside the compared subset.
    fn judge(&self, payload: &Value) -> Result<Option<bool>, Disagreement> {
        let ours = self.ours(payload);
        let schema_ok = self.validator.is_valid(payload);
        if ours.is_empty() {
            return if schema_ok {
                Ok(Some(true))
            } else {
                Err(Disagreement::SchemaStricter)
            };
        }
        let expressed = ours.iter().any(|v| self.expressed(v.rule.as_str()));
        if !expressed {
            return Ok(None);
        }
        if schema_ok {
            Err(Disagreement::SchemaLaxer)
        } else {
            Ok(Some(false))
        }
    }
}

fn into_vec(v: Violations) -> Vec<mpapi_runtime::Violation> {
    v.iter().cloned().collect()
}

#[test]
fn generated_validators_agree_with_jsonschema_on_the_exported_schemas() {
    let count = payload_count();
    let mut report = String::new();
    let mut failures = Vec::new();
    let mut starved = Vec::new();
    let mut endpoints = 0;
    for subject in subjects() {
        for endpoint in subject.endpoints {
            endpoints += 1;
            let text = (subject.request_schema)(endpoint.id)
                .unwrap_or_else(|| panic!("{} has no exported request schema", endpoint.id));
            let schema: Value = serde_json::from_str(text).expect("the schema is JSON");
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .unwrap_or_else(|e| panic!("{}: the schema does not compile: {e}", endpoint.id));
            let judge = Judge {
                endpoint,
                validator,
                unexpressed: unexpressed_kinds(&schema),
            };
            let generator = Generator::new(&schema, endpoint.id);
            let seeds = generator.seeds(endpoint);
            let mut tally = Tally::default();
            let mut seen_failure: BTreeSet<(Disagreement, String)> = BTreeSet::new();
            for i in 0..count {
                let payload = if i < seeds.len() {
                    seeds[i].clone()
                } else {
                    generator.mutate(&seeds[i % seeds.len()], i as u64)
                };
                tally.payloads += 1;
                match judge.judge(&payload) {
                    Ok(Some(true)) => tally.both_valid += 1,
                    Ok(Some(false)) => tally.both_invalid += 1,
                    Ok(None) => tally.not_compared += 1,
                    Err(kind) => {
                        let small = shrink(payload, &|p| judge.judge(p) == Err(kind));
                        let key = (kind, small.to_string());
                        if seen_failure.insert(key) && seen_failure.len() <= 3 {
                            failures.push(describe(&judge, kind, &small));
                        }
                    }
                }
            }
            let compared = tally.both_valid + tally.both_invalid;
            let _ = writeln!(
                report,
                "{:<62} payloads {:>6}  compared {:>6} (valid {:>5}, invalid {:>5})  not compared {:>5}  disagreements {}",
                endpoint.id,
                tally.payloads,
                compared,
                tally.both_valid,
                tally.both_invalid,
                tally.not_compared,
                seen_failure.len()
            );
            if compared == 0 || tally.both_valid == 0 || tally.both_invalid == 0 {
                starved.push(endpoint.id);
            }
        }
    }
    println!("{report}");
    assert!(endpoints > 0, "no endpoint found");
    assert!(
        failures.is_empty(),
        "{} disagreement(s) between the generated validators and jsonschema:\n\n{}\n\n{report}",
        failures.len(),
        failures.join("\n\n")
    );
    assert!(
        starved.is_empty(),
        "endpoints without both a valid and an invalid compared payload: {starved:?}\n{report}"
    );
}

/// Every `kind` listed under an `x-mpapi-rules` of the schema.
fn unexpressed_kinds(schema: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    walk(schema, &mut |v| {
        if let Some(Value::Array(rules)) = v.get("x-mpapi-rules") {
            for r in rules {
                if let Some(k) = r["kind"].as_str() {
                    out.insert(k.to_owned());
                }
            }
        }
    });
    out
}

fn walk(v: &Value, f: &mut impl FnMut(&Value)) {
    f(v);
    match v {
        Value::Object(m) => m.values().for_each(|x| walk(x, f)),
        Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

fn describe(judge: &Judge<'_>, kind: Disagreement, payload: &Value) -> String {
    let mut s = format!(
        "{}: {}\n  payload: {}\n",
        judge.endpoint.id,
        match kind {
            Disagreement::SchemaStricter => "the validator accepts, the schema refuses",
            Disagreement::SchemaLaxer =>
                "the validator reports an expressible violation, the schema accepts",
        },
        truncate(&payload.to_string(), 3000)
    );
    for e in judge.validator.iter_errors(payload).take(5) {
        let _ = writeln!(
            s,
            "  schema error at {} (schema path {}): {}",
            e.instance_path(),
            e.schema_path(),
            truncate(&e.to_string(), 300)
        );
    }
    for v in judge.ours(payload) {
        let _ = writeln!(
            s,
            "  our violation at `{}`: {} (code {:?}) {}{}",
            v.path,
            v.rule.as_str(),
            v.code,
            v.message,
            if !judge.expressed(v.rule.as_str()) {
                " [not expressed]"
            } else {
                ""
            }
        );
    }
    s
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(n).collect::<String>())
    }
}

/// The smallest payload reachable from `payload` by removing members and elements (and
/// replacing values with simpler ones) for which `bad` still holds.
fn shrink(mut payload: Value, bad: &dyn Fn(&Value) -> bool) -> Value {
    let mut budget = 2000;
    'outer: while budget > 0 {
        let paths = node_paths(&payload);
        for p in paths.iter().rev() {
            if p.is_empty() {
                continue;
            }
            let mut candidate = payload.clone();
            remove_at(&mut candidate, p);
            budget -= 1;
            if bad(&candidate) {
                payload = candidate;
                continue 'outer;
            }
            if budget == 0 {
                break 'outer;
            }
        }
        break;
    }
    payload
}

#[derive(Clone, Debug)]
enum Seg {
    Key(String),
    Index(usize),
}

fn node_paths(v: &Value) -> Vec<Vec<Seg>> {
    fn go(v: &Value, here: &mut Vec<Seg>, out: &mut Vec<Vec<Seg>>) {
        out.push(here.clone());
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    here.push(Seg::Key(k.clone()));
                    go(x, here, out);
                    here.pop();
                }
            }
            Value::Array(a) => {
                for (i, x) in a.iter().enumerate() {
                    here.push(Seg::Index(i));
                    go(x, here, out);
                    here.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    go(v, &mut Vec::new(), &mut out);
    out
}

fn at_mut<'v>(v: &'v mut Value, path: &[Seg]) -> Option<&'v mut Value> {
    let mut cur = v;
    for s in path {
        cur = match (s, cur) {
            (Seg::Key(k), Value::Object(m)) => m.get_mut(k)?,
            (Seg::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(cur)
}

fn remove_at(v: &mut Value, path: &[Seg]) {
    let Some((last, parent)) = path.split_last() else {
        return;
    };
    match (last, at_mut(v, parent)) {
        (Seg::Key(k), Some(Value::Object(m))) => {
            m.remove(k);
        }
        (Seg::Index(i), Some(Value::Array(a))) if *i < a.len() => {
            a.remove(*i);
        }
        _ => {}
    }
}

/// Builds seeds and mutations from what the schema says.
struct Generator<'s> {
    schema: &'s Value,
    seed: u64,
    /// String lengths worth testing (limits and their neighbours).
    lengths: Vec<usize>,
    /// Values worth trying anywhere: consts, enum values and their near misses, bounds ±1,
    /// date-times, URLs.
    values: Vec<Value>,
    /// Every property name the schema knows (wire names and aliases).
    names: Vec<String>,
    /// For each enum value in its declared wire form, the same variant in the forms the
    /// strict validators refuse: the code for a name, the name and a string of digits for
    /// a code (from `x-mpapi-variants`).
    other_forms: Vec<(Value, Vec<Value>)>,
}

/// Date-times and near misses, wrong separators between date and time included.
const DATE_TIMES: &[&str] = &[
    "2022-05-20 13:29:35Z",
    "2022-05-20_13:29:35+08:00",
    "2022-05-20T13:29:35.120+08:00",
    "2022-05-20T13:29:35Z",
    "2022-05-20T13:29:35",
    "2022-13-20T13:29:35Z",
    "2022-02-30T00:00:00Z",
    "2022-05-20T25:00:00Z",
    "2022-05-20T13:29:35.120+8:00",
    "2016-12-31T23:59:60Z",
    "2016-12-31T23:59:60+08:00",
    "2022-05-20T13:29:60Z",
    "2022-05-20t13:29:35z",
    "2022-05-20T13:29:35.1234567890123Z",
    "0000-01-01T00:00:00Z",
    "2022-05-20T13:29:35-00:00",
    "2022-05-20T13:29:35+24:00",
    "2022-05-20T13:29:35+23:59",
    "2024-02-29T00:00:00Z",
    "2023-02-29T00:00:00Z",
    "2022-05-20T13:29:35.Z",
];

const URLS: &[&str] = &[
    "https://example.com/a/b?c=1",
    "http://x",
    "https://",
    "ftp://example.com/",
    "https://exa mple.com/",
    "https://example.com/a[1]",
    "https://user@example.com:8080/p",
    "https://example.com:1/",
    "https://例子.测试/路径",
    "//example.com/",
];

impl<'s> Generator<'s> {
    fn new(schema: &'s Value, id: &str) -> Self {
        let mut lengths = BTreeSet::from([0usize, 1, 2]);
        let mut values = Vec::new();
        let mut names = BTreeSet::new();
        let mut other_forms = Vec::new();
        walk(schema, &mut |v| {
            let Value::Object(m) = v else { return };
            if let (Some(wire), Some(Value::Array(variants))) = (
                m.get("x-mpapi-wire").and_then(Value::as_str),
                m.get("x-mpapi-variants"),
            ) {
                for variant in variants {
                    let (name, code) = (&variant["name"], &variant["code"]);
                    if wire == "string" {
                        other_forms.push((name.clone(), vec![code.clone()]));
                    } else {
                        other_forms.push((
                            code.clone(),
                            vec![
                                name.clone(),
                                json!(code.to_string()),
                                json!(format!("+0{code}")),
                            ],
                        ));
                    }
                }
            }
            for key in [
                "minLength",
                "maxLength",
                "x-mpapi-min-bytes",
                "x-mpapi-max-bytes",
            ] {
                if let Some(n) = m.get(key).and_then(Value::as_u64) {
                    let n = n as usize;
                    lengths.extend([n.saturating_sub(1), n, n + 1]);
                }
            }
            for key in ["minimum", "maximum"] {
                if let Some(n) = m.get(key) {
                    values.extend(neighbours(n));
                }
            }
            if let Some(c) = m.get("const") {
                values.push(c.clone());
            }
            if let Some(Value::Array(list)) = m.get("enum") {
                for e in list {
                    values.push(e.clone());
                    values.extend(near_misses(e));
                }
            }
            if let Some(Value::Object(props)) = m.get("properties") {
                names.extend(props.keys().cloned());
            }
        });
        values.extend(DATE_TIMES.iter().map(|s| json!(s)));
        values.extend(URLS.iter().map(|s| json!(s)));
        values.extend([
            Value::Null,
            json!(true),
            json!(false),
            json!(0),
            json!(1),
            json!(-1),
            json!(1.5),
            json!("1"),
            json!("x"),
            json!(""),
            json!([]),
            json!({}),
            json!(i64::MAX),
            json!(u64::MAX),
            json!(i64::MIN),
        ]);
        // Lengths beyond a few thousand only repeat what the limits already show.
        let lengths = lengths.into_iter().filter(|n| *n <= 20_000).collect();
        Generator {
            schema,
            seed: fnv(id),
            lengths,
            values,
            names: names.into_iter().collect(),
            other_forms,
        }
    }

    fn resolve<'a>(&'a self, s: &'a Value) -> &'a Value {
        let mut s = s;
        for _ in 0..16 {
            match s.get("$ref").and_then(Value::as_str) {
                Some(r) => {
                    let key = r.trim_start_matches("#/$defs/");
                    s = &self.schema["$defs"][key];
                }
                None => break,
            }
        }
        s
    }

    /// The doc examples of the endpoint, a minimal and a full synthesized body, then the
    /// bodies of its negative and boundary cases (`tests/cases/`), so that every case is
    /// judged by the schema too.
    fn seeds(&self, endpoint: &EndpointInfo) -> Vec<Value> {
        let mut seeds: Vec<Value> = endpoint
            .examples
            .iter()
            .filter_map(|e| e.request)
            .filter_map(|t| serde_json::from_str(t).ok())
            .collect();
        seeds.push(self.synth(self.schema, false, 0));
        seeds.push(self.synth(self.schema, true, 0));
        seeds.extend(crate::cases::bodies(endpoint));
        seeds
    }

    /// A body for schema `s`: required members only, or every member (not aliases).
    fn synth(&self, s: &Value, full: bool, depth: usize) -> Value {
        let s = self.resolve(s);
        if depth > 12 {
            return Value::Null;
        }
        if let Some(c) = s.get("const") {
            return c.clone();
        }
        if let Some(Value::Array(list)) = s.get("enum") {
            return list.first().cloned().unwrap_or(Value::Null);
        }
        if let Some(Value::Array(any)) = s.get("anyOf")
            && s.get("type").is_none()
            && s.get("properties").is_none()
        {
            let branch = any
                .iter()
                .find(|b| b.get("type") != Some(&json!("null")))
                .unwrap_or(&Value::Null);
            return self.synth(branch, full, depth + 1);
        }
        let ty = match s.get("type") {
            Some(Value::String(t)) => t.as_str(),
            Some(Value::Array(list)) => list.first().and_then(Value::as_str).unwrap_or(""),
            _ => "",
        };
        match ty {
            "object" => {
                let mut out = Map::new();
                let required: BTreeSet<&str> = s["required"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter_map(Value::as_str)
                    .collect();
                // Members required under one of several names (wire name or alias).
                let mut either: BTreeSet<String> = BTreeSet::new();
                for part in s["allOf"].as_array().into_iter().flatten() {
                    let first = part["anyOf"][0]["required"][0]
                        .as_str()
                        .or_else(|| part["required"][0].as_str());
                    if part.get("if").is_none()
                        && part.get("not").is_none()
                        && let Some(n) = first
                    {
                        either.insert(n.to_owned());
                    }
                }
                if let Some(Value::Object(props)) = s.get("properties") {
                    for (name, p) in props {
                        let alias = p["description"]
                            .as_str()
                            .is_some_and(|d| d.starts_with("Accepted on input for"));
                        let wanted = required.contains(name.as_str())
                            || either.contains(name)
                            || (full && !alias);
                        if wanted {
                            out.insert(name.clone(), self.synth(p, full, depth + 1));
                        }
                    }
                }
                Value::Object(out)
            }
            "array" => {
                let min = s["minItems"].as_u64().unwrap_or(0) as usize;
                let n = if full { min.max(1) } else { min };
                Value::Array(
                    (0..n)
                        .map(|_| self.synth(&s["items"], full, depth + 1))
                        .collect(),
                )
            }
            "string" => {
                if s["format"] == "date-time" {
                    return json!(DATE_TIMES[0]);
                }
                if s.get("x-mpapi-format").is_some() {
                    return json!(URLS[0]);
                }
                if let Some(p) = s["pattern"].as_str() {
                    // Try a few strings against the pattern itself.
                    if let Ok(re) = regex::Regex::new(p) {
                        for c in ["1", "12", "123", "a", "abc", "A1", "1234567890"] {
                            if re.is_match(c) {
                                return json!(c);
                            }
                        }
                    }
                }
                let n = s["minLength"].as_u64().unwrap_or(1).max(1) as usize;
                json!("a".repeat(n))
            }
            "integer" | "number" => {
                let lo = s["minimum"].as_f64().unwrap_or(f64::MIN);
                let hi = s["maximum"].as_f64().unwrap_or(f64::MAX);
                if (lo..=hi).contains(&1.0) {
                    json!(1)
                } else {
                    s["minimum"].clone()
                }
            }
            "boolean" => json!(true),
            _ => json!("x"),
        }
    }

    /// Seed `seed` with one to three mutations, chosen by `n`.
    fn mutate(&self, seed: &Value, n: u64) -> Value {
        let mut rng = fastrand::Rng::with_seed(self.seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut v = seed.clone();
        for _ in 0..rng.usize(1..=3) {
            self.mutate_once(&mut v, &mut rng);
        }
        integral_floats_as_integers(&mut v);
        v
    }

    fn mutate_once(&self, v: &mut Value, rng: &mut fastrand::Rng) {
        let paths = node_paths(v);
        let pick = |rng: &mut fastrand::Rng, want: &dyn Fn(&Value) -> bool, v: &mut Value| {
            let fits: Vec<&Vec<Seg>> = paths
                .iter()
                .filter(|p| at_mut(v, p).is_some_and(|x| want(x)))
                .collect();
            if fits.is_empty() {
                None
            } else {
                Some(fits[rng.usize(..fits.len())].clone())
            }
        };
        match rng.u8(..12) {
            // Drop a member.
            0 => {
                if let Some(p) = pick(rng, &|x| x.as_object().is_some_and(|m| !m.is_empty()), v)
                    && let Some(Value::Object(m)) = at_mut(v, &p)
                {
                    let k = m.keys().nth(rng.usize(..m.len())).cloned();
                    if let Some(k) = k {
                        m.remove(&k);
                    }
                }
            }
            // Duplicate, remove or multiply array elements.
            1 => {
                if let Some(p) = pick(rng, &|x| x.as_array().is_some_and(|a| !a.is_empty()), v)
                    && let Some(Value::Array(a)) = at_mut(v, &p)
                {
                    let i = rng.usize(..a.len());
                    match rng.u8(..3) {
                        0 => {
                            let e = a[i].clone();
                            a.insert(i, e);
                        }
                        1 => {
                            a.remove(i);
                        }
                        _ => {
                            let target = self.lengths[rng.usize(..self.lengths.len())].min(300);
                            let e = a[i].clone();
                            a.resize(target, e);
                        }
                    }
                }
            }
            // A string at a length limit ±1, in characters or bytes.
            2 | 3 => {
                if let Some(p) = pick(rng, &Value::is_string, v)
                    && let Some(x) = at_mut(v, &p)
                {
                    *x = json!(self.string_of(rng));
                }
            }
            // Retype or replace with a value the schema mentions.
            4 | 5 => {
                // The root too: a body that is not an object.
                if let Some(p) = pick(rng, &|_| true, v)
                    && let Some(x) = at_mut(v, &p)
                {
                    *x = self.values[rng.usize(..self.values.len())].clone();
                }
            }
            // Set a known member (flipping `when:` conditions and alias spellings).
            6 | 7 => {
                if self.names.is_empty() {
                    return;
                }
                if let Some(p) = pick(rng, &Value::is_object, v) {
                    let name = self.names[rng.usize(..self.names.len())].clone();
                    let value = if rng.bool() {
                        self.values[rng.usize(..self.values.len())].clone()
                    } else {
                        // A copy of some value of the payload.
                        let all = node_paths(v);
                        let src = &all[rng.usize(..all.len())];
                        at_mut(v, src).map(|x| x.clone()).unwrap_or(Value::Null)
                    };
                    if let Some(Value::Object(m)) = at_mut(v, &p) {
                        m.insert(name, value);
                    }
                }
            }
            // A member the type does not declare: a known name misspelt (one letter's case
            // changed, a letter dropped, a suffix), or a name unlike any.
            9 => {
                if let Some(p) = pick(rng, &Value::is_object, v) {
                    let name = if self.names.is_empty() || rng.u8(..4) == 0 {
                        "unexpected_member".to_owned()
                    } else {
                        misspell(&self.names[rng.usize(..self.names.len())], rng)
                    };
                    let value = self.values[rng.usize(..self.values.len())].clone();
                    if let Some(Value::Object(m)) = at_mut(v, &p) {
                        m.insert(name, value);
                    }
                }
            }
            // An enum value in another wire form than the declared one.
            10 => {
                let forms = &self.other_forms;
                if let Some(p) = pick(rng, &|x| forms.iter().any(|(f, _)| f == x), v)
                    && let Some(x) = at_mut(v, &p)
                    && let Some((_, others)) = forms.iter().find(|(f, _)| f == x)
                    && !others.is_empty()
                {
                    *x = others[rng.usize(..others.len())].clone();
                }
            }
            // A member set to its neighbour value: numbers ±1, strings of a same-length kind.
            _ => {
                if let Some(p) = pick(rng, &Value::is_number, v)
                    && let Some(x) = at_mut(v, &p)
                {
                    let n = neighbours(x);
                    if !n.is_empty() {
                        *x = n[rng.usize(..n.len())].clone();
                    }
                }
            }
        }
    }

    /// A string whose length in characters or in bytes is one of the interesting lengths,
    /// made of ASCII, CJK (3 bytes) or emoji (4 bytes), or a mix.
    fn string_of(&self, rng: &mut fastrand::Rng) -> String {
        let n = self.lengths[rng.usize(..self.lengths.len())];
        let unit = ['a', '中', '😀'][rng.usize(..3)];
        if rng.bool() {
            // n characters.
            std::iter::repeat_n(unit, n).collect()
        } else {
            // n bytes: as many wide characters as fit, then ASCII.
            let wide = n / unit.len_utf8();
            let mut s: String = std::iter::repeat_n(unit, wide).collect();
            s.extend(std::iter::repeat_n('b', n - wide * unit.len_utf8()));
            s
        }
    }
}

/// JSON Schema's data model does not tell `10.0` from `10` (both are integers to it),
/// while the validators refuse `10.0` for an integer field: a difference the exported
/// schemas document and cannot express. Payloads are kept out of it by writing every
/// integral float as an integer.
fn integral_floats_as_integers(v: &mut Value) {
    match v {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() < 9.0e15
            {
                *v = json!(f as i64);
            }
        }
        Value::Array(a) => a.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(m) => m.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// `name` misspelt: one letter's case changed, one character dropped, or a suffix added.
fn misspell(name: &str, rng: &mut fastrand::Rng) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.is_empty() {
        return "_".to_owned();
    }
    let i = rng.usize(..chars.len());
    match rng.u8(..3) {
        0 if chars[i].is_ascii_alphabetic() => {
            let mut out = chars.clone();
            out[i] = if chars[i].is_ascii_lowercase() {
                chars[i].to_ascii_uppercase()
            } else {
                chars[i].to_ascii_lowercase()
            };
            out.into_iter().collect()
        }
        1 if chars.len() > 1 => chars
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, c)| *c)
            .collect(),
        _ => format!("{name}_x"),
    }
}

/// A number and its neighbours ±1 (exact for integers).
fn neighbours(n: &Value) -> Vec<Value> {
    if let Some(i) = n.as_i64() {
        let i = i128::from(i);
        return [i - 1, i, i + 1].into_iter().filter_map(int).collect();
    }
    if let Some(u) = n.as_u64() {
        let u = i128::from(u);
        return [u - 1, u, u + 1].into_iter().filter_map(int).collect();
    }
    if let Some(f) = n.as_f64() {
        return [f - 1.0, f, f + 1.0, f - 0.5, f + 0.5]
            .into_iter()
            .filter_map(Number::from_f64)
            .map(Value::Number)
            .collect();
    }
    Vec::new()
}

fn int(i: i128) -> Option<Value> {
    if let Ok(v) = i64::try_from(i) {
        Some(json!(v))
    } else {
        u64::try_from(i).ok().map(|v| json!(v))
    }
}

/// Values that an enum value is easily mistaken for.
fn near_misses(e: &Value) -> Vec<Value> {
    match e {
        Value::String(s) => vec![
            json!(format!("{s}_X")),
            json!(s.to_lowercase()),
            json!(format!(" {s}")),
        ],
        Value::Number(n) => {
            let mut out = neighbours(e);
            out.push(json!(n.to_string()));
            out.push(json!(format!("+0{n}")));
            out.push(json!(format!("{n} ")));
            out
        }
        _ => Vec::new(),
    }
}

fn fnv(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[test]
fn the_comparison_catches_a_schema_that_is_too_lax_or_too_strict() {
    // A schema that forgets a bound, and one that invents one, on a real endpoint.
    // The first WeChat endpoint whose doc example is a non-empty object.
    let (endpoint, example) = mpapi_wechat::ENDPOINTS
        .iter()
        .find_map(|e| {
            let example: Value = e
                .examples
                .iter()
                .find_map(|x| x.request)
                .and_then(|t| serde_json::from_str(t).ok())?;
            example
                .as_object()
                .is_some_and(|m| !m.is_empty())
                .then_some((*e, example))
        })
        .expect("a WeChat endpoint with an example body");
    let real: Value =
        serde_json::from_str(mpapi_wechat::schema::request_schema(endpoint.id).expect("exported"))
            .expect("JSON");
    let build = |schema: &Value| Judge {
        endpoint,
        validator: jsonschema::options()
            .should_validate_formats(true)
            .build(schema)
            .expect("compiles"),
        unexpressed: unexpressed_kinds(schema),
    };
    assert_eq!(build(&real).judge(&example), Ok(Some(true)));
    // Too strict: refuses everything.
    let strict = json!({"$schema": "https://json-schema.org/draft/2020-12/schema", "not": {}});
    assert_eq!(
        build(&strict).judge(&example),
        Err(Disagreement::SchemaStricter)
    );
    // Too lax: accepts a body with a wrongly typed member.
    let lax = json!({"$schema": "https://json-schema.org/draft/2020-12/schema"});
    let mut broken = example.clone();
    if let Value::Object(m) = &mut broken {
        let k = m.keys().next().cloned().expect("a member");
        m.insert(k, json!({"not": "what the field wants"}));
    }
    assert_eq!(build(&lax).judge(&broken), Err(Disagreement::SchemaLaxer));
    // Shrinking keeps the disagreement and removes what does not matter.
    let judge = build(&lax);
    let small = shrink(broken.clone(), &|p| {
        judge.judge(p) == Err(Disagreement::SchemaLaxer)
    });
    assert!(judge.judge(&small) == Err(Disagreement::SchemaLaxer));
    assert!(small.to_string().len() <= broken.to_string().len());
}

#[test]
fn date_and_time_are_separated_by_t_alone_in_both() {
    // The `time` crate's RFC 3339 parser accepts any character between date and time; the
    // runtime refuses all but `T`/`t`, as RFC 3339's grammar and `format: date-time` do.
    let endpoint = constructs::endpoint("constructs.format_date_time.format_date_time")
        .expect("the date-time construct");
    let schema: Value =
        serde_json::from_str(constructs_schema::request_schema(endpoint.id).expect("exported"))
            .expect("JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    for at in ["2022-05-20 13:29:35Z", "2022-05-20_13:29:35+08:00"] {
        let body = json!({ "at": at });
        assert!((endpoint.validate_request)(&body).is_err(), "{at}");
        assert!(!validator.is_valid(&body), "{at}");
    }
    for at in ["2022-05-20T13:29:35Z", "2022-05-20t13:29:35Z"] {
        let body = json!({ "at": at });
        assert!((endpoint.validate_request)(&body).is_ok(), "{at}");
        assert!(validator.is_valid(&body), "{at}");
    }
}

/// The verdicts of the generated validator and of the exported schema on `body`.
/// The strict validator's, the schema's and the lenient validator's verdicts on `body`.
fn both(id: &str, body: &Value) -> (bool, bool, bool) {
    let endpoint = constructs::endpoint(id).expect("construct endpoint");
    let schema: Value =
        serde_json::from_str(constructs_schema::request_schema(id).expect("exported"))
            .expect("JSON");
    let validator = jsonschema::options()
        .should_validate_formats(true)
        .build(&schema)
        .expect("compiles");
    let text = body.to_string();
    (
        (endpoint.validate_request)(body).is_ok(),
        validator.is_valid(body),
        (endpoint.validate_request_json)(text.as_bytes(), mpapi_runtime::Strictness::Lenient)
            .is_ok(),
    )
}

#[test]
fn enums_accept_exactly_what_the_validators_accept() {
    // A string enum (RED = 1, BLUE = 2): strictly its names only, as the schema says;
    // leniently its codes as JSON integers too.
    for (value, strict, lenient) in [
        (json!("RED"), true, true),
        (json!("BLUE"), true, true),
        (json!(1), false, true),
        (json!(2), false, true),
        (json!("1"), false, false),
        (json!("red"), false, false),
        (json!(" RED"), false, false),
        (json!(3), false, false),
        (json!(0), false, false),
        (json!(-1), false, false),
        (json!(1.5), false, false),
        (json!(u64::MAX), false, false),
        (json!(null), false, false),
        (json!(true), false, false),
        (json!(["RED"]), false, false),
    ] {
        let body = json!({ "color": value });
        let (ours, schema, ours_lenient) = both("constructs.enum_invalid.enum_invalid", &body);
        assert_eq!(ours, strict, "validator on {body}");
        assert_eq!(schema, strict, "schema on {body}");
        assert_eq!(ours_lenient, lenient, "lenient validator on {body}");
    }
    // An integer enum (GOODS = 1, SERVICE = 2): strictly its codes as JSON integers only;
    // leniently also its names and strings that Rust's i64 parser reads as one of its codes.
    for (value, strict, lenient) in [
        (json!(1), true, true),
        (json!(2), true, true),
        (json!("GOODS"), false, true),
        (json!("SERVICE"), false, true),
        (json!("1"), false, true),
        (json!("+2"), false, true),
        (json!("002"), false, true),
        (json!("-1"), false, false),
        (json!("3"), false, false),
        (json!(" 1"), false, false),
        (json!("1 "), false, false),
        (json!("++1"), false, false),
        (json!("goods"), false, false),
        (json!(3), false, false),
        (json!(0), false, false),
        (json!("0"), false, false),
        (json!("99999999999999999999"), false, false),
        (json!(null), false, false),
    ] {
        let body = json!({ "kind": value });
        let (ours, schema, ours_lenient) = both("constructs.equal.equal", &body);
        assert_eq!(ours, strict, "validator on {body}");
        assert_eq!(schema, strict, "schema on {body}");
        assert_eq!(ours_lenient, lenient, "lenient validator on {body}");
    }
}

#[test]
fn undeclared_members_are_refused_by_both_and_accepted_leniently() {
    let ok = json!({ "kind": 1 });
    assert_eq!(both("constructs.equal.equal", &ok), (true, true, true));
    let body = json!({ "kind": 1, "Kind": 1 });
    let (ours, schema, lenient) = both("constructs.equal.equal", &body);
    assert!(
        !ours && !schema,
        "an undeclared member is refused by both: {body}"
    );
    assert!(lenient, "and accepted leniently: {body}");
}

#[test]
fn chars_count_scalar_values_like_json_schema() {
    // The chars construct: compare at and around its limits with 1-, 3- and 4-byte
    // characters (JSON Schema's minLength/maxLength count code points, and so do we).
    let schema: Value = serde_json::from_str(
        constructs_schema::request_schema("constructs.chars.chars").expect("exported"),
    )
    .expect("JSON");
    let props = schema["$defs"]["chars.Request"]["properties"]
        .as_object()
        .expect("properties");
    let mut checked = 0;
    for (name, p) in props {
        let Some(max) = p["maxLength"].as_u64() else {
            continue;
        };
        for unit in ['a', '中', '😀'] {
            for n in [max - 1, max, max + 1] {
                let s: String = std::iter::repeat_n(unit, n as usize).collect();
                let body = json!({ name: s });
                let (ours, theirs, _) = both("constructs.chars.chars", &body);
                assert_eq!(ours, theirs, "{name} with {n} × {unit}");
                assert_eq!(ours, n <= max, "{name} with {n} × {unit}");
                checked += 1;
            }
        }
    }
    assert!(checked >= 9, "{checked}");
}
