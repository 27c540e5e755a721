//! A structural problem in one part of a request body does not hide the constraint and
//! rule violations of the other parts: checked through the generated
//! `wechat.user_order.upload_shopping_info` validator, the one the CLI and the sandbox use.

use mpapi_runtime::EndpointInfo;
use serde_json::{Value, json};

/// `assert_eq!` of two lists of violations in any order.
macro_rules! assert_same {
    ($found:expr, $want:expr $(,)?) => {{
        let mut found = $found;
        let mut want = $want;
        found.sort();
        want.sort();
        assert_eq!(found, want);
    }};
}

const ID: &str = "wechat.user_order.upload_shopping_info";

fn endpoint() -> &'static EndpointInfo {
    match mpapi_wechat::endpoint(ID) {
        Some(ep) => ep,
        None => panic!("{ID} is generated"),
    }
}

/// The endpoint's first doc example, which is valid.
fn example() -> Value {
    let Some(text) = endpoint().examples.first().and_then(|e| e.request) else {
        panic!("{ID} has an example request");
    };
    match serde_json::from_str(text) {
        Ok(v) => v,
        Err(e) => panic!("example is JSON: {e}"),
    }
}

/// `(path, rule, code)` of every violation, sorted (the reader reports structural
/// violations as it meets them, and the checks of sound parts when it gives up on the
/// object or list around them).
fn report(body: &Value) -> Vec<(String, &'static str, Option<i64>)> {
    match (endpoint().validate_request)(body) {
        Ok(()) => Vec::new(),
        Err(v) => {
            let mut list: Vec<_> = v
                .iter()
                .map(|v| (v.path.clone(), v.rule.as_str(), v.code))
                .collect();
            list.sort();
            list
        }
    }
}

fn remove(body: &mut Value, parent: &str, member: &str) {
    match body.pointer_mut(parent).and_then(Value::as_object_mut) {
        Some(object) => {
            object.remove(member);
        }
        None => panic!("{parent} is an object of the example"),
    }
}

#[test]
fn the_example_body_is_valid_and_typed() {
    let body = example();
    assert_eq!(report(&body), []);
    let typed =
        mpapi_runtime::validate_value::<mpapi_wechat::user_order::UploadShoppingInfoRequest>(&body);
    assert!(typed.is_ok_and(|t| t.order_list.len() == 3));
}

#[test]
fn a_type_error_a_length_and_a_rule_in_other_parts_are_all_reported() {
    let mut body = example();
    body["order_list"][0]["item_list"][0]["unit_price"] = json!("828800");
    body["order_list"][0]["item_list"][1]["name"] = json!("中".repeat(257));
    let link = "/order_list/1/order_detail_jump_link";
    body["order_list"][1]["order_detail_jump_link"]["type"] = json!("MINI_PROGRAM");
    remove(&mut body, link, "appid");
    // Keep the items' link type equal to the order's, so that only the missing appid
    // breaks a rule of order 1.
    for item in 0..2 {
        body["order_list"][1]["item_list"][item]["item_detail_jump_link"]["type"] =
            json!("MINI_PROGRAM");
    }
    assert_same!(
        report(&body),
        vec![
            (
                "order_list[0].item_list[0].unit_price".to_owned(),
                "type",
                None
            ),
            ("order_list[0].item_list[1].name".to_owned(), "chars", None),
            (
                "order_list[1].order_detail_jump_link.appid".to_owned(),
                "required_if",
                Some(268485204)
            ),
        ]
    );
}

#[test]
fn a_missing_member_and_a_length_in_the_same_object_are_both_reported() {
    let mut body = example();
    body["order_list"][0]["merchant_order_no"] = json!("7".repeat(65));
    remove(&mut body, "/order_list/0", "item_list");
    body["order_list"][2]["item_list"][1]["merchant_item_id"] = json!("1".repeat(65));
    remove(&mut body, "/order_list/2/item_list/1", "unit_price");
    assert_same!(
        report(&body),
        vec![
            ("order_list[0].merchant_order_no".to_owned(), "bytes", None),
            (
                "order_list[0].item_list".to_owned(),
                "required",
                Some(268485211)
            ),
            (
                "order_list[2].item_list[1].merchant_item_id".to_owned(),
                "bytes",
                None
            ),
            (
                "order_list[2].item_list[1].unit_price".to_owned(),
                "required",
                Some(268485208)
            ),
        ]
    );
}

