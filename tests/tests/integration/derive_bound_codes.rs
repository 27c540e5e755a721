//! `min_code` / `max_code` on bounded constraints: a failure at each end reports that end's
//! code (else `code`), and a value still gets at most one violation per constraint.

use mpapi_runtime::{Path, Validate, Violation, Violations};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
struct Order {
    /// Both ends have their own code.
    #[validate(bytes(min = 1, max = 64, min_code = 268485201, max_code = 9300526))]
    merchant_order_no: String,
    /// Only the minimum has a code; `code` covers the maximum.
    #[validate(chars(min = 1, max = 4, min_code = 268485207, code = 99))]
    name: Option<String>,
    /// Only the minimum has a code; the maximum reports none.
    #[validate(items(min = 1, max = 3, min_code = 268485210))]
    image_url: Vec<String>,
    /// A code for the maximum only, with `code` for the minimum.
    #[validate(range(min = -5, max = 5, max_code = 2, code = 1))]
    delta: i32,
    /// Float range: NaN fails both ends but is reported once.
    #[validate(range(min = 0, max = 1, min_code = 10, max_code = 11))]
    ratio: f64,
    /// Per-element ends.
    #[validate(each(bytes(min = 1, max = 3, min_code = 20, max_code = 21)))]
    tags: Vec<String>,
    /// The same code written for both ends behaves like `code`.
    #[validate(bytes(min = 2, max = 3, min_code = 30, max_code = 30))]
    same: Option<String>,
}

fn order() -> Order {
    Order {
        merchant_order_no: "232457563423".into(),
        name: Some("ab".into()),
        image_url: vec!["https://qpic.cn/x".into()],
        delta: 0,
        ratio: 0.5,
        tags: vec!["a".into(), "abc".into()],
        same: Some("ab".into()),
    }
}

fn violations(o: &Order) -> Vec<Violation> {
    let mut out = Violations::new();
    o.validate_at(&Path::Root, &mut out);
    out.into_vec()
}

fn summary(o: &Order) -> Vec<(String, &'static str, Option<i64>)> {
    violations(o)
        .into_iter()
        .map(|v| (v.path, v.rule.as_str(), v.code))
        .collect()
}

fn one(
    path: &str,
    rule: &'static str,
    code: Option<i64>,
) -> Vec<(String, &'static str, Option<i64>)> {
    vec![(path.to_owned(), rule, code)]
}

#[test]
fn valid_values_pass() {
    assert_eq!(summary(&order()), []);
}

#[test]
fn bytes_reports_the_code_of_the_failing_end() {
    let mut o = order();
    o.merchant_order_no = String::new();
    assert_eq!(
        summary(&o),
        one("merchant_order_no", "bytes", Some(268485201))
    );
    o.merchant_order_no = "7".repeat(65);
    assert_eq!(
        summary(&o),
        one("merchant_order_no", "bytes", Some(9300526))
    );
    // 22 CJK characters are 66 bytes: the upper end, counted in bytes.
    o.merchant_order_no = "单".repeat(22);
    assert_eq!(
        summary(&o),
        one("merchant_order_no", "bytes", Some(9300526))
    );
    o.merchant_order_no = "7".repeat(64);
    assert_eq!(summary(&o), []);
}

#[test]
fn the_message_names_the_bound_that_failed() {
    let mut o = order();
    o.merchant_order_no = String::new();
    let v = violations(&o);
    assert_eq!(v.len(), 1);
    assert!(v[0].message.contains("at least 1"), "{}", v[0].message);
    o.merchant_order_no = "7".repeat(65);
    let v = violations(&o);
    assert_eq!(v.len(), 1);
    assert!(v[0].message.contains("at most 64"), "{}", v[0].message);
}

#[test]
fn code_applies_to_the_end_without_its_own() {
    let mut o = order();
    o.name = Some(String::new());
    assert_eq!(summary(&o), one("name", "chars", Some(268485207)));
    // Five characters (15 bytes): over the character maximum, which has no own code.
    o.name = Some("腾讯腾讯腾".into());
    assert_eq!(summary(&o), one("name", "chars", Some(99)));
    o.name = Some("腾讯腾讯".into());
    assert_eq!(summary(&o), []);
    o.name = None;
    assert_eq!(summary(&o), []);
}

