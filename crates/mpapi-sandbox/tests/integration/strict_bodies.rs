//! The sandbox checks request bodies strictly (undeclared members, repeated members,
//! enums in the other wire form) and refuses a body over its size limit in the platform's
//! envelope: over loopback, against the generated endpoints.

use crate::common;

use common::*;
use mpapi_runtime::EndpointInfo;
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

const ID: &str = "wechat.user_order.upload_shopping_info";

fn endpoint() -> &'static EndpointInfo {
    mpapi_wechat::endpoint(ID).expect("the endpoint is generated")
}

fn sandbox(limit: Option<usize>) -> SandboxHandle {
    let mut config =
        SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec()).wechat_app(WX_APP, WX_SECRET);
    if let Some(limit) = limit {
        config = config.body_limit(limit);
    }
    Sandbox::start(config).expect("the sandbox starts")
}

fn example() -> Value {
    let text = endpoint()
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("an example request");
    serde_json::from_str(text).expect("JSON")
}

/// The endpoint's generic parameter-error code, which violations without a code of
/// their own are answered with.
fn parameter_error_code() -> i64 {
    mpapi_sandbox::reply::parameter_error(endpoint()).0
}

async fn send(handle: &SandboxHandle, body: &str) -> Value {
    let token = wechat_token(handle).await;
    post(&url(handle, endpoint(), &token), body).await.json()
}

#[tokio::test]
async fn an_undeclared_member_is_a_parameter_error_naming_it() {
    let handle = sandbox(None);
    let mut body = example();
    assert_eq!(send(&handle, &body.to_string()).await["errcode"], 0);

    body["order_list"][0]["item_list"][0]["merchant_item_Id"] = "1".into();
    let answer = send(&handle, &body.to_string()).await;
    assert_eq!(answer["errcode"], parameter_error_code(), "{answer}");
    let message = answer["errmsg"].as_str().expect("errmsg");
    assert!(
        message.contains("order_list[0].item_list[0].merchant_item_Id")
            && message.contains("did you mean `merchant_item_id`")
            && message.contains("[unknown_member]"),
        "{message}"
    );
}

#[tokio::test]
async fn a_repeated_member_is_refused() {
    let handle = sandbox(None);
    let text = example().to_string();
    // The same member twice at the top level: the text, not a parsed value, shows it.
    let twice = text.replacen(
        '{',
        "{\"upload_time\":\"2022-05-20T13:29:35.120+08:00\",",
        1,
    );
    let answer = send(&handle, &twice).await;
    assert_eq!(answer["errcode"], parameter_error_code(), "{answer}");
    let message = answer["errmsg"].as_str().expect("errmsg");
    assert!(
        message.contains("upload_time: ") && message.contains("[duplicate_member]"),
        "{message}"
    );
}

#[tokio::test]
async fn an_enum_in_the_other_wire_form_is_refused() {
    let handle = sandbox(None);
    let mut body = example();
    // `type` is a string enum: MINI_PROGRAM is sent by name, not as its code 1.
    body["order_list"][0]["order_detail_jump_link"]["type"] = 1.into();
    let answer = send(&handle, &body.to_string()).await;
    assert_ne!(answer["errcode"], 0, "{answer}");
    let message = answer["errmsg"].as_str().expect("errmsg");
    assert!(
        message.contains("order_list[0].order_detail_jump_link.type")
            && message.contains("send \"MINI_PROGRAM\""),
        "{message}"
    );
}

#[tokio::test]
async fn a_body_over_the_limit_gets_the_envelope_with_size_and_limit() {
    let body = example().to_string();
    let limit = body.len() + 10;
    let handle = sandbox(Some(limit));
    // Just under the limit: accepted.
    assert_eq!(send(&handle, &body).await["errcode"], 0);
    // Over it, by far (the client is still sending when the sandbox decides).
    let mut big = example();
    big["padding"] = "x".repeat(limit * 50).into();
    let big = big.to_string();
    let token = wechat_token(&handle).await;
    let answer = post(&url(&handle, endpoint(), &token), &big).await;
    assert_eq!(answer.status, 200, "{}", answer.text);
    let answer = answer.json();
    assert_eq!(answer["errcode"], parameter_error_code(), "{answer}");
    let message = answer["errmsg"].as_str().expect("errmsg");
    assert!(
        message.contains(&format!("{} bytes", big.len()))
            && message.contains(&format!("limit of {limit} bytes")),
        "{message}"
    );
    // The sandbox stays usable: the same order again is judged on its content (a
    // repeated order, which the first call stored), not on its size.
    let again = send(&handle, &body).await;
    assert!(
        again["errmsg"]
            .as_str()
            .is_some_and(|m| !m.contains("limit")),
        "{again}"
    );
}
