//! Every field key of `#[validate(...)]`, on every type it applies to, in a crate that
//! denies missing docs and warnings like the generated crates do.
#![deny(missing_docs, warnings)]

use mpapi_runtime::{Path, Validate, Violations};

/// Nested type with its own constraints.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, mpapi_derive::Validate)]
pub struct Inner {
    /// A name.
    #[validate(required, chars(min = 1))]
    pub name: String,
}

/// Members flattened into [`Outer`].
#[derive(
    Clone, Debug, Default, PartialEq, serde::Serialize, serde::Deserialize, mpapi_derive::Validate,
)]
pub struct Extra {
    /// Optional note.
    #[serde(default)]
    #[validate(bytes(max = 10))]
    pub note: Option<String>,
}

/// Everything at once.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize, mpapi_derive::Validate)]
#[validate(rules = Self::rules)]
pub struct Outer {
    /// Keyword field with a wire name of its own.
    #[serde(rename = "type")]
    #[validate(required(code = -1), bytes(min = 1, max = 64, code = 268485201))]
    #[validate(pattern(regex = r"^[A-Z_]+$", code = 2))]
    pub type_: String,
    /// Raw identifier: the wire name drops `r#`.
    #[validate(chars(max = 256, code = 3))]
    pub r#ref: Option<String>,
    /// A code for each end of a length, and one for an end without its own.
    #[validate(bytes(min = 1, max = 64, min_code = 268485201, max_code = 9300526))]
    #[validate(chars(min = 1, max = 32, min_code = 7, code = 8))]
    pub order_no: String,
    /// All scalar keys on the elements of an optional list.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        alias = "IMAGES",
        alias = "imgs"
    )]
    #[validate(
        items(min = 1, max = 3, code = 4),
        each(
            bytes(max = 1024),
            chars(min = 1),
            pattern(regex = "^https?://"),
            format(date_time, code = 5)
        )
    )]
    pub images: Option<Vec<String>>,
    /// Integer list with element ranges.
    #[validate(
        items(min = 1, max = 50, min_code = 268485211),
        each(range(min = -1, max = 9_i16, min_code = 9, max_code = 10))
    )]
    pub small: Vec<i16>,
    /// Unsigned with a suffixed bound.
    #[validate(range(min = 0, max = 4294967295_u64, code = 6))]
    pub n: u64,
    /// Floats with integer, float and negative bounds.
    #[validate(range(min = -1, max = 1.5e3, max_code = 11, code = 12))]
    pub ratio: Option<f64>,
    /// `f32` too.
    #[validate(range(max = 2))]
    pub small_float: f32,
    /// Date-time with only a code.
    #[validate(format(date_time))]
    pub at: String,
    /// Nested struct, validated recursively.
    pub inner: Inner,
    /// List of nested structs.
    #[serde(default)]
    pub inners: Vec<Inner>,
    /// Flattened members.
    #[serde(flatten)]
    pub extra: Extra,
    /// Never on the wire.
    #[serde(skip)]
    pub cache: u8,
    /// Untyped JSON.
    #[serde(default)]
    pub raw: serde_json::Value,
}

impl Outer {
    fn rules(&self, path: &Path<'_>, out: &mut Violations) {
        if self.n == 0 && self.ratio.is_none() {
            out.push(
                &path.field("ratio"),
                ::mpapi_runtime::RuleKind::RequiredIf,
                None,
                "needed when n is 0",
            );
        }
    }
}

fn main() {
    let v = Outer {
        type_: "A".into(),
        r#ref: None,
        order_no: "232457563423".into(),
        images: None,
        small: vec![1],
        n: 1,
        ratio: Some(0.5),
        small_float: 1.0,
        at: "2022-05-20T13:29:35Z".into(),
        inner: Inner { name: "x".into() },
        inners: vec![],
        extra: Extra::default(),
        cache: 0,
        raw: serde_json::Value::Null,
    };
    assert!(v.validate().is_ok());
}
