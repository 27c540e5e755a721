//! The OpenAPI and JSON Schema exports of the per-construct fixtures
//! (`tests/fixtures/constructs/`): committed under the workspace's `tests/constructs_schema/`
//! (rewritten with `MPAPI_UPDATE_SNAPSHOTS=1`), and checked construct by construct: what
//! JSON Schema can say is said with its keywords, everything else is listed under
//! `x-mpapi-rules` with its kind, fields and platform code.

use std::path::Path;
use std::sync::OnceLock;

use mpapi_codegen::{GeneratedFile, export, load_and_check};
use serde_json::{Value, json};

fn files() -> &'static [GeneratedFile] {
    static FILES: OnceLock<Vec<GeneratedFile>> = OnceLock::new();
    FILES.get_or_init(|| {
        let ir = match load_and_check(Path::new("tests/fixtures/constructs")) {
            Ok((_, ir)) => ir,
            Err(d) => panic!("the constructs fixture must load:\n{d}"),
        };
        let platform = ir.platforms().first().expect("one platform");
        let mut files = Vec::new();
        export::export_platform(platform, Path::new(""), &mut files);
        files
    })
}

fn doc(name: &str) -> Value {
    let f = files()
        .iter()
        .find(|f| f.path == Path::new(name))
        .unwrap_or_else(|| panic!("{name} is exported"));
    serde_json::from_str(&f.contents).expect("exports are JSON")
}

/// The request schema of the construct endpoint `group`.
fn request(group: &str) -> Value {
    doc(&format!("constructs.{group}.{group}.request.schema.json"))
}

/// The definition `name` of a request schema.
fn def<'a>(schema: &'a Value, name: &str) -> &'a Value {
    schema["$defs"]
        .get(name)
        .unwrap_or_else(|| panic!("no $defs/{name} in {schema:#}"))
}

fn rules(ty: &Value) -> Vec<Value> {
    ty.get("x-mpapi-rules")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default()
}

