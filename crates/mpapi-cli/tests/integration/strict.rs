//! `mpapi validate` reads bodies strictly by default: undeclared members (with a
//! did-you-mean), repeated members and enums in the other wire form are violations;
//! `--lenient` accepts the first and the last.

use std::process::{Command, Output};

use serde_json::Value;

const ID: &str = "wechat.user_order.upload_shopping_info";

fn example() -> Value {
    let ep = mpapi_wechat::endpoint(ID).expect("endpoint exists");
    let text = ep
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("an example request");
    serde_json::from_str(text).expect("example is JSON")
}

/// Runs `mpapi validate ID FILE [extra...]` on `body` written to a file of its own.
fn validate(name: &str, body: &str, extra: &[&str]) -> Output {
    let dir = std::env::temp_dir().join(format!("mpapi-strict-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("body.json");
    std::fs::write(&file, body).expect("write body");
    let mut args = vec!["validate", ID, file.to_str().expect("utf-8 path")];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args(&args)
        .output()
        .expect("mpapi runs");
    let _ = std::fs::remove_dir_all(&dir);
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON object"))
        .collect()
}

#[test]
fn a_misspelt_member_at_depth_two_is_reported_with_its_path_and_the_name_meant() {
    let mut body = example();
    // Beside the right one, so that ignoring it (lenient) leaves a valid body.
    body["order_list"][0]["item_list"][1]["merchant_item_Id"] = "1246464645".into();
    let text = body.to_string();

    let out = validate("misspelt", &text, &[]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got[0]["path"],
        "order_list[0].item_list[1].merchant_item_Id"
    );
    assert_eq!(got[0]["rule"], "unknown_member");
    assert_eq!(got[0]["code"], Value::Null);
    let message = got[0]["message"].as_str().expect("message");
    assert!(
        message.contains("did you mean `merchant_item_id`?"),
        "{message}"
    );

    let out = validate("misspelt-lenient", &text, &["--lenient"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn a_member_unlike_any_lists_the_members_there_are() {
    let mut body = example();
    body["payer"]["colour"] = "red".into();
    let out = validate("unlike", &body.to_string(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["path"], "payer.colour");
    let message = got[0]["message"].as_str().expect("message");
    assert!(message.contains("expected one of openid"), "{message}");
}

#[test]
fn repeated_members_are_violations_in_both_modes() {
    let text = example().to_string();
    // `payer` given twice at the top level, then `name` twice in an item (depth 3).
    let twice = text
        .replacen('{', "{\"payer\":{\"openid\":\"o\"},", 1)
        .replacen("\"name\":", "\"name\":\"first\",\"name\":", 1);
    for extra in [&[][..], &["--lenient"][..]] {
        let out = validate("repeated", &twice, extra);
        assert_eq!(out.status.code(), Some(1), "{extra:?}");
        let got: Vec<(String, String)> = lines(&out)
            .iter()
            .map(|v| {
                (
                    v["path"].as_str().unwrap_or_default().to_owned(),
                    v["rule"].as_str().unwrap_or_default().to_owned(),
                )
            })
            .collect();
        assert_eq!(
            got,
            // In document order: the second `payer` is the example's own, at the end.
            [
                (
                    "order_list[0].item_list[0].name".to_owned(),
                    "duplicate_member".to_owned()
                ),
                ("payer".to_owned(), "duplicate_member".to_owned()),
            ],
            "{extra:?}"
        );
    }
}

#[test]
fn enums_in_the_other_wire_form_are_violations_only_when_strict() {
    let mut body = example();
    // A string enum (LinkType: MINI_PROGRAM = 1) sent as its code, at depth 4.
    body["order_list"][1]["item_list"][0]["item_detail_jump_link"]["type"] = 2.into();
    let text = body.to_string();
    let out = validate("enum", &text, &[]);
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        got[0]["path"],
        "order_list[1].item_list[0].item_detail_jump_link.type"
    );
    assert_eq!(got[0]["rule"], "enum");
    assert!(
        got[0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("send \"URL\"")),
        "{got:?}"
    );
    let out = validate("enum-lenient", &text, &["--lenient"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_structural_problem_does_not_hide_the_others() {
    let mut body = example();
    body["order_list"][0]["item_list"][0]["unit_price"] = "1".into();
    body["order_list"][0]["item_list"][0]["nmae"] = "x".into();
    body["order_list"][2]["merchant_order_no"] = "".into();
    let out = validate("mixed", &body.to_string(), &[]);
    assert_eq!(out.status.code(), Some(1));
    let mut got: Vec<(String, String)> = lines(&out)
        .iter()
        .map(|v| {
            (
                v["path"].as_str().unwrap_or_default().to_owned(),
                v["rule"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect();
    got.sort();
    assert_eq!(
        got,
        [
            (
                "order_list[0].item_list[0].nmae".to_owned(),
                "unknown_member".to_owned()
            ),
            (
                "order_list[0].item_list[0].unit_price".to_owned(),
                "type".to_owned()
            ),
            (
                "order_list[2].merchant_order_no".to_owned(),
                "bytes".to_owned()
            ),
        ]
    );
}
