//! The sandbox serving the generated endpoints (`mpapi_wechat::ENDPOINTS`,
//! `mpapi_baidu::ENDPOINTS`).

use crate::common;

use common::*;
use mpapi_runtime::EndpointInfo;
use mpapi_runtime::sandbox::StoreCheck;
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::{Value, json};

fn all_endpoints() -> Vec<&'static EndpointInfo> {
    let mut all = mpapi_wechat::ENDPOINTS.to_vec();
    all.extend_from_slice(mpapi_baidu::ENDPOINTS);
    all
}

fn sandbox() -> SandboxHandle {
    let config = SandboxConfig::new(all_endpoints())
        .wechat_app(WX_APP, WX_SECRET)
        .baidu_app(BD_APP, BD_SECRET);
    Sandbox::start(config).expect("the generated endpoints have distinct routes")
}

fn example_request(endpoint: &EndpointInfo) -> Value {
    let text = endpoint
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("the endpoint has a request example");
    serde_json::from_str(text).expect("examples are valid JSON")
}

fn endpoint(id: &str) -> &'static EndpointInfo {
    mpapi_wechat::endpoint(id)
        .or_else(|| mpapi_baidu::endpoint(id))
        .expect("the endpoint is generated")
}

/// The endpoint's URL with the token and, for Baidu, the query parameters its spec requires.
fn url_with_query(sandbox: &SandboxHandle, endpoint: &EndpointInfo, token: &str) -> String {
    let mut u = url(sandbox, endpoint, token);
    if endpoint.id.starts_with("baidu.") {
        u.push_str("&open_id=o1&scene_id=s1&scene_type=2&pm_app_key=k1");
    }
    u
}

fn is_success(answer: &Value) -> bool {
    answer.get("errcode").is_none_or(|c| c == 0) && answer.get("errno").is_none_or(|c| c == 0)
}

async fn token_for(sandbox: &SandboxHandle, endpoint: &EndpointInfo) -> String {
    if endpoint.id.starts_with("baidu.") {
        baidu_token(sandbox).await
    } else {
        wechat_token(sandbox).await
    }
}

#[tokio::test]
async fn every_doc_request_example_is_accepted() {
    let mut tried = 0;
    let mut ids = Vec::new();
    // The token endpoints (they take no token) are answered by the sandbox's token routes,
    // which tests/tokens.rs and mpapi-wechat's tests/token_endpoints.rs exercise.
    for endpoint in all_endpoints().into_iter().filter(|e| e.needs_token()) {
        for example in endpoint.examples {
            let Some(request) = example.request else {
                continue;
            };
            // A fresh sandbox per example: examples of one endpoint may share an order key.
            let sandbox = sandbox();
            let token = token_for(&sandbox, endpoint).await;
            let url = url_with_query(&sandbox, endpoint, &token);
            // A GET endpoint has no body: its example request is the empty object.
            let answer = if endpoint.method.eq_ignore_ascii_case("GET") {
                get(&url).await.json()
            } else {
                post(&url, request).await.json()
            };
            // A read or update of a record that a fresh sandbox does not hold is refused
            // with the code the spec's `sandbox:` block names for it.
            let needs_record = endpoint.sandbox.and_then(|s| {
                s.checks.iter().find_map(|c| match c {
                    StoreCheck::Exists { code } => Some(*code),
                    _ => None,
                })
            });
            // A doc example that carries a cursor names a page of the platform's own list,
            // which a fresh sandbox never handed out.
            let foreign_cursor = endpoint.sandbox.and_then(|s| s.bad_cursor).filter(|_| {
                endpoint.pagination.is_some_and(|p| {
                    serde_json::from_str::<Value>(request).is_ok_and(|r| r.get(p.cursor).is_some())
                })
            });
            let needs_record = needs_record.or(foreign_cursor);
            match needs_record {
                Some(code) => assert_eq!(
                    answer["errcode"],
                    json!(code),
                    "{} {}: {answer}",
                    endpoint.id,
                    example.name
                ),
                None => assert!(
                    is_success(&answer),
                    "{} {}: {answer}",
                    endpoint.id,
                    example.name
                ),
            }
            tried += 1;
            ids.push(endpoint.id);
        }
    }
    assert!(tried > 0, "the generated crates have request examples");
    assert!(ids.contains(&"baidu.ordercenter.add_main_info"), "{ids:?}");
    assert!(ids.contains(&"wechat.logistics.add_order"), "{ids:?}");
}

