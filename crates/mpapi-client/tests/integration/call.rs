//! `ApiClient::call` against the sandbox and small hand-made servers over loopback HTTP:
//! success, envelopes, retries, token renewal, timeouts, malformed answers, dropped
//! connections, local validation.

use crate::common;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::Router;
use axum::routing::post;
use common::*;
use mpapi_client::{ApiClient, EXCERPT_MAX_BYTES, Error, StaticToken, TransportErrorKind};
use mpapi_sandbox::{Fault, FaultScope, Malformation};
use mpapi_wechat::token::WechatClientCredential;
use serde_json::{Value, json};

fn wechat_client(base: &str, retries: u32) -> ApiClient {
    let provider = WechatClientCredential::with_options(WX_APP, WX_SECRET, options(base))
        .expect("provider builds");
    client(base, Arc::new(provider), retries)
}

#[tokio::test]
async fn a_valid_call_succeeds() {
    let sandbox = start(sandbox_config());
    let api = wechat_client(sandbox.base_url(), 0);
    let answer: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect("the call succeeds");
    assert_eq!(answer.errcode, 0);
    assert_eq!(sandbox.calls(WAYBILL.id), 1);
}

#[tokio::test]
async fn an_invalid_body_is_never_sent() {
    let sandbox = start(sandbox_config());
    let api = wechat_client(sandbox.base_url(), 2);
    let body = Waybill {
        order_id: Some("x".repeat(17)),
        delivery_id: None,
    };
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &body)
        .await
        .expect_err("invalid body");
    let Error::Validation(violations) = &err else {
        panic!("expected a validation error, got {err:?}");
    };
    let paths: Vec<_> = violations.iter().map(|v| v.path.as_str()).collect();
    assert_eq!(paths, ["order_id", "delivery_id"]);
    assert!(
        err.to_string().starts_with("the request was not sent"),
        "{err}"
    );
    assert_eq!(
        err.fix().as_deref(),
        Some("fix the listed fields and call again")
    );
    assert_eq!(sandbox.calls(WAYBILL.id), 0);
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 0);

    // call_json validates with the endpoint's own validator, just as strictly.
    let err = api
        .call_json(&WAYBILL, &[], &json!({"order_id": "1"}))
        .await
        .expect_err("invalid body");
    assert!(
        matches!(err, Error::Validation(ref v) if v.len() == 1),
        "{err:?}"
    );
    assert_eq!(sandbox.calls(WAYBILL.id), 0);
}

#[tokio::test]
async fn validation_can_be_turned_off() {
    let sandbox = start(sandbox_config());
    let provider =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
            .expect("provider builds");
    let api = ApiClient::builder()
        .base_url(sandbox.base_url())
        .token_provider(Arc::new(provider))
        .validate_requests(false)
        .retry(fast_retry(0))
        .build()
        .expect("builds");
    let body = Waybill {
        order_id: Some("x".repeat(17)),
        delivery_id: Some("SF".into()),
    };
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &body)
        .await
        .expect_err("the sandbox rejects it");
    // The sandbox's validator (16 bytes, code 9300526) answers instead; the doc row is found.
    match &err {
        Error::Platform { code, .. } => {
            assert_eq!(code.code(), 9_300_526);
            assert_eq!(
                code.fix(),
                Some("Shorten the field to the documented length.")
            );
            assert_eq!(code.message(), Some("字段长度不正确"));
        }
        other => panic!("expected a platform error, got {other:?}"),
    }
    // What happened is the message; what to do is data, not glued into it.
    assert_eq!(
        err.to_string(),
        format!(
            "platform error 9300526: {}",
            match &err {
                Error::Platform { message, .. } => message.as_str(),
                _ => "",
            }
        )
    );
    assert_eq!(
        err.fix().as_deref(),
        Some("Shorten the field to the documented length.")
    );
    assert_eq!(sandbox.calls(WAYBILL.id), 1);
}

#[tokio::test]
async fn system_busy_is_retried_then_succeeds() {
    let sandbox = start(sandbox_config());
    sandbox
        .faults()
        .inject(FaultScope::endpoint(WAYBILL.id), Fault::SystemBusy, 2);
    let api = wechat_client(sandbox.base_url(), 2);
    let answer: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect("third attempt succeeds");
    assert_eq!(answer.errcode, 0);
    assert_eq!(sandbox.calls(WAYBILL.id), 3);
}

