//! The order_shipping behaviours the specs' `sandbox:` blocks declare, through the generated
//! client over loopback HTTP: one shipping upload per payment order plus one re-shipment
//! (10060003), a split delivery taking uploads until it is complete, each upload later
//! than the previous one (268485216), get_order showing the
//! shipping, and get_order_list paging lazily through many orders; with a seed file, the
//! payments that exist (10060001 for another, 10060031 for another user's, 10060002 for a
//! received one) and the reminder
//! to confirm receipt (10060028, 10060029, 10060030).

use mpapi_sandbox::{SandboxHandle, Seed};
use mpapi_wechat::client::Client;
use mpapi_wechat::order_shipping::{
    self, DeliveryMode, GetOrderListRequest, GetOrderRequest, NotifyConfirmReceiveRequest,
    OrderState, UploadShippingInfoRequest,
};
use serde_json::{Value, json};

use crate::wechat_sandbox;

const APP: &str = "wx_shipping_sandbox";
const SECRET: &str = "shipping-secret";

fn sandbox() -> SandboxHandle {
    wechat_sandbox::start(wechat_sandbox::config(APP, SECRET))
}

fn client(sb: &SandboxHandle) -> Client {
    wechat_sandbox::client(sb, APP, SECRET)
}

/// The doc's upload example for another order key and upload time.
fn upload(order_key: Value, time: &str) -> UploadShippingInfoRequest {
    let text = order_shipping::UPLOAD_SHIPPING_INFO.examples[0]
        .request
        .expect("example");
    let mut body: Value = serde_json::from_str(text).expect("JSON");
    body["order_key"] = order_key;
    body["upload_time"] = json!(time);
    serde_json::from_value(body).expect("typed")
}

