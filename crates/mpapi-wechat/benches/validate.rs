//! What validation costs next to serialization, for uploadShoppingInfo at three body sizes.
//!
//! `cargo bench -p mpapi-wechat --bench validate` measures, side by side in one criterion
//! group per size:
//!
//! - `serialize`: `serde_json::to_vec` of the typed body;
//! - `validate (typed)`: the generated validator, `Validate::validate`;
//! - `hand-written`: a careful hand-written validator of the same constraints and rules
//!   ([`hand`] below), the floor the generated one is measured against;
//! - `deserialize (from_slice)`: `serde_json::from_slice` of the JSON text into the typed
//!   request, with serde's derive: the floor of any raw-JSON validation;
//! - `raw, one pass (validate_request_json)`: `(UPLOAD_SHOPPING_INFO.validate_request_json)(bytes,
//!   Strict)`, the path `mpapi validate` and the sandbox take: the text read straight
//!   into the typed request by the derived one-pass reader (every shape violation
//!   recorded, unknown and repeated members included), then typed validation;
//! - `raw, through Value (before)`: what raw validation did before the one-pass reader,
//!   kept for comparison: parse into a `serde_json::Value`, shape check of the tree
//!   (`JsonShape`), deserialization from the tree, typed validation.
//!
//! The sizes are (a) the doc example, (b) 20 orders of 10 items and (c) 100 orders of 50
//! items, generated valid under every rule of the spec. Before timing, the setup checks
//! that every body is valid, that the hand-written validator agrees with the generated one
//! on a set of invalid mutations, and prints how many allocations one validation makes
//! (a counting global allocator, `stats_alloc`).
//!
//! Goals (see BENCHMARKS.md): typed validate ≤ 1.3× hand-written and ≤ 25% of
//! serialization at every size; no allocation for valid bodies whose lists are shorter than
//! the `unique_by` threshold (16), at most one per longer list.

use std::alloc::System;
use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use mpapi_runtime::{Strictness, Validate, Violations};
use mpapi_wechat::user_order::{UPLOAD_SHOPPING_INFO, UploadShoppingInfoRequest};
use serde_json::{Value, json};
use stats_alloc::{INSTRUMENTED_SYSTEM, Region, StatsAlloc};

#[global_allocator]
static GLOBAL: &StatsAlloc<System> = &INSTRUMENTED_SYSTEM;

/// One body size: its label, the raw JSON as a tree and as text, and the typed body
/// deserialized from it.
struct Body {
    label: &'static str,
    value: Value,
    text: Vec<u8>,
    typed: UploadShoppingInfoRequest,
}

impl Body {
    fn new(label: &'static str, value: Value) -> Self {
        let typed = serde_json::from_value(value.clone())
            .unwrap_or_else(|e| panic!("{label}: the body deserializes: {e}"));
        let text = serde_json::to_vec(&value).expect("serializes");
        Body {
            label,
            value,
            text,
            typed,
        }
    }
}

/// Plain deserialization of the text into the typed request (serde's derive).
fn deserialize(text: &[u8]) -> UploadShoppingInfoRequest {
    serde_json::from_slice(text).expect("the body deserializes")
}

/// The one-pass raw path: `mpapi validate` and the sandbox.
fn raw_one_pass(text: &[u8]) -> Result<(), mpapi_runtime::JsonInputError> {
    (UPLOAD_SHOPPING_INFO.validate_request_json)(text, Strictness::Strict)
}

/// The raw path before the one-pass reader: a `Value` tree, its shape check, serde from the
/// tree, typed validation (what `validate_value` did then, through `typed_if_sound`).
fn raw_through_value(text: &[u8]) -> Result<(), Violations> {
    let value: Value = serde_json::from_slice(text).expect("JSON");
    let mut out = Violations::new();
    let root = mpapi_runtime::Path::Root;
    match mpapi_runtime::typed_if_sound::<UploadShoppingInfoRequest>(&value, &root, &mut out) {
        Some(typed) => {
            typed.validate_at(&root, &mut out);
            out.into_result()
        }
        None => Err(out),
    }
}