#[tokio::test]
async fn exhausted_retries_give_the_platform_error() {
    let sandbox = start(sandbox_config());
    sandbox
        .faults()
        .inject_always(FaultScope::endpoint(WAYBILL.id), Fault::SystemBusy);
    let api = wechat_client(sandbox.base_url(), 2);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect_err("always busy");
    match &err {
        Error::Busy { attempts, .. } => assert_eq!(*attempts, 3),
        other => panic!("expected the busy error, got {other:?}"),
    }
    assert!(err.is_platform_code(-1));
    assert_eq!(err.platform_code(), Some(-1));
    // One attempt plus two retries, never more.
    assert_eq!(sandbox.calls(WAYBILL.id), 3);
}

#[tokio::test]
async fn a_rejected_token_is_renewed_once() {
    let sandbox = start(sandbox_config());
    let api = wechat_client(sandbox.base_url(), 0);
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect("first call");
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 1);

    // The sandbox now answers 42001 for the cached token: the client must fetch a new
    // token and repeat the call once, even with retries disabled.
    sandbox.faults().expire_all_tokens();
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::numbered(2))
        .await
        .expect("second call after renewal");
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 2);
    assert_eq!(sandbox.calls(WAYBILL.id), 3);
}

#[tokio::test]
async fn a_superseded_token_40001_is_renewed_once() {
    // No overlap, so that the supersession shows at once (the default is 5 minutes).
    let sandbox = start(sandbox_config().token_grace(Duration::ZERO));
    let api = wechat_client(sandbox.base_url(), 0);
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::numbered(1))
        .await
        .expect("first call");
    // Another instance with its own cache fetches a token: with no overlap WeChat retires
    // ours at once, so our next call is answered 40001.
    let other =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
            .expect("provider builds");
    let _ = mpapi_client::TokenProvider::token(&other)
        .await
        .expect("other token");
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::numbered(2))
        .await
        .expect("renewed after 40001");
    assert_eq!(sandbox.wechat_token_issues(WX_APP), 3);
    assert_eq!(sandbox.calls(WAYBILL.id), 3);
}

