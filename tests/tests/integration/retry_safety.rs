//! Retry safety follows each endpoint's `idempotent:` trait, through the generated clients
//! against the in-process sandbox over loopback: when the connection breaks after the
//! platform processed the request, a non-idempotent endpoint (WeChat's add_order, which
//! creates a waybill) is not repeated and the caller learns that the request may have
//! taken effect, while an idempotent one (Baidu's add_main_info, which overwrites the
//! order named by its ResourceID) is repeated and succeeds. "System busy" follows the
//! same split.

use std::sync::Arc;
use std::time::Duration;

use mpapi_client::{ApiClient, BaiduClientCredentials, Error, RetryPolicy, TokenOptions};
use mpapi_sandbox::{Fault, FaultScope, Sandbox, SandboxConfig, SandboxHandle};
use mpapi_wechat::logistics::{self, AddOrderErrorCode};
use mpapi_wechat::token::WechatClientCredential;
use serde_json::{Value, json};

const APP: &str = "wx_retry_safety";
const SECRET: &str = "retry-safety-secret";
const BD_APP: &str = "bd_retry_safety";
const BD_SECRET: &str = "bd-retry-safety-secret";
const ADD_ORDER: &str = "wechat.logistics.add_order";
const ADD_MAIN_INFO: &str = "baidu.ordercenter.add_main_info";

fn sandbox() -> SandboxHandle {
    let mut endpoints = mpapi_wechat::ENDPOINTS.to_vec();
    endpoints.extend(mpapi_baidu::ENDPOINTS.iter().copied());
    Sandbox::start(
        SandboxConfig::new(endpoints)
            .wechat_app(APP, SECRET)
            .baidu_app(BD_APP, BD_SECRET),
    )
    .expect("sandbox starts")
}

/// Up to three retries with tiny waits: a retry, if the policy allowed one, would happen.
fn retry() -> RetryPolicy {
    RetryPolicy {
        max_retries: 3,
        base_delay: Duration::from_millis(1),
        max_delay: Duration::from_millis(5),
    }
}

