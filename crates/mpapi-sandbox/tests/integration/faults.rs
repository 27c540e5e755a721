//! Fault injection, each kind over real HTTP.

use crate::common;

use std::time::{Duration, Instant};

use common::*;
use mpapi_sandbox::{Fault, FaultRule, FaultScope, Malformation, WECHAT_TOKEN};
use serde_json::json;

fn logistics_body(id: &str) -> String {
    json!({"order_id": id, "delivery_id": "SF"}).to_string()
}

#[tokio::test]
async fn system_busy_for_the_next_n_calls_of_one_endpoint() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    sandbox
        .faults()
        .inject(FaultScope::endpoint(LOGISTICS.id), Fault::SystemBusy, 2);
    let url = url(&sandbox, &LOGISTICS, &token);
    for _ in 0..2 {
        let busy = post(&url, &logistics_body("b1")).await;
        assert_eq!(busy.status, 200);
        assert_eq!(busy.json(), json!({"errcode": -1, "errmsg": "system busy"}));
    }
    // Other endpoints were never affected; the busy calls stored nothing.
    let mall = post(&common::url(&sandbox, &MALL, &token), "{}")
        .await
        .json();
    assert_eq!(mall["errcode"], json!(0));
    assert_eq!(sandbox.stored_order_count(LOGISTICS.id), 0);
    assert_eq!(
        post(&url, &logistics_body("b1")).await.json()["order_id"],
        json!("b1")
    );
    assert!(sandbox.faults().pending().is_empty());
    assert_eq!(sandbox.calls(LOGISTICS.id), 3);
}

#[tokio::test]
async fn system_busy_takes_each_platforms_shape() {
    let sandbox = start(config());
    sandbox
        .faults()
        .inject(FaultScope::All, Fault::SystemBusy, 3);
    let base = sandbox.base_url().to_owned();
    let wx = get(&format!(
        "{base}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret={WX_SECRET}"
    ))
    .await
    .json();
    assert_eq!(wx["errcode"], json!(-1));
    let oauth = get(&format!(
        "{base}/oauth/2.0/token?grant_type=client_credentials&client_id={BD_APP}&client_secret={BD_SECRET}"
    ))
    .await;
    assert_eq!(oauth.status, 503);
    assert_eq!(oauth.json()["error"], json!("temporarily_unavailable"));
    let errno = post(&url(&sandbox, &BAIDU, "any"), "{}").await.json();
    assert_eq!(
        errno,
        json!({"errno": -1, "msg": "system busy", "data": []})
    );
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 0);
}

#[tokio::test]
async fn latency_delays_the_answer_and_then_answers_normally() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    sandbox.faults().inject(
        FaultScope::endpoint(MALL.id),
        Fault::Latency(Duration::from_millis(300)),
        1,
    );
    let url = url(&sandbox, &MALL, &token);
    let started = Instant::now();
    let slow = post(&url, "{}").await.json();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(slow["errcode"], json!(0));
    let started = Instant::now();
    post(&url, "{}").await;
    assert!(started.elapsed() < Duration::from_millis(300));
}

#[tokio::test]
async fn latency_combines_with_a_terminal_fault() {
    let sandbox = start(
        config()
            .fault(FaultRule::times(
                FaultScope::All,
                Fault::Latency(Duration::from_millis(200)),
                1,
            ))
            .fault(FaultRule::times(FaultScope::All, Fault::SystemBusy, 1)),
    );
    let started = Instant::now();
    let answer = post(&url(&sandbox, &MALL, "t"), "{}").await.json();
    assert!(started.elapsed() >= Duration::from_millis(200));
    assert_eq!(answer["errcode"], json!(-1));
}

#[tokio::test]
async fn malformed_bodies_are_not_json() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let url = url(&sandbox, &MALL, &token);
    let faults = sandbox.faults();
    for kind in [Malformation::NotJson, Malformation::Truncated] {
        faults.inject(FaultScope::endpoint(MALL.id), Fault::MalformedBody(kind), 1);
        let answer = post(&url, "{}").await;
        assert_eq!(answer.status, 200);
        assert!(!answer.text.is_empty());
        assert!(
            serde_json::from_str::<serde_json::Value>(&answer.text).is_err(),
            "{kind:?}: {}",
            answer.text
        );
    }
    assert_eq!(post(&url, "{}").await.json()["errcode"], json!(0));
}

#[tokio::test]
async fn a_dropped_connection_gets_no_answer() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let url = url(&sandbox, &MALL, &token);
    sandbox
        .faults()
        .inject(FaultScope::endpoint(MALL.id), Fault::DropConnection, 1);
    let dropped = try_post(&url, "{}").await;
    let error = match dropped {
        Ok(answer) => panic!("expected no answer, got {} {}", answer.status, answer.text),
        Err(error) => error,
    };
    assert!(
        error.status().is_none(),
        "no HTTP status was received: {error}"
    );
    // The server is still up for the next call.
    assert_eq!(post(&url, "{}").await.json()["errcode"], json!(0));
}

#[tokio::test]
async fn faults_can_target_the_token_endpoint_and_be_cleared() {
    let sandbox = start(config());
    let faults = sandbox.faults();
    faults.inject_always(FaultScope::endpoint(WECHAT_TOKEN), Fault::SystemBusy);
    let url = format!(
        "{}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret={WX_SECRET}",
        sandbox.base_url()
    );
    for _ in 0..3 {
        assert_eq!(get(&url).await.json()["errcode"], json!(-1));
    }
    assert_eq!(faults.pending().len(), 1);
    faults.clear();
    assert!(get(&url).await.json()["access_token"].is_string());
    assert_eq!(sandbox.calls(WECHAT_TOKEN), 4);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
}

#[tokio::test]
async fn expiring_all_tokens_now() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let url = url(&sandbox, &MALL, &token);
    assert_eq!(post(&url, "{}").await.json()["errcode"], json!(0));
    sandbox.faults().expire_all_tokens();
    assert_eq!(post(&url, "{}").await.json()["errcode"], json!(42_001));
    // A token issued afterwards works.
    let fresh = wechat_token(&sandbox).await;
    let answer = post(&common::url(&sandbox, &MALL, &fresh), "{}")
        .await
        .json();
    assert_eq!(answer["errcode"], json!(0));
}

#[tokio::test]
async fn shutdown_stops_answering() {
    let sandbox = start(config());
    let base = sandbox.base_url().to_owned();
    assert!(base.starts_with("http://127.0.0.1:"));
    sandbox.shutdown().expect("clean shutdown");
    assert!(
        try_post(&format!("{base}/mall/importorder"), "{}")
            .await
            .is_err()
    );
}
