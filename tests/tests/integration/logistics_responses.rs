//! Answers of the merchant-side logistics endpoints: each batchGetOrder item keeps its own
//! error, and members or values the platform adds later never break parsing.

use mpapi_wechat::logistics::{
    ActionType, BatchGetOrderResponse, GetAllAccountResponse, GetAllDeliveryResponse,
    GetPathResponse, GetPrinterResponse, GetQuotaResponse, OrderStatus, OrderWaybill,
};
use serde_json::json;

#[test]
fn batch_get_order_items_keep_their_own_result_and_error() {
    let answer: BatchGetOrderResponse = serde_json::from_value(json!({
        "errcode": 0,
        "errmsg": "ok",
        "order_list": [
            {
                "errcode": 0,
                "errmsg": "ok",
                "print_html": "PGh0bWw+",
                "waybill_data": [{ "key": "SF_bagAddr", "value": "广州" }],
                "order_id": "a",
                "delivery_id": "SF",
                "waybill_id": "1",
                "order_status": 1
            },
            { "errcode": 9300501, "errmsg": "delivery logic fail", "order_id": "b" }
        ]
    }))
    .expect("a batch answer with a failed item parses");
    assert_eq!(answer.errcode, Some(0));
    let items = answer.order_list.expect("the items are kept");
    assert_eq!(items.len(), 2);
    assert_eq!(items[0].errcode, Some(0));
    assert_eq!(items[0].order_status, Some(OrderStatus::Cancelled));
    assert_eq!(items[0].waybill_data.as_ref().map(Vec::len), Some(1));
    assert_eq!(items[1].errcode, Some(9_300_501));
    assert_eq!(items[1].errmsg.as_deref(), Some("delivery logic fail"));
    assert_eq!(items[1].order_id.as_deref(), Some("b"));
    assert!(items[1].print_html.is_none() && items[1].waybill_id.is_none());
}

#[test]
fn members_added_later_are_ignored() {
    let order: OrderWaybill = serde_json::from_value(json!({
        "order_id": "a",
        "order_status": 0,
        "brand_new_member": { "nested": [1, 2] }
    }))
    .expect("an unknown member does not break parsing");
    assert_eq!(order.order_status, Some(OrderStatus::Normal));

    let accounts: GetAllAccountResponse = serde_json::from_value(json!({
        "count": 1,
        "list": [{
            "biz_id": "xyz",
            "status_code": 7,
            "service_type": [{ "service_type": 1, "service_name": "x", "extra": true }],
            "extra": "x"
        }],
        "extra": null
    }))
    .expect("unknown members at every level are ignored");
    let list = accounts.list.expect("list");
    assert_eq!(list[0].status_code, Some(7));
    assert_eq!(
        list[0].service_type.as_ref().map(|s| s[0].service_type),
        Some(Some(1))
    );

    // Tables without errcode/errmsg rows: the envelope's members parse all the same.
    let delivery: GetAllDeliveryResponse =
        serde_json::from_value(json!({ "errcode": 0, "errmsg": "ok", "count": 0, "data": [] }))
            .expect("envelope members are ignored");
    assert_eq!(delivery.count, Some(0));
    let printers: GetPrinterResponse = serde_json::from_value(json!({
        "errcode": 0, "count": 1, "openid": ["o1"], "tagid_list": ["123,456"]
    }))
    .expect("parses");
    assert_eq!(printers.tagid_list, Some(vec!["123,456".to_owned()]));
}

#[test]
fn an_empty_answer_parses_as_all_absent() {
    let quota: GetQuotaResponse = serde_json::from_value(json!({})).expect("parses");
    assert_eq!(quota.quota_num, None);
    assert_eq!(quota.errcode, None);
}

#[test]
fn path_nodes_of_types_added_later_are_kept() {
    let path: GetPathResponse = serde_json::from_value(json!({
        "waybill_id": "1",
        "path_item_num": 2,
        "path_item_list": [
            { "action_time": 1, "action_type": 100001, "action_msg": "揽件成功" },
            { "action_time": 2, "action_type": 500001, "action_msg": "new stage" }
        ]
    }))
    .expect("an unknown node type does not break parsing");
    let nodes = path.path_item_list.expect("nodes");
    assert_eq!(nodes[0].action_type, Some(ActionType::PickupSucceeded));
    let unknown = nodes[1].action_type.as_ref().expect("kept");
    assert!(!unknown.is_known(), "{unknown:?}");
    // Written back as received.
    assert_eq!(
        serde_json::to_value(&nodes[1]).expect("serializes")["action_type"],
        json!(500001)
    );
}