fn wechat(sb: &SandboxHandle) -> mpapi_wechat::client::Client {
    let tokens = WechatClientCredential::with_options(
        APP,
        SECRET,
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    mpapi_wechat::client::Client::new(
        ApiClient::builder()
            .base_url(sb.base_url())
            .token_provider(Arc::new(tokens))
            .retry(retry())
            .build()
            .expect("client"),
    )
}

fn baidu(sb: &SandboxHandle) -> mpapi_baidu::client::Client {
    let tokens = BaiduClientCredentials::with_options(
        BD_APP,
        BD_SECRET,
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    mpapi_baidu::client::Client::new(
        ApiClient::builder()
            .base_url(sb.base_url())
            .token_provider(Arc::new(tokens))
            .retry(retry())
            .build()
            .expect("client"),
    )
}

/// The endpoint's doc example request with `changes` merged in, as the typed request.
fn example<T: serde::de::DeserializeOwned>(ep: &mpapi_runtime::EndpointInfo, changes: Value) -> T {
    let text = ep
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("an example request");
    let mut body: Value = serde_json::from_str(text).expect("JSON");
    if let (Some(body), Some(changes)) = (body.as_object_mut(), changes.as_object()) {
        for (k, v) in changes {
            body.insert(k.clone(), v.clone());
        }
    }
    serde_json::from_value(body).expect("a typed request")
}

#[test]
fn the_specs_say_which_endpoints_may_be_repeated() {
    assert!(!logistics::ADD_ORDER.idempotent);
    assert!(mpapi_baidu::ordercenter::ADD_MAIN_INFO.idempotent);
    assert!(mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO.idempotent);
    assert!(!mpapi_wechat::mall::IMPORT_ORDER.idempotent);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_waybill_whose_answer_was_lost_is_not_created_twice() {
    let sb = sandbox();
    let c = wechat(&sb);
    let id = json!({"order_id": "retry-safety-1", "delivery_id": "SF"});
    sb.faults().inject(
        FaultScope::endpoint(ADD_ORDER),
        Fault::DropAfterProcessing,
        1,
    );

    let err = c
        .add_order(&example(&logistics::ADD_ORDER, id.clone()))
        .await
        .expect_err("the answer never arrived");
    let Error::Transport(t) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert!(t.may_have_been_processed(), "{t:?}");
    assert_eq!(t.attempts(), 1, "not repeated");
    assert!(
        err.fix()
            .is_some_and(|f| f.contains("may have been processed")),
        "{:?}",
        err.fix()
    );
    assert_eq!(sb.calls(ADD_ORDER), 1, "sent exactly once");
    assert_eq!(sb.stored_order_count(ADD_ORDER), 1, "exactly one waybill");

    // The waybill exists: reading it back is how the caller settles the doubt.
    let stored = c
        .logistics_get_order(&example(&logistics::GET_ORDER, id.clone()))
        .await
        .expect("the waybill was created");
    assert_eq!(stored.order_id.as_deref(), Some("retry-safety-1"));

    // Had the client repeated it, the platform would have refused the duplicate.
    let again = c
        .add_order(&example(&logistics::ADD_ORDER, id))
        .await
        .expect_err("a duplicate order id");
    match &again {
        Error::Platform { code, .. } => {
            assert_eq!(*code, AddOrderErrorCode::from_code(930_561));
            assert!(code.message().is_some(), "{code:?}");
        }
        other => panic!("expected the platform's 930561, got {other:?}"),
    }
    assert_eq!(sb.stored_order_count(ADD_ORDER), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_order_import_whose_answer_was_lost_is_repeated_and_succeeds() {
    let sb = sandbox();
    let c = baidu(&sb);
    sb.faults().inject(
        FaultScope::endpoint(ADD_MAIN_INFO),
        Fault::DropAfterProcessing,
        1,
    );
    let query = mpapi_baidu::ordercenter::AddMainInfoQuery::new("s1", 2, "k1").with_open_id("o1");
    let answer = c
        .add_main_info(
            &query,
            &example(&mpapi_baidu::ordercenter::ADD_MAIN_INFO, json!({})),
        )
        .await
        .expect("repeated after the lost answer");
    assert!(
        answer.data.as_ref().is_some_and(|d| !d.is_empty()),
        "{answer:?}"
    );
    assert_eq!(
        sb.calls(ADD_MAIN_INFO),
        2,
        "the lost answer was asked for again"
    );
    assert_eq!(
        sb.stored_order_count(ADD_MAIN_INFO),
        1,
        "the repeat overwrote the same order"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_busy_is_handed_to_the_caller_of_a_non_idempotent_endpoint() {
    let sb = sandbox();
    let c = wechat(&sb);
    sb.faults()
        .inject(FaultScope::endpoint(ADD_ORDER), Fault::SystemBusy, 1);
    let request = example(
        &logistics::ADD_ORDER,
        json!({"order_id": "retry-safety-busy", "delivery_id": "SF"}),
    );
    let err = c.add_order(&request).await.expect_err("busy");
    assert!(matches!(err, Error::Busy { attempts: 1, .. }), "{err:?}");
    assert!(err.is_platform_code(-1));
    assert!(err.fix().is_some());
    assert_eq!(sb.calls(ADD_ORDER), 1, "not repeated");
    assert_eq!(sb.stored_order_count(ADD_ORDER), 0);

    // The caller may repeat it knowingly.
    c.add_order(&request).await.expect("the repeat succeeds");
    assert_eq!(sb.stored_order_count(ADD_ORDER), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn system_busy_is_retried_for_an_idempotent_endpoint() {
    let sb = sandbox();
    let c = baidu(&sb);
    sb.faults()
        .inject(FaultScope::endpoint(ADD_MAIN_INFO), Fault::SystemBusy, 2);
    let query = mpapi_baidu::ordercenter::AddMainInfoQuery::new("s1", 2, "k1").with_open_id("o1");
    c.add_main_info(
        &query,
        &example(&mpapi_baidu::ordercenter::ADD_MAIN_INFO, json!({})),
    )
    .await
    .expect("succeeds on the third attempt");
    assert_eq!(sb.calls(ADD_MAIN_INFO), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_connection_is_retried_even_for_a_non_idempotent_endpoint() {
    // A port that was free a moment ago: connecting is refused, so nothing was sent.
    let free = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = free.local_addr().expect("addr");
    drop(free);
    let api = ApiClient::builder()
        .base_url(format!("http://{addr}"))
        .token_provider(Arc::new(mpapi_client::StaticToken::new("TOKEN")))
        .retry(retry())
        .build()
        .expect("client");
    let c = mpapi_wechat::client::Client::new(api);
    let err = c
        .add_order(&example(
            &logistics::ADD_ORDER,
            json!({"order_id": "retry-safety-refused"}),
        ))
        .await
        .expect_err("nothing listens");
    let Error::Transport(t) = &err else {
        panic!("expected a transport error, got {err:?}");
    };
    assert!(t.before_send(), "{t:?}");
    assert!(!t.may_have_been_processed());
    assert_eq!(t.attempts(), 4, "the first attempt and three retries");
}