#[test]
fn exports_match_the_committed_snapshot() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/constructs_schema");
    let update = std::env::var_os("MPAPI_UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for f in files() {
        let target = dir.join(&f.path);
        if std::fs::read_to_string(&target).unwrap_or_default() != f.contents {
            if update {
                std::fs::create_dir_all(&dir).expect("snapshot dir");
                std::fs::write(&target, &f.contents).expect("write snapshot");
            } else {
                stale.push(target.display().to_string());
            }
        }
    }
    let written: Vec<_> = files().iter().map(|f| dir.join(&f.path)).collect();
    for entry in std::fs::read_dir(&dir).into_iter().flatten() {
        let path = entry.expect("dir entry").path();
        if !written.contains(&path) {
            if update {
                std::fs::remove_file(&path).expect("remove stale snapshot");
            } else {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "exports differ from tests/constructs_schema (rerun with MPAPI_UPDATE_SNAPSHOTS=1 if intended): {stale:?}"
    );
}

#[test]
fn exports_are_deterministic_and_pretty() {
    let ir = load_and_check(Path::new("tests/fixtures/constructs"))
        .expect("loads")
        .1;
    let platform = ir.platforms().first().expect("one platform");
    let mut again = Vec::new();
    export::export_platform(platform, Path::new(""), &mut again);
    assert_eq!(files(), again.as_slice());
    let openapi = files()
        .iter()
        .find(|f| f.path == Path::new("openapi.json"))
        .expect("openapi.json");
    assert!(openapi.contents.starts_with("{\n  \""), "pretty-printed");
    assert!(openapi.contents.ends_with("}\n"));
}

#[test]
fn every_endpoint_has_a_request_schema_and_an_operation() {
    let openapi = doc("openapi.json");
    assert_eq!(openapi["openapi"], "3.1.0");
    let ops: Vec<&str> = openapi["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("path item").values())
        .map(|op| op["operationId"].as_str().expect("operationId"))
        .collect();
    let schemas: Vec<String> = files()
        .iter()
        .filter_map(|f| {
            f.path
                .to_str()?
                .strip_suffix(".request.schema.json")
                .map(str::to_owned)
        })
        .collect();
    assert!(ops.len() >= 20, "{ops:?}");
    for id in &ops {
        assert!(
            schemas.iter().any(|s| s == id),
            "{id} has no request schema"
        );
    }
    assert_eq!(ops.len(), schemas.len());
    // The token is a security scheme, not a parameter.
    assert_eq!(
        openapi["components"]["securitySchemes"]["access_token"],
        json!({"type": "apiKey", "in": "query", "name": "access_token",
               "description": "The access token, sent as the `access_token` URL parameter of every request."})
    );
    assert_eq!(openapi["security"], json!([{"access_token": []}]));
}

#[test]
fn error_codes_carry_the_docs_message_and_fix() {
    let openapi = doc("openapi.json");
    assert_eq!(
        openapi["x-mpapi-error-codes"],
        json!([{"code": -1, "message": "system error", "fix": "retry later"}])
    );
    let op = &openapi["paths"]["/all_or_none"]["post"];
    assert_eq!(
        op["x-mpapi-error-codes"],
        json!([{"code": 1004, "message": "set id on every item or on none"}])
    );
    assert_eq!(
        op["responses"]["default"]["content"]["application/json"]["schema"]["$ref"],
        "#/components/schemas/PlatformError"
    );
}

#[test]
fn the_200_response_is_the_success_or_the_error_envelope() {
    // The platforms answer errors with HTTP 200: a checker validating a 200 answer by its
    // status must find the error envelope among the alternatives.
    let openapi = doc("openapi.json");
    let ops = openapi["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("path item").values());
    let mut n = 0;
    for op in ops {
        let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
        let one_of = schema["oneOf"]
            .as_array()
            .unwrap_or_else(|| panic!("{}: 200 is not a oneOf: {schema:#}", op["operationId"]));
        assert_eq!(one_of.len(), 2, "{}", op["operationId"]);
        assert_eq!(
            one_of[1],
            json!({"$ref": "#/components/schemas/PlatformError"}),
            "{}",
            op["operationId"]
        );
        // The success side keeps the zero code, so the two alternatives never overlap.
        let success = &one_of[0];
        let code = success
            .pointer("/properties/errcode")
            .or_else(|| success.pointer("/allOf/0/properties/errcode"))
            .unwrap_or_else(|| panic!("{}: no errcode in {success:#}", op["operationId"]));
        assert_eq!(code["const"], 0);
        n += 1;
    }
    assert!(n >= 20, "{n} operations");
    let error = &openapi["components"]["schemas"]["PlatformError"];
    assert_eq!(error["required"], json!(["errcode"]));
    assert_eq!(error["properties"]["errcode"]["not"], json!({"const": 0}));
}

#[test]
fn required_if_is_if_then() {
    let s = request("required_if");
    let all_of = def(&s, "required_if.Request")["allOf"].to_string();
    assert!(
        all_of.contains("\"if\"") && all_of.contains("\"then\""),
        "{all_of}"
    );
    assert!(rules(def(&s, "required_if.Request")).is_empty());
}

#[test]
fn one_of_required_is_any_of_and_conditional_with_when() {
    let s = request("one_of_required");
    assert!(def(&s, "one_of_required.Request")["allOf"][0]["anyOf"].is_array());
    let s = request("one_of_required_when");
    assert!(def(&s, "one_of_required_when.Request")["allOf"][0]["then"]["anyOf"].is_array());
}

#[test]
fn all_or_none_is_any_of_over_the_items() {
    let s = request("all_or_none");
    let t = def(&s, "all_or_none.Request");
    let any = &t["allOf"][0]["properties"]["items"]["anyOf"];
    assert_eq!(any.as_array().map(Vec::len), Some(2), "{t:#}");
}

#[test]
fn inexpressible_rules_are_listed_with_kind_fields_and_code() {
    for (group, kind) in [
        ("unique_by", "unique_by"),
        ("equal", "equal"),
        ("equal_when", "equal"),
        ("length_equals", "length_equals"),
        ("sum_int", "sum"),
        ("sum_decimal", "sum"),
        ("custom", "custom"),
    ] {
        let s = request(group);
        let t = def(&s, &format!("{group}.Request"));
        let listed = rules(t);
        let rule = listed
            .iter()
            .find(|r| r["kind"] == kind)
            .unwrap_or_else(|| panic!("{group}: no {kind} in x-mpapi-rules: {t:#}"));
        assert!(rule["rule"].is_string(), "{rule}");
        if kind != "custom" {
            assert!(
                !rule["fields"].as_array().expect("fields").is_empty(),
                "{rule}"
            );
            assert!(rule["code"].is_i64(), "{group}: {rule}");
        }
    }
}

#[test]
fn allowed_values_become_if_then_per_row() {
    for group in ["allowed_values_int", "allowed_values_enum"] {
        let s = request(group);
        let t = def(&s, &format!("{group}.Request"));
        let rows = t["allOf"][0]["allOf"]
            .as_array()
            .expect("one if/then per row");
        assert!(!rows.is_empty());
        assert!(
            rows.iter()
                .all(|r| r["if"].is_object() && r["then"].is_object()),
            "{t:#}"
        );
    }
}

#[test]
fn byte_limits_are_extensions_with_sound_character_bounds() {
    let s = request("bytes");
    let t = def(&s, "bytes.Request");
    let name = t["properties"]
        .as_object()
        .expect("properties")
        .values()
        .find(|p| p.get("x-mpapi-max-bytes").is_some())
        .unwrap_or_else(|| panic!("a byte-limited string: {t:#}"));
    assert_eq!(name["maxLength"], name["x-mpapi-max-bytes"]);
    let listed = rules(t);
    assert!(listed.iter().any(|r| r["kind"] == "bytes"), "{t:#}");
}

#[test]
fn chars_items_range_pattern_and_formats_are_keywords() {
    let s = request("chars");
    assert!(s.to_string().contains("\"maxLength\""));
    let s = request("items");
    assert!(s.to_string().contains("\"minItems\"") || s.to_string().contains("\"maxItems\""));
    let s = request("range");
    assert!(s.to_string().contains("\"minimum\"") && s.to_string().contains("\"maximum\""));
    let s = request("pattern");
    assert!(s.to_string().contains("\"pattern\""));
    let s = request("format_date_time");
    assert!(s.to_string().contains("\"format\":\"date-time\""));
}

#[test]
fn conditional_constraints_are_if_then() {
    let s = request("items_when");
    let t = def(&s, "items_when.Request");
    let then = &t["allOf"][0]["then"];
    assert!(then.to_string().contains("Items\""), "{t:#}");
}

#[test]
fn enums_accept_names_codes_and_for_integer_enums_code_strings() {
    let openapi = doc("openapi.json");
    let schemas = openapi["components"]["schemas"]
        .as_object()
        .expect("schemas");
    let (mut strings, mut integers) = (0, 0);
    for (key, s) in schemas {
        match s.get("x-mpapi-wire").and_then(Value::as_str) {
            Some("string") => {
                let values = s["enum"].as_array().expect("enum");
                let variants = s["x-mpapi-variants"].as_array().expect("variants");
                assert_eq!(values.len(), 2 * variants.len(), "{key}");
                strings += 1;
            }
            Some("integer") => {
                integers += 1;
                assert!(s["anyOf"][1]["pattern"].is_string(), "{key}: {s:#}");
            }
            _ => {}
        }
    }
    assert!(
        strings > 0 && integers > 0,
        "{strings} string and {integers} integer enums"
    );
}