/// (a) The doc's request example, as the spec keeps it.
fn doc_example() -> Value {
    let text = UPLOAD_SHOPPING_INFO.examples[0]
        .request
        .expect("the spec keeps the doc's request");
    serde_json::from_str(text).expect("example is JSON")
}

const APPID: &str = "wxd678efh567hg6787";

/// A jump link valid under JumpLink's rules: a Mini Program link (appid and path, here
/// with a url too) or an H5 link (url only).
fn link(mini_program: bool, page: &str) -> Value {
    if mini_program {
        json!({
            "type": "MINI_PROGRAM",
            "appid": APPID,
            "path": format!("/pages/{page}/index?from=order"),
            "url": format!("https://shop.example.com/{page}"),
        })
    } else {
        json!({
            "type": "URL",
            "url": format!("https://shop.example.com:8443/h5/{page}?src=wx#top"),
        })
    }
}

/// A body of `orders` orders of `items` items each, valid under every constraint and rule:
/// distinct merchant_order_no; merchant_item_id distinct within an order, and set on every
/// item of an order or (every fifth order) on none; item links of the order link's type
/// and, for Mini Program orders, its appid; 1 to 3 image URLs matching the URL pattern;
/// names and descriptions with non-ASCII text inside their character limits; an RFC 3339
/// upload time.
fn generated(orders: usize, items: usize) -> Value {
    let order_list: Vec<Value> = (0..orders)
        .map(|o| {
            let mini_program = o % 2 == 0;
            let with_ids = o % 5 != 4;
            let item_list: Vec<Value> = (0..items)
                .map(|i| {
                    let images: Vec<String> = (0..=(i % 3))
                        .map(|k| format!("https://img.example.com/o{o}/i{i}/{k}.jpg"))
                        .collect();
                    let mut item = json!({
                        "name": format!("商品 {i} · iPhoneX 256G"),
                        "description": format!("图片店 - 深圳 - QQ doll, lot {o}-{i}"),
                        "unit_price": 828_800 + i64::try_from(i).unwrap_or(0),
                        "quantity": 1 + (i % 4),
                        "image_url": images,
                        "item_detail_jump_link": link(mini_program, &format!("item/{o}/{i}")),
                    });
                    if with_ids {
                        item["merchant_item_id"] = json!(format!("SKU-{o}-{i:03}"));
                    }
                    item
                })
                .collect();
            json!({
                "merchant_order_no": format!("M{:010}", 232_457_563_423u64 + o as u64),
                "order_detail_jump_link": link(mini_program, &format!("order/{o}")),
                "item_list": item_list,
            })
        })
        .collect();
    json!({
        "order_key": {
            "order_number_type": "MERCHANT_TRADE_NUMBER",
            "mchid": "1230000109",
            "out_trade_no": "1217752501201407033233368018",
        },
        "order_list": order_list,
        "payer": { "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o" },
        "logistics_type": "PHYSICAL_LOGISTICS",
        "upload_time": "2024-05-20T13:29:35.120+08:00",
    })
}

/// A hand-written validator of uploadShoppingInfo's constraints and rules
/// (`spec/wechat/user_order/upload_shopping_info.yaml` and `types.yaml`), over the typed
/// body: the floor the generated validator is compared with.
///
/// It stops at the first violation and returns its platform error code (`None` for the
/// constraints the docs give no code). It allocates nothing for a valid body except one
/// `Vec<&str>` per `unique_by` over a list of more than 64 elements: shorter lists are
/// compared pairwise (under 16) or sorted in a buffer on the stack (item lists have at
/// most 50 elements, so only a long order list allocates).
mod hand {
    use mpapi_runtime::constraint::url_like;
    use mpapi_wechat::user_order::{
        JumpLink, LinkType, OrderItem, OrderKey, OrderNumberType, ShoppingOrder,
        UploadShoppingInfoRequest,
    };

    /// The first violation found: its platform error code, where the docs give one.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    pub struct Fail(pub Option<i64>);

    type R = Result<(), Fail>;

    fn fail(code: Option<i64>) -> R {
        Err(Fail(code))
    }

