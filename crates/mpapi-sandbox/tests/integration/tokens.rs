//! Token endpoints and token checks, over real HTTP on loopback.

use crate::common;

use std::time::Duration;

use common::*;
use serde_json::json;

fn token_url(base: &str, grant: &str, appid: &str, secret: &str) -> String {
    format!("{base}/cgi-bin/token?grant_type={grant}&appid={appid}&secret={secret}")
}

#[tokio::test]
async fn wechat_token_is_issued_and_bad_credentials_get_the_doc_codes() {
    let sandbox = start(config().token_ttl(Duration::from_secs(7200)));
    let base = sandbox.base_url().to_owned();

    let ok = get(&token_url(&base, "client_credential", WX_APP, WX_SECRET)).await;
    assert_eq!(ok.status, 200);
    let ok = ok.json();
    assert!(ok["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(ok["expires_in"], json!(7200));

    let cases = [
        (
            token_url(&base, "client_credential", WX_APP, "wrong"),
            40125,
        ),
        (
            token_url(&base, "client_credential", "wx_unknown", WX_SECRET),
            40013,
        ),
        (token_url(&base, "password", WX_APP, WX_SECRET), 40002),
        (
            format!("{base}/cgi-bin/token?grant_type=client_credential&secret=x"),
            41002,
        ),
        (
            format!("{base}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}"),
            41004,
        ),
    ];
    for (url, code) in cases {
        let answer = get(&url).await;
        assert_eq!(answer.status, 200);
        assert_eq!(answer.json()["errcode"], json!(code), "{}", answer.text);
        assert!(!answer.text.contains(WX_SECRET), "secrets are never echoed");
        assert!(answer.json().get("access_token").is_none());
    }
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
    sandbox.shutdown().expect("clean shutdown");
}

#[tokio::test]
async fn a_new_wechat_token_invalidates_the_previous_one_when_there_is_no_grace() {
    // Supersession at once needs the grace set to zero explicitly (default: 5 minutes).
    let sandbox = start(config().token_grace(Duration::ZERO));
    let first = wechat_token(&sandbox).await;
    let url_first = url(&sandbox, &USER_ORDER, &first);
    let body =
        r#"{"order_key": {"transaction_id": "t1"}, "upload_time": "2024-01-01T00:00:00+08:00"}"#;
    assert_eq!(post(&url_first, body).await.json()["errcode"], json!(0));

    let second = wechat_token(&sandbox).await;
    assert_ne!(first, second);
    let stale = post(&url_first, body).await;
    assert_eq!(stale.json()["errcode"], json!(40001));
    assert!(!stale.text.contains(&first), "tokens are never echoed");
    let body2 =
        r#"{"order_key": {"transaction_id": "t1"}, "upload_time": "2024-01-01T00:00:01+08:00"}"#;
    let fresh = post(&url(&sandbox, &USER_ORDER, &second), body2).await;
    assert_eq!(fresh.json()["errcode"], json!(0), "{}", fresh.text);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
}

#[tokio::test]
async fn the_grace_period_keeps_the_previous_token_working() {
    // The default overlap is the platform's 5 minutes.
    assert_eq!(config().token_grace, Duration::from_secs(300));
    let sandbox = start(config());
    let first = wechat_token(&sandbox).await;
    let second = wechat_token(&sandbox).await;
    assert_ne!(first, second);
    for token in [&first, &second] {
        let answer = post(&url(&sandbox, &MALL, token), "{}").await;
        assert_eq!(answer.json()["errcode"], json!(0), "{}", answer.text);
    }
}

#[tokio::test]
async fn the_previous_token_fails_once_the_grace_period_is_over() {
    let sandbox = start(config().token_grace(Duration::from_millis(400)));
    let first = wechat_token(&sandbox).await;
    let second = wechat_token(&sandbox).await;
    let within = post(&url(&sandbox, &MALL, &first), "{}").await;
    assert_eq!(within.json()["errcode"], json!(0), "{}", within.text);
    tokio::time::sleep(Duration::from_millis(600)).await;
    let after = post(&url(&sandbox, &MALL, &first), "{}").await;
    assert_eq!(after.json()["errcode"], json!(40001), "{}", after.text);
    let current = post(&url(&sandbox, &MALL, &second), "{}").await;
    assert_eq!(current.json()["errcode"], json!(0), "{}", current.text);
}

#[tokio::test]
async fn stable_token_normal_mode_hands_back_the_servers_token_and_retires_nothing() {
    // Zero grace: any retirement of the servers' token would show at once.
    let sandbox = start(config().token_grace(Duration::ZERO));
    let servers = wechat_token(&sandbox).await;
    let url_stable = format!("{}/cgi-bin/stable_token", sandbox.base_url());
    let normal = json!({"grant_type": "client_credential", "appid": WX_APP, "secret": WX_SECRET});
    for _ in 0..3 {
        let answer = post(&url_stable, &normal.to_string()).await.json();
        assert_eq!(answer["access_token"], json!(servers));
    }
    let answer = post(&url(&sandbox, &MALL, &servers), "{}").await;
    assert_eq!(answer.json()["errcode"], json!(0), "{}", answer.text);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
}

#[tokio::test]
async fn force_refresh_retires_the_previous_token_at_once_whatever_the_grace() {
    // The doc: force_refresh "会导致上次获取的 access_token 失效", with no overlap, even
    // though a client_credential refresh would leave 5 minutes.
    let sandbox = start(config());
    let servers = wechat_token(&sandbox).await;
    let url_stable = format!("{}/cgi-bin/stable_token", sandbox.base_url());
    let forced = json!({"grant_type": "client_credential", "appid": WX_APP, "secret": WX_SECRET, "force_refresh": true});
    let fresh = post(&url_stable, &forced.to_string()).await.json();
    let fresh = fresh["access_token"].as_str().expect("a token").to_owned();
    assert_ne!(fresh, servers);
    let stale = post(&url(&sandbox, &MALL, &servers), "{}").await;
    assert_eq!(stale.json()["errcode"], json!(40001), "{}", stale.text);
    let answer = post(&url(&sandbox, &MALL, &fresh), "{}").await;
    assert_eq!(answer.json()["errcode"], json!(0), "{}", answer.text);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
}

#[tokio::test]
async fn stable_token_returns_the_current_token_unless_forced() {
    let sandbox = start(config());
    let url = format!("{}/cgi-bin/stable_token", sandbox.base_url());
    let body = |force: bool| {
        json!({"grant_type": "client_credential", "appid": WX_APP, "secret": WX_SECRET, "force_refresh": force})
            .to_string()
    };
    let a = post(&url, &body(false)).await.json();
    let b = post(&url, &body(false)).await.json();
    assert_eq!(a["access_token"], b["access_token"]);
    assert!(b["expires_in"].as_u64().is_some_and(|s| s > 0 && s <= 7200));
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);

    let c = post(&url, &body(true)).await.json();
    assert_ne!(c["access_token"], a["access_token"]);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);

    let wrong = json!({"grant_type": "client_credential", "appid": WX_APP, "secret": "nope"});
    assert_eq!(
        post(&url, &wrong.to_string()).await.json()["errcode"],
        json!(40125)
    );
    assert_eq!(
        post(&url, "{not json").await.json()["errcode"],
        json!(47001)
    );
}

