//! Configured endpoints: routing, validation, envelopes, success answers.

use crate::common;

use common::*;
use serde_json::json;

#[tokio::test]
async fn a_valid_body_gets_the_doc_example_with_the_callers_order_id() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let body = json!({"order_id": "my-order-7", "delivery_id": "SF"}).to_string();
    let answer = post(&url(&sandbox, &LOGISTICS, &token), &body).await;
    assert_eq!(answer.status, 200);
    let answer = answer.json();
    // The first *successful* example is used, not the doc's failure example.
    assert_eq!(answer["order_id"], json!("my-order-7"));
    assert_eq!(answer["waybill_id"], json!("123456789"));
    assert_eq!(answer["waybill_data"][0]["key"], json!("SF_bagAddr"));
    assert!(answer.get("errcode").is_none());
    assert_eq!(sandbox.calls(LOGISTICS.id), 1);
}

#[tokio::test]
async fn an_invalid_body_answers_the_first_coded_violation_and_lists_them_all() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let body = json!({"order_id": "x".repeat(513)}).to_string();
    let answer = post(&url(&sandbox, &LOGISTICS, &token), &body).await.json();
    // delivery_id (no code) is reported first; order_id's 9300526 is the first with a code.
    assert_eq!(answer["errcode"], json!(9_300_526));
    let message = answer["errmsg"].as_str().expect("errmsg is text");
    assert!(message.starts_with("字段长度不正确"), "{message}");
    assert!(message.contains("2 violations"), "{message}");
    assert!(
        message.contains("delivery_id: missing [required]"),
        "{message}"
    );
    assert!(message.contains("order_id: 513 bytes"), "{message}");
    assert_eq!(sandbox.stored_order_count(LOGISTICS.id), 0);
}

#[tokio::test]
async fn violations_without_codes_answer_the_endpoints_generic_parameter_error() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let answer = post(&url(&sandbox, &LOGISTICS, &token), "{}").await.json();
    assert_eq!(answer["errcode"], json!(930_561));
    assert!(
        answer["errmsg"]
            .as_str()
            .is_some_and(|m| m.contains("2 violations"))
    );

    let answer = post(
        &url(&sandbox, &USER_ORDER, &token),
        r#"{"upload_time": "2024-01-01T00:00:00Z"}"#,
    )
    .await
    .json();
    assert_eq!(answer["errcode"], json!(268_435_461));

    let baidu = baidu_token(&sandbox).await;
    let answer = post(&url(&sandbox, &BAIDU, &baidu), "{}").await.json();
    assert_eq!(answer["errno"], json!(100));
    assert!(
        answer["msg"]
            .as_str()
            .is_some_and(|m| m.contains("Data: missing"))
    );
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_data_format_error() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let answer = post(&url(&sandbox, &LOGISTICS, &token), "{\"order_id\": ")
        .await
        .json();
    assert_eq!(answer["errcode"], json!(47_001));
    let baidu = baidu_token(&sandbox).await;
    let answer = post(&url(&sandbox, &BAIDU, &baidu), "<xml/>").await.json();
    assert_eq!(answer["errno"], json!(100));
    assert!(
        answer["msg"]
            .as_str()
            .is_some_and(|m| m.starts_with("data format error"))
    );
}

#[tokio::test]
async fn fixed_query_parameters_are_part_of_the_route() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let ok = post(&url(&sandbox, &MALL, &token), r#"{"order_list": []}"#).await;
    assert_eq!(ok.json(), json!({"errcode": 0, "errmsg": "ok"}));

    // The path is real: without its fixed parameter (or with another value) the call is
    // answered in the envelope, with the endpoint's generic parameter error naming it.
    let without_action = format!("{}{}?access_token={token}", sandbox.base_url(), MALL.path);
    let missing = post(&without_action, "{}").await;
    assert_eq!(missing.status, 200);
    assert!(
        !missing.text.contains(&token),
        "the URL and its token are not echoed"
    );
    let missing = missing.json();
    assert_eq!(missing["errcode"], json!(9_009_098), "{missing}");
    let message = missing["errmsg"].as_str().expect("errmsg is text");
    assert!(message.contains("action=add-order"), "{message}");
    let wrong = post(&format!("{without_action}&action=delete-order"), "{}").await;
    assert_eq!(wrong.status, 200);
    assert_eq!(wrong.json()["errcode"], json!(9_009_098));
    // The token is checked first, as for any call.
    let no_token = format!("{}{}", sandbox.base_url(), MALL.path);
    assert_eq!(post(&no_token, "{}").await.json()["errcode"], json!(41_001));
    assert_eq!(sandbox.stored_order_count(MALL.id), 0);
    let other_path = post(&format!("{}/nowhere", sandbox.base_url()), "{}").await;
    assert_eq!(other_path.status, 404);
    let wrong_method = get(&url(&sandbox, &LOGISTICS, &token)).await;
    assert_eq!(wrong_method.status, 404);
}

#[tokio::test]
async fn baidu_success_lists_the_imported_orders() {
    let sandbox = start(config());
    let token = baidu_token(&sandbox).await;
    let body = json!({"Data": [{"ResourceID": "r1", "BizAPPID": "biz", "CateID": 1}]}).to_string();
    let answer = post(&url(&sandbox, &BAIDU, &token), &body).await.json();
    assert_eq!(
        answer,
        json!({"errno": 0, "msg": "success", "data": [
            {"biz_app_id": "biz", "cate_id": "1", "resource_id": "r1", "rows_affected": "1"}
        ]})
    );
}

#[test]
fn conflicting_configurations_are_refused() {
    let twice = mpapi_sandbox::SandboxConfig::new(vec![&LOGISTICS, &LOGISTICS]);
    let error = mpapi_sandbox::Sandbox::start(twice).expect_err("the same route twice is refused");
    assert!(
        matches!(error, mpapi_sandbox::SandboxError::DuplicateRoute { .. }),
        "{error}"
    );
}

#[test]
fn config_debug_output_hides_secrets() {
    let shown = format!("{:?}", config());
    assert!(shown.contains(WX_APP));
    assert!(
        !shown.contains(WX_SECRET) && !shown.contains(BD_SECRET),
        "{shown}"
    );
}
