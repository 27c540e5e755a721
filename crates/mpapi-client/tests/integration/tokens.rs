//! Token providers against the sandbox's token endpoints over loopback HTTP: caching,
//! refresh ahead of expiry, expiry, single flight, shared stores, invalidation, errors.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use axum::Router;
use axum::routing::get;
use common::*;
use mpapi_client::{
    AccessToken, BaiduClientCredentials, MemoryTokenStore, TokenError, TokenProvider,
};
use mpapi_sandbox::{Fault, FaultScope, WECHAT_STABLE_TOKEN, WECHAT_TOKEN};
use mpapi_wechat::token::{WechatClientCredential, WechatStableToken};

#[tokio::test]
async fn a_fresh_token_is_cached() {
    let sandbox = start(sandbox_config());
    let p = WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
        .expect("provider builds");
    let a = p.token().await.expect("first token");
    let b = p.token().await.expect("cached token");
    assert_eq!(a, b);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
}

#[tokio::test]
async fn a_token_is_refreshed_ahead_of_expiry() {
    // Tokens live 2 s; with a 1 s margin the provider refreshes after 1 s, while the
    // first token is still valid.
    let sandbox = start(sandbox_config().token_ttl(Duration::from_secs(2)));
    let options = options(sandbox.base_url()).refresh_margin(Duration::from_secs(1));
    let p =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options).expect("provider builds");
    let first = p.token().await.expect("first token");
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(p.token().await.expect("still fresh"), first);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);

    tokio::time::sleep(Duration::from_millis(900)).await;
    let second = p.token().await.expect("refreshed token");
    assert_ne!(second, first);
    assert!(!first.is_expired_at(std::time::SystemTime::now()));
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
}