    fn bytes(s: &str, min: usize, max: usize, min_code: Option<i64>) -> R {
        match s.len() {
            n if n < min => fail(min_code),
            n if n > max => fail(None),
            _ => Ok(()),
        }
    }

    fn opt_bytes(s: Option<&String>, min: usize, max: usize) -> R {
        s.map_or(Ok(()), |s| bytes(s, min, max, None))
    }

    /// Length in characters, counted only when the byte length cannot decide.
    fn chars(s: &str, min: usize, max: usize, min_code: Option<i64>) -> R {
        if s.len() <= max && s.len() / 4 >= min {
            return Ok(());
        }
        match s.chars().count() {
            n if n < min => fail(min_code),
            n if n > max => fail(None),
            _ => Ok(()),
        }
    }

    fn url(s: &str) -> R {
        bytes(s, 1, 1024, None)?;
        if url_like::is_match(s) {
            Ok(())
        } else {
            fail(None)
        }
    }

    /// Whether no two of the `n` keys are equal, without allocating: pairwise for short
    /// lists, sorted in a stack buffer up to 64 keys, sorted in one `Vec` beyond.
    fn distinct<'a>(n: usize, keys: impl Iterator<Item = &'a str> + Clone) -> bool {
        if n < 16 {
            let mut rest = keys.clone();
            while let Some(a) = rest.next() {
                if rest.clone().any(|b| b == a) {
                    return false;
                }
            }
            return true;
        }
        let mut stack = [""; 64];
        let mut heap = Vec::new();
        let sorted: &mut [&str] = if n <= stack.len() {
            for (slot, k) in stack.iter_mut().zip(keys) {
                *slot = k;
            }
            &mut stack[..n]
        } else {
            heap.extend(keys);
            &mut heap
        };
        sorted.sort_unstable();
        sorted.windows(2).all(|w| w[0] != w[1])
    }

    fn order_key(k: &OrderKey) -> R {
        match k.order_number_type {
            OrderNumberType::WxpayTradeNumber if k.transaction_id.is_none() => {
                fail(Some(268485195))
            }
            OrderNumberType::MerchantTradeNumber if k.mchid.is_none() => fail(Some(268485196)),
            OrderNumberType::MerchantTradeNumber if k.out_trade_no.is_none() => {
                fail(Some(268485197))
            }
            ref t if !t.is_known() => fail(Some(268485194)),
            _ => Ok(()),
        }
    }

    fn jump_link(l: &JumpLink) -> R {
        if let Some(u) = &l.url {
            url(u)?;
        }
        opt_bytes(l.appid.as_ref(), 1, 32)?;
        opt_bytes(l.path.as_ref(), 1, 512)?;
        match l.type_ {
            LinkType::MiniProgram if l.appid.is_none() => fail(Some(268485204)),
            LinkType::MiniProgram if l.path.is_none() => fail(Some(268485205)),
            LinkType::Url if l.url.is_none() => fail(Some(268485206)),
            ref t if !t.is_known() => fail(Some(268485202)),
            _ => Ok(()),
        }
    }

    fn item(it: &OrderItem) -> R {
        opt_bytes(it.merchant_item_id.as_ref(), 1, 64)?;
        chars(&it.name, 1, 256, Some(268485207))?;
        if let Some(d) = &it.description {
            chars(d, 1, 512, None)?;
        }
        match it.image_url.len() {
            0 => return fail(Some(268485210)),
            n if n > 3 => return fail(None),
            _ => {}
        }
        for u in &it.image_url {
            url(u)?;
        }
        jump_link(&it.item_detail_jump_link)
    }

    fn order(o: &ShoppingOrder) -> R {
        bytes(&o.merchant_order_no, 1, 64, Some(268485201))?;
        jump_link(&o.order_detail_jump_link)?;
        let items = &o.item_list;
        match items.len() {
            0 => return fail(Some(268485211)),
            n if n > 50 => return fail(None),
            _ => {}
        }
        let link = &o.order_detail_jump_link;
        let appid = match link.type_ {
            LinkType::MiniProgram => link.appid.as_deref(),
            _ => None,
        };
        let mut with_id = 0;
        for it in items {
            item(it)?;
            with_id += usize::from(it.merchant_item_id.is_some());
            let other = &it.item_detail_jump_link;
            if other.type_ != link.type_ {
                return fail(Some(268459788));
            }
            if let (Some(want), Some(got)) = (appid, other.appid.as_deref())
                && want != got
            {
                return fail(Some(268459789));
            }
        }
        if with_id != 0 && with_id != items.len() {
            return fail(Some(268485213));
        }
        let ids = items.iter().filter_map(|i| i.merchant_item_id.as_deref());
        if with_id != 0 && !distinct(with_id, ids) {
            return fail(Some(268486047));
        }
        Ok(())
    }

    /// Validates the whole request; `Ok` exactly when the generated validator finds nothing.
    pub fn validate(r: &UploadShoppingInfoRequest) -> R {
        order_key(&r.order_key)?;
        if r.order_list.is_empty() {
            return fail(Some(268485191));
        }
        for o in &r.order_list {
            order(o)?;
        }
        let numbers = r.order_list.iter().map(|o| o.merchant_order_no.as_str());
        if !distinct(r.order_list.len(), numbers) {
            return fail(Some(268459786));
        }
        bytes(&r.payer.openid, 1, 128, Some(268485192))?;
        if r.logistics_type.as_ref().is_some_and(|t| !t.is_known()) {
            return fail(Some(268485193));
        }
        if !rfc3339(r.upload_time.as_bytes()) {
            return fail(Some(268485216));
        }
        Ok(())
    }

    /// `YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM)` (`T` or `t`), as the runtime checks it: a real calendar date, hours to 23, minutes and seconds to
    /// 59, offset hours to 23; second 60 only where it is the last second of a month in UTC.
    pub fn rfc3339(s: &[u8]) -> bool {
        fn num(s: &[u8]) -> Option<u32> {
            s.iter().try_fold(0u32, |n, &b| {
                b.is_ascii_digit().then(|| n * 10 + u32::from(b - b'0'))
            })
        }
        fn days_in_month(y: u32, m: u32) -> u32 {
            match m {
                2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            }
        }
        let field = |a: usize, b: usize| s.get(a..b).and_then(num);
        let (Some(y), Some(mo), Some(d), Some(h), Some(mi), Some(sec)) = (
            field(0, 4),
            field(5, 7),
            field(8, 10),
            field(11, 13),
            field(14, 16),
            field(17, 19),
        ) else {
            return false;
        };
        if s[4] != b'-'
            || !matches!(s[10], b'T' | b't')
            || s[7] != b'-'
            || s[13] != b':'
            || s[16] != b':'
        {
            return false;
        }
        if !(1..=12).contains(&mo) || d == 0 || d > days_in_month(y, mo) || h > 23 || mi > 59 {
            return false;
        }
        let mut rest = &s[19..];
        if let Some(frac) = rest.strip_prefix(b".") {
            let n = frac.iter().take_while(|b| b.is_ascii_digit()).count();
            if n == 0 {
                return false;
            }
            rest = &frac[n..];
        }
        let offset_minutes: i64 = match rest {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), oh @ .., b':', _, _] if oh.len() == 2 => {
                let (Some(oh), Some(om)) = (num(oh), num(&rest[4..6])) else {
                    return false;
                };
                if oh > 23 || om > 59 {
                    return false;
                }
                let m = i64::from(oh * 60 + om);
                if *sign == b'-' { -m } else { m }
            }
            _ => return false,
        };
        match sec {
            0..=59 => true,
            60 => {
                // The UTC time must be 23:59 on the last day of its month.
                let utc = i64::from(h * 60 + mi) - offset_minutes;
                let (day_shift, minute) = (utc.div_euclid(1440), utc.rem_euclid(1440));
                let (mut y, mut mo, mut d) = (y, mo, i64::from(d) + day_shift);
                if d == 0 {
                    (y, mo) = if mo == 1 {
                        (y.wrapping_sub(1), 12)
                    } else {
                        (y, mo - 1)
                    };
                    d = i64::from(days_in_month(y, mo));
                } else if d > i64::from(days_in_month(y, mo)) {
                    (y, mo) = if mo == 12 { (y + 1, 1) } else { (y, mo + 1) };
                    d = 1;
                }
                minute == 23 * 60 + 59 && d == i64::from(days_in_month(y, mo))
            }
            _ => false,
        }
    }
}

