//! Runs the negative and boundary cases under `tests/cases/*.json` through the generated
//! validators: each case edits a cleaned doc example and states the exact violations
//! (path, rule, code) the validator must report.

use std::collections::BTreeMap;
use std::path::Path;

use mpapi_runtime::{Check, EndpointInfo};
use serde::Deserialize;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    endpoint: String,
    base_example: String,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[serde(default)]
    set: BTreeMap<String, Value>,
    #[serde(default)]
    remove: Vec<String>,
    expect: Vec<Expected>,
}

#[derive(Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
struct Expected {
    path: String,
    /// Deserialized through `Check::from_str`, so a misspelt rule in a case file is an
    /// error rather than a case that can never pass.
    rule: Check,
    code: Option<i64>,
}

fn endpoint(id: &str) -> Option<&'static EndpointInfo> {
    mpapi_wechat::endpoint(id).or_else(|| mpapi_baidu::endpoint(id))
}

/// Expands `{"$repeat": [s, n]}` into `s` repeated `n` times, recursively.
fn expand(v: &Value) -> Value {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key("$repeat") => {
            if let Some([Value::String(s), Value::Number(n)]) = m
                .get("$repeat")
                .and_then(Value::as_array)
                .map(Vec::as_slice)
            {
                return Value::String(s.repeat(n.as_u64().unwrap_or(0) as usize));
            }
            v.clone()
        }
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        Value::Array(a) => Value::Array(a.iter().map(expand).collect()),
        other => other.clone(),
    }
}

/// Walks to the parent of `path` (creating objects on the way) and applies `f` to it.
fn at_parent(doc: &mut Value, path: &str, f: impl FnOnce(&mut Value, &str)) -> Result<(), String> {
    let parts: Vec<&str> = path.split('/').collect();
    let (last, parents) = parts.split_last().ok_or("empty path")?;
    let mut cur = doc;
    for p in parents {
        cur = match cur {
            Value::Array(a) => {
                let i: usize = p
                    .parse()
                    .map_err(|_| format!("`{p}` is not an index in {path}"))?;
                a.get_mut(i)
                    .ok_or(format!("index {i} out of range in {path}"))?
            }
            Value::Object(m) => m
                .entry(p.to_string())
                .or_insert_with(|| Value::Object(Default::default())),
            _ => return Err(format!("cannot descend into `{p}` of {path}")),
        };
    }
    f(cur, last);
    Ok(())
}

fn apply(base: &Value, case: &Case) -> Result<Value, String> {
    let mut doc = base.clone();
    for (path, value) in &case.set {
        let value = expand(value);
        at_parent(&mut doc, path, |parent, last| match parent {
            Value::Array(a) => {
                if let Ok(i) = last.parse::<usize>() {
                    if i < a.len() {
                        a[i] = value;
                    } else {
                        a.push(value);
                    }
                }
            }
            Value::Object(m) => {
                m.insert(last.to_string(), value);
            }
            _ => {}
        })?;
    }
    for path in &case.remove {
        at_parent(&mut doc, path, |parent, last| match parent {
            Value::Array(a) => {
                if let Ok(i) = last.parse::<usize>()
                    && i < a.len()
                {
                    a.remove(i);
                }
            }
            Value::Object(m) => {
                m.remove(last);
            }
            _ => {}
        })?;
    }
    Ok(doc)
}

/// The body of every case of `endpoint` (its case file's edits applied to the example),
/// for other tests to use as inputs; none when it has no case file.
pub(crate) fn bodies(endpoint: &EndpointInfo) -> Vec<Value> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("cases")
        .join(format!("{}.json", endpoint.id));
    let Ok(text) = std::fs::read_to_string(&path) else {
        return Vec::new();
    };
    let file: CaseFile = serde_json::from_str(&text)
        .unwrap_or_else(|e| panic!("{}: not a case file: {e}", path.display()));
    let base = if endpoint.request_body {
        endpoint
            .examples
            .iter()
            .find(|e| e.name == file.base_example)
            .and_then(|e| e.request)
    } else {
        Some("{}")
    };
    let Some(base) = base.and_then(|b| serde_json::from_str::<Value>(b).ok()) else {
        return Vec::new();
    };
    file.cases
        .iter()
        .filter_map(|case| apply(&base, case).ok())
        .collect()
}

#[test]
fn every_case_reports_exactly_the_expected_violations() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no case files in {}", dir.display());
    let mut failures = Vec::new();
    let mut ran = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).expect("readable case file");
        let file: CaseFile = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{}: not a case file: {e}", path.display()));
        let Some(ep) = endpoint(&file.endpoint) else {
            failures.push(format!(
                "{}: unknown endpoint {}",
                path.display(),
                file.endpoint
            ));
            continue;
        };
        // An endpoint without a body (a GET) is checked against the empty body: its cases
        // say that anything more is refused.
        let base = if ep.request_body {
            ep.examples
                .iter()
                .find(|e| e.name == file.base_example)
                .and_then(|e| e.request)
        } else {
            Some("{}")
        };
        let Some(base) = base else {
            failures.push(format!(
                "{}: endpoint has no example request `{}`",
                path.display(),
                file.base_example
            ));
            continue;
        };
        let base: Value = serde_json::from_str(base).expect("generated example is JSON");
        for case in &file.cases {
            ran += 1;
            let doc = match apply(&base, case) {
                Ok(d) => d,
                Err(e) => {
                    failures.push(format!("{} / {}: bad edit: {e}", file.endpoint, case.name));
                    continue;
                }
            };
            let mut got: Vec<Expected> = match (ep.validate_request)(&doc) {
                Ok(()) => Vec::new(),
                Err(v) => v
                    .iter()
                    .map(|v| Expected {
                        path: v.path.clone(),
                        rule: v.rule,
                        code: v.code,
                    })
                    .collect(),
            };
            let mut want = case.expect.clone();
            got.sort();
            want.sort();
            if got != want {
                failures.push(format!(
                    "{} / {}:\n    expected {:?}\n    got      {:?}",
                    file.endpoint, case.name, want, got
                ));
            }
        }
    }
    assert!(ran > 0, "no cases ran");
    assert!(
        failures.is_empty(),
        "{} of {ran} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_endpoint_has_a_case_file() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cases");
    for ep in mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS.iter())
    {
        let file = dir.join(format!("{}.json", ep.id));
        assert!(
            file.exists(),
            "no negative cases for {} ({})",
            ep.id,
            file.display()
        );
    }
}
