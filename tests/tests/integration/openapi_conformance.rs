//! The sandbox's answers as the exported OpenAPI documents describe them: every answer an
//! operation gives over loopback HTTP (its doc examples, a missing token, a body that is
//! not JSON, a body that breaks the spec, the token endpoints with good and bad
//! credentials) validates against the operation's documented 200 response schema, the
//! error envelopes included, since both platforms answer errors with HTTP 200.
//!
//! `.ci/run` checks the same property from outside with schemathesis; this test keeps the
//! cases it found in the normal suite.

use mpapi_runtime::EndpointInfo;
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{Value, json};

const WX_APP: &str = "wx_openapi_conformance";
const BD_APP: &str = "bd_openapi_conformance";
const SECRET: &str = "conformance-secret";

/// Typed URL parameters that make an endpoint's doc example a success.
const SUCCESS_QUERY: &[(&str, &[(&str, &str)])] = &[(
    "baidu.ordercenter.add_main_info",
    &[
        ("open_id", "open-id-1"),
        ("scene_id", "scene-1"),
        ("scene_type", "2"),
        ("pm_app_key", "pm-key-1"),
    ],
)];

fn sandbox() -> SandboxHandle {
    let endpoints = mpapi_wechat::ENDPOINTS
        .iter()
        .chain(mpapi_baidu::ENDPOINTS.iter())
        .copied()
        .collect();
    Sandbox::start(
        SandboxConfig::new(endpoints)
            .wechat_app(WX_APP, SECRET)
            .baidu_app(BD_APP, SECRET),
    )
    .expect("sandbox starts")
}

/// The operation `id` of an OpenAPI document: its path key, method and object.
fn operation<'d>(doc: &'d Value, id: &str) -> (&'d str, &'d Value) {
    doc["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .expect("path item")
                .values()
                .map(move |op| (path.as_str(), op))
        })
        .find(|(_, op)| op["operationId"] == id)
        .unwrap_or_else(|| panic!("{id} is an operation of its OpenAPI document"))
}

/// A validator for the operation's 200 `application/json` schema, its `$ref`s resolved in
/// the document's components.
fn response_validator(doc: &Value, op: &Value) -> jsonschema::Validator {
    let schema = &op["responses"]["200"]["content"]["application/json"]["schema"];
    assert!(schema.is_object(), "{}: no 200 schema", op["operationId"]);
    let root = json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "components": doc["components"],
        "allOf": [schema],
    });
    jsonschema::options()
        .build(&root)
        .unwrap_or_else(|e| panic!("{}: the 200 schema compiles: {e}", op["operationId"]))
}

struct Checker {
    http: reqwest::Client,
    checked: usize,
    errors_seen: usize,
}

impl Checker {
    /// Sends one request and checks its answer against the 200 schema.
    async fn check(
        &mut self,
        validator: &jsonschema::Validator,
        ep: &EndpointInfo,
        url: &str,
        body: Option<&str>,
        what: &str,
    ) -> Value {
        let request = match body {
            Some(b) => self
                .http
                .post(url)
                .header("content-type", "application/json")
                .body(b.to_owned()),
            None if ep.method.eq_ignore_ascii_case("POST") => self.http.post(url),
            None => self.http.get(url),
        };
        let response = request.send().await.expect("the sandbox answers");
        assert_eq!(response.status(), 200, "{} ({what})", ep.id);
        let text = response.text().await.expect("a body");
        let answer: Value = serde_json::from_str(&text)
            .unwrap_or_else(|e| panic!("{} ({what}): not JSON ({e}): {text}", ep.id));
        let problems: Vec<String> = validator
            .iter_errors(&answer)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(
            problems.is_empty(),
            "{} ({what}): the answer breaks the documented 200 schema: {problems:?}\n{answer:#}",
            ep.id
        );
        let code = answer.get("errcode").or_else(|| answer.get("errno"));
        if code.is_some_and(|c| c != 0) {
            self.errors_seen += 1;
        }
        self.checked += 1;
        answer
    }
}

/// `base/path?fixed&extra`, form-encoded.
fn url(base: &str, ep: &EndpointInfo, extra: &[(&str, &str)]) -> String {
    let pairs: Vec<(&str, &str)> = ep
        .fixed_query
        .iter()
        .copied()
        .chain(extra.iter().copied())
        .collect();
    let query: Vec<String> = pairs
        .iter()
        .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
        .collect();
    if query.is_empty() {
        format!("{base}{}", ep.path)
    } else {
        format!("{base}{}?{}", ep.path, query.join("&"))
    }
}

fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// An example request's members as URL parameters (for endpoints without a body).
fn as_query(example: &Value) -> Vec<(String, String)> {
    example
        .as_object()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let text = match v {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    };
                    (k.clone(), text)
                })
                .collect()
        })
        .unwrap_or_default()
}