#[tokio::test]
async fn wechat_endpoint_token_errors() {
    let sandbox = start(config().token_ttl(Duration::from_millis(300)));
    let base = sandbox.base_url().to_owned();
    let missing = post(&format!("{base}{}", LOGISTICS.path), "{}")
        .await
        .json();
    assert_eq!(missing["errcode"], json!(41001));
    let empty = post(&url(&sandbox, &LOGISTICS, ""), "{}").await.json();
    assert_eq!(empty["errcode"], json!(41001));
    let unknown = post(&url(&sandbox, &LOGISTICS, "not-a-token"), "{}")
        .await
        .json();
    assert_eq!(unknown["errcode"], json!(40001));
    // A Baidu token is no WeChat token.
    let baidu = baidu_token(&sandbox).await;
    let cross = post(&url(&sandbox, &LOGISTICS, &baidu), "{}").await.json();
    assert_eq!(cross["errcode"], json!(40001));

    let token = wechat_token(&sandbox).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let expired = post(&url(&sandbox, &LOGISTICS, &token), "{}").await.json();
    assert_eq!(expired["errcode"], json!(42001));
    assert_eq!(expired["errmsg"], json!("access_token expired"));
}

#[tokio::test]
async fn baidu_token_is_issued_and_errors_use_the_oauth_shape() {
    let sandbox = start(config().token_ttl(Duration::from_secs(2_592_000)));
    let base = sandbox.base_url().to_owned();
    let ok = get(&format!(
        "{base}/oauth/2.0/token?grant_type=client_credentials&client_id={BD_APP}&client_secret={BD_SECRET}&scope=smartapp_snsapi_base"
    ))
    .await;
    assert_eq!(ok.status, 200);
    let ok = ok.json();
    assert!(ok["access_token"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(ok["expires_in"], json!(2_592_000));
    assert_eq!(ok["scope"], json!("smartapp_snsapi_base"));

    // POST with a form-encoded body works too.
    let form = common::http()
        .post(format!("{base}/oauth/2.0/token"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!(
            "grant_type=client_credentials&client_id={BD_APP}&client_secret={BD_SECRET}"
        ))
        .send()
        .await
        .expect("answered");
    assert_eq!(form.status().as_u16(), 200);
    assert_eq!(sandbox.baidu_token_issues(BD_APP), 2);

    let cases = [
        (
            format!("grant_type=client_credentials&client_id={BD_APP}&client_secret=bad"),
            401,
            "invalid_client",
        ),
        (
            format!("grant_type=client_credentials&client_id=nobody&client_secret={BD_SECRET}"),
            401,
            "invalid_client",
        ),
        (
            format!("grant_type=client_credentials&client_id={BD_APP}"),
            400,
            "invalid_request",
        ),
        (
            format!("grant_type=authorization_code&client_id={BD_APP}&client_secret={BD_SECRET}"),
            400,
            "unsupported_grant_type",
        ),
    ];
    for (query, status, error) in cases {
        let answer = get(&format!("{base}/oauth/2.0/token?{query}")).await;
        assert_eq!(answer.status, status, "{query}");
        assert_eq!(answer.json()["error"], json!(error));
        assert!(answer.json()["error_description"].is_string());
        assert!(!answer.text.contains(BD_SECRET));
    }
    assert_eq!(sandbox.baidu_token_issues(BD_APP), 2);
}

#[tokio::test]
async fn baidu_endpoint_token_errors_use_the_errno_envelope() {
    let sandbox = start(config());
    let body = r#"{"Data": []}"#;
    let missing = post(&format!("{}{}", sandbox.base_url(), BAIDU.path), body)
        .await
        .json();
    assert_eq!(missing["errno"], json!(100));
    assert_eq!(missing["data"], json!([]));
    let unknown = post(&url(&sandbox, &BAIDU, "nope"), body).await.json();
    assert_eq!(unknown["errno"], json!(110));
    let token = baidu_token(&sandbox).await;
    // Baidu tokens are not superseded by newer ones.
    let _newer = baidu_token(&sandbox).await;
    assert_eq!(
        post(&url(&sandbox, &BAIDU, &token), body).await.json()["errno"],
        json!(0)
    );
    sandbox.faults().expire_all_tokens();
    let expired = post(&url(&sandbox, &BAIDU, &token), body).await.json();
    assert_eq!(expired["errno"], json!(111));
    assert_eq!(expired["msg"], json!("Access token expired"));
}
