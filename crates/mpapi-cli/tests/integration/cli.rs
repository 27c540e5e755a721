//! End-to-end runs of the `mpapi` binary: the output and exit-code contract.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn mpapi(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("mpapi starts");
    if let Some(input) = stdin {
        // A command that fails before reading (e.g. an unknown endpoint) closes its stdin
        // early: a broken pipe here is the process's business, not the test's.
        match child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
        {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => panic!("write stdin: {e}"),
            _ => {}
        }
    }
    drop(child.stdin.take());
    child.wait_with_output().expect("mpapi finishes")
}

fn example(id: &str) -> Value {
    let ep = mpapi_wechat::endpoint(id)
        .or_else(|| mpapi_baidu::endpoint(id))
        .expect("endpoint exists");
    let text = ep
        .examples
        .iter()
        .find_map(|e| e.request)
        .expect("an example request");
    serde_json::from_str(text).expect("example is JSON")
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each stdout line is a JSON object"))
        .collect()
}

const IDS: [&str; 5] = [
    "wechat.user_order.upload_shopping_info",
    "wechat.user_order.upload_combined_shopping_info",
    "wechat.mall.import_order",
    "wechat.logistics.add_order",
    "baidu.ordercenter.add_main_info",
];

#[test]
fn endpoints_lists_every_endpoint_with_method_and_url() {
    let out = mpapi(&["endpoints"], None);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for id in IDS {
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{id}\t")))
            .unwrap_or_else(|| panic!("{id} missing in:\n{text}"));
        assert!(line.contains("\tPOST\thttps://"), "{line}");
    }
    assert!(
        text.contains("https://api.weixin.qq.com/mall/importorder?action=add-order"),
        "{text}"
    );
    assert!(
        text.contains("https://openapi.baidu.com/rest/2.0/smartapp/ordercenter/app/add/main/info"),
        "{text}"
    );
}

