//! No validator panics on arbitrary JSON: for every endpoint of every platform crate,
//! seeded random JSON documents (any nesting of every JSON kind, with the endpoint's own
//! member names mixed in so that the validators go deep) go through the request validator
//! and the query validator. A panic fails the test with the seed that reproduces it.

use std::panic::{AssertUnwindSafe, catch_unwind};

use mpapi_runtime::EndpointInfo;
use serde_json::{Map, Value, json};

/// Member names of the endpoint's exported request schema, so that random objects hit
/// real fields.
fn names(schema: &str) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(v: &Value, out: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(p)) = m.get("properties") {
                    out.extend(p.keys().cloned());
                }
                m.values().for_each(|x| walk(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    if let Ok(v) = serde_json::from_str::<Value>(schema) {
        walk(&v, &mut out);
    }
    out.sort();
    out.dedup();
    out
}

fn arbitrary(rng: &mut fastrand::Rng, names: &[String], depth: u32) -> Value {
    let leaf_only = depth >= 6;
    match rng.u8(..if leaf_only { 8 } else { 11 }) {
        0 => Value::Null,
        1 => json!(rng.bool()),
        2 => json!(rng.i64(..)),
        3 => json!(rng.u64(..)),
        // Any bit pattern: NaN and infinities become null.
        4 => json!(f64::from_bits(rng.u64(..))),
        5 => json!(
            (0..rng.usize(..40))
                .map(|_| rng.char(..))
                .collect::<String>()
        ),
        6 => json!(
            [
                "MINI_PROGRAM",
                "1",
                "+02",
                "2022-05-20T13:29:35Z",
                "https://a.b/c",
                ""
            ][rng.usize(..6)]
        ),
        7 => json!(rng.i64(-3..300)),
        8 | 9 => {
            let mut m = Map::new();
            for _ in 0..rng.usize(..8) {
                let key = if !names.is_empty() && rng.u8(..4) != 0 {
                    names[rng.usize(..names.len())].clone()
                } else {
                    (0..rng.usize(..6)).map(|_| rng.alphanumeric()).collect()
                };
                m.insert(key, arbitrary(rng, names, depth + 1));
            }
            Value::Object(m)
        }
        _ => Value::Array(
            (0..rng.usize(..6))
                .map(|_| arbitrary(rng, names, depth + 1))
                .collect(),
        ),
    }
}

type Lookup = fn(&str) -> Option<&'static str>;

/// Each platform's endpoints and its request and query schema lookups.
fn platforms() -> Vec<(&'static [&'static EndpointInfo], Lookup, Lookup)> {
    vec![
        (
            mpapi_wechat::ENDPOINTS,
            mpapi_wechat::schema::request_schema,
            mpapi_wechat::schema::query_schema,
        ),
        (
            mpapi_baidu::ENDPOINTS,
            mpapi_baidu::schema::request_schema,
            mpapi_baidu::schema::query_schema,
        ),
    ]
}

#[test]
fn validators_never_panic_on_arbitrary_json() {
    let per_endpoint: u64 = std::env::var("MPAPI_DIFF_PAYLOADS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let mut endpoints = 0;
    for (list, request, query) in platforms() {
        for endpoint in list {
            endpoints += 1;
            let mut names = names(request(endpoint.id).unwrap_or("{}"));
            names.extend(self::names(query(endpoint.id).unwrap_or("{}")));
            for seed in 0..per_endpoint {
                let mut rng = fastrand::Rng::with_seed(seed ^ 0x5eed);
                let mut body = arbitrary(&mut rng, &names, 0);
                // Mostly objects at the root, as bodies are.
                if !body.is_object() && rng.u8(..4) != 0 {
                    body = json!({ names.first().cloned().unwrap_or_default(): body });
                }
                let pairs: Vec<(String, String)> = match &body {
                    Value::Object(m) => m
                        .iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str().map_or_else(|| v.to_string(), str::to_owned),
                            )
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                let result = catch_unwind(AssertUnwindSafe(|| {
                    let _ = (endpoint.validate_request)(&body);
                    let pairs: Vec<(&str, &str)> = pairs
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    let _ = (endpoint.validate_query)(&pairs);
                }));
                assert!(
                    result.is_ok(),
                    "{}: a validator panicked on seed {seed}: {body}",
                    endpoint.id
                );
            }
        }
    }
    // Every endpoint described in spec/ went through: a new platform crate missing from
    // `platforms()` fails here instead of going unchecked.
    assert_eq!(
        endpoints,
        spec_endpoint_files(),
        "every endpoint spec under spec/ has its endpoint in platforms()"
    );
}

/// How many endpoint files `spec/<platform>/<group>/` holds (every `.yaml` there but the
/// group's `types.yaml`).
fn spec_endpoint_files() -> usize {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let dirs = |dir: &std::path::Path| -> Vec<std::path::PathBuf> {
        std::fs::read_dir(dir)
            .map(|read| read.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    dirs(&spec)
        .iter()
        .filter(|p| p.is_dir())
        .flat_map(|platform| dirs(platform))
        .filter(|group| group.is_dir())
        .flat_map(|group| dirs(&group))
        .filter(|f| f.extension().is_some_and(|e| e == "yaml"))
        .filter(|f| f.file_name().is_some_and(|n| n != "types.yaml"))
        .count()
}