#[tokio::test]
async fn a_token_rejected_twice_is_not_renewed_forever() {
    // A server that rejects every token as invalid (40001).
    let hits = Arc::new(AtomicUsize::new(0));
    let counter = Arc::clone(&hits);
    let router = Router::new().route(
        "/custom",
        post(move || {
            counter.fetch_add(1, Ordering::SeqCst);
            async { axum::Json(json!({"errcode": 40001, "errmsg": "invalid credential"})) }
        }),
    );
    let base = serve(router).await;
    let api = client(&base, Arc::new(StaticToken::new("T")), 3);
    let err = api
        .call::<_, Value>(&CUSTOM, &[], &json!({}))
        .await
        .expect_err("always rejected");
    assert!(err.is_platform_code(40001), "{err:?}");
    assert_eq!(hits.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_slow_server_times_out_as_a_transport_error() {
    let sandbox = start(sandbox_config());
    let provider =
        WechatClientCredential::with_options(WX_APP, WX_SECRET, options(sandbox.base_url()))
            .expect("provider builds");
    let api = ApiClient::builder()
        .base_url(sandbox.base_url())
        .token_provider(Arc::new(provider))
        .timeout(Duration::from_millis(200))
        .retry(fast_retry(1))
        .build()
        .expect("builds");
    sandbox.faults().inject_always(
        FaultScope::endpoint(WAYBILL.id),
        Fault::Latency(Duration::from_secs(1)),
    );
    let started = Instant::now();
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect_err("too slow");
    match &err {
        Error::Transport(t) => {
            assert_eq!(t.kind(), TransportErrorKind::Timeout);
            assert_eq!(t.attempts(), 2);
        }
        other => panic!("expected a timeout, got {other:?}"),
    }
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        err.fix().is_some_and(|f| f.contains("raise the timeout")),
        "{:?}",
        err.fix()
    );
}

#[tokio::test]
async fn a_dropped_connection_is_retried_then_reported() {
    let sandbox = start(sandbox_config());
    sandbox
        .faults()
        .inject(FaultScope::endpoint(WAYBILL.id), Fault::DropConnection, 1);
    let api = wechat_client(sandbox.base_url(), 1);
    let _: WaybillAnswer = api
        .call(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect("the retry succeeds");

    sandbox
        .faults()
        .inject_always(FaultScope::endpoint(WAYBILL.id), Fault::DropConnection);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::numbered(2))
        .await
        .expect_err("always dropped");
    match &err {
        Error::Transport(t) => assert_eq!(t.attempts(), 2),
        other => panic!("expected a transport error, got {other:?}"),
    }
}

#[tokio::test]
async fn a_malformed_body_is_a_decode_error() {
    let sandbox = start(sandbox_config());
    sandbox.faults().inject(
        FaultScope::endpoint(WAYBILL.id),
        Fault::MalformedBody(Malformation::Truncated),
        1,
    );
    let api = wechat_client(sandbox.base_url(), 2);
    let err = api
        .call::<_, Value>(&WAYBILL, &[], &Waybill::valid())
        .await
        .expect_err("truncated JSON");
    match &err {
        Error::Decode {
            status, excerpt, ..
        } => {
            assert_eq!(*status, 200);
            assert!(!excerpt.is_empty());
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
    // A 200 answer that is not JSON is not retried.
    assert_eq!(sandbox.calls(WAYBILL.id), 1);
}

#[tokio::test]
async fn the_excerpt_of_a_huge_body_is_bounded_on_a_char_boundary() {
    let router = Router::new().route(
        "/custom",
        post(|| async { format!("<html>{}</html>", "错误".repeat(2000)) }),
    );
    let base = serve(router).await;
    let api = client(&base, Arc::new(StaticToken::new("T")), 0);
    let err = api
        .call::<_, Value>(&CUSTOM, &[], &json!({}))
        .await
        .expect_err("not JSON");
    let Error::Decode {
        excerpt, status, ..
    } = &err
    else {
        panic!("expected a decode error, got {err:?}");
    };
    assert_eq!(*status, 200);
    assert!(excerpt.starts_with("<html>错误"));
    let kept = excerpt.trim_end_matches('…');
    assert!(kept.len() <= EXCERPT_MAX_BYTES, "{} bytes", kept.len());
    assert!(kept.len() > EXCERPT_MAX_BYTES - 4);
    assert!(excerpt.ends_with('…'));
}

#[tokio::test]
async fn an_answer_of_the_wrong_shape_is_a_decode_error() {
    let router = Router::new().route(
        "/custom",
        post(|| async { axum::Json(json!({"errcode": 0, "waybill_id": 12})) }),
    );
    let base = serve(router).await;
    let api = client(&base, Arc::new(StaticToken::new("T")), 0);
    let err = api
        .call::<_, WaybillAnswer>(&CUSTOM, &[], &json!({}))
        .await
        .expect_err("waybill_id is not a string");
    assert!(
        matches!(&err, Error::Decode { reason, .. } if reason.contains("response type")),
        "{err:?}"
    );
}

#[tokio::test]
async fn errno_envelope_accepts_string_codes_and_sends_query_parameters() {
    let router = Router::new().route(
        "/custom",
        post(
            |axum::extract::RawQuery(q): axum::extract::RawQuery| async move {
                let q = q.unwrap_or_default();
                if q.contains("open_id=user+1") && q.contains("action=test") {
                    axum::Json(json!({"errno": "0", "msg": "success", "data": [q]}))
                } else {
                    axum::Json(json!({"errno": "100", "msg": "bad query"}))
                }
            },
        ),
    );
    let base = serve(router).await;
    let api = client(&base, Arc::new(StaticToken::new("T")), 0);
    let answer: Value = api
        .call(
            &CUSTOM_ERRNO,
            &[("open_id", "user 1".to_owned())],
            &json!({}),
        )
        .await
        .expect("errno \"0\" is success");
    assert_eq!(answer["msg"], "success");
    let query = answer["data"][0].as_str().unwrap_or_default();
    assert!(query.contains("access_token=T"), "{query}");

    let err = api
        .call::<_, Value>(&CUSTOM_ERRNO, &[], &json!({}))
        .await
        .expect_err("errno \"100\" is a failure");
    assert!(
        matches!(&err, Error::Platform { code, message } if code.code() == 100 && !code.is_known() && message == "bad query"),
        "{err:?}"
    );
    assert!(
        err.fix()
            .is_some_and(|f| f.contains("not in the endpoint's error table")),
        "{err}"
    );
}

#[tokio::test]
async fn baidu_calls_work_end_to_end_and_renew_expired_tokens() {
    let sandbox = start(sandbox_config());
    let provider = mpapi_client::BaiduClientCredentials::with_options(
        BD_APP,
        BD_SECRET,
        options(sandbox.base_url()),
    )
    .expect("provider builds");
    let api = client(sandbox.base_url(), Arc::new(provider), 0);
    let query = [("open_id", "o1".to_owned()), ("scene_id", "s1".to_owned())];
    let first: Value = api
        .call_json(&BAIDU_ORDER, &query, &json!({"Data": []}))
        .await
        .expect("errno 0");
    assert_eq!(first["errno"], 0);
    sandbox.faults().expire_all_tokens();
    let _: Value = api
        .call_json(&BAIDU_ORDER, &query, &json!({"Data": []}))
        .await
        .expect("renewed after errno 111");
    assert_eq!(sandbox.baidu_token_issues(BD_APP), 2);
}

#[tokio::test]
async fn building_without_a_provider_or_with_a_bad_url_fails() {
    let err = ApiClient::builder().build().expect_err("no provider");
    assert!(err.to_string().contains(".token_provider("), "{err}");
    let err = ApiClient::builder()
        .token_provider(Arc::new(StaticToken::new("T")))
        .base_url("ftp://example.invalid")
        .build()
        .expect_err("not http");
    assert!(
        matches!(err, mpapi_client::BuildError::InvalidBaseUrl { .. }),
        "{err:?}"
    );
}

/// Answers with the query string it received and which server it is; `rejections` first
/// answers of each server say the token is invalid (40001).
fn query_echo(server: &'static str, rejections: usize) -> Router {
    let seen = Arc::new(AtomicUsize::new(0));
    Router::new().route(
        "/custom",
        post(
            move |axum::extract::RawQuery(q): axum::extract::RawQuery| async move {
                if seen.fetch_add(1, Ordering::SeqCst) < rejections {
                    return axum::Json(json!({"errcode": 40001, "errmsg": "invalid credential"}));
                }
                axum::Json(json!({"errcode": 0, "server": server, "query": q}))
            },
        ),
    )
}

#[tokio::test]
async fn every_call_builds_its_own_query_on_the_endpoints_url() {
    let one = serve(query_echo("one", 0)).await;
    let two = serve(query_echo("two", 1)).await;
    let api_one = client(&one, Arc::new(StaticToken::new("T1")), 0);
    let api_two = client(&two, Arc::new(StaticToken::new("T2")), 0);
    let sent = |api: &ApiClient, query: Vec<(&'static str, String)>| {
        let api = api.clone();
        async move {
            let answer: Value = api
                .call(&CUSTOM, &query, &json!({}))
                .await
                .expect("answered");
            (
                answer["server"].as_str().unwrap_or_default().to_owned(),
                answer["query"].as_str().unwrap_or_default().to_owned(),
            )
        }
    };
    // The endpoint's fixed parameters, then the call's, then the token; nothing of an
    // earlier call's parameters stays behind.
    assert_eq!(
        sent(&api_one, vec![("open_id", "a b".to_owned())]).await,
        (
            "one".to_owned(),
            "action=test&open_id=a+b&access_token=T1".to_owned()
        )
    );
    assert_eq!(
        sent(&api_one, Vec::new()).await,
        ("one".to_owned(), "action=test&access_token=T1".to_owned())
    );
    // Another client keeps its own base URL for the same endpoint; a second attempt
    // (the token was rejected) carries one token, not two.
    assert_eq!(
        sent(
            &api_two,
            vec![("open_id", "c".to_owned()), ("page", "2".to_owned())]
        )
        .await,
        (
            "two".to_owned(),
            "action=test&open_id=c&page=2&access_token=T2".to_owned()
        )
    );
    assert_eq!(
        sent(&api_one, vec![("page", "3".to_owned())]).await,
        (
            "one".to_owned(),
            "action=test&page=3&access_token=T1".to_owned()
        )
    );
    // The untyped call uses the same URL.
    let answer = api_two
        .call_json(&CUSTOM, &[], &json!({}))
        .await
        .expect("answered");
    assert_eq!(answer["query"], "action=test&access_token=T2");
}

/// Answers the `n`th request with `bodies[n]` (the last one after that), labelled JSON.
fn replies(bodies: Vec<&'static [u8]>) -> Router {
    let next = Arc::new(AtomicUsize::new(0));
    Router::new().route(
        "/custom",
        post(move || async move {
            let n = next.fetch_add(1, Ordering::SeqCst).min(bodies.len() - 1);
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                bodies[n],
            )
        }),
    )
}

#[tokio::test]
async fn a_typed_answer_is_read_from_the_body_as_through_a_json_value() {
    let base = serve(replies(vec![
        // Members the type does not know, of every shape, before and after its own.
        br#"{"extra": {"deep": [[{"errcode": 5}], "x\u00e9", 1.5e300, null, true]},
            "order_id": "o\u00e91", "waybill_id": "w1", "errmsg": "ok", "errcode": 0,
            "later": [1, {"a": "b"}]}"#,
        // A member given twice: its last value, as a JSON value keeps it.
        br#"{"errcode": 0, "waybill_id": "first", "waybill_id": "last"}"#,
        // The envelope's code after a long unknown member.
        br#"{"list": [1, 2, 3, {"errcode": 0}], "errcode": 9300526, "errmsg": "too long"}"#,
        // Not an object.
        br#"[{"errcode": 0}]"#,
        // Invalid UTF-8 in a member the type does not read.
        b"{\"errcode\": 0, \"order_id\": \"o1\", \"note\": \"\xff\"}",
        // The wrong type for a member it reads.
        br#"{"errcode": 0, "waybill_id": ["w1"]}"#,
    ]))
    .await;
    let api = client(&base, Arc::new(StaticToken::new("T")), 0);
    let empty = json!({});
    let call = || api.call::<_, WaybillAnswer>(&CUSTOM, &[], &empty);

    let first = call().await.expect("unknown members are skipped");
    assert_eq!(first.errcode, 0);
    assert_eq!(first.order_id.as_deref(), Some("oé1"));
    assert_eq!(first.waybill_id.as_deref(), Some("w1"));

    let twice = call().await.expect("a repeated member");
    assert_eq!(twice.waybill_id.as_deref(), Some("last"));

    let refused = call().await.expect_err("errcode 9300526");
    assert!(
        matches!(&refused, Error::Platform { code, message } if code.code() == 9_300_526 && message == "too long"),
        "{refused:?}"
    );

    let array = call().await.expect_err("an array");
    assert!(
        matches!(&array, Error::Decode { status: 200, reason, .. } if reason == "the body is JSON but not an object"),
        "{array:?}"
    );

    let utf8 = call().await.expect_err("invalid UTF-8");
    assert!(
        matches!(&utf8, Error::Decode { reason, .. } if reason.starts_with("the body is not JSON (invalid unicode code point")),
        "{utf8:?}"
    );

    let shape = call().await.expect_err("waybill_id is a list");
    let Error::Decode {
        reason, excerpt, ..
    } = &shape
    else {
        panic!("expected a decode error, got {shape:?}");
    };
    // The text a JSON value's conversion gives (no line and column), as before.
    assert_eq!(
        reason,
        "the answer does not match the response type: invalid type: sequence, expected a string"
    );
    assert!(excerpt.contains("waybill_id"), "{excerpt}");

    // The untyped call still hands out the whole object.
    let whole = api
        .call_json(&CUSTOM, &[], &json!({}))
        .await
        .expect("the whole answer");
    assert_eq!(whole["waybill_id"], json!(["w1"]));
}
