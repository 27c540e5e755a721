//! Behaviour of `#[derive(WireEnum)]`: names, codes, parsing, display, serde, validation
//! and shape checks agree, for string and integer enums, known and unknown values.

use std::str::FromStr;

use mpapi_runtime::{
    JsonShape, Path, UnknownValue, UnknownVariant, Validate, Violations, WireEnum, WireForm,
};
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
    Unknown(::mpapi_runtime::UnknownValue),
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
    Unknown(UnknownValue),
}

#[derive(Clone, Debug, PartialEq, Eq, ::mpapi_derive::WireEnum)]
#[wire(string)]
pub enum Plain {
    /// The only known value.
    #[wire(name = "a", code = 10)]
    A,
    /// Anything else.
    #[wire(unknown)]
    Other(UnknownValue),
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

/// The raw value of an unknown variant (panics on a known one).
fn raw<T: std::fmt::Debug>(t: &T, get: impl Fn(&T) -> Option<&UnknownValue>) -> UnknownValue {
    match get(t) {
        Some(r) => r.clone(),
        None => panic!("{t:?} should be unknown"),
    }
}

fn link_raw(t: &LinkType) -> UnknownValue {
    raw(t, |t| match t {
        LinkType::Unknown(r) => Some(r),
        _ => None,
    })
}

fn state_raw(t: &OrderState) -> UnknownValue {
    raw(t, |t| match t {
        OrderState::Unknown(r) => Some(r),
        _ => None,
    })
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
    let r = link_raw(&v);
    assert_eq!(
        (r.as_str(), r.code(), r.is_number()),
        ("NEW_KIND", None, false)
    );
    assert_eq!(to_json(&v), json!("NEW_KIND"));
    assert_eq!(v.as_str(), "NEW_KIND");
    assert_eq!(v.to_string(), "NEW_KIND");
    assert_eq!(v.code(), None);
    assert!(!v.is_known());
    // Names are case-sensitive.
    assert_eq!(from_json::<LinkType>(json!("url")).as_str(), "url");
    assert!(!from_json::<LinkType>(json!("url")).is_known());
    // A string enum reads codes from numbers only: the string "1" is not a name.
    assert_eq!(to_json(&from_json::<LinkType>(json!("1"))), json!("1"));
}

#[test]
fn string_enum_keeps_unknown_codes_as_numbers() {
    for n in [json!(99), json!(-7), json!(u64::MAX)] {
        let v: LinkType = from_json(n.clone());
        let r = link_raw(&v);
        assert!(r.is_number());
        assert_eq!(v.as_str(), n.to_string());
        assert_eq!(to_json(&v), n, "written back as a number");
        assert_eq!(r.to_json(), n);
    }
    assert_eq!(from_json::<LinkType>(json!(-7)).code(), Some(-7));
    assert_eq!(from_json::<LinkType>(json!(u64::MAX)).code(), None);
    assert!(serde_json::from_value::<LinkType>(json!(1.5)).is_err());
    assert!(serde_json::from_value::<LinkType>(json!(null)).is_err());
}

#[test]
fn integer_enum_keeps_unknown_codes_unchanged() {
    let v: OrderState = from_json(json!(42));
    assert_eq!(state_raw(&v).code(), Some(42));
    assert_eq!(to_json(&v), json!(42));
    assert_eq!(v.code(), Some(42));
    assert_eq!(v.to_string(), "42");
    assert_eq!(v.as_str(), "42", "an unknown integer shows its digits");
    assert!(!v.is_known());
    // A string of an unknown code keeps its string form but has the code.
    let s: OrderState = from_json(json!("42"));
    assert_eq!(s.code(), Some(42));
    assert_eq!(to_json(&s), json!("42"));
    assert_ne!(s, v, "received differently");
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
    assert_eq!(
        OrderState::from_str("1"),
        Ok(OrderState::Created),
        "FromStr normalises a known code"
    );
    assert!(
        OrderState::from_str("42").is_err(),
        "FromStr rejects unknown values"
    );
    assert!(
        LinkType::from_str("1").is_err(),
        "a string enum's names only"
    );
}

#[test]
fn validate_rejects_unknown_with_the_invalid_code() {
    let v: LinkType = from_json(json!("PAGE"));
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

    let err = from_json::<OrderState>(json!(42))
        .validate()
        .expect_err("42 is unknown");
    let found = &err.as_slice()[0];
    assert_eq!((found.rule.as_str(), found.code), ("enum", Some(9)));
    assert!(found.message.contains("42"), "{}", found.message);
    assert!(found.message.contains("1 (CREATED)"), "{}", found.message);

    let err = from_json::<Plain>(json!("b"))
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
    assert_eq!(list[0], LinkType::Url);
    assert_eq!(link_raw(&list[1]).as_str(), "NEW");
    assert_eq!(list[2], LinkType::MiniProgram);
    assert_eq!(to_json(&list), json!(["URL", "NEW", "MINI_PROGRAM"]));
    let err = list.validate().expect_err("NEW is unknown");
    assert_eq!(err.as_slice()[0].path, "[1]");
}

/// Every way in, for every known variant and every form of its value, comes out as that
/// variant (never the unknown one) and equals it.
#[test]
fn known_values_always_normalise_to_their_variant() {
    for (i, v) in LinkType::ALL.iter().enumerate() {
        let (name, code) = (LinkType::NAMES[i], LinkType::CODES[i]);
        let ways = [
            LinkType::from_wire(&json!(name)),
            LinkType::from_wire(&json!(code)),
            LinkType::from_wire_str(name),
            Some(LinkType::from_wire_i64(code)),
            u64::try_from(code).ok().and_then(LinkType::from_wire_u64),
            LinkType::from_name(name),
            LinkType::from_code(code),
            LinkType::from_str(name).ok(),
            Some(from_json(json!(name))),
            Some(from_json(json!(code))),
        ];
        for (w, got) in ways.iter().enumerate() {
            assert_eq!(got.as_ref(), Some(v), "{name}, way {w}");
        }
    }
    for (i, v) in OrderState::ALL.iter().enumerate() {
        let (name, code) = (OrderState::NAMES[i], OrderState::CODES[i]);
        let text = code.to_string();
        let ways = [
            OrderState::from_wire(&json!(name)),
            OrderState::from_wire(&json!(code)),
            OrderState::from_wire(&json!(text)),
            OrderState::from_wire_str(name),
            OrderState::from_wire_str(&text),
            Some(OrderState::from_wire_i64(code)),
            OrderState::from_name(name),
            OrderState::from_code(code),
            OrderState::from_str(name).ok(),
            OrderState::from_str(&text).ok(),
            Some(from_json(json!(name))),
            Some(from_json(json!(code))),
            Some(from_json(json!(text))),
        ];
        for (w, got) in ways.iter().enumerate() {
            assert_eq!(got.as_ref(), Some(v), "{name}, way {w}");
        }
    }
}

/// An unknown value survives a round trip unchanged in form, and its `as_str`/`code`
/// agree with what came in.
#[test]
fn unknown_values_round_trip_to_the_same_json() {
    for wire in [
        json!("NEW"),
        json!(""),
        json!("2"),
        json!(77),
        json!(-5),
        json!(u64::MAX),
    ] {
        let v: LinkType = from_json(wire.clone());
        assert!(!v.is_known(), "{wire}");
        assert_eq!(to_json(&v), wire);
        assert_eq!(from_json::<LinkType>(to_json(&v)), v);
        assert_eq!(LinkType::from_wire(&wire).as_ref(), Some(&v));
        assert_eq!(v.code(), wire.as_i64());
    }
    for wire in [json!(77), json!(-5), json!("77"), json!(" 7")] {
        let v = OrderState::from_wire(&wire);
        if wire == json!(" 7") {
            assert_eq!(v, None, "not an integer");
            continue;
        }
        let Some(v) = v else {
            panic!("{wire} should be kept")
        };
        assert!(!v.is_known(), "{wire}");
        assert_eq!(to_json(&v), wire);
        assert_eq!(from_json::<OrderState>(to_json(&v)), v);
        assert!(!v.as_str().is_empty());
        assert_eq!(v.code().map(|c| c.to_string()).as_deref(), Some(v.as_str()));
    }
    assert_eq!(OrderState::from_wire(&json!(true)), None);
    assert_eq!(LinkType::from_wire(&json!([1])), None);
}

/// `as_str` is never empty for a known variant or a number, and `code` agrees with the
/// tables.
#[test]
fn as_str_and_code_agree_for_every_variant() {
    for v in OrderState::ALL {
        assert!(!v.as_str().is_empty());
        assert_eq!(
            OrderState::from_code(v.code().unwrap_or(i64::MIN)).as_ref(),
            Some(v)
        );
        assert_eq!(OrderState::from_name(v.as_str()).as_ref(), Some(v));
    }
    for v in LinkType::ALL {
        assert!(!v.as_str().is_empty());
        assert_eq!(
            LinkType::from_code(v.code().unwrap_or(i64::MIN)).as_ref(),
            Some(v)
        );
    }
    let unknown = OrderState::from_wire_i64(1234);
    assert_eq!(unknown.as_str(), "1234");
    assert_eq!(unknown.code(), Some(1234));
    assert_eq!(format!("{unknown:?}"), "Unknown(UnknownValue(1234))");
}
