//! Normalisation of the *generated* enums of the real crates (the derive itself is covered
//! by `wire_enum.rs`): a known value given as its name, its code or (integer enums) a string
//! of digits deserializes to its variant, serializes in the enum's wire form, and an unknown
//! value is kept as received and rejected by validation with the enum's invalid code.

use mpapi_baidu::ordercenter::{AppraiseStatus, OrderCategory};
use mpapi_runtime::{Path, Validate, Violations, WireEnum};
use mpapi_wechat::user_order::{LinkType, OrderNumberType};
use serde_json::{Value, json};

fn parse<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v.clone()).unwrap_or_else(|e| panic!("{v}: {e}"))
}

fn violations<T: Validate>(t: &T) -> Vec<(String, String, Option<i64>)> {
    let mut out = Violations::new();
    t.validate_at(&Path::Root.field("f"), &mut out);
    out.iter()
        .map(|v| (v.path.clone(), v.rule.as_str().to_owned(), v.code))
        .collect()
}

#[test]
fn wechat_string_enum_reads_names_and_numeric_codes() {
    for (wire, want) in [
        (json!("MINI_PROGRAM"), LinkType::MiniProgram),
        (json!(1), LinkType::MiniProgram),
        (json!("URL"), LinkType::Url),
        (json!(2), LinkType::Url),
    ] {
        let got: LinkType = parse(wire.clone());
        assert_eq!(got, want, "{wire}");
        assert!(got.is_known());
        // Normalised: written back as the wire name, whatever form came in.
        assert_eq!(
            serde_json::to_value(&got).expect("serializes"),
            json!(want.as_str())
        );
        assert!(violations(&got).is_empty());
    }
    assert_eq!(
        parse::<OrderNumberType>(json!(2)),
        OrderNumberType::WxpayTradeNumber
    );
    assert_eq!(LinkType::from_code(1), Some(LinkType::MiniProgram));
    assert_eq!(LinkType::from_name("URL"), Some(LinkType::Url));
    assert_eq!(LinkType::ALL, &[LinkType::MiniProgram, LinkType::Url]);
}

#[test]
fn wechat_string_enum_keeps_unknown_values_and_rejects_them() {
    // A string enum reads codes from numbers only: "1" is an unknown name.
    for wire in [json!("APP"), json!(9), json!("1"), json!("url")] {
        let got: LinkType = parse(wire.clone());
        assert!(matches!(got, LinkType::Unknown(_)), "{wire}: {got:?}");
        assert_eq!(serde_json::to_value(&got).expect("serializes"), wire);
        assert_eq!(
            violations(&got),
            [("f".to_owned(), "enum".to_owned(), Some(268485202))]
        );
    }
    assert_eq!(LinkType::INVALID_CODE, Some(268485202));
}

#[test]
fn baidu_integer_enum_reads_codes_digit_strings_and_names() {
    for (wire, want) in [
        (json!(1), OrderCategory::Physical),
        (json!("1"), OrderCategory::Physical),
        (json!("PHYSICAL"), OrderCategory::Physical),
        (json!(2), OrderCategory::Virtual),
        (json!("2"), OrderCategory::Virtual),
    ] {
        let got: OrderCategory = parse(wire.clone());
        assert_eq!(got, want, "{wire}");
        // Normalised: written back as the numeric code.
        assert_eq!(
            serde_json::to_value(&got).expect("serializes"),
            json!(want.code().expect("known"))
        );
        assert!(violations(&got).is_empty());
    }
    // Code 0 is a variant like any other.
    assert_eq!(
        parse::<AppraiseStatus>(json!(0)),
        AppraiseStatus::NotAppraisable
    );
    assert_eq!(
        parse::<AppraiseStatus>(json!("0")),
        AppraiseStatus::NotAppraisable
    );
    assert_eq!(
        serde_json::to_value(AppraiseStatus::PendingAppraisal).expect("serializes"),
        json!(2)
    );
    for (i, v) in OrderCategory::ALL.iter().enumerate() {
        let code = OrderCategory::CODES[i];
        assert_eq!(&parse::<OrderCategory>(json!(code)), v);
        assert_eq!(&parse::<OrderCategory>(json!(code.to_string())), v);
        assert_eq!(&parse::<OrderCategory>(json!(OrderCategory::NAMES[i])), v);
    }
}

#[test]
fn baidu_integer_enum_keeps_unknown_codes_and_rejects_them() {
    for wire in [json!(42), json!("42"), json!(-3)] {
        let got: OrderCategory = parse(wire.clone());
        assert!(matches!(got, OrderCategory::Unknown(_)), "{wire}: {got:?}");
        assert_eq!(serde_json::to_value(&got).expect("serializes"), wire);
        // The baidu spec gives no `invalid` code: rejected without one.
        assert_eq!(
            violations(&got),
            [("f".to_owned(), "enum".to_owned(), None)]
        );
    }
    assert!(serde_json::from_value::<OrderCategory>(json!("nope")).is_err());
}
