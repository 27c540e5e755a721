//! The generated clients over real HTTP on loopback, against the in-process sandbox:
//! every endpoint's doc example, platform errors mapped to the doc's rows, query
//! parameter rules, and many instances sharing one token.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use mpapi_client::{
    AccessToken, ApiClient, BaiduClientCredentials, Error, MemoryTokenStore, RetryPolicy,
    TokenFuture, TokenOptions, TokenProvider,
};
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use mpapi_wechat::token::WechatClientCredential;

const APP: &str = "wx_clients_test";
const SECRET: &str = "clients-secret";

fn sandbox() -> SandboxHandle {
    Sandbox::start(config()).expect("sandbox starts")
}

/// A sandbox that retires an app's previous token as soon as a new one is issued (no
/// overlap), so that one client's refresh shows at once in the others.
fn sandbox_without_grace() -> SandboxHandle {
    Sandbox::start(config().token_grace(std::time::Duration::ZERO)).expect("sandbox starts")
}

fn config() -> SandboxConfig {
    let mut endpoints = mpapi_wechat::ENDPOINTS.to_vec();
    endpoints.extend_from_slice(mpapi_baidu::ENDPOINTS);
    SandboxConfig::new(endpoints)
        .wechat_app(APP, SECRET)
        .baidu_app("bd_app", "bd_secret")
}

fn wechat_client(sb: &SandboxHandle, options: TokenOptions) -> mpapi_wechat::client::Client {
    let tokens = WechatClientCredential::with_options(APP, SECRET, options.base_url(sb.base_url()))
        .expect("provider");
    wechat_client_with(sb, Arc::new(tokens))
}

fn wechat_client_with(
    sb: &SandboxHandle,
    tokens: Arc<dyn TokenProvider>,
) -> mpapi_wechat::client::Client {
    let api = ApiClient::builder()
        .base_url(sb.base_url())
        .token_provider(tokens)
        .build()
        .expect("client");
    mpapi_wechat::client::Client::new(api)
}