#[tokio::test]
async fn upload_shopping_info_rules_and_codes_come_from_the_spec() {
    let sandbox = sandbox();
    let token = wechat_token(&sandbox).await;
    let endpoint = endpoint("wechat.user_order.upload_shopping_info");
    let url = url_with_query(&sandbox, endpoint, &token);
    let mut request = example_request(endpoint);

    assert_eq!(
        post(&url, &request.to_string()).await.json()["errcode"],
        json!(0)
    );
    // Same upload_time again: refused by the state rule.
    let again = post(&url, &request.to_string()).await.json();
    assert_eq!(again["errcode"], json!(268_485_216), "{again}");

    // A missing upload_time is a spec violation with a code from the endpoint's table.
    if let Some(body) = request.as_object_mut() {
        body.remove("upload_time");
    }
    let missing = post(&url, &request.to_string()).await.json();
    let code = missing["errcode"].as_i64().expect("an error code");
    assert_ne!(code, 0);
    assert!(endpoint.error_code(code).is_some(), "{missing}");
    assert!(
        missing["errmsg"]
            .as_str()
            .is_some_and(|m| m.contains("upload_time")),
        "{missing}"
    );

    // A later upload_time updates the stored order.
    request["upload_time"] = json!("2030-01-01T00:00:00+08:00");
    assert_eq!(
        post(&url, &request.to_string()).await.json()["errcode"],
        json!(0)
    );
    assert_eq!(sandbox.stored_order_count(endpoint.id), 1);
}

#[tokio::test]
async fn a_rule_violation_answers_the_rules_code() {
    let sandbox = sandbox();
    let token = wechat_token(&sandbox).await;
    let endpoint = endpoint("wechat.user_order.upload_shopping_info");
    let mut request = example_request(endpoint);
    // WeChat Pay order number type without a transaction id: the doc's 268485195.
    request["order_key"] =
        json!({"order_number_type": "WXPAY_TRADE_NUMBER", "mchid": "m", "out_trade_no": "o"});
    let answer = post(
        &url_with_query(&sandbox, endpoint, &token),
        &request.to_string(),
    )
    .await
    .json();
    assert_eq!(answer["errcode"], json!(268_485_195), "{answer}");
}

#[tokio::test]
async fn logistics_answers_the_doc_example_with_the_callers_order_id_once() {
    let sandbox = sandbox();
    let token = wechat_token(&sandbox).await;
    let endpoint = endpoint("wechat.logistics.add_order");
    let url = url_with_query(&sandbox, endpoint, &token);
    let mut request = example_request(endpoint);
    request["order_id"] = json!("sandbox-order-42");
    let answer = post(&url, &request.to_string()).await.json();
    assert_eq!(answer["order_id"], json!("sandbox-order-42"), "{answer}");
    assert!(answer["waybill_id"].is_string(), "{answer}");
    assert!(answer["waybill_data"].is_array(), "{answer}");
    let again = post(&url, &request.to_string()).await.json();
    assert_eq!(again["errcode"], json!(930_561), "{again}");
}

#[tokio::test]
async fn baidu_overwrites_the_doc_example_order() {
    let sandbox = sandbox();
    let token = baidu_token(&sandbox).await;
    let endpoint = endpoint("baidu.ordercenter.add_main_info");
    let url = url_with_query(&sandbox, endpoint, &token);
    let request = example_request(endpoint);
    let resource = request["Data"][0]["ResourceID"]
        .as_str()
        .expect("the example has a ResourceID")
        .to_owned();
    for _ in 0..2 {
        let answer = post(&url, &request.to_string()).await.json();
        assert_eq!(answer["errno"], json!(0), "{answer}");
        assert_eq!(
            answer["data"][0]["resource_id"],
            json!(resource),
            "{answer}"
        );
        assert_eq!(answer["data"][0]["rows_affected"], json!("1"), "{answer}");
    }
    assert_eq!(sandbox.stored_order_count(endpoint.id), 1);
    assert!(
        sandbox
            .stored_order(endpoint.id, BD_APP, &resource)
            .is_some()
    );
}