#[test]
fn a_wrong_type_in_one_item_leaves_a_sibling_items_rules_checked() {
    let mut body = example();
    body["order_list"][0]["item_list"][0]["quantity"] = json!(-1);
    remove(
        &mut body,
        "/order_list/0/item_list/2/item_detail_jump_link",
        "appid",
    );
    assert_same!(
        report(&body),
        vec![
            (
                "order_list[0].item_list[0].quantity".to_owned(),
                "type",
                None
            ),
            (
                "order_list[0].item_list[2].item_detail_jump_link.appid".to_owned(),
                "required_if",
                Some(268485204)
            ),
        ]
    );
}

#[test]
fn rules_of_an_order_broken_inside_are_not_evaluated_but_other_orders_are() {
    let mut body = example();
    // Order 0 is broken (a string quantity), so its own rule (item link type equal to the
    // order link type) cannot be evaluated; order 2 is sound, so the same rule is.
    body["order_list"][0]["item_list"][0]["quantity"] = json!("2");
    body["order_list"][0]["item_list"][1]["item_detail_jump_link"]["type"] = json!("URL");
    body["order_list"][2]["item_list"][1]["item_detail_jump_link"]["type"] = json!("URL");
    assert_same!(
        report(&body),
        vec![
            (
                "order_list[0].item_list[0].quantity".to_owned(),
                "type",
                None
            ),
            (
                "order_list[2].item_list[1].item_detail_jump_link.type".to_owned(),
                "equal",
                Some(268459788)
            ),
        ]
    );
}

const IMAGES: &str = "order_list[0].item_list[0].image_url";

#[test]
fn a_number_among_image_links_leaves_the_other_links_checked() {
    let mut body = example();
    body["order_list"][0]["item_list"][0]["image_url"] = json!(["https://qpic.cn/a", 5, ""]);
    // The empty link breaks `bytes` (min 1, no code in the spec) and, like any empty
    // string, the URL format, exactly as it does in a list without the number.
    let link_violations = vec![
        (format!("{IMAGES}[2]"), "bytes", None),
        (format!("{IMAGES}[2]"), "format", None),
    ];
    let mut want = vec![(format!("{IMAGES}[1]"), "type", None)];
    want.extend(link_violations.iter().cloned());
    assert_same!(report(&body), want);
    body["order_list"][0]["item_list"][0]["image_url"][1] = json!("https://qpic.cn/b");
    assert_same!(report(&body), link_violations);
}

#[test]
fn a_link_too_long_beside_a_number_breaks_only_bytes() {
    let mut body = example();
    let long = format!("https://qpic.cn/{}", "a".repeat(1009));
    body["order_list"][0]["item_list"][0]["image_url"] = json!([long, true]);
    assert_same!(
        report(&body),
        vec![
            (format!("{IMAGES}[0]"), "bytes", None),
            (format!("{IMAGES}[1]"), "type", None),
        ]
    );
}

#[test]
fn four_image_links_one_a_number_break_items_too() {
    let mut body = example();
    body["order_list"][0]["item_list"][0]["image_url"] = json!([
        "https://qpic.cn/a",
        5,
        "https://qpic.cn/c",
        "https://qpic.cn/d"
    ]);
    // More than 3 links has no code in the spec (only `min_code` 268485210).
    assert_same!(
        report(&body),
        vec![
            (IMAGES.to_owned(), "items", None),
            (format!("{IMAGES}[1]"), "type", None),
        ]
    );
}

#[test]
fn fifty_one_items_one_broken_break_items_and_the_sound_ones_are_validated() {
    let mut body = example();
    let Some(first) = body.pointer("/order_list/0/item_list/0").cloned() else {
        panic!("order 0 has an item");
    };
    let mut items = vec![first; 51];
    items[3]["quantity"] = json!("2");
    items[5]["name"] = json!("中".repeat(257));
    items[7]["image_url"] = json!([]);
    body["order_list"][0]["item_list"] = json!(items);
    let list = "order_list[0].item_list";
    assert_same!(
        report(&body),
        vec![
            (list.to_owned(), "items", None),
            (format!("{list}[3].quantity"), "type", None),
            (format!("{list}[5].name"), "chars", None),
            (format!("{list}[7].image_url"), "items", Some(268485210)),
        ]
    );
}

#[test]
fn a_body_that_is_not_an_object_is_one_type_violation() {
    assert_eq!(report(&json!([1, 2])), vec![(String::new(), "type", None)]);
}
