//! The logistics behaviours the specs' `sandbox:` blocks declare, through the generated
//! client over loopback HTTP: add_order -> get_order -> cancel_order -> get_order shows the
//! cancelled status; test_update_order -> get_path returns the track; batch_get_order
//! exposes each item's own typed result.

use mpapi_sandbox::SandboxHandle;
use mpapi_wechat::client::Client;
use mpapi_wechat::logistics::{self, BatchGetOrderErrorCode, OrderStatus};
use serde_json::{Value, json};

use crate::wechat_sandbox;

const APP: &str = "wx_logistics_sandbox";
const SECRET: &str = "logistics-secret";

fn sandbox() -> SandboxHandle {
    wechat_sandbox::start(wechat_sandbox::config(APP, SECRET))
}

fn client(sb: &SandboxHandle) -> Client {
    wechat_sandbox::client(sb, APP, SECRET)
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

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cancelled_waybill_reads_back_cancelled() {
    let sb = sandbox();
    let c = client(&sb);
    let id = json!({"order_id": "sandbox-waybill-1", "delivery_id": "SF"});

    let unknown = c
        .logistics_get_order(&example(&logistics::GET_ORDER, id.clone()))
        .await
        .expect_err("no such waybill yet");
    assert!(unknown.is_platform_code(930_561), "{unknown}");

    c.add_order(&example(&logistics::ADD_ORDER, id.clone()))
        .await
        .expect("created");
    let created = c
        .logistics_get_order(&example(&logistics::GET_ORDER, id.clone()))
        .await
        .expect("read back");
    assert_eq!(created.order_id.as_deref(), Some("sandbox-waybill-1"));
    assert_eq!(created.order_status, Some(OrderStatus::Normal));

    c.cancel_order(&example(&logistics::CANCEL_ORDER, id.clone()))
        .await
        .expect("cancelled");
    let cancelled = c
        .logistics_get_order(&example(&logistics::GET_ORDER, id.clone()))
        .await
        .expect("read back");
    assert_eq!(cancelled.order_status, Some(OrderStatus::Cancelled));

    // A second waybill is untouched, and a duplicate order id is still refused.
    let other = json!({"order_id": "sandbox-waybill-2", "delivery_id": "SF"});
    c.add_order(&example(&logistics::ADD_ORDER, other.clone()))
        .await
        .expect("created");
    let second = c
        .logistics_get_order(&example(&logistics::GET_ORDER, other))
        .await
        .expect("read back");
    assert_eq!(second.order_status, Some(OrderStatus::Normal));
    let again = c
        .add_order(&example(&logistics::ADD_ORDER, id.clone()))
        .await
        .expect_err("duplicate");
    assert!(again.is_platform_code(930_561), "{again}");
    let gone = c
        .cancel_order(&example(
            &logistics::CANCEL_ORDER,
            json!({"order_id": "never-added"}),
        ))
        .await
        .expect_err("no such waybill");
    assert!(gone.is_platform_code(930_561), "{gone}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn simulated_updates_make_the_track_that_get_path_returns() {
    let sb = sandbox();
    let c = client(&sb);
    let waybill = json!({"delivery_id": "TEST", "waybill_id": "track-1"});
    let path = c
        .get_path(&example(&logistics::GET_PATH, waybill.clone()))
        .await
        .expect_err("no track yet");
    assert!(path.is_platform_code(930_561), "{path}");

    for (time, kind, msg) in [
        (1_555_484_541_u64, 100_001, "揽件成功"),
        (1_555_488_141, 200_001, "运输中"),
    ] {
        let mut update = waybill.clone();
        update["action_time"] = json!(time);
        update["action_type"] = json!(kind);
        update["action_msg"] = json!(msg);
        c.test_update_order(&example(&logistics::TEST_UPDATE_ORDER, update))
            .await
            .expect("updated");
    }
    let track = c
        .get_path(&example(&logistics::GET_PATH, waybill))
        .await
        .expect("the track");
    assert_eq!(track.path_item_num, Some(2));
    let nodes = track.path_item_list.expect("nodes");
    assert_eq!(nodes.len(), 2);
    assert_eq!(nodes[0].action_msg.as_deref(), Some("揽件成功"));
    assert_eq!(nodes[1].action_time, Some(1_555_488_141));
    assert_eq!(
        serde_json::to_value(&nodes[1].action_type).expect("JSON"),
        json!(200_001)
    );
    // Another waybill has its own track.
    let other = c
        .get_path(&example(
            &logistics::GET_PATH,
            json!({"delivery_id": "TEST", "waybill_id": "track-2"}),
        ))
        .await;
    assert!(other.is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_batch_waybill_has_its_own_typed_result() {
    let sb = sandbox();
    let answer = client(&sb)
        .batch_get_order(&example(&logistics::BATCH_GET_ORDER, json!({})))
        .await
        .expect("the batch as a whole succeeds");
    let list = answer.order_list.expect("items");
    let results: Vec<_> = list.iter().map(|w| w.outcome()).collect();
    assert!(results.iter().any(Result::is_ok), "{list:?}");
    let failed = results
        .iter()
        .find_map(|r| r.as_ref().err())
        .expect("the example's failed item");
    assert_eq!(failed.code, BatchGetOrderErrorCode(9_300_501));
    assert!(!failed.message.is_empty());
}
