//! Server-side state where the docs describe it, as one table of rules keyed by endpoint id.
//!
//! | endpoint | key of a stored order | rule |
//! |---|---|---|
//! | `wechat.user_order.upload_shopping_info`, `wechat.user_order.upload_combined_shopping_info` | `order_key`, as `transaction_id=…` (type `WXPAY_TRADE_NUMBER`/2) or `mchid=…&out_trade_no=…` (type `MERCHANT_TRADE_NUMBER`/1) | an update must carry a strictly later `upload_time` (RFC 3339) than the stored one, else 268485216 (the doc's "upload time illegal" code: the doc's note 5 says updates need a later upload time, and names no other code) |
//! | `wechat.logistics.add_order` | `order_id` | a second order with the same id is rejected with 930561 (the doc's "参数错误"; the doc only says order ids must be globally unique) |
//! | `baidu.ordercenter.add_main_info` | `Data[].ResourceID` | an existing ResourceID is overwritten (doc note 3); the answer's `data` lists every imported order with `rows_affected` "1" |
//!
//! Stored orders are kept per app (the app the access token belongs to). Endpoints without
//! a rule keep no state. To add a rule, add a row to `rule_for` in this module.

use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};

use serde_json::{Value, json};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::tokens::AppId;

/// What happens when an order key is already stored.
#[derive(Clone, Copy, Debug)]
enum Policy {
    /// Accept only if the named top-level RFC 3339 field is strictly later; else `code`.
    NewerThan { field: &'static str, code: i64 },
    /// Reject with `code`.
    RejectDuplicate { code: i64 },
    /// Replace the stored order.
    Overwrite,
}

/// One endpoint's state rule.
#[derive(Clone, Copy, Debug)]
struct StateRule {
    /// The keys of the orders a request body carries (none: nothing is stored).
    keys: fn(&Value) -> Vec<String>,
    policy: Policy,
    /// Rewrites the success answer from the request, after the order is stored.
    fill: Option<fn(&Value, &mut Value)>,
}

/// The state rule of an endpoint, by id.
fn rule_for(endpoint_id: &str) -> Option<StateRule> {
    let upload_time = Policy::NewerThan {
        field: "upload_time",
        code: 268_485_216,
    };
    match endpoint_id {
        "wechat.user_order.upload_shopping_info"
        | "wechat.user_order.upload_combined_shopping_info" => Some(StateRule {
            keys: user_order_key,
            policy: upload_time,
            fill: None,
        }),
        "wechat.logistics.add_order" => Some(StateRule {
            keys: |body| top_level_string(body, "order_id"),
            policy: Policy::RejectDuplicate { code: 930_561 },
            fill: None,
        }),
        "baidu.ordercenter.add_main_info" => Some(StateRule {
            keys: baidu_resource_ids,
            policy: Policy::Overwrite,
            fill: Some(baidu_fill),
        }),
        _ => None,
    }
}

fn top_level_string(body: &Value, field: &str) -> Vec<String> {
    body.get(field)
        .and_then(Value::as_str)
        .map(|s| vec![s.to_owned()])
        .unwrap_or_default()
}

fn user_order_key(body: &Value) -> Vec<String> {
    let Some(key) = body.get("order_key") else {
        return Vec::new();
    };
    let field = |name: &str| key.get(name).and_then(Value::as_str);
    let by_transaction = field("transaction_id").map(|tx| format!("transaction_id={tx}"));
    let by_merchant = field("mchid")
        .zip(field("out_trade_no"))
        .map(|(mchid, no)| format!("mchid={mchid}&out_trade_no={no}"));
    // The order number type says which identification counts (string name or code);
    // without a usable type, the transaction id wins.
    let key = match key.get("order_number_type") {
        Some(t) if t == "MERCHANT_TRADE_NUMBER" || t == 1 => by_merchant,
        Some(t) if t == "WXPAY_TRADE_NUMBER" || t == 2 => by_transaction,
        _ => by_transaction.or(by_merchant),
    };
    key.into_iter().collect()
}

fn baidu_orders(body: &Value) -> impl Iterator<Item = &Value> {
    body.get("Data")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

fn baidu_resource_ids(body: &Value) -> Vec<String> {
    baidu_orders(body)
        .filter_map(|o| o.get("ResourceID").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// Baidu's answer echoes every imported order (the doc's example shows strings).
fn baidu_fill(body: &Value, answer: &mut Value) {
    let as_text = |v: Option<&Value>| match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let data: Vec<Value> = baidu_orders(body)
        .map(|o| {
            json!({
                "biz_app_id": as_text(o.get("BizAPPID")),
                "cate_id": as_text(o.get("CateID")),
                "resource_id": as_text(o.get("ResourceID")),
                "rows_affected": "1",
            })
        })
        .collect();
    if let Some(obj) = answer.as_object_mut() {
        obj.insert("data".to_owned(), Value::Array(data));
    }
}

/// Why a request was refused by a state rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StateRejection {
    /// The platform code to answer with.
    pub code: i64,
    /// What went wrong, naming the order key.
    pub message: String,
}

/// Orders stored by every endpoint with a state rule.
#[derive(Debug, Default)]
pub(crate) struct OrderStore {
    orders: Mutex<HashMap<(String, AppId, String), Value>>,
}

impl OrderStore {
    /// Applies the endpoint's state rule to an already validated request of `app`: refuses
    /// it, or stores its orders and rewrites `answer` where the rule says so.
    pub(crate) fn apply(
        &self,
        endpoint_id: &str,
        app: &AppId,
        body: &Value,
        answer: &mut Value,
    ) -> Result<(), StateRejection> {
        let Some(rule) = rule_for(endpoint_id) else {
            return Ok(());
        };
        let keys = (rule.keys)(body);
        let mut orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        // Check every key before storing any, so a refused request changes nothing.
        for key in &keys {
            let slot = (endpoint_id.to_owned(), app.clone(), key.clone());
            if let Some(stored) = orders.get(&slot) {
                check_policy(rule.policy, key, stored, body)?;
            } else if let Policy::NewerThan { field, code } = rule.policy {
                upload_time(body, field, code)?;
            }
        }
        for key in keys {
            orders.insert((endpoint_id.to_owned(), app.clone(), key), body.clone());
        }
        if let Some(fill) = rule.fill {
            fill(body, answer);
        }
        Ok(())
    }

    /// The stored request body of the order `key` of `app` at `endpoint_id`.
    pub(crate) fn get(&self, endpoint_id: &str, app: &AppId, key: &str) -> Option<Value> {
        let orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        orders
            .get(&(endpoint_id.to_owned(), app.clone(), key.to_owned()))
            .cloned()
    }

    /// How many orders are stored for `endpoint_id`, all apps together.
    pub(crate) fn count(&self, endpoint_id: &str) -> usize {
        let orders = self.orders.lock().unwrap_or_else(PoisonError::into_inner);
        orders.keys().filter(|(id, _, _)| id == endpoint_id).count()
    }
}

fn upload_time(body: &Value, field: &str, code: i64) -> Result<OffsetDateTime, StateRejection> {
    body.get(field)
        .and_then(Value::as_str)
        .and_then(|s| OffsetDateTime::parse(s, &Rfc3339).ok())
        .ok_or_else(|| StateRejection {
            code,
            message: format!("{field} is missing or not an RFC 3339 date-time"),
        })
}

fn check_policy(
    policy: Policy,
    key: &str,
    stored: &Value,
    body: &Value,
) -> Result<(), StateRejection> {
    match policy {
        Policy::Overwrite => Ok(()),
        Policy::RejectDuplicate { code } => Err(StateRejection {
            code,
            message: format!("order {key} already exists"),
        }),
        Policy::NewerThan { field, code } => {
            let new = upload_time(body, field, code)?;
            let old = upload_time(stored, field, code).ok();
            if old.is_some_and(|old| new <= old) {
                Err(StateRejection {
                    code,
                    message: format!(
                        "{field} must be later than the previous upload of order {key}"
                    ),
                })
            } else {
                Ok(())
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::Platform;

    fn app() -> AppId {
        AppId {
            platform: Platform::WeChat,
            id: "wx1".to_owned(),
        }
    }

    fn order(time: &str) -> Value {
        json!({"order_key": {"order_number_type": 1, "mchid": "m", "out_trade_no": "o"}, "upload_time": time})
    }

    #[test]
    fn user_order_updates_need_a_later_upload_time() {
        let store = OrderStore::default();
        let id = "wechat.user_order.upload_shopping_info";
        let mut answer = json!({});
        assert!(
            store
                .apply(id, &app(), &order("2024-01-01T00:00:00+08:00"), &mut answer)
                .is_ok()
        );
        let same = store.apply(id, &app(), &order("2024-01-01T00:00:00+08:00"), &mut answer);
        assert_eq!(same.map_err(|r| r.code), Err(268_485_216));
        // Same instant written in another offset is not later either.
        let same_instant = store.apply(id, &app(), &order("2023-12-31T16:00:00Z"), &mut answer);
        assert!(same_instant.is_err());
        assert!(
            store
                .apply(id, &app(), &order("2024-01-01T00:00:01+08:00"), &mut answer)
                .is_ok()
        );
        assert_eq!(store.count(id), 1);
        let stored = store.get(id, &app(), "mchid=m&out_trade_no=o");
        assert_eq!(
            stored.and_then(|v| v.get("upload_time").cloned()),
            Some(json!("2024-01-01T00:00:01+08:00"))
        );
    }

    #[test]
    fn the_order_number_type_picks_the_key() {
        let both = |t: Value| json!({"order_key": {"order_number_type": t, "transaction_id": "tx", "mchid": "m", "out_trade_no": "o"}});
        assert_eq!(
            user_order_key(&both(json!("WXPAY_TRADE_NUMBER"))),
            ["transaction_id=tx"]
        );
        assert_eq!(user_order_key(&both(json!(2))), ["transaction_id=tx"]);
        assert_eq!(
            user_order_key(&both(json!("MERCHANT_TRADE_NUMBER"))),
            ["mchid=m&out_trade_no=o"]
        );
        assert_eq!(user_order_key(&both(json!(1))), ["mchid=m&out_trade_no=o"]);
        assert_eq!(user_order_key(&both(json!("OTHER"))), ["transaction_id=tx"]);
        assert!(
            user_order_key(&json!({"order_key": {"order_number_type": 1, "mchid": "m"}}))
                .is_empty()
        );
    }

    #[test]
    fn endpoints_without_a_rule_keep_nothing() {
        let store = OrderStore::default();
        let mut answer = json!({});
        assert!(
            store
                .apply("x.y.z", &app(), &order("bad"), &mut answer)
                .is_ok()
        );
        assert_eq!(store.count("x.y.z"), 0);
    }
}