/// Invalid variants of a valid body, each breaking one constraint or rule; both
/// validators must reject every one.
fn mutations(base: &Value) -> Vec<(&'static str, Value)> {
    let edit = |name: &'static str, f: &dyn Fn(&mut Value)| {
        let mut v = base.clone();
        f(&mut v);
        (name, v)
    };
    let o0 = "/order_list/0";
    let i0 = "/order_list/0/item_list/0";
    let set = |v: &mut Value, ptr: &str, new: Value| {
        *v.pointer_mut(ptr)
            .unwrap_or_else(|| panic!("the body has {ptr}")) = new;
    };
    let remove = |v: &mut Value, ptr: &str, key: &str| {
        v.pointer_mut(ptr)
            .and_then(Value::as_object_mut)
            .and_then(|o| o.remove(key))
            .unwrap_or_else(|| panic!("the body has {ptr}/{key}"));
    };
    vec![
        edit("repeated merchant_order_no", &|v| {
            let first = v["order_list"][0]["merchant_order_no"].clone();
            let last = v["order_list"].as_array().map_or(0, Vec::len) - 1;
            v["order_list"][last]["merchant_order_no"] = first;
        }),
        edit("repeated merchant_item_id", &|v| {
            let first = v["order_list"][0]["item_list"][0]["merchant_item_id"].clone();
            let last = v["order_list"][0]["item_list"]
                .as_array()
                .map_or(0, Vec::len)
                - 1;
            v["order_list"][0]["item_list"][last]["merchant_item_id"] = first;
        }),
        edit("merchant_item_id on some items only", &|v| {
            remove(v, i0, "merchant_item_id")
        }),
        edit("item link of another type", &|v| {
            set(v, &format!("{i0}/item_detail_jump_link"), link(false, "x"))
        }),
        edit("item link of another appid", &|v| {
            set(
                v,
                &format!("{i0}/item_detail_jump_link/appid"),
                json!("wx0000000000000000"),
            )
        }),
        edit("url with a bracket after the host", &|v| {
            set(
                v,
                &format!("{o0}/order_detail_jump_link/url"),
                json!("https://h/[x]"),
            )
        }),
        edit("image url not http", &|v| {
            set(v, &format!("{i0}/image_url/0"), json!("ftp://qpic.cn/x"))
        }),
        edit("image url too long", &|v| {
            let long = format!("https://qpic.cn/{}", "x".repeat(1010));
            set(v, &format!("{i0}/image_url/0"), json!(long))
        }),
        edit("four image urls", &|v| {
            set(
                v,
                &format!("{i0}/image_url"),
                json!(vec!["https://a.cn"; 4]),
            )
        }),
        edit("no image url", &|v| {
            set(v, &format!("{i0}/image_url"), json!([]))
        }),
        edit("merchant_order_no of 66 bytes", &|v| {
            set(
                v,
                &format!("{o0}/merchant_order_no"),
                json!("中".repeat(22)),
            )
        }),
        edit("empty merchant_order_no", &|v| {
            set(v, &format!("{o0}/merchant_order_no"), json!(""))
        }),
        edit("empty name", &|v| set(v, &format!("{i0}/name"), json!(""))),
        edit("name of 257 characters", &|v| {
            set(v, &format!("{i0}/name"), json!("中".repeat(257)))
        }),
        edit("description of 513 characters", &|v| {
            set(v, &format!("{i0}/description"), json!("é".repeat(513)))
        }),
        edit("appid of 33 bytes", &|v| {
            let link = format!("{o0}/order_detail_jump_link");
            set(v, &format!("{link}/appid"), json!("w".repeat(33)));
        }),
        edit("Mini Program link without path", &|v| {
            remove(v, &format!("{o0}/order_detail_jump_link"), "path")
        }),
        edit("URL link without url", &|v| {
            set(
                v,
                &format!("{o0}/order_detail_jump_link"),
                json!({"type": "URL"}),
            );
            let n = v["order_list"][0]["item_list"]
                .as_array()
                .map_or(0, Vec::len);
            for i in 0..n {
                v["order_list"][0]["item_list"][i]["item_detail_jump_link"] = link(false, "y");
            }
        }),
        edit("unknown link type", &|v| {
            set(
                v,
                &format!("{o0}/order_detail_jump_link/type"),
                json!("BOGUS"),
            )
        }),
        edit("no items", &|v| {
            set(v, &format!("{o0}/item_list"), json!([]))
        }),
        edit("51 items", &|v| {
            let one = v["order_list"][0]["item_list"][0].clone();
            let items: Vec<Value> = (0..51)
                .map(|i| {
                    let mut it = one.clone();
                    it["merchant_item_id"] = json!(format!("many-{i}"));
                    it
                })
                .collect();
            set(v, &format!("{o0}/item_list"), Value::Array(items));
        }),
        edit("no orders", &|v| v["order_list"] = json!([])),
        edit("openid of 129 bytes", &|v| {
            v["payer"]["openid"] = json!("o".repeat(129))
        }),
        edit("empty openid", &|v| v["payer"]["openid"] = json!("")),
        edit("WeChat Pay key without transaction_id", &|v| {
            v["order_key"] = json!({"order_number_type": "WXPAY_TRADE_NUMBER", "mchid": "1"})
        }),
        edit(
            "merchant key without out_trade_no",
            &|v| {
                v["order_key"] = json!({"order_number_type": "MERCHANT_TRADE_NUMBER", "mchid": "1"})
            },
        ),
        edit("unknown logistics type", &|v| {
            v["logistics_type"] = json!("TELEPORT")
        }),
        edit("upload time without offset", &|v| {
            v["upload_time"] = json!("2022-05-20T13:29:35.120")
        }),
        edit("upload time on 30 February", &|v| {
            v["upload_time"] = json!("2022-02-30T13:29:35+08:00")
        }),
        edit("upload time with a lost plus", &|v| {
            v["upload_time"] = json!("2022-05-20T13:29:35.120 08:00")
        }),
    ]
}

