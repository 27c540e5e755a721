//! No token, app secret or authorizer token appears in the `Display` or `Debug` of any
//! error, configuration, provider, client or token, including transport errors whose
//! request URL carried `access_token=`.

use crate::common;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::RawQuery;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use common::*;
use mpapi_client::{
    AccessToken, ApiClient, BaiduClientCredentials, Error, MemoryTokenStore, Secret, StaticToken,
    TokenOptions, TokenProvider,
};
use mpapi_sandbox::{Fault, FaultScope};
use mpapi_wechat::token::{WechatClientCredential, WechatStableToken};
use serde_json::{Value, json};

const AUTHORIZER: &str = "AUTHORIZER-token-5e6f7a";

/// Renders `Display` and `Debug` (plain and pretty) of `value`, and the `Display` and
/// `Debug` of every error in its `source()` chain.
fn renders<T: std::error::Error>(value: &T) -> String {
    let mut out = format!("{value}\n{value:?}\n{value:#?}");
    let mut source = value.source();
    while let Some(cause) = source {
        out.push_str(&format!("\ncaused by: {cause}\n{cause:?}"));
        source = cause.source();
    }
    out
}

fn renders_debug<T: std::fmt::Debug>(value: &T) -> String {
    format!("{value:?}\n{value:#?}")
}

fn assert_clean(what: &str, text: &str, secrets: &[&str]) {
    for s in secrets {
        assert!(!s.is_empty());
        assert!(!text.contains(s), "{what} leaks {s:?}:\n{text}");
    }
}

/// A server whose every answer echoes the request's query (which holds the token)
/// in the body, the message or an unparsable page.
async fn echo_server() -> String {
    let router = Router::new()
        .route(
            "/custom",
            post(|RawQuery(q): RawQuery| async move {
                let q = q.unwrap_or_default();
                if q.contains("mode=msg") {
                    axum::Json(json!({"errcode": 12345, "errmsg": format!("bad call {q}")}))
                        .into_response()
                } else {
                    format!("<html>cannot serve {q}</html>").into_response()
                }
            }),
        )
        .route(
            "/slow",
            post(|| async {
                tokio::time::sleep(Duration::from_secs(2)).await;
                "late"
            }),
        )
        .route(
            "/cgi-bin/token",
            get(|RawQuery(q): RawQuery| async move {
                axum::Json(json!({"errcode": 40125, "errmsg": format!("invalid appsecret in {}", q.unwrap_or_default())}))
            }),
        );
    serve(router).await
}

static SLOW: mpapi_runtime::EndpointInfo = mpapi_runtime::EndpointInfo {
    id: "wechat.test.slow",
    path: "/slow",
    ..CUSTOM
};