#[test]
fn every_doc_example_is_valid_from_a_file_and_from_stdin() {
    let dir = std::env::temp_dir().join(format!("mpapi-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for id in IDS {
        let body = example(id).to_string();
        let file = dir.join(format!("{id}.json"));
        std::fs::write(&file, &body).expect("write example");
        let out = mpapi(&["validate", id, file.to_str().expect("utf-8 path")], None);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{id}: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(out.stdout.is_empty());
        let out = mpapi(&["validate", id, "-"], Some(&body));
        assert_eq!(out.status.code(), Some(0), "{id} via stdin");
    }
}

#[test]
fn violations_are_json_lines_with_exactly_path_rule_message_code() {
    let id = "wechat.user_order.upload_shopping_info";
    let mut body = example(id);
    body["order_list"][0]["item_list"][1]["name"] = Value::String("中".repeat(257));
    body["order_list"][0]["merchant_order_no"] = Value::String("x".repeat(65));
    let out = mpapi(&["validate", id, "-"], Some(&body.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 2, "{got:?}");
    for v in &got {
        let keys: Vec<&str> = v
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, ["code", "message", "path", "rule"]);
        assert!(v["code"].is_i64() || v["code"].is_null());
    }
    assert!(
        got.iter()
            .any(|v| v["path"] == "order_list[0].item_list[1].name" && v["rule"] == "chars")
    );
    assert!(
        got.iter()
            .any(|v| v["path"] == "order_list[0].merchant_order_no" && v["rule"] == "bytes")
    );
}

/// The violations go through one buffer: every line must still come out, in order, once
/// the output is larger than any buffer.
#[test]
fn every_violation_of_a_large_body_is_printed_in_order() {
    let id = "wechat.user_order.upload_shopping_info";
    let mut body = example(id);
    let order = body["order_list"][0].clone();
    let orders: Vec<Value> = (0..2000)
        .map(|i| {
            let mut o = order.clone();
            o["merchant_order_no"] = Value::String(format!("M{i}"));
            for item in o["item_list"].as_array_mut().expect("items") {
                item["image_url"] = serde_json::json!(["ftp://qpic.cn/x"]);
            }
            o
        })
        .collect();
    let per_order = order["item_list"].as_array().map_or(0, Vec::len);
    body["order_list"] = Value::Array(orders);
    let out = mpapi(&["validate", id, "-"], Some(&body.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 2000 * per_order);
    assert_eq!(got[0]["path"], "order_list[0].item_list[0].image_url[0]");
    assert_eq!(
        got[got.len() - 1]["path"],
        format!("order_list[1999].item_list[{}].image_url[0]", per_order - 1)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("{} violation(s)", 2000 * per_order)),
        "{stderr}"
    );
}

#[test]
fn rules_report_their_platform_codes() {
    let id = "wechat.user_order.upload_shopping_info";
    let mut body = example(id);
    body["order_key"]["order_number_type"] = Value::String("WXPAY_TRADE_NUMBER".into());
    body["order_key"]
        .as_object_mut()
        .expect("object")
        .remove("transaction_id");
    let out = mpapi(&["validate", id, "-"], Some(&body.to_string()));
    assert_eq!(out.status.code(), Some(1));
    let got = lines(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got[0]["path"], "order_key.transaction_id");
    assert_eq!(got[0]["rule"], "required_if");
    assert_eq!(got[0]["code"], 268485195);
}

#[test]
fn wrong_json_types_and_missing_fields_are_violations_not_usage_errors() {
    let id = "wechat.user_order.upload_shopping_info";
    let mut body = example(id);
    body["order_list"][0]["item_list"][0]["unit_price"] = Value::String("828800".into());
    body["order_list"][0]["item_list"][1]
        .as_object_mut()
        .expect("object")
        .remove("name");
    let out = mpapi(&["validate", id, "-"], Some(&body.to_string()));
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = lines(&out);
    assert!(
        got.iter()
            .any(|v| v["path"] == "order_list[0].item_list[0].unit_price"
                && v["rule"] == "type"
                && v["code"].is_null()),
        "{got:?}"
    );
    assert!(
        got.iter()
            .any(|v| v["path"] == "order_list[0].item_list[1].name" && v["rule"] == "required"),
        "{got:?}"
    );
}

#[test]
fn usage_errors_exit_2_with_a_message() {
    let id = "wechat.user_order.upload_shopping_info";
    let out = mpapi(&["validate", id, "-"], Some("{not json"));
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not valid JSON"));

    let out = mpapi(&["validate", "wechat.nope.nothing", "-"], Some("{}"));
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("unknown endpoint") && err.contains("wechat.user_order.upload_shopping_info"),
        "{err}"
    );

    let out = mpapi(&["validate", id, "/nonexistent/body.json"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read"));

    let out = mpapi(&["validate", id], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

/// A `mpapi sandbox` child process, killed on drop.
struct SandboxProcess {
    child: std::process::Child,
    base_url: String,
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_sandbox() -> SandboxProcess {
    start_sandbox_with(&[])
}

fn start_sandbox_with(extra: &[&str]) -> SandboxProcess {
    use std::io::BufRead;
    let mut child = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args([
            "sandbox",
            "--port",
            "0",
            "--app",
            "wx_cli_test:s3cret",
            "--baidu-app",
            "bd_cli:bd_s3cret",
        ])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("sandbox starts");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    std::io::BufReader::new(stdout)
        .read_line(&mut first)
        .expect("first line");
    let base_url = first
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {first:?}"))
        .to_owned();
    assert!(base_url.starts_with("http://127.0.0.1:"), "{base_url}");
    SandboxProcess { child, base_url }
}

fn call(args: &[&str], body: &str) -> Output {
    let mut full = vec!["call"];
    full.extend_from_slice(args);
    mpapi(&full, Some(body))
}

/// `mpapi call ID -` with `body` on stdin, sent to the sandbox at `base` as the test app,
/// with `extra` flags.
fn call_as_app(id: &str, base: &str, extra: &[&str], body: &str) -> Output {
    let mut args = vec![
        id,
        "-",
        "--base-url",
        base,
        "--appid",
        "wx_cli_test",
        "--secret",
        "s3cret",
    ];
    args.extend_from_slice(extra);
    call(&args, body)
}

#[test]
fn call_goes_through_the_client_to_the_sandbox_with_distinct_exit_codes() {
    let sandbox = start_sandbox();
    let base_url = sandbox.base_url.clone();
    let base = base_url.as_str();
    let id = "wechat.user_order.upload_shopping_info";
    let body = example(id).to_string();

    // Success: a token is fetched with appid/secret, the body validated and sent.
    let out = call_as_app(id, base, &[], &body);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).expect("JSON answer");
    assert_eq!(answer["errcode"], 0);

    // A local violation is reported like `validate`, and nothing is sent.
    let mut bad = example(id);
    bad["order_key"]
        .as_object_mut()
        .expect("object")
        .remove("transaction_id");
    bad["order_key"]["order_number_type"] = Value::String("WXPAY_TRADE_NUMBER".into());
    let out = call_as_app(id, base, &[], &bad.to_string());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(lines(&out)[0]["code"], 268485195);

    // Sent anyway, the sandbox answers with the doc's code: a platform error, exit 3.
    let out = call_as_app(id, base, &["--no-validate"], &bad.to_string());
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("268485195"));

    // A wrong secret: no token can be had, exit 5, and the secret is not printed.
    let out = call(
        &[
            id,
            "-",
            "--base-url",
            base,
            "--appid",
            "wx_cli_test",
            "--secret",
            "wrong-secret-value",
        ],
        &body,
    );
    assert_eq!(
        out.status.code(),
        Some(5),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("wrong-secret-value"));

    // An unknown static token: the platform's 40001, and the token is not printed.
    let out = call(
        &[
            id,
            "-",
            "--base-url",
            base,
            "--access-token",
            "not-a-real-token-123",
        ],
        &body,
    );
    assert_eq!(
        out.status.code(),
        Some(3),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!String::from_utf8_lossy(&out.stderr).contains("not-a-real-token-123"));

    // Baidu, with its typed query parameters and the environment variables.
    let bid = "baidu.ordercenter.add_main_info";
    let out = Command::new(env!("CARGO_BIN_EXE_mpapi"))
        .args([
            "call",
            bid,
            "-",
            "--query",
            "open_id=o1",
            "--query",
            "scene_id=s1",
            "--query",
            "scene_type=2",
            "--query",
            "pm_app_key=k1",
        ])
        .env("MPAPI_BASE_URL", base)
        .env("MPAPI_CLIENT_ID", "bd_cli")
        .env("MPAPI_CLIENT_SECRET", "bd_s3cret")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin
                .take()
                .expect("stdin")
                .write_all(example(bid).to_string().as_bytes())?;
            c.wait_with_output()
        })
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    drop(sandbox);

    // Nobody listening any more: a transport failure, exit 4.
    let out = call(&[id, "-", "--base-url", base, "--access-token", "t"], &body);
    assert_eq!(
        out.status.code(),
        Some(4),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn call_says_when_a_body_is_missing_or_paging_does_not_apply() {
    let id = "wechat.logistics.add_order";
    let out = mpapi(&["call", id, "--access-token", "t"], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("sends a JSON body"), "{err}");

    let out = mpapi(
        &["call", id, "-", "--access-token", "t", "--all-pages"],
        Some("{}"),
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("not a paged endpoint"), "{err}");
}

#[test]
fn call_sends_a_get_without_a_body_and_lists_every_page() {
    let sandbox = start_sandbox();
    let base = sandbox.base_url.clone();
    let auth = [
        "--base-url",
        &base,
        "--appid",
        "wx_cli_test",
        "--secret",
        "s3cret",
    ];
    let with = |first: &[&str]| -> Vec<String> {
        first
            .iter()
            .chain(auth.iter())
            .map(|s| (*s).to_owned())
            .collect()
    };

    // A GET endpoint takes no file.
    let args = with(&["call", "wechat.logistics.get_all_delivery"]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = mpapi(&args, None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let answer: Value = serde_json::from_slice(&out.stdout).expect("JSON answer");
    assert!(answer["data"].is_array(), "{answer}");

    // Seven shipped orders, then every one of them through pages of three.
    let upload = "wechat.order_shipping.upload_shipping_info";
    for i in 0..7 {
        let mut body = example(upload);
        body["order_key"] =
            serde_json::json!({"order_number_type": 2, "transaction_id": format!("cli-{i}")});
        let args = with(&["call", upload, "-"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = mpapi(&args, Some(&body.to_string()));
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let args = with(&[
        "call",
        "wechat.order_shipping.get_order_list",
        "-",
        "--all-pages",
    ]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = mpapi(&args, Some(r#"{"page_size": 3}"#));
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let items = lines(&out);
    let ids: Vec<&str> = items
        .iter()
        .filter_map(|o| o["transaction_id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "cli-0", "cli-1", "cli-2", "cli-3", "cli-4", "cli-5", "cli-6"
        ]
    );
    drop(sandbox);
}

/// A file under the system's temporary directory, removed on drop.
struct TempFile(std::path::PathBuf);

impl TempFile {
    fn new(name: &str, text: &str) -> Self {
        let path = std::env::temp_dir().join(format!("mpapi-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, text).expect("write temp file");
        TempFile(path)
    }

    fn path(&self) -> &str {
        self.0.to_str().expect("UTF-8 path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

#[test]
fn a_seed_file_that_cannot_be_used_stops_the_sandbox_with_its_position() {
    let missing = std::env::temp_dir().join("mpapi-cli-no-such-seed.json");
    let out = mpapi(
        &["sandbox", "--seed", missing.to_str().expect("UTF-8")],
        None,
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("{}: cannot read the seed file", missing.display())),
        "{err}"
    );

    let broken = TempFile::new(
        "broken.json",
        "{\"payments\": [\n  {\"transaction_id\": }\n]}",
    );
    let out = mpapi(&["sandbox", "--seed", broken.path()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:2:22: ", broken.path())), "{err}");
    assert!(
        err.contains("\"payments\": ["),
        "the message shows the form: {err}"
    );

    let wrong = TempFile::new(
        "wrong.json",
        r#"{"payments": [{"transaction_id": "t", "mchid": "m", "out_trade_no": "o", "openid": "u"}]}"#,
    );
    let out = mpapi(&["sandbox", "--seed", wrong.path()], None);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{}:1:", wrong.path())), "{err}");
    assert!(err.contains("payments[0] lacks `paid_amount`"), "{err}");
}

#[test]
fn a_seeded_sandbox_ships_only_the_payments_in_its_seed() {
    let seed = TempFile::new(
        "seed.json",
        r#"{"payments": [{"transaction_id": "tx-cli-1", "mchid": "1230000109",
            "out_trade_no": "cli-1", "openid": "o-cli", "paid_amount": 100}]}"#,
    );
    let sandbox = start_sandbox_with(&["--seed", seed.path()]);
    let id = "wechat.order_shipping.upload_shipping_info";
    let upload = |transaction_id: &str, openid: &str| {
        let mut body = example(id);
        body["order_key"]["transaction_id"] = Value::from(transaction_id);
        body["payer"]["openid"] = Value::from(openid);
        call_as_app(id, &sandbox.base_url, &[], &body.to_string())
    };
    let out = upload("tx-unknown", "o-cli");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10060001"));
    let out = upload("tx-cli-1", "o-someone-else");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("10060031"));
    let out = upload("tx-cli-1", "o-cli");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
