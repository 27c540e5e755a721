//! GET endpoints without a body, typed query parameters, lazy paging, per-item results and
//! sandbox behaviour declared in the spec, end to end: the fixture platform of
//! `codegen/tests/fixtures/surface/` is generated into `tests/surface_generated/`, and its
//! client talks to the sandbox over loopback HTTP.

#[allow(dead_code)]
#[rustfmt::skip]
#[path = "../../surface_generated/mod.rs"]
mod fx;

use std::sync::Arc;

use fx::shop::{
    AddItemRequest, BatchGetItemErrorCode, BatchGetRequest, GetAllDeliveryResponse,
    ListItemsErrorCode, ListItemsQuery,
};
use mpapi_client::{ApiClient, Error, TokenOptions};
use mpapi_sandbox::{Fault, FaultScope, Sandbox, SandboxConfig, SandboxHandle};
use mpapi_wechat::token::WechatClientCredential;

const APP: &str = "wx_surface";
const SECRET: &str = "surface-secret";

fn sandbox() -> SandboxHandle {
    Sandbox::start(SandboxConfig::new(fx::ENDPOINTS.to_vec()).wechat_app(APP, SECRET))
        .expect("sandbox starts")
}

fn api(sb: &SandboxHandle, validate: bool) -> ApiClient {
    let tokens = WechatClientCredential::with_options(
        APP,
        SECRET,
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    ApiClient::builder()
        .base_url(sb.base_url())
        .token_provider(Arc::new(tokens))
        .validate_requests(validate)
        .build()
        .expect("client")
}

fn client(sb: &SandboxHandle) -> fx::client::Client {
    fx::client::Client::new(api(sb, true))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_get_endpoint_without_a_body_answers_its_typed_response() {
    let sb = sandbox();
    assert!(!fx::shop::GET_ALL_DELIVERY.request_body);
    let answer = client(&sb).get_all_delivery().await.expect("answered");
    assert_eq!(answer.count, 2);
    assert_eq!(answer.data[1].delivery_id, "ZTO");
    assert_eq!(sb.calls(fx::shop::GET_ALL_DELIVERY.id), 1);
}

#[test]
fn fields_the_platform_adds_later_never_break_a_response() {
    let text = r#"{"errcode": 0, "errmsg": "ok", "count": 1, "new_top": [1, 2],
        "data": [{"delivery_id": "SF", "delivery_name": "SF", "new_nested": {"x": 1}}]}"#;
    let typed: GetAllDeliveryResponse = serde_json::from_str(text).expect("extra fields ignored");
    assert_eq!(typed.data[0].delivery_id, "SF");
    // A missing required member is still an error: tolerance is for additions only.
    let missing = serde_json::from_str::<GetAllDeliveryResponse>(r#"{"count": 1}"#);
    assert!(missing.is_err());
    // The same for a real generated response type.
    let waybill: mpapi_wechat::logistics::AddOrderResponse = serde_json::from_str(
        r#"{"errcode": 0, "errmsg": "ok", "order_id": "o1", "waybill_id": "w1", "added_by_platform": true}"#,
    )
    .expect("extra field ignored");
    assert_eq!(waybill.order_id.as_deref(), Some("o1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn typed_query_parameters_are_checked_on_both_sides() {
    let sb = sandbox();
    let query = ListItemsQuery::new("far-too-long").with_limit(99);
    // Locally: every violation, with the doc's codes, and nothing sent.
    let local = client(&sb)
        .list_items(&query)
        .await
        .expect_err("breaks the spec");
    let Error::Validation(found) = local else {
        panic!("expected a validation error, got {local:?}");
    };
    let codes: Vec<Option<i64>> = found.iter().map(|v| v.code).collect();
    assert_eq!(codes, [Some(1001), Some(1002)], "{found:?}");
    assert_eq!(sb.calls(fx::shop::LIST_ITEMS.id), 0);
    // Sent anyway: the sandbox checks the URL parameters of a GET with the same rules.
    let unchecked = fx::client::Client::new(api(&sb, false));
    let remote = unchecked.list_items(&query).await.expect_err("refused");
    assert!(remote.is_platform_code(1001), "{remote:?}");
    assert_eq!(sb.calls(fx::shop::LIST_ITEMS.id), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn paging_fetches_every_item_lazily_through_the_sandbox() {
    let sb = sandbox();
    let c = client(&sb);
    for i in 0..23 {
        let item = AddItemRequest::new(format!("item-{i:02}"), "fruit").with_name(format!("n{i}"));
        c.add_item(&item).await.expect("stored");
    }
    // The store's uniqueness check answers with the doc's code.
    let again = c
        .add_item(&AddItemRequest::new("item-03", "fruit"))
        .await
        .expect_err("duplicate");
    assert!(again.is_platform_code(1003), "{again:?}");

    let list = fx::shop::LIST_ITEMS.id;
    let mut pages = c.list_items_pages(ListItemsQuery::new("fruit").with_limit(5));
    assert_eq!(
        sb.calls(list),
        0,
        "nothing is fetched before the first item is asked for"
    );
    let first = pages.next_item().await.expect("an item").expect("ok");
    assert_eq!(first.item_id, "item-00");
    assert_eq!(first.state, Some(0), "the state the writing endpoint set");
    for _ in 1..5 {
        pages.next_item().await.expect("an item").expect("ok");
    }
    assert_eq!(
        sb.calls(list),
        1,
        "the second page waits until it is needed"
    );
    let rest = pages.collect_all().await.expect("every page");
    assert_eq!(rest.len(), 18);
    assert_eq!(rest.last().map(|i| i.item_id.as_str()), Some("item-22"));
    assert_eq!(sb.calls(list), 5, "23 items in pages of 5");

    // The same through the untyped pager that `mpapi call --all-pages` uses.
    let json = api(&sb, true)
        .pages_json(
            &fx::shop::LIST_ITEMS,
            vec![("category", "fruit".to_owned()), ("limit", "10".to_owned())],
            serde_json::Value::Null,
        )
        .expect("paged endpoint")
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<&str> = json.iter().filter_map(|v| v["item_id"].as_str()).collect();
    assert_eq!(ids.len(), 23);
    assert_eq!(ids[10], "item-10");
    // A non-paged endpoint is refused at once.
    assert!(matches!(
        api(&sb, true).pages_json(&fx::shop::BATCH_GET, Vec::new(), serde_json::Value::Null),
        Err(Error::Pagination { .. })
    ));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_page_ends_the_stream_with_the_endpoints_typed_error() {
    let sb = sandbox();
    let c = client(&sb);
    for i in 0..8 {
        c.add_item(&AddItemRequest::new(format!("item-{i}"), "fruit"))
            .await
            .expect("stored");
    }
    let list = fx::shop::LIST_ITEMS.id;

    // A page the platform refuses: its code is the endpoint's generated type, as from
    // `list_items`, with the doc's message and fix.
    let unchecked = fx::client::Client::new(api(&sb, false));
    let mut refused = unchecked.list_items_pages(ListItemsQuery::new("fruit").with_limit(99));
    let failed: Result<fx::shop::Item, Error<ListItemsErrorCode>> =
        refused.next_item().await.expect("the failure is an item");
    match failed {
        Err(Error::Platform { code, message }) => {
            assert_eq!(code, ListItemsErrorCode::CODE_1002);
            assert_eq!(code.message(), Some("limit is out of range"));
            assert_eq!(code.fix(), Some("Ask for 1 to 50 items."));
            assert!(!message.is_empty());
        }
        other => panic!("expected platform error 1002, got {other:?}"),
    }
    assert!(
        refused.next_item().await.is_none(),
        "an error ends the stream"
    );
    assert_eq!(sb.calls(list), 1);

    // A later page that fails: the first page's items come through, then the error, then
    // nothing. "System busy" is not retried for an endpoint not declared idempotent.
    let mut pages = c.list_items_pages(ListItemsQuery::new("fruit").with_limit(5));
    for _ in 0..5 {
        pages.next_item().await.expect("an item").expect("ok");
    }
    sb.faults()
        .inject(FaultScope::endpoint(list), Fault::SystemBusy, 1);
    let busy = pages
        .next_item()
        .await
        .expect("the failure is an item")
        .expect_err("the second page fails");
    assert!(matches!(busy, Error::Busy { attempts: 1, .. }), "{busy:?}");
    assert!(busy.is_platform_code(ListItemsErrorCode::CODE_MINUS_1.code()));
    assert!(
        pages.next_item().await.is_none(),
        "an error ends the stream"
    );
    assert_eq!(pages.pages_fetched(), 1);
    assert_eq!(sb.calls(list), 3);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_batch_item_exposes_its_own_typed_result() {
    let sb = sandbox();
    let answer = client(&sb)
        .batch_get(&BatchGetRequest::new(vec!["a".to_owned(), "zz".to_owned()]))
        .await
        .expect("the batch as a whole succeeds");
    let results: Vec<_> = answer.item_list.iter().map(|i| i.outcome()).collect();
    let ok = results[0].as_ref().expect("the first item succeeded");
    assert_eq!(ok.name.as_deref(), Some("Apple"));
    let err = results[1].as_ref().expect_err("the second item failed");
    assert_eq!(err.code, BatchGetItemErrorCode::CODE_2001);
    assert_eq!(err.code.message(), Some("no such item"));
    assert_eq!(err.message, "no such item");
    // The code prints with the doc's row, then the item's own message.
    let shown = err.to_string();
    assert!(shown.starts_with("item error 2001 no such item"), "{shown}");
    assert!(shown.ends_with(": no such item"), "{shown}");
}