/// Upload times both date-time checks must decide alike.
const TIMES: &[&str] = &[
    "2022-05-20T13:29:35.120+08:00",
    "2022-05-20t13:29:35z",
    "2022-05-20 13:29:35Z",
    "2024-02-29T00:00:00-00:00",
    "2023-02-29T00:00:00Z",
    "2022-05-20T24:00:00Z",
    "2022-05-20T13:60:00Z",
    "2022-05-20T13:29:35.Z",
    "2022-05-20T13:29:35+24:00",
    "2022-05-20T13:29:35+08:60",
    "2022-05-20T13:29:35+0800",
    "2022-06-30T23:59:60Z",
    "2022-06-30T23:59:60+01:00",
    "2022-07-01T07:59:60+08:00",
    "2022-06-29T23:59:60Z",
    "2022-13-01T00:00:00Z",
    "22-05-20T13:29:35Z",
    "2022-05-20T13:29:35Zjunk",
];

/// The setup checks: every body valid to both validators and the raw path, and every
/// mutation rejected by both.
fn check_agreement(bodies: &[Body]) {
    for b in bodies {
        assert!(
            b.typed.validate().is_ok(),
            "{}: the body must be valid for the comparison to mean anything: {:?}",
            b.label,
            b.typed.validate()
        );
        assert_eq!(
            hand::validate(&b.typed),
            Ok(()),
            "{}: hand-written",
            b.label
        );
        assert!(
            (UPLOAD_SHOPPING_INFO.validate_request)(&b.value).is_ok(),
            "{}: raw JSON",
            b.label
        );
        assert!(raw_one_pass(&b.text).is_ok(), "{}: raw, one pass", b.label);
        assert!(
            raw_through_value(&b.text).is_ok(),
            "{}: raw, through Value",
            b.label
        );
        assert_eq!(deserialize(&b.text), b.typed, "{}: from_slice", b.label);
    }
    let base = &bodies[1].value;
    for (name, value) in mutations(base) {
        let typed: UploadShoppingInfoRequest =
            serde_json::from_value(value.clone()).expect("mutations keep the shape");
        let generated = typed.validate();
        let Err(found) = generated else {
            panic!("mutation `{name}`: the generated validator accepts it");
        };
        let hand = hand::validate(&typed);
        let Err(hand::Fail(code)) = hand else {
            panic!("mutation `{name}`: the hand-written validator accepts it");
        };
        assert!(
            found.iter().any(|v| v.code == code),
            "mutation `{name}`: hand-written reports {code:?}, generated {found}"
        );
        assert!(
            (UPLOAD_SHOPPING_INFO.validate_request)(&value).is_err(),
            "mutation `{name}`: the raw JSON path accepts it"
        );
        let text = serde_json::to_vec(&value).expect("serializes");
        assert!(
            raw_one_pass(&text).is_err() && raw_through_value(&text).is_err(),
            "mutation `{name}`: a raw path accepts it"
        );
    }
    let mut base_typed = bodies[1].typed.clone();
    for t in TIMES {
        base_typed.upload_time = (*t).to_owned();
        assert_eq!(
            hand::rfc3339(t.as_bytes()),
            base_typed.validate().is_ok(),
            "the date-time checks disagree on {t:?}"
        );
    }
}