#[test]
fn an_end_without_any_code_reports_none() {
    let mut o = order();
    o.image_url = vec![];
    assert_eq!(summary(&o), one("image_url", "items", Some(268485210)));
    o.image_url = vec!["https://qpic.cn/x".into(); 4];
    assert_eq!(summary(&o), one("image_url", "items", None));
    o.image_url = vec!["https://qpic.cn/x".into(); 3];
    assert_eq!(summary(&o), []);
}

#[test]
fn integer_range_ends() {
    let mut o = order();
    for (delta, expected) in [
        (-6, one("delta", "range", Some(1))),
        (-5, vec![]),
        (5, vec![]),
        (6, one("delta", "range", Some(2))),
        (i32::MIN, one("delta", "range", Some(1))),
        (i32::MAX, one("delta", "range", Some(2))),
    ] {
        o.delta = delta;
        assert_eq!(summary(&o), expected, "delta = {delta}");
    }
}

#[test]
fn float_range_ends_and_nan_reported_once() {
    let mut o = order();
    for (ratio, expected) in [
        (-0.1, one("ratio", "range", Some(10))),
        (0.0, vec![]),
        (1.0, vec![]),
        (1.1, one("ratio", "range", Some(11))),
        (f64::NEG_INFINITY, one("ratio", "range", Some(10))),
        (f64::INFINITY, one("ratio", "range", Some(11))),
    ] {
        o.ratio = ratio;
        assert_eq!(summary(&o), expected, "ratio = {ratio}");
    }
    // NaN fails both comparisons; it is reported at the first end only.
    o.ratio = f64::NAN;
    assert_eq!(summary(&o), one("ratio", "range", Some(10)));
}

#[test]
fn each_element_reports_its_failing_end() {
    let mut o = order();
    o.tags = vec!["".into(), "abcd".into(), "ok".into(), "".into()];
    assert_eq!(
        summary(&o),
        [
            ("tags[0]".to_owned(), "bytes", Some(20)),
            ("tags[1]".to_owned(), "bytes", Some(21)),
            ("tags[3]".to_owned(), "bytes", Some(20)),
        ]
    );
}

#[test]
fn equal_end_codes_report_the_full_bounds_once() {
    let mut o = order();
    o.same = Some("a".into());
    let v = violations(&o);
    assert_eq!(v.len(), 1);
    assert_eq!(v[0].code, Some(30));
    assert!(v[0].message.contains("between 2 and 3"), "{}", v[0].message);
    o.same = Some("abcd".into());
    assert_eq!(summary(&o), one("same", "bytes", Some(30)));
}

#[test]
fn every_failing_field_is_reported_with_its_end_code() {
    let mut o = order();
    o.merchant_order_no = String::new();
    o.name = Some("toolong".into());
    o.image_url = vec![];
    o.delta = 9;
    let codes: Vec<_> = violations(&o).into_iter().map(|v| v.code).collect();
    assert_eq!(codes, [Some(268485201), Some(99), Some(268485210), Some(2)]);
}

#[test]
fn json_input_reports_end_codes_after_the_shape_stage() {
    let value = serde_json::json!({
        "merchant_order_no": "",
        "image_url": [],
        "delta": 0,
        "ratio": 2.0,
        "tags": ["abcd"],
    });
    let err = match mpapi_runtime::validate_value::<Order>(&value) {
        Ok(_) => panic!("the value should not validate"),
        Err(err) => err,
    };
    let got: Vec<_> = err.iter().map(|v| (v.path.as_str(), v.code)).collect();
    assert_eq!(
        got,
        [
            ("merchant_order_no", Some(268485201)),
            ("image_url", Some(268485210)),
            ("ratio", Some(11)),
            ("tags[0]", Some(21)),
        ]
    );
}
