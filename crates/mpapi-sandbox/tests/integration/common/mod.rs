//! Hand-built endpoint descriptions and a tiny HTTP helper shared by the sandbox tests.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use mpapi_runtime::{EndpointInfo, Envelope, ErrorCodeInfo, ExampleInfo, Path, Violations};
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde_json::Value;

pub const WX_APP: &str = "wx_app_1";
pub const WX_SECRET: &str = "wx-secret-value-1";
pub const BD_APP: &str = "bd_client_1";
pub const BD_SECRET: &str = "bd-secret-value-1";

const fn row(code: i64, message: &'static str) -> ErrorCodeInfo {
    ErrorCodeInfo {
        code,
        message,
        fix: "",
    }
}

fn string_field<'v>(body: &'v Value, name: &'static str) -> Option<&'v str> {
    body.get(name).and_then(Value::as_str)
}

/// Logistics: `order_id` required, at most 512 bytes (9300526); `delivery_id` required
/// (no code).
fn validate_logistics(body: &Value) -> Result<(), Violations> {
    let mut out = Violations::new();
    let root = Path::Root;
    if !body.is_object() {
        out.push(
            &root,
            mpapi_runtime::ConstraintKind::Type,
            None,
            "expected an object",
        );
        return out.into_result();
    }
    if string_field(body, "delivery_id").is_none() {
        out.push(
            &root.field("delivery_id"),
            mpapi_runtime::ConstraintKind::Required,
            None,
            "missing",
        );
    }
    match string_field(body, "order_id") {
        None => out.push(
            &root.field("order_id"),
            mpapi_runtime::ConstraintKind::Required,
            None,
            "missing",
        ),
        Some(id) if id.len() > 512 => out.push(
            &root.field("order_id"),
            mpapi_runtime::ConstraintKind::Bytes,
            Some(9_300_526),
            format_args!("{} bytes, at most 512 allowed", id.len()),
        ),
        Some(_) => {}
    }
    out.into_result()
}

/// The behaviours come from the specs (the `sandbox:` blocks), as generated.
const SANDBOX_LOGISTICS: Option<&mpapi_runtime::sandbox::SandboxSpec> =
    Some(&mpapi_wechat::logistics::ADD_ORDER_SANDBOX);
const SANDBOX_USER_ORDER: Option<&mpapi_runtime::sandbox::SandboxSpec> =
    Some(&mpapi_wechat::user_order::UPLOAD_SHOPPING_INFO_SANDBOX);
const SANDBOX_MALL: Option<&mpapi_runtime::sandbox::SandboxSpec> = None;
const SANDBOX_BAIDU: Option<&mpapi_runtime::sandbox::SandboxSpec> =
    Some(&mpapi_baidu::ordercenter::ADD_MAIN_INFO_SANDBOX);

