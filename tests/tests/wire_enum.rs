//! Behaviour of `#[derive(WireEnum)]`: names, codes, parsing, display, serde, validation
//! and shape checks agree, for string and integer enums, known and unknown values.

use std::str::FromStr;

use mpapi_runtime::{JsonShape, Path, UnknownVariant, Validate, Violations, WireEnum, WireForm};
use serde_json::{Value, json};

#[derive(Clone, Debug, PartialEq, Eq, Hash, ::mpapi_derive::WireEnum)]
#[wire(string, invalid_code = 268485202)]
pub enum LinkType {
    /// A mini-program page.
    #[wire(name = "MINI_PROGRAM", code = 1)]
    MiniProgram,
    /// A web page.
    #[wire(name = "URL", code = 2)]
    Url,
    /// A value not listed in the spec, kept as received.
    #[wire(unknown)]
    Unknown(::std::string::String),
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, ::mpapi_derive::WireEnum)]
#[wire(integer, invalid_code = 9)]
pub enum OrderState {
    /// Created.
    #[wire(name = "CREATED", code = 1)]
    Created,
    /// Paid.
    #[wire(name = "PAID", code = 2)]
    Paid,
    /// Refunded (a negative code).
    #[wire(name = "REFUNDED", code = -1)]
    Refunded,
    /// A code not listed in the spec, kept as received.
    #[wire(unknown)]
    Unknown(i64),
}

#[derive(Clone, Debug, PartialEq, Eq, ::mpapi_derive::WireEnum)]
#[wire(string)]
pub enum Plain {
    /// The only known value.
    #[wire(name = "a", code = 10)]
    A,
    /// Anything else.
    #[wire(unknown)]
    Other(String),
}

fn from_json<T: serde::de::DeserializeOwned>(v: Value) -> T {
    match serde_json::from_value(v.clone()) {
        Ok(t) => t,
        Err(e) => panic!("{v} should deserialize: {e}"),
    }
}

fn to_json<T: serde::Serialize>(t: &T) -> Value {
    match serde_json::to_value(t) {
        Ok(v) => v,
        Err(e) => panic!("should serialize: {e}"),
    }
}

#[test]
fn trait_constants_describe_the_spec() {
    assert_eq!(LinkType::FORM, WireForm::String);
    assert_eq!(LinkType::NAMES, ["MINI_PROGRAM", "URL"]);
    assert_eq!(LinkType::CODES, [1, 2]);
    assert_eq!(LinkType::INVALID_CODE, Some(268485202));
    assert_eq!(OrderState::FORM, WireForm::Integer);
    assert_eq!(OrderState::NAMES, ["CREATED", "PAID", "REFUNDED"]);
    assert_eq!(OrderState::CODES, [1, 2, -1]);
    assert_eq!(OrderState::INVALID_CODE, Some(9));
    assert_eq!(Plain::INVALID_CODE, None);
    assert_eq!(LinkType::ALL, [LinkType::MiniProgram, LinkType::Url]);
    assert_eq!(
        OrderState::ALL,
        [OrderState::Created, OrderState::Paid, OrderState::Refunded]
    );
}

#[test]
fn string_enum_known_variants_agree_everywhere() {
    for (i, v) in LinkType::ALL.iter().enumerate() {
        let name = LinkType::NAMES[i];
        let code = LinkType::CODES[i];
        assert_eq!(v.as_str(), name);
        assert_eq!(v.code(), Some(code));
        assert!(v.is_known() && WireEnum::is_known(v));
        assert_eq!(v.to_string(), name);
        assert_eq!(LinkType::from_str(name).as_ref(), Ok(v));
        assert_eq!(LinkType::from_name(name).as_ref(), Some(v));
        assert_eq!(LinkType::from_code(code).as_ref(), Some(v));
        assert_eq!(to_json(v), json!(name));
        assert_eq!(&from_json::<LinkType>(json!(name)), v);
        assert_eq!(
            &from_json::<LinkType>(json!(code)),
            v,
            "numeric code on input"
        );
        assert!(v.validate().is_ok());
    }
}

#[test]
fn integer_enum_known_variants_agree_everywhere() {
    for (i, v) in OrderState::ALL.iter().enumerate() {
        let name = OrderState::NAMES[i];
        let code = OrderState::CODES[i];
        assert_eq!(v.as_str(), name);
        assert_eq!(v.code(), Some(code));
        assert!(v.is_known());
        assert_eq!(v.to_string(), name);
        assert_eq!(OrderState::from_str(name).as_ref(), Ok(v));
        assert_eq!(OrderState::from_code(code).as_ref(), Some(v));
        assert_eq!(to_json(v), json!(code));
        assert_eq!(&from_json::<OrderState>(json!(code)), v);
        assert_eq!(
            &from_json::<OrderState>(json!(name)),
            v,
            "known name on input"
        );
        assert!(v.validate().is_ok());
    }
}

#[test]
fn string_enum_keeps_unknown_values_unchanged() {
    let v: LinkType = from_json(json!("NEW_KIND"));
    assert_eq!(v, LinkType::Unknown("NEW_KIND".into()));
    assert_eq!(to_json(&v), json!("NEW_KIND"));
    assert_eq!(v.as_str(), "NEW_KIND");
    assert_eq!(v.to_string(), "NEW_KIND");
    assert_eq!(v.code(), None);
    assert!(!v.is_known());
    // Names are case-sensitive.
    assert_eq!(
        from_json::<LinkType>(json!("url")),
        LinkType::Unknown("url".into())
    );
}