#[tokio::test]
async fn an_expired_token_is_replaced() {
    let sandbox = start(sandbox_config().token_ttl(Duration::from_secs(1)));
    let options = options(sandbox.base_url()).refresh_margin(Duration::ZERO);
    let p =
        BaiduClientCredentials::with_options(BD_APP, BD_SECRET, options).expect("provider builds");
    let first = p.token().await.expect("first token");
    assert_eq!(p.token().await.expect("cached"), first);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let second = p.token().await.expect("new token");
    assert_ne!(second, first);
    assert_eq!(sandbox.baidu_token_issues(BD_APP), 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_hundred_concurrent_calls_on_a_cold_cache_fetch_once() {
    let sandbox = start(sandbox_config());
    // Slow token answers make sure the calls overlap.
    sandbox.faults().inject_always(
        FaultScope::endpoint(WECHAT_TOKEN),
        Fault::Latency(Duration::from_millis(150)),
    );
    let p = Arc::new(
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
            .expect("provider builds"),
    );
    let tasks: Vec<_> = (0..100)
        .map(|_| {
            let p = Arc::clone(&p);
            tokio::spawn(async move { p.token().await })
        })
        .collect();
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.expect("task ran").expect("token"));
    }
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
    assert!(tokens.iter().all(|t| t == &tokens[0]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn single_flight_counted_on_a_bare_server() {
    // The same guarantee, counted by a server that does nothing but count and answer.
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let router = Router::new().route(
        "/cgi-bin/token",
        get(move || {
            let counter = Arc::clone(&counter);
            async move {
                let n = counter.fetch_add(1, Ordering::SeqCst);
                tokio::time::sleep(Duration::from_millis(100)).await;
                axum::Json(serde_json::json!({"access_token": format!("T{n}"), "expires_in": 7200}))
            }
        }),
    );
    let base = serve(router).await;
    let p = Arc::new(
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(&base))
            .expect("provider builds"),
    );
    let calls: Vec<_> = (0..100)
        .map(|_| {
            let p = Arc::clone(&p);
            tokio::spawn(async move { p.token().await })
        })
        .collect();
    for c in calls {
        let token = c.await.expect("task ran").expect("token");
        assert_eq!(token.secret().expose(), "T0");
    }
    assert_eq!(hits.load(Ordering::SeqCst), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn providers_sharing_a_store_fetch_once() {
    let sandbox = start(sandbox_config());
    sandbox.faults().inject_always(
        FaultScope::endpoint(WECHAT_STABLE_TOKEN),
        Fault::Latency(Duration::from_millis(100)),
    );
    let store = Arc::new(MemoryTokenStore::new());
    let opts = options(sandbox.base_url()).store(store);
    let a =
        Arc::new(WechatStableToken::with_options(WX_APP, WX_SECRET, opts.clone()).expect("builds"));
    let b = Arc::new(WechatStableToken::with_options(WX_APP, WX_SECRET, opts).expect("builds"));
    let mut tasks = Vec::new();
    for i in 0..40 {
        let p: Arc<dyn TokenProvider> = if i % 2 == 0 { a.clone() } else { b.clone() };
        tasks.push(tokio::spawn(async move { p.token().await }));
    }
    let mut tokens = Vec::new();
    for t in tasks {
        tokens.push(t.await.expect("task ran").expect("token"));
    }
    assert!(tokens.iter().all(|t| t == &tokens[0]));
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);
}

#[tokio::test]
async fn invalidate_drops_only_the_token_that_failed() {
    let sandbox = start(sandbox_config());
    let p = WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
        .expect("provider builds");
    let first = p.token().await.expect("first token");

    // A report about some other token changes nothing.
    p.invalidate(&AccessToken::new(
        "not-the-cached-one",
        Duration::from_secs(60),
    ));
    assert_eq!(p.token().await.expect("still cached"), first);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);

    p.invalidate(&first);
    let second = p.token().await.expect("replacement");
    assert_ne!(second, first);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);

    // A late report about the first token keeps the second.
    p.invalidate(&first);
    assert_eq!(p.token().await.expect("second stays"), second);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
}

#[tokio::test]
async fn stable_token_is_force_refreshed_after_rejection() {
    // Without force_refresh the sandbox hands back the current stable token, so a new
    // token after invalidation proves force_refresh was sent.
    let sandbox = start(sandbox_config());
    let p = WechatStableToken::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
        .expect("provider builds");
    let first = p.token().await.expect("first token");
    p.invalidate(&first);
    let second = p.token().await.expect("forced token");
    assert_ne!(first, second);
}

#[tokio::test]
async fn wrong_credentials_are_token_errors_with_advice() {
    let sandbox = start(sandbox_config());
    let p =
        WechatClientCredential::with_options(WX_APP, "wrong-secret", options(sandbox.base_url()))
            .expect("provider builds");
    let err = p.token().await.expect_err("wrong secret");
    assert!(
        matches!(err, TokenError::Wechat { errcode: 40125, .. }),
        "{err:?}"
    );
    // The advice is the doc's fix for the code, from the generated error table.
    let fix = mpapi_wechat::access_token::GetAccessTokenErrorCode::CODE_40125
        .fix()
        .expect("the doc has a fix for 40125");
    assert_eq!(err.fix(), fix);
    assert!(
        !err.to_string().contains(fix),
        "the fix is data, not glued: {err}"
    );

    let p = BaiduClientCredentials::with_options(BD_APP, "wrong", options(sandbox.base_url()))
        .expect("provider builds");
    let err = p.token().await.expect_err("wrong secret");
    assert!(
        matches!(&err, TokenError::Baidu { error, .. } if error == "invalid_client"),
        "{err:?}"
    );
    assert!(err.fix().contains("client_secret"), "{}", err.fix());
}

#[tokio::test]
async fn a_failed_refresh_falls_back_to_the_still_valid_token() {
    let sandbox = start(sandbox_config().token_ttl(Duration::from_secs(2)));
    let options = options(sandbox.base_url()).refresh_margin(Duration::from_secs(1));
    let p =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options).expect("provider builds");
    let first = p.token().await.expect("first token");
    tokio::time::sleep(Duration::from_millis(1100)).await;
    sandbox
        .faults()
        .inject(FaultScope::endpoint(WECHAT_TOKEN), Fault::SystemBusy, 1);
    assert_eq!(p.token().await.expect("fallback"), first);
}

#[tokio::test]
async fn a_token_endpoint_that_answers_nonsense_is_a_decode_error() {
    let router = Router::new().route("/cgi-bin/token", get(|| async { "<html>oops</html>" }));
    let base = serve(router).await;
    let p = WechatClientCredential::with_options(WX_APP, WX_SECRET, options(&base))
        .expect("provider builds");
    let err = p.token().await.expect_err("not a token");
    assert!(
        matches!(err, TokenError::Decode { status: 200, .. }),
        "{err:?}"
    );
}

#[tokio::test]
async fn an_unreachable_token_host_is_a_transport_error() {
    let p = WechatClientCredential::with_options(WX_APP, WX_SECRET, options(&closed_port_url()))
        .expect("provider builds");
    let err = p.token().await.expect_err("nothing listens");
    assert!(matches!(err, TokenError::Transport(_)), "{err:?}");
    assert!(err.is_transient());
}
