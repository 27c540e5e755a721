//! Offline quickstart: starts the in-process sandbox, fetches an access token with an
//! appid and secret, uploads the doc's shopping-details example, and prints the answer.
//!
//! Run it with `cargo run -p mpapi-wechat --example quickstart`.

use std::sync::Arc;

use mpapi_client::{ApiClient, TokenOptions, WechatStableToken};
use mpapi_sandbox::{Sandbox, SandboxConfig};
use mpapi_wechat::client::Client;
use mpapi_wechat::user_order::{UPLOAD_SHOPPING_INFO, UploadShoppingInfoRequest};

#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // A loopback imitation of api.weixin.qq.com that knows one app.
    let sandbox = Sandbox::start(
        SandboxConfig::new(mpapi_wechat::ENDPOINTS.to_vec())
            .wechat_app("wx_demo_app", "demo-secret"),
    )?;
    println!("sandbox listening on {}", sandbox.base_url());

    // Tokens come from POST /cgi-bin/stable_token, cached and refreshed ahead of expiry.
    let tokens = WechatStableToken::with_options(
        "wx_demo_app",
        "demo-secret",
        TokenOptions::default().base_url(sandbox.base_url()),
    )?;
    let api = ApiClient::builder()
        .base_url(sandbox.base_url())
        .token_provider(Arc::new(tokens))
        .build()?;
    let client = Client::new(api);

    // The doc's own example request, cleaned, as kept in the spec.
    let example = UPLOAD_SHOPPING_INFO.examples[0]
        .request
        .ok_or("the spec has an example request")?;
    let request: UploadShoppingInfoRequest = serde_json::from_str(example)?;
    println!(
        "uploading {} order(s) for order key {:?}",
        request.order_list.len(),
        request.order_key.order_number_type.as_str()
    );

    let answer = client.upload_shopping_info(&request).await?;
    println!(
        "upload succeeded: errcode={} errmsg={}",
        answer.errcode, answer.errmsg
    );
    Ok(())
}
