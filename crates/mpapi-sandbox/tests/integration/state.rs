//! Server-side state rules, over HTTP.

use crate::common;

use common::*;
use serde_json::{Value, json};

fn user_order(time: &str) -> String {
    json!({"order_key": {"order_number_type": 1, "mchid": "m1", "out_trade_no": "o1"}, "upload_time": time})
        .to_string()
}

#[tokio::test]
async fn user_order_updates_need_a_strictly_later_upload_time() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let url = url(&sandbox, &USER_ORDER, &token);
    let code = |answer: Value| answer["errcode"].clone();

    assert_eq!(
        code(
            post(&url, &user_order("2024-05-20T13:29:35.120+08:00"))
                .await
                .json()
        ),
        json!(0)
    );
    let same = post(&url, &user_order("2024-05-20T13:29:35.120+08:00"))
        .await
        .json();
    assert_eq!(code(same.clone()), json!(268_485_216));
    assert!(same["errmsg"].as_str().is_some_and(|m| m.contains("later")));
    assert_eq!(
        code(
            post(&url, &user_order("2024-05-20T13:00:00+08:00"))
                .await
                .json()
        ),
        json!(268_485_216)
    );
    assert_eq!(
        code(
            post(&url, &user_order("2024-05-20T13:29:36+08:00"))
                .await
                .json()
        ),
        json!(0)
    );

    let stored = sandbox
        .stored_order(USER_ORDER.id, WX_APP, "mchid=m1&out_trade_no=o1")
        .expect("the order is stored");
    assert_eq!(stored["upload_time"], json!("2024-05-20T13:29:36+08:00"));
    assert_eq!(sandbox.stored_order_count(USER_ORDER.id), 1);

    // Another order key is independent.
    let other =
        json!({"order_key": {"transaction_id": "tx9"}, "upload_time": "2020-01-01T00:00:00Z"});
    assert_eq!(code(post(&url, &other.to_string()).await.json()), json!(0));
    assert_eq!(sandbox.stored_order_count(USER_ORDER.id), 2);

    // A time that is not RFC 3339 cannot be ordered.
    let garbled = post(&url, &user_order("2024-05-20T13:29:37 08:00"))
        .await
        .json();
    assert_eq!(code(garbled), json!(268_485_216));
}

#[tokio::test]
async fn logistics_rejects_a_duplicate_order_id() {
    let sandbox = start(config());
    let token = wechat_token(&sandbox).await;
    let url = url(&sandbox, &LOGISTICS, &token);
    let body = json!({"order_id": "dup-1", "delivery_id": "SF"}).to_string();
    assert_eq!(post(&url, &body).await.json()["order_id"], json!("dup-1"));
    let again = post(&url, &body).await.json();
    assert_eq!(again["errcode"], json!(930_561));
    assert!(
        again["errmsg"]
            .as_str()
            .is_some_and(|m| m.contains("already exists"))
    );
    let other = json!({"order_id": "dup-2", "delivery_id": "SF"}).to_string();
    assert_eq!(post(&url, &other).await.json()["order_id"], json!("dup-2"));
    assert_eq!(sandbox.stored_order_count(LOGISTICS.id), 2);
}

#[tokio::test]
async fn baidu_overwrites_an_existing_resource_id() {
    let sandbox = start(config());
    let token = baidu_token(&sandbox).await;
    let url = url(&sandbox, &BAIDU, &token);
    let order = |title: &str| {
        json!({"Data": [{"ResourceID": "res-1", "BizAPPID": "biz", "CateID": 1, "Title": title}]})
            .to_string()
    };
    assert_eq!(post(&url, &order("first")).await.json()["errno"], json!(0));
    assert_eq!(post(&url, &order("second")).await.json()["errno"], json!(0));
    assert_eq!(sandbox.stored_order_count(BAIDU.id), 1);
    let stored = sandbox
        .stored_order(BAIDU.id, BD_APP, "res-1")
        .expect("stored");
    assert_eq!(stored["Data"][0]["Title"], json!("second"));
}