/// Allocations (and reallocations) made by `f`, run once.
fn allocations<R>(f: impl FnOnce() -> R) -> (usize, usize) {
    let region = Region::new(GLOBAL);
    let r = f();
    let change = region.change();
    drop(black_box(r));
    (change.allocations, change.reallocations)
}

fn print_allocations(bodies: &[Body]) {
    println!("allocations per validation of a valid body (allocations + reallocations):");
    println!(
        "{:<12} {:>14} {:>14} {:>16} {:>18} {:>22}",
        "body",
        "typed validate",
        "hand-written",
        "from_slice",
        "raw, one pass",
        "raw, through Value"
    );
    for b in bodies {
        let typed = allocations(|| b.typed.validate());
        let hand = allocations(|| hand::validate(&b.typed));
        let de = allocations(|| deserialize(&b.text));
        let one = allocations(|| raw_one_pass(&b.text));
        let before = allocations(|| raw_through_value(&b.text));
        let show = |(a, r): (usize, usize)| format!("{a} + {r}");
        println!(
            "{:<12} {:>14} {:>14} {:>16} {:>18} {:>22}",
            b.label,
            show(typed),
            show(hand),
            show(de),
            show(one),
            show(before)
        );
    }
}

fn bodies() -> Vec<Body> {
    vec![
        Body::new("doc_example", doc_example()),
        Body::new("20x10", generated(20, 10)),
        Body::new("100x50", generated(100, 50)),
    ]
}

fn bench(c: &mut Criterion) {
    let bodies = bodies();
    check_agreement(&bodies);
    print_allocations(&bodies);
    for b in &bodies {
        let bytes = serde_json::to_vec(&b.typed).map_or(0, |v| v.len());
        println!("{}: {} bytes serialized", b.label, bytes);
        let mut group = c.benchmark_group(format!("upload_shopping_info/{}", b.label));
        group.bench_function("serialize", |bench| {
            bench.iter(|| serde_json::to_vec(black_box(&b.typed)).expect("serializes"))
        });
        group.bench_function("validate (typed)", |bench| {
            bench.iter(|| black_box(&b.typed).validate())
        });
        group.bench_function("hand-written", |bench| {
            bench.iter(|| hand::validate(black_box(&b.typed)))
        });
        group.bench_function("deserialize (from_slice)", |bench| {
            bench.iter(|| deserialize(black_box(&b.text)))
        });
        group.bench_function("raw, one pass (validate_request_json)", |bench| {
            bench.iter(|| raw_one_pass(black_box(&b.text)))
        });
        group.bench_function("raw, through Value (before)", |bench| {
            bench.iter(|| raw_through_value(black_box(&b.text)))
        });
        group.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