fn example<T: serde::de::DeserializeOwned>(ep: &mpapi_runtime::EndpointInfo) -> T {
    serde_json::from_str(ep.examples[0].request.expect("example request"))
        .expect("example deserializes")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_doc_example_succeeds_through_its_generated_method() {
    let sb = sandbox();
    let client = wechat_client(&sb, TokenOptions::default());
    use mpapi_wechat::{logistics, mall, user_order};

    let ack = client
        .upload_shopping_info(&example(&user_order::UPLOAD_SHOPPING_INFO))
        .await
        .expect("upload");
    assert_eq!(ack.errcode, 0);
    let ack = client
        .upload_combined_shopping_info(&example(&user_order::UPLOAD_COMBINED_SHOPPING_INFO))
        .await
        .expect("combined upload");
    assert_eq!(ack.errcode, 0);
    let imported = client
        .import_order(&example(&mall::IMPORT_ORDER))
        .await
        .expect("import");
    assert_eq!(imported.errcode, Some(0));
    let request: logistics::AddOrderRequest = example(&logistics::ADD_ORDER);
    let waybill = client.add_order(&request).await.expect("add order");
    assert_eq!(waybill.order_id.as_deref(), Some(request.order_id.as_str()));
    assert!(waybill.waybill_id.is_some(), "{waybill:?}");

    let tokens = BaiduClientCredentials::with_options(
        "bd_app",
        "bd_secret",
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    let api = ApiClient::builder()
        .base_url(sb.base_url())
        .token_provider(Arc::new(tokens))
        .build()
        .expect("client");
    let baidu = mpapi_baidu::client::Client::new(api);
    let query = mpapi_baidu::ordercenter::AddMainInfoQuery::new("s1", 2, "k1").with_open_id("o1");
    let answer = baidu
        .add_main_info(&query, &example(&mpapi_baidu::ordercenter::ADD_MAIN_INFO))
        .await
        .expect("baidu import");
    assert!(
        answer.data.as_ref().is_some_and(|d| !d.is_empty()),
        "{answer:?}"
    );

    // Query parameter rules are checked before sending: open_id or swan_id is required.
    let mut no_user = query.clone();
    no_user.open_id = None;
    let calls_before = sb.calls("baidu.ordercenter.add_main_info");
    match baidu
        .add_main_info(&no_user, &example(&mpapi_baidu::ordercenter::ADD_MAIN_INFO))
        .await
    {
        Err(Error::Validation(v)) => {
            assert_eq!(v.as_slice()[0].path, "open_id");
            assert_eq!(v.as_slice()[0].rule, "one_of_required");
        }
        other => panic!("expected a validation error, got {other:?}"),
    }
    assert_eq!(
        sb.calls("baidu.ordercenter.add_main_info"),
        calls_before,
        "nothing was sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn platform_errors_carry_the_docs_message_and_fix() {
    let sb = sandbox();
    let tokens = WechatClientCredential::with_options(
        APP,
        SECRET,
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    let api = ApiClient::builder()
        .base_url(sb.base_url())
        .token_provider(Arc::new(tokens))
        .validate_requests(false)
        .build()
        .expect("client");
    let client = mpapi_wechat::client::Client::new(api);
    let mut request: mpapi_wechat::user_order::UploadShoppingInfoRequest =
        example(&mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO);
    request.order_list[0].order_detail_jump_link.appid = None;
    request.order_list[0].order_detail_jump_link.type_ =
        mpapi_wechat::user_order::LinkType::MiniProgram;
    for item in &mut request.order_list[0].item_list {
        item.item_detail_jump_link.type_ = mpapi_wechat::user_order::LinkType::MiniProgram;
    }
    match client.upload_shopping_info(&request).await {
        Err(e @ Error::Platform { .. }) => {
            let Error::Platform { code, .. } = &e else {
                unreachable!()
            };
            // The code is the endpoint's own error-code type, a constant to match on.
            assert_eq!(
                *code,
                mpapi_wechat::user_order::UploadShoppingInfoErrorCode::CODE_268485204
            );
            let row = mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO
                .error_code(268485204)
                .expect("the doc's row");
            assert_eq!(code.message(), Some(row.message));
            assert_eq!(code.fix(), Some(row.fix));
            // The message says what happened; the fix is data.
            assert!(!e.to_string().contains(row.fix), "{e}");
            assert_eq!(e.fix().as_deref(), Some(row.fix));
        }
        other => panic!("expected the platform's 268485204, got {other:?}"),
    }
}

/// Counts how often the platform rejected a token: the client calls `invalidate` exactly
/// when an answer says the token is invalid or expired (40001/40014/42001).
struct CountingProvider {
    inner: Arc<dyn TokenProvider>,
    rejected: Arc<AtomicUsize>,
}

impl TokenProvider for CountingProvider {
    fn token(&self) -> TokenFuture<'_> {
        self.inner.token()
    }
    fn invalidate(&self, failed: &AccessToken) {
        self.rejected.fetch_add(1, Ordering::SeqCst);
        self.inner.invalidate(failed);
    }
}

/// Runs `instances` clients, each with its own token cache, `rounds` times each; returns
/// how many answers rejected a token and how many calls failed.
async fn storm(
    sb: &SandboxHandle,
    instances: usize,
    rounds: usize,
    store: Option<Arc<MemoryTokenStore>>,
) -> (usize, usize) {
    let rejected = Arc::new(AtomicUsize::new(0));
    let mut clients = Vec::new();
    for _ in 0..instances {
        let mut options = TokenOptions::default().base_url(sb.base_url());
        if let Some(store) = &store {
            options = options.store(store.clone());
        }
        let inner =
            Arc::new(WechatClientCredential::with_options(APP, SECRET, options).expect("provider"));
        let provider = Arc::new(CountingProvider {
            inner,
            rejected: rejected.clone(),
        });
        let api = ApiClient::builder()
            .base_url(sb.base_url())
            .token_provider(provider)
            .retry(RetryPolicy::NONE)
            .build()
            .expect("client");
        clients.push(mpapi_wechat::client::Client::new(api));
    }
    let request: mpapi_wechat::user_order::UploadShoppingInfoRequest =
        example(&mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO);
    let mut failures = 0;
    // The first round runs every instance at once (cold caches racing for a token); later
    // rounds run them one after another, so an instance whose token another instance's
    // refresh retired is bound to present it.
    for round in 0..rounds {
        let mut tasks = Vec::new();
        for (i, c) in clients.iter().enumerate() {
            let c = c.clone();
            // A distinct order per call: the sandbox, like the platform, refuses to update an
            // order without a newer upload_time.
            let mut r = request.clone();
            r.order_key.transaction_id = Some(format!("storm-{round}-{i}"));
            let task = tokio::spawn(async move { c.upload_shopping_info(&r).await });
            if round == 0 {
                tasks.push(task);
            } else if task.await.expect("task").is_err() {
                failures += 1;
            }
        }
        for t in tasks {
            if t.await.expect("task").is_err() {
                failures += 1;
            }
        }
    }
    (rejected.load(Ordering::SeqCst), failures)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn separate_caches_invalidate_each_other_and_a_shared_store_does_not() {
    // With no overlap, the sandbox retires an app's previous token as soon as a new one is
    // issued, so separate caches keep retiring each other's tokens.
    let sb = sandbox_without_grace();
    let (rejected, _) = storm(&sb, 4, 3, None).await;
    let issued = sb.wechat_token_issues(APP);
    assert!(
        rejected > 0,
        "separate caches should provoke 40001s (none seen)"
    );
    assert!(issued >= 4, "each instance fetched its own token: {issued}");

    let sb = sandbox_without_grace();
    let store = Arc::new(MemoryTokenStore::new());
    let (rejected, failures) = storm(&sb, 4, 3, Some(store)).await;
    assert_eq!(rejected, 0, "a shared store must avoid every 40001");
    assert_eq!(failures, 0);
    assert_eq!(
        sb.wechat_token_issues(APP),
        1,
        "one token fetch for all instances"
    );
}

#[test]
fn query_parameters_are_read_and_checked_from_their_text() {
    use mpapi_baidu::ordercenter::{ADD_MAIN_INFO, AddMainInfoQuery};
    let q = AddMainInfoQuery::from_query_pairs(&[
        ("access_token", "t"),
        ("swan_id", "s"),
        ("scene_id", "1"),
        ("scene_type", "2"),
        ("pm_app_key", "k"),
    ])
    .expect("valid");
    assert_eq!(q.scene_type, 2);
    assert_eq!(
        q.to_query_pairs().len(),
        4,
        "the token is not a described parameter"
    );

    let err = (ADD_MAIN_INFO.validate_query)(&[("scene_type", "two"), ("pm_app_key", "k")])
        .expect_err("invalid");
    let got: Vec<(&str, &str)> = err
        .iter()
        .map(|v| (v.path.as_str(), v.rule.as_str()))
        .collect();
    assert!(got.contains(&("scene_type", "type")), "{got:?}");
    assert!(got.contains(&("scene_id", "required")), "{got:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_checks_query_parameters_too() {
    let sb = sandbox();
    let tokens = BaiduClientCredentials::with_options(
        "bd_app",
        "bd_secret",
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    let api = ApiClient::builder()
        .base_url(sb.base_url())
        .token_provider(Arc::new(tokens))
        .validate_requests(false)
        .build()
        .expect("client");
    let baidu = mpapi_baidu::client::Client::new(api);
    let no_user = mpapi_baidu::ordercenter::AddMainInfoQuery::new("s1", 2, "k1");
    match baidu
        .add_main_info(&no_user, &example(&mpapi_baidu::ordercenter::ADD_MAIN_INFO))
        .await
    {
        Err(Error::Platform { message, .. }) => assert!(message.contains("open_id"), "{message}"),
        other => panic!("expected the sandbox to refuse the missing user id, got {other:?}"),
    }
}
