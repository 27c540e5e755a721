//! Offline quickstart: starts the in-process sandbox, fetches an access token with an
//! appid and secret, uploads shopping details built in Rust, and prints the answer.
//!
//! Run it with `cargo run -p mpapi-wechat --example quickstart`.

use std::sync::Arc;

use mpapi_client::{ApiClient, TokenOptions};
use mpapi_sandbox::{Sandbox, SandboxConfig};
use mpapi_wechat::client::Client;
use mpapi_wechat::token::WechatStableToken;
use mpapi_wechat::user_order::{
    JumpLink, LinkType, OrderItem, OrderKey, OrderNumberType, Payer, ShoppingOrder,
    UploadShoppingInfoRequest,
};

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

    // A request built in Rust: `new` takes the required fields, `with_*` the optional ones.
    let link = JumpLink::new(LinkType::MiniProgram)
        .with_appid("wx_demo_app")
        .with_path("/pages/order/index");
    let item = OrderItem::new(
        "iPhoneX 256G",
        828_800,
        1,
        vec!["https://qpic.cn/phone.jpg".to_owned()],
        link.clone(),
    );
    let request = UploadShoppingInfoRequest::new(
        OrderKey::new(OrderNumberType::WxpayTradeNumber)
            .with_transaction_id("4200001234202105201234567890"),
        vec![ShoppingOrder::new("2343454667633", link, vec![item])],
        Payer::new("oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
        "2021-05-20T13:29:35.120+08:00",
    );
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