async fn token(http: &reqwest::Client, url: String) -> String {
    let answer: Value = http
        .get(url)
        .send()
        .await
        .expect("token endpoint answers")
        .json()
        .await
        .expect("token JSON");
    answer["access_token"].as_str().expect("a token").to_owned()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_of_every_operation_conforms_to_its_documented_response() {
    let sb = sandbox();
    let base = sb.base_url().to_owned();
    // reqwest is built without a default crypto provider (see the README, "TLS").
    let _ = rustls::crypto::ring::default_provider().install_default();
    let http = reqwest::Client::new();
    let wx_token = token(
        &http,
        format!("{base}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret={SECRET}"),
    )
    .await;
    let bd_token = token(
        &http,
        format!(
            "{base}/oauth/2.0/token?grant_type=client_credentials&client_id={BD_APP}&client_secret={SECRET}"
        ),
    )
    .await;
    let mut checker = Checker {
        http,
        checked: 0,
        errors_seen: 0,
    };
    let platforms: [(&str, &[&EndpointInfo], &str); 2] = [
        (
            mpapi_wechat::schema::OPENAPI,
            mpapi_wechat::ENDPOINTS,
            &wx_token,
        ),
        (
            mpapi_baidu::schema::OPENAPI,
            mpapi_baidu::ENDPOINTS,
            &bd_token,
        ),
    ];
    let mut operations = 0;
    for (text, endpoints, token) in platforms {
        let doc: Value = serde_json::from_str(text).expect("the OpenAPI document is JSON");
        for ep in endpoints {
            operations += 1;
            let (_, op) = operation(&doc, ep.id);
            let v = response_validator(&doc, op);
            let with_token = [(ep.token_param, token)];
            let auth: &[(&str, &str)] = if ep.needs_token() { &with_token } else { &[] };
            // The URL parameters a success needs, for endpoints that take typed ones.
            let typed: Vec<(&str, &str)> = SUCCESS_QUERY
                .iter()
                .find(|(id, _)| *id == ep.id)
                .map(|(_, q)| q.to_vec())
                .unwrap_or_default();
            // The doc's examples, as sent by a caller with a valid token.
            for example in ep.examples.iter().filter_map(|x| x.request) {
                let mut value: Value = serde_json::from_str(example).expect("example JSON");
                // A token endpoint's example with this sandbox's app: a success answer.
                if !ep.needs_token()
                    && let Some(m) = value.as_object_mut()
                    && m.contains_key("appid")
                {
                    m.insert("appid".into(), WX_APP.into());
                    m.insert("secret".into(), SECRET.into());
                    m.remove("force_refresh");
                }
                let example = &value.to_string();
                if ep.request_body {
                    let mut pairs = typed.clone();
                    pairs.extend_from_slice(auth);
                    let u = url(&base, ep, &pairs);
                    let answer = checker
                        .check(&v, ep, &u, Some(example), "doc example")
                        .await;
                    if !typed.is_empty() {
                        assert_eq!(answer["errno"], 0, "{}: {answer}", ep.id);
                    }
                } else {
                    let params = as_query(&value);
                    let mut pairs: Vec<(&str, &str)> = params
                        .iter()
                        .map(|(k, v)| (k.as_str(), v.as_str()))
                        .collect();
                    pairs.extend_from_slice(auth);
                    let u = url(&base, ep, &pairs);
                    checker.check(&v, ep, &u, None, "doc example").await;
                }
            }
            let u = url(&base, ep, auth);
            if ep.request_body {
                checker
                    .check(&v, ep, &u, Some("not json"), "not JSON")
                    .await;
                checker
                    .check(&v, ep, &u, Some("[1]"), "not an object")
                    .await;
                checker.check(&v, ep, &u, Some("{}"), "empty object").await;
            } else {
                checker.check(&v, ep, &u, None, "no parameters").await;
            }
            if !ep.fixed_query.is_empty() {
                // The path without the fixed parameters that select the endpoint.
                let mut path_only = format!("{base}{}", ep.path);
                if ep.needs_token() {
                    path_only.push_str(&format!("?{}={}", ep.token_param, encode(token)));
                }
                let body = ep.request_body.then_some("{}");
                checker
                    .check(&v, ep, &path_only, body, "no fixed URL parameters")
                    .await;
            }
            if ep.needs_token() {
                let bare = url(&base, ep, &[]);
                let body = ep.request_body.then_some("{}");
                checker.check(&v, ep, &bare, body, "no token").await;
                let wrong = url(&base, ep, &[(ep.token_param, "not-a-token")]);
                checker.check(&v, ep, &wrong, body, "unknown token").await;
            }
        }
    }
    assert_eq!(
        operations,
        mpapi_wechat::ENDPOINTS.len() + mpapi_baidu::ENDPOINTS.len()
    );
    // Error envelopes were among the answers checked (the cases above make sure of it).
    assert!(checker.errors_seen >= operations, "{}", checker.errors_seen);
    assert!(checker.checked > checker.errors_seen);
}
