//! `mpapi schema` through the built binary: every endpoint's exported schema, the
//! platform's OpenAPI document, and the usage error for an unknown id.

use std::process::{Command, Output};

use serde_json::Value;

fn mpapi(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args(args)
        .output()
        .expect("mpapi runs")
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("stdout is one JSON document")
}

#[test]
fn prints_the_request_schema_of_every_endpoint() {
    let endpoints: Vec<_> = mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS)
        .collect();
    assert!(endpoints.len() >= 5);
    let mut queries = 0;
    for e in endpoints {
        let id = e.id;
        let out = mpapi(&["schema", id]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{id}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let schema = json(&out);
        assert_eq!(
            schema["$schema"], "https://json-schema.org/draft/2020-12/schema",
            "{id}"
        );
        if schema.get("x-mpapi-no-body").is_some() {
            // A GET without typed query parameters: the body must be absent or empty.
            assert_eq!(e.method, "GET", "{id}");
            assert_eq!(schema["anyOf"][1]["maxProperties"], 0, "{id}");
        } else {
            let root = schema["$ref"].as_str().expect("a root reference");
            let key = root.strip_prefix("#/$defs/").expect("into $defs");
            assert_eq!(schema["$defs"][key]["type"], "object", "{id}");
        }
        assert!(
            schema["title"].as_str().is_some_and(|t| t.contains(id)),
            "{id}: {}",
            schema["title"]
        );
        // The same text the crate embeds: for a GET (no body), its query parameters when
        // it has typed ones.
        let request = mpapi_wechat::schema::request_schema(id)
            .or_else(|| mpapi_baidu::schema::request_schema(id))
            .expect("embedded");
        let query = mpapi_wechat::schema::query_schema(id)
            .or_else(|| mpapi_baidu::schema::query_schema(id));
        let expected = match (e.method, query) {
            ("GET", Some(q)) => {
                queries += 1;
                assert!(
                    schema["title"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("Query"))
                );
                q
            }
            _ => request,
        };
        assert_eq!(String::from_utf8_lossy(&out.stdout), expected);
    }
    assert!(queries > 0, "some GET endpoint has typed query parameters");
}

#[test]
fn openapi_prints_the_platform_document() {
    let out = mpapi(&["schema", "baidu.ordercenter.add_main_info", "--openapi"]);
    assert_eq!(out.status.code(), Some(0));
    let doc = json(&out);
    assert_eq!(doc["openapi"], "3.1.0");
    assert_eq!(doc["x-mpapi-platform"], "baidu");
    let ops: Vec<&str> = doc["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|p| p.as_object().expect("path item").values())
        .filter_map(|op| op["operationId"].as_str())
        .collect();
    assert!(ops.contains(&"baidu.ordercenter.add_main_info"), "{ops:?}");
    assert!(!ops.iter().any(|o| o.starts_with("wechat.")), "{ops:?}");
}

#[test]
fn an_unknown_id_exits_2_listing_the_known_ones() {
    let out = mpapi(&["schema", "wechat.nope.nothing"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown endpoint `wechat.nope.nothing`"),
        "{err}"
    );
    for e in mpapi_wechat::ENDPOINTS.iter().chain(mpapi_baidu::ENDPOINTS) {
        assert!(err.contains(e.id), "{} missing from: {err}", e.id);
    }
}

#[test]
fn a_missing_id_is_a_usage_error() {
    let out = mpapi(&["schema"]);
    assert_eq!(out.status.code(), Some(2));
}
