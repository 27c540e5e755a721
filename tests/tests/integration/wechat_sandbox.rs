//! A WeChat sandbox on loopback and a generated client for it, shared by the tests that
//! drive the sandbox's spec-declared behaviour through the client.

use std::sync::Arc;

use mpapi_client::{ApiClient, TokenOptions};
use mpapi_sandbox::{Sandbox, SandboxConfig, SandboxHandle};
use mpapi_wechat::client::Client;
use mpapi_wechat::token::WechatClientCredential;

/// The configuration serving every WeChat endpoint to the app `appid`.
pub fn config(appid: &str, secret: &str) -> SandboxConfig {
    SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec()).wechat_app(appid, secret)
}

/// A sandbox started with `config`.
pub fn start(config: SandboxConfig) -> SandboxHandle {
    Sandbox::start(config).expect("sandbox starts")
}

/// The generated client of the app, with its tokens and calls sent to `sb`.
pub fn client(sb: &SandboxHandle, appid: &str, secret: &str) -> Client {
    let tokens = WechatClientCredential::with_options(
        appid,
        secret,
        TokenOptions::default().base_url(sb.base_url()),
    )
    .expect("provider");
    Client::new(
        ApiClient::builder()
            .base_url(sb.base_url())
            .token_provider(Arc::new(tokens))
            .build()
            .expect("client"),
    )
}