pub static LOGISTICS: EndpointInfo = EndpointInfo {
    id: "wechat.logistics.add_order",
    interface: "logistics.addOrder",
    title: "Create a waybill",
    method: "POST",
    base_url: "https://api.weixin.qq.com",
    path: "/cgi-bin/express/business/order/add",
    fixed_query: &[],
    token_param: "access_token",
    envelope: Envelope::Errcode,
    request_body: true,
    idempotent: false,
    validate_request: validate_logistics,
    validate_request_json: |body, _| through_value(body, validate_logistics),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[
        row(9_300_526, "字段长度不正确"),
        row(930_561, "参数错误"),
        row(-1, "系统失败"),
        row(47_001, "格式错误"),
    ],
    examples: &[
        ExampleInfo {
            name: "doc_failure",
            request: None,
            response: Some(r#"{"errcode": 9300501, "errmsg": "delivery logic fail"}"#),
        },
        ExampleInfo {
            name: "doc_success",
            request: None,
            response: Some(
                r#"{"order_id": "01234567890123456789", "waybill_id": "123456789", "waybill_data": [{"key": "SF_bagAddr", "value": "广州"}]}"#,
            ),
        },
    ],
    pagination: None,
    sandbox: SANDBOX_LOGISTICS,
};

/// User orders: `order_key` object and `upload_time` string required (no codes).
fn validate_user_order(body: &Value) -> Result<(), Violations> {
    let mut out = Violations::new();
    let root = Path::Root;
    if !body.get("order_key").is_some_and(Value::is_object) {
        out.push(
            &root.field("order_key"),
            mpapi_runtime::ConstraintKind::Required,
            None,
            "missing",
        );
    }
    if string_field(body, "upload_time").is_none() {
        out.push(
            &root.field("upload_time"),
            mpapi_runtime::ConstraintKind::Required,
            Some(268_485_214),
            "missing",
        );
    }
    out.into_result()
}

pub static USER_ORDER: EndpointInfo = EndpointInfo {
    id: "wechat.user_order.upload_shopping_info",
    interface: "uploadShoppingInfo",
    title: "Upload shopping details",
    method: "POST",
    base_url: "https://api.weixin.qq.com",
    path: "/user-order/orders",
    fixed_query: &[],
    token_param: "access_token",
    envelope: Envelope::Errcode,
    request_body: true,
    idempotent: true,
    validate_request: validate_user_order,
    validate_request_json: |body, _| through_value(body, validate_user_order),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[
        row(-1, "system error"),
        row(268_435_461, "参数错误"),
        row(268_485_214, "上传时间必须设置"),
        row(268_485_216, "上传时间非法"),
    ],
    examples: &[ExampleInfo {
        name: "doc",
        request: None,
        response: Some(r#"{"errcode": 0, "errmsg": "ok"}"#),
    }],
    pagination: None,
    sandbox: SANDBOX_USER_ORDER,
};

/// A JSON-text validator made of a `Value` one, for the hand-made endpoints here.
fn through_value(
    body: &[u8],
    validate: fn(&Value) -> Result<(), Violations>,
) -> Result<(), mpapi_runtime::JsonInputError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| mpapi_runtime::JsonInputError::Malformed {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
    validate(&value).map_err(mpapi_runtime::JsonInputError::Invalid)
}

fn accept_any(_: &Value) -> Result<(), Violations> {
    Ok(())
}

pub static MALL: EndpointInfo = EndpointInfo {
    id: "wechat.mall.import_order",
    interface: "importorder",
    title: "Import purchased orders",
    method: "POST",
    base_url: "https://api.weixin.qq.com",
    path: "/mall/importorder",
    fixed_query: &[("action", "add-order")],
    token_param: "access_token",
    envelope: Envelope::Errcode,
    request_body: true,
    idempotent: false,
    validate_request: accept_any,
    validate_request_json: |body, _| through_value(body, accept_any),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[row(9_009_098, "请求参数错误")],
    examples: &[],
    pagination: None,
    sandbox: SANDBOX_MALL,
};

/// Baidu: `Data` array required (no code).
fn validate_baidu(body: &Value) -> Result<(), Violations> {
    let mut out = Violations::new();
    if !body.get("Data").is_some_and(Value::is_array) {
        out.push(
            &Path::Root.field("Data"),
            mpapi_runtime::ConstraintKind::Required,
            None,
            "missing",
        );
    }
    out.into_result()
}

pub static BAIDU: EndpointInfo = EndpointInfo {
    id: "baidu.ordercenter.add_main_info",
    interface: "add/main/info",
    title: "Import order information",
    method: "POST",
    base_url: "https://openapi.baidu.com",
    path: "/rest/2.0/smartapp/ordercenter/app/add/main/info",
    fixed_query: &[],
    token_param: "access_token",
    envelope: Envelope::Errno,
    request_body: true,
    idempotent: true,
    validate_request: validate_baidu,
    validate_request_json: |body, _| through_value(body, validate_baidu),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[],
    examples: &[ExampleInfo {
        name: "doc",
        request: None,
        response: Some(
            r#"{"errno": 0,"msg": "success","data": [{"biz_app_id": "x","cate_id": "1","resource_id": "aa","rows_affected": "0"}]}"#,
        ),
    }],
    pagination: None,
    sandbox: SANDBOX_BAIDU,
};

/// A configuration with every hand-built endpoint and one app per platform.
pub fn config() -> SandboxConfig {
    SandboxConfig::new(vec![&LOGISTICS, &USER_ORDER, &MALL, &BAIDU])
        .wechat_app(WX_APP, WX_SECRET)
        .baidu_app(BD_APP, BD_SECRET)
}

pub fn start(config: SandboxConfig) -> SandboxHandle {
    Sandbox::start(config).expect("the sandbox starts on a free loopback port")
}

/// An HTTP answer: status and body text.
pub struct Answer {
    pub status: u16,
    pub text: String,
}

impl Answer {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).expect("the answer is JSON")
    }
}

/// A plain reqwest client. The build shares reqwest with the generated clients, which
/// hand their clients ring themselves and leave reqwest without a default provider: the
/// test process installs ring as its default (a second install is refused, harmlessly).
pub fn http() -> reqwest::Client {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::new()
}

pub async fn get(url: &str) -> Answer {
    let response = http()
        .get(url)
        .send()
        .await
        .expect("the GET gets an answer");
    let status = response.status().as_u16();
    let text = response.text().await.expect("the body is readable");
    Answer { status, text }
}

pub async fn post(url: &str, body: &str) -> Answer {
    try_post(url, body).await.expect("the POST gets an answer")
}

pub async fn try_post(url: &str, body: &str) -> Result<Answer, reqwest::Error> {
    let response = http()
        .post(url)
        .header("content-type", "application/json")
        .body(body.to_owned())
        .send()
        .await?;
    let status = response.status().as_u16();
    let text = response.text().await?;
    Ok(Answer { status, text })
}

/// A fresh WeChat token from `/cgi-bin/token`.
pub async fn wechat_token(handle: &SandboxHandle) -> String {
    let url = format!(
        "{}/cgi-bin/token?grant_type=client_credential&appid={WX_APP}&secret={WX_SECRET}",
        handle.base_url()
    );
    let answer = get(&url).await.json();
    answer["access_token"]
        .as_str()
        .expect("a token is issued")
        .to_owned()
}

/// A fresh Baidu token from `/oauth/2.0/token`.
pub async fn baidu_token(handle: &SandboxHandle) -> String {
    let url = format!(
        "{}/oauth/2.0/token?grant_type=client_credentials&client_id={BD_APP}&client_secret={BD_SECRET}&scope=smartapp_snsapi_base",
        handle.base_url()
    );
    let answer = get(&url).await.json();
    answer["access_token"]
        .as_str()
        .expect("a token is issued")
        .to_owned()
}

/// The URL of `endpoint` on the sandbox with `token`.
pub fn url(handle: &SandboxHandle, endpoint: &EndpointInfo, token: &str) -> String {
    let mut url = format!(
        "{}{}?{}={token}",
        handle.base_url(),
        endpoint.path,
        endpoint.token_param
    );
    for (k, v) in endpoint.fixed_query {
        url.push_str(&format!("&{k}={v}"));
    }
    url
}
