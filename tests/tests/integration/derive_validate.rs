//! Behaviour of `#[derive(Validate)]`: the `Validate` and `JsonShape` impls it writes.

use mpapi_runtime::{
    JsonShape, Path, Strictness, Validate, Violation, Violations, validate_value,
    validate_value_with,
};
use serde::{Deserialize, Serialize};
use serde_json::json;

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

/// A link type outside the spec, as a platform might send it.
fn unknown_link(name: &str) -> LinkType {
    use mpapi_runtime::WireEnum;
    match LinkType::from_wire_str(name) {
        Some(l) if !l.is_known() => l,
        other => panic!("{name} should be unknown, got {other:?}"),
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Ext {
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    #[validate(chars(max = 4, code = 77))]
    pub note: ::std::option::Option<::std::string::String>,
}

/// The contract example, verbatim apart from the rules function's body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ::mpapi_derive::Validate)]
#[validate(rules = Self::check_rules)]
pub struct JumpLink {
    #[serde(rename = "type")]
    #[validate(required(code = 268485202))]
    pub type_: LinkType,
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    #[validate(
        bytes(min = 1, max = 1024),
        pattern(regex = "^https?://\\S+$", code = 1)
    )]
    pub url: ::std::option::Option<::std::string::String>,
    #[serde(default, skip_serializing_if = "::std::option::Option::is_none")]
    #[validate(
        items(min = 1, max = 3),
        each(bytes(min = 1, max = 1024), pattern(regex = "^a"))
    )]
    pub image_url: ::std::option::Option<::std::vec::Vec<::std::string::String>>,
    #[serde(alias = "EXT")]
    pub ext: Ext,
    #[validate(range(min = 0, max = 4294967295_u64, code = 5))]
    pub n: u64,
    #[validate(format(date_time, code = 268485216))]
    pub upload_time: String,
}

impl JumpLink {
    fn check_rules(&self, path: &Path<'_>, out: &mut Violations) {
        if self.type_ == LinkType::Url && self.url.is_none() {
            out.push(
                &path.field("url"),
                ::mpapi_runtime::RuleKind::RequiredIf,
                Some(268485204),
                "required when type is URL",
            );
        }
    }
}

fn link() -> JumpLink {
    JumpLink {
        type_: LinkType::Url,
        url: Some("https://example.com/a".into()),
        image_url: Some(vec!["a1".into(), "a2".into()]),
        ext: Ext { note: None },
        n: 7,
        upload_time: "2022-05-20T13:29:35.120+08:00".into(),
    }
}

/// Every constraint kind, at known boundaries.
#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Limits {
    #[validate(chars(min = 1, max = 256, code = 11))]
    pub title: String,
    #[validate(bytes(max = 64, code = 12))]
    pub id: String,
    #[validate(items(min = 1, max = 50, code = 13))]
    pub list: Vec<u32>,
    #[validate(range(min = -5, max = 10, code = 14))]
    pub level: i32,
    #[validate(range(min = 0.5, max = 1.5))]
    pub ratio: f64,
    #[validate(range(min = 0, max = 100, code = 17))]
    pub amount: f64,
    #[serde(default)]
    #[validate(range(min = -9_223_372_036_854_775_808_i64, max = -1, code = -3))]
    pub negative: Option<i64>,
    #[serde(default)]
    #[validate(pattern(regex = "^[0-9]+$", code = 15))]
    pub digits: Option<String>,
    #[validate(format(date_time, code = 16))]
    pub at: String,
    #[serde(default)]
    #[validate(each(range(min = 1, max = 9, code = 18),))]
    pub scores: Option<Vec<u8>>,
}

fn limits() -> Limits {
    Limits {
        title: "中".repeat(256),
        id: "x".repeat(64),
        list: vec![1; 50],
        level: 10,
        ratio: 1.5,
        amount: 0.0,
        negative: None,
        digits: Some("0123".into()),
        at: "2022-05-20T13:29:35Z".into(),
        scores: Some(vec![1, 9]),
    }
}

fn violations(v: &impl Validate) -> Vec<Violation> {
    match v.validate() {
        Ok(()) => Vec::new(),
        Err(e) => e.into_vec(),
    }
}