#[test]
fn string_enum_keeps_unknown_codes_as_decimal_text() {
    assert_eq!(
        from_json::<LinkType>(json!(99)),
        LinkType::Unknown("99".into())
    );
    assert_eq!(
        from_json::<LinkType>(json!(-7)),
        LinkType::Unknown("-7".into())
    );
    assert_eq!(
        from_json::<LinkType>(json!(u64::MAX)),
        LinkType::Unknown(u64::MAX.to_string())
    );
    assert!(serde_json::from_value::<LinkType>(json!(1.5)).is_err());
    assert!(serde_json::from_value::<LinkType>(json!(null)).is_err());
}

#[test]
fn integer_enum_keeps_unknown_codes_unchanged() {
    let v: OrderState = from_json(json!(42));
    assert_eq!(v, OrderState::Unknown(42));
    assert_eq!(to_json(&v), json!(42));
    assert_eq!(v.code(), Some(42));
    assert_eq!(v.to_string(), "42");
    assert_eq!(v.as_str(), "", "an unknown integer value has no name");
    assert!(!v.is_known());
    assert_eq!(
        from_json::<OrderState>(json!("42")),
        OrderState::Unknown(42)
    );
    assert_eq!(from_json::<OrderState>(json!("-1")), OrderState::Refunded);
}

#[test]
fn integer_enum_rejects_what_it_cannot_keep() {
    for bad in [json!("nope"), json!(u64::MAX), json!(1.5), json!(true)] {
        assert!(
            serde_json::from_value::<OrderState>(bad.clone()).is_err(),
            "{bad} should be rejected"
        );
    }
}

#[test]
fn from_str_rejects_unknown_names_with_the_accepted_list() {
    let err = LinkType::from_str("PAGE").expect_err("PAGE is not a LinkType");
    assert_eq!(
        err,
        UnknownVariant {
            enum_name: "LinkType",
            given: "PAGE".into(),
            expected: &["MINI_PROGRAM", "URL"],
        }
    );
    assert!(
        OrderState::from_str("1").is_err(),
        "FromStr takes names only"
    );
}

#[test]
fn validate_rejects_unknown_with_the_invalid_code() {
    let v = LinkType::Unknown("PAGE".into());
    let root = Path::Root;
    let path = root.field("type");
    let mut out = Violations::new();
    v.validate_at(&path, &mut out);
    assert_eq!(out.len(), 1);
    let found = &out.as_slice()[0];
    assert_eq!(found.path, "type");
    assert_eq!(found.rule, "enum");
    assert_eq!(found.code, Some(268485202));
    assert!(found.message.contains("\"PAGE\""), "{}", found.message);
    assert!(
        found.message.contains("MINI_PROGRAM, URL"),
        "{}",
        found.message
    );

    let err = OrderState::Unknown(42)
        .validate()
        .expect_err("42 is unknown");
    let found = &err.as_slice()[0];
    assert_eq!((found.rule.as_str(), found.code), ("enum", Some(9)));
    assert!(found.message.contains("42"), "{}", found.message);
    assert!(found.message.contains("1 (CREATED)"), "{}", found.message);

    let err = Plain::Other("b".into())
        .validate()
        .expect_err("b is unknown");
    assert_eq!(err.as_slice()[0].code, None);
}

fn shape<T: JsonShape>(v: Value) -> Vec<&'static str> {
    let mut out = Violations::new();
    T::check_shape(&v, &Path::Root, &mut out);
    out.iter().map(|v| v.rule.as_str()).collect()
}

#[test]
fn shape_of_string_enums_accepts_strings_and_integers() {
    for ok in [
        json!("URL"),
        json!("ANYTHING"),
        json!(2),
        json!(-3),
        json!(u64::MAX),
    ] {
        assert_eq!(shape::<LinkType>(ok.clone()), Vec::<&str>::new(), "{ok}");
    }
    for bad in [json!(null), json!(true), json!(1.5), json!({}), json!([])] {
        assert_eq!(shape::<LinkType>(bad.clone()), ["type"], "{bad}");
    }
}

#[test]
fn shape_of_integer_enums_accepts_what_deserializes() {
    for ok in [json!(1), json!(-1), json!(77), json!("PAID"), json!("77")] {
        assert_eq!(shape::<OrderState>(ok.clone()), Vec::<&str>::new(), "{ok}");
        assert!(serde_json::from_value::<OrderState>(ok).is_ok());
    }
    for bad in [json!("nope"), json!(u64::MAX), json!(1.5), json!(null)] {
        assert_eq!(shape::<OrderState>(bad.clone()), ["type"], "{bad}");
        assert!(serde_json::from_value::<OrderState>(bad).is_err());
    }
}

#[test]
fn lists_of_enums_round_trip_through_serde() {
    let list: Vec<LinkType> = from_json(json!(["URL", "NEW", 1]));
    assert_eq!(
        list,
        [
            LinkType::Url,
            LinkType::Unknown("NEW".into()),
            LinkType::MiniProgram
        ]
    );
    assert_eq!(to_json(&list), json!(["URL", "NEW", "MINI_PROGRAM"]));
    let err = list.validate().expect_err("NEW is unknown");
    assert_eq!(err.as_slice()[0].path, "[1]");
}