#[tokio::test]
async fn nothing_prints_a_secret() {
    let sandbox = start(sandbox_config());
    let echo = echo_server().await;
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut record = |what: &str, text: String| texts.push((what.to_owned(), text));

    // Providers and their options, with a token cached.
    let store = Arc::new(MemoryTokenStore::new());
    let opts = options(sandbox.base_url()).store(store.clone());
    let wechat = Arc::new(
        WechatClientCredential::with_options(WX_APP, WX_SECRET, opts.clone()).expect("builds"),
    );
    let stable = WechatStableToken::with_options(WX_APP, WX_SECRET, opts.clone()).expect("builds");
    let baidu =
        BaiduClientCredentials::with_options(BD_APP, BD_SECRET, opts.clone()).expect("builds");
    let authorizer = Arc::new(StaticToken::new(AUTHORIZER));
    let wx_token = wechat.token().await.expect("token");
    let bd_token = baidu.token().await.expect("token");
    let _ = stable.token().await.expect("token");
    record("WechatClientCredential", renders_debug(&wechat));
    record("WechatStableToken", renders_debug(&stable));
    record("BaiduClientCredentials", renders_debug(&baidu));
    record("StaticToken", renders_debug(&authorizer));
    record("MemoryTokenStore", renders_debug(&store));
    record("TokenOptions", renders_debug(&opts));
    record("AccessToken", renders_debug(&wx_token));
    let secret = Secret::new(WX_SECRET);
    record("Secret", format!("{secret}\n{secret:?}"));

    // Clients and their builder.
    let builder = ApiClient::builder()
        .base_url(&echo)
        .token_provider(authorizer.clone())
        .timeout(Duration::from_millis(300))
        .retry(fast_retry(0));
    record("ApiClientBuilder", renders_debug(&builder));
    let api = builder.build().expect("builds");
    record("ApiClient", renders_debug(&api));

    // Transport: connection refused, with the token in the URL.
    let refused = client(&closed_port_url(), authorizer.clone(), 1);
    let err = refused
        .call::<_, Value>(&CUSTOM, &[], &json!({}))
        .await
        .expect_err("nothing listens");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    record("Transport (refused)", renders(&err));

    // Transport: timeout.
    let err = api
        .call::<_, Value>(&SLOW, &[], &json!({}))
        .await
        .expect_err("too slow");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    record("Transport (timeout)", renders(&err));

    // Transport: dropped connection, against the sandbox with a fetched token.
    sandbox
        .faults()
        .inject_always(FaultScope::endpoint(WAYBILL.id), Fault::DropConnection);
    let wx_api = client(sandbox.base_url(), wechat.clone(), 0);
    let err = wx_api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect_err("dropped");
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    record("Transport (dropped)", renders(&err));

    // Decode: the unparsable body echoes the token.
    let err = api
        .call::<_, Value>(&CUSTOM, &[], &json!({}))
        .await
        .expect_err("not JSON");
    assert!(matches!(err, Error::Decode { .. }), "{err:?}");
    record("Decode", renders(&err));

    // Platform: the message echoes the token.
    let err = api
        .call::<_, Value>(&CUSTOM, &[("mode", "msg".to_owned())], &json!({}))
        .await
        .expect_err("errcode 12345");
    assert!(err.is_platform_code(12345), "{err:?}");
    record("Platform", renders(&err));

    // Validation.
    let err = wx_api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::default())
        .await
        .expect_err("invalid");
    record("Validation", renders(&err));

    // Token errors: refused token host (secret in the URL), and a message that echoes
    // the secret.
    let unreachable =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(&closed_port_url()))
            .expect("builds");
    let err = unreachable.token().await.expect_err("nothing listens");
    record("TokenError::Transport", renders(&err));
    let api_err: Error = Error::from(err);
    record("Error::Token", renders(&api_err));
    let echoing =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(&echo)).expect("builds");
    let err = echoing.token().await.expect_err("40125");
    record("TokenError::Wechat", renders(&err));
    let decoding = BaiduClientCredentials::with_options(
        BD_APP,
        BD_SECRET,
        TokenOptions::default().base_url(&echo),
    )
    .expect("builds");
    let err = decoding.token().await.expect_err("no such route");
    record("TokenError (baidu, 404)", renders(&err));

    let secrets = [
        WX_SECRET,
        BD_SECRET,
        AUTHORIZER,
        wx_token.secret().expose(),
        bd_token.secret().expose(),
    ];
    for (what, text) in &texts {
        assert_clean(what, text, &secrets);
    }
    // The checks above looked at real renderings, not empty strings.
    assert!(texts.iter().any(|(_, t)| t.contains("Secret(***)")));
    assert!(texts.iter().any(|(_, t)| t.contains("access_token=***")));
}

#[test]
fn access_tokens_and_secrets_render_as_stars() {
    let token = AccessToken::new("TOKEN-VALUE-1", Duration::from_secs(60));
    let text = renders_debug(&token);
    assert!(text.contains("Secret(***)"));
    assert!(!text.contains("TOKEN-VALUE-1"));
    let secret = Secret::new("S3CR3T");
    assert_eq!(secret.to_string(), "Secret(***)");
    assert_eq!(format!("{secret:?}"), "Secret(***)");
    assert_eq!(secret.expose(), "S3CR3T");
}
