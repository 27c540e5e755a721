//! Endpoints declared `auth: none` (`EndpointInfo::needs_token()` false): `ApiClient`
//! fetches no token for them and sends no token parameter.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::routing::post;
use common::*;
use mpapi_client::{AccessToken, Error, TokenError, TokenFuture, TokenProvider};
use mpapi_sandbox::WECHAT_STABLE_TOKEN;
use mpapi_wechat::access_token::GET_STABLE_ACCESS_TOKEN;
use serde_json::{Value, json};

/// A provider that counts the tokens asked of it and never has one.
#[derive(Default)]
struct NoTokens {
    asked: AtomicUsize,
    invalidated: AtomicUsize,
}

impl TokenProvider for NoTokens {
    fn token(&self) -> TokenFuture<'_> {
        self.asked.fetch_add(1, Ordering::SeqCst);
        Box::pin(async {
            Err(TokenError::Decode {
                status: 0,
                reason: "no token here".to_owned(),
            })
        })
    }

    fn invalidate(&self, _failed: &AccessToken) {
        self.invalidated.fetch_add(1, Ordering::SeqCst);
    }
}

fn request(secret: &str) -> Value {
    json!({"grant_type": "client_credential", "appid": WX_APP, "secret": secret})
}

#[tokio::test]
async fn an_endpoint_without_auth_is_called_with_no_token_against_the_sandbox() {
    let sandbox = start(sandbox_config());
    let provider = Arc::new(NoTokens::default());
    let api = client(sandbox.base_url(), provider.clone(), 0);
    let answer = api
        .call_json(&GET_STABLE_ACCESS_TOKEN, &[], &request(WX_SECRET))
        .await
        .expect("the call needs no token");
    assert!(
        answer["access_token"]
            .as_str()
            .is_some_and(|t| !t.is_empty())
    );
    assert_eq!(provider.asked.load(Ordering::SeqCst), 0);
    assert_eq!(sandbox.calls(WECHAT_STABLE_TOKEN), 1);
}

#[tokio::test]
async fn no_token_parameter_is_sent_and_a_rejection_renews_nothing() {
    let queries = Arc::new(std::sync::Mutex::new(Vec::new()));
    let seen = Arc::clone(&queries);
    let router = Router::new().route(
        GET_STABLE_ACCESS_TOKEN.path,
        post(move |axum::extract::RawQuery(q): axum::extract::RawQuery| {
            seen.lock().expect("lock").push(q.unwrap_or_default());
            // 40001 would make a token-taking call renew its token and repeat.
            async { axum::Json(json!({"errcode": 40001, "errmsg": "invalid credential"})) }
        }),
    );
    let base = serve(router).await;
    let provider = Arc::new(NoTokens::default());
    let api = client(&base, provider.clone(), 2);
    let err = api
        .call_json(&GET_STABLE_ACCESS_TOKEN, &[], &request("wrong"))
        .await
        .expect_err("the server refuses");
    assert!(err.is_platform_code(40001), "{err:?}");
    assert!(matches!(err, Error::Platform { .. }));
    let queries = queries.lock().expect("lock").clone();
    assert_eq!(queries, [String::new()], "one call, with no query at all");
    assert_eq!(provider.asked.load(Ordering::SeqCst), 0);
    assert_eq!(provider.invalidated.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn an_endpoint_with_auth_still_asks_the_provider() {
    let sandbox = start(sandbox_config());
    let provider = Arc::new(NoTokens::default());
    let api = client(sandbox.base_url(), provider.clone(), 0);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect_err("no token to be had");
    assert!(matches!(err, Error::Token(_)), "{err:?}");
    assert_eq!(provider.asked.load(Ordering::SeqCst), 1);
    assert_eq!(sandbox.calls(WAYBILL.id), 0);
}
