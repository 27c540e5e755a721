//! `Sandbox::router`: the request handling without a socket answers as the server does.

use crate::common;

use axum::Router;
use axum::body::Body;
use axum::http::{Method, Request};
use common::*;
use mpapi_sandbox::Sandbox;
use serde_json::{Value, json};
use tower::ServiceExt;

/// Sends one request to the router: status and body text.
async fn send(router: &Router, method: Method, uri: &str, body: &str) -> Answer {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .body(Body::from(body.to_owned()))
        .expect("a valid request");
    let response = router
        .clone()
        .oneshot(request)
        .await
        .expect("the router never fails");
    let status = response.status().as_u16();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .expect("the body is in memory");
    Answer {
        status,
        text: String::from_utf8(bytes.to_vec()).expect("the body is text"),
    }
}

fn path(endpoint: &mpapi_runtime::EndpointInfo, token: &str) -> String {
    format!("{}?{}={token}", endpoint.path, endpoint.token_param)
}

#[tokio::test]
async fn the_router_answers_a_sequence_of_calls_as_the_server_does() {
    let router = Sandbox::router(config()).expect("distinct routes");
    let token_path =
        format!("/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret={WX_SECRET}");
    let issued = send(&router, Method::GET, &token_path, "").await;
    assert_eq!(issued.status, 200);
    let token = issued.json()["access_token"]
        .as_str()
        .expect("a token is issued")
        .to_owned();

    let sandbox = start(config());
    let http_token = wechat_token(&sandbox).await;

    let valid = json!({"order_id": "router-1", "delivery_id": "SF"}).to_string();
    let too_long = json!({"order_id": "x".repeat(513), "delivery_id": "SF"}).to_string();
    for body in [valid.as_str(), too_long.as_str(), "not json", "{}"] {
        let in_process = send(&router, Method::POST, &path(&LOGISTICS, &token), body).await;
        let over_http = post(&url(&sandbox, &LOGISTICS, &http_token), body).await;
        assert_eq!(in_process.status, over_http.status, "{body}");
        assert_eq!(in_process.json(), over_http.json(), "{body}");
    }
    // The first call was stored: sending it again is refused the same way by both, so the
    // router keeps the state between calls as the server does.
    assert_eq!(sandbox.stored_order_count(LOGISTICS.id), 1);
    let again = send(&router, Method::POST, &path(&LOGISTICS, &token), &valid).await;
    let over_http = post(&url(&sandbox, &LOGISTICS, &http_token), &valid).await;
    assert_eq!(again.json(), over_http.json());
    assert!(
        again.json()["errcode"].as_i64().is_some_and(|c| c != 0),
        "{}",
        again.text
    );
}

#[tokio::test]
async fn the_router_refuses_what_the_server_refuses() {
    let router = Sandbox::router(config()).expect("distinct routes");
    // A wrong token gets the platform's token error, not an answer.
    let answer = send(
        &router,
        Method::POST,
        &path(&LOGISTICS, "not-a-token"),
        r#"{"order_id": "a", "delivery_id": "SF"}"#,
    )
    .await;
    assert_eq!(answer.status, 200);
    let code = answer.json()["errcode"].as_i64();
    assert!(code.is_some_and(|c| c != 0), "{}", answer.text);
    // An unknown route is a 404 that does not echo the URL (its query holds the token).
    let answer = send(
        &router,
        Method::GET,
        "/nowhere?access_token=secret-token",
        "",
    )
    .await;
    assert_eq!(answer.status, 404);
    assert!(!answer.text.contains("secret-token"));
    // A wrong app secret gets no token.
    let answer = send(
        &router,
        Method::GET,
        &format!("/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret=wrong"),
        "",
    )
    .await
    .json();
    assert_eq!(answer["errcode"], json!(40125));
    assert_eq!(answer.get("access_token"), None::<&Value>);
}