fn by_merchant(no: &str) -> Value {
    json!({"order_number_type": 1, "mchid": "1230000109", "out_trade_no": no})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_shipping_plus_one_reshipment_each_later_than_the_last() {
    let sb = sandbox();
    let c = client(&sb);
    let read = || {
        let mut q = GetOrderRequest::new();
        q.merchant_id = Some("1230000109".to_owned());
        q.merchant_trade_no = Some("m-1".to_owned());
        q
    };
    let missing = c
        .order_shipping_get_order(&read())
        .await
        .expect_err("not uploaded");
    assert!(missing.is_platform_code(10_060_001), "{missing}");

    c.upload_shipping_info(&upload(by_merchant("m-1"), "2024-05-20T10:00:00+08:00"))
        .await
        .expect("shipped");
    let shipped = c
        .order_shipping_get_order(&read())
        .await
        .expect("read back");
    let order = shipped.order.expect("the order");
    assert_eq!(order.merchant_trade_no.as_deref(), Some("m-1"));
    assert_eq!(order.order_state, Some(OrderState::Shipped));
    assert_eq!(
        order.transaction_id, None,
        "nothing the upload did not carry"
    );
    let shipping = order.shipping.expect("the shipping");
    assert_eq!(shipping.delivery_mode, Some(DeliveryMode::UnifiedDelivery));
    assert_eq!(shipping.finish_shipping_count, Some(1));

    // Not later than the previous upload: refused, nothing changes.
    let early = c
        .upload_shipping_info(&upload(by_merchant("m-1"), "2024-05-20T09:00:00+08:00"))
        .await
        .expect_err("not later");
    assert!(early.is_platform_code(268_485_216), "{early}");

    // The one re-shipment.
    c.upload_shipping_info(&upload(by_merchant("m-1"), "2024-05-21T10:00:00+08:00"))
        .await
        .expect("re-shipped");
    let again = c
        .order_shipping_get_order(&read())
        .await
        .expect("read back");
    let count = again
        .order
        .and_then(|o| o.shipping)
        .and_then(|s| s.finish_shipping_count);
    assert_eq!(count, Some(2));

    // No third.
    let third = c
        .upload_shipping_info(&upload(by_merchant("m-1"), "2024-05-22T10:00:00+08:00"))
        .await
        .expect_err("the re-shipment was used");
    assert!(third.is_platform_code(10_060_003), "{third}");

    // Another payment order, by transaction id, is independent.
    let tx = json!({"order_number_type": 2, "transaction_id": "tx-1"});
    c.upload_shipping_info(&upload(tx, "2024-05-22T10:00:00+08:00"))
        .await
        .expect("shipped");
    let mut by_tx = GetOrderRequest::new();
    by_tx.transaction_id = Some("tx-1".to_owned());
    let other = c.order_shipping_get_order(&by_tx).await.expect("read back");
    assert_eq!(
        other.order.and_then(|o| o.transaction_id).as_deref(),
        Some("tx-1")
    );
}

/// A split delivery of merchant order `no` on day `day` of May 2024: `packages` parcels,
/// complete or not.
fn split(no: &str, day: u32, packages: usize, all: bool) -> UploadShippingInfoRequest {
    let time = format!("2024-05-{day}T10:00:00+08:00");
    let mut body = serde_json::to_value(upload(by_merchant(no), &time)).expect("JSON");
    let parcel = body["shipping_list"][0].clone();
    body["delivery_mode"] = json!(2);
    body["is_all_delivered"] = json!(all);
    body["shipping_list"] = Value::Array(vec![parcel; packages]);
    serde_json::from_value(body).expect("typed")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_split_delivery_takes_uploads_until_complete_then_one_reshipment() {
    let sb = sandbox();
    let c = client(&sb);
    let read = |no: &str| {
        let mut q = GetOrderRequest::new();
        q.merchant_id = Some("1230000109".to_owned());
        q.merchant_trade_no = Some(no.to_owned());
        q
    };
    let shipping = |answer: order_shipping::GetOrderResponse| {
        answer.order.and_then(|o| o.shipping).expect("the shipping")
    };

    // Three partial uploads, none complete: none is a re-shipment.
    for (day, packages) in [(20, 1), (21, 2), (22, 3)] {
        c.upload_shipping_info(&split("s-1", day, packages, false))
            .await
            .unwrap_or_else(|e| panic!("partial upload {packages}: {e}"));
    }
    let partial = shipping(
        c.order_shipping_get_order(&read("s-1"))
            .await
            .expect("read"),
    );
    assert_eq!(partial.delivery_mode, Some(DeliveryMode::SplitDelivery));
    assert_eq!(
        partial.finish_shipping,
        Some(false),
        "not all delivered yet"
    );
    assert_eq!(partial.finish_shipping_count, Some(3));

    // The upload that completes it, then the one re-shipment, then no more.
    c.upload_shipping_info(&split("s-1", 23, 4, true))
        .await
        .expect("completed");
    let done = shipping(
        c.order_shipping_get_order(&read("s-1"))
            .await
            .expect("read"),
    );
    assert_eq!(done.finish_shipping, Some(true));
    c.upload_shipping_info(&split("s-1", 24, 4, true))
        .await
        .expect("the re-shipment");
    let refused = c
        .upload_shipping_info(&split("s-1", 25, 4, true))
        .await
        .expect_err("the re-shipment was used");
    assert!(refused.is_platform_code(10_060_003), "{refused}");

    // Changing the delivery mode of an incomplete split delivery is a re-shipment too
    // (note 6 of the doc): once, and not twice.
    c.upload_shipping_info(&split("s-2", 20, 2, false))
        .await
        .expect("partial");
    c.upload_shipping_info(&upload(by_merchant("s-2"), "2024-05-21T10:00:00+08:00"))
        .await
        .expect("changed to unified delivery: the re-shipment");
    let changed = c
        .upload_shipping_info(&split("s-2", 22, 2, false))
        .await
        .expect_err("a second change of mode");
    assert!(changed.is_platform_code(10_060_003), "{changed}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_order_list_pages_through_many_orders() {
    let sb = sandbox();
    let c = client(&sb);
    for i in 0..130 {
        let key = json!({"order_number_type": 2, "transaction_id": format!("tx-{i:03}")});
        c.upload_shipping_info(&upload(key, "2024-05-20T10:00:00+08:00"))
            .await
            .expect("shipped");
    }
    let list = order_shipping::GET_ORDER_LIST.id;
    let mut request = GetOrderListRequest::new();
    request.page_size = Some(40);
    let mut pages = c.get_order_list_pages(request);
    let first = pages.next_item().await.expect("an order").expect("ok");
    assert_eq!(first.transaction_id.as_deref(), Some("tx-000"));
    assert_eq!(first.order_state, Some(OrderState::Shipped));
    assert_eq!(sb.calls(list), 1, "later pages wait until they are needed");
    let rest = pages.collect_all().await.expect("every page");
    assert_eq!(rest.len(), 129);
    assert_eq!(rest[128].transaction_id.as_deref(), Some("tx-129"));
    assert_eq!(sb.calls(list), 4, "130 orders in pages of 40");
    // The default page size is the doc's 100.
    let all = c
        .get_order_list_pages(GetOrderListRequest::new())
        .collect_all()
        .await
        .expect("every page");
    assert_eq!(all.len(), 130);
    assert_eq!(sb.calls(list), 6);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cursor_the_list_never_handed_out_is_refused() {
    let sb = sandbox();
    let c = client(&sb);
    let mut request = GetOrderListRequest::new();
    request.last_index = Some("not-a-cursor".to_owned());
    let refused = c
        .get_order_list(&request)
        .await
        .expect_err("unknown cursor");
    assert!(refused.is_platform_code(10_060_011), "{refused}");
    // The cursor an empty list hands out is accepted.
    request.last_index = Some("0".to_owned());
    let empty = c.get_order_list(&request).await.expect("an empty page");
    assert_eq!(empty.has_more, Some(false));
    assert_eq!(empty.order_list.map(|l| l.len()), Some(0));
}

fn seeded_sandbox() -> SandboxHandle {
    let seed = Seed::parse(
        r#"{"payments": [
            {"transaction_id": "tx-a", "mchid": "1230000109", "out_trade_no": "m-a",
             "openid": "o-alice", "paid_amount": 100, "pay_time": 1716100000},
            {"transaction_id": "tx-b", "mchid": "1230000109", "out_trade_no": "m-b",
             "openid": "o-bob", "paid_amount": 250, "pay_time": 1716150000},
            {"transaction_id": "tx-c", "mchid": "1230000109", "out_trade_no": "m-c",
             "openid": "o-alice", "paid_amount": 80, "order_state": 3}
        ]}"#,
        mpapi_wechat::ENDPOINTS,
    )
    .expect("a valid seed");
    wechat_sandbox::start(wechat_sandbox::config(APP, SECRET).seed(seed))
}

fn paid_by(mut request: UploadShippingInfoRequest, openid: &str) -> UploadShippingInfoRequest {
    request.payer.openid = openid.to_owned();
    request
}

fn by_transaction(id: &str) -> GetOrderRequest {
    let mut q = GetOrderRequest::new();
    q.transaction_id = Some(id.to_owned());
    q
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_seeded_sandbox_ships_only_the_payments_it_knows_to_their_payers() {
    let sb = seeded_sandbox();
    let c = client(&sb);
    // A seeded payment is there before any upload, unshipped, with its amount.
    let before = c
        .order_shipping_get_order(&by_transaction("tx-a"))
        .await
        .expect("seeded")
        .order
        .expect("the order");
    assert_eq!(before.order_state, Some(OrderState::ToBeShipped));
    assert_eq!(before.paid_amount, Some(100));
    assert_eq!(before.openid.as_deref(), Some("o-alice"));
    assert_eq!(before.merchant_trade_no.as_deref(), Some("m-a"));
    assert_eq!(before.shipping.and_then(|s| s.finish_shipping), Some(false));

    // A payment the seed does not list.
    let unknown = c
        .upload_shipping_info(&paid_by(
            upload(by_merchant("m-zzz"), "2024-05-20T10:00:00+08:00"),
            "o-alice",
        ))
        .await
        .expect_err("no such payment");
    assert!(unknown.is_platform_code(10_060_001), "{unknown}");
    // Bob's payment, shipped to Alice.
    let not_hers = c
        .upload_shipping_info(&paid_by(
            upload(by_merchant("m-b"), "2024-05-20T10:00:00+08:00"),
            "o-alice",
        ))
        .await
        .expect_err("another user's payment");
    assert!(not_hers.is_platform_code(10_060_031), "{not_hers}");

    // A payment the user has confirmed receiving takes no more uploads.
    let received = c
        .upload_shipping_info(&paid_by(
            upload(by_merchant("m-c"), "2024-05-20T10:00:00+08:00"),
            "o-alice",
        ))
        .await
        .expect_err("received already");
    assert!(received.is_platform_code(10_060_002), "{received}");

    // Alice's payment, named by merchant number, read back by transaction id: one record.
    c.upload_shipping_info(&paid_by(
        upload(by_merchant("m-a"), "2024-05-20T10:00:00+08:00"),
        "o-alice",
    ))
    .await
    .expect("shipped");
    let after = c
        .order_shipping_get_order(&by_transaction("tx-a"))
        .await
        .expect("read back")
        .order
        .expect("the order");
    assert_eq!(after.order_state, Some(OrderState::Shipped));
    assert_eq!(
        after.paid_amount,
        Some(100),
        "the seed stays under the upload"
    );
    let shipping = after.shipping.expect("the shipping");
    assert_eq!(shipping.finish_shipping, Some(true));
    assert_eq!(shipping.finish_shipping_count, Some(1));

    // The list holds both payments; its filters apply.
    let all = c
        .get_order_list_pages(GetOrderListRequest::new())
        .collect_all()
        .await
        .expect("every page");
    let ids: Vec<_> = all.iter().map(|o| o.transaction_id.as_deref()).collect();
    assert_eq!(ids, [Some("tx-a"), Some("tx-b"), Some("tx-c")]);
    let mut bobs = GetOrderListRequest::new();
    bobs.openid = Some("o-bob".to_owned());
    let bobs = c.get_order_list(&bobs).await.expect("a page");
    let ids: Vec<_> = bobs
        .order_list
        .unwrap_or_default()
        .into_iter()
        .map(|o| o.transaction_id)
        .collect();
    assert_eq!(ids, [Some("tx-b".to_owned())]);
    let mut shipped = GetOrderListRequest::new();
    shipped.order_state = Some(OrderState::Shipped);
    let shipped = c.get_order_list(&shipped).await.expect("a page");
    assert_eq!(shipped.order_list.map(|l| l.len()), Some(1));

    // pay_time_range, both ends inclusive; tx-c has no payment time and is left out of
    // any list that asks for a range.
    for (range, expected) in [
        (json!({"begin_time": 1_716_120_000}), vec!["tx-b"]),
        (json!({"end_time": 1_716_120_000}), vec!["tx-a"]),
        (
            json!({"begin_time": 1_716_100_000, "end_time": 1_716_150_000}),
            vec!["tx-a", "tx-b"],
        ),
        (json!({"begin_time": 1_716_150_001}), vec![]),
    ] {
        let request: GetOrderListRequest =
            serde_json::from_value(json!({ "pay_time_range": range })).expect("typed");
        let page = c.get_order_list(&request).await.expect("a page");
        let ids: Vec<_> = page
            .order_list
            .unwrap_or_default()
            .into_iter()
            .filter_map(|o| o.transaction_id)
            .collect();
        assert_eq!(ids, expected, "{range}");
    }
    let paid = c
        .order_shipping_get_order(&by_transaction("tx-a"))
        .await
        .expect("read");
    assert_eq!(paid.order.and_then(|o| o.pay_time), Some(1_716_100_000));

    // The reminder to confirm receipt: once, only for a shipped payment, and signed for
    // after it was shipped (m-a went at 2024-05-20T10:00:00+08:00, 1,716,170,400).
    let signed = |id: &str, at: i64| {
        let mut r = NotifyConfirmReceiveRequest::new(at);
        r.transaction_id = Some(id.to_owned());
        r
    };
    let remind = |id: &str| signed(id, 1_716_200_000);
    for early in [1_700_000_000, 1_716_170_400] {
        let refused = c
            .notify_confirm_receive(&signed("tx-a", early))
            .await
            .expect_err("signed for before it was shipped");
        assert!(refused.is_platform_code(10_060_029), "{refused}");
    }
    c.notify_confirm_receive(&remind("tx-a"))
        .await
        .expect("reminded");
    let twice = c
        .notify_confirm_receive(&remind("tx-a"))
        .await
        .expect_err("one reminder per payment");
    assert!(twice.is_platform_code(10_060_030), "{twice}");
    let unshipped = c
        .notify_confirm_receive(&remind("tx-b"))
        .await
        .expect_err("not shipped");
    assert!(unshipped.is_platform_code(10_060_028), "{unshipped}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn without_a_seed_the_first_payer_owns_the_payment() {
    let sb = sandbox();
    let c = client(&sb);
    c.upload_shipping_info(&paid_by(
        upload(by_merchant("m-new"), "2024-05-20T10:00:00+08:00"),
        "o-first",
    ))
    .await
    .expect("created on first use");
    let other = c
        .upload_shipping_info(&paid_by(
            upload(by_merchant("m-new"), "2024-05-21T10:00:00+08:00"),
            "o-second",
        ))
        .await
        .expect_err("owned by the first payer");
    assert!(other.is_platform_code(10_060_031), "{other}");
    c.upload_shipping_info(&paid_by(
        upload(by_merchant("m-new"), "2024-05-21T10:00:00+08:00"),
        "o-first",
    ))
    .await
    .expect("the owner re-ships");
}