/// `(path, rule, code)` of every violation, in order.
fn summary(list: &[Violation]) -> Vec<(String, &'static str, Option<i64>)> {
    list.iter()
        .map(|v| (v.path.clone(), v.rule.as_str(), v.code))
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
fn valid_values_have_no_violations() {
    assert_eq!(violations(&link()), []);
    assert_eq!(violations(&limits()), []);
}

#[test]
fn chars_max_256_counts_characters_not_bytes() {
    let mut v = limits();
    v.title = "中".repeat(257);
    assert_eq!(summary(&violations(&v)), one("title", "chars", Some(11)));
    v.title = String::new();
    assert_eq!(summary(&violations(&v)), one("title", "chars", Some(11)));
}

#[test]
fn bytes_max_64_counts_utf8_bytes() {
    let mut v = limits();
    v.id = "x".repeat(65);
    assert_eq!(summary(&violations(&v)), one("id", "bytes", Some(12)));
    // 21 CJK characters are 63 bytes; 22 are 66.
    v.id = "中".repeat(21);
    assert_eq!(violations(&v), []);
    v.id = "中".repeat(22);
    assert_eq!(summary(&violations(&v)), one("id", "bytes", Some(12)));
}

#[test]
fn items_between_1_and_50() {
    let mut v = limits();
    v.list = vec![1; 51];
    let found = violations(&v);
    assert_eq!(summary(&found), one("list", "items", Some(13)));
    assert!(found[0].message.contains("51"), "{}", found[0].message);
    v.list = vec![];
    assert_eq!(summary(&violations(&v)), one("list", "items", Some(13)));
    v.list = vec![1];
    assert_eq!(violations(&v), []);
}

#[test]
fn integer_range_edges_including_negative_bounds() {
    let mut v = limits();
    for ok in [-5, 0, 10] {
        v.level = ok;
        assert_eq!(violations(&v), [], "level {ok}");
    }
    for bad in [-6, 11, i32::MAX] {
        v.level = bad;
        assert_eq!(
            summary(&violations(&v)),
            one("level", "range", Some(14)),
            "level {bad}"
        );
    }
    v.level = 0;
    v.negative = Some(i64::MIN);
    assert_eq!(violations(&v), []);
    v.negative = Some(0);
    assert_eq!(summary(&violations(&v)), one("negative", "range", Some(-3)));
}

#[test]
fn float_range_with_float_and_integer_bounds() {
    let mut v = limits();
    v.ratio = 0.5;
    assert_eq!(violations(&v), []);
    v.ratio = 0.49;
    assert_eq!(summary(&violations(&v)), one("ratio", "range", None));
    v.ratio = f64::NAN;
    assert_eq!(summary(&violations(&v)), one("ratio", "range", None));
    v.ratio = 1.0;
    v.amount = 100.0;
    assert_eq!(violations(&v), []);
    v.amount = 100.01;
    assert_eq!(summary(&violations(&v)), one("amount", "range", Some(17)));
}

#[test]
fn u64_range_up_to_u32_max() {
    let mut l = link();
    l.n = 4_294_967_295;
    assert_eq!(violations(&l), []);
    l.n = 4_294_967_296;
    assert_eq!(summary(&violations(&l)), one("n", "range", Some(5)));
}

#[test]
fn pattern_match_and_mismatch() {
    let mut v = limits();
    v.digits = Some("12a".into());
    let found = violations(&v);
    assert_eq!(summary(&found), one("digits", "pattern", Some(15)));
    assert!(
        found[0].message.contains("^[0-9]+$"),
        "{}",
        found[0].message
    );
    v.digits = None;
    assert_eq!(violations(&v), [], "an absent optional value passes");

    let mut l = link();
    l.url = Some("ftp://x".into());
    assert_eq!(summary(&violations(&l)), one("url", "pattern", Some(1)));
}

#[test]
fn date_time_format() {
    let mut v = limits();
    v.at = "2022-05-20 13:29:35".into();
    assert_eq!(summary(&violations(&v)), one("at", "format", Some(16)));
    let mut l = link();
    l.upload_time = "yesterday".into();
    assert_eq!(
        summary(&violations(&l)),
        one("upload_time", "format", Some(268485216))
    );
}

#[test]
fn each_applies_to_every_element_at_its_index() {
    let mut l = link();
    l.image_url = Some(vec!["a".into(), "b".into(), String::new()]);
    assert_eq!(
        summary(&violations(&l)),
        vec![
            ("image_url[1]".to_owned(), "pattern", None),
            ("image_url[2]".to_owned(), "bytes", None),
            ("image_url[2]".to_owned(), "pattern", None),
        ]
    );
    l.image_url = Some(vec!["a".into(); 4]);
    assert_eq!(summary(&violations(&l)), one("image_url", "items", None));

    let mut v = limits();
    v.scores = Some(vec![0, 5, 10]);
    assert_eq!(
        summary(&violations(&v)),
        vec![
            ("scores[0]".to_owned(), "range", Some(18)),
            ("scores[2]".to_owned(), "range", Some(18)),
        ]
    );
}

#[test]
fn every_violation_is_collected_in_field_order_then_rules() {
    let l = JumpLink {
        type_: unknown_link("PAGE"),
        url: Some(String::new()),
        image_url: Some(vec![]),
        ext: Ext {
            note: Some("toolong".into()),
        },
        n: u64::MAX,
        upload_time: "x".into(),
    };
    assert_eq!(
        summary(&violations(&l)),
        vec![
            ("type".to_owned(), "enum", Some(268485202)),
            ("url".to_owned(), "bytes", None),
            ("url".to_owned(), "pattern", Some(1)),
            ("image_url".to_owned(), "items", None),
            ("ext.note".to_owned(), "chars", Some(77)),
            ("n".to_owned(), "range", Some(5)),
            ("upload_time".to_owned(), "format", Some(268485216)),
        ]
    );
}

#[test]
fn rules_function_runs_after_field_checks() {
    let mut l = link();
    l.url = None;
    l.n = u64::MAX;
    assert_eq!(
        summary(&violations(&l)),
        vec![
            ("n".to_owned(), "range", Some(5)),
            ("url".to_owned(), "required_if", Some(268485204)),
        ]
    );
}

// Nested lists of structs, with a renamed list field.

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Upload {
    #[validate(items(min = 1, max = 2, code = 200))]
    pub order_list: Vec<Order>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Order {
    #[serde(rename = "item_list")]
    #[validate(required(code = 201))]
    pub items: Vec<Item>,
    #[serde(default)]
    pub r#ref: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Item {
    #[validate(required(code = 100), bytes(min = 1, max = 8, code = 101))]
    pub name: String,
    #[serde(default)]
    pub count: u32,
    #[serde(rename = "type", default)]
    pub link: Option<LinkType>,
}

fn item(name: &str) -> Item {
    Item {
        name: name.into(),
        count: 1,
        link: None,
    }
}

#[test]
fn nested_paths_use_wire_names_and_indexes() {
    let upload = Upload {
        order_list: vec![
            Order {
                items: vec![item("ok"), item("")],
                r#ref: None,
            },
            Order {
                items: vec![Item {
                    link: Some(unknown_link("X")),
                    ..item("way too long")
                }],
                r#ref: None,
            },
        ],
    };
    assert_eq!(
        summary(&violations(&upload)),
        vec![
            (
                "order_list[0].item_list[1].name".to_owned(),
                "bytes",
                Some(101)
            ),
            (
                "order_list[1].item_list[0].name".to_owned(),
                "bytes",
                Some(101)
            ),
            (
                "order_list[1].item_list[0].type".to_owned(),
                "enum",
                Some(268485202)
            ),
        ]
    );
}

fn shape_of<T: JsonShape>(value: serde_json::Value) -> Vec<(String, &'static str, Option<i64>)> {
    let mut out = Violations::new();
    T::check_shape(&value, &Path::Root, &mut out);
    summary(out.as_slice())
}

#[test]
fn shape_reports_missing_and_null_required_members_at_their_path() {
    let found = shape_of::<Upload>(json!({
        "order_list": [
            {"item_list": [{"name": "a"}, {"count": 1}]},
            {"item_list": [{"name": null}]},
            {},
        ]
    }));
    assert_eq!(
        found,
        vec![
            (
                "order_list[0].item_list[1].name".to_owned(),
                "required",
                Some(100)
            ),
            (
                "order_list[1].item_list[0].name".to_owned(),
                "required",
                Some(100)
            ),
            ("order_list[2].item_list".to_owned(), "required", Some(201)),
        ]
    );
}

#[test]
fn shape_reports_type_mismatches_and_non_objects() {
    let found = shape_of::<Upload>(json!({
        "order_list": [
            {"item_list": [{"name": 5, "count": -1, "type": true}], "ref": 3},
            "not an object",
        ]
    }));
    assert_eq!(
        found,
        vec![
            ("order_list[0].item_list[0].name".to_owned(), "type", None),
            ("order_list[0].item_list[0].count".to_owned(), "type", None),
            ("order_list[0].item_list[0].type".to_owned(), "type", None),
            ("order_list[0].ref".to_owned(), "type", None),
            ("order_list[1]".to_owned(), "type", None),
        ]
    );
    let mut out = Violations::new();
    Upload::check_shape(&json!([1]), &Path::Root, &mut out);
    assert_eq!(
        out.as_slice()[0].message,
        "expected an object, found an array"
    );
}

#[test]
fn shape_accepts_optional_defaulted_and_unknown_members() {
    assert_eq!(
        shape_of::<Order>(json!({"item_list": [], "ref": null, "extra": {"x": 1}})),
        []
    );
    assert_eq!(shape_of::<Item>(json!({"name": "a"})), []);
    assert_eq!(shape_of::<Item>(json!({"name": "a", "type": null})), []);
}

#[test]
fn shape_reads_aliases_and_reports_under_the_name_used() {
    let doc = json!({
        "type": "URL",
        "EXT": {"note": 1},
        "n": 1,
        "upload_time": "2022-05-20T13:29:35Z",
    });
    assert_eq!(shape_of::<JumpLink>(doc), one("EXT.note", "type", None));
    let missing = json!({"n": 1, "upload_time": "x"});
    assert_eq!(
        shape_of::<JumpLink>(missing),
        vec![
            ("type".to_owned(), "required", Some(268485202)),
            ("ext".to_owned(), "required", None),
        ]
    );
}

#[test]
fn validate_value_runs_shape_then_typed_checks() {
    let good = json!({
        "type": 2,
        "url": "https://example.com",
        "EXT": {},
        "n": 4294967295_u64,
        "upload_time": "2022-05-20T13:29:35Z",
    });
    // `"type": 2` is the code of a string enum: accepted when read leniently only.
    let typed: JumpLink = match validate_value_with(&good, Strictness::Lenient) {
        Ok(t) => t,
        Err(e) => panic!("expected valid: {e}"),
    };
    assert_eq!(typed.type_, LinkType::Url);
    let strict = validate_value::<JumpLink>(&good).expect_err("strict reading refuses the code");
    assert_eq!(strict.as_slice()[0].rule, "enum");

    let bad = json!({
        "type": "PAGE",
        "ext": {},
        "n": 4294967296_u64,
        "upload_time": "2022-05-20T13:29:35Z",
    });
    let err = validate_value::<JumpLink>(&bad).expect_err("PAGE and n are invalid");
    assert_eq!(
        summary(err.as_slice()),
        vec![
            ("type".to_owned(), "enum", Some(268485202)),
            ("n".to_owned(), "range", Some(5)),
        ]
    );
}

// `JsonShape::check_deep`: every violation of a raw object, even one broken in places.

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
#[validate(rules = Self::check_rules)]
pub struct Basket {
    #[validate(required(code = 300), bytes(min = 1, max = 4, code = 301))]
    pub owner: String,
    #[validate(items(max = 2, code = 302))]
    pub lines: Vec<Line>,
    #[serde(default)]
    pub note: Option<Note>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl Basket {
    /// A note is needed for the owner `vip`.
    fn check_rules(&self, path: &Path<'_>, out: &mut Violations) {
        if self.owner == "vip" && self.note.is_none() {
            out.push(
                &path.field("note"),
                mpapi_runtime::RuleKind::RequiredIf,
                Some(303),
                "needed for vip",
            );
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
#[validate(rules = Self::check_rules)]
pub struct Line {
    #[validate(required(code = 310), chars(max = 3, code = 311))]
    pub sku: String,
    #[validate(range(min = 1, max = 9, code = 312))]
    pub qty: u8,
}

impl Line {
    /// The sku `ONE` comes one at a time.
    fn check_rules(&self, path: &Path<'_>, out: &mut Violations) {
        if self.sku == "ONE" && self.qty != 1 {
            out.push(
                &path.field("qty"),
                mpapi_runtime::RuleKind::Custom,
                Some(313),
                "ONE comes singly",
            );
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Note {
    #[validate(chars(max = 5, code = 320))]
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Extra {
    #[serde(default)]
    #[validate(bytes(max = 3, code = 330))]
    pub tag: Option<String>,
}

fn deep_of<T: JsonShape>(value: &serde_json::Value) -> Vec<(String, &'static str, Option<i64>)> {
    let mut out = Violations::new();
    T::check_deep(value, &Path::Root, &mut out);
    summary(out.as_slice())
}

/// What `validate_value` reports, or nothing.
fn validated<T: JsonShape>(value: &serde_json::Value) -> Vec<(String, &'static str, Option<i64>)> {
    match validate_value::<T>(value) {
        Ok(_) => Vec::new(),
        Err(e) => summary(e.as_slice()),
    }
}

#[test]
fn check_deep_on_a_sound_object_is_full_validation_rules_included() {
    let sound = [
        json!({"owner": "ann", "lines": [{"sku": "A", "qty": 1}], "tag": "t"}),
        json!({"owner": "vip", "lines": [], "tag": "long"}),
        json!({"owner": "", "lines": [{"sku": "ONE", "qty": 2}, {"sku": "ABCD", "qty": 0}, {"sku": "B", "qty": 1}]}),
    ];
    let expected = [
        vec![],
        vec![
            ("tag".to_owned(), "bytes", Some(330)),
            ("note".to_owned(), "required_if", Some(303)),
        ],
        vec![
            ("owner".to_owned(), "bytes", Some(301)),
            ("lines".to_owned(), "items", Some(302)),
            ("lines[0].qty".to_owned(), "custom", Some(313)),
            ("lines[1].sku".to_owned(), "chars", Some(311)),
            ("lines[1].qty".to_owned(), "range", Some(312)),
        ],
    ];
    for (value, want) in sound.iter().zip(expected) {
        assert_eq!(deep_of::<Basket>(value), want, "{value}");
        assert_eq!(validated::<Basket>(value), want, "{value}");
    }
}

#[test]
fn check_deep_validates_the_sound_members_of_a_broken_object() {
    let value = json!({
        "owner": "toolong",
        "lines": [
            {"sku": "A", "qty": "2"},
            {"sku": "ABCD", "qty": 1},
            {"sku": "ONE", "qty": 3},
            {"qty": 0},
        ],
        "note": {"text": "far too long"},
        "tag": "long",
    });
    let want = vec![
        ("owner".to_owned(), "bytes", Some(301)),
        ("lines".to_owned(), "items", Some(302)),
        ("lines[0].qty".to_owned(), "type", None),
        ("lines[1].sku".to_owned(), "chars", Some(311)),
        ("lines[2].qty".to_owned(), "custom", Some(313)),
        ("lines[3].sku".to_owned(), "required", Some(310)),
        ("lines[3].qty".to_owned(), "range", Some(312)),
        ("note.text".to_owned(), "chars", Some(320)),
        ("tag".to_owned(), "bytes", Some(330)),
    ];
    assert_eq!(deep_of::<Basket>(&value), want);
    assert_eq!(validated::<Basket>(&value), want);
    // The shape check alone sees only the structural problems.
    assert_eq!(
        shape_of::<Basket>(value),
        vec![
            ("lines[0].qty".to_owned(), "type", None),
            ("lines[3].sku".to_owned(), "required", Some(310)),
        ]
    );
}

#[test]
fn check_deep_skips_the_rules_of_an_object_broken_inside() {
    // Sound, the vip rule fires; with a wrong type in a line, `Basket` cannot be built,
    // so its rule is not evaluated, while the line's own problems are reported.
    let mut value = json!({"owner": "vip", "lines": [{"sku": "A", "qty": 1}]});
    assert_eq!(
        deep_of::<Basket>(&value),
        one("note", "required_if", Some(303))
    );
    value["lines"][0]["qty"] = json!(-1);
    assert_eq!(deep_of::<Basket>(&value), one("lines[0].qty", "type", None));
    // `items` needs only the number of elements, so it is checked on a broken list too.
    value["lines"] = json!([{"sku": "A", "qty": 1}, {"sku": "B", "qty": 1}, {"sku": 3, "qty": 1}]);
    assert_eq!(
        deep_of::<Basket>(&value),
        vec![
            ("lines".to_owned(), "items", Some(302)),
            ("lines[2].sku".to_owned(), "type", None),
        ]
    );
}

#[test]
fn check_deep_reports_non_objects_and_null_required_members() {
    assert_eq!(deep_of::<Basket>(&json!("basket")), one("", "type", None));
    assert_eq!(
        deep_of::<Basket>(&json!({"owner": null, "lines": {}, "note": null})),
        vec![
            ("owner".to_owned(), "required", Some(300)),
            ("lines".to_owned(), "type", None),
        ]
    );
    assert_eq!(
        deep_of::<Vec<Basket>>(&json!([{"owner": "a", "lines": []}, 7])),
        one("[1]", "type", None)
    );
}

#[test]
fn check_deep_reports_inside_an_alias_under_the_name_used() {
    let value = json!({
        "type": true,
        "EXT": {"note": "toolong"},
        "n": 1,
        "upload_time": "yesterday",
    });
    assert_eq!(
        deep_of::<JumpLink>(&value),
        vec![
            ("type".to_owned(), "type", None),
            ("EXT.note".to_owned(), "chars", Some(77)),
            ("upload_time".to_owned(), "format", Some(268485216)),
        ]
    );
}

// A list member with an element of the wrong type: the list's own `items` and `each`
// constraints still apply, to the raw length and to every element that is sound.

#[derive(Clone, Debug, Serialize, Deserialize, ::mpapi_derive::Validate)]
pub struct Gallery {
    #[validate(
        items(min = 2, max = 3, min_code = 401, max_code = 402),
        each(
            bytes(min = 1, max = 4, code = 403),
            pattern(regex = "^[a-z]*$", code = 404)
        )
    )]
    pub urls: Vec<String>,
    #[serde(default)]
    #[validate(items(max = 2, code = 405), each(range(min = 1, max = 9, code = 406)))]
    pub scores: Option<Vec<Option<u8>>>,
    #[serde(default)]
    #[validate(each(chars(max = 2, code = 407)))]
    pub tags: Option<Vec<String>>,
    #[serde(default)]
    #[validate(items(max = 1, code = 408))]
    pub lines: Vec<Line>,
}

/// A sound gallery: nothing to report.
fn gallery() -> serde_json::Value {
    json!({"urls": ["ab", "cd"], "scores": [1, null], "tags": ["x"], "lines": []})
}

/// `(path, rule, code)` of a gallery whose member `name` is `value`, checked deep, after
/// checking that `validate_value` reports the same and that nothing is reported twice.
fn gallery_with(name: &str, value: serde_json::Value) -> Vec<(String, &'static str, Option<i64>)> {
    let mut body = gallery();
    body[name] = value;
    let found = deep_of::<Gallery>(&body);
    // The one-pass reader reports structural violations as it meets them, the deep check
    // member by member: the same violations, in another order.
    let mut read = validated::<Gallery>(&body);
    let mut deep = found.clone();
    read.sort();
    deep.sort();
    assert_eq!(read, deep, "{body}");
    for (i, v) in found.iter().enumerate() {
        assert!(!found[..i].contains(v), "{v:?} reported twice for {body}");
    }
    found
}

fn at(path: &str, rule: &'static str, code: Option<i64>) -> (String, &'static str, Option<i64>) {
    (path.to_owned(), rule, code)
}

#[test]
fn a_broken_list_still_checks_items_and_each_on_its_sound_elements() {
    assert_eq!(gallery_with("urls", json!(["ab", "cd"])), []);
    assert_eq!(
        gallery_with("urls", json!(["ab", 5, "", "ABCDE"])),
        vec![
            at("urls", "items", Some(402)),
            at("urls[1]", "type", None),
            at("urls[2]", "bytes", Some(403)),
            at("urls[3]", "bytes", Some(403)),
            at("urls[3]", "pattern", Some(404)),
        ]
    );
    // The end that fails reports its own code.
    assert_eq!(
        gallery_with("urls", json!([7])),
        vec![at("urls", "items", Some(401)), at("urls[0]", "type", None)]
    );
}

#[test]
fn a_broken_optional_list_of_optional_elements_skips_null_elements() {
    assert_eq!(
        gallery_with("scores", json!([null, 0, "x", 10])),
        vec![
            at("scores", "items", Some(405)),
            at("scores[1]", "range", Some(406)),
            at("scores[2]", "type", None),
            at("scores[3]", "range", Some(406)),
        ]
    );
    assert_eq!(gallery_with("scores", json!(null)), []);
    // `each` alone, without `items`.
    assert_eq!(
        gallery_with("tags", json!(["abc", true, "ok"])),
        vec![
            at("tags[0]", "chars", Some(407)),
            at("tags[1]", "type", None)
        ]
    );
}

#[test]
fn sound_elements_of_a_broken_list_of_structs_are_fully_validated() {
    // Line 0 is sound, so its rule runs; line 1 is broken, so only its shape and the
    // constraints of its sound members are reported.
    assert_eq!(
        gallery_with(
            "lines",
            json!([{"sku": "ONE", "qty": 2}, {"sku": 1, "qty": 0}])
        ),
        vec![
            at("lines", "items", Some(408)),
            at("lines[0].qty", "custom", Some(313)),
            at("lines[1].sku", "type", None),
            at("lines[1].qty", "range", Some(312)),
        ]
    );
}

#[test]
fn a_list_member_that_is_not_an_array_is_one_type_violation() {
    assert_eq!(
        gallery_with("urls", json!("ab")),
        vec![at("urls", "type", None)]
    );
    assert_eq!(
        gallery_with("scores", json!({"0": 1})),
        vec![at("scores", "type", None)]
    );
}

/// The element index of a violation path `name[i]...`, if it is one.
fn element_index(name: &str, path: &str) -> Option<usize> {
    let rest = path.strip_prefix(name)?.strip_prefix('[')?;
    rest.split(']').next()?.parse().ok()
}

#[test]
fn a_broken_list_reports_what_the_sound_list_reports_plus_its_type_errors() {
    // Replacing the mistyped elements (at `wrong`) with a good one must leave every other
    // violation as the typed validation of the whole list reports it, and put each type
    // violation among them in document order.
    let cases = [
        (
            "urls",
            json!(["", 1, "ABCDE", "x", false]),
            &[1, 4][..],
            json!("ok"),
        ),
        ("urls", json!([[], "toolong"]), &[0], json!("ok")),
        ("scores", json!([0, null, -1, 12, 256]), &[2, 4], json!(5)),
        ("tags", json!(["abcd", 2.5, "é"]), &[1], json!("y")),
        (
            "lines",
            json!([{"sku": "ABCD", "qty": 1}, "line", {"sku": "ONE", "qty": 3}]),
            &[1],
            json!({"sku": "B", "qty": 1}),
        ),
    ];
    for (name, broken, wrong, good) in cases {
        let found = gallery_with(name, broken.clone());
        let Some(elements) = broken.as_array() else {
            panic!("{broken} is an array");
        };
        let repaired = elements
            .iter()
            .enumerate()
            .map(|(i, e)| {
                if wrong.contains(&i) {
                    good.clone()
                } else {
                    e.clone()
                }
            })
            .collect();
        let mut expected = gallery_with(name, serde_json::Value::Array(repaired));
        for &i in wrong {
            let before = expected
                .iter()
                .position(|(p, _, _)| element_index(name, p).is_some_and(|k| k > i))
                .unwrap_or(expected.len());
            expected.insert(before, at(&format!("{name}[{i}]"), "type", None));
        }
        assert!(wrong.iter().all(|i| i < &elements.len()));
        assert_eq!(found, expected, "{name}: {broken}");
    }
}
