//! Endpoints, request types and servers shared by the client tests. Everything listens
//! on 127.0.0.1 only.
// Each test binary uses a different part of this module.
#![allow(dead_code)]

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use mpapi_client::{ApiClient, RetryPolicy, TokenOptions, TokenProvider};
use mpapi_runtime::{EndpointInfo, Envelope, ErrorCodeInfo, Path, Validate, Violations};
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub const WX_APP: &str = "wx-client-test-app";
pub const WX_SECRET: &str = "wx-SECRET-9f8e7d";
pub const BD_APP: &str = "bd-client-test-app";
pub const BD_SECRET: &str = "bd-SECRET-1a2b3c";

/// The waybill request of the test endpoint: `order_id` at most 16 bytes (code 9300526),
/// `delivery_id` required.
#[derive(Debug, Default, Serialize)]
pub struct Waybill {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub delivery_id: Option<String>,
}

impl Waybill {
    pub fn valid() -> Self {
        Self::numbered(1)
    }

    /// A valid waybill with its own order id (the sandbox refuses a repeated one).
    pub fn numbered(n: u32) -> Self {
        Waybill {
            order_id: Some(format!("order-{n}")),
            delivery_id: Some("SF".into()),
        }
    }
}

impl Validate for Waybill {
    fn validate_at(&self, path: &Path<'_>, out: &mut Violations) {
        match &self.order_id {
            None => out.push(
                &path.field("order_id"),
                mpapi_runtime::ConstraintKind::Required,
                None,
                "missing",
            ),
            Some(id) if id.len() > 16 => out.push(
                &path.field("order_id"),
                mpapi_runtime::ConstraintKind::Bytes,
                Some(9_300_526),
                format_args!("{} bytes, at most 16", id.len()),
            ),
            Some(_) => {}
        }
        if self.delivery_id.is_none() {
            out.push(
                &path.field("delivery_id"),
                mpapi_runtime::ConstraintKind::Required,
                None,
                "missing",
            );
        }
    }
}

/// What the test endpoint answers on success (envelope members included).
#[derive(Debug, Deserialize)]
pub struct WaybillAnswer {
    #[serde(default)]
    pub errcode: i64,
    pub order_id: Option<String>,
    pub waybill_id: Option<String>,
}

fn validate_waybill(body: &Value) -> Result<(), Violations> {
    match serde_json::from_value::<WaybillJson>(body.clone()) {
        Ok(w) => Waybill {
            order_id: w.order_id,
            delivery_id: w.delivery_id,
        }
        .validate(),
        Err(e) => {
            let mut out = Violations::new();
            out.push(&Path::Root, mpapi_runtime::ConstraintKind::Type, None, e);
            Err(out)
        }
    }
}

#[derive(Deserialize)]
struct WaybillJson {
    order_id: Option<String>,
    delivery_id: Option<String>,
}

const fn row(code: i64, message: &'static str, fix: &'static str) -> ErrorCodeInfo {
    ErrorCodeInfo { code, message, fix }
}

/// A WeChat endpoint (errcode envelope) served by the sandbox, with a body shaped like a
/// waybill's. It is declared idempotent so that the tests below exercise the full retry
/// policy; `tests/retry_safety.rs` covers the real, non-idempotent `add_order`.
pub static WAYBILL: EndpointInfo = EndpointInfo {
    id: "wechat.test.waybill",
    interface: "test.waybill",
    title: "A waybill-shaped test endpoint that may be repeated",
    method: "POST",
    base_url: "https://api.weixin.qq.com",
    path: "/cgi-bin/express/business/order/add",
    fixed_query: &[],
    token_param: "access_token",
    envelope: Envelope::Errcode,
    request_body: true,
    idempotent: true,
    validate_request: validate_waybill,
    validate_request_json: |body, _| through_value(body, validate_waybill),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[
        row(
            9_300_526,
            "字段长度不正确",
            "Shorten the field to the documented length.",
        ),
        row(-1, "系统失败", "The system is busy; retry later."),
    ],
    examples: &[],
    pagination: None,
    sandbox: None,
};

fn accept_any(_: &Value) -> Result<(), Violations> {
    Ok(())
}

/// A Baidu endpoint (errno envelope) served by the sandbox.
pub static BAIDU_ORDER: EndpointInfo = EndpointInfo {
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
    validate_request: accept_any,
    validate_request_json: |body, _| through_value(body, accept_any),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[],
    examples: &[],
    pagination: None,
    sandbox: None,
};

/// An endpoint at `/custom`, for the hand-made servers below.
pub static CUSTOM: EndpointInfo = EndpointInfo {
    id: "wechat.test.custom",
    interface: "custom",
    title: "A hand-made test endpoint",
    method: "POST",
    base_url: "https://api.weixin.qq.com",
    path: "/custom",
    fixed_query: &[("action", "test")],
    token_param: "access_token",
    envelope: Envelope::Errcode,
    request_body: true,
    idempotent: true,
    validate_request: accept_any,
    validate_request_json: |body, _| through_value(body, accept_any),
    validate_query: mpapi_runtime::no_query_parameters,
    platform_error_codes: &[],
    error_codes: &[],
    examples: &[],
    pagination: None,
    sandbox: None,
};

/// [`CUSTOM`] with the errno envelope.
pub static CUSTOM_ERRNO: EndpointInfo = EndpointInfo {
    id: "baidu.test.custom",
    envelope: Envelope::Errno,
    ..CUSTOM
};

pub fn sandbox_config() -> SandboxConfig {
    SandboxConfig::new(vec![&WAYBILL, &BAIDU_ORDER])
        .wechat_app(WX_APP, WX_SECRET)
        .baidu_app(BD_APP, BD_SECRET)
}

pub fn start(config: SandboxConfig) -> SandboxHandle {
    Sandbox::start(config).expect("the sandbox starts on a free loopback port")
}

/// Token options pointing at `base`, with short timeouts for tests.
pub fn options(base: &str) -> TokenOptions {
    TokenOptions::default()
        .base_url(base)
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(1))
}

/// Fast retries, so tests stay quick.
pub fn fast_retry(max_retries: u32) -> RetryPolicy {
    RetryPolicy {
        max_retries,
        base_delay: Duration::from_millis(5),
        max_delay: Duration::from_millis(20),
    }
}

/// A client for `base` with `provider`, fast retries and a 2 s timeout.
pub fn client(base: &str, provider: Arc<dyn TokenProvider>, retries: u32) -> ApiClient {
    ApiClient::builder()
        .base_url(base)
        .token_provider(provider)
        .timeout(Duration::from_secs(2))
        .connect_timeout(Duration::from_secs(1))
        .retry(fast_retry(retries))
        .build()
        .expect("the client builds")
}

/// Serves `router` on a free loopback port in the current runtime; returns the base URL.
pub async fn serve(router: Router) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port is free");
    let addr = listener
        .local_addr()
        .expect("a bound socket has an address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, router).await;
    });
    format!("http://{addr}")
}

/// A loopback URL where nothing listens (the port was just released).
pub fn closed_port_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a loopback port is free");
    let addr = listener
        .local_addr()
        .expect("a bound socket has an address");
    drop(listener);
    format!("http://{addr}")
}

/// Parses the body and runs a `Value` validator: enough for these hand-made endpoints.
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
